//! Tab completion, as bash with kubectl's completion script does it: the word under the cursor
//! (the line's last) is completed from what fits where it stands: a program, a kubectl verb, a
//! `rollout` subcommand, a resource type, an object of that type at the moment shown, a pod for
//! `logs` and `exec`, a name cluster DNS answers for `nslookup` and `dig`. One match is
//! completed with a space after it; several extend to their longest common prefix, and when
//! that adds nothing they are listed.

use super::cluster::Cluster;
use super::printers::object_names;
use super::resources::Resource;
use crate::sim::World;

/// What Tab does to a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The line after completing.
    pub line: String,
    /// The matches to list (when the line could not be completed further), sorted.
    pub listed: Vec<String>,
}

const PROGRAMS: [&str; 5] = ["clear", "dig", "help", "kubectl", "nslookup"];
const VERBS: [&str; 10] = [
    "cordon", "delete", "describe", "drain", "exec", "get", "logs", "rollout", "scale", "uncordon",
];
const ROLLOUT: [&str; 3] = ["history", "restart", "status"];

/// Completes `line`'s last word against the world as it is.
pub fn complete(line: &str, world: &World) -> Completion {
    let unchanged = Completion {
        line: line.to_owned(),
        listed: Vec::new(),
    };
    // A quote or escape makes the words uncertain: leave the line as it is.
    if line.contains(['\'', '"', '\\']) || line.chars().count() > super::words::LINE_MAX_CHARS {
        return unchanged;
    }
    let (head, current) = match line.rfind(' ') {
        Some(space) => (&line[..=space], &line[space + 1..]),
        None => ("", line),
    };
    let before: Vec<&str> = head.split_whitespace().collect();
    if current.starts_with('-') {
        return unchanged;
    }
    let cluster = Cluster::new(world);
    let candidates = candidates(&before, current, &cluster);
    let matching: Vec<String> = candidates
        .into_iter()
        .filter(|candidate| candidate.starts_with(current))
        .collect();
    match matching.as_slice() {
        [] => unchanged,
        [only] => Completion {
            line: format!("{head}{only} "),
            listed: Vec::new(),
        },
        several => {
            let common = common_prefix(several);
            if common.len() > current.len() {
                Completion {
                    line: format!("{head}{common}"),
                    listed: Vec::new(),
                }
            } else {
                Completion {
                    line: line.to_owned(),
                    listed: several.to_vec(),
                }
            }
        }
    }
}

/// What may stand after `before` (the words before the cursor's, flags left out).
fn candidates(before: &[&str], current: &str, cluster: &Cluster) -> Vec<String> {
    let owned = |names: &[&str]| names.iter().map(|name| (*name).to_owned()).collect();
    let args: Vec<&str> = before
        .iter()
        .copied()
        .filter(|word| !word.starts_with('-'))
        .collect();
    let mut found: Vec<String> = match args.as_slice() {
        [] => owned(&PROGRAMS),
        ["nslookup" | "dig", ..] => dns_names(cluster),
        ["kubectl"] => owned(&VERBS),
        ["kubectl", "rollout"] => owned(&ROLLOUT),
        ["kubectl", "logs" | "exec"] => object_names(Resource::Pods, cluster),
        ["kubectl", "cordon" | "uncordon" | "drain"] => object_names(Resource::Nodes, cluster),
        ["kubectl", "rollout", _] | ["kubectl", "scale"] => owned(&["deployments", "statefulsets"]),
        ["kubectl", "get" | "describe" | "delete"] => {
            let mut types: Vec<String> = Resource::ALL
                .iter()
                .map(|resource| resource.plural().to_owned())
                .collect();
            if args[1] == "get" {
                types.push("all".to_owned());
            }
            // `pod/adder-0`: a typed type and a slash complete the object's name.
            if let Some((word, _)) = current.split_once('/')
                && let Some(resource) = Resource::parse(word)
            {
                return object_names(resource, cluster)
                    .into_iter()
                    .map(|name| format!("{word}/{name}"))
                    .collect();
            }
            types
        }
        ["kubectl", "get" | "describe" | "delete", kind, ..]
        | ["kubectl", "rollout", _, kind, ..]
        | ["kubectl", "scale", kind, ..] => Resource::parse(kind)
            .map(|resource| object_names(resource, cluster))
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    found.sort();
    found.dedup();
    found
}

/// Names cluster DNS answers, short as a pod in `default` would type them.
fn dns_names(cluster: &Cluster) -> Vec<String> {
    let mut names = vec!["kubernetes.default".to_owned()];
    for service in cluster.services() {
        if service.name == "kubernetes" {
            continue;
        }
        names.push(service.name.to_owned());
        if service.cluster_ip.is_none() {
            for pod in cluster.pods() {
                if pod.ordinal.is_some() && pod.name.as_str().starts_with(service.name) {
                    names.push(format!("{}.{}", pod.name, service.name));
                }
            }
        }
    }
    names
}

fn common_prefix(words: &[String]) -> String {
    let first = &words[0];
    let mut end = first.len();
    for word in &words[1..] {
        end = first
            .char_indices()
            .zip(word.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((index, c), _)| index + c.len_utf8())
            .min(end);
    }
    first[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::complete;
    use crate::sim::{ScenarioId, World};

    #[test]
    fn tab_completes_verbs_types_and_the_objects_there_are() {
        let mut world = World::new(ScenarioId::StatefulSetHeadless, 3);
        world.run_until(30_000);
        let line = |typed: &str| complete(typed, &world).line;
        let listed = |typed: &str| complete(typed, &world).listed;
        assert_eq!(line("kub"), "kubectl ");
        assert_eq!(line("kubectl ge"), "kubectl get ");
        assert_eq!(listed("kubectl de"), ["delete", "describe"]);
        assert_eq!(line("kubectl dr"), "kubectl drain ");
        assert_eq!(line("kubectl cordon node-2"), "kubectl cordon node-2 ");
        assert_eq!(line("kubectl des"), "kubectl describe ");
        assert_eq!(line("kubectl get st"), "kubectl get st");
        assert_eq!(listed("kubectl get st"), ["statefulsets", "storageclasses"]);
        assert_eq!(
            line("kubectl get persistentvolumec"),
            "kubectl get persistentvolumeclaims "
        );
        assert_eq!(
            line("kubectl delete pod adder-"),
            "kubectl delete pod adder-"
        );
        assert_eq!(
            listed("kubectl delete pod adder-"),
            ["adder-0", "adder-1", "adder-2"]
        );
        assert_eq!(
            line("kubectl delete pod adder-1"),
            "kubectl delete pod adder-1 "
        );
        assert_eq!(
            line("kubectl get pvc data-adder-2"),
            "kubectl get pvc data-adder-2 "
        );
        assert_eq!(line("kubectl logs adder-0"), "kubectl logs adder-0 ");
        assert_eq!(
            line("kubectl describe po/adder-2"),
            "kubectl describe po/adder-2 "
        );
        assert_eq!(line("kubectl rollout r"), "kubectl rollout restart ");
        assert_eq!(
            line("kubectl rollout restart s"),
            "kubectl rollout restart statefulsets "
        );
        assert_eq!(line("nslookup adder-1"), "nslookup adder-1.adder ");
        assert_eq!(line("kubectl get pods -"), "kubectl get pods -");
        assert_eq!(line("kubectl get pods 'a"), "kubectl get pods 'a");
        assert_eq!(line("frobnicate x"), "frobnicate x");
        assert_eq!(line(""), "");
        assert_eq!(listed(""), ["clear", "dig", "help", "kubectl", "nslookup"]);
    }
}
