//! The compare page's time machine: one slider over the branch drives every lane together
//! (`Comparison::seek_ms`); marks for the actions and each lane's first finding, with buttons
//! to go from mark to mark. Acting back in time starts a new branch, which the link then holds.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::desk::Desk;
use crate::model::playground::format_seconds;

#[component]
pub fn CompareTimeline(desk: Desk) -> impl IntoView {
    let past = move || desk.now_ms.get() < desk.end_ms.get();
    let at_end = move || !past();
    let status = move || {
        if let Some(note) = desk.branch_note.get() {
            return note;
        }
        if !past() {
            return String::new();
        }
        format!(
            "Every lane is back at {}. Play to watch what happened next again; act (a fault, a rate) to start a new branch from this moment.",
            desk.moment_text()
        )
    };
    let jump = move |forward: bool| match desk.mark_from_now(forward) {
        Some(mark) => {
            desk.seek_ms(mark.at_ms);
            desk.notice.set(Some(format!(
                "At {}: {}",
                format_seconds(mark.at_ms),
                mark.label
            )));
        }
        None => desk.notice.set(Some(
            if forward {
                "No mark after this moment."
            } else {
                "No mark before this moment."
            }
            .to_owned(),
        )),
    };
    // A click on the strip goes to the mark under the pointer.
    let clicked = move |event: leptos::ev::MouseEvent| {
        let at_ms = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("[data-seek]").ok().flatten())
            .and_then(|mark| mark.get_attribute("data-seek"))
            .and_then(|at| at.parse().ok());
        if let Some(at_ms) = at_ms {
            desk.seek_ms(at_ms);
        }
    };
    view! {
        <div class="timeline" role="group" aria-labelledby="compare-timeline-label">
            <label id="compare-timeline-label" for="compare-timeline">"Timeline, every lane"</label>
            <div class="timeline-track">
                <input
                    id="compare-timeline"
                    type="range"
                    min="0"
                    step="100"
                    // Up to the end rounded up to a step, so End reaches the end itself.
                    max=move || desk.end_ms.get().div_ceil(100).saturating_mul(100).to_string()
                    prop:value=move || desk.now_ms.get().to_string()
                    aria-valuetext=move || desk.moment_text()
                    on:input=move |event| {
                        if let Ok(at_ms) = event_target_value(&event).parse() {
                            desk.seek_ms(at_ms);
                        }
                    }
                />
                // For pointing only: the buttons below reach the same moments by keyboard.
                <ol
                    class="marks"
                    aria-hidden="true"
                    style=move || format!("--end:{}", desk.end_ms.get().max(1))
                    inner_html=move || desk.marks.get()
                    on:click=clicked
                ></ol>
            </div>
            <div class="timeline-actions">
                <button id="compare-mark-previous" type="button" on:click=move |_| jump(false)>
                    "\u{25c0} Previous mark"
                </button>
                <button id="compare-mark-next" type="button" on:click=move |_| jump(true)>
                    "Next mark \u{25b6}"
                </button>
                <button
                    id="compare-timeline-end"
                    type="button"
                    disabled=at_end
                    on:click=move |_| desk.seek_ms(desk.end_ms.get_untracked())
                >
                    "Go to the end"
                </button>
                <span class="timeline-legend small" aria-hidden="true">
                    <span class="mark-key mark-action"></span>" action "
                    <span class="mark-key mark-finding"></span>" a lane\u{2019}s first finding"
                </span>
            </div>
            <p id="compare-timeline-status" class="timeline-status" role="status">{status}</p>
        </div>
    }
}
