//! Starting the main page. index.html already holds the first screen as static HTML (rendered
//! from `FirstScreen` at build time, `prerender`), so the header and the one-server cards paint
//! before the wasm has arrived. The page keeps it: the cards' forms are bound to the model
//! (`cards`), so what the learner typed meanwhile and the keyboard focus stay where they are;
//! then, after a paint, the lab is built into its place. Rebuilding the static screen as views
//! would cost the wasm their code and show the same.

use wasm_bindgen::JsCast;

pub fn start() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let (Some(root), Some(body)) = (document.document_element(), document.body()) else {
        return;
    };
    let lab_root = document
        .get_element_by_id("lab-root")
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    match lab_root {
        Some(lab_root) => {
            super::cards::bind(&root);
            super::browser::after_first_paint(move || {
                leptos::mount::mount_to(lab_root, || leptos::view! { <super::LabView /> }).forget();
            });
        }
        // Not the pre-rendered page (nothing else serves this wasm): build it whole.
        None => {
            body.set_text_content(None);
            leptos::mount::mount_to_body(super::App);
            super::cards::bind(&root);
        }
    }
    // Tests (and anyone curious) can tell the live page from its pre-rendered copy.
    let _ = root.set_attribute("data-live", "");
}
