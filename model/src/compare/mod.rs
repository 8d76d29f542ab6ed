//! Side by side: two to four ways of running the adder, each in its own world, driven by one
//! request stream (`stream.rs`) — the same clients send the same numbers at the same moments in
//! every lane, while each lane's own randomness (routing, scheduling, names) stays its own.
//! Faults and settings go to one lane or to all.

pub mod lesson;
pub mod link;
mod marks;
pub mod report;
pub mod stream;
mod timeline;

use std::fmt;

use crate::playground::link::{ACTIONS_MAX, LinkProblem};
use crate::playground::{Forked, format_seconds};
use crate::sim::command::TRAFFIC_PER_MINUTE_MAX;
use crate::sim::scenario::Program;
use crate::sim::{Command, CommandError, Finding, RequestKind, ScenarioId, Settings, World};
use link::CompareLink;
use stream::{FNV_OFFSET, RequestStream, StreamRequest, fold};
use timeline::Timeline;
pub use timeline::{CHECKPOINT_EVERY_EVENTS, CHECKPOINTS_MAX};

pub const LANES_MIN: usize = 2;
pub const LANES_MAX: usize = 4;
/// Each client's rate when a comparison starts: the scenarios' own default traffic.
pub const DEFAULT_RATE_PER_MINUTE: u32 = 20;
/// How far `advance_to` runs in new territory between looks at the timeline.
const REACH_CHUNK_MS: u64 = 1_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareError {
    LaneCount(usize),
    NoSuchLane(usize),
}

impl fmt::Display for CompareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompareError::LaneCount(count) => write!(
                f,
                "A comparison has {LANES_MIN} to {LANES_MAX} lanes; {count} is not possible."
            ),
            CompareError::NoSuchLane(lane) => write!(f, "There is no lane {}.", lane + 1),
        }
    }
}

impl std::error::Error for CompareError {}

/// One way of running the adder, fed the comparison's stream.
#[derive(Debug, Clone)]
pub struct Lane {
    world: World,
    received: u64,
    digest: u64,
    /// Streamed requests the world refused (too many in flight): received, never sent.
    refused: u64,
}

impl Lane {
    fn new(scenario: ScenarioId, seed: u64) -> Self {
        Lane {
            world: lane_world(scenario, seed),
            received: 0,
            digest: FNV_OFFSET,
            refused: 0,
        }
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    pub fn scenario(&self) -> ScenarioId {
        self.world.scenario()
    }

    /// Requests of the stream this lane received, and their digest (equal in every lane).
    pub fn received(&self) -> (u64, u64) {
        (self.received, self.digest)
    }

    pub fn refused(&self) -> u64 {
        self.refused
    }

    /// A streamed request reaches this lane at its time, after every event up to that time (as
    /// a playground applies an action recorded at that time).
    fn receive(&mut self, request: &StreamRequest) {
        self.world.run_until(request.at_ms);
        let send = Command::Send {
            client: request.client,
            kind: request_kind(&self.world, request.number),
        };
        if self.world.apply(&send).is_err() {
            self.refused += 1;
        }
        self.received += 1;
        self.digest = fold(self.digest, request);
    }
}

/// A scenario's world with its clients' own traffic off: in a comparison the stream sends.
pub fn lane_world(scenario: ScenarioId, seed: u64) -> World {
    let mut settings = Settings::for_scenario(scenario);
    for client in &mut settings.clients {
        client.requests_per_minute = 0;
    }
    World::with_settings(settings, seed)
}

/// What a streamed number asks of a lane: an add, or a conversion where the lane runs only
/// the converter (the stateless program is compared on the same numbers).
pub fn request_kind(world: &World, number: u64) -> RequestKind {
    match world.settings().program {
        Program::Converter => RequestKind::Convert(number),
        Program::Adder | Program::AdderAndConverter => RequestKind::Add(number),
    }
}

/// Everything that changes as a comparison runs: what a checkpoint copies.
#[derive(Debug, Clone)]
pub(crate) struct Moment {
    lanes: Vec<Lane>,
    stream: RequestStream,
    now_ms: u64,
    /// `link.actions[next_action..]` are still to be applied.
    next_action: usize,
}

impl Moment {
    /// Events the lanes have run, together: what replaying from here costs.
    fn events(&self) -> u64 {
        self.lanes
            .iter()
            .map(|lane| lane.world.stats().events_processed)
            .sum()
    }
}

#[derive(Debug, Clone)]
pub struct Comparison {
    /// The lanes, the seed and every action of the branch: what the shareable link holds.
    link: CompareLink,
    moment: Moment,
    timeline: Timeline,
    /// What an opened link got wrong, read or replayed.
    problems: Vec<LinkProblem>,
    /// Actions of the opened link that could not apply and were taken out of it.
    actions_dropped: usize,
}

impl Comparison {
    /// Lanes for these scenarios (two to four; the same scenario twice is allowed), every world
    /// and the stream from `seed`.
    pub fn new(scenarios: &[ScenarioId], seed: u64) -> Result<Self, CompareError> {
        Self::from_link(CompareLink::new(scenarios.to_vec(), seed))
    }

    /// The comparison a link describes; its actions are applied as time reaches them.
    pub fn from_link(link: CompareLink) -> Result<Self, CompareError> {
        Self::from_link_with_checkpoints(link, CHECKPOINT_EVERY_EVENTS)
    }

    /// As `from_link`, with checkpoints every `every_events` events (tests try many spacings).
    pub fn from_link_with_checkpoints(
        link: CompareLink,
        every_events: u64,
    ) -> Result<Self, CompareError> {
        let count = link.scenarios.len();
        if !(LANES_MIN..=LANES_MAX).contains(&count) {
            return Err(CompareError::LaneCount(count));
        }
        let lanes: Vec<Lane> = link
            .scenarios
            .iter()
            .map(|scenario| Lane::new(*scenario, link.seed))
            .collect();
        let clients = lanes[0].world.clients().len();
        let moment = Moment {
            stream: RequestStream::new(link.seed, &vec![DEFAULT_RATE_PER_MINUTE; clients]),
            lanes,
            now_ms: 0,
            next_action: 0,
        };
        Ok(Comparison {
            timeline: Timeline::new(&moment, every_events),
            moment,
            link,
            problems: Vec::new(),
            actions_dropped: 0,
        })
    }

    pub fn link(&self) -> &CompareLink {
        &self.link
    }

    pub fn problems(&self) -> &[LinkProblem] {
        &self.problems
    }

    pub fn now_ms(&self) -> u64 {
        self.moment.now_ms
    }

    /// The furthest the branch has run (the timeline's end).
    pub fn end_ms(&self) -> u64 {
        self.timeline.end_ms()
    }

    /// True when the view is back in time, behind the branch's end.
    pub fn in_the_past(&self) -> bool {
        self.moment.now_ms < self.timeline.end_ms()
    }

    pub fn checkpoints(&self) -> usize {
        self.timeline.checkpoints()
    }

    pub fn lanes(&self) -> &[Lane] {
        &self.moment.lanes
    }

    pub fn stream(&self) -> &RequestStream {
        &self.moment.stream
    }

    /// The branch's actions that have been applied by now, with where they went.
    pub fn actions_so_far(&self) -> &[link::CompareAction] {
        &self.link.actions[..self.moment.next_action]
    }

    /// Per lane, the first thing its checker found on this branch, if anything.
    pub fn first_findings(&self) -> &[Option<Finding>] {
        self.timeline.first_findings()
    }

    /// Runs every lane to `until_ms`: the stream's requests reach every lane in turn, and the
    /// link's actions apply at their times, after the requests of their millisecond. New
    /// territory is run a second at a time, so a long jump leaves checkpoints behind it.
    pub fn advance_to(&mut self, until_ms: u64) {
        while self.moment.now_ms < until_ms {
            let step_ms = if self.in_the_past() {
                until_ms.min(self.timeline.end_ms())
            } else {
                until_ms.min(self.moment.now_ms + REACH_CHUNK_MS)
            };
            self.run_actions_until(step_ms);
            self.timeline.reached(&self.moment);
        }
    }

    /// Rebuilds every lane as it was at `at_ms` of the branch (clamped to its end), from the
    /// nearest checkpoint; the view stays there until it is played or acted on.
    pub fn seek_ms(&mut self, at_ms: u64) {
        let at_ms = at_ms.min(self.timeline.end_ms());
        let checkpoint = self.timeline.latest(at_ms);
        if self.moment.now_ms > at_ms || checkpoint.now_ms > self.moment.now_ms {
            self.moment = checkpoint.clone();
        }
        self.advance_to(at_ms);
    }

    fn run_actions_until(&mut self, until_ms: u64) {
        while let Some(at_ms) = self
            .link
            .actions
            .get(self.moment.next_action)
            .map(|action| action.0)
            .filter(|&at_ms| at_ms <= until_ms)
        {
            self.feed_until(at_ms);
            let next = self.moment.next_action;
            let (_, lane, command) = self.link.actions[next].clone();
            match self.apply(lane, &command) {
                Ok(_) => self.moment.next_action += 1,
                Err(error) => {
                    // As in the playground: say which action could not apply, and go on without it.
                    self.problems.push(LinkProblem(format!(
                        "Action {} of the link was dropped at {}: {error}",
                        next + self.actions_dropped + 1,
                        format_seconds(at_ms)
                    )));
                    self.link.actions.remove(next);
                    self.actions_dropped += 1;
                }
            }
        }
        self.feed_until(until_ms);
    }

    fn feed_until(&mut self, until_ms: u64) {
        let moment = &mut self.moment;
        while moment
            .stream
            .peek_ms()
            .is_some_and(|at_ms| at_ms <= until_ms)
        {
            let request = moment.stream.take().expect("peeked");
            for lane in &mut moment.lanes {
                lane.receive(&request);
            }
        }
        for lane in &mut moment.lanes {
            lane.world.run_until(until_ms);
        }
        moment.now_ms = moment.now_ms.max(until_ms);
        debug_assert!(
            moment
                .lanes
                .windows(2)
                .all(|pair| pair[0].received() == pair[1].received()),
            "every lane receives the same stream"
        );
    }

    /// A learner's action now, recorded in the link: a fault or a setting in one lane
    /// (`Some(index)`) or in every lane (`None`), or a client's rate in the shared stream (every
    /// lane). Refused only when it applies nowhere; for every lane it applies where it can and
    /// `Acted::refused` says where not. Acting back in time, or before an opened link's actions
    /// have all applied, starts a new branch here (`Acted::forked` says what was dropped).
    pub fn act(
        &mut self,
        lane: Option<usize>,
        command: Command,
    ) -> Result<Acted, CompareApplyError> {
        let refused = self.apply(lane, &command)?;
        let next = self.moment.next_action;
        let forked = (self.in_the_past() || next < self.link.actions.len()).then(|| Forked {
            at_ms: self.moment.now_ms,
            dropped_ms: self.timeline.end_ms() - self.moment.now_ms,
            dropped_actions: self.link.actions.len() - next,
        });
        self.link.actions.truncate(next);
        if self.link.actions.len() < ACTIONS_MAX {
            self.link.actions.push((self.moment.now_ms, lane, command));
        }
        self.moment.next_action = self.link.actions.len();
        if forked.is_some() {
            self.timeline.fork(&self.moment);
        }
        Ok(Acted { forked, refused })
    }

    /// Applies an action now, in every lane where it can: returns the lanes that refused it, or
    /// the first refusal when no lane took it (then nothing changed).
    fn apply(
        &mut self,
        lane: Option<usize>,
        command: &Command,
    ) -> Result<Vec<CompareApplyError>, CompareApplyError> {
        match (command, lane) {
            (Command::Send { .. }, _) | (Command::SetTraffic { .. }, Some(_)) => {
                return Err(CompareApplyError::StreamOnly);
            }
            (
                Command::SetTraffic {
                    client,
                    requests_per_minute,
                },
                None,
            ) => {
                if *client >= self.moment.stream.rates_per_minute().len() {
                    return Err(CompareApplyError::Stream(CommandError::NoSuchClient(
                        *client,
                    )));
                }
                if *requests_per_minute > TRAFFIC_PER_MINUTE_MAX {
                    return Err(CompareApplyError::Stream(CommandError::TrafficOutOfRange(
                        *requests_per_minute,
                    )));
                }
                self.moment
                    .stream
                    .set_rate(*client, *requests_per_minute, self.moment.now_ms);
                return Ok(Vec::new());
            }
            _ => {}
        }
        let indices: Vec<usize> = match lane {
            Some(index) if index < self.moment.lanes.len() => vec![index],
            Some(index) => return Err(CompareApplyError::Lane(CompareError::NoSuchLane(index))),
            None => (0..self.moment.lanes.len()).collect(),
        };
        let lanes = indices.len();
        let mut refused = Vec::new();
        for index in indices {
            if let Err(error) = self.moment.lanes[index].world.apply(command) {
                refused.push(CompareApplyError::Command { lane: index, error });
            }
        }
        if refused.len() == lanes {
            return Err(refused.swap_remove(0));
        }
        Ok(refused)
    }
}

/// What an action did: whether it started a new branch, and the lanes that could not take it
/// (it applied in the others).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Acted {
    pub forked: Option<Forked>,
    pub refused: Vec<CompareApplyError>,
}

/// Why a comparison refused a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareApplyError {
    /// Requests and traffic belong to the shared stream, not to one lane.
    StreamOnly,
    /// A change to the stream that is out of range.
    Stream(CommandError),
    Lane(CompareError),
    Command {
        lane: usize,
        error: CommandError,
    },
}

impl fmt::Display for CompareApplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompareApplyError::StreamOnly => f.write_str(
                "Requests come from the one stream every lane shares; change a client\u{2019}s rate for all lanes instead.",
            ),
            CompareApplyError::Stream(error) => write!(f, "{error}"),
            CompareApplyError::Lane(error) => write!(f, "{error}"),
            CompareApplyError::Command { lane, error } => write!(f, "Lane {}: {error}", lane + 1),
        }
    }
}

impl std::error::Error for CompareApplyError {}
