//! Simulated requests per second of wall time, 5 adder pods under steady traffic, for the
//! memory, shared volume + lock, and StatefulSet scenarios.
//!
//! `cargo bench --bench simulation` (divan prints the time per run and requests/s as "item/s").
//! Memory over 10^7 requests: `examples/soak.rs`.
//! The workload is `benchmark_settings` (5 pods, steady traffic each scenario can serve).

use adder_lab_model::sim::scenario::benchmark_settings;
use adder_lab_model::sim::{ScenarioId, World};
use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

/// Requests answered per benchmark run.
const REQUESTS: u64 = 200_000;

/// Runs a fresh world until `REQUESTS` are answered; returns how many were (a few more).
fn run(scenario: ScenarioId) -> u64 {
    let mut world = World::with_settings(benchmark_settings(scenario), 1);
    while world.stats().requests_answered < REQUESTS {
        world.run_for(60_000);
    }
    world.stats().requests_answered
}

#[divan::bench(
    args = [ScenarioId::AdderMemory, ScenarioId::SharedVolumeLock, ScenarioId::StatefulSetHeadless],
    sample_count = 20,
)]
fn steady_traffic(bencher: Bencher, scenario: ScenarioId) {
    let answered = run(scenario); // deterministic: every run answers exactly this many
    bencher
        .counter(ItemsCount::new(answered))
        .bench(|| divan::black_box(run(scenario)));
}
