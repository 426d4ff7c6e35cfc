//! The text layer's word lists: abbreviations and sentence starters.
//!
//! Both are data files under `dicts/text/` (formats in their header
//! comments), embedded with `include_str!` and parsed by the same parser a
//! user file would go through, so a bad line is reported as `file:line`.

use std::collections::HashSet;

use crate::error::DictError;
use crate::util::{data_lines, FastBuild, FastMap, LineErrors};

/// How an abbreviation behaves at a possible sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Precedes a name; never ends a sentence ("Gen.", "Sen.").
    Title,
    /// An abbreviation only before a number ("No. 2").
    Number,
    /// A month or weekday: ends a sentence only before a starter word.
    Month,
    /// May end a sentence: does so before a starter word ("Inc.").
    General,
    /// A country or body written with inner periods ("U.S.", "U.K."):
    /// like `General`, except before a starter marked `continues`, which
    /// some wire copy capitalises after it ("the U.S. And Japan", "U.S.
    /// Officials said").
    Country,
}

/// Abbreviations and sentence-starter words.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    abbrevs: FastMap<String, AbbrevClass>,
    starters: HashSet<String, FastBuild>,
    /// Starters that continue the sentence after a `Country`
    /// abbreviation (`continues` in `starters.txt`).
    continuers: HashSet<String, FastBuild>,
    longest: usize,
    /// [`Lexicon::max_sentence_tokens`] when set.
    sentence_cap: Option<usize>,
}

/// Default [`Lexicon::max_sentence_tokens`]: news sentences rarely pass
/// 80 tokens; a run without a stop past 250 is a list, a table or
/// hostile input, and every later stage's work per sentence grows
/// faster than linearly with its length.
pub const MAX_SENTENCE_TOKENS: usize = 250;

const ABBREVIATIONS: &str =
    include_str!("../../../../dicts/text/abbreviations.tsv");
const STARTERS: &str = include_str!("../../../../dicts/text/starters.txt");

impl Lexicon {
    /// The built-in lexicon from `dicts/text/`, parsed anew: a built
    /// object (the coder, a matcher) holds one for its lifetime.
    ///
    /// # Panics
    ///
    /// When the built-in files do not parse: they are part of the binary
    /// and tested (`builtin_parses`), so that is a broken build, not bad
    /// input.
    pub fn builtin() -> Lexicon {
        match Lexicon::parse(
            ("builtin:text/abbreviations.tsv", ABBREVIATIONS),
            ("builtin:text/starters.txt", STARTERS),
        ) {
            Ok(l) => l,
            Err(e) => panic!("built-in text lexicon: {e:?}"),
        }
    }

    /// Most tokens in one sentence: a longer run is cut into pieces of
    /// this many tokens, so work per sentence stays bounded whatever the
    /// input (a coordination of 50,000 actors, a 10 MB sentence).
    pub fn max_sentence_tokens(&self) -> usize {
        self.sentence_cap.unwrap_or(MAX_SENTENCE_TOKENS).max(1)
    }

    /// Sets [`Lexicon::max_sentence_tokens`].
    pub fn set_max_sentence_tokens(&mut self, n: usize) {
        self.sentence_cap = Some(n);
    }

    /// Parses an abbreviation file and a starter file, each given as
    /// `(path, contents)`; collects every bad line before failing.
    pub fn parse(
        abbrevs: (&str, &str),
        starters: (&str, &str),
    ) -> Result<Lexicon, Vec<DictError>> {
        let mut errors = LineErrors::new(abbrevs.0);
        let mut lex = Lexicon::default();
        for (n, line) in data_lines(abbrevs.1) {
            let mut cols = line.split('\t');
            let (Some(word), Some(class), None) =
                (cols.next(), cols.next(), cols.next())
            else {
                errors.push(
                    n,
                    format!("expected `abbreviation<TAB>class`, got {line:?}"),
                );
                continue;
            };
            let class = match class.trim() {
                "title" => AbbrevClass::Title,
                "number" => AbbrevClass::Number,
                "month" => AbbrevClass::Month,
                "general" => AbbrevClass::General,
                "country" => AbbrevClass::Country,
                other => {
                    errors.push(
                        n,
                        format!(
                            "unknown class {other:?} (title, number, month, \
                             general, country)"
                        ),
                    );
                    continue;
                }
            };
            let word = word.trim();
            if !word.ends_with('.') || word.len() < 2 {
                errors.push(
                    n,
                    format!("abbreviation {word:?} must end in a period"),
                );
                continue;
            }
            let key = word.to_lowercase();
            lex.longest = lex.longest.max(key.len());
            lex.abbrevs.insert(key, class);
        }
        let mut errors = errors.into_errors();
        let mut starter_errors = LineErrors::new(starters.0);
        for (n, line) in data_lines(starters.1) {
            let mut cols = line.split_whitespace();
            let (Some(word), mark, None) =
                (cols.next(), cols.next(), cols.next())
            else {
                starter_errors.push(
                    n,
                    format!("expected a word, optionally `continues`, got {line:?}"),
                );
                continue;
            };
            match mark {
                None => {}
                Some("continues") => {
                    lex.continuers.insert(word.to_lowercase());
                }
                Some(_) => {
                    starter_errors.push(
                        n,
                        format!("expected a word, optionally `continues`, got {line:?}"),
                    );
                    continue;
                }
            }
            lex.starters.insert(word.to_lowercase());
        }
        errors.extend(starter_errors.into_errors());
        if errors.is_empty() {
            Ok(lex)
        } else {
            Err(errors)
        }
    }

    /// The class of `word` (with its final period), ignoring case.
    pub fn abbrev(&self, word: &str) -> Option<AbbrevClass> {
        if word.len() > self.longest {
            return None;
        }
        let mut buf = [0u8; 16];
        if word.is_ascii() && word.len() <= buf.len() {
            let buf = &mut buf[..word.len()];
            buf.copy_from_slice(word.as_bytes());
            buf.make_ascii_lowercase();
            let key = std::str::from_utf8(buf).ok()?;
            return self.abbrevs.get(key).copied();
        }
        self.abbrevs.get(&word.to_lowercase()).copied()
    }

    /// True when `norm` (a lowercased word) is a common sentence starter.
    pub fn is_starter(&self, norm: &str) -> bool {
        self.starters.contains(norm)
    }

    /// True when `norm` (a lowercased starter) continues the sentence
    /// right after a country abbreviation ("U.S. Officials said").
    pub fn continues_after_country(&self, norm: &str) -> bool {
        self.continuers.contains(norm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let lex = Lexicon::builtin();
        let table = [
            ("Mr.", Some(AbbrevClass::Title)),
            ("GEN.", Some(AbbrevClass::Title)),
            ("No.", Some(AbbrevClass::Number)),
            ("Feb.", Some(AbbrevClass::Month)),
            ("Inc.", Some(AbbrevClass::General)),
            ("U.S.", Some(AbbrevClass::Country)),
            ("said.", None),
        ];
        for (word, want) in table {
            assert_eq!(lex.abbrev(word), want, "{word}");
        }
        assert!(lex.is_starter("they"));
        assert!(!lex.is_starter("kennedy"));
        assert!(lex.is_starter("and") && lex.continues_after_country("and"));
        assert!(!lex.continues_after_country("they"));
    }

    #[test]
    fn bad_lines_are_all_reported() {
        let abbrevs = "# c\nmr.\ttitle\nfoo\ttitle\nbar.\tnope\nbaz.\n";
        let starters = "the\ntwo words\nand continues\n";
        let errs = Lexicon::parse(("a.tsv", abbrevs), ("s.txt", starters))
            .expect_err("bad lines");
        let lines: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert!(lines[0].starts_with("a.tsv:3: "), "{lines:?}");
        assert!(lines[1].starts_with("a.tsv:4: unknown class"), "{lines:?}");
        assert!(lines[2].starts_with("a.tsv:5: "), "{lines:?}");
        assert!(lines[3].starts_with("s.txt:2: "), "{lines:?}");
    }
}
