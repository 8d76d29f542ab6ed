//! Seeking in a long busy run, natively: `cargo run --profile bench --example seek`.
//!
//! Runs 10 minutes of adder-memory at 16 pods and 200 requests/s, then seeks to 300 moments
//! spread over the run (in a shuffled order) and prints the time per seek (p50, p95, max), the
//! checkpoints held and the memory they take (resident memory before and after the run, Linux).
//! The browser figure (what the budget is about) comes from `make bench-web`.

use std::time::Instant;

use adder_lab_model::playground::{Link, Playground};

const RUN_MS: u64 = 600_000;
const SEEKS: u64 = 300;

fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let (link, _) =
        Link::parse("scenario=adder-memory&seed=1&actions=0.n.16~0.r.0.4000~0.r.1.4000~0.r.2.4000");
    let mut playground = Playground::from_link(link);
    let before_kib = resident_kib();
    let started = Instant::now();
    playground.advance_to(RUN_MS);
    let run_s = started.elapsed().as_secs_f64();
    let after_kib = resident_kib();
    let (checkpoints, every_events) = playground.checkpoint_stats();
    println!(
        "10 min run: {} events in {run_s:.2} s; {checkpoints} checkpoints, one every {every_events} events; resident memory grew {} KiB",
        playground.world().stats().events_processed,
        match (before_kib, after_kib) {
            (Some(before), Some(after)) => (after - before).to_string(),
            _ => "?".to_owned(),
        }
    );
    // A fixed stride through the run visits moments in a scattered order without a PRNG.
    let mut seeks_ms: Vec<f64> = (0..SEEKS)
        .map(|i| {
            let at_ms = (i * 7_919 % SEEKS) * RUN_MS / SEEKS;
            let started = Instant::now();
            playground.seek_ms(at_ms);
            started.elapsed().as_secs_f64() * 1_000.0
        })
        .collect();
    seeks_ms.sort_by(f64::total_cmp);
    let at = |q: f64| seeks_ms[((q * SEEKS as f64) as usize).min(seeks_ms.len() - 1)];
    println!(
        "seek: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms over {SEEKS} moments",
        at(0.5),
        at(0.95),
        seeks_ms[seeks_ms.len() - 1]
    );
}
