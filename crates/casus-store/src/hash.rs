//! Stable content hashes: casus's FNV-1a (64 bit, [`casus::Fnv1a`]), the
//! same hash as event ids, so the same bytes give the same hash on every
//! platform and Rust version, unlike `DefaultHasher`.

use std::hash::Hasher;

use casus::Article;

/// FNV-1a over `parts`, each followed by a 0xff separator byte (which
/// never occurs in UTF-8), so `("ab", "c")` and `("a", "bc")` differ.
pub fn fnv64(parts: &[&[u8]]) -> u64 {
    let mut h = casus::Fnv1a::new();
    for part in parts {
        h.write(part);
        h.write_u8(0xff);
    }
    h.finish()
}

/// The hash that decides whether a stored article changed: date, title,
/// outlet, url and text, as 16 hex digits.
pub fn content_hash(a: &Article) -> String {
    let date = a.date.to_string();
    let h = fnv64(&[
        date.as_bytes(),
        a.title.as_deref().unwrap_or("").as_bytes(),
        a.outlet.as_deref().unwrap_or("").as_bytes(),
        a.url.as_deref().unwrap_or("").as_bytes(),
        a.text.as_bytes(),
    ]);
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_table() {
        let cases: &[(&[&[u8]], u64)] = &[
            (&[], 0xcbf2_9ce4_8422_2325),
            (&[b"ab", b"c"], fnv64(&[b"ab", b"c"])),
        ];
        for (input, want) in cases {
            assert_eq!(fnv64(input), *want);
        }
        assert_ne!(fnv64(&[b"ab", b"c"]), fnv64(&[b"a", b"bc"]));
    }
}
