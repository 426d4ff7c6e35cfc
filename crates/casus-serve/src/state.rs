//! Shared server state: the connection pool and a cache of the answers
//! that scan whole tables (corpus coverage per bucket, mentions per CAMEO
//! root) or add up rollups (the store summary), kept fresh by a
//! background thread that watches the store's data version, so new
//! ingest batches show up without a restart and no request pays for
//! a scan.

use std::sync::{Arc, RwLock, Weak};
use std::time::Duration;

use casus_store::query::{self, Bucket, RootCount, Summary};
use casus_store::Store;

use crate::db::Db;
use crate::responses::Responses;

/// Articles per bucket start (sorted by bucket).
pub type Coverage = Arc<Vec<(String, i64)>>;

/// A store data version ([`query::data_version`]).
pub type DataVersion = (i64, i64);

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    /// The connection pool.
    pub db: Arc<Db>,
    /// Cached table scans.
    pub cache: Arc<Cache>,
    /// Cached aggregate responses.
    pub responses: Arc<Responses>,
}

/// Cached scans, per store data version.
#[derive(Default)]
pub struct Cache {
    inner: RwLock<Inner>,
}

#[derive(Default)]
struct Inner {
    version: Option<DataVersion>,
    coverage: [Option<Coverage>; 3],
    summary: Option<(DataVersion, Arc<Summary>)>,
    roots: Option<(DataVersion, Arc<Vec<RootCount>>)>,
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
    /// Articles per bucket, once the refresher has counted them, with
    /// the data version they were counted at.
    pub fn coverage(
        &self,
        by: Bucket,
    ) -> (Option<DataVersion>, Option<Coverage>) {
        match self.inner.read() {
            Ok(i) => (i.version, i.coverage[slot(by)].clone()),
            Err(_) => (None, None),
        }
    }

    /// The data version the cache describes.
    pub fn version(&self) -> Option<DataVersion> {
        self.inner.read().ok().and_then(|i| i.version)
    }

    /// The store summary of data version `v`: cached, else added up
    /// from the rollups now (milliseconds) and cached.
    pub fn summary(
        &self,
        conn: &rusqlite::Connection,
        v: DataVersion,
    ) -> casus_store::Result<Arc<Summary>> {
        if let Some((at, s)) =
            self.inner.read().ok().and_then(|i| i.summary.clone())
        {
            if at == v {
                return Ok(s);
            }
        }
        let s = Arc::new(query::summary(conn)?);
        if let Ok(mut i) = self.inner.write() {
            i.summary = Some((v, s.clone()));
        }
        Ok(s)
    }

    /// The latest per-root counts (a scan, counted in the background)
    /// with the data version they describe.
    pub fn roots(&self) -> Option<(DataVersion, Arc<Vec<RootCount>>)> {
        self.inner.read().ok()?.roots.clone()
    }

    /// Recounts what the store's last change made stale: the summary
    /// and coverage first (seconds at most), then the per-root counts (a
    /// scan of every mention), each retried on the next tick if it fails.
    fn refresh(&self, store: &Store) -> casus_store::Result<()> {
        let v = query::data_version(store.conn())?;
        if self.version() != Some(v) {
            self.summary(store.conn(), v)?;
            // One scan by day; weeks and months are added up from it.
            let days = query::articles_per_bucket(store.conn(), Bucket::Day)?;
            let mut fresh: [Option<Coverage>; 3] = Default::default();
            for by in BUCKETS {
                fresh[slot(by)] = Some(Arc::new(regroup(&days, by)));
            }
            if let Ok(mut i) = self.inner.write() {
                i.version = Some(v);
                i.coverage = fresh;
            }
        }
        if self.roots().map(|(at, _)| at) != Some(v) {
            let roots = Arc::new(query::root_counts(store.conn())?);
            if let Ok(mut i) = self.inner.write() {
                i.roots = Some((v, roots));
            }
        }
        Ok(())
    }
}

/// Day counts added up into `by` buckets (days are in order, so are
/// the buckets).
fn regroup(days: &[(String, i64)], by: Bucket) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = Vec::new();
    for (day, n) in days {
        let Ok(d) = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") else {
            continue;
        };
        let key = by.start(d).to_string();
        match out.last_mut() {
            Some((k, total)) if *k == key => *total += n,
            _ => out.push((key, *n)),
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_and_months_from_days() {
        let days: Vec<(String, i64)> = [
            ("2024-01-31", 1),
            ("2024-02-01", 2),
            ("2024-02-04", 3),
            ("2024-02-05", 4),
            ("bad", 9),
        ]
        .iter()
        .map(|(d, n)| (d.to_string(), *n))
        .collect();
        let s = |v: Vec<(String, i64)>| -> Vec<(String, i64)> { v };
        assert_eq!(
            regroup(&days, Bucket::Week),
            s(vec![("2024-01-29".into(), 6), ("2024-02-05".into(), 4)])
        );
        assert_eq!(
            regroup(&days, Bucket::Month),
            s(vec![("2024-01-01".into(), 1), ("2024-02-01".into(), 9)])
        );
        assert_eq!(regroup(&days, Bucket::Day).len(), 4);
    }
}
