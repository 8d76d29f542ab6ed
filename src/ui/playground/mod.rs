//! The playground: pick a way of running the adder, send requests, break things, watch.

mod controls;
mod report;
mod scene_view;
mod state;
mod timeline;

use leptos::prelude::*;

pub use state::Lab;

use crate::ui::LinkProblems;

/// The playground around `lab`.
#[component]
pub fn PlaygroundView(lab: Lab) -> impl IntoView {
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
            <scene_view::SceneView lab=lab />
            <timeline::TimelineView lab=lab />
            <div class="below-scene">
                <div>
                    <report::Totals lab=lab />
                    <report::ServicesAndDns lab=lab />
                </div>
                <report::Events lab=lab />
            </div>
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
