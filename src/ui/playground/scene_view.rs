//! The SVG scene: clients, the Service, nodes with pods, volumes, and a marker per request.

use leptos::prelude::*;

use super::state::Lab;
use crate::model::playground::scene::{Scene, WIDTH};
use crate::model::sim::snapshot::PodStatus;

/// One shape per client, so colour is never the only signal.
pub const CLIENT_SHAPES: [&str; 3] = ["circle", "square", "diamond"];

fn shape_path(client: usize, x: i32, y: i32, r: i32) -> String {
    let d = r + r / 3; // diamonds look smaller than squares of the same radius
    match CLIENT_SHAPES[client % CLIENT_SHAPES.len()] {
        "square" => format!("M{} {}h{}v{}h{}z", x - r, y - r, 2 * r, 2 * r, -2 * r),
        "diamond" => format!("M{x} {}L{} {y}L{x} {}L{} {y}z", y - d, x + d, y + d, x - d),
        _ => format!(
            "M{} {y}a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 {} 0",
            x - r,
            2 * r,
            -2 * r
        ),
    }
}

/// The client's shape at the origin, for legends.
pub fn client_icon_path(client: usize) -> String {
    shape_path(client, 0, 0, 8)
}

fn status_text(status: PodStatus) -> &'static str {
    match status {
        PodStatus::Pending => "Pending",
        PodStatus::Running => "Running, not ready",
        PodStatus::Ready => "Ready",
        PodStatus::Terminating => "Terminating",
        PodStatus::Unknown => "Unknown",
    }
}

#[component]
pub fn SceneView(lab: Lab) -> impl IntoView {
    let scene = Memo::new(move |_| lab.snapshot.with(Scene::layout));
    let height = move || scene.with(|scene| scene.height);
    let width = WIDTH as i32;
    let view_box = move || format!("0 0 {width} {}", scene.with(|scene| scene.height));
    let nodes = Memo::new(move |_| scene.with(|scene| scene.nodes.clone()));
    let pods = Memo::new(move |_| scene.with(|scene| scene.pods.clone()));
    let volumes = Memo::new(move |_| scene.with(|scene| scene.volumes.clone()));
    let clients = Memo::new(move |_| scene.with(|scene| scene.clients.clone()));
    let markers = Memo::new(move |_| scene.with(|scene| scene.markers.clone()));
    let service = Memo::new(move |_| {
        scene.with(|scene| {
            (
                scene.service,
                scene.service_title.clone(),
                scene.service_detail.clone(),
            )
        })
    });
    let endpoints = Memo::new(move |_| {
        lab.snapshot
            .with(|snapshot| snapshot.services[0].endpoints.len())
    });

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
                    "Clients on the left send requests to the Service, which forwards them to pods on nodes; volumes are on the right. The same information is in the tables below."
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
                    let (area, title, detail) = service.get();
                    view! {
                        <g class="service">
                            <rect x=area.x y=area.y width=area.w height=area.h rx="10" />
                            <text x=area.x + area.w / 2 y=area.y + 30 text-anchor="middle" class="service-title">
                                {title}
                            </text>
                            <text x=area.x + area.w / 2 y=area.y + 52 text-anchor="middle" class="small">
                                {detail}
                            </text>
                            <text x=area.x + area.w / 2 y=area.y + 74 text-anchor="middle" class="small">
                                {move || format!("{} ready endpoints", endpoints.get())}
                            </text>
                        </g>
                    }
                }}
                <For each=move || pods.get() key=|pod| (pod.name.clone(), pod.area, pod.status as u8, pod.total) let:pod>
                    <g
                        class="pod"
                        class:pod-ready=pod.status == PodStatus::Ready
                        class:pod-gone=matches!(pod.status, PodStatus::Terminating | PodStatus::Unknown)
                        class:pod-db=pod.is_database
                        data-pod=pod.name.clone()
                    >
                        <rect x=pod.area.x y=pod.area.y width=pod.area.w height=pod.area.h rx="6" />
                        <text x=pod.area.x + 6 y=pod.area.y + 16 class="pod-name">{pod.name.clone()}</text>
                        <text x=pod.area.x + 6 y=pod.area.y + 33 class="small">{status_text(pod.status)}</text>
                        <text x=pod.area.x + 6 y=pod.area.y + 52 class="pod-total">
                            {pod.total.map(|total| format!("total {total}")).unwrap_or_default()}
                        </text>
                    </g>
                </For>
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
                                    <text x=volume.area.x + 6 y=volume.area.y + 56 class="small">
                                        {match volume.lock_holder {
                                            Some(holder) => format!("lock: #{holder}, {} waiting", volume.queue_len),
                                            None => "lock: free".to_owned(),
                                        }}
                                    </text>
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
                <g class="markers" aria-hidden="true">
                    <For each=move || markers.get() key=|marker| marker.id let:marker>
                        {
                            let id = marker.id;
                            let client = marker.client;
                            let current = move || markers.with(|all| all.iter().find(|m| m.id == id).cloned());
                            view! {
                                <g class=format!("marker client-{client}") class:marker-failed=move || current().is_some_and(|m| m.failed)>
                                    <path d=move || current().map(|m| shape_path(client, m.at.x, m.at.y, 7)).unwrap_or_default() />
                                    <text
                                        x=move || current().map_or(0, |m| m.at.x + 10)
                                        y=move || current().map_or(0, |m| m.at.y - 8)
                                        class="marker-label"
                                    >
                                        {move || current().map(|m| m.label).unwrap_or_default()}
                                    </text>
                                </g>
                            }
                        }
                    </For>
                </g>
            </svg>
        </div>
    }
}
