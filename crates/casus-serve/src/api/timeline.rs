//! `GET /api/v1/timeline`: a dyad's events per day, week or month, by
//! QuadClass, with Goldstein sum and mean, outlets, and how many articles
//! the corpus has in each bucket (0 = a gap in the record, not a quiet
//! time).

use axum::extract::{RawQuery, State};
use axum::response::Response;
use casus_store::query::{self, Bucket, TimelineQuery, TimelineRow};
use chrono::NaiveDate;
use serde::Serialize;

use super::{cached, event_query, params_of, to_json};
use crate::db::store_error;
use crate::error::ApiError;
use crate::params::Params;
use crate::state::{AppState, Coverage};
use rusqlite::Connection;

/// Parameters of `/api/v1/timeline`.
pub(super) const PARAMS: &[&str] = &[
    "source",
    "target",
    "both",
    "from",
    "to",
    "root",
    "cameo",
    "plover",
    "quad",
    "min_sources",
    "text",
    "all",
    "min_confidence",
    "modality",
    "negated",
    "by",
];

/// Most buckets one timeline may have (55 years of days).
pub const MAX_BUCKETS: usize = 20_000;

#[derive(Debug, Serialize)]
struct Bucketed {
    #[serde(flatten)]
    row: TimelineRow,
    /// Articles published in the bucket (`null` while not yet counted).
    articles: Option<i64>,
}

#[derive(Serialize)]
struct Out {
    source: String,
    target: String,
    both: bool,
    by: &'static str,
    from: Option<String>,
    to: Option<String>,
    /// Whether the rollup tables answered (else a scan of mentions).
    rollups: bool,
    /// Whether `articles` is known for each bucket.
    coverage: bool,
    buckets: Vec<Bucketed>,
}

/// Filters beyond the dyad and window: these need a scan of mentions.
const SCAN_FILTERS: &[&str] = &[
    "root",
    "cameo",
    "plover",
    "quad",
    "min_sources",
    "text",
    "all",
    "min_confidence",
    "modality",
    "negated",
];

/// `GET /api/v1/timeline`.
pub(super) async fn timeline(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), params_of("/api/v1/timeline"))?;
    let (q, none) = event_query(&p)?;
    let (Some(source), Some(target)) =
        (q.filter.source.clone(), q.filter.target.clone())
    else {
        let name = if q.filter.source.is_none() { "source" } else { "target" };
        return Err(ApiError::param(name, format!("{name} is required")));
    };
    let (by, by_name) = match p.choice("by", &["day", "week", "month"])? {
        Some("day") => (Bucket::Day, "day"),
        Some("month") => (Bucket::Month, "month"),
        _ => (Bucket::Week, "week"),
    };
    let scan = SCAN_FILTERS.iter().any(|f| p.str(f).is_some());
    let window = (q.filter.from.clone(), q.filter.to.clone());
    let key = format!("timeline?{}", raw.unwrap_or_default());
    let state = s.clone();
    s.db.run(move |c| {
        let answer = |c: &Connection, coverage: Option<Coverage>| {
            let rollups = !none
                && !scan
                && query::timeline_uses_rollups(c, &source, &target)
                    .map_err(store_error)?;
            let rows = if none {
                // Contradictory filters select nothing.
                Vec::new()
            } else if rollups {
                let f = &q.filter;
                let tq = TimelineQuery {
                    both: f.both,
                    from: f.from.clone(),
                    to: f.to.clone(),
                    ..TimelineQuery::new(source.as_str(), target.as_str(), by)
                };
                query::timeline(c, &tq).map_err(store_error)?
            } else {
                // The page queries' scan, whose actor conditions let the
                // (source country, target country, day) index serve a
                // code such as USAGOV.
                query::timeline_query(c, &q, by).map_err(store_error)?
            };
            let buckets = with_coverage(rows, coverage.as_ref(), by, &window)?;
            to_json(&Out {
                source,
                target,
                both: q.filter.both,
                by: by_name,
                from: window.0.clone(),
                to: window.1.clone(),
                rollups,
                coverage: coverage.is_some(),
                buckets,
            })
        };
        cached(&state, c, &key, answer, Some(by))
    })
    .await
}

/// A `YYYY-MM-DD` day (without chrono's format parser, which showed in
/// profiles of this route).
fn day(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// Every bucket from the first to the last one with events (or the
/// whole window, as far as the corpus reaches), each with its article
/// count; empty buckets get zero events, so a gap shows as `articles: 0`.
fn with_coverage(
    rows: Vec<TimelineRow>,
    coverage: Option<&Coverage>,
    by: Bucket,
    window: &(Option<String>, Option<String>),
) -> Result<Vec<Bucketed>, ApiError> {
    let Some(cov) = coverage else {
        return Ok(rows
            .into_iter()
            .map(|row| Bucketed { row, articles: None })
            .collect());
    };
    let first_row = rows.first().and_then(|r| day(&r.bucket));
    let last_row = rows.last().and_then(|r| day(&r.bucket));
    let data_lo = [first_row, cov.first().and_then(|c| day(&c.0))]
        .into_iter()
        .flatten()
        .min();
    let data_hi = [last_row, cov.last().and_then(|c| day(&c.0))]
        .into_iter()
        .flatten()
        .max();
    let lo = match (window.0.as_deref().and_then(day), data_lo) {
        (Some(f), Some(d)) => Some(by.start(f).max(d)),
        _ => first_row,
    };
    let hi = match (window.1.as_deref().and_then(day), data_hi) {
        (Some(t), Some(d)) => Some(by.start(t).min(d)),
        _ => last_row,
    };
    let (Some(lo), Some(hi)) = (lo, hi) else { return Ok(Vec::new()) };
    let mut rows = rows.into_iter().peekable();
    let mut covs = cov.iter().peekable();
    let mut out = Vec::new();
    let mut b = Some(lo);
    while let Some(d) = b.filter(|d| *d <= hi) {
        if out.len() >= MAX_BUCKETS {
            return Err(ApiError::param(
                "by",
                format!(
                    "more than {MAX_BUCKETS} buckets: use a coarser `by` or a narrower from/to"
                ),
            ));
        }
        while rows
            .peek()
            .is_some_and(|r| day(&r.bucket).is_some_and(|x| x < d))
        {
            rows.next();
        }
        let row = match rows.peek() {
            Some(r) if day(&r.bucket) == Some(d) => rows.next(),
            _ => None,
        }
        .unwrap_or_else(|| empty(d.to_string()));
        while covs.peek().is_some_and(|c| day(&c.0).is_some_and(|x| x < d)) {
            covs.next();
        }
        let articles = match covs.peek() {
            Some(c) if day(&c.0) == Some(d) => c.1,
            _ => 0,
        };
        out.push(Bucketed { row, articles: Some(articles) });
        b = by.next(d);
    }
    Ok(out)
}

fn empty(bucket: String) -> TimelineRow {
    TimelineRow {
        bucket,
        events: 0,
        clusters: 0,
        verbal_coop: 0,
        material_coop: 0,
        verbal_conflict: 0,
        material_conflict: 0,
        goldstein_sum: 0.0,
        goldstein_mean: None,
        sources: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn row(b: &str, events: i64) -> TimelineRow {
        TimelineRow { events, ..empty(b.to_string()) }
    }

    #[test]
    fn buckets_span_events_and_articles() {
        let cov: Coverage = Arc::new(vec![
            ("2024-01-01".into(), 3),
            ("2024-01-04".into(), 1),
            ("2024-01-06".into(), 2),
        ]);
        let rows = vec![row("2024-01-02", 5), row("2024-01-04", 1)];
        let none = (None, None);
        let out = with_coverage(rows.clone(), Some(&cov), Bucket::Day, &none)
            .unwrap();
        let got: Vec<(String, i64, Option<i64>)> = out
            .iter()
            .map(|b| (b.row.bucket.clone(), b.row.events, b.articles))
            .collect();
        let want =
            [("2024-01-02", 5, 0), ("2024-01-03", 0, 0), ("2024-01-04", 1, 1)];
        let want: Vec<_> = want
            .iter()
            .map(|(b, e, a)| (b.to_string(), *e, Some(*a)))
            .collect();
        assert_eq!(got, want);
        let window = (Some("2023-01-01".into()), Some("2024-12-31".into()));
        let out =
            with_coverage(rows.clone(), Some(&cov), Bucket::Day, &window)
                .unwrap();
        let days: Vec<_> =
            out.iter().map(|b| (b.row.events, b.articles)).collect();
        assert_eq!(days[0], (0, Some(3)));
        assert_eq!(days.len(), 6);
        let out = with_coverage(rows, None, Bucket::Day, &none).unwrap();
        assert_eq!((out.len(), out[0].articles), (2, None));
        let far: Coverage =
            Arc::new(vec![("1900-01-01".into(), 1), ("2024-01-01".into(), 1)]);
        let all = (Some("1900-01-01".into()), None);
        let err = with_coverage(
            vec![row("2024-01-01", 1)],
            Some(&far),
            Bucket::Day,
            &all,
        )
        .unwrap_err();
        assert_eq!(err.parameter.as_deref(), Some("by"));
    }
}
