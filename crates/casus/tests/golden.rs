//! Sentence-level goldens (`testdata/coding/*.toml`) and every verb
//! pattern's own examples (`dicts/verbs/*.toml`), run through the event
//! coder; all mismatches are reported together.
//!
//! Filter with `CASUS_TEST=consult,-basic` (names containing any positive
//! term and no negative one).
//!
//! Actors: the pipeline's [`casus::actors::ActorMatcher`] when it finds
//! anything in the text, else a small fixture gazetteer below, so that
//! the event engine is tested on its own.

use std::collections::HashMap;

use casus::actors::ActorMention;
use casus::events::{Event, EventActor, Modality};
use casus::places::PlaceMention;
use casus::text::Analyzed;
use casus::{ActorCode, Article, Coder, Mentions, Span};
use serde::Deserialize;

const CODING: &[(&str, &str)] = &[
    (
        "testdata/coding/syntax.toml",
        include_str!("../../../testdata/coding/syntax.toml"),
    ),
    (
        "testdata/coding/modality.toml",
        include_str!("../../../testdata/coding/modality.toml"),
    ),
    (
        "testdata/coding/attribution.toml",
        include_str!("../../../testdata/coding/attribution.toml"),
    ),
    (
        "testdata/coding/relevance.toml",
        include_str!("../../../testdata/coding/relevance.toml"),
    ),
    (
        "testdata/coding/symmetric.toml",
        include_str!("../../../testdata/coding/symmetric.toml"),
    ),
];

/// Fixture actors: phrase, code, country, role, name.
const FIXTURE: &str = "\
united states\tUSA\tUSA\t\t
us\tUSA\tUSA\t\t
american\tUSA\tUSA\t\t
washington\tUSA\tUSA\t\t
biden\tUSAGOV\tUSA\tGOV\tJoe Biden
white house\tUSAGOV\tUSA\tGOV\t
israel\tISR\tISR\t\t
israeli\tISR\tISR\t\t
israelis\tISR\tISR\t\t
israeli troops\tISRMIL\tISR\tMIL\t
israeli army\tISRMIL\tISR\tMIL\t
netanyahu\tISRGOV\tISR\tGOV\tBenjamin Netanyahu
palestinian\tPSE\tPSE\t\t
palestinians\tPSE\tPSE\t\t
palestine\tPSE\tPSE\t\t
philippines\tPHL\tPHL\t\t
south africa\tZAF\tZAF\t\t
croatia\tHRV\tHRV\t\t
gaza\tPSE\tPSE\t\t
hamas\tPSEHAM\tPSE\tREB\tHamas
hezbollah\tLBNHEZ\tLBN\tREB\tHezbollah
qatar\tQAT\tQAT\t\t
egypt\tEGY\tEGY\t\t
jordan\tJOR\tJOR\t\t
france\tFRA\tFRA\t\t
french\tFRA\tFRA\t\t
macron\tFRAGOV\tFRA\tGOV\tEmmanuel Macron
germany\tDEU\tDEU\t\t
german\tDEU\tDEU\t\t
russia\tRUS\tRUS\t\t
russian\tRUS\tRUS\t\t
russian troops\tRUSMIL\tRUS\tMIL\t
putin\tRUSGOV\tRUS\tGOV\tVladimir Putin
ukraine\tUKR\tUKR\t\t
ukrainian\tUKR\tUKR\t\t
china\tCHN\tCHN\t\t
chinese\tCHN\tCHN\t\t
japan\tJPN\tJPN\t\t
india\tIND\tIND\t\t
indian\tIND\tIND\t\t
indian soldiers\tINDMIL\tIND\tMIL\t
iran\tIRN\tIRN\t\t
iranian\tIRN\tIRN\t\t
iraq\tIRQ\tIRQ\t\t
turkey\tTUR\tTUR\t\t
syria\tSYR\tSYR\t\t
syrian\tSYR\tSYR\t\t
lebanon\tLBN\tLBN\t\t
lebanese\tLBN\tLBN\t\t
britain\tGBR\tGBR\t\t
british\tGBR\tGBR\t\t
spain\tESP\tESP\t\t
morocco\tMAR\tMAR\t\t
kenya\tKEN\tKEN\t\t
mali\tMLI\tMLI\t\t
sweden\tSWE\tSWE\t\t
serbia\tSRB\tSRB\t\t
serbian government\tSRBGOV\tSRB\tGOV\t
haiti\tHTI\tHTI\t\t
haitian government\tHTIGOV\tHTI\tGOV\t
canada\tCAN\tCAN\t\t
pakistan\tPAK\tPAK\t\t
pakistani government\tPAKGOV\tPAK\tGOV\t
yemen\tYEM\tYEM\t\t
saudi arabia\tSAU\tSAU\t\t
saudi officials\tSAUGOV\tSAU\tGOV\t
somalia\tSOM\tSOM\t\t
sudan\tSDN\tSDN\t\t
sudanese\tSDN\tSDN\t\t
senegal\tSEN\tSEN\t\t
gambian president\tGMBGOV\tGMB\tGOV\t
australia\tAUS\tAUS\t\t
norway\tNOR\tNOR\t\t
cuba\tCUB\tCUB\t\t
taiwan\tTWN\tTWN\t\t
greece\tGRC\tGRC\t\t
ethiopia\tETH\tETH\t\t
peru\tPER\tPER\t\t
peruvian president\tPERGOV\tPER\tGOV\t
chile\tCHL\tCHL\t\t
ecuador\tECU\tECU\t\t
tunisia\tTUN\tTUN\t\t
tunisian\tTUN\tTUN\t\t
nigerian\tNGA\tNGA\t\t
myanmar\tMMR\tMMR\t\t
poland\tPOL\tPOL\t\t
azerbaijan\tAZE\tAZE\t\t
azerbaijani government\tAZEGOV\tAZE\tGOV\t
armenia\tARM\tARM\t\t
vietnam\tVNM\tVNM\t\t
oman\tOMN\tOMN\t\t
kosovo\tXKX\tXKX\t\t
bahrain\tBHR\tBHR\t\t
south korea\tKOR\tKOR\t\t
north korea\tPRK\tPRK\t\t
ghana\tGHA\tGHA\t\t
nigeria\tNGA\tNGA\t\t
nigerian soldiers\tNGAMIL\tNGA\tMIL\t
nepal\tNPL\tNPL\t\t
rwanda\tRWA\tRWA\t\t
bolivia\tBOL\tBOL\t\t
brazil\tBRA\tBRA\t\t
thailand\tTHA\tTHA\t\t
belarus\tBLR\tBLR\t\t
venezuela\tVEN\tVEN\t\t
kuwait\tKWT\tKWT\t\t
austria\tAUT\tAUT\t\t
mexico\tMEX\tMEX\t\t
hong kong\tHKG\tHKG\t\t
afghan\tAFG\tAFG\t\t
congolese\tCOD\tCOD\t\t
crimea\tUKR\tUKR\t\t
kherson\tUKR\tUKR\t\t
european union\tEUR\tEUR\t\t
united nations\tIGOUNO\tIGO\tUNO\t
muslim brotherhood\tEGYOPP\tEGY\tOPP\t
icc\tIGOICC\tIGO\tICC\t
al-shabaab\tSOMREB\tSOM\tREB\t
mossad\tISRSPY\tISR\tSPY\t
";

/// Places for location tests: phrase, country.
const FIXTURE_PLACES: &str = "\
tel aviv\tISR
paris\tFRA
cairo\tEGY
rafah\tPSE
kabul\tAFG
geneva\tCHE
";

type Table = Vec<(Vec<String>, Vec<String>)>;

fn fixture_table(src: &str) -> Table {
    let mut rows: Table = src
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let cols: Vec<String> =
                l.split('\t').map(str::to_string).collect();
            let words = cols[0].split(' ').map(str::to_string).collect();
            (words, cols)
        })
        .collect();
    rows.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    rows
}

/// Longest match of fixture phrases over tokens; a phrase word may span
/// several tokens ("al-shabaab").
fn fixture_find(
    a: &Analyzed,
    table: &Table,
) -> Vec<(Span, usize, Vec<String>)> {
    let mut out = Vec::new();
    let toks = &a.tokens;
    let mut i = 0;
    while i < toks.len() {
        let mut hit = None;
        for (words, cols) in table {
            let mut j = i;
            let mut ok = true;
            for w in words {
                let mut acc = String::new();
                while j < toks.len() && acc.len() < w.len() {
                    acc.push_str(&toks[j].norm);
                    j += 1;
                    if !w.starts_with(acc.as_str()) {
                        break;
                    }
                }
                if acc != *w {
                    ok = false;
                    break;
                }
            }
            if ok && j > i {
                hit = Some((j, cols.clone()));
                break;
            }
        }
        match hit {
            Some((j, cols)) => {
                let span = Span::new(
                    toks[i].span.start as usize,
                    toks[j - 1].span.end as usize,
                );
                let si = a.sentence_at(span.start).unwrap_or(0);
                out.push((span, si, cols));
                i = j;
            }
            None => i += 1,
        }
    }
    out
}

fn fixture_actors(a: &Analyzed) -> Vec<ActorMention> {
    let table = fixture_table(FIXTURE);
    fixture_find(a, &table)
        .into_iter()
        .map(|(span, sentence, c)| ActorMention {
            span,
            sentence,
            code: c[1].parse().expect("fixture code"),
            country: Some(c[2].clone()).filter(|s| !s.is_empty()),
            role: Some(c[3].clone()).filter(|s| !s.is_empty()),
            name: Some(c[4].clone()).filter(|s| !s.is_empty()),
            entry: "fixture".to_string(),
            country_from: None,
        })
        .collect()
}

fn fixture_places(a: &Analyzed, text: &str) -> Vec<PlaceMention> {
    let table = fixture_table(FIXTURE_PLACES);
    fixture_find(a, &table)
        .into_iter()
        .map(|(span, sentence, c)| PlaceMention {
            span,
            sentence,
            name: span.slice(text).to_string(),
            country: Some(c[1].clone()),
            entry: "fixture".to_string(),
            kind: Default::default(),
        })
        .collect()
}

/// The built-in coder, with fixture actors and places standing in for
/// its own stages' where they find none.
struct Pipeline {
    coder: Coder,
}

impl Pipeline {
    fn new() -> Pipeline {
        Pipeline { coder: Coder::builtin().expect("coder") }
    }

    fn code(&self, date: &str, text: &str) -> Vec<Event> {
        let date = date.parse().expect("date");
        let article = Article::new("test", date, text);
        let a = self.coder.analyze(text);
        let mut places = self.coder.places().find(text, &a);
        // Fixture actors stand in where the stage finds none: trees for
        // every sentence with a trigger word, not only those the coder's
        // own actors can yield an event in.
        let parses = self.coder.parse_triggered(text, &a);
        let cx =
            casus::actors::Context { parses: Some(&parses), places: &places };
        let mut actors = self.coder.actors().find(&article, &a, &cx);
        if actors.is_empty() {
            actors = fixture_actors(&a);
        }
        if places.is_empty() {
            places = fixture_places(&a, text);
        }
        let times = self.coder.times().find(article.date, text, &a);
        let mentions = Mentions { actors, times, places };
        self.coder.code_mentions(&article, &a, &parses, &mentions)
    }
}

fn selected(name: &str) -> bool {
    let Ok(f) = std::env::var("CASUS_TEST") else { return true };
    let terms: Vec<&str> = f.split(',').filter(|t| !t.is_empty()).collect();
    let pos: Vec<&str> =
        terms.iter().filter(|t| !t.starts_with('-')).copied().collect();
    let mut neg = terms.iter().filter_map(|t| t.strip_prefix('-'));
    (pos.is_empty() || pos.iter().any(|p| name.contains(p)))
        && !neg.any(|n| name.contains(n))
}

/// Actor `want` (a code, its prefix or its country; `-` = none) matches.
fn actor_ok(want: &Option<String>, got: Option<&EventActor>) -> bool {
    match (want.as_deref(), got) {
        (None, _) => true,
        (Some("-"), g) => g.is_none(),
        (Some(_), None) => false,
        (Some(w), Some(g)) => {
            // The code itself, a prefix of it, or its country.
            let country = ActorCode::from(w);
            g.code.as_str().starts_with(w)
                || country
                    .country_slot()
                    .is_some_and(|c| g.country.as_deref() == Some(c))
        }
    }
}

fn show(e: &Event) -> String {
    let a = |x: &Option<EventActor>| {
        x.as_ref().map_or("-".to_string(), |a| a.code.to_string())
    };
    let attr = e.attribution.as_ref().map_or(String::new(), |t| {
        format!(
            " speaker={:?} outlet={:?}",
            t.speaker.as_deref().unwrap_or(""),
            t.outlet.as_deref().unwrap_or("")
        )
    });
    format!(
        "{}->{} {} neg={} {:?}{}{} [{} {}]",
        a(&e.source),
        a(&e.target),
        e.cameo,
        e.negated,
        e.modality,
        attr,
        e.location
            .as_ref()
            .map_or(String::new(), |l| format!(" loc={}", l.name)),
        e.pattern_id,
        e.pattern
    )
}

#[test]
fn verb_pattern_examples() {
    let p = Pipeline::new();
    let all = casus::dict::builtin_verb_examples().expect("patterns");
    let mut failures = Vec::new();
    let mut n = 0;
    for pat in &all {
        if !selected(&pat.id) {
            continue;
        }
        for ex in &pat.examples {
            n += 1;
            let want = ex.cameo.as_deref().unwrap_or(&pat.cameo);
            let events = p.code("2024-01-01", &ex.text);
            let ok = events.iter().any(|e| {
                e.cameo == want
                    && actor_ok(&ex.source, e.source.as_ref())
                    && actor_ok(&ex.target, e.target.as_ref())
            });
            if !ok {
                failures.push(format!(
                    "{} ({}): {:?}\n    want {} {:?}->{:?}\n    got  {}",
                    pat.id,
                    pat.origin,
                    ex.text,
                    want,
                    ex.source,
                    ex.target,
                    events
                        .iter()
                        .map(show)
                        .collect::<Vec<_>>()
                        .join("\n         ")
                ));
            }
        }
    }
    assert!(n > 0 || std::env::var("CASUS_TEST").is_ok(), "no examples");
    assert!(
        failures.is_empty(),
        "{} of {n} pattern examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CodingFile {
    #[serde(default)]
    test: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default = "default_date")]
    date: String,
    text: String,
    #[serde(default)]
    events: Vec<Want>,
    /// Other events may be present too.
    #[serde(default)]
    partial: bool,
}

fn default_date() -> String {
    "2024-02-11".to_string()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Want {
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    cameo: Option<String>,
    #[serde(default)]
    root: Option<String>,
    #[serde(default)]
    negated: Option<bool>,
    #[serde(default)]
    modality: Option<Modality>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    location: Option<String>,
    /// The id of the pattern (or rule) that coded the event, exactly.
    #[serde(default)]
    pattern_id: Option<String>,
}

fn want_ok(w: &Want, e: &Event) -> bool {
    let contains =
        |want: &Option<String>, got: Option<&str>| match want.as_deref() {
            None => true,
            Some("-") => got.is_none(),
            Some(w) => got.is_some_and(|g| g.contains(w)),
        };
    actor_ok(&w.source, e.source.as_ref())
        && actor_ok(&w.target, e.target.as_ref())
        && w.cameo.as_ref().map_or(true, |c| e.cameo == c.as_str())
        && w.root.as_ref().map_or(true, |r| e.root == r.as_str())
        && w.negated.map_or(true, |n| n == e.negated)
        && w.modality.map_or(true, |m| m == e.modality)
        && contains(
            &w.speaker,
            e.attribution.as_ref().and_then(|a| a.speaker.as_deref()),
        )
        && contains(
            &w.outlet,
            e.attribution.as_ref().and_then(|a| a.outlet.as_deref()),
        )
        && contains(&w.location, e.location.as_ref().map(|l| l.name.as_str()))
        && w.pattern_id.as_ref().map_or(true, |p| *p == e.pattern_id)
}

#[test]
fn coding_goldens() {
    let p = Pipeline::new();
    let mut failures = Vec::new();
    let mut n = 0;
    let mut names: HashMap<String, &str> = HashMap::new();
    for (file, text) in CODING {
        let f: CodingFile =
            toml::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        for case in f.test {
            if let Some(prev) = names.insert(case.name.clone(), file) {
                failures.push(format!(
                    "duplicate test name {} ({prev}, {file})",
                    case.name
                ));
            }
            if !selected(&case.name) {
                continue;
            }
            n += 1;
            let events = p.code(&case.date, &case.text);
            let mut used = vec![false; events.len()];
            let mut bad = Vec::new();
            for (k, w) in case.events.iter().enumerate() {
                match (0..events.len())
                    .find(|&i| !used[i] && want_ok(w, &events[i]))
                {
                    Some(i) => used[i] = true,
                    None => bad.push(format!("missing expected event #{k}")),
                }
            }
            if !case.partial && used.iter().any(|u| !u) {
                bad.push("unexpected extra events".to_string());
            }
            if !bad.is_empty() {
                failures.push(format!(
                    "{file}: {}: {:?}\n    {}\n    got: {}",
                    case.name,
                    case.text,
                    bad.join("; "),
                    events
                        .iter()
                        .map(show)
                        .collect::<Vec<_>>()
                        .join("\n         ")
                ));
            }
        }
    }
    assert!(n > 0 || std::env::var("CASUS_TEST").is_ok(), "no cases");
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Reads every article of a seed/text file.
fn read_articles(path: &std::path::Path) -> Vec<Article> {
    let inputs =
        casus::ingest::Inputs::new(&[path.to_path_buf()], Default::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    inputs
        .filter_map(|r| match r {
            casus::ingest::Record::Article { article, .. } => Some(article),
            _ => None,
        })
        .collect()
}

/// One article's events as golden JSON lines; with `redact`, no text from
/// the article is kept (evidence and names blanked). Patterns are named
/// by `pattern_id` only: the `pattern` file:line moves with every edit of
/// a dictionary.
fn golden_lines(events: &[Event], redact: bool) -> String {
    let mut out = String::new();
    for e in events {
        let mut e = e.clone();
        e.pattern.clear();
        if redact {
            e.evidence.clear();
            for a in [&mut e.source, &mut e.target].into_iter().flatten() {
                a.name = None;
            }
            if let Some(t) = &mut e.attribution {
                t.speaker = t.speaker.as_ref().map(|_| String::new());
                t.outlet = t.outlet.as_ref().map(|_| String::new());
            }
            if let Some(l) = &mut e.location {
                l.name.clear();
            }
        }
        let line = serde_json::to_string(&e).expect("event json");
        out.push_str(&line.replacen(r#""pattern":"","#, "", 1));
        out.push('\n');
    }
    out
}

/// Compares (or with `CASUS_BLESS=1` rewrites) `testdata/articles/<id>/events.jsonl`.
fn check_article_golden(
    dir: &str,
    id: &str,
    got: &str,
    failures: &mut Vec<String>,
) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/articles");
    let path = root.join(dir).join("events.jsonl");
    if std::env::var("CASUS_BLESS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("parent"))
            .expect("mkdir");
        std::fs::write(&path, got).expect("write golden");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    if want != got {
        let w: Vec<&str> = want.lines().collect();
        let g: Vec<&str> = got.lines().collect();
        let mut diff = Vec::new();
        for l in &w {
            if !g.contains(l) {
                diff.push(format!("-{l}"));
            }
        }
        for l in &g {
            if !w.contains(l) {
                diff.push(format!("+{l}"));
            }
        }
        failures.push(format!(
            "{id}: {} differs (CASUS_BLESS=1 to rewrite, then review):\n{}",
            path.display(),
            diff.join("\n")
        ));
    }
}

/// Codes every `.txt` article in `dir` (relative to this crate) and
/// compares it with `testdata/articles/<prefix><stem>/events.jsonl`;
/// skips with a message when `dir` is absent.
fn check_dir_goldens(test: &str, dir: &str, prefix: &str, redact: bool) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!("{test}: skipped: {} not found", dir.display());
        return;
    };
    let coder = casus::Coder::builtin().expect("coder");
    let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in
        paths.iter().filter(|p| p.extension().is_some_and(|x| x == "txt"))
    {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("article")
            .to_string();
        for article in read_articles(path) {
            let events = coder.code(&article);
            check_article_golden(
                &format!("{prefix}{stem}"),
                &stem,
                &golden_lines(&events, redact),
                &mut failures,
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The seeds' events (goldens hold no seed text: evidence is redacted).
#[test]
fn seed_article_goldens() {
    check_dir_goldens(
        "seed_article_goldens",
        "../../../shared/seeds",
        "",
        true,
    );
}

/// The example articles' events, evidence included.
#[test]
fn example_article_goldens() {
    check_dir_goldens(
        "example_article_goldens",
        "../../examples",
        "example-",
        false,
    );
}

/// Prints the events of `CASUS_DEBUG_TEXT` (a debugging aid; no checks).
#[test]
fn debug_text() {
    let Ok(text) = std::env::var("CASUS_DEBUG_TEXT") else { return };
    let coder = casus::Coder::builtin().expect("coder");
    let article =
        Article::new("debug", "2024-02-11".parse().expect("date"), &text);
    let a = coder.analyze(&text);
    let places = coder.places().find(&text, &a);
    let cx = casus::actors::Context { parses: None, places: &places };
    for m in coder.actors().find(&article, &a, &cx) {
        println!(
            "actor {:?} {} {:?}",
            m.span.slice(&text),
            m.code,
            m.sentence
        );
    }
    for e in coder.code(&article) {
        println!("{}", show(&e));
    }
}
