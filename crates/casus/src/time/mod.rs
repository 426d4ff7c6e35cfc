//! Time expressions: find them, normalise them to TIMEX3 values against
//! the article's date (DCT), and date events from the text.
//!
//! An event's date is when it happened, not when the article appeared:
//! "on February 9", "On the same day", "on the morning of October 7" all
//! name other days than the DCT. Recognition is rule-based and data-driven
//! (`dicts/time/`: lexicon, tense cues, rules), so it is fast (one regex
//! scan per article) and every value traces to a rule line.
//!
//! Files: `lexicon` (word classes, tense cues), `recognize` (rules ->
//! regexes, candidates), `resolve` (values), `tense` (the tense
//! heuristic), `anchor` (narrative anchors and event dating), [`value`]
//! (calendar values of TIMEX3 strings).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::span::Span;
use crate::syntax::{Parses, SentenceTree};
use crate::text::Analyzed;

pub(crate) mod anchor;
pub(crate) mod lexicon;
pub(crate) mod range;
pub(crate) mod recognize;
pub(crate) mod resolve;
pub(crate) mod role;
pub(crate) mod tense;
pub(crate) mod tree;
pub mod value;
pub(crate) mod words;

use lexicon::{Lexicon, TenseCues};
use recognize::Rules;

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
    /// When the expression starts a range ("Jan. 6-7", "from Monday to
    /// Wednesday", "on Monday and Tuesday"): the value of the range's
    /// end. `value` is the range's start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range_end: Option<String>,
    /// What the expression does in its sentence (omitted when it simply
    /// dates its clause).
    #[serde(default, skip_serializing_if = "Role::is_point")]
    pub role: Role,
}

/// What a time expression does in its sentence: most date their clause;
/// some date nothing by themselves.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Dates the clause it is in (the default).
    #[default]
    Point,
    /// A story's dateline ("NIAMEY, July 27 (Reuters) -"): the
    /// publication date, not the date of anything the story tells.
    Dateline,
    /// The end of a range whose start is an earlier expression ("to
    /// Wednesday" in "from Monday to Wednesday"): the range dates
    /// events by its start.
    RangeEnd,
    /// The end of a state ("until 2028"): no event happens then.
    Until,
    /// "a day after X" following a dated main clause ("agreed on
    /// Wednesday, a day after X launched"): the value is the date of
    /// X, the main clause's date counted back; it dates the events
    /// of X and anchors nothing else.
    Shifted,
    /// A date the story looks back to without moving its own time: a
    /// relative clause's or a noun's beside a date of the main clause
    /// ("launched missiles on April 13 in response to the attack on
    /// April 1", "the break, which began on March 13"), or a flashback
    /// before the day the story tells ("On Monday the president had
    /// declared ..."). It dates its own clause and anchors no later
    /// sentence.
    Background,
}

impl Role {
    /// True for [`Role::Point`] (serde's skip test).
    pub fn is_point(&self) -> bool {
        *self == Role::Point
    }

    /// Whether a later expression or sentence may be anchored on an
    /// expression with this role.
    pub fn anchors(self) -> bool {
        matches!(self, Role::Point | Role::RangeEnd)
    }
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
    /// When the date is a range's start ("the night of Jan. 6-7"): the
    /// range's end, at the same precision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_end: Option<String>,
}

impl EventDate {
    /// True when the date lies wholly after `dct` (its first day is
    /// later): an event that has not happened yet when the article
    /// appeared, if the text asserts it, is worth a flag.
    pub fn after(&self, dct: Date) -> bool {
        date_after(&self.date, dct)
    }
}

/// True when the TIMEX3 date value `date` lies wholly after `dct` (its
/// first day is later); values with no calendar day (`PAST_REF`, a
/// decade) never do.
pub fn date_after(date: &str, dct: Date) -> bool {
    value::Val::parse(date)
        .and_then(|v| v.first_day())
        .or_else(|| season_first_day(date))
        .is_some_and(|d| d > dct)
}

/// The first day of a season, quarter or half value (`2024-SU`,
/// `2024-Q3`, `2024-H2`).
fn season_first_day(v: &str) -> Option<Date> {
    let (y, p) = v.split_once('-')?;
    let y: i32 = y.parse().ok()?;
    let m = match p {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        "WI" => 12,
        "Q1" | "H1" => 1,
        "Q2" => 4,
        "Q3" | "H2" => 7,
        "Q4" => 10,
        _ => return None,
    };
    chrono::NaiveDate::from_ymd_opt(y, m, 1)
}

/// The compiled data: lexicon, tense cues and rules.
#[derive(Debug)]
struct Grammar {
    lex: Lexicon,
    cues: TenseCues,
    rules: Rules,
}

impl Grammar {
    fn parse(
        lex: (&str, &str),
        tense: (&str, &str),
        rules: (&str, &str),
    ) -> crate::error::Result<Grammar> {
        let mut errors = Vec::new();
        let l =
            Lexicon::parse(lex.0, lex.1).map_err(|e| errors.extend(e)).ok();
        let c = TenseCues::parse(tense.0, tense.1)
            .map_err(|e| errors.extend(e))
            .ok();
        let r = match &l {
            Some(l) => Rules::parse(rules.0, rules.1, l)
                .map_err(|e| errors.extend(e))
                .ok(),
            None => None,
        };
        match (l, c, r) {
            (Some(lex), Some(cues), Some(rules)) if errors.is_empty() => {
                Ok(Grammar { lex, cues, rules })
            }
            _ => Err(crate::error::Error::Dict(errors)),
        }
    }
}

/// Default [`TimeTagger::set_max_sentence_times`]: a news sentence
/// dates its events with one or two expressions; dozens are a table, a
/// list or hostile input, and dating every event of a sentence weighs
/// each of them.
pub const MAX_SENTENCE_TIMES: usize = 25;

/// Finds and normalises time expressions.
#[derive(Clone, Debug)]
pub struct TimeTagger {
    grammar: Arc<Grammar>,
    /// Most expressions kept per sentence.
    max_per_sentence: usize,
}

impl Default for TimeTagger {
    fn default() -> TimeTagger {
        TimeTagger::new()
    }
}

impl TimeTagger {
    /// A tagger with the built-in rules (`dicts/time/`), parsed for this
    /// tagger (clones share them).
    ///
    /// # Panics
    ///
    /// When the built-in files do not parse: they are part of the binary
    /// and checked by the unit tests, so that is a build defect, not bad
    /// input.
    pub fn new() -> TimeTagger {
        let g = Grammar::parse(
            ("builtin:time/lexicon.tsv", lexicon::BUILTIN_LEXICON),
            ("builtin:time/tense.tsv", lexicon::BUILTIN_TENSE),
            ("builtin:time/rules.tsv", recognize::BUILTIN_RULES),
        );
        TimeTagger {
            grammar: Arc::new(
                g.expect("built-in time dictionaries are valid"),
            ),
            max_per_sentence: MAX_SENTENCE_TIMES,
        }
    }

    /// Most time expressions found in one sentence (default
    /// [`MAX_SENTENCE_TIMES`]): the rest of a sentence that reached it is
    /// not searched, so a flood of dates costs no more than its text.
    pub fn set_max_sentence_times(&mut self, n: usize) {
        self.max_per_sentence = n.max(1);
    }

    /// The limit [`TimeTagger::set_max_sentence_times`] sets.
    pub fn max_sentence_times(&self) -> usize {
        self.max_per_sentence
    }

    /// A tagger from user files, each `(path, contents)`: a lexicon, tense
    /// cues and rules in the formats of `dicts/time/`. Every bad line of
    /// every file is reported.
    pub fn from_files(
        lexicon: (&str, &str),
        tense: (&str, &str),
        rules: (&str, &str),
    ) -> crate::error::Result<TimeTagger> {
        Ok(TimeTagger {
            grammar: Arc::new(Grammar::parse(lexicon, tense, rules)?),
            max_per_sentence: MAX_SENTENCE_TIMES,
        })
    }

    /// All time expressions in `text`, resolved against `dct`, in text
    /// order and not overlapping.
    pub fn find(
        &self,
        dct: Date,
        text: &str,
        analyzed: &Analyzed,
    ) -> Vec<TimeMention> {
        self.find_parsed(dct, text, analyzed, &Parses::none())
    }

    /// [`TimeTagger::find`] with the sentences' dependency trees, where
    /// there are any: the tense that picks a bare date's year or a
    /// weekday's week is then the tense of the verb the expression
    /// modifies ("drove ... early Sunday, ... two minutes later": past),
    /// not of the nearest tense word.
    pub fn find_parsed(
        &self,
        dct: Date,
        text: &str,
        analyzed: &Analyzed,
        parses: &Parses,
    ) -> Vec<TimeMention> {
        let g = &*self.grammar;
        let bytes = text.as_bytes();
        let mut out: Vec<TimeMention> = Vec::new();
        let mut pos = 0;
        // Word starts where no rule matches. Every word start within
        // reach of a trigger is tried, so neighbouring triggers ("the
        // year 1987") would search the same starts again; whether any
        // rule matches at a start depends on the text alone.
        let mut barren: Vec<usize> = Vec::new();
        // (sentence, expressions found in it so far).
        let mut per_sentence = (usize::MAX, 0);
        for t in g.rules.triggers(bytes) {
            if t < pos {
                continue;
            }
            let (starts, n) = word_starts_before(bytes, t, pos);
            // Starts before the window of this trigger are out of reach
            // of every later one too (triggers ascend).
            barren.retain(|&b| b >= starts[0]);
            for &at in &starts[..n] {
                if barren.contains(&at) {
                    continue;
                }
                let cx = Scan { dct, text, analyzed, parses };
                match self.try_at(&cx, at, t, &mut out) {
                    Tried::Found(end) => {
                        pos = end;
                        let si = out.last().map_or(0, |m| m.sentence);
                        if per_sentence.0 == si {
                            per_sentence.1 += 1;
                        } else {
                            per_sentence = (si, 1);
                        }
                        if per_sentence.1 >= self.max_per_sentence {
                            // The sentence is full: resume after it.
                            if let Some(st) = analyzed.sentences.get(si) {
                                pos = pos.max(st.span.end as usize);
                            }
                        }
                        break;
                    }
                    Tried::Barren => barren.push(at),
                    Tried::Rejected => {}
                }
            }
        }
        range::link(text, &mut out);
        role::background(text, analyzed, parses, &mut out);
        out
    }

    /// Tries the rules at `at` whose match covers the trigger at `t`; on
    /// success pushes the mention and says where scanning resumes.
    fn try_at(
        &self,
        cx: &Scan<'_>,
        at: usize,
        t: usize,
        out: &mut Vec<TimeMention>,
    ) -> Tried {
        let (dct, text, analyzed) = (cx.dct, cx.text, cx.analyzed);
        let g = &*self.grammar;
        let bytes = text.as_bytes();
        // Inside a hyphenated compound ("sub-five-minute"): not an
        // expression of its own.
        if at >= 2
            && bytes[at - 1] == b'-'
            && bytes[at - 2].is_ascii_alphabetic()
        {
            return Tried::Barren;
        }
        let candidates = g.rules.candidates(bytes, at);
        if candidates.is_empty() {
            return Tried::Barren;
        }
        for c in candidates {
            if c.at + c.len <= t {
                continue;
            }
            let Some((caps, (s, e))) = c.captures(&g.rules, bytes) else {
                continue;
            };
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) || s >= e
            {
                continue;
            }
            let sentence = analyzed.sentence_at(s as u32);
            let parsed = sentence.and_then(|i| cx.parses.get(i));
            let mut tense = || {
                if let Some(t) = parsed.and_then(|tree| {
                    tree::tense_of(tree, &g.cues, text, Span::new(s, e))
                }) {
                    return t;
                }
                let (base, sent) = match sentence
                    .and_then(|i| analyzed.sentences.get(i))
                {
                    Some(st) => (st.span.start as usize, st.span.slice(text)),
                    None => {
                        let mut a = s.saturating_sub(200);
                        while !text.is_char_boundary(a) {
                            a -= 1;
                        }
                        let mut b = (e + 200).min(text.len());
                        while !text.is_char_boundary(b) {
                            b += 1;
                        }
                        (a, &text[a..b])
                    }
                };
                let rs = s.saturating_sub(base).min(sent.len());
                let re = e.saturating_sub(base).min(sent.len());
                tense::tense_at(&g.cues, sent, rs, re)
            };
            let mut rx = resolve::Ctx {
                dct,
                lex: &g.lex,
                text,
                span: (s, e),
                prior: out,
                sentence: sentence.unwrap_or(0),
                tense: &mut tense,
            };
            let rule = &g.rules.rules[c.rule];
            if let Some(r) = resolve::resolve(rule, &caps, &mut rx) {
                let span = Span::new(s, e);
                let role = match r.role {
                    Role::Point => role::of(text, analyzed, span),
                    other => other,
                };
                out.push(TimeMention {
                    span,
                    sentence: sentence.unwrap_or(0),
                    kind: r.ty,
                    value: r.value,
                    anchor: r.anchor,
                    range_end: r.range_end,
                    role,
                });
                return Tried::Found((c.at + c.len).max(t + 1));
            }
        }
        Tried::Rejected
    }

    /// The date governing an event whose trigger is `span` in sentence
    /// `sentence`: the nearest DATE/TIME expression in the sentence, else
    /// the narrative anchor (the last day-precise date of an earlier
    /// sentence), else the DCT. Prefer [`TimeTagger::event_date_in`],
    /// which also checks clause boundaries and tense.
    pub fn event_date(
        &self,
        dct: Date,
        times: &[TimeMention],
        sentence: usize,
        span: Span,
    ) -> EventDate {
        anchor::event_date(dct, None, times, sentence, span)
    }

    /// The month a round-up's title names as its period ("On the
    /// campaign trail, August 2020" published on 30 September): the
    /// title ends with a month and a year, with no day, and that month is
    /// before the publication month and at most a year before it. Such
    /// an article tells that month's acts, so an event with no date of
    /// its own and no anchor takes the month rather than the publication
    /// day ([`DateFrom::Anchor`], month precision). A title naming the
    /// publication month, a day ("... from June 15") or a future month
    /// gives none.
    pub fn title_period(&self, title: &str, dct: Date) -> Option<EventDate> {
        use chrono::Datelike;
        let mut words = title
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .rev();
        let year: i32 = words.next()?.parse().ok()?;
        let month_word = words.next()?;
        // Months are case-sensitive ("may" is no month).
        if !month_word.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        let month: u32 =
            self.grammar.lex.value("month", month_word)?.parse().ok()?;
        let months = |y: i32, m: u32| i64::from(y) * 12 + i64::from(m);
        let back = months(dct.year(), dct.month()) - months(year, month);
        (1..=12).contains(&back).then(|| EventDate {
            date: format!("{year:04}-{month:02}"),
            date_from: DateFrom::Anchor,
            precision: Precision::Month,
            date_end: None,
        })
    }

    /// Like [`TimeTagger::event_date`], with the text and, when the
    /// sentence was parsed, its dependency tree. The event takes the
    /// expression of its own clause (by the tree: the expression's
    /// clause is the trigger's, nearest in the tree first; without a
    /// tree: no ", when" / "; " / " and " + subject between), else one
    /// of a clause governing it ("said on Monday that ..."), else the
    /// narrative anchor when the event's clause is in the past tense,
    /// else the article's date. Datelines, ends of ranges ("to
    /// Wednesday": the range's start dates), "until ..." bounds, and
    /// "a day after X" for events outside X date nothing.
    // Every argument is one the caller already holds for the sentence;
    // bundling them would only move the list into a struct built per event.
    #[allow(clippy::too_many_arguments)]
    pub fn event_date_in(
        &self,
        dct: Date,
        text: &str,
        analyzed: &Analyzed,
        times: &[TimeMention],
        tree: Option<&SentenceTree>,
        sentence: usize,
        span: Span,
    ) -> EventDate {
        let cx =
            anchor::Ctx { text, analyzed, cues: &self.grammar.cues, tree };
        anchor::event_date(dct, Some(cx), times, sentence, span)
    }
}

/// What scanning one article needs besides the grammar.
struct Scan<'a> {
    dct: Date,
    text: &'a str,
    analyzed: &'a Analyzed,
    parses: &'a Parses,
}

/// Word starts from up to four words (and 80 bytes) before `t` up to
/// `t` itself, leftmost first, none before `floor`: the first `n` of
/// the array (no allocation per trigger).
/// What trying the rules at a word start gave.
enum Tried {
    /// A mention was found; scanning resumes at this offset.
    Found(usize),
    /// No rule matches at the start, whatever the trigger.
    Barren,
    /// Rules match, but none covering the trigger resolved.
    Rejected,
}

fn word_starts_before(
    b: &[u8],
    t: usize,
    floor: usize,
) -> ([usize; 5], usize) {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'\'';
    let mut starts = [t; 5];
    let mut n = 1;
    let mut i = t;
    let lo = t.saturating_sub(80).max(floor);
    while n < 5 && i > lo {
        i -= 1;
        if word(b[i]) && (i == 0 || !word(b[i - 1])) && i >= lo {
            starts[n] = i;
            n += 1;
        }
    }
    starts[..n].reverse();
    (starts, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(dct: &str, text: &str) -> Vec<(String, String, TimexType)> {
        let tagger = TimeTagger::new();
        let analyzed = crate::text::analyze(text);
        tagger
            .find(dct.parse().unwrap(), text, &analyzed)
            .into_iter()
            .map(|t| (t.span.slice(text).to_string(), t.value, t.kind))
            .collect()
    }

    /// The date `tagger` gives the event whose trigger is the first
    /// `trigger` in `text` (sentence `sentence`, parsed with `tree` or not).
    fn date_of(
        tagger: &TimeTagger,
        dct: Date,
        text: &str,
        tree: Option<&crate::syntax::Parser>,
        sentence: usize,
        trigger: &str,
    ) -> EventDate {
        let analyzed = crate::text::analyze(text);
        let ts = tagger.find(dct, text, &analyzed);
        let tree = tree.map(|p| p.parse(text, &analyzed, sentence));
        let s = text.find(trigger).unwrap();
        let span = Span::new(s, s + trigger.len());
        tagger.event_date_in(
            dct,
            text,
            &analyzed,
            &ts,
            tree.as_ref(),
            sentence,
            span,
        )
    }

    /// (DCT, sentence, expected (span, value) pairs in order).
    type Case =
        (&'static str, &'static str, &'static [(&'static str, &'static str)]);

    const CASES: &[Case] = &[
        // Absolute dates.
        ("2024-02-11", "The envoy said on February 9 that talks stalled.", &[("February 9", "2024-02-09")]),
        ("2024-02-11", "The accord was signed on 9 February 2024 in Doha.", &[("9 February 2024", "2024-02-09")]),
        ("2024-02-11", "It was signed Feb. 9, 2024, officials said.", &[("Feb. 9, 2024", "2024-02-09")]),
        ("2024-02-11", "The file is dated 2024-02-09.", &[("2024-02-09", "2024-02-09")]),
        ("2024-02-11", "Prices rose in February 2024.", &[("February 2024", "2024-02")]),
        ("2024-02-11", "The treaty was signed in 2016.", &[("2016", "2016")]),
        ("2024-02-11", "The borders of 1967 remain disputed.", &[("1967", "1967")]),
        ("2024-02-11", "Trade grew in the 1990s.", &[("the 1990s", "199")]),
        ("2024-02-11", "Talks are expected in mid-March.", &[("mid-March", "2024-03")]),
        ("2024-02-11", "Output fell in early 2023.", &[("early 2023", "2023")]),
        ("2024-02-11", "Tensions rose in the 20th century.", &[("20th century", "19")]),
        ("2024-02-11", "The cabinet met on the 8th of January.", &[("the 8th of January", "2024-01-08")]),
        ("2024-02-11", "He said the cabinet met on the 8th.", &[("the 8th", "2024-02-08")]),
        ("2024-02-11", "He said the cabinet met on the 20th.", &[("the 20th", "2024-01-20")]),
        ("2024-02-11", "The form was filed on 25/12/2023.", &[("25/12/2023", "2023-12-25")]),
        ("2024-02-11", "The form was filed on 03/04/2023.", &[]),
        // Year inference by tense.
        ("2024-02-11", "The attack came on the morning of October 7.", &[("the morning of October 7", "2023-10-07TMO")]),
        // A bare month abbreviation is a date only with a day or a year.
        ("2024-02-10", "Foreign Minister Jan Kowalczyk arrived on Jan 5.", &[("Jan 5", "2024-01-05")]),
        ("2024-02-10", "Talks resumed in Mar 2023 and again last Oct.", &[("Mar 2023", "2023-03"), ("last Oct.", "2023-10")]),
        ("2024-02-10", "Jan Egeland and Mar Roca spoke in June.", &[("June", "2023-06")]),
        ("2024-11-20", "The assembly will vote on January 15.", &[("January 15", "2025-01-15")]),
        ("2024-11-20", "The assembly voted on January 15.", &[("January 15", "2024-01-15")]),
        ("2013-03-18", "Sales will resume in June.", &[("June", "2013-06")]),
        ("2013-03-22", "The plant closed in October.", &[("October", "2012-10")]),
        // Relative.
        ("2023-11-16", "Biden said on Wednesday that he had spoken to him.", &[("Wednesday", "2023-11-15")]),
        ("2023-11-16", "The ministers will meet on Monday.", &[("Monday", "2023-11-20")]),
        ("2023-11-16", "The ministers met last Thursday.", &[("last Thursday", "2023-11-09")]),
        // Written on a Friday, "last Thursday" is not the day before (that
        // is "yesterday") but the week before's.
        ("2020-01-10", "On last Thursday, the two delegations had met in Athens.", &[("last Thursday", "2020-01-02")]),
        ("2020-01-10", "The delegations met last Wednesday.", &[("last Wednesday", "2020-01-08")]),
        ("2024-02-11", "Troops withdrew today.", &[("today", "2024-02-11")]),
        ("2024-02-11", "Troops withdrew yesterday.", &[("yesterday", "2024-02-10")]),
        ("2024-02-11", "The leaders will speak tonight.", &[("tonight", "2024-02-11TNI")]),
        ("2024-02-11", "Shelling resumed last night.", &[("last night", "2024-02-10TNI")]),
        ("2024-02-11", "Shelling resumed yesterday morning.", &[("yesterday morning", "2024-02-10TMO")]),
        ("2024-02-11", "The talks failed last week.", &[("last week", "2024-W05")]),
        ("2024-02-11", "The talks resume next week.", &[("next week", "2024-W07")]),
        ("2024-02-11", "Inflation eased last month.", &[("last month", "2024-01")]),
        ("2024-02-11", "Inflation eased last year.", &[("last year", "2023")]),
        ("2024-02-11", "Inflation will ease this year.", &[("this year", "2024")]),
        ("2024-02-11", "The vote is due next month.", &[("next month", "2024-03")]),
        ("2024-02-11", "The envoy arrived two days ago.", &[("two days ago", "2024-02-09")]),
        ("2024-02-11", "The envoy arrived four years ago.", &[("four years ago", "2020")]),
        ("2024-02-11", "The envoy arrived earlier this month.", &[("earlier this month", "2024-02")]),
        ("2024-02-11", "In recent days the army has shelled the town.", &[("recent days", "PAST_REF")]),
        ("2023-11-16", "It may lead to a dispute in the coming weeks.", &[("the coming weeks", "FUTURE_REF")]),
        ("2024-02-11", "The border is now closed.", &[("now", "PRESENT_REF")]),
        ("2024-02-11", "The border is currently closed.", &[("currently", "PRESENT_REF")]),
        ("2024-02-11", "Such raids were common in the past.", &[("the past", "PAST_REF")]),
        ("2024-02-11", "The minister was abroad at the time.", &[("at the time", "PAST_REF")]),
        ("2013-03-22", "The club won last summer.", &[("last summer", "2012-SU")]),
        ("2013-03-22", "Profit fell in the fourth quarter.", &[("the fourth quarter", "2012-Q4")]),
        ("2024-02-11", "Rain fell on Friday afternoon.", &[("Friday afternoon", "2024-02-09TAF")]),
        // Times.
        ("2024-02-11", "The rally starts at 3 p.m. near the square.", &[("3 p.m.", "2024-02-11T15:00")]),
        ("2013-03-22", "Kick-off is at 15:00 GMT Saturday.", &[("15:00 GMT Saturday", "2013-03-23T15:00")]),
        // A clock time is on the day its sentence named before it, not
        // on an earlier sentence's (a night's story goes past midnight).
        ("2020-06-23", "On Saturday evening in Leeds, shortly before 19:00 local time, a car bomb exploded.", &[("Saturday evening", "2020-06-20TEV"), ("19:00 local time", "2020-06-20T19:00")]),
        // A clock time with no day in its sentence is on the day the
        // sentence before named; after a night there, a morning hour is
        // the next day.
        ("2024-12-05", "Troops entered the capital on Tuesday night. The vote came at 1 a.m.", &[("Tuesday night", "2024-12-03TNI"), ("1 a.m.", "2024-12-04T01:00")]),
        ("2025-03-16", "Crowds filled the square on Saturday, after the vote in November. A noise swept through them at 7 pm.", &[("Saturday", "2025-03-15"), ("November", "2024-11"), ("7 pm", "2025-03-15T19:00")]),
        ("2025-03-16", "Crowds filled the square on Saturday. A loud noise swept through them at around 7.10 pm.", &[("Saturday", "2025-03-15"), ("7.10 pm", "2025-03-15T19:10")]),
        ("2025-03-16", "Crowds filled the square. A loud noise swept through them at 7.10 pm.", &[("7.10 pm", "2025-03-16T19:10")]),
        // British-style clock times with a dot.
        ("2020-01-06", "Gunmen stormed the camp at about 5.30am on Sunday.", &[("5.30am on Sunday", "2020-01-05T05:30")]),
        ("2020-10-21", "The troops arrived at 6.50pm, witnesses said.", &[("6.50pm", "2020-10-21T18:50")]),
        ("2020-10-21", "The troops arrived at 6pm.", &[("6pm", "2020-10-21T18:00")]),
        // Four-digit clock times are never years.
        ("1990-05-02", "The assembly votes at 1730 gmt today.", &[("1730 gmt", "1990-05-02T17:30"), ("today", "1990-05-02")]),
        ("1990-05-02", "The convoy left at 0600 hours.", &[("0600 hours", "1990-05-02T06:00")]),
        ("1990-05-02", "The siege lasted 1200 hours.", &[("1200 hours", "PT1200H")]),
        ("1990-05-02", "The treaty of 1815 still holds.", &[("1815", "1815")]),
        // Durations and sets.
        ("2024-02-11", "The siege lasted for three weeks.", &[("three weeks", "P3W")]),
        ("2024-02-11", "He was jailed for 90 days.", &[("90 days", "P90D")]),
        ("2024-02-11", "The talks took almost seven years.", &[("almost seven years", "P7Y")]),
        ("2024-02-11", "A four-week truce began.", &[("four-week", "P4W")]),
        ("2024-02-11", "Inflation rose over the past two years.", &[("the past two years", "P2Y")]),
        ("2024-02-11", "Talks will last the next few months.", &[("the next few months", "PXM")]),
        ("2024-02-11", "The war has lasted a decade.", &[("a decade", "P10Y")]),
        ("2024-02-11", "Protesters gather every Friday.", &[("every Friday", "XXXX-WXX-5")]),
        ("2024-02-11", "The council meets annually.", &[("annually", "P1Y")]),
        ("2024-02-11", "His 22-year-old son was hurt.", &[]),
        ("2024-02-11", "Talks ran about a month earlier than usual.", &[("a month", "P1M")]),
        ("2024-02-11", "It will end eight years from now.", &[("eight years", "P8Y"), ("now", "PRESENT_REF")]),
        ("2024-02-11", "The season of 1957-58 was wet.", &[("1957", "1957"), ("58", "1958")]),
        ("2024-02-11", "He finished in 3:07:35 on the day.", &[("3:07:35", "PT3H7M35S")]),
        ("2024-02-11", "Children ages 6 months and older need it.", &[]),
        ("2024-02-11", "He ran a sub-five-minute mile.", &[]),
        ("2024-02-11", "The book is due to be published in May.", &[("May", "2024-05")]),
        ("2024-02-11", "It fell over a week and rose just six years ago.", &[("a week", "P1W"), ("six years ago", "2018")]),
        // Discourse anchoring.
        ("2024-02-11", "Blinken spoke on February 7. On the same day, Hamas replied.", &[("February 7", "2024-02-07"), ("the same day", "2024-02-07")]),
        ("2024-02-11", "Rockets hit on October 7. That same day, Israel struck back.", &[("October 7", "2023-10-07"), ("That same day", "2023-10-07")]),
        ("2024-02-11", "They met on February 3. The next day, talks collapsed.", &[("February 3", "2024-02-03"), ("The next day", "2024-02-04")]),
        ("2024-02-11", "They met on February 3. A day after the meeting, talks collapsed.", &[("February 3", "2024-02-03"), ("A day after", "2024-02-04")]),
        ("2024-02-11", "They met on February 3. Two days later, talks collapsed.", &[("February 3", "2024-02-03"), ("Two days later", "2024-02-05")]),
        ("2024-02-11", "They met on Monday, January 29. Later that week, talks collapsed.", &[("Monday, January 29", "2024-01-29"), ("Later that week", "2024-W05")]),
        ("2024-02-11", "The same day, talks collapsed.", &[("The same day", "2024-02-11")]),
        // A past "next day" or "later" with no earlier day to count from
        // is no day after publication (what is left is a duration, which
        // dates nothing); a future one may be.
        ("2024-02-11", "The next day, talks collapsed in Geneva.", &[]),
        ("2024-02-11", "Two days later, the envoys left Geneva.", &[("Two days", "P2D")]),
        ("2024-02-11", "The next day, talks will resume in Geneva.", &[("The next day", "2024-02-12")]),
        // Minutes and hours later: the anchor's day; and not a future cue.
        ("2024-02-12", "They met on February 3. Hours later, talks collapsed.", &[("February 3", "2024-02-03"), ("Hours later", "2024-02-03")]),
        ("2024-02-12", "A bomb went off on February 3, and about ten minutes later a second one exploded.", &[("February 3", "2024-02-03"), ("ten minutes later", "2024-02-03")]),
        ("2024-02-12", "Shells fell early Sunday, and two hours later the town was quiet.", &[("early Sunday", "2024-02-11"), ("two hours later", "2024-02-11")]),
        // "the day before" with no complement: the day before the anchor.
        ("2024-02-12", "The council met on February 5 to answer the cabinet, which the day before resigned.", &[("February 5", "2024-02-05"), ("the day before", "2024-02-04")]),
        // Not time expressions.
        ("2024-02-11", "They argued about the future of Gaza before the Six-Day War.", &[]),
        ("2024-02-11", "Theresa May met him. The May Day rally grew. 2000 people came.", &[]),
        ("2024-02-11", "At the same time, the army advanced.", &[]),
        ("2024-02-11", "He may fall. They spent $2020 on fuel.", &[]),
    ];

    #[test]
    fn rules_table() {
        let mut failures = Vec::new();
        for (dct, text, want) in CASES {
            let got = tag(dct, text);
            let got: Vec<(&str, &str)> =
                got.iter().map(|(s, v, _)| (s.as_str(), v.as_str())).collect();
            if got != *want {
                failures.push(format!(
                    "{dct} {text:?}\n   want {want:?}\n   got  {got:?}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// Day ranges in one expression resolve to their start and keep
    /// their end; a bare date takes the year its tense allows; a clock
    /// time is no year: (DCT, text, [(span text, value, range end)]).
    #[test]
    fn ranges_and_years_table() {
        type Row<'a> =
            (&'a str, &'a str, &'a [(&'a str, &'a str, Option<&'a str>)]);
        let rows: &[Row<'_>] = &[
            (
                "2024-01-15",
                "Drones attacked Kyiv on the night of Jan. 6-7.",
                &[(
                    "the night of Jan. 6-7",
                    "2024-01-06TNI",
                    Some("2024-01-07"),
                )],
            ),
            (
                "2024-03-30",
                "Troops raided the camp between Mar. 21-22.",
                &[("Mar. 21-22", "2024-03-21", Some("2024-03-22"))],
            ),
            (
                "2024-06-20",
                "The summit was held on 4-6 June 2024.",
                &[("4-6 June 2024", "2024-06-04", Some("2024-06-06"))],
            ),
            // Translated copy joins the days with "to".
            (
                "2024-10-25",
                "Two men were shot dead on the night of 18 to 19 October.",
                &[(
                    "the night of 18 to 19 October",
                    "2024-10-18TNI",
                    Some("2024-10-19"),
                )],
            ),
            (
                "2024-06-20",
                "The talks ran from 4 to 6 June in Doha.",
                &[("4 to 6 June", "2024-06-04", Some("2024-06-06"))],
            ),
            // Past tense in a January article: last year's April.
            (
                "2024-01-15",
                "Police arrested 40 protesters on April 23.",
                &[("April 23", "2023-04-23", None)],
            ),
            (
                "2024-01-15",
                "The presidents will meet on April 23.",
                &[("April 23", "2024-04-23", None)],
            ),
            (
                "2024-01-15",
                "The Senate votes at 1600 EST on the bill.",
                &[("1600 EST", "2024-01-15T16:00", None)],
            ),
        ];
        let tagger = TimeTagger::new();
        let mut bad = Vec::new();
        for (dct, text, want) in rows {
            let analyzed = crate::text::analyze(text);
            let got: Vec<_> = tagger
                .find(dct.parse().expect("date"), text, &analyzed)
                .into_iter()
                .map(|t| {
                    (t.span.slice(text).to_string(), t.value, t.range_end)
                })
                .collect();
            let want: Vec<_> = want
                .iter()
                .map(|(a, b, c)| {
                    (a.to_string(), b.to_string(), c.map(String::from))
                })
                .collect();
            if got != want {
                bad.push(format!("{text:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn types() {
        let got =
            tag("2024-02-11", "On Friday at 3 p.m. for two weeks every day.");
        let kinds: Vec<TimexType> = got.iter().map(|g| g.2).collect();
        assert_eq!(
            kinds,
            vec![
                TimexType::Date,
                TimexType::Time,
                TimexType::Duration,
                TimexType::Set
            ]
        );
    }

    #[test]
    fn anchor_span_reported() {
        let text = "They met on February 3. The next day, talks collapsed.";
        let analyzed = crate::text::analyze(text);
        let ts = TimeTagger::new().find(
            "2024-02-11".parse().unwrap(),
            text,
            &analyzed,
        );
        assert_eq!(ts[0].anchor, None);
        assert_eq!(ts[1].anchor, Some(ts[0].span));
    }

    #[test]
    fn event_dates() {
        let tagger = TimeTagger::new();
        let dct: Date = "2024-02-11".parse().unwrap();
        let text = "Blinken spoke in Tel Aviv on February 7. Hamas sent its reply. \
                    The army advanced on the morning of October 7, when rockets fell. \
                    Officials say talks continue. In recent days the envoy has travelled. \
                    Egypt will host talks next week.";
        let analyzed = crate::text::analyze(text);
        let ts = tagger.find(dct, text, &analyzed);
        let at = |word: &str| {
            let s = text.find(word).unwrap();
            let span = Span::new(s, s + word.len());
            let sent = analyzed.sentence_at(span.start).unwrap();
            let d = tagger
                .event_date_in(dct, text, &analyzed, &ts, None, sent, span);
            (d.date, d.date_from, d.precision)
        };
        use DateFrom::*;
        assert_eq!(at("spoke"), ("2024-02-07".into(), Text, Precision::Day));
        assert_eq!(at("sent"), ("2024-02-07".into(), Anchor, Precision::Day));
        assert_eq!(
            at("advanced"),
            ("2023-10-07".into(), Text, Precision::Day)
        );
        assert_eq!(at("fell"), ("2023-10-07".into(), Text, Precision::Day));
        assert_eq!(
            at("continue"),
            ("2024-02-11".into(), Published, Precision::Day)
        );
        assert_eq!(
            at("travelled"),
            ("2024-02-11".into(), Published, Precision::Fuzzy)
        );
        assert_eq!(at("host"), ("2024-W07".into(), Text, Precision::Week));
        // Without the text: nearest in the sentence, else the anchor.
        let s = text.find("sent").unwrap();
        let d = tagger.event_date(dct, &ts, 1, Span::new(s, s + 4));
        assert_eq!(d.date_from, Anchor);
    }

    #[test]
    fn title_period() {
        let tagger = TimeTagger::new();
        let dct: Date = "2021-03-30".parse().unwrap();
        let month = |title: &str| {
            tagger.title_period(title, dct).map(|d| (d.date, d.precision))
        };
        assert_eq!(
            month("Notes from the parliament, February 2021"),
            Some(("2021-02".into(), Precision::Month))
        );
        assert_eq!(
            month("Election diary: December 2020"),
            Some(("2020-12".into(), Precision::Month))
        );
        // The publication month, a day, a future or far month, no month.
        assert_eq!(month("Notes from the parliament, March 2021"), None);
        assert_eq!(month("Curfew to end on February 15, 2021"), None);
        assert_eq!(month("Budget plans for May 2021"), None);
        assert_eq!(month("Ten years since the floods of January 2011"), None);
        assert_eq!(month("Minister resigns"), None);
        assert_eq!(month("What they may 2020"), None);
    }

    #[test]
    fn clause_preference() {
        let tagger = TimeTagger::new();
        let dct: Date = "2024-02-11".parse().unwrap();
        let text =
            "Hamas replied on February 9, and Israel struck on February 10.";
        let d = date_of(&tagger, dct, text, None, 0, "struck");
        assert_eq!(d.date, "2024-02-10");
        let d = date_of(&tagger, dct, text, None, 0, "replied");
        assert_eq!(d.date, "2024-02-09");
    }

    /// A present perfect with no time of its own is not dated by the
    /// day an earlier sentence told (own sentences; dated 1991-05-20).
    #[test]
    fn present_perfect_takes_no_anchor() {
        let tagger = TimeTagger::new();
        let dct: Date = "1991-05-20".parse().unwrap();
        // (text, trigger, expected date)
        let table = [
            (
                "Talks began in Oslo on Friday. Britain has threatened sanctions.",
                "threatened",
                "1991-05-20",
            ),
            (
                "Talks began in Oslo on Friday. The bloc has so far refused the request.",
                "refused",
                "1991-05-20",
            ),
            // a simple past goes on telling the day
            (
                "Talks began in Oslo on Friday. Britain threatened sanctions.",
                "threatened",
                "1991-05-17",
            ),
        ];
        for (text, trigger, want) in table {
            let d = date_of(&tagger, dct, text, None, 1, trigger);
            assert_eq!(d.date, want, "{text}");
        }
    }

    /// A past perfect with no time of its own is dated by neither the
    /// clause telling it nor the story's day: a vague past (fuzzy, the
    /// publication date), while a time of its own clause still dates it
    /// (own sentences; dated 1991-05-20, a Monday).
    #[test]
    fn past_perfect_takes_no_other_time() {
        let tagger = TimeTagger::new();
        let dct: Date = "1991-05-20".parse().unwrap();
        // (text, sentence, trigger, date, precision)
        let table = [
            (
                "Talks began in Oslo on Friday. The army had shot down a plane near the border.",
                1,
                "shot",
                "1991-05-20",
                Precision::Fuzzy,
            ),
            (
                "On Saturday, the army had shot down a plane near the border.",
                0,
                "shot",
                "1991-05-18",
                Precision::Day,
            ),
            // reported speech: the past perfect is the tense shifted
            // back, the telling's day stays the best one known
            (
                "On Saturday, the ministry said that its army had shot down the plane.",
                0,
                "shot",
                "1991-05-18",
                Precision::Day,
            ),
            (
                "Talks began in Oslo on Friday. The envoy had been arrested by the police.",
                1,
                "arrested",
                "1991-05-20",
                Precision::Fuzzy,
            ),
            (
                "Talks began in Oslo on Friday. The army had shot down a plane near the border on Wednesday.",
                1,
                "shot",
                "1991-05-15",
                Precision::Day,
            ),
            // "had talks": "had" the verb, the story's day goes on
            (
                "Talks began in Oslo on Friday. The envoys had talks with the rebels.",
                1,
                "talks with",
                "1991-05-17",
                Precision::Day,
            ),
        ];
        for (text, sentence, trigger, want, precision) in table {
            let d = date_of(&tagger, dct, text, None, sentence, trigger);
            assert_eq!(
                (d.date.as_str(), d.precision),
                (want, precision),
                "{text}"
            );
        }
    }

    /// A time expression that belongs to a noun or to another clause's
    /// plan does not date the event (own sentences; dated 1991-05-20).
    #[test]
    fn noun_and_plan_times_date_nothing() {
        let tagger = TimeTagger::new();
        let parser = crate::syntax::Parser::builtin();
        let dct: Date = "1991-05-20".parse().unwrap();
        // (sentence, trigger, expected date)
        let table = [
            // a reduced clause modifying a noun keeps its time
            (
                "The union said the company had broken commitments for a pay deal made in 1989.",
                "broken",
                "1991-05-20",
            ),
            ("The minister rejected a plan drawn up by the army in March.", "rejected", "1991-05-20"),
            // a determiner before the expression: part of a noun phrase
            (
                "The court blocked a 1988 land transfer between the two provinces.",
                "blocked",
                "1991-05-20",
            ),
            // a possessive expression names another event
            ("The minister criticised last year's budget.", "criticised", "1991-05-20"),
            // the trigger is the noun it modifies: it dates the trigger
            ("Rebels claimed Friday's attack on the convoy.", "attack", "1991-05-17"),
            // a past act is never dated after publication by another clause
            (
                "The two governments signed a treaty to end the dispute and hand the island back in 1997.",
                "signed",
                "1991-05-20",
            ),
            // the event's own time still dates it
            ("Troops entered the town on Friday.", "entered", "1991-05-17"),
        ];
        for (text, trigger, want) in table {
            let d = date_of(&tagger, dct, text, Some(parser), 0, trigger);
            assert_eq!(d.date, want, "{text}");
        }
    }

    #[test]
    fn user_files_errors_collected() {
        let err = TimeTagger::from_files(
            ("lex.tsv", "month\tJanuary\t1\nbogus\tx\ty\n"),
            ("tense.tsv", "past\twas\nnope\n"),
            ("rules.tsv", "a\tdate\tDATE\t-\t{month}\n"),
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("lex.tsv:2") && msg.contains("tense.tsv:2"),
            "{msg}"
        );
    }

    #[test]
    fn never_panics_on_odd_text() {
        let tagger = TimeTagger::new();
        let dct: Date = "2024-02-29".parse().unwrap();
        for text in [
            "",
            "é 2024 ü",
            "February 30",
            "on the 31st",
            "31/31/2020",
            "Feb. 29, 2023",
            "ñ\u{2014}May 5",
        ] {
            let analyzed = crate::text::analyze(text);
            for t in tagger.find(dct, text, &analyzed) {
                assert!(text.is_char_boundary(t.span.start as usize));
                assert!(text.is_char_boundary(t.span.end as usize));
            }
        }
    }

    #[test]
    fn send_sync() {
        fn is<T: Send + Sync>() {}
        is::<TimeTagger>();
    }
}
