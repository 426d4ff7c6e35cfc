//! The JSON API under `/api/v1`: one module per resource, a table of
//! routes with the parameters each accepts (the OpenAPI document is
//! checked against it), and the filter parsing the event routes share.

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use axum::http::header::{HeaderValue, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use casus_store::query::{self, Bucket, Counting, Cursor, EventQuery, Filter};
use rusqlite::Connection;
use serde::Serialize;

use crate::db::store_error;
use crate::error::ApiError;
use crate::params::{actor_spec, clip, Params};
use crate::state::{AppState, Coverage};

mod actors;
mod events;
mod misc;
mod timeline;

pub use self::misc::OPENAPI;

/// One API route and the query parameters it accepts.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    /// The path, in OpenAPI/axum syntax (`/api/v1/events/{id}`).
    pub path: &'static str,
    /// Accepted query parameters.
    pub params: &'static [&'static str],
}

/// The filters shared by `events` and `timeline`.
#[cfg(test)]
const FILTERS: &[&str] = &[
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
    "modality",
    "negated",
];

/// Every API route (all `GET`).
pub const ROUTES: &[Route] = &[
    Route { path: "/api/v1/events", params: events::EVENTS_PARAMS },
    Route { path: "/api/v1/events/{id}", params: &[] },
    Route { path: "/api/v1/clusters/{id}", params: &[] },
    Route { path: "/api/v1/timeline", params: timeline::PARAMS },
    Route {
        path: "/api/v1/actors/top",
        params: &["n", "from", "to", "all", "min_confidence"],
    },
    Route {
        path: "/api/v1/actors/matrix",
        params: &["n", "from", "to", "all", "min_confidence"],
    },
    Route { path: "/api/v1/actors/suggest", params: &["q", "limit"] },
    Route { path: "/api/v1/actors/{code}", params: &[] },
    Route { path: "/api/v1/articles/{id}", params: &[] },
    Route { path: "/api/v1/stats", params: &["all", "min_confidence"] },
    Route { path: "/api/v1/search", params: &["q", "limit", "cursor", "all"] },
    Route { path: "/api/v1/codes", params: &["kind", "q", "limit"] },
    Route { path: "/api/v1/openapi.json", params: &[] },
];

/// The accepted parameters of `path` (a [`ROUTES`] entry).
pub(crate) fn params_of(path: &str) -> &'static [&'static str] {
    ROUTES.iter().find(|r| r.path == path).map_or(&[], |r| r.params)
}

/// The API router (state still to be supplied).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/events", get(events::list))
        .route("/api/v1/events/{id}", get(events::one))
        .route("/api/v1/clusters/{id}", get(events::cluster))
        .route("/api/v1/timeline", get(timeline::timeline))
        .route("/api/v1/actors/top", get(actors::top))
        .route("/api/v1/actors/matrix", get(actors::matrix))
        .route("/api/v1/actors/suggest", get(actors::suggest))
        .route("/api/v1/actors/{code}", get(actors::one))
        .route("/api/v1/articles/{id}", get(events::article))
        .route("/api/v1/stats", get(misc::stats))
        .route("/api/v1/search", get(events::search))
        .route("/api/v1/codes", get(misc::codes))
        .route("/api/v1/openapi.json", get(misc::openapi))
}

/// A 200 JSON response from serialized bytes.
pub(crate) fn json_body(body: Bytes) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

/// JSON bytes of `v`.
pub(crate) fn to_json<T: Serialize>(v: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(v)
        .map_err(|e| ApiError::internal(format!("serializing: {e}")))
}

/// The response for `key` (path and raw query) from the response cache
/// when the store has not changed since, else `f`'s, cached.
pub(crate) fn cached(
    s: &AppState,
    c: &Connection,
    key: &str,
    f: impl FnOnce(&Connection, Option<Coverage>) -> Result<Vec<u8>, ApiError>,
    by: Option<Bucket>,
) -> Result<Response, ApiError> {
    let (cov_version, coverage) = match by {
        Some(b) => s.cache.coverage(b),
        None => (s.cache.version(), None),
    };
    let v = (query::data_version(c).map_err(store_error)?, cov_version);
    if let Some(body) = s.responses.get(key, v) {
        return Ok(json_body(body));
    }
    let body = Bytes::from(f(c, coverage)?);
    s.responses.put(key.to_string(), v, body.clone());
    Ok(json_body(body))
}

/// A 200 JSON response.
pub(crate) fn json<T: Serialize>(v: &T) -> Response {
    match serde_json::to_vec(v) {
        Ok(body) => {
            let mut r = body.into_response();
            r.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            r
        }
        Err(e) => {
            ApiError::internal(format!("serializing: {e}")).into_response()
        }
    }
}

/// The single path parameter of a route, or a 400 naming it.
pub(crate) fn path_param(
    name: &str,
    p: Result<Path<String>, PathRejection>,
) -> Result<String, ApiError> {
    let Path(v) =
        p.map_err(|e| ApiError::param(name, format!("{name}: {e}")))?;
    if v.is_empty() || v.chars().count() > crate::params::MAX_VALUE {
        return Err(ApiError::param(
            name,
            format!("{name}: empty or too long"),
        ));
    }
    if v.chars().any(char::is_control) {
        return Err(ApiError::param(
            name,
            format!("{name}: control characters"),
        ));
    }
    Ok(v)
}

/// A positive row id path parameter.
pub(crate) fn id_param(
    name: &str,
    p: Result<Path<String>, PathRejection>,
) -> Result<i64, ApiError> {
    let v = path_param(name, p)?;
    v.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        ApiError::param(
            name,
            format!("{name}: expected a positive integer, got {:?}", clip(&v)),
        )
    })
}

const MODALITIES: &[&str] = &[
    "asserted",
    "intended",
    "possible",
    "requested",
    "counterfactual",
    "conditional",
    "alleged",
];

/// The source and target of `p`, and whether they select nothing.
/// `dyad=SRC:TGT` (the `casus events --dyad` form; events only) fills both; where
/// `source` or `target` is given too, both must hold, so the narrower
/// one applies (see [`narrower`]).
fn dyad(
    p: &Params,
) -> Result<(Option<String>, Option<String>, bool), ApiError> {
    let source =
        p.str("source").map(|v| actor_spec("source", v)).transpose()?;
    let target =
        p.str("target").map(|v| actor_spec("target", v)).transpose()?;
    let Some(d) = p.str("dyad") else {
        return Ok((source, target, false));
    };
    let Some((s, t)) = d.split_once(':') else {
        return Err(ApiError::param(
            "dyad",
            format!("dyad: expected SRC:TGT, e.g. USA:ISR, got {:?}", clip(d)),
        ));
    };
    // Each side up to 200 characters, the whole at most 201: what the
    // OpenAPI document says (`maxLength` cannot bound the sides).
    let side = |v: &str| {
        let v = v.trim();
        if v.is_empty() || d.chars().count() > 201 {
            return Err(ApiError::param(
                "dyad",
                "dyad: expected SRC:TGT with an actor code or name on each \
                 side, at most 201 characters",
            ));
        }
        Ok(v.to_string())
    };
    let (s, t) = (side(s)?, side(t)?);
    let (s, s_ok) = narrower(source, s);
    let (t, t_ok) = narrower(target, t);
    Ok((Some(s), Some(t), !(s_ok && t_ok)))
}

/// Both of two actor specs as one, where one implies the other: the
/// same spec (ignoring case), the longer of two codes one of which
/// extends the other (`USA` and `USAGOV`: `USAGOV`), or a name over a
/// code (a name is narrower than any code). `false` when nothing can
/// match both (two unrelated codes or names).
fn narrower(given: Option<String>, from_dyad: String) -> (String, bool) {
    let Some(g) = given else { return (from_dyad, true) };
    let code = |v: &str| {
        v.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    };
    if g.eq_ignore_ascii_case(&from_dyad) {
        // The code-like spelling: `usa` would be read as a name.
        return (if code(&g) { g } else { from_dyad }, true);
    }
    match (code(&g), code(&from_dyad)) {
        (true, true) if from_dyad.starts_with(&g) => (from_dyad, true),
        (true, true) if g.starts_with(&from_dyad) => (g, true),
        (false, true) => (g, true),
        (true, false) => (from_dyad, true),
        _ => (g, false),
    }
}

/// The filters of [`FILTERS`] as a store query (limit and cursor
/// unset), and whether they contradict each other (select nothing).
pub(crate) fn event_query(p: &Params) -> Result<(EventQuery, bool), ApiError> {
    let (source, target, none) = dyad(p)?;
    let from = p.day("from")?;
    let to = p.day("to")?;
    let plover = match p.str("plover") {
        Some(v)
            if v.len() <= 20
                && v.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_') =>
        {
            Some(v.to_ascii_uppercase())
        }
        Some(v) => {
            return Err(ApiError::param(
                "plover",
                format!(
                    "plover: expected a PLOVER type such as ACCUSE, got {:?}",
                    clip(v)
                ),
            ))
        }
        None => None,
    };
    let text = match p.str("text") {
        Some(v) if v.chars().count() > 200 => {
            return Err(ApiError::param(
                "text",
                "text: at most 200 characters",
            ))
        }
        v => v.map(String::from),
    };
    let q = EventQuery {
        filter: Filter {
            source,
            target,
            both: p.flag("both")?,
            from: from.map(|d| d.to_string()),
            to: to.map(|d| d.to_string()),
            root: p.digits("root", 2, 2)?,
            cameo: p.digits("cameo", 2, 4)?,
            plover,
            quad: p.opt_int("quad", 1, 4)?.map(|q| q as u8),
            min_sources: p
                .opt_int("min_sources", 1, 1_000_000)?
                .map(|n| n as u32),
            text,
            all: p.flag("all")?,
            // Like `casus events --min-confidence`: asserted,
            // non-negated mentions reaching it (with `all`: any).
            min_confidence: p.confidence("min_confidence")?,
            limit: None,
        },
        modality: p.choice("modality", MODALITIES)?.map(String::from),
        negated: p.opt_flag("negated")?,
        after: None,
        desc: false,
        limit: 0,
    };
    Ok((q, none))
}

/// The counting parameters of the aggregate routes (`actors/top`,
/// `actors/matrix`, `stats`), with the meaning of `casus top` and
/// `casus stats` `--all`/`--min-confidence`: `all` counts every stored
/// mention, `min_confidence` asserted non-negated mentions reaching it
/// (with `all`: any mention reaching it); neither, the counted mentions
/// the rollups hold.
pub(crate) fn counting(p: &Params) -> Result<Counting, ApiError> {
    Ok(Counting {
        all: p.flag("all")?,
        min_confidence: p.confidence("min_confidence")?,
    })
}

/// `counting` as part of a response-cache key: from the parsed values,
/// so that spellings of one request (`all=1`, `all=true`,
/// `min_confidence=0.50`) share an entry and parameter order does not
/// matter.
pub(crate) fn counting_key(c: Counting) -> String {
    match c.min_confidence {
        Some(x) => format!("all={}&min_confidence={x}", c.all),
        None => format!("all={}", c.all),
    }
}

/// The `cursor` parameter of a (day, id) listing.
pub(crate) fn cursor(p: &Params) -> Result<Option<Cursor>, ApiError> {
    p.str("cursor")
        .map(|c| {
            c.parse::<Cursor>()
                .map_err(|e| ApiError::param("cursor", e.to_string()))
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q2(s: &str) -> Result<(EventQuery, bool), ApiError> {
        event_query(&Params::parse(Some(s), params_of("/api/v1/events"))?)
    }

    fn q(s: &str) -> Result<EventQuery, ApiError> {
        q2(s).map(|(q, _)| q)
    }

    #[test]
    fn filters() {
        let e = q(
            "source=USA&target=ISR&both=true&root=19&quad=4&modality=Intended",
        )
        .unwrap();
        assert_eq!(e.filter.source.as_deref(), Some("USA"));
        assert_eq!(e.filter.target.as_deref(), Some("ISR"));
        assert!(e.filter.both);
        assert_eq!(
            (e.filter.root.as_deref(), e.filter.quad),
            (Some("19"), Some(4))
        );
        assert_eq!(e.modality.as_deref(), Some("intended"));
        assert_eq!(
            q("plover=accuse").unwrap().filter.plover.as_deref(),
            Some("ACCUSE")
        );
        let bad = [
            ("dyad=USA", "dyad"),
            ("dyad=USA:", "dyad"),
            ("dyad=:ISR", "dyad"),
            ("dyad=USA:ISR:PSE", ""),
            ("source=%20", "source"),
            ("root=1", "root"),
            ("cameo=12345", "cameo"),
            ("quad=5", "quad"),
            ("min_sources=0", "min_sources"),
            ("modality=maybe", "modality"),
            ("negated=maybe", "negated"),
            ("plover=a-b", "plover"),
            ("all=2", "all"),
        ];
        for (s, name) in bad.into_iter().filter(|(_, n)| !n.is_empty()) {
            let e = q(s).err().unwrap_or_else(|| panic!("{s} accepted"));
            assert_eq!(e.parameter.as_deref(), Some(name), "{s}");
        }
        let p = Params::parse(Some("cursor=x"), &["cursor"]).unwrap();
        assert_eq!(
            cursor(&p).unwrap_err().parameter.as_deref(),
            Some("cursor")
        );
    }

    #[test]
    fn dyad_fills_source_and_target_and_ands_with_them() {
        let x197 = "x".repeat(197);
        let long_ok = format!("dyad={x197}:ISR");
        let too_long = format!("dyad={x197}x:ISR");
        let cases = [
            ("dyad=USA:Israel", Some(("USA", "Israel", false))),
            ("dyad=USA:ISR&source=usa", Some(("USA", "ISR", false))),
            ("dyad=USA:ISR&source=USAGOV", Some(("USAGOV", "ISR", false))),
            ("dyad=USAGOV:ISR&source=USA", Some(("USAGOV", "ISR", false))),
            (
                "dyad=USA:ISR&target=Netanyahu",
                Some(("USA", "Netanyahu", false)),
            ),
            (
                "dyad=USA:Netanyahu&target=ISR",
                Some(("USA", "Netanyahu", false)),
            ),
            ("dyad=USA:ISR&source=RUS", Some(("RUS", "ISR", true))),
            (
                "dyad=USA:ISR&target=Gaza%20Strip",
                Some(("USA", "Gaza Strip", false)),
            ),
            ("dyad=A%20B:ISR&source=C%20D", Some(("C D", "ISR", true))),
            ("dyad=USA:ISR:PSE", Some(("USA", "ISR:PSE", false))),
            (&*long_ok, Some((&x197[..], "ISR", false))),
            (&*too_long, None),
            ("dyad=USA", None),
            ("dyad=%20:ISR", None),
        ];
        for (s, want) in cases {
            let got = q2(s).ok().map(|(e, none)| {
                let f = e.filter;
                (
                    f.source.unwrap_or_default(),
                    f.target.unwrap_or_default(),
                    none,
                )
            });
            let want = want.map(|(a, b, n)| (a.to_string(), b.to_string(), n));
            assert_eq!(got, want, "{s}");
        }
    }

    #[test]
    fn counting_parameters() {
        let c = |s: &str| {
            counting(&Params::parse(Some(s), params_of("/api/v1/stats"))?)
        };
        assert_eq!(c(""), Ok(Counting::default()));
        assert_eq!(
            c("all=1&min_confidence=0.5"),
            Ok(Counting { all: true, min_confidence: Some(0.5) })
        );
        assert_eq!(counting_key(c("all=true").unwrap()), "all=true");
        assert_eq!(
            counting_key(c("min_confidence=0.50&all=0").unwrap()),
            counting_key(c("all=false&min_confidence=.5").unwrap())
        );
        for (bad, name) in [
            ("all=yes", "all"),
            ("min_confidence=1.01", "min_confidence"),
            ("min_confidence=1.0000000000000002", "min_confidence"),
            ("min_confidence=-0", ""),
            ("min_confidence=NaN", "min_confidence"),
            ("min_confidence=inf", "min_confidence"),
            ("min_confidence=0x1", "min_confidence"),
        ] {
            match c(bad) {
                Ok(_) => assert!(name.is_empty(), "{bad} accepted"),
                Err(e) => assert_eq!(e.parameter.as_deref(), Some(name)),
            }
        }
    }

    #[test]
    fn route_params_are_known() {
        for r in ROUTES {
            let mut sorted = r.params.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), r.params.len(), "{}", r.path);
        }
        assert!(params_of("/api/v1/timeline").contains(&"by"));
        for f in FILTERS {
            assert!(params_of("/api/v1/events").contains(f), "{f}");
            assert!(params_of("/api/v1/timeline").contains(f), "{f}");
        }
    }
}
