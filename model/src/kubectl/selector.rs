//! Label selectors (`-l app=adder,tier!=db`, `-l 'env in (a,b)'`, `-l '!canary'`), as
//! `k8s.io/apimachinery/pkg/labels` reads them: every requirement must hold.

#[derive(Debug, Clone, PartialEq, Eq)]
enum Requirement {
    Equals(String, String),
    NotEquals(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    DoesNotExist(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selector(Vec<Requirement>);

/// A label key: letters, digits, `-`, `_`, `.`, and a `/` after a DNS prefix.
fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

impl Selector {
    /// Parses a selector; the error is kubectl's message after `error: `.
    pub fn parse(text: &str) -> Result<Selector, String> {
        let mut requirements = Vec::new();
        if text.trim().is_empty() {
            return Ok(Selector(requirements));
        }
        for part in split_top_level(text) {
            let part = part.trim();
            let bad = || format!("unable to parse requirement: invalid requirement \"{part}\"");
            let requirement = if let Some(key) = part.strip_prefix('!') {
                Requirement::DoesNotExist(key.trim().to_owned())
            } else if let Some((key, value)) = part.split_once("!=") {
                Requirement::NotEquals(key.trim().to_owned(), value.trim().to_owned())
            } else if let Some((key, value)) = part.split_once("==") {
                Requirement::Equals(key.trim().to_owned(), value.trim().to_owned())
            } else if let Some((key, value)) = part.split_once('=') {
                Requirement::Equals(key.trim().to_owned(), value.trim().to_owned())
            } else if let Some((key, set)) = split_set(part, " notin ") {
                Requirement::NotIn(key, set.ok_or_else(bad)?)
            } else if let Some((key, set)) = split_set(part, " in ") {
                Requirement::In(key, set.ok_or_else(bad)?)
            } else {
                Requirement::Exists(part.to_owned())
            };
            let (key, values): (&str, Vec<&str>) = match &requirement {
                Requirement::Equals(key, value) | Requirement::NotEquals(key, value) => {
                    (key, vec![value])
                }
                Requirement::In(key, set) | Requirement::NotIn(key, set) => {
                    (key, set.iter().map(String::as_str).collect())
                }
                Requirement::Exists(key) | Requirement::DoesNotExist(key) => (key, Vec::new()),
            };
            let value_ok = |value: &&str| {
                value.is_empty()
                    || value
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            };
            if !valid_key(key) || !values.iter().all(value_ok) {
                return Err(bad());
            }
            requirements.push(requirement);
        }
        Ok(Selector(requirements))
    }

    pub fn matches(&self, labels: &[(String, String)]) -> bool {
        let get = |key: &str| {
            labels
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value.as_str())
        };
        self.0.iter().all(|requirement| match requirement {
            Requirement::Equals(key, value) => get(key) == Some(value.as_str()),
            Requirement::NotEquals(key, value) => get(key) != Some(value.as_str()),
            Requirement::In(key, set) => get(key).is_some_and(|v| set.iter().any(|s| s == v)),
            Requirement::NotIn(key, set) => !get(key).is_some_and(|v| set.iter().any(|s| s == v)),
            Requirement::Exists(key) => get(key).is_some(),
            Requirement::DoesNotExist(key) => get(key).is_none(),
        })
    }
}

/// Splits at commas outside parentheses.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0_i32, 0);
    for (index, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// `key in (a,b)`: the key, and the values (`None` when the parentheses are wrong).
fn split_set(part: &str, operator: &str) -> Option<(String, Option<Vec<String>>)> {
    let (key, set) = part.split_once(operator)?;
    let values = set
        .trim()
        .strip_prefix('(')
        .and_then(|set| set.strip_suffix(')'))
        .map(|set| {
            set.split(',')
                .map(|value| value.trim().to_owned())
                .collect()
        });
    Some((key.trim().to_owned(), values))
}

/// `key=value,key2=value2`, sorted by key, or `<none>` (`labels.FormatLabels`).
pub fn format_labels(labels: &[(String, String)]) -> String {
    if labels.is_empty() {
        return "<none>".to_owned();
    }
    let mut sorted: Vec<&(String, String)> = labels.iter().collect();
    sorted.sort();
    sorted
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::{Selector, format_labels};

    fn labels(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn each_kind_of_requirement_selects_as_kubernetes_does() {
        let pod = labels(&[("app", "adder"), ("pod-template-hash", "87d")]);
        let db = labels(&[("app", "db")]);
        let cases = [
            ("app=adder", true, false),
            ("app==adder", true, false),
            ("app!=adder", false, true),
            ("app in (adder, db)", true, true),
            ("app notin (adder)", false, true),
            ("pod-template-hash", true, false),
            ("!pod-template-hash", false, true),
            ("app=adder,pod-template-hash=87d", true, false),
            ("", true, true),
        ];
        for (text, on_pod, on_db) in cases {
            let selector = Selector::parse(text).unwrap();
            assert_eq!(selector.matches(&pod), on_pod, "{text}");
            assert_eq!(selector.matches(&db), on_db, "{text}");
        }
        assert!(Selector::parse("app in adder").is_err());
        assert!(Selector::parse("=adder").is_err());
        assert!(Selector::parse("app=a b").is_err());
        assert_eq!(format_labels(&db), "app=db");
        assert_eq!(format_labels(&[]), "<none>");
    }
}
