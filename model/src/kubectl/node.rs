//! `kubectl cordon|uncordon|drain NODE`: whether new pods may go to a node, and emptying it.
//! Each is a recorded action (`Command::SetSchedulable`, `Command::Drain`).
//!
//! Simplified: drain prints its evictions at once (kubectl waits for each pod to be gone), and
//! the lab runs no DaemonSets (kube-proxy, CNI agents), so `--ignore-daemonsets` is not needed
//! here as it is on a real cluster.

use super::cluster::Cluster;
use super::flags::{self, FlagSpec, flag};
use super::resources::Resource;
use super::target;
use crate::sim::Command;
use crate::sim::scenario::TotalStore;

const FLAGS: [FlagSpec; 2] = [
    flag("ignore-daemonsets", None, false),
    flag("delete-emptydir-data", None, false),
];

/// What `kubectl <verb> NODE` prints (`verb`: cordon, uncordon or drain), and its action.
pub fn node(verb: &str, words: &[String], cluster: &Cluster) -> (String, Option<Command>) {
    let parsed = match flags::parse(words, if verb == "drain" { &FLAGS } else { &[] }) {
        Ok(parsed) => parsed,
        Err(message) => {
            return (
                format!("error: {message}\nSee 'kubectl {verb} --help' for usage.\n"),
                None,
            );
        }
    };
    let [name] = parsed.args.as_slice() else {
        return (
            format!(
                "error: USAGE: {verb} NODE [flags]\nSee 'kubectl {verb} -h' for help and examples\n"
            ),
            None,
        );
    };
    let name = name.strip_prefix("node/").unwrap_or(name);
    let Some(node) = cluster.nodes().iter().find(|node| node.name == name) else {
        return (target::not_found(Resource::Nodes, name), None);
    };
    let object = format!("node/{name}");
    match verb {
        "cordon" | "uncordon" => {
            let cordon = verb == "cordon";
            if node.unschedulable == cordon {
                return (format!("{object} already {verb}ed\n"), None);
            }
            (
                format!("{object} {verb}ed\n"),
                Some(Command::SetSchedulable {
                    node: name.to_owned(),
                    schedulable: !cordon,
                }),
            )
        }
        _ => {
            let pods: Vec<String> = cluster
                .pods()
                .into_iter()
                .filter(|pod| cluster.node_name(pod) == name && !pod.terminating)
                .map(|pod| pod.name.to_string())
                .collect();
            let local = cluster.world.settings().store == TotalStore::EmptyDir;
            if local && !pods.is_empty() && !parsed.is_set("delete-emptydir-data") {
                let list: Vec<String> = pods.iter().map(|pod| format!("default/{pod}")).collect();
                return (
                    format!(
                        "{object} cordoned\nerror: unable to drain node \"{name}\" due to error: cannot delete Pods with local storage (use --delete-emptydir-data to override): {}, continuing command...\nThere are pending nodes to be drained:\n {name}\ncannot delete Pods with local storage (use --delete-emptydir-data to override): {}\n",
                        list.join(", "),
                        list.join(", ")
                    ),
                    Some(Command::SetSchedulable {
                        node: name.to_owned(),
                        schedulable: false,
                    }),
                );
            }
            let mut text = if node.unschedulable {
                format!("{object} already cordoned\n")
            } else {
                format!("{object} cordoned\n")
            };
            for pod in &pods {
                text.push_str(&format!("evicting pod default/{pod}\n"));
            }
            for pod in &pods {
                text.push_str(&format!("pod/{pod} evicted\n"));
            }
            text.push_str(&format!("{object} drained\n"));
            (
                text,
                Some(Command::Drain {
                    node: name.to_owned(),
                }),
            )
        }
    }
}
