//! A light tense heuristic: the tense cue nearest to a time expression in
//! its sentence. Good enough to choose between last Wednesday and next
//! Wednesday, or between this January and next January; not a parser.

use super::lexicon::{Cue, TenseCues};

/// The tense around a time expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    /// Past ("said", "was", "-ed").
    Past,
    /// Present ("is", "says").
    Present,
    /// Future ("will", "plans to").
    Future,
    /// No cue in the sentence.
    Unknown,
}

/// Words of `text` with byte offsets: runs of ASCII letters, apostrophes
/// and inner hyphens (so "'ll" and "won't" stay whole), lowercased.
/// `lower` is `text` ASCII-lowercased (same offsets): the words are
/// slices of it, so a sentence costs one copy rather than one per
/// capitalised word.
fn words<'a>(text: &str, lower: &'a str) -> Vec<(usize, usize, &'a str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphabetic() || b[i] == b'\'' {
            let s = i;
            while i < b.len()
                && (b[i].is_ascii_alphabetic()
                    || b[i] == b'\''
                    || b[i] == b'-')
            {
                i += 1;
            }
            // The run is ASCII, so these are char boundaries of both.
            let w = if text[s..i].starts_with("'ll") {
                "'ll"
            } else {
                lower[s..i].trim_matches('\'')
            };
            if !w.is_empty() {
                out.push((s, i, w));
            }
        } else {
            i += 1;
        }
    }
    out
}

pub(crate) fn classify(cues: &TenseCues, w: &str) -> Option<Cue> {
    if let Some(&c) = cues.cues.get(w) {
        return Some(c);
    }
    if w.ends_with("'ll") || w == "won't" {
        return Some(Cue::Future);
    }
    if w.len() > 4 && w.ends_with("ed") && !w.contains('-') {
        return Some(Cue::Past);
    }
    None
}

/// Bytes on each side of an expression [`tense_at`] reads: far beyond a
/// clause, and it keeps the cost of a call constant, so a sentence of
/// thousands of dates is dated in linear time, not quadratic.
pub const TENSE_WINDOW: usize = 2048;

/// The tense of the clause around `[start, end)` (byte offsets into
/// `sentence`): the nearest cue outside the expression within
/// [`TENSE_WINDOW`] bytes, ties to the future.
pub fn tense_at(
    cues: &TenseCues,
    sentence: &str,
    start: usize,
    end: usize,
) -> Tense {
    if sentence.len() <= 2 * TENSE_WINDOW + end.saturating_sub(start) {
        return tense_in(cues, sentence, start, end);
    }
    let b = sentence.as_bytes();
    let word = |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || b"'-".contains(c))
    };
    // The window, widened to char boundaries and shrunk to whole words
    // (a cut word could read as a cue: "...ed").
    let mut lo = start.saturating_sub(TENSE_WINDOW);
    while lo > 0 && !sentence.is_char_boundary(lo) {
        lo -= 1;
    }
    while lo > 0 && lo < start && word(lo - 1) {
        lo += 1;
    }
    let mut hi = (end + TENSE_WINDOW).min(sentence.len());
    while hi < sentence.len() && !sentence.is_char_boundary(hi) {
        hi += 1;
    }
    while hi < sentence.len() && hi > end && word(hi) {
        hi -= 1;
    }
    while !sentence.is_char_boundary(lo) {
        lo += 1;
    }
    while !sentence.is_char_boundary(hi) {
        hi -= 1;
    }
    match sentence.get(lo..hi) {
        Some(w) if lo <= start && end <= hi => {
            tense_in(cues, w, start - lo, end - lo)
        }
        _ => tense_in(cues, sentence, start, end),
    }
}

/// [`tense_at`] over the whole of `sentence`.
fn tense_in(
    cues: &TenseCues,
    sentence: &str,
    start: usize,
    end: usize,
) -> Tense {
    let lower = sentence.to_ascii_lowercase();
    let ws = words(sentence, &lower);
    let mut best: Option<(usize, Cue)> = None;
    let mut i = 0;
    while i < ws.len() {
        let (s, e, w) = ws[i];
        if s >= start && e <= end {
            i += 1;
            continue;
        }
        // A capitalised word inside a name ("Planning Minister Ruiz",
        // "the Next Generation party") is no tense cue: mid-sentence and
        // followed by another capitalised word.
        let capital = |k: usize| {
            ws.get(k).is_some_and(|&(s, _, _)| {
                sentence.as_bytes().get(s).is_some_and(u8::is_ascii_uppercase)
            })
        };
        if i > 0 && capital(i) && capital(i + 1) {
            i += 1;
            continue;
        }
        let mut cue = None;
        let mut width = 1;
        if let (Some(next), Some(pairs)) = (ws.get(i + 1), cues.pairs.get(w)) {
            if next.0 >= end || next.1 <= start {
                if let Some((_, c)) = pairs.iter().find(|(b, _)| *b == next.2)
                {
                    cue = Some(*c);
                    width = 2;
                }
            }
        }
        if cue.is_none() {
            cue = classify(cues, w);
            // "two minutes later", "days earlier": a relative time, not
            // a tense ("drove in early Sunday, and two minutes later").
            let unit_before = i > 0
                && matches!(
                    ws[i - 1].2,
                    "minutes"
                        | "hours"
                        | "days"
                        | "weeks"
                        | "months"
                        | "years"
                );
            if unit_before && matches!(w, "later" | "earlier") {
                cue = None;
            }
            // A participle after "be" ("is due to be published") takes
            // its tense from the auxiliary, not from its -ed ending.
            let passive =
                i > 0 && matches!(ws[i - 1].2, "be" | "been" | "being");
            if cue == Some(Cue::Past) && passive {
                cue = None;
            }
        }
        if let Some(c) = cue.filter(|c| *c != Cue::NotPast) {
            let dist =
                if e <= start { start - e } else { s.saturating_sub(end) };
            let better = match best {
                None => true,
                Some((d, bc)) => {
                    dist < d || (dist == d && c == Cue::Future && bc != c)
                }
            };
            if better {
                best = Some((dist, c));
            }
        }
        i += width;
    }
    match best.map(|b| b.1) {
        Some(Cue::Past) => Tense::Past,
        Some(Cue::Future) => Tense::Future,
        Some(Cue::Present) => Tense::Present,
        _ => Tense::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::BUILTIN_TENSE;
    use super::*;

    #[test]
    fn nearest_cue() {
        let cues = TenseCues::parse("t", BUILTIN_TENSE).unwrap();
        let cases = [
            (
                "The minister said on Wednesday that talks failed.",
                "Wednesday",
                Tense::Past,
            ),
            ("Talks will resume on Wednesday.", "Wednesday", Tense::Future),
            (
                "He said the council plans to vote on January 15.",
                "January 15",
                Tense::Future,
            ),
            ("Rebels attacked the town on Monday.", "Monday", Tense::Past),
            ("The summit is to open on Friday.", "Friday", Tense::Future),
            ("Voting on Sunday.", "Sunday", Tense::Unknown),
            ("Officials say it is on Monday.", "Monday", Tense::Present),
            ("They'll meet on Friday.", "Friday", Tense::Future),
            // A cue word inside a name is no cue.
            (
                "Gomez resigned after Planning Minister Ruiz left on March 17.",
                "March 17",
                Tense::Past,
            ),
        ];
        for (s, expr, want) in cases {
            let start = s.find(expr).unwrap();
            let got = tense_at(&cues, s, start, start + expr.len());
            assert_eq!(got, want, "{s}");
        }
    }
}
