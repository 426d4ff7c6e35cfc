//! Checks `dicts/actors/officeholders.tsv`: five columns, valid dates,
//! `from <= to`, well-formed codes, and no phrase that codes two different
//! ways over overlapping periods. Every bad line is reported as
//! `file:line: reason`.

use std::collections::HashMap;

use chrono::NaiveDate;

const PATH: &str = "dicts/actors/officeholders.tsv";
const DATA: &str = include_str!("../../../dicts/actors/officeholders.tsv");

/// One parsed row: line, code, from, to.
type Row = (usize, String, Option<NaiveDate>, Option<NaiveDate>);

fn valid_code(c: &str) -> bool {
    let upper = c.bytes().all(|b| b.is_ascii_uppercase());
    upper
        && (c.len() == 6
            || (c.len() > 6
                && c.len() <= 12
                && (c.starts_with("IGO") || c.starts_with("NGO"))))
}

fn date(s: &str) -> Result<Option<NaiveDate>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|e| format!("bad date {s:?}: {e}"))
}

/// Checks `text`; returns every problem as `PATH:line: reason`.
fn check(text: &str) -> Vec<String> {
    let mut bad = Vec::new();
    let mut by_phrase: HashMap<String, Vec<Row>> = HashMap::new();
    for (n, l) in text.lines().enumerate() {
        let line = n + 1;
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = l.split('\t').collect();
        if cols.len() != 5 {
            bad.push(format!("{PATH}:{line}: {} columns, want 5", cols.len()));
            continue;
        }
        let (phrases, code, from, to, name) =
            (cols[0], cols[1], cols[2], cols[3], cols[4]);
        if !valid_code(code) {
            bad.push(format!("{PATH}:{line}: bad code {code:?}"));
        }
        if name.trim().is_empty() {
            bad.push(format!("{PATH}:{line}: empty name"));
        }
        let (from, to) = match (date(from), date(to)) {
            (Ok(f), Ok(t)) => (f, t),
            (Err(e), _) | (_, Err(e)) => {
                bad.push(format!("{PATH}:{line}: {e}"));
                continue;
            }
        };
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                bad.push(format!("{PATH}:{line}: from {f} after to {t}"));
            }
        }
        for p in phrases.split('|') {
            let p = p.trim();
            if p.is_empty() {
                bad.push(format!("{PATH}:{line}: empty phrase"));
                continue;
            }
            by_phrase.entry(p.to_lowercase()).or_default().push((
                line,
                code.to_string(),
                from,
                to,
            ));
        }
    }
    let mut phrases: Vec<_> = by_phrase.into_iter().collect();
    phrases.sort();
    for (p, rows) in phrases {
        for (i, a) in rows.iter().enumerate() {
            for b in &rows[i + 1..] {
                if a.1 != b.1 && a.0 != b.0 && overlap(a, b) {
                    bad.push(format!(
                        "{PATH}:{}: phrase {p:?} codes {} here but {} on \
                         line {} over an overlapping period",
                        b.0, b.1, a.1, a.0
                    ));
                }
            }
        }
    }
    bad
}

/// Whether two rows' date ranges share a day (empty ends are open).
fn overlap(a: &Row, b: &Row) -> bool {
    let start = a.2.max(b.2);
    match (a.3, b.3) {
        (Some(x), Some(y)) => start.is_none_or(|s| s <= x.min(y)),
        (Some(x), None) | (None, Some(x)) => start.is_none_or(|s| s <= x),
        (None, None) => true,
    }
}

#[test]
fn officeholders_file_is_clean() {
    let bad = check(DATA);
    assert!(bad.is_empty(), "{} bad lines:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn checker_finds_each_problem() {
    let cases: &[(&str, &str)] = &[
        ("A|B\tUSAGOV\t2001-01-01\t2002-01-01\tA\n", ""),
        ("A\tUSAGOV\t2001-01-01\tA\n", ":1: 4 columns"),
        ("A\tUSAGOVX\t\t\tA\n", ":1: bad code"),
        ("A\tusagov\t\t\tA\n", ":1: bad code"),
        ("A\tIGOUNO\t\t\tA\n", ""),
        ("A\tIGOEUREEC\t\t\tA\n", ""),
        ("A\tUSAGOV\t2001-13-01\t\tA\n", ":1: bad date"),
        (
            "A\tUSAGOV\t2003-01-01\t2002-01-01\tA\n",
            ":1: from 2003-01-01 after",
        ),
        ("A\tUSAGOV\t\t\t \n", ":1: empty name"),
        (
            "A\tUSAGOV\t2001-01-01\t2005-01-01\tA\n\
             A\tUSAELI\t2005-01-02\t\tA\n",
            "",
        ),
        (
            "A\tUSAGOV\t2001-01-01\t2005-01-01\tA\n\
             A\tUSAELI\t2005-01-01\t\tA\n",
            ":2: phrase \"a\" codes USAELI",
        ),
        (
            "A\tUSAGOV\t2001-01-01\t\tA\n\
             A\tRUSGOV\t\t2001-01-01\tA\n",
            ":2: phrase \"a\" codes RUSGOV",
        ),
        (
            "A\tUSAGOV\t2001-01-01\t\tA\n\
             A\tRUSGOV\t\t2000-12-31\tA\n",
            "",
        ),
        (
            "A\tUSAGOV\t2001-01-01\t2002-01-01\tA\n\
             A\tUSAGOV\t2001-06-01\t2003-01-01\tA\n",
            "",
        ),
    ];
    for (text, want) in cases {
        let got = check(text).join("\n");
        if want.is_empty() {
            assert!(got.is_empty(), "{text:?}: unexpected {got}");
        } else {
            assert!(got.contains(want), "{text:?}: want {want:?} in {got:?}");
        }
    }
}
