//! Small helpers the parse repairs (`elided`, `reduced`, `conjunct`)
//! share: reading a word by its 1-based id and re-hanging one.

use crate::syntax::{Deprel, Word};

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
