//! What a link got wrong, listed in one alert (nothing when everything was read).

use leptos::prelude::*;

/// `problems` may grow while the page runs (a replayed action that cannot apply).
#[component]
pub fn LinkProblems(
    id: &'static str,
    intro: &'static str,
    #[prop(into)] problems: Signal<Vec<String>>,
) -> impl IntoView {
    move || {
        problems.with(|problems| {
            (!problems.is_empty()).then(|| {
                view! {
                    <div id=id class="notice" role="alert">
                        <p>{intro}</p>
                        <ul>{problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
                    </div>
                }
            })
        })
    }
}
