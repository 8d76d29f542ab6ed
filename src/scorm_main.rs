//! The course package's launch page (`scorm.html`, built into the SCORM zips' `scorm/` by
//! `make scorm`, never into the app's own pages). It frames the lesson track, finds the LMS's API
//! the standard way (the `window.parent` chain, then `window.opener`'s), and makes the calls
//! `model::lms::Reporter` decides: nothing here chooses what to record or when. Without an API
//! (the page opened outside an LMS) it only frames the app.

use std::cell::RefCell;
use std::rc::Rc;

use adder_lab::model::lms::{Call, Reporter, Version};
use js_sys::{Function, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlIFrameElement, MessageEvent, Window};

/// How far up the frames the API is looked for (SCORM's discovery algorithm uses 7 to 500).
const PARENTS_SEARCHED_MAX: usize = 10;

/// The LMS's API object and its edition.
struct Lms {
    api: JsValue,
    version: Version,
}

impl Lms {
    fn method(&self, name12: &str, name2004: &str) -> Option<Function> {
        let name = match self.version {
            Version::Scorm12 => name12,
            Version::Scorm2004 => name2004,
        };
        Reflect::get(&self.api, &name.into())
            .ok()?
            .dyn_into::<Function>()
            .ok()
    }

    fn initialize(&self) -> bool {
        self.method("LMSInitialize", "Initialize")
            .and_then(|initialize| initialize.call1(&self.api, &"".into()).ok())
            .is_some_and(|done| {
                done.as_string().as_deref() == Some("true") || done.as_bool() == Some(true)
            })
    }

    fn get(&self, element: &str) -> String {
        self.method("LMSGetValue", "GetValue")
            .and_then(|get| get.call1(&self.api, &element.into()).ok())
            .and_then(|value| value.as_string())
            .unwrap_or_default()
    }

    fn run(&self, calls: &[Call]) {
        for call in calls {
            let _ = match call {
                Call::Set(element, value) => self
                    .method("LMSSetValue", "SetValue")
                    .map(|set| set.call2(&self.api, &element.into(), &value.into())),
                Call::Commit => self
                    .method("LMSCommit", "Commit")
                    .map(|commit| commit.call1(&self.api, &"".into())),
            };
        }
    }

    fn finish(&self) {
        if let Some(finish) = self.method("LMSFinish", "Terminate") {
            let _ = finish.call1(&self.api, &"".into());
        }
    }
}

/// The API in `window`'s own frame or one above it.
fn api_above(window: &Window, name: &str) -> Option<JsValue> {
    let mut current = window.clone();
    for _ in 0..PARENTS_SEARCHED_MAX {
        // A frame of another origin cannot be read: the search stops there.
        if let Ok(api) = Reflect::get(&current, &name.into())
            && api.is_object()
        {
            return Some(api);
        }
        let parent = current.parent().ok().flatten()?;
        if JsValue::from(&parent) == JsValue::from(&current) {
            return None;
        }
        current = parent;
    }
    None
}

fn find_lms(window: &Window, version: Version) -> Option<Lms> {
    let name = match version {
        Version::Scorm12 => "API",
        Version::Scorm2004 => "API_1484_11",
    };
    let opener = || {
        let opener = window.opener().ok()?.dyn_into::<Window>().ok()?;
        api_above(&opener, name)
    };
    let api = api_above(window, name).or_else(opener)?;
    Some(Lms { api, version })
}

fn main() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let query = window.location().search().unwrap_or_default();
    let has = |pair: &str| {
        query
            .trim_start_matches('?')
            .split('&')
            .any(|part| part == pair)
    };
    // The package's manifest launches this page with its edition (and `score=1` if asked for).
    let version = if has("scorm=1.2") {
        Version::Scorm12
    } else {
        Version::Scorm2004
    };
    let lms = find_lms(&window, version).filter(Lms::initialize);
    let reporter = lms.as_ref().map(|lms| {
        let count = lms.get("cmi.interactions._count");
        let suspend = lms.get("cmi.suspend_data");
        Reporter::resume(
            version,
            has("score=1"),
            &suspend,
            count.parse().unwrap_or(0),
        )
    });
    let launch = reporter.as_ref().map_or_else(
        || "index.html?lesson=one-server".to_owned(),
        Reporter::launch_query,
    );
    let Some(frame) = window
        .document()
        .and_then(|document| document.get_element_by_id("lab"))
        .and_then(|element| element.dyn_into::<HtmlIFrameElement>().ok())
    else {
        return;
    };
    frame.set_src(&format!("../{launch}"));
    let (Some(lms), Some(reporter)) = (lms, reporter) else {
        return;
    };
    lms.run(&reporter.started());
    let started_ms = js_sys::Date::now();
    let shared = Rc::new((lms, RefCell::new(Some(reporter))));

    let origin = window.location().origin().unwrap_or_default();
    let heard = {
        let (shared, frame) = (shared.clone(), frame.clone());
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let from_frame = frame
                .content_window()
                .zip(event.source())
                .is_some_and(|(frame, source)| JsValue::from(frame) == JsValue::from(source));
            if !from_frame || event.origin() != origin {
                return;
            }
            let data = event.data();
            let field = |name: &str| {
                Reflect::get(&data, &name.into())
                    .ok()
                    .and_then(|value| value.as_string())
                    .unwrap_or_default()
            };
            if field("type") != adder_lab::model::embed::LESSON_COMPLETED {
                return;
            }
            let now = String::from(js_sys::Date::new_0().to_iso_string());
            let (lms, reporter) = &*shared;
            if let Some(reporter) = reporter.borrow_mut().as_mut() {
                lms.run(&reporter.revealed(
                    &field("id"),
                    &field("predicted"),
                    &field("observed"),
                    &now,
                ));
            }
        })
    };
    let _ = window.add_event_listener_with_callback("message", heard.as_ref().unchecked_ref());
    heard.forget();

    // The page going away ends the session, once (pagehide and beforeunload may both come).
    let leave = Closure::<dyn Fn()>::new(move || {
        let (lms, reporter) = &*shared;
        if let Some(reporter) = reporter.borrow_mut().take() {
            let session_ms = (js_sys::Date::now() - started_ms).max(0.0) as u64;
            lms.run(&reporter.leaving(session_ms));
            lms.finish();
        }
    });
    for event in ["pagehide", "beforeunload"] {
        let _ = window.add_event_listener_with_callback(event, leave.as_ref().unchecked_ref());
    }
    leave.forget();
}
