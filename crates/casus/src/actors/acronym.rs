//! Acronyms an article defines: "the Interstate Commerce Commission
//! (ICC)" or "ICC, the Interstate Commerce Commission" make "ICC" that
//! body for the rest of the article, over the dictionary's reading of the
//! acronym (the International Criminal Court).

use super::gazetteer::{Hit, Norm};

/// A definition: the acronym's normalised text, the sub-token from which
/// it holds, and the long name's entry.
struct Defined {
    abbr: String,
    from: usize,
    entry: u32,
}

/// Gives every later hit of a defined acronym its long name's entry.
pub(crate) fn apply_defined(norm: &Norm<'_>, hits: &mut [Hit]) {
    let defs = definitions(norm, hits);
    for d in &defs {
        for h in hits.iter_mut() {
            let (a, b) = (h.a as usize, h.b as usize);
            if b == a + 1 && a >= d.from && is_acronym(norm, a, &d.abbr) {
                h.entry = d.entry;
            }
        }
    }
}

/// The definitions in the article, in text order.
fn definitions(norm: &Norm<'_>, hits: &[Hit]) -> Vec<Defined> {
    let mut out = Vec::new();
    for h in hits.iter().filter(|h| h.b >= h.a + 2) {
        let (a, b) = (h.a as usize, h.b as usize);
        let first = initial(norm, a);
        // "the Interstate Commerce Commission (ICC)".
        if norm.word(b) == "(" && norm.word(b + 2) == ")" {
            let abbr = norm.word(b + 1);
            if caps_word(norm, b + 1) && abbr.chars().next() == first {
                out.push(Defined {
                    abbr: abbr.to_string(),
                    from: b + 1,
                    entry: h.entry,
                });
            }
        }
        // "ICC, the Interstate Commerce Commission".
        if a >= 3
            && norm.word(a - 2) == ","
            && norm.word(a - 1).eq_ignore_ascii_case("the")
        {
            let abbr = norm.word(a - 3);
            if caps_word(norm, a - 3) && abbr.chars().next() == first {
                out.push(Defined {
                    abbr: abbr.to_string(),
                    from: a - 3,
                    entry: h.entry,
                });
            }
        }
    }
    out
}

/// The first letter of sub-token `i`'s normalised text.
fn initial(norm: &Norm<'_>, i: usize) -> Option<char> {
    norm.word(i).chars().next()
}

/// Whether sub-token `i` is an all-capital word of two to six letters.
fn caps_word(norm: &Norm<'_>, i: usize) -> bool {
    let len = norm.word(i).chars().count();
    norm.subs.get(i).is_some_and(|s| s.word && s.caps)
        && (2..=6).contains(&len)
}

/// Whether sub-token `i` is the acronym `abbr`, in capitals.
fn is_acronym(norm: &Norm<'_>, i: usize, abbr: &str) -> bool {
    caps_word(norm, i) && norm.word(i) == abbr
}
