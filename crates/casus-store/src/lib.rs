//! casus-store: the embedded SQLite event store.
//!
//! One file (`casus.db` by default) holds articles, coded events
//! (mentions), de-duplicated event clusters and rollup tables that keep
//! timelines and top-actor queries fast. Any SQLite tool can open it; the
//! tables and views are documented in ARCHITECTURE.md ("Store and event
//! clusters").
//!
//! * [`Store::open`] creates or opens a store and checks its schema
//!   version; [`Store::open_read_only`] opens it for queries only.
//! * [`Store::ingest`] writes one batch of articles with their events in
//!   one transaction: re-ingesting an unchanged article is a no-op, a
//!   changed one replaces its old events, clusters and rollups follow.
//! * [`query`] holds the query layer shared by the CLI and the
//!   HTTP API (casus-serve): filters, events, clusters, timelines, top
//!   actors, stats, and cursor pages and lookups for interactive clients.
//! * [`export`] writes GDELT 2.0 event rows and Parquet; [`plot`] renders
//!   a timeline as SVG.
//!
//! # Example
//!
//! ```
//! let dir = std::env::temp_dir().join(format!("casus-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let store = casus_store::Store::open(&dir.join("casus.db"))?;
//! let stats = casus_store::query::stats(store.conn())?;
//! assert_eq!(stats.articles, 0);
//! # drop(store);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod cluster;
pub mod export;
mod hash;
mod ingest;
pub mod plot;
pub mod query;
mod schema;

use std::path::{Path, PathBuf};

pub use crate::cluster::{jaccard, tokens, MERGE_THRESHOLD};
pub use crate::hash::{content_hash, fnv64};
pub use crate::ingest::{BatchInfo, IngestOutcome, DEFAULT_MIN_CONFIDENCE};
pub use crate::schema::SCHEMA_VERSION;

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An SQLite error, with what was being done.
    #[error("{what}: {source}")]
    Sqlite {
        /// What the store was doing.
        what: String,
        /// The underlying error.
        #[source]
        source: rusqlite::Error,
    },
    /// The file was written by a different schema version.
    #[error(
        "{path}: store schema version {found}, this casus reads version \
         {expected}; re-ingest into a new store or use a matching casus"
    )]
    SchemaMismatch {
        /// The store file.
        path: PathBuf,
        /// Version found in the file.
        found: String,
        /// Version this build understands.
        expected: u32,
    },
    /// The file is not a casus store.
    #[error("{0}: not a casus store (no meta table)")]
    NotAStore(PathBuf),
    /// A query argument is invalid.
    #[error("{0}")]
    Invalid(String),
    /// Writing an export failed.
    #[error("export: {0}")]
    Export(String),
    /// An I/O error.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// `Result` with the store's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Wraps an SQLite error with context.
pub(crate) fn sql<T>(what: &str, r: rusqlite::Result<T>) -> crate::Result<T> {
    r.map_err(|source| Error::Sqlite { what: what.to_string(), source })
}

/// Switches to WAL, retrying while another process holds the lock (a
/// concurrent first open); SQLite does not always call the busy handler
/// for a journal mode change.
fn wal(c: &rusqlite::Connection) -> crate::Result<()> {
    let mut tries = 0;
    loop {
        let r =
            c.pragma_update_and_check(None, "journal_mode", "wal", |_| Ok(()));
        match r {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && tries < 300 =>
            {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            r => return sql("WAL", r),
        }
    }
}

/// Refuses an output path that would destroy a store: the store itself
/// (same path, or the same file by device and inode through another
/// name or a link), its `-wal`/`-shm`/`-journal` files, or any existing
/// file that starts with the SQLite header. Commands that write files
/// (`casus export -o`, `casus timeline --plot`) call it before creating
/// anything.
///
/// # Errors
///
/// [`Error::Invalid`] naming the file and why.
///
/// # Example
///
/// ```
/// let p = std::path::Path::new("casus.db");
/// assert!(casus_store::guard_output(p, Some(p)).is_err());
/// ```
pub fn guard_output(out: &Path, store: Option<&Path>) -> crate::Result<()> {
    let refuse = |why: &str| {
        Err(Error::Invalid(format!(
            "refusing to write {}: {why}",
            out.display()
        )))
    };
    if let Some(store) = store {
        if out == store || same_file(out, store) {
            return refuse("it is the store");
        }
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut side = store.as_os_str().to_owned();
            side.push(suffix);
            let side = PathBuf::from(side);
            if out == side || same_file(out, &side) {
                return refuse("it is one of the store's journal files");
            }
        }
    }
    let mut head = [0u8; 16];
    if let Ok(mut f) = std::fs::File::open(out) {
        use std::io::Read;
        if f.read_exact(&mut head).is_ok() && &head == b"SQLite format 3\0" {
            return refuse("it is an SQLite database");
        }
    }
    Ok(())
}

/// Whether two paths name one existing file (device and inode on Unix,
/// canonical paths elsewhere).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// An open store.
#[derive(Debug)]
pub struct Store {
    conn: rusqlite::Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating when missing) the store at `path` for reading and
    /// writing, in WAL mode, and checks its schema version.
    ///
    /// Why this order: a file that is not a casus store of a version this
    /// build reads is refused before anything is written to it (the
    /// journal mode switch to WAL rewrites the file header), and the
    /// schema is created inside `BEGIN IMMEDIATE` with a busy timeout,
    /// so two first ingests into one new file both succeed (the second
    /// waits, then finds the schema the first created).
    pub fn open(path: &Path) -> crate::Result<Store> {
        let conn = sql("opening store", rusqlite::Connection::open(path))?;
        let store = Store { conn, path: path.to_path_buf() };
        sql(
            "busy timeout",
            store.conn.busy_timeout(std::time::Duration::from_secs(30)),
        )?;
        schema::create_or_check(&store.conn, path)?;
        store.configure()?;
        Ok(store)
    }

    /// Opens an existing store read-only (`SQLITE_OPEN_READ_ONLY` and
    /// `PRAGMA query_only`), for queries and `casus sql`. A store of an
    /// older schema version is first migrated (opened for writing once).
    pub fn open_read_only(path: &Path) -> crate::Result<Store> {
        if !path.exists() {
            return Err(Error::Invalid(format!(
                "{}: no such store (create one with `casus ingest`)",
                path.display()
            )));
        }
        let store = Store::open_read_only_unchecked(path)?;
        if schema::needs_migration(&store.conn, path)? {
            drop(store);
            drop(Store::open(path)?);
            let store = Store::open_read_only_unchecked(path)?;
            schema::check(&store.conn, path)?;
            return Ok(store);
        }
        schema::check(&store.conn, path)?;
        Ok(store)
    }

    fn open_read_only_unchecked(path: &Path) -> crate::Result<Store> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = sql(
            "opening store",
            rusqlite::Connection::open_with_flags(path, flags),
        )?;
        sql(
            "busy timeout",
            conn.busy_timeout(std::time::Duration::from_secs(30)),
        )?;
        sql("query_only", conn.pragma_update(None, "query_only", true))?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Store { conn, path: path.to_path_buf() })
    }

    pub(crate) fn configure(&self) -> crate::Result<()> {
        let c = &self.conn;
        // The write path uses ~20 distinct statements; the default cache
        // of 16 would re-prepare them for every event.
        c.set_prepared_statement_cache_capacity(64);
        sql(
            "busy timeout",
            c.busy_timeout(std::time::Duration::from_secs(30)),
        )?;
        wal(c)?;
        sql("synchronous", c.pragma_update(None, "synchronous", "normal"))?;
        sql("foreign_keys", c.pragma_update(None, "foreign_keys", true))?;
        sql("cache_size", c.pragma_update(None, "cache_size", -65536))?;
        Ok(())
    }

    /// Refuses to write an output file at `out` when it is this store,
    /// one of its journal files, or any SQLite database: see
    /// [`guard_output`].
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] naming the file.
    pub fn guard_output(&self, out: &Path) -> crate::Result<()> {
        guard_output(out, Some(&self.path))
    }

    /// The store file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection (read-only stores refuse writes).
    pub fn conn(&self) -> &rusqlite::Connection {
        &self.conn
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> crate::Result<u32> {
        let v: String = sql(
            "reading schema version",
            self.conn.query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            ),
        )?;
        v.parse()
            .map_err(|_| Error::Invalid(format!("bad schema version {v}")))
    }
}
