//! The write path: one batch of articles and their events per
//! transaction, with cluster assignment and incremental rollups.

use std::collections::BTreeMap;

use casus::events::{Event, Modality};
use casus::Article;
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

use crate::cluster::{
    best_fit, day_of, symmetric_codes, tokens, written_name, Report,
};
use crate::{sql, Store};

/// Provenance recorded for every batch.
#[derive(Clone, Debug)]
pub struct BatchInfo {
    /// The casus version that coded the batch.
    pub casus_version: String,
    /// Hash of the dictionaries used.
    pub dict_hash: String,
    /// Store article texts (false with `--no-text`).
    pub keep_text: bool,
}

/// What one [`Store::ingest`] call did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IngestOutcome {
    /// Articles not seen before.
    pub new: usize,
    /// Known articles whose content changed (old events replaced).
    pub replaced: usize,
    /// Known articles with unchanged content (skipped).
    pub unchanged: usize,
    /// Events written.
    pub events: usize,
}

/// A cluster's counts over its mentions (`events` rows): negated and
/// non-asserted mentions count only in `all_mentions`; report dates
/// come from counted mentions, or from all when none counts.
const CLUSTER_STATS: &str = "count(*) AS all_mentions,
  ifnull(sum(counted), 0) AS num_mentions,
  count(DISTINCT CASE WHEN counted = 1 THEN article END) AS num_articles,
  count(DISTINCT CASE WHEN counted = 1 THEN ifnull(outlet, '') END)
    AS num_sources,
  ifnull(min(CASE WHEN counted = 1 THEN published END), min(published))
    AS first_report,
  ifnull(max(CASE WHEN counted = 1 THEN published END), max(published))
    AS last_report";

/// A counted event's contribution to the rollups.
struct Contribution<'a> {
    source_country: &'a str,
    target_country: &'a str,
    source_code: &'a str,
    target_code: &'a str,
    day: &'a str,
    outlet: &'a str,
    quad: u8,
    goldstein_x10: i64,
}

/// An f32 Goldstein score as the f64 it was written as (2.8, not
/// 2.799999952316284).
pub(crate) fn gold(g: f32) -> f64 {
    (f64::from(g) * 100.0).round() / 100.0
}

fn gold_x10(g: f64) -> i64 {
    (g * 10.0).round() as i64
}

/// Whether an event counts by default: asserted, not negated, and
/// confident enough ([`DEFAULT_MIN_CONFIDENCE`]).
pub(crate) fn counted(e: &Event) -> bool {
    !e.negated
        && e.modality == Modality::Asserted
        && e.confidence >= DEFAULT_MIN_CONFIDENCE
}

/// The confidence an event needs to count by default in the store's
/// counts, clusters and rollups (`casus events`, `timeline`, `top`,
/// `stats`); `--all` lists every event, `--min-confidence X` another
/// threshold. Chosen on the project's document gold
/// (docs/eval/confidence.md): the events below it are mostly wrong.
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.3;

impl Store {
    /// The stored content hash of article `id`, if stored; lets callers
    /// skip coding articles that would be no-ops.
    pub fn known_hash(&self, id: &str) -> crate::Result<Option<String>> {
        sql(
            "reading article hash",
            self.conn
                .query_row(
                    "SELECT text_hash FROM articles WHERE article_id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional(),
        )
    }

    /// Writes one batch of articles with their events in one transaction.
    /// An article whose id and content hash are already stored is
    /// skipped; one whose content changed replaces its old row and events.
    pub fn ingest(
        &mut self,
        info: &BatchInfo,
        items: &[(Article, Vec<Event>)],
    ) -> crate::Result<IngestOutcome> {
        self.ingest_with(info, items, true)
    }

    /// [`Store::ingest`] for bulk loads into a fresh store, between
    /// [`Store::begin_bulk`] and [`Store::finish_bulk`]: events and
    /// cluster assignment only; cluster counts, the evidence index and
    /// rollups are computed once by `finish_bulk`. Not for replacing
    /// articles (the index that finds old events is dropped meanwhile).
    pub fn ingest_bulk(
        &mut self,
        info: &BatchInfo,
        items: &[(Article, Vec<Event>)],
    ) -> crate::Result<IngestOutcome> {
        let sp = sql("savepoint", self.conn.savepoint())?;
        let out = write_batch(&sp, info, items, false)?;
        sql("release", sp.commit())?;
        Ok(out)
    }

    fn ingest_with(
        &mut self,
        info: &BatchInfo,
        items: &[(Article, Vec<Event>)],
        rollups: bool,
    ) -> crate::Result<IngestOutcome> {
        let tx = sql("begin", self.conn.transaction())?;
        let out = write_batch(&tx, info, items, rollups)?;
        sql("commit", tx.commit())?;
        Ok(out)
    }

    /// Starts a bulk load into a new, empty store: no journal and no
    /// syncs (an interrupted bulk load leaves a file to delete, not a
    /// store), a 256 MB page cache, the secondary indexes dropped, and
    /// one transaction until [`Store::finish_bulk`].
    pub fn begin_bulk(&mut self) -> crate::Result<()> {
        sql(
            "starting bulk load",
            self.conn.execute_batch(&format!(
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
                 PRAGMA cache_size = -262144; PRAGMA foreign_keys = OFF;
                 {} BEGIN;",
                crate::schema::DROP_BULK_INDEXES
            )),
        )
    }

    /// Ends a bulk load: every cluster's counts (one grouped pass over
    /// `events`), the rollups, the indexes and the evidence index, then
    /// commits and returns to WAL mode.
    pub fn finish_bulk(&mut self) -> crate::Result<()> {
        sql(
            "counting clusters",
            self.conn.execute_batch(&format!(
                "CREATE TEMP TABLE cluster_stats (
                   cluster INTEGER PRIMARY KEY, all_mentions, num_mentions,
                   num_articles, num_sources, first_report, last_report);
                 INSERT INTO cluster_stats
                   SELECT cluster, {CLUSTER_STATS} FROM events
                   GROUP BY cluster ORDER BY cluster;
                 UPDATE clusters SET (all_mentions, num_mentions,
                   num_articles, num_sources, first_report, last_report) =
                   (SELECT all_mentions, num_mentions, num_articles,
                      num_sources, first_report, last_report
                    FROM temp.cluster_stats s WHERE s.cluster = clusters.id);
                 DELETE FROM clusters WHERE ifnull(all_mentions, 0) = 0;
                 DROP TABLE temp.cluster_stats;"
            )),
        )?;
        sql(
            "rebuilding rollups",
            self.conn.execute_batch(&crate::schema::rebuild_rollups_sql()),
        )?;
        sql(
            "creating indexes",
            self.conn.execute_batch(&format!(
                "{} CREATE INDEX IF NOT EXISTS clusters_day ON clusters(day);",
                crate::schema::EVENT_INDEXES
            )),
        )?;
        sql(
            "indexing evidence",
            self.conn.execute_batch(
                "INSERT INTO events_fts (events_fts) VALUES ('rebuild');
                 COMMIT;",
            ),
        )?;
        self.configure()
    }

    /// Recomputes every rollup table from `events` and `clusters`.
    pub fn rebuild_rollups(&mut self) -> crate::Result<()> {
        let tx = sql("begin", self.conn.transaction())?;
        sql(
            "rebuilding rollups",
            tx.execute_batch(&crate::schema::rebuild_rollups_sql()),
        )?;
        sql("commit", tx.commit())
    }
}

fn write_batch(
    tx: &Connection,
    info: &BatchInfo,
    items: &[(Article, Vec<Event>)],
    full: bool,
) -> crate::Result<IngestOutcome> {
    let rollups = full;
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    sql(
        "recording batch",
        tx.execute(
            "INSERT INTO batches (started, casus_version, dict_hash)
             VALUES (?1, ?2, ?3)",
            params![now, info.casus_version, info.dict_hash],
        ),
    )?;
    let batch = tx.last_insert_rowid();
    // Event ids are AUTOINCREMENT: everything this batch writes is above
    // the current maximum, which lets the FTS index be fed in one
    // statement at the end (FTS5 flushes on every statement savepoint,
    // so per-row trigger inserts are ~10x slower).
    let max_before: i64 = sql(
        "reading event ids",
        tx.query_row("SELECT ifnull(max(id), 0) FROM events", [], |r| {
            r.get(0)
        }),
    )?;
    let mut out = IngestOutcome::default();
    // Clusters touched in this batch, with their counted mentions before.
    let mut touched: BTreeMap<i64, i64> = BTreeMap::new();
    for (article, events) in items {
        let hash = crate::hash::content_hash(article);
        let old: Option<(i64, String)> = sql(
            "reading article",
            tx.prepare_cached(
                "SELECT id, text_hash FROM articles WHERE article_id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([&article.id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            }),
        )?;
        match old {
            Some((_, h)) if h == hash => {
                out.unchanged += 1;
                continue;
            }
            Some((row, _)) => {
                remove_article(tx, row, rollups, &mut touched)?;
                out.replaced += 1;
            }
            None => out.new += 1,
        }
        let row = insert_article(tx, article, &hash, info.keep_text, batch)?;
        for e in events {
            insert_event(tx, row, article, e, rollups, &mut touched)?;
            out.events += 1;
        }
    }
    if !full {
        return Ok(out);
    }
    for (&cluster, &before) in &touched {
        refresh_cluster(tx, cluster, before, rollups)?;
    }
    sql(
        "indexing evidence",
        tx.execute(
            "INSERT INTO events_fts (rowid, evidence)
             SELECT id, evidence FROM events WHERE id > ?1",
            [max_before],
        ),
    )?;
    sql(
        "recording batch",
        tx.execute(
            "UPDATE batches SET articles = ?1, unchanged = ?2, events = ?3
             WHERE id = ?4",
            params![
                (out.new + out.replaced) as i64,
                out.unchanged as i64,
                out.events as i64,
                batch
            ],
        ),
    )?;
    Ok(out)
}

fn insert_article(
    tx: &Connection,
    a: &Article,
    hash: &str,
    keep_text: bool,
    batch: i64,
) -> crate::Result<i64> {
    sql(
        "storing article",
        tx.prepare_cached(
            "INSERT INTO articles (article_id, date, outlet, url, title,
               language, text_hash, bytes, text, batch)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )
        .and_then(|mut s| {
            s.execute(params![
                a.id,
                a.date.to_string(),
                a.outlet,
                a.url,
                a.title,
                a.language,
                hash,
                a.text.len() as i64,
                if keep_text { Some(a.text.as_str()) } else { None },
                batch
            ])
        }),
    )?;
    Ok(tx.last_insert_rowid())
}

/// Deletes an article's events (undoing their rollup contributions) and
/// the article row.
fn remove_article(
    tx: &Connection,
    row: i64,
    rollups: bool,
    touched: &mut BTreeMap<i64, i64>,
) -> crate::Result<()> {
    type Old =
        (i64, String, String, String, String, String, String, u8, f64, i64);
    let olds: Vec<Old> = sql(
        "reading old events",
        tx.prepare_cached(
            "SELECT e.cluster, ifnull(e.source_country,''),
                    ifnull(e.target_country,''), ifnull(e.source_code,''),
                    ifnull(e.target_code,''), e.day, ifnull(e.outlet,''),
                    e.quad_class, e.goldstein, e.counted
             FROM events e WHERE e.article = ?1",
        )
        .and_then(|mut s| {
            let rows = s.query_map([row], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            })?;
            rows.collect()
        }),
    )?;
    for o in &olds {
        note_touched(tx, touched, o.0)?;
        if rollups && o.9 == 1 {
            let c = Contribution {
                source_country: &o.1,
                target_country: &o.2,
                source_code: &o.3,
                target_code: &o.4,
                day: &o.5,
                outlet: &o.6,
                quad: o.7,
                goldstein_x10: gold_x10(o.8),
            };
            add_event_rollups(tx, &c, -1)?;
        }
    }
    sql(
        "unindexing old evidence",
        tx.execute(
            "INSERT INTO events_fts (events_fts, rowid, evidence)
             SELECT 'delete', id, evidence FROM events WHERE article = ?1",
            [row],
        ),
    )?;
    sql(
        "deleting old events",
        tx.execute("DELETE FROM events WHERE article = ?1", [row]),
    )?;
    sql(
        "deleting old article",
        tx.execute("DELETE FROM articles WHERE id = ?1", [row]),
    )?;
    Ok(())
}

fn note_touched(
    tx: &Connection,
    touched: &mut BTreeMap<i64, i64>,
    cluster: i64,
) -> crate::Result<()> {
    if touched.contains_key(&cluster) {
        return Ok(());
    }
    let n: i64 = sql(
        "reading cluster",
        tx.prepare_cached("SELECT num_mentions FROM clusters WHERE id = ?1")
            .and_then(|mut s| s.query_row([cluster], |r| r.get(0))),
    )?;
    touched.insert(cluster, n);
    Ok(())
}

fn insert_event(
    tx: &Connection,
    article_row: i64,
    a: &Article,
    e: &Event,
    rollups: bool,
    touched: &mut BTreeMap<i64, i64>,
) -> crate::Result<()> {
    let day = day_of(&e.date, a.date).to_string();
    let base = e.cameo.base().to_string();
    let is_counted = counted(e);
    let src = e.source.as_ref();
    let tgt = e.target.as_ref();
    let sc = src.map(|s| s.code.as_str()).unwrap_or("");
    let tc = tgt.map(|t| t.code.as_str()).unwrap_or("");
    let scn = src.and_then(|s| s.country.as_deref()).unwrap_or("");
    let tcn = tgt.and_then(|t| t.country.as_deref()).unwrap_or("");
    let cluster = find_cluster(tx, e, &day, &base, sc, tc, scn, tcn)?;
    if rollups {
        note_touched(tx, touched, cluster)?;
    }
    let date_from = enum_str(&e.date_from);
    let precision = enum_str(&e.precision);
    let modality = enum_str(&e.modality);
    let attr = e.attribution.as_ref();
    let loc = e.location.as_ref();
    sql(
        "storing event",
        tx.prepare_cached(
            "INSERT INTO events (article, cluster, event_id, article_id,
               sentence, span_start, span_end, evidence, date, day,
               date_from, precision, source_code, source_country,
               source_role, source_name, source_start, source_end,
               target_code, target_country, target_role, target_name,
               target_start, target_end, cameo, base, root, quad_class,
               goldstein, plover, plover_mode, negated, modality, counted,
               speaker, attributed_outlet, location_name, location_country,
               pattern, outlet, url, published, pattern_id, confidence,
               location_from, target_from, source_from, date_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
               ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24,
               ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36,
               ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48)",
        )
        .and_then(|mut s| {
            s.execute(params![
                article_row,
                cluster,
                e.event_id,
                e.article_id,
                e.sentence as i64,
                e.span.start,
                e.span.end,
                e.evidence,
                e.date,
                day,
                date_from,
                precision,
                src.map(|s| s.code.as_str()),
                src.and_then(|s| s.country.as_ref()),
                src.and_then(|s| s.role.as_ref()),
                src.and_then(|s| s.name.as_ref()),
                src.map(|s| s.span.start),
                src.map(|s| s.span.end),
                tgt.map(|s| s.code.as_str()),
                tgt.and_then(|s| s.country.as_ref()),
                tgt.and_then(|s| s.role.as_ref()),
                tgt.and_then(|s| s.name.as_ref()),
                tgt.map(|s| s.span.start),
                tgt.map(|s| s.span.end),
                e.cameo.as_str(),
                base,
                e.root.as_str(),
                e.quad_class,
                gold(e.goldstein),
                e.plover,
                e.plover_mode,
                e.negated,
                modality,
                is_counted,
                attr.and_then(|a| a.speaker.as_ref()),
                attr.and_then(|a| a.outlet.as_ref()),
                loc.map(|l| &l.name),
                loc.and_then(|l| l.country.as_ref()),
                e.pattern,
                a.outlet,
                a.url,
                a.date.to_string(),
                e.pattern_id,
                f64::from(e.confidence),
                loc.and_then(|l| l.from).map(|f| enum_str(&f)),
                tgt.and_then(|t| t.from).map(|f| enum_str(&f)),
                src.and_then(|s| s.from).map(|f| enum_str(&f)),
                e.date_end,
            ])
        }),
    )?;
    if rollups && is_counted {
        let c = Contribution {
            source_country: scn,
            target_country: tcn,
            source_code: sc,
            target_code: tc,
            day: &day,
            outlet: a.outlet.as_deref().unwrap_or(""),
            quad: e.quad_class,
            goldstein_x10: gold_x10(gold(e.goldstein)),
        };
        add_event_rollups(tx, &c, 1)?;
    }
    Ok(())
}

/// Serde's lowercase name of a unit enum variant.
pub(crate) fn enum_str<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The cluster `e` joins, created when none fits (the rule is
/// `cluster`'s: candidates share the root and the source's country, the
/// target's country or an open target on one side, and lie within a day;
/// [`Report::fits`] decides and ranks).
#[allow(clippy::too_many_arguments)]
fn find_cluster(
    tx: &Connection,
    e: &Event,
    day: &str,
    base: &str,
    sc: &str,
    tc: &str,
    scn: &str,
    tcn: &str,
) -> crate::Result<i64> {
    let mention = Report {
        date: e.date.clone(),
        day: NaiveDate::parse_from_str(day, "%Y-%m-%d").ok(),
        date_from: enum_str(&e.date_from),
        source_code: sc.to_string(),
        source_country: scn.to_string(),
        target_code: tc.to_string(),
        target_name: e
            .target
            .as_ref()
            .and_then(|t| t.name.as_deref())
            .map(|n| written_name(n, &e.evidence).to_string())
            .unwrap_or_default(),
        target_country: tcn.to_string(),
        root: e.root.as_str().to_string(),
        base: base.to_string(),
        tokens: tokens(&e.evidence),
    }
    .facing();
    let candidates = candidates(tx, &mention, &e.article_id)?;
    if let Some(id) = best_fit(&mention, candidates) {
        return Ok(id);
    }
    let toks: Vec<&str> = mention.tokens.iter().map(String::as_str).collect();
    sql(
        "creating cluster",
        tx.prepare_cached(
            "INSERT INTO clusters (date, day, source_code, target_code,
               source_country, target_country, root, base, cameo,
               quad_class, goldstein, plover, tokens)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )
        .and_then(|mut s| {
            s.execute(params![
                e.date,
                day,
                sc,
                tc,
                scn,
                tcn,
                e.root.as_str(),
                base,
                e.cameo.as_str(),
                e.quad_class,
                gold(e.goldstein),
                e.plover,
                toks.join(" "),
            ])
        }),
    )?;
    Ok(tx.last_insert_rowid())
}

/// The symmetric codes as the candidate query's `instr` reads them:
/// `,040,041,...,`.
fn symmetric_sql() -> String {
    format!(",{},", symmetric_codes().join(","))
}

/// The clusters `m` (already [`Report::facing`]) might join (same root
/// and key country, the same target country or an open target on one
/// side, day within one of `m`'s), each as the [`Report`] of its key: the
/// cluster row, with the date source and written target name of its
/// first mention, faced the same way. A cluster row keeps its first
/// mention's own direction, so the query faces symmetric rows itself
/// (`FACED_SOURCE` and the like, `?9` the symmetric codes).
/// Clusters that already hold a mention of `article` with another base
/// code are left out: a report
/// that tells two acts of one dyad and root (condemned the strike, also
/// criticised the budget) tells two events. A report naming its target
/// skips a cluster that holds a report naming another target country
/// (an open key takes one named target: `cluster::Clusters` alike).
fn candidates(
    tx: &Connection,
    m: &Report,
    article: &str,
) -> crate::Result<Vec<(i64, Report)>> {
    let Some(day) = m.day else { return Ok(Vec::new()) };
    let around = |d: Option<NaiveDate>| d.unwrap_or(day).to_string();
    let (lo, hi) = (around(day.pred_opt()), around(day.succ_opt()));
    type Row = (
        i64,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
    );
    let rows: Vec<Row> = sql(
        "finding cluster",
        tx.prepare_cached(
            "SELECT c.id, c.date, c.day, c.source_code, c.target_code,
                    c.target_country, c.base, c.tokens, c.source_country,
                    ifnull((SELECT e.date_from FROM events e
                            WHERE e.cluster = c.id ORDER BY e.id LIMIT 1),
                           'text'),
                    ifnull((SELECT e.target_name FROM events e
                            WHERE e.cluster = c.id ORDER BY e.id LIMIT 1),
                           ''),
                    ifnull((SELECT e.evidence FROM events e
                            WHERE e.cluster = c.id ORDER BY e.id LIMIT 1),
                           '')
             FROM clusters c
             WHERE c.day BETWEEN ?1 AND ?2 AND c.root = ?3
               AND (c.source_country = ?4 OR c.target_country = ?4)
               AND (CASE WHEN instr(?9, ',' || c.base || ',') > 0
                          AND c.source_country != ''
                          AND c.target_country != ''
                          AND c.target_country < c.source_country
                     THEN c.target_country ELSE c.source_country END) = ?4
               AND ((CASE WHEN instr(?9, ',' || c.base || ',') > 0
                           AND c.source_country != ''
                           AND c.target_country != ''
                           AND c.target_country < c.source_country
                      THEN c.source_country ELSE c.target_country END) = ?5
                    OR c.target_code = '' OR ?8 = '')
               AND NOT EXISTS (SELECT 1 FROM events x WHERE x.cluster = c.id
                               AND x.article_id = ?6 AND x.base != ?7)
               AND (?8 = '' OR NOT EXISTS (
                      SELECT 1 FROM events y WHERE y.cluster = c.id
                        AND ifnull(y.target_code, '') != ''
                        AND (CASE WHEN instr(?9, ',' || y.base || ',') > 0
                                   AND ifnull(y.source_country, '') != ''
                                   AND ifnull(y.target_country, '') != ''
                                   AND y.target_country < y.source_country
                              THEN y.source_country
                              ELSE ifnull(y.target_country, '') END) != ?5))
             ORDER BY c.id",
        )
        .and_then(|mut s| {
            let rows = s.query_map(
                params![
                    lo,
                    hi,
                    m.root,
                    m.source_country,
                    m.target_country,
                    article,
                    m.base,
                    m.target_code,
                    symmetric_sql()
                ],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                        r.get(9)?,
                        r.get(10)?,
                        r.get(11)?,
                    ))
                },
            )?;
            rows.collect()
        }),
    )?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                date,
                day,
                sc,
                tc,
                tcn,
                base,
                toks,
                scn,
                date_from,
                tname,
                said,
            )| {
                let key = Report {
                    date,
                    day: NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok(),
                    date_from,
                    source_code: sc,
                    source_country: scn,
                    target_code: tc,
                    target_country: tcn,
                    target_name: written_name(&tname, &said).to_string(),
                    root: m.root.clone(),
                    base,
                    tokens: toks
                        .split(' ')
                        .filter(|t| !t.is_empty())
                        .map(String::from)
                        .collect(),
                }
                .facing();
                (id, key)
            },
        )
        .collect())
}

/// The rollup buckets of `day`: `(period, bucket)` for the day, its ISO
/// week (Monday) and its month (first day). Must agree with the SQL of
/// `schema::rebuild_rollups_sql`.
pub(crate) fn buckets(day: &str) -> [(&'static str, String); 3] {
    let week = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .and_then(|d| {
            d.checked_sub_signed(Duration::days(i64::from(
                d.weekday().num_days_from_monday(),
            )))
        })
        .map_or_else(|| day.to_string(), |d| d.to_string());
    let month = format!("{}-01", day.get(..7).unwrap_or(day));
    [("day", day.to_string()), ("week", week), ("month", month)]
}

fn add_event_rollups(
    tx: &Connection,
    c: &Contribution<'_>,
    sign: i64,
) -> crate::Result<()> {
    let q = |n: u8| if c.quad == n { sign } else { 0 };
    for (period, bucket) in buckets(c.day) {
        let (sc, tc) = (c.source_country, c.target_country);
        let n: i64 = sql(
            "updating outlet rollup",
            tx.prepare_cached(
                "INSERT INTO dyad_rollup_outlets
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT DO UPDATE SET events = events + excluded.events
                 RETURNING events",
            )
            .and_then(|mut s| {
                s.query_row(
                    params![period, sc, tc, bucket, c.outlet, sign],
                    |r| r.get(0),
                )
            }),
        )?;
        let new_source = match (sign > 0, n) {
            (true, 1) => 1,
            (false, n) if n <= 0 => {
                sql(
                    "updating outlet rollup",
                    tx.prepare_cached(
                        "DELETE FROM dyad_rollup_outlets WHERE period = ?1
                         AND source_country = ?2 AND target_country = ?3
                         AND bucket = ?4 AND outlet = ?5",
                    )
                    .and_then(|mut s| {
                        s.execute(params![period, sc, tc, bucket, c.outlet])
                    }),
                )?;
                -1
            }
            _ => 0,
        };
        let left: (i64, i64) = sql(
            "updating dyad rollup",
            tx.prepare_cached(
                "INSERT INTO dyad_rollup (period, source_country,
                   target_country, bucket, events, q1, q2, q3, q4,
                   goldstein_x10, sources)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT DO UPDATE SET events = events + excluded.events,
                   q1 = q1 + excluded.q1, q2 = q2 + excluded.q2,
                   q3 = q3 + excluded.q3, q4 = q4 + excluded.q4,
                   goldstein_x10 = goldstein_x10 + excluded.goldstein_x10,
                   sources = sources + excluded.sources
                 RETURNING events, clusters",
            )
            .and_then(|mut s| {
                s.query_row(
                    params![
                        period,
                        sc,
                        tc,
                        bucket,
                        sign,
                        q(1),
                        q(2),
                        q(3),
                        q(4),
                        sign * c.goldstein_x10,
                        new_source
                    ],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
            }),
        )?;
        drop_empty_dyad(tx, left, period, sc, tc, &bucket)?;
    }
    add_code_country(tx, c.source_code, c.source_country, sign)?;
    add_code_country(tx, c.target_code, c.target_country, sign)?;
    add_actor(tx, c.source_code, c.day, [sign, 0, 0, 0])?;
    add_actor(tx, c.target_code, c.day, [0, sign, 0, 0])?;
    Ok(())
}

/// Deletes a `dyad_rollup` row whose events and clusters are both zero,
/// so incremental tables equal rebuilt ones.
fn drop_empty_dyad(
    tx: &Connection,
    left: (i64, i64),
    period: &str,
    sc: &str,
    tc: &str,
    bucket: &str,
) -> crate::Result<()> {
    if left != (0, 0) {
        return Ok(());
    }
    sql(
        "updating dyad rollup",
        tx.prepare_cached(
            "DELETE FROM dyad_rollup WHERE period = ?1
             AND source_country = ?2 AND target_country = ?3 AND bucket = ?4",
        )
        .and_then(|mut s| s.execute(params![period, sc, tc, bucket])),
    )?;
    Ok(())
}

/// Counts counted mentions per (actor code, country), which tells the
/// timeline whether a 3-letter spec may use the country rollups.
fn add_code_country(
    tx: &Connection,
    code: &str,
    country: &str,
    sign: i64,
) -> crate::Result<()> {
    if code.is_empty() {
        return Ok(());
    }
    let n: i64 = sql(
        "updating code countries",
        tx.prepare_cached(
            "INSERT INTO code_countries VALUES (?1, ?2, ?3)
             ON CONFLICT DO UPDATE SET events = events + excluded.events
             RETURNING events",
        )
        .and_then(|mut s| {
            s.query_row(params![code, country, sign], |r| r.get(0))
        }),
    )?;
    if n <= 0 {
        sql(
            "updating code countries",
            tx.prepare_cached(
                "DELETE FROM code_countries WHERE code = ?1 AND country = ?2",
            )
            .and_then(|mut s| s.execute(params![code, country])),
        )?;
    }
    Ok(())
}

/// Adds `[source_events, target_events, source_clusters,
/// target_clusters]` deltas for `code` on `day`; rows that drop to all
/// zeros are deleted.
fn add_actor(
    tx: &Connection,
    code: &str,
    day: &str,
    d: [i64; 4],
) -> crate::Result<()> {
    if code.is_empty() {
        return Ok(());
    }
    let four = |r: &rusqlite::Row<'_>| -> rusqlite::Result<[i64; 4]> {
        Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?])
    };
    let daily = sql(
        "updating actor rollup",
        tx.prepare_cached(
            "INSERT INTO actor_daily VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT DO UPDATE SET
               source_events = source_events + excluded.source_events,
               target_events = target_events + excluded.target_events,
               source_clusters = source_clusters + excluded.source_clusters,
               target_clusters = target_clusters + excluded.target_clusters
             RETURNING source_events, target_events, source_clusters,
               target_clusters",
        )
        .and_then(|mut s| {
            s.query_row(params![code, day, d[0], d[1], d[2], d[3]], four)
        }),
    )?;
    if daily == [0; 4] {
        sql(
            "updating actor rollup",
            tx.prepare_cached(
                "DELETE FROM actor_daily WHERE code = ?1 AND day = ?2",
            )
            .and_then(|mut s| s.execute(params![code, day])),
        )?;
    }
    let total = sql(
        "updating actor totals",
        tx.prepare_cached(
            "INSERT INTO actor_totals VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT DO UPDATE SET
               source_events = source_events + excluded.source_events,
               target_events = target_events + excluded.target_events,
               source_clusters = source_clusters + excluded.source_clusters,
               target_clusters = target_clusters + excluded.target_clusters
             RETURNING source_events, target_events, source_clusters,
               target_clusters",
        )
        .and_then(|mut s| {
            s.query_row(params![code, d[0], d[1], d[2], d[3]], four)
        }),
    )?;
    if total == [0; 4] {
        sql(
            "updating actor totals",
            tx.prepare_cached("DELETE FROM actor_totals WHERE code = ?1")
                .and_then(|mut s| s.execute(params![code])),
        )?;
    }
    Ok(())
}

/// Recomputes a cluster's counts from its mentions; deletes it when it
/// has none left; moves the cluster rollups when it starts or stops
/// counting.
fn refresh_cluster(
    tx: &Connection,
    id: i64,
    before: i64,
    rollups: bool,
) -> crate::Result<()> {
    let (all, mentions): (i64, i64) = sql(
        "counting cluster",
        tx.prepare_cached(
            "SELECT count(*), ifnull(sum(counted), 0) FROM events
             WHERE cluster = ?1",
        )
        .and_then(|mut s| s.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))),
    )?;
    let key: (String, String, String, String, String) = sql(
        "reading cluster",
        tx.prepare_cached(
            "SELECT source_country, target_country, source_code,
                    target_code, day FROM clusters WHERE id = ?1",
        )
        .and_then(|mut s| {
            s.query_row([id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
        }),
    )?;
    if rollups && (before > 0) != (mentions > 0) {
        let sign = if mentions > 0 { 1 } else { -1 };
        for (period, bucket) in buckets(&key.4) {
            let (sc, tc) = (key.0.as_str(), key.1.as_str());
            let left: (i64, i64) = sql(
                "updating dyad rollup",
                tx.prepare_cached(
                    "INSERT INTO dyad_rollup (period, source_country,
                       target_country, bucket, clusters)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT DO UPDATE
                     SET clusters = clusters + excluded.clusters
                     RETURNING events, clusters",
                )
                .and_then(|mut s| {
                    s.query_row(params![period, sc, tc, bucket, sign], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                }),
            )?;
            drop_empty_dyad(tx, left, period, sc, tc, &bucket)?;
        }
        add_actor(tx, &key.2, &key.4, [0, 0, sign, 0])?;
        add_actor(tx, &key.3, &key.4, [0, 0, 0, sign])?;
    }
    if all == 0 {
        sql(
            "deleting cluster",
            tx.execute("DELETE FROM clusters WHERE id = ?1", [id]),
        )?;
        return Ok(());
    }
    sql(
        "updating cluster",
        tx.prepare_cached(&format!(
            "UPDATE clusters SET (all_mentions, num_mentions, num_articles,
               num_sources, first_report, last_report) =
               (SELECT {CLUSTER_STATS} FROM events WHERE cluster = ?1)
             WHERE id = ?1"
        ))
        .and_then(|mut s| s.execute([id])),
    )?;
    Ok(())
}
