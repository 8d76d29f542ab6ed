//! The story's stateful program: `addAndReturnTotal`.
//!
//! `var total = 0; function addAndReturnTotal(number) { total = total + number; return total }`
//! The same input gives a different output each call because of `total`: that is what makes
//! it stateful, and what breaks when several copies run behind a load balancer.

use std::fmt;

/// One copy of the adder with its running total in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Adder {
    total: u64,
}

/// Why an add was refused. The total is unchanged whenever this is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddError {
    /// `total + number` does not fit in a `u64`.
    Overflow { total: u64, number: u64 },
}

impl fmt::Display for AddError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddError::Overflow { total, number } => write!(
                f,
                "Adding {number} to {total} would pass {}, the largest total the adder can hold. \
                 The total stays {total}.",
                u64::MAX
            ),
        }
    }
}

impl std::error::Error for AddError {}

impl Adder {
    pub fn new() -> Self {
        Self::default()
    }

    /// The running total.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// `addAndReturnTotal`: adds `number` to the total and returns the new total.
    pub fn add_and_return_total(&mut self, number: u64) -> Result<u64, AddError> {
        let total = self.total.checked_add(number).ok_or(AddError::Overflow {
            total: self.total,
            number,
        })?;
        self.total = total;
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn adding_five_three_times_returns_5_10_15() {
        let mut adder = Adder::new();
        let totals: Vec<u64> = (0..3)
            .map(|_| adder.add_and_return_total(5).unwrap())
            .collect();
        assert_eq!(totals, [5, 10, 15]);
    }

    #[test]
    fn overflow_is_refused_and_leaves_the_total_alone() {
        let mut adder = Adder::new();
        adder.add_and_return_total(u64::MAX - 1).unwrap();
        let error = adder.add_and_return_total(2).unwrap_err();
        assert_eq!(
            error,
            AddError::Overflow {
                total: u64::MAX - 1,
                number: 2
            }
        );
        assert!(error.to_string().contains("The total stays"));
        assert_eq!(adder.total(), u64::MAX - 1);
        assert_eq!(adder.add_and_return_total(1), Ok(u64::MAX));
    }

    proptest! {
        /// The total is the sum of the accepted adds, and never goes down.
        #[test]
        fn total_is_the_sum_of_accepted_adds(numbers in prop::collection::vec(any::<u64>(), 0..50)) {
            let mut adder = Adder::new();
            let mut sum: u128 = 0;
            for number in numbers {
                let before = adder.total();
                match adder.add_and_return_total(number) {
                    Ok(total) => {
                        sum += u128::from(number);
                        prop_assert!(total >= before);
                        prop_assert_eq!(u128::from(total), sum);
                    }
                    Err(AddError::Overflow { total, .. }) => {
                        prop_assert_eq!(total, before);
                        prop_assert_eq!(adder.total(), before);
                    }
                }
            }
        }
    }
}
