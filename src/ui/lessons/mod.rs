//! The lesson track: the list of steps with progress, and the open step's predict → run →
//! reveal cycle played in the playground below. The rules live in `model::lessons`.

mod comparison;

use leptos::prelude::*;

use crate::model::lessons::LESSONS;
use crate::model::lessons::tutor::{Phase, Reveal, Tutor, speed_index_for};
use crate::ui::browser;
use crate::ui::playground::Lab;

#[component]
pub fn LessonsView(
    lab: Lab,
    tutor: RwSignal<Tutor>,
    /// What the page's link got wrong about lessons.
    problems: Vec<String>,
    /// The lesson open when this browser last saved progress.
    resume: Option<usize>,
) -> impl IntoView {
    // The generation of the run a lesson started, to notice when it is replaced.
    let run_generation = StoredValue::new(0u64);
    let notice = RwSignal::new(None::<String>);

    // Reveals once the run reaches the question's time; a replaced run goes back to predicting.
    let check_run = move || {
        if !matches!(
            tutor.with_untracked(Tutor::phase),
            Some(Phase::Running { .. })
        ) {
            return;
        }
        if lab.generation() != run_generation.get_value() {
            tutor.update(Tutor::abandon_run);
            notice.set(Some(
                "The scene was replaced before the run ended; press \u{201c}Run the scene\u{201d} to start it again.".to_owned(),
            ));
            return;
        }
        let revealed = lab.with_world(|world| {
            tutor
                .try_update(|tutor| tutor.finish(world))
                .unwrap_or(false)
        });
        if revealed {
            browser::focus("lesson-answer");
        }
    };
    Effect::new(move |_| {
        lab.clock.track();
        check_run();
    });

    let open = move |index: usize| {
        notice.set(None);
        if let Some(link) = tutor.try_update(|tutor| tutor.open(index)).flatten() {
            lab.load(link);
            browser::focus("lesson-title");
        }
    };
    let run = move || match tutor.try_update(Tutor::start_run) {
        Some(Ok(run_ms)) => {
            notice.set(None);
            let Some(lesson) = tutor.with_untracked(Tutor::lesson) else {
                return;
            };
            lab.load(lesson.link());
            run_generation.set_value(lab.generation());
            let animate = run_ms > 0 && !browser::prefers_reduced_motion();
            lab.play_until(run_ms, speed_index_for(run_ms), animate);
            check_run();
        }
        Some(Err(error)) => notice.set(Some(error.to_string())),
        None => {}
    };
    let skip = move || {
        if let Some(Phase::Running { run_ms }) = tutor.with_untracked(Tutor::phase) {
            lab.skip_to(run_ms);
            check_run();
        }
    };

    let open_index = Memo::new(move |_| tutor.with(Tutor::open_index));
    let done_count = Memo::new(move |_| tutor.with(|tutor| tutor.progress().count()));

    view! {
        <section id="lessons" class="lessons" aria-labelledby="lessons-title">
            <h2 id="lessons-title">"Lessons"</h2>
            {(!problems.is_empty())
                .then(|| {
                    view! {
                        <div id="lesson-problems" class="notice" role="alert">
                            <p>"Part of this link\u{2019}s lesson settings could not be read:"</p>
                            <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                        </div>
                    }
                })}
            <p id="lesson-progress" class="lesson-progress">
                {move || format!("{} of {} steps done", done_count.get(), LESSONS.len())}
            </p>
            <ol class="lesson-list" aria-label="Steps">
                {LESSONS
                    .iter()
                    .enumerate()
                    .map(|(index, lesson)| {
                        let done = move || tutor.with(|tutor| tutor.progress().is_done(index));
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="lesson-step"
                                    data-lesson=lesson.id
                                    aria-current=move || (open_index.get() == Some(index)).then_some("step")
                                    on:click=move |_| open(index)
                                >
                                    {format!("{}. {}", index + 1, lesson.title)}
                                    <span class="lesson-done" aria-hidden="true">
                                        {move || if done() { " \u{2713}" } else { "" }}
                                    </span>
                                    <span class="visually-hidden">{move || if done() { " (done)" } else { "" }}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <Show
                when=move || open_index.get().is_some()
                fallback=move || {
                    let start = move || resume
                        .filter(|_| done_count.get() < LESSONS.len())
                        .unwrap_or_else(|| tutor.with(|tutor| tutor.progress().next_lesson()));
                    view! {
                        <div class="lesson-actions">
                            <button id="lesson-start" type="button" on:click=move |_| open(start())>
                                {move || {
                                    let index = start();
                                    let verb = if done_count.get() == 0 { "Start with" } else { "Continue with" };
                                    format!("{verb} step {}: {}", index + 1, LESSONS[index].title)
                                }}
                            </button>
                            <button
                                id="lesson-forget"
                                type="button"
                                disabled=move || done_count.get() == 0
                                on:click=move |_| tutor.update(Tutor::forget_progress)
                            >
                                "Forget my progress"
                            </button>
                        </div>
                    }
                }
            >
                <LessonCard lab=lab tutor=tutor notice=notice open=open run=run skip=skip />
            </Show>
        </section>
    }
}

#[component]
fn LessonCard(
    lab: Lab,
    tutor: RwSignal<Tutor>,
    notice: RwSignal<Option<String>>,
    open: impl Fn(usize) + Copy + Send + Sync + 'static,
    run: impl Fn() + Copy + Send + Sync + 'static,
    skip: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let index = Memo::new(move |_| tutor.with(Tutor::open_index).unwrap_or(0));
    let phase = Memo::new(move |_| tutor.with(Tutor::phase));
    let prediction = Memo::new(move |_| tutor.with(Tutor::prediction));
    let lesson = move || &LESSONS[index.get()];
    let running_ms = move || match phase.get() {
        Some(Phase::Running { run_ms }) => Some(run_ms),
        _ => None,
    };

    view! {
        <article id="lesson" class="lesson" aria-labelledby="lesson-title">
            <h3 id="lesson-title" tabindex="-1">
                {move || format!("Step {} of {}: {}", index.get() + 1, LESSONS.len(), lesson().title)}
            </h3>
            <p id="lesson-text">{move || lesson().text}</p>
            {move || (lesson().id == "misconceptions").then(comparison::service_comparison)}
            <fieldset id="lesson-question" class="lesson-question" disabled=move || running_ms().is_some()>
                <legend>
                    <strong>"Predict: "</strong>
                    {move || lesson().question.prompt}
                </legend>
                {move || {
                    let lesson_index = index.get();
                    lesson()
                        .question
                        .choices
                        .iter()
                        .enumerate()
                        .map(|(choice, text)| {
                            let id = format!("choice-{lesson_index}-{choice}");
                            view! {
                                <div class="choice">
                                    <input
                                        type="radio"
                                        name="lesson-choice"
                                        id=id.clone()
                                        value=choice.to_string()
                                        prop:checked=move || prediction.get() == Some(choice)
                                        on:change=move |_| {
                                            let _ = tutor.try_update(|tutor| tutor.predict(choice));
                                            notice.set(None);
                                        }
                                    />
                                    <label for=id>{*text}</label>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
            <div class="lesson-actions">
                <button id="lesson-run" type="button" disabled=move || running_ms().is_some() on:click=move |_| run()>
                    {move || if matches!(phase.get(), Some(Phase::Revealed(_))) { "Run it again" } else { "Run the scene" }}
                </button>
                <Show when=move || running_ms().is_some()>
                    <button id="lesson-skip" type="button" on:click=move |_| skip()>
                        "Skip to the answer"
                    </button>
                </Show>
            </div>
            <p id="lesson-notice" class="notice" role="alert">{move || notice.get()}</p>
            <p id="lesson-status" class="lesson-status" role="status">
                {move || running_ms().map(|run_ms| {
                    let now_s = lab.clock.get().now_ms.min(run_ms) / 1000;
                    format!("Running the scene below: {now_s} s of {} s of simulated time\u{2026}", run_ms / 1000)
                })}
            </p>
            <div id="lesson-answer" class="lesson-answer" tabindex="-1" aria-live="polite">
                {move || match phase.get() {
                    Some(Phase::Revealed(reveal)) => Some(answer(lesson().question.choices, reveal, lesson().question.explain)),
                    _ => None,
                }}
            </div>
            <p class="try-next">
                <strong>"Try next: "</strong>
                {move || lesson().try_next}
            </p>
            <nav class="lesson-nav" aria-label="Lesson steps">
                <button
                    id="lesson-prev"
                    type="button"
                    disabled=move || index.get() == 0
                    on:click=move |_| open(index.get_untracked().saturating_sub(1))
                >
                    "Previous step"
                </button>
                <button
                    id="lesson-next"
                    type="button"
                    disabled=move || index.get() + 1 == LESSONS.len()
                    on:click=move |_| open(index.get_untracked() + 1)
                >
                    "Next step"
                </button>
                <button id="lesson-close" type="button" on:click=move |_| tutor.update(Tutor::close)>
                    "Leave the lessons"
                </button>
            </nav>
        </article>
    }
}

fn answer(
    choices: &'static [&'static str],
    reveal: Reveal,
    explain: &'static str,
) -> impl IntoView {
    let verdict = if reveal.predicted == reveal.shown {
        "You predicted that."
    } else {
        "You predicted something else."
    };
    view! {
        <p>
            <strong>"The run shows: "</strong>
            {choices[reveal.shown]}
            ". "
            {verdict}
        </p>
        <p>
            {if reveal.as_expected {
                explain
            } else {
                "This run went differently from the lesson\u{2019}s because the scene was changed while it ran; run it again to see the lesson\u{2019}s scene as it is."
            }}
        </p>
        <p class="lesson-see">"The verdict, the events and the request log below show how it happened."</p>
    }
}
