//! Every generated manifest round-trips through the `k8s-openapi` types: a misspelled or
//! unknown field would be dropped on the way and the comparison would fail.

use adder_lab_model::playground::manifests::{for_real_cluster, manifests};
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

/// Checks the lab's manifests and the real cluster's; returns the lab's kinds.
fn check(world: &World) -> Vec<String> {
    let real = check_text(&for_real_cluster(world));
    let lab = check_text(&manifests(world));
    let without_classes: Vec<&String> = lab.iter().filter(|kind| *kind != "StorageClass").collect();
    assert_eq!(
        real.iter().collect::<Vec<_>>(),
        without_classes,
        "a real cluster has its own classes"
    );
    lab
}

fn check_text(yaml: &str) -> Vec<String> {
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
fn the_real_clusters_pods_are_probed_bounded_and_not_root() {
    for scenario in ScenarioId::ALL {
        let yaml = for_real_cluster(&World::new(scenario, 1));
        for doc in yaml.split("---\n") {
            let value: Value = serde_yaml_ng::from_str(doc).unwrap();
            let Some(pod) = value["spec"]["template"]["spec"].as_object() else {
                continue;
            };
            assert_eq!(pod["securityContext"]["fsGroup"], 65532, "{scenario}");
            for container in pod["containers"].as_array().unwrap() {
                assert_eq!(container["livenessProbe"]["httpGet"]["path"], "/healthz");
                assert_eq!(container["readinessProbe"]["httpGet"]["path"], "/ready");
                assert_eq!(container["securityContext"]["runAsNonRoot"], true);
                assert_eq!(container["resources"]["limits"]["memory"], "64Mi");
                let image = container["image"].as_str().unwrap();
                assert!(
                    image.starts_with("adder-lab/") && image.ends_with(":1.0"),
                    "{image}"
                );
            }
        }
    }
    let shared = for_real_cluster(&World::new(ScenarioId::SharedVolumeLock, 1));
    assert!(
        shared.contains("kind's and minikube's default class (standard) is\n# ReadWriteOnce only"),
        "{shared}"
    );
}

#[test]
fn the_node_port_service_for_a_real_cluster_is_valid() {
    let yaml = include_str!("../../deploy/nodeport.yaml");
    assert_eq!(check_text(yaml), ["Service"]);
    assert!(
        yaml.contains("nodePort: 30080")
            && include_str!("../../deploy/kind-cluster.yaml").contains("containerPort: 30080")
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
