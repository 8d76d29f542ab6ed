//! `kubectl describe pod|service|pvc|statefulset|deployment|node NAME`: the sections a learner
//! reads, in kubectl's words and layout (its describers write tab-separated lines through a
//! tabwriter with padding 2, so each run of lines aligns on its own: `table::align_blocks`).
//!
//! Simplified, and said in `help`: times are the run's, so wall-clock fields (Start Time,
//! CreationTimestamp, Started) are left out, as are container and image IDs, the service-account
//! token volume, and a node's capacity and system info.

use super::cluster::{Cluster, EventObject, ServiceObject};
use super::printers::{access_modes, age, pod_status};
use super::resources::Resource;
use super::table::align_blocks;
use super::target;
use crate::playground::manifests::app_env_and_mount;
use crate::sim::objects::{Pod, PodPhase, READ_WRITE_ONCE_POD_IN_USE, Workload};
use crate::sim::scenario::{TotalStore, UpdateStrategy, WorkloadKind};

/// What `kubectl describe` prints.
pub fn describe(words: &[String], cluster: &Cluster) -> String {
    let parsed = match super::flags::parse(words, &[]) {
        Ok(parsed) => parsed,
        Err(message) => {
            return format!("error: {message}\nSee 'kubectl describe --help' for usage.\n");
        }
    };
    let in_default = target::in_default(&parsed);
    let words = parsed.args.as_slice();
    let (resource, names) = match target::objects(words) {
        Ok(found) => found,
        // `kubectl describe pods` (no name) describes every pod.
        Err(_) if words.len() == 1 && !words[0].contains('/') => match Resource::parse(&words[0]) {
            Some(resource) => (resource, super::printers::object_names(resource, cluster)),
            None => {
                return format!(
                    "error: the server doesn't have a resource type \"{}\"\n",
                    words[0]
                );
            }
        },
        Err(message) => return message,
    };
    let mut texts = Vec::new();
    let mut errors = String::new();
    for name in &names {
        let text = match resource {
            Resource::Pods => cluster.pod(name).map(|pod| pod_text(cluster, pod)),
            Resource::Services => cluster
                .services()
                .into_iter()
                .find(|service| service.name == name)
                .map(|service| service_text(cluster, &service)),
            Resource::PersistentVolumeClaims => claim_text(cluster, name),
            Resource::StatefulSets | Resource::Deployments => {
                let kind = if resource == Resource::StatefulSets {
                    WorkloadKind::StatefulSet
                } else {
                    WorkloadKind::Deployment
                };
                cluster
                    .workload_named(kind, name)
                    .map(|workload| workload_text(cluster, workload))
            }
            Resource::Nodes => node_text(cluster, name),
            other => {
                return format!(
                    "error: kubectl describe {} is not simulated here: pods, services, pvc, statefulsets, deployments and nodes are\n",
                    other.plural()
                );
            }
        };
        match text.filter(|_| in_default || !resource.namespaced()) {
            Some(text) => texts.push(align_blocks(&text, 2)),
            None => errors.push_str(&target::not_found(resource, name)),
        }
    }
    // kubectl puts a blank line between objects.
    texts.join("\n") + &errors
}

/// `key=value` labels, one per line under the first, as describe lists them.
fn labels_lines(title: &str, labels: &[(String, String)], indent: &str) -> String {
    if labels.is_empty() {
        return format!("{indent}{title}\t<none>\n");
    }
    let mut text = String::new();
    for (index, (key, value)) in labels.iter().enumerate() {
        let head = if index == 0 { title } else { "" };
        text.push_str(&format!("{indent}{head}\t{key}={value}\n"));
    }
    text
}

/// The Events section: the object's own events (of this incarnation), oldest first.
fn events_section(cluster: &Cluster, object: &str) -> String {
    let all = cluster.events();
    let generation = all
        .iter()
        .filter(|event| event.object == object)
        .map(|event| event.generation)
        .max();
    let mine: Vec<&EventObject> = all
        .iter()
        .filter(|event| event.object == object && Some(event.generation) == generation)
        .collect();
    if mine.is_empty() {
        return "Events:\t<none>\n".to_owned();
    }
    let mut text =
        "Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n"
            .to_owned();
    for event in mine {
        let interval = if event.count > 1 {
            format!(
                "{} (x{} over {})",
                age(cluster, event.last_ms),
                event.count,
                age(cluster, event.first_ms)
            )
        } else {
            age(cluster, event.first_ms)
        };
        let kind = if event.warning { "Warning" } else { "Normal" };
        text.push_str(&format!(
            "  {kind}\t{}\t{interval}\t{}\t{}\n",
            event.reason, event.source, event.message
        ));
    }
    text
}

/// The app's (or the database's) container, as a pod and a pod template describe it.
/// `state` (a pod's container State, Ready and Restart Count; empty in a template) goes after
/// the ports.
fn container_lines(cluster: &Cluster, workload: &Workload, indent: &str, state: &str) -> String {
    let (name, image) = cluster.container(workload);
    let settings = cluster.world.settings();
    let (env, mount) = if workload.name == "db" {
        (Vec::new(), Some(("data", "/var/lib/db")))
    } else {
        app_env_and_mount(settings, cluster.world.lock_enabled())
    };
    // The name is indented as its section is (2 in a pod, 3 in a template); its fields at 4.
    let mut text = format!(
        "{indent}{name}:\n    Image:\t{image}\n    Port:\t8080/TCP\n    Host Port:\t0/TCP\n"
    );
    text.push_str(state);
    if env.is_empty() {
        text.push_str("    Environment:\t<none>\n");
    } else {
        text.push_str("    Environment:\n");
        for (key, value) in env {
            text.push_str(&format!("      {key}:\t{value}\n"));
        }
    }
    match mount {
        Some((volume, path)) => {
            text.push_str(&format!("    Mounts:\n      {path} from {volume} (rw)\n"));
        }
        None => text.push_str("    Mounts:\t<none>\n"),
    }
    text
}

fn pod_text(cluster: &Cluster, pod: &Pod) -> String {
    let workload = cluster.owner_of(pod);
    let node = cluster.node_name(pod);
    let node_index = cluster
        .nodes()
        .iter()
        .position(|candidate| candidate.name == node)
        .unwrap_or(0);
    let status = match pod_status(pod) {
        // How long since it was deleted (the kubelet's Killing event).
        "Terminating" => cluster
            .events()
            .iter()
            .rev()
            .find(|event| event.object == format!("pod/{}", pod.name) && event.reason == "Killing")
            .map_or("Terminating".to_owned(), |event| {
                format!("Terminating (lasts {})", age(cluster, event.last_ms))
            }),
        "ContainerCreating" | "Pending" => "Pending".to_owned(),
        "Error" => "Running".to_owned(),
        other => other.to_owned(),
    };
    let mut text = format!(
        "Name:\t{}\nNamespace:\tdefault\nPriority:\t0\nService Account:\tdefault\n",
        pod.name
    );
    if !pod.is_scheduled() {
        text.push_str("Node:\t<none>\n");
    } else {
        text.push_str(&format!("Node:\t{node}/{}\n", Cluster::node_ip(node_index)));
    }
    text.push_str(&labels_lines("Labels:", &cluster.pod_labels(pod), ""));
    text.push_str(&format!("Annotations:\t<none>\nStatus:\t{status}\n"));
    if pod.terminating {
        text.push_str(&format!(
            "Termination Grace Period:\t{}s\n",
            cluster
                .world
                .settings()
                .latencies
                .termination_grace_ms
                .div_ceil(1000)
        ));
    }
    match Cluster::pod_ip(pod) {
        Some(ip) => text.push_str(&format!("IP:\t{ip}\nIPs:\n  IP:\t{ip}\n")),
        None => text.push_str("IP:\t\nIPs:\t<none>\n"),
    }
    let (kind, owner) = cluster.controller_of(pod);
    text.push_str(&format!("Controlled By:\t{kind}/{owner}\nContainers:\n"));
    let state = match pod.phase {
        PodPhase::Pending => "    State:\tWaiting\n      Reason:\tContainerCreating\n".to_owned(),
        _ if !pod.container_up => {
            "    State:\tTerminated\n      Reason:\tError\n      Exit Code:\t1\n".to_owned()
        }
        _ => "    State:\tRunning\n".to_owned(),
    };
    let mut state = state;
    // A pod the scheduler refused has no container status: kubectl prints no state, and one
    // condition.
    let refused = pod.waiting_reason == Some(READ_WRITE_ONCE_POD_IN_USE);
    if refused {
        text.push_str(&container_lines(cluster, workload, "  ", ""));
        text.push_str("Conditions:\n  Type\tStatus\n  PodScheduled \tFalse \n");
        return text + &pod_volumes_and_events(cluster, pod, workload);
    }
    if pod.restarts > 0 && pod.container_up {
        state.push_str("    Last State:\tTerminated\n      Reason:\tError\n      Exit Code:\t1\n");
    }
    let ready = pod.is_endpoint() || (pod.ready && pod.container_up);
    state.push_str(&format!(
        "    Ready:\t{}\n    Restart Count:\t{}\n",
        if ready { "True" } else { "False" },
        pod.restarts
    ));
    text.push_str(&container_lines(cluster, workload, "  ", &state));
    let scheduled = pod.is_scheduled();
    let started = pod.phase != PodPhase::Pending;
    let condition = |on: bool| if on { "True" } else { "False" };
    text.push_str(&format!(
        "Conditions:\n  Type\tStatus\n  PodReadyToStartContainers \t{} \n  Initialized \tTrue \n  Ready \t{} \n  ContainersReady \t{} \n  PodScheduled \t{} \n",
        condition(started),
        condition(ready),
        condition(ready),
        condition(scheduled)
    ));
    text + &pod_volumes_and_events(cluster, pod, workload)
}

/// A pod's Volumes, the scheduling lines and its Events.
fn pod_volumes_and_events(cluster: &Cluster, pod: &Pod, workload: &Workload) -> String {
    let mut text = String::new();
    // A claim the pod mounts (its own, the shared one, the database's), else the app's emptyDir.
    let claim = pod
        .volume
        .and_then(|index| cluster.world.volumes().get(index));
    let empty_dir = workload.name != "db" && cluster.world.settings().store == TotalStore::EmptyDir;
    match claim {
        Some(volume) => text.push_str(&format!("Volumes:\n  data:\n    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\tfalse\n", volume.claim)),
        None if empty_dir => text.push_str("Volumes:\n  scratch:\n    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t\n    SizeLimit:\t<unset>\n"),
        None => text.push_str("Volumes:\t<none>\n"),
    }
    text.push_str("QoS Class:\tBestEffort\nNode-Selectors:\t<none>\nTolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n");
    text + &events_section(cluster, &format!("pod/{}", pod.name))
}

fn service_text(cluster: &Cluster, service: &ServiceObject) -> String {
    let kubernetes = service.name == "kubernetes";
    let labels = if kubernetes {
        vec![
            ("component".to_owned(), "apiserver".to_owned()),
            ("provider".to_owned(), "kubernetes".to_owned()),
        ]
    } else {
        Vec::new()
    };
    let ip = service.cluster_ip.unwrap_or("None");
    let (port_name, target) = if kubernetes {
        ("https", "6443/TCP")
    } else {
        ("<unset>", "8080/TCP")
    };
    let port = service.port;
    let target_port = target.trim_end_matches("/TCP");
    // The EndpointSlice lists every pod with an address, in its order; describe shows the
    // ready ones.
    let ready_ips: Vec<String> = cluster
        .pods()
        .into_iter()
        .filter(|pod| cluster.world.is_published(pod))
        .filter_map(Cluster::pod_ip)
        .collect();
    let ready: Vec<String> = service
        .addresses
        .iter()
        .filter(|address| kubernetes || ready_ips.contains(address))
        .map(|address| format!("{address}:{target_port}"))
        .collect();
    let endpoints = match super::printers::list_with_more(&ready).as_str() {
        "<unset>" => "<none>".to_owned(),
        list => list.to_owned(),
    };
    let mut text = format!("Name:\t{}\nNamespace:\tdefault\n", service.name);
    text.push_str(&labels_lines("Labels:", &labels, ""));
    text.push_str(&format!(
        "Annotations:\t<none>\nSelector:\t{}\nType:\tClusterIP\nIP Family Policy:\tSingleStack\nIP Families:\tIPv4\nIP:\t{ip}\nIPs:\t{ip}\nPort:\t{port_name}\t{port}\nTargetPort:\t{target}\nEndpoints:\t{endpoints}\nSession Affinity:\t{}\nInternal Traffic Policy:\tCluster\n",
        service.selector.as_deref().unwrap_or("<none>"),
        if service.session_affinity { "ClientIP" } else { "None" },
    ));
    text + &events_section(cluster, &format!("service/{}", service.name))
}

fn claim_text(cluster: &Cluster, name: &str) -> Option<String> {
    let volume = cluster
        .volumes()
        .into_iter()
        .find(|volume| volume.claim == name)?;
    let class = Cluster::storage_class(volume);
    let provisioner = cluster
        .storage_classes()
        .into_iter()
        .find(|(of, _)| *of == class)
        .map_or("", |(_, provisioner)| provisioner);
    let users: Vec<String> = cluster
        .pods()
        .into_iter()
        .filter(|pod| {
            pod.volume
                .and_then(|index| cluster.world.volumes().get(index))
                .is_some_and(|mounted| mounted.claim == volume.claim)
        })
        .map(|pod| pod.name.to_string())
        .collect();
    let users = if users.is_empty() {
        "<none>".to_owned()
    } else {
        users.join(", ")
    };
    let text = format!(
        "Name:\t{name}\nNamespace:\tdefault\nStorageClass:\t{class}\nStatus:\tBound\nVolume:\t{}\nLabels:\t<none>\nAnnotations:\tpv.kubernetes.io/bind-completed: yes\n\tpv.kubernetes.io/bound-by-controller: yes\n\tvolume.beta.kubernetes.io/storage-provisioner: {provisioner}\n\tvolume.kubernetes.io/storage-provisioner: {provisioner}\nFinalizers:\t[kubernetes.io/pvc-protection]\nCapacity:\t1Gi\nAccess Modes:\t{}\nVolumeMode:\tFilesystem\nUsed By:\t{users}\n",
        volume.volume,
        access_modes(volume.access_mode)
    );
    Some(text + &events_section(cluster, &format!("persistentvolumeclaim/{name}")))
}

fn workload_text(cluster: &Cluster, workload: &Workload) -> String {
    let status = cluster.workload_status(workload);
    let name = workload.name;
    let mut text =
        format!("Name:\t{name}\nNamespace:\tdefault\nSelector:\tapp={name}\nLabels:\tapp={name}\n");
    let template = format!(
        "Pod Template:\n  Labels:\tapp={name}\n  Containers:\n{}",
        container_lines(cluster, workload, "   ", "")
    );
    match workload.kind {
        WorkloadKind::Deployment => {
            let unavailable = workload.replicas.saturating_sub(status.ready);
            // kubectl prints the bounds as the object holds them (`25%`, `1`), and none for
            // Recreate.
            let strategy = match cluster.world.settings().update_strategy {
                UpdateStrategy::Recreate => "StrategyType:\tRecreate\nMinReadySeconds:\t0\n".to_owned(),
                UpdateStrategy::Surge {
                    max_surge,
                    max_unavailable,
                } => format!(
                    "StrategyType:\tRollingUpdate\nMinReadySeconds:\t0\nRollingUpdateStrategy:\t{} max unavailable, {} max surge\n",
                    max_unavailable.text(),
                    max_surge.text()
                ),
                _ => "StrategyType:\tRollingUpdate\nMinReadySeconds:\t0\nRollingUpdateStrategy:\t25% max unavailable, 25% max surge\n".to_owned(),
            };
            text.push_str(&format!(
                "Annotations:\tdeployment.kubernetes.io/revision: {}\nReplicas:\t{} desired | {} updated | {} total | {} available | {unavailable} unavailable\n{strategy}",
                workload.revision, workload.replicas, status.updated, status.replicas, status.ready
            ));
            text.push_str(&template);
            let volumes = match cluster.world.settings().store {
                TotalStore::SharedVolume => {
                    "  Volumes:\n   data:\n    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\tadder-total\n    ReadOnly:\tfalse\n"
                }
                TotalStore::EmptyDir => {
                    "  Volumes:\n   scratch:\n    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t\n    SizeLimit:\t<unset>\n"
                }
                _ => "  Volumes:\t<none>\n",
            };
            text.push_str(volumes);
            text.push_str("  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n");
            let available = status.ready >= workload.replicas.saturating_sub(workload.replicas / 4);
            let done = status.updated == workload.replicas && status.replicas == status.updated;
            text.push_str(&format!(
                "Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n  Available \t{} \t{}\n  Progressing \tTrue \t{}\n",
                if available { "True" } else { "False" },
                if available { "MinimumReplicasAvailable" } else { "MinimumReplicasUnavailable" },
                if done { "NewReplicaSetAvailable" } else { "ReplicaSetUpdated" }
            ));
            let sets = cluster.replica_sets(workload);
            let describe_set = |set: &super::cluster::ReplicaSetObject| {
                format!(
                    "{} ({}/{} replicas created)",
                    set.name, set.current, set.desired
                )
            };
            let (new, old): (Vec<_>, Vec<_>) = sets.iter().partition(|set| {
                set.hash == crate::sim::names::pod_template_hash(name, workload.revision)
            });
            let old: Vec<String> = old
                .into_iter()
                .filter(|set| set.current > 0)
                .map(describe_set)
                .collect();
            text.push_str(&format!(
                "OldReplicaSets:\t{}\nNewReplicaSet:\t{}\n",
                if old.is_empty() {
                    "<none>".to_owned()
                } else {
                    old.join(", ")
                },
                new.first()
                    .map_or("<none>".to_owned(), |set| describe_set(set))
            ));
            text + &events_section(cluster, &format!("deployment/{name}"))
        }
        WorkloadKind::StatefulSet => {
            let running = cluster
                .workload_pods(workload)
                .filter(|pod| pod.phase == PodPhase::Running)
                .count();
            let waiting = cluster
                .workload_pods(workload)
                .filter(|pod| pod.phase == PodPhase::Pending)
                .count();
            let total = cluster.workload_pods(workload).count();
            text.push_str(&format!(
                "Annotations:\t<none>\nReplicas:\t{} desired | {total} total\nUpdate Strategy:\tRollingUpdate\n  Partition:\t0\nPods Status:\t{running} Running / {waiting} Waiting / 0 Succeeded / 0 Failed\n",
                workload.replicas
            ));
            text.push_str(&template);
            text.push_str(
                "  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n",
            );
            let claim = cluster
                .volumes()
                .into_iter()
                .find(|volume| volume.claim.as_str().starts_with(&format!("data-{name}-")));
            match claim {
                Some(volume) => text.push_str(&format!(
                    "Volume Claims:\n  Name:\tdata\n  StorageClass:\t{}\n  Labels:\t<none>\n  Annotations:\t<none>\n  Capacity:\t1Gi\n  Access Modes:\t[{}]\n",
                    Cluster::storage_class(volume),
                    volume.access_mode.label()
                )),
                None => text.push_str("Volume Claims:\t<none>\n"),
            }
            text + &events_section(cluster, &format!("statefulset/{name}"))
        }
    }
}

fn node_text(cluster: &Cluster, name: &str) -> Option<String> {
    let index = cluster.nodes().iter().position(|node| node.name == name)?;
    let node = &cluster.nodes()[index];
    let labels = vec![
        ("kubernetes.io/arch".to_owned(), "amd64".to_owned()),
        ("kubernetes.io/hostname".to_owned(), name.to_owned()),
        ("kubernetes.io/os".to_owned(), "linux".to_owned()),
    ];
    let mut text = format!("Name:\t{name}\nRoles:\t<none>\n");
    text.push_str(&labels_lines("Labels:", &labels, ""));
    text.push_str("Annotations:\t<none>\n");
    let mut taints = Vec::new();
    if !node.up {
        taints.extend([
            "node.kubernetes.io/unreachable:NoExecute",
            "node.kubernetes.io/unreachable:NoSchedule",
        ]);
    }
    if node.unschedulable {
        taints.push("node.kubernetes.io/unschedulable:NoSchedule");
    }
    match taints.split_first() {
        None => text.push_str("Taints:\t<none>\n"),
        Some((first, rest)) => {
            text.push_str(&format!("Taints:\t{first}\n"));
            for taint in rest {
                text.push_str(&format!("\t{taint}\n"));
            }
        }
    }
    let (status, reason, message) = if node.up {
        ("True", "KubeletReady", "kubelet is posting ready status")
    } else {
        (
            "Unknown",
            "NodeStatusUnknown",
            "Kubelet stopped posting node status.",
        )
    };
    text.push_str(&format!(
        "Unschedulable:\t{}\nConditions:\n  Type\tStatus\tReason\tMessage\n  ----\t------\t------\t-------\n  Ready\t{status}\t{reason}\t{message}\nAddresses:\n  InternalIP:\t{}\n  Hostname:\t{name}\n",
        node.unschedulable,
        Cluster::node_ip(index)
    ));
    let pods: Vec<&Pod> = cluster
        .pods()
        .into_iter()
        .filter(|pod| cluster.node_name(pod) == name && pod.phase != PodPhase::Pending)
        .collect();
    text.push_str(&format!(
        "Non-terminated Pods:\t({} in total)\n  Namespace\tName\tAge\n  ---------\t----\t---\n",
        pods.len()
    ));
    for pod in pods {
        text.push_str(&format!(
            "  default\t{}\t{}\n",
            pod.name,
            age(cluster, pod.created_ms)
        ));
    }
    Some(text + &events_section(cluster, &format!("node/{name}")))
}
