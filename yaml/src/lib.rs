//! YAML text to the model's manifest trees (`adder_lab_model::manifest::tree`), with each
//! node's line and column, read with yaml-rust2's event parser. Aliases are expanded into
//! copies, within `NODES_MAX` nodes in all, so a document of nested aliases ("billion
//! laughs") is refused instead of filling the memory.

use std::collections::BTreeMap;

use adder_lab_model::manifest::tree::{Mark, NODES_MAX, Node, SyntaxError, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Every document of `text`, in order (an empty stream has none).
pub fn parse(text: &str) -> Result<Vec<Node>, SyntaxError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    let loaded = parser.load(&mut builder, true);
    if let Some(error) = builder.error {
        return Err(error);
    }
    loaded.map_err(|error| SyntaxError {
        mark: mark(*error.marker()),
        message: error.info().to_owned(),
    })?;
    Ok(builder.documents)
}

fn mark(marker: Marker) -> Mark {
    Mark {
        line: u32::try_from(marker.line()).unwrap_or(u32::MAX),
        column: u32::try_from(marker.col() + 1).unwrap_or(u32::MAX),
    }
}

/// A collection being read: its start, anchor, and the nodes so far.
struct Open {
    node: Node,
    anchor: usize,
    /// A map's key waiting for its value.
    key: Option<Node>,
}

#[derive(Default)]
struct Builder {
    documents: Vec<Node>,
    stack: Vec<Open>,
    anchors: BTreeMap<usize, Node>,
    nodes: usize,
    error: Option<SyntaxError>,
}

impl Builder {
    fn finish(&mut self, node: Node, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        let Some(open) = self.stack.last_mut() else {
            self.documents.push(node);
            return;
        };
        match &mut open.node.value {
            Value::Seq(items) => items.push(node),
            Value::Map(entries) => match open.key.take() {
                None => open.key = Some(node),
                Some(key) => entries.push((key, node)),
            },
            Value::Scalar { .. } => {}
        }
    }

    fn count(&mut self, nodes: usize, at: Mark) -> bool {
        self.nodes += nodes;
        if self.nodes > NODES_MAX && self.error.is_none() {
            self.error = Some(SyntaxError {
                mark: at,
                message: format!("too many nodes: more than {NODES_MAX} once aliases are expanded"),
            });
        }
        self.error.is_none()
    }
}

fn is_str_tag(tag: Option<&Tag>) -> bool {
    tag.is_some_and(|tag| tag.suffix == "str")
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, marker: Marker) {
        if self.error.is_some() {
            return;
        }
        let at = mark(marker);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if !self.count(1, at) {
                    return;
                }
                let plain = style == TScalarStyle::Plain && !is_str_tag(tag.as_ref());
                let node = Node {
                    mark: at,
                    value: Value::Scalar { text, plain },
                };
                self.finish(node, anchor);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if !self.count(1, at) {
                    return;
                }
                let value = if matches!(event, Event::SequenceStart(..)) {
                    Value::Seq(Vec::new())
                } else {
                    Value::Map(Vec::new())
                };
                self.stack.push(Open {
                    node: Node { mark: at, value },
                    anchor,
                    key: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(open) = self.stack.pop() {
                    self.finish(open.node, open.anchor);
                }
            }
            Event::Alias(anchor) => {
                let Some(node) = self.anchors.get(&anchor).cloned() else {
                    self.error = Some(SyntaxError {
                        mark: at,
                        message: "unknown anchor".to_owned(),
                    });
                    return;
                };
                if self.count(node.count(), at) {
                    self.finish(node, 0);
                }
            }
            Event::DocumentEnd => self.anchors.clear(),
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentStart => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_keep_their_lines_and_columns() {
        let docs = parse("a: 1\nb:\n  - x\n---\nc: 'on'\n").expect("valid YAML");
        assert_eq!(docs.len(), 2);
        let Value::Map(entries) = &docs[0].value else {
            panic!("a map")
        };
        assert_eq!(entries[1].0.mark, Mark { line: 2, column: 1 });
        let Value::Seq(items) = &entries[1].1.value else {
            panic!("a list")
        };
        assert_eq!(items[0].mark, Mark { line: 3, column: 5 });
        let Value::Map(entries) = &docs[1].value else {
            panic!("a map")
        };
        assert_eq!(
            entries[0].1.value,
            Value::Scalar {
                text: "on".into(),
                plain: false
            }
        );
    }

    #[test]
    fn a_syntax_error_says_where() {
        let error = parse("a: 1\n b: 2\n").expect_err("bad indentation");
        assert_eq!(error.mark.line, 2);
        assert!(!error.message.is_empty());
    }

    #[test]
    fn nested_aliases_are_refused_not_expanded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
        }
        let error = parse(&text).expect_err("too large");
        assert!(
            error.message.contains("too many nodes"),
            "{}",
            error.message
        );
    }
}
