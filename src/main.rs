//! Mounts the app (in place of the pre-rendered first screen); everything else lives in the library.

fn main() {
    adder_lab::ui::start::start();
}
