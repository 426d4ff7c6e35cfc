//! Store tests over hand-built events: clusters, idempotency, rollups,
//! exports, schema versions and the v1 compat fixture.

use std::path::{Path, PathBuf};

use casus::events::{Event, EventActor, Modality};
use casus::time::{DateFrom, Precision};
use casus::{ActorCode, Article, CameoCode, Span};
use casus_store::export::{self, Cell, EVENT_COLUMNS, GDELT_COLUMNS};
use casus_store::query::{self, Bucket, Filter, TimelineQuery};
use casus_store::{BatchInfo, Store};

struct Tmp(PathBuf);

impl Tmp {
    fn new(name: &str) -> Tmp {
        let p = std::env::temp_dir()
            .join(format!("casus-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Tmp(p)
    }
    fn db(&self) -> PathBuf {
        self.0.join("casus.db")
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn info() -> BatchInfo {
    BatchInfo {
        casus_version: "test".into(),
        dict_hash: "test".into(),
        keep_text: true,
    }
}

fn actor(code: &str) -> EventActor {
    let code: ActorCode = code.parse().expect("actor code");
    EventActor {
        country: code.country().map(String::from),
        role: code.role().map(String::from),
        name: (code.country() == Some("EGY")).then(|| "Egypt".to_string()),
        code,
        span: Span::new(0, 3),
        from: None,
    }
}

/// (article id, published, outlet, event date, src, tgt, cameo, evidence,
/// negated, modality)
type Spec<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    bool,
    Modality,
);

fn article(id: &str, published: &str, outlet: &str, text: &str) -> Article {
    let mut a = Article::new(id, published.parse().unwrap(), text);
    a.outlet = Some(outlet.into());
    a.url = Some(format!("https://{outlet}.example/{id}"));
    a
}

fn event(id: &str, n: usize, s: &Spec<'_>) -> Event {
    let cameo: CameoCode = s.6.parse().expect("CAMEO code");
    let (goldstein, quad, plover) = match cameo.root().as_str() {
        "11" => (-2.0, 3, "ACCUSE"),
        "04" => (1.0, 1, "CONSULT"),
        "19" => (-10.0, 4, "ASSAULT"),
        _ => (0.0, 1, "OTHER"),
    };
    Event {
        article_id: id.into(),
        event_id: format!("{id}-{n}"),
        sentence: n,
        span: Span::new(0, 5),
        evidence: s.7.into(),
        date: s.3.into(),
        date_from: DateFrom::Text,
        precision: Precision::Day,
        date_end: None,
        after_published: false,
        source: Some(actor(s.4)),
        target: Some(actor(s.5)),
        cameo,
        root: cameo.root(),
        quad_class: quad,
        goldstein,
        plover: plover.into(),
        plover_mode: None,
        negated: s.8,
        modality: s.9,
        attribution: None,
        location: None,
        pattern: "test:1".into(),
        pattern_id: "test/1".into(),
        confidence: 1.0,
        basis: Default::default(),
    }
}

/// Groups specs by article into ingest items.
fn items(specs: &[Spec<'_>]) -> Vec<(Article, Vec<Event>)> {
    let mut out: Vec<(Article, Vec<Event>)> = Vec::new();
    for s in specs {
        if out.last().map_or(true, |(a, _)| a.id != s.0) {
            out.push((
                article(s.0, s.1, s.2, &format!("text of {}", s.0)),
                Vec::new(),
            ));
        }
        let (a, evs) = out.last_mut().unwrap();
        let n = evs.len();
        evs.push(event(&a.id.clone(), n, s));
    }
    out
}

/// (source, target, base, mentions, articles, sources, first, last)
type ClusterSummary =
    (String, String, String, i64, i64, i64, Option<String>, Option<String>);

const A: Modality = Modality::Asserted;

/// Egypt's Feb 9 condemnation of an Israeli strike, reported on the 10th
/// and 11th by three outlets (one paraphrase coded 111 vs 112), plus a
/// negated and an intended mention and an unrelated event.
fn fixture() -> Vec<Spec<'static>> {
    vec![
        (
            "a1",
            "2024-02-10",
            "wire",
            "2024-02-09",
            "EGYGOV",
            "ISRMIL",
            "112",
            "Egypt accused Israel of striking Rafah on Friday",
            false,
            A,
        ),
        (
            "a1",
            "2024-02-10",
            "wire",
            "2024-02-09",
            "ISRMIL",
            "PSE",
            "190",
            "Israeli forces struck Rafah on Friday",
            false,
            A,
        ),
        (
            "a2",
            "2024-02-11",
            "daily",
            "2024-02-09",
            "EGYGOV",
            "ISRMIL",
            "1121",
            "Cairo accused Israel on Friday of striking Rafah",
            false,
            A,
        ),
        (
            "a3",
            "2024-02-11",
            "herald",
            "2024-02-09",
            "EGYGOV",
            "ISRMIL",
            "111",
            "Egypt condemned Israel for striking Rafah on Friday",
            false,
            A,
        ),
        (
            "a3",
            "2024-02-11",
            "herald",
            "2024-02-09",
            "EGYGOV",
            "ISRMIL",
            "110",
            "Egypt also criticized unrelated budget plans of some ministry",
            false,
            A,
        ),
        (
            "a4",
            "2024-02-12",
            "wire",
            "2024-02-09",
            "EGYGOV",
            "ISRMIL",
            "112",
            "Egypt did not accuse Israel of striking Rafah",
            true,
            A,
        ),
        (
            "a4",
            "2024-02-12",
            "wire",
            "2024-02-20",
            "USAGOV",
            "ISRGOV",
            "042",
            "Blinken will visit Israel",
            false,
            Modality::Intended,
        ),
        (
            "a5",
            "2024-02-19",
            "daily",
            "2024-02-19",
            "USAGOV",
            "ISRGOV",
            "040",
            "US and Israeli officials held talks in Jerusalem",
            false,
            A,
        ),
    ]
}

fn load(db: &Path) -> Store {
    let mut s = Store::open(db).unwrap();
    s.ingest(&info(), &items(&fixture())).unwrap();
    s
}

#[test]
fn clusters_merge_reports_of_one_event() {
    let t = Tmp::new("clusters");
    let s = load(&t.db());
    let cs = query::clusters(s.conn(), &Filter::default()).unwrap();
    let got: Vec<ClusterSummary> = cs
        .iter()
        .map(|c| {
            (
                c.source_code.clone(),
                c.target_code.clone(),
                c.base.clone(),
                c.num_mentions,
                c.num_articles,
                c.num_sources,
                c.first_report.clone(),
                c.last_report.clone(),
            )
        })
        .collect();
    let d = |s: &str| Some(s.to_string());
    let want = vec![
        // 112 x2 + paraphrase 111 (Jaccard >= 0.5); the negated a4 mention
        // joins but does not count.
        (
            "EGYGOV".into(),
            "ISRMIL".into(),
            "112".into(),
            3,
            3,
            3,
            d("2024-02-10"),
            d("2024-02-11"),
        ),
        (
            "ISRMIL".into(),
            "PSE".into(),
            "190".into(),
            1,
            1,
            1,
            d("2024-02-10"),
            d("2024-02-10"),
        ),
        // Same root, little overlap: its own cluster.
        (
            "EGYGOV".into(),
            "ISRMIL".into(),
            "110".into(),
            1,
            1,
            1,
            d("2024-02-11"),
            d("2024-02-11"),
        ),
        (
            "USAGOV".into(),
            "ISRGOV".into(),
            "040".into(),
            1,
            1,
            1,
            d("2024-02-19"),
            d("2024-02-19"),
        ),
    ];
    assert_eq!(got, want);
    assert_eq!(cs[0].all_mentions, 4);
    assert_eq!(cs[0].mentions, vec!["a1-0", "a2-0", "a3-0", "a4-0"]);
    // --all also shows the cluster of the intended visit.
    let all =
        query::clusters(s.conn(), &Filter { all: true, ..Filter::default() })
            .unwrap();
    assert_eq!(all.len(), 5);
    let m = query::clusters(
        s.conn(),
        &Filter { min_sources: Some(2), ..Filter::default() },
    )
    .unwrap();
    assert_eq!(m.len(), 1);
}

/// A meeting has no direction: outlets code one meeting X->Y and Y->X,
/// as a visit by one side or as hosted by the other, and all are one
/// cluster, which keeps its first mention's own direction. An expulsion
/// has one: two expulsions of one day in opposite directions stay apart.
#[test]
fn symmetric_acts_merge_across_directions() {
    let t = Tmp::new("symmetric");
    let mut s = Store::open(&t.db()).unwrap();
    let spec = |id: &'static str, src, tgt, cameo| -> Spec<'static> {
        (
            id,
            "2023-03-20",
            "wire",
            "2023-03-20",
            src,
            tgt,
            cameo,
            "met",
            false,
            A,
        )
    };
    let specs = [
        spec("m1", "RUSGOV", "CHNGOV", "040"),
        spec("m2", "CHNGOV", "RUSGOV", "040"),
        spec("m3", "RUSGOV", "CHNGOV", "043"),
        spec("m4", "CHNGOV", "RUS", "042"),
        spec("x1", "ESTGOV", "RUSGOV", "161"),
        spec("x2", "RUSGOV", "ESTGOV", "161"),
    ];
    s.ingest(&info(), &items(&specs)).unwrap();
    let cs = query::clusters(s.conn(), &Filter::default()).unwrap();
    let got: Vec<(&str, &str, i64)> = cs
        .iter()
        .map(|c| {
            (c.source_code.as_str(), c.target_code.as_str(), c.num_mentions)
        })
        .collect();
    let want = [
        ("RUSGOV", "CHNGOV", 4),
        ("ESTGOV", "RUSGOV", 1),
        ("RUSGOV", "ESTGOV", 1),
    ];
    assert_eq!(got, want);
}

#[test]
fn event_filters() {
    let t = Tmp::new("filters");
    let s = load(&t.db());
    let ids = |f: Filter| -> Vec<String> {
        query::events(s.conn(), &f)
            .unwrap()
            .into_iter()
            .map(|e| e.event.event_id)
            .collect()
    };
    let f = Filter::default;
    let cases: Vec<(Filter, Vec<&str>)> = vec![
        (f(), vec!["a1-0", "a1-1", "a2-0", "a3-0", "a3-1", "a5-0"]),
        (
            Filter { all: true, ..f() },
            vec![
                "a1-0", "a1-1", "a2-0", "a3-0", "a3-1", "a4-0", "a5-0", "a4-1",
            ],
        ),
        (Filter { source: Some("USA".into()), ..f() }, vec!["a5-0"]),
        (Filter { source: Some("ISRMIL".into()), ..f() }, vec!["a1-1"]),
        (
            Filter { source: Some("egypt".into()), ..f() },
            vec!["a1-0", "a2-0", "a3-0", "a3-1"],
        ),
        (Filter { source: Some("Egyptian".into()), ..f() }, vec![]),
        (
            Filter {
                source: Some("ISR".into()),
                target: Some("EGY".into()),
                ..f()
            },
            vec![],
        ),
        (
            Filter {
                source: Some("ISR".into()),
                target: Some("USA".into()),
                both: true,
                ..f()
            },
            vec!["a5-0"],
        ),
        (Filter { from: Some("2024-02-10".into()), ..f() }, vec!["a5-0"]),
        (Filter { root: Some("19".into()), ..f() }, vec!["a1-1"]),
        (Filter { cameo: Some("112".into()), ..f() }, vec!["a1-0", "a2-0"]),
        (Filter { plover: Some("consult".into()), ..f() }, vec!["a5-0"]),
        (
            Filter { quad: Some(3), ..f() },
            vec!["a1-0", "a2-0", "a3-0", "a3-1"],
        ),
        (Filter { min_sources: Some(3), ..f() }, vec!["a1-0", "a2-0", "a3-0"]),
        (
            Filter { text: Some("rafah friday".into()), ..f() },
            vec!["a1-0", "a1-1", "a2-0", "a3-0"],
        ),
        (Filter { text: Some("\"budget".into()), ..f() }, vec!["a3-1"]),
        (Filter { limit: Some(2), ..f() }, vec!["a1-0", "a1-1"]),
    ];
    for (filter, want) in cases {
        assert_eq!(ids(filter.clone()), want, "{filter:?}");
    }
}

fn dump(s: &Store, table: &str) -> Vec<String> {
    let q = format!("SELECT * FROM {table}");
    let r = query::sql_query(s.conn(), &q).unwrap();
    let mut rows: Vec<String> =
        r.rows.iter().map(|row| serde_json::to_string(row).unwrap()).collect();
    rows.sort();
    rows
}

fn rollups(s: &Store) -> Vec<Vec<String>> {
    [
        "dyad_rollup",
        "dyad_rollup_outlets",
        "code_countries",
        "actor_daily",
        "actor_totals",
    ]
    .iter()
    .map(|t| dump(s, &format!("{t} WHERE 1")))
    .collect()
}

#[test]
fn reingest_is_idempotent_and_changes_replace() {
    let t = Tmp::new("idem");
    let mut s = load(&t.db());
    let before = (dump(&s, "events"), dump(&s, "clusters"), rollups(&s));
    let out = s.ingest(&info(), &items(&fixture())).unwrap();
    assert_eq!(
        (out.new, out.replaced, out.unchanged, out.events),
        (0, 0, 5, 0)
    );
    assert_eq!(
        (dump(&s, "events"), dump(&s, "clusters"), rollups(&s)),
        before
    );

    // a3 changes: its 111 paraphrase goes away, a conflict event arrives.
    let mut changed = fixture();
    changed.retain(|x| x.0 != "a3");
    changed.push((
        "a3",
        "2024-02-11",
        "herald",
        "2024-02-09",
        "ISRMIL",
        "PSE",
        "190",
        "Israeli jets struck Rafah again on Friday",
        false,
        A,
    ));
    let mut it = items(&changed);
    it.retain(|(a, _)| a.id == "a3");
    it[0].0.text = "new text".into();
    let out = s.ingest(&info(), &it).unwrap();
    assert_eq!(
        (out.new, out.replaced, out.unchanged, out.events),
        (0, 1, 0, 1)
    );
    let cs = query::clusters(s.conn(), &Filter::default()).unwrap();
    let counts: Vec<(String, i64, i64)> = cs
        .iter()
        .map(|c| (c.base.clone(), c.num_mentions, c.num_sources))
        .collect();
    assert_eq!(
        counts,
        vec![("112".into(), 2, 2), ("190".into(), 2, 2), ("040".into(), 1, 1)]
    );
    let n: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 5);
    // The evidence index follows replacements.
    let f = Filter {
        text: Some("condemned".into()),
        all: true,
        ..Filter::default()
    };
    assert!(query::events(s.conn(), &f).unwrap().is_empty());
    // Incremental rollups equal rollups rebuilt from scratch.
    let incremental = rollups(&s);
    s.rebuild_rollups().unwrap();
    assert_eq!(rollups(&s), incremental);
}

#[test]
fn timeline_and_top_actors() {
    let t = Tmp::new("timeline");
    let s = load(&t.db());
    let rows = query::timeline(
        s.conn(),
        &TimelineQuery::new("EGY", "ISR", Bucket::Day),
    )
    .unwrap();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(
        (
            r.bucket.as_str(),
            r.events,
            r.clusters,
            r.verbal_conflict,
            r.goldstein_sum,
            r.sources
        ),
        ("2024-02-09", 4, 2, 4, -8.0, 3)
    );
    assert_eq!(r.goldstein_mean, Some(-2.0));
    // Week buckets start on Monday; gaps are filled.
    let rows = query::timeline(
        s.conn(),
        &TimelineQuery {
            both: true,
            ..TimelineQuery::new("USA", "ISR", Bucket::Week)
        },
    )
    .unwrap();
    let b: Vec<(&str, i64)> =
        rows.iter().map(|r| (r.bucket.as_str(), r.events)).collect();
    assert_eq!(b, vec![("2024-02-19", 1)]);
    let rows = query::timeline(
        s.conn(),
        &TimelineQuery::new("ISR", "USA", Bucket::Week),
    )
    .unwrap();
    assert!(rows.is_empty());
    // Actor-code specs take the scan path and agree with the rollups.
    let scan = query::timeline(
        s.conn(),
        &TimelineQuery::new("EGYGOV", "ISRMIL", Bucket::Day),
    )
    .unwrap();
    let roll = query::timeline(
        s.conn(),
        &TimelineQuery::new("EGY", "ISR", Bucket::Day),
    )
    .unwrap();
    assert_eq!(scan, roll);
    let top = query::top_actors(s.conn(), 2, None, None).unwrap();
    let got: Vec<(&str, i64, i64)> =
        top.iter().map(|a| (a.actor.as_str(), a.clusters, a.events)).collect();
    assert_eq!(got, vec![("ISRMIL", 3, 5), ("EGYGOV", 2, 4)]);
    let top =
        query::top_actors(s.conn(), 5, Some("2024-02-15"), None).unwrap();
    let got: Vec<&str> = top.iter().map(|a| a.actor.as_str()).collect();
    assert_eq!(got, vec!["ISRGOV", "USAGOV"]);
    let st = query::stats(s.conn()).unwrap();
    assert_eq!(
        (st.articles, st.events_stored, st.events, st.clusters),
        (5, 8, 6, 4)
    );
}

#[test]
fn parquet_round_trip() {
    let t = Tmp::new("parquet");
    let s = load(&t.db());
    let f = Filter { all: true, ..Filter::default() };
    let rows: Vec<Vec<Cell>> = query::events(s.conn(), &f)
        .unwrap()
        .iter()
        .map(export::flat)
        .collect();
    let path = t.0.join("events.parquet");
    let n = export::write_parquet(
        &path,
        EVENT_COLUMNS,
        rows.clone().into_iter().map(Ok),
    )
    .unwrap();
    assert_eq!(n, 8);
    let (cols, back) = export::read_parquet(&path).unwrap();
    let want: Vec<String> =
        EVENT_COLUMNS.iter().map(|c| c.0.to_string()).collect();
    assert_eq!(cols, want);
    assert_eq!(back, rows);
    let pid = cols.iter().position(|c| c == "pattern_id").unwrap();
    assert_eq!(cols[pid - 1], "pattern");
    assert!(back.iter().all(|r| r[pid] == Cell::Str("test/1".into())));
    // Empty exports are valid files too.
    let empty = t.0.join("empty.parquet");
    export::write_parquet(&empty, EVENT_COLUMNS, std::iter::empty()).unwrap();
    assert_eq!(export::read_parquet(&empty).unwrap().1.len(), 0);
}

#[test]
fn gdelt_rows_have_61_typed_columns() {
    assert_eq!(GDELT_COLUMNS.len(), 61);
    let t = Tmp::new("gdelt");
    let s = load(&t.db());
    let mut rows = Vec::new();
    export::for_each_gdelt(s.conn(), &Filter::default(), |r| {
        rows.push(r);
        Ok(())
    })
    .unwrap();
    assert_eq!(rows.len(), 4);
    for row in &rows {
        assert_eq!(row.len(), 61);
        for (cell, (name, kind)) in row.iter().zip(GDELT_COLUMNS.iter()) {
            let ok = matches!(
                (cell, kind),
                (Cell::Null, _)
                    | (Cell::Int(_), export::Kind::Int)
                    | (Cell::Float(_), export::Kind::Float)
                    | (Cell::Str(_), export::Kind::Str)
            );
            assert!(ok, "{name}: {cell:?} is not {kind:?}");
        }
    }
    let r = &rows[0];
    let col =
        |n: &str| &r[GDELT_COLUMNS.iter().position(|c| c.0 == n).unwrap()];
    assert_eq!(col("Day"), &Cell::Int(20240209));
    assert_eq!(col("MonthYear"), &Cell::Int(202402));
    assert_eq!(col("Actor1Code"), &Cell::Str("EGYGOV".into()));
    assert_eq!(col("Actor1CountryCode"), &Cell::Str("EGY".into()));
    assert_eq!(col("Actor1Type1Code"), &Cell::Str("GOV".into()));
    assert_eq!(col("EventCode"), &Cell::Str("112".into()));
    assert_eq!(col("EventRootCode"), &Cell::Str("11".into()));
    assert_eq!(col("NumMentions"), &Cell::Int(3));
    assert_eq!(col("NumSources"), &Cell::Int(3));
    assert_eq!(col("DATEADDED"), &Cell::Int(20240210000000));
    assert_eq!(col("SOURCEURL"), &Cell::Str("https://wire.example/a1".into()));
}

#[test]
fn schema_version_is_checked() {
    let t = Tmp::new("schema");
    let s = load(&t.db());
    assert_eq!(s.schema_version().unwrap(), casus_store::SCHEMA_VERSION);
    s.conn()
        .execute(
            "UPDATE meta SET value = '999' WHERE key = 'schema_version'",
            [],
        )
        .unwrap();
    drop(s);
    let err = Store::open(&t.db()).unwrap_err().to_string();
    assert!(err.contains("schema version 999"), "{err}");
    let err = Store::open_read_only(&t.db()).unwrap_err().to_string();
    assert!(err.contains("schema version 999"), "{err}");
    // A foreign SQLite file is refused, not modified.
    let other = t.0.join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE x (a)")
        .unwrap();
    let err = Store::open(&other).unwrap_err().to_string();
    assert!(err.contains("not a casus store"), "{err}");
    // Read-only stores refuse writes.
    let ro = Store::open_read_only(&t.0.join("missing.db"))
        .unwrap_err()
        .to_string();
    assert!(ro.contains("no such store"), "{ro}");
}

#[test]
fn read_only_sql() {
    let t = Tmp::new("sql");
    drop(load(&t.db()));
    let s = Store::open_read_only(&t.db()).unwrap();
    let r = query::sql_query(
        s.conn(),
        "SELECT count(*) AS n FROM active_clusters",
    )
    .unwrap();
    assert_eq!(r.columns, vec!["n"]);
    assert_eq!(r.rows, vec![vec![serde_json::json!(4)]]);
    for q in [
        "DELETE FROM events",
        "DROP TABLE events",
        "INSERT INTO meta VALUES ('a','b')",
    ] {
        assert!(query::sql_query(s.conn(), q).is_err(), "{q}");
    }
    assert!(s.conn().execute("DELETE FROM events", []).is_err());
}

/// The v1 compat fixture: written by the first schema version, read by
/// every later casus after migrating a copy (the committed file is never
/// modified).
#[test]
fn compat_fixture_v1() {
    compat_fixture("v1", "1");
}

/// The v2 compat fixture (the same events, written by schema v2): its
/// events gain an empty `pattern_id` on migration.
#[test]
fn compat_fixture_v2() {
    compat_fixture("v2", "2");
}

/// Migrates a copy of `testdata/store/<dir>/casus.db` (schema `version`)
/// and checks it answers like a fresh store.
fn compat_fixture(dir: &str, version: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/store")
        .join(dir);
    let fixture_db = dir.join("casus.db");
    assert!(
        fixture_db.exists(),
        "{}: the fixture is committed; never regenerate it",
        fixture_db.display()
    );
    let t = Tmp::new(&format!("compat-v{version}"));
    let db = t.db();
    std::fs::copy(&fixture_db, &db).unwrap();
    let meta = |conn: &rusqlite::Connection, key: &str| -> String {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let found =
        meta(&rusqlite::Connection::open(&db).unwrap(), "schema_version");
    assert_eq!(found, version);
    // A read-only open migrates the copy first.
    let s = Store::open_read_only(&db).unwrap();
    assert_eq!(s.schema_version().unwrap(), casus_store::SCHEMA_VERSION);
    assert_eq!(meta(s.conn(), "migrated_from"), version);
    let st = query::stats(s.conn()).unwrap();
    assert_eq!(
        (st.articles, st.events_stored, st.events, st.clusters),
        (5, 8, 6, 4)
    );
    let cs = query::clusters(s.conn(), &Filter::default()).unwrap();
    assert_eq!(cs[0].num_sources, 3);
    let ev =
        query::events(s.conn(), &Filter { all: true, ..Filter::default() })
            .unwrap();
    let want: Vec<Event> =
        items(&fixture()).into_iter().flat_map(|(_, e)| e).collect();
    let mut got: Vec<Event> = ev.into_iter().map(|e| e.event).collect();
    got.sort_by(|a, b| a.event_id.cmp(&b.event_id));
    let mut want = want;
    want.sort_by(|a, b| a.event_id.cmp(&b.event_id));
    // Events stored before v3 have no pattern id.
    for e in &mut want {
        e.pattern_id.clear();
    }
    assert_eq!(got, want);
    // The migrated rollups equal a fresh store's and the direct path.
    let fresh_dir = Tmp::new(&format!("compat-fresh-v{version}"));
    let fresh = load(&fresh_dir.db());
    assert_eq!(rollups(&s), rollups(&fresh));
    assert_rollups_match_direct(&s);
    drop(s);
    // A read-write open of the migrated copy keeps working.
    let mut s = Store::open(&db).unwrap();
    let out = s.ingest(&info(), &items(&fixture())).unwrap();
    assert_eq!(out.unchanged, 5);
}

/// A fresh store keeps each event's pattern id.
#[test]
fn stores_pattern_ids() {
    let t = Tmp::new("pattern-ids");
    let s = load(&t.db());
    let ev =
        query::events(s.conn(), &Filter { all: true, ..Filter::default() })
            .unwrap();
    assert_eq!(ev.len(), 8);
    assert!(ev.iter().all(|e| e.event.pattern_id == "test/1"));
}

type Window = (Option<&'static str>, Option<&'static str>);

/// `a` -> `b` timelines for every bucket size, one and both directions,
/// and each date window: the grid the rollup tests compare over.
fn timeline_grid(a: &str, b: &str, windows: &[Window]) -> Vec<TimelineQuery> {
    let mut grid = Vec::new();
    for by in [Bucket::Day, Bucket::Week, Bucket::Month] {
        for both in [false, true] {
            for &(from, to) in windows {
                grid.push(TimelineQuery {
                    both,
                    from: from.map(String::from),
                    to: to.map(String::from),
                    ..TimelineQuery::new(a, b, by)
                });
            }
        }
    }
    grid
}

/// Every dyad of the store, both directions, all bucket sizes and a few
/// date windows: the rollup timeline equals the direct aggregation.
fn assert_rollups_match_direct(s: &Store) {
    let countries: Vec<String> = query::sql_query(
        s.conn(),
        "SELECT DISTINCT source_country FROM events WHERE source_country
         IS NOT NULL UNION SELECT target_country FROM events
         WHERE target_country IS NOT NULL ORDER BY 1",
    )
    .unwrap()
    .rows
    .into_iter()
    .map(|r| r[0].as_str().unwrap().to_string())
    .collect();
    let windows = [
        (None, None),
        (Some("2024-02-09"), None),
        (Some("2024-02-10"), Some("2024-02-20")),
        (Some("2024-02-01"), Some("2024-02-29")),
        (Some("2024-02-07"), Some("2024-02-09")),
        (Some("2024-02-10"), Some("2024-02-01")),
        (None, Some("2024-02-18")),
    ];
    let mut compared = 0;
    for a in &countries {
        for b in &countries {
            assert!(query::timeline_uses_rollups(s.conn(), a, b).unwrap());
            for q in timeline_grid(a, b, &windows) {
                let fast = query::timeline(s.conn(), &q).unwrap();
                let slow = query::timeline_direct(s.conn(), &q).unwrap();
                assert_eq!(fast, slow, "{q:?}");
                compared += fast.len();
            }
        }
    }
    assert!(compared > 0);
    // The country matrix and the summary likewise (the default
    // threshold spelt out takes the direct path).
    let same = query::Counting {
        all: false,
        min_confidence: Some(casus_store::DEFAULT_MIN_CONFIDENCE),
    };
    for (from, to) in windows {
        for n in [2, 10] {
            assert_eq!(
                query::country_matrix(s.conn(), n, from, to).unwrap(),
                query::country_matrix_counted(s.conn(), n, from, to, same)
                    .unwrap(),
                "{n} {from:?}..{to:?}"
            );
        }
    }
    let summary = query::summary(s.conn()).unwrap();
    let stats = query::stats_direct(s.conn(), Default::default()).unwrap();
    assert_eq!(
        (summary.events, summary.clusters),
        (stats.events, stats.clusters)
    );
}

/// The rollup tables give exactly what direct aggregation over `events`
/// gives, after a first ingest, after re-ingesting a changed article
/// (rollups decremented) and after removing every counted mention of a
/// dyad-day.
#[test]
fn rollups_equal_direct_aggregation() {
    let t = Tmp::new("rollup-direct");
    let mut s = load(&t.db());
    assert_rollups_match_direct(&s);
    // More outlets and days, so weeks and months have several rows.
    let extra: Vec<Spec<'static>> = vec![
        (
            "b1",
            "2024-02-14",
            "post",
            "2024-02-13",
            "USAGOV",
            "ISRGOV",
            "040",
            "Officials met in Washington",
            false,
            A,
        ),
        (
            "b1",
            "2024-02-14",
            "post",
            "2024-02-13",
            "ISRGOV",
            "USAGOV",
            "040",
            "Israeli envoy met US officials",
            false,
            A,
        ),
        (
            "b2",
            "2024-03-02",
            "wire",
            "2024-03-01",
            "ISRMIL",
            "EGYGOV",
            "190",
            "Israeli forces fired near the border",
            false,
            A,
        ),
        (
            "b3",
            "2024-03-04",
            "post",
            "2024-03-01",
            "ISRMIL",
            "EGYGOV",
            "190",
            "Troops fired near the Egyptian border",
            false,
            A,
        ),
        (
            "b3",
            "2024-03-04",
            "post",
            "2024-01-31",
            "EGYGOV",
            "ISRMIL",
            "112",
            "Egypt accused Israel in January",
            false,
            A,
        ),
    ];
    s.ingest(&info(), &items(&extra)).unwrap();
    assert_rollups_match_direct(&s);
    // a2 changes: its EGY->ISR mention moves to another day and outlet
    // loses its only event there (the rollups must be decremented).
    let changed: Vec<Spec<'static>> = vec![(
        "a2",
        "2024-02-11",
        "daily",
        "2024-02-20",
        "EGYGOV",
        "ISRMIL",
        "112",
        "Cairo accused Israel on Tuesday",
        false,
        A,
    )];
    let mut it = items(&changed);
    it[0].0.text = "changed text".into();
    let out = s.ingest(&info(), &it).unwrap();
    assert_eq!(out.replaced, 1);
    assert_rollups_match_direct(&s);
    // b3 loses all its events.
    let mut it = items(&extra[3..4]);
    it[0].1.clear();
    it[0].0.text = "retracted".into();
    s.ingest(&info(), &it).unwrap();
    assert_rollups_match_direct(&s);
    // Incremental tables equal a rebuild (no leftover zero rows).
    let incremental = rollups(&s);
    s.rebuild_rollups().unwrap();
    assert_eq!(rollups(&s), incremental);
}

/// A 3-letter spec that is also the prefix of another country's actor
/// codes takes the scan path (the rollups key on countries only).
#[test]
fn timeline_falls_back_when_codes_and_countries_disagree() {
    let t = Tmp::new("fallback");
    let mut s = load(&t.db());
    assert!(query::timeline_uses_rollups(s.conn(), "EGY", "ISR").unwrap());
    let mut it = items(&[(
        "c1",
        "2024-02-15",
        "wire",
        "2024-02-15",
        "IGOUNO",
        "ISRGOV",
        "112",
        "The UN accused Israel",
        false,
        A,
    )]);
    // An IGO actor with Egypt as its country.
    it[0].1[0].source.as_mut().unwrap().country = Some("EGY".into());
    s.ingest(&info(), &it).unwrap();
    assert!(!query::timeline_uses_rollups(s.conn(), "IGO", "ISR").unwrap());
    assert!(query::timeline_uses_rollups(s.conn(), "EGY", "ISR").unwrap());
    let got = query::timeline(
        s.conn(),
        &TimelineQuery::new("IGO", "ISR", Bucket::Day),
    )
    .unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].events, 1);
    for by in [Bucket::Day, Bucket::Week] {
        assert_eq!(
            query::timeline(
                s.conn(),
                &TimelineQuery {
                    both: true,
                    ..TimelineQuery::new("EGY", "ISR", by)
                }
            )
            .unwrap(),
            query::timeline_direct(
                s.conn(),
                &TimelineQuery {
                    both: true,
                    ..TimelineQuery::new("EGY", "ISR", by)
                }
            )
            .unwrap()
        );
    }
}

/// A bulk load (`casus-eval generate`'s path: no journal, indexes, counts,
/// rollups and evidence index built at the end) gives the same tables as
/// normal ingest, and leaves the store in WAL mode.
#[test]
fn bulk_load_equals_normal_ingest() {
    let t = Tmp::new("bulk-normal");
    let normal = load(&t.db());
    let t2 = Tmp::new("bulk");
    let mut b = Store::open(&t2.db()).unwrap();
    b.begin_bulk().unwrap();
    let it = items(&fixture());
    b.ingest_bulk(&info(), &it[..2]).unwrap();
    b.ingest_bulk(&info(), &it[2..]).unwrap();
    b.finish_bulk().unwrap();
    for table in ["events", "clusters"] {
        assert_eq!(dump(&b, table), dump(&normal, table), "{table}");
    }
    assert_eq!(rollups(&b), rollups(&normal));
    assert_rollups_match_direct(&b);
    let f = Filter { text: Some("condemned".into()), ..Filter::default() };
    assert_eq!(query::events(b.conn(), &f).unwrap().len(), 1);
    let mode: String =
        b.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    // Normal ingest continues on the bulk-loaded store.
    let out = b.ingest(&info(), &items(&fixture())).unwrap();
    assert_eq!(out.unchanged, 5);
}

/// The paging and lookup queries behind the HTTP API agree with the
/// CLI's queries on the fixture.
#[test]
fn pages_and_lookups() {
    use query::{Cursor, EventQuery};
    let t = Tmp::new("pages");
    let s = load(&t.db());
    let c = s.conn();
    let ids = |evs: &[query::StoredEvent]| -> Vec<String> {
        evs.iter().map(|e| e.event.event_id.clone()).collect()
    };
    // Walk every page of 2 rows, forwards and backwards.
    let walk = |q: &EventQuery| -> Vec<String> {
        let mut q = EventQuery { limit: 2, ..q.clone() };
        let mut out = Vec::new();
        loop {
            let (page, next) = query::events_page(c, &q).unwrap();
            assert!(page.len() <= 2);
            out.extend(ids(&page));
            match next {
                Some(n) => q.after = Some(n),
                None => return out,
            }
        }
    };
    let f = Filter::default;
    let filters = [
        f(),
        Filter { all: true, ..f() },
        Filter {
            source: Some("EGY".into()),
            target: Some("ISR".into()),
            ..f()
        },
        Filter {
            source: Some("ISR".into()),
            target: Some("USA".into()),
            both: true,
            ..f()
        },
        Filter { quad: Some(3), min_sources: Some(3), ..f() },
    ];
    for filter in filters {
        let q = EventQuery { filter: filter.clone(), ..EventQuery::default() };
        let want = ids(&query::events(c, &filter).unwrap());
        assert_eq!(walk(&q), want, "{filter:?}");
        let mut back = walk(&EventQuery { desc: true, ..q });
        back.reverse();
        assert_eq!(back, want, "desc {filter:?}");
    }
    let modal = |m: Option<&str>, n: Option<bool>, all: bool| {
        walk(&EventQuery {
            filter: Filter { all, ..f() },
            modality: m.map(String::from),
            negated: n,
            ..EventQuery::default()
        })
    };
    assert_eq!(modal(Some("intended"), None, false), ["a4-1"]);
    assert_eq!(modal(None, Some(true), false), ["a4-0"]);
    assert_eq!(
        modal(Some("asserted"), None, false),
        walk(&EventQuery::default())
    );
    assert_eq!(modal(Some("asserted"), None, true).len(), 7);
    // Clusters page like `clusters`.
    let cq = EventQuery { limit: 1, ..EventQuery::default() };
    let (first, next) = query::clusters_page(c, &cq).unwrap();
    let all = query::clusters(c, &f()).unwrap();
    assert_eq!(first[0], all[0]);
    let (second, _) =
        query::clusters_page(c, &EventQuery { after: next, ..cq }).unwrap();
    assert_eq!(second[0], all[1]);
    // Lookups.
    let e = query::find_event(c, 1).unwrap().unwrap();
    assert_eq!(e.event.event_id, "a1-0");
    assert_eq!(query::find_event(c, 999).unwrap(), None);
    let cl = query::find_cluster(c, e.cluster).unwrap().unwrap();
    assert_eq!(cl.num_sources, 3);
    let ms = query::cluster_mentions(c, e.cluster, 10).unwrap();
    assert_eq!(ids(&ms), ["a1-0", "a2-0", "a3-0", "a4-0"]);
    assert_eq!(query::find_cluster(c, 999).unwrap(), None);
    let a = query::find_article(c, "a4").unwrap().unwrap();
    assert_eq!(
        (a.date.as_str(), a.text.as_deref()),
        ("2024-02-12", Some("text of a4"))
    );
    assert_eq!(
        ids(&query::article_mentions(c, &a, 10).unwrap()),
        ["a4-0", "a4-1"]
    );
    assert_eq!(query::find_article(c, "nope").unwrap(), None);
    // Coverage, matrix, actors, search.
    let cov = query::articles_per_bucket(c, Bucket::Day).unwrap();
    let want: Vec<(String, i64)> = [
        ("2024-02-10", 1),
        ("2024-02-11", 2),
        ("2024-02-12", 1),
        ("2024-02-19", 1),
    ]
    .iter()
    .map(|(d, n)| (d.to_string(), *n))
    .collect();
    assert_eq!(cov, want);
    let week = query::articles_per_bucket(c, Bucket::Week).unwrap();
    assert_eq!(
        week,
        [
            ("2024-02-05".to_string(), 3),
            ("2024-02-12".to_string(), 1),
            ("2024-02-19".to_string(), 1)
        ]
    );
    let m = query::country_matrix(c, 10, None, None).unwrap();
    assert_eq!(m.countries, ["ISR", "EGY", "PSE", "USA"]);
    assert_eq!((m.events[1][0], m.events[0][2], m.events[3][0]), (4, 1, 1));
    assert_eq!(m.goldstein_mean[0][2], Some(-10.0));
    let w =
        query::country_matrix(c, 10, Some("2024-02-10"), Some("2024-02-28"))
            .unwrap();
    assert_eq!((w.countries.len(), w.events[3][0]), (4, 1));
    assert_eq!(w.events.iter().flatten().sum::<i64>(), 1);
    let act = query::actor_activity(c, "EGYGOV", 5).unwrap().unwrap();
    assert_eq!(
        (act.totals.source_events, act.first_seen.as_deref()),
        (4, Some("2024-02-09"))
    );
    assert_eq!(act.partners[0].code, "ISRMIL");
    assert_eq!(act.partners[0].as_target, 4);
    assert_eq!(act.names[0].name, "Egypt");
    assert_eq!(query::actor_activity(c, "XXX", 5).unwrap(), None);
    let codes = query::actor_codes(c, "ISR", 10).unwrap();
    assert_eq!(codes[0], ("ISRMIL".to_string(), 5));
    let (hits, next) = query::search(c, "rafah", false, None, 2).unwrap();
    assert_eq!(
        ids(&hits.iter().map(|h| h.event.clone()).collect::<Vec<_>>()),
        ["a3-0", "a2-0"]
    );
    assert_eq!(hits[0].matches.len(), 1);
    let (rest, _) = query::search(c, "rafah", false, next, 10).unwrap();
    assert_eq!(rest.len(), 2);
    // Timeline with filters equals the rollup timeline without them.
    let tq = EventQuery {
        filter: Filter {
            source: Some("EGY".into()),
            target: Some("ISR".into()),
            ..f()
        },
        ..EventQuery::default()
    };
    assert_eq!(
        query::timeline_query(c, &tq, Bucket::Day).unwrap(),
        query::timeline(c, &TimelineQuery::new("EGY", "ISR", Bucket::Day))
            .unwrap()
    );
    let roots = EventQuery {
        filter: Filter { root: Some("19".into()), ..tq.filter.clone() },
        ..tq
    };
    assert!(query::timeline_query(c, &roots, Bucket::Day).unwrap().is_empty());
    assert!("x".parse::<Cursor>().is_err());
}

/// The fixture plus an asserted EGY -> ISR mention below the default
/// confidence: stored, not counted.
fn load_with_low_confidence(db: &Path) -> Store {
    let mut s = load(db);
    let spec: Spec<'static> = (
        "a6",
        "2024-02-12",
        "gazette",
        "2024-02-09",
        "EGYGOV",
        "ISRMIL",
        "112",
        "Egypt reportedly accused Israel of striking Rafah",
        false,
        A,
    );
    let mut batch = items(&[spec]);
    batch[0].1[0].confidence = 0.1;
    s.ingest(&info(), &batch).unwrap();
    s
}

#[test]
fn counting_flags_direct_equals_rollups() {
    use query::Counting;
    let t = Tmp::new("counting");
    let s = load_with_low_confidence(&t.db());
    let c = s.conn();
    let default = Counting::default();
    // The default threshold spelt out takes the direct path.
    let same = Counting {
        all: false,
        min_confidence: Some(casus_store::DEFAULT_MIN_CONFIDENCE),
    };
    let all = Counting { all: true, min_confidence: None };
    let dyads = [("EGY", "ISR"), ("USA", "ISR"), ("EGYGOV", "ISRMIL")];
    let windows = [
        (None, None),
        (Some("2024-02-09"), Some("2024-02-19")),
        (Some("2024-02-10"), None),
    ];
    for (a, b) in dyads {
        for q in timeline_grid(a, b, &windows) {
            let roll = query::timeline(c, &q).unwrap();
            let same = TimelineQuery { counting: same, ..q.clone() };
            let direct = query::timeline(c, &same).unwrap();
            assert_eq!(roll, direct, "{q:?}");
            // The default counting scanned equals the rollups.
            assert_eq!(roll, query::timeline_direct(c, &q).unwrap());
        }
    }
    // --all counts the low-confidence, negated and intended mentions.
    let roll =
        query::timeline(c, &TimelineQuery::new("EGY", "ISR", Bucket::Day))
            .unwrap();
    let every = query::timeline(
        c,
        &TimelineQuery {
            counting: all,
            ..TimelineQuery::new("EGY", "ISR", Bucket::Day)
        },
    )
    .unwrap();
    assert_eq!((roll[0].events, every[0].events), (4, 6));
    assert_eq!((roll[0].sources, every[0].sources), (3, 4));
    // A lower threshold adds the low-confidence mention, not the negated.
    let low = Counting { all: false, min_confidence: Some(0.05) };
    let lower = query::timeline(
        c,
        &TimelineQuery {
            counting: low,
            ..TimelineQuery::new("EGY", "ISR", Bucket::Day)
        },
    )
    .unwrap();
    assert_eq!(lower[0].events, 5);

    for (from, to) in windows {
        let roll = query::top_actors(c, 10, from, to).unwrap();
        assert_eq!(
            roll,
            query::top_actors_counted(c, 10, from, to, same).unwrap()
        );
        assert_eq!(
            roll,
            query::top_actors_direct(c, 10, from, to, default).unwrap()
        );
        // The country matrix likewise.
        assert_eq!(
            query::country_matrix(c, 10, from, to).unwrap(),
            query::country_matrix_counted(c, 10, from, to, same).unwrap()
        );
    }
    let pick = |rows: Vec<query::ActorRow>, code: &str| {
        rows.into_iter().find(|r| r.actor == code).map(|r| r.events)
    };
    let roll = query::top_actors(c, 10, None, None).unwrap();
    let every = query::top_actors_counted(c, 10, None, None, all).unwrap();
    assert_eq!(pick(roll, "EGYGOV"), Some(4));
    assert_eq!(pick(every, "EGYGOV"), Some(6));

    let st = query::stats(c).unwrap();
    assert_eq!(st, query::stats_counted(c, same).unwrap());
    assert_eq!(st, query::stats_direct(c, default).unwrap());
    let every = query::stats_counted(c, all).unwrap();
    assert_eq!((st.events, every.events), (6, 9));
    assert_eq!(every.events, every.events_stored);
    assert!(every.clusters >= st.clusters);

    // The summary (the API's stats) and per-root counts: the default
    // spelt out equals the rollups; `all` counts what stats counts.
    let summary = query::summary(c).unwrap();
    assert_eq!(summary, query::summary_counted(c, same).unwrap());
    assert_eq!(query::root_counts(c).unwrap(), st.roots);
    assert_eq!(query::root_counts_counted(c, same).unwrap(), st.roots);
    for counting in [all, low, Counting { all: true, ..low }] {
        let want = query::stats_counted(c, counting).unwrap();
        let got = query::summary_counted(c, counting).unwrap();
        assert_eq!(
            (got.events, got.clusters, got.events_stored, got.articles),
            (want.events, want.clusters, want.events_stored, want.articles),
            "{counting:?}"
        );
        assert_eq!(got.quad_classes.iter().sum::<i64>(), want.events);
        assert_eq!(
            query::root_counts_counted(c, counting).unwrap(),
            want.roots
        );
    }

    // The country matrix: `all` and a lower threshold add the mentions
    // they select.
    let cell = |m: &query::CountryMatrix, s: &str, t: &str| {
        let at = |c: &str| m.countries.iter().position(|x| x == c).unwrap();
        m.events[at(s)][at(t)]
    };
    let roll = query::country_matrix(c, 10, None, None).unwrap();
    let every = query::country_matrix_counted(c, 10, None, None, all).unwrap();
    let lower = query::country_matrix_counted(c, 10, None, None, low).unwrap();
    assert_eq!(
        (
            cell(&roll, "EGY", "ISR"),
            cell(&lower, "EGY", "ISR"),
            cell(&every, "EGY", "ISR")
        ),
        (4, 5, 6)
    );
}

/// `location.from` is stored (`events.location_from`), read back by
/// queries and exported as its own column; a v4 store migrates with
/// NULL there.
#[test]
fn location_from_round_trips() {
    use casus::events::{Location, LocationFrom};
    let t = Tmp::new("location-from");
    let mut batch = items(&fixture());
    batch[0].1[0].location = Some(Location {
        name: "Rafah".into(),
        country: Some("PSE".into()),
        from: Some(LocationFrom::Verb),
    });
    batch[0].1[1].location = Some(Location {
        name: "Gaza".into(),
        country: Some("PSE".into()),
        from: None,
    });
    let want: Vec<Event> = batch.iter().flat_map(|(_, e)| e.clone()).collect();
    {
        let stored = ingest_round_trip(&t.db(), &batch, &want);
        // The JSON of `casus events` carries `from`.
        let a1 = stored.iter().find(|e| e.event.event_id == "a1-0").unwrap();
        let json = serde_json::to_value(&a1.event).unwrap();
        assert_eq!(json["location"]["from"], "verb");
        // Parquet (and CSV: the same flat rows) have the column.
        let rows: Vec<Vec<Cell>> = stored.iter().map(export::flat).collect();
        let at =
            EVENT_COLUMNS.iter().position(|c| c.0 == "location_from").unwrap();
        assert_eq!(EVENT_COLUMNS[at - 1].0, "location_country");
        let path = t.0.join("loc.parquet");
        export::write_parquet(
            &path,
            EVENT_COLUMNS,
            rows.clone().into_iter().map(Ok),
        )
        .unwrap();
        let (_, back) = export::read_parquet(&path).unwrap();
        assert_eq!(back, rows);
        let froms: Vec<&Cell> = back.iter().map(|r| &r[at]).collect();
        assert_eq!(
            froms.iter().filter(|c| ***c == Cell::Str("verb".into())).count(),
            1
        );
        assert_eq!(froms.iter().filter(|c| ***c == Cell::Null).count(), 7);
    }
    // A v4 store (no column) migrates on open, its events with NULL.
    {
        let c = rusqlite::Connection::open(t.db()).unwrap();
        c.execute_batch(
            "ALTER TABLE events DROP COLUMN location_from;
             ALTER TABLE events DROP COLUMN target_from;
             ALTER TABLE events DROP COLUMN source_from;
             ALTER TABLE events DROP COLUMN date_end;
             UPDATE meta SET value = '4' WHERE key = 'schema_version';",
        )
        .unwrap();
    }
    let s = Store::open_read_only(&t.db()).unwrap();
    assert_eq!(s.schema_version().unwrap(), casus_store::SCHEMA_VERSION);
    let migrated: String = s
        .conn()
        .query_row(
            "SELECT value FROM meta WHERE key = 'migrated_from'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(migrated, "4");
    let f = Filter { all: true, ..Filter::default() };
    let ev = query::events(s.conn(), &f).unwrap();
    assert_eq!(ev.len(), 8);
    assert!(ev
        .iter()
        .filter_map(|e| e.event.location.as_ref())
        .all(|l| l.from.is_none()));
}

/// Ingests `batch` into a new store at `db` and checks that every event
/// (`all`) reads back equal to `want`; the stored events.
fn ingest_round_trip(
    db: &Path,
    batch: &[(Article, Vec<Event>)],
    want: &[Event],
) -> Vec<query::StoredEvent> {
    let mut s = Store::open(db).unwrap();
    s.ingest(&info(), batch).unwrap();
    let f = Filter { all: true, ..Filter::default() };
    let stored = query::events(s.conn(), &f).unwrap();
    let mut got: Vec<Event> = stored.iter().map(|e| e.event.clone()).collect();
    got.sort_by(|a, b| a.event_id.cmp(&b.event_id));
    let mut want = want.to_vec();
    want.sort_by(|a, b| a.event_id.cmp(&b.event_id));
    assert_eq!(got, want);
    stored
}

/// `target.from` (how a reaction's target was found) is stored
/// (`events.target_from`), read back by queries and exported as its own
/// column; a v5 store migrates with NULL there.
#[test]
fn target_from_round_trips() {
    use casus::events::ActorFrom;
    let t = Tmp::new("target-from");
    let mut batch = items(&fixture());
    if let Some(tg) = batch[0].1[0].target.as_mut() {
        tg.from = Some(ActorFrom::Antecedent);
    }
    let want: Vec<Event> = batch.iter().flat_map(|(_, e)| e.clone()).collect();
    assert!(want
        .iter()
        .any(|e| e.target.as_ref().is_some_and(|t| t.from.is_some())));
    {
        let stored = ingest_round_trip(&t.db(), &batch, &want);
        let rows: Vec<Vec<Cell>> = stored.iter().map(export::flat).collect();
        let at =
            EVENT_COLUMNS.iter().position(|c| c.0 == "target_from").unwrap();
        let froms: Vec<&Cell> = rows.iter().map(|r| &r[at]).collect();
        assert_eq!(
            froms
                .iter()
                .filter(|c| ***c == Cell::Str("antecedent".into()))
                .count(),
            1
        );
    }
    // A v5 store (no column) migrates on open, its events with NULL.
    let ev = migrated_events(
        &t.db(),
        "ALTER TABLE events DROP COLUMN target_from;
         ALTER TABLE events DROP COLUMN source_from;
         ALTER TABLE events DROP COLUMN date_end;
         UPDATE meta SET value = '5' WHERE key = 'schema_version';",
    );
    assert!(ev
        .iter()
        .filter_map(|e| e.event.target.as_ref())
        .all(|t| t.from.is_none()));
}

/// `source.from` (`story`: a side the sentence leaves open, given the
/// story's country) and `date_end` (a range's end) are stored
/// (`events.source_from`, `events.date_end`), read back equal to the
/// coder's events and exported as columns; a v6 store migrates, its
/// empty-span actors read back as `story` as v6 read them.
#[test]
fn source_from_and_date_end_round_trip() {
    use casus::events::ActorFrom;
    let t = Tmp::new("source-from");
    let mut batch = items(&fixture());
    let story = |e: &mut Event| {
        if let Some(s) = e.source.as_mut() {
            s.span = Span::new(e.span.start as usize, e.span.start as usize);
            s.from = Some(ActorFrom::Story);
        }
    };
    story(&mut batch[0].1[0]);
    batch[1].1[0].date_end = Some("2024-02-10".into());
    if let Some(tg) = batch[1].1[0].target.as_mut() {
        tg.span = Span::new(0, 0);
        tg.from = Some(ActorFrom::Story);
    }
    let want: Vec<Event> = batch.iter().flat_map(|(_, e)| e.clone()).collect();
    {
        let stored = ingest_round_trip(&t.db(), &batch, &want);
        let rows: Vec<Vec<Cell>> = stored.iter().map(export::flat).collect();
        let col = |name: &str| {
            let at = EVENT_COLUMNS.iter().position(|c| c.0 == name).unwrap();
            rows.iter().filter(|r| r[at] != Cell::Null).count()
        };
        assert_eq!((col("source_from"), col("date_end")), (1, 1));
    }
    // A v6 store (no columns) migrates on open: the story's actors (an
    // empty span) get `story` back, `date_end` is NULL.
    let mut got: Vec<Event> = migrated_events(
        &t.db(),
        "UPDATE events SET target_from = NULL WHERE target_from = 'story';
         ALTER TABLE events DROP COLUMN source_from;
         ALTER TABLE events DROP COLUMN date_end;
         UPDATE meta SET value = '6' WHERE key = 'schema_version';",
    )
    .into_iter()
    .map(|e| e.event)
    .collect();
    got.sort_by(|a, b| a.event_id.cmp(&b.event_id));
    let mut want = want;
    for e in &mut want {
        e.date_end = None;
    }
    want.sort_by(|a, b| a.event_id.cmp(&b.event_id));
    assert_eq!(got, want);
}

/// Leaves the store at `db` as an older schema wrote it (`sql`: its
/// columns dropped, its version set), opens it (which migrates it) and
/// reads back every event.
fn migrated_events(db: &Path, sql: &str) -> Vec<query::StoredEvent> {
    rusqlite::Connection::open(db).unwrap().execute_batch(sql).unwrap();
    let s = Store::open_read_only(db).unwrap();
    assert_eq!(s.schema_version().unwrap(), casus_store::SCHEMA_VERSION);
    let f = Filter { all: true, ..Filter::default() };
    query::events(s.conn(), &f).unwrap()
}
