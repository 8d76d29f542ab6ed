use leptos::prelude::*;

/// What the input holds at first.
const FIRST_INPUT: &str = "5";

/// The stateless converter, `convertMetersToCentimeters(meters)`, before any call: the markup
/// the page is pre-rendered with, bound to the model by `ui::cards`.
#[component]
pub fn ConverterCard() -> impl IntoView {
    view! {
        <article class="card stateless" aria-labelledby="converter-title">
            <h3 id="converter-title">
                "Converter " <span class="badge badge-stateless">"stateless"</span>
            </h3>
            <pre class="code" aria-label="The converter's code">
                <code>"function convertMetersToCentimeters(meters) {\n  return meters * 100\n}"</code>
            </pre>
            <form class="call-form" novalidate>
                <label for="converter-input">"Length in metres"</label>
                <div class="call-row">
                    <input
                        id="converter-input"
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        value=FIRST_INPUT
                        aria-invalid="false"
                        aria-describedby="converter-error"
                    />
                    <button id="converter-convert" type="submit">"Convert"</button>
                </div>
                <p id="converter-error" class="error" role="alert"></p>
            </form>
            <p class="result" aria-live="polite">
                "Result: " <output id="converter-result">"none yet"</output>
            </p>
            <ol id="converter-calls" class="calls" aria-label="Calls so far"></ol>
            <p id="converter-why" class="why" hidden>
                "Stateless: the converter keeps nothing between calls, so the same length always gives the same answer. "
                "Any copy on any pod gives the same answer, so a load balancer may send each request anywhere."
            </p>
            <p id="converter-try" class="why">
                "Convert the same length three times. What comes back each time?"
            </p>
        </article>
    }
}
