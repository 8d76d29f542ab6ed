//! What a link got wrong, listed in one alert (empty, and hidden by `.notice:empty`, when
//! everything was read).

use leptos::prelude::*;

use crate::model::markup::push_escaped;

/// `problems` may grow while the page runs (a replayed action that cannot apply). Markup
/// rather than a view per problem: it keeps the first load small. The alert is there from the
/// start, so a problem found later is announced.
#[component]
pub fn LinkProblems(
    id: &'static str,
    intro: &'static str,
    #[prop(into)] problems: Signal<Vec<String>>,
) -> impl IntoView {
    let html = move || {
        problems.with(|problems| {
            let mut html = String::new();
            if !problems.is_empty() {
                html.push_str("<p>");
                push_escaped(&mut html, intro);
                html.push_str("</p><ul>");
                for problem in problems {
                    html.push_str("<li>");
                    push_escaped(&mut html, problem);
                    html.push_str("</li>");
                }
                html.push_str("</ul>");
            }
            html
        })
    };
    view! { <div id=id class="notice" role="alert" inner_html=html></div> }
}
