//! The misconceptions step: a ClusterIP and a headless Service side by side, from two runs.

use leptos::prelude::*;

use crate::model::lessons::services::{COMPARE_RUN_MS, ServiceSide, side_by_side};

pub fn service_comparison() -> impl IntoView {
    view! {
        <div id="service-comparison" class="comparison">
            {side_by_side().into_iter().map(side).collect_view()}
            <p class="comparison-note">
                {format!(
                    "Both columns are {} s runs of the simulation with Alice sending to the Service\u{2019}s name. \
                     The blog\u{2019}s \u{201c}headless\u{201d} YAML has no clusterIP: None, so it is the left one.",
                    COMPARE_RUN_MS / 1000
                )}
            </p>
        </div>
    }
}

fn side(side: ServiceSide) -> impl IntoView {
    let total: u32 = side.requests_per_pod.iter().map(|(_, count)| count).sum();
    view! {
        <section class="comparison-side">
            <h4>{side.heading}</h4>
            <pre class="yaml"><code>{side.yaml}</code></pre>
            <p><strong>"DNS answers"</strong></p>
            <ul class="dns">
                {side
                    .dns
                    .into_iter()
                    .map(|record| view! { <li><code>{record.name}</code>" \u{2192} "{record.addresses.join(", ")}</li> })
                    .collect_view()}
            </ul>
            <p><strong>{format!("Where Alice\u{2019}s {total} answered requests went")}</strong></p>
            <ul class="spread">
                {side
                    .requests_per_pod
                    .into_iter()
                    .map(|(pod, count)| view! { <li>{pod}": "{count}</li> })
                    .collect_view()}
            </ul>
            <p>{side.chooser}</p>
        </section>
    }
}
