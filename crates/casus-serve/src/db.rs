//! Read-only SQLite connections for request handlers, with a time budget.
//!
//! A fixed number of read-only connections (`Store::open_read_only`) is
//! shared through a semaphore. A query runs on tokio's blocking pool with
//! an SQLite progress handler that aborts it once the request's deadline
//! passes or the request is dropped (the client went away), so a slow
//! query frees its connection instead of running on. Each query is its
//! own read transaction, so batches that `casus ingest` commits to the
//! WAL are visible to the next request without a restart.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casus_store::Store;
use rusqlite::Connection;
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// SQLite virtual-machine steps between two budget checks (~0.1 ms).
const CHECK_EVERY: i32 = 2_000;

/// The connection pool.
pub struct Db {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
    budget: Duration,
}

impl Db {
    /// Opens `n` read-only connections to the store at `path`.
    pub fn open(path: &Path, n: usize, budget: Duration) -> crate::Result<Db> {
        let mut idle = Vec::with_capacity(n);
        for _ in 0..n.max(1) {
            idle.push(Store::open_read_only(path)?);
        }
        Ok(Db {
            path: path.to_path_buf(),
            permits: Arc::new(Semaphore::new(idle.len())),
            idle: Mutex::new(idle),
            budget,
        })
    }

    /// The per-request time budget.
    pub fn budget(&self) -> Duration {
        self.budget
    }

    /// The store file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn take(&self) -> Result<Store, ApiError> {
        let popped = self.idle.lock().ok().and_then(|mut v| v.pop());
        match popped {
            Some(s) => Ok(s),
            // A connection lost to a panicking query is replaced.
            None => Store::open_read_only(&self.path).map_err(|e| {
                ApiError::internal(format!("reopening store: {e}"))
            }),
        }
    }

    fn give_back(&self, store: Store) {
        if let Ok(mut v) = self.idle.lock() {
            v.push(store);
        }
    }

    /// Runs `f` on a connection within the request's budget, starting
    /// now. Waiting for a free connection counts against the budget.
    pub async fn run<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let deadline = Instant::now() + self.budget;
        let permit = tokio::time::timeout(
            self.budget,
            self.permits.clone().acquire_owned(),
        )
        .await
        .map_err(|_| ApiError::timeout(self.budget))?
        .map_err(|_| ApiError::internal("connection pool closed"))?;
        let cancel = Arc::new(AtomicBool::new(false));
        let _guard = CancelOnDrop(cancel.clone());
        let db = self.clone();
        let budget = self.budget;
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let store = db.take()?;
            let conn = store.conn();
            conn.progress_handler(
                CHECK_EVERY,
                Some(move || {
                    cancel.load(Ordering::Relaxed)
                        || Instant::now() >= deadline
                }),
            );
            let out = f(conn);
            conn.progress_handler(0, None::<fn() -> bool>);
            db.give_back(store);
            // Handlers may have said why they ran out of time; if not,
            // the generic timeout.
            out.map_err(|e| match e.code {
                "interrupted" => ApiError::timeout(budget),
                _ => e,
            })
        });
        match task.await {
            Ok(r) => r,
            Err(e) => {
                Err(ApiError::internal(format!("query task failed: {e}")))
            }
        }
    }
}

/// Sets the flag when the request future is dropped before the query
/// finished (client gone, or the outer timeout fired).
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Maps a store error: an interrupted query is a timeout (the caller
/// turns `interrupted` into a 503), a bad argument a 400, the rest 500.
pub fn store_error(e: casus_store::Error) -> ApiError {
    use rusqlite::ErrorCode;
    match &e {
        casus_store::Error::Sqlite {
            source: rusqlite::Error::SqliteFailure(f, _),
            ..
        } if f.code == ErrorCode::OperationInterrupted => ApiError {
            status: axum::http::StatusCode::SERVICE_UNAVAILABLE,
            code: "interrupted",
            parameter: None,
            message: String::new(),
        },
        casus_store::Error::Invalid(m) => ApiError::param("query", m.clone()),
        _ => ApiError::internal(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A query that never ends on its own.
    fn endless(c: &Connection) -> Result<i64, ApiError> {
        let q =
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n)
                 SELECT count(*) FROM n";
        c.query_row(q, [], |r| r.get(0)).map_err(|source| {
            store_error(casus_store::Error::Sqlite {
                what: "test".into(),
                source,
            })
        })
    }

    fn one(c: &Connection) -> Result<i64, ApiError> {
        c.query_row("SELECT 1", [], |r| r.get(0))
            .map_err(|e| ApiError::internal(e.to_string()))
    }

    #[test]
    fn slow_and_abandoned_queries_are_cancelled() {
        let dir = std::env::temp_dir()
            .join(format!("casus-serve-db-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("casus.db");
        drop(Store::open(&path).unwrap());
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            // Over budget: cancelled, answered as a timeout, in time.
            let db = Arc::new(
                Db::open(&path, 1, Duration::from_millis(200)).unwrap(),
            );
            let t = Instant::now();
            let err = db.run(endless).await.unwrap_err();
            assert_eq!((err.code, err.status.as_u16()), ("timeout", 503));
            assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
            // The one connection is back and works.
            assert_eq!(db.run(one).await.unwrap(), 1);
            // A request dropped while its query runs (the client went
            // away) frees its connection long before the budget.
            let db = Arc::new(
                Db::open(&path, 1, Duration::from_secs(600)).unwrap(),
            );
            let gone = tokio::time::timeout(
                Duration::from_millis(100),
                db.run(endless),
            );
            assert!(gone.await.is_err());
            let t = Instant::now();
            assert_eq!(db.run(one).await.unwrap(), 1);
            assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
        });
        let _ = std::fs::remove_dir_all(&dir);
    }
}
