//! Word-keyed lookups for the hot path: [`WordMap`] (short words packed
//! into integers) and [`WordShapes`] (a one-bit-per-shape pre-filter).

use super::hash::FastMap;

/// A map from words (normalised token text) to values, fast for the
/// short words that make up most text: a word of up to 7 bytes is packed
/// into a `u64` and found with one integer hash and compare; longer
/// words go through a string map. Every token of a
/// coded sentence is looked up in a few of these.
#[derive(Clone, Debug)]
pub(crate) struct WordMap<V> {
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
    pub(crate) fn get(&self, w: &str) -> Option<&V> {
        match pack(w) {
            Some(k) => self.short.get(&k),
            None => self.long.get(w),
        }
    }

    /// The value of `w`, inserting `v` first if there is none.
    pub(crate) fn or_insert(&mut self, w: &str, v: V) -> &mut V {
        match pack(w) {
            Some(k) => self.short.entry(k).or_insert(v),
            None => self.long.entry(w.into()).or_insert(v),
        }
    }

    /// Number of words.
    pub(crate) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// True when there are no words.
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A conservative pre-filter for a set of words: one bit per word shape
/// (first byte, last byte, length, mixed). [`WordShapes::may_contain`]
/// is false only for words not inserted. Most tokens of a text fail it,
/// which costs far less than hashing them for the set itself (places and
/// outlet names check every token).
#[derive(Clone, Debug)]
pub(crate) struct WordShapes {
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
    pub(crate) fn insert(&mut self, w: &[u8]) {
        let k = WordShapes::slot(w);
        self.bits[k / 64] |= 1 << (k % 64);
    }

    /// False when no inserted word has `w`'s shape.
    pub(crate) fn may_contain(&self, w: &[u8]) -> bool {
        let k = WordShapes::slot(w);
        self.bits.get(k / 64).is_some_and(|b| (b >> (k % 64)) & 1 == 1)
    }
}

impl Default for WordShapes {
    fn default() -> WordShapes {
        WordShapes { bits: vec![0; WordShapes::BITS / 64].into() }
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
}
