//! Integration tests: eval_text (sentence boundary F1 regression guard).

use crate::util::{shared, stderr, stdout, Dir};

/// The F1 (percent) `casus eval sentences` reached on eng.testb when this
/// guard was set; see docs/eval/text.md.
const TESTB_F1: f64 = 84.9;

#[test]
fn eval_sentences_f1_does_not_regress() {
    let Some(shared) = shared() else { return };
    if !shared.join("data/ner/conll2003/eng.testb").is_file() {
        eprintln!("skipping: conll2003/eng.testb is absent");
        return;
    }
    let dir = Dir::new("eval-sentences");
    let out = dir
        .casus()
        .args(["eval", "sentences", "--json", "--shared"])
        .arg(&shared)
        .output()
        .expect("run casus");
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_str(stdout(&out).trim()).expect("one JSON object");
    let f1 = v["f1"].as_f64().expect("f1") * 100.0;
    assert!(f1 >= TESTB_F1 - 0.5, "sentence F1 {f1:.2} < {TESTB_F1} - 0.5");
    assert!(v["gold"].as_u64().unwrap_or(0) > 3000, "{v}");
}

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
