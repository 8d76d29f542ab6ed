//! The terminal's console: the input, the transcript and the history, run on the page's main
//! thread by the terminal's own wasm (`terminal/`, fetched the first time the terminal opens), so
//! the page's first load carries none of it. It talks to two parties:
//!
//! - the worker, which answers each line from its copy of the run (`kubectl::replica`), through
//!   the `post` it is given and `receive`;
//! - the playground, through `bridge`: a bubbling `adder-lab-bridge` event on the element the
//!   page mounted the terminal in, which the page answers synchronously in its attributes (the
//!   run's link and moment, and whether an action was refused).
//!
//! On wide screens (the two-column layout) the console moves the terminal under the scene and
//! timeline, where it has the stage's width for kubectl's tables; on narrow ones it stays with
//! the controls, above the pinned stage.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, Event, EventInit, HtmlInputElement, KeyboardEvent};

use super::editor;
use super::yaml_panel;
use crate::model::kubectl::bridge;
use crate::model::kubectl::replica::{
    ANSWER, Completed, READY, answer_request, completion_request, manifests_request,
    read_manifests_reply, read_reply, request, request_with_file,
};
use crate::model::kubectl::session::Session;

/// The console of one terminal. Lines wait for their answers in order; until the worker has
/// started, requests wait to be sent.
pub struct Console {
    /// The page's element around the terminal, where the bridge is answered (the terminal
    /// itself may move under the scene).
    bridge: Element,
    input: Option<HtmlInputElement>,
    output: Option<Element>,
    session: Session,
    post: Rc<dyn Fn(String)>,
    ready: bool,
    unsent: Vec<String>,
    awaiting: VecDeque<String>,
    /// A `curl` line whose answer the scene has not delivered yet: like curl, the prompt waits
    /// (Ctrl+C or Escape stops waiting).
    waiting: Option<String>,
    /// Answer requests sent and not yet answered, and how many of those answers to drop (they
    /// were asked for a wait that Ctrl+C ended).
    polls_in_flight: u32,
    polls_to_drop: u32,
}

/// How often a waiting `curl` asks whether the scene has its answer.
const ANSWER_POLL_MS: i32 = 200;
const WAITING: &str = "waiting… (Ctrl+C stops)";

pub type Shared = Rc<RefCell<Console>>;

/// Starts the console of the terminal at `root` (`#terminal`): listens to its keys and focuses
/// its input. `post` sends a message to the worker; its replies go to `receive`.
pub fn start(root: Element, post: Rc<dyn Fn(String)>) -> Shared {
    let part = |selector: &str| root.query_selector(selector).ok().flatten();
    let input: Option<HtmlInputElement> =
        part("#terminal-input").and_then(|input| input.dyn_into().ok());
    let output = part("#terminal-output");
    let bridge = root.parent_element().unwrap_or_else(|| root.clone());
    let console = Rc::new(RefCell::new(Console {
        bridge: bridge.clone(),
        input: input.clone(),
        output,
        session: Session::default(),
        post,
        ready: false,
        unsent: Vec::new(),
        awaiting: VecDeque::new(),
        waiting: None,
        polls_in_flight: 0,
        polls_to_drop: 0,
    }));
    let keys = Rc::clone(&console);
    let on_keydown = Closure::<dyn Fn(KeyboardEvent)>::new(move |event: KeyboardEvent| {
        on_key(&keys, &event);
    });
    if let Some(input) = &input {
        let _ =
            input.add_event_listener_with_callback("keydown", on_keydown.as_ref().unchecked_ref());
        // The page's markup keeps the input disabled until now.
        input.set_placeholder("kubectl get pods -o wide");
        input.set_disabled(false);
        // Shown now even if its stylesheet is still on its way (a hidden input takes no focus).
        let _ = root.set_attribute("data-styled", "");
        // Started by the YAML panel, the terminal stays closed and the focus where it is.
        if root.has_attribute("open") {
            let _ = input.focus();
        }
    }
    // Opening the terminal again puts the cursor back in its input.
    let focus = input.clone();
    let on_toggle = Closure::<dyn Fn()>::new(move || {
        if let Some(input) = &focus {
            let _ = input.focus();
        }
    });
    let _ = root.add_event_listener_with_callback("toggle", on_toggle.as_ref().unchecked_ref());
    // The listeners live as long as the page.
    on_keydown.forget();
    on_toggle.forget();
    follow_the_layout(&root, bridge);
    console
}

/// The two-column layout's query (style/main.css).
const WIDE: &str = "(min-width: 64rem)";

/// Puts the terminal under the scene while the layout has two columns, and back with the
/// controls when it has one.
fn follow_the_layout(root: &Element, home: Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(query) = window.match_media(WIDE).ok().flatten() else {
        return;
    };
    let stage = window
        .document()
        .and_then(|document| document.get_element_by_id("stage-body"));
    let Some(stage) = stage else {
        return;
    };
    let place = {
        let (root, query) = (root.clone(), query.clone());
        move || {
            let focused = web_sys::window()
                .and_then(|window| window.document())
                .and_then(|document| document.active_element())
                .is_some_and(|active| root.contains(Some(&active)));
            let wide = query.matches();
            let parent = if wide { &stage } else { &home };
            if root.parent_element().as_ref() != Some(parent) {
                let _ = parent.append_child(&root);
                if focused && let Ok(Some(input)) = root.query_selector("#terminal-input") {
                    let _ = input.unchecked_into::<HtmlInputElement>().focus();
                }
                // The page may be scrolled to where the terminal was, past the sticky stage's
                // reach: bring the stage (scene, timeline, terminal) back into view, from its top.
                if wide && let Some(whole) = stage.parent_element() {
                    whole.scroll_into_view_with_scroll_into_view_options(&nearest());
                    // Focusing may have scrolled the stage itself: the scene goes first.
                    whole.set_scroll_top(0);
                }
            }
        }
    };
    place();
    let on_change = Closure::<dyn Fn()>::new(place);
    let _ = query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    on_change.forget();
}

/// Enter runs the line; ↑ and ↓ recall earlier lines and Tab completes the last word, as a
/// shell does. Tab on an empty line (or Shift+Tab) moves the focus on, so the keyboard is not
/// trapped in the terminal.
fn on_key(console: &Shared, event: &KeyboardEvent) {
    let Some(field) = console.borrow().input.clone() else {
        return;
    };
    if console.borrow().waiting.is_some() {
        let stop = event.key() == "Escape" || (event.ctrl_key() && event.key() == "c");
        if stop {
            event.prevent_default();
            let in_flight = console.borrow().polls_in_flight;
            console.borrow_mut().polls_to_drop = in_flight;
            stop_waiting(console, "^C\n");
        }
        return;
    }
    let up = match event.key().as_str() {
        "Enter" => return enter(console, &field),
        "Tab" if !event.shift_key() && !field.value().is_empty() => {
            event.prevent_default();
            return complete(console, &field);
        }
        "ArrowUp" => true,
        "ArrowDown" => false,
        _ => return,
    };
    event.prevent_default();
    let mut console = console.borrow_mut();
    let recalled = if up {
        console.session.earlier(&field.value())
    } else {
        console.session.later()
    };
    if let Some(line) = recalled {
        field.set_value(&line);
    }
}

fn enter(console: &Shared, field: &HtmlInputElement) {
    let line = field.value();
    field.set_value("");
    submit(console, &line);
}

/// Runs a line as if typed (the editor's Apply runs `kubectl apply -f adder.yaml`).
pub fn submit(console: &Shared, line: &str) {
    let line = line.to_owned();
    let bridge = console.borrow().bridge.clone();
    let (query, at_ms) = moment(&bridge);
    let mut console = console.borrow_mut();
    console.session.entered(&line);
    if line.trim() == "clear" {
        console.session.clear();
        show(&console);
        return;
    }
    let file = editor::file_text().filter(|_| editor::reads_file(&line));
    let message = match file {
        Some(text) => request_with_file(&query, at_ms, &line, &text),
        None => request(&query, at_ms, &line),
    };
    console.awaiting.push_back(line);
    if console.ready {
        (console.post)(message);
    } else {
        console.unsent.push(message);
    }
}

/// Asks the worker what Tab makes of the line (the reply goes to `receive`).
fn complete(console: &Shared, field: &HtmlInputElement) {
    let bridge = console.borrow().bridge.clone();
    let (query, at_ms) = moment(&bridge);
    let message = completion_request(&query, at_ms, &field.value());
    let console = console.borrow_mut();
    if console.ready {
        (console.post)(message);
    }
}

/// A completion: the input takes the completed line (unless the learner typed on meanwhile);
/// several matches that complete nothing more are listed, as bash lists them.
fn completed(console: &Shared, done: Completed) {
    let mut console = console.borrow_mut();
    let Some(field) = console.input.clone() else {
        return;
    };
    if field.value() != done.asked {
        return;
    }
    field.set_value(&done.line);
    if !done.listed.is_empty() {
        let listed = done.listed.join("  ") + "\n";
        console.session.print(&done.asked, &listed);
        show(&console);
    }
}

/// Sends a request of the YAML panel's (`manifests_request`) with the moment the scene shows,
/// or keeps it until the worker listens.
pub fn ask_for_manifests(console: &Shared) {
    let bridge = console.borrow().bridge.clone();
    let (query, at_ms) = moment(&bridge);
    let message = manifests_request(&query, at_ms);
    let mut console = console.borrow_mut();
    if console.ready {
        (console.post)(message);
    } else {
        console.unsent.push(message);
    }
}

/// One reply from the worker: `READY`, a completion, or the answer to the oldest line waiting. Its actions are
/// applied through the page before the text is printed; one the scene refuses (it changed since
/// the line was read) prints why instead.
pub fn receive(console: &Shared, reply: &str) {
    if reply == READY {
        let mut console = console.borrow_mut();
        console.ready = true;
        for message in std::mem::take(&mut console.unsent) {
            (console.post)(message);
        }
        return;
    }
    if let Some(done) = Completed::read(reply) {
        return completed(console, done);
    }
    if let Some((yaml, for_real_cluster)) = read_manifests_reply(reply) {
        return yaml_panel::show(yaml, for_real_cluster);
    }
    if let Some(answer) = reply.strip_prefix(ANSWER) {
        let mut borrowed = console.borrow_mut();
        borrowed.polls_in_flight = borrowed.polls_in_flight.saturating_sub(1);
        if borrowed.polls_to_drop > 0 || borrowed.waiting.is_none() {
            borrowed.polls_to_drop = borrowed.polls_to_drop.saturating_sub(1);
            return;
        }
        drop(borrowed);
        // Nothing yet: the request is still on its way in the scene.
        return if answer.is_empty() {
            ask_again_soon(console)
        } else {
            stop_waiting(console, answer)
        };
    }
    let reply = read_reply(reply);
    let bridge = console.borrow().bridge.clone();
    let refused = reply
        .actions
        .iter()
        .find_map(|action| act(&bridge, &crate::model::playground::link::encode(action)))
        .map(|why| format!("error: {why}\n"));
    let mut borrowed = console.borrow_mut();
    let line = borrowed.awaiting.pop_front().unwrap_or_default();
    if reply.awaits_answer && refused.is_none() {
        if let Some(field) = &borrowed.input {
            field.set_read_only(true);
            field.set_placeholder(WAITING);
        }
        // The line shows at once; its answer is added when the scene has it.
        borrowed.session.print(
            &line,
            "# on its way in the scene (Play runs it); curl waits for the answer\n",
        );
        show(&borrowed);
        borrowed.waiting = Some(line);
        drop(borrowed);
        return ask_for_answer(console);
    }
    if let Some(query) = reply.loads {
        load(&bridge, query);
    }
    let text = refused.as_deref().unwrap_or(reply.text);
    if reply.opens_editor {
        editor::open(console);
    }
    if editor::reads_file(&line) {
        editor::show_result(text);
    }
    borrowed.session.print(&line, text);
    show(&borrowed);
}

/// Asks the worker whether the scene, as it is now, has the waiting line's answer.
fn ask_for_answer(console: &Shared) {
    let bridge = console.borrow().bridge.clone();
    let (query, at_ms) = moment(&bridge);
    let mut console = console.borrow_mut();
    if let Some(line) = &console.waiting {
        let message = answer_request(&query, at_ms, line);
        (console.post)(message);
        console.polls_in_flight += 1;
    }
}

fn ask_again_soon(console: &Shared) {
    let console = Rc::clone(console);
    let again = Closure::once_into_js(move || ask_for_answer(&console));
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            again.unchecked_ref(),
            ANSWER_POLL_MS,
        );
    }
}

/// Prints the waiting line's answer (or `^C`) and gives the prompt back.
fn stop_waiting(console: &Shared, text: &str) {
    let mut console = console.borrow_mut();
    if console.waiting.take().is_none() {
        return;
    }
    console.session.append(text);
    if let Some(field) = &console.input {
        field.set_read_only(false);
        field.set_placeholder("kubectl get pods -o wide");
        let _ = field.focus();
    }
    show(&console);
}

/// Prints a note of the console's own (the worker could not start).
pub fn note(console: &Shared, text: &str) {
    let mut console = console.borrow_mut();
    console.session.print("", text);
    show(&console);
}

/// Shows the transcript, its newest line in view as a terminal scrolls, and the prompt below it
/// (on a phone, above the pinned scene: its CSS scroll-margin keeps it clear).
fn show(console: &Console) {
    if let Some(output) = &console.output {
        output.set_text_content(Some(console.session.transcript()));
        output.set_scroll_top(output.scroll_height());
    }
    let Some(field) = console.input.clone() else {
        return;
    };
    // A line the editor's Apply ran leaves the page where the learner is (under the editor).
    let typing = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.active_element())
        .is_some_and(|active| active == *field.as_ref());
    if !typing {
        return;
    }
    // Under the scene (wide), the whole sticky stage is what must stay in view: a longer
    // transcript can push its top past the page's edge where the layout ends. In the next
    // frame, once the page has drawn what an action changed (a new client adds a control above
    // the terminal), so the scroll is measured on the page as it will stay.
    let scroll = Closure::once_into_js(move || {
        let shown: Element = field
            .closest("#stage")
            .ok()
            .flatten()
            .unwrap_or_else(|| field.into());
        shown.scroll_into_view_with_scroll_into_view_options(&nearest());
    });
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(scroll.unchecked_ref());
    }
}

pub fn nearest() -> web_sys::ScrollIntoViewOptions {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    options
}

/// Asks the page through the bridge event; the page has answered in `page`'s attributes when
/// `dispatch_event` returns.
fn ask(page: &Element) {
    let init = EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = Event::new_with_event_init_dict(bridge::EVENT, &init) {
        let _ = page.dispatch_event(&event);
    }
}

/// The run's link and the moment the scene shows.
fn moment(page: &Element) -> (String, u64) {
    ask(page);
    let query = page.get_attribute(bridge::QUERY).unwrap_or_default();
    let at_ms = page
        .get_attribute(bridge::AT_MS)
        .and_then(|at| at.parse().ok())
        .unwrap_or(0);
    (query, at_ms)
}

/// Applies one action (its link code) as the scene's buttons do; `Some(why)` when refused.
fn act(page: &Element, code: &str) -> Option<String> {
    let _ = page.set_attribute(bridge::ACT, code);
    ask(page);
    let refused = page.get_attribute(bridge::REFUSED);
    let _ = page.remove_attribute(bridge::REFUSED);
    refused
}

/// Has the page load a run in place of the scene's (an applied app of the learner's own).
fn load(page: &Element, query: &str) {
    let _ = page.set_attribute(bridge::LOAD, query);
    ask(page);
}
