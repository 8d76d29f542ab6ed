//! The history file: JSON lines, one per request and one per reading of the store, in the order
//! they finished (the checker orders them by time itself). Read strictly: an unknown field, a
//! wrong type or a missing one is an error naming the line and column.
//!
//! ```text
//! {"type":"store","when":"before","store":"file","total":0,"at_us":812}
//! {"type":"request","id":1,"client":"Alice","number":5,"sent_us":1204,"answered_us":2113,"total":5,"served_by":"adder-0"}
//! {"type":"request","id":2,"client":"Bob","number":3,"sent_us":1530,"answered_us":5001530,"error":"no answer within 5000 ms"}
//! {"type":"store","when":"after","store":"file","total":8,"at_us":9003311}
//! ```

use std::io::BufRead;

use adder_lab_model::recorded::{History, Outcome, RecordedRequest, Store, StoreReading};
use adder_lab_model::sim::scenario::CLIENT_NAMES;
use serde::{Deserialize, Serialize};

/// The longest history line read: a request's line is under 300 bytes.
const LINE_BYTES_MAX: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Line {
    Request {
        id: u64,
        client: String,
        number: u64,
        sent_us: u64,
        answered_us: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error: Option<String>,
        /// The pod (or process) that answered, from its `x-served-by` header.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        served_by: Option<String>,
    },
    Store {
        when: When,
        store: String,
        total: u64,
        at_us: u64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    Before,
    After,
}

/// Reads a whole history; `Err` lists every line it could not take (`name:line: why`).
pub fn read(name: &str, input: impl BufRead) -> Result<History, Vec<String>> {
    let mut history = History::default();
    let mut problems = Vec::new();
    for (index, line) in input.lines().enumerate() {
        let number = index + 1;
        let line = match line {
            Ok(line) => line,
            Err(error) => {
                problems.push(format!("{name}:{number}: {error}"));
                break;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        if line.len() > LINE_BYTES_MAX {
            problems.push(format!(
                "{name}:{number}: a line of {} bytes; a history line is under {LINE_BYTES_MAX}",
                line.len()
            ));
            continue;
        }
        match serde_json::from_str::<Line>(&line)
            .map_err(|error| error.to_string())
            .and_then(|line| take(&mut history, line))
        {
            Ok(()) => {}
            Err(why) => problems.push(format!("{name}:{number}: {why}")),
        }
    }
    if problems.is_empty() {
        Ok(history)
    } else {
        Err(problems)
    }
}

fn take(history: &mut History, line: Line) -> Result<(), String> {
    match line {
        Line::Request {
            id,
            client,
            number,
            sent_us,
            answered_us,
            total,
            error,
            served_by: _,
        } => {
            let client = CLIENT_NAMES
                .iter()
                .position(|name| *name == client)
                .ok_or_else(|| {
                    format!("client \"{client}\" is none of {}", CLIENT_NAMES.join(", "))
                })?;
            let outcome = match (total, error) {
                (Some(total), None) => Outcome::Answered {
                    at_us: answered_us,
                    total,
                },
                (None, Some(error)) => Outcome::Failed {
                    at_us: answered_us,
                    error,
                },
                _ => return Err(format!("request #{id} needs either a total or an error")),
            };
            history.requests.push(RecordedRequest {
                id,
                client,
                number,
                sent_us,
                outcome,
            });
        }
        Line::Store {
            when,
            store,
            total,
            at_us,
        } => {
            let store = Store::parse(&store)
                .ok_or_else(|| format!("store \"{store}\" is none of memory, file, database"))?;
            let slot = match when {
                When::Before => &mut history.before,
                When::After => &mut history.after,
            };
            if slot.is_some() {
                return Err(format!(
                    "a second store reading {}",
                    if when == When::Before {
                        "before"
                    } else {
                        "after"
                    }
                ));
            }
            *slot = Some(StoreReading {
                store,
                total,
                at_us,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_line_reads_back() {
        let lines = [
            Line::Store {
                when: When::Before,
                store: "file".to_owned(),
                total: 0,
                at_us: 5,
            },
            Line::Request {
                id: 1,
                client: "Alice".to_owned(),
                number: 5,
                sent_us: 10,
                answered_us: 20,
                total: Some(5),
                error: None,
                served_by: Some("adder-0".to_owned()),
            },
            Line::Request {
                id: 2,
                client: "Carol".to_owned(),
                number: 3,
                sent_us: 11,
                answered_us: 30,
                total: None,
                error: Some("502 Bad Gateway".to_owned()),
                served_by: None,
            },
        ];
        let text: String = lines
            .iter()
            .map(|line| serde_json::to_string(line).unwrap() + "\n")
            .collect();
        assert!(
            text.starts_with("{\"type\":\"store\",\"when\":\"before\""),
            "{text}"
        );
        let history = read("h.jsonl", text.as_bytes()).unwrap();
        assert_eq!(history.requests.len(), 2);
        assert_eq!(history.requests[1].client, 2);
        assert!(history.before.is_some() && history.after.is_none());
    }

    #[test]
    fn a_line_that_is_not_a_history_line_is_named_with_its_place() {
        let text = "{\"type\":\"request\",\"id\":1,\"client\":\"Alice\",\"number\":5,\"sent_us\":1,\"answered_us\":2,\"total\":5,\"colour\":1}\n\
                    \n\
                    {\"type\":\"request\",\"id\":\"two\"}\n\
                    {\"type\":\"request\",\"id\":3,\"client\":\"Dave\",\"number\":5,\"sent_us\":1,\"answered_us\":2,\"total\":5}\n\
                    {\"type\":\"request\",\"id\":4,\"client\":\"Bob\",\"number\":5,\"sent_us\":1,\"answered_us\":2}\n\
                    not json\n";
        let problems = read("h.jsonl", text.as_bytes()).unwrap_err();
        assert_eq!(problems.len(), 5, "{problems:#?}");
        assert!(
            problems[0].starts_with("h.jsonl:1: unknown field `colour`"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].starts_with("h.jsonl:3: invalid type: string \"two\", expected u64"),
            "{}",
            problems[1]
        );
        assert_eq!(
            problems[2],
            "h.jsonl:4: client \"Dave\" is none of Alice, Bob, Carol"
        );
        assert_eq!(
            problems[3],
            "h.jsonl:5: request #4 needs either a total or an error"
        );
        assert!(
            problems[4].starts_with("h.jsonl:6: expected ident at line 1 column 2"),
            "{}",
            problems[4]
        );
    }
}
