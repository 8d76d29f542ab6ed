//! The first screen as static HTML, rendered natively from the same components the live page
//! mounts (`FirstScreen`). It is kept in `prerendered/first-screen.html`, which index.html
//! inlines into its body; `tests/first_screen.rs` fails when the file no longer matches the
//! components and rewrites it when asked to (`ADDER_LAB_BLESS=1`).

use leptos::prelude::*;

pub fn first_screen_html() -> String {
    let owner = Owner::new();
    // Untracked: this renders once, nothing will ever re-run it.
    let html = owner.with(|| {
        untrack(|| {
            let lab_root = NodeRef::new();
            view! { <super::FirstScreen lab_root /> }.to_html()
        })
    });
    // Leptos marks where dynamic text goes (`<!>`) for hydration; the live page replaces this
    // markup instead of hydrating it, so the marks would only be bytes.
    html.replace("<!>", "")
}
