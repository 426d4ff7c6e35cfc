//! Clauses opened by "as" whose subject the parser took for the object
//! of "as": "Eleven people were killed on Friday as Pakistani troops
//! violated the ceasefire" comes out as "killed ... as troops" (an
//! oblique) with "violated" an adverbial clause without a subject, so
//! the act has no doer and the passive's victims become its side. A
//! finite verb hung as `advcl` right after such an oblique, with no
//! subject of its own and the oblique's head for its head, has the
//! oblique's noun as its subject and "as" as its marker.

use super::arcs::{at, has_child, set};
use super::words::SynWord;
use crate::syntax::{Deprel, Rel, Sub, Upos, Word};

/// The ("as", noun) pair to re-hang below verb `v`, if the shape holds.
fn misread(ws: &[SynWord], words: &[Word], v: u32) -> Option<(u32, u32)> {
    let verb = at(words, v)?;
    let clause = verb.deprel.rel == Rel::Advcl
        && super::conjunct::finite(ws, words, v)
        && !has_child(words, v, Rel::Nsubj, None);
    let n = v.checked_sub(1)?;
    let noun = at(words, n)?;
    let oblique = matches!(noun.upos, Upos::Noun | Upos::Propn | Upos::Pron)
        && noun.deprel.rel == Rel::Obl
        && noun.head == verb.head;
    if !(clause && oblique) {
        return None;
    }
    // "as" opens the noun's phrase: only its modifiers stand between.
    let a = (1..n).rev().find(|&i| {
        at(words, i).is_some_and(|w| {
            !matches!(
                w.upos,
                Upos::Det | Upos::Adj | Upos::Num | Upos::Propn | Upos::Noun
            )
        })
    })?;
    let marker = at(words, a)?;
    let as_case = marker.lemma.as_str() == "as"
        && marker.head == n
        && marker.deprel.rel == Rel::Case;
    as_case.then_some((a, n))
}

/// Re-hangs the subject of a misread "as" clause on its verb (margin 0:
/// a repair).
pub(crate) fn repair_arcs(ws: &[SynWord], words: &mut [Word]) {
    for v in 1..=words.len() as u32 {
        if let Some((a, n)) = misread(ws, words, v) {
            set(words, n, v, Deprel::new(Rel::Nsubj, Sub::None));
            set(words, a, v, Deprel::new(Rel::Mark, Sub::None));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::{Parser, Rel};

    /// (sentence, the noun, the verb it should be the subject of), 0-based.
    #[test]
    fn the_noun_after_as_is_its_clauses_subject() {
        let cases: &[(&str, usize, usize)] = &[(
            "Eleven people were killed on Friday as Pakistani troops violated the ceasefire along the border",
            8,
            9,
        )];
        for &(s, n, v) in cases {
            let forms: Vec<&str> = s.split(' ').collect();
            let t = Parser::builtin().parse_forms(&forms);
            let w = t.words.get(n).map(|w| (w.head, w.deprel.rel));
            assert_eq!(
                w,
                Some((v as u32 + 1, Rel::Nsubj)),
                "{s}: {:?}",
                t.words
            );
        }
    }
}
