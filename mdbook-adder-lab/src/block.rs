//! One `adder-lab` block: its TOML body read and checked against the model's names, and the
//! HTML it becomes.

use adder_lab_model::compare::lesson::{COMPARE_ALL, CompareLesson};
use adder_lab_model::compare::link::CompareLink;
use adder_lab_model::compare::{LANES_MAX, LANES_MIN};
use adder_lab_model::lessons::{LESSONS, Lesson};
use adder_lab_model::markup::escape;
use adder_lab_model::sim::ScenarioId;

use crate::{LANGUAGE, Problem};

const KEYS: [&str; 6] = ["scenario", "lesson", "compare", "seed", "theme", "title"];
const THEMES: [&str; 3] = ["auto", "light", "dark"];

/// What a block embeds.
pub(crate) enum Embed {
    Scenario(ScenarioId),
    Lesson(&'static Lesson),
    Compare(Vec<ScenarioId>),
    /// The compare page's closing step (`lesson = "compare-all"`), on its own comparison.
    CompareLesson(&'static CompareLesson),
}

pub(crate) struct Block {
    embed: Embed,
    seed: Option<u64>,
    theme: &'static str,
    title: Option<String>,
}

/// Reads a block's body (TOML); `first_line` is the chapter line its first line is on.
pub(crate) fn parse_block(body: &str, first_line: usize) -> Result<Block, Problem> {
    let at = |offset: usize| first_line + body[..offset.min(body.len())].matches('\n').count();
    let table: toml::Table = body.parse().map_err(|error: toml::de::Error| Problem {
        line: error.span().map_or(first_line, |span| at(span.start)),
        message: format!(
            "the {LANGUAGE} block is not valid TOML: {}",
            error.message()
        ),
    })?;
    // The line a key is on, for messages about it.
    let line_of = |key: &str| {
        body.lines()
            .position(|line| {
                let rest = line.trim_start().trim_start_matches('"');
                rest.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start_matches('"').trim_start().starts_with('='))
            })
            .map_or(first_line, |offset| first_line + offset)
    };
    let problem = |key: &str, message: String| Problem {
        line: line_of(key),
        message,
    };
    let text = |key: &str| -> Result<Option<&str>, Problem> {
        match table.get(key) {
            None => Ok(None),
            Some(toml::Value::String(text)) => Ok(Some(text.as_str())),
            Some(other) => Err(problem(
                key,
                format!(
                    "`{key}` must be a string in quotes, not {}",
                    other.type_str()
                ),
            )),
        }
    };
    if let Some(unknown) = table.keys().find(|key| !KEYS.contains(&key.as_str())) {
        return Err(problem(
            unknown,
            format!(
                "unknown key `{unknown}` (a block may have: {})",
                KEYS.join(", ")
            ),
        ));
    }
    let named: Vec<&str> = ["scenario", "lesson", "compare"]
        .into_iter()
        .filter(|key| table.contains_key(*key))
        .collect();
    let embed = match named.as_slice() {
        ["scenario"] => Embed::Scenario(
            scenario(text("scenario")?.unwrap_or_default())
                .map_err(|message| problem("scenario", message))?,
        ),
        ["lesson"] => {
            let id = text("lesson")?.unwrap_or_default();
            if id == COMPARE_ALL.id {
                Embed::CompareLesson(&COMPARE_ALL)
            } else {
                let lesson = LESSONS
                    .iter()
                    .find(|lesson| lesson.id == id)
                    .ok_or_else(|| {
                        let mut ids: Vec<&str> = LESSONS.iter().map(|lesson| lesson.id).collect();
                        ids.push(COMPARE_ALL.id);
                        problem(
                            "lesson",
                            format!("unknown lesson `{id}` (the lessons: {})", ids.join(", ")),
                        )
                    })?;
                Embed::Lesson(lesson)
            }
        }
        ["compare"] => Embed::Compare(
            compare(&table["compare"]).map_err(|message| problem("compare", message))?,
        ),
        [] => {
            return Err(Problem {
                line: first_line.saturating_sub(1),
                message: format!(
                    "the {LANGUAGE} block must name what to embed: `scenario`, `lesson` or `compare`"
                ),
            });
        }
        _ => {
            return Err(problem(
                named[1],
                format!(
                    "the {LANGUAGE} block names {}: choose one",
                    named.join(" and ")
                ),
            ));
        }
    };
    let seed = match table.get("seed") {
        None => None,
        Some(toml::Value::Integer(seed)) => Some(u64::try_from(*seed).map_err(|_| {
            problem(
                "seed",
                format!("`seed` must be a whole number from 0, not {seed}"),
            )
        })?),
        Some(other) => {
            return Err(problem(
                "seed",
                format!("`seed` must be a whole number, not {}", other.type_str()),
            ));
        }
    };
    if seed.is_some() && matches!(embed, Embed::Lesson(_) | Embed::CompareLesson(_)) {
        return Err(problem(
            "seed",
            "a lesson plays its own scene: `seed` applies to `scenario` and `compare`".to_owned(),
        ));
    }
    let theme = match text("theme")? {
        None => "auto",
        Some(theme) => THEMES
            .into_iter()
            .find(|known| *known == theme)
            .ok_or_else(|| {
                problem(
                    "theme",
                    format!(
                        "unknown theme `{theme}` (auto follows the book's theme; or light, dark)"
                    ),
                )
            })?,
    };
    let title = text("title")?.map(str::to_owned);
    if title
        .as_deref()
        .is_some_and(|title| title.trim().is_empty())
    {
        return Err(problem("title", "`title` must not be empty".to_owned()));
    }
    Ok(Block {
        embed,
        seed,
        theme,
        title,
    })
}

fn scenario(slug: &str) -> Result<ScenarioId, String> {
    ScenarioId::parse(slug).map_err(|_| {
        let known: Vec<&str> = ScenarioId::ALL.iter().map(|s| s.slug()).collect();
        format!(
            "unknown scenario `{slug}` (the scenarios: {})",
            known.join(", ")
        )
    })
}

fn compare(value: &toml::Value) -> Result<Vec<ScenarioId>, String> {
    let toml::Value::Array(items) = value else {
        return Err(format!(
            "`compare` must be a list of scenarios, e.g. [\"adder-memory\", \"statefulset-headless\"], not {}",
            value.type_str()
        ));
    };
    if !(LANES_MIN..=LANES_MAX).contains(&items.len()) {
        return Err(format!(
            "`compare` takes {LANES_MIN} to {LANES_MAX} scenarios, not {}",
            items.len()
        ));
    }
    items
        .iter()
        .map(|item| match item {
            toml::Value::String(slug) => scenario(slug),
            other => Err(format!(
                "`compare` lists scenarios as strings, not {}",
                other.type_str()
            )),
        })
        .collect()
}

/// The embedded app for one block: the web component with a plain link inside it (`app`: the
/// app's address from the chapter, for the link).
pub(crate) fn render(block: &Block, app: &str) -> String {
    let seed = block
        .seed
        .map(|seed| format!("&seed={seed}"))
        .unwrap_or_default();
    let (attribute, page, names) = match &block.embed {
        Embed::Scenario(scenario) => (
            format!("scenario=\"{}\"", scenario.slug()),
            format!("?scenario={}{seed}", scenario.slug()),
            scenario.title().to_owned(),
        ),
        Embed::Lesson(lesson) => (
            format!("lesson=\"{}\"", lesson.id),
            format!("?lesson={}", lesson.id),
            format!("the lesson “{}”", lesson.title),
        ),
        Embed::CompareLesson(lesson) => {
            // Its own comparison, read from the lesson's scene (the model's, not a copy).
            let (link, _) = CompareLink::parse(lesson.scene).unwrap_or_else(|problem| {
                panic!(
                    "the closing step's scene is a readable comparison: {}",
                    problem.0
                )
            });
            let slugs: Vec<&str> = link.scenarios.iter().map(|s| s.slug()).collect();
            (
                format!(
                    "compare=\"{}\" seed=\"{}\" lesson=\"{}\"",
                    slugs.join(" "),
                    link.seed,
                    lesson.id
                ),
                format!("compare/?{}&lesson={}", lesson.scene, lesson.id),
                format!("the lesson “{}”", lesson.title),
            )
        }
        Embed::Compare(scenarios) => {
            let slugs: Vec<&str> = scenarios.iter().map(|s| s.slug()).collect();
            let titles: Vec<&str> = scenarios.iter().map(|s| s.title()).collect();
            (
                format!("compare=\"{}\"", slugs.join(" ")),
                format!("compare/?compare={}{seed}", slugs.join(".")),
                format!("compare {}", titles.join("; ")),
            )
        }
    };
    let seed_attribute = block
        .seed
        .map(|seed| format!(" seed=\"{seed}\""))
        .unwrap_or_default();
    let title = block
        .title
        .clone()
        .unwrap_or_else(|| format!("Adder Lab: {names}"));
    let href = escape(&format!("{app}{page}"));
    format!(
        "\n<adder-lab {attribute}{seed_attribute} theme=\"{}\" title=\"{}\">\n\
         <a class=\"adder-lab-fallback\" href=\"{href}\">Open Adder Lab: {}</a>\n\
         </adder-lab>\n",
        block.theme,
        escape(&title),
        escape(&names),
    )
}
