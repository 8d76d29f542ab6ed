//! The cluster's objects as plain data: nodes, pods, workloads, volumes, clients, requests.
//! Behaviour lives in `world.rs` (time), `cluster.rs` (controllers) and `traffic.rs` (requests).

use std::collections::VecDeque;

use super::checker::{Floor, Register, RequestId};
use super::command::{ClientIndex, RequestKind};
use super::names::Name;
use super::scenario::{AccessMode, PodManagementPolicy, Target, TotalStore, WorkloadKind};

/// A pod's unique id; a recreated pod (even with the same name) gets a new one, like `metadata.uid`.
pub type PodUid = u64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub name: Name,
    pub up: bool,
    /// `spec.unschedulable` (`kubectl cordon`): no new pod is placed here.
    pub unschedulable: bool,
    /// The host part last handed out from the node's pod range `10.244.<n>.0/24`: like the
    /// host-local IPAM plugin, allocation goes on from there and skips addresses in use.
    pub last_ip_host: u8,
}

/// Host parts a node hands to pods: `.2` to `.254` (`.1` is the node's bridge, `.255` broadcast).
pub const POD_IP_HOSTS: std::ops::RangeInclusive<u8> = 2..=254;

/// `status.phase`, plus the states `kubectl get pods` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PodPhase {
    /// Accepted, not yet running: scheduling, volume attach, image pull, container start.
    Pending,
    Running,
    /// The node stopped reporting; the pod's real state cannot be known.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Owner {
    /// The adder workload (a Deployment or a StatefulSet, see `Settings::workload`).
    Adder,
    /// The database StatefulSet `db` (three-tier scenario).
    Database,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pod {
    pub uid: PodUid,
    pub name: Name,
    pub owner: Owner,
    /// StatefulSet pods only.
    pub ordinal: Option<u32>,
    /// The template revision the pod was created from.
    pub revision: u32,
    pub node: usize,
    pub ip: [u8; 4],
    pub phase: PodPhase,
    pub ready: bool,
    /// `metadata.deletionTimestamp` is set: removed from endpoints, finishing in-flight work.
    pub terminating: bool,
    /// False while the container is restarting.
    pub container_up: bool,
    pub restarts: u32,
    /// When the container last restarted (kubectl's `RESTARTS` shows `2 (40s ago)`).
    pub last_restart_ms: Option<u64>,
    /// The adder's `total` variable (Memory store).
    pub memory_total: u64,
    /// The adder's file on the pod's emptyDir (EmptyDir store): survives container restarts.
    pub empty_dir_total: u64,
    /// Index into `World::volumes` of the PVC this pod mounts.
    pub volume: Option<usize>,
    /// Why a Pending pod is not starting, in the words `kubectl describe` would use.
    pub waiting_reason: Option<&'static str>,
    pub created_ms: u64,
}

/// `waiting_reason` of a pod whose ReadWriteOnce volume is attached to another node: it is
/// scheduled and waits in ContainerCreating.
pub const MULTI_ATTACH: &str =
    "Multi-Attach error: the ReadWriteOnce volume is attached to another node";
/// `waiting_reason` of a pod whose ReadWriteOncePod claim another pod uses: the scheduler
/// leaves it Pending, on no node.
pub const READ_WRITE_ONCE_POD_IN_USE: &str =
    "Unschedulable: its ReadWriteOncePod claim is in use by another pod";

impl Pod {
    /// Waiting for its volume on a node (ContainerCreating), not for a node (Pending).
    pub fn is_container_creating(&self) -> bool {
        self.phase == PodPhase::Pending && self.waiting_reason == Some(MULTI_ATTACH)
    }

    /// Bound to a node: not a Pending pod the scheduler has not placed (or placed yet).
    pub fn is_scheduled(&self) -> bool {
        !(self.phase == PodPhase::Pending
            && (self.waiting_reason.is_none()
                || self.waiting_reason == Some(READ_WRITE_ONCE_POD_IN_USE)))
    }

    /// Serving traffic: an endpoint of its Service.
    pub fn is_endpoint(&self) -> bool {
        self.ready && !self.terminating && self.container_up && self.phase == PodPhase::Running
    }

    /// Able to work on a request that already reached it (terminating pods finish their work).
    pub fn can_work(&self) -> bool {
        self.container_up && self.phase == PodPhase::Running
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workload {
    pub kind: WorkloadKind,
    pub name: &'static str,
    pub replicas: u32,
    pub revision: u32,
    /// When each template revision kept was rolled out, oldest first: a Deployment's
    /// ReplicaSets (the current one and `revisionHistoryLimit` old ones) are created then.
    pub revisions_started_ms: VecDeque<(u32, u64)>,
    pub pod_management: PodManagementPolicy,
    /// OrderedReady scale-down: the ordinal whose pod must become Running and Ready before the
    /// next pod is removed (kept so the wait is logged once, not on every reconcile).
    pub scale_down_blocked_by: Option<u32>,
    /// `kubectl delete`d: its pods go (all at once, as the garbage collector deletes them) and
    /// none is made until it is applied again.
    pub deleted: bool,
}

/// Template revisions a workload keeps: the current one and `revisionHistoryLimit` (10) old ones.
pub const REVISIONS_KEPT_MAX: usize = 11;

/// A PersistentVolumeClaim and the PersistentVolume bound to it (dynamically provisioned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volume {
    pub claim: Name,
    pub volume: Name,
    pub access_mode: AccessMode,
    /// The content of the file that holds the total.
    pub file_total: u64,
    pub lock: FileLock,
    /// The register whose total this file holds, when it holds exactly one.
    pub register: Option<Register>,
    /// When the claim was created and its volume provisioned (the same moment here).
    pub created_ms: u64,
}

/// An advisory lock on the file (like `flock`): one holder, waiters served first come, first served.
/// A holder whose process dies releases it, as the kernel does when the file is closed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileLock {
    pub holder: Option<Ticket>,
    pub waiting: VecDeque<Ticket>,
}

/// A request in the lock's hands: its id, and its slot in the in-flight table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    pub id: RequestId,
    pub slot: u32,
}

/// Why a request got no total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The Service had no ready endpoint.
    NoEndpoints,
    /// The addressed pod has no DNS record (it does not exist or is not ready).
    NoDnsRecord,
    /// The Service's name resolves to nothing: the Service was deleted.
    NoService,
    /// The pod was gone or not running when the request arrived.
    ConnectionRefused,
    /// The container died while working on the request.
    ConnectionReset,
    /// The adding would pass `u64::MAX`; the total is unchanged.
    Overflow,
}

impl Failure {
    pub fn describe(self) -> &'static str {
        match self {
            Failure::NoEndpoints => "no ready pod behind the Service",
            Failure::NoDnsRecord => "no DNS record for that pod",
            Failure::NoService => "no DNS record: the Service was deleted",
            Failure::ConnectionRefused => "connection refused: the pod was gone",
            Failure::ConnectionReset => "connection reset: the pod died mid-request",
            Failure::Overflow => "the total would overflow",
        }
    }
}

/// Where a request is. Each stage takes time, so requests in flight can race.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Client to the Service: the ClusterIP, or a DNS lookup for a headless Service.
    ToService,
    /// Forwarded to the chosen pod.
    ToPod,
    /// The pod computes (memory and emptyDir adds, conversions).
    Compute,
    /// Queued for the file lock.
    LockWait,
    /// Reading the total from the file.
    ReadFile,
    /// Writing the new total to the file.
    WriteFile,
    /// From the adder pod to `db-0`.
    ToDatabase,
    /// `db-0` adds in one transaction.
    Database,
    /// From `db-0` back to the adder pod.
    FromDatabase,
    /// The answer (or the failure) travelling back to the client.
    Respond,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: RequestId,
    pub client: ClientIndex,
    pub kind: RequestKind,
    /// Where the client addressed it when sending: fixed for the request's whole life, so a
    /// client that retargets later changes only its next requests.
    pub target: Target,
    pub register: Register,
    pub floor: Floor,
    pub stage: Stage,
    pub stage_started_ms: u64,
    pub stage_ends_ms: u64,
    pub sent_ms: u64,
    pub pod: Option<PodUid>,
    pub pod_name: Option<Name>,
    pub database_pod: Option<PodUid>,
    /// The total read from the file, before adding.
    pub read_total: u64,
    /// The answer, once known; set when the Respond stage starts.
    pub outcome: Option<Result<u64, Failure>>,
}

/// A finished request, as its client saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Completed {
    pub id: RequestId,
    pub client: ClientIndex,
    pub kind: RequestKind,
    pub pod: Option<Name>,
    pub outcome: Result<u64, Failure>,
    pub sent_ms: u64,
    /// When the pod sent its answer (its log line's time); `received_ms` is a network hop later.
    pub answered_ms: u64,
    pub received_ms: u64,
}

impl Completed {
    pub fn latency_ms(&self) -> u64 {
        self.received_ms - self.sent_ms
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    pub name: &'static str,
    pub requests_per_minute: u32,
    pub target: Target,
    pub sends_convert: bool,
    /// The latest answers this client received, oldest first (bounded).
    pub observed: VecDeque<Completed>,
}

/// How the adder workload keeps its total, fixed per scenario.
pub fn store_is_file(store: TotalStore) -> bool {
    matches!(store, TotalStore::SharedVolume | TotalStore::OwnVolume)
}
