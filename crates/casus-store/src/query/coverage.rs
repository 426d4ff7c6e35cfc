//! Timelines against the corpus' coverage: every bucket of a range with
//! the number of articles the store holds for it. A bucket with no
//! articles at all is a gap in the record, not a quiet period, and
//! counts per article let timelines of corpora of changing size be
//! compared (`casus timeline`'s `articles` column, `--normalize` and the
//! plot's gaps).
//!
//! # Example
//!
//! ```
//! use casus_store::query::{cover, Bucket, TimelineRow};
//! use chrono::NaiveDate;
//!
//! let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
//! let row = TimelineRow {
//!     bucket: "2024-01-01".into(), events: 2, clusters: 1, verbal_coop: 0,
//!     material_coop: 0, verbal_conflict: 2, material_conflict: 0,
//!     goldstein_sum: -4.0, goldstein_mean: Some(-2.0), sources: 1,
//! };
//! let coverage = vec![("2024-01-01".to_string(), 4)];
//! let rows = cover(&[row], &coverage, Bucket::Day, day("2024-01-01"),
//!     day("2024-01-02")).unwrap();
//! assert_eq!((rows[0].articles, rows[0].per_article()), (4, Some(0.5)));
//! assert!(rows[1].is_gap());
//! ```

use chrono::NaiveDate;
use serde::Serialize;

use super::{row_of, Bucket, TimelineRow};
use crate::Error;

/// Most buckets one covered timeline may have (55 years of days).
pub const MAX_COVERED_BUCKETS: usize = 20_000;

/// A timeline bucket with the articles the corpus has in it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoveredRow {
    /// The bucket's counts.
    #[serde(flatten)]
    pub row: TimelineRow,
    /// Articles published in the bucket (0: a gap in the record).
    pub articles: i64,
}

impl CoveredRow {
    /// Whether the corpus has no article in the bucket.
    pub fn is_gap(&self) -> bool {
        self.articles == 0
    }

    /// Counted events per article (`None` in a gap).
    pub fn per_article(&self) -> Option<f64> {
        (self.articles > 0)
            .then(|| self.row.events as f64 / self.articles as f64)
    }
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// The buckets to show for the timelines `sets` (one per dyad): from the
/// first to the last bucket with events in any of them; with `from`/`to`
/// the window's buckets instead, as far as the events or the corpus
/// reach (a window past the corpus' ends is not padded). `None` when
/// there is nothing to show.
pub fn covered_range(
    sets: &[Vec<TimelineRow>],
    coverage: &[(String, i64)],
    by: Bucket,
    from: Option<&str>,
    to: Option<&str>,
) -> Option<(NaiveDate, NaiveDate)> {
    let firsts = sets.iter().filter_map(|r| r.first()).map(|r| &r.bucket);
    let lasts = sets.iter().filter_map(|r| r.last()).map(|r| &r.bucket);
    let first_row = firsts.filter_map(|b| day(b)).min();
    let last_row = lasts.filter_map(|b| day(b)).max();
    let cov_lo = coverage.first().and_then(|c| day(&c.0));
    let cov_hi = coverage.last().and_then(|c| day(&c.0));
    let data_lo = [first_row, cov_lo].into_iter().flatten().min();
    let data_hi = [last_row, cov_hi].into_iter().flatten().max();
    let lo = match (from.and_then(day), data_lo) {
        (Some(f), Some(d)) => Some(by.start(f).max(d)),
        _ => first_row,
    };
    let hi = match (to.and_then(day), data_hi) {
        (Some(t), Some(d)) => Some(by.start(t).min(d)),
        _ => last_row,
    };
    match (lo, hi) {
        (Some(l), Some(h)) if l <= h => Some((l, h)),
        _ => None,
    }
}

/// `rows` (one dyad's timeline, bucket order) laid over every bucket
/// from `lo` to `hi`, each with its article count from `coverage`
/// ([`super::articles_per_bucket`]); buckets without events get zeros.
///
/// # Errors
///
/// [`Error::Invalid`] past [`MAX_COVERED_BUCKETS`] buckets.
pub fn cover(
    rows: &[TimelineRow],
    coverage: &[(String, i64)],
    by: Bucket,
    lo: NaiveDate,
    hi: NaiveDate,
) -> crate::Result<Vec<CoveredRow>> {
    let mut rows = rows.iter().peekable();
    let mut covs = coverage.iter().peekable();
    let mut out = Vec::new();
    let mut b = Some(by.start(lo));
    while let Some(d) = b.filter(|d| *d <= hi) {
        if out.len() >= MAX_COVERED_BUCKETS {
            return Err(Error::Invalid(format!(
                "more than {MAX_COVERED_BUCKETS} buckets: use a coarser \
                 --by or a narrower --from/--to"
            )));
        }
        while rows
            .peek()
            .is_some_and(|r| day(&r.bucket).is_some_and(|x| x < d))
        {
            rows.next();
        }
        while covs.peek().is_some_and(|c| day(&c.0).is_some_and(|x| x < d)) {
            covs.next();
        }
        let label = d.to_string();
        let row = match rows.peek() {
            Some(r) if r.bucket == label => (*r).clone(),
            _ => row_of(label.clone(), [0; 8]),
        };
        let articles = match covs.peek() {
            Some(c) if c.0 == label => c.1,
            _ => 0,
        };
        out.push(CoveredRow { row, articles });
        b = by.next(d);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(bucket: &str, events: i64) -> TimelineRow {
        row_of(bucket.to_string(), [events, 1, 0, 0, 0, events, -10, 1])
    }

    fn d(s: &str) -> NaiveDate {
        day(s).unwrap()
    }

    #[test]
    fn covers_every_bucket() {
        let cov: Vec<(String, i64)> = vec![
            ("2024-01-01".into(), 5),
            ("2024-01-03".into(), 2),
            ("2024-01-05".into(), 1),
        ];
        let rows = [r("2024-01-01", 2), r("2024-01-03", 1)];
        let got =
            cover(&rows, &cov, Bucket::Day, d("2024-01-01"), d("2024-01-04"))
                .unwrap();
        let brief: Vec<(&str, i64, i64)> = got
            .iter()
            .map(|c| (c.row.bucket.as_str(), c.row.events, c.articles))
            .collect();
        assert_eq!(
            brief,
            [
                ("2024-01-01", 2, 5),
                ("2024-01-02", 0, 0),
                ("2024-01-03", 1, 2),
                ("2024-01-04", 0, 0)
            ]
        );
        assert!(got[1].is_gap() && !got[0].is_gap());
        assert_eq!(got[0].per_article(), Some(0.4));
        assert_eq!(got[1].per_article(), None);
    }

    #[test]
    fn ranges() {
        let cov: Vec<(String, i64)> =
            vec![("2024-01-01".into(), 5), ("2024-03-01".into(), 2)];
        let a = vec![r("2024-01-15", 1)];
        let b = vec![r("2024-02-01", 1)];
        let m = Bucket::Day;
        // (sets, from, to, range)
        type Case<'a> = (
            Vec<Vec<TimelineRow>>,
            Option<&'a str>,
            Option<&'a str>,
            Option<(&'a str, &'a str)>,
        );
        let cases: Vec<Case<'_>> = vec![
            (
                vec![a.clone(), b.clone()],
                None,
                None,
                Some(("2024-01-15", "2024-02-01")),
            ),
            (
                vec![a.clone()],
                Some("2023-01-01"),
                None,
                Some(("2024-01-01", "2024-01-15")),
            ),
            (
                vec![a.clone()],
                Some("2024-01-10"),
                Some("2030-01-01"),
                Some(("2024-01-10", "2024-03-01")),
            ),
            (vec![vec![]], None, None, None),
            (
                vec![vec![]],
                Some("2024-02-01"),
                Some("2024-02-03"),
                Some(("2024-02-01", "2024-02-03")),
            ),
        ];
        for (sets, from, to, want) in cases {
            let got = covered_range(&sets, &cov, m, from, to);
            assert_eq!(
                got,
                want.map(|(x, y)| (d(x), d(y))),
                "{from:?} {to:?}"
            );
        }
    }

    #[test]
    fn caps_buckets() {
        let err =
            cover(&[], &[], Bucket::Day, d("1900-01-01"), d("2024-01-01"));
        assert!(err.is_err());
    }
}
