//! Namesakes of office holders: "Jill Biden", "Melania Trump". The
//! gazetteer knows an office holder by the family name alone ("Biden
//! said"), so a relative's or another person's full name matches on its
//! last word and reads as the office holder. A full name that differs
//! from the known person's is another person: a capitalised word right
//! before the family name that is neither one of the holder's own names
//! nor a title, a weekday, a function word or another dictionary hit
//! ("President Biden", "On Monday Biden", "Dr Biden") is a given name,
//! and the hit is dropped (unresolved is better than the wrong person).

use super::gazetteer::{Gazetteer, Hit, Norm};
use super::lexicon::Lexicon;

/// The article's words as the hits see them.
#[derive(Clone, Copy)]
pub(crate) struct Doc<'a> {
    pub norm: &'a Norm<'a>,
    pub text: &'a str,
    /// Each sub-token's sentence.
    pub sent: &'a [u32],
    /// Which sub-tokens some hit covers.
    pub covered: &'a [bool],
}

/// Removes from `hits` the one-word family-name hits of persons that
/// follow another given name; `sent` is each sub-token's sentence.
pub(crate) fn drop_namesakes(
    gaz: &Gazetteer,
    lex: &Lexicon,
    norm: &Norm<'_>,
    text: &str,
    sent: &[u32],
    hits: &mut Vec<Hit>,
) {
    let mut covered = vec![false; norm.subs.len()];
    for h in hits.iter() {
        for c in
            covered.get_mut(h.a as usize..h.b as usize).into_iter().flatten()
        {
            *c = true;
        }
    }
    let at = Doc { norm, text, sent, covered: &covered };
    hits.retain(|h| !namesake(gaz, lex, &at, h));
}

/// True when hit `h` is a person's family name alone after a given name
/// that is not the person's own.
fn namesake(gaz: &Gazetteer, lex: &Lexicon, at: &Doc<'_>, h: &Hit) -> bool {
    let (a, b) = (h.a as usize, h.b as usize);
    let Some(e) = gaz.entries.get(h.entry as usize).filter(|e| e.person)
    else {
        return false;
    };
    let Some(name) = e.name.as_deref() else { return false };
    let words: Vec<String> =
        name.split_whitespace().map(str::to_lowercase).collect();
    let family = at.norm.word(a).to_lowercase();
    // Only the last of several names standing alone (family-name-first
    // names, "Kim", match on their first word and are left alone).
    b == a + 1
        && words.len() >= 2
        && words.last() == Some(&family)
        && other_given_name(lex, at, a, &words)
}

/// True when the word before sub-token `a` (a family name) is a given
/// name not among `words` (the known person's names, lowercase): a
/// capitalised word of the same sentence that no hit covers and that is
/// no title, weekday, function word or sentence adverb. A name inside a
/// longer capitalised run ("Jomo Kenyatta Airport") is an
/// institution's; the rules for names of places and firms decide it.
pub(crate) fn other_given_name(
    lex: &Lexicon,
    at: &Doc<'_>,
    a: usize,
    words: &[String],
) -> bool {
    let Doc { norm, text, sent, covered } = *at;
    let Some(k) = a.checked_sub(1) else { return false };
    let Some(prev) = norm.subs.get(k) else { return false };
    if !prev.word || !prev.initial || prev.caps || sent.get(k) != sent.get(a) {
        return false;
    }
    if norm.subs.get(a + 1).is_some_and(|x| x.word && x.initial) {
        return false;
    }
    if titled_run(lex, at, k) && !opening_given_name(at, k) {
        return false;
    }
    // A title's abbreviation keeps its period ("with Mr. Blair"): the
    // lists hold the bare word.
    let orig = prev.span.slice(text).trim_end_matches('.');
    let given = norm.word(k).to_lowercase();
    !covered.get(k).copied().unwrap_or(true)
        && !words.contains(&given)
        && !lex.non_names.contains(orig)
        && !lex.titles.contains(orig)
        && !lex.clause_starts.contains(given.as_str())
        // Sentence adverbs ("Separately Biden said") are no names.
        && !given.ends_with("ly")
}

/// True when sub-token `k` opens its sentence and is a known given name
/// ("Hunter Biden denied it"): a sentence's first word is capitalised
/// anyway, but a given name of the lists (`actors/sex.rs`) is a name all
/// the same.
fn opening_given_name(at: &Doc<'_>, k: usize) -> bool {
    let opens =
        k.checked_sub(1).map_or(true, |p| at.sent.get(p) != at.sent.get(k));
    opens && super::sex::of_given_name(at.norm.word(k)).is_some()
}

/// How many capitalised words a given-name run may have before the
/// family name ("Mohammad Ali Rajai").
const MAX_GIVEN: usize = 3;

/// True when the run of capitalised words ending at sub-token `k` opens
/// its sentence ("Thereafter Trump said": a sentence's first word is
/// capitalised anyway) or follows a title or another hit ("President
/// Mohamed Morsy", "Secretary Hillary Clinton"): a titled name
/// may be the holder's under another spelling, and the title's own rule
/// decides it.
fn titled_run(lex: &Lexicon, at: &Doc<'_>, k: usize) -> bool {
    let Doc { norm, text, sent, covered } = *at;
    let mut j = k;
    for _ in 0..MAX_GIVEN {
        let Some(p) = j.checked_sub(1) else { return true };
        if sent.get(p) != sent.get(k) {
            return true;
        }
        let Some(x) = norm.subs.get(p) else { return true };
        let orig = x.span.slice(text).trim_end_matches('.');
        if covered.get(p).copied().unwrap_or(false)
            || lex.titles.contains(orig)
        {
            return true;
        }
        if !(x.word && x.initial && !x.caps) {
            return false;
        }
        j = p;
    }
    false
}
