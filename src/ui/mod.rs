//! Components: thin bindings from `crate::model` to the DOM. No domain rules live here.

mod adder_card;
mod app;
mod converter_card;

pub use adder_card::AdderCard;
pub use app::App;
pub use converter_card::ConverterCard;
