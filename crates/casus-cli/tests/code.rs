//! Integration tests: `casus code` (formats, dictionary flags, errors).

use crate::util::{code, run, stderr, stdout, Dir};

fn examples() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

#[test]
fn codes_the_examples() {
    let dir = Dir::new("code_examples");
    let o = run(
        dir.casus().args(["code", "--format", "jsonl"]).arg(examples()),
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stderr(&o), "casus: read 6 articles, skipped 0\n");
    let names = [
        "gaza_ceasefire_talks",
        "india_pakistan_kashmir",
        "red_sea_houthis",
        "sahel_mali_withdrawal",
        "sudan_rsf_elfasher",
        "ukraine_energy_strikes",
    ];
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let id = v["article_id"].as_str().expect("article_id");
        assert!(names.contains(&id), "{id}");
        assert!(v["cameo"].is_string(), "{line}");
    }
}

#[test]
fn csv_and_table_have_headers() {
    let dir = Dir::new("code_formats");
    dir.create("a.txt", "date 2024-02-11 Nothing to see here.");
    let o = run(dir.casus().args(["code", "--format", "csv", "a.txt"]), None);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    let header = out.lines().next().expect("header");
    assert!(header.starts_with("article_id,event_id,sentence,start,end,date"));
    assert!(header.contains(",source_code,") && header.ends_with(",evidence"));
    let o =
        run(dir.casus().args(["code", "--format", "table", "a.txt"]), None);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).starts_with("article_id  sentence  date"));
}

#[test]
fn reports_bad_input_and_exit_2() {
    let dir = Dir::new("code_bad");
    dir.create("a.txt", "date 2024-02-11 Text.");
    dir.create("b.jsonl", "not json\n");
    let o = run(
        dir.casus().args(["code", "--format", "jsonl", "a.txt", "b.jsonl"]),
        None,
    );
    assert_eq!(
        stderr(&o),
        "casus: skipped b.jsonl:1: malformed JSON: expected ident at line 1 \
         column 2\ncasus: read 1 article, skipped 1 (1 malformed JSON)\n"
    );
    assert_eq!(code(&o), 2);
}

#[test]
fn dictionary_flags() {
    let dir = Dir::new("code_dicts");
    dir.create("a.txt", "date 2024-02-11 Text.");
    let o = run(
        dir.casus().args(["code", "-q", "--builtin", "false", "a.txt"]),
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o =
        run(dir.casus().args(["code", "--builtin", "maybe", "a.txt"]), None);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).starts_with("error: invalid value 'maybe'"));
}

/// `casus code` resolves a surname defined by an article of an earlier
/// memory block (`--memory-block 100`), the same for any `-j`, and not
/// with `--no-run-memory`.
#[test]
fn run_memory_across_blocks() {
    let line = crate::util::jsonl;
    let dir = Dir::new("code-run-memory");
    let mut input = line(
        "a0",
        "2024-02-10",
        "Polish Foreign Minister Jan Kowalczyk arrived in Kyiv.",
    );
    for i in 1..600 {
        input.push_str(&line(&format!("f{i}"), "2024-02-10", "It rained."));
    }
    input.push_str(&line(
        "a1",
        "2024-02-11",
        "Kowalczyk condemned the Russian strikes on Kyiv.",
    ));
    let f = dir.create("run.jsonl", input);
    let run = |extra: &[&str]| {
        let out = dir
            .casus()
            .args(["code", "--format", "jsonl"])
            // a0 in block 0, a1 (the 601st article) in block 6.
            .args(["--memory-block", "100"])
            .args(extra)
            .arg(&f)
            .output()
            .expect("run");
        assert!(out.status.success(), "{}", crate::util::stderr(&out));
        stdout(&out)
    };
    let one = run(&["-j", "1"]);
    assert_eq!(one, run(&["-j", "3"]));
    let source = |out: &str| -> Vec<serde_json::Value> {
        out.lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|v| v["article_id"] == "a1")
            .map(|v| v["source"]["code"].clone())
            .collect()
    };
    let pol = serde_json::json!("POLGOV");
    assert!(source(&one).contains(&pol), "{one}");
    let off = run(&["-j", "1", "--no-run-memory"]);
    assert!(!source(&off).contains(&pol), "{off}");
}

/// `casus code ... | head -1`: a reader that stops early is not an error,
/// for every output format.
#[test]
fn closed_stdout_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = Dir::new("code-closed-stdout");
    let mut input = String::new();
    for i in 0..3000 {
        input.push_str(&crate::util::jsonl(
            &format!("a{i}"),
            "2024-02-10",
            "Qatar and Egypt condemned the strike on Rafah.",
        ));
    }
    let f = dir.create("many.jsonl", input);
    for format in ["jsonl", "csv"] {
        let mut child = dir
            .casus()
            .args(["code", "-j", "1", "--format", format])
            .arg(&f)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let out = child.stdout.take().expect("stdout");
        let mut first = String::new();
        BufReader::new(out).read_line(&mut first).expect("first line");
        assert!(!first.is_empty());
        // Dropping the reader closes the pipe while casus still writes.
        let o = child.wait_with_output().expect("wait");
        let err = stderr(&o);
        assert!(!err.contains("error"), "{format}: {err}");
        assert_eq!(code(&o), 0, "{format}: {err}");
    }
}

/// Every event carries a confidence in [0, 1]; `--min-confidence X`
/// keeps exactly the events at or above X; a threshold outside [0, 1]
/// is a flag error.
#[test]
fn min_confidence_filters() {
    let dir = Dir::new("code_min_confidence");
    let code = |extra: &[&str]| -> Vec<serde_json::Value> {
        let o = dir
            .casus()
            .args(["code", "-q", "--format", "jsonl"])
            .args(extra)
            .arg(examples())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    };
    let conf = |e: &serde_json::Value| e["confidence"].as_f64().unwrap();
    let all = code(&[]);
    assert!(all.iter().all(|e| (0.0..=1.0).contains(&conf(e))));
    let high = code(&["--min-confidence", "0.5"]);
    let want: Vec<&serde_json::Value> =
        all.iter().filter(|e| conf(e) >= 0.5).collect();
    assert!(!high.is_empty() && high.len() < all.len(), "{}", high.len());
    assert_eq!(high.iter().collect::<Vec<_>>(), want);
    assert_eq!(code(&["--min-confidence", "0"]).len(), all.len());
    for bad in ["1.5", "-0.1", "x"] {
        let o = dir
            .casus()
            .arg("code")
            .arg(format!("--min-confidence={bad}"))
            .arg(examples())
            .output()
            .unwrap();
        assert!(!o.status.success(), "{bad}");
        assert!(stderr(&o).contains("confidence"), "{}", stderr(&o));
    }
}

/// The store keeps every event with its confidence; counts and the
/// default listing take counted events (asserted, not negated, at least
/// the default confidence); `--all` lists every event, `--min-confidence`
/// moves the threshold.
#[test]
fn store_counts_by_confidence() {
    let dir = Dir::new("store_confidence");
    let run = |args: &[&str]| -> String {
        let o = dir.casus().args(args).output().unwrap();
        assert!(o.status.success(), "casus {args:?}: {}", stderr(&o));
        stdout(&o)
    };
    run(&["ingest", "-q", examples().to_str().unwrap()]);
    let list = |extra: &[&str]| -> Vec<serde_json::Value> {
        let mut a = vec!["events", "--format", "jsonl"];
        a.extend_from_slice(extra);
        run(&a).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    };
    let conf = |e: &serde_json::Value| e["confidence"].as_f64().unwrap();
    let asserted = |e: &serde_json::Value| {
        e["negated"] == false && e["modality"] == "asserted"
    };
    let every = list(&["--all"]);
    let coded = code_count(&dir);
    assert_eq!(every.len(), coded, "the store keeps every event");
    let min = f64::from(casus_store::DEFAULT_MIN_CONFIDENCE);
    let counted = list(&[]);
    let want = every.iter().filter(|e| asserted(e) && conf(e) >= min).count();
    assert_eq!(counted.len(), want);
    assert!(counted.len() < every.len());
    assert!(counted.iter().all(|e| e["counted"] == true));
    let low = list(&["--min-confidence", "0"]);
    assert_eq!(low.len(), every.iter().filter(|e| asserted(e)).count());
    let high = list(&["--all", "--min-confidence", "0.6"]);
    assert_eq!(high.len(), every.iter().filter(|e| conf(e) >= 0.6).count());
    // `stats` counts what the default listing lists.
    let stats: serde_json::Value =
        serde_json::from_str(&run(&["stats", "--format", "jsonl"])).unwrap();
    assert_eq!(stats["events"].as_u64(), Some(counted.len() as u64));
    assert_eq!(stats["events_stored"].as_u64(), Some(every.len() as u64));
}

fn code_count(dir: &Dir) -> usize {
    let o = dir
        .casus()
        .args(["code", "-q", "--format", "jsonl"])
        .arg(examples())
        .output()
        .unwrap();
    stdout(&o).lines().count()
}
