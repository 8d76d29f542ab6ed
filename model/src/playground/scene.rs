//! Where everything goes in the scene's SVG, and where each request marker is right now.
//! Plain geometry from a `Snapshot`, so the layout is tested natively and the component only
//! draws it. Coordinates are in the SVG's viewBox units.

use std::fmt::Write as _;

use crate::markup::push_escaped;
use crate::sim::command::RequestKind;
use crate::sim::objects::{Failure, Stage};
use crate::sim::scenario::{ProxyMode, TotalStore};
use crate::sim::snapshot::{Frame, PodStatus, PodView, RequestView, ServiceType};

/// The wide layout's width: clients on the left, then a column each for the Services, the nodes
/// and the volumes.
pub const WIDTH: f64 = 1100.0;
/// The narrow layout's width (a phone): rows from top to bottom, clients, Service, nodes side by
/// side, volumes.
pub const NARROW_WIDTH: f64 = 440.0;
/// The narrow layout's margin and the gap between nodes (and between volumes).
const NARROW_MARGIN: f64 = 10.0;
const NARROW_GAP: f64 = 8.0;
const CLIENT_X: f64 = 60.0;
const SERVICE_X: f64 = 190.0;
const SERVICE_W: f64 = 150.0;
const SERVICE_H: f64 = 104.0;
/// A headless Service's box: above the clients, left of the column traffic crosses.
const DNS_X: f64 = 10.0;
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
/// Characters of a pod name that fit its box in the normal face.
const POD_NAME_FITS: usize = 23;

/// Whole viewBox units: integers print without float formatting code in the bundle.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
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
    /// What the pod holds, e.g. `total 12 (memory)`; empty when the state is elsewhere.
    pub total: String,
    pub is_database: bool,
}

impl PodBox {
    /// The STATUS `kubectl get pods` would show, with readiness spelled out.
    pub fn status_text(&self) -> &'static str {
        match self.status {
            PodStatus::Pending => "Pending",
            PodStatus::ContainerCreating => "ContainerCreating",
            PodStatus::Running => "Running, not ready",
            PodStatus::Ready => "Ready",
            PodStatus::Terminating => "Terminating",
            PodStatus::Unknown => "Unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct VolumeBox {
    pub claim: String,
    pub area: Box2,
    pub total: u64,
    /// The lock's state, or why there is none: `lock: #12, 2 waiting`, `no lock`.
    pub lock: String,
}

/// A Service. A ClusterIP Service is drawn as the proxy it is (a virtual IP that kube-proxy
/// forwards to a pod); a headless one as what it is: a DNS name with endpoints, forwarding
/// nothing (requests look the name up there, then go to the pod directly).
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceBox {
    pub name: &'static str,
    pub area: Box2,
    pub headless: bool,
    pub title: String,
    /// Up to three short lines under the title.
    pub lines: Vec<String>,
}

/// One request in flight.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub id: u64,
    pub client: usize,
    pub at: Point,
    /// Shown beside the marker: the number being added, `DNS` during a lookup, or the answer
    /// on the way back.
    pub label: String,
    pub failed: bool,
    /// Waiting at a pod or the database (computing, queued for the lock): not moving, so the
    /// client's other requests waiting there sit on the same spot.
    pub stationary: bool,
}

/// Which of the two layouts to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Wide,
    Narrow,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: i32,
    pub height: i32,
    pub clients: Vec<(String, Point)>,
    /// The workload's Service first, then the database's (three tiers).
    pub services: Vec<ServiceBox>,
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
/// DOM write instead of diffing hundreds of elements. A client's requests waiting on the same
/// spot (a queue for the lock can be hundreds long) are drawn once, labelled with how many
/// (`×12`): one shape per place keeps the scene readable and the frame cheap. Labels are
/// digits, `+`, `×`, `m` and words made here, so nothing needs escaping.
pub fn markers_svg(markers: &[Marker]) -> String {
    use std::fmt::Write as _;
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
        let _ = write!(
            svg,
            r#"<g class="marker client-{}{failed}" data-request="{}"><path d="{}"/><text x="{}" y="{}" class="marker-label">{}</text></g>"#,
            marker.client % CLIENT_SHAPES.len(),
            marker.id,
            shape_path(marker.client, marker.at.x, marker.at.y, 7),
            marker.at.x + 10,
            marker.at.y - 8,
            label,
        );
    }
    svg
}

impl Scene {
    /// The wide layout.
    pub fn layout(snapshot: &Frame) -> Scene {
        Self::layout_for(snapshot, Orientation::Wide)
    }

    pub fn layout_for(snapshot: &Frame, orientation: Orientation) -> Scene {
        match orientation {
            Orientation::Wide => layout_wide(snapshot),
            Orientation::Narrow => layout_narrow(snapshot),
        }
    }
}

/// Clients on the left, the Service's column, the nodes stacked, the volumes on the right.
fn layout_wide(snapshot: &Frame) -> Scene {
    let (nodes, pods, nodes_bottom) = layout_nodes(snapshot);
    let volumes = layout_volumes(snapshot);
    let volumes_bottom = volumes.last().map_or(0.0, |volume| {
        f64::from(volume.area.y + volume.area.h) + 10.0
    });
    let headless = workload_is_headless(snapshot);
    // A headless Service's DNS box sits above the clients, off the lines they send along.
    let clients_top = if headless {
        TOP + SERVICE_H + 10.0
    } else {
        0.0
    };
    let height = nodes_bottom
        .max(volumes_bottom)
        .max(if headless { 320.0 } else { 260.0 });
    let step = (height - clients_top) / (snapshot.clients.len() as f64 + 1.0);
    let clients = snapshot
        .clients
        .iter()
        .enumerate()
        .map(|(index, client)| {
            let y = (clients_top + step * (index as f64 + 1.0)).round() as i32;
            let at = Point {
                x: CLIENT_X as i32,
                y,
            };
            (client.to_string(), at)
        })
        .collect();
    let services = layout_services(snapshot, height);
    finish(
        snapshot, WIDTH, height, clients, services, nodes, pods, volumes,
    )
}

/// Rows from top to bottom for a phone: (a headless Service's DNS box,) the clients, (the
/// ClusterIP Service,) the nodes side by side with their pods stacked, the volumes three a row,
/// (the database's headless Service). Requests still run down from the clients and never cross
/// a headless Service's box, which sits above them.
fn layout_narrow(snapshot: &Frame) -> Scene {
    let (width, margin, gap) = (NARROW_WIDTH, NARROW_MARGIN, NARROW_GAP);
    let headless = workload_is_headless(snapshot);
    let clients_y = if headless {
        TOP + SERVICE_H + 36.0
    } else {
        36.0
    };
    let count = snapshot.clients.len() as f64;
    let clients = snapshot
        .clients
        .iter()
        .enumerate()
        .map(|(index, client)| {
            let x = width * (index as f64 + 1.0) / (count + 1.0);
            let at = Point {
                x: x.round() as i32,
                y: clients_y as i32,
            };
            (client.to_string(), at)
        })
        .collect();
    let mut y = clients_y + 26.0;
    let mut services = service_boxes(snapshot);
    if let Some(service) = services.first_mut() {
        service.area = if service.headless {
            Box2::new(margin, TOP, SERVICE_W, SERVICE_H)
        } else {
            let area = Box2::new((width - SERVICE_W) / 2.0, y, SERVICE_W, SERVICE_H);
            y += SERVICE_H + 18.0;
            area
        };
    }
    // Nodes side by side, one column of pods each, all as tall as the fullest.
    let node_count = snapshot.nodes.len().max(1) as f64;
    let node_w = (width - 2.0 * margin - (node_count - 1.0) * gap) / node_count;
    let rows = snapshot
        .nodes
        .iter()
        .map(|(name, _)| snapshot.pods.iter().filter(|pod| &pod.node == name).count())
        .max()
        .unwrap_or(0)
        .max(1);
    let node_h = NODE_PAD + rows as f64 * (POD_H + POD_GAP) + POD_GAP;
    let mut nodes = Vec::new();
    let mut pods = Vec::new();
    for (index, (name, up)) in snapshot.nodes.iter().enumerate() {
        let x = margin + index as f64 * (node_w + gap);
        for (row, pod) in snapshot
            .pods
            .iter()
            .filter(|pod| &pod.node == name)
            .enumerate()
        {
            let area = Box2::new(
                x + POD_GAP,
                y + NODE_PAD + row as f64 * (POD_H + POD_GAP),
                node_w - 2.0 * POD_GAP,
                POD_H,
            );
            pods.push(pod_box(pod, area));
        }
        nodes.push(NodeBox {
            name: name.clone(),
            up: *up,
            area: Box2::new(x, y, node_w, node_h),
        });
    }
    y += node_h + 12.0;
    let volume_w = (width - 2.0 * margin - 2.0 * gap) / 3.0;
    let mut volumes = volume_boxes(snapshot);
    for (index, volume) in volumes.iter_mut().enumerate() {
        let (row, column) = (index / 3, index % 3);
        volume.area = Box2::new(
            margin + column as f64 * (volume_w + gap),
            y + row as f64 * (VOLUME_H + gap),
            volume_w,
            VOLUME_H,
        );
    }
    // The database's headless Service takes the next place in the volumes' rows (three tiers
    // have one volume, so it sits beside it), as tall as a Service needs.
    let slots = volumes.len() + usize::from(services.len() > 1);
    if let Some(database) = services.get_mut(1) {
        let (row, column) = (volumes.len() / 3, volumes.len() % 3);
        database.area = Box2::new(
            margin + column as f64 * (volume_w + gap),
            y + row as f64 * (VOLUME_H + gap),
            volume_w,
            SERVICE_H,
        );
    }
    let last_row_h = if services.len() > 1 {
        SERVICE_H
    } else {
        VOLUME_H
    };
    let rows = slots.div_ceil(3) as f64;
    if rows > 0.0 {
        y += (rows - 1.0) * (VOLUME_H + gap) + last_row_h + gap;
    }
    finish(
        snapshot,
        width,
        y + 4.0,
        clients,
        services,
        nodes,
        pods,
        volumes,
    )
}

fn workload_is_headless(snapshot: &Frame) -> bool {
    snapshot
        .services
        .first()
        .is_some_and(|service| service.service_type == ServiceType::Headless)
}

/// The scene from its boxes: every request's marker placed between them.
#[allow(clippy::too_many_arguments)] // the parts of one scene, each built by the layout
fn finish(
    snapshot: &Frame,
    width: f64,
    height: f64,
    clients: Vec<(String, Point)>,
    services: Vec<ServiceBox>,
    nodes: Vec<NodeBox>,
    pods: Vec<PodBox>,
    volumes: Vec<VolumeBox>,
) -> Scene {
    let mut scene = Scene {
        width: width.round() as i32,
        height: height.round() as i32,
        clients,
        services,
        nodes,
        pods,
        volumes,
        markers: Vec::new(),
    };
    scene.markers = scene.markers_for(snapshot);
    scene
}

impl Scene {
    /// The markers of `frame`'s requests placed on this scene's boxes. Between two reports the
    /// view places each frame's requests on the last report's layout instead of laying the
    /// whole scene out again every frame (the frame budget); a request to a pod created since
    /// is drawn at the Service until the next report (at most a quarter of a second).
    pub fn markers_for(&self, frame: &Frame) -> Vec<Marker> {
        let places = Places {
            snapshot: frame,
            clients: &self.clients,
            service: self.services.first().map(|service| service.area.centre()),
            headless: self
                .services
                .first()
                .is_some_and(|service| service.headless),
            pods: &self.pods,
            volumes: &self.volumes,
            database: self
                .pods
                .iter()
                .find(|pod| pod.is_database)
                .map(|pod| pod.area.centre()),
        };
        frame
            .requests
            .iter()
            .map(|request| places.marker(request))
            .collect()
    }
}

impl Scene {
    /// Everything but the request markers, as SVG markup: nodes, Services, pods, volumes and
    /// clients. Rebuilt as a whole when any of it changes (display only; see `model::markup`).
    pub fn shapes_svg(&self) -> String {
        let mut svg = String::with_capacity(4096);
        for node in &self.nodes {
            push_node(&mut svg, node);
        }
        for service in &self.services {
            push_service(&mut svg, service);
        }
        for pod in &self.pods {
            push_pod(&mut svg, pod);
        }
        for volume in &self.volumes {
            push_volume(&mut svg, volume);
        }
        for (index, (name, at)) in self.clients.iter().enumerate() {
            push_client(&mut svg, index, name, *at);
        }
        svg
    }
}

fn push_node(svg: &mut String, node: &NodeBox) {
    let Box2 { x, y, w, h } = node.area;
    let (class, down) = if node.up {
        ("", "")
    } else {
        (" node-down", " (down)")
    };
    let _ = write!(
        svg,
        r#"<g class="node{class}"><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="8"/><text x="{}" y="{}" class="node-label">"#,
        x + 8,
        y + 17
    );
    push_escaped(svg, &node.name);
    let _ = write!(svg, "{down}</text></g>");
}

fn push_service(svg: &mut String, service: &ServiceBox) {
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
    let title = std::iter::once((&service.title, "service-title", 26));
    let lines = service
        .lines
        .iter()
        .zip(0..)
        .map(|(line, row)| (line, "small", 48 + 20 * row));
    for (text, class, dy) in title.chain(lines) {
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

fn push_pod(svg: &mut String, pod: &PodBox) {
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
    // Long generated names (a converter's) get a smaller face to fit the box.
    let long = if pod.name.len() > POD_NAME_FITS {
        " pod-name-long"
    } else {
        ""
    };
    let _ = write!(
        svg,
        r#"<g class="{class}" data-pod="{0}"><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6"/><text x="{1}" y="{2}" class="pod-name{long}">{0}</text><text x="{1}" y="{3}" class="small">{4}</text><text x="{1}" y="{5}" class="pod-total">{6}</text></g>"#,
        pod.name,
        x + 6,
        y + 16,
        y + 33,
        pod.status_text(),
        y + 52,
        pod.total
    );
}

fn push_volume(svg: &mut String, volume: &VolumeBox) {
    let Box2 { x, y, w, h } = volume.area;
    let _ = write!(
        svg,
        r#"<g class="volume" data-claim="{0}"><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6"/><text x="{1}" y="{2}" class="pod-name">{0}</text><text x="{1}" y="{3}" class="pod-total">file: {4}</text><text x="{1}" y="{5}" class="small">"#,
        volume.claim,
        x + 6,
        y + 16,
        y + 36,
        volume.total,
        y + 56
    );
    push_escaped(svg, &volume.lock);
    svg.push_str("</text></g>");
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

/// Nodes stacked vertically, pods in rows of three inside each; returns the nodes' bottom.
fn layout_nodes(snapshot: &Frame) -> (Vec<NodeBox>, Vec<PodBox>, f64) {
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
            let area = Box2::new(
                NODES_X + POD_GAP + column as f64 * (POD_W + POD_GAP),
                y + NODE_PAD + row as f64 * (POD_H + POD_GAP),
                POD_W,
                POD_H,
            );
            pods.push(pod_box(pod, area));
        }
        nodes.push(NodeBox {
            name: name.clone(),
            up: *up,
            area: Box2::new(NODES_X, y, NODES_W, height),
        });
        y += height + 12.0;
    }
    (nodes, pods, y)
}

/// A pod's box at `area`, with what it shows.
fn pod_box(pod: &PodView, area: Box2) -> PodBox {
    let total = match (pod.memory_total, pod.empty_dir_total) {
        (Some(total), _) => format!("total {total} (memory)"),
        (_, Some(total)) => format!("total {total} (emptyDir)"),
        _ => String::new(),
    };
    PodBox {
        name: pod.name.clone(),
        area,
        status: pod.status,
        total,
        is_database: pod.workload == "db",
    }
}

/// The volumes in a column right of the nodes.
fn layout_volumes(snapshot: &Frame) -> Vec<VolumeBox> {
    let mut volumes = volume_boxes(snapshot);
    for (index, volume) in volumes.iter_mut().enumerate() {
        volume.area = Box2::new(
            VOLUMES_X,
            TOP + index as f64 * (VOLUME_H + 10.0),
            VOLUME_W,
            VOLUME_H,
        );
    }
    volumes
}

/// Each volume with what it shows; the layout places them.
fn volume_boxes(snapshot: &Frame) -> Vec<VolumeBox> {
    snapshot
        .volumes
        .iter()
        .map(|volume| {
            let lock = if snapshot.store == TotalStore::Database {
                "adds in db transactions".to_owned()
            } else if !snapshot.lock_enabled {
                "no lock: writes can clash".to_owned()
            } else {
                match volume.lock_holder {
                    Some(holder) => format!("lock: #{holder}, {} waiting", volume.lock_queue.len()),
                    None => "lock: free".to_owned(),
                }
            };
            VolumeBox {
                claim: volume.claim.clone(),
                area: Box2::new(0.0, 0.0, VOLUME_W, VOLUME_H),
                total: volume.total,
                lock,
            }
        })
        .collect()
}

/// One box per Service. A ClusterIP Service stands between the clients and the nodes, where
/// its traffic passes; a headless one stands apart (the workload's above the clients, the
/// database's at the foot of the column), since requests only ask it and never pass through.
fn layout_services(snapshot: &Frame, height: f64) -> Vec<ServiceBox> {
    let mut services = service_boxes(snapshot);
    let count = services.len();
    for (index, service) in services.iter_mut().enumerate() {
        service.area = match (service.headless, index) {
            (false, _) => {
                // Centred on the clients' lines, above a database Service if there is one.
                let room = if count > 1 {
                    height - SERVICE_H - 20.0
                } else {
                    height
                };
                Box2::new(SERVICE_X, (room - SERVICE_H) / 2.0, SERVICE_W, SERVICE_H)
            }
            (true, 0) => Box2::new(DNS_X, TOP, SERVICE_W, SERVICE_H),
            (true, _) => Box2::new(SERVICE_X, height - SERVICE_H - 10.0, SERVICE_W, SERVICE_H),
        };
    }
    services
}

/// Each Service with what it shows (its kind, how it picks pods, its endpoints); the layout
/// places them.
fn service_boxes(snapshot: &Frame) -> Vec<ServiceBox> {
    snapshot
        .services
        .iter()
        .map(|service| {
            let ready = service.endpoints.len();
            let (headless, lines) = match &service.service_type {
                ServiceType::ClusterIp {
                    cluster_ip,
                    proxy_mode,
                    session_affinity,
                } => {
                    let picks = match (session_affinity, proxy_mode) {
                        (true, _) => "kube-proxy: per client",
                        (false, ProxyMode::Random) => "kube-proxy: random pod",
                        (false, ProxyMode::RoundRobin) => "kube-proxy: in turn",
                    };
                    let lines = vec![
                        format!("ClusterIP {cluster_ip}"),
                        picks.to_owned(),
                        match ready {
                            1 => "1 ready endpoint".to_owned(),
                            ready => format!("{ready} ready endpoints"),
                        },
                    ];
                    (false, lines)
                }
                ServiceType::Headless => {
                    let answer = match service.endpoints.as_slice() {
                        [one] => format!("{one}.{} \u{2192} 1 IP", service.name),
                        _ => format!("{} \u{2192} {ready} pod IPs", service.name),
                    };
                    let lines = vec![
                        "clusterIP: None".to_owned(),
                        "a DNS name, no proxy".to_owned(),
                        answer,
                    ];
                    (true, lines)
                }
            };
            ServiceBox {
                name: service.name,
                area: Box2::new(0.0, 0.0, SERVICE_W, SERVICE_H),
                headless,
                title: format!("Service {}", service.name),
                lines,
            }
        })
        .collect()
}

/// Where the things a request travels between are drawn.
struct Places<'a> {
    snapshot: &'a Frame,
    clients: &'a [(String, Point)],
    /// The workload's Service (the proxy, or the DNS name a headless client asks).
    service: Option<Point>,
    headless: bool,
    pods: &'a [PodBox],
    volumes: &'a [VolumeBox],
    /// db-0's box (three tiers), looked up once per frame rather than once per request.
    database: Option<Point>,
}

impl Places<'_> {
    fn pod(&self, name: &str) -> Option<Point> {
        self.pods
            .iter()
            .find(|pod| pod.name == name)
            .map(|pod| pod.area.centre())
    }

    fn pod_volume(&self, name: &str) -> Option<Point> {
        let claim = self
            .snapshot
            .pods
            .iter()
            .find(|pod| pod.name == name)?
            .claim
            .as_deref()?;
        self.volumes
            .iter()
            .find(|volume| volume.claim == claim)
            .map(|volume| volume.area.centre())
    }

    /// A request's position along its current leg. ClusterIP: client → Service → pod. Headless:
    /// client → DNS and back (the lookup), then client → pod directly. Answers go pod → client.
    fn marker(&self, request: &RequestView) -> Marker {
        let client = self
            .clients
            .get(request.client)
            .map(|(_, point)| *point)
            .unwrap_or_default();
        let service = self.service.unwrap_or(client);
        let pod = request.pod.as_deref().and_then(|name| self.pod(name));
        let at_pod = pod.unwrap_or(service);
        let volume = request
            .pod
            .as_deref()
            .and_then(|name| self.pod_volume(name))
            .unwrap_or(at_pod);
        let database = self.database.unwrap_or(at_pod);
        let mut progress = request.progress_per_mille;
        let (from, to) = match request.stage {
            Stage::ToService if self.headless && progress > 500 => {
                progress = (progress - 500) * 2;
                (service, client)
            }
            Stage::ToService if self.headless => {
                progress *= 2;
                (client, service)
            }
            Stage::ToService => (client, service),
            Stage::ToPod if self.headless => (client, at_pod),
            Stage::ToPod => (service, at_pod),
            Stage::Compute | Stage::LockWait => (at_pod, at_pod),
            Stage::ReadFile => (volume, at_pod),
            Stage::WriteFile => (at_pod, volume),
            Stage::ToDatabase => (at_pod, database),
            Stage::Database => (database, database),
            Stage::FromDatabase => (database, at_pod),
            Stage::Respond => (at_pod, client),
        };
        let along = |from: i32, to: i32| from + (to - from) * progress as i32 / 1000;
        let (label, failed) = match (request.stage, request.outcome, request.kind) {
            // A headless name with no record fails at DNS, before any connection is made.
            (Stage::Respond, Some(Err(Failure::NoDnsRecord)), _) => {
                ("no DNS record".to_owned(), true)
            }
            (Stage::Respond, Some(Err(_)), _) => ("failed".to_owned(), true),
            (Stage::Respond, Some(Ok(answer)), RequestKind::Convert(_)) => {
                (format!("{answer} cm"), false)
            }
            (Stage::Respond, Some(Ok(total)), RequestKind::Add(_)) => (total.to_string(), false),
            (Stage::ToService, _, _) if self.headless => ("DNS?".to_owned(), false),
            (_, _, RequestKind::Add(number)) => (format!("+{number}"), false),
            (_, _, RequestKind::Convert(metres)) => (format!("{metres} m"), false),
        };
        Marker {
            id: request.id,
            client: request.client,
            at: Point {
                x: along(from.x, to.x),
                y: along(from.y, to.y),
            },
            label,
            failed,
            stationary: matches!(
                request.stage,
                Stage::Compute | Stage::LockWait | Stage::Database
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{ScenarioId, World};

    #[test]
    fn markers_become_one_group_each_with_the_clients_shape() {
        let markers = [
            Marker {
                id: 7,
                client: 1,
                at: Point { x: 100, y: 50 },
                label: "+5".into(),
                failed: false,
                stationary: false,
            },
            Marker {
                id: 8,
                client: 0,
                at: Point { x: 10, y: 20 },
                label: "failed".into(),
                failed: true,
                stationary: false,
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

    /// A queue is one shape with its length: a client's requests waiting on one spot are drawn
    /// once, while other clients' and moving requests at the same point keep their own.
    #[test]
    fn requests_waiting_on_one_spot_are_drawn_once_with_their_count() {
        let at = |x| Point { x, y: 50 };
        let marker = |id, client, x, stationary| Marker {
            id,
            client,
            at: at(x),
            label: format!("+{id}"),
            failed: false,
            stationary,
        };
        let markers = [
            marker(1, 0, 100, true),
            marker(2, 0, 100, true),
            marker(3, 1, 100, true),
            marker(4, 0, 100, false),
            marker(5, 0, 100, true),
            marker(6, 0, 200, true),
        ];
        let svg = markers_svg(&markers);
        assert_eq!(svg.matches("<g ").count(), 4, "{svg}");
        assert!(svg.contains(r#"data-request="1""#) && svg.contains(">\u{d7}3</text>"));
        assert!(!svg.contains(r#"data-request="2""#) && !svg.contains(r#"data-request="5""#));
        for lone in ["+3", "+4", "+6"] {
            assert!(svg.contains(&format!(">{lone}</text>")), "{lone}: {svg}");
        }
    }

    fn inside(point: Point, area: Box2) -> bool {
        (area.x..=area.x + area.w).contains(&point.x)
            && (area.y..=area.y + area.h).contains(&point.y)
    }

    /// True when `point` is on the segment from `from` to `to` (within rounding).
    fn on_segment(point: Point, from: Point, to: Point) -> bool {
        let cross = i64::from(to.x - from.x) * i64::from(point.y - from.y)
            - i64::from(to.y - from.y) * i64::from(point.x - from.x);
        let length = f64::from(to.x - from.x)
            .hypot(f64::from(to.y - from.y))
            .max(1.0);
        let between = |a: i32, b: i32, v: i32| a.min(b) - 1 <= v && v <= a.max(b) + 1;
        (cross as f64 / length).abs() <= 1.5
            && between(from.x, to.x, point.x)
            && between(from.y, to.y, point.y)
    }

    const ORIENTATIONS: [Orientation; 2] = [Orientation::Wide, Orientation::Narrow];

    /// Runs a scenario with traffic and hands every frame's scene, in both layouts, and
    /// snapshot to `check`.
    fn frames(scenario: ScenarioId, mut check: impl FnMut(&Scene, &Frame)) {
        let mut world = World::new(scenario, 4);
        for _ in 0..600 {
            world.run_for(50);
            let snapshot = world.frame();
            for orientation in ORIENTATIONS {
                check(&Scene::layout_for(&snapshot, orientation), &snapshot);
            }
        }
    }

    /// Between reports the view places each frame's requests on the last report's layout: the
    /// same markers as laying that frame out, while no pod or volume came or went.
    #[test]
    fn markers_on_the_last_reports_layout_are_the_frames_own() {
        let mut compared = 0;
        for scenario in ScenarioId::ALL {
            let mut world = World::new(scenario, 7);
            for _ in 0..120 {
                world.run_for(250);
                let report = world.frame();
                world.run_for(100);
                let live = world.frame();
                let names = |frame: &Frame| {
                    let pods: Vec<_> = frame
                        .pods
                        .iter()
                        .map(|p| (p.name.clone(), p.node.clone()))
                        .collect();
                    (pods, frame.volumes.len())
                };
                if names(&report) != names(&live) {
                    continue;
                }
                for orientation in ORIENTATIONS {
                    let scene = Scene::layout_for(&report, orientation);
                    let own = Scene::layout_for(&live, orientation);
                    assert_eq!(scene.markers_for(&live), own.markers, "{scenario}");
                }
                compared += 1;
            }
        }
        assert!(compared > 500, "{compared}");
    }

    /// A headless Service forwards nothing: a request asks its DNS name (client → box → client)
    /// and then goes from the client straight to the pod, on a line that misses the box.
    #[test]
    fn a_headless_service_is_a_dns_name_that_requests_never_pass_through() {
        let mut direct = 0;
        frames(ScenarioId::StatefulSetHeadless, |scene, snapshot| {
            let dns = &scene.services[0];
            assert!(dns.headless);
            assert_eq!(dns.lines[..2], ["clusterIP: None", "a DNS name, no proxy"]);
            for (marker, request) in scene.markers.iter().zip(&snapshot.requests) {
                let client = scene.clients[request.client].1;
                let pod = request
                    .pod
                    .as_deref()
                    .and_then(|name| scene.pods.iter().find(|p| p.name == name));
                match (request.stage, pod) {
                    (Stage::ToService, _) => {
                        assert!(
                            on_segment(marker.at, client, dns.area.centre()),
                            "{marker:?}"
                        );
                        assert_eq!(marker.label, "DNS?");
                    }
                    (Stage::ToPod | Stage::Respond, Some(pod)) => {
                        direct += 1;
                        assert!(
                            on_segment(marker.at, client, pod.area.centre()),
                            "{marker:?}"
                        );
                        for step in 0..=20 {
                            let (c, p) = (client, pod.area.centre());
                            let along = Point {
                                x: c.x + (p.x - c.x) * step / 20,
                                y: c.y + (p.y - c.y) * step / 20,
                            };
                            assert!(
                                !inside(along, dns.area),
                                "{} crosses the DNS box",
                                request.id
                            );
                        }
                    }
                    _ => {}
                }
            }
        });
        assert!(direct > 50, "requests were seen travelling ({direct})");
    }

    /// A ClusterIP Service is the proxy: requests go client → Service → pod.
    #[test]
    fn a_cluster_ip_service_forwards_every_request() {
        let mut forwarded = 0;
        frames(ScenarioId::AdderMemory, |scene, snapshot| {
            let service = &scene.services[0];
            assert!(!service.headless && service.lines[0] == "ClusterIP 10.96.0.10");
            for (marker, request) in scene.markers.iter().zip(&snapshot.requests) {
                let client = scene.clients[request.client].1;
                match request.stage {
                    Stage::ToService => {
                        assert!(on_segment(marker.at, client, service.area.centre()))
                    }
                    Stage::ToPod => {
                        forwarded += 1;
                        let pod = scene
                            .pods
                            .iter()
                            .find(|p| Some(&p.name) == request.pod.as_ref())
                            .unwrap();
                        assert!(on_segment(
                            marker.at,
                            service.area.centre(),
                            pod.area.centre()
                        ));
                    }
                    _ => {}
                }
            }
        });
        assert!(forwarded > 50);
    }

    #[test]
    fn three_tiers_draw_the_databases_headless_service_too() {
        frames(ScenarioId::ThreeTier, |scene, _| {
            assert_eq!(scene.services.len(), 2);
            let (adder, db) = (&scene.services[0], &scene.services[1]);
            assert!(!adder.headless && db.headless && db.title == "Service db");
            assert!(adder.area.y + adder.area.h < db.area.y, "stacked, apart");
            assert!(
                scene
                    .volumes
                    .iter()
                    .all(|volume| volume.lock == "adds in db transactions")
            );
        });
        let mut world = World::new(ScenarioId::ThreeTier, 4);
        world.run_for(10_000);
        let scene = Scene::layout(&world.frame());
        assert_eq!(scene.services[1].lines[2], "db-0.db \u{2192} 1 IP");
    }

    #[test]
    fn volumes_say_whether_there_is_a_lock_and_pods_where_their_total_is() {
        let mut world = World::new(ScenarioId::SharedVolumeNoLock, 4);
        world.run_for(10_000);
        let scene = Scene::layout(&world.frame());
        assert_eq!(scene.volumes[0].lock, "no lock: writes can clash");
        assert!(
            scene.pods.iter().all(|pod| pod.total.is_empty()),
            "the total is in the file"
        );
        let mut world = World::new(ScenarioId::SharedVolumeLock, 4);
        world.run_for(10_000);
        assert!(
            Scene::layout(&world.frame()).volumes[0]
                .lock
                .starts_with("lock: ")
        );
        for (scenario, kept) in [
            (ScenarioId::AdderMemory, "(memory)"),
            (ScenarioId::AdderEmptyDir, "(emptyDir)"),
        ] {
            let mut world = World::new(scenario, 4);
            world.run_for(10_000);
            let scene = Scene::layout(&world.frame());
            assert!(
                scene
                    .pods
                    .iter()
                    .all(|pod| pod.total.starts_with("total ") && pod.total.ends_with(kept))
            );
        }
    }

    /// The converter keeps nothing; its answers travel back as centimetres.
    #[test]
    fn converter_pods_show_no_total_and_answers_are_centimetres() {
        let mut answers = 0;
        frames(ScenarioId::ConverterDeployment, |scene, snapshot| {
            assert!(
                scene
                    .pods
                    .iter()
                    .all(|pod| pod.total.is_empty() && pod.name.starts_with("converter-"))
            );
            assert_eq!(scene.services[0].title, "Service converter");
            for (marker, request) in scene.markers.iter().zip(&snapshot.requests) {
                if let (Stage::Respond, RequestKind::Convert(metres)) =
                    (request.stage, request.kind)
                {
                    answers += 1;
                    assert_eq!(marker.label, format!("{} cm", metres * 100));
                }
            }
        });
        assert!(answers > 10);
    }

    #[test]
    fn every_pod_is_inside_its_node_and_markers_stay_in_the_scene() {
        for scenario in ScenarioId::ALL {
            let mut world = World::new(scenario, 3);
            for _ in 0..40 {
                world.run_for(250);
                for orientation in ORIENTATIONS {
                    let scene = Scene::layout_for(&world.frame(), orientation);
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
                        assert!((0..=scene.width).contains(&marker.at.x), "{marker:?}");
                        assert!((0..=scene.height).contains(&marker.at.y), "{marker:?}");
                    }
                }
            }
        }
    }

    fn overlap(a: Box2, b: Box2) -> bool {
        a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
    }

    /// On a phone nothing may sit off-screen: every box is inside the narrow width and the
    /// scene's height, and no two of nodes, Services and volumes overlap, with 16 pods too.
    #[test]
    fn the_narrow_layout_fits_its_width_without_overlaps() {
        for scenario in ScenarioId::ALL {
            let mut world = World::new(scenario, 3);
            world.run_for(5_000);
            let _ = world.apply(&crate::sim::Command::Scale { replicas: 16 });
            for _ in 0..20 {
                world.run_for(500);
                let scene = Scene::layout_for(&world.frame(), Orientation::Narrow);
                assert_eq!(scene.width, NARROW_WIDTH as i32);
                let boxes: Vec<(String, Box2)> = scene
                    .nodes
                    .iter()
                    .map(|node| (node.name.clone(), node.area))
                    .chain(scene.services.iter().map(|s| (s.title.clone(), s.area)))
                    .chain(scene.volumes.iter().map(|v| (v.claim.clone(), v.area)))
                    .collect();
                for (index, (name, area)) in boxes.iter().enumerate() {
                    assert!(
                        area.x >= 0
                            && area.x + area.w <= scene.width
                            && area.y >= 0
                            && area.y + area.h <= scene.height,
                        "{scenario}: {name} {area:?} outside {}x{}",
                        scene.width,
                        scene.height
                    );
                    for (other, other_area) in &boxes[..index] {
                        assert!(
                            !overlap(*area, *other_area),
                            "{scenario}: {name} overlaps {other}"
                        );
                    }
                }
                for (name, at) in &scene.clients {
                    assert!(boxes.iter().all(|(_, area)| !inside(*at, *area)), "{name}");
                }
            }
        }
    }
}
