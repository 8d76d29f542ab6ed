//! The terminal's worker (`dist/terminal/`, fetched the first time a learner opens the
//! terminal): it keeps its own copy of the playground's run (`kubectl::replica`) and answers
//! each typed line with what the tool prints. It holds the printers and parsers, so the page's
//! first load does not.

use std::cell::RefCell;

use adder_lab_model::kubectl::replica::{READY, Replica};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let replica = RefCell::new(Replica::default());
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(request) = event.data().as_string() else {
            return;
        };
        let reply = replica.borrow_mut().handle(&request);
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let _ = scope.post_message(&JsValue::from_str(&reply));
    });
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}
