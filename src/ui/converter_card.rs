use leptos::prelude::*;

/// What the input holds at first.
const FIRST_INPUT: &str = "5";

use crate::model::ConverterPanel;

/// The stateless converter: `convertMetersToCentimeters(meters)`.
#[component]
pub fn ConverterCard() -> impl IntoView {
    let panel = RwSignal::new(ConverterPanel::default());
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
        <article class="card stateless" aria-labelledby="converter-title">
            <h3 id="converter-title">
                "Converter " <span class="badge badge-stateless">"stateless"</span>
            </h3>
            <pre class="code" aria-label="The converter's code">
                <code>"function convertMetersToCentimeters(meters) {\n  return meters * 100\n}"</code>
            </pre>
            <form class="call-form" on:submit=on_submit novalidate>
                <label for="converter-input">"Length in metres"</label>
                <div class="call-row">
                    <input
                        id="converter-input"
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        // The attribute as well: the pre-rendered page shows it before the wasm binds.
                        value=FIRST_INPUT
                        bind:value=input
                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                        aria-describedby="converter-error"
                    />
                    <button id="converter-convert" type="submit">"Convert"</button>
                </div>
                <p id="converter-error" class="error" role="alert">
                    {move || error.get()}
                </p>
            </form>
            <p class="result" aria-live="polite">
                "Result: "
                <output id="converter-result">
                    {move || {
                        panel
                            .with(|panel| {
                                panel
                                    .latest()
                                    .map(|call| format!("{} m = {}", call.metres, call.centimetres))
                                    .unwrap_or_else(|| "none yet".to_owned())
                            })
                    }}
                </output>
            </p>
            <ol id="converter-calls" class="calls" aria-label="Calls so far">
                {move || {
                    panel
                        .with(|panel| {
                            panel
                                .calls()
                                .map(|call| {
                                    view! {
                                        <li value=call.id>
                                            "convertMetersToCentimeters(" {call.metres.clone()}
                                            ") returned " <strong>{call.centimetres.0}</strong>
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </ol>
            <p class="why" hidden=move || !tried()>
                "Stateless: the converter keeps nothing between calls, so the same length always gives the same answer. "
                "Any copy on any pod gives the same answer, so a load balancer may send each request anywhere."
            </p>
            <p class="why" hidden=tried>
                "Convert the same length three times. What comes back each time?"
            </p>
        </article>
    }
}
