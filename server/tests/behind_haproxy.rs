//! The lab's designs with real parts: three `adder-lab-server` processes behind HAProxy
//! (round-robin, as a ClusterIP Service balances), the lab's clients' traffic from the driver,
//! and the lab's checker on the history. Each test finds what the lab's scene finds.
//! Loopback only; every run is a few seconds long and every wait has a deadline.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{Server, answered, check, drive, file_total, haproxy, scratch, server};

/// Three servers of one design, each with `env`.
fn three(env: &[(&str, String)]) -> Vec<Server> {
    (0..3)
        .map(|index| server("adder", &format!("adder-{index}"), env))
        .collect()
}

fn ports(servers: &[Server]) -> Vec<u16> {
    servers.iter().map(|server| server.port).collect()
}

fn file_env(path: &Path, lock: &str, delay_ms: u64) -> Vec<(&'static str, String)> {
    vec![
        ("TOTAL_STORE", "file".to_owned()),
        ("TOTAL_FILE", path.display().to_string()),
        ("FILE_LOCK", lock.to_owned()),
        ("ADD_DELAY_MS", delay_ms.to_string()),
    ]
}

#[test]
fn totals_in_memory_disagree_and_go_down() {
    let dir = scratch("memory");
    let servers = three(&[("TOTAL_STORE", "memory".to_owned())]);
    let Some((_proxy, port)) = haproxy(&dir, &ports(&servers)) else {
        return;
    };
    let history = drive(&dir, port, 3, "600,600,600");
    let (code, printed) = check(&history);
    assert_eq!(code, 1, "findings exit 1");
    assert!(printed.contains("went down: "), "{printed}");
    assert!(printed.contains("conflicting totals: "), "{printed}");
    assert!(
        printed.contains("the adder's total went down, though the adder never subtracts"),
        "{printed}"
    );
    assert!(
        printed.contains("kept in each process's memory"),
        "{printed}"
    );
    // Every process answered some: the balancer spread them.
    for server in &servers {
        assert!(
            server
                .process
                .log()
                .iter()
                .any(|line| line.contains("addAndReturnTotal(")),
            "a server answered nothing"
        );
    }
}

#[test]
fn a_shared_file_with_the_lock_holds_every_acknowledged_add() {
    let dir = scratch("locked");
    let total = dir.join("total");
    let servers = three(&file_env(&total, "on", 5));
    let Some((_proxy, port)) = haproxy(&dir, &ports(&servers)) else {
        return;
    };
    let history = drive(&dir, port, 3, "600,600,600");
    let (code, printed) = check(&history);
    assert_eq!(code, 0, "no finding: {printed}");
    assert!(printed.contains("No anomalies: every answer fits one running total, and the store holds every acknowledged add."), "{printed}");
    let (answered, failed) = answered(&history);
    assert_eq!(failed, 0);
    assert!(answered.len() > 60, "{} answered", answered.len());
    let sum: u64 = answered.iter().map(|(number, _)| number).sum();
    assert_eq!(
        file_total(&total),
        sum,
        "the file holds exactly the acknowledged adds"
    );
    assert_eq!(
        answered.iter().map(|(_, total)| *total).max(),
        Some(sum),
        "the last answer is the total"
    );
}

#[test]
fn a_shared_file_without_the_lock_loses_updates() {
    let dir = scratch("unlocked");
    let total = dir.join("total");
    // 30 adds a second, each 40 ms between its read and its write: they overlap.
    let servers = three(&file_env(&total, "off", 40));
    let Some((_proxy, port)) = haproxy(&dir, &ports(&servers)) else {
        return;
    };
    let history = drive(&dir, port, 3, "600,600,600");
    let (code, printed) = check(&history);
    assert_eq!(code, 1, "{printed}");
    assert!(
        printed.contains("lost update: Lost update on the adder's total: acknowledged adds sum to"),
        "{printed}"
    );
    let (answered, _) = answered(&history);
    let sum: u64 = answered.iter().map(|(number, _)| number).sum();
    assert!(file_total(&total) < sum, "the file lost some of {sum}");
}

#[test]
fn sigterm_mid_load_loses_no_acknowledged_add_with_the_lock() {
    let dir = scratch("sigterm");
    let total = dir.join("total");
    let mut servers = three(&file_env(&total, "on", 20));
    let Some((_proxy, port)) = haproxy(&dir, &ports(&servers)) else {
        return;
    };
    let stopping = std::thread::spawn({
        let dir = dir.clone();
        move || drive(&dir, port, 4, "1200,1200,1200")
    });
    std::thread::sleep(Duration::from_millis(1500));
    servers[1].process.terminate();
    let status = servers[1].process.wait_exit(Duration::from_secs(10));
    let history = stopping.join().unwrap();
    assert!(status.success(), "the stopped server exits 0: {status:?}");
    let log = servers[1].process.log();
    assert!(
        log.iter().any(
            |line| line.ends_with("SIGTERM: taking no new requests, finishing those in flight")
        ),
        "{log:?}"
    );
    assert!(
        log.last()
            .is_some_and(|line| line.ends_with("stopped: every request in flight was answered")),
        "{log:?}"
    );
    let (code, printed) = check(&history);
    assert_eq!(code, 0, "{printed}");
    let (answered, _) = answered(&history);
    let sum: u64 = answered.iter().map(|(number, _)| number).sum();
    // A failed add may have been added before its answer was lost: the file holds at least
    // every acknowledged one.
    assert!(file_total(&total) >= sum, "{} < {sum}", file_total(&total));
    // The others went on answering after it stopped.
    let late = servers[0].process.log().len() + servers[2].process.log().len();
    assert!(late > log.len(), "the other two answered the rest");
}

#[test]
fn three_tiers_give_one_consistent_total() {
    let dir = scratch("three-tier");
    let db_file = dir.join("db-total");
    let db = server(
        "db",
        "db-0",
        &[("TOTAL_FILE", db_file.display().to_string())],
    );
    let servers = three(&[
        ("TOTAL_STORE", "database".to_owned()),
        ("DATABASE_HOST", format!("127.0.0.1:{}", db.port)),
    ]);
    let Some((_proxy, port)) = haproxy(&dir, &ports(&servers)) else {
        return;
    };
    let history = drive(&dir, port, 3, "600,600,600");
    let (code, printed) = check(&history);
    assert_eq!(code, 0, "{printed}");
    assert!(
        printed.contains("the total is kept in a database"),
        "{printed}"
    );
    let (answered, failed) = answered(&history);
    assert_eq!(failed, 0);
    let sum: u64 = answered.iter().map(|(number, _)| number).sum();
    assert_eq!(file_total(&db_file), sum);
}
