//! Elided passives: "26 civilians were killed and dozens wounded".
//!
//! The second conjunct drops its "were": it is a passive whose subject
//! is the number phrase before the participle. The tagger, trained on
//! UD English EWT, reads "wounded" as an adjective there (and may read
//! "dozens" as a verb), and the parser then makes the number phrase a
//! clause of its own, or the subject of an active "wounded" that would
//! make the dead the doers of the wounding. The shape is found on the
//! words and tags before parsing (so the participle is lemmatised as a
//! verb), and the tree is repaired after parsing: the participle is a
//! conjunct of the first passive and the number phrase its passive
//! subject, so the event stage reads it as any passive.

use super::arcs::set;
use crate::syntax::retag::{be_participle, BE};
use crate::syntax::tags::Upos;
use crate::syntax::words::SynWord;
use crate::syntax::{Deprel, Rel, Sub, Word};

/// Nouns that stand for a number of people ("and dozens wounded",
/// "and many others injured"), often mis-tagged.
///
/// The list: `dicts/words/quantity_nouns.txt`.
static QUANTITY_NOUNS: crate::util::WordList =
    crate::util::word_list!("words/quantity_nouns.txt");

/// How many words may open the number phrase before its last word ("at
/// least 20 people", "more than 100").
const LEAD_REACH: usize = 4;

/// One elided passive found on the words (0-based word positions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Elided {
    /// The participle ("wounded").
    participle: usize,
    /// The last word of its number phrase ("dozens", "people").
    subject: usize,
    /// The coordinating "and".
    and: usize,
    /// The first conjunct's passive verb ("killed").
    partner: usize,
}

/// The tag of word `i`, if any.
fn upos_at(tags: &[u8], i: usize) -> Option<Upos> {
    tags.get(i).and_then(|&x| Upos::from_index(usize::from(x)))
}

/// True when word `i` may end a number phrase of people.
fn quantity_end(ws: &[SynWord], tags: &[u8], i: usize) -> bool {
    matches!(upos_at(tags, i), Some(Upos::Num | Upos::Noun))
        || QUANTITY_NOUNS.contains(ws[i].norm.as_str())
}

/// True when word `i` may open a number phrase ("at least", "more
/// than", "some", a number before its noun).
fn quantity_lead(ws: &[SynWord], tags: &[u8], i: usize) -> bool {
    matches!(
        upos_at(tags, i),
        Some(Upos::Num | Upos::Adv | Upos::Adp | Upos::Adj | Upos::Det)
    ) || QUANTITY_NOUNS.contains(ws[i].norm.as_str())
}

/// The "and" before the number phrase ending at word `q`, if the words
/// between are a number phrase's opening.
fn and_before(ws: &[SynWord], tags: &[u8], q: usize) -> Option<usize> {
    let mut a = q.checked_sub(1)?;
    for _ in 0..=LEAD_REACH {
        if ws[a].norm == "and" {
            return Some(a);
        }
        if !quantity_lead(ws, tags, a) {
            return None;
        }
        a = a.checked_sub(1)?;
    }
    None
}

/// The passive verb just before "and" at `a` (a comma between
/// allowed): a verb after a form of "be", adverbs between allowed.
fn passive_before(ws: &[SynWord], tags: &[u8], a: usize) -> Option<usize> {
    let mut b = a.checked_sub(1)?;
    if ws[b].norm == "," {
        b = b.checked_sub(1)?;
    }
    if upos_at(tags, b) != Some(Upos::Verb) {
        return None;
    }
    let mut j = b.checked_sub(1)?;
    while j > 0 && upos_at(tags, j) == Some(Upos::Adv) {
        j -= 1;
    }
    BE.contains(&ws[j].norm.as_str()).then_some(b)
}

/// Finds the elided passives of a sentence and re-tags their words: the
/// participle a verb, a quantity noun read as anything else a noun.
pub(crate) fn elided_passives(ws: &[SynWord], tags: &mut [u8]) -> Vec<Elided> {
    let mut out = Vec::new();
    for i in 2..ws.len().min(tags.len()) {
        if !be_participle(&ws[i].norm) || !quantity_end(ws, tags, i - 1) {
            continue;
        }
        // An object after it makes it active ("and police wounded
        // three others").
        if matches!(
            upos_at(tags, i + 1),
            Some(Upos::Det | Upos::Num | Upos::Pron | Upos::Propn)
        ) {
            continue;
        }
        let q = i - 1;
        let Some(a) = and_before(ws, tags, q) else { continue };
        let Some(b) = passive_before(ws, tags, a) else { continue };
        tags[i] = Upos::Verb.index() as u8;
        if !matches!(upos_at(tags, q), Some(Upos::Num | Upos::Noun)) {
            tags[q] = Upos::Noun.index() as u8;
        }
        out.push(Elided { participle: i, subject: q, and: a, partner: b });
    }
    out
}

/// True when word id `x` is `y` or one of its heads.
fn reaches(words: &[Word], mut x: u32, y: u32) -> bool {
    for _ in 0..=words.len() {
        if x == y {
            return true;
        }
        if x == 0 {
            return false;
        }
        x = words.get(x as usize - 1).map_or(0, |w| w.head);
    }
    false
}

/// Repairs the tree for each elided passive found by
/// [`elided_passives`]: the participle a conjunct of the first passive
/// (when the parser made that one a passive), the number phrase its
/// passive subject, "and" its coordinator. Skipped where the change
/// would break the tree (a cycle or a second root).
pub(crate) fn repair_arcs(words: &mut [Word], found: &[Elided]) {
    for e in found {
        let id = |i: usize| i as u32 + 1;
        let (p, q, a, b) =
            (id(e.participle), id(e.subject), id(e.and), id(e.partner));
        let passive = words.iter().any(|w| {
            w.head == b
                && w.deprel.rel == Rel::Aux
                && w.deprel.sub == Sub::Pass
        });
        let moved = [p, q, a];
        let safe = moved.iter().all(|&m| {
            words.get(m as usize - 1).is_some_and(|w| w.head != 0)
                && !reaches(words, b, m)
        }) && !words.iter().any(|w| w.head == a);
        if !passive || !safe {
            continue;
        }
        set(words, p, b, Deprel::new(Rel::Conj, Sub::None));
        set(words, q, p, Deprel::new(Rel::Nsubj, Sub::Pass));
        set(words, a, p, Deprel::new(Rel::Cc, Sub::None));
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::{Parser, Rel, Sub, Upos};

    /// (upos, head form, relation, subtype) of `word` in `forms`.
    fn arc(forms: &[&str], word: &str) -> Option<(Upos, String, Rel, Sub)> {
        let t = Parser::builtin().parse_forms(forms);
        let i = forms.iter().position(|f| *f == word)?;
        let w = t.words.get(i)?;
        let head = forms.get((w.head as usize).checked_sub(1)?)?;
        Some((w.upos, (*head).to_string(), w.deprel.rel, w.deprel.sub))
    }

    #[test]
    fn a_number_and_participle_after_a_passive_is_a_passive() {
        let forms = [
            "Three", "soldiers", "were", "killed", "and", "dozens", "wounded",
            "in", "the", "raid", ".",
        ];
        let (upos, head, rel, _) = arc(&forms, "wounded").expect("parsed");
        assert_eq!(
            (upos, head.as_str(), rel),
            (Upos::Verb, "killed", Rel::Conj)
        );
        let (_, head, rel, sub) = arc(&forms, "dozens").expect("parsed");
        assert_eq!(
            (head.as_str(), rel, sub),
            ("wounded", Rel::Nsubj, Sub::Pass)
        );
    }

    #[test]
    fn an_active_second_verb_keeps_its_object() {
        let forms = [
            "Two", "men", "were", "killed", "and", "police", "wounded",
            "three", "others", ".",
        ];
        let (_, _, rel, sub) = arc(&forms, "police").expect("parsed");
        assert!(!(rel == Rel::Nsubj && sub == Sub::Pass), "{rel:?}");
    }
}
