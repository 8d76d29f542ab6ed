//! What the learner reads: the checker's verdict, totals, each client's answers, the request log,
//! and the manifests.

use leptos::prelude::*;

use super::state::Lab;
use crate::model::sim::FindingKind;
use crate::model::sim::command::RequestKind;

/// Answers shown per client strip.
const STRIP_ANSWERS: usize = 24;

fn kind_label(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::WentDown => "went down",
        FindingKind::StaleRead => "stale answer",
        FindingKind::Conflict => "conflicting totals",
        FindingKind::LostUpdate => "lost update",
        FindingKind::StateLost => "state lost",
    }
}

#[component]
pub fn Verdict(lab: Lab) -> impl IntoView {
    let findings = Memo::new(move |_| {
        lab.snapshot
            .with(|s| (s.findings_total, s.findings.clone()))
    });
    let bad = move || findings.get().0 != 0;
    view! {
        <div id="verdict" class="verdict" class:verdict-bad=bad role="status">
            <p>
                <span aria-hidden="true">{move || if bad() { "\u{26a0} " } else { "\u{2714} " }}</span>
                {move || {
                    let total = findings.get().0;
                    if total == 0 {
                        "No anomalies so far: every answer fits one running total.".to_owned()
                    } else {
                        format!("{total} anomalies found. The latest:")
                    }
                }}
            </p>
            <ul class="findings">
                {move || {
                    findings
                        .get()
                        .1
                        .into_iter()
                        .map(|finding| {
                            view! {
                                <li data-kind=kind_label(finding.kind)>
                                    <strong>{format!("{}: ", kind_label(finding.kind))}</strong>
                                    {finding.message.clone()}
                                    {finding
                                        .requests
                                        .iter()
                                        .map(|id| view! { " " <a href=format!("#req-{id}")>{format!("#{id}")}</a> })
                                        .collect_view()}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

#[component]
pub fn Totals(lab: Lab) -> impl IntoView {
    let rows = Memo::new(move |_| {
        lab.snapshot.with(|s| {
            let beliefs: Vec<String> = s
                .pods
                .iter()
                .filter_map(|pod| {
                    pod.memory_total
                        .or(pod.empty_dir_total)
                        .map(|total| format!("{} {total}", pod.name))
                })
                .collect();
            (s.registers.clone(), beliefs, s.program.no_total_note())
        })
    });
    view! {
        <div id="totals" class="totals">
            {move || {
                let (registers, beliefs, note) = rows.get();
                view! {
                    <ul>
                        {note.map(|note| view! { <li>{note}</li> })}
                        {registers
                            .into_iter()
                            .map(|register| {
                                view! {
                                    <li>
                                        {format!("True total, {}: ", register.description)}
                                        <strong class="true-total">{register.applied_total}</strong>
                                        " (every add that took effect)"
                                        {register
                                            .stored_total
                                            .map(|stored| view! { "; stored: " <strong class="stored-total">{stored}</strong> })}
                                        {register
                                            .acknowledged_total
                                            .map(|sum| view! { "; acknowledged adds: " <strong class="acknowledged-total">{sum}</strong> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                        {(!beliefs.is_empty()).then(|| view! { <li>{format!("Each pod believes: {}", beliefs.join(", "))}</li> })}
                    </ul>
                }
            }}
        </div>
    }
}

#[component]
pub fn ClientStrips(lab: Lab) -> impl IntoView {
    let strips = Memo::new(move |_| {
        lab.snapshot.with(|s| {
            s.clients
                .iter()
                .enumerate()
                .map(|(index, client)| {
                    let answers: Vec<(u64, String, bool)> = client
                        .observed
                        .iter()
                        .rev()
                        .take(STRIP_ANSWERS)
                        .rev()
                        .filter(|c| matches!(c.kind, RequestKind::Add(_)) || c.outcome.is_ok())
                        .map(|c| {
                            let text = c
                                .outcome
                                .map_or("failed".to_owned(), |total| total.to_string());
                            (c.id, text, client.went_down.contains(&c.id))
                        })
                        .collect();
                    let note = client.went_down_note.clone();
                    (index, client.name, answers, note)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div id="clients" class="strips">
            {move || {
                strips
                    .get()
                    .into_iter()
                    .map(|strip| {
                        view! {
                            <div class="strip" data-client=strip.1>
                                <h4>
                                    <svg class="legend" viewBox="-12 -12 24 24" aria-hidden="true">
                                        <path class=format!("client-icon client-{}", strip.0) d=super::scene_view_shape(strip.0) />
                                    </svg>
                                    {format!("{} was told", strip.1)}
                                </h4>
                                <ol class="answers">
                                    {strip
                                        .2
                                        .iter()
                                        .map(|(id, text, down)| {
                                            view! {
                                                <li class:down=*down title=format!("request #{id}")>
                                                    {down.then_some("\u{2193} ")}
                                                    {text.clone()}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                                {strip.3.clone().map(|note| view! { <p class="strip-note">{note}</p> })}
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}

#[component]
pub fn RequestLog(lab: Lab) -> impl IntoView {
    let names = Memo::new(move |_| {
        lab.snapshot
            .with(|s| s.clients.iter().map(|c| c.name).collect::<Vec<_>>())
    });
    let sorted = Memo::new(move |_| {
        lab.snapshot.with(|s| {
            s.recent
                .iter()
                .map(|c| {
                    (
                        names.with_untracked(|names| names.get(c.client).copied().unwrap_or("?")),
                        *c,
                    )
                })
                .collect::<Vec<_>>()
        })
    });
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
                <tbody>
                    <For each=move || sorted.get() key=|(_, c)| c.id let:row>
                        <tr id=format!("req-{}", row.1.id)>
                            <td>{format!("#{}", row.1.id)}</td>
                            <td>{row.0}</td>
                            <td>
                                {match row.1.kind {
                                    RequestKind::Add(number) => format!("add {number}"),
                                    RequestKind::Convert(metres) => format!("convert {metres} m"),
                                }}
                            </td>
                            <td>{row.1.pod.map(|pod| pod.to_string()).unwrap_or_else(|| "\u{2014}".to_owned())}</td>
                            <td>
                                {match row.1.outcome {
                                    Ok(value) => value.to_string(),
                                    Err(failure) => format!("failed: {}", failure.describe()),
                                }}
                            </td>
                            <td>{format!("{} ms", row.1.latency_ms())}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// Each Service's ready endpoints and the DNS records clients can resolve.
#[component]
pub fn ServicesAndDns(lab: Lab) -> impl IntoView {
    let services = Memo::new(move |_| lab.snapshot.with(|s| (s.services.clone(), s.dns.clone())));
    view! {
        <div id="services" class="services">
            <h3>"Services and DNS"</h3>
            {move || {
                let (services, dns) = services.get();
                view! {
                    <ul>
                        {services
                            .into_iter()
                            .map(|service| {
                                let kind = match service.service_type {
                                    crate::model::sim::snapshot::ServiceType::ClusterIp { .. } => "ClusterIP",
                                    crate::model::sim::snapshot::ServiceType::Headless => "headless",
                                };
                                let endpoints = if service.endpoints.is_empty() {
                                    "none ready".to_owned()
                                } else {
                                    service.endpoints.join(", ")
                                };
                                view! { <li>{format!("Service {} ({kind}) endpoints: {endpoints}", service.name)}</li> }
                            })
                            .collect_view()}
                        {dns
                            .into_iter()
                            .map(|record| {
                                let addresses = if record.addresses.is_empty() {
                                    "no records".to_owned()
                                } else {
                                    record.addresses.join(", ")
                                };
                                view! { <li><code>{record.name}</code>{format!(" \u{2192} {addresses}")}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
            }}
        </div>
    }
}

#[component]
pub fn Events(lab: Lab) -> impl IntoView {
    let events = Memo::new(move |_| lab.snapshot.with(|s| s.events.clone()));
    view! {
        <div class="events">
            <h3>"Cluster events"</h3>
            <ol id="events" reversed>
                {move || {
                    events
                        .get()
                        .into_iter()
                        .map(|(at_ms, text)| {
                            view! { <li>{format!("{}.{} s: {text}", at_ms / 1000, at_ms % 1000 / 100)}</li> }
                        })
                        .collect_view()
                }}
            </ol>
        </div>
    }
}

#[component]
pub fn YamlPanel(lab: Lab) -> impl IntoView {
    let copied = RwSignal::new(false);
    view! {
        <details class="yaml">
            <summary>"Kubernetes YAML of this scene"</summary>
            <button
                id="copy-yaml"
                type="button"
                on:click=move |_| copied.set(crate::ui::browser::copy_text(&lab.manifests.get_untracked()))
            >
                {move || if copied.get() { "Copied" } else { "Copy YAML" }}
            </button>
            <p class="small">"The image is a placeholder: the simulation runs no container."</p>
            <pre id="yaml"><code>{move || lab.manifests.get()}</code></pre>
        </details>
    }
}
