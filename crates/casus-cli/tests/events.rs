//! Integration tests: event coding through `casus code` (the
//! evaluations are tested in crates/casus-eval/tests).

use crate::util::{code, run, stderr, stdout, Dir};

#[test]
fn codes_passive_negation_attribution() {
    let dir = Dir::new("events_constructions");
    dir.create(
        "a.txt",
        "date 2024-02-11 Four Palestinians were killed by Israeli troops in \
         Gaza on Tuesday. Jordan did not expel the Israeli ambassador, \
         state media reported.",
    );
    let o =
        run(dir.casus().args(["code", "--format", "jsonl", "a.txt"]), None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let events: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let killed = events
        .iter()
        .find(|e| e["root"] == "18")
        .unwrap_or_else(|| panic!("no assault event: {events:?}"));
    assert_eq!(killed["source"]["country"], "ISR", "{killed}");
    assert_eq!(killed["target"]["country"], "PSE", "{killed}");
    assert_eq!(killed["negated"], false);
    assert!(killed["pattern"]
        .as_str()
        .is_some_and(|p| p.starts_with("dicts/verbs/")));
    assert!(
        killed["pattern_id"].as_str().is_some_and(|p| p.contains('/')),
        "{killed}"
    );
    let expel = events
        .iter()
        .find(|e| e["root"] == "16")
        .unwrap_or_else(|| panic!("no reduce-relations event: {events:?}"));
    assert_eq!(expel["negated"], true, "{expel}");
    assert_eq!(expel["attribution"]["outlet"], "state media", "{expel}");
    // Stable ids: the same input gives the same bytes.
    let again =
        run(dir.casus().args(["code", "--format", "jsonl", "a.txt"]), None);
    assert_eq!(stdout(&o), stdout(&again));
}
