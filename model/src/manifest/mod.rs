//! Manifests a learner edits and applies: YAML documents (parsed by the worker's YAML crate
//! into `tree::Node`s) read as Kubernetes objects, strictly, with the API server's words.
//!
//! `tree` is the parsed document with line and column; `schema` the fields of each kind the
//! lab reads; `strict` the field-by-field check (unknown fields, types); `document` one
//! document as an object (kind, name, namespace, then `strict` and `validate`); `validate` the
//! API server's validation of what the lab reads. Applying lives in `kubectl::apply`.

pub mod design;
pub mod document;
pub mod schema;
pub mod strict;
pub mod tree;
pub mod validate;
