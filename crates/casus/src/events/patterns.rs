//! The verb-pattern matcher: executes [`VerbPattern`]s (built-in TOML or
//! translated TABARI/PETRARCH dictionaries) over a prepared sentence.
//!
//! A pattern matches at a token whose lemma is its trigger; its `after`
//! elements are then found left to right and its `before` elements right
//! to left. Literal elements may have up to [`GAP`] other words before
//! them ([`SKIP_GAP`] after a `^`), so "expressed deep concern" matches
//! `express concern`. Actor slots bind actor groups; a slot at the very
//! edge of a pattern (`$ criticize +`) does not constrain the match: the
//! clause syntax supplies that actor. Among the patterns matching a
//! trigger the most specific wins (3 points per literal word, 1 per
//! binding slot), ties going to the earlier pattern.
//!
//! Speed (tens of thousands of patterns, some verbs with thousands):
//! patterns are indexed by trigger lemma and, per trigger, ordered by the
//! best score they could reach, so the search stops once no remaining
//! pattern can beat the best match; each pattern carries a 256-bit
//! signature of the lemmas and words it requires, tested against the
//! sentence's before any matching; synsets are compiled once, shared, and
//! indexed by their members' first lemma; literals compare integer ids.

use std::collections::HashMap;
use std::sync::Arc;

use crate::dict::{Dictionaries, Elem, VerbPattern};

use super::lemma::{FastHasher, FastMap, Lemmatizer};
use super::sentence::{Sent, NO_LEMMA};

/// Words allowed between consecutive literal elements.
pub const GAP: usize = 3;
/// Words allowed after a `^` skip.
pub const SKIP_GAP: usize = 10;

/// A 256-bit Bloom signature of lemma ids and words.
type Sig = [u64; 4];

fn sig_set(sig: &mut Sig, key: u64) {
    let h = key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56;
    sig[(h >> 6) as usize] |= 1 << (h & 63);
}

fn lemma_key(l: u32) -> u64 {
    u64::from(l) | (1 << 40)
}

fn word_key(w: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = FastHasher::default();
    h.write(w.as_bytes());
    h.finish() & !(1 << 40) | (1 << 41)
}

fn sig_covers(have: &Sig, need: &Sig) -> bool {
    (need[0] & !have[0])
        | (need[1] & !have[1])
        | (need[2] & !have[2])
        | (need[3] & !have[3])
        == 0
}

fn sig_meets(have: &Sig, any: &Sig) -> bool {
    (0..4).any(|i| any[i] & have[i] != 0)
}

/// A synset's members (lemma id sequences) by first lemma, each list in
/// dictionary order.
#[derive(Debug, Default)]
struct Members {
    by_first: FastMap<u32, Vec<Box<[u32]>>>,
    longest: usize,
    first: Sig,
}

impl Members {
    fn new(members: impl IntoIterator<Item = Vec<u32>>) -> Members {
        let mut m = Members::default();
        for ids in members {
            // Empty members and members with an unknown word never match.
            if ids.is_empty() || ids.contains(&NO_LEMMA) {
                continue;
            }
            m.longest = m.longest.max(ids.len());
            sig_set(&mut m.first, lemma_key(ids[0]));
            m.by_first.entry(ids[0]).or_default().push(ids.into());
        }
        m
    }
}

#[derive(Clone, Debug)]
enum CElem {
    Lemma(u32),
    Word(Box<str>),
    Source,
    Target,
    Skip,
    SkipPhrase,
    Adjacent,
    Synset(Arc<Members>),
    Compound,
}

#[derive(Clone, Debug)]
struct CPattern {
    verb: Vec<u32>,
    before: Vec<CElem>,
    after: Vec<CElem>,
    /// Per synset element: first lemmas of which one must occur.
    any: Vec<Sig>,
    cameo: String,
    origin: String,
    verbal: bool,
    /// The trigger's first word as written in the pattern.
    surface: String,
}

/// A pattern matched at a trigger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternMatch {
    /// Index of the pattern.
    pub pattern: usize,
    /// The trigger's first token.
    pub trigger: usize,
    /// Tokens consumed by literal elements (including the trigger), sorted.
    pub literals: Vec<usize>,
    /// Source group bound by the pattern.
    pub source: Option<usize>,
    /// Target group bound by the pattern.
    pub target: Option<usize>,
    /// One past the last token the pattern consumed.
    pub end: usize,
    /// Specificity.
    pub score: u32,
}

/// Compiled verb patterns, indexed by trigger lemma.
#[derive(Clone, Debug, Default)]
pub struct PatternSet {
    pats: Vec<CPattern>,
    /// Per trigger lemma, the patterns that can match, by descending
    /// best score, then dictionary order.
    by_verb: FastMap<u32, Vec<Cand>>,
}

/// A pattern in a trigger's candidate list: what the filter reads, kept
/// inline so the scan over thousands of candidates stays in cache.
#[derive(Clone, Copy, Debug)]
struct Cand {
    /// Lemmas and words the sentence must contain.
    need: Sig,
    /// The highest score a match can reach.
    best: u32,
    idx: u32,
    /// Fires only on a verb ([`VerbPattern::verbal`]).
    verbal: bool,
}

/// Every word a set of patterns uses, for the lemmatizer.
pub fn pattern_words(d: &Dictionaries) -> Vec<String> {
    let mut out = Vec::new();
    let add_elems = |es: &[Elem], out: &mut Vec<String>| {
        for e in es {
            match e {
                Elem::Word(w) | Elem::Lemma(w) => {
                    out.extend(w.split_whitespace().map(str::to_string))
                }
                _ => {}
            }
        }
    };
    for p in &d.verbs {
        out.extend(p.verb.iter().cloned());
        add_elems(&p.before, &mut out);
        add_elems(&p.after, &mut out);
    }
    for members in d.synsets.values() {
        for m in members {
            out.extend(m.split_whitespace().map(str::to_lowercase));
        }
    }
    out
}

impl PatternSet {
    /// Compiles `patterns`; their words must be known to `lz`.
    pub fn new(
        patterns: &[VerbPattern],
        synsets: &HashMap<String, Vec<String>>,
        lz: &Lemmatizer,
    ) -> PatternSet {
        let id = |w: &str| lz.canon(&w.to_lowercase()).unwrap_or(NO_LEMMA);
        let ids =
            |w: &str| -> Vec<u32> { w.split_whitespace().map(id).collect() };
        // Each synset compiled once, shared by every pattern naming it.
        let mut compiled: HashMap<String, Arc<Members>> = HashMap::new();
        let mut conv = |e: &Elem| -> CElem {
            match e {
                Elem::Word(w) | Elem::Lemma(w) if w.contains(' ') => {
                    CElem::Synset(Arc::new(Members::new([ids(w)])))
                }
                Elem::Word(w) => CElem::Word(w.to_lowercase().into()),
                Elem::Lemma(w) => CElem::Lemma(id(w)),
                Elem::Source => CElem::Source,
                Elem::Target => CElem::Target,
                Elem::Skip => CElem::Skip,
                Elem::SkipPhrase => CElem::SkipPhrase,
                Elem::Adjacent => CElem::Adjacent,
                Elem::Compound => CElem::Compound,
                Elem::Synset(n) => CElem::Synset(
                    compiled
                        .entry(n.clone())
                        .or_insert_with(|| {
                            let ms = synsets.get(n).map(Vec::as_slice);
                            Arc::new(Members::new(
                                ms.unwrap_or_default().iter().map(|m| ids(m)),
                            ))
                        })
                        .clone(),
                ),
            }
        };
        let mut set = PatternSet::default();
        for p in patterns {
            let verb: Vec<u32> = p
                .verb
                .iter()
                .flat_map(|v| v.split_whitespace())
                .map(id)
                .collect();
            let Some(&first) = verb.first() else { continue };
            if first == NO_LEMMA {
                continue;
            }
            let before: Vec<CElem> = p.before.iter().map(&mut conv).collect();
            let after: Vec<CElem> = p.after.iter().map(&mut conv).collect();
            // What the sentence must contain; a literal that can never
            // match (an unknown lemma, an empty synset) rules the
            // pattern out altogether.
            let mut need = Sig::default();
            let mut any = Vec::new();
            let mut possible = true;
            let mut longest = verb.len() as u32;
            for &w in &verb[1..] {
                // An unknown continuation word matches any unknown token.
                if w != NO_LEMMA {
                    sig_set(&mut need, lemma_key(w));
                }
            }
            // A compound binds the source before the trigger, the target
            // after it.
            let mut source =
                before.iter().any(|e| matches!(e, CElem::Compound));
            let mut target =
                after.iter().any(|e| matches!(e, CElem::Compound));
            for e in before.iter().chain(&after) {
                match e {
                    CElem::Lemma(l) if *l == NO_LEMMA => possible = false,
                    CElem::Lemma(l) => {
                        sig_set(&mut need, lemma_key(*l));
                        longest += 1;
                    }
                    CElem::Word(w) => {
                        sig_set(&mut need, word_key(w));
                        longest += 1;
                    }
                    CElem::Synset(m) if m.longest == 0 => possible = false,
                    CElem::Synset(m) => {
                        any.push(m.first);
                        longest += m.longest as u32;
                    }
                    CElem::Source => source = true,
                    CElem::Target => target = true,
                    CElem::Skip
                    | CElem::SkipPhrase
                    | CElem::Adjacent
                    | CElem::Compound => {}
                }
            }
            let best = 3 * longest + u32::from(source) + u32::from(target);
            let idx = set.pats.len();
            set.pats.push(CPattern {
                verb,
                before,
                after,
                any,
                cameo: p.cameo.clone(),
                origin: p.origin.to_string(),
                verbal: p.verbal,
                surface: p
                    .verb
                    .first()
                    .and_then(|v| v.split_whitespace().next())
                    .unwrap_or("")
                    .to_lowercase(),
            });
            if possible {
                set.by_verb.entry(first).or_default().push(Cand {
                    need,
                    best,
                    idx: idx as u32,
                    verbal: p.verbal,
                });
            }
        }
        for cands in set.by_verb.values_mut() {
            cands.sort_by_key(|c| (std::cmp::Reverse(c.best), c.idx));
        }
        set
    }

    /// Number of compiled patterns.
    pub fn len(&self) -> usize {
        self.pats.len()
    }

    /// True when there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.pats.is_empty()
    }

    /// The CAMEO code of pattern `i` (empty or `---` for a discard).
    pub fn cameo(&self, i: usize) -> &str {
        &self.pats[i].cameo
    }

    /// Whether lemma `l` triggers any pattern that can match.
    pub fn triggers(&self, l: u32) -> bool {
        self.by_verb.contains_key(&l)
    }

    /// Whether any pattern fires only on verbs.
    pub fn any_verbal(&self) -> bool {
        self.pats.iter().any(|p| p.verbal)
    }

    /// Whether pattern `i` fires only on a verb, not a noun
    /// ([`VerbPattern::verbal`]).
    pub fn verbal(&self, i: usize) -> bool {
        self.pats[i].verbal
    }

    /// The origin (`file:line`) of pattern `i`.
    pub fn origin(&self, i: usize) -> &str {
        &self.pats[i].origin
    }

    /// The best match of each trigger in `s`, in text order, with
    /// triggers consumed by a better match removed.
    pub fn find(&self, s: &Sent<'_>) -> Vec<PatternMatch> {
        let mut all: Vec<PatternMatch> = Vec::new();
        let mut have: Option<Sig> = None;
        let mut st =
            State { lits: Vec::new(), source: None, target: None, end: 0 };
        for v in 0..s.len() {
            let l = s.lem[v];
            if l == NO_LEMMA {
                continue;
            }
            // Inside a named actor, or capitalised mid-sentence ("Free
            // Tibet", "Strike Force"): a name, not a trigger.
            if s.group_of[v].is_some_and(|g| !s.groups[g].generic) || s.cap[v]
            {
                continue;
            }
            let Some(cands) = self.by_verb.get(&l) else { continue };
            let have = have.get_or_insert_with(|| sentence_sig(s));
            // The pattern with the highest score; among equals the first
            // (in dictionary order) that names the word as written
            // ("met", "left"), else the first. Candidates come by
            // descending reachable score.
            let mut best: Option<PatternMatch> = None;
            let nominal = s.nominal.get(v).copied().unwrap_or(false);
            let exact = |i: usize| self.pats[i].surface == s.norm(v);
            for c in cands {
                if best.as_ref().is_some_and(|b| c.best < b.score) {
                    break;
                }
                if (nominal && c.verbal) || !sig_covers(have, &c.need) {
                    continue;
                }
                let pi = c.idx as usize;
                if !self.pats[pi].any.iter().all(|a| sig_meets(have, a)) {
                    continue;
                }
                let Some((score, end)) = self.try_match(pi, v, s, &mut st)
                else {
                    continue;
                };
                let better = best.as_ref().map_or(true, |b| {
                    let (x, y) = (exact(pi), exact(b.pattern));
                    score > b.score
                        || (score == b.score
                            && (x && !y || x == y && pi < b.pattern))
                });
                if better {
                    best = Some(PatternMatch {
                        pattern: pi,
                        trigger: v,
                        literals: st.lits.clone(),
                        source: st.source,
                        target: st.target,
                        end,
                        score,
                    });
                }
            }
            all.extend(best);
        }
        // Drop matches whose trigger another, at least as specific, match
        // consumed as a literal ("impose sanctions on": the "sanctions"
        // trigger belongs to the "impose" pattern).
        let mut keep = vec![true; all.len()];
        for i in 0..all.len() {
            for j in 0..all.len() {
                if i != j
                    && all[j].score >= all[i].score
                    && all[j].literals.contains(&all[i].trigger)
                    && keep[j]
                    && !(all[j].score == all[i].score && j > i)
                {
                    keep[i] = false;
                    break;
                }
            }
        }
        all.into_iter().zip(keep).filter_map(|(m, k)| k.then_some(m)).collect()
    }

    /// Matches pattern `pi` at trigger `v`; on success `st` holds the
    /// sorted literal tokens and bound slots, and the score and end are
    /// returned.
    fn try_match(
        &self,
        pi: usize,
        v: usize,
        s: &Sent<'_>,
        st: &mut State,
    ) -> Option<(u32, usize)> {
        let p = &self.pats[pi];
        st.lits.clear();
        st.lits.push(v);
        let mut pos = v + 1;
        for &w in &p.verb[1..] {
            let j = (pos..(pos + 2).min(s.len()))
                .find(|&j| w != NO_LEMMA && s.lem[j] == w)?;
            st.lits.push(j);
            pos = j + 1;
        }
        st.source = None;
        st.target = None;
        st.end = pos;
        if !match_after(&p.after, s, pos, GAP, st) {
            return None;
        }
        let end = st.end;
        if !match_before(&p.before, s, v, GAP, st) {
            return None;
        }
        st.lits.sort_unstable();
        st.lits.dedup();
        // Specificity: 3 per word matched literally, 1 per bound slot.
        let score = 3 * st.lits.len() as u32
            + u32::from(st.source.is_some())
            + u32::from(st.target.is_some());
        Some((score, end))
    }
}

/// The lemmas and words of a sentence, as a signature.
fn sentence_sig(s: &Sent<'_>) -> Sig {
    let mut sig = Sig::default();
    for i in 0..s.len() {
        if s.lem[i] != NO_LEMMA {
            sig_set(&mut sig, lemma_key(s.lem[i]));
        }
        sig_set(&mut sig, word_key(s.norm(i)));
    }
    sig
}

struct State {
    lits: Vec<usize>,
    source: Option<usize>,
    target: Option<usize>,
    end: usize,
}

fn hard_stop(s: &Sent<'_>, i: usize) -> bool {
    matches!(s.norm(i), ";" | "." | "!" | "?")
}

fn lit_match(e: &CElem, s: &Sent<'_>, j: usize) -> Option<usize> {
    match e {
        CElem::Lemma(l) => (s.lem[j] == *l && *l != NO_LEMMA).then_some(1),
        CElem::Word(w) => (s.norm(j) == &**w).then_some(1),
        // Members are indexed by first lemma, in dictionary order: the
        // first that matches here is the first of the whole list.
        CElem::Synset(ms) => {
            ms.by_first.get(&s.lem[j])?.iter().find_map(|m| {
                let ok = m
                    .iter()
                    .enumerate()
                    .all(|(k, &l)| s.lem.get(j + k) == Some(&l));
                ok.then_some(m.len())
            })
        }
        _ => None,
    }
}

fn match_after(
    es: &[CElem],
    s: &Sent<'_>,
    pos: usize,
    gap: usize,
    st: &mut State,
) -> bool {
    let Some((e, rest)) = es.split_first() else {
        st.end = st.end.max(pos);
        return true;
    };
    match e {
        CElem::Skip => match_after(rest, s, pos, SKIP_GAP, st),
        CElem::Adjacent => match_after(rest, s, pos, 0, st),
        CElem::SkipPhrase => {
            // TABARI `^` before an actor slot: past one noun phrase.
            let pos = match rest.first() {
                Some(CElem::Source | CElem::Target) => {
                    super::tabari_walk::skip_phrase(s, pos)
                }
                _ => pos,
            };
            match_after(rest, s, pos, SKIP_GAP, st)
        }
        CElem::Compound => {
            // A coordination of two or more actors, bound as the target.
            let hi = (pos + gap + 1).min(s.len());
            for j in pos..hi {
                if j > pos && hard_stop(s, j - 1) {
                    break;
                }
                let Some(g) = s.group_at(j) else { continue };
                if s.groups[g].members.len() < 2 {
                    continue;
                }
                let saved = st.target;
                st.target = Some(g);
                if match_after(rest, s, s.groups[g].end, GAP, st) {
                    return true;
                }
                st.target = saved;
            }
            false
        }
        CElem::Source | CElem::Target if rest.is_empty() => {
            // A trailing slot binds an actor right there if there is one,
            // and otherwise leaves the actor to the clause syntax.
            let hi = (pos + gap + 1).min(s.len());
            let g = (pos..hi)
                .take_while(|&j| j == pos || !hard_stop(s, j - 1))
                .find_map(|j| s.group_at(j));
            if let Some(g) = g {
                if matches!(e, CElem::Source) {
                    st.source = Some(g);
                } else {
                    st.target = Some(g);
                }
            }
            st.end = st.end.max(pos);
            true
        }
        CElem::Source | CElem::Target => {
            let hi = (pos + gap + 1).min(s.len());
            for j in pos..hi {
                if j > pos && hard_stop(s, j - 1) {
                    break;
                }
                let Some(g) = s.group_at(j) else { continue };
                let saved = (st.source, st.target);
                if matches!(e, CElem::Source) {
                    st.source = Some(g);
                } else {
                    st.target = Some(g);
                }
                if match_after(rest, s, s.groups[g].end, GAP, st) {
                    return true;
                }
                (st.source, st.target) = saved;
            }
            false
        }
        _ => {
            let hi = (pos + gap + 1).min(s.len());
            for j in pos..hi {
                if hard_stop(s, j) {
                    break;
                }
                if let Some(n) = lit_match(e, s, j) {
                    let mark = st.lits.len();
                    st.lits.extend(j..j + n);
                    if match_after(rest, s, j + n, GAP, st) {
                        return true;
                    }
                    st.lits.truncate(mark);
                }
            }
            false
        }
    }
}

fn match_before(
    es: &[CElem],
    s: &Sent<'_>,
    pos: usize,
    gap: usize,
    st: &mut State,
) -> bool {
    // `pos` is one past the leftmost token available.
    let Some((e, rest)) = es.split_last() else { return true };
    match e {
        CElem::Skip | CElem::SkipPhrase => {
            match_before(rest, s, pos, SKIP_GAP, st)
        }
        CElem::Adjacent => match_before(rest, s, pos, 0, st),
        CElem::Compound => {
            // A coordination of two or more actors, bound as the source.
            let lo = pos.saturating_sub(gap + 1);
            for j in (lo..pos).rev() {
                let Some(g) = s.group_of[j] else { continue };
                if s.groups[g].members.len() < 2 || s.groups[g].end > pos {
                    continue;
                }
                let saved = st.source;
                st.source = Some(g);
                if match_before(rest, s, s.groups[g].start, GAP, st) {
                    return true;
                }
                st.source = saved;
            }
            false
        }
        CElem::Source | CElem::Target if rest.is_empty() => {
            // A target-first pattern with words before the trigger ("+
            // HOSTING * ..."): the `+` binds the actor right before them.
            if matches!(e, CElem::Target)
                && st.lits.first().is_some_and(|&v| pos < v)
            {
                if let Some(g) = super::tabari_walk::actor_before(s, pos) {
                    st.target = Some(g);
                }
            }
            true
        }
        CElem::Source | CElem::Target => {
            let lo = pos.saturating_sub(gap + 1);
            for j in (lo..pos).rev() {
                let Some(g) = s.group_of[j] else { continue };
                let saved = (st.source, st.target);
                if matches!(e, CElem::Source) {
                    st.source = Some(g);
                } else {
                    st.target = Some(g);
                }
                if match_before(rest, s, s.groups[g].start, GAP, st) {
                    return true;
                }
                (st.source, st.target) = saved;
            }
            false
        }
        _ => {
            let lo = pos.saturating_sub(gap + 1);
            for j in (lo..pos).rev() {
                if hard_stop(s, j) {
                    break;
                }
                if let Some(n) = lit_match(e, s, j) {
                    if j + n > pos {
                        continue;
                    }
                    let mark = st.lits.len();
                    st.lits.extend(j..j + n);
                    if match_before(rest, s, j, GAP, st) {
                        return true;
                    }
                    st.lits.truncate(mark);
                }
            }
            false
        }
    }
}
