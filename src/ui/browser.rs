//! The few browser APIs the app uses, behind small functions (no panics: a missing API
//! degrades to doing nothing).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The page's query string, without `?`.
pub fn query() -> String {
    window()
        .and_then(|window| window.location().search().ok())
        .map(|search| search.trim_start_matches('?').to_owned())
        .unwrap_or_default()
}

/// Replaces the URL's query without adding a history entry (the path and hash stay).
pub fn replace_query(query: &str) {
    let Some(window) = window() else { return };
    let location = window.location();
    if location
        .search()
        .is_ok_and(|search| search.trim_start_matches('?') == query)
    {
        return; // unchanged: a history call would only make the browser look again (favicon)
    }
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    if let Ok(history) = window.history() {
        let url = format!("{path}?{query}{hash}");
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// localStorage, where the browser allows it (not in some sandboxed iframes, not when the
/// learner switched storage off).
fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

/// The stored text for `key`: `None` when there is no storage at all, `Some("")` when there is
/// storage but nothing under `key`.
pub fn load(key: &str) -> Option<String> {
    let storage = storage()?;
    // Reading can still throw (storage switched off after the page loaded): treat as no storage.
    storage.get_item(key).ok().map(Option::unwrap_or_default)
}

/// Stores text under `key`; where the browser refuses (no storage, quota) nothing is kept.
pub fn store(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

/// Moves keyboard focus to the element with this id on the next frame, once the view has
/// rendered what the state change that asked for it added.
pub fn focus_soon(id: &'static str) {
    leptos::prelude::request_animation_frame(move || focus(id));
}

/// Calls `then` in a task of its own once the page has painted (a frame, then a timeout): what
/// it builds does not delay the first paint or lengthen the task that made it.
pub fn after_first_paint(then: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(then, std::time::Duration::ZERO);
    });
}

/// Runs `steps` in order, each in a task of its own once the page has painted what the one
/// before built.
pub fn after_each_paint(mut steps: Vec<Box<dyn FnOnce()>>) {
    if steps.is_empty() {
        return;
    }
    let step = steps.remove(0);
    after_first_paint(move || {
        step();
        after_each_paint(steps);
    });
}

/// On the next frame, scrolls the element with this id to the top of the screen (smoothly
/// unless the learner asked for reduced motion).
pub fn scroll_into_view_soon(id: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        let element = window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(id));
        if let Some(element) = element {
            element.scroll_into_view();
        }
    });
}

/// After the next render, scrolls this frame's own document (never the page around it) to the
/// element's top; with `clear`, further down if need be, so `clear` (a Run button) is in view
/// with its CSS `scroll-margin-bottom` below it, as `reveal_lesson_soon` keeps it above the
/// pinned scene on a phone.
pub fn scroll_frame_to_soon(id: &'static str, clear: Option<&'static str>) {
    leptos::prelude::request_animation_frame(move || {
        let Some(window) = window() else {
            return;
        };
        let Some(document) = window.document() else {
            return;
        };
        let Some(element) = document.get_element_by_id(id) else {
            return;
        };
        let scrolled = window.scroll_y().unwrap_or(0.0);
        let mut top = element.get_bounding_client_rect().top() + scrolled;
        if let Some(below) = clear.and_then(|id| document.get_element_by_id(id)) {
            let margin = window
                .get_computed_style(&below)
                .ok()
                .flatten()
                .and_then(|style| style.get_property_value("scroll-margin-bottom").ok())
                // Whole pixels: parsing a float would bring 15 kB of float parsing into the
                // first load.
                .and_then(|value| value.split(['.', 'p']).next()?.parse::<u32>().ok())
                .map_or(0.0, f64::from);
            let height = window
                .inner_height()
                .ok()
                .and_then(|height| height.as_f64())
                .unwrap_or(0.0);
            let bottom = below.get_bounding_client_rect().bottom() + scrolled + margin;
            top = top.max(bottom - height);
        }
        window.scroll_to_with_x_and_y(0.0, top);
    });
}

/// After the next render, brings the open lesson step into view: its top, and its Run button
/// above the scene (on narrow screens the scene sticks to the bottom of the screen, and the
/// button's CSS `scroll-margin-bottom` keeps it clear of it); then focuses its title without
/// scrolling again.
pub fn reveal_lesson_soon() {
    leptos::prelude::request_animation_frame(|| {
        let Some(document) = window().and_then(|window| window.document()) else {
            return;
        };
        if let Some(card) = document.get_element_by_id("lesson") {
            card.scroll_into_view_with_bool(true);
        }
        if let Some(run) = document.get_element_by_id("lesson-run") {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            run.scroll_into_view_with_scroll_into_view_options(&options);
        }
        let title = document
            .get_element_by_id("lesson-title")
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(title) = title {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = title.focus_with_options(&options);
        }
    });
}

/// A guess at the scene's box width in CSS px before it can be measured: the stage is beside a
/// 24rem column from 64rem up (see `style/main.css`), else the page's width less its margins.
pub fn scene_box_guess_px() -> u32 {
    let width = window()
        .and_then(|window| window.inner_width().ok())
        .and_then(|width| width.as_f64())
        .unwrap_or(1280.0);
    let stage = if width >= 1024.0 {
        width - 434.0
    } else {
        width - 34.0
    };
    stage.max(0.0) as u32
}

/// The CSS width in whole pixels of the element with id `id`, kept current when the window
/// resizes: a scene is laid out for the box it is drawn in. `guess_px` until the element has
/// been drawn, and while it is hidden (it measures 0 then). (An id and a paint callback rather
/// than a `NodeRef` and an effect: less code in the first load.)
pub fn box_width_px(id: String, guess_px: u32) -> leptos::prelude::RwSignal<u32> {
    use leptos::prelude::*;
    let width = RwSignal::new(guess_px);
    let measure = move || {
        let px = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(&id))
            .map_or(0, |element| element.client_width());
        if px > 0 && width.get_untracked() != px as u32 {
            width.set(px as u32);
        }
    };
    after_first_paint(measure.clone());
    let resized = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resized.remove());
    width
}

/// The browser's own yes-or-no dialog; no (false) where there is none.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|window| window.confirm_with_message(question).ok())
        .unwrap_or(false)
}

pub fn focus(id: &str) {
    let element = window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// The full URL of the page (for the copy-link button).
pub fn href() -> String {
    window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default()
}

pub fn prefers_reduced_motion() -> bool {
    window()
        .and_then(|window| {
            window
                .match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches())
}

/// The page that embeds this one in a frame, if any.
fn host() -> Option<web_sys::Window> {
    let window = window()?;
    let parent = window.parent().ok().flatten()?;
    let framed = AsRef::<wasm_bindgen::JsValue>::as_ref(&parent)
        != AsRef::<wasm_bindgen::JsValue>::as_ref(&window);
    framed.then_some(parent)
}

/// Whether this page is embedded in another one (an iframe).
pub fn framed() -> bool {
    host().is_some()
}

/// Posts one message of the embed protocol (JSON text from `model::embed`) to the page that
/// embeds this one, and to no other window. Its target origin is `*`: the frame cannot know
/// its host's origin, and the messages carry nothing private.
pub fn tell_host(json: &str) {
    if let (Some(host), Ok(message)) = (host(), js_sys::JSON::parse(json)) {
        let _ = host.post_message(&message, "*");
    }
}

/// Copies text to the clipboard, then calls `on_done` with whether the browser allowed it.
pub fn copy_text(text: &str, on_done: impl FnOnce(bool) + 'static) {
    let Some(window) = window() else {
        return on_done(false);
    };
    // The clipboard answers later (and may refuse): report only once it has.
    let written =
        wasm_bindgen_futures::JsFuture::from(window.navigator().clipboard().write_text(text));
    leptos::task::spawn_local(async move { on_done(written.await.is_ok()) });
}

/// Calls `on_frame(elapsed_ms)` on every animation frame until the returned guard is dropped.
pub struct FrameLoop {
    alive: Arc<AtomicBool>,
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        self.alive.store(false, Ordering::Relaxed);
    }
}

/// The frame callback, shared so it can schedule itself again.
type FrameCallback = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;

pub fn frame_loop(mut on_frame: impl FnMut(f64) + 'static) -> FrameLoop {
    let alive = Arc::new(AtomicBool::new(true));
    let callback: FrameCallback = Rc::new(RefCell::new(None));
    let next = callback.clone();
    let still_alive = alive.clone();
    let mut last_ms: Option<f64> = None;
    *callback.borrow_mut() = Some(Closure::new(move |now_ms: f64| {
        if !still_alive.load(Ordering::Relaxed) {
            next.borrow_mut().take(); // frees the closure, ending the loop
            return;
        }
        let elapsed_ms = last_ms.map_or(0.0, |last| now_ms - last);
        last_ms = Some(now_ms);
        on_frame(elapsed_ms);
        if let (Some(window), Some(closure)) = (window(), next.borrow().as_ref()) {
            let _ = window.request_animation_frame(closure.as_ref().unchecked_ref());
        }
    }));
    if let (Some(window), Some(closure)) = (window(), callback.borrow().as_ref()) {
        let _ = window.request_animation_frame(closure.as_ref().unchecked_ref());
    }
    FrameLoop { alive }
}
