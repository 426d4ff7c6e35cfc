//! One-sided acts: a protest or an attack the text tells without naming
//! who did it ("a sit-in was held in Gafsa", "a grenade attack on a
//! bar"). The word lists and tests here are read both by the role step
//! (a nominal trigger may stand with no source) and by assembly (which
//! codes the implied protesters or attackers), so they live below both.

use super::engine::SentenceCtx;
use super::trigger::Trigger;

/// Words that name a protest by themselves (as a noun, or the verb of
/// the protest itself): an act of CAMEO root 14 with one of them among
/// its pattern's literal words is a protest even when no protester is
/// named. Verbs with other common senses ("the dollar rallied", "troops
/// marched") count only beside another literal word ("held a rally").
///
/// The list: `dicts/words/protest_words.txt`.
pub(super) static PROTEST_WORDS: crate::util::WordList =
    crate::util::word_list!("words/protest_words.txt");

/// Of [`PROTEST_WORDS`], those that need another literal word.
///
/// The list: `dicts/words/protest_words_not_alone.txt`.
pub(super) static PROTEST_WORDS_NOT_ALONE: crate::util::WordList =
    crate::util::word_list!("words/protest_words_not_alone.txt");

/// Whether the trigger's words follow a definite determiner within two
/// words ("the raid", "the recent protests"): a reference back to an act
/// told before, not a new one.
pub(super) fn definite(cx: &SentenceCtx<'_>, t: &Trigger) -> bool {
    let lo = t.m.literals.iter().copied().min().unwrap_or(t.v()).min(t.v());
    (lo.saturating_sub(2)..lo).any(|i| {
        matches!(
            cx.s.norm(i),
            "the" | "this" | "that" | "these" | "those" | "its" | "their"
        )
    })
}

/// Weapons and attacks that name political violence by themselves.
///
/// The list: `dicts/words/blast_words.txt`.
pub(super) static BLAST_WORDS: crate::util::WordList =
    crate::util::word_list!("words/blast_words.txt");

/// Of [`BLAST_WORDS`], weapons: alone ("a bomb was found and defused")
/// they name no attack; beside another literal word ("a bomb exploded",
/// "hurled a grenade") they do.
///
/// The list: `dicts/words/blast_weapons.txt`.
pub(super) static WEAPONS: crate::util::WordList =
    crate::util::word_list!("words/blast_weapons.txt");

/// Whether trigger `t` may code with nobody named as its doer: a protest
/// or a weapon or attack word among its pattern's literals (so a nominal
/// trigger with no source still codes: "a sit-in was held", "a grenade
/// attack on a bar").
pub(crate) fn one_sided(cx: &SentenceCtx<'_>, t: &Trigger) -> bool {
    if definite(cx, t) {
        return false;
    }
    let Some(root) = t.cameo.root() else { return false };
    let words = match root.as_str() {
        "14" => &*PROTEST_WORDS,
        "18" | "19" | "20" => &*BLAST_WORDS,
        _ => return false,
    };
    let lits = &t.m.literals;
    lits.iter().any(|&i| {
        let w = cx.s.norm(i).to_lowercase();
        words.contains(w.as_str())
            && (lits.len() > 1
                || !(WEAPONS.contains(w.as_str())
                    || PROTEST_WORDS_NOT_ALONE.contains(w.as_str())))
    })
}
