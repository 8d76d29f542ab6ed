//! The SVG scene: clients, Services, nodes with pods, volumes, and a marker per request.
//! The shapes and the markers are markup from the model (`Scene::shapes_svg`, `markers_svg`),
//! each written in one DOM update only when it changed: markers every frame, shapes with the
//! 4 Hz report.

use leptos::prelude::*;

use super::state::Lab;
use crate::model::playground::scene::{Scene, WIDTH, markers_svg};

#[component]
pub fn SceneView(lab: Lab) -> impl IntoView {
    // Markers move every frame; the shapes' text (totals, statuses) is drawn at the report
    // rate, since text changing 60 times a second cannot be read and costs a DOM rewrite.
    let markers = Memo::new(move |_| {
        lab.live
            .with(|live| markers_svg(&Scene::layout(live).markers))
    });
    let scene = Memo::new(move |_| lab.snapshot.with(|snapshot| Scene::layout(&snapshot.frame)));
    let height = Memo::new(move |_| scene.with(|scene| scene.height));
    let width = WIDTH as i32;
    let shapes = Memo::new(move |_| scene.with(Scene::shapes_svg));

    view! {
        <div class="scene-frame">
            <svg
                id="scene"
                class="scene-svg"
                viewBox=move || format!("0 0 {width} {}", height.get())
                role="img"
                aria-labelledby="scene-title scene-desc"
                style:aspect-ratio=move || format!("{width} / {}", height.get())
            >
                <title id="scene-title">"The simulated cluster"</title>
                <desc id="scene-desc">
                    "Clients on the left send requests. A ClusterIP Service forwards each to a pod; a headless Service only answers the DNS lookup, and the client then connects to the pod itself. Pods sit on nodes; volumes are on the right. The same information is in the tables below."
                </desc>
                <g class="shapes" inner_html=move || shapes.get()></g>
                <g class="markers" aria-hidden="true" inner_html=move || markers.get()></g>
            </svg>
        </div>
    }
}
