//! The schema: tables, indexes, FTS5, rollups and views, created in one
//! transaction, and the version check every open runs.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension};

use crate::{sql, Error};

/// The schema version this build writes and reads. Bump it on any change
/// to tables, columns or their meaning; `testdata/store/v1/` pins v1.
pub const SCHEMA_VERSION: u32 = 1;

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
  published TEXT NOT NULL
);
CREATE VIRTUAL TABLE events_fts USING fts5(
  evidence, content='events', content_rowid='id'
);
CREATE TABLE dyad_daily (
  source_country TEXT NOT NULL,
  target_country TEXT NOT NULL,
  day TEXT NOT NULL,
  events INTEGER NOT NULL DEFAULT 0,
  clusters INTEGER NOT NULL DEFAULT 0,
  q1 INTEGER NOT NULL DEFAULT 0,
  q2 INTEGER NOT NULL DEFAULT 0,
  q3 INTEGER NOT NULL DEFAULT 0,
  q4 INTEGER NOT NULL DEFAULT 0,
  goldstein_x10 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (source_country, target_country, day)
) WITHOUT ROWID;
CREATE TABLE dyad_daily_outlets (
  source_country TEXT NOT NULL,
  target_country TEXT NOT NULL,
  day TEXT NOT NULL,
  outlet TEXT NOT NULL,
  events INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (source_country, target_country, day, outlet)
) WITHOUT ROWID;
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
CREATE VIEW dyad_weekly AS
  SELECT source_country, target_country,
         date(day, 'weekday 0', '-6 days') AS week,
         SUM(events) AS events, SUM(clusters) AS clusters,
         SUM(q1) AS q1, SUM(q2) AS q2, SUM(q3) AS q3, SUM(q4) AS q4,
         SUM(goldstein_x10) / 10.0 AS goldstein_sum
  FROM dyad_daily GROUP BY source_country, target_country, week;
";

/// Secondary indexes on `events` (dropped during bulk loads).
pub(crate) const EVENT_INDEXES: &str = "
CREATE INDEX IF NOT EXISTS events_article ON events(article);
CREATE INDEX IF NOT EXISTS events_cluster ON events(cluster);
CREATE INDEX IF NOT EXISTS events_day ON events(day);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source_country, target_country, day);
CREATE INDEX IF NOT EXISTS events_source ON events(source_code);
CREATE INDEX IF NOT EXISTS events_target ON events(target_code);
";

/// Drops [`EVENT_INDEXES`].
pub(crate) const DROP_EVENT_INDEXES: &str = "
DROP INDEX IF EXISTS events_article; DROP INDEX IF EXISTS events_cluster;
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
        return check(conn, path);
    }
    let tables: i64 = sql(
        "reading schema",
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)),
    )?;
    if tables > 0 {
        return Err(Error::NotAStore(path.to_path_buf()));
    }
    let ddl = format!(
        "BEGIN; {DDL} {EVENT_INDEXES}
         INSERT INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}');
         INSERT INTO meta VALUES ('created_by', 'casus {}');
         COMMIT;",
        env!("CARGO_PKG_VERSION")
    );
    sql("creating schema", conn.execute_batch(&ddl))
}

/// Checks the schema version recorded in the file.
pub(crate) fn check(conn: &Connection, path: &Path) -> crate::Result<()> {
    let found: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|_| Error::NotAStore(path.to_path_buf()))?;
    let Some(found) = found else {
        return Err(Error::NotAStore(path.to_path_buf()));
    };
    if found != SCHEMA_VERSION.to_string() {
        return Err(Error::SchemaMismatch {
            path: path.to_path_buf(),
            found,
            expected: SCHEMA_VERSION,
        });
    }
    Ok(())
}
