//! A deterministic simulation of the adder on Kubernetes: pods, Services, volumes, a file lock,
//! clients and faults, with a consistency checker. No web dependencies; replayable from a seed.
//!
//! Bird's-eye view: `World` owns everything and changes only in `step` (the next event from
//! one queue ordered by time, then by scheduling order) or `apply` (a command). `cluster.rs`
//! holds the controllers and pod lifecycle, `traffic.rs` the request stages, `checker.rs`
//! judges what clients were told, `snapshot.rs` turns the world into plain data for the UI.

pub mod checker;
mod cluster;
pub mod command;
pub mod design;
mod endpoints;
pub mod history;
mod lifecycle;
pub mod names;
pub mod objects;
pub mod rng;
pub mod scenario;
pub mod snapshot;
mod storage;
mod traffic;
pub mod world;

pub use checker::{Finding, FindingKind, Register};
pub use command::{ClientIndex, Command, CommandError, RequestKind};
pub use scenario::{ScenarioId, Settings, Target};
pub use snapshot::{DnsRecord, Snapshot};
pub use traffic::DEBUG_CLIENT;
pub use world::World;
