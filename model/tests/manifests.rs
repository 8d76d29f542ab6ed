//! Every generated manifest round-trips through the `k8s-openapi` types: a misspelled or
//! unknown field would be dropped on the way and the comparison would fail.

use adder_lab_model::playground::manifests::manifests;
use adder_lab_model::sim::scenario::{AccessMode, PodManagementPolicy, ProxyMode};
use adder_lab_model::sim::{Command, ScenarioId, Settings, World};
use k8s_openapi::api::apps::v1::{Deployment, StatefulSet};
use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Service};
use k8s_openapi::api::storage::v1::StorageClass;
use serde_json::Value;

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: &Value) -> Value {
    let typed: T = serde_json::from_value(value.clone()).expect("fits the API type");
    serde_json::to_value(typed).unwrap()
}

fn check(world: &World) -> Vec<String> {
    let yaml = manifests(world);
    let mut kinds = Vec::new();
    for doc in yaml.split("---\n") {
        let value: Value = serde_yaml_ng::from_str(doc).unwrap_or_else(|e| panic!("{e}\n{doc}"));
        let kind = value["kind"]
            .as_str()
            .expect("every manifest has a kind")
            .to_owned();
        let back = match kind.as_str() {
            "Deployment" => round_trip::<Deployment>(&value),
            "StatefulSet" => round_trip::<StatefulSet>(&value),
            "Service" => round_trip::<Service>(&value),
            "PersistentVolumeClaim" => round_trip::<PersistentVolumeClaim>(&value),
            "StorageClass" => round_trip::<StorageClass>(&value),
            other => panic!("unexpected kind {other}"),
        };
        assert_eq!(
            back,
            value,
            "{kind} lost or changed a field:\n{doc}\nback: {}",
            serde_json::to_string(&back).unwrap()
        );
        kinds.push(kind);
    }
    kinds
}

#[test]
fn every_scenario_and_setting_gives_valid_manifests() {
    for scenario in ScenarioId::ALL {
        let mut world = World::new(scenario, 1);
        let kinds = check(&world);
        assert!(
            kinds.contains(&"Service".to_owned()),
            "{scenario}: {kinds:?}"
        );
        for command in [
            Command::Scale { replicas: 7 },
            Command::SetSessionAffinity(true),
            Command::SetProxyMode(ProxyMode::RoundRobin),
            Command::SetLock(false),
            Command::SetPodManagement(PodManagementPolicy::Parallel),
        ] {
            if world.apply(&command).is_ok() {
                check(&world);
            }
        }
    }
    let mut settings = Settings::for_scenario(ScenarioId::SharedVolumeLock);
    settings.shared_access_mode = AccessMode::ReadWriteOnce;
    assert_eq!(
        check(&World::with_settings(settings, 1)),
        [
            "Deployment",
            "Service",
            "PersistentVolumeClaim",
            "StorageClass"
        ]
    );
    assert_eq!(
        check(&World::new(ScenarioId::ThreeTier, 1)),
        [
            "Deployment",
            "Service",
            "StatefulSet",
            "Service",
            "StorageClass"
        ]
    );
}

#[test]
fn a_misspelled_field_is_caught() {
    let value: Value = serde_yaml_ng::from_str(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: adder\nspec:\n  clusterIp: None\n",
    )
    .unwrap();
    assert_ne!(
        round_trip::<Service>(&value),
        value,
        "clusterIp (lower-case p) is not a field"
    );
}
