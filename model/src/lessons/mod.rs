//! The lesson track (issue 5): one step per idea of the source story, each with a preset scene
//! (a playground link), a predict-then-run question, and one thing to try next.
//!
//! A question's answer is never taken from the text: `reveal` reads it off a run of the step's
//! scene (the checker, the clients' answers, the cluster's objects), so a lesson can only say
//! what the model really does. `expected` is what the source story says; a test holds the two
//! together. Plain data and functions, tested natively; `ui::lessons` renders them.

pub mod markup;
pub mod progress;
pub mod services;
pub mod tutor;

use crate::playground::{Link, Playground};
use crate::sim::checker::LossCause;
use crate::sim::history::LogEvent;
use crate::sim::objects::Owner;
use crate::sim::{Finding, FindingKind, Register, World};

pub struct Question {
    pub prompt: &'static str,
    pub choices: &'static [&'static str],
    /// How long to run the scene (virtual time) before reading the answer.
    pub run_ms: u64,
    /// Which choice a run of the scene shows to be right.
    pub reveal: fn(&World) -> usize,
    /// The choice the story predicts (what `reveal` gives on the unchanged scene).
    pub expected: usize,
    /// Why it happens, shown once the answer is revealed.
    pub explain: &'static str,
}

/// The blog's StatefulSet and "headless" Service (the story's second text), applied as they
/// are: the run the misconceptions step offers (a test holds it to what `kubectl apply` makes).
pub const BLOG_MANIFESTS_QUERY: &str = "scenario=statefulset-headless&design=s~my-statefulset~my-app~my-headless-service~my-service~my-image~3~a~m~~rwx~l~r0&seed=2&v=2";

pub struct Lesson {
    pub id: &'static str,
    pub title: &'static str,
    pub text: &'static str,
    /// The scene: a playground query (scenario, seed, actions).
    pub scene: &'static str,
    pub question: Question,
    pub try_next: &'static str,
    /// Where the run shows how it happened, when not the verdict, events and request log
    /// (see `Lesson::evidence`).
    pub evidence: Option<&'static str>,
    /// What the story calls what the run showed. Shown with the answer, never before: a title
    /// that names the bug would answer the question.
    pub named: &'static str,
    /// The moment the question is about, for the button back in time after the reveal: the
    /// first finding of these kinds, and the button's words. `None`: no finding is about it.
    pub watch: Option<Watch>,
}

/// The first finding of `kinds` in the run, and how the button back to it reads.
pub struct Watch {
    pub kinds: &'static [FindingKind],
    /// e.g. "Watch the first lost update happen" (the button adds "at 12.3 s").
    pub label: &'static str,
}

fn client_totals(world: &World, client: usize) -> Vec<u64> {
    world.clients()[client]
        .observed
        .iter()
        .filter_map(|answer| answer.outcome.ok())
        .collect()
}

fn disagreements(world: &World) -> u64 {
    let checker = world.checker();
    checker.count(FindingKind::Conflict)
        + checker.count(FindingKind::StaleRead)
        + checker.count(FindingKind::WentDown)
}

pub const LESSONS: [Lesson; 11] = [
    Lesson {
        id: "one-server",
        title: "One server: stateful and stateless",
        text: "Two tiny programs run on one server: the adder, addAndReturnTotal(number), and the converter, convertMetersToCentimeters(meters), which multiplies by 100. The scene plays Alice\u{2019}s three adds of 5, then Bob adds 5 once, from his own browser.",
        scene: "scenario=one-server&seed=1&actions=3000.s.0.5~5000.s.0.5~7000.s.0.5~8500.s.1.5",
        question: Question {
            prompt: "Alice is told 5, 10, 15. Then Bob adds 5. What is Bob told?",
            choices: &["5", "20", "15"],
            run_ms: 10_000,
            reveal: |world| match client_totals(world, 1).as_slice() {
                [5] => 0,
                [20] => 1,
                _ => 2,
            },
            expected: 1,
            explain: "One process keeps one running total in memory, for everyone: Bob\u{2019}s 5 is added to Alice\u{2019}s 15, and each answer follows from the one before. The converter\u{2019}s answer depends only on its input: that is what makes it safe to copy.",
        },
        try_next: "Send a convert request: 5 m is 500 cm however often you ask.",
        evidence: None,
        named: "Stateful: the adder\u{2019}s answer depends on what it was told before.",
        watch: None,
    },
    Lesson {
        id: "scale-out",
        title: "Scale out on a Deployment",
        text: "For more traffic the adder now runs as a Deployment of three identical pods behind a ClusterIP Service, which spreads connections over the ready pods. The code did not change: each pod keeps the total in its own memory. Alice, Bob and Carol send adds.",
        scene: "scenario=adder-memory&seed=1",
        question: Question {
            prompt: "Will every answer fit one running total?",
            choices: &["Yes", "No"],
            run_ms: 60_000,
            reveal: |world| usize::from(disagreements(world) > 0),
            expected: 1,
            explain: "The ClusterIP Service hands each connection to any ready pod, and each pod adds to the total in its own memory. Answers from different pods belong to different totals.",
        },
        try_next: "Go back to the first disagreement, turn on sessionAffinity: ClientIP at that moment and play on: does each client now see its own totals only go up? And do the clients now agree with each other?",
        evidence: None,
        named: "The bug of scaling out a stateful program: each pod has its own total.",
        watch: Some(Watch {
            kinds: &[
                FindingKind::Conflict,
                FindingKind::StaleRead,
                FindingKind::WentDown,
            ],
            label: "Watch the first disagreement happen",
        }),
    },
    Lesson {
        id: "went-down",
        title: "Same Deployment, a longer run",
        text: "Same Deployment, another seed. The adder only ever adds positive numbers, and each client watches the totals it is told.",
        scene: "scenario=adder-memory&seed=3",
        question: Question {
            prompt: "Within two minutes, is some client told a smaller total than it was told before?",
            choices: &["Yes", "No"],
            run_ms: 120_000,
            reveal: |world| usize::from(world.checker().count(FindingKind::WentDown) == 0),
            expected: 0,
            explain: "A request that lands on a pod holding a smaller total is answered from that smaller total. Nothing was subtracted; the client just reached a different pod.",
        },
        try_next: "Watch the total go down, then step back one event at a time: which pod answered each of the two requests?",
        evidence: None,
        named: "\u{201c}The total went down\u{201d}, as the story puts it.",
        watch: Some(Watch {
            kinds: &[FindingKind::WentDown],
            label: "Watch the total go down",
        }),
    },
    Lesson {
        id: "shared-volume-lock",
        title: "A shared PersistentVolume and a lock",
        text: "The story\u{2019}s next design: the total lives in a file on one PersistentVolume (ReadWriteMany) that every pod mounts, and each request locks the file, reads the total, adds, writes it back and unlocks. At 90 s all traffic stops, so the file can be checked against what the clients were told.",
        scene: "scenario=shared-volume-lock&seed=4&actions=90000.r.0.0~90000.r.1.0~90000.r.2.0",
        question: Question {
            prompt: "When traffic stops, does the file hold exactly the sum of the acknowledged adds?",
            choices: &["Yes", "No"],
            run_ms: 100_000,
            reveal: |world| {
                let stored = world.stored_total(Register::Service);
                usize::from(stored != world.checker().acknowledged_total(Register::Service))
            },
            expected: 0,
            explain: "Every pod reads and writes the same file, and the lock lets only one read-add-write happen at a time. No add is lost, and every answer is the new total.",
        },
        try_next: "Watch the lock\u{2019}s queue grow when you raise the traffic rate.",
        evidence: None,
        named: "The story\u{2019}s fix: one shared total, one read-add-write at a time.",
        watch: None,
    },
    Lesson {
        id: "no-lock",
        title: "The shared volume without its lock",
        text: "Same volume, same file, but the lock is switched off. Every request still reads the total, adds and writes it back, and several pods do so at the same time.",
        scene: "scenario=shared-volume-no-lock&seed=5",
        question: Question {
            prompt: "Is any acknowledged add lost?",
            choices: &["Yes", "No"],
            run_ms: 60_000,
            reveal: |world| usize::from(world.checker().count(FindingKind::LostUpdate) == 0),
            expected: 0,
            explain: "Two pods read the same total, both add, both write: the second write replaces the first, and an add the client was told about is gone from the file.",
        },
        try_next: "Go back to the first lost update, turn the lock on at that moment and play on: does the new branch lose any more adds?",
        evidence: None,
        named: "The race: lost updates.",
        watch: Some(Watch {
            kinds: &[FindingKind::LostUpdate],
            label: "Watch the first lost update happen",
        }),
    },
    Lesson {
        id: "read-write-once",
        title: "One volume, many nodes: access modes",
        text: "The shared volume again, with the lock, but this claim asks for accessModes: ReadWriteOnce, what most cloud block disks offer. The Deployment\u{2019}s three pods have been scheduled on three different nodes.",
        scene: "scenario=shared-volume-rwo&seed=6",
        question: Question {
            prompt: "How many of the three pods become Ready?",
            choices: &[
                "All three",
                "Only the pod on one node; the others wait",
                "None of them",
            ],
            run_ms: 30_000,
            reveal: |world| {
                let adders = || world.pods().iter().filter(|pod| pod.owner == Owner::Adder);
                let ready = adders().filter(|pod| pod.is_endpoint()).count();
                let waiting = adders().all(|pod| pod.is_endpoint() || pod.waiting_reason.is_some());
                match ready {
                    0 => 2,
                    ready if ready == world.replicas() as usize => 0,
                    _ if waiting => 1,
                    _ => 0,
                }
            },
            expected: 1,
            explain: "ReadWriteOnce lets the volume attach to one node at a time, so only pods on that node can mount it; the others stay ContainerCreating with a Multi-Attach error (see the events), and a rollout stalls the same way. Sharing one volume across nodes needs a ReadWriteMany claim, from storage that supports it (NFS, CephFS, a cloud file share).",
        },
        try_next: "Roll out the Deployment and watch its new pods wait for the volume too.",
        evidence: None,
        named: "Access modes: ReadWriteOnce is one node at a time.",
        watch: None,
    },
    Lesson {
        id: "emptydir",
        title: "emptyDir: a container restart, then a deletion",
        text: "Each pod of this Deployment keeps its total in a file on an emptyDir volume: a scratch directory on the pod\u{2019}s node, mounted into its container. At 20 s the container of adder-87d9d84c4-fhcc4 crashes and the kubelet restarts it; at 40 s that pod is deleted.",
        scene: "scenario=adder-emptydir&seed=6&actions=20000.x.adder-87d9d84c4-fhcc4~40000.d.adder-87d9d84c4-fhcc4",
        question: Question {
            prompt: "When is that pod\u{2019}s total lost?",
            choices: &[
                "At the container restart",
                "When the pod is deleted",
                "Never: the volume keeps it",
            ],
            run_ms: 50_000,
            reveal: |world| {
                let lost = |when: LossCause| {
                    world.checker().findings().any(|finding| {
                        matches!(finding, Finding::StateLost { cause, .. } if *cause == when)
                    })
                };
                if lost(LossCause::ContainerRestart) {
                    0
                } else if lost(LossCause::PodDeleted) {
                    1
                } else {
                    2
                }
            },
            expected: 1,
            explain: "A volume outlives the container, so the restarted process found its file; but an emptyDir belongs to its pod, and Kubernetes deletes it with the pod. The Deployment\u{2019}s replacement starts with a new, empty one. Data that must outlive pods needs a PersistentVolume.",
        },
        try_next: "Switch to the memory scene and restart a container: there even the restart loses the total.",
        evidence: None,
        named: "An emptyDir lives as long as its pod.",
        watch: Some(Watch {
            kinds: &[FindingKind::StateLost],
            label: "Watch the total being lost",
        }),
    },
    Lesson {
        id: "identity",
        title: "Delete a pod: Deployment vs StatefulSet",
        text: "The adder now runs as a StatefulSet: pods adder-0, adder-1 and adder-2, each with its own PersistentVolumeClaim from volumeClaimTemplates and its total in a file on it. At 20 s adder-1 is deleted, as kubectl delete pod, a node drain or an eviction would do. (A crash would only restart its container in place, as in the emptyDir step.)",
        scene: "scenario=statefulset-headless&seed=8&actions=20000.d.adder-1",
        question: Question {
            prompt: "adder-1 is deleted. What comes back?",
            choices: &[
                "A pod with a new random name and an empty volume",
                "adder-1, with its claim data-adder-1 and its total",
            ],
            run_ms: 40_000,
            reveal: |world| {
                let back = world
                    .pods()
                    .iter()
                    .any(|pod| pod.name.as_str() == "adder-1" && pod.is_endpoint());
                let same_claim = world.history().entries().any(|entry| {
                    matches!(
                        &entry.event,
                        LogEvent::VolumeReattached { claim, pod, .. }
                            if pod.as_str() == "adder-1" && claim.as_str() == "data-adder-1"
                    )
                });
                usize::from(back && same_claim)
            },
            expected: 1,
            explain: "A StatefulSet pod has a stable identity: ordinal 1 is always adder-1, and its PersistentVolumeClaim data-adder-1 (from volumeClaimTemplates) outlives the pod, so the new adder-1 mounts the same volume. A Deployment\u{2019}s replacement gets a new random name and nothing of the old pod\u{2019}s.",
        },
        try_next: "Delete a pod in the memory scenario and compare the replacement\u{2019}s name.",
        evidence: None,
        named: "Stable identity: a StatefulSet pod\u{2019}s name and claim outlive the pod.",
        watch: None,
    },
    Lesson {
        id: "headless",
        title: "Headless Service vs ClusterIP",
        text: "A StatefulSet is governed by a headless Service, one with clusterIP: None. In this scene Alice sends every request to the Service\u{2019}s name, adder.default.svc.cluster.local, instead of to a pod\u{2019}s own name.",
        scene: "scenario=statefulset-headless&seed=9&actions=0.g.0.s",
        question: Question {
            prompt: "Alice sends to the headless Service\u{2019}s name. Do all her requests reach one pod?",
            choices: &[
                "Yes: headless means one pod",
                "No: she picks among all ready pods",
            ],
            run_ms: 90_000,
            reveal: |world| {
                let mut pods: Vec<_> = world.clients()[0]
                    .observed
                    .iter()
                    .filter_map(|answer| answer.pod)
                    .collect();
                pods.sort_unstable();
                pods.dedup();
                usize::from(pods.len() > 1)
            },
            expected: 1,
            explain: "With clusterIP: None there is no virtual IP and nothing balances: DNS answers the Service name with the address of every ready pod, and the client chooses. To reach one pod, use its own record, such as adder-0.adder.default.svc.cluster.local. (Here each client picks at random; real resolvers and clients differ, many take the first address.)",
        },
        try_next: "Point Alice at adder-0 by name and see every request land there.",
        evidence: None,
        named: "A headless Service does no load balancing: DNS answers with every ready pod, and the client picks.",
        watch: None,
    },
    Lesson {
        id: "misconceptions",
        title: "A blog\u{2019}s \u{201c}headless\u{201d} Service",
        text: "A blog post on state in Kubernetes says a headless Service sends all requests to the same pod. Its example \u{201c}headless\u{201d} Service has a selector and ports but no clusterIP line, like this scene\u{2019}s Service (see its YAML in the run\u{2019}s details).",
        scene: "scenario=adder-memory&seed=2",
        question: Question {
            prompt: "The blog\u{2019}s Service has no clusterIP: None. Is it headless?",
            choices: &["Yes", "No: it is a load-balanced ClusterIP Service"],
            run_ms: 60_000,
            reveal: |world| usize::from(!world.settings().headless),
            expected: 1,
            explain: "Kubernetes gives a Service a virtual IP unless its spec says clusterIP: None; without that line it load-balances, whatever its name says. And a real headless Service does not send everything to one pod either: below, the same client talks to both kinds.",
        },
        try_next: "Run the blog\u{2019}s manifests (the link above). In the YAML panel\u{2019}s editor, add clusterIP: None to its Service and apply: refused, a clusterIP never changes. Rename the Service my-service, the StatefulSet\u{2019}s serviceName, and apply again.",
        evidence: Some(
            "The playground ran this scene for 60 s: its Services and DNS panel shows the name resolving to one virtual IP, and the request log shows Alice\u{2019}s requests answered by different pods.",
        ),
        named: "Two common mistakes: without clusterIP: None a Service is not headless, and a headless one does not send everything to one pod.",
        watch: None,
    },
    Lesson {
        id: "three-tiers",
        title: "Three tiers: the database on a StatefulSet",
        text: "The story\u{2019}s last design: the adder pods keep nothing and send every add to a database, db-0, which runs as a StatefulSet with its own volume behind its own headless Service.",
        scene: "scenario=three-tier&seed=13",
        question: Question {
            prompt: "Requests land on any adder pod. Do clients see conflicting totals?",
            choices: &["Yes", "No"],
            run_ms: 120_000,
            reveal: |world| usize::from(disagreements(world) == 0),
            expected: 1,
            explain: "The adder pods keep nothing: the one total lives in db-0, so every pod gives the same answer. The database runs as a StatefulSet so db-0 keeps its name and its volume.",
        },
        try_next: "Delete db-0 and watch it return with data-db-0.",
        evidence: None,
        named: "Stateless adders, one stateful database: one total.",
        watch: None,
    },
];

impl Lesson {
    /// Where the learner sees how the revealed answer happened.
    pub fn evidence(&self) -> &'static str {
        self.evidence
            .unwrap_or("The verdict, the events and the request log below show how it happened.")
    }

    /// The scene as a link (lesson scenes are valid links; a test checks every one).
    pub fn link(&self) -> Link {
        Link::parse(self.scene).0
    }
}

/// The lesson with this id, by position.
pub fn find(id: &str) -> Option<usize> {
    LESSONS.iter().position(|lesson| lesson.id == id)
}

/// Runs a lesson's scene for its question and returns the choice the simulation shows.
pub fn reveal(lesson: &Lesson) -> usize {
    let mut playground = Playground::from_link(lesson.link());
    playground.advance_to(lesson.question.run_ms);
    (lesson.question.reveal)(playground.world())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scene_is_a_valid_link() {
        for lesson in &LESSONS {
            let (_, problems) = Link::parse(lesson.scene);
            assert!(problems.is_empty(), "{}: {problems:?}", lesson.id);
            assert!(lesson.question.choices.len() >= 2, "{}", lesson.id);
        }
    }

    /// Words that give each step's answer away. None may be in what the learner reads before
    /// predicting (the title and the intro); the story's name for it comes with the answer.
    pub const ANSWER_WORDS: [(&str, &[&str]); 11] = [
        ("one-server", &["20", "for everyone", "shared", "one total"]),
        (
            "scale-out",
            &["bug", "conflict", "disagree", "inconsistent"],
        ),
        (
            "went-down",
            &["went down", "goes down", "go down", "smaller", "decrease"],
        ),
        ("shared-volume-lock", &["fix", "correct", "lost", "exactly"]),
        ("no-lock", &["race", "lost", "lose", "overwrite"]),
        (
            "read-write-once",
            &["only one", "one node at a time", "multi-attach", "wait"],
        ),
        ("emptydir", &["survive", "lost", "lose", "deleted with"]),
        (
            "identity",
            &[
                "same name",
                "comes back",
                "stable",
                "same volume",
                "outlive",
            ],
        ),
        (
            "headless",
            &["load balancing", "picks", "every ready pod", "one pod"],
        ),
        (
            "misconceptions",
            &["mistake", "load-balanced", "not headless", "wrong"],
        ),
        (
            "three-tiers",
            &["one total", "conflict", "consistent", "same answer"],
        ),
    ];

    #[test]
    fn no_title_or_intro_gives_its_answer_away() {
        for (lesson, (id, words)) in LESSONS.iter().zip(ANSWER_WORDS) {
            assert_eq!(lesson.id, id);
            let before = format!("{} {}", lesson.title, lesson.text).to_lowercase();
            for word in words {
                assert!(
                    !before.contains(word),
                    "{id}: \u{201c}{word}\u{201d} in {before:?}"
                );
            }
            let after = lesson.named.to_lowercase();
            assert!(!after.is_empty(), "{id} names what it showed");
        }
    }

    /// The story's claims, as the simulation reveals them.
    #[test]
    fn the_simulation_reveals_what_the_story_says() {
        let expected = [
            ("one-server", "20"),
            ("scale-out", "No"),
            ("went-down", "Yes"),
            ("shared-volume-lock", "Yes"),
            ("no-lock", "Yes"),
            (
                "read-write-once",
                "Only the pod on one node; the others wait",
            ),
            ("emptydir", "When the pod is deleted"),
            (
                "identity",
                "adder-1, with its claim data-adder-1 and its total",
            ),
            ("headless", "No: she picks among all ready pods"),
            (
                "misconceptions",
                "No: it is a load-balanced ClusterIP Service",
            ),
            ("three-tiers", "No"),
        ];
        for (lesson, (id, answer)) in LESSONS.iter().zip(expected) {
            assert_eq!(lesson.id, id);
            let choice = reveal(lesson);
            assert_eq!(lesson.question.choices[choice], answer, "{id}");
            assert_eq!(choice, lesson.question.expected, "{id}");
        }
    }
}
