//! Word tests on the text around a time expression, shared by the
//! resolver, the range reader, roles and the narrative anchor (kept here,
//! below all of them, so none imports another for a word test).

/// True when `before` ends with one of `words` (a whole word, any case).
pub(crate) fn ends_with_word(before: &str, words: &[&str]) -> bool {
    let b = before.trim_end();
    let last = b.rsplit(|c: char| !c.is_ascii_alphabetic()).next();
    let Some(last) = last.filter(|w| !w.is_empty()) else { return false };
    words.iter().any(|w| w.eq_ignore_ascii_case(last))
}

/// Whether lowercased `w` is a determiner that puts a following date
/// inside a noun phrase ("the October 20 election", "its 2019 budget").
pub(crate) fn determiner(w: &str) -> bool {
    matches!(w, "a" | "an" | "the" | "its" | "his" | "her" | "their" | "our")
}

/// The last run of ASCII letters in `text` before byte `at`, lowercased
/// ("" when none): the word a time expression at `at` follows.
pub(crate) fn word_before(text: &str, at: usize) -> String {
    text.get(..at)
        .unwrap_or("")
        .trim_end()
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_before_expressions() {
        assert!(ends_with_word("talks on", &["on", "since"]));
        assert!(!ends_with_word("talkson", &["on"]));
        assert!(!ends_with_word("", &["on"]));
        assert_eq!(word_before("the 2019 budget", 4), "the");
        assert_eq!(word_before("2019", 0), "");
        assert!(determiner("its") && !determiner("in"));
    }
}
