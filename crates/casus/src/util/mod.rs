//! Helpers below every stage: hash maps keyed by short words, word
//! maps, word-shape filters, the one FNV-1a hash and the one reader of
//! line-oriented data files.
//!
//! Why a module of its own: stages import only earlier stages and
//! `util`, never a sibling or a later stage, so helpers that several
//! stages share live here, below all of them (as aho-corasick keeps its
//! `util/`). Nothing here knows about articles, actors or events.
//!
//! # Example
//!
//! ```text
//! use crate::util::{data_lines, LineErrors, WordMap};
//!
//! let mut classes: WordMap<u8> = WordMap::default();
//! let mut errs = LineErrors::new("classes.tsv");
//! for (n, line) in data_lines("# comment\nabout\tbreak\nvery\n") {
//!     match line.split_once('\t') {
//!         Some((w, "break")) => *classes.or_insert(w, 0) |= 1,
//!         _ => errs.push(n, "expected `word<TAB>class`"),
//!     }
//! }
//! assert_eq!(errs.finish(classes).unwrap_err()[0].line, 3);
//! ```

/// The [`WordList`] of `dicts/<path>`, read at compile time: `static
/// SWAPS: WordList = word_list!("words/swaps.txt");`. Every caller is a
/// module two folders below the crate root (`src/<stage>/<file>.rs`), as
/// this one is, so the relative path is the same for all.
macro_rules! word_list {
    ($path:literal) => {
        std::sync::LazyLock::new(|| {
            $crate::util::word_set(include_str!(concat!(
                "../../../../dicts/",
                $path
            )))
        })
    };
}
pub(crate) use word_list;

mod fnv;
mod hash;
mod lines;
mod oneline;
mod words;

pub use self::fnv::Fnv1a;
pub(crate) use self::hash::{FastBuild, FastMap, FastSet};
pub(crate) use self::lines::{data_lines, word_set, LineErrors};
pub(crate) use self::oneline::{one_line, one_line_opt};
pub(crate) use self::words::{WordMap, WordShapes};

/// A built-in word list (one word or phrase a line, `#` comments) as a
/// set made on first use ([`word_set`]); declared with [`word_list!`].
pub(crate) type WordList = std::sync::LazyLock<FastSet<&'static str>>;

/// "05:00", "9:30": hours and minutes with a colon (a live blog's clock
/// stamp, read by the parser's dateline split and the time roles).
pub(crate) fn clock_time(word: &str) -> bool {
    let Some((h, m)) = word.split_once(':') else { return false };
    (1..=2).contains(&h.len())
        && m.len() == 2
        && h.chars().chain(m.chars()).all(|c| c.is_ascii_digit())
}
