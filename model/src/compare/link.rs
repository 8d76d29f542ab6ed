//! A comparison's shareable link: the lanes' scenarios, the seed, and every action with its time
//! and where it went (one lane, or all):
//!
//! `?compare=adder-memory.shared-volume-lock.statefulset-headless&seed=3&actions=12000.2.d.adder-1~20000.a.r.0.60&v=2`
//!
//! Lanes are numbered from 1 in the link; `a` is every lane (a change of a client's rate in the
//! shared stream is always `a`). Actions are the playground's codes (`playground::link::encode`).

use std::fmt::Write as _;

use super::{LANES_MAX, LANES_MIN};
use crate::playground::link::{
    LINK_FORMAT, LinkProblem, decode, encode, parse_actions, parse_seed,
};
use crate::sim::{Command, ScenarioId};

/// One action of a comparison: when, which lane (`None`: all), what.
pub type CompareAction = (u64, Option<usize>, Command);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareLink {
    pub scenarios: Vec<ScenarioId>,
    pub seed: u64,
    pub actions: Vec<CompareAction>,
}

impl CompareLink {
    pub fn new(scenarios: Vec<ScenarioId>, seed: u64) -> Self {
        CompareLink {
            scenarios,
            seed,
            actions: Vec::new(),
        }
    }

    /// True when a page query asks for the compare view.
    pub fn asked_for(query: &str) -> bool {
        query
            .trim_start_matches('?')
            .split('&')
            .any(|pair| pair == "compare" || pair.starts_with("compare="))
    }

    pub fn to_query(&self) -> String {
        let lanes: Vec<&str> = self.scenarios.iter().map(|s| s.slug()).collect();
        let mut query = format!("compare={}&seed={}", lanes.join("."), self.seed);
        for (index, (at_ms, lane, command)) in self.actions.iter().enumerate() {
            query.push_str(if index == 0 { "&actions=" } else { "~" });
            let _ = match lane {
                Some(lane) => write!(query, "{at_ms}.{}.{}", lane + 1, encode(command)),
                None => write!(query, "{at_ms}.a.{}", encode(command)),
            };
        }
        let _ = write!(query, "&v={LINK_FORMAT}");
        query
    }

    /// Reads a compare query. The lanes must be readable (there is no sensible default for a
    /// comparison): otherwise the problem is returned and the page shows it. Anything else broken
    /// is reported and left out, never guessed, as for a playground link.
    pub fn parse(query: &str) -> Result<(CompareLink, Vec<LinkProblem>), LinkProblem> {
        let mut scenarios = None;
        let mut seed = 1;
        let mut actions_text = None;
        let mut problems = Vec::new();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "compare" => {
                    let parsed: Result<Vec<ScenarioId>, _> =
                        value.split('.').map(ScenarioId::parse).collect();
                    scenarios = Some(parsed.map_err(|error| {
                        LinkProblem(format!("This comparison cannot be opened: {error}"))
                    })?);
                }
                "seed" => match parse_seed(value) {
                    Ok(parsed) => seed = parsed,
                    Err(error) => problems.push(LinkProblem(format!("{error} Using seed 1."))),
                },
                "actions" => actions_text = Some(value),
                _ => {}
            }
        }
        let scenarios = scenarios
            .ok_or_else(|| LinkProblem("This link names no lanes to compare.".to_owned()))?;
        if !(LANES_MIN..=LANES_MAX).contains(&scenarios.len()) {
            return Err(LinkProblem(format!(
                "A comparison has {LANES_MIN} to {LANES_MAX} lanes; this link names {}.",
                scenarios.len()
            )));
        }
        let mut link = CompareLink::new(scenarios, seed);
        let lanes = link.scenarios.len();
        if let Some(text) = actions_text {
            link.actions = parse_actions(
                text,
                "comparison",
                |item| {
                    decode_action(item, lanes)
                        .map(|(at_ms, lane, command)| (at_ms, (lane, command)))
                },
                &mut problems,
            )
            .into_iter()
            .map(|(at_ms, (lane, command))| (at_ms, lane, command))
            .collect();
        }
        Ok((link, problems))
    }
}

/// `<ms>.<lane or a>.<code…>`: a lane from 1 to `lanes`; traffic only for all lanes.
fn decode_action(item: &str, lanes: usize) -> Option<CompareAction> {
    let (at_ms, rest) = item.split_once('.')?;
    let (lane, code) = rest.split_once('.')?;
    let lane = match lane {
        "a" => None,
        digits => Some(
            digits
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=lanes).contains(n))?
                - 1,
        ),
    };
    let (at_ms, command) = decode(&format!("{at_ms}.{code}"))?;
    let stream_only = matches!(command, Command::Send { .. } | Command::SetTraffic { .. });
    (!stream_only || (lane.is_none() && matches!(command, Command::SetTraffic { .. })))
        .then_some((at_ms, lane, command))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compare_link_round_trips_and_says_what_it_could_not_read() {
        let query = "compare=adder-memory.shared-volume-lock.statefulset-headless&seed=3&actions=12000.2.d.adder-1~20000.a.r.0.60~21000.a.n.1&v=2";
        let (link, problems) = CompareLink::parse(query).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(link.scenarios.len(), 3);
        assert_eq!(
            link.actions[0],
            (
                12_000,
                Some(1),
                Command::DeletePod {
                    name: "adder-1".into()
                }
            )
        );
        assert_eq!(link.to_query(), query);
        assert!(CompareLink::asked_for(query) && !CompareLink::asked_for("scenario=adder-memory"));

        let (link, problems) =
            CompareLink::parse("compare=adder-memory.three-tier&actions=5.9.o~6.a.o").unwrap();
        assert!(link.actions.is_empty());
        assert_eq!(problems.len(), 1, "lane 9 of 2: {problems:?}");
        let (_, problems) =
            CompareLink::parse("compare=adder-memory.three-tier&actions=5.1.s.0.5").unwrap();
        assert_eq!(
            problems.len(),
            1,
            "a request belongs to the stream, not to a lane"
        );
        let (_, problems) =
            CompareLink::parse("compare=adder-memory.three-tier&actions=5.1.r.0.5").unwrap();
        assert_eq!(problems.len(), 1, "a rate is for every lane");

        assert_eq!(
            CompareLink::parse("compare=adder-memory").unwrap_err().0,
            "A comparison has 2 to 4 lanes; this link names 1."
        );
        assert!(
            CompareLink::parse("compare=adder-memory.nonsense")
                .unwrap_err()
                .0
                .starts_with("This comparison cannot be opened: ")
        );
    }
}
