//! Reported speech and sources: "X said (that) ...", "..., X said",
//! "told NBC", "according to ...", "the newspaper notes". Each frame
//! covers the tokens it reports; events inside take its speaker and
//! outlet.

use super::clause::{class, Grammar};
use super::lexicon::AttrKind;
use super::sentence::Sent;
use crate::util::{FastMap, WordShapes};

/// One reporting frame in a sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frame {
    /// The speech verb (or "according").
    pub verb: usize,
    /// First reported token.
    pub start: usize,
    /// One past the last reported token.
    pub end: usize,
    /// Who says it.
    pub speaker: Option<String>,
    /// The speaker's actor group, if any.
    pub speaker_group: Option<usize>,
    /// The speaker's tokens `[lo, hi)` (frames found by word windows).
    pub speaker_span: Option<(usize, usize)>,
    /// Through which outlet.
    pub outlet: Option<String>,
}

/// Outlet names and medium nouns.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// Outlet names as normalised token sequences, longest first.
    pub outlets: Vec<Vec<String>>,
    /// Medium nouns, longest first.
    pub media: Vec<Vec<String>>,
    /// Indexes of `outlets` by first word (None: an entry is empty).
    outlet_index: Option<FirstWords>,
    /// Indexes of `media` by first word.
    media_index: Option<FirstWords>,
}

/// Entry indexes by first word, in list order.
#[derive(Clone, Debug, Default)]
struct FirstWords {
    map: FastMap<String, Vec<usize>>,
    /// The first words' shapes: every sentence is scanned for outlets,
    /// and most tokens fail this before any hashing.
    shape: WordShapes,
}

impl FirstWords {
    /// The entries starting with `word`, in list order.
    fn get(&self, word: &str) -> Option<&Vec<usize>> {
        if word.is_empty() || !self.shape.may_contain(word.as_bytes()) {
            return None;
        }
        self.map.get(word)
    }
}

/// Entry indexes by first word; None when an entry is empty (it matches
/// anywhere, so only the plain scan is right).
fn first_words(list: &[Vec<String>]) -> Option<FirstWords> {
    let mut m = FirstWords::default();
    for (i, w) in list.iter().enumerate() {
        let first = w.first()?;
        // An empty first word would match an empty token: no filter.
        if first.is_empty() {
            return None;
        }
        m.shape.insert(first.as_bytes());
        m.map.entry(first.clone()).or_default().push(i);
    }
    Some(m)
}

impl Sources {
    /// From the attribution lexicon.
    pub fn new(lex: &[(Vec<String>, AttrKind)]) -> Sources {
        let mut s = Sources::default();
        for (ws, k) in lex {
            match k {
                AttrKind::Outlet => s.outlets.push(ws.clone()),
                AttrKind::Media => s.media.push(ws.clone()),
                AttrKind::Speech => {}
            }
        }
        s.outlets.sort_by_key(|w| std::cmp::Reverse(w.len()));
        s.media.sort_by_key(|w| std::cmp::Reverse(w.len()));
        s.outlet_index = first_words(&s.outlets);
        s.media_index = first_words(&s.media);
        s
    }

    fn find(
        list: &[Vec<String>],
        index: Option<&FirstWords>,
        s: &Sent<'_>,
        lo: usize,
        hi: usize,
    ) -> Option<(usize, usize)> {
        if let Some(index) = index {
            // Only entries starting with the token's word can match
            // there; they keep the list's (longest-first) order.
            for i in lo..hi {
                let Some(cands) = index.get(s.norm(i)) else { continue };
                for &c in cands {
                    let w = &list[c];
                    if i + w.len() <= hi
                        && w.iter()
                            .enumerate()
                            .all(|(k, x)| s.norm(i + k) == x)
                    {
                        return Some((i, i + w.len()));
                    }
                }
            }
            return None;
        }
        for i in lo..hi {
            for w in list {
                if i + w.len() <= hi
                    && w.iter().enumerate().all(|(k, x)| s.norm(i + k) == x)
                {
                    return Some((i, i + w.len()));
                }
            }
        }
        None
    }

    /// Named outlets in tokens `[lo, hi)`.
    pub fn outlet_in(
        &self,
        s: &Sent<'_>,
        lo: usize,
        hi: usize,
    ) -> Option<(usize, usize)> {
        Sources::find(&self.outlets, self.outlet_index.as_ref(), s, lo, hi)
    }

    /// Medium nouns in tokens `[lo, hi)`.
    pub fn media_in(
        &self,
        s: &Sent<'_>,
        lo: usize,
        hi: usize,
    ) -> Option<(usize, usize)> {
        Sources::find(&self.media, self.media_index.as_ref(), s, lo, hi)
    }
}

/// The original text of tokens `[lo, hi)`.
pub fn text_of(text: &str, s: &Sent<'_>, lo: usize, hi: usize) -> String {
    if lo >= hi || hi > s.len() {
        return String::new();
    }
    let a = s.toks[lo].span.start as usize;
    let b = s.toks[hi - 1].span.end as usize;
    text.get(a..b).unwrap_or("").to_string()
}

/// Context for resolving frames.
pub struct FrameCtx<'a> {
    /// Article text.
    pub text: &'a str,
    /// Word classes.
    pub grammar: &'a Grammar,
    /// Outlets.
    pub sources: &'a Sources,
    /// The article's outlet a medium noun refers to, if known.
    pub outlet: Option<&'a str>,
}

impl FrameCtx<'_> {
    /// Classifies the noun phrase `[lo, hi)` as speaker or outlet.
    fn who(&self, s: &Sent<'_>, lo: usize, hi: usize, f: &mut Frame) {
        let (mut lo, mut hi) = (lo, hi);
        while lo < hi && matches!(s.norm(lo), "," | "and" | "\"") {
            lo += 1;
        }
        while hi > lo
            && (matches!(
                s.norm(hi - 1),
                "," | "as" | "\"" | "also" | "has" | "have" | "had"
            ) || self.grammar.class(s, hi - 1) & class::ADVERB != 0)
        {
            hi -= 1;
        }
        if hi <= lo {
            return;
        }
        if hi - lo > 10 {
            lo = hi - 10;
        }
        if let Some((a, b)) = self.sources.outlet_in(s, lo, hi) {
            f.outlet = Some(text_of(self.text, s, a, b));
            return;
        }
        if self.sources.media_in(s, lo, hi).is_some() {
            f.outlet = Some(match self.outlet {
                Some(o) => o.to_string(),
                None => text_of(self.text, s, lo, hi),
            });
            return;
        }
        f.speaker_group =
            s.groups.iter().position(|g| g.start >= lo && g.end <= hi);
        f.speaker = Some(text_of(self.text, s, lo, hi));
        f.speaker_span = Some((lo, hi));
    }

    /// The reporting frames of a sentence.
    pub fn frames(&self, s: &Sent<'_>, paren: &[bool]) -> Vec<Frame> {
        let g = self.grammar;
        let mut out = Vec::new();
        let n = s.len();
        for i in 0..n {
            if s.norm(i) == "according" && s.norm(i + 1) == "to" {
                let mut hi = i + 2;
                while hi < n
                    && !matches!(s.norm(hi), "," | "." | ";")
                    && hi - i < 10
                {
                    hi += 1;
                }
                let mut f =
                    Frame { verb: i, start: 0, end: n, ..Frame::default() };
                self.who(s, i + 2, hi, &mut f);
                out.push(f);
                continue;
            }
            if !g.is_speech(s, i) {
                continue;
            }
            // Only whether there are more than 7 matters: counting no
            // further keeps a long sentence's speech verbs linear.
            let content_after = (i + 1..n)
                .filter(|&j| s.toks[j].kind != crate::text::TokenKind::Punct)
                .take(8)
                .count();
            let comma =
                (i.saturating_sub(10)..i).rev().find(|&j| s.norm(j) == ",");
            let postposed = content_after <= 7
                && comma
                    .is_some_and(|c| (c + 1..i).all(|j| !g.boundary(s, j)));
            let mut f = Frame { verb: i, ..Frame::default() };
            if let (true, Some(c)) = (postposed, comma) {
                f.start = 0;
                f.end = c;
                if c + 1 < i {
                    self.who(s, c + 1, i, &mut f);
                } else {
                    let mut hi = i + 1;
                    while hi < n
                        && !matches!(s.norm(hi), "," | "." | ";" | "on" | "in")
                    {
                        hi += 1;
                    }
                    self.who(s, i + 1, hi, &mut f);
                }
            } else {
                let start = g.clause_start(s, paren, i);
                let mut lo = start;
                // Skip a leading parenthetical-free prefix ("On Tuesday, ").
                while let Some(c) = (lo..i).find(|&j| s.norm(j) == ",") {
                    if group_within(s, c, i) {
                        if group_within(s, lo, c) {
                            break;
                        }
                        lo = c + 1;
                    } else {
                        break;
                    }
                }
                let hi = (lo..i).find(|&j| paren[j]).unwrap_or(i);
                self.who(s, lo, hi, &mut f);
                f.start = i + 1;
                f.end = n;
                // "told NBC that ...": the addressee may be an outlet.
                let that =
                    (i + 1..n.min(i + 8)).find(|&j| s.norm(j) == "that");
                if let Some(t) = that {
                    if let Some((a, b)) = self.sources.outlet_in(s, i + 1, t) {
                        f.outlet = Some(text_of(self.text, s, a, b));
                    }
                }
            }
            if f.speaker.is_some() || f.outlet.is_some() {
                out.push(f);
            }
        }
        out
    }
}

/// Whether an actor group lies within tokens `[a, b]` (start at or after
/// `a`, end at or before `b`). Groups are in text order and disjoint, so
/// the first starting at or after `a` ends first: a binary search, not a
/// scan of every group per speech verb.
fn group_within(s: &Sent<'_>, a: usize, b: usize) -> bool {
    let first = s.groups.partition_point(|g| g.start < a);
    s.groups.get(first).is_some_and(|g| g.end <= b)
}
