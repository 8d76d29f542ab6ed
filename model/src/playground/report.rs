//! What the learner reads beside the scene, as HTML from a `Snapshot`: the checker's verdict,
//! the totals, what each client was told, the request log, Services and DNS, cluster events.
//! Display only, rebuilt whole at the report rate (4 Hz); see `model::markup` for why text.

use std::fmt::Write as _;

use super::format_seconds;
use super::scene::shape_path;
use crate::markup::push_escaped;
use crate::sim::FindingKind;
use crate::sim::checker::RequestId;
use crate::sim::command::RequestKind;
use crate::sim::objects::Completed;
use crate::sim::snapshot::{ServiceType, Snapshot};

/// Answers shown per client strip.
const STRIP_ANSWERS: usize = 24;

pub fn finding_label(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::WentDown => "went down",
        FindingKind::StaleRead => "stale answer",
        FindingKind::Conflict => "conflicting totals",
        FindingKind::LostUpdate => "lost update",
        FindingKind::StateLost => "state lost",
    }
}

/// The checker's verdict: a line, then the latest findings with links to their requests, each
/// with a button back to its moment (the time machine).
pub fn verdict_html(snapshot: &Snapshot) -> String {
    verdict_markup(snapshot, true)
}

/// The verdict without the buttons back in time or the links to the request log (a
/// comparison's lanes have neither), and with only the latest finding.
pub fn verdict_summary_html(snapshot: &Snapshot) -> String {
    verdict_markup(snapshot, false)
}

fn verdict_markup(snapshot: &Snapshot, jumps: bool) -> String {
    let mut html = String::new();
    match snapshot.findings_total {
        // Before anything is answered "no anomalies" would read as a verdict on a scene that
        // has not run (and as the answer to a lesson's question).
        0 if snapshot.stats.requests_answered == 0 => html.push_str(
            "<p>No answers yet: the checker compares every answer with the running total it adds to as requests come back.</p>",
        ),
        0 => {
            html.push_str(
                "<p><span aria-hidden=\"true\">\u{2714} </span>No anomalies so far: every answer fits ",
            );
            push_totals_checked(&mut html, snapshot);
            html.push_str(".</p>");
        }
        total => {
            let _ = write!(
                html,
                "<p><span aria-hidden=\"true\">\u{26a0} </span>{total} anomalies found ("
            );
            for (index, (kind, count)) in snapshot.findings_by_kind.iter().enumerate() {
                let separator = if index == 0 { "" } else { ", " };
                let _ = write!(html, "{separator}{}: {count}", finding_label(*kind));
            }
            html.push_str(").");
            // Each client's own totals may only go up (sessionAffinity, say), and the checker
            // still counts: say what it compares.
            let across_clients = snapshot.findings_by_kind.iter().all(|(kind, _)| {
                matches!(kind, FindingKind::Conflict | FindingKind::StaleRead)
            });
            if across_clients {
                html.push_str(
                    " No client saw its own total go down: these are answers to different clients that no single running total explains.",
                );
            }
            html.push_str(" The latest:</p>");
        }
    }
    html.push_str("<ul class=\"findings\">");
    // A comparison's lanes are side by side: only the latest finding each, to keep them short.
    let shown = if jumps { snapshot.findings.len() } else { 1 };
    for finding in snapshot.findings.iter().take(shown) {
        let label = finding_label(finding.kind);
        let _ = write!(html, "<li data-kind=\"{label}\"><strong>{label}: </strong>");
        push_escaped(&mut html, &finding.message);
        for id in &finding.requests {
            // Links to the request log's rows; a comparison's lanes have no log.
            let _ = if jumps {
                write!(html, " <a href=\"#req-{id}\">#{id}</a>")
            } else {
                write!(html, " #{id}")
            };
        }
        if !jumps {
            html.push_str("</li>");
            continue;
        }
        // Back to the moment it happened, with its requests highlighted (the time machine).
        html.push_str(" <button type=\"button\" class=\"jump\"");
        push_seek(&mut html, finding.at_ms, &finding.requests);
        let _ = write!(
            html,
            ">Watch it at {}</button></li>",
            format_seconds(finding.at_ms)
        );
    }
    html.push_str("</ul>");
    html
}

/// Which running total the checker holds answers to: one, or each pod's own (a StatefulSet
/// whose clients name their pod).
fn push_totals_checked(html: &mut String, snapshot: &Snapshot) {
    match snapshot.registers.as_slice() {
        [_, _, ..] => {
            html.push_str("the running total it adds to: each pod keeps its own (");
            for (index, register) in snapshot.registers.iter().enumerate() {
                let separator = if index == 0 { "" } else { ", " };
                html.push_str(separator);
                push_escaped(html, &register.description);
            }
            html.push(')');
        }
        _ => html.push_str("one running total"),
    }
}

/// ` data-seek="…" data-requests="…"`: what the page's one click handler for moments in time
/// reads (`jump_from`: the verdict's buttons, the timeline's marks, a lesson's button).
pub fn push_seek(html: &mut String, at_ms: u64, requests: &[RequestId]) {
    let _ = write!(html, " data-seek=\"{at_ms}\" data-requests=\"");
    push_ids(html, requests);
    html.push('"');
}

/// Request ids separated by spaces (a `data-requests` value).
fn push_ids(html: &mut String, ids: &[RequestId]) {
    for (index, id) in ids.iter().enumerate() {
        let space = if index > 0 { " " } else { "" };
        let _ = write!(html, "{space}{id}");
    }
}

/// The true total of each register, what is stored and acknowledged, and what each pod holds.
pub fn totals_html(snapshot: &Snapshot) -> String {
    let mut html = String::from("<ul>");
    if let Some(note) = snapshot.program.no_total_note() {
        let _ = write!(html, "<li>{note}</li>");
    }
    for register in &snapshot.registers {
        html.push_str("<li>True total, ");
        push_escaped(&mut html, &register.description);
        let _ = write!(
            html,
            ": <strong class=\"true-total\">{}</strong> (every add that took effect)",
            register.applied_total
        );
        if let Some(stored) = register.stored_total {
            let _ = write!(
                html,
                "; stored: <strong class=\"stored-total\">{stored}</strong>"
            );
        }
        if let Some(sum) = register.acknowledged_total {
            let _ = write!(
                html,
                "; acknowledged adds: <strong class=\"acknowledged-total\">{sum}</strong>"
            );
        }
        html.push_str("</li>");
    }
    let mut beliefs = snapshot
        .frame
        .pods
        .iter()
        .filter_map(|pod| Some((&pod.name, pod.memory_total.or(pod.empty_dir_total)?)))
        .peekable();
    if beliefs.peek().is_some() {
        html.push_str("<li>Each pod believes: ");
        for (index, (name, total)) in beliefs.enumerate() {
            let comma = if index > 0 { ", " } else { "" };
            let _ = write!(html, "{comma}{name} {total}");
        }
        html.push_str("</li>");
    }
    html.push_str("</ul>");
    html
}

/// What a client was told by one request: a total, centimetres, or that it failed.
fn answer_text(answer: &Completed) -> String {
    match (answer.kind, answer.outcome) {
        (_, Err(_)) => "failed".to_owned(),
        (RequestKind::Add(_), Ok(total)) => total.to_string(),
        (RequestKind::Convert(_), Ok(centimetres)) => format!("{centimetres} cm"),
    }
}

/// One strip per client: the latest answers it was told, oldest first; the answers below a
/// total it had been told before are marked (`down`) and the latest such finding explained.
/// `highlight`: requests to mark (the ones a finding the learner jumped to is about).
pub fn strips_html(snapshot: &Snapshot, highlight: &[RequestId]) -> String {
    let mut html = String::new();
    for (index, client) in snapshot.clients.iter().enumerate() {
        let _ = write!(
            html,
            "<div class=\"strip\" data-client=\"{0}\"><h4><svg class=\"legend\" viewBox=\"-12 -12 24 24\" aria-hidden=\"true\"><path class=\"client-icon client-{1}\" d=\"{2}\"/></svg>{0} was told</h4><ol class=\"answers\">",
            client.name,
            index % 3,
            shape_path(index, 0, 0, 8)
        );
        let skip = client.observed.len().saturating_sub(STRIP_ANSWERS);
        for answer in client.observed.iter().skip(skip) {
            if matches!(answer.kind, RequestKind::Convert(_)) && answer.outcome.is_err() {
                continue;
            }
            let down = client.went_down.contains(&answer.id);
            let arrow = if down { "\u{2193} " } else { "" };
            let class = match (down, highlight.contains(&answer.id)) {
                (true, true) => " class=\"down highlight\"",
                (true, false) => " class=\"down\"",
                (false, true) => " class=\"highlight\"",
                (false, false) => "",
            };
            let _ = write!(
                html,
                "<li{class} title=\"request #{}\">{arrow}{}</li>",
                answer.id,
                answer_text(answer)
            );
        }
        html.push_str("</ol>");
        if let Some(note) = &client.went_down_note {
            html.push_str("<p class=\"strip-note\">");
            push_escaped(&mut html, note);
            html.push_str("</p>");
        }
        html.push_str("</div>");
    }
    html
}

/// The request log's rows, newest first; each row's id is the target of `#req-<id>` links.
/// `highlight`: requests to mark, as in `strips_html`.
pub fn request_rows_html(snapshot: &Snapshot, highlight: &[RequestId]) -> String {
    request_rows(snapshot, highlight, true)
}

/// The same rows for a comparison's lane: without ids, which every lane would repeat (the
/// same stream numbers its requests alike in every lane).
pub fn lane_request_rows_html(snapshot: &Snapshot) -> String {
    request_rows(snapshot, &[], false)
}

fn request_rows(snapshot: &Snapshot, highlight: &[RequestId], row_ids: bool) -> String {
    let mut html = String::with_capacity(snapshot.recent.len() * 160);
    for answer in &snapshot.recent {
        let client = snapshot
            .clients
            .get(answer.client)
            .map_or("?", |client| client.name);
        let asked = match answer.kind {
            RequestKind::Add(number) => format!("add {number}"),
            RequestKind::Convert(metres) => format!("convert {metres} m"),
        };
        let pod = answer
            .pod
            .map_or_else(|| "\u{2014}".to_owned(), |pod| pod.to_string());
        let outcome = match answer.outcome {
            Ok(value) => value.to_string(),
            Err(failure) => format!("failed: {}", failure.describe()),
        };
        let class = if highlight.contains(&answer.id) {
            " class=\"highlight\""
        } else {
            ""
        };
        if row_ids {
            let _ = write!(html, "<tr id=\"req-{}\"{class}>", answer.id);
        } else {
            html.push_str("<tr>");
        }
        let _ = write!(
            html,
            "<td>#{0}</td><td>{client}</td><td>{asked}</td><td>{pod}</td><td>{outcome}</td><td>{1} ms</td></tr>",
            answer.id,
            answer.latency_ms()
        );
    }
    html
}

/// Each Service's kind and ready endpoints, then the DNS records clients can resolve.
pub fn services_html(snapshot: &Snapshot) -> String {
    let mut html = String::from("<ul>");
    for service in &snapshot.frame.services {
        let kind = match service.service_type {
            ServiceType::ClusterIp { .. } => "ClusterIP",
            ServiceType::Headless => "headless",
        };
        let endpoints = join_or(&service.endpoints, "none ready");
        let _ = write!(
            html,
            "<li>Service {} ({kind}) endpoints: {endpoints}</li>",
            service.name
        );
    }
    for record in &snapshot.dns {
        let addresses = join_or(&record.addresses, "no records");
        let _ = write!(
            html,
            "<li><code>{}</code> \u{2192} {addresses}</li>",
            record.name
        );
    }
    html.push_str("</ul>");
    html
}

/// `items` separated by commas, or `none` when there are none.
fn join_or(items: &[String], none: &str) -> String {
    if items.is_empty() {
        none.to_owned()
    } else {
        items.join(", ")
    }
}

/// The latest cluster events, newest first, with their virtual time.
pub fn events_html(snapshot: &Snapshot) -> String {
    let mut html = String::new();
    for (at_ms, text) in &snapshot.events {
        let _ = write!(html, "<li>{}: ", format_seconds(*at_ms));
        push_escaped(&mut html, text);
        html.push_str("</li>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{Command, RequestKind, ScenarioId, World};

    /// The verdict says which total it checks answers against, and what its findings compare.
    #[test]
    fn the_verdict_says_what_it_compares() {
        let mut world = World::new(ScenarioId::StatefulSetHeadless, 3);
        world.run_for(30_000);
        let verdict = verdict_html(&world.snapshot());
        assert!(
            verdict.contains("every answer fits the running total it adds to: each pod keeps its own (adder-0's total, adder-1's total, adder-2's total)"),
            "{verdict}"
        );
        let mut world = World::new(ScenarioId::SharedVolumeLock, 3);
        world.run_for(30_000);
        assert!(verdict_html(&world.snapshot()).contains("every answer fits one running total."));
        // sessionAffinity: each client stays on one pod, and still disagrees with the others.
        let mut world = World::new(ScenarioId::AdderMemory, 2);
        world.apply(&Command::SetSessionAffinity(true)).unwrap();
        world.run_for(60_000);
        let snapshot = world.snapshot();
        assert!(snapshot.findings_total > 0);
        let verdict = verdict_html(&snapshot);
        assert!(
            verdict.contains("anomalies found (")
                && verdict.contains("No client saw its own total go down"),
            "{verdict}"
        );
    }

    #[test]
    fn the_panels_show_what_the_run_did() {
        let mut world = World::new(ScenarioId::AdderMemory, 3);
        world.run_for(120_000);
        let snapshot = world.snapshot();
        let verdict = verdict_html(&snapshot);
        assert!(
            verdict.contains("anomalies found") && verdict.contains("<li data-kind=\"went down\">")
        );
        assert!(verdict.contains("<a href=\"#req-"));
        let strips = strips_html(&snapshot, &[]);
        assert_eq!(strips.matches("<div class=\"strip\"").count(), 3);
        assert!(
            strips.contains("<li class=\"down\""),
            "a went-down answer is marked"
        );
        let rows = request_rows_html(&snapshot, &[]);
        assert_eq!(rows.matches("<tr id=\"req-").count(), snapshot.recent.len());
        assert!(totals_html(&snapshot).contains("Each pod believes: adder-"));
        assert!(
            services_html(&snapshot)
                .contains("<code>adder.default.svc.cluster.local</code> \u{2192} 10.96.8.21")
        );
        assert!(events_html(&snapshot).contains("s: adder-"));
    }

    #[test]
    fn conversions_are_told_in_centimetres_and_the_converter_keeps_no_total() {
        let mut world = World::new(ScenarioId::ConverterDeployment, 3);
        world.run_for(5_000);
        world
            .apply(&Command::Send {
                client: 0,
                kind: RequestKind::Convert(7),
            })
            .unwrap();
        world.run_for(10_000);
        let snapshot = world.snapshot();
        assert!(strips_html(&snapshot, &[]).contains(">700 cm</li>"));
        let totals = totals_html(&snapshot);
        assert!(
            totals.contains("keeps no total") && !totals.contains("True total"),
            "{totals}"
        );
        assert!(verdict_html(&snapshot).contains("No anomalies so far"));
    }
}
