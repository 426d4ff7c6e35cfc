//! Integration tests: times.

use crate::util::{shared, stderr, stdout, Dir};

/// Value F1 on TempEval-3 platinum must not drop below this (the score
/// reached, rounded down by about half a point).
const MIN_VALUE_F1: f64 = 86.0;
/// Strict F1 floor, likewise.
const MIN_STRICT_F1: f64 = 92.5;

#[test]
fn times_jsonl_with_anchor() {
    let dir = Dir::new("times");
    dir.create(
        "a1.txt",
        "date 2024-02-11 Blinken spoke in Tel Aviv on February 7. \
         On the same day, Hamas sent its reply. Talks may resume in the \
         coming weeks.",
    );
    let out = dir.casus().args(["times", "a1.txt"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["text"].as_str().unwrap(),
                r["value"].as_str().unwrap(),
                r["type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("February 7", "2024-02-07", "DATE"),
            ("the same day", "2024-02-07", "DATE"),
            ("the coming weeks", "FUTURE_REF", "DATE"),
        ]
    );
    assert_eq!(rows[0]["anchor"], "dct");
    let a = format!("{}-{}", rows[0]["start"], rows[0]["end"]);
    assert_eq!(rows[1]["anchor"], a.as_str());
    assert_eq!(rows[0]["article_id"], "a1");
}

#[test]
fn times_deterministic() {
    let dir = Dir::new("times-det");
    dir.create(
        "b.txt",
        "date 2023-11-16 Biden said on Wednesday he met them.",
    );
    let run = || dir.casus().args(["times", "b.txt"]).output().unwrap().stdout;
    let first = run();
    assert!(String::from_utf8_lossy(&first).contains("2023-11-15"));
    assert_eq!(first, run());
}

#[test]
fn eval_times_regression() {
    let Some(shared) = shared() else { return };
    let dir = Dir::new("times-eval");
    let out = dir
        .casus()
        .args(["eval", "times", "--json", "--shared"])
        .arg(&shared)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let j: serde_json::Value =
        serde_json::from_str(stdout(&out).trim()).unwrap();
    let value_f1 = j["value_f1"].as_f64().unwrap();
    let strict_f1 = j["strict_f1"].as_f64().unwrap();
    assert!(value_f1 >= MIN_VALUE_F1, "value F1 {value_f1} < {MIN_VALUE_F1}");
    assert!(
        strict_f1 >= MIN_STRICT_F1,
        "strict F1 {strict_f1} < {MIN_STRICT_F1}"
    );
    assert_eq!(j["gold"], 138);
}
