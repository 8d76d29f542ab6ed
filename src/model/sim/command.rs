//! What a learner (or a test, or a shared link) can tell the simulation to do.
//!
//! A command either applies completely or returns a `CommandError` and changes nothing.

use std::fmt;

use super::scenario::{PodManagementPolicy, ProxyMode, Target};

/// Index of a client in `Settings::clients` (0 is Alice).
pub type ClientIndex = usize;

/// The largest number one request may add: a sim limit that keeps every total far from `u64::MAX`
/// (10^7 requests of this size are 10^16).
pub const ADD_NUMBER_MAX: u64 = 1_000_000_000;
/// The largest length the converter accepts, in metres.
pub const CONVERT_METRES_MAX: u64 = 1_000_000_000;
/// Most replicas a workload may have.
pub const REPLICAS_MAX: u32 = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// `addAndReturnTotal(number)`
    Add(u64),
    /// `convertMetersToCentimeters(metres)`
    Convert(u64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Send one request now.
    Send {
        client: ClientIndex,
        kind: RequestKind,
    },
    /// Automatic traffic for one client; 0 turns it off.
    SetTraffic {
        client: ClientIndex,
        requests_per_minute: u32,
    },
    /// What the client's requests are addressed to (StatefulSet scenario).
    SetTarget {
        client: ClientIndex,
        target: Target,
    },
    /// `kubectl delete pod <name>`: graceful termination, then the controller acts.
    DeletePod {
        name: String,
    },
    /// The container crashes and the kubelet restarts it: memory is lost, volumes stay.
    RestartContainer {
        pod: String,
    },
    FailNode {
        node: String,
    },
    RecoverNode {
        node: String,
    },
    /// `kubectl scale --replicas=<n>` on the adder workload.
    Scale {
        replicas: i64,
    },
    /// `kubectl rollout restart`: a new pod template revision, rolled out pod by pod.
    RollOut,
    SetLock(bool),
    SetProxyMode(ProxyMode),
    /// `sessionAffinity: ClientIP` on the ClusterIP Service.
    SetSessionAffinity(bool),
    SetPodManagement(PodManagementPolicy),
}

/// A refused command. The simulation is unchanged whenever one is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandError {
    UnknownScenario(String),
    NoSuchClient(ClientIndex),
    NoSuchPod(String),
    NoSuchNode(String),
    NodeAlreadyInState {
        node: String,
        failed: bool,
    },
    ReplicasOutOfRange(i64),
    NumberOutOfRange {
        number: u64,
        max: u64,
    },
    TrafficOutOfRange(u32),
    TooManyRequestsInFlight {
        limit: usize,
    },
    /// The setting means nothing in this scenario (e.g. a lock without a shared file).
    NotInThisScenario(&'static str),
    /// A pod ordinal past the StatefulSet's largest possible ordinal.
    NoSuchOrdinal(u32),
    /// The pod has no running container to restart.
    PodNotRunning(String),
}

/// Most automatic requests one client may send per minute.
pub const TRAFFIC_PER_MINUTE_MAX: u32 = 60_000;

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::UnknownScenario(name) => {
                write!(f, "There is no scenario called \u{201c}{name}\u{201d}.")
            }
            CommandError::NoSuchClient(index) => write!(f, "There is no client number {index}."),
            CommandError::NoSuchPod(name) => write!(
                f,
                "There is no pod called \u{201c}{name}\u{201d} (it may have been replaced already)."
            ),
            CommandError::NoSuchNode(name) => {
                write!(f, "There is no node called \u{201c}{name}\u{201d}.")
            }
            CommandError::NodeAlreadyInState { node, failed } => {
                let state = if *failed { "down" } else { "up" };
                write!(f, "{node} is already {state}.")
            }
            CommandError::ReplicasOutOfRange(requested) => write!(
                f,
                "Replicas must be between 0 and {REPLICAS_MAX}; {requested} is not."
            ),
            CommandError::NumberOutOfRange { number, max } => {
                write!(
                    f,
                    "{number} is too large: one request may add at most {max}."
                )
            }
            CommandError::TrafficOutOfRange(rate) => write!(
                f,
                "{rate} requests a minute is too many; the most is {TRAFFIC_PER_MINUTE_MAX}."
            ),
            CommandError::TooManyRequestsInFlight { limit } => write!(
                f,
                "{limit} requests are already in flight; wait for some to finish."
            ),
            CommandError::NotInThisScenario(what) => write!(f, "{what}"),
            CommandError::PodNotRunning(name) => {
                write!(f, "{name} has no running container to restart right now.")
            }
            CommandError::NoSuchOrdinal(ordinal) => write!(
                f,
                "adder-{ordinal} cannot exist: ordinals run from 0 to {}.",
                REPLICAS_MAX - 1
            ),
        }
    }
}

impl std::error::Error for CommandError {}
