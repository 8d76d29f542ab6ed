//! The compare view's model: every lane receives the byte-identical request stream, and each
//! lane's run is exactly that scenario run alone on that stream.

mod common;

use adder_lab_model::compare::link::CompareLink;
use adder_lab_model::compare::stream::{RequestStream, StreamRequest};
use adder_lab_model::compare::{
    Acted, CHECKPOINT_EVERY_EVENTS, CHECKPOINTS_MAX, CompareApplyError, CompareError, Comparison,
    DEFAULT_RATE_PER_MINUTE, lane_world, request_kind,
};
use adder_lab_model::sim::{Command, FindingKind, ScenarioId, World};
use common::{Step, scenario_strategy, step_strategy, to_command};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Action {
    /// A fault or setting in one lane (`Some`) or every lane.
    Fault(Option<usize>, Step),
    Rate {
        client: usize,
        per_minute: u32,
    },
}

fn action_strategy() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => (prop::option::of(0..4usize), step_strategy(true)).prop_map(|(lane, step)| Action::Fault(lane, step)),
        1 => (0..3usize, prop_oneof![Just(0u32), 1..300u32]).prop_map(|(client, per_minute)| Action::Rate { client, per_minute }),
    ]
}

/// Drives a comparison through a script; returns it and the commands each lane got, with times.
fn compared(
    scenarios: &[ScenarioId],
    seed: u64,
    script: &[(u64, Action)],
) -> (Comparison, Vec<Vec<(u64, Command)>>) {
    compared_with(scenarios, seed, script, CHECKPOINT_EVERY_EVENTS)
}

/// As `compared`, with the time machine's checkpoints every `every_events` events.
fn compared_with(
    scenarios: &[ScenarioId],
    seed: u64,
    script: &[(u64, Action)],
    every_events: u64,
) -> (Comparison, Vec<Vec<(u64, Command)>>) {
    let mut comparison = Comparison::from_link_with_checkpoints(
        CompareLink::new(scenarios.to_vec(), seed),
        every_events,
    )
    .unwrap();
    let mut applied = vec![Vec::new(); scenarios.len()];
    let mut at_ms = 0;
    for (delay_ms, action) in script {
        at_ms += delay_ms;
        comparison.advance_to(at_ms);
        match action {
            Action::Rate { client, per_minute } => {
                let forked = comparison
                    .act(
                        None,
                        Command::SetTraffic {
                            client: *client,
                            requests_per_minute: *per_minute,
                        },
                    )
                    .unwrap();
                assert_eq!(
                    forked,
                    Default::default(),
                    "acting at the branch's end never forks"
                );
            }
            Action::Fault(lane, step) => {
                let lane = lane.map(|lane| lane % scenarios.len());
                for (index, applied) in applied.iter_mut().enumerate() {
                    if lane.is_some_and(|lane| lane != index) {
                        continue;
                    }
                    // Names exist only in one lane's world: pick them there, apply there.
                    let command = to_command(comparison.lanes()[index].world(), step);
                    if matches!(command, Command::Send { .. } | Command::SetTraffic { .. }) {
                        assert_eq!(
                            comparison.act(Some(index), command),
                            Err(CompareApplyError::StreamOnly)
                        );
                        continue;
                    }
                    if comparison.act(Some(index), command.clone()).is_ok() {
                        applied.push((at_ms, command));
                    }
                }
            }
        }
    }
    comparison.advance_to(at_ms + 20_000);
    (comparison, applied)
}

/// The stream as an independent reader sees it: regenerated from the seed, with the same rate
/// changes at the same times.
fn stream_alone(seed: u64, script: &[(u64, Action)], end_ms: u64) -> Vec<StreamRequest> {
    let mut stream = RequestStream::new(seed, &[DEFAULT_RATE_PER_MINUTE; 3]);
    let mut requests = Vec::new();
    let take_until =
        |stream: &mut RequestStream, until_ms: u64, requests: &mut Vec<StreamRequest>| {
            while stream.peek_ms().is_some_and(|at_ms| at_ms <= until_ms) {
                requests.push(stream.take().unwrap());
            }
        };
    let mut at_ms = 0;
    for (delay_ms, action) in script {
        at_ms += delay_ms;
        take_until(&mut stream, at_ms, &mut requests);
        if let Action::Rate { client, per_minute } = action {
            stream.set_rate(*client, *per_minute, at_ms);
        }
    }
    take_until(&mut stream, end_ms, &mut requests);
    requests
}

/// A scenario alone: its world (own traffic off), the stream's requests and its own commands at
/// their times, applied after every event up to their time.
fn alone(
    scenario: ScenarioId,
    seed: u64,
    requests: &[StreamRequest],
    commands: &[(u64, Command)],
    end_ms: u64,
) -> World {
    let mut world = lane_world(scenario, seed);
    let mut inputs: Vec<(u64, usize, Command)> = commands
        .iter()
        .enumerate()
        .map(|(order, (at_ms, command))| (*at_ms, order, command.clone()))
        .collect();
    // A command and a request at the same millisecond: the comparison advances to the command's
    // time first (taking that millisecond's requests), then applies it.
    let offset = commands.len();
    for (order, request) in requests.iter().enumerate() {
        let kind = request_kind(&world, request.number);
        inputs.push((
            request.at_ms,
            order + offset,
            Command::Send {
                client: request.client,
                kind,
            },
        ));
    }
    inputs.sort_by_key(|(at_ms, order, command)| {
        (
            *at_ms,
            matches!(command, Command::Send { .. })
                .then_some(0)
                .unwrap_or(1),
            *order,
        )
    });
    for (at_ms, _, command) in inputs {
        world.run_until(at_ms);
        let _ = world.apply(&command);
    }
    world.run_until(end_ms);
    world
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn every_lane_receives_the_same_stream_and_runs_as_if_alone(
        scenarios in prop::collection::vec(scenario_strategy(), 2..=4),
        seed in any::<u64>(),
        script in prop::collection::vec((0..15_000u64, action_strategy()), 0..12),
    ) {
        let (comparison, applied) = compared(&scenarios, seed, &script);
        let end_ms = comparison.now_ms();
        let requests = stream_alone(seed, &script, end_ms);
        let digest = requests.iter().fold(adder_lab_model::compare::stream::FNV_OFFSET, adder_lab_model::compare::stream::fold);
        for (index, lane) in comparison.lanes().iter().enumerate() {
            prop_assert_eq!(lane.received(), (requests.len() as u64, digest), "lane {} got another stream", index);
            let world = alone(scenarios[index], seed, &requests, &applied[index], end_ms);
            prop_assert_eq!(lane.world().digest(), world.digest(), "lane {} ({})", index, scenarios[index]);
            prop_assert_eq!(lane.world().snapshot(), world.snapshot());
        }
        // The comparison's link replays it exactly.
        let (link, problems) = CompareLink::parse(&comparison.link().to_query()).unwrap();
        prop_assert!(problems.is_empty(), "{:?}", problems);
        let mut replayed = Comparison::from_link(link).unwrap();
        replayed.advance_to(end_ms);
        prop_assert!(replayed.problems().is_empty());
        for (lane, again) in comparison.lanes().iter().zip(replayed.lanes()) {
            prop_assert_eq!(lane.world().digest(), again.world().digest());
            prop_assert_eq!(lane.received(), again.received());
        }
    }
}

/// A fresh comparison from `link`, run to `at_ms` in one go.
fn replayed_to(link: &CompareLink, at_ms: u64) -> Comparison {
    let mut fresh = Comparison::from_link(link.clone()).unwrap();
    fresh.advance_to(at_ms);
    fresh
}

/// Every lane, the stream and the rows are as they are in `right`.
fn same_moment(left: &Comparison, right: &Comparison) -> Result<(), TestCaseError> {
    prop_assert_eq!(left.now_ms(), right.now_ms());
    prop_assert_eq!(left.stream().taken(), right.stream().taken());
    for (lane, other) in left.lanes().iter().zip(right.lanes()) {
        prop_assert_eq!(lane.received(), other.received());
        prop_assert_eq!(lane.world().stats(), other.world().stats());
        prop_assert_eq!(lane.world().digest(), other.world().digest());
        prop_assert_eq!(lane.world().snapshot(), other.world().snapshot());
    }
    prop_assert_eq!(left.rows(), right.rows());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, .. ProptestConfig::default() })]

    /// The timeline drives all lanes together: seeking any moment (from any checkpoint, back and
    /// forth) shows every lane as a fresh replay of the link shows it then; playing on reaches
    /// the same end; acting in the past starts a branch that its own link replays.
    #[test]
    fn seeking_a_comparison_is_replaying_its_link(
        scenarios in prop::collection::vec(scenario_strategy(), 2..=4),
        seed in any::<u64>(),
        script in prop::collection::vec((0..15_000u64, action_strategy()), 0..8),
        every_events in 50u64..3_000,
        moments in prop::collection::vec(0.0f64..=1.0, 1..5),
        fork_at in 0.0f64..1.0,
    ) {
        // Busy, so a run has checkpoints to seek from: ten adds a second per client first.
        let busy = (0..3).map(|client| (0, Action::Rate { client, per_minute: 600 }));
        let script: Vec<(u64, Action)> = busy.chain(script).collect();
        let (mut comparison, _) = compared_with(&scenarios, seed, &script, every_events);
        let end_ms = comparison.end_ms();
        // A run too quiet for two checkpoints at this spacing (two ReadWriteOnce lanes, whose
        // one serving pod queues the adds, with a wide spacing) exercises no seek from a
        // checkpoint: such a case is skipped rather than failed (found by proptest, seed 0).
        prop_assume!(comparison.checkpoints() > 1, "{} checkpoints", comparison.checkpoints());
        prop_assert_eq!(end_ms, comparison.now_ms());
        prop_assert!(comparison.checkpoints() <= CHECKPOINTS_MAX);
        for moment in moments {
            let at_ms = (end_ms as f64 * moment) as u64;
            comparison.seek_ms(at_ms);
            prop_assert_eq!(comparison.in_the_past(), at_ms < end_ms);
            same_moment(&comparison, &replayed_to(comparison.link(), at_ms))?;
        }
        comparison.advance_to(end_ms);
        same_moment(&comparison, &replayed_to(comparison.link(), end_ms))?;

        let fork_ms = (end_ms as f64 * fork_at) as u64;
        comparison.seek_ms(fork_ms);
        let actions_before = comparison.actions_so_far().len();
        let rate = Command::SetTraffic { client: 1, requests_per_minute: 240 };
        let acted = comparison.act(None, rate).unwrap();
        if fork_ms < end_ms {
            let forked = acted.forked.expect("acting in the past forks");
            prop_assert_eq!((forked.at_ms, forked.dropped_ms), (fork_ms, end_ms - fork_ms));
        }
        prop_assert_eq!(comparison.end_ms(), fork_ms);
        prop_assert_eq!(comparison.link().actions.len(), actions_before + 1);
        comparison.advance_to(fork_ms + 5_000);
        same_moment(&comparison, &replayed_to(comparison.link(), fork_ms + 5_000))?;
    }
}

/// The story in one comparison: the same adds give conflicting totals in memory, one correct
/// total on a locked shared volume, and per-pod totals on a StatefulSet.
#[test]
fn the_same_requests_tell_the_story_side_by_side() {
    let scenarios = [
        ScenarioId::AdderMemory,
        ScenarioId::SharedVolumeLock,
        ScenarioId::StatefulSetHeadless,
    ];
    let mut comparison = Comparison::new(&scenarios, 3).unwrap();
    comparison.advance_to(180_000);
    let lanes = comparison.lanes();
    let (received, _) = lanes[0].received();
    assert!(
        received > 150,
        "three clients at 20 a minute for 3 minutes: {received}"
    );
    let findings = |lane: usize, kind: FindingKind| lanes[lane].world().checker().count(kind);
    assert!(
        findings(0, FindingKind::Conflict) > 0,
        "memory: conflicting totals"
    );
    assert_eq!(
        lanes[1].world().checker().total_findings(),
        0,
        "the lock: one correct total"
    );
    assert_eq!(
        lanes[2].world().checker().total_findings(),
        0,
        "StatefulSet: each pod its own total, as addressed"
    );
}

#[test]
fn lanes_and_commands_are_checked() {
    assert_eq!(
        Comparison::new(&[ScenarioId::AdderMemory], 1).err(),
        Some(CompareError::LaneCount(1))
    );
    assert_eq!(
        Comparison::new(&[ScenarioId::AdderMemory; 5], 1).err(),
        Some(CompareError::LaneCount(5))
    );
    let mut comparison =
        Comparison::new(&[ScenarioId::AdderMemory, ScenarioId::ThreeTier], 1).unwrap();
    let refused = |result: Result<Acted, CompareApplyError>| result.unwrap_err().to_string();
    assert_eq!(
        refused(comparison.act(Some(2), Command::RollOut)),
        "There is no lane 3."
    );
    let lock = refused(comparison.act(None, Command::SetLock(false)));
    assert!(lock.starts_with("Lane 1: "), "{lock}");
    assert!(
        comparison.link().actions.is_empty(),
        "refused: not recorded"
    );
    // Where some lanes take it: applied there, recorded, and the others named.
    let mut mixed =
        Comparison::new(&[ScenarioId::AdderMemory, ScenarioId::SharedVolumeLock], 1).unwrap();
    let acted = mixed.act(None, Command::SetLock(false)).unwrap();
    assert_eq!(acted.refused.len(), 1);
    assert!(acted.refused[0].to_string().starts_with("Lane 1: "));
    assert_eq!(mixed.link().actions.len(), 1);
    assert!(!mixed.lanes()[1].world().settings().lock_enabled);
    comparison.advance_to(5_000);
    let fail = Command::FailNode {
        node: "node-2".into(),
    };
    assert!(comparison.act(None, fail).is_ok());
    assert!(
        comparison
            .lanes()
            .iter()
            .all(|lane| !lane.world().nodes()[1].up)
    );
    let flood = Command::SetTraffic {
        client: 0,
        requests_per_minute: 70_000,
    };
    assert_eq!(
        refused(comparison.act(None, flood)),
        "70000 requests a minute is too many; the most is 60000."
    );
    assert_eq!(
        comparison.link().to_query(),
        "compare=adder-memory.three-tier&seed=1&actions=5000.a.f.node-2&v=2"
    );
}
