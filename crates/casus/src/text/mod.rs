//! The text layer: sentences, tokens and quotations, each with byte spans
//! into the original article text.
//!
//! Normalisation (case, curly quotes, dashes) lives in [`Token::norm`] and
//! never moves offsets, so every later stage can point back at the source.
//!
//! Flow: [`tokenize`] (one pass, abbreviations kept whole) -> quote scan
//! ([`find_quotes`]) -> sentence split ([`split_sentences`], which uses the
//! closing quote marks so a closing quote stays with its sentence). Word
//! lists (abbreviations, sentence starters) are data in `dicts/text/`.

use std::ops::Range;

pub use compact_str::CompactString;

use crate::span::Span;

pub(crate) mod calendar;
mod layout;
pub(crate) mod lemma;
mod lexicon;
mod normalize;
mod quotes;
mod sentences;
mod tokens;

use crate::text::layout::Layout;
pub use crate::text::lexicon::{AbbrevClass, Lexicon, MAX_SENTENCE_TOKENS};
pub use crate::text::normalize::normalize;
pub use crate::text::quotes::{find_quotes, CAP as QUOTE_CAP};
pub use crate::text::sentences::split_sentences;
pub use crate::text::tokens::{tokenize, tokenize_with};

/// What kind of token this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with inner hyphens, apostrophes and periods, as in "U.S.").
    Word,
    /// Digits, possibly with `.`/`,` separators.
    Number,
    /// Punctuation.
    Punct,
    /// The possessive clitic `'s` / `’s`.
    Possessive,
    /// Anything else.
    Symbol,
}

/// The writing system of a token's letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// Latin letters, digits or punctuation.
    Latin,
    /// Cyrillic.
    Cyrillic,
    /// Arabic.
    Arabic,
    /// Han (Chinese characters).
    Han,
    /// Anything else.
    Other,
}

/// One token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where the token is in the original text.
    pub span: Span,
    /// Lowercased text with curly quotes and dashes folded, for matching.
    ///
    /// A [`CompactString`] rather than a `String`: it derefs to `str` and
    /// compares with `&str`, and holds forms of up to 24 bytes inline, so
    /// tokenising allocates nothing per token (a heap string per token
    /// was a third of the text layer's time).
    pub norm: CompactString,
    /// The token's kind.
    pub kind: TokenKind,
    /// The token's script.
    pub script: Script,
}

/// One sentence: its span and the range of its tokens in
/// [`Analyzed::tokens`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Where the sentence is in the original text.
    pub span: Span,
    /// Indexes into [`Analyzed::tokens`].
    pub tokens: Range<usize>,
}

/// One quotation: from its opening to its closing mark (inclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The span including the quote marks.
    pub span: Span,
    /// Nesting depth: 0 for outermost quotes.
    pub depth: u32,
    /// True when both marks were found; false when the quote was closed
    /// by a paragraph end or the length cap, or lacks its opening mark
    /// (then it starts at the paragraph start).
    pub balanced: bool,
}

/// The text layer's output for one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analyzed {
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// All tokens in text order.
    pub tokens: Vec<Token>,
    /// Quotations in text order of their opening mark.
    pub quotes: Vec<Quote>,
}

impl Analyzed {
    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        match self.sentences.get(i) {
            Some(s) => &self.tokens[s.tokens.clone()],
            None => &[],
        }
    }

    /// The index of the sentence containing byte `pos`, if any.
    pub fn sentence_at(&self, pos: u32) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos)
            .then_some(i)
    }
}

/// Runs the text layer over `text` with the built-in lexicon, parsed for
/// this call: for one-off use (tests, examples). A program analysing
/// many texts holds a [`Lexicon`] (as the `Coder` does) and calls
/// [`analyze_with`].
pub fn analyze(text: &str) -> Analyzed {
    analyze_with(text, &Lexicon::builtin())
}

/// Runs the text layer over `text` with the abbreviations and sentence
/// starters of `lex`.
pub fn analyze_with(text: &str, lex: &Lexicon) -> Analyzed {
    let (tokens, gaps) = tokens::scan(text, lex);
    let layout = Layout::of(text);
    let scan = quotes::scan(text, &tokens, &gaps, &layout);
    let sentences =
        sentences::split(text, &tokens, &gaps, &scan.closers, &layout, lex);
    Analyzed { sentences, tokens, quotes: scan.quotes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Checks every invariant other stages rely on.
    fn check(text: &str) {
        let a = analyze(text);
        let (toks, gaps) = tokens::scan(text, &Lexicon::builtin());
        assert_eq!(gaps, tokens::gaps_of(text, &toks), "{text:?}");
        assert_eq!(split_sentences(text, &toks), a.sentences, "{text:?}");
        let on_boundary = |s: Span| {
            s.start <= s.end
                && (s.end as usize) <= text.len()
                && text.is_char_boundary(s.start as usize)
                && text.is_char_boundary(s.end as usize)
        };
        let mut last = 0;
        for t in &a.tokens {
            assert!(on_boundary(t.span), "{t:?} in {text:?}");
            assert!(!t.span.is_empty(), "{t:?} in {text:?}");
            assert!(t.span.start >= last, "overlap {t:?} in {text:?}");
            last = t.span.end;
        }
        let mut next = 0;
        for s in &a.sentences {
            assert!(on_boundary(s.span), "{s:?} in {text:?}");
            assert_eq!(s.tokens.start, next, "gap before {s:?}");
            assert!(s.tokens.start < s.tokens.end, "empty {s:?}");
            next = s.tokens.end;
            for t in &a.tokens[s.tokens.clone()] {
                assert!(s.span.contains(t.span), "{s:?} lacks {t:?}");
            }
        }
        assert_eq!(next, a.tokens.len(), "tokens outside sentences");
        for q in &a.quotes {
            assert!(on_boundary(q.span), "{q:?} in {text:?}");
        }
        for (i, s) in a.sentences.iter().enumerate() {
            assert_eq!(a.sentence_at(s.span.start), Some(i));
        }
    }

    proptest! {
        #[test]
        fn any_text_keeps_invariants(text in any::<String>()) {
            check(&text);
        }

        #[test]
        fn newsy_text_keeps_invariants(
            text in "([A-Za-z]{1,6}|[0-9]{1,4}|[ .,;:!?'\"\u{201C}\u{201D}\u{2018}\u{2019}()\\[\\]\n-]|U\\.S\\.|Gen\\.|No\\.|\u{2026}|\u{0418}\u{0437}){0,60}"
        ) {
            check(&text);
        }

        #[test]
        fn any_bytes_keep_invariants(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            check(&String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn sentence_lookup() {
        let text = "One fell. Two rose.";
        let a = analyze(text);
        assert_eq!(a.sentence_at(0), Some(0));
        assert_eq!(a.sentence_at(9), None);
        assert_eq!(a.sentence_at(10), Some(1));
        assert_eq!(a.sentence_tokens(1).len(), 3);
        assert!(a.sentence_tokens(5).is_empty());
    }
}
