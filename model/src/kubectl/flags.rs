//! Flags as kubectl's parser (spf13/pflag) reads them: `--output=wide`, `--output wide`,
//! `-o wide`, `-owide`, `-o=wide`, grouped booleans, `--` ending the flags; and its errors
//! (`unknown flag: --x`, `unknown shorthand flag: 'x' in -x`, `flag needs an argument`).

use std::collections::BTreeMap;

/// A flag a command accepts: long name, one-letter shorthand, whether it takes a value.
#[derive(Debug, Clone, Copy)]
pub struct FlagSpec {
    pub long: &'static str,
    pub short: Option<char>,
    pub takes_value: bool,
}

pub const fn flag(long: &'static str, short: Option<char>, takes_value: bool) -> FlagSpec {
    FlagSpec {
        long,
        short,
        takes_value,
    }
}

/// Flags every kubectl command takes (`-n default` and friends).
pub const GLOBAL: [FlagSpec; 1] = [flag("namespace", Some('n'), true)];

/// What a command line holds: its positional arguments, the flags' values by long name (the
/// last one given wins, as in pflag), and what came after `--`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub args: Vec<String>,
    pub values: BTreeMap<&'static str, String>,
    pub after_dashes: Vec<String>,
}

impl Parsed {
    pub fn value(&self, long: &str) -> Option<&str> {
        self.values.get(long).map(String::as_str)
    }

    /// A boolean flag: given bare, or `=true`.
    pub fn is_set(&self, long: &str) -> bool {
        self.value(long).is_some_and(|value| value != "false")
    }
}

/// Reads `words` against the command's flags plus the global ones; an error is kubectl's
/// message, without the `error: ` in front.
pub fn parse(words: &[String], specs: &[FlagSpec]) -> Result<Parsed, String> {
    let find_long = |name: &str| {
        specs
            .iter()
            .chain(GLOBAL.iter())
            .find(|spec| spec.long == name)
    };
    let find_short = |letter: char| {
        specs
            .iter()
            .chain(GLOBAL.iter())
            .find(|spec| spec.short == Some(letter))
    };
    let mut parsed = Parsed::default();
    let mut rest = words.iter();
    while let Some(word) = rest.next() {
        if word == "--" {
            parsed.after_dashes = rest.cloned().collect();
            break;
        }
        if let Some(long) = word.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((name, value)) => (name, Some(value.to_owned())),
                None => (long, None),
            };
            let spec = find_long(name).ok_or_else(|| format!("unknown flag: --{name}"))?;
            let value = match (spec.takes_value, inline) {
                (_, Some(value)) => value,
                (true, None) => rest
                    .next()
                    .cloned()
                    .ok_or_else(|| format!("flag needs an argument: --{name}"))?,
                (false, None) => "true".to_owned(),
            };
            parsed.values.insert(spec.long, value);
        } else if let Some(shorts) = word.strip_prefix('-').filter(|s| !s.is_empty()) {
            let letters: Vec<char> = shorts.chars().collect();
            let mut index = 0;
            while index < letters.len() {
                let letter = letters[index];
                let spec = find_short(letter)
                    .ok_or_else(|| format!("unknown shorthand flag: '{letter}' in -{shorts}"))?;
                if !spec.takes_value {
                    parsed.values.insert(spec.long, "true".to_owned());
                    index += 1;
                    continue;
                }
                let attached: String = letters[index + 1..].iter().collect();
                let value = match attached.strip_prefix('=') {
                    Some(value) => value.to_owned(),
                    None if !attached.is_empty() => attached,
                    None => rest.next().cloned().ok_or_else(|| {
                        format!("flag needs an argument: '{letter}' in -{shorts}")
                    })?,
                };
                parsed.values.insert(spec.long, value);
                break;
            }
        } else {
            parsed.args.push(word.clone());
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::{flag, parse};

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    const SPECS: [super::FlagSpec; 3] = [
        flag("output", Some('o'), true),
        flag("show-labels", None, false),
        flag("all-namespaces", Some('A'), false),
    ];

    #[test]
    fn every_spelling_of_a_flag_is_read() {
        for line in [
            "pods -o wide",
            "pods -owide",
            "pods -o=wide",
            "pods --output=wide",
            "pods --output wide",
        ] {
            let parsed = parse(&words(line), &SPECS).unwrap();
            assert_eq!(parsed.args, ["pods"], "{line}");
            assert_eq!(parsed.value("output"), Some("wide"), "{line}");
        }
        let parsed = parse(&words("-A pods --show-labels -n default"), &SPECS).unwrap();
        assert!(parsed.is_set("all-namespaces") && parsed.is_set("show-labels"));
        assert_eq!(parsed.value("namespace"), Some("default"));
        let parsed = parse(&words("adder-0 -- cat /data/total"), &SPECS).unwrap();
        assert_eq!(parsed.after_dashes, ["cat", "/data/total"]);
    }

    #[test]
    fn a_wrong_flag_gets_pflags_words() {
        assert_eq!(
            parse(&words("--x"), &SPECS).unwrap_err(),
            "unknown flag: --x"
        );
        assert_eq!(
            parse(&words("-z"), &SPECS).unwrap_err(),
            "unknown shorthand flag: 'z' in -z"
        );
        assert_eq!(
            parse(&words("pods -o"), &SPECS).unwrap_err(),
            "flag needs an argument: 'o' in -o"
        );
        assert_eq!(
            parse(&words("pods --output"), &SPECS).unwrap_err(),
            "flag needs an argument: --output"
        );
    }
}
