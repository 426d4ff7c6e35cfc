//! Every route, every filter, errors and paging, against a real server.

use std::collections::BTreeSet;
use std::time::Duration;

use casus_store::query::{self, Counting, Filter};
use casus_store::Store;
use serde_json::Value;

use crate::util::{self, enc, get, get_json, request, server};

fn ids(v: &Value, key: &str) -> Vec<i64> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

/// Every event id the store's own query gives for `f`.
fn store_ids(f: &Filter) -> Vec<i64> {
    let s = Store::open_read_only(util::fixture()).unwrap();
    query::events(s.conn(), f).unwrap().into_iter().map(|e| e.id).collect()
}

#[test]
fn every_route_answers() {
    let a = server();
    let ev = get_json(a, "/api/v1/events?limit=5");
    let first = &ev["events"][0];
    let (id, cluster) =
        (first["id"].as_i64().unwrap(), first["cluster"].as_i64().unwrap());
    let article = first["article_id"].as_str().unwrap().to_string();
    let one = get_json(a, &format!("/api/v1/events/{id}"));
    assert_eq!(one["event"]["id"], id);
    assert_eq!(one["cluster"]["id"], cluster);
    assert!(one["mentions"].as_array().unwrap().iter().any(|m| m["id"] == id));
    let cl = get_json(a, &format!("/api/v1/clusters/{cluster}"));
    assert_eq!(cl["cluster"]["id"], cluster);
    let art = get_json(a, &format!("/api/v1/articles/{}", enc(&article)));
    assert_eq!(art["article"]["article_id"], article.as_str());
    assert!(art["article"]["text"].as_str().unwrap().len() > 100);
    let tl = get_json(a, "/api/v1/timeline?source=USA&target=ISR");
    assert!(tl["buckets"].as_array().unwrap().len() > 5);
    let top = get_json(a, "/api/v1/actors/top?n=5");
    assert_eq!(top["actors"].as_array().unwrap().len(), 5);
    let m = get_json(a, "/api/v1/actors/matrix?n=6");
    assert_eq!(m["countries"].as_array().unwrap().len(), 6);
    let sug = get_json(a, "/api/v1/actors/suggest?q=isr");
    assert_eq!(sug[0]["code"], "ISR");
    let actor = get_json(a, "/api/v1/actors/USA");
    assert_eq!(actor["name"], "United States");
    let stats = get_json(a, "/api/v1/stats");
    assert_eq!(stats["articles"], 20);
    let hits = get_json(a, "/api/v1/search?q=ceasefire");
    assert!(!hits["hits"].as_array().unwrap().is_empty());
    let codes = get_json(a, "/api/v1/codes");
    assert!(codes["cameo"].as_array().unwrap().len() > 280);
    let doc = get_json(a, "/api/v1/openapi.json");
    assert_eq!(doc["openapi"], "3.1.0");
    for (path, ctype) in [
        ("/", "text/html; charset=utf-8"),
        ("/static/app.js", "text/javascript; charset=utf-8"),
        ("/static/app.css", "text/css; charset=utf-8"),
        ("/static/favicon.svg", "image/svg+xml"),
        ("/favicon.ico", "image/svg+xml"),
    ] {
        let r = get(a, path);
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, Some(ctype)),
            "{path}"
        );
    }
    let head = request(a, "HEAD", "/api/v1/stats");
    assert_eq!((head.status, head.body.len()), (200, 0));
}

#[test]
fn openapi_document_matches_the_routes() {
    let a = server();
    let doc: Value = serde_json::from_str(casus_serve::api::OPENAPI).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    let documented: BTreeSet<&str> =
        paths.keys().map(|k| k.as_str()).collect();
    let served: BTreeSet<&str> =
        casus_serve::api::ROUTES.iter().map(|r| r.path).collect();
    assert_eq!(documented, served);
    // Concrete values for path parameters.
    let ev = get_json(a, "/api/v1/events?limit=1");
    let e = &ev["events"][0];
    let subst = |p: &str| {
        p.replace("{id}", &e["id"].to_string())
            .replace("{code}", "USA")
            .replace("/clusters/{id}", &format!("/clusters/{}", e["cluster"]))
    };
    for route in casus_serve::api::ROUTES {
        let op = &paths[route.path];
        assert_eq!(
            op.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["get"],
            "{}",
            route.path
        );
        let params: BTreeSet<&str> = op["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["in"] == "query")
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        let accepted: BTreeSet<&str> = route.params.iter().copied().collect();
        assert_eq!(params, accepted, "{}", route.path);
        // The route exists, with its examples or required parameters.
        let mut path = subst(route.path);
        if route.path.contains("/articles/") {
            path = format!(
                "/api/v1/articles/{}",
                e["article_id"].as_str().unwrap()
            );
        }
        let query: Vec<String> = op["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["in"] == "query" && p["required"] == true)
            .map(|p| {
                format!(
                    "{}={}",
                    p["name"].as_str().unwrap(),
                    enc(p["example"].as_str().unwrap())
                )
            })
            .collect();
        let url = if query.is_empty() {
            path
        } else {
            format!("{path}?{}", query.join("&"))
        };
        let r = get(a, &url);
        assert_eq!(r.status, 200, "GET {url}: {}", r.text());
        // Every documented parameter is accepted by name.
        for p in op["get"]["parameters"].as_array().unwrap() {
            if p["in"] != "query" {
                continue;
            }
            let name = p["name"].as_str().unwrap();
            let sep = if url.contains('?') { '&' } else { '?' };
            let r = get(a, &format!("{url}{sep}{name}=%00"));
            let err = r.json();
            assert_eq!(
                err["error"]["parameter"],
                name,
                "{url} {name}: {}",
                r.text()
            );
            assert!(
                !err["error"]["message"].as_str().unwrap().contains("unknown"),
                "{name}"
            );
        }
    }
}

#[test]
fn every_filter_matches_the_store_query() {
    let a = server();
    let f = Filter::default;
    let cases: Vec<(&str, Filter)> = vec![
        ("", f()),
        ("all=true", Filter { all: true, ..f() }),
        ("min_confidence=0.3", Filter { min_confidence: Some(0.3), ..f() }),
        ("min_confidence=0.9", Filter { min_confidence: Some(0.9), ..f() }),
        (
            "all=true&min_confidence=0.5",
            Filter { all: true, min_confidence: Some(0.5), ..f() },
        ),
        (
            "source=USA&min_confidence=0.05",
            Filter {
                source: Some("USA".into()),
                min_confidence: Some(0.05),
                ..f()
            },
        ),
        ("source=USA", Filter { source: Some("USA".into()), ..f() }),
        ("target=ISR", Filter { target: Some("ISR".into()), ..f() }),
        ("source=USAGOV", Filter { source: Some("USAGOV".into()), ..f() }),
        (
            "source=United%20States",
            Filter { source: Some("United States".into()), ..f() },
        ),
        (
            "source=USA&target=ISR",
            Filter {
                source: Some("USA".into()),
                target: Some("ISR".into()),
                ..f()
            },
        ),
        (
            "source=USA&target=ISR&both=true",
            Filter {
                source: Some("USA".into()),
                target: Some("ISR".into()),
                both: true,
                ..f()
            },
        ),
        (
            "from=2024-02-01&to=2024-03-31",
            Filter {
                from: Some("2024-02-01".into()),
                to: Some("2024-03-31".into()),
                ..f()
            },
        ),
        ("root=19", Filter { root: Some("19".into()), ..f() }),
        ("cameo=11", Filter { cameo: Some("11".into()), ..f() }),
        ("plover=accuse", Filter { plover: Some("ACCUSE".into()), ..f() }),
        ("quad=4", Filter { quad: Some(4), ..f() }),
        ("min_sources=2", Filter { min_sources: Some(2), ..f() }),
        ("text=ceasefire", Filter { text: Some("ceasefire".into()), ..f() }),
        ("limit=3", Filter { limit: Some(3), ..f() }),
        // `dyad` is `casus events --dyad`: SRC:TGT.
        (
            "dyad=USA:ISR",
            Filter {
                source: Some("USA".into()),
                target: Some("ISR".into()),
                ..f()
            },
        ),
        (
            "dyad=ISR:USA&both=true",
            Filter {
                source: Some("ISR".into()),
                target: Some("USA".into()),
                both: true,
                ..f()
            },
        ),
        // With source or target too, both hold: the narrower applies.
        (
            "dyad=USA:ISR&source=USAGOV",
            Filter {
                source: Some("USAGOV".into()),
                target: Some("ISR".into()),
                ..f()
            },
        ),
    ];
    for (q, filter) in cases {
        let got = get_json(
            a,
            &format!("/api/v1/events?limit=1000&{q}")
                .replace("limit=1000&limit=3", "limit=3"),
        );
        assert_eq!(ids(&got, "events"), store_ids(&filter), "{q}");
    }
    assert!(!store_ids(&Filter {
        source: Some("USA".into()),
        target: Some("ISR".into()),
        ..f()
    })
    .is_empty());
    // Two unrelated sources select nothing (200, not an error).
    for q in
        ["dyad=USA:ISR&source=RUS", "dyad=USA:ISR&source=RUS&clusters=true"]
    {
        let got = get_json(a, &format!("/api/v1/events?{q}"));
        let key = if q.contains("clusters") { "clusters" } else { "events" };
        assert_eq!(got[key].as_array().map(Vec::len), Some(0), "{q}");
        assert!(got["next"].is_null());
    }
    // Modality and negation: every returned mention has them.
    for (q, key, want) in [
        ("modality=intended", "modality", Value::from("intended")),
        ("negated=true", "negated", Value::from(true)),
        // Requested acts are no events of their own since session 26
        // (only the request is coded); allegations are kept.
        ("all=true&modality=alleged", "modality", Value::from("alleged")),
    ] {
        let got = get_json(a, &format!("/api/v1/events?limit=1000&{q}"));
        let evs = got["events"].as_array().unwrap();
        assert!(!evs.is_empty(), "{q}");
        assert!(evs.iter().all(|e| e[key] == want), "{q}");
    }
    // Clusters with a filter hold a matching mention.
    let cl = get_json(a, "/api/v1/events?clusters=true&root=19&limit=1000");
    let want: Vec<i64> = {
        let s = Store::open_read_only(util::fixture()).unwrap();
        let filter = Filter { root: Some("19".into()), ..f() };
        query::clusters(s.conn(), &filter)
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect()
    };
    assert_eq!(ids(&cl, "clusters"), want);
}

#[test]
fn paging_by_cursor_walks_every_row_once() {
    let a = server();
    for (order, q) in [
        ("asc", "all=true"),
        ("desc", "all=true"),
        ("asc", "clusters=true"),
        ("desc", "source=USA&target=ISR&both=1"),
    ] {
        let key = if q.contains("clusters") { "clusters" } else { "events" };
        let full = get_json(
            a,
            &format!("/api/v1/events?{q}&order={order}&limit=1000"),
        );
        let mut walked = Vec::new();
        let mut next: Option<String> = None;
        for _ in 0..1000 {
            let cur = next
                .as_deref()
                .map(|c| format!("&cursor={c}"))
                .unwrap_or_default();
            let page = get_json(
                a,
                &format!("/api/v1/events?{q}&order={order}&limit=7{cur}"),
            );
            assert!(page[key].as_array().unwrap().len() <= 7);
            walked.extend(ids(&page, key));
            match page["next"].as_str() {
                Some(n) => next = Some(n.to_string()),
                None => break,
            }
        }
        assert_eq!(walked, ids(&full, key), "{q} {order}");
        assert!(walked.len() > 7, "{q}");
    }
    // Search pages by id, newest first.
    let all = get_json(a, "/api/v1/search?q=Israel&limit=200");
    let p1 = get_json(a, "/api/v1/search?q=Israel&limit=4");
    let next = p1["next"].as_str().unwrap();
    let p2 =
        get_json(a, &format!("/api/v1/search?q=Israel&limit=4&cursor={next}"));
    let both: Vec<i64> =
        ids(&p1, "hits").into_iter().chain(ids(&p2, "hits")).collect();
    assert_eq!(both, ids(&all, "hits")[..8]);
    let hit = &p1["hits"][0];
    let ev = hit["evidence"].as_str().unwrap();
    let m = &hit["matches"][0];
    let (s, e) =
        (m[0].as_u64().unwrap() as usize, m[1].as_u64().unwrap() as usize);
    assert!(ev[s..e].eq_ignore_ascii_case("israel"), "{ev} {s} {e}");
}

#[test]
fn timeline_counts_gaps_and_filters() {
    let a = server();
    let tl = get_json(a, "/api/v1/timeline?source=USA&target=ISR&by=week");
    assert_eq!(
        (tl["rollups"].as_bool(), tl["coverage"].as_bool()),
        (Some(true), Some(true))
    );
    let buckets = tl["buckets"].as_array().unwrap();
    let total: i64 =
        buckets.iter().map(|b| b["events"].as_i64().unwrap()).sum();
    let direct = store_ids(&Filter {
        source: Some("USA".into()),
        target: Some("ISR".into()),
        ..Filter::default()
    });
    assert_eq!(total as usize, direct.len());
    for b in buckets {
        let quads: i64 = [
            "verbal_coop",
            "material_coop",
            "verbal_conflict",
            "material_conflict",
        ]
        .iter()
        .map(|k| b[*k].as_i64().unwrap())
        .sum();
        assert_eq!(quads, b["events"].as_i64().unwrap(), "{b}");
    }
    // The corpus has no articles from Feb 14 to Mar 11: those weeks are
    // gaps (articles 0), not quiet weeks.
    let gap = buckets.iter().find(|b| b["bucket"] == "2024-02-19").unwrap();
    assert_eq!(
        (gap["events"].as_i64(), gap["articles"].as_i64()),
        (Some(0), Some(0))
    );
    let busy = buckets.iter().find(|b| b["bucket"] == "2024-01-08").unwrap();
    assert!(
        busy["articles"].as_i64().unwrap() >= 2
            && busy["events"].as_i64().unwrap() >= 1
    );
    assert!(busy["goldstein_mean"].is_number());
    // A window beyond the events reaches as far as the corpus does.
    let wide = get_json(
        a,
        "/api/v1/timeline?source=USA&target=ISR&by=month&from=2023-01-01&to=2026-12-31",
    );
    let months: Vec<&str> = wide["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["bucket"].as_str().unwrap())
        .collect();
    assert_eq!(
        (months[0], *months.last().unwrap()),
        ("2024-01-01", "2025-05-01")
    );
    // Filters scan mentions; the counts shrink accordingly.
    let conflict =
        get_json(a, "/api/v1/timeline?source=USA&target=ISR&by=month&quad=3");
    assert_eq!(conflict["rollups"], false);
    for b in conflict["buckets"].as_array().unwrap() {
        assert_eq!(b["events"], b["verbal_conflict"], "{b}");
    }
    // Codes beyond a country scan mentions, as the store's direct
    // timeline does.
    let store = Store::open_read_only(util::fixture()).unwrap();
    for (s, t, both) in [("USAGOV", "ISR", false), ("ISR", "USAGOV", true)] {
        let tl = get_json(
            a,
            &format!(
                "/api/v1/timeline?source={s}&target={t}&by=day&both={both}"
            ),
        );
        assert_eq!(tl["rollups"], false);
        let want = query::timeline_direct(
            store.conn(),
            &query::TimelineQuery {
                both,
                ..query::TimelineQuery::new(s, t, query::Bucket::Day)
            },
        )
        .unwrap();
        let got: Vec<(String, i64)> = tl["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["events"].as_i64() > Some(0))
            .map(|b| {
                (
                    b["bucket"].as_str().unwrap().to_string(),
                    b["events"].as_i64().unwrap(),
                )
            })
            .collect();
        let want: Vec<(String, i64)> = want
            .into_iter()
            .filter(|r| r.events > 0)
            .map(|r| (r.bucket, r.events))
            .collect();
        assert!(!want.is_empty(), "{s} {t}");
        assert_eq!(got, want, "{s} {t}");
    }
    let day =
        get_json(a, "/api/v1/timeline?source=USA&target=ISR&by=day&both=true");
    assert!(day["buckets"].as_array().unwrap().len() > 60);
    // The default threshold spelt out scans mentions and gives the
    // rollups' buckets; `all` counts at least as many.
    let base = "/api/v1/timeline?source=USA&target=ISR&by=week";
    let roll = get_json(a, base);
    let same = get_json(a, &format!("{base}&min_confidence=0.3"));
    assert_eq!(same["rollups"], false);
    assert_eq!(same["buckets"], roll["buckets"]);
    let every = get_json(a, &format!("{base}&all=true"));
    let sum = |v: &Value| -> i64 {
        v["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["events"].as_i64().unwrap())
            .sum()
    };
    assert!(sum(&every) >= sum(&roll));
}

#[test]
fn articles_carry_every_span() {
    let a = server();
    let art = get_json(a, "/api/v1/articles/us-isr-0108");
    let text = art["article"]["text"].as_str().unwrap();
    let events = art["events"].as_array().unwrap();
    assert!(events.len() >= 2);
    for e in events {
        let span = |v: &Value| {
            (v[0].as_u64().unwrap() as usize, v[1].as_u64().unwrap() as usize)
        };
        let (es, ee) = span(&e["evidence_span"]);
        assert_eq!(&text[es..ee], e["evidence"].as_str().unwrap());
        let (ts, te) = span(&e["span"]);
        assert!(es <= ts && te <= ee, "trigger outside its sentence");
        for side in ["source", "target"] {
            if e[side].is_object() {
                // Actors may be resolved from an earlier sentence.
                let (s, t) = span(&e[side]["span"]);
                assert!(
                    s <= t && t <= text.len(),
                    "{side} span outside the text"
                );
            }
        }
        assert!(e["pattern"].as_str().unwrap().contains(':'));
    }
    let actor = get_json(a, "/api/v1/actors/ISR");
    assert_eq!(actor["country_name"], "Israel");
    assert!(
        actor["first_seen"].as_str().unwrap()
            <= actor["last_seen"].as_str().unwrap()
    );
    assert!(actor["partners"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["code"] == "USA"));
    let named = get_json(a, "/api/v1/actors/usagov");
    assert_eq!(named["name"], "United States (government)");
    assert_eq!(named["roles"][0]["name"], "Government");
    let codes = get_json(a, "/api/v1/codes?kind=cameo&q=190");
    assert_eq!(codes["cameo"][0]["goldstein"], -10.0);
    assert!(codes.get("countries").is_none());
    let actors = get_json(a, "/api/v1/codes?kind=actors&q=isr");
    assert!(actors["actors"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["code"].as_str().unwrap().starts_with("ISR")));
}

#[test]
fn bad_input_is_a_400_naming_the_parameter() {
    let a = server();
    let cases = [
        ("/api/v1/events?limit=0", "limit"),
        ("/api/v1/events?limit=1001", "limit"),
        ("/api/v1/events?limit=abc", "limit"),
        ("/api/v1/events?limt=5", "limt"),
        ("/api/v1/events?limit=5&limit=6", "limit"),
        ("/api/v1/events?from=2024-02-30", "from"),
        ("/api/v1/events?from=2024-03-01&to=2024-02-01", ""),
        ("/api/v1/events?from=", "from"),
        ("/api/v1/events?cursor=yesterday", "cursor"),
        ("/api/v1/events?order=sideways", "order"),
        ("/api/v1/events?quad=0", "quad"),
        ("/api/v1/events?root=abc", "root"),
        ("/api/v1/events?both=maybe", "both"),
        ("/api/v1/events?dyad=USA", "dyad"),
        ("/api/v1/events?dyad=USA:%20", "dyad"),
        ("/api/v1/events?dyad=:ISR", "dyad"),
        ("/api/v1/timeline?source=USA&target=ISR&dyad=USA:ISR", "dyad"),
        ("/api/v1/events?source=%01", "source"),
        ("/api/v1/events?text=%E2%80%AE", ""),
        ("/api/v1/timeline?source=USA", "target"),
        ("/api/v1/timeline", "source"),
        ("/api/v1/timeline?source=USA&target=ISR&by=year", "by"),
        ("/api/v1/timeline?source=USA&target=ISR&by=day&from=1000-01-01&to=9999-12-31", ""),
        ("/api/v1/actors/top?n=501", "n"),
        ("/api/v1/actors/matrix?n=1", "n"),
        ("/api/v1/actors/suggest", "q"),
        ("/api/v1/actors/U1", "code"),
        ("/api/v1/search?q=x&cursor=-1", "cursor"),
        ("/api/v1/codes?kind=verbs", "kind"),
        ("/api/v1/events/abc", "id"),
        ("/api/v1/events/0", "id"),
        ("/api/v1/events/99999999999999999999", "id"),
        ("/api/v1/stats?x=1", "x"),
        ("/api/v1/stats?all=yes", "all"),
        ("/api/v1/stats?min_confidence=abc", "min_confidence"),
        ("/api/v1/stats?min_confidence=1.5&all=1", "min_confidence"),
        ("/api/v1/actors/top?all=2", "all"),
        ("/api/v1/actors/top?min_confidence=-1", "min_confidence"),
        ("/api/v1/actors/matrix?min_confidence=inf", "min_confidence"),
        ("/api/v1/actors/matrix?all=true&all=false", "all"),
        ("/api/v1/events?min_confidence=1.5", "min_confidence"),
        ("/api/v1/events?min_confidence=abc", "min_confidence"),
        ("/api/v1/events?min_confidence=NaN", "min_confidence"),
        (
            "/api/v1/timeline?source=USA&target=ISR&min_confidence=-0.1",
            "min_confidence",
        ),
    ];
    for (path, param) in cases {
        let r = get(a, path);
        if param.is_empty() {
            // Valid requests with nothing to find, or too wide a window.
            assert!(
                r.status == 200 || r.status == 400,
                "{path}: {}",
                r.text()
            );
            continue;
        }
        assert_eq!(r.status, 400, "{path}: {}", r.text());
        assert_eq!(r.header("content-type"), Some("application/json"));
        let e = r.json();
        assert_eq!(e["error"]["parameter"], param, "{path}");
        assert_eq!(e["error"]["status"], 400);
        assert!(!e["error"]["message"].as_str().unwrap().is_empty());
    }
    for path in [
        "/api/v1/events/999999",
        "/api/v1/clusters/999999",
        "/api/v1/articles/nope",
        "/api/v1/actors/XYZ",
    ] {
        let r = get(a, path);
        assert_eq!(
            (r.status, r.json()["error"]["code"].as_str()),
            (404, Some("not_found")),
            "{path}"
        );
    }
}

#[test]
fn safe_by_default() {
    let a = server();
    // Nothing writes, and there is no SQL route.
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let r = request(a, method, "/api/v1/events");
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
        assert_eq!(r.json()["error"]["code"], "method_not_allowed");
    }
    for path in
        ["/api/v1/sql", "/api/v1/sql?q=select%201", "/api/v2/events", "/nope"]
    {
        assert_eq!(get(a, path).status, 404, "{path}");
    }
    // No path traversal out of the embedded files.
    for path in [
        "/static/../Cargo.toml",
        "/static/..%2f..%2fCargo.toml",
        "/static/%2e%2e/%2e%2e/Cargo.toml",
        "/static/app.js/../../../../etc/passwd",
        "/static//etc/passwd",
        "/static/.%2e/src/lib.rs",
        "/../../etc/passwd",
    ] {
        let r = get(a, path);
        assert_eq!(r.status, 404, "{path}");
        assert!(
            !r.text().contains("[package]") && !r.text().contains("root:"),
            "{path}"
        );
    }
    // Loopback only answers loopback names (DNS rebinding).
    let evil = "GET /api/v1/stats HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n";
    let r = util::raw(a, evil.as_bytes()).unwrap();
    assert_eq!(
        (r.status, r.json()["error"]["parameter"].as_str()),
        (400, Some("Host"))
    );
    // Security headers everywhere.
    for path in ["/", "/api/v1/stats", "/nope"] {
        let r = get(a, path);
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert!(r
            .header("content-security-policy")
            .unwrap()
            .contains("default-src 'none'"));
    }
    // The dashboard's first load is small and loads nothing from elsewhere.
    assert!(casus_serve::dashboard::first_load_bytes() < 300 * 1024);
    let page = get(a, "/").text();
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "external reference"
    );
}

#[test]
fn ingest_while_serving_is_seen_without_restart() {
    let t = util::Tmp::new("live");
    let db = t.0.join("casus.db");
    {
        let mut s = Store::open(&db).unwrap();
        let first = util::coded(&[
            util::root().join("examples/gaza_ceasefire_talks.txt")
        ]);
        s.ingest(&util::info(), &first).unwrap();
    }
    let server = util::serve(&db);
    let a = server.addr();
    assert_eq!(get_json(a, "/api/v1/stats")["articles"], 1);
    let before =
        get_json(a, "/api/v1/timeline?source=USA&target=ISR&by=month");
    assert!(before["buckets"].as_array().unwrap().is_empty());
    // `casus ingest` into the same store while it serves.
    let mut w = Store::open(&db).unwrap();
    w.ingest(&util::info(), &util::coded(&[util::corpus()])).unwrap();
    let after = get_json(a, "/api/v1/events?source=USA&target=ISR&limit=1000");
    assert!(!after["events"].as_array().unwrap().is_empty());
    // The totals are current at once (rollups); the per-root counts are
    // marked stale until the background count catches up.
    let now = get_json(a, "/api/v1/stats");
    assert_eq!(now["articles"], 15, "{now}");
    let mut counted = false;
    for _ in 0..100 {
        let st = get_json(a, "/api/v1/stats");
        if st["stale"] == false && st["roots"].is_array() {
            counted = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(counted, "summary never recounted");
    // Coverage follows within the refresh interval.
    let mut months = 0;
    for _ in 0..100 {
        let tl =
            get_json(a, "/api/v1/timeline?source=USA&target=ISR&by=month");
        let b = tl["buckets"].as_array().unwrap();
        months = b.iter().filter(|b| b["articles"].as_i64() > Some(0)).count();
        if months >= 4 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(months >= 4, "coverage not refreshed");
}

/// `GET path` (a stats request) once the background counts describe
/// the store (`stale` false), or the last answer after 4 s.
fn fresh_stats(a: std::net::SocketAddr, path: &str) -> Value {
    let mut got = get_json(a, path);
    for _ in 0..200 {
        if got["stale"] == false {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
        got = get_json(a, path);
    }
    got
}

/// The counting parameters of the aggregate routes and the store
/// queries they stand for (`casus top/stats --all/--min-confidence`).
fn countings() -> Vec<(&'static str, Counting)> {
    let c = |all, min_confidence| Counting { all, min_confidence };
    vec![
        ("", c(false, None)),
        ("all=1", c(true, None)),
        ("min_confidence=0.5", c(false, Some(0.5))),
        ("min_confidence=0.05", c(false, Some(0.05))),
        ("all=true&min_confidence=0.6", c(true, Some(0.6))),
    ]
}

#[test]
fn top_and_matrix_count_as_the_store_does() {
    let a = server();
    let store = Store::open_read_only(util::fixture()).unwrap();
    let c = store.conn();
    let windows = [(None, None), (Some("2024-01-10"), Some("2024-03-20"))];
    let mut totals = Vec::new();
    for (q, counting) in countings() {
        for (from, to) in windows {
            let mut parts = vec![q.to_string()];
            parts.extend(from.map(|d| format!("from={d}")));
            parts.extend(to.map(|d| format!("to={d}")));
            parts.retain(|p| !p.is_empty());
            let qs = parts.join("&");
            let top = get_json(a, &format!("/api/v1/actors/top?n=50&{qs}"));
            let want =
                query::top_actors_counted(c, 50, from, to, counting).unwrap();
            let got: Vec<Value> = top["actors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let mut r = r.clone();
                    r.as_object_mut().unwrap().remove("name");
                    r
                })
                .collect();
            assert_eq!(
                got,
                serde_json::to_value(&want)
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .clone(),
                "top {qs}"
            );
            let m = get_json(a, &format!("/api/v1/actors/matrix?n=8&{qs}"));
            let want = query::country_matrix_counted(c, 8, from, to, counting)
                .unwrap();
            let want = serde_json::to_value(&want).unwrap();
            for k in ["countries", "activity", "events", "goldstein_mean"] {
                assert_eq!(m[k], want[k], "matrix {qs} {k}");
            }
            if from.is_none() {
                // Mentions over every actor: a lower threshold can only add
                // mentions, whereas the matrix's top 8 may swap one country for
                // another.
                let n = 100_000;
                let all =
                    query::top_actors_counted(c, n, None, None, counting)
                        .unwrap();
                assert!(all.len() < n, "the fixture outgrew n");
                totals.push(all.iter().map(|r| r.events).sum::<i64>());
            }
        }
    }
    // The fixture has mentions each threshold treats differently.
    assert!(totals[1] > totals[0] && totals[3] > totals[2], "{totals:?}");
    // One request, several spellings: the same answer.
    let one = get_json(a, "/api/v1/actors/top?all=true&min_confidence=0.60");
    let two = get_json(a, "/api/v1/actors/top?min_confidence=.6&all=1");
    assert_eq!(one, two);
}

#[test]
fn stats_agree_with_the_full_count() {
    let a = server();
    let store = Store::open_read_only(util::fixture()).unwrap();
    let mut events = Vec::new();
    for (q, counting) in countings() {
        let want = query::stats_counted(store.conn(), counting).unwrap();
        let want = serde_json::to_value(&want).unwrap();
        // Every field of `casus stats`, plus the QuadClass counts and
        // `stale`.
        let mut got = fresh_stats(a, &format!("/api/v1/stats?{q}"));
        let extra = got.as_object_mut().unwrap();
        assert_eq!(extra.remove("stale"), Some(Value::Bool(false)), "{q}");
        let quads: i64 = extra
            .remove("quad_classes")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q.as_i64().unwrap())
            .sum();
        assert_eq!(got, want, "{q}");
        assert_eq!(Some(quads), want["events"].as_i64(), "{q}");
        events.push(want["events"].as_i64().unwrap());
    }
    // The fixture has mentions each threshold treats differently.
    assert!(events[1] > events[0] && events[3] > events[2], "{events:?}");
}

#[test]
fn a_country_adds_up_its_actor_codes() {
    let a = server();
    let count =
        |f: Filter| store_ids(&Filter { all: false, ..f }).len() as i64;
    let store = Store::open_read_only(util::fixture()).unwrap();
    // Every country of the fixture, and one that only has role codes
    // (no mention coded with the bare country).
    let countries: Vec<(String, bool)> = store
        .conn()
        .prepare(
            "SELECT country, max(code = country) FROM code_countries
             WHERE length(country) = 3 GROUP BY country",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(countries.iter().any(|(_, bare)| !bare), "{countries:?}");
    for (c, _) in countries {
        if casus::names::country(&c).is_none() {
            continue;
        }
        let got = get_json(a, &format!("/api/v1/actors/{c}"));
        assert_eq!(got["aggregate"], true, "{c}");
        let src =
            count(Filter { source: Some(c.clone()), ..Filter::default() });
        let tgt =
            count(Filter { target: Some(c.clone()), ..Filter::default() });
        assert_eq!(
            (got["source_events"].as_i64(), got["target_events"].as_i64()),
            (Some(src), Some(tgt)),
            "{c}"
        );
        let codes = got["codes"].as_array().unwrap();
        assert!(codes
            .iter()
            .all(|x| x["code"].as_str().unwrap().starts_with(&c)));
        assert!(got["first_seen"].as_str() <= got["last_seen"].as_str());
        for p in got["partners"].as_array().unwrap() {
            assert_ne!(p["code"], c.as_str());
            let with = count(Filter {
                source: Some(c.clone()),
                target: p["code"].as_str().map(String::from),
                ..Filter::default()
            });
            assert_eq!(p["as_target"].as_i64(), Some(with), "{c} {p}");
        }
    }
    let usa = get_json(a, "/api/v1/actors/USA");
    assert!(usa["roles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == "GOV"));
    assert!(usa["partners"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["code"] == "ISR"));
    // A code with roles is still taken exactly.
    let gov = get_json(a, "/api/v1/actors/USAGOV");
    assert_eq!(
        (gov["aggregate"].as_bool(), gov["codes"].as_array().map(Vec::len)),
        (Some(false), Some(0))
    );
}
