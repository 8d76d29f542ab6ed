//! Adder Lab's model: every rule the learner can observe, as plain Rust. This crate has no web
//! dependency (no leptos, web-sys, wasm-bindgen or js-sys), so the compiler keeps it that way;
//! it is tested natively, and the app crate (`adder-lab`) only renders it and binds events.
//! See ARCHITECTURE.md for the code map and the invariants.

pub mod adder;
pub mod amount;
pub mod compare;
pub mod converter;
pub mod embed;
pub mod kubectl;
pub mod lessons;
pub mod lms;
pub mod manifest;
pub mod markup;
pub mod one_server;
pub mod playground;
pub mod recorded;
pub mod sim;

pub use adder::{AddError, Adder};
pub use amount::{AmountError, parse_whole_number};
pub use converter::{Centimetres, ConvertError, metres_to_centimetres};
pub use one_server::{AdderPanel, ConverterPanel};
