//! The one-server cards, live. Their markup is the pre-rendered first screen (`AdderCard` and
//! `ConverterCard`, rendered at build time); the page keeps it and binds each card's form to its
//! program in the model, writing only the parts a call changes. Rebuilding the cards as views
//! would cost the page's wasm their code and show the same.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{Document, Element, Event, HtmlInputElement};

use crate::model::one_server::{Card, CardState};
use crate::model::{AdderPanel, ConverterPanel};

/// The cards: each one's name (its elements' ids start with it) and its result's id. Every
/// input of the first screen is one of theirs (tests/first_screen.rs).
pub const CARDS: [(&str, &str); 2] = [("adder", "adder-total"), ("converter", "converter-result")];

/// Binds both cards found under `root` (the document, or a test's host).
pub fn bind(root: &Element) {
    for (name, result_id) in CARDS {
        let card: Box<dyn Card> = if name == "adder" {
            Box::new(AdderPanel::default())
        } else {
            Box::new(ConverterPanel::default())
        };
        bind_card(root, name, result_id, card);
    }
}

fn bind_card(root: &Element, name: &'static str, result_id: &'static str, card: Box<dyn Card>) {
    let find = |id: &str| root.query_selector(&format!("#{id}")).ok().flatten();
    let Some(input) =
        find(&format!("{name}-input")).and_then(|input| input.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    let parts = [
        format!("{name}-error"),
        result_id.to_owned(),
        format!("{name}-calls"),
        format!("{name}-why"),
        format!("{name}-try"),
    ]
    .map(|id| find(&id));
    let [
        Some(error),
        Some(result),
        Some(calls),
        Some(why),
        Some(prompt),
    ] = parts
    else {
        return;
    };
    let Some(form) = input.closest("form").ok().flatten() else {
        return;
    };
    let card = Rc::new(RefCell::new(card));
    let field = input.clone();
    let on_submit = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        event.prevent_default();
        let state = {
            let mut card = card.borrow_mut();
            card.submit(&field.value());
            card.state()
        };
        show(&state, &field, [&error, &result, &calls, &why, &prompt]);
    });
    let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    // The card lives as long as the page.
    on_submit.forget();
}

/// Writes a card's state into its elements, as the components render it.
fn show(
    state: &CardState,
    input: &HtmlInputElement,
    [error, result, calls, why, prompt]: [&Element; 5],
) {
    error.set_text_content(state.error.as_deref());
    let invalid = if state.error.is_some() {
        "true"
    } else {
        "false"
    };
    let _ = input.set_attribute("aria-invalid", invalid);
    result.set_text_content(Some(&state.result));
    calls.set_text_content(None);
    let Some(document) = calls.owner_document() else {
        return;
    };
    for (id, call, returned) in &state.calls {
        if let Some(item) = call_item(&document, *id, call, returned) {
            let _ = calls.append_child(&item);
        }
    }
    let hide = |element: &Element, hidden: bool| {
        let _ = if hidden {
            element.set_attribute("hidden", "")
        } else {
            element.remove_attribute("hidden")
        };
    };
    hide(why, !state.tried);
    hide(prompt, state.tried);
}

/// `<li value="3">addAndReturnTotal(5) returned <strong>15</strong></li>`
fn call_item(document: &Document, id: u64, call: &str, returned: &str) -> Option<Element> {
    let item = document.create_element("li").ok()?;
    item.set_attribute("value", &id.to_string()).ok()?;
    item.set_text_content(Some(call));
    let strong = document.create_element("strong").ok()?;
    strong.set_text_content(Some(returned));
    item.append_child(&strong).ok()?;
    Some(item)
}
