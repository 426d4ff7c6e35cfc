//! Anchors and event dating: reading TIMEX3 values back as calendar
//! values, finding the narrative anchor in force ("On the same day" means
//! the last date the story gave, not the publication date), and choosing
//! the date that governs an event.

use super::tense::{tense_at, Tense};
use super::value::{ymd, Gran, Val};
use super::{DateFrom, EventDate, Precision, TimeMention, TimexType};
use crate::date::Date;
use crate::span::Span;
use crate::text::Analyzed;

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
    // Far beyond any clause; and it keeps dating each event of a
    // megabyte sentence constant work rather than a scan of the gap.
    if gap.len() > super::tense::TENSE_WINDOW || gap.contains(';') {
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
