//! The lesson track's closing step on the compare page (`?lesson=compare-all`): predict, run
//! the story's three designs on one stream, and read the answer off the comparison
//! (`model::compare::lesson`). Done is remembered in localStorage, where the main page's step
//! list reads it.

use leptos::prelude::*;

use super::desk::Desk;
use crate::model::compare::lesson::{COMPARE_ALL, CompareTutor, LessonPhase};
use crate::model::embed;
use crate::model::lessons::tutor::speed_index_for;
use crate::ui::browser;

/// localStorage key the main page's step list reads to tick the closing step.
pub const DONE_KEY: &str = "adder-lab-compare-all";

/// True when the page's query opens the closing step.
pub fn asked_for(query: &str) -> bool {
    query
        .trim_start_matches('?')
        .split('&')
        .any(|pair| pair == format!("lesson={}", COMPARE_ALL.id))
}

#[component]
pub fn CompareLessonCard(desk: Desk) -> impl IntoView {
    let lesson = &COMPARE_ALL;
    let tutor = RwSignal::new(CompareTutor::default());
    let notice = RwSignal::new(None::<String>);
    let started = StoredValue::new(0u64);
    let running = move || tutor.with(|t| t.phase() == LessonPhase::Running);
    let run = move |_| match tutor.try_update(CompareTutor::start_run) {
        Some(Ok(comparison)) => {
            notice.set(None);
            desk.speed_index.set(speed_index_for(lesson.run_ms));
            desk.load(comparison, Some(lesson.run_ms));
            started.set_value(desk.generation.get_untracked());
            desk.playing.set(true);
            // On a narrow screen the lanes are below the card: bring them up to watch the run.
            browser::scroll_into_view_soon("lanes");
        }
        Some(Err(error)) => notice.set(Some(error.to_string())),
        None => {}
    };
    // Watches the run: reveals at its time, or goes back to predicting if the lanes were
    // replaced before it ended.
    Effect::new(move |_| {
        desk.now_ms.track();
        let generation = desk.generation.get();
        if !tutor.with_untracked(|t| t.phase() == LessonPhase::Running) {
            return;
        }
        if generation != started.get_value() {
            tutor.update(CompareTutor::abandon_run);
            notice.set(Some(
                "The lanes were replaced before the run ended; run it again to see the answer."
                    .to_owned(),
            ));
            return;
        }
        let revealed =
            desk.with(|comparison| tutor.try_update(|t| t.check(comparison)).unwrap_or(false));
        if revealed {
            browser::store(DONE_KEY, "done");
            browser::focus_soon("compare-lesson-answer");
            if let Some(message) = tutor.with_untracked(embed::closing_step_completed) {
                browser::tell_host(&message);
            }
        }
    });
    let status = move || {
        running().then(|| {
            format!(
                "Running the comparison: {} s of {} s of simulated time\u{2026}",
                desk.now_ms.get().min(lesson.run_ms) / 1000,
                lesson.run_ms / 1000
            )
        })
    };
    let answer = move || match tutor.with(CompareTutor::phase) {
        LessonPhase::Revealed { predicted, shown } => Some(view! {
            <p><strong>"The run shows: "</strong>{lesson.choices[shown]}</p>
            <p>
                {if predicted == shown {
                    "You predicted this.".to_owned()
                } else {
                    format!("You predicted: {}.", lesson.choices[predicted])
                }}
            </p>
            <p>{(shown == lesson.expected).then_some(lesson.explain)}</p>
            <p>
                {(shown != lesson.expected).then_some(
                    "This run came out differently from the story\u{2019}s: something was changed during it. Run it again unchanged to see the story\u{2019}s answer.",
                )}
            </p>
            <p class="try-next"><strong>"Try next: "</strong>{lesson.try_next}</p>
        }),
        _ => None,
    };
    view! {
        <article id="compare-lesson" class="lesson" aria-labelledby="compare-lesson-title">
            <h2 id="compare-lesson-title">{format!("Step {0} of {0}: {1}", crate::model::lessons::markup::STEPS, lesson.title)}</h2>
            <p>{lesson.text}</p>
            <fieldset id="compare-lesson-question" class="lesson-question" disabled=running
                on:change=move |event| {
                    if let Ok(choice) = event_target_value(&event).parse::<usize>() {
                        let _ = tutor.try_update(|t| t.predict(choice));
                        notice.set(None);
                    }
                }
            >
                <legend>{lesson.prompt}</legend>
                {lesson.choices.iter().enumerate().map(|(index, choice)| view! {
                    <label class="choice">
                        <input type="radio" name="compare-lesson-choice" value=index.to_string() />
                        " "{*choice}
                    </label>
                }).collect_view()}
            </fieldset>
            <div class="lesson-actions">
                <button id="compare-lesson-run" type="button" disabled=running on:click=run>
                    "Run the comparison"
                </button>
                <button id="compare-lesson-skip" type="button" hidden=move || !running()
                    on:click=move |_| desk.run_to(lesson.run_ms)>
                    "Skip to the answer"
                </button>
            </div>
            <p id="compare-lesson-notice" class="notice" role="alert">{move || notice.get()}</p>
            <p id="compare-lesson-status" class="lesson-status" role="status">{status}</p>
            <div id="compare-lesson-answer" class="lesson-answer" tabindex="-1" aria-live="polite">{answer}</div>
        </article>
    }
}
