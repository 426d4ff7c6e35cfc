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

use std::collections::HashMap;

use crate::dict::{Dictionaries, Elem, VerbPattern};

use super::lemma::Lemmatizer;
use super::sentence::{Sent, NO_LEMMA};

/// Words allowed between consecutive literal elements.
pub const GAP: usize = 3;
/// Words allowed after a `^` skip.
pub const SKIP_GAP: usize = 10;

#[derive(Clone, Debug)]
enum CElem {
    Lemma(u32),
    Word(String),
    Source,
    Target,
    Skip,
    Synset(Vec<Vec<u32>>),
    Compound,
}

#[derive(Clone, Debug)]
struct CPattern {
    verb: Vec<u32>,
    before: Vec<CElem>,
    after: Vec<CElem>,
    score: u32,
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
    by_verb: HashMap<u32, Vec<usize>>,
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
        let conv = |e: &Elem| -> CElem {
            match e {
                Elem::Word(w) if w.contains(' ') => {
                    CElem::Synset(vec![w.split_whitespace().map(id).collect()])
                }
                Elem::Word(w) => CElem::Word(w.to_lowercase()),
                Elem::Lemma(w) if w.contains(' ') => {
                    CElem::Synset(vec![w.split_whitespace().map(id).collect()])
                }
                Elem::Lemma(w) => CElem::Lemma(id(w)),
                Elem::Source => CElem::Source,
                Elem::Target => CElem::Target,
                Elem::Skip => CElem::Skip,
                Elem::Compound => CElem::Compound,
                Elem::Synset(n) => CElem::Synset(
                    synsets
                        .get(n)
                        .map(|ms| {
                            ms.iter()
                                .map(|m| {
                                    m.split_whitespace().map(id).collect()
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
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
            let before: Vec<CElem> = p.before.iter().map(conv).collect();
            let after: Vec<CElem> = p.after.iter().map(conv).collect();
            let lits = |es: &[CElem]| {
                es.iter()
                    .filter(|e| {
                        matches!(
                            e,
                            CElem::Lemma(_)
                                | CElem::Word(_)
                                | CElem::Synset(_)
                        )
                    })
                    .count() as u32
            };
            let slots = |es: &[CElem]| {
                es.iter()
                    .filter(|e| matches!(e, CElem::Source | CElem::Target))
                    .count() as u32
            };
            let edge = u32::from(matches!(
                before.first(),
                Some(CElem::Source | CElem::Target)
            )) + u32::from(matches!(
                after.last(),
                Some(CElem::Source | CElem::Target)
            ));
            let score = 3 * (verb.len() as u32 + lits(&before) + lits(&after))
                + (slots(&before) + slots(&after)).saturating_sub(edge);
            let idx = set.pats.len();
            set.pats.push(CPattern {
                verb,
                before,
                after,
                score,
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
            set.by_verb.entry(first).or_default().push(idx);
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
        let mut all = Vec::new();
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
            let mut best: Option<PatternMatch> = None;
            let nominal = s.nominal.get(v).copied().unwrap_or(false);
            for &pi in cands {
                if nominal && self.pats[pi].verbal {
                    continue;
                }
                if let Some(m) = self.try_match(pi, v, s) {
                    // Ties go to the earlier pattern, unless only this
                    // one names the word as written ("met", "left").
                    let exact = |i: usize| self.pats[i].surface == s.norm(v);
                    let better = best.as_ref().map_or(true, |b| {
                        m.score > b.score
                            || (m.score == b.score
                                && exact(m.pattern)
                                && !exact(b.pattern))
                    });
                    if better {
                        best = Some(m);
                    }
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

    fn try_match(
        &self,
        pi: usize,
        v: usize,
        s: &Sent<'_>,
    ) -> Option<PatternMatch> {
        let p = &self.pats[pi];
        let mut lits = vec![v];
        let mut pos = v + 1;
        for &w in &p.verb[1..] {
            let j = (pos..(pos + 2).min(s.len())).find(|&j| s.lem[j] == w)?;
            lits.push(j);
            pos = j + 1;
        }
        let mut st = State { lits, source: None, target: None, end: pos };
        if !match_after(&p.after, s, pos, GAP, &mut st) {
            return None;
        }
        let end = st.end;
        if !match_before(&p.before, s, v, GAP, &mut st) {
            return None;
        }
        st.lits.sort_unstable();
        st.lits.dedup();
        // Specificity: 3 per word matched literally, 1 per bound slot.
        let score = 3 * st.lits.len() as u32
            + u32::from(st.source.is_some())
            + u32::from(st.target.is_some());
        let _ = p.score;
        Some(PatternMatch {
            pattern: pi,
            trigger: v,
            literals: st.lits,
            source: st.source,
            target: st.target,
            end,
            score,
        })
    }
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
        CElem::Word(w) => (s.norm(j) == w).then_some(1),
        CElem::Synset(ms) => ms.iter().find_map(|m| {
            let ok = !m.is_empty()
                && m.iter().enumerate().all(|(k, &l)| {
                    l != NO_LEMMA && s.lem.get(j + k) == Some(&l)
                });
            ok.then_some(m.len())
        }),
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
        CElem::Skip => match_before(rest, s, pos, SKIP_GAP, st),
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
        CElem::Source | CElem::Target if rest.is_empty() => true,
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
