//! Integration tests: times.

use crate::util::{stderr, stdout, Dir};

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
