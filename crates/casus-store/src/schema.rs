//! The schema: tables, indexes, FTS5, rollups and views, created in one
//! transaction, and the version check every open runs.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension};

use crate::{sql, Error};

/// The schema version this build writes and reads. Bump it on any change
/// to tables, columns or their meaning; `testdata/store/v1/` pins v1.
/// v2: dyad rollups per day, week and month, directed and both ways,
/// with distinct-outlet counts (`dyad_rollup`, `dyad_rollup_outlets`),
/// and `code_countries`; v1 stores are migrated on open.
/// v3: `events.pattern_id`, the stable id of the verb pattern (or
/// rule) that coded the event; v2 stores are migrated on open (their
/// events get an empty `pattern_id`).
/// v4: `events.confidence`, the event's confidence; `counted` also
/// requires it to reach [`crate::DEFAULT_MIN_CONFIDENCE`]. v3 stores are
/// migrated on open: their events get confidence 1, so what they count
/// is unchanged until their articles are coded again.
/// v5: `events.location_from`, how the event's location was found
/// (`verb`, `clause`, `sentence` or `dateline`; NULL without a location
/// or when unknown). v4 stores are migrated on open: their events get
/// NULL, as events coded before the field existed.
/// v6: `events.target_from`, how a reaction's target was found (`text`
/// or `antecedent`; NULL for every other target). v5 stores are migrated
/// on open: their events get NULL.
/// v7: `events.source_from`, how the source was found (`story` for a
/// side the sentence leaves open, as `target_from` is for the target),
/// and `events.date_end`, a date range's end. v6 stores are migrated on
/// open: actors with an empty span (only the story's country has one)
/// get `story`, as v6 read them; `date_end` stays NULL.
pub const SCHEMA_VERSION: u32 = 7;

/// Tables, indexes and views (documented in ARCHITECTURE.md).
const DDL: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE batches (
  id INTEGER PRIMARY KEY,
  started TEXT NOT NULL,
  casus_version TEXT NOT NULL,
  dict_hash TEXT NOT NULL,
  articles INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  events INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL UNIQUE,
  date TEXT NOT NULL,
  outlet TEXT,
  url TEXT,
  title TEXT,
  language TEXT,
  text_hash TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  text TEXT,
  batch INTEGER NOT NULL REFERENCES batches(id)
);
CREATE TABLE clusters (
  id INTEGER PRIMARY KEY,
  date TEXT NOT NULL,
  day TEXT NOT NULL,
  source_code TEXT NOT NULL,
  target_code TEXT NOT NULL,
  source_country TEXT NOT NULL,
  target_country TEXT NOT NULL,
  root TEXT NOT NULL,
  base TEXT NOT NULL,
  cameo TEXT NOT NULL,
  quad_class INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  plover TEXT NOT NULL,
  tokens TEXT NOT NULL,
  num_mentions INTEGER NOT NULL DEFAULT 0,
  num_articles INTEGER NOT NULL DEFAULT 0,
  num_sources INTEGER NOT NULL DEFAULT 0,
  all_mentions INTEGER NOT NULL DEFAULT 0,
  first_report TEXT,
  last_report TEXT
);
CREATE INDEX clusters_key ON clusters(date, source_code, target_code, root);
CREATE INDEX clusters_day ON clusters(day);
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  article INTEGER NOT NULL REFERENCES articles(id),
  cluster INTEGER NOT NULL REFERENCES clusters(id),
  event_id TEXT NOT NULL,
  article_id TEXT NOT NULL,
  sentence INTEGER NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  evidence TEXT NOT NULL,
  date TEXT NOT NULL,
  day TEXT NOT NULL,
  date_from TEXT NOT NULL,
  precision TEXT NOT NULL,
  source_code TEXT,
  source_country TEXT,
  source_role TEXT,
  source_name TEXT,
  source_start INTEGER,
  source_end INTEGER,
  target_code TEXT,
  target_country TEXT,
  target_role TEXT,
  target_name TEXT,
  target_start INTEGER,
  target_end INTEGER,
  cameo TEXT NOT NULL,
  base TEXT NOT NULL,
  root TEXT NOT NULL,
  quad_class INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  plover TEXT NOT NULL,
  plover_mode TEXT,
  negated INTEGER NOT NULL,
  modality TEXT NOT NULL,
  counted INTEGER NOT NULL,
  speaker TEXT,
  attributed_outlet TEXT,
  location_name TEXT,
  location_country TEXT,
  pattern TEXT NOT NULL,
  outlet TEXT,
  url TEXT,
  published TEXT NOT NULL,
  pattern_id TEXT NOT NULL DEFAULT '',
  confidence REAL NOT NULL DEFAULT 1,
  location_from TEXT,
  target_from TEXT,
  source_from TEXT,
  date_end TEXT
);
CREATE VIRTUAL TABLE events_fts USING fts5(
  evidence, content='events', content_rowid='id'
);
CREATE TABLE actor_daily (
  code TEXT NOT NULL,
  day TEXT NOT NULL,
  source_events INTEGER NOT NULL DEFAULT 0,
  target_events INTEGER NOT NULL DEFAULT 0,
  source_clusters INTEGER NOT NULL DEFAULT 0,
  target_clusters INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (code, day)
) WITHOUT ROWID;
CREATE INDEX actor_daily_day ON actor_daily(day);
CREATE TABLE actor_totals (
  code TEXT PRIMARY KEY,
  source_events INTEGER NOT NULL DEFAULT 0,
  target_events INTEGER NOT NULL DEFAULT 0,
  source_clusters INTEGER NOT NULL DEFAULT 0,
  target_clusters INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE VIEW counted_events AS SELECT * FROM events WHERE counted = 1;
CREATE VIEW active_clusters AS SELECT * FROM clusters WHERE num_mentions > 0;
CREATE VIEW cluster_mentions AS
  SELECT e.cluster, e.id AS event, e.event_id, e.article_id, e.outlet,
         e.url, e.published, e.counted
  FROM events e;
";

/// The dyad rollups (v2), also created by the v1 -> v2 migration.
/// `period` is `day`, `week` (ISO week, labelled by its Monday) or
/// `month` (labelled by its first day); rows are directed (source ->
/// target; `--both` adds the two directions up, and counts distinct
/// outlets over both directions' `dyad_rollup_outlets` rows). `sources`
/// is the number of distinct outlets (rows in `dyad_rollup_outlets`) of
/// the bucket.
pub(crate) const ROLLUP_DDL: &str = "
CREATE TABLE dyad_rollup (
  period TEXT NOT NULL,
  source_country TEXT NOT NULL,
  target_country TEXT NOT NULL,
  bucket TEXT NOT NULL,
  events INTEGER NOT NULL DEFAULT 0,
  clusters INTEGER NOT NULL DEFAULT 0,
  q1 INTEGER NOT NULL DEFAULT 0,
  q2 INTEGER NOT NULL DEFAULT 0,
  q3 INTEGER NOT NULL DEFAULT 0,
  q4 INTEGER NOT NULL DEFAULT 0,
  goldstein_x10 INTEGER NOT NULL DEFAULT 0,
  sources INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (period, source_country, target_country, bucket)
) WITHOUT ROWID;
CREATE TABLE dyad_rollup_outlets (
  period TEXT NOT NULL,
  source_country TEXT NOT NULL,
  target_country TEXT NOT NULL,
  bucket TEXT NOT NULL,
  outlet TEXT NOT NULL,
  events INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (period, source_country, target_country, bucket, outlet)
) WITHOUT ROWID;
CREATE TABLE code_countries (
  code TEXT NOT NULL,
  country TEXT NOT NULL,
  events INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (code, country)
) WITHOUT ROWID;
CREATE VIEW dyad_daily AS
  SELECT source_country, target_country, bucket AS day, events, clusters,
         q1, q2, q3, q4, goldstein_x10, sources
  FROM dyad_rollup WHERE period = 'day';
CREATE VIEW dyad_weekly AS
  SELECT source_country, target_country, bucket AS week, events, clusters,
         q1, q2, q3, q4, goldstein_x10 / 10.0 AS goldstein_sum, sources
  FROM dyad_rollup WHERE period = 'week';
CREATE VIEW dyad_monthly AS
  SELECT source_country, target_country, bucket AS month, events, clusters,
         q1, q2, q3, q4, goldstein_x10 / 10.0 AS goldstein_sum, sources
  FROM dyad_rollup WHERE period = 'month';
";

/// The bucket of `day` (a column) for a period; the Rust side is
/// `ingest::buckets`, which must agree.
fn bucket_sql(period: &str, day: &str) -> String {
    match period {
        "week" => {
            format!("ifnull(date({day}, 'weekday 0', '-6 days'), {day})")
        }
        "month" => format!("substr({day}, 1, 7) || '-01'"),
        _ => day.to_string(),
    }
}

/// SQL recomputing every rollup from `events` and `clusters` (run inside
/// a transaction). Events are grouped once per (dyad, day, outlet) into
/// a temporary table keyed like `dyad_rollup_outlets`; weeks and months
/// are summed from its day rows, and `dyad_rollup` from it in key order.
pub(crate) fn rebuild_rollups_sql() -> String {
    let mut periods = String::new();
    for p in ["week", "month"] {
        let b = bucket_sql(p, "bucket");
        periods.push_str(&format!(
            "INSERT INTO temp.rollup_po
               SELECT '{p}', s, t, {b}, o, sum(n), sum(q1), sum(q2),
                      sum(q3), sum(q4), sum(g)
               FROM temp.rollup_po WHERE period = 'day'
               GROUP BY 2, 3, 4, 5;"
        ));
    }
    let mut clusters = String::new();
    for p in ["day", "week", "month"] {
        let b = bucket_sql(p, "day");
        clusters.push_str(&format!(
            "INSERT INTO dyad_rollup (period, source_country, target_country,
               bucket, clusters)
             SELECT '{p}', source_country, target_country, {b}, count(*)
             FROM clusters WHERE num_mentions > 0 GROUP BY 2, 3, 4
             ON CONFLICT DO UPDATE SET clusters = excluded.clusters;"
        ));
    }
    format!(
        "DELETE FROM dyad_rollup; DELETE FROM dyad_rollup_outlets;
         DELETE FROM code_countries;
         DELETE FROM actor_daily; DELETE FROM actor_totals;
         DROP TABLE IF EXISTS temp.rollup_po;
         CREATE TEMP TABLE rollup_po (
           period TEXT, s TEXT, t TEXT, bucket TEXT, o TEXT, n INTEGER,
           q1 INTEGER, q2 INTEGER, q3 INTEGER, q4 INTEGER, g INTEGER,
           PRIMARY KEY (period, s, t, bucket, o)) WITHOUT ROWID;
         INSERT INTO temp.rollup_po
           SELECT 'day', ifnull(source_country, ''),
                  ifnull(target_country, ''), day, ifnull(outlet, ''),
                  count(*), sum(quad_class = 1), sum(quad_class = 2),
                  sum(quad_class = 3), sum(quad_class = 4),
                  sum(CAST(round(goldstein * 10) AS INTEGER))
           FROM events WHERE counted = 1 GROUP BY 2, 3, 4, 5;
         {periods}
         INSERT INTO dyad_rollup_outlets
           SELECT period, s, t, bucket, o, n FROM temp.rollup_po;
         INSERT INTO dyad_rollup (period, source_country, target_country,
             bucket, events, q1, q2, q3, q4, goldstein_x10, sources)
           SELECT period, s, t, bucket, sum(n), sum(q1), sum(q2), sum(q3),
                  sum(q4), sum(g), count(*)
           FROM temp.rollup_po GROUP BY 1, 2, 3, 4;
         {clusters}
         INSERT INTO code_countries
           SELECT code, country, sum(n) FROM (
             SELECT source_code AS code, ifnull(source_country, '') AS country,
                    count(*) AS n
             FROM events WHERE counted = 1 AND ifnull(source_code, '') != ''
             GROUP BY 1, 2
             UNION ALL
             SELECT target_code, ifnull(target_country, ''), count(*)
             FROM events WHERE counted = 1 AND ifnull(target_code, '') != ''
             GROUP BY 1, 2)
           GROUP BY 1, 2;
         INSERT INTO actor_daily (code, day, source_events)
           SELECT source_code, day, count(*) FROM events
           WHERE counted = 1 AND ifnull(source_code,'') != ''
           GROUP BY 1, 2;
         INSERT INTO actor_daily (code, day, target_events)
           SELECT target_code, day, count(*) FROM events
           WHERE counted = 1 AND ifnull(target_code,'') != ''
           GROUP BY 1, 2 ON CONFLICT DO UPDATE
           SET target_events = excluded.target_events;
         INSERT INTO actor_daily (code, day, source_clusters)
           SELECT source_code, day, count(*) FROM clusters
           WHERE num_mentions > 0 AND source_code != ''
           GROUP BY 1, 2 ON CONFLICT DO UPDATE
           SET source_clusters = excluded.source_clusters;
         INSERT INTO actor_daily (code, day, target_clusters)
           SELECT target_code, day, count(*) FROM clusters
           WHERE num_mentions > 0 AND target_code != ''
           GROUP BY 1, 2 ON CONFLICT DO UPDATE
           SET target_clusters = excluded.target_clusters;
         INSERT INTO actor_totals
           SELECT code, sum(source_events), sum(target_events),
                  sum(source_clusters), sum(target_clusters)
           FROM actor_daily GROUP BY code;
         DROP TABLE temp.rollup_po;"
    )
}

/// Secondary indexes on `events` (dropped during bulk loads).
pub(crate) const EVENT_INDEXES: &str = "
CREATE INDEX IF NOT EXISTS events_article ON events(article);
CREATE INDEX IF NOT EXISTS events_cluster ON events(cluster);
CREATE INDEX IF NOT EXISTS events_day ON events(day);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source_country, target_country, day);
CREATE INDEX IF NOT EXISTS events_source ON events(source_code);
CREATE INDEX IF NOT EXISTS events_target ON events(target_code);
";

/// Drops the [`EVENT_INDEXES`] a bulk load does not read: it keeps
/// `events_cluster`, which the cluster rule reads (the date source of a
/// cluster's first mention), and `clusters_day`, which finds candidate
/// clusters.
pub(crate) const DROP_BULK_INDEXES: &str = "
DROP INDEX IF EXISTS events_article;
DROP INDEX IF EXISTS events_day; DROP INDEX IF EXISTS events_dyad;
DROP INDEX IF EXISTS events_source; DROP INDEX IF EXISTS events_target;
";

/// Creates the schema in an empty file, or checks the version of an
/// existing store.
pub(crate) fn create_or_check(
    conn: &Connection,
    path: &Path,
) -> crate::Result<()> {
    let has_meta: Option<String> = sql(
        "reading schema",
        conn.query_row(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='meta'",
            [],
            |r| r.get(0),
        )
        .optional(),
    )?;
    if has_meta.is_some() {
        return check_or_migrate(conn, path);
    }
    // Another process may be creating the schema right now: take the
    // write lock (waiting for it), then look again.
    sql("locking new store", conn.execute_batch("BEGIN IMMEDIATE"))?;
    let r = create_locked(conn, path);
    match r {
        Ok(true) => sql("creating schema", conn.execute_batch("COMMIT")),
        Ok(false) => {
            let _ = conn.execute_batch("ROLLBACK");
            check_or_migrate(conn, path)
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// Inside the write lock: creates the schema in an empty file (`true`),
/// or finds that another process created it meanwhile (`false`).
fn create_locked(conn: &Connection, path: &Path) -> crate::Result<bool> {
    let count = |q: &str| -> crate::Result<i64> {
        sql("reading schema", conn.query_row(q, [], |r| r.get(0)))
    };
    let meta = count(
        "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'",
    )?;
    if meta > 0 {
        return Ok(false);
    }
    if count("SELECT count(*) FROM sqlite_master")? > 0 {
        return Err(Error::NotAStore(path.to_path_buf()));
    }
    let ddl = format!(
        "{DDL} {ROLLUP_DDL} {EVENT_INDEXES}
         INSERT INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}');
         INSERT INTO meta VALUES ('created_by', 'casus {}');",
        env!("CARGO_PKG_VERSION")
    );
    sql("creating schema", conn.execute_batch(&ddl))?;
    Ok(true)
}

/// Checks the schema version recorded in the file, migrating older
/// versions this build knows how to upgrade (v1 -> ... -> v7), each step
/// in one transaction.
fn check_or_migrate(conn: &Connection, path: &Path) -> crate::Result<()> {
    if version(conn, path)? == "1" {
        migrate_v1(conn)?;
    }
    for &(from, columns, backfill) in ADDED_COLUMNS {
        if version(conn, path)? == from.to_string() {
            let alter: String = columns
                .iter()
                .map(|c| format!("ALTER TABLE events ADD COLUMN {c};\n"))
                .collect();
            let body = format!(
                "{alter}{backfill}
                 INSERT OR IGNORE INTO meta VALUES ('migrated_from', '{from}');"
            );
            migrate(conn, from, &body)?;
        }
    }
    check(conn, path)
}

/// The columns each later version added to `events`, by the version it
/// migrates from, and the statements that fill them for rows already
/// stored (else those take the default shown). `migrated_from` keeps the
/// oldest version.
const ADDED_COLUMNS: &[(u32, &[&str], &str)] = &[
    // v2 -> v3: the pattern id, empty for events coded before it existed.
    (2, &["pattern_id TEXT NOT NULL DEFAULT ''"], ""),
    // v3 -> v4: confidence, 1 for the events already stored (their
    // `counted` flags and rollups stay valid).
    (3, &["confidence REAL NOT NULL DEFAULT 1"], ""),
    // v4 -> v5: how the location was found, not known for old events.
    (4, &["location_from TEXT"], ""),
    // v5 -> v6: how the target was found (`text` | `antecedent`).
    (5, &["target_from TEXT"], ""),
    // v6 -> v7: how the source was found and a range's end. v6 read an
    // empty actor span as the story's country (only it has no mention):
    // the backfill records that, so old rows read back as before.
    (6, &["source_from TEXT", "date_end TEXT"], STORY_BACKFILL),
];

/// The v6 -> v7 backfill of `source_from`/`target_from` (see
/// [`ADDED_COLUMNS`]).
const STORY_BACKFILL: &str = "
    UPDATE events SET source_from = 'story'
     WHERE source_code IS NOT NULL AND source_start = source_end;
    UPDATE events SET target_from = 'story'
     WHERE target_code IS NOT NULL AND target_from IS NULL
       AND target_start = target_end;";

/// Runs one migration step `from` -> `from + 1` in a transaction: `body`
/// then the version bump; rolled back whole if any statement fails.
fn migrate(conn: &Connection, from: u32, body: &str) -> crate::Result<()> {
    let to = from + 1;
    let q = format!(
        "BEGIN IMMEDIATE;
         {body}
         UPDATE meta SET value = '{to}' WHERE key = 'schema_version';
         COMMIT;"
    );
    let r = conn.execute_batch(&q);
    if r.is_err() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    sql(&format!("migrating schema v{from} -> v{to}"), r)
}

/// The v1 -> v2 migration: the per-day dyad tables give way to
/// `dyad_rollup`/`dyad_rollup_outlets`/`code_countries`, rebuilt from
/// `events` and `clusters`.
fn migrate_v1(conn: &Connection) -> crate::Result<()> {
    let rebuild = rebuild_rollups_sql();
    let body = format!(
        "DROP VIEW IF EXISTS dyad_weekly;
         DROP TABLE IF EXISTS dyad_daily;
         DROP TABLE IF EXISTS dyad_daily_outlets;
         {ROLLUP_DDL}
         {rebuild}
         INSERT OR REPLACE INTO meta VALUES ('migrated_from', '1');"
    );
    migrate(conn, 1, &body)
}

/// The version string in `meta`.
fn version(conn: &Connection, path: &Path) -> crate::Result<String> {
    let found: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|_| Error::NotAStore(path.to_path_buf()))?;
    found.ok_or_else(|| Error::NotAStore(path.to_path_buf()))
}

/// Whether the file records an older schema version that
/// [`create_or_check`] migrates.
pub(crate) fn needs_migration(
    conn: &Connection,
    path: &Path,
) -> crate::Result<bool> {
    Ok(matches!(
        version(conn, path)?.as_str(),
        "1" | "2" | "3" | "4" | "5" | "6"
    ))
}

/// Checks the schema version recorded in the file.
pub(crate) fn check(conn: &Connection, path: &Path) -> crate::Result<()> {
    let found = version(conn, path)?;
    if found != SCHEMA_VERSION.to_string() {
        return Err(Error::SchemaMismatch {
            path: path.to_path_buf(),
            found,
            expected: SCHEMA_VERSION,
        });
    }
    Ok(())
}
