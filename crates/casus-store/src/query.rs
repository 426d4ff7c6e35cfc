//! The query layer shared by the CLI and the HTTP API: filters
//! over mentions and clusters, timelines, top actors, stats and
//! read-only SQL. Every function takes a `&Connection`, so callers decide
//! how the store was opened.

use casus::events::{Attribution, Event, EventActor, Location};
use casus::Span;
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::{sql, Error};

mod coverage;
mod page;
pub use self::coverage::*;
pub use self::page::*;

/// Filters shared by `events`, `export` and the API. `None` = no filter.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Source actor: country code, actor-code prefix or name.
    pub source: Option<String>,
    /// Target actor: country code, actor-code prefix or name.
    pub target: Option<String>,
    /// Also match source and target the other way round.
    pub both: bool,
    /// First event day (YYYY-MM-DD), inclusive.
    pub from: Option<String>,
    /// Last event day (YYYY-MM-DD), inclusive.
    pub to: Option<String>,
    /// CAMEO root (2 digits).
    pub root: Option<String>,
    /// CAMEO code prefix.
    pub cameo: Option<String>,
    /// PLOVER event type (case-insensitive).
    pub plover: Option<String>,
    /// QuadClass 1-4.
    pub quad: Option<u8>,
    /// Only events whose cluster has at least this many sources.
    pub min_sources: Option<u32>,
    /// Words that must all occur in the evidence (FTS5).
    pub text: Option<String>,
    /// Include negated and non-asserted mentions (and clusters with no
    /// counted mention).
    pub all: bool,
    /// Only mentions with at least this confidence. Without `all`, the
    /// counted rule (asserted, not negated) with this threshold in place
    /// of [`crate::DEFAULT_MIN_CONFIDENCE`].
    pub min_confidence: Option<f32>,
    /// At most this many rows.
    pub limit: Option<usize>,
}

/// Which mentions the counting queries ([`timeline`],
/// [`top_actors_counted`], [`stats_counted`]) count; the same meaning as
/// [`Filter::all`] and [`Filter::min_confidence`]. The default counts
/// what the rollups count (`events.counted`: asserted, not negated,
/// confidence >= [`crate::DEFAULT_MIN_CONFIDENCE`]) and reads the
/// rollups; anything else aggregates `events` directly.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counting {
    /// Count every stored mention, whatever its modality, negation or
    /// confidence (with `min_confidence`: every mention reaching it).
    pub all: bool,
    /// Count asserted, non-negated mentions with at least this
    /// confidence (with `all`: every mention with at least it).
    pub min_confidence: Option<f32>,
}

impl Counting {
    /// Whether this is what the rollups count.
    pub fn is_default(&self) -> bool {
        !self.all && self.min_confidence.is_none()
    }

    /// A filter selecting the counted mentions (nothing else).
    fn filter(self) -> Filter {
        Filter {
            all: self.all,
            min_confidence: self.min_confidence,
            ..Filter::default()
        }
    }
}

/// A WHERE clause under construction with its positional parameters.
#[derive(Default)]
struct Where {
    clauses: Vec<String>,
    params: Vec<Value>,
}

impl Where {
    fn push(&mut self, clause: &str, params: Vec<Value>) {
        self.clauses.push(clause.to_string());
        self.params.extend(params);
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            "1".to_string()
        } else {
            self.clauses.join(" AND ")
        }
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// Whether `spec` looks like an ISO alpha-3 country (or IGO-style body).
fn is_country(spec: &str) -> bool {
    spec.len() == 3 && spec.bytes().all(|b| b.is_ascii_uppercase())
}

/// SQL matching one side (`source` / `target`) of `e` against an actor
/// spec. An all-uppercase spec (`USA`, `USAGOV`, `IGO`) is a country or
/// an actor-code prefix (both indexed); anything else is a name, matched
/// case-insensitively (`Benjamin Netanyahu`).
fn actor_clause(side: &str, spec: &str) -> (String, Vec<Value>) {
    let code_like = !spec.is_empty()
        && spec.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !code_like {
        return (format!("lower(e.{side}_name) = lower(?)"), vec![text(spec)]);
    }
    let upper = format!("{spec}\u{10FFFF}");
    (
        format!(
            "(e.{side}_country = ? OR (e.{side}_code >= ? AND \
             e.{side}_code < ?))"
        ),
        vec![text(spec), text(spec), text(&upper)],
    )
}

/// Checks an actor spec from the command line before it filters
/// anything, so that a typo is an error, not an empty result:
/// - a code (capitals, `USA`, `USAGOV`, `IGOUNO`) must be a code the
///   tables know (`casus codes`) or one the store holds;
/// - a country's or international body's name (`United States`, any
///   case) becomes its code (`USA`), so both spell one actor;
/// - a code in the wrong case (`Irn`) is an error naming the code;
/// - any other name must be the name of a stored actor (any case).
///
/// Returns the spec to filter by.
///
/// # Errors
///
/// [`Error::Invalid`] with a one-line hint.
pub fn resolve_actor(conn: &Connection, spec: &str) -> crate::Result<String> {
    let s = spec.trim();
    if s.is_empty() {
        return Err(Error::Invalid("empty actor".into()));
    }
    if is_code_like(s) {
        if known_code(s) || stored_code(conn, s)? {
            return Ok(s.to_string());
        }
        return Err(Error::Invalid(format!(
            "unknown actor code {s:?}: no country, role or body has this \
             code and no stored actor code starts with it (see `casus \
             codes {s}`)"
        )));
    }
    if let Some(code) = casus::names::code_of_name(s) {
        return Ok(code);
    }
    let upper = s.to_ascii_uppercase();
    if is_code_like(&upper)
        && (known_code(&upper) || stored_code(conn, &upper)?)
    {
        let what = casus::names::actor(&upper).map(|a| a.name);
        return Err(Error::Invalid(format!(
            "actor {s:?}: codes are upper case; did you mean {upper}{}?",
            what.map(|n| format!(" ({n})")).unwrap_or_default()
        )));
    }
    if stored_name(conn, s)? {
        return Ok(s.to_string());
    }
    Err(Error::Invalid(format!(
        "no stored actor is named {s:?} (names match whole, in any case; \
         `casus codes {s}` finds codes by name)"
    )))
}

/// Capitals and digits only (the specs [`actor_clause`] treats as codes).
fn is_code_like(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Whether the code tables know `code`: a country, role or body first
/// group, and known roles after it (bodies take any group after them).
fn known_code(code: &str) -> bool {
    let Some(a) = casus::names::actor(code) else { return false };
    let first = code.get(..3).unwrap_or("");
    let body = matches!(first, "IGO" | "NGO" | "NGM" | "IMG" | "MNC");
    (casus::names::country(first).is_some()
        || casus::names::role(first).is_some())
        && (body || a.roles.iter().all(|r| casus::names::role(r).is_some()))
}

/// Whether some counted mention has an actor code starting with `code`
/// or the country `code`.
fn stored_code(conn: &Connection, code: &str) -> crate::Result<bool> {
    let upper = format!("{code}\u{10FFFF}");
    let hit: Option<i64> = sql(
        "checking actor",
        conn.query_row(
            "SELECT 1 FROM code_countries WHERE (code >= ?1 AND code < ?2)
             OR country = ?1 LIMIT 1",
            params_from_iter([code, upper.as_str()]),
            |r| r.get(0),
        )
        .optional(),
    )?;
    Ok(hit.is_some())
}

/// Whether a stored mention's source or target is named `name` (any
/// case).
fn stored_name(conn: &Connection, name: &str) -> crate::Result<bool> {
    let hit: Option<i64> = sql(
        "checking actor",
        conn.query_row(
            "SELECT 1 FROM events WHERE lower(source_name) = lower(?1)
             OR lower(target_name) = lower(?1) LIMIT 1",
            [name],
            |r| r.get(0),
        )
        .optional(),
    )?;
    Ok(hit.is_some())
}

fn dyad_clause(
    src: Option<&str>,
    tgt: Option<&str>,
    both: bool,
) -> Option<(String, Vec<Value>)> {
    let one = |s: Option<&str>, t: Option<&str>| {
        let mut parts = Vec::new();
        let mut params = Vec::new();
        if let Some(s) = s {
            let (c, p) = actor_clause("source", s);
            parts.push(c);
            params.extend(p);
        }
        if let Some(t) = t {
            let (c, p) = actor_clause("target", t);
            parts.push(c);
            params.extend(p);
        }
        (format!("({})", parts.join(" AND ")), params)
    };
    if src.is_none() && tgt.is_none() {
        return None;
    }
    let (a, mut pa) = one(src, tgt);
    if !both {
        return Some((a, pa));
    }
    let (b, pb) = one(tgt, src);
    pa.extend(pb);
    Some((format!("({a} OR {b})"), pa))
}

/// The FTS5 query for plain words: each word quoted, all required.
fn fts_query(words: &str) -> String {
    words
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn event_where(f: &Filter) -> crate::Result<Where> {
    let mut w = Where::default();
    match (f.all, f.min_confidence) {
        (true, None) => {}
        (true, Some(x)) => {
            w.push("e.confidence >= ?", vec![Value::Real(f64::from(x))]);
        }
        (false, None) => w.push("e.counted = 1", vec![]),
        (false, Some(x)) => w.push(
            "e.negated = 0 AND e.modality = 'asserted' AND e.confidence >= ?",
            vec![Value::Real(f64::from(x))],
        ),
    }
    if let Some((c, p)) =
        dyad_clause(f.source.as_deref(), f.target.as_deref(), f.both)
    {
        w.push(&c, p);
    }
    if let Some(d) = &f.from {
        w.push("e.day >= ?", vec![text(&check_day(d)?)]);
    }
    if let Some(d) = &f.to {
        w.push("e.day <= ?", vec![text(&check_day(d)?)]);
    }
    if let Some(r) = &f.root {
        w.push("e.root = ?", vec![text(r)]);
    }
    if let Some(c) = &f.cameo {
        w.push(
            "e.cameo >= ? AND e.cameo < ?",
            vec![text(c), text(&format!("{c}\u{10FFFF}"))],
        );
    }
    if let Some(p) = &f.plover {
        w.push("upper(e.plover) = upper(?)", vec![text(p)]);
    }
    if let Some(q) = f.quad {
        w.push("e.quad_class = ?", vec![Value::Integer(i64::from(q))]);
    }
    if let Some(n) = f.min_sources {
        w.push(
            "e.cluster IN (SELECT id FROM clusters WHERE num_sources >= ?)",
            vec![Value::Integer(i64::from(n))],
        );
    }
    if let Some(t) = &f.text {
        let q = fts_query(t);
        if !q.is_empty() {
            w.push(
                "e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)",
                vec![Value::Text(q)],
            );
        }
    }
    Ok(w)
}

/// Checks a `YYYY-MM-DD` day argument.
pub fn check_day(d: &str) -> crate::Result<String> {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").map(|d| d.to_string()).map_err(
        |_| Error::Invalid(format!("bad date {d:?}: expected YYYY-MM-DD")),
    )
}

fn limit_sql(limit: Option<usize>) -> String {
    match limit {
        Some(n) => format!(" LIMIT {n}"),
        None => String::new(),
    }
}

/// One stored mention: the full event plus store columns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredEvent {
    /// Row id in `events`.
    pub id: i64,
    /// The cluster it belongs to.
    pub cluster: i64,
    /// The day its date stands for (YYYY-MM-DD).
    pub day: String,
    /// CAMEO base code (3 digits).
    pub base: String,
    /// Counted by default (asserted, not negated).
    pub counted: bool,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// The article's url.
    pub url: Option<String>,
    /// The article's publication date.
    pub published: String,
    /// The event as coded.
    #[serde(flatten)]
    pub event: Event,
}

const EVENT_SELECT: &str = "e.id, e.cluster, e.day, e.base, e.counted, \
    e.outlet, e.url, e.published, e.article_id, e.event_id, e.sentence, \
    e.span_start, e.span_end, e.evidence, e.date, e.date_from, e.precision, \
    e.source_code, e.source_country, e.source_role, e.source_name, \
    e.source_start, e.source_end, e.target_code, e.target_country, \
    e.target_role, e.target_name, e.target_start, e.target_end, e.cameo, \
    e.root, e.quad_class, e.goldstein, e.plover, e.plover_mode, e.negated, \
    e.modality, e.speaker, e.attributed_outlet, e.location_name, \
    e.location_country, e.pattern, e.pattern_id, e.confidence, \
    e.location_from, e.target_from, e.source_from, e.date_end";

fn from_json<T: serde::de::DeserializeOwned>(s: &str) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(
        |e| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                Box::new(e),
            )
        },
    )
}

/// A typed code read from column `i` (a stored code that does not parse
/// is a conversion error, as any other bad column).
fn parsed<T>(i: usize, s: &str) -> rusqlite::Result<T>
where
    T: std::str::FromStr<Err = casus::Error>,
{
    s.parse().map_err(|e: casus::Error| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            Box::new(e),
        )
    })
}

/// The actor whose code is column `i` (then country, role, name, span),
/// found as column `from` says (`events.source_from`/`target_from`).
fn actor_at(
    r: &Row<'_>,
    i: usize,
    from: usize,
) -> rusqlite::Result<Option<EventActor>> {
    let code: Option<String> = r.get(i)?;
    let Some(code) = code else { return Ok(None) };
    let span = Span::from([
        r.get::<_, Option<u32>>(i + 4)?.unwrap_or(0),
        r.get::<_, Option<u32>>(i + 5)?.unwrap_or(0),
    ]);
    Ok(Some(EventActor {
        code: parsed(i, &code)?,
        country: r.get(i + 1)?,
        role: r.get(i + 2)?,
        name: r.get(i + 3)?,
        span,
        from: r
            .get::<_, Option<String>>(from)?
            .as_deref()
            .map(from_json)
            .transpose()?,
    }))
}

fn stored_event(r: &Row<'_>) -> rusqlite::Result<StoredEvent> {
    let mut se = stored_event_columns(r)?;
    if let Some(d) = casus::ingest::parse_date(&se.published) {
        se.event.flag_after_published(d);
    }
    Ok(se)
}

fn stored_event_columns(r: &Row<'_>) -> rusqlite::Result<StoredEvent> {
    let speaker: Option<String> = r.get(37)?;
    let attr_outlet: Option<String> = r.get(38)?;
    let loc_name: Option<String> = r.get(39)?;
    let loc_from: Option<casus::events::LocationFrom> = r
        .get::<_, Option<String>>(44)?
        .as_deref()
        .map(from_json)
        .transpose()?;
    Ok(StoredEvent {
        id: r.get(0)?,
        cluster: r.get(1)?,
        day: r.get(2)?,
        base: r.get(3)?,
        counted: r.get(4)?,
        outlet: r.get(5)?,
        url: r.get(6)?,
        published: r.get(7)?,
        event: Event {
            article_id: r.get(8)?,
            event_id: r.get(9)?,
            sentence: r.get::<_, i64>(10)? as usize,
            span: Span::from([r.get(11)?, r.get(12)?]),
            evidence: r.get(13)?,
            date: r.get(14)?,
            date_from: from_json(&r.get::<_, String>(15)?)?,
            precision: from_json(&r.get::<_, String>(16)?)?,
            date_end: r.get(47)?,
            // Recomputed below from the stored date and modality.
            after_published: false,
            source: actor_at(r, 17, 46)?,
            target: actor_at(r, 23, 45)?,
            cameo: parsed(29, &r.get::<_, String>(29)?)?,
            root: parsed(30, &r.get::<_, String>(30)?)?,
            quad_class: r.get(31)?,
            goldstein: r.get::<_, f64>(32)? as f32,
            plover: r.get(33)?,
            plover_mode: r.get(34)?,
            negated: r.get(35)?,
            modality: from_json(&r.get::<_, String>(36)?)?,
            attribution: if speaker.is_some() || attr_outlet.is_some() {
                Some(Attribution { speaker, outlet: attr_outlet })
            } else {
                None
            },
            location: loc_name.map(|name| Location {
                name,
                country: r.get(40).ok().flatten(),
                from: loc_from,
            }),
            pattern: r.get(41)?,
            pattern_id: r.get(42)?,
            confidence: r.get::<_, f64>(43)? as f32,
            basis: Default::default(),
        },
    })
}

/// Calls `f` on every mention matching `filter`, ordered by day and id.
pub fn for_each_event(
    conn: &Connection,
    filter: &Filter,
    mut f: impl FnMut(StoredEvent) -> crate::Result<()>,
) -> crate::Result<()> {
    let w = event_where(filter)?;
    let q = format!(
        "SELECT {EVENT_SELECT} FROM events e WHERE {} ORDER BY e.day, e.id{}",
        w.sql(),
        limit_sql(filter.limit)
    );
    let mut stmt = sql("querying events", conn.prepare(&q))?;
    let mut rows =
        sql("querying events", stmt.query(params_from_iter(&w.params)))?;
    while let Some(r) = sql("querying events", rows.next())? {
        f(sql("reading event", stored_event(r))?)?;
    }
    Ok(())
}

/// The mention with row id `id`.
pub fn event_by_id(conn: &Connection, id: i64) -> crate::Result<StoredEvent> {
    let q = format!("SELECT {EVENT_SELECT} FROM events e WHERE e.id = ?1");
    sql(
        "reading event",
        conn.prepare_cached(&q)
            .and_then(|mut s| s.query_row([id], stored_event)),
    )
}

/// Every mention matching `filter`.
pub fn events(
    conn: &Connection,
    filter: &Filter,
) -> crate::Result<Vec<StoredEvent>> {
    let mut out = Vec::new();
    for_each_event(conn, filter, |e| {
        out.push(e);
        Ok(())
    })?;
    Ok(out)
}

/// One event cluster: reports of the same event merged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cluster {
    /// Cluster id (`clusters.id`, GDELT's GlobalEventID in exports).
    pub id: i64,
    /// Event date as coded (TIMEX3-style).
    pub date: String,
    /// The day it stands for.
    pub day: String,
    /// Source actor code ('' when none).
    pub source_code: String,
    /// Target actor code ('' when none).
    pub target_code: String,
    /// Source country.
    pub source_country: String,
    /// Target country.
    pub target_country: String,
    /// CAMEO root.
    pub root: String,
    /// CAMEO base code of the first mention.
    pub base: String,
    /// Full CAMEO code of the first mention.
    pub cameo: String,
    /// QuadClass.
    pub quad_class: u8,
    /// Goldstein score of the first mention.
    pub goldstein: f64,
    /// PLOVER type of the first mention.
    pub plover: String,
    /// Counted mentions (asserted, not negated).
    pub num_mentions: i64,
    /// Distinct articles among counted mentions.
    pub num_articles: i64,
    /// Distinct outlets among counted mentions.
    pub num_sources: i64,
    /// All mentions, including negated and non-asserted ones.
    pub all_mentions: i64,
    /// First publication date of a mention.
    pub first_report: Option<String>,
    /// Last publication date of a mention.
    pub last_report: Option<String>,
    /// `event_id`s of its mentions, in id order.
    pub mentions: Vec<String>,
}

/// Calls `f` on every cluster with a mention matching `filter` (by
/// default only clusters with counted mentions), ordered by day and id.
pub fn for_each_cluster(
    conn: &Connection,
    filter: &Filter,
    mut f: impl FnMut(Cluster) -> crate::Result<()>,
) -> crate::Result<()> {
    let ew = event_where(&Filter {
        limit: None,
        min_sources: None,
        ..filter.clone()
    })?;
    let w = cluster_where(filter, ew);
    let q = format!(
        "SELECT {CLUSTER_SELECT} FROM clusters c WHERE {} \
         ORDER BY c.day, c.id{}",
        w.sql(),
        limit_sql(filter.limit)
    );
    let mut stmt = sql("querying clusters", conn.prepare(&q))?;
    let mut rows =
        sql("querying clusters", stmt.query(params_from_iter(&w.params)))?;
    while let Some(r) = sql("querying clusters", rows.next())? {
        let c = sql("reading cluster", cluster_row(r))?;
        f(c)?;
    }
    Ok(())
}

/// The columns [`cluster_row`] reads.
const CLUSTER_SELECT: &str = "c.id, c.date, c.day, c.source_code, \
    c.target_code, c.source_country, c.target_country, c.root, c.base, \
    c.cameo, c.quad_class, c.goldstein, c.plover, c.num_mentions, \
    c.num_articles, c.num_sources, c.all_mentions, c.first_report, \
    c.last_report, (SELECT group_concat(event_id, ' ') FROM \
    (SELECT event_id FROM events WHERE cluster = c.id ORDER BY id))";

/// The clusters WHERE clause: `filter`'s cluster conditions, and a
/// mention matching `ew` (the mention conditions) unless `ew` only asks
/// for counted mentions.
fn cluster_where(filter: &Filter, ew: Where) -> Where {
    let mut w = Where::default();
    if !filter.all {
        w.push("c.num_mentions > 0", vec![]);
    }
    if let Some(n) = filter.min_sources {
        w.push("c.num_sources >= ?", vec![Value::Integer(i64::from(n))]);
    }
    let unfiltered = ew.clauses.iter().all(|c| c == "e.counted = 1");
    if !unfiltered {
        w.push(
            &format!(
                "c.id IN (SELECT e.cluster FROM events e WHERE {})",
                ew.sql()
            ),
            ew.params,
        );
    }
    w
}

fn cluster_row(r: &Row<'_>) -> rusqlite::Result<Cluster> {
    let mentions: Option<String> = r.get(19)?;
    Ok(Cluster {
        id: r.get(0)?,
        date: r.get(1)?,
        day: r.get(2)?,
        source_code: r.get(3)?,
        target_code: r.get(4)?,
        source_country: r.get(5)?,
        target_country: r.get(6)?,
        root: r.get(7)?,
        base: r.get(8)?,
        cameo: r.get(9)?,
        quad_class: r.get(10)?,
        // Stored from an f32 score: narrowed back so JSON shows 6.4,
        // not 6.400000095367432.
        goldstein: {
            let g = r.get::<_, f64>(11)? as f32;
            g.to_string().parse().unwrap_or(f64::from(g))
        },
        plover: r.get(12)?,
        num_mentions: r.get(13)?,
        num_articles: r.get(14)?,
        num_sources: r.get(15)?,
        all_mentions: r.get(16)?,
        first_report: r.get(17)?,
        last_report: r.get(18)?,
        mentions: mentions
            .unwrap_or_default()
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
    })
}

/// Every cluster matching `filter`.
pub fn clusters(
    conn: &Connection,
    filter: &Filter,
) -> crate::Result<Vec<Cluster>> {
    let mut out = Vec::new();
    for_each_cluster(conn, filter, |c| {
        out.push(c);
        Ok(())
    })?;
    Ok(out)
}

/// Timeline bucket size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bucket {
    /// Calendar days.
    Day,
    /// ISO weeks, labelled by their Monday.
    Week,
    /// Calendar months, labelled by their first day.
    Month,
}

impl Bucket {
    fn sql(self, col: &str) -> String {
        match self {
            Bucket::Day => col.to_string(),
            Bucket::Week => format!("date({col}, 'weekday 0', '-6 days')"),
            Bucket::Month => format!("substr({col}, 1, 7) || '-01'"),
        }
    }

    /// The bucket after the one starting on `d`.
    pub fn next(self, d: NaiveDate) -> Option<NaiveDate> {
        match self {
            Bucket::Day => d.checked_add_signed(Duration::days(1)),
            Bucket::Week => d.checked_add_signed(Duration::days(7)),
            Bucket::Month => {
                let (y, m) = if d.month() == 12 {
                    (d.year() + 1, 1)
                } else {
                    (d.year(), d.month() + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1)
            }
        }
    }
}

/// One timeline bucket (counted mentions only).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineRow {
    /// First day of the bucket.
    pub bucket: String,
    /// Counted mentions.
    pub events: i64,
    /// Distinct clusters.
    pub clusters: i64,
    /// QuadClass 1: verbal cooperation.
    pub verbal_coop: i64,
    /// QuadClass 2: material cooperation.
    pub material_coop: i64,
    /// QuadClass 3: verbal conflict.
    pub verbal_conflict: i64,
    /// QuadClass 4: material conflict.
    pub material_conflict: i64,
    /// Sum of Goldstein scores.
    pub goldstein_sum: f64,
    /// Mean Goldstein score (None when the bucket is empty).
    pub goldstein_mean: Option<f64>,
    /// Distinct outlets.
    pub sources: i64,
}

/// One dyad timeline: the arguments of `casus timeline` and of
/// `/api/v1/timeline` without its mention filters.
///
/// ```
/// use casus_store::query::{Bucket, Counting, TimelineQuery};
/// let q = TimelineQuery {
///     both: true,
///     from: Some("2024-01-01".into()),
///     counting: Counting { all: true, ..Counting::default() },
///     ..TimelineQuery::new("USA", "ISR", Bucket::Week)
/// };
/// assert_eq!((q.a.as_str(), q.b.as_str(), q.to.as_deref()), ("USA", "ISR", None));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineQuery {
    /// Source actor spec: country, actor-code prefix or name.
    pub a: String,
    /// Target actor spec.
    pub b: String,
    /// Bucket size.
    pub by: Bucket,
    /// Also count `b` -> `a`.
    pub both: bool,
    /// First event day (YYYY-MM-DD), inclusive.
    pub from: Option<String>,
    /// Last event day (YYYY-MM-DD), inclusive.
    pub to: Option<String>,
    /// Which mentions count.
    pub counting: Counting,
}

impl TimelineQuery {
    /// `a` -> `b` by `by`, one direction, no window, the default
    /// counting.
    pub fn new(
        a: impl Into<String>,
        b: impl Into<String>,
        by: Bucket,
    ) -> TimelineQuery {
        TimelineQuery {
            a: a.into(),
            b: b.into(),
            by,
            both: false,
            from: None,
            to: None,
            counting: Counting::default(),
        }
    }

    /// The window's days checked and normalised (`2024-1-5` ->
    /// `2024-01-05`).
    fn window(&self) -> crate::Result<(Option<String>, Option<String>)> {
        Ok((
            self.from.as_deref().map(check_day).transpose()?,
            self.to.as_deref().map(check_day).transpose()?,
        ))
    }
}

/// The timeline of `q.a` -> `q.b` (and `q.b` -> `q.a` with `q.both`),
/// one row per bucket from the first to the last non-empty one (gaps
/// filled with zeros). With the default counting, country pairs read the
/// rollup tables and other actor specs scan matching mentions; `all` or
/// `min_confidence` aggregate the matching mentions of `events` (same
/// columns, same meaning).
pub fn timeline(
    conn: &Connection,
    q: &TimelineQuery,
) -> crate::Result<Vec<TimelineRow>> {
    let (from, to) = q.window()?;
    let window = (from.as_deref(), to.as_deref());
    let rows = if q.counting.is_default()
        && timeline_uses_rollups(conn, &q.a, &q.b)?
    {
        timeline_rollup(conn, q, window)?
    } else {
        timeline_scan(conn, q, window)?
    };
    fill_gaps(rows, q.by)
}

fn row_of(bucket: String, n: [i64; 8]) -> TimelineRow {
    let sum = n[6] as f64 / 10.0;
    TimelineRow {
        bucket,
        events: n[0],
        clusters: n[1],
        verbal_coop: n[2],
        material_coop: n[3],
        verbal_conflict: n[4],
        material_conflict: n[5],
        goldstein_sum: sum,
        goldstein_mean: if n[0] > 0 {
            Some((sum / n[0] as f64 * 100.0).round() / 100.0)
        } else {
            None
        },
        sources: n[7],
    }
}

fn read_buckets(
    conn: &Connection,
    q: &str,
    params: &[Value],
) -> crate::Result<Vec<(String, [i64; 8])>> {
    let mut stmt = sql("timeline", conn.prepare_cached(q))?;
    let rows = sql(
        "timeline",
        stmt.query_map(params_from_iter(params), |r| {
            let mut n = [0i64; 8];
            let cols = r.as_ref().column_count() - 1;
            for (i, v) in n.iter_mut().enumerate().take(cols) {
                *v = r.get::<_, Option<i64>>(i + 1)?.unwrap_or(0);
            }
            Ok((r.get::<_, String>(0)?, n))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>()),
    )?;
    Ok(rows)
}

impl Bucket {
    /// The rollup period name (`dyad_rollup.period`).
    fn period(self) -> &'static str {
        match self {
            Bucket::Day => "day",
            Bucket::Week => "week",
            Bucket::Month => "month",
        }
    }

    /// The first day of the bucket holding `d`.
    pub fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Bucket::Day => d,
            Bucket::Week => d
                .checked_sub_signed(Duration::days(i64::from(
                    d.weekday().num_days_from_monday(),
                )))
                .unwrap_or(d),
            Bucket::Month => d.with_day(1).unwrap_or(d),
        }
    }
}

/// Whether every counted mention whose actor code starts with `spec` has
/// `spec` as its country, so that the country rollups give exactly what
/// the scan's "country or code prefix" match gives.
fn rollup_exact(conn: &Connection, spec: &str) -> crate::Result<bool> {
    let upper = format!("{spec}\u{10FFFF}");
    let other: Option<i64> = sql(
        "timeline",
        conn.prepare_cached(
            "SELECT 1 FROM code_countries WHERE code >= ?1 AND code < ?2
             AND country != ?1 AND events > 0 LIMIT 1",
        )
        .and_then(|mut s| {
            s.query_row(params_from_iter([spec, upper.as_str()]), |r| r.get(0))
                .optional()
        }),
    )?;
    Ok(other.is_none())
}

/// Which timeline path [`timeline`] takes for these actors with the
/// default counting: `true` for the rollup tables (both specs are
/// 3-letter countries that no other country's actor codes start with),
/// `false` for a scan of `events`.
pub fn timeline_uses_rollups(
    conn: &Connection,
    a: &str,
    b: &str,
) -> crate::Result<bool> {
    Ok(is_country(a)
        && is_country(b)
        && rollup_exact(conn, a)?
        && rollup_exact(conn, b)?)
}

/// The timeline straight from `events` (what the rollups must equal),
/// whatever `q.counting`; exposed for tests and benchmarks.
pub fn timeline_direct(
    conn: &Connection,
    q: &TimelineQuery,
) -> crate::Result<Vec<TimelineRow>> {
    let (from, to) = q.window()?;
    let rows = timeline_scan(conn, q, (from.as_deref(), to.as_deref()))?;
    fill_gaps(rows, q.by)
}

fn parse_day(d: &str) -> crate::Result<NaiveDate> {
    NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map_err(|_| Error::Invalid(format!("bad date {d:?}")))
}

/// Timeline rows from `dyad_rollup`: whole buckets from the `period`
/// rows, partial buckets at the edges of `--from/--to` from the day rows
/// (and their outlets), so results equal the scan's.
fn timeline_rollup(
    conn: &Connection,
    q: &TimelineQuery,
    (from, to): (Option<&str>, Option<&str>),
) -> crate::Result<Vec<TimelineRow>> {
    let (a, b, by) = (q.a.as_str(), q.b.as_str(), q.by);
    // The directed dyads to add up: a -> b, and b -> a with `both`.
    let mut dyads = vec![(a, b)];
    if q.both && a != b {
        dyads.push((b, a));
    }
    let from = from.map(parse_day).transpose()?;
    let to = to.map(parse_day).transpose()?;
    // Whole buckets: start >= lo and start < hi.
    let mut edges: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    let lo = match from {
        Some(f) if by.start(f) != f => {
            let end = by.next(by.start(f)).and_then(|n| n.pred_opt());
            let end = match (end, to) {
                (Some(e), Some(t)) => Some(e.min(t)),
                (e, _) => e,
            };
            if let Some(e) = end {
                edges.push((f, e));
            }
            by.next(by.start(f))
        }
        f => f,
    };
    let hi = match to {
        Some(t) => {
            let s = by.start(t);
            if by.next(s).and_then(|n| n.pred_opt()) == Some(t) {
                by.next(s)
            } else {
                // A partial last bucket, unless the first edge holds it.
                if lo.map_or(true, |l| s >= l) {
                    let first = match from {
                        Some(f) if f > s => f,
                        _ => s,
                    };
                    edges.push((first, t));
                }
                Some(s)
            }
        }
        None => None,
    };
    let mut range = Where::default();
    if let Some(l) = lo {
        range.push("bucket >= ?", vec![text(&bound_text(l))]);
    }
    if let Some(h) = hi {
        range.push("bucket < ?", vec![text(&bound_text(h))]);
    }
    // One branch per direction, each an index range on the primary key.
    let branches = |table: &str, cols: &str, period: &str, r: &Where| {
        let mut q = Vec::new();
        let mut p = Vec::new();
        for (s, t) in &dyads {
            q.push(format!(
                "SELECT {cols} FROM {table} WHERE period = ? AND \
                 source_country = ? AND target_country = ? AND {}",
                r.sql()
            ));
            p.push(text(period));
            p.push(text(s));
            p.push(text(t));
            p.extend(r.params.iter().cloned());
        }
        (q.join(" UNION ALL "), p)
    };
    let (q, p) = branches(
        "dyad_rollup",
        "bucket, events, clusters, q1, q2, q3, q4, goldstein_x10, sources",
        by.period(),
        &range,
    );
    let mut rows = read_buckets(
        conn,
        &format!(
            "SELECT bucket, sum(events), sum(clusters), sum(q1), sum(q2),
               sum(q3), sum(q4), sum(goldstein_x10), sum(sources)
             FROM ({q}) GROUP BY bucket HAVING sum(events) > 0
             ORDER BY bucket"
        ),
        &p,
    )?;
    if dyads.len() > 1 {
        // Distinct outlets over both directions.
        let (q, p) = branches(
            "dyad_rollup_outlets",
            "bucket, outlet",
            by.period(),
            &range,
        );
        let mut stmt = sql(
            "timeline",
            conn.prepare_cached(&format!(
                "SELECT bucket, count(DISTINCT outlet) FROM ({q}) GROUP BY bucket"
            )),
        )?;
        let sources: std::collections::HashMap<String, i64> = sql(
            "timeline",
            stmt.query_map(params_from_iter(&p), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .and_then(|rows| rows.collect()),
        )?;
        for (b, n) in &mut rows {
            n[7] = sources.get(b).copied().unwrap_or(0);
        }
    }
    for (first, last) in edges {
        if first > last {
            continue;
        }
        let mut r = Where::default();
        r.push(
            "bucket BETWEEN ? AND ?",
            vec![text(&first.to_string()), text(&last.to_string())],
        );
        let (q, pq) = branches(
            "dyad_rollup",
            "events, clusters, q1, q2, q3, q4, goldstein_x10",
            "day",
            &r,
        );
        // Parameters in text order: the outlet subquery comes first.
        let (qo, mut p) = branches("dyad_rollup_outlets", "outlet", "day", &r);
        p.extend(pq);
        let part = read_buckets(
            conn,
            &format!(
                "SELECT '', sum(events), sum(clusters), sum(q1), sum(q2),
                   sum(q3), sum(q4), sum(goldstein_x10),
                   (SELECT count(DISTINCT outlet) FROM ({qo}))
                 FROM ({q})"
            ),
            &p,
        )?;
        if let Some((_, n)) = part.into_iter().next().filter(|r| r.1[0] > 0) {
            rows.push((by.start(first).to_string(), n));
        }
    }
    rows.sort_by(|x, y| x.0.cmp(&y.0));
    Ok(rows.into_iter().map(|(b, n)| row_of(b, n)).collect())
}

/// Timeline rows aggregated from the mentions `q` selects in the
/// (checked) window.
fn timeline_scan(
    conn: &Connection,
    q: &TimelineQuery,
    (from, to): (Option<&str>, Option<&str>),
) -> crate::Result<Vec<TimelineRow>> {
    let f = Filter {
        source: Some(q.a.clone()),
        target: Some(q.b.clone()),
        both: q.both,
        from: from.map(String::from),
        to: to.map(String::from),
        ..q.counting.filter()
    };
    let w = event_where(&f)?;
    scan_buckets(conn, &w, q.by)
}

/// Timeline rows aggregated straight from the mentions matching `w`. A
/// cluster counts through its mentions from its own source country: a
/// symmetric act's cluster (a meeting told X->Y and Y->X) counts once,
/// in its first mention's direction, as the rollups count it.
fn scan_buckets(
    conn: &Connection,
    w: &Where,
    by: Bucket,
) -> crate::Result<Vec<TimelineRow>> {
    let bucket = by.sql("e.day");
    let rows = read_buckets(
        conn,
        &format!(
            "SELECT {bucket} AS b, count(*),
               count(DISTINCT CASE WHEN ifnull(e.source_country, '') =
                 (SELECT k.source_country FROM clusters k
                  WHERE k.id = e.cluster) THEN e.cluster END),
               sum(e.quad_class = 1), sum(e.quad_class = 2),
               sum(e.quad_class = 3), sum(e.quad_class = 4),
               sum(CAST(round(e.goldstein * 10) AS INTEGER)),
               count(DISTINCT ifnull(e.outlet, ''))
             FROM events e WHERE {} GROUP BY b ORDER BY b",
            w.sql()
        ),
        &w.params,
    )?;
    Ok(rows.into_iter().map(|(b, n)| row_of(b, n)).collect())
}

/// A bucket bound as the text `bucket` columns compare with: the day
/// after 9999-12-31 prints as `+10000-01-01`, which sorts before every
/// day, so bounds past year 9999 become a text above every day
/// (`--to 9999-12-31` used to select nothing).
fn bound_text(d: NaiveDate) -> String {
    if d.year() > 9999 {
        "9999-99-99".to_string()
    } else {
        d.to_string()
    }
}

/// Most buckets a timeline returns (gaps filled with zeros count): 100
/// years by day. Two stray dates (0001-01-01 and 9999-12-31) would
/// otherwise fill millions of empty buckets.
pub const MAX_BUCKETS: usize = 36_525;

/// How many buckets a timeline from `first` to `last` has.
fn bucket_count(first: &str, last: &str, by: Bucket) -> Option<i64> {
    let a = NaiveDate::parse_from_str(first, "%Y-%m-%d").ok()?;
    let b = NaiveDate::parse_from_str(last, "%Y-%m-%d").ok()?;
    let days = (b - a).num_days();
    Some(match by {
        Bucket::Day => days + 1,
        Bucket::Week => days / 7 + 1,
        Bucket::Month => {
            i64::from(b.year() - a.year()) * 12 + i64::from(b.month())
                - i64::from(a.month())
                + 1
        }
    })
}

fn fill_gaps(
    rows: Vec<TimelineRow>,
    by: Bucket,
) -> crate::Result<Vec<TimelineRow>> {
    if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
        let n = bucket_count(&first.bucket, &last.bucket, by).unwrap_or(0);
        if n > MAX_BUCKETS as i64 {
            return Err(Error::Invalid(format!(
                "the timeline would have {n} buckets ({} to {} by {}), \
                 more than {MAX_BUCKETS}; narrow it with --from/--to or \
                 use a longer bucket (--by month)",
                first.bucket,
                last.bucket,
                by.period()
            )));
        }
    }
    let mut out: Vec<TimelineRow> = Vec::with_capacity(rows.len());
    for r in rows {
        if let (Some(prev), Ok(cur)) =
            (out.last(), NaiveDate::parse_from_str(&r.bucket, "%Y-%m-%d"))
        {
            if let Ok(p) = NaiveDate::parse_from_str(&prev.bucket, "%Y-%m-%d")
            {
                let mut d = by.next(p);
                while let Some(x) = d.filter(|x| *x < cur) {
                    out.push(row_of(x.to_string(), [0; 8]));
                    d = by.next(x);
                }
            }
        }
        out.push(r);
    }
    Ok(out)
}

/// One actor's activity (counted mentions and clusters).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorRow {
    /// Actor code.
    pub actor: String,
    /// Clusters as source or target.
    pub clusters: i64,
    /// Mentions as source or target.
    pub events: i64,
    /// Clusters as source.
    pub source_clusters: i64,
    /// Clusters as target.
    pub target_clusters: i64,
    /// Mentions as source.
    pub source_events: i64,
    /// Mentions as target.
    pub target_events: i64,
}

/// The `n` most active actor codes by clusters (then mentions, then
/// code), from the rollup tables.
pub fn top_actors(
    conn: &Connection,
    n: usize,
    from: Option<&str>,
    to: Option<&str>,
) -> crate::Result<Vec<ActorRow>> {
    top_actors_counted(conn, n, from, to, Counting::default())
}

/// [`top_actors`] counting the mentions `counting` selects: the default
/// reads the rollups, anything else [`top_actors_direct`].
pub fn top_actors_counted(
    conn: &Connection,
    n: usize,
    from: Option<&str>,
    to: Option<&str>,
    counting: Counting,
) -> crate::Result<Vec<ActorRow>> {
    if !counting.is_default() {
        return top_actors_direct(conn, n, from, to, counting);
    }
    let from = from.map(check_day).transpose()?;
    let to = to.map(check_day).transpose()?;
    let (table, mut w) = if from.is_none() && to.is_none() {
        ("actor_totals", Where::default())
    } else {
        ("actor_daily", Where::default())
    };
    if let Some(d) = &from {
        w.push("day >= ?", vec![text(d)]);
    }
    if let Some(d) = &to {
        w.push("day <= ?", vec![text(d)]);
    }
    let q = format!(
        "SELECT code, sum(source_clusters) AS sc, sum(target_clusters) AS tc,
           sum(source_events) AS se, sum(target_events) AS te
         FROM {table} WHERE {} GROUP BY code
         HAVING se + te > 0
         ORDER BY sc + tc DESC, se + te DESC, code LIMIT {n}",
        w.sql()
    );
    read_actor_rows(conn, &q, &w.params)
}

/// [`top_actors`] aggregated straight from `events` and `clusters` with
/// the rollups' meaning: a code's mentions are the selected mentions
/// (in `from..=to` by event day) naming it as source or target; its
/// clusters are the clusters whose key names it (in `from..=to` by
/// cluster day) that have a selected mention. With the default
/// `counting` this equals [`top_actors`] (a test checks it).
pub fn top_actors_direct(
    conn: &Connection,
    n: usize,
    from: Option<&str>,
    to: Option<&str>,
    counting: Counting,
) -> crate::Result<Vec<ActorRow>> {
    let from = from.map(check_day).transpose()?;
    let to = to.map(check_day).transpose()?;
    let mentions = event_where(&Filter {
        from: from.clone(),
        to: to.clone(),
        ..counting.filter()
    })?;
    let any = event_where(&counting.filter())?;
    let mut days = Where::default();
    if let Some(d) = &from {
        days.push("c.day >= ?", vec![text(d)]);
    }
    if let Some(d) = &to {
        days.push("c.day <= ?", vec![text(d)]);
    }
    // Parameters in text order: the mention CTE, then the cluster CTE.
    let mut params = mentions.params.clone();
    params.extend(any.params.iter().cloned());
    params.extend(days.params.iter().cloned());
    let q = format!(
        "WITH m AS (SELECT e.source_code AS s, e.target_code AS t
                    FROM events e WHERE {}),
              k AS (SELECT c.source_code AS s, c.target_code AS t
                    FROM clusters c WHERE c.id IN
                      (SELECT e.cluster FROM events e WHERE {}) AND {})
         SELECT code, sum(sc), sum(tc), sum(se), sum(te) FROM (
           SELECT s AS code, 0 AS sc, 0 AS tc, count(*) AS se, 0 AS te
             FROM m WHERE ifnull(s, '') != '' GROUP BY 1
           UNION ALL SELECT t, 0, 0, 0, count(*)
             FROM m WHERE ifnull(t, '') != '' GROUP BY 1
           UNION ALL SELECT s, count(*), 0, 0, 0
             FROM k WHERE s != '' GROUP BY 1
           UNION ALL SELECT t, 0, count(*), 0, 0
             FROM k WHERE t != '' GROUP BY 1)
         GROUP BY code HAVING sum(se) + sum(te) > 0
         ORDER BY sum(sc) + sum(tc) DESC, sum(se) + sum(te) DESC, code
         LIMIT {n}",
        mentions.sql(),
        any.sql(),
        days.sql()
    );
    read_actor_rows(conn, &q, &params)
}

/// Runs a top-actors query (code, sc, tc, se, te columns).
fn read_actor_rows(
    conn: &Connection,
    q: &str,
    params: &[Value],
) -> crate::Result<Vec<ActorRow>> {
    let mut stmt = sql("top actors", conn.prepare(q))?;
    let rows = sql(
        "top actors",
        stmt.query_map(params_from_iter(params), |r| {
            let (sc, tc, se, te): (i64, i64, i64, i64) =
                (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            Ok(ActorRow {
                actor: r.get(0)?,
                clusters: sc + tc,
                events: se + te,
                source_clusters: sc,
                target_clusters: tc,
                source_events: se,
                target_events: te,
            })
        })
        .and_then(|rows| rows.collect()),
    )?;
    Ok(rows)
}

/// Per-root counts in [`Stats`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RootCount {
    /// CAMEO root.
    pub root: String,
    /// Counted mentions.
    pub events: i64,
    /// Clusters with counted mentions.
    pub clusters: i64,
}

/// A summary of the store.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    /// Schema version.
    pub schema_version: String,
    /// Articles.
    pub articles: i64,
    /// All stored mentions.
    pub events_stored: i64,
    /// Counted mentions (asserted, not negated).
    pub events: i64,
    /// Clusters with counted mentions.
    pub clusters: i64,
    /// Ingest batches.
    pub batches: i64,
    /// First event day.
    pub first_day: Option<String>,
    /// Last event day.
    pub last_day: Option<String>,
    /// First article date.
    pub first_published: Option<String>,
    /// Last article date.
    pub last_published: Option<String>,
    /// Counts per CAMEO root.
    pub roots: Vec<RootCount>,
}

/// Store summary. All figures come from one read transaction.
pub fn stats(conn: &Connection) -> crate::Result<Stats> {
    stats_counted(conn, Counting::default())
}

/// [`stats`] counting the mentions `counting` selects: `events` is the
/// number of selected mentions, `clusters` the clusters with a selected
/// mention (per root likewise); `events_stored` and the rest do not
/// depend on it. The default reads the `counted` flag and the clusters'
/// counted-mention totals kept at ingest.
pub fn stats_counted(
    conn: &Connection,
    counting: Counting,
) -> crate::Result<Stats> {
    if counting.is_default() {
        return stats_with(
            conn,
            "SELECT count(*) FROM events WHERE counted = 1",
            "SELECT count(*) FROM clusters WHERE num_mentions > 0",
            &[],
            counting,
            false,
        );
    }
    stats_direct(conn, counting)
}

/// [`stats_counted`] from `events` alone (the `counted` flag unread):
/// with the default `counting` it equals [`stats`] (a test checks it).
pub fn stats_direct(
    conn: &Connection,
    counting: Counting,
) -> crate::Result<Stats> {
    let w = event_where(&counting.filter())?;
    let ws = w.sql();
    stats_with(
        conn,
        &format!("SELECT count(*) FROM events e WHERE {ws}"),
        &format!(
            "SELECT count(*) FROM clusters c
             WHERE c.id IN (SELECT e.cluster FROM events e WHERE {ws})"
        ),
        &w.params,
        counting,
        true,
    )
}

/// Mentions and clusters per CAMEO root as [`stats_counted`] counts
/// them. The default `counting` reads the `counted` flag and the
/// clusters' counted-mention totals kept at ingest, unless `direct`; any
/// other (or `direct`) reads `events` alone.
fn read_roots(
    conn: &Connection,
    counting: Counting,
    direct: bool,
) -> crate::Result<Vec<RootCount>> {
    let (inner, params) = if counting.is_default() && !direct {
        (
            "SELECT root, count(*) AS events, 0 AS clusters FROM events
             WHERE counted = 1 GROUP BY root
             UNION ALL
             SELECT root, 0, count(*) FROM clusters
             WHERE num_mentions > 0 GROUP BY root"
                .to_string(),
            Vec::new(),
        )
    } else {
        let w = event_where(&counting.filter())?;
        let ws = w.sql();
        let mut params = w.params.clone();
        params.extend(w.params);
        (
            format!(
                "SELECT e.root, count(*) AS events, 0 AS clusters FROM events e
                 WHERE {ws} GROUP BY e.root
                 UNION ALL
                 SELECT c.root, 0, count(*) FROM clusters c
                 WHERE c.id IN (SELECT e.cluster FROM events e WHERE {ws})
                 GROUP BY c.root"
            ),
            params,
        )
    };
    let mut stmt = sql(
        "stats",
        conn.prepare(&format!(
            "SELECT root, sum(events), sum(clusters) FROM ({inner})
             GROUP BY root ORDER BY root"
        )),
    )?;
    let roots = sql(
        "stats",
        stmt.query_map(params_from_iter(&params), |r| {
            Ok(RootCount {
                root: r.get(0)?,
                events: r.get(1)?,
                clusters: r.get(2)?,
            })
        })
        .and_then(|rows| rows.collect()),
    )?;
    Ok(roots)
}

/// The summary with the given event-count and cluster-count queries,
/// each taking `params` once, and [`read_roots`]`(counting, direct)`.
fn stats_with(
    conn: &Connection,
    events_q: &str,
    clusters_q: &str,
    params: &[Value],
    counting: Counting,
    direct: bool,
) -> crate::Result<Stats> {
    let counted = |q: &str| -> crate::Result<i64> {
        sql("stats", conn.query_row(q, params_from_iter(params), |r| r.get(0)))
    };
    let one = |q: &str| -> crate::Result<i64> {
        sql("stats", conn.query_row(q, [], |r| r.get(0)))
    };
    let opt = |q: &str| -> crate::Result<Option<String>> {
        sql("stats", conn.query_row(q, [], |r| r.get(0)))
    };
    sql("stats", conn.execute_batch("BEGIN"))?;
    let result = (|| {
        let roots = read_roots(conn, counting, direct)?;
        Ok(Stats {
            schema_version: opt(
                "SELECT value FROM meta WHERE key = 'schema_version'",
            )?
            .unwrap_or_default(),
            articles: one("SELECT count(*) FROM articles")?,
            events_stored: one("SELECT count(*) FROM events")?,
            events: counted(events_q)?,
            clusters: counted(clusters_q)?,
            batches: one("SELECT count(*) FROM batches")?,
            first_day: opt("SELECT min(day) FROM events")?,
            last_day: opt("SELECT max(day) FROM events")?,
            first_published: opt("SELECT min(date) FROM articles")?,
            last_published: opt("SELECT max(date) FROM articles")?,
            roots,
        })
    })();
    let _ = conn.execute_batch("COMMIT");
    result
}

/// The result of [`sql_query`]: column names and rows of JSON values.
#[derive(Clone, Debug, PartialEq)]
pub struct SqlResult {
    /// Column names.
    pub columns: Vec<String>,
    /// Rows, one JSON value per column.
    pub rows: Vec<Vec<serde_json::Value>>,
}

/// Runs one read-only statement. Statements that would write are refused
/// (`sqlite3_stmt_readonly`), on top of the read-only connection.
/// Collects every row: for untrusted statements use [`sql_each`].
pub fn sql_query(conn: &Connection, q: &str) -> crate::Result<SqlResult> {
    let mut columns = Vec::new();
    let mut rows = Vec::new();
    sql_each(
        conn,
        q,
        &SqlLimits::default(),
        |c| {
            columns = c.to_vec();
            Ok(())
        },
        |r| {
            rows.push(r);
            Ok(())
        },
    )?;
    Ok(SqlResult { columns, rows })
}

/// Bounds on one [`sql_each`] statement.
#[derive(Clone, Debug, Default)]
pub struct SqlLimits {
    /// Interrupt the statement after this long (`None`: no limit).
    pub timeout: Option<std::time::Duration>,
    /// Stop after this many rows (`None`: no limit).
    pub max_rows: Option<usize>,
}

/// How a [`sql_each`] statement ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SqlOutcome {
    /// Rows handed to the caller.
    pub rows: usize,
    /// Whether [`SqlLimits::max_rows`] stopped it early.
    pub truncated: bool,
}

/// Runs one read-only statement, handing the column names to `columns`
/// and then each row to `row` as it is stepped (nothing is held, so a
/// huge result streams in constant memory). A runaway statement (a
/// recursive CTE without end) is interrupted after `limits.timeout` by a
/// watchdog thread (`sqlite3_interrupt`); `limits.max_rows` stops early.
///
/// # Errors
///
/// [`Error::Invalid`] for a statement that fails, would write, or ran
/// out of time (the message names the timeout).
pub fn sql_each(
    conn: &Connection,
    q: &str,
    limits: &SqlLimits,
    columns: impl FnOnce(&[String]) -> crate::Result<()>,
    mut row: impl FnMut(Vec<serde_json::Value>) -> crate::Result<()>,
) -> crate::Result<SqlOutcome> {
    let bad = |e: rusqlite::Error| Error::Invalid(format!("sql: {e}"));
    let mut stmt = conn.prepare(q).map_err(bad)?;
    if !stmt.readonly() {
        return Err(Error::Invalid(
            "sql: only read-only statements are allowed".into(),
        ));
    }
    let names: Vec<String> =
        stmt.column_names().iter().map(|s| s.to_string()).collect();
    columns(&names)?;
    let watchdog = limits.timeout.map(|t| Watchdog::start(conn, t));
    let timed_out = |e: rusqlite::Error| match &watchdog {
        Some(w) if w.fired() => Error::Invalid(format!(
            "sql: interrupted after {:.1} s (--timeout; 0 for no limit)",
            w.after.as_secs_f64()
        )),
        _ => bad(e),
    };
    let mut rows = stmt.query([]).map_err(timed_out)?;
    let mut out = SqlOutcome::default();
    while let Some(r) = rows.next().map_err(timed_out)? {
        if limits.max_rows.is_some_and(|m| out.rows >= m) {
            out.truncated = true;
            break;
        }
        let mut values = Vec::with_capacity(names.len());
        for i in 0..names.len() {
            let v: Value = r.get(i).map_err(bad)?;
            values.push(match v {
                Value::Null => serde_json::Value::Null,
                Value::Integer(i) => serde_json::Value::from(i),
                Value::Real(f) => serde_json::Value::from(f),
                Value::Text(s) => serde_json::Value::String(s),
                Value::Blob(b) => {
                    serde_json::Value::String(format!("<{} bytes>", b.len()))
                }
            });
        }
        out.rows += 1;
        row(values)?;
    }
    Ok(out)
}

/// Interrupts a connection's statement after a deadline, unless dropped
/// first.
struct Watchdog {
    after: std::time::Duration,
    stop: Option<std::sync::mpsc::Sender<()>>,
    fired: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Watchdog {
    fn start(conn: &Connection, after: std::time::Duration) -> Watchdog {
        let handle = conn.get_interrupt_handle();
        let (stop, wait) = std::sync::mpsc::channel::<()>();
        let fired =
            std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&fired);
        let thread = std::thread::spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                wait.recv_timeout(after)
            {
                flag.store(true, std::sync::atomic::Ordering::SeqCst);
                handle.interrupt();
            }
        });
        Watchdog { after, stop: Some(stop), fired, thread: Some(thread) }
    }

    fn fired(&self) -> bool {
        self.fired.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
