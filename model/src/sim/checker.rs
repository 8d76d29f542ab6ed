//! An incremental consistency checker for the adder, judging only what clients were told.
//!
//! In the spirit of Jepsen's and Porcupine's checkers, specialised to one counter: every `add(n)`
//! with `n > 0` that returned `total` claims the running total went from `total - n` to `total`.
//! A linearizable history is a chain of such steps. The checker reports, with request ids:
//! - **went down**: a client was told a smaller total than the highest it had been told before
//!   it asked (told 10, then 5, then 7: the 7 went down too);
//! - **stale read**: a request began after another had returned `T`, yet its add started below `T`;
//! - **conflict**: two steps overlap (both added to the same total, or both returned the same one),
//!   which no serial order of the adds explains;
//! - **lost update**: acknowledged adds sum to more than the stored total;
//! - **state lost**: a pod's total was destroyed by a restart or deletion.
//!
//! Sound but not complete: it never flags a linearizable history; gaps in the chain are allowed
//! because a failed request may or may not have been applied. Time and memory per request are
//! bounded: `STEPS_KEPT_MAX` steps per register and `FINDINGS_KEPT_MAX` findings are kept.

use std::collections::{BTreeMap, VecDeque};

use super::command::ClientIndex;
use super::names::Name;

pub type RequestId = u64;

/// Steps remembered per register for conflict checks; the oldest (lowest totals) go first.
pub const STEPS_KEPT_MAX: usize = 4_096;
/// Findings remembered; counts by kind are kept for all of them.
pub const FINDINGS_KEPT_MAX: usize = 256;

/// A running total the clients believe in: the adder behind the Service (one logical total),
/// or one StatefulSet pod addressed by name (each pod its own total, on purpose).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Register {
    Service,
    Pod(u32),
}

impl Register {
    /// A dense index: 0 for the Service, `ordinal + 1` for a pod.
    pub fn index(self) -> usize {
        match self {
            Register::Service => 0,
            Register::Pod(ordinal) => ordinal as usize + 1,
        }
    }

    pub fn describe(self) -> String {
        match self {
            Register::Service => "the adder's total".to_owned(),
            Register::Pod(ordinal) => format!("adder-{ordinal}'s total"),
        }
    }
}

/// One answered add, as the client saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    pub request: RequestId,
    pub client: ClientIndex,
    pub number: u64,
    pub total: u64,
}

/// Where a lost total was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeper {
    Memory,
    EmptyDir,
    /// A file on the pod's own claim, named here.
    Claim(Name),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LossCause {
    ContainerRestart,
    PodDeleted,
    NodeFailed,
    /// A StatefulSet's scale-down removed the pod and, `whenScaled: Delete`, its claim.
    ClaimDeletedOnScaleDown,
    /// The StatefulSet was deleted and, `whenDeleted: Delete`, its claims with it.
    ClaimDeletedWithStatefulSet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    WentDown {
        at_ms: u64,
        register: Register,
        earlier: Answer,
        later: Answer,
    },
    StaleRead {
        at_ms: u64,
        register: Register,
        earlier: Answer,
        later: Answer,
    },
    Conflict {
        at_ms: u64,
        register: Register,
        first: Answer,
        second: Answer,
    },
    LostUpdate {
        at_ms: u64,
        register: Register,
        acknowledged: u64,
        stored: u64,
    },
    StateLost {
        at_ms: u64,
        pod: Name,
        total: u64,
        kept_in: Keeper,
        cause: LossCause,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingKind {
    WentDown,
    StaleRead,
    Conflict,
    LostUpdate,
    StateLost,
}

impl FindingKind {
    const COUNT: usize = 5;
    pub const ALL: [FindingKind; Self::COUNT] = [
        FindingKind::WentDown,
        FindingKind::StaleRead,
        FindingKind::Conflict,
        FindingKind::LostUpdate,
        FindingKind::StateLost,
    ];
}

impl Finding {
    pub fn kind(&self) -> FindingKind {
        match self {
            Finding::WentDown { .. } => FindingKind::WentDown,
            Finding::StaleRead { .. } => FindingKind::StaleRead,
            Finding::Conflict { .. } => FindingKind::Conflict,
            Finding::LostUpdate { .. } => FindingKind::LostUpdate,
            Finding::StateLost { .. } => FindingKind::StateLost,
        }
    }

    pub fn at_ms(&self) -> u64 {
        match *self {
            Finding::WentDown { at_ms, .. }
            | Finding::StaleRead { at_ms, .. }
            | Finding::Conflict { at_ms, .. }
            | Finding::LostUpdate { at_ms, .. }
            | Finding::StateLost { at_ms, .. } => at_ms,
        }
    }

    /// The requests the finding is about, for linking.
    pub fn requests(&self) -> Vec<RequestId> {
        match self {
            Finding::WentDown { earlier, later, .. }
            | Finding::StaleRead { earlier, later, .. } => {
                vec![earlier.request, later.request]
            }
            Finding::Conflict { first, second, .. } => vec![first.request, second.request],
            Finding::LostUpdate { .. } | Finding::StateLost { .. } => Vec::new(),
        }
    }

    /// Plain words, with request ids as `#12`. `client_names[i]` names client `i`.
    pub fn describe(&self, client_names: &[&str]) -> String {
        let who = |client: ClientIndex| client_names.get(client).copied().unwrap_or("a client");
        match *self {
            Finding::WentDown {
                earlier,
                later,
                register,
                ..
            } => format!(
                "{} was told {} (#{}), then {} (#{}): {} went down, though the adder never subtracts.",
                who(later.client),
                earlier.total,
                earlier.request,
                later.total,
                later.request,
                register.describe()
            ),
            Finding::StaleRead { earlier, later, .. } => format!(
                "#{} ({}, add {}) began after #{} had returned {}, yet was told {}: \
                 no serial order of the adds explains that.",
                later.request,
                who(later.client),
                later.number,
                earlier.request,
                earlier.total,
                later.total
            ),
            Finding::Conflict { first, second, .. } => {
                let (first_from, second_from) =
                    (first.total - first.number, second.total - second.number);
                if first_from == second_from {
                    format!(
                        "#{} ({}, add {}) and #{} ({}, add {}) were both added to a total of {}: \
                         one did not see the other.",
                        first.request,
                        who(first.client),
                        first.number,
                        second.request,
                        who(second.client),
                        second.number,
                        first_from
                    )
                } else if first.total == second.total {
                    format!(
                        "#{} ({}) and #{} ({}) were both told {}: a running total cannot reach the same value twice.",
                        first.request,
                        who(first.client),
                        second.request,
                        who(second.client),
                        first.total
                    )
                } else {
                    format!(
                        "#{} took the total from {} to {} and #{} from {} to {}: \
                         no single running total passes through both.",
                        first.request,
                        first_from,
                        first.total,
                        second.request,
                        second_from,
                        second.total
                    )
                }
            }
            Finding::LostUpdate {
                register,
                acknowledged,
                stored,
                ..
            } => format!(
                "Lost update on {}: acknowledged adds sum to {acknowledged}, but the stored total is {stored}, \
                 so acknowledged adds worth {} are missing.",
                register.describe(),
                acknowledged - stored
            ),
            Finding::StateLost {
                pod,
                total,
                kept_in,
                cause,
                ..
            } => {
                let kept_in = match kept_in {
                    Keeper::Memory => "in memory".to_owned(),
                    Keeper::EmptyDir => "in its emptyDir volume".to_owned(),
                    Keeper::Claim(claim) => format!("in a file on its claim {claim}"),
                };
                let how = match cause {
                    LossCause::ContainerRestart => "its container restarted",
                    LossCause::PodDeleted => "it was deleted",
                    LossCause::NodeFailed => "its node failed",
                    LossCause::ClaimDeletedOnScaleDown => {
                        "the StatefulSet scaled down and, with persistentVolumeClaimRetentionPolicy whenScaled: Delete, deleted the claim and its volume with the pod"
                    }
                    LossCause::ClaimDeletedWithStatefulSet => {
                        "the StatefulSet was deleted and, with persistentVolumeClaimRetentionPolicy whenDeleted: Delete, its claims and their volumes with it"
                    }
                };
                format!("{pod} held a total of {total} {kept_in}; {how}, and that total is gone.")
            }
        }
    }
}

/// What an answer is judged against, captured when its request was sent: answers that had
/// already arrived then must come before it in any serial order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Floor {
    /// The largest total any client had been told.
    highest: Option<Answer>,
    /// The highest total this client had been told.
    client_highest: Option<Answer>,
}

#[derive(Debug, Clone, Default)]
struct RegisterState {
    /// Steps keyed by the total they started from: `from -> answer`.
    steps: BTreeMap<u64, Answer>,
    /// The answered add with the largest total so far (for stale reads).
    highest: Option<Answer>,
    /// Initial content plus every acknowledged add, for stores that persist the total.
    acknowledged: u64,
    /// The largest deficit reported, so one loss is reported once.
    deficit_reported: u64,
}

/// The checker's state. See the module comment for what it reports.
#[derive(Debug, Clone, Default)]
pub struct Checker {
    registers: Vec<RegisterState>,
    /// `highest_seen[client][register]`: the highest total the client got from the register.
    highest_seen: Vec<Vec<Option<Answer>>>,
    findings: VecDeque<Finding>,
    counts: [u64; FindingKind::COUNT],
}

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    fn register(&mut self, register: Register) -> &mut RegisterState {
        let index = register.index();
        if self.registers.len() <= index {
            self.registers
                .resize_with(index + 1, RegisterState::default);
        }
        &mut self.registers[index]
    }

    /// Called when a request is sent; returns what its answer will be judged against.
    pub fn invoked(&mut self, register: Register, client: ClientIndex) -> Floor {
        let client_highest = self
            .highest_seen
            .get(client)
            .and_then(|seen| seen.get(register.index()).copied().flatten());
        Floor {
            highest: self.register(register).highest,
            client_highest,
        }
    }

    /// Called when a client receives a total from an add.
    /// `floor` is what `invoked` returned for this request.
    pub fn answered(&mut self, at_ms: u64, register: Register, answer: Answer, floor: Floor) {
        debug_assert!(
            answer.total >= answer.number,
            "a total includes its own add"
        );
        let client = answer.client;
        if self.highest_seen.len() <= client {
            self.highest_seen.resize_with(client + 1, Vec::new);
        }
        let seen = &mut self.highest_seen[client];
        if seen.len() <= register.index() {
            seen.resize(register.index() + 1, None);
        }
        let highest = &mut seen[register.index()];
        if highest.is_none_or(|highest| answer.total > highest.total) {
            *highest = Some(answer);
        }
        let from = answer.total - answer.number;
        if let Some(earlier) = floor
            .client_highest
            .filter(|earlier| answer.total < earlier.total)
        {
            self.report(Finding::WentDown {
                at_ms,
                register,
                earlier,
                later: answer,
            });
        } else if let Some(earlier) = floor.highest.filter(|highest| from < highest.total) {
            self.report(Finding::StaleRead {
                at_ms,
                register,
                earlier,
                later: answer,
            });
        }
        let state = self.register(register);
        if state
            .highest
            .is_none_or(|highest| answer.total > highest.total)
        {
            state.highest = Some(answer);
        }
        if answer.number == 0 {
            return; // add(0) reads the total; it takes no step in the chain.
        }
        let below = state
            .steps
            .range(..=from)
            .next_back()
            .map(|(_, step)| *step);
        let above = state.steps.range(from..).next().map(|(_, step)| *step);
        let conflict = below
            .filter(|step| step.total > from)
            .or(above.filter(|step| step.total - step.number < answer.total));
        match conflict {
            Some(first) => self.report(Finding::Conflict {
                at_ms,
                register,
                first,
                second: answer,
            }),
            None => {
                state.steps.insert(from, answer);
                if state.steps.len() > STEPS_KEPT_MAX {
                    state.steps.pop_first();
                }
            }
        }
    }

    /// Called when an add to a persisted total (file, database) is acknowledged to its client.
    /// `stored` is the total in the store at that moment.
    pub fn acknowledged(&mut self, at_ms: u64, register: Register, number: u64, stored: u64) {
        let state = self.register(register);
        state.acknowledged = state.acknowledged.saturating_add(number);
        let deficit = state.acknowledged.saturating_sub(stored);
        if deficit > state.deficit_reported {
            state.deficit_reported = deficit;
            let acknowledged = state.acknowledged;
            self.report(Finding::LostUpdate {
                at_ms,
                register,
                acknowledged,
                stored,
            });
        }
    }

    pub fn state_lost(
        &mut self,
        at_ms: u64,
        pod: Name,
        total: u64,
        kept_in: Keeper,
        cause: LossCause,
    ) {
        self.report(Finding::StateLost {
            at_ms,
            pod,
            total,
            kept_in,
            cause,
        });
    }

    fn report(&mut self, finding: Finding) {
        self.counts[finding.kind() as usize] += 1;
        if self.findings.len() == FINDINGS_KEPT_MAX {
            self.findings.pop_front();
        }
        self.findings.push_back(finding);
    }

    /// The latest findings, oldest first.
    pub fn findings(&self) -> impl DoubleEndedIterator<Item = &Finding> + ExactSizeIterator {
        self.findings.iter()
    }

    pub fn count(&self, kind: FindingKind) -> u64 {
        self.counts[kind as usize]
    }

    pub fn total_findings(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Sum of acknowledged adds (plus initial content) for a persisted register.
    pub fn acknowledged_total(&self, register: Register) -> Option<u64> {
        self.registers
            .get(register.index())
            .map(|state| state.acknowledged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(request: RequestId, client: ClientIndex, number: u64, total: u64) -> Answer {
        Answer {
            request,
            client,
            number,
            total,
        }
    }

    const R: Register = Register::Service;

    #[test]
    fn a_serial_history_is_clean() {
        let mut checker = Checker::new();
        let mut total = 0;
        for request in 1..=100 {
            let floor = checker.invoked(R, (request % 3) as usize);
            total += request % 7 + 1;
            checker.answered(
                request,
                R,
                answer(request, (request % 3) as usize, request % 7 + 1, total),
                floor,
            );
            checker.acknowledged(request, R, request % 7 + 1, total);
        }
        assert_eq!(
            checker.total_findings(),
            0,
            "{:?}",
            checker.findings().collect::<Vec<_>>()
        );
    }

    #[test]
    fn two_pods_in_memory_conflict_and_a_total_goes_down() {
        let mut checker = Checker::new();
        // Pod A: Alice adds 5 -> 5, 5 -> 10. Pod B: Alice adds 5 -> 5.
        let floor = checker.invoked(R, 0);
        checker.answered(1, R, answer(1, 0, 5, 5), floor);
        let floor = checker.invoked(R, 0);
        checker.answered(2, R, answer(2, 0, 5, 10), floor);
        let floor = checker.invoked(R, 0);
        checker.answered(3, R, answer(3, 0, 5, 5), floor);
        assert_eq!(checker.count(FindingKind::WentDown), 1);
        assert_eq!(checker.count(FindingKind::Conflict), 1);
        let text = checker.findings().next().unwrap().describe(&["Alice"]);
        assert!(
            text.contains("Alice was told 10 (#2), then 5 (#3)"),
            "{text}"
        );
    }

    /// Told 10, then 5, then 7: the 7 is still below the 10 Alice had seen, so it went down too.
    #[test]
    fn went_down_is_judged_against_the_highest_total_the_client_was_told() {
        let mut checker = Checker::new();
        for (request, number, total) in [(1, 10, 10), (2, 5, 5), (3, 2, 7)] {
            let floor = checker.invoked(R, 0);
            checker.answered(request, R, answer(request, 0, number, total), floor);
        }
        let went_down: Vec<String> = checker
            .findings()
            .filter(|finding| finding.kind() == FindingKind::WentDown)
            .map(|finding| finding.describe(&["Alice"]))
            .collect();
        assert_eq!(went_down.len(), 2, "{went_down:?}");
        assert!(
            went_down[1].starts_with("Alice was told 10 (#1), then 7 (#3)"),
            "{went_down:?}"
        );
    }

    #[test]
    fn a_stale_read_across_clients_is_flagged() {
        let mut checker = Checker::new();
        let floor = checker.invoked(R, 0);
        checker.answered(1, R, answer(1, 0, 15, 15), floor);
        // Bob starts after Alice was told 15, and is told 3 (from 0).
        let floor = checker.invoked(R, 1);
        checker.answered(2, R, answer(2, 1, 3, 3), floor);
        assert_eq!(checker.count(FindingKind::StaleRead), 1);
        assert!(
            checker
                .findings()
                .next()
                .unwrap()
                .describe(&["Alice", "Bob"])
                .contains("#2 (Bob, add 3) began after #1")
        );
    }

    #[test]
    fn concurrent_adds_may_be_ordered_either_way() {
        let mut checker = Checker::new();
        let floor_a = checker.invoked(R, 0);
        let floor_b = checker.invoked(R, 1);
        // Both in flight; B applied first (0 -> 3), then A (3 -> 8); A answers first.
        checker.answered(1, R, answer(1, 0, 5, 8), floor_a);
        checker.answered(2, R, answer(2, 1, 3, 3), floor_b);
        assert_eq!(checker.total_findings(), 0);
    }

    #[test]
    fn a_lost_update_is_reported_once_with_its_size() {
        let mut checker = Checker::new();
        let floor_a = checker.invoked(R, 0);
        let floor_b = checker.invoked(R, 1);
        // Both read 0; A writes 5, B writes 3 over it.
        checker.answered(1, R, answer(1, 0, 5, 5), floor_a);
        checker.acknowledged(1, R, 5, 5);
        checker.answered(2, R, answer(2, 1, 3, 3), floor_b);
        checker.acknowledged(2, R, 3, 3);
        checker.acknowledged(3, R, 0, 3);
        assert_eq!(checker.count(FindingKind::Conflict), 1);
        assert_eq!(checker.count(FindingKind::LostUpdate), 1);
        let lost = checker
            .findings()
            .find(|finding| finding.kind() == FindingKind::LostUpdate)
            .unwrap()
            .describe(&[]);
        assert!(
            lost.contains(
                "sum to 8, but the stored total is 3, so acknowledged adds worth 5 are missing"
            ),
            "{lost}"
        );
    }

    #[test]
    fn memory_is_bounded() {
        let mut checker = Checker::new();
        for request in 0..(STEPS_KEPT_MAX as u64 * 3) {
            let floor = checker.invoked(R, 0);
            checker.answered(request, R, answer(request, 0, 1, request + 1), floor);
            // A duplicate answer each time produces a finding every step.
            checker.answered(
                request,
                R,
                answer(request, 1, 1, request + 1),
                Floor::default(),
            );
        }
        assert_eq!(checker.registers[0].steps.len(), STEPS_KEPT_MAX);
        assert_eq!(checker.findings().len(), FINDINGS_KEPT_MAX);
        assert_eq!(
            checker.count(FindingKind::Conflict),
            STEPS_KEPT_MAX as u64 * 3
        );
    }
}
