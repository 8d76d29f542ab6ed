//! Where everything goes in the scene's SVG, and where each request marker is right now.
//! Plain geometry from a `Snapshot`, so the layout is tested natively and the component only
//! draws it. Coordinates are in the SVG's viewBox units.

use crate::model::sim::command::RequestKind;
use crate::model::sim::objects::Stage;
use crate::model::sim::snapshot::{PodStatus, ServiceType, Snapshot};

pub const WIDTH: f64 = 1100.0;
const CLIENT_X: f64 = 60.0;
const SERVICE_X: f64 = 190.0;
const SERVICE_W: f64 = 150.0;
const NODES_X: f64 = 390.0;
const NODES_W: f64 = 506.0;
const VOLUMES_X: f64 = 920.0;
const VOLUME_W: f64 = 170.0;
const VOLUME_H: f64 = 74.0;
const POD_W: f64 = 158.0;
const POD_H: f64 = 64.0;
const POD_GAP: f64 = 8.0;
const PODS_PER_ROW: usize = 3;
const NODE_PAD: f64 = 26.0;
const TOP: f64 = 20.0;

/// Whole viewBox units: integers print without float formatting code in the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Box2 {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Box2 {
    fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Self {
            x: x.round() as i32,
            y: y.round() as i32,
            w: w.round() as i32,
            h: h.round() as i32,
        }
    }

    fn centre(&self) -> Point {
        Point {
            x: self.x + self.w / 2,
            y: self.y + self.h / 2,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeBox {
    pub name: String,
    pub up: bool,
    pub area: Box2,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PodBox {
    pub name: String,
    pub area: Box2,
    pub status: PodStatus,
    /// What the pod shows as its total: memory, emptyDir, or nothing (state elsewhere).
    pub total: Option<u64>,
    pub is_database: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VolumeBox {
    pub claim: String,
    pub area: Box2,
    pub total: u64,
    pub lock_holder: Option<u64>,
    pub queue_len: usize,
}

/// One request in flight.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub id: u64,
    pub client: usize,
    pub at: Point,
    /// Shown beside the marker: the number being added, or the answer on the way back.
    pub label: String,
    pub failed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub height: i32,
    pub clients: Vec<(String, Point)>,
    pub service: Box2,
    pub service_title: String,
    pub service_detail: String,
    pub nodes: Vec<NodeBox>,
    pub pods: Vec<PodBox>,
    pub volumes: Vec<VolumeBox>,
    pub markers: Vec<Marker>,
}

/// One shape per client, so colour is never the only signal.
pub const CLIENT_SHAPES: [&str; 3] = ["circle", "square", "diamond"];

/// An SVG path for client `client`'s shape centred on (x, y) with radius `r`.
pub fn shape_path(client: usize, x: i32, y: i32, r: i32) -> String {
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

/// The markers as SVG markup. They all move every frame, so the view replaces them in one
/// DOM write instead of diffing hundreds of elements. Labels are digits, `+`, `m` and words
/// made here, so nothing needs escaping.
pub fn markers_svg(markers: &[Marker]) -> String {
    use std::fmt::Write as _;
    let mut svg = String::with_capacity(markers.len() * 160);
    for marker in markers {
        let failed = if marker.failed { " marker-failed" } else { "" };
        let _ = write!(
            svg,
            r#"<g class="marker client-{}{failed}" data-request="{}"><path d="{}"/><text x="{}" y="{}" class="marker-label">{}</text></g>"#,
            marker.client % CLIENT_SHAPES.len(),
            marker.id,
            shape_path(marker.client, marker.at.x, marker.at.y, 7),
            marker.at.x + 10,
            marker.at.y - 8,
            marker.label,
        );
    }
    svg
}

impl Scene {
    pub fn layout(snapshot: &Snapshot) -> Scene {
        // Nodes stacked vertically, pods in rows of three inside each.
        let mut nodes = Vec::new();
        let mut pods = Vec::new();
        let mut y = TOP;
        for (name, up) in &snapshot.nodes {
            let on_node: Vec<_> = snapshot
                .pods
                .iter()
                .filter(|pod| &pod.node == name)
                .collect();
            let rows = on_node.len().div_ceil(PODS_PER_ROW).max(1);
            let height = NODE_PAD + rows as f64 * (POD_H + POD_GAP) + POD_GAP;
            for (index, pod) in on_node.iter().enumerate() {
                let (row, column) = (index / PODS_PER_ROW, index % PODS_PER_ROW);
                pods.push(PodBox {
                    name: pod.name.clone(),
                    area: Box2::new(
                        NODES_X + POD_GAP + column as f64 * (POD_W + POD_GAP),
                        y + NODE_PAD + row as f64 * (POD_H + POD_GAP),
                        POD_W,
                        POD_H,
                    ),
                    status: pod.status,
                    total: pod.memory_total.or(pod.empty_dir_total),
                    is_database: pod.workload == "db",
                });
            }
            nodes.push(NodeBox {
                name: name.clone(),
                up: *up,
                area: Box2::new(NODES_X, y, NODES_W, height),
            });
            y += height + 12.0;
        }
        let nodes_bottom = y;
        let volumes: Vec<VolumeBox> = snapshot
            .volumes
            .iter()
            .enumerate()
            .map(|(index, volume)| VolumeBox {
                claim: volume.claim.clone(),
                area: Box2::new(
                    VOLUMES_X,
                    TOP + index as f64 * (VOLUME_H + 10.0),
                    VOLUME_W,
                    VOLUME_H,
                ),
                total: volume.total,
                lock_holder: volume.lock_holder,
                queue_len: volume.lock_queue.len(),
            })
            .collect();
        let volumes_bottom = volumes.last().map_or(0.0, |volume| {
            f64::from(volume.area.y + volume.area.h) + 10.0
        });
        let height = nodes_bottom.max(volumes_bottom).max(260.0);
        let clients: Vec<(String, Point)> = snapshot
            .clients
            .iter()
            .enumerate()
            .map(|(index, client)| {
                let step = height / (snapshot.clients.len() as f64 + 1.0);
                let y = step * (index as f64 + 1.0);
                (
                    client.name.to_owned(),
                    Point {
                        x: CLIENT_X as i32,
                        y: y.round() as i32,
                    },
                )
            })
            .collect();
        let service = Box2::new(SERVICE_X, height / 2.0 - 60.0, SERVICE_W, 120.0);
        let adder_service = &snapshot.services[0];
        let (service_title, service_detail) = match &adder_service.service_type {
            ServiceType::ClusterIp { cluster_ip, .. } => (
                "Service adder".to_owned(),
                format!("ClusterIP {cluster_ip}"),
            ),
            ServiceType::Headless => (
                "Service adder".to_owned(),
                "headless: clusterIP None".to_owned(),
            ),
        };

        let pod_point = |name: &str| {
            pods.iter()
                .find(|pod| pod.name == name)
                .map(|pod| pod.area.centre())
        };
        let pod_volume_point = |name: &str| {
            let claim = snapshot
                .pods
                .iter()
                .find(|pod| pod.name == name)?
                .claim
                .clone()?;
            volumes
                .iter()
                .find(|volume| volume.claim == claim)
                .map(|volume| volume.area.centre())
        };
        let database_point = pods
            .iter()
            .find(|pod| pod.is_database)
            .map(|pod| pod.area.centre());
        let service_point = service.centre();
        let markers = snapshot
            .requests
            .iter()
            .map(|request| {
                let client_point = clients
                    .get(request.client)
                    .map_or(service_point, |(_, p)| *p);
                let pod = request.pod.as_deref().and_then(pod_point);
                let at_pod = pod.unwrap_or(service_point);
                let volume = request
                    .pod
                    .as_deref()
                    .and_then(pod_volume_point)
                    .unwrap_or(at_pod);
                let database = database_point.unwrap_or(at_pod);
                let (from, to) = match request.stage {
                    Stage::ToService => (client_point, service_point),
                    Stage::ToPod => (service_point, at_pod),
                    Stage::Compute | Stage::LockWait => (at_pod, at_pod),
                    Stage::ReadFile => (volume, at_pod),
                    Stage::WriteFile => (at_pod, volume),
                    Stage::ToDatabase => (at_pod, database),
                    Stage::Database => (database, database),
                    Stage::FromDatabase => (database, at_pod),
                    Stage::Respond => (at_pod, client_point),
                };
                let progress = f64::from(request.progress_per_mille) / 1000.0;
                let along =
                    |from: i32, to: i32| from + (f64::from(to - from) * progress).round() as i32;
                let at = Point {
                    x: along(from.x, to.x),
                    y: along(from.y, to.y),
                };
                let (label, failed) = match (request.stage, request.outcome) {
                    (Stage::Respond, Some(Ok(total))) => (total.to_string(), false),
                    (Stage::Respond, Some(Err(_))) => ("failed".to_owned(), true),
                    _ => match request.kind {
                        RequestKind::Add(number) => (format!("+{number}"), false),
                        RequestKind::Convert(metres) => (format!("{metres} m"), false),
                    },
                };
                Marker {
                    id: request.id,
                    client: request.client,
                    at,
                    label,
                    failed,
                }
            })
            .collect();

        Scene {
            height: height.round() as i32,
            clients,
            service,
            service_title,
            service_detail,
            nodes,
            pods,
            volumes,
            markers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sim::{ScenarioId, World};

    #[test]
    fn markers_become_one_group_each_with_the_clients_shape() {
        let markers = [
            Marker {
                id: 7,
                client: 1,
                at: Point { x: 100, y: 50 },
                label: "+5".into(),
                failed: false,
            },
            Marker {
                id: 8,
                client: 0,
                at: Point { x: 10, y: 20 },
                label: "failed".into(),
                failed: true,
            },
        ];
        let svg = markers_svg(&markers);
        assert_eq!(svg.matches("<g ").count(), 2);
        assert!(
            svg.contains(
                r#"class="marker client-1" data-request="7"><path d="M93 43h14v14h-14z"/>"#
            ),
            "{svg}"
        );
        assert!(
            svg.contains(r#"class="marker client-0 marker-failed""#),
            "{svg}"
        );
        assert!(svg.contains(">+5</text>"));
    }

    #[test]
    fn every_pod_is_inside_its_node_and_markers_stay_in_the_scene() {
        for scenario in ScenarioId::ALL {
            let mut world = World::new(scenario, 3);
            for _ in 0..40 {
                world.run_for(250);
                let scene = Scene::layout(&world.snapshot());
                for pod in &scene.pods {
                    let node = scene.nodes.iter().find(|node| {
                        pod.area.x >= node.area.x
                            && pod.area.x + pod.area.w <= node.area.x + node.area.w
                            && pod.area.y >= node.area.y
                            && pod.area.y + pod.area.h <= node.area.y + node.area.h
                    });
                    assert!(
                        node.is_some(),
                        "{scenario}: {} outside every node",
                        pod.name
                    );
                }
                for marker in &scene.markers {
                    assert!((0..=WIDTH as i32).contains(&marker.at.x), "{marker:?}");
                    assert!((0..=scene.height).contains(&marker.at.y), "{marker:?}");
                }
            }
        }
    }
}
