//! Controls: run (play, step, speed, reset, seed, scenario), send, traffic, faults and settings.
//! Every control is a native, labelled element; a refused value shows the model's message.

use leptos::prelude::*;

use super::state::Lab;
use crate::model::parse_whole_number;
use crate::model::playground::SPEED_LABELS;
use crate::model::playground::link::parse_seed;
use crate::model::sim::command::REPLICAS_MAX;
use crate::model::sim::scenario::{PodManagementPolicy, ProxyMode, TotalStore, WorkloadKind};
use crate::model::sim::snapshot::ServiceType;
use crate::model::sim::{Command, RequestKind, ScenarioId, Target};

#[component]
pub fn ScenarioPicker(lab: Lab) -> impl IntoView {
    let scenario = Memo::new(move |_| lab.snapshot.with(|snapshot| snapshot.scenario));
    view! {
        <div class="picker">
            <label for="scenario">"Way of running the adder"</label>
            <select
                id="scenario"
                on:change=move |event| {
                    if let Ok(scenario) = ScenarioId::parse(&event_target_value(&event)) {
                        lab.switch(scenario, lab.seed());
                    }
                }
            >
                {ScenarioId::ALL
                    .into_iter()
                    .map(|option| {
                        view! {
                            <option value=option.slug() selected=move || scenario.get() == option>
                                {option.title()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p id="watch-for" class="watch-for">
                <strong>"Watch for: "</strong>
                {move || scenario.get().watch_for()}
            </p>
        </div>
    }
}

#[component]
pub fn RunControls(lab: Lab) -> impl IntoView {
    // The field shows the run's seed whenever the run is replaced (a lesson loads its scene,
    // a link, a new run) and otherwise keeps what the learner is typing.
    let seed = Memo::new(move |_| lab.snapshot.with(|s| s.seed));
    let seed_input = NodeRef::<leptos::html::Input>::new();
    let playing = Memo::new(move |_| lab.clock.get().playing);
    let apply_seed = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = seed_input
            .get()
            .map(|input| input.value())
            .unwrap_or_default();
        match parse_seed(&typed) {
            Ok(seed) => lab.switch(lab.scenario(), seed),
            Err(error) => lab.refuse(error.to_string()),
        }
    };
    let copied = RwSignal::new(false);
    view! {
        <div class="run-controls" role="group" aria-label="Run">
            <button
                id="play"
                type="button"
                aria-pressed=move || playing.get().to_string()
                on:click=move |_| lab.set_playing(!playing.get_untracked())
            >
                {move || if playing.get() { "Pause" } else { "Play" }}
            </button>
            <button id="step" type="button" on:click=move |_| lab.step()>
                "Step one event"
            </button>
            <label for="speed">"Speed"</label>
            <select
                id="speed"
                on:change=move |event| {
                    if let Ok(index) = event_target_value(&event).parse::<usize>() {
                        lab.set_speed_index(index);
                    }
                }
            >
                {SPEED_LABELS
                    .iter()
                    .enumerate()
                    .map(|(index, label)| {
                        view! {
                            <option value=index.to_string() selected=move || lab.clock.get().speed_index == index>
                                {*label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <button id="reset" type="button" on:click=move |_| lab.reset()>
                "Reset"
            </button>
            <form class="seed-form" on:submit=apply_seed>
                <label for="seed">"Seed"</label>
                <input
                    id="seed"
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    node_ref=seed_input
                    prop:value=move || seed.get().to_string()
                />
                <button type="submit">"New run"</button>
            </form>
            <button
                id="copy-link"
                type="button"
                on:click=move |_| copied.set(crate::ui::browser::copy_text(&crate::ui::browser::href()))
            >
                {move || if copied.get() { "Link copied" } else { "Copy link" }}
            </button>
            <span class="clock" aria-live="off">
                {move || {
                    let now_ms = lab.clock.get().now_ms;
                    format!("t = {}.{} s", now_ms / 1000, now_ms % 1000 / 100)
                }}
            </span>
        </div>
    }
}

#[component]
pub fn SendForm(lab: Lab) -> impl IntoView {
    let client = RwSignal::new(0usize);
    let number = RwSignal::new(String::from("5"));
    let names = Memo::new(move |_| {
        lab.snapshot
            .with(|s| s.clients.iter().map(|c| c.name).collect::<Vec<_>>())
    });
    // Only the requests the pods' program answers are offered.
    let program = Memo::new(move |_| lab.snapshot.with(|s| s.program));
    let send = move |convert: bool| match parse_whole_number(&number.get_untracked()) {
        Ok(value) => {
            let kind = if convert {
                RequestKind::Convert(value)
            } else {
                RequestKind::Add(value)
            };
            lab.act(Command::Send {
                client: client.get_untracked(),
                kind,
            });
        }
        Err(error) => lab.refuse(error.to_string()),
    };
    view! {
        <form
            class="send-form"
            aria-label="Send a request"
            on:submit=move |event| {
                event.prevent_default();
                send(!program.get_untracked().runs_adder());
            }
        >
            <label for="send-client">"Client"</label>
            <select id="send-client" on:change=move |event| client.set(event_target_value(&event).parse().unwrap_or(0))>
                {move || {
                    names
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(index, name)| view! { <option value=index.to_string()>{name}</option> })
                        .collect_view()
                }}
            </select>
            <label for="send-number">"Number"</label>
            <input id="send-number" type="text" inputmode="numeric" autocomplete="off" bind:value=number />
            <button id="send-add" type="submit" hidden=move || !program.get().runs_adder()>
                "Send add"
            </button>
            <button id="send-convert" type="button" hidden=move || !program.get().runs_converter() on:click=move |_| send(true)>
                "Send convert"
            </button>
        </form>
    }
}

#[component]
pub fn TrafficControls(lab: Lab) -> impl IntoView {
    let on = Memo::new(move |_| {
        lab.snapshot
            .with(|s| s.clients.iter().any(|c| c.requests_per_minute > 0))
    });
    let rate = RwSignal::new(String::from("20"));
    let apply = move |enabled: bool| {
        let per_minute = if enabled {
            match rate.get_untracked().trim().parse::<u32>() {
                Ok(value) => value,
                Err(_) => {
                    lab.refuse(
                        "The rate must be a whole number of requests per minute, for example 20.",
                    );
                    return;
                }
            }
        } else {
            0
        };
        let clients = lab.snapshot.with_untracked(|s| s.clients.len());
        for client in 0..clients {
            if !lab.act(Command::SetTraffic {
                client,
                requests_per_minute: per_minute,
            }) {
                return;
            }
        }
    };
    view! {
        <div class="traffic" role="group" aria-label="Automatic traffic">
            <input
                id="traffic-on"
                type="checkbox"
                prop:checked=move || on.get()
                on:change=move |event| apply(event_target_checked(&event))
            />
            <label for="traffic-on">"Automatic traffic"</label>
            <label for="traffic-rate">"requests per minute, each client"</label>
            <input id="traffic-rate" type="text" inputmode="numeric" autocomplete="off" bind:value=rate />
            <button id="traffic-apply" type="button" on:click=move |_| apply(true)>
                "Apply rate"
            </button>
        </div>
    }
}

#[component]
pub fn FaultControls(lab: Lab) -> impl IntoView {
    let pod_names = Memo::new(move |_| {
        lab.snapshot
            .with(|s| s.pods.iter().map(|p| p.name.clone()).collect::<Vec<_>>())
    });
    let node_names = Memo::new(move |_| {
        lab.snapshot
            .with(|s| s.nodes.iter().map(|n| n.0.clone()).collect::<Vec<_>>())
    });
    let scenario = Memo::new(move |_| lab.snapshot.with(|s| s.scenario));
    let chosen_pod = RwSignal::new(String::new());
    let chosen_node = RwSignal::new(String::from("node-1"));
    let replicas = RwSignal::new(String::new());
    // The field follows the workload's replicas when they change (a scale, a new scenario),
    // and otherwise keeps what the learner is typing.
    let current_replicas = Memo::new(move |_| lab.snapshot.with(|s| s.replicas));
    Effect::new(move |_| replicas.set(current_replicas.get().to_string()));
    let pod_or_first = move || {
        let chosen = chosen_pod.get_untracked();
        let names = pod_names.get_untracked();
        if names.contains(&chosen) {
            chosen
        } else {
            names.first().cloned().unwrap_or_default()
        }
    };
    let settings = Memo::new(move |_| {
        lab.snapshot.with(|s| {
            let cluster_ip = match &s.services[0].service_type {
                ServiceType::ClusterIp {
                    proxy_mode,
                    session_affinity,
                    ..
                } => Some((*proxy_mode, *session_affinity)),
                ServiceType::Headless => None,
            };
            (cluster_ip, s.lock_enabled, s.pod_management)
        })
    });
    let store = move || crate::model::sim::Settings::for_scenario(lab.scenario()).store;
    let workload = move || crate::model::sim::Settings::for_scenario(lab.scenario()).workload;
    let file_store = Memo::new(move |_| {
        lab.snapshot.track();
        matches!(store(), TotalStore::SharedVolume | TotalStore::OwnVolume)
    });
    let stateful = Memo::new(move |_| {
        lab.snapshot.track();
        workload() == WorkloadKind::StatefulSet
    });
    let scale = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match replicas.get_untracked().trim().parse::<i64>() {
            Ok(value) => {
                lab.act(Command::Scale { replicas: value });
            }
            Err(_) => lab.refuse(format!(
                "Replicas must be a whole number from 0 to {REPLICAS_MAX}."
            )),
        }
    };
    view! {
        <fieldset class="faults">
            <legend>"Break things, change settings"</legend>
            <p id="durations" class="small">
                {move || {
                    scenario.track();
                    lab.with_world(|world| world.settings().latencies.shortened_note())
                }}
            </p>
            <div class="row">
                <label for="fault-pod">"Pod"</label>
                <select id="fault-pod" on:change=move |event| chosen_pod.set(event_target_value(&event))>
                    {move || {
                        pod_names
                            .get()
                            .into_iter()
                            .map(|name| {
                                let selected = chosen_pod.get_untracked() == name;
                                view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
                <button id="delete-pod" type="button" on:click=move |_| { lab.act(Command::DeletePod { name: pod_or_first() }); }>
                    "Delete pod"
                </button>
                <button id="restart-container" type="button" on:click=move |_| { lab.act(Command::RestartContainer { pod: pod_or_first() }); }>
                    "Restart container"
                </button>
            </div>
            <div class="row">
                <label for="fault-node">"Node"</label>
                <select id="fault-node" on:change=move |event| chosen_node.set(event_target_value(&event))>
                    {move || node_names.get().into_iter().map(|name| view! { <option value=name.clone()>{name.clone()}</option> }).collect_view()}
                </select>
                <button id="fail-node" type="button" on:click=move |_| { lab.act(Command::FailNode { node: chosen_node.get_untracked() }); }>
                    "Fail node"
                </button>
                <button id="recover-node" type="button" on:click=move |_| { lab.act(Command::RecoverNode { node: chosen_node.get_untracked() }); }>
                    "Recover node"
                </button>
            </div>
            <form class="row" on:submit=scale>
                <label for="replicas">"Replicas"</label>
                <input id="replicas" type="text" inputmode="numeric" autocomplete="off" bind:value=replicas />
                <button id="scale" type="submit">"Scale"</button>
                <button id="roll-out" type="button" on:click=move |_| { lab.act(Command::RollOut); }>
                    "Roll out"
                </button>
            </form>
            <Show when=move || file_store.get()>
                <div class="row">
                    <input
                        id="lock"
                        type="checkbox"
                        prop:checked=move || settings.get().1
                        on:change=move |event| { lab.act(Command::SetLock(event_target_checked(&event))); }
                    />
                    <label for="lock">"File lock (read, lock, add, write, unlock)"</label>
                </div>
            </Show>
            <Show when=move || settings.get().0.is_some()>
                <div class="row">
                    <label for="proxy-mode">"kube-proxy"</label>
                    <select
                        id="proxy-mode"
                        on:change=move |event| {
                            let mode = if event_target_value(&event) == "rr" { ProxyMode::RoundRobin } else { ProxyMode::Random };
                            lab.act(Command::SetProxyMode(mode));
                        }
                    >
                        <option value="random" selected=move || settings.get().0.is_some_and(|(m, _)| m == ProxyMode::Random)>
                            "iptables or nftables: random endpoint"
                        </option>
                        <option value="rr" selected=move || settings.get().0.is_some_and(|(m, _)| m == ProxyMode::RoundRobin)>
                            "IPVS: round-robin (deprecated since v1.35)"
                        </option>
                    </select>
                    <input
                        id="affinity"
                        type="checkbox"
                        prop:checked=move || settings.get().0.is_some_and(|(_, on)| on)
                        on:change=move |event| { lab.act(Command::SetSessionAffinity(event_target_checked(&event))); }
                    />
                    <label for="affinity">"sessionAffinity: ClientIP"</label>
                </div>
            </Show>
            <Show when=move || stateful.get()>
                <div class="row">
                    <label for="pod-management">"podManagementPolicy"</label>
                    <select
                        id="pod-management"
                        prop:value=move || match settings.get().2 {
                            PodManagementPolicy::OrderedReady => "ordered",
                            PodManagementPolicy::Parallel => "parallel",
                        }
                        on:change=move |event| {
                            let policy = if event_target_value(&event) == "parallel" {
                                PodManagementPolicy::Parallel
                            } else {
                                PodManagementPolicy::OrderedReady
                            };
                            lab.act(Command::SetPodManagement(policy));
                        }
                    >
                        <option value="ordered">"OrderedReady"</option>
                        <option value="parallel">"Parallel"</option>
                    </select>
                </div>
                <TargetControls lab=lab />
            </Show>
        </fieldset>
    }
}

/// StatefulSet only: each client addresses one pod by name, or the Service name.
#[component]
fn TargetControls(lab: Lab) -> impl IntoView {
    let clients = Memo::new(move |_| {
        lab.snapshot.with(|s| {
            s.clients
                .iter()
                .map(|c| (c.name, c.target))
                .collect::<Vec<_>>()
        })
    });
    let replicas = Memo::new(move |_| lab.snapshot.with(|s| s.replicas));
    view! {
        <div class="targets">
            {move || {
                clients
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(index, (name, target))| {
                        let id = format!("target-{index}");
                        let options = (0..replicas.get().max(1))
                            .map(|ordinal| {
                                let value = ordinal.to_string();
                                view! {
                                    <option value=value selected=target == Target::Pod(ordinal)>
                                        {format!("adder-{ordinal}.adder (one pod by name)")}
                                    </option>
                                }
                            })
                            .collect_view();
                        view! {
                            <div class="row">
                                <label for=id.clone()>{format!("{name} sends to")}</label>
                                <select
                                    id=id
                                    on:change=move |event| {
                                        let value = event_target_value(&event);
                                        let target = value.parse().map(Target::Pod).unwrap_or(Target::Service);
                                        lab.act(Command::SetTarget { client: index, target });
                                    }
                                >
                                    {options}
                                    <option value="service" selected=target == Target::Service>
                                        "adder (the Service name: any ready pod)"
                                    </option>
                                </select>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
