//! Entity recognition P/R/F1 on CoNLL-2003 (all of testb and non-sports documents).
//!
//! Method: each document's tokens are joined with spaces (sentences with
//! newlines) into one article dated 1996-12-06 (the corpus's dateline) and
//! run through [`casus::actors::ner::EntityRecognizer`]; predicted spans map
//! to the CoNLL tokens they cover. Gold chunks are read from the IOB1 tags.
//! Scoring is conlleval-style: a chunk counts only with the exact same
//! tokens and type; MISC is left out on both sides. A document is
//! "sports" when the first word of its headline (split at `-`) is one of
//! `SPORTS`.

use std::collections::HashSet;
use std::process::ExitCode;

use anyhow::Context;

use crate::score::Counts;

/// Headline keywords that mark a sports document.
const SPORTS: &[&str] = &[
    "SOCCER",
    "CRICKET",
    "ALPINE",
    "RUGBY",
    "NHL",
    "GOLF",
    "NFL",
    "NBA",
    "FREESTYLE",
    "BASKETBALL",
    "BADMINTON",
    "SQUASH",
    "NCAA",
    "TENNIS",
    "NORDIC",
    "BOBSLEIGH",
    "SKIING",
    "SKI",
    "SPEED",
    "BOXING",
    "BASEBALL",
    "ATHLETICS",
    "CYCLING",
    "MOTORCYCLING",
    "MOTOR",
    "HORSE",
    "SWIMMING",
];

/// Flags of `casus-eval ner`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: crate::common::Common,
    /// CoNLL file under `<shared>/data/ner/conll2003/`.
    #[arg(long, default_value = "eng.testb")]
    split: String,
    /// Print each false positive and false negative (non-sports only).
    #[arg(long)]
    errors: bool,
}

struct Doc {
    tokens: Vec<String>,
    /// Sentence boundaries: index of each sentence's first token.
    sentences: Vec<usize>,
    gold: HashSet<(usize, usize, String)>,
    sports: bool,
}

fn read_docs(text: &str) -> Vec<Doc> {
    let mut docs: Vec<Doc> = Vec::new();
    let mut prev = String::from("O");
    let mut open: Option<(usize, String)> = None;
    let close = |doc: &mut Doc, open: &mut Option<(usize, String)>, end| {
        if let Some((s, t)) = open.take() {
            doc.gold.insert((s, end, t));
        }
    };
    for line in text.lines() {
        if line.starts_with("-DOCSTART-") {
            if let Some(d) = docs.last_mut() {
                let end = d.tokens.len();
                close(d, &mut open, end);
            }
            docs.push(Doc {
                tokens: Vec::new(),
                sentences: Vec::new(),
                gold: HashSet::new(),
                sports: false,
            });
            prev = "O".into();
            continue;
        }
        let Some(d) = docs.last_mut() else { continue };
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.is_empty() {
            let end = d.tokens.len();
            close(d, &mut open, end);
            prev = "O".into();
            continue;
        }
        let i = d.tokens.len();
        let tag = f.last().copied().unwrap_or("O");
        let (bio, ty) = tag.split_once('-').unwrap_or(("O", ""));
        let new = bio == "B" || (bio == "I" && prev != ty);
        if bio == "O" || new {
            close(d, &mut open, i);
        }
        if new {
            open = Some((i, ty.to_string()));
        }
        prev = if bio == "O" { "O".into() } else { ty.to_string() };
        d.tokens.push(f[0].to_string());
    }
    if let Some(d) = docs.last_mut() {
        let end = d.tokens.len();
        close(d, &mut open, end);
    }
    docs
}

/// Runs `casus-eval ner`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let path = args.common.shared.join("data/ner/conll2003").join(&args.split);
    if !path.exists() {
        println!("skipping: {} is absent", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("reading {}", path.display()))?;
    let raw = std::fs::read_to_string(&path)?;
    let mut docs = read_docs(&text);
    // Sentence starts come from blank lines: re-read them.
    mark_sentences(&raw, &mut docs);
    let rec = casus::actors::ner::EntityRecognizer::builtin()?;
    let places = casus::places::PlaceMatcher::builtin()?;
    let lexicon = casus::text::Lexicon::builtin();
    let date = "1996-12-06".parse()?;
    let types = ["PER", "ORG", "LOC"];
    let mut all = [Counts::default(); 4];
    let mut non_sports = [Counts::default(); 4];
    let mut n_non_sports = 0;
    for (di, d) in docs.iter_mut().enumerate() {
        // Text and token offsets.
        let mut body = String::new();
        let mut offs = Vec::with_capacity(d.tokens.len());
        for (i, t) in d.tokens.iter().enumerate() {
            if i > 0 {
                body.push(if d.sentences.contains(&i) { '\n' } else { ' ' });
            }
            offs.push((body.len(), body.len() + t.len()));
            body.push_str(t);
        }
        let headline_end =
            d.sentences.get(1).copied().unwrap_or(d.tokens.len());
        d.sports = d.tokens[..headline_end.min(d.tokens.len())]
            .first()
            .map(|w| w.split('-').next().unwrap_or(""))
            .is_some_and(|w| SPORTS.contains(&w));
        let article = casus::Article::new(&format!("doc{di}"), date, &body);
        let analyzed = casus::text::analyze_with(&body, &lexicon);
        let mut pred = HashSet::new();
        let place_spans: Vec<casus::Span> = places
            .find(&body, &analyzed)
            .into_iter()
            .map(|p| p.span)
            .collect();
        for e in rec.find(&article, &analyzed, &place_spans) {
            if e.kind == casus::actors::ner::EntityKind::Misc {
                continue;
            }
            let s = offs.partition_point(|o| o.1 <= e.span.start as usize);
            let t = offs.partition_point(|o| o.0 < e.span.end as usize);
            if s < t {
                pred.insert((s, t, e.kind.as_str().to_string()));
            }
        }
        let gold: HashSet<_> =
            d.gold.iter().filter(|g| g.2 != "MISC").cloned().collect();
        if !d.sports {
            n_non_sports += 1;
            if args.errors {
                let show =
                    |x: &(usize, usize, String)| d.tokens[x.0..x.1].join(" ");
                for x in pred.difference(&gold) {
                    let g = gold.iter().find(|g| g.0 < x.1 && x.0 < g.1);
                    println!(
                        "FP {} {:?} gold={:?}",
                        x.2,
                        show(x),
                        g.map(|g| (g.2.clone(), show(g)))
                    );
                }
                for x in gold.difference(&pred) {
                    println!("FN {} {:?}", x.2, show(x));
                }
            }
        }
        for (ti, ty) in types.iter().enumerate() {
            let p = pred.iter().filter(|x| x.2 == *ty).count();
            let g = gold.iter().filter(|x| x.2 == *ty).count();
            let tp = pred
                .iter()
                .filter(|x| x.2 == *ty && gold.contains(*x))
                .count();
            let c = Counts { correct: tp, predicted: p, gold: g };
            for k in [ti, 3] {
                all[k] += c;
                if !d.sports {
                    non_sports[k] += c;
                }
            }
        }
    }
    let row = |c: &Counts| {
        let s = c.prf_percent();
        serde_json::json!({"precision": round(s.precision), "recall": round(s.recall), "f1": round(s.f1), "gold": c.gold, "predicted": c.predicted, "correct": c.correct})
    };
    let mut report = serde_json::json!({
        "file": path.display().to_string(),
        "documents": docs.len(),
        "non_sports_documents": n_non_sports,
    });
    for (name, cs) in [("all", &all), ("non_sports", &non_sports)] {
        let mut o = serde_json::Map::new();
        o.insert("overall".into(), row(&cs[3]));
        for (ti, ty) in types.iter().enumerate() {
            o.insert(ty.to_string(), row(&cs[ti]));
        }
        report[name] = serde_json::Value::Object(o);
    }
    if args.common.json {
        println!("{report}");
    } else {
        println!(
            "CoNLL-2003 {} ({} documents, {} non-sports); PER/ORG/LOC exact match, MISC ignored",
            args.split,
            docs.len(),
            n_non_sports
        );
        println!(
            "{:<12} {:<8} {:>7} {:>7} {:>7}",
            "subset", "type", "P", "R", "F1"
        );
        for (name, cs) in [("all", &all), ("non-sports", &non_sports)] {
            for (ti, ty) in ["PER", "ORG", "LOC", "overall"].iter().enumerate()
            {
                let s = cs[ti].prf_percent();
                let (p, r, f) = (s.precision, s.recall, s.f1);
                println!("{name:<12} {ty:<8} {p:>7.1} {r:>7.1} {f:>7.1}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Records each document's sentence starts (blank-line separated).
fn mark_sentences(raw: &str, docs: &mut [Doc]) {
    let mut di = usize::MAX;
    let mut n = 0;
    let mut fresh = true;
    for line in raw.lines() {
        if line.starts_with("-DOCSTART-") {
            di = di.wrapping_add(1);
            n = 0;
            fresh = true;
            if let Some(d) = docs.get_mut(di) {
                d.sentences.clear();
            }
            continue;
        }
        let Some(d) = docs.get_mut(di) else { continue };
        if line.trim().is_empty() {
            fresh = true;
            continue;
        }
        if fresh {
            d.sentences.push(n);
            fresh = false;
        }
        n += 1;
    }
}
