use leptos::prelude::*;

use super::{AdderCard, ConverterCard, LabView};

/// The whole page, as one component (the component tests mount it). The live page builds the
/// same from the pre-rendered screen instead (`start`): it keeps the static text and mounts
/// only what is live. The lab (lessons and playground: the simulation, the scene) is built in a
/// task of its own after the first paint, so the header and the one-server cards paint without
/// waiting for it and no single task blocks the page for long (issue 13's TBT).
#[component]
pub fn App() -> impl IntoView {
    let lab_root = NodeRef::<leptos::html::Div>::new();
    crate::ui::browser::after_first_paint(move || {
        super::mount_into(lab_root, || view! { <LabView /> });
    });
    view! { <FirstScreen lab_root /> }
}

/// What the page shows before the lab is mounted into `lab_root`. The build pre-renders exactly
/// this into index.html (`prerender`), so it paints before the wasm has arrived.
#[component]
pub fn FirstScreen(lab_root: NodeRef<leptos::html::Div>) -> impl IntoView {
    view! {
        <a class="skip-link" href="#lab">"Skip to the lab"</a>
        <header class="site-header">
            <h1>"Adder Lab"</h1>
            <p class="tagline">
                "Why a program that remembers things behaves differently on Kubernetes than one that does not."
            </p>
            <p class="tagline">
                <a href="#lessons">"Follow the lessons"</a>
                ", go straight to the "
                <a href="#playground-title">"playground"</a>
                ", or "
                <a id="compare-link" href="compare/?compare=adder-memory.shared-volume-lock.statefulset-headless&seed=1">
                    "compare three designs side by side"
                </a>
                "."
            </p>
        </header>
        <main id="main" tabindex="-1">
            <section class="scene" aria-labelledby="one-server-title">
                <h2 id="one-server-title">"One server"</h2>
                <p class="scene-intro">
                    "Two tiny programs run on a single server. Call each one with the same number a few times and compare what comes back."
                </p>
                <div class="cards">
                    <AdderCard />
                    <ConverterCard />
                </div>
            </section>
            <div id="lab-root" node_ref=lab_root></div>
        </main>
        <footer class="site-footer">
            <p>"Everything runs in your browser; nothing is sent anywhere."</p>
        </footer>
    }
}
