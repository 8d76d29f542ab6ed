//! Applying an object the scene deleted (`kubectl delete service adder`, then `kubectl apply -f
//! adder.yaml`): a create, not an update, so what the API server keeps immutable (a Service's
//! clusterIP, a StatefulSet's podManagementPolicy) is chosen again. The lab makes the app's own
//! object anew with the fields it simulates; other apps start a run of their own instead.

use super::apply::{Change, publishes_not_ready, workload_change};
use super::cluster::Cluster;
use crate::manifest::document::{Manifest, canonical, int, text};
use crate::sim::Command;
use crate::sim::scenario::PodManagementPolicy;

/// The actions that make `new` again in place of `was`, the object the scene deleted.
pub(super) fn recreate(
    new: &Manifest,
    was: &Manifest,
    cluster: &Cluster,
) -> Result<Change, String> {
    let reference = new.reference();
    let mut change = Change::default();
    let kept = |path: &str| canonical(new.get(path)) == canonical(was.get(path));
    if new.schema.kind == "Service" {
        if !kept("spec.selector") {
            return Err(format!(
                "# Not applied ({reference}): a Service that selects other pods than the app's is not simulated; keep spec.selector as it was.\n"
            ));
        }
        let headless = text(new.node, "spec.clusterIP") == "None";
        change.actions.push(Command::CreateService { headless });
        if !headless {
            change.notes.push("Simplified: the Service gets the lab's one virtual IP again; a cluster allocates a new one.".to_owned());
        }
        if text(new.node, "spec.sessionAffinity") == "ClientIP" {
            if headless {
                change.not_simulated.push("spec.sessionAffinity".to_owned());
            } else {
                change.actions.push(Command::SetSessionAffinity(true));
            }
        }
        if publishes_not_ready(new) {
            change.actions.push(Command::SetPublishNotReady(true));
        }
        return Ok(change);
    }
    for path in ["spec.selector", "spec.serviceName"] {
        if !kept(path) {
            return Err(format!(
                "# Not applied ({reference}): making the app's workload again with another {path} is not simulated; keep it as it was.\n"
            ));
        }
    }
    let Some(workload) = cluster.world.workloads().next() else {
        return Ok(change);
    };
    // The fields an update would change; the new pods start from the template anyway, so a
    // scale or a rollout is part of the create.
    let mut update = Change::default();
    workload_change(new, was, workload, cluster, &mut update)?;
    change.actions.push(Command::CreateWorkload {
        replicas: int(new.node, "spec.replicas").unwrap_or(1),
    });
    change.actions.extend(
        update
            .actions
            .into_iter()
            .filter(|action| !matches!(action, Command::Scale { .. } | Command::RollOut)),
    );
    change.not_simulated.extend(update.not_simulated);
    let policy =
        |manifest: &Manifest| text(manifest.node, "spec.podManagementPolicy") == "Parallel";
    if new.schema.kind == "StatefulSet" && policy(new) != policy(was) {
        change
            .actions
            .push(Command::SetPodManagement(if policy(new) {
                PodManagementPolicy::Parallel
            } else {
                PodManagementPolicy::OrderedReady
            }));
    }
    Ok(change)
}
