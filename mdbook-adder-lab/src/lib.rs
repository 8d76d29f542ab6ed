//! `mdbook-adder-lab`: turns a fenced block in a chapter
//!
//! ````markdown
//! ```adder-lab
//! scenario = "statefulset-headless"
//! theme = "auto"
//! ```
//! ````
//!
//! into Adder Lab's web component (`<adder-lab>`, shipped in the app's `embed/`), with a plain
//! link inside as what a reader without JavaScript sees. A block names one of `scenario`,
//! `lesson` or `compare` (two to four scenarios), and may add `seed`, `theme` ("auto" follows
//! the book's theme) and `title`. Anything else, or a name the app does not know, is a problem
//! reported with the chapter's file and line, and the book does not build.
//!
//! Where the app is hosted comes from `book.toml` (`[preprocessor.adder-lab] src = "…"`): a
//! full URL, or a path from the book's root (default `adder-lab/`, the release build copied
//! into the book's `src/adder-lab/`, which mdBook copies to the output as it is).

mod block;
mod fence;

use adder_lab_model::markup::escape;

use block::{parse_block, render};
use fence::opening_fence;

/// The fence's info string that marks a block for this preprocessor.
pub const LANGUAGE: &str = "adder-lab";
/// Where the app is, from the book's root, when `book.toml` does not say.
pub const DEFAULT_SRC: &str = "adder-lab/";

/// A problem with one block, at a line of its chapter (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

/// Where the app is hosted: a full URL (`https://…/`), a path from the site's root (`/…/`), or
/// a path from the book's root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub src: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            src: DEFAULT_SRC.to_owned(),
        }
    }
}

impl Settings {
    fn folder(&self) -> String {
        let mut src = self.src.clone();
        if !src.ends_with('/') {
            src.push('/');
        }
        src
    }

    fn absolute(&self) -> bool {
        self.src.starts_with('/') || self.src.contains("://")
    }

    /// The app's address as seen from a chapter `depth` folders below the book's root.
    fn app_from(&self, depth: usize) -> String {
        if self.absolute() {
            self.folder()
        } else {
            format!("{}{}", "../".repeat(depth), self.folder())
        }
    }

    /// The script that defines `<adder-lab>`; the elements take the app's address from where
    /// it came from. mdBook's print page gathers every chapter into one page at the book's root
    /// and does not rewrite a script's address, so a path from the book's root is joined to
    /// mdBook's own `path_to_root` in the page (falling back to the chapter's depth).
    fn script(&self, depth: usize) -> String {
        let file = format!("{}embed/adder-lab.js", self.folder());
        if self.absolute() {
            return format!("<script src=\"{}\"></script>\n", escape(&file));
        }
        format!(
            "<script>(function () {{ var script = document.createElement(\"script\"); \
             script.src = (typeof path_to_root === \"string\" ? path_to_root : {}) + {}; \
             document.head.appendChild(script); }})();</script>\n",
            js_string(&"../".repeat(depth)),
            js_string(&file),
        )
    }
}

/// A JavaScript string literal that cannot end the script it is in.
fn js_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("\\u003c"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Rewrites a chapter's Markdown: every `adder-lab` block becomes the embedded app. `depth` is
/// how many folders below the book's root the chapter's page is (for relative addresses).
/// Every problem in the chapter is returned, not only the first.
pub fn rewrite_chapter(
    markdown: &str,
    depth: usize,
    settings: &Settings,
) -> Result<String, Vec<Problem>> {
    let mut out = String::with_capacity(markdown.len());
    let mut problems = Vec::new();
    let mut embedded = 0;
    let mut lines = markdown.split_inclusive('\n').enumerate().peekable();
    while let Some((index, line)) = lines.next() {
        let Some(fence) = opening_fence(line) else {
            out.push_str(line);
            continue;
        };
        let mine = fence.info.split_whitespace().next() == Some(LANGUAGE);
        let mut body = String::new();
        let mut closing = None;
        for (_, inner) in lines.by_ref() {
            if fence.closed_by(inner) {
                closing = Some(inner);
                break;
            }
            body.push_str(inner);
        }
        if !mine {
            // Another fenced block (which may even show an adder-lab block as an example).
            out.push_str(line);
            out.push_str(&body);
            out.push_str(closing.unwrap_or_default());
            continue;
        }
        let line_number = index + 1;
        if closing.is_none() {
            problems.push(Problem {
                line: line_number,
                message: format!("the {LANGUAGE} block has no closing fence"),
            });
            continue;
        }
        match parse_block(&body, line_number + 1) {
            Ok(block) => {
                out.push_str(&render(&block, &settings.app_from(depth)));
                if embedded == 0 {
                    out.push_str(&settings.script(depth));
                }
                out.push('\n');
                embedded += 1;
            }
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use adder_lab_model::compare::lesson::COMPARE_ALL_HREF;
    use adder_lab_model::compare::link::CompareLink;
    use adder_lab_model::lessons::LESSONS;
    use adder_lab_model::playground::Link;
    use adder_lab_model::sim::ScenarioId;

    fn rewrite(markdown: &str) -> Result<String, Vec<Problem>> {
        rewrite_chapter(markdown, 0, &Settings::default())
    }

    fn problem(markdown: &str) -> Problem {
        let problems = rewrite(markdown).expect_err("the block is refused");
        assert_eq!(problems.len(), 1, "{problems:?}");
        problems[0].clone()
    }

    #[test]
    fn a_scenario_block_becomes_the_component_with_a_fallback_link() {
        let html = rewrite(
            "# Title\n\nText.\n\n```adder-lab\nscenario = \"statefulset-headless\"\ntheme = \"auto\"\n```\n\nAfter.\n",
        )
        .unwrap();
        assert!(html.starts_with("# Title\n\nText.\n\n\n<adder-lab scenario=\"statefulset-headless\" theme=\"auto\" title="), "{html}");
        assert!(html.contains("<a class=\"adder-lab-fallback\" href=\"adder-lab/?scenario=statefulset-headless\">Open Adder Lab: StatefulSet"), "{html}");
        assert!(html.contains("(typeof path_to_root === \"string\" ? path_to_root : \"\") + \"adder-lab/embed/adder-lab.js\""), "{html}");
        assert!(html.ends_with("\n\nAfter.\n"), "{html}");
        assert!(!html.contains("```"));
    }

    #[test]
    fn the_script_comes_once_per_chapter() {
        let block = "```adder-lab\nscenario = \"adder-memory\"\n```\n";
        let html = rewrite(&format!("{block}\n{block}")).unwrap();
        assert_eq!(html.matches("<adder-lab ").count(), 2);
        assert_eq!(html.matches("<script").count(), 1);
    }

    #[test]
    fn a_chapter_in_a_folder_reaches_the_app_from_there() {
        let block = "```adder-lab\nlesson = \"headless\"\n```\n";
        let nested = rewrite_chapter(block, 2, &Settings::default()).unwrap();
        assert!(
            nested.contains("href=\"../../adder-lab/?lesson=headless\""),
            "{nested}"
        );
        assert!(
            nested.contains("path_to_root : \"../../\") + \"adder-lab/embed/adder-lab.js\""),
            "{nested}"
        );
        let hosted = Settings {
            src: "https://example.org/lab".to_owned(),
        };
        let elsewhere = rewrite_chapter(block, 2, &hosted).unwrap();
        assert!(
            elsewhere
                .contains("<script src=\"https://example.org/lab/embed/adder-lab.js\"></script>"),
            "{elsewhere}"
        );
        assert!(elsewhere.contains("href=\"https://example.org/lab/?lesson=headless\""));
    }

    #[test]
    fn the_closing_step_opens_the_compare_page_on_its_own_comparison() {
        let html = rewrite("```adder-lab\nlesson = \"compare-all\"\n```\n").unwrap();
        assert!(html.contains("<adder-lab compare=\"adder-memory shared-volume-lock statefulset-headless\" seed=\"3\" lesson=\"compare-all\" theme=\"auto\""), "{html}");
        let href = between(&html, "href=\"", "\"").replace("&amp;", "&");
        assert_eq!(href.trim_start_matches("adder-lab/"), COMPARE_ALL_HREF);
    }

    #[test]
    fn a_path_in_book_toml_cannot_break_out_of_the_script() {
        let odd = Settings {
            src: "lab\"</script><script>alert(1)//".to_owned(),
        };
        let html =
            rewrite_chapter("```adder-lab\nscenario = \"adder-memory\"\n```\n", 0, &odd).unwrap();
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
        assert!(
            html.contains(r#""lab\"\u003c/script>\u003cscript>alert(1)//embed/adder-lab.js""#),
            "{html}"
        );
    }

    #[test]
    fn other_fences_are_left_alone_even_when_they_show_a_block() {
        let markdown = "````markdown\n```adder-lab\nscenario = \"nope\"\n```\n````\n\n~~~rust\nlet x = 1;\n~~~\n";
        assert_eq!(rewrite(markdown).unwrap(), markdown);
        let tildes =
            "~~~adder-lab\ncompare = [\"adder-memory\", \"shared-volume-lock\"]\nseed = 3\n~~~\n";
        let html = rewrite(tildes).unwrap();
        assert!(
            html.contains("compare=\"adder-memory shared-volume-lock\" seed=\"3\""),
            "{html}"
        );
        assert!(
            html.contains(
                "href=\"adder-lab/compare/?compare=adder-memory.shared-volume-lock&amp;seed=3\""
            ),
            "{html}"
        );
    }

    #[test]
    fn problems_name_the_line_and_what_is_wrong() {
        let p = problem("# A\n\n```adder-lab\nscenario = \"statefulset\"\n```\n");
        assert_eq!(p.line, 4);
        assert!(
            p.message.contains("unknown scenario `statefulset`")
                && p.message.contains("statefulset-headless"),
            "{}",
            p.message
        );
        let p = problem("```adder-lab\nscenario = \"adder-memory\"\n\nscenari = \"x\"\n```\n");
        assert_eq!(
            (p.line, p.message.contains("unknown key `scenari`")),
            (4, true),
            "{p:?}"
        );
        let p = problem("text\n```adder-lab\ntheme = \"dark\"\n```\n");
        assert_eq!(p.line, 2);
        assert!(p.message.contains("must name what to embed"));
        let p = problem("```adder-lab\nscenario = \"adder-memory\"\nlesson = \"headless\"\n```\n");
        assert!(p.message.contains("choose one"), "{}", p.message);
        let p = problem("```adder-lab\nscenario = adder-memory\n```\n");
        assert_eq!(p.line, 2);
        assert!(p.message.contains("not valid TOML"), "{}", p.message);
        let p = problem("```adder-lab\nscenario = \"adder-memory\"\ntheme = \"navy\"\n```\n");
        assert_eq!(
            (p.line, p.message.contains("unknown theme `navy`")),
            (3, true)
        );
        let p = problem("```adder-lab\nscenario = \"adder-memory\"\nseed = -1\n```\n");
        assert!(p.message.contains("from 0"), "{}", p.message);
        let p = problem("```adder-lab\nlesson = \"identity\"\nseed = 2\n```\n");
        assert!(p.message.contains("plays its own scene"));
        let p = problem("```adder-lab\ncompare = [\"adder-memory\"]\n```\n");
        assert!(p.message.contains("2 to 4 scenarios"), "{}", p.message);
        let p = problem("```adder-lab\nlesson = \"nope\"\n```\n");
        assert!(p.message.contains("scale-out"), "{}", p.message);
        let p = problem("one\ntwo\n```adder-lab\nscenario = \"adder-memory\"\n");
        assert_eq!((p.line, p.message.contains("no closing fence")), (3, true));
    }

    #[test]
    fn every_problem_in_a_chapter_is_reported() {
        let bad = "```adder-lab\nscenario = \"x\"\n```\n";
        let problems = rewrite(&format!("{bad}\n{bad}")).unwrap_err();
        assert_eq!(
            problems.iter().map(|p| p.line).collect::<Vec<_>>(),
            vec![2, 6]
        );
    }

    /// A block's addresses are links the app reads without a problem, for every name a block
    /// may use (the app's link format keeps them replaying: model/tests/golden_links.rs).
    #[test]
    fn every_address_made_is_one_the_app_reads_cleanly() {
        for scenario in ScenarioId::ALL {
            let block = format!(
                "```adder-lab\nscenario = \"{}\"\nseed = 7\n```\n",
                scenario.slug()
            );
            let html = rewrite(&block).unwrap();
            let query = between(&html, "href=\"adder-lab/?", "\"").replace("&amp;", "&");
            let (link, problems) = Link::parse(&query);
            assert!(problems.is_empty(), "{query}: {problems:?}");
            assert_eq!((link.scenario, link.seed), (scenario, 7));
        }
        for lesson in &LESSONS {
            let html =
                rewrite(&format!("```adder-lab\nlesson = \"{}\"\n```\n", lesson.id)).unwrap();
            assert!(html.contains(&format!("href=\"adder-lab/?lesson={}\"", lesson.id)));
        }
        let html = rewrite("```adder-lab\ncompare = [\"adder-memory\", \"shared-volume-lock\", \"statefulset-headless\"]\nseed = 3\n```\n").unwrap();
        let query = between(&html, "href=\"adder-lab/compare/?", "\"").replace("&amp;", "&");
        let (link, problems) = CompareLink::parse(&query).unwrap();
        assert!(problems.is_empty());
        assert_eq!(
            link.to_query(),
            CompareLink::new(
                vec![
                    ScenarioId::AdderMemory,
                    ScenarioId::SharedVolumeLock,
                    ScenarioId::StatefulSetHeadless
                ],
                3
            )
            .to_query()
        );
    }

    fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
        let from = text.find(start).expect("start") + start.len();
        &text[from..from + text[from..].find(end).expect("end")]
    }
}
