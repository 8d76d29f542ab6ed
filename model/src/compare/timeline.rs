//! The compare view's time machine: copies of the whole comparison (every lane and the shared
//! stream) along the branch, so the slider rebuilds any earlier moment of all lanes together by
//! replaying from the nearest copy. As in the playground, a run is deterministic, so a checkpoint
//! is only a cache: dropping one changes how long a seek takes, never what it shows.

use super::Moment;
use crate::sim::Finding;

/// A checkpoint is taken once the lanes together have run this many events since the last one
/// (replaying costs per event). Twice the playground's spacing: a comparison has two to four
/// worlds, each smaller than the playground's 16-pod bench scene.
pub const CHECKPOINT_EVERY_EVENTS: u64 = 16_384;
/// Checkpoints kept at most; when full, every second one goes and the spacing doubles. Fewer than
/// the playground's 48, because each holds every lane's world.
pub const CHECKPOINTS_MAX: usize = 32;

#[derive(Debug, Clone)]
pub(super) struct Timeline {
    /// In time order; the first is the comparison at 0 ms.
    checkpoints: Vec<Moment>,
    every_events: u64,
    /// The furthest the branch has run.
    end_ms: u64,
    /// Per lane, the first thing its checker found on this branch (a mark).
    first_findings: Vec<Option<Finding>>,
}

impl Timeline {
    pub fn new(start: &Moment, every_events: u64) -> Self {
        Timeline {
            checkpoints: vec![start.clone()],
            every_events: every_events.max(1),
            end_ms: start.now_ms,
            first_findings: vec![None; start.lanes.len()],
        }
    }

    pub fn end_ms(&self) -> u64 {
        self.end_ms
    }

    pub fn first_findings(&self) -> &[Option<Finding>] {
        &self.first_findings
    }

    pub fn checkpoints(&self) -> usize {
        self.checkpoints.len()
    }

    /// Notes that the branch has run to `moment` (after every advance): extends the end, marks
    /// each lane's first finding, and takes a checkpoint when one is due.
    pub fn reached(&mut self, moment: &Moment) {
        if moment.now_ms < self.end_ms {
            return; // replaying the past: nothing new
        }
        self.end_ms = self.end_ms.max(moment.now_ms);
        for (first, lane) in self.first_findings.iter_mut().zip(&moment.lanes) {
            if first.is_none() {
                *first = lane.world.checker().findings().next().copied();
            }
        }
        let last = &self.checkpoints[self.checkpoints.len() - 1];
        if moment.events() >= last.events() + self.every_events {
            self.checkpoints.push(moment.clone());
            if self.checkpoints.len() > CHECKPOINTS_MAX {
                let mut index = 0;
                self.checkpoints.retain(|_| {
                    index += 1;
                    index % 2 == 1
                });
                self.every_events *= 2;
            }
        }
        debug_assert!(self.checkpoints.len() <= CHECKPOINTS_MAX);
    }

    /// The latest checkpoint at or before `at_ms` (the start always is).
    pub fn latest(&self, at_ms: u64) -> &Moment {
        let after = self
            .checkpoints
            .partition_point(|checkpoint| checkpoint.now_ms <= at_ms);
        &self.checkpoints[after.saturating_sub(1)]
    }

    /// The branch is cut at `moment` (the learner acted there): what came after is forgotten.
    pub fn fork(&mut self, moment: &Moment) {
        self.checkpoints.retain(|checkpoint| {
            checkpoint.now_ms <= moment.now_ms && checkpoint.next_action <= moment.next_action
        });
        for first in &mut self.first_findings {
            *first = first.filter(|finding| finding.at_ms() <= moment.now_ms);
        }
        self.end_ms = moment.now_ms;
    }
}
