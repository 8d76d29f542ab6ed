//! The playground: pick a way of running the adder, send requests, break things, watch, and go
//! back in time. Three parts, placed by `LabView`: controls, the stage (scene and timeline), and
//! the details.

mod controls;
mod report;
mod scene_view;
mod state;
mod terminal;
mod timeline;

use leptos::prelude::*;

pub use report::{RequestLogHead, jump_from};
pub use state::Lab;

use crate::ui::LinkProblems;

/// The playground's controls: the scenario, the run, the verdict, sending and breaking things.
/// Beside the scene on wide screens, above it on narrow ones.
#[component]
pub fn PlaygroundControls(lab: Lab) -> impl IntoView {
    view! {
        <section class="playground" aria-labelledby="playground-title">
            <h2 id="playground-title">"Playground"</h2>
            <LinkProblems id="link-problems" intro="This link could not be read completely:" problems=lab.problems />
            <controls::ScenarioPicker lab=lab />
            <controls::RunControls lab=lab />
            <p id="notice" class="notice" role="alert">
                {move || lab.notice.get()}
            </p>
            <report::Verdict lab=lab />
            <div class="panels">
                <div class="panel">
                    <h3>"Send"</h3>
                    <controls::SendForm lab=lab />
                    <controls::TrafficControls lab=lab />
                </div>
                <div class="panel">
                    <controls::FaultControls lab=lab />
                </div>
            </div>
            <terminal::Terminal lab=lab />
        </section>
    }
}

/// The scene and its timeline: the centre of the screen, kept in view while the lesson and the
/// controls beside (or above) it scroll. On a phone it folds to a bar while a revealed lesson
/// is read (`Lab::folded`; the bar is shown on narrow screens only).
/// The fold's button (narrow screens): both its labels, the stylesheet shows the one for the
/// stage's state (a hidden one is no part of the button's name).
const STAGE_TOGGLE: &str = r#"<button id="stage-toggle" type="button" aria-controls="stage-body"><span class="if-open">&#9660; Hide the scene</span><span class="if-folded">&#9650; Show the scene</span></button>"#;

#[component]
pub fn PlaygroundStage(lab: Lab) -> impl IntoView {
    let folded = lab.folded;
    // The fold's button is plain markup and its click is caught by the stage: cheaper in
    // wasm than a reactive button.
    let on_click = move |event: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let toggle = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("#stage-toggle").ok().flatten())
            .is_some();
        if toggle {
            folded.update(|folded| *folded = !*folded);
        }
    };
    view! {
        <div id="stage" class="lab-stage" class:stage-folded=folded role="region" aria-label="Scene and timeline" on:click=on_click>
            <div id="stage-body">
                <scene_view::SceneView lab=lab />
                <timeline::TimelineView lab=lab />
            </div>
            // Last: unfolded, it takes none of the height the scene needs to be seen whole.
            <div inner_html=STAGE_TOGGLE></div>
        </div>
    }
}

/// Everything the scene summarises, as tables and lists: available, out of the way.
#[component]
pub fn PlaygroundDetails(lab: Lab) -> impl IntoView {
    view! {
        <section class="lab-more" aria-labelledby="details-title">
            <h2 id="details-title">"The run in detail"</h2>
            <div class="below-scene">
                <div>
                    <report::Totals lab=lab />
                    <report::ServicesAndDns lab=lab />
                </div>
                <report::Events lab=lab />
            </div>
            <h3>"What each client was told"</h3>
            <report::ClientStrips lab=lab />
            <report::RequestLog lab=lab />
            <report::YamlPanel lab=lab />
            <p id="narration" class="visually-hidden" aria-live="polite">
                {move || lab.narration.get()}
            </p>
        </section>
    }
}
