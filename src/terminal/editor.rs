//! The YAML panel as an editor: `adder.yaml`, which `kubectl apply -f adder.yaml` reads. Built by
//! the terminal's wasm when the learner first presses "Edit and apply" (the page holds only the
//! button and the scene's YAML), so the first load carries neither the editor nor the parser.
//! Apply runs `kubectl apply -f adder.yaml` in the terminal, as if typed, and shows its answer
//! under the editor too.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Document, Element, HtmlElement, HtmlTextAreaElement};

use super::console::{self, Shared};
use crate::model::kubectl::apply::FILE_NAME;

/// The line Apply runs.
pub const APPLY_LINE: &str = "kubectl apply -f adder.yaml";

const MARKUP: &str = concat!(
    r#"<label for="yaml-editor" class="small">adder.yaml: edit, then Apply (the same as <code>kubectl apply -f adder.yaml</code> in the terminal). The scene's YAML above keeps following the scene.</label>"#,
    r#"<textarea id="yaml-editor" class="yaml-editor" rows="24" spellcheck="false" autocapitalize="off" autocomplete="off" wrap="off"></textarea>"#,
    r#"<div class="yaml-actions"><button id="yaml-apply" type="button">Apply</button> <button id="yaml-reset" type="button">Reset to the scene's YAML</button></div>"#,
    r#"<pre id="yaml-result" class="yaml-result" role="status" aria-live="polite" hidden></pre>"#
);

fn document() -> Option<Document> {
    web_sys::window().and_then(|window| window.document())
}

/// Listens to "Edit and apply", and opens the editor at once if it was pressed before the
/// console ran (the press is what loaded it).
pub fn start(console: &Shared) {
    let Some(button) = document().and_then(|document| document.get_element_by_id("yaml-edit"))
    else {
        return;
    };
    let opener = console.clone();
    let on_click = Closure::<dyn Fn()>::new(move || open(&opener));
    let _ = button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
    if button.has_attribute("data-pending") {
        let _ = button.remove_attribute("data-pending");
        open(console);
    }
}

/// The scene's YAML as the page shows it now.
fn scene_yaml(document: &Document) -> String {
    document
        .get_element_by_id("yaml")
        .and_then(|pre| pre.text_content())
        .unwrap_or_default()
}

fn editor(document: &Document) -> Option<HtmlTextAreaElement> {
    document
        .get_element_by_id("yaml-editor")
        .and_then(|editor| editor.dyn_into().ok())
}

/// The editor's text, once it is open (until then adder.yaml is the scene's YAML, which the
/// worker makes itself).
pub fn file_text() -> Option<String> {
    document()
        .and_then(|document| editor(&document))
        .map(|editor| editor.value())
}

/// The scene's YAML has come: an editor opened before it takes it.
pub fn scene_yaml_arrived(yaml: &str) {
    let editor = document().and_then(|document| editor(&document));
    if let Some(editor) = editor.filter(|editor| editor.has_attribute("data-fill")) {
        let _ = editor.remove_attribute("data-fill");
        editor.set_value(yaml);
    }
}

/// Opens the editor under the scene's YAML (once), holding that YAML, and focuses it.
pub fn open(console: &Shared) {
    let Some(document) = document() else {
        return;
    };
    if let Some(existing) = editor(&document) {
        let _ = existing.focus();
        return;
    }
    let Some(pre) = document.get_element_by_id("yaml") else {
        return;
    };
    let Ok(box_) = document.create_element("div") else {
        return;
    };
    box_.set_id("yaml-editing");
    box_.set_class_name("yaml-editing");
    box_.set_inner_html(MARKUP);
    let _ = pre.after_with_node_1(&box_);
    // Open, the panel asks the worker for the scene's YAML if it has not yet.
    if let Some(details) = pre.closest("details").ok().flatten() {
        let _ = details.set_attribute("open", "");
    }
    let Some(editor) = editor(&document) else {
        return;
    };
    if super::yaml_panel::loaded() {
        editor.set_value(&scene_yaml(&document));
    } else {
        let _ = editor.set_attribute("data-fill", "");
    }
    listen(&document, "yaml-apply", {
        let console = console.clone();
        move || console::submit(&console, APPLY_LINE)
    });
    listen(&document, "yaml-reset", {
        let document = document.clone();
        move || {
            if let Some(editor) = self::editor(&document) {
                editor.set_value(&scene_yaml(&document));
                let _ = editor.focus();
            }
        }
    });
    box_.scroll_into_view_with_scroll_into_view_options(&console::nearest());
    let _ = editor.focus();
}

fn listen(document: &Document, id: &str, action: impl Fn() + 'static) {
    let Some(button) = document.get_element_by_id(id) else {
        return;
    };
    let on_click = Closure::<dyn Fn()>::new(action);
    let _ = button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
}

/// Shows an apply's answer under the editor, where the learner pressed Apply.
pub fn show_result(text: &str) {
    let result: Option<Element> =
        document().and_then(|document| document.get_element_by_id("yaml-result"));
    if let Some(result) = result {
        result.set_text_content(Some(&format!("$ {APPLY_LINE}\n{text}")));
        if let Some(result) = result.dyn_ref::<HtmlElement>() {
            result.set_hidden(false);
        }
    }
}

/// Whether a line reads the editor's file (it then carries the file to the worker).
pub fn reads_file(line: &str) -> bool {
    line.contains(FILE_NAME)
}
