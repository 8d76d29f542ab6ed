//! The compare view: two to four lanes fed one request stream (`model::compare`), each with a
//! compact scene and its verdict, a row per client lining up what each lane told it, and faults
//! for one lane or all. A page of its own (compare.html, its own wasm), so the main page's first
//! load does not carry it.

use leptos::prelude::*;

use crate::model::compare::link::CompareLink;
use crate::model::compare::report::rows_html;
use crate::model::compare::{Comparison, LANES_MAX, LANES_MIN};
use crate::model::playground::report::verdict_summary_html;
use crate::model::playground::scene::{Orientation, Scene, markers_svg};
use crate::model::playground::{SPEED_LABELS, SPEEDS, format_seconds, page_query};
use crate::model::sim::snapshot::Frame;
use crate::model::sim::{Command, ScenarioId, Snapshot};
use crate::ui::{LinkProblems, browser};

/// Lanes a comparison opened without (valid) lanes shows: the story's three designs.
const DEFAULT_LANES: [ScenarioId; 3] = [
    ScenarioId::AdderMemory,
    ScenarioId::SharedVolumeLock,
    ScenarioId::StatefulSetHeadless,
];
/// As in the playground: scenes every frame, text four times a second.
const REPORT_INTERVAL_MS: f64 = 250.0;
const FRAME_REAL_MS_MAX: f64 = 100.0;
const DEFAULT_SPEED_INDEX: usize = 2;

/// Handles to the comparison and the signals the view reads; `Copy`.
#[derive(Clone, Copy)]
struct Desk {
    comparison: StoredValue<Comparison>,
    frames: RwSignal<Vec<Frame>>,
    snapshots: RwSignal<Vec<Snapshot>>,
    rows: RwSignal<String>,
    playing: RwSignal<bool>,
    speed_index: RwSignal<usize>,
    now_ms: RwSignal<u64>,
    /// Virtual time not yet run, and real time since the text was refreshed.
    carry: StoredValue<(f64, f64)>,
    notice: RwSignal<Option<String>>,
    /// What the link got wrong when it was read.
    read_problems: StoredValue<Vec<String>>,
    problems: RwSignal<Vec<String>>,
    query: RwSignal<String>,
}

impl Desk {
    fn new(comparison: Comparison, problems: Vec<String>) -> Self {
        let desk = Desk {
            comparison: StoredValue::new(comparison),
            frames: RwSignal::new(Vec::new()),
            snapshots: RwSignal::new(Vec::new()),
            rows: RwSignal::new(String::new()),
            playing: RwSignal::new(!browser::prefers_reduced_motion()),
            speed_index: RwSignal::new(DEFAULT_SPEED_INDEX),
            now_ms: RwSignal::new(0),
            carry: StoredValue::new((0.0, 0.0)),
            notice: RwSignal::new(None),
            problems: RwSignal::new(problems.clone()),
            read_problems: StoredValue::new(problems),
            query: RwSignal::new(String::new()),
        };
        desk.publish();
        desk
    }

    /// Every lane's snapshot, the rows, the clock and the link.
    fn publish(&self) {
        self.comparison.with_value(|comparison| {
            let lanes = comparison.lanes();
            self.snapshots
                .set(lanes.iter().map(|lane| lane.world().snapshot()).collect());
            self.frames
                .set(lanes.iter().map(|lane| lane.world().frame()).collect());
            self.rows.set(rows_html(&comparison.rows()));
            self.now_ms.set(comparison.now_ms());
            let query = comparison.link().to_query();
            if self.query.with_untracked(|current| *current != query) {
                self.query.set(query);
            }
            // What the link got wrong when read, then what its replay could not apply.
            let replayed = comparison.problems();
            let shown = self.read_problems.with_value(Vec::len) + replayed.len();
            if self.problems.with_untracked(Vec::len) != shown {
                let mut problems = self.read_problems.get_value();
                problems.extend(replayed.iter().map(|problem| problem.0.clone()));
                self.problems.set(problems);
            }
        });
        self.carry.update_value(|carry| carry.1 = 0.0);
    }

    fn frame(&self, elapsed_ms: f64) {
        if !self.playing.get_untracked() || !elapsed_ms.is_finite() || elapsed_ms <= 0.0 {
            return;
        }
        let speed = SPEEDS[self.speed_index.get_untracked()];
        let (carry, since) = self.carry.get_value();
        let carry = carry + elapsed_ms.min(FRAME_REAL_MS_MAX) * speed;
        let whole_ms = carry.floor();
        self.carry.set_value((carry - whole_ms, since + elapsed_ms));
        self.comparison.update_value(|comparison| {
            comparison.advance_to(comparison.now_ms() + whole_ms as u64);
        });
        if since + elapsed_ms >= REPORT_INTERVAL_MS {
            self.publish();
        } else {
            self.comparison.with_value(|comparison| {
                self.frames.set(
                    comparison
                        .lanes()
                        .iter()
                        .map(|lane| lane.world().frame())
                        .collect(),
                );
            });
        }
    }

    /// One virtual second on, paused (exact steps: a link replays to the same moment).
    fn step_second(&self) {
        self.playing.set(false);
        self.comparison.update_value(|comparison| {
            comparison.advance_to(comparison.now_ms() + 1_000);
        });
        self.publish();
    }

    fn act(&self, lane: Option<usize>, command: Command) {
        let result = self
            .comparison
            .try_update_value(|comparison| comparison.act(lane, command));
        match result {
            Some(Err(error)) => self.notice.set(Some(error.to_string())),
            _ => self.notice.set(None),
        }
        self.publish();
    }

    /// "Delete the pod Alice last reached", in one lane or each: each lane resolves its own pod.
    fn delete_last_reached(&self, lane: Option<usize>, client: usize) {
        let lanes = self
            .comparison
            .with_value(|comparison| comparison.lanes().len());
        let chosen: Vec<usize> = lane.map_or_else(|| (0..lanes).collect(), |lane| vec![lane]);
        for index in chosen {
            let pod = self
                .comparison
                .with_value(|comparison| comparison.lanes()[index].last_reached(client));
            match pod {
                Some(name) => self.act(Some(index), Command::DeletePod { name }),
                None => self.notice.set(Some(format!(
                    "Lane {}: no request of this client has been answered yet.",
                    index + 1
                ))),
            }
        }
    }

    fn replace(&self, scenarios: Vec<ScenarioId>) {
        let seed = self
            .comparison
            .with_value(|comparison| comparison.link().seed);
        match Comparison::new(&scenarios, seed) {
            Ok(comparison) => {
                self.comparison.set_value(comparison);
                self.carry.set_value((0.0, 0.0));
                self.notice.set(None);
                self.publish();
            }
            Err(error) => self.notice.set(Some(error.to_string())),
        }
    }

    fn scenarios(&self) -> Vec<ScenarioId> {
        self.comparison
            .with_value(|comparison| comparison.link().scenarios.clone())
    }
}

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
    let desk = Desk::new(comparison, problems);
    Effect::new(move |_| {
        let query = desk.query.get();
        browser::replace_query(&page_query(&browser::query(), &[&query]));
    });
    let frames = browser::frame_loop(move |elapsed_ms| desk.frame(elapsed_ms));
    on_cleanup(move || drop(frames));
    let lane_count = Memo::new(move |_| desk.snapshots.with(Vec::len));
    let names = ["Alice", "Bob", "Carol"];
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
                <span class="clock">{move || format!("t = {}", format_seconds(desk.now_ms.get()))}</span>
            </div>
            <p id="compare-notice" class="notice" role="alert">{move || desk.notice.get()}</p>
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
                    "Every lane: delete the pod this client last reached"
                </button>
                <button id="compare-fail-all" type="button" on:click=move |_| desk.act(None, Command::FailNode { node: "node-2".into() })>
                    "Every lane: fail node-2"
                </button>
                <button id="compare-recover-all" type="button" on:click=move |_| desk.act(None, Command::RecoverNode { node: "node-2".into() })>
                    "Every lane: recover node-2"
                </button>
            </div>
            <div class="lanes" style=move || format!("--lanes:{}", lane_count.get())>
                {move || (0..lane_count.get()).map(|index| lane_view(desk, index, client)).collect_view()}
            </div>
            <LaneChoice desk=desk />
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
        </main>
        <footer class="site-footer">
            <p>"Everything runs in your browser; nothing is sent anywhere."</p>
        </footer>
    }
}

/// One lane: its title, its scene (the narrow layout), its verdict and its own faults.
fn lane_view(desk: Desk, index: usize, client: RwSignal<usize>) -> impl IntoView {
    let scenario = move || {
        desk.snapshots
            .with(|snapshots| snapshots.get(index).map(|s| s.frame.scenario))
    };
    let scene = Memo::new(move |_| {
        desk.snapshots.with(|snapshots| {
            snapshots
                .get(index)
                .map(|s| Scene::layout_for(&s.frame, Orientation::Narrow))
        })
    });
    let shapes = move || scene.with(|scene| scene.as_ref().map(Scene::shapes_svg));
    let markers = move || {
        desk.frames.with(|frames| {
            frames
                .get(index)
                .map(|frame| markers_svg(&Scene::layout_for(frame, Orientation::Narrow).markers))
        })
    };
    let size =
        move || scene.with(|scene| scene.as_ref().map_or((440, 300), |s| (s.width, s.height)));
    let verdict = move || {
        desk.snapshots
            .with(|snapshots| snapshots.get(index).map(verdict_summary_html))
    };
    let bad = move || {
        desk.snapshots
            .with(|snapshots| snapshots.get(index).is_some_and(|s| s.findings_total != 0))
    };
    view! {
        <section class="lane" data-lane=index aria-labelledby=format!("lane-title-{index}")>
            <h2 id=format!("lane-title-{index}")>
                {move || format!("Lane {}: {}", index + 1, scenario().map_or("", ScenarioId::title))}
            </h2>
            <svg
                class="scene-svg scene-narrow lane-scene"
                viewBox=move || { let (w, h) = size(); format!("0 0 {w} {h}") }
                role="img"
                aria-label=move || format!("Lane {}: the simulated cluster", index + 1)
            >
                <g class="shapes" inner_html=shapes></g>
                <g class="markers" aria-hidden="true" inner_html=markers></g>
            </svg>
            <div class="verdict" class:verdict-bad=bad role="status" inner_html=verdict></div>
            <div class="lane-faults">
                <button type="button" class="lane-delete" on:click=move |_| desk.delete_last_reached(Some(index), client.get_untracked())>
                    "Delete the pod this client last reached"
                </button>
                <button type="button" class="lane-fail" on:click=move |_| desk.act(Some(index), Command::FailNode { node: "node-2".into() })>
                    "Fail node-2"
                </button>
            </div>
        </section>
    }
}

/// Which scenario runs in each lane; changing them starts the comparison again.
#[component]
fn LaneChoice(desk: Desk) -> impl IntoView {
    let chosen = RwSignal::new(desk.scenarios());
    let full = move || chosen.with(Vec::len) >= LANES_MAX;
    let fewest = move || chosen.with(Vec::len) <= LANES_MIN;
    let apply = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        desk.replace(chosen.get_untracked());
    };
    view! {
        <form class="lane-choice" on:submit=apply>
            <fieldset>
                <legend>"Lanes (changing them starts again)"</legend>
                {move || chosen.get().into_iter().enumerate().map(|(index, scenario)| view! {
                    <label>
                        {format!("Lane {} ", index + 1)}
                        <select class="lane-select" on:change=move |event| {
                            if let Ok(picked) = ScenarioId::parse(&event_target_value(&event)) {
                                chosen.update(|lanes| lanes[index] = picked);
                            }
                        }>
                            {ScenarioId::ALL.into_iter().map(|option| view! {
                                <option value=option.slug() selected=option == scenario>{option.title()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                }).collect_view()}
                <button id="lane-add" type="button" disabled=full
                    on:click=move |_| chosen.update(|lanes| lanes.push(ScenarioId::ThreeTier))>
                    "Add a lane"
                </button>
                <button id="lane-remove" type="button" disabled=fewest
                    on:click=move |_| chosen.update(|lanes| { lanes.pop(); })>
                    "Remove the last lane"
                </button>
                <button id="lanes-apply" type="submit">"Compare these"</button>
            </fieldset>
        </form>
    }
}
