//! The time machine under the scene: a slider over the whole branch, the marks of its actions
//! and findings, and buttons to go from mark to mark. Every move pauses the run and rebuilds the
//! moment from the model's checkpoints (`Playground::seek_ms`).

use leptos::prelude::*;

use super::report::jump_from;
use super::state::Lab;
use crate::model::playground::format_seconds;

#[component]
pub fn TimelineView(lab: Lab) -> impl IntoView {
    let clock = lab.clock;
    let end_ms = Memo::new(move |_| clock.get().end_ms);
    let now_ms = Memo::new(move |_| clock.get().now_ms);
    let past = Memo::new(move |_| clock.get().past);
    // The clock changes every frame; Play's label only when playing starts or stops.
    let playing = Memo::new(move |_| clock.get().playing);
    let at_end = move || now_ms.get() >= end_ms.get();
    let status = move || {
        if let Some(note) = lab.branch_note.get() {
            return note;
        }
        if !past.get() {
            return String::new();
        }
        format!(
            "Back in time at {} of {}. Play to watch what happened next again; act (send, delete, scale, a setting) to start a new branch from this moment.",
            format_seconds(now_ms.get()),
            format_seconds(end_ms.get())
        )
    };
    view! {
        <div class="timeline" role="group" aria-labelledby="timeline-label">
            <label id="timeline-label" for="timeline">"Timeline"</label>
            <div class="timeline-track">
                <input
                    id="timeline"
                    type="range"
                    min="0"
                    step="100"
                    // Up to the end rounded up to a step, so the keyboard's End reaches the
                    // end itself (a seek past it stops there).
                    max=move || slider_max(end_ms.get()).to_string()
                    // At the end (live), the thumb sits at the end of the track, not short of
                    // it by the rounding.
                    prop:value=move || if at_end() { slider_max(end_ms.get()) } else { now_ms.get() }.to_string()
                    aria-valuetext=move || format!("{} of {}", format_seconds(now_ms.get()), format_seconds(end_ms.get()))
                    on:input=move |event| {
                        if let Ok(at_ms) = event_target_value(&event).parse() {
                            lab.seek_ms(at_ms);
                        }
                    }
                />
                // For pointing only: the buttons below reach the same moments by keyboard.
                <ol
                    class="marks"
                    aria-hidden="true"
                    style=move || format!("--end:{}", end_ms.get().max(1))
                    inner_html=lab.marks
                    on:click=move |event| jump_from(lab, &event)
                ></ol>
            </div>
            <div class="timeline-actions">
                // Play is under the scene, where the learner watches (and where a new branch
                // waits after acting in the past).
                <button
                    id="play"
                    type="button"
                    aria-pressed=move || playing.get().to_string()
                    on:click=move |_| lab.set_playing(!playing.get_untracked())
                >
                    {move || if playing.get() { "Pause" } else { "Play" }}
                </button>
                <button id="mark-previous" type="button" on:click=move |_| jump_to_mark(lab, false)>
                    "\u{25c0} Previous mark"
                </button>
                <button id="mark-next" type="button" on:click=move |_| jump_to_mark(lab, true)>
                    "Next mark \u{25b6}"
                </button>
                <button
                    id="timeline-end"
                    type="button"
                    disabled=at_end
                    on:click=move |_| lab.seek_ms(end_ms.get_untracked())
                >
                    "Go to the end"
                </button>
                <span class="timeline-legend small" aria-hidden="true">
                    <span class="mark-key mark-action"></span>" action "
                    <span class="mark-key mark-finding"></span>" finding"
                </span>
            </div>
            <p id="timeline-status" class="timeline-status" role="status">{status}</p>
        </div>
    }
}

/// The slider's end: the branch's end rounded up to a step.
fn slider_max(end_ms: u64) -> u64 {
    end_ms.div_ceil(100).saturating_mul(100)
}

/// The nearest mark after (or before) now; when there is none, the notice says so.
fn jump_to_mark(lab: Lab, forward: bool) {
    if !lab.jump_to_mark(forward) {
        lab.refuse(if forward {
            "There is no mark after this moment."
        } else {
            "There is no mark before this moment."
        });
    }
}
