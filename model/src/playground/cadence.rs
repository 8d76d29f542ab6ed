//! When a running page refreshes its text. Scenes are redrawn every frame; the text under them
//! (tables, strips, verdicts) four times a second, and that refresh is cut into parts done one
//! per frame, so that no frame pays for all of them (the frame budget).
//!
//! On a slow machine a frame can take longer than the report interval. Then the next report is
//! due before the last one's parts were done; instead of starting over (which would starve the
//! later parts forever), the whole refresh is done at once. Every part is therefore done at
//! least once between two starts of a refresh, whatever the frame times.

/// Four reports a second: text that changes 60 times a second cannot be read anyway.
pub const REPORT_INTERVAL_MS: f64 = 250.0;

/// What a frame has to refresh besides its scene.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Part `n` of the refresh (part 0 starts it: a new report).
    Part(usize),
    /// A new report and every part, now.
    All,
    Nothing,
}

#[derive(Debug, Clone, Default)]
pub struct Cadence {
    since_report_ms: f64,
    /// The next part of the refresh under way, if one is.
    next_part: Option<usize>,
}

impl Cadence {
    /// A frame `elapsed_ms` after the last; `parts`: how many parts a refresh has now (at least 1).
    pub fn frame(&mut self, elapsed_ms: f64, parts: usize) -> Due {
        assert!(parts >= 1, "a refresh has at least its report");
        if elapsed_ms.is_finite() && elapsed_ms > 0.0 {
            self.since_report_ms += elapsed_ms;
        }
        if self.since_report_ms >= REPORT_INTERVAL_MS {
            self.since_report_ms = 0.0;
            return match self.next_part.take() {
                Some(_) => Due::All,
                None => {
                    self.next_part = (parts > 1).then_some(1);
                    Due::Part(0)
                }
            };
        }
        match self.next_part {
            Some(part) if part < parts => {
                self.next_part = (part + 1 < parts).then_some(part + 1);
                Due::Part(part)
            }
            // The parts shrank under way (a lane removed): what is left is done at once.
            Some(_) => {
                self.next_part = None;
                Due::All
            }
            None => Due::Nothing,
        }
    }

    /// Everything was refreshed outside the frames (a learner's action): the next report is a
    /// whole interval away and no part is owed.
    pub fn refreshed_all(&mut self) {
        self.since_report_ms = 0.0;
        self.next_part = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_refresh_is_spread_over_the_frames_after_its_report() {
        let mut cadence = Cadence::default();
        let dues: Vec<Due> = (0..20).map(|_| cadence.frame(16.0, 4)).collect();
        let start = dues.iter().position(|due| *due == Due::Part(0)).unwrap();
        assert_eq!(start, 15, "the report waits for 250 ms of frames");
        assert_eq!(&dues[start..start + 4], &[0, 1, 2, 3].map(Due::Part));
        assert!(dues[start + 4..].iter().all(|due| *due == Due::Nothing));
        assert!(dues[..start].iter().all(|due| *due == Due::Nothing));
    }

    #[test]
    fn frames_slower_than_the_interval_still_reach_every_part() {
        let mut cadence = Cadence::default();
        let dues: Vec<Due> = (0..6).map(|_| cadence.frame(300.0, 4)).collect();
        assert_eq!(
            dues,
            [
                Due::Part(0),
                Due::All,
                Due::Part(0),
                Due::All,
                Due::Part(0),
                Due::All
            ]
        );
    }

    proptest! {
        /// Whatever the frame times and part counts, every part of a started refresh is done
        /// (on its own or with all the others) before the next refresh starts, and a report is
        /// never more than one interval plus a frame late.
        #[test]
        fn no_part_is_starved(frames in proptest::collection::vec((0.0f64..600.0, 1usize..6), 1..300)) {
            let mut cadence = Cadence::default();
            let mut owed: Option<(usize, usize)> = None; // (next part, parts)
            let mut since_ms = 0.0;
            for (elapsed_ms, parts) in frames {
                since_ms += elapsed_ms;
                match cadence.frame(elapsed_ms, parts) {
                    Due::Part(0) => {
                        prop_assert!(owed.is_none(), "a refresh started before the last was done");
                        prop_assert!(since_ms >= REPORT_INTERVAL_MS);
                        since_ms = 0.0;
                        owed = (parts > 1).then_some((1, parts));
                    }
                    Due::Part(part) => {
                        let (next, _) = owed.expect("a part with no refresh under way");
                        prop_assert_eq!(part, next);
                        prop_assert!(part < parts);
                        owed = (part + 1 < parts).then_some((part + 1, parts));
                    }
                    Due::All => {
                        if since_ms >= REPORT_INTERVAL_MS {
                            since_ms = 0.0;
                        }
                        owed = None;
                    }
                    Due::Nothing => prop_assert!(since_ms < REPORT_INTERVAL_MS),
                }
            }
        }
    }
}
