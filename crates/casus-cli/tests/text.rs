//! Integration tests: `casus sentences` (the boundary F1 guard is
//! `casus-eval`'s).

use crate::util::{stderr, stdout, Dir};

#[test]
fn sentences_command_prints_jsonl() {
    let dir = Dir::new("sentences-cmd");
    dir.create(
        "a1.txt",
        " date 2024-02-11 Gen. Ortiz met U.S. envoys. \u{201C}Talks failed,\u{201D} he said.",
    );
    let out = dir.casus().args(["sentences", "a1.txt"]).output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["text"], "Gen. Ortiz met U.S. envoys.");
    assert_eq!(lines[1]["text"], "\u{201C}Talks failed,\u{201D} he said.");
    assert_eq!(lines[1]["index"], 1);
}
