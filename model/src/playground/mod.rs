//! The playground's state outside the simulation: play/pause, speed, the recorded actions
//! (for the shareable link), replaying a link, and the narration of key events.
//! Plain Rust: the UI calls these methods and renders `World::snapshot`.

pub mod cadence;
pub mod link;
pub mod manifests;
pub mod marks;
pub mod narration;
pub mod real_cluster;
pub mod report;
pub mod scene;
pub mod timeline;

use crate::sim::{Command, CommandError, ScenarioId, Snapshot, World};

pub use link::{ACTIONS_MAX, Link, LinkProblem, page_query};
pub use narration::Narrator;
use timeline::{CHECKPOINT_EVERY_EVENTS, REACH_CHUNK_MS, Timeline};
pub use timeline::{FindingMark, describe_action};

/// The speeds offered, as virtual milliseconds per real millisecond, with their labels.
pub const SPEEDS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];
pub const SPEED_LABELS: [&str; 7] = [
    "0.25\u{d7}",
    "0.5\u{d7}",
    "1\u{d7}",
    "2\u{d7}",
    "4\u{d7}",
    "8\u{d7}",
    "16\u{d7}",
];
const DEFAULT_SPEED_INDEX: usize = 2;
/// A frame never advances more than this much real time (a background tab, a debugger pause).
const FRAME_REAL_MS_MAX: f64 = 100.0;

#[derive(Debug, Clone)]
pub struct Playground {
    world: World,
    /// The branch: scenario, seed and every action with its time, applied or still to come.
    link: Link,
    /// `link.actions[next_action..]` are still to be applied (an opened link, or the recorded
    /// future when the learner went back in time).
    next_action: usize,
    /// Actions of the opened link that could not apply and were taken out of it.
    actions_dropped: usize,
    /// Checkpoints and marks of the branch: what seeking uses.
    timeline: Timeline,
    playing: bool,
    speed_index: usize,
    /// Real time not yet turned into whole virtual milliseconds.
    carry_ms: f64,
    /// True once the link is full and further actions are no longer recorded.
    recording_full: bool,
    /// Where playing stops by itself (a lesson's run); cleared once reached.
    pause_at_ms: Option<u64>,
    /// What the opened link got wrong: found when it was read, or when one of its actions could
    /// not be applied at its time (a truncated pod name, say). Cleared when the run is replaced.
    problems: Vec<LinkProblem>,
    /// Bumped by every change of settings (an action, a reset, a switch): what the link and the
    /// manifests depend on, so the UI regenerates them only when it changes.
    revision: u64,
    /// Which run this is: bumped whenever the run is replaced (reset, load, switch), so whoever
    /// started a run (a lesson) can tell that it is gone.
    run: u64,
    /// Bumped whenever the branch changes other than by growing (a fork, a replaced run): what
    /// the timeline's marks depend on, with their counts.
    branch: u64,
}

impl Playground {
    pub fn new(scenario: ScenarioId, seed: u64) -> Self {
        Self::from_link(Link::new(scenario, seed))
    }

    /// Starts the run a link describes; its actions are applied as time reaches them.
    pub fn from_link(link: Link) -> Self {
        Self::from_parsed(link, Vec::new())
    }

    /// Starts a link's run, keeping what was wrong with the link when it was read.
    pub fn from_parsed(link: Link, problems: Vec<LinkProblem>) -> Self {
        let world = link.world();
        Self {
            problems,
            timeline: Timeline::new(&world, CHECKPOINT_EVERY_EVENTS),
            world,
            next_action: 0,
            actions_dropped: 0,
            link,
            playing: true,
            speed_index: DEFAULT_SPEED_INDEX,
            carry_ms: 0.0,
            recording_full: false,
            pause_at_ms: None,
            revision: 0,
            run: 0,
            branch: 0,
        }
    }

    /// The same run with checkpoints every `events` events (tests and benchmarks; a fresh run
    /// only, as the spacing applies from the start).
    pub fn with_checkpoint_every(mut self, events: u64) -> Self {
        debug_assert_eq!(self.world.stats().events_processed, 0);
        self.timeline = Timeline::new(&self.world, events);
        self
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn run(&self) -> u64 {
        self.run
    }

    pub fn branch(&self) -> u64 {
        self.branch
    }

    /// What the opened link got wrong, in plain words (bounded: one per action at most).
    pub fn problems(&self) -> &[LinkProblem] {
        &self.problems
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    pub fn snapshot(&self) -> Snapshot {
        self.world.snapshot()
    }

    pub fn link(&self) -> &Link {
        &self.link
    }

    pub fn scenario(&self) -> ScenarioId {
        self.link.scenario
    }

    pub fn seed(&self) -> u64 {
        self.link.seed
    }

    pub fn playing(&self) -> bool {
        self.playing
    }

    pub fn set_playing(&mut self, playing: bool) {
        self.playing = playing;
        self.carry_ms = 0.0;
    }

    pub fn speed(&self) -> f64 {
        SPEEDS[self.speed_index]
    }

    pub fn speed_index(&self) -> usize {
        self.speed_index
    }

    pub fn set_speed_index(&mut self, index: usize) {
        self.speed_index = index.min(SPEEDS.len() - 1);
    }

    pub fn recording_full(&self) -> bool {
        self.recording_full
    }

    /// Plays until virtual time `at_ms`, then pauses there (exactly, whatever the frame sizes).
    pub fn play_until(&mut self, at_ms: u64) {
        self.pause_at_ms = Some(at_ms);
        self.set_playing(true);
    }

    pub fn pause_at_ms(&self) -> Option<u64> {
        self.pause_at_ms
    }

    /// Advances by a frame's real time at the current speed (nothing while paused).
    pub fn advance_real_ms(&mut self, real_ms: f64) {
        if !self.playing || !real_ms.is_finite() || real_ms <= 0.0 {
            return;
        }
        self.carry_ms += real_ms.min(FRAME_REAL_MS_MAX) * self.speed();
        let whole_ms = self.carry_ms.floor();
        self.carry_ms -= whole_ms;
        let until_ms = self.world.now_ms() + whole_ms as u64;
        match self.pause_at_ms {
            Some(pause_ms) if until_ms >= pause_ms => {
                self.advance_to(pause_ms);
                self.pause_at_ms = None;
                self.set_playing(false);
            }
            _ => self.advance_to(until_ms),
        }
    }

    /// Runs the world to `until_ms`, applying the link's actions exactly at their times. Goes in
    /// chunks so that a long jump leaves checkpoints (and marks) behind it.
    pub fn advance_to(&mut self, until_ms: u64) {
        let mut at_ms = self.world.now_ms();
        loop {
            at_ms = (at_ms + REACH_CHUNK_MS).min(until_ms);
            self.run_actions_until(at_ms);
            self.timeline.reached(&self.world, self.next_action);
            if at_ms >= until_ms {
                break;
            }
        }
    }

    /// The link's action due next, if any.
    fn next_action_ms(&self) -> Option<u64> {
        self.link
            .actions
            .get(self.next_action)
            .map(|(at_ms, _)| *at_ms)
    }

    /// Runs to `until_ms`: each action due by then after every event up to its time (an action
    /// at `t` comes after the events at `t`, as when it was recorded), then the rest.
    fn run_actions_until(&mut self, until_ms: u64) {
        while let Some(at_ms) = self.next_action_ms().filter(|&at_ms| at_ms <= until_ms) {
            self.world.run_until(at_ms);
            self.apply_next_action();
        }
        self.world.run_until(until_ms);
    }

    /// Applies `link.actions[next_action]` (the world is at its time).
    fn apply_next_action(&mut self) {
        let index = self.next_action;
        let (at_ms, command) = self.link.actions[index].clone();
        let Err(error) = self.world.apply(&command) else {
            self.next_action += 1;
            self.revision += 1;
            return;
        };
        // Only applied actions are recorded, so one that fails was changed or cut off in the
        // link: say which and why, rather than replay a different run silently. It changed
        // nothing, so the branch goes on without it (and no replay meets it again).
        self.problems.push(LinkProblem(format!(
            "Action {} of the link (\u{201c}{at_ms}.{}\u{201d}) was dropped at {}: {error}",
            index + self.actions_dropped + 1,
            link::encode(&command),
            format_seconds(at_ms)
        )));
        self.link.actions.remove(index);
        self.actions_dropped += 1;
        self.revision += 1;
        self.branch += 1;
    }

    /// Runs exactly one event (the "step" control). Actions due before it are applied first;
    /// an action due at the event's own time waits until every event at that time has run.
    pub fn step_event(&mut self) {
        while let Some(at_ms) = self.next_action_ms() {
            if self
                .world
                .next_event_ms()
                .is_some_and(|event_ms| event_ms <= at_ms)
            {
                break;
            }
            self.world.run_until(at_ms);
            self.apply_next_action();
        }
        self.world.step();
        self.timeline.reached(&self.world, self.next_action);
    }

    /// The end of the branch: the furthest moment it has run to (virtual ms).
    pub fn end_ms(&self) -> u64 {
        self.timeline.end_ms()
    }

    /// True when the world is earlier than the branch's end (the learner went back in time).
    pub fn behind_end(&self) -> bool {
        !self.timeline.at_end(&self.world)
    }

    /// True when the world is earlier than the branch's end (the learner went back in time), or
    /// when actions from the link are still to come: acting now starts a new branch.
    pub fn in_the_past(&self) -> bool {
        self.behind_end() || self.next_action < self.link.actions.len()
    }

    /// The findings of the branch so far, for the timeline (the first `FINDING_MARKS_MAX`).
    pub fn finding_marks(&self) -> &[FindingMark] {
        self.timeline.findings()
    }

    /// Findings the branch has produced by its end, marked or not.
    pub fn findings_on_timeline(&self) -> u64 {
        self.timeline.findings_seen()
    }

    /// The actions of the branch up to its end, with their times, for the timeline.
    pub fn actions_so_far(&self) -> impl Iterator<Item = &(u64, Command)> {
        let end_ms = self.timeline.end_ms();
        self.link
            .actions
            .iter()
            .take_while(move |(at_ms, _)| *at_ms <= end_ms)
    }

    /// Checkpoints held now, and the events between two of them (what a seek replays at most).
    pub fn checkpoint_stats(&self) -> (usize, u64) {
        (self.timeline.checkpoints(), self.timeline.every_events())
    }

    /// Rebuilds the moment `at_ms` of the branch (clamped to its end): the world as it was after
    /// every event and action up to then. Replays from the nearest checkpoint, or from now when
    /// that is nearer.
    pub fn seek_ms(&mut self, at_ms: u64) {
        let at_ms = at_ms.min(self.timeline.end_ms());
        let checkpoint = self.timeline.latest(|world| world.now_ms() <= at_ms);
        if self.world.now_ms() > at_ms
            || checkpoint.world.stats().events_processed > self.world.stats().events_processed
        {
            self.world = checkpoint.world.clone();
            self.next_action = checkpoint.next_action;
        }
        self.run_actions_until(at_ms);
        self.seeked();
    }

    /// Rebuilds the moment just after the branch's `events`-th event (clamped to its end), as
    /// stepping one event at a time from the start would have left it.
    pub fn seek_event(&mut self, events: u64) {
        let events = events.min(self.timeline.end_events());
        // A checkpoint taken after a jump may already hold actions that stepping applies only
        // before the next event, so only a strictly earlier one is a valid start.
        let checkpoint = self
            .timeline
            .latest(|world| world.stats().events_processed < events.max(1));
        let now_events = self.world.stats().events_processed;
        if now_events >= events || checkpoint.world.stats().events_processed > now_events {
            self.world = checkpoint.world.clone();
            self.next_action = checkpoint.next_action;
        }
        while self.world.stats().events_processed < events {
            self.step_event();
        }
        self.seeked();
    }

    /// One event back (the "step back" control).
    pub fn step_back(&mut self) {
        let events = self.world.stats().events_processed;
        if events > 0 {
            self.seek_event(events - 1);
        }
    }

    /// After a seek. A lesson's stop (`pause_at_ms`) stays: playing on from the past still
    /// pauses where the lesson asks its question.
    fn seeked(&mut self) {
        self.carry_ms = 0.0;
        // The settings may differ at the new moment: the manifests follow.
        self.revision += 1;
    }

    /// Applies a learner's action now and records it in the link.
    /// Acting in the past (or while a link's actions are still to come) starts a new branch
    /// here: the old future is dropped (`Forked` says how much).
    pub fn command(&mut self, command: Command) -> Result<Option<Forked>, CommandError> {
        // After stepping, other events of this millisecond may still be queued; the action is
        // recorded at this millisecond, and a replay applies it after all of them, so run them.
        let now_ms = self.world.now_ms();
        let mut trial = None;
        if self.world.next_event_ms() == Some(now_ms) {
            let mut world = self.world.clone();
            world.run_until(now_ms);
            world.apply(&command)?;
            trial = Some(world);
        }
        let forked = self.in_the_past().then(|| Forked {
            at_ms: now_ms,
            dropped_ms: self.timeline.end_ms().saturating_sub(now_ms),
            dropped_actions: self.link.actions.len() - self.next_action,
        });
        match trial {
            Some(world) => self.world = world,
            None => self.world.apply(&command)?,
        }
        self.revision += 1;
        if forked.is_some() {
            self.branch += 1;
        }
        self.link.actions.truncate(self.next_action);
        self.timeline.fork(&self.world, self.next_action);
        if self.link.actions.len() < ACTIONS_MAX {
            self.link.actions.push((self.world.now_ms(), command));
        } else {
            self.recording_full = true;
        }
        self.next_action = self.link.actions.len();
        self.timeline.reached(&self.world, self.next_action);
        Ok(forked)
    }

    /// Takes `link` as this run's if it only continues it: same scenario and seed, this run's
    /// actions first, and the new ones not before now (what another copy of the run recorded
    /// since). Otherwise leaves everything as it is and says so.
    pub fn adopt(&mut self, link: Link) -> bool {
        let now_ms = self.world.now_ms();
        let continues = link.scenario == self.link.scenario
            && link.design == self.link.design
            && link.seed == self.link.seed
            && link.actions.starts_with(&self.link.actions)
            && link.actions[self.link.actions.len()..]
                .iter()
                .all(|(at_ms, _)| *at_ms >= now_ms);
        if continues {
            self.link = link;
            self.revision += 1;
        }
        continues
    }

    /// Starts the same scenario and seed again, forgetting the actions.
    pub fn reset(&mut self) {
        let (playing, speed_index) = (self.playing, self.speed_index);
        let fresh = Link {
            design: self.link.design.take(),
            ..Link::new(self.link.scenario, self.link.seed)
        };
        self.replace(Self::from_link(fresh));
        self.playing = playing;
        self.speed_index = speed_index;
    }

    /// Replaces the run, keeping the counters that must only grow.
    fn replace(&mut self, next: Playground) {
        let (revision, run, branch) = (self.revision, self.run, self.branch);
        *self = next;
        self.revision = revision + 1;
        self.run = run + 1;
        self.branch = branch + 1;
    }

    /// Replaces the run with a link's (a lesson's scene), paused at its start, at the same speed.
    pub fn load(&mut self, link: Link) {
        let speed_index = self.speed_index;
        self.replace(Self::from_link(link));
        self.playing = false;
        self.speed_index = speed_index;
    }

    pub fn switch(&mut self, scenario: ScenarioId, seed: u64) {
        let (playing, speed_index) = (self.playing, self.speed_index);
        self.replace(Self::new(scenario, seed));
        self.playing = playing;
        self.speed_index = speed_index;
    }
}

/// A learner's action in the past started a new branch: what the old one lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forked {
    pub at_ms: u64,
    /// Virtual time the old branch had run past `at_ms`.
    pub dropped_ms: u64,
    /// Recorded actions after `at_ms` that were dropped.
    pub dropped_actions: usize,
}

impl Forked {
    /// What the learner is told.
    pub fn describe(&self) -> String {
        let actions = match self.dropped_actions {
            1 => "1 action".to_owned(),
            n => format!("{n} actions"),
        };
        let dropped = match (self.dropped_ms, self.dropped_actions) {
            (0, _) => format!("the link\u{2019}s {actions} still to come were dropped"),
            (ms, 0) => format!(
                "the old run\u{2019}s next {} were dropped",
                format_seconds(ms)
            ),
            (ms, _) => format!(
                "the old run\u{2019}s next {} and {actions} were dropped",
                format_seconds(ms)
            ),
        };
        format!(
            "A new branch starts at {}: {dropped}. Press Play to run it; the page\u{2019}s link now replays this branch.",
            format_seconds(self.at_ms)
        )
    }
}

/// Virtual time as the clock shows it: `12.3 s`.
pub fn format_seconds(ms: u64) -> String {
    format!("{}.{} s", ms / 1000, ms % 1000 / 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::RequestKind;

    #[test]
    fn a_link_replays_the_same_run_whatever_the_frame_sizes() {
        let mut original = Playground::new(ScenarioId::AdderMemory, 9);
        original.advance_to(3_000);
        let pod = original.snapshot().frame.pods[1].name.clone();
        original.command(Command::DeletePod { name: pod }).unwrap();
        original.advance_to(7_777);
        original
            .command(Command::Send {
                client: 0,
                kind: RequestKind::Add(5),
            })
            .unwrap();
        original.advance_to(20_000);

        let (link, problems) = Link::parse(&original.link().to_query());
        assert!(problems.is_empty());
        let mut replayed = Playground::from_link(link);
        for frame_ms in [16.7f64, 33.0, 7.1, 100.0, 250.0]
            .into_iter()
            .cycle()
            .take(2_000)
        {
            if replayed.world().now_ms() >= 20_000 {
                break;
            }
            let remaining = (20_000 - replayed.world().now_ms()) as f64;
            replayed.advance_real_ms(frame_ms.min(remaining));
        }
        replayed.advance_to(20_000);
        let completed = |p: &Playground| p.world().completed().copied().collect::<Vec<_>>();
        assert_eq!(completed(&original), completed(&replayed));
        assert_eq!(original.snapshot(), replayed.snapshot());
    }

    /// A link cut short in a pod's name still parses, but its action cannot apply: the
    /// learner is told which action was dropped and why.
    #[test]
    fn a_replayed_action_that_cannot_apply_is_reported() {
        let (link, problems) =
            Link::parse("scenario=adder-memory&seed=9&actions=3000.d.adder-87d9~4000.n.2");
        assert!(problems.is_empty(), "it reads as a link");
        let mut playground = Playground::from_parsed(link, problems);
        playground.advance_to(5_000);
        assert_eq!(
            playground.world().replicas(),
            2,
            "the next action still applies"
        );
        assert_eq!(
            playground.problems(),
            [LinkProblem(
                "Action 1 of the link (\u{201c}3000.d.adder-87d9\u{201d}) was dropped at 3.0 s: \
                 There is no pod called \u{201c}adder-87d9\u{201d} (it may have been replaced already)."
                    .to_owned()
            )]
        );
        playground.reset();
        assert!(
            playground.problems().is_empty(),
            "a new run has no link problems"
        );
    }

    #[test]
    fn pause_speed_and_step() {
        let mut playground = Playground::new(ScenarioId::AdderMemory, 1);
        playground.set_speed_index(6);
        playground.advance_real_ms(10.0);
        assert_eq!(playground.world().now_ms(), 160);
        playground.set_playing(false);
        playground.advance_real_ms(1_000.0);
        assert_eq!(playground.world().now_ms(), 160);
        let events = playground.world().stats().events_processed;
        playground.step_event();
        assert_eq!(playground.world().stats().events_processed, events + 1);
        playground.set_speed_index(99);
        assert_eq!(playground.speed(), 16.0);
    }

    #[test]
    fn play_until_pauses_exactly_there() {
        let mut playground = Playground::new(ScenarioId::AdderMemory, 1);
        playground.set_playing(false);
        playground.set_speed_index(6);
        playground.play_until(1_000);
        for _ in 0..10 {
            playground.advance_real_ms(33.3);
        }
        assert_eq!(playground.world().now_ms(), 1_000);
        assert!(!playground.playing());
        assert_eq!(playground.pause_at_ms(), None);
        playground.set_playing(true);
        playground.advance_real_ms(10.0);
        assert_eq!(
            playground.world().now_ms(),
            1_160,
            "plays on freely once reached"
        );
    }

    #[test]
    fn load_replaces_the_run_paused_at_the_same_speed() {
        let mut playground = Playground::new(ScenarioId::AdderMemory, 1);
        playground.set_speed_index(4);
        playground.advance_to(5_000);
        let revision = playground.revision();
        let (link, _) = Link::parse("scenario=three-tier&seed=2&actions=10.n.2");
        playground.load(link.clone());
        assert_eq!(
            (playground.world().now_ms(), playground.playing()),
            (0, false)
        );
        assert_eq!(playground.speed_index(), 4);
        assert!(playground.revision() > revision);
        assert_eq!(playground.link(), &link);
        playground.advance_to(10);
        assert_eq!(
            playground.world().replicas(),
            2,
            "the link's actions replay"
        );
    }

    #[test]
    fn acting_in_the_past_says_what_the_old_branch_lost() {
        let (link, _) = Link::parse("scenario=adder-memory&seed=1&actions=3000.n.2~8000.n.4");
        let mut playground = Playground::from_link(link);
        playground.advance_to(10_000);
        assert!(!playground.in_the_past());
        assert_eq!(
            playground.command(Command::SetLock(true)).ok(),
            None,
            "not here"
        );
        playground.seek_ms(5_000);
        assert!(playground.behind_end());
        let forked = playground
            .command(Command::Scale { replicas: 1 })
            .unwrap()
            .unwrap();
        assert_eq!(
            forked.describe(),
            "A new branch starts at 5.0 s: the old run\u{2019}s next 5.0 s and 1 action were dropped. \
             Press Play to run it; the page\u{2019}s link now replays this branch."
        );
        assert_eq!(
            playground.link().to_query(),
            "scenario=adder-memory&seed=1&actions=3000.n.2~5000.n.1&v=2"
        );
        let (link, _) = Link::parse("scenario=adder-memory&seed=1&actions=3000.n.2~8000.n.4");
        let mut fresh = Playground::from_link(link);
        let forked = fresh
            .command(Command::Scale { replicas: 5 })
            .unwrap()
            .unwrap();
        assert_eq!(
            forked.describe(),
            "A new branch starts at 0.0 s: the link\u{2019}s 2 actions still to come were dropped. \
             Press Play to run it; the page\u{2019}s link now replays this branch."
        );
    }

    #[test]
    fn refused_actions_are_not_recorded_and_reset_forgets_actions() {
        let mut playground = Playground::new(ScenarioId::AdderMemory, 1);
        assert!(playground.command(Command::Scale { replicas: -1 }).is_err());
        assert!(playground.link().actions.is_empty());
        playground.command(Command::Scale { replicas: 2 }).unwrap();
        assert_eq!(playground.link().actions.len(), 1);
        playground.reset();
        assert!(playground.link().actions.is_empty());
        assert_eq!(playground.scenario(), ScenarioId::AdderMemory);
    }
}
