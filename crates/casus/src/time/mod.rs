//! Time expressions: find them, normalise them to TIMEX3 values against
//! the article's date (DCT), and date events from the text.

use serde::{Deserialize, Serialize};

use crate::text::Analyzed;
use crate::{Date, Span};

/// TIMEX3 type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period ("February 9", "2024-W06", "PAST_REF").
    Date,
    /// A time of day ("at 3 p.m.", "2023-10-07TMO").
    Time,
    /// A length of time ("for three weeks" = P3W).
    Duration,
    /// A recurrence ("every Friday").
    Set,
}

/// One time expression found in an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeMention {
    /// Where it is in the original text.
    pub span: Span,
    /// The sentence it is in.
    pub sentence: usize,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value string: `2024-02-09`, `2024-W06`, `PAST_REF`, `P3W`.
    pub value: String,
    /// The span this expression was resolved against; `None` = the DCT.
    pub anchor: Option<Span>,
}

/// Where an event's date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateFrom {
    /// A time expression in the event's own clause or sentence.
    Text,
    /// The narrative anchor in force (an earlier sentence's date).
    Anchor,
    /// The article's publication date.
    Published,
}

/// How precise an event date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A single day.
    Day,
    /// An ISO week.
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
    /// A vague reference (PAST_REF, "in recent days").
    Fuzzy,
}

/// An event's date with its provenance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// TIMEX3-style value, e.g. `2024-02-09` or `2024-02`.
    pub date: String,
    /// Where the date came from.
    pub date_from: DateFrom,
    /// How precise it is.
    pub precision: Precision,
}

/// Finds and normalises time expressions.
#[derive(Clone, Debug, Default)]
pub struct TimeTagger {}

impl TimeTagger {
    /// A tagger with the built-in rules.
    pub fn new() -> TimeTagger {
        TimeTagger {}
    }

    /// All time expressions in `text`, resolved against `dct`.
    pub fn find(
        &self,
        dct: Date,
        text: &str,
        analyzed: &Analyzed,
    ) -> Vec<TimeMention> {
        let _ = (dct, text, analyzed);
        Vec::new()
    }

    /// The date governing an event whose trigger is `span` in sentence
    /// `sentence`: the expression attached to the clause, else the
    /// sentence's, else the narrative anchor, else the DCT.
    pub fn event_date(
        &self,
        dct: Date,
        times: &[TimeMention],
        sentence: usize,
        span: Span,
    ) -> EventDate {
        let _ = (times, sentence, span);
        EventDate {
            date: dct.format("%Y-%m-%d").to_string(),
            date_from: DateFrom::Published,
            precision: Precision::Day,
        }
    }
}
