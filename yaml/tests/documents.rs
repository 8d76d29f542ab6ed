//! Any YAML document applied: no panic, an answer that ends its last line, every action it
//! returns applies to the world it was read from, and the scene is never changed by a refused
//! document (the page applies only what is returned).
//!
//! The scenes' own manifests, mutated line by line and character by character, and documents
//! made of YAML's punctuation from a seeded generator: 3,000 per run by default;
//! `ADDER_LAB_YAML_DOCUMENTS=1000000 cargo test --release -p adder-lab-yaml --test documents`
//! runs a million.

use adder_lab_model::kubectl::{Files, run_with};
use adder_lab_model::playground::manifests::manifests;
use adder_lab_model::sim::rng::SimRng;
use adder_lab_model::sim::{ScenarioId, World};

/// Lines a mutation inserts: valid-looking fields in the wrong place, YAML's corners.
const LINES: [&str; 30] = [
    "  replica: 3",
    "  replicas: -1",
    "  replicas: 99999999999",
    "  replicas: \"3\"",
    "  clusterIP: None",
    "  clusterIP: 10.96.0.99",
    "  sessionAffinity: ClientIP",
    "  sessionAffinity: Sticky",
    "  podManagementPolicy: Parallel",
    "    maxSurge: 1",
    "              value: off",
    "              value: \"off\"",
    "apiVersion: v2",
    "kind: Pod",
    "kind: Frobnicator",
    "metadata: {}",
    "  namespace: kube-system",
    "---",
    "...",
    "  - &a x",
    "  - *a",
    "  - *nope",
    "{",
    "]",
    "? [a, b]",
    ": x",
    "key: [1, 2",
    "x: !!binary aGVsbG8=",
    "x: !!str 3",
    "\t- tab",
];

const PIECES: [&str; 20] = [
    " ", "  ", ":", "- ", "#", "'", "\"", "&a ", "*a", "|", ">", "[", "{", ",", "\n", "~", "é",
    "\u{0}", "0x1F", "1e400",
];

fn worlds() -> Vec<World> {
    ScenarioId::ALL
        .into_iter()
        .map(|scenario| {
            let mut world = World::new(scenario, 5);
            world.run_until(15_000);
            world
        })
        .collect()
}

fn document(rng: &mut SimRng, base: &str) -> String {
    if rng.index(10) == 0 {
        return (0..rng.index(40))
            .map(|_| PIECES[rng.index(PIECES.len())])
            .collect();
    }
    let mut lines: Vec<String> = base.lines().map(str::to_owned).collect();
    for _ in 0..=rng.index(4) {
        let at = rng.index(lines.len() + 1);
        match rng.index(6) {
            0 if at < lines.len() => {
                lines.remove(at);
            }
            1 => lines.insert(at, LINES[rng.index(LINES.len())].to_owned()),
            2 if at < lines.len() => {
                let line = lines[at].clone();
                lines.insert(at, line);
            }
            3 if at < lines.len() => {
                let indent = " ".repeat(rng.index(5));
                lines[at] = format!("{indent}{}", lines[at].trim_start());
            }
            4 if at < lines.len() => {
                if let Some((key, _)) = lines[at].split_once(": ") {
                    let value = PIECES[rng.index(PIECES.len())];
                    lines[at] = format!("{key}: {value}");
                }
            }
            _ if at < lines.len() => {
                let chars: Vec<char> = lines[at].chars().collect();
                let cut = rng.index(chars.len() + 1);
                let (head, tail) = chars.split_at(cut);
                lines[at] = format!(
                    "{}{}{}",
                    head.iter().collect::<String>(),
                    PIECES[rng.index(PIECES.len())],
                    tail.iter().collect::<String>()
                );
            }
            _ => {}
        }
    }
    lines.join("\n")
}

#[test]
fn every_document_is_answered_and_its_actions_apply() {
    let count: usize = std::env::var("ADDER_LAB_YAML_DOCUMENTS")
        .ok()
        .and_then(|count| count.parse().ok())
        .unwrap_or(3_000);
    let worlds = worlds();
    let bases: Vec<String> = worlds.iter().map(manifests).collect();
    let mut rng = SimRng::new(24);
    let (mut actions, mut applied, mut refused) = (0, 0, 0);
    for index in 0..count {
        let which = index % worlds.len();
        let text = document(&mut rng, &bases[which]);
        let files = Files {
            name: "adder.yaml",
            text: &text,
            parse: Some(adder_lab_yaml::parse),
        };
        let world = &worlds[which];
        let output = run_with("kubectl apply -f adder.yaml", world, &files);
        assert!(
            !output.text.is_empty() && output.text.ends_with('\n'),
            "{text:?}: {:?}",
            output.text
        );
        if output.text.contains(" configured\n") {
            applied += 1;
        }
        if output.text.contains("# at line") {
            refused += 1;
        }
        let mut changed = world.clone();
        for action in &output.actions {
            actions += 1;
            if let Err(error) = changed.apply(action) {
                panic!("{text:?} returned {action:?}, refused: {error}");
            }
        }
    }
    println!(
        "{count} documents: {applied} configured something, {refused} refused with a place, {actions} actions applied"
    );
    assert!(
        applied > count / 50,
        "only {applied} of {count} configured anything"
    );
    assert!(
        refused > count / 10,
        "only {refused} of {count} refused with a place"
    );
}
