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

/// The editor is the terminal's (its bundle holds the YAML parser): the first press opens the
/// terminal, which loads it, and marks the button so the console opens the editor once it runs.
fn edit_yaml(event: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let button = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok());
    let document = button.as_ref().and_then(|button| button.owner_document());
    let (Some(button), Some(document)) = (button, document) else {
        return;
    };
    let started = document
        .get_element_by_id("terminal")
        .is_some_and(|terminal| terminal.has_attribute("data-started"));
    if !started {
        let _ = button.set_attribute("data-pending", "");
        if let Ok(Some(summary)) = document.query_selector("#terminal summary") {
            summary.unchecked_into::<web_sys::HtmlElement>().click();
        }
    }
}

#[component]
pub fn YamlPanel(lab: Lab) -> impl IntoView {
    view! {
        <details class="yaml">
            <summary>"Kubernetes YAML of this scene"</summary>
            <CopyButton
                notice=lab.notice
                id="copy-yaml"
                label="Copy YAML"
                done="Copied"
                refused="The browser did not let the page copy the YAML; select it and copy it by hand."
                text=lab.manifests
            />
            <button id="yaml-edit" type="button" on:click=edit_yaml>"Edit and apply"</button>
            <p class="small">"The image is a placeholder: the simulation runs no container."</p>
            <pre id="yaml" tabindex="0" aria-label="Kubernetes YAML"><code>{move || lab.manifests.get()}</code></pre>
        </details>
    }
}
