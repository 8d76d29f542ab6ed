//! Strict decoding: every field of a document checked against its kind's schema, as the API
//! server's strict field validation and Go's JSON decoder check it, with their words.

use super::schema::{Struct, Ty, Use};
use super::tree::{Mark, Node, Scalar, Value};

/// What the walk found wrong, or kept without simulating.
#[derive(Debug, Default)]
pub struct Findings {
    /// `unknown field "spec.replica"`, each with where it is.
    pub unknown: Vec<(String, Mark)>,
    /// The first type mismatch, in Go's words (`json: cannot unmarshal …`).
    pub type_error: Option<(String, Mark)>,
    /// A key given twice in one map (go-yaml refuses it before the server sees anything).
    pub duplicate: Option<(String, Mark)>,
    /// Paths of valid fields the simulation does not act on, present in the document.
    pub kept: Vec<String>,
}

/// Walks `node` as a value of `strukt`; `path` is the JSON path with list indices (strict
/// decoding's spelling), `go_path` the same without indices (Go's type errors' spelling).
pub fn check(node: &Node, strukt: &'static Struct, findings: &mut Findings) {
    walk_struct(node, strukt, "", "", findings);
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

fn walk_struct(
    node: &Node,
    strukt: &'static Struct,
    path: &str,
    go_path: &str,
    findings: &mut Findings,
) {
    let Value::Map(entries) = &node.value else {
        return;
    };
    for (index, (key, value)) in entries.iter().enumerate() {
        let name = match key.scalar() {
            Some(Scalar::Str(name)) => name.to_owned(),
            _ => key_text(key),
        };
        if entries[..index]
            .iter()
            .any(|(earlier, _)| key_text(earlier) == key_text(key))
        {
            findings.duplicate.get_or_insert((
                format!(
                    "line {}: key \"{}\" already set in map",
                    key.mark.line, name
                ),
                key.mark,
            ));
            continue;
        }
        let field_path = join(path, &name);
        let Some(field) = strukt.field(&name) else {
            findings.unknown.push((field_path, key.mark));
            continue;
        };
        if value.is_null() {
            continue;
        }
        let go_field = join(go_path, &name);
        if field.used == Use::Kept {
            findings.kept.push(field_path.clone());
        }
        walk(
            value,
            &field.ty,
            &field_path,
            &go_field,
            strukt.go,
            findings,
        );
    }
}

fn key_text(key: &Node) -> String {
    match &key.value {
        Value::Scalar { text, .. } => text.clone(),
        _ => format!("{:?}", key.mark),
    }
}

fn walk(
    node: &Node,
    ty: &'static Ty,
    path: &str,
    go_path: &str,
    owner: &str,
    findings: &mut Findings,
) {
    let mismatch = |findings: &mut Findings, what: String| {
        findings.type_error.get_or_insert((
            format!(
                "json: cannot unmarshal {what} into Go struct field {owner}.{go_path} of type {}",
                ty.go_name()
            ),
            node.mark,
        ));
    };
    let found = || match node.scalar() {
        Some(Scalar::Int(number)) => format!("number {number}"),
        Some(Scalar::Float) => match &node.value {
            Value::Scalar { text, .. } => format!("number {text}"),
            _ => "number".to_owned(),
        },
        _ => node.json_type().to_owned(),
    };
    match ty {
        Ty::Opaque(_) => {}
        Ty::Str => {
            if !matches!(node.scalar(), Some(Scalar::Str(_))) {
                mismatch(findings, node.json_type().to_owned());
            }
        }
        Ty::Bool => {
            if !matches!(node.scalar(), Some(Scalar::Bool(_))) {
                mismatch(findings, node.json_type().to_owned());
            }
        }
        Ty::Int32 | Ty::Int64 => {
            let fits = match node.scalar() {
                Some(Scalar::Int(n)) => matches!(ty, Ty::Int64) || i32::try_from(n).is_ok(),
                _ => false,
            };
            if !fits {
                mismatch(findings, found());
            }
        }
        Ty::IntOrStr => {
            if !matches!(node.scalar(), Some(Scalar::Int(_) | Scalar::Str(_))) {
                mismatch(findings, node.json_type().to_owned());
            }
        }
        Ty::StrMap => match &node.value {
            Value::Map(entries) => {
                for (_, value) in entries {
                    if !value.is_null() && !matches!(value.scalar(), Some(Scalar::Str(_))) {
                        let what = value.json_type();
                        findings.type_error.get_or_insert((
                            format!(
                                "json: cannot unmarshal {what} into Go struct field {owner}.{go_path} of type string"
                            ),
                            value.mark,
                        ));
                    }
                }
            }
            _ => mismatch(findings, node.json_type().to_owned()),
        },
        Ty::Struct(strukt) => match &node.value {
            Value::Map(_) => walk_struct(node, strukt, path, go_path, findings),
            _ => mismatch(findings, node.json_type().to_owned()),
        },
        Ty::List(item) => match &node.value {
            Value::Seq(items) => {
                for (index, element) in items.iter().enumerate() {
                    if element.is_null() {
                        continue;
                    }
                    let element_path = format!("{path}[{index}]");
                    match item {
                        Ty::Struct(strukt) => match &element.value {
                            Value::Map(_) => {
                                walk_struct(element, strukt, &element_path, go_path, findings)
                            }
                            _ => {
                                findings.type_error.get_or_insert((
                                    format!(
                                        "json: cannot unmarshal {} into Go struct field {owner}.{go_path} of type {}",
                                        element.json_type(),
                                        item.go_name()
                                    ),
                                    element.mark,
                                ));
                            }
                        },
                        _ => walk(element, item, &element_path, go_path, owner, findings),
                    }
                }
            }
            _ => mismatch(findings, node.json_type().to_owned()),
        },
    }
}
