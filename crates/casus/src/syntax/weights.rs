//! Feature hashing and the quantised weight tables of the tagger, the
//! transition classifier and the labeller.
//!
//! A feature is a template number and up to three small values hashed
//! into a `u64`; its weights are the row at the hash's low bits in a
//! dense table of `2^bits` rows, one `i16` per class. There are no keys:
//! features that share a row share weights (the "hashing trick"), which
//! keeps a row lookup to one memory access and the model small. Training
//! uses the same hashing on a larger table and folds it down to the
//! shipped size (rows whose index agrees on the low bits are summed), so
//! the fold is what a smaller table would have learned, less the
//! collisions training never saw; the trainer measures each size on dev.

/// Multiplier of the mixing steps (an odd constant with well-spread
/// bits, from the golden ratio).
const K: u64 = 0x9E37_79B9_7F4A_7C15;
/// A second odd multiplier.
const K2: u64 = 0xff51_afd7_ed55_8ccd;

/// Mixes `x` into the hash state `h`.
#[inline]
pub(crate) fn mix(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(K).rotate_left(31)
}

/// The final avalanche (MurmurHash3's fmix64), for word hashes.
#[inline]
pub(crate) fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The key of template `t` with values `a`, `b`: two multiplies. Tables
/// index by the key's high bits, which a multiply mixes from every input
/// bit (multiplicative hashing), so no final avalanche is needed.
#[inline]
pub(crate) fn key(t: u32, a: u64, b: u64) -> u64 {
    let h =
        (a.wrapping_mul(K) ^ b).wrapping_add(u64::from(t).wrapping_mul(K2));
    h.wrapping_mul(K2) ^ (h >> 29)
}

/// The row of `key` in a table of `2^bits` rows.
#[inline]
pub(crate) fn row_of(key: u64, bits: u32) -> usize {
    // `bits` is 1..=28 (checked when tables are read or built).
    (key >> (64 - bits)) as usize
}

/// A hash of a word's bytes (FxHash-style, 8 bytes at a time; the same
/// on every platform, since models store hashes).
pub(crate) fn hash_str(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h = (b.len() as u64).wrapping_mul(K);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(w));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(w));
    }
    // Never 0: 0 stands for "no word here" in feature values.
    finish(h) | 1
}

/// A quantised weight table: `2^bits` rows of `classes` weights.
///
/// Each row is one shift byte `e` and `classes` signed bytes `q`: weight
/// = `q << e` (then `/ scale` for a float). Eight bits a weight with a
/// per-row exponent halve the size of `i16` weights at no measured cost
/// in accuracy (a row's small weights matter only next to its large
/// ones), so twice the rows fit the same megabytes: fewer collisions.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Table {
    /// log2 of the row count.
    pub bits: u32,
    /// Weights per row.
    pub classes: usize,
    /// Float weight = `(q << e) / scale`.
    pub scale: f32,
    /// `2^bits * (classes + 1)` bytes, row-major.
    pub rows: Vec<u8>,
}

/// The largest shift a row may use (sums stay far from `i32` limits).
pub(crate) const MAX_SHIFT: u8 = 22;

impl Table {
    /// An all-zero table.
    #[cfg(any(test, feature = "train"))]
    pub fn zeros(bits: u32, classes: usize) -> Table {
        Table {
            bits,
            classes,
            scale: 1.0,
            rows: vec![0; (classes + 1) << bits],
        }
    }

    /// Touches the first byte of every row of `keys`: these loads are
    /// independent, so the memory system fetches all rows at once, and
    /// the additions that follow find them in cache. Rows are scattered
    /// over megabytes; without this the adds wait for one row at a time.
    #[inline]
    pub fn touch(&self, keys: &[u64]) {
        let stride = self.classes + 1;
        let mut acc = 0u8;
        for &k in keys {
            acc ^= self
                .rows
                .get(row_of(k, self.bits) * stride)
                .copied()
                .unwrap_or(0);
        }
        std::hint::black_box(acc);
    }

    /// Adds the rows of `keys` into `scores` (`scores.len() >= classes`).
    #[inline]
    pub fn score(&self, keys: &[u64], scores: &mut [i32]) {
        let c = self.classes;
        self.touch(keys);
        let scores = &mut scores[..c];
        for &k in keys {
            let at = row_of(k, self.bits) * (c + 1);
            let Some(row) = self.rows.get(at..at + c + 1) else { continue };
            let e = u32::from(row[0].min(MAX_SHIFT));
            for (s, &q) in scores.iter_mut().zip(&row[1..]) {
                *s += i32::from(q as i8) << e;
            }
        }
    }

    /// [`Table::score`] for a table of exactly `N` classes: fixed-size
    /// rows let the compiler unroll and vectorise the additions.
    #[inline]
    pub fn score_n<const N: usize>(
        &self,
        keys: &[u64],
        scores: &mut [i32; N],
    ) {
        debug_assert_eq!(self.classes, N);
        self.touch(keys);
        for &k in keys {
            let at = row_of(k, self.bits) * (N + 1);
            let Some(row) = self.rows.get(at..at + N + 1) else { continue };
            let e = u32::from(row[0].min(MAX_SHIFT));
            let q: &[u8; N] = row[1..].try_into().unwrap_or(&[0; N]);
            for i in 0..N {
                scores[i] += i32::from(q[i] as i8) << e;
            }
        }
    }

    /// Bytes the weights take.
    #[cfg(any(test, feature = "train"))]
    pub fn byte_len(&self) -> usize {
        self.rows.len()
    }

    /// Quantises float rows (`2^bits * classes` weights).
    #[cfg(feature = "train")]
    pub fn quantise(bits: u32, classes: usize, w: &[f32]) -> Table {
        let max = w.iter().fold(0f32, |m, x| m.max(x.abs()));
        // The largest weight becomes 2^22: 100 features sum below 2^29.
        let scale = if max > 0.0 { (1u32 << 22) as f32 / max } else { 1.0 };
        let mut rows = Vec::with_capacity((classes + 1) << bits);
        for row in w.chunks_exact(classes) {
            let m = row.iter().fold(0f32, |m, x| m.max((x * scale).abs()));
            let mut e = 0u8;
            while m / ((1u32 << e) as f32) > 127.0 && e < MAX_SHIFT {
                e += 1;
            }
            rows.push(e);
            let unit = (1u32 << e) as f32;
            for x in row {
                let q = (x * scale / unit).round().clamp(-127.0, 127.0) as i8;
                rows.push(q as u8);
            }
        }
        Table { bits, classes, scale, rows }
    }
}

/// An averaged perceptron over hashed features (training only).
///
/// Averaging by the standard trick: `w` is the current weight vector,
/// `u` accumulates `c * update`, and the average after `c` steps is
/// `w - u / c` (Daume, 2006).
#[cfg(feature = "train")]
#[derive(Clone, Debug)]
pub(crate) struct Perceptron {
    pub bits: u32,
    pub classes: usize,
    w: Vec<f32>,
    u: Vec<f32>,
    /// Update steps so far (instances seen).
    pub c: f32,
}

#[cfg(feature = "train")]
impl Perceptron {
    pub fn new(bits: u32, classes: usize) -> Perceptron {
        let n = (1usize << bits) * classes;
        Perceptron { bits, classes, w: vec![0.0; n], u: vec![0.0; n], c: 1.0 }
    }

    #[inline]
    fn row(&self, k: u64) -> usize {
        row_of(k, self.bits) * self.classes
    }

    /// Scores with the current (not averaged) weights.
    pub fn score(&self, keys: &[u64], scores: &mut [f32]) {
        let c = self.classes;
        scores[..c].iter_mut().for_each(|s| *s = 0.0);
        for &k in keys {
            let at = self.row(k);
            for (s, w) in scores[..c].iter_mut().zip(&self.w[at..at + c]) {
                *s += *w;
            }
        }
    }

    /// Moves the weights of `keys` towards `good` and away from `bad`.
    pub fn update(&mut self, keys: &[u64], good: usize, bad: usize) {
        if good == bad {
            return;
        }
        let c = self.c;
        for &k in keys {
            let at = self.row(k);
            self.w[at + good] += 1.0;
            self.u[at + good] += c;
            self.w[at + bad] -= 1.0;
            self.u[at + bad] -= c;
        }
    }

    /// Adds `delta` to the weights of `keys` for `class` (one side of a
    /// structured update, whose two sides are different sequences).
    pub fn add(&mut self, keys: &[u64], class: usize, delta: f32) {
        let c = self.c;
        for &k in keys {
            let at = self.row(k) + class;
            self.w[at] += delta;
            self.u[at] += c * delta;
        }
    }

    /// Counts one instance (for averaging).
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    /// The averaged weights folded to `2^bits` rows and quantised.
    pub fn export(&self, bits: u32) -> Table {
        let c = self.classes;
        let rows = 1usize << bits.min(self.bits);
        let mut avg = vec![0f32; rows * c];
        // Rows index by high key bits: folding keeps the top bits.
        let shift = self.bits - bits.min(self.bits);
        for (i, (w, u)) in self.w.iter().zip(&self.u).enumerate() {
            let a = w - u / self.c;
            let r = (i / c) >> shift;
            avg[r * c + i % c] += a;
        }
        Table::quantise(bits.min(self.bits), c, &avg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_spread() {
        // Models store hashes: these values must never change.
        assert_eq!(hash_str("the"), hash_str("the"));
        assert_ne!(hash_str("the"), hash_str("thE"));
        assert_ne!(hash_str(""), 0);
        assert_ne!(key(1, 2, 3), key(2, 2, 3));
        assert_ne!(key(1, 2, 3), key(1, 3, 2));
        // Rows spread: 4096 keys over 256 rows leave few rows empty,
        // for small values (tags) as for word hashes.
        for (a, b) in [(7, 0), (hash_str("the"), 3)] {
            let mut seen = [false; 256];
            for t in 0..4096 {
                seen[row_of(key(t, a, b), 8)] = true;
            }
            assert!(seen.iter().filter(|s| **s).count() > 240);
        }
        let mut seen = [false; 256];
        for v in 0..4096u64 {
            seen[row_of(key(1, v & 63, v >> 6), 8)] = true;
        }
        assert!(seen.iter().filter(|s| **s).count() > 240);
    }

    #[test]
    fn table_scores_rows() {
        // Row 0: 1, 2; row 1: (5, 10) << 1.
        let t = Table {
            bits: 1,
            classes: 2,
            scale: 1.0,
            rows: vec![0, 1, 2, 1, 5, 10],
        };
        // Row = the key's top bit: keys 0 and 1 read row 0, u64::MAX row 1.
        let keys = [0, 1, u64::MAX];
        let mut s = [0i32; 2];
        t.score(&keys, &mut s);
        let mut n = [0i32; 2];
        t.score_n(&keys, &mut n);
        assert_eq!(n, s);
        // 2 x (1, 2) + (5, 10) << 1.
        assert_eq!(s, [12, 24]);
    }
}
