//! Plain-words narration of key events for the `aria-live` region: answers to requests the
//! learner sent by hand, and each new checker finding. Automatic traffic is not narrated
//! (a screen reader would never stop talking).

use std::collections::BTreeSet;

use crate::sim::World;
use crate::sim::checker::RequestId;
use crate::sim::command::RequestKind;

/// Hand-sent requests awaiting an answer are few; this bounds them anyway.
const WATCHED_MAX: usize = 64;

#[derive(Debug, Clone, Default)]
pub struct Narrator {
    watched: BTreeSet<RequestId>,
    findings_seen: u64,
}

impl Narrator {
    /// Narrate the answer to this request when it arrives.
    pub fn watch(&mut self, request: RequestId) {
        if self.watched.len() == WATCHED_MAX {
            self.watched.pop_first();
        }
        self.watched.insert(request);
    }

    /// Starts over for a new run.
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// The run moved to another moment (a seek): what the world holds there is not news, and
    /// requests sent in another branch will not be answered.
    pub fn moved(&mut self, world: &World) {
        self.watched.clear();
        self.findings_seen = world.checker().total_findings();
    }

    /// What happened since the last call that is worth saying, newest last.
    pub fn narrate(&mut self, world: &World) -> Vec<String> {
        let mut said = Vec::new();
        if !self.watched.is_empty() {
            for completed in world.completed() {
                if !self.watched.remove(&completed.id) {
                    continue;
                }
                let client = world.clients()[completed.client].name;
                let what = match completed.kind {
                    RequestKind::Add(number) => format!("add {number}"),
                    RequestKind::Convert(metres) => format!("convert {metres} m"),
                };
                let pod = completed
                    .pod
                    .map_or("no pod".to_owned(), |pod| pod.to_string());
                said.push(match (completed.kind, completed.outcome) {
                    (RequestKind::Add(_), Ok(total)) => {
                        format!(
                            "Request {} from {client} ({what}) went to {pod}, total {total}.",
                            completed.id
                        )
                    }
                    (RequestKind::Convert(_), Ok(centimetres)) => {
                        format!(
                            "Request {} from {client} ({what}) went to {pod}: {centimetres} cm.",
                            completed.id
                        )
                    }
                    (_, Err(failure)) => {
                        format!(
                            "Request {} from {client} ({what}) failed: {}.",
                            completed.id,
                            failure.describe()
                        )
                    }
                });
            }
        }
        let total = world.checker().total_findings();
        if total > self.findings_seen {
            if let Some(latest) = world.checker().findings().next_back() {
                let names: Vec<&str> = world.clients().iter().map(|client| client.name).collect();
                said.push(latest.describe(&names));
            }
            self.findings_seen = total;
        }
        said
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{Command, ScenarioId};

    #[test]
    fn narrates_hand_sent_requests_and_new_findings() {
        let mut world = World::new(ScenarioId::OneServer, 1);
        let mut narrator = Narrator::default();
        world.run_for(5_000);
        world
            .apply(&Command::Send {
                client: 0,
                kind: RequestKind::Add(5),
            })
            .unwrap();
        narrator.watch(world.last_request_id().unwrap());
        assert!(narrator.narrate(&world).is_empty());
        world.run_for(5_000);
        let said = narrator.narrate(&world);
        assert_eq!(said.len(), 1);
        assert!(
            said[0].starts_with("Request 1 from Alice (add 5) went to adder-"),
            "{}",
            said[0]
        );
        assert!(said[0].ends_with("total 5."), "{}", said[0]);
        assert!(narrator.narrate(&world).is_empty(), "said once");

        let mut world = World::new(ScenarioId::AdderMemory, 1);
        let mut narrator = Narrator::default();
        world.run_for(60_000);
        let said = narrator.narrate(&world);
        assert_eq!(said.len(), 1, "only the newest finding, not a flood");
    }
}
