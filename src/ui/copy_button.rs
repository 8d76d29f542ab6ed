//! A button that copies text (the page's link, the YAML) to the clipboard.

use leptos::prelude::*;

/// Copies `text` to the clipboard; the label changes to `done` once the browser confirmed, and
/// a refusal puts `refused` in the page's `notice`.
#[component]
pub fn CopyButton(
    id: &'static str,
    label: &'static str,
    done: &'static str,
    refused: &'static str,
    /// Read when clicked.
    #[prop(into)]
    text: Signal<String>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        crate::ui::browser::copy_text(&text.get_untracked(), move |ok| {
            copied.set(ok);
            if !ok {
                notice.set(Some(refused.to_owned()));
            }
        })
    };
    view! {
        <button id=id type="button" on:click=copy>
            {move || if copied.get() { done } else { label }}
        </button>
    }
}
