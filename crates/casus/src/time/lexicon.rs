//! The time lexicon (`dicts/time/lexicon.tsv`) and the tense cues
//! (`dicts/time/tense.tsv`): word classes the rules refer to by name, kept
//! as data so that adding a month abbreviation or a cue needs no code.

use crate::error::DictError;
use crate::util::{data_lines, FastMap, LineErrors};

/// The built-in lexicon file.
pub const BUILTIN_LEXICON: &str =
    include_str!("../../../../dicts/time/lexicon.tsv");
/// The built-in tense cues file.
pub const BUILTIN_TENSE: &str =
    include_str!("../../../../dicts/time/tense.tsv");

/// The classes a lexicon line may name.
pub const CLASSES: &[&str] = &[
    "month",
    "monthname",
    "weekday",
    "number",
    "ordinal",
    "unit",
    "pod",
    "season",
    "rel",
    "mod",
    "tz",
    "trigger",
];

/// Classes whose phrases are triggers: the scanner looks for expressions
/// only around a trigger or a digit.
pub const TRIGGERS: &[&str] =
    &["month", "weekday", "unit", "pod", "season", "trigger"];

/// Classes whose phrases are matched case-sensitively (capitalised), so
/// that "may" the verb is not "May" the month.
pub const CASED: &[&str] = &["month", "monthname", "weekday"];

/// Word classes: class -> (phrase as written, value), and a lookup from
/// normalised phrase to value.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    entries: FastMap<String, Vec<(String, String)>>,
    /// class -> normalised phrase -> value.
    lookup: FastMap<String, FastMap<String, String>>,
}

/// Lowercases and collapses whitespace, for lookups of matched text.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.to_ascii_lowercase());
    }
    out
}

/// Splits a content line (from [`crate::util::data_lines`]) into
/// trimmed tab-separated fields.
pub(crate) fn fields(line: &str) -> Vec<&str> {
    line.split('\t').map(str::trim).collect()
}

impl Lexicon {
    /// Parses a lexicon file; every bad line is reported.
    pub fn parse(path: &str, text: &str) -> Result<Lexicon, Vec<DictError>> {
        let mut lex = Lexicon::default();
        let mut errors = LineErrors::new(path);
        for (n, line) in data_lines(text) {
            let f = fields(line);
            if f.len() != 3 || f.iter().any(|x| x.is_empty()) {
                errors.push(
                    n,
                    format!(
                        "expected `class<TAB>phrase<TAB>value`, got {} \
                         field(s)",
                        f.len()
                    ),
                );
                continue;
            }
            if !CLASSES.contains(&f[0]) {
                errors.push(n, format!("unknown class `{}`", f[0]));
                continue;
            }
            lex.entries
                .entry(f[0].to_string())
                .or_default()
                .push((f[1].to_string(), f[2].to_string()));
            lex.lookup
                .entry(f[0].to_string())
                .or_default()
                .insert(norm(f[1]), f[2].to_string());
        }
        errors.finish(lex)
    }

    /// The phrases of `class`, as written.
    pub fn phrases(&self, class: &str) -> Vec<&str> {
        self.entries
            .get(class)
            .map(|v| v.iter().map(|(p, _)| p.as_str()).collect())
            .unwrap_or_default()
    }

    /// The value of `phrase` (any case, any spacing) in `class`.
    pub fn value(&self, class: &str, phrase: &str) -> Option<&str> {
        let map = self.lookup.get(class)?;
        let plain = phrase
            .bytes()
            .all(|b| !b.is_ascii_uppercase() && b != b'\t' && b != b'\n')
            && !phrase.contains("  ")
            && !phrase.starts_with(' ')
            && !phrase.ends_with(' ');
        if plain {
            map.get(phrase).map(String::as_str)
        } else {
            map.get(&norm(phrase)).map(String::as_str)
        }
    }
}

/// A tense cue class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    /// Future cue ("will", "plans").
    Future,
    /// Past cue ("said", "was").
    Past,
    /// Present cue ("is", "says").
    Present,
    /// A word ending in -ed that is not a past form.
    NotPast,
}

/// Tense cues: one- and two-word phrases.
#[derive(Clone, Debug, Default)]
pub struct TenseCues {
    /// Lowercased phrase -> cue.
    pub cues: FastMap<String, Cue>,
    /// First word of two-word cues -> (second word, cue).
    pub pairs: FastMap<String, Vec<(String, Cue)>>,
}

impl TenseCues {
    /// Parses a tense file; every bad line is reported.
    pub fn parse(path: &str, text: &str) -> Result<TenseCues, Vec<DictError>> {
        let mut out = TenseCues::default();
        let mut errors = LineErrors::new(path);
        for (n, line) in data_lines(text) {
            let f = fields(line);
            let cue = match f.first().copied() {
                Some("future") => Some(Cue::Future),
                Some("past") => Some(Cue::Past),
                Some("present") => Some(Cue::Present),
                Some("notpast") => Some(Cue::NotPast),
                _ => None,
            };
            match (cue, f.len()) {
                (Some(c), 2) if !f[1].is_empty() => {
                    let n = norm(f[1]);
                    if let Some((a, b)) = n.split_once(' ') {
                        out.pairs
                            .entry(a.to_string())
                            .or_default()
                            .push((b.to_string(), c));
                    }
                    out.cues.insert(n, c);
                }
                _ => errors.push(
                    n,
                    "expected `future|past|present|notpast<TAB>phrase`",
                ),
            }
        }
        errors.finish(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let lex = Lexicon::parse("lexicon.tsv", BUILTIN_LEXICON).unwrap();
        let cases = [
            ("month", "Feb.", Some("2")),
            ("month", "september", Some("9")),
            ("weekday", "Wednesday", Some("3")),
            ("number", "Twelve", Some("12")),
            ("unit", "weeks", Some("W")),
            ("pod", "morning", Some("MO")),
            ("season", "fall", Some("FA")),
            ("rel", "last", Some("-1")),
            ("month", "Foo", None),
        ];
        for (class, phrase, want) in cases {
            assert_eq!(lex.value(class, phrase), want, "{class} {phrase}");
        }
        TenseCues::parse("tense.tsv", BUILTIN_TENSE).unwrap();
    }

    #[test]
    fn bad_lines_all_reported() {
        let text = "month\tJanuary\t1\nplanet\tMars\t4\n# note\nunit\tday\n";
        let errs = Lexicon::parse("x.tsv", text).unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 4]);
        let errs = TenseCues::parse("t.tsv", "past\twas\nsoon\tx\nfuture\n")
            .unwrap_err();
        assert_eq!(errs.len(), 2);
    }
}
