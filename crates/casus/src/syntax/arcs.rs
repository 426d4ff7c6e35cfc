//! Small helpers the parse repairs (`elided`, `reduced`, `conjunct`)
//! share: reading a word by its 1-based id and re-hanging one.

use crate::syntax::{Deprel, Rel, Sub, Word};

/// The word at id `id` (1-based).
pub(super) fn at(words: &[Word], id: u32) -> Option<&Word> {
    (id as usize).checked_sub(1).and_then(|i| words.get(i))
}

/// Hangs word `w` on `head` with relation `d` (a repair: margin 0).
pub(super) fn set(words: &mut [Word], w: u32, head: u32, d: Deprel) {
    if let Some(x) = (w as usize).checked_sub(1).and_then(|i| words.get_mut(i))
    {
        x.head = head;
        x.deprel = d;
        x.margin = 0.0;
    }
}

/// True when `x` has a child with relation `rel` (any subtype) and,
/// when `sub` is given, that subtype.
pub(super) fn has_child(
    words: &[Word],
    x: u32,
    rel: Rel,
    sub: Option<Sub>,
) -> bool {
    words.iter().any(|w| {
        w.head == x
            && w.deprel.rel == rel
            && sub.map_or(true, |s| w.deprel.sub == s)
    })
}
