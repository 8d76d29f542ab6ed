//! Adder Lab: stateless vs stateful behaviour on a simulated Kubernetes cluster.
//!
//! The rules live in the `adder-lab-model` crate (plain Rust, no web dependencies, tested
//! natively), re-exported here as `model`; `ui` renders it and binds events to it.
//! See ARCHITECTURE.md for the code map and the invariants.

pub use adder_lab_model as model;
pub mod terminal;
pub mod ui;
