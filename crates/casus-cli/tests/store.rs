//! Integration tests: the store commands (ingest, events, timeline, top,
//! stats, sql, export; stores from `casus-eval generate`), including a SIGKILL in
//! the middle of an ingest and re-ingest idempotency.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{stderr, stdout, Dir};

/// A small synthetic store in `dir` (deterministic), written by
/// `casus-eval generate`'s library function.
fn generated(dir: &Dir) {
    casus_eval::generate::write_store(
        &dir.path.join("casus.db"),
        3000,
        7,
        2000,
    )
    .expect("synthetic store");
}

fn run(dir: &Dir, args: &[&str]) -> String {
    let o = dir.casus().args(args).output().unwrap();
    assert!(o.status.success(), "casus {args:?}: {}", stderr(&o));
    stdout(&o)
}

fn jsonl(s: &str) -> Vec<serde_json::Value> {
    s.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn generate_is_deterministic() {
    let a = Dir::new("gen-a");
    let b = Dir::new("gen-b");
    generated(&a);
    generated(&b);
    let q = ["export", "--format", "csv"];
    assert_eq!(run(&a, &q), run(&b, &q));
    let again = casus_eval::generate::write_store(
        &a.path.join("casus.db"),
        10,
        7,
        2000,
    );
    assert!(again.is_err(), "generate must refuse an existing store");
}

#[test]
fn events_filters_and_formats() {
    let d = Dir::new("events");
    generated(&d);
    let all = jsonl(&run(&d, &["events", "--format", "jsonl"]));
    assert!(all.len() > 2000, "{}", all.len());
    // Full event schema plus store columns.
    for key in [
        "event_id",
        "evidence",
        "source",
        "cameo",
        "goldstein",
        "outlet",
        "url",
        "published",
        "cluster",
    ] {
        assert!(all[0].get(key).is_some(), "missing {key}");
    }
    let dyad =
        jsonl(&run(&d, &["events", "--dyad", "USA:ISR", "--format", "jsonl"]));
    assert!(!dyad.is_empty());
    assert!(dyad
        .iter()
        .all(|e| e["source"]["country"] == "USA"
            && e["target"]["country"] == "ISR"));
    let both = jsonl(&run(
        &d,
        &["events", "--dyad", "USA:ISR", "--both", "--format", "jsonl"],
    ));
    assert!(both.len() > dyad.len());
    let q4 = jsonl(&run(
        &d,
        &[
            "events", "--quad", "4", "--root", "19", "--limit", "5",
            "--format", "jsonl",
        ],
    ));
    assert_eq!(q4.len(), 5);
    assert!(q4.iter().all(|e| e["root"] == "19" && e["quad_class"] == 4));
    let text = jsonl(&run(
        &d,
        &["events", "--text", "air strikes", "--format", "jsonl"],
    ));
    assert!(!text.is_empty());
    assert!(text
        .iter()
        .all(|e| e["evidence"].as_str().unwrap().contains("air strikes")));
    let ranged = jsonl(&run(
        &d,
        &[
            "events",
            "--from",
            "2016-01-01",
            "--to",
            "2016-12-31",
            "--format",
            "jsonl",
        ],
    ));
    assert!(ranged
        .iter()
        .all(|e| e["day"].as_str().unwrap().starts_with("2016")));
    let plover = jsonl(&run(
        &d,
        &[
            "events", "--plover", "assault", "--cameo", "19", "--format",
            "jsonl",
        ],
    ));
    assert!(plover.iter().all(|e| e["plover"] == "ASSAULT"));
    // Clusters.
    let cl = jsonl(&run(
        &d,
        &["events", "--clusters", "--min-sources", "2", "--format", "jsonl"],
    ));
    assert!(!cl.is_empty());
    for c in &cl {
        assert!(c["num_sources"].as_i64().unwrap() >= 2);
        assert!(
            c["mentions"].as_array().unwrap().len() as i64
                >= c["num_mentions"].as_i64().unwrap()
        );
    }
    // Table and CSV.
    let table = run(&d, &["events", "--limit", "3", "--format", "table"]);
    assert!(table.starts_with("id  "), "{table}");
    assert_eq!(table.lines().count(), 4);
    let csv =
        run(&d, &["events", "--clusters", "--limit", "3", "--format", "csv"]);
    assert!(csv.starts_with("id,day,source_code,target_code,cameo"), "{csv}");
    assert_eq!(csv.lines().count(), 4);
    // Bad arguments give one clear line.
    let o = d.casus().args(["events", "--dyad", "USA"]).output().unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("SRC:TGT"), "{}", stderr(&o));
    let o =
        d.casus().args(["events", "--from", "2016-13-01"]).output().unwrap();
    assert!(stderr(&o).contains("bad date"), "{}", stderr(&o));
}

#[test]
fn timeline_rows_and_plot() {
    let d = Dir::new("timeline");
    generated(&d);
    let rows = jsonl(&run(
        &d,
        &[
            "timeline", "USA", "ISR", "--by", "month", "--plot", "t.svg",
            "--format", "jsonl",
        ],
    ));
    assert!(rows.len() > 12);
    let sum: i64 = rows.iter().map(|r| r["events"].as_i64().unwrap()).sum();
    let direct =
        jsonl(&run(&d, &["events", "--dyad", "USA:ISR", "--format", "jsonl"]))
            .len() as i64;
    assert_eq!(sum, direct);
    for r in &rows {
        let q: i64 = [
            "verbal_coop",
            "material_coop",
            "verbal_conflict",
            "material_conflict",
        ]
        .iter()
        .map(|k| r[*k].as_i64().unwrap())
        .sum();
        assert_eq!(q, r["events"].as_i64().unwrap());
        assert!(r["bucket"].as_str().unwrap().ends_with("-01"));
    }
    let svg = std::fs::read_to_string(d.path.join("t.svg")).unwrap();
    for part in [
        "<svg",
        "USA -&gt; ISR",
        "Material conflict",
        "<polyline",
        "counted events",
        "</svg>",
    ] {
        assert!(svg.contains(part), "svg lacks {part}");
    }
    let weeks = jsonl(&run(
        &d,
        &[
            "timeline", "USA", "ISR", "--by", "week", "--both", "--format",
            "jsonl",
        ],
    ));
    for w in &weeks {
        let day = chrono::NaiveDate::parse_from_str(
            w["bucket"].as_str().unwrap(),
            "%Y-%m-%d",
        )
        .unwrap();
        assert_eq!(chrono::Datelike::weekday(&day), chrono::Weekday::Mon);
    }
    let csv =
        run(&d, &["timeline", "USA", "ISR", "--by", "day", "--format", "csv"]);
    assert!(csv.starts_with("bucket,events,clusters,verbal_coop"), "{csv}");
}

#[test]
fn actors_top_stats_and_sql() {
    let d = Dir::new("top");
    generated(&d);
    let top = jsonl(&run(&d, &["top", "--top", "5", "--format", "jsonl"]));
    assert_eq!(top.len(), 5);
    let c: Vec<i64> =
        top.iter().map(|a| a["clusters"].as_i64().unwrap()).collect();
    assert!(c.windows(2).all(|w| w[0] >= w[1]), "{c:?}");
    let ranged = jsonl(&run(
        &d,
        &[
            "top",
            "--top",
            "3",
            "--from",
            "2020-01-01",
            "--to",
            "2020-12-31",
            "--format",
            "jsonl",
        ],
    ));
    assert_eq!(ranged.len(), 3);
    let stats = jsonl(&run(&d, &["stats", "--format", "jsonl"]));
    let s = &stats[0];
    assert_eq!(s["events_stored"], 3000);
    assert!(s["clusters"].as_i64().unwrap() < s["events"].as_i64().unwrap());
    assert!(!s["roots"].as_array().unwrap().is_empty());
    let table = run(&d, &["stats", "--format", "table"]);
    assert!(table.contains("root:19"), "{table}");
    let sql = jsonl(&run(
        &d,
        &[
            "sql",
            "SELECT count(*) AS n FROM counted_events",
            "--format",
            "jsonl",
        ],
    ));
    assert_eq!(sql[0]["n"], s["events"]);
    for bad in [
        "DELETE FROM events",
        "UPDATE meta SET value = 'x'",
        "CREATE TABLE t (a)",
    ] {
        let o = d.casus().args(["sql", bad]).output().unwrap();
        assert!(!o.status.success(), "{bad} was allowed");
    }
    let after = jsonl(&run(
        &d,
        &["sql", "SELECT count(*) AS n FROM events", "--format", "jsonl"],
    ));
    assert_eq!(after[0]["n"], 3000);
    // CASUS_DB names the store too.
    let o = d
        .casus()
        .args(["stats", "--format", "jsonl"])
        .env("CASUS_DB", d.path.join("casus.db"))
        .current_dir("/")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let o = d.casus().args(["stats", "--db", "missing.db"]).output().unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no such store"), "{}", stderr(&o));
}

#[test]
fn exports_round_trip() {
    let d = Dir::new("export");
    generated(&d);
    let filter = ["--dyad", "USA:ISR", "--both"];
    let events = jsonl(&run(
        &d,
        &[&["events", "--format", "jsonl"][..], &filter].concat(),
    ));
    let ex = jsonl(&run(
        &d,
        &[&["export", "--format", "jsonl"][..], &filter].concat(),
    ));
    assert_eq!(ex, events);
    // CSV: header plus one row per mention.
    let csv = run(&d, &[&["export", "--format", "csv"][..], &filter].concat());
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        r.headers().unwrap().len(),
        casus_store::export::EVENT_COLUMNS.len()
    );
    assert_eq!(r.records().count(), events.len());
    // Parquet: read back equals the flat rows.
    run(
        &d,
        &[&["export", "--format", "parquet", "-o", "e.parquet"][..], &filter]
            .concat(),
    );
    let (_, back) =
        casus_store::export::read_parquet(&d.path.join("e.parquet")).unwrap();
    assert_eq!(back.len(), events.len());
    let csv_rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let pq_rows: Vec<Vec<String>> =
        back.iter().map(|r| r.iter().map(|c| c.text()).collect()).collect();
    assert_eq!(pq_rows, csv_rows);
    let o =
        d.casus().args(["export", "--format", "parquet"]).output().unwrap();
    assert!(!o.status.success(), "parquet to stdout must be refused");
    // GDELT: 61 tab-separated columns, typed.
    let g = run(
        &d,
        &[&["export", "--format", "gdelt", "-o", "-"][..], &filter].concat(),
    );
    let clusters = jsonl(&run(
        &d,
        &[&["events", "--clusters", "--format", "jsonl"][..], &filter]
            .concat(),
    ));
    assert_eq!(g.lines().count(), clusters.len());
    for line in g.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 61, "{line}");
        for (i, (name, kind)) in
            casus_store::export::GDELT_COLUMNS.iter().enumerate()
        {
            let v = cols[i];
            let ok = v.is_empty()
                || match kind {
                    casus_store::export::Kind::Int => v.parse::<i64>().is_ok(),
                    casus_store::export::Kind::Float => {
                        v.parse::<f64>().is_ok()
                    }
                    _ => true,
                };
            assert!(ok, "{name} = {v:?}");
        }
        assert_eq!(cols[1].len(), 8, "Day is YYYYMMDD");
        assert!(cols[60].starts_with("https://"));
    }
}

/// JSON Lines articles: `n` of them, ~`size` bytes of text each.
fn articles(n: usize, size: usize, tag: &str) -> String {
    let mut out = String::new();
    for i in 0..n {
        let text = format!("Story {i} {tag}. ").repeat(size / 16 + 1);
        let a = serde_json::json!({
            "id": format!("art-{i:06}"),
            "date": "2024-02-11",
            "text": text,
            "outlet": format!("outlet{}", i % 7),
            "url": format!("https://example.org/{i}"),
            "title": format!("Title {i}"),
        });
        out.push_str(&a.to_string());
        out.push('\n');
    }
    out
}

fn count(d: &Dir, q: &str) -> serde_json::Value {
    let o = d.casus().args(["sql", q, "--format", "jsonl"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    jsonl(&stdout(&o)).remove(0)
}

#[test]
fn ingest_is_idempotent_and_replaces_changes() {
    let d = Dir::new("ingest");
    d.create("a.jsonl", articles(30, 200, "v1"));
    let o = d.casus().args(["ingest", "a.jsonl"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("30 new"), "{}", stderr(&o));
    let before = run(
        &d,
        &[
            "sql",
            "SELECT article_id, text_hash, text FROM articles ORDER BY 1",
            "--format",
            "csv",
        ],
    );
    let o = d.casus().args(["ingest", "a.jsonl"]).output().unwrap();
    assert!(
        stderr(&o).contains("0 new, 0 replaced, 30 unchanged"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        run(
            &d,
            &[
                "sql",
                "SELECT article_id, text_hash, text FROM articles ORDER BY 1",
                "--format",
                "csv"
            ]
        ),
        before
    );
    // Five articles change: they are replaced, the rest untouched.
    let mut changed: Vec<String> =
        articles(30, 200, "v1").lines().map(String::from).collect();
    for (i, line) in articles(5, 200, "v2").lines().enumerate() {
        changed[i] = line.to_string();
    }
    d.create("b.jsonl", changed.join("\n"));
    let o = d.casus().args(["ingest", "b.jsonl"]).output().unwrap();
    assert!(
        stderr(&o).contains("0 new, 5 replaced, 25 unchanged"),
        "{}",
        stderr(&o)
    );
    let c = count(&d, "SELECT count(*) AS n, count(DISTINCT article_id) AS ids, sum(text LIKE '%v2%') AS v2 FROM articles");
    assert_eq!(c, serde_json::json!({"n": 30, "ids": 30, "v2": 5}));
    let b = count(&d, "SELECT count(*) AS n, min(casus_version) AS v, min(length(dict_hash)) AS h FROM batches");
    assert_eq!(b["n"], 3);
    assert_eq!(b["h"], 16);
    // --no-text keeps hashes only; a bad line is reported with its place.
    let d2 = Dir::new("ingest-notext");
    d2.create("a.jsonl", format!("{}{{not json\n", articles(3, 50, "x")));
    let o =
        d2.casus().args(["ingest", "--no-text", "a.jsonl"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("a.jsonl:4"), "{}", stderr(&o));
    let c = count(&d2, "SELECT count(*) AS n, count(text) AS texts, count(text_hash) AS hashes FROM articles");
    assert_eq!(c, serde_json::json!({"n": 3, "texts": 0, "hashes": 3}));
    // A store from another schema version is refused with a clear error.
    let s = casus_store::Store::open(&d2.path.join("casus.db")).unwrap();
    s.conn()
        .execute(
            "UPDATE meta SET value = '0' WHERE key = 'schema_version'",
            [],
        )
        .unwrap();
    drop(s);
    let o = d2.casus().args(["ingest", "a.jsonl"]).output().unwrap();
    assert!(stderr(&o).contains("schema version 0"), "{}", stderr(&o));
}

/// SIGKILL in the middle of an ingest, with readers running meanwhile:
/// each reader sees whole batches only; the re-run completes the store
/// with every article exactly once.
#[test]
fn ingest_survives_sigkill() {
    let d = Dir::new("sigkill");
    let n = 6000;
    d.create("big.jsonl", articles(n, 2000, "k"));
    let mut child = d
        .casus()
        .args(["ingest", "--batch", "50", "big.jsonl"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut seen = Vec::new();
    loop {
        if d.path.join("casus.db").exists() {
            let o = d
                .casus()
                .args([
                    "sql",
                    "SELECT count(*) AS n FROM articles",
                    "--format",
                    "jsonl",
                ])
                .output()
                .unwrap();
            if o.status.success() {
                let got = jsonl(&stdout(&o))[0]["n"].as_i64().unwrap();
                // A consistent view: whole batches of 50 only.
                assert_eq!(got % 50, 0, "reader saw a partial batch: {got}");
                seen.push(got);
                if got >= 200 {
                    break;
                }
            }
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("ingest finished before it could be killed: {status:?}");
        }
        assert!(start.elapsed() < Duration::from_secs(300), "no commit seen");
        std::thread::sleep(Duration::from_millis(20));
    }
    let kill = Command::new("kill")
        .args(["-KILL", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    assert!(!status.success());
    let partial =
        count(&d, "SELECT count(*) AS n FROM articles")["n"].as_i64().unwrap();
    assert!(partial < n as i64, "killed too late to test anything");
    assert_eq!(partial % 50, 0);
    let o = d
        .casus()
        .args(["ingest", "--batch", "500", "big.jsonl"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let msg = stderr(&o);
    assert!(msg.contains(&format!("{} new", n as i64 - partial)), "{msg}");
    assert!(msg.contains(&format!("{partial} unchanged")), "{msg}");
    let c = count(&d, "SELECT count(*) AS n, count(DISTINCT article_id) AS ids, min(article_id) AS lo, max(article_id) AS hi FROM articles");
    assert_eq!(
        c,
        serde_json::json!({"n": n, "ids": n, "lo": "art-000000", "hi": format!("art-{:06}", n - 1)})
    );
    let ok = count(&d, "PRAGMA integrity_check");
    assert_eq!(ok["integrity_check"], "ok");
}

/// End to end through the coder: two outlets report the same Friday
/// statement on different days; the store merges them into one cluster.
#[test]
fn ingest_codes_and_clusters_reports() {
    let d = Dir::new("ingest-e2e");
    let lines = [
        serde_json::json!({"id": "x1", "date": "2024-02-11", "outlet": "wire",
            "text": "Egypt condemned Israel on Friday."}),
        serde_json::json!({"id": "x2", "date": "2024-02-12", "outlet": "daily",
            "text": "Egypt sharply condemned Israel on Friday, officials said."}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    d.create("a.jsonl", body);
    run(&d, &["ingest", "a.jsonl"]);
    let events = jsonl(&run(&d, &["events", "--format", "jsonl"]));
    assert!(events.len() >= 2, "{events:?}");
    let clusters = jsonl(&run(
        &d,
        &["events", "--clusters", "--min-sources", "2", "--format", "jsonl"],
    ));
    assert_eq!(clusters.len(), 1, "{clusters:?}");
    let c = &clusters[0];
    assert_eq!(
        (c["first_report"].as_str(), c["last_report"].as_str()),
        (Some("2024-02-11"), Some("2024-02-12"))
    );
    assert_eq!(c["num_articles"], 2);
}

/// `casus ingest` carries persons learned in one memory block to the next
/// (`--memory-block 1`: article to article), and not with
/// `--no-run-memory`.
#[test]
fn ingest_run_memory() {
    let line = crate::util::jsonl;
    let sources = |no_memory: bool| -> Vec<serde_json::Value> {
        let dir = Dir::new("ingest-run-memory");
        let input = line(
            "a0",
            "2024-02-10",
            "Polish Foreign Minister Jan Kowalczyk arrived in Kyiv.",
        ) + &line(
            "a1",
            "2024-02-11",
            "Kowalczyk condemned the Russian strikes on Kyiv.",
        );
        let f = dir.create("in.jsonl", input);
        let mut args =
            vec!["ingest", "-q", "--memory-block", "1", "--db", "casus.db"];
        if no_memory {
            args.push("--no-run-memory");
        }
        let o = dir.casus().args(&args).arg(&f).output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let out =
            run(&dir, &["events", "--format", "jsonl", "--db", "casus.db"]);
        jsonl(&out)
            .into_iter()
            .filter(|v| v["article_id"] == "a1")
            .map(|v| v["source"]["code"].clone())
            .collect()
    };
    let pol = serde_json::json!("POLGOV");
    assert!(sources(false).contains(&pol));
    assert!(!sources(true).contains(&pol));
}

/// The GDELT 2.0 event table's columns as the codebook names them, typed:
/// `i` integer, `f` float, `s` string.
const GDELT_CODEBOOK: &str = "GLOBALEVENTID:i SQLDATE:i MonthYear:i Year:i \
FractionDate:f Actor1Code:s Actor1Name:s Actor1CountryCode:s \
Actor1KnownGroupCode:s Actor1EthnicCode:s Actor1Religion1Code:s \
Actor1Religion2Code:s Actor1Type1Code:s Actor1Type2Code:s Actor1Type3Code:s \
Actor2Code:s Actor2Name:s Actor2CountryCode:s Actor2KnownGroupCode:s \
Actor2EthnicCode:s Actor2Religion1Code:s Actor2Religion2Code:s \
Actor2Type1Code:s Actor2Type2Code:s Actor2Type3Code:s IsRootEvent:i \
EventCode:s EventBaseCode:s EventRootCode:s QuadClass:i GoldsteinScale:f \
NumMentions:i NumSources:i NumArticles:i AvgTone:f Actor1Geo_Type:i \
Actor1Geo_FullName:s Actor1Geo_CountryCode:s Actor1Geo_ADM1Code:s \
Actor1Geo_ADM2Code:s Actor1Geo_Lat:f Actor1Geo_Long:f Actor1Geo_FeatureID:s \
Actor2Geo_Type:i Actor2Geo_FullName:s Actor2Geo_CountryCode:s \
Actor2Geo_ADM1Code:s Actor2Geo_ADM2Code:s Actor2Geo_Lat:f Actor2Geo_Long:f \
Actor2Geo_FeatureID:s ActionGeo_Type:i ActionGeo_FullName:s \
ActionGeo_CountryCode:s ActionGeo_ADM1Code:s ActionGeo_ADM2Code:s \
ActionGeo_Lat:f ActionGeo_Long:f ActionGeo_FeatureID:s DATEADDED:i SOURCEURL:s";

/// One exported GDELT line read back by codebook name, every value
/// checked against the codebook's type and range.
fn gdelt_record(line: &str) -> std::collections::HashMap<String, String> {
    let cols: Vec<(&str, &str)> = GDELT_CODEBOOK
        .split_whitespace()
        .map(|c| c.split_once(':').unwrap())
        .collect();
    assert_eq!(cols.len(), 61);
    let cells: Vec<&str> = line.split('\t').collect();
    assert_eq!(cells.len(), 61, "{line}");
    let rec: std::collections::HashMap<String, String> = cols
        .iter()
        .zip(&cells)
        .map(|((n, _), v)| (n.to_string(), v.to_string()))
        .collect();
    for ((name, ty), v) in cols.iter().zip(&cells) {
        let typed = v.is_empty()
            || match *ty {
                "i" => v.parse::<i64>().is_ok(),
                "f" => v.parse::<f64>().is_ok(),
                _ => !v.contains('\n'),
            };
        assert!(typed, "{name} = {v:?} is not {ty}");
    }
    let int = |n: &str| rec[n].parse::<i64>().unwrap();
    let day = int("SQLDATE");
    assert!(
        chrono::NaiveDate::parse_from_str(&rec["SQLDATE"], "%Y%m%d").is_ok()
    );
    assert_eq!(int("MonthYear"), day / 100);
    assert_eq!(int("Year"), day / 10000);
    let frac: f64 = rec["FractionDate"].parse().unwrap();
    assert!(frac >= int("Year") as f64 && frac < int("Year") as f64 + 1.0);
    let root = &rec["EventRootCode"];
    assert!(rec["EventCode"].starts_with(root.as_str()));
    assert!(rec["EventBaseCode"].starts_with(root.as_str()));
    // GDELT's QuadClass by root, as real GDELT rows carry it.
    let r: u8 = root.parse().unwrap();
    let quad = match r {
        1..=5 => 1,
        6..=9 => 2,
        10..=14 => 3,
        _ => 4,
    };
    assert_eq!(int("QuadClass"), quad, "{line}");
    let g: f64 = rec["GoldsteinScale"].parse().unwrap();
    assert!((-10.0..=10.0).contains(&g));
    assert!(rec["GoldsteinScale"].len() <= 5, "as written: {g}");
    assert!(int("NumMentions") >= 1 && int("NumSources") >= 1);
    for side in ["Actor1", "Actor2"] {
        let code = &rec[&format!("{side}Code")];
        assert_eq!(code.len() % 3, 0, "{code}");
        let cc = &rec[&format!("{side}CountryCode")];
        assert!(cc.is_empty() || cc.len() == 3, "{cc}");
        assert_ne!(&rec[&format!("{side}Name")], cc, "a name, not a code");
    }
    for geo in ["Actor1Geo", "Actor2Geo", "ActionGeo"] {
        let ty = int(&format!("{geo}_Type"));
        assert!((0..=5).contains(&ty));
        let cc = &rec[&format!("{geo}_CountryCode")];
        assert!(cc.is_empty() || cc.len() == 2, "FIPS 10-4: {cc}");
        if ty == 0 {
            assert!(rec[&format!("{geo}_FullName")].is_empty());
        }
    }
    assert_eq!(rec["DATEADDED"].len(), 14, "YYYYMMDDHHMMSS");
    assert!(!rec["SOURCEURL"].is_empty());
    rec
}

#[test]
fn gdelt_export_reads_back_with_the_codebook() {
    let d = Dir::new("gdelt-codebook");
    let a = serde_json::json!({
        "id": "g1", "date": "2024-03-05", "outlet": "wire",
        "url": "https://wire.example/g1",
        "text": "Iran condemned Israel on Monday. Israeli troops \
                 attacked protesters in Gaza on Monday. The United States \
                 held talks with Iraq in Baghdad on Tuesday.",
    });
    d.create("a.jsonl", format!("{a}\n"));
    let o = d.casus().args(["ingest", "-q", "a.jsonl"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let g = run(&d, &["export", "--format", "gdelt", "-o", "-"]);
    let recs: Vec<_> = g.lines().map(gdelt_record).collect();
    assert!(!recs.is_empty(), "no rows: {g}");
    let by_root = |r: &str| recs.iter().find(|x| x["EventRootCode"] == r);
    let condemn = by_root("11").expect("the condemnation");
    assert_eq!(condemn["Actor1Name"], "IRAN");
    assert_eq!(condemn["Actor2Name"], "ISRAEL");
    assert_eq!(condemn["QuadClass"], "3");
    assert_eq!(condemn["GoldsteinScale"], "-2.0");
    let places: Vec<(&str, &str, &str)> = recs
        .iter()
        .filter(|r| r["ActionGeo_Type"] != "0")
        .map(|r| {
            (
                r["ActionGeo_Type"].as_str(),
                r["ActionGeo_FullName"].as_str(),
                r["ActionGeo_CountryCode"].as_str(),
            )
        })
        .collect();
    assert!(!places.is_empty(), "{g}");
    for (ty, full, cc) in places {
        match full {
            "Baghdad, Iraq" => assert_eq!((ty, cc), ("4", "IZ")),
            "Gaza Strip, Palestine" => assert_eq!((ty, cc), ("5", "WE")),
            other => panic!("unexpected place {other:?}"),
        }
    }
}

#[test]
fn actor_specs_codes_and_timeline_columns() {
    let d = Dir::new("analyst");
    generated(&d);
    // (spec, error text): a typo or a wrong case is an error, not an
    // empty table.
    let bad = [
        ("Isr", "codes are upper case; did you mean ISR"),
        ("XYZ", "unknown actor code \"XYZ\""),
        ("Atlantis", "no stored actor is named \"Atlantis\""),
    ];
    for (spec, want) in bad {
        let o = d.casus().args(["timeline", "USA", spec]).output().unwrap();
        assert!(!o.status.success(), "{spec}");
        assert!(stderr(&o).contains(want), "{spec}: {}", stderr(&o));
    }
    // A country's name and its code are one actor.
    let by_code = run(&d, &["events", "--source", "USA", "--format", "jsonl"]);
    let by_name =
        run(&d, &["events", "--source", "united states", "--format", "jsonl"]);
    assert!(!by_code.is_empty());
    assert_eq!(by_code, by_name);
    // Several dyads, articles per bucket, counts per article.
    let rows = jsonl(&run(
        &d,
        &[
            "timeline",
            "USA",
            "ISR",
            "--and",
            "ISR",
            "USA",
            "--by",
            "month",
            "--normalize",
            "--format",
            "jsonl",
        ],
    ));
    let dyads: std::collections::BTreeSet<&str> =
        rows.iter().filter_map(|r| r["dyad"].as_str()).collect();
    assert_eq!(
        dyads.into_iter().collect::<Vec<_>>(),
        ["ISR -> USA", "USA -> ISR"]
    );
    for r in &rows {
        let (events, articles) =
            (r["events"].as_i64().unwrap(), r["articles"].as_i64().unwrap());
        match r["per_article"].as_f64() {
            Some(p) => {
                assert!((p - events as f64 / articles as f64).abs() < 1e-3)
            }
            None => assert_eq!(articles, 0, "{r}"),
        }
    }
    // What a code means.
    let c = jsonl(&run(&d, &["codes", "190", "--format", "jsonl"]));
    assert_eq!(
        (
            c[0]["code"].as_str(),
            c[0]["quad_class"].as_i64(),
            c[0]["plover"].as_str()
        ),
        (Some("190"), Some(4), Some("ASSAULT"))
    );
    let o = d.casus().args(["codes", "zzzz qqqq"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    // Tables name the action beside its code.
    let t = run(&d, &["events", "--limit", "1", "--format", "csv"]);
    assert!(t.lines().next().unwrap().contains(",cameo,action,"), "{t}");
    // A closed pipe ends an export quietly.
    let o = Command::new("bash")
        .current_dir(&d.path)
        .arg("-c")
        .arg(format!(
            "{} export --format jsonl | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}",
            env!("CARGO_BIN_EXE_casus")
        ))
        .output()
        .unwrap();
    assert_eq!(stdout(&o).trim(), "0", "{}", stderr(&o));
    assert!(!stderr(&o).to_lowercase().contains("pipe"), "{}", stderr(&o));
}

/// `timeline`, `top` and `stats` with `--min-confidence` and `--all`:
/// the default threshold spelt out (the direct path) prints what the
/// rollups print, and `--all` counts every stored mention.
#[test]
fn counting_flags_of_timeline_top_and_stats() {
    let d = Dir::new("counting");
    generated(&d);
    let sum = |rows: &[serde_json::Value]| -> i64 {
        rows.iter().map(|r| r["events"].as_i64().unwrap()).sum()
    };
    for args in [
        &["timeline", "USA", "ISR", "--by", "month"][..],
        &["timeline", "USA", "ISR", "--by", "week", "--both"][..],
        &["top", "--top", "10"][..],
        &["top", "--top", "10", "--from", "2020-01-01"][..],
        &["stats"][..],
    ] {
        let plain = run(&d, &[args, &["--format", "jsonl"]].concat());
        let direct = run(
            &d,
            &[args, &["--min-confidence", "0.3", "--format", "jsonl"]]
                .concat(),
        );
        assert_eq!(plain, direct, "{args:?}");
    }
    let tl = |extra: &[&str]| {
        let base = ["timeline", "USA", "ISR", "--by", "month"];
        jsonl(&run(&d, &[&base[..], extra, &["--format", "jsonl"]].concat()))
    };
    let every = sum(&tl(&["--all"]));
    let listed = jsonl(&run(
        &d,
        &["events", "--dyad", "USA:ISR", "--all", "--format", "jsonl"],
    ))
    .len() as i64;
    assert_eq!(every, listed);
    assert!(every > sum(&tl(&[])), "{every}");
    let top = |extra: &[&str]| {
        jsonl(&run(
            &d,
            &[&["top", "--top", "100000"][..], extra, &["--format", "jsonl"]]
                .concat(),
        ))
    };
    assert!(sum(&top(&["--all"])) > sum(&top(&[])));
    let stats = |extra: &[&str]| {
        jsonl(&run(
            &d,
            &[&["stats"][..], extra, &["--format", "jsonl"]].concat(),
        ))
        .remove(0)
    };
    let (plain, all) = (stats(&[]), stats(&["--all"]));
    assert_eq!(all["events"], all["events_stored"]);
    assert!(all["events"].as_i64() > plain["events"].as_i64());
    let bad =
        d.casus().args(["stats", "--min-confidence", "1.5"]).output().unwrap();
    assert!(!bad.status.success());
}
