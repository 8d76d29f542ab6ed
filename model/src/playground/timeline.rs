//! The time machine's memory: copies of the world along the current branch of a run
//! (checkpoints), so any earlier moment is rebuilt by replaying from the nearest one instead of
//! from the start, and the marks the timeline shows (the learner's actions, the checker's findings).
//!
//! A run is deterministic, so a checkpoint is only a cache: dropping any of them changes how long
//! a seek takes, never what it shows.

use crate::sim::checker::{Finding, RequestId};
use crate::sim::{Command, RequestKind, Target, World};

/// A checkpoint is taken once this many events have run since the last one. Events, not virtual
/// time, because replaying costs per event: a busy run gets checkpoints often, an idle one rarely.
/// Chosen from `examples/seek.rs` and `make bench-seek` (see ARCHITECTURE.md).
pub const CHECKPOINT_EVERY_EVENTS: u64 = 8_192;
/// Checkpoints kept at most. When full, every second one is dropped and the spacing doubles, so
/// memory stays bounded on a run of any length and seeks grow slower only slowly.
pub const CHECKPOINTS_MAX: usize = 48;
/// Findings marked on the timeline: the first ones of the branch (the first is the lesson).
pub const FINDING_MARKS_MAX: usize = 256;
/// How far `Playground::advance_to` runs between looks at the timeline in new territory, so a
/// long jump (a lesson skipping to its answer) still leaves checkpoints behind it.
pub const REACH_CHUNK_MS: u64 = 1_000;

/// The world at some moment of the branch, and how many of the link's actions it had applied.
#[derive(Debug, Clone)]
pub(super) struct Checkpoint {
    pub world: World,
    pub next_action: usize,
}

/// A finding on the timeline: when, what, which requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FindingMark {
    /// 1 for the branch's first finding, and so on.
    pub number: u64,
    pub finding: Finding,
}

impl FindingMark {
    pub fn at_ms(&self) -> u64 {
        self.finding.at_ms()
    }

    pub fn requests(&self) -> Vec<RequestId> {
        self.finding.requests()
    }
}

#[derive(Debug, Clone)]
pub(super) struct Timeline {
    /// Ordered by events processed (and so by time); the first is the world at 0 ms.
    checkpoints: Vec<Checkpoint>,
    every_events: u64,
    /// The furthest the branch has run: its end, in virtual time and in events.
    end_ms: u64,
    end_events: u64,
    findings: Vec<FindingMark>,
    /// Findings the branch had produced by its end (marked or past `FINDING_MARKS_MAX`).
    findings_seen: u64,
}

impl Timeline {
    /// A branch starting at `start`, with a checkpoint every `every_events` events (doubling as
    /// the branch grows past `CHECKPOINTS_MAX` of them).
    pub fn new(start: &World, every_events: u64) -> Self {
        Timeline {
            checkpoints: vec![Checkpoint {
                world: start.clone(),
                next_action: 0,
            }],
            every_events: every_events.max(1),
            end_ms: start.now_ms(),
            end_events: start.stats().events_processed,
            findings: Vec::new(),
            findings_seen: 0,
        }
    }

    pub fn end_ms(&self) -> u64 {
        self.end_ms
    }

    pub fn end_events(&self) -> u64 {
        self.end_events
    }

    pub fn findings(&self) -> &[FindingMark] {
        &self.findings
    }

    pub fn findings_seen(&self) -> u64 {
        self.findings_seen
    }

    pub fn checkpoints(&self) -> usize {
        self.checkpoints.len()
    }

    pub fn every_events(&self) -> u64 {
        self.every_events
    }

    /// True when `world` is at or past the branch's end: what it does now is new.
    pub fn at_end(&self, world: &World) -> bool {
        world.stats().events_processed >= self.end_events && world.now_ms() >= self.end_ms
    }

    /// Notes that the branch has run to `world` (call after every advance): extends the end,
    /// marks new findings, and takes a checkpoint when one is due.
    pub fn reached(&mut self, world: &World, next_action: usize) {
        let events = world.stats().events_processed;
        if events < self.end_events || (events == self.end_events && world.now_ms() <= self.end_ms)
        {
            return; // replaying the past: nothing new
        }
        self.end_events = events;
        self.end_ms = world.now_ms();
        let total = world.checker().total_findings();
        if total > self.findings_seen {
            let new = usize::try_from(total - self.findings_seen).unwrap_or(usize::MAX);
            let kept = world.checker().findings().len();
            // Findings past what the checker keeps were never seen by the timeline (a jump of
            // hundreds at once): they are counted, not marked.
            let skipped = new.saturating_sub(kept);
            let first_number = self.findings_seen + skipped as u64 + 1;
            for (offset, finding) in world
                .checker()
                .findings()
                .skip(kept - new.min(kept))
                .enumerate()
            {
                if self.findings.len() == FINDING_MARKS_MAX {
                    break;
                }
                self.findings.push(FindingMark {
                    number: first_number + offset as u64,
                    finding: *finding,
                });
            }
            self.findings_seen = total;
        }
        let last = &self.checkpoints[self.checkpoints.len() - 1];
        if events >= last.world.stats().events_processed + self.every_events {
            self.checkpoints.push(Checkpoint {
                world: world.clone(),
                next_action,
            });
            if self.checkpoints.len() > CHECKPOINTS_MAX {
                self.thin();
            }
        }
        debug_assert!(self.checkpoints.len() <= CHECKPOINTS_MAX);
        debug_assert!(self.findings.len() <= FINDING_MARKS_MAX);
    }

    /// Drops every second checkpoint (keeping the start) and doubles the spacing.
    fn thin(&mut self) {
        let mut index = 0;
        self.checkpoints.retain(|_| {
            index += 1;
            index % 2 == 1
        });
        self.every_events *= 2;
    }

    /// The latest checkpoint `accept` allows (they are in order, so the accepted ones are a
    /// prefix); the start always exists.
    pub fn latest(&self, accept: impl Fn(&World) -> bool) -> &Checkpoint {
        let after = self
            .checkpoints
            .partition_point(|checkpoint| accept(&checkpoint.world));
        &self.checkpoints[after.saturating_sub(1)]
    }

    /// The branch is cut at `world` (the learner acted there): what came after it is forgotten.
    pub fn fork(&mut self, world: &World, next_action: usize) {
        let events = world.stats().events_processed;
        self.checkpoints.retain(|checkpoint| {
            checkpoint.world.stats().events_processed <= events
                && checkpoint.next_action <= next_action
        });
        let findings = world.checker().total_findings();
        self.findings.retain(|mark| mark.number <= findings);
        self.findings_seen = findings;
        self.end_events = events;
        self.end_ms = world.now_ms();
    }
}

/// An action as the timeline labels it, in a few words.
pub fn describe_action(command: &Command, client_names: &[&str]) -> String {
    let who = |client: usize| client_names.get(client).copied().unwrap_or("a client");
    match command {
        Command::Send { client, kind } => match kind {
            RequestKind::Add(number) => format!("{} sends add {number}", who(*client)),
            RequestKind::Convert(metres) => format!("{} sends convert {metres} m", who(*client)),
        },
        Command::Curl { target, kind } => {
            let to = match target {
                Target::Service => "the Service".to_owned(),
                Target::Pod(ordinal) => format!("adder-{ordinal}"),
            };
            match kind {
                RequestKind::Add(number) => format!("curl: debug sends add {number} to {to}"),
                RequestKind::Convert(metres) => {
                    format!("curl: debug sends convert {metres} m to {to}")
                }
            }
        }
        Command::SetTraffic {
            client,
            requests_per_minute,
        } => format!(
            "{}\u{2019}s traffic: {requests_per_minute} requests/min",
            who(*client)
        ),
        Command::SetTarget { client, target } => match target {
            Target::Service => format!("{} sends to the Service", who(*client)),
            Target::Pod(ordinal) => format!("{} sends to adder-{ordinal}", who(*client)),
        },
        Command::DeletePod { name } => format!("pod {name} deleted"),
        Command::DeletePodWithGrace {
            name,
            grace_period_s: 0,
        } => format!("pod {name} force deleted"),
        Command::DeletePodWithGrace {
            name,
            grace_period_s,
        } => format!("pod {name} deleted (grace {grace_period_s} s)"),
        Command::RestartContainer { pod } => format!("{pod}\u{2019}s container restarted"),
        Command::FailNode { node } => format!("{node} failed"),
        Command::SetSchedulable {
            node,
            schedulable: false,
        } => format!("{node} cordoned"),
        Command::SetSchedulable {
            node,
            schedulable: true,
        } => format!("{node} uncordoned"),
        Command::Drain { node } => format!("{node} drained"),
        Command::RecoverNode { node } => format!("{node} recovered"),
        Command::Scale { replicas } => format!("scaled to {replicas}"),
        Command::RollOut => "rollout restart".to_owned(),
        Command::SetLock(on) => format!("lock turned {}", on_off(*on)),
        Command::SetProxyMode(mode) => format!("proxy mode: {}", mode.label()),
        Command::SetSessionAffinity(on) => format!("session affinity turned {}", on_off(*on)),
        Command::SetPodManagement(policy) => format!("podManagementPolicy: {}", policy.label()),
        Command::SetUpdateStrategy(strategy) => format!("update strategy: {}", strategy.label()),
        Command::DeleteWorkload => "workload deleted".to_owned(),
        Command::DeleteService => "Service deleted".to_owned(),
        Command::CreateWorkload { replicas } => format!("workload created ({replicas} replicas)"),
        Command::CreateService { headless: true } => "Service created (headless)".to_owned(),
        Command::CreateService { headless: false } => "Service created (ClusterIP)".to_owned(),
        Command::SetPublishNotReady(on) => {
            format!("publishNotReadyAddresses turned {}", on_off(*on))
        }
        Command::SetClaimRetention(retention) => {
            format!("claim retention policy: {}", retention.label())
        }
    }
}

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}
