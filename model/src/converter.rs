//! The story's stateless program: `convertMetersToCentimeters(meters) { return meters * 100 }`.
//!
//! No state: the same input always gives the same output, on one server or on a hundred.
//! Lengths are parsed as exact decimals (never floats) so 0.1 m is exactly 10 cm.

use std::fmt;

use super::amount::{NumberShape, abbreviate};

/// A length in whole centimetres.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Centimetres(pub u64);

impl fmt::Display for Centimetres {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} cm", self.0)
    }
}

/// Why a typed length could not be converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConvertError {
    Empty,
    NotANumber(String),
    Negative(String),
    /// More than two decimal places: the answer would not be a whole number of centimetres.
    TooPrecise(String),
    /// The answer in centimetres would not fit in a `u64`.
    TooLarge(String),
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConvertError::Empty => write!(f, "Type a length in metres first, for example 5."),
            ConvertError::NotANumber(text) => write!(
                f,
                "\u{201c}{text}\u{201d} is not a number. Type a length in metres, for example 5 or 1.25."
            ),
            ConvertError::Negative(text) => {
                write!(f, "{text} is negative. A length is 0 metres or more.")
            }
            ConvertError::TooPrecise(text) => write!(
                f,
                "{text} has more than two decimal places. Use whole centimetres, for example 1.25."
            ),
            ConvertError::TooLarge(text) => write!(
                f,
                "{text} metres is too long: the largest answer here is {} cm.",
                u64::MAX
            ),
        }
    }
}

impl std::error::Error for ConvertError {}

/// Parses a length in metres (up to two decimal places) and returns it in centimetres.
pub fn metres_to_centimetres(input: &str) -> Result<Centimetres, ConvertError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(ConvertError::Empty);
    }
    let shown = abbreviate(text);
    let shape = NumberShape::of(text).ok_or_else(|| ConvertError::NotANumber(shown.clone()))?;
    if shape.negative && !shape.is_zero() {
        return Err(ConvertError::Negative(shown));
    }
    let fraction = shape.fraction.trim_end_matches('0');
    if fraction.len() > 2 {
        return Err(ConvertError::TooPrecise(shown));
    }
    // "1.5" is 1 m and 50 cm: pad the fraction to two digits, then read whole * 100 + fraction.
    let mut centimetres_of_fraction = 0u64;
    for digit in format!("{fraction:0<2}").bytes() {
        centimetres_of_fraction = centimetres_of_fraction * 10 + u64::from(digit - b'0');
    }
    let significant = shape.whole.trim_start_matches('0');
    let whole_metres = if significant.is_empty() {
        0
    } else {
        significant
            .parse::<u64>()
            .map_err(|_| ConvertError::TooLarge(shown.clone()))?
    };
    whole_metres
        .checked_mul(100)
        .and_then(|centimetres| centimetres.checked_add(centimetres_of_fraction))
        .map(Centimetres)
        .ok_or(ConvertError::TooLarge(shown))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn five_metres_is_always_500_centimetres() {
        for _ in 0..3 {
            assert_eq!(metres_to_centimetres("5"), Ok(Centimetres(500)));
        }
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(metres_to_centimetres("0.1"), Ok(Centimetres(10)));
        assert_eq!(metres_to_centimetres("1.25"), Ok(Centimetres(125)));
        assert_eq!(metres_to_centimetres("1.5"), Ok(Centimetres(150)));
        assert_eq!(metres_to_centimetres(".07"), Ok(Centimetres(7)));
        assert_eq!(metres_to_centimetres("2.500"), Ok(Centimetres(250)));
        assert_eq!(metres_to_centimetres("-0"), Ok(Centimetres(0)));
    }

    #[test]
    fn bad_lengths_are_explained() {
        assert_eq!(metres_to_centimetres(" "), Err(ConvertError::Empty));
        assert_eq!(
            metres_to_centimetres("ten"),
            Err(ConvertError::NotANumber("ten".into()))
        );
        assert_eq!(
            metres_to_centimetres("-2"),
            Err(ConvertError::Negative("-2".into()))
        );
        assert_eq!(
            metres_to_centimetres("1.234"),
            Err(ConvertError::TooPrecise("1.234".into()))
        );
        assert_eq!(
            metres_to_centimetres("184467440737095517"),
            Err(ConvertError::TooLarge("184467440737095517".into()))
        );
        assert_eq!(
            metres_to_centimetres("184467440737095516.15"),
            Ok(Centimetres(u64::MAX))
        );
        assert!(matches!(
            metres_to_centimetres("184467440737095516.16"),
            Err(ConvertError::TooLarge(_))
        ));
    }

    proptest! {
        /// Stateless: any whole number of metres gives exactly 100 times as many centimetres.
        #[test]
        fn whole_metres_times_100(metres in 0u64..=u64::MAX / 100) {
            prop_assert_eq!(metres_to_centimetres(&metres.to_string()), Ok(Centimetres(metres * 100)));
        }

        #[test]
        fn never_panics(text in "\\PC{0,40}") {
            let _ = metres_to_centimetres(&text);
        }
    }
}
