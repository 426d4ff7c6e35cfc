//! What an expression does in its sentence, from the words around it:
//! a dateline's date ("NIAMEY, July 27 (Reuters) -") is the
//! publication date, and "until 2028" bounds a state; neither dates an
//! event of the sentence ([`super::Role`]).
//!
//! Why from the text: both are layout and function words, found before
//! any parse, and the event stage must not reread them.

use super::value::{Gran, Val};
use super::words::{determiner, ends_with_word, word_before};
use super::{tree, Role, TimeMention, TimexType};
use crate::span::Span;
use crate::syntax::{Parses, Rel, SentenceTree, Upos};
use crate::text::Analyzed;

/// Words before an expression that make it the end of a state.
const UNTIL: &[&str] = &["until", "till", "pending"];

/// Words before an expression that make it the start of a state that
/// still holds ("have filled the streets since early June", "detained
/// since March 3"): it dates its own clause, but the story does not go
/// on telling that time (a later "Lam also agreed" is of the story's
/// day, not of June).
const SINCE: &[&str] = &["since"];

/// The role an expression at `span` plays by its context: a dateline,
/// a bound, or (the rest) a point that dates its clause.
pub(crate) fn of(text: &str, analyzed: &Analyzed, span: Span) -> Role {
    if is_dateline(text, analyzed, span) {
        Role::Dateline
    } else if ends_with_word(&text[..span.start as usize], UNTIL)
        || until_phrase(&text[..span.start as usize])
    {
        Role::Until
    } else if ends_with_word(&text[..span.start as usize], SINCE) {
        Role::Background
    } else if before_noun(text, span) {
        // "the October 20 election", "a 1985 accord": the date of a
        // noun, which dates no clause (`anchor::modifies_noun`) and so
        // tells no day the story goes on with.
        Role::Background
    } else {
        Role::Point
    }
}

/// A date closing a noun phrase that "until" governs ("remain in custody
/// until his next court appearance on April 5", "until the vote in
/// June"): the bound of a state, as "until April 5" is. The phrase opens
/// with a determiner right after "until" (so "until police arrived on
/// Monday", a clause, is no such phrase), ends with a preposition, and
/// holds at most six words and no punctuation.
fn until_phrase(before: &str) -> bool {
    let clause =
        before.rsplit([',', ';', ':', '.', '(', '"']).next().unwrap_or("");
    let words: Vec<String> = clause
        .split_whitespace()
        .rev()
        .take(8)
        .map(str::to_ascii_lowercase)
        .collect();
    let Some(last) = words.first() else { return false };
    if !matches!(last.as_str(), "on" | "in" | "at" | "of") {
        return false;
    }
    // words[k] is "until", words[k - 1] the word after it.
    words.iter().enumerate().skip(2).any(|(k, w)| {
        UNTIL.contains(&w.as_str())
            && k <= 7
            && (determiner(&words[k - 1]) || words[k - 1] == "next")
    })
}

/// A dateline: at the start of its line or sentence, after a place
/// name in capitals and a comma ("BAKU/YEREVAN, Sept 20", "AHMEDABAD,
/// India, Nov 19"), before an optional agency in brackets and a dash
/// or colon ("(Reuters) -", "(Yonhap) --").
fn is_dateline(text: &str, analyzed: &Analyzed, span: Span) -> bool {
    let (s, e) = (span.start as usize, span.end as usize);
    let line = text[..s].rfind('\n').map_or(0, |i| i + 1);
    let sent = analyzed
        .sentence_at(span.start)
        .and_then(|i| analyzed.sentences.get(i))
        .map_or(0, |st| st.span.start as usize);
    let before = &text[line.max(sent).min(s)..s];
    let after = &text[e..];
    // A live blog's clock stamp opening its entry ("10:50 a.m. ET --
    // Peru broke off relations on Tuesday night"): when the entry was
    // posted, as a dateline's date is, not when its event happened.
    let stamp = before.trim().is_empty()
        && text[s..e]
            .split_whitespace()
            .next()
            .is_some_and(crate::util::clock_time);
    // A capitalised (not all-capitals) city opens a dateline only as the
    // article's first words and with a year or an agency ("Belgrade, 16
    // March 2025 (Tanjug) -"), never "In Kara, May 2 - the day of the
    // vote" nor a later paragraph.
    let titled = text[..s].trim_start().len() == before.trim_start().len()
        && (text[s..e].bytes().filter(u8::is_ascii_digit).count() >= 4
            || after.trim_start().starts_with('('));
    (stamp || place_prefix(before, titled)) && agency_dash(after)
}

/// "CITY, " or "CITY, Country, ": a first word of capitals, a comma at
/// the end, no sentence punctuation, short. With `titled` every word
/// capitalised will do: translated and regional press write the city so.
fn place_prefix(before: &str, titled: bool) -> bool {
    let b = before.trim_start();
    if b.len() > 60 || !b.trim_end().ends_with(',') {
        return false;
    }
    let first = b.split([',', ' ', '/']).next().unwrap_or("");
    let capital = if titled {
        b.split_whitespace().all(|w| w.starts_with(char::is_uppercase))
    } else {
        first.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    };
    first.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && capital
        && !b.contains(['.', '!', '?', '"'])
}

/// What follows a dateline's date: an optional agency in brackets, an
/// optional year, then a dash or a colon.
fn agency_dash(after: &str) -> bool {
    let mut a = after.trim_start();
    if let Some(rest) = a.strip_prefix('(') {
        match rest.find(')') {
            Some(i) if i <= 40 => a = rest[i + 1..].trim_start(),
            _ => return false,
        }
    }
    ["-", "\u{2013}", "\u{2014}", ":"].iter().any(|d| a.starts_with(d))
}

/// Marks the background dates of `out` (all of an article's
/// mentions, in text order; [`Role::Background`]): a date in a relative
/// clause or attached to a noun when its sentence also dates its main
/// clause, and a pluperfect clause's date before the day the story
/// tells. Why: the next sentences go on telling the main clause's day
/// ("fired missiles on the night of April 13 in response to the
/// attack on April 1. The IRGC said ..." is April 13, not April 1).
pub(crate) fn background(
    text: &str,
    analyzed: &Analyzed,
    parses: &Parses,
    out: &mut [TimeMention],
) {
    let dated = |t: &TimeMention| {
        matches!(t.kind, TimexType::Date | TimexType::Time)
            && Val::parse(&t.value).is_some_and(|v| v.gran() != Gran::Year)
    };
    // The day the story tells before each sentence: the last anchoring
    // day of the sentences before it.
    let mut story_day = None;
    let mut i = 0;
    while i < out.len() {
        let sentence = out[i].sentence;
        let j = i + out[i..].partition_point(|t| t.sentence == sentence);
        let tree = parses.get(sentence);
        let run = &out[i..j];
        let side: Vec<bool> = run
            .iter()
            .map(|t| {
                t.role == Role::Point
                    && dated(t)
                    && (tree.is_some_and(|tr| aside_by_tree(tr, t.span))
                        || aside_by_text(text, analyzed, t.span))
            })
            .collect();
        let main = run
            .iter()
            .zip(&side)
            .any(|(t, &s)| !s && t.role.anchors() && dated(t));
        let flash: Vec<bool> = run
            .iter()
            .map(|t| {
                let day = Val::parse(&t.value).and_then(|v| v.first_day());
                t.role == Role::Point
                    && dated(t)
                    && day.zip(story_day).is_some_and(|(d, s)| d < s)
                    && match tree {
                        Some(tr) => pluperfect_by_tree(tr, text, t.span),
                        None => pluperfect_by_text(text, analyzed, t.span),
                    }
            })
            .collect();
        for (k, t) in out[i..j].iter_mut().enumerate() {
            if side[k] && main || flash[k] {
                t.role = Role::Background;
            }
        }
        if let Some(d) =
            out[i..j].iter().rev().filter(|t| t.role.anchors()).find_map(|t| {
                match Val::parse(&t.value) {
                    Some(Val::Day(d)) => Some(d),
                    _ => None,
                }
            })
        {
            story_day = Some(d);
        }
        i = j;
    }
}

/// By the tree: the expression's clause modifies a noun (`acl`,
/// relative clauses included), or its head word hangs from a noun
/// ("the attack on the embassy on April 1").
fn aside_by_tree(t: &SentenceTree, span: Span) -> bool {
    let Some(h) = tree::expr_head(t, span) else { return false };
    let Some(p) = t.head(h).filter(|&p| p != 0) else { return false };
    let noun =
        t.word(p).is_some_and(|w| matches!(w.upos, Upos::Noun | Upos::Propn));
    if noun && !t.is_clause_head(p) {
        return true;
    }
    let Some(c) = tree::dated_clause(t, span) else { return false };
    std::iter::once(c)
        .chain(t.ancestors(c))
        .any(|a| t.deprel(a).is_some_and(|d| d.rel == Rel::Acl))
}

/// A date between a determiner and a lowercase noun ("the October 20
/// election", "its 2019 budget").
fn before_noun(text: &str, span: Span) -> bool {
    let before = text.get(..span.start as usize).unwrap_or("");
    if !before.ends_with(' ') {
        return false;
    }
    let prev = word_before(text, span.start as usize);
    let after = text.get(span.end as usize..).unwrap_or("");
    determiner(&prev)
        && after.starts_with(' ')
        && after[1..].starts_with(|c: char| c.is_ascii_lowercase())
}

/// Relative pronouns opening a clause after a comma.
const RELATIVES: &[&str] = &["which", "who", "whom", "whose", "where"];

/// Phrases opening a noun phrase that names an earlier act ("in
/// response to the attack on April 1").
///
/// The list: `dicts/time/lookback.txt`.
static LOOKBACK: crate::util::WordList =
    crate::util::word_list!("time/lookback.txt");

/// By the words: the expression sits in a relative clause opened right
/// after the last comma before it (", which began on March 13"), or in
/// a phrase naming an earlier act ("in response to the attack on the
/// embassy on April 1") with no comma or verb between.
fn aside_by_text(text: &str, analyzed: &Analyzed, span: Span) -> bool {
    if after_relative(text, analyzed, span) {
        return true;
    }
    let start = sentence_start(analyzed, span);
    let before = text.get(start..span.start as usize).unwrap_or("");
    let comma = before.rfind(',').map_or(0, |i| i + 1);
    let clause = before[comma..].to_ascii_lowercase();
    LOOKBACK.iter().any(|p| {
        clause.rfind(p).is_some_and(|i| {
            clause[i + p.len()..].split_whitespace().all(|w| {
                !(RELATIVES.contains(&w) || w.len() > 4 && w.ends_with("ed"))
            })
        })
    })
}

/// The expression follows a relative pronoun that opens the text after
/// the last comma before it (", which began on March 13").
fn after_relative(text: &str, analyzed: &Analyzed, span: Span) -> bool {
    let start = sentence_start(analyzed, span);
    let before = text.get(start..span.start as usize).unwrap_or("");
    let Some(comma) = before.rfind(',') else { return false };
    let first = before[comma + 1..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    RELATIVES.contains(&first.as_str())
}

fn sentence_start(analyzed: &Analyzed, span: Span) -> usize {
    analyzed
        .sentence_at(span.start)
        .and_then(|i| analyzed.sentences.get(i))
        .map_or(0, |s| s.span.start as usize)
}

/// By the tree: the expression's clause has the auxiliary "had" and a
/// verb head ("had declared", "had been arrested").
fn pluperfect_by_tree(t: &SentenceTree, text: &str, span: Span) -> bool {
    let Some(c) = tree::dated_clause(t, span) else { return false };
    let verb = t.word(c).is_some_and(|w| w.upos == Upos::Verb);
    verb && t.children(c).iter().any(|&a| {
        t.deprel(a).is_some_and(|d| d.rel == Rel::Aux)
            && t.word(a)
                .and_then(|w| text.get(w.span.range()))
                .is_some_and(|f| f.eq_ignore_ascii_case("had"))
    })
}

/// Without a tree: "had" then, after at most one adverb, a participle
/// ("-ed", "-en" or a common irregular one), within the expression's
/// clause (no comma between).
fn pluperfect_by_text(text: &str, analyzed: &Analyzed, span: Span) -> bool {
    let start = sentence_start(analyzed, span);
    let end = analyzed
        .sentence_at(span.start)
        .and_then(|i| analyzed.sentences.get(i))
        .map_or(text.len(), |s| s.span.end as usize);
    let (a, b) = (span.start as usize, span.end as usize);
    let left = text.get(start..a).unwrap_or("");
    let left = &left[left.rfind(',').map_or(0, |i| i + 1)..];
    let right = text.get(b..end).unwrap_or("");
    let right = &right[..right.find(',').unwrap_or(right.len())];
    let words: Vec<String> = left
        .split_whitespace()
        .chain(right.split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_ascii_alphabetic())
                .to_ascii_lowercase()
        })
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        w == "had"
            && words.iter().skip(i + 1).take(2).any(|p| {
                p.len() > 3 && (p.ends_with("ed") || p.ends_with("en"))
                    || matches!(
                        p.as_str(),
                        "met"
                            | "held"
                            | "made"
                            | "sent"
                            | "left"
                            | "said"
                            | "told"
                            | "fled"
                            | "won"
                            | "lost"
                            | "led"
                    )
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, expression, role).
    #[test]
    fn roles() {
        let cases: &[(&str, &str, Role)] = &[
            ("KARA, May 2 (Wire) - Rebels attacked.", "May 2", Role::Dateline),
            (
                "LOME, Togo, May 2 (AFP) -- Talks began.",
                "May 2",
                Role::Dateline,
            ),
            ("ODESSA/KARA, Sept 3 - Talks began.", "Sept 3", Role::Dateline),
            ("KARA, May 2: Talks began.", "May 2", Role::Dateline),
            (
                "Lome, 2 May 2024 (translated) - Talks began yesterday.",
                "2 May 2024",
                Role::Dateline,
            ),
            (
                "10:50 a.m. ET -- Talks began on Monday.",
                "10:50 a.m. ET",
                Role::Dateline,
            ),
            (
                "05:00 GMT - Talks began on Monday.",
                "05:00 GMT",
                Role::Dateline,
            ),
            ("Talks began at 05:00 GMT - early.", "05:00 GMT", Role::Point),
            ("Rebels attacked on May 2 - a Sunday.", "May 2", Role::Point),
            (
                "In Kara, May 2 - the day of the vote - was calm.",
                "May 2",
                Role::Point,
            ),
            (
                "It rained.\nLome, 2 May 2024 (x) - Talks began.",
                "2 May 2024",
                Role::Point,
            ),
            ("The ban holds until 2028.", "2028", Role::Until),
            ("It will not vote till March.", "March", Role::Until),
            ("They met in 2028.", "2028", Role::Point),
            (
                "Observers found flaws in the May 2 election.",
                "May 2",
                Role::Background,
            ),
            ("They met on May 2 in Lome.", "May 2", Role::Point),
            // A noun phrase "until" governs bounds a state.
            (
                "He stays in custody until his next hearing on May 2.",
                "May 2",
                Role::Until,
            ),
            ("The curfew holds until the vote in June.", "June", Role::Until),
            // A clause after "until" is an act of its own.
            (
                "They waited until troops arrived on May 2.",
                "May 2",
                Role::Point,
            ),
            // The start of a state that still holds anchors nothing.
            (
                "Crowds have filled the streets since early June.",
                "early June",
                Role::Background,
            ),
            ("He has been held since May 2.", "May 2", Role::Background),
        ];
        for (text, expr, want) in cases {
            let a = crate::text::analyze(text);
            let s = text.find(expr).expect("expression in text");
            let got = of(text, &a, Span::new(s, s + expr.len()));
            assert_eq!(got, *want, "{text}");
        }
    }
}
