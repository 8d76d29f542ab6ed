//! Golden output: each command on a fixed scene (scenario, seed, actions, time) must print
//! exactly the text in `model/tests/golden/kubectl/<name>.txt`, which was checked by eye against
//! kubectl's printers. `ADDER_LAB_BLESS=1 cargo test -p adder-lab-model --lib kubectl` rewrites
//! the files after an intended change (then read the diff).

use super::run;
use crate::sim::{Command, ScenarioId, World};

fn world_at(scenario: ScenarioId, seed: u64, steps: &[(u64, Command)], until_ms: u64) -> World {
    let mut world = World::new(scenario, seed);
    for (at_ms, command) in steps {
        world.run_until(*at_ms);
        world.apply(command).expect("the scripted command applies");
    }
    world.run_until(until_ms);
    world
}

/// Runs `lines` in order, applying the actions each asks for as the page would; a line
/// `# after N s` lets the world run on (and is kept in the transcript as a comment).
fn golden(name: &str, world: &World, lines: &[&str]) {
    let mut world = world.clone();
    let mut transcript = String::new();
    for line in lines {
        if let Some(seconds) = line
            .strip_prefix("# after ")
            .and_then(|rest| rest.strip_suffix(" s"))
        {
            let seconds: u64 = seconds.parse().expect("a whole number of seconds");
            world.run_for(seconds * 1000);
            transcript.push_str(&format!("{line}\n"));
            continue;
        }
        let output = run(line, &world);
        transcript.push_str(&format!("$ {line}\n{}", output.text));
        for action in &output.actions {
            world
                .apply(action)
                .expect("an action the terminal returned applies");
        }
        // curl waits for its answer: the world runs on until it has it.
        if output.awaits_answer {
            loop {
                if let Some(answer) = super::curl::answer(&world, line) {
                    transcript.push_str(&answer);
                    transcript.push_str(&format!("# (answered at t={} ms)\n", world.now_ms()));
                    break;
                }
                world.run_for(100);
            }
        }
    }
    let path = format!(
        "{}/tests/golden/kubectl/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("ADDER_LAB_BLESS").is_some() {
        std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
        std::fs::write(&path, &transcript).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{path} is missing: run with ADDER_LAB_BLESS=1"));
    assert_eq!(
        transcript, expected,
        "{name}: the output changed (see {path})"
    );
}

#[test]
fn get_on_a_deployment_behind_a_cluster_ip_service() {
    let world = world_at(ScenarioId::AdderMemory, 7, &[], 95_000);
    golden(
        "deployment",
        &world,
        &[
            "kubectl get pods",
            "kubectl get pods -o wide",
            "kubectl get deploy,rs,svc",
            "kubectl get svc -o wide",
            "kubectl get endpointslices",
            "kubectl get all",
            "kubectl get pods --show-labels",
            "kubectl get po -l app=adder -o name",
            "kubectl get nodes -o wide",
        ],
    );
}

#[test]
fn get_on_a_stateful_set_after_a_delete_and_a_restart() {
    let world = world_at(
        ScenarioId::StatefulSetHeadless,
        3,
        &[
            (
                40_000,
                Command::DeletePod {
                    name: "adder-1".to_owned(),
                },
            ),
            (
                50_000,
                Command::RestartContainer {
                    pod: "adder-2".to_owned(),
                },
            ),
        ],
        200_000,
    );
    golden(
        "statefulset",
        &world,
        &[
            "kubectl get pods,pvc",
            "kubectl get sts -o wide",
            "kubectl get svc",
            "kubectl get pv",
            "kubectl get sc",
            "kubectl get events",
            "kubectl get pod/adder-0 pvc/data-adder-0",
        ],
    );
}

#[test]
fn get_during_a_rollout_and_a_node_failure() {
    let world = world_at(
        ScenarioId::AdderMemory,
        5,
        &[
            (30_000, Command::RollOut),
            (
                31_000,
                Command::FailNode {
                    node: "node-2".to_owned(),
                },
            ),
        ],
        36_000,
    );
    golden(
        "rollout",
        &world,
        &["kubectl get pods", "kubectl get rs", "kubectl get nodes"],
    );
}

#[test]
fn a_deleted_stateful_set_pod_comes_back_with_its_claim() {
    let world = world_at(ScenarioId::StatefulSetHeadless, 2, &[], 60_000);
    golden(
        "delete",
        &world,
        &[
            "kubectl delete pod adder-1",
            "kubectl get pods",
            "# after 3 s",
            "kubectl get pods,pvc",
            "# after 10 s",
            "kubectl get pods,pvc",
            "kubectl delete pod adder-0 adder-9",
            "kubectl delete po/adder-2 --force",
            "kubectl get pods",
            "kubectl delete pod adder-0 --grace-period=0",
            "kubectl delete pod adder-0 --now --grace-period=5",
            "kubectl delete svc adder",
            "kubectl get svc",
            "nslookup adder-1.adder",
            "kubectl delete svc adder",
            "kubectl delete svc kubernetes",
            "kubectl delete statefulset adder",
            "# after 5 s",
            "kubectl get statefulsets,pods,pvc",
            "kubectl rollout restart sts/adder",
            "kubectl delete pvc data-adder-0",
            "kubectl delete pod",
            "kubectl delete pod adder-0 --grace-period=x",
        ],
    );
}

#[test]
fn scale_and_rollout_change_the_workload_as_its_buttons_do() {
    let world = world_at(ScenarioId::AdderMemory, 4, &[], 60_000);
    golden(
        "scale-rollout",
        &world,
        &[
            "kubectl scale deployment adder --replicas=5",
            "kubectl get deploy",
            "kubectl rollout status deployment/adder",
            "# after 20 s",
            "kubectl rollout status deployment/adder",
            "kubectl rollout restart deployment/adder",
            "kubectl rollout status deployment/adder",
            "kubectl get rs",
            "# after 60 s",
            "kubectl rollout status deploy adder",
            "kubectl rollout history deployment/adder",
            "kubectl scale sts adder --replicas=2",
            "kubectl scale deployment adder",
            "kubectl scale deployment adder --replicas=-1",
            "kubectl scale deployment adder --replicas=40",
            "kubectl scale deployment adder --replicas=x",
            "kubectl scale deployment adder --replicas=2 --current-replicas=3",
            "kubectl scale pod adder --replicas=2",
            "kubectl rollout undo deployment/adder",
            "kubectl rollout",
        ],
    );
    let world = world_at(ScenarioId::StatefulSetHeadless, 4, &[], 60_000);
    golden(
        "scale-rollout-sts",
        &world,
        &[
            "kubectl rollout status sts/adder",
            "kubectl scale statefulset adder --replicas=4",
            "kubectl rollout status sts/adder",
            "# after 30 s",
            "kubectl rollout restart sts/adder",
            "kubectl rollout status sts/adder",
            "# after 90 s",
            "kubectl rollout status sts/adder",
            "kubectl rollout history statefulset adder",
        ],
    );
}

#[test]
fn cluster_dns_answers_as_the_service_is_made() {
    let world = world_at(ScenarioId::AdderMemory, 2, &[], 30_000);
    golden(
        "dns-cluster-ip",
        &world,
        &[
            "nslookup adder",
            "nslookup kubernetes.default",
            "nslookup adder-0.adder",
            "dig +short adder",
            "dig +short +search adder",
            "dig +short adder.default.svc.cluster.local",
            "dig adder",
        ],
    );
    let world = world_at(
        ScenarioId::StatefulSetHeadless,
        2,
        &[(
            40_000,
            Command::DeletePod {
                name: "adder-2".to_owned(),
            },
        )],
        40_500,
    );
    golden(
        "dns-headless",
        &world,
        &[
            "nslookup adder",
            "nslookup adder-0.adder",
            "nslookup adder-2.adder",
            "dig +short +search adder",
            "dig +short adder-1.adder.default.svc.cluster.local",
            "nslookup nope",
        ],
    );
}

#[test]
fn logs_and_exec_show_what_each_pod_holds() {
    let mut world = world_at(ScenarioId::AdderMemory, 3, &[], 20_000);
    let first = world.pods()[0].name.to_string();
    world
        .apply(&Command::RestartContainer { pod: first })
        .unwrap();
    world.run_until(40_000);
    let pods: Vec<String> = world
        .pods()
        .iter()
        .map(|pod| pod.name.to_string())
        .collect();
    let lines: Vec<String> = pods
        .iter()
        .flat_map(|pod| {
            [
                format!("kubectl logs {pod} --tail=3"),
                format!("kubectl exec {pod} -- cat /data/total"),
            ]
        })
        .chain([
            format!("kubectl exec {} -- hostname", pods[0]),
            format!("kubectl exec -it {} -- sh", pods[0]),
            "kubectl logs nope".to_owned(),
            "kubectl logs -f x".to_owned(),
        ])
        .collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    golden("logs-memory", &world, &lines);
    let world = world_at(ScenarioId::StatefulSetHeadless, 3, &[], 40_000);
    golden(
        "logs-statefulset",
        &world,
        &[
            "kubectl logs adder-0 --tail=4",
            "kubectl exec adder-0 -- cat /data/total",
            "kubectl exec adder-1 -- ls /data",
            "kubectl exec adder-1 -- cat /etc/passwd",
            "kubectl exec adder-1 cat /data/total",
        ],
    );
}

#[test]
fn describe_reads_the_sections_a_learner_reads() {
    let world = world_at(
        ScenarioId::StatefulSetHeadless,
        3,
        &[(
            40_000,
            Command::RestartContainer {
                pod: "adder-2".to_owned(),
            },
        )],
        90_000,
    );
    golden(
        "describe-statefulset",
        &world,
        &[
            "kubectl describe pod adder-2",
            "kubectl describe svc adder",
            "kubectl describe pvc data-adder-2",
            "kubectl describe sts adder",
            "kubectl delete pod adder-1",
            "kubectl describe pod adder-1",
            "kubectl describe node node-1",
            "kubectl describe deploy adder",
            "kubectl describe rs x",
            "kubectl describe pod adder-0 -n kube-system",
            "kubectl describe -n default svc/adder --x",
        ],
    );
    let world = world_at(ScenarioId::AdderEmptyDir, 3, &[], 30_000);
    let pod = world.pods()[0].name.to_string();
    golden(
        "describe-deployment",
        &world,
        &[
            &format!("kubectl describe pod {pod}"),
            "kubectl describe service",
            "kubectl describe deployment adder",
        ],
    );
}

#[test]
fn curl_sends_a_request_from_the_debug_pod_and_prints_the_answer() {
    let world = world_at(ScenarioId::AdderMemory, 6, &[], 20_000);
    golden(
        "curl-cluster-ip",
        &world,
        &[
            "curl http://adder/add?number=5",
            "curl http://adder/add?number=5",
            "curl adder.default.svc.cluster.local/add?number=1",
            "curl http://adder:8080/add?number=5",
            "curl http://adder/add?number=x",
            "curl http://adder/convert?meters=5",
            "curl http://adder-0.adder/add?number=5",
            "curl http://kubernetes.default/",
            "curl https://adder/add?number=5",
        ],
    );
    let world = world_at(ScenarioId::StatefulSetHeadless, 6, &[], 20_000);
    golden(
        "curl-headless",
        &world,
        &[
            "curl http://adder-0.adder:8080/add?number=5",
            "curl http://adder-0.adder:8080/add?number=5",
            "curl http://adder-1.adder/add?number=5",
            "curl http://adder:8080/add?number=2",
            "curl http://adder-7.adder:8080/add?number=5",
        ],
    );
}

#[test]
fn cordon_and_drain_move_the_pods_off_a_node() {
    let world = world_at(ScenarioId::StatefulSetHeadless, 3, &[], 30_000);
    golden(
        "drain",
        &world,
        &[
            "kubectl cordon node-3",
            "kubectl cordon node-3",
            "kubectl get nodes",
            "kubectl drain node-2",
            "kubectl get pods -o wide",
            "# after 20 s",
            "kubectl get pods -o wide",
            "kubectl describe node node-2",
            "kubectl uncordon node-2",
            "kubectl uncordon node-2",
            "kubectl drain node-9",
        ],
    );
    let world = world_at(ScenarioId::AdderEmptyDir, 3, &[], 30_000);
    golden(
        "drain-emptydir",
        &world,
        &[
            "kubectl drain node-1",
            "kubectl drain node-1 --delete-emptydir-data --ignore-daemonsets",
        ],
    );
}

#[test]
fn mistakes_get_kubectls_words() {
    let world = world_at(ScenarioId::SharedVolumeLock, 1, &[], 10_000);
    golden(
        "errors",
        &world,
        &[
            "kubectl get",
            "kubectl get x",
            "kubectl get pods nope",
            "kubectl get pods --x",
            "kubectl get pods -z",
            "kubectl get pods -o",
            "kubectl get pods -o foo",
            "kubectl get pods -n kube-system",
            "kubectl get pv -n kube-system",
            "kubectl get statefulsets",
            "kubectl get pods -l 'app in adder'",
            "kubectl get pods -l app=nope",
            "kubectl get pods | grep adder",
            "kubectl get 'pods",
            "kubectl frobnicate",
            "kubectl apply -f x.yaml",
            "kubectl get deploy nope",
            "ls",
            "",
        ],
    );
}

#[test]
fn every_type_lists_without_a_panic_in_every_scenario() {
    for scenario in ScenarioId::ALL {
        let world = world_at(scenario, 11, &[], 20_000);
        for resource in super::resources::Resource::ALL {
            for flags in ["", " -o wide", " -o name", " --show-labels -A"] {
                let line = format!("kubectl get {}{flags}", resource.plural());
                let text = run(&line, &world).text;
                assert!(text.ends_with('\n'), "{scenario:?} {line}: {text}");
                assert!(!text.starts_with("error"), "{scenario:?} {line}: {text}");
            }
        }
    }
}
