//! The control plane and the kubelet: controllers reconcile pods toward the desired replicas,
//! and pods move through their lifecycle. Follows kubernetes.io; simplifications say so.

use super::checker::{Keeper, LossCause, Register};
use super::history::{LogEvent, ScaleDownWait};
use super::names::{self, Name};
use super::objects::{Owner, POD_IP_HOSTS, Pod, PodPhase, PodUid};
use super::scenario::{PodManagementPolicy, TotalStore, UpdateStrategy, WorkloadKind};
use super::world::{Event, PODS_MAX, World};

/// What the StatefulSet controller needs to know of the pod holding one ordinal.
#[derive(Debug, Clone, Copy)]
struct Identity {
    uid: PodUid,
    /// Running, Ready and not terminating: an endpoint.
    serving: bool,
    terminating: bool,
    /// The template revision it was created from.
    revision: u32,
}

impl World {
    /// Runs the controllers until they have nothing more to do right now (a few passes at most:
    /// one pass may free room, e.g. by removing a Pending pod, that the next pass uses).
    pub(super) fn reconcile(&mut self) {
        const PASSES_MAX: usize = 4;
        for _ in 0..PASSES_MAX {
            let changes_before = self.control_changes;
            match self.adder.kind {
                _ if self.adder.deleted => self.delete_orphans(),
                WorkloadKind::Deployment => self.reconcile_deployment(),
                WorkloadKind::StatefulSet => self.reconcile_stateful_set(Owner::Adder),
            }
            if self.database.is_some() {
                self.reconcile_stateful_set(Owner::Database);
            }
            self.retry_waiting_pods();
            if self.control_changes == changes_before {
                break;
            }
        }
    }

    /// Deployment → ReplicaSets. Rolling update within maxSurge (rounded up) and maxUnavailable
    /// (rounded down), 25% each by default; scale-down removes not-ready, then newest pods first.
    fn reconcile_deployment(&mut self) {
        let replicas = self.adder.replicas as usize;
        let revision = self.adder.revision;
        let (max_surge, max_unavailable) = self.settings.update_strategy.surge_counts(replicas);
        let active = |world: &World| -> Vec<PodUid> {
            world
                .pods
                .iter()
                .filter(|pod| pod.owner == Owner::Adder && !pod.terminating)
                .map(|pod| pod.uid)
                .collect()
        };
        let is_new = |world: &World, uid: PodUid| {
            world.pods[world.pod_index(uid).expect("active pod")].revision == revision
        };

        // Recreate: every pod of an older template goes, and is completely gone, before the
        // first new one is made.
        if self.settings.update_strategy == UpdateStrategy::Recreate {
            let old: Vec<(PodUid, bool)> = self
                .pods
                .iter()
                .filter(|pod| pod.owner == Owner::Adder && pod.revision != revision)
                .map(|pod| (pod.uid, pod.terminating))
                .collect();
            if !old.is_empty() {
                for (uid, terminating) in old {
                    if !terminating {
                        self.delete_pod(uid);
                    }
                }
                return;
            }
        }
        let pods = active(self);
        let new_count = pods.iter().filter(|&&uid| is_new(self, uid)).count();
        let old: Vec<PodUid> = pods
            .iter()
            .copied()
            .filter(|&uid| !is_new(self, uid))
            .collect();

        // Scale the new ReplicaSet up, within the surge.
        let room = (replicas + max_surge).saturating_sub(pods.len());
        let wanted = replicas.saturating_sub(new_count);
        let to_create = if old.is_empty() {
            wanted
        } else {
            wanted.min(room)
        };
        for _ in 0..to_create {
            self.create_pod(Owner::Adder, None);
        }

        // Scale down: extra new pods, then old pods as far as availability allows.
        let mut news: Vec<PodUid> = active(self)
            .into_iter()
            .filter(|&uid| is_new(self, uid))
            .collect();
        if news.len() > replicas {
            self.rank_for_deletion(&mut news);
            for uid in news
                .iter()
                .take(news.len() - replicas)
                .copied()
                .collect::<Vec<_>>()
            {
                self.delete_pod(uid);
            }
        }
        if !old.is_empty() {
            let mut old = old;
            self.rank_for_deletion(&mut old);
            let ready = active(self)
                .into_iter()
                .filter(|&uid| self.pods[self.pod_index(uid).expect("active")].is_endpoint())
                .count();
            let mut removable = ready.saturating_sub(replicas.saturating_sub(max_unavailable));
            for uid in old {
                let Some(index) = self.pod_index(uid) else {
                    continue;
                };
                if !self.pods[index].is_endpoint() {
                    self.delete_pod(uid); // not serving: removing it costs no availability
                } else if removable > 0 {
                    removable -= 1;
                    self.delete_pod(uid);
                }
            }
        }
    }

    /// Orders deletion candidates like a ReplicaSet: not ready first, then pending, then newest.
    fn rank_for_deletion(&self, uids: &mut [PodUid]) {
        uids.sort_unstable_by_key(|&uid| {
            let pod = &self.pods[self.pod_index(uid).expect("live pod")];
            (
                pod.is_endpoint(),
                pod.phase != PodPhase::Pending,
                std::cmp::Reverse(pod.created_ms),
                std::cmp::Reverse(pod.uid),
            )
        });
    }

    /// StatefulSet controller: pods `<name>-0 … <name>-(N-1)`, each with its claim
    /// `data-<name>-<ordinal>`. A pod is recreated only after the old one is gone (at most one
    /// pod per identity). Updates roll from the highest ordinal down, one pod at a time.
    fn reconcile_stateful_set(&mut self, owner: Owner) {
        let workload = match owner {
            Owner::Adder => &self.adder,
            Owner::Database => self.database.as_ref().expect("database workload"),
        };
        let (replicas, revision, policy) = (
            workload.replicas,
            workload.revision,
            workload.pod_management,
        );
        let pod_for = |world: &World, ordinal: u32| -> Option<Identity> {
            world
                .pods
                .iter()
                .find(|pod| pod.owner == owner && pod.ordinal == Some(ordinal))
                .map(|pod| Identity {
                    uid: pod.uid,
                    serving: pod.is_endpoint(),
                    terminating: pod.terminating,
                    revision: pod.revision,
                })
        };

        match policy {
            PodManagementPolicy::OrderedReady => {
                // The pods it keeps, in order: create the first missing one and stop at the first
                // that is not Running and Ready; until they all are, nothing is removed.
                let mut first_unready_kept = None;
                for ordinal in 0..replicas {
                    match pod_for(self, ordinal) {
                        None => {
                            self.create_pod(owner, Some(ordinal));
                            first_unready_kept = Some(ordinal);
                            break;
                        }
                        Some(pod) if !pod.serving => {
                            first_unready_kept = Some(ordinal);
                            break;
                        }
                        Some(_) => {}
                    }
                }
                let scaling_down = self.scale_down_in_order(owner, replicas, first_unready_kept);
                if first_unready_kept.is_some() || scaling_down {
                    return; // scaling takes precedence over a rolling update
                }
            }
            PodManagementPolicy::Parallel => {
                for ordinal in 0..replicas {
                    if pod_for(self, ordinal).is_none() {
                        self.create_pod(owner, Some(ordinal));
                    }
                }
                let extra: Vec<PodUid> = self
                    .pods
                    .iter()
                    .filter(|pod| {
                        pod.owner == owner
                            && !pod.terminating
                            && pod.ordinal.is_some_and(|o| o >= replicas)
                    })
                    .map(|pod| pod.uid)
                    .collect();
                for uid in extra {
                    self.delete_pod(uid);
                }
            }
        }

        // RollingUpdate: when every pod serves, replace the highest ordinal at or above the
        // partition still on an old revision. OnDelete: only a deleted pod gets the new one.
        let partition = match (owner, self.settings.update_strategy) {
            (Owner::Adder, UpdateStrategy::OnDelete) => return,
            (Owner::Adder, UpdateStrategy::RollingUpdate { partition }) => partition,
            _ => 0,
        };
        let all: Vec<_> = (0..replicas)
            .map(|ordinal| pod_for(self, ordinal))
            .collect();
        if all
            .iter()
            .all(|pod| pod.is_some_and(|pod| pod.serving && !pod.terminating))
        {
            let next = all
                .iter()
                .enumerate()
                .rev()
                .take_while(|(ordinal, _)| *ordinal as u32 >= partition)
                .find_map(|(_, pod)| pod.filter(|pod| pod.revision != revision));
            if let Some(pod) = next {
                self.delete_pod(pod.uid);
            }
        }
    }

    /// OrderedReady scale-down (kubernetes.io, StatefulSet "Deployment and Scaling Guarantees";
    /// `processCondemned` in kubernetes `pkg/controller/statefulset/stateful_set_control.go`).
    /// The condemned pods (ordinal ≥ replicas) go from the highest ordinal down, each only once
    /// the previous one is completely gone and only while every pod the set keeps is Running and
    /// Ready. The predecessors that count are those kept pods: a condemned ordinal that is
    /// missing is not recreated and blocks nothing. A condemned pod that is not Running and
    /// Ready itself goes only if it is the lowest such pod (the first unhealthy one).
    /// Returns whether condemned pods remain.
    fn scale_down_in_order(
        &mut self,
        owner: Owner,
        replicas: u32,
        first_unready_kept: Option<u32>,
    ) -> bool {
        // One pass: the highest condemned pod (the next to go) and the lowest one that is not
        // Running and Ready (the first unhealthy). No sort: it would cost the wasm a sort.
        let mut highest: Option<(u32, PodUid, Name, bool)> = None;
        let mut first_unready_condemned: Option<u32> = None;
        for pod in self.pods.iter().filter(|pod| pod.owner == owner) {
            let Some(ordinal) = pod.ordinal.filter(|&ordinal| ordinal >= replicas) else {
                continue;
            };
            if pod.terminating {
                return true; // its successor must be completely shut down first
            }
            let serving = pod.is_endpoint();
            if highest.is_none_or(|(top, ..)| ordinal > top) {
                highest = Some((ordinal, pod.uid, pod.name, serving));
            }
            if !serving && first_unready_condemned.is_none_or(|lowest| ordinal < lowest) {
                first_unready_condemned = Some(ordinal);
            }
        }
        let Some((ordinal, uid, name, serving)) = highest else {
            self.workload_mut(owner).scale_down_blocked_by = None;
            return false;
        };
        let wait = match first_unready_kept {
            Some(kept) => Some((kept, ScaleDownWait::KeptNotReady)),
            None if serving => None,
            None => first_unready_condemned
                .filter(|&lowest| lowest != ordinal)
                .map(|lowest| (lowest, ScaleDownWait::LowerUnreadyFirst)),
        };
        match wait {
            None => {
                self.workload_mut(owner).scale_down_blocked_by = None;
                self.delete_pod(uid);
            }
            Some((lower, because)) => {
                let workload = self.workload_mut(owner);
                if workload.scale_down_blocked_by != Some(lower) {
                    workload.scale_down_blocked_by = Some(lower);
                    let waiting_for = Name::new(&format!("{}-{lower}", workload.name));
                    self.history.record(
                        self.now_ms,
                        LogEvent::ScaleDownWaiting {
                            pod: name,
                            waiting_for,
                            because,
                        },
                    );
                }
            }
        }
        true
    }

    fn workload_mut(&mut self, owner: Owner) -> &mut super::objects::Workload {
        match owner {
            Owner::Adder => &mut self.adder,
            Owner::Database => self.database.as_mut().expect("database workload"),
        }
    }

    /// Creates a pod and schedules it on the up node with the fewest pods (lowest index on ties).
    /// Simplification: with every node down no pod is created (Kubernetes would keep it Pending
    /// as unschedulable); the controller creates it once a node is back.
    fn create_pod(&mut self, owner: Owner, ordinal: Option<u32>) {
        if self.pods.len() >= PODS_MAX {
            return;
        }
        let Some(node) = (0..self.nodes.len())
            .filter(|&node| self.nodes[node].up && !self.nodes[node].unschedulable)
            .min_by_key(|&node| {
                self.pods
                    .iter()
                    .filter(|pod| pod.node == node && !pod.terminating)
                    .count()
            })
        else {
            return;
        };
        let workload = match owner {
            Owner::Adder => &self.adder,
            Owner::Database => self.database.as_ref().expect("database workload"),
        };
        let (workload_name, revision) = (workload.name, workload.revision);
        let name = match ordinal {
            Some(ordinal) => Name::new(&format!("{workload_name}-{ordinal}")),
            None => self.generate_pod_name(workload_name, revision),
        };
        let volume = match (ordinal, owner, self.settings.store) {
            // volumeClaimTemplates: the database's, and the app's when it keeps its own volume.
            (Some(ordinal), Owner::Database, _) | (Some(ordinal), _, TotalStore::OwnVolume) => {
                let claim = format!("data-{workload_name}-{ordinal}");
                let existing = self
                    .volumes
                    .iter()
                    .position(|volume| volume.claim.as_str() == claim);
                let register = match owner {
                    Owner::Adder => Register::Pod(ordinal),
                    Owner::Database => Register::Service,
                };
                Some(existing.unwrap_or_else(|| self.provision_volume(&claim, Some(register))))
            }
            (None, Owner::Adder, TotalStore::SharedVolume) => self
                .volumes
                .iter()
                .position(|volume| volume.register == Some(Register::Service)),
            _ => None,
        };
        let uid = self.next_pod_uid;
        self.next_pod_uid += 1;
        let pod = Pod {
            uid,
            name,
            owner,
            ordinal,
            revision,
            node,
            ip: [10, 244, node as u8 + 1, self.allocate_ip_host(node)],
            phase: PodPhase::Pending,
            ready: false,
            terminating: false,
            container_up: false,
            restarts: 0,
            last_restart_ms: None,
            memory_total: 0,
            empty_dir_total: 0,
            volume,
            waiting_reason: None,
            created_ms: self.now_ms,
        };
        let created = LogEvent::PodCreated {
            pod: pod.name,
            node: self.nodes[node].name,
        };
        self.pods.push(pod);
        self.control_changes += 1;
        // A pod the scheduler refuses is not placed: its event is the refusal, recorded next.
        if !self.refused_by_scheduler(self.pods.len() - 1) {
            self.history.record(self.now_ms, created);
        }
        self.start_or_wait(uid);
    }

    /// `generateName`: `<workload>-<pod-template-hash>-<5 random characters>`. The API server
    /// refuses a name already taken and the ReplicaSet controller tries again with new random
    /// characters; so does this (the attempts are bounded, and 27^5 names make a second rare).
    fn generate_pod_name(&mut self, workload: &str, revision: u32) -> Name {
        const ATTEMPTS_MAX: usize = 16;
        let prefix = format!(
            "{workload}-{}-",
            names::pod_template_hash(workload, revision)
        );
        let mut name = Name::new(&prefix);
        for _ in 0..ATTEMPTS_MAX {
            name = Name::new(&format!("{prefix}{}", names::random_suffix(&mut self.rng)));
            if self.pods.iter().all(|pod| pod.name != name) {
                break;
            }
        }
        debug_assert!(self.pods.iter().all(|pod| pod.name != name), "{name}");
        name
    }

    /// The host part of a new pod's IP in the node's range: the next free one after the last
    /// handed out, wrapping around (the host-local IPAM plugin's order). A node's range has 253
    /// addresses and `PODS_MAX` is far below that, so one is always free.
    fn allocate_ip_host(&mut self, node: usize) -> u8 {
        let in_use = |world: &World, host: u8| {
            world
                .pods
                .iter()
                .any(|pod| pod.node == node && pod.ip[3] == host)
        };
        let (first, last) = (*POD_IP_HOSTS.start(), *POD_IP_HOSTS.end());
        let mut host = self.nodes[node].last_ip_host;
        for _ in POD_IP_HOSTS {
            host = if host >= last { first } else { host + 1 };
            if !in_use(self, host) {
                break;
            }
        }
        debug_assert!(!in_use(self, host), "node {node} has a free pod IP");
        self.nodes[node].last_ip_host = host;
        host
    }

    pub(super) fn on_pod_started(&mut self, uid: PodUid) {
        let Some(index) = self.pod_index(uid) else {
            return;
        };
        let node_up = self.nodes[self.pods[index].node].up;
        let pod = &mut self.pods[index];
        if pod.phase != PodPhase::Pending || pod.terminating || !node_up {
            return;
        }
        pod.phase = PodPhase::Running;
        pod.container_up = true;
        let name = pod.name;
        self.history
            .record(self.now_ms, LogEvent::PodRunning { pod: name });
        if let Some(volume) = self.pods[index].volume {
            let volume = &self.volumes[volume];
            if self.pods[index].ordinal.is_some() && volume.file_total > 0 {
                self.history.record(
                    self.now_ms,
                    LogEvent::VolumeReattached {
                        claim: volume.claim,
                        pod: name,
                        total: volume.file_total,
                    },
                );
            }
        }
        self.schedule(
            self.settings.latencies.readiness_ms,
            Event::PodReady { uid },
        );
    }

    pub(super) fn on_pod_ready(&mut self, uid: PodUid) {
        let Some(index) = self.pod_index(uid) else {
            return;
        };
        let pod = &mut self.pods[index];
        if pod.ready || pod.terminating || !pod.can_work() {
            return;
        }
        pod.ready = true;
        let name = pod.name;
        self.history
            .record(self.now_ms, LogEvent::PodReady { pod: name });
        self.reconcile();
    }

    pub(super) fn on_container_up(&mut self, uid: PodUid) {
        let Some(index) = self.pod_index(uid) else {
            return;
        };
        let node_up = self.nodes[self.pods[index].node].up;
        let pod = &mut self.pods[index];
        if pod.container_up || pod.phase != PodPhase::Running || !node_up {
            return;
        }
        pod.container_up = true;
        self.schedule(
            self.settings.latencies.readiness_ms,
            Event::PodReady { uid },
        );
    }

    /// Graceful deletion: out of the endpoints at once, in-flight work may finish during the
    /// grace period, then the pod is gone. On a failed node it stays Terminating until the node
    /// is back (the kubelet must confirm), as in Kubernetes without a force delete.
    pub(super) fn delete_pod(&mut self, uid: PodUid) {
        self.delete_pod_after(uid, self.settings.latencies.termination_grace_ms);
    }

    /// Deletion with a grace period of `grace_ms`; 0 is a force delete: the API object goes
    /// at once, node or no node (here its container stops at once too; on a real node it may
    /// run on until the kubelet notices).
    pub(super) fn delete_pod_after(&mut self, uid: PodUid, grace_ms: u64) {
        let Some(index) = self.pod_index(uid) else {
            return;
        };
        if grace_ms == 0 {
            if !self.pods[index].terminating {
                let name = self.pods[index].name;
                self.history
                    .record(self.now_ms, LogEvent::PodTerminating { pod: name });
            }
            self.affinity.retain(|_, pinned| *pinned != uid);
            self.remove_pod(uid);
            return;
        }
        if self.pods[index].terminating {
            return;
        }
        self.control_changes += 1;
        let pod = &mut self.pods[index];
        pod.terminating = true;
        pod.ready = false;
        let (name, node) = (pod.name, pod.node);
        self.affinity.retain(|_, pinned| *pinned != uid);
        self.history
            .record(self.now_ms, LogEvent::PodTerminating { pod: name });
        if self.pods[index].phase == PodPhase::Pending {
            self.remove_pod(uid); // nothing runs yet: nothing to wait for
        } else if self.nodes[node].up {
            self.schedule(grace_ms, Event::PodGone { uid });
        }
    }

    pub(super) fn on_pod_gone(&mut self, uid: PodUid) {
        self.remove_pod(uid);
        self.reconcile();
    }

    /// Removes a pod without running the controllers, so callers iterating over pods (the
    /// controllers themselves among them) never see the list change under them.
    fn remove_pod(&mut self, uid: PodUid) {
        let Some(index) = self.pod_index(uid) else {
            return;
        };
        self.stop_work_at_pod(uid);
        let pod = self.pods.remove(index);
        self.unschedule(|event| event.pod() == Some(uid));
        self.control_changes += 1;
        self.report_state_lost(&pod, LossCause::PodDeleted);
        self.history
            .record(self.now_ms, LogEvent::PodDeleted { pod: pod.name });
        self.release_claim(&pod);
    }

    /// A crash and a restart by the kubelet: the process and its memory are gone; volumes
    /// (emptyDir and PVCs) stay. The pod keeps its name, node and IP.
    pub(super) fn restart_container(&mut self, uid: PodUid) {
        let Some(index) = self.pod_index(uid) else {
            return;
        };
        self.stop_work_at_pod(uid);
        let pod = self.pods[index].clone();
        self.report_state_lost(&pod, LossCause::ContainerRestart);
        let pod = &mut self.pods[index];
        pod.container_up = false;
        pod.ready = false;
        pod.memory_total = 0;
        pod.restarts += 1;
        pod.last_restart_ms = Some(self.now_ms);
        let (name, restarts) = (pod.name, pod.restarts);
        self.history.record(
            self.now_ms,
            LogEvent::ContainerRestarted {
                pod: name,
                restarts,
            },
        );
        self.schedule(
            self.settings.latencies.container_restart_ms,
            Event::ContainerUp { uid },
        );
    }

    fn report_state_lost(&mut self, pod: &Pod, cause: LossCause) {
        let (lost, kept_in) = match self.settings.store {
            TotalStore::Memory => (pod.memory_total, Keeper::Memory),
            // The emptyDir lives as long as the pod: a restart or a node's power loss keeps it
            // (the pod restarts there if the node returns); it goes when the pod is removed.
            TotalStore::EmptyDir if cause == LossCause::PodDeleted => {
                (pod.empty_dir_total, Keeper::EmptyDir)
            }
            _ => (0, Keeper::Memory),
        };
        if lost > 0 && pod.owner == Owner::Adder {
            self.checker
                .state_lost(self.now_ms, pod.name, lost, kept_in, cause);
        }
    }

    /// The pods scheduled on a node, optionally without those already Terminating.
    fn pods_on_node(&self, node: usize, with_terminating: bool) -> Vec<PodUid> {
        self.pods
            .iter()
            .filter(|pod| pod.node == node && (with_terminating || !pod.terminating))
            .map(|pod| pod.uid)
            .collect()
    }

    pub(super) fn set_schedulable(&mut self, node: usize, schedulable: bool) {
        if self.nodes[node].unschedulable != schedulable {
            return;
        }
        self.nodes[node].unschedulable = !schedulable;
        self.history.record(
            self.now_ms,
            LogEvent::Schedulable {
                node: self.nodes[node].name,
                schedulable,
            },
        );
        self.reconcile();
    }

    /// `kubectl drain`: no new pods here, and every pod here deleted as `kubectl delete pod`
    /// deletes it (simplified: eviction ignores PodDisruptionBudgets, which the lab has none of).
    pub(super) fn drain(&mut self, node: usize) {
        self.set_schedulable(node, false);
        for uid in self.pods_on_node(node, false) {
            self.delete_pod(uid);
        }
        self.reconcile();
    }

    /// The node stops: its pods become Unknown and their processes are gone (a power loss).
    /// After the eviction timeout their pods are marked for deletion.
    pub(super) fn fail_node(&mut self, node: usize) {
        self.nodes[node].up = false;
        self.history.record(
            self.now_ms,
            LogEvent::NodeFailed {
                node: self.nodes[node].name,
            },
        );
        let on_node = self.pods_on_node(node, true);
        // Their start, readiness and restart timers would only be ignored while the node is down
        // (and the node's return schedules what is needed again).
        self.unschedule(|event| {
            !matches!(event, Event::PodGone { .. })
                && event.pod().is_some_and(|uid| on_node.contains(&uid))
        });
        for uid in on_node {
            self.stop_work_at_pod(uid);
            let index = self.pod_index(uid).expect("pod on node");
            let pod = self.pods[index].clone();
            if pod.phase == PodPhase::Running {
                self.report_state_lost(&pod, LossCause::NodeFailed);
            }
            let pod = &mut self.pods[index];
            pod.memory_total = 0;
            pod.ready = false;
            pod.container_up = false;
            if pod.phase == PodPhase::Running {
                pod.phase = PodPhase::Unknown;
                let name = pod.name;
                self.history
                    .record(self.now_ms, LogEvent::PodUnknown { pod: name });
            }
            self.affinity.retain(|_, pinned| *pinned != uid);
        }
        self.schedule(
            self.settings.latencies.eviction_ms,
            Event::NodeEviction { node },
        );
        self.reconcile();
    }

    pub(super) fn on_node_eviction(&mut self, node: usize) {
        if self.nodes[node].up {
            return;
        }
        let on_node = self.pods_on_node(node, false);
        for uid in on_node {
            self.delete_pod(uid);
        }
        self.reconcile();
    }

    /// The node is back: the kubelet confirms deletions of its Terminating pods and restarts the
    /// containers of the others.
    pub(super) fn recover_node(&mut self, node: usize) {
        self.nodes[node].up = true;
        // The eviction timer is cancelled: a node that fails again gets a new one.
        self.unschedule(|event| *event == Event::NodeEviction { node });
        self.history.record(
            self.now_ms,
            LogEvent::NodeRecovered {
                node: self.nodes[node].name,
            },
        );
        let on_node = self.pods_on_node(node, true);
        for uid in on_node {
            let Some(index) = self.pod_index(uid) else {
                continue;
            };
            let pod = &mut self.pods[index];
            if pod.terminating {
                self.remove_pod(uid);
            } else if pod.phase == PodPhase::Unknown {
                pod.phase = PodPhase::Running;
                pod.restarts += 1;
                pod.last_restart_ms = Some(self.now_ms);
                self.schedule(
                    self.settings.latencies.container_restart_ms,
                    Event::ContainerUp { uid },
                );
            } else if pod.phase == PodPhase::Pending && pod.waiting_reason.is_none() {
                // Its start was lost with the node; start it again (once).
                self.unschedule(|event| *event == Event::PodStarted { uid });
                self.schedule(
                    self.settings.latencies.pod_start_ms,
                    Event::PodStarted { uid },
                );
            }
        }
        self.reconcile();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::ScenarioId;
    use crate::sim::command::Command;

    /// The API server's generateName retry: a replacement never takes a live pod's name, even
    /// when the random characters come out the same.
    #[test]
    fn a_generated_name_that_is_taken_is_generated_again() {
        let mut world = World::new(ScenarioId::AdderMemory, 5);
        world.run_for(5_000);
        let revision = world.adder.revision;
        let next_suffix = names::random_suffix(&mut world.rng.clone());
        let taken = Name::new(&format!(
            "adder-{}-{next_suffix}",
            names::pod_template_hash("adder", revision)
        ));
        world.pods[0].name = taken; // the next replacement would draw exactly this name
        let victim = world.pods[1].name.to_string();
        world.apply(&Command::DeletePod { name: victim }).unwrap();
        world.assert_invariants();
        let named = world.pods.iter().filter(|pod| pod.name == taken).count();
        assert_eq!(named, 1, "{:?}", world.pods);
    }
}
