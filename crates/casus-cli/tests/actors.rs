//! Integration tests: actors.

use crate::util::{jsonl, shared, stdout, Dir};

/// Every actor mention in the seeds, against the hand-reviewed goldens in
/// `testdata/actors/<seed>.tsv` (offsets, code, entry; no seed text).
#[test]
fn seeds_golden() {
    let Some(shared) = shared() else { return };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let goldens = root.join("testdata/actors");
    let mut failures = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&goldens)
        .expect("testdata/actors")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for golden in names {
        let id = golden.file_stem().unwrap().to_string_lossy().into_owned();
        let seed = shared.join("seeds").join(format!("{id}.txt"));
        if !seed.exists() {
            eprintln!("skipping {id}: {} is absent", seed.display());
            continue;
        }
        let dir = Dir::new("actors-seed");
        let out = dir.casus().arg("actors").arg(&seed).output().expect("run");
        assert!(out.status.success(), "{}", crate::util::stderr(&out));
        let mut got = Vec::new();
        let mut texts = std::collections::HashMap::new();
        for line in stdout(&out).lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let key = format!(
                "{}\t{}\t{}\t{}",
                v["start"],
                v["end"],
                v["code"].as_str().unwrap(),
                v["entry"].as_str().unwrap()
            );
            texts.insert(key.clone(), v["text"].as_str().unwrap().to_string());
            got.push(key);
        }
        let want: Vec<String> = std::fs::read_to_string(&golden)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.split('\t').take(4).collect::<Vec<_>>().join("\t"))
            .collect();
        for g in &got {
            if !want.contains(g) {
                failures.push(format!("{id}: unexpected {g} {:?}", texts[g]));
            }
        }
        for w in &want {
            if !got.contains(w) {
                failures.push(format!("{id}: missing {w}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn actors_jsonl() {
    let dir = Dir::new("actors-jsonl");
    let f = dir.create(
        "a.txt",
        "date 2024-02-11 US Secretary of State Antony Blinken met Israeli \
         officials.",
    );
    let out = dir.casus().arg("actors").arg(&f).output().expect("run");
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["text"], "US Secretary of State Antony Blinken");
    assert_eq!(lines[0]["code"], "USAGOV");
    assert_eq!(lines[0]["country"], "USA");
    assert_eq!(lines[0]["role"], "GOV");
    assert_eq!(lines[0]["name"], "Antony Blinken");
    assert_eq!(lines[1]["code"], "ISRGOV");
    assert_eq!(lines[1]["article_id"], "a");
}

/// The run memory: a person defined in one memory block resolves a
/// surname alone in a later block (`--memory-block 100`), with the defining article
/// as provenance; the output is the same for any thread count, and
/// `--no-run-memory` turns it off.
#[test]
fn run_memory_across_blocks() {
    let dir = Dir::new("actors-run-memory");
    let mut input = jsonl(
        "a0",
        "2024-02-10",
        "Polish Foreign Minister Jan Kowalczyk arrived.",
    );
    for i in 1..600 {
        input.push_str(&jsonl(&format!("f{i}"), "2024-02-10", "It rained."));
    }
    input.push_str(&jsonl("a1", "2024-02-11", "Kowalczyk met reporters."));
    let f = dir.create("run.jsonl", input);
    let run = |extra: &[&str]| {
        let out = dir
            .casus()
            .arg("actors")
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
    let later: Vec<serde_json::Value> = one
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["article_id"] == "a1")
        .collect();
    assert_eq!(later.len(), 1, "{one}");
    assert_eq!(later[0]["code"], "POLGOV");
    assert_eq!(later[0]["name"], "Jan Kowalczyk");
    assert_eq!(later[0]["entry"], "learned:a0:0-37");
    let off = run(&["-j", "1", "--no-run-memory"]);
    assert!(!off.contains("learned:a0"), "{off}");
}

/// `casus actors` lists the actors `casus code` codes: on one text, every
/// event side that is an actor mention (its span) has the country the
/// listing gives that mention. Role actors whose country only the
/// coreference over the parse or an attached place gives are among them.
#[test]
fn actors_match_code() {
    let dir = Dir::new("actors-match-code");
    let f = dir.create(
        "a.txt",
        "date 2024-03-05 LUSAKA, March 5 - Police fired tear gas at \
         students near the university on Tuesday. Zambian soldiers later \
         arrested five men in Kitwe. The ministers met in Lusaka and \
         condemned the violence. Rebels attacked a police post near \
         Mwinilunga.",
    );
    let run = |cmd: &str| {
        let out =
            dir.casus().arg(cmd).arg("-q").arg(&f).output().expect("run");
        assert!(out.status.success(), "{}", crate::util::stderr(&out));
        stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect::<Vec<serde_json::Value>>()
    };
    let actors = run("actors");
    let events = run("code");
    let mut compared = 0;
    for e in &events {
        for side in [&e["source"], &e["target"]] {
            let (Some(a), Some(b)) =
                (side["span"][0].as_u64(), side["span"][1].as_u64())
            else {
                continue;
            };
            let Some(m) =
                actors.iter().find(|m| m["start"] == a && m["end"] == b)
            else {
                continue;
            };
            // The event stage gives bound role actors of no country one
            // (events/country.rs); a country the listing has must stay.
            if m["country"].is_null() {
                continue;
            }
            assert_eq!(m["country"], side["country"], "{m} vs {e}");
            compared += 1;
        }
    }
    assert!(compared >= 3, "{events:?}\n{actors:?}");
}
