//! What the learner reads: the checker's verdict, totals, each client's answers, the request log,
//! Services and DNS, events, and the manifests. The panels are markup from
//! `model::playground::report`, refreshed with the report snapshot (4 Hz) when they change.

use leptos::prelude::*;

use super::state::Lab;
use crate::model::playground::report;
use crate::model::sim::Snapshot;
use crate::model::sim::checker::RequestId;
use crate::ui::CopyButton;

/// A panel's markup, rebuilt from each report snapshot and written only when it changed.
fn markup(lab: Lab, render: fn(&Snapshot) -> String) -> Memo<String> {
    Memo::new(move |_| lab.snapshot.with(render))
}

/// A detail panel's markup: rebuilt when its group is told (`Lab::details`), a frame or more
/// after the snapshot while running, at once after an action.
fn detail(lab: Lab, group: usize, render: fn(&Snapshot) -> String) -> Memo<String> {
    Memo::new(move |_| {
        lab.details[group].track();
        lab.snapshot.with_untracked(render)
    })
}

#[component]
pub fn Verdict(lab: Lab) -> impl IntoView {
    let bad = Memo::new(move |_| lab.snapshot.with(|s| s.findings_total != 0));
    let html = markup(lab, report::verdict_html);
    view! {
        <div
            id="verdict"
            class="verdict"
            class:verdict-bad=bad
            role="status"
            inner_html=html
            on:click=move |event| jump_from(lab, &event)
        ></div>
    }
}

/// A click on an element with `data-seek` (a finding's "watch it" button, a timeline mark)
/// goes to that moment, highlighting the requests in its `data-requests`.
pub fn jump_from(lab: Lab, event: &leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let Some(element) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("[data-seek]").ok().flatten())
    else {
        return;
    };
    let Some(at_ms) = element
        .get_attribute("data-seek")
        .and_then(|at| at.parse().ok())
    else {
        return;
    };
    let requests = element
        .get_attribute("data-requests")
        .unwrap_or_default()
        .split(' ')
        .filter_map(|id| id.parse().ok())
        .collect();
    lab.jump(at_ms, requests);
}

#[component]
pub fn Totals(lab: Lab) -> impl IntoView {
    view! { <div id="totals" class="totals" inner_html=detail(lab, 0, report::totals_html)></div> }
}

/// Like `markup`, for panels that mark the highlighted requests.
fn highlighted(
    lab: Lab,
    group: usize,
    render: fn(&Snapshot, &[RequestId]) -> String,
) -> Memo<String> {
    Memo::new(move |_| {
        lab.details[group].track();
        lab.highlight
            .with(|ids| lab.snapshot.with_untracked(|s| render(s, ids)))
    })
}

#[component]
pub fn ClientStrips(lab: Lab) -> impl IntoView {
    view! { <div id="clients" class="strips" inner_html=highlighted(lab, 0, report::strips_html)></div> }
}

/// The request log's column headings (the playground's log and each compare lane's).
#[component]
pub fn RequestLogHead() -> impl IntoView {
    view! {
        <thead>
            <tr>
                <th scope="col">"Request"</th>
                <th scope="col">"Client"</th>
                <th scope="col">"Asked"</th>
                <th scope="col">"Pod"</th>
                <th scope="col">"Answer"</th>
                <th scope="col">"Latency"</th>
            </tr>
        </thead>
    }
}

#[component]
pub fn RequestLog(lab: Lab) -> impl IntoView {
    view! {
        // Focusable, like every region that may scroll, so the keyboard can scroll it.
        <div class="log-frame" tabindex="0" role="region" aria-label="Request log">
            <table id="request-log" class="request-log">
                <caption>"Latest answered requests"</caption>
                <RequestLogHead />
                <tbody inner_html=highlighted(lab, 1, report::request_rows_html)></tbody>
            </table>
        </div>
    }
}

/// Each Service's ready endpoints and the DNS records clients can resolve.
#[component]
pub fn ServicesAndDns(lab: Lab) -> impl IntoView {
    view! {
        <div id="services" class="services">
            <h3>"Services and DNS"</h3>
            <div inner_html=detail(lab, 2, report::services_html)></div>
        </div>
    }
}

#[component]
pub fn Events(lab: Lab) -> impl IntoView {
    view! {
        <div class="events">
            <h3>"Cluster events"</h3>
            <ol id="events" reversed inner_html=detail(lab, 2, report::events_html)></ol>
        </div>
    }
}

/// The YAML panel is the terminal bundle's (the manifests, the editor and the YAML parser stay
/// out of the first load): opening the panel loads it, and it fills `#yaml` and keeps it in
/// step with `data-key` (the run and the actions applied so far).
fn load_yaml(event: web_sys::Event) {
    use wasm_bindgen::JsCast;
    let opened = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .is_some_and(|details| details.open());
    if opened {
        super::terminal::start_console();
    }
}

/// "Edit and apply" also opens the terminal, where an apply's answer prints. The editor is the
/// console's: a console still loading opens it when it runs (`data-pending`); one running has
/// opened it already and cleared the mark (its own listener runs before the page's).
fn edit_yaml(event: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let button = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok());
    if let Some(button) = button.filter(|_| !super::terminal::console_running()) {
        let _ = button.set_attribute("data-pending", "");
    }
    super::terminal::open_terminal();
}

/// What the panel shows until the terminal's bundle has made the YAML.
const YAML_LOADING: &str = "Loading this scene\u{2019}s YAML\u{2026}";

#[component]
pub fn YamlPanel(lab: Lab) -> impl IntoView {
    // Copied as shown (the terminal's bundle writes it).
    let shown = Signal::derive(|| {
        web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id("yaml"))
            .and_then(|pre| pre.text_content())
            .unwrap_or_default()
    });
    view! {
        <details class="yaml" on:toggle=load_yaml>
            <summary>"Kubernetes YAML of this scene"</summary>
            <CopyButton
                notice=lab.notice
                id="copy-yaml"
                label="Copy YAML"
                done="Copied"
                refused="The browser did not let the page copy the YAML; select it and copy it by hand."
                text=shown
            />
            <button id="yaml-edit" type="button" on:click=edit_yaml>"Edit and apply"</button>
            <a id="yaml-download" download="adder-lab.yaml" hidden>
                "Download the manifests for a real cluster"
            </a>
            <p class="small">
                "The simulation runs no container. The download adds probes, resources and a non-root user for the images of adder-lab-server (README: Take it to a real cluster)."
            </p>
            <pre id="yaml" tabindex="0" aria-label="Kubernetes YAML" aria-busy="true" data-key=move || lab.yaml_key.get()>{YAML_LOADING}</pre>
        </details>
    }
}
