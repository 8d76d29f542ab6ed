//! `adder-lab-server bench`: how many requests a second a server sustains, closed loop (each of
//! `--connections` sends its next add as soon as its last is answered), with the answer times'
//! median and 99th percentile. `scripts/bench-server.sh` runs it against each store.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::drive::base_url;
use crate::http_client::Client;

/// The longest bench (the answer times are kept for the percentiles).
pub const SECONDS_MAX: u64 = 60;

pub async fn bench(url: &str, connections: usize, seconds: u64) -> ExitCode {
    let url = match base_url(url) {
        Ok(url) => url,
        Err(why) => {
            eprintln!("adder-lab-server bench: {why}");
            return ExitCode::from(2);
        }
    };
    let client = Client::new(Duration::from_secs(5));
    let started = Instant::now();
    let until = started + Duration::from_secs(seconds.min(SECONDS_MAX));
    let workers: Vec<_> = (0..connections.max(1))
        .map(|_| {
            let (client, target) = (client.clone(), format!("{url}/add?number=1"));
            tokio::spawn(async move {
                let mut times_us = Vec::new();
                let mut failed = 0u64;
                while Instant::now() < until {
                    let sent = Instant::now();
                    match client.get(&target, None).await {
                        Ok(reply) if reply.status == 200 => {
                            times_us.push(sent.elapsed().as_micros() as u64)
                        }
                        _ => failed += 1,
                    }
                }
                (times_us, failed)
            })
        })
        .collect();
    let mut times_us = Vec::new();
    let mut failed = 0;
    for worker in workers {
        if let Ok((times, failures)) = worker.await {
            times_us.extend(times);
            failed += failures;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    times_us.sort_unstable();
    let percentile = |p: usize| percentile(&times_us, p);
    println!(
        "{url}: {:.0} requests/s over {elapsed:.1} s with {connections} connections ({} answered, {failed} failed); answer time p50 {} µs, p99 {} µs",
        times_us.len() as f64 / elapsed,
        times_us.len(),
        percentile(50),
        percentile(99)
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The `p`th percentile of `sorted` (nearest rank below), 0 when it is empty.
pub fn percentile(sorted: &[u64], p: usize) -> u64 {
    sorted
        .get(sorted.len().saturating_sub(1) * p / 100)
        .copied()
        .unwrap_or(0)
}
