//! Regression tests on document gold.
//!
//! `docgold_does_not_regress` codes `testdata/docgold` with the casus
//! library (as `casus code` and `casus times` would) and fails when event F1
//! falls below [`F1_FLOOR`] or more forbidden acts come out asserted than
//! [`FORBIDDEN_CEILING`]. The floor is the figure at the time it was last
//! set minus 0.02; raise both bounds when casus improves, never lower them
//! to make a change pass.
//!
//! ```sh
//! cargo test --release -p casus-eval --test docgold -- --nocapture
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

use casus_eval::docgold::{self, Gold};

/// F1 on the 98 articles with casus on session 36's merged tree was
/// 0.814 (P 0.80, R 0.83); minus 0.02 (rounded down), so that a real
/// loss fails. Session 37 added 3 unseen articles: F1 on all 101 with
/// s37-own 0.806 (on the 98 0.819), so the floor stays. Session 38
/// added 3 more: 0.806 on all 104 with s38-own.
const F1_FLOOR: f64 = 0.79;
/// Forbidden acts produced with casus at session 28's merged tree.
const FORBIDDEN_CEILING: usize = 0;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load_docgold() -> Gold {
    let dir = repo().join("testdata/docgold");
    Gold::load_toml(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

#[test]
fn docgold_is_consistent_and_large_enough() {
    let gold = load_docgold();
    let events: usize = gold.articles.iter().map(|a| a.events.len()).sum();
    let noise = gold.articles.iter().filter(|a| a.style.starts_with("noise"));
    assert!(gold.articles.len() >= 101, "{} articles", gold.articles.len());
    assert!(events >= 1168, "{events} gold events");
    assert!((6..=8).contains(&noise.count()), "6-8 noise articles");
}

#[test]
fn docgold_does_not_regress() {
    let gold = load_docgold();
    let (events, times) =
        docgold::code_with_library(&gold).expect("coding the articles");
    let report = docgold::score_all(&gold, &events, &times);
    println!("{}", report.text(false));
    let t = &report.total;
    assert!(
        t.f1() >= F1_FLOOR,
        "docgold F1 {:.4} fell below {F1_FLOOR} ({}); run `casus-eval \
         docgold --gold testdata/docgold --errors` for the errors",
        t.f1(),
        report.summary()
    );
    // `checked_sub` rather than `<=`: with the ceiling at 0 the plain
    // comparison is one clippy rejects as always-equal.
    assert!(
        FORBIDDEN_CEILING.checked_sub(t.forbidden_hit).is_some(),
        "{} forbidden acts produced (ceiling {FORBIDDEN_CEILING})",
        t.forbidden_hit
    );
}

/// The same scorer on the shared gold reproduces the shared `score.py` on
/// the same casus output.
#[test]
fn shared_gold_agrees_with_score_py() {
    let shared = repo().join("../shared");
    let script = shared.join("data/gold-articles/score.py");
    if !script.exists() {
        eprintln!("skipped: {} is absent", script.display());
        return;
    }
    let gold = Gold::load_shared(&shared).expect("shared gold.json");
    let (events, times) =
        docgold::code_with_library(&gold).expect("coding the articles");
    let ours = docgold::score_all(&gold, &events, &times).summary();
    let dir = std::env::temp_dir()
        .join(format!("casus-eval-docgold-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let write = |name: &str, rows: &[serde_json::Value]| {
        let path = dir.join(name);
        let text: String = rows.iter().map(|r| format!("{r}\n")).collect();
        std::fs::write(&path, text).expect("writing casus output");
        path
    };
    let (e, t) = (write("e.jsonl", &events), write("t.jsonl", &times));
    let out =
        match Command::new("python3").arg(&script).arg(&e).arg(&t).output() {
            Ok(out) => out,
            Err(err) => {
                eprintln!("skipped: python3 not runnable ({err})");
                return;
            }
        };
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let theirs = stdout.lines().last().unwrap_or("").to_string();
    assert_eq!(ours, theirs, "casus-eval vs score.py");
}

#[test]
fn merge_gold_is_consistent() {
    let dir = repo().join("testdata/merge");
    let gold = docgold::MergeGold::load(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let (real, distractors): (Vec<_>, Vec<_>) =
        gold.stories.iter().partition(|s| s.distractor_of.is_none());
    // 13 stories, 5 more in session 31, 4 each in sessions 32 and 33,
    // 3 each in sessions 34, 35, 36 and 37.
    assert!((26..=38).contains(&real.len()), "{} real events", real.len());
    assert!(real.iter().all(|s| (2..=5).contains(&s.reports.len())));
    assert!(distractors.len() >= 3, "{} distractors", distractors.len());
}
