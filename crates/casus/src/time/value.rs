//! Calendar values of TIMEX3 strings: [`Val`] reads `2024-02-09`,
//! `2024-W06`, `2024-02` or `2024` back into a day, week, month or year
//! with its granularity ([`Gran`]), and [`ymd`] and [`week`] write them.
//!
//! Why a module of its own: resolution writes these values, anchoring
//! and event dating read them back, and the store buckets stored event
//! dates by them; all of them use this one reading.
//!
//! # Example
//!
//! ```
//! use casus::time::value::{Gran, Val};
//!
//! let v = Val::parse("2024-W06").expect("a week");
//! assert_eq!(v.gran(), Gran::Week);
//! assert_eq!(v.first_day().map(|d| d.to_string()), Some("2024-02-05".into()));
//! assert_eq!(v.to_string(), "2024-W06");
//! ```

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// Granularity of a calendar value, finest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gran {
    /// A day.
    Day,
    /// An ISO week.
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
}

/// A calendar value read from a TIMEX3 value string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Val {
    /// A day.
    Day(NaiveDate),
    /// The ISO week containing this day.
    Week(NaiveDate),
    /// Year and month.
    Month(i32, u32),
    /// A year.
    Year(i32),
}

impl fmt::Display for Val {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Val::Day(d) => f.write_str(&ymd(d)),
            Val::Week(d) => f.write_str(&week(d)),
            Val::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Val::Year(y) => write!(f, "{y:04}"),
        }
    }
}

impl Val {
    /// Parses `YYYY-MM-DD[T..]`, `YYYY-Www`, `YYYY-MM` or `YYYY`.
    pub fn parse(v: &str) -> Option<Val> {
        let b = v.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            b.get(r.clone())
                .filter(|s| s.iter().all(u8::is_ascii_digit))
                .and_then(|_| v.get(r))
                .and_then(|s| s.parse::<u32>().ok())
        };
        let y = digits(0..4)? as i32;
        if b.len() == 4 {
            return Some(Val::Year(y));
        }
        if b.get(4) != Some(&b'-') {
            return None;
        }
        if b.get(5) == Some(&b'W') {
            let w = digits(6..8)?;
            if b.len() > 8 && b.get(8) != Some(&b'-') {
                return None;
            }
            let d = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
            return Some(Val::Week(d));
        }
        let m = digits(5..7)?;
        if b.len() == 7 {
            return Val::Month(y, m).checked();
        }
        if b.get(7) != Some(&b'-') {
            return None;
        }
        let d = digits(8..10)?;
        if b.len() > 10 && b.get(10) != Some(&b'T') {
            return None;
        }
        NaiveDate::from_ymd_opt(y, m, d).map(Val::Day)
    }

    fn checked(self) -> Option<Val> {
        match self {
            Val::Month(_, m) if !(1..=12).contains(&m) => None,
            v => Some(v),
        }
    }

    /// The value's granularity.
    pub fn gran(&self) -> Gran {
        match self {
            Val::Day(_) => Gran::Day,
            Val::Week(_) => Gran::Week,
            Val::Month(..) => Gran::Month,
            Val::Year(_) => Gran::Year,
        }
    }

    /// The first day covered.
    pub fn first_day(&self) -> Option<NaiveDate> {
        match *self {
            Val::Day(d) => Some(d),
            Val::Week(d) => Some(d),
            Val::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            Val::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
        }
    }

    /// Year and month, when at least month-precise.
    pub fn year_month(&self) -> Option<(i32, u32)> {
        match *self {
            Val::Day(d) | Val::Week(d) => Some((d.year(), d.month())),
            Val::Month(y, m) => Some((y, m)),
            Val::Year(_) => None,
        }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        match *self {
            Val::Day(d) | Val::Week(d) => d.year(),
            Val::Month(y, _) | Val::Year(y) => y,
        }
    }
}

/// `YYYY-MM-DD`.
pub fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `YYYY-Www` (ISO week).
pub fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_values() {
        let cases = [
            ("2024-02-09", Some("2024-02-09")),
            ("2023-10-07TMO", Some("2023-10-07")),
            ("2024-W06", Some("2024-W06")),
            ("2024-W06-WE", Some("2024-W06")),
            ("2025-03", Some("2025-03")),
            ("2013", Some("2013")),
            ("PAST_REF", None),
            ("199", None),
            ("2012-SU", None),
            ("2024-13", None),
        ];
        for (v, want) in cases {
            assert_eq!(
                Val::parse(v).map(|x| x.to_string()).as_deref(),
                want,
                "{v}"
            );
        }
    }

    /// (value, first day): weeks start on Monday, months and years on
    /// their first day.
    #[test]
    fn first_days() {
        let cases = [
            ("2024-02-09", Some("2024-02-09")),
            ("2024-02-09TMO", Some("2024-02-09")),
            ("2024-W06", Some("2024-02-05")),
            ("2024-02", Some("2024-02-01")),
            ("2023", Some("2023-01-01")),
            ("2024-13", None),
        ];
        for (v, want) in cases {
            let got = Val::parse(v).and_then(|x| x.first_day());
            assert_eq!(got.map(ymd).as_deref(), want, "{v}");
        }
    }
}
