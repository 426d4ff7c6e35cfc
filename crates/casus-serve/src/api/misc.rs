//! The store summary, code tables and the OpenAPI document.

use axum::extract::{RawQuery, State};
use axum::http::header::{HeaderValue, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use casus::names::{
    self as codes, ActorName, CameoName, CountryName, RoleName,
};
use casus_store::query::{self, Bucket};
use rusqlite::Connection;
use serde::Serialize;

use super::{cached, counting, counting_key, json, params_of, to_json};
use crate::db::store_error;
use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;

/// The OpenAPI 3 document, checked against [`super::ROUTES`] by tests.
pub const OPENAPI: &str = include_str!("../openapi.json");

#[derive(Serialize)]
struct StatsOut<'a> {
    #[serde(flatten)]
    summary: &'a query::Summary,
    /// First and last day with articles (from the coverage count).
    first_published: Option<&'a str>,
    last_published: Option<&'a str>,
    /// Counted mentions and clusters per CAMEO root (a scan, counted in
    /// the background; `null` until the first count is done).
    roots: Option<&'a [query::RootCount]>,
    /// Whether `roots` or the publication range describe the store
    /// before its latest ingest batches (they are being recounted).
    stale: bool,
}

impl<'a> StatsOut<'a> {
    /// The answer from a summary, the articles per day and the per-root
    /// counts.
    fn new(
        summary: &'a query::Summary,
        days: &'a [(String, i64)],
        roots: Option<&'a [query::RootCount]>,
        stale: bool,
    ) -> StatsOut<'a> {
        StatsOut {
            summary,
            first_published: days.first().map(|d| d.0.as_str()),
            last_published: days.last().map(|d| d.0.as_str()),
            roots,
            stale,
        }
    }
}

/// `GET /api/v1/stats`: the store summary. The totals add up the
/// rollups (milliseconds at any size, cached per data version); what
/// needs a scan (publication range, per-root counts) comes from the
/// background refresher, marked `stale` while it catches up. With `all`
/// or `min_confidence` (`casus stats --all/--min-confidence`) the
/// counts are a scan of the mentions they select, made on request and
/// cached per data version like the other aggregates.
pub(super) async fn stats(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), params_of("/api/v1/stats"))?;
    let counting = counting(&p)?;
    let key = format!("stats?{}", counting_key(counting));
    let state = s.clone();
    s.db.run(move |c| {
        let cache = &state.cache;
        let v = query::data_version(c).map_err(store_error)?;
        let (cov_at, days) = cache.coverage(Bucket::Day);
        let days = days.as_deref().map_or(&[][..], Vec::as_slice);
        if counting.is_default() {
            let summary = cache.summary(c, v).map_err(store_error)?;
            let roots = cache.roots();
            let stale =
                cov_at != Some(v) || roots.as_ref().map(|r| r.0) != Some(v);
            let roots = roots.as_ref().map(|(_, r)| r.as_slice());
            return Ok(json(&StatsOut::new(&summary, days, roots, stale)));
        }
        let answer = |c: &Connection, _| {
            let summary =
                query::summary_counted(c, counting).map_err(store_error)?;
            let roots = query::root_counts_counted(c, counting)
                .map_err(store_error)?;
            to_json(&StatsOut::new(
                &summary,
                days,
                Some(&roots),
                cov_at != Some(v),
            ))
        };
        cached(&state, c, &key, answer, None)
    })
    .await
}

#[derive(Serialize)]
struct StoredActor {
    #[serde(flatten)]
    actor: ActorName,
    /// Counted mentions with this code.
    events: i64,
}

#[derive(Serialize, Default)]
struct CodesOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    cameo: Option<Vec<&'static CameoName>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    countries: Option<Vec<&'static CountryName>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    roles: Option<Vec<&'static RoleName>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    actors: Option<Vec<StoredActor>>,
}

/// Whether `code` or `name` matches the filter `q` (lowercase: code
/// prefix or name substring).
fn matches(q: &Option<String>, code: &str, name: &str) -> bool {
    q.as_deref().map_or(true, |q| {
        code.to_lowercase().starts_with(q) || name.to_lowercase().contains(q)
    })
}

/// `GET /api/v1/codes`: CAMEO codes (name, Goldstein, QuadClass),
/// countries, roles, and the actor codes in the store with their names.
pub(super) async fn codes(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), params_of("/api/v1/codes"))?;
    let kind = p.choice("kind", &["cameo", "countries", "roles", "actors"])?;
    let q = p.str("q").map(|q| q.to_lowercase());
    if q.as_ref().is_some_and(|q| q.chars().count() > 50) {
        return Err(ApiError::param("q", "q: at most 50 characters"));
    }
    let limit = p.int("limit", 1, 5000, 1000)? as usize;
    let want = |k: &str| kind.map_or(true, |v| v == k);
    let mut out = CodesOut::default();
    if want("cameo") {
        let all = codes::cameo_codes().iter();
        out.cameo =
            Some(all.filter(|c| matches(&q, &c.code, &c.name)).collect());
    }
    if want("countries") {
        let all = codes::countries().iter();
        out.countries =
            Some(all.filter(|c| matches(&q, &c.code, &c.name)).collect());
    }
    if want("roles") {
        let all = codes::roles().iter();
        out.roles =
            Some(all.filter(|r| matches(&q, &r.code, &r.name)).collect());
    }
    if !want("actors") {
        return Ok(json(&out));
    }
    s.db.run(move |c| {
        let prefix = q
            .as_deref()
            .map(str::to_uppercase)
            .filter(|p| p.bytes().all(|b| b.is_ascii_uppercase()))
            .unwrap_or_default();
        let rows =
            query::actor_codes(c, &prefix, limit).map_err(store_error)?;
        let actors = rows
            .into_iter()
            .filter_map(|(code, events)| {
                codes::actor(&code).map(|actor| StoredActor { actor, events })
            })
            // A name filter (not a code prefix) is applied to the names.
            .filter(|a| {
                !prefix.is_empty() || matches(&q, &a.actor.code, &a.actor.name)
            })
            .collect();
        out.actors = Some(actors);
        Ok(json(&out))
    })
    .await
}

/// `GET /api/v1/openapi.json`.
pub(super) async fn openapi(
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref(), &[])?;
    let mut r = OPENAPI.into_response();
    r.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(r)
}
