//! `curl http://adder/add?number=5` from the terminal's debug pod: a real request into the
//! scene, sent by the `debug` client and drawn like the others (`Command::Curl`). The worker
//! returns the action, the page applies it, and, as curl waits for its answer, the terminal
//! waits until the scene's run has it (`answer`), so what it prints is what the scene shows.
//!
//! Addresses follow Kubernetes: a ClusterIP Service listens on its port (80) and forwards to the
//! pods' 8080; a headless Service's name and a pod's own name (`adder-0.adder`) resolve to pod
//! IPs, where no port is mapped, so only the container's port (8080) answers.

use super::cluster::Cluster;
use super::dns::resolve;
use crate::sim::command::{ADD_NUMBER_MAX, CONVERT_METRES_MAX};
use crate::sim::objects::Failure;
use crate::sim::{Command, DEBUG_CLIENT, RequestKind, Target, World};

/// What `curl` prints now, and the request it sends (whose answer `answer` prints).
pub fn curl(words: &[String], cluster: &Cluster) -> (String, Option<Command>) {
    let printed = |text: String| (text, None);
    let urls: Vec<&String> = words.iter().filter(|word| !word.starts_with('-')).collect();
    let [url] = urls.as_slice() else {
        return printed(
            "curl: try 'curl http://adder/add?number=5' (this terminal sends one request)\n"
                .to_owned(),
        );
    };
    let rest = url.strip_prefix("http://").unwrap_or(url);
    if rest.contains("://") {
        return printed(format!(
            "curl: (1) Protocol \"{}\" not supported\n",
            rest.split("://").next().unwrap_or("")
        ));
    }
    let (host, port, path) = url_parts(url);
    let (host, port) = match port {
        None => (host, 80),
        Some(port) => match port.parse::<u16>() {
            Ok(port) => (host, port),
            Err(_) => {
                return printed(
                    "curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535\n"
                        .to_owned(),
                );
            }
        },
    };
    let Some((full, addresses)) = resolve(cluster, host, true) else {
        return printed(format!("curl: (6) Could not resolve host: {host}\n"));
    };
    let settings = cluster.world.settings();
    let (app, service_name) = (settings.app_name, settings.service_name);
    let service = format!("{service_name}.default.svc.cluster.local");
    let pod_suffix = format!(".{service_name}.default.svc.cluster.local");
    let target = if full == service {
        Target::Service
    } else if let Some(ordinal) = full
        .strip_suffix(&pod_suffix)
        .and_then(|pod| pod.strip_prefix(&format!("{app}-")))
        .and_then(|ordinal| ordinal.parse().ok())
    {
        Target::Pod(ordinal)
    } else {
        return printed(format!(
            "# {full} answers at {}, but sending to it is not simulated here: curl the app's Service ({service_name}) or one of its pods by name\n",
            addresses.join(", ")
        ));
    };
    let headless = settings.headless;
    let wanted_port = if headless || target != Target::Service {
        8080
    } else {
        80
    };
    if port != wanted_port {
        let why = if wanted_port == 8080 {
            format!(
                "# {host} resolves to a pod's own IP: nothing maps ports there, so use the container's port, http://{host}:8080{path}"
            )
        } else {
            format!(
                "# The ClusterIP Service listens on port 80 and forwards to the pods' 8080: use http://{host}{path}"
            )
        };
        return printed(format!(
            "curl: (7) Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server\n{why}\n"
        ));
    }
    let (route, query) = path.split_once('?').unwrap_or((path, ""));
    let value = |name: &str| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
            .unwrap_or("")
    };
    let program = cluster.world.settings().program;
    let kind = match route {
        "/add" if program.runs_adder() => match value("number").parse::<u64>() {
            Ok(number) if number <= ADD_NUMBER_MAX => RequestKind::Add(number),
            _ => {
                return printed(format!(
                    "number must be a whole number from 0 to {ADD_NUMBER_MAX}\n# (the adder answered 400 Bad Request; nothing was added)\n"
                ));
            }
        },
        "/convert" if program.runs_converter() => match value("meters").parse::<u64>() {
            Ok(metres) if metres <= CONVERT_METRES_MAX => RequestKind::Convert(metres),
            _ => {
                return printed(format!(
                    "meters must be a whole number from 0 to {CONVERT_METRES_MAX}\n# (the converter answered 400 Bad Request)\n"
                ));
            }
        },
        _ => {
            let offered = match (program.runs_adder(), program.runs_converter()) {
                (true, true) => "/add?number=N and /convert?meters=N",
                (true, false) => "/add?number=N",
                _ => "/convert?meters=N",
            };
            return printed(format!(
                "404 page not found\n# These pods answer {offered}.\n"
            ));
        }
    };
    (String::new(), Some(Command::Curl { target, kind }))
}

/// A URL's host, port (if given) and path with its query, `http://` optional.
fn url_parts(url: &str) -> (&str, Option<&str>, &str) {
    let rest = url.strip_prefix("http://").unwrap_or(url);
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.split_once(':') {
        Some((host, port)) => (host, Some(port), path),
        None => (authority, None, path),
    }
}

/// What curl prints once its request is through in `world` (the run as the page shows it,
/// holding the request the line sent: the debug client's newest); `None` while it is still on
/// its way. Real curl waits for the answer; the terminal asks again as the scene runs.
pub fn answer(world: &World, line: &str) -> Option<String> {
    let unsent = || {
        Some("curl: (52) Empty reply from server\n# The request is not in the run at this moment (the timeline went back before it was sent).\n".to_owned())
    };
    let Some(client) = world
        .clients()
        .iter()
        .position(|client| client.name == DEBUG_CLIENT)
    else {
        return unsent();
    };
    let newest = |ids: &mut dyn Iterator<Item = u64>| ids.max();
    let in_flight = newest(
        &mut world
            .requests_in_flight()
            .filter(|request| request.client == client)
            .map(|request| request.id),
    );
    let done = world
        .completed()
        .filter(|done| done.client == client)
        .max_by_key(|done| done.id);
    if in_flight > done.map(|done| done.id) {
        return None;
    }
    let Some(done) = done else {
        return unsent();
    };
    // The URL's host and port, as the line gave them (the line was read when it was sent).
    let url = line
        .split_whitespace()
        .skip(1)
        .find(|word| !word.starts_with('-'))
        .unwrap_or("");
    let (host, port, _) = url_parts(url);
    let port = port.unwrap_or("80");
    let body = match done.outcome {
        Ok(answer) => format!("{answer}\n"),
        Err(Failure::NoEndpoints | Failure::ConnectionRefused) => format!(
            "curl: (7) Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server\n"
        ),
        Err(Failure::NoDnsRecord | Failure::NoService) => {
            format!("curl: (6) Could not resolve host: {host}\n")
        }
        Err(Failure::ConnectionReset) => {
            "curl: (56) Recv failure: Connection reset by peer\n".to_owned()
        }
        Err(Failure::Overflow) => "the total would overflow\n".to_owned(),
    };
    Some(body)
}
