//! One YAML document read as a Kubernetes object: its kind and name checked, its fields
//! checked strictly, and the API server's validation of what the lab reads. Errors carry the
//! words kubectl prints and where in the text the problem is.

use super::schema::{self, KindSchema};
use super::strict::{self, Findings};
use super::tree::{Mark, Node, Scalar, Value};

/// A document the API server would accept.
#[derive(Debug, Clone)]
pub struct Manifest<'a> {
    pub schema: &'static KindSchema,
    pub name: String,
    pub node: &'a Node,
    /// Valid fields present that the simulation does not act on (`spec.strategy`, …).
    pub kept: Vec<String>,
}

impl Manifest<'_> {
    /// kubectl's `TYPE/NAME` (`deployment.apps/adder`).
    pub fn reference(&self) -> String {
        format!("{}/{}", self.schema.short, self.name)
    }

    pub fn get(&self, path: &str) -> Option<&Node> {
        get(self.node, path)
    }
}

/// Why a document was not applied: kubectl's (or the API server's) words, and where.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub text: String,
    pub mark: Mark,
    /// The API server could not decode the object (a 400, Bad Request): kubectl puts what it was
    /// doing in front (`error when creating "adder.yaml": …`), which depends on whether the
    /// object exists; its kind and name.
    pub bad_request: Option<(&'static KindSchema, String)>,
}

impl Refusal {
    /// What kubectl prints: a Bad Request with what kubectl was doing, creating the object or
    /// patching it (the patch itself is left out here, and the answer says so).
    pub fn printed(&self, file: &str, exists: impl Fn(&KindSchema, &str) -> bool) -> String {
        let Some((schema, name)) = &self.bad_request else {
            return self.text.clone();
        };
        if !exists(schema, name) {
            return format!(
                "Error from server (BadRequest): error when creating \"{file}\": {}",
                self.text
            );
        }
        let resource = schema.resource.split('.').next().unwrap_or("");
        let version = schema.api_version;
        format!(
            "Error from server (BadRequest): error when applying patch:\n(the patch, left out here)\nto:\nResource: \"{version}, Resource={resource}\", GroupVersionKind: \"{version}, Kind={}\"\nName: \"{name}\", Namespace: \"default\"\nfor: \"{file}\": error when patching \"{file}\": {}",
            schema.kind, self.text
        )
    }
}

/// Kinds a real cluster serves that the lab does not simulate: named as such, not as unknown.
const REAL_KINDS: [&str; 12] = [
    "Pod",
    "ReplicaSet",
    "ConfigMap",
    "Secret",
    "Job",
    "CronJob",
    "DaemonSet",
    "Ingress",
    "Namespace",
    "PersistentVolume",
    "EndpointSlice",
    "HorizontalPodAutoscaler",
];

/// Reads one document of `file`; `Ok(None)` for an empty one (kubectl skips those).
pub fn read<'a>(doc: &'a Node, file: &str) -> Result<Option<Manifest<'a>>, Refusal> {
    let refuse = |text: String, mark: Mark| {
        Err(Refusal {
            text,
            mark,
            bad_request: None,
        })
    };
    let Value::Map(_) = &doc.value else {
        if doc.is_null() {
            return Ok(None);
        }
        return refuse(
            format!(
                "error: unable to decode \"{file}\": json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
                doc.json_type()
            ),
            doc.mark,
        );
    };
    let text_at = |path: &str| {
        get(doc, path).and_then(|node| match node.scalar() {
            Some(Scalar::Str(text)) => Some(text.to_owned()),
            _ => None,
        })
    };
    let api_version = text_at("apiVersion");
    let kind = text_at("kind");
    let missing: Vec<&str> = [("apiVersion", &api_version), ("kind", &kind)]
        .into_iter()
        .filter(|(_, value)| value.as_deref().is_none_or(str::is_empty))
        .map(|(name, _)| name)
        .collect();
    if !missing.is_empty() {
        let what = missing
            .iter()
            .map(|name| format!("{name} not set"))
            .collect::<Vec<_>>();
        let what = if what.len() == 1 {
            what[0].clone()
        } else {
            format!("[{}]", what.join(", "))
        };
        return refuse(
            format!(
                "error: error validating \"{file}\": error validating data: {what}; if you choose to ignore these errors, turn validation off with --validate=false"
            ),
            doc.mark,
        );
    }
    let (api_version, kind) = (api_version.unwrap_or_default(), kind.unwrap_or_default());
    let name = text_at("metadata.name").unwrap_or_default();
    let kind_mark = get(doc, "kind").map_or(doc.mark, |node| node.mark);
    let Some(schema) = schema::kind(&kind, &api_version) else {
        if REAL_KINDS.contains(&kind.as_str()) {
            return refuse(
                format!(
                    "# A {kind} is valid Kubernetes, but the lab simulates only Deployments, StatefulSets, Services, PersistentVolumeClaims and StorageClasses: {kind} \"{name}\" was not applied."
                ),
                kind_mark,
            );
        }
        return refuse(
            format!(
                "error: resource mapping not found for name: \"{name}\" namespace: \"\" from \"{file}\": no matches for kind \"{kind}\" in version \"{api_version}\"\nensure CRDs are installed first"
            ),
            kind_mark,
        );
    };
    if name.is_empty() {
        let (group_version, resource) = (
            schema.api_version,
            schema.resource.split('.').next().unwrap_or(""),
        );
        return refuse(
            format!(
                "error: error when retrieving current configuration of:\nResource: \"{group_version}, Resource={resource}\", GroupVersionKind: \"{group_version}, Kind={kind}\"\nName: \"\", Namespace: \"default\"\nfrom server for: \"{file}\": resource name may not be empty"
            ),
            get(doc, "metadata").map_or(doc.mark, |node| node.mark),
        );
    }
    if let Some(namespace) = text_at("metadata.namespace").filter(|ns| ns != "default") {
        return refuse(
            format!(
                "Error from server (NotFound): error when creating \"{file}\": namespaces \"{namespace}\" not found\n# The lab's cluster has one namespace for workloads: default."
            ),
            get(doc, "metadata.namespace").map_or(doc.mark, |node| node.mark),
        );
    }
    let mut findings = Findings::default();
    strict::check(doc, &schema.top, &mut findings);
    let cannot = format!(
        "{kind} in version \"{}\" cannot be handled as a {kind}",
        api_version.rsplit('/').next().unwrap_or("v1")
    );
    if let Some((text, mark)) = findings.duplicate {
        return refuse(
            format!(
                "error: error parsing {file}: error converting YAML to JSON: yaml: unmarshal errors:\n  {text}"
            ),
            mark,
        );
    }
    let bad_request = |text: String, mark: Mark| {
        Err(Refusal {
            text,
            mark,
            bad_request: Some((schema, name.clone())),
        })
    };
    if let Some((text, mark)) = findings.type_error {
        return bad_request(format!("{cannot}: {text}"), mark);
    }
    if let Some(&(_, mark)) = findings.unknown.first() {
        let fields: Vec<String> = findings
            .unknown
            .iter()
            .map(|(path, _)| format!("unknown field \"{path}\""))
            .collect();
        return bad_request(
            format!("{cannot}: strict decoding error: {}", fields.join(", ")),
            mark,
        );
    }
    let manifest = Manifest {
        schema,
        name,
        node: doc,
        kept: findings.kept,
    };
    let causes = super::validate::validate(&manifest);
    if let Some((_, mark)) = causes.first() {
        let mark = *mark;
        let listed: Vec<&str> = causes.iter().map(|(text, _)| text.as_str()).collect();
        let detail = if listed.len() == 1 {
            listed[0].to_owned()
        } else {
            format!("[{}]", listed.join(", "))
        };
        return refuse(
            format!("The {kind} \"{}\" is invalid: {detail}", manifest.name),
            mark,
        );
    }
    Ok(Some(manifest))
}

/// The node at a dotted path (`spec.template.spec.containers[0].image`).
pub fn get<'a>(node: &'a Node, path: &str) -> Option<&'a Node> {
    path.split('.').try_fold(node, |node, step| {
        let (key, index) = match step.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (step, None),
        };
        let Value::Map(entries) = &node.value else {
            return None;
        };
        let value = entries
            .iter()
            .find(|(k, _)| matches!(k.value, Value::Scalar { .. }) && k.text() == key)
            .map(|(_, v)| v)?;
        match index {
            None => Some(value),
            Some(index) => match &value.value {
                Value::Seq(items) => items.get(index),
                _ => None,
            },
        }
    })
}

/// A string at a path ("" when absent or null).
pub fn text<'a>(node: &'a Node, path: &str) -> &'a str {
    match get(node, path).and_then(Node::scalar) {
        Some(Scalar::Str(text)) => text,
        _ => "",
    }
}

/// A whole number at a path.
pub fn int(node: &Node, path: &str) -> Option<i64> {
    match get(node, path).and_then(Node::scalar) {
        Some(Scalar::Int(number)) => Some(number),
        _ => None,
    }
}

/// A map of strings at a path, in key order (labels, selectors).
pub fn labels(node: &Node, path: &str) -> Vec<(String, String)> {
    let Some(Node {
        value: Value::Map(entries),
        ..
    }) = get(node, path)
    else {
        return Vec::new();
    };
    let mut labels: Vec<(String, String)> = entries
        .iter()
        .map(|(key, value)| (key.text().to_owned(), value.text().to_owned()))
        .collect();
    labels.sort();
    labels
}

/// The items of a list at a path.
pub fn items<'a>(node: &'a Node, path: &str) -> &'a [Node] {
    match get(node, path) {
        Some(Node {
            value: Value::Seq(items),
            ..
        }) => items,
        _ => &[],
    }
}

/// A node's value written one way whatever its layout, quoting or key order: what "changed"
/// means when a document is compared with the live object. Absent and null are the same.
pub fn canonical(node: Option<&Node>) -> String {
    let mut out = String::new();
    if let Some(node) = node {
        write_canonical(node, &mut out);
    }
    out
}

fn write_canonical(node: &Node, out: &mut String) {
    match &node.value {
        Value::Scalar { text, .. } => match node.scalar() {
            Some(Scalar::Null) => {}
            Some(Scalar::Int(number)) => out.push_str(&number.to_string()),
            Some(Scalar::Bool(value)) => out.push_str(if value { "true" } else { "false" }),
            _ => {
                out.push('"');
                out.push_str(text);
                out.push('"');
            }
        },
        Value::Seq(items) => {
            out.push('[');
            for item in items {
                write_canonical(item, out);
                out.push(',');
            }
            out.push(']');
        }
        Value::Map(entries) => {
            let mut written: Vec<(String, String)> = entries
                .iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(key, value)| {
                    let mut text = String::new();
                    write_canonical(value, &mut text);
                    (canonical(Some(key)), text)
                })
                .collect();
            written.sort();
            out.push('{');
            for (key, value) in written {
                out.push_str(&key);
                out.push(':');
                out.push_str(&value);
                out.push(',');
            }
            out.push('}');
        }
    }
}
