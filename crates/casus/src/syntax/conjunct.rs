//! A speaker's second verb hung inside the reported clause: "the
//! minister said the boat was patrolling its waters and called the
//! remarks a provocation", "she predicted the president would lose and
//! asked voters to ...". The parser makes the last verb a conjunct of the
//! reported clause's verb, so it takes that clause's subject (the boat,
//! the president) as its doer. A finite past or present verb cannot share
//! the reported verb's modal ("would lose and asked") or progressive
//! auxiliary ("was patrolling and called"): it is coordinated with the
//! reporting verb, whose form it shares, and is re-hung there. Without
//! an auxiliary the form is ambiguous ("said China's actions undermined
//! peace and urged Beijing"); a verb of a speaker's own act (urge, warn,
//! accuse: `dicts/words/speaker_acts.txt`) is then the speaker's too.

use super::arcs::{at, has_child, set};
use super::retag::BE;
use super::tree::MODALS;
use crate::syntax::words::SynWord;
use crate::syntax::{Rel, Upos, Word};

/// The normalised form of word id `id`.
fn norm(ws: &[SynWord], id: u32) -> &str {
    (id as usize)
        .checked_sub(1)
        .and_then(|i| ws.get(i))
        .map_or("", |w| w.norm.as_str())
}

/// A finite verb form: inflected ("said", "asks"), not a bare form or a
/// gerund, so it carries its own tense.
pub(super) fn finite(ws: &[SynWord], words: &[Word], id: u32) -> bool {
    let form = norm(ws, id);
    at(words, id).is_some_and(|w| {
        w.upos == Upos::Verb
            && form != w.lemma.as_str()
            && !form.ends_with("ing")
    })
}

/// True when verb `v2` cannot share the auxiliary of verb `v1`: a modal
/// wants a bare form, a progressive "be" an "-ing" form.
fn cannot_share_aux(ws: &[SynWord], words: &[Word], v1: u32) -> bool {
    let aux = words
        .iter()
        .enumerate()
        .filter(|(_, w)| w.head == v1 && w.deprel.rel == Rel::Aux);
    let mut found = false;
    for (i, _) in aux {
        let a = norm(ws, i as u32 + 1);
        let modal = MODALS.contains(&a);
        // A progressive "be" wants an "-ing" form.
        let progressive = BE.contains(&a) && norm(ws, v1).ends_with("ing");
        if !(modal || progressive) {
            return false;
        }
        found = true;
    }
    found
}

/// Lemmas of a speaker's second act ("... and urged Beijing to stop").
static SPEAKER_ACTS: crate::util::WordList =
    crate::util::word_list!("words/speaker_acts.txt");

/// Whether conjunct `c` names a speaker's own act and its partner `v1`
/// has no auxiliary to share ("undermined peace and urged"; a copula
/// "were dangerous and urged" is no auxiliary of the conjunct).
fn speaker_act_after_plain_clause(words: &[Word], v1: u32, c: u32) -> bool {
    at(words, c).is_some_and(|w| SPEAKER_ACTS.contains(w.lemma.as_str()))
        && !has_child(words, v1, Rel::Aux, None)
}

/// The reporting verb that conjunct `c` belongs to, if the shape holds.
fn reporting_partner(ws: &[SynWord], words: &[Word], c: u32) -> Option<u32> {
    let w = at(words, c)?;
    // A coordinated verb has its "and" ("besieged by militia", hung as
    // a conjunct with none, is a participle describing a noun).
    if w.deprel.rel != Rel::Conj
        || !has_child(words, c, Rel::Cc, None)
        || !finite(ws, words, c)
        || has_child(words, c, Rel::Aux, None)
        || has_child(words, c, Rel::Nsubj, None)
    {
        return None;
    }
    let v1 = w.head;
    let partner = at(words, v1)?;
    let speaker_act = speaker_act_after_plain_clause(words, v1, c);
    // A copular reported clause ("were dangerous") hangs on its predicate.
    let predicate = partner.upos == Upos::Verb
        || (speaker_act && has_child(words, v1, Rel::Cop, None));
    if !predicate || partner.deprel.rel != Rel::Ccomp {
        return None;
    }
    let s = partner.head;
    let shape = finite(ws, words, s)
        && has_child(words, s, Rel::Nsubj, None)
        && (speaker_act || cannot_share_aux(ws, words, v1));
    shape.then_some(s)
}

/// Re-hangs a reporting verb's second verb that the parser put inside
/// the reported clause (margin 0: a repair).
pub(crate) fn repair_arcs(ws: &[SynWord], words: &mut [Word]) {
    for c in 1..=words.len() as u32 {
        if let Some(s) = reporting_partner(ws, words, c) {
            // A modal wants a bare verb ("would lose and ask"); the
            // conjunct keeps its relation, only its head moves.
            if let Some(d) = at(words, c).map(|w| w.deprel) {
                set(words, c, s, d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::Parser;

    /// (sentence, conjunct, the verb it should hang on), 0-based.
    #[test]
    fn a_speakers_second_verb_hangs_on_the_speaker() {
        let cases: &[(&str, usize, usize)] = &[
            (
                "The minister said the ship was sailing in national waters and called the claim a lie",
                11,
                2,
            ),
            (
                "Smith predicted the mayor would lose badly and asked voters to stay home",
                8,
                1,
            ),
            // No auxiliary: a speaker's act (urge) is the speaker's,
            // also after a copular reported clause.
            (
                "Lee said the drills undermined peace in the region and urged Beijing to stop",
                10,
                1,
            ),
            (
                "Smith said the strikes were reckless and warned Moscow against escalation",
                7,
                1,
            ),
            // Another verb stays in the reported clause.
            (
                "Smith said the rebels attacked the town and burned the market",
                8,
                4,
            ),
            // A verb sharing the modal stays in the reported clause.
            (
                "Smith said the mayor would resign and leave the city",
                7,
                5,
            ),
        ];
        for (text, c, head) in cases {
            let forms: Vec<&str> = text.split(' ').collect();
            let t = Parser::builtin().parse_forms(&forms);
            let got = t.words.get(*c).map(|w| w.head);
            assert_eq!(got, Some(*head as u32 + 1), "{text}: {:?}", t.words);
        }
    }
}
