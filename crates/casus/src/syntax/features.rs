//! Feature extraction, shared by inference and training so the two can
//! never disagree.
//!
//! - Tagger: the word, its case, shape, prefixes and suffixes, two words
//!   either side and the two tags before it (a greedy left-to-right
//!   averaged perceptron, as in Collins 2002).
//! - Transitions: the rich non-local feature set of Zhang & Nivre (2011)
//!   for arc-eager parsing: words and tags of the stack top, its head,
//!   grandparent and outer children, the first three buffer words and the
//!   front's left children; distance, valency and label-set features;
//!   plus the second stack word.
//! - Labeller: the arc's head and dependent with their children, label
//!   sets, neighbours, suffixes, direction and distance.

use crate::syntax::transition::State;
use crate::syntax::weights::{hash_str, key, mix};

/// Tag value of a missing word (the tags themselves are `0..17`).
pub(crate) const NO_TAG: u8 = 31;
/// Label value of a missing or unattached word.
pub(crate) const NO_LABEL: u8 = 63;

/// The lexical features of one word, hashed once per sentence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lex {
    /// The normalised (lowercased) form.
    pub w: u64,
    /// The form as written (case kept).
    pub cased: u64,
    /// Word shape ("Xx", "d.d", ...).
    pub shape: u64,
    /// Prefixes of 1-3 characters.
    pub pre: [u64; 3],
    /// Suffixes of 1-4 characters.
    pub suf: [u64; 4],
    /// Orthographic flags (see [`flags`]).
    pub flags: u64,
    /// The tags the word had in training (bit per tag; 0 when unseen),
    /// from the model's [`TagDict`].
    pub amb: u64,
    /// The word's class (plus one; 0 when unknown), from the model's
    /// [`Classes`].
    pub cl: u64,
    /// The word's class in the finer clustering (plus one; 0 unknown).
    pub cl2: u64,
}

impl Lex {
    /// The features of a word written `form`, normalised to `norm`.
    pub fn new(form: &str, norm: &str) -> Lex {
        let mut pre = [0; 3];
        let mut suf = [0; 4];
        let chars: Vec<(usize, char)> = norm.char_indices().collect();
        let n = chars.len();
        for k in 1..=3usize.min(n) {
            let end = chars.get(k).map_or(norm.len(), |c| c.0);
            pre[k - 1] = hash_str(&norm[..end]);
        }
        for k in 1..=4usize.min(n) {
            suf[k - 1] = hash_str(&norm[chars[n - k].0..]);
        }
        Lex {
            w: hash_str(norm),
            cased: hash_str(form),
            shape: shape(form),
            pre,
            suf,
            flags: flags(form),
            amb: 0,
            cl: 0,
            cl2: 0,
        }
    }
}

/// Word classes induced from raw text (see `syntax::clusters`).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Classes {
    map: crate::util::FastMap<u64, (u16, u16)>,
}

impl Classes {
    /// Sets [`Lex::cl`] of each word.
    pub fn fill(&self, lex: &mut [Lex]) {
        if self.map.is_empty() {
            return;
        }
        for l in lex {
            let (c, f) = self.map.get(&l.w).map_or((0, 0), |&(c, f)| {
                (u64::from(c) + 1, u64::from(f) + 1)
            });
            l.cl = c;
            l.cl2 = f;
        }
    }

    /// True when the word (hash of its normalised form) has a class.
    pub fn knows(&self, w: u64) -> bool {
        self.map.contains_key(&w)
    }

    /// From (word hash, (coarse class, fine class)) entries.
    pub fn from_entries(
        entries: impl IntoIterator<Item = (u64, (u16, u16))>,
    ) -> Classes {
        Classes { map: entries.into_iter().collect() }
    }

    /// Entries as sorted `(hash, classes)` pairs (for the model file).
    #[cfg(any(test, feature = "train"))]
    pub fn entries(&self) -> Vec<(u64, (u16, u16))> {
        let mut v: Vec<(u64, (u16, u16))> =
            self.map.iter().map(|(&w, &c)| (w, c)).collect();
        v.sort_unstable();
        v
    }
}

/// The tags each frequent training word was seen with (its "ambiguity
/// class"): words with the same set behave alike, which helps the
/// tagger with rare words more than their identity does.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct TagDict {
    map: crate::util::FastMap<u64, u32>,
}

impl TagDict {
    /// Sets [`Lex::amb`] of each word.
    pub fn fill(&self, lex: &mut [Lex]) {
        for l in lex {
            l.amb = self.map.get(&l.w).map_or(0, |&m| u64::from(m));
        }
    }

    /// True when the word (hash of its normalised form) was frequent in
    /// training.
    pub fn knows(&self, w: u64) -> bool {
        self.map.contains_key(&w)
    }

    #[cfg(feature = "train")]
    /// From (word hash, tag) pairs: words seen at least `min` times, with
    /// every tag they had at least twice or in a fifth of their uses.
    pub fn build(
        pairs: impl IntoIterator<Item = (u64, u8)>,
        min: u32,
    ) -> TagDict {
        let mut counts: std::collections::BTreeMap<u64, [u32; 32]> =
            Default::default();
        for (w, t) in pairs {
            counts.entry(w).or_insert([0; 32])[usize::from(t & 31)] += 1;
        }
        let mut map = crate::util::FastMap::default();
        for (w, c) in counts {
            let total: u32 = c.iter().sum();
            if total < min {
                continue;
            }
            let mask = c
                .iter()
                .enumerate()
                .filter(|(_, &n)| n >= 2 || n * 5 >= total)
                .fold(0u32, |m, (t, _)| m | 1 << t);
            map.insert(w, mask);
        }
        TagDict { map }
    }

    #[cfg(any(test, feature = "train"))]
    /// Entries as sorted `(hash, mask)` pairs (for the model file).
    pub fn entries(&self) -> Vec<(u64, u32)> {
        let mut v: Vec<(u64, u32)> =
            self.map.iter().map(|(&w, &m)| (w, m)).collect();
        v.sort_unstable();
        v
    }

    /// From entries.
    pub fn from_entries(
        entries: impl IntoIterator<Item = (u64, u32)>,
    ) -> TagDict {
        TagDict { map: entries.into_iter().collect() }
    }
}

/// The word's shape: letters to `X`/`x`, digits to `d`, other characters
/// kept, runs of one class cut to two, at most 8 symbols; hashed.
fn shape(form: &str) -> u64 {
    let mut out = [0u8; 8];
    let mut len = 0;
    let mut last = 0u8;
    let mut run = 0;
    for c in form.chars() {
        let s = if c.is_uppercase() {
            b'X'
        } else if c.is_alphabetic() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'*'
        };
        run = if s == last { run + 1 } else { 1 };
        last = s;
        if run > 2 {
            continue;
        }
        out[len] = s;
        len += 1;
        if len == out.len() {
            break;
        }
    }
    u64::from_le_bytes(out) | 1 << 63
}

/// Bits: has a digit, has a hyphen, starts uppercase, all uppercase,
/// has a period, is alphabetic only.
fn flags(form: &str) -> u64 {
    let mut digit = false;
    let mut hyphen = false;
    let mut period = false;
    let mut upper = 0;
    let mut letters = 0;
    for c in form.chars() {
        digit |= c.is_numeric();
        hyphen |= c == '-';
        period |= c == '.';
        if c.is_alphabetic() {
            letters += 1;
            upper += usize::from(c.is_uppercase());
        }
    }
    let first_upper = form.chars().next().is_some_and(char::is_uppercase);
    let all_upper = letters > 1 && upper == letters;
    let alpha = letters == form.chars().count();
    u64::from(digit)
        | u64::from(hyphen) << 1
        | u64::from(first_upper) << 2
        | u64::from(all_upper) << 3
        | u64::from(period) << 4
        | u64::from(alpha) << 5
}

/// Sentinels for words before the start and after the end.
const BOS: u64 = 0x0B05;
const EOS: u64 = 0x0E05;

/// Pushes keys of consecutive templates.
struct Keys<'a> {
    out: &'a mut Vec<u64>,
    t: u32,
}

impl Keys<'_> {
    #[inline]
    fn add(&mut self, a: u64, b: u64) {
        self.out.push(key(self.t, a, b));
        self.t += 1;
    }

    /// The first features of both labelling stages for the arc `h -> d`
    /// (`dir`: 1 when `d` is left of `h`): the direction, each end's
    /// word, tag and both, and the two tags together. Eight templates in
    /// a fixed order (each stage's template numbers follow from it, so
    /// the order is part of the model format).
    #[inline]
    fn arc(&mut self, x: &Words, h: usize, d: usize, dir: u8) {
        let (w, p, wp) = (&x.w, &x.p, &x.wp);
        self.add(u64::from(dir), 0);
        for i in [d, h] {
            self.add(w[i], u64::from(dir));
            self.add(u64::from(p[i]), u64::from(dir));
            self.add(wp[i], u64::from(dir));
        }
        self.add(p3(p[d], p[h], dir), 0);
    }
}

/// The tagger's features of word `i` that do not depend on the tags
/// it chooses (appended to `out`): the word, its shape, affixes,
/// ambiguity and word classes, its neighbours, and in a second pass the
/// first pass's tags (`right`). Computed for a whole sentence up front,
/// so their weights are fetched from memory all at once.
pub(crate) fn tagger_static(
    lex: &[Lex],
    i: usize,
    right: Option<&[u8]>,
    out: &mut Vec<u64>,
) {
    let at = |j: isize| -> Option<&Lex> {
        usize::try_from(j).ok().and_then(|j| lex.get(j))
    };
    let i = i as isize;
    let w = |j: isize| at(j).map_or(if j < 0 { BOS } else { EOS }, |l| l.w);
    let x = &lex[i as usize];
    let mut k = Keys { out, t: 0 };
    k.add(0, 0);
    k.add(x.w, 0);
    k.add(x.cased, 0);
    k.add(x.shape, 0);
    k.add(x.flags, u64::from(i == 0));
    for s in x.suf {
        k.add(s, 0);
    }
    for p in x.pre {
        k.add(p, 0);
    }
    k.add(w(i - 1), 0);
    k.add(w(i - 2), 0);
    k.add(w(i + 1), 0);
    k.add(w(i + 2), 0);
    k.add(w(i - 1), x.w);
    k.add(x.w, w(i + 1));
    let suf3 = |j: isize| at(j).map_or(0, |l| l.suf[2]);
    let shp = |j: isize| at(j).map_or(0, |l| l.shape);
    k.add(suf3(i - 1), 0);
    k.add(suf3(i + 1), 0);
    k.add(shp(i - 1), 0);
    k.add(shp(i + 1), 0);
    k.add(shp(i + 1), x.shape);
    // Neighbours' case and form flags, wider word pairs.
    let cased = |j: isize| at(j).map_or(0, |l| l.cased);
    let flg = |j: isize| at(j).map_or(99, |l| l.flags);
    k.add(cased(i - 1), 0);
    k.add(cased(i + 1), 0);
    k.add(flg(i - 1), x.flags);
    k.add(flg(i + 1), x.flags);
    k.add(w(i - 1), w(i + 1));
    k.add(w(i + 1), x.suf[2]);
    k.add(w(i - 1), x.suf[2]);
    k.add(suf3(i + 2), 0);
    // Ambiguity classes.
    let amb = |j: isize| at(j).map_or(1 << 40, |l| l.amb);
    k.add(x.amb, 0);
    k.add(x.amb, amb(i + 1));
    k.add(amb(i + 1), 0);
    k.add(amb(i - 1), x.amb);
    k.add(x.amb, x.suf[2]);
    // Word classes.
    let cl = |j: isize| at(j).map_or(1 << 20, |l| l.cl);
    k.add(x.cl, 0);
    k.add(cl(i - 1), 0);
    k.add(cl(i + 1), 0);
    k.add(x.cl, cl(i + 1));
    k.add(cl(i - 1), x.cl);
    k.add(x.cl, x.suf[2]);
    k.add(x.cl2, 0);
    // Second pass: the first pass's tags to the right.
    if let Some(r) = right {
        let rt = |j: isize| right_tag(r, j);
        let (r1, r2) = (rt(i + 1), rt(i + 2));
        k.add(r1, 0);
        k.add(r1 | r2 << 8, 0);
        k.add(r1, x.w);
        k.add(r1, x.suf[2]);
        k.add(r1, w(i + 1));
        k.add(rt(i), x.w);
    }
}

/// The first pass's tag at `j` (NONE outside the sentence).
fn right_tag(r: &[u8], j: isize) -> u64 {
    usize::try_from(j)
        .ok()
        .and_then(|j| r.get(j))
        .map_or(u64::from(NO_TAG), |&t| u64::from(t))
}

/// The tagger's features of word `i` that depend on the two tags chosen
/// before it (appended to `out`).
pub(crate) fn tagger_dynamic(
    lex: &[Lex],
    i: usize,
    t1: u8,
    t2: u8,
    right: Option<&[u8]>,
    out: &mut Vec<u64>,
) {
    let x = &lex[i];
    let next = lex.get(i + 1).map_or(EOS, |l| l.w);
    let (t1, t2) = (u64::from(t1), u64::from(t2));
    let mut k = Keys { out, t: 200 };
    k.add(t1, 0);
    k.add(t1 | t2 << 8, 0);
    k.add(t1, x.w);
    k.add(t1, next);
    k.add(t1, x.suf[2]);
    k.add(t2, x.w);
    k.add(t1, x.suf[1]);
    k.add(x.amb, t1);
    k.add(x.cl, t1);
    k.add(x.cl2, t1);
    if let Some(r) = right {
        let r1 = right_tag(r, i as isize + 1);
        k.add(t1 | r1 << 8, 0);
        k.add(t1 | r1 << 8, x.amb);
    }
}

/// What the parser knows of each word: index 0 is the "none" word.
#[derive(Clone, Debug, Default)]
pub(crate) struct Words {
    /// Normalised form hash.
    pub w: Vec<u64>,
    /// Tag index.
    pub p: Vec<u8>,
    /// Form and tag together.
    pub wp: Vec<u64>,
    /// Three-letter suffix hash.
    pub suf: Vec<u64>,
    /// Word class (see [`Classes`]), coarse and fine.
    pub cl: Vec<u64>,
    pub cl2: Vec<u64>,
}

impl Words {
    /// Fills from the lexical features and tags of a sentence.
    pub fn fill(&mut self, lex: &[Lex], tags: &[u8]) {
        self.w.clear();
        self.p.clear();
        self.wp.clear();
        self.suf.clear();
        self.cl.clear();
        self.cl.push(0);
        self.cl2.clear();
        self.cl2.push(0);
        self.w.push(0);
        self.p.push(NO_TAG);
        self.wp.push(0);
        self.suf.push(0);
        for (l, &t) in lex.iter().zip(tags) {
            self.w.push(l.w);
            self.p.push(t);
            self.wp.push(mix(l.w, u64::from(t) + 1));
            self.suf.push(l.suf[2]);
            self.cl.push(l.cl);
            self.cl2.push(l.cl2);
        }
    }
}

/// Buckets a distance: 1, 2, 3, 4, 5-6, 7-9, 10+.
#[inline]
fn dist(a: usize, b: usize) -> u64 {
    let d = a.abs_diff(b);
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Packs small values.
#[inline]
fn p2(a: u8, b: u8) -> u64 {
    u64::from(a) | u64::from(b) << 8
}

#[inline]
fn p3(a: u8, b: u8, c: u8) -> u64 {
    p2(a, b) | u64::from(c) << 16
}

/// The transition classifier's features of configuration `s`.
pub(crate) fn transitions(s: &State, x: &Words, out: &mut Vec<u64>) {
    out.clear();
    let s0 = s.s0();
    let n0 = s.n(0);
    let n1 = s.n(1);
    let n2 = s.n(2);
    let s1 = s.s1();
    let s0h = s.head[s0] as usize;
    let s0h2 = s.head[s0h] as usize;
    let (s0l, s0l2) = (s.lc1[s0] as usize, s.lc2[s0] as usize);
    let (s0r, s0r2) = (s.rc1[s0] as usize, s.rc2[s0] as usize);
    let (n0l, n0l2) = (s.lc1[n0] as usize, s.lc2[n0] as usize);
    let lab = |i: usize| {
        if i == 0 || s.head[i] == 0 {
            NO_LABEL
        } else {
            s.label[i]
        }
    };
    let (w, p, wp) = (&x.w, &x.p, &x.wp);
    let mut k = Keys { out, t: 100 };
    k.add(0, 0);
    // Single words.
    for i in [s0, n0, n1, n2] {
        k.add(wp[i], 0);
        k.add(w[i], 0);
        k.add(u64::from(p[i]), 0);
    }
    // Word pairs.
    k.add(wp[s0], wp[n0]);
    k.add(wp[s0], w[n0]);
    k.add(w[s0], wp[n0]);
    k.add(wp[s0], u64::from(p[n0]));
    k.add(u64::from(p[s0]), wp[n0]);
    k.add(w[s0], w[n0]);
    k.add(p2(p[s0], p[n0]), 0);
    k.add(p2(p[n0], p[n1]), 0);
    // Three words.
    k.add(p3(p[n0], p[n1], p[n2]), 0);
    k.add(p3(p[s0], p[n0], p[n1]), 0);
    k.add(p3(p[s0h], p[s0], p[n0]), 0);
    k.add(p3(p[s0], p[s0l], p[n0]), 0);
    k.add(p3(p[s0], p[s0r], p[n0]), 0);
    k.add(p3(p[s0], p[n0], p[n0l]), 0);
    // Distance (0 when either is missing).
    let d = if s0 != 0 && n0 != 0 { dist(s0, n0) } else { 0 };
    k.add(w[s0], d);
    k.add(u64::from(p[s0]), d);
    k.add(w[n0], d);
    k.add(u64::from(p[n0]), d);
    k.add(mix(w[s0], w[n0]), d);
    k.add(p2(p[s0], p[n0]), d);
    // Valency.
    let (vr, vl, nvl) =
        (u64::from(s.nr[s0]), u64::from(s.nl[s0]), u64::from(s.nl[n0]));
    k.add(w[s0], vr);
    k.add(u64::from(p[s0]), vr);
    k.add(w[s0], vl);
    k.add(u64::from(p[s0]), vl);
    k.add(w[n0], nvl);
    k.add(u64::from(p[n0]), nvl);
    // Unigrams of heads and children, with labels.
    k.add(w[s0h], 0);
    k.add(u64::from(p[s0h]), 0);
    k.add(u64::from(lab(s0)), 0);
    for c in [s0l, s0r, n0l] {
        k.add(w[c], 0);
        k.add(u64::from(p[c]), 0);
        k.add(u64::from(lab(c)), 0);
    }
    // Third order.
    k.add(w[s0h2], 0);
    k.add(u64::from(p[s0h2]), 0);
    k.add(u64::from(lab(s0h)), 0);
    for c in [s0l2, s0r2, n0l2] {
        k.add(w[c], 0);
        k.add(u64::from(p[c]), 0);
        k.add(u64::from(lab(c)), 0);
    }
    k.add(p3(p[s0], p[s0l], p[s0l2]), 0);
    k.add(p3(p[s0], p[s0r], p[s0r2]), 0);
    k.add(p3(p[s0], p[s0h], p[s0h2]), 0);
    k.add(p3(p[n0], p[n0l], p[n0l2]), 0);
    // Label sets.
    k.add(w[s0], s.rset[s0]);
    k.add(u64::from(p[s0]), s.rset[s0]);
    k.add(w[s0], s.lset[s0]);
    k.add(u64::from(p[s0]), s.lset[s0]);
    k.add(w[n0], s.lset[n0]);
    k.add(u64::from(p[n0]), s.lset[n0]);
    // The second stack word (whether the top can be reduced).
    k.add(wp[s1], 0);
    k.add(p3(p[s1], p[s0], p[n0]), 0);
    k.add(p2(p[s1], lab(s1)), u64::from(s.head[s0] != 0));
    // Word classes of the central words.
    let cc = &x.cl;
    k.add(cc[s0], cc[n0]);
    k.add(u64::from(p[s0]), cc[n0]);
    let cl = &x.cl2;
    k.add(cl[s0], u64::from(p[s0]));
    k.add(cl[n0], u64::from(p[n0]));
    k.add(cl[n1], u64::from(p[n1]));
    k.add(cl[s0], cl[n0]);
    k.add(cl[s0], u64::from(p[n0]));
    k.add(u64::from(p[s0]), cl[n0]);
    k.add(cl[s0h], cl[s0]);
}

/// The labeller's features for the arc `h -> d`.
pub(crate) fn labels(
    s: &State,
    x: &Words,
    h: usize,
    d: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let (w, p, wp) = (&x.w, &x.p, &x.wp);
    let dir = u8::from(d < h);
    let lab = |i: usize| {
        if i == 0 || s.head[i] == 0 {
            NO_LABEL
        } else {
            s.label[i]
        }
    };
    let near = |i: usize, off: isize| -> usize {
        let j = i as isize + off;
        if j >= 1 && (j as usize) <= s.n {
            j as usize
        } else {
            0
        }
    };
    let mut k = Keys { out, t: 300 };
    k.arc(x, h, d, dir);
    k.add(w[d], p2(p[h], dir));
    k.add(w[h], p2(p[d], dir));
    k.add(wp[d], wp[h]);
    k.add(p3(p[d], p[h], dir), dist(h, d));
    k.add(x.suf[d], p2(p[d], dir));
    k.add(x.suf[h], p2(p[h], dir));
    // What d and h already govern.
    k.add(u64::from(p[d]), s.lset[d]);
    k.add(u64::from(p[d]), s.rset[d]);
    k.add(p2(p[h], dir), s.lset[h]);
    k.add(p2(p[h], dir), s.rset[h]);
    k.add(p3(p[h], lab(h), p[d]), 0);
    let (l1, l2, r1) =
        (s.lc1[d] as usize, s.lc2[d] as usize, s.rc1[d] as usize);
    k.add(w[l1], u64::from(p[d]));
    k.add(p3(p[l1], lab(l1), p[d]), 0);
    k.add(w[l2], u64::from(p[d]));
    k.add(w[r1], u64::from(p[d]));
    k.add(p3(p[r1], lab(r1), p[d]), 0);
    // Neighbours.
    k.add(p3(p[near(d, -1)], p[d], p[near(d, 1)]), 0);
    k.add(p3(p[near(h, -1)], p[h], p[near(h, 1)]), u64::from(dir));
    k.add(w[near(d, -1)], u64::from(p[d]));
}

/// What the relabeller knows of a finished tree, per word (index 0 is
/// the "none" word): the second labelling stage sees every arc, so it
/// can use what the first stage, labelling arcs as they are built, could
/// not: all of a word's children (a preposition under a noun says `obl`
/// or `nmod`, an auxiliary under a verb says a clause), its siblings and
/// its head's head.
#[derive(Clone, Debug, Default)]
pub(crate) struct Finished {
    /// Head of each word (0: root or none).
    pub head: Vec<usize>,
    /// Tags of each word's children (bit per tag).
    pub kid_tags: Vec<u64>,
    /// The first child that is an adposition, subordinator or particle
    /// (its word hash, 0 none).
    pub func: Vec<u64>,
    /// The first auxiliary child (word hash, 0 none).
    pub aux: Vec<u64>,
    /// Leftmost and rightmost child (0 none).
    pub lc: Vec<usize>,
    pub rc: Vec<usize>,
    /// Number of children (capped at 7).
    pub kids: Vec<u64>,
    /// Nearest sibling to the left and to the right (0 none).
    pub sib_l: Vec<usize>,
    pub sib_r: Vec<usize>,
    /// Punctuation marks before each position (prefix counts).
    pub punct: Vec<u32>,
}

impl Finished {
    /// Fills from heads (`heads[i]` for words `1..=n`; index 0 unused)
    /// and the words' tags.
    pub fn fill(&mut self, heads: &[usize], x: &Words) {
        let n = heads.len().saturating_sub(1);
        self.head.clear();
        self.head.extend_from_slice(heads);
        for v in
            [&mut self.kid_tags, &mut self.func, &mut self.aux, &mut self.kids]
        {
            v.clear();
            v.resize(n + 1, 0);
        }
        for v in [&mut self.lc, &mut self.rc, &mut self.sib_l, &mut self.sib_r]
        {
            v.clear();
            v.resize(n + 1, 0);
        }
        self.punct.clear();
        self.punct.resize(n + 2, 0);
        let tag = |u: crate::syntax::Upos| u.index() as u8;
        let (adp, sconj, part, aux, punct) = (
            tag(crate::syntax::Upos::Adp),
            tag(crate::syntax::Upos::Sconj),
            tag(crate::syntax::Upos::Part),
            tag(crate::syntax::Upos::Aux),
            tag(crate::syntax::Upos::Punct),
        );
        // The last child seen of each head, for siblings.
        let mut last = vec![0usize; n + 1];
        for (d, &h) in heads.iter().enumerate().skip(1) {
            let p = x.p.get(d).copied().unwrap_or(NO_TAG);
            self.punct[d + 1] = self.punct[d] + u32::from(p == punct);
            if h == 0 || h > n {
                continue;
            }
            self.kid_tags[h] |= 1 << (p & 31);
            if self.func[h] == 0 && (p == adp || p == sconj || p == part) {
                self.func[h] = x.w[d];
            }
            if self.aux[h] == 0 && p == aux {
                self.aux[h] = x.w[d];
            }
            if self.lc[h] == 0 {
                self.lc[h] = d;
            }
            self.rc[h] = d;
            self.kids[h] = (self.kids[h] + 1).min(7);
            let prev = last[h];
            if prev != 0 {
                self.sib_l[d] = prev;
                self.sib_r[prev] = d;
            }
            last[h] = d;
        }
    }
}

/// The relabeller's features for the arc `h -> d` of a finished tree.
pub(crate) fn relabel(
    t: &Finished,
    x: &Words,
    h: usize,
    d: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let (w, p, wp) = (&x.w, &x.p, &x.wp);
    let n = p.len() - 1;
    let dir = u8::from(d < h);
    let dd = dist(h, d);
    let near = |i: usize, off: isize| -> usize {
        let j = i as isize + off;
        if j >= 1 && (j as usize) <= n {
            j as usize
        } else {
            0
        }
    };
    let hh = t.head[h];
    let (pd, ph) = (p[d], p[h]);
    let mut k = Keys { out, t: 400 };
    k.arc(x, h, d, dir);
    k.add(p3(pd, ph, dir), dd);
    k.add(w[d], p2(ph, dir));
    k.add(w[h], p2(pd, dir));
    k.add(wp[d], wp[h]);
    k.add(x.suf[d], p2(pd, dir));
    k.add(x.suf[h], p2(ph, dir));
    k.add(x.cl2[d], p2(ph, dir));
    k.add(x.cl2[h], p2(pd, dir));
    k.add(x.cl[d], x.cl[h] | u64::from(dir) << 20);
    // The head's head.
    k.add(p3(p[hh], ph, pd), u64::from(dir));
    k.add(w[hh], p2(ph, pd));
    k.add(u64::from(hh == 0), p3(ph, pd, dir));
    // The dependent's children.
    k.add(t.kid_tags[d], u64::from(pd));
    k.add(t.kid_tags[d], p3(pd, ph, dir));
    k.add(t.func[d], p2(pd, ph));
    k.add(t.func[d], w[h]);
    k.add(t.aux[d], u64::from(pd));
    k.add(w[t.lc[d]], u64::from(pd));
    k.add(w[t.rc[d]], u64::from(pd));
    k.add(p3(p[t.lc[d]], pd, p[t.rc[d]]), 0);
    k.add(t.kids[d], p2(pd, dir));
    // The head's other children.
    k.add(t.kid_tags[h], p2(ph, pd));
    k.add(t.func[h], p2(ph, pd));
    k.add(t.aux[h], p3(ph, pd, dir));
    // Siblings.
    let (sl, sr) = (t.sib_l[d], t.sib_r[d]);
    k.add(p3(p[sl], pd, p[sr]), u64::from(ph));
    k.add(w[sl], p2(pd, ph));
    k.add(w[sr], p2(pd, ph));
    // Neighbours.
    k.add(p3(p[near(d, -1)], pd, p[near(d, 1)]), 0);
    k.add(w[near(d, -1)], u64::from(pd));
    k.add(w[near(d, 1)], u64::from(pd));
    k.add(p3(p[near(h, -1)], ph, p[near(h, 1)]), u64::from(dir));
    // Punctuation between head and dependent (appos, conj, parataxis).
    let (a, b) = (h.min(d), h.max(d));
    let between = (t.punct[b] - t.punct[a + 1]).min(2);
    k.add(u64::from(between), p3(pd, ph, dir));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_features() {
        let a = Lex::new("Talks", "talks");
        let b = Lex::new("talks", "talks");
        assert_eq!(a.w, b.w);
        assert_ne!(a.cased, b.cased);
        assert_ne!(a.shape, b.shape);
        assert_eq!(a.suf, b.suf);
        assert_eq!(shape("Xxxxx"), shape("Hello"));
        assert_eq!(shape("1,000"), shape("1,0000"));
        assert_eq!(flags("U.S.") & 0b11100, 0b11100);
        // Multi-byte characters cut on char boundaries.
        let c = Lex::new("Ünïcödé", "ünïcödé");
        assert_ne!(c.suf[3], 0);
        assert_eq!(Lex::new("a", "a").suf[1], 0);
    }

    #[test]
    fn feature_counts_are_fixed() {
        let lex: Vec<Lex> = ["The", "talks", "ended", "."]
            .iter()
            .map(|f| Lex::new(f, &f.to_lowercase()))
            .collect();
        let mut out = Vec::new();
        tagger_static(&lex, 0, None, &mut out);
        tagger_dynamic(&lex, 0, NO_TAG, NO_TAG, None, &mut out);
        let n = out.len();
        out.clear();
        tagger_static(&lex, 3, None, &mut out);
        tagger_dynamic(&lex, 3, 1, 2, None, &mut out);
        assert_eq!(out.len(), n);
        let mut x = Words::default();
        x.fill(&lex, &[5, 7, 15, 12]);
        let mut s = State::default();
        s.reset(4);
        transitions(&s, &x, &mut out);
        let n = out.len();
        s.apply(crate::syntax::transition::Move::Shift, 0, 0.0);
        transitions(&s, &x, &mut out);
        assert_eq!(out.len(), n);
        labels(&s, &x, 2, 1, &mut out);
        assert!(!out.is_empty());
        // The relabeller: a fixed count on any arc of a finished tree.
        let mut t = Finished::default();
        t.fill(&[0, 2, 3, 0, 3], &x);
        assert_eq!((t.lc[3], t.rc[3], t.kids[3]), (2, 4, 2));
        assert_eq!((t.sib_l[4], t.sib_r[2]), (2, 4));
        relabel(&t, &x, 3, 2, &mut out);
        let n = out.len();
        relabel(&t, &x, 3, 4, &mut out);
        assert_eq!(out.len(), n);
    }
}
