//! What an expression does in its sentence, from the words around it:
//! a dateline's date ("NIAMEY, July 27 (Reuters) -") is the
//! publication date, and "until 2028" bounds a state; neither dates an
//! event of the sentence ([`super::Role`]).
//!
//! Why from the text: both are layout and function words, found before
//! any parse, and the event stage must not reread them.

use super::resolve::ends_with_word;
use super::Role;
use crate::span::Span;
use crate::text::Analyzed;

/// Words before an expression that make it the end of a state.
const UNTIL: &[&str] = &["until", "till", "pending"];

/// The role an expression at `span` plays by its context: a dateline,
/// a bound, or (the rest) a point that dates its clause.
pub(crate) fn of(text: &str, analyzed: &Analyzed, span: Span) -> Role {
    if is_dateline(text, analyzed, span) {
        Role::Dateline
    } else if ends_with_word(&text[..span.start as usize], UNTIL) {
        Role::Until
    } else {
        Role::Point
    }
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
    place_prefix(before) && agency_dash(&text[e..])
}

/// "CITY, " or "CITY, Country, ": a first word of capitals, a comma at
/// the end, no sentence punctuation, short.
fn place_prefix(before: &str) -> bool {
    let b = before.trim_start();
    if b.len() > 60 || !b.trim_end().ends_with(',') {
        return false;
    }
    let first = b.split([',', ' ', '/']).next().unwrap_or("");
    first.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && first.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
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
            ("Rebels attacked on May 2 - a Sunday.", "May 2", Role::Point),
            (
                "In Kara, May 2 - the day of the vote - was calm.",
                "May 2",
                Role::Point,
            ),
            ("The ban holds until 2028.", "2028", Role::Until),
            ("It will not vote till March.", "March", Role::Until),
            ("They met in 2028.", "2028", Role::Point),
        ];
        for (text, expr, want) in cases {
            let a = crate::text::analyze(text);
            let s = text.find(expr).expect("expression in text");
            let got = of(text, &a, Span::new(s, s + expr.len()));
            assert_eq!(got, *want, "{text}");
        }
    }
}
