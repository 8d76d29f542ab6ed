//! The embed protocol, frame to host: what an embedded page tells the page around it, as JSON
//! text (the app parses it and posts the object to `window.parent`, and only there). The
//! messages and their fields are listed in README.md ("The embed protocol"); the host's own
//! message (`adder-lab:set-theme`) and the height are handled by host.js.
//!
//! Nothing here is private: lesson ids, the choices' own words, finding kinds and request
//! numbers. That is why the frame may post with the target origin `*`: it cannot know which
//! origin embeds it.

use crate::compare::lesson::{CompareTutor, LessonPhase};
use crate::lessons::tutor::{Phase, Tutor};
use crate::playground::Playground;
use crate::sim::{Finding, FindingKind};

/// At most this many findings are posted per report (four a second while running), so a busy
/// run cannot flood the host; every message carries the run's running count (`total`).
pub const FINDINGS_PER_REPORT_MAX: usize = 8;

pub const LESSON_COMPLETED: &str = "adder-lab:lesson-completed";
pub const FINDING: &str = "adder-lab:finding";

/// `adder-lab:lesson-completed`: the step (a lesson of the track, or the compare page's closing
/// step), what the learner predicted and what the run showed, each as the choice's words, and
/// whether they agree.
pub fn lesson_completed(id: &str, title: &str, predicted: &str, observed: &str) -> String {
    let mut json = Json::new(LESSON_COMPLETED);
    json.text("id", id);
    json.text("title", title);
    json.text("predicted", predicted);
    json.text("observed", observed);
    json.boolean("correct", predicted == observed);
    json.finish()
}

/// The message for the track's open step, once it has revealed its answer.
pub fn track_lesson_completed(tutor: &Tutor) -> Option<String> {
    let (Some(lesson), Some(Phase::Revealed(reveal))) = (tutor.lesson(), tutor.phase()) else {
        return None;
    };
    let choice = |index: usize| lesson.question.choices.get(index).copied().unwrap_or("");
    Some(lesson_completed(
        lesson.id,
        lesson.title,
        choice(reveal.predicted),
        choice(reveal.shown),
    ))
}

/// The message for the compare page's closing step, once it has revealed its answer.
pub fn closing_step_completed(tutor: &CompareTutor) -> Option<String> {
    let LessonPhase::Revealed { predicted, shown } = tutor.phase() else {
        return None;
    };
    let lesson = tutor.lesson();
    let choice = |index: usize| lesson.choices.get(index).copied().unwrap_or("");
    Some(lesson_completed(
        lesson.id,
        lesson.title,
        choice(predicted),
        choice(shown),
    ))
}

/// `adder-lab:finding`: one anomaly the consistency checker found, with the requests that show
/// it (the numbers the request log shows as `#12`), its moment and its description.
pub fn finding(finding: &Finding, client_names: &[&str], total: u64) -> String {
    let mut json = Json::new(FINDING);
    json.text("kind", kind_slug(finding.kind()));
    json.numbers("requests", &finding.requests());
    json.number("atMs", finding.at_ms());
    json.text("text", &finding.describe(client_names));
    json.number("total", total);
    json.finish()
}

pub fn kind_slug(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::WentDown => "went-down",
        FindingKind::StaleRead => "stale-read",
        FindingKind::Conflict => "conflict",
        FindingKind::LostUpdate => "lost-update",
        FindingKind::StateLost => "state-lost",
    }
}

/// Which of a run's findings the host has been told of, so each is told once: going back in
/// time and playing the same moments again tells nothing new; a new branch (acting in the past)
/// tells only what happens after the fork; a new run starts over.
#[derive(Debug, Default)]
pub struct FindingReporter {
    /// The run and branch last reported on.
    seen: Option<(u64, u64)>,
    /// How many of that branch's findings (the checker's running count) were told or passed.
    told: u64,
}

impl FindingReporter {
    /// The messages for findings not told yet (at most `FINDINGS_PER_REPORT_MAX`, the latest).
    pub fn report(&mut self, playground: &Playground) -> Vec<String> {
        let checker = playground.world().checker();
        let total = checker.total_findings();
        let key = (playground.run(), playground.branch());
        match self.seen {
            Some((run, branch)) if (run, branch) == key => {}
            // A fork keeps the moments before it: what they found was told already.
            Some((run, _)) if run == key.0 => self.told = total,
            _ => self.told = 0,
        }
        self.seen = Some(key);
        if total <= self.told {
            return Vec::new();
        }
        let new = usize::try_from(total - self.told).unwrap_or(usize::MAX);
        self.told = total;
        let names: Vec<&str> = playground
            .world()
            .clients()
            .iter()
            .map(|client| client.name)
            .collect();
        let findings = checker.findings();
        let skip = findings.len() - new.min(findings.len()).min(FINDINGS_PER_REPORT_MAX);
        findings
            .skip(skip)
            .map(|found| finding(found, &names, total))
            .collect()
    }
}

/// A flat JSON object, built as text (the model has no dependencies, and these messages are
/// small and fixed in shape).
struct Json(String);

impl Json {
    fn new(kind: &str) -> Self {
        let mut json = Json(String::from("{"));
        json.text("type", kind);
        json
    }

    fn key(&mut self, key: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        push_string(&mut self.0, key);
        self.0.push(':');
    }

    fn text(&mut self, key: &str, value: &str) {
        self.key(key);
        push_string(&mut self.0, value);
    }

    fn number(&mut self, key: &str, value: u64) {
        self.key(key);
        self.0.push_str(&value.to_string());
    }

    fn numbers(&mut self, key: &str, values: &[u64]) {
        self.key(key);
        let listed: Vec<String> = values.iter().map(u64::to_string).collect();
        self.0.push('[');
        self.0.push_str(&listed.join(","));
        self.0.push(']');
    }

    fn boolean(&mut self, key: &str, value: bool) {
        self.key(key);
        self.0.push_str(if value { "true" } else { "false" });
    }

    fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// Appends `text` as a JSON string (RFC 8259: quote, backslash and control characters escaped).
fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            // A control character: \u00XX (hex digits by hand: no formatting machinery in the wasm).
            c if u32::from(c) < 0x20 => {
                let code = u32::from(c);
                out.push_str("\\u00");
                for nibble in [code >> 4, code & 0xf] {
                    out.push(char::from_digit(nibble, 16).unwrap_or('0'));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::LESSONS;
    use crate::lessons::progress::Saved;
    use crate::lessons::tutor::Check;
    use crate::sim::ScenarioId;

    #[test]
    fn strings_are_escaped_as_json_wants() {
        let mut out = String::new();
        push_string(&mut out, "a \"b\" \\ c\nd\u{1}é");
        assert_eq!(out, r#""a \"b\" \\ c\nd\u0001é""#);
    }

    #[test]
    fn a_completed_step_names_itself_and_both_choices_once_revealed() {
        let lesson = &LESSONS[1];
        let mut tutor = Tutor::new(Saved::default());
        let mut playground = Playground::new(ScenarioId::OneServer, 1);
        tutor.open(1);
        tutor.predict(0).unwrap();
        let run_ms = tutor.start_run(&mut playground).unwrap();
        assert_eq!(
            track_lesson_completed(&tutor),
            None,
            "nothing to tell before the reveal"
        );
        playground.advance_to(run_ms);
        assert_eq!(tutor.check(&playground), Check::Revealed);
        let json = track_lesson_completed(&tutor).expect("revealed");
        assert!(json.starts_with(r#"{"type":"adder-lab:lesson-completed","id":"scale-out","#));
        let Some(Phase::Revealed(reveal)) = tutor.phase() else {
            panic!("revealed");
        };
        let words = |index: usize| lesson.question.choices[index];
        let expected = format!(
            r#""predicted":"{}","observed":"{}","correct":{}}}"#,
            words(0),
            words(reveal.shown),
            reveal.shown == 0
        );
        assert!(json.ends_with(&expected), "{json}");
    }

    #[test]
    fn the_closing_step_tells_its_answer_once_revealed() {
        let mut tutor = CompareTutor::default();
        tutor.predict(1).unwrap();
        let mut comparison = tutor.start_run().unwrap();
        assert_eq!(closing_step_completed(&tutor), None);
        comparison.advance_to(tutor.lesson().run_ms);
        assert!(tutor.check(&comparison));
        let json = closing_step_completed(&tutor).expect("revealed");
        let lesson = tutor.lesson();
        assert!(
            json.starts_with(r#"{"type":"adder-lab:lesson-completed","id":"compare-all","#),
            "{json}"
        );
        assert!(
            json.contains(&format!(r#""predicted":"{}""#, lesson.choices[1])),
            "{json}"
        );
    }

    /// The memory scenario finds conflicting totals within a minute of its own traffic.
    fn busy_memory_run() -> Playground {
        let mut playground = Playground::new(ScenarioId::AdderMemory, 1);
        playground.advance_to(60_000);
        playground
    }

    #[test]
    fn each_finding_is_told_once_and_replaying_tells_nothing_new() {
        let mut playground = busy_memory_run();
        let total = playground.world().checker().total_findings();
        assert!(total > 0, "the memory scenario finds something in a minute");
        let mut reporter = FindingReporter::default();
        let first = reporter.report(&playground);
        assert_eq!(
            first.len(),
            usize::try_from(total).unwrap().min(FINDINGS_PER_REPORT_MAX)
        );
        assert!(first[0].starts_with(r#"{"type":"adder-lab:finding","kind":""#));
        assert!(
            first
                .iter()
                .all(|m| m.contains(&format!(r#""total":{total}}}"#)))
        );
        assert!(reporter.report(&playground).is_empty());
        // Back in time and forward again: the same findings, already told.
        playground.seek_ms(1_000);
        assert!(reporter.report(&playground).is_empty());
        playground.seek_ms(60_000);
        assert!(reporter.report(&playground).is_empty());
        // Later moments find more, and only those are told.
        playground.advance_to(120_000);
        let later = playground.world().checker().total_findings();
        let told = reporter.report(&playground);
        assert_eq!(
            told.len(),
            usize::try_from(later - total)
                .unwrap()
                .min(FINDINGS_PER_REPORT_MAX)
        );
    }

    #[test]
    fn a_fork_tells_only_what_happens_after_it() {
        let mut playground = busy_memory_run();
        let mut reporter = FindingReporter::default();
        assert!(!reporter.report(&playground).is_empty());
        // Back to a moment with findings behind it, then acting there: a new branch.
        playground.seek_ms(30_000);
        let before_fork = playground.world().checker().total_findings();
        assert!(before_fork > 0);
        let forked = playground.command(crate::sim::Command::Scale { replicas: 2 });
        assert!(matches!(forked, Ok(Some(_))), "acting in the past forks");
        assert!(
            reporter.report(&playground).is_empty(),
            "the findings before the fork were told"
        );
        playground.advance_to(90_000);
        let after = playground.world().checker().total_findings();
        assert!(after > before_fork, "the branch finds more");
        let told = reporter.report(&playground);
        assert_eq!(
            told.len(),
            usize::try_from(after - before_fork)
                .unwrap()
                .min(FINDINGS_PER_REPORT_MAX)
        );
    }

    #[test]
    fn a_new_run_is_told_from_its_start() {
        let mut reporter = FindingReporter::default();
        assert!(!reporter.report(&busy_memory_run()).is_empty());
        let mut again = busy_memory_run();
        again.reset();
        again.advance_to(60_000);
        assert!(!reporter.report(&again).is_empty());
    }
}
