//! The load driver: the lab's clients (Alice, Bob, Carol) sending their adds to a real URL, at
//! the times and with the numbers of the lab's request stream for a seed
//! (`compare::stream::RequestStream`, the one the compare page feeds its lanes), each request on
//! its own so they overlap as the lab's do, and the history written as JSON lines.
//!
//! Open loop: a request goes at its time whether or not earlier ones have come back (at most
//! `--in-flight` at once; beyond that, sends wait, and the lateness it reports shows it).

use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use adder_lab_model::compare::stream::RequestStream;
use adder_lab_model::sim::scenario::CLIENT_NAMES;
use tokio::sync::{Semaphore, mpsc};

use crate::history::{Line, When};
use crate::http_client::{Client, Reply};

/// The most requests one run sends (the lateness of each is kept for its percentiles).
pub const REQUESTS_MAX: u64 = 2_000_000;

pub struct DriveOptions {
    pub url: String,
    pub seed: u64,
    pub seconds: u64,
    pub rates_per_minute: Vec<u32>,
    pub out: PathBuf,
    pub timeout: Duration,
    pub in_flight_max: usize,
}

/// The URL without a trailing `/`, or why it cannot be driven.
pub fn base_url(url: &str) -> Result<String, String> {
    let base = url.trim_end_matches('/');
    if let Some(rest) = base.strip_prefix("https://") {
        return Err(format!(
            "https is not supported: port-forward the Service (kubectl port-forward service/adder 8080:80) and use http://127.0.0.1:8080, or http://{rest}"
        ));
    }
    match base.strip_prefix("http://") {
        Some(rest) if !rest.is_empty() && !rest.contains('/') => Ok(base.to_owned()),
        Some(_) => Err(format!(
            "{url}: give the server's address only, e.g. http://127.0.0.1:8080 (the driver calls /add and /store)"
        )),
        None => Err(format!(
            "{url}: a URL starts with http://, e.g. http://127.0.0.1:8080"
        )),
    }
}

pub async fn drive(options: DriveOptions) -> ExitCode {
    match run(options).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("adder-lab-server drive: {why}");
            ExitCode::from(2)
        }
    }
}

async fn run(options: DriveOptions) -> Result<(), String> {
    let url = base_url(&options.url)?;
    if !(1..=CLIENT_NAMES.len()).contains(&options.rates_per_minute.len()) {
        return Err(format!(
            "--rates takes one rate a minute per client, {} at most ({})",
            CLIENT_NAMES.len(),
            CLIENT_NAMES.join(", ")
        ));
    }
    let expected: u64 = options
        .rates_per_minute
        .iter()
        .map(|rate| u64::from(*rate) * options.seconds / 60)
        .sum();
    if expected > REQUESTS_MAX {
        return Err(format!(
            "these rates for {} s make about {expected} requests; one run sends at most {REQUESTS_MAX}",
            options.seconds
        ));
    }
    let file = File::create(&options.out)
        .map_err(|error| format!("{}: {error}", options.out.display()))?;
    let mut out = BufWriter::new(file);
    let client = Client::new(options.timeout);
    let started = Instant::now();
    let since = move || started.elapsed().as_micros() as u64;

    let before = read_store(&client, &url, When::Before, since()).await;
    write_line(&mut out, &before)?;

    let (lines, mut finished) = mpsc::channel::<Line>(1024);
    let writer = tokio::spawn(async move {
        let (mut answered, mut failed) = (0u64, 0u64);
        let mut first_error: Option<String> = None;
        while let Some(line) = finished.recv().await {
            if let Line::Request { error, .. } = &line {
                match error {
                    None => answered += 1,
                    Some(error) => {
                        failed += 1;
                        first_error.get_or_insert_with(|| error.clone());
                    }
                }
            }
            write_line(&mut out, &line)?;
        }
        Ok::<_, String>((out, answered, failed, first_error))
    });

    let permits = Arc::new(Semaphore::new(options.in_flight_max.max(1)));
    let mut stream = RequestStream::new(options.seed, &options.rates_per_minute);
    let end_ms = options.seconds.saturating_mul(1000);
    let mut lateness_us: Vec<u64> = Vec::new();
    let mut id = 0u64;
    while let Some(request) = stream.take() {
        if request.at_ms > end_ms {
            break;
        }
        let due = started + Duration::from_millis(request.at_ms);
        tokio::time::sleep_until(due.into()).await;
        let permit = permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|error| error.to_string())?;
        lateness_us.push(Instant::now().saturating_duration_since(due).as_micros() as u64);
        id += 1;
        let (client, lines) = (client.clone(), lines.clone());
        let target = format!("{url}/add?number={}", request.number);
        tokio::spawn(async move {
            let sent_us = since();
            let reply = client.get(&target, Some(id)).await;
            let answered_us = since();
            let line = request_line(
                id,
                request.client,
                request.number,
                sent_us,
                answered_us,
                reply,
            );
            let _ = lines.send(line).await;
            drop(permit);
        });
    }
    drop(lines);
    let (mut out, answered, failed, first_error) =
        writer.await.map_err(|error| error.to_string())??;

    let after = read_store(&client, &url, When::After, since()).await;
    write_line(&mut out, &after)?;
    out.flush()
        .map_err(|error| format!("{}: {error}", options.out.display()))?;

    lateness_us.sort_unstable();
    let percentile = |p: usize| crate::bench::percentile(&lateness_us, p);
    println!(
        "sent {id} requests in {:.1} s to {url} (seed {}, {} a minute from {}): {answered} answered, {failed} failed",
        started.elapsed().as_secs_f64(),
        options.seed,
        options
            .rates_per_minute
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("/"),
        CLIENT_NAMES[..options.rates_per_minute.len()].join("/"),
    );
    if let Some(error) = first_error {
        println!("the first failure: {error}");
    }
    println!(
        "sends late by p50 {} µs, p99 {} µs, max {} µs (the driver's own overhead)",
        percentile(50),
        percentile(99),
        lateness_us.last().copied().unwrap_or(0)
    );
    println!(
        "history in {}; check it with: adder-lab-server check {}",
        options.out.display(),
        options.out.display()
    );
    Ok(())
}

fn write_line(out: &mut impl std::io::Write, line: &Line) -> Result<(), String> {
    let mut text = serde_json::to_string(line).map_err(|error| error.to_string())?;
    text.push('\n');
    out.write_all(text.as_bytes())
        .map_err(|error| format!("writing the history: {error}"))
}

fn request_line(
    id: u64,
    client: usize,
    number: u64,
    sent_us: u64,
    answered_us: u64,
    reply: Result<Reply, String>,
) -> Line {
    let (total, error, served_by) = match reply {
        Ok(reply) => match (reply.status, reply.body.trim().parse::<u64>()) {
            (200, Ok(total)) => (Some(total), None, reply.served_by),
            (status, _) => {
                let first_line = reply.body.lines().next().unwrap_or("").to_owned();
                (
                    None,
                    Some(format!("{status}: {first_line}")),
                    reply.served_by,
                )
            }
        },
        Err(why) => (None, Some(why), None),
    };
    Line::Request {
        id,
        client: CLIENT_NAMES.get(client).copied().unwrap_or("?").to_owned(),
        number,
        sent_us,
        answered_us,
        total,
        error,
        served_by,
    }
}

/// The store's reading (`GET /store`), or a note on stderr and a memory reading of 0 when the
/// server does not answer it (nothing is then compared with the store).
async fn read_store(client: &Client, url: &str, when: When, at_us: u64) -> Line {
    let reading = match client.get(&format!("{url}/store"), None).await {
        Ok(reply) if reply.status == 200 => serde_json::from_str::<serde_json::Value>(&reply.body)
            .ok()
            .and_then(|value| {
                Some((
                    value.get("store")?.as_str()?.to_owned(),
                    value.get("total")?.as_u64()?,
                ))
            }),
        Ok(reply) => {
            eprintln!(
                "note: {url}/store answered {}: {}",
                reply.status,
                reply.body.trim()
            );
            None
        }
        Err(why) => {
            eprintln!("note: {url}/store: {why}");
            None
        }
    };
    let (store, total) = reading.unwrap_or_else(|| ("memory".to_owned(), 0));
    Line::Store {
        when,
        store,
        total,
        at_us,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_an_http_address_without_a_path() {
        assert_eq!(
            base_url("http://127.0.0.1:8080/").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert!(
            base_url("https://adder.example")
                .unwrap_err()
                .contains("port-forward")
        );
        assert!(
            base_url("127.0.0.1:8080")
                .unwrap_err()
                .contains("starts with http://")
        );
        assert!(
            base_url("http://127.0.0.1:8080/add")
                .unwrap_err()
                .contains("address only")
        );
    }

    #[test]
    fn an_answer_is_a_total_or_an_error_in_the_line() {
        let reply = |status, body: &str| {
            Ok(Reply {
                status,
                body: body.to_owned(),
                served_by: Some("adder-1".to_owned()),
            })
        };
        let line = request_line(3, 1, 5, 10, 20, reply(200, "17\n"));
        assert!(
            matches!(line, Line::Request { total: Some(17), error: None, ref served_by, .. } if served_by.as_deref() == Some("adder-1"))
        );
        let line = request_line(
            4,
            2,
            5,
            10,
            20,
            reply(500, "the total file /data/total holds \"x\"\n"),
        );
        assert!(
            matches!(line, Line::Request { total: None, error: Some(ref error), .. } if error == "500: the total file /data/total holds \"x\"")
        );
        let line = request_line(5, 0, 5, 10, 20, Err("connection refused".to_owned()));
        assert!(
            matches!(line, Line::Request { ref client, error: Some(_), .. } if client == "Alice")
        );
    }
}
