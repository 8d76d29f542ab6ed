//! The narrow layout (a phone, a compare lane): rows from top to bottom. The clients beside the
//! workload's Service, the nodes side by side with their pods stacked, then the volumes (and
//! the database's headless Service) three slots a row. Requests run from the clients to the
//! Service's left and down to the pods; a headless Service is only asked, at its left.

use super::{
    Box2, NARROW, Orientation, Point, ROOMY_FROM_PX, Scene, WIDE, finish, node_box, pod_box,
    service_boxes, volume_boxes,
};
use crate::sim::snapshot::Frame;

const MARGIN: f64 = 4.0;
/// Between nodes, between pods, between volumes.
const GAP: f64 = 4.0;
/// From a node's side to its pods'.
const POD_INSET: f64 = 3.0;
const TOP: f64 = 8.0;
const SLOTS_PER_ROW: usize = 3;

pub(super) fn layout(snapshot: &Frame, width: u32) -> Scene {
    let metrics = if width < ROOMY_FROM_PX {
        &NARROW
    } else {
        &WIDE
    };
    let width = f64::from(width);
    // The first row: the clients on the left, the workload's Service on the right (a
    // ClusterIP Service entered from its left and left from below; a headless one asked and
    // answered at its left, so lookups and the clients' direct lines to pods miss its text).
    let (service_w, service_h) = (metrics.service_w, metrics.service_h);
    let box_x = width - MARGIN - service_w;
    // Three clients a row, so their names never touch (the terminal's debug client, when
    // there is one, takes a second row).
    const PER_ROW: usize = 3;
    let clients_y = TOP + 32.0;
    let count = snapshot.clients.len();
    let clients = snapshot
        .clients
        .iter()
        .enumerate()
        .map(|(index, client)| {
            let (row, column) = (index / PER_ROW, index % PER_ROW);
            let in_row = (count - row * PER_ROW).min(PER_ROW) as f64;
            let x = MARGIN + (box_x - 16.0 - MARGIN) * (column as f64 + 1.0) / (in_row + 1.0);
            let at = Point {
                x: x.round() as i32,
                y: (clients_y + 44.0 * row as f64) as i32,
            };
            (client.to_string(), at)
        })
        .collect();
    let mut services = service_boxes(snapshot);
    if let Some(service) = services.first_mut() {
        service.area = Box2::new(box_x, TOP, service_w, service_h);
        let Box2 { x, y, w, h } = service.area;
        service.entry = Point {
            x: x - 30,
            y: y + h - 10,
        };
        service.exit = if service.headless {
            service.entry
        } else {
            Point {
                x: x + w / 2,
                y: y + h + 9,
            }
        };
    }
    let mut y = TOP + service_h + 18.0;
    // Nodes side by side, one column of pods each, all as tall as the fullest.
    let node_count = snapshot.nodes.len().max(1) as f64;
    let node_w = (width - 2.0 * MARGIN - (node_count - 1.0) * GAP) / node_count;
    let rows = snapshot
        .nodes
        .iter()
        .map(|(name, _)| snapshot.pods.iter().filter(|pod| &pod.node == name).count())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let node_h = metrics.node_pad + rows * (metrics.pod_h + GAP) - GAP + POD_INSET + 1.0;
    let mut nodes = Vec::new();
    let mut pods = Vec::new();
    for (index, (name, up)) in snapshot.nodes.iter().enumerate() {
        let x = MARGIN + index as f64 * (node_w + GAP);
        let on_node = snapshot.pods.iter().filter(|pod| &pod.node == name);
        for (row, pod) in on_node.enumerate() {
            let area = Box2::new(
                x + POD_INSET,
                y + metrics.node_pad + row as f64 * (metrics.pod_h + GAP),
                node_w - 2.0 * POD_INSET,
                metrics.pod_h,
            );
            pods.push(pod_box(pod, area, metrics));
        }
        nodes.push(node_box(name, *up, Box2::new(x, y, node_w, node_h)));
    }
    y += node_h + 12.0;
    // Volumes three a row; the database's headless Service takes the next two slots (its
    // lines need them), on a new row if only one is left.
    let slot_w = (width - 2.0 * MARGIN - (SLOTS_PER_ROW as f64 - 1.0) * GAP) / 3.0;
    let slot = |index: usize, slots: usize, height: f64| {
        let (row, column) = (index / SLOTS_PER_ROW, index % SLOTS_PER_ROW);
        Box2::new(
            MARGIN + column as f64 * (slot_w + GAP),
            y + row as f64 * (metrics.volume_h + GAP),
            slot_w * slots as f64 + GAP * (slots as f64 - 1.0),
            height,
        )
    };
    let mut volumes = volume_boxes(snapshot);
    let mut bottom = y;
    for (index, volume) in volumes.iter_mut().enumerate() {
        volume.area = slot(index, 1, metrics.volume_h);
        volume.port = Point {
            x: volume.area.centre().x,
            y: volume.area.y - 10,
        };
        bottom = bottom.max(f64::from(volume.area.y + volume.area.h));
    }
    if let Some(database) = services.get_mut(1) {
        let mut index = volumes.len();
        if index % SLOTS_PER_ROW == SLOTS_PER_ROW - 1 {
            index += 1;
        }
        database.area = slot(index, 2, service_h);
        // Nothing travels through it (the adder asks db-0 by name); its port is above it.
        let port = Point {
            x: database.area.centre().x,
            y: database.area.y - 10,
        };
        database.entry = port;
        database.exit = port;
        bottom = bottom.max(f64::from(database.area.y + database.area.h));
    }
    finish(
        snapshot,
        Orientation::Narrow,
        width,
        bottom + 6.0,
        clients,
        services,
        nodes,
        pods,
        volumes,
    )
}
