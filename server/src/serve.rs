//! The programs as HTTP servers, answering what the lab's pods answer (`curl` in the lab's
//! terminal prints the same bodies): `GET /add?number=N` returns the new total,
//! `GET /convert?meters=N` the centimetres; `/ready` (readiness) and `/healthz` (liveness) for
//! the probes; `/store` says where the total is kept and what it holds, for the load driver.
//!
//! One log line per request, as `kubectl logs` shows it in the lab. SIGTERM (what the kubelet
//! sends) or Ctrl-C: readiness fails, no new connection is taken, the requests in flight finish
//! (their lock released as each add ends), then the process exits 0.

use std::io::Write as _;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use adder_lab_model::kubectl::logs::{OVERFLOW, log_line, log_time};
use adder_lab_model::{Adder, metres_to_centimetres, parse_whole_number};
use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use tokio::sync::Semaphore;

use crate::config::{Config, Program, StoreConfig};
use crate::file_total::{FileError, FileTotal};
use crate::http_client::Client;

/// Requests answered at once; more get 503 (a bound on what a flood can make the server hold).
const REQUESTS_IN_FLIGHT_MAX: usize = 1024;
/// After SIGTERM, how long the requests in flight may take before the process gives up on them
/// (under the 30 s a pod's terminationGracePeriodSeconds gives by default).
const DRAIN_MAX: Duration = Duration::from_secs(25);
/// How long the adder waits for the database.
const DATABASE_TIMEOUT: Duration = Duration::from_secs(5);
/// How much of a bad argument the log and the answer quote.
const QUOTED_CHARS_MAX: usize = 40;

enum Store {
    Memory(Mutex<Adder>),
    File(Arc<FileTotal>),
    Database { client: Client, host: String },
}

struct App {
    config: Config,
    store: Store,
    started: Instant,
    ready: AtomicBool,
    permits: Semaphore,
    /// `x-served-by` on every answer: the pod's name (`HOSTNAME` in a container).
    served_by: HeaderValue,
}

impl App {
    fn log(&self, call: &str, outcome: Result<u64, &str>) {
        let at_ms = self.started.elapsed().as_millis() as u64;
        let line = log_line(at_ms, call, outcome);
        // A closed stdout must not stop the server.
        let _ = std::io::stdout().lock().write_all(line.as_bytes());
    }

    fn note(&self, words: &str) {
        let at_ms = self.started.elapsed().as_millis() as u64;
        let line = format!("{} {words}\n", log_time(at_ms));
        let _ = std::io::stdout().lock().write_all(line.as_bytes());
    }

    fn text(&self, status: StatusCode, body: String) -> Response {
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        headers.insert(
            HeaderName::from_static("x-served-by"),
            self.served_by.clone(),
        );
        response
    }
}

/// Serves `config` on `listen` until SIGTERM or Ctrl-C.
pub async fn serve(config: Config, listen: SocketAddr, name: String) -> ExitCode {
    let store = match &config.store {
        _ if config.program == Program::Converter => Store::Memory(Mutex::new(Adder::new())),
        StoreConfig::Memory => Store::Memory(Mutex::new(Adder::new())),
        StoreConfig::File { path, lock } => {
            Store::File(Arc::new(FileTotal::new(path.clone(), *lock)))
        }
        StoreConfig::Database { host } => Store::Database {
            client: Client::new(DATABASE_TIMEOUT),
            host: host.clone(),
        },
    };
    let served_by =
        HeaderValue::from_str(&name).unwrap_or(HeaderValue::from_static("adder-lab-server"));
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("adder-lab-server: cannot listen on {listen}: {error}");
            return ExitCode::from(1);
        }
    };
    let address = listener.local_addr().map_or(listen, |address| address);
    let app = Arc::new(App {
        store,
        started: Instant::now(),
        ready: AtomicBool::new(true),
        permits: Semaphore::new(REQUESTS_IN_FLIGHT_MAX),
        served_by,
        config,
    });
    // The first line says what runs where (the tests read the port off it).
    let first = format!(
        "adder-lab-server {} listening on http://{address} ({})\n",
        app.config.program.word(),
        app.config.describe()
    );
    let _ = std::io::stdout().lock().write_all(first.as_bytes());
    let router = routes(app.config.program)
        .route("/ready", get(ready))
        .route("/healthz", get(|| async { "ok\n" }))
        .fallback(not_found)
        .with_state(app.clone());
    let (told, mut signalled) = tokio::sync::watch::channel(false);
    let drained = {
        let app = app.clone();
        async move {
            let which = stop_signal().await;
            app.ready.store(false, Ordering::SeqCst);
            app.note(&format!(
                "{which}: taking no new requests, finishing those in flight"
            ));
            let _ = told.send(true);
        }
    };
    let server = axum::serve(listener, router).with_graceful_shutdown(drained);
    let give_up = async {
        let _ = signalled.wait_for(|stopped| *stopped).await;
        tokio::time::sleep(DRAIN_MAX).await;
    };
    tokio::select! {
        served = server => match served {
            Ok(()) => {
                app.note("stopped: every request in flight was answered");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("adder-lab-server: {error}");
                ExitCode::from(1)
            }
        },
        () = give_up => {
            app.note(&format!("stopped after {} s with requests still in flight", DRAIN_MAX.as_secs()));
            ExitCode::from(1)
        }
    }
}

fn routes(program: Program) -> Router<Arc<App>> {
    match program {
        // The lab's paths (its `curl`), and the story's function names.
        Program::Adder | Program::Database => Router::new()
            .route("/add", get(add))
            .route("/addAndReturnTotal", get(add))
            .route("/store", get(store)),
        Program::Converter => Router::new()
            .route("/convert", get(convert))
            .route("/convertMetersToCentimeters", get(convert)),
    }
}

#[cfg(unix)]
async fn stop_signal() -> &'static str {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut terminate) => tokio::select! {
            _ = terminate.recv() => "SIGTERM",
            _ = tokio::signal::ctrl_c() => "SIGINT",
        },
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
            "SIGINT"
        }
    }
}

#[cfg(not(unix))]
async fn stop_signal() -> &'static str {
    let _ = tokio::signal::ctrl_c().await;
    "Ctrl-C"
}

#[derive(Deserialize)]
struct AddQuery {
    number: Option<String>,
}

#[derive(Deserialize)]
struct ConvertQuery {
    meters: Option<String>,
}

fn quoted(text: &str) -> String {
    let short: String = text.chars().take(QUOTED_CHARS_MAX).collect();
    format!("{short:?}")
}

async fn add(
    State(app): State<Arc<App>>,
    query: Result<Query<AddQuery>, QueryRejection>,
) -> Response {
    let Ok(_permit) = app.permits.try_acquire() else {
        return app.text(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("busy: {REQUESTS_IN_FLIGHT_MAX} requests in flight; try again\n"),
        );
    };
    let text = query.ok().and_then(|Query(query)| query.number);
    let Some(text) = text else {
        app.log("addAndReturnTotal()", Err("no number given"));
        return app.text(
            StatusCode::BAD_REQUEST,
            "no number given: GET /add?number=5\n".to_owned(),
        );
    };
    let number = match parse_whole_number(&text) {
        Ok(number) => number,
        Err(error) => {
            let why = error.to_string();
            app.log(&format!("addAndReturnTotal({})", quoted(&text)), Err(&why));
            return app.text(StatusCode::BAD_REQUEST, format!("{why}\n"));
        }
    };
    let call = format!("addAndReturnTotal({number})");
    let outcome: Result<u64, (StatusCode, String)> = match &app.store {
        Store::Memory(adder) => {
            let mut adder = adder
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            adder
                .add_and_return_total(number)
                .map_err(|_| (StatusCode::UNPROCESSABLE_ENTITY, OVERFLOW.to_owned()))
        }
        Store::File(file) => {
            let (file, delay) = (file.clone(), app.config.add_delay);
            match tokio::task::spawn_blocking(move || file.add(number, delay)).await {
                Ok(result) => result.map_err(file_error),
                Err(error) => Err((StatusCode::INTERNAL_SERVER_ERROR, error.to_string())),
            }
        }
        Store::Database { client, host } => {
            let url = format!("http://{host}/add?number={number}");
            match client.get(&url, None).await {
                Ok(reply) if reply.status == 200 => {
                    reply.body.trim().parse::<u64>().map_err(|_| {
                        (
                            StatusCode::BAD_GATEWAY,
                            format!(
                                "the database at {host} answered {:?}, not a total",
                                reply.body
                            ),
                        )
                    })
                }
                Ok(reply) => Err((
                    StatusCode::from_u16(reply.status).unwrap_or(StatusCode::BAD_GATEWAY),
                    reply.body.trim().to_owned(),
                )),
                Err(error) => Err((
                    StatusCode::BAD_GATEWAY,
                    format!("the database at {host} did not answer: {error}; nothing was added"),
                )),
            }
        }
    };
    match outcome {
        Ok(total) => {
            app.log(&call, Ok(total));
            app.text(StatusCode::OK, format!("{total}\n"))
        }
        Err((status, why)) => {
            app.log(&call, Err(&why));
            app.text(status, format!("{why}\n"))
        }
    }
}

fn file_error(error: FileError) -> (StatusCode, String) {
    let status = match error {
        FileError::Overflow => StatusCode::UNPROCESSABLE_ENTITY,
        FileError::Corrupt { .. } | FileError::Io { .. } => StatusCode::INTERNAL_SERVER_ERROR,
    };
    (status, error.to_string())
}

async fn convert(
    State(app): State<Arc<App>>,
    query: Result<Query<ConvertQuery>, QueryRejection>,
) -> Response {
    let Some(text) = query.ok().and_then(|Query(query)| query.meters) else {
        app.log("convertMetersToCentimeters()", Err("no length given"));
        return app.text(
            StatusCode::BAD_REQUEST,
            "no length given: GET /convert?meters=5\n".to_owned(),
        );
    };
    match metres_to_centimetres(&text) {
        Ok(centimetres) => {
            app.log(
                &format!("convertMetersToCentimeters({})", text.trim()),
                Ok(centimetres.0),
            );
            app.text(StatusCode::OK, format!("{}\n", centimetres.0))
        }
        Err(error) => {
            let why = error.to_string();
            app.log(
                &format!("convertMetersToCentimeters({})", quoted(&text)),
                Err(&why),
            );
            app.text(StatusCode::BAD_REQUEST, format!("{why}\n"))
        }
    }
}

/// Where the total is kept and what it holds, as JSON: `{"store":"file","total":17}`.
async fn store(State(app): State<Arc<App>>) -> Response {
    let reading: Result<(&str, u64), (StatusCode, String)> = match &app.store {
        Store::Memory(adder) => {
            let adder = adder
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            Ok(("memory", adder.total()))
        }
        Store::File(file) => {
            let file = file.clone();
            match tokio::task::spawn_blocking(move || file.read()).await {
                Ok(result) => result.map(|total| ("file", total)).map_err(file_error),
                Err(error) => Err((StatusCode::INTERNAL_SERVER_ERROR, error.to_string())),
            }
        }
        Store::Database { client, host } => {
            match client.get(&format!("http://{host}/store"), None).await {
                Ok(reply) if reply.status == 200 => {
                    serde_json::from_str::<serde_json::Value>(&reply.body)
                        .ok()
                        .and_then(|value| value.get("total")?.as_u64())
                        .map(|total| ("database", total))
                        .ok_or((
                            StatusCode::BAD_GATEWAY,
                            format!("the database at {host} answered {:?}", reply.body),
                        ))
                }
                Ok(reply) => Err((StatusCode::BAD_GATEWAY, reply.body)),
                Err(error) => Err((
                    StatusCode::BAD_GATEWAY,
                    format!("the database at {host} did not answer: {error}"),
                )),
            }
        }
    };
    match reading {
        Ok((store, total)) => {
            let mut response = app.text(
                StatusCode::OK,
                serde_json::json!({ "store": store, "total": total }).to_string() + "\n",
            );
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        Err((status, why)) => app.text(status, format!("{why}\n")),
    }
}

async fn ready(State(app): State<Arc<App>>) -> Response {
    if app.ready.load(Ordering::SeqCst) {
        app.text(StatusCode::OK, "ready\n".to_owned())
    } else {
        app.text(
            StatusCode::SERVICE_UNAVAILABLE,
            "shutting down\n".to_owned(),
        )
    }
}

async fn not_found(State(app): State<Arc<App>>) -> Response {
    let offered = match app.config.program {
        Program::Converter => "/convert?meters=N",
        Program::Adder | Program::Database => "/add?number=N",
    };
    app.text(
        StatusCode::NOT_FOUND,
        format!("404 page not found\n# This server answers {offered}.\n"),
    )
}
