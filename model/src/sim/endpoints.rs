//! The app's Service's endpoints: which pods it lists (and DNS answers with), as the
//! EndpointSlice controller decides.

use super::objects::{Owner, Pod, PodPhase, PodUid};
use super::world::World;

impl World {
    /// In its Service's endpoints and DNS answers: ready, not terminating; or, with
    /// `publishNotReadyAddresses`, any app pod with an address (not yet ready, restarting,
    /// terminating, on a lost node), as the EndpointSlice controller then marks every one ready.
    pub fn is_published(&self, pod: &Pod) -> bool {
        if self.settings.publish_not_ready && pod.owner == Owner::Adder {
            matches!(pod.phase, PodPhase::Running | PodPhase::Unknown)
        } else {
            pod.is_endpoint()
        }
    }

    /// The EndpointSlice controller: ready, not terminating adder pods (or every one with an
    /// address, with `publishNotReadyAddresses`).
    pub(super) fn refresh_endpoints(&mut self) {
        self.endpoints = self.published_endpoints();
    }

    /// The app's pods the Service lists now, in pod order (what `endpoints` must equal).
    pub(super) fn published_endpoints(&self) -> Vec<PodUid> {
        self.pods
            .iter()
            .filter(|pod| pod.owner == Owner::Adder && self.is_published(pod))
            .map(|pod| pod.uid)
            .collect()
    }
}
