//! The simulated world: one seed, one PRNG, one event queue, one `step`.
//!
//! Virtual time is in milliseconds. Every change happens in `step` (an event) or `apply`
//! (a command), so the same seed and the same commands at the same times give the same run.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, VecDeque};

use super::checker::{Checker, Register, RequestId};
use super::command::{
    ADD_NUMBER_MAX, CONVERT_METRES_MAX, ClientIndex, Command, CommandError, GRACE_PERIOD_S_MAX,
    REPLICAS_MAX, RequestKind, TRAFFIC_PER_MINUTE_MAX,
};
use super::history::{History, LogEvent};
use super::names::Name;
use super::objects::{
    Client, Completed, Node, Owner, POD_IP_HOSTS, Pod, PodUid, Request, Volume, Workload,
    store_is_file,
};
use super::rng::SimRng;
use super::scenario::{ScenarioId, Settings, Target, TotalStore, WorkloadKind};

/// Requests in flight at once; more are refused (by hand) or dropped (automatic traffic).
pub const REQUESTS_IN_FLIGHT_MAX: usize = 512;
/// Finished requests kept for the request log.
pub const COMPLETED_KEPT_MAX: usize = 200;
/// Answers kept per client.
pub const OBSERVED_KEPT_MAX: usize = 64;
/// Pods that may exist at once (replicas, surge, terminating ones, the database).
pub const PODS_MAX: usize = 4 * REPLICAS_MAX as usize + 4;
/// Events queued for one pod at most: PodStarted, two PodReady (one after starting, one after a
/// container restart), ContainerUp, PodGone. A removed pod's events are unscheduled.
const EVENTS_PER_POD_MAX: usize = 5;
/// Events queued at most, besides one traffic timer per client and one eviction per node: one
/// stage timer per request in flight (a failed request's timer is unscheduled) and each pod's.
pub const EVENTS_QUEUED_MAX: usize = REQUESTS_IN_FLIGHT_MAX + EVENTS_PER_POD_MAX * PODS_MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Event {
    ClientTick { client: ClientIndex },
    RequestStageDone { slot: u32, id: RequestId },
    PodStarted { uid: PodUid },
    PodReady { uid: PodUid },
    ContainerUp { uid: PodUid },
    PodGone { uid: PodUid },
    NodeEviction { node: usize },
}

impl Event {
    /// The pod an event is about, if any.
    pub(super) fn pod(&self) -> Option<PodUid> {
        match *self {
            Event::PodStarted { uid }
            | Event::PodReady { uid }
            | Event::ContainerUp { uid }
            | Event::PodGone { uid } => Some(uid),
            _ => None,
        }
    }
}

/// An event at a time; `seq` breaks ties in scheduling order, so the queue's order is total.
/// Ordered by `(at_ms, seq)` only, packed in one `u128` so the heap compares once.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scheduled {
    pub key: u128,
    pub event: Event,
}

impl Scheduled {
    pub fn at_ms(&self) -> u64 {
        (self.key >> 64) as u64
    }
}

impl PartialEq for Scheduled {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for Scheduled {}

impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Scheduled {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key.cmp(&other.key)
    }
}

/// Counters over the whole run (never reset, never bounded in memory: they are numbers).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub requests_sent: u64,
    pub requests_answered: u64,
    pub requests_failed: u64,
    pub requests_dropped: u64,
    pub events_processed: u64,
}

#[derive(Debug, Clone)]
pub struct World {
    pub(super) settings: Settings,
    pub(super) seed: u64,
    pub(super) now_ms: u64,
    pub(super) rng: SimRng,
    pub(super) queue: BinaryHeap<Reverse<Scheduled>>,
    pub(super) next_seq: u64,
    pub(super) nodes: Vec<Node>,
    /// Every pod that exists, in creation order.
    pub(super) pods: Vec<Pod>,
    pub(super) next_pod_uid: PodUid,
    /// Pods created, marked for deletion or removed: lets `reconcile` stop at a fixed point.
    pub(super) control_changes: u64,
    pub(super) adder: Workload,
    pub(super) database: Option<Workload>,
    /// PVCs with their bound PVs; never deleted (StatefulSet claims are retained on scale-down).
    pub(super) volumes: Vec<Volume>,
    pub(super) clients: Vec<Client>,
    /// Requests in flight, by slot; `free_slots` are reused so the table stays small.
    pub(super) requests: Vec<Option<Request>>,
    pub(super) free_slots: Vec<u32>,
    pub(super) in_flight: usize,
    pub(super) next_request_id: RequestId,
    pub(super) round_robin_next: usize,
    /// The adder Service's ready endpoints, in pod creation order (like an EndpointSlice).
    /// Refreshed after every pod event and command, so requests only index it.
    pub(super) endpoints: Vec<PodUid>,
    /// `sessionAffinity: ClientIP`: the pod each client is pinned to.
    pub(super) affinity: BTreeMap<ClientIndex, PodUid>,
    pub(super) history: History,
    pub(super) checker: Checker,
    pub(super) completed: VecDeque<Completed>,
    /// Sum of every add that took effect in some store: what one correct server would hold.
    /// Indexed by `Register::index`.
    pub(super) applied_total: Vec<u64>,
    pub(super) stats: Stats,
    /// The app's Service was `kubectl delete`d (and not applied again): its name resolves to
    /// nothing.
    pub(super) service_deleted: bool,
}

impl World {
    /// A new world for a scenario, with its preset settings, at time 0.
    pub fn new(scenario: ScenarioId, seed: u64) -> Self {
        Self::with_settings(Settings::for_scenario(scenario), seed)
    }

    pub fn with_settings(settings: Settings, seed: u64) -> Self {
        let nodes = (1..=settings.nodes.max(1))
            .map(|i| Node {
                name: Name::new(&format!("node-{i}")),
                up: true,
                unschedulable: false,
                last_ip_host: *POD_IP_HOSTS.end(),
            })
            .collect();
        let clients = settings
            .clients
            .iter()
            .map(|spec| Client {
                name: spec.name,
                requests_per_minute: spec.requests_per_minute,
                target: spec.target,
                sends_convert: spec.sends_convert,
                observed: VecDeque::new(),
            })
            .collect();
        let adder = Workload {
            kind: settings.workload,
            name: settings.app_name,
            replicas: settings.replicas.min(REPLICAS_MAX),
            revision: 1,
            revisions_started_ms: VecDeque::from([(1, 0)]),
            pod_management: settings.pod_management,
            scale_down_blocked_by: None,
            deleted: false,
        };
        let database = (settings.store == TotalStore::Database).then_some(Workload {
            kind: WorkloadKind::StatefulSet,
            name: "db",
            replicas: 1,
            revision: 1,
            revisions_started_ms: VecDeque::from([(1, 0)]),
            pod_management: settings.pod_management,
            scale_down_blocked_by: None,
            deleted: false,
        });
        let mut world = World {
            seed,
            now_ms: 0,
            rng: SimRng::new(seed),
            queue: BinaryHeap::new(),
            next_seq: 0,
            nodes,
            pods: Vec::new(),
            next_pod_uid: 1,
            control_changes: 0,
            adder,
            database,
            volumes: Vec::new(),
            clients,
            requests: Vec::new(),
            free_slots: Vec::new(),
            in_flight: 0,
            next_request_id: 1,
            round_robin_next: 0,
            endpoints: Vec::new(),
            affinity: BTreeMap::new(),
            history: History::default(),
            checker: Checker::new(),
            completed: VecDeque::new(),
            applied_total: vec![0; REPLICAS_MAX as usize + 1],
            stats: Stats::default(),
            service_deleted: false,
            settings,
        };
        if world.settings.store == TotalStore::SharedVolume {
            let claim = world.settings.claim;
            world.provision_volume(claim, Some(Register::Service));
        }
        for client in 0..world.clients.len() {
            world.schedule_traffic(client);
        }
        world.reconcile();
        world.refresh_endpoints();
        world
    }

    pub fn scenario(&self) -> ScenarioId {
        self.settings.scenario
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn now_ms(&self) -> u64 {
        self.now_ms
    }

    pub fn stats(&self) -> Stats {
        self.stats
    }

    pub fn checker(&self) -> &Checker {
        &self.checker
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn pods(&self) -> &[Pod] {
        &self.pods
    }

    pub fn volumes(&self) -> &[Volume] {
        &self.volumes
    }

    pub fn clients(&self) -> &[Client] {
        &self.clients
    }

    /// The adder's workload, then the database's (three tiers).
    pub fn workloads(&self) -> impl Iterator<Item = &Workload> {
        std::iter::once(&self.adder).chain(self.database.as_ref())
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub fn completed(&self) -> impl DoubleEndedIterator<Item = &Completed> + ExactSizeIterator {
        self.completed.iter()
    }

    pub fn requests_in_flight(&self) -> impl Iterator<Item = &Request> {
        self.requests.iter().flatten()
    }

    /// The id of the request sent most recently.
    pub fn last_request_id(&self) -> Option<RequestId> {
        self.next_request_id.checked_sub(1).filter(|&id| id > 0)
    }

    pub fn in_flight_count(&self) -> usize {
        self.in_flight
    }

    pub fn replicas(&self) -> u32 {
        self.adder.replicas
    }

    pub fn lock_enabled(&self) -> bool {
        self.settings.lock_enabled
    }

    /// What one correct server would hold for a register: every add that took effect.
    pub fn applied_total(&self, register: Register) -> u64 {
        self.applied_total
            .get(register.index())
            .copied()
            .unwrap_or(0)
    }

    pub(super) fn schedule(&mut self, delay_ms: u64, event: Event) {
        let at_ms = self.now_ms + delay_ms;
        let scheduled = Scheduled {
            key: (u128::from(at_ms) << 64) | u128::from(self.next_seq),
            event,
        };
        self.next_seq += 1;
        self.queue.push(Reverse(scheduled));
    }

    /// Drops the queued events `stale` picks: ones that would only be ignored when they come
    /// up (a replaced traffic timer, a removed pod's timers). This keeps the queue bounded by
    /// what is live (`EVENTS_QUEUED_MAX`). O(queue), and only on rare changes.
    pub(super) fn unschedule(&mut self, stale: impl Fn(&Event) -> bool) {
        self.queue
            .retain(|Reverse(scheduled)| !stale(&scheduled.event));
    }

    /// A fingerprint of the run so far: every cluster event kept, every answered request kept
    /// (who, what, which pod, what answer, when) and the counters. Two runs with the same
    /// digest told every client the same thing. FNV-1a over a canonical text, so it does not
    /// depend on how types print for debugging.
    pub fn digest(&self) -> u64 {
        use std::fmt::Write as _;
        let mut text = String::new();
        for entry in self.history.entries() {
            let _ = writeln!(text, "{} {}", entry.at_ms, entry.event);
        }
        for answer in &self.completed {
            let (asked, number) = match answer.kind {
                RequestKind::Add(number) => ("add", number),
                RequestKind::Convert(metres) => ("convert", metres),
            };
            let pod = answer.pod.as_ref().map_or("-", |pod| pod.as_str());
            let _ = write!(
                text,
                "#{} c{} {asked} {number} {pod} {}-{} ",
                answer.id, answer.client, answer.sent_ms, answer.received_ms
            );
            let _ = match answer.outcome {
                Ok(value) => writeln!(text, "= {value}"),
                Err(failure) => writeln!(text, "failed: {}", failure.describe()),
            };
        }
        let stats = self.stats;
        let _ = write!(
            text,
            "{} {} {} {} {}",
            stats.requests_sent,
            stats.requests_answered,
            stats.requests_failed,
            stats.requests_dropped,
            self.checker.total_findings()
        );
        text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    /// Events waiting in the queue (bounded: see `EVENTS_QUEUED_MAX`).
    pub fn events_queued(&self) -> usize {
        self.queue.len()
    }

    /// The time of the next event, if any.
    pub fn next_event_ms(&self) -> Option<u64> {
        self.queue
            .peek()
            .map(|Reverse(scheduled)| scheduled.at_ms())
    }

    /// Runs the next event. Returns false when nothing is scheduled.
    pub fn step(&mut self) -> bool {
        let Some(Reverse(scheduled)) = self.queue.pop() else {
            return false;
        };
        debug_assert!(
            scheduled.at_ms() >= self.now_ms,
            "time never runs backwards"
        );
        self.now_ms = scheduled.at_ms();
        self.stats.events_processed += 1;
        match scheduled.event {
            Event::ClientTick { client } => self.on_client_tick(client),
            Event::RequestStageDone { slot, id } => self.on_stage_done(slot, id),
            Event::PodStarted { uid } => self.on_pod_started(uid),
            Event::PodReady { uid } => self.on_pod_ready(uid),
            Event::ContainerUp { uid } => self.on_container_up(uid),
            Event::PodGone { uid } => self.on_pod_gone(uid),
            Event::NodeEviction { node } => self.on_node_eviction(node),
        }
        if !matches!(
            scheduled.event,
            Event::ClientTick { .. } | Event::RequestStageDone { .. }
        ) {
            self.refresh_endpoints();
        }
        #[cfg(debug_assertions)]
        self.assert_invariants();
        true
    }

    /// Runs every event up to and including `until_ms`, then sets the clock to `until_ms`.
    pub fn run_until(&mut self, until_ms: u64) {
        while self.next_event_ms().is_some_and(|at_ms| at_ms <= until_ms) {
            self.step();
        }
        self.now_ms = self.now_ms.max(until_ms);
    }

    pub fn run_for(&mut self, duration_ms: u64) {
        self.run_until(self.now_ms + duration_ms);
    }

    /// Applies a command now. On error nothing changed.
    pub fn apply(&mut self, command: &Command) -> Result<(), CommandError> {
        self.apply_command(command)?;
        self.refresh_endpoints();
        #[cfg(debug_assertions)]
        self.assert_invariants();
        Ok(())
    }

    fn apply_command(&mut self, command: &Command) -> Result<(), CommandError> {
        match command {
            Command::Send { client, kind } => {
                self.check_client(*client)?;
                self.check_send(*kind)?;
                self.send(*client, *kind);
            }
            Command::Curl { target, kind } => {
                self.check_send(*kind)?;
                self.check_target(*target)?;
                let client = self.debug_client();
                self.clients[client].target = *target;
                self.send(client, *kind);
            }
            Command::SetTraffic {
                client,
                requests_per_minute,
            } => {
                self.check_client(*client)?;
                if *requests_per_minute > TRAFFIC_PER_MINUTE_MAX {
                    return Err(CommandError::TrafficOutOfRange(*requests_per_minute));
                }
                self.clients[*client].requests_per_minute = *requests_per_minute;
                let client = *client;
                self.unschedule(|event| *event == Event::ClientTick { client });
                self.schedule_traffic(client);
            }
            Command::SetTarget { client, target } => {
                self.check_client(*client)?;
                self.check_target(*target)?;
                self.clients[*client].target = *target;
            }
            Command::DeletePod { name } => {
                let uid = self.pod_uid_by_name(name)?;
                self.delete_pod(uid);
                self.reconcile();
            }
            Command::DeletePodWithGrace {
                name,
                grace_period_s,
            } => {
                if *grace_period_s > GRACE_PERIOD_S_MAX {
                    return Err(CommandError::GracePeriodOutOfRange(*grace_period_s));
                }
                let uid = self.pod_uid_by_name(name)?;
                self.delete_pod_after(uid, u64::from(*grace_period_s) * 1000);
                self.reconcile();
            }
            Command::RestartContainer { pod } => {
                let uid = self.pod_uid_by_name(pod)?;
                let index = self.pod_index(uid).expect("found by name");
                if !self.pods[index].can_work() {
                    return Err(CommandError::PodNotRunning(pod.clone()));
                }
                self.restart_container(uid);
            }
            Command::FailNode { node } => {
                let index = self.node_index(node)?;
                if !self.nodes[index].up {
                    return Err(CommandError::NodeAlreadyInState {
                        node: node.clone(),
                        failed: true,
                    });
                }
                self.fail_node(index);
            }
            Command::SetSchedulable { node, schedulable } => {
                let index = self.node_index(node)?;
                self.set_schedulable(index, *schedulable);
            }
            Command::Drain { node } => {
                let index = self.node_index(node)?;
                self.drain(index);
            }
            Command::RecoverNode { node } => {
                let index = self.node_index(node)?;
                if self.nodes[index].up {
                    return Err(CommandError::NodeAlreadyInState {
                        node: node.clone(),
                        failed: false,
                    });
                }
                self.recover_node(index);
            }
            Command::DeleteWorkload => self.delete_workload()?,
            Command::DeleteService => self.delete_service()?,
            Command::CreateWorkload { replicas } => self.create_workload(*replicas)?,
            Command::CreateService { headless } => self.create_service(*headless)?,
            Command::Scale { replicas } => {
                self.require_workload()?;
                let replicas = u32::try_from(*replicas)
                    .ok()
                    .filter(|&replicas| replicas <= REPLICAS_MAX)
                    .ok_or(CommandError::ReplicasOutOfRange(*replicas))?;
                self.adder.replicas = replicas;
                self.history.record(
                    self.now_ms,
                    LogEvent::Scaled {
                        workload: self.adder.name,
                        replicas,
                    },
                );
                self.reconcile();
            }
            Command::RollOut => {
                self.require_workload()?;
                self.adder.revision += 1;
                let started = &mut self.adder.revisions_started_ms;
                if started.len() == super::objects::REVISIONS_KEPT_MAX {
                    started.pop_front();
                }
                started.push_back((self.adder.revision, self.now_ms));
                self.history.record(
                    self.now_ms,
                    LogEvent::RolloutStarted {
                        workload: self.adder.name,
                        revision: self.adder.revision,
                    },
                );
                self.reconcile();
            }
            Command::SetLock(on) => {
                if !store_is_file(self.settings.store) {
                    return Err(CommandError::NotInThisScenario(
                        "The lock guards the total's file; this scenario keeps no total in a file.",
                    ));
                }
                self.settings.lock_enabled = *on;
                self.history.record(
                    self.now_ms,
                    LogEvent::Setting {
                        what: "The file lock",
                        on: *on,
                    },
                );
                if !*on {
                    self.release_all_waiters();
                }
            }
            Command::SetProxyMode(mode) => {
                self.require_cluster_ip()?;
                self.settings.proxy_mode = *mode;
            }
            Command::SetSessionAffinity(on) => {
                self.require_service()?;
                self.require_cluster_ip()?;
                self.settings.session_affinity = *on;
                self.affinity.clear();
                self.history.record(
                    self.now_ms,
                    LogEvent::Setting {
                        what: "Session affinity (ClientIP)",
                        on: *on,
                    },
                );
            }
            Command::SetUpdateStrategy(strategy) => {
                self.require_workload()?;
                if !strategy.fits(self.adder.kind == WorkloadKind::StatefulSet) {
                    return Err(CommandError::NotInThisScenario(
                        "A StatefulSet updates RollingUpdate (with a partition) or OnDelete; a Deployment RollingUpdate (with maxSurge and maxUnavailable) or Recreate.",
                    ));
                }
                self.settings.update_strategy = *strategy;
                self.reconcile();
            }
            Command::SetPublishNotReady(on) => {
                self.require_service()?;
                self.settings.publish_not_ready = *on;
                self.refresh_endpoints();
                self.history.record(
                    self.now_ms,
                    LogEvent::Setting {
                        what: "publishNotReadyAddresses",
                        on: *on,
                    },
                );
            }
            Command::SetClaimRetention(retention) => {
                self.require_workload()?;
                if self.adder.kind != WorkloadKind::StatefulSet {
                    return Err(CommandError::NotInThisScenario(
                        "persistentVolumeClaimRetentionPolicy is a StatefulSet setting; this scenario runs a Deployment.",
                    ));
                }
                self.settings.claim_retention = *retention;
            }
            Command::SetPodManagement(policy) => {
                self.require_workload()?;
                if self.adder.kind != WorkloadKind::StatefulSet {
                    return Err(CommandError::NotInThisScenario(
                        "podManagementPolicy is a StatefulSet setting; this scenario runs a Deployment.",
                    ));
                }
                self.adder.pod_management = *policy;
                self.settings.pod_management = *policy;
                self.reconcile();
            }
        }
        Ok(())
    }

    fn check_client(&self, client: ClientIndex) -> Result<(), CommandError> {
        if client < self.clients.len() {
            Ok(())
        } else {
            Err(CommandError::NoSuchClient(client))
        }
    }

    fn require_cluster_ip(&self) -> Result<(), CommandError> {
        if !self.settings.headless {
            Ok(())
        } else {
            Err(CommandError::NotInThisScenario(
                "A headless Service does no load balancing, so kube-proxy settings do not apply.",
            ))
        }
    }

    fn pod_uid_by_name(&self, name: &str) -> Result<PodUid, CommandError> {
        self.pods
            .iter()
            .find(|pod| pod.name.as_str() == name)
            .map(|pod| pod.uid)
            .ok_or_else(|| CommandError::NoSuchPod(name.chars().take(63).collect()))
    }

    fn node_index(&self, name: &str) -> Result<usize, CommandError> {
        self.nodes
            .iter()
            .position(|node| node.name.as_str() == name)
            .ok_or_else(|| CommandError::NoSuchNode(name.chars().take(63).collect()))
    }

    pub(super) fn pod_index(&self, uid: PodUid) -> Option<usize> {
        self.pods.iter().position(|pod| pod.uid == uid)
    }

    /// Checks the rules that must hold after every event and command. Used by tests; cheap
    /// enough to call after each step there.
    /// A request of `kind` can be sent now: the program runs it, its number is in range, and
    /// there is room in flight.
    fn check_send(&self, kind: RequestKind) -> Result<(), CommandError> {
        let program = self.settings.program;
        match kind {
            RequestKind::Add(_) if !program.runs_adder() => {
                return Err(CommandError::NotInThisScenario(
                    "This Deployment runs only the converter (metres \u{d7} 100): there is no adder, and no total to add to.",
                ));
            }
            RequestKind::Convert(_) if !program.runs_converter() => {
                return Err(CommandError::NotInThisScenario(
                    "These pods run only the adder; the converter runs in the one-server and converter scenes.",
                ));
            }
            RequestKind::Add(number) if number > ADD_NUMBER_MAX => {
                return Err(CommandError::NumberOutOfRange {
                    kind,
                    max: ADD_NUMBER_MAX,
                });
            }
            RequestKind::Convert(metres) if metres > CONVERT_METRES_MAX => {
                return Err(CommandError::NumberOutOfRange {
                    kind,
                    max: CONVERT_METRES_MAX,
                });
            }
            _ => {}
        }
        if self.in_flight_count() >= REQUESTS_IN_FLIGHT_MAX {
            return Err(CommandError::TooManyRequestsInFlight {
                limit: REQUESTS_IN_FLIGHT_MAX,
            });
        }
        Ok(())
    }

    /// A pod can be addressed by name only in a StatefulSet, and only an ordinal it can have.
    fn check_target(&self, target: Target) -> Result<(), CommandError> {
        if let Target::Pod(ordinal) = target {
            if self.adder.kind != WorkloadKind::StatefulSet {
                return Err(CommandError::NotInThisScenario(
                    "Deployment pods have random names: address the Service instead.",
                ));
            }
            if !self.settings.pod_dns {
                return Err(CommandError::NotInThisScenario(
                    "These pods have no DNS names of their own: the StatefulSet's serviceName does not name a headless Service. Address the Service instead.",
                ));
            }
            if ordinal >= REPLICAS_MAX {
                return Err(CommandError::NoSuchOrdinal(ordinal));
            }
        }
        Ok(())
    }

    pub fn assert_invariants(&self) {
        assert!(self.pods.len() <= PODS_MAX, "{} pods", self.pods.len());
        assert!(
            self.queue.len() <= EVENTS_QUEUED_MAX + self.clients.len() + self.nodes.len(),
            "{} events queued",
            self.queue.len()
        );
        let mut timers = vec![0u8; self.clients.len()];
        for Reverse(scheduled) in &self.queue {
            if let Event::ClientTick { client } = scheduled.event {
                timers[client] += 1;
                assert!(
                    timers[client] <= 1,
                    "client {client} has two traffic timers"
                );
            }
        }
        assert!(self.in_flight_count() <= REQUESTS_IN_FLIGHT_MAX);
        assert_eq!(self.requests.iter().flatten().count(), self.in_flight);
        assert!(self.adder.replicas <= REPLICAS_MAX);
        for (i, pod) in self.pods.iter().enumerate() {
            assert!(
                self.pods[..i].iter().all(|other| other.name != pod.name),
                "two pods named {}",
                pod.name
            );
            assert!(
                self.pods[..i].iter().all(|other| other.ip != pod.ip),
                "two pods with the IP of {}",
                pod.name
            );
            assert_eq!(
                pod.ip[2],
                pod.node as u8 + 1,
                "{}: IP from its node's range",
                pod.name
            );
            if let Some(ordinal) = pod.ordinal {
                let (workload, claims) = if pod.owner == Owner::Adder {
                    (
                        self.adder.name,
                        self.settings.store == TotalStore::OwnVolume,
                    )
                } else {
                    ("db", true)
                };
                assert_eq!(pod.name.as_str(), format!("{workload}-{ordinal}"));
                if claims {
                    let volume = &self.volumes[pod.volume.expect("a claim from the templates")];
                    assert_eq!(volume.claim.as_str(), format!("data-{workload}-{ordinal}"));
                } else {
                    assert_eq!(pod.volume, None, "{}: no volumeClaimTemplates", pod.name);
                }
            }
            if pod.ready {
                assert!(pod.container_up && pod.phase == super::objects::PodPhase::Running);
            }
        }
        let live = |ticket: super::objects::Ticket| {
            self.requests[ticket.slot as usize]
                .as_ref()
                .filter(|request| request.id == ticket.id)
        };
        for volume in &self.volumes {
            if let Some(holder) = volume.lock.holder {
                assert!(live(holder).is_some(), "lock held by a finished request");
                assert!(!volume.lock.waiting.contains(&holder));
            }
            for &waiter in &volume.lock.waiting {
                let request = live(waiter).expect("live waiter");
                assert_eq!(request.stage, super::objects::Stage::LockWait);
            }
            assert!(volume.lock.waiting.len() <= REQUESTS_IN_FLIGHT_MAX);
        }
        assert_eq!(
            self.endpoints,
            self.published_endpoints(),
            "endpoints are up to date"
        );
        assert!(self.completed.len() <= COMPLETED_KEPT_MAX);
        for client in &self.clients {
            assert!(client.observed.len() <= OBSERVED_KEPT_MAX);
        }
    }
}
