//! Queries for interactive clients such as the HTTP API: pages of
//! mentions and clusters by cursor, lookups by id, an article with its
//! mentions, corpus coverage per bucket, a country-to-country matrix, an
//! actor's activity, evidence search and code suggestions.
//!
//! Every function answers from indexes or rollups with a bounded amount
//! of work where it can (and says so where it samples), because its
//! callers run under a per-request time budget.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use super::*;

mod overview;
pub use self::overview::*;

/// A position in a listing ordered by (day, id): the last row of the
/// page before. Written `DAY_ID` (`2024-01-12_123`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// The row's day (YYYY-MM-DD).
    pub day: String,
    /// The row's id.
    pub id: i64,
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}_{}", self.day, self.id)
    }
}

impl FromStr for Cursor {
    type Err = Error;

    fn from_str(s: &str) -> crate::Result<Cursor> {
        let bad = || {
            Error::Invalid(format!(
                "bad cursor {s:?}: expected DAY_ID as returned in `next`"
            ))
        };
        let (day, id) = s.split_once('_').ok_or_else(bad)?;
        // A position, not a date filter: any `NNNN-NN-NN` orders
        // correctly against the stored days.
        let shape = day.len() == 10
            && day.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !shape {
            return Err(bad());
        }
        let day = day.to_string();
        let id = id.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(bad)?;
        Ok(Cursor { day, id })
    }
}

/// A query for one page of mentions or clusters.
#[derive(Clone, Debug, Default)]
pub struct EventQuery {
    /// The filters (its `limit` is not used; see `limit`).
    pub filter: Filter,
    /// Only mentions of this modality (`asserted`, `intended`, ...).
    pub modality: Option<String>,
    /// Only negated (`true`) or affirmed (`false`) mentions.
    pub negated: Option<bool>,
    /// Start after this row.
    pub after: Option<Cursor>,
    /// Newest first.
    pub desc: bool,
    /// Rows per page.
    pub limit: usize,
}

impl EventQuery {
    /// Whether only counted mentions (asserted, not negated) qualify:
    /// the default, lifted by `all`, `modality`, `negated` or
    /// `min_confidence` (the `counted` flag and the rollups then no
    /// longer say which mentions qualify).
    fn counted_only(&self) -> bool {
        !self.lifted() && self.filter.min_confidence.is_none()
    }

    /// Whether the asserted-and-not-negated rule is lifted (`all`,
    /// `modality` or `negated`); `min_confidence` alone keeps it.
    fn lifted(&self) -> bool {
        self.filter.all || self.modality.is_some() || self.negated.is_some()
    }
}

/// One side of a dyad as SQL. For counted mentions, a country whose
/// code prefix only ever stands for that country (the rollups' test)
/// needs no code-prefix branch, so the `events_dyad` index serves both
/// the filter and the (day, id) order. With `by_day` (a single, busy
/// actor) no condition may use an index (`+`), so that the pages walk
/// `events_day` in order and stop after a page, instead of listing and
/// sorting every mention of the actor (millions for `USA`).
fn side_clause(
    conn: &Connection,
    side: &str,
    spec: &str,
    counted_only: bool,
    by_day: bool,
) -> crate::Result<(String, Vec<Value>)> {
    let x = if by_day { "+" } else { "" };
    if counted_only && is_country(spec) && rollup_exact(conn, spec)? {
        return Ok((format!("{x}e.{side}_country = ?"), vec![text(spec)]));
    }
    let code_like = !spec.is_empty()
        && spec.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let upper = format!("{spec}\u{10FFFF}");
    // A longer code (`USAGOV`) of such a country: its country as well,
    // so that with the other side a country too the `events_dyad` index
    // serves filter and order, and the code range on top (`+`: not an
    // index of its own, which would list every mention of the code and
    // sort them: 6.7 s for USAGOV -> ISR on 10 M mentions, 0.01 s so).
    let country = spec.get(..3).filter(|c| spec.len() > 3 && is_country(c));
    if let Some(c) = country {
        if counted_only && code_like && rollup_exact(conn, c)? {
            return Ok((
                format!(
                    "({x}e.{side}_country = ? AND +e.{side}_code >= ? AND \
                     +e.{side}_code < ?)"
                ),
                vec![text(c), text(spec), text(&upper)],
            ));
        }
    }
    if by_day && code_like {
        return Ok((
            format!(
                "(+e.{side}_country = ? OR (+e.{side}_code >= ? AND \
                 +e.{side}_code < ?))"
            ),
            vec![text(spec), text(spec), text(&upper)],
        ));
    }
    Ok(actor_clause(side, spec))
}

/// Counted mentions (as source or target) an actor code prefix must
/// have for [`side_clause`]'s `by_day`: from about 0.2% of 10 M
/// mentions a page is found within a few thousand rows in day order,
/// while sorting all of them would take longer.
const BUSY_ACTOR: i64 = 20_000;

/// Whether the code prefix `spec` has at least [`BUSY_ACTOR`] counted
/// mentions (the per-actor totals; a name is never busy: it has no
/// index to avoid).
fn busy(conn: &Connection, spec: &str) -> crate::Result<bool> {
    if spec.is_empty()
        || !spec.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Ok(false);
    }
    let upper = format!("{spec}\u{10FFFF}");
    let n: i64 = sql(
        "actor activity",
        conn.query_row(
            "SELECT ifnull(sum(source_events + target_events), 0)
             FROM actor_totals WHERE code >= ? AND code < ?",
            [spec, upper.as_str()],
            |r| r.get(0),
        ),
    )?;
    Ok(n >= BUSY_ACTOR)
}

fn dyad_where(
    conn: &Connection,
    q: &EventQuery,
    w: &mut Where,
) -> crate::Result<()> {
    let f = &q.filter;
    let counted = q.counted_only();
    let (s, t) = (f.source.as_deref(), f.target.as_deref());
    let by_day = match (s, t) {
        (Some(a), None) | (None, Some(a)) => busy(conn, a)?,
        _ => false,
    };
    let one = |s: Option<&str>, t: Option<&str>| -> crate::Result<_> {
        let mut parts = Vec::new();
        let mut params = Vec::new();
        for (side, spec) in [("source", s), ("target", t)] {
            if let Some(spec) = spec {
                let (c, p) = side_clause(conn, side, spec, counted, by_day)?;
                parts.push(c);
                params.extend(p);
            }
        }
        Ok((format!("({})", parts.join(" AND ")), params))
    };
    if s.is_none() && t.is_none() {
        return Ok(());
    }
    let (a, mut pa) = one(s, t)?;
    if !f.both {
        w.push(&a, pa);
        return Ok(());
    }
    let (b, pb) = one(t, s)?;
    pa.extend(pb);
    w.push(&format!("({a} OR {b})"), pa);
    Ok(())
}

/// The mention conditions of `q` (without cursor and cluster-only
/// conditions).
fn mention_where(conn: &Connection, q: &EventQuery) -> crate::Result<Where> {
    let lifted = q.lifted();
    let mut w = event_where(&Filter {
        source: None,
        target: None,
        all: lifted,
        limit: None,
        min_sources: None,
        ..q.filter.clone()
    })?;
    dyad_where(conn, q, &mut w)?;
    // A correlated lookup per mention, so that a page stops after
    // `limit` rows instead of first listing every qualifying cluster.
    if let Some(n) = q.filter.min_sources {
        w.push(
            "EXISTS (SELECT 1 FROM clusters c WHERE c.id = e.cluster AND \
             c.num_sources >= ?)",
            vec![Value::Integer(i64::from(n))],
        );
    }
    if let Some(m) = &q.modality {
        w.push("e.modality = ?", vec![text(m)]);
    }
    // Without `all`, a modality or negation filter still means affirmed
    // mentions unless `negated` says otherwise.
    let negated = match (q.filter.all, !lifted) {
        (true, _) => q.negated,
        (false, false) => Some(q.negated.unwrap_or(false)),
        (false, true) => None,
    };
    if let Some(n) = negated {
        w.push("e.negated = ?", vec![Value::Integer(i64::from(n))]);
    }
    Ok(w)
}

fn cursor_clause(alias: &str, q: &EventQuery, w: &mut Where) {
    if let Some(c) = &q.after {
        let op = if q.desc { "<" } else { ">" };
        w.push(
            &format!("({alias}.day, {alias}.id) {op} (?, ?)"),
            vec![text(&c.day), Value::Integer(c.id)],
        );
    }
}

/// Splits `limit + 1` fetched rows into a page and the cursor after it.
fn paginate<T>(
    mut rows: Vec<T>,
    limit: usize,
    key: impl Fn(&T) -> Cursor,
) -> (Vec<T>, Option<Cursor>) {
    if rows.len() <= limit {
        return (rows, None);
    }
    rows.truncate(limit);
    let next = rows.last().map(key);
    (rows, next)
}

/// One page of mentions matching `q`, ordered by (day, id), and the
/// cursor of the next page (`None` on the last one).
pub fn events_page(
    conn: &Connection,
    q: &EventQuery,
) -> crate::Result<(Vec<StoredEvent>, Option<Cursor>)> {
    let mut w = mention_where(conn, q)?;
    cursor_clause("e", q, &mut w);
    let dir = if q.desc { "DESC" } else { "ASC" };
    let sql_text = format!(
        "SELECT {EVENT_SELECT} FROM events e WHERE {} \
         ORDER BY e.day {dir}, e.id {dir} LIMIT {}",
        w.sql(),
        q.limit.saturating_add(1)
    );
    let rows = query_rows(conn, &sql_text, &w.params, stored_event)?;
    Ok(paginate(rows, q.limit, |e| Cursor { day: e.day.clone(), id: e.id }))
}

/// One page of clusters with a mention matching `q`, ordered by (day,
/// id), and the cursor of the next page.
pub fn clusters_page(
    conn: &Connection,
    q: &EventQuery,
) -> crate::Result<(Vec<Cluster>, Option<Cursor>)> {
    let ew = mention_where(
        conn,
        &EventQuery {
            filter: Filter { min_sources: None, ..q.filter.clone() },
            ..q.clone()
        },
    )?;
    let cluster_filter = Filter { all: !q.counted_only(), ..q.filter.clone() };
    let unfiltered = ew.clauses.iter().all(|c| c == "e.counted = 1");
    let mut w = if !unfiltered && dense(conn, &q.filter)? {
        // Many matching mentions: walk clusters in (day, id) order and
        // test each one (a page stops early), instead of listing every
        // matching mention first (`IN`, right for few).
        let mut w = cluster_where(
            &Filter { all: true, ..cluster_filter },
            Where::default(),
        );
        if !cluster_filter.all {
            w.push("c.num_mentions > 0", vec![]);
        }
        w.push(
            &format!(
                "EXISTS (SELECT 1 FROM events e WHERE e.cluster = c.id AND {})",
                ew.sql()
            ),
            ew.params,
        );
        w
    } else {
        cluster_where(&cluster_filter, ew)
    };
    cursor_clause("c", q, &mut w);
    let dir = if q.desc { "DESC" } else { "ASC" };
    let sql_text = format!(
        "SELECT {CLUSTER_SELECT} FROM clusters c WHERE {} \
         ORDER BY c.day {dir}, c.id {dir} LIMIT {}",
        w.sql(),
        q.limit.saturating_add(1)
    );
    let rows = query_rows(conn, &sql_text, &w.params, cluster_row)?;
    Ok(paginate(rows, q.limit, |c| Cursor { day: c.day.clone(), id: c.id }))
}

/// Whether the actors of `f` match so many mentions (at least
/// [`BUSY_ACTOR`]) that a page of clusters is best found by testing
/// clusters in order: no actor and no words to look up, one busy
/// actor, or a pair of countries busy together (the rollups' count).
/// 10 M mentions: USA -> ISR clusters 0.07 s so (503 before); a rare
/// dyad so would scan every cluster (63 s), listed first it takes 0.03 s.
fn dense(conn: &Connection, f: &Filter) -> crate::Result<bool> {
    match (f.source.as_deref(), f.target.as_deref()) {
        (None, None) => Ok(f.text.is_none()),
        (Some(a), None) | (None, Some(a)) => busy(conn, a),
        (Some(a), Some(b)) => {
            if !timeline_uses_rollups(conn, a, b)? {
                return Ok(false);
            }
            let n: i64 = sql(
                "dyad activity",
                conn.query_row(
                    "SELECT ifnull(sum(events), 0) FROM dyad_rollup
                     WHERE period = 'month' AND ((source_country = ?1 AND
                       target_country = ?2) OR (?3 AND source_country = ?2
                       AND target_country = ?1))",
                    rusqlite::params![a, b, f.both],
                    |r| r.get(0),
                ),
            )?;
            Ok(n >= BUSY_ACTOR)
        }
    }
}

/// The timeline of the mentions matching `q` (dyad and every other
/// filter), scanned from `events`, gaps between non-empty buckets filled
/// with zeros. Use [`timeline`] when only the dyad and window are set:
/// it reads the rollups.
pub fn timeline_query(
    conn: &Connection,
    q: &EventQuery,
    by: Bucket,
) -> crate::Result<Vec<TimelineRow>> {
    let w = mention_where(conn, q)?;
    fill_gaps(scan_buckets(conn, &w, by)?, by)
}

fn query_rows<T>(
    conn: &Connection,
    q: &str,
    params: &[Value],
    f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> crate::Result<Vec<T>> {
    let mut stmt = sql("query", conn.prepare_cached(q))?;
    let rows = sql(
        "query",
        stmt.query_map(params_from_iter(params), f)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<T>>>()),
    )?;
    Ok(rows)
}

/// The mention with row id `id`, if any.
pub fn find_event(
    conn: &Connection,
    id: i64,
) -> crate::Result<Option<StoredEvent>> {
    let q = format!("SELECT {EVENT_SELECT} FROM events e WHERE e.id = ?");
    Ok(query_rows(conn, &q, &[Value::Integer(id)], stored_event)?
        .into_iter()
        .next())
}

/// The cluster with id `id`, if any.
pub fn find_cluster(
    conn: &Connection,
    id: i64,
) -> crate::Result<Option<Cluster>> {
    let q = format!("SELECT {CLUSTER_SELECT} FROM clusters c WHERE c.id = ?");
    Ok(query_rows(conn, &q, &[Value::Integer(id)], cluster_row)?
        .into_iter()
        .next())
}

/// Up to `limit` mentions of cluster `id` (counted or not), by id.
pub fn cluster_mentions(
    conn: &Connection,
    id: i64,
    limit: usize,
) -> crate::Result<Vec<StoredEvent>> {
    let q = format!(
        "SELECT {EVENT_SELECT} FROM events e WHERE e.cluster = ? \
         ORDER BY e.id LIMIT {limit}"
    );
    query_rows(conn, &q, &[Value::Integer(id)], stored_event)
}

/// A stored article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredArticle {
    /// Row id in `articles` (internal).
    #[serde(skip)]
    pub row: i64,
    /// The article's id.
    pub article_id: String,
    /// Publication date.
    pub date: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// Length of the text in bytes.
    pub bytes: i64,
    /// The text (`None` when ingested with `--no-text`).
    pub text: Option<String>,
    /// The ingest batch that wrote it.
    pub batch: i64,
}

/// The article `article_id`, if stored.
pub fn find_article(
    conn: &Connection,
    article_id: &str,
) -> crate::Result<Option<StoredArticle>> {
    let q = "SELECT id, article_id, date, outlet, url, title, language, \
             bytes, text, batch FROM articles WHERE article_id = ?";
    Ok(query_rows(conn, q, &[text(article_id)], |r| {
        Ok(StoredArticle {
            row: r.get(0)?,
            article_id: r.get(1)?,
            date: r.get(2)?,
            outlet: r.get(3)?,
            url: r.get(4)?,
            title: r.get(5)?,
            language: r.get(6)?,
            bytes: r.get(7)?,
            text: r.get(8)?,
            batch: r.get(9)?,
        })
    })?
    .into_iter()
    .next())
}

/// Up to `limit` mentions of an article (counted or not), in text order.
pub fn article_mentions(
    conn: &Connection,
    article: &StoredArticle,
    limit: usize,
) -> crate::Result<Vec<StoredEvent>> {
    let q = format!(
        "SELECT {EVENT_SELECT} FROM events e WHERE e.article = ? \
         ORDER BY e.sentence, e.span_start, e.id LIMIT {limit}"
    );
    query_rows(conn, &q, &[Value::Integer(article.row)], stored_event)
}

/// Articles per bucket of publication date (the corpus' coverage:
/// a bucket with no articles is a gap in the record, not a quiet time).
/// Scans `articles`; callers cache it per [`data_version`].
pub fn articles_per_bucket(
    conn: &Connection,
    by: Bucket,
) -> crate::Result<Vec<(String, i64)>> {
    let b = by.sql("substr(date, 1, 10)");
    let q = format!(
        "SELECT {b} AS b, count(*) FROM articles GROUP BY b ORDER BY b"
    );
    query_rows(conn, &q, &[], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// A cheap fingerprint of the store's content: the last batch id and the
/// last mention id. It changes whenever an ingest commits.
pub fn data_version(conn: &Connection) -> crate::Result<(i64, i64)> {
    sql(
        "data version",
        conn.query_row(
            "SELECT (SELECT ifnull(max(id), 0) FROM batches),
                    (SELECT ifnull(max(id), 0) FROM events)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        ),
    )
}

/// Counted mentions between the `n` most active countries of a window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountryMatrix {
    /// The countries, most active first (rows are sources, columns
    /// targets, in this order).
    pub countries: Vec<String>,
    /// Counted mentions as source or target in the window, per country.
    pub activity: Vec<i64>,
    /// `events[i][j]`: counted mentions countries[i] -> countries[j].
    pub events: Vec<Vec<i64>>,
    /// Mean Goldstein score per cell (`None` for empty cells).
    pub goldstein_mean: Vec<Vec<Option<f64>>>,
}

/// The window `[from, to]` as whole months (`bucket >= lo AND bucket <
/// hi` over month rows) plus the day ranges at its edges.
fn month_pieces(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> (Where, Vec<(NaiveDate, NaiveDate)>) {
    let m = Bucket::Month;
    let mut edges = Vec::new();
    let lo = from.map(|f| {
        if m.start(f) == f {
            return f;
        }
        let end = m.next(m.start(f)).and_then(|n| n.pred_opt());
        let end = match (end, to) {
            (Some(e), Some(t)) => Some(e.min(t)),
            (e, _) => e,
        };
        if let Some(e) = end {
            edges.push((f, e));
        }
        m.next(m.start(f)).unwrap_or(f)
    });
    let hi = to.map(|t| {
        let s = m.start(t);
        if m.next(s).and_then(|n| n.pred_opt()) == Some(t) {
            return m.next(s).unwrap_or(t);
        }
        let first = from.map_or(s, |f| f.max(s));
        if lo.map_or(true, |l| s >= l) {
            edges.push((first, t));
        }
        s
    });
    let mut w = Where::default();
    if let Some(l) = lo {
        w.push("bucket >= ?", vec![text(&l.to_string())]);
    }
    if let Some(h) = hi {
        w.push("bucket < ?", vec![text(&h.to_string())]);
    }
    (w, edges)
}

/// The `n` countries most active (as source or target of counted
/// mentions) in the months overlapping the window, with the counted
/// mentions between each pair in exactly the window.
pub fn country_matrix(
    conn: &Connection,
    n: usize,
    from: Option<&str>,
    to: Option<&str>,
) -> crate::Result<CountryMatrix> {
    country_matrix_counted(conn, n, from, to, Counting::default())
}

/// [`country_matrix`] counting the mentions `counting` selects: the
/// default reads the rollups; anything else aggregates `events` with
/// the rollups' meaning: countries ranked by the selected mentions
/// naming them (as source and as target) on the days of the months
/// overlapping the window; cells count the selected mentions in exactly
/// the window and add their Goldstein scores as the rollups do (tenths,
/// rounded). With the default threshold spelt out this equals
/// [`country_matrix`] (a test checks it).
pub fn country_matrix_counted(
    conn: &Connection,
    n: usize,
    from: Option<&str>,
    to: Option<&str>,
    counting: Counting,
) -> crate::Result<CountryMatrix> {
    let from = from.map(parse_day).transpose()?;
    let to = to.map(parse_day).transpose()?;
    if !counting.is_default() {
        return matrix_direct(conn, n, (from, to), counting);
    }
    let countries = busiest_countries(conn, n, from, to)?;
    if countries.is_empty() {
        return Ok(fill_matrix(countries, Vec::new()));
    }
    let k = countries.len();
    let marks = vec!["?"; k].join(", ");
    let names: Vec<Value> = countries.iter().map(|c| text(c)).collect();
    let (months, edges) = month_pieces(from, to);
    let mut branches = Vec::new();
    let mut params = Vec::new();
    let mut branch = |period: &str, r: &Where| {
        branches.push(format!(
            "SELECT source_country AS s, target_country AS t, events,
               goldstein_x10 FROM dyad_rollup WHERE period = '{period}'
               AND source_country IN ({marks}) AND target_country IN
               ({marks}) AND {}",
            r.sql()
        ));
        params.extend(names.iter().cloned());
        params.extend(names.iter().cloned());
        params.extend(r.params.iter().cloned());
    };
    branch("month", &months);
    for (a, b) in edges.iter().filter(|(a, b)| a <= b) {
        let mut r = Where::default();
        r.push(
            "bucket BETWEEN ? AND ?",
            vec![text(&a.to_string()), text(&b.to_string())],
        );
        branch("day", &r);
    }
    let q = format!(
        "SELECT s, t, sum(events), sum(goldstein_x10) FROM ({}) \
         GROUP BY s, t",
        branches.join(" UNION ALL ")
    );
    let cells = query_rows(conn, &q, &params, matrix_cell)?;
    Ok(fill_matrix(countries, cells))
}

/// One (source country, target country, mentions, Goldstein x 10 sum)
/// cell row.
type Cell = (String, String, i64, i64);

fn matrix_cell(r: &Row<'_>) -> rusqlite::Result<Cell> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

/// The matrix of `countries` from its cells (cells of other countries
/// are left out).
fn fill_matrix(countries: Vec<String>, cells: Vec<Cell>) -> CountryMatrix {
    let k = countries.len();
    let mut activity = vec![0; k];
    let mut events = vec![vec![0; k]; k];
    let mut goldstein_mean = vec![vec![None; k]; k];
    let at: HashMap<&str, usize> =
        countries.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
    for (s, t, n, g10) in cells {
        let (Some(&i), Some(&j)) = (at.get(s.as_str()), at.get(t.as_str()))
        else {
            continue;
        };
        events[i][j] = n;
        goldstein_mean[i][j] = (n > 0)
            .then(|| (g10 as f64 / 10.0 / n as f64 * 100.0).round() / 100.0);
        activity[i] += n;
        if i != j {
            activity[j] += n;
        }
    }
    CountryMatrix { countries, activity, events, goldstein_mean }
}

/// The direct path of [`country_matrix_counted`] over a checked window.
fn matrix_direct(
    conn: &Connection,
    n: usize,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
    counting: Counting,
) -> crate::Result<CountryMatrix> {
    let m = Bucket::Month;
    // The months overlapping the window, as days.
    let months = event_where(&Filter {
        from: from.map(|f| m.start(f).to_string()),
        to: to.map(|t| {
            m.next(m.start(t))
                .and_then(|n| n.pred_opt())
                .unwrap_or(t)
                .to_string()
        }),
        ..counting.filter()
    })?;
    let rank = format!(
        "SELECT c, sum(n) AS total FROM (
           SELECT ifnull(e.source_country, '') AS c, count(*) AS n
           FROM events e WHERE {w} GROUP BY 1
           UNION ALL
           SELECT ifnull(e.target_country, ''), count(*)
           FROM events e WHERE {w} GROUP BY 1)
         WHERE c != '' GROUP BY c HAVING total > 0
         ORDER BY total DESC, c LIMIT {n}",
        w = months.sql()
    );
    let mut params = months.params.clone();
    params.extend(months.params.iter().cloned());
    let countries: Vec<String> =
        query_rows(conn, &rank, &params, |r| r.get(0))?;
    if countries.is_empty() {
        return Ok(fill_matrix(countries, Vec::new()));
    }
    let window = event_where(&Filter {
        from: from.map(|d| d.to_string()),
        to: to.map(|d| d.to_string()),
        ..counting.filter()
    })?;
    let marks = vec!["?"; countries.len()].join(", ");
    let q = format!(
        "SELECT e.source_country, e.target_country, count(*),
           sum(CAST(round(e.goldstein * 10) AS INTEGER))
         FROM events e WHERE {} AND e.source_country IN ({marks})
           AND e.target_country IN ({marks})
         GROUP BY 1, 2",
        window.sql()
    );
    let mut params = window.params.clone();
    for _ in 0..2 {
        params.extend(countries.iter().map(|c| text(c)));
    }
    let cells = query_rows(conn, &q, &params, matrix_cell)?;
    Ok(fill_matrix(countries, cells))
}

/// Countries by counted mentions as source or target in the months
/// overlapping `[from, to]` (month rollups: cheap, and a ranking only).
fn busiest_countries(
    conn: &Connection,
    n: usize,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> crate::Result<Vec<String>> {
    let mut w = Where::default();
    w.push("period = 'month'", vec![]);
    if let Some(f) = from {
        w.push("bucket >= ?", vec![text(&Bucket::Month.start(f).to_string())]);
    }
    if let Some(t) = to {
        w.push("bucket <= ?", vec![text(&t.to_string())]);
    }
    let q = format!(
        "SELECT c, sum(n) AS total FROM (
           SELECT source_country AS c, sum(events) AS n FROM dyad_rollup
           WHERE {0} GROUP BY 1
           UNION ALL
           SELECT target_country, sum(events) FROM dyad_rollup
           WHERE {0} GROUP BY 1)
         WHERE c != '' GROUP BY c HAVING total > 0
         ORDER BY total DESC, c LIMIT {n}",
        w.sql()
    );
    let mut params = w.params.clone();
    params.extend(w.params.iter().cloned());
    query_rows(conn, &q, &params, |r| r.get(0))
}

/// How many of an actor's latest mentions (each way) [`actor_activity`]
/// reads for partners and names: a bound on the work per request.
pub const ACTOR_SAMPLE: usize = 20_000;

/// A partner of an actor with counted mentions between them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Partner {
    /// The partner's actor code.
    pub code: String,
    /// Mentions actor -> partner.
    pub as_target: i64,
    /// Mentions partner -> actor.
    pub as_source: i64,
}

/// A name the actor's mentions were found under, with its count.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NameCount {
    /// The name.
    pub name: String,
    /// Mentions under it.
    pub mentions: i64,
}

/// An actor code's activity in the store.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorActivity {
    /// Totals, as in [`top_actors`].
    #[serde(flatten)]
    pub totals: ActorRow,
    /// First day with a counted mention.
    pub first_seen: Option<String>,
    /// Last day with a counted mention.
    pub last_seen: Option<String>,
    /// Most frequent partners among the latest [`ACTOR_SAMPLE`] counted
    /// mentions each way.
    pub partners: Vec<Partner>,
    /// Most frequent names in the same sample.
    pub names: Vec<NameCount>,
}

/// The activity of actor code `code` (exact code), or `None` when it has
/// no counted mention.
pub fn actor_activity(
    conn: &Connection,
    code: &str,
    n: usize,
) -> crate::Result<Option<ActorActivity>> {
    let totals = query_rows(
        conn,
        "SELECT code, source_clusters, target_clusters, source_events,
           target_events FROM actor_totals WHERE code = ?
           AND source_events + target_events > 0",
        &[text(code)],
        |r| {
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
        },
    )?;
    let Some(totals) = totals.into_iter().next() else {
        return Ok(None);
    };
    let (first_seen, last_seen) = sql(
        "actor",
        conn.query_row(
            "SELECT min(day), max(day) FROM actor_daily WHERE code = ?
             AND source_events + target_events > 0",
            [code],
            |r| Ok((r.get(0)?, r.get(1)?)),
        ),
    )?;
    let mut partners: HashMap<String, Partner> = HashMap::new();
    let mut names: HashMap<String, i64> = HashMap::new();
    for (me, other) in [("source", "target"), ("target", "source")] {
        let q = format!(
            "SELECT {other}_code, {me}_name FROM events
             WHERE {me}_code = ? AND counted = 1
             ORDER BY id DESC LIMIT {ACTOR_SAMPLE}"
        );
        let rows: Vec<(Option<String>, Option<String>)> =
            query_rows(conn, &q, &[text(code)], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        for (partner, name) in rows {
            if let Some(p) = partner.filter(|p| !p.is_empty()) {
                let e = partners.entry(p.clone()).or_insert(Partner {
                    code: p,
                    as_target: 0,
                    as_source: 0,
                });
                if me == "source" {
                    e.as_target += 1;
                } else {
                    e.as_source += 1;
                }
            }
            if let Some(name) = name.filter(|n| !n.is_empty()) {
                *names.entry(name).or_default() += 1;
            }
        }
    }
    let mut partners: Vec<Partner> = partners.into_values().collect();
    partners.sort_by(|a, b| {
        (b.as_target + b.as_source)
            .cmp(&(a.as_target + a.as_source))
            .then_with(|| a.code.cmp(&b.code))
    });
    partners.truncate(n);
    let mut names: Vec<NameCount> = names
        .into_iter()
        .map(|(name, mentions)| NameCount { name, mentions })
        .collect();
    names
        .sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    names.truncate(n);
    Ok(Some(ActorActivity { totals, first_seen, last_seen, partners, names }))
}

/// Stored actor codes starting with `prefix`, most active first, with
/// their counted mentions.
pub fn actor_codes(
    conn: &Connection,
    prefix: &str,
    limit: usize,
) -> crate::Result<Vec<(String, i64)>> {
    let upper = format!("{prefix}\u{10FFFF}");
    let q = format!(
        "SELECT code, source_events + target_events AS n FROM actor_totals
         WHERE code >= ? AND code < ? AND n > 0
         ORDER BY n DESC, code LIMIT {limit}"
    );
    query_rows(conn, &q, &[text(prefix), text(&upper)], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
}

/// A mention found by [`search`], with where the words matched.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchHit {
    /// The mention.
    #[serde(flatten)]
    pub event: StoredEvent,
    /// Byte ranges of the matched words in `evidence`.
    pub matches: Vec<[usize; 2]>,
}

/// Mentions whose evidence contains all of `words` (FTS5), newest
/// first, before mention id `before`, at most `limit`; and the id to
/// continue before (`None` on the last page). Counted mentions only
/// unless `all`.
pub fn search(
    conn: &Connection,
    words: &str,
    all: bool,
    before: Option<i64>,
    limit: usize,
) -> crate::Result<(Vec<SearchHit>, Option<i64>)> {
    let fts = fts_query(words);
    if fts.is_empty() {
        return Ok((Vec::new(), None));
    }
    let mut w = Where::default();
    w.push("events_fts MATCH ?", vec![Value::Text(fts)]);
    if let Some(b) = before {
        w.push("events_fts.rowid < ?", vec![Value::Integer(b)]);
    }
    if !all {
        w.push("e.counted = 1", vec![]);
    }
    let q = format!(
        "SELECT {EVENT_SELECT}, highlight(events_fts, 0, char(1), char(2))
         FROM events_fts JOIN events e ON e.id = events_fts.rowid
         WHERE {} ORDER BY events_fts.rowid DESC LIMIT {}",
        w.sql(),
        limit.saturating_add(1)
    );
    let mut rows = query_rows(conn, &q, &w.params, |r| {
        // The highlight is the last column (after every event column,
        // however many the event select has).
        let marked: String = r.get(r.as_ref().column_count() - 1)?;
        Ok(SearchHit { event: stored_event(r)?, matches: marks(&marked) })
    })?;
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|h| h.event.id)
    } else {
        None
    };
    Ok((rows, next))
}

/// Byte ranges between `\x01` and `\x02` markers, in the text without
/// them.
fn marks(marked: &str) -> Vec<[usize; 2]> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut open = None;
    for ch in marked.chars() {
        match ch {
            '\u{1}' => open = Some(pos),
            '\u{2}' => {
                if let Some(s) = open.take() {
                    out.push([s, pos]);
                }
            }
            c => pos += c.len_utf8(),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors() {
        let cases = [
            ("2024-01-12_123", Some(("2024-01-12", 123))),
            ("2024-01-12_0", Some(("2024-01-12", 0))),
            ("2024-01-12_-1", None),
            ("2024-13-12_1", Some(("2024-13-12", 1))),
            ("0000-00-00_0", Some(("0000-00-00", 0))),
            ("2024-1-12_1", None),
            ("abcd-ef-gh_1", None),
            ("2024-01-12", None),
            ("_1", None),
            ("2024-01-12_1_2", None),
            ("", None),
        ];
        for (s, want) in cases {
            let got = s.parse::<Cursor>().ok();
            let want = want.map(|(d, i)| Cursor { day: d.into(), id: i });
            assert_eq!(got, want, "{s}");
            if let Some(c) = got {
                assert_eq!(c.to_string(), s);
            }
        }
    }

    /// The query plan of a page of mentions of one actor.
    fn page_plan(conn: &Connection, spec: &str, by_day: bool) -> String {
        let (c, p) = side_clause(conn, "source", spec, true, by_day).unwrap();
        let q = format!(
            "EXPLAIN QUERY PLAN SELECT e.id FROM events e WHERE {c} \
             AND e.counted = 1 ORDER BY e.day, e.id LIMIT 51"
        );
        let mut stmt = conn.prepare(&q).unwrap();
        let rows = stmt
            .query_map(params_from_iter(p), |r| r.get::<_, String>(3))
            .unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("; ")
    }

    #[test]
    fn a_busy_actor_pages_in_day_order() {
        let dir = std::env::temp_dir()
            .join(format!("casus-page-plan-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let store = crate::Store::open(&dir.join("casus.db")).unwrap();
        for spec in ["USA", "USAGOV", "IGOUNO", "ZZZQQQ1"] {
            let plan = page_plan(store.conn(), spec, true);
            assert!(
                plan.contains("events_day") && !plan.contains("TEMP B-TREE"),
                "{spec}: {plan}"
            );
            // Otherwise an index on the actor serves it.
            let plan = page_plan(store.conn(), spec, false);
            assert!(
                !plan.contains("SCAN e USING INDEX events_day"),
                "{spec}: {plan}"
            );
        }
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn highlight_marks() {
        let cases: [(&str, &[[usize; 2]]); 4] = [
            ("no marks", &[]),
            ("\u{1}Egypt\u{2} condemned", &[[0, 5]]),
            ("a \u{1}b\u{2} \u{1}cd\u{2}", &[[2, 3], [4, 6]]),
            ("é \u{1}x\u{2}", &[[3, 4]]),
        ];
        for (s, want) in cases {
            assert_eq!(marks(s), want, "{s:?}");
        }
    }

    #[test]
    fn window_pieces() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let cases = [
            // (from, to, month params, day edges)
            (
                "2024-01-01",
                "2024-03-31",
                vec!["2024-01-01", "2024-04-01"],
                vec![],
            ),
            (
                "2024-01-15",
                "2024-03-10",
                vec!["2024-02-01", "2024-03-01"],
                vec![
                    ("2024-01-15", "2024-01-31"),
                    ("2024-03-01", "2024-03-10"),
                ],
            ),
            (
                "2024-01-10",
                "2024-01-20",
                vec!["2024-02-01", "2024-01-01"],
                vec![("2024-01-10", "2024-01-20")],
            ),
        ];
        for (f, t, months, days) in cases {
            let (w, edges) = month_pieces(d(f), d(t));
            let got: Vec<String> = w
                .params
                .iter()
                .map(|v| match v {
                    Value::Text(s) => s.clone(),
                    _ => String::new(),
                })
                .collect();
            assert_eq!(got, months, "{f} {t}");
            let want: Vec<_> = days
                .into_iter()
                .map(|(a, b)| (d(a).unwrap(), d(b).unwrap()))
                .collect();
            assert_eq!(edges, want, "{f} {t}");
        }
        let (w, edges) = month_pieces(None, None);
        assert!(w.params.is_empty() && edges.is_empty());
    }
}
