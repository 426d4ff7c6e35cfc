//! Quotation spans: where quotes open and close, and how deep they nest.
//!
//! A stack over the quote marks among the tokens. Curly marks say which
//! way they face; straight marks are judged by the spaces around them and,
//! when those do not tell (as in space-joined text), by whether a quote is
//! open. Single quotes count only when they cannot be apostrophes, and an
//! unclosed single quote is dropped rather than guessed. Quotes still open
//! at a paragraph break are closed there (news opens a fresh quote mark
//! for each paragraph of a long quotation), and if that would make them
//! longer than [`CAP`] bytes they end at their first sentence terminator,
//! so one stray mark cannot swallow the rest of an article.

use crate::span::Span;
use crate::text::layout::{Break, Layout};
use crate::text::tokens::{char_at, Gap};
use crate::text::{Quote, Token, TokenKind};

/// Longest span (bytes) an unbalanced quote may take before it is cut
/// at its first sentence terminator.
pub const CAP: usize = 600;

/// Quotes plus the token indexes of closing marks (for the sentence
/// splitter: a closing quote belongs to the sentence it closes).
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub quotes: Vec<Quote>,
    pub closers: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Clone, Copy)]
struct Open {
    token: usize,
    family: Family,
    straight: bool,
}

/// Finds the quotations among `tokens`.
///
/// `tokens` must come from [`crate::text::tokenize`] over `text`.
pub fn find_quotes(text: &str, tokens: &[Token]) -> Vec<Quote> {
    let gaps = crate::text::tokens::gaps_of(text, tokens);
    scan(text, tokens, &gaps, &Layout::of(text)).quotes
}

pub(crate) fn scan(
    text: &str,
    tokens: &[Token],
    gaps: &[Gap],
    layout: &Layout,
) -> Scan {
    let mut st = State { text, tokens, out: Scan::default(), stack: vec![] };
    let mut para = 0;
    let mut gaps = gaps.iter().peekable();
    for (k, t) in tokens.iter().enumerate() {
        if let Some(g) = gaps.next_if(|g| g.token as usize <= k) {
            if k > 0 && layout.classify_gap(g) == Break::Paragraph {
                st.close_all(k - 1);
                para = k;
            }
        }
        if t.kind != TokenKind::Punct {
            continue;
        }
        let Some(c) = t.span.slice(text).chars().next() else { continue };
        // Only quote marks matter below; most punctuation is commas and
        // periods, whose neighbours need not be looked at.
        if !matches!(
            c,
            '"' | '\''
                | '\u{201C}'
                | '\u{201E}'
                | '\u{00AB}'
                | '\u{201D}'
                | '\u{00BB}'
                | '\u{2018}'
                | '\u{201A}'
                | '\u{2019}'
        ) {
            continue;
        }
        let before = (t.span.start as usize)
            .checked_sub(1)
            .and_then(|i| text[..=i].chars().next_back());
        let after = char_at(text, t.span.end as usize);
        let left_open = before.map_or(true, opens_left);
        let right_open = after.map_or(true, opens_right);
        match c {
            '\u{201C}' | '\u{201E}' | '\u{00AB}' => {
                st.open(k, Family::Double, false)
            }
            '\u{201D}' | '\u{00BB}' => st.close(k, Family::Double, para),
            '"' => {
                let open = st.top(Family::Double).is_some();
                if left_open && !right_open {
                    if open {
                        st.close(k, Family::Double, para);
                    } else {
                        st.open(k, Family::Double, true);
                    }
                } else if !left_open && right_open || open {
                    st.close(k, Family::Double, para);
                } else {
                    st.open(k, Family::Double, true);
                }
            }
            '\u{2018}' | '\u{201A}' if left_open => {
                st.open(k, Family::Single, false);
            }
            '\'' if left_open
                && !right_open
                && after.is_some_and(char::is_alphabetic) =>
            {
                st.open(k, Family::Single, true);
            }
            '\u{2019}' | '\''
                if right_open && st.top(Family::Single).is_some() =>
            {
                st.close(k, Family::Single, para);
            }
            _ => {}
        }
    }
    if let Some(last) = tokens.len().checked_sub(1) {
        st.close_all(last);
    }
    let mut out = st.out;
    out.quotes.sort_by_key(|q| (q.span.start, q.depth));
    out
}

/// A char before a mark that makes it face right (an opening mark).
fn opens_left(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | '['
                | '{'
                | '\u{2014}'
                | '\u{2013}'
                | '-'
                | '"'
                | '\''
                | '\u{201C}'
                | '\u{2018}'
                | ':'
        )
}

/// A char after a mark that makes it face left (a closing mark).
fn opens_right(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | ')'
                | ']'
                | '}'
                | '"'
                | '\''
                | '\u{201D}'
                | '\u{2019}'
                | '\u{2014}'
                | '\u{2013}'
                | '-'
                | '\u{2026}'
        )
}

struct State<'a> {
    text: &'a str,
    tokens: &'a [Token],
    out: Scan,
    stack: Vec<Open>,
}

impl State<'_> {
    fn top(&self, family: Family) -> Option<usize> {
        self.stack.iter().rposition(|o| o.family == family)
    }

    fn open(&mut self, token: usize, family: Family, straight: bool) {
        self.stack.push(Open { token, family, straight });
    }

    /// Closes the innermost open quote of `family` at mark `k`; a closing
    /// mark with nothing open quotes from the paragraph start (or the end
    /// of the last quote in it).
    fn close(&mut self, k: usize, family: Family, para: usize) {
        match self.top(family) {
            Some(i) => {
                while self.stack.len() > i + 1 {
                    self.drop_unbalanced(k.saturating_sub(1));
                }
                if let Some(o) = self.stack.pop() {
                    self.emit(o.token, k, true);
                }
                self.out.closers.push(k);
            }
            None if family == Family::Double && self.stack.is_empty() => {
                let prev_end =
                    self.out.quotes.last().map_or(0, |q| q.span.end as usize);
                let from = (para..k)
                    .find(|&j| self.tokens[j].span.start as usize >= prev_end)
                    .unwrap_or(k);
                if from < k {
                    let span = Span::new(
                        self.tokens[from].span.start as usize,
                        self.tokens[k].span.end as usize,
                    );
                    self.out.quotes.push(Quote {
                        span,
                        depth: 0,
                        balanced: false,
                    });
                }
                self.out.closers.push(k);
            }
            None => {}
        }
        let _ = self.text;
    }

    /// Pops the innermost open quote, which never closed: single quotes
    /// are dropped (likely apostrophes), double ones end at `last`.
    fn drop_unbalanced(&mut self, last: usize) {
        if let Some(o) = self.stack.pop() {
            if o.family == Family::Double {
                let end = self.capped_end(o.token, last);
                self.emit(o.token, end, false);
            }
            let _ = o.straight;
        }
    }

    fn close_all(&mut self, last: usize) {
        while !self.stack.is_empty() {
            self.drop_unbalanced(last);
        }
    }

    /// `last`, or the first sentence terminator after `open` when the
    /// quote would be longer than [`CAP`].
    fn capped_end(&self, open: usize, last: usize) -> usize {
        let start = self.tokens[open].span.start as usize;
        if (self.tokens[last].span.end as usize) - start <= CAP {
            return last;
        }
        (open + 1..last)
            .find(|&j| matches!(self.tokens[j].norm.as_str(), "." | "!" | "?"))
            .unwrap_or(last)
    }

    fn emit(&mut self, open: usize, close: usize, balanced: bool) {
        let depth = self.stack.len() as u32;
        let span = Span::new(
            self.tokens[open].span.start as usize,
            self.tokens[close.max(open)].span.end as usize,
        );
        self.out.quotes.push(Quote { span, depth, balanced });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    type Want<'a> = (&'a str, u32, bool);

    fn quotes(text: &str) -> Vec<Want<'_>> {
        let tokens = tokenize(text);
        find_quotes(text, &tokens)
            .iter()
            .map(|q| (q.span.slice(text), q.depth, q.balanced))
            .collect()
    }

    #[test]
    fn quote_spans() {
        let table: &[(&str, &[Want])] = &[
            (
                "He said \"we will not retreat\" on Monday.",
                &[("\"we will not retreat\"", 0, true)],
            ),
            (
                "\u{201C}Talks failed,\u{201D} an aide said.",
                &[("\u{201C}Talks failed,\u{201D}", 0, true)],
            ),
            (
                "\u{201C}He told me \u{2018}never again\u{2019} twice,\u{201D} she said.",
                &[
                    ("\u{201C}He told me \u{2018}never again\u{2019} twice,\u{201D}", 0, true),
                    ("\u{2018}never again\u{2019}", 1, true),
                ],
            ),
            (
                "\"He called it 'a disgrace' today,\" she said.",
                &[
                    ("\"He called it 'a disgrace' today,\"", 0, true),
                    ("'a disgrace'", 1, true),
                ],
            ),
            (
                "The rebels\u{2019} leader said \u{00AB}no\u{00BB}.",
                &[("\u{00AB}no\u{00BB}", 0, true)],
            ),
            (
                "\" We won , \" he said . \" Again . \"",
                &[("\" We won , \"", 0, true), ("\" Again . \"", 0, true)],
            ),
            (
                "He said \"no more talks.\n\nThe army moved in. Nobody spoke.",
                &[("\"no more talks.", 0, false)],
            ),
            (
                "a war,\u{201D} the paper notes.",
                &[("a war,\u{201D}", 0, false)],
            ),
            ("Israel's army and the ministers' meeting.", &[]),
            ("It's the '90s again.", &[]),
        ];
        for (input, want) in table {
            assert_eq!(&quotes(input), want, "{input:?}");
        }
    }

    #[test]
    fn unbalanced_quote_is_capped() {
        let text = format!("\"Open. {} end", "word ".repeat(200));
        let tokens = tokenize(&text);
        let q = find_quotes(&text, &tokens);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].span.slice(&text), "\"Open.");
    }
}
