//! The lesson track's closing step, "compare them all": the story's three designs side by side
//! on one request stream, predict-then-run as in the other steps (`lessons`), with the answer
//! read off the comparison, never written in. It lives with the compare view because its scene
//! is a comparison (the main page links to it; its wasm does not carry the compare code).

use super::Comparison;
use super::link::CompareLink;
use crate::lessons::tutor::TutorError;

pub struct CompareLesson {
    pub id: &'static str,
    pub title: &'static str,
    pub text: &'static str,
    /// The scene: a compare query (lanes, seed, actions).
    pub scene: &'static str,
    pub prompt: &'static str,
    pub choices: &'static [&'static str],
    /// How long to run the comparison (virtual time) before reading the answer.
    pub run_ms: u64,
    /// Which choice a run shows to be right.
    pub reveal: fn(&Comparison) -> usize,
    /// The choice the story predicts (what `reveal` gives on the unchanged scene).
    pub expected: usize,
    pub explain: &'static str,
    pub try_next: &'static str,
}

/// The lanes whose checker found nothing, as a choice of `COMPARE_ALL`.
fn clean_lanes(comparison: &Comparison) -> usize {
    let clean: Vec<bool> = comparison
        .lanes()
        .iter()
        .map(|lane| lane.world().checker().total_findings() == 0)
        .collect();
    match clean.as_slice() {
        [true, true, true] => 0,
        [false, true, false] => 1,
        [false, true, true] => 2,
        [false, false, false] => 3,
        _ => 4,
    }
}

pub const COMPARE_ALL: CompareLesson = CompareLesson {
    id: "compare-all",
    title: "Compare them all",
    text: "The story\u{2019}s three designs run side by side and receive the same requests: Alice, Bob and Carol send the same adds at the same moments to every lane. Lane 1 is the Deployment with its totals in memory, lane 2 the Deployment with one shared volume and a lock, lane 3 the StatefulSet, whose clients each address one pod by name through the headless Service (Alice and Bob adder-0, Carol adder-1).",
    scene: "compare=adder-memory.shared-volume-lock.statefulset-headless&seed=3",
    prompt: "After a minute of the same adds, in which lanes does every answer fit the running total its client adds to?",
    choices: &[
        "All three lanes",
        "Only lane 2 (the locked shared volume)",
        "Lanes 2 and 3 (the locked volume and the StatefulSet)",
        "None of them",
        "Another set of lanes",
    ],
    run_ms: 60_000,
    reveal: clean_lanes,
    expected: 2,
    explain: "Lane 1: the Service spreads each client\u{2019}s requests over pods that each keep their own total in memory, so one client is told totals from several of them. Lane 2: there is one total, in one file, and the lock lets one read-add-write happen at a time. Lane 3: each client always reaches the pod it names, and that pod\u{2019}s total lives on its own PersistentVolumeClaim, so every answer fits that pod\u{2019}s total; but there are two totals, not one (compare Alice\u{2019}s and Carol\u{2019}s rows). Only the locked volume gives everyone a single total, at the price of the lock\u{2019}s queue.",
    try_next: "Delete the pod Alice last reached, in every lane: which lane forgets her total, and which keep it? Then raise the rate to 10 a second and watch lane 2\u{2019}s lock queue.",
};

/// Where the main page's step list links to, and what it says: constant text, so the main
/// page's wasm carries no formatting for it (a test holds them to `COMPARE_ALL`).
pub const COMPARE_ALL_HREF: &str = "compare/?compare=adder-memory.shared-volume-lock.statefulset-headless&seed=3&lesson=compare-all";
pub const COMPARE_ALL_STEP: &str = "12. Compare them all (side by side, on a page of its own)";

/// The closing step's predict → run → reveal cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LessonPhase {
    #[default]
    Predict,
    /// The lesson's comparison is playing towards `run_ms`.
    Running,
    Revealed {
        predicted: usize,
        shown: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CompareTutor {
    prediction: Option<usize>,
    phase: LessonPhase,
}

impl CompareTutor {
    pub fn lesson(&self) -> &'static CompareLesson {
        &COMPARE_ALL
    }

    pub fn prediction(&self) -> Option<usize> {
        self.prediction
    }

    pub fn phase(&self) -> LessonPhase {
        self.phase
    }

    pub fn predict(&mut self, choice: usize) -> Result<(), TutorError> {
        if choice >= COMPARE_ALL.choices.len() {
            return Err(TutorError::NoSuchChoice);
        }
        self.prediction = Some(choice);
        Ok(())
    }

    /// Starts the run: the lesson's comparison from its start, to be played to `run_ms`.
    pub fn start_run(&mut self) -> Result<Comparison, TutorError> {
        self.prediction.ok_or(TutorError::NoPrediction)?;
        let (link, _) = CompareLink::parse(COMPARE_ALL.scene).expect("the lesson's scene reads");
        let comparison = Comparison::from_link(link).expect("the lesson's scene has three lanes");
        self.phase = LessonPhase::Running;
        Ok(comparison)
    }

    /// Reveals the answer once the run has reached its time; true when it did just now.
    pub fn check(&mut self, comparison: &Comparison) -> bool {
        match (self.phase, self.prediction) {
            (LessonPhase::Running, Some(predicted))
                if comparison.now_ms() >= COMPARE_ALL.run_ms =>
            {
                self.phase = LessonPhase::Revealed {
                    predicted,
                    shown: (COMPARE_ALL.reveal)(comparison),
                };
                true
            }
            _ => false,
        }
    }

    /// The lanes were replaced before the run ended: back to predicting.
    pub fn abandon_run(&mut self) {
        if self.phase == LessonPhase::Running {
            self.phase = LessonPhase::Predict;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Command;

    #[test]
    fn the_main_page_links_to_this_step_after_the_others() {
        assert_eq!(
            COMPARE_ALL_HREF,
            format!("compare/?{}&lesson={}", COMPARE_ALL.scene, COMPARE_ALL.id)
        );
        let number = crate::lessons::LESSONS.len() + 1;
        assert!(COMPARE_ALL_STEP.starts_with(&format!("{number}. {} (", COMPARE_ALL.title)));
    }

    #[test]
    fn the_comparison_reveals_what_the_story_says() {
        let mut tutor = CompareTutor::default();
        assert_eq!(tutor.start_run().err(), Some(TutorError::NoPrediction));
        assert_eq!(tutor.predict(9), Err(TutorError::NoSuchChoice));
        tutor.predict(0).unwrap();
        let mut comparison = tutor.start_run().unwrap();
        assert_eq!(comparison.now_ms(), 0, "the run starts from the beginning");
        comparison.advance_to(COMPARE_ALL.run_ms - 1);
        assert!(!tutor.check(&comparison), "too early");
        comparison.advance_to(COMPARE_ALL.run_ms);
        assert!(tutor.check(&comparison));
        assert_eq!(
            tutor.phase(),
            LessonPhase::Revealed {
                predicted: 0,
                shown: COMPARE_ALL.expected
            }
        );
        assert_eq!(
            COMPARE_ALL.choices[COMPARE_ALL.expected],
            "Lanes 2 and 3 (the locked volume and the StatefulSet)"
        );
        assert!(!tutor.check(&comparison), "reveals once");
    }

    /// The answer is read off the run: turning the lock off in lane 2 changes it.
    #[test]
    fn a_changed_run_reveals_what_it_did() {
        let mut tutor = CompareTutor::default();
        tutor.predict(2).unwrap();
        let mut comparison = tutor.start_run().unwrap();
        comparison.act(Some(1), Command::SetLock(false)).unwrap();
        comparison
            .act(
                None,
                Command::SetTraffic {
                    client: 0,
                    requests_per_minute: 600,
                },
            )
            .unwrap();
        comparison.advance_to(COMPARE_ALL.run_ms);
        tutor.check(&comparison);
        let LessonPhase::Revealed { shown, .. } = tutor.phase() else {
            panic!("not revealed");
        };
        assert_ne!(
            shown, COMPARE_ALL.expected,
            "lane 2 loses updates without its lock"
        );

        tutor.abandon_run();
        assert!(
            matches!(tutor.phase(), LessonPhase::Revealed { .. }),
            "a revealed step stays"
        );
    }
}
