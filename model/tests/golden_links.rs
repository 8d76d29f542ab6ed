//! Shared links are course authors' permalinks: the same link must replay the same run after
//! every upgrade. Each link here (one per scenario, with faults) is replayed for its time and
//! its run's digest compared with the one recorded.
//!
//! If a model change alters a replay on purpose, the failure prints the new table: paste it
//! here in the same commit, and say in the commit message what changed in the runs and why.
//! A digest that changes without such a reason is a bug: an old link no longer shows what its
//! author saw.

use adder_lab_model::playground::{Link, Playground};

/// (link, virtual time to run it for, digest of the run)
const GOLDEN: [(&str, u64, u64); 11] = [
    (
        "scenario=one-server&seed=11&actions=3000.s.0.5~4000.c.1.7~5000.x.adder-87d9d84c4-jdjpd~9000.s.0.5~12000.d.adder-87d9d84c4-jdjpd~20000.s.2.9",
        30_000,
        0xd55a2160aeb496ec,
    ),
    (
        "scenario=converter-deployment&seed=11&actions=5000.d.converter-64dcd576f4-pdlr9~8000.x.converter-64dcd576f4-wjcm5~10000.f.node-2~20000.u.node-2~25000.n.5~30000.o~32000.p.rr~34000.a.1",
        60_000,
        0xf9df2c0179dddcc8,
    ),
    (
        "scenario=adder-memory&seed=11&actions=5000.d.adder-87d9d84c4-pdlr9~9000.x.adder-87d9d84c4-wjcm5~12000.p.rr~20000.a.1~30000.f.node-3~40000.u.node-3~45000.n.5",
        60_000,
        0x7d712078ba8cfe2d,
    ),
    (
        "scenario=adder-emptydir&seed=11&actions=5000.x.adder-87d9d84c4-pdlr9~10000.d.adder-87d9d84c4-pdlr9~15000.o",
        60_000,
        0x98178ac5dd32d9cb,
    ),
    (
        "scenario=shared-volume-lock&seed=11&actions=5000.d.adder-87d9d84c4-bj7mw~10000.f.node-2~20000.u.node-2~25000.n.6~30000.r.0.120",
        60_000,
        0xefc37ef853c5ddab,
    ),
    (
        "scenario=shared-volume-no-lock&seed=11&actions=8000.x.adder-87d9d84c4-w2rk6~15000.l.1~25000.l.0",
        60_000,
        0x8ca77faeaf0d9440,
    ),
    (
        "scenario=shared-volume-rwo&seed=11&actions=8000.o~20000.d.adder-87d9d84c4-bj7mw",
        60_000,
        0xb98c0670aa84a67b,
    ),
    (
        "scenario=statefulset-headless&seed=11&actions=5000.g.0.s~10000.d.adder-1~15000.m.parallel~20000.n.5~30000.n.1~40000.f.node-1~50000.u.node-1",
        60_000,
        0xaf5239ea8d7ab2e2,
    ),
    (
        "scenario=three-tier&seed=11&actions=10000.d.db-0~20000.x.adder-87d9d84c4-wjcm5~30000.n.2",
        60_000,
        0x675ca3041f737d4b,
    ),
    // Format 2: designs of the learner's own (applied manifests). The blog's StatefulSet
    // behind its ClusterIP "headless" Service, and a Deployment sharing a ReadWriteOnce claim.
    (
        "scenario=statefulset-headless&design=s~my-statefulset~my-app~my-headless-service~my-service~my-image~3~a~m~~rwx~l~r0&seed=11&actions=10000.d.my-statefulset-1~20000.n.5~30000.a.1&v=2",
        60_000,
        0xbec75d277b09edb4,
    ),
    (
        "scenario=shared-volume-lock&design=d~web~web~front~~registry.example.com/adder-lab/adder:2~4~a~v~total~rwo~l~c&seed=11&actions=15000.l.0~25000.n.2&v=2",
        60_000,
        0x9bde5d36c4b90a05,
    ),
];

fn replay(link: &str, run_ms: u64) -> (u64, Vec<String>) {
    let (link, problems) = Link::parse(link);
    assert!(problems.is_empty(), "{problems:?}");
    let mut playground = Playground::from_link(link);
    playground.advance_to(run_ms);
    let dropped = playground
        .problems()
        .iter()
        .map(|problem| problem.0.clone())
        .collect();
    (playground.world().digest(), dropped)
}

#[test]
fn old_links_replay_the_same_runs() {
    let mut table = String::new();
    let mut changed = Vec::new();
    for (link, run_ms, digest) in GOLDEN {
        let (actual, dropped) = replay(link, run_ms);
        assert!(
            dropped.is_empty(),
            "every action of {link} applies: {dropped:?}"
        );
        table.push_str(&format!(
            "    (\n        \"{link}\",\n        {run_ms},\n        {actual:#018x},\n    ),\n"
        ));
        if actual != digest {
            changed.push(link);
        }
    }
    assert!(
        changed.is_empty(),
        "these links replay differently: {changed:#?}\nthe table as the model runs now:\n{table}"
    );
}

#[test]
fn a_digest_tells_runs_apart() {
    let (link, run_ms, _) = GOLDEN[2];
    let (same, _) = replay(link, run_ms);
    assert_eq!(replay(link, run_ms).0, same, "a replay is deterministic");
    assert_ne!(replay(&link.replace("seed=11", "seed=12"), run_ms).0, same);
    assert_ne!(replay(link, run_ms - 1_000).0, same);
}
