//! The time machine: any moment of a run, rebuilt from checkpoints, is the moment the run
//! passed through; a branch started in the past replays from its link.

mod common;

use adder_lab_model::playground::{Link, Playground};
use adder_lab_model::sim::ScenarioId;
use common::{Step, scenario_strategy, script_strategy, step_strategy, to_command};
use proptest::prelude::*;

/// Plays a script (delays between actions) on a playground with checkpoints every
/// `every_events`, then runs 10 s more. Refused actions are skipped, as in the app.
fn played(
    scenario: ScenarioId,
    seed: u64,
    script: &[(u64, Step)],
    every_events: u64,
) -> Playground {
    let mut playground = Playground::new(scenario, seed).with_checkpoint_every(every_events);
    let mut at_ms = 0;
    for (delay_ms, step) in script {
        at_ms += delay_ms;
        playground.advance_to(at_ms);
        let command = to_command(playground.world(), step);
        let _ = playground.command(command);
    }
    playground.advance_to(at_ms + 10_000);
    playground
}

/// A fresh run of the same link, advanced to `at_ms` in one go.
fn replayed_to(link: &Link, at_ms: u64) -> Playground {
    let mut fresh = Playground::from_link(link.clone());
    fresh.advance_to(at_ms);
    fresh
}

fn same_moment(left: &Playground, right: &Playground) -> Result<(), TestCaseError> {
    prop_assert_eq!(left.world().now_ms(), right.world().now_ms());
    prop_assert_eq!(left.world().stats(), right.world().stats());
    prop_assert_eq!(left.world().digest(), right.world().digest());
    prop_assert_eq!(left.snapshot(), right.snapshot());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, .. ProptestConfig::default() })]

    /// Seeking to t (from any checkpoint, in any order, back and forth) gives the moment a
    /// fresh replay of the link reaches at t.
    #[test]
    fn seeking_to_a_moment_is_replaying_to_it(
        scenario in scenario_strategy(),
        seed in any::<u64>(),
        script in script_strategy(true),
        every_events in 50u64..3_000,
        moments in prop::collection::vec(0.0f64..=1.0, 1..6),
    ) {
        let mut playground = played(scenario, seed, &script, every_events);
        let end_ms = playground.end_ms();
        prop_assert_eq!(end_ms, playground.world().now_ms());
        for fraction in moments {
            let at_ms = (end_ms as f64 * fraction) as u64;
            playground.seek_ms(at_ms);
            same_moment(&playground, &replayed_to(playground.link(), at_ms))?;
        }
        // Playing on from the past replays the recorded future to the same end.
        playground.advance_to(end_ms);
        same_moment(&playground, &replayed_to(playground.link(), end_ms))?;
    }

    /// Stepping back one event at a time from anywhere gives the moments that stepping
    /// forward one event at a time passed through.
    #[test]
    fn stepping_back_retraces_stepping_forward(
        scenario in scenario_strategy(),
        seed in any::<u64>(),
        script in script_strategy(true),
        every_events in 20u64..500,
        fraction in 0.0f64..=1.0,
    ) {
        let mut playground = played(scenario, seed, &script, every_events);
        let events = (playground.world().stats().events_processed as f64 * fraction) as u64;
        let mut stepped = Playground::from_link(playground.link().clone());
        let mut moments = Vec::new();
        while stepped.world().stats().events_processed < events {
            moments.push(stepped.clone());
            stepped.step_event();
            prop_assert_eq!(
                stepped.world().stats().events_processed,
                moments.len() as u64,
                "a step runs exactly one event"
            );
        }
        playground.seek_event(events);
        same_moment(&playground, &stepped)?;
        for earlier in moments.iter().rev().take(5) {
            playground.step_back();
            same_moment(&playground, earlier)?;
        }
    }

    /// Acting in the past starts a branch: the link records it, and a fresh run of the link
    /// reaches the branch's moments exactly.
    #[test]
    fn a_branch_replays_from_its_link(
        scenario in scenario_strategy(),
        seed in any::<u64>(),
        script in script_strategy(true),
        every_events in 50u64..3_000,
        fraction in 0.0f64..=1.0,
        by_event in any::<bool>(),
        fork in step_strategy(true),
        then_ms in 0u64..20_000,
    ) {
        let mut playground = played(scenario, seed, &script, every_events);
        if by_event {
            let events = playground.world().stats().events_processed;
            playground.seek_event((events as f64 * fraction) as u64);
        } else {
            playground.seek_ms((playground.end_ms() as f64 * fraction) as u64);
        }
        let before = playground.link().actions.len();
        let command = to_command(playground.world(), &fork);
        let at_ms = playground.world().now_ms();
        if let Ok(forked) = playground.command(command) {
            let forked = forked.expect("acting before the end forks");
            prop_assert_eq!(forked.at_ms, at_ms);
            prop_assert!(playground.link().actions.len() <= before + 1);
            prop_assert_eq!(playground.end_ms(), at_ms, "the old future is gone");
        }
        let end_ms = playground.world().now_ms() + then_ms;
        playground.advance_to(end_ms);
        let (link, problems) = Link::parse(&playground.link().to_query());
        prop_assert!(problems.is_empty());
        same_moment(&playground, &replayed_to(&link, end_ms))?;
        // And the new branch seeks like any other run.
        playground.seek_ms(at_ms);
        same_moment(&playground, &replayed_to(&link, at_ms))?;
    }
}

/// Memory stays bounded on a long run: checkpoints thin out, and findings are marked only up to
/// their limit.
#[test]
fn checkpoints_and_marks_stay_bounded_on_a_long_busy_run() {
    use adder_lab_model::playground::timeline::{CHECKPOINTS_MAX, FINDING_MARKS_MAX};
    let (link, _) =
        Link::parse("scenario=adder-memory&seed=1&actions=0.n.16~0.r.0.4000~0.r.1.4000~0.r.2.4000");
    let mut playground = Playground::from_link(link).with_checkpoint_every(500);
    playground.advance_to(120_000);
    let (checkpoints, every_events) = playground.checkpoint_stats();
    assert!(checkpoints <= CHECKPOINTS_MAX, "{checkpoints}");
    assert!(every_events > 500, "the spacing doubled: {every_events}");
    assert_eq!(playground.finding_marks().len(), FINDING_MARKS_MAX);
    assert!(playground.findings_on_timeline() > FINDING_MARKS_MAX as u64);
    let numbers: Vec<u64> = playground
        .finding_marks()
        .iter()
        .map(|mark| mark.number)
        .collect();
    assert_eq!(
        numbers,
        (1..=FINDING_MARKS_MAX as u64).collect::<Vec<_>>(),
        "the first ones, in order"
    );
    playground.seek_ms(61_234);
    assert_eq!(playground.world().now_ms(), 61_234);
}
