//! The shareable link: scenario, seed and every action with its virtual time, in the URL query.
//!
//! `?scenario=adder-memory&seed=42&actions=1200.d.adder-5d59d67564-x2b4k~3000.n.5`
//! Replaying the actions at their times on the same seed gives the same run, request for request.
//! Only URL-safe characters are used (letters, digits, `-`, `.`, `~`), so nothing needs escaping.

use std::fmt::{self, Write as _};

use crate::amount::{AmountError, parse_whole_number, whole_number_text};

use crate::sim::design::{Design, DesignCode};
use crate::sim::scenario::{ClaimRetention, PodManagementPolicy, ProxyMode, UpdateStrategy};
use crate::sim::{Command, RequestKind, ScenarioId, Target, World};

/// The link format this version writes (`v=`). Links without `v` were written before formats
/// were numbered and are format 1. Every earlier format stays readable: a change to how a link
/// reads bumps this and keeps the old reading for the old number.
///
/// Format 2 added `design=` (a learner's applied manifests, as `Design::code`).
pub const LINK_FORMAT: u32 = 2;

/// Actions a link records; past this the link keeps the first ones and says so.
pub const ACTIONS_MAX: usize = 200;

/// What a link describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub scenario: ScenarioId,
    /// A design of the learner's own, run in place of the scenario's (the scenario is then the
    /// closest built-in one, which the picker shows).
    pub design: Option<DesignCode>,
    pub seed: u64,
    pub actions: Vec<(u64, Command)>,
}

/// A link that could not be read completely: what was wrong, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem(pub String);

pub const DEFAULT_SEED: u64 = 1;
/// The scene a link without a (valid) scenario opens: the story's bug, several pods in memory.
pub const DEFAULT_SCENARIO: ScenarioId = ScenarioId::AdderMemory;

impl Link {
    pub fn new(scenario: ScenarioId, seed: u64) -> Self {
        Self {
            scenario,
            design: None,
            seed,
            actions: Vec::new(),
        }
    }

    /// A run of a learner's own design.
    pub fn of_design(design: Design, seed: u64) -> Self {
        Self {
            scenario: design.base(),
            design: Some(DesignCode::of(design)),
            seed,
            actions: Vec::new(),
        }
    }

    /// The world at the start of this link's run.
    pub fn world(&self) -> World {
        match &self.design {
            Some(code) => World::with_settings(code.design().settings(), self.seed),
            None => World::new(self.scenario, self.seed),
        }
    }

    /// The query string, without the leading `?`.
    pub fn to_query(&self) -> String {
        let mut query = format!("scenario={}", self.scenario.slug());
        if let Some(design) = &self.design {
            let _ = write!(query, "&design={}", design.code());
        }
        let _ = write!(query, "&seed={}", self.seed);
        if !self.actions.is_empty() {
            query.push_str("&actions=");
            for (index, (at_ms, command)) in self.actions.iter().enumerate() {
                if index > 0 {
                    query.push('~');
                }
                let _ = write!(query, "{at_ms}.{}", encode(command));
            }
        }
        let _ = write!(query, "&v={LINK_FORMAT}");
        query
    }

    /// Reads a query string (with or without `?`). Unknown parameters are ignored; anything
    /// broken falls back to the default and is reported, never guessed.
    pub fn parse(query: &str) -> (Link, Vec<LinkProblem>) {
        let mut link = Link::new(DEFAULT_SCENARIO, DEFAULT_SEED);
        let mut problems = Vec::new();
        let mut actions_text = None;
        for pair in query
            .trim_start_matches('?')
            .split('&')
            .filter(|pair| !pair.is_empty())
        {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "scenario" => match ScenarioId::parse(value) {
                    Ok(scenario) => link.scenario = scenario,
                    Err(error) => problems.push(LinkProblem(format!(
                        "{error} Showing \u{201c}{}\u{201d} instead.",
                        DEFAULT_SCENARIO.title()
                    ))),
                },
                "seed" => match parse_seed(value) {
                    Ok(seed) => link.seed = seed,
                    Err(error) => {
                        problems.push(LinkProblem(format!("{error} Using seed {DEFAULT_SEED}.")))
                    }
                },
                "actions" => actions_text = Some(value),
                "design" => match DesignCode::read(value) {
                    Some(design) => link.design = Some(design),
                    None => problems.push(LinkProblem(format!(
                        "The link's design (\u{201c}{}\u{201d}) cannot be read: it shows the scenario \u{201c}{}\u{201d} instead of your manifests.",
                        value.chars().take(40).collect::<String>(),
                        link.scenario.title()
                    ))),
                },
                "v" => match value.parse::<u32>() {
                    Ok(format) if (1..=LINK_FORMAT).contains(&format) => {}
                    _ => problems.push(LinkProblem(format!(
                        "This link is in format \u{201c}{}\u{201d}, which this version of Adder Lab does not know (it writes format {LINK_FORMAT}); it is read as format {LINK_FORMAT} and may replay differently.",
                        value.chars().take(12).collect::<String>()
                    ))),
                },
                _ => {}
            }
        }
        if let Some(text) = actions_text {
            link.actions = parse_actions(text, "run", decode, &mut problems);
        }
        (link, problems)
    }
}

/// Reads a link's `~`-separated actions with `decode`, in time order. Stops at the first one it
/// cannot read (or out of order) and at `ACTIONS_MAX`, saying so in `problems`: what follows a
/// broken action is not guessed. `replays` names what replays them ("run", "comparison").
pub(crate) fn parse_actions<A>(
    text: &str,
    replays: &str,
    decode: impl Fn(&str) -> Option<(u64, A)>,
    problems: &mut Vec<LinkProblem>,
) -> Vec<(u64, A)> {
    let mut actions: Vec<(u64, A)> = Vec::new();
    for (index, item) in text.split('~').enumerate() {
        if index == ACTIONS_MAX {
            problems.push(LinkProblem(format!(
                "The link has more than {ACTIONS_MAX} actions; only the first {ACTIONS_MAX} are replayed."
            )));
            break;
        }
        let last_ms = actions.last().map_or(0, |action| action.0);
        match decode(item) {
            Some(action) if action.0 >= last_ms => actions.push(action),
            _ => {
                problems.push(LinkProblem(format!(
                    "Action {} of the link (\u{201c}{}\u{201d}) cannot be read; the {replays} replays the {} before it.",
                    index + 1,
                    item.chars().take(40).collect::<String>(),
                    actions.len()
                )));
                break;
            }
        }
    }
    actions
}

/// Why a typed or linked seed was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedError(AmountError);

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let max = u64::MAX;
        match &self.0 {
            AmountError::Empty => write!(f, "Type a seed: a whole number from 0 to {max}."),
            AmountError::TooLarge(text) => write!(
                f,
                "The seed {} is too large: seeds go up to {max}.",
                whole_number_text(text)
            ),
            AmountError::NotANumber(text)
            | AmountError::Fraction(text)
            | AmountError::Negative(text) => write!(
                f,
                "The seed \u{201c}{text}\u{201d} is not a whole number from 0 to {max}."
            ),
        }
    }
}

/// A seed as typed in the seed field or found in a link.
pub fn parse_seed(text: &str) -> Result<u64, SeedError> {
    parse_whole_number(text).map_err(SeedError)
}

/// Query keys the app writes itself (the playground's link and the lessons' place).
const OWN_KEYS: [&str; 7] = [
    "scenario", "seed", "actions", "v", "lesson", "done", "compare",
];

/// The page's new query: the parameters of `current` that the app does not own (`embed`,
/// `theme`, anything a host added) as they were, then `parts` (queries the app wrote) in order.
pub fn page_query(current: &str, parts: &[&str]) -> String {
    current
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| {
            let key = pair.split_once('=').map_or(*pair, |(key, _)| key);
            !pair.is_empty() && !OWN_KEYS.contains(&key)
        })
        .chain(parts.iter().copied().filter(|part| !part.is_empty()))
        .collect::<Vec<_>>()
        .join("&")
}

/// An action's code in a link, e.g. `d.adder-1`.
pub fn encode(command: &Command) -> String {
    match command {
        Command::Send {
            client,
            kind: RequestKind::Add(number),
        } => format!("s.{client}.{number}"),
        Command::Send {
            client,
            kind: RequestKind::Convert(metres),
        } => format!("c.{client}.{metres}"),
        Command::Curl { target, kind } => match kind {
            RequestKind::Add(number) => format!("w.{}.a{number}", target.code()),
            RequestKind::Convert(metres) => format!("w.{}.c{metres}", target.code()),
        },
        Command::SetTraffic {
            client,
            requests_per_minute,
        } => format!("r.{client}.{requests_per_minute}"),
        Command::SetTarget { client, target } => format!("g.{client}.{}", target.code()),
        Command::DeletePod { name } => format!("d.{name}"),
        Command::DeletePodWithGrace {
            name,
            grace_period_s,
        } => format!("k.{grace_period_s}.{name}"),
        Command::RestartContainer { pod } => format!("x.{pod}"),
        Command::FailNode { node } => format!("f.{node}"),
        Command::SetSchedulable {
            node,
            schedulable: false,
        } => format!("y.{node}"),
        Command::SetSchedulable {
            node,
            schedulable: true,
        } => format!("z.{node}"),
        Command::Drain { node } => format!("v.{node}"),
        Command::RecoverNode { node } => format!("u.{node}"),
        Command::Scale { replicas } => format!("n.{replicas}"),
        Command::RollOut => "o".to_owned(),
        Command::SetLock(on) => format!("l.{}", u8::from(*on)),
        Command::SetProxyMode(mode) => format!("p.{}", mode.code()),
        Command::SetSessionAffinity(on) => format!("a.{}", u8::from(*on)),
        Command::SetPodManagement(policy) => format!("m.{}", policy.code()),
        Command::SetUpdateStrategy(strategy) => format!("t.{}", strategy.code()),
        Command::SetClaimRetention(retention) => format!("e.{}", retention.code()),
        Command::SetPublishNotReady(on) => format!("b.{}", u8::from(*on)),
        Command::DeleteWorkload => "q.w".to_owned(),
        Command::DeleteService => "q.s".to_owned(),
        Command::CreateWorkload { replicas } => format!("j.w.{replicas}"),
        Command::CreateService { headless } => format!("j.s.{}", u8::from(*headless)),
    }
}

/// Reads one action's code (`d.adder-1`, as `encode` writes it).
pub fn decode_action(code: &str) -> Option<Command> {
    decode(&format!("0.{code}")).map(|(_, command)| command)
}

/// Reads one action (`<ms>.<code>[.<fields>]`); `None` when any part is malformed.
pub(crate) fn decode(item: &str) -> Option<(u64, Command)> {
    let mut fields = item.splitn(3, '.');
    let at_ms = fields.next()?.parse::<u64>().ok()?;
    let code = fields.next()?;
    let rest = fields.next();
    fn two(rest: Option<&str>) -> Option<(usize, &str)> {
        let (first, second) = rest?.split_once('.')?;
        Some((first.parse().ok()?, second))
    }
    let name = |rest: Option<&str>| -> Option<String> {
        let name = rest?;
        let valid = !name.is_empty()
            && name.len() <= 63
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        valid.then(|| name.to_owned())
    };
    let flag = |rest: Option<&str>| match rest? {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    };
    let command = match code {
        "s" => {
            let (client, number) = two(rest)?;
            Command::Send {
                client,
                kind: RequestKind::Add(number.parse().ok()?),
            }
        }
        "c" => {
            let (client, metres) = two(rest)?;
            Command::Send {
                client,
                kind: RequestKind::Convert(metres.parse().ok()?),
            }
        }
        "w" => {
            let (target, body) = rest?.split_once('.')?;
            let kind = match body.split_at_checked(1)? {
                ("a", number) => RequestKind::Add(number.parse().ok()?),
                ("c", metres) => RequestKind::Convert(metres.parse().ok()?),
                _ => return None,
            };
            Command::Curl {
                target: Target::from_code(target)?,
                kind,
            }
        }
        "r" => {
            let (client, rate) = two(rest)?;
            Command::SetTraffic {
                client,
                requests_per_minute: rate.parse().ok()?,
            }
        }
        "g" => {
            let (client, target) = two(rest)?;
            Command::SetTarget {
                client,
                target: Target::from_code(target)?,
            }
        }
        "d" => Command::DeletePod { name: name(rest)? },
        "k" => {
            let (grace_period_s, pod) = rest?.split_once('.')?;
            Command::DeletePodWithGrace {
                name: name(Some(pod))?,
                grace_period_s: grace_period_s.parse().ok()?,
            }
        }
        "x" => Command::RestartContainer { pod: name(rest)? },
        "f" => Command::FailNode { node: name(rest)? },
        "y" | "z" => Command::SetSchedulable {
            node: name(rest)?,
            schedulable: code == "z",
        },
        "v" => Command::Drain { node: name(rest)? },
        "u" => Command::RecoverNode { node: name(rest)? },
        "n" => Command::Scale {
            replicas: rest?.parse().ok()?,
        },
        "o" if rest.is_none() => Command::RollOut,
        "l" => Command::SetLock(flag(rest)?),
        "p" => Command::SetProxyMode(ProxyMode::from_code(rest?)?),
        "a" => Command::SetSessionAffinity(flag(rest)?),
        "m" => Command::SetPodManagement(PodManagementPolicy::from_code(rest?)?),
        "t" => Command::SetUpdateStrategy(UpdateStrategy::from_code(rest?)?),
        "e" => Command::SetClaimRetention(ClaimRetention::from_code(rest?)?),
        "b" => Command::SetPublishNotReady(flag(rest)?),
        "q" => match rest? {
            "w" => Command::DeleteWorkload,
            "s" => Command::DeleteService,
            _ => return None,
        },
        "j" => match rest?.split_once('.')? {
            ("w", replicas) => Command::CreateWorkload {
                replicas: replicas.parse().ok()?,
            },
            ("s", headless) => Command::CreateService {
                headless: flag(Some(headless))?,
            },
            _ => return None,
        },
        _ => return None,
    };
    Some((at_ms, command))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_command() -> Vec<Command> {
        vec![
            Command::Send {
                client: 0,
                kind: RequestKind::Add(5),
            },
            Command::Send {
                client: 2,
                kind: RequestKind::Convert(7),
            },
            Command::SetTraffic {
                client: 1,
                requests_per_minute: 60,
            },
            Command::SetTarget {
                client: 1,
                target: Target::Pod(2),
            },
            Command::SetTarget {
                client: 0,
                target: Target::Service,
            },
            Command::DeletePod {
                name: "adder-5d59d67564-x2b4k".into(),
            },
            Command::DeletePodWithGrace {
                name: "adder-1".into(),
                grace_period_s: 0,
            },
            Command::Curl {
                target: Target::Service,
                kind: RequestKind::Add(5),
            },
            Command::Curl {
                target: Target::Pod(1),
                kind: RequestKind::Convert(7),
            },
            Command::DeletePodWithGrace {
                name: "adder-2".into(),
                grace_period_s: 30,
            },
            Command::RestartContainer {
                pod: "adder-1".into(),
            },
            Command::FailNode {
                node: "node-2".into(),
            },
            Command::RecoverNode {
                node: "node-2".into(),
            },
            Command::SetSchedulable {
                node: "node-1".into(),
                schedulable: false,
            },
            Command::SetSchedulable {
                node: "node-1".into(),
                schedulable: true,
            },
            Command::Drain {
                node: "node-3".into(),
            },
            Command::Scale { replicas: 5 },
            Command::RollOut,
            Command::SetLock(false),
            Command::SetProxyMode(ProxyMode::RoundRobin),
            Command::SetProxyMode(ProxyMode::Random),
            Command::SetSessionAffinity(true),
            Command::SetPodManagement(PodManagementPolicy::Parallel),
            Command::SetPodManagement(PodManagementPolicy::OrderedReady),
            Command::SetUpdateStrategy(UpdateStrategy::OnDelete),
            Command::SetUpdateStrategy(UpdateStrategy::RollingUpdate { partition: 2 }),
            Command::SetUpdateStrategy(UpdateStrategy::Recreate),
            Command::SetPublishNotReady(true),
            Command::DeleteWorkload,
            Command::DeleteService,
            Command::CreateWorkload { replicas: 4 },
            Command::CreateService { headless: true },
            Command::SetClaimRetention(ClaimRetention {
                delete_when_deleted: false,
                delete_when_scaled: true,
            }),
            Command::SetUpdateStrategy(UpdateStrategy::surge(
                crate::sim::scenario::IntOrPercent::Int(1),
                crate::sim::scenario::IntOrPercent::Percent(0),
            )),
        ]
    }

    #[test]
    fn every_action_round_trips() {
        let link = Link {
            scenario: ScenarioId::StatefulSetHeadless,
            design: None,
            seed: 42,
            actions: every_command()
                .into_iter()
                .enumerate()
                .map(|(i, c)| (i as u64 * 100, c))
                .collect(),
        };
        let query = link.to_query();
        assert!(
            query
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.~=&".contains(&b)),
            "{query}"
        );
        assert_eq!(Link::parse(&query), (link.clone(), vec![]));
        assert_eq!(Link::parse(&format!("?{query}&utm=x")).0, link);
    }

    /// Links written before formats were numbered have no `v`: they are format 1 and read the
    /// same; a format this version does not know is said, not silently guessed at.
    #[test]
    fn every_link_format_stays_readable() {
        let unversioned = "scenario=statefulset-headless&seed=8&actions=20000.d.adder-1~30000.n.2";
        let (old, problems) = Link::parse(unversioned);
        assert!(problems.is_empty());
        assert_eq!(
            Link::parse(&format!("{unversioned}&v=1")),
            (old.clone(), vec![])
        );
        assert_eq!(old.to_query(), format!("{unversioned}&v={LINK_FORMAT}"));
        let (future, problems) = Link::parse(&format!("{unversioned}&v=7"));
        assert_eq!(future, old);
        assert!(
            problems[0].0.contains("format \u{201c}7\u{201d}"),
            "{problems:?}"
        );
    }

    #[test]
    fn seeds_are_whole_numbers_and_each_refusal_says_why() {
        assert_eq!(parse_seed(" 42 "), Ok(42));
        assert_eq!(parse_seed("18446744073709551615"), Ok(u64::MAX));
        let message = |text: &str| parse_seed(text).unwrap_err().to_string();
        assert_eq!(
            message("18446744073709551616"),
            "The seed 18446744073709551616 is too large: seeds go up to 18446744073709551615."
        );
        assert!(message("abc").starts_with("The seed \u{201c}abc\u{201d} is not a whole number"));
        assert!(message("-3").contains("not a whole number"));
        assert!(message("").starts_with("Type a seed"));
    }

    #[test]
    fn other_parameters_of_the_page_are_kept() {
        let link = Link::new(ScenarioId::ThreeTier, 3).to_query();
        assert_eq!(
            page_query(
                "?embed=1&scenario=one-server&lesson=x&theme=dark&seed=9&actions=5.o&done=y",
                &["lesson=headless", &link]
            ),
            "embed=1&theme=dark&lesson=headless&scenario=three-tier&seed=3&v=2"
        );
        assert_eq!(
            page_query("", &["", &link]),
            "scenario=three-tier&seed=3&v=2"
        );
    }

    #[test]
    fn broken_links_fall_back_and_say_why() {
        let (link, problems) = Link::parse("scenario=blue-green&seed=abc");
        assert_eq!(link, Link::new(DEFAULT_SCENARIO, DEFAULT_SEED));
        assert_eq!(problems.len(), 2);
        assert!(problems[0].0.contains("blue-green"));
        assert!(problems[1].0.contains("not a whole number"));

        let (link, problems) = Link::parse("scenario=adder-memory&seed=3&actions=100.n.4~50.o~x");
        assert_eq!(
            link.actions,
            [(100, Command::Scale { replicas: 4 })],
            "time must not run backwards"
        );
        assert!(problems[0].0.contains("Action 2"));

        for bad in [
            "10.s.0",
            "10.d.Adder!",
            "10.q.1",
            "abc.o",
            "10.l.2",
            "10.o.x",
            "10.s.0.-1",
        ] {
            let (link, problems) = Link::parse(&format!("actions={bad}"));
            assert!(link.actions.is_empty() && problems.len() == 1, "{bad}");
        }
        let huge = "9".repeat(30);
        let (link, problems) = Link::parse(&format!("scenario=adder-memory&seed={huge}"));
        assert_eq!(link.seed, DEFAULT_SEED);
        assert_eq!(
            problems[0].0,
            format!(
                "The seed {huge} is too large: seeds go up to 18446744073709551615. Using seed 1."
            )
        );
        let many = vec!["5.o"; ACTIONS_MAX + 5].join("~");
        let (link, problems) = Link::parse(&format!("actions={many}"));
        assert_eq!(link.actions.len(), ACTIONS_MAX);
        assert_eq!(problems.len(), 1);
    }
}
