//! The open step's static parts as HTML text, set with `inner_html`.
//!
//! Why not `view!`: every distinct `view!` tree compiles to its own build code, and the lesson
//! card's static text cost about 14 kB of wasm that way, more than the bundle budget had left
//! (ARCHITECTURE.md, "Size"). Only the lessons' own constant text and the simulation's output
//! go in here, always escaped; nothing the learner types.

use std::fmt::Write as _;

use crate::compare::lesson::{COMPARE_ALL, COMPARE_ALL_HREF};
use crate::lessons::services::{COMPARE_RUN_MS, ServiceSide};
use crate::lessons::{LESSONS, Lesson};
pub use crate::markup::escape;
use crate::playground::format_seconds;
use crate::playground::report::push_seek;
use crate::playground::timeline::FindingMark;

/// Steps in the track: these and the closing one on the compare page.
pub const STEPS: usize = LESSONS.len() + 1;

/// Title and text of step `index`.
pub fn heading(index: usize) -> String {
    let lesson = &LESSONS[index];
    format!(
        "<h3 id=\"lesson-title\" tabindex=\"-1\">Step {} of {STEPS}: {}</h3><p id=\"lesson-text\">{}</p>",
        index + 1,
        escape(lesson.title),
        escape(lesson.text)
    )
}

/// The question's legend and one radio button per choice (`value` = the choice's index).
pub fn question(index: usize, lesson: &Lesson) -> String {
    let mut html = format!(
        "<legend><strong>Predict: </strong>{}</legend>",
        escape(lesson.question.prompt)
    );
    for (choice, text) in lesson.question.choices.iter().enumerate() {
        let _ = write!(
            html,
            "<div class=\"choice\"><input type=\"radio\" name=\"lesson-choice\" id=\"choice-{index}-{choice}\" value=\"{choice}\"><label for=\"choice-{index}-{choice}\">{}</label></div>",
            escape(text)
        );
    }
    html
}

/// The step navigation; buttons carry `data-go` (a step index) or `data-close`. ("Try next"
/// comes with the answer: it often builds on it.) The last step here leads to the closing
/// step, on the compare page.
pub fn footer(index: usize) -> String {
    let previous = if index == 0 { " disabled" } else { "" };
    let next = if index + 1 == LESSONS.len() {
        format!(
            "<a id=\"lesson-next\" class=\"button-link\" href=\"{COMPARE_ALL_HREF}\">Next step: {STEPS}. {}</a>",
            escape(COMPARE_ALL.title)
        )
    } else {
        format!(
            "<button id=\"lesson-next\" type=\"button\" data-go=\"{}\">Next step</button>",
            index + 1
        )
    };
    format!(
        "<nav class=\"lesson-nav\" aria-label=\"Lesson steps\">\
         <button id=\"lesson-prev\" type=\"button\" data-go=\"{}\"{previous}>Previous step</button>{next}\
         <button id=\"lesson-close\" type=\"button\" data-close=\"\">Leave the lessons</button></nav>",
        index.saturating_sub(1),
    )
}

/// After the reveal: the button back to the first finding of the kinds the step's question is
/// about (`Lesson::watch`), with `data-seek` and `data-requests` as the verdict's buttons have
/// (the page handles both alike). Empty when the step has none or the run found none.
pub fn watch_button(lesson: &Lesson, marks: &[FindingMark]) -> String {
    let Some(watch) = lesson.watch.as_ref() else {
        return String::new();
    };
    let Some(mark) = marks
        .iter()
        .find(|mark| watch.kinds.contains(&mark.finding.kind()))
    else {
        return String::new();
    };
    let mut html = String::from("<button id=\"lesson-jump\" type=\"button\"");
    push_seek(&mut html, mark.at_ms(), &mark.requests());
    let _ = write!(
        html,
        ">{}, at {}</button>",
        escape(watch.label),
        format_seconds(mark.at_ms())
    );
    html
}

/// The misconceptions step's two Services side by side.
pub fn comparison(sides: &[ServiceSide]) -> String {
    let mut html = String::from("<div id=\"service-comparison\" class=\"comparison\">");
    for side in sides {
        let total: u32 = side.requests_per_pod.iter().map(|(_, count)| count).sum();
        let _ = write!(
            html,
            "<section class=\"comparison-side\"><h4>{}</h4><pre><code>{}</code></pre><p><strong>DNS answers</strong></p><pre class=\"dns\">",
            escape(side.heading),
            escape(&side.yaml)
        );
        // A long name may break only after one of its dots (`<wbr>`), never inside a label.
        for record in &side.dns {
            let name = escape(&record.name).replace('.', ".<wbr>");
            let addresses = escape(&record.addresses.join(", "));
            let _ = writeln!(html, "{name} \u{2192} {addresses}");
        }
        let _ = write!(
            html,
            "</pre><p><strong>Where Alice\u{2019}s {total} answered requests went: </strong>"
        );
        for (position, (pod, count)) in side.requests_per_pod.iter().enumerate() {
            let separator = if position == 0 { "" } else { ", " };
            let _ = write!(html, "{separator}{}: {count}", escape(pod));
        }
        let _ = write!(html, ". {}</p></section>", escape(side.chooser));
    }
    let _ = write!(
        html,
        "<p class=\"comparison-note\">Both columns are {} s runs of the simulation with Alice sending to the Service\u{2019}s name. \
         The blog\u{2019}s \u{201c}headless\u{201d} YAML has no clusterIP: None, so it is the left one.</p>\
         <p><a id=\"try-blog\" href=\"?{}\">Run the blog\u{2019}s manifests as they are</a>: its StatefulSet and its \u{201c}headless\u{201d} Service, applied (see them in the YAML panel, or edit and apply your own).</p></div>",
        COMPARE_RUN_MS / 1000,
        super::BLOG_MANIFESTS_QUERY.replace('&', "&amp;")
    );
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::services::side_by_side;

    /// The button goes to the finding the question is about, not to the run's first one.
    #[test]
    fn the_watch_button_goes_to_the_finding_its_question_is_about() {
        use crate::lessons::find;
        use crate::playground::Playground;
        use crate::sim::FindingKind;
        let went_down = &LESSONS[find("went-down").unwrap()];
        let mut playground = Playground::from_link(went_down.link());
        playground.advance_to(went_down.question.run_ms);
        let marks = playground.finding_marks();
        let first = marks.first().unwrap();
        let wanted = marks
            .iter()
            .find(|mark| mark.finding.kind() == FindingKind::WentDown)
            .unwrap();
        assert_ne!(
            first.finding.kind(),
            FindingKind::WentDown,
            "the run's first finding is another kind"
        );
        let html = watch_button(went_down, marks);
        assert!(
            html.contains(&format!("data-seek=\"{}\"", wanted.at_ms())),
            "{html}"
        );
        assert!(html.contains(">Watch the total go down, at "), "{html}");
        assert_eq!(
            watch_button(&LESSONS[find("headless").unwrap()], marks),
            "",
            "not about a finding"
        );
    }

    #[test]
    fn text_is_escaped_and_every_step_renders() {
        assert_eq!(
            escape("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
        for (index, lesson) in LESSONS.iter().enumerate() {
            let html = heading(index) + &question(index, lesson) + &footer(index);
            assert_eq!(
                html.matches("type=\"radio\"").count(),
                lesson.question.choices.len()
            );
            assert_eq!(
                html.matches('<').count(),
                html.matches('>').count(),
                "{html}"
            );
        }
        assert!(footer(0).contains("data-go=\"0\" disabled>Previous"));
        assert!(footer(LESSONS.len() - 1).contains(&format!(
            "href=\"{COMPARE_ALL_HREF}\">Next step: 12. Compare them all</a>"
        )));
        assert!(heading(0).contains("Step 1 of 12: "));
        let html = comparison(&side_by_side());
        assert_eq!(html.matches("class=\"comparison-side\"").count(), 2);
        let dns = html.replace("<wbr>", "");
        assert!(dns.contains("adder-0.adder.default.svc.cluster.local \u{2192} "));
    }
}
