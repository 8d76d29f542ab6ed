//! The SVG scene: clients, Services, nodes with pods, volumes, and a marker per request.
//! The shapes and the markers are markup from the model (`Scene::shapes_svg`, `markers_svg`),
//! each written in one DOM update only when it changed: markers every frame, shapes with the
//! 4 Hz report.

use leptos::prelude::*;

use super::state::Lab;
use crate::model::playground::scene::{Scene, markers_svg};
use crate::ui::browser;

#[component]
pub fn SceneView(lab: Lab) -> impl IntoView {
    // Markers move every frame; the shapes' text (totals, statuses) is drawn at the report
    // rate, since text changing 60 times a second cannot be read and costs a DOM rewrite.
    // The scene is laid out for its box: a phone gets the narrow layout (rows, top to bottom)
    // rather than a shrunken wide one, and text is drawn at its CSS size.
    let box_px = browser::box_width_px("scene-frame".into(), browser::scene_box_guess_px());
    let scene = Memo::new(move |_| {
        let box_px = box_px.get();
        lab.snapshot
            .with(|snapshot| Scene::layout_in(&snapshot.frame, box_px))
    });
    // Each frame's requests on the last report's layout: no layout per frame.
    let markers = Memo::new(move |_| {
        scene.with(|scene| lab.live.with(|live| markers_svg(&scene.markers_for(live))))
    });
    let size = Memo::new(move |_| scene.with(|scene| (scene.width, scene.height)));
    let shapes = Memo::new(move |_| scene.with(Scene::shapes_svg));

    view! {
        <div class="scene-frame" id="scene-frame">
            <svg
                id="scene"
                class=move || scene.with(Scene::svg_class)
                viewBox=move || size.with(|(width, height)| format!("0 0 {width} {height}"))
                role="img"
                aria-labelledby="scene-title scene-desc"
                style:aspect-ratio=move || size.with(|(width, height)| format!("{width} / {height}"))
            >
                <title id="scene-title">"The simulated cluster"</title>
                <desc id="scene-desc">
                    "Clients (on the left, or at the top on a narrow screen) send requests. A ClusterIP Service forwards each to a pod; a headless Service only answers the DNS lookup, and the client then connects to the pod itself. Pods sit on nodes; volumes are beside or below them. The same information is in the run's details, as tables."
                </desc>
                <g class="shapes" inner_html=move || shapes.get()></g>
                <g class="markers" aria-hidden="true" inner_html=move || markers.get()></g>
            </svg>
        </div>
    }
}
