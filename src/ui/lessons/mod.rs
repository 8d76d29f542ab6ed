//! The lesson track: the list of steps with progress, and the open step's predict → run →
//! reveal cycle played in the playground below. The rules live in `model::lessons`.
//!
//! Written for size (the bundle budget, see ARCHITECTURE.md): the open step is rebuilt as a
//! whole when it changes, its constant text is HTML set once (`model::lessons::markup`), and only the few
//! parts that change during a step (notice, status, answer, disabled states) are reactive.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::compare::lesson::{COMPARE_ALL_HREF, COMPARE_ALL_STEP};
use crate::model::embed;
use crate::model::lessons::markup;
use crate::model::lessons::services::side_by_side;
use crate::model::lessons::tutor::{Check, Phase, Tutor, TutorError, speed_index_for};
use crate::model::lessons::{LESSONS, Lesson};
use crate::ui::playground::{Lab, jump_from};
use crate::ui::{LinkProblems, browser};

/// The actions a step's controls need, shared by the list and the open step.
#[derive(Clone, Copy)]
struct Coach {
    lab: Lab,
    tutor: RwSignal<Tutor>,
    notice: RwSignal<Option<String>>,
}

impl Coach {
    fn open(self, index: usize) {
        self.notice.set(None);
        if let Some(link) = self.tutor.try_update(|tutor| tutor.open(index)).flatten() {
            self.lab.load(link);
            browser::reveal_lesson_soon();
        }
    }

    fn run(self) {
        let started = self.lab.replace_with(|playground| {
            self.tutor
                .try_update(|tutor| tutor.start_run(playground))
                .unwrap_or(Err(TutorError::NoLesson))
        });
        match started {
            Some(Ok(run_ms)) => {
                self.notice.set(None);
                if run_ms > 0 && !browser::prefers_reduced_motion() {
                    self.lab.play_until(run_ms, speed_index_for(run_ms));
                } else {
                    self.lab.skip_to(run_ms);
                }
                // Also asked by the clock effect; asking now reveals a 0 s run without a frame.
                self.check();
            }
            Some(Err(error)) => self.notice.set(Some(error.to_string())),
            None => {}
        }
    }

    fn skip(self) {
        if let Some(run_ms) = self.tutor.with_untracked(Tutor::running_ms) {
            self.lab.skip_to(run_ms);
            self.check();
        }
    }

    /// Reveals once the run reaches the question's time; a replaced run goes back to predicting
    /// (the rule is `Tutor::check`'s).
    fn check(self) {
        if self.tutor.with_untracked(Tutor::running_ms).is_none() {
            return;
        }
        let checked = self
            .lab
            .with_playground(|playground| self.tutor.try_update(|tutor| tutor.check(playground)));
        match checked {
            Some(Check::Revealed) => {
                // On a phone the scene steps aside for the answer (it comes back on request).
                self.lab.folded.set(true);
                browser::focus_soon("lesson-answer");
                let told = self.tutor.with_untracked(embed::track_lesson_completed);
                if let Some(message) = told {
                    browser::tell_host(&message);
                }
            }
            Some(Check::Replaced) => self.notice.set(Some(Check::REPLACED_NOTICE.to_owned())),
            _ => {}
        }
    }
}

#[component]
pub fn LessonsView(
    lab: Lab,
    tutor: RwSignal<Tutor>,
    /// What the page's link got wrong about lessons.
    problems: Vec<String>,
    /// The lesson open when this browser last saved progress.
    resume: Option<usize>,
) -> impl IntoView {
    let coach = Coach {
        lab,
        tutor,
        notice: RwSignal::new(None),
    };
    // The lab tells the coach whenever it publishes: a run that reached its time, or one
    // that was replaced, is noticed without an effect.
    lab.watch(Callback::new(move |()| coach.check()));
    // The closing step is done on the compare page, which stores it (`LESSON_DONE_KEY`).
    let closing = RwSignal::new(
        browser::load(crate::ui::compare::LESSON_DONE_KEY).as_deref() == Some("done"),
    );
    let done_count =
        move || tutor.with(|tutor| tutor.progress().count()) + usize::from(closing.get());
    // The open step changes rarely; everything else about the tutor often.
    let open_index = Memo::new(move |_| tutor.with(Tutor::open_index));

    view! {
        <section id="lessons" class="lessons" aria-labelledby="lessons-title">
            <h2 id="lessons-title">"Lessons"</h2>
            <LinkProblems
                id="lesson-problems"
                intro="Part of this link\u{2019}s lesson settings could not be read:"
                problems=problems
            />
            <p id="lesson-progress" class="lesson-progress">
                {move || format!("{} of {} steps done", done_count(), LESSONS.len() + 1)}
            </p>
            <div class="lessons-body">
                // Folded while a step is open, so the step sits next to the scene.
                <details class="lesson-steps" prop:open=move || open_index.get().is_none()>
                    <summary>"All steps"</summary>
                    <StepList coach=coach open_index=open_index closing=closing />
                </details>
                <div class="lesson-actions" hidden=move || open_index.get().is_some()>
                    <button
                        id="lesson-start"
                        type="button"
                        on:click=move |_| coach.open(tutor.with(|tutor| tutor.step_to_continue(resume)))
                    >
                        {move || tutor.with(|tutor| tutor.continue_text(resume))}
                    </button>
                    <button
                        id="lesson-forget"
                        type="button"
                        disabled=move || done_count() == 0
                        on:click=move |_| {
                            // It cannot be undone: ask first.
                            let question = format!("Forget the {} steps done? This cannot be undone.", done_count());
                            if browser::confirm(&question) {
                                tutor.update(Tutor::forget_progress);
                                browser::store(crate::ui::compare::LESSON_DONE_KEY, "");
                                closing.set(false);
                            }
                        }
                    >
                        "Forget my progress"
                    </button>
                </div>
                {move || open_index.get().map(|index| lesson_card(coach, index))}
            </div>
        </section>
    }
}

/// Every step, ticked when done; the open one is the current step.
#[component]
fn StepList(
    coach: Coach,
    open_index: Memo<Option<usize>>,
    closing: RwSignal<bool>,
) -> impl IntoView {
    let tutor = coach.tutor;
    view! {
        <ol class="lesson-list" aria-label="Steps">
            {LESSONS
                .iter()
                .enumerate()
                .map(|(index, lesson)| {
                    view! {
                        <li>
                            <button
                                type="button"
                                class="lesson-step"
                                class:done=move || tutor.with(|tutor| tutor.progress().is_done(index))
                                data-lesson=lesson.id
                                aria-current=move || (open_index.get() == Some(index)).then_some("step")
                                on:click=move |_| coach.open(index)
                            >
                                {format!("{}. {}", index + 1, lesson.title)}
                            </button>
                        </li>
                    }
                })
                .collect_view()}
            <ClosingStep done=closing />
        </ol>
    }
}

/// The closing step, "compare them all", on the compare page (its scene is a comparison, and
/// the compare code stays out of this page's first load); ticked from what that page stored.
#[component]
fn ClosingStep(done: RwSignal<bool>) -> impl IntoView {
    view! {
        <li>
            <a
                class="lesson-step lesson-step-away"
                class:done=done
                href=COMPARE_ALL_HREF
            >
                {COMPARE_ALL_STEP}
            </a>
        </li>
    }
}

/// The open step. Rebuilt when another step opens; its constant text is markup (`markup.rs`),
/// its buttons are handled by one listener per block (`data-go`, `data-close`).
fn lesson_card(coach: Coach, index: usize) -> impl IntoView {
    let lesson: &'static Lesson = &LESSONS[index];
    let tutor = coach.tutor;
    let running = move || tutor.with(Tutor::running_ms).is_some();
    let on_nav = move |event: leptos::ev::MouseEvent| {
        let Some(button) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("button").ok().flatten())
        else {
            return;
        };
        if button.has_attribute("data-close") {
            tutor.update(Tutor::close);
        } else if let Some(go) = button
            .get_attribute("data-go")
            .and_then(|go| go.parse().ok())
        {
            coach.open(go);
        }
    };
    view! {
        <article id="lesson" class="lesson" aria-labelledby="lesson-title">
            <div inner_html=markup::heading(index)></div>
            <fieldset
                id="lesson-question"
                class="lesson-question"
                disabled=running
                inner_html=markup::question(index, lesson)
                on:change=move |event| {
                    if let Ok(choice) = event_target_value(&event).parse::<usize>() {
                        let _ = tutor.try_update(|tutor| tutor.predict(choice));
                        coach.notice.set(None);
                    }
                }
            ></fieldset>
            <div class="lesson-actions">
                <button id="lesson-run" type="button" disabled=running on:click=move |_| coach.run()>
                    "Run the scene"
                </button>
                <button id="lesson-skip" type="button" hidden=move || !running() on:click=move |_| coach.skip()>
                    "Skip to the answer"
                </button>
            </div>
            <p id="lesson-notice" class="notice" role="alert">{move || coach.notice.get()}</p>
            <p id="lesson-status" class="lesson-status" role="status">
                {move || tutor.with(Tutor::running_ms).map(|run_ms| {
                    let now_s = coach.lab.clock.get().now_ms.min(run_ms) / 1000;
                    format!("Running the scene: {now_s} s of {} s of simulated time\u{2026}", run_ms / 1000)
                })}
            </p>
            <div id="lesson-answer" class="lesson-answer" tabindex="-1" aria-live="polite">
                {move || answer(lesson, tutor.with(Tutor::phase)).map(|(shown, why)| view! {
                    <p><strong>"The run shows: "</strong>{shown}</p>
                    <p>{why}</p>
                    // The misconceptions step shows both Services once answered (before, it would
                    // give the answer away); the two runs happen only then.
                    <div inner_html=(lesson.id == "misconceptions").then(|| markup::comparison(&side_by_side()))></div>
                    <p class="lesson-see">
                        {lesson.evidence()}
                    </p>
                    <div
                        inner_html=coach.lab.with_playground(|playground| markup::watch_button(lesson, playground.finding_marks()))
                        on:click=move |event| jump_from(coach.lab, &event)
                    ></div>
                    <p class="try-next"><strong>"Try next: "</strong>{lesson.try_next}</p>
                })}
            </div>
            <div inner_html=markup::footer(index) on:click=on_nav></div>
        </article>
    }
}

/// The revealed answer, and why (or why this run differs from the lesson's), as text.
fn answer(lesson: &'static Lesson, phase: Option<Phase>) -> Option<(String, String)> {
    let Some(Phase::Revealed(reveal)) = phase else {
        return None;
    };
    let verdict = if reveal.predicted == reveal.shown {
        "You predicted that."
    } else {
        "You predicted something else."
    };
    let shown = format!("{}. {verdict}", lesson.question.choices[reveal.shown]);
    // The story's name for it comes first, now that it names what the learner saw.
    let why = if reveal.as_expected {
        format!("{} {}", lesson.named, lesson.question.explain)
    } else {
        "This run went differently from the lesson\u{2019}s because the scene was changed while it ran; run it again to see the lesson\u{2019}s scene as it is.".to_owned()
    };
    Some((shown, why))
}
