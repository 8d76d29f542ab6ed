//! The lessons and the playground they drive, around one `Lab`; owns the frame loop and the
//! one effect that writes state to the outside world (the URL, and progress in localStorage).

use leptos::prelude::*;

use crate::model::lessons::LESSONS;
use crate::model::lessons::progress::Saved;
use crate::model::lessons::tutor::Tutor;
use crate::model::playground::{Link, page_query};
use crate::ui::browser;
use crate::ui::lessons::LessonsView;
use crate::ui::playground::{Lab, PlaygroundView};

/// Where progress is kept when the browser has localStorage.
const STORAGE_KEY: &str = "adder-lab.lessons";

/// Starts from `query` (the page's URL when not given, as in the app).
#[component]
pub fn LabView(#[prop(optional)] query: Option<String>) -> impl IntoView {
    let query = query.unwrap_or_else(browser::query);

    // Progress: the URL's and the stored, together; the URL says which lesson is open.
    let stored = browser::load(STORAGE_KEY);
    let storage_available = stored.is_some();
    let (from_url, lesson_problems) = Saved::parse(&query);
    let (from_storage, _) = Saved::parse(stored.as_deref().unwrap_or_default());
    let progress = from_url.progress.union(from_storage.progress);
    let tutor = RwSignal::new(Tutor::new(Saved {
        lesson: from_url.lesson,
        progress,
    }));

    // The scene: the link's; a lesson link without one (`?lesson=headless`) opens the lesson's.
    let has_scene = query
        .split('&')
        .any(|pair| pair.trim_start_matches('?').starts_with("scenario="));
    let (link, link_problems) = match from_url.lesson {
        Some(index) if !has_scene => (LESSONS[index].link(), Vec::new()),
        _ => Link::parse(&query),
    };
    let lab = Lab::new(link);
    if browser::prefers_reduced_motion() || from_url.lesson.is_some() {
        // A lesson starts paused at its scene's start, for the learner to predict first.
        lab.set_playing(false);
    }
    let link_problems: Vec<String> = link_problems.into_iter().map(|problem| problem.0).collect();

    Effect::new(move |_| {
        let saved = tutor.with(|tutor| tutor.saved());
        let mut lesson_part = saved.to_query();
        if storage_available {
            browser::store(STORAGE_KEY, &lesson_part);
            // Progress stays in this browser; the link only says which lesson is open.
            lesson_part = Saved {
                progress: Default::default(),
                ..saved
            }
            .to_query();
        }
        browser::replace_query(&page_query(
            &browser::query(),
            &[&lesson_part, &lab.query.get()],
        ));
    });
    let frames = browser::frame_loop(move |elapsed_ms| lab.frame(elapsed_ms));
    on_cleanup(move || drop(frames));

    view! {
        <LessonsView lab=lab tutor=tutor problems=lesson_problems resume=from_storage.lesson />
        <PlaygroundView lab=lab problems=link_problems />
    }
}
