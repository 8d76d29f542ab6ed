//! The API server's validation of the fields the lab reads, in its words (`field.ErrorList`:
//! `path: Required value`, `path: Invalid value: …`, `path: Unsupported value: …`).

use super::document::{Manifest, get, int, items, labels, text};
use super::tree::{Mark, Node, Scalar};
use crate::sim::scenario::IntOrPercent;

type Causes = Vec<(String, Mark)>;

/// Every cause the API server would give for refusing the object (empty: valid).
pub fn validate(manifest: &Manifest) -> Causes {
    let mut causes = Causes::new();
    let node = manifest.node;
    let mark = |path: &str| get(node, path).map_or(node.mark, |node| node.mark);
    let mut push = |causes: &mut Causes, path: &str, text: String| causes.push((text, mark(path)));
    match manifest.schema.kind {
        "Deployment" | "StatefulSet" => {
            workload(manifest, &mut causes, &mut push);
        }
        "Service" => {
            let affinity = text(node, "spec.sessionAffinity");
            if !["", "ClientIP", "None"].contains(&affinity) {
                push(
                    &mut causes,
                    "spec.sessionAffinity",
                    format!(
                        "spec.sessionAffinity: Unsupported value: \"{affinity}\": supported values: \"ClientIP\", \"None\""
                    ),
                );
            }
            let kind = text(node, "spec.type");
            if !["", "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"].contains(&kind) {
                push(
                    &mut causes,
                    "spec.type",
                    format!(
                        "spec.type: Unsupported value: \"{kind}\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""
                    ),
                );
            }
            if text(node, "spec.clusterIP") != "None" && items(node, "spec.ports").is_empty() {
                push(&mut causes, "spec", "spec.ports: Required value".to_owned());
            }
        }
        "PersistentVolumeClaim" => claim(node, "spec", &mut causes, &mut push),
        _ => {}
    }
    causes
}

fn workload(
    manifest: &Manifest,
    causes: &mut Causes,
    push: &mut impl FnMut(&mut Causes, &str, String),
) {
    let node = manifest.node;
    if let Some(replicas) = int(node, "spec.replicas").filter(|replicas| *replicas < 0) {
        push(
            causes,
            "spec.replicas",
            format!("spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0"),
        );
    }
    let selector = labels(node, "spec.selector.matchLabels");
    let template_labels = labels(node, "spec.template.metadata.labels");
    if selector.is_empty() {
        push(causes, "spec", "spec.selector: Required value".to_owned());
    } else if !selector.iter().all(|pair| template_labels.contains(pair)) {
        let shown: Vec<String> = template_labels
            .iter()
            .map(|(k, v)| format!("{k:?}:{v:?}"))
            .collect();
        push(
            causes,
            "spec.template.metadata.labels",
            format!(
                "spec.template.metadata.labels: Invalid value: map[string]string{{{}}}: `selector` does not match template `labels`",
                shown.join(", ")
            ),
        );
    }
    let containers = items(node, "spec.template.spec.containers");
    if containers.is_empty() {
        push(
            causes,
            "spec.template.spec",
            "spec.template.spec.containers: Required value".to_owned(),
        );
    }
    let mut volumes: Vec<&str> = items(node, "spec.template.spec.volumes")
        .iter()
        .map(|v| text(v, "name"))
        .collect();
    let templates = items(node, "spec.volumeClaimTemplates");
    volumes.extend(templates.iter().map(|t| text(t, "metadata.name")));
    for (index, container) in containers.iter().enumerate() {
        let path = format!("spec.template.spec.containers[{index}]");
        for field in ["name", "image"] {
            if text(container, field).is_empty() {
                push(causes, &path, format!("{path}.{field}: Required value"));
            }
        }
        for (m, mount) in items(container, "volumeMounts").iter().enumerate() {
            let name = text(mount, "name");
            if !volumes.contains(&name) {
                push(
                    causes,
                    &format!("{path}.volumeMounts[{m}]"),
                    format!("{path}.volumeMounts[{m}].name: Not found: \"{name}\""),
                );
            }
            if text(mount, "mountPath").is_empty() {
                push(
                    causes,
                    &format!("{path}.volumeMounts[{m}]"),
                    format!("{path}.volumeMounts[{m}].mountPath: Required value"),
                );
            }
        }
    }
    if manifest.schema.kind == "Deployment" {
        let strategy = text(node, "spec.strategy.type");
        if !["", "Recreate", "RollingUpdate"].contains(&strategy) {
            push(
                causes,
                "spec.strategy.type",
                format!(
                    "spec.strategy.type: Unsupported value: \"{strategy}\": supported values: \"Recreate\", \"RollingUpdate\""
                ),
            );
        }
        let rolling = get(node, "spec.strategy.rollingUpdate").is_some_and(|n| !n.is_null());
        if strategy == "Recreate" && rolling {
            push(
                causes,
                "spec.strategy.rollingUpdate",
                "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'".to_owned(),
            );
        }
        let bound = |field: &str| {
            let path = format!("spec.strategy.rollingUpdate.{field}");
            (
                path.clone(),
                get(node, &path).map(|value| int_or_percent(value, &path)),
            )
        };
        let (surge_at, surge) = bound("maxSurge");
        let (unavailable_at, unavailable) = bound("maxUnavailable");
        for (at, value) in [(&surge_at, &surge), (&unavailable_at, &unavailable)] {
            if let Some(Err(cause)) = value {
                push(causes, at, cause.clone());
            }
        }
        if let Some(Ok(IntOrPercent::Percent(percent))) = unavailable
            && percent > 100
        {
            push(
                causes,
                &unavailable_at,
                format!(
                    "{unavailable_at}: Invalid value: \"{percent}%\": must not be greater than 100%"
                ),
            );
        }
        // Defaulted, an absent bound is 25%: only two written zeros stall a rollout.
        let zero = |value: &Option<Result<IntOrPercent, String>>| {
            matches!(
                value,
                Some(Ok(IntOrPercent::Int(0) | IntOrPercent::Percent(0)))
            )
        };
        if zero(&surge) && zero(&unavailable) {
            let shown = get(node, &unavailable_at).map_or("0", |value| value.text());
            let shown = match unavailable {
                Some(Ok(IntOrPercent::Percent(_))) => format!("\"{shown}\""),
                _ => shown.to_owned(),
            };
            push(
                causes,
                &unavailable_at,
                format!(
                    "{unavailable_at}: Invalid value: {shown}: may not be 0 when `maxSurge` is 0"
                ),
            );
        }
    } else {
        let policy = text(node, "spec.podManagementPolicy");
        if !["", "OrderedReady", "Parallel"].contains(&policy) {
            push(
                causes,
                "spec.podManagementPolicy",
                format!(
                    "spec.podManagementPolicy: Unsupported value: \"{policy}\": supported values: \"OrderedReady\", \"Parallel\""
                ),
            );
        }
        let partition = int(node, "spec.updateStrategy.rollingUpdate.partition");
        if let Some(partition) = partition.filter(|partition| *partition < 0) {
            push(
                causes,
                "spec.updateStrategy.rollingUpdate.partition",
                format!(
                    "spec.updateStrategy.rollingUpdate.partition: Invalid value: {partition}: must be greater than or equal to 0"
                ),
            );
        }
        for field in ["whenDeleted", "whenScaled"] {
            let path = format!("spec.persistentVolumeClaimRetentionPolicy.{field}");
            let policy = text(node, &path);
            if !["", "Delete", "Retain"].contains(&policy) {
                push(
                    causes,
                    &path,
                    format!(
                        "{path}: Unsupported value: \"{policy}\": supported values: \"Delete\", \"Retain\""
                    ),
                );
            }
        }
        let update = text(node, "spec.updateStrategy.type");
        if !["", "OnDelete", "RollingUpdate"].contains(&update) {
            push(
                causes,
                "spec.updateStrategy.type",
                format!(
                    "spec.updateStrategy.type: Unsupported value: \"{update}\": supported values: \"OnDelete\", \"RollingUpdate\""
                ),
            );
        }
        for (index, template) in templates.iter().enumerate() {
            claim(
                template,
                &format!("spec.volumeClaimTemplates[{index}].spec"),
                causes,
                &mut |causes, path, text| {
                    let inner = path
                        .strip_prefix(&format!("spec.volumeClaimTemplates[{index}]."))
                        .unwrap_or(path);
                    causes.push((text, get(template, inner).map_or(template.mark, |n| n.mark)));
                },
            );
        }
    }
}

/// A claim's spec (a PersistentVolumeClaim's, or a StatefulSet's claim template's at `at`).
fn claim(
    node: &super::tree::Node,
    at: &str,
    causes: &mut Causes,
    push: &mut impl FnMut(&mut Causes, &str, String),
) {
    let modes = items(node, "spec.accessModes");
    if modes.is_empty() {
        push(
            causes,
            at,
            format!("{at}.accessModes: Required value: at least 1 access mode is required"),
        );
    }
    for mode in modes {
        let mode = mode.text();
        if ![
            "ReadOnlyMany",
            "ReadWriteMany",
            "ReadWriteOnce",
            "ReadWriteOncePod",
        ]
        .contains(&mode)
        {
            push(
                causes,
                &format!("{at}.accessModes"),
                format!(
                    "{at}.accessModes: Unsupported value: \"{mode}\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\""
                ),
            );
        }
    }
    if modes.len() > 1 && modes.iter().any(|mode| mode.text() == "ReadWriteOncePod") {
        push(
            causes,
            &format!("{at}.accessModes"),
            format!(
                "{at}.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes"
            ),
        );
    }
    if get(node, "spec.resources.requests.storage").is_none() {
        push(
            causes,
            at,
            format!("{at}.resources[storage]: Required value"),
        );
    }
}

/// An `intstr.IntOrString` bound (maxSurge, maxUnavailable) at `path`: a whole number ≥ 0 or a
/// percentage written `25%` (a string); otherwise the API server's cause.
pub fn int_or_percent(value: &Node, path: &str) -> Result<IntOrPercent, String> {
    match value.scalar() {
        Some(Scalar::Int(n)) if n < 0 => Err(format!(
            "{path}: Invalid value: {n}: must be greater than or equal to 0"
        )),
        Some(Scalar::Int(n)) => i32::try_from(n)
            .map(|n| IntOrPercent::Int(n.unsigned_abs()))
            .map_err(|_| int32(value, path)),
        Some(Scalar::Str(text))
            if text.len() > 1
                && text.ends_with('%')
                && text[..text.len() - 1].bytes().all(|b| b.is_ascii_digit()) =>
        {
            // Go's strconv.Atoi, as intstr reads a percentage: past int32 it is an error.
            text[..text.len() - 1]
                .parse::<i32>()
                .map(|n| IntOrPercent::Percent(n.unsigned_abs()))
                .map_err(|_| format!("{path}: Invalid value: \"{text}\": invalid value for IntOrString: invalid value \"{text}\""))
        }
        _ => Err(format!(
            "{path}: Invalid value: \"{}\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%', or '93%', regex used for validation is '[0-9]+%')",
            value.text()
        )),
    }
}

/// A number past an int32, as Go's decoder refuses it.
fn int32(value: &Node, path: &str) -> String {
    format!(
        "{path}: Invalid value: {}: must be a 32-bit integer",
        value.text()
    )
}
