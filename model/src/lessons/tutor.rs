//! One lesson's predict → run → reveal cycle, and the progress it earns.
//! The tutor loads the step's scene into the playground, says how long to run it, watches that
//! run (a replaced run sends the step back to predicting) and reads the answer off the world
//! once the run has reached the question's time. The UI only plays the playground.

use super::progress::{Progress, Saved};
use super::{LESSONS, Lesson};
use crate::playground::{Link, Playground, SPEEDS};
use crate::sim::World;

/// A lesson run should take about this long in real time, so it is watched, not waited for.
const RUN_REAL_MS_TARGET: u64 = 8_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The scene is loaded and paused at its start; the learner picks an answer.
    Predict,
    /// The scene is playing towards `run_ms`, in the playground's run number `run`.
    Running {
        run_ms: u64,
        run: u64,
    },
    Revealed(Reveal),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reveal {
    pub predicted: usize,
    /// The choice the run showed.
    pub shown: usize,
    /// False when the learner changed the scene during the run and it came out differently
    /// from the story's (the lesson's explanation does not apply then).
    pub as_expected: bool,
}

/// What `Tutor::check` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// No run of this step is under way.
    Idle,
    /// The run still has time to go.
    Running,
    /// The run reached its time: the answer is revealed.
    Revealed,
    /// The run was replaced before its time: the step is back to predicting.
    Replaced,
}

impl Check {
    /// What the learner is told when a run was replaced.
    pub const REPLACED_NOTICE: &'static str =
        "The scene was replaced before the run ended; run it again to see the answer.";
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TutorError {
    NoLesson,
    NoPrediction,
    NoSuchChoice,
}

impl std::fmt::Display for TutorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TutorError::NoLesson => "Open a lesson first.",
            TutorError::NoPrediction => {
                "Choose an answer first: predicting before you run is the point of the step."
            }
            TutorError::NoSuchChoice => "That answer is not one of the choices.",
        })
    }
}

/// The open step: which one, the learner's choice, and where in the cycle it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Step {
    index: usize,
    prediction: Option<usize>,
    phase: Phase,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tutor {
    step: Option<Step>,
    progress: Progress,
}

impl Tutor {
    /// Resumes: the saved lesson open at its question (its scene is the caller's to load).
    pub fn new(saved: Saved) -> Self {
        let mut tutor = Tutor {
            step: None,
            progress: saved.progress,
        };
        if let Some(index) = saved.lesson {
            tutor.open(index);
        }
        tutor
    }

    pub fn saved(&self) -> Saved {
        Saved {
            lesson: self.open_index(),
            progress: self.progress,
        }
    }

    pub fn progress(&self) -> Progress {
        self.progress
    }

    pub fn open_index(&self) -> Option<usize> {
        self.step.map(|step| step.index)
    }

    pub fn lesson(&self) -> Option<&'static Lesson> {
        self.open_index().map(|index| &LESSONS[index])
    }

    pub fn prediction(&self) -> Option<usize> {
        self.step.and_then(|step| step.prediction)
    }

    pub fn phase(&self) -> Option<Phase> {
        self.step.map(|step| step.phase)
    }

    /// The virtual time the current run plays to, while one is running.
    pub fn running_ms(&self) -> Option<u64> {
        match self.phase()? {
            Phase::Running { run_ms, .. } => Some(run_ms),
            _ => None,
        }
    }

    /// Opens a lesson at its start (an index past the end opens nothing) and returns the scene
    /// to load, paused, so the learner can look before predicting.
    pub fn open(&mut self, index: usize) -> Option<Link> {
        let lesson = LESSONS.get(index)?;
        // Opening the open step again restarts its scene but keeps the learner's prediction.
        let prediction = self
            .prediction()
            .filter(|_| self.open_index() == Some(index));
        self.step = Some(Step {
            index,
            prediction,
            phase: Phase::Predict,
        });
        Some(lesson.link())
    }

    pub fn close(&mut self) {
        self.step = None;
    }

    pub fn predict(&mut self, choice: usize) -> Result<(), TutorError> {
        let step = self.step.as_mut().ok_or(TutorError::NoLesson)?;
        if choice >= LESSONS[step.index].question.choices.len() {
            return Err(TutorError::NoSuchChoice);
        }
        step.prediction = Some(choice);
        Ok(())
    }

    /// Starts the run: loads the lesson's scene into `playground` (paused at its start) and
    /// returns the virtual time to play it to. The run is watched by `check`.
    pub fn start_run(&mut self, playground: &mut Playground) -> Result<u64, TutorError> {
        let step = self.step.as_mut().ok_or(TutorError::NoLesson)?;
        step.prediction.ok_or(TutorError::NoPrediction)?;
        let lesson = &LESSONS[step.index];
        playground.load(lesson.link());
        let run_ms = lesson.question.run_ms;
        step.phase = Phase::Running {
            run_ms,
            run: playground.run(),
        };
        Ok(run_ms)
    }

    /// Watches the run this step started: reveals the answer once it has reached its time, or
    /// goes back to predicting if the run was replaced before (a reset, another scenario).
    pub fn check(&mut self, playground: &Playground) -> Check {
        let Some(Phase::Running { run, .. }) = self.phase() else {
            return Check::Idle;
        };
        if playground.run() != run {
            self.abandon_run();
            return Check::Replaced;
        }
        if self.finish(playground.world()) {
            Check::Revealed
        } else {
            Check::Running
        }
    }

    /// Reads the answer off the world once the run has reached its time; marks the lesson done.
    /// Returns true when it revealed (false while the run still has time to go).
    pub fn finish(&mut self, world: &World) -> bool {
        let Some(step) = self.step.as_mut() else {
            return false;
        };
        let (Some(predicted), Phase::Running { run_ms, .. }) = (step.prediction, step.phase) else {
            return false;
        };
        if world.now_ms() < run_ms {
            return false;
        }
        let question = &LESSONS[step.index].question;
        let shown = (question.reveal)(world);
        step.phase = Phase::Revealed(Reveal {
            predicted,
            shown,
            as_expected: shown == question.expected,
        });
        self.progress.mark_done(step.index);
        true
    }

    /// The scene was replaced (reset, another scenario) before the run ended: back to predicting.
    pub fn abandon_run(&mut self) {
        if let Some(step) = self
            .step
            .as_mut()
            .filter(|step| matches!(step.phase, Phase::Running { .. }))
        {
            step.phase = Phase::Predict;
        }
    }

    /// The step a fresh visit offers: the one last open unless it is done, else the first not
    /// done.
    pub fn step_to_continue(&self, last_open: Option<usize>) -> usize {
        last_open
            .filter(|index| !self.progress.is_done(*index))
            .unwrap_or_else(|| self.progress.next_lesson())
    }

    /// The start button's words, e.g. "Continue with step 3: “The total went down”".
    pub fn continue_text(&self, last_open: Option<usize>) -> String {
        let index = self.step_to_continue(last_open);
        let verb = if self.progress.count() == 0 {
            "Start with"
        } else {
            "Continue with"
        };
        format!("{verb} step {}: {}", index + 1, LESSONS[index].title)
    }

    pub fn forget_progress(&mut self) {
        self.progress = Progress::default();
    }
}

/// The slowest speed (index into `SPEEDS`) that plays `run_ms` of virtual time in about
/// `RUN_REAL_MS_TARGET` of real time.
pub fn speed_index_for(run_ms: u64) -> usize {
    SPEEDS
        .iter()
        .position(|speed| run_ms as f64 / speed <= RUN_REAL_MS_TARGET as f64)
        .unwrap_or(SPEEDS.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::find;

    #[test]
    fn predict_run_reveal_marks_the_lesson_done() {
        let mut tutor = Tutor::new(Saved::default());
        let mut playground = Playground::new(crate::sim::ScenarioId::AdderMemory, 1);
        assert_eq!(tutor.start_run(&mut playground), Err(TutorError::NoLesson));
        let index = find("no-lock").unwrap();
        let link = tutor.open(index).unwrap();
        assert_eq!(tutor.phase(), Some(Phase::Predict));
        assert_eq!(
            tutor.start_run(&mut playground),
            Err(TutorError::NoPrediction)
        );
        assert_eq!(tutor.predict(9), Err(TutorError::NoSuchChoice));
        tutor.predict(1).unwrap();
        let run_ms = tutor.start_run(&mut playground).unwrap();
        assert_eq!(tutor.running_ms(), Some(run_ms));
        assert_eq!(playground.link(), &link, "the step's scene is loaded");
        assert_eq!(playground.world().now_ms(), 0);

        playground.advance_to(run_ms - 1);
        assert_eq!(tutor.check(&playground), Check::Running, "too early");
        playground.advance_to(run_ms);
        assert_eq!(tutor.check(&playground), Check::Revealed);
        let Some(Phase::Revealed(reveal)) = tutor.phase() else {
            panic!("not revealed: {:?}", tutor.phase());
        };
        assert_eq!((reveal.predicted, reveal.shown), (1, 0));
        assert!(reveal.as_expected);
        assert!(tutor.progress().is_done(index));
        assert_eq!(tutor.saved().lesson, Some(index));
        assert_eq!(tutor.check(&playground), Check::Idle, "reveals once");
    }

    /// The rule that used to live in a UI effect: a run replaced before its time (a reset,
    /// another scenario, a new seed) sends the step back to predicting, once.
    #[test]
    fn a_replaced_run_goes_back_to_predicting() {
        for replace in [Playground::reset as fn(&mut Playground), |playground| {
            playground.switch(crate::sim::ScenarioId::ThreeTier, 5)
        }] {
            let mut tutor = Tutor::new(Saved::default());
            let mut playground = Playground::new(crate::sim::ScenarioId::AdderMemory, 1);
            tutor.open(find("scale-out").unwrap()).unwrap();
            tutor.predict(0).unwrap();
            tutor.start_run(&mut playground).unwrap();
            playground.advance_to(1_000);
            assert_eq!(tutor.check(&playground), Check::Running);
            replace(&mut playground);
            assert_eq!(tutor.check(&playground), Check::Replaced);
            assert_eq!(tutor.phase(), Some(Phase::Predict));
            assert_eq!(tutor.prediction(), Some(0), "the prediction stays");
            assert_eq!(tutor.check(&playground), Check::Idle);
            assert!(!tutor.progress().is_done(find("scale-out").unwrap()));
        }
    }

    #[test]
    fn abandoning_returns_to_predict_and_past_the_end_opens_nothing() {
        let mut tutor = Tutor::new(Saved::default());
        let mut playground = Playground::new(crate::sim::ScenarioId::AdderMemory, 1);
        assert!(tutor.open(LESSONS.len()).is_none());
        assert_eq!(tutor.open_index(), None);
        tutor.open(0).unwrap();
        tutor.predict(0).unwrap();
        tutor.start_run(&mut playground).unwrap();
        tutor.abandon_run();
        assert_eq!(tutor.phase(), Some(Phase::Predict));
        assert_eq!(tutor.prediction(), Some(0));
        tutor.open(0).unwrap();
        assert_eq!(
            tutor.prediction(),
            Some(0),
            "reopening keeps the prediction"
        );
        tutor.open(1).unwrap();
        assert_eq!(tutor.prediction(), None);
        tutor.close();
        assert_eq!(tutor.phase(), None);
    }

    #[test]
    fn a_fresh_visit_continues_where_the_learner_was() {
        let mut tutor = Tutor::new(Saved::default());
        assert_eq!(
            tutor.continue_text(None),
            format!("Start with step 1: {}", LESSONS[0].title)
        );
        let mut playground = Playground::new(crate::sim::ScenarioId::AdderMemory, 1);
        tutor.open(0).unwrap();
        tutor.predict(1).unwrap();
        let run_ms = tutor.start_run(&mut playground).unwrap();
        playground.advance_to(run_ms);
        assert_eq!(tutor.check(&playground), Check::Revealed);
        assert_eq!(
            tutor.step_to_continue(Some(0)),
            1,
            "step 1 is done: the next"
        );
        assert_eq!(tutor.step_to_continue(Some(4)), 4, "the step last open");
        assert!(
            tutor
                .continue_text(Some(4))
                .starts_with("Continue with step 5: ")
        );
    }

    #[test]
    fn runs_take_about_eight_seconds() {
        assert_eq!(SPEEDS[speed_index_for(0)], 0.25);
        assert_eq!(SPEEDS[speed_index_for(10_000)], 2.0);
        assert_eq!(SPEEDS[speed_index_for(60_000)], 8.0);
        assert_eq!(SPEEDS[speed_index_for(120_000)], 16.0);
        assert_eq!(SPEEDS[speed_index_for(10_000_000)], 16.0);
        for lesson in &LESSONS {
            let speed = SPEEDS[speed_index_for(lesson.question.run_ms)];
            assert!(
                lesson.question.run_ms as f64 / speed <= 8_000.0,
                "{}",
                lesson.id
            );
        }
    }
}
