//! A plain-data picture of the world at one moment: everything the UI renders, nothing it must
//! compute. Building one allocates; the simulation's hot path never does.

use super::checker::{Finding, FindingKind, Register, RequestId};
use super::command::{ClientIndex, RequestKind};
use super::names;
use super::objects::{Completed, Failure, Owner, Pod, PodPhase, Stage};
use super::scenario::{
    AccessMode, PodManagementPolicy, Program, ProxyMode, ScenarioId, Target, TotalStore,
    WorkloadKind,
};
use super::world::{Stats, World};

/// What `kubectl get pods` would show in the STATUS column, plus readiness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodStatus {
    Pending,
    /// Pending, and waiting for its volume to attach (a Multi-Attach error).
    ContainerCreating,
    /// Running, readiness probe not yet passed (or the container is restarting).
    Running,
    Ready,
    Terminating,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodView {
    pub name: String,
    pub workload: &'static str,
    pub ordinal: Option<u32>,
    pub node: String,
    pub ip: String,
    pub status: PodStatus,
    pub restarts: u32,
    /// The total in the container's memory, when the adder keeps it there.
    pub memory_total: Option<u64>,
    /// The total in the pod's emptyDir file, when the adder keeps it there.
    pub empty_dir_total: Option<u64>,
    pub claim: Option<String>,
    pub waiting_reason: Option<&'static str>,
    pub revision: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceType {
    ClusterIp {
        cluster_ip: String,
        proxy_mode: ProxyMode,
        session_affinity: bool,
    },
    /// `clusterIP: None`
    Headless,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceView {
    pub name: &'static str,
    pub service_type: ServiceType,
    /// Ready pods, by name (the EndpointSlice's ready endpoints).
    pub endpoints: Vec<String>,
    /// `kubectl delete`d: drawn in its place, saying so.
    pub deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsRecord {
    pub name: String,
    pub addresses: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolumeView {
    pub claim: String,
    pub volume: String,
    pub access_mode: AccessMode,
    pub total: u64,
    pub lock_holder: Option<RequestId>,
    pub lock_queue: Vec<RequestId>,
    pub mounted_by: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestView {
    pub id: RequestId,
    pub client: ClientIndex,
    pub kind: RequestKind,
    pub stage: Stage,
    /// How far through its current stage, 0 to 1000.
    pub progress_per_mille: u32,
    pub pod: Option<String>,
    pub outcome: Option<Result<u64, Failure>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientView {
    pub name: &'static str,
    pub target: Target,
    pub requests_per_minute: u32,
    pub observed: Vec<Completed>,
    /// Answers (by request id) that were smaller than one the client had been told before.
    pub went_down: Vec<RequestId>,
    /// The latest such finding, in plain words.
    pub went_down_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingView {
    pub kind: FindingKind,
    pub at_ms: u64,
    pub message: String,
    pub requests: Vec<RequestId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterView {
    pub description: String,
    /// Every add that took effect somewhere: what one correct server would hold.
    pub applied_total: u64,
    /// What the file or database holds, when one store holds this total.
    pub stored_total: Option<u64>,
    /// The sum of the adds clients were told succeeded (persisted totals only).
    pub acknowledged_total: Option<u64>,
}

/// What the scene draws, built every animation frame: the cluster's objects and the requests
/// in flight. Building one allocates; the simulation's hot path never does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub scenario: ScenarioId,
    /// Where the adder keeps its total.
    pub store: TotalStore,
    pub now_ms: u64,
    pub nodes: Vec<(String, bool)>,
    pub pods: Vec<PodView>,
    pub services: Vec<ServiceView>,
    pub volumes: Vec<VolumeView>,
    pub requests: Vec<RequestView>,
    /// The clients' names, by client index.
    pub clients: Vec<&'static str>,
    pub lock_enabled: bool,
}

/// Everything the page shows at one moment: the frame, and what the reports and controls
/// read (refreshed a few times a second, and after every action).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub frame: Frame,
    /// What the workload's pods run, so the UI offers only the requests they answer.
    pub program: Program,
    pub seed: u64,
    pub dns: Vec<DnsRecord>,
    pub clients: Vec<ClientView>,
    /// The latest answered requests, newest first (the request log).
    pub recent: Vec<Completed>,
    /// The latest cluster events in plain words, newest first, with their time.
    pub events: Vec<(u64, String)>,
    pub findings: Vec<FindingView>,
    pub findings_total: u64,
    /// How many findings of each kind, for the kinds found so far.
    pub findings_by_kind: Vec<(FindingKind, u64)>,
    pub registers: Vec<RegisterView>,
    pub replicas: u32,
    /// The StatefulSet's policy (kept for a Deployment too, where it does nothing).
    pub pod_management: PodManagementPolicy,
    pub controls: Controls,
    pub stats: Stats,
}

/// The settings that apply in this scenario, with their current values: the controls the
/// playground shows (a control that does not apply is not shown).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Controls {
    /// The file lock, when the total is in a file: whether it is on.
    pub lock: Option<bool>,
    /// kube-proxy's mode and `sessionAffinity: ClientIP`, for a ClusterIP Service.
    pub kube_proxy: Option<(ProxyMode, bool)>,
    /// `podManagementPolicy`, for a StatefulSet.
    pub pod_management: Option<PodManagementPolicy>,
    /// Where a client can send, for a StatefulSet (each pod by its DNS name, or the Service's
    /// name): `(Target::code, label)`. Empty otherwise.
    pub targets: Vec<(String, String)>,
}

/// Rows of the request log in a snapshot.
pub const RECENT_MAX: usize = 40;
/// Cluster events in a snapshot.
pub const EVENTS_MAX: usize = 8;
/// Findings described in a snapshot, newest first.
pub const FINDINGS_SHOWN_MAX: usize = 5;

/// The ClusterIP the Service is given (any free address in the service CIDR would do; not
/// 10.96.0.10, which kube-dns usually holds, nor 10.96.0.1, the `kubernetes` Service's).
pub const CLUSTER_IP: &str = "10.96.8.21";

fn ip(octets: [u8; 4]) -> String {
    let [a, b, c, d] = octets;
    format!("{a}.{b}.{c}.{d}")
}

impl World {
    /// Everything, for the tables, the verdict, the controls and tests.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            frame: self.frame(),
            program: self.settings.program,
            seed: self.seed,
            dns: self.dns_records(),
            clients: self.client_views(),
            recent: self.completed().rev().take(RECENT_MAX).copied().collect(),
            events: self
                .history
                .entries()
                .rev()
                .take(EVENTS_MAX)
                .map(|entry| (entry.at_ms, entry.event.to_string()))
                .collect(),
            findings: self.finding_views(),
            findings_total: self.checker.total_findings(),
            findings_by_kind: FindingKind::ALL
                .into_iter()
                .map(|kind| (kind, self.checker.count(kind)))
                .filter(|&(_, count)| count > 0)
                .collect(),
            registers: self.register_views(),
            replicas: self.adder.replicas,
            pod_management: self.settings.pod_management,
            controls: self.controls(),
            stats: self.stats,
        }
    }

    /// What the scene draws, every animation frame.
    pub fn frame(&self) -> Frame {
        Frame {
            scenario: self.settings.scenario,
            store: self.settings.store,
            now_ms: self.now_ms,
            nodes: self
                .nodes
                .iter()
                .map(|node| (node.name.to_string(), node.up))
                .collect(),
            pods: self.pods.iter().map(|pod| self.pod_view(pod)).collect(),
            services: self.service_views(),
            volumes: self.volume_views(),
            requests: self.request_views(),
            clients: self.client_names(),
            lock_enabled: self.settings.lock_enabled,
        }
    }

    fn pod_view(&self, pod: &Pod) -> PodView {
        let store = self.settings.store;
        let adder = pod.owner == Owner::Adder;
        PodView {
            name: pod.name.to_string(),
            workload: match pod.owner {
                Owner::Adder => self.adder.name,
                Owner::Database => "db",
            },
            ordinal: pod.ordinal,
            node: self.nodes[pod.node].name.to_string(),
            ip: ip(pod.ip),
            status: match pod.phase {
                _ if pod.terminating => PodStatus::Terminating,
                PodPhase::Pending if pod.is_container_creating() => PodStatus::ContainerCreating,
                PodPhase::Pending => PodStatus::Pending,
                PodPhase::Unknown => PodStatus::Unknown,
                PodPhase::Running if pod.ready => PodStatus::Ready,
                PodPhase::Running => PodStatus::Running,
            },
            restarts: pod.restarts,
            memory_total: (store == TotalStore::Memory && adder).then_some(pod.memory_total),
            empty_dir_total: (store == TotalStore::EmptyDir && adder)
                .then_some(pod.empty_dir_total),
            claim: pod
                .volume
                .map(|volume| self.volumes[volume].claim.to_string()),
            waiting_reason: pod.waiting_reason,
            revision: pod.revision,
        }
    }

    fn ready_pods(&self, owner: Owner) -> impl Iterator<Item = &Pod> {
        self.pods
            .iter()
            .filter(move |pod| pod.owner == owner && self.is_published(pod))
    }

    /// The workload's Service, and the database's (three tiers), with their ready endpoints.
    fn service_views(&self) -> Vec<ServiceView> {
        let endpoints = |owner| {
            self.ready_pods(owner)
                .map(|pod| pod.name.to_string())
                .collect()
        };
        let mut services = vec![ServiceView {
            name: self.settings.service_name,
            service_type: if self.settings.headless {
                ServiceType::Headless
            } else {
                ServiceType::ClusterIp {
                    cluster_ip: CLUSTER_IP.to_owned(),
                    proxy_mode: self.settings.proxy_mode,
                    session_affinity: self.settings.session_affinity,
                }
            },
            endpoints: if self.service_deleted {
                Vec::new()
            } else {
                endpoints(Owner::Adder)
            },
            deleted: self.service_deleted,
        }];
        if self.database.is_some() {
            services.push(ServiceView {
                name: "db",
                service_type: ServiceType::Headless,
                endpoints: endpoints(Owner::Database),
                deleted: false,
            });
        }
        services
    }

    /// What cluster DNS answers: a ClusterIP Service's name resolves to its virtual IP; a
    /// headless one's to every ready pod, and each ready pod has its own record.
    fn dns_records(&self) -> Vec<DnsRecord> {
        let service = self.settings.service_name;
        let mut dns = Vec::new();
        if self.service_deleted {
            // No record for the app's names.
        } else if !self.settings.headless {
            dns.push(DnsRecord {
                name: names::service_dns(service),
                addresses: vec![CLUSTER_IP.to_owned()],
            });
        } else {
            let pod_dns = self.settings.pod_dns;
            headless_records(&mut dns, service, self.ready_pods(Owner::Adder), pod_dns);
        }
        if self.database.is_some() {
            headless_records(&mut dns, "db", self.ready_pods(Owner::Database), true);
        }
        dns
    }

    fn volume_views(&self) -> Vec<VolumeView> {
        self.volumes
            .iter()
            .enumerate()
            .map(|(index, volume)| VolumeView {
                claim: volume.claim.to_string(),
                volume: volume.volume.to_string(),
                access_mode: volume.access_mode,
                total: volume.file_total,
                lock_holder: volume.lock.holder.map(|ticket| ticket.id),
                lock_queue: volume.lock.waiting.iter().map(|ticket| ticket.id).collect(),
                mounted_by: self
                    .pods
                    .iter()
                    .filter(|pod| pod.volume == Some(index) && pod.waiting_reason.is_none())
                    .map(|pod| pod.name.to_string())
                    .collect(),
            })
            .collect()
    }

    fn request_views(&self) -> Vec<RequestView> {
        self.requests_in_flight()
            .map(|request| {
                let span_ms = request
                    .stage_ends_ms
                    .saturating_sub(request.stage_started_ms);
                let done_ms = self
                    .now_ms
                    .saturating_sub(request.stage_started_ms)
                    .min(span_ms);
                RequestView {
                    id: request.id,
                    client: request.client,
                    kind: request.kind,
                    stage: request.stage,
                    progress_per_mille: (done_ms * 1000).checked_div(span_ms).unwrap_or(0) as u32,
                    pod: request.pod_name.map(|name| name.to_string()),
                    outcome: request.outcome,
                }
            })
            .collect()
    }

    pub fn client_names(&self) -> Vec<&'static str> {
        self.clients.iter().map(|client| client.name).collect()
    }

    /// Each client's latest answers, and which of them went below a total it had been told.
    fn client_views(&self) -> Vec<ClientView> {
        let names = self.client_names();
        self.clients
            .iter()
            .enumerate()
            .map(|(index, client)| {
                let went_down: Vec<&Finding> = self
                    .checker
                    .findings()
                    .filter(|finding| matches!(finding, Finding::WentDown { later, .. } if later.client == index))
                    .collect();
                ClientView {
                    name: client.name,
                    target: client.target,
                    requests_per_minute: client.requests_per_minute,
                    observed: client.observed.iter().copied().collect(),
                    went_down: went_down
                        .iter()
                        .filter_map(|finding| finding.requests().last().copied())
                        .collect(),
                    went_down_note: went_down.last().map(|finding| finding.describe(&names)),
                }
            })
            .collect()
    }

    /// The newest findings, described (only a few: describing every kept one costs).
    fn finding_views(&self) -> Vec<FindingView> {
        let names = self.client_names();
        self.checker
            .findings()
            .rev()
            .take(FINDINGS_SHOWN_MAX)
            .map(|finding| FindingView {
                kind: finding.kind(),
                at_ms: finding.at_ms(),
                message: finding.describe(&names),
                requests: finding.requests(),
            })
            .collect()
    }

    /// The totals clients believe in: the Service's, or each StatefulSet pod's own.
    fn register_views(&self) -> Vec<RegisterView> {
        let mut keys: Vec<Register> = Vec::new();
        let to_service = self.adder.kind == WorkloadKind::Deployment
            || self
                .clients
                .iter()
                .any(|client| client.target == Target::Service && !self.settings.pod_dns);
        if self.settings.program.runs_adder() && to_service {
            keys.push(Register::Service);
        }
        if self.adder.kind == WorkloadKind::StatefulSet && self.settings.pod_dns {
            keys = self
                .volumes
                .iter()
                .filter_map(|volume| volume.register)
                .chain(
                    self.clients
                        .iter()
                        .filter_map(|client| match client.target {
                            Target::Pod(ordinal) => Some(Register::Pod(ordinal)),
                            Target::Service => None,
                        }),
                )
                .collect();
            keys.sort_unstable();
            keys.dedup();
        }
        keys.into_iter()
            .map(|register| RegisterView {
                description: register.describe(),
                applied_total: self.applied_total(register),
                stored_total: self.stored_total(register),
                acknowledged_total: self
                    .stored_total(register)
                    .map(|_| self.checker.acknowledged_total(register).unwrap_or(0)),
            })
            .collect()
    }
}

impl World {
    fn controls(&self) -> Controls {
        let settings = &self.settings;
        let stateful = self.adder.kind == WorkloadKind::StatefulSet;
        let mut targets = Vec::new();
        if stateful && settings.pod_dns {
            let (app, service) = (self.adder.name, settings.service_name);
            targets.extend((0..self.adder.replicas.max(1)).map(|ordinal| {
                let label = format!("{app}-{ordinal}.{service} (one pod by name)");
                (Target::Pod(ordinal).code(), label)
            }));
            let label = format!("{service} (the Service name: any ready pod)");
            targets.push((Target::Service.code(), label));
        }
        Controls {
            lock: super::objects::store_is_file(settings.store).then_some(settings.lock_enabled),
            kube_proxy: (!settings.headless)
                .then_some((settings.proxy_mode, settings.session_affinity)),
            pod_management: stateful.then_some(settings.pod_management),
            targets,
        }
    }
}

/// A headless Service: the Service name resolves to every ready pod, and (when the StatefulSet's
/// serviceName names it) each ready pod has its own record
/// `<pod>.<service>.default.svc.cluster.local`.
fn headless_records<'a>(
    dns: &mut Vec<DnsRecord>,
    service: &str,
    ready: impl Iterator<Item = &'a Pod>,
    pod_records: bool,
) {
    let ready: Vec<&Pod> = ready.collect();
    dns.push(DnsRecord {
        name: names::service_dns(service),
        addresses: ready.iter().map(|pod| ip(pod.ip)).collect(),
    });
    for pod in ready.into_iter().filter(|_| pod_records) {
        dns.push(DnsRecord {
            name: names::pod_dns(pod.name.as_str(), service),
            addresses: vec![ip(pod.ip)],
        });
    }
}
