//! The playground's shared state: the simulation (not reactive) and the signals the view reads.
//! Every change goes through `Lab`, which refreshes the signals once.

use leptos::prelude::*;

use crate::model::embed::FindingReporter;
use crate::model::playground::cadence::{Cadence, Due};
use crate::model::playground::marks::marks_html;
use crate::model::playground::{Link, LinkProblem, Narrator, Playground};
use crate::model::sim::checker::RequestId;
use crate::model::sim::snapshot::Frame;
use crate::model::sim::{Command, ScenarioId, Snapshot, World};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clock {
    pub playing: bool,
    pub speed_index: usize,
    pub now_ms: u64,
    /// The end of the branch: how far the timeline reaches.
    pub end_ms: u64,
    /// Earlier than the branch's end (the learner went back in time).
    pub past: bool,
}

/// The panels under the scene (totals and strips; the request log; Services and events) are
/// rebuilt from the report snapshot in groups, one group per frame after the report's own frame
/// while running (`Cadence`), so no frame pays for every panel (the frame budget).
pub const DETAIL_GROUPS: usize = 3;

/// Handles to the playground state; `Copy`, so closures can hold it freely.
#[derive(Clone, Copy)]
pub struct Lab {
    playground: StoredValue<Playground>,
    narrator: StoredValue<Narrator>,
    /// Which findings the host page was told of (`adder-lab:finding`), when framed.
    reporter: Option<StoredValue<FindingReporter>>,
    /// The world as of the last report refresh (tables, strips, verdict, controls).
    pub snapshot: RwSignal<Snapshot>,
    /// The world as of this frame (the scene's markers).
    pub live: RwSignal<Frame>,
    pub clock: RwSignal<Clock>,
    /// The playground's own part of the page's query (scenario, seed, actions).
    pub query: RwSignal<String>,
    /// The answer to the learner's last action when it was refused, in plain words.
    pub notice: RwSignal<Option<String>>,
    pub narration: RwSignal<String>,
    /// What the scene's YAML depends on (the run and the actions applied so far): the YAML
    /// panel, filled by the terminal's bundle, is remade when it changes.
    pub yaml_key: RwSignal<String>,
    /// What the opened link got wrong (read, or replayed), in plain words.
    pub problems: RwSignal<Vec<String>>,
    /// The timeline's marks as markup (`model::playground::marks`), rebuilt when they change.
    pub marks: RwSignal<String>,
    marks_key: StoredValue<Option<(u64, usize, usize)>>,
    /// Told when a group of detail panels should read the snapshot again (`DETAIL_GROUPS`).
    /// (Counters, not `Trigger`s: signals of this type are in the wasm already.)
    pub details: [RwSignal<usize>; DETAIL_GROUPS],
    /// When the report and each group are next due while running.
    cadence: StoredValue<Cadence>,
    /// Requests to highlight: those of the finding the learner jumped to.
    pub highlight: RwSignal<Vec<RequestId>>,
    /// What acting in the past did to the old branch, until the next move in time.
    pub branch_note: RwSignal<Option<String>>,
    /// On a phone, the stage folded to a bar so a revealed lesson can be read (style: narrow
    /// screens only). Unfolded by anything that asks to watch: play, a run, a jump.
    pub folded: RwSignal<bool>,
    /// The playground revision the link was last generated for.
    published_revision: StoredValue<Option<u64>>,
    /// Called after every publish (an action, a report, a run replaced or paused): a lesson
    /// watching the run it started (`Tutor::check`).
    watcher: StoredValue<Option<Callback<()>>>,
}

impl Lab {
    pub fn new(link: Link, problems: Vec<LinkProblem>) -> Self {
        let playground = Playground::from_parsed(link, problems);
        Lab {
            problems: RwSignal::new(texts(playground.problems())),
            snapshot: RwSignal::new(playground.snapshot()),
            live: RwSignal::new(playground.world().frame()),
            clock: RwSignal::new(clock(&playground)),
            marks: RwSignal::new(String::new()),
            marks_key: StoredValue::new(None),
            details: std::array::from_fn(|_| RwSignal::new(0)),
            cadence: StoredValue::new(Cadence::default()),
            highlight: RwSignal::new(Vec::new()),
            branch_note: RwSignal::new(None),
            folded: RwSignal::new(false),
            query: RwSignal::new(playground.link().to_query()),
            yaml_key: RwSignal::new(String::new()),
            playground: StoredValue::new(playground),
            narrator: StoredValue::new(Narrator::default()),
            reporter: crate::ui::browser::framed()
                .then(|| StoredValue::new(FindingReporter::default())),
            notice: RwSignal::new(None),
            narration: RwSignal::new(String::new()),
            published_revision: StoredValue::new(None),
            watcher: StoredValue::new(None),
        }
    }

    /// Publishes the simulation's state to every signal and panel at once (after an action).
    pub fn refresh(&self) {
        self.publish();
        for group in self.details {
            group.update(|told| *told += 1);
        }
        self.cadence.update_value(Cadence::refreshed_all);
    }

    /// Publishes the simulation's state to every signal; the detail panels follow, a group per
    /// frame (`frame`).
    fn publish(&self) {
        self.playground.with_value(|playground| {
            let snapshot = playground.snapshot();
            self.live.set(snapshot.frame.clone());
            self.snapshot.set(snapshot);
            self.clock.set(clock(playground));
            let marks_key = (
                playground.branch(),
                playground.actions_so_far().count(),
                playground.finding_marks().len(),
            );
            if self.marks_key.get_value() != Some(marks_key) {
                self.marks_key.set_value(Some(marks_key));
                self.marks.set(marks_html(&playground.marks()));
            }
            // The link changes only with the settings, not every frame.
            if self.published_revision.get_value() != Some(playground.revision()) {
                self.published_revision
                    .set_value(Some(playground.revision()));
                let query = playground.link().to_query();
                if self.query.with_untracked(|current| *current != query) {
                    self.query.set(query);
                }
            }
            let yaml_key = format!("{}.{}.{}", playground.revision(), marks_key.0, marks_key.1);
            if self.yaml_key.with_untracked(|current| *current != yaml_key) {
                self.yaml_key.set(yaml_key);
            }
            if self.problems.with_untracked(Vec::len) != playground.problems().len() {
                self.problems.set(texts(playground.problems()));
            }
            let said = self
                .narrator
                .try_update_value(|narrator| narrator.narrate(playground.world()));
            if let Some(said) = said.filter(|said| !said.is_empty()) {
                self.narration.set(said.join(" "));
            }
            let found = self.reporter.and_then(|reporter| {
                reporter.try_update_value(|reporter| reporter.report(playground))
            });
            for message in found.unwrap_or_default() {
                crate::ui::browser::tell_host(&message);
            }
        });
        if let Some(watcher) = self.watcher.get_value() {
            watcher.run(());
        }
    }

    /// Sets the one function told after every publish (see `watcher`).
    pub fn watch(&self, watcher: Callback<()>) {
        self.watcher.set_value(Some(watcher));
    }

    pub fn frame(&self, elapsed_ms: f64) {
        if !self.playground.with_value(Playground::playing) {
            return;
        }
        let still_playing = self.playground.try_update_value(|playground| {
            playground.advance_real_ms(elapsed_ms);
            playground.playing()
        });
        // A run that paused itself (a lesson reaching its time) is reported at once, whole.
        if still_playing == Some(false) {
            self.refresh();
            return;
        }
        let due = self
            .cadence
            .try_update_value(|cadence| cadence.frame(elapsed_ms, 1 + DETAIL_GROUPS));
        match due {
            Some(Due::Part(0)) => self.publish(),
            Some(Due::Part(part)) => {
                if let Some(group) = self.details.get(part - 1) {
                    group.update(|told| *told += 1);
                }
                self.publish_frame();
            }
            Some(Due::All) => self.refresh(),
            Some(Due::Nothing) | None => self.publish_frame(),
        }
    }

    /// The scene's markers only (this frame's world).
    fn publish_frame(&self) {
        self.playground
            .with_value(|playground| self.live.set(playground.world().frame()));
    }

    /// Applies a learner's action; a refusal becomes the notice, and nothing else changes.
    pub fn act(&self, command: Command) -> bool {
        let sends = matches!(command, Command::Send { .. });
        let result = self.playground.try_update_value(|playground| {
            let result = playground.command(command);
            (result, playground.world().last_request_id())
        });
        match result {
            Some((Ok(forked), last_request)) => {
                if let (true, Some(id)) = (sends, last_request) {
                    self.narrator.update_value(|narrator| narrator.watch(id));
                }
                if let Some(forked) = forked {
                    self.branch_note.set(Some(forked.describe()));
                }
                self.notice.set(None);
                self.refresh();
                true
            }
            Some((Err(error), _)) => {
                self.notice.set(Some(error.to_string()));
                false
            }
            None => false,
        }
    }

    pub fn refuse(&self, message: impl Into<String>) {
        self.notice.set(Some(message.into()));
    }

    pub fn set_playing(&self, playing: bool) {
        if playing {
            self.folded.set(false);
        }
        self.playground
            .update_value(|playground| playground.set_playing(playing));
        self.refresh();
    }

    pub fn step(&self) {
        self.playground.update_value(Playground::step_event);
        self.refresh();
    }

    /// Pauses and shows the branch as it was at `at_ms` (the timeline's slider).
    pub fn seek_ms(&self, at_ms: u64) {
        self.moved(|playground| playground.seek_ms(at_ms));
    }

    /// Pauses one event earlier.
    pub fn step_back(&self) {
        self.moved(Playground::step_back);
    }

    /// Goes to the moment a finding (or an action) happened, with its requests highlighted.
    pub fn jump(&self, at_ms: u64, requests: Vec<RequestId>) {
        self.folded.set(false);
        self.seek_ms(at_ms);
        self.highlight.set(requests);
    }

    /// Jumps to the nearest mark after (or before) now; false when there is none.
    pub fn jump_to_mark(&self, forward: bool) -> bool {
        let now_ms = self.clock.get_untracked().now_ms;
        let marks = self.playground.with_value(Playground::marks);
        let mark = if forward {
            marks.into_iter().find(|mark| mark.at_ms > now_ms)
        } else {
            marks.into_iter().rev().find(|mark| mark.at_ms < now_ms)
        };
        match mark {
            Some(mark) => {
                self.jump(mark.at_ms, mark.requests);
                true
            }
            None => false,
        }
    }

    fn moved(&self, seek: impl FnOnce(&mut Playground)) {
        self.playground.update_value(|playground| {
            playground.set_playing(false);
            seek(playground);
            self.narrator
                .update_value(|narrator| narrator.moved(playground.world()));
        });
        self.highlight.set(Vec::new());
        self.branch_note.set(None);
        self.notice.set(None);
        self.refresh();
    }

    pub fn set_speed_index(&self, index: usize) {
        self.playground
            .update_value(|playground| playground.set_speed_index(index));
        self.refresh();
    }

    pub fn reset(&self) {
        self.playground.update_value(Playground::reset);
        self.replaced();
        self.narration
            .set("The run started again from the beginning.".to_owned());
        self.refresh();
    }

    /// Replaces the run with a link's (a lesson's scene), paused at its start.
    pub fn load(&self, link: Link) {
        self.folded.set(false); // a new scene is there to be seen
        self.playground
            .update_value(|playground| playground.load(link));
        self.replaced();
        self.refresh();
    }

    /// Plays from now to virtual time `at_ms` at the given speed, then pauses there.
    pub fn play_until(&self, at_ms: u64, speed_index: usize) {
        self.folded.set(false);
        self.playground.update_value(|playground| {
            playground.set_speed_index(speed_index);
            playground.play_until(at_ms);
        });
        self.refresh();
    }

    /// Jumps straight to `at_ms` and pauses (reduced motion, or "skip to the answer").
    pub fn skip_to(&self, at_ms: u64) {
        self.playground.update_value(|playground| {
            playground.advance_to(at_ms);
            playground.set_playing(false);
        });
        self.refresh();
    }

    pub fn with_world<R>(&self, read: impl FnOnce(&World) -> R) -> R {
        self.playground
            .with_value(|playground| read(playground.world()))
    }

    /// Lets `replace` swap the run (a lesson loading its scene); when it did (`Ok`), the
    /// signals follow.
    pub fn replace_with<T, E>(
        &self,
        replace: impl FnOnce(&mut Playground) -> Result<T, E>,
    ) -> Option<Result<T, E>> {
        let result = self.playground.try_update_value(replace);
        if matches!(result, Some(Ok(_))) {
            self.replaced();
            self.refresh();
        }
        result
    }

    pub fn with_playground<R>(&self, read: impl FnOnce(&Playground) -> R) -> R {
        self.playground.with_value(read)
    }

    fn replaced(&self) {
        self.narrator.update_value(Narrator::reset);
        self.notice.set(None);
        self.highlight.set(Vec::new());
        self.branch_note.set(None);
    }

    pub fn switch(&self, scenario: ScenarioId, seed: u64) {
        self.playground
            .update_value(|playground| playground.switch(scenario, seed));
        self.replaced();
        self.narration.set(format!(
            "Scenario: {}. {}",
            scenario.title(),
            scenario.watch_for()
        ));
        self.refresh();
    }

    pub fn scenario(&self) -> ScenarioId {
        self.playground.with_value(Playground::scenario)
    }

    pub fn seed(&self) -> u64 {
        self.playground.with_value(Playground::seed)
    }

    pub fn recording_full(&self) -> bool {
        self.playground.with_value(Playground::recording_full)
    }
}

fn clock(playground: &Playground) -> Clock {
    Clock {
        playing: playground.playing(),
        speed_index: playground.speed_index(),
        now_ms: playground.world().now_ms(),
        end_ms: playground.end_ms(),
        past: playground.behind_end(),
    }
}

fn texts(problems: &[LinkProblem]) -> Vec<String> {
    problems.iter().map(|problem| problem.0.clone()).collect()
}
