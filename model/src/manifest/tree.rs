//! A YAML document as the manifest decoder reads it: maps, sequences and scalars, each with the
//! line and column it starts at. The model has no YAML parser of its own (it has no dependency):
//! the terminal's worker builds these trees with a YAML crate and hands the parser in as a
//! `Parse` function, so everything after the syntax is decided here and tested natively.

use std::fmt;

/// Where a node starts in the text, counted from 1 as editors count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub struct Mark {
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A scalar's text; `plain` when it was not quoted (only a plain scalar can be a number,
    /// a boolean or null).
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    /// Keys in the order written (a repeated key is kept, and refused by the decoder).
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub mark: Mark,
    pub value: Value,
}

/// What a scalar means once resolved as kubectl resolves it: sigs.k8s.io/yaml reads YAML with
/// go-yaml v2 (YAML 1.1), so `on`, `yes` and `y` are booleans, not strings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float,
    Str(&'a str),
}

impl Scalar<'_> {
    /// The JSON type Go's decoder names in "cannot unmarshal X into …".
    pub fn json_type(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "bool",
            Scalar::Int(_) | Scalar::Float => "number",
            Scalar::Str(_) => "string",
        }
    }
}

impl Node {
    pub fn scalar(&self) -> Option<Scalar<'_>> {
        match &self.value {
            Value::Scalar { text, plain: true } => Some(resolve_plain(text)),
            Value::Scalar { text, plain: false } => Some(Scalar::Str(text)),
            _ => None,
        }
    }

    /// The JSON type of this node, as Go's decoder would name it.
    pub fn json_type(&self) -> &'static str {
        match &self.value {
            Value::Scalar { .. } => self.scalar().map_or("string", |s| s.json_type()),
            Value::Seq(_) => "array",
            Value::Map(_) => "object",
        }
    }

    /// A scalar's text as written (a key, a label, an access mode); "" for a map or a list.
    pub fn text(&self) -> &str {
        match &self.value {
            Value::Scalar { text, .. } => text,
            _ => "",
        }
    }

    pub fn is_null(&self) -> bool {
        self.scalar() == Some(Scalar::Null)
    }

    /// Nodes in the tree, this one included (a bound on what a document may hold).
    pub fn count(&self) -> usize {
        1 + match &self.value {
            Value::Scalar { .. } => 0,
            Value::Seq(items) => items.iter().map(Node::count).sum(),
            Value::Map(entries) => entries.iter().map(|(k, v)| k.count() + v.count()).sum(),
        }
    }
}

fn resolve_plain(text: &str) -> Scalar<'_> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Scalar::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Scalar::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Scalar::Bool(false);
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return Scalar::Float,
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let negative = text.starts_with('-');
    let parsed = if let Some(hex) = digits.strip_prefix("0x") {
        i64::from_str_radix(&hex.replace('_', ""), 16).ok()
    } else if let Some(binary) = digits.strip_prefix("0b") {
        i64::from_str_radix(&binary.replace('_', ""), 2).ok()
    } else if digits.len() > 1
        && digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        i64::from_str_radix(&digits[1..], 8).ok()
    } else if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        && digits.as_bytes()[0] != b'_'
    {
        digits.replace('_', "").parse().ok()
    } else {
        None
    };
    if let Some(value) = parsed {
        return Scalar::Int(if negative { -value } else { value });
    }
    let is_float = !digits.is_empty()
        && digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+' | b'_'))
        && digits.replace('_', "").parse::<f64>().is_ok();
    if is_float {
        Scalar::Float
    } else {
        Scalar::Str(text)
    }
}

/// The YAML text could not be read as YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub mark: Mark,
    /// The parser's own words.
    pub message: String,
}

/// The YAML parser the worker hands in: every document of a stream, `---` separated.
pub type Parse = fn(&str) -> Result<Vec<Node>, SyntaxError>;

/// Most nodes one apply may hold, aliases expanded: far above any manifest, far below what
/// would stall the page (a "billion laughs" document is refused, not expanded).
pub const NODES_MAX: usize = 20_000;

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Scalar<'_> {
        resolve_plain(text)
    }

    #[test]
    fn plain_scalars_resolve_as_kubectl_reads_them() {
        assert_eq!(plain("3"), Scalar::Int(3));
        assert_eq!(plain("-2"), Scalar::Int(-2));
        assert_eq!(plain("0x10"), Scalar::Int(16));
        assert_eq!(plain("on"), Scalar::Bool(true));
        assert_eq!(plain("off"), Scalar::Bool(false));
        assert_eq!(plain("~"), Scalar::Null);
        assert_eq!(plain("1.5"), Scalar::Float);
        assert_eq!(plain("1Gi"), Scalar::Str("1Gi"));
        assert_eq!(plain("25%"), Scalar::Str("25%"));
        assert_eq!(plain("None"), Scalar::Str("None"));
        assert_eq!(plain("adder"), Scalar::Str("adder"));
        assert_eq!(plain("99999999999999999999"), Scalar::Float);
    }
}
