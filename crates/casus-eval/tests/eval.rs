//! Integration tests of `casus-eval`: each evaluation's regression guard
//! on the gold data in ../shared (skipped when absent), and the skip
//! message without it.

mod util;

use util::{code, run, shared, stderr, stdout, Dir};

/// The F1 (percent) `casus-eval sentences` reached on eng.testb when this
/// guard was set; see EVALUATION.md.
const TESTB_F1: f64 = 84.9;

/// Value F1 on TempEval-3 platinum must not drop below this (the score
/// reached, rounded down by about half a point).
const MIN_VALUE_F1: f64 = 86.0;
/// Strict F1 floor, likewise.
const MIN_STRICT_F1: f64 = 92.5;

/// Records of the PETRARCH-1 suite casus must keep passing (regression
/// guard; raise it when the engine improves).
const PETRARCH_FLOOR: u64 = 252;

#[test]
fn eval_sentences_f1_does_not_regress() {
    let Some(shared) = shared() else { return };
    if !shared.join("data/ner/conll2003/eng.testb").is_file() {
        eprintln!("skipping: conll2003/eng.testb is absent");
        return;
    }
    let dir = Dir::new("eval-sentences");
    let out = dir
        .casus_eval()
        .args(["sentences", "--json", "--shared"])
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
fn eval_times_regression() {
    let Some(shared) = shared() else { return };
    let dir = Dir::new("times-eval");
    let out = dir
        .casus_eval()
        .args(["times", "--json", "--shared"])
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

#[test]
fn eval_events_skips_without_shared() {
    let dir = Dir::new("events_eval_skip");
    for task in ["events", "plover"] {
        let o = run(dir.casus_eval().args([task, "--shared", "nowhere"]));
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(stderr(&o).contains("skipped"), "{}", stderr(&o));
    }
}

#[test]
fn eval_events_json() {
    let Some(shared) = shared() else { return };
    let dir = Dir::new("events_eval_json");
    for task in ["events", "plover"] {
        let o = run(dir
            .casus_eval()
            .args([task, "--json", "--shared"])
            .arg(&shared));
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let v: serde_json::Value =
            serde_json::from_str(stdout(&o).trim()).expect("JSON");
        assert_eq!(v["task"], task);
    }
}

#[test]
fn petrarch_validation_suite() {
    let Some(shared) = shared() else { return };
    let dir = Dir::new("dict-petrarch");
    let out = dir
        .casus_eval()
        .args(["petrarch", "--json", "--shared"])
        .arg(&shared)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&out)).expect("json");
    if v.get("passed").is_none() {
        eprintln!("petrarch suite skipped: {}", stdout(&out));
        return;
    }
    let cats = v["by_category"].as_object().cloned().unwrap_or_default();
    for (cat, t) in &cats {
        eprintln!(
            "petrarch suite {cat:<10} {} passed, {} failed",
            t["passed"], t["failed"]
        );
    }
    let passed = v["passed"].as_u64().unwrap_or(0);
    eprintln!(
        "petrarch suite total: {passed} passed, {} failed of {} records",
        v["failed"], v["records"]
    );
    assert_eq!(v["records"].as_u64(), Some(276), "valid records");
    assert!(
        passed >= PETRARCH_FLOOR,
        "regression: {passed} records pass, floor is {PETRARCH_FLOOR}"
    );
}

#[test]
fn phoenix_dictionaries_load() {
    let Some(shared) = shared() else { return };
    let dir = Dir::new("dict-phoenix");
    let out = dir
        .casus_eval()
        .args(["gigaword", "--json", "--repeat", "1", "--shared"])
        .arg(&shared)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&out)).expect("json");
    if v.get("sentences").is_none() {
        eprintln!("gigaword skipped: {}", stdout(&out));
        return;
    }
    assert_eq!(v["sentences"].as_u64(), Some(76));
    let d = &v["dictionary_entries"];
    assert!(d["actors"].as_u64().unwrap_or(0) > 40_000, "{d}");
    assert!(d["agents"].as_u64().unwrap_or(0) > 4_000, "{d}");
    assert!(d["verb_patterns"].as_u64().unwrap_or(0) > 40_000, "{d}");
}
