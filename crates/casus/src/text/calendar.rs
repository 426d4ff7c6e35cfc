//! Names of months and weekdays, the one list every stage reads.
//!
//! Why here: sentence splitting needs months ("Jan. 5 The ..."), and the
//! actor and event stages both need to tell a capitalised date word from
//! a name ("an official Monday said", "in Gaza Sunday"). The text layer
//! is the earliest stage all of them may import, so the words live once,
//! here. All functions take lowercased token text and match it exactly
//! (callers trim a trailing period where they want "jan." too).
//!
//! # Example
//!
//! ```text
//! use crate::text::calendar;
//!
//! assert!(calendar::is_month("sept"));
//! assert!(!calendar::is_month_name("sept"));
//! assert!(calendar::is_weekday("sunday"));
//! ```

/// A full month name: "january" .. "december".
pub(crate) fn is_month_name(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// A month name, full or abbreviated ("jan", "sept").
pub(crate) fn is_month(w: &str) -> bool {
    is_month_name(w)
        || matches!(
            w,
            "jan"
                | "feb"
                | "mar"
                | "apr"
                | "jun"
                | "jul"
                | "aug"
                | "sep"
                | "sept"
                | "oct"
                | "nov"
                | "dec"
        )
}

/// A weekday name: "monday" .. "sunday".
pub(crate) fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// A month (full or abbreviated) or a weekday, lowercase: a date word,
/// never a place or a name.
pub(crate) fn is_date_word(w: &str) -> bool {
    is_month(w) || is_weekday(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        for (w, name, month, day) in [
            ("january", true, true, false),
            ("may", true, true, false),
            ("sept", false, true, false),
            ("dec", false, true, false),
            ("jan.", false, false, false),
            ("sunday", false, false, true),
            ("today", false, false, false),
            ("minister", false, false, false),
        ] {
            assert_eq!(is_month_name(w), name, "{w}");
            assert_eq!(is_month(w), month, "{w}");
            assert_eq!(is_weekday(w), day, "{w}");
        }
    }
}
