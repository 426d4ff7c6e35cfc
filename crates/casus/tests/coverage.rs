//! Coverage of the CAMEO codebook by the built-in verb patterns
//! (`dicts/verbs/*.toml`): every code of `dicts/cameo.tsv` below the root
//! level has at least one pattern, every pattern codes a code of the table
//! (or `---`, a discard), and every coding pattern has its own examples.
//!
//! The twenty two-digit root codes (`01` .. `20`) are categories, not
//! acts: an act of a root that no sub-code describes is coded with the
//! root's `X0` code (`010`, `020`, ... `200`), so the roots need no
//! pattern of their own.
//!
//! ```text
//! cargo test -p casus --release --test coverage
//! ```

use std::collections::BTreeSet;

const CAMEO: &str = include_str!("../../../dicts/cameo.tsv");

/// The codes of `dicts/cameo.tsv` (first column), in file order.
fn table_codes(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .map(str::to_string)
        .collect()
}

/// A root-level category code (`01` .. `20`), which needs no pattern.
fn is_root(code: &str) -> bool {
    code.len() == 2
}

/// The table's codes below the root level that no pattern codes.
fn uncovered(table: &[String], coded: &BTreeSet<&str>) -> Vec<String> {
    table
        .iter()
        .filter(|c| !is_root(c) && !coded.contains(c.as_str()))
        .cloned()
        .collect()
}

/// Codes patterns use that the table does not have (a typo codes nothing
/// an analyst can look up).
fn unknown<'a>(table: &[String], coded: &BTreeSet<&'a str>) -> Vec<&'a str> {
    coded
        .iter()
        .copied()
        .filter(|c| *c != "---" && !table.iter().any(|t| t == c))
        .collect()
}

#[test]
fn uncovered_and_unknown_codes_are_found() {
    let table: Vec<String> =
        ["01", "010", "011", "19", "190"].map(String::from).to_vec();
    let cases: &[(&[&str], &[&str], &[&str])] = &[
        // (coded, want uncovered, want unknown)
        (&["010", "011", "190"], &[], &[]),
        (&["010", "190"], &["011"], &[]),
        (&["010", "011", "190", "---"], &[], &[]),
        (&["010", "011", "190", "0111"], &[], &["0111"]),
        (&[], &["010", "011", "190"], &[]),
    ];
    for (coded, want_unc, want_unk) in cases {
        let coded: BTreeSet<&str> = coded.iter().copied().collect();
        assert_eq!(uncovered(&table, &coded), *want_unc, "{coded:?}");
        assert_eq!(unknown(&table, &coded), *want_unk, "{coded:?}");
    }
}

#[test]
fn every_cameo_code_has_a_pattern() {
    let table = table_codes(CAMEO);
    assert!(table.len() > 300, "dicts/cameo.tsv: {} codes", table.len());
    let patterns =
        casus::dict::builtin_verb_examples().expect("built-in verb patterns");
    let coded: BTreeSet<&str> =
        patterns.iter().map(|p| p.cameo.as_str()).collect();
    let missing = uncovered(&table, &coded);
    assert!(
        missing.is_empty(),
        "{} CAMEO codes of dicts/cameo.tsv have no pattern in \
         dicts/verbs/*.toml: {}",
        missing.len(),
        missing.join(" ")
    );
    let bad = unknown(&table, &coded);
    assert!(
        bad.is_empty(),
        "patterns code CAMEO codes that dicts/cameo.tsv lacks: {}",
        bad.join(" ")
    );
}

#[test]
fn every_coding_pattern_has_examples() {
    let patterns =
        casus::dict::builtin_verb_examples().expect("built-in verb patterns");
    let bare: Vec<String> = patterns
        .iter()
        .filter(|p| p.cameo != "---" && p.examples.is_empty())
        .map(|p| format!("{} ({})", p.id, p.origin))
        .collect();
    assert!(
        bare.is_empty(),
        "patterns without examples:\n{}",
        bare.join("\n")
    );
}
