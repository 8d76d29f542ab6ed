//! The compare view: two to four lanes fed one request stream (`model::compare`), each with a
//! compact scene and its verdict, a row per client lining up what each lane told it, faults for
//! one lane or all, the stream's rate, and one timeline for every lane. A page of its own
//! (compare.html, its own wasm), so the main page's first load does not carry it.

mod desk;
mod lane;
mod lesson;
mod timeline;

use leptos::prelude::*;

use crate::model::compare::Comparison;
use crate::model::compare::lesson::COMPARE_ALL;
use crate::model::compare::link::CompareLink;
use crate::model::playground::{SPEED_LABELS, SPEEDS, format_seconds, page_query};
use crate::model::sim::{Command, ScenarioId};
use crate::ui::{CopyButton, LinkProblems, browser};
use desk::Desk;
use lane::{LaneChoice, lane_view};
use lesson::CompareLessonCard;
pub use lesson::DONE_KEY as LESSON_DONE_KEY;
use timeline::CompareTimeline;

/// Lanes a comparison opened without (valid) lanes shows: the story's three designs.
const DEFAULT_LANES: [ScenarioId; 3] = [
    ScenarioId::AdderMemory,
    ScenarioId::SharedVolumeLock,
    ScenarioId::StatefulSetHeadless,
];
/// The stream's rates the page offers, per client per minute, and how they read.
const RATES: [(u32, &str); 5] = [
    (0, "none (paused)"),
    (20, "20 a minute (the scenarios\u{2019} default)"),
    (60, "1 a second"),
    (600, "10 a second"),
    (4_000, "67 a second (200 a second in all)"),
];

#[component]
pub fn CompareApp() -> impl IntoView {
    let (comparison, problems) = match CompareLink::parse(&browser::query()) {
        Ok((link, problems)) => (
            Comparison::from_link(link).ok(),
            problems.into_iter().map(|p| p.0).collect(),
        ),
        Err(problem) => (
            None,
            vec![format!(
                "{} Showing the story\u{2019}s three designs instead.",
                problem.0
            )],
        ),
    };
    let comparison = comparison
        .unwrap_or_else(|| Comparison::new(&DEFAULT_LANES, 1).expect("three lanes are allowed"));
    let in_lesson = lesson::asked_for(&browser::query());
    let desk = Desk::new(comparison, problems);
    if in_lesson {
        // Nothing plays before the learner has predicted.
        desk.playing.set(false);
    }
    Effect::new(move |_| {
        let query = desk.query.get();
        let lesson = format!("lesson={}", COMPARE_ALL.id);
        let parts: &[&str] = if in_lesson {
            &[&query, &lesson]
        } else {
            &[&query]
        };
        browser::replace_query(&page_query(&browser::query(), parts));
    });
    let frames = browser::frame_loop(move |elapsed_ms| desk.frame(elapsed_ms));
    on_cleanup(move || drop(frames));
    let lane_count = desk.lane_count;
    let client = RwSignal::new(0usize);

    view! {
        <a class="skip-link" href="#main">"Skip to the comparison"</a>
        <header class="site-header">
            <h1>"Adder Lab: side by side"</h1>
            <p class="tagline">
                "The same requests go to every lane: one stream, from one seed, in which Alice, Bob and Carol send the same numbers at the same moments. Each lane routes, schedules and names its pods with its own randomness."
            </p>
            <p class="tagline"><a href="../">"Back to the lab"</a></p>
        </header>
        <main id="main" class="compare" tabindex="-1">
            <LinkProblems id="compare-problems" intro="This comparison\u{2019}s link could not be read completely:" problems=desk.problems />
            <div class="compare-side">
                {in_lesson.then(|| view! { <CompareLessonCard desk=desk /> })}
                <RunControls desk=desk />
                <p id="compare-notice" class="notice" role="alert">{move || desk.notice.get()}</p>
                <CompareTimeline desk=desk />
                <StreamAndFaults desk=desk client=client />
            </div>
            <div class="compare-stage">
                <p id="lanes" class="lanes-clock" aria-hidden="true">{move || format!("Every lane at t = {}", format_seconds(desk.now_ms.get()))}</p>
                <div class="lanes" style=move || format!("--lanes:{}", lane_count.get())>
                    {move || (0..lane_count.get()).map(|index| lane_view(desk, index, client)).collect_view()}
                </div>
                <table id="compare-rows" class="compare-rows">
                    <caption>"What each client was told last, lane by lane"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Client"</th>
                            {move || (0..lane_count.get()).map(|index| view! { <th scope="col">{format!("Lane {}", index + 1)}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody inner_html=move || desk.rows.get()></tbody>
                </table>
                <LaneChoice desk=desk />
            </div>
        </main>
        <footer class="site-footer">
            <p>"Everything runs in your browser; nothing is sent anywhere."</p>
        </footer>
    }
}

/// Play, one exact second, speed, the clock and the page's link.
#[component]
fn RunControls(desk: Desk) -> impl IntoView {
    view! {
        <div class="run-controls" role="group" aria-label="Run">
            <button id="compare-play" type="button" aria-pressed=move || desk.playing.get().to_string() on:click=move |_| desk.playing.update(|playing| *playing = !*playing)>
                {move || if desk.playing.get() { "Pause" } else { "Play" }}
            </button>
            <button id="compare-step" type="button" on:click=move |_| desk.step_second()>"One second \u{25b6}"</button>
            <label for="compare-speed">"Speed"</label>
            <select id="compare-speed" on:change=move |event| {
                if let Ok(index) = event_target_value(&event).parse::<usize>() {
                    desk.speed_index.set(index.min(SPEEDS.len() - 1));
                }
            }>
                {SPEED_LABELS.iter().enumerate().map(|(index, label)| view! {
                    <option value=index.to_string() selected=move || desk.speed_index.get() == index>{*label}</option>
                }).collect_view()}
            </select>
            <CopyButton
                id="compare-copy-link"
                label="Copy link"
                done="Link copied"
                refused="The browser did not let the page copy the link; copy it from the address bar."
                text=Signal::derive(browser::href)
                notice=desk.notice
            />
            <span class="clock" aria-live="off">{move || format!("t = {}", format_seconds(desk.now_ms.get()))}</span>
        </div>
    }
}

/// The shared stream's rate, and faults for every lane at once (each lane has its own too).
#[component]
fn StreamAndFaults(desk: Desk, client: RwSignal<usize>) -> impl IntoView {
    let names = ["Alice", "Bob", "Carol"];
    view! {
        <div class="compare-stream" role="group" aria-label="The shared stream">
            <label for="compare-rate">"Each client sends"</label>
            <select id="compare-rate" on:change=move |event| {
                if let Ok(per_minute) = event_target_value(&event).parse::<u32>() {
                    desk.set_rate(per_minute);
                }
            }>
                {RATES.iter().map(|(per_minute, label)| {
                    let per_minute = *per_minute;
                    view! {
                        <option value=per_minute.to_string() selected=move || desk.rate_per_minute.get() == per_minute>{*label}</option>
                    }
                }).collect_view()}
            </select>
            <span class="small">"in every lane: the stream is one."</span>
        </div>
        <div class="compare-faults" role="group" aria-label="Faults in every lane">
            <label for="compare-client">"Client"</label>
            <select id="compare-client" on:change=move |event| {
                if let Ok(index) = event_target_value(&event).parse::<usize>() {
                    client.set(index);
                }
            }>
                {names.iter().enumerate().map(|(index, name)| view! { <option value=index.to_string()>{*name}</option> }).collect_view()}
            </select>
            <button id="compare-delete-all" type="button" on:click=move |_| desk.delete_last_reached(None, client.get_untracked())>
                {move || format!("Every lane: delete the pod {} last reached", names[client.get()])}
            </button>
            <button id="compare-fail-all" type="button" on:click=move |_| { desk.act(None, Command::FailNode { node: "node-2".into() }); }>
                "Every lane: fail node-2"
            </button>
            <button id="compare-recover-all" type="button" on:click=move |_| { desk.act(None, Command::RecoverNode { node: "node-2".into() }); }>
                "Every lane: recover node-2"
            </button>
            <button id="compare-restart-all" type="button" on:click=move |_| { desk.act(None, Command::RollOut); }>
                "Every lane: kubectl rollout restart"
            </button>
        </div>
    }
}
