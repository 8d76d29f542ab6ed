//! Where everything goes in the scene's SVG, and where each request marker is right now.
//! Plain geometry from a `Frame`, so the layout is tested natively and the component only
//! draws it. The layout is made for the CSS width of the box the scene is drawn in: one
//! viewBox unit is one pixel there, so text is drawn at its CSS size (11 px and up in the wide
//! layout, 10 px in the narrow one) and a long name is shortened to fit its box rather than
//! everything shrunk to fit the longest.

mod narrow;
mod route;
mod svg;
#[cfg(test)]
mod tests;
pub mod text;
mod wide;

use crate::sim::scenario::{ProxyMode, TotalStore};
use crate::sim::snapshot::{Frame, PodStatus, PodView, ServiceType};
pub use svg::{CLIENT_SHAPES, markers_svg, shape_path};
use text::{Face, first_that_fits, fit_pod_name};

/// Boxes at least this wide (CSS px) get the wide layout, columns from left to right; narrower
/// ones the narrow layout, rows from top to bottom.
pub const WIDE_FROM_PX: u32 = 800;
/// The widths each layout is made for. A box outside its range scales the scene (a wider
/// screen gets bigger letters; a phone under 333 px, smaller ones).
const WIDE_PX: (u32, u32) = (WIDE_FROM_PX, 1100);
/// 333 px is the narrowest where three nodes side by side still fit `ContainerCreating`.
const NARROW_PX: (u32, u32) = (333, 540);

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

    pub fn centre(&self) -> Point {
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
    /// The pod's full name (requests and the page find it by this).
    pub name: String,
    /// The name as drawn: shortened to fit the box (`adder-87d…-xstnx`) when it must.
    pub shown_name: String,
    pub area: Box2,
    pub status: PodStatus,
    /// The status as drawn: `Not ready` where `Running, not ready` does not fit.
    pub shown_status: String,
    /// What the pod holds, e.g. `memory: 12`; empty when the state is elsewhere.
    pub total: String,
    /// Where requests arrive and wait: a strip at the foot of the box, under its text.
    pub port: Point,
    pub is_database: bool,
}

impl PodBox {
    /// The STATUS `kubectl get pods` would show, with readiness spelled out.
    pub fn status_text(&self) -> &'static str {
        status_text(self.status)
    }
}

fn status_text(status: PodStatus) -> &'static str {
    match status {
        PodStatus::Pending => "Pending",
        PodStatus::ContainerCreating => "ContainerCreating",
        PodStatus::Running => "Running, not ready",
        PodStatus::Ready => "Ready",
        PodStatus::Terminating => "Terminating",
        PodStatus::Unknown => "Unknown",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct VolumeBox {
    pub claim: String,
    pub area: Box2,
    pub total: u64,
    /// The lock's state, or why there is none, on two short lines: `lock: #12` / `2 waiting`.
    pub lock: [String; 2],
    /// Where reads and writes meet the box: beside it, off its text.
    pub port: Point,
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
    /// Where requests reach the box and where they leave it (a headless Service: where the
    /// lookup is asked and answered), outside it so a marker never covers its text.
    pub entry: Point,
    pub exit: Point,
}

/// One request in flight.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub id: u64,
    pub client: usize,
    pub at: Point,
    /// Shown beside the marker: the number being added, `DNS?` during a lookup, or the answer
    /// on the way back.
    pub label: String,
    pub failed: bool,
    /// Waiting at a pod or the database (computing, queued for the lock): not moving, so the
    /// client's other requests waiting there sit on the same spot.
    pub stationary: bool,
    /// The label goes left of the shape: the marker is just left of a Service's box, where a
    /// label on its right would lie over the box's text.
    pub label_left: bool,
}

/// Which of the two layouts a scene has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Wide,
    Narrow,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub orientation: Orientation,
    /// Drawn in the narrow layout's smaller type (`.scene-small` in `style/main.css`).
    pub small_type: bool,
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

/// A layout's sizes in px. The font sizes are `style/main.css`'s for `.scene-svg` (and
/// `.scene-small`): the layout fits text with them, and the e2e reading test measures the
/// drawn text against its box, so the two cannot drift apart unseen.
struct Metrics {
    /// Statuses, a Service's lines, a volume's lock lines.
    small_px: f64,
    /// Pod and claim names, bold.
    name_px: f64,
    /// Totals, bold.
    total_px: f64,
    /// From a box's left edge to its text.
    text_inset: f64,
    pod_h: f64,
    /// Baselines of a pod's name, status and total, from its top.
    pod_lines: [i32; 3],
    /// The strip where requests wait in a pod, from its top.
    queue_dy: i32,
    service_w: f64,
    service_h: f64,
    /// Baselines of a Service's title and its three lines.
    service_lines: [i32; 4],
    volume_h: f64,
    /// Baselines of a volume's claim, file and two lock lines.
    volume_lines: [i32; 4],
    node_label_dy: i32,
    /// From a node's top to its first pod.
    node_pad: f64,
}

const WIDE: Metrics = Metrics {
    small_px: 11.0,
    name_px: 11.0,
    total_px: 12.0,
    text_inset: 6.0,
    pod_h: 67.0,
    pod_lines: [15, 30, 46],
    queue_dy: 58,
    service_w: 156.0,
    service_h: 88.0,
    service_lines: [22, 42, 58, 74],
    volume_h: 68.0,
    volume_lines: [15, 32, 48, 62],
    node_label_dy: 17,
    node_pad: 24.0,
};

const NARROW: Metrics = Metrics {
    small_px: 10.0,
    name_px: 10.0,
    total_px: 11.0,
    text_inset: 3.0,
    pod_h: 60.0,
    pod_lines: [13, 26, 40],
    queue_dy: 51,
    service_w: 140.0,
    service_h: 78.0,
    service_lines: [19, 37, 52, 67],
    volume_h: 62.0,
    volume_lines: [13, 29, 43, 56],
    node_label_dy: 15,
    node_pad: 21.0,
};

/// From this width (CSS px) the narrow layout has room for the wide one's type: three nodes
/// side by side fit `ContainerCreating` and `node-2 down` at 11 and 13 px (a compare lane on
/// a desktop, a tablet).
const ROOMY_FROM_PX: u32 = 380;

impl Scene {
    /// The SVG's classes: `style/main.css` sets the narrow drawing's width and the small type.
    pub fn svg_class(&self) -> &'static str {
        match (self.orientation, self.small_type) {
            (Orientation::Wide, _) => "scene-svg",
            (Orientation::Narrow, false) => "scene-svg scene-narrow",
            (Orientation::Narrow, true) => "scene-svg scene-narrow scene-small",
        }
    }

    /// The layout's sizes: the small type only where a narrow box needs it.
    fn metrics(&self) -> &'static Metrics {
        if self.small_type { &NARROW } else { &WIDE }
    }
}

impl Orientation {
    /// The layout for a box `box_px` CSS pixels wide.
    pub fn for_box(box_px: u32) -> Orientation {
        if box_px >= WIDE_FROM_PX {
            Orientation::Wide
        } else {
            Orientation::Narrow
        }
    }
}

impl Scene {
    /// The scene laid out for a box `box_px` CSS pixels wide.
    pub fn layout_in(snapshot: &Frame, box_px: u32) -> Scene {
        match Orientation::for_box(box_px) {
            Orientation::Wide => wide::layout(snapshot, box_px.clamp(WIDE_PX.0, WIDE_PX.1)),
            Orientation::Narrow => narrow::layout(snapshot, box_px.clamp(NARROW_PX.0, NARROW_PX.1)),
        }
    }
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
    orientation: Orientation,
    width: f64,
    height: f64,
    clients: Vec<(String, Point)>,
    services: Vec<ServiceBox>,
    nodes: Vec<NodeBox>,
    pods: Vec<PodBox>,
    volumes: Vec<VolumeBox>,
) -> Scene {
    let mut scene = Scene {
        orientation,
        small_type: orientation == Orientation::Narrow && width < f64::from(ROOMY_FROM_PX),
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

/// A pod's box at `area`, with its text fitted to it.
fn pod_box(pod: &PodView, area: Box2, metrics: &Metrics) -> PodBox {
    let room = f64::from(area.w) - 2.0 * metrics.text_inset;
    let total = match (pod.memory_total, pod.empty_dir_total) {
        (Some(total), _) => Some(("memory", total)),
        (_, Some(total)) => Some(("emptyDir", total)),
        _ => None,
    };
    let total = total.map_or(String::new(), |(place, total)| {
        let (long, short) = (format!("{place}: {total}"), total.to_string());
        first_that_fits(&[&long, &short], room, metrics.total_px, Face::Bold)
    });
    let status = status_text(pod.status);
    // Only `Running, not ready` is longer than `ContainerCreating`, which always fits.
    let forms = [status, "Not ready"];
    let forms = if pod.status == PodStatus::Running {
        &forms[..]
    } else {
        &forms[..1]
    };
    let shown_status = first_that_fits(forms, room, metrics.small_px, Face::Regular);
    PodBox {
        name: pod.name.clone(),
        shown_name: fit_pod_name(&pod.name, room, metrics.name_px),
        area,
        status: pod.status,
        shown_status,
        total,
        port: Point {
            x: area.x + metrics.text_inset as i32 + 8,
            y: area.y + metrics.queue_dy,
        },
        is_database: pod.workload == "db",
    }
}

/// From a node's left edge to its label.
const NODE_LABEL_INSET: f64 = 6.0;

fn node_box(name: &str, up: bool, area: Box2) -> NodeBox {
    NodeBox {
        name: name.to_owned(),
        up,
        area,
    }
}

/// Each volume with what it shows; the layout places them (and their ports).
fn volume_boxes(snapshot: &Frame) -> Vec<VolumeBox> {
    snapshot
        .volumes
        .iter()
        .map(|volume| {
            let lock = if snapshot.store == TotalStore::Database {
                ["adds in db".to_owned(), "transactions".to_owned()]
            } else if !snapshot.lock_enabled {
                ["no lock:".to_owned(), "writes can clash".to_owned()]
            } else {
                match volume.lock_holder {
                    Some(holder) => [
                        format!("lock: #{holder}"),
                        format!("{} waiting", volume.lock_queue.len()),
                    ],
                    None => ["lock: free".to_owned(), String::new()],
                }
            };
            VolumeBox {
                claim: volume.claim.clone(),
                area: Box2::new(0.0, 0.0, 0.0, 0.0),
                total: volume.total,
                lock,
                port: Point::default(),
            }
        })
        .collect()
}

/// Each Service with what it shows (its kind, how it picks pods, its endpoints); the layout
/// places them and their entry and exit.
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
            let (title, lines) = if service.deleted {
                (
                    format!("Service {}", service.name),
                    vec![
                        "deleted".to_owned(),
                        "DNS: no such name".to_owned(),
                        "apply to create again".to_owned(),
                    ],
                )
            } else {
                (format!("Service {}", service.name), lines)
            };
            ServiceBox {
                name: service.name,
                area: Box2::new(0.0, 0.0, 0.0, 0.0),
                headless,
                title,
                lines,
                entry: Point::default(),
                exit: Point::default(),
            }
        })
        .collect()
}

/// A headless Service is asked and answers beside its box, on the right, where no text is;
/// low, so the clients' lookups (from below) pass under its text rather than over it.
fn place_dns_port(service: &mut ServiceBox) {
    let Box2 { x, y, w, h } = service.area;
    let port = Point {
        x: x + w + 14,
        y: y + h - 12,
    };
    service.entry = port;
    service.exit = port;
}
