//! Tokenisation: words, numbers, punctuation and possessives, each with a
//! byte span into the original text.
//!
//! One left-to-right pass over the bytes with an ASCII fast path. Words
//! keep inner hyphens ("two-state"), apostrophes ("O'Brien") and the
//! periods of abbreviations ("U.S.", "p.m.", "Gen.", initials "F."), so the
//! sentence splitter sees an abbreviation as one token ending in `.`.
//! Numbers keep decimal and thousands separators ("3.5", "1,200"). The
//! clitic `'s` / `’s` is its own [`TokenKind::Possessive`] token.

use crate::span::Span;
use crate::text::lexicon::{AbbrevClass, Lexicon};
use crate::text::normalize::{norm, script_of};
use crate::text::{Script, Token, TokenKind};

/// Splits `text` into tokens with the built-in abbreviation list (parsed
/// for this call: for one-off use; hold a [`Lexicon`] and call
/// [`tokenize_with`] for more).
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_with(text, &Lexicon::builtin())
}

/// Splits `text` into tokens, using `lex` for abbreviations.
pub fn tokenize_with(text: &str, lex: &Lexicon) -> Vec<Token> {
    scan(text, lex).0
}

/// Whitespace with a newline in it, before token `token`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Gap {
    /// The token after the whitespace.
    pub token: u32,
    /// Newlines in the whitespace (saturating).
    pub newlines: u8,
    /// True when the last line of the whitespace starts with a space or
    /// tab (an indented paragraph).
    pub indented: bool,
}

/// Tokens plus the newline-bearing gaps between them (sorted), so later
/// passes need not rescan whitespace.
pub(crate) fn scan(text: &str, lex: &Lexicon) -> (Vec<Token>, Vec<Gap>) {
    let bytes = text.as_bytes();
    // News text runs 3.6-6 bytes a token (Reuters: 5.3 on average), so
    // a quarter of the length holds nearly every article's tokens
    // without regrowing (each regrowth copies every token so far).
    let mut out = Vec::with_capacity(text.len() / 4 + 16);
    let mut gaps = Vec::new();
    let mut newlines = 0u8;
    let mut indented = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Whitespace, ASCII fast path.
        if b < 0x80 && (b.is_ascii_whitespace() || b.is_ascii_control()) {
            if b == b'\n' {
                newlines = newlines.saturating_add(1);
                indented = false;
            } else if newlines > 0 && (b == b' ' || b == b'\t') {
                indented = true;
            }
            i += 1;
            continue;
        }
        let Some(c) = char_at(text, i) else { break };
        let len = c.len_utf8();
        if b >= 0x80 && is_space(c) {
            i += len;
            continue;
        }
        if newlines > 0 {
            gaps.push(Gap { token: out.len() as u32, newlines, indented });
            newlines = 0;
            indented = false;
        }
        if is_wordish(c) {
            let (end, kind, script) = scan_word(text, i, lex);
            out.push(token(text, i, end, kind, script));
            // A possessive or clitic starts with an apostrophe or the `n`
            // of "n't"; most words end before a space or punctuation.
            let clitic_next = bytes.get(end).is_some_and(|&b| {
                b >= 0x80 || matches!(b, b'\'' | b'n' | b'N')
            });
            if !clitic_next {
                i = end;
            } else if let Some(pend) = possessive_at(text, end) {
                out.push(token(
                    text,
                    end,
                    pend,
                    TokenKind::Possessive,
                    Script::Latin,
                ));
                i = pend;
            } else if let Some(cend) = clitic_at(text, end) {
                out.push(token(
                    text,
                    end,
                    cend,
                    TokenKind::Word,
                    Script::Latin,
                ));
                i = cend;
            } else {
                i = end;
            }
            continue;
        }
        // ".5 percent": a decimal without its leading zero.
        if c == '.'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            && (i == 0
                || is_space(text[..i].chars().next_back().unwrap_or(' ')))
        {
            let (end, _, _) = scan_word(text, i + 1, lex);
            if text[i + 1..end].bytes().all(|b| b.is_ascii_digit()) {
                out.push(token(
                    text,
                    i,
                    end,
                    TokenKind::Number,
                    Script::Latin,
                ));
                i = end;
                continue;
            }
        }
        let end = match c {
            '.' | '-' => run_of(text, i, c as u8),
            _ => i + len,
        };
        let kind =
            if is_punct(c) { TokenKind::Punct } else { TokenKind::Symbol };
        out.push(token(text, i, end, kind, script_of(c)));
        i = end;
    }
    (out, gaps)
}

/// The newline gaps between `tokens` (for callers holding tokens only).
pub(crate) fn gaps_of(text: &str, tokens: &[Token]) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let mut prev = 0;
    for (k, t) in tokens.iter().enumerate() {
        let ws = text.get(prev..t.span.start as usize).unwrap_or("");
        let mut newlines = 0u8;
        let mut indented = false;
        for b in ws.bytes() {
            match b {
                b'\n' => {
                    newlines = newlines.saturating_add(1);
                    indented = false;
                }
                b' ' | b'\t' if newlines > 0 => indented = true,
                _ => {}
            }
        }
        if newlines > 0 {
            gaps.push(Gap { token: k as u32, newlines, indented });
        }
        prev = t.span.end as usize;
    }
    gaps
}

fn token(
    text: &str,
    start: usize,
    end: usize,
    kind: TokenKind,
    script: Script,
) -> Token {
    let norm = norm(&text[start..end]);
    Token { span: Span::new(start, end), norm, kind, script }
}

/// The char starting at byte `i`, if `i` is inside `text` on a boundary.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text.get(i..)?.chars().next()
    }
}

/// Whitespace, control and zero-width characters: token separators.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_whitespace() || c.is_ascii_control();
    }
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Letters, digits and combining marks: what words are made of.
#[inline]
pub(crate) fn is_wordish(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD
        | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0E31 | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x200C | 0x200D | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Punctuation (as opposed to symbols such as `$`, `%`, `+`).
fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return !matches!(
            c,
            '$' | '%'
                | '&'
                | '+'
                | '<'
                | '='
                | '>'
                | '^'
                | '|'
                | '~'
                | '#'
                | '@'
                | '*'
                | '\\'
                | '`'
        );
    }
    matches!(c as u32,
        0x00A1 | 0x00A7 | 0x00AB | 0x00B6 | 0x00B7 | 0x00BB | 0x00BF
        | 0x2010..=0x2027 | 0x2030..=0x205E | 0x3000..=0x303F
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF1F | 0x060C | 0x061B | 0x061F
        | 0x06D4 | 0x0964 | 0x0965 | 0x2E00..=0x2E4F)
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BB}' | '\u{02BC}')
}

/// The end of a run of the ASCII byte `b` starting at `i`.
fn run_of(text: &str, i: usize, b: u8) -> usize {
    let bytes = text.as_bytes();
    let mut j = i;
    while bytes.get(j) == Some(&b) {
        j += 1;
    }
    j
}

/// The end of a possessive `'s` starting at `i`, if there is one.
fn possessive_at(text: &str, i: usize) -> Option<usize> {
    let a = char_at(text, i).filter(|&c| is_apostrophe(c))?;
    let s_at = i + a.len_utf8();
    let s = char_at(text, s_at).filter(|&c| c == 's' || c == 'S')?;
    let end = s_at + s.len_utf8();
    match char_at(text, end) {
        Some(c) if is_wordish(c) => None,
        _ => Some(end),
    }
}

/// The end of a clitic starting at `i`: "n't" (at the `n`) or "'re",
/// "'ve", "'ll", "'d", "'m" (at the apostrophe), ending the word.
fn clitic_at(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let (a, rest) = match b.get(i)? {
        b'n' | b'N' => {
            let a = char_at(text, i + 1).filter(|&c| is_apostrophe(c))?;
            let t = i + 1 + a.len_utf8();
            if !matches!(b.get(t)?, b't' | b'T') {
                return None;
            }
            (a, t + 1)
        }
        _ => {
            let a = char_at(text, i).filter(|&c| is_apostrophe(c))?;
            let r = i + a.len_utf8();
            let tail = b.get(r..(r + 2).min(b.len()))?;
            let n = match tail {
                [b'r' | b'R', b'e' | b'E'] | [b'v' | b'V', b'e' | b'E'] => 2,
                [b'l' | b'L', b'l' | b'L'] => 2,
                [b'd' | b'D' | b'm' | b'M', ..] => 1,
                _ => return None,
            };
            (a, r + n)
        }
    };
    let _ = a;
    match char_at(text, rest) {
        Some(c) if is_wordish(c) => None,
        _ => Some(rest),
    }
}

/// Scans a word or number starting at `start` (a wordish char); returns
/// its end and kind.
fn scan_word(
    text: &str,
    start: usize,
    lex: &Lexicon,
) -> (usize, TokenKind, Script) {
    let bytes = text.as_bytes();
    let mut run = Run { script: None, has_letter: false };
    let mut j = start;
    let mut seg = start;
    loop {
        j = run.ascii(bytes, j);
        // The usual end of a word: an ASCII byte that is no letter or
        // digit and none of the joiners handled below (space, most
        // punctuation), decided without decoding chars.
        match bytes.get(j) {
            None => break,
            Some(&b)
                if b < 0x80
                    && !b.is_ascii_alphanumeric()
                    && !matches!(
                        b,
                        b'-' | b'\'' | b'.' | b',' | b':' | b'/'
                    ) =>
            {
                break
            }
            _ => {}
        }
        j = run.chars(text, j);
        let Some(c) = char_at(text, j) else { break };
        let at = Joint { text, start, seg, j, c, has_letter: run.has_letter };
        match at.step(lex) {
            Step::Join(end) => {
                j = end;
                seg = end;
            }
            Step::End(end) => {
                j = end;
                break;
            }
        }
    }
    let kind =
        if run.has_letter { TokenKind::Word } else { TokenKind::Number };
    (j, kind, run.script.unwrap_or(Script::Latin))
}

/// The letters and digits of a word so far: one script.
struct Run {
    script: Option<Script>,
    has_letter: bool,
}

impl Run {
    /// Past the ASCII letters and digits at `j` (not across a change of
    /// script).
    #[inline]
    fn ascii(&mut self, bytes: &[u8], mut j: usize) -> usize {
        while let Some(&b) = bytes.get(j) {
            if b.is_ascii_alphabetic() {
                if self.script.is_some_and(|s| s != Script::Latin) {
                    break;
                }
                self.script = Some(Script::Latin);
                self.has_letter = true;
            } else if !b.is_ascii_digit() {
                break;
            }
            j += 1;
        }
        j
    }

    /// Past the letters and digits of one script at `j`.
    #[inline]
    fn chars(&mut self, text: &str, mut j: usize) -> usize {
        while let Some(c) = char_at(text, j) {
            if !is_wordish(c) {
                break;
            }
            if c.is_alphabetic() {
                let s = script_of(c);
                match self.script {
                    None => self.script = Some(s),
                    Some(t) if t != s => break,
                    Some(_) => {}
                }
                self.has_letter = true;
            }
            j += c.len_utf8();
        }
        j
    }
}

/// A char `c` at `j` after a run of letters or digits: a joiner that
/// continues the word (hyphen, apostrophe, period, comma, colon, slash in
/// their word-internal uses) or its end.
struct Joint<'t> {
    text: &'t str,
    /// The word's first byte.
    start: usize,
    /// The current segment's first byte (after the last joiner).
    seg: usize,
    j: usize,
    c: char,
    has_letter: bool,
}

/// What a [`Joint`] does to the word.
enum Step {
    /// The word continues at this byte (a new segment).
    Join(usize),
    /// The word ends at this byte.
    End(usize),
}

impl Joint<'_> {
    #[inline]
    fn step(&self, lex: &Lexicon) -> Step {
        let (text, start, seg, j, c) =
            (self.text, self.start, self.seg, self.j, self.c);
        let bytes = text.as_bytes();
        let after = j + c.len_utf8();
        let next = char_at(text, after);
        let digits = j > seg && bytes[seg..j].iter().all(u8::is_ascii_digit);
        match c {
            _ if is_hyphen(c) && next.is_some_and(is_wordish) => {
                Step::Join(after)
            }
            _ if is_apostrophe(c) && next.is_some_and(char::is_alphabetic) => {
                self.apostrophe(after)
            }
            '.' if digits && next.is_some_and(|d| d.is_ascii_digit()) => {
                Step::Join(after)
            }
            '.' if single_letter(text, seg, j)
                && next.is_some_and(char::is_alphabetic)
                && next.and_then(|n| char_at(text, after + n.len_utf8()))
                    == Some('.') =>
            {
                self.letters_with_periods(after)
            }
            '.' if !next.is_some_and(is_wordish) => {
                if keeps_period(text, start, j, seg, lex) {
                    Step::End(after)
                } else {
                    Step::End(j)
                }
            }
            // "T.O'Gorman": an initial glued to the surname.
            '.' if seg == start
                && is_initial(text, start, j)
                && next.is_some_and(char::is_uppercase) =>
            {
                Step::End(after)
            }
            ',' if digits && thousands(bytes, after) => Step::Join(after),
            ':' | '/'
                if digits && next.is_some_and(|d| d.is_ascii_digit()) =>
            {
                Step::Join(after)
            }
            _ => Step::End(j),
        }
    }

    /// An apostrophe before a letter: a possessive or a clitic ends the
    /// word ("didn't" -> "did" + "n't"; "they're" -> "they" + "'re");
    /// otherwise it joins ("O'Brien").
    fn apostrophe(&self, after: usize) -> Step {
        let (text, j) = (self.text, self.j);
        if possessive_at(text, j).is_some() || !self.has_letter {
            return Step::End(j);
        }
        if j >= self.start + 2 && clitic_at(text, j - 1).is_some() {
            return Step::End(j - 1);
        }
        if clitic_at(text, j).is_some() {
            return Step::End(j);
        }
        Step::Join(after)
    }

    /// "U.S.", "p.m.": letter-period pairs, final period kept; "U.S.-led"
    /// continues after the hyphen.
    fn letters_with_periods(&self, after: usize) -> Step {
        let text = self.text;
        let mut j = after;
        while let Some(l) = char_at(text, j).filter(|c| c.is_alphabetic()) {
            if char_at(text, j + l.len_utf8()) != Some('.') {
                break;
            }
            j += l.len_utf8() + 1;
        }
        match char_at(text, j) {
            Some(h)
                if is_hyphen(h)
                    && char_at(text, j + h.len_utf8())
                        .is_some_and(is_wordish) =>
            {
                Step::Join(j + h.len_utf8())
            }
            _ => Step::End(j),
        }
    }
}

/// True when `text[seg..end]` is one letter.
fn single_letter(text: &str, seg: usize, end: usize) -> bool {
    let mut cs = text[seg..end].chars();
    cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none()
}

/// Exactly three digits at `i`, not followed by another digit.
fn thousands(bytes: &[u8], i: usize) -> bool {
    bytes.len() >= i + 3
        && bytes[i..i + 3].iter().all(u8::is_ascii_digit)
        && !bytes.get(i + 3).is_some_and(u8::is_ascii_digit)
}

/// Whether the word `text[start..dot]` keeps the period at `dot`: a known
/// abbreviation or a capital initial.
fn keeps_period(
    text: &str,
    start: usize,
    dot: usize,
    seg: usize,
    lex: &Lexicon,
) -> bool {
    let word = &text[start..=dot];
    let initial = seg == start && is_initial(text, start, dot);
    match lex.abbrev(word) {
        Some(AbbrevClass::Number) => {
            let rest = text[dot + 1..].trim_start();
            initial || rest.as_bytes().first().is_some_and(u8::is_ascii_digit)
        }
        Some(_) => true,
        None => initial,
    }
}

/// True when `text[start..end]` is one capital letter.
fn is_initial(text: &str, start: usize, end: usize) -> bool {
    single_letter(text, start, end)
        && text[start..end].chars().all(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text).iter().map(|t| (t.span.slice(text), t.kind)).collect()
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn token_texts() {
        let table: &[(&str, &[&str])] = &[
            (
                "The Israeli-Palestinian talks resumed.",
                &["The", "Israeli-Palestinian", "talks", "resumed", "."],
            ),
            ("a two-state solution", &["a", "two-state", "solution"]),
            ("U.S. and U.N. envoys", &["U.S.", "and", "U.N.", "envoys"]),
            ("at 3 p.m. local time", &["at", "3", "p.m.", "local", "time"]),
            ("the U.S.-led coalition", &["the", "U.S.-led", "coalition"]),
            ("rose 3.5 pct", &["rose", "3.5", "pct"]),
            ("1,200 troops", &["1,200", "troops"]),
            ("1,2 and 3", &["1", ",", "2", "and", "3"]),
            ("Gaza's future", &["Gaza", "'s", "future"]),
            ("Tel Aviv\u{2019}s plan", &["Tel", "Aviv", "\u{2019}s", "plan"]),
            ("O'Brien said", &["O'Brien", "said"]),
            ("don't go", &["do", "n't", "go"]),
            (
                "Israel didn\u{2019}t say",
                &["Israel", "did", "n\u{2019}t", "say"],
            ),
            (
                "they can't and won't",
                &["they", "ca", "n't", "and", "wo", "n't"],
            ),
            (
                "They're sure we'll win, I'd say",
                &[
                    "They", "'re", "sure", "we", "'ll", "win", ",", "I", "'d",
                    "say",
                ],
            ),
            ("D'Souza and Mu'ammar", &["D'Souza", "and", "Mu'ammar"]),
            ("Gen. Smith", &["Gen.", "Smith"]),
            ("John F. Kennedy", &["John", "F.", "Kennedy"]),
            ("No. 2 and said no.", &["No.", "2", "and", "said", "no", "."]),
            ("Wait... what", &["Wait", "...", "what"]),
            ("Wait\u{2026} what", &["Wait", "\u{2026}", "what"]),
            ("talks -- again", &["talks", "--", "again"]),
            (
                "\u{201C}No,\u{201D} he",
                &["\u{201C}", "No", ",", "\u{201D}", "he"],
            ),
            ("[\u{0418}\u{0437}]", &["[", "\u{0418}\u{0437}", "]"]),
            ("F-16 jets", &["F-16", "jets"]),
            ("on 1996-12-06 at 10:30", &["on", "1996-12-06", "at", "10:30"]),
            ("$5 or 10%", &["$", "5", "or", "10", "%"]),
            ("in 1996.", &["in", "1996", "."]),
            ("ended.The", &["ended", ".", "The"]),
            (
                "T.O'Gorman and P. Simmons",
                &["T.", "O'Gorman", "and", "P.", "Simmons"],
            ),
            (
                "averaged .556 and 0.5.",
                &["averaged", ".556", "and", "0.5", "."],
            ),
        ];
        for (input, want) in table {
            assert_eq!(&words(input), want, "{input:?}");
        }
    }

    #[test]
    fn token_kinds() {
        use TokenKind::*;
        let table: &[(&str, &[TokenKind])] = &[
            ("Gaza's 3.5 , $", &[Word, Possessive, Number, Punct, Symbol]),
            ("1996-12-06 20-year-old", &[Number, Word]),
            ("U.S. \u{2014} %", &[Word, Punct, Symbol]),
        ];
        for (input, want) in table {
            let got: Vec<TokenKind> =
                toks(input).iter().map(|t| t.1).collect();
            assert_eq!(&got, want, "{input:?}");
        }
    }

    #[test]
    fn norms_and_scripts() {
        let text = "\u{201C}Israel\u{2019}s\u{201D} \u{2014} [\u{0418}\u{0437}\u{0440}\u{0430}\u{0438}\u{043B}\u{044F}] \u{0627}\u{0644}";
        let tokens = tokenize(text);
        let got: Vec<(&str, Script)> =
            tokens.iter().map(|t| (t.norm.as_str(), t.script)).collect();
        let want = [
            ("\"", Script::Latin),
            ("israel", Script::Latin),
            ("'s", Script::Latin),
            ("\"", Script::Latin),
            ("-", Script::Latin),
            ("[", Script::Latin),
            (
                "\u{0438}\u{0437}\u{0440}\u{0430}\u{0438}\u{043B}\u{044F}",
                Script::Cyrillic,
            ),
            ("]", Script::Latin),
            ("\u{0627}\u{0644}", Script::Arabic),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn script_change_splits_words() {
        assert_eq!(
            words("Gaza\u{0413}\u{0430}"),
            ["Gaza", "\u{0413}\u{0430}"]
        );
    }
}
