//! `kubectl exec POD -- COMMAND`: what a learner looks at inside an adder pod. `cat` of the
//! total's file (`TOTAL_FILE`, `/data/total`) shows what is on the volume that pod mounts; a pod
//! that keeps its total in memory has no such file. Also `ls /data` and `hostname`.

use super::cluster::Cluster;
use super::flags::{self, FlagSpec, flag};
use super::resources::Resource;
use super::target;
use crate::sim::objects::PodPhase;
use crate::sim::scenario::TotalStore;

const FLAGS: [FlagSpec; 4] = [
    flag("stdin", Some('i'), false),
    flag("tty", Some('t'), false),
    flag("container", Some('c'), true),
    flag("quiet", Some('q'), false),
];

const TOTAL_FILE: &str = "/data/total";
const EXIT_1: &str = "command terminated with exit code 1\n";

/// What `kubectl exec` prints.
pub fn exec(words: &[String], cluster: &Cluster) -> String {
    let parsed = match flags::parse(words, &FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return format!("error: {message}\nSee 'kubectl exec --help' for usage.\n"),
    };
    let name = match parsed.args.as_slice() {
        [one] => one
            .split_once('/')
            .map_or(one.as_str(), |(_, name)| name)
            .to_owned(),
        [] => {
            return "error: pod, type/name or --filename must be specified\n".to_owned();
        }
        [_, command, ..] => {
            return format!(
                "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n(the command here was {command})\n"
            );
        }
    };
    let command = parsed.after_dashes.clone();
    if command.is_empty() {
        return "error: you must specify at least one command for the container\n".to_owned();
    }
    let Some(pod) = cluster.pod(&name).filter(|_| target::in_default(&parsed)) else {
        return target::not_found(Resource::Pods, &name);
    };
    let workload = cluster.owner_of(pod);
    let (container, _) = cluster.container(workload);
    if pod.phase != PodPhase::Running || !pod.container_up {
        return format!(
            "error: unable to upgrade connection: container not found (\"{container}\")\n"
        );
    }
    let store = cluster.world.settings().store;
    let file: Option<u64> = match store {
        _ if workload.name == "db" => None,
        TotalStore::EmptyDir => Some(pod.empty_dir_total),
        TotalStore::SharedVolume | TotalStore::OwnVolume => pod
            .volume
            .and_then(|index| cluster.world.volumes().get(index))
            .map(|volume| volume.file_total),
        TotalStore::Nothing | TotalStore::Memory | TotalStore::Database => None,
    };
    let words: Vec<&str> = command.iter().map(String::as_str).collect();
    let no_file = |tool: &str, path: &str| {
        let why = match store {
            TotalStore::Memory => {
                "# This pod keeps its total in memory: there is no file to read.\n"
            }
            TotalStore::Database => {
                "# These pods keep no total: they send each add to the database, db-0.\n"
            }
            TotalStore::Nothing => "# The converter keeps no total.\n",
            _ => "",
        };
        format!("{tool}: {path}: No such file or directory\n{EXIT_1}{why}")
    };
    match words.as_slice() {
        ["hostname"] => format!("{name}\n"),
        ["cat", path] if *path == TOTAL_FILE => match file {
            Some(total) => format!("{total}\n"),
            None => no_file("cat", path),
        },
        ["cat", path] => format!("cat: {path}: No such file or directory\n{EXIT_1}"),
        ["ls", path] if path.trim_end_matches('/') == "/data" => match file {
            Some(_) => "total\n".to_owned(),
            None => format!(
                "ls: cannot access '{path}': No such file or directory\ncommand terminated with exit code 2\n"
            ),
        },
        ["sh" | "bash" | "/bin/sh" | "/bin/bash", ..] => {
            "error: an interactive shell is not simulated here: run one command, e.g. kubectl exec POD -- cat /data/total\n".to_owned()
        }
        _ => format!(
            "error: this terminal runs cat {TOTAL_FILE}, ls /data and hostname in a pod, not {}\n",
            command.join(" ")
        ),
    }
}
