//! The model: plain Rust with no web dependencies (see ARCHITECTURE.md).
//!
//! Everything the page shows is computed here and only bound to the DOM by `crate::ui`.

pub mod adder;
pub mod amount;
pub mod converter;
pub mod lessons;
pub mod markup;
pub mod one_server;
pub mod playground;
pub mod sim;

pub use adder::{AddError, Adder};
pub use amount::{AmountError, parse_whole_number};
pub use converter::{Centimetres, ConvertError, metres_to_centimetres};
pub use one_server::{AdderPanel, ConverterPanel};
