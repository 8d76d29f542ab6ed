//! The "one server" scene: the adder and the converter each running as a single copy.
//!
//! Each panel turns what the learner typed into a call, remembers the latest calls (bounded),
//! and keeps a plain-words message for bad input. The components only display this state.

use std::collections::VecDeque;

use super::{Adder, Centimetres, metres_to_centimetres, parse_whole_number};

/// How many past calls a panel remembers; older ones are dropped first.
pub const CALLS_KEPT_MAX: usize = 20;

/// One successful `addAndReturnTotal(number)` call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddCall {
    /// 1 for the first call the panel made; never reused.
    pub id: u64,
    pub number: u64,
    pub total: u64,
}

/// The stateful adder with the calls made to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AdderPanel {
    adder: Adder,
    calls: VecDeque<AddCall>,
    calls_made: u64,
    error: Option<String>,
}

impl AdderPanel {
    /// Adds what was typed. Bad input sets the message and leaves the total unchanged.
    pub fn submit(&mut self, input: &str) {
        let outcome = parse_whole_number(input)
            .map_err(|error| error.to_string())
            .and_then(|number| {
                let total = self
                    .adder
                    .add_and_return_total(number)
                    .map_err(|error| error.to_string())?;
                Ok((number, total))
            });
        match outcome {
            Ok((number, total)) => {
                self.calls_made += 1;
                remember(
                    &mut self.calls,
                    AddCall {
                        id: self.calls_made,
                        number,
                        total,
                    },
                );
                self.error = None;
            }
            Err(message) => self.error = Some(message),
        }
    }

    pub fn total(&self) -> u64 {
        self.adder.total()
    }

    /// The latest calls, oldest first.
    pub fn calls(&self) -> impl ExactSizeIterator<Item = &AddCall> {
        self.calls.iter()
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// One successful `convertMetersToCentimeters(meters)` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertCall {
    pub id: u64,
    /// The metres as typed (trimmed), so "1.50" is shown as the learner wrote it.
    pub metres: String,
    pub centimetres: Centimetres,
}

/// The stateless converter with the calls made to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConverterPanel {
    calls: VecDeque<ConvertCall>,
    calls_made: u64,
    error: Option<String>,
}

impl ConverterPanel {
    /// Converts what was typed. Bad input sets the message; earlier answers stay.
    pub fn submit(&mut self, input: &str) {
        match metres_to_centimetres(input) {
            Ok(centimetres) => {
                self.calls_made += 1;
                remember(
                    &mut self.calls,
                    ConvertCall {
                        id: self.calls_made,
                        metres: input.trim().to_string(),
                        centimetres,
                    },
                );
                self.error = None;
            }
            Err(error) => self.error = Some(error.to_string()),
        }
    }

    /// The latest answer, if any.
    pub fn latest(&self) -> Option<&ConvertCall> {
        self.calls.back()
    }

    pub fn calls(&self) -> impl ExactSizeIterator<Item = &ConvertCall> {
        self.calls.iter()
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// What a card shows after each call, for the page to write into its elements: the page's
/// first screen is static HTML, and only these parts change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardState {
    pub error: Option<String>,
    /// The total (`15`), or the latest conversion (`5 m = 500 cm`, `none yet`).
    pub result: String,
    /// Each call remembered, oldest first: its number, the call, and what it returned.
    pub calls: Vec<(u64, String, String)>,
    /// Three calls made: the explanation may show (before, it would answer the question).
    pub tried: bool,
}

/// A one-server card's program: what the learner typed goes in, what the card shows comes out.
pub trait Card {
    fn submit(&mut self, input: &str);
    fn state(&self) -> CardState;
}

impl Card for AdderPanel {
    fn submit(&mut self, input: &str) {
        AdderPanel::submit(self, input);
    }

    fn state(&self) -> CardState {
        CardState {
            error: self.error.clone(),
            result: self.total().to_string(),
            calls: self
                .calls()
                .map(|call| {
                    (
                        call.id,
                        format!("addAndReturnTotal({}) returned ", call.number),
                        call.total.to_string(),
                    )
                })
                .collect(),
            tried: self.calls.len() >= 3,
        }
    }
}

impl Card for ConverterPanel {
    fn submit(&mut self, input: &str) {
        ConverterPanel::submit(self, input);
    }

    fn state(&self) -> CardState {
        CardState {
            error: self.error.clone(),
            result: self.latest().map_or_else(
                || "none yet".to_owned(),
                |call| format!("{} m = {}", call.metres, call.centimetres),
            ),
            calls: self
                .calls()
                .map(|call| {
                    (
                        call.id,
                        format!("convertMetersToCentimeters({}) returned ", call.metres),
                        call.centimetres.0.to_string(),
                    )
                })
                .collect(),
            tried: self.calls.len() >= 3,
        }
    }
}

fn remember<T>(calls: &mut VecDeque<T>, call: T) {
    if calls.len() == CALLS_KEPT_MAX {
        calls.pop_front();
    }
    calls.push_back(call);
    debug_assert!(calls.len() <= CALLS_KEPT_MAX);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adder_panel_shows_5_10_15() {
        let mut panel = AdderPanel::default();
        for _ in 0..3 {
            panel.submit("5");
        }
        let totals: Vec<u64> = panel.calls().map(|call| call.total).collect();
        assert_eq!(totals, [5, 10, 15]);
        assert_eq!(panel.total(), 15);
        assert_eq!(panel.error(), None);
    }

    #[test]
    fn bad_input_keeps_the_total_and_a_good_add_clears_the_message() {
        let mut panel = AdderPanel::default();
        panel.submit("5");
        for bad in ["", "five", "2.5", "-1", "99999999999999999999"] {
            panel.submit(bad);
            assert!(panel.error().is_some(), "{bad:?} should be explained");
            assert_eq!(panel.total(), 5);
            assert_eq!(panel.calls().len(), 1);
        }
        panel.submit("18446744073709551615");
        assert!(panel.error().unwrap().contains("The total stays 5"));
        assert_eq!(panel.total(), 5);
        panel.submit("1");
        assert_eq!(panel.error(), None);
        assert_eq!(panel.total(), 6);
    }

    #[test]
    fn calls_are_bounded_and_ids_keep_counting() {
        let mut panel = AdderPanel::default();
        for _ in 0..(CALLS_KEPT_MAX + 5) {
            panel.submit("1");
        }
        assert_eq!(panel.calls().len(), CALLS_KEPT_MAX);
        let first = panel.calls().next().unwrap();
        assert_eq!(first.id, 6);
        assert_eq!(panel.total(), (CALLS_KEPT_MAX + 5) as u64);
    }

    #[test]
    fn converter_panel_gives_500_every_time() {
        let mut panel = ConverterPanel::default();
        for _ in 0..3 {
            panel.submit("5");
            assert_eq!(panel.latest().unwrap().centimetres, Centimetres(500));
        }
        panel.submit("abc");
        assert!(panel.error().is_some());
        assert_eq!(panel.latest().unwrap().centimetres, Centimetres(500));
        assert_eq!(panel.calls().len(), 3);
    }
}
