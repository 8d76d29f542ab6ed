//! Liveness of the controllers: whatever was deleted (force-deleted too), restarted, failed,
//! cordoned, drained or scaled, once the faults stop and every node is back and schedulable,
//! each workload reaches exactly its replicas, in bounded time. (The invariants say nothing bad happens; this says the good thing does.)

use adder_lab_model::sim::objects::{Owner, PodPhase};
use adder_lab_model::sim::scenario::PodManagementPolicy;
use adder_lab_model::sim::{Command, ScenarioId, World};
use proptest::prelude::*;

/// Simulated time the controllers get after the last fault: enough for the slowest path, an
/// OrderedReady StatefulSet going from 0 to `REPLICAS_MAX` (16 pods created one after another,
/// ~2 s each) or back (16 pods terminated one after another, a 2 s grace period each), plus a
/// node's pods evicted (5 s) first.
const CONVERGENCE_MS: u64 = 90_000;

#[derive(Debug, Clone)]
enum Fault {
    /// Deletes the pod at this index (modulo the pods there are), even a Terminating one.
    DeletePod(usize),
    RestartContainer(usize),
    FailNode(usize),
    RecoverNode(usize),
    /// `kubectl delete --force` (grace 0): the object goes at once, even from a failed node.
    ForceDelete(usize),
    Cordon(usize, bool),
    Drain(usize),
    Scale(u32),
    RollOut,
    Parallel(bool),
}

fn fault_strategy() -> impl Strategy<Value = Fault> {
    prop_oneof![
        4 => any::<usize>().prop_map(Fault::DeletePod),
        2 => any::<usize>().prop_map(Fault::RestartContainer),
        1 => (0..3usize).prop_map(Fault::FailNode),
        1 => (0..3usize).prop_map(Fault::RecoverNode),
        1 => any::<usize>().prop_map(Fault::ForceDelete),
        1 => (0..3usize, any::<bool>()).prop_map(|(node, on)| Fault::Cordon(node, on)),
        1 => (0..3usize).prop_map(Fault::Drain),
        // Zero and small counts weigh more: that is where an ordinal goes missing.
        4 => prop_oneof![Just(0u32), 0..4u32, 0..=16u32].prop_map(Fault::Scale),
        1 => Just(Fault::RollOut),
        1 => any::<bool>().prop_map(Fault::Parallel),
    ]
}

fn command(world: &World, fault: &Fault) -> Command {
    let pod = |index: usize| {
        let pods = world.pods();
        match pods.len() {
            0 => "adder-0".to_owned(),
            count => pods[index % count].name.to_string(),
        }
    };
    match *fault {
        Fault::DeletePod(index) => Command::DeletePod { name: pod(index) },
        Fault::RestartContainer(index) => Command::RestartContainer { pod: pod(index) },
        Fault::FailNode(node) => Command::FailNode {
            node: format!("node-{}", node + 1),
        },
        Fault::RecoverNode(node) => Command::RecoverNode {
            node: format!("node-{}", node + 1),
        },
        Fault::ForceDelete(index) => Command::DeletePodWithGrace {
            name: pod(index),
            grace_period_s: 0,
        },
        Fault::Cordon(node, on) => Command::SetSchedulable {
            node: format!("node-{}", node + 1),
            schedulable: !on,
        },
        Fault::Drain(node) => Command::Drain {
            node: format!("node-{}", node + 1),
        },
        Fault::Scale(replicas) => Command::Scale {
            replicas: i64::from(replicas),
        },
        Fault::RollOut => Command::RollOut,
        Fault::Parallel(on) => Command::SetPodManagement(if on {
            PodManagementPolicy::Parallel
        } else {
            PodManagementPolicy::OrderedReady
        }),
    }
}

/// Applies the faults at their times (a refused one is fine: e.g. a policy on a Deployment),
/// recovers and uncordons every node, and gives the controllers `CONVERGENCE_MS`.
fn run(world: &mut World, faults: &[(u64, Fault)]) {
    let mut at_ms = 0;
    for (delay_ms, fault) in faults {
        at_ms += delay_ms;
        world.run_until(at_ms);
        let _ = world.apply(&command(world, fault));
    }
    let down: Vec<String> = world
        .nodes()
        .iter()
        .filter(|node| !node.up)
        .map(|node| node.name.to_string())
        .collect();
    for node in down {
        world
            .apply(&Command::RecoverNode { node })
            .expect("a failed node can recover");
    }
    let names: Vec<String> = world
        .nodes()
        .iter()
        .map(|node| node.name.to_string())
        .collect();
    for node in names {
        world
            .apply(&Command::SetSchedulable {
                node,
                schedulable: true,
            })
            .expect("any node can be uncordoned");
    }
    world.run_for(CONVERGENCE_MS);
}

/// What is wrong with the workloads now, in words (empty when each has exactly its replicas).
fn divergence(world: &World) -> Vec<String> {
    let mut wrong = Vec::new();
    let mut workloads = vec![(Owner::Adder, world.replicas())];
    if world.scenario() == ScenarioId::ThreeTier {
        workloads.push((Owner::Database, 1));
    }
    for (owner, replicas) in workloads {
        let pods: Vec<_> = world
            .pods()
            .iter()
            .filter(|pod| pod.owner == owner)
            .collect();
        // ReadWriteOnce across nodes: a rolling update's surge pod lands on another node, never
        // attaches, never becomes Ready, so no old pod may go. Kubernetes stalls there too
        // (the Deployment exceeds its progress deadline); the surge is the only extra allowed.
        let stalled_surge = world.scenario() == ScenarioId::SharedVolumeRwo
            && pods.len() <= (replicas + replicas.div_ceil(4)) as usize
            && pods.len() > replicas as usize
            && pods.iter().any(|pod| pod.waiting_reason.is_some());
        if pods.len() != replicas as usize && !stalled_surge {
            wrong.push(format!(
                "{owner:?}: {} pods for {replicas} replicas",
                pods.len()
            ));
        }
        for pod in &pods {
            // ReadWriteOnce: one node's pods may mount the claim; the others wait, by design.
            let multi_attach = world.scenario() == ScenarioId::SharedVolumeRwo
                && pod.phase == PodPhase::Pending
                && pod.waiting_reason.is_some();
            if !pod.is_endpoint() && !multi_attach {
                wrong.push(format!("{} is not Running and Ready: {pod:?}", pod.name));
            }
            let Some(ordinal) = pod.ordinal else {
                continue;
            };
            let set = if owner == Owner::Adder { "adder" } else { "db" };
            if pod.name.as_str() != format!("{set}-{ordinal}") || ordinal >= replicas {
                wrong.push(format!("{} has ordinal {ordinal} of {replicas}", pod.name));
            }
            let claim = pod
                .volume
                .map(|index| world.volumes()[index].claim.to_string());
            if claim.as_deref() != Some(format!("data-{set}-{ordinal}").as_str()) {
                wrong.push(format!("{} mounts {claim:?}", pod.name));
            }
        }
    }
    wrong
}

/// The case that found it (issue 22): `adder-0` deleted, then the set scaled to zero while
/// `adder-0` was being recreated. `adder-1` stayed Running for ever with `replicas: 0`.
#[test]
fn a_stateful_set_scaled_to_zero_while_adder_0_is_missing_reaches_zero() {
    for seed in [1, 2, 3, 7, 42] {
        let mut world = World::new(ScenarioId::StatefulSetHeadless, seed);
        let faults = [(2_700, Fault::DeletePod(0)), (1_700, Fault::Scale(0))];
        // DeletePod(0) names the first pod in the list: make sure it is adder-0.
        world.run_until(2_700);
        assert_eq!(world.pods()[0].name.as_str(), "adder-0");
        run(&mut world, &faults);
        assert_eq!(divergence(&world), Vec::<String>::new(), "seed {seed}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn every_workload_converges_to_its_replicas(
        scenario in prop::sample::select(ScenarioId::ALL.to_vec()),
        stateful in any::<bool>(),
        seed in any::<u64>(),
        faults in prop::collection::vec((0..6_000u64, fault_strategy()), 0..12),
    ) {
        // Half the cases on the StatefulSet scene, where ordinals make the rules subtle.
        let scenario = if stateful { ScenarioId::StatefulSetHeadless } else { scenario };
        let mut world = World::new(scenario, seed);
        run(&mut world, &faults);
        prop_assert_eq!(divergence(&world), Vec::<String>::new());
    }
}
