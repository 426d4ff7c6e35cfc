//! Verb and noun lemmas for pattern matching.
//!
//! Patterns name lemmas (`condemn`, `impose`, `sanction`); text has
//! inflections (`condemned`, `imposes`, `sanctions`). Instead of analysing
//! every token backwards, we generate every inflection of every lemma the
//! patterns and lexicons use (regular rules plus the irregular table in
//! `dicts/lemmas.tsv`) into one hash map: a token's lemma is then a single
//! lookup, with no allocation on the hot path.

use crate::error::DictError;
use crate::util::{data_lines, FastMap, LineErrors, WordMap};

/// The built-in irregular inflections (`form<TAB>lemma`).
pub const BUILTIN_LEMMAS: &str = include_str!("../../../../dicts/lemmas.tsv");

/// Lemmas with no inflections of their own: function words whose
/// spelling-rule forms are other words' ("not" + "-ed" = "noted").
const UNINFLECTED: &[&str] = &["not", "no", "nor", "never", "neither"];

/// Maps inflected forms to lemma ids.
#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    lemmas: Vec<String>,
    ids: FastMap<String, u32>,
    forms: WordMap<u32>,
}

/// Parses an irregular-forms table (`form<TAB>lemma`, `#` comments).
pub fn parse_irregular(
    path: &str,
    text: &str,
) -> Result<Vec<(String, String)>, Vec<DictError>> {
    let mut out = Vec::new();
    let mut errs = LineErrors::new(path);
    for (n, line) in data_lines(text) {
        let line = line.trim_end();
        let mut cols = line.split('\t');
        match (cols.next(), cols.next(), cols.next()) {
            (Some(f), Some(l), None) if !f.is_empty() && !l.is_empty() => {
                out.push((f.to_lowercase(), l.to_lowercase()))
            }
            _ => errs.push(n, "expected `form<TAB>lemma`"),
        }
    }
    errs.finish(out)
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Every regular inflection of `lemma` (including itself), as English
/// spelling rules give them; over-generation is harmless.
pub fn inflections(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let b = lemma.as_bytes();
    let n = b.len();
    if n == 0 || !lemma.is_ascii() || lemma.contains(' ') {
        return out;
    }
    let last = b[n - 1];
    let cons_y = last == b'y' && n > 1 && !is_vowel(b[n - 2]);
    let stem = &lemma[..n - 1];
    // -s / -es / -ies
    if cons_y {
        out.push(format!("{stem}ies"));
    } else if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
    {
        out.push(format!("{lemma}es"));
    } else {
        out.push(format!("{lemma}s"));
    }
    // -ed / -ing
    if last == b'e' {
        out.push(format!("{lemma}d"));
        if lemma.ends_with("ie") {
            out.push(format!("{}ying", &lemma[..n - 2]));
        } else if lemma.ends_with("ee") {
            out.push(format!("{lemma}ing"));
        } else {
            out.push(format!("{stem}ing"));
        }
    } else if cons_y {
        out.push(format!("{stem}ied"));
        out.push(format!("{lemma}ing"));
    } else {
        out.push(format!("{lemma}ed"));
        out.push(format!("{lemma}ing"));
        // Consonant doubling (stop -> stopped, commit -> committed).
        let cvc = n >= 3
            && !is_vowel(last)
            && !matches!(last, b'w' | b'x' | b'y')
            && is_vowel(b[n - 2])
            && !is_vowel(b[n - 3]);
        if cvc {
            let l = last as char;
            out.push(format!("{lemma}{l}ed"));
            out.push(format!("{lemma}{l}ing"));
        }
    }
    out
}

impl Lemmatizer {
    /// A lemmatizer knowing `lemmas` and the irregular `table`.
    pub fn new<'a>(
        lemmas: impl IntoIterator<Item = &'a str>,
        table: &[(String, String)],
    ) -> Lemmatizer {
        let mut lz = Lemmatizer::default();
        for l in lemmas {
            lz.intern(l);
        }
        // Irregular lemmas are known too (be, have, say, ...).
        for (_, l) in table {
            lz.intern(l);
        }
        // Irregulars first, then regular inflections, then the lemmas
        // themselves: a listed inflection ("attacks", "arms") thus maps to
        // its base lemma, so patterns may name either.
        let known: Vec<(String, u32)> = lz
            .lemmas
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), i as u32))
            .collect();
        for (f, l) in table {
            if let Some(&id) = lz.ids.get(l.as_str()) {
                lz.forms.or_insert(f, id);
            }
        }
        for (l, id) in &known {
            // Function words (the negation cues) do not inflect: "noted"
            // and "noting" are "note", never "not" + "-ed".
            if UNINFLECTED.contains(&l.as_str()) {
                continue;
            }
            for f in inflections(l).into_iter().skip(1) {
                if f != *l {
                    lz.forms.or_insert(&f, *id);
                }
            }
        }
        for (l, id) in &known {
            lz.forms.or_insert(l, *id);
        }
        lz
    }

    fn intern(&mut self, l: &str) -> u32 {
        if let Some(&id) = self.ids.get(l) {
            return id;
        }
        let id = self.lemmas.len() as u32;
        self.lemmas.push(l.to_string());
        self.ids.insert(l.to_string(), id);
        id
    }

    /// The lemma id of a normalised token, if it inflects a known lemma.
    pub fn lemma_id(&self, norm: &str) -> Option<u32> {
        self.forms.get(norm).copied()
    }

    /// The id of a lemma, if known.
    pub fn id(&self, lemma: &str) -> Option<u32> {
        self.ids.get(lemma).copied()
    }

    /// The id a pattern word stands for: the lemma its form maps to
    /// ("attacks" -> attack), else its own.
    pub fn canon(&self, word: &str) -> Option<u32> {
        self.lemma_id(word).or_else(|| self.id(word))
    }

    /// The lemma string of an id.
    pub fn lemma(&self, id: u32) -> &str {
        self.lemmas.get(id as usize).map(String::as_str).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let table =
            parse_irregular("t", BUILTIN_LEMMAS).expect("builtin lemmas");
        let lz = Lemmatizer::new(
            [
                "condemn", "agree", "stop", "cry", "take", "impose", "meet",
                "sanction", "visit", "tie", "watch", "commit", "attacks",
                "attack", "not", "note",
            ],
            &table,
        );
        let cases = [
            ("condemned", "condemn"),
            ("condemns", "condemn"),
            ("agreed", "agree"),
            ("agreeing", "agree"),
            ("stopped", "stop"),
            ("cried", "cry"),
            ("cries", "cry"),
            ("taking", "take"),
            ("took", "take"),
            ("taken", "take"),
            ("imposes", "impose"),
            ("met", "meet"),
            ("sanctions", "sanction"),
            ("visited", "visit"),
            ("ties", "tie"),
            ("watches", "watch"),
            ("committed", "commit"),
            ("was", "be"),
            ("said", "say"),
            ("attacks", "attack"),
            // Not the negator "not" (the negation cue) plus "-ed".
            ("noted", "note"),
            ("noting", "note"),
            ("not", "not"),
        ];
        for (form, lemma) in cases {
            let got = lz.lemma_id(form).map(|i| lz.lemma(i));
            assert_eq!(got, Some(lemma), "{form}");
        }
        assert_eq!(lz.lemma_id("tablecloth"), None);
    }
}
