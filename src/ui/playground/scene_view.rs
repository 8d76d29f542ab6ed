//! The SVG scene: clients, Services, nodes with pods, volumes, and a marker per request.
//! The shapes and the markers are markup from the model (`Scene::shapes_svg`, `markers_svg`),
//! each written in one DOM update only when it changed.

use leptos::prelude::*;

use super::state::Lab;
use crate::model::playground::scene::{Scene, WIDTH, markers_svg};

#[component]
pub fn SceneView(lab: Lab) -> impl IntoView {
    let scene = Memo::new(move |_| lab.live.with(Scene::layout));
    let height = Memo::new(move |_| scene.with(|scene| scene.height));
    let width = WIDTH as i32;
    let shapes = Memo::new(move |_| scene.with(Scene::shapes_svg));
    let markers = Memo::new(move |_| scene.with(|scene| markers_svg(&scene.markers)));

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
