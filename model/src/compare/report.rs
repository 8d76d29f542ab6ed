//! What a comparison shows per client: in every lane, the latest total the client was told and
//! the true total of what it adds to there, so "Alice was told 17 here, 23 there" is one row;
//! an answer the lane's checker flagged is marked.

use super::{Comparison, Lane};
use crate::sim::ClientIndex;
use crate::sim::checker::RequestId;
use crate::sim::command::RequestKind;

/// One lane's cell of a client's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Told {
    /// The latest add answered to the client in this lane (`None`: none yet).
    pub latest: Option<(RequestId, u64)>,
    /// Every add that took effect on the total the client adds to in this lane.
    pub true_total: u64,
    /// The lane's checker found something wrong with an answer this client was told (went
    /// down, stale, conflicting): the latest such answer's request.
    pub flagged: Option<RequestId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientRow {
    pub client: &'static str,
    /// One per lane, in lane order.
    pub lanes: Vec<Told>,
}

impl Lane {
    /// The pod that answered the client's latest request in this lane (what "delete the pod
    /// Alice last reached" deletes).
    pub fn last_reached(&self, client: ClientIndex) -> Option<String> {
        self.world
            .clients()
            .get(client)?
            .observed
            .iter()
            .rev()
            .find_map(|answer| answer.pod.map(|pod| pod.to_string()))
    }

    fn told(&self, client: ClientIndex) -> Told {
        let world = &self.world;
        let latest = world.clients()[client]
            .observed
            .iter()
            .rev()
            .find_map(|answer| match (answer.kind, answer.outcome) {
                (RequestKind::Add(_), Ok(total)) => Some((answer.id, total)),
                _ => None,
            });
        let told_to_client = |id: &RequestId| {
            world.clients()[client]
                .observed
                .iter()
                .any(|answer| answer.id == *id)
        };
        let flagged = world
            .checker()
            .findings()
            .rev()
            .flat_map(|finding| finding.requests().into_iter().rev())
            .find(told_to_client);
        Told {
            latest,
            true_total: world.applied_total(world.register_of(client)),
            flagged,
        }
    }
}

impl Comparison {
    /// A row per client, lining up what each lane told it.
    pub fn rows(&self) -> Vec<ClientRow> {
        let clients = self.lanes()[0].world.clients();
        (0..clients.len())
            .map(|client| ClientRow {
                client: clients[client].name,
                lanes: self.lanes().iter().map(|lane| lane.told(client)).collect(),
            })
            .collect()
    }
}

/// The rows as table body markup: a row per client, a cell per lane with the latest total the
/// client was told and the true total there; a flagged answer is marked (`flagged`, with the
/// request id), and a told total that is not the lane's true total is shown beside it.
pub fn rows_html(rows: &[ClientRow]) -> String {
    use std::fmt::Write as _;
    let mut html = String::new();
    for row in rows {
        let _ = write!(html, "<tr><th scope=\"row\">{}</th>", row.client);
        for told in &row.lanes {
            match (told.latest, told.flagged) {
                (None, _) => html.push_str("<td>\u{2014}</td>"),
                (Some((_, total)), flagged) => {
                    let class = if flagged.is_some() {
                        " class=\"flagged\""
                    } else {
                        ""
                    };
                    let _ = write!(html, "<td{class}><strong>{total}</strong>");
                    if total != told.true_total {
                        let _ = write!(
                            html,
                            " <span class=\"small\">(true total {})</span>",
                            told.true_total
                        );
                    }
                    if let Some(id) = flagged {
                        let _ = write!(html, " <span class=\"small\">\u{26a0} #{id}</span>");
                    }
                    html.push_str("</td>");
                }
            }
        }
        html.push_str("</tr>");
    }
    html
}

#[cfg(test)]
mod tests {
    use crate::compare::Comparison;
    use crate::sim::{Command, ScenarioId};

    #[test]
    fn rows_line_up_what_each_lane_told_each_client() {
        let scenarios = [ScenarioId::AdderMemory, ScenarioId::SharedVolumeLock];
        let mut comparison = Comparison::new(&scenarios, 3).unwrap();
        comparison.advance_to(120_000);
        let rows = comparison.rows();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].client, "Alice");
        for row in &rows {
            assert_eq!(row.lanes.len(), 2);
            assert!(row.lanes.iter().all(|told| told.latest.is_some()));
            assert_eq!(row.lanes[1].flagged, None, "the lock: nothing to flag");
        }
        assert!(
            rows.iter().any(|row| row.lanes[0].flagged.is_some()),
            "in memory, some client was told a conflicting total: {rows:?}"
        );
        let html = super::rows_html(&rows);
        assert_eq!(html.matches("<tr>").count(), 3);
        assert!(html.contains("<td class=\"flagged\">"), "{html}");
        // Behind one Service, with the lock, every client adds to the same true total.
        assert!(
            rows.windows(2)
                .all(|pair| pair[0].lanes[1].true_total == pair[1].lanes[1].true_total)
        );
    }

    #[test]
    fn the_pod_a_client_last_reached_differs_by_lane_and_can_be_deleted() {
        let scenarios = [ScenarioId::AdderMemory, ScenarioId::StatefulSetHeadless];
        let mut comparison = Comparison::new(&scenarios, 3).unwrap();
        comparison.advance_to(30_000);
        let memory = comparison.lanes()[0]
            .last_reached(0)
            .expect("Alice was answered");
        assert!(
            memory.starts_with("adder-") && memory.len() > "adder-0".len(),
            "{memory}"
        );
        let stateful = comparison.lanes()[1].last_reached(0).unwrap();
        assert_eq!(
            stateful, "adder-0",
            "Alice names adder-0 in the StatefulSet scene"
        );
        comparison
            .act(
                Some(0),
                Command::DeletePod {
                    name: memory.clone(),
                },
            )
            .unwrap();
        assert!(
            comparison
                .link()
                .to_query()
                .contains(&format!("30000.1.d.{memory}"))
        );
    }
}
