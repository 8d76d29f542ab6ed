//! The layouts' rules, for every scenario, at a desktop's and a phone's width.

use super::text::{Face, width_px};
use super::*;
use crate::sim::command::RequestKind;
use crate::sim::objects::Stage;
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
            label_left: false,
        },
        Marker {
            id: 8,
            client: 0,
            at: Point { x: 10, y: 20 },
            label: "failed".into(),
            failed: true,
            stationary: false,
            label_left: false,
        },
    ];
    let svg = markers_svg(&markers);
    assert_eq!(svg.matches("<g ").count(), 2);
    assert!(
        svg.contains(r#"class="marker client-1" data-request="7"><path d="M93 43h14v14h-14z"/>"#),
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
        label_left: false,
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
    (area.x..=area.x + area.w).contains(&point.x) && (area.y..=area.y + area.h).contains(&point.y)
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

/// The scene's box at 1280 px (the stage beside the lesson), at the ends of the wide
/// layout's range, a compare lane at 1280 px, on a 375 px phone, and a compare lane there.
const BOXES_PX: [u32; 6] = [846, 800, 1100, 395, 341, 333];

/// Runs a scenario with traffic and hands every frame's scene, in both layouts, and
/// snapshot to `check`.
fn frames(scenario: ScenarioId, mut check: impl FnMut(&Scene, &Frame)) {
    let mut world = World::new(scenario, 4);
    for _ in 0..600 {
        world.run_for(50);
        let snapshot = world.frame();
        for box_px in BOXES_PX {
            check(&Scene::layout_in(&snapshot, box_px), &snapshot);
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
            for box_px in BOXES_PX {
                let scene = Scene::layout_in(&report, box_px);
                let own = Scene::layout_in(&live, box_px);
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
                    assert!(on_segment(marker.at, client, dns.entry), "{marker:?}");
                    assert_eq!(marker.label, "DNS?");
                }
                (Stage::ToPod | Stage::Respond, Some(pod)) => {
                    direct += 1;
                    assert!(on_segment(marker.at, client, pod.port), "{marker:?}");
                    for step in 0..=20 {
                        let (c, p) = (client, pod.port);
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
        assert!(!service.headless && service.lines[0] == "ClusterIP 10.96.8.21");
        for (marker, request) in scene.markers.iter().zip(&snapshot.requests) {
            let client = scene.clients[request.client].1;
            match request.stage {
                Stage::ToService => {
                    assert!(on_segment(marker.at, client, service.entry))
                }
                Stage::ToPod => {
                    forwarded += 1;
                    let pod = scene
                        .pods
                        .iter()
                        .find(|p| Some(&p.name) == request.pod.as_ref())
                        .unwrap();
                    assert!(on_segment(marker.at, service.exit, pod.port));
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
                .all(|volume| volume.lock == ["adds in db", "transactions"])
        );
    });
    let mut world = World::new(ScenarioId::ThreeTier, 4);
    world.run_for(10_000);
    let scene = Scene::layout_in(&world.frame(), 846);
    assert_eq!(scene.services[1].lines[2], "db-0.db \u{2192} 1 IP");
}

#[test]
fn volumes_say_whether_there_is_a_lock_and_pods_where_their_total_is() {
    let mut world = World::new(ScenarioId::SharedVolumeNoLock, 4);
    world.run_for(10_000);
    let scene = Scene::layout_in(&world.frame(), 846);
    assert_eq!(scene.volumes[0].lock, ["no lock:", "writes can clash"]);
    assert!(
        scene.pods.iter().all(|pod| pod.total.is_empty()),
        "the total is in the file"
    );
    let mut world = World::new(ScenarioId::SharedVolumeLock, 4);
    world.run_for(10_000);
    assert!(Scene::layout_in(&world.frame(), 846).volumes[0].lock[0].starts_with("lock: "));
    for (scenario, kept) in [
        (ScenarioId::AdderMemory, "memory: "),
        (ScenarioId::AdderEmptyDir, "emptyDir: "),
    ] {
        let mut world = World::new(scenario, 4);
        world.run_for(10_000);
        let scene = Scene::layout_in(&world.frame(), 846);
        assert!(scene.pods.iter().all(|pod| pod.total.starts_with(kept)));
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
            if let (Stage::Respond, RequestKind::Convert(metres)) = (request.stage, request.kind) {
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
            for box_px in BOXES_PX {
                let scene = Scene::layout_in(&world.frame(), box_px);
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

/// Nothing may sit off-screen: every box is inside the scene, and no two of nodes, Services
/// and volumes overlap, at every width, with 16 pods too.
#[test]
fn every_layout_fits_its_width_without_overlaps() {
    for scenario in ScenarioId::ALL {
        let mut world = World::new(scenario, 3);
        world.run_for(5_000);
        let _ = world.apply(&crate::sim::Command::Scale { replicas: 16 });
        for step in 0..20 {
            world.run_for(500);
            let box_px = BOXES_PX[step % BOXES_PX.len()];
            let scene = Scene::layout_in(&world.frame(), box_px);
            assert_eq!(scene.width, box_px as i32);
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

/// Every line of text fits inside its box (the drawn text is measured the same way by the
/// e2e reading test): names are shortened, not clipped, at every width, with a node down
/// and 16 pods too.
#[test]
fn every_line_of_text_fits_its_box() {
    for scenario in ScenarioId::ALL {
        let mut world = World::new(scenario, 5);
        for step in 0..40 {
            world.run_for(400);
            if step == 10 {
                let node = "node-2".to_owned();
                let _ = world.apply(&crate::sim::Command::FailNode { node });
            }
            if step == 20 {
                let _ = world.apply(&crate::sim::Command::Scale { replicas: 16 });
            }
            if step == 30 {
                // A deleted Service is drawn in its place, saying so.
                world.apply(&crate::sim::Command::DeleteService).unwrap();
            }
            for box_px in BOXES_PX {
                let scene = Scene::layout_in(&world.frame(), box_px);
                let metrics = scene.metrics();
                let fits = |text: &str, size: f64, face: Face, area: Box2, inset: f64| {
                    let room = f64::from(area.w) - 2.0 * inset;
                    assert!(
                        width_px(text, size, face) <= room,
                        "{scenario} at {box_px} px: {text:?} is wider than {room} px"
                    );
                };
                let inset = metrics.text_inset;
                for pod in &scene.pods {
                    fits(
                        &pod.shown_name,
                        metrics.name_px,
                        Face::Bold,
                        pod.area,
                        inset,
                    );
                    fits(
                        &pod.shown_status,
                        metrics.small_px,
                        Face::Regular,
                        pod.area,
                        inset,
                    );
                    fits(&pod.total, metrics.total_px, Face::Bold, pod.area, inset);
                }
                for volume in &scene.volumes {
                    fits(
                        &volume.claim,
                        metrics.name_px,
                        Face::Bold,
                        volume.area,
                        inset,
                    );
                    let file = format!("file: {}", volume.total);
                    fits(&file, metrics.total_px, Face::Bold, volume.area, inset);
                    for line in &volume.lock {
                        fits(line, metrics.small_px, Face::Regular, volume.area, inset);
                    }
                }
                for service in &scene.services {
                    fits(&service.title, 13.0, Face::Bold, service.area, 4.0);
                    for line in &service.lines {
                        fits(line, metrics.small_px, Face::Regular, service.area, 4.0);
                    }
                }
                for node in &scene.nodes {
                    let inset = NODE_LABEL_INSET;
                    let label = format!("{} down", node.name);
                    // `.node-label` in `style/main.css`: 13 px, 11 px in the small type.
                    let size = if scene.small_type { 11.0 } else { 13.0 };
                    fits(&label, size, Face::Bold, node.area, inset);
                }
            }
        }
    }
}

/// A request marker (a shape of radius 7 with its label on its right) never sits on a box's
/// text: requests wait in a pod's strip under its last line, and reach a Service and a volume
/// beside the box.
#[test]
fn requests_arrive_and_wait_off_the_text() {
    for scenario in [ScenarioId::ThreeTier, ScenarioId::StatefulSetHeadless] {
        frames(scenario, |scene, _| {
            let metrics = scene.metrics();
            for pod in &scene.pods {
                let strip_top = pod.area.y + metrics.pod_lines[2] + 3;
                assert!(pod.port.y - 7 >= strip_top, "{pod:?}");
                assert!(pod.port.y + 7 <= pod.area.y + pod.area.h, "{pod:?}");
            }
            let clear = |port: Point, area: Box2, what: &str| {
                let shape = Box2::new(f64::from(port.x - 7), f64::from(port.y - 7), 14.0, 14.0);
                assert!(!overlap(shape, area), "{what}: {port:?} on {area:?}");
            };
            for service in &scene.services {
                clear(service.entry, service.area, &service.title);
                clear(service.exit, service.area, &service.title);
            }
            for volume in &scene.volumes {
                clear(volume.port, volume.area, &volume.claim);
            }
        });
    }
}

/// The layout is made for the box's width: wide from 800 px, narrow below, each scaled (not
/// reflowed) outside the widths it is made for.
#[test]
fn the_layout_is_made_for_its_box() {
    let frame = World::new(ScenarioId::AdderMemory, 1).frame();
    for (box_px, orientation, width) in [
        (1920, Orientation::Wide, 1100),
        (846, Orientation::Wide, 846),
        (800, Orientation::Wide, 800),
        (799, Orientation::Narrow, 540),
        (341, Orientation::Narrow, 341),
        (288, Orientation::Narrow, 333),
    ] {
        let scene = Scene::layout_in(&frame, box_px);
        assert_eq!((scene.orientation, scene.width), (orientation, width));
    }
}
