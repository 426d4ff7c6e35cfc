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

use std::sync::OnceLock;

use super::lemma::FastSet;
use super::sentence::Sent;

/// Longest noun phrase a `^` skips, in words.
const PHRASE_MAX: usize = 6;

/// The word classes of `dicts/tabari_walk.txt`: breaks, degree words,
/// subordinators, auxiliaries.
type Classes =
    (FastSet<String>, FastSet<String>, FastSet<String>, FastSet<String>);

fn classes() -> &'static Classes {
    static C: OnceLock<Classes> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = (
            FastSet::default(),
            FastSet::default(),
            FastSet::default(),
            FastSet::default(),
        );
        for l in include_str!("../../../../dicts/tabari_walk.txt").lines() {
            let l = l.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            match l.split_once('\t') {
                Some((w, "break")) => c.0.insert(w.trim().to_string()),
                Some((w, "degree")) => c.1.insert(w.trim().to_string()),
                Some((w, "sub")) => c.2.insert(w.trim().to_string()),
                Some((w, "aux")) => c.3.insert(w.trim().to_string()),
                // Checked by the `data_file` test.
                _ => false,
            };
        }
        c
    })
}

fn breaks() -> &'static FastSet<String> {
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

/// Whether the verb at `v2` is inside the verb phrase of a verb coded
/// earlier whose pattern ended at `from` (see the module doc).
fn embedded(s: &Sent<'_>, from: usize, v2: usize) -> bool {
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
        } else if classes().2.contains(w) {
            sub = true;
        }
    }
    // "to leave", "to be allowed"
    let to = s.norm(v2 - 1) == "to"
        || (v2 >= from + 2
            && s.norm(v2 - 2) == "to"
            && classes().3.contains(s.norm(v2 - 1)));
    sub || (!comma && to)
}

/// For matches given as (trigger, end, coded TABARI pattern), whether
/// each is embedded in an earlier coded one and so not coded itself.
pub(crate) fn embedded_matches(
    s: &Sent<'_>,
    ms: &[(usize, usize, bool)],
) -> Vec<bool> {
    ms.iter()
        .map(|&(v2, _, tabari)| {
            tabari
                && ms.iter().any(|&(v1, end, t1)| {
                    t1 && v1 < v2 && embedded(s, end.max(v1 + 1), v2)
                })
        })
        .collect()
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
            let ok = matches!(
                l.split_once('\t'),
                Some((_, "break" | "degree" | "sub" | "aux"))
            );
            assert!(ok, "dicts/tabari_walk.txt:{}: {l:?}", n + 1);
        }
        let (b, d, sub, aux) = super::classes();
        assert!(aux.contains("be"));
        assert!(b.contains("about") && d.contains("very"));
        assert!(sub.contains("after"));
    }
}
