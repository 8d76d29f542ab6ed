//! The SVG scene: clients, the Service, nodes with pods, volumes, and a marker per request.

use leptos::prelude::*;

use super::state::Lab;
use crate::model::playground::scene::{Scene, WIDTH, markers_svg, shape_path};
use crate::model::sim::snapshot::PodStatus;

/// The client's shape at the origin, for legends.
pub fn client_icon_path(client: usize) -> String {
    shape_path(client, 0, 0, 8)
}

#[component]
pub fn SceneView(lab: Lab) -> impl IntoView {
    let scene = Memo::new(move |_| lab.live.with(Scene::layout));
    let height = move || scene.with(|scene| scene.height);
    let width = WIDTH as i32;
    let view_box = move || format!("0 0 {width} {}", scene.with(|scene| scene.height));
    let nodes = Memo::new(move |_| scene.with(|scene| scene.nodes.clone()));
    let pods = Memo::new(move |_| scene.with(|scene| scene.pods.clone()));
    let volumes = Memo::new(move |_| scene.with(|scene| scene.volumes.clone()));
    let clients = Memo::new(move |_| scene.with(|scene| scene.clients.clone()));
    let markers = Memo::new(move |_| scene.with(|scene| markers_svg(&scene.markers)));
    let services = Memo::new(move |_| scene.with(|scene| scene.services.clone()));

    view! {
        <div class="scene-frame">
            <svg
                id="scene"
                class="scene-svg"
                viewBox=view_box
                role="img"
                aria-labelledby="scene-title scene-desc"
                style:aspect-ratio=move || format!("{width} / {}", height())
            >
                <title id="scene-title">"The simulated cluster"</title>
                <desc id="scene-desc">
                    "Clients on the left send requests. A ClusterIP Service forwards each to a pod; a headless Service only answers the DNS lookup, and the client then connects to the pod itself. Pods sit on nodes; volumes are on the right. The same information is in the tables below."
                </desc>
                {move || {
                    nodes
                        .get()
                        .into_iter()
                        .map(|node| {
                            view! {
                                <g class="node" class:node-down=!node.up>
                                    <rect x=node.area.x y=node.area.y width=node.area.w height=node.area.h rx="8" />
                                    <text x=node.area.x + 8 y=node.area.y + 17 class="node-label">
                                        {format!("{}{}", node.name, if node.up { "" } else { " (down)" })}
                                    </text>
                                </g>
                            }
                        })
                        .collect_view()
                }}
                {move || {
                    services
                        .get()
                        .into_iter()
                        .map(|service| {
                            let (area, middle) = (service.area, service.area.x + service.area.w / 2);
                            view! {
                                <g class="service" class:service-headless=service.headless data-service=service.name>
                                    <rect x=area.x y=area.y width=area.w height=area.h rx="10" />
                                    <text x=middle y=area.y + 26 text-anchor="middle" class="service-title">
                                        {service.title}
                                    </text>
                                    {service
                                        .lines
                                        .into_iter()
                                        .enumerate()
                                        .map(|(row, line)| view! {
                                            <text x=middle y=area.y + 48 + 20 * row as i32 text-anchor="middle" class="small">
                                                {line}
                                            </text>
                                        })
                                        .collect_view()}
                                </g>
                            }
                        })
                        .collect_view()
                }}
                {move || {
                    pods.get()
                        .into_iter()
                        .map(|pod| {
                            view! {
                                <g
                                    class="pod"
                                    class:pod-ready=pod.status == PodStatus::Ready
                                    class:pod-gone=matches!(pod.status, PodStatus::Terminating | PodStatus::Unknown)
                                    class:pod-db=pod.is_database
                                    data-pod=pod.name.clone()
                                >
                                    <rect x=pod.area.x y=pod.area.y width=pod.area.w height=pod.area.h rx="6" />
                                    <text x=pod.area.x + 6 y=pod.area.y + 16 class="pod-name">{pod.name.clone()}</text>
                                    <text x=pod.area.x + 6 y=pod.area.y + 33 class="small">{pod.status_text()}</text>
                                    <text x=pod.area.x + 6 y=pod.area.y + 52 class="pod-total">{pod.total.clone()}</text>
                                </g>
                            }
                        })
                        .collect_view()
                }}
                {move || {
                    volumes
                        .get()
                        .into_iter()
                        .map(|volume| {
                            view! {
                                <g class="volume" data-claim=volume.claim.clone()>
                                    <rect x=volume.area.x y=volume.area.y width=volume.area.w height=volume.area.h rx="6" />
                                    <text x=volume.area.x + 6 y=volume.area.y + 16 class="pod-name">{volume.claim.clone()}</text>
                                    <text x=volume.area.x + 6 y=volume.area.y + 36 class="pod-total">{format!("file: {}", volume.total)}</text>
                                    <text x=volume.area.x + 6 y=volume.area.y + 56 class="small">{volume.lock.clone()}</text>
                                </g>
                            }
                        })
                        .collect_view()
                }}
                {move || {
                    clients
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(index, (name, at))| {
                            view! {
                                <g class="client">
                                    <text x=at.x y=at.y - 16 text-anchor="middle" class="client-name">{name}</text>
                                    <path class=format!("client-icon client-{index}") d=shape_path(index, at.x, at.y, 10) />
                                </g>
                            }
                        })
                        .collect_view()
                }}
                <g class="markers" aria-hidden="true" inner_html=move || markers.get()></g>
            </svg>
        </div>
    }
}
