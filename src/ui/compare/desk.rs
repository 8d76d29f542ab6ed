//! The compare page's state: the comparison (in a `StoredValue`, as the playground's `Lab`
//! keeps its playground) and the signals the view reads, refreshed by `publish`. Every change
//! goes through here, so the page's link always replays what is shown.

use leptos::prelude::*;

use crate::model::compare::{Comparison, LANES_MAX};
use crate::model::playground::cadence::{Cadence, Due};
use crate::model::playground::marks::{Mark, marks_html};
use crate::model::playground::{SPEEDS, format_seconds};
use crate::model::sim::snapshot::Frame;
use crate::model::sim::{Command, Snapshot};
use crate::ui::browser;

const FRAME_REAL_MS_MAX: f64 = 100.0;
pub const DEFAULT_SPEED_INDEX: usize = 2;

/// Handles to the comparison and the signals the view reads; `Copy`.
#[derive(Clone, Copy)]
pub struct Desk {
    comparison: StoredValue<Comparison>,
    /// Per lane (those past the comparison's lanes hold `None`): its world at this frame (the
    /// markers) and at the last refresh (everything else). A signal each, so refreshing one
    /// lane redraws only that lane.
    pub frames: [RwSignal<Option<Frame>>; LANES_MAX],
    pub snapshots: [RwSignal<Option<Snapshot>>; LANES_MAX],
    pub lane_count: RwSignal<usize>,
    /// As in the playground: scenes every frame, text four times a second in parts (each lane's
    /// snapshot, then the text), one per frame, so that no frame pays for all of them.
    cadence: StoredValue<Cadence>,
    pub rows: RwSignal<String>,
    pub playing: RwSignal<bool>,
    pub speed_index: RwSignal<usize>,
    pub now_ms: RwSignal<u64>,
    /// The branch's end: the timeline's length.
    pub end_ms: RwSignal<u64>,
    /// The timeline's marks, as the strip's markup.
    pub marks: RwSignal<String>,
    /// Each client's rate in the shared stream, per minute (client 0's; the page sets all alike).
    pub rate_per_minute: RwSignal<u32>,
    /// Virtual time not yet run (less than a millisecond).
    carry: StoredValue<f64>,
    pub notice: RwSignal<Option<String>>,
    /// What the last action did to the branch ("A new branch starts at …").
    pub branch_note: RwSignal<Option<String>>,
    /// What the link got wrong when it was read.
    read_problems: StoredValue<Vec<String>>,
    pub problems: RwSignal<Vec<String>>,
    pub query: RwSignal<String>,
    /// Play stops exactly here (a lesson's question time), if set.
    stop_at_ms: StoredValue<Option<u64>>,
    /// Counts comparisons started (lanes chosen, a lesson's run), so a run can tell it was
    /// replaced.
    pub generation: RwSignal<u64>,
}

impl Desk {
    pub fn new(comparison: Comparison, problems: Vec<String>) -> Self {
        let desk = Desk {
            comparison: StoredValue::new(comparison),
            frames: std::array::from_fn(|_| RwSignal::new(None)),
            snapshots: std::array::from_fn(|_| RwSignal::new(None)),
            lane_count: RwSignal::new(0),
            cadence: StoredValue::new(Cadence::default()),
            rows: RwSignal::new(String::new()),
            playing: RwSignal::new(!browser::prefers_reduced_motion()),
            speed_index: RwSignal::new(DEFAULT_SPEED_INDEX),
            now_ms: RwSignal::new(0),
            end_ms: RwSignal::new(0),
            marks: RwSignal::new(String::new()),
            rate_per_minute: RwSignal::new(0),
            carry: StoredValue::new(0.0),
            notice: RwSignal::new(None),
            branch_note: RwSignal::new(None),
            problems: RwSignal::new(problems.clone()),
            read_problems: StoredValue::new(problems),
            query: RwSignal::new(String::new()),
            stop_at_ms: StoredValue::new(None),
            generation: RwSignal::new(0),
        };
        desk.publish();
        desk
    }

    pub fn with<T>(&self, read: impl FnOnce(&Comparison) -> T) -> T {
        self.comparison.with_value(read)
    }

    /// Everything at once (after a learner's action): every lane, then the text.
    fn publish(&self) {
        let lanes = self.with(|comparison| comparison.lanes().len());
        for lane in 0..LANES_MAX {
            self.publish_lane(lane);
        }
        set_if_changed(self.lane_count, lanes);
        self.publish_text();
        self.cadence.update_value(Cadence::refreshed_all);
    }

    /// One lane's snapshot and frame (`None` past the comparison's lanes).
    fn publish_lane(&self, lane: usize) {
        let (snapshot, frame) = self.with(|comparison| {
            comparison
                .lanes()
                .get(lane)
                .map(|lane| (lane.world().snapshot(), lane.world().frame()))
                .unzip()
        });
        self.snapshots[lane].set(snapshot);
        self.frames[lane].set(frame);
    }

    /// The rows, the clock, the timeline, the stream's rate, the link and its problems.
    fn publish_text(&self) {
        self.comparison.with_value(|comparison| {
            self.rows
                .set(crate::model::compare::report::rows_html(&comparison.rows()));
            self.now_ms.set(comparison.now_ms());
            set_if_changed(self.end_ms, comparison.end_ms());
            set_if_changed(self.marks, marks_html(&comparison.marks()));
            set_if_changed(
                self.rate_per_minute,
                comparison.stream().rates_per_minute()[0],
            );
            set_if_changed(self.query, comparison.link().to_query());
            // What the link got wrong when read, then what its replay could not apply.
            let replayed = comparison.problems();
            let shown = self.read_problems.with_value(Vec::len) + replayed.len();
            if self.problems.with_untracked(Vec::len) != shown {
                let mut problems = self.read_problems.get_value();
                problems.extend(replayed.iter().map(|problem| problem.0.clone()));
                self.problems.set(problems);
            }
        });
    }

    pub fn frame(&self, elapsed_ms: f64) {
        if !self.playing.get_untracked() || !elapsed_ms.is_finite() || elapsed_ms <= 0.0 {
            return;
        }
        let speed = SPEEDS[self.speed_index.get_untracked()];
        let carry = self.carry.get_value() + elapsed_ms.min(FRAME_REAL_MS_MAX) * speed;
        let whole_ms = carry.floor();
        self.carry.set_value(carry - whole_ms);
        let stop_at_ms = self.stop_at_ms.get_value();
        let reached_stop = self.comparison.try_update_value(|comparison| {
            let target_ms = comparison.now_ms() + whole_ms as u64;
            comparison.advance_to(stop_at_ms.map_or(target_ms, |stop| target_ms.min(stop)));
            stop_at_ms.is_some_and(|stop| comparison.now_ms() >= stop)
        });
        if reached_stop == Some(true) {
            self.stop_at_ms.set_value(None);
            self.playing.set(false);
            self.publish();
            return;
        }
        let lanes = self.lane_count.get_untracked();
        let due = self
            .cadence
            .try_update_value(|cadence| cadence.frame(elapsed_ms, lanes + 1));
        if due == Some(Due::All) {
            self.publish();
            return;
        }
        for lane in 0..lanes {
            if due == Some(Due::Part(lane)) {
                self.publish_lane(lane);
            } else {
                let frame = self.with(|comparison| comparison.lanes()[lane].world().frame());
                self.frames[lane].set(Some(frame));
            }
        }
        if due == Some(Due::Part(lanes)) {
            self.publish_text();
        }
    }

    /// One virtual second on, paused (exact steps: a link replays to the same moment).
    pub fn step_second(&self) {
        let now_ms = self.with(Comparison::now_ms);
        self.run_to(now_ms + 1_000);
    }

    /// Runs every lane to `at_ms` at once, paused there.
    pub fn run_to(&self, at_ms: u64) {
        self.playing.set(false);
        self.stop_at_ms.set_value(None);
        self.comparison
            .update_value(|comparison| comparison.advance_to(at_ms));
        self.publish();
    }

    /// Every lane as it was at `at_ms` of the branch, paused there.
    pub fn seek_ms(&self, at_ms: u64) {
        self.playing.set(false);
        self.branch_note.set(None);
        self.comparison
            .update_value(|comparison| comparison.seek_ms(at_ms));
        self.carry.set_value(0.0);
        self.publish();
    }

    /// The nearest mark after (`forward`) or before now, if any.
    pub fn mark_from_now(&self, forward: bool) -> Option<Mark> {
        self.comparison.with_value(|comparison| {
            let now_ms = comparison.now_ms();
            let marks = comparison.marks();
            if forward {
                marks.into_iter().find(|mark| mark.at_ms > now_ms)
            } else {
                marks.into_iter().rev().find(|mark| mark.at_ms < now_ms)
            }
        })
    }

    /// Acts now; the notice says what was refused (everywhere, or in some lanes) and the branch
    /// note whether a new branch started. Returns whether it applied anywhere.
    pub fn act(&self, lane: Option<usize>, command: Command) -> bool {
        let result = self
            .comparison
            .try_update_value(|comparison| comparison.act(lane, command));
        let applied = match result {
            Some(Ok(acted)) => {
                let refused: Vec<String> = acted.refused.iter().map(ToString::to_string).collect();
                self.notice.set(
                    (!refused.is_empty())
                        .then(|| format!("Not applied in every lane. {}", refused.join(" "))),
                );
                if let Some(forked) = acted.forked {
                    self.branch_note.set(Some(forked.describe()));
                }
                true
            }
            Some(Err(error)) => {
                self.notice.set(Some(error.to_string()));
                false
            }
            None => false,
        };
        self.publish();
        applied
    }

    /// "Delete the pod Alice last reached", in one lane or each: each lane resolves its own pod.
    pub fn delete_last_reached(&self, lane: Option<usize>, client: usize) {
        let lanes = self.with(|comparison| comparison.lanes().len());
        let chosen: Vec<usize> = lane.map_or_else(|| (0..lanes).collect(), |lane| vec![lane]);
        let mut unanswered = Vec::new();
        for index in chosen {
            let pod = self.with(|comparison| comparison.lanes()[index].last_reached(client));
            match pod {
                Some(name) => {
                    self.act(Some(index), Command::DeletePod { name });
                }
                None => unanswered.push(format!("lane {}", index + 1)),
            }
        }
        if !unanswered.is_empty() {
            self.notice.set(Some(format!(
                "No request of this client has been answered yet in {}.",
                unanswered.join(", ")
            )));
        }
    }

    /// Every client of the shared stream sends `per_minute` requests a minute, in all lanes.
    pub fn set_rate(&self, per_minute: u32) {
        let clients = self.with(|comparison| comparison.stream().rates_per_minute().len());
        for client in 0..clients {
            let command = Command::SetTraffic {
                client,
                requests_per_minute: per_minute,
            };
            if !self.act(None, command) {
                return;
            }
        }
    }

    /// A new comparison of these lanes (same seed), from the start.
    pub fn replace(&self, scenarios: Vec<crate::model::sim::ScenarioId>) {
        let seed = self.with(|comparison| comparison.link().seed);
        match Comparison::new(&scenarios, seed) {
            Ok(comparison) => self.load(comparison, None),
            Err(error) => self.notice.set(Some(error.to_string())),
        }
    }

    /// Shows `comparison` from its start; play stops at `stop_at_ms` if given.
    pub fn load(&self, comparison: Comparison, stop_at_ms: Option<u64>) {
        self.comparison.set_value(comparison);
        self.stop_at_ms.set_value(stop_at_ms);
        self.carry.set_value(0.0);
        self.notice.set(None);
        self.branch_note.set(None);
        self.generation.update(|generation| *generation += 1);
        self.publish();
    }

    pub fn scenarios(&self) -> Vec<crate::model::sim::ScenarioId> {
        self.with(|comparison| comparison.link().scenarios.clone())
    }

    /// The clock and the timeline's position, as words.
    pub fn moment_text(&self) -> String {
        format!(
            "{} of {}",
            format_seconds(self.now_ms.get()),
            format_seconds(self.end_ms.get())
        )
    }
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}
