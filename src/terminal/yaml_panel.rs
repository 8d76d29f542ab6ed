//! The YAML panel's text: the scene's manifests, made by the worker (the generator is the
//! terminal bundle's, not the first load's). The page marks `#yaml` with `data-key` (the run and
//! the actions applied so far, all the YAML depends on); while the panel is open, a new key asks
//! the worker for the YAML again.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlDetailsElement, MutationObserver, MutationObserverInit};

use super::console::{self, Shared};
use super::editor;

fn pre() -> Option<Element> {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("yaml"))
}

fn panel_open(pre: &Element) -> bool {
    pre.closest("details")
        .ok()
        .flatten()
        .and_then(|details| details.dyn_into::<HtmlDetailsElement>().ok())
        .is_some_and(|details| details.open())
}

/// Fills the panel now if it is open, and again whenever it opens or its key changes while open.
pub fn start(console: &Shared) {
    let Some(pre) = pre() else {
        return;
    };
    let asked_key = std::rc::Rc::new(std::cell::RefCell::new(None::<String>));
    let refresh = {
        let (console, pre) = (console.clone(), pre.clone());
        move || {
            let key = pre.get_attribute("data-key");
            if panel_open(&pre) && *asked_key.borrow() != key {
                *asked_key.borrow_mut() = key;
                console::ask_for_manifests(&console);
            }
        }
    };
    refresh();
    let on_change = Closure::<dyn Fn()>::new(refresh);
    if let Some(details) = pre.closest("details").ok().flatten() {
        let _ =
            details.add_event_listener_with_callback("toggle", on_change.as_ref().unchecked_ref());
    }
    let options = MutationObserverInit::new();
    options.set_attributes(true);
    options.set_attribute_filter(&js_sys::Array::of1(&"data-key".into()));
    if let Ok(observer) = MutationObserver::new(on_change.as_ref().unchecked_ref()) {
        let _ = observer.observe_with_options(&pre, &options);
        // The observer lives as long as the page.
        std::mem::forget(observer);
    }
    on_change.forget();
}

/// Shows the worker's YAML (and hands it to an editor still waiting for it), and points the
/// download link at the real cluster's manifests (a `data:` URL: nothing is fetched).
pub fn show(yaml: &str, for_real_cluster: &str) {
    let Some(pre) = pre() else {
        return;
    };
    let download = pre
        .owner_document()
        .and_then(|document| document.get_element_by_id("yaml-download"));
    if let Some(link) = download {
        let href = format!(
            "data:application/yaml;charset=utf-8,{}",
            js_sys::encode_uri_component(for_real_cluster)
        );
        let _ = link.set_attribute("href", &href);
        let _ = link.remove_attribute("hidden");
    }
    if pre.text_content().as_deref() != Some(yaml) {
        pre.set_text_content(Some(yaml));
    }
    let _ = pre.remove_attribute("aria-busy");
    editor::scene_yaml_arrived(yaml);
}

/// Whether the panel holds the scene's YAML yet.
pub fn loaded() -> bool {
    pre().is_some_and(|pre| !pre.has_attribute("aria-busy"))
}
