//! Deleting and creating the app's objects again (`kubectl delete deployment adder`, then
//! `kubectl apply`): what lets a learner change what the API server keeps immutable, as on a
//! cluster, by deleting the object and applying it anew.

use super::command::{CommandError, REPLICAS_MAX};
use super::history::LogEvent;
use super::objects::{Owner, PodUid};
use super::scenario::WorkloadKind;
use super::world::World;

impl World {
    /// Whether the app's workload was deleted (and not applied again).
    pub fn workload_deleted(&self) -> bool {
        self.adder.deleted
    }

    /// Whether the app's Service was deleted (and not applied again).
    pub fn service_deleted(&self) -> bool {
        self.service_deleted
    }

    /// `deployment.apps` or `statefulset.apps`: the app's workload as kubectl names its kind.
    pub fn workload_resource(&self) -> &'static str {
        match self.adder.kind {
            WorkloadKind::Deployment => "deployment.apps",
            WorkloadKind::StatefulSet => "statefulset.apps",
        }
    }

    /// A command that changes the app's workload needs it to exist.
    pub(super) fn require_workload(&self) -> Result<(), CommandError> {
        if self.adder.deleted {
            Err(CommandError::NotInThisScenario(
                "The app's workload was deleted: apply adder.yaml to create it again.",
            ))
        } else {
            Ok(())
        }
    }

    /// A command that changes the app's Service needs it to exist.
    pub(super) fn require_service(&self) -> Result<(), CommandError> {
        if self.service_deleted {
            Err(CommandError::NotInThisScenario(
                "The app's Service was deleted: apply adder.yaml to create it again.",
            ))
        } else {
            Ok(())
        }
    }

    pub(super) fn delete_workload(&mut self) -> Result<(), CommandError> {
        self.require_workload()?;
        self.adder.deleted = true;
        self.adder.scale_down_blocked_by = None;
        let resource = self.workload_resource();
        self.history.record(
            self.now_ms,
            LogEvent::ObjectDeleted {
                resource,
                name: self.adder.name,
            },
        );
        self.reconcile();
        Ok(())
    }

    pub(super) fn create_workload(&mut self, replicas: i64) -> Result<(), CommandError> {
        if !self.adder.deleted {
            return Err(CommandError::NotInThisScenario(
                "The app's workload exists already.",
            ));
        }
        let replicas = u32::try_from(replicas)
            .ok()
            .filter(|&replicas| replicas <= REPLICAS_MAX)
            .ok_or(CommandError::ReplicasOutOfRange(replicas))?;
        self.adder.deleted = false;
        self.adder.replicas = replicas;
        let resource = self.workload_resource();
        self.history.record(
            self.now_ms,
            LogEvent::ObjectCreated {
                resource,
                name: self.adder.name,
            },
        );
        self.reconcile();
        Ok(())
    }

    pub(super) fn delete_service(&mut self) -> Result<(), CommandError> {
        self.require_service()?;
        self.service_deleted = true;
        self.affinity.clear();
        self.history.record(
            self.now_ms,
            LogEvent::ObjectDeleted {
                resource: "service",
                name: self.settings.service_name,
            },
        );
        Ok(())
    }

    /// The Service made anew: its `clusterIP` is chosen again (None: headless), and its
    /// other settings start from their defaults (the apply sets them after).
    pub(super) fn create_service(&mut self, headless: bool) -> Result<(), CommandError> {
        if !self.service_deleted {
            return Err(CommandError::NotInThisScenario(
                "The app's Service exists already.",
            ));
        }
        self.service_deleted = false;
        let settings = &mut self.settings;
        settings.headless = headless;
        settings.session_affinity = false;
        settings.publish_not_ready = false;
        // Pods have DNS names when the StatefulSet's serviceName names this headless Service.
        settings.pod_dns = self.adder.kind == WorkloadKind::StatefulSet
            && headless
            && settings.governing_service == settings.service_name;
        self.refresh_endpoints();
        self.history.record(
            self.now_ms,
            LogEvent::ObjectCreated {
                resource: "service",
                name: self.settings.service_name,
            },
        );
        Ok(())
    }

    /// The garbage collector: a deleted workload's pods are deleted, all at once (a
    /// StatefulSet's too: its ordering holds only while the StatefulSet exists).
    pub(super) fn delete_orphans(&mut self) {
        let orphans: Vec<PodUid> = self
            .pods
            .iter()
            .filter(|pod| pod.owner == Owner::Adder && !pod.terminating)
            .map(|pod| pod.uid)
            .collect();
        for uid in orphans {
            self.delete_pod(uid);
        }
    }
}
