//! Starting the main page. index.html already holds the first screen as static HTML (rendered
//! from `FirstScreen` at build time, `prerender`), so the header and the one-server cards paint
//! before the wasm has arrived. Here the live app takes its place in one task (no frame shows
//! neither): what the learner typed into the static inputs meanwhile, and where the keyboard
//! focus was, carry over.

use wasm_bindgen::JsCast;

/// The first screen's text inputs (tests/first_screen.rs holds this list to `FirstScreen`).
pub const FIRST_SCREEN_INPUTS: [&str; 2] = ["adder-input", "converter-input"];

pub fn start() {
    let document = web_sys::window().and_then(|window| window.document());
    let Some((document, body)) = document.and_then(|document| {
        let body = document.body()?;
        Some((document, body))
    }) else {
        return;
    };
    let typed: Vec<(&str, String)> = FIRST_SCREEN_INPUTS
        .into_iter()
        .filter_map(|id| {
            let input = input(&document, id)?;
            let value = input.value();
            (value != input.default_value()).then_some((id, value))
        })
        .collect();
    let focused = document.active_element().map(|element| element.id());
    // The static screen goes and the live one comes in the same task.
    body.set_text_content(None);
    leptos::mount::mount_to_body(super::App);
    for (id, value) in typed {
        if let Some(input) = input(&document, id) {
            input.set_value(&value);
            // The component's binding listens for input events, as from typing.
            if let Ok(event) = web_sys::Event::new("input") {
                let _ = input.dispatch_event(&event);
            }
        }
    }
    // Tests (and anyone curious) can tell the live page from its pre-rendered copy.
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-live", "");
    }
    let focused = focused.filter(|id| !id.is_empty());
    if let Some(element) = focused.and_then(|id| document.get_element_by_id(&id)) {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            // In place: the element is where it was on screen, and the stylesheet's
            // scroll-padding (for the stage, on a phone) must not move the page.
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = element.focus_with_options(&options);
        }
    }
}

fn input(document: &web_sys::Document, id: &str) -> Option<web_sys::HtmlInputElement> {
    document.get_element_by_id(id)?.dyn_into().ok()
}
