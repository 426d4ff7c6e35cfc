//! The one reader of line-oriented data files (`dicts/*.tsv`, word
//! lists, user dictionaries in casus's formats): content lines with their
//! numbers, and a collector of every bad line, so whoever edits a file
//! sees all its mistakes in one run.

use crate::error::DictError;

/// The content lines of a data file: `(1-based line number, line)`, the
/// line without a trailing `\r`, skipping blank lines and `#` comments
/// (a `#` after leading blanks too).
pub(crate) fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = l.strip_suffix('\r').unwrap_or(l);
        let t = l.trim_start();
        (!t.is_empty() && !t.starts_with('#')).then_some((i + 1, l))
    })
}

/// A built-in word list (one word a line, `#` comments) as a set of
/// its trimmed lines, borrowed from the compiled-in text.
pub(crate) fn word_set(text: &'static str) -> super::FastSet<&'static str> {
    data_lines(text).map(|(_, l)| l.trim()).collect()
}

/// Every bad line of one file, collected before failing.
#[derive(Debug)]
pub(crate) struct LineErrors {
    path: String,
    errors: Vec<DictError>,
}

impl LineErrors {
    /// A collector for the file `path` (as given, or `builtin:NAME`).
    pub(crate) fn new(path: &str) -> LineErrors {
        LineErrors { path: path.to_string(), errors: Vec::new() }
    }

    /// Records that line `line` is bad, and why.
    pub(crate) fn push(&mut self, line: usize, reason: impl Into<String>) {
        self.errors.push(DictError {
            path: self.path.clone(),
            line,
            reason: reason.into(),
        });
    }

    /// `value` when no line was bad, else every bad line.
    pub(crate) fn finish<T>(self, value: T) -> Result<T, Vec<DictError>> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.errors)
        }
    }

    /// The bad lines so far (for merging several files' errors).
    pub(crate) fn into_errors(self) -> Vec<DictError> {
        self.errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, content lines): blanks and comments are skipped, numbers
    /// count every line, `\r` is dropped.
    #[test]
    fn content_lines() {
        let cases: &[(&str, &[(usize, &str)])] = &[
            ("", &[]),
            ("a\tb\n", &[(1, "a\tb")]),
            ("# c\n\n  \na\r\n  # d\nb", &[(4, "a"), (6, "b")]),
            ("\tx\n", &[(1, "\tx")]),
        ];
        for (text, want) in cases {
            let got: Vec<(usize, &str)> = data_lines(text).collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }

    /// Word lists: comments skipped, words trimmed; the built-in lists
    /// read by lowercase lookup hold only lowercase words.
    #[test]
    fn word_sets() {
        let set = word_set("# c\n foreign \nworld\n\n");
        assert!(set.contains("foreign") && set.contains("world"));
        assert_eq!(set.len(), 2);
        let builtin = [
            include_str!("../../../../dicts/ner/abroad_premodifiers.txt"),
            include_str!("../../../../dicts/hazards.txt"),
            include_str!("../../../../dicts/ner/not_modifiers.txt"),
            include_str!("../../../../dicts/ner/weapons.txt"),
            include_str!("../../../../dicts/ner/launch_verbs.txt"),
            include_str!("../../../../dicts/causing_verbs.txt"),
            include_str!("../../../../dicts/fight_nouns.txt"),
            include_str!("../../../../dicts/ends_nouns.txt"),
            include_str!("../../../../dicts/ner/facility_nouns.txt"),
            include_str!("../../../../dicts/time/meeting_openers.txt"),
            include_str!("../../../../dicts/time/meeting_words.txt"),
            include_str!("../../../../dicts/ordinals.txt"),
            include_str!("../../../../dicts/model/name_verbs.txt"),
            include_str!("../../../../dicts/time/act_nouns.txt"),
            include_str!("../../../../dicts/time/agreement_nouns.txt"),
            include_str!("../../../../dicts/time/agreement_verbs.txt"),
            include_str!("../../../../dicts/time/meeting_acts.txt"),
            include_str!("../../../../dicts/time/meeting_nouns.txt"),
            include_str!("../../../../dicts/time/saying_verbs.txt"),
            include_str!("../../../../dicts/words/actor_place_nouns.txt"),
            include_str!("../../../../dicts/words/asking_verbs.txt"),
            include_str!("../../../../dicts/words/attack_nouns.txt"),
            include_str!("../../../../dicts/words/blast_weapons.txt"),
            include_str!("../../../../dicts/words/blast_words.txt"),
            include_str!("../../../../dicts/words/body_titles.txt"),
            include_str!("../../../../dicts/words/claim_verbs.txt"),
            include_str!("../../../../dicts/words/continent_prefixes.txt"),
            include_str!("../../../../dicts/words/conversation_nouns.txt"),
            include_str!("../../../../dicts/words/facility_after.txt"),
            include_str!("../../../../dicts/words/firm_nouns.txt"),
            include_str!("../../../../dicts/words/general_nouns.txt"),
            include_str!("../../../../dicts/words/legal_forms.txt"),
            include_str!("../../../../dicts/words/member_words.txt"),
            include_str!("../../../../dicts/words/military_of.txt"),
            include_str!("../../../../dicts/words/money_nouns.txt"),
            include_str!("../../../../dicts/words/money_verbs.txt"),
            include_str!("../../../../dicts/words/not_places.txt"),
            include_str!("../../../../dicts/words/official_of.txt"),
            include_str!("../../../../dicts/words/part_nouns.txt"),
            include_str!("../../../../dicts/words/people_after.txt"),
            include_str!("../../../../dicts/words/place_nouns.txt"),
            include_str!("../../../../dicts/words/protest_words.txt"),
            include_str!(
                "../../../../dicts/words/protest_words_not_alone.txt"
            ),
            include_str!("../../../../dicts/words/quantity_nouns.txt"),
            include_str!("../../../../dicts/words/receiver_verbs.txt"),
            include_str!("../../../../dicts/words/reporting_verbs.txt"),
            include_str!("../../../../dicts/words/speaker_nouns.txt"),
            include_str!("../../../../dicts/words/market_commentators.txt"),
            include_str!("../../../../dicts/words/government_nouns.txt"),
            include_str!("../../../../dicts/words/use_verbs.txt"),
            include_str!("../../../../dicts/time/lookback.txt"),
            include_str!("../../../../dicts/words/allegiance.txt"),
            include_str!("../../../../dicts/words/directions.txt"),
            include_str!("../../../../dicts/words/fighting_parts.txt"),
            include_str!("../../../../dicts/words/harm_words.txt"),
            include_str!("../../../../dicts/words/labour_words.txt"),
            include_str!("../../../../dicts/words/one_sided.txt"),
            include_str!("../../../../dicts/words/other_side.txt"),
            include_str!("../../../../dicts/words/swaps.txt"),
            include_str!("../../../../dicts/words/fight_swaps.txt"),
            include_str!("../../../../dicts/words/state_institutions.txt"),
        ];
        for text in builtin {
            for w in word_set(text) {
                assert_eq!(w, w.to_lowercase(), "{w:?} must be lowercase");
            }
        }
    }

    /// Every list in `dicts/words/` and `dicts/time/` is read by
    /// lowercase lookup (`word_list!`), so each must hold only lowercase
    /// entries: a new file is checked without being named here.
    #[test]
    fn word_list_directories_are_lowercase() {
        let dicts = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../dicts");
        let mut files = 0;
        for dir in ["words", "time"] {
            for entry in std::fs::read_dir(dicts.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "txt") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for (_, line) in data_lines(&text) {
                        let w = line.trim();
                        assert_eq!(w, w.to_lowercase(), "{path:?}: {w:?}");
                    }
                    files += 1;
                }
            }
        }
        assert!(files >= 50, "only {files} word lists found");
    }

    #[test]
    fn errors_collected() {
        let mut e = LineErrors::new("f.tsv");
        assert_eq!(LineErrors::new("g").finish(1), Ok(1));
        e.push(2, "bad");
        e.push(5, String::from("worse"));
        let errs = e.finish(()).unwrap_err();
        let shown: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(shown, ["f.tsv:2: bad", "f.tsv:5: worse"]);
    }
}
