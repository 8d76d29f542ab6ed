//! `kubectl logs POD`: the adder's (or the converter's) own lines, one per request its current
//! container answered: the number it was given and the total it returned, at the run's time.
//!
//! The lab keeps the latest requests of a run (`COMPLETED_KEPT_MAX`), so older lines are gone,
//! and it says so. A request whose container died mid-way left no line.

use super::cluster::Cluster;
use super::flags::{self, FlagSpec, flag};
use super::resources::Resource;
use super::target;
use crate::sim::RequestKind;
use crate::sim::objects::{Failure, PodPhase, Stage};
use crate::sim::world::COMPLETED_KEPT_MAX;

const FLAGS: [FlagSpec; 5] = [
    flag("tail", None, true),
    flag("follow", Some('f'), false),
    flag("previous", Some('p'), false),
    flag("container", Some('c'), true),
    flag("timestamps", None, false),
];

/// Why an add that would overflow the total was refused, in the program's log and its answer.
pub const OVERFLOW: &str = "the total would overflow";

/// A request as the program's log names it: `addAndReturnTotal(5)`.
pub fn call(kind: RequestKind) -> String {
    match kind {
        RequestKind::Add(number) => format!("addAndReturnTotal({number})"),
        RequestKind::Convert(metres) => format!("convertMetersToCentimeters({metres})"),
    }
}

/// A moment as the program's log writes it: `t=3.214s` (since the container started).
pub fn log_time(at_ms: u64) -> String {
    format!("t={}.{:03}s", at_ms / 1000, at_ms % 1000)
}

/// One line of the program's log, as the lab's pods and the real server (`adder-lab-server`)
/// both write it: the time since the container started, the call, and what it returned or why
/// it was refused.
pub fn log_line(at_ms: u64, call: &str, outcome: Result<u64, &str>) -> String {
    let at = log_time(at_ms);
    match outcome {
        Ok(answer) => format!("{at} {call} returned {answer}\n"),
        Err(why) => format!("{at} {call} refused: {why}\n"),
    }
}

/// What `kubectl logs` prints.
pub fn logs(words: &[String], cluster: &Cluster) -> String {
    let parsed = match flags::parse(words, &FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return format!("error: {message}\nSee 'kubectl logs --help' for usage.\n"),
    };
    if parsed.is_set("follow") {
        return "error: --follow is not simulated here: the scene is the live view; run kubectl logs again to see the newest lines\n".to_owned();
    }
    if parsed.is_set("previous") || parsed.is_set("timestamps") {
        return "error: --previous and --timestamps are not simulated here: the lab keeps the current container's lines, at the run's time\n".to_owned();
    }
    let tail: Option<usize> = match parsed.value("tail") {
        None => None,
        Some(text) => match text.parse::<i64>() {
            Ok(lines) => usize::try_from(lines).ok(),
            Err(_) => {
                return format!(
                    "error: invalid argument \"{text}\" for \"--tail\" flag: strconv.ParseInt: parsing \"{text}\": invalid syntax\nSee 'kubectl logs --help' for usage.\n"
                );
            }
        },
    };
    let name = match parsed.args.as_slice() {
        [] => {
            return "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n".to_owned();
        }
        [one] => match one.split_once('/') {
            None => one.clone(),
            Some((kind, name)) if Resource::parse(kind) == Some(Resource::Pods) => name.to_owned(),
            Some(_) => {
                return "error: this terminal reads the logs of one pod: kubectl logs POD\n"
                    .to_owned();
            }
        },
        _ => {
            return "error: this terminal reads the logs of one pod: kubectl logs POD\n".to_owned();
        }
    };
    let Some(pod) = cluster.pod(&name).filter(|_| target::in_default(&parsed)) else {
        return target::not_found(Resource::Pods, &name);
    };
    let (container, _) = cluster.container(cluster.owner_of(pod));
    if let Some(asked) = parsed
        .value("container")
        .filter(|asked| *asked != container)
    {
        return format!("error: container {asked} is not valid for pod {name}\n");
    }
    if pod.phase == PodPhase::Pending || !pod.container_up {
        let reason = pod.waiting_reason.unwrap_or("ContainerCreating");
        return format!(
            "Error from server (BadRequest): container \"{container}\" in pod \"{name}\" is waiting to start: {reason}\n"
        );
    }
    let started_ms = pod.last_restart_ms.unwrap_or(pod.created_ms);
    // Answers the clients have, and answers still on their way back to them.
    let answered = cluster.world.completed().map(|done| {
        (
            done.pod.as_ref(),
            done.answered_ms,
            done.kind,
            Some(done.outcome),
        )
    });
    let on_the_way = cluster
        .world
        .requests_in_flight()
        .filter(|request| request.stage == Stage::Respond)
        .map(|request| {
            let name = request.pod_name.as_ref();
            (
                name,
                request.stage_started_ms,
                request.kind,
                request.outcome,
            )
        });
    let mut entries: Vec<(u64, RequestKind, Result<u64, Failure>)> = answered
        .chain(on_the_way)
        .filter(|(served, at_ms, _, _)| {
            served.is_some_and(|served| *served == pod.name) && *at_ms >= started_ms
        })
        .filter_map(|(_, at_ms, kind, outcome)| Some((at_ms, kind, outcome?)))
        .collect();
    entries.sort_by_key(|(at_ms, _, _)| *at_ms);
    let mut lines: Vec<String> = entries
        .into_iter()
        .filter_map(|(at_ms, kind, outcome)| match outcome {
            Ok(answer) => Some(log_line(at_ms, &call(kind), Ok(answer))),
            Err(Failure::Overflow) => Some(log_line(at_ms, &call(kind), Err(OVERFLOW))),
            Err(_) => None,
        })
        .collect();
    let cut = cluster.world.completed().len() == COMPLETED_KEPT_MAX
        && cluster
            .world
            .completed()
            .next()
            .is_some_and(|oldest| oldest.answered_ms > started_ms);
    if let Some(tail) = tail {
        let skip = lines.len().saturating_sub(tail);
        lines.drain(..skip);
    }
    let note = if cut {
        format!(
            "# The lab keeps the run's last {COMPLETED_KEPT_MAX} requests: older lines are not shown.\n"
        )
    } else {
        String::new()
    };
    note + &lines.concat()
}
