//! Components: thin bindings from `crate::model` to the DOM. No domain rules live here.

mod adder_card;
mod app;
pub mod browser;
pub mod cards;
pub mod compare;
mod converter_card;
mod copy_button;
pub mod lab;
pub mod lessons;
mod link_problems;
pub mod playground;
#[cfg(feature = "prerender")]
pub mod prerender;
pub mod start;

pub use adder_card::AdderCard;
pub use app::{App, FirstScreen};
pub use converter_card::ConverterCard;
pub use copy_button::CopyButton;
pub use lab::LabView;
use link_problems::LinkProblems;

/// Mounts `view` into `root`, a root of its own that lives as long as the page: not a reactive
/// child of the view around it, which would carry the diffing code of its whole tree (the lab and
/// its parts are mounted this way, each in a task after a paint).
pub(crate) fn mount_into<V: leptos::prelude::IntoView + 'static>(
    root: leptos::prelude::NodeRef<leptos::html::Div>,
    view: impl FnOnce() -> V + 'static,
) {
    use leptos::prelude::GetUntracked;
    if let Some(root) = root.get_untracked() {
        leptos::mount::mount_to(root.into(), view).forget();
    }
}
