//! Building HTML and SVG as text, for the parts of the page that are rebuilt as a whole and
//! only displayed (the scene's shapes, the report panels, the lesson text).
//!
//! Why text and not Leptos `view!`: every distinct `view!` tree compiles to its own build code,
//! and these display-only parts cost more of the 200 kB bundle budget that way than the rest of
//! the UI (ARCHITECTURE.md, "Size"). Everything dynamic goes through `escape`.

/// Escapes text for an HTML element or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped for an element or a double-quoted attribute.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape(r#"<b class="x">A & B</b>"#),
            "&lt;b class=&quot;x&quot;&gt;A &amp; B&lt;/b&gt;"
        );
        assert_eq!(
            escape("adder-0 \u{2192} 10.244.1.2"),
            "adder-0 \u{2192} 10.244.1.2"
        );
    }
}
