//! Syntactic words over casus tokens.
//!
//! Universal Dependencies splits some text differently from the casus
//! tokeniser, which other stages rely on byte for byte. This layer maps
//! one onto the other without touching the tokens: every syntactic word
//! keeps a byte span into the original text and the index of the token
//! it came from.
//!
//! - split: "cannot" -> can + not, "gonna" -> gon + na, "dont" -> do + nt
//!   (the clitics "n't", "'re", "'s" are already tokens of their own);
//!   hyphenated words -> parts and hyphens ("Israeli-Palestinian" ->
//!   Israeli, -, Palestinian), except after a prefix that UD English keeps
//!   attached ("co-operate", "non-state") and between digits ("1-0").
//! - merge: a URL or e-mail address that the tokeniser cut at `.`, `/`,
//!   `:` or `@` becomes one word again (its first token is its token).
//!
//! ```
//! use casus::syntax::words;
//! use casus::text::tokenize;
//!
//! let text = "They cannot visit www.un.org.";
//! let got: Vec<&str> = words(text, &tokenize(text), 0)
//!     .iter()
//!     .map(|w| w.span.slice(text))
//!     .collect();
//! assert_eq!(got, ["They", "can", "not", "visit", "www.un.org", "."]);
//! ```

use compact_str::CompactString;

use crate::span::Span;
use crate::text::{normalize, Token, TokenKind};

/// One syntactic word before tagging and parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynWord {
    /// Where the word is in the original text.
    pub span: Span,
    /// Index of the casus token it came from (for a merged URL, the
    /// first), counted from the `first` passed to [`words`].
    pub token: u32,
    /// Lowercased, folded form for the model's features.
    pub norm: CompactString,
}

/// Prefixes that UD English keeps attached to the rest of a hyphenated
/// word ("e-mail", "non-profit", "co-founder", "ex-president"): the
/// tokenisation guidelines list such bound prefixes.
const PREFIXES: &[&str] = &[
    "anti", "co", "counter", "cross", "e", "ex", "inter", "intra", "macro",
    "mega", "micro", "mid", "multi", "neo", "non", "over", "post", "pre",
    "pro", "pseudo", "psycho", "re", "self", "semi", "socio", "sub", "super",
    "trans", "ultra", "un", "under", "vice",
];

/// Words that UD splits into two without an apostrophe: the position of
/// the split in bytes (the same in the lowercased form).
const SPLITS: &[(&str, usize)] = &[
    ("cannot", 3),
    ("gonna", 3),
    ("wanna", 3),
    ("gotta", 3),
    ("dont", 2),
    ("doesnt", 4),
    ("didnt", 3),
    ("isnt", 2),
    ("arent", 3),
    ("wasnt", 3),
    ("werent", 4),
    ("hasnt", 3),
    ("havent", 4),
    ("hadnt", 3),
    ("couldnt", 5),
    ("wouldnt", 5),
    ("shouldnt", 6),
    ("cant", 2),
    ("wont", 2),
];

/// The syntactic words of `tokens` (one sentence's tokens of `text`).
/// `first` is the index of `tokens[0]` among the article's tokens.
pub fn words(text: &str, tokens: &[Token], first: u32) -> Vec<SynWord> {
    let mut out = Vec::with_capacity(tokens.len() + 4);
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let index = first + i as u32;
        let end = url_end(text, tokens, i);
        if end > i + 1 {
            let span = Span::new(
                t.span.start as usize,
                tokens[end - 1].span.end as usize,
            );
            out.push(word(text, span, index));
            i = end;
            continue;
        }
        split_token(text, t, index, &mut out);
        i += 1;
    }
    out
}

fn word(text: &str, span: Span, token: u32) -> SynWord {
    SynWord { span, token, norm: normalize(span.slice(text)).into() }
}

/// Pushes the syntactic words of one token.
fn split_token(text: &str, t: &Token, index: u32, out: &mut Vec<SynWord>) {
    let start = t.span.start as usize;
    if t.kind == TokenKind::Word {
        if let Some(&(_, at)) = SPLITS.iter().find(|(w, _)| t.norm == *w) {
            let mid = start + at;
            out.push(word(text, Span::new(start, mid), index));
            out.push(word(text, Span::new(mid, t.span.end as usize), index));
            return;
        }
        if t.norm.contains(is_hyphen) {
            split_hyphens(text, t, index, out);
            return;
        }
    }
    out.push(SynWord { span: t.span, token: index, norm: t.norm.clone() });
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Splits a hyphenated word at the hyphens UD splits at.
fn split_hyphens(text: &str, t: &Token, index: u32, out: &mut Vec<SynWord>) {
    let s = t.span.slice(text);
    let base = t.span.start as usize;
    let mut seg = 0;
    for (at, c) in s.char_indices().filter(|&(_, c)| is_hyphen(c)) {
        let left = &s[seg..at];
        let right = &s[at + c.len_utf8()..];
        if keeps_hyphen(left, right) || left.is_empty() {
            continue;
        }
        out.push(word(text, Span::new(base + seg, base + at), index));
        let h = at + c.len_utf8();
        out.push(word(text, Span::new(base + at, base + h), index));
        seg = h;
    }
    // A token may end in a hyphen when the next letter is of another
    // script ("x-\u{4e00}"): then there is no tail.
    if base + seg < t.span.end as usize {
        out.push(word(
            text,
            Span::new(base + seg, t.span.end as usize),
            index,
        ));
    }
}

/// True when the hyphen between `left` (the segment before it) and
/// `right` (everything after it) stays inside the word.
fn keeps_hyphen(left: &str, right: &str) -> bool {
    let digit_l = left.chars().next_back().is_some_and(|c| c.is_ascii_digit());
    let digit_r = right.chars().next().is_some_and(|c| c.is_ascii_digit());
    if digit_l && digit_r {
        return true;
    }
    let lower = left.to_ascii_lowercase();
    PREFIXES.contains(&lower.as_str())
}

/// The end (exclusive token index) of a URL or e-mail address starting
/// at token `i`, or `i + 1` when there is none.
fn url_end(text: &str, tokens: &[Token], i: usize) -> usize {
    let t = &tokens[i];
    if t.kind != TokenKind::Word {
        return i + 1;
    }
    // Adjacent tokens (no space between) that can be part of an address.
    let mut end = i + 1;
    while end < tokens.len()
        && tokens[end].span.start == tokens[end - 1].span.end
        && url_part(tokens[end].span.slice(text))
    {
        end += 1;
    }
    // Trailing punctuation ends a sentence, not the address.
    while end > i + 1 && !url_tail(tokens[end - 1].span.slice(text)) {
        end -= 1;
    }
    let run = &text[t.span.start as usize..tokens[end - 1].span.end as usize];
    if is_address(run) {
        end
    } else {
        i + 1
    }
}

fn url_part(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_alphanumeric()
            || matches!(c, '.' | '/' | ':' | '@' | '-' | '_' | '~' | '%')
            || matches!(c, '?' | '=' | '&' | '#' | '+')
    })
}

/// A token an address may end with: a word, a number or a slash.
fn url_tail(s: &str) -> bool {
    s.chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '/')
}

/// `run` looks like a URL ("http://...", "www.x.y", "x.com/...") or an
/// e-mail address ("a@b.org").
fn is_address(run: &str) -> bool {
    let lower = run.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") {
        return true;
    }
    if let Some((user, host)) = run.split_once('@') {
        return !user.is_empty() && host.contains('.') && !host.ends_with('.');
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn forms(text: &str) -> Vec<&str> {
        words(text, &tokenize(text), 0)
            .iter()
            .map(|w| w.span.slice(text))
            .collect()
    }

    #[test]
    fn splits_and_merges() {
        let table: &[(&str, &[&str])] = &[
            ("I cannot go", &["I", "can", "not", "go"]),
            ("We're gonna win", &["We", "'re", "gon", "na", "win"]),
            ("I dont know", &["I", "do", "nt", "know"]),
            ("didn't", &["did", "n't"]),
            ("Gaza's", &["Gaza", "'s"]),
            (
                "Israeli-Palestinian talks",
                &["Israeli", "-", "Palestinian", "talks"],
            ),
            (
                "a 20-year-old man",
                &["a", "20", "-", "year", "-", "old", "man"],
            ),
            ("the U.S.-led force", &["the", "U.S.", "-", "led", "force"]),
            ("F-16 jets", &["F", "-", "16", "jets"]),
            (
                "his e-mail and co-founder",
                &["his", "e-mail", "and", "co-founder"],
            ),
            ("the Non-Aligned bloc", &["the", "Non-Aligned", "bloc"]),
            ("won 2-1 on 1996-12-06", &["won", "2-1", "on", "1996-12-06"]),
            (
                "see http://x.org/a/b.html.",
                &["see", "http://x.org/a/b.html", "."],
            ),
            ("mail bob@un.org now", &["mail", "bob@un.org", "now"]),
            ("at www.un.org.", &["at", "www.un.org", "."]),
            ("ended.The end", &["ended", ".", "The", "end"]),
            ("and/or", &["and", "/", "or"]),
            ("x-\u{0b88}", &["x", "-", "\u{0b88}"]),
            ("\u{0b88}-\u{023a}", &["\u{0b88}", "-", "\u{023a}"]),
        ];
        for (input, want) in table {
            assert_eq!(&forms(input), want, "{input:?}");
        }
    }

    #[test]
    fn keeps_token_indexes_and_norms() {
        let text = "He CANNOT co-operate";
        let ws = words(text, &tokenize(text), 10);
        let got: Vec<(u32, &str)> =
            ws.iter().map(|w| (w.token, w.norm.as_str())).collect();
        assert_eq!(
            got,
            [(10, "he"), (11, "can"), (11, "not"), (12, "co-operate")]
        );
    }
}
