//! Tag repairs applied between the tagger and the parser.
//!
//! The tagger learnt from UD English EWT, where "wounded" and "injured"
//! are mostly adjectives ("the wounded", "an injured man"). News uses
//! them as verbs with an object ("Gunmen wounded four policemen"); read
//! as an adjective the parser makes the subject a modifier of the object
//! and the sentence has no verb, so no event. The parser builds its tree
//! from the tags, so the repair is made before it runs.

use crate::syntax::tags::Upos;
use crate::syntax::words::SynWord;

/// Words that open a quantity after a verb ("wounded more than 30",
/// "at least 12", "about 40"): an object follows when a number comes
/// within [`QUANTITY_REACH`] words.
const QUANTIFIERS: &[&str] =
    &["more", "at", "about", "over", "nearly", "almost", "around", "some"];

/// How far a number may follow a quantifier opening an object.
const QUANTITY_REACH: usize = 3;

/// Participles the tagger reads as adjectives after "be", one a line
/// (`dicts/model/participles.txt`; `#` starts a comment), as a set: the
/// elided-passive repair asks of every word.
static BE_PARTICIPLES: crate::util::WordList =
    crate::util::word_list!("model/participles.txt");

/// Forms of "be" before a passive participle.
pub(crate) const BE: &[&str] =
    &["be", "am", "is", "are", "was", "were", "been", "being"];

/// True when `w` is listed in [`BE_PARTICIPLES`].
pub(crate) fn be_participle(w: &str) -> bool {
    BE_PARTICIPLES.contains(w)
}

/// Re-tags as verbs the listed participles tagged adjective after a
/// form of "be", adverbs between allowed ("were badly wounded"): a
/// passive, whose subject the act is done to.
pub(crate) fn passive_participles(ws: &[SynWord], tags: &mut [u8]) {
    for i in 1..ws.len().min(tags.len()) {
        if upos_at(tags, i) != Some(Upos::Adj) || !be_participle(&ws[i].norm) {
            continue;
        }
        let mut j = i - 1;
        while j > 0 && upos_at(tags, j) == Some(Upos::Adv) {
            j -= 1;
        }
        if BE.contains(&ws[j].norm.as_str()) {
            tags[i] = Upos::Verb.index() as u8;
        }
    }
}

/// Verb forms read as nouns after a name opening the sentence
/// (`dicts/model/name_verbs.txt`).
static NAME_VERBS: crate::util::WordList =
    crate::util::word_list!("model/name_verbs.txt");

/// Re-tags as a verb a listed form ("denies", "warns") right after one
/// to three capitalised words opening the sentence ("Kigali denies
/// backing the rebels", "Beijing warns Manila"), and those words as
/// proper nouns: the lead's subject and verb, which the tagger read as
/// a compound noun ("Kigali residents") for want of such leads in its
/// training data.
pub(crate) fn name_verbs(text: &str, ws: &[SynWord], tags: &mut [u8]) {
    let n = ws.len().min(tags.len());
    let capital = |i: usize| {
        ws[i].span.slice(text).starts_with(|c: char| c.is_uppercase())
    };
    if n < 3 || !capital(0) {
        return;
    }
    let Some(i) = (1..n.min(4)).find(|&i| !capital(i)) else { return };
    if !NAME_VERBS.contains(ws[i].norm.as_str())
        || upos_at(tags, i) == Some(Upos::Verb)
    {
        return;
    }
    tags[i] = Upos::Verb.index() as u8;
    for t in &mut tags[..i] {
        if upos_at(&[*t], 0) == Some(Upos::Verb) {
            *t = Upos::Propn.index() as u8;
        }
    }
}

/// The tag of word `i`, if any.
fn upos_at(tags: &[u8], i: usize) -> Option<Upos> {
    tags.get(i).and_then(|&x| Upos::from_index(usize::from(x)))
}

/// Re-tags as verbs the "-ed" words tagged adjective that stand between
/// a clause's subject (or a coordinating conjunction after an earlier
/// verb) and an object noun phrase opened by a determiner, number,
/// pronoun or name: the shape of a finite verb, never of an attributive
/// adjective (which comes after a determiner or number, before its
/// noun: "three wounded soldiers", "the wounded").
pub(crate) fn participle_verbs(ws: &[SynWord], tags: &mut [u8]) {
    let tag = |t: &[u8], i: usize| {
        t.get(i).and_then(|&x| Upos::from_index(usize::from(x)))
    };
    for i in 1..ws.len().min(tags.len()) {
        if tag(tags, i) != Some(Upos::Adj) || !ws[i].norm.ends_with("ed") {
            continue;
        }
        let before = match tag(tags, i - 1) {
            Some(Upos::Noun | Upos::Propn | Upos::Pron) => true,
            Some(Upos::Cconj) => tags[..i - 1].iter().any(|&x| {
                Upos::from_index(usize::from(x)) == Some(Upos::Verb)
            }),
            _ => false,
        };
        if before && opens_object(ws, tags, i + 1) {
            tags[i] = Upos::Verb.index() as u8;
        }
    }
}

/// True when word `j` opens an object noun phrase: a determiner,
/// number, pronoun or name, or a quantifier with a number close after.
fn opens_object(ws: &[SynWord], tags: &[u8], j: usize) -> bool {
    let upos =
        |k: usize| tags.get(k).and_then(|&x| Upos::from_index(usize::from(x)));
    match upos(j) {
        Some(Upos::Det | Upos::Num | Upos::Pron | Upos::Propn) => true,
        Some(_) => {
            ws.get(j).is_some_and(|w| QUANTIFIERS.contains(&w.norm.as_str()))
                && (j + 1..=j + QUANTITY_REACH)
                    .any(|k| upos(k) == Some(Upos::Num))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::{Parser, Upos};

    /// The tag of `word` in the parse of `forms`.
    fn tag_of(forms: &[&str], word: &str) -> Option<Upos> {
        let t = Parser::builtin().parse_forms(forms);
        let i = forms.iter().position(|f| *f == word)?;
        t.words.get(i).map(|w| w.upos)
    }

    #[test]
    fn participles_with_an_object_or_after_be_are_verbs() {
        let verbs: &[&[&str]] = &[
            &["Gunmen", "wounded", "four", "policemen", "."],
            &[
                "Militants",
                "killed",
                "two",
                "men",
                "and",
                "wounded",
                "five",
                "others",
                ".",
            ],
            &["The", "blast", "wounded", "more", "than", "30", "people", "."],
            &["Three", "guards", "were", "badly", "wounded", "."],
        ];
        for forms in verbs {
            assert_eq!(
                tag_of(forms, "wounded"),
                Some(Upos::Verb),
                "{forms:?}"
            );
        }
    }

    #[test]
    fn attributive_participles_stay_adjectives() {
        let adjectives: &[&[&str]] = &[
            &["The", "wounded", "soldiers", "were", "flown", "home", "."],
            &["Doctors", "treated", "three", "wounded", "men", "."],
        ];
        for forms in adjectives {
            assert_eq!(tag_of(forms, "wounded"), Some(Upos::Adj), "{forms:?}");
        }
    }

    /// A lead's verb after an unfamiliar name is a verb, and the name
    /// the subject ("Kigali denies backing the rebels"); a plural noun
    /// of the same shape after a name stays a noun.
    #[test]
    fn name_verbs_after_a_leading_name() {
        let cases: &[(&[&str], &str)] = &[
            (&["Kigali", "denies", "backing", "the", "rebels", "."], "denies"),
            (
                &["Beijing", "warns", "Manila", "over", "the", "shoal", "."],
                "warns",
            ),
            (&["Port", "Moresby", "rejects", "the", "claim", "."], "rejects"),
        ];
        for &(forms, verb) in cases {
            assert_eq!(tag_of(forms, verb), Some(Upos::Verb), "{forms:?}");
        }
        assert_eq!(
            tag_of(&["Kigali", "residents", "fled", "."], "residents"),
            Some(Upos::Noun)
        );
    }
}
