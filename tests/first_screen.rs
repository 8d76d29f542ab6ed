//! The pre-rendered first screen in index.html is the live page's own first screen: the file
//! index.html inlines must equal what `FirstScreen` renders now.
//! Run with `--features prerender`; `ADDER_LAB_BLESS=1` rewrites the file.
#![cfg(all(feature = "prerender", not(target_arch = "wasm32")))]

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/prerendered/first-screen.html");
const HEADER: &str = "<!-- Generated from the FirstScreen component by tests/first_screen.rs (ADDER_LAB_BLESS=1 rewrites it). Do not edit. -->\n";

#[test]
fn the_prerendered_first_screen_is_the_components_own() {
    let rendered = format!(
        "{HEADER}{}\n",
        adder_lab::ui::prerender::first_screen_html()
    );
    if std::env::var_os("ADDER_LAB_BLESS").is_some() {
        std::fs::write(FILE, &rendered).expect("write the pre-rendered first screen");
        return;
    }
    let kept = std::fs::read_to_string(FILE).unwrap_or_default();
    assert!(
        kept == rendered,
        "prerendered/first-screen.html is out of date with the FirstScreen component: \
         run `ADDER_LAB_BLESS=1 cargo test --features prerender --test first_screen` and commit it"
    );
}

/// The live page keeps the pre-rendered cards and binds their forms (`ui::cards`): every input
/// of the first screen must be one of theirs.
#[test]
fn every_input_of_the_first_screen_is_a_bound_cards() {
    let html = adder_lab::ui::prerender::first_screen_html();
    let ids: Vec<&str> = html
        .split("<input")
        .skip(1)
        .map(|tag| {
            let start = tag.find("id=\"").expect("every input has an id") + 4;
            &tag[start..start + tag[start..].find('"').unwrap()]
        })
        .collect();
    let bound: Vec<String> = adder_lab::ui::cards::CARDS
        .iter()
        .map(|(name, _)| format!("{name}-input"))
        .collect();
    assert_eq!(ids, bound);
}
