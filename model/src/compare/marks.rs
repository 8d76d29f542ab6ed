//! The compare timeline's marks: every action of the branch (in one lane or all) and each
//! lane's first finding, in the playground's `Mark` form so the strip is drawn the same way
//! (`playground::marks::marks_html`).

use super::Comparison;
use crate::playground::describe_action;
use crate::playground::marks::Mark;
use crate::playground::report::finding_label;

impl Comparison {
    /// The branch's marks up to its end, in time order (actions first at equal times).
    pub fn marks(&self) -> Vec<Mark> {
        let names = self.lanes()[0].world().client_names();
        let mut marks: Vec<Mark> = self
            .link
            .actions
            .iter()
            .filter(|action| action.0 <= self.end_ms())
            .map(|(at_ms, lane, command)| Mark {
                at_ms: *at_ms,
                kind: "action",
                label: format!(
                    "{}: {}",
                    lane.map_or("Every lane".to_owned(), |lane| format!("Lane {}", lane + 1)),
                    describe_action(command, &names)
                ),
                requests: Vec::new(),
            })
            .collect();
        for (lane, finding) in self.first_findings().iter().enumerate() {
            if let Some(finding) = finding {
                marks.push(Mark {
                    at_ms: finding.at_ms(),
                    kind: finding_label(finding.kind()),
                    label: format!(
                        "Lane {}, first finding: {}",
                        lane + 1,
                        finding.describe(&names)
                    ),
                    requests: finding.requests(),
                });
            }
        }
        marks.sort_by_key(|mark| mark.at_ms);
        marks
    }
}

#[cfg(test)]
mod tests {
    use crate::compare::Comparison;
    use crate::sim::{Command, ScenarioId};

    #[test]
    fn marks_show_actions_and_each_lane_s_first_finding() {
        let scenarios = [ScenarioId::AdderMemory, ScenarioId::SharedVolumeLock];
        let mut comparison = Comparison::new(&scenarios, 3).unwrap();
        comparison.advance_to(2_000);
        comparison
            .act(
                Some(1),
                Command::FailNode {
                    node: "node-2".into(),
                },
            )
            .unwrap();
        comparison.advance_to(90_000);
        let marks = comparison.marks();
        assert_eq!(marks[0].at_ms, 2_000);
        assert!(marks[0].label.starts_with("Lane 2: "), "{}", marks[0].label);
        let findings: Vec<_> = marks.iter().filter(|m| m.kind != "action").collect();
        assert_eq!(findings.len(), 1, "only the in-memory lane finds something");
        assert!(findings[0].label.starts_with("Lane 1, first finding: "));
        assert!(marks.windows(2).all(|pair| pair[0].at_ms <= pair[1].at_ms));

        // Back before the finding and acting there: the new branch has not found it yet.
        comparison.seek_ms(findings[0].at_ms - 1);
        let acted = comparison.act(None, Command::SetLock(false)).unwrap();
        assert!(acted.forked.is_some() && acted.refused.len() == 1);
        assert!(comparison.marks().iter().all(|m| m.kind == "action"));
    }
}
