//! What a learner (or a test, or a shared link) can tell the simulation to do.
//!
//! A command either applies completely or returns a `CommandError` and changes nothing.

use std::fmt;

use super::scenario::{ClaimRetention, PodManagementPolicy, ProxyMode, Target, UpdateStrategy};

/// Index of a client in `Settings::clients` (0 is Alice).
pub type ClientIndex = usize;

/// The largest number one request may add: a sim limit that keeps every total far from `u64::MAX`
/// (10^7 requests of this size are 10^16).
pub const ADD_NUMBER_MAX: u64 = 1_000_000_000;
/// The largest length the converter accepts, in metres.
pub const CONVERT_METRES_MAX: u64 = 1_000_000_000;
/// The longest grace period a delete may ask for here (the API server takes any; a bound keeps
/// the event queue's times small).
pub const GRACE_PERIOD_S_MAX: u32 = 3_600;
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
    /// `curl` from the terminal's debug pod: one request from the `debug` client (added to the
    /// clients the first time), addressed to the Service or to one StatefulSet pod by name.
    Curl {
        target: Target,
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
    /// `kubectl delete pod <name> --grace-period=<s>` (`--force` is 0): the pod is gone after
    /// that many seconds, or at once, without waiting for its node, when forced.
    DeletePodWithGrace {
        name: String,
        grace_period_s: u32,
    },
    /// The container crashes and the kubelet restarts it: memory is lost, volumes stay.
    RestartContainer {
        pod: String,
    },
    FailNode {
        node: String,
    },
    /// `kubectl cordon` (false) and `kubectl uncordon` (true): whether new pods may go there.
    SetSchedulable {
        node: String,
        schedulable: bool,
    },
    /// `kubectl drain`: cordon, then delete (gracefully) every pod on the node, so their
    /// controllers make them again elsewhere.
    Drain {
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
    /// `spec.updateStrategy` (StatefulSet) or `spec.strategy` (Deployment), as applied.
    SetUpdateStrategy(UpdateStrategy),
    /// The Service's `publishNotReadyAddresses`, as applied.
    SetPublishNotReady(bool),
    /// `kubectl delete deployment|statefulset` of the app's workload: its pods terminate; its
    /// claims stay unless `whenDeleted: Delete`.
    DeleteWorkload,
    /// `kubectl delete service` of the app's Service.
    DeleteService,
    /// The deleted workload applied again, with its replicas.
    CreateWorkload {
        replicas: i64,
    },
    /// The deleted Service applied again: headless (`clusterIP: None`) or not.
    CreateService {
        headless: bool,
    },
    /// A StatefulSet's `persistentVolumeClaimRetentionPolicy`, as applied.
    SetClaimRetention(ClaimRetention),
}

impl Command {
    /// `kubectl scale --replicas=<typed>`: the typed text must be a whole number (the range is
    /// checked when the command is applied).
    pub fn scale_to(typed: &str) -> Result<Command, CommandError> {
        let text = typed.trim();
        text.parse()
            .map(|replicas| Command::Scale { replicas })
            .map_err(|_| CommandError::ReplicasNotANumber(text.chars().take(24).collect()))
    }

    /// Automatic traffic at a typed rate for one client (0 turns it off).
    pub fn traffic(client: ClientIndex, typed: &str) -> Result<Command, CommandError> {
        let text = typed.trim();
        text.parse()
            .map(|requests_per_minute| Command::SetTraffic {
                client,
                requests_per_minute,
            })
            .map_err(|_| CommandError::RateNotANumber(text.chars().take(24).collect()))
    }
}

/// A refused command. The simulation is unchanged whenever one is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandError {
    NoSuchClient(ClientIndex),
    NoSuchPod(String),
    NoSuchNode(String),
    NodeAlreadyInState {
        node: String,
        failed: bool,
    },
    ReplicasOutOfRange(i64),
    /// Typed replicas that are not a whole number.
    ReplicasNotANumber(String),
    /// A typed traffic rate that is not a whole number.
    RateNotANumber(String),
    /// A number past what one request may carry (an add's number, or a length to convert).
    NumberOutOfRange {
        kind: RequestKind,
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
    GracePeriodOutOfRange(u32),
}

/// Most automatic requests one client may send per minute.
pub const TRAFFIC_PER_MINUTE_MAX: u32 = 60_000;

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
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
            CommandError::ReplicasNotANumber(text) => write!(
                f,
                "Replicas must be a whole number from 0 to {REPLICAS_MAX}; \u{201c}{text}\u{201d} is not."
            ),
            CommandError::RateNotANumber(text) => write!(
                f,
                "The rate must be a whole number of requests per minute, from 0 to {TRAFFIC_PER_MINUTE_MAX}; \u{201c}{text}\u{201d} is not."
            ),
            CommandError::ReplicasOutOfRange(requested) => write!(
                f,
                "Replicas must be between 0 and {REPLICAS_MAX}; {requested} is not."
            ),
            CommandError::NumberOutOfRange { kind, max } => match kind {
                RequestKind::Add(number) => write!(
                    f,
                    "{number} is too large: one request may add at most {max}."
                ),
                RequestKind::Convert(metres) => write!(
                    f,
                    "{metres} m is too long: the converter takes at most {max} m."
                ),
            },
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
            CommandError::GracePeriodOutOfRange(seconds) => write!(
                f,
                "A grace period of {seconds} s is longer than this lab runs: at most {GRACE_PERIOD_S_MAX} s."
            ),
            CommandError::NoSuchOrdinal(ordinal) => write!(
                f,
                "adder-{ordinal} cannot exist: ordinals run from 0 to {}.",
                REPLICAS_MAX - 1
            ),
        }
    }
}

impl std::error::Error for CommandError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_out_of_range_is_told_in_the_words_of_its_program() {
        let add = CommandError::NumberOutOfRange {
            kind: RequestKind::Add(ADD_NUMBER_MAX + 1),
            max: ADD_NUMBER_MAX,
        };
        assert_eq!(
            add.to_string(),
            "1000000001 is too large: one request may add at most 1000000000."
        );
        let convert = CommandError::NumberOutOfRange {
            kind: RequestKind::Convert(CONVERT_METRES_MAX + 1),
            max: CONVERT_METRES_MAX,
        };
        assert_eq!(
            convert.to_string(),
            "1000000001 m is too long: the converter takes at most 1000000000 m."
        );
    }
}
