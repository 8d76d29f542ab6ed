//! The playground's terminal: a line typed here runs against the scene at the moment it shows
//! (`kubectl get pods -o wide`). The printers and parsers run in a worker (`terminal/`) started
//! the first time the terminal is opened, so the page's first load does not carry them; the
//! page sends it the run's link and the moment, and prints what it answers. A line that
//! changes the cluster (`kubectl delete pod adder-1`) comes back with the actions it stands
//! for, which are applied as the scene's buttons apply them (recorded, forking in the past).
//!
//! The markup is constant and its events are caught by one wrapper, which writes the transcript
//! straight into the DOM: a reactive view of it would cost the first load several kB.

use std::collections::VecDeque;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlInputElement, MessageEvent, Worker};

use super::state::Lab;
use crate::model::kubectl::replica::{READY, read_reply, request};
use crate::model::kubectl::session::Session;

/// The worker's loader, relative to the page (Trunk's loader shim for `terminal.html`).
const WORKER_URL: &str = "terminal/adder-lab-terminal_loader.js";

const MARKUP: &str = r#"<details class="panel terminal" id="terminal"><summary>Terminal: kubectl on this cluster</summary><pre id="terminal-output" class="terminal-output" role="log" aria-label="Terminal output" tabindex="0"></pre><div class="terminal-line"><span class="terminal-prompt" aria-hidden="true">$</span><input id="terminal-input" type="text" autocomplete="off" autocapitalize="off" spellcheck="false" aria-label="Command (type help for the list)" placeholder="kubectl get pods -o wide"></div></details>"#;

/// The page's side of the terminal: what it printed, and the worker. Lines wait for their
/// answers in order; until the worker has started, requests wait to be sent.
#[derive(Default)]
struct Console {
    session: Session,
    /// The terminal's input and transcript, found from the first event in them (a test page
    /// may hold several terminals, so not by id).
    input: Option<HtmlInputElement>,
    output: Option<web_sys::Element>,
    worker: Option<Worker>,
    ready: bool,
    unsent: Vec<String>,
    awaiting: VecDeque<String>,
}

/// Shows the transcript, its newest line in view as a terminal scrolls.
fn show(console: &Console) {
    if let Some(output) = &console.output {
        output.set_text_content(Some(console.session.transcript()));
        output.set_scroll_top(output.scroll_height());
    }
    // The prompt stays in view below the answer (on a phone, above the pinned scene: its CSS
    // scroll-margin keeps it clear).
    if let Some(field) = &console.input {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        field.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Remembers the terminal an event happened in.
fn find_parts(console: &mut Console, inside: &web_sys::Element) {
    let Some(terminal) = inside.closest("#terminal").ok().flatten() else {
        return;
    };
    let part = |selector: &str| terminal.query_selector(selector).ok().flatten();
    console.output = part("#terminal-output");
    console.input = part("#terminal-input").and_then(|input| input.dyn_into().ok());
}

#[component]
pub fn Terminal(lab: Lab) -> impl IntoView {
    let console = StoredValue::new_local(Console::default());

    let on_answer = move |answer: String| {
        let (actions, text) = read_reply(&answer);
        // An action the scene refuses (it changed since the line was read) prints why, in
        // place of what kubectl said.
        let refused = actions
            .into_iter()
            .find(|action| !lab.act(action.clone()))
            .map(|_| {
                let why = lab.notice.get_untracked().unwrap_or_default();
                format!("error: {why}\n")
            });
        console.update_value(|console| {
            if answer == READY {
                console.ready = true;
                if let Some(worker) = &console.worker {
                    for request in console.unsent.drain(..) {
                        let _ = worker.post_message(&request.into());
                    }
                }
                return;
            }
            let line = console.awaiting.pop_front().unwrap_or_default();
            console
                .session
                .print(&line, refused.as_deref().unwrap_or(text));
            show(console);
        });
    };
    let start = move || {
        if console.with_value(|console| console.worker.is_some()) {
            return;
        }
        let Ok(worker) = Worker::new(WORKER_URL) else {
            console.update_value(|console| {
                let failed = "The terminal could not start: this browser did not run its worker.\n";
                console.session.print("", failed);
                show(console);
            });
            return;
        };
        let handler = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(answer) = event.data().as_string() {
                on_answer(answer);
            }
        });
        worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        // The handler lives as long as the page.
        handler.forget();
        console.update_value(|console| console.worker = Some(worker));
    };
    // Opening the terminal (its summary, by click or keyboard) starts the worker.
    let on_click = move |event: leptos::ev::MouseEvent| {
        let summary = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("#terminal summary").ok().flatten());
        if let Some(summary) = summary {
            console.update_value(|console| find_parts(console, &summary));
            start();
            crate::ui::browser::focus_soon("terminal-input");
        }
    };
    let enter = move |field: &HtmlInputElement| {
        let line = field.value();
        field.set_value("");
        let moment = lab.with_playground(|playground| {
            (playground.link().to_query(), playground.world().now_ms())
        });
        console.update_value(|console| {
            console.session.entered(&line);
            if line.trim() == "clear" {
                console.session.clear();
                show(console);
                return;
            }
            let message = request(&moment.0, moment.1, &line);
            console.awaiting.push_back(line);
            match (&console.worker, console.ready) {
                (Some(worker), true) => {
                    let _ = worker.post_message(&message.into());
                }
                _ => console.unsent.push(message),
            }
        });
    };
    // Enter runs the line; ↑ and ↓ recall earlier lines, as a shell does.
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        let key = event.key();
        let Some(field) = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
            .filter(|field| field.id() == "terminal-input")
        else {
            return;
        };
        console.update_value(|console| find_parts(console, &field));
        let up = match key.as_str() {
            "Enter" => return enter(&field),
            "ArrowUp" => true,
            "ArrowDown" => false,
            _ => return,
        };
        event.prevent_default();
        let recalled = console
            .try_update_value(|console| {
                if up {
                    console.session.earlier(&field.value())
                } else {
                    console.session.later()
                }
            })
            .flatten();
        if let Some(line) = recalled {
            field.set_value(&line);
        }
    };

    view! {
        <div on:click=on_click on:keydown=on_keydown inner_html=MARKUP></div>
    }
}
