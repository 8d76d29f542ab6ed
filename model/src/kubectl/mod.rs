//! A terminal over the simulated cluster: a typed line in, what `kubectl` (and later
//! `nslookup`, `dig`, `curl`) would print out. Reading commands read the world at the moment
//! it is at; every error is worded as the real tool words it, and nothing panics or changes the
//! world here: a command that changes the cluster returns the recorded actions it stands for
//! (the scene's own buttons' `Command`s), which the page applies as it applies a click.
//!
//! `words` splits the line as a shell would; `flags` reads flags as kubectl's parser does;
//! `cluster` is the world as the API server would list it; `printers` are kubectl's, one per
//! resource; `get` is `kubectl get`; `delete`, `scale` and `rollout` change the cluster.

pub mod apply;
pub mod bridge;
pub mod cluster;
pub mod complete;
pub mod curl;
pub mod delete;
pub mod describe;
pub mod dns;
pub mod duration;
pub mod exec;
pub mod flags;
pub mod get;
pub mod logs;
pub mod node;
pub mod printers;
mod recreate;
pub mod replica;
pub mod resources;
pub mod rollout;
pub mod scale;
pub mod selector;
pub mod session;
pub mod table;
pub mod target;
pub mod words;
pub mod yaml_out;

use crate::sim::{Command, World};
pub use apply::Files;
use cluster::Cluster;

/// What the terminal prints for one line, and the actions it asks of the cluster, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Output {
    pub text: String,
    pub actions: Vec<Command>,
    /// The line sent a request (`curl`): once its actions are applied, ask for the answer
    /// (`curl::answer` on the run that holds them).
    pub awaits_answer: bool,
    /// The line opens the YAML panel's editor (`kubectl edit`).
    pub opens_editor: bool,
    /// A new run to load in place of the scene's (an applied app of the learner's own), as a
    /// link's query.
    pub loads: Option<String>,
}

/// kubectl commands a learner may know that the lab does not run (yet), so it can say so
/// instead of calling them unknown.
const NOT_SIMULATED: [&str; 3] = ["create", "patch", "label"];

pub const HELP: &str = "\
This terminal runs commands against the simulated cluster in the scene (namespace default):
  kubectl get TYPE[,TYPE…] [NAME…] [-o wide|name|yaml] [-l key=value] [--show-labels] [-A]
      types: pods (po), services (svc), deployments (deploy), replicasets (rs),
      statefulsets (sts), endpointslices, persistentvolumeclaims (pvc),
      persistentvolumes (pv), storageclasses (sc), nodes (no), events (ev), all
  kubectl delete pod NAME… [--grace-period=N] [--force] [--now]
  kubectl delete deployment|statefulset|service NAME | -f adder.yaml   the app's objects;
      kubectl apply -f adder.yaml makes them again
  kubectl scale deployment|statefulset NAME --replicas=N
  kubectl rollout restart|status|history deployment|statefulset NAME
  kubectl describe pod|service|pvc|statefulset|deployment|node [NAME…]
  kubectl cordon|uncordon|drain NODE   no new pods there; drain also deletes those on it
  kubectl apply -f adder.yaml [--dry-run=server]   the YAML panel's editor, applied
  kubectl edit TYPE NAME           opens that editor (Apply there applies it)
  kubectl logs POD [--tail=N]      the adder's own lines: each number and the total returned
  kubectl exec POD -- cat /data/total | ls /data | hostname
From a debug pod in the cluster (namespace default, cluster DNS at 10.96.0.10):
  nslookup NAME                    e.g. adder, adder-0.adder, kubernetes.default
  dig +short [+search] NAME
  curl http://adder/add?number=N   sends a request from the debug pod, drawn in the scene
      (also /convert?meters=N where the converter runs; a pod by name: http://adder-0.adder:8080/…)
  help    this text
  clear   empty the terminal
↑/↓ recall earlier lines; Tab completes commands, types and names (on an empty line it
moves on, as Tab does elsewhere on the page).
A command that changes the cluster is recorded like the scene's buttons: it is in the link,
on the timeline, and typed in the past it starts a new branch.
Simplified: the control plane is managed and not listed as a node (as on GKE or EKS);
everything in the cluster was created when the run started; times are the run's, so describe
leaves out wall-clock fields (and container IDs, the token volume, a node's capacity); delete
and rollout status do not wait (as with --wait=false and --watch=false).
";

/// Runs one terminal line against the world as it is now (no file to apply).
pub fn run(line: &str, world: &World) -> Output {
    run_with(line, world, &Files::default())
}

/// Runs one terminal line against the world as it is now; `kubectl apply -f` reads `files`.
pub fn run_with(line: &str, world: &World, files: &Files) -> Output {
    let printed = |text: String| Output {
        text,
        ..Output::default()
    };
    match words::split(line) {
        Err(error) => printed(format!("{error}\n")),
        Ok(words) => match words.split_first() {
            None => Output::default(),
            Some((program, rest)) => match program.as_str() {
                "kubectl" => kubectl(rest, &Cluster::new(world), files),
                "nslookup" => printed(dns::nslookup(rest, &Cluster::new(world))),
                "dig" => printed(dns::dig(rest, &Cluster::new(world))),
                "curl" => match curl::curl(rest, &Cluster::new(world)) {
                    (text, None) => printed(text),
                    (text, Some(action)) => Output {
                        text,
                        actions: vec![action],
                        awaits_answer: true,
                        opens_editor: false,
                        loads: None,
                    },
                },
                "help" => printed(HELP.to_owned()),
                other => printed(format!("-sh: {other}: command not found\n")),
            },
        },
    }
}

/// What a changing command printed, and the actions it asks for.
fn changed((text, actions): (String, impl IntoIterator<Item = Command>)) -> Output {
    Output {
        text,
        actions: actions.into_iter().collect(),
        awaits_answer: false,
        opens_editor: false,
        loads: None,
    }
}

fn kubectl(words: &[String], cluster: &Cluster, files: &Files) -> Output {
    let printed = |text: String| Output {
        text,
        ..Output::default()
    };
    let Some((command, rest)) = words.split_first() else {
        return printed(
            "kubectl controls the Kubernetes cluster manager.\n\n\
             Type help for the commands this terminal runs.\n"
                .to_owned(),
        );
    };
    match command.as_str() {
        "get" => printed(get::get(rest, cluster, files.parse)),
        "describe" => printed(describe::describe(rest, cluster)),
        "logs" => printed(logs::logs(rest, cluster)),
        "exec" => printed(exec::exec(rest, cluster)),
        "apply" => {
            let applied = apply::apply(rest, cluster, files);
            Output {
                text: applied.text,
                actions: applied.actions,
                loads: applied.loads,
                ..Output::default()
            }
        }
        "edit" => match apply::edit(rest, cluster) {
            Ok(text) => Output {
                text,
                opens_editor: true,
                ..Output::default()
            },
            Err(text) => printed(text),
        },
        "delete" => changed(delete::delete(rest, cluster, files)),
        "scale" => changed(scale::scale(rest, cluster)),
        "rollout" => changed(rollout::rollout(rest, cluster)),
        verb @ ("cordon" | "uncordon" | "drain") => changed(node::node(verb, rest, cluster)),
        known if NOT_SIMULATED.contains(&known) => printed(format!(
            "error: kubectl {known} is not simulated here yet; type help for what is\n"
        )),
        other => printed(format!(
            "error: unknown command \"{other}\" for \"kubectl\"\nRun 'kubectl --help' for usage.\n"
        )),
    }
}

#[cfg(test)]
mod tests;
