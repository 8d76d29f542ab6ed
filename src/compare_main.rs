//! Mounts the compare view (compare.html); everything else lives in the library.

fn main() {
    leptos::mount::mount_to_body(adder_lab::ui::compare::CompareApp);
}
