//! 64-bit FNV-1a: a fixed, platform-independent hash (unlike
//! `DefaultHasher`, whose output may change between Rust versions), for
//! ids that must stay the same across runs and builds: event ids here,
//! article content hashes in the store.

use std::hash::Hasher;

/// 64-bit FNV-1a, as a [`Hasher`] and as a [`std::fmt::Write`] sink (so
/// a key can be formatted straight into it, with no string per key).
///
/// # Example
///
/// ```
/// use std::hash::Hasher;
///
/// let mut h = casus::Fnv1a::new();
/// h.write(b"a");
/// assert_eq!(h.finish(), 0xaf63_dc4c_8601_ec8c);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Fnv1a(u64);

impl Fnv1a {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;

    /// A hasher at the FNV-1a offset basis.
    pub fn new() -> Fnv1a {
        Fnv1a(Fnv1a::OFFSET)
    }
}

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a::new()
    }
}

impl Hasher for Fnv1a {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(Fnv1a::PRIME);
        }
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

impl std::fmt::Write for Fnv1a {
    #[inline]
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        Hasher::write(self, s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, FNV-1a 64) from the reference test vectors.
    #[test]
    fn vectors() {
        let cases: &[(&[u8], u64)] = &[
            (b"", 0xcbf2_9ce4_8422_2325),
            (b"a", 0xaf63_dc4c_8601_ec8c),
            (b"foobar", 0x8594_4171_f739_67e8),
        ];
        for (input, want) in cases {
            let mut h = Fnv1a::new();
            h.write(input);
            assert_eq!(h.finish(), *want, "{input:?}");
            let mut f = Fnv1a::default();
            let s = std::str::from_utf8(input).expect("ascii");
            std::fmt::Write::write_str(&mut f, s).expect("infallible");
            assert_eq!(f.finish(), *want, "{input:?}");
        }
    }
}
