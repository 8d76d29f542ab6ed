//! `adder-lab-server check HISTORY`: the lab's own checker (`model::recorded`, over
//! `sim::checker`) on a history the driver wrote, its findings printed in the lab's words with
//! the driver's request ids. Exit 0: no finding; 1: findings; 2: the file could not be read.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::process::ExitCode;

use adder_lab_model::playground::report::finding_label;
use adder_lab_model::recorded::{self, Verdict};
use adder_lab_model::sim::checker::FINDINGS_KEPT_MAX;

use crate::history;

pub fn check(path: &Path) -> ExitCode {
    let name = path.display().to_string();
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) => {
            eprintln!("adder-lab-server check: {name}: {error}");
            return ExitCode::from(2);
        }
    };
    let history = match history::read(&name, BufReader::new(file)) {
        Ok(history) => history,
        Err(problems) => return refuse(&name, &problems),
    };
    let verdict = match recorded::check(&history) {
        Ok(verdict) => verdict,
        Err(problems) => {
            let problems: Vec<String> = problems
                .iter()
                .map(|problem| format!("{name}: {problem}"))
                .collect();
            return refuse(&name, &problems);
        }
    };
    // A reader that stops early (`| head`) is not an error.
    let _ = std::io::Write::write_all(
        &mut std::io::stdout().lock(),
        report(&name, &history, &verdict).as_bytes(),
    );
    if verdict.findings_total() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// How many unreadable lines are listed before "and N more".
const PROBLEMS_SHOWN_MAX: usize = 20;

fn refuse(name: &str, problems: &[String]) -> ExitCode {
    for problem in problems.iter().take(PROBLEMS_SHOWN_MAX) {
        eprintln!("{problem}");
    }
    if problems.len() > PROBLEMS_SHOWN_MAX {
        eprintln!("… and {} more", problems.len() - PROBLEMS_SHOWN_MAX);
    }
    eprintln!(
        "adder-lab-server check: {name} is not a history the driver wrote; nothing was checked"
    );
    ExitCode::from(2)
}

/// What `check` prints: the history in numbers, the store, then the verdict and the findings.
pub fn report(name: &str, history: &recorded::History, verdict: &Verdict) -> String {
    let mut text = format!(
        "{name}: {} requests, {} answered, {} failed (a failed add may or may not have been added; the checker holds none against the server)\n",
        verdict.sent, verdict.answered, verdict.failed
    );
    match (history.before, history.after, verdict.expected_after) {
        (Some(before), Some(after), Some(expected)) => text.push_str(&format!(
            "the total is kept in a {}: {} before, {} after; the acknowledged adds make {}\n",
            after.store.word(),
            before.total,
            after.total,
            expected
        )),
        (_, Some(after), None) => text.push_str(&format!(
            "the total is kept in each process's {}: one process's total says nothing of the others', so the store is not compared\n",
            after.store.word()
        )),
        _ => text.push_str("the store was not read after the load: lost updates are not looked for\n"),
    }
    let total = verdict.findings_total();
    if total == 0 {
        text.push_str("\u{2714} No anomalies: every answer fits one running total");
        if verdict.expected_after.is_some() {
            text.push_str(", and the store holds every acknowledged add");
        }
        text.push_str(".\n");
        return text;
    }
    let kinds: Vec<String> = verdict
        .by_kind()
        .into_iter()
        .map(|(kind, count)| format!("{}: {count}", finding_label(kind)))
        .collect();
    text.push_str(&format!(
        "\u{26a0} {total} anomalies found ({}).",
        kinds.join(", ")
    ));
    if total > FINDINGS_KEPT_MAX as u64 {
        text.push_str(&format!(" The latest {FINDINGS_KEPT_MAX}:"));
    }
    text.push('\n');
    for line in recorded::describe_findings(verdict) {
        text.push_str(&line);
        text.push('\n');
    }
    text
}
