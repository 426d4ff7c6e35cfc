//! Line layout: where newlines mark paragraph or line breaks.
//!
//! News text comes in two layouts. Hard-wrapped text (wire copy such as
//! Reuters-21578) breaks lines at ~70 columns mid-sentence and marks
//! paragraphs with a blank line or an indented next line. Unwrapped text
//! (web articles, JSON) has one paragraph per line. One pass over the text
//! decides which, so a single newline can be judged correctly.

use crate::text::tokens::Gap;

/// What the whitespace between two tokens says about the text structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Break {
    /// No newline.
    None,
    /// A newline inside a hard-wrapped paragraph.
    Line,
    /// A paragraph break: blank line, indented line, or any newline in
    /// unwrapped text.
    Paragraph,
}

/// Longest line length at or under which a text counts as hard-wrapped.
const WRAP_WIDTH: usize = 100;

/// The layout of one text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Layout {
    /// True when lines are wrapped at a fixed width.
    pub wrapped: bool,
    /// The longest line, in bytes.
    pub max_line: usize,
}

impl Layout {
    /// Measures `text`.
    pub fn of(text: &str) -> Layout {
        let mut max_line = 0;
        let mut lines = 0;
        let mut last = 0;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b == b'\n' {
                max_line = max_line.max(i - last);
                last = i + 1;
                lines += 1;
            }
        }
        max_line = max_line.max(text.len() - last);
        Layout { wrapped: lines >= 2 && max_line <= WRAP_WIDTH, max_line }
    }

    /// Classifies a newline-bearing gap found by the tokenizer.
    pub fn classify_gap(&self, gap: &Gap) -> Break {
        match gap.newlines {
            0 => Break::None,
            1 if self.wrapped && !gap.indented => Break::Line,
            _ => Break::Paragraph,
        }
    }

    /// Classifies `gap`, the text between two tokens.
    #[cfg(test)]
    pub fn classify(&self, gap: &str) -> Break {
        let mut newlines = 0;
        let mut indented = false;
        for b in gap.bytes() {
            match b {
                b'\n' => {
                    newlines += 1;
                    indented = false;
                }
                b' ' | b'\t' if newlines > 0 => indented = true,
                _ => {}
            }
        }
        match newlines {
            0 => Break::None,
            1 if self.wrapped && !indented => Break::Line,
            _ => Break::Paragraph,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks() {
        let wrapped = Layout::of("short line one\nshort line two\nthree\n");
        let flat = Layout::of(&"long paragraph text ".repeat(10));
        let table = [
            (wrapped, " ", Break::None),
            (wrapped, "\n", Break::Line),
            (wrapped, "\n    ", Break::Paragraph),
            (wrapped, "\n\n", Break::Paragraph),
            (wrapped, "\n \n", Break::Paragraph),
            (flat, "\n", Break::Paragraph),
        ];
        for (layout, gap, want) in table {
            assert_eq!(layout.classify(gap), want, "{gap:?}");
        }
        assert!(wrapped.wrapped);
        assert!(!flat.wrapped);
    }
}
