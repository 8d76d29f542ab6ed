//! Shared by the property tests: random scripts of commands and faults.
// Each test crate that includes this module uses only part of it.
#![allow(dead_code)]

use adder_lab_model::sim::scenario::{ClaimRetention, PodManagementPolicy, ProxyMode};
use adder_lab_model::sim::{Command, RequestKind, ScenarioId, Target, World};
use proptest::prelude::*;

/// A command whose pod or node is picked when it is applied (names only exist at run time).
#[derive(Debug, Clone)]
pub enum Step {
    Send {
        client: usize,
        number: u64,
    },
    Convert {
        client: usize,
        metres: u64,
    },
    Traffic {
        client: usize,
        per_minute: u32,
    },
    Target {
        client: usize,
        ordinal: Option<u32>,
    },
    DeletePod(usize),
    DeleteMissingPod,
    RestartContainer(usize),
    FailNode(usize),
    RecoverNode(usize),
    ForceDelete(usize),
    Cordon(usize, bool),
    Drain(usize),
    Scale(i64),
    RollOut,
    Lock(bool),
    Proxy(bool),
    Affinity(bool),
    Parallel(bool),
    DeleteWorkload,
    CreateWorkload(i64),
    DeleteService,
    CreateService(bool),
    PublishNotReady(bool),
    /// whenDeleted, whenScaled: Delete.
    Retention(bool, bool),
}

pub fn step_strategy(allow_lock_off: bool) -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..4usize, 0..2_000_000_000u64).prop_map(|(client, number)| Step::Send { client, number }),
        1 => (0..3usize, 0..100u64).prop_map(|(client, metres)| Step::Convert { client, metres }),
        2 => (0..3usize, prop_oneof![Just(0u32), 1..600u32, Just(70_000u32)])
            .prop_map(|(client, per_minute)| Step::Traffic { client, per_minute }),
        1 => (0..3usize, prop::option::of(0..20u32)).prop_map(|(client, ordinal)| Step::Target { client, ordinal }),
        2 => any::<usize>().prop_map(Step::DeletePod),
        1 => Just(Step::DeleteMissingPod),
        2 => any::<usize>().prop_map(Step::RestartContainer),
        1 => (0..4usize).prop_map(Step::FailNode),
        1 => (0..4usize).prop_map(Step::RecoverNode),
        1 => any::<usize>().prop_map(Step::ForceDelete),
        1 => (0..4usize, any::<bool>()).prop_map(|(node, on)| Step::Cordon(node, on)),
        1 => (0..4usize).prop_map(Step::Drain),
        2 => (-2..20i64).prop_map(Step::Scale),
        1 => Just(Step::RollOut),
        1 => any::<bool>().prop_map(move |on| Step::Lock(on || !allow_lock_off)),
        1 => any::<bool>().prop_map(Step::Proxy),
        1 => any::<bool>().prop_map(Step::Affinity),
        1 => any::<bool>().prop_map(Step::Parallel),
        1 => Just(Step::DeleteWorkload),
        1 => (-1..18i64).prop_map(Step::CreateWorkload),
        1 => Just(Step::DeleteService),
        1 => any::<bool>().prop_map(Step::CreateService),
        1 => any::<bool>().prop_map(Step::PublishNotReady),
        1 => any::<(bool, bool)>().prop_map(|(deleted, scaled)| Step::Retention(deleted, scaled)),
    ]
}

pub fn script_strategy(allow_lock_off: bool) -> impl Strategy<Value = Vec<(u64, Step)>> {
    prop::collection::vec((0..15_000u64, step_strategy(allow_lock_off)), 0..25)
}

pub fn to_command(world: &World, step: &Step) -> Command {
    let pod = |index: usize| {
        let pods = world.pods();
        if pods.is_empty() {
            "adder-0".to_owned()
        } else {
            pods[index % pods.len()].name.to_string()
        }
    };
    match *step {
        Step::Send { client, number } => Command::Send {
            client,
            kind: RequestKind::Add(number),
        },
        Step::Convert { client, metres } => Command::Send {
            client,
            kind: RequestKind::Convert(metres),
        },
        Step::Traffic { client, per_minute } => Command::SetTraffic {
            client,
            requests_per_minute: per_minute,
        },
        Step::Target { client, ordinal } => Command::SetTarget {
            client,
            target: ordinal.map_or(Target::Service, Target::Pod),
        },
        Step::DeletePod(index) => Command::DeletePod { name: pod(index) },
        Step::DeleteMissingPod => Command::DeletePod {
            name: "adder-does-not-exist".into(),
        },
        Step::RestartContainer(index) => Command::RestartContainer { pod: pod(index) },
        Step::FailNode(node) => Command::FailNode {
            node: format!("node-{}", node + 1),
        },
        Step::RecoverNode(node) => Command::RecoverNode {
            node: format!("node-{}", node + 1),
        },
        Step::ForceDelete(index) => Command::DeletePodWithGrace {
            name: pod(index),
            grace_period_s: 0,
        },
        Step::Cordon(node, on) => Command::SetSchedulable {
            node: format!("node-{}", node + 1),
            schedulable: !on,
        },
        Step::Drain(node) => Command::Drain {
            node: format!("node-{}", node + 1),
        },
        Step::Scale(replicas) => Command::Scale { replicas },
        Step::RollOut => Command::RollOut,
        Step::Lock(on) => Command::SetLock(on),
        Step::Proxy(random) => Command::SetProxyMode(if random {
            ProxyMode::Random
        } else {
            ProxyMode::RoundRobin
        }),
        Step::Affinity(on) => Command::SetSessionAffinity(on),
        Step::Parallel(on) => Command::SetPodManagement(if on {
            PodManagementPolicy::Parallel
        } else {
            PodManagementPolicy::OrderedReady
        }),
        Step::DeleteWorkload => Command::DeleteWorkload,
        Step::CreateWorkload(replicas) => Command::CreateWorkload { replicas },
        Step::DeleteService => Command::DeleteService,
        Step::CreateService(headless) => Command::CreateService { headless },
        Step::PublishNotReady(on) => Command::SetPublishNotReady(on),
        Step::Retention(deleted, scaled) => Command::SetClaimRetention(ClaimRetention {
            delete_when_deleted: deleted,
            delete_when_scaled: scaled,
        }),
    }
}

pub fn scenario_strategy() -> impl Strategy<Value = ScenarioId> {
    prop::sample::select(ScenarioId::ALL.to_vec())
}
