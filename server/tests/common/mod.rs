//! Real processes on loopback for the server's tests: the `adder-lab-server` binary this build
//! made, and Debian's HAProxy in front of it (`HAPROXY`, else on the PATH or in /usr/sbin).
//! Every process is killed when its handle drops, and every wait has a deadline.

#![allow(dead_code)] // each test file uses a part of it

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_adder-lab-server");

/// A folder of the test's own under the target directory's temp.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("adder-lab-server-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A child process, killed when dropped.
pub struct Process {
    pub child: Child,
    /// Its stdout's lines after the first (a server's log).
    pub lines: Arc<Mutex<Vec<String>>>,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Process {
    pub fn log(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    /// SIGTERM, as the kubelet stops a container.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub fn wait_exit(&mut self, within: Duration) -> ExitStatus {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the process did not exit within {within:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A server program listening on a free loopback port.
pub struct Server {
    pub process: Process,
    pub port: u16,
}

pub fn server(program: &str, name: &str, env: &[(&str, String)]) -> Server {
    let mut child = Command::new(BIN)
        .args([program, "--listen", "127.0.0.1:0"])
        .env_clear()
        .env("HOSTNAME", name)
        .envs(env.iter().map(|(key, value)| (*key, value.as_str())))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let port = first
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("no port in the first line: {first:?}"));
    let lines = Arc::new(Mutex::new(Vec::new()));
    let kept = lines.clone();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            kept.lock().unwrap().push(line);
        }
    });
    Server {
        process: Process { child, lines },
        port,
    }
}

fn haproxy_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("HAPROXY") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/sbin")])
        .map(|dir| dir.join("haproxy"))
        .find(|candidate| candidate.is_file())
}

/// HAProxy, round-robin over `backends` (health-checked on `/ready`), or `None` when it is not
/// installed and the run does not require it (`make test` sets `ADDER_LAB_REQUIRE_HAPROXY=1`).
pub fn haproxy(dir: &Path, backends: &[u16]) -> Option<(Process, u16)> {
    let Some(binary) = haproxy_binary() else {
        assert!(
            std::env::var_os("ADDER_LAB_REQUIRE_HAPROXY").is_none(),
            "HAProxy is not installed: scripts/bootstrap.sh test installs Debian's haproxy"
        );
        eprintln!("skipped: HAProxy is not installed (scripts/bootstrap.sh test installs it)");
        return None;
    };
    let port = free_port();
    let servers: String = backends
        .iter()
        .enumerate()
        .map(|(index, backend)| format!("  server adder-{index} 127.0.0.1:{backend} check\n"))
        .collect();
    let config = format!(
        "global\n  maxconn 4096\n\
         defaults\n  mode http\n  timeout connect 1s\n  timeout client 10s\n  timeout server 10s\n  retries 3\n  option redispatch 1\n\
         frontend adder\n  bind 127.0.0.1:{port}\n  default_backend adders\n\
         backend adders\n  balance roundrobin\n  option httpchk GET /ready\n  default-server inter 200ms fall 1 rise 2\n{servers}"
    );
    let path = dir.join("haproxy.cfg");
    std::fs::write(&path, config).unwrap();
    let child = Command::new(binary)
        .args(["-db", "-f"])
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let process = Process {
        child,
        lines: Arc::default(),
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while get(port, "/ready").is_none() {
        assert!(
            Instant::now() < deadline,
            "HAProxy did not answer on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some((process, port))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One GET on loopback, as curl would: the status and the body (`None` if nothing answered).
pub fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split(' ').nth(1)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n")?.1.to_owned();
    Some((status, body))
}

/// Runs the driver against `port` and returns the history's path.
pub fn drive(dir: &Path, port: u16, seconds: u64, rates: &str) -> PathBuf {
    let out = dir.join("history.jsonl");
    let output = Command::new(BIN)
        .args([
            "drive",
            "--url",
            &format!("http://127.0.0.1:{port}"),
            "--seconds",
            &seconds.to_string(),
            "--rates",
            rates,
            "--seed",
            "7",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "drive failed: {printed}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{printed}");
    out
}

/// Runs the checker: its exit code and what it printed.
pub fn check(history: &Path) -> (i32, String) {
    let output = Command::new(BIN)
        .arg("check")
        .arg(history)
        .output()
        .unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{printed}");
    (output.status.code().unwrap_or(-1), printed)
}

/// The history's requests that were answered: (number, total), and how many failed.
pub fn answered(history: &Path) -> (Vec<(u64, u64)>, usize) {
    let text = std::fs::read_to_string(history).unwrap();
    let mut answered = Vec::new();
    let mut failed = 0;
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        if value["type"] != "request" {
            continue;
        }
        match value["total"].as_u64() {
            Some(total) => answered.push((value["number"].as_u64().unwrap(), total)),
            None => failed += 1,
        }
    }
    (answered, failed)
}

pub fn file_total(path: &Path) -> u64 {
    std::fs::read_to_string(path)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}
