//! `kubectl apply -f adder.yaml` with the real YAML parser: the scene's own manifests apply
//! unchanged, each honoured field becomes the scene's action, and mistakes are refused in the
//! API server's words with the line and column.

use adder_lab_model::kubectl::{Files, Output, run_with};
use adder_lab_model::playground::manifests::manifests;
use adder_lab_model::sim::scenario::ScenarioId;
use adder_lab_model::sim::{Command, World};

fn world(scenario: ScenarioId) -> World {
    let mut world = World::new(scenario, 3);
    world.run_until(10_000);
    world
}

fn apply(world: &World, text: &str) -> Output {
    let files = Files {
        name: "adder.yaml",
        text,
        parse: Some(adder_lab_yaml::parse),
    };
    run_with("kubectl apply -f adder.yaml", world, &files)
}

/// The scene's manifests with `from` replaced by `to` (exactly once).
fn edited(world: &World, from: &str, to: &str) -> String {
    let yaml = manifests(world);
    assert_eq!(yaml.matches(from).count(), 1, "{from:?} once in:\n{yaml}");
    yaml.replacen(from, to, 1)
}

#[test]
fn every_scenes_own_manifests_apply_unchanged() {
    for scenario in ScenarioId::ALL {
        let world = world(scenario);
        let output = apply(&world, &manifests(&world));
        assert!(output.actions.is_empty(), "{scenario}: {output:?}");
        for line in output.text.lines() {
            assert!(
                line.ends_with(" unchanged"),
                "{scenario}: {line}\n{}",
                output.text
            );
        }
        let documents = manifests(&world).matches("\nkind: ").count();
        assert_eq!(output.text.lines().count(), documents, "{scenario}");
    }
}

#[test]
fn replicas_scale_the_workload() {
    let world = world(ScenarioId::AdderMemory);
    let output = apply(&world, &edited(&world, "replicas: 3", "replicas: 5"));
    assert_eq!(output.actions, vec![Command::Scale { replicas: 5 }]);
    assert!(
        output
            .text
            .starts_with("deployment.apps/adder configured\nservice/adder unchanged\n"),
        "{}",
        output.text
    );
}

#[test]
fn a_services_cluster_ip_is_immutable() {
    let world = world(ScenarioId::AdderMemory);
    let output = apply(
        &world,
        &edited(
            &world,
            "  type: ClusterIP\n",
            "  type: ClusterIP\n  clusterIP: None\n",
        ),
    );
    assert!(output.actions.is_empty());
    assert!(output.text.contains("The Service \"adder\" is invalid: spec.clusterIP: Invalid value: \"None\": field is immutable\n"), "{}", output.text);
    assert!(
        output.text.contains("delete the Service"),
        "{}",
        output.text
    );
}

#[test]
fn an_unknown_field_is_a_strict_decoding_error_with_its_place() {
    let world = world(ScenarioId::AdderMemory);
    let output = apply(&world, &edited(&world, "replicas: 3", "replica: 3"));
    assert!(output.actions.is_empty());
    let text = output.text;
    assert!(text.contains("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\"\n# at line 9, column 3 of adder.yaml\n"), "{text}");
}

#[test]
fn a_wrong_type_is_gos_decoding_error() {
    let world = world(ScenarioId::AdderMemory);
    let output = apply(&world, &edited(&world, "replicas: 3", "replicas: \"3\""));
    assert!(output.text.contains("json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"), "{}", output.text);
    let world = self::world(ScenarioId::SharedVolumeLock);
    let output = apply(&world, &edited(&world, "value: \"on\"", "value: on"));
    assert!(output.text.contains("json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string"), "{}", output.text);
}

#[test]
fn selectors_are_required_and_must_match_the_template() {
    let world = world(ScenarioId::AdderMemory);
    let output = apply(
        &world,
        &edited(
            &world,
            "  selector:\n    matchLabels:\n      app: adder\n  strategy",
            "  strategy",
        ),
    );
    assert!(
        output
            .text
            .contains("The Deployment \"adder\" is invalid: spec.selector: Required value"),
        "{}",
        output.text
    );
    let output = apply(
        &world,
        &edited(
            &world,
            "    metadata:\n      labels:\n        app: adder",
            "    metadata:\n      labels:\n        app: other",
        ),
    );
    assert!(output.text.contains("The Deployment \"adder\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`"), "{}", output.text);
}

#[test]
fn a_statefulsets_pod_management_policy_cannot_change() {
    let world = world(ScenarioId::StatefulSetHeadless);
    let output = apply(
        &world,
        &edited(
            &world,
            "podManagementPolicy: OrderedReady",
            "podManagementPolicy: Parallel",
        ),
    );
    assert!(output.actions.is_empty());
    assert!(output.text.contains("The StatefulSet \"adder\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"), "{}", output.text);
}

#[test]
fn the_file_lock_is_switched_and_the_template_rolls_out() {
    let world = world(ScenarioId::SharedVolumeLock);
    let output = apply(&world, &edited(&world, "value: \"on\"", "value: \"off\""));
    assert_eq!(
        output.actions,
        vec![Command::SetLock(false), Command::RollOut]
    );
    assert!(
        output.text.contains("deployment.apps/adder configured"),
        "{}",
        output.text
    );
}

#[test]
fn session_affinity_is_the_services_setting() {
    let world = world(ScenarioId::AdderMemory);
    let output = apply(
        &world,
        &edited(&world, "sessionAffinity: None", "sessionAffinity: ClientIP"),
    );
    assert_eq!(output.actions, vec![Command::SetSessionAffinity(true)]);
    assert!(
        output.text.contains("service/adder configured"),
        "{}",
        output.text
    );
}

#[test]
fn a_valid_field_the_lab_does_not_simulate_is_named() {
    let world = world(ScenarioId::AdderMemory);
    let output = apply(&world, &edited(&world, "maxSurge: 25%", "maxSurge: 1"));
    assert!(output.actions.is_empty(), "{output:?}");
    assert!(output.text.contains("deployment.apps/adder configured\n# accepted, not simulated: spec.strategy.rollingUpdate.maxSurge\n"), "{}", output.text);
}

#[test]
fn a_syntax_error_is_kubectls_with_its_place() {
    let world = world(ScenarioId::AdderMemory);
    let output = apply(&world, "apiVersion: v1\nkind: Service\n metadata: x\n");
    assert!(
        output.text.starts_with(
            "error: error parsing adder.yaml: error converting YAML to JSON: yaml: line 3: "
        ),
        "{}",
        output.text
    );
    assert!(output.actions.is_empty());
}
