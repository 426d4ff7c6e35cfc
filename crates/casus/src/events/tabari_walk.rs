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

use std::collections::HashSet;
use std::sync::OnceLock;

use super::sentence::Sent;

/// Longest noun phrase a `^` skips, in words.
const PHRASE_MAX: usize = 6;

fn breaks() -> &'static HashSet<String> {
    static B: OnceLock<HashSet<String>> = OnceLock::new();
    B.get_or_init(|| {
        include_str!("../../../../dicts/tabari_walk.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    })
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
