//! Parsing what a learner types into a whole number.
//!
//! The story's adder only ever adds, so amounts are whole numbers of 0 or more (`u64`).
//! Every rejection says in plain words what was wrong, so the UI can show it as is.

use std::fmt;

/// Why a typed amount is not a whole number the adder can take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    /// Nothing (or only spaces) was typed.
    Empty,
    /// The text is not a number at all, e.g. `five`.
    NotANumber(String),
    /// A number with a fractional part, e.g. `2.5`.
    Fraction(String),
    /// A number below zero: the adder has no way to subtract.
    Negative(String),
    /// A whole number larger than `u64::MAX`.
    TooLarge(String),
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::Empty => write!(f, "Type a whole number first, for example 5."),
            AmountError::NotANumber(text) => {
                write!(
                    f,
                    "\u{201c}{text}\u{201d} is not a number. Type digits, for example 5."
                )
            }
            AmountError::Fraction(text) => write!(
                f,
                "{text} has a fractional part. The adder adds whole numbers only, for example 5."
            ),
            AmountError::Negative(text) => write!(
                f,
                "{text} is negative. The adder only adds, so use 0 or more."
            ),
            AmountError::TooLarge(text) => write!(
                f,
                "{} is too large: the largest whole number here is {}.",
                whole_number_text(text),
                u64::MAX
            ),
        }
    }
}

impl std::error::Error for AmountError {}

/// Parses a whole number of 0 or more, ignoring surrounding spaces and a leading `+`.
pub fn parse_whole_number(input: &str) -> Result<u64, AmountError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(AmountError::Empty);
    }
    let shape = NumberShape::of(text).ok_or_else(|| AmountError::NotANumber(abbreviate(text)))?;
    if shape.negative && !shape.is_zero() {
        return Err(AmountError::Negative(abbreviate(text)));
    }
    if shape.fraction.bytes().any(|digit| digit != b'0') {
        return Err(AmountError::Fraction(abbreviate(text)));
    }
    // Leading zeros are harmless ("007" is 7); only the significant digits can overflow.
    let significant = shape.whole.trim_start_matches('0');
    if significant.is_empty() {
        return Ok(0);
    }
    significant
        .parse::<u64>()
        .map_err(|_| AmountError::TooLarge(text.to_string()))
}

/// A decimal number split into its parts: `-12.50` is negative, whole `12`, fraction `50`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NumberShape<'a> {
    pub negative: bool,
    pub whole: &'a str,
    pub fraction: &'a str,
}

impl<'a> NumberShape<'a> {
    /// Recognises `[+-]digits[.digits]`, `[+-].digits` and `[+-]digits.`; anything else is `None`.
    /// Exponents and separators are refused rather than guessed at.
    pub(crate) fn of(text: &'a str) -> Option<Self> {
        let (negative, unsigned) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        let has_digit = !whole.is_empty() || !fraction.is_empty();
        (has_digit && all_digits(whole) && all_digits(fraction)).then_some(Self {
            negative,
            whole,
            fraction,
        })
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.whole
            .bytes()
            .chain(self.fraction.bytes())
            .all(|digit| digit == b'0')
    }
}

/// Keeps messages readable when someone pastes a very long string.
pub(crate) fn abbreviate(text: &str) -> String {
    const MAX_CHARS: usize = 24;
    if text.chars().count() <= MAX_CHARS {
        text.to_string()
    } else {
        let head: String = text.chars().take(MAX_CHARS).collect();
        format!("{head}\u{2026}")
    }
}

/// A too-large number as typed, whole, so the learner sees why it is too large; only a
/// number longer than anyone types by hand is cut, with its length said.
pub(crate) fn whole_number_text(text: &str) -> String {
    const WHOLE_MAX_CHARS: usize = 64;
    let count = text.chars().count();
    if count <= WHOLE_MAX_CHARS {
        text.to_string()
    } else {
        format!("{} ({count} characters)", abbreviate(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_whole_numbers_with_spaces_sign_and_leading_zeros() {
        assert_eq!(parse_whole_number("5"), Ok(5));
        assert_eq!(parse_whole_number("  42 "), Ok(42));
        assert_eq!(parse_whole_number("+7"), Ok(7));
        assert_eq!(parse_whole_number("007"), Ok(7));
        assert_eq!(parse_whole_number("0"), Ok(0));
        assert_eq!(parse_whole_number("-0"), Ok(0));
        assert_eq!(parse_whole_number("3.000"), Ok(3));
        assert_eq!(parse_whole_number("18446744073709551615"), Ok(u64::MAX));
    }

    #[test]
    fn rejects_each_kind_of_bad_input_with_its_own_message() {
        assert_eq!(parse_whole_number(""), Err(AmountError::Empty));
        assert_eq!(parse_whole_number("   "), Err(AmountError::Empty));
        assert_eq!(
            parse_whole_number("five"),
            Err(AmountError::NotANumber("five".into()))
        );
        for text in ["1e3", "1,000", "0x10", ".", "+", "-", "5 5", "NaN", "inf"] {
            assert!(
                matches!(parse_whole_number(text), Err(AmountError::NotANumber(_))),
                "{text}"
            );
        }
        assert_eq!(
            parse_whole_number("2.5"),
            Err(AmountError::Fraction("2.5".into()))
        );
        assert_eq!(
            parse_whole_number("-3"),
            Err(AmountError::Negative("-3".into()))
        );
        assert_eq!(
            parse_whole_number("18446744073709551616"),
            Err(AmountError::TooLarge("18446744073709551616".into()))
        );
    }

    #[test]
    fn messages_are_plain_and_bounded() {
        let huge = "9".repeat(5000);
        let message = parse_whole_number(&huge).unwrap_err().to_string();
        assert!(message.contains("too large"), "{message}");
        assert!(message.contains("(5000 characters)"), "{message}");
        let thirty = "9".repeat(30);
        let message = parse_whole_number(&thirty).unwrap_err().to_string();
        assert!(
            message.starts_with(&format!("{thirty} is too large")),
            "shown whole: {message}"
        );
        assert!(message.len() < 160, "{message}");
        assert!(
            AmountError::Empty.to_string().contains("whole number"),
            "empty input explains what to type"
        );
    }

    proptest! {
        #[test]
        fn every_u64_round_trips(n in any::<u64>()) {
            prop_assert_eq!(parse_whole_number(&n.to_string()), Ok(n));
        }

        #[test]
        fn never_panics_and_only_accepts_what_u64_parses(text in "\\PC{0,40}") {
            if let Ok(n) = parse_whole_number(&text) {
                // Whatever is accepted denotes exactly that whole number.
                let canonical = text.trim().trim_start_matches('+');
                let whole = canonical.split('.').next().unwrap_or("");
                let digits = whole.trim_start_matches('-').trim_start_matches('0');
                prop_assert_eq!(if digits.is_empty() { 0 } else { digits.parse::<u64>().unwrap() }, n);
            }
        }
    }
}
