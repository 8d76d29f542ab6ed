//! Memory and speed over a long run:
//! `cargo run --profile bench --example soak -- [scenario] [requests]`.
//!
//! Runs a scenario with 5 adder pods under steady traffic until `requests` (default 10^7) are
//! answered, printing the resident memory (VmRSS, Linux) and requests/s at every tenth.
//! Everything that grows in the world is bounded, so the memory column must stay flat.

use std::time::Instant;

use adder_lab_model::sim::scenario::benchmark_settings;
use adder_lab_model::sim::{ScenarioId, World};

fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let scenario = ScenarioId::parse(&args.next().unwrap_or_else(|| "adder-memory".into()))
        .unwrap_or_else(|error| panic!("{error}"));
    let target: u64 = args
        .next()
        .map_or(10_000_000, |n| n.parse().expect("a number of requests"));
    let mut world = World::with_settings(benchmark_settings(scenario), 1);
    let started = Instant::now();
    println!(
        "{:>12} {:>14} {:>12} {:>10}",
        "answered", "virtual s", "req/s", "RSS KiB"
    );
    let mut next_report = target / 10;
    while world.stats().requests_answered < target {
        world.run_for(10_000);
        let answered = world.stats().requests_answered;
        if answered >= next_report {
            let rate = answered as f64 / started.elapsed().as_secs_f64();
            println!(
                "{answered:>12} {:>14} {rate:>12.0} {:>10}",
                world.now_ms() / 1000,
                resident_kib().map_or("?".into(), |kib| kib.to_string())
            );
            next_report += target / 10;
        }
    }
    println!(
        "findings: {}, in flight: {}",
        world.checker().total_findings(),
        world.in_flight_count()
    );
}
