//! Hash maps for short keys: the coder hashes every token, and SipHash's
//! DoS resistance buys nothing for dictionary words.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast, non-cryptographic hasher for short keys (the multiply-rotate
/// scheme of FxHash): the coder hashes every token, and SipHash's
/// DoS resistance buys nothing for dictionary words.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FastHasher(u64);

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
pub(crate) type FastBuild = BuildHasherDefault<FastHasher>;

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, FastBuild>;

/// A `HashSet` with [`FastHasher`].
pub(crate) type FastSet<K> = std::collections::HashSet<K, FastBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    /// Keys that differ only in length or in their last bytes hash apart.
    #[test]
    fn distinct_keys() {
        let b = FastBuild::default();
        let keys: &[&[u8]] =
            &[b"", b"a", b"a\0", b"abcdefgh", b"abcdefghi", b"abcdefgi"];
        let hashes: Vec<u64> = keys.iter().map(|k| b.hash_one(k)).collect();
        for (i, h) in hashes.iter().enumerate() {
            for (j, g) in hashes.iter().enumerate() {
                assert!(i == j || h != g, "{:?} {:?}", keys[i], keys[j]);
            }
        }
        let mut m: FastMap<&str, u32> = FastMap::default();
        m.insert("x", 1);
        assert_eq!(m.get("x"), Some(&1));
    }
}
