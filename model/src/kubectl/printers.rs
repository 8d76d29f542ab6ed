//! One printer per resource, as kubectl has (`pkg/printers/internalversion/printers.go`): the
//! columns `kubectl get` shows, `-o wide`'s extra ones, and each object's cells, in kubectl's
//! words (`<none>`, `<unset>`, `1/1`, `3 (40s ago)`, `a,b,c + 2 more...`).

use super::cluster::{Cluster, KUBELET_VERSION};
use super::duration::human_duration;
use super::resources::Resource;
use crate::sim::objects::{Pod, PodPhase, Workload};
use crate::sim::scenario::{AccessMode, WorkloadKind};

/// One object's line: its name, its labels (for `-l` and `--show-labels`) and the other cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    pub labels: Vec<(String, String)>,
    pub cells: Vec<String>,
}

/// A resource's columns (after NAME) and its objects, sorted by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Row>,
}

/// The table `kubectl get <resource>` prints (`wide`: `-o wide`).
pub fn table(resource: Resource, cluster: &Cluster, wide: bool) -> Table {
    let mut table = match resource {
        Resource::Pods => pods(cluster, wide),
        Resource::Services => services(cluster, wide),
        Resource::Deployments => deployments(cluster, wide),
        Resource::ReplicaSets => replica_sets(cluster, wide),
        Resource::StatefulSets => stateful_sets(cluster, wide),
        Resource::EndpointSlices => endpoint_slices(cluster),
        Resource::PersistentVolumeClaims => claims(cluster, wide),
        Resource::PersistentVolumes => volumes(cluster, wide),
        Resource::StorageClasses => storage_classes(cluster),
        Resource::Nodes => nodes(cluster, wide),
        Resource::Events => return events(cluster, wide),
    };
    table.rows.sort_by(|a, b| a.name.cmp(&b.name));
    table
}

/// kubectl's AGE of something made at `created_ms`.
pub fn age(cluster: &Cluster, created_ms: u64) -> String {
    human_duration(cluster.now_ms().saturating_sub(created_ms))
}

fn label(key: &str, value: &str) -> (String, String) {
    (key.to_owned(), value.to_owned())
}

/// Up to three items, then `+ N more...`; `<unset>` for none (`listWithMoreString`).
pub fn list_with_more(items: &[String]) -> String {
    const SHOWN_MAX: usize = 3;
    match items.len() {
        0 => "<unset>".to_owned(),
        count if count <= SHOWN_MAX => items.join(","),
        count => format!(
            "{} + {} more...",
            items[..SHOWN_MAX].join(","),
            count - SHOWN_MAX
        ),
    }
}

/// `status.phase` with what kubectl puts in its place: a waiting or terminated container's
/// reason, `Terminating` once deleted.
pub fn pod_status(pod: &Pod) -> &'static str {
    match pod.phase {
        _ if pod.terminating => "Terminating",
        PodPhase::Pending if pod.is_container_creating() => "ContainerCreating",
        PodPhase::Pending => "Pending",
        PodPhase::Unknown => "Unknown",
        // Between a crash and the restart the container is terminated with reason Error.
        PodPhase::Running if !pod.container_up => "Error",
        PodPhase::Running => "Running",
    }
}

/// `RESTARTS`: the count, with how long ago the last one was.
pub fn restarts(cluster: &Cluster, pod: &Pod) -> String {
    match pod.last_restart_ms {
        Some(at_ms) if pod.restarts > 0 => {
            format!("{} ({} ago)", pod.restarts, age(cluster, at_ms))
        }
        _ => pod.restarts.to_string(),
    }
}

fn pods(cluster: &Cluster, wide: bool) -> Table {
    let mut columns = vec!["READY", "STATUS", "RESTARTS", "AGE"];
    if wide {
        columns.extend(["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]);
    }
    let rows = cluster
        .pods()
        .into_iter()
        .map(|pod| {
            let ready = u32::from(pod.ready && pod.container_up && !pod.terminating);
            let mut cells = vec![
                format!("{ready}/1"),
                pod_status(pod).to_owned(),
                restarts(cluster, pod),
                age(cluster, pod.created_ms),
            ];
            if wide {
                cells.extend([
                    Cluster::pod_ip(pod).unwrap_or_else(|| "<none>".to_owned()),
                    cluster.node_name(pod).to_owned(),
                    "<none>".to_owned(),
                    "<none>".to_owned(),
                ]);
            }
            Row {
                name: pod.name.to_string(),
                labels: cluster.pod_labels(pod),
                cells,
            }
        })
        .collect();
    Table { columns, rows }
}

fn services(cluster: &Cluster, wide: bool) -> Table {
    let mut columns = vec!["TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"];
    if wide {
        columns.push("SELECTOR");
    }
    let rows = cluster
        .services()
        .into_iter()
        .map(|service| {
            let mut cells = vec![
                "ClusterIP".to_owned(),
                service.cluster_ip.unwrap_or("None").to_owned(),
                "<none>".to_owned(),
                service.port.to_owned(),
                age(cluster, 0),
            ];
            if wide {
                cells.push(service.selector.as_deref().unwrap_or("<none>").to_owned());
            }
            let labels = if service.name == "kubernetes" {
                vec![
                    label("component", "apiserver"),
                    label("provider", "kubernetes"),
                ]
            } else {
                Vec::new()
            };
            Row {
                name: service.name.to_owned(),
                labels,
                cells,
            }
        })
        .collect();
    Table { columns, rows }
}

/// `-o wide`'s CONTAINERS and IMAGES (and SELECTOR) of a workload.
fn workload_wide_cells(cluster: &Cluster, workload: &Workload, selector: bool) -> Vec<String> {
    let (container, image) = cluster.container(workload);
    let mut cells = vec![container.to_owned(), image.to_owned()];
    if selector {
        cells.push(format!("app={}", workload.name));
    }
    cells
}

fn deployments(cluster: &Cluster, wide: bool) -> Table {
    let mut columns = vec!["READY", "UP-TO-DATE", "AVAILABLE", "AGE"];
    if wide {
        columns.extend(["CONTAINERS", "IMAGES", "SELECTOR"]);
    }
    let rows = cluster
        .workloads(WorkloadKind::Deployment)
        .into_iter()
        .map(|workload| {
            let status = cluster.workload_status(workload);
            let mut cells = vec![
                format!("{}/{}", status.ready, workload.replicas),
                status.updated.to_string(),
                status.ready.to_string(),
                age(cluster, 0),
            ];
            if wide {
                cells.extend(workload_wide_cells(cluster, workload, true));
            }
            Row {
                name: workload.name.to_owned(),
                labels: vec![label("app", workload.name)],
                cells,
            }
        })
        .collect();
    Table { columns, rows }
}

fn replica_sets(cluster: &Cluster, wide: bool) -> Table {
    let mut columns = vec!["DESIRED", "CURRENT", "READY", "AGE"];
    if wide {
        columns.extend(["CONTAINERS", "IMAGES", "SELECTOR"]);
    }
    let mut rows = Vec::new();
    for workload in cluster.workloads(WorkloadKind::Deployment) {
        for set in cluster.replica_sets(workload) {
            let mut cells = vec![
                set.desired.to_string(),
                set.current.to_string(),
                set.ready.to_string(),
                age(cluster, set.created_ms),
            ];
            if wide {
                let mut wide_cells = workload_wide_cells(cluster, workload, false);
                wide_cells.push(format!(
                    "app={},pod-template-hash={}",
                    workload.name, set.hash
                ));
                cells.extend(wide_cells);
            }
            rows.push(Row {
                name: set.name,
                labels: vec![
                    label("app", workload.name),
                    label("pod-template-hash", &set.hash),
                ],
                cells,
            });
        }
    }
    Table { columns, rows }
}

fn stateful_sets(cluster: &Cluster, wide: bool) -> Table {
    let mut columns = vec!["READY", "AGE"];
    if wide {
        columns.extend(["CONTAINERS", "IMAGES"]);
    }
    let rows = cluster
        .workloads(WorkloadKind::StatefulSet)
        .into_iter()
        .map(|workload| {
            let ready = cluster
                .workload_pods(workload)
                .filter(|pod| pod.is_endpoint())
                .count();
            let mut cells = vec![format!("{ready}/{}", workload.replicas), age(cluster, 0)];
            if wide {
                cells.extend(workload_wide_cells(cluster, workload, false));
            }
            Row {
                name: workload.name.to_owned(),
                labels: vec![label("app", workload.name)],
                cells,
            }
        })
        .collect();
    Table { columns, rows }
}

fn endpoint_slices(cluster: &Cluster) -> Table {
    let columns = vec!["ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"];
    let rows = cluster
        .services()
        .into_iter()
        .map(|service| {
            let mut labels = vec![label("kubernetes.io/service-name", service.name)];
            if service.name != "kubernetes" {
                labels.push(label(
                    "endpointslice.kubernetes.io/managed-by",
                    "endpointslice-controller.k8s.io",
                ));
            }
            if service.cluster_ip.is_none() {
                labels.push(label("service.kubernetes.io/headless", ""));
            }
            labels.sort();
            Row {
                name: service.slice_name,
                labels,
                cells: vec![
                    "IPv4".to_owned(),
                    service.slice_port.to_owned(),
                    list_with_more(&service.addresses),
                    age(cluster, 0),
                ],
            }
        })
        .collect();
    Table { columns, rows }
}

/// `RWO`, `RWX`, `RWOP`: the access modes as kubectl abbreviates them.
pub fn access_modes(mode: AccessMode) -> &'static str {
    match mode {
        AccessMode::ReadWriteOnce => "RWO",
        AccessMode::ReadWriteMany => "RWX",
        AccessMode::ReadWriteOncePod => "RWOP",
    }
}

/// A claim made from a StatefulSet's volumeClaimTemplates carries the pods' labels.
fn claim_labels(claim: &str) -> Vec<(String, String)> {
    claim
        .strip_prefix("data-")
        .and_then(|rest| rest.rsplit_once('-'))
        .map(|(set, _)| vec![label("app", set)])
        .unwrap_or_default()
}

fn claims(cluster: &Cluster, wide: bool) -> Table {
    let mut columns = vec![
        "STATUS",
        "VOLUME",
        "CAPACITY",
        "ACCESS MODES",
        "STORAGECLASS",
        "VOLUMEATTRIBUTESCLASS",
        "AGE",
    ];
    if wide {
        columns.push("VOLUMEMODE");
    }
    let rows = cluster
        .volumes()
        .into_iter()
        .map(|volume| {
            let mut cells = vec![
                "Bound".to_owned(),
                volume.volume.to_string(),
                "1Gi".to_owned(),
                access_modes(volume.access_mode).to_owned(),
                Cluster::storage_class(volume).to_owned(),
                "<unset>".to_owned(),
                age(cluster, volume.created_ms),
            ];
            if wide {
                cells.push("Filesystem".to_owned());
            }
            Row {
                name: volume.claim.to_string(),
                labels: claim_labels(volume.claim.as_str()),
                cells,
            }
        })
        .collect();
    Table { columns, rows }
}

fn volumes(cluster: &Cluster, wide: bool) -> Table {
    let mut columns = vec![
        "CAPACITY",
        "ACCESS MODES",
        "RECLAIM POLICY",
        "STATUS",
        "CLAIM",
        "STORAGECLASS",
        "VOLUMEATTRIBUTESCLASS",
        "REASON",
        "AGE",
    ];
    if wide {
        columns.push("VOLUMEMODE");
    }
    let rows = cluster
        .volumes()
        .into_iter()
        .map(|volume| {
            let mut cells = vec![
                "1Gi".to_owned(),
                access_modes(volume.access_mode).to_owned(),
                "Delete".to_owned(),
                "Bound".to_owned(),
                format!("default/{}", volume.claim),
                Cluster::storage_class(volume).to_owned(),
                "<unset>".to_owned(),
                String::new(),
                age(cluster, volume.created_ms),
            ];
            if wide {
                cells.push("Filesystem".to_owned());
            }
            Row {
                name: volume.volume.to_string(),
                labels: Vec::new(),
                cells,
            }
        })
        .collect();
    Table { columns, rows }
}

fn storage_classes(cluster: &Cluster) -> Table {
    let columns = vec![
        "PROVISIONER",
        "RECLAIMPOLICY",
        "VOLUMEBINDINGMODE",
        "ALLOWVOLUMEEXPANSION",
        "AGE",
    ];
    let rows = cluster
        .storage_classes()
        .into_iter()
        .map(|(name, provisioner)| Row {
            name: name.to_owned(),
            labels: Vec::new(),
            cells: vec![
                provisioner.to_owned(),
                "Delete".to_owned(),
                "Immediate".to_owned(),
                "false".to_owned(),
                age(cluster, 0),
            ],
        })
        .collect();
    Table { columns, rows }
}

fn nodes(cluster: &Cluster, wide: bool) -> Table {
    let mut columns = vec!["STATUS", "ROLES", "AGE", "VERSION"];
    if wide {
        columns.extend([
            "INTERNAL-IP",
            "EXTERNAL-IP",
            "OS-IMAGE",
            "KERNEL-VERSION",
            "CONTAINER-RUNTIME",
        ]);
    }
    let rows = cluster
        .nodes()
        .iter()
        .enumerate()
        .map(|(index, node)| {
            let status = match (node.up, node.unschedulable) {
                (true, false) => "Ready",
                (true, true) => "Ready,SchedulingDisabled",
                (false, false) => "NotReady",
                (false, true) => "NotReady,SchedulingDisabled",
            };
            let mut cells = vec![
                status.to_owned(),
                "<none>".to_owned(),
                age(cluster, 0),
                KUBELET_VERSION.to_owned(),
            ];
            if wide {
                cells.extend([
                    Cluster::node_ip(index),
                    "<none>".to_owned(),
                    "Ubuntu 24.04.3 LTS".to_owned(),
                    "6.8.0-88-generic".to_owned(),
                    "containerd://2.1.4".to_owned(),
                ]);
            }
            Row {
                name: node.name.to_string(),
                labels: vec![
                    label("kubernetes.io/arch", "amd64"),
                    label("kubernetes.io/hostname", node.name.as_str()),
                    label("kubernetes.io/os", "linux"),
                ],
                cells,
            }
        })
        .collect();
    Table { columns, rows }
}

/// Events have no NAME column first: `LAST SEEN` leads, and they stay in time order.
fn events(cluster: &Cluster, wide: bool) -> Table {
    let columns = if wide {
        vec![
            "TYPE",
            "REASON",
            "OBJECT",
            "SUBOBJECT",
            "SOURCE",
            "MESSAGE",
            "FIRST SEEN",
            "COUNT",
            "NAME",
        ]
    } else {
        vec!["TYPE", "REASON", "OBJECT", "MESSAGE"]
    };
    let rows = cluster
        .events()
        .into_iter()
        .enumerate()
        .map(|(index, event)| {
            let kind = if event.warning { "Warning" } else { "Normal" };
            let object_name = event.object.split_once('/').map_or("", |(_, name)| name);
            let name = format!(
                "{object_name}.{:016x}",
                0x1880_0000_0000_0000_u64 + index as u64
            );
            let mut cells = vec![
                kind.to_owned(),
                event.reason.to_owned(),
                event.object.clone(),
            ];
            if wide {
                let container = cluster
                    .pod(object_name)
                    .filter(|_| event.source == "kubelet")
                    .map(|pod| cluster.container(cluster.owner_of(pod)).0);
                cells.extend([
                    container.map_or_else(String::new, |name| format!("spec.containers{{{name}}}")),
                    event.source.to_owned(),
                    event.message.clone(),
                    age(cluster, event.first_ms),
                    event.count.to_string(),
                    name.clone(),
                ]);
            } else {
                cells.push(event.message.clone());
            }
            Row {
                // The first cell of an event's line is LAST SEEN, not a name.
                name: age(cluster, event.last_ms),
                labels: Vec::new(),
                cells,
            }
        })
        .collect();
    Table { columns, rows }
}

/// Names `kubectl get <resource> NAME` finds: events are named `<object>.<hex>`.
pub fn object_names(resource: Resource, cluster: &Cluster) -> Vec<String> {
    match resource {
        Resource::Events => Vec::new(),
        _ => table(resource, cluster, false)
            .rows
            .into_iter()
            .map(|row| row.name)
            .collect(),
    }
}
