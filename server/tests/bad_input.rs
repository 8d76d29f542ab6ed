//! Bad input to a real server: a clear 4xx or 5xx, and nothing lost; the log says what happened.

mod common;

use std::path::PathBuf;

use common::{BIN, Server, get, scratch, server};

/// An adder keeping its total in a file of its own (with the lock), and the file's path.
fn file_adder(name: &str) -> (Server, PathBuf) {
    let path = scratch(name).join("total");
    let adder = server(
        "adder",
        "adder-0",
        &[
            ("TOTAL_STORE", "file".to_owned()),
            ("TOTAL_FILE", path.display().to_string()),
        ],
    );
    (adder, path)
}

#[test]
fn bad_numbers_are_refused_with_a_400_and_nothing_is_added() {
    let (adder, path) = file_adder("bad-numbers");
    let port = adder.port;
    assert_eq!(get(port, "/add?number=2"), Some((200, "2\n".to_owned())));
    assert_eq!(
        get(port, "/addAndReturnTotal?number=3"),
        Some((200, "5\n".to_owned()))
    );
    for (query, says) in [
        ("/add?number=abc", "\u{201c}abc\u{201d} is not a number"),
        ("/add?number=2.5", "has a fractional part"),
        ("/add?number=-3", "is negative"),
        ("/add?number=99999999999999999999999", "is too large"),
        ("/add?number=", "Type a whole number first"),
        ("/add", "no number given: GET /add?number=5"),
    ] {
        let (status, body) = get(port, query).unwrap();
        assert_eq!(status, 400, "{query}: {body}");
        assert!(body.contains(says), "{query}: {body}");
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "5\n",
        "nothing added"
    );
    let (status, body) = get(port, "/convert?meters=2").unwrap();
    assert_eq!(status, 404);
    assert!(
        body.starts_with("404 page not found\n# This server answers /add?number=N."),
        "{body}"
    );
    assert_eq!(
        get(port, "/store"),
        Some((200, "{\"store\":\"file\",\"total\":5}\n".to_owned()))
    );
    assert_eq!(get(port, "/ready"), Some((200, "ready\n".to_owned())));
    assert_eq!(get(port, "/healthz"), Some((200, "ok\n".to_owned())));
    let log = adder.process.log();
    assert!(
        log.iter()
            .any(|line| line.starts_with("t=")
                && line.ends_with("s addAndReturnTotal(3) returned 5")),
        "{log:?}"
    );
    assert!(
        log.iter().any(|line| line
            .contains("addAndReturnTotal(\"abc\") refused: \u{201c}abc\u{201d} is not a number")),
        "{log:?}"
    );
}

#[test]
fn a_corrupt_total_file_or_an_overflow_is_refused_and_the_file_kept() {
    let (adder, path) = file_adder("corrupt");
    std::fs::write(&path, "12abc\n").unwrap();
    let (status, body) = get(adder.port, "/add?number=1").unwrap();
    assert_eq!(status, 500);
    assert!(
        body.contains(
            "holds \"12abc\\n\", not a whole number: nothing was added; fix or remove the file"
        ),
        "{body}"
    );
    assert_eq!(get(adder.port, "/store").unwrap().0, 500);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "12abc\n");
    std::fs::write(&path, "12\n").unwrap();
    assert_eq!(
        get(adder.port, "/add?number=1"),
        Some((200, "13\n".to_owned()))
    );
    std::fs::write(&path, format!("{}\n", u64::MAX - 1)).unwrap();
    assert_eq!(
        get(adder.port, "/add?number=5"),
        Some((422, "the total would overflow\n".to_owned()))
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("{}\n", u64::MAX - 1)
    );
}

#[test]
fn the_converter_is_stateless_and_a_missing_database_is_a_502() {
    let converter = server("converter", "converter-0", &[]);
    assert_eq!(
        get(converter.port, "/convert?meters=1.25"),
        Some((200, "125\n".to_owned()))
    );
    assert_eq!(
        get(converter.port, "/convert?meters=1.25"),
        Some((200, "125\n".to_owned()))
    );
    let (status, body) = get(converter.port, "/convert?meters=1.234").unwrap();
    assert_eq!(status, 400);
    assert!(body.contains("more than two decimal places"), "{body}");
    assert_eq!(get(converter.port, "/add?number=1").unwrap().0, 404);

    // A database nobody listens on (port 1 on loopback refuses).
    let adder = server(
        "adder",
        "adder-0",
        &[
            ("TOTAL_STORE", "database".to_owned()),
            ("DATABASE_HOST", "127.0.0.1:1".to_owned()),
        ],
    );
    let (status, body) = get(adder.port, "/add?number=1").unwrap();
    assert_eq!(status, 502);
    assert!(
        body.starts_with("the database at 127.0.0.1:1 did not answer:"),
        "{body}"
    );
    assert!(body.trim_end().ends_with("nothing was added"), "{body}");
}

#[test]
fn an_environment_the_server_cannot_use_stops_it_with_the_variable_named() {
    let output = std::process::Command::new(BIN)
        .args(["adder", "--listen", "127.0.0.1:0"])
        .env("TOTAL_STORE", "disk")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("adder-lab-server adder: TOTAL_STORE is \"disk\""),
        "{stderr}"
    );
}

#[test]
fn the_checker_refuses_a_file_that_is_not_a_history() {
    let dir = scratch("not-a-history");
    let path = dir.join("history.jsonl");
    std::fs::write(&path, "{\"type\":\"request\",\"id\":1}\nhello\n").unwrap();
    let output = std::process::Command::new(BIN)
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("history.jsonl:1: missing field `client`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("history.jsonl:2: expected value at line 1 column 1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("is not a history the driver wrote; nothing was checked"),
        "{stderr}"
    );
}
