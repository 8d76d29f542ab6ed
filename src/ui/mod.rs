//! Components: thin bindings from `crate::model` to the DOM. No domain rules live here.

mod adder_card;
mod app;
pub mod browser;
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
