//! One test per claim of the source story ("Managing State in Kubernetes"), plus the Kubernetes
//! behaviour each scenario relies on. Everything here runs natively with `cargo test`.

use adder_lab_model::sim::objects::PodPhase;
use adder_lab_model::sim::scenario::{PodManagementPolicy, TotalStore, UnknownScenario};
use adder_lab_model::sim::snapshot::{PodStatus, ServiceType};
use adder_lab_model::sim::{
    Command, CommandError, FindingKind, Register, RequestKind, ScenarioId, Settings, Target, World,
};

const ALICE: usize = 0;
const BOB: usize = 1;

/// Runs until the world has settled: all pods started, every request answered.
fn settle(world: &mut World) {
    world.run_for(10_000);
}

/// A scenario with automatic traffic off, settled: every request is sent by the test.
fn quiet_world(scenario: ScenarioId, seed: u64) -> World {
    let mut world = World::new(scenario, seed);
    quiet(&mut world);
    settle(&mut world);
    world
}

fn quiet(world: &mut World) {
    for client in 0..world.clients().len() {
        world
            .apply(&Command::SetTraffic {
                client,
                requests_per_minute: 0,
            })
            .unwrap();
    }
}

/// Sends one add and returns the total the client was told.
fn add(world: &mut World, client: usize, number: u64) -> Option<u64> {
    world
        .apply(&Command::Send {
            client,
            kind: RequestKind::Add(number),
        })
        .unwrap();
    world.run_for(5_000);
    world.clients()[client]
        .observed
        .back()
        .unwrap()
        .outcome
        .ok()
}

/// The pods being deleted (Terminating), by name.
fn terminating(world: &World) -> Vec<String> {
    world
        .pods()
        .iter()
        .filter(|pod| pod.terminating)
        .map(|pod| pod.name.to_string())
        .collect()
}

fn pod_names(world: &World) -> Vec<String> {
    world
        .pods()
        .iter()
        .map(|pod| pod.name.to_string())
        .collect()
}

#[test]
fn one_server_returns_5_10_15_and_converts_5_to_500() {
    let mut world = World::new(ScenarioId::OneServer, 1);
    settle(&mut world);
    let totals: Vec<_> = (0..3).map(|_| add(&mut world, ALICE, 5)).collect();
    assert_eq!(totals, [Some(5), Some(10), Some(15)]);
    for _ in 0..3 {
        world
            .apply(&Command::Send {
                client: BOB,
                kind: RequestKind::Convert(5),
            })
            .unwrap();
        world.run_for(5_000);
        assert_eq!(
            world.clients()[BOB].observed.back().unwrap().outcome,
            Ok(500)
        );
    }
    assert_eq!(world.checker().total_findings(), 0);
}

#[test]
fn the_converter_is_right_on_every_pod() {
    let mut world = World::new(ScenarioId::ConverterDeployment, 2);
    world.run_for(120_000);
    let completed: Vec<_> = world.completed().copied().collect();
    assert!(completed.len() > 50);
    let pods: std::collections::BTreeSet<_> = completed.iter().filter_map(|c| c.pod).collect();
    assert!(pods.len() >= 2, "requests were spread over the pods");
    for request in completed {
        let RequestKind::Convert(metres) = request.kind else {
            panic!("only conversions")
        };
        assert_eq!(request.outcome, Ok(metres * 100));
    }
    assert_eq!(world.checker().total_findings(), 0);
}

#[test]
fn pods_with_totals_in_memory_disagree_and_a_total_goes_down() {
    let mut world = World::new(ScenarioId::AdderMemory, 3);
    world.run_for(120_000);
    let checker = world.checker();
    assert!(
        checker.count(FindingKind::Conflict) > 0,
        "conflicting totals"
    );
    assert!(
        checker.count(FindingKind::WentDown) > 0,
        "a total went down"
    );
    let went_down = world
        .snapshot()
        .findings
        .into_iter()
        .find(|finding| finding.kind == FindingKind::WentDown)
        .unwrap();
    assert!(
        went_down.message.contains("went down"),
        "{}",
        went_down.message
    );
    assert_eq!(went_down.requests.len(), 2);
    let totals: Vec<u64> = world
        .snapshot()
        .frame
        .pods
        .iter()
        .filter_map(|pod| pod.memory_total)
        .collect();
    assert_eq!(totals.len(), 3);
    assert!(
        totals.windows(2).any(|pair| pair[0] != pair[1]),
        "each pod has its own total: {totals:?}"
    );
}

#[test]
fn a_shared_volume_with_the_lock_keeps_every_total_right() {
    let mut world = World::new(ScenarioId::SharedVolumeLock, 4);
    world.run_for(180_000);
    quiet(&mut world);
    settle(&mut world);
    assert_eq!(
        world.checker().total_findings(),
        0,
        "{:?}",
        world.snapshot().findings
    );
    let stored = world.stored_total(Register::Service).unwrap();
    assert_eq!(
        Some(stored),
        world.checker().acknowledged_total(Register::Service)
    );
    assert_eq!(stored, world.applied_total(Register::Service));
    assert!(world.stats().requests_answered > 100);
}

#[test]
fn without_the_lock_updates_are_lost() {
    let mut world = World::new(ScenarioId::SharedVolumeNoLock, 5);
    world.run_for(180_000);
    quiet(&mut world);
    settle(&mut world);
    assert!(world.checker().count(FindingKind::LostUpdate) > 0);
    assert!(world.checker().count(FindingKind::Conflict) > 0);
    let stored = world.stored_total(Register::Service).unwrap();
    let acknowledged = world
        .checker()
        .acknowledged_total(Register::Service)
        .unwrap();
    assert!(
        stored < acknowledged,
        "stored {stored} < acknowledged {acknowledged}"
    );
}

#[test]
fn turning_the_lock_back_on_stops_the_losses() {
    let mut world = World::new(ScenarioId::SharedVolumeNoLock, 6);
    world.run_for(60_000);
    world.apply(&Command::SetLock(true)).unwrap();
    world.run_for(1_000); // requests already between read and write may still collide
    let lost_before = world.checker().count(FindingKind::LostUpdate);
    world.run_for(120_000);
    assert_eq!(world.checker().count(FindingKind::LostUpdate), lost_before);
}

fn single_pod(store: TotalStore) -> World {
    let mut settings = Settings::for_scenario(ScenarioId::AdderMemory);
    settings.store = store;
    settings.replicas = 1;
    for client in &mut settings.clients {
        client.requests_per_minute = 0;
    }
    let mut world = World::with_settings(settings, 7);
    settle(&mut world);
    world
}

#[test]
fn a_volume_survives_a_container_restart_but_not_the_pods_death() {
    let mut world = single_pod(TotalStore::EmptyDir);
    assert_eq!(add(&mut world, ALICE, 5), Some(5));
    let pod = pod_names(&world)[0].clone();
    world
        .apply(&Command::RestartContainer { pod: pod.clone() })
        .unwrap();
    settle(&mut world);
    assert_eq!(
        pod_names(&world),
        std::slice::from_ref(&pod),
        "a restart keeps the pod"
    );
    assert_eq!(world.pods()[0].restarts, 1);
    assert_eq!(
        add(&mut world, ALICE, 5),
        Some(10),
        "emptyDir survived the restart"
    );

    world
        .apply(&Command::DeletePod { name: pod.clone() })
        .unwrap();
    settle(&mut world);
    assert_ne!(
        pod_names(&world),
        [pod],
        "a Deployment's replacement has a new name"
    );
    assert_eq!(
        add(&mut world, ALICE, 5),
        Some(5),
        "the emptyDir died with the pod"
    );
    assert!(world.checker().count(FindingKind::StateLost) > 0);
}

#[test]
fn memory_does_not_survive_a_container_restart() {
    let mut world = single_pod(TotalStore::Memory);
    assert_eq!(add(&mut world, ALICE, 5), Some(5));
    assert_eq!(add(&mut world, ALICE, 5), Some(10));
    let pod = pod_names(&world)[0].clone();
    world.apply(&Command::RestartContainer { pod }).unwrap();
    settle(&mut world);
    assert_eq!(add(&mut world, ALICE, 5), Some(5));
    assert_eq!(world.checker().count(FindingKind::StateLost), 1);
    assert_eq!(world.checker().count(FindingKind::WentDown), 1);
}

fn stateful_set(seed: u64) -> World {
    let mut world = World::new(ScenarioId::StatefulSetHeadless, seed);
    quiet(&mut world);
    settle(&mut world);
    world
}

#[test]
fn stateful_set_pods_keep_their_name_dns_and_volume() {
    let mut world = stateful_set(8);
    assert_eq!(pod_names(&world), ["adder-0", "adder-1", "adder-2"]);
    world
        .apply(&Command::SetTarget {
            client: BOB,
            target: Target::Pod(1),
        })
        .unwrap();
    assert_eq!(add(&mut world, BOB, 7), Some(7));
    assert_eq!(add(&mut world, BOB, 7), Some(14));
    let before = world.snapshot();
    let claim_of = |snapshot: &adder_lab_model::sim::Snapshot| {
        let pvc = snapshot
            .frame
            .volumes
            .iter()
            .find(|v| v.claim == "data-adder-1")
            .unwrap();
        (pvc.volume.clone(), pvc.total)
    };
    world
        .apply(&Command::DeletePod {
            name: "adder-1".into(),
        })
        .unwrap();
    world.run_for(100);
    assert!(
        world
            .snapshot()
            .dns
            .iter()
            .all(|record| !record.name.starts_with("adder-1."))
    );
    settle(&mut world);
    let after = world.snapshot();
    let pod = after
        .frame
        .pods
        .iter()
        .find(|pod| pod.ordinal == Some(1))
        .unwrap();
    assert_eq!(pod.name, "adder-1");
    assert_eq!(pod.claim.as_deref(), Some("data-adder-1"));
    assert_eq!(
        claim_of(&after),
        claim_of(&before),
        "same PVC, same PV, same content"
    );
    assert!(
        after
            .dns
            .iter()
            .any(|record| record.name == "adder-1.adder.default.svc.cluster.local")
    );
    assert_eq!(
        add(&mut world, BOB, 7),
        Some(21),
        "its old total came back with it"
    );
}

#[test]
fn a_headless_service_does_no_load_balancing() {
    let mut world = stateful_set(9);
    let snapshot = world.snapshot();
    assert_eq!(
        snapshot.frame.services[0].service_type,
        ServiceType::Headless
    );
    let service_record = snapshot
        .dns
        .iter()
        .find(|r| r.name == "adder.default.svc.cluster.local")
        .unwrap();
    assert_eq!(
        service_record.addresses.len(),
        3,
        "the name resolves to every ready pod"
    );
    // Alice names adder-0: every request goes there, however many are sent.
    for _ in 0..10 {
        add(&mut world, ALICE, 1);
    }
    assert!(
        world.clients()[ALICE]
            .observed
            .iter()
            .all(|c| c.pod.unwrap() == "adder-0")
    );
    assert_eq!(
        world.clients()[ALICE].observed.back().unwrap().outcome,
        Ok(10)
    );
    // Addressing the Service name instead: the client picks among the records, no sticking.
    world
        .apply(&Command::SetTarget {
            client: ALICE,
            target: Target::Service,
        })
        .unwrap();
    for _ in 0..20 {
        add(&mut world, ALICE, 1);
    }
    let pods: std::collections::BTreeSet<_> = world.clients()[ALICE]
        .observed
        .iter()
        .rev()
        .take(20)
        .filter_map(|c| c.pod)
        .collect();
    assert!(
        pods.len() > 1,
        "a headless Service does not send everything to one pod"
    );
}

#[test]
fn ordered_ready_creates_in_order_and_parallel_all_at_once() {
    let mut world = World::new(ScenarioId::StatefulSetHeadless, 10);
    world.run_for(1);
    assert_eq!(
        pod_names(&world),
        ["adder-0"],
        "adder-1 waits for adder-0 to be Ready"
    );
    world.run_for(2_100);
    assert_eq!(pod_names(&world), ["adder-0", "adder-1"]);
    settle(&mut world);
    // Scale down: highest ordinal first, one at a time; the claims stay.
    world.apply(&Command::Scale { replicas: 1 }).unwrap();
    world.run_for(100);
    let terminating: Vec<_> = world
        .snapshot()
        .frame
        .pods
        .into_iter()
        .filter(|p| p.status == PodStatus::Terminating)
        .map(|p| p.name)
        .collect();
    assert_eq!(terminating, ["adder-2"]);
    settle(&mut world);
    assert_eq!(pod_names(&world), ["adder-0"]);
    assert_eq!(world.volumes().len(), 3, "PVCs are retained on scale-down");

    let mut parallel = World::new(ScenarioId::StatefulSetHeadless, 10);
    parallel
        .apply(&Command::SetPodManagement(PodManagementPolicy::Parallel))
        .unwrap();
    parallel.run_for(1);
    let mut names = pod_names(&parallel);
    names.sort();
    assert_eq!(names, ["adder-0", "adder-1", "adder-2"]);
}

#[test]
fn scaling_back_up_reattaches_the_old_claims_and_data() {
    let mut world = stateful_set(11);
    world
        .apply(&Command::SetTarget {
            client: BOB,
            target: Target::Pod(2),
        })
        .unwrap();
    assert_eq!(add(&mut world, BOB, 9), Some(9));
    world.apply(&Command::Scale { replicas: 2 }).unwrap();
    settle(&mut world);
    assert_eq!(
        add(&mut world, BOB, 9),
        None,
        "adder-2 has no DNS record while scaled down"
    );
    world.apply(&Command::Scale { replicas: 3 }).unwrap();
    settle(&mut world);
    assert_eq!(add(&mut world, BOB, 1), Some(10));
    assert!(world.history().entries().any(|e| {
        e.event
            .to_string()
            .contains("mounted its old claim data-adder-2")
    }));
}

#[test]
fn deployment_pods_get_kubernetes_names_and_a_rollout_changes_the_hash() {
    let mut world = World::new(ScenarioId::AdderMemory, 12);
    settle(&mut world);
    let hash_of = |name: &str| name.split('-').nth(1).unwrap().to_owned();
    let names = pod_names(&world);
    assert_eq!(names.len(), 3);
    for name in &names {
        let parts: Vec<_> = name.split('-').collect();
        assert_eq!(parts.len(), 3, "{name}");
        assert_eq!(parts[0], "adder");
        assert_eq!(parts[2].len(), 5);
    }
    let old_hash = hash_of(&names[0]);
    assert!(names.iter().all(|name| hash_of(name) == old_hash));
    world.apply(&Command::RollOut).unwrap();
    // maxSurge 1, maxUnavailable 0: never fewer than 3 ready pods during the rollout.
    for _ in 0..200 {
        world.run_for(100);
        let ready = world.pods().iter().filter(|pod| pod.is_endpoint()).count();
        assert!(ready >= 3, "only {ready} ready during the rollout");
    }
    settle(&mut world);
    let new_names = pod_names(&world);
    assert_eq!(new_names.len(), 3);
    assert!(
        new_names.iter().all(|name| hash_of(name) != old_hash),
        "{new_names:?}"
    );
}

#[test]
fn three_tiers_keep_one_right_total_in_the_database() {
    let mut world = World::new(ScenarioId::ThreeTier, 13);
    world.run_for(120_000);
    quiet(&mut world);
    settle(&mut world);
    assert_eq!(
        world.checker().total_findings(),
        0,
        "{:?}",
        world.snapshot().findings
    );
    let snapshot = world.snapshot();
    assert!(
        snapshot
            .frame
            .pods
            .iter()
            .any(|pod| pod.name == "db-0" && pod.claim.as_deref() == Some("data-db-0"))
    );
    assert!(
        snapshot
            .dns
            .iter()
            .any(|r| r.name == "db-0.db.default.svc.cluster.local")
    );
    let stored = world.stored_total(Register::Service).unwrap();
    assert_eq!(stored, world.applied_total(Register::Service));
    assert!(stored > 0);
}

#[test]
fn read_write_once_keeps_pods_on_other_nodes_waiting_and_stalls_a_rollout() {
    let mut world = World::new(ScenarioId::SharedVolumeRwo, 14);
    settle(&mut world);
    let snapshot = world.snapshot();
    let waiting: Vec<_> = snapshot
        .frame
        .pods
        .iter()
        .filter(|pod| pod.waiting_reason.is_some())
        .collect();
    assert_eq!(
        waiting.len(),
        2,
        "pods on the two other nodes cannot attach the volume"
    );
    assert!(waiting[0].waiting_reason.unwrap().contains("Multi-Attach"));
    assert!(
        waiting
            .iter()
            .all(|pod| pod.status == PodStatus::ContainerCreating)
    );
    let events: Vec<String> = snapshot
        .events
        .iter()
        .map(|(_, text)| text.clone())
        .collect();
    assert!(
        events.iter().any(
            |text| text.contains("stays ContainerCreating: Multi-Attach error for volume pvc-")
        ),
        "{events:?}"
    );

    // A rollout's new pods land on the other nodes too and wait there: the old pod must stay
    // (maxUnavailable 0 of 3), so the rollout never completes.
    world.apply(&Command::RollOut).unwrap();
    world.run_for(60_000);
    let pods = world.snapshot().frame.pods;
    assert!(
        pods.iter()
            .any(|pod| pod.revision == 1 && pod.status == PodStatus::Ready),
        "{pods:?}"
    );
    assert!(
        pods.iter()
            .any(|pod| pod.revision == 2 && pod.status == PodStatus::ContainerCreating)
    );
    assert_eq!(
        world.checker().total_findings(),
        0,
        "the lock still keeps the total right"
    );
}

/// The stateless converter on a Deployment: only the converter runs there, so nothing is kept
/// and nothing can go wrong with totals (the story's contrast to the adder).
#[test]
fn the_converter_deployment_runs_only_the_converter() {
    let mut world = quiet_world(ScenarioId::ConverterDeployment, 2);
    let snapshot = world.snapshot();
    assert!(
        snapshot
            .frame
            .pods
            .iter()
            .all(|pod| pod.name.starts_with("converter-")
                && pod.memory_total.is_none()
                && pod.empty_dir_total.is_none())
    );
    assert_eq!(snapshot.frame.services[0].name, "converter");
    assert_eq!(snapshot.dns[0].name, "converter.default.svc.cluster.local");
    assert!(snapshot.registers.is_empty(), "no total anywhere");
    let refused = world.apply(&Command::Send {
        client: ALICE,
        kind: RequestKind::Add(5),
    });
    assert!(
        matches!(refused, Err(CommandError::NotInThisScenario(text)) if text.contains("only the converter"))
    );
    world
        .apply(&Command::Send {
            client: ALICE,
            kind: RequestKind::Convert(5),
        })
        .unwrap();
    world.run_for(5_000);
    assert_eq!(
        world.clients()[ALICE].observed.back().unwrap().outcome,
        Ok(500)
    );
    let yaml = adder_lab_model::playground::manifests::manifests(&world);
    assert!(
        yaml.contains("kind: Deployment\nmetadata:\n  name: converter\n"),
        "{yaml}"
    );
    assert!(
        !yaml.contains("adder:") && !yaml.contains("TOTAL_STORE"),
        "{yaml}"
    );
}

/// An emptyDir belongs to its pod: it survives a container restart, and goes with the pod.
#[test]
fn an_emptydir_total_survives_a_restart_but_not_the_pods_deletion() {
    let mut world = quiet_world(ScenarioId::AdderEmptyDir, 6);
    world.apply(&Command::Scale { replicas: 1 }).unwrap();
    settle(&mut world);
    assert_eq!(add(&mut world, ALICE, 4), Some(4));
    let pod = pod_names(&world)[0].clone();
    world
        .apply(&Command::RestartContainer { pod: pod.clone() })
        .unwrap();
    settle(&mut world);
    assert_eq!(
        add(&mut world, ALICE, 3),
        Some(7),
        "the file survived the restart"
    );
    assert_eq!(world.checker().total_findings(), 0);
    world
        .apply(&Command::DeletePod { name: pod.clone() })
        .unwrap();
    settle(&mut world);
    assert_eq!(
        add(&mut world, ALICE, 1),
        Some(1),
        "the new pod has a new, empty emptyDir"
    );
    let lost = world
        .snapshot()
        .findings
        .into_iter()
        .find(|finding| finding.kind == FindingKind::StateLost)
        .expect("state lost");
    assert_eq!(
        lost.message,
        format!(
            "{pod} held a total of 7 in its emptyDir volume; it was deleted, and that total is gone."
        )
    );
}

#[test]
fn a_failed_node_deployment_replaces_statefulset_waits() {
    let mut world = World::new(ScenarioId::AdderMemory, 15);
    settle(&mut world);
    world
        .apply(&Command::FailNode {
            node: "node-1".into(),
        })
        .unwrap();
    world.run_for(1_000);
    assert!(
        world
            .pods()
            .iter()
            .any(|pod| pod.phase == PodPhase::Unknown)
    );
    settle(&mut world);
    let serving = world.pods().iter().filter(|pod| pod.is_endpoint()).count();
    assert_eq!(
        serving, 3,
        "the ReplicaSet replaced the evicted pod on another node"
    );

    let (mut world, node_of_adder_0) = adder_0_on_a_failed_node();
    let adder_0 = world
        .snapshot()
        .frame
        .pods
        .into_iter()
        .find(|pod| pod.name == "adder-0")
        .unwrap();
    assert_eq!(
        adder_0.status,
        PodStatus::Terminating,
        "stuck until the kubelet confirms"
    );
    assert_eq!(adder_0.node, node_of_adder_0, "no second adder-0 anywhere");
    world
        .apply(&Command::RecoverNode {
            node: node_of_adder_0,
        })
        .unwrap();
    settle(&mut world);
    assert!(
        world
            .pods()
            .iter()
            .any(|pod| pod.name == "adder-0" && pod.is_endpoint())
    );
}

/// The StatefulSet of `stateful_set(15)` 30 s after adder-0's node failed (the node's name).
fn adder_0_on_a_failed_node() -> (World, String) {
    let mut world = stateful_set(15);
    let node = world.snapshot().frame.pods[0].node.clone();
    world
        .apply(&Command::FailNode { node: node.clone() })
        .unwrap();
    world.run_for(30_000);
    (world, node)
}

/// kubernetes.io, "Force Delete StatefulSet Pods": a pod on an unreachable node stays
/// Terminating; a force delete (`--grace-period=0 --force`) removes the API object at once, so
/// the StatefulSet makes the pod again, same name, same claim, on a node that is up.
#[test]
fn a_force_delete_frees_a_stateful_set_pod_stuck_on_a_failed_node() {
    let (mut world, node_of_adder_0) = adder_0_on_a_failed_node();
    assert_eq!(terminating(&world), ["adder-0"]);
    let claim_before = world
        .pods()
        .iter()
        .find(|pod| pod.name == "adder-0")
        .unwrap()
        .volume;
    world
        .apply(&Command::DeletePodWithGrace {
            name: "adder-0".into(),
            grace_period_s: 0,
        })
        .unwrap();
    assert!(terminating(&world).is_empty(), "the object is gone at once");
    settle(&mut world);
    let again = world
        .pods()
        .iter()
        .find(|pod| pod.name == "adder-0")
        .expect("made again");
    assert_ne!(
        world.nodes()[again.node].name.as_str(),
        node_of_adder_0,
        "on a node that is up"
    );
    assert!(again.is_endpoint());
    assert_eq!(again.volume, claim_before, "on the same claim");

    // A grace period given is the time the pod has to finish.
    let mut world = stateful_set(15);
    world
        .apply(&Command::DeletePodWithGrace {
            name: "adder-1".into(),
            grace_period_s: 20,
        })
        .unwrap();
    world.run_for(19_000);
    assert_eq!(terminating(&world), ["adder-1"]);
    world.run_for(2_000);
    assert!(terminating(&world).is_empty());
    assert_eq!(
        world.apply(&Command::DeletePodWithGrace {
            name: "adder-1".into(),
            grace_period_s: 3_601,
        }),
        Err(CommandError::GracePeriodOutOfRange(3_601))
    );
}

#[test]
fn bad_commands_are_refused_and_change_nothing() {
    let mut world = World::new(ScenarioId::AdderMemory, 16);
    world.run_for(30_000);
    let before = world.snapshot();
    let refused = [
        (
            Command::Scale { replicas: -1 },
            CommandError::ReplicasOutOfRange(-1),
        ),
        (
            Command::Scale { replicas: 10_000 },
            CommandError::ReplicasOutOfRange(10_000),
        ),
        (
            Command::DeletePod {
                name: "adder-0".into(),
            },
            CommandError::NoSuchPod("adder-0".into()),
        ),
        (
            Command::Send {
                client: 0,
                kind: RequestKind::Add(u64::MAX),
            },
            CommandError::NumberOutOfRange {
                kind: RequestKind::Add(u64::MAX),
                max: 1_000_000_000,
            },
        ),
        (
            Command::Send {
                client: 9,
                kind: RequestKind::Add(1),
            },
            CommandError::NoSuchClient(9),
        ),
        (
            Command::FailNode {
                node: "node-9".into(),
            },
            CommandError::NoSuchNode("node-9".into()),
        ),
        (
            Command::RecoverNode {
                node: "node-1".into(),
            },
            CommandError::NodeAlreadyInState {
                node: "node-1".into(),
                failed: false,
            },
        ),
    ];
    for (command, expected) in refused {
        assert_eq!(world.apply(&command), Err(expected.clone()), "{command:?}");
        assert!(!expected.to_string().is_empty());
        assert_eq!(world.snapshot(), before, "{command:?} changed the world");
    }
    assert!(matches!(
        world.apply(&Command::SetLock(false)),
        Err(CommandError::NotInThisScenario(_))
    ));
    assert!(matches!(
        world.apply(&Command::SetTarget {
            client: 0,
            target: Target::Pod(0)
        }),
        Err(CommandError::NotInThisScenario(_))
    ));
    assert_eq!(
        ScenarioId::parse("nope"),
        Err(UnknownScenario("nope".into()))
    );
    assert_eq!(world.snapshot(), before);
}

#[test]
fn session_affinity_pins_each_client_to_one_pod() {
    let mut world = World::new(ScenarioId::AdderMemory, 17);
    world.apply(&Command::SetSessionAffinity(true)).unwrap();
    world.run_for(120_000);
    for client in world.clients() {
        let pods: std::collections::BTreeSet<_> =
            client.observed.iter().filter_map(|c| c.pod).collect();
        assert_eq!(pods.len(), 1, "{} went to {pods:?}", client.name);
    }
    assert_eq!(
        world.checker().count(FindingKind::WentDown),
        0,
        "each client sees one pod's total"
    );
}

#[test]
fn a_lock_holder_that_dies_releases_the_lock() {
    let mut settings = Settings::for_scenario(ScenarioId::SharedVolumeLock);
    for client in &mut settings.clients {
        client.requests_per_minute = 600; // far above what the lock admits: a queue forms
    }
    let mut world = World::with_settings(settings, 18);
    world.run_for(20_000);
    let snapshot = world.snapshot();
    let volume = &snapshot.frame.volumes[0];
    let holder = volume.lock_holder.expect("someone holds the lock");
    assert!(!volume.lock_queue.is_empty(), "others wait in line");
    let holder_pod = snapshot
        .frame
        .requests
        .iter()
        .find(|r| r.id == holder)
        .unwrap()
        .pod
        .clone()
        .unwrap();
    let first_waiter = volume.lock_queue[0];
    world
        .apply(&Command::RestartContainer { pod: holder_pod })
        .unwrap();
    let after = world.snapshot();
    assert_ne!(
        after.frame.volumes[0].lock_holder,
        Some(holder),
        "released when its process died"
    );
    let dead = world.completed().find(|c| c.id == holder).copied();
    assert!(dead.is_none() || dead.unwrap().outcome.is_err());
    world.run_for(60_000);
    quiet(&mut world);
    settle(&mut world);
    assert!(
        world
            .completed()
            .any(|c| c.id > first_waiter && c.outcome.is_ok()),
        "the queue moved on"
    );
    for kind in [
        FindingKind::LostUpdate,
        FindingKind::Conflict,
        FindingKind::StaleRead,
    ] {
        assert_eq!(world.checker().count(kind), 0, "{kind:?}");
    }
}

#[test]
fn the_database_pod_returns_with_its_data() {
    let mut world = World::new(ScenarioId::ThreeTier, 19);
    quiet(&mut world);
    settle(&mut world);
    assert_eq!(add(&mut world, ALICE, 4), Some(4));
    world
        .apply(&Command::DeletePod {
            name: "db-0".into(),
        })
        .unwrap();
    world.run_for(100);
    assert_eq!(
        add(&mut world, ALICE, 1),
        None,
        "no database while db-0 is away"
    );
    settle(&mut world);
    assert_eq!(
        add(&mut world, ALICE, 4),
        Some(8),
        "db-0 came back with data-db-0"
    );
}

/// Pod IPs come from the node's own range, as a CNI's IPAM hands them out, so no two live pods
/// ever share one however many replacements a run sees (it used to wrap after 250 pods).
#[test]
fn names_and_ips_stay_unique_through_hundreds_of_replacements() {
    let mut world = quiet_world(ScenarioId::AdderMemory, 21);
    world.apply(&Command::Scale { replicas: 6 }).unwrap();
    settle(&mut world);
    let (survivor, node) = (world.pods()[0].name, world.pods()[0].node);
    for _ in 0..400 {
        // Replace the survivor's neighbour again and again: each replacement lands on the same
        // node (the least loaded), so the survivor lives beside hundreds of newer pods there.
        let victim = world
            .pods()
            .iter()
            .find(|pod| pod.node == node && pod.name != survivor && !pod.terminating)
            .expect("a neighbour")
            .name
            .to_string();
        world.apply(&Command::DeletePod { name: victim }).unwrap();
        world.assert_invariants();
        let until_ms = world.now_ms() + 2_500;
        while world.next_event_ms().is_some_and(|at_ms| at_ms <= until_ms) {
            world.step();
            world.assert_invariants();
        }
    }
    assert_eq!(world.pods()[0].name, survivor);
    let ips: Vec<_> = world.pods().iter().map(|pod| pod.ip).collect();
    assert!(ips.iter().all(|ip| ip[..2] == [10, 244]), "{ips:?}");
}

/// A request's destination is fixed when it is sent: retargeting Alice while her request is on
/// the wire changes where her next request goes, not this one.
#[test]
fn retargeting_a_client_does_not_redirect_a_request_on_the_wire() {
    let mut world = stateful_set(12);
    world
        .apply(&Command::Send {
            client: ALICE,
            kind: RequestKind::Add(5),
        })
        .unwrap();
    world
        .apply(&Command::SetTarget {
            client: ALICE,
            target: Target::Pod(1),
        })
        .unwrap();
    world.run_for(5_000);
    let answer = *world.clients()[ALICE].observed.back().unwrap();
    assert_eq!(
        answer.pod.map(|pod| pod.to_string()).as_deref(),
        Some("adder-0")
    );
    assert_eq!(answer.outcome, Ok(5));
    assert_eq!(world.checker().total_findings(), 0);
    assert_eq!(
        add(&mut world, ALICE, 2),
        Some(2),
        "the next one goes to adder-1"
    );
}

/// OrderedReady applies to scale-down too: no pod is terminated while a lower ordinal is not
/// Running and Ready, and the events say what the controller waits for.
#[test]
fn ordered_ready_scale_down_waits_for_lower_ordinals_to_be_ready() {
    let mut world = stateful_set(3);
    world
        .apply(&Command::RestartContainer {
            pod: "adder-0".into(),
        })
        .unwrap();
    world.apply(&Command::Scale { replicas: 1 }).unwrap();
    assert_eq!(
        terminating(&world),
        Vec::<String>::new(),
        "adder-0 is not Ready"
    );
    let waiting = world
        .history()
        .entries()
        .filter(|entry| entry.event.to_string().contains("OrderedReady"))
        .map(|entry| entry.event.to_string())
        .collect::<Vec<_>>();
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert!(
        waiting[0].starts_with("adder-2 stays for now") && waiting[0].ends_with("adder-0 is not")
    );

    world.run_for(1_600); // the container is back and ready again
    assert_eq!(terminating(&world), ["adder-2"]);
    settle(&mut world);
    assert_eq!(pod_names(&world), ["adder-0"], "adder-2, then adder-1");
}

/// The predecessors that count for a scale-down are the pods the set keeps (kubernetes
/// `processCondemned`): a healthy condemned pod goes even while a lower condemned one is
/// restarting, and that one, once it is the highest, goes unready (it is the first unhealthy).
#[test]
fn ordered_ready_scale_down_does_not_wait_for_condemned_predecessors() {
    let mut world = stateful_set(3);
    world
        .apply(&Command::RestartContainer {
            pod: "adder-1".into(),
        })
        .unwrap();
    world.apply(&Command::Scale { replicas: 1 }).unwrap();
    assert_eq!(terminating(&world), ["adder-2"], "adder-1 is condemned too");
    world.run_for(1_000);
    assert!(
        world
            .pods()
            .iter()
            .any(|pod| pod.name.as_str() == "adder-1" && !pod.is_endpoint()),
        "adder-1 is still restarting"
    );
    world.run_for(2_000); // adder-2 is gone after its grace period
    assert!(
        world
            .pods()
            .iter()
            .all(|pod| pod.name.as_str() != "adder-2")
    );
    settle(&mut world);
    assert_eq!(pod_names(&world), ["adder-0"]);
}

/// An unready condemned pod waits while a lower condemned pod is unready too: the lowest
/// unready pod is the one that may go unready.
#[test]
fn ordered_ready_scale_down_removes_the_lowest_unready_pod_first() {
    let mut world = stateful_set(3);
    for pod in ["adder-1", "adder-2"] {
        world
            .apply(&Command::RestartContainer { pod: pod.into() })
            .unwrap();
    }
    world.apply(&Command::Scale { replicas: 1 }).unwrap();
    assert!(world.pods().iter().all(|pod| !pod.terminating));
    let waiting: Vec<String> = world
        .history()
        .entries()
        .map(|entry| entry.event.to_string())
        .filter(|event| event.contains("OrderedReady"))
        .collect();
    assert_eq!(
        waiting,
        [
            "adder-2 stays for now: it is not Running and Ready, and OrderedReady removes such a pod \
          only when no lower one is unready too; adder-1 is not Running and Ready"
        ]
    );
    settle(&mut world);
    assert_eq!(pod_names(&world), ["adder-0"]);
}

/// Kubernetes' case of a missing condemned ordinal: `adder-0` deleted, then the set scaled to
/// zero. `adder-0` is not recreated and does not hold the others back.
#[test]
fn scale_to_zero_with_adder_0_missing_removes_every_pod() {
    let mut world = stateful_set(3);
    world
        .apply(&Command::DeletePod {
            name: "adder-0".into(),
        })
        .unwrap();
    world.run_for(500);
    world.apply(&Command::Scale { replicas: 0 }).unwrap();
    world.run_for(30_000);
    assert_eq!(pod_names(&world), Vec::<String>::new());
    let claims: Vec<String> = world
        .volumes()
        .iter()
        .map(|volume| volume.claim.to_string())
        .collect();
    assert_eq!(
        claims,
        ["data-adder-0", "data-adder-1", "data-adder-2"],
        "the claims stay"
    );
}

/// OrderedReady: scaling takes precedence over a rolling update. The kept pod is replaced only
/// once every condemned pod is gone.
#[test]
fn ordered_ready_scales_down_before_it_rolls_out() {
    let mut world = stateful_set(3);
    world.apply(&Command::Scale { replicas: 1 }).unwrap();
    world.apply(&Command::RollOut).unwrap();
    assert_eq!(
        terminating(&world),
        ["adder-2"],
        "adder-0 waits for the scale-down"
    );
    let adder_0 = world.pods()[0].uid;
    world.run_for(2_500);
    assert_eq!(terminating(&world), ["adder-1"]);
    world.run_for(2_500);
    assert_eq!(terminating(&world), ["adder-0"], "now the update");
    settle(&mut world);
    assert_eq!(pod_names(&world), ["adder-0"]);
    assert_ne!(world.pods()[0].uid, adder_0, "replaced by the new revision");
}

/// Changing a client's rate replaces its traffic timer instead of leaving the old one queued,
/// so the event queue stays bounded however often the rate changes.
#[test]
fn rate_changes_do_not_grow_the_event_queue() {
    let mut world = quiet_world(ScenarioId::AdderMemory, 2);
    let before = world.events_queued();
    for rate in 0..2_000u32 {
        world
            .apply(&Command::SetTraffic {
                client: rate as usize % 3,
                requests_per_minute: 1 + rate % 50,
            })
            .unwrap();
    }
    assert!(
        world.events_queued() <= before + 3,
        "{} queued",
        world.events_queued()
    );
    assert!(world.events_queued() <= adder_lab_model::sim::world::EVENTS_QUEUED_MAX);
}

/// A node failing and coming back again and again leaves no timers behind either.
#[test]
fn node_failures_and_recoveries_do_not_grow_the_event_queue() {
    let mut world = quiet_world(ScenarioId::StatefulSetHeadless, 4);
    let before = world.events_queued();
    for _ in 0..300 {
        for command in [
            Command::FailNode {
                node: "node-1".into(),
            },
            Command::RecoverNode {
                node: "node-1".into(),
            },
        ] {
            world.apply(&command).unwrap();
        }
    }
    assert!(
        world.events_queued() <= before + 6,
        "{} queued",
        world.events_queued()
    );
    settle(&mut world);
    assert!(
        world.pods().iter().all(|pod| pod.is_endpoint()),
        "every pod serves again"
    );
}
