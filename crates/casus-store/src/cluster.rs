//! The cluster rule's pure parts: evidence tokens, their Jaccard overlap
//! and the day an event date stands for (base codes are
//! [`casus::CameoCode::base`]).
//!
//! Two mentions belong to one cluster when they have the same event date
//! string, the same source and target actor codes and the same CAMEO root,
//! and either the same 3-digit base code or evidence whose token sets
//! overlap by at least [`MERGE_THRESHOLD`] (Jaccard). They must also share
//! the day and the actor countries (these follow from the date and codes
//! except for dates that name no period), so every mention of a cluster
//! falls in the cluster's rollup bucket. See ARCHITECTURE.md.

use std::collections::BTreeSet;

use casus::time::value::Val;
use chrono::NaiveDate;

/// Minimum token Jaccard overlap for two mentions with the same root but
/// different base codes to merge (paraphrases coded to sibling codes).
pub const MERGE_THRESHOLD: f64 = 0.5;

/// Lowercased alphanumeric tokens of `text`, without one-letter tokens
/// and a few function words, deduplicated and sorted.
pub fn tokens(text: &str) -> BTreeSet<String> {
    const STOP: &[&str] = &[
        "the", "of", "and", "to", "in", "on", "a", "an", "for", "with", "by",
        "at", "from", "as", "that", "is", "was", "its", "it", "said", "says",
        "has", "have", "had", "be", "been", "were", "are",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| t.chars().count() > 1)
        .map(str::to_lowercase)
        .filter(|t| !STOP.contains(&t.as_str()))
        .collect()
}

/// Jaccard similarity |a ∩ b| / |a ∪ b| of two token sets (0 when both
/// are empty).
pub fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// The first day of the period a TIMEX3-style date names (`2024-02-09`,
/// `2024-02`, `2024-W06`, `2024`), read by casus's own
/// [`casus::time::value::Val`], or `fallback` when it names none
/// (`PAST_REF`, seasons and quarters).
pub(crate) fn day_of(date: &str, fallback: NaiveDate) -> NaiveDate {
    Val::parse(date).and_then(|v| v.first_day()).unwrap_or(fallback)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days() {
        let f = NaiveDate::from_ymd_opt(2024, 2, 11).unwrap();
        let cases = [
            ("2024-02-09", "2024-02-09"),
            ("2024-02-09T10:00", "2024-02-09"),
            ("2024-02", "2024-02-01"),
            ("2024-W06", "2024-02-05"),
            ("2023", "2023-01-01"),
            ("PAST_REF", "2024-02-11"),
            ("", "2024-02-11"),
            ("2024-13", "2024-02-11"),
        ];
        for (input, want) in cases {
            assert_eq!(day_of(input, f).to_string(), want, "{input}");
        }
    }

    #[test]
    fn overlap() {
        let cases = [
            ("Egypt condemned the attack", "Egypt condemned the attack", 1.0),
            ("Egypt condemned the attack", "Egypt denounced the attack", 0.5),
            ("a b", "", 0.0),
            ("Egypt condemned", "Israel praised", 0.0),
        ];
        for (a, b, want) in cases {
            assert_eq!(jaccard(&tokens(a), &tokens(b)), want, "{a} | {b}");
        }
    }
}
