//! Ranges written as two expressions: "from Monday to Wednesday",
//! "between March 30 and April 2", "on Monday and Tuesday", "March
//! 30-April 2". The first keeps its span and value (the range's start)
//! and gains the second's value as [`super::TimeMention::range_end`];
//! the second becomes a [`Role::RangeEnd`], so events are dated by the
//! start. Spans stay as TimeML annotates them (two expressions); ranges
//! inside one expression ("Jan. 6-7") are the rules' (`day2`).

use chrono::Datelike;

use super::value::{Gran, Val};
use super::words::ends_with_word;
use super::{Role, TimeMention, TimexType};

/// Words joining a range's two ends.
const JOINERS: &[&str] =
    &["-", "\u{2013}", "\u{2014}", "to", "through", "thru", "and"];

/// Joiners that need "from" before the start ("from May until June").
const FROM_JOINERS: &[&str] = &["until", "till"];

/// Links every pair of neighbouring expressions that forms a range.
pub(crate) fn link(text: &str, out: &mut [TimeMention]) {
    for i in 1..out.len() {
        let (left, right) = out.split_at_mut(i);
        let (a, b) = (&mut left[i - 1], &mut right[0]);
        if let Some((start, end)) = range_end(text, a, b) {
            a.value = start;
            a.range_end = Some(end);
            b.role = Role::RangeEnd;
        }
    }
}

/// The values of the range `a` starts and `b` ends, if they form one:
/// one sentence, joined by a range word, dates of one granularity, the
/// end after the start and not absurdly far. A start written without
/// its year ("from May until June 2023") takes the end's.
fn range_end(
    text: &str,
    a: &TimeMention,
    b: &TimeMention,
) -> Option<(String, String)> {
    let dated = |t: &TimeMention| {
        matches!(t.kind, TimexType::Date | TimexType::Time)
            && t.range_end.is_none()
    };
    if a.sentence != b.sentence || !dated(a) || !dated(b) {
        return None;
    }
    if a.role != Role::Point || !matches!(b.role, Role::Point | Role::Until) {
        return None;
    }
    let gap = text.get(a.span.end as usize..b.span.start as usize)?;
    let gap = gap.trim().to_ascii_lowercase();
    let from = ends_with_word(&text[..a.span.start as usize], &["from"]);
    let joined = JOINERS.contains(&gap.as_str())
        || (from && FROM_JOINERS.contains(&gap.as_str()));
    if !joined {
        return None;
    }
    let (va, vb) = (Val::parse(&a.value)?, Val::parse(&b.value)?);
    if va.gran() != vb.gran() {
        return None;
    }
    // Only a year written on the end alone moves the start's.
    let written = text.get(a.span.range()).unwrap_or("");
    let end_year = has_year(text.get(b.span.range()).unwrap_or(""));
    let reyear = end_year && !has_year(written);
    let va = match va {
        Val::Month(_, m) if reyear => start_before(vb, |y| Val::Month(y, m)),
        Val::Day(d) if reyear => start_before(vb, |y| {
            chrono::NaiveDate::from_ymd_opt(y, d.month(), d.day())
                .map_or(Val::Day(d), Val::Day)
        }),
        v => v,
    };
    let (da, db) = (va.first_day()?, vb.first_day()?);
    let span = (db - da).num_days();
    let most = match va.gran() {
        Gran::Day | Gran::Week => 366,
        Gran::Month => 2 * 366,
        Gran::Year => 50 * 366,
    };
    (span > 0 && span <= most).then(|| (va.to_string(), vb.to_string()))
}

/// True when `written` holds a four-digit number (a year).
fn has_year(written: &str) -> bool {
    written.split(|c: char| !c.is_ascii_digit()).any(|n| n.len() == 4)
}

/// The start value `make(y)` in the end's year, or the year before
/// when that would follow the end ("from December to March 2024").
fn start_before(end: Val, make: impl Fn(i32) -> Val) -> Val {
    let y = end.year();
    let same = make(y);
    match (same.first_day(), end.first_day()) {
        (Some(s), Some(e)) if s > e => make(y - 1),
        _ => same,
    }
}

#[cfg(test)]
mod tests {
    use crate::time::{Role, TimeTagger};

    /// (DCT, text, [(expression, value, range end, role)]).
    #[test]
    fn ranges() {
        type Row<'a> = (&'a str, &'a str, Option<&'a str>, Role);
        let cases: &[(&str, &str, &[Row<'_>])] = &[
            (
                "2024-02-11",
                "Talks ran from Monday to Wednesday.",
                &[
                    ("Monday", "2024-02-05", Some("2024-02-07"), Role::Point),
                    ("Wednesday", "2024-02-07", None, Role::RangeEnd),
                ],
            ),
            (
                "2024-02-11",
                "Strikes hit the city on Monday and Tuesday.",
                &[
                    ("Monday", "2024-02-05", Some("2024-02-06"), Role::Point),
                    ("Tuesday", "2024-02-06", None, Role::RangeEnd),
                ],
            ),
            (
                "2024-04-10",
                "Envoys met between March 30 and April 2.",
                &[
                    (
                        "March 30",
                        "2024-03-30",
                        Some("2024-04-02"),
                        Role::Point,
                    ),
                    ("April 2", "2024-04-02", None, Role::RangeEnd),
                ],
            ),
            (
                "2024-02-11",
                "The mission ran from May until June 2023.",
                &[
                    ("May", "2023-05", Some("2023-06"), Role::Point),
                    ("June 2023", "2023-06", None, Role::RangeEnd),
                ],
            ),
            (
                "2024-02-11",
                "Output fell from 2010 to 2015.",
                &[
                    ("2010", "2010", Some("2015"), Role::Point),
                    ("2015", "2015", None, Role::RangeEnd),
                ],
            ),
            // Not ranges: another clause between; backwards; one
            // sentence each.
            (
                "2024-02-11",
                "Kara voted on Monday and Lome on Tuesday.",
                &[
                    ("Monday", "2024-02-05", None, Role::Point),
                    ("Tuesday", "2024-02-06", None, Role::Point),
                ],
            ),
            (
                "2024-02-11",
                "It was moved from Friday to Monday.",
                &[
                    ("Friday", "2024-02-09", None, Role::Point),
                    ("Monday", "2024-02-05", None, Role::Point),
                ],
            ),
            (
                "2024-02-11",
                "They met on Monday. And Tuesday was calm.",
                &[
                    ("Monday", "2024-02-05", None, Role::Point),
                    ("Tuesday", "2024-02-06", None, Role::Point),
                ],
            ),
        ];
        let tagger = TimeTagger::new();
        for (dct, text, want) in cases {
            let a = crate::text::analyze(text);
            let got = tagger.find(dct.parse().expect("date"), text, &a);
            let got: Vec<Row<'_>> = got
                .iter()
                .map(|t| {
                    (
                        t.span.slice(text),
                        t.value.as_str(),
                        t.range_end.as_deref(),
                        t.role,
                    )
                })
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }
}
