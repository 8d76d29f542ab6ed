//! The terminal's own wasm (`src/terminal_main.rs`, built into `terminal/`): one module loaded
//! twice, as the worker that answers each line from its copy of the run, and on the page's main
//! thread as the console. Neither is part of the page's first load.

pub mod console;
pub mod editor;
pub mod yaml_panel;
