//! Verb and noun lemmas for pattern matching.
//!
//! Patterns name lemmas (`condemn`, `impose`, `sanction`); text has
//! inflections (`condemned`, `imposes`, `sanctions`). Instead of analysing
//! every token backwards, we generate every inflection of every lemma the
//! patterns and lexicons use (regular rules plus the irregular table in
//! `dicts/lemmas.tsv`) into one hash map: a token's lemma is then a single
//! lookup, with no allocation on the hot path.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::DictError;

/// A fast, non-cryptographic hasher for short keys (the multiply-rotate
/// scheme of FxHash): the coder hashes every token, and SipHash's
/// DoS resistance buys nothing for dictionary words.
#[derive(Clone, Copy, Debug, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    const K: u64 = 0xf135_7aea_2e62_a9c5;

    fn add(&mut self, w: u64) {
        self.0 = (self.0 ^ w).wrapping_mul(FastHasher::K);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The product's high bits are the well-mixed ones; hash tables
        // index by the low bits.
        self.0.rotate_left(26)
    }
}

/// [`FastHasher`] as a `HashMap` hasher.
pub type FastBuild = BuildHasherDefault<FastHasher>;

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, FastBuild>;

/// A `HashSet` with [`FastHasher`].
pub type FastSet<K> = std::collections::HashSet<K, FastBuild>;

/// A map from words (normalised token text) to values, fast for the
/// short words that make up most text: a word of up to 7 bytes is packed
/// into a `u64` and found with one integer hash and compare; longer
/// words go through a string map. Every token of a
/// coded sentence is looked up in a few of these.
#[derive(Clone, Debug)]
pub struct WordMap<V> {
    short: FastMap<u64, V>,
    long: FastMap<Box<str>, V>,
}

impl<V> Default for WordMap<V> {
    fn default() -> WordMap<V> {
        WordMap { short: FastMap::default(), long: FastMap::default() }
    }
}

/// `w` packed into a `u64` (its bytes, its length in the top byte), if
/// it has at most 7 bytes: no two words share a key.
fn pack(w: &str) -> Option<u64> {
    let b = w.as_bytes();
    if b.len() > 7 {
        return None;
    }
    let mut k = (b.len() as u64) << 56;
    for (i, &c) in b.iter().enumerate() {
        k |= u64::from(c) << (8 * i);
    }
    Some(k)
}

impl<V> WordMap<V> {
    /// The value of `w`.
    pub fn get(&self, w: &str) -> Option<&V> {
        match pack(w) {
            Some(k) => self.short.get(&k),
            None => self.long.get(w),
        }
    }

    /// The value of `w`, inserting `v` first if there is none.
    pub fn or_insert(&mut self, w: &str, v: V) -> &mut V {
        match pack(w) {
            Some(k) => self.short.entry(k).or_insert(v),
            None => self.long.entry(w.into()).or_insert(v),
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A conservative pre-filter for a set of words: one bit per word shape
/// (first byte, last byte, length, mixed). [`WordShapes::may_contain`]
/// is false only for words not inserted. Most tokens of a text fail it,
/// which costs far less than hashing them for the set itself (places and
/// outlet names check every token).
#[derive(Clone, Debug)]
pub struct WordShapes {
    bits: Box<[u64]>,
}

impl WordShapes {
    /// Bits in the filter (4 KB).
    const BITS: usize = 1 << 15;

    fn slot(w: &[u8]) -> usize {
        let (a, z) = match w {
            [] => (0, 0),
            [a] => (*a, *a),
            [a, .., z] => (*a, *z),
        };
        let h = u32::from(a).wrapping_mul(0x9E37_79B9)
            ^ u32::from(z).wrapping_mul(0x85EB_CA6B)
            ^ (w.len() as u32).wrapping_mul(0xC2B2_AE35);
        (h >> 17) as usize % WordShapes::BITS
    }

    /// Adds `w`'s shape.
    pub fn insert(&mut self, w: &[u8]) {
        let k = WordShapes::slot(w);
        self.bits[k / 64] |= 1 << (k % 64);
    }

    /// False when no inserted word has `w`'s shape.
    pub fn may_contain(&self, w: &[u8]) -> bool {
        let k = WordShapes::slot(w);
        self.bits.get(k / 64).is_some_and(|b| (b >> (k % 64)) & 1 == 1)
    }
}

impl Default for WordShapes {
    fn default() -> WordShapes {
        WordShapes { bits: vec![0; WordShapes::BITS / 64].into() }
    }
}

/// The built-in irregular inflections (`form<TAB>lemma`).
pub const BUILTIN_LEMMAS: &str = include_str!("../../../../dicts/lemmas.tsv");

/// Maps inflected forms to lemma ids.
#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    lemmas: Vec<String>,
    ids: FastMap<String, u32>,
    forms: WordMap<u32>,
}

/// Parses an irregular-forms table (`form<TAB>lemma`, `#` comments).
pub fn parse_irregular(
    path: &str,
    text: &str,
) -> Result<Vec<(String, String)>, Vec<DictError>> {
    let mut out = Vec::new();
    let mut errs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        match (cols.next(), cols.next(), cols.next()) {
            (Some(f), Some(l), None) if !f.is_empty() && !l.is_empty() => {
                out.push((f.to_lowercase(), l.to_lowercase()))
            }
            _ => errs.push(DictError {
                path: path.to_string(),
                line: i + 1,
                reason: "expected `form<TAB>lemma`".to_string(),
            }),
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Every regular inflection of `lemma` (including itself), as English
/// spelling rules give them; over-generation is harmless.
pub fn inflections(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let b = lemma.as_bytes();
    let n = b.len();
    if n == 0 || !lemma.is_ascii() || lemma.contains(' ') {
        return out;
    }
    let last = b[n - 1];
    let cons_y = last == b'y' && n > 1 && !is_vowel(b[n - 2]);
    let stem = &lemma[..n - 1];
    // -s / -es / -ies
    if cons_y {
        out.push(format!("{stem}ies"));
    } else if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
    {
        out.push(format!("{lemma}es"));
    } else {
        out.push(format!("{lemma}s"));
    }
    // -ed / -ing
    if last == b'e' {
        out.push(format!("{lemma}d"));
        if lemma.ends_with("ie") {
            out.push(format!("{}ying", &lemma[..n - 2]));
        } else if lemma.ends_with("ee") {
            out.push(format!("{lemma}ing"));
        } else {
            out.push(format!("{stem}ing"));
        }
    } else if cons_y {
        out.push(format!("{stem}ied"));
        out.push(format!("{lemma}ing"));
    } else {
        out.push(format!("{lemma}ed"));
        out.push(format!("{lemma}ing"));
        // Consonant doubling (stop -> stopped, commit -> committed).
        let cvc = n >= 3
            && !is_vowel(last)
            && !matches!(last, b'w' | b'x' | b'y')
            && is_vowel(b[n - 2])
            && !is_vowel(b[n - 3]);
        if cvc {
            let l = last as char;
            out.push(format!("{lemma}{l}ed"));
            out.push(format!("{lemma}{l}ing"));
        }
    }
    out
}

impl Lemmatizer {
    /// A lemmatizer knowing `lemmas` and the irregular `table`.
    pub fn new<'a>(
        lemmas: impl IntoIterator<Item = &'a str>,
        table: &[(String, String)],
    ) -> Lemmatizer {
        let mut lz = Lemmatizer::default();
        for l in lemmas {
            lz.intern(l);
        }
        // Irregular lemmas are known too (be, have, say, ...).
        for (_, l) in table {
            lz.intern(l);
        }
        // Irregulars first, then regular inflections, then the lemmas
        // themselves: a listed inflection ("attacks", "arms") thus maps to
        // its base lemma, so patterns may name either.
        let known: Vec<(String, u32)> = lz
            .lemmas
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), i as u32))
            .collect();
        for (f, l) in table {
            if let Some(&id) = lz.ids.get(l.as_str()) {
                lz.forms.or_insert(f, id);
            }
        }
        for (l, id) in &known {
            for f in inflections(l).into_iter().skip(1) {
                if f != *l {
                    lz.forms.or_insert(&f, *id);
                }
            }
        }
        for (l, id) in &known {
            lz.forms.or_insert(l, *id);
        }
        lz
    }

    fn intern(&mut self, l: &str) -> u32 {
        if let Some(&id) = self.ids.get(l) {
            return id;
        }
        let id = self.lemmas.len() as u32;
        self.lemmas.push(l.to_string());
        self.ids.insert(l.to_string(), id);
        id
    }

    /// The lemma id of a normalised token, if it inflects a known lemma.
    pub fn lemma_id(&self, norm: &str) -> Option<u32> {
        self.forms.get(norm).copied()
    }

    /// The id of a lemma, if known.
    pub fn id(&self, lemma: &str) -> Option<u32> {
        self.ids.get(lemma).copied()
    }

    /// The id a pattern word stands for: the lemma its form maps to
    /// ("attacks" -> attack), else its own.
    pub fn canon(&self, word: &str) -> Option<u32> {
        self.lemma_id(word).or_else(|| self.id(word))
    }

    /// The lemma string of an id.
    pub fn lemma(&self, id: u32) -> &str {
        self.lemmas.get(id as usize).map(String::as_str).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inserted words always pass; words of another shape do not.
    #[test]
    fn word_shapes() {
        let mut f = WordShapes::default();
        let words = ["reuters", "bbc", "tass", "al", "x", "new york"];
        for w in words {
            f.insert(w.as_bytes());
        }
        for w in words {
            assert!(f.may_contain(w.as_bytes()), "{w}");
        }
        for w in ["the", "said", "on", "", "reuter", "bbcs"] {
            assert!(!f.may_contain(w.as_bytes()), "{w}");
        }
        assert!(!WordShapes::default().may_contain(b"bbc"));
    }

    /// (word, value): short, 7- and 8-byte, long, empty and NUL words
    /// are all kept apart.
    #[test]
    fn word_map() {
        let words = [
            ("a", 1),
            ("an", 2),
            ("attacked", 3),
            ("attacks", 8),
            ("attackers", 4),
            ("", 5),
            ("a\u{0}", 6),
            ("condemnation", 7),
        ];
        let mut m = WordMap::default();
        for (w, v) in words {
            assert_eq!(*m.or_insert(w, v), v, "{w:?}");
        }
        assert_eq!(*m.or_insert("a", 9), 1);
        assert_eq!(m.len(), words.len());
        for (w, v) in words {
            assert_eq!(m.get(w), Some(&v), "{w:?}");
        }
        for w in ["b", "attacke", "attackerss", "condemnations", "a\u{0}\u{0}"]
        {
            assert_eq!(m.get(w), None, "{w:?}");
        }
    }

    #[test]
    fn forms() {
        let table =
            parse_irregular("t", BUILTIN_LEMMAS).expect("builtin lemmas");
        let lz = Lemmatizer::new(
            [
                "condemn", "agree", "stop", "cry", "take", "impose", "meet",
                "sanction", "visit", "tie", "watch", "commit", "attacks",
                "attack",
            ],
            &table,
        );
        let cases = [
            ("condemned", "condemn"),
            ("condemns", "condemn"),
            ("agreed", "agree"),
            ("agreeing", "agree"),
            ("stopped", "stop"),
            ("cried", "cry"),
            ("cries", "cry"),
            ("taking", "take"),
            ("took", "take"),
            ("taken", "take"),
            ("imposes", "impose"),
            ("met", "meet"),
            ("sanctions", "sanction"),
            ("visited", "visit"),
            ("ties", "tie"),
            ("watches", "watch"),
            ("committed", "commit"),
            ("was", "be"),
            ("said", "say"),
            ("attacks", "attack"),
        ];
        for (form, lemma) in cases {
            let got = lz.lemma_id(form).map(|i| lz.lemma(i));
            assert_eq!(got, Some(lemma), "{form}");
        }
        assert_eq!(lz.lemma_id("tablecloth"), None);
    }
}
