//! Text approximations of PETRARCH-1's parse-tree walk, for the
//! TABARI/PETRARCH verb patterns: what the tree decides in PETRARCH is
//! decided here from the words and the actor groups.
//!
//! A `^` right before an actor slot skips one noun phrase, not a word
//! window: "warned their Ent populations about the Prince" with `* THEIR
//! ^ +` skips "Ent populations" (actor and all), and the slot binds the
//! Prince. The phrase is an optional leading preposition, then words up
//! to the first actor group (included) or to a phrase break (a
//! preposition, conjunction or relative word: `dicts/tabari_walk.txt`),
//! or punctuation.
//!
//! A verb inside the verb phrase of an earlier coded TABARI verb is not
//! coded on its own (PETRARCH codes the phrase once): an infinitive
//! ("abandoned efforts to stop ...", "called on X to be allowed to leave
//! ...") or a verb after a subordinator with no comma between ("restore
//! ties ..., after crowds burned its embassy"); a comma after the
//! subordinator ends its clause (", a senior official said").
//!
//! A trigger right after a degree adverb ("very close") is an adjective,
//! not a verb.

use super::sentence::Sent;
use crate::error::DictError;
use crate::util::{data_lines, LineErrors, WordMap};

/// The built-in word classes (`dicts/tabari_walk.txt`).
pub(crate) const BUILTIN_WALK: &str =
    include_str!("../../../../dicts/tabari_walk.txt");

/// Longest noun phrase a `^` skips, in words.
const PHRASE_MAX: usize = 6;

/// The word classes of `dicts/tabari_walk.txt`, as bits per word.
const BREAK: u8 = 1;
const DEGREE: u8 = 2;
const SUB: u8 = 4;
const AUX: u8 = 8;

/// The walk's word classes (phrase breaks, degree adverbs,
/// subordinators, auxiliaries), parsed once per event coder.
#[derive(Clone, Debug, Default)]
pub(crate) struct Walk {
    classes: WordMap<u8>,
}

impl Walk {
    /// Parses `word<TAB>break|degree|sub|aux` lines.
    pub(crate) fn parse(
        path: &str,
        text: &str,
    ) -> Result<Walk, Vec<DictError>> {
        let mut classes = WordMap::default();
        let mut errs = LineErrors::new(path);
        for (n, l) in data_lines(text) {
            let (w, bit) = match l.trim().split_once('\t') {
                Some((w, "break")) => (w, BREAK),
                Some((w, "degree")) => (w, DEGREE),
                Some((w, "sub")) => (w, SUB),
                Some((w, "aux")) => (w, AUX),
                _ => {
                    errs.push(n, "expected `word<TAB>break|degree|sub|aux`");
                    continue;
                }
            };
            *classes.or_insert(w.trim(), 0) |= bit;
        }
        errs.finish(Walk { classes })
    }

    /// Whether `w` is in class `bit`.
    fn is(&self, w: &str, bit: u8) -> bool {
        self.classes.get(w).is_some_and(|&c| c & bit != 0)
    }

    /// Where the noun phrase starting at token `pos` ends (one past it);
    /// `pos` itself when there is no phrase to skip.
    pub(crate) fn skip_phrase(&self, s: &Sent<'_>, pos: usize) -> usize {
        let mut j = pos;
        if j < s.len() && self.is(s.norm(j), BREAK) && s.group_at(j).is_none()
        {
            j += 1;
        }
        let limit = (j + PHRASE_MAX).min(s.len());
        while j < limit {
            if let Some(g) = s.group_at(j) {
                return s.groups[g].end;
            }
            let w = s.norm(j);
            if self.is(w, BREAK) || !w.chars().any(char::is_alphanumeric) {
                return if j > pos { j } else { pos };
            }
            j += 1;
        }
        pos
    }

    /// Whether the word at `v` is an adjective by its degree adverb ("very
    /// close", "too late"): no verb pattern fires there.
    pub(crate) fn adjectival(&self, s: &Sent<'_>, v: usize) -> bool {
        v > 0 && self.is(s.norm(v - 1), DEGREE)
    }

    /// Whether the verb at `v2` is inside the verb phrase of a verb coded
    /// earlier whose pattern ended at `from` (see the module doc).
    fn embedded(&self, s: &Sent<'_>, from: usize, v2: usize) -> bool {
        if from >= v2 {
            return false;
        }
        let mut sub = false;
        let mut comma = false;
        for j in from..v2 {
            let w = s.norm(j);
            if matches!(w, ";" | "." | "!" | "?" | ":") {
                return false;
            }
            if w == "," {
                comma = true;
                sub = false;
            } else if self.is(w, SUB) {
                sub = true;
            }
        }
        // "to leave", "to be allowed"
        let to = s.norm(v2 - 1) == "to"
            || (v2 >= from + 2
                && s.norm(v2 - 2) == "to"
                && self.is(s.norm(v2 - 1), AUX));
        sub || (!comma && to)
    }

    /// For matches given as (trigger, end, coded TABARI pattern), whether
    /// each is embedded in an earlier coded one and so not coded itself.
    pub(crate) fn embedded_matches(
        &self,
        s: &Sent<'_>,
        ms: &[(usize, usize, bool)],
    ) -> Vec<bool> {
        ms.iter()
            .map(|&(v2, _, tabari)| {
                tabari
                    && ms.iter().any(|&(v1, end, t1)| {
                        t1 && v1 < v2 && self.embedded(s, end.max(v1 + 1), v2)
                    })
            })
            .collect()
    }
}

/// Words between a leading `+` and the pattern's first word.
const LEAD_GAP: usize = 3;

/// The actor group ending right before token `pos` (up to [`LEAD_GAP`]
/// words before it, not across punctuation), not a place: the `+` of a
/// target-first pattern whose first word is not the trigger ("Mordor
/// will be hosting ... to celebrate" with `+ HOSTING * ...`).
pub(crate) fn actor_before(s: &Sent<'_>, pos: usize) -> Option<usize> {
    let lo = pos.saturating_sub(LEAD_GAP + 1);
    for j in (lo..pos).rev() {
        if let Some(g) = s.group_of[j] {
            let gr = &s.groups[g];
            return (gr.end <= pos && !gr.place).then_some(g);
        }
        if !s.norm(j).chars().any(char::is_alphanumeric) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file() {
        let w = Walk::parse("walk", BUILTIN_WALK).expect("built-in walk");
        assert!(w.is("be", AUX) && !w.is("be", BREAK));
        assert!(w.is("about", BREAK) && w.is("very", DEGREE));
        assert!(w.is("after", SUB));
        let bad = Walk::parse("w.txt", "# c\nabout\tbreak\nvery\n")
            .expect_err("bad line");
        assert_eq!(
            bad[0].to_string(),
            "w.txt:3: expected `word<TAB>break|degree|sub|aux`"
        );
    }
}
