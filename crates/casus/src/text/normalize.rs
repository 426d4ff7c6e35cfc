//! Matching forms of token text and the script of a character.
//!
//! Normalisation only ever produces a *copy* ([`crate::text::Token::norm`]);
//! spans keep pointing into the original text, so folding here can change
//! lengths freely (curly quotes are three bytes, their folds one).

use compact_str::CompactString;

use crate::text::Script;

/// Folds curly quotes and dashes and lowercases, for matching only.
pub fn normalize(s: &str) -> String {
    norm(s).into_string()
}

/// [`normalize`] into a [`CompactString`], the type of
/// [`crate::text::Token::norm`]: forms of up to 24 bytes (nearly every
/// token) live inline, so normalising a token allocates nothing.
///
/// ASCII input takes a fast path: one pass to see whether the text is
/// ASCII and has capitals, then a copy, lowercased in place only if it
/// has (most tokens are lowercase words or punctuation).
pub(crate) fn norm(s: &str) -> CompactString {
    let mut ascii = true;
    let mut upper = false;
    for &b in s.as_bytes() {
        ascii &= b < 0x80;
        upper |= b.is_ascii_uppercase();
    }
    if ascii {
        let mut out = CompactString::new(s);
        if upper {
            out.as_mut_str().make_ascii_lowercase();
        }
        return out;
    }
    let mut out = CompactString::with_capacity(s.len());
    for c in s.chars() {
        match fold(c) {
            Some(f) => out.push(f),
            None if c == '\u{2026}' => out.push_str("..."),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The ASCII fold of a typographic quote, dash or space, if any.
pub(crate) fn fold(c: char) -> Option<char> {
    Some(match c {
        // U+02BB is the okina of Hawaiian and Tongan names (Nukuʻalofa,
        // Hawaiʻi), which dictionaries write with an apostrophe.
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}'
        | '\u{02BB}' | '\u{02BC}' | '\u{2039}' | '\u{203A}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}'
        | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{FF0D}' => '-',
        _ => return None,
    })
}

/// The writing system of `c`.
pub(crate) fn script_of(c: char) -> Script {
    match c as u32 {
        0..=0x7F => Script::Latin,
        0x0400..=0x052F
        | 0x1C80..=0x1C8F
        | 0x2DE0..=0x2DFF
        | 0xA640..=0xA69F => Script::Cyrillic,
        0x0600..=0x06FF
        | 0x0750..=0x077F
        | 0x08A0..=0x08FF
        | 0xFB50..=0xFDFF
        | 0xFE70..=0xFEFF => Script::Arabic,
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F => Script::Han,
        0x80..=0x024F | 0x1E00..=0x1EFF | 0x2000..=0x206F => Script::Latin,
        _ => Script::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes() {
        let table = [
            ("Israel", "israel"),
            ("U.S.", "u.s."),
            ("\u{2019}s", "'s"),
            ("\u{201C}", "\""),
            ("\u{00AB}", "\""),
            ("\u{2014}", "-"),
            ("two\u{2011}state", "two-state"),
            (
                "\u{0418}\u{0437}\u{0440}\u{0430}\u{0438}\u{043B}\u{044F}",
                "\u{0438}\u{0437}\u{0440}\u{0430}\u{0438}\u{043B}\u{044F}",
            ),
            ("Gaza\u{2019}s", "gaza's"),
            ("\u{2026}", "..."),
            ("Nuku\u{02BB}alofa", "nuku'alofa"),
        ];
        for (input, want) in table {
            assert_eq!(normalize(input), want, "{input:?}");
        }
    }

    #[test]
    fn scripts() {
        let table = [
            ('a', Script::Latin),
            ('\u{00E9}', Script::Latin),
            ('\u{0418}', Script::Cyrillic),
            ('\u{0627}', Script::Arabic),
            ('\u{4E2D}', Script::Han),
            ('\u{05D0}', Script::Other),
        ];
        for (c, want) in table {
            assert_eq!(script_of(c), want, "{c:?}");
        }
    }
}
