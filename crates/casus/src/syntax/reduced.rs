//! Reduced relatives at a sentence's start: "The prisoners freed in the
//! swap were flown home". The parser makes the participle the main verb
//! with the noun before it as its active subject (the prisoners freed
//! someone), and hangs the real main clause ("were flown") below it. A
//! participle with no object and no auxiliary right after the opening
//! noun phrase, with a later passive below it that has no subject of its
//! own, is the noun's modifier; the later passive is the main verb and
//! the noun its passive subject. The word-window reading makes the same
//! call (`events/clause.rs`, `reduced_relative`).

use super::arcs::{at, has_child, set};
use crate::syntax::{Deprel, Rel, Sub, Upos, Word};

/// How far after the participle the main passive may stand.
const REACH: usize = 10;

/// True when word `x` hangs (at any depth) below `top`, never through
/// a reported clause ("X added that the money raised will be used": a
/// clause of its own, with its own subject).
fn below(words: &[Word], mut x: u32, top: u32) -> bool {
    for _ in 0..words.len() {
        let Some(w) = at(words, x) else { return false };
        if w.deprel.rel == Rel::Ccomp {
            return false;
        }
        if w.head == top {
            return true;
        }
        if w.head == 0 {
            return false;
        }
        x = w.head;
    }
    false
}

/// True when the words before id `n` are a noun phrase's opening only
/// (determiners, adjectives, numbers, names, nouns).
fn opening_phrase(words: &[Word], n: u32) -> bool {
    words.iter().take(n as usize - 1).all(|w| {
        matches!(
            w.upos,
            Upos::Det | Upos::Adj | Upos::Num | Upos::Propn | Upos::Noun
        )
    })
}

/// The later passive that is the sentence's main verb, for root
/// participle `r` whose subject is `n`, if the shape holds.
fn main_passive(words: &[Word], r: u32, n: u32) -> Option<u32> {
    let root = at(words, r)?;
    let noun = at(words, n)
        .is_some_and(|w| matches!(w.upos, Upos::Noun | Upos::Propn));
    let shape = noun
        && root.upos == Upos::Verb
        && root.lemma.as_str() != "be"
        && n + 1 == r
        && opening_phrase(words, n)
        && !has_child(words, r, Rel::Obj, None)
        && !has_child(words, r, Rel::Aux, None);
    if !shape {
        return None;
    }
    (r + 1..=r + REACH as u32).find(|&m| {
        at(words, m).is_some_and(|w| w.upos == Upos::Verb)
            && has_child(words, m, Rel::Aux, Some(Sub::Pass))
            && !has_child(words, m, Rel::Nsubj, None)
            && below(words, m, r)
    })
}

/// Re-hangs a sentence-opening reduced relative: the later passive the
/// root, the opening noun its passive subject, the participle the noun's
/// modifier (margins 0: a repair).
pub(crate) fn repair_arcs(words: &mut [Word]) {
    let Some(r) = words.iter().position(|w| w.head == 0) else { return };
    let r = r as u32 + 1;
    let Some(n) = words.iter().position(|w| {
        w.head == r && w.deprel == Deprel::new(Rel::Nsubj, Sub::None)
    }) else {
        return;
    };
    let n = n as u32 + 1;
    let Some(m) = main_passive(words, r, n) else { return };
    set(words, m, 0, Deprel::ROOT);
    set(words, n, m, Deprel::new(Rel::Nsubj, Sub::Pass));
    set(words, r, n, Deprel::new(Rel::Acl, Sub::None));
    // Punctuation and words hung on the old root after the main verb
    // belong to the main clause.
    for (i, w) in words.iter_mut().enumerate() {
        if i as u32 + 1 > m && w.head == r {
            w.head = m;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::{Parser, Rel, Sub};

    #[test]
    fn an_opening_participle_before_a_passive_modifies_its_noun() {
        let forms = [
            "The",
            "prisoners",
            "freed",
            "in",
            "the",
            "swap",
            "were",
            "flown",
            "home",
            "on",
            "Friday",
        ];
        let t = Parser::builtin().parse_forms(&forms);
        let rel = |i: usize| t.words.get(i).map(|w| (w.head, w.deprel));
        assert_eq!(rel(7).map(|x| x.0), Some(0), "{:?}", t.words);
        assert_eq!(
            rel(1).map(|x| (x.0, x.1.rel, x.1.sub)),
            Some((8, Rel::Nsubj, Sub::Pass)),
            "{:?}",
            t.words
        );
    }
}
