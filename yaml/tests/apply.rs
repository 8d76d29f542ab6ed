//! `kubectl apply -f adder.yaml` with the real YAML parser: the scene's own manifests apply
//! unchanged, each honoured field becomes the scene's action, and mistakes are refused in the
//! API server's words with the line and column.

use adder_lab_model::kubectl::{Files, Output, run_with};
use adder_lab_model::playground::manifests::manifests;
use adder_lab_model::playground::{Link, Playground};
use adder_lab_model::sim::scenario::{ScenarioId, Target};
use adder_lab_model::sim::{Command, FindingKind, RequestKind, World};

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
    let output = apply(
        &world,
        &edited(
            &world,
            "  replicas: 3\n",
            "  replicas: 3\n  minReadySeconds: 5\n",
        ),
    );
    assert!(output.actions.is_empty(), "{output:?}");
    assert!(
        output.text.contains(
            "deployment.apps/adder configured\n# accepted, not simulated: spec.minReadySeconds\n"
        ),
        "{}",
        output.text
    );
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

/// The blog's manifests (the story's second text), pasted as they are (the e2e tests paste
/// the same file).
const BLOG: &str = include_str!("fixtures/blog.yaml");

#[test]
fn the_blogs_manifests_run_as_a_new_app_behind_a_load_balancing_service() {
    let world = world(ScenarioId::StatefulSetHeadless);
    let output = apply(&world, BLOG);
    let text = &output.text;
    assert!(
        text.starts_with(
            "statefulset.apps/my-statefulset created\nservice/my-headless-service created\n"
        ),
        "{text}"
    );
    assert!(text.contains("# service/my-headless-service has no clusterIP: None, so it is a ClusterIP Service: kube-proxy load-balances"), "{text}");
    assert!(text.contains("serviceName: my-service, a Service the file does not hold: its pods get no DNS names of their own (my-statefulset-0.my-service does not resolve)"), "{text}");
    assert!(
        text.contains("my-image is simulated as the adder"),
        "{text}"
    );
    let query = output.loads.expect("a new run");
    let (link, problems) = Link::parse(&query);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        Link::parse(&link.to_query()).0,
        link,
        "the design round-trips"
    );
    let mut playground = Playground::from_link(link);
    playground.advance_to(40_000);
    let world = playground.world();
    let names: Vec<&str> = world.pods().iter().map(|pod| pod.name.as_str()).collect();
    assert_eq!(
        names,
        ["my-statefulset-0", "my-statefulset-1", "my-statefulset-2"]
    );
    assert!(
        world.volumes().is_empty(),
        "no volumeClaimTemplates: no claims"
    );
    // The Service balances: one client's answers come from several pods, and totals conflict.
    let pods: std::collections::BTreeSet<&str> = world
        .completed()
        .filter(|done| done.client == 0)
        .filter_map(|done| done.pod.as_ref().map(|pod| pod.as_str()))
        .collect();
    assert!(pods.len() > 1, "{pods:?}");
    assert!(
        world
            .checker()
            .findings()
            .any(|finding| finding.kind() == FindingKind::Conflict)
    );
    let terminal = |line: &str| adder_lab_model::kubectl::run(line, world).text;
    assert!(
        terminal("kubectl get svc my-headless-service")
            .contains("my-headless-service   ClusterIP   10.96."),
        "{}",
        terminal("kubectl get svc")
    );
    assert!(terminal("nslookup my-statefulset-0.my-service").contains("NXDOMAIN"));
    let yaml = manifests(world);
    assert!(
        yaml.contains("  serviceName: my-service\n") && yaml.contains("image: my-image\n"),
        "{yaml}"
    );
    // The scene's manifests apply to it unchanged.
    let again = apply(world, &yaml);
    assert!(
        again.loads.is_none() && again.actions.is_empty(),
        "{again:?}"
    );
}

#[test]
fn a_file_the_lab_cannot_run_as_an_app_says_why_and_changes_nothing() {
    let world = world(ScenarioId::AdderMemory);
    let two = format!(
        "{BLOG}---\n{}",
        BLOG.split("---\n")
            .next()
            .unwrap()
            .replace("my-statefulset", "other")
    );
    let output = apply(&world, &two);
    assert!(output.loads.is_none() && output.actions.is_empty());
    assert!(
        output
            .text
            .contains("the lab runs one app at a time, and the file holds 2 workloads"),
        "{}",
        output.text
    );
}

#[test]
fn the_lessons_link_is_the_blogs_manifests_applied() {
    let world = world(ScenarioId::StatefulSetHeadless);
    let loads = apply(&world, BLOG).loads.expect("a new run");
    let (applied, _) = Link::parse(&loads);
    let (lesson, problems) = Link::parse(adder_lab_model::lessons::BLOG_MANIFESTS_QUERY);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(lesson.design, applied.design);
}

/// The misconceptions step's "try next", as the learner would do it in the editor.
#[test]
fn fixing_the_blogs_service_takes_a_new_service_not_an_edit() {
    let (link, _) = Link::parse(adder_lab_model::lessons::BLOG_MANIFESTS_QUERY);
    let mut playground = Playground::from_link(link);
    playground.advance_to(20_000);
    let world = playground.world();
    let yaml = manifests(world);
    let headless = yaml.replacen(
        "spec:\n  type: ClusterIP\n",
        "spec:\n  type: ClusterIP\n  clusterIP: None\n",
        1,
    );
    let refused = apply(world, &headless);
    assert!(refused.text.contains("The Service \"my-headless-service\" is invalid: spec.clusterIP: Invalid value: \"None\": field is immutable"), "{}", refused.text);
    assert!(refused.loads.is_none() && refused.actions.is_empty());
    let renamed = headless.replace("name: my-headless-service", "name: my-service");
    let output = apply(world, &renamed);
    assert!(
        output.text.contains("service/my-service created"),
        "{}",
        output.text
    );
    let (fixed, _) = Link::parse(&output.loads.expect("a new run"));
    let mut playground = Playground::from_link(fixed);
    playground.advance_to(30_000);
    let world = playground.world();
    assert!(world.settings().pod_dns);
    let lookup = adder_lab_model::kubectl::run("nslookup my-statefulset-0.my-service", world).text;
    assert!(
        lookup.contains("Name:\tmy-statefulset-0.my-service.default.svc.cluster.local"),
        "{lookup}"
    );
}

/// A session of applies, kept as kubectl printed it (`ADDER_LAB_BLESS=1` rewrites the file).
#[test]
fn golden_transcript() {
    let world = world(ScenarioId::AdderMemory);
    let yaml = manifests(&world);
    let mut transcript = String::new();
    for (what, text) in [
        (
            "replicas: 3 -> 5",
            yaml.replacen("replicas: 3", "replicas: 5", 1),
        ),
        (
            "clusterIP: None added",
            yaml.replacen(
                "  type: ClusterIP\n",
                "  type: ClusterIP\n  clusterIP: None\n",
                1,
            ),
        ),
        ("a typo", yaml.replacen("replicas: 3", "replica: 5", 1)),
        (
            "a number as text",
            yaml.replacen("replicas: 3", "replicas: \"5\"", 1),
        ),
        (
            "maxSurge: 1",
            yaml.replacen("maxSurge: 25%", "maxSurge: 1", 1),
        ),
        (
            "the selector removed",
            yaml.replacen(
                "  selector:\n    matchLabels:\n      app: adder\n  strategy",
                "  strategy",
                1,
            ),
        ),
        (
            "an unknown kind",
            "apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: x\n".to_owned(),
        ),
        (
            "a ConfigMap",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n".to_owned(),
        ),
        (
            "bad indentation",
            "apiVersion: v1\nkind: Service\n metadata: x\n".to_owned(),
        ),
        ("the blog's manifests", BLOG.to_owned()),
    ] {
        transcript.push_str(&format!("$ kubectl apply -f adder.yaml    # {what}\n"));
        let output = apply(&world, &text);
        transcript.push_str(&output.text);
        for action in &output.actions {
            transcript.push_str(&format!("# (action: {action:?})\n"));
        }
        if let Some(query) = &output.loads {
            transcript.push_str(&format!("# (loads: {query})\n"));
        }
    }
    let path = format!("{}/tests/golden/apply.txt", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("ADDER_LAB_BLESS").is_some() {
        std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
        std::fs::write(&path, &transcript).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{path} is missing: run with ADDER_LAB_BLESS=1"));
    assert_eq!(transcript, expected, "the output changed (see {path})");
}

#[test]
fn get_o_yaml_prints_the_object_as_kubectl_does() {
    let world = world(ScenarioId::SharedVolumeLock);
    let files = Files {
        name: "adder.yaml",
        text: "",
        parse: Some(adder_lab_yaml::parse),
    };
    let get = |line: &str| run_with(line, &world, &files).text;
    let deployment = get("kubectl get deployment adder -o yaml");
    assert!(deployment.starts_with("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: adder\n  name: adder\n  namespace: default\nspec:\n  replicas: 3\n"), "{deployment}");
    assert!(deployment.contains("\n      containers:\n      - env:\n        - name: TOTAL_STORE\n          value: file\n"), "{deployment}");
    assert!(
        deployment.contains("\n          value: \"on\"\n"),
        "{deployment}"
    );
    // What kubectl prints applies back unchanged.
    let printed = Files {
        name: "adder.yaml",
        text: &deployment,
        parse: Some(adder_lab_yaml::parse),
    };
    let again = run_with("kubectl apply -f adder.yaml", &world, &printed);
    assert_eq!(again.text, "deployment.apps/adder unchanged\n");
    let list = get("kubectl get pvc,svc -o yaml");
    assert!(
        list.starts_with("error: this terminal prints -o yaml for one type at a time"),
        "{list}"
    );
    let services = get("kubectl get svc -o yaml");
    assert!(services.starts_with("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: adder\n    namespace: default\n"), "{services}");
    assert!(
        services.contains("\nkind: List\nmetadata:\n  resourceVersion: \"\"\n"),
        "{services}"
    );
    assert!(
        get("kubectl get svc nope -o yaml")
            .contains("Error from server (NotFound): services \"nope\" not found")
    );
}

/// Applies `text` to `world` and applies what it returns, as the page does.
fn apply_and_act(world: &mut World, text: &str) -> String {
    let output = apply(world, text);
    for action in &output.actions {
        world.apply(action).expect("the apply's actions apply");
    }
    output.text
}

#[test]
fn a_partition_holds_the_lower_ordinals_back_and_on_delete_waits_for_deletes() {
    let mut world = world(ScenarioId::StatefulSetHeadless);
    world.run_until(30_000);
    let yaml = manifests(&world);
    let partitioned = yaml
        .replacen("      partition: 0\n", "      partition: 2\n", 1)
        .replacen(
            "terminationGracePeriodSeconds: 2",
            "terminationGracePeriodSeconds: 3",
            1,
        );
    let text = apply_and_act(&mut world, &partitioned);
    assert!(
        text.starts_with("statefulset.apps/adder configured\n"),
        "{text}"
    );
    world.run_until(90_000);
    let revisions: Vec<(String, u32)> = world
        .pods()
        .iter()
        .map(|pod| (pod.name.to_string(), pod.revision))
        .collect();
    assert_eq!(
        revisions,
        [
            ("adder-0".to_owned(), 1),
            ("adder-1".to_owned(), 1),
            ("adder-2".to_owned(), 2)
        ]
    );
    let status = adder_lab_model::kubectl::run("kubectl rollout status sts/adder", &world).text;
    assert_eq!(
        status,
        "partitioned roll out complete: 1 new pods have been updated...\n"
    );
    // OnDelete: a new template waits until a pod is deleted.
    let on_delete = manifests(&world)
        .replacen(
            "    type: RollingUpdate\n    rollingUpdate:\n      partition: 2\n",
            "    type: OnDelete\n",
            1,
        )
        .replacen(
            "terminationGracePeriodSeconds: 2",
            "terminationGracePeriodSeconds: 4",
            1,
        );
    apply_and_act(&mut world, &on_delete);
    world.run_until(150_000);
    assert!(
        world.pods().iter().all(|pod| pod.revision < 3),
        "nothing rolls on its own"
    );
    world
        .apply(&Command::DeletePod {
            name: "adder-0".into(),
        })
        .unwrap();
    world.run_until(200_000);
    let adder_0 = world
        .pods()
        .iter()
        .find(|pod| pod.name.as_str() == "adder-0")
        .unwrap();
    assert_eq!(
        adder_0.revision, 3,
        "a deleted pod comes back with the new template"
    );
    let status = adder_lab_model::kubectl::run("kubectl rollout status sts/adder", &world).text;
    assert_eq!(
        status,
        "error: rollout status is only available for RollingUpdate strategy type\n"
    );
}

#[test]
fn recreate_ends_every_old_pod_before_the_first_new_one() {
    let mut world = world(ScenarioId::AdderMemory);
    world.run_until(20_000);
    let recreate = manifests(&world)
        .replacen("    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 25%\n", "    type: Recreate\n", 1)
        .replacen("terminationGracePeriodSeconds: 2", "terminationGracePeriodSeconds: 3", 1);
    let text = apply_and_act(&mut world, &recreate);
    assert!(
        text.starts_with("deployment.apps/adder configured\n"),
        "{text}"
    );
    let mut saw_gap = false;
    while world.now_ms() < 60_000 && world.step() {
        let old = world.pods().iter().filter(|pod| pod.revision == 1).count();
        let new = world.pods().iter().filter(|pod| pod.revision == 2).count();
        assert!(
            old == 0 || new == 0,
            "old and new pods together at {} ms",
            world.now_ms()
        );
        saw_gap |= !world.pods().iter().any(|pod| pod.is_endpoint());
    }
    assert!(saw_gap, "a moment with no pod serving: Recreate's downtime");
    assert_eq!(
        world
            .pods()
            .iter()
            .filter(|pod| pod.revision == 2 && pod.ready)
            .count(),
        3
    );
    // rollingUpdate beside Recreate is refused, as the API server refuses it.
    let both = manifests(&world).replacen(
        "    type: Recreate\n",
        "    type: Recreate\n    rollingUpdate:\n      maxSurge: 1\n",
        1,
    );
    assert!(apply(&world, &both).text.contains("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"));
}

/// Runs a rollout to `until_ms`: the most pods that existed at once (not terminating) and the
/// fewest serving, after checking every pod ended on `revision`, ready.
fn rollout_bounds(world: &mut World, until_ms: u64, revision: u32) -> (usize, usize) {
    let (mut most_pods, mut fewest_serving) = (0, usize::MAX);
    while world.now_ms() < until_ms && world.step() {
        let pods = world.pods();
        most_pods = most_pods.max(pods.iter().filter(|pod| !pod.terminating).count());
        fewest_serving = fewest_serving.min(pods.iter().filter(|pod| pod.is_endpoint()).count());
    }
    let done = world
        .pods()
        .iter()
        .all(|pod| pod.revision == revision && pod.ready);
    assert!(done, "{:?}", world.pods());
    (most_pods, fewest_serving)
}

#[test]
fn max_surge_and_max_unavailable_bound_a_deployments_rollout() {
    let mut world = world(ScenarioId::AdderMemory);
    world.apply(&Command::Scale { replicas: 4 }).unwrap();
    world.run_until(20_000);
    let bounded = |surge: &str, unavailable: &str| {
        manifests(&world).replacen(
            "      maxSurge: 25%\n      maxUnavailable: 25%\n",
            &format!("      maxSurge: {surge}\n      maxUnavailable: {unavailable}\n"),
            1,
        )
    };
    // The API server's refusals, with the field's place.
    let both_zero = apply(&world, &bounded("0", "0")).text;
    assert!(both_zero.contains("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"), "{both_zero}");
    let too_many = apply(&world, &bounded("1", "110%")).text;
    assert!(too_many.contains("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"110%\": must not be greater than 100%"), "{too_many}");
    let words = apply(&world, &bounded("one", "0")).text;
    assert!(words.contains("spec.strategy.rollingUpdate.maxSurge: Invalid value: \"one\": a valid percent string must be a numeric string followed by an ending '%'"), "{words}");
    let negative = apply(&world, &bounded("-1", "0")).text;
    assert!(negative.contains("spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0"), "{negative}");
    // One new pod at a time, and never one fewer serving than the replicas.
    let surge_only = bounded("1", "0").replacen(
        "terminationGracePeriodSeconds: 2",
        "terminationGracePeriodSeconds: 3",
        1,
    );
    let text = apply_and_act(&mut world, &surge_only);
    assert!(
        text.starts_with("deployment.apps/adder configured\n"),
        "{text}"
    );
    assert!(!text.contains("spec.strategy"), "{text}");
    let describe = adder_lab_model::kubectl::run("kubectl describe deploy adder", &world).text;
    assert!(
        describe.contains("RollingUpdateStrategy:  0 max unavailable, 1 max surge\n"),
        "{describe}"
    );
    assert_eq!(rollout_bounds(&mut world, 80_000, 2), (5, 4));
    // The opposite: no surge, half the pods (two) down at a time.
    let unavailable_only = manifests(&world)
        .replacen(
            "      maxSurge: 1\n      maxUnavailable: 0\n",
            "      maxSurge: 0\n      maxUnavailable: 50%\n",
            1,
        )
        .replacen(
            "terminationGracePeriodSeconds: 2",
            "terminationGracePeriodSeconds: 4",
            1,
        );
    apply_and_act(&mut world, &unavailable_only);
    assert_eq!(rollout_bounds(&mut world, 160_000, 3), (4, 2));
    // The scene's manifests now carry the bounds, and apply unchanged.
    let output = apply(&world, &manifests(&world));
    assert!(
        output.actions.is_empty() && !output.text.contains("configured"),
        "{}",
        output.text
    );
}

/// A file that makes a new app and loads it, as the page does.
fn new_run(world: &World, text: &str) -> Playground {
    let output = apply(world, text);
    let query = output
        .loads
        .unwrap_or_else(|| panic!("a new run: {}", output.text));
    let (link, problems) = Link::parse(&query);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        Link::parse(&link.to_query()).0,
        link,
        "the design round-trips"
    );
    Playground::from_link(link)
}

#[test]
fn a_read_write_once_pod_claim_lets_one_pod_run_and_keeps_the_others_pending() {
    let world = world(ScenarioId::SharedVolumeLock);
    let once = manifests(&world)
        .replace("adder-total", "adder-once")
        .replace("- ReadWriteMany", "- ReadWriteOncePod");
    let mut playground = new_run(&world, &once);
    playground.advance_to(30_000);
    let world = playground.world();
    let terminal = |line: &str| adder_lab_model::kubectl::run(line, world).text;
    let statuses: Vec<&str> = world
        .pods()
        .iter()
        .map(adder_lab_model::kubectl::printers::pod_status)
        .collect();
    assert_eq!(
        statuses,
        ["Running", "Pending", "Pending"],
        "{}",
        terminal("kubectl get pods")
    );
    let pvc = terminal("kubectl get pvc adder-once");
    assert!(pvc.contains(" RWOP "), "{pvc}");
    let waiting = world.pods()[1].name.to_string();
    let describe = terminal(&format!("kubectl describe pod {waiting}"));
    assert!(
        describe
            .lines()
            .any(|line| line.starts_with("Node:") && line.ends_with(" <none>")),
        "{describe}"
    );
    assert!(
        !describe.contains("Normal   Scheduled"),
        "no Scheduled event: {describe}"
    );
    assert!(describe.contains("Warning  FailedScheduling"), "{describe}");
    assert!(describe.contains("0/3 nodes are available: 3 node(s) unavailable due to PersistentVolumeClaim with ReadWriteOncePod access mode already in-use by another pod."), "{describe}");
    // Once the pod that holds the claim is gone, another one gets it.
    let holder = world.pods()[0].name.to_string();
    playground
        .command(Command::DeletePod {
            name: holder.clone(),
        })
        .unwrap();
    playground.advance_to(60_000);
    let world = playground.world();
    let running: Vec<&str> = world
        .pods()
        .iter()
        .filter(|pod| pod.is_endpoint())
        .map(|pod| pod.name.as_str())
        .collect();
    assert_eq!(running.len(), 1, "{running:?}");
    assert_ne!(running[0], holder);
    // With another access mode beside it, the API server refuses the claim.
    let both = manifests(&World::new(ScenarioId::SharedVolumeLock, 3))
        .replace("adder-total", "adder-once")
        .replace("- ReadWriteMany", "- ReadWriteOncePod\n    - ReadWriteOnce");
    let text = apply(&World::new(ScenarioId::SharedVolumeLock, 3), &both).text;
    assert!(
        text.contains(
            "spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes"
        ),
        "{text}"
    );
}

#[test]
fn when_scaled_delete_takes_a_condemned_pods_claim_and_its_total_with_it() {
    let mut world = world(ScenarioId::StatefulSetHeadless);
    let retention = "  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Retain\n    whenScaled: Retain\n";
    let delete = manifests(&world).replacen(
        retention,
        "  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Retain\n    whenScaled: Delete\n",
        1,
    );
    let text = apply_and_act(&mut world, &delete);
    assert!(
        text.starts_with("statefulset.apps/adder configured\n"),
        "{text}"
    );
    assert!(!text.contains("not simulated"), "{text}");
    // adder-2 keeps a total in the file on its claim (15: the only requests sent).
    for client in 0..3 {
        world
            .apply(&Command::SetTraffic {
                client,
                requests_per_minute: 0,
            })
            .unwrap();
    }
    world
        .apply(&Command::SetTarget {
            client: 0,
            target: Target::Pod(2),
        })
        .unwrap();
    for _ in 0..3 {
        world
            .apply(&Command::Send {
                client: 0,
                kind: RequestKind::Add(5),
            })
            .unwrap();
        let at = world.now_ms() + 3_000;
        world.run_until(at);
    }
    let terminal = |world: &World, line: &str| adder_lab_model::kubectl::run(line, world).text;
    let total = terminal(&world, "kubectl exec adder-2 -- cat /data/total");
    let first = world
        .volumes()
        .iter()
        .find(|v| v.claim.as_str() == "data-adder-2")
        .unwrap()
        .file_total;
    assert!(first >= 15, "{total}");
    let volume_before = world
        .volumes()
        .iter()
        .find(|volume| volume.claim.as_str() == "data-adder-2")
        .map(|volume| volume.volume)
        .unwrap();
    world.apply(&Command::Scale { replicas: 2 }).unwrap();
    let at = world.now_ms() + 10_000;
    world.run_until(at);
    let claims = terminal(&world, "kubectl get pvc");
    assert!(!claims.contains("data-adder-2"), "{claims}");
    assert!(claims.contains("data-adder-1"), "the others stay: {claims}");
    let lost = world
        .checker()
        .findings()
        .find(|finding| finding.kind() == FindingKind::StateLost)
        .expect("the total on the deleted claim is reported lost");
    let words = lost.describe(&["Alice", "Bob", "Carol"]);
    assert!(
        words.contains("in a file on its claim data-adder-2"),
        "{words}"
    );
    assert!(words.contains("whenScaled: Delete"), "{words}");
    // Scaled up again, adder-2 gets a new claim, a new volume and an empty file.
    world.apply(&Command::Scale { replicas: 3 }).unwrap();
    let at = world.now_ms() + 10_000;
    world.run_until(at);
    let volume_after = world
        .volumes()
        .iter()
        .find(|volume| volume.claim.as_str() == "data-adder-2")
        .map(|volume| volume.volume)
        .expect("a new claim");
    assert_ne!(volume_before, volume_after);
    let total = terminal(&world, "kubectl exec adder-2 -- cat /data/total");
    assert!(
        total.trim() == "0" || total.contains("No such file"),
        "{total}"
    );
    // The scene's manifests now say Delete, and apply unchanged.
    let yaml = manifests(&world);
    assert!(
        yaml.contains("whenScaled: Delete\n") && yaml.contains("deleted on scale-down"),
        "{yaml}"
    );
    assert!(apply(&world, &yaml).actions.is_empty());
    // An unknown policy is the API server's Unsupported value.
    let wrong = yaml.replacen("whenScaled: Delete", "whenScaled: Remove", 1);
    let text = apply(&world, &wrong).text;
    assert!(text.contains("spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: \"Remove\": supported values: \"Delete\", \"Retain\""), "{text}");
}

#[test]
fn publish_not_ready_addresses_lists_pods_before_they_are_ready() {
    let mut world = world(ScenarioId::StatefulSetHeadless);
    let terminal = |world: &World, line: &str| adder_lab_model::kubectl::run(line, world).text;
    let restart = |world: &mut World| {
        world
            .apply(&Command::RestartContainer {
                pod: "adder-1".into(),
            })
            .unwrap();
        let at = world.now_ms() + 100;
        world.run_until(at);
    };
    let ip = world.pods()[1].ip;
    let ip = format!("{}.{}.{}.{}", ip[0], ip[1], ip[2], ip[3]);
    restart(&mut world);
    assert!(
        !terminal(&world, "nslookup adder").contains(&ip),
        "a restarting pod is not ready"
    );
    world.run_until(world.now_ms() + 5_000);
    let publish = manifests(&world).replacen(
        "      targetPort: 8080\n",
        "      targetPort: 8080\n  publishNotReadyAddresses: true\n",
        1,
    );
    let output = apply(&world, &publish);
    assert_eq!(
        output.actions,
        vec![Command::SetPublishNotReady(true)],
        "{}",
        output.text
    );
    for action in &output.actions {
        world.apply(action).unwrap();
    }
    restart(&mut world);
    let answer = terminal(&world, "nslookup adder");
    assert!(answer.contains(&ip), "published while restarting: {answer}");
    assert!(terminal(&world, "nslookup adder-1.adder").contains(&ip));
    let yaml = manifests(&world);
    assert!(
        yaml.contains("  publishNotReadyAddresses: true\n"),
        "{yaml}"
    );
    assert!(apply(&world, &yaml).actions.is_empty());
}

#[test]
fn a_deleted_service_is_applied_again_with_the_cluster_ip_it_could_not_change() {
    let mut world = world(ScenarioId::AdderMemory);
    let terminal = |world: &World, line: &str| adder_lab_model::kubectl::run(line, world);
    let headless = edited(
        &world,
        "spec:\n  type: ClusterIP\n",
        "spec:\n  type: ClusterIP\n  clusterIP: None\n",
    );
    assert!(apply(&world, &headless).text.contains("field is immutable"));
    let deleted = terminal(&world, "kubectl delete service adder");
    assert_eq!(
        deleted.text,
        "service \"adder\" deleted from default namespace\n"
    );
    assert_eq!(deleted.actions, vec![Command::DeleteService]);
    world.apply(&Command::DeleteService).unwrap();
    let at = world.now_ms() + 5_000;
    world.run_until(at);
    assert!(!terminal(&world, "kubectl get svc").text.contains("adder"));
    assert!(terminal(&world, "nslookup adder").text.contains("NXDOMAIN"));
    let failed = world
        .completed()
        .rev()
        .take(3)
        .all(|done| done.outcome.is_err());
    assert!(failed, "with no Service, no request gets through");
    assert!(
        !manifests(&world).contains("kind: Service"),
        "the YAML shows what exists"
    );
    // The same file applied again creates the Service, headless now.
    let output = apply(&world, &headless);
    assert_eq!(
        output.text,
        "deployment.apps/adder unchanged\nservice/adder created\n"
    );
    assert_eq!(
        output.actions,
        vec![Command::CreateService { headless: true }]
    );
    world.apply(&output.actions[0]).unwrap();
    let at = world.now_ms() + 5_000;
    world.run_until(at);
    let service = terminal(&world, "kubectl get svc adder").text;
    assert!(service.contains("adder   ClusterIP   None "), "{service}");
    let answer = terminal(&world, "nslookup adder").text;
    assert_eq!(answer.matches("Address: 10.244.").count(), 3, "{answer}");
    assert!(
        world
            .completed()
            .rev()
            .take(3)
            .all(|done| done.outcome.is_ok()),
        "the clients reach the pods again"
    );
    assert!(apply(&world, &manifests(&world)).actions.is_empty());
    // Deleting what is not there is kubectl's NotFound.
    world.apply(&Command::DeleteService).unwrap();
    let again = terminal(&world, "kubectl delete svc adder").text;
    assert_eq!(
        again,
        "Error from server (NotFound): services \"adder\" not found\n"
    );
}

#[test]
fn a_deleted_statefulset_applied_again_finds_its_claims_unless_when_deleted_is_delete() {
    for delete_claims in [false, true] {
        let mut world = world(ScenarioId::StatefulSetHeadless);
        let policy = if delete_claims { "Delete" } else { "Retain" };
        let file = manifests(&world).replacen(
            "    whenDeleted: Retain\n",
            &format!("    whenDeleted: {policy}\n"),
            1,
        );
        let text = apply_and_act(&mut world, &file);
        assert!(text.starts_with("statefulset.apps/adder "), "{text}");
        let at = world.now_ms() + 5_000;
        world.run_until(at);
        let totals = |world: &World| -> Vec<u64> {
            world
                .volumes()
                .iter()
                .map(|volume| volume.file_total)
                .collect()
        };
        let before = totals(&world);
        assert!(
            before.iter().filter(|&&total| total > 0).count() >= 2,
            "{before:?}"
        );
        let terminal = |world: &World, line: &str| adder_lab_model::kubectl::run(line, world);
        let deleted = terminal(&world, "kubectl delete statefulset adder");
        assert!(
            deleted
                .text
                .starts_with("statefulset.apps \"adder\" deleted from default namespace\n"),
            "{}",
            deleted.text
        );
        world.apply(&Command::DeleteWorkload).unwrap();
        let at = world.now_ms() + 10_000;
        world.run_until(at);
        assert_eq!(
            terminal(&world, "kubectl get pods").text,
            "No resources found in default namespace.\n"
        );
        assert!(
            terminal(&world, "kubectl scale sts adder --replicas=2")
                .text
                .contains("NotFound")
        );
        let claims = terminal(&world, "kubectl get pvc").text;
        assert_eq!(claims.contains("data-adder-0"), !delete_claims, "{claims}");
        let before = totals(&world);
        let lost = world
            .checker()
            .findings()
            .any(|finding| finding.kind() == FindingKind::StateLost);
        assert_eq!(lost, delete_claims);
        // The file applied again makes the StatefulSet anew.
        let output = apply(&world, &file);
        assert!(
            output.text.starts_with("statefulset.apps/adder created\n"),
            "{}",
            output.text
        );
        assert_eq!(
            output.actions,
            vec![Command::CreateWorkload { replicas: 3 }]
        );
        world.apply(&output.actions[0]).unwrap();
        for client in 0..3 {
            world
                .apply(&Command::SetTraffic {
                    client,
                    requests_per_minute: 0,
                })
                .unwrap();
        }
        let at = world.now_ms() + 20_000;
        world.run_until(at);
        let ready = world.pods().iter().filter(|pod| pod.is_endpoint()).count();
        assert_eq!(ready, 3);
        if delete_claims {
            assert!(totals(&world).iter().all(|&total| total == 0));
        } else {
            assert_eq!(
                totals(&world),
                before,
                "each pod mounts its own claim again"
            );
        }
    }
}

#[test]
fn delete_f_deletes_the_files_objects_and_apply_makes_them_again() {
    let mut world = world(ScenarioId::StatefulSetHeadless);
    let file = manifests(&world);
    let files = Files {
        name: "adder.yaml",
        text: &file,
        parse: Some(adder_lab_yaml::parse),
    };
    let deleted =
        adder_lab_model::kubectl::run_with("kubectl delete -f adder.yaml", &world, &files);
    assert!(
        deleted
            .text
            .starts_with("statefulset.apps \"adder\" deleted from default namespace\n"),
        "{}",
        deleted.text
    );
    assert!(
        deleted
            .text
            .contains("service \"adder\" deleted from default namespace\n"),
        "{}",
        deleted.text
    );
    assert!(deleted.text.contains("# Not deleted: storageclass.storage.k8s.io/standard. Deleting storageclasses is not simulated here"), "{}", deleted.text);
    assert_eq!(
        deleted.actions,
        vec![Command::DeleteWorkload, Command::DeleteService]
    );
    for action in &deleted.actions {
        world.apply(action).unwrap();
    }
    let at = world.now_ms() + 10_000;
    world.run_until(at);
    assert!(world.pods().is_empty());
    let again = adder_lab_model::kubectl::run_with("kubectl delete -f adder.yaml", &world, &files);
    assert!(
        again
            .text
            .contains("Error from server (NotFound): statefulsets.apps \"adder\" not found"),
        "{}",
        again.text
    );
    assert!(again.actions.is_empty());
    let output = apply(&world, &file);
    assert!(
        output
            .text
            .starts_with("statefulset.apps/adder created\nservice/adder created\n"),
        "{}",
        output.text
    );
    assert_eq!(
        output.actions,
        vec![
            Command::CreateWorkload { replicas: 3 },
            Command::CreateService { headless: true }
        ]
    );
}

#[test]
fn another_program_or_store_for_the_running_pods_starts_a_run_of_that_design() {
    let world = world(ScenarioId::AdderMemory);
    // The converter's image: a run of the converter, same names, same Service.
    let converter = edited(
        &world,
        "image: adder-lab/adder:1.0",
        "image: adder-lab/converter:1.0",
    );
    let output = apply(&world, &converter);
    assert!(output.actions.is_empty());
    assert!(
        output
            .text
            .starts_with("deployment.apps/adder configured\nservice/adder unchanged\n"),
        "{}",
        output.text
    );
    assert!(output.text.contains("# Its pods would run another program, or keep the total elsewhere: a rollout with old and new pods side by side is not simulated.\n"), "{}", output.text);
    let mut playground = new_run(&world, &converter);
    playground.advance_to(20_000);
    let world_after = playground.world();
    assert_eq!(
        world_after.settings().program,
        adder_lab_model::sim::scenario::Program::Converter
    );
    assert!(
        world_after
            .pods()
            .iter()
            .all(|pod| pod.name.as_str().starts_with("adder-"))
    );
    // The total moved to an emptyDir: a run of that design too.
    let empty_dir = manifests(&World::new(ScenarioId::AdderEmptyDir, 3));
    let output = apply(&world, &empty_dir);
    assert!(output.loads.is_some(), "{}", output.text);
    assert!(
        output.text.contains("keep the total elsewhere"),
        "{}",
        output.text
    );
    // An image the lab cannot run is still refused, and nothing starts.
    let nginx = edited(&world, "adder-lab/adder:1.0", "nginx:1.27");
    let output = apply(&world, &nginx);
    assert!(output.loads.is_none() && output.actions.is_empty());
    assert!(
        output
            .text
            .contains("the image nginx:1.27 is not one the lab can run"),
        "{}",
        output.text
    );
}
