//! The wide layout (a desktop's stage): clients on the left, then a column each for the
//! Services, the nodes (stacked, their pods in rows) and the volumes.

use super::{
    Box2, NodeBox, Orientation, PodBox, Point, Scene, WIDE, finish, node_box, place_dns_port,
    pod_box, service_boxes, volume_boxes, workload_is_headless,
};
use crate::sim::snapshot::Frame;

const MARGIN: f64 = 8.0;
const TOP: f64 = 12.0;
const CLIENT_X: f64 = 40.0;
const SERVICE_X: f64 = 86.0;
const VOLUME_W: f64 = 164.0;
const POD_GAP: f64 = 6.0;
/// A pod narrower than this cannot show `ContainerCreating` at 11 px.
const POD_MIN_W: f64 = 116.0;
const PODS_PER_ROW_MAX: usize = 4;

pub(super) fn layout(snapshot: &Frame, width: u32) -> Scene {
    let metrics = &WIDE;
    let width = f64::from(width);
    let nodes_x = SERVICE_X + metrics.service_w + 26.0;
    let volumes_x = width - MARGIN - VOLUME_W;
    // Without volumes the nodes take their column too.
    let nodes_right = if snapshot.volumes.is_empty() {
        width - MARGIN
    } else {
        volumes_x - 16.0
    };
    let (nodes, pods, nodes_bottom) = layout_nodes(snapshot, nodes_x, nodes_right - nodes_x);
    let mut volumes = volume_boxes(snapshot);
    for (index, volume) in volumes.iter_mut().enumerate() {
        let y = TOP + index as f64 * (metrics.volume_h + 10.0);
        volume.area = Box2::new(volumes_x, y, VOLUME_W, metrics.volume_h);
        volume.port = Point {
            x: volume.area.x - 12,
            y: volume.area.centre().y,
        };
    }
    let volumes_bottom = volumes.last().map_or(0.0, |volume| {
        f64::from(volume.area.y + volume.area.h) + 10.0
    });
    let headless = workload_is_headless(snapshot);
    // A headless Service's DNS box sits above the clients, off the lines they send along.
    let clients_top = if headless {
        TOP + metrics.service_h + 10.0
    } else {
        0.0
    };
    let height = nodes_bottom
        .max(volumes_bottom)
        .max(if headless { 330.0 } else { 260.0 });
    let step = (height - clients_top) / (snapshot.clients.len() as f64 + 1.0);
    let clients = snapshot
        .clients
        .iter()
        .enumerate()
        .map(|(index, client)| {
            let y = clients_top + step * (index as f64 + 1.0);
            let at = Point {
                x: CLIENT_X as i32,
                y: y.round() as i32,
            };
            (client.to_string(), at)
        })
        .collect();
    let mut services = service_boxes(snapshot);
    let count = services.len();
    let (w, h) = (metrics.service_w, metrics.service_h);
    for (index, service) in services.iter_mut().enumerate() {
        match (service.headless, index) {
            (false, _) => {
                // Centred on the clients' lines, above a database Service if there is one.
                let room = if count > 1 { height - h - 20.0 } else { height };
                service.area = Box2::new(SERVICE_X, (room - h) / 2.0, w, h);
                let Point { y, .. } = service.area.centre();
                let (left, right) = (service.area.x, service.area.x + service.area.w);
                service.entry = Point { x: left - 22, y };
                service.exit = Point { x: right + 10, y };
            }
            (true, 0) => {
                service.area = Box2::new(MARGIN, TOP, w, h);
                place_dns_port(service);
            }
            (true, _) => {
                service.area = Box2::new(SERVICE_X, height - h - 10.0, w, h);
                place_dns_port(service);
            }
        }
    }
    finish(
        snapshot,
        Orientation::Wide,
        width,
        height,
        clients,
        services,
        nodes,
        pods,
        volumes,
    )
}

/// Nodes stacked in a column `width` wide at `x`, their pods in rows (as many a row as fit
/// at `POD_MIN_W`); returns the nodes' bottom.
fn layout_nodes(snapshot: &Frame, x: f64, width: f64) -> (Vec<NodeBox>, Vec<PodBox>, f64) {
    let metrics = &WIDE;
    let pod_w = |per_row: usize| (width - (per_row as f64 + 1.0) * POD_GAP) / per_row as f64;
    let per_row = (2..=PODS_PER_ROW_MAX)
        .rev()
        .find(|&per_row| pod_w(per_row) >= POD_MIN_W)
        .unwrap_or(2);
    let mut nodes = Vec::new();
    let mut pods = Vec::new();
    let mut y = TOP;
    for (name, up) in &snapshot.nodes {
        let on_node = snapshot.pods.iter().filter(|pod| &pod.node == name);
        let mut rows = 1;
        for (index, pod) in on_node.enumerate() {
            let (row, column) = (index / per_row, index % per_row);
            rows = row + 1;
            let area = Box2::new(
                x + POD_GAP + column as f64 * (pod_w(per_row) + POD_GAP),
                y + metrics.node_pad + row as f64 * (metrics.pod_h + POD_GAP),
                pod_w(per_row),
                metrics.pod_h,
            );
            pods.push(pod_box(pod, area, metrics));
        }
        let height = metrics.node_pad + rows as f64 * (metrics.pod_h + POD_GAP);
        nodes.push(node_box(name, *up, Box2::new(x, y, width, height)));
        y += height + 10.0;
    }
    (nodes, pods, y)
}
