//! `kubectl get … -o yaml`: an object as kubectl prints it (sigs.k8s.io/yaml, go-yaml v2): keys
//! sorted, a list's items at their key's indentation, strings quoted only when they would read
//! as something else. The object is the scene's manifest of it (read with the worker's parser)
//! with the namespace the API server sets; other server-set fields are left out, and it says so.

use crate::manifest::document::{self, Manifest};
use crate::manifest::tree::{Node, Parse, Scalar, Value};
use crate::playground::manifests::manifests;
use crate::sim::World;

/// The objects of `kind` named `names` (all of them when `names` is empty), as kubectl prints
/// them: one named object alone, otherwise a `List`. `None` when the manifests cannot be read.
pub fn objects(
    world: &World,
    parse: Parse,
    kind: &str,
    names: &[String],
) -> Option<(String, Vec<String>)> {
    let docs = parse(&manifests(world)).ok()?;
    let live: Vec<Manifest> = docs
        .iter()
        .filter_map(|doc| document::read(doc, "live").ok().flatten())
        .filter(|object| object.schema.kind == kind)
        .collect();
    let mut missing = Vec::new();
    let chosen: Vec<&Manifest> = if names.is_empty() {
        live.iter().collect()
    } else {
        names
            .iter()
            .filter_map(|name| {
                let found = live.iter().find(|object| &object.name == name);
                if found.is_none() {
                    missing.push(name.clone());
                }
                found
            })
            .collect()
    };
    let mut out = String::new();
    match chosen[..] {
        [] => {}
        [one] if names.len() == 1 => write_object(one.node, 0, &mut out),
        _ => {
            out.push_str("apiVersion: v1\nitems:\n");
            for object in &chosen {
                let mut item = String::new();
                write_object(object.node, 0, &mut item);
                for (index, line) in item.lines().enumerate() {
                    out.push_str(if index == 0 { "- " } else { "  " });
                    out.push_str(line);
                    out.push('\n');
                }
            }
            out.push_str("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
        }
    }
    if !chosen.is_empty() {
        out.push_str("# (the lab prints the object as applied, with its namespace; uid, resourceVersion, creationTimestamp, managedFields and status are left out)\n");
    }
    Some((out, missing))
}

/// The object with the namespace the API server sets.
fn write_object(node: &Node, indent: usize, out: &mut String) {
    write_map(node, indent, out, true);
}

fn write_map(node: &Node, indent: usize, out: &mut String, top: bool) {
    let Value::Map(entries) = &node.value else {
        return;
    };
    let mut sorted: Vec<(&str, &Node)> = entries
        .iter()
        .filter(|(_, value)| !value.is_null())
        .map(|(key, value)| (key.text(), value))
        .collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    for (key, value) in sorted {
        out.push_str(&" ".repeat(indent));
        out.push_str(key);
        out.push(':');
        if top && key == "metadata" {
            let mut metadata = String::new();
            write_map(value, indent + 2, &mut metadata, false);
            let namespace = format!("{}namespace: default\n", " ".repeat(indent + 2));
            let mut lines: Vec<String> = metadata.lines().map(|line| format!("{line}\n")).collect();
            // Keys stay sorted: namespace goes after name (and labels) where it sorts.
            let at = lines
                .iter()
                .position(|line| {
                    let key = line.trim_start().split(':').next().unwrap_or("");
                    line.starts_with(&" ".repeat(indent + 2))
                        && !line.starts_with(&" ".repeat(indent + 3))
                        && key > "namespace"
                })
                .unwrap_or(lines.len());
            lines.insert(at, namespace);
            out.push('\n');
            out.push_str(&lines.concat());
            continue;
        }
        write_value(value, indent, out);
    }
}

/// After `key:`: a scalar on the same line, a map or a list below.
fn write_value(value: &Node, indent: usize, out: &mut String) {
    match &value.value {
        Value::Scalar { .. } => {
            out.push(' ');
            out.push_str(&scalar(value));
            out.push('\n');
        }
        Value::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
        Value::Seq(items) if items.is_empty() => out.push_str(" []\n"),
        Value::Map(_) => {
            out.push('\n');
            write_map(value, indent + 2, out, false);
        }
        Value::Seq(items) => {
            out.push('\n');
            for item in items {
                write_item(item, indent, out);
            }
        }
    }
}

/// A list item, `- ` at its key's indentation (go-yaml v2's style).
fn write_item(item: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match &item.value {
        Value::Map(entries) if !entries.is_empty() => {
            let mut inner = String::new();
            write_map(item, indent + 2, &mut inner, false);
            for (index, line) in inner.lines().enumerate() {
                if index == 0 {
                    out.push_str(&pad);
                    out.push_str("- ");
                    out.push_str(line.trim_start());
                } else {
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        Value::Scalar { .. } => {
            out.push_str(&pad);
            out.push_str("- ");
            out.push_str(&scalar(item));
            out.push('\n');
        }
        _ => {
            out.push_str(&pad);
            out.push_str("- ");
            out.push_str(if matches!(item.value, Value::Seq(_)) {
                "[]"
            } else {
                "{}"
            });
            out.push('\n');
        }
    }
}

/// A scalar as go-yaml writes it: numbers and booleans bare, strings quoted when plain text
/// would read as another type or as YAML syntax.
fn scalar(node: &Node) -> String {
    let Value::Scalar { text, .. } = &node.value else {
        return String::new();
    };
    match node.scalar() {
        Some(Scalar::Str(text)) => {
            let plain = Node {
                mark: node.mark,
                value: Value::Scalar {
                    text: text.to_owned(),
                    plain: true,
                },
            };
            let reads_as_other = !matches!(plain.scalar(), Some(Scalar::Str(_)));
            let syntax = text.is_empty()
                || text.starts_with([
                    ' ', '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>',
                    '\'', '"', '%', '@', '`',
                ])
                || text.contains(": ")
                || text.contains(" #")
                || text.ends_with(' ')
                || text.ends_with(':');
            if reads_as_other || syntax {
                format!("{text:?}")
            } else {
                text.to_owned()
            }
        }
        _ => text.clone(),
    }
}
