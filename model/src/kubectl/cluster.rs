//! The simulated world as the API server would hold it: the objects behind the scene (the
//! `kubernetes` Service, EndpointSlices, ReplicaSets, PersistentVolumes, events) with their
//! names, labels, owners and creation times. Printers read these, never the scene.
//!
//! Simplifications, said in `help` too: the control plane is managed and not listed as a node
//! (as on GKE or EKS); everything in the cluster was created when the run started.

use std::collections::BTreeMap;

use crate::playground::manifests::{DATABASE_IMAGE, IMAGE};
use crate::sim::World;
use crate::sim::history::LogEvent;
use crate::sim::names::pod_template_hash;
use crate::sim::objects::{Node, Owner, Pod, PodPhase, Volume, Workload};
use crate::sim::scenario::{AccessMode, TotalStore, WorkloadKind};
use crate::sim::snapshot::CLUSTER_IP;

/// The `kubernetes` Service's address (the first of the service CIDR) and the API server's.
pub const KUBERNETES_SERVICE_IP: &str = "10.96.0.1";
pub const API_SERVER_IP: &str = "10.0.0.2";
/// What `kubectl get nodes` says the kubelets run.
pub const KUBELET_VERSION: &str = "v1.35.0";

/// A Service as `kubectl get services` needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceObject {
    pub name: &'static str,
    /// `None` for a headless Service (`clusterIP: None`).
    pub cluster_ip: Option<&'static str>,
    pub port: &'static str,
    /// The selector, `app=<label>`; the `kubernetes` Service has none.
    pub selector: Option<String>,
    /// The workload whose pods it selects.
    pub selects: Option<&'static str>,
    pub session_affinity: bool,
    /// Its EndpointSlice: name, ports and every address in it.
    pub slice_name: String,
    pub slice_port: &'static str,
    pub addresses: Vec<String>,
}

/// One ReplicaSet of a Deployment: a template revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicaSetObject {
    pub name: String,
    pub hash: String,
    pub desired: u32,
    pub current: u32,
    pub ready: u32,
    pub created_ms: u64,
}

/// A workload's `status` as its controller reports it (terminating pods are not counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkloadStatus {
    pub replicas: u32,
    /// Pods of the current template revision.
    pub updated: u32,
    /// Ready pods of any revision (`minReadySeconds` is 0, so these are the available ones).
    pub ready: u32,
}

/// An event as `kubectl get events` lists it, after the correlator folded repeats into a count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventObject {
    pub first_ms: u64,
    pub last_ms: u64,
    pub count: u32,
    pub warning: bool,
    pub reason: &'static str,
    /// `pod/adder-0`: the involved object's kind, lower case, and name.
    pub object: String,
    pub message: String,
    pub source: &'static str,
    /// Which object of that name it is about (1 for the first pod called so, 2 for the one
    /// made again under the same name, …; 0 for objects never recreated).
    pub generation: u32,
}

/// The cluster at one moment.
pub struct Cluster<'w> {
    pub world: &'w World,
}

impl<'w> Cluster<'w> {
    pub fn new(world: &'w World) -> Self {
        Self { world }
    }

    pub fn now_ms(&self) -> u64 {
        self.world.now_ms()
    }

    /// Pods sorted by name, as a list from the API server is.
    pub fn pods(&self) -> Vec<&'w Pod> {
        let mut pods: Vec<&Pod> = self.world.pods().iter().collect();
        pods.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
        pods
    }

    pub fn pod(&self, name: &str) -> Option<&'w Pod> {
        self.world.pods().iter().find(|pod| pod.name == name)
    }

    pub fn workload(&self, owner: Owner) -> Option<&'w Workload> {
        let name = match owner {
            Owner::Adder => self.world.settings().app_name,
            Owner::Database => "db",
        };
        self.world
            .workloads()
            .find(|workload| workload.name == name)
    }

    /// Workloads of one kind, sorted by name.
    pub fn workloads(&self, kind: WorkloadKind) -> Vec<&'w Workload> {
        let mut workloads: Vec<&Workload> = self
            .world
            .workloads()
            .filter(|workload| workload.kind == kind && !workload.deleted)
            .collect();
        workloads.sort_by_key(|workload| workload.name);
        workloads
    }

    pub fn owner_of(&self, pod: &Pod) -> &'w Workload {
        // Every pod belongs to one of the world's workloads; the adder's is always there.
        self.workload(pod.owner)
            .or_else(|| self.world.workloads().next())
            .expect("a world always has the adder's workload")
    }

    pub fn workload_pods(&self, workload: &Workload) -> impl Iterator<Item = &'w Pod> {
        let owner = if workload.name == "db" {
            Owner::Database
        } else {
            Owner::Adder
        };
        self.world
            .pods()
            .iter()
            .filter(move |pod| pod.owner == owner)
    }

    /// The workload of `kind` called `name`.
    pub fn workload_named(&self, kind: WorkloadKind, name: &str) -> Option<&'w Workload> {
        self.world
            .workloads()
            .find(|workload| workload.kind == kind && workload.name == name && !workload.deleted)
    }

    pub fn workload_status(&self, workload: &Workload) -> WorkloadStatus {
        let live = || self.workload_pods(workload).filter(|pod| !pod.terminating);
        let count = |pods: &mut dyn Iterator<Item = &Pod>| pods.count() as u32;
        WorkloadStatus {
            replicas: count(&mut live()),
            updated: count(&mut live().filter(|pod| pod.revision == workload.revision)),
            ready: count(&mut live().filter(|pod| pod.is_endpoint())),
        }
    }

    /// `adder-lab/adder:1.0` and the container's name.
    pub fn container(&self, workload: &Workload) -> (&'static str, &'static str) {
        if workload.name == "db" {
            return ("db", DATABASE_IMAGE);
        }
        let settings = self.world.settings();
        (settings.program.name(), settings.image)
    }

    /// A pod's labels, sorted by key as kubectl prints them.
    pub fn pod_labels(&self, pod: &Pod) -> Vec<(String, String)> {
        let workload = self.owner_of(pod);
        let label = if workload.name == "db" {
            "db"
        } else {
            self.world.settings().app_label
        };
        let mut labels = vec![("app".to_owned(), label.to_owned())];
        match (workload.kind, pod.ordinal) {
            (WorkloadKind::StatefulSet, Some(ordinal)) => {
                let hash = pod_template_hash(workload.name, pod.revision);
                labels.push((
                    "apps.kubernetes.io/pod-index".to_owned(),
                    ordinal.to_string(),
                ));
                labels.push((
                    "controller-revision-hash".to_owned(),
                    format!("{}-{hash}", workload.name),
                ));
                labels.push((
                    "statefulset.kubernetes.io/pod-name".to_owned(),
                    pod.name.to_string(),
                ));
            }
            _ => labels.push((
                "pod-template-hash".to_owned(),
                pod_template_hash(workload.name, pod.revision),
            )),
        }
        labels
    }

    /// The pod's controller, as `Controlled By` and ownerReferences name it.
    pub fn controller_of(&self, pod: &Pod) -> (&'static str, String) {
        let workload = self.owner_of(pod);
        match workload.kind {
            WorkloadKind::StatefulSet => ("StatefulSet", workload.name.to_owned()),
            WorkloadKind::Deployment => (
                "ReplicaSet",
                format!(
                    "{}-{}",
                    workload.name,
                    pod_template_hash(workload.name, pod.revision)
                ),
            ),
        }
    }

    /// `status.podIP`: a pod gets its address once its sandbox runs, so not while Pending.
    pub fn pod_ip(pod: &Pod) -> Option<String> {
        (pod.phase != PodPhase::Pending).then(|| {
            let [a, b, c, d] = pod.ip;
            format!("{a}.{b}.{c}.{d}")
        })
    }

    pub fn node_name(&self, pod: &Pod) -> &'w str {
        self.world.nodes()[pod.node].name.as_str()
    }

    pub fn nodes(&self) -> &'w [Node] {
        self.world.nodes()
    }

    /// A node's InternalIP: the nodes sit on `10.0.0.0/24` after the API server.
    pub fn node_ip(index: usize) -> String {
        format!("10.0.0.{}", 11 + index)
    }

    /// The `kubernetes` Service, the workload's and the database's, sorted by name.
    pub fn services(&self) -> Vec<ServiceObject> {
        let settings = self.world.settings();
        let mut services = vec![ServiceObject {
            name: "kubernetes",
            cluster_ip: Some(KUBERNETES_SERVICE_IP),
            port: "443/TCP",
            selector: None,
            selects: None,
            session_affinity: false,
            slice_name: "kubernetes".to_owned(),
            slice_port: "443",
            addresses: vec![API_SERVER_IP.to_owned()],
        }];
        for workload in self.world.workloads() {
            if workload.name != "db" && self.world.service_deleted() {
                continue;
            }
            let (name, headless, label) = if workload.name == "db" {
                ("db", true, "db")
            } else {
                (settings.service_name, settings.headless, settings.app_label)
            };
            services.push(ServiceObject {
                name,
                cluster_ip: (!headless).then_some(CLUSTER_IP),
                port: "80/TCP",
                selector: Some(format!("app={label}")),
                selects: Some(workload.name),
                session_affinity: !headless && settings.session_affinity,
                slice_name: format!("{name}-{}", &pod_template_hash(name, 0)[..5]),
                slice_port: "8080",
                // The EndpointSlice controller lists every pod with an address, ready or not,
                // terminating too (their conditions say which); the printer shows them all.
                addresses: self
                    .workload_pods(workload)
                    .filter_map(Cluster::pod_ip)
                    .collect(),
            });
        }
        services.sort_by_key(|service| service.name);
        services
    }

    /// A Deployment's ReplicaSets: one per template revision kept, the current one last.
    pub fn replica_sets(&self, workload: &Workload) -> Vec<ReplicaSetObject> {
        let pods: Vec<&Pod> = self.workload_pods(workload).collect();
        let count = |revision: u32, ready: bool| {
            pods.iter()
                .filter(|pod| pod.revision == revision && !pod.terminating)
                .filter(|pod| !ready || pod.is_endpoint())
                .count() as u32
        };
        let old_current: u32 = workload
            .revisions_started_ms
            .iter()
            .filter(|(revision, _)| *revision != workload.revision)
            .map(|&(revision, _)| count(revision, false))
            .sum();
        let mut sets: Vec<ReplicaSetObject> = workload
            .revisions_started_ms
            .iter()
            .map(|&(revision, created_ms)| {
                let hash = pod_template_hash(workload.name, revision);
                let current = count(revision, false);
                // The old ReplicaSets are scaled down as new pods become ready; the new one
                // is scaled up to the replicas the old ones give up (simplified: no surge).
                let desired = if revision == workload.revision {
                    workload.replicas.saturating_sub(old_current).max(current)
                } else {
                    current
                };
                ReplicaSetObject {
                    name: format!("{}-{hash}", workload.name),
                    hash,
                    desired,
                    current,
                    ready: count(revision, true),
                    created_ms,
                }
            })
            .collect();
        sets.sort_by(|a, b| a.name.cmp(&b.name));
        sets
    }

    /// PersistentVolumeClaims (and their volumes), sorted by the claim's name.
    pub fn volumes(&self) -> Vec<&'w Volume> {
        let mut volumes: Vec<&Volume> = self.world.volumes().iter().collect();
        volumes.sort_by(|a, b| a.claim.as_str().cmp(b.claim.as_str()));
        volumes
    }

    /// The StorageClass a claim names (the manifests create it).
    pub fn storage_class(volume: &Volume) -> &'static str {
        match volume.access_mode {
            AccessMode::ReadWriteMany => "shared",
            AccessMode::ReadWriteOnce | AccessMode::ReadWriteOncePod => "standard",
        }
    }

    /// StorageClasses the scene's claims use: name and provisioner.
    pub fn storage_classes(&self) -> Vec<(&'static str, &'static str)> {
        let mut classes: Vec<(&str, &str)> = self
            .world
            .volumes()
            .iter()
            .map(|volume| match Cluster::storage_class(volume) {
                "shared" => ("shared", "nfs.csi.k8s.io"),
                class => (class, "pd.csi.storage.gke.io"),
            })
            .collect();
        if matches!(
            self.world.settings().store,
            TotalStore::OwnVolume | TotalStore::Database
        ) {
            classes.push(("standard", "pd.csi.storage.gke.io"));
        }
        classes.sort_unstable();
        classes.dedup();
        classes
    }

    /// Events in the log the world keeps, oldest first, repeats folded into one with a count.
    pub fn events(&self) -> Vec<EventObject> {
        // The correlator folds repeats about one object; a pod recreated under the same name
        // is another object (another uid), so each creation starts a new generation.
        let mut events: Vec<(u32, EventObject)> = Vec::new();
        let mut generations: BTreeMap<String, u32> = BTreeMap::new();
        for entry in self.world.history().entries() {
            if let LogEvent::PodCreated { pod, .. } | LogEvent::PodUnschedulable { pod, .. } =
                entry.event
            {
                *generations.entry(format!("pod/{pod}")).or_default() += 1;
            }
            for (warning, reason, object, message, source) in self.describe_event(&entry.event) {
                let generation = generations.get(&object).copied().unwrap_or(0);
                match events.iter_mut().find(|(of, event)| {
                    *of == generation
                        && event.reason == reason
                        && event.object == object
                        && event.message == message
                }) {
                    Some((_, event)) => {
                        event.count += 1;
                        event.last_ms = entry.at_ms;
                    }
                    None => events.push((
                        generation,
                        EventObject {
                            first_ms: entry.at_ms,
                            last_ms: entry.at_ms,
                            count: 1,
                            warning,
                            reason,
                            object,
                            message,
                            source,
                            generation,
                        },
                    )),
                }
            }
        }
        let mut events: Vec<EventObject> = events.into_iter().map(|(_, event)| event).collect();
        events.sort_by_key(|event| event.last_ms);
        events
    }

    /// The Kubernetes events one logged happening stands for: (warning, reason, object,
    /// message, source), in the words the scheduler, kubelet and controllers use.
    fn describe_event(
        &self,
        event: &LogEvent,
    ) -> Vec<(bool, &'static str, String, String, &'static str)> {
        let image = |pod: &str| {
            self.pod(pod)
                .map(|pod| self.container(self.owner_of(pod)))
                .unwrap_or(("adder", IMAGE))
        };
        match *event {
            LogEvent::PodCreated { pod, node } | LogEvent::PodScheduled { pod, node } => vec![(
                false,
                "Scheduled",
                format!("pod/{pod}"),
                format!("Successfully assigned default/{pod} to {node}"),
                "default-scheduler",
            )],
            LogEvent::PodWaiting {
                pod,
                volume,
                used_by,
                ..
            } => vec![(
                true,
                "FailedAttachVolume",
                format!("pod/{pod}"),
                format!(
                    "Multi-Attach error for volume \"{volume}\" Volume is already used by pod(s) {used_by}"
                ),
                "attachdetach-controller",
            )],
            LogEvent::PodUnschedulable { pod, nodes, .. } => vec![(
                true,
                "FailedScheduling",
                format!("pod/{pod}"),
                format!(
                    "0/{nodes} nodes are available: {nodes} node(s) unavailable due to PersistentVolumeClaim with ReadWriteOncePod access mode already in-use by another pod. preemption: 0/{nodes} nodes are available: {nodes} No preemption victims found for incoming pod."
                ),
                "default-scheduler",
            )],
            LogEvent::PodRunning { pod } => {
                let (container, image) = image(pod.as_str());
                vec![
                    (
                        false,
                        "Pulled",
                        format!("pod/{pod}"),
                        format!("Container image \"{image}\" already present on machine"),
                        "kubelet",
                    ),
                    (
                        false,
                        "Created",
                        format!("pod/{pod}"),
                        format!("Created container: {container}"),
                        "kubelet",
                    ),
                    (
                        false,
                        "Started",
                        format!("pod/{pod}"),
                        format!("Started container {container}"),
                        "kubelet",
                    ),
                ]
            }
            LogEvent::PodTerminating { pod } => {
                let (container, _) = image(pod.as_str());
                vec![(
                    false,
                    "Killing",
                    format!("pod/{pod}"),
                    format!("Stopping container {container}"),
                    "kubelet",
                )]
            }
            LogEvent::PodUnknown { pod } => vec![(
                true,
                "NodeNotReady",
                format!("pod/{pod}"),
                "Node is not ready".to_owned(),
                "node-controller",
            )],
            LogEvent::ContainerRestarted { pod, .. } => {
                let (container, _) = image(pod.as_str());
                vec![(
                    true,
                    "BackOff",
                    format!("pod/{pod}"),
                    format!(
                        "Back-off restarting failed container {container} in pod {pod}_default"
                    ),
                    "kubelet",
                )]
            }
            LogEvent::VolumeProvisioned { claim, volume } => vec![(
                false,
                "ProvisioningSucceeded",
                format!("persistentvolumeclaim/{claim}"),
                format!("Successfully provisioned volume {volume}"),
                "external-provisioner",
            )],
            LogEvent::VolumeReattached { pod, claim, .. } => {
                let volume = self
                    .world
                    .volumes()
                    .iter()
                    .find(|volume| volume.claim == claim)
                    .map_or_else(|| claim.to_string(), |volume| volume.volume.to_string());
                vec![(
                    false,
                    "SuccessfulAttachVolume",
                    format!("pod/{pod}"),
                    format!("AttachVolume.Attach succeeded for volume \"{volume}\""),
                    "attachdetach-controller",
                )]
            }
            LogEvent::NodeFailed { node } => vec![(
                false,
                "NodeNotReady",
                format!("node/{node}"),
                format!("Node {node} status is now: NodeNotReady"),
                "node-controller",
            )],
            LogEvent::Schedulable { node, schedulable } => vec![(
                false,
                if schedulable {
                    "NodeSchedulable"
                } else {
                    "NodeNotSchedulable"
                },
                format!("node/{node}"),
                format!(
                    "Node {node} status is now: {}",
                    if schedulable {
                        "NodeSchedulable"
                    } else {
                        "NodeNotSchedulable"
                    }
                ),
                "kubelet",
            )],
            LogEvent::NodeRecovered { node } => vec![(
                false,
                "NodeReady",
                format!("node/{node}"),
                format!("Node {node} status is now: NodeReady"),
                "kubelet",
            )],
            LogEvent::PodDeleted { .. }
            | LogEvent::ClaimDeleted { .. }
            | LogEvent::ObjectDeleted { .. }
            | LogEvent::ObjectCreated { .. }
            | LogEvent::PodReady { .. }
            | LogEvent::ScaleDownWaiting { .. }
            | LogEvent::Scaled { .. }
            | LogEvent::RolloutStarted { .. }
            | LogEvent::Setting { .. } => Vec::new(),
        }
    }
}
