use leptos::prelude::*;

/// What the input holds at first.
const FIRST_INPUT: &str = "5";

/// The stateful adder, `addAndReturnTotal(number)`, before any call: the markup the page is
/// pre-rendered with. The page keeps it and binds it to the model (`ui::cards`), which writes
/// the total, the calls, the error and which explanation shows.
#[component]
pub fn AdderCard() -> impl IntoView {
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
            <form class="call-form" novalidate>
                <label for="adder-input">"Number to add"</label>
                <div class="call-row">
                    <input
                        id="adder-input"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        value=FIRST_INPUT
                        aria-invalid="false"
                        aria-describedby="adder-error"
                    />
                    <button id="adder-add" type="submit">"Add"</button>
                </div>
                <p id="adder-error" class="error" role="alert"></p>
            </form>
            <p class="result" aria-live="polite">
                "Total: " <output id="adder-total">"0"</output>
            </p>
            <ol id="adder-calls" class="calls" aria-label="Calls so far"></ol>
            // The explanation would answer the first lesson's question: it comes after trying.
            <p id="adder-why" class="why" hidden>
                "Stateful: the adder remembers a total between calls, so the same call returns a different answer each time. "
                "Its answer depends on every earlier request, so two copies of it on two pods would each keep their own total and disagree."
            </p>
            <p id="adder-try" class="why">
                "Add the same number three times. What comes back each time?"
            </p>
        </article>
    }
}
