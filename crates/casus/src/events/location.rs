//! The fourth step: where. In order, each choice recorded in
//! [`Location::from`](super::Location):
//! 1. `verb`: a place attached to the trigger in the dependency tree: an
//!    oblique with a locative preposition ("killed in Kandahar", "near
//!    the town of Dutu"), a modifier of its object or subject ("bombed a
//!    mosque in Fallujah", "battles in Basra killed ..."), or the place a
//!    material act is done to ("captured Lubumbashi"); through the
//!    noun phrase ("in the southern city of X", "in the capital X", "in
//!    X province"), where the place named as the container ("Iraq's city
//!    of Mosul", "the Belarus capital Minsk") yields to the one it
//!    contains. A capitalised name the gazetteer does not know counts in
//!    these constructions ("in the village of Tel Hamis", "in Beslan");
//! 2. `clause`: the place after a locative word nearest the trigger in
//!    its clause; 3. `sentence`: the same in the rest of the sentence;
//! 4. `dateline`: the place of the article's dateline, a last resort.
//!
//! And whether that place, in another country, is what a material act
//! with no target is done to ("shelling in Gaza").

use crate::actors::ActorMention;
use crate::codes::PatternCode;
use crate::places::PlaceMention;
use crate::span::Span;

use crate::places::PlaceKind;
use crate::syntax::{Rel, SentenceTree, Sub, Upos};
use crate::text::calendar;

use super::cameo::VERBAL_ROOTS;
use super::clause::class;
use super::engine::{EventCoder, SentenceCtx};
use super::parsed::Parsed;
use super::sentence::Sent;
use super::trigger::Trigger;
use super::{Location, LocationFrom};

/// Prepositions that place an event where their noun is ("killed in X",
/// "clashes near X", "an attack on X").
const LOC_CASES: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "through",
    "throughout",
    "around",
    "within",
    "along",
    "into",
    "on",
    "off",
    "nearby",
    "towards",
    "toward",
    "onto",
    "beside",
    "amid",
];

/// Nouns naming a kind of place: an unknown name they govern or that
/// modifies them is a place ("the town of X", "X province").
///
/// The list: `dicts/words/place_nouns.txt`.
static PLACE_NOUNS: crate::util::WordList =
    crate::util::word_list!("words/place_nouns.txt");

/// Other capitalised words that are never places (feasts, languages).
///
/// The list: `dicts/words/not_places.txt`.
static NOT_PLACES: crate::util::WordList =
    crate::util::word_list!("words/not_places.txt");

/// A place the trigger's tree reaches.
struct Reached {
    /// The place's name and country.
    name: String,
    country: Option<String>,
    /// Index into the article's places; `None` for a name the gazetteer
    /// does not know.
    place: Option<usize>,
    /// Ranking: container first step, path length, kind, distance.
    rank: (bool, u8, u8, usize),
}

/// Candidate places weighed on each side of a trigger
/// ([`EventCoder::location_among`]); a news sentence names a few.
const NEAREST: usize = 64;

impl EventCoder {
    #[cfg(test)]
    /// The event's location among `places` (the article's, in text
    /// order) for the trigger at `v` of sentence `si`, whose clause spans
    /// tokens `clause`: the location and the place's index.
    pub(crate) fn location(
        &self,
        s: &Sent<'_>,
        si: usize,
        places: &[PlaceMention],
        clause: (usize, usize),
        v: usize,
    ) -> Option<(Location, usize)> {
        let cands = self.located_places(s, si, places);
        self.location_among(s, places, &cands, clause, v)
    }

    /// The places of sentence `si` after a locative preposition ("in
    /// Gaza"), as indexes into `places`, in text order: the candidates
    /// of [`EventCoder::location_among`], found once per sentence.
    pub(crate) fn located_places(
        &self,
        s: &Sent<'_>,
        si: usize,
        places: &[PlaceMention],
    ) -> Vec<usize> {
        // Places come in text order: this sentence's are one run.
        let first = places.partition_point(|p| p.sentence < si);
        let last =
            first + places[first..].partition_point(|p| p.sentence <= si);
        let mut out = Vec::new();
        for (pi, p) in places.iter().enumerate().take(last).skip(first) {
            let ti = s.toks.partition_point(|t| t.span.end <= p.span.start);
            let prep = ti > 0 && {
                let mut j = ti - 1;
                while j > 0 && self.grammar.class(s, j) & class::DET != 0 {
                    j -= 1;
                }
                // "in the east of the Gaza Strip".
                if s.norm(j) == "of" && j >= 3 {
                    j -= 2;
                    while j > 0 && self.grammar.class(s, j) & class::DET != 0 {
                        j -= 1;
                    }
                }
                self.grammar.class(s, j) & class::LOCPREP != 0
            };
            if prep {
                out.push(pi);
            }
        }
        out
    }

    /// The event's location for trigger `t` of a parsed sentence: a
    /// place attached to the trigger in the tree (`verb`), else the
    /// nearest after a locative word in the clause (`clause`) or the
    /// sentence (`sentence`), else `dateline` (the article's dateline
    /// place, index into `places`). With the place's index when it is a
    /// gazetteer place.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn locate(
        &self,
        cx: &SentenceCtx<'_>,
        parsed: Option<&Parsed<'_>>,
        places: &[PlaceMention],
        located: &[usize],
        clause: (usize, usize),
        t: &Trigger,
        dateline: Option<usize>,
    ) -> Option<(Location, Option<usize>)> {
        if let Some(p) = parsed {
            if let Some(r) = self.attached(cx, p, places, t) {
                let from = Some(LocationFrom::Verb);
                let loc = Location { name: r.name, country: r.country, from };
                return Some((loc, r.place));
            }
        }
        if let Some((mut l, pi)) =
            self.location_among(cx.s, places, located, clause, t.v())
        {
            let p = &places[pi];
            let (lo, hi) = clause_bytes(cx.s, clause);
            l.from = Some(
                if p.span.start as usize >= lo && p.span.end as usize <= hi {
                    LocationFrom::Clause
                } else {
                    LocationFrom::Sentence
                },
            );
            return Some((l, Some(pi)));
        }
        let pi = dateline?;
        let p = places.get(pi)?;
        let loc = Location {
            name: p.name.clone(),
            country: p.country.clone(),
            from: Some(LocationFrom::Dateline),
        };
        // A dateline place is never what the act is done to.
        Some((loc, None))
    }

    /// The best place attached to trigger `t` in the tree, known to the
    /// gazetteer or a capitalised name in a place construction.
    fn attached(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        places: &[PlaceMention],
        t: &Trigger,
    ) -> Option<Reached> {
        let s = cx.s;
        let tree = p.tree();
        let v = p.word(t.v())?;
        // The trigger and its conjuncts share their obliques ("shot and
        // killed two men in X"); each word on the trigger's side carries
        // a penalty added to the depth of what it reaches.
        let mut trig: Vec<(u32, u8)> = vec![(v, 0)];
        if let Some(d) = tree.deprel(v) {
            let head = tree.head(v).filter(|&h| h != 0);
            // "a bomb exploded at a market in X, killing five": an
            // unmarked participle shares its head's place.
            // (An "-ing" form whose lemma differs: "killing", not
            // "bring".)
            let word = s.norm(t.v());
            let participle = d.rel == Rel::Advcl
                && word.ends_with("ing")
                && tree.word(v).is_some_and(|w| w.lemma.as_str() != word)
                && tree.children_by(v, Rel::Mark).next().is_none();
            if d.rel == Rel::Conj || participle {
                trig.extend(head.map(|h| (h, 0)));
            }
        }
        // Only a conjunct right after the trigger shares its obliques
        // ("shot and killed ... in X", not "captured in a hut and
        // deported to a camp at X").
        trig.extend(
            tree.children_by(v, Rel::Conj)
                .filter(|&c| p.token(c).is_some_and(|tc| tc <= t.v() + 3))
                .map(|c| (c, 0)),
        );
        // The clause saying when the act happened is where it happened
        // ("killed when their convoy hit a mine near X", "detonated a
        // bomb while being questioned at the police station in X",
        // "exploded as experts were trying to defuse it on the road in
        // X"): its places count, after the trigger's own.
        for c in tree.children_by(v, Rel::Advcl) {
            if time_clause(tree, c) {
                trig.push((c, ADVCL_PENALTY));
                trig.extend(
                    tree.children_by(c, Rel::Xcomp)
                        .map(|x| (x, ADVCL_PENALTY)),
                );
            }
        }
        let protest = t.cameo.root().is_some_and(|r| r == "14");
        let material = material(t.cameo);
        let trig_start = s.toks[t.v()].span.start;
        let first = places.partition_point(|q| q.sentence < cx.si);
        let last =
            first + places[first..].partition_point(|q| q.sentence <= cx.si);
        let mut best: Option<Reached> = None;
        let mut consider = |r: Reached| {
            if best.as_ref().map_or(true, |b| r.rank < b.rank) {
                best = Some(r);
            }
        };
        // Gazetteer places: the word heading each.
        let mut in_place = vec![false; s.len()];
        for (pi, q) in places.iter().enumerate().take(last).skip(first) {
            let lo = s.toks.partition_point(|x| x.span.end <= q.span.start);
            let hi = s.toks.partition_point(|x| x.span.start < q.span.end);
            for f in in_place.iter_mut().take(hi).skip(lo) {
                *f = true;
            }
            let Some(h) = head_of(p, lo, hi) else { continue };
            let kind = q.kind;
            // "a U.S. airstrike", "the 1967 Middle East war": a country
            // or region naming whose act it is, not where.
            if nationality_use(tree, h, kind) {
                continue;
            }
            let Some(a) = attach(tree, h, &trig, material, protest, true)
            else {
                continue;
            };
            consider(Reached {
                name: q.name.clone(),
                country: q.country.clone(),
                place: Some(pi),
                rank: (
                    a.container,
                    a.depth,
                    kind_rank(kind),
                    q.span.start.abs_diff(trig_start) as usize,
                ),
            });
        }
        // Names the gazetteer does not know, in place constructions.
        for id in tree.ids() {
            let Some(w) = tree.word(id) else { continue };
            if w.upos != Upos::Propn {
                continue;
            }
            let Some(tok) = p.token(id) else { continue };
            if in_place.get(tok).copied().unwrap_or(true)
                || s.group_of
                    .get(tok)
                    .copied()
                    .flatten()
                    .and_then(|g| s.groups.get(g))
                    .is_some_and(|g| !g.place)
            {
                continue;
            }
            // The name's head word: not a part of a longer name.
            let part = matches!(w.deprel.rel, Rel::Flat | Rel::Compound)
                && tree.word(w.head).is_some_and(|h| h.upos == Upos::Propn);
            if part {
                continue;
            }
            let (lo, hi) = name_extent(tree, p, s, id, tok);
            let text = cx.text();
            let (a, b) = (
                s.toks[lo].span.start as usize,
                s.toks[hi - 1].span.end as usize,
            );
            let Some(name) = text.get(a..b) else { continue };
            let first_word = name
                .split(|c: char| !c.is_alphanumeric())
                .find(|x| !x.is_empty())
                .unwrap_or("");
            if !capitalised_name(name)
                || NOT_PLACES.contains(first_word.to_lowercase().as_str())
                || calendar::is_date_word(&first_word.to_lowercase())
                || (lo..hi).any(|k| in_place[k] || s.group_of[k].is_some())
            {
                continue;
            }
            let Some(at) = attach(tree, id, &trig, material, protest, false)
            else {
                continue;
            };
            consider(Reached {
                name: name.to_string(),
                country: None,
                place: None,
                rank: (
                    at.container,
                    at.depth,
                    kind_rank(PlaceKind::City),
                    a.abs_diff(trig_start as usize),
                ),
            });
        }
        best
    }

    /// The places of sentence `si` that a locative word governs through
    /// their noun phrase in the tree ("in the southern city of X", "near
    /// X province"), in text order: the candidates of
    /// [`EventCoder::location_among`] in a parsed sentence.
    pub(crate) fn tree_located(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        places: &[PlaceMention],
    ) -> Vec<usize> {
        let mut located = Vec::new();
        let s = cx.s;
        let tree = p.tree();
        let first = places.partition_point(|q| q.sentence < cx.si);
        let last =
            first + places[first..].partition_point(|q| q.sentence <= cx.si);
        for (pi, q) in places.iter().enumerate().take(last).skip(first) {
            if located.contains(&pi) {
                continue;
            }
            let lo = s.toks.partition_point(|x| x.span.end <= q.span.start);
            let hi = s.toks.partition_point(|x| x.span.start < q.span.end);
            let Some(h) = head_of(p, lo, hi) else { continue };
            if nationality_use(tree, h, q.kind) {
                continue;
            }
            let mut cur = h;
            for _ in 0..5 {
                // A locative phrase of a verb ("fighting raged in the
                // town of X"); one modifying a noun is about that noun
                // ("the ministry in Abu Dhabi", "sources in Nineveh").
                if loc_case(tree, cur) {
                    let of_speaker =
                        tree.deprel(cur).is_some_and(|d| d.rel == Rel::Nmod)
                            && tree.head(cur).is_some_and(|n| {
                                speaker_noun(p, n) || topic_noun(tree, n)
                            });
                    if !of_speaker {
                        located.push(pi);
                    }
                    break;
                }
                let Some(d) = tree.deprel(cur) else { break };
                if !matches!(
                    d.rel,
                    Rel::Nmod
                        | Rel::Appos
                        | Rel::Flat
                        | Rel::Compound
                        | Rel::Conj
                ) || d.sub == Sub::Poss
                    || foreign_case(tree, cur, false)
                {
                    break;
                }
                match tree.head(cur) {
                    Some(hh) if hh != 0 => cur = hh,
                    _ => break,
                }
            }
        }
        located
    }

    /// [`EventCoder::location`] among the candidates `cands`
    /// ([`EventCoder::located_places`]): the nearest to the trigger, in
    /// its clause first. Only the [`NEAREST`] candidates on each side of
    /// the trigger are weighed, so a sentence of thousands of places
    /// costs each trigger constant work.
    pub(crate) fn location_among(
        &self,
        s: &Sent<'_>,
        places: &[PlaceMention],
        cands: &[usize],
        clause: (usize, usize),
        v: usize,
    ) -> Option<(Location, usize)> {
        if cands.is_empty() || s.toks.is_empty() {
            return None;
        }
        let lo = s.toks[clause.0.min(s.len() - 1)].span.start;
        let hi = s.toks[clause.1.max(1).min(s.len()) - 1].span.end;
        let trig = s.toks[v].span.start;
        let mut best: Option<(u32, usize)> = None;
        let at = cands.partition_point(|&pi| places[pi].span.start < trig);
        let from = at.saturating_sub(NEAREST);
        let to = (at + NEAREST).min(cands.len());
        for &pi in &cands[from..to] {
            let p = &places[pi];
            let in_clause = p.span.start >= lo && p.span.end <= hi;
            let dist = p.span.start.abs_diff(trig)
                + if in_clause { 0 } else { 100_000 };
            if best.map_or(true, |(d, _)| dist < d) {
                best = Some((dist, pi));
            }
        }
        best.map(|(_, pi)| {
            let p = &places[pi];
            let loc = Location {
                name: p.name.clone(),
                country: p.country.clone(),
                from: None,
            };
            (loc, pi)
        })
    }
}

/// The byte range of the clause's tokens `clause`.
fn clause_bytes(s: &Sent<'_>, clause: (usize, usize)) -> (usize, usize) {
    if s.toks.is_empty() {
        return (0, 0);
    }
    let lo = s.toks[clause.0.min(s.len() - 1)].span.start as usize;
    let hi = s.toks[clause.1.max(1).min(s.len()) - 1].span.end as usize;
    (lo, hi)
}

/// Smaller places first: a site or town says more than its country.
fn kind_rank(k: PlaceKind) -> u8 {
    match k {
        PlaceKind::Site => 0,
        PlaceKind::City => 1,
        PlaceKind::Region => 2,
        PlaceKind::Sea => 3,
        PlaceKind::Country => 4,
    }
}

/// The word heading the tokens `[lo, hi)`: the first whose head lies
/// outside them.
fn head_of(p: &Parsed<'_>, lo: usize, hi: usize) -> Option<u32> {
    let tree = p.tree();
    let inside = |id: u32| p.token(id).is_some_and(|t| t >= lo && t < hi);
    (lo..hi)
        .filter_map(|t| p.word(t))
        .find(|&id| tree.head(id).map_or(true, |h| h == 0 || !inside(h)))
}

/// The tokens of the name headed by `id` (its `flat`/`compound` proper
/// noun parts, "Tel Hamis", "Sere Kaniye").
fn name_extent(
    tree: &SentenceTree,
    p: &Parsed<'_>,
    s: &Sent<'_>,
    id: u32,
    tok: usize,
) -> (usize, usize) {
    let (mut lo, mut hi) = (tok, tok + 1);
    let mut parts: Vec<usize> = tree
        .children(id)
        .iter()
        .filter(|&&c| {
            tree.word(c).is_some_and(|w| {
                matches!(w.deprel.rel, Rel::Flat | Rel::Compound)
                    && w.upos == Upos::Propn
            })
        })
        .filter_map(|&c| p.token(c))
        .collect();
    parts.sort_unstable();
    for &t in parts.iter().rev().filter(|&&t| t < tok) {
        if t + 1 == lo {
            lo = t;
        }
    }
    for &t in parts.iter().filter(|&&t| t > tok) {
        // "al-Shaab", "Umm al-Fahm": a hyphen inside the name.
        if t == hi || (t == hi + 1 && s.norm(hi) == "-") {
            hi = t + 1;
        }
    }
    (lo, hi)
}

/// Whether `name` reads as a proper name: capitalised, or behind an
/// Arabic article ("al-Shaab Stadium", "el-Arish").
fn capitalised_name(name: &str) -> bool {
    let rest = ["al-", "el-", "ad-", "as-", "an-", "ash-", "ar-", "az-"]
        .iter()
        .find_map(|a| name.strip_prefix(a))
        .unwrap_or(name);
    rest.starts_with(|c: char| c.is_uppercase())
}

/// Nouns of those who speak or report: a place modifying one says where
/// they are, not where the act was ("sources in Nineveh", "the ministry
/// in Abu Dhabi").
///
/// The list: `dicts/words/speaker_nouns.txt`.
static SPEAKER_NOUNS: crate::util::WordList =
    crate::util::word_list!("words/speaker_nouns.txt");

/// Whether word `n` is a [`SPEAKER_NOUNS`] noun. (Not any actor: "troops
/// in northern Iraq" often attaches the place to the troops when it
/// says where they acted.)
fn speaker_noun(p: &Parsed<'_>, n: u32) -> bool {
    speaker_word(p.tree(), n)
}

/// [`speaker_noun`] on the bare tree.
fn speaker_word(tree: &SentenceTree, n: u32) -> bool {
    tree.word(n).is_some_and(|w| {
        SPEAKER_NOUNS.contains(w.lemma.to_lowercase().as_str())
    })
}

/// Whether noun `n` is what an act is against or about ("protesting
/// against the operation in X", "calls for talks in X"): a place
/// modifying it says where that is, not where the act was.
fn topic_noun(tree: &SentenceTree, n: u32) -> bool {
    tree.children_by(n, Rel::Case).any(|c| {
        tree.word(c).is_some_and(|w| {
            matches!(
                w.lemma.to_lowercase().as_str(),
                "against" | "for" | "about" | "over"
            )
        })
    })
}

/// "a U.S. airstrike", "the 1967 Middle East war": a country or region
/// (`kind`) headed by `h` that modifies a noun other than a place noun
/// says whose act it is, not where.
/// A region so used names a war ("the Middle East war"); "the Helmand
/// battle" is where.
fn nationality_use(tree: &SentenceTree, h: u32, kind: PlaceKind) -> bool {
    let head = tree.head(h).filter(|&x| x != 0);
    let war = head.and_then(|x| tree.word(x)).is_some_and(|w| {
        matches!(
            w.lemma.to_lowercase().as_str(),
            "war" | "conflict" | "crisis"
        )
    });
    (kind == PlaceKind::Country || (kind == PlaceKind::Region && war))
        && tree
            .deprel(h)
            .is_some_and(|d| matches!(d.rel, Rel::Compound | Rel::Amod))
        && head.is_some_and(|x| !place_noun(tree, x) && !time_word(tree, x))
}

/// Whether `id` names a day or a month: "across Turkey Thursday", "in
/// Gaza Sunday" parsed with the place as the date's compound are
/// places, not a nationality.
fn time_word(tree: &SentenceTree, id: u32) -> bool {
    tree.word(id).is_some_and(|w| {
        let l = w.lemma.to_lowercase();
        calendar::is_date_word(&l)
    })
}

/// Whether `id` has a locative preposition ("in", "near") as its case.
fn loc_case(tree: &SentenceTree, id: u32) -> bool {
    tree.children_by(id, Rel::Case).any(|c| {
        tree.word(c).is_some_and(|w| {
            LOC_CASES.contains(&w.lemma.to_lowercase().as_str())
        })
    })
}

/// Whether `id` is marked by a preposition that is neither locative nor
/// "of" ("bombings as the United States weighed", "a race by England's
/// driver"): the phrase it heads is not a part of its head's place.
/// With `partners`, on the way up to the trigger, the phrase of an act's
/// partner is no barrier ("clashes with troops near X", "fighting
/// between the army and rebels in X"); a locative phrase alone ("at
/// the start of the conflict between X and Y") does not reach through it.
fn foreign_case(tree: &SentenceTree, id: u32, partners: bool) -> bool {
    // Only a preposition is a case: a parse may hang an adjective there
    // ("the north Arabian Sea").
    let mut cases = tree
        .children_by(id, Rel::Case)
        .filter_map(|c| tree.word(c))
        .filter(|w| matches!(w.upos, Upos::Adp | Upos::Part));
    cases.next().is_some_and(|w| {
        let l = w.lemma.to_lowercase();
        // "clashes with the forces near X", "fighting between the army
        // and rebels in X": the fight's partner, where it fought.
        !(LOC_CASES.contains(&l.as_str())
            || matches!(l.as_str(), "of" | "'s" | "'")
            || (partners
                && matches!(
                    l.as_str(),
                    "with" | "between" | "among" | "during"
                )))
    })
}

/// Whether `id`'s lemma is a kind of place ("town", "province").
fn place_noun(tree: &SentenceTree, id: u32) -> bool {
    tree.word(id).is_some_and(|w| {
        w.upos == Upos::Noun
            && PLACE_NOUNS.contains(w.lemma.to_lowercase().as_str())
    })
}

/// How a place reaches the trigger.
struct Attach {
    /// The place is the container of another ("Iraq's city of Mosul",
    /// "the Belarus capital Minsk"): a possessor or compound of a place
    /// noun.
    container: bool,
    /// Steps from the place to the word on the trigger.
    depth: u8,
}

/// Whether the place headed by `h` is attached to a word of `trig` (each
/// with a depth penalty): as an oblique with a locative preposition (for
/// a protest also "to": "marched to X"), or inside an oblique, the
/// object or the subject noun phrase after one; a gazetteer place
/// (`known`) also as the object of a material act ("captured X") or in
/// an object that is a place noun or a part ("captured the town of X",
/// "half of X"). An unknown name only counts governed by a locative
/// preposition itself ("in Beslan") or by a place noun ("the village of
/// X", "X province").
fn attach(
    tree: &SentenceTree,
    h: u32,
    trig: &[(u32, u8)],
    material: bool,
    protest: bool,
    known: bool,
) -> Option<Attach> {
    let mut cur = h;
    // "the village near X", "80 km south of X": a place that locates
    // another, not where the act was; ranked with the containers.
    let mut container = reference_point(tree, h);
    let mut typed = false;
    let mut cased = false;
    let mut own_case = false;
    let mut spoken = false;
    for depth in 0u8..7 {
        let w = tree.word(cur)?;
        let d = w.deprel;
        let head = w.head;
        let split = depth == 0 && split_apposition(tree, cur);
        let here_case = loc_case(tree, cur)
            || split
            || (protest && has_case(tree, cur, &["to"]));
        if depth == 0 {
            // An unknown name is a place in "in X", "near X", not in "on
            // Team X".
            own_case = split || has_case(tree, cur, NAME_CASES);
            typed |= split;
        }
        cased |= here_case;
        let named = known || typed || own_case;
        if let Some(&(_, penalty)) =
            trig.iter().find(|&&(x, _)| head != 0 && x == head)
        {
            let ok = match d.rel {
                Rel::Obl => {
                    d.sub != Sub::Tmod
                        && named
                        && if depth == 0 {
                            here_case && (d.sub != Sub::Agent || split)
                        } else {
                            // "killed by sniper fire in the town of X",
                            // "during clashes near X"; not "after the
                            // death of a man in X".
                            here_case
                                || (cased
                                    && !has_case(tree, cur, TIME_CASES)
                                    && !spoken
                                    && !topic_noun(tree, cur))
                        }
                }
                // "captured X": the place acted on; "bombed a mosque in
                // X": a place in the object; "captured the town of X",
                // "much of X": the object is the place or a part of it.
                Rel::Obj => {
                    material
                        && ((depth == 0 && known)
                            || (depth > 0
                                && named
                                && (cased
                                    || place_noun(tree, cur)
                                    || part_noun(tree, cur))))
                }
                // "Two malls in X were bombed", "battles in X killed";
                // not "a rider on Team X".
                Rel::Nsubj => depth > 0 && cased && (known || typed),
                _ => false,
            };
            return ok.then_some(Attach {
                container,
                depth: depth.saturating_add(penalty),
            });
        }
        if head == 0 {
            return None;
        }
        let step = matches!(
            d.rel,
            Rel::Nmod | Rel::Appos | Rel::Flat | Rel::Compound | Rel::Conj
        );
        if !step || foreign_case(tree, cur, true) {
            return None;
        }
        if place_noun(tree, head) {
            typed = true;
        }
        // "a statement from the ministry in X", "sources in X".
        spoken |= speaker_word(tree, head);
        // Only the first step says whether the place is the other's
        // container: "Iraq's northern city of Mosul", "the Belarus
        // capital Minsk" (a compound of a place noun that names another
        // place below it), "the X area in Baghdad" (a place in which a
        // place noun or name lies).
        if depth == 0
            && (d.sub == Sub::Poss
                || (d.rel == Rel::Compound
                    && place_noun(tree, head)
                    && tree.children(head).iter().any(|&c| {
                        c != cur
                            && tree.deprel(c).is_some_and(|x| {
                                matches!(
                                    x.rel,
                                    Rel::Appos | Rel::Flat | Rel::Nmod
                                ) && x.sub != Sub::Poss
                            })
                            && !loc_case(tree, c)
                            && tree
                                .word(c)
                                .is_some_and(|x| x.upos == Upos::Propn)
                    }))
                || (d.rel == Rel::Nmod
                    && has_case(tree, cur, &["in", "near", "outside"])
                    && (place_noun(tree, head)
                        || tree
                            .word(head)
                            .is_some_and(|x| x.upos == Upos::Propn))))
        {
            container = true;
        }
        // A possessor place is only where when it owns a place ("Iraq's
        // city of Mosul", as the container) or a locative phrase ("in
        // Syria's conflict"), never a person or a thing ("England's Dan
        // Wheldon").
        if d.sub == Sub::Poss
            && (depth > 0 || !(place_noun(tree, head) || loc_case(tree, head)))
        {
            return None;
        }
        cur = head;
    }
    None
}

/// Depth added to places reached through a clause of time
/// ([`time_clause`]): the trigger's own obliques come first.
const ADVCL_PENALTY: u8 = 2;

/// Prepositions that make an unknown capitalised name a place.
const NAME_CASES: &[&str] =
    &["in", "at", "near", "outside", "inside", "around", "nearby"];

/// Prepositions of time: a place inside such a phrase is where another
/// thing happened ("killed after the death of a man in X").
const TIME_CASES: &[&str] =
    &["after", "before", "since", "until", "following"];

/// Whether the adverbial clause `c` says when its head happened ("when
/// their convoy hit", "while being questioned", "as experts tried").
fn time_clause(tree: &SentenceTree, c: u32) -> bool {
    tree.children(c).iter().any(|&m| {
        tree.deprel(m)
            .is_some_and(|d| matches!(d.rel, Rel::Mark | Rel::Advmod))
            && tree.word(m).is_some_and(|w| {
                matches!(
                    w.lemma.to_lowercase().as_str(),
                    "when" | "while" | "as" | "after"
                )
            })
    })
}

/// Whether `id` has one of `cases` as its preposition.
fn has_case(tree: &SentenceTree, id: u32, cases: &[&str]) -> bool {
    tree.children_by(id, Rel::Case).any(|c| {
        tree.word(c)
            .is_some_and(|w| cases.contains(&w.lemma.to_lowercase().as_str()))
    })
}

/// Nouns naming a part of what follows ("half of Zaire", "much of
/// Liberia", "control of Kabul"): the object's place is that place.
///
/// The list: `dicts/words/part_nouns.txt`.
static PART_NOUNS: crate::util::WordList =
    crate::util::word_list!("words/part_nouns.txt");

/// Whether `id` is a [`PART_NOUNS`] word.
fn part_noun(tree: &SentenceTree, id: u32) -> bool {
    tree.word(id)
        .is_some_and(|w| PART_NOUNS.contains(w.lemma.to_lowercase().as_str()))
}

/// "in the capital Baku" parsed as two obliques, "capital" with the
/// preposition and "Baku" bare beside it: the name is the place noun's
/// apposition, governed by its preposition.
fn split_apposition(tree: &SentenceTree, id: u32) -> bool {
    let Some(w) = tree.word(id) else { return false };
    if w.upos != Upos::Propn
        || w.deprel.rel != Rel::Obl
        || tree.children_by(id, Rel::Case).next().is_some()
        || id < 2
    {
        return false;
    }
    let prev = id - 1;
    tree.word(prev)
        .is_some_and(|x| x.deprel.rel == Rel::Obl && x.head == w.head)
        && place_noun(tree, prev)
        && loc_case(tree, prev)
}

/// Words saying where one place lies from another ("80 km south of X",
/// "the village near X" is a direction's or a place noun's complement).
///
/// The list: `dicts/words/directions.txt`.
static DIRECTIONS: crate::util::WordList =
    crate::util::word_list!("words/directions.txt");

/// Whether the place headed by `h` is a reference point: the complement
/// of a direction ("just north of Baghdad", "80 km south of X").
fn reference_point(tree: &SentenceTree, h: u32) -> bool {
    let of_direction = |x: u32| {
        tree.word(x).is_some_and(|w| {
            DIRECTIONS.contains(w.lemma.to_lowercase().as_str())
        })
    };
    // "south of X": "south" heads X, or is X's modifier when the parse
    // makes the direction an adverb of the place.
    tree.head(h).is_some_and(|x| x != 0 && of_direction(x))
        || tree.children(h).iter().any(|&c| {
            of_direction(c)
                && tree.deprel(c).is_some_and(|d| {
                    matches!(d.rel, Rel::Advmod | Rel::Case | Rel::Amod)
                })
                && tree.word(c).is_some_and(|w| w.upos != Upos::Adj)
        })
}

/// Whether the act of `cameo` is done to things: material acts are done
/// to a place; an appeal, demand or threat needs an addressee ("pushing
/// for a ceasefire in Gaza" is not addressed to Gaza).
pub(crate) fn material(cameo: PatternCode) -> bool {
    !cameo.root().is_some_and(|r| VERBAL_ROOTS.contains(&r.as_str()))
}

/// The place (actor index `place`) as the target of a dyad with source
/// `x` and no target: after the trigger, in another country ("exercises
/// in Alaska", "shelling in Gaza"), or a statement's topic phrase naming
/// a place in the speaker's own country ("sorrow for the floods in
/// Texas": USA -> USA).
pub(crate) fn place_target(
    s: &Sent<'_>,
    t: &Trigger,
    actors: &[ActorMention],
    x: usize,
    place: usize,
) -> bool {
    let p = &actors[place];
    // A body's own seat ("NATO ministers met in Brussels") is no other
    // party, as a city of a state's own country is none.
    let seat =
        p.name.as_deref().is_some_and(|n| at_seat(actors[x].code.as_str(), n));
    material(t.cameo)
        && !seat
        && !meeting_venue(s, t, p.span)
        && p.span.start > s.toks[t.v()].span.end
        && p.country.is_some()
        && (p.country != actors[x].country
            || (t.cameo.root().is_some_and(|r| r == "01")
                && topic_place(s, t.m.end, p.span)))
}

/// Nouns of a meeting (`dicts/time/meeting_words.txt`, shared with the
/// dating of retold meetings).
static MEETING_WORDS: crate::util::WordList =
    crate::util::word_list!("time/meeting_words.txt");

/// Whether the place at `place` is the venue of a meeting of named
/// participants that stands between the consultation's pattern and the
/// place ("to attend a summit of industrial nations in Venice", "a
/// meeting of coffee producers in Managua"): who meet is said, the place
/// is where. A meeting without its participants keeps the place as its
/// other side ("attend a summit in Switzerland": UniversalPetrarch's
/// gold codes the host), as a pattern that names the meeting itself
/// ("held talks in Beijing"), a visit and its hosting (042, 043) do.
fn meeting_venue(s: &Sent<'_>, t: &Trigger, place: Span) -> bool {
    let consult = t.cameo.forward().is_some_and(|c| {
        c.as_str().starts_with("04") && !matches!(c.as_str(), "042" | "043")
    });
    consult
        && (t.m.end..s.len())
            .take_while(|&i| s.toks[i].span.end <= place.start)
            .any(|i| {
                MEETING_WORDS.contains(s.norm(i)) && s.norm(i + 1) == "of"
            })
}

/// Whether the place at `place` ends the phrase right after a pattern
/// (which ends before token `end`): at most eight tokens on, with no
/// clause break between ("sorrow for the deadly floods in Texas"; not
/// "..., speaking in Texas").
fn topic_place(s: &Sent<'_>, end: usize, place: Span) -> bool {
    let Some(k) =
        (end..s.len()).find(|&i| s.toks[i].span.start >= place.start)
    else {
        return false;
    };
    k <= end + 8
        && (end..k).all(|i| !matches!(s.norm(i), "," | ";" | ":" | "." | "--"))
}

/// The seats of intergovernmental bodies (`dicts/actors/seats.tsv`):
/// (code prefix, seat cities).
pub(crate) const SEATS: &str =
    include_str!("../../../../dicts/actors/seats.tsv");

/// The seat table, read once: (code prefix, seat cities).
fn seats() -> &'static [(&'static str, Vec<&'static str>)] {
    static TABLE: std::sync::OnceLock<Vec<(&str, Vec<&str>)>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        SEATS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .filter(|(prefix, _)| !prefix.is_empty())
            .map(|(prefix, cities)| {
                (prefix, cities.split('|').map(str::trim).collect())
            })
            .collect()
    })
}

/// Whether the place named `place` (the place gazetteer's canonical
/// name) is a seat of the body coded `code` ([`SEATS`]: every line whose
/// code is a prefix of `code`). The table is read once, not per event.
pub(crate) fn at_seat(code: &str, place: &str) -> bool {
    seats().iter().any(|(prefix, cities)| {
        code.starts_with(prefix)
            && cities.iter().any(|c| c.eq_ignore_ascii_case(place))
    })
}

#[cfg(test)]
mod tests {
    use crate::events::testutil::Fixture;
    use crate::events::LocationFrom::{self, Dateline, Verb};

    /// (article text, the first event's location and how it was found),
    /// through the whole coder (with the parse): one row per
    /// construction.
    #[test]
    fn location_from_table() {
        let coder = crate::Coder::builtin().expect("built-in coder");
        type Row = (&'static str, Option<(&'static str, LocationFrom)>);
        let cases: &[Row] = &[
            // Oblique with a locative preposition.
            ("Gunmen killed three villagers near Maiduguri.", Some(("Maiduguri", Verb))),
            // Through the noun phrase: the place contained, not the
            // container.
            (
                "Soldiers killed five militants in Iraq's northern city of Mosul.",
                Some(("Mosul", Verb)),
            ),
            ("Thousands demonstrated in the capital Nairobi on Friday.", Some(("Nairobi", Verb))),
            // A name the gazetteer does not know, in a place construction.
            (
                "Soldiers killed two men in the town of Kandala.",
                Some(("Kandala", Verb)),
            ),
            // The place a material act is done to.
            ("Rebels captured Goma on Tuesday.", Some(("Goma", Verb))),
            // A place in the object's phrase.
            ("Gunmen attacked a market in Maiduguri.", Some(("Maiduguri", Verb))),
            // A country naming whose act it is, not where.
            ("Two people were killed in a U.S. airstrike.", None),
            // A place modifying a speaker says where the speaker is.
            (
                "Rebels attacked a convoy, according to sources in Kinshasa.",
                None,
            ),
            // The object is a place noun or a part of the place.
            ("Rebels captured the town of Kandala on Sunday.", Some(("Kandala", Verb))),
            ("The insurgents seized much of Somalia last year.", Some(("Somalia", Verb))),
            // "in the capital X" split into two obliques by the parse.
            ("Hundreds demonstrated in the capital Khartoum on Monday.", Some(("Khartoum", Verb))),
            // The place in which a named area lies is its container.
            (
                "A bomb exploded on a road in the Zahra area in eastern Baghdad.",
                Some(("Zahra", Verb)),
            ),
            // A clause of time: where the act happened.
            (
                "Four soldiers were killed when their truck hit a mine near Kandala.",
                Some(("Kandala", Verb)),
            ),
            // A direction's complement is a reference point.
            (
                "Gunmen killed two policemen in Kandala, 40 km north of Baghdad.",
                Some(("Kandala", Verb)),
            ),
            // Inside an agent or a partner's phrase.
            (
                "A soldier was killed by sniper fire in the village of Kandala.",
                Some(("Kandala", Verb)),
            ),
            (
                "Ten fighters were killed in clashes with army troops near Kandala town.",
                Some(("Kandala", Verb)),
            ),
            // A place parsed as a weekday's compound.
            ("Students demonstrated across Kenya Thursday.", Some(("Kenya", Verb))),
            // A protest march's goal.
            ("Protesters marched to the Nairobi offices of the UN.", Some(("Nairobi", Verb))),
            // A name behind an Arabic article, with a hyphen inside.
            (
                "Gunmen attacked a checkpoint near al-Zawra Stadium.",
                Some(("al-Zawra Stadium", Verb)),
            ),
            // The dateline, marked so, only when the text names no place.
            (
                "NAIROBI, March 3 - Police arrested ten students.",
                Some(("Nairobi", Dateline)),
            ),
        ];
        let mut bad = Vec::new();
        for (text, want) in cases {
            let a = crate::Article::new(
                "t",
                "2024-03-03".parse().expect("date"),
                text,
            );
            let evs = coder.code(&a);
            let got = evs
                .first()
                .and_then(|e| e.location.as_ref())
                .map(|l| (l.name.as_str(), l.from));
            let want = want.map(|(n, f)| (n, Some(f)));
            if got != want {
                bad.push(format!(
                    "{text:?}: got {got:?}, want {want:?} ({} events)",
                    evs.len()
                ));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    /// (sentence, location name): the place after a locative preposition,
    /// nearest the trigger, own clause first.
    #[test]
    fn location_table() {
        let f = Fixture::builtin();
        let cases = [
            ("Israel struck targets in Rafah.", Some("Rafah")),
            ("Talks in Cairo failed as Israel struck Rafah.", Some("Cairo")),
            ("Russia attacked Ukraine.", None),
            (
                "Fighting near Bakhmut in the Donbas killed ten.",
                Some("Bakhmut"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(f.first_location(text).as_deref(), want, "{text}");
        }
    }
}
