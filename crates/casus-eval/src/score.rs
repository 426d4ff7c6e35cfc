//! The one scorer: precision, recall and F1 from counts.
//!
//! Every evaluation counts what it predicted, what the gold holds and
//! what both agree on, and reports the same three figures from them.
//!
//! # Example
//!
//! ```
//! use casus_eval::score::Counts;
//!
//! let c = Counts { correct: 3, predicted: 4, gold: 6 };
//! let s = c.prf();
//! assert_eq!((s.precision, s.recall), (0.75, 0.5));
//! assert!((s.f1 - 0.6).abs() < 1e-12);
//! assert_eq!(c.prf_percent().precision, 75.0);
//! ```

use std::ops::AddAssign;

/// What was predicted, what the gold holds, and how many agree.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predictions that match the gold.
    pub correct: usize,
    /// Predictions.
    pub predicted: usize,
    /// Gold items.
    pub gold: usize,
}

/// Precision, recall and their harmonic mean.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    /// Correct / predicted (0 with no predictions).
    pub precision: f64,
    /// Correct / gold (0 with no gold).
    pub recall: f64,
    /// 2PR / (P + R) (0 when both are 0).
    pub f1: f64,
}

impl Prf {
    fn of(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf { precision, recall, f1 }
    }
}

/// `a / b` scaled by `scale`, or 0 when `b` is 0.
pub fn ratio(a: usize, b: usize, scale: f64) -> f64 {
    if b == 0 {
        0.0
    } else {
        scale * a as f64 / b as f64
    }
}

impl Counts {
    /// Precision, recall and F1 as fractions (0 to 1).
    pub fn prf(&self) -> Prf {
        Prf::of(
            ratio(self.correct, self.predicted, 1.0),
            ratio(self.correct, self.gold, 1.0),
        )
    }

    /// Precision, recall and F1 as percentages, each ratio taken as
    /// `100 * a / b` (the form the percentage reports have always used).
    pub fn prf_percent(&self) -> Prf {
        Prf::of(
            ratio(self.correct, self.predicted, 100.0),
            ratio(self.correct, self.gold, 100.0),
        )
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.correct += o.correct;
        self.predicted += o.predicted;
        self.gold += o.gold;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (correct, predicted, gold) -> (P, R, F1).
    #[test]
    fn table() {
        let cases = [
            ((0, 0, 0), (0.0, 0.0, 0.0)),
            ((0, 5, 5), (0.0, 0.0, 0.0)),
            ((5, 5, 5), (1.0, 1.0, 1.0)),
            ((1, 2, 4), (0.5, 0.25, 1.0 / 3.0)),
            ((2, 0, 4), (0.0, 0.5, 0.0)),
        ];
        for ((correct, predicted, gold), (p, r, f)) in cases {
            let got = Counts { correct, predicted, gold }.prf();
            assert_eq!((got.precision, got.recall), (p, r));
            assert!((got.f1 - f).abs() < 1e-12, "{got:?}");
        }
        let mut c = Counts { correct: 1, predicted: 2, gold: 3 };
        c += Counts { correct: 1, predicted: 1, gold: 1 };
        assert_eq!(c, Counts { correct: 2, predicted: 3, gold: 4 });
        assert_eq!(ratio(1, 4, 100.0), 25.0);
    }
}
