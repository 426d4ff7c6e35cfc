//! One input, the same events whatever the command, batch size or thread
//! count (issue 16 item 8): all of Reuters-21578 through `casus code` and
//! through `casus ingest` with another batch size and thread count, the
//! stored events exported and compared field by field.

use std::collections::BTreeMap;

use crate::util::{shared, stderr, Dir};

/// The fields that make an event, keyed by article and event id.
fn events(jsonl: &str) -> BTreeMap<(String, String), String> {
    const FIELDS: &[&str] = &[
        "sentence",
        "span",
        "date",
        "date_from",
        "precision",
        "date_end",
        "source",
        "target",
        "cameo",
        "negated",
        "modality",
        "attribution",
        "location",
        "pattern_id",
    ];
    let mut out = BTreeMap::new();
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let key = (v["article_id"].to_string(), v["event_id"].to_string());
        let kept: BTreeMap<&str, &serde_json::Value> =
            FIELDS.iter().map(|f| (*f, &v[*f])).collect();
        let old = out.insert(key.clone(), serde_json::json!(kept).to_string());
        assert!(old.is_none(), "two events {key:?}");
    }
    out
}

#[test]
fn reuters_code_equals_ingest() {
    let Some(shared) = shared() else { return };
    let reuters = shared.join("data/corpora/reuters21578");
    if !reuters.is_dir() {
        eprintln!("skipping: {} is absent", reuters.display());
        return;
    }
    let dir = Dir::new("reproducible");
    let o = dir
        .casus()
        .args(["code", "-q", "-j", "2", "--format", "jsonl"])
        .arg(&reuters)
        .output()
        .expect("run casus code");
    let coded = events(&String::from_utf8_lossy(&o.stdout));
    let o = dir
        .casus()
        .args(["ingest", "-q", "-j", "1", "--batch", "333", "--db", "r.db"])
        .arg(&reuters)
        .output()
        .expect("run casus ingest");
    assert!(
        o.status.success() || o.status.code() == Some(2),
        "{}",
        stderr(&o)
    );
    let o = dir
        .casus()
        .args(["export", "--all", "--format", "jsonl", "--db", "r.db"])
        .output()
        .expect("run casus export");
    assert!(o.status.success(), "{}", stderr(&o));
    let stored = events(&String::from_utf8_lossy(&o.stdout));
    assert!(coded.len() > 10_000, "{} events", coded.len());
    let differ: Vec<_> = coded
        .iter()
        .filter(|(k, v)| stored.get(*k) != Some(*v))
        .map(|(k, _)| k)
        .chain(stored.keys().filter(|k| !coded.contains_key(*k)))
        .take(5)
        .collect();
    assert!(differ.is_empty(), "code and ingest differ on {differ:?}");
}
