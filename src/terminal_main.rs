//! The terminal's wasm (`dist/terminal/`, fetched the first time a learner opens the terminal).
//! The same module runs twice: in a worker, where it keeps its own copy of the playground's run
//! (`kubectl::replica`) and answers each typed line; and on the page's main thread (started by
//! `console.js`), where it runs the console and starts that worker. It holds the printers,
//! parsers and the console, so the page's first load does not.

use std::cell::RefCell;
use std::rc::Rc;

use adder_lab::terminal::{console, editor, yaml_panel};
use adder_lab_model::kubectl::replica::{READY, Replica};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker};

/// The worker's loader, relative to the page (Trunk's loader shim for `terminal.html`).
const WORKER_URL: &str = "terminal/adder-lab-terminal_loader.js";

fn main() {
    match js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() {
        Ok(scope) => serve(scope),
        Err(_) => run_console(),
    }
}

/// The worker: one reply per message, after saying it listens.
fn serve(scope: DedicatedWorkerGlobalScope) {
    let replica = RefCell::new(Replica::with_parser(adder_lab_yaml::parse));
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(request) = event.data().as_string() else {
            return;
        };
        let reply = replica.borrow_mut().handle(&request);
        let _ = replies.post_message(&JsValue::from_str(&reply));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

/// The console of the page's terminal, talking to a worker of this same module.
fn run_console() {
    let root = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.query_selector("#terminal").ok().flatten());
    let Some(root) = root else {
        return;
    };
    let Ok(worker) = Worker::new(WORKER_URL) else {
        let console = console::start(root, Rc::new(|_| {}));
        console::note(
            &console,
            "The terminal could not start: this browser did not run its worker.\n",
        );
        return;
    };
    let sender = worker.clone();
    let post: Rc<dyn Fn(String)> = Rc::new(move |message: String| {
        let _ = sender.post_message(&JsValue::from_str(&message));
    });
    let console = console::start(root, post);
    editor::start(&console);
    yaml_panel::start(&console);
    let on_reply = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(reply) = event.data().as_string() {
            console::receive(&console, &reply);
        }
    });
    worker.set_onmessage(Some(on_reply.as_ref().unchecked_ref()));
    // The handler lives as long as the page.
    on_reply.forget();
}
