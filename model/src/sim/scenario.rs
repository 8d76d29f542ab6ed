//! The scenarios a learner can pick, and the settings each one starts with.

use std::fmt;

/// The ways of running the adder that Adder Lab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ScenarioId {
    /// One pod runs both programs: the adder is correct on its own.
    OneServer,
    /// The stateless converter on a Deployment behind a ClusterIP Service: always correct.
    ConverterDeployment,
    /// The adder on a Deployment, each pod's total in its own memory: totals disagree.
    AdderMemory,
    /// The adder on a Deployment, each pod's total in a file on its own emptyDir volume:
    /// it survives a container restart, not the pod's deletion.
    AdderEmptyDir,
    /// The total in a file on one ReadWriteMany volume mounted by every pod, with a lock.
    SharedVolumeLock,
    /// The same without the lock: read-add-write sequences interleave and updates are lost.
    SharedVolumeNoLock,
    /// The shared claim is ReadWriteOnce: only pods on the node it is attached to can start.
    SharedVolumeRwo,
    /// A StatefulSet with a headless Service: each pod its own total on its own PVC.
    StatefulSetHeadless,
    /// A stateless adder Deployment in front of a database StatefulSet `db-0` that holds the total.
    ThreeTier,
}

impl ScenarioId {
    pub const ALL: [ScenarioId; 9] = [
        ScenarioId::OneServer,
        ScenarioId::ConverterDeployment,
        ScenarioId::AdderMemory,
        ScenarioId::AdderEmptyDir,
        ScenarioId::SharedVolumeLock,
        ScenarioId::SharedVolumeNoLock,
        ScenarioId::SharedVolumeRwo,
        ScenarioId::StatefulSetHeadless,
        ScenarioId::ThreeTier,
    ];

    /// The name used in links and commands.
    pub fn slug(self) -> &'static str {
        match self {
            ScenarioId::OneServer => "one-server",
            ScenarioId::ConverterDeployment => "converter-deployment",
            ScenarioId::AdderMemory => "adder-memory",
            ScenarioId::AdderEmptyDir => "adder-emptydir",
            ScenarioId::SharedVolumeLock => "shared-volume-lock",
            ScenarioId::SharedVolumeNoLock => "shared-volume-no-lock",
            ScenarioId::SharedVolumeRwo => "shared-volume-rwo",
            ScenarioId::StatefulSetHeadless => "statefulset-headless",
            ScenarioId::ThreeTier => "three-tier",
        }
    }

    pub fn parse(slug: &str) -> Result<Self, UnknownScenario> {
        Self::ALL
            .into_iter()
            .find(|scenario| scenario.slug() == slug)
            .ok_or_else(|| UnknownScenario(slug.chars().take(40).collect()))
    }

    pub fn title(self) -> &'static str {
        match self {
            ScenarioId::OneServer => "One server",
            ScenarioId::ConverterDeployment => "Stateless converter on a Deployment",
            ScenarioId::AdderMemory => "Stateful adder on a Deployment (total in memory)",
            ScenarioId::AdderEmptyDir => {
                "Stateful adder on a Deployment (total in an emptyDir volume)"
            }
            ScenarioId::SharedVolumeLock => "Deployment + shared PersistentVolume + lock",
            ScenarioId::SharedVolumeNoLock => "Deployment + shared PersistentVolume, no lock",
            ScenarioId::SharedVolumeRwo => {
                "Deployment + shared ReadWriteOnce PersistentVolume + lock"
            }
            ScenarioId::StatefulSetHeadless => "StatefulSet + headless Service",
            ScenarioId::ThreeTier => "Three tiers: stateless adders, database on a StatefulSet",
        }
    }

    /// One sentence on what to watch for.
    /// What to look at in this scene, asked as a question: it never states the answer, since a
    /// lesson may be asking it (the lessons' answers come from running the scene).
    pub fn watch_for(self) -> &'static str {
        match self {
            ScenarioId::OneServer => {
                "Add the same number three times, and convert the same length three times: whose answer changes?"
            }
            ScenarioId::ConverterDeployment => {
                "Only the converter runs here, on several pods behind one Service. Break things: does any answer ever differ from metres \u{d7} 100?"
            }
            ScenarioId::AdderMemory => {
                "Three pods behind one Service, each keeping the total in its memory. Watch what each client is told: do the totals agree, and do they only go up?"
            }
            ScenarioId::SharedVolumeLock => {
                "Every pod reads and writes one file on a shared volume, under a lock. Compare the file with the acknowledged adds: do they match?"
            }
            ScenarioId::SharedVolumeNoLock => {
                "The same shared file, without the lock. Compare the file with the acknowledged adds: do they still match?"
            }
            ScenarioId::AdderEmptyDir => {
                "Each pod keeps its total in a file on its own emptyDir volume. Restart a container, then delete the pod: what happens to its total each time?"
            }
            ScenarioId::SharedVolumeRwo => {
                "One shared claim with accessModes: ReadWriteOnce, and pods on three nodes. Which pods get to run?"
            }
            ScenarioId::StatefulSetHeadless => {
                "A StatefulSet behind a headless Service; each client names a pod. Delete one: what comes back, under which name, holding which total?"
            }
            ScenarioId::ThreeTier => {
                "The adder pods keep nothing; db-0, a StatefulSet, keeps the total. Does it matter which adder pod answers?"
            }
        }
    }
}

impl fmt::Display for ScenarioId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// The program in the workload's containers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    /// `addAndReturnTotal`: stateful.
    Adder,
    /// `convertMetersToCentimeters`: stateless, nothing is remembered.
    Converter,
    /// One server runs both (the story's starting point).
    AdderAndConverter,
}

impl Program {
    /// The workload's, its Service's and its pods' name.
    pub fn name(self) -> &'static str {
        match self {
            Program::Converter => "converter",
            Program::Adder | Program::AdderAndConverter => "adder",
        }
    }

    /// What the totals panel says when the program keeps no total.
    pub fn no_total_note(self) -> Option<&'static str> {
        (self == Program::Converter).then_some(
            "The converter keeps no total: each answer is worked out from its request alone \
             (metres \u{d7} 100), so it is the same whichever pod answers.",
        )
    }

    pub fn runs_adder(self) -> bool {
        self != Program::Converter
    }

    pub fn runs_converter(self) -> bool {
        self != Program::Adder
    }
}

/// A scenario name that names none (in a link, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownScenario(pub String);

impl fmt::Display for UnknownScenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "There is no scenario called \u{201c}{}\u{201d}.", self.0)
    }
}

/// Which kind of controller runs the adder pods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkloadKind {
    Deployment,
    StatefulSet,
}

/// Where the adder keeps its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotalStore {
    /// Nothing is kept: the program is stateless (the converter).
    Nothing,
    /// A variable in the container's memory: lost on a container restart.
    Memory,
    /// A file on the pod's emptyDir volume: survives a container restart, not the pod's deletion.
    EmptyDir,
    /// A file on one PersistentVolumeClaim mounted by every pod.
    SharedVolume,
    /// A file on the pod's own PersistentVolumeClaim (StatefulSet volumeClaimTemplates).
    OwnVolume,
    /// Forwarded to the database pod `db-0`, which keeps the total on its own PVC.
    Database,
}

/// How a ClusterIP Service's kube-proxy picks an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyMode {
    /// iptables or nftables mode: each new connection goes to a ready endpoint chosen at random.
    Random,
    /// IPVS mode (default scheduler `rr`): ready endpoints in turn. Deprecated in Kubernetes
    /// v1.35; kept because it shows that the balancing rule, not the bug, is what varies.
    RoundRobin,
}

impl ProxyMode {
    pub const ALL: [ProxyMode; 2] = [ProxyMode::Random, ProxyMode::RoundRobin];

    /// The mode's code in links and in the control's values.
    pub fn code(self) -> &'static str {
        match self {
            ProxyMode::Random => "random",
            ProxyMode::RoundRobin => "rr",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|mode| mode.code() == code)
    }

    /// How the control names it.
    pub fn label(self) -> &'static str {
        match self {
            ProxyMode::Random => "iptables or nftables: random endpoint",
            ProxyMode::RoundRobin => "IPVS: round-robin (deprecated since v1.35)",
        }
    }
}

/// `spec.podManagementPolicy` of a StatefulSet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodManagementPolicy {
    /// Create 0..N-1 one at a time, each after the previous is Running and Ready; remove N-1..0.
    OrderedReady,
    /// Create and remove all at once.
    Parallel,
}

impl PodManagementPolicy {
    pub const ALL: [PodManagementPolicy; 2] = [
        PodManagementPolicy::OrderedReady,
        PodManagementPolicy::Parallel,
    ];

    /// The policy's code in links and in the control's values.
    pub fn code(self) -> &'static str {
        match self {
            PodManagementPolicy::OrderedReady => "ordered",
            PodManagementPolicy::Parallel => "parallel",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|policy| policy.code() == code)
    }

    /// The value of `spec.podManagementPolicy`.
    pub fn label(self) -> &'static str {
        match self {
            PodManagementPolicy::OrderedReady => "OrderedReady",
            PodManagementPolicy::Parallel => "Parallel",
        }
    }
}

/// How a changed pod template reaches the pods: a StatefulSet's `updateStrategy` (RollingUpdate
/// with its `partition`, or OnDelete), or a Deployment's `strategy` (RollingUpdate, or Recreate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateStrategy {
    /// StatefulSet: pods with ordinals ≥ `partition` are replaced, highest first, one at a time.
    /// Deployment (always partition 0): new pods surge in as old ones go (25% / 25%).
    RollingUpdate { partition: u32 },
    /// Deployment: a RollingUpdate with its own `maxSurge` and `maxUnavailable` (never both
    /// 25%, which is `RollingUpdate { partition: 0 }`: one strategy, one code).
    Surge {
        max_surge: IntOrPercent,
        max_unavailable: IntOrPercent,
    },
    /// StatefulSet: a pod gets the new template only when it is deleted and made again.
    OnDelete,
    /// Deployment: every old pod is gone before the first new one is made.
    Recreate,
}

/// The largest `partition` the lab keeps (the API server takes any; above the replicas it holds
/// every pod back, as any larger number would).
pub const PARTITION_MAX: u32 = 1_000;

/// An `intstr.IntOrString` as maxSurge and maxUnavailable take it: a count, or a percentage
/// of the replicas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntOrPercent {
    Int(u32),
    Percent(u32),
}

/// The default maxSurge and maxUnavailable.
pub const QUARTER: IntOrPercent = IntOrPercent::Percent(25);

impl IntOrPercent {
    /// The count for `replicas` (`intstr.GetScaledValueFromIntOrPercent`): maxSurge rounds up,
    /// maxUnavailable down.
    pub fn scaled(self, replicas: usize, round_up: bool) -> usize {
        let count = match self {
            IntOrPercent::Int(count) => u64::from(count),
            IntOrPercent::Percent(percent) => {
                let product = replicas as u64 * u64::from(percent);
                if round_up {
                    product.div_ceil(100)
                } else {
                    product / 100
                }
            }
        };
        // Past the replicas a bound changes nothing; capped so it fits any usize.
        count.min(replicas as u64 + 1) as usize
    }

    /// As the manifest writes it: `1`, `25%`.
    pub fn text(self) -> String {
        match self {
            IntOrPercent::Int(count) => count.to_string(),
            IntOrPercent::Percent(percent) => format!("{percent}%"),
        }
    }

    /// In links: `1`, `25p` (`%` would need escaping).
    fn code(self) -> String {
        match self {
            IntOrPercent::Int(count) => count.to_string(),
            IntOrPercent::Percent(percent) => format!("{percent}p"),
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        let value = match code.strip_suffix('p') {
            Some(percent) => IntOrPercent::Percent(percent.parse().ok()?),
            None => IntOrPercent::Int(code.parse().ok()?),
        };
        let (IntOrPercent::Int(n) | IntOrPercent::Percent(n)) = value;
        (n <= i32::MAX as u32).then_some(value)
    }
}

impl UpdateStrategy {
    /// A Deployment's RollingUpdate with these bounds (the defaults are `RollingUpdate`).
    pub fn surge(max_surge: IntOrPercent, max_unavailable: IntOrPercent) -> Self {
        if (max_surge, max_unavailable) == (QUARTER, QUARTER) {
            UpdateStrategy::RollingUpdate { partition: 0 }
        } else {
            UpdateStrategy::Surge {
                max_surge,
                max_unavailable,
            }
        }
    }

    /// A Deployment's `(maxSurge, maxUnavailable)` counts for `replicas`, with the controller's
    /// fencepost: both 0 would never progress, so maxUnavailable is then 1.
    pub fn surge_counts(self, replicas: usize) -> (usize, usize) {
        let (surge, unavailable) = match self {
            UpdateStrategy::Surge {
                max_surge,
                max_unavailable,
            } => (max_surge, max_unavailable),
            _ => (QUARTER, QUARTER),
        };
        let surge = surge.scaled(replicas, true);
        let unavailable = unavailable.scaled(replicas, false).min(replicas);
        if surge == 0 && unavailable == 0 {
            (0, 1)
        } else {
            (surge, unavailable)
        }
    }

    /// Whether a workload of that kind can have it.
    pub fn fits(self, stateful: bool) -> bool {
        match self {
            UpdateStrategy::RollingUpdate { partition } => stateful || partition == 0,
            UpdateStrategy::OnDelete => stateful,
            UpdateStrategy::Recreate | UpdateStrategy::Surge { .. } => !stateful,
        }
    }

    /// The strategy's code in links: `r<partition>`, `u<maxSurge>.<maxUnavailable>`, `o`, `c`.
    pub fn code(self) -> String {
        match self {
            UpdateStrategy::RollingUpdate { partition } => format!("r{partition}"),
            UpdateStrategy::Surge {
                max_surge,
                max_unavailable,
            } => format!("u{}.{}", max_surge.code(), max_unavailable.code()),
            UpdateStrategy::OnDelete => "o".to_owned(),
            UpdateStrategy::Recreate => "c".to_owned(),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "o" => Some(UpdateStrategy::OnDelete),
            "c" => Some(UpdateStrategy::Recreate),
            _ if code.starts_with('u') => {
                let (surge, unavailable) = code[1..].split_once('.')?;
                let strategy = UpdateStrategy::Surge {
                    max_surge: IntOrPercent::from_code(surge)?,
                    max_unavailable: IntOrPercent::from_code(unavailable)?,
                };
                // One code per strategy (the defaults are `r0`), and only what the API server
                // accepts.
                strategy.surge_valid().then_some(strategy)
            }
            _ => code
                .strip_prefix('r')?
                .parse()
                .ok()
                .filter(|&partition| partition <= PARTITION_MAX)
                .map(|partition| UpdateStrategy::RollingUpdate { partition }),
        }
    }

    /// The API server's rules for maxSurge and maxUnavailable: not both 0, and at most 100%
    /// unavailable.
    fn surge_valid(self) -> bool {
        let UpdateStrategy::Surge {
            max_surge,
            max_unavailable,
        } = self
        else {
            return true;
        };
        let zero =
            |value: IntOrPercent| matches!(value, IntOrPercent::Int(0) | IntOrPercent::Percent(0));
        let both_zero = zero(max_surge) && zero(max_unavailable);
        let over_all = matches!(max_unavailable, IntOrPercent::Percent(p) if p > 100);
        let defaults = max_surge == QUARTER && max_unavailable == QUARTER;
        !both_zero && !over_all && !defaults
    }

    /// How the timeline and the events name it.
    pub fn label(self) -> String {
        match self {
            UpdateStrategy::RollingUpdate { partition: 0 } => "RollingUpdate".to_owned(),
            UpdateStrategy::RollingUpdate { partition } => {
                format!("RollingUpdate, partition {partition}")
            }
            UpdateStrategy::Surge {
                max_surge,
                max_unavailable,
            } => format!(
                "RollingUpdate, maxSurge {}, maxUnavailable {}",
                max_surge.text(),
                max_unavailable.text()
            ),
            UpdateStrategy::OnDelete => "OnDelete".to_owned(),
            UpdateStrategy::Recreate => "Recreate".to_owned(),
        }
    }
}

/// A StatefulSet's `persistentVolumeClaimRetentionPolicy`: whether the claims made from its
/// templates are deleted with it (`whenDeleted`) or with the pods a scale-down removes
/// (`whenScaled`). Both `Retain` by default: a claim outlives its pod.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClaimRetention {
    pub delete_when_deleted: bool,
    pub delete_when_scaled: bool,
}

impl ClaimRetention {
    /// `Delete` or `Retain`, as the manifest writes it.
    pub fn word(delete: bool) -> &'static str {
        if delete { "Delete" } else { "Retain" }
    }

    /// In links: one letter per field, `r` (Retain) or `d` (Delete): whenDeleted, whenScaled.
    pub fn code(self) -> String {
        let letter = |delete: bool| if delete { 'd' } else { 'r' };
        [
            letter(self.delete_when_deleted),
            letter(self.delete_when_scaled),
        ]
        .iter()
        .collect()
    }

    pub fn from_code(code: &str) -> Option<Self> {
        let delete = |letter: u8| match letter {
            b'd' => Some(true),
            b'r' => Some(false),
            _ => None,
        };
        let &[deleted, scaled] = code.as_bytes() else {
            return None;
        };
        Some(ClaimRetention {
            delete_when_deleted: delete(deleted)?,
            delete_when_scaled: delete(scaled)?,
        })
    }

    /// How the timeline names it.
    pub fn label(self) -> String {
        format!(
            "whenDeleted: {}, whenScaled: {}",
            Self::word(self.delete_when_deleted),
            Self::word(self.delete_when_scaled)
        )
    }
}

/// `spec.accessModes` of a PersistentVolumeClaim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessMode {
    /// Mounted read-write by pods on one node at a time.
    ReadWriteOnce,
    /// Mounted read-write by pods on many nodes (e.g. NFS).
    ReadWriteMany,
    /// Mounted read-write by one pod in the whole cluster: the scheduler keeps any other pod
    /// that uses the claim Pending.
    ReadWriteOncePod,
}

impl AccessMode {
    /// The value of `spec.accessModes`.
    pub fn label(self) -> &'static str {
        match self {
            AccessMode::ReadWriteOnce => "ReadWriteOnce",
            AccessMode::ReadWriteMany => "ReadWriteMany",
            AccessMode::ReadWriteOncePod => "ReadWriteOncePod",
        }
    }
}

/// What a client's requests are addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// The Service name. ClusterIP: kube-proxy picks a pod. Headless: DNS returns every ready
    /// pod's record and the client picks one (here: at random).
    Service,
    /// One StatefulSet pod by its DNS name, `adder-<ordinal>.adder.default.svc.cluster.local`.
    Pod(u32),
}

impl Target {
    /// The target's code in links and in the control's values: `s` or the ordinal.
    pub fn code(self) -> String {
        match self {
            Target::Service => "s".to_owned(),
            Target::Pod(ordinal) => ordinal.to_string(),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "s" => Some(Target::Service),
            ordinal => ordinal.parse().ok().map(Target::Pod),
        }
    }
}

/// Latencies of every stage a request or a pod goes through, in virtual milliseconds.
/// Chosen so a request takes about a second: slow enough to watch, fast enough to race.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Latencies {
    pub network_hop_min_ms: u64,
    pub network_hop_max_ms: u64,
    pub compute_ms: u64,
    pub file_read_ms: u64,
    pub file_write_ms: u64,
    pub database_ms: u64,
    /// Scheduling, image pull and container start: Pending until Running.
    pub pod_start_ms: u64,
    /// From Running until the readiness probe first passes.
    pub readiness_ms: u64,
    /// A container restart: the process is gone this long.
    pub container_restart_ms: u64,
    /// `terminationGracePeriodSeconds` (shortened: Kubernetes defaults to 30 s).
    pub termination_grace_ms: u64,
    /// How long after a node fails its pods are evicted. Kubernetes waits about 5 minutes
    /// (node-monitor-grace-period plus the 300 s not-ready toleration); shortened here.
    pub eviction_ms: u64,
}

impl Default for Latencies {
    fn default() -> Self {
        Self {
            network_hop_min_ms: 120,
            network_hop_max_ms: 220,
            compute_ms: 60,
            file_read_ms: 180,
            file_write_ms: 260,
            database_ms: 150,
            pod_start_ms: 1_500,
            readiness_ms: 500,
            container_restart_ms: 1_000,
            termination_grace_ms: 2_000,
            eviction_ms: 5_000,
        }
    }
}

impl Latencies {
    /// The durations this simulation shortens, in the words the fault controls show.
    pub fn shortened_note(&self) -> String {
        format!(
            "Shortened so you can watch: a deleted pod has {} s to finish its requests \
             (terminationGracePeriodSeconds; Kubernetes defaults to 30 s), and the pods of a \
             failed node are evicted after {} s (about 5 minutes in Kubernetes).",
            self.termination_grace_ms.div_ceil(1000),
            self.eviction_ms.div_ceil(1000)
        )
    }
}

/// A learner sending requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSpec {
    pub name: &'static str,
    /// Automatic traffic; 0 is off (requests are then sent by hand).
    pub requests_per_minute: u32,
    pub target: Target,
    /// Automatic traffic sends the converter's request instead of the adder's.
    pub sends_convert: bool,
}

/// Everything a scenario sets up, and what the learner can change afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub scenario: ScenarioId,
    pub program: Program,
    pub workload: WorkloadKind,
    pub store: TotalStore,
    pub replicas: u32,
    pub nodes: u8,
    pub lock_enabled: bool,
    pub proxy_mode: ProxyMode,
    pub session_affinity: bool,
    pub pod_management: PodManagementPolicy,
    /// How a changed template reaches the pods.
    pub update_strategy: UpdateStrategy,
    pub shared_access_mode: AccessMode,
    /// The app's workload's name (`metadata.name`; the program's name in the built-in scenes).
    pub app_name: &'static str,
    /// The value of the `app` label its pods carry and its Service selects.
    pub app_label: &'static str,
    /// The name of the Service in front of it.
    pub service_name: &'static str,
    /// `clusterIP: None`: DNS answers every ready pod and nothing balances (the built-in
    /// StatefulSet scenes); otherwise a ClusterIP that kube-proxy balances.
    pub headless: bool,
    /// The StatefulSet's `serviceName` names that headless Service, so each pod has a DNS name
    /// (`adder-0.adder`): what lets a client address one pod.
    pub pod_dns: bool,
    /// A StatefulSet's `serviceName` (its governing Service).
    pub governing_service: &'static str,
    /// The container image the manifests name (the simulation runs the program, not an image).
    pub image: &'static str,
    /// The claim a Deployment's pods share (`TotalStore::SharedVolume`).
    pub claim: &'static str,
    /// A StatefulSet's `persistentVolumeClaimRetentionPolicy`.
    pub claim_retention: ClaimRetention,
    /// The Service's `publishNotReadyAddresses`: DNS and the endpoints list pods before they
    /// are ready.
    pub publish_not_ready: bool,
    pub latencies: Latencies,
    pub clients: Vec<ClientSpec>,
}

pub const CLIENT_NAMES: [&str; 3] = ["Alice", "Bob", "Carol"];

impl Settings {
    pub fn for_scenario(scenario: ScenarioId) -> Self {
        let clients = |per_minute: u32, converts: bool, targets: [Target; 3]| -> Vec<ClientSpec> {
            CLIENT_NAMES
                .iter()
                .zip(targets)
                .map(|(&name, target)| ClientSpec {
                    name,
                    requests_per_minute: per_minute,
                    target,
                    sends_convert: converts,
                })
                .collect()
        };
        let to_service = [Target::Service; 3];
        let base = Settings {
            scenario,
            program: Program::Adder,
            workload: WorkloadKind::Deployment,
            store: TotalStore::Memory,
            replicas: 3,
            nodes: 3,
            lock_enabled: true,
            proxy_mode: ProxyMode::Random,
            session_affinity: false,
            pod_management: PodManagementPolicy::OrderedReady,
            update_strategy: UpdateStrategy::RollingUpdate { partition: 0 },
            shared_access_mode: AccessMode::ReadWriteMany,
            app_name: "adder",
            app_label: "adder",
            service_name: "adder",
            headless: false,
            pod_dns: false,
            governing_service: "",
            image: "",
            claim: "adder-total",
            claim_retention: ClaimRetention::default(),
            publish_not_ready: false,
            latencies: Latencies::default(),
            clients: clients(20, false, to_service),
        };
        let mut settings = match scenario {
            ScenarioId::OneServer => Settings {
                program: Program::AdderAndConverter,
                replicas: 1,
                nodes: 1,
                clients: clients(0, false, to_service),
                ..base
            },
            ScenarioId::ConverterDeployment => Settings {
                program: Program::Converter,
                store: TotalStore::Nothing,
                clients: clients(20, true, to_service),
                ..base
            },
            ScenarioId::AdderMemory => base,
            ScenarioId::AdderEmptyDir => Settings {
                store: TotalStore::EmptyDir,
                ..base
            },
            ScenarioId::SharedVolumeLock => Settings {
                store: TotalStore::SharedVolume,
                ..base
            },
            ScenarioId::SharedVolumeNoLock => Settings {
                store: TotalStore::SharedVolume,
                lock_enabled: false,
                ..base
            },
            ScenarioId::SharedVolumeRwo => Settings {
                store: TotalStore::SharedVolume,
                shared_access_mode: AccessMode::ReadWriteOnce,
                ..base
            },
            ScenarioId::StatefulSetHeadless => Settings {
                workload: WorkloadKind::StatefulSet,
                store: TotalStore::OwnVolume,
                clients: clients(20, false, [Target::Pod(0), Target::Pod(0), Target::Pod(1)]),
                ..base
            },
            ScenarioId::ThreeTier => Settings {
                store: TotalStore::Database,
                ..base
            },
        };
        settings.app_name = settings.program.name();
        settings.service_name = settings.app_name;
        settings.app_label = settings.app_name;
        settings.headless = settings.workload == WorkloadKind::StatefulSet;
        settings.pod_dns = settings.headless;
        if settings.headless {
            settings.governing_service = settings.service_name;
        }
        settings.image = if settings.program.runs_adder() {
            crate::playground::manifests::IMAGE
        } else {
            crate::playground::manifests::CONVERTER_IMAGE
        };
        settings
    }
}

/// The workload the benchmarks and the memory soak run: 5 adder pods under steady traffic, at a
/// rate each scenario can serve (the lock admits one read-add-write at a time, about 2.2 adds/s
/// in all), so the world is in a steady state and every request sent is answered.
pub fn benchmark_settings(scenario: ScenarioId) -> Settings {
    let mut settings = Settings::for_scenario(scenario);
    settings.replicas = 5;
    let per_minute = match scenario {
        ScenarioId::SharedVolumeLock => 40,
        ScenarioId::StatefulSetHeadless => 30,
        _ => 6_000,
    };
    for client in &mut settings.clients {
        client.requests_per_minute = per_minute;
    }
    settings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_unknown_ones_are_refused() {
        for scenario in ScenarioId::ALL {
            assert_eq!(ScenarioId::parse(scenario.slug()), Ok(scenario));
            assert!(!scenario.watch_for().is_empty());
        }
        assert_eq!(
            ScenarioId::parse("blue-green"),
            Err(UnknownScenario("blue-green".into()))
        );
    }
}
