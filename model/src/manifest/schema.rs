//! The fields of the kinds the lab reads, as the Kubernetes API types declare them (apps/v1
//! Deployment and StatefulSet; v1 Service, PersistentVolumeClaim; storage.k8s.io/v1
//! StorageClass). Strict decoding refuses any other field, as the API server does since
//! field validation became `Strict` by default. A field marked `Kept` is valid and its value is
//! checked, but the simulation does not act on it: when a learner changes one, the apply says so.

/// A field's type as Go declares it (its name is what "cannot unmarshal … of type" prints).
#[derive(Debug)]
pub enum Ty {
    Str,
    Int32,
    Int64,
    Bool,
    /// `intstr.IntOrString` (a port, `maxSurge: 25%`).
    IntOrStr,
    /// `map[string]string` (labels, selectors, annotations).
    StrMap,
    Struct(&'static Struct),
    List(&'static Ty),
    /// A valid field whose content the lab neither reads nor checks (probes, resources, …).
    Opaque(&'static str),
}

impl Ty {
    /// Go's spelling of the type, as `json: cannot unmarshal` prints it.
    pub fn go_name(&self) -> String {
        match self {
            Ty::Str => "string".into(),
            Ty::Int32 => "int32".into(),
            Ty::Int64 => "int64".into(),
            Ty::Bool => "bool".into(),
            Ty::IntOrStr => "intstr.IntOrString".into(),
            Ty::StrMap => "map[string]string".into(),
            Ty::Struct(s) => format!("{}.{}", s.package, s.go),
            Ty::List(item) => format!("[]{}", item.go_name()),
            Ty::Opaque(name) => (*name).into(),
        }
    }
}

/// Whether the simulation acts on a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Simulated,
    Kept,
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub used: Use,
}

#[derive(Debug)]
pub struct Struct {
    pub package: &'static str,
    pub go: &'static str,
    pub fields: &'static [Field],
}

impl Struct {
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|field| field.name == name)
    }
}

const fn sim(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        used: Use::Simulated,
    }
}

const fn kept(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        used: Use::Kept,
    }
}

/// Fields the lab treats alike everywhere: opaque, valid, not simulated.
const fn opaque(name: &'static str, go: &'static str) -> Field {
    kept(name, Ty::Opaque(go))
}

pub static OBJECT_META: Struct = Struct {
    package: "v1",
    go: "ObjectMeta",
    fields: &[
        sim("name", Ty::Str),
        kept("generateName", Ty::Str),
        sim("namespace", Ty::Str),
        sim("labels", Ty::StrMap),
        kept("annotations", Ty::StrMap),
        kept("uid", Ty::Str),
        kept("resourceVersion", Ty::Str),
        kept("generation", Ty::Int64),
        kept("creationTimestamp", Ty::Opaque("v1.Time")),
        kept("deletionTimestamp", Ty::Opaque("*v1.Time")),
        kept("deletionGracePeriodSeconds", Ty::Int64),
        opaque("ownerReferences", "[]v1.OwnerReference"),
        opaque("finalizers", "[]string"),
        opaque("managedFields", "[]v1.ManagedFieldsEntry"),
        kept("selfLink", Ty::Str),
    ],
};

pub static LABEL_SELECTOR: Struct = Struct {
    package: "v1",
    go: "LabelSelector",
    fields: &[
        sim("matchLabels", Ty::StrMap),
        opaque("matchExpressions", "[]v1.LabelSelectorRequirement"),
    ],
};

pub static ENV_VAR: Struct = Struct {
    package: "v1",
    go: "EnvVar",
    fields: &[
        sim("name", Ty::Str),
        sim("value", Ty::Str),
        opaque("valueFrom", "*v1.EnvVarSource"),
    ],
};

pub static CONTAINER_PORT: Struct = Struct {
    package: "v1",
    go: "ContainerPort",
    fields: &[
        kept("name", Ty::Str),
        kept("hostPort", Ty::Int32),
        kept("containerPort", Ty::Int32),
        kept("protocol", Ty::Str),
        kept("hostIP", Ty::Str),
    ],
};

pub static VOLUME_MOUNT: Struct = Struct {
    package: "v1",
    go: "VolumeMount",
    fields: &[
        sim("name", Ty::Str),
        kept("readOnly", Ty::Bool),
        kept("recursiveReadOnly", Ty::Str),
        sim("mountPath", Ty::Str),
        kept("subPath", Ty::Str),
        kept("mountPropagation", Ty::Str),
        kept("subPathExpr", Ty::Str),
    ],
};

pub static CONTAINER: Struct = Struct {
    package: "v1",
    go: "Container",
    fields: &[
        sim("name", Ty::Str),
        sim("image", Ty::Str),
        opaque("command", "[]string"),
        opaque("args", "[]string"),
        kept("workingDir", Ty::Str),
        kept("ports", Ty::List(&Ty::Struct(&CONTAINER_PORT))),
        opaque("envFrom", "[]v1.EnvFromSource"),
        sim("env", Ty::List(&Ty::Struct(&ENV_VAR))),
        opaque("resources", "v1.ResourceRequirements"),
        opaque("resizePolicy", "[]v1.ContainerResizePolicy"),
        kept("restartPolicy", Ty::Str),
        opaque("restartPolicyRules", "[]v1.ContainerRestartRule"),
        sim("volumeMounts", Ty::List(&Ty::Struct(&VOLUME_MOUNT))),
        opaque("volumeDevices", "[]v1.VolumeDevice"),
        opaque("livenessProbe", "*v1.Probe"),
        opaque("readinessProbe", "*v1.Probe"),
        opaque("startupProbe", "*v1.Probe"),
        opaque("lifecycle", "*v1.Lifecycle"),
        kept("terminationMessagePath", Ty::Str),
        kept("terminationMessagePolicy", Ty::Str),
        kept("imagePullPolicy", Ty::Str),
        opaque("securityContext", "*v1.SecurityContext"),
        kept("stdin", Ty::Bool),
        kept("stdinOnce", Ty::Bool),
        kept("tty", Ty::Bool),
    ],
};

pub static PVC_SOURCE: Struct = Struct {
    package: "v1",
    go: "PersistentVolumeClaimVolumeSource",
    fields: &[sim("claimName", Ty::Str), kept("readOnly", Ty::Bool)],
};

pub static EMPTY_DIR: Struct = Struct {
    package: "v1",
    go: "EmptyDirVolumeSource",
    fields: &[
        kept("medium", Ty::Str),
        opaque("sizeLimit", "*resource.Quantity"),
    ],
};

pub static VOLUME: Struct = Struct {
    package: "v1",
    go: "Volume",
    fields: &[
        sim("name", Ty::Str),
        sim("emptyDir", Ty::Struct(&EMPTY_DIR)),
        sim("persistentVolumeClaim", Ty::Struct(&PVC_SOURCE)),
        opaque("hostPath", "*v1.HostPathVolumeSource"),
        opaque("configMap", "*v1.ConfigMapVolumeSource"),
        opaque("secret", "*v1.SecretVolumeSource"),
        opaque("nfs", "*v1.NFSVolumeSource"),
        opaque("projected", "*v1.ProjectedVolumeSource"),
        opaque("downwardAPI", "*v1.DownwardAPIVolumeSource"),
        opaque("csi", "*v1.CSIVolumeSource"),
        opaque("ephemeral", "*v1.EphemeralVolumeSource"),
        opaque("image", "*v1.ImageVolumeSource"),
    ],
};

pub static POD_SPEC: Struct = Struct {
    package: "v1",
    go: "PodSpec",
    fields: &[
        sim("volumes", Ty::List(&Ty::Struct(&VOLUME))),
        opaque("initContainers", "[]v1.Container"),
        sim("containers", Ty::List(&Ty::Struct(&CONTAINER))),
        opaque("ephemeralContainers", "[]v1.EphemeralContainer"),
        kept("restartPolicy", Ty::Str),
        kept("terminationGracePeriodSeconds", Ty::Int64),
        kept("activeDeadlineSeconds", Ty::Int64),
        kept("dnsPolicy", Ty::Str),
        kept("nodeSelector", Ty::StrMap),
        kept("serviceAccountName", Ty::Str),
        kept("serviceAccount", Ty::Str),
        kept("automountServiceAccountToken", Ty::Bool),
        kept("nodeName", Ty::Str),
        kept("hostNetwork", Ty::Bool),
        kept("hostPID", Ty::Bool),
        kept("hostIPC", Ty::Bool),
        kept("shareProcessNamespace", Ty::Bool),
        opaque("securityContext", "*v1.PodSecurityContext"),
        opaque("imagePullSecrets", "[]v1.LocalObjectReference"),
        kept("hostname", Ty::Str),
        kept("subdomain", Ty::Str),
        opaque("affinity", "*v1.Affinity"),
        kept("schedulerName", Ty::Str),
        opaque("tolerations", "[]v1.Toleration"),
        opaque("hostAliases", "[]v1.HostAlias"),
        kept("priorityClassName", Ty::Str),
        kept("priority", Ty::Int32),
        opaque("dnsConfig", "*v1.PodDNSConfig"),
        opaque("readinessGates", "[]v1.PodReadinessGate"),
        kept("runtimeClassName", Ty::Str),
        kept("enableServiceLinks", Ty::Bool),
        kept("preemptionPolicy", Ty::Str),
        opaque("overhead", "v1.ResourceList"),
        opaque("topologySpreadConstraints", "[]v1.TopologySpreadConstraint"),
        kept("setHostnameAsFQDN", Ty::Bool),
        opaque("os", "*v1.PodOS"),
        kept("hostUsers", Ty::Bool),
        opaque("schedulingGates", "[]v1.PodSchedulingGate"),
        opaque("resourceClaims", "[]v1.PodResourceClaim"),
        opaque("resources", "*v1.ResourceRequirements"),
        kept("hostnameOverride", Ty::Str),
    ],
};

pub static POD_TEMPLATE: Struct = Struct {
    package: "v1",
    go: "PodTemplateSpec",
    fields: &[
        sim("metadata", Ty::Struct(&OBJECT_META)),
        sim("spec", Ty::Struct(&POD_SPEC)),
    ],
};

pub static ROLLING_UPDATE_DEPLOYMENT: Struct = Struct {
    package: "v1",
    go: "RollingUpdateDeployment",
    fields: &[
        sim("maxUnavailable", Ty::IntOrStr),
        sim("maxSurge", Ty::IntOrStr),
    ],
};

pub static DEPLOYMENT_STRATEGY: Struct = Struct {
    package: "v1",
    go: "DeploymentStrategy",
    fields: &[
        sim("type", Ty::Str),
        sim("rollingUpdate", Ty::Struct(&ROLLING_UPDATE_DEPLOYMENT)),
    ],
};

pub static DEPLOYMENT_SPEC: Struct = Struct {
    package: "v1",
    go: "DeploymentSpec",
    fields: &[
        sim("replicas", Ty::Int32),
        sim("selector", Ty::Struct(&LABEL_SELECTOR)),
        sim("template", Ty::Struct(&POD_TEMPLATE)),
        sim("strategy", Ty::Struct(&DEPLOYMENT_STRATEGY)),
        kept("minReadySeconds", Ty::Int32),
        kept("revisionHistoryLimit", Ty::Int32),
        kept("paused", Ty::Bool),
        kept("progressDeadlineSeconds", Ty::Int32),
    ],
};

pub static ROLLING_UPDATE_STATEFUL_SET: Struct = Struct {
    package: "v1",
    go: "RollingUpdateStatefulSetStrategy",
    fields: &[
        sim("partition", Ty::Int32),
        kept("maxUnavailable", Ty::IntOrStr),
    ],
};

pub static STATEFUL_SET_UPDATE_STRATEGY: Struct = Struct {
    package: "v1",
    go: "StatefulSetUpdateStrategy",
    fields: &[
        sim("type", Ty::Str),
        sim("rollingUpdate", Ty::Struct(&ROLLING_UPDATE_STATEFUL_SET)),
    ],
};

pub static RETENTION_POLICY: Struct = Struct {
    package: "v1",
    go: "StatefulSetPersistentVolumeClaimRetentionPolicy",
    fields: &[sim("whenDeleted", Ty::Str), sim("whenScaled", Ty::Str)],
};

pub static ORDINALS: Struct = Struct {
    package: "v1",
    go: "StatefulSetOrdinals",
    fields: &[kept("start", Ty::Int32)],
};

pub static PVC_SPEC: Struct = Struct {
    package: "v1",
    go: "PersistentVolumeClaimSpec",
    fields: &[
        sim("accessModes", Ty::List(&Ty::Str)),
        opaque("selector", "*v1.LabelSelector"),
        opaque("resources", "v1.VolumeResourceRequirements"),
        kept("volumeName", Ty::Str),
        kept("storageClassName", Ty::Str),
        kept("volumeMode", Ty::Str),
        opaque("dataSource", "*v1.TypedLocalObjectReference"),
        opaque("dataSourceRef", "*v1.TypedObjectReference"),
        kept("volumeAttributesClassName", Ty::Str),
    ],
};

/// A claim template of a StatefulSet (a PersistentVolumeClaim without its kind).
pub static PVC_TEMPLATE: Struct = Struct {
    package: "v1",
    go: "PersistentVolumeClaim",
    fields: &[
        kept("apiVersion", Ty::Str),
        kept("kind", Ty::Str),
        sim("metadata", Ty::Struct(&OBJECT_META)),
        sim("spec", Ty::Struct(&PVC_SPEC)),
        opaque("status", "v1.PersistentVolumeClaimStatus"),
    ],
};

pub static STATEFUL_SET_SPEC: Struct = Struct {
    package: "v1",
    go: "StatefulSetSpec",
    fields: &[
        sim("replicas", Ty::Int32),
        sim("selector", Ty::Struct(&LABEL_SELECTOR)),
        sim("template", Ty::Struct(&POD_TEMPLATE)),
        sim("volumeClaimTemplates", Ty::List(&Ty::Struct(&PVC_TEMPLATE))),
        kept("serviceName", Ty::Str),
        sim("podManagementPolicy", Ty::Str),
        sim("updateStrategy", Ty::Struct(&STATEFUL_SET_UPDATE_STRATEGY)),
        kept("revisionHistoryLimit", Ty::Int32),
        kept("minReadySeconds", Ty::Int32),
        sim(
            "persistentVolumeClaimRetentionPolicy",
            Ty::Struct(&RETENTION_POLICY),
        ),
        kept("ordinals", Ty::Struct(&ORDINALS)),
    ],
};

pub static SERVICE_PORT: Struct = Struct {
    package: "v1",
    go: "ServicePort",
    fields: &[
        kept("name", Ty::Str),
        kept("protocol", Ty::Str),
        kept("appProtocol", Ty::Str),
        kept("port", Ty::Int32),
        kept("targetPort", Ty::IntOrStr),
        kept("nodePort", Ty::Int32),
    ],
};

pub static SERVICE_SPEC: Struct = Struct {
    package: "v1",
    go: "ServiceSpec",
    fields: &[
        kept("ports", Ty::List(&Ty::Struct(&SERVICE_PORT))),
        sim("selector", Ty::StrMap),
        sim("clusterIP", Ty::Str),
        sim("clusterIPs", Ty::List(&Ty::Str)),
        sim("type", Ty::Str),
        opaque("externalIPs", "[]string"),
        sim("sessionAffinity", Ty::Str),
        kept("loadBalancerIP", Ty::Str),
        opaque("loadBalancerSourceRanges", "[]string"),
        kept("externalName", Ty::Str),
        kept("externalTrafficPolicy", Ty::Str),
        kept("healthCheckNodePort", Ty::Int32),
        sim("publishNotReadyAddresses", Ty::Bool),
        opaque("sessionAffinityConfig", "*v1.SessionAffinityConfig"),
        opaque("ipFamilies", "[]v1.IPFamily"),
        kept("ipFamilyPolicy", Ty::Str),
        kept("allocateLoadBalancerNodePorts", Ty::Bool),
        kept("loadBalancerClass", Ty::Str),
        kept("internalTrafficPolicy", Ty::Str),
        kept("trafficDistribution", Ty::Str),
    ],
};

/// A kind the lab reads: its group/version, its top-level body field and that body's type.
#[derive(Debug)]
pub struct KindSchema {
    pub kind: &'static str,
    pub api_version: &'static str,
    /// The resource's plural, lower case, with its group (`deployments.apps`), for NotFound.
    pub resource: &'static str,
    /// kubectl's `TYPE/NAME` prefix in apply's output (`deployment.apps`).
    pub short: &'static str,
    pub top: Struct,
}

const fn top(fields: &'static [Field], go: &'static str) -> Struct {
    Struct {
        package: "v1",
        go,
        fields,
    }
}

pub static KINDS: [KindSchema; 5] = [
    KindSchema {
        kind: "Deployment",
        api_version: "apps/v1",
        resource: "deployments",
        short: "deployment.apps",
        top: top(
            &[
                sim("apiVersion", Ty::Str),
                sim("kind", Ty::Str),
                sim("metadata", Ty::Struct(&OBJECT_META)),
                sim("spec", Ty::Struct(&DEPLOYMENT_SPEC)),
                opaque("status", "v1.DeploymentStatus"),
            ],
            "Deployment",
        ),
    },
    KindSchema {
        kind: "StatefulSet",
        api_version: "apps/v1",
        resource: "statefulsets",
        short: "statefulset.apps",
        top: top(
            &[
                sim("apiVersion", Ty::Str),
                sim("kind", Ty::Str),
                sim("metadata", Ty::Struct(&OBJECT_META)),
                sim("spec", Ty::Struct(&STATEFUL_SET_SPEC)),
                opaque("status", "v1.StatefulSetStatus"),
            ],
            "StatefulSet",
        ),
    },
    KindSchema {
        kind: "Service",
        api_version: "v1",
        resource: "services",
        short: "service",
        top: top(
            &[
                sim("apiVersion", Ty::Str),
                sim("kind", Ty::Str),
                sim("metadata", Ty::Struct(&OBJECT_META)),
                sim("spec", Ty::Struct(&SERVICE_SPEC)),
                opaque("status", "v1.ServiceStatus"),
            ],
            "Service",
        ),
    },
    KindSchema {
        kind: "PersistentVolumeClaim",
        api_version: "v1",
        resource: "persistentvolumeclaims",
        short: "persistentvolumeclaim",
        top: top(
            &[
                sim("apiVersion", Ty::Str),
                sim("kind", Ty::Str),
                sim("metadata", Ty::Struct(&OBJECT_META)),
                sim("spec", Ty::Struct(&PVC_SPEC)),
                opaque("status", "v1.PersistentVolumeClaimStatus"),
            ],
            "PersistentVolumeClaim",
        ),
    },
    KindSchema {
        kind: "StorageClass",
        api_version: "storage.k8s.io/v1",
        resource: "storageclasses.storage.k8s.io",
        short: "storageclass.storage.k8s.io",
        top: top(
            &[
                sim("apiVersion", Ty::Str),
                sim("kind", Ty::Str),
                sim("metadata", Ty::Struct(&OBJECT_META)),
                kept("provisioner", Ty::Str),
                kept("parameters", Ty::StrMap),
                kept("reclaimPolicy", Ty::Str),
                opaque("mountOptions", "[]string"),
                kept("allowVolumeExpansion", Ty::Bool),
                kept("volumeBindingMode", Ty::Str),
                opaque("allowedTopologies", "[]v1.TopologySelectorTerm"),
            ],
            "StorageClass",
        ),
    },
];

/// The schema of `kind` in `api_version`, if the lab reads it.
pub fn kind(kind: &str, api_version: &str) -> Option<&'static KindSchema> {
    KINDS
        .iter()
        .find(|schema| schema.kind == kind && schema.api_version == api_version)
}
