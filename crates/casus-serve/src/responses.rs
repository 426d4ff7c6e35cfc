//! A cache of whole JSON responses for the aggregate routes (timeline,
//! top actors, matrix): a dashboard asks the same questions over and
//! over, and the answer only changes when an ingest commits. Entries are
//! keyed by the request (path and query) and tagged with the store's
//! data version and the coverage count's, so a new batch is never
//! answered from before it. Bounded by total bytes, oldest out first.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use axum::body::Bytes;

/// The data versions an answer was computed from: the store's and the
/// coverage count's (which lags the store by up to a refresh interval).
pub type Version = ((i64, i64), Option<(i64, i64)>);

/// Cached responses.
pub struct Responses {
    inner: Mutex<Inner>,
    max_bytes: usize,
}

#[derive(Default)]
struct Inner {
    map: HashMap<String, (Version, Bytes)>,
    order: VecDeque<String>,
    bytes: usize,
}

impl Responses {
    /// A cache holding at most `max_bytes` of response bodies.
    pub fn new(max_bytes: usize) -> Responses {
        Responses { inner: Mutex::new(Inner::default()), max_bytes }
    }

    /// The body cached for `key` at version `v`.
    pub fn get(&self, key: &str, v: Version) -> Option<Bytes> {
        let inner = self.inner.lock().ok()?;
        inner.map.get(key).filter(|(at, _)| *at == v).map(|(_, b)| b.clone())
    }

    /// Caches `body` for `key` at version `v` (replacing an older one).
    pub fn put(&self, key: String, v: Version, body: Bytes) {
        if body.len() > self.max_bytes / 8 {
            return;
        }
        let Ok(mut inner) = self.inner.lock() else { return };
        if let Some((_, old)) = inner.map.remove(&key) {
            inner.bytes -= old.len();
            inner.order.retain(|k| *k != key);
        }
        inner.bytes += body.len();
        inner.order.push_back(key.clone());
        inner.map.insert(key, (v, body));
        while inner.bytes > self.max_bytes {
            let Some(old) = inner.order.pop_front() else { break };
            if let Some((_, b)) = inner.map.remove(&old) {
                inner.bytes -= b.len();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_bounds() {
        let c = Responses::new(80);
        let v1: Version = ((1, 1), Some((1, 1)));
        let v2: Version = ((2, 5), Some((1, 1)));
        c.put("a".into(), v1, Bytes::from_static(b"0123456789"));
        assert_eq!(c.get("a", v1).as_deref(), Some(&b"0123456789"[..]));
        assert_eq!(c.get("a", v2), None, "a newer batch is never served old");
        assert_eq!(c.get("b", v1), None);
        // Too big for the cache: not kept.
        c.put("big".into(), v1, Bytes::from(vec![0u8; 11]));
        assert_eq!(c.get("big", v1), None);
        // Oldest out first.
        for k in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            c.put(k.into(), v1, Bytes::from_static(b"0123456789"));
        }
        assert_eq!(c.get("a", v1), None);
        assert!(c.get("i", v1).is_some());
        c.put("i".into(), v2, Bytes::from_static(b"x"));
        assert_eq!(c.get("i", v2).as_deref(), Some(&b"x"[..]));
    }
}
