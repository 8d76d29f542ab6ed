//! One lane of the compare page (its compact scene, verdict and own faults) and the form that
//! chooses the lanes.

use leptos::prelude::*;

use super::desk::Desk;
use crate::model::compare::{LANES_MAX, LANES_MIN};
use crate::model::playground::report::{lane_request_rows_html, verdict_summary_html};
use crate::model::playground::scene::{Scene, WIDE_FROM_PX, markers_svg};
use crate::model::sim::{Command, ScenarioId};
use crate::ui::browser;
use crate::ui::playground::RequestLogHead;

/// One lane: its title, its scene (the narrow layout), its verdict and its own faults.
pub fn lane_view(desk: Desk, index: usize, client: RwSignal<usize>) -> impl IntoView {
    let snapshot = desk.snapshots[index];
    let scenario = move || snapshot.with(|s| s.as_ref().map(|s| s.frame.scenario));
    // Laid out for the lane's width (the narrow layout: lanes are at most a phone wide).
    let box_px = browser::box_width_px(format!("lane-scene-{index}"), 380);
    let scene = Memo::new(move |_| {
        let box_px = box_px.get().min(WIDE_FROM_PX - 1);
        snapshot.with(|s| s.as_ref().map(|s| Scene::layout_in(&s.frame, box_px)))
    });
    let shapes = move || scene.with(|scene| scene.as_ref().map(Scene::shapes_svg));
    // Laid out from each frame: measured faster here than placing the markers on the last
    // refresh's layout as the playground does (`compare-frame-time.mjs`: p95 4.6 vs 6.4 ms),
    // since a lane's refresh would then redraw its markers a second time in that frame.
    let markers = move || {
        desk.frames[index].with(|frame| {
            frame.as_ref().map(|frame| {
                let box_px = box_px.get_untracked().min(WIDE_FROM_PX - 1);
                markers_svg(&Scene::layout_in(frame, box_px).markers)
            })
        })
    };
    let size =
        move || scene.with(|scene| scene.as_ref().map_or((440, 300), |s| (s.width, s.height)));
    let client_name = move || {
        snapshot.with(|s| {
            s.as_ref()
                .and_then(|s| s.clients.get(client.get()))
                .map_or("this client", |c| c.name)
        })
    };
    // Built only while open: a lane's log is read on demand, not redrawn four times a second.
    let log_open = RwSignal::new(false);
    let log = move || {
        log_open
            .get()
            .then(|| snapshot.with(|s| s.as_ref().map(lane_request_rows_html)))
            .flatten()
    };
    let verdict = move || snapshot.with(|s| s.as_ref().map(verdict_summary_html));
    let bad = move || snapshot.with(|s| s.as_ref().is_some_and(|s| s.findings_total != 0));
    view! {
        <section class="lane" data-lane=index aria-labelledby=format!("lane-title-{index}")>
            <h2 id=format!("lane-title-{index}")>
                {move || format!("Lane {}: {}", index + 1, scenario().map_or("", ScenarioId::title))}
            </h2>
            <svg
                id=format!("lane-scene-{index}")
                class=move || {
                    let class = scene.with(|scene| scene.as_ref().map(Scene::svg_class));
                    format!("{} lane-scene", class.unwrap_or("scene-svg scene-narrow"))
                }
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
                    {move || format!("Delete the pod {} last reached", client_name())}
                </button>
                <button type="button" class="lane-fail" on:click=move |_| { desk.act(Some(index), Command::FailNode { node: "node-2".into() }); }>
                    "Fail node-2"
                </button>
            </div>
            <details class="lane-log" on:toggle=move |event| log_open.set(event_target::<web_sys::HtmlDetailsElement>(&event).open())>
                <summary>"Latest answered requests"</summary>
                // Focusable, like every region that may scroll, so the keyboard can scroll it.
                <div class="log-frame" tabindex="0" role="region" aria-label=format!("Lane {}: request log", index + 1)>
                    <table class="request-log">
                        <RequestLogHead />
                        <tbody inner_html=log></tbody>
                    </table>
                </div>
            </details>
        </section>
    }
}

/// Which scenario runs in each lane; changing them starts the comparison again.
#[component]
pub fn LaneChoice(desk: Desk) -> impl IntoView {
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
