//! Component tests: mount one component in headless Chromium, use it as a learner would, read the DOM.
//! Run by `cargo test --target wasm32-unknown-unknown --test components` (see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use adder_lab::ui::{AdderCard, App, ConverterCard};
use leptos::{prelude::*, task::tick};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, HtmlButtonElement, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` into a fresh element and returns that element; the mount lives for the test.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> HtmlElement {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), view);
    // Keep the view mounted after this function returns.
    std::mem::forget(handle);
    host
}

/// A card as the page has it: its pre-rendered markup, bound to the model (`ui::cards`).
fn mount_card<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> HtmlElement {
    let host = mount(view);
    adder_lab::ui::cards::bind(&host);
    host
}

fn find<T: JsCast>(host: &HtmlElement, selector: &str) -> T {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not found"))
        .unchecked_into()
}

fn text(host: &HtmlElement, selector: &str) -> String {
    find::<HtmlElement>(host, selector)
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Types into an input the way a browser reports it: set the value, fire `input`.
fn type_into(host: &HtmlElement, selector: &str, value: &str) {
    let input: HtmlInputElement = find(host, selector);
    input.set_value(value);
    input
        .dispatch_event(
            &Event::new_with_event_init_dict("input", &{
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                init
            })
            .unwrap(),
        )
        .unwrap();
}

fn click(host: &HtmlElement, selector: &str) {
    find::<HtmlButtonElement>(host, selector).click();
}

#[wasm_bindgen_test]
async fn adder_returns_5_then_10_then_15() {
    let host = mount_card(|| view! { <AdderCard /> });
    type_into(&host, "#adder-input", "5");
    let mut seen = Vec::new();
    for _ in 0..3 {
        click(&host, "#adder-add");
        tick().await;
        seen.push(text(&host, "#adder-total"));
    }
    assert_eq!(seen, ["5", "10", "15"]);
    assert_eq!(
        host.query_selector_all("#adder-calls li").unwrap().length(),
        3
    );
    assert_eq!(text(&host, "#adder-error"), "");
}

#[wasm_bindgen_test]
async fn adder_explains_bad_input_and_keeps_its_total() {
    let host = mount_card(|| view! { <AdderCard /> });
    type_into(&host, "#adder-input", "7");
    click(&host, "#adder-add");
    tick().await;
    for (bad, expected) in [
        ("", "Type a whole number"),
        ("seven", "is not a number"),
        ("2.5", "fractional part"),
        ("-1", "negative"),
        ("99999999999999999999", "too large"),
        ("18446744073709551615", "The total stays 7"),
    ] {
        type_into(&host, "#adder-input", bad);
        click(&host, "#adder-add");
        tick().await;
        let message = text(&host, "#adder-error");
        assert!(message.contains(expected), "{bad:?} gave {message:?}");
        assert_eq!(text(&host, "#adder-total"), "7", "after {bad:?}");
        let input: HtmlInputElement = find(&host, "#adder-input");
        assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    }
    type_into(&host, "#adder-input", "3");
    click(&host, "#adder-add");
    tick().await;
    assert_eq!(text(&host, "#adder-total"), "10");
    assert_eq!(text(&host, "#adder-error"), "");
}

#[wasm_bindgen_test]
async fn converter_gives_500_every_time() {
    let host = mount_card(|| view! { <ConverterCard /> });
    type_into(&host, "#converter-input", "5");
    for _ in 0..3 {
        click(&host, "#converter-convert");
        tick().await;
        assert_eq!(text(&host, "#converter-result"), "5 m = 500 cm");
    }
    type_into(&host, "#converter-input", "five");
    click(&host, "#converter-convert");
    tick().await;
    assert!(text(&host, "#converter-error").contains("is not a number"));
    assert_eq!(text(&host, "#converter-result"), "5 m = 500 cm");
}

#[wasm_bindgen_test]
async fn the_page_has_a_title_and_both_programs() {
    let host = mount_card(|| view! { <App /> });
    tick().await;
    assert_eq!(text(&host, "h1"), "Adder Lab");
    assert!(text(&host, "#adder-title").starts_with("Adder"));
    assert!(text(&host, "#converter-title").starts_with("Converter"));
    // Each input has a label pointing at it, so screen readers can name it.
    for id in ["adder-input", "converter-input"] {
        let label = host.query_selector(&format!("label[for='{id}']")).unwrap();
        assert!(label.is_some(), "{id} has no label");
    }
}

mod playground {
    use super::*;
    use adder_lab::ui::LabView;

    async fn open(query: &str) -> HtmlElement {
        // Every test starts with no saved lesson progress (the tests share one page).
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            storage.clear().unwrap();
        }
        let query = query.to_owned();
        let host = mount(move || view! { <LabView query=query /> });
        // The lab's parts are mounted in tasks after paints: the controls right after the first
        // frame, the stage (with Play, under the scene) after the next. Pause then, with
        // zero-delay tasks, so the test decides when time moves (a frame or two may have run).
        for _ in 0..10_000 {
            if host.query_selector("#play").unwrap().is_some() {
                break;
            }
            wait_ms(0).await;
        }
        click(&host, "#play");
        // The details under the scene are mounted last.
        while host.query_selector("#request-log").unwrap().is_none() {
            next_task().await;
        }
        host
    }

    /// Lets the browser run its next task (a timer, an animation frame).
    async fn next_task() {
        wait_ms(10).await;
    }

    async fn wait_ms(delay_ms: i32) {
        let promise = wasm_bindgen_futures::js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, delay_ms)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }

    fn set_select(host: &HtmlElement, selector: &str, value: &str) {
        let select: web_sys::HtmlSelectElement = find(host, selector);
        select.set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        select
            .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
            .unwrap();
    }

    /// A key pressed in the terminal's input, as the browser reports it.
    fn press(input: &HtmlInputElement, key: &str) {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init);
        input.dispatch_event(&event.unwrap()).unwrap();
    }

    /// Starts the console of the terminal in `host` as `console.js` would, with the worker's
    /// replica answering in-process (a reply arrives in a later task, as a worker's does).
    fn start_console(host: &HtmlElement) {
        use adder_lab::model::kubectl::replica::{READY, Replica};
        use adder_lab::terminal::console;
        use std::{cell::RefCell, rc::Rc};
        let root: web_sys::Element = find(host, "#terminal");
        let replica = RefCell::new(Replica::default());
        let started: Rc<RefCell<Option<console::Shared>>> = Rc::default();
        let to_console = Rc::clone(&started);
        let post = Rc::new(move |message: String| {
            let reply = replica.borrow_mut().handle(&message);
            let to_console = Rc::clone(&to_console);
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(console) = to_console.borrow().as_ref() {
                    console::receive(console, &reply);
                }
            });
        });
        let console = console::start(root, post);
        console::receive(&console, READY);
        *started.borrow_mut() = Some(console);
    }

    /// Waits until the terminal's transcript holds `expected`.
    async fn printed(host: &HtmlElement, expected: &str) -> String {
        for _ in 0..500 {
            let printed = text(host, "#terminal-output");
            if printed.contains(expected) {
                return printed;
            }
            next_task().await;
        }
        panic!(
            "never printed {expected:?}: {}",
            text(host, "#terminal-output")
        );
    }

    #[wasm_bindgen_test]
    async fn the_terminal_recalls_lines_with_the_arrows_as_a_shell_does() {
        let host = open("scenario=adder-memory&seed=1").await;
        start_console(&host);
        let input: HtmlInputElement = find(&host, "#terminal-input");
        for line in ["kubectl get pods", "kubectl get svc"] {
            input.set_value(line);
            press(&input, "Enter");
            assert_eq!(input.value(), "", "Enter takes the line");
        }
        printed(&host, "10.96.8.21").await;
        input.set_value("kubectl get n");
        press(&input, "ArrowUp");
        assert_eq!(input.value(), "kubectl get svc");
        press(&input, "ArrowUp");
        assert_eq!(input.value(), "kubectl get pods");
        press(&input, "ArrowUp");
        assert_eq!(input.value(), "kubectl get pods", "the oldest stays");
        press(&input, "ArrowDown");
        assert_eq!(input.value(), "kubectl get svc");
        press(&input, "ArrowDown");
        assert_eq!(
            input.value(),
            "kubectl get n",
            "the line being typed comes back"
        );
        // Other keys are the input's own.
        press(&input, "a");
        assert_eq!(input.value(), "kubectl get n");
        input.set_value("clear");
        press(&input, "Enter");
        assert_eq!(text(&host, "#terminal-output"), "");
    }

    #[wasm_bindgen_test]
    async fn tab_completes_from_the_cluster_and_lists_what_is_ambiguous() {
        let host = open("scenario=statefulset-headless&seed=1").await;
        start_console(&host);
        let input: HtmlInputElement = find(&host, "#terminal-input");
        let tab = |typed: &str| {
            input.set_value(typed);
            press(&input, "Tab");
        };
        async fn settled(input: &HtmlInputElement, expected: &str) {
            for _ in 0..500 {
                if input.value() == expected {
                    return;
                }
                next_task().await;
            }
            panic!("the line stayed {:?}, not {expected:?}", input.value());
        }
        tab("kubectl des");
        settled(&input, "kubectl describe ").await;
        tab("kubectl describe statefulsets ad");
        settled(&input, "kubectl describe statefulsets adder ").await;
        // Two types match: nothing more to complete, so they are listed.
        tab("kubectl get st");
        printed(&host, "$ kubectl get st\nstatefulsets  storageclasses").await;
        assert_eq!(input.value(), "kubectl get st");
        // On an empty line Tab is the page's: the focus may move on.
        input.set_value("");
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("Tab");
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        input.dispatch_event(&event).unwrap();
        assert!(
            !event.default_prevented(),
            "Tab on an empty line is not captured"
        );
    }

    #[wasm_bindgen_test]
    async fn a_changing_command_is_applied_through_the_bridge_as_a_button_is() {
        let host = open("scenario=adder-memory&seed=1").await;
        start_console(&host);
        let input: HtmlInputElement = find(&host, "#terminal-input");
        input.set_value("kubectl scale deployment adder --replicas=2");
        press(&input, "Enter");
        printed(&host, "deployment.apps/adder scaled").await;
        tick().await;
        // The bridge's answers are on the element the page mounted the terminal in.
        let root = find::<web_sys::Element>(&host, "#terminal")
            .parent_element()
            .unwrap();
        let query = root.get_attribute("data-query").unwrap();
        assert!(query.contains(".n.2"), "recorded in the link: {query}");
        assert_eq!(
            host.query_selector_all(".marks .mark-action")
                .unwrap()
                .length(),
            1,
            "marked on the timeline"
        );
        // An action the scene refuses is answered with the reason, and nothing changes.
        root.set_attribute("data-act", "n.99").unwrap();
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        root.dispatch_event(&Event::new_with_event_init_dict("adder-lab-bridge", &init).unwrap())
            .unwrap();
        let refused = root.get_attribute("data-refused").unwrap_or_default();
        assert!(refused.contains("16"), "says why: {refused}");
        assert_eq!(root.get_attribute("data-query").unwrap(), query);
    }

    #[wasm_bindgen_test]
    async fn switching_scenarios_changes_the_scene_and_the_sentence() {
        let host = open("scenario=adder-memory&seed=1").await;
        tick().await;
        assert!(text(&host, "#watch-for").contains("each keeping the total in its memory"));
        assert!(text(&host, "#scene").contains("ClusterIP 10.96.8.21"));
        set_select(&host, "#scenario", "statefulset-headless");
        tick().await;
        assert!(text(&host, "#watch-for").contains("each client names a pod"));
        let service = find::<web_sys::Element>(&host, "#scene [data-service=adder]");
        assert!(service.class_list().contains("service-headless"));
        let drawn = service.text_content().unwrap_or_default();
        assert!(
            drawn.contains("clusterIP: None") && drawn.contains("a DNS name, no proxy"),
            "{drawn}"
        );
        assert_eq!(
            find::<web_sys::HtmlSelectElement>(&host, "#scenario").value(),
            "statefulset-headless"
        );
    }

    #[wasm_bindgen_test]
    async fn stepping_moves_time_and_creates_pods() {
        let host = open("scenario=adder-memory&seed=1").await;
        tick().await;
        assert_eq!(text(&host, "#play"), "Play", "paused");
        for _ in 0..12 {
            click(&host, "#step");
        }
        tick().await;
        assert_eq!(host.query_selector_all("#scene .pod").unwrap().length(), 3);
        assert!(text(&host, "#events").contains("created on node-"));
    }

    #[wasm_bindgen_test]
    async fn a_refused_value_shows_a_message_and_scaling_changes_the_yamls_key() {
        let host = open("scenario=adder-memory&seed=1").await;
        type_into(&host, "#replicas", "-1");
        click(&host, "#scale");
        tick().await;
        assert!(text(&host, "#notice").contains("Replicas must be between 0 and 16"));
        // The YAML itself is the terminal bundle's (e2e); the page tells it when to remake it.
        let key = || find::<web_sys::Element>(&host, "#yaml").get_attribute("data-key");
        let before = key();
        type_into(&host, "#replicas", "5");
        click(&host, "#scale");
        tick().await;
        assert_eq!(text(&host, "#notice"), "");
        assert_ne!(key(), before, "a scale changes what the YAML depends on");
    }

    #[wasm_bindgen_test]
    async fn a_broken_link_is_explained() {
        let host = open("scenario=nope&seed=1").await;
        tick().await;
        assert!(text(&host, "#link-problems").contains("no scenario called"));
        assert_eq!(
            find::<web_sys::HtmlSelectElement>(&host, "#scenario").value(),
            "adder-memory"
        );
    }

    #[wasm_bindgen_test]
    async fn a_lesson_asks_first_then_the_run_reveals_the_answer() {
        let host = open("lesson=no-lock").await;
        tick().await;
        assert!(text(&host, "#lesson-title").starts_with("Step 5 of 12"));
        assert_eq!(text(&host, "#lesson-progress"), "0 of 12 steps done");
        click(&host, "#lesson-run");
        tick().await;
        assert!(text(&host, "#lesson-notice").contains("Choose an answer first"));
        find::<HtmlInputElement>(&host, "#choice-4-1").click();
        click(&host, "#lesson-run");
        tick().await;
        assert!(text(&host, "#lesson-status").starts_with("Running the scene"));
        click(&host, "#lesson-skip");
        tick().await;
        let answer = text(&host, "#lesson-answer");
        assert!(answer.starts_with("The run shows: Yes"), "{answer}");
        assert!(answer.contains("You predicted something else"), "{answer}");
        assert_eq!(text(&host, "#lesson-progress"), "1 of 12 steps done");
        assert!(
            text(&host, "#verdict").contains("lost"),
            "the playground ran the scene"
        );
    }

    #[wasm_bindgen_test]
    async fn the_misconceptions_step_shows_both_services_once_answered() {
        let host = open("lesson=misconceptions").await;
        tick().await;
        assert!(
            host.query_selector("#service-comparison")
                .unwrap()
                .is_none(),
            "not before the learner has answered"
        );
        find::<HtmlInputElement>(&host, "#choice-9-0").click();
        click(&host, "#lesson-run");
        tick().await;
        click(&host, "#lesson-skip");
        tick().await;
        assert!(text(&host, "#lesson-answer").starts_with("The run shows: No"));
        assert!(
            text(&host, ".clock").starts_with("t = 60.0 s"),
            "the scene ran"
        );
        assert!(text(&host, "#lesson-answer").contains("ran this scene for 60 s"));
        assert!(
            host.query_selector_all("#request-log tbody tr")
                .unwrap()
                .length()
                > 5
        );
        let sides = host
            .query_selector_all("#service-comparison .comparison-side")
            .unwrap();
        assert_eq!(sides.length(), 2);
        let side = |index| {
            sides
                .item(index)
                .unwrap()
                .text_content()
                .unwrap_or_default()
        };
        let yaml = host
            .query_selector_all("#service-comparison pre code")
            .unwrap();
        let yaml = |index| yaml.item(index).unwrap().text_content().unwrap_or_default();
        assert!(!yaml(0).contains("clusterIP: None") && yaml(0).contains("type: ClusterIP"));
        assert!(yaml(1).contains("clusterIP: None"));
        assert!(side(1).contains("adder-0.adder.default.svc.cluster.local"));
    }

    #[wasm_bindgen_test]
    async fn a_replayed_pod_management_policy_shows_in_its_select() {
        let host = open("scenario=statefulset-headless&seed=1&actions=0.m.parallel").await;
        click(&host, "#step");
        tick().await;
        assert_eq!(
            find::<web_sys::HtmlSelectElement>(&host, "#pod-management").value(),
            "parallel"
        );
    }

    /// Steps the paused playground until `done` holds (at most `steps` events).
    async fn step_until(host: &HtmlElement, steps: usize, done: impl Fn(&HtmlElement) -> bool) {
        for _ in 0..steps {
            if done(host) {
                return;
            }
            click(host, "#step");
            tick().await;
        }
        assert!(done(host), "not reached in {steps} steps");
    }

    #[wasm_bindgen_test]
    async fn the_seed_field_follows_a_lesson_that_loads_another_seed() {
        let host = open("scenario=adder-memory&seed=77").await;
        tick().await;
        assert_eq!(find::<HtmlInputElement>(&host, "#seed").value(), "77");
        click(&host, "[data-lesson=went-down]");
        tick().await;
        tick().await;
        assert!(text(&host, "#lesson-title").contains("Same Deployment, a longer run"));
        assert_eq!(find::<HtmlInputElement>(&host, "#seed").value(), "3");
        type_into(&host, "#seed", &"9".repeat(25));
        find::<web_sys::HtmlFormElement>(&host, ".seed-form")
            .request_submit()
            .unwrap();
        tick().await;
        assert_eq!(
            text(&host, "#notice"),
            format!(
                "The seed {} is too large: seeds go up to 18446744073709551615.",
                "9".repeat(25)
            )
        );
    }

    #[wasm_bindgen_test]
    async fn the_converter_scene_offers_only_the_converter_and_keeps_no_total() {
        let host = open("scenario=converter-deployment&seed=2").await;
        tick().await;
        assert!(find::<HtmlElement>(&host, "#send-add").hidden());
        assert!(!find::<HtmlElement>(&host, "#send-convert").hidden());
        assert!(text(&host, "#totals").contains("The converter keeps no total"));
        assert!(!text(&host, "#totals").contains("True total"));
        type_into(&host, "#send-number", "5");
        click(&host, "#send-convert");
        step_until(&host, 200, |host| {
            text(host, "#request-log").contains("500")
        })
        .await;
        assert!(text(&host, "#request-log").contains("convert 5 m"));
        let pods = text(&host, "#scene");
        assert!(
            pods.contains("converter-") && !pods.contains("adder") && !pods.contains("total "),
            "{pods}"
        );
    }

    #[wasm_bindgen_test]
    async fn a_volume_without_the_lock_says_there_is_none() {
        let host = open("scenario=shared-volume-no-lock&seed=5").await;
        step_until(&host, 40, |host| {
            host.query_selector("#scene .volume").unwrap().is_some()
        })
        .await;
        assert!(text(&host, "#scene .volume").contains("no lock:writes can clash"));
        click(&host, "#lock");
        tick().await;
        assert!(text(&host, "#scene .volume").contains("lock: "));
        assert!(!text(&host, "#scene .volume").contains("no lock"));
    }

    #[wasm_bindgen_test]
    async fn a_link_action_that_cannot_apply_is_reported_as_dropped() {
        // At 1 s: Play (which `open` pauses with) is mounted a frame or two after time starts.
        let host = open("scenario=adder-memory&seed=9&actions=1000.d.adder-87d9").await;
        tick().await;
        assert!(
            text(&host, "#link-problems").is_empty(),
            "it reads as a link"
        );
        step_until(&host, 20, |host| !text(host, "#link-problems").is_empty()).await;
        let said = text(&host, "#link-problems");
        assert!(
            said.contains(
                "Action 1 of the link (\u{201c}1000.d.adder-87d9\u{201d}) was dropped at 1.0 s"
            ),
            "{said}"
        );
    }

    #[wasm_bindgen_test]
    async fn simplifications_are_stated_beside_the_controls_they_affect() {
        let host = open("scenario=adder-memory&seed=1").await;
        tick().await;
        let note = text(&host, "#durations");
        assert!(
            note.contains("2 s") && note.contains("30 s") && note.contains("about 5 minutes"),
            "{note}"
        );
        let modes = text(&host, "#proxy-mode");
        assert!(
            modes.contains("iptables or nftables: random")
                && modes.contains("IPVS: round-robin (deprecated since v1.35)"),
            "{modes}"
        );
    }

    /// The watcher wiring: a reset during a lesson's run sends the step back to predicting and
    /// says so, with nothing revealed.
    #[wasm_bindgen_test]
    async fn a_reset_during_a_lessons_run_goes_back_to_predicting() {
        let host = open("lesson=scale-out").await;
        tick().await;
        find::<HtmlInputElement>(&host, "#choice-1-0").click();
        click(&host, "#lesson-run");
        tick().await;
        assert!(text(&host, "#lesson-status").starts_with("Running the scene"));
        click(&host, "#reset");
        tick().await;
        assert_eq!(
            text(&host, "#lesson-notice"),
            "The scene was replaced before the run ended; run it again to see the answer."
        );
        assert_eq!(text(&host, "#lesson-answer"), "", "nothing revealed");
        assert_eq!(text(&host, "#lesson-status"), "");
        assert_eq!(text(&host, "#lesson-progress"), "0 of 12 steps done");
    }

    fn clock_ms(host: &HtmlElement) -> u64 {
        let clock = text(host, ".clock");
        let seconds = clock.trim_start_matches("t = ").trim_end_matches(" s");
        let (whole, tenth) = seconds.split_once('.').unwrap();
        whole.parse::<u64>().unwrap() * 1000 + tenth.parse::<u64>().unwrap() * 100
    }

    /// The timeline goes back in time: the slider rebuilds an earlier moment, actions are
    /// marked, one event back is one event, and acting in the past starts a branch that drops
    /// the old future (and says so).
    #[wasm_bindgen_test]
    async fn the_timeline_goes_back_and_acting_there_forks() {
        let host = open("scenario=adder-memory&seed=1&actions=2000.n.2").await;
        click(&host, "#mark-previous");
        tick().await;
        assert_eq!(
            text(&host, "#notice"),
            "There is no mark before this moment."
        );
        step_until(&host, 10_000, |host| clock_ms(host) >= 5_000).await;
        assert_eq!(host.query_selector_all("#scene .pod").unwrap().length(), 2);
        assert_eq!(
            host.query_selector_all(".marks .mark-action")
                .unwrap()
                .length(),
            1
        );
        assert_eq!(text(&host, "#timeline-status"), "");

        type_into(&host, "#timeline", "1000");
        tick().await;
        assert_eq!(text(&host, ".clock"), "t = 1.0 s");
        assert!(text(&host, "#timeline-status").starts_with("Back in time at 1.0 s of 5."));
        assert_eq!(
            find::<HtmlInputElement>(&host, "#replicas").value(),
            "3",
            "before the scale"
        );
        let later = clock_ms(&host);
        click(&host, "#step-back");
        tick().await;
        assert!(clock_ms(&host) <= later);

        type_into(&host, "#replicas", "4");
        click(&host, "#scale");
        tick().await;
        assert!(
            text(&host, "#timeline-status").starts_with("A new branch starts at "),
            "{}",
            text(&host, "#timeline-status")
        );
        assert_eq!(
            find::<HtmlInputElement>(&host, "#timeline").max(),
            (clock_ms(&host).div_ceil(100) * 100).to_string(),
            "the old future is gone"
        );
        let marks = host.query_selector_all(".marks .mark-action").unwrap();
        assert_eq!(marks.length(), 1, "only the new branch\u{2019}s action");
        let mark: web_sys::Element = marks.get(0).unwrap().unchecked_into();
        assert!(
            mark.get_attribute("title")
                .unwrap()
                .ends_with("scaled to 4")
        );
    }
}
