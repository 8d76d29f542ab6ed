//! The playground's terminal, as the page holds it: constant markup, the first opening, and the
//! bridge. Everything else (the console: input, history, transcript; and the worker that answers
//! each line from its copy of the run) is the terminal's own wasm (`src/terminal/`, built into
//! `terminal/`), fetched the first time the terminal is opened, so the first load does not carry
//! it.
//!
//! The bridge is how the console reaches the playground: it dispatches `bridge::EVENT` on the
//! element around the terminal (the console may move the terminal itself under the scene), with an action's link code in `bridge::ACT` when a line changes the cluster
//! (`kubectl delete pod adder-1`); the page applies it as the scene's buttons do (recorded,
//! forking in the past) and answers in attributes: the run's link and the moment the scene shows.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::state::Lab;
use crate::model::kubectl::bridge;
use crate::model::playground::Link;
use crate::model::playground::link::decode_action;

/// The console's loader, relative to the page (`src/terminal/console.js`, copied by Trunk).
const CONSOLE_URL: &str = "terminal/console.js";

/// The input is disabled until the console runs (a line typed before would have nowhere to go).
const MARKUP: &str = r#"<details class="panel terminal" id="terminal"><summary>Terminal: kubectl on this cluster</summary><pre id="terminal-output" class="terminal-output" role="log" aria-label="Terminal output" tabindex="0"></pre><div class="terminal-line"><span class="terminal-prompt" aria-hidden="true">$</span><input id="terminal-input" type="text" autocomplete="off" autocapitalize="off" spellcheck="false" aria-label="Command (Tab completes; type help for the list)" placeholder="Starting the terminal…" disabled></div></details>"#;

fn terminal() -> Option<Element> {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("terminal"))
}

/// Whether the console (the terminal's bundle) runs: it enables the input once it does.
pub fn console_running() -> bool {
    let input = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("terminal-input"));
    input.is_some_and(|input| !input.has_attribute("disabled"))
}

/// Loads the terminal's bundle once: the console, the worker, the YAML panel and its editor.
pub fn start_console() {
    let Some(root) = terminal().filter(|root| !root.has_attribute("data-started")) else {
        return;
    };
    let _ = root.set_attribute("data-started", "");
    let document = root.owner_document();
    let body = document.as_ref().and_then(web_sys::Document::body);
    if let (Some(document), Some(body)) = (document, body)
        && let Ok(script) = document.create_element("script")
    {
        let _ = script.set_attribute("src", CONSOLE_URL);
        let _ = body.append_child(&script);
    }
}

/// Opens the terminal (an apply's answer prints there), loading it the first time.
pub fn open_terminal() {
    if let Some(root) = terminal() {
        let _ = root.set_attribute("open", "");
    }
    start_console();
}

#[component]
pub fn Terminal(lab: Lab) -> impl IntoView {
    // Opening the terminal (its summary, by click or keyboard) the first time loads the console.
    let on_click = move |event: leptos::ev::MouseEvent| {
        let on_summary = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .is_some_and(|element| {
                element
                    .closest("#terminal summary")
                    .ok()
                    .flatten()
                    .is_some()
            });
        if on_summary {
            start_console();
        }
    };
    let on_bridge = move |event: web_sys::Event| {
        let Some(root) = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
        else {
            return;
        };
        if let Some(query) = root.get_attribute(bridge::LOAD) {
            let _ = root.remove_attribute(bridge::LOAD);
            lab.load(Link::parse(&query).0);
            lab.set_playing(true);
        }
        if let Some(code) = root.get_attribute(bridge::ACT) {
            let _ = root.remove_attribute(bridge::ACT);
            if !decode_action(&code).is_some_and(|command| lab.act(command)) {
                let why = lab.notice.get_untracked().unwrap_or_default();
                let _ = root.set_attribute(bridge::REFUSED, &why);
            }
        }
        let (query, at_ms) = lab.with_playground(|playground| {
            (playground.link().to_query(), playground.world().now_ms())
        });
        let _ = root.set_attribute(bridge::QUERY, &query);
        let _ = root.set_attribute(bridge::AT_MS, &at_ms.to_string());
    };

    view! {
        <div on:click=on_click on:adder-lab-bridge=on_bridge inner_html=MARKUP></div>
    }
}
