//! `kubectl scale deployment|statefulset NAME --replicas=N`: the scene's "Scale" action.

use super::cluster::Cluster;
use super::flags::{self, FlagSpec, flag};
use super::target;
use crate::sim::Command;
use crate::sim::command::REPLICAS_MAX;

const FLAGS: [FlagSpec; 2] = [
    flag("replicas", None, true),
    flag("current-replicas", None, true),
];

/// The workload a command may change: the app's (the database's is fixed in this lab).
pub fn is_the_apps(cluster: &Cluster, name: &str) -> bool {
    cluster
        .world
        .workloads()
        .next()
        .is_some_and(|workload| workload.name == name)
}

/// What `kubectl scale` prints, and the action it stands for.
pub fn scale(words: &[String], cluster: &Cluster) -> (String, Option<Command>) {
    let usage = |message: &str| {
        (
            format!("error: {message}\nSee 'kubectl scale --help' for usage.\n"),
            None,
        )
    };
    let parsed = match flags::parse(words, &FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return usage(&message),
    };
    let int_flag = |long: &str| -> Result<Option<i64>, String> {
        parsed
            .value(long)
            .map(|text| {
                text.parse().map_err(|_| {
                    format!("invalid argument \"{text}\" for \"--{long}\" flag: strconv.ParseInt: parsing \"{text}\": invalid syntax")
                })
            })
            .transpose()
    };
    let replicas = match int_flag("replicas") {
        Err(message) => return usage(&message),
        Ok(None) => return usage("required flag(s) \"replicas\" not set"),
        Ok(Some(replicas)) if replicas < 0 => {
            return usage(
                "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
            );
        }
        Ok(Some(replicas)) => replicas,
    };
    let current = match int_flag("current-replicas") {
        Err(message) => return usage(&message),
        Ok(current) => current,
    };
    let (resource, workload) = match target::workload(&parsed.args, cluster, "scale") {
        Ok(found) => found,
        Err(message) => return (message, None),
    };
    if !is_the_apps(cluster, workload.name) {
        return (
            format!(
                "error: scaling {} is not simulated here: the lab scales the app's workload\n",
                workload.name
            ),
            None,
        );
    }
    if current.is_some_and(|current| current != i64::from(workload.replicas)) {
        return (
            format!(
                "error: Expected replicas to be {}, was {}\n",
                current.unwrap_or_default(),
                workload.replicas
            ),
            None,
        );
    }
    if replicas > i64::from(REPLICAS_MAX) {
        return (
            format!("error: the lab runs at most {REPLICAS_MAX} replicas of a workload\n"),
            None,
        );
    }
    (
        format!(
            "{}/{} scaled\n",
            resource.qualified_singular(),
            workload.name
        ),
        Some(Command::Scale { replicas }),
    )
}
