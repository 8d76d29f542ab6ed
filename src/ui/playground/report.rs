//! What the learner reads: the checker's verdict, totals, each client's answers, the request log,
//! Services and DNS, events, and the manifests. The panels are markup from
//! `model::playground::report`, refreshed with the report snapshot (4 Hz) when they change.

use leptos::prelude::*;

use super::controls::CopyButton;
use super::state::Lab;
use crate::model::playground::report;
use crate::model::sim::Snapshot;

/// A panel's markup, rebuilt from each report snapshot and written only when it changed.
fn markup(lab: Lab, render: fn(&Snapshot) -> String) -> Memo<String> {
    Memo::new(move |_| lab.snapshot.with(render))
}

#[component]
pub fn Verdict(lab: Lab) -> impl IntoView {
    let bad = Memo::new(move |_| lab.snapshot.with(|s| s.findings_total != 0));
    let html = markup(lab, report::verdict_html);
    view! { <div id="verdict" class="verdict" class:verdict-bad=bad role="status" inner_html=html></div> }
}

#[component]
pub fn Totals(lab: Lab) -> impl IntoView {
    view! { <div id="totals" class="totals" inner_html=markup(lab, report::totals_html)></div> }
}

#[component]
pub fn ClientStrips(lab: Lab) -> impl IntoView {
    view! { <div id="clients" class="strips" inner_html=markup(lab, report::strips_html)></div> }
}

#[component]
pub fn RequestLog(lab: Lab) -> impl IntoView {
    view! {
        <div class="log-frame">
            <table id="request-log" class="request-log">
                <caption>"Latest answered requests"</caption>
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
                <tbody inner_html=markup(lab, report::request_rows_html)></tbody>
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
            <div inner_html=markup(lab, report::services_html)></div>
        </div>
    }
}

#[component]
pub fn Events(lab: Lab) -> impl IntoView {
    view! {
        <div class="events">
            <h3>"Cluster events"</h3>
            <ol id="events" reversed inner_html=markup(lab, report::events_html)></ol>
        </div>
    }
}

#[component]
pub fn YamlPanel(lab: Lab) -> impl IntoView {
    view! {
        <details class="yaml">
            <summary>"Kubernetes YAML of this scene"</summary>
            <CopyButton
                lab=lab
                id="copy-yaml"
                label="Copy YAML"
                done="Copied"
                refused="The browser did not let the page copy the YAML; select it and copy it by hand."
                text=lab.manifests
            />
            <p class="small">"The image is a placeholder: the simulation runs no container."</p>
            <pre id="yaml"><code>{move || lab.manifests.get()}</code></pre>
        </details>
    }
}
