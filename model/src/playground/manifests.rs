//! The Kubernetes manifests of the current scene, as YAML a learner could apply to a real
//! cluster (with a real image). Generated from the simulation's settings, so they change as
//! the learner scales, toggles the lock or switches the Service's session affinity.
//! A native test round-trips every manifest through the `k8s-openapi` types.

use std::fmt::Write as _;

use super::real_cluster;
use crate::sim::scenario::{
    AccessMode, ClaimRetention, PodManagementPolicy, ProxyMode, TotalStore, UpdateStrategy,
    WorkloadKind,
};
use crate::sim::{Settings, World};

/// The container images the manifests name: `adder-lab-server`'s, as `make images` tags them
/// (the Makefile reads them here, the one place to change them). The simulation runs no image.
pub const IMAGE: &str = "adder-lab/adder:1.0";
pub const CONVERTER_IMAGE: &str = "adder-lab/converter:1.0";
pub const DATABASE_IMAGE: &str = "adder-lab/db:1.0";

/// Who the manifests are for: the lab's YAML panel, or a real cluster (`real_cluster`'s
/// probes, resources and security context; no StorageClass of the lab's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Lab,
    RealCluster,
}

/// All manifests of the world's current settings, separated by `---`: the objects it runs
/// (not those deleted).
pub fn manifests(world: &World) -> String {
    manifests_of(world, false, Target::Lab)
}

/// The manifests for a real cluster ("Download the manifests"): the objects the world runs,
/// with what `adder-lab-server`'s images need there, and notes on storage.
pub fn for_real_cluster(world: &World) -> String {
    real_cluster::header(world.settings()) + &manifests_of(world, false, Target::RealCluster)
}

/// The manifests with the app's deleted objects too, as they were when deleted: what an apply
/// compares a recreated object with.
pub fn manifests_including_deleted(world: &World) -> String {
    manifests_of(world, true, Target::Lab)
}

fn manifests_of(world: &World, deleted_too: bool, target: Target) -> String {
    let settings = world.settings();
    let replicas = world.replicas();
    let grace_s = settings.latencies.termination_grace_ms.div_ceil(1000);
    let container = app_container_yaml(settings, world.lock_enabled(), target);
    let mut docs = Vec::new();
    match settings.workload {
        _ if world.workload_deleted() && !deleted_too => {}
        WorkloadKind::Deployment => {
            docs.push(deployment_yaml(
                settings, replicas, grace_s, &container, target,
            ));
        }
        WorkloadKind::StatefulSet => {
            let set = StatefulSetYaml {
                name: settings.app_name,
                label: settings.app_label,
                service: settings.governing_service,
                replicas,
                policy: settings.pod_management,
                strategy: settings.update_strategy,
                retention: settings.claim_retention,
                grace_s,
                claims: settings.store == TotalStore::OwnVolume,
                target,
            };
            docs.push(set.yaml(&container));
        }
    }
    if !world.service_deleted() || deleted_too {
        docs.push(service_yaml(world));
    }
    if settings.store == TotalStore::SharedVolume {
        let [claim, class] = shared_claim_yaml(settings.claim, settings.shared_access_mode);
        docs.push(claim);
        if target == Target::Lab {
            docs.push(class);
        }
    }
    if settings.store == TotalStore::Database {
        let db_container = container_yaml(
            "db",
            DATABASE_IMAGE,
            &[],
            Some(("data", "/var/lib/db")),
            target,
        );
        let set = StatefulSetYaml {
            name: "db",
            label: "db",
            service: "db",
            replicas: 1,
            policy: PodManagementPolicy::OrderedReady,
            strategy: UpdateStrategy::RollingUpdate { partition: 0 },
            retention: ClaimRetention::default(),
            grace_s,
            claims: true,
            target,
        };
        docs.push(set.yaml(&db_container));
        docs.push(headless_service_yaml("db", "db", Some("db")));
    }
    if target == Target::Lab
        && matches!(settings.store, TotalStore::OwnVolume | TotalStore::Database)
    {
        docs.push(storage_class_yaml("standard", "pd.csi.storage.gke.io"));
    }
    docs.join("---\n")
}

/// The app's Service: headless or ClusterIP (the lessons show it alone).
pub fn service_yaml(world: &World) -> String {
    let settings = world.settings();
    let yaml = if settings.headless {
        let pods = settings.pod_dns.then_some(settings.app_name);
        headless_service_yaml(settings.service_name, settings.app_label, pods)
    } else {
        cluster_ip_service_yaml(settings)
    };
    if !settings.publish_not_ready {
        return yaml;
    }
    // Both Services' documents end inside `spec`.
    format!(
        "# publishNotReadyAddresses: every pod with an address is listed, ready or not (starting,\n# restarting, terminating).\n{yaml}  publishNotReadyAddresses: true\n"
    )
}

/// A container's environment (name, value), and its volume mount (the volume's name, the path).
pub type EnvAndMount = (
    Vec<(&'static str, String)>,
    Option<(&'static str, &'static str)>,
);

/// Where the app's container keeps its total: its environment and its volume mount, as the
/// manifests and `kubectl describe` show them.
pub fn app_env_and_mount(settings: &Settings, lock_enabled: bool) -> EnvAndMount {
    let (store_env, mount) = match settings.store {
        TotalStore::Nothing => (None, None),
        TotalStore::Memory => (Some("memory"), None),
        TotalStore::EmptyDir => (Some("file"), Some(("scratch", "/data"))),
        TotalStore::SharedVolume | TotalStore::OwnVolume => (Some("file"), Some(("data", "/data"))),
        TotalStore::Database => (Some("database"), None),
    };
    let mut env: Vec<(&str, String)> = store_env
        .map(|store| ("TOTAL_STORE", store.to_owned()))
        .into_iter()
        .collect();
    if mount.is_some() {
        env.push(("TOTAL_FILE", "/data/total".to_owned()));
    }
    if matches!(
        settings.store,
        TotalStore::SharedVolume | TotalStore::OwnVolume
    ) {
        let lock = if lock_enabled { "on" } else { "off" };
        env.push(("FILE_LOCK", lock.to_owned()));
    }
    if settings.store == TotalStore::Database {
        env.push((
            "DATABASE_HOST",
            "db-0.db.default.svc.cluster.local".to_owned(),
        ));
    }
    (env, mount)
}

/// The app's container: the program's image, and where it keeps its total.
fn app_container_yaml(settings: &Settings, lock_enabled: bool, target: Target) -> String {
    let (env, mount) = app_env_and_mount(settings, lock_enabled);
    container_yaml(settings.program.name(), settings.image, &env, mount, target)
}

/// The pod template's lines before its containers.
fn pod_spec_head(grace_s: u64, target: Target) -> String {
    let security = match target {
        Target::Lab => String::new(),
        Target::RealCluster => real_cluster::pod_security(),
    };
    format!("      terminationGracePeriodSeconds: {grace_s}\n{security}")
}

fn deployment_yaml(
    settings: &Settings,
    replicas: u32,
    grace_s: u64,
    container: &str,
    target: Target,
) -> String {
    let (name, label, claim) = (settings.app_name, settings.app_label, settings.claim);
    let volumes = match settings.store {
        TotalStore::SharedVolume => format!(
            "      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: {claim}\n"
        ),
        TotalStore::EmptyDir => {
            "      volumes:\n        - name: scratch\n          emptyDir: {}\n".to_owned()
        }
        _ => String::new(),
    };
    let what = if settings.program.runs_adder() {
        "The adder's pods"
    } else {
        "The stateless converter's pods"
    };
    let strategy = match settings.update_strategy {
        UpdateStrategy::Recreate => "  strategy:\n    type: Recreate\n".to_owned(),
        UpdateStrategy::Surge {
            max_surge,
            max_unavailable,
        } => format!(
            "  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: {}\n      maxUnavailable: {}\n",
            max_surge.text(),
            max_unavailable.text()
        ),
        _ => "  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 25%\n".to_owned(),
    };
    format!(
        "# {what}: interchangeable, named {name}-<pod-template-hash>-<random>.\n\
         apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  labels:\n    app: {label}\n\
         spec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      app: {label}\n\
         {strategy}\
         \x20 template:\n    metadata:\n      labels:\n        app: {label}\n    spec:\n\
         {}{container}{volumes}",
        pod_spec_head(grace_s, target)
    )
}

fn cluster_ip_service_yaml(settings: &Settings) -> String {
    let (name, label) = (settings.service_name, settings.app_label);
    let mode = match settings.proxy_mode {
        ProxyMode::Random => "iptables or nftables: a random ready endpoint per connection",
        ProxyMode::RoundRobin => "ipvs, deprecated since v1.35: ready endpoints in turn (rr)",
    };
    let affinity = if settings.session_affinity {
        "ClientIP"
    } else {
        "None"
    };
    format!(
        "# A ClusterIP Service load-balances across ready pods (kube-proxy mode {mode}).\n\
         apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  type: ClusterIP\n\
         \x20 selector:\n    app: {label}\n  sessionAffinity: {affinity}\n\
         \x20 ports:\n    - port: 80\n      targetPort: 8080\n"
    )
}

/// The claim every adder pod mounts, and the StorageClass that provisions it. A file share
/// (NFS) can be mounted on many nodes; a block disk attaches to one.
fn shared_claim_yaml(claim: &str, access_mode: AccessMode) -> [String; 2] {
    let (mode, why, class, provisioner) = match access_mode {
        AccessMode::ReadWriteMany => (
            "ReadWriteMany",
            "ReadWriteMany lets pods on any node mount it",
            "shared",
            "nfs.csi.k8s.io",
        ),
        AccessMode::ReadWriteOnce => (
            "ReadWriteOnce",
            "ReadWriteOnce attaches it to one node, so pods elsewhere cannot start (Multi-Attach error)",
            "standard",
            "pd.csi.storage.gke.io",
        ),
        AccessMode::ReadWriteOncePod => (
            "ReadWriteOncePod",
            "ReadWriteOncePod lets one pod use it, so the scheduler keeps every other pod Pending",
            "standard",
            "pd.csi.storage.gke.io",
        ),
    };
    let claim = format!(
        "# One volume mounted by every adder pod; {why}.\n\
         apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: {claim}\nspec:\n\
         \x20 accessModes:\n    - {mode}\n  storageClassName: {class}\n\
         \x20 resources:\n    requests:\n      storage: 1Gi\n"
    );
    [claim, storage_class_yaml(class, provisioner)]
}

fn container_yaml(
    name: &str,
    image: &str,
    env: &[(&str, String)],
    mount: Option<(&str, &str)>,
    target: Target,
) -> String {
    let mut yaml = format!(
        "      containers:\n        - name: {name}\n          image: {image}\n\
         \x20         ports:\n            - containerPort: 8080\n\
         \x20         readinessProbe:\n            httpGet:\n              path: /ready\n              port: 8080\n"
    );
    if target == Target::RealCluster {
        yaml.push_str(&real_cluster::container_extras());
    }
    if !env.is_empty() {
        yaml.push_str("          env:\n");
        for (key, value) in env {
            let _ = writeln!(
                yaml,
                "            - name: {key}\n              value: \"{value}\""
            );
        }
    }
    if let Some((volume, path)) = mount {
        let _ = writeln!(
            yaml,
            "          volumeMounts:\n            - name: {volume}\n              mountPath: {path}"
        );
    }
    yaml
}

/// A StatefulSet's manifest: its pods' label, its governing Service, and whether each pod gets
/// its own claim (volumeClaimTemplates).
struct StatefulSetYaml<'a> {
    name: &'a str,
    label: &'a str,
    service: &'a str,
    replicas: u32,
    policy: PodManagementPolicy,
    strategy: UpdateStrategy,
    retention: ClaimRetention,
    grace_s: u64,
    claims: bool,
    target: Target,
}

impl StatefulSetYaml<'_> {
    fn yaml(&self, container: &str) -> String {
        let Self {
            name,
            label,
            service,
            replicas,
            grace_s,
            ..
        } = self;
        let policy = self.policy.label();
        let strategy = match self.strategy {
            UpdateStrategy::OnDelete => "  updateStrategy:\n    type: OnDelete\n".to_owned(),
            UpdateStrategy::RollingUpdate { partition } => format!(
                "  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: {partition}\n"
            ),
            UpdateStrategy::Recreate | UpdateStrategy::Surge { .. } => String::new(),
        };
        let kept = if self.retention.delete_when_scaled {
            "deleted on scale-down"
        } else {
            "kept on scale-down"
        };
        let retention = format!(
            "  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: {}\n    whenScaled: {}\n",
            ClaimRetention::word(self.retention.delete_when_deleted),
            ClaimRetention::word(self.retention.delete_when_scaled)
        );
        let (what, templates) = if self.claims {
            (
                format!("each with its own claim data-{name}-<ordinal>, {kept}"),
                "  volumeClaimTemplates:\n    - apiVersion: v1\n      kind: PersistentVolumeClaim\n      metadata:\n        name: data\n      spec:\n        accessModes:\n          - ReadWriteOnce\n        storageClassName: standard\n        resources:\n          requests:\n            storage: 1Gi\n",
            )
        } else {
            ("with no volume of their own".to_owned(), "")
        };
        format!(
            "# Pods {name}-0 … {name}-N, {what}.\n\
             apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {name}\n  labels:\n    app: {label}\n\
             spec:\n  serviceName: {service}\n  replicas: {replicas}\n  podManagementPolicy: {policy}\n\
             \x20 selector:\n    matchLabels:\n      app: {label}\n\
             {strategy}{retention}\
             \x20 template:\n    metadata:\n      labels:\n        app: {label}\n    spec:\n\
             {}{container}{templates}",
            pod_spec_head(*grace_s, self.target)
        )
    }
}

/// A headless Service; `pods` names the StatefulSet whose pods get a record each (its
/// serviceName is this Service).
fn headless_service_yaml(name: &str, label: &str, pods: Option<&str>) -> String {
    let records = match pods {
        Some(set) => format!(
            "DNS gives each ready pod a record,\n# {set}-0.{name}.default.svc.cluster.local, and the name {name} resolves to all of them.\n"
        ),
        None => format!(
            "the name {name} resolves to every ready pod\n# (no pod has a record of its own: no StatefulSet's serviceName is {name}).\n"
        ),
    };
    format!(
        "# Headless (clusterIP: None): no load balancing. {records}\
         apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  clusterIP: None\n\
         \x20 selector:\n    app: {label}\n  ports:\n    - port: 80\n      targetPort: 8080\n"
    )
}

fn storage_class_yaml(name: &str, provisioner: &str) -> String {
    format!(
        "# Dynamic provisioning: a claim naming this class gets a new PersistentVolume.\n\
         apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: {name}\n\
         provisioner: {provisioner}\nreclaimPolicy: Delete\nvolumeBindingMode: Immediate\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{Command, ScenarioId};

    #[test]
    fn the_yaml_follows_the_settings() {
        let mut world = World::new(ScenarioId::StatefulSetHeadless, 1);
        let yaml = manifests(&world);
        assert!(yaml.contains("kind: StatefulSet") && yaml.contains("clusterIP: None"));
        assert!(yaml.contains("replicas: 3") && yaml.contains("podManagementPolicy: OrderedReady"));
        world.apply(&Command::Scale { replicas: 5 }).unwrap();
        assert!(manifests(&world).contains("replicas: 5"));

        let mut world = World::new(ScenarioId::AdderMemory, 1);
        let yaml = manifests(&world);
        assert!(yaml.contains("type: ClusterIP") && !yaml.contains("clusterIP: None"));
        assert!(yaml.contains("sessionAffinity: None"));
        world.apply(&Command::SetSessionAffinity(true)).unwrap();
        assert!(manifests(&world).contains("sessionAffinity: ClientIP"));

        let mut world = World::new(ScenarioId::StatefulSetHeadless, 1);
        world
            .apply(&Command::SetPodManagement(
                crate::sim::scenario::PodManagementPolicy::Parallel,
            ))
            .unwrap();
        assert!(manifests(&world).contains("podManagementPolicy: Parallel"));
        let yaml = manifests(&World::new(ScenarioId::ConverterDeployment, 1));
        assert!(
            yaml.contains("kind: Deployment\nmetadata:\n  name: converter\n"),
            "{yaml}"
        );

        let mut world = World::new(ScenarioId::SharedVolumeLock, 1);
        assert!(manifests(&world).contains("value: \"on\""));
        world.apply(&Command::SetLock(false)).unwrap();
        let yaml = manifests(&world);
        assert!(yaml.contains("value: \"off\"") && yaml.contains("ReadWriteMany"));
    }
}
