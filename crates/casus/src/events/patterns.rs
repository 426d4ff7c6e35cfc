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
//! indexed by their members' first lemma; literals compare integer ids
//! (pattern words are interned, and each token's word id is looked up
//! once per sentence). A trigger's candidates are bucketed by one word
//! they require (the one fewest patterns use): only the buckets whose
//! word the sentence contains are scanned, so a verb with thousands of
//! patterns costs a few buckets per occurrence, not thousands of tests.

use std::collections::HashMap;
use std::sync::Arc;

use crate::codes::PatternCode;
use crate::dict::{Dictionaries, Elem, TriggerUse, VerbPattern};

use super::lemma::Lemmatizer;
use super::sentence::{Sent, NO_LEMMA};
use super::tabari_walk::Walk;
use crate::util::{FastMap, WordMap};

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

fn word_key(w: u32) -> u64 {
    u64::from(w) | (1 << 41)
}

/// No pattern word.
const NO_WORD: u32 = u32::MAX;

/// The pattern word (`=#score`) any game score stands for.
const SCORE: &str = "#score";

/// Whether `w` is a game score: two numbers of at most three digits
/// joined by a hyphen or dash ("12-11", "3-1"); a year range
/// ("1914-1918") or a figure ("2,100") is none.
fn is_score(w: &str) -> bool {
    let Some((a, b)) = w.split_once(['-', '\u{2013}']) else { return false };
    let short = |x: &str| {
        (1..=3).contains(&x.len()) && x.bytes().all(|c| c.is_ascii_digit())
    };
    short(a) && short(b)
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
    /// An interned pattern word ([`PatternSet::words`]).
    Word(u32),
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
    cameo: PatternCode,
    origin: String,
    /// The pattern's stable id.
    id: String,
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
    /// Per trigger lemma, the patterns that can match.
    by_verb: FastMap<u32, Trigger>,
    /// Interned pattern words (exact normalised forms).
    words: WordMap<u32>,
    /// The TABARI walk's word classes (for `^`).
    walk: Walk,
}

/// A trigger's candidate patterns: those requiring no word besides the
/// trigger, then buckets by one word key they require, each list by
/// descending best score, then dictionary order.
#[derive(Clone, Debug, Default)]
struct Trigger {
    cands: Box<[Cand]>,
    /// `cands[..n_always]` require no word.
    n_always: u32,
    /// Bucket key and its range of `cands`, sorted by key.
    keyed: Box<[(u64, u32, u32)]>,
    /// `keyed`'s position by key, for triggers with many buckets
    /// ([`INDEXED`]); empty otherwise.
    index: FastMap<u64, u32>,
    /// With `index`: a 1,024-bit Bloom filter of the bucket keys, so
    /// most of a sentence's keys are ruled out without a hash probe.
    bloom: Box<[u64]>,
}

/// The bit of `key` in a 1,024-bit Bloom filter.
fn bloom_bit(key: u64) -> u16 {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as u16
}

/// Buckets from which a trigger's keys are also hashed.
const INDEXED: usize = 32;

impl Trigger {
    fn always(&self) -> &[Cand] {
        &self.cands[..self.n_always as usize]
    }

    fn bucket(&self, b: usize) -> &[Cand] {
        let (_, from, to) = self.keyed[b];
        &self.cands[from as usize..to as usize]
    }
}

/// The key of patterns requiring no word (no real key is all ones).
const ALWAYS: u64 = u64::MAX;

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
    /// The use the trigger must have (`trigger = "noun"|"verb"`).
    used_as: Option<TriggerUse>,
    /// Requires the trigger's form as written (`CPattern::surface`).
    exact: bool,
    /// Has synset elements (`CPattern::any` to test).
    synsets: bool,
}

/// Compiles patterns: lemma ids, interned words, shared synsets.
struct Compiler<'a> {
    lz: &'a Lemmatizer,
    synsets: &'a HashMap<String, Vec<String>>,
    /// Each synset compiled once, shared by every pattern naming it.
    compiled: HashMap<String, Arc<Members>>,
    /// Interned pattern words (exact normalised forms).
    words: WordMap<u32>,
}

/// What a pattern requires of a sentence: its signature, the best score
/// it can reach and its required keys (sorted, distinct).
type Requirements = (Sig, u32, Vec<u64>);

impl Compiler<'_> {
    fn id(&self, w: &str) -> u32 {
        self.lz.canon(&w.to_lowercase()).unwrap_or(NO_LEMMA)
    }

    fn ids(&self, w: &str) -> Vec<u32> {
        w.split_whitespace().map(|w| self.id(w)).collect()
    }

    fn elem(&mut self, e: &Elem) -> CElem {
        match e {
            Elem::Word(w) | Elem::Lemma(w) if w.contains(' ') => {
                CElem::Synset(Arc::new(Members::new([self.ids(w)])))
            }
            Elem::Word(w) => {
                let n = self.words.len() as u32;
                CElem::Word(*self.words.or_insert(&w.to_lowercase(), n))
            }
            Elem::Lemma(w) => CElem::Lemma(self.id(w)),
            Elem::Source => CElem::Source,
            Elem::Target => CElem::Target,
            Elem::Skip => CElem::Skip,
            Elem::SkipPhrase => CElem::SkipPhrase,
            Elem::Adjacent => CElem::Adjacent,
            Elem::Compound => CElem::Compound,
            Elem::Synset(n) => {
                if let Some(m) = self.compiled.get(n) {
                    return CElem::Synset(m.clone());
                }
                let ms = self.synsets.get(n).map(Vec::as_slice);
                let ids: Vec<Vec<u32>> = ms
                    .unwrap_or_default()
                    .iter()
                    .map(|m| self.ids(m))
                    .collect();
                let m = Arc::new(Members::new(ids));
                self.compiled.insert(n.clone(), m.clone());
                CElem::Synset(m)
            }
        }
    }

    /// The compiled pattern, with its requirements unless a literal can
    /// never match (then it is kept but never indexed); `None` for a
    /// pattern whose trigger is unknown.
    fn pattern(
        &mut self,
        p: &VerbPattern,
    ) -> Option<(CPattern, Option<Requirements>)> {
        let verb: Vec<u32> = p
            .verb
            .iter()
            .flat_map(|v| v.split_whitespace())
            .map(|w| self.id(w))
            .collect();
        if *verb.first()? == NO_LEMMA {
            return None;
        }
        let before: Vec<CElem> =
            p.before.iter().map(|e| self.elem(e)).collect();
        let after: Vec<CElem> = p.after.iter().map(|e| self.elem(e)).collect();
        let (any, req) = requirements(&verb, &before, &after);
        let cp = CPattern {
            verb,
            before,
            after,
            any,
            cameo: p.cameo,
            origin: p.origin.to_string(),
            id: p.id.clone(),
            verbal: p.verbal,
            surface: p
                .verb
                .first()
                .and_then(|v| v.split_whitespace().next())
                .unwrap_or("")
                .to_lowercase(),
        };
        Some((cp, req))
    }
}

/// A compiled pattern's synset signatures, and what it requires of a
/// sentence; no requirements when a literal can never match (an unknown
/// lemma, an empty synset), which rules the pattern out altogether.
fn requirements(
    verb: &[u32],
    before: &[CElem],
    after: &[CElem],
) -> (Vec<Sig>, Option<Requirements>) {
    let mut need = Sig::default();
    let mut keys: Vec<u64> = Vec::new();
    let mut any = Vec::new();
    let mut possible = true;
    let mut longest = verb.len() as u32;
    for &w in &verb[1..] {
        // An unknown continuation word matches any unknown token.
        if w != NO_LEMMA {
            keys.push(lemma_key(w));
        }
    }
    // A compound binds the source before the trigger, the target after
    // it.
    let mut source = before.iter().any(|e| matches!(e, CElem::Compound));
    let mut target = after.iter().any(|e| matches!(e, CElem::Compound));
    for e in before.iter().chain(after) {
        match e {
            CElem::Lemma(l) if *l == NO_LEMMA => possible = false,
            CElem::Lemma(l) => {
                keys.push(lemma_key(*l));
                longest += 1;
            }
            CElem::Word(w) => {
                keys.push(word_key(*w));
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
    for &k in &keys {
        sig_set(&mut need, k);
    }
    keys.sort_unstable();
    keys.dedup();
    let best = 3 * longest + u32::from(source) + u32::from(target);
    (any, possible.then_some((need, best, keys)))
}

/// The trigger index: each pattern filed under its trigger and the key
/// it requires that the fewest patterns require (a content word rather
/// than "to" or "with"); `cands` are (trigger, candidate, range of
/// `all_keys`).
fn index(
    cands: Vec<(u32, Cand, u32, u32)>,
    all_keys: &[u64],
) -> FastMap<u32, Trigger> {
    let mut uses: FastMap<u64, u32> = FastMap::default();
    for &k in all_keys {
        *uses.entry(k).or_default() += 1;
    }
    // (trigger, key or none, candidate), sorted into the index order.
    let mut filed: Vec<(u32, u64, Cand)> = cands
        .into_iter()
        .map(|(first, c, from, to)| {
            let ks = &all_keys[from as usize..to as usize];
            let rarest = ks.iter().copied().min_by_key(|k| (uses[k], *k));
            (first, rarest.unwrap_or(ALWAYS), c)
        })
        .collect();
    filed.sort_unstable_by_key(|(first, key, c)| {
        (*first, *key != ALWAYS, *key, std::cmp::Reverse(c.best), c.idx)
    });
    let mut by_verb = FastMap::default();
    for run in filed.chunk_by(|a, b| a.0 == b.0) {
        by_verb.insert(run[0].0, Trigger::of(run));
    }
    by_verb
}

impl Trigger {
    /// A trigger's candidates (`run`: its filed patterns, in index order)
    /// bucketed by key, with a key index and Bloom filter when there are
    /// many buckets.
    fn of(run: &[(u32, u64, Cand)]) -> Trigger {
        let mut t = Trigger {
            cands: run.iter().map(|(_, _, c)| *c).collect(),
            n_always: run.iter().filter(|(_, k, _)| *k == ALWAYS).count()
                as u32,
            keyed: Box::default(),
            index: FastMap::default(),
            bloom: Box::default(),
        };
        let mut keyed = Vec::new();
        let mut i = t.n_always as usize;
        for b in run[i..].chunk_by(|a, b| a.1 == b.1) {
            keyed.push((b[0].1, i as u32, (i + b.len()) as u32));
            i += b.len();
        }
        if keyed.len() > INDEXED {
            t.index = keyed
                .iter()
                .enumerate()
                .map(|(b, e)| (e.0, b as u32))
                .collect();
            let mut bloom = vec![0u64; 16];
            for e in &keyed {
                let h = bloom_bit(e.0);
                bloom[usize::from(h >> 6)] |= 1 << (h & 63);
            }
            t.bloom = bloom.into();
        }
        t.keyed = keyed.into();
        t
    }
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
        walk: Walk,
    ) -> PatternSet {
        let mut c = Compiler {
            lz,
            synsets,
            compiled: HashMap::new(),
            words: WordMap::default(),
        };
        let mut set = PatternSet::default();
        // Per indexed pattern: its trigger, candidate and required keys
        // (a range of `all_keys`).
        let mut cands: Vec<(u32, Cand, u32, u32)> = Vec::new();
        let mut all_keys: Vec<u64> = Vec::new();
        for p in patterns {
            let Some((cp, req)) = c.pattern(p) else { continue };
            let idx = set.pats.len() as u32;
            let first = cp.verb[0];
            let synsets = !cp.any.is_empty();
            set.pats.push(cp);
            if let Some((need, best, keys)) = req {
                let cand = Cand {
                    need,
                    best,
                    idx,
                    verbal: p.verbal,
                    used_as: p.cond.used_as,
                    exact: p.cond.exact,
                    synsets,
                };
                let from = all_keys.len() as u32;
                all_keys.extend(&keys);
                cands.push((first, cand, from, all_keys.len() as u32));
            }
        }
        set.by_verb = index(cands, &all_keys);
        set.words = c.words;
        set.walk = walk;
        set
    }

    /// The TABARI walk's word classes.
    pub fn walk(&self) -> &Walk {
        &self.walk
    }

    /// Number of compiled patterns.
    pub fn len(&self) -> usize {
        self.pats.len()
    }

    /// What pattern `i` codes (nothing for a discard).
    pub fn cameo(&self, i: usize) -> PatternCode {
        self.pats[i].cameo
    }

    /// Whether lemma `l` triggers any pattern that can match.
    pub fn triggers(&self, l: u32) -> bool {
        self.by_verb.contains_key(&l)
    }

    /// Whether lemma `l` triggers a pattern that needs no other word
    /// ("condemn" of "$ condemn +"): it names an act of its own. A verb
    /// that triggers only with its act noun ("carry" of "$ carry out ^
    /// strikes") is a light verb.
    pub fn stands_alone(&self, l: u32) -> bool {
        let literal = |e: &CElem| {
            matches!(e, CElem::Lemma(_) | CElem::Word(_) | CElem::Synset(_))
        };
        self.by_verb.get(&l).is_some_and(|t| {
            t.cands.iter().any(|c| {
                self.pats.get(c.idx as usize).is_some_and(|p| {
                    p.verb.len() == 1
                        && !p.before.iter().any(literal)
                        && !p.after.iter().any(literal)
                })
            })
        })
    }

    /// Whether a pattern of trigger lemma `verb` names the noun of
    /// lemma `noun` (form `form`) among its own words: "carry" of "$
    /// carry out ^ strikes" names "strikes"; "ignore" of "$ ignore ^
    /// calls" does not name "strike". A passive light verb gives its
    /// agent as the doer only of the act its pattern names.
    pub fn names_noun(&self, verb: u32, noun: u32, form: &str) -> bool {
        let word = self.words.get(form).copied();
        let names = |e: &CElem| match e {
            CElem::Lemma(l) => *l == noun && noun != NO_LEMMA,
            CElem::Word(w) => Some(*w) == word,
            CElem::Synset(m) => m.by_first.values().flatten().any(|ids| {
                ids.last().is_some_and(|&l| l == noun && noun != NO_LEMMA)
            }),
            _ => false,
        };
        self.by_verb.get(&verb).is_some_and(|t| {
            t.cands.iter().any(|c| {
                self.pats.get(c.idx as usize).is_some_and(|p| {
                    p.before.iter().any(names) || p.after.iter().any(names)
                })
            })
        })
    }

    /// Whether any pattern asks how its trigger is used (fires only on
    /// verbs, or only on nouns): the sentence's noun uses are needed.
    pub fn any_verbal(&self) -> bool {
        self.pats.iter().any(|p| p.verbal)
            || self
                .by_verb
                .values()
                .any(|t| t.cands.iter().any(|c| c.used_as.is_some()))
    }

    /// Whether pattern `i` fires only on a verb, not a noun
    /// ([`VerbPattern::verbal`]).
    pub fn verbal(&self, i: usize) -> bool {
        self.pats[i].verbal
    }

    /// The stable id of pattern `i` (`fight/attack`, or `file:line` for
    /// a TABARI pattern, whose files have no ids).
    pub fn id(&self, i: usize) -> &str {
        &self.pats[i].id
    }

    /// The origin (`file:line`) of pattern `i`.
    pub fn origin(&self, i: usize) -> &str {
        &self.pats[i].origin
    }

    /// The pattern word a token is: its own form, or for a score
    /// ("26-23") without a pattern of its own the shape `=#score`, so a
    /// sports pattern needs no list of every result.
    fn word_id(&self, form: &str) -> u32 {
        self.words
            .get(form)
            .or_else(|| {
                is_score(form).then(|| self.words.get(SCORE)).flatten()
            })
            .copied()
            .unwrap_or(NO_WORD)
    }

    /// The sentence facts the matcher reads: word ids, hard stops, the
    /// keys present and their signature.
    fn context<'a, 's>(&'a self, s: &'a Sent<'s>) -> Ctx<'a, 's> {
        let n = s.len();
        let wid: Vec<u32> = if self.words.is_empty() {
            Vec::new()
        } else {
            (0..n).map(|i| self.word_id(s.norm(i))).collect()
        };
        let stop = (0..n)
            .map(|i| matches!(s.norm(i), ";" | "." | "!" | "?"))
            .collect();
        let mut keys: Vec<u64> = Vec::with_capacity(2 * n);
        keys.extend(
            s.lem.iter().filter(|&&l| l != NO_LEMMA).map(|&l| lemma_key(l)),
        );
        keys.extend(
            wid.iter().filter(|&&w| w != NO_WORD).map(|&w| word_key(w)),
        );
        keys.sort_unstable();
        keys.dedup();
        let mut have = Sig::default();
        for &k in &keys {
            sig_set(&mut have, k);
        }
        let bits = keys.iter().map(|&k| bloom_bit(k)).collect();
        Ctx { s, walk: &self.walk, wid, stop, keys, bits, have }
    }

    /// The best match of each trigger in `s`, in text order, with
    /// triggers consumed by a better match removed.
    pub fn find(&self, s: &Sent<'_>) -> Vec<PatternMatch> {
        let mut all: Vec<PatternMatch> = Vec::new();
        let mut cx: Option<Ctx<'_, '_>> = None;
        let mut st = State::default();
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
            let Some(t) = self.by_verb.get(&l) else { continue };
            let cx = cx.get_or_insert_with(|| self.context(s));
            // The pattern with the highest score; among equals the first
            // (in dictionary order) that names the word as written
            // ("met", "left"), else the first. That order is total, so
            // the buckets may be scanned in any order; within one,
            // candidates come by descending reachable score.
            let mut scan = Scan {
                v,
                nominal: s.nominal.get(v).copied().unwrap_or(false),
                best: None,
            };
            self.scan(t.always(), cx, &mut scan, &mut st);
            // The buckets whose key the sentence has: the sentence's keys
            // hashed into a large index, else the shorter sorted list
            // looked up in the longer.
            if !t.index.is_empty() {
                for (k, &h) in cx.keys.iter().zip(&cx.bits) {
                    if t.bloom[usize::from(h >> 6)] & (1 << (h & 63)) == 0 {
                        continue;
                    }
                    if let Some(&b) = t.index.get(k) {
                        self.scan(
                            t.bucket(b as usize),
                            cx,
                            &mut scan,
                            &mut st,
                        );
                    }
                }
            } else if cx.keys.len() < t.keyed.len() {
                for k in &cx.keys {
                    if let Ok(b) = t.keyed.binary_search_by_key(k, |e| e.0) {
                        self.scan(t.bucket(b), cx, &mut scan, &mut st);
                    }
                }
            } else {
                for (b, (k, _, _)) in t.keyed.iter().enumerate() {
                    if cx.keys.binary_search(k).is_ok() {
                        self.scan(t.bucket(b), cx, &mut scan, &mut st);
                    }
                }
            }
            all.extend(scan.best);
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

    /// Tries the candidates `cands` (by descending reachable score) at
    /// `sc.v`, keeping the best match in `sc.best`.
    fn scan(
        &self,
        cands: &[Cand],
        cx: &Ctx<'_, '_>,
        sc: &mut Scan,
        st: &mut State,
    ) {
        let s = cx.s;
        let v = sc.v;
        let exact = |i: usize| self.pats[i].surface == s.norm(v);
        for c in cands {
            if sc.best.as_ref().is_some_and(|b| c.best < b.score) {
                break;
            }
            if !self.trigger_fits(c, sc, s) || !sig_covers(&cx.have, &c.need) {
                continue;
            }
            let pi = c.idx as usize;
            if c.synsets
                && !self.pats[pi].any.iter().all(|a| sig_meets(&cx.have, a))
            {
                continue;
            }
            let Some((score, end)) = self.try_match(pi, v, cx, st) else {
                continue;
            };
            let better = sc.best.as_ref().map_or(true, |b| {
                let (x, y) = (exact(pi), exact(b.pattern));
                score > b.score
                    || (score == b.score
                        && (x && !y || x == y && pi < b.pattern))
            });
            if better {
                sc.best = Some(PatternMatch {
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
    }

    /// Whether the trigger token `sc.v` is what candidate `c` asks of it
    /// beyond its lemma: its use (a verb for TABARI's verb patterns and
    /// `trigger = "verb"`, a noun for `trigger = "noun"`) and its form
    /// as written (`trigger = "exact"`: "attacks", not "attack").
    fn trigger_fits(&self, c: &Cand, sc: &Scan, s: &Sent<'_>) -> bool {
        let use_fits = match c.used_as {
            Some(TriggerUse::Noun) => sc.nominal,
            Some(TriggerUse::Verb) => !sc.nominal,
            None => !(sc.nominal && c.verbal),
        };
        use_fits
            && (!c.exact || self.pats[c.idx as usize].surface == s.norm(sc.v))
    }

    /// Matches pattern `pi` at trigger `v`; on success `st` holds the
    /// sorted literal tokens and bound slots, and the score and end are
    /// returned.
    fn try_match(
        &self,
        pi: usize,
        v: usize,
        cx: &Ctx<'_, '_>,
        st: &mut State,
    ) -> Option<(u32, usize)> {
        let s = cx.s;
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
        st.clause_stop = p
            .cameo
            .root()
            .is_some_and(|r| super::cameo::VERBAL_ROOTS.contains(&r.as_str()));
        if !match_after(&p.after, cx, pos, GAP, st) {
            return None;
        }
        let end = st.end;
        if !match_before(&p.before, cx, v, GAP, st) {
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

/// One trigger occurrence being matched.
struct Scan {
    v: usize,
    nominal: bool,
    best: Option<PatternMatch>,
}

/// A sentence as the matcher reads it.
struct Ctx<'a, 's> {
    s: &'a Sent<'s>,
    /// The TABARI walk's word classes.
    walk: &'a Walk,
    /// Pattern word id per token, or [`NO_WORD`] (empty when the set
    /// has no word elements).
    wid: Vec<u32>,
    /// Sentence-ending punctuation per token.
    stop: Vec<bool>,
    /// The lemma and word keys present, sorted.
    keys: Vec<u64>,
    /// Each key's [`bloom_bit`].
    bits: Vec<u16>,
    /// `keys` as a signature.
    have: Sig,
}

impl Ctx<'_, '_> {
    fn hard_stop(&self, i: usize) -> bool {
        self.stop.get(i).copied().unwrap_or(false)
    }
}

#[derive(Default)]
struct State {
    lits: Vec<usize>,
    source: Option<usize>,
    target: Option<usize>,
    end: usize,
    /// A verbal act's trailing slot stops at a comma and a coordinator
    /// (see `match_after`).
    clause_stop: bool,
}

fn lit_match(e: &CElem, cx: &Ctx<'_, '_>, j: usize) -> Option<usize> {
    let s = cx.s;
    match e {
        CElem::Lemma(l) => (s.lem[j] == *l && *l != NO_LEMMA).then_some(1),
        CElem::Word(w) => (cx.wid[j] == *w).then_some(1),
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
    cx: &Ctx<'_, '_>,
    pos: usize,
    gap: usize,
    st: &mut State,
) -> bool {
    let s = cx.s;
    let Some((e, rest)) = es.split_first() else {
        st.end = st.end.max(pos);
        return true;
    };
    match e {
        CElem::Skip => match_after(rest, cx, pos, SKIP_GAP, st),
        CElem::Adjacent => match_after(rest, cx, pos, 0, st),
        CElem::SkipPhrase => {
            // TABARI `^` before an actor slot: past one noun phrase.
            let pos = match rest.first() {
                Some(CElem::Source | CElem::Target) => {
                    cx.walk.skip_phrase(s, pos)
                }
                _ => pos,
            };
            match_after(rest, cx, pos, SKIP_GAP, st)
        }
        CElem::Compound => {
            // A coordination of two or more actors, bound as the target.
            let hi = (pos + gap + 1).min(s.len());
            for j in pos..hi {
                if j > pos && cx.hard_stop(j - 1) {
                    break;
                }
                let Some(g) = s.group_at(j) else { continue };
                if s.groups[g].members.len() < 2 {
                    continue;
                }
                let saved = st.target;
                st.target = Some(g);
                if match_after(rest, cx, s.groups[g].end, GAP, st) {
                    return true;
                }
                st.target = saved;
            }
            false
        }
        CElem::Source | CElem::Target if rest.is_empty() => {
            // A trailing slot binds an actor right there if there is one,
            // and otherwise leaves the actor to the clause syntax; a
            // verbal act's not past a comma and a coordinator ("said it
            // was deeply concerned, and Japan froze aid": Japan opens the
            // next clause).
            let hi = (pos + gap + 1).min(s.len());
            let comma_stop = st.clause_stop;
            let g = (pos..hi)
                .take_while(|&j| {
                    j == pos
                        || !(cx.hard_stop(j - 1)
                            || (comma_stop
                                && super::clause::comma_coordinator(s, j - 1)))
                })
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
                if j > pos && cx.hard_stop(j - 1) {
                    break;
                }
                let Some(g) = s.group_at(j) else { continue };
                let saved = (st.source, st.target);
                if matches!(e, CElem::Source) {
                    st.source = Some(g);
                } else {
                    st.target = Some(g);
                }
                if match_after(rest, cx, s.groups[g].end, GAP, st) {
                    return true;
                }
                (st.source, st.target) = saved;
            }
            false
        }
        _ => {
            let hi = (pos + gap + 1).min(s.len());
            for j in pos..hi {
                if cx.hard_stop(j) {
                    break;
                }
                if let Some(n) = lit_match(e, cx, j) {
                    let mark = st.lits.len();
                    st.lits.extend(j..j + n);
                    if match_after(rest, cx, j + n, GAP, st) {
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
    cx: &Ctx<'_, '_>,
    pos: usize,
    gap: usize,
    st: &mut State,
) -> bool {
    let s = cx.s;
    // `pos` is one past the leftmost token available.
    let Some((e, rest)) = es.split_last() else { return true };
    match e {
        CElem::Skip | CElem::SkipPhrase => {
            match_before(rest, cx, pos, SKIP_GAP, st)
        }
        CElem::Adjacent => match_before(rest, cx, pos, 0, st),
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
                if match_before(rest, cx, s.groups[g].start, GAP, st) {
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
                if match_before(rest, cx, s.groups[g].start, GAP, st) {
                    return true;
                }
                (st.source, st.target) = saved;
            }
            false
        }
        _ => {
            let lo = pos.saturating_sub(gap + 1);
            for j in (lo..pos).rev() {
                if cx.hard_stop(j) {
                    break;
                }
                if let Some(n) = lit_match(e, cx, j) {
                    if j + n > pos {
                        continue;
                    }
                    let mark = st.lits.len();
                    st.lits.extend(j..j + n);
                    if match_before(rest, cx, j, GAP, st) {
                        return true;
                    }
                    st.lits.truncate(mark);
                }
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Arc;

    use super::*;
    use crate::dict::Origin;

    /// `pattern` in the built-in compact syntax's spirit: words are
    /// lemmas, `=w` an exact word, `&S` a synset, `$`/`+` slots, `^` a
    /// skip; the word after `*` position is the trigger.
    fn pat(line: u32, verb: &str, before: &str, after: &str) -> VerbPattern {
        let elems = |s: &str| -> Vec<Elem> {
            s.split_whitespace()
                .map(|w| match w {
                    "$" => Elem::Source,
                    "+" => Elem::Target,
                    "^" => Elem::Skip,
                    _ if w.starts_with('=') => Elem::Word(w[1..].into()),
                    _ if w.starts_with('&') => Elem::Synset(w[1..].into()),
                    _ => Elem::Lemma(w.into()),
                })
                .collect()
        };
        VerbPattern {
            id: format!("t/{line}"),
            cameo: format!("{line:03}").parse().expect("code"),
            verb: verb.split_whitespace().map(String::from).collect(),
            before: elems(before),
            after: elems(after),
            verbal: false,
            cond: Default::default(),
            origin: Origin { file: Arc::from("t"), line },
        }
    }

    /// The best pattern per trigger scanning every candidate of the
    /// trigger in one list, no buckets: what `find` must agree with.
    fn linear(set: &PatternSet, s: &Sent<'_>) -> Vec<(usize, usize)> {
        let cx = set.context(s);
        let mut st = State::default();
        let mut out = Vec::new();
        for v in 0..s.len() {
            let Some(t) = set.by_verb.get(&s.lem[v]) else { continue };
            let mut all: Vec<Cand> = t.cands.to_vec();
            all.sort_by_key(|c| (std::cmp::Reverse(c.best), c.idx));
            let mut sc = Scan { v, nominal: false, best: None };
            set.scan(&all, &cx, &mut sc, &mut st);
            out.extend(sc.best.map(|m| (m.trigger, m.pattern)));
        }
        out
    }

    /// (sentence, [(trigger token, pattern line)]) over one pattern set
    /// whose trigger "express" has patterns in several buckets.
    #[test]
    fn buckets_agree_with_a_linear_scan() {
        let pats = vec![
            pat(10, "express", "", ""),
            pat(11, "express", "", "concern"),
            pat(12, "express", "", "deep concern"),
            pat(13, "express", "", "concern ^ about"),
            pat(14, "express", "", "=regret"),
            pat(15, "express", "", "&FEELING over"),
            pat(16, "express", "", "support for +"),
            pat(17, "express", "$", "support"),
            pat(18, "condemn", "", ""),
            pat(19, "condemn", "", "attack on"),
        ];
        let mut synsets = HashMap::new();
        synsets.insert(
            "FEELING".to_string(),
            vec!["sorrow".to_string(), "outrage".to_string()],
        );
        let d = Dictionaries {
            verbs: pats.clone(),
            synsets: synsets.clone(),
            ..Dictionaries::default()
        };
        let words = pattern_words(&d);
        let lz = Lemmatizer::new(words.iter().map(String::as_str), &[]);
        let walk =
            Walk::parse("walk", super::super::tabari_walk::BUILTIN_WALK)
                .expect("built-in walk");
        let set = PatternSet::new(&pats, &synsets, &lz, walk);
        let cases: &[(&str, &[(usize, u32)])] = &[
            ("they expressed concern.", &[(1, 11)]),
            ("they expressed deep concern.", &[(1, 12)]),
            ("they expressed concern about the war.", &[(1, 13)]),
            ("they expressed regret.", &[(1, 14)]),
            ("they expressed regrets.", &[(1, 10)]),
            ("they expressed outrage over it.", &[(1, 15)]),
            ("they expressed support for peace.", &[(1, 16)]),
            ("they expressed nothing.", &[(1, 10)]),
            (
                "they condemned the attack on it and expressed concern.",
                &[(1, 19), (7, 11)],
            ),
        ];
        for (text, want) in cases {
            let a = crate::text::analyze(text);
            let toks = a.sentence_tokens(0);
            let s =
                Sent::with_lemmas(text, toks, Sent::lemmas(toks, &lz), &[], 0);
            assert_eq!(found_codes(&set, &s), *want, "{text}");
            let lin: Vec<(usize, usize)> = linear(&set, &s);
            let fast: Vec<(usize, usize)> =
                set.find(&s).iter().map(|m| (m.trigger, m.pattern)).collect();
            assert_eq!(fast, lin, "{text}");
        }
        // Each pattern is filed under its rarest word: 12 under "deep",
        // 13 under "about", 16 under "for" ("support" is used twice);
        // only the bare pattern needs no word.
        let t = set.by_verb.get(&lz.canon("express").unwrap_or(NO_LEMMA));
        let keys = ["concern", "deep", "about", "over", "for", "support"]
            .map(|w| lemma_key(lz.canon(w).unwrap_or(NO_LEMMA)));
        assert!(t.is_some_and(|t| t.always().len() == 1
            && t.keyed.len() == 7
            && keys.iter().all(|k| t.keyed.iter().any(|e| e.0 == *k))));
    }

    /// (trigger token, CAMEO code as a number) of every match in `s`.
    fn found_codes(set: &PatternSet, s: &Sent<'_>) -> Vec<(usize, u32)> {
        set.find(s)
            .iter()
            .map(|m| {
                let code = set.pats[m.pattern].cameo.to_string();
                (m.trigger, code.parse().unwrap_or(0))
            })
            .collect()
    }

    /// (sentence, [(trigger token, pattern line)]): an exact trigger
    /// (`trigger = "exact"`) takes its written form only, and one asking for a
    /// noun or a verb fires only where the trigger is used so (the
    /// sentence's noun uses given as the coder fills them).
    #[test]
    fn trigger_form_and_use_are_conditions() {
        let mut exact = pat(110, "attacks", "such", "");
        exact.cond.exact = true;
        let mut verb = pat(195, "bomb", "", "");
        verb.cond.used_as = Some(TriggerUse::Verb);
        let mut noun = pat(183, "bomb", "", "");
        noun.cond.used_as = Some(TriggerUse::Noun);
        let pats = vec![exact, pat(190, "attack", "", ""), verb, noun];
        let d =
            Dictionaries { verbs: pats.clone(), ..Dictionaries::default() };
        let words = pattern_words(&d);
        let lz = Lemmatizer::new(words.iter().map(String::as_str), &[]);
        let walk =
            Walk::parse("walk", super::super::tabari_walk::BUILTIN_WALK)
                .expect("built-in walk");
        let set = PatternSet::new(&pats, &HashMap::new(), &lz, walk);
        assert!(set.any_verbal());
        // (sentence, noun use at, [(trigger, pattern line)])
        type Case<'a> = (&'a str, Option<usize>, &'a [(usize, u32)]);
        let cases: &[Case<'_>] = &[
            ("such attacks must stop.", None, &[(1, 110)]),
            ("the first such attack in years.", None, &[(3, 190)]),
            ("they bombed the bridge.", None, &[(1, 195)]),
            ("a bomb went off.", Some(1), &[(1, 183)]),
        ];
        for (text, noun_at, want) in cases {
            let a = crate::text::analyze(text);
            let toks = a.sentence_tokens(0);
            let mut s =
                Sent::with_lemmas(text, toks, Sent::lemmas(toks, &lz), &[], 0);
            s.nominal = (0..s.len()).map(|i| Some(i) == *noun_at).collect();
            assert_eq!(found_codes(&set, &s), *want, "{text}");
        }
    }

    #[test]
    fn scores_are_short_numbers_joined_by_a_dash() {
        for w in ["12-11", "3-1", "26-23", "100-98", "2\u{2013}0"] {
            assert!(is_score(w), "{w}");
        }
        for w in ["1914-1918", "2,100", "F-16", "3-", "-1", "pro-Russian"] {
            assert!(!is_score(w), "{w}");
        }
    }
}
