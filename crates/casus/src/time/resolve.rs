//! Normalisation: a rule match's named parts -> a TIMEX3 value, resolved
//! against the article's date (DCT), the tense of the clause, or the
//! narrative anchor.

use chrono::{Datelike, Duration, NaiveDate};
use regex::bytes::Captures;

use super::anchor::narrative_anchor;
use super::lexicon::Lexicon;
use super::recognize::{Kind, Rule};
use super::tense::Tense;
use super::value::{week, ymd, Gran, Val};
use super::words::ends_with_word;
use super::{Role, TimeMention, TimexType};
use crate::date::Date;
use crate::span::Span;

/// A resolved expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// TIMEX3 type.
    pub ty: TimexType,
    /// TIMEX3 value.
    pub value: String,
    /// The anchor used, `None` = the DCT.
    pub anchor: Option<Span>,
    /// The value of a range's end, when the expression is a range
    /// ("Jan. 6-7").
    pub range_end: Option<String>,
    /// What the expression does ([`Role::Point`] unless resolution says
    /// otherwise).
    pub role: Role,
}

/// What resolution needs besides the match.
pub struct Ctx<'a> {
    /// The article's date.
    pub dct: Date,
    /// The lexicon.
    pub lex: &'a Lexicon,
    /// The article text.
    pub text: &'a str,
    /// The expression's span (absolute bytes).
    pub span: (usize, usize),
    /// Expressions already found earlier in the article.
    pub prior: &'a [TimeMention],
    /// The sentence the expression is in.
    pub sentence: usize,
    /// The tense of the clause, computed on demand.
    pub tense: &'a mut dyn FnMut() -> Tense,
}

/// A match's named groups that took part, looked up by name.
/// `Captures::name` hashes the name (SipHash, inside regex) on every
/// call and resolving a match asks for a dozen names; a rule has few
/// groups, so a scan of the ones present is cheaper. Built once per
/// match by [`Groups::new`].
struct Groups<'c> {
    /// The whole match.
    matched: &'c [u8],
    /// (group name, its text) for every named group that matched with
    /// UTF-8 text, in group order.
    named: Vec<(&'c str, &'c str)>,
}

impl<'c> Groups<'c> {
    fn new(rule: &'c Rule, caps: &'c Captures<'c>) -> Option<Groups<'c>> {
        let matched = caps.get(0)?.as_bytes();
        let mut named = Vec::new();
        if let Some(re) = rule.regex() {
            for (i, name) in re.capture_names().enumerate() {
                let Some(name) = name else { continue };
                let Some(m) = caps.get(i) else { continue };
                if let Ok(t) = std::str::from_utf8(m.as_bytes()) {
                    named.push((name, t));
                }
            }
        }
        Some(Groups { matched, named })
    }
}

/// The text of group `name`, if it took part in the match.
fn group<'c>(caps: &Groups<'c>, name: &str) -> Option<&'c str> {
    caps.named.iter().find(|(n, _)| *n == name).map(|&(_, t)| t)
}

fn num(lex: &Lexicon, s: &str) -> Option<f64> {
    let t = s.trim().replace(',', "");
    if let Ok(n) = t.parse::<f64>() {
        return Some(n);
    }
    if let Some(v) = lex.value("number", &t) {
        return v.parse().ok();
    }
    let mut sum = 0.0;
    for part in t.split(|c: char| c == '-' || c.is_whitespace()) {
        if part.is_empty() {
            continue;
        }
        sum += lex.value("number", part)?.parse::<f64>().ok()?;
    }
    Some(sum)
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn day_num(s: &str) -> Option<u32> {
    s.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse().ok()
}

/// (year, month) shifted by `k` months.
pub fn add_months(y: i32, m: u32, k: i32) -> (i32, u32) {
    let t = y * 12 + (m as i32 - 1) + k;
    (t.div_euclid(12), (t.rem_euclid(12) + 1) as u32)
}

fn weekday_from(dct: Date, wd: u32, dir: i32, inclusive: bool) -> Date {
    let cur = dct.weekday().number_from_monday() as i64;
    let wd = wd as i64;
    if dir < 0 {
        let mut back = (cur - wd).rem_euclid(7);
        if back == 0 && !inclusive {
            back = 7;
        }
        dct - Duration::days(back)
    } else {
        let mut fwd = (wd - cur).rem_euclid(7);
        if fwd == 0 && !inclusive {
            fwd = 7;
        }
        dct + Duration::days(fwd)
    }
}

/// The year of month/day `m`/`d` nearest to the DCT in the direction
/// the tense allows.
fn infer_year(dct: Date, m: u32, d: u32, tense: Tense) -> i32 {
    let y = dct.year();
    let this = (m, d);
    let now = (dct.month(), dct.day());
    match tense {
        Tense::Past => {
            if this <= now {
                y
            } else {
                y - 1
            }
        }
        Tense::Future => {
            if this >= now {
                y
            } else {
                y + 1
            }
        }
        _ => {
            let diff = (m as i32 - dct.month() as i32) * 31 + d as i32
                - dct.day() as i32;
            if diff > 6 * 31 {
                y - 1
            } else if diff < -6 * 31 {
                y + 1
            } else {
                y
            }
        }
    }
}

/// Days after publication within which a day written without a year is
/// the coming one even in a past-tense clause.
const NEAR_AHEAD_DAYS: i64 = 45;

/// The year of day `m`/`d`, as [`infer_year`], except that a day at most
/// [`NEAR_AHEAD_DAYS`] after publication is this year's under the past
/// tense too. Why: a day so near ahead read as last year's lies eleven
/// months back, which news writes with its year ("June 30, 1986") or
/// "last June"; written bare, it is a coming day the past tense of a
/// reporting or main verb reached ("Denmark, which assumes the presidency
/// on June 30, has led ..."; "agreed to hold a meeting on March 20").
fn infer_day_year(dct: Date, m: u32, d: u32, tense: Tense) -> i32 {
    let y = dct.year();
    let ahead = NaiveDate::from_ymd_opt(y, m, d)
        .map(|day| (day - dct).num_days())
        .is_some_and(|k| (1..=NEAR_AHEAD_DAYS).contains(&k));
    if tense == Tense::Past && ahead {
        return y;
    }
    infer_year(dct, m, d, tense)
}

fn pod_suffix(lex: &Lexicon, caps: &Groups) -> Option<String> {
    group(caps, "pod")
        .and_then(|p| lex.value("pod", p))
        .map(|c| format!("T{c}"))
}

fn season_start(code: &str) -> u32 {
    match code {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    }
}

/// Resolves one candidate; `None` rejects it (the next candidate at the
/// same position is tried).
pub fn resolve(
    rule: &Rule,
    caps: &Captures,
    cx: &mut Ctx,
) -> Option<Resolved> {
    let caps = &Groups::new(rule, caps)?;
    let matched = std::str::from_utf8(caps.matched).ok()?;
    let mut ty = rule.ty;
    let mut anchor = None;
    let mut role = Role::Point;
    let mut range_end = None;
    let value = match rule.kind {
        // "the future of Gaza" is a topic, not a time.
        Kind::Fixed
            if rule.value == "FUTURE_REF"
                && cx.text[cx.span.1..].starts_with(" of ") =>
        {
            return None
        }
        Kind::Fixed => rule.value.clone(),
        Kind::Today => today(rule, caps, cx)?,
        Kind::Date => {
            let v = date(rule, caps, cx)?;
            range_end = day_range_end(caps, &v)?;
            v
        }
        Kind::RelUnit => rel_unit(caps, cx, matched, &mut ty)?,
        Kind::Ago => ago(rule, caps, cx)?,
        Kind::Dur if group(caps, "dh").is_some() => {
            let n = |g| group(caps, g).and_then(|x| x.parse::<u32>().ok());
            format!("PT{}H{}M{}S", n("dh")?, n("dm")?, n("ds")?)
        }
        Kind::Dur => dur(rule, caps, cx)?,
        Kind::Set => set(caps, cx.lex)?,
        Kind::Time => time(caps, cx, &mut anchor)?,
        Kind::Anchored => anchored(rule, caps, cx, &mut anchor, &mut role)?,
        Kind::Dom => dom(caps, cx)?,
    };
    if ty == TimexType::Date
        && value.len() > 10
        && value.as_bytes().get(10) == Some(&b'T')
    {
        ty = TimexType::Time;
    }
    Some(Resolved { ty, value, anchor, range_end, role })
}

/// The end of a day range ("Jan. 6-7", "4-9 June", "the night of
/// April 13-14": the `day2` group) whose start resolved to `start`:
/// `Some(None)` when the match is no range, `None` when the range is
/// impossible (the end not after the start), which rejects the match.
fn day_range_end(caps: &Groups, start: &str) -> Option<Option<String>> {
    let Some(d2) = group(caps, "day2") else { return Some(None) };
    let d2 = day_num(d2)?;
    let first = match Val::parse(start)? {
        Val::Day(d) => d,
        _ => return None,
    };
    if d2 <= first.day() {
        return None;
    }
    let end = NaiveDate::from_ymd_opt(first.year(), first.month(), d2)?;
    // A part of the day ("the night of April 13-14") spans into the
    // next day: the range ends on that day, with no part of its own.
    Some(Some(ymd(end)))
}

/// `today`, `yesterday`, `tonight`: a day offset from the DCT (the
/// value column), with a part of the day.
fn today(rule: &Rule, caps: &Groups, cx: &Ctx) -> Option<String> {
    let (lex, dct) = (cx.lex, cx.dct);
    let (off, pod) = match rule.value.split_once(':') {
        Some((o, p)) => (o, Some(format!("T{p}"))),
        None => (rule.value.as_str(), pod_suffix(lex, caps)),
    };
    let d = dct + Duration::days(off.parse::<i64>().ok()?);
    Some(format!("{}{}", ymd(d), pod.unwrap_or_default()))
}

/// `this week`, `last year`: a unit relative to the DCT; "the last
/// decade" is a duration.
fn rel_unit(
    caps: &Groups,
    cx: &Ctx,
    matched: &str,
    ty: &mut TimexType,
) -> Option<String> {
    let (lex, dct) = (cx.lex, cx.dct);
    let unit_text = group(caps, "unit")?;
    if unit_text.to_ascii_lowercase().ends_with('s') {
        return None;
    }
    let unit = lex.value("unit", unit_text)?;
    let rel: i32 = lex.value("rel", group(caps, "rel")?)?.parse().ok()?;
    let the = matched.to_ascii_lowercase().starts_with("the ")
        || matched.to_ascii_lowercase().contains(" the ");
    Some(match unit {
        "W" => week(dct + Duration::days(7 * rel as i64)),
        "WE" => format!("{}-WE", week(dct + Duration::days(7 * rel as i64))),
        "M" => {
            let (y, m) = add_months(dct.year(), dct.month(), rel);
            format!("{y:04}-{m:02}")
        }
        "Y" => format!("{:04}", dct.year() + rel),
        "Q" => {
            let q = (dct.month() as i32 - 1) / 3 + rel;
            let (y, q) = (dct.year() + q.div_euclid(4), q.rem_euclid(4) + 1);
            format!("{y:04}-Q{q}")
        }
        "DE" | "CE" if the && rel != 0 => {
            *ty = TimexType::Duration;
            if unit == "DE" { "P10Y" } else { "P100Y" }.to_string()
        }
        "DE" => format!("{:03}", dct.year() / 10 + rel),
        "CE" => format!("{:02}", dct.year() / 100 + rel),
        _ => return None,
    })
}

/// `two days ago`, `in three weeks`: a unit count before or after the
/// DCT (the value column's sign).
fn ago(rule: &Rule, caps: &Groups, cx: &Ctx) -> Option<String> {
    let (lex, dct) = (cx.lex, cx.dct);
    let unit = lex.value("unit", group(caps, "unit")?)?;
    let sign: i64 = rule.value.parse().ok()?;
    Some(if group(caps, "fuzzy").is_some() {
        if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_string()
    } else {
        let n = num(lex, group(caps, "n")?)?;
        if n.fract() != 0.0 {
            return None;
        }
        shift(Val::Day(dct), unit, sign * n as i64)?.to_string()
    })
}

/// `three weeks`, `several months`: a duration, not an age.
fn dur(rule: &Rule, caps: &Groups, cx: &mut Ctx) -> Option<String> {
    let lex = cx.lex;
    let unit_text = group(caps, "unit")?;
    if is_age(cx) {
        return None;
    }
    // A capitalised unit is part of a name ("the Six-Day War").
    if unit_text.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let unit = lex.value("unit", unit_text)?;
    let after = &cx.text[cx.span.1..];
    if after.starts_with("-old") || after.starts_with(" old") {
        return None;
    }
    Some(if let Some(f) = group(caps, "fuzzy") {
        if f.is_empty()
            && (!unit_text.to_ascii_lowercase().ends_with('s')
                || matches!(unit, "Q" | "WE" | "FN" | "S"))
        {
            return None;
        }
        duration(unit, None)?
    } else {
        let n_text = group(caps, "n")?;
        if unit == "S"
            && lex.value("number", n_text).is_some()
            && n_text.len() <= 2
        {
            return None;
        }
        // A count the rule fixes ("the past week": one), else the
        // text's.
        match rule.value.parse::<f64>() {
            Ok(n) => duration(unit, Some(n))?,
            Err(_) => duration(unit, Some(num(lex, n_text)?))?,
        }
    })
}

/// `every Friday`, `every two weeks`: a recurrence.
fn set(caps: &Groups, lex: &Lexicon) -> Option<String> {
    Some(if let Some(w) = group(caps, "weekday") {
        format!("XXXX-WXX-{}", lex.value("weekday", w)?)
    } else if let Some(p) = group(caps, "pod") {
        format!("XXXX-XX-XXT{}", lex.value("pod", p)?)
    } else {
        let unit = lex.value("unit", group(caps, "unit")?)?;
        let n = match group(caps, "n") {
            Some(t) => num(lex, t)?,
            None => 1.0,
        };
        duration(unit, Some(n))?
    })
}

/// `3 p.m.`, `noon Saturday`: a clock time on a weekday, else on the
/// day its sentence named before it (a clock time names no day of its
/// own: "On Saturday evening, shortly before 19:00 local time" is
/// Saturday's evening), else on the DCT. Not the day of an earlier
/// sentence: a night's story goes past midnight ("declared martial law
/// on Tuesday night. ... voted shortly after 1 a.m." is Wednesday).
/// Its anchor span goes to `anchor`.
fn time(
    caps: &Groups,
    cx: &mut Ctx,
    anchor: &mut Option<Span>,
) -> Option<String> {
    let (lex, dct) = (cx.lex, cx.dct);
    let (h, m) = if let Some(n) = group(caps, "noon") {
        if n.eq_ignore_ascii_case("midnight") {
            (24, 0)
        } else {
            (12, 0)
        }
    } else {
        let mut h: u32 = group(caps, "hour")?.parse().ok()?;
        let m: u32 =
            group(caps, "min").and_then(|m| m.parse().ok()).unwrap_or(0);
        if let Some(ap) = group(caps, "ampm") {
            if h == 0 || h > 12 {
                return None;
            }
            let pm = ap.to_ascii_lowercase().starts_with('p');
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
        }
        (h, m)
    };
    let day = match group(caps, "weekday") {
        Some(w) => {
            let wd: u32 = lex.value("weekday", w)?.parse().ok()?;
            let t = (cx.tense)();
            if matches!(t, Tense::Future | Tense::Present) {
                weekday_from(dct, wd, 1, true)
            } else {
                weekday_from(dct, wd, -1, true)
            }
        }
        None => match story_day(cx).or_else(|| previous_day(cx, h)) {
            Some((d, span)) => {
                *anchor = Some(span);
                d
            }
            None => dct,
        },
    };
    Some(format!("{}T{h:02}:{m:02}", ymd(day)))
}

/// The day the expression's sentence named before it: the last earlier
/// expression of the sentence of a single day that may anchor (not a
/// dateline, a bound or a noun's date), not after the DCT (a planned
/// day is no day the story tells).
fn story_day(cx: &Ctx) -> Option<(Date, Span)> {
    cx.prior.iter().rev().find_map(|t| {
        if t.sentence != cx.sentence
            || !matches!(t.kind, TimexType::Date | TimexType::Time)
            || !t.role.anchors()
        {
            return None;
        }
        match Val::parse(&t.value)? {
            Val::Day(d) if d <= cx.dct => Some((d, t.span)),
            _ => None,
        }
    })
}

/// The day the sentence just before named, for a clock time whose own
/// sentence names none ("gathered on Saturday. ... disrupted at 7.10
/// pm" is Saturday's evening). After a night or evening there, a
/// morning hour is the next day ("declared on Tuesday night. ... voted
/// shortly after 1 a.m." is Wednesday). Never after the DCT.
fn previous_day(cx: &Ctx, hour: u32) -> Option<(Date, Span)> {
    let before = cx.sentence.checked_sub(1)?;
    let (t, d) = cx.prior.iter().rev().find_map(|t| {
        let day = t.sentence == before
            && matches!(t.kind, TimexType::Date | TimexType::Time)
            && t.role.anchors();
        match Val::parse(&t.value).filter(|_| day)? {
            Val::Day(d) => Some((t, d)),
            _ => None,
        }
    })?;
    let late = t.value.ends_with("TNI")
        || t.value.ends_with("TEV")
        || t.value
            .get(11..13)
            .and_then(|h| h.parse::<u32>().ok())
            .is_some_and(|h| h >= 18);
    let d = if late && hour < 12 { d.succ_opt()? } else { d };
    (d <= cx.dct).then_some((d, t.span))
}

/// `the next day`, `two days later`: relative to the narrative anchor
/// (the last date precise enough), whose span goes to `anchor`.
///
/// "N days after/before X" says how the main clause's time relates to
/// X's. Opening a sentence ("Two days after the meeting, talks
/// collapsed") its value is the main clause's time, counted from the
/// anchor (X, told earlier). Following a main clause dated in the same
/// sentence ("agreed on Wednesday, a day after X launched an
/// offensive") the main clause has its date; the expression then dates
/// X, counted back from it, and gets [`Role::Shifted`].
fn anchored(
    rule: &Rule,
    caps: &Groups,
    cx: &mut Ctx,
    anchor: &mut Option<Span>,
    role: &mut Role,
) -> Option<String> {
    let (lex, dct) = (cx.lex, cx.dct);
    if cx.text[cx.span.1..].trim_start().starts_with("than ") {
        return None;
    }
    // "a day after X", "two days before the vote": the expression
    // relates the anchor to X. Followed by a verb or by punctuation it
    // is an adverb ("Prague, which the day before announced ...", "had
    // met the day before."): the day before the anchor itself.
    let relational = {
        let m = std::str::from_utf8(caps.matched).ok()?;
        let m = m.trim_end().to_ascii_lowercase();
        (m.ends_with("after") || m.ends_with("before"))
            && !adverbial_end(&cx.text[cx.span.1..])
    };
    // "fought for five days after the blast": a duration, then "after".
    if relational && ends_with_word(&cx.text[..cx.span.0], DURATION_PREPS) {
        return None;
    }
    let unit = match group(caps, "unit") {
        Some(u) => lex.value("unit", u)?,
        None => "D",
    };
    // "two minutes later", "hours earlier": within the anchor's day
    // (a story telling hours rarely crosses midnight).
    let sub_day = matches!(unit, "H" | "MIN" | "S");
    let need = match unit {
        "D" | "H" | "MIN" | "S" => Gran::Day,
        "W" => Gran::Week,
        "M" => Gran::Month,
        "Y" => Gran::Year,
        _ => return None,
    };
    let found = narrative_anchor(cx.prior, need);
    let (base, at) = match found {
        Some((v, s)) => (v, Some(s)),
        None => (Val::Day(dct), None),
    };
    *anchor = at;
    let n = match group(caps, "n") {
        Some(t) => num(lex, t)?,
        None => 1.0,
    };
    if n.fract() != 0.0 {
        return None;
    }
    let mut k = match rule.value.as_str() {
        _ if sub_day => 0,
        "same" => 0,
        "+" => n as i64,
        _ => -(n as i64),
    };
    // "The next day", "two days later" in a past clause counted to a
    // day after publication (from it, when no earlier day anchors the
    // count, or from a coming day's date): a past act cannot fall
    // there, so the expression dates nothing and the event takes the
    // story's time.
    if k > 0
        && !relational
        && shift(base, unit, k)
            .and_then(|v| v.first_day())
            .is_some_and(|d| d > dct)
        && (cx.tense)() == Tense::Past
    {
        return None;
    }
    let same_sentence = at.is_some_and(|a| {
        cx.prior
            .iter()
            .rev()
            .find(|t| t.span == a)
            .is_some_and(|t| t.sentence == cx.sentence)
    });
    if relational && same_sentence {
        k = -k;
        *role = Role::Shifted;
    }
    let v = shift(base, unit, k)?.to_string();
    Some(match pod_suffix(lex, caps) {
        Some(p) if v.len() == 10 => format!("{v}{p}"),
        Some(_) => return None,
        None => v,
    })
}

/// `the 8th`: a day of the DCT's month, or the month before or after
/// by tense.
fn dom(caps: &Groups, cx: &mut Ctx) -> Option<String> {
    let dct = cx.dct;
    let d = day_num(group(caps, "day")?)?;
    let after = cx.text[cx.span.1..].trim_start();
    if after.starts_with("of ") {
        return None;
    }
    let (y, m) = (dct.year(), dct.month());
    let future = (cx.tense)() == Tense::Future;
    let (y, m) = if future {
        if d >= dct.day() {
            (y, m)
        } else {
            add_months(y, m, 1)
        }
    } else if d <= dct.day() {
        (y, m)
    } else {
        add_months(y, m, -1)
    };
    Some(ymd(NaiveDate::from_ymd_opt(y, m, d)?))
}

/// Words before "N days after" that make "N days" a duration.
const DURATION_PREPS: &[&str] = &["for", "over", "within", "lasting"];

/// True when `after` (the text after "the day before" / "a week
/// after") opens with no complement: punctuation, the end, or a past
/// verb ("the day before announced"), so the expression is an adverb.
fn adverbial_end(after: &str) -> bool {
    let a = after.trim_start();
    let Some(c) = a.chars().next() else { return true };
    if !c.is_alphanumeric() {
        return !matches!(c, '"' | '\'' | '\u{201c}' | '(');
    }
    let w: String = a
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    // Past forms: regular -ed (not "red", "bed") and the irregular
    // ones a news sentence puts there.
    w.len() > 4 && w.ends_with("ed")
        || matches!(
            w.as_str(),
            "said"
                | "told"
                | "met"
                | "held"
                | "made"
                | "sent"
                | "took"
                | "began"
                | "fled"
                | "left"
                | "spoke"
                | "wrote"
                | "gave"
        )
}

/// A TIMEX3 duration value for `n` (None = unspecified) units.
fn duration(unit: &str, n: Option<f64>) -> Option<String> {
    let x = |k: f64| n.map_or("X".to_string(), |n| fmt_num(n * k));
    Some(match unit {
        "D" => format!("P{}D", x(1.0)),
        "W" => format!("P{}W", x(1.0)),
        "M" => format!("P{}M", x(1.0)),
        "Y" => format!("P{}Y", x(1.0)),
        "DE" => format!("P{}Y", x(10.0)),
        "CE" => format!("P{}Y", x(100.0)),
        "Q" => format!("P{}M", x(3.0)),
        "FN" => format!("P{}W", x(2.0)),
        "WE" => format!("P{}WE", x(1.0)),
        "H" => format!("PT{}H", x(1.0)),
        "MIN" => format!("PT{}M", x(1.0)),
        "S" => format!("PT{}S", x(1.0)),
        _ => return None,
    })
}

/// `base` moved by `k` units, at the unit's granularity.
pub fn shift(base: Val, unit: &str, k: i64) -> Option<Val> {
    let day = base.first_day();
    Some(match unit {
        "D" | "H" | "MIN" | "S" => Val::Day(day? + Duration::days(k)),
        "W" => match base {
            Val::Day(d) | Val::Week(d) => Val::Week(d + Duration::days(7 * k)),
            _ => return None,
        },
        "FN" => Val::Day(day? + Duration::days(14 * k)),
        "M" => {
            let (y, m) = base.year_month()?;
            let (y, m) = add_months(y, m, k as i32);
            Val::Month(y, m)
        }
        "Q" => {
            let (y, m) = base.year_month()?;
            let (y, m) = add_months(y, m, 3 * k as i32);
            Val::Month(y, m)
        }
        "Y" => Val::Year(base.year() + k as i32),
        "DE" => Val::Year(base.year() + 10 * k as i32),
        _ => return None,
    })
}

fn date(rule: &Rule, caps: &Groups, cx: &mut Ctx) -> Option<String> {
    let lex = cx.lex;
    let dct = cx.dct;
    let year = group(caps, "year")
        .or_else(|| group(caps, "year2"))
        .and_then(|y| y.parse::<i32>().ok());
    let rel: Option<i32> = group(caps, "rel")
        .and_then(|r| lex.value("rel", r))
        .and_then(|r| r.parse().ok());
    let pod = pod_suffix(lex, caps).unwrap_or_default();
    if let Some(yy) = group(caps, "yy") {
        return year_range_end(cx, yy);
    }
    if let Some(d) = group(caps, "decade") {
        return Some(d.to_string());
    }
    if let Some(d) = group(caps, "decade2") {
        let d: i32 = d.parse().ok()?;
        let c = if 2000 + d * 10 <= dct.year() { 20 } else { 19 };
        return Some(format!("{c}{d}"));
    }
    if let Some(c) = group(caps, "cent") {
        let c: i32 = c.parse().ok()?;
        return Some(format!("{:02}", c - 1));
    }
    if let Some(c) = group(caps, "centw") {
        let c: i32 = lex.value("ordinal", c)?.parse().ok()?;
        return Some(format!("{:02}", c - 1));
    }
    if let Some(q) = group(caps, "qn").or_else(|| group(caps, "qw")) {
        return quarter(q, year, cx);
    }
    if let Some(half) = group(caps, "half") {
        let h = if half.eq_ignore_ascii_case("first") { 1 } else { 2 };
        return Some(format!("{:04}-H{h}", year?));
    }
    if let Some(season) = group(caps, "season") {
        return season_value(season, year, rel, cx);
    }
    if let (Some(mm), Some(dd)) = (group(caps, "mm"), group(caps, "dd")) {
        let d = NaiveDate::from_ymd_opt(
            year?,
            mm.parse().ok()?,
            dd.parse().ok()?,
        )?;
        return Some(ymd(d));
    }
    if let (Some(a), Some(b)) = (group(caps, "na"), group(caps, "nb")) {
        let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
        let (m, d) = if a == b || (a <= 12 && b > 12) {
            (a, b)
        } else if a > 12 && b <= 12 {
            (b, a)
        } else {
            return None;
        };
        return Some(ymd(NaiveDate::from_ymd_opt(year?, m, d)?));
    }
    if let Some(m) = group(caps, "month") {
        return month(m, (year, rel), &pod, rule, caps, cx);
    }
    if let Some(w) = group(caps, "weekday") {
        return weekday(w, rel, &pod, cx);
    }
    if let Some(y) = year {
        if !plausible_year(cx) {
            return None;
        }
        return Some(format!("{y:04}"));
    }
    None
}

/// `the fourth quarter`, `Q1 2024`: a quarter, its year by tense when
/// not given.
fn quarter(q: &str, year: Option<i32>, cx: &mut Ctx) -> Option<String> {
    let (lex, dct) = (cx.lex, cx.dct);
    let q: u32 = match q.parse() {
        Ok(q) => q,
        Err(_) => lex.value("ordinal", q)?.parse().ok()?,
    };
    if !(1..=4).contains(&q) {
        return None;
    }
    let y = match year {
        Some(y) => y,
        None => {
            let cur = (dct.month() - 1) / 3 + 1;
            match (cx.tense)() {
                Tense::Past if q > cur => dct.year() - 1,
                Tense::Future if q < cur => dct.year() + 1,
                _ => dct.year(),
            }
        }
    };
    Some(format!("{y:04}-Q{q}"))
}

/// `last summer`, `spring 2023`: a season, its year from the text or
/// relative to the DCT.
fn season_value(
    s: &str,
    year: Option<i32>,
    rel: Option<i32>,
    cx: &Ctx,
) -> Option<String> {
    let (lex, dct) = (cx.lex, cx.dct);
    let code = lex.value("season", s)?;
    let y = match (year, rel) {
        (Some(y), _) => y,
        (None, Some(0)) => dct.year(),
        (None, Some(r)) if r < 0 => {
            if season_start(code) + 3 <= dct.month() {
                dct.year()
            } else {
                dct.year() - 1
            }
        }
        (None, Some(_)) => {
            if season_start(code) > dct.month() {
                dct.year()
            } else {
                dct.year() + 1
            }
        }
        _ => return None,
    };
    Some(format!("{y:04}-{code}"))
}

/// `February 9`, `last Oct.`, `May`: a month name, with a day or alone;
/// its year from the text, relative to the DCT, or by tense.
fn month(
    m: &str,
    (year, rel): (Option<i32>, Option<i32>),
    pod: &str,
    rule: &Rule,
    caps: &Groups,
    cx: &mut Ctx,
) -> Option<String> {
    let (lex, dct) = (cx.lex, cx.dct);
    let m: u32 = lex.value("month", m)?.parse().ok()?;
    if let Some(d) = group(caps, "day").and_then(day_num) {
        let y = match year {
            Some(y) => y,
            None => infer_day_year(dct, m, d, (cx.tense)()),
        };
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        return Some(format!("{}{pod}", ymd(date)));
    }
    let y = match (year, rel) {
        (Some(y), _) => y,
        (None, Some(0)) => dct.year(),
        (None, Some(r)) if r < 0 => {
            if m < dct.month() {
                dct.year()
            } else {
                dct.year() - 1
            }
        }
        (None, Some(_)) => {
            if m > dct.month() {
                dct.year()
            } else {
                dct.year() + 1
            }
        }
        (None, None) => {
            // A month name alone (the rule's `lone` value).
            let lone = group(caps, "mod").is_none() && rule.value == "lone";
            if lone && bare_month_doubtful(cx) {
                return None;
            }
            infer_year(dct, m, 15, (cx.tense)())
        }
    };
    Some(format!("{y:04}-{m:02}"))
}

/// `Wednesday`, `last Thursday`: the weekday before or after the DCT.
fn weekday(
    w: &str,
    rel: Option<i32>,
    pod: &str,
    cx: &mut Ctx,
) -> Option<String> {
    let (lex, dct) = (cx.lex, cx.dct);
    let wd: u32 = lex.value("weekday", w)?.parse().ok()?;
    let d = match rel {
        Some(r) if r < 0 => last_weekday(dct, wd),
        Some(r) if r > 0 => weekday_from(dct, wd, 1, false),
        _ => match (cx.tense)() {
            Tense::Future => weekday_from(dct, wd, 1, true),
            _ => weekday_from(dct, wd, -1, true),
        },
    };
    Some(format!("{}{pod}", ymd(d)))
}

/// `last Thursday` written on a Friday is the Thursday of the week
/// before: a writer names the day before as "yesterday", so "last" only
/// reaches past it.
fn last_weekday(dct: Date, wd: u32) -> Date {
    let d = weekday_from(dct, wd, -1, false);
    if (dct - d).num_days() == 1 {
        d - Duration::days(7)
    } else {
        d
    }
}

/// The second year of a range written "1957-58": the century comes from
/// the four-digit year just before the separator.
fn year_range_end(cx: &Ctx, yy: &str) -> Option<String> {
    let before = cx.text[..cx.span.0].trim_end_matches(['-', '/', '\u{2013}']);
    let first = before.get(before.len().checked_sub(4)?..)?;
    if !first.bytes().all(|b| b.is_ascii_digit())
        || before[..before.len() - 4]
            .ends_with(|c: char| c.is_ascii_alphanumeric())
    {
        return None;
    }
    let y: i32 = first.parse().ok()?;
    let yy: i32 = yy.parse().ok()?;
    if !(1600..2100).contains(&y) {
        return None;
    }
    let end =
        if yy > y % 100 { y - y % 100 + yy } else { y - y % 100 + 100 + yy };
    (end - y <= 10).then(|| format!("{end:04}"))
}

/// "May" or "March" alone after a capitalised word is more likely a name
/// ("Theresa May") than a month.
fn bare_month_doubtful(cx: &Ctx) -> bool {
    let before = cx.text[..cx.span.0].trim_end();
    let prev =
        before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let word = &cx.text[cx.span.0..cx.span.1];
    matches!(word, "May" | "March" | "August")
        && prev.chars().next().is_some_and(char::is_uppercase)
        && !before.ends_with(['.', '"', '\n'])
        && !matches!(
            prev,
            "In" | "On"
                | "By"
                | "Since"
                | "Until"
                | "From"
                | "Last"
                | "Next"
                | "This"
        )
}

/// Ages ("children ages 6 months and older", "a 22-year-old") are not
/// durations of events.
fn is_age(cx: &Ctx) -> bool {
    let before = cx.text[..cx.span.0].trim_end().to_ascii_lowercase();
    let after = cx.text[cx.span.1..].to_ascii_lowercase();
    before.ends_with("ages")
        || before.ends_with("aged")
        || before.ends_with(" age")
        || ["-old", " old", " older", " and older", " or older", " of age"]
            .iter()
            .any(|a| after.starts_with(a))
}

/// A four-digit number is a year unless it looks like a quantity:
/// preceded by a currency sign or followed by a digit group, percent or
/// a unit word.
fn plausible_year(cx: &Ctx) -> bool {
    let before = cx.text[..cx.span.0].trim_end();
    if before.ends_with(['$', '£', '€', '#', '+', '/'])
        || before.ends_with("No.")
    {
        return false;
    }
    let after = &cx.text[cx.span.1..];
    let next = after.trim_start();
    if after.starts_with([',', '.', '/'])
        && after[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    if next.starts_with('%')
        || next.starts_with("percent")
        || next.starts_with("pct")
    {
        return false;
    }
    let w: String =
        next.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    !matches!(
        w.as_str(),
        "people"
            | "tonnes"
            | "tons"
            | "shares"
            | "troops"
            | "soldiers"
            | "dlrs"
            | "dollars"
            | "barrels"
            | "km"
            | "kilometres"
            | "kilometers"
            | "miles"
            | "metres"
            | "meters"
            | "feet"
            | "men"
            | "workers"
            | "jobs"
            | "units"
            | "cars"
            | "vehicles"
            | "hectares"
            | "acres"
            | "points"
            | "kg"
            | "mln"
            | "billion"
            | "million"
            | "votes"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(add_months(2024, 1, -1), (2023, 12));
        assert_eq!(add_months(2024, 12, 1), (2025, 1));
        assert_eq!(week(d("2024-02-11")), "2024-W06");
        // 2023-11-16 is a Thursday.
        let dct = d("2023-11-16");
        assert_eq!(weekday_from(dct, 3, -1, true), d("2023-11-15"));
        assert_eq!(weekday_from(dct, 4, -1, true), dct);
        assert_eq!(weekday_from(dct, 4, -1, false), d("2023-11-09"));
        assert_eq!(weekday_from(dct, 1, 1, true), d("2023-11-20"));
        assert_eq!(infer_year(d("2024-11-20"), 1, 15, Tense::Future), 2025);
        assert_eq!(infer_year(d("2024-02-11"), 10, 7, Tense::Past), 2023);
        // A bare day a few weeks ahead is the coming one, past tense or
        // not; one further ahead under the past tense is last year's.
        assert_eq!(infer_day_year(d("1987-06-29"), 6, 30, Tense::Past), 1987);
        assert_eq!(infer_day_year(d("1987-03-02"), 3, 20, Tense::Past), 1987);
        assert_eq!(infer_day_year(d("2024-02-11"), 10, 7, Tense::Past), 2023);
        assert_eq!(infer_day_year(d("2024-02-11"), 2, 9, Tense::Past), 2024);
        assert_eq!(infer_year(d("2024-02-11"), 2, 9, Tense::Unknown), 2024);
        assert_eq!(infer_year(d("2024-01-05"), 12, 20, Tense::Unknown), 2023);
        assert_eq!(duration("DE", Some(1.0)).unwrap(), "P10Y");
        assert_eq!(duration("H", None).unwrap(), "PTXH");
        assert_eq!(duration("D", Some(1.5)).unwrap(), "P1.5D");
    }
}
