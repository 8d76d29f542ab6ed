//! A file's documents read as one app of the learner's own: the workload (a Deployment or a
//! StatefulSet), the Service in front of it and the claim its pods share, turned into the few
//! fields the simulation runs (`sim::design::Design`). What the lab cannot run is refused with
//! the reason; what it runs differently from a cluster, or a likely mistake (the blog's
//! "headless" Service without `clusterIP: None`), is said in notes.

use super::document::{Manifest, get, int, items, labels, text};
use super::tree::Node;
use crate::sim::command::REPLICAS_MAX;
use crate::sim::design::{Design, NAME_MAX};
use crate::sim::scenario::{
    AccessMode, PARTITION_MAX, PodManagementPolicy, Program, TotalStore, UpdateStrategy,
    WorkloadKind,
};

/// The design, and what the lab says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub design: Design,
    pub notes: Vec<String>,
}

/// Reads `manifests` (already valid objects) as one app; `Err` says why the lab cannot run it.
pub fn read(manifests: &[Manifest]) -> Result<Read, String> {
    let workloads: Vec<&Manifest> = manifests
        .iter()
        .filter(|m| matches!(m.schema.kind, "Deployment" | "StatefulSet"))
        .collect();
    let [workload] = workloads[..] else {
        let listed: Vec<String> = workloads.iter().map(|m| m.reference()).collect();
        return Err(if listed.is_empty() {
            "the file holds no Deployment or StatefulSet to run".to_owned()
        } else {
            format!(
                "the lab runs one app at a time, and the file holds {} workloads ({})",
                listed.len(),
                listed.join(", ")
            )
        });
    };
    let node = workload.node;
    let mut notes = Vec::new();
    let selector = labels(node, "spec.selector.matchLabels");
    let Some(app_label) = selector
        .iter()
        .find(|(key, _)| key == "app")
        .map(|(_, value)| value.clone())
        .filter(|_| selector.len() == 1)
    else {
        return Err(
            "the lab's pods carry one label, app: <value>, and its Services select it: use selector.matchLabels with app alone"
                .to_owned(),
        );
    };
    let services: Vec<&Manifest> = manifests
        .iter()
        .filter(|m| m.schema.kind == "Service")
        .filter(|m| labels(m.node, "spec.selector") == [("app".to_owned(), app_label.clone())])
        .collect();
    let Some(service) = services.first() else {
        return Err(format!(
            "no Service in the file selects app: {app_label}, and the lab's clients reach an app through its Service"
        ));
    };
    for other in &services[1..] {
        notes.push(format!(
            "{} also selects these pods; the lab's clients use {} (accepted, not simulated)",
            other.reference(),
            service.reference()
        ));
    }
    for name in [&workload.name, &service.name] {
        check_name(name)?;
    }
    let kind = if workload.schema.kind == "Deployment" {
        WorkloadKind::Deployment
    } else {
        WorkloadKind::StatefulSet
    };
    let replicas = int(node, "spec.replicas").unwrap_or(1);
    let replicas = u32::try_from(replicas)
        .ok()
        .filter(|&n| n <= REPLICAS_MAX)
        .ok_or_else(|| {
            format!("the lab runs at most {REPLICAS_MAX} replicas; {replicas} is more")
        })?;
    let containers = items(node, "spec.template.spec.containers");
    let [container] = containers else {
        return Err("the lab's pods run one container; a second one is not simulated".to_owned());
    };
    let image = text(container, "image").to_owned();
    let program = match image_name(&image) {
        "adder" => Program::Adder,
        "converter" => Program::Converter,
        "db" => {
            return Err(
                "a database of your own is not simulated: the three-tier scenario runs db-0"
                    .to_owned(),
            );
        }
        other => {
            notes.push(format!(
                "The lab runs no images: {other} is simulated as the adder (it answers /add with a running total), so you can watch where each request goes."
            ));
            Program::Adder
        }
    };
    let env = |name: &str| {
        items(container, "env")
            .iter()
            .find(|var| text(var, "name") == name)
            .map(|var| text(var, "value").to_owned())
    };
    let (store, claim, access_mode) = store(workload, container, manifests, &env, &mut notes)?;
    let store = if program == Program::Converter {
        TotalStore::Memory
    } else {
        store
    };
    let headless = text(service.node, "spec.clusterIP") == "None";
    let governing_service = text(node, "spec.serviceName").to_owned();
    if kind == WorkloadKind::StatefulSet {
        if !headless {
            notes.push(format!(
                "{} has no clusterIP: None, so it is a ClusterIP Service: kube-proxy load-balances each connection across the pods, and no pod can be addressed by name. A headless Service needs spec.clusterIP: None.",
                service.reference()
            ));
        }
        if governing_service != service.name {
            let missing = if governing_service.is_empty() {
                "no serviceName".to_owned()
            } else {
                format!("serviceName: {governing_service}, a Service the file does not hold")
            };
            notes.push(format!(
                "{} has {missing}: its pods get no DNS names of their own ({}-0.{} does not resolve).",
                workload.reference(),
                workload.name,
                if governing_service.is_empty() { &service.name } else { &governing_service }
            ));
        }
    }
    // A serviceName the lab cannot keep names no Service it runs: the same as none.
    let governing_service =
        if kind == WorkloadKind::StatefulSet && check_name(&governing_service).is_ok() {
            governing_service
        } else {
            String::new()
        };
    let design = Design {
        workload: kind,
        app_name: workload.name.clone(),
        app_label,
        service_name: service.name.clone(),
        governing_service,
        image,
        replicas,
        program,
        store,
        claim,
        access_mode,
        lock: env("FILE_LOCK").is_none_or(|value| value != "off"),
        headless,
        session_affinity: text(service.node, "spec.sessionAffinity") == "ClientIP",
        update_strategy: match crate::kubectl::apply::update_strategy(workload) {
            UpdateStrategy::RollingUpdate { partition } if partition > PARTITION_MAX => {
                return Err(format!("the lab keeps partitions up to {PARTITION_MAX}"));
            }
            strategy => strategy,
        },
        pod_management: if text(node, "spec.podManagementPolicy") == "Parallel" {
            PodManagementPolicy::Parallel
        } else {
            PodManagementPolicy::OrderedReady
        },
        claim_retention: crate::kubectl::apply::claim_retention(workload),
        publish_not_ready: crate::kubectl::apply::publishes_not_ready(service),
    };
    // What a link will hold must read back the same.
    if crate::sim::design::Design::parse(&design.code()).as_ref() != Some(&design) {
        return Err("these names or this image cannot be kept in a link (the lab keeps names of letters, digits and '-', and an image without spaces or '~')".to_owned());
    }
    Ok(Read { design, notes })
}

/// Names the lab keeps: DNS labels of at most `NAME_MAX` characters.
fn check_name(name: &str) -> Result<(), String> {
    let label = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if !label {
        return Err(format!(
            "the lab keeps names that are DNS labels (a-z, 0-9, '-'); {name:?} is not one"
        ));
    }
    if name.len() > NAME_MAX {
        return Err(format!(
            "the lab keeps names of at most {NAME_MAX} characters (a pod's generated name must fit); {name} has {}",
            name.len()
        ));
    }
    Ok(())
}

/// The image's own name: `adder-lab/adder:1.0` → `adder`.
pub fn image_name(image: &str) -> &str {
    let last = image.rsplit('/').next().unwrap_or(image);
    last.split([':', '@']).next().unwrap_or(last)
}

type Store = (TotalStore, String, AccessMode);

/// Where the adder keeps its total: in a file (TOTAL_FILE) on a mounted volume, else in memory.
fn store(
    workload: &Manifest,
    container: &Node,
    manifests: &[Manifest],
    env: &dyn Fn(&str) -> Option<String>,
    notes: &mut Vec<String>,
) -> Result<Store, String> {
    let memory = Ok((TotalStore::Memory, String::new(), AccessMode::ReadWriteMany));
    let Some(file) = env("TOTAL_FILE").filter(|file| !file.is_empty()) else {
        if !items(container, "volumeMounts").is_empty() {
            notes.push("A volume is mounted, but no TOTAL_FILE names a file on it: the adder keeps its total in memory.".to_owned());
        }
        return memory;
    };
    let mount = items(container, "volumeMounts").iter().find(|mount| {
        let path = text(mount, "mountPath").trim_end_matches('/');
        file.starts_with(&format!("{path}/"))
    });
    let Some(mount) = mount else {
        notes.push(format!("TOTAL_FILE is {file}, on no mounted volume: the file is in the container's own filesystem, lost with the container like memory; the lab keeps the total in memory."));
        return memory;
    };
    let volume_name = text(mount, "name");
    let volume = items(workload.node, "spec.template.spec.volumes")
        .iter()
        .find(|volume| text(volume, "name") == volume_name);
    if let Some(volume) = volume {
        if get(volume, "emptyDir").is_some() {
            return Ok((
                TotalStore::EmptyDir,
                String::new(),
                AccessMode::ReadWriteMany,
            ));
        }
        let claim = text(volume, "persistentVolumeClaim.claimName");
        if claim.is_empty() {
            return Err(format!(
                "volume {volume_name} is neither an emptyDir nor a persistentVolumeClaim: not simulated"
            ));
        }
        if workload.schema.kind == "StatefulSet" {
            return Err("one claim shared by every StatefulSet pod is not simulated: use volumeClaimTemplates".to_owned());
        }
        check_name(claim)?;
        let Some(pvc) = manifests
            .iter()
            .find(|m| m.schema.kind == "PersistentVolumeClaim" && m.name == claim)
        else {
            return Err(format!(
                "the claim {claim} is not in the file: its pods would stay Pending"
            ));
        };
        let mode = items(pvc.node, "spec.accessModes")
            .first()
            .map(Node::text)
            .unwrap_or_default();
        let access = match mode {
            "ReadWriteMany" => AccessMode::ReadWriteMany,
            "ReadWriteOnce" => AccessMode::ReadWriteOnce,
            "ReadWriteOncePod" => AccessMode::ReadWriteOncePod,
            other => {
                return Err(format!(
                    "the adder writes its total, and a {other} claim cannot be written: only ReadWriteOnce, ReadWriteOncePod and ReadWriteMany claims can hold it"
                ));
            }
        };
        return Ok((TotalStore::SharedVolume, claim.to_owned(), access));
    }
    let template = items(workload.node, "spec.volumeClaimTemplates")
        .iter()
        .find(|template| text(template, "metadata.name") == volume_name);
    if let Some(template) = template {
        let mode = items(template, "spec.accessModes")
            .first()
            .map(Node::text)
            .unwrap_or_default();
        if mode == "ReadOnlyMany" {
            return Err("the adder writes its total, and a ReadOnlyMany claim cannot be written: only ReadWriteOnce, ReadWriteOncePod and ReadWriteMany claims can hold it".to_owned());
        }
        if mode != "ReadWriteOnce" {
            notes.push(format!(
                "Each pod mounts a claim of its own made from the template, so its access mode ({mode}) lets that pod in as ReadWriteOnce does: the lab simulates (and prints) the claims as ReadWriteOnce."
            ));
        }
        return Ok((
            TotalStore::OwnVolume,
            String::new(),
            AccessMode::ReadWriteOnce,
        ));
    }
    Err(format!("the mount {volume_name} names no volume"))
}
