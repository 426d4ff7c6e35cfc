//! Shared server state: the connection pool and a cache of the answers
//! that scan whole tables (corpus coverage per bucket), kept fresh by a
//! background thread that watches the store's data version, so new
//! ingest batches show up without a restart and no request pays for
//! the scan.

use std::sync::{Arc, RwLock, Weak};
use std::time::Duration;

use casus_store::query::{self, Bucket};
use casus_store::Store;

use crate::db::Db;

/// Articles per bucket start (sorted by bucket).
pub type Coverage = Arc<Vec<(String, i64)>>;

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    /// The connection pool.
    pub db: Arc<Db>,
    /// Cached table scans.
    pub cache: Arc<Cache>,
}

/// Cached scans, per store data version.
#[derive(Default)]
pub struct Cache {
    inner: RwLock<Inner>,
}

#[derive(Default)]
struct Inner {
    version: Option<(i64, i64)>,
    coverage: [Option<Coverage>; 3],
    stats: Option<((i64, i64), Arc<query::Stats>)>,
}

const BUCKETS: [Bucket; 3] = [Bucket::Day, Bucket::Week, Bucket::Month];

fn slot(by: Bucket) -> usize {
    match by {
        Bucket::Day => 0,
        Bucket::Week => 1,
        Bucket::Month => 2,
    }
}

impl Cache {
    /// Articles per bucket, once the refresher has counted them.
    pub fn coverage(&self, by: Bucket) -> Option<Coverage> {
        self.inner.read().ok().and_then(|i| i.coverage[slot(by)].clone())
    }

    /// The data version the cache describes.
    pub fn version(&self) -> Option<(i64, i64)> {
        self.inner.read().ok().and_then(|i| i.version)
    }

    /// The store summary of data version `v`, if counted.
    pub fn stats(&self, v: (i64, i64)) -> Option<Arc<query::Stats>> {
        let i = self.inner.read().ok()?;
        i.stats.as_ref().filter(|(at, _)| *at == v).map(|(_, s)| s.clone())
    }

    /// Remembers the store summary of data version `v`.
    pub fn set_stats(&self, v: (i64, i64), stats: Arc<query::Stats>) {
        if let Ok(mut i) = self.inner.write() {
            i.stats = Some((v, stats));
        }
    }

    /// Recounts coverage (and the summary) if the store changed since
    /// the last count.
    fn refresh(&self, store: &Store) -> casus_store::Result<()> {
        let v = query::data_version(store.conn())?;
        if self.version() == Some(v) {
            return Ok(());
        }
        let mut fresh: [Option<Coverage>; 3] = Default::default();
        for by in BUCKETS {
            let rows = query::articles_per_bucket(store.conn(), by)?;
            fresh[slot(by)] = Some(Arc::new(rows));
        }
        if let Ok(mut i) = self.inner.write() {
            i.version = Some(v);
            i.coverage = fresh;
        }
        if self.stats(v).is_none() {
            self.set_stats(v, Arc::new(query::stats(store.conn())?));
        }
        Ok(())
    }
}

/// Starts the thread that keeps `cache` fresh: it checks the store's
/// data version every `every` and recounts on change; it ends when the
/// cache is dropped (the server stopped).
pub fn start_refresher(db: &Db, cache: &Arc<Cache>, every: Duration) {
    let weak: Weak<Cache> = Arc::downgrade(cache);
    let path = db.path().to_path_buf();
    let spawned = std::thread::Builder::new()
        .name("casus-serve-refresh".into())
        .spawn(move || {
            let store = match Store::open_read_only(&path) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("casus serve: coverage refresher: {e}");
                    return;
                }
            };
            let mut reported = false;
            while let Some(cache) = weak.upgrade() {
                match cache.refresh(&store) {
                    Ok(()) => reported = false,
                    Err(e) if !reported => {
                        eprintln!("casus serve: counting coverage: {e}");
                        reported = true;
                    }
                    Err(_) => {}
                }
                drop(cache);
                std::thread::sleep(every);
            }
        });
    if let Err(e) = spawned {
        eprintln!("casus serve: no coverage refresher: {e}");
    }
}
