//! Properties that must hold for every seed and every sequence of commands and faults.

mod common;

use std::collections::BTreeMap;

use adder_lab_model::sim::design::Design;
use adder_lab_model::sim::scenario::{
    AccessMode, ClaimRetention, IntOrPercent, PodManagementPolicy, Program, TotalStore,
    UpdateStrategy, WorkloadKind,
};
use adder_lab_model::sim::{FindingKind, RequestKind, ScenarioId, Settings, World};
use common::{Step, scenario_strategy, script_strategy, to_command};
use proptest::prelude::*;

/// Runs a script step by step, checking the invariants after every event and command.
/// `observe` sees the world after each event.
fn run(world: &mut World, script: &[(u64, Step)], mut observe: impl FnMut(&World)) {
    let mut apply_at_ms = 0;
    for (delay_ms, step) in script {
        apply_at_ms += delay_ms;
        while world
            .next_event_ms()
            .is_some_and(|at_ms| at_ms <= apply_at_ms)
        {
            world.step();
            world.assert_invariants();
            observe(world);
        }
        world.run_until(apply_at_ms);
        let command = to_command(world, step);
        let before = world.snapshot();
        if world.apply(&command).is_err() {
            assert_eq!(
                world.snapshot(),
                before,
                "a refused {command:?} changed the world"
            );
        }
        world.assert_invariants();
    }
    let end_ms = world.now_ms() + 30_000;
    while world.next_event_ms().is_some_and(|at_ms| at_ms <= end_ms) {
        world.step();
        world.assert_invariants();
        observe(world);
    }
}

/// Once found by proptest (seed 0, a rollout at t = 0, in a test taking only a seed and a
/// script); proptest keeps no failure file here, so the case is replayed by name, in every
/// scenario, with every invariant checked after each event.
#[test]
fn regression_a_rollout_at_time_zero_with_seed_0() {
    for scenario in ScenarioId::ALL {
        let mut world = World::new(scenario, 0);
        run(&mut world, &[(0, Step::RollOut)], |_| {});
    }
    let mut world = World::new(ScenarioId::SharedVolumeLock, 0);
    run(&mut world, &[(0, Step::RollOut)], |_| {});
    assert_eq!(world.checker().count(FindingKind::LostUpdate), 0);
}

/// A design of a learner's own, as applied manifests make one: any kind, names, program, store
/// (as each kind can have it), Service and policy.
fn design_strategy() -> impl Strategy<Value = Design> {
    (
        any::<bool>(),
        0u32..=16,
        any::<bool>(),
        0usize..3,
        any::<[bool; 9]>(),
    )
        .prop_map(|(stateful, replicas, converter, store, flags)| {
            let [
                lock,
                headless,
                named,
                affinity,
                parallel,
                rwo,
                delete_when_deleted,
                delete_when_scaled,
                publish_not_ready,
            ] = flags;
            let workload = if stateful {
                WorkloadKind::StatefulSet
            } else {
                WorkloadKind::Deployment
            };
            let store = match (converter, stateful, store) {
                (true, ..) => TotalStore::Memory,
                (_, _, 0) => TotalStore::Memory,
                (_, _, 1) => TotalStore::EmptyDir,
                (_, true, _) => TotalStore::OwnVolume,
                (_, false, _) => TotalStore::SharedVolume,
            };
            Design {
                workload,
                app_name: "web".into(),
                app_label: "web-app".into(),
                service_name: "front".into(),
                governing_service: if stateful && named {
                    "front".into()
                } else if stateful {
                    "other".into()
                } else {
                    String::new()
                },
                image: "example.org/team/web:3".into(),
                replicas,
                program: if converter {
                    Program::Converter
                } else {
                    Program::Adder
                },
                store,
                claim: if store == TotalStore::SharedVolume {
                    "shared".into()
                } else {
                    String::new()
                },
                access_mode: match (rwo, replicas % 2) {
                    (true, _) => AccessMode::ReadWriteOnce,
                    (false, 0) => AccessMode::ReadWriteMany,
                    (false, _) => AccessMode::ReadWriteOncePod,
                },
                lock,
                headless,
                session_affinity: affinity,
                pod_management: if parallel {
                    PodManagementPolicy::Parallel
                } else {
                    PodManagementPolicy::OrderedReady
                },
                claim_retention: ClaimRetention {
                    delete_when_deleted: stateful && delete_when_deleted,
                    delete_when_scaled: stateful && delete_when_scaled,
                },
                publish_not_ready,
                update_strategy: match (stateful, replicas % 3) {
                    (true, 0) => UpdateStrategy::OnDelete,
                    (true, n) => UpdateStrategy::RollingUpdate { partition: n },
                    (false, 0) => UpdateStrategy::Recreate,
                    (false, 1) => UpdateStrategy::RollingUpdate { partition: 0 },
                    (false, _) => UpdateStrategy::surge(
                        IntOrPercent::Int(replicas % 2),
                        IntOrPercent::Percent(if replicas % 2 == 0 { 50 } else { 0 }),
                    ),
                },
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, .. ProptestConfig::default() })]

    /// Same seed, same commands at the same times: the same history, byte for byte.
    #[test]
    fn replay_is_deterministic(scenario in scenario_strategy(), seed in any::<u64>(), script in script_strategy(true)) {
        let mut first = World::new(scenario, seed);
        let mut second = World::new(scenario, seed);
        run(&mut first, &script, |_| {});
        run(&mut second, &script, |_| {});
        prop_assert_eq!(format!("{:?}", first.snapshot()), format!("{:?}", second.snapshot()));
        prop_assert_eq!(
            format!("{:?}", first.history().entries().collect::<Vec<_>>()),
            format!("{:?}", second.history().entries().collect::<Vec<_>>())
        );
        prop_assert_eq!(first.stats(), second.stats());
    }

    /// No sequence of commands and faults panics or breaks an invariant, in any scenario.
    #[test]
    fn no_sequence_panics(scenario in scenario_strategy(), seed in any::<u64>(), script in script_strategy(true)) {
        let mut world = World::new(scenario, seed);
        // `run` checks every invariant after every event; names and IPs are spelled out here.
        run(&mut world, &script, |world| {
            let pods = world.pods();
            for (i, pod) in pods.iter().enumerate() {
                assert!(pods[..i].iter().all(|other| other.name != pod.name && other.ip != pod.ip), "{pods:?}");
            }
        });
        let _ = world.snapshot();
    }

    /// Any design a learner applies runs every script without a panic or a broken invariant,
    /// its link reads back the same design, and its pods carry its names.
    #[test]
    fn every_design_runs_and_round_trips(design in design_strategy(), seed in any::<u64>(), script in script_strategy(true)) {
        prop_assert_eq!(Design::parse(&design.code()), Some(design.clone()));
        let mut world = World::with_settings(design.settings(), seed);
        run(&mut world, &script, |_| {});
        for pod in world.pods() {
            prop_assert!(pod.name.as_str().starts_with("web-") || pod.name.as_str().starts_with("db-"), "{}", pod.name);
        }
        let _ = world.snapshot();
    }

    /// With the lock, whatever breaks, no acknowledged add is lost and every answer fits one
    /// serial order.
    #[test]
    fn the_lock_prevents_lost_updates(seed in any::<u64>(), script in script_strategy(false)) {
        let mut world = World::new(ScenarioId::SharedVolumeLock, seed);
        run(&mut world, &script, |_| {});
        let checker = world.checker();
        for kind in [FindingKind::LostUpdate, FindingKind::Conflict, FindingKind::StaleRead, FindingKind::WentDown] {
            prop_assert_eq!(checker.count(kind), 0, "{:?}: {:?}", kind, world.snapshot().findings);
        }
    }

    /// The stateless converter is right whatever happens: every answer is metres × 100 and the
    /// checker never has anything to report (adds are refused: only the converter runs).
    #[test]
    fn the_converter_is_never_wrong(seed in any::<u64>(), script in script_strategy(true)) {
        let mut world = World::new(ScenarioId::ConverterDeployment, seed);
        let mut wrong = Vec::new();
        run(&mut world, &script, |world| {
            for answer in world.completed() {
                match (answer.kind, answer.outcome) {
                    (RequestKind::Convert(metres), Ok(centimetres)) if centimetres != metres * 100 => wrong.push(*answer),
                    (RequestKind::Add(_), _) => wrong.push(*answer),
                    _ => {}
                }
            }
        });
        prop_assert!(wrong.is_empty(), "{:?}", wrong);
        prop_assert_eq!(world.checker().total_findings(), 0, "{:?}", world.snapshot().findings);
    }

    /// A StatefulSet pod's name, ordinal and claim always match, and a claim stays bound to the
    /// same PersistentVolume for the whole run (claims retained: the default policy).
    #[test]
    fn stateful_set_identity_never_changes(seed in any::<u64>(), script in script_strategy(true)) {
        let script: Vec<(u64, Step)> = script
            .into_iter()
            .filter(|(_, step)| !matches!(step, Step::Retention(..)))
            .collect();
        let mut world = World::new(ScenarioId::StatefulSetHeadless, seed);
        let mut bound: BTreeMap<String, String> = BTreeMap::new();
        let mut broken = Vec::new();
        run(&mut world, &script, |world| {
            for volume in world.volumes() {
                let previous = bound.entry(volume.claim.to_string()).or_insert_with(|| volume.volume.to_string());
                if *previous != volume.volume.as_str() {
                    broken.push(volume.claim.to_string());
                }
            }
            for pod in world.pods() {
                let ordinal = pod.ordinal.expect("StatefulSet pods have ordinals");
                assert_eq!(pod.name.as_str(), format!("adder-{ordinal}"));
            }
        });
        prop_assert!(broken.is_empty(), "claims rebound: {:?}", broken);
    }

    /// With two or more pods keeping the total in memory and steady traffic, the checker
    /// always flags the disagreement.
    #[test]
    fn memory_mode_disagreement_is_always_flagged(seed in any::<u64>(), replicas in 2u32..=6) {
        let mut settings = Settings::for_scenario(ScenarioId::AdderMemory);
        settings.replicas = replicas;
        let mut world = World::with_settings(settings, seed);
        world.run_for(120_000);
        let checker = world.checker();
        let disagreements = checker.count(FindingKind::Conflict)
            + checker.count(FindingKind::StaleRead)
            + checker.count(FindingKind::WentDown);
        prop_assert!(disagreements > 0);
    }
}

/// Found by proptest (shrunk): a ReadWriteOnce volume with the lock, more traffic than the one
/// serving pod can take, then that pod deleted. Failing its requests one by one handed the lock
/// to the next waiter dying with it, leaving hundreds of stale timers (and early deliveries).
#[test]
fn regression_a_dying_pods_lock_waiters_are_not_granted_the_lock() {
    let mut world = World::new(ScenarioId::SharedVolumeRwo, 0);
    let script = [
        (
            14_109,
            Step::Traffic {
                client: 2,
                per_minute: 567,
            },
        ),
        (13_311, Step::Affinity(true)),
        (
            5_408,
            Step::Convert {
                client: 0,
                metres: 0,
            },
        ),
        (
            5_372,
            Step::Target {
                client: 0,
                ordinal: None,
            },
        ),
        (
            10_991,
            Step::Send {
                client: 3,
                number: 0,
            },
        ),
        (
            1_476,
            Step::Send {
                client: 0,
                number: 1_000_000_001,
            },
        ),
        (
            2_306,
            Step::Target {
                client: 0,
                ordinal: None,
            },
        ),
        (9_080, Step::DeleteMissingPod),
        (13_715, Step::DeletePod(5_516_209_231_140_365_748)),
    ];
    run(&mut world, &script, |_| {}); // checks the queue's bound after every event
}
