//! A history recorded against a real adder (the load driver's file, `adder-lab-server drive`),
//! judged by the lab's own checker (`sim::checker::Checker`), so a run on a real cluster gets the
//! findings the playground gives, in the same words, with the driver's request ids.
//!
//! The checker is incremental: it learns of a request when it is sent (`invoked`, which fixes
//! what its answer is judged against) and of its answer when it comes back. A recorded history
//! is replayed to it in that order, by the client's clock: every send and every answer, earliest
//! first, and a send before an answer of the same microsecond (the answer might not have arrived
//! yet, so it is not held against the request: the checker stays sound).
//!
//! A store that keeps the total (a file, the database) is read by the driver before and after the
//! load; acknowledged adds beyond what the store holds afterwards are a lost update, as in the
//! lab. A total kept in each process's memory is not checked that way: one process's total says
//! nothing of the others'.

use std::fmt;

use crate::kubectl::logs::log_time;
use crate::sim::FindingKind;
use crate::sim::checker::{Answer, Checker, Register, RequestId};
use crate::sim::scenario::CLIENT_NAMES;

/// One request of a recorded history, as the driver wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    pub id: RequestId,
    /// The client's index in `CLIENT_NAMES` (the driver's clients are the lab's).
    pub client: usize,
    pub number: u64,
    /// Microseconds since the driver started.
    pub sent_us: u64,
    /// What came back: the total, or why none did (`None` while the file has no answer).
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The total returned, at this time (microseconds since the driver started).
    Answered { at_us: u64, total: u64 },
    /// No total: an HTTP error, a refused connection, a timeout. It may or may not have been
    /// added, so the checker neither counts nor holds it.
    Failed { at_us: u64, error: String },
}

/// Where the total was kept, as the server said when asked (`GET /store`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    Memory,
    File,
    Database,
}

impl Store {
    pub fn parse(word: &str) -> Option<Store> {
        match word {
            "memory" => Some(Store::Memory),
            "file" => Some(Store::File),
            "database" => Some(Store::Database),
            _ => None,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Store::Memory => "memory",
            Store::File => "file",
            Store::Database => "database",
        }
    }

    /// Whether every process reads and writes the one total (so the store's total can be
    /// compared with the acknowledged adds).
    pub fn is_shared(self) -> bool {
        !matches!(self, Store::Memory)
    }
}

/// The store's total, read by the driver before or after the load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreReading {
    pub store: Store,
    pub total: u64,
    pub at_us: u64,
}

/// A whole recorded history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub requests: Vec<RecordedRequest>,
    pub before: Option<StoreReading>,
    pub after: Option<StoreReading>,
}

/// A record the checker cannot take as it is: the line is named by its request id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    /// The answer came back before the request was sent.
    AnsweredBeforeSent {
        id: RequestId,
    },
    /// A total that does not hold its own add (`total < number`): not a running total.
    TotalBelowNumber {
        id: RequestId,
        number: u64,
        total: u64,
    },
    UnknownClient {
        id: RequestId,
        client: usize,
    },
    DuplicateId {
        id: RequestId,
    },
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::AnsweredBeforeSent { id } => {
                write!(f, "#{id} was answered before it was sent")
            }
            RecordError::TotalBelowNumber { id, number, total } => write!(
                f,
                "#{id} added {number} but was told a total of {total}, which cannot include its own add"
            ),
            RecordError::UnknownClient { id, client } => write!(
                f,
                "#{id} names client {client}; the clients are {}",
                CLIENT_NAMES.join(", ")
            ),
            RecordError::DuplicateId { id } => write!(f, "#{id} appears twice"),
        }
    }
}

/// What the checker made of a history.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub checker: Checker,
    pub sent: u64,
    pub answered: u64,
    pub failed: u64,
    /// The store's total before, plus every acknowledged add: what it should hold after, when
    /// the store is shared.
    pub expected_after: Option<u64>,
}

impl Verdict {
    pub fn findings_total(&self) -> u64 {
        self.checker.total_findings()
    }

    /// Counts per kind, for the kinds found.
    pub fn by_kind(&self) -> Vec<(FindingKind, u64)> {
        FindingKind::ALL
            .into_iter()
            .map(|kind| (kind, self.checker.count(kind)))
            .filter(|(_, count)| *count > 0)
            .collect()
    }
}

/// Replays `history` to the lab's checker. Records it cannot take are refused, all of them,
/// before anything is judged.
pub fn check(history: &History) -> Result<Verdict, Vec<RecordError>> {
    let problems = problems(history);
    if !problems.is_empty() {
        return Err(problems);
    }
    // (time, answer after send at a tie, index): the order the client saw.
    let mut events: Vec<(u64, bool, usize)> = Vec::with_capacity(history.requests.len() * 2);
    for (index, request) in history.requests.iter().enumerate() {
        events.push((request.sent_us, false, index));
        if let Outcome::Answered { at_us, .. } = request.outcome {
            events.push((at_us, true, index));
        }
    }
    events.sort_unstable();
    let register = Register::Service;
    let shared = history
        .after
        .filter(|reading| reading.store.is_shared())
        .is_some();
    let mut checker = Checker::new();
    let before = history.before.map_or(0, |reading| reading.total);
    if shared {
        // What the store held before counts as acknowledged: the store must keep it.
        checker.acknowledged(0, register, before, u64::MAX);
    }
    let mut floors = vec![None; history.requests.len()];
    let mut answered = 0;
    for (at_us, is_answer, index) in events {
        let request = &history.requests[index];
        if !is_answer {
            floors[index] = Some(checker.invoked(register, request.client));
            continue;
        }
        let Outcome::Answered { total, .. } = request.outcome else {
            continue;
        };
        let at_ms = at_us / 1000;
        let answer = Answer {
            request: request.id,
            client: request.client,
            number: request.number,
            total,
        };
        let floor = floors[index].expect("a request is sent before it is answered");
        checker.answered(at_ms, register, answer, floor);
        if shared {
            checker.acknowledged(at_ms, register, request.number, u64::MAX);
        }
        answered += 1;
    }
    // The store read after the load, against what it was before plus every acknowledged add
    // (the checker's own sum).
    let expected_after = match history.after {
        Some(after) if shared => {
            checker.acknowledged(after.at_us / 1000, register, 0, after.total);
            checker.acknowledged_total(register)
        }
        _ => None,
    };
    let sent = history.requests.len() as u64;
    Ok(Verdict {
        checker,
        sent,
        answered,
        failed: sent - answered,
        expected_after,
    })
}

fn problems(history: &History) -> Vec<RecordError> {
    let mut problems = Vec::new();
    let mut ids: Vec<RequestId> = history.requests.iter().map(|request| request.id).collect();
    ids.sort_unstable();
    for pair in ids.windows(2) {
        if pair[0] == pair[1] {
            problems.push(RecordError::DuplicateId { id: pair[0] });
        }
    }
    problems.dedup();
    for request in &history.requests {
        let id = request.id;
        if request.client >= CLIENT_NAMES.len() {
            problems.push(RecordError::UnknownClient {
                id,
                client: request.client,
            });
        }
        let answered_us = match &request.outcome {
            Outcome::Answered { at_us, total } => {
                if *total < request.number {
                    problems.push(RecordError::TotalBelowNumber {
                        id,
                        number: request.number,
                        total: *total,
                    });
                }
                *at_us
            }
            Outcome::Failed { at_us, .. } => *at_us,
        };
        if answered_us < request.sent_us {
            problems.push(RecordError::AnsweredBeforeSent { id });
        }
    }
    problems
}

/// The findings in the lab's words (`Finding::describe`), oldest first, each with its time.
pub fn describe_findings(verdict: &Verdict) -> Vec<String> {
    verdict
        .checker
        .findings()
        .map(|finding| {
            let at_ms = finding.at_ms();
            format!(
                "{} {}: {}",
                log_time(at_ms),
                crate::playground::report::finding_label(finding.kind()),
                finding.describe(&CLIENT_NAMES)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(
        id: u64,
        client: usize,
        number: u64,
        sent: u64,
        at: u64,
        total: u64,
    ) -> RecordedRequest {
        RecordedRequest {
            id,
            client,
            number,
            sent_us: sent,
            outcome: Outcome::Answered { at_us: at, total },
        }
    }

    fn reading(store: Store, total: u64, at_us: u64) -> Option<StoreReading> {
        Some(StoreReading {
            store,
            total,
            at_us,
        })
    }

    #[test]
    fn a_serial_history_has_no_finding_and_the_store_holds_every_acknowledged_add() {
        let history = History {
            requests: vec![
                answered(1, 0, 5, 0, 1_000, 15),
                answered(2, 1, 3, 2_000, 3_000, 18),
                // Overlapping answers in either order are fine.
                answered(3, 2, 2, 4_000, 9_000, 22),
                answered(4, 0, 2, 5_000, 8_000, 20),
            ],
            before: reading(Store::File, 10, 0),
            after: reading(Store::File, 22, 10_000),
        };
        let verdict = check(&history).unwrap();
        assert_eq!(
            verdict.findings_total(),
            0,
            "{:?}",
            describe_findings(&verdict)
        );
        assert_eq!((verdict.sent, verdict.answered, verdict.failed), (4, 4, 0));
        assert_eq!(verdict.expected_after, Some(22));
    }

    #[test]
    fn totals_kept_in_each_process_conflict_and_go_down_in_the_labs_words() {
        // Two processes behind a round-robin balancer, each with its own total.
        let history = History {
            requests: vec![
                answered(1, 0, 5, 0, 1_000, 5),
                answered(2, 0, 3, 2_000, 3_000, 3),
                answered(3, 1, 4, 4_000, 5_000, 9),
            ],
            before: reading(Store::Memory, 0, 0),
            after: reading(Store::Memory, 9, 6_000),
        };
        let verdict = check(&history).unwrap();
        let words = describe_findings(&verdict);
        assert!(
            words.iter().any(|line| line.contains(
                "went down: Alice was told 5 (#1), then 3 (#2): the adder's total went down"
            )),
            "{words:?}"
        );
        assert_eq!(
            verdict.expected_after, None,
            "memory is not one shared total"
        );
        assert_eq!(verdict.checker.count(FindingKind::LostUpdate), 0);
    }

    #[test]
    fn acknowledged_adds_the_file_does_not_hold_are_a_lost_update() {
        // Without the lock two read-add-writes overlapped: both read 0.
        let history = History {
            requests: vec![
                answered(1, 0, 5, 0, 3_000, 5),
                answered(2, 1, 4, 1_000, 4_000, 4),
            ],
            before: reading(Store::File, 0, 0),
            after: reading(Store::File, 4, 5_000),
        };
        let verdict = check(&history).unwrap();
        assert_eq!(verdict.checker.count(FindingKind::Conflict), 1);
        assert_eq!(verdict.checker.count(FindingKind::LostUpdate), 1);
        let words = describe_findings(&verdict).join("\n");
        assert!(
            words.contains("acknowledged adds sum to 9, but the stored total is 4"),
            "{words}"
        );
    }

    #[test]
    fn a_failed_request_may_or_may_not_have_been_added() {
        let failed = RecordedRequest {
            id: 2,
            client: 1,
            number: 7,
            sent_us: 2_000,
            outcome: Outcome::Failed {
                at_us: 2_500,
                error: "502 Bad Gateway".to_owned(),
            },
        };
        for after in [5, 12] {
            let history = History {
                requests: vec![answered(1, 0, 5, 0, 1_000, 5), failed.clone()],
                before: reading(Store::File, 0, 0),
                after: reading(Store::File, after, 3_000),
            };
            let verdict = check(&history).unwrap();
            assert_eq!(verdict.findings_total(), 0, "after {after}");
            assert_eq!((verdict.answered, verdict.failed), (1, 1));
        }
    }

    #[test]
    fn a_send_and_an_answer_in_the_same_microsecond_are_not_held_against_each_other() {
        // #2 was sent as #1's answer arrived: it may have started before, on the same total.
        let history = History {
            requests: vec![
                answered(1, 0, 5, 0, 1_000, 5),
                answered(2, 1, 3, 1_000, 2_000, 3),
            ],
            ..History::default()
        };
        let verdict = check(&history).unwrap();
        assert_eq!(verdict.checker.count(FindingKind::StaleRead), 0);
        assert_eq!(verdict.checker.count(FindingKind::Conflict), 1);
    }

    #[test]
    fn records_that_cannot_be_a_history_are_refused_with_their_ids() {
        let history = History {
            requests: vec![
                answered(1, 0, 5, 2_000, 1_000, 5),
                answered(2, 0, 9, 3_000, 4_000, 3),
                answered(2, 7, 1, 5_000, 6_000, 20),
            ],
            ..History::default()
        };
        let problems: Vec<String> = check(&history)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            problems,
            [
                "#2 appears twice",
                "#1 was answered before it was sent",
                "#2 added 9 but was told a total of 3, which cannot include its own add",
                "#2 names client 7; the clients are Alice, Bob, Carol",
            ]
        );
    }
}
