//! What the terminal keeps between lines: the transcript (bounded), and the lines typed, for
//! ↑ and ↓ as a shell recalls them.

use std::collections::VecDeque;

/// Lines recalled by ↑: a bound on what typing can make grow.
pub const HISTORY_MAX: usize = 100;
/// Characters of transcript kept; the oldest lines go first.
pub const TRANSCRIPT_MAX_CHARS: usize = 64 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Session {
    history: VecDeque<String>,
    /// Where ↑/↓ are in the history; `None` while editing a new line.
    cursor: Option<usize>,
    /// The new line being edited when ↑ was first pressed, given back by ↓ past the newest.
    draft: String,
    transcript: String,
}

impl Session {
    pub fn transcript(&self) -> &str {
        &self.transcript
    }

    /// A line was entered: it joins the history (not twice in a row, not when blank).
    pub fn entered(&mut self, line: &str) {
        self.cursor = None;
        self.draft.clear();
        if line.trim().is_empty() || self.history.back().is_some_and(|last| last == line) {
            return;
        }
        if self.history.len() == HISTORY_MAX {
            self.history.pop_front();
        }
        self.history.push_back(line.to_owned());
    }

    /// ↑: the line before the one shown (`editing` is the input's text now).
    pub fn earlier(&mut self, editing: &str) -> Option<String> {
        let index = match self.cursor {
            None => {
                self.draft = editing.to_owned();
                self.history.len().checked_sub(1)?
            }
            Some(index) => index.checked_sub(1)?,
        };
        self.cursor = Some(index);
        self.history.get(index).cloned()
    }

    /// ↓: the line after the one shown, and past the newest the line being edited.
    pub fn later(&mut self) -> Option<String> {
        let index = self.cursor? + 1;
        if index < self.history.len() {
            self.cursor = Some(index);
            return self.history.get(index).cloned();
        }
        self.cursor = None;
        Some(std::mem::take(&mut self.draft))
    }

    /// Adds a line and what it printed, as a terminal shows them.
    pub fn print(&mut self, line: &str, output: &str) {
        self.transcript.push_str("$ ");
        self.transcript.push_str(line);
        self.transcript.push('\n');
        self.append(output);
    }

    /// Adds output to the last line's (a command that prints when its answer comes, as curl).
    pub fn append(&mut self, output: &str) {
        self.transcript.push_str(output);
        if self.transcript.len() > TRANSCRIPT_MAX_CHARS {
            let cut = self.transcript.len() - TRANSCRIPT_MAX_CHARS;
            // Whole entries go: cut before the first prompt past the excess.
            let cut = self.transcript[cut..]
                .find("\n$ ")
                .map_or(self.transcript.len(), |newline| cut + newline + 1);
            self.transcript.drain(..cut);
        }
    }

    /// `clear`: an empty screen; the history stays.
    pub fn clear(&mut self) {
        self.transcript.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::{Session, TRANSCRIPT_MAX_CHARS};

    #[test]
    fn arrows_walk_the_history_and_give_back_the_line_being_typed() {
        let mut session = Session::default();
        for line in [
            "kubectl get pods",
            "kubectl get pods",
            "",
            "kubectl get svc",
        ] {
            session.entered(line);
        }
        assert_eq!(session.earlier("kub").as_deref(), Some("kubectl get svc"));
        assert_eq!(session.earlier("").as_deref(), Some("kubectl get pods"));
        assert_eq!(session.earlier(""), None);
        assert_eq!(session.later().as_deref(), Some("kubectl get svc"));
        assert_eq!(session.later().as_deref(), Some("kub"));
        assert_eq!(session.later(), None);
    }

    #[test]
    fn the_transcript_keeps_whole_lines_within_its_bound() {
        let mut session = Session::default();
        for index in 0..5_000 {
            session.print(&format!("echo {index}"), "some output\n");
        }
        let text = session.transcript();
        assert!(text.len() <= TRANSCRIPT_MAX_CHARS);
        assert!(text.starts_with("$ echo ") && text.ends_with("$ echo 4999\nsome output\n"));
        session.clear();
        assert!(session.transcript().is_empty());
    }
}
