//! The text layer: sentences, tokens and quotations, each with byte spans
//! into the original article text.
//!
//! Normalisation (case, curly quotes, dashes) lives in [`Token::norm`] and
//! never moves offsets, so every later stage can point back at the source.

use std::ops::Range;

use crate::Span;

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
    pub norm: String,
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

/// Runs the text layer over `text`.
pub fn analyze(text: &str) -> Analyzed {
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    let quotes = Vec::new();
    Analyzed { sentences, tokens, quotes }
}

fn script_of(c: char) -> Script {
    match c as u32 {
        0x0400..=0x052F => Script::Cyrillic,
        0x0600..=0x06FF | 0x0750..=0x077F => Script::Arabic,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF => Script::Han,
        _ if c.is_ascii() || c.is_alphabetic() && (c as u32) < 0x0250 => {
            Script::Latin
        }
        _ => Script::Other,
    }
}

/// Folds curly quotes and dashes and lowercases, for matching only.
pub fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => {
                '"'
            }
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits `text` into tokens (a simple first version).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let kind = if c.is_alphanumeric() {
            while let Some(&(i, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if c.is_numeric() {
                TokenKind::Number
            } else {
                TokenKind::Word
            }
        } else {
            TokenKind::Punct
        };
        let span = Span::new(start, end);
        out.push(Token {
            span,
            norm: normalize(&text[start..end]),
            kind,
            script: script_of(c),
        });
    }
    out
}

/// Splits tokens into sentences (a simple first version).
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let _ = text;
    let mut out = Vec::new();
    let mut first = 0;
    for (i, t) in tokens.iter().enumerate() {
        let end = matches!(t.norm.as_str(), "." | "!" | "?");
        if end || i + 1 == tokens.len() {
            let span = Span::new(
                tokens[first].span.start as usize,
                t.span.end as usize,
            );
            out.push(Sentence { span, tokens: first..i + 1 });
            first = i + 1;
        }
    }
    out
}
