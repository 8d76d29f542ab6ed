//! What a link got wrong, listed in one alert (nothing when everything was read).

use leptos::prelude::*;

#[component]
pub fn LinkProblems(id: &'static str, intro: &'static str, problems: Vec<String>) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        view! {
            <div id=id class="notice" role="alert">
                <p>{intro}</p>
                <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </div>
        }
    })
}
