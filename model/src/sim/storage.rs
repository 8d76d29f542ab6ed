//! Pods and their claims: a ReadWriteOnce volume attached to one node at a time, a
//! ReadWriteOncePod claim used by one pod (the scheduler keeps the others Pending), and claims
//! deleted with their pods by a StatefulSet's `persistentVolumeClaimRetentionPolicy`.

use super::checker::{Keeper, LossCause, Register};
use super::history::LogEvent;
use super::names::{self, Name};
use super::objects::{MULTI_ATTACH, Owner, Pod, PodUid, READ_WRITE_ONCE_POD_IN_USE, Volume};
use super::scenario::{AccessMode, TotalStore};
use super::world::{Event, World};

impl World {
    /// ReadWriteOnce: the volume attaches to one node at a time. A pod on another node waits in
    /// ContainerCreating with a Multi-Attach error until the volume is free. ReadWriteOncePod:
    /// one pod in the cluster; any other stays Pending (the scheduler's VolumeRestrictions).
    /// Returns the pod that holds the volume, if any.
    pub(super) fn attach_blocked_by(&self, index: usize) -> Option<usize> {
        let pod = &self.pods[index];
        let volume = pod.volume?;
        let per_node = match self.volumes[volume].access_mode {
            AccessMode::ReadWriteMany => return None,
            AccessMode::ReadWriteOnce => true,
            AccessMode::ReadWriteOncePod => false,
        };
        self.pods.iter().position(|other| {
            other.uid != pod.uid
                && other.volume == Some(volume)
                && (other.node != pod.node || !per_node)
                && other.waiting_reason.is_none()
        })
    }

    /// ReadWriteOncePod: the scheduler refuses a pod whose claim another pod uses.
    pub(super) fn refused_by_scheduler(&self, index: usize) -> bool {
        self.attach_blocked_by(index).is_some_and(|_| {
            let volume = self.pods[index].volume.expect("a blocked pod has a volume");
            self.volumes[volume].access_mode == AccessMode::ReadWriteOncePod
        })
    }

    pub(super) fn start_or_wait(&mut self, uid: PodUid) {
        let index = self.pod_index(uid).expect("new pod");
        if let Some(user) = self.attach_blocked_by(index) {
            let volume = self.pods[index].volume.expect("a blocked pod has a volume");
            let (pod, used_by) = (self.pods[index].name, self.pods[user].name);
            let event = if self.volumes[volume].access_mode == AccessMode::ReadWriteOncePod {
                self.pods[index].waiting_reason = Some(READ_WRITE_ONCE_POD_IN_USE);
                LogEvent::PodUnschedulable {
                    pod,
                    claim: self.volumes[volume].claim,
                    used_by,
                    nodes: self.nodes.len() as u8,
                }
            } else {
                self.pods[index].waiting_reason = Some(MULTI_ATTACH);
                LogEvent::PodWaiting {
                    pod,
                    volume: self.volumes[volume].volume,
                    used_by,
                    node: self.nodes[self.pods[user].node].name,
                }
            };
            self.history.record(self.now_ms, event);
        } else {
            let pod = &mut self.pods[index];
            if pod.waiting_reason.take() == Some(READ_WRITE_ONCE_POD_IN_USE) {
                let scheduled = LogEvent::PodScheduled {
                    pod: pod.name,
                    node: self.nodes[pod.node].name,
                };
                self.history.record(self.now_ms, scheduled);
            }
            self.schedule(
                self.settings.latencies.pod_start_ms,
                Event::PodStarted { uid },
            );
        }
    }

    pub(super) fn retry_waiting_pods(&mut self) {
        let waiting: Vec<PodUid> = self
            .pods
            .iter()
            .filter(|pod| pod.waiting_reason.is_some() && !pod.terminating)
            .map(|pod| pod.uid)
            .collect();
        for uid in waiting {
            let index = self.pod_index(uid).expect("waiting pod");
            if self.attach_blocked_by(index).is_none() {
                self.start_or_wait(uid);
            }
        }
    }

    /// A removed pod's claim, when the retention policy deletes it with the pod.
    pub(super) fn release_claim(&mut self, pod: &Pod) {
        // whenScaled / whenDeleted: Delete: the controller made the pod (or the StatefulSet)
        // its claim's owner, so the claim goes once the pod is gone.
        let retention = self.settings.claim_retention;
        let cause = if self.adder.deleted && retention.delete_when_deleted {
            Some(LossCause::ClaimDeletedWithStatefulSet)
        } else if retention.delete_when_scaled
            && pod
                .ordinal
                .is_some_and(|ordinal| ordinal >= self.adder.replicas)
        {
            Some(LossCause::ClaimDeletedOnScaleDown)
        } else {
            None
        };
        if let (Some(cause), Some(volume), Owner::Adder, TotalStore::OwnVolume) =
            (cause, pod.volume, pod.owner, self.settings.store)
        {
            self.delete_claim(volume, pod.name, cause);
        }
    }

    /// Deletes a claim and its volume (reclaimPolicy Delete) once no pod mounts it; the total
    /// in its file is gone, and the checker says so.
    fn delete_claim(&mut self, index: usize, pod: Name, cause: LossCause) {
        if self.pods.iter().any(|other| other.volume == Some(index)) {
            return;
        }
        let volume = self.volumes.remove(index);
        for other in &mut self.pods {
            if let Some(mounted) = other.volume.as_mut()
                && *mounted > index
            {
                *mounted -= 1;
            }
        }
        self.control_changes += 1;
        if volume.file_total > 0 {
            self.checker.state_lost(
                self.now_ms,
                pod,
                volume.file_total,
                Keeper::Claim(volume.claim),
                cause,
            );
        }
        self.history.record(
            self.now_ms,
            LogEvent::ClaimDeleted {
                claim: volume.claim,
                volume: volume.volume,
                policy: if cause == LossCause::ClaimDeletedOnScaleDown {
                    "whenScaled: Delete"
                } else {
                    "whenDeleted: Delete"
                },
            },
        );
    }

    /// A new claim and the volume provisioned for it (dynamic provisioning).
    pub(super) fn provision_volume(&mut self, claim: &str, register: Option<Register>) -> usize {
        let volume = Volume {
            claim: Name::new(claim),
            volume: Name::new(&names::provisioned_volume_name(&mut self.rng)),
            access_mode: if register == Some(Register::Service) {
                self.settings.shared_access_mode
            } else {
                super::scenario::AccessMode::ReadWriteOnce
            },
            file_total: 0,
            lock: Default::default(),
            register,
            created_ms: self.now_ms,
        };
        self.history.record(
            self.now_ms,
            LogEvent::VolumeProvisioned {
                claim: volume.claim,
                volume: volume.volume,
            },
        );
        self.volumes.push(volume);
        self.volumes.len() - 1
    }
}
