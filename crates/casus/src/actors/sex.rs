//! A person's sex as a given name tells it: "he" is not Gloria Arroyo,
//! "she" is not Robert Mugabe, and "Hunter Biden" opening a sentence is
//! not Joe Biden. Only the given names of the lists are known; any other
//! name fits either pronoun.

/// Given names of women: `dicts/words/given_names_women.txt`.
static WOMEN: crate::util::WordList =
    crate::util::word_list!("words/given_names_women.txt");

/// Given names of men: `dicts/words/given_names_men.txt`.
static MEN: crate::util::WordList =
    crate::util::word_list!("words/given_names_men.txt");

/// A sex a given name or a pronoun tells.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Sex {
    Female,
    Male,
}

/// The sex of the given name `word` (any case), when the lists know it.
pub(crate) fn of_given_name(word: &str) -> Option<Sex> {
    let w = word.to_lowercase();
    if WOMEN.contains(w.as_str()) {
        Some(Sex::Female)
    } else if MEN.contains(w.as_str()) {
        Some(Sex::Male)
    } else {
        None
    }
}

/// The sex of a person named `name` (first word its given name).
pub(crate) fn of_name(name: &str) -> Option<Sex> {
    name.split_whitespace().next().and_then(of_given_name)
}

/// The sex a personal pronoun tells ("he", "her"); none for others.
pub(crate) fn of_pronoun(word: &str) -> Option<Sex> {
    match word.to_lowercase().as_str() {
        "he" | "him" | "his" | "himself" => Some(Sex::Male),
        "she" | "her" | "hers" | "herself" => Some(Sex::Female),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_pronouns() {
        assert_eq!(of_name("Gloria Macapagal Arroyo"), Some(Sex::Female));
        assert_eq!(of_name("Hunter Biden"), Some(Sex::Male));
        assert_eq!(of_name("Xi Jinping"), None);
        assert_eq!(of_pronoun("He"), Some(Sex::Male));
        assert_eq!(of_pronoun("she"), Some(Sex::Female));
        assert_eq!(of_pronoun("they"), None);
    }
}
