//! Anchors and event dating: reading TIMEX3 values back as calendar
//! values, finding the narrative anchor in force ("On the same day" means
//! the last date the story gave, not the publication date), and choosing
//! the date that governs an event.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::resolve::{week, ymd};
use super::tense::{tense_at, Tense};
use super::{DateFrom, EventDate, Precision, TimeMention, TimexType};
use crate::text::Analyzed;
use crate::{Date, Span};

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

/// The most recent earlier expression precise enough (`need` or finer)
/// to anchor a relative one: its value and span.
pub fn narrative_anchor(
    prior: &[TimeMention],
    need: Gran,
) -> Option<(Val, Span)> {
    prior.iter().rev().find_map(|t| {
        if !matches!(t.kind, TimexType::Date | TimexType::Time) {
            return None;
        }
        let v = Val::parse(&t.value)?;
        (v.gran() <= need && (need != Gran::Month || v.gran() != Gran::Week))
            .then_some((v, t.span))
    })
}

fn precision(v: &Val) -> Precision {
    match v.gran() {
        Gran::Day => Precision::Day,
        Gran::Week => Precision::Week,
        Gran::Month => Precision::Month,
        Gran::Year => Precision::Year,
    }
}

/// A dated mention's event date, or `None` when its value is no date
/// (a decade, an unspecified `XXXX` value).
fn mention_date(dct: Date, t: &TimeMention) -> Option<EventDate> {
    if !matches!(t.kind, TimexType::Date | TimexType::Time) {
        return None;
    }
    if t.value.ends_with("_REF") {
        return Some(EventDate {
            date: ymd(dct),
            date_from: DateFrom::Published,
            precision: Precision::Fuzzy,
        });
    }
    if let Some(v) = Val::parse(&t.value) {
        return Some(EventDate {
            date: t.value.get(..10).unwrap_or(&t.value).to_string(),
            date_from: DateFrom::Text,
            precision: precision(&v),
        });
    }
    // Seasons, quarters and halves: `YYYY-SU`, `YYYY-Q1`, `YYYY-H2`.
    let b = t.value.as_bytes();
    if b.len() == 7 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' {
        let p = if b[5] == b'H' { Precision::Year } else { Precision::Month };
        return Some(EventDate {
            date: t.value.clone(),
            date_from: DateFrom::Text,
            precision: p,
        });
    }
    None
}

/// Words that open a new clause after a comma, semicolon or "and".
const CLAUSE_OPENERS: &[&str] = &[
    "when", "while", "after", "before", "but", "which", "who", "where",
    "whereas", "although", "though", "because", "as", "since", "until",
];

const SUBJECTS: &[&str] =
    &["he", "she", "it", "they", "we", "i", "you", "the"];

/// True when a clause boundary lies in `gap` (text between a time
/// expression and an event trigger).
pub fn clause_boundary(gap: &str) -> bool {
    if gap.contains(';') {
        return true;
    }
    let lower = gap.to_ascii_lowercase();
    let next_word = |rest: &str| {
        rest.trim_start()
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("")
            .to_string()
    };
    for (i, _) in lower.match_indices(',') {
        if CLAUSE_OPENERS.contains(&next_word(&lower[i + 1..]).as_str()) {
            return true;
        }
    }
    for (i, _) in lower.match_indices(" and ") {
        let w = next_word(&lower[i + 5..]);
        let raw = next_word(&gap[i + 5..]);
        if SUBJECTS.contains(&w.as_str())
            || raw.chars().next().is_some_and(char::is_uppercase)
        {
            return true;
        }
    }
    false
}

/// The date governing an event at `span` in sentence `sentence`; see
/// [`super::TimeTagger::event_date_in`]. `text`/`analyzed` may be absent,
/// in which case no clause boundaries or tense are checked.
pub fn event_date(
    dct: Date,
    ctx: Option<(&str, &Analyzed, &super::lexicon::TenseCues)>,
    times: &[TimeMention],
    sentence: usize,
    span: Span,
) -> EventDate {
    let dist = |t: &TimeMention| {
        if t.span.end <= span.start {
            span.start - t.span.end
        } else {
            t.span.start.saturating_sub(span.end)
        }
    };
    // Mentions come in text order (`TimeTagger::find`), so each
    // sentence's are one contiguous run: binary search keeps dating every
    // event of a long article linear rather than quadratic.
    let lo = times.partition_point(|t| t.sentence < sentence);
    let hi = lo + times[lo..].partition_point(|t| t.sentence <= sentence);
    let mut same: Vec<(&TimeMention, EventDate)> = times[lo..hi]
        .iter()
        .filter_map(|t| mention_date(dct, t).map(|d| (t, d)))
        .collect();
    same.sort_by_key(|(t, _)| (dist(t), t.span.start));
    if let Some((text, _, _)) = ctx {
        let in_clause = same.iter().find(|(t, _)| {
            let (a, b) = if t.span.end <= span.start {
                (t.span.end, span.start)
            } else {
                (span.end, t.span.start)
            };
            let gap = text.get(a as usize..b as usize).unwrap_or("");
            !clause_boundary(gap)
        });
        if let Some((_, d)) = in_clause {
            return d.clone();
        }
    }
    if let Some((_, d)) = same.first() {
        return d.clone();
    }
    // The narrative anchor: the last day-precise date of an earlier
    // sentence. It applies only when the event's clause is in the past
    // tense, so the tense is worked out only when there is one.
    let anchor = times[..lo].iter().rev().find_map(|t| {
        if !matches!(t.kind, TimexType::Date | TimexType::Time) {
            return None;
        }
        match Val::parse(&t.value) {
            Some(v @ Val::Day(_)) => Some(v),
            _ => None,
        }
    });
    if let Some(v) = anchor {
        let continues = match ctx {
            Some((text, analyzed, cues)) => analyzed
                .sentences
                .get(sentence)
                .and_then(|s| text.get(s.span.range()))
                .map(|s_text| {
                    let base = analyzed.sentences[sentence].span.start;
                    let a = (span.start.saturating_sub(base) as usize)
                        .min(s_text.len());
                    tense_at(cues, s_text, a, a) == Tense::Past
                })
                .unwrap_or(true),
            None => true,
        };
        if continues {
            return EventDate {
                date: v.to_string(),
                date_from: DateFrom::Anchor,
                precision: Precision::Day,
            };
        }
    }
    EventDate {
        date: ymd(dct),
        date_from: DateFrom::Published,
        precision: Precision::Day,
    }
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

    #[test]
    fn clause_boundaries() {
        let cases = [
            (" Hamas said", false),
            (", when Hamas", true),
            ("; Israel", true),
            (" and Israel began", true),
            (" and rockets", false),
            (", the minister", false),
        ];
        for (gap, want) in cases {
            assert_eq!(clause_boundary(gap), want, "{gap:?}");
        }
    }
}
