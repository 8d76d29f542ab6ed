//! The scene as SVG markup: the shapes (rebuilt when any of them changes) and the request
//! markers (every frame). Display only; see `model::markup`.

use std::fmt::Write as _;

use super::{Box2, NodeBox, PodBox, Point, Scene, ServiceBox, VolumeBox};
use crate::markup::push_escaped;
use crate::sim::snapshot::PodStatus;

/// One shape per client, so colour is never the only signal.
pub const CLIENT_SHAPES: [&str; 4] = ["circle", "square", "diamond", "triangle"];

/// An SVG path for client `client`'s shape centred on (x, y) with radius `r`.
pub fn shape_path(client: usize, x: i32, y: i32, r: i32) -> String {
    let d = r + r / 3; // diamonds look smaller than squares of the same radius
    match CLIENT_SHAPES[client % CLIENT_SHAPES.len()] {
        "square" => format!("M{} {}h{}v{}h{}z", x - r, y - r, 2 * r, 2 * r, -2 * r),
        "diamond" => format!("M{x} {}L{} {y}L{x} {}L{} {y}z", y - d, x + d, y + d, x - d),
        "triangle" => format!("M{x} {}L{} {}L{} {}z", y - d, x + d, y + r, x - d, y + r),
        _ => format!(
            "M{} {y}a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 {} 0",
            x - r,
            2 * r,
            -2 * r
        ),
    }
}

/// The markers as SVG markup. They all move every frame, so the view replaces them in one
/// DOM write instead of diffing hundreds of elements. A client's requests waiting on the same
/// spot (a queue for the lock can be hundreds long) are drawn once, labelled with how many
/// (`×12`): one shape per place keeps the scene readable and the frame cheap. Labels are
/// digits, `+`, `×`, `m` and words made here, so nothing needs escaping. A label sits beside
/// its shape, on its line (right of it, or left just before a Service's box), so one waiting at
/// a pod stays in the pod's strip for requests.
pub fn markers_svg(markers: &[super::Marker]) -> String {
    // (client, x, y) of a waiting spot and how many wait there, sorted by spot; drawn at the
    // first of them. (A sorted Vec rather than a map: it keeps the page's wasm smaller.)
    let mut waiting: Vec<((usize, i32, i32), usize)> = Vec::new();
    for marker in markers.iter().filter(|marker| marker.stationary) {
        let spot = (marker.client, marker.at.x, marker.at.y);
        match waiting.binary_search_by_key(&spot, |entry| entry.0) {
            Ok(found) => waiting[found].1 += 1,
            Err(at) => waiting.insert(at, (spot, 1)),
        }
    }
    let mut svg = String::with_capacity(markers.len().min(64) * 160);
    for marker in markers {
        let mut label = marker.label.as_str();
        let count;
        if marker.stationary {
            // The first marker of a spot draws it and empties the spot's count.
            let spot = (marker.client, marker.at.x, marker.at.y);
            let Ok(found) = waiting.binary_search_by_key(&spot, |entry| entry.0) else {
                continue;
            };
            match std::mem::take(&mut waiting[found].1) {
                0 => continue,
                1 => {}
                n => {
                    count = format!("\u{d7}{n}");
                    label = &count;
                }
            }
        }
        let failed = if marker.failed { " marker-failed" } else { "" };
        let (dx, anchor) = if marker.label_left {
            (-10, r#" text-anchor="end""#)
        } else {
            (10, "")
        };
        let _ = write!(
            svg,
            r#"<g class="marker client-{}{failed}" data-request="{}"><path d="{}"/><text x="{}" y="{}"{anchor} class="marker-label">{}</text></g>"#,
            marker.client % CLIENT_SHAPES.len(),
            marker.id,
            shape_path(marker.client, marker.at.x, marker.at.y, 7),
            marker.at.x + dx,
            marker.at.y + 4,
            label,
        );
    }
    svg
}

impl Scene {
    /// Everything but the request markers: nodes, Services, pods, volumes and clients.
    pub fn shapes_svg(&self) -> String {
        let metrics = self.metrics();
        let mut svg = String::with_capacity(4096);
        for node in &self.nodes {
            push_node(&mut svg, node, metrics.node_label_dy);
        }
        for service in &self.services {
            push_service(&mut svg, service, metrics.service_lines);
        }
        for pod in &self.pods {
            push_pod(&mut svg, pod, metrics.text_inset as i32, metrics.pod_lines);
        }
        for volume in &self.volumes {
            push_volume(
                &mut svg,
                volume,
                metrics.text_inset as i32,
                metrics.volume_lines,
            );
        }
        for (index, (name, at)) in self.clients.iter().enumerate() {
            push_client(&mut svg, index, name, *at);
        }
        svg
    }
}

fn push_node(svg: &mut String, node: &NodeBox, label_dy: i32) {
    let Box2 { x, y, w, h } = node.area;
    // `node-2 down`, not `(down)`: it fits a phone's node at 11 px.
    let (class, down) = if node.up {
        ("", "")
    } else {
        (" node-down", " down")
    };
    let _ = write!(
        svg,
        r#"<g class="node{class}"><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="8"/><text x="{}" y="{}" class="node-label">"#,
        x + super::NODE_LABEL_INSET as i32,
        y + label_dy
    );
    push_escaped(svg, &node.name);
    let _ = write!(svg, "{down}</text></g>");
}

fn push_service(svg: &mut String, service: &ServiceBox, baselines: [i32; 4]) {
    let Box2 { x, y, w, h } = service.area;
    let middle = x + w / 2;
    let class = if service.headless {
        " service-headless"
    } else {
        ""
    };
    let _ = write!(
        svg,
        r#"<g class="service{class}" data-service="{}"><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="10"/>"#,
        service.name
    );
    let title = std::iter::once((&service.title, "service-title"));
    let lines = service.lines.iter().map(|line| (line, "small"));
    for ((text, class), dy) in title.chain(lines).zip(baselines) {
        let _ = write!(
            svg,
            r#"<text x="{middle}" y="{}" text-anchor="middle" class="{class}">"#,
            y + dy
        );
        push_escaped(svg, text);
        svg.push_str("</text>");
    }
    svg.push_str("</g>");
}

fn push_pod(svg: &mut String, pod: &PodBox, inset: i32, baselines: [i32; 3]) {
    let Box2 { x, y, w, h } = pod.area;
    let mut class = String::from("pod");
    for (on, name) in [
        (pod.status == PodStatus::Ready, " pod-ready"),
        (
            matches!(pod.status, PodStatus::Terminating | PodStatus::Unknown),
            " pod-gone",
        ),
        (pod.is_database, " pod-db"),
    ] {
        if on {
            class.push_str(name);
        }
    }
    // The full name and status on hover, when the box shows them shortened.
    let _ = write!(
        svg,
        r#"<g class="{class}" data-pod="{0}"><title>{0}: {1}</title><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6"/>"#,
        pod.name,
        pod.status_text(),
    );
    let lines = [
        (pod.shown_name.as_str(), "pod-name"),
        (pod.shown_status.as_str(), "small"),
        (pod.total.as_str(), "pod-total"),
    ];
    push_lines(svg, x + inset, y, lines.into_iter().zip(baselines));
    svg.push_str("</g>");
}

/// Left-aligned lines of a box, `(text, class)` at a baseline below `top`; empty ones skipped.
fn push_lines<'a>(
    svg: &mut String,
    x: i32,
    top: i32,
    lines: impl Iterator<Item = ((&'a str, &'a str), i32)>,
) {
    for ((text, class), dy) in lines.filter(|((text, _), _)| !text.is_empty()) {
        let _ = write!(svg, r#"<text x="{x}" y="{}" class="{class}">"#, top + dy);
        push_escaped(svg, text);
        svg.push_str("</text>");
    }
}

fn push_volume(svg: &mut String, volume: &VolumeBox, inset: i32, baselines: [i32; 4]) {
    let Box2 { x, y, w, h } = volume.area;
    let _ = write!(
        svg,
        r#"<g class="volume" data-claim="{0}"><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6"/>"#,
        volume.claim,
    );
    let file = format!("file: {}", volume.total);
    let lines = [
        (volume.claim.as_str(), "pod-name"),
        (file.as_str(), "pod-total"),
        (volume.lock[0].as_str(), "small"),
        (volume.lock[1].as_str(), "small"),
    ];
    push_lines(svg, x + inset, y, lines.into_iter().zip(baselines));
    svg.push_str("</g>");
}

fn push_client(svg: &mut String, index: usize, name: &str, at: Point) {
    let _ = write!(
        svg,
        r#"<g class="client"><text x="{}" y="{}" text-anchor="middle" class="client-name">{name}</text><path class="client-icon client-{}" d="{}"/></g>"#,
        at.x,
        at.y - 16,
        index % CLIENT_SHAPES.len(),
        shape_path(index, at.x, at.y, 10)
    );
}
