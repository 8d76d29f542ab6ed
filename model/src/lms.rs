//! What a course package tells the LMS (SCORM 1.2 and SCORM 2004 4th edition), and when: the
//! package's launch page (`scorm/launch.html`) frames the lesson track, hears each step's
//! `adder-lab:lesson-completed` (the embed protocol, `model::embed`) and calls the LMS's API with
//! exactly the `Call`s made here. The page decides nothing; this is tested natively.
//!
//! - On launch: the attempt is incomplete (unless already completed), and the frame opens where
//!   the learner left off (`cmi.location` / `cmi.core.lesson_location`, the steps revealed in
//!   `cmi.suspend_data`).
//! - On each reveal: an interaction (the step's id, type choice, the learner's prediction and the
//!   run's answer as identifiers made of the choices' words, correct or not, the time), the
//!   progress (2004: `cmi.progress_measure`), where to resume, and completion once every step of
//!   the track and the compare page's closing step has been revealed; a score only when the author
//!   asked for one (predictions are for learning, not grading); then a commit.
//! - On leaving: the session time and how the attempt was left (suspended unless complete).

use std::fmt::Write as _;

use crate::compare::lesson::COMPARE_ALL;
use crate::lessons::LESSONS;

/// The SCORM edition the LMS speaks (which API the launch page found).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// `window.API`: `LMSInitialize`, `cmi.core.*`.
    Scorm12,
    /// `window.API_1484_11`: `Initialize`, `cmi.*`.
    Scorm2004,
}

/// One call on the LMS's API, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    Set(String, String),
    Commit,
}

/// How many steps a learner reveals: the track's, and the compare page's closing one.
pub const STEPS: usize = LESSONS.len() + 1;

/// The step ids, in the order the learner meets them.
pub fn step_ids() -> impl Iterator<Item = &'static str> {
    LESSONS
        .iter()
        .map(|lesson| lesson.id)
        .chain([COMPARE_ALL.id])
}

/// The longest identifier SCORM 2004 takes for a response (`short_identifier_type`).
const IDENTIFIER_CHARS_MAX: usize = 250;

/// An identifier made of a choice's words: `No: she picks` → `no-she-picks` (SCORM's choice
/// responses are identifiers, without spaces).
pub fn response_identifier(words: &str) -> String {
    let mut identifier = String::new();
    for word in words.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !identifier.is_empty() {
            identifier.push('-');
        }
        identifier.push_str(&word.to_ascii_lowercase());
    }
    identifier.truncate(IDENTIFIER_CHARS_MAX);
    if identifier.is_empty() {
        identifier.push_str("no-answer");
    }
    identifier
}

/// What the reporter remembers of an attempt (kept in the LMS's `suspend_data`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reporter {
    version: Version,
    scored: bool,
    /// Which steps (by index in `step_ids`) have been revealed, and whether the prediction agreed.
    revealed: [Option<bool>; STEPS],
    /// Interactions recorded so far in this attempt (the next one's index).
    interactions: u32,
}

impl Reporter {
    /// A reporter for an attempt the LMS may have seen before: `suspend_data` as this module wrote
    /// it (anything else is ignored: the attempt starts over), `interactions` the LMS's
    /// `cmi.interactions._count`.
    pub fn resume(
        version: Version,
        scored: bool,
        suspend_data: &str,
        interactions: u32,
    ) -> Reporter {
        let mut revealed = [None; STEPS];
        for entry in suspend_data.split('.') {
            let (id, agreed) = match entry.split_once(':') {
                Some((id, "1")) => (id, true),
                Some((id, "0")) => (id, false),
                _ => continue,
            };
            if let Some(index) = step_ids().position(|step| step == id) {
                revealed[index] = Some(agreed);
            }
        }
        Reporter {
            version,
            scored,
            revealed,
            interactions,
        }
    }

    pub fn is_complete(&self) -> bool {
        self.revealed.iter().all(Option::is_some)
    }

    fn revealed_count(&self) -> usize {
        self.revealed.iter().flatten().count()
    }

    /// The first step not yet revealed (the last step once all are): where a relaunch opens.
    pub fn location(&self) -> &'static str {
        let next = self
            .revealed
            .iter()
            .position(Option::is_none)
            .unwrap_or(STEPS - 1);
        step_ids().nth(next).unwrap_or(COMPARE_ALL.id)
    }

    /// The page and query the launch page opens the app with: the step to resume at and the track's steps
    /// already done (the app's own `lesson=…&done=…`), or the compare page's closing step.
    pub fn launch_query(&self) -> String {
        let location = self.location();
        // Files by name, not folders: an LMS's file server may not serve a folder's index.html.
        if location == COMPARE_ALL.id {
            return format!("compare/index.html?{}&lesson={location}", COMPARE_ALL.scene);
        }
        let done: Vec<&str> = step_ids()
            .zip(self.revealed)
            .filter(|(id, revealed)| revealed.is_some() && *id != COMPARE_ALL.id)
            .map(|(id, _)| id)
            .collect();
        let mut query = format!("index.html?lesson={location}");
        if !done.is_empty() {
            let _ = write!(query, "&done={}", done.join("."));
        }
        query
    }

    fn suspend_data(&self) -> String {
        step_ids()
            .zip(self.revealed)
            .filter_map(|(id, agreed)| Some(format!("{id}:{}", u8::from(agreed?))))
            .collect::<Vec<_>>()
            .join(".")
    }

    fn set(calls: &mut Vec<Call>, element: &str, value: impl Into<String>) {
        calls.push(Call::Set(element.to_owned(), value.into()));
    }

    /// The calls after `Initialize`: the attempt is under way.
    pub fn started(&self) -> Vec<Call> {
        let mut calls = Vec::new();
        if !self.is_complete() {
            match self.version {
                Version::Scorm12 => Self::set(&mut calls, "cmi.core.lesson_status", "incomplete"),
                Version::Scorm2004 => Self::set(&mut calls, "cmi.completion_status", "incomplete"),
            }
        }
        self.progress(&mut calls);
        calls.push(Call::Commit);
        calls
    }

    /// The calls for a step revealed (`adder-lab:lesson-completed`): `now` is the time as
    /// `Date.toISOString()` gives it. An id that is no step of the lab records nothing.
    pub fn revealed(&mut self, id: &str, predicted: &str, observed: &str, now: &str) -> Vec<Call> {
        let Some(index) = step_ids().position(|step| step == id) else {
            return Vec::new();
        };
        let agreed = predicted == observed;
        self.revealed[index] = Some(agreed);
        let mut calls = Vec::new();
        let n = self.interactions;
        self.interactions += 1;
        let field = |name: &str| format!("cmi.interactions.{n}.{name}");
        Self::set(&mut calls, &field("id"), id);
        Self::set(&mut calls, &field("type"), "choice");
        let (response, correct) = (
            response_identifier(predicted),
            response_identifier(observed),
        );
        let clock = now
            .get(11..19)
            .filter(|time| is_clock(time))
            .unwrap_or("00:00:00");
        let date = now.get(..10).unwrap_or("1970-01-01");
        match self.version {
            Version::Scorm12 => {
                Self::set(&mut calls, &field("time"), clock);
                Self::set(&mut calls, &field("student_response"), response);
                Self::set(&mut calls, &field("correct_responses.0.pattern"), correct);
                Self::set(
                    &mut calls,
                    &field("result"),
                    if agreed { "correct" } else { "wrong" },
                );
            }
            Version::Scorm2004 => {
                // SCORM 2004's time takes a zone only after a fraction of a second.
                let hundredths = now
                    .get(20..22)
                    .filter(|digits| digits.bytes().all(|digit| digit.is_ascii_digit()))
                    .unwrap_or("00");
                Self::set(
                    &mut calls,
                    &field("timestamp"),
                    format!("{date}T{clock}.{hundredths}Z"),
                );
                let title = LESSONS
                    .iter()
                    .find(|lesson| lesson.id == id)
                    .map_or(COMPARE_ALL.title, |lesson| lesson.title);
                Self::set(&mut calls, &field("description"), title);
                Self::set(&mut calls, &field("learner_response"), response);
                Self::set(&mut calls, &field("correct_responses.0.pattern"), correct);
                let result = if agreed { "correct" } else { "incorrect" };
                Self::set(&mut calls, &field("result"), result);
            }
        }
        self.progress(&mut calls);
        calls.push(Call::Commit);
        calls
    }

    /// Where to resume, what is done, and (once all is) completion; the score if asked for.
    fn progress(&self, calls: &mut Vec<Call>) {
        let (location, suspend) = (self.location(), self.suspend_data());
        let done = self.revealed_count();
        let agreed = self
            .revealed
            .iter()
            .flatten()
            .filter(|agreed| **agreed)
            .count();
        match self.version {
            Version::Scorm12 => {
                Self::set(calls, "cmi.core.lesson_location", location);
                Self::set(calls, "cmi.suspend_data", suspend);
                if self.is_complete() {
                    Self::set(calls, "cmi.core.lesson_status", "completed");
                }
                if self.scored {
                    Self::set(calls, "cmi.core.score.min", "0");
                    Self::set(calls, "cmi.core.score.max", STEPS.to_string());
                    Self::set(calls, "cmi.core.score.raw", agreed.to_string());
                }
            }
            Version::Scorm2004 => {
                Self::set(calls, "cmi.location", location);
                Self::set(calls, "cmi.suspend_data", suspend);
                Self::set(calls, "cmi.progress_measure", decimal(done, STEPS));
                if self.is_complete() {
                    Self::set(calls, "cmi.completion_status", "completed");
                }
                if self.scored {
                    Self::set(calls, "cmi.score.min", "0");
                    Self::set(calls, "cmi.score.max", STEPS.to_string());
                    Self::set(calls, "cmi.score.raw", agreed.to_string());
                    Self::set(calls, "cmi.score.scaled", decimal(agreed, STEPS));
                }
            }
        }
    }

    /// The calls when the page goes away: the session's time, and whether the attempt is
    /// suspended (to be resumed) or over.
    pub fn leaving(&self, session_ms: u64) -> Vec<Call> {
        let mut calls = Vec::new();
        let seconds = session_ms / 1000;
        let (hours, minutes, seconds, hundredths) = (
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60,
            session_ms % 1000 / 10,
        );
        match self.version {
            Version::Scorm12 => {
                Self::set(
                    &mut calls,
                    "cmi.core.session_time",
                    format!(
                        "{:02}:{minutes:02}:{seconds:02}.{hundredths:02}",
                        hours.min(9999)
                    ),
                );
                let exit = if self.is_complete() { "" } else { "suspend" };
                Self::set(&mut calls, "cmi.core.exit", exit);
            }
            Version::Scorm2004 => {
                Self::set(
                    &mut calls,
                    "cmi.session_time",
                    format!("PT{hours}H{minutes}M{seconds}.{hundredths:02}S"),
                );
                let exit = if self.is_complete() {
                    "normal"
                } else {
                    "suspend"
                };
                Self::set(&mut calls, "cmi.exit", exit);
            }
        }
        calls.push(Call::Commit);
        calls
    }
}

fn is_clock(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 8
        && bytes[2] == b':'
        && bytes[5] == b':'
        && [0, 1, 3, 4, 6, 7]
            .iter()
            .all(|&at| bytes[at].is_ascii_digit())
}

/// `part / whole` as SCORM's real(10,7): at most seven decimals, no trailing zeros.
fn decimal(part: usize, whole: usize) -> String {
    if whole == 0 || part >= whole {
        return "1".to_owned();
    }
    // Rounded to the nearest ten-millionth.
    let (part, whole) = (part as u64, whole as u64);
    let scaled = (part * 20_000_000 + whole) / (2 * whole);
    let text = format!("0.{scaled:07}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(calls: &[Call], element: &str) -> Option<String> {
        calls.iter().rev().find_map(|call| match call {
            Call::Set(name, value) if name == element => Some(value.clone()),
            _ => None,
        })
    }

    const NOW: &str = "2026-12-04T10:40:05.123Z";

    #[test]
    fn a_reveal_is_an_interaction_in_the_choices_words_then_a_commit() {
        let mut reporter = Reporter::resume(Version::Scorm2004, false, "", 0);
        let calls = reporter.revealed("scale-out", "Yes", "No", NOW);
        assert_eq!(
            set(&calls, "cmi.interactions.0.id").as_deref(),
            Some("scale-out")
        );
        assert_eq!(
            set(&calls, "cmi.interactions.0.type").as_deref(),
            Some("choice")
        );
        assert_eq!(
            set(&calls, "cmi.interactions.0.learner_response").as_deref(),
            Some("yes")
        );
        assert_eq!(
            set(&calls, "cmi.interactions.0.correct_responses.0.pattern").as_deref(),
            Some("no")
        );
        assert_eq!(
            set(&calls, "cmi.interactions.0.result").as_deref(),
            Some("incorrect")
        );
        assert_eq!(
            set(&calls, "cmi.interactions.0.timestamp").as_deref(),
            Some("2026-12-04T10:40:05.12Z")
        );
        assert_eq!(
            set(&calls, "cmi.progress_measure").as_deref(),
            Some("0.0833333")
        );
        assert_eq!(
            set(&calls, "cmi.location").as_deref(),
            Some("one-server"),
            "step 1 is still to do"
        );
        assert_eq!(
            set(&calls, "cmi.score.raw"),
            None,
            "no score unless asked for"
        );
        assert_eq!(calls.last(), Some(&Call::Commit));
        // The next interaction has the next index; SCORM 1.2 words it its way.
        let mut old = Reporter::resume(Version::Scorm12, false, "", 3);
        let calls = old.revealed(
            "one-server",
            "No: she picks among all ready pods",
            "No: she picks among all ready pods",
            NOW,
        );
        assert_eq!(
            set(&calls, "cmi.interactions.3.student_response").as_deref(),
            Some("no-she-picks-among-all-ready-pods")
        );
        assert_eq!(
            set(&calls, "cmi.interactions.3.result").as_deref(),
            Some("correct")
        );
        assert_eq!(
            set(&calls, "cmi.interactions.3.time").as_deref(),
            Some("10:40:05")
        );
        assert_eq!(
            set(&calls, "cmi.core.lesson_location").as_deref(),
            Some("scale-out")
        );
    }

    #[test]
    fn every_step_revealed_completes_the_attempt_and_a_relaunch_resumes_where_it_was() {
        for version in [Version::Scorm12, Version::Scorm2004] {
            let mut reporter = Reporter::resume(version, true, "", 0);
            let started = reporter.started();
            assert!(
                started.contains(&Call::Set(
                    if version == Version::Scorm12 {
                        "cmi.core.lesson_status"
                    } else {
                        "cmi.completion_status"
                    }
                    .to_owned(),
                    "incomplete".to_owned()
                ))
            );
            let ids: Vec<&str> = step_ids().collect();
            let mut suspend = String::new();
            for (index, id) in ids.iter().enumerate() {
                let calls = reporter.revealed(id, "a", if index % 2 == 0 { "a" } else { "b" }, NOW);
                suspend = set(&calls, "cmi.suspend_data").unwrap();
                let completed = calls
                    .iter()
                    .any(|call| matches!(call, Call::Set(_, value) if value == "completed"));
                assert_eq!(completed, index == ids.len() - 1, "{version:?} {id}");
                if index == 3 {
                    // A relaunch here opens step 5, with steps 1 to 4 done.
                    let again = Reporter::resume(version, true, &suspend, 4);
                    assert_eq!(
                        again.launch_query(),
                        "index.html?lesson=no-lock&done=one-server.scale-out.went-down.shared-volume-lock"
                    );
                    assert_eq!(again.location(), "no-lock");
                }
            }
            let score = if version == Version::Scorm12 {
                "cmi.core.score.raw"
            } else {
                "cmi.score.raw"
            };
            // Revealed again, the closing step now agrees: the latest answer counts.
            let last = reporter.revealed("compare-all", "a", "a", NOW);
            assert_eq!(
                set(&last, score).as_deref(),
                Some("7"),
                "seven of twelve predictions agreed"
            );
            assert!(reporter.is_complete());
            let leaving = reporter.leaving(3_723_450);
            match version {
                Version::Scorm12 => {
                    assert_eq!(
                        set(&leaving, "cmi.core.session_time").as_deref(),
                        Some("01:02:03.45")
                    );
                    assert_eq!(set(&leaving, "cmi.core.exit").as_deref(), Some(""));
                }
                Version::Scorm2004 => {
                    assert_eq!(
                        set(&leaving, "cmi.session_time").as_deref(),
                        Some("PT1H2M3.45S")
                    );
                    assert_eq!(set(&leaving, "cmi.exit").as_deref(), Some("normal"));
                    assert_eq!(set(&last, "cmi.score.scaled").as_deref(), Some("0.5833333"));
                }
            }
            // Resumed complete: nothing marks it incomplete again, and the frame opens the last step.
            let done = Reporter::resume(version, true, &suspend, 12);
            assert!(done.is_complete());
            assert!(
                !done
                    .started()
                    .iter()
                    .any(|call| matches!(call, Call::Set(_, value) if value == "incomplete"))
            );
            assert!(
                done.launch_query()
                    .starts_with("compare/index.html?compare=")
            );
            assert!(done.launch_query().ends_with("&lesson=compare-all"));
        }
    }

    #[test]
    fn unknown_steps_and_foreign_suspend_data_record_nothing() {
        let mut reporter =
            Reporter::resume(Version::Scorm2004, false, "garbage.x:1.one-server:7", 0);
        assert_eq!(reporter.launch_query(), "index.html?lesson=one-server");
        assert!(reporter.revealed("not-a-step", "a", "b", NOW).is_empty());
        let leaving = reporter.leaving(1_500);
        assert_eq!(set(&leaving, "cmi.exit").as_deref(), Some("suspend"));
        assert_eq!(
            set(&leaving, "cmi.session_time").as_deref(),
            Some("PT0H0M1.50S")
        );
        assert_eq!(response_identifier(" ... "), "no-answer");
    }
}
