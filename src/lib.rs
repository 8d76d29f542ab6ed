//! Adder Lab: stateless vs stateful behaviour on a simulated Kubernetes cluster.
//!
//! `model` is plain Rust (no web dependencies, tested natively); `ui` binds it to the page.
//! See ARCHITECTURE.md for the code map and the invariants.

pub mod model;
pub mod ui;
