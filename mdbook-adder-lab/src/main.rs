//! The mdBook preprocessor protocol around `mdbook_adder_lab::rewrite_chapter`: `supports
//! <renderer>` answers by exit code (HTML only: the other renderers keep the block as code);
//! otherwise the book arrives as JSON on stdin and leaves, rewritten, on stdout. A problem in
//! any block is printed with its chapter's file and line, and the build fails.

use std::io::Write;
use std::process::ExitCode;

use mdbook_adder_lab::{Settings, rewrite_chapter};
use mdbook_preprocessor::PreprocessorContext;
use mdbook_preprocessor::book::{Book, BookItem};

const NAME: &str = "adder-lab";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        None => {}
        Some("supports") => {
            let renderer = args.next().unwrap_or_default();
            return if renderer == "html" {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }
        Some(other) => {
            eprintln!(
                "mdbook-{NAME}: unknown argument `{other}`; mdBook runs this as a preprocessor ([preprocessor.{NAME}] in book.toml)"
            );
            return ExitCode::from(2);
        }
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            for problem in problems {
                eprintln!("mdbook-{NAME}: {problem}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Vec<String>> {
    let (context, mut book) = mdbook_preprocessor::parse_input(std::io::stdin().lock())
        .map_err(|error| vec![format!("cannot read the book from mdBook: {error:#}")])?;
    if context.mdbook_version != mdbook_preprocessor::MDBOOK_VERSION {
        eprintln!(
            "mdbook-{NAME}: built for mdBook {}, called by mdBook {}",
            mdbook_preprocessor::MDBOOK_VERSION,
            context.mdbook_version
        );
    }
    let settings = settings(&context)?;
    rewrite_book(&mut book, &settings, &context)?;
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::new(stdout);
    serde_json::to_writer(&mut out, &book)
        .map_err(|error| error.to_string())
        .and_then(|()| out.flush().map_err(|error| error.to_string()))
        .map_err(|error| vec![format!("cannot write the book back to mdBook: {error}")])
}

/// `[preprocessor.adder-lab]` in book.toml: `src`, where the app is hosted.
fn settings(context: &PreprocessorContext) -> Result<Settings, Vec<String>> {
    let src: Option<String> = context
        .config
        .get(&format!("preprocessor.{NAME}.src"))
        .map_err(|error| vec![format!("book.toml: [preprocessor.{NAME}] src: {error:#}")])?;
    Ok(src.map_or_else(Settings::default, |src| Settings { src }))
}

fn rewrite_book(
    book: &mut Book,
    settings: &Settings,
    context: &PreprocessorContext,
) -> Result<(), Vec<String>> {
    let source = context.config.book.src.clone();
    let mut problems = Vec::new();
    book.for_each_mut(|item| {
        let BookItem::Chapter(chapter) = item else {
            return;
        };
        let Some(path) = chapter.path.clone() else {
            return; // a draft chapter has no page
        };
        let depth = path.components().count().saturating_sub(1);
        match rewrite_chapter(&chapter.content, depth, settings) {
            Ok(content) => chapter.content = content,
            Err(found) => {
                let file = source.join(chapter.source_path.as_ref().unwrap_or(&path));
                problems.extend(found.into_iter().map(|problem| {
                    format!(
                        "{}:{}: {} (chapter “{}”)",
                        file.display(),
                        problem.line,
                        problem.message,
                        chapter.name
                    )
                }));
            }
        }
    });
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
