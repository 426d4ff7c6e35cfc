//! A noun act its own phrase places after the time of the telling:
//! "ahead of the G-7 meeting", "before next week's summit", "the
//! upcoming talks", "a visit scheduled for Friday", "rehearsals for a
//! weekend visit". The act is planned (`intended`), not held; the word
//! window reads only cues of the clause ("will", "plans to"), which say
//! nothing of a noun's own phrase (issue 16 item 4).

use super::sentence::Sent;
use crate::text::TokenKind;
use crate::util::WordList;

/// Modifiers of a planned act ("upcoming", "next", "scheduled").
static MODIFIERS: WordList =
    crate::util::word_list!("words/planned_modifiers.txt");
/// Phrases before a later act's noun phrase ("ahead of", "in advance of").
static LEAD_INS: WordList =
    crate::util::word_list!("words/planned_lead_ins.txt");
/// Determiners: the first word of a noun phrase.
static DETERMINERS: WordList =
    crate::util::word_list!("words/np_determiners.txt");
/// Function words outside a noun phrase.
static STOPS: WordList = crate::util::word_list!("words/np_stops.txt");

/// Schedule words right after the noun ("talks scheduled for").
static AFTER: WordList = crate::util::word_list!("words/planned_after.txt");

/// True when the act noun at `v` is placed later than the telling by
/// its own phrase: a planned modifier before it, a lead-in before its
/// phrase, or a schedule word right after it.
pub(crate) fn planned_noun(s: &Sent<'_>, v: usize) -> bool {
    let (start, planned) = modifiers(s, v);
    planned
        || lead_in(s, start)
        || scheduled_after(s, v)
        || scheduled_later(s, v)
}

/// Forms of "be" before a schedule word ("is scheduled for").
const BE: &[&str] = &["is", "are", "was", "were"];

/// Prepositions opening a noun's own phrase ("a meeting between", "a
/// visit by", "talks with").
const PHRASE_PREPS: &[&str] =
    &["between", "with", "by", "of", "on", "to", "in", "for", "at"];

/// A scheduled verb act: "Knox is to hold talks", "he is to visit":
/// "be" + "to" right before the verb `v`, after a named actor or a
/// personal pronoun (not "the goal is to end", "the move was to allow",
/// which tell a purpose).
pub(crate) fn be_to(s: &Sent<'_>, v: usize) -> bool {
    if v < 3 || s.norm(v - 1) != "to" || !BE.contains(&s.norm(v - 2)) {
        return false;
    }
    let subject = v - 3;
    s.group_of.get(subject).copied().flatten().is_some()
        || PRONOUNS.contains(&s.norm(subject))
}

/// Personal pronouns that may name an actor.
const PRONOUNS: &[&str] = &["he", "she", "they", "we"];

/// The noun at `v` heads a phrase by its form: the lemma, a gerund, or
/// a plural right after its determiner, modifier, possessive,
/// preposition or an actor's name ("ahead of talks", "the upcoming
/// talks"; not "the proposed tax violates").
pub(crate) fn noun_head(s: &Sent<'_>, v: usize, lemma: &str) -> bool {
    let w = s.norm(v);
    if w == lemma || w.ends_with("ing") {
        return true;
    }
    if !w.ends_with('s') || v == 0 {
        return false;
    }
    let p = s.norm(v - 1);
    DETERMINERS.contains(p)
        || MODIFIERS.contains(p)
        || STOPS.contains(p)
        || s.group_of.get(v - 1).copied().flatten().is_some()
        || s.toks.get(v - 1).is_some_and(|t| t.kind == TokenKind::Possessive)
}

/// The noun's phrase is the subject of a schedule: "a meeting between
/// the two ministers is scheduled for Thursday", "the talks were
/// planned for May" (within ten words, no punctuation between).
fn scheduled_later(s: &Sent<'_>, v: usize) -> bool {
    // Only over the noun's own prepositional phrase ("between X and
    // Y", "with Z"): not past a clause of its own ("strikes late last
    // year and more action is planned").
    let first = s.norm(v + 1);
    if !BE.contains(&first) && !PHRASE_PREPS.contains(&first) {
        return false;
    }
    let end = (v + 11).min(s.len());
    for i in v + 1..end {
        let w = s.norm(i);
        if !w.chars().next().is_some_and(char::is_alphanumeric) && w != "-" {
            return false;
        }
        if w == "and" && first != "between" {
            return false;
        }
        if BE.contains(&w) {
            let (x, next) = (s.norm(i + 1), s.norm(i + 2));
            return match x {
                "due" => false,
                "set" => matches!(next, "for" | "to"),
                _ => AFTER.contains(x),
            };
        }
    }
    false
}

/// Walks back from noun `v` over its modifiers (words, names, numbers,
/// hyphens, possessives: "next week's", "the April 5-6 summit") to the
/// phrase's first token; also says whether a planned modifier was met.
fn modifiers(s: &Sent<'_>, v: usize) -> (usize, bool) {
    let mut i = v;
    while i > 0 && v - i < 8 {
        let j = i - 1;
        if let Some(g) = s.group_of.get(j).copied().flatten() {
            // An actor's name inside the phrase ("the G-7 meeting").
            match s.groups.get(g) {
                Some(gr) if gr.start < j + 1 => {
                    i = gr.start;
                    continue;
                }
                _ => return (i, false),
            }
        }
        let w = s.norm(j);
        if DETERMINERS.contains(w) {
            return (j, false);
        }
        if MODIFIERS.contains(w) {
            return (j, true);
        }
        let word = w.chars().next().is_some_and(char::is_alphanumeric);
        let possessive =
            s.toks.get(j).is_some_and(|t| t.kind == TokenKind::Possessive);
        if !(possessive || w == "-" || (word && !STOPS.contains(w))) {
            break;
        }
        i = j;
    }
    (i, false)
}

/// A lead-in phrase ("ahead of") ending right before token `start`.
fn lead_in(s: &Sent<'_>, start: usize) -> bool {
    (2..=4).any(|n| {
        start >= n && {
            let words: Vec<&str> =
                (start - n..start).map(|k| s.norm(k)).collect();
            LEAD_INS.contains(words.join(" ").as_str())
        }
    })
}

/// A schedule word right after the noun: "talks scheduled for", "a
/// meeting set for Friday", "the talks due next month" (not "due to",
/// a cause; "set" only before "for" or "to").
fn scheduled_after(s: &Sent<'_>, v: usize) -> bool {
    let w = s.norm(v + 1);
    let next = s.norm(v + 2);
    match w {
        "due" => next != "to" && !next.is_empty(),
        "set" => matches!(next, "for" | "to"),
        _ => AFTER.contains(w),
    }
}
