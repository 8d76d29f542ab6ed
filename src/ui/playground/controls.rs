//! Controls: run (play, step, speed, reset, seed, scenario), send, traffic, faults and settings.
//! Every control is a native, labelled element; a refused value shows the model's message.

use leptos::prelude::*;

use super::state::Lab;
use crate::model::markup::options_html;
use crate::model::parse_whole_number;
use crate::model::playground::link::parse_seed;
use crate::model::playground::{SPEED_LABELS, format_seconds};
use crate::model::sim::scenario::{PodManagementPolicy, ProxyMode};
use crate::model::sim::{Command, RequestKind, ScenarioId, Target};
use crate::ui::CopyButton;

#[component]
pub fn ScenarioPicker(lab: Lab) -> impl IntoView {
    let scenario = Memo::new(move |_| lab.snapshot.with(|snapshot| snapshot.frame.scenario));
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
                inner_html=move || {
                    let options: Vec<_> = ScenarioId::ALL
                        .iter()
                        .map(|option| (option.slug().to_owned(), option.title().to_owned()))
                        .collect();
                    options_html(&options, scenario.get().slug())
                }
            ></select>
            <p id="watch-for" class="watch-for">
                <strong>"Watch for: "</strong>
                {move || scenario.get().watch_for()}
            </p>
        </div>
    }
}

#[component]
pub fn RunControls(lab: Lab) -> impl IntoView {
    view! {
        <div class="run-controls" role="group" aria-label="Run">
            <button
                id="step-back"
                type="button"
                disabled=move || lab.clock.get().now_ms == 0
                on:click=move |_| lab.step_back()
            >
                "\u{25c0} One event back"
            </button>
            <button id="step" type="button" on:click=move |_| lab.step()>
                "One event \u{25b6}"
            </button>
            <label for="speed">"Speed"</label>
            <select
                id="speed"
                on:change=move |event| {
                    if let Ok(index) = event_target_value(&event).parse::<usize>() {
                        lab.set_speed_index(index);
                    }
                }
                inner_html=move || {
                    let options: Vec<_> = SPEED_LABELS
                        .iter()
                        .enumerate()
                        .map(|(index, label)| (index.to_string(), (*label).to_owned()))
                        .collect();
                    options_html(&options, &lab.clock.get().speed_index.to_string())
                }
            ></select>
            <button id="reset" type="button" on:click=move |_| lab.reset()>
                "Reset"
            </button>
            <SeedForm lab=lab />
            <CopyButton
                notice=lab.notice
                id="copy-link"
                label="Copy link"
                done="Link copied"
                refused="The browser did not let the page copy the link; copy it from the address bar."
                text=Signal::derive(crate::ui::browser::href)
            />
            <span class="clock" aria-live="off">
                {move || format!("t = {}", format_seconds(lab.clock.get().now_ms))}
            </span>
        </div>
    }
}

/// A new run with a typed seed. The field shows the run's seed whenever the run is replaced (a
/// lesson loads its scene, a link, a new run) and otherwise keeps what the learner is typing.
#[component]
fn SeedForm(lab: Lab) -> impl IntoView {
    let seed = Memo::new(move |_| lab.snapshot.with(|s| s.seed));
    let field = NodeRef::<leptos::html::Input>::new();
    let apply = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = field.get().map(|input| input.value()).unwrap_or_default();
        match parse_seed(&typed) {
            Ok(seed) => lab.switch(lab.scenario(), seed),
            Err(error) => lab.refuse(error.to_string()),
        }
    };
    view! {
        <form class="seed-form" on:submit=apply>
            <label for="seed">"Seed"</label>
            <input
                id="seed"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                node_ref=field
                prop:value=move || seed.get().to_string()
            />
            <button type="submit">"New run"</button>
        </form>
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
            <select
                id="send-client"
                on:change=move |event| client.set(event_target_value(&event).parse().unwrap_or(0))
                inner_html=move || {
                    let options: Vec<_> = names
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(index, name)| (index.to_string(), name.to_owned()))
                        .collect();
                    options_html(&options, &client.get_untracked().to_string())
                }
            ></select>
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
        let typed = if enabled {
            rate.get_untracked()
        } else {
            "0".to_owned()
        };
        let clients = lab.snapshot.with_untracked(|s| s.clients.len());
        for client in 0..clients {
            match Command::traffic(client, &typed) {
                Ok(command) => {
                    if !lab.act(command) {
                        return; // refused: the notice says why
                    }
                }
                Err(error) => return lab.refuse(error.to_string()),
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

/// Faults and settings, one group per kind of object; a setting shows only where it applies
/// (`Snapshot::controls`).
#[component]
pub fn FaultControls(lab: Lab) -> impl IntoView {
    let scenario = Memo::new(move |_| lab.snapshot.with(|s| s.frame.scenario));
    view! {
        <fieldset class="faults">
            <legend>"Break things, change settings"</legend>
            <p id="durations" class="small">
                {move || {
                    scenario.track();
                    lab.with_world(|world| world.settings().latencies.shortened_note())
                }}
            </p>
            <PodFaults lab=lab />
            <NodeFaults lab=lab />
            <ScaleControls lab=lab />
            <SettingControls lab=lab />
        </fieldset>
    }
}

/// Delete a pod, or restart its container.
#[component]
fn PodFaults(lab: Lab) -> impl IntoView {
    let pod_names = Memo::new(move |_| {
        lab.snapshot.with(|s| {
            s.frame
                .pods
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let chosen_pod = RwSignal::new(String::new());
    let pod_or_first = move || {
        let chosen = chosen_pod.get_untracked();
        let names = pod_names.get_untracked();
        if names.contains(&chosen) {
            chosen
        } else {
            names.first().cloned().unwrap_or_default()
        }
    };
    view! {
        <div class="row">
            <label for="fault-pod">"Pod"</label>
            <select
                id="fault-pod"
                on:change=move |event| chosen_pod.set(event_target_value(&event))
                inner_html=move || {
                    let options: Vec<_> = pod_names.get().into_iter().map(|name| (name.clone(), name)).collect();
                    options_html(&options, &chosen_pod.get_untracked())
                }
            ></select>
            <button id="delete-pod" type="button" on:click=move |_| { lab.act(Command::DeletePod { name: pod_or_first() }); }>
                "Delete pod"
            </button>
            <button id="restart-container" type="button" on:click=move |_| { lab.act(Command::RestartContainer { pod: pod_or_first() }); }>
                "Restart container"
            </button>
        </div>
    }
}

/// Fail a node (a power loss), or bring it back.
#[component]
fn NodeFaults(lab: Lab) -> impl IntoView {
    let node_names = Memo::new(move |_| {
        lab.snapshot.with(|s| {
            s.frame
                .nodes
                .iter()
                .map(|n| n.0.clone())
                .collect::<Vec<_>>()
        })
    });
    let chosen_node = RwSignal::new(String::from("node-1"));
    view! {
        <div class="row">
            <label for="fault-node">"Node"</label>
            <select
                id="fault-node"
                on:change=move |event| chosen_node.set(event_target_value(&event))
                inner_html=move || {
                    let options: Vec<_> = node_names.get().into_iter().map(|name| (name.clone(), name)).collect();
                    options_html(&options, &chosen_node.get_untracked())
                }
            ></select>
            <button id="fail-node" type="button" on:click=move |_| { lab.act(Command::FailNode { node: chosen_node.get_untracked() }); }>
                "Fail node"
            </button>
            <button id="recover-node" type="button" on:click=move |_| { lab.act(Command::RecoverNode { node: chosen_node.get_untracked() }); }>
                "Recover node"
            </button>
        </div>
    }
}

/// `kubectl scale` and `kubectl rollout restart`. The field shows the workload's replicas
/// whenever they change (a scale, a new scenario) and otherwise keeps what is typed.
#[component]
fn ScaleControls(lab: Lab) -> impl IntoView {
    let replicas = Memo::new(move |_| lab.snapshot.with(|s| s.replicas));
    let field = NodeRef::<leptos::html::Input>::new();
    let scale = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = field.get().map(|input| input.value()).unwrap_or_default();
        match Command::scale_to(&typed) {
            Ok(command) => {
                lab.act(command);
            }
            Err(error) => lab.refuse(error.to_string()),
        }
    };
    view! {
        <form class="row" on:submit=scale>
            <label for="replicas">"Replicas"</label>
            <input
                id="replicas"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                node_ref=field
                prop:value=move || replicas.get().to_string()
            />
            <button id="scale" type="submit">"Scale"</button>
            <button id="roll-out" type="button" on:click=move |_| { lab.act(Command::RollOut); }>
                "Roll out"
            </button>
        </form>
    }
}

/// The settings that apply in this scenario: the file lock, kube-proxy, podManagementPolicy
/// and each client's target.
#[component]
fn SettingControls(lab: Lab) -> impl IntoView {
    let controls = Memo::new(move |_| lab.snapshot.with(|s| s.controls.clone()));
    let lock = move || controls.with(|c| c.lock);
    let kube_proxy = move || controls.with(|c| c.kube_proxy);
    let policy = move || controls.with(|c| c.pod_management);
    view! {
        <div class="row" hidden=move || lock().is_none()>
            <input
                id="lock"
                type="checkbox"
                prop:checked=move || lock().unwrap_or(false)
                on:change=move |event| { lab.act(Command::SetLock(event_target_checked(&event))); }
            />
            <label for="lock">"File lock (read, lock, add, write, unlock)"</label>
        </div>
        <div class="row" hidden=move || kube_proxy().is_none()>
            <label for="proxy-mode">"kube-proxy"</label>
            <select
                id="proxy-mode"
                prop:value=move || kube_proxy().map_or("", |(mode, _)| mode.code())
                on:change=move |event| {
                    if let Some(mode) = ProxyMode::from_code(&event_target_value(&event)) {
                        lab.act(Command::SetProxyMode(mode));
                    }
                }
            >
                {ProxyMode::ALL.map(|mode| view! { <option value=mode.code()>{mode.label()}</option> })}
            </select>
            <input
                id="affinity"
                type="checkbox"
                prop:checked=move || kube_proxy().is_some_and(|(_, on)| on)
                on:change=move |event| { lab.act(Command::SetSessionAffinity(event_target_checked(&event))); }
            />
            <label for="affinity">"sessionAffinity: ClientIP"</label>
        </div>
        <div class="row" hidden=move || policy().is_none()>
            <label for="pod-management">"podManagementPolicy"</label>
            <select
                id="pod-management"
                prop:value=move || policy().map_or("", PodManagementPolicy::code)
                on:change=move |event| {
                    if let Some(policy) = PodManagementPolicy::from_code(&event_target_value(&event)) {
                        lab.act(Command::SetPodManagement(policy));
                    }
                }
            >
                {PodManagementPolicy::ALL.map(|policy| view! { <option value=policy.code()>{policy.label()}</option> })}
            </select>
        </div>
        <TargetControls lab=lab />
    }
}

/// StatefulSet only: each client addresses one pod by its DNS name, or the Service's name.
#[component]
fn TargetControls(lab: Lab) -> impl IntoView {
    let rows = Memo::new(move |_| {
        lab.snapshot.with(|s| {
            let clients: Vec<_> = s
                .clients
                .iter()
                .map(|c| (c.name, c.target.code()))
                .collect();
            (clients, s.controls.targets.clone())
        })
    });
    view! {
        <div class="targets">
            {move || {
                let (clients, choices) = rows.get();
                (!choices.is_empty()).then(|| {
                    clients
                        .into_iter()
                        .enumerate()
                        .map(|(index, (name, current))| {
                            let id = format!("target-{index}");
                            let options = options_html(&choices, &current);
                            view! {
                                <div class="row">
                                    <label for=id.clone()>{format!("{name} sends to")}</label>
                                    <select
                                        id=id
                                        on:change=move |event| {
                                            if let Some(target) = Target::from_code(&event_target_value(&event)) {
                                                lab.act(Command::SetTarget { client: index, target });
                                            }
                                        }
                                        inner_html=options
                                    ></select>
                                </div>
                            }
                        })
                        .collect_view()
                })
            }}
        </div>
    }
}
