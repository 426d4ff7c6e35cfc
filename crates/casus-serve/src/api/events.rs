//! Mentions, clusters, articles and evidence search.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use casus_store::query::{self, StoredEvent};
use serde::Serialize;

use super::{cursor, event_query, id_param, json, params_of, path_param};
use crate::db::store_error;
use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;

/// Parameters of `/api/v1/events`.
pub(super) const EVENTS_PARAMS: &[&str] = &[
    "source",
    "target",
    "dyad",
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
    "limit",
    "cursor",
    "order",
    "clusters",
];

/// Most rows one page may have.
pub const MAX_PAGE: i64 = 1000;
/// Most mentions listed with one cluster or article.
pub const MAX_MENTIONS: usize = 500;

/// `GET /api/v1/events`: a page of mentions (or clusters).
pub(super) async fn list(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), params_of("/api/v1/events"))?;
    let (mut q, none) = event_query(&p)?;
    q.limit = p.int("limit", 1, MAX_PAGE, 50)? as usize;
    q.after = cursor(&p)?;
    q.desc = p.choice("order", &["asc", "desc"])? == Some("desc");
    let clusters = p.flag("clusters")?;
    if none {
        // Contradictory filters (dyad against source/target).
        return Ok(json(&Page {
            events: (!clusters).then(Vec::new),
            clusters: clusters.then(Vec::new),
            next: None,
        }));
    }
    s.db.run(move |c| {
        if clusters {
            let (rows, next) =
                query::clusters_page(c, &q).map_err(store_error)?;
            Ok(json(&Page {
                clusters: Some(rows),
                events: None,
                next: next.map(|n| n.to_string()),
            }))
        } else {
            let (rows, next) =
                query::events_page(c, &q).map_err(store_error)?;
            Ok(json(&Page {
                events: Some(rows),
                clusters: None,
                next: next.map(|n| n.to_string()),
            }))
        }
    })
    .await
}

#[derive(Serialize)]
struct Page {
    #[serde(skip_serializing_if = "Option::is_none")]
    events: Option<Vec<StoredEvent>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clusters: Option<Vec<query::Cluster>>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    next: Option<String>,
}

#[derive(Serialize)]
struct WithCluster {
    event: StoredEvent,
    cluster: Option<query::Cluster>,
    mentions: Vec<StoredEvent>,
}

/// `GET /api/v1/events/{id}`: one mention with its cluster's mentions.
pub(super) async fn one(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
    p: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref(), &[])?;
    let id = id_param("id", p)?;
    s.db.run(move |c| {
        let event = query::find_event(c, id)
            .map_err(store_error)?
            .ok_or_else(|| ApiError::not_found(format!("no event {id}")))?;
        let cluster =
            query::find_cluster(c, event.cluster).map_err(store_error)?;
        let mentions = query::cluster_mentions(c, event.cluster, MAX_MENTIONS)
            .map_err(store_error)?;
        Ok(json(&WithCluster { event, cluster, mentions }))
    })
    .await
}

#[derive(Serialize)]
struct ClusterOut {
    cluster: query::Cluster,
    mentions: Vec<StoredEvent>,
}

/// `GET /api/v1/clusters/{id}`: one cluster with its mentions.
pub(super) async fn cluster(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
    p: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref(), &[])?;
    let id = id_param("id", p)?;
    s.db.run(move |c| {
        let cluster = query::find_cluster(c, id)
            .map_err(store_error)?
            .ok_or_else(|| ApiError::not_found(format!("no cluster {id}")))?;
        let mentions = query::cluster_mentions(c, id, MAX_MENTIONS)
            .map_err(store_error)?;
        Ok(json(&ClusterOut { cluster, mentions }))
    })
    .await
}

#[derive(Serialize)]
struct ArticleEvent {
    #[serde(flatten)]
    event: StoredEvent,
    /// Byte range of the evidence sentence in the article text.
    evidence_span: Option<[usize; 2]>,
}

#[derive(Serialize)]
struct ArticleOut {
    article: query::StoredArticle,
    events: Vec<ArticleEvent>,
}

/// Where the evidence sentence of `e` sits in `text`: the occurrence
/// that holds the trigger, else the first one.
pub(crate) fn evidence_span(
    text: &str,
    e: &StoredEvent,
) -> Option<[usize; 2]> {
    let ev = e.event.evidence.as_str();
    if ev.is_empty() {
        return None;
    }
    let trigger = e.event.span.start as usize;
    let mut first = None;
    for (at, _) in text.match_indices(ev) {
        let span = [at, at + ev.len()];
        if (span[0]..span[1]).contains(&trigger) {
            return Some(span);
        }
        first = first.or(Some(span));
    }
    first
}

/// `GET /api/v1/articles/{id}`: an article's text and every mention in
/// it, with the evidence sentence's place in the text.
pub(super) async fn article(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
    p: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref(), &[])?;
    let id = path_param("id", p)?;
    s.db.run(move |c| {
        let article =
            query::find_article(c, &id).map_err(store_error)?.ok_or_else(
                || ApiError::not_found(format!("no article {id:?}")),
            )?;
        let mentions = query::article_mentions(c, &article, MAX_MENTIONS)
            .map_err(store_error)?;
        let text = article.text.as_deref().unwrap_or("");
        let events = mentions
            .into_iter()
            .map(|event| ArticleEvent {
                evidence_span: evidence_span(text, &event),
                event,
            })
            .collect();
        Ok(json(&ArticleOut { article, events }))
    })
    .await
}

#[derive(Serialize)]
struct SearchOut {
    hits: Vec<query::SearchHit>,
    next: Option<String>,
}

/// `GET /api/v1/search`: full-text search over evidence, newest first.
pub(super) async fn search(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), params_of("/api/v1/search"))?;
    let words = p.required("q")?.to_string();
    if words.chars().count() > 200 {
        return Err(ApiError::param("q", "q: at most 200 characters"));
    }
    let limit = p.int("limit", 1, 200, 20)? as usize;
    let before = p.opt_int("cursor", 1, i64::MAX)?;
    let all = p.flag("all")?;
    s.db.run(move |c| {
        let (hits, next) = query::search(c, &words, all, before, limit)
            .map_err(store_error)?;
        Ok(json(&SearchOut { hits, next: next.map(|n| n.to_string()) }))
    })
    .await
}
