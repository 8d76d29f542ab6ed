//! `kubectl delete pod NAME… [--grace-period=N] [--force] [--now]`: the same recorded action
//! as the scene's "Delete pod" button (with the grace period when one is given), printed as
//! kubectl 1.35 prints it (`pod "adder-1" deleted from default namespace`).
//!
//! Simplified: kubectl waits until the pod is gone (`--wait` is true by default); here it
//! returns at once, as with `--wait=false`, and the scene shows the pod terminating.

use super::apply::{Files, read_file};
use super::cluster::Cluster;
use super::flags::{self, FlagSpec, flag};
use super::resources::Resource;
use super::target;
use crate::manifest::document;
use crate::sim::Command;
use crate::sim::command::GRACE_PERIOD_S_MAX;
use crate::sim::scenario::{TotalStore, WorkloadKind};

const FLAGS: [FlagSpec; 6] = [
    flag("filename", Some('f'), true),
    flag("grace-period", None, true),
    flag("force", None, false),
    flag("now", None, false),
    flag("wait", None, false),
    flag("ignore-not-found", None, false),
];

/// What `kubectl delete` prints, and the actions it stands for.
pub fn delete(words: &[String], cluster: &Cluster, files: &Files) -> (String, Vec<Command>) {
    let refused = |text: String| (text, Vec::new());
    let parsed = match flags::parse(words, &FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => {
            return refused(format!(
                "error: {message}\nSee 'kubectl delete --help' for usage.\n"
            ));
        }
    };
    // -1: the pod's own terminationGracePeriodSeconds (the lab's shortened 2 s).
    let mut grace_period_s: i64 = match parsed.value("grace-period") {
        None => -1,
        Some(text) => match text.parse() {
            Ok(seconds) => seconds,
            Err(_) => {
                return refused(format!(
                    "error: invalid argument \"{text}\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"{text}\": invalid syntax\nSee 'kubectl delete --help' for usage.\n"
                ));
            }
        },
    };
    let force = parsed.is_set("force");
    if parsed.is_set("now") {
        if grace_period_s != -1 {
            return refused(
                "error: --now and --grace-period cannot be specified together\n".into(),
            );
        }
        grace_period_s = 1;
    }
    // kubectl's own rules: a zero grace period needs --force (else it is 1), and --force
    // alone means zero.
    if grace_period_s == 0 && !force {
        grace_period_s = 1;
    }
    if force && grace_period_s < 0 {
        grace_period_s = 0;
    }
    if grace_period_s > i64::from(GRACE_PERIOD_S_MAX) {
        return refused(format!(
            "error: the lab runs grace periods of at most {GRACE_PERIOD_S_MAX} seconds\n"
        ));
    }
    if let Some(file) = parsed.value("filename") {
        if !parsed.args.is_empty() {
            return refused("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl delete -f FILE')\n".to_owned());
        }
        return delete_file(file, cluster, files, parsed.is_set("ignore-not-found"));
    }
    let (resource, names) = match target::objects(&parsed.args) {
        Ok(found) => found,
        Err(message) => return refused(message),
    };
    if matches!(
        resource,
        Resource::Deployments | Resource::StatefulSets | Resource::Services
    ) {
        if !target::in_default(&parsed) {
            return refused(
                names
                    .iter()
                    .map(|name| target::not_found(resource, name))
                    .collect(),
            );
        }
        return delete_objects(resource, &names, cluster, parsed.is_set("ignore-not-found"));
    }
    if resource != Resource::Pods {
        return refused(format!(
            "error: deleting {} is not simulated here: kubectl delete pod, deployment, statefulset or service NAME is\n",
            resource.plural()
        ));
    }
    let mut text = String::new();
    match grace_period_s {
        0 => text.push_str("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n"),
        _ if force => text.push_str("Warning: --force is ignored because --grace-period is not 0.\n"),
        _ => {}
    }
    let operation = if grace_period_s == 0 {
        "force deleted"
    } else {
        "deleted"
    };
    let in_default = target::in_default(&parsed);
    let mut actions = Vec::new();
    let mut errors = String::new();
    for name in names {
        if !in_default || cluster.pod(&name).is_none() {
            if !parsed.is_set("ignore-not-found") {
                errors.push_str(&target::not_found(resource, &name));
            }
            continue;
        }
        text.push_str(&format!(
            "pod \"{name}\" {operation} from default namespace\n"
        ));
        actions.push(match u32::try_from(grace_period_s) {
            Ok(grace_period_s) => Command::DeletePodWithGrace {
                name,
                grace_period_s,
            },
            Err(_) => Command::DeletePod { name },
        });
    }
    (text + &errors, actions)
}

/// `kubectl delete deployment|statefulset|service NAME…`: the app's workload or Service. Its
/// pods go (a StatefulSet's claims stay unless `whenDeleted: Delete`); applying the file again
/// makes it anew, which is how a field the API server keeps immutable is changed.
fn delete_objects(
    resource: Resource,
    names: &[String],
    cluster: &Cluster,
    ignore_not_found: bool,
) -> (String, Vec<Command>) {
    let world = cluster.world;
    let settings = world.settings();
    let mut text = String::new();
    let mut errors = String::new();
    let mut actions = Vec::new();
    for name in names {
        let action = match resource {
            Resource::Services if name == "kubernetes" || name == "db" => {
                text.push_str(&format!("# Deleting service/{name} is not simulated: the lab deletes the app's Service, {}.\n", settings.service_name));
                continue;
            }
            Resource::Services if name == settings.service_name && !world.service_deleted() => {
                Command::DeleteService
            }
            Resource::StatefulSets
                if name == "db"
                    && cluster
                        .workload_named(WorkloadKind::StatefulSet, "db")
                        .is_some() =>
            {
                text.push_str("# Deleting the database's StatefulSet is not simulated: the lab deletes the app's workload.\n");
                continue;
            }
            Resource::Deployments | Resource::StatefulSets => {
                let kind = if resource == Resource::Deployments {
                    WorkloadKind::Deployment
                } else {
                    WorkloadKind::StatefulSet
                };
                if cluster.workload_named(kind, name).is_none() {
                    if !ignore_not_found {
                        errors.push_str(&target::not_found(resource, name));
                    }
                    continue;
                }
                Command::DeleteWorkload
            }
            _ => {
                if !ignore_not_found {
                    errors.push_str(&target::not_found(resource, name));
                }
                continue;
            }
        };
        if actions.contains(&action) {
            continue;
        }
        text.push_str(&format!(
            "{} \"{name}\" deleted from default namespace\n",
            resource.qualified_singular()
        ));
        actions.push(action);
    }
    if actions.contains(&Command::DeleteWorkload)
        && world.settings().workload == WorkloadKind::StatefulSet
        && settings.store == TotalStore::OwnVolume
    {
        let name = settings.app_name;
        text.push_str(&if settings.claim_retention.delete_when_deleted {
            format!("# whenDeleted: Delete: each claim data-{name}-<ordinal> goes with its pod, and the total in its file.\n")
        } else {
            format!("# The claims data-{name}-<ordinal> stay (whenDeleted: Retain): apply the StatefulSet again and each new pod mounts its own claim again.\n")
        });
    }
    (text + &errors, actions)
}

/// `kubectl delete -f adder.yaml`: every object of the file, as `kubectl delete TYPE NAME` would
/// delete it (the app's workload and Service; the lab keeps claims and storage classes).
fn delete_file(
    file: &str,
    cluster: &Cluster,
    files: &Files,
    ignore_not_found: bool,
) -> (String, Vec<Command>) {
    let docs = match read_file(file, files, "delete") {
        Ok((docs, _)) => docs,
        Err(text) => return (text, Vec::new()),
    };
    let mut text = String::new();
    let mut actions = Vec::new();
    for doc in &docs {
        let manifest = match document::read(doc, file) {
            Ok(Some(manifest)) => manifest,
            Ok(None) => continue,
            Err(refusal) => {
                text.push_str(&format!(
                    "{}\n# at {} of {file}\n",
                    refusal.printed(file, |_, _| false),
                    refusal.mark
                ));
                continue;
            }
        };
        let Some(resource) = Resource::parse(manifest.schema.kind) else {
            continue;
        };
        if !matches!(
            resource,
            Resource::Deployments | Resource::StatefulSets | Resource::Services
        ) {
            text.push_str(&format!(
                "# Not deleted: {}. Deleting {} is not simulated here; the lab keeps them.\n",
                manifest.reference(),
                resource.plural()
            ));
            continue;
        }
        let (printed, deleted) = delete_objects(
            resource,
            std::slice::from_ref(&manifest.name),
            cluster,
            ignore_not_found,
        );
        text.push_str(&printed);
        for action in deleted {
            if !actions.contains(&action) {
                actions.push(action);
            }
        }
    }
    if text.is_empty() {
        text.push_str("error: no objects passed to delete\n");
    }
    (text, actions)
}
