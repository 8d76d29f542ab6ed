//! A terminal over the simulated cluster: a typed line in, what `kubectl` (and later
//! `nslookup`, `dig`, `curl`) would print out. Reading commands read the world at the moment
//! it is at; every error is worded as the real tool words it, and nothing panics or changes the
//! world here (commands that change it will return the recorded action they stand for).
//!
//! `words` splits the line as a shell would; `flags` reads flags as kubectl's parser does;
//! `cluster` is the world as the API server would list it; `printers` are kubectl's, one per
//! resource; `get` is `kubectl get`.

pub mod cluster;
pub mod duration;
pub mod flags;
pub mod get;
pub mod printers;
pub mod replica;
pub mod resources;
pub mod selector;
pub mod session;
pub mod table;
pub mod words;

use crate::sim::World;
use cluster::Cluster;

/// What the terminal prints for one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub text: String,
}

/// kubectl commands a learner may know that the lab does not run (yet), so it can say so
/// instead of calling them unknown.
const NOT_SIMULATED: [&str; 14] = [
    "describe", "delete", "scale", "rollout", "cordon", "uncordon", "drain", "logs", "exec",
    "apply", "edit", "create", "patch", "label",
];

pub const HELP: &str = "\
This terminal runs commands against the simulated cluster in the scene (namespace default):
  kubectl get TYPE[,TYPE…] [NAME…] [-o wide|name] [-l key=value] [--show-labels] [-A]
      types: pods (po), services (svc), deployments (deploy), replicasets (rs),
      statefulsets (sts), endpointslices, persistentvolumeclaims (pvc),
      persistentvolumes (pv), storageclasses (sc), nodes (no), events (ev), all
  help    this text
  clear   empty the terminal
Simplified: the control plane is managed and not listed as a node (as on GKE or EKS), and
everything in the cluster was created when the run started.
";

/// Runs one terminal line against the world as it is now.
pub fn run(line: &str, world: &World) -> Output {
    let text = match words::split(line) {
        Err(error) => format!("{error}\n"),
        Ok(words) => match words.split_first() {
            None => String::new(),
            Some((program, rest)) => match program.as_str() {
                "kubectl" => kubectl(rest, &Cluster::new(world)),
                "help" => HELP.to_owned(),
                other => format!("-sh: {other}: command not found\n"),
            },
        },
    };
    Output { text }
}

fn kubectl(words: &[String], cluster: &Cluster) -> String {
    let Some((command, rest)) = words.split_first() else {
        return "kubectl controls the Kubernetes cluster manager.\n\n\
                Here: kubectl get. Type help for what this terminal runs.\n"
            .to_owned();
    };
    match command.as_str() {
        "get" => get::get(rest, cluster),
        known if NOT_SIMULATED.contains(&known) => {
            format!("error: kubectl {known} is not simulated here yet; type help for what is\n")
        }
        other => format!(
            "error: unknown command \"{other}\" for \"kubectl\"\nRun 'kubectl --help' for usage.\n"
        ),
    }
}

#[cfg(test)]
mod tests;
