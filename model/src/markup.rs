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

/// A select's `<option>`s, `(value, label)` each, the one whose value is `selected` marked so.
/// One string for the whole list: a view per option costs the page's first load far more.
pub fn options_html(options: &[(String, String)], selected: &str) -> String {
    let mut html = String::new();
    for (value, label) in options {
        html.push_str("<option value=\"");
        push_escaped(&mut html, value);
        html.push_str(if value == selected {
            "\" selected>"
        } else {
            "\">"
        });
        push_escaped(&mut html, label);
        html.push_str("</option>");
    }
    html
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
    fn options_mark_the_selected_value_and_escape_their_text() {
        let options = [
            ("a".to_owned(), "A & B".to_owned()),
            ("b".to_owned(), "<B>".to_owned()),
        ];
        assert_eq!(
            options_html(&options, "b"),
            "<option value=\"a\">A &amp; B</option><option value=\"b\" selected>&lt;B&gt;</option>"
        );
        assert_eq!(
            options_html(&options, "none").matches("selected").count(),
            0
        );
    }

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
