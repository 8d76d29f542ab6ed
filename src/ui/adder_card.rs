use leptos::prelude::*;

/// What the input holds at first.
const FIRST_INPUT: &str = "5";

use crate::model::AdderPanel;

/// The stateful adder: `addAndReturnTotal(number)` with its running total.
#[component]
pub fn AdderCard() -> impl IntoView {
    let panel = RwSignal::new(AdderPanel::default());
    let input = RwSignal::new(String::from(FIRST_INPUT));
    let error = Memo::new(move |_| panel.with(|panel| panel.error().map(str::to_owned)));

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = input.get_untracked();
        panel.update(|panel| panel.submit(&typed));
    };

    // Three calls with the same input show the difference; the explanation waits for them.
    let tried = move || panel.with(|panel| panel.calls().len() >= 3);
    view! {
        <article class="card stateful" aria-labelledby="adder-title">
            <h3 id="adder-title">
                "Adder " <span class="badge badge-stateful">"stateful"</span>
            </h3>
            <pre class="code" aria-label="The adder's code">
                <code>
                    "var total = 0\nfunction addAndReturnTotal(number) {\n  total = total + number\n  return total\n}"
                </code>
            </pre>
            <form class="call-form" on:submit=on_submit novalidate>
                <label for="adder-input">"Number to add"</label>
                <div class="call-row">
                    <input
                        id="adder-input"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        // The attribute as well: the pre-rendered page shows it before the wasm binds.
                        value=FIRST_INPUT
                        bind:value=input
                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                        aria-describedby="adder-error"
                    />
                    <button id="adder-add" type="submit">"Add"</button>
                </div>
                <p id="adder-error" class="error" role="alert">
                    {move || error.get()}
                </p>
            </form>
            <p class="result" aria-live="polite">
                "Total: " <output id="adder-total">{move || panel.with(|panel| panel.total())}</output>
            </p>
            <ol id="adder-calls" class="calls" aria-label="Calls so far">
                {move || {
                    panel
                        .with(|panel| {
                            panel
                                .calls()
                                .map(|call| {
                                    view! {
                                        <li value=call.id>
                                            "addAndReturnTotal(" {call.number} ") returned "
                                            <strong>{call.total}</strong>
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </ol>
            // The explanation would answer the first lesson's question: it comes after trying.
            <p class="why" hidden=move || !tried()>
                "Stateful: the adder remembers a total between calls, so the same call returns a different answer each time. "
                "Its answer depends on every earlier request, so two copies of it on two pods would each keep their own total and disagree."
            </p>
            <p class="why" hidden=tried>
                "Add the same number three times. What comes back each time?"
            </p>
        </article>
    }
}
