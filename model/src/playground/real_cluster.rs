//! What the lab's manifests gain for a real cluster ("Download the manifests"): probes,
//! resources and a non-root security context for the `adder-lab-server` images, and, in place
//! of the lab's StorageClass (a real cluster has its own), a note on which class gives which
//! access mode. The objects are the lab's own otherwise, so a learner's applied design goes too.

use crate::sim::Settings;
use crate::sim::scenario::{AccessMode, TotalStore};

/// The user and group the images run as (the Dockerfile's `USER`): not root, and the group that
/// owns mounted volumes (`fsGroup`), so the server can write its total there.
pub const RUN_AS: u32 = 65532;

/// The container's lines after its readiness probe: liveness, resources, no privileges.
pub fn container_extras() -> String {
    format!(
        "          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: 8080\n\
         \x20           periodSeconds: 10\n\
         \x20         resources:\n            requests:\n              cpu: 50m\n              memory: 32Mi\n\
         \x20           limits:\n              memory: 64Mi\n\
         \x20         securityContext:\n            runAsNonRoot: true\n            runAsUser: {RUN_AS}\n\
         \x20           allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n"
    )
}

/// The pod's security context: volumes writable by the image's group.
pub fn pod_security() -> String {
    format!("      securityContext:\n        fsGroup: {RUN_AS}\n")
}

/// The file's opening comment: what it is, where the images come from, what the storage needs.
pub fn header(settings: &Settings) -> String {
    let mut text = String::from(
        "# Adder Lab's scene for a real cluster: the lab's objects, with probes, resources and a\n\
         # non-root security context. The images are adder-lab-server's: build them with\n\
         # `make images` (README, \"Take it to a real cluster\"); on kind, load them with\n\
         # `kind load docker-image adder-lab/adder:1.0` (and converter, db), then\n\
         # `kubectl apply -f adder-lab.yaml`.\n",
    );
    let claims_own = matches!(settings.store, TotalStore::OwnVolume | TotalStore::Database);
    if claims_own {
        text.push_str(
            "# Storage: each pod's claim names storageClassName standard, kind's and minikube's\n\
             # default class (ReadWriteOnce, a folder on the node). Elsewhere use your cluster's\n\
             # class (kubectl get storageclass) or delete storageClassName to get the default.\n",
        );
    }
    if settings.store == TotalStore::SharedVolume {
        match settings.shared_access_mode {
            AccessMode::ReadWriteMany => text.push_str(
                "# Storage: the shared claim is ReadWriteMany and names storageClassName shared,\n\
                 # which your cluster must offer: an NFS class (csi-driver-nfs, nfs.csi.k8s.io, or\n\
                 # nfs-subdir-external-provisioner), a cloud file share (GKE Filestore, Amazon EFS,\n\
                 # Azure Files) or CephFS. kind's and minikube's default class (standard) is\n\
                 # ReadWriteOnce only: with it the claim stays Pending. On a one-node kind cluster,\n\
                 # set the claim to ReadWriteOnce and storageClassName standard: every pod is on\n\
                 # that node, and ReadWriteOnce is per node.\n",
            ),
            AccessMode::ReadWriteOnce | AccessMode::ReadWriteOncePod => text.push_str(
                "# Storage: the shared claim names storageClassName standard, kind's and minikube's\n\
                 # default class. ReadWriteOnce is per node: on several nodes, pods elsewhere wait\n\
                 # (Multi-Attach error), as in the lab.\n",
            ),
        }
    }
    text
}
