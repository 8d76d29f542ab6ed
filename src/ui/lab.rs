//! The lessons and the playground they drive, around one `Lab`; owns the frame loop and the
//! one effect that writes state to the outside world (the URL, and progress in localStorage).

use leptos::prelude::*;

use crate::model::lessons::progress::{Landing, Opening};
use crate::model::lessons::tutor::Tutor;
use crate::model::playground::page_query;
use crate::ui::lessons::LessonsView;
use crate::ui::playground::{Lab, PlaygroundControls, PlaygroundDetails, PlaygroundStage};
use crate::ui::{browser, mount_into};

/// Where progress is kept when the browser has localStorage.
const STORAGE_KEY: &str = "adder-lab.lessons";

/// Starts from `query` (the page's URL when not given, as in the app).
#[component]
pub fn LabView(#[prop(optional)] query: Option<String>) -> impl IntoView {
    let query = query.unwrap_or_else(browser::query);

    let stored = browser::load(STORAGE_KEY);
    let storage_available = stored.is_some();
    let opening = Opening::read(&query, stored.as_deref());
    let tutor = RwSignal::new(Tutor::new(opening.saved));
    let lesson_open = opening.saved.lesson.is_some();
    let landing = opening.landing();
    let lab = Lab::new(opening.link, opening.link_problems);
    if browser::prefers_reduced_motion() || lesson_open {
        // A lesson starts paused at its scene's start, for the learner to predict first.
        lab.set_playing(false);
    }

    Effect::new(move |first: Option<()>| {
        let saved = tutor.with(Tutor::saved);
        let lab_part = lab.query.get();
        if storage_available {
            browser::store(STORAGE_KEY, &saved.to_query());
        }
        // A fresh visit to the bare address keeps it until the learner changes something:
        // rewriting the URL at start makes Chromium fetch the favicon a second time.
        if first.is_none() && query.is_empty() {
            return;
        }
        let lesson_part = saved.url_query(storage_available);
        browser::replace_query(&page_query(&browser::query(), &[&lesson_part, &lab_part]));
    });
    // The lab is built in tasks of their own, each after the last one has painted: the lessons
    // here, then the controls, the stage and the details below it (issue 13: a lesson link
    // paints its step sooner, and no task blocks the page for long). Each part's root takes
    // no box (`display: contents`), so the layout is the same as one tree's.
    let controls_root = NodeRef::<leptos::html::Div>::new();
    let stage_root = NodeRef::<leptos::html::Div>::new();
    let details_root = NodeRef::<leptos::html::Div>::new();
    browser::after_each_paint(vec![
        Box::new(move || {
            mount_into(
                controls_root,
                move || view! { <PlaygroundControls lab=lab /> },
            )
        }),
        Box::new(move || {
            mount_into(stage_root, move || view! { <PlaygroundStage lab=lab /> });
            // A link opens on what it is about (which is why this waits for the stage): a
            // step's question, its Run button and the scene; a playground link's run; what a
            // broken link got wrong. In a frame (an embed, a course package's launch page) only
            // the frame's own document scrolls, and nothing is focused: scrolling an element
            // into view would move the page around the frame, and focus would take its
            // reader's keyboard.
            if browser::framed() {
                let target = match landing {
                    Landing::Top => None,
                    Landing::Lesson => Some(("lesson", Some("lesson-run"))),
                    Landing::LessonProblems => Some(("lesson-problems", None)),
                    Landing::LinkProblems => Some(("link-problems", None)),
                    Landing::Playground => Some(("playground-title", None)),
                };
                if let Some((id, clear)) = target {
                    browser::scroll_frame_to_soon(id, clear);
                }
            } else {
                match landing {
                    Landing::Top => {}
                    Landing::Lesson => browser::reveal_lesson_soon(),
                    Landing::LessonProblems => browser::scroll_into_view_soon("lesson-problems"),
                    Landing::LinkProblems => browser::scroll_into_view_soon("link-problems"),
                    Landing::Playground => browser::scroll_into_view_soon("playground-title"),
                }
            }
        }),
        Box::new(move || {
            mount_into(
                details_root,
                move || view! { <PlaygroundDetails lab=lab /> },
            )
        }),
    ]);
    let frames = browser::frame_loop(move |elapsed_ms| lab.frame(elapsed_ms));
    on_cleanup(move || drop(frames));

    // The scene is the centre: the lesson and the controls sit beside it (wide screens) or
    // above it (narrow ones, where it sticks to the bottom of the screen). It sticks only
    // within `lab-main`: the details follow, full width, and the scene scrolls away before
    // them rather than over them.
    view! {
        <div id="lab" class="lab">
            // The stage comes before the controls in the document, so keyboard focus reaches
            // the scene's Play and timeline right after the lesson; the stylesheet places it.
            <div class="lab-main">
                <LessonsView lab=lab tutor=tutor problems=opening.lesson_problems resume=opening.resume />
                <div class="lab-part-root" node_ref=stage_root></div>
                <div class="lab-part-root" node_ref=controls_root></div>
            </div>
            <div class="lab-part-root" node_ref=details_root></div>
        </div>
    }
}
