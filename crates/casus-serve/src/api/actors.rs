//! Actors: the most active, a country-to-country matrix, suggestions for
//! a typeahead, and one actor's activity.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use casus_store::query::{self, ActorRow};
use serde::Serialize;

use super::{
    cached, counting, counting_key, json, params_of, path_param, to_json,
};
use crate::db::store_error;
use crate::error::ApiError;
use crate::params::{clip, Params};
use crate::state::AppState;
use rusqlite::Connection;

/// The readable name of an actor code (`ISRMIL` -> `Israel (military)`).
fn name_of(code: &str) -> Option<String> {
    casus::names::actor(code).map(|a| a.name)
}

fn window(p: &Params) -> Result<(Option<String>, Option<String>), ApiError> {
    let from = p.day("from")?;
    let to = p.day("to")?;
    Ok((from.map(|d| d.to_string()), to.map(|d| d.to_string())))
}

#[derive(Serialize)]
struct Named {
    #[serde(flatten)]
    row: ActorRow,
    name: Option<String>,
}

#[derive(Serialize)]
struct TopOut {
    from: Option<String>,
    to: Option<String>,
    actors: Vec<Named>,
}

/// `GET /api/v1/actors/top`: the `n` most active actor codes (counted
/// mentions from the rollups; with `all` or `min_confidence` a scan).
pub(super) async fn top(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), params_of("/api/v1/actors/top"))?;
    let n = p.int("n", 1, 500, 20)? as usize;
    let (from, to) = window(&p)?;
    let counting = counting(&p)?;
    let key = format!(
        "top?n={n}&from={from:?}&to={to:?}&{}",
        counting_key(counting)
    );
    let state = s.clone();
    s.db.run(move |c| {
        let answer = |c: &Connection, _| {
            let rows = query::top_actors_counted(
                c,
                n,
                from.as_deref(),
                to.as_deref(),
                counting,
            )
            .map_err(store_error)?;
            let actors = rows
                .into_iter()
                .map(|row| Named { name: name_of(&row.actor), row })
                .collect();
            to_json(&TopOut { from, to, actors })
        };
        cached(&state, c, &key, answer, None)
    })
    .await
}

#[derive(Serialize)]
struct MatrixOut {
    from: Option<String>,
    to: Option<String>,
    names: Vec<Option<String>>,
    #[serde(flatten)]
    matrix: query::CountryMatrix,
}

/// `GET /api/v1/actors/matrix`: counted mentions between the `n` most
/// active countries of a window (rows: source, columns: target); with
/// `all` or `min_confidence`, the mentions they select (a scan).
pub(super) async fn matrix(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref(), params_of("/api/v1/actors/matrix"))?;
    let n = p.int("n", 2, 40, 12)? as usize;
    let (from, to) = window(&p)?;
    let counting = counting(&p)?;
    let key = format!(
        "matrix?n={n}&from={from:?}&to={to:?}&{}",
        counting_key(counting)
    );
    let state = s.clone();
    s.db.run(move |c| {
        let answer = |c: &Connection, _| {
            let matrix = query::country_matrix_counted(
                c,
                n,
                from.as_deref(),
                to.as_deref(),
                counting,
            )
            .map_err(store_error)?;
            let names = matrix
                .countries
                .iter()
                .map(|c| casus::names::country(c).map(String::from))
                .collect();
            to_json(&MatrixOut { from, to, names, matrix })
        };
        cached(&state, c, &key, answer, None)
    })
    .await
}

#[derive(Serialize, PartialEq, Debug)]
struct Suggestion {
    code: String,
    name: Option<String>,
    /// Counted mentions with exactly this code (0 for a country only
    /// present through its actors' codes).
    events: i64,
}

/// `GET /api/v1/actors/suggest`: actor codes for a typeahead: countries
/// whose name or code matches `q`, then stored codes starting with it.
pub(super) async fn suggest(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p =
        Params::parse(raw.as_deref(), params_of("/api/v1/actors/suggest"))?;
    let q = p.required("q")?.trim().to_string();
    if q.chars().count() > 50 {
        return Err(ApiError::param("q", "q: at most 50 characters"));
    }
    let limit = p.int("limit", 1, 50, 10)? as usize;
    s.db.run(move |c| {
        let prefix = q.to_uppercase();
        let stored = if prefix.bytes().all(|b| b.is_ascii_uppercase()) {
            query::actor_codes(c, &prefix, limit).map_err(store_error)?
        } else {
            Vec::new()
        };
        Ok(json(&suggestions(&q, stored, limit)))
    })
    .await
}

/// Countries matching `q` (code first, then name prefix, then name
/// substring), then the stored codes, without repeats.
fn suggestions(
    q: &str,
    stored: Vec<(String, i64)>,
    limit: usize,
) -> Vec<Suggestion> {
    let lower = q.to_lowercase();
    let upper = q.to_uppercase();
    let mut countries: Vec<(u8, &casus::names::CountryName)> =
        casus::names::countries()
            .iter()
            .filter_map(|c| {
                let name = c.name.to_lowercase();
                let rank = if c.code == upper {
                    0
                } else if c.code.starts_with(&upper)
                    || name.starts_with(&lower)
                {
                    1
                } else if name.contains(&lower) {
                    2
                } else {
                    return None;
                };
                Some((rank, c))
            })
            .collect();
    countries.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.name.cmp(&b.1.name)));
    let events = |code: &str| {
        stored.iter().find(|(c, _)| c == code).map_or(0, |(_, n)| *n)
    };
    let mut out: Vec<Suggestion> = countries
        .into_iter()
        .map(|(_, c)| Suggestion {
            code: c.code.clone(),
            name: Some(c.name.clone()),
            events: events(&c.code),
        })
        .collect();
    for (code, n) in &stored {
        if !out.iter().any(|s| &s.code == code) {
            out.push(Suggestion {
                name: name_of(code),
                code: code.clone(),
                events: *n,
            });
        }
    }
    out.truncate(limit);
    out
}

#[derive(Serialize)]
struct Role {
    code: String,
    name: Option<&'static str>,
}

#[derive(Serialize)]
struct Partner {
    #[serde(flatten)]
    partner: query::Partner,
    name: Option<String>,
}

/// One of a country's actor codes.
#[derive(Serialize)]
struct CodeOut {
    code: String,
    name: Option<String>,
    /// Counted mentions with it.
    events: i64,
}

#[derive(Serialize)]
struct ActorOut {
    code: String,
    name: String,
    country: Option<String>,
    country_name: Option<String>,
    /// Whether this is a country adding up all its actor codes (then
    /// `codes` lists them and `partners` are countries).
    aggregate: bool,
    roles: Vec<Role>,
    codes: Vec<CodeOut>,
    clusters: i64,
    events: i64,
    source_events: i64,
    target_events: i64,
    first_seen: Option<String>,
    last_seen: Option<String>,
    partners: Vec<Partner>,
    names: Vec<query::NameCount>,
    /// How many of the latest mentions each way partners and names come
    /// from.
    sample: usize,
}

impl ActorOut {
    /// The answer for `named` without activity (filled in by the caller).
    fn new(named: casus::names::ActorName, aggregate: bool) -> ActorOut {
        ActorOut {
            roles: named
                .roles
                .into_iter()
                .map(|r| Role { name: casus::names::role(&r), code: r })
                .collect(),
            code: named.code,
            name: named.name,
            country: named.country,
            country_name: named.country_name,
            aggregate,
            codes: Vec::new(),
            clusters: 0,
            events: 0,
            source_events: 0,
            target_events: 0,
            first_seen: None,
            last_seen: None,
            partners: Vec::new(),
            names: Vec::new(),
            sample: query::ACTOR_SAMPLE,
        }
    }

    fn totals(&mut self, t: &ActorRow) {
        self.clusters = t.clusters;
        self.events = t.events;
        self.source_events = t.source_events;
        self.target_events = t.target_events;
    }
}

fn partners(ps: Vec<query::Partner>) -> Vec<Partner> {
    ps.into_iter()
        .map(|p| Partner { name: name_of(&p.code), partner: p })
        .collect()
}

/// `GET /api/v1/actors/{code}`: an actor code's name, country, roles,
/// first and last day seen, top partners and the names it was found as.
/// A country code (`USA`) adds up every code of that country (`USAGOV`,
/// `USAMIL`, ...), as `events?source=USA` does.
pub(super) async fn one(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
    p: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    Params::parse(raw.as_deref(), &[])?;
    let code = path_param("code", p)?.to_uppercase();
    let Some(named) = casus::names::actor(&code).filter(|_| code.len() <= 30)
    else {
        return Err(ApiError::param(
            "code",
            format!(
                "code: expected an actor code (groups of three letters, e.g. ISRMIL), got {:?}",
                clip(&code)
            ),
        ));
    };
    let country = code.len() == 3 && casus::names::country(&code).is_some();
    s.db.run(move |c| {
        let out = if country {
            country_out(c, &code, named)?
        } else {
            code_out(c, &code, named)?
        };
        out.map(|o| json(&o)).ok_or_else(|| {
            ApiError::not_found(format!(
                "no counted mentions with actor code {code} (codes that \
                 start with it: /api/v1/codes?kind=actors&q={code})"
            ))
        })
    })
    .await
}

/// One actor code, exactly.
fn code_out(
    c: &Connection,
    code: &str,
    named: casus::names::ActorName,
) -> Result<Option<ActorOut>, ApiError> {
    let Some(act) = query::actor_activity(c, code, 10).map_err(store_error)?
    else {
        return Ok(None);
    };
    let mut out = ActorOut::new(named, false);
    out.totals(&act.totals);
    out.first_seen = act.first_seen;
    out.last_seen = act.last_seen;
    out.partners = partners(act.partners);
    out.names = act.names;
    Ok(Some(out))
}

/// A country over all its codes; its roles are those of its codes.
fn country_out(
    c: &Connection,
    country: &str,
    named: casus::names::ActorName,
) -> Result<Option<ActorOut>, ApiError> {
    let Some(act) =
        query::country_activity(c, country, 10).map_err(store_error)?
    else {
        return Ok(None);
    };
    let mut out = ActorOut::new(named, true);
    out.totals(&act.totals);
    out.first_seen = act.first_seen;
    out.last_seen = act.last_seen;
    out.partners = partners(act.partners);
    out.names = act.names;
    for cc in act.codes {
        let roles = casus::names::actor(&cc.code).map(|a| a.roles);
        for r in roles.into_iter().flatten() {
            if !out.roles.iter().any(|x| x.code == r) {
                out.roles.push(Role { name: casus::names::role(&r), code: r });
            }
        }
        out.codes.push(CodeOut {
            name: name_of(&cc.code),
            code: cc.code,
            events: cc.events,
        });
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestion_order() {
        let stored = vec![("ISRMIL".to_string(), 9), ("ISR".to_string(), 4)];
        let got = suggestions("isr", stored, 4);
        let codes: Vec<&str> = got.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(codes, ["ISR", "ISRMIL"]);
        assert_eq!(got[0].events, 4);
        assert_eq!(got[1].name.as_deref(), Some("Israel (military)"));
        let by_name = suggestions("united", vec![], 10);
        assert!(by_name.iter().any(|s| s.code == "USA"));
        assert!(by_name.iter().any(|s| s.code == "GBR"));
        assert_eq!(suggestions("states", vec![], 10)[0].code, "USA");
        assert!(suggestions("zzzz", vec![], 10).is_empty());
        assert_eq!(suggestions("a", vec![], 3).len(), 3);
    }
}
