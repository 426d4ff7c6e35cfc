//! The PETRARCH-1 validation suite: pass rate by category.
//!
//! Reads `data/anchors/petrarch/PETR.UnitTest.records.xml` and the
//! `PETR.Validate.*` dictionaries beside it with casus's TABARI readers,
//! codes each `valid="true"` record's `<Text>` (never its treebank parse)
//! with those dictionaries only, and compares the set of (source, target,
//! code) with the record's `<EventCoding>`s. `<Config>` options in force
//! at a record are applied where they concern the output: `require_dyad`
//! (drop events without both actors) and `comma_*` (delete comma-delimited
//! clauses by their length in words, [`Commas`]). `new_actor_length`
//! steers PETRARCH-1's new-actor detection from the parse's noun phrases
//! and has no text-only counterpart.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context};
use casus::dict::tabari;
use casus::dict::Dictionaries;
use casus::{Article, Coder, CoderBuilder, Date};

/// Flags of `casus-eval petrarch`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: crate::common::Common,
    /// Print every failing record: expected and produced events.
    #[arg(long)]
    verbose: bool,
    /// Only these record ids (repeatable).
    #[arg(long = "record")]
    records: Vec<String>,
}

/// One (source, target, code) triple.
pub type Triple = (String, String, String);

/// One `<Sentence>` record of the suite.
#[derive(Clone, Debug)]
pub struct Record {
    /// Record id, e.g. `DEMO-01`.
    pub id: String,
    /// Category, e.g. `DEMO`.
    pub category: String,
    /// Article date.
    pub date: Date,
    /// `valid="true"`.
    pub valid: bool,
    /// Expected events (empty with `noevents` and `error`).
    pub expected: BTreeSet<Triple>,
    /// `<EventCoding error="...">`: the input is to be rejected (a
    /// discard, a dateline, a broken parse); a text-only coder passes by
    /// coding nothing.
    pub error: Option<String>,
    /// The sentence text, whitespace collapsed.
    pub text: String,
    /// `require_dyad` in force at this record.
    pub require_dyad: bool,
    /// `new_actor_length` in force (0 = off).
    pub new_actor_length: u32,
    /// `comma_*` clause lengths in force.
    pub commas: Commas,
}

/// PETRARCH-1's comma-clause deletion (`comma_min`/`max` internal,
/// `comma_emin`/`emax` terminal, `comma_bmin`/`bmax` initial clause): a
/// comma-delimited clause whose length in words is within the range is
/// removed before coding; a max of 0 turns that deletion off (the default
/// here: only records after a `<Config>` that sets them are affected).
/// PETRARCH counts the words of the parse; casus counts the words of the
/// text between the commas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Commas {
    /// Internal clause: (min, max).
    pub internal: (u32, u32),
    /// Terminal clause (after the last comma): (min, max).
    pub terminal: (u32, u32),
    /// Initial clause (before the first comma): (min, max).
    pub initial: (u32, u32),
}

impl Commas {
    /// `text` without the clauses these options delete.
    pub fn apply(&self, text: &str) -> String {
        let body = text.trim_end();
        let (body, end) = match body.char_indices().next_back() {
            Some((i, '.' | '!' | '?')) => (&body[..i], &body[i..]),
            _ => (body, ""),
        };
        // A comma between two lowercase content words ("complete, full
        // diplomatic ties") is inside a noun phrase, where PETRARCH's
        // parse has absorbed it: not a clause boundary.
        let stop: std::collections::HashSet<&str> =
            include_str!("../../../dicts/ner/np_breaks.txt")
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect();
        let content = |w: Option<&str>| {
            w.is_some_and(|w| {
                w.chars().all(|c| c.is_lowercase()) && !stop.contains(w)
            })
        };
        let mut cuts = Vec::new();
        for (i, _) in body.match_indices(',') {
            let before = body[..i].split_whitespace().next_back();
            let after = body[i + 1..].split_whitespace().next();
            if !(content(before) && content(after)) {
                cuts.push(i);
            }
        }
        let mut segs: Vec<Option<&str>> = Vec::new();
        let mut from = 0;
        for i in cuts {
            segs.push(Some(&body[from..i]));
            from = i + 1;
        }
        segs.push(Some(&body[from..]));
        let n = segs.len();
        if n < 2 {
            return text.to_string();
        }
        let words = |s: &str| {
            s.split_whitespace()
                .filter(|w| w.starts_with(|c: char| c.is_alphabetic()))
                .count() as u32
        };
        let within = |(lo, hi): (u32, u32), s: &str| {
            hi != 0 && (lo..=hi).contains(&words(s))
        };
        if within(self.initial, segs[0].unwrap_or("")) {
            segs[0] = None;
        }
        if within(self.terminal, segs[n - 1].unwrap_or("")) {
            segs[n - 1] = None;
        }
        for seg in segs.iter_mut().take(n - 1).skip(1) {
            if seg.is_some_and(|s| within(self.internal, s)) {
                *seg = None;
            }
        }
        let kept: Vec<&str> =
            segs.into_iter().flatten().map(str::trim).collect();
        format!("{}{end}", kept.join(", "))
    }
}

/// Attributes of a start tag's inside (`name = "v"` or `name='v'`).
pub(crate) fn attrs(tag: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let b = tag.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // name
        while i < b.len() && !(b[i].is_ascii_alphabetic() || b[i] == b'_') {
            i += 1;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        let name = &tag[start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || !(b[i] == b'"' || b[i] == b'\'') {
            continue;
        }
        let q = b[i];
        i += 1;
        let vstart = i;
        while i < b.len() && b[i] != q {
            i += 1;
        }
        out.insert(name.to_string(), tag[vstart..i.min(b.len())].to_string());
        i += 1;
    }
    out
}

/// Removes `<!-- ... -->` comments.
pub(crate) fn strip_comments(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => rest = &rest[i + j + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the five predefined XML entities.
pub(crate) fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn truthy(v: &str) -> bool {
    v.eq_ignore_ascii_case("true")
}

/// Parses the suite's records, applying `<Config>` options in order.
pub fn parse_records(xml: &str) -> anyhow::Result<Vec<Record>> {
    let xml = strip_comments(xml);
    let mut out = Vec::new();
    let mut require_dyad = true;
    let mut new_actor_length = 0;
    let mut commas = Commas::default();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[1..end];
        if let Some(a) = tag.strip_prefix("Config") {
            let a = attrs(a);
            let value = a.get("value").map(String::as_str).unwrap_or("");
            match a.get("option").map(String::as_str) {
                Some("require_dyad") => require_dyad = truthy(value),
                Some("new_actor_length") => {
                    new_actor_length = value.trim().parse().unwrap_or(0)
                }
                Some(o) if o.starts_with("comma_") => {
                    let v = value.trim().parse().unwrap_or(0);
                    match &o[6..] {
                        "min" => commas.internal.0 = v,
                        "max" => commas.internal.1 = v,
                        "emin" => commas.terminal.0 = v,
                        "emax" => commas.terminal.1 = v,
                        "bmin" => commas.initial.0 = v,
                        "bmax" => commas.initial.1 = v,
                        _ => {}
                    }
                }
                _ => {}
            }
            rest = &rest[end..];
            continue;
        }
        let is_sentence = tag.starts_with("Sentence")
            && tag[8..].starts_with(|c: char| c.is_whitespace() || c == '>');
        if !is_sentence && tag != "Sentence" {
            rest = &rest[end..];
            continue;
        }
        let a = attrs(&tag[8..]);
        let Some(close) = rest.find("</Sentence>") else {
            bail!("record {:?}: no </Sentence>", a.get("id"));
        };
        let body = &rest[end + 1..close];
        rest = &rest[close..];
        let id = a.get("id").cloned().unwrap_or_default();
        let date = a.get("date").map(|d| d.trim()).unwrap_or("");
        let date = chrono::NaiveDate::parse_from_str(date, "%Y%m%d")
            .with_context(|| format!("record {id}: bad date {date:?}"))?;
        let valid = a
            .get("valid")
            .or_else(|| a.get("sentence"))
            .is_some_and(|v| truthy(v));
        let mut expected = BTreeSet::new();
        let mut error = None;
        let mut b = body;
        while let Some(i) = b.find("<EventCoding") {
            let e = &b[i + 12..];
            let Some(j) = e.find('>') else { break };
            let ea = attrs(&e[..j]);
            if let Some(e) = ea.get("error") {
                error = Some(e.clone());
            } else if let (Some(s), Some(t), Some(c)) = (
                ea.get("sourcecode"),
                ea.get("targetcode"),
                ea.get("eventcode"),
            ) {
                expected.insert((s.clone(), t.clone(), c.clone()));
            }
            b = &e[j..];
        }
        let text = match (body.find("<Text>"), body.find("</Text>")) {
            (Some(s), Some(e)) if s < e => &body[s + 6..e],
            _ => bail!("record {id}: no <Text>"),
        };
        let text =
            unescape(&text.split_whitespace().collect::<Vec<_>>().join(" "));
        out.push(Record {
            id,
            category: a.get("category").cloned().unwrap_or_default(),
            date,
            valid,
            expected,
            error,
            text,
            require_dyad,
            new_actor_length,
            commas,
        });
    }
    Ok(out)
}

/// Loads the four `PETR.Validate.*` dictionaries in `dir`.
pub fn validate_dictionaries(dir: &Path) -> anyhow::Result<Dictionaries> {
    let mut d = tabari::read_actors(&dir.join("PETR.Validate.actors.txt"))?;
    d.extend(tabari::read_agents(&dir.join("PETR.Validate.agents.txt"))?);
    d.extend(tabari::read_verbs(&dir.join("PETR.Validate.verbs.txt"))?);
    d.extend(tabari::read_discards(&dir.join("PETR.Validate.discards.txt"))?);
    Ok(d)
}

/// The (source, target, code) triples casus codes for `r`.
pub fn code_record(coder: &Coder, r: &Record) -> BTreeSet<Triple> {
    let text = r.commas.apply(&r.text);
    let article = Article::new(r.id.as_str(), r.date, text.as_str());
    let mut got = BTreeSet::new();
    for e in coder.code(&article) {
        if r.require_dyad && (e.source.is_none() || e.target.is_none()) {
            continue;
        }
        let code = |a: &Option<casus::events::EventActor>| {
            a.as_ref()
                .map_or_else(|| "---".to_string(), |a| a.code.to_string())
        };
        got.insert((code(&e.source), code(&e.target), e.cameo.to_string()));
    }
    got
}

/// Pass/fail counts of one category.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct Tally {
    /// Records coded exactly as expected.
    pub passed: usize,
    /// Records coded otherwise.
    pub failed: usize,
}

/// Runs `casus-eval petrarch`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = args.common.shared.join("data/anchors/petrarch");
    let suite = dir.join("PETR.UnitTest.records.xml");
    if !suite.is_file() {
        println!("petrarch: skipped: {} is absent", suite.display());
        return Ok(ExitCode::SUCCESS);
    }
    let xml = std::fs::read_to_string(&suite)
        .with_context(|| format!("reading {}", suite.display()))?;
    let records = parse_records(&xml)?;
    let dicts = validate_dictionaries(&dir)?;
    let coder = CoderBuilder::new()
        .builtin(false)
        .dictionaries(dicts)
        .tabari(true)
        .build()?;
    let mut by_cat: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut failures = Vec::new();
    for r in records.iter().filter(|r| r.valid) {
        if !args.records.is_empty() && !args.records.contains(&r.id) {
            continue;
        }
        let expected = r.expected.clone();
        let got = code_record(&coder, r);
        let t = by_cat.entry(r.category.clone()).or_default();
        if got == expected {
            t.passed += 1;
            total.passed += 1;
        } else {
            t.failed += 1;
            total.failed += 1;
            failures.push((r, expected, got));
        }
    }
    let n = total.passed + total.failed;
    let pct = 100.0 * total.passed as f64 / n.max(1) as f64;
    if args.common.json {
        let fails: Vec<_> = failures
            .iter()
            .map(|(r, e, g)| {
                serde_json::json!({
                    "id": r.id, "category": r.category,
                    "expected": e, "got": g, "error": r.error,
                    "new_actor_length": r.new_actor_length,
                })
            })
            .collect();
        let v = serde_json::json!({
            "suite": suite.display().to_string(),
            "records": n,
            "passed": total.passed,
            "failed": total.failed,
            "percent": (pct * 10.0).round() / 10.0,
            "by_category": by_cat,
            "failures": fails,
        });
        println!("{v}");
        return Ok(ExitCode::SUCCESS);
    }
    if args.verbose {
        for (r, e, g) in &failures {
            println!("FAIL {} [{}] {}", r.id, r.category, r.text);
            println!("  expected: {}", show(e));
            println!("  got:      {}", show(g));
        }
    }
    println!(
        "{:<10} {:>6} {:>6} {:>6}",
        "category", "passed", "failed", "total"
    );
    for (cat, t) in &by_cat {
        println!(
            "{cat:<10} {:>6} {:>6} {:>6}",
            t.passed,
            t.failed,
            t.passed + t.failed
        );
    }
    println!(
        "petrarch: {} passed, {} failed ({pct:.1}% of {n} valid records; \
         PETRARCH-1 276/276, PETRARCH-2 88/279)",
        total.passed, total.failed
    );
    Ok(ExitCode::SUCCESS)
}

fn show(s: &BTreeSet<Triple>) -> String {
    if s.is_empty() {
        return "(none)".into();
    }
    let v: Vec<String> =
        s.iter().map(|(a, b, c)| format!("{a} {b} {c}")).collect();
    v.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_clauses() {
        let c = Commas { internal: (2, 3), terminal: (4, 5), initial: (0, 0) };
        let table = [
            ("Rohan rode, riders said.", "Rohan rode, riders said."),
            ("Rohan rode, said the old riders.", "Rohan rode."),
            (
                "Rohan, as it seems, Eomer rode north.",
                "Rohan, Eomer rode north.",
            ),
            ("Rohan rode north.", "Rohan rode north."),
            // a comma between two lowercase content words is no boundary
            ("Rohan rode, it seems, with new, brave riders.", "Rohan rode."),
        ];
        for (input, want) in table {
            assert_eq!(c.apply(input), want, "{input}");
        }
        let off = Commas::default();
        assert_eq!(off.apply("A, b c, d e f."), "A, b c, d e f.");
    }

    #[test]
    fn records() {
        let xml = r#"<Sentences>
<!-- <Sentence date="20000101" id="X" category="Y" valid="true"> -->
<Config option="require_dyad" value="False"></Config>
<Sentence date = "19950101" id ="A-1" category="DEMO" valid="true">
<EventCoding sourcecode="ARN" targetcode='"NEW ONE"' eventcode="064"></EventCoding>
<Text>
Arnor met
Gondor.
</Text>
<Parse>(ROOT)</Parse>
</Sentence>
<Config option="require_dyad" value="TRUE"></Config>
<Sentence date="19950102" id="A-2" category="VERB" valid="false">
<EventCoding noevents = "True"></EventCoding>
<Text>x</Text>
</Sentence>
<Sentence date="19950102" id="A-3" category="ERROR" valid="true">
<EventCoding error = "True"></EventCoding>
<Text>y</Text>
</Sentence>
</Sentences>"#;
        let r = parse_records(xml).unwrap();
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].id, "A-1");
        assert_eq!(r[0].text, "Arnor met Gondor.");
        assert!(!r[0].require_dyad);
        let want: BTreeSet<Triple> =
            [("ARN".into(), "\"NEW ONE\"".into(), "064".into())].into();
        assert_eq!(r[0].expected, want);
        assert!(r[1].require_dyad && !r[1].valid);
        assert_eq!(r[1].expected, BTreeSet::new());
        assert_eq!(r[2].error.as_deref(), Some("True"));
    }
}
