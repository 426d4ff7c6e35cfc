//! Byte spans into an article's original text.
//!
//! Every stage reports positions as [`Span`]s into the *original*
//! `Article::text`, never into a normalised copy, so that evidence can be
//! cut out of the source verbatim.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into an article's original text.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
)]
#[serde(into = "[u32; 2]", from = "[u32; 2]")]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A new span.
    ///
    /// # Panics
    ///
    /// When `start > end`: spans are built by the pipeline, so an inverted
    /// span is a bug, not bad input.
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} > end {end}");
        Span { start: start as u32, end: end as u32 }
    }

    /// The span as a `usize` range, for slicing.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers in `text`, or "" when out of range.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.range()).unwrap_or("")
    }
}

impl From<Span> for [u32; 2] {
    fn from(s: Span) -> [u32; 2] {
        [s.start, s.end]
    }
}

impl From<[u32; 2]> for Span {
    fn from(a: [u32; 2]) -> Span {
        // Deserialised spans may be inverted; normalise rather than panic.
        Span { start: a[0].min(a[1]), end: a[0].max(a[1]) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        let s = Span::new(2, 5);
        assert_eq!(s.len(), 3);
        assert_eq!(s.slice("abcdefg"), "cde");
        assert!(s.contains(Span::new(3, 4)));
        assert!(s.overlaps(Span::new(4, 9)));
        assert!(!s.overlaps(Span::new(5, 9)));
        assert_eq!(serde_json::to_string(&s).unwrap(), "[2,5]");
    }
}
