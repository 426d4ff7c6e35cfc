//! One sentence prepared for coding: tokens with lemma ids, and actor
//! mentions as token ranges grouped into coordinations.
//!
//! Per-token facts the clause analysis asks for again and again (word
//! class bits, clause boundaries) are computed once per sentence, on first
//! use, and cached here: each trigger's role analysis scans the clause
//! around it, and a hash lookup per scanned word per trigger was most of
//! its cost.

use std::cell::OnceCell;

use crate::actors::ActorMention;
use crate::text::Token;

use super::lemma::Lemmatizer;

/// No lemma.
pub const NO_LEMMA: u32 = u32::MAX;

/// A run of actor mentions acting together: one mention, a coordination
/// ("Qatar and Egypt") or an apposition ("Hamas, the movement").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// First token (sentence-relative).
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Indexes into the article's actor mentions, one per actor.
    pub members: Vec<usize>,
    /// A place standing in for its country ("arrived in Germany"): pattern
    /// slots may bind it, subject and object search skip it.
    pub place: bool,
    /// No member has a country ("hostages", "gunmen"): such a group may
    /// also be an event trigger.
    pub generic: bool,
}

/// A sentence's tokens, lemmas and actor groups.
pub struct Sent<'a> {
    /// The tokens.
    pub toks: &'a [Token],
    /// Lemma id per token, or [`NO_LEMMA`].
    pub lem: Vec<u32>,
    /// Actor groups in text order.
    pub groups: Vec<Group>,
    /// For each token, the group covering it.
    pub group_of: Vec<Option<usize>>,
    /// Whether each token starts with a capital letter (and is not the
    /// sentence's first).
    pub cap: Vec<bool>,
    /// Tokens heading a noun phrase ("a brief visit"), where verb-only
    /// patterns do not fire; filled by the coder, empty = none.
    pub nominal: Vec<bool>,
    /// Word class bits per token, filled on first use by
    /// [`super::clause::Grammar::class`].
    pub word_class: OnceCell<Vec<u16>>,
    /// Whether each token ends a clause for subject search, filled on
    /// first use by [`super::clause::Grammar::boundary`].
    pub bound: OnceCell<Vec<bool>>,
}

fn joiner(norm: &str) -> bool {
    matches!(
        norm,
        "," | "and" | "or" | "&" | "nor" | "both" | "the" | "as" | "well"
    )
}

fn conjunction(norm: &str) -> bool {
    matches!(norm, "and" | "or" | "&" | "nor")
}

/// A mention's token range `[start, end)`, its index, and whether it has
/// no country.
type Range = (usize, usize, usize, bool);

/// Each mention's token range with its index (an overlapping mention
/// after the first is left out).
fn token_ranges(
    toks: &[Token],
    mentions: &[(usize, &ActorMention)],
) -> Vec<Range> {
    let mut ranges: Vec<Range> = Vec::new();
    for &(idx, m) in mentions {
        let s = toks.partition_point(|t| t.span.end <= m.span.start);
        let mut e = s;
        while e < toks.len() && toks[e].span.start < m.span.end {
            e += 1;
        }
        if e > s {
            match ranges.last() {
                Some(&(_, pe, _, _)) if s < pe => {} // overlapping: keep first
                _ => ranges.push((s, e, idx, m.country.is_none())),
            }
        }
    }
    ranges
}

/// Mentions grouped into coordinations ("Qatar and Egypt") and
/// appositions ("Hamas, the movement"): a comma-joined run is a list only
/// when an "and" confirms it, else only its first actor stays. A group
/// keeps at most `cap` members (later ones extend its span only), so its
/// size, and the events it yields, stay bounded on hostile lists.
fn group(
    text: &str,
    toks: &[Token],
    lem: &[u32],
    ranges: &[Range],
    first_place: usize,
    cap: usize,
) -> Vec<Group> {
    // A modifier inside a coordination ("Fornost and the evil awful
    // Gondor"): a lowercase word no pattern or cue knows.
    let modifier = |i: usize| {
        let t = &toks[i];
        !joiner(&t.norm)
            && lem[i] == NO_LEMMA
            && t.norm.len() > 2
            && t.norm.chars().all(|c| c.is_ascii_lowercase())
            && t.span.slice(text).starts_with(|c: char| c.is_lowercase())
    };
    // Group coordinations and appositions.
    let mut groups: Vec<Group> = Vec::new();
    let mut coord_word = false;
    for &(s, e, idx, generic) in ranges {
        let place = idx >= first_place;
        if let Some(g) = groups.last_mut().filter(|g| g.place == place) {
            let between = &toks[g.end..s];
            let joined = between.len() <= 5
                && between.iter().any(|t| joiner(&t.norm))
                && (g.end..s).all(|i| joiner(&toks[i].norm) || modifier(i))
                && !modifier(g.end);
            if joined {
                let has_and = between.iter().any(|t| conjunction(&t.norm));
                let comma_only = between[0].norm == ",";
                // "spoke with A and B, and C are due to ...": a second
                // ", and" after a coordination already joined by "and"
                // opens the next clause, whose subject C is.
                let next_clause = has_and && coord_word && comma_only;
                if has_and && !next_clause {
                    coord_word = true;
                    if g.members.len() < cap {
                        g.members.push(idx);
                        g.generic &= generic;
                    }
                    g.end = e;
                    continue;
                }
                let closed = toks
                    .get(e)
                    .is_some_and(|t| t.norm == "," || conjunction(&t.norm));
                if comma_only && !coord_word && closed {
                    // Apposition, or the start of a list "A, B and C":
                    // keep both; a list is confirmed by a later "and".
                    if g.members.len() < cap {
                        g.members.push(idx);
                    }
                    g.end = e;
                    continue;
                }
            }
            // A comma-joined run never confirmed by "and" is an
            // apposition: keep only its first actor.
            if !coord_word {
                g.members.truncate(1);
            }
        }
        coord_word = false;
        groups.push(Group {
            start: s,
            end: e,
            members: vec![idx],
            place,
            generic,
        });
    }
    if !coord_word {
        if let Some(g) = groups.last_mut() {
            g.members.truncate(1);
        }
    }
    groups
}

impl<'a> Sent<'a> {
    /// The lemma id of each token, or [`NO_LEMMA`].
    pub fn lemmas(toks: &[Token], lz: &Lemmatizer) -> Vec<u32> {
        toks.iter().map(|t| lz.lemma_id(&t.norm).unwrap_or(NO_LEMMA)).collect()
    }

    #[cfg(test)]
    /// Prepares a sentence from its tokens' lemmas ([`Sent::lemmas`]);
    /// `mentions` are (index, mention) pairs of this sentence's actor
    /// mentions, in text order.
    pub fn with_lemmas(
        text: &str,
        toks: &'a [Token],
        lem: Vec<u32>,
        mentions: &[(usize, &ActorMention)],
        first_place: usize,
    ) -> Sent<'a> {
        Sent::with_lemmas_capped(
            text,
            toks,
            lem,
            mentions,
            first_place,
            super::MAX_COORDINATED_ACTORS,
        )
    }

    /// [`Sent::with_lemmas`] with at most `cap` actors per coordination
    /// ([`super::EventCoder::set_max_coordinated_actors`]). Linear in
    /// the sentence's tokens and mentions.
    pub fn with_lemmas_capped(
        text: &str,
        toks: &'a [Token],
        lem: Vec<u32>,
        mentions: &[(usize, &ActorMention)],
        first_place: usize,
        cap: usize,
    ) -> Sent<'a> {
        let ranges = token_ranges(toks, mentions);
        let groups = group(text, toks, &lem, &ranges, first_place, cap.max(1));
        let mut group_of = vec![None; toks.len()];
        for (gi, g) in groups.iter().enumerate() {
            for slot in &mut group_of[g.start..g.end] {
                *slot = Some(gi);
            }
        }
        let cap = toks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                i > 0
                    && t.span
                        .slice(text)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
            })
            .collect();
        Sent {
            toks,
            lem,
            groups,
            group_of,
            cap,
            nominal: Vec::new(),
            word_class: OnceCell::new(),
            bound: OnceCell::new(),
        }
    }

    /// A sentence of words only: no lemmas, actor groups or capitals (for
    /// lookups that read the words alone, such as outlet names).
    pub fn words(toks: &'a [Token]) -> Sent<'a> {
        Sent {
            toks,
            lem: Vec::new(),
            groups: Vec::new(),
            group_of: Vec::new(),
            cap: Vec::new(),
            nominal: Vec::new(),
            word_class: OnceCell::new(),
            bound: OnceCell::new(),
        }
    }

    /// The normalised text of token `i`.
    pub fn norm(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.norm.as_str()).unwrap_or("")
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The group starting exactly at token `i`.
    pub fn group_at(&self, i: usize) -> Option<usize> {
        self.group_of
            .get(i)
            .copied()
            .flatten()
            .filter(|&g| self.groups[g].start == i)
    }
}

#[cfg(test)]
mod tests {
    use crate::events::testutil::Fixture;

    /// Coordinations of actor mentions, read through the whole coder:
    /// the dyads of the sentence's first trigger.
    #[test]
    fn coordination_table() {
        let f = Fixture::builtin();
        let cases: &[(&str, &[&str])] = &[
            (
                "Peru and Chile condemned Bolivia.",
                &["Peru>Bolivia", "Chile>Bolivia"],
            ),
            (
                "Peru condemned Bolivia, Chile and Ecuador.",
                &["Peru>Bolivia", "Peru>Chile", "Peru>Ecuador"],
            ),
            // A second ", and" after a joined pair starts the next clause.
            (
                "Peru condemned Bolivia and Chile, and Ecuador is due to \
                 hold talks on Friday.",
                &["Peru>Bolivia", "Peru>Chile"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(f.first_dyads(text), *want, "{text}");
        }
    }
}
