//! A terminal line split into words as a POSIX shell splits it: blanks separate words, single
//! quotes keep everything literally, double quotes keep blanks (a backslash there escapes only
//! `"`, `\`, `$` and a backquote), a backslash outside quotes escapes the next character. No
//! expansion, pipes or redirection: the terminal runs one command, and says so when a line asks
//! for more.

use std::fmt;

/// Longest line the terminal reads: a bound on everything a line can make grow.
pub const LINE_MAX_CHARS: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordsError {
    /// A quote opened and never closed (bash: "unexpected EOF while looking for matching").
    UnclosedQuote(char),
    /// `|`, `>`, `<`, `;`, `&` or a backquote outside quotes.
    ShellSyntax(char),
    TooLong,
}

impl fmt::Display for WordsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WordsError::UnclosedQuote(quote) => {
                write!(
                    f,
                    "-sh: unexpected EOF while looking for matching `{quote}'"
                )
            }
            WordsError::ShellSyntax(symbol) => write!(
                f,
                "-sh: `{symbol}` is not simulated here: this terminal runs one command per line, \
                 without pipes, redirection or command lists"
            ),
            WordsError::TooLong => write!(
                f,
                "-sh: line too long (this terminal reads at most {LINE_MAX_CHARS} characters)"
            ),
        }
    }
}

/// The words of a line.
pub fn split(line: &str) -> Result<Vec<String>, WordsError> {
    if line.chars().count() > LINE_MAX_CHARS {
        return Err(WordsError::TooLong);
    }
    let mut words = Vec::new();
    let mut word = String::new();
    // A word can be empty yet present (`''`), so track whether one was started.
    let mut started = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            '\'' => {
                started = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err(WordsError::UnclosedQuote('\'')),
                    }
                }
            }
            '"' => {
                started = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err(WordsError::UnclosedQuote('"')),
                        },
                        Some(c) => word.push(c),
                        None => return Err(WordsError::UnclosedQuote('"')),
                    }
                }
            }
            '\\' => {
                started = true;
                if let Some(c) = chars.next() {
                    word.push(c);
                }
            }
            '|' | '>' | '<' | ';' | '&' | '`' => return Err(WordsError::ShellSyntax(c)),
            '#' if !started => break,
            c => {
                started = true;
                word.push(c);
            }
        }
    }
    if started {
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::{WordsError, split};

    #[test]
    fn words_split_as_a_shell_splits_them() {
        assert_eq!(
            split("  kubectl get   pods ").unwrap(),
            ["kubectl", "get", "pods"]
        );
        assert_eq!(
            split("a 'b c' \"d \\\"e\\\"\" f\\ g").unwrap(),
            ["a", "b c", "d \"e\"", "f g"]
        );
        assert_eq!(split("echo '' x").unwrap(), ["echo", "", "x"]);
        assert_eq!(
            split("kubectl get pods # all of them").unwrap(),
            ["kubectl", "get", "pods"]
        );
        assert_eq!(split("a#b").unwrap(), ["a#b"]);
        assert!(split("").unwrap().is_empty());
    }

    #[test]
    fn what_a_shell_would_do_more_is_refused_in_words() {
        assert_eq!(
            split("kubectl get 'pods"),
            Err(WordsError::UnclosedQuote('\''))
        );
        assert_eq!(
            split("kubectl get pods | grep x"),
            Err(WordsError::ShellSyntax('|'))
        );
        assert!(split(&"x".repeat(5000)).is_err());
        let message = WordsError::UnclosedQuote('"').to_string();
        assert!(message.contains("unexpected EOF while looking for matching `\"'"));
    }
}
