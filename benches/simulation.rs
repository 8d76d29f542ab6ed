//! Simulated requests per second of wall time, 5 adder pods under steady traffic, for the
//! memory, shared volume + lock, and StatefulSet scenarios.
//!
//! `cargo bench --bench simulation` (divan prints the time per run and requests/s as "item/s").
//! Memory over 10^7 requests: `examples/soak.rs`.
//! Rates stay below each scenario's capacity (the lock serialises every add), so the world is
//! in a steady state and every request sent is answered.

use adder_lab::model::sim::{ScenarioId, Settings, World};
use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

/// Requests answered per benchmark run.
const REQUESTS: u64 = 200_000;

fn settings(scenario: ScenarioId) -> Settings {
    let mut settings = Settings::for_scenario(scenario);
    settings.replicas = 5;
    // The lock admits one read-add-write at a time (~440 ms), so about 2.2 adds/s in all.
    let per_minute = match scenario {
        ScenarioId::SharedVolumeLock => 40,
        ScenarioId::StatefulSetHeadless => 30,
        _ => 6_000,
    };
    for client in &mut settings.clients {
        client.requests_per_minute = per_minute;
    }
    settings
}

/// Runs a fresh world until `REQUESTS` are answered; returns how many were (a few more).
fn run(scenario: ScenarioId) -> u64 {
    let mut world = World::with_settings(settings(scenario), 1);
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
