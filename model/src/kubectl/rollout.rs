//! `kubectl rollout restart|status|history deployment|statefulset NAME`. `restart` is the
//! scene's "Roll out" action; `status` and `history` read the workload at the moment shown.
//!
//! Simplified: `rollout status` watches until the rollout is done; here it prints where the
//! rollout is now, once (as `--watch=false` does).

use super::cluster::Cluster;
use super::flags::{self, FlagSpec, flag};
use super::scale::is_the_apps;
use super::table::tabulate_padded;
use super::target;
use crate::sim::Command;
use crate::sim::objects::Workload;
use crate::sim::scenario::{UpdateStrategy, WorkloadKind};

const FLAGS: [FlagSpec; 2] = [
    flag("watch", Some('w'), false),
    flag("revision", None, true),
];

const SUBCOMMANDS: &str = "Available Commands:\n  history       View rollout history\n  restart       Restart a resource\n  status        Show the status of the rollout\n  (pause, resume and undo are not simulated here)\n";

/// What `kubectl rollout` prints, and the action it stands for.
pub fn rollout(words: &[String], cluster: &Cluster) -> (String, Option<Command>) {
    let Some((subcommand, rest)) = words.split_first() else {
        return (
            format!("Manage the rollout of one or many resources.\n\n{SUBCOMMANDS}"),
            None,
        );
    };
    if !matches!(subcommand.as_str(), "restart" | "status" | "history") {
        let known = ["pause", "resume", "undo"].contains(&subcommand.as_str());
        let text = if known {
            format!("error: kubectl rollout {subcommand} is not simulated here\n")
        } else {
            format!(
                "error: unknown command \"{subcommand}\" for \"kubectl rollout\"\n\n{SUBCOMMANDS}"
            )
        };
        return (text, None);
    }
    let parsed = match flags::parse(rest, &FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => {
            return (
                format!("error: {message}\nSee 'kubectl rollout {subcommand} --help' for usage.\n"),
                None,
            );
        }
    };
    let (resource, workload) = match target::workload(&parsed.args, cluster, "rollout") {
        Ok(found) => found,
        Err(message) => return (message, None),
    };
    let object = format!("{}/{}", resource.qualified_singular(), workload.name);
    if parsed.value("revision").is_some() {
        return (
            "error: --revision is not simulated here: every revision of this lab runs the same template, restarted\n".to_owned(),
            None,
        );
    }
    match subcommand.as_str() {
        "restart" if !is_the_apps(cluster, workload.name) => (
            format!(
                "error: restarting {} is not simulated here: the lab rolls out the app's workload\n",
                workload.name
            ),
            None,
        ),
        "restart" => (format!("{object} restarted\n"), Some(Command::RollOut)),
        "status" => (status(cluster, workload), None),
        _ => (history(workload, &object), None),
    }
}

/// kubectl's status viewers' words for the rollout as it stands.
fn status(cluster: &Cluster, workload: &Workload) -> String {
    let status = cluster.workload_status(workload);
    let name = workload.name;
    let want = workload.replicas;
    let (message, done) = match workload.kind {
        WorkloadKind::Deployment => {
            if status.updated < want {
                (
                    format!(
                        "Waiting for deployment \"{name}\" rollout to finish: {} out of {want} new replicas have been updated...",
                        status.updated
                    ),
                    false,
                )
            } else if status.replicas > status.updated {
                (
                    format!(
                        "Waiting for deployment \"{name}\" rollout to finish: {} old replicas are pending termination...",
                        status.replicas - status.updated
                    ),
                    false,
                )
            } else if status.ready < status.updated {
                (
                    format!(
                        "Waiting for deployment \"{name}\" rollout to finish: {} of {} updated replicas are available...",
                        status.ready, status.updated
                    ),
                    false,
                )
            } else {
                (
                    format!("deployment \"{name}\" successfully rolled out"),
                    true,
                )
            }
        }
        // A StatefulSet's RollingUpdate strategy has `partition: 0` once defaulted, so
        // kubectl takes its partitioned branch; OnDelete has no rollout to follow.
        WorkloadKind::StatefulSet => {
            let strategy = if is_the_apps(cluster, name) {
                cluster.world.settings().update_strategy
            } else {
                UpdateStrategy::RollingUpdate { partition: 0 }
            };
            let partition = match strategy {
                UpdateStrategy::RollingUpdate { partition } => partition,
                _ => {
                    return "error: rollout status is only available for RollingUpdate strategy type\n"
                        .to_owned();
                }
            };
            let want_updated = want.saturating_sub(partition);
            if status.ready < want {
                (
                    format!("Waiting for {} pods to be ready...", want - status.ready),
                    false,
                )
            } else if status.updated < want_updated {
                (
                    format!(
                        "Waiting for partitioned roll out to finish: {} out of {want_updated} new pods have been updated...",
                        status.updated
                    ),
                    false,
                )
            } else {
                (
                    format!(
                        "partitioned roll out complete: {} new pods have been updated...",
                        status.updated
                    ),
                    true,
                )
            }
        }
    };
    let note = if done {
        ""
    } else {
        "# kubectl would keep watching until the rollout is done; run it again to see it now.\n"
    };
    format!("{message}\n{note}")
}

/// `REVISION  CHANGE-CAUSE` for each template revision kept (restarts record no cause).
fn history(workload: &Workload, object: &str) -> String {
    let mut rows = vec![vec!["REVISION".to_owned(), "CHANGE-CAUSE".to_owned()]];
    for &(revision, _) in &workload.revisions_started_ms {
        rows.push(vec![revision.to_string(), "<none>".to_owned()]);
    }
    format!("{object} \n{}\n", tabulate_padded(&rows, 0, 2))
}
