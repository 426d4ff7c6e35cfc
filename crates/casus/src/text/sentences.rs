//! Sentence segmentation for news text.
//!
//! A boundary can follow a terminator (`.`, `!`, `?`, an ellipsis) or a
//! word that ends in a period (an abbreviation, an initial). Closing
//! quotes and brackets right after a terminator join the sentence they
//! close. Then the next token decides: after a full stop anything but a
//! lowercase word or continuing punctuation starts a sentence; after an
//! ambiguous abbreviation ("U.S.", "Inc.", an initial) only a capitalised
//! common sentence starter does ("... the U.S. They said"), so "John F.
//! Kennedy" and "U.S. President" stay whole. Title abbreviations ("Gen.")
//! never end a sentence. Independently of punctuation, paragraph breaks,
//! headline lines, bullet items and newswire datelines end sentences.

use crate::span::Span;
use crate::text::calendar;
use crate::text::layout::{Break, Layout};
use crate::text::lexicon::{AbbrevClass, Lexicon};
use crate::text::quotes;
use crate::text::tokens::{char_at, Gap};
use crate::text::{Sentence, Token, TokenKind};

/// How strongly a token ends a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    /// `.`, `!`, `?`, an ellipsis.
    Full,
    /// An abbreviation or initial that may end a sentence.
    Weak,
}

/// Splits tokens into sentences with the built-in lexicon (parsed for
/// this call).
///
/// `tokens` must come from [`crate::text::tokenize`] over `text`.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let layout = Layout::of(text);
    let gaps = crate::text::tokens::gaps_of(text, tokens);
    let closers = quotes::scan(text, tokens, &gaps, &layout).closers;
    split(text, tokens, &gaps, &closers, &layout, &Lexicon::builtin())
}

/// Splits `tokens` into sentences; `closers` are the (sorted) indexes of
/// closing quote marks from the quote scan.
pub(crate) fn split(
    text: &str,
    tokens: &[Token],
    gaps: &[Gap],
    closers: &[usize],
    layout: &Layout,
    lex: &Lexicon,
) -> Vec<Sentence> {
    let n = tokens.len();
    let cap = lex.max_sentence_tokens();
    let mut out = Vec::with_capacity(n / 20 + 1);
    let mut first = 0;
    let mut i = 0;
    let mut closer = 0;
    let mut gap_at = 0;
    // The break between token k and k + 1.
    let mut brk_after = |k: usize| -> Break {
        while gap_at < gaps.len() && (gaps[gap_at].token as usize) < k + 1 {
            gap_at += 1;
        }
        match gaps.get(gap_at) {
            Some(g) if g.token as usize == k + 1 => layout.classify_gap(g),
            _ => Break::None,
        }
    };
    while i < n {
        let mut stop = stop_of(text, &tokens[i], lex);
        if stop == Some(Stop::Full)
            && i > 0
            && list_marker(text, tokens, i - 1, lex)
        {
            stop = None;
        }
        let mut k = i;
        if stop.is_some() {
            // Absorb closing quotes/brackets and further terminators, up
            // to the token cap (a run of "...." must not outgrow it).
            while k + 1 < n && k + 1 - first < cap {
                while closer < closers.len() && closers[closer] < k + 1 {
                    closer += 1;
                }
                let is_closer = closers.get(closer) == Some(&(k + 1));
                let t = &tokens[k + 1];
                let absorb = is_closer
                    || matches!(t.norm.as_str(), ")" | "]" | "}")
                    || (matches!(t.norm.as_str(), "." | "!" | "?" | "...")
                        && t.span.start == tokens[k].span.end);
                if !absorb {
                    break;
                }
                k += 1;
            }
        }
        // A sentence at the token cap ends here whatever follows.
        let end = k + 1 == n || k + 1 - first >= cap || {
            let next = &tokens[k + 1];
            let brk = brk_after(k);
            // Fast path: before a lowercase word only a paragraph break
            // ends a sentence.
            let lower = text
                .as_bytes()
                .get(next.span.start as usize)
                .is_some_and(u8::is_ascii_lowercase);
            if lower {
                brk == Break::Paragraph
            } else {
                brk == Break::Paragraph
                    || (brk == Break::Line
                        && line_ends(text, tokens, first, k, next, layout))
                    || match stop {
                        Some(Stop::Full) => starts_after_full(text, next),
                        Some(Stop::Weak) => {
                            starts_after_weak(text, &tokens[k], next, lex)
                        }
                        None => false,
                    }
                    || is_bullet(text, tokens, k + 1, brk, lex)
                    || dateline(text, &tokens[k], next)
                    || dateline_ahead(text, tokens, k + 1)
                    || table_row_end(text, tokens, k)
            }
        };
        if end {
            let span = Span::new(
                tokens[first].span.start as usize,
                tokens[k].span.end as usize,
            );
            out.push(Sentence { span, tokens: first..k + 1 });
            first = k + 1;
        }
        i = k + 1;
    }
    out
}

/// Whether token `t` may end a sentence, and how strongly.
fn stop_of(text: &str, t: &Token, lex: &Lexicon) -> Option<Stop> {
    match t.kind {
        TokenKind::Punct => match t.norm.as_str() {
            "." | "!" | "?" | "..." | "\u{3002}" | "\u{061F}" => {
                Some(Stop::Full)
            }
            _ => None,
        },
        TokenKind::Word if t.norm.ends_with('.') => {
            let s = t.span.slice(text);
            match lex.abbrev(s) {
                Some(AbbrevClass::Title | AbbrevClass::Number) => None,
                _ => Some(Stop::Weak),
            }
        }
        _ => None,
    }
}

fn first_char(text: &str, t: &Token) -> char {
    char_at(text, t.span.start as usize).unwrap_or(' ')
}

/// After a full stop: a new sentence unless the next token continues it.
fn starts_after_full(text: &str, next: &Token) -> bool {
    let c = first_char(text, next);
    if c.is_lowercase() {
        return false;
    }
    !matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '%')
}

/// After an abbreviation: a new sentence only before a capitalised
/// common sentence starter; after a country abbreviation ("U.S.") not
/// before one that wire copy capitalises there ("U.S. Officials said",
/// "the U.S. And Japan").
fn starts_after_weak(
    text: &str,
    abbrev: &Token,
    next: &Token,
    lex: &Lexicon,
) -> bool {
    first_char(text, next).is_uppercase()
        && lex.is_starter(&next.norm)
        && !(lex.continues_after_country(&next.norm)
            && lex.abbrev(abbrev.span.slice(text))
                == Some(AbbrevClass::Country))
}

/// A bullet item starts a sentence: "•" anywhere; "-", "*", "1." or "1)"
/// at a line start; a numbered item "2. Name" anywhere.
fn is_bullet(
    text: &str,
    tokens: &[Token],
    i: usize,
    brk: Break,
    lex: &Lexicon,
) -> bool {
    let next = &tokens[i];
    match first_char(text, next) {
        '\u{2022}' | '\u{25AA}' | '\u{25E6}' | '\u{2023}' | '\u{25CF}' => true,
        '-' | '*' | '\u{2013}' | '\u{2014}' | '\u{00B7}' => brk != Break::None,
        '0'..='9' => {
            list_marker(text, tokens, i, lex)
                || brk != Break::None
                    && next.kind == TokenKind::Number
                    && tokens.get(i + 1).is_some_and(|p| {
                        matches!(p.norm.as_str(), "." | ")")
                            && p.span.start == next.span.end
                    })
        }
        _ => false,
    }
}

/// Token `i` is a list number "2." (one or two digits, period attached)
/// followed by a capitalised word that is not a sentence starter: results
/// lists ("1. Juventus 2. Ajax") rather than a sentence ending in a number.
fn list_marker(text: &str, tokens: &[Token], i: usize, lex: &Lexicon) -> bool {
    let (Some(num), Some(dot), Some(word)) =
        (tokens.get(i), tokens.get(i + 1), tokens.get(i + 2))
    else {
        return false;
    };
    // A day after a month name ends a date, not a list item: "resigned on
    // March 17. Observers say ..." is one sentence and then another.
    let after_month = i > 0 && is_month(&tokens[i - 1].norm);
    !after_month
        && num.kind == TokenKind::Number
        && num.span.len() <= 2
        && dot.norm == "."
        && dot.span.start == num.span.end
        && word.span.start > dot.span.end
        && word.kind == TokenKind::Word
        && first_char(text, word).is_uppercase()
        && !lex.is_starter(&word.norm)
}

/// A month name, full or abbreviated (lowercased token text, with or
/// without its period).
fn is_month(norm: &str) -> bool {
    calendar::is_month(norm.trim_end_matches('.'))
}

/// Three or more numbers in a row, then a capitalised word: the end of a
/// table row ("Falkirk 3 1 1 1 1 1 4 Clydebank 2 ...").
fn table_row_end(text: &str, tokens: &[Token], k: usize) -> bool {
    k >= 2
        && tokens[k - 2..=k].iter().all(|t| t.kind == TokenKind::Number)
        && tokens.get(k + 1).is_some_and(|t| {
            t.kind == TokenKind::Word && first_char(text, t).is_uppercase()
        })
}

/// A newswire dateline "CITY , Country 1996-12-06" ends before the story.
fn dateline(text: &str, t: &Token, next: &Token) -> bool {
    if t.kind != TokenKind::Number || t.span.len() != 10 {
        return false;
    }
    let b = t.span.slice(text).as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && first_char(text, next).is_uppercase()
}

/// A dateline "HONG KONG 1996-08-30" starts at token `i`: one to three
/// all-capital words, then an ISO date (the byline before it ends).
fn dateline_ahead(text: &str, tokens: &[Token], i: usize) -> bool {
    let all_caps = |t: &Token| {
        t.kind == TokenKind::Word
            && t.span.len() >= 2
            && !t.span.slice(text).chars().any(char::is_lowercase)
    };
    if !tokens.get(i).is_some_and(all_caps) || i == 0 {
        return false;
    }
    if all_caps(&tokens[i - 1]) {
        return false;
    }
    for t in tokens.iter().skip(i + 1).take(3) {
        if t.kind == TokenKind::Number {
            let b = t.span.slice(text).as_bytes();
            return b.len() == 10 && b[4] == b'-' && b[7] == b'-';
        }
        if !all_caps(t) {
            return false;
        }
    }
    false
}

/// Whether a single newline after token `k` ends the sentence begun at
/// `first`: the line is a headline (all capitals, or clearly shorter than
/// the wrap width) and the next line starts like a sentence.
fn line_ends(
    text: &str,
    tokens: &[Token],
    first: usize,
    k: usize,
    next: &Token,
    layout: &Layout,
) -> bool {
    let c = first_char(text, next);
    if c.is_lowercase() {
        return false;
    }
    let end = tokens[k].span.end as usize;
    let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..end];
    let line_start = line_start.max(tokens[first].span.start as usize);
    if line.trim().len() * 10 < layout.max_line * 6
        && line_start == tokens[first].span.start as usize
    {
        return true;
    }
    let mut letters = 0;
    for ch in line.chars() {
        if ch.is_lowercase() {
            return false;
        }
        letters += usize::from(ch.is_alphabetic());
    }
    letters >= 3
}

#[cfg(test)]
mod tests {

    #[test]
    fn sentences_are_cut_at_the_token_cap() {
        let text = "France and Germany and ".repeat(1000);
        for (cap, pieces) in [(250, 16), (4000, 1)] {
            let mut lex = crate::text::Lexicon::builtin();
            lex.set_max_sentence_tokens(cap);
            let a = crate::text::analyze_with(&text, &lex);
            assert_eq!(a.sentences.len(), pieces, "cap {cap}");
            assert!(a.sentences.iter().all(|s| s.tokens.len() <= cap));
        }
    }

    use crate::text::analyze;

    fn sentences(text: &str) -> Vec<&str> {
        let a = analyze(text);
        a.sentences.iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn segmentation() {
        let table: &[(&str, &[&str])] = &[
            (
                "Troops entered the town. Residents fled north!",
                &["Troops entered the town.", "Residents fled north!"],
            ),
            (
                "Sen. Kaine met Gen. Ortiz on Feb. 3 in St. Paul. They spoke.",
                &["Sen. Kaine met Gen. Ortiz on Feb. 3 in St. Paul.", "They spoke."],
            ),
            (
                "Mr. Diaz and Dr. Lee arrived at 4 p.m. on Monday.",
                &["Mr. Diaz and Dr. Lee arrived at 4 p.m. on Monday."],
            ),
            (
                "The U.S. envoy met U.N. officials. The talks ended.",
                &["The U.S. envoy met U.N. officials.", "The talks ended."],
            ),
            (
                "Aid was sent by the U.S. They said more would follow.",
                &["Aid was sent by the U.S.", "They said more would follow."],
            ),
            (
                "Aid was sent by the U.S. President Ruiz thanked them.",
                &["Aid was sent by the U.S. President Ruiz thanked them."],
            ),
            // Wire copy that capitalises the word after "U.S.".
            (
                "Senior U.S. Officials have warned Tokyo. Talks go on.",
                &["Senior U.S. Officials have warned Tokyo.", "Talks go on."],
            ),
            (
                "Trade between the U.S. And Canada grew. It was not enough.",
                &["Trade between the U.S. And Canada grew.", "It was not enough."],
            ),
            (
                "Aid went to the U.K. They thanked London.",
                &["Aid went to the U.K.", "They thanked London."],
            ),
            // A day number after a month is no list item.
            (
                "Ruiz resigned on March 17. Observers say the plan failed.",
                &["Ruiz resigned on March 17.", "Observers say the plan failed."],
            ),
            (
                "It recalled John F. Kennedy's visit. Crowds gathered.",
                &["It recalled John F. Kennedy's visit.", "Crowds gathered."],
            ),
            (
                "Prices rose 3.5 percent to 1,200.50 dollars. Bonds fell.",
                &["Prices rose 3.5 percent to 1,200.50 dollars.", "Bonds fell."],
            ),
            (
                "He waited... and waited. Then... Nothing happened.",
                &["He waited... and waited.", "Then...", "Nothing happened."],
            ),
            (
                "\"We will not retreat.\" The minister left.",
                &["\"We will not retreat.\"", "The minister left."],
            ),
            (
                "\u{201C}Is this peace?\u{201D} she asked. \u{201C}No.\u{201D}",
                &["\u{201C}Is this peace?\u{201D} she asked.", "\u{201C}No.\u{201D}"],
            ),
            (
                "The vote passed (by two seats.) Critics objected.",
                &["The vote passed (by two seats.)", "Critics objected."],
            ),
            (
                "REBELS SEIZE BORDER TOWN\nGunmen took the town of Kara\non Sunday, officials said.",
                &["REBELS SEIZE BORDER TOWN", "Gunmen took the town of Kara\non Sunday, officials said."],
            ),
            (
                "Ceasefire holds in the north\n\nThe truce held for a third day.",
                &["Ceasefire holds in the north", "The truce held for a third day."],
            ),
            (
                "Demands:\n- release of prisoners\n- a ceasefire\n\nTalks resume.",
                &["Demands:", "- release of prisoners", "- a ceasefire", "Talks resume."],
            ),
            (
                "Key points \u{2022} talks resume \u{2022} aid flows",
                &["Key points", "\u{2022} talks resume", "\u{2022} aid flows"],
            ),
            (
                "KARA , Northland 1996-12-06 Rebels shelled the city .",
                &["KARA , Northland 1996-12-06", "Rebels shelled the city ."],
            ),
            (
                "Shares of Acme Inc. rose. Acme Inc. The firm said so.",
                &["Shares of Acme Inc. rose.", "Acme Inc.", "The firm said so."],
            ),
            (
                "The resolution, No. 2334, passed. He said no. Others agreed.",
                &["The resolution, No. 2334, passed.", "He said no.", "Others agreed."],
            ),
            (
                "Results: 1. Ana Ruiz 12.71 seconds 2. Li Na 12.74 3. Eva Holm",
                &["Results:", "1. Ana Ruiz 12.71 seconds", "2. Li Na 12.74", "3. Eva Holm"],
            ),
            (
                "The score was 2. The crowd left.",
                &["The score was 2.", "The crowd left."],
            ),
            (
                "Standings: Kara 3 1 1 1 4 Lome 3 0 2 1 2",
                &["Standings: Kara 3 1 1 1 4", "Lome 3 0 2 1 2"],
            ),
            (
                "Rebels gain ground . Ana Ruiz HONG KONG 1996-08-30 Talks began .",
                &["Rebels gain ground .", "Ana Ruiz", "HONG KONG 1996-08-30", "Talks began ."],
            ),
            (
                "Steps:\n1. Sign the truce\n2. Free the hostages",
                &["Steps:", "1. Sign the truce", "2. Free the hostages"],
            ),
            (
                "\"Why now?\" he asked.",
                &["\"Why now?\" he asked."],
            ),
            ("", &[]),
            ("   \n ", &[]),
        ];
        for (input, want) in table {
            assert_eq!(&sentences(input), want, "{input:?}");
        }
    }

    #[test]
    fn wrapped_lines_do_not_split() {
        let text = "The talks between the two delegations resumed\n\
                    Monday in Geneva after a break of three weeks,\n\
                    President Amina Diallo said in a statement.\n    \
                    She said progress was slow.";
        assert_eq!(
            sentences(text),
            [
                "The talks between the two delegations resumed\n\
                 Monday in Geneva after a break of three weeks,\n\
                 President Amina Diallo said in a statement.",
                "She said progress was slow."
            ]
        );
    }
}
