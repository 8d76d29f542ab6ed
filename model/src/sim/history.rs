//! A bounded log of what happened in the cluster, in plain words on demand.

use std::collections::VecDeque;
use std::fmt;

use super::names::Name;

/// Log entries kept; older ones are dropped first.
pub const HISTORY_KEPT_MAX: usize = 512;

/// Why an OrderedReady scale-down waits (the two blocking cases of kubernetes'
/// `processCondemned`, after the pods the set keeps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleDownWait {
    /// A pod the StatefulSet keeps (ordinal < replicas) is missing or not Running and Ready.
    KeptNotReady,
    /// The pod to remove is not Running and Ready, and neither is a lower condemned pod: the
    /// lowest unready one goes first.
    LowerUnreadyFirst,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogEvent {
    PodCreated {
        pod: Name,
        node: Name,
    },
    /// A pod cannot start: its ReadWriteOnce volume is in use on another node.
    PodWaiting {
        pod: Name,
        volume: Name,
        used_by: Name,
        node: Name,
    },
    /// `kubectl delete` of the app's workload or Service (`deployment.apps`, `service`).
    ObjectDeleted {
        resource: &'static str,
        name: &'static str,
    },
    /// The deleted object applied again.
    ObjectCreated {
        resource: &'static str,
        name: &'static str,
    },
    /// A claim deleted with its volume: `whenScaled: Delete` on a StatefulSet's scale-down.
    ClaimDeleted {
        claim: Name,
        volume: Name,
        /// The retention policy's field that deleted it: `whenScaled: Delete`.
        policy: &'static str,
    },
    /// A pod the scheduler refused earlier is placed (its ReadWriteOncePod claim is free).
    PodScheduled {
        pod: Name,
        node: Name,
    },
    /// A pod the scheduler cannot place: its ReadWriteOncePod claim is in use by `used_by`.
    PodUnschedulable {
        pod: Name,
        claim: Name,
        used_by: Name,
        nodes: u8,
    },
    /// OrderedReady: `pod` is to be removed, but `waiting_for`, a lower ordinal, is not Running
    /// and Ready.
    ScaleDownWaiting {
        pod: Name,
        waiting_for: Name,
        because: ScaleDownWait,
    },
    PodRunning {
        pod: Name,
    },
    PodReady {
        pod: Name,
    },
    PodTerminating {
        pod: Name,
    },
    PodDeleted {
        pod: Name,
    },
    PodUnknown {
        pod: Name,
    },
    ContainerRestarted {
        pod: Name,
        restarts: u32,
    },
    VolumeProvisioned {
        claim: Name,
        volume: Name,
    },
    VolumeReattached {
        claim: Name,
        pod: Name,
        total: u64,
    },
    NodeFailed {
        node: Name,
    },
    NodeRecovered {
        node: Name,
    },
    /// Cordoned (`unschedulable`) or uncordoned.
    Schedulable {
        node: Name,
        schedulable: bool,
    },
    Scaled {
        workload: &'static str,
        replicas: u32,
    },
    RolloutStarted {
        workload: &'static str,
        revision: u32,
    },
    Setting {
        what: &'static str,
        on: bool,
    },
}

impl fmt::Display for LogEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LogEvent::PodCreated { pod, node } => write!(f, "{pod} created on {node} (Pending)"),
            LogEvent::PodWaiting {
                pod,
                volume,
                used_by,
                node,
            } => write!(
                f,
                "{pod} stays ContainerCreating: Multi-Attach error for volume {volume}, a ReadWriteOnce volume already used by {used_by} on {node}"
            ),
            LogEvent::ObjectDeleted { resource, name } => write!(f, "{resource}/{name} deleted"),
            LogEvent::ObjectCreated { resource, name } => write!(f, "{resource}/{name} created"),
            LogEvent::ClaimDeleted {
                claim,
                volume,
                policy,
            } => write!(
                f,
                "{claim} deleted with its volume {volume} ({policy}): the file on it is gone"
            ),
            LogEvent::PodScheduled { pod, node } => {
                write!(
                    f,
                    "{pod} scheduled on {node}: its ReadWriteOncePod claim is free"
                )
            }
            LogEvent::PodUnschedulable {
                pod,
                claim,
                used_by,
                ..
            } => write!(
                f,
                "{pod} stays Pending: its claim {claim} is ReadWriteOncePod and {used_by} uses it"
            ),
            LogEvent::ScaleDownWaiting {
                pod,
                waiting_for,
                because: ScaleDownWait::KeptNotReady,
            } => write!(
                f,
                "{pod} stays for now: OrderedReady removes a pod only while every pod the StatefulSet keeps is Running and Ready, and {waiting_for} is not"
            ),
            LogEvent::ScaleDownWaiting {
                pod,
                waiting_for,
                because: ScaleDownWait::LowerUnreadyFirst,
            } => write!(
                f,
                "{pod} stays for now: it is not Running and Ready, and OrderedReady removes such a pod only when no lower one is unready too; {waiting_for} is not Running and Ready"
            ),
            LogEvent::PodRunning { pod } => write!(f, "{pod} is Running"),
            LogEvent::PodReady { pod } => write!(f, "{pod} is Ready and receives traffic"),
            LogEvent::PodTerminating { pod } => {
                write!(
                    f,
                    "{pod} is Terminating: out of the endpoints, finishing its requests"
                )
            }
            LogEvent::PodDeleted { pod } => write!(f, "{pod} is gone"),
            LogEvent::PodUnknown { pod } => {
                write!(f, "{pod} is Unknown: its node stopped reporting")
            }
            LogEvent::ContainerRestarted { pod, restarts } => {
                write!(
                    f,
                    "{pod}'s container restarted (restarts: {restarts}); memory is empty"
                )
            }
            LogEvent::VolumeProvisioned { claim, volume } => {
                write!(
                    f,
                    "PersistentVolumeClaim {claim} bound to new PersistentVolume {volume}"
                )
            }
            LogEvent::VolumeReattached { claim, pod, total } => {
                write!(f, "{pod} mounted its old claim {claim} (total {total})")
            }
            LogEvent::NodeFailed { node } => write!(f, "{node} failed"),
            LogEvent::NodeRecovered { node } => write!(f, "{node} is back"),
            LogEvent::Schedulable {
                node,
                schedulable: false,
            } => write!(f, "{node} cordoned: no new pods go there"),
            LogEvent::Schedulable {
                node,
                schedulable: true,
            } => write!(f, "{node} uncordoned: new pods may go there again"),
            LogEvent::Scaled { workload, replicas } => {
                write!(f, "{workload} scaled to {replicas} replicas")
            }
            LogEvent::RolloutStarted { workload, revision } => {
                write!(
                    f,
                    "{workload}: rollout of template revision {revision} started"
                )
            }
            LogEvent::Setting { what, on } => {
                write!(f, "{what} turned {}", if *on { "on" } else { "off" })
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogEntry {
    pub at_ms: u64,
    pub event: LogEvent,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    entries: VecDeque<LogEntry>,
    recorded: u64,
}

impl History {
    pub fn record(&mut self, at_ms: u64, event: LogEvent) {
        if self.entries.len() == HISTORY_KEPT_MAX {
            self.entries.pop_front();
        }
        self.entries.push_back(LogEntry { at_ms, event });
        self.recorded += 1;
    }

    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &LogEntry> + ExactSizeIterator {
        self.entries.iter()
    }

    /// Every entry ever recorded, including dropped ones.
    pub fn recorded(&self) -> u64 {
        self.recorded
    }
}
