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
//! A trigger right after a degree adverb ("very close") is an adjective,
//! not a verb.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::sentence::Sent;

/// Longest noun phrase a `^` skips, in words.
const PHRASE_MAX: usize = 6;

/// The word classes of `dicts/tabari_walk.txt`: (breaks, degree words).
fn classes() -> &'static (HashSet<String>, HashSet<String>) {
    static C: OnceLock<(HashSet<String>, HashSet<String>)> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = (HashSet::new(), HashSet::new());
        for l in include_str!("../../../../dicts/tabari_walk.txt").lines() {
            let l = l.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            match l.split_once('\t') {
                Some((w, "break")) => c.0.insert(w.trim().to_string()),
                Some((w, "degree")) => c.1.insert(w.trim().to_string()),
                // Checked by the `data_file` test.
                _ => false,
            };
        }
        c
    })
}

fn breaks() -> &'static HashSet<String> {
    &classes().0
}

/// Where the noun phrase starting at token `pos` ends (one past it);
/// `pos` itself when there is no phrase to skip.
pub(crate) fn skip_phrase(s: &Sent<'_>, pos: usize) -> usize {
    let b = breaks();
    let mut j = pos;
    if j < s.len() && b.contains(s.norm(j)) && s.group_at(j).is_none() {
        j += 1;
    }
    let limit = (j + PHRASE_MAX).min(s.len());
    while j < limit {
        if let Some(g) = s.group_at(j) {
            return s.groups[g].end;
        }
        let w = s.norm(j);
        if b.contains(w) || !w.chars().any(char::is_alphanumeric) {
            return if j > pos { j } else { pos };
        }
        j += 1;
    }
    pos
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

/// Whether the word at `v` is an adjective by its degree adverb ("very
/// close", "too late"): no verb pattern fires there.
pub(crate) fn adjectival(s: &Sent<'_>, v: usize) -> bool {
    v > 0 && classes().1.contains(s.norm(v - 1))
}

#[cfg(test)]
mod tests {
    #[test]
    fn data_file() {
        for (n, l) in include_str!("../../../../dicts/tabari_walk.txt")
            .lines()
            .enumerate()
        {
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let ok =
                matches!(l.split_once('\t'), Some((_, "break" | "degree")));
            assert!(ok, "dicts/tabari_walk.txt:{}: {l:?}", n + 1);
        }
        let (b, d) = super::classes();
        assert!(b.contains("about") && d.contains("very"));
    }
}
