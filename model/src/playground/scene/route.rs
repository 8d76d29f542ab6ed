//! Where each request's marker is: along its current leg between the scene's ports (a Service's
//! entry and exit, a pod's strip for requests, a volume's side), so markers never sit on text.

use super::{Marker, PodBox, Point, Scene, ServiceBox, VolumeBox};
use crate::sim::command::RequestKind;
use crate::sim::objects::{Failure, Stage};
use crate::sim::snapshot::{Frame, RequestView};

/// How far left of a Service's box a marker's label (`no DNS record` the longest) would reach
/// into it, drawn on the marker's right.
const LABEL_REACH: i32 = 80;

impl Scene {
    /// The markers of `frame`'s requests placed on this scene's boxes. Between two reports the
    /// view places each frame's requests on the last report's layout instead of laying the
    /// whole scene out again every frame (the frame budget); a request to a pod created since
    /// is drawn at the Service until the next report (at most a quarter of a second).
    pub fn markers_for(&self, frame: &Frame) -> Vec<Marker> {
        let service = self.services.first();
        let places = Places {
            snapshot: frame,
            clients: &self.clients,
            entry: service.map(|service| service.entry),
            exit: service.map(|service| service.exit),
            headless: service.is_some_and(|service| service.headless),
            services: &self.services,
            pods: &self.pods,
            volumes: &self.volumes,
            database: self
                .pods
                .iter()
                .find(|pod| pod.is_database)
                .map(|pod| pod.port),
        };
        frame
            .requests
            .iter()
            .map(|request| places.marker(request))
            .collect()
    }
}

/// Where the things a request travels between are drawn.
struct Places<'a> {
    snapshot: &'a Frame,
    clients: &'a [(String, Point)],
    /// The workload's Service: where requests reach it and leave it (a headless one: where
    /// its name is looked up).
    entry: Option<Point>,
    exit: Option<Point>,
    headless: bool,
    services: &'a [ServiceBox],
    pods: &'a [PodBox],
    volumes: &'a [VolumeBox],
    /// db-0's port (three tiers), looked up once per frame rather than once per request.
    database: Option<Point>,
}

impl Places<'_> {
    fn pod(&self, name: &str) -> Option<Point> {
        self.pods
            .iter()
            .find(|pod| pod.name == name)
            .map(|pod| pod.port)
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
            .map(|volume| volume.port)
    }

    /// A request's position along its current leg. ClusterIP: client → Service → pod. Headless:
    /// client → DNS and back (the lookup), then client → pod directly. Answers go pod → client.
    fn marker(&self, request: &RequestView) -> Marker {
        let client = self
            .clients
            .get(request.client)
            .map(|(_, point)| *point)
            .unwrap_or_default();
        let entry = self.entry.unwrap_or(client);
        let exit = self.exit.unwrap_or(entry);
        let pod = request.pod.as_deref().and_then(|name| self.pod(name));
        let at_pod = pod.unwrap_or(exit);
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
                (entry, client)
            }
            Stage::ToService if self.headless => {
                progress *= 2;
                (client, entry)
            }
            Stage::ToService => (client, entry),
            Stage::ToPod if self.headless => (client, at_pod),
            Stage::ToPod => (exit, at_pod),
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
            (Stage::Respond, Some(Err(Failure::NoDnsRecord | Failure::NoService)), _) => {
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
        let at = Point {
            x: along(from.x, to.x),
            y: along(from.y, to.y),
        };
        let label_left = self.services.iter().any(|service| {
            let area = service.area;
            (1..=LABEL_REACH).contains(&(area.x - at.x))
                && at.y + 8 >= area.y
                && at.y - 8 <= area.y + area.h
        });
        Marker {
            id: request.id,
            client: request.client,
            at,
            label,
            label_left,
            failed,
            stationary: matches!(
                request.stage,
                Stage::Compute | Stage::LockWait | Stage::Database
            ),
        }
    }
}
