//! Code fences, found as CommonMark finds them (so a fence inside another is content).

/// An opening code fence (CommonMark: up to three spaces, then three or more backticks or
/// tildes, and an info string).
pub(crate) struct Fence<'a> {
    marker: char,
    length: usize,
    pub(crate) info: &'a str,
}

pub(crate) fn opening_fence(line: &str) -> Option<Fence<'_>> {
    let trimmed = line.trim_start_matches(' ');
    let indent = line.len() - trimmed.len();
    let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let length = trimmed.chars().take_while(|c| *c == marker).count();
    let info = trimmed[length..].trim();
    // A backtick fence's info string may not contain a backtick (that is inline code).
    let valid = indent <= 3 && length >= 3 && !(marker == '`' && info.contains('`'));
    valid.then_some(Fence {
        marker,
        length,
        info,
    })
}

impl Fence<'_> {
    pub(crate) fn closed_by(&self, line: &str) -> bool {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let run = trimmed.chars().take_while(|c| *c == self.marker).count();
        indent <= 3 && run >= self.length && trimmed[run..].trim().is_empty()
    }
}
