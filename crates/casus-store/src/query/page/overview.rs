//! Answers over the whole store or a whole country in bounded time, from
//! the rollup tables and indexes rather than a scan of `events`: the
//! store summary ([`summary`]; [`stats`] counts the same by scanning,
//! ~25 s on 10 M mentions, as [`summary_counted`] does for `all` or
//! another confidence threshold) and a country's activity over all its
//! actor codes ([`country_activity`]).
//!
//! ```
//! # let dir = std::env::temp_dir().join(format!("casus-overview-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! let store = casus_store::Store::open(&dir.join("casus.db"))?;
//! let s = casus_store::query::summary(store.conn())?;
//! assert_eq!((s.events, s.clusters), (0, 0));
//! assert!(casus_store::query::country_activity(store.conn(), "USA", 5)?.is_none());
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok::<(), casus_store::Error>(())
//! ```

use super::*;

/// The store summary [`summary`] reads from rollups and indexes: the
/// figures of [`Stats`] but the per-root counts and publication range,
/// plus counted mentions per QuadClass.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
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
    /// Counted mentions per QuadClass 1-4.
    pub quad_classes: [i64; 4],
    /// Ingest batches.
    pub batches: i64,
    /// First event day.
    pub first_day: Option<String>,
    /// Last event day.
    pub last_day: Option<String>,
}

/// The store summary without a scan of `events`: counted mentions and
/// clusters add up the month rollups (which hold every counted mention
/// and live cluster), the rest are index lookups. Tens of milliseconds
/// on 10 M mentions; agrees with [`stats`] (a test checks it).
pub fn summary(conn: &Connection) -> crate::Result<Summary> {
    summary_counted(conn, Counting::default())
}

/// [`summary`] counting the mentions `counting` selects: `events`,
/// `clusters` and `quad_classes` as [`stats_counted`] counts them (the
/// default adds up the rollups; anything else scans `events`), the rest
/// as [`summary`].
pub fn summary_counted(
    conn: &Connection,
    counting: Counting,
) -> crate::Result<Summary> {
    let one = |q: &str| -> crate::Result<i64> {
        sql("summary", conn.query_row(q, [], |r| r.get(0)))
    };
    let totals = |r: &Row<'_>| -> rusqlite::Result<(i64, i64, [i64; 4])> {
        Ok((
            r.get(0)?,
            r.get(1)?,
            [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
        ))
    };
    let selected = if counting.is_default() {
        None
    } else {
        Some(event_where(&counting.filter())?)
    };
    sql("summary", conn.execute_batch("BEGIN"))?;
    let result = (|| {
        let (events, clusters, quads) = match &selected {
            None => sql(
                "summary",
                conn.query_row(
                    "SELECT ifnull(sum(events), 0), ifnull(sum(clusters), 0),
                       ifnull(sum(q1), 0), ifnull(sum(q2), 0),
                       ifnull(sum(q3), 0), ifnull(sum(q4), 0)
                     FROM dyad_rollup WHERE period = 'month'",
                    [],
                    totals,
                ),
            )?,
            Some(w) => {
                let ws = w.sql();
                let mut params = w.params.clone();
                params.extend(w.params.iter().cloned());
                sql(
                    "summary",
                    conn.query_row(
                        &format!(
                            "SELECT count(*),
                               (SELECT count(*) FROM clusters c WHERE c.id IN
                                 (SELECT e.cluster FROM events e WHERE {ws})),
                               ifnull(sum(e.quad_class = 1), 0),
                               ifnull(sum(e.quad_class = 2), 0),
                               ifnull(sum(e.quad_class = 3), 0),
                               ifnull(sum(e.quad_class = 4), 0)
                             FROM events e WHERE {ws}"
                        ),
                        params_from_iter(&params),
                        totals,
                    ),
                )?
            }
        };
        // Two subqueries: SQLite answers a lone min() or max() from the
        // index, but not both in one SELECT.
        let (first_day, last_day) = sql(
            "summary",
            conn.query_row(
                "SELECT (SELECT min(day) FROM events),
                        (SELECT max(day) FROM events)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            ),
        )?;
        let schema_version = sql(
            "summary",
            conn.query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .optional(),
        )?
        .unwrap_or_default();
        Ok(Summary {
            schema_version,
            articles: one("SELECT count(*) FROM articles")?,
            events_stored: one("SELECT count(*) FROM events")?,
            events,
            clusters,
            quad_classes: quads,
            batches: one("SELECT count(*) FROM batches")?,
            first_day,
            last_day,
        })
    })();
    let _ = conn.execute_batch("COMMIT");
    result
}

/// Counted mentions and live clusters per CAMEO root (the `roots` of
/// [`stats`]): a scan of `events` and `clusters`, for a background job.
pub fn root_counts(conn: &Connection) -> crate::Result<Vec<RootCount>> {
    root_counts_counted(conn, Counting::default())
}

/// [`root_counts`] counting the mentions `counting` selects (the `roots`
/// of [`stats_counted`]).
pub fn root_counts_counted(
    conn: &Connection,
    counting: Counting,
) -> crate::Result<Vec<RootCount>> {
    read_roots(conn, counting, false)
}

/// One of a country's actor codes with its counted mentions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeCount {
    /// The actor code (`USAGOV`).
    pub code: String,
    /// Counted mentions with it, as source or target.
    pub events: i64,
}

/// A country's activity over all its actor codes (`USA` = `USA`,
/// `USAGOV`, `USAMIL`, ...).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountryActivity {
    /// Totals over its codes (`actor` is the country).
    #[serde(flatten)]
    pub totals: ActorRow,
    /// First day with a counted mention of any of its codes.
    pub first_seen: Option<String>,
    /// Last such day.
    pub last_seen: Option<String>,
    /// Its codes in the store, most active first.
    pub codes: Vec<CodeCount>,
    /// Partner countries by counted mentions either way (exact, from
    /// the rollups; the country itself is left out).
    pub partners: Vec<Partner>,
    /// Most frequent names among the latest mentions of its busiest
    /// codes ([`ACTOR_SAMPLE`] each way in all).
    pub names: Vec<NameCount>,
}

/// The activity of country `country` (ISO alpha-3) over every actor
/// code of it, with the `n` top partners and names; `None` when none of
/// its codes has a counted mention. Reads the rollups, the per-actor
/// tables and a bounded sample of mentions.
pub fn country_activity(
    conn: &Connection,
    country: &str,
    n: usize,
) -> crate::Result<Option<CountryActivity>> {
    let codes = query_rows(
        conn,
        "SELECT code, sum(events) AS n FROM code_countries
         WHERE country = ? GROUP BY code HAVING n > 0
         ORDER BY n DESC, code",
        &[text(country)],
        |r| Ok(CodeCount { code: r.get(0)?, events: r.get(1)? }),
    )?;
    if codes.is_empty() {
        return Ok(None);
    }
    let list: Vec<Value> = codes.iter().map(|c| text(&c.code)).collect();
    let marks = vec!["?"; list.len()].join(", ");
    let (sc, tc, se, te): (i64, i64, i64, i64) = sql(
        "country",
        conn.query_row(
            &format!(
                "SELECT ifnull(sum(source_clusters), 0),
                   ifnull(sum(target_clusters), 0),
                   ifnull(sum(source_events), 0), ifnull(sum(target_events), 0)
                 FROM actor_totals WHERE code IN ({marks})"
            ),
            params_from_iter(&list),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        ),
    )?;
    let (first_seen, last_seen) = sql(
        "country",
        conn.query_row(
            &format!(
                "SELECT min(day), max(day) FROM actor_daily
                 WHERE code IN ({marks}) AND source_events + target_events > 0"
            ),
            params_from_iter(&list),
            |r| Ok((r.get(0)?, r.get(1)?)),
        ),
    )?;
    let totals = ActorRow {
        actor: country.to_string(),
        clusters: sc + tc,
        events: se + te,
        source_clusters: sc,
        target_clusters: tc,
        source_events: se,
        target_events: te,
    };
    let partners = partner_countries(conn, country, n)?;
    let names = country_names(conn, &codes, n)?;
    Ok(Some(CountryActivity {
        totals,
        first_seen,
        last_seen,
        codes,
        partners,
        names,
    }))
}

/// The `n` countries with the most counted mentions with `country`,
/// either way, from the month rollups.
fn partner_countries(
    conn: &Connection,
    country: &str,
    n: usize,
) -> crate::Result<Vec<Partner>> {
    let q = format!(
        "SELECT c, sum(a) AS a, sum(b) AS b FROM (
           SELECT target_country AS c, sum(events) AS a, 0 AS b
           FROM dyad_rollup WHERE period = 'month' AND source_country = ?1
           GROUP BY 1
           UNION ALL
           SELECT source_country, 0, sum(events) FROM dyad_rollup
           WHERE period = 'month' AND target_country = ?1 GROUP BY 1)
         WHERE c != '' AND c != ?1 GROUP BY c HAVING a + b > 0
         ORDER BY a + b DESC, c LIMIT {n}"
    );
    query_rows(conn, &q, &[text(country)], |r| {
        Ok(Partner {
            code: r.get(0)?,
            as_target: r.get(1)?,
            as_source: r.get(2)?,
        })
    })
}

/// The `n` most frequent names among the latest counted mentions of the
/// busiest of `codes` (at most five codes, [`ACTOR_SAMPLE`] mentions in
/// all).
fn country_names(
    conn: &Connection,
    codes: &[CodeCount],
    n: usize,
) -> crate::Result<Vec<NameCount>> {
    let busiest = &codes[..codes.len().min(5)];
    let each = ACTOR_SAMPLE / (2 * busiest.len().max(1));
    let mut names: HashMap<String, i64> = HashMap::new();
    for c in busiest {
        for side in ["source", "target"] {
            let q = format!(
                "SELECT {side}_name FROM events
                 WHERE {side}_code = ? AND counted = 1
                 ORDER BY id DESC LIMIT {each}"
            );
            let rows: Vec<Option<String>> =
                query_rows(conn, &q, &[text(&c.code)], |r| r.get(0))?;
            for name in rows.into_iter().flatten().filter(|n| !n.is_empty()) {
                *names.entry(name).or_default() += 1;
            }
        }
    }
    let mut out: Vec<NameCount> = names
        .into_iter()
        .map(|(name, mentions)| NameCount { name, mentions })
        .collect();
    out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    out.truncate(n);
    Ok(out)
}
