//! The timeline's marks: every action of the branch and every finding the timeline holds, in
//! time order, and the same as HTML for the strip under the slider. Each mark is placed by its
//! time (`--at`, in ms) and the strip's `--end` scales them, so a growing run moves no mark's
//! markup. The strip is for pointing; keyboard users reach the same moments with the
//! "previous/next mark" buttons, which use `Playground::marks`.

use std::fmt::Write as _;

use super::report::{finding_label, push_seek};
use super::{Playground, describe_action, format_seconds};
use crate::markup::push_escaped;
use crate::sim::checker::RequestId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub at_ms: u64,
    /// `action`, or the finding's kind (`went down`, …).
    pub kind: &'static str,
    pub label: String,
    /// The requests a finding is about (none for an action).
    pub requests: Vec<RequestId>,
}

impl Playground {
    /// The branch's marks up to its end, in time order (actions first at equal times).
    pub fn marks(&self) -> Vec<Mark> {
        let names = self.world.client_names();
        let mut marks: Vec<Mark> = self
            .actions_so_far()
            .map(|(at_ms, command)| Mark {
                at_ms: *at_ms,
                kind: "action",
                label: describe_action(command, &names),
                requests: Vec::new(),
            })
            .collect();
        marks.extend(self.finding_marks().iter().map(|mark| Mark {
            at_ms: mark.at_ms(),
            kind: finding_label(mark.finding.kind()),
            label: mark.finding.describe(&names),
            requests: mark.requests(),
        }));
        marks.sort_by_key(|mark| mark.at_ms);
        marks
    }
}

/// The strip of marks: one item each, a triangle for an action, a dot for a finding.
pub fn marks_html(marks: &[Mark]) -> String {
    let mut html = String::with_capacity(marks.len() * 120);
    for mark in marks {
        let class = if mark.kind == "action" {
            "action"
        } else {
            "finding"
        };
        let _ = write!(
            html,
            "<li class=\"mark mark-{class}\" style=\"--at:{}\"",
            mark.at_ms
        );
        push_seek(&mut html, mark.at_ms, &mark.requests);
        let _ = write!(html, " title=\"{} \u{2014} ", format_seconds(mark.at_ms));
        push_escaped(&mut html, &mark.label);
        html.push_str("\"></li>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playground::Link;

    #[test]
    fn marks_are_the_branchs_actions_and_findings_in_time_order() {
        let (link, _) = Link::parse("scenario=adder-memory&seed=1&actions=4000.d.x~9000.n.4");
        let mut playground = Playground::from_link(link);
        playground.advance_to(60_000);
        let marks = playground.marks();
        assert!(marks.windows(2).all(|pair| pair[0].at_ms <= pair[1].at_ms));
        let actions: Vec<_> = marks.iter().filter(|mark| mark.kind == "action").collect();
        assert_eq!(
            actions.len(),
            1,
            "the delete of a pod that never was is dropped, not marked"
        );
        assert_eq!(playground.problems().len(), 1);
        assert_eq!(
            (actions[0].at_ms, actions[0].label.as_str()),
            (9_000, "scaled to 4")
        );
        let finding = marks
            .iter()
            .find(|mark| mark.kind != "action")
            .expect("memory totals disagree");
        assert!(!finding.requests.is_empty());
        let html = marks_html(&marks);
        assert!(html.contains("<li class=\"mark mark-action\" style=\"--at:9000\" data-seek=\"9000\" data-requests=\"\" title=\"9.0 s \u{2014} scaled to 4\"></li>"), "{html}");
        assert_eq!(html.matches("<li").count(), marks.len());
    }
}
