//! Anchors and event dating: reading TIMEX3 values back as calendar
//! values, finding the narrative anchor in force ("On the same day" means
//! the last date the story gave, not the publication date), and choosing
//! the date that governs an event.

use super::lexicon::TenseCues;
use super::tense::{tense_at, Tense};
use super::tree;
use super::value::{ymd, Gran, Val};
use super::words::{determiner, word_before};
use super::{DateFrom, EventDate, Precision, Role, TimeMention, TimexType};
use crate::date::Date;
use crate::span::Span;
use crate::syntax::{Rel, SentenceTree, Upos};
use crate::text::Analyzed;

/// The most recent earlier expression precise enough (`need` or finer)
/// to anchor a relative one: its value and span.
pub fn narrative_anchor(
    prior: &[TimeMention],
    need: Gran,
) -> Option<(Val, Span)> {
    prior.iter().rev().find_map(|t| {
        if !matches!(t.kind, TimexType::Date | TimexType::Time)
            || !t.role.anchors()
        {
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
/// (a decade, an unspecified `XXXX` value). A range's start keeps the
/// range's end.
fn mention_date(dct: Date, t: &TimeMention) -> Option<EventDate> {
    if !matches!(t.kind, TimexType::Date | TimexType::Time) {
        return None;
    }
    if t.value.ends_with("_REF") {
        return Some(EventDate {
            date: ymd(dct),
            date_from: DateFrom::Published,
            precision: Precision::Fuzzy,
            date_end: None,
        });
    }
    let end =
        t.range_end.as_ref().map(|e| e.get(..10).unwrap_or(e).to_string());
    if let Some(v) = Val::parse(&t.value) {
        return Some(EventDate {
            date: t.value.get(..10).unwrap_or(&t.value).to_string(),
            date_from: DateFrom::Text,
            precision: precision(&v),
            date_end: end,
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
            date_end: end,
        });
    }
    None
}

/// Whether mention `t` may date an event whose trigger is at `span`:
/// datelines, ends of ranges and "until" bounds date nothing; "a day
/// after X" following a dated main clause dates only what follows it
/// (X's clause).
fn may_date(t: &TimeMention, span: Span) -> bool {
    match t.role {
        Role::Point | Role::Background => true,
        Role::Shifted => t.span.end <= span.start,
        Role::Dateline | Role::RangeEnd | Role::Until => false,
    }
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

/// What dating an event may read besides the mentions.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// The article's text.
    pub text: &'a str,
    /// Its sentences and tokens.
    pub analyzed: &'a Analyzed,
    /// Tense cues, for the narrative anchor's tense test.
    pub cues: &'a TenseCues,
    /// The event sentence's dependency tree, when it was parsed.
    pub tree: Option<&'a SentenceTree>,
}

/// The date governing an event at `span` in sentence `sentence`; see
/// [`super::TimeTagger::event_date_in`]. Without `ctx` no clause
/// boundaries or tense are checked.
pub fn event_date(
    dct: Date,
    ctx: Option<Ctx<'_>>,
    times: &[TimeMention],
    sentence: usize,
    span: Span,
) -> EventDate {
    // Mentions come in text order (`TimeTagger::find`), so each
    // sentence's are one contiguous run: binary search keeps dating every
    // event of a long article linear rather than quadratic.
    let lo = times.partition_point(|t| t.sentence < sentence);
    let hi = lo + times[lo..].partition_point(|t| t.sentence <= sentence);
    let same: Vec<(&TimeMention, EventDate)> = times[lo..hi]
        .iter()
        .filter(|t| may_date(t, span))
        .filter(|t| !ctx.is_some_and(|cx| modifies_noun(cx.text, t, span)))
        .filter_map(|t| mention_date(dct, t).map(|d| (t, d)))
        .collect();
    if ctx.is_some_and(|cx| past_perfect_at(cx, sentence, span)) {
        return past_perfect_date(dct, ctx, &same, span);
    }
    // "since he was pardoned": an earlier act, dated like a past perfect.
    if ctx.is_some_and(|cx| {
        cx.tree.is_some_and(|t| tree::since_clause(t, cx.text, span.start))
    }) {
        return past_perfect_date(dct, ctx, &same, span);
    }
    if let Some(d) = own_clause(dct, ctx, &same, sentence, span) {
        return d;
    }
    if let Some(d) = ctx.and_then(|cx| {
        named_agreement(dct, cx.text, &times[..lo], sentence, span)
    }) {
        return d;
    }
    if let Some(d) = ctx.and_then(|cx| {
        named_meeting(dct, cx.text, &times[..lo], sentence, span)
    }) {
        return d;
    }
    if let Some(d) = narrative(dct, ctx, &times[..lo], sentence, span) {
        return d;
    }
    EventDate {
        date: ymd(dct),
        date_from: DateFrom::Published,
        precision: Precision::Day,
        date_end: None,
    }
}

/// Nouns of an agreement an earlier sentence may date.
///
/// The list: `dicts/time/agreement_nouns.txt`.
static AGREEMENT_NOUNS: crate::util::WordList =
    crate::util::word_list!("time/agreement_nouns.txt");

/// Verbs of reaching one that stand in between the noun and its date
/// ("the agreement reached last month in Paris").
///
/// The list: `dicts/time/agreement_verbs.txt`.
static AGREEMENT_VERBS: crate::util::WordList =
    crate::util::word_list!("time/agreement_verbs.txt");

/// Sentences back an agreement's date is looked for.
const AGREEMENT_REACH: usize = 2;

/// The date an earlier sentence gave an agreement ("in line with the
/// February 22 Paris agreement", "the accord reached last month in
/// Paris"), for an undated "agreed" or "reached the accord" that tells
/// it again ("Canada, Britain and France agreed to cooperate"): wire
/// copy recalls an accord by its date once and then retells it. Such a
/// noun date anchors nothing by itself (it is a background date of the
/// noun), so without this the retelling takes the publication date.
/// Only the agreeing verbs take it, only from the last
/// [`AGREEMENT_REACH`] sentences, and never a day after publication.
fn named_agreement(
    dct: Date,
    text: &str,
    earlier: &[TimeMention],
    sentence: usize,
    span: Span,
) -> Option<EventDate> {
    // The trigger and the two words after it: "agreed to" or "agreed
    // on" (not "agreed that", a view), "reached the accord", "signed the
    // pact" (not "signed more favourable agreements", other ones).
    let from = text.get(span.start as usize..)?;
    let next: Vec<String> = from
        .split_whitespace()
        .take(3)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase()
        })
        .collect();
    let retold = match next.as_slice() {
        [t, p, ..] if t == "agreed" => matches!(p.as_str(), "to" | "on"),
        [t, d, n] if matches!(t.as_str(), "reached" | "signed") => {
            matches!(d.as_str(), "the" | "this" | "that")
                && AGREEMENT_NOUNS.contains(n.as_str())
        }
        _ => false,
    };
    if !retold {
        return None;
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let agreement =
        |w: &str| AGREEMENT_NOUNS.contains(w.to_ascii_lowercase().as_str());
    earlier
        .iter()
        .rev()
        .take_while(|t| t.sentence + AGREEMENT_REACH >= sentence)
        .filter(|t| t.sentence < sentence)
        .find_map(|t| {
            let start = t.span.start as usize;
            let end = t.span.end as usize;
            // "the February 22 Paris agreement": names (capitalised
            // words) may stand between the date and the noun.
            let after = words(text.get(end..(end + 60).min(text.len()))?);
            let noun_after =
                after.iter().take(4).position(|w| agreement(w)).is_some_and(
                    |i| {
                        after[..i]
                            .iter()
                            .all(|w| w.starts_with(char::is_uppercase))
                    },
                );
            // "the agreement reached last month in Paris", "the accord
            // of February 22".
            let before = words(text.get(start.saturating_sub(40)..start)?);
            let tail: Vec<&str> =
                before.iter().rev().take(3).map(String::as_str).collect();
            let noun_before = match tail.as_slice() {
                [w, ..] if agreement(w) => true,
                [p, n, ..] if matches!(*p, "of" | "on") && agreement(n) => {
                    true
                }
                [v, n, ..] if AGREEMENT_VERBS.contains(v) && agreement(n) => {
                    true
                }
                [p, v, n]
                    if matches!(*p, "on" | "in")
                        && AGREEMENT_VERBS.contains(v)
                        && agreement(n) =>
                {
                    true
                }
                _ => false,
            };
            if !(noun_after || noun_before) {
                return None;
            }
            let mut d = mention_date(dct, t)?;
            let v = Val::parse(&t.value)?;
            if v.first_day().is_some_and(|f| f > dct) {
                // A bare "February 22" in a future-tense sentence ("will
                // act in line with the February 22 agreement") took next
                // year; the agreement retold as agreed lies before
                // publication. A written year stays as written.
                let written = text.get(start..end).unwrap_or("");
                let has_year = written
                    .split(|c: char| !c.is_ascii_digit())
                    .any(|n| n.len() == 4);
                let year: i32 = d.date.get(..4)?.parse().ok()?;
                let back = format!("{}{}", year - 1, d.date.get(4..)?);
                let back_first = Val::parse(&back)?.first_day()?;
                if has_year || back_first > dct {
                    return None;
                }
                d.date = back;
            }
            Some(EventDate { date_from: DateFrom::Anchor, ..d })
        })
}

/// Nouns of a meeting a sentence may open with, retelling one the
/// sentence before dated ("... which met in London last December. The
/// meeting involved delegates from ten countries"); the data file says
/// which.
static OPENING_MEETING_NOUNS: crate::util::WordList =
    crate::util::word_list!("time/meeting_openers.txt");

/// Words of a meeting a dated earlier sentence tells of (the data file).
static MEETING_WORDS: crate::util::WordList =
    crate::util::word_list!("time/meeting_words.txt");

/// The date an earlier sentence gave a meeting, for a definite meeting
/// noun that opens its sentence with no date of its own ("The meeting
/// involved delegates from ...", "The Managua meeting was attended by
/// ..."): wire copy dates a meeting once ("a producers' meeting in
/// Managua last weekend") and then tells of it by the definite noun,
/// which would otherwise take the publication date. Only a sentence
/// opening "The" (names may stand between: "The Paris talks"), only from
/// the last [`AGREEMENT_REACH`] sentences, a meeting word within a few
/// words of the date, and never a date after publication.
fn named_meeting(
    dct: Date,
    text: &str,
    earlier: &[TimeMention],
    sentence: usize,
    span: Span,
) -> Option<EventDate> {
    let trigger = text.get(span.start as usize..span.end as usize)?;
    if !OPENING_MEETING_NOUNS.contains(trigger.to_ascii_lowercase().as_str()) {
        return None;
    }
    // The words before the noun back to the sentence start: "The" and
    // capitalised names only.
    let start = text.get(..span.start as usize)?;
    let opening = start
        .rfind(['.', '!', '?', '"'])
        .map_or(start, |i| start.get(i + 1..).unwrap_or(""));
    let words: Vec<&str> = opening.split_whitespace().collect();
    let definite = words.first().is_some_and(|w| *w == "The")
        && words.len() <= 3
        && words[1..].iter().all(|w| w.starts_with(char::is_uppercase));
    if !definite {
        return None;
    }
    // The meeting word must be the earlier sentences', not this one's
    // own noun ("Prices fell in March. The meeting ...").
    let own_start = start.len() - opening.len();
    let meeting_near = |from: usize, to: usize| -> bool {
        // Char boundaries at or before each end (the window is in bytes).
        let floor =
            |i: usize| (0..=i).rev().find(|&b| text.is_char_boundary(b));
        let lo = floor(from.saturating_sub(50)).unwrap_or(0);
        let hi = floor((to + 50).min(own_start)).unwrap_or(0);
        text.get(lo..hi).is_some_and(|s| {
            s.split(|c: char| !c.is_alphanumeric()).any(|w| {
                MEETING_WORDS.contains(w.to_ascii_lowercase().as_str())
            })
        })
    };
    earlier
        .iter()
        .rev()
        .take_while(|t| t.sentence + AGREEMENT_REACH >= sentence)
        .filter(|t| t.sentence < sentence)
        .filter(|t| meeting_near(t.span.start as usize, t.span.end as usize))
        .find_map(|t| {
            let d = mention_date(dct, t)?;
            let first = Val::parse(&t.value)?.first_day()?;
            (first <= dct)
                .then_some(EventDate { date_from: DateFrom::Anchor, ..d })
        })
}

/// Text distance between a mention and the trigger at `span`.
fn distance(t: &TimeMention, span: Span) -> u32 {
    if t.span.end <= span.start {
        span.start - t.span.end
    } else {
        t.span.start.saturating_sub(span.end)
    }
}

/// The date of the event's own clause, else of a clause governing it
/// ("said on Monday that ..."): by the tree when the sentence has one,
/// else by the words between (no clause boundary). Without a context,
/// the nearest date of the sentence.
fn own_clause(
    dct: Date,
    ctx: Option<Ctx<'_>>,
    same: &[(&TimeMention, EventDate)],
    sentence: usize,
    span: Span,
) -> Option<EventDate> {
    let nearest = || {
        let best =
            same.iter().min_by_key(|(t, _)| (distance(t, span), t.span.start));
        best.map(|(_, d)| d.clone())
    };
    let Some(cx) = ctx else { return nearest() };
    if let Some(tree) = cx.tree {
        // The tree says which clause each expression dates: one dating
        // another clause (a relative clause's "that killed five on
        // Sunday") does not date this event.
        // A past clause cannot tell of a time after publication: an
        // expression the tree does not put in the event's clause or above
        // it that lies after the publication date is another clause's
        // plan ("signed an accord ... and return it ... in 1999").
        let past = past_at(cx, sentence, span).unwrap_or(false);
        return by_tree(tree, cx.text, same, span, dct, |d| {
            past && after(d, dct)
        });
    }
    let best = same
        .iter()
        .filter(|(t, _)| !crosses_boundary(cx.text, t, span))
        .min_by_key(|(t, _)| (distance(t, span), t.span.start));
    // Without a tree, a date across a clause boundary of the sentence
    // still beats one from another sentence ("advanced on October 7,
    // when rockets fell": the "when" clause shares its time).
    best.map(|(_, d)| d.clone()).or_else(nearest)
}

/// [`own_clause`] on the tree: the mention dating the event's clause
/// or the nearest clause above it, nearest in the text first. Failing
/// that, one the words between do not cut off (no clause boundary), as
/// without a tree, unless the tree puts it in a finite clause below the
/// event's ("condemned the attack that killed five on Sunday", "said
/// that rebels attacked on Sunday"): that clause's time is its own.
/// Why the fallback: a misattached modifier ("struck ... in Kashmir
/// early on Wednesday" parsed as a clause of "Kashmir") is common, and
/// losing its date costs more than the rare wrong one.
fn by_tree(
    tree: &SentenceTree,
    text: &str,
    same: &[(&TimeMention, EventDate)],
    span: Span,
    dct: Date,
    implausible: impl Fn(&EventDate) -> bool,
) -> Option<EventDate> {
    let event = tree::clause_at(tree, span.start)?;
    same.iter()
        .filter_map(|(t, d)| {
            // Another act's date ("condemned the attack on the embassy
            // on April 1"): not the condemnation's.
            if dates_act_noun(tree, text, t.span, span) {
                return None;
            }
            // A coming meeting's day the trigger's past tense put in the
            // year before ("proposed a preparatory meeting on April 23"
            // in a March story read as last April): the meeting's, and
            // wrong for it too.
            if pushed_back(text, t, d, dct)
                && dates_meeting_noun(tree, text, t.span, span)
            {
                return None;
            }
            // A noun trigger's own date ("the attack on the embassy in
            // Damascus on April 1") beats its clause's.
            if hangs_from(tree, t.span, span) {
                return Some(((0, 0), d));
            }
            let c = tree::dated_clause(tree, t.span)?;
            let rank = match tree::governs(tree, c, event) {
                Some(up) => up,
                None if below_finite(tree, c, event) => return None,
                None if below_noun(
                    tree,
                    c,
                    event,
                    span,
                    t.role != Role::Shifted,
                ) =>
                {
                    return None
                }
                None if crosses_boundary(text, t, span) => return None,
                None if implausible(d) => return None,
                None => usize::MAX,
            };
            Some(((rank, distance(t, span)), d))
        })
        .min_by_key(|(k, _)| *k)
        .map(|(_, d)| d.clone())
}

/// True when the expression at `expr` hangs, through nouns only, from
/// a word of the trigger at `trigger` (a noun trigger's modifier).
fn hangs_from(tree: &SentenceTree, expr: Span, trigger: Span) -> bool {
    let mut h = tree::expr_head(tree, expr);
    // Bounded: a tree has no cycles, the count guards a hand-made one.
    for _ in 0..8 {
        let Some(p) = h.and_then(|h| tree.head(h)).filter(|&p| p != 0) else {
            break;
        };
        let Some(w) = tree.word(p) else { break };
        if w.span.start >= trigger.start && w.span.end <= trigger.end {
            return true;
        }
        if tree.is_clause_head(p) {
            break;
        }
        h = Some(p);
    }
    // A parser often hangs a late date on the verb instead ("launched
    // ... in response to the attack on the embassy in Damascus on
    // April 1"): a noun trigger followed, up to the expression, by
    // nothing but its noun phrase's words is that noun's date too.
    nominal_run(tree, trigger, expr)
}

/// Nouns naming an act with a day of its own: a date in their noun
/// phrase is theirs.
///
/// The list: `dicts/time/act_nouns.txt`.
static ACT_NOUNS: crate::util::WordList =
    crate::util::word_list!("time/act_nouns.txt");

/// True when the expression at `expr` belongs to the noun phrase of an
/// act noun after the trigger at `trigger` (by the tree, or by a run of
/// noun-phrase words from the noun to the expression).
fn dates_act_noun(
    tree: &SentenceTree,
    text: &str,
    expr: Span,
    trigger: Span,
) -> bool {
    let act = |id: u32| {
        tree.word(id).filter(|w| w.upos == Upos::Noun).is_some_and(|w| {
            w.span.start >= trigger.end
                && w.span.end <= expr.start
                && text.get(w.span.range()).is_some_and(|f| {
                    ACT_NOUNS.contains(f.to_ascii_lowercase().as_str())
                })
        })
    };
    // "killed during a raid in the camp on Wednesday": the act the
    // event happened in shares its time.
    let within = |id: u32| {
        tree.children(id).iter().any(|&c| {
            tree.deprel(c).is_some_and(|d| d.rel == Rel::Case)
                && tree
                    .word(c)
                    .and_then(|w| text.get(w.span.range()))
                    .is_some_and(|f| {
                        matches!(
                            f.to_ascii_lowercase().as_str(),
                            "during" | "in" | "amid" | "at" | "throughout"
                        )
                    })
        })
    };
    // Right after the act noun ("condemned the attack on Tuesday") the
    // date is the verb's by news usage; after a longer noun phrase ("the
    // attack on the embassy in Damascus on April 1") it is the act's.
    let noun_between = |from: Span| {
        tree.ids().filter_map(|id| tree.word(id)).any(|w| {
            w.span.start >= from.end
                && w.span.end <= expr.start
                && matches!(w.upos, Upos::Noun | Upos::Propn)
        })
    };
    tree.ids().filter(|&id| act(id) && !within(id)).any(|id| {
        tree.word(id).is_some_and(|w| {
            noun_between(w.span) && nominal_run(tree, w.span, expr)
        })
    })
}

/// Days before publication beyond which a date written without a year
/// was put in the year before by tense, not by the text.
const PUSHED_BACK_DAYS: i64 = 183;

/// Words that place an expression in the past by themselves ("last
/// year", "last June", "two years ago"): no tense put it there.
const PAST_WORDS: &[&str] = &["last", "past", "previous", "ago", "year"];

/// True when mention `t`, written without a year or a word of the past,
/// resolved to a day more than [`PUSHED_BACK_DAYS`] before publication:
/// a month and day still ahead this year that a past-tense clause put in
/// the last one.
fn pushed_back(text: &str, t: &TimeMention, d: &EventDate, dct: Date) -> bool {
    let written = text.get(t.span.range()).unwrap_or("").to_ascii_lowercase();
    let has_year = written
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        || written
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| PAST_WORDS.contains(&w));
    let first = Val::parse(&d.date).and_then(|v| v.first_day());
    !has_year && first.is_some_and(|f| (dct - f).num_days() > PUSHED_BACK_DAYS)
}

/// Nouns of a meeting: a date in their phrase is the meeting's day,
/// which an act about the meeting (proposing, agreeing to, asking about
/// it) does not share.
///
/// The list: `dicts/time/meeting_nouns.txt`.
static MEETING_NOUNS: crate::util::WordList =
    crate::util::word_list!("time/meeting_nouns.txt");

/// Verbs (lemmas) whose act is the meeting itself: "held talks on
/// Monday", "attended the session on April 8" happened that day.
///
/// The list: `dicts/time/meeting_acts.txt`.
static MEETING_ACTS: crate::util::WordList =
    crate::util::word_list!("time/meeting_acts.txt");

/// True when the expression at `expr` dates a meeting noun outside the
/// trigger at `trigger` ("proposed a meeting on April 23", "Asked about
/// the session of the council on April 8-9, he said X had agreed"): the
/// meeting's day, not the trigger's. Why: a past-tense trigger dated by a
/// coming meeting's day is also put in the year before. Found by the
/// tree (the expression hangs from the noun through nouns) or, for a
/// date the parser hung on a verb, by a run of noun-phrase words from
/// the noun to it. Kept when the act is the meeting's own (its subject,
/// or the object of a verb of holding it) or happens in or after it
/// ("agreed at the meeting on Friday").
fn dates_meeting_noun(
    tree: &SentenceTree,
    text: &str,
    expr: Span,
    trigger: Span,
) -> bool {
    let meeting = |id: u32| {
        tree.word(id).filter(|w| w.upos == Upos::Noun).is_some_and(|w| {
            (w.span.end <= trigger.start || w.span.start >= trigger.end)
                && text.get(w.span.range()).is_some_and(|f| {
                    MEETING_NOUNS.contains(f.to_ascii_lowercase().as_str())
                })
        })
    };
    let by_tree = meeting_above(tree, expr, trigger).filter(|&n| meeting(n));
    let by_run = || {
        tree.ids()
            .filter(|&id| meeting(id))
            .filter(|&id| {
                tree.word(id).is_some_and(|w| nominal_run(tree, w.span, expr))
            })
            .last()
    };
    by_tree
        .or_else(by_run)
        .is_some_and(|n| !meeting_shares_time(tree, text, n, trigger))
}

/// The noun the expression at `expr` hangs from through nouns only,
/// below any clause head and outside the trigger.
fn meeting_above(
    tree: &SentenceTree,
    expr: Span,
    trigger: Span,
) -> Option<u32> {
    let mut h = tree::expr_head(tree, expr);
    // Bounded: a tree has no cycles, the count guards a hand-made one.
    for _ in 0..8 {
        let p = h.and_then(|h| tree.head(h)).filter(|&p| p != 0)?;
        let w = tree.word(p)?;
        if w.span.start >= trigger.start && w.span.end <= trigger.end {
            return None;
        }
        if w.upos == Upos::Noun {
            return Some(p);
        }
        if tree.is_clause_head(p) {
            return None;
        }
        h = Some(p);
    }
    None
}

/// True when the meeting noun `n` shares the trigger's time: the
/// trigger governs it and happens in, at or after it, has it as its
/// subject, or is a verb of holding it.
fn meeting_shares_time(
    tree: &SentenceTree,
    text: &str,
    n: u32,
    trigger: Span,
) -> bool {
    let within = tree.children(n).iter().any(|&c| {
        tree.deprel(c).is_some_and(|d| d.rel == Rel::Case)
            && tree.word(c).and_then(|w| text.get(w.span.range())).is_some_and(
                |f| {
                    matches!(
                        f.to_ascii_lowercase().as_str(),
                        "at" | "during"
                            | "in"
                            | "after"
                            | "for"
                            | "throughout"
                    )
                },
            )
    });
    let governor = tree.head(n).and_then(|h| tree.word(h));
    // Only a meeting the trigger governs: one hanging from another noun
    // ("his position for the session on April 8") is that noun's topic.
    let of_trigger = governor.is_some_and(|g| {
        g.span.start >= trigger.start && g.span.end <= trigger.end
    });
    let subject = tree.deprel(n).is_some_and(|d| d.rel == Rel::Nsubj);
    let held =
        governor.is_some_and(|g| MEETING_ACTS.contains(g.lemma.as_str()));
    of_trigger && (within || subject || held)
}

/// True when the trigger at `trigger` is a noun and every word from it
/// to the expression at `expr` (after it) belongs to noun phrases and
/// their prepositions: no verb, no clause word, no comma.
fn nominal_run(tree: &SentenceTree, trigger: Span, expr: Span) -> bool {
    if expr.start < trigger.end {
        return false;
    }
    let mut words = tree
        .ids()
        .filter_map(|id| tree.word(id))
        .filter(|w| w.span.start >= trigger.start && w.span.end <= expr.start);
    let Some(first) = words.next() else { return false };
    first.upos == Upos::Noun
        && expr.start - trigger.end <= 100
        && words.all(|w| {
            matches!(
                w.upos,
                Upos::Noun
                    | Upos::Propn
                    | Upos::Adp
                    | Upos::Det
                    | Upos::Adj
                    | Upos::Num
                    | Upos::Part
            )
        })
}

/// True when clause `c` lies below clause `event` and has a subject
/// of its own (a finite clause, not a reduced one).
fn below_finite(tree: &SentenceTree, c: u32, event: u32) -> bool {
    // A conjunct is the event clause's sibling, not its dependent.
    let conj = tree.deprel(c).is_some_and(|d| d.rel == Rel::Conj);
    !conj
        && tree.ancestors(c).any(|a| a == event)
        && tree.subjects(c).next().is_some()
}

/// True when clause `c` lies, below the clause it shares with `event`,
/// inside a clause that modifies a noun (`acl`: "commitments made in
/// 1985", "a report issued in December", "his visit starting on April
/// 29"): its time is that noun's, unless the noun is the trigger itself
/// ("talks set for Monday"). With `across`, also when `c` is in another
/// branch than the event ("a violation of the declaration signed in
/// 2015, and that Egypt reserves the right"): the noun's time is nobody
/// else's. A shifted "a day after X" is not passed `across`: it dates
/// X's clause wherever the parser hung it.
fn below_noun(
    tree: &SentenceTree,
    c: u32,
    event: u32,
    span: Span,
    across: bool,
) -> bool {
    if !across && !tree.ancestors(c).any(|a| a == event) {
        return false;
    }
    let above: Vec<u32> =
        std::iter::once(event).chain(tree.ancestors(event)).collect();
    std::iter::once(c)
        .chain(tree.ancestors(c))
        .take_while(|a| !above.contains(a))
        .any(|a| {
            let acl = tree.deprel(a).is_some_and(|d| d.rel == Rel::Acl);
            let noun = tree.head(a).and_then(|h| tree.word(h));
            acl && noun.is_some_and(|w| {
                w.span.end <= span.start || w.span.start >= span.end
            })
        })
}

/// True when the resolved date starts after the publication date.
fn after(d: &EventDate, dct: Date) -> bool {
    Val::parse(&d.date)
        .and_then(|v| v.first_day())
        .is_some_and(|first| first > dct)
}

/// True when mention `t` modifies a noun rather than a clause ("a 1985
/// share swap", "the December report", "last year's deficit"): it dates
/// that noun's event, not the trigger's, unless the trigger is the noun
/// it modifies ("Friday's missile attack on", "the December talks").
fn modifies_noun(text: &str, t: &TimeMention, trigger: Span) -> bool {
    let start = t.span.start as usize;
    let end = t.span.end as usize;
    let before = text.get(..start).unwrap_or("");
    let prev = word_before(text, start);
    // Only a determiner (or "whose") right before the expression, no
    // comma between, makes it part of a noun phrase.
    let adjacent = before.ends_with(' ') && !before.trim_end().ends_with(',');
    let after = text.get(end..).unwrap_or("");
    let possessive =
        after.starts_with("'s ") || after.starts_with("\u{2019}s ");
    if !(possessive || adjacent && (determiner(&prev) || prev == "whose")) {
        return false;
    }
    // A sentence opening "In last week's vote, ..." / "During Friday's
    // session, ...": the phrase sets the scene for the whole clause.
    if possessive {
        let open = before
            .rfind(['.', '\n', '!', '?', '"', '\u{201c}'])
            .map_or(0, |i| i + 1);
        let lead = before[open..].trim().to_ascii_lowercase();
        if matches!(lead.as_str(), "in" | "during" | "at") {
            return false;
        }
    }
    // The trigger within the few words after: the noun it modifies.
    // The trigger later in the same noun phrase: the noun it modifies
    // ("the July United Nations Conference on Trade meeting"): only
    // capitalised words and name connectives between.
    let gap = trigger.start as usize;
    let own = gap >= end
        && text.get(end..gap).is_some_and(|g| {
            g.len() <= 30 && !g.contains(',')
                || g.len() <= 90
                    && g.split_whitespace().all(|w| {
                        w.starts_with(|c: char| c.is_uppercase())
                            || matches!(w, "of" | "on" | "and" | "for" | "'s")
                    })
        });
    !own
}

/// True when a clause boundary lies between mention `t` and the
/// trigger at `span` (see [`clause_boundary`]).
fn crosses_boundary(text: &str, t: &TimeMention, span: Span) -> bool {
    let (a, b) = if t.span.end <= span.start {
        (t.span.end, span.start)
    } else {
        (span.end, t.span.start)
    };
    clause_boundary(text.get(a as usize..b as usize).unwrap_or(""))
}

/// The narrative anchor: the last day-precise date an earlier sentence
/// gave to its own events (datelines, ends of ranges, "until" bounds
/// and shifted "a day after X" dates anchor nothing), when the event's
/// clause is in the past tense: the story goes on telling that day.
/// A present or future clause ("says", "will meet") takes the
/// publication date instead.
fn narrative(
    dct: Date,
    ctx: Option<Ctx<'_>>,
    earlier: &[TimeMention],
    sentence: usize,
    span: Span,
) -> Option<EventDate> {
    // The story's time is the last one it gave: a later week or month
    // ("has captured dozens of posts ... last week") moves the story off
    // an earlier day, which then dates nothing after it. Years and vague
    // references ("recently") name no time the story goes on telling.
    let last = earlier.iter().rev().find(|t| {
        matches!(t.kind, TimexType::Date | TimexType::Time)
            && t.role.anchors()
            && matches!(
                Val::parse(&t.value).map(|v| v.gran()),
                Some(Gran::Day | Gran::Week | Gran::Month)
            )
    })?;
    let v = match Val::parse(&last.value) {
        Some(v @ Val::Day(_)) => v,
        _ => return None,
    };
    // A past clause cannot tell of a day after publication ("talks are
    // set for March 4. ... he warned"): that date is a plan's.
    if v.first_day().is_some_and(|d| d > dct) {
        return None;
    }
    let continues = match ctx {
        Some(cx) => past_at(cx, sentence, span).unwrap_or(true),
        None => true,
    };
    continues.then(|| EventDate {
        date: v.to_string(),
        date_from: DateFrom::Anchor,
        precision: Precision::Day,
        date_end: None,
    })
}

/// Whether the event's clause is in the past tense (`None`: no such
/// sentence).
fn past_at(cx: Ctx<'_>, sentence: usize, span: Span) -> Option<bool> {
    let s = cx.analyzed.sentences.get(sentence)?;
    let s_text = cx.text.get(s.span.range())?;
    let a =
        (span.start.saturating_sub(s.span.start) as usize).min(s_text.len());
    if present_perfect(s_text.get(..a).unwrap_or("")) {
        return Some(false);
    }
    let tense = tense_at(cx.cues, s_text, a, a);
    // "Li said China is willing to work with X": a present clause that a
    // past verb reports goes on telling the story's day.
    if tense == Tense::Present
        && cx.tree.is_some_and(|t| {
            tree::reported_in_past(t, cx.cues, cx.text, span.start)
        })
    {
        return Some(true);
    }
    Some(tense == Tense::Past)
}

/// The date of a past-perfect act ("acknowledged on Saturday that its
/// forces had shot down the jet", "he had been arrested"): only a time
/// of its own clause dates it. A governing clause's time ("on
/// Saturday") is the telling's, after the act, and the narrative
/// anchor is the story's day, which a past perfect steps back from; the
/// act's day is unknown, so it takes the publication date as a vague
/// past (fuzzy), as "in recent days" does, never a precise wrong day.
fn past_perfect_date(
    dct: Date,
    ctx: Option<Ctx<'_>>,
    same: &[(&TimeMention, EventDate)],
    span: Span,
) -> EventDate {
    let own = ctx.and_then(|cx| match cx.tree {
        Some(tree) => own_clause_by_tree(tree, cx.text, same, span),
        // Without a tree: a time with no clause boundary between ("had
        // shot down the jet on Wednesday").
        None => same
            .iter()
            .filter(|(t, _)| !crosses_boundary(cx.text, t, span))
            .min_by_key(|(t, _)| (distance(t, span), t.span.start))
            .map(|(_, d)| d.clone()),
    });
    own.unwrap_or_else(|| EventDate {
        date: ymd(dct),
        date_from: DateFrom::Published,
        precision: Precision::Fuzzy,
        date_end: None,
    })
}

/// The mention the tree puts in the event's own clause (or hangs from
/// its noun trigger), nearest first; none of a governing clause.
fn own_clause_by_tree(
    tree: &SentenceTree,
    text: &str,
    same: &[(&TimeMention, EventDate)],
    span: Span,
) -> Option<EventDate> {
    let event = tree::clause_at(tree, span.start)?;
    same.iter()
        .filter(|(t, _)| {
            !dates_act_noun(tree, text, t.span, span)
                && (hangs_from(tree, t.span, span)
                    || tree::dated_clause(tree, t.span).is_some_and(|c| {
                        tree::governs(tree, c, event) == Some(0)
                    }))
        })
        .min_by_key(|(t, _)| (distance(t, span), t.span.start))
        .map(|(_, d)| d.clone())
}

/// Whether the trigger is a past perfect (see [`past_perfect`]) not
/// reported by a verb of saying (see [`SAYING`]).
fn past_perfect_at(cx: Ctx<'_>, sentence: usize, span: Span) -> bool {
    past_perfect_offset(cx, sentence, span).is_some()
}

/// The sentence offset of the "had" of [`past_perfect_at`].
fn past_perfect_offset(
    cx: Ctx<'_>,
    sentence: usize,
    span: Span,
) -> Option<usize> {
    let s = cx.analyzed.sentences.get(sentence)?;
    let s_text = cx.text.get(s.span.range())?;
    let a =
        (span.start.saturating_sub(s.span.start) as usize).min(s_text.len());
    // "had talks", "had a meeting": "had" the verb, the trigger a noun.
    let trigger = cx.text.get(span.start as usize..span.end as usize)?;
    if !participle(trigger.split_whitespace().next()?) {
        return None;
    }
    let at = past_perfect(s_text.get(..a)?)?;
    (!reported(s_text.get(..at)?)).then_some(at)
}

/// Verbs of saying whose complement's past perfect is only the tense
/// shifted back ("Maduro said on Monday that forces had captured two
/// men": captured that day or just before, the telling's day is the
/// best one known).
///
/// The list: `dicts/time/saying_verbs.txt`.
static SAYING: crate::util::WordList =
    crate::util::word_list!("time/saying_verbs.txt");

/// Whether the words before a past perfect's "had" hold a verb of
/// saying (its clause is then a reported one, see [`SAYING`]).
fn reported(before: &str) -> bool {
    before
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| SAYING.contains(w.to_ascii_lowercase().as_str()))
}

/// Whether `word` is a past participle: "-ed", "-en", "-wn", or one of
/// the common irregular ones of event verbs.
fn participle(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w.ends_with("ed")
        || w.ends_with("en")
        || w.ends_with("wn")
        || matches!(
            w.as_str(),
            "shot"
                | "met"
                | "fought"
                | "held"
                | "made"
                | "struck"
                | "sent"
                | "led"
                | "hit"
                | "left"
                | "won"
                | "sought"
                | "brought"
                | "told"
                | "said"
                | "paid"
                | "kept"
                | "put"
                | "set"
                | "cut"
                | "built"
                | "caught"
                | "done"
                | "gone"
                | "begun"
                | "run"
                | "lost"
                | "fled"
                | "spent"
                | "signed"
                | "sold"
                | "stood"
                | "sworn"
        )
}

/// The offset of "had" when the words right before a trigger make it a
/// past perfect ("had shot down", "had been arrested", "had already
/// refused"): up to two adverbs and "been" between. "had to flee" and
/// "had troops attack" (a noun between) are none.
fn past_perfect(before: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = before
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| (w.as_ptr() as usize - before.as_ptr() as usize, w))
        .collect();
    let n = words.len();
    let (i, &(at, _)) = words
        .iter()
        .enumerate()
        .rev()
        .take(4)
        .find(|(_, (_, w))| w.eq_ignore_ascii_case("had"))?;
    words[i + 1..n]
        .iter()
        .all(|(_, x)| {
            let x = x.to_ascii_lowercase();
            x == "been"
                || x.ends_with("ly")
                || PERFECT_ADVERBS.contains(&x.as_str())
        })
        .then_some(at)
}

/// Adverbs that may stand between a perfect auxiliary and its verb.
const PERFECT_ADVERBS: &[&str] = &[
    "so",
    "far",
    "also",
    "already",
    "since",
    "long",
    "never",
    "ever",
    "repeatedly",
    "now",
    "not",
    "yet",
    "still",
    "again",
    "often",
    "twice",
    "previously",
    "just",
    "once",
    "earlier",
    "reportedly",
    "allegedly",
];

/// Whether the words right before a trigger make it a present perfect
/// ("has threatened", "has so far refused", "have often called on"): an
/// act told as a present state, with no day of its own, is not part of
/// the story's narrative day ("talks began on Monday ... Britain has
/// threatened sanctions" tells no threat on Monday). Up to two adverbs
/// may stand between the auxiliary and the verb.
fn present_perfect(before: &str) -> bool {
    let words: Vec<&str> = before
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().rev().take(3).enumerate().any(|(i, w)| {
        let w = w.to_ascii_lowercase();
        matches!(w.as_str(), "has" | "have" | "'ve")
            // Only adverbs between: no noun phrase ("has the army").
            && words.iter().rev().take(i).all(|x| {
                let x = x.to_ascii_lowercase();
                x.ends_with("ly")
                    || matches!(
                        x.as_str(),
                        "so" | "far" | "also" | "already" | "since" | "long"
                            | "never" | "ever" | "repeatedly" | "now" | "not"
                            | "yet" | "still" | "again" | "often" | "twice"
                            | "previously"
                    )
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(text, trigger, date)`: an undated "agreed" retelling an
    /// agreement an earlier sentence dated (written for casus).
    #[test]
    fn agreement_dated_before() {
        let dct: Date = "1991-05-20".parse().expect("date");
        let cases = [
            (
                "Peru will act in line with the April 3 Lima agreement. Peru and Chile agreed to cut tariffs.",
                "agreed",
                "1991-04-03",
            ),
            (
                "Rates held since the accord reached last month in Quito. Peru and Chile agreed to cut tariffs.",
                "agreed",
                "1991-04",
            ),
            // A date of no agreement, or a verb of another act: the
            // publication date.
            (
                "Talks began on April 3 in Lima. Peru and Chile agreed to cut tariffs.",
                "agreed",
                "1991-05-20",
            ),
            (
                "Peru will act in line with the April 3 Lima agreement. Peru and Chile met in Quito.",
                "met",
                "1991-05-20",
            ),
            (
                "Peru will act in line with the April 3 Lima agreement. Chile agreed that the agreement worked.",
                "agreed",
                "1991-05-20",
            ),
            (
                "Peru will act in line with the April 3 Lima agreement. Chile had signed better agreements with Bolivia.",
                "signed",
                "1991-05-20",
            ),
            (
                "Peru will act in line with the April 3 Lima agreement. Chile signed the agreement in Lima.",
                "signed",
                "1991-04-03",
            ),
        ];
        check_earlier(dct, &cases, named_agreement);
    }

    /// Runs `(text, trigger, date)` cases through a rule dating the
    /// trigger of sentence 1 by an earlier sentence's mention; no date
    /// from the rule is the publication date.
    fn check_earlier(
        dct: Date,
        cases: &[(&str, &str, &str)],
        rule: fn(Date, &str, &[TimeMention], usize, Span) -> Option<EventDate>,
    ) {
        let tagger = crate::time::TimeTagger::new();
        for &(text, trigger, want) in cases {
            let analyzed = crate::text::analyze(text);
            let times = tagger.find(dct, text, &analyzed);
            let at = text.rfind(trigger).expect("trigger");
            let span = Span::new(at, at + trigger.len());
            let got = rule(dct, text, &times, 1, span)
                .map_or_else(|| ymd(dct), |d| d.date);
            assert_eq!(got, want, "\ntext: {text}");
        }
    }

    /// `(text, trigger, date)`: a definite meeting noun opening its
    /// sentence retells a meeting an earlier sentence dated (written for
    /// casus).
    #[test]
    fn meeting_dated_before() {
        let dct: Date = "1991-05-20".parse().expect("date");
        let cases = [
            (
                "Peru hopes to sign with states which met in Lima last March. The meeting involved envoys from Chile and Bolivia.",
                "meeting",
                "1991-03",
            ),
            (
                "Chile spoke of a growers' meeting in Quito on May 4. The Quito meeting was attended by Peru and Bolivia.",
                "meeting",
                "1991-05-04",
            ),
            // A date of no meeting, or no definite opening: the
            // publication date.
            (
                "Prices fell in March. The meeting involved envoys from Chile and Bolivia.",
                "meeting",
                "1991-05-20",
            ),
            (
                "Peru and Chile met in Lima last March. Bolivia said a meeting involved envoys.",
                "meeting",
                "1991-05-20",
            ),
        ];
        check_earlier(dct, &cases, named_meeting);
    }

    #[test]
    fn present_perfect_before_trigger() {
        let cases = [
            ("Britain has ", true),
            ("The bloc has so far ", true),
            ("Bonn has often ", true),
            ("Officials have ", true),
            ("Officials had ", false),
            ("He said the army ", false),
            ("It has said the army ", false),
        ];
        for (before, want) in cases {
            assert_eq!(present_perfect(before), want, "{before:?}");
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
