//! Any line typed into the terminal, and any Tab on it: no panic, an answer that ends its last
//! line, and every action a changing command returns applies to the world it was read from
//! (the worker checked it there, so the page can apply it as a click).
//!
//! Random and mutated lines from a seeded generator: 20,000 per run by default;
//! `ADDER_LAB_TERMINAL_LINES=1000000 cargo test --release -p adder-lab-model --test
//! terminal_lines` runs a million.

use adder_lab_model::kubectl::{complete::complete, run};
use adder_lab_model::sim::rng::SimRng;
use adder_lab_model::sim::{Command, ScenarioId, World};

/// Lines a learner types, to mutate.
const CORPUS: [&str; 32] = [
    "curl http://adder/add?number=5",
    "curl http://adder-0.adder:8080/add?number=5",
    "kubectl drain node-2",
    "kubectl cordon node-1",
    "kubectl get pods -o wide",
    "kubectl get pods,pvc",
    "kubectl get all -A --show-labels",
    "kubectl get po -l app=adder -o name",
    "kubectl get sts adder -o wide",
    "kubectl get endpointslices",
    "kubectl get events",
    "kubectl describe pod adder-0",
    "kubectl describe svc adder",
    "kubectl describe pvc data-adder-1",
    "kubectl describe node node-1",
    "kubectl describe deploy adder",
    "kubectl delete pod adder-1",
    "kubectl delete pod adder-0 --grace-period=0 --force",
    "kubectl delete po/adder-2 --now",
    "kubectl delete svc adder",
    "kubectl delete sts adder",
    "kubectl delete deploy adder --ignore-not-found",
    "kubectl delete -f adder.yaml",
    "kubectl scale deployment adder --replicas=5",
    "kubectl scale sts adder --replicas=0",
    "kubectl rollout restart deployment/adder",
    "kubectl rollout status sts/adder",
    "kubectl logs adder-0 --tail=3",
    "kubectl exec adder-0 -- cat /data/total",
    "nslookup adder-0.adder",
    "dig +short +search adder",
    "help",
];

/// Pieces a mutation inserts: the characters and words that reach the parsers' corners.
const PIECES: [&str; 32] = [
    " ",
    "-",
    "--",
    "=",
    "/",
    ",",
    ".",
    "'",
    "\"",
    "\\",
    "|",
    ";",
    "&",
    "`",
    "$",
    "\t",
    "0",
    "-1",
    "99999999999999999999",
    "adder-",
    "pod",
    "sts",
    "-o",
    "-l",
    "--replicas",
    "--",
    "é",
    "\u{0}",
    "\u{1}",
    "\n",
    "all",
    "x=y",
];

fn worlds() -> Vec<World> {
    [
        (ScenarioId::AdderMemory, 30_000),
        (ScenarioId::StatefulSetHeadless, 60_000),
        (ScenarioId::SharedVolumeLock, 20_000),
        (ScenarioId::OneServer, 5_000),
    ]
    .into_iter()
    .map(|(scenario, until_ms)| {
        let mut world = World::new(scenario, 5);
        world.run_until(until_ms);
        world
    })
    .chain(deleted_worlds())
    .collect()
}

/// Scenes whose app lost an object to `kubectl delete`: every line must be answered there too.
fn deleted_worlds() -> [World; 2] {
    let mut no_service = World::new(ScenarioId::StatefulSetHeadless, 5);
    no_service.run_until(20_000);
    no_service.apply(&Command::DeleteService).unwrap();
    no_service.run_until(25_000);
    let mut no_workload = World::new(ScenarioId::AdderMemory, 5);
    no_workload.run_until(20_000);
    no_workload.apply(&Command::DeleteWorkload).unwrap();
    no_workload.run_until(21_000);
    [no_service, no_workload]
}

fn line(rng: &mut SimRng) -> String {
    let mut line = if rng.index(4) == 0 {
        // Words drawn at random.
        (0..rng.index(8))
            .map(|_| PIECES[rng.index(PIECES.len())])
            .collect::<Vec<_>>()
            .join(if rng.index(2) == 0 { " " } else { "" })
    } else {
        CORPUS[rng.index(CORPUS.len())].to_owned()
    };
    for _ in 0..rng.index(4) {
        let chars: Vec<char> = line.chars().collect();
        let at = rng.index(chars.len() + 1);
        let piece = PIECES[rng.index(PIECES.len())];
        let (head, tail) = chars.split_at(at);
        let head: String = head.iter().collect();
        let tail: String = tail.iter().skip(rng.index(3)).collect();
        line = match rng.index(3) {
            0 => format!("{head}{piece}{tail}"),
            1 => format!("{head}{tail}"),
            _ => format!("{head}{piece}"),
        };
    }
    line
}

#[test]
fn every_line_is_answered_and_its_actions_apply() {
    let count: usize = std::env::var("ADDER_LAB_TERMINAL_LINES")
        .ok()
        .and_then(|count| count.parse().ok())
        .unwrap_or(20_000);
    let worlds = worlds();
    let mut rng = SimRng::new(24);
    let mut actions = 0;
    for index in 0..count {
        let line = line(&mut rng);
        let world = &worlds[index % worlds.len()];
        let output = run(&line, world);
        assert!(
            output.text.is_empty() || output.text.ends_with('\n'),
            "{line:?}: {:?}",
            output.text
        );
        if !output.actions.is_empty() {
            let mut changed = world.clone();
            for action in &output.actions {
                actions += 1;
                if let Err(error) = changed.apply(action) {
                    panic!("{line:?} returned {action:?}, refused: {error}");
                }
            }
        }
        let done = complete(&line, world);
        assert!(done.line.starts_with(line.trim_end_matches(' ')) || done.line == line);
    }
    println!("{count} lines, {actions} actions applied");
    // The corpus is made of commands that act: some lines must have reached the world.
    assert!(
        actions > count / 100,
        "only {actions} actions in {count} lines"
    );
}
