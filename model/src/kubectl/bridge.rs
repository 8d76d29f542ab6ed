//! The names the terminal's console (in the terminal's own wasm) and the playground (in the
//! page's) share: the console dispatches `EVENT` on the element the page mounted the terminal
//! in, with `ACT` set to an action's link code when it wants one applied (or `LOAD` to a run's
//! query when it wants that run in place of the scene's); the page answers
//! before the dispatch returns, in attributes of the same element: the run's link (`QUERY`), the moment the scene shows
//! (`AT_MS`), and `REFUSED` with the reason when the action was not applied.

pub const EVENT: &str = "adder-lab-bridge";
pub const ACT: &str = "data-act";
/// A run (a link's query) to load in place of the scene's: an applied app of the learner's own.
pub const LOAD: &str = "data-load";
pub const QUERY: &str = "data-query";
pub const AT_MS: &str = "data-at-ms";
pub const REFUSED: &str = "data-refused";
