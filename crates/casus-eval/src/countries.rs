//! Country attribution P/R on Reuters-21578 `<PLACES>`.
//!
//! Method: every story with at least one `<PLACES>` label that maps to a
//! country code is coded (title + body, dated by `<DATE>`); the predicted
//! set is the countries of all actor mentions, places included ("in
//! Moscow"). Labels are mapped to codes through the built-in country
//! gazetteer (`west-germany` -> "west germany" -> DEU); labels it does not
//! know are left out of the gold and counted. Scores are micro-averaged
//! over (story, country) pairs; the gold is weak (labels name the
//! countries a story is *about*, not every country it mentions).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::process::ExitCode;

use casus::dict::Names;
use casus::ActorCode;

use crate::corpus;
use crate::score::Counts;
use crate::timer::{Clock, Timer};

/// Flags of `casus-eval countries`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: crate::common::Common,
    /// Read only the first N files (reut2-000.sgm, ...).
    #[arg(long)]
    files: Option<usize>,
}

/// Runs `casus-eval countries`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = args.common.shared.join("data/corpora/reuters21578");
    if !dir.is_dir() {
        println!("skipping: {} is absent", dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    let dicts = casus::dict::builtin_actors()?;
    let mut label_code: HashMap<String, String> = HashMap::new();
    for e in &dicts.actors {
        if dicts.names_of(&e.origin.file) == Names::Countries {
            let key = e.phrase.to_lowercase().replace('-', " ");
            let code = ActorCode::from(e.code.as_str());
            if let Some(c) = code.country_slot() {
                label_code.entry(key).or_insert_with(|| c.to_string());
            }
        }
    }
    let matcher = casus::actors::ActorMatcher::new(&dicts)?;
    let places = casus::places::PlaceMatcher::builtin()?;
    let lexicon = casus::text::Lexicon::builtin();
    let (mut tp, mut npred, mut ngold, mut stories) = (0usize, 0, 0, 0);
    // With the place gazetteer's countries added (cities, regions).
    let (mut tp2, mut npred2) = (0usize, 0usize);
    let mut unmapped: BTreeMap<String, usize> = BTreeMap::new();
    let mut bytes = 0usize;
    let timer = Timer::start(Clock::Thread);
    for doc in corpus::reuters_docs(&dir, args.files)? {
        let mut gold = BTreeSet::new();
        for p in &doc.places {
            match label_code.get(&p.replace('-', " ")) {
                Some(c) => {
                    gold.insert(c.clone());
                }
                None => *unmapped.entry(p.clone()).or_default() += 1,
            }
        }
        if gold.is_empty() {
            continue;
        }
        stories += 1;
        let mut article = doc.article.clone();
        if let Some(t) = &doc.article.title {
            article.text = format!("{t}\n{}", article.text);
        }
        bytes += article.text.len();
        let analyzed = casus::text::analyze_with(&article.text, &lexicon);
        let pred: BTreeSet<String> = matcher
            .find_with_places(&article, &analyzed)
            .into_iter()
            .filter_map(|m| m.country)
            .filter(|c| label_code.values().any(|v| v == c))
            .collect();
        tp += pred.intersection(&gold).count();
        npred += pred.len();
        let mut pred2 = pred.clone();
        pred2.extend(
            places
                .find(&article.text, &analyzed)
                .into_iter()
                .filter_map(|m| m.country)
                .filter(|c| label_code.values().any(|v| v == c)),
        );
        tp2 += pred2.intersection(&gold).count();
        npred2 += pred2.len();
        ngold += gold.len();
    }
    let s =
        Counts { correct: tp, predicted: npred, gold: ngold }.prf_percent();
    let (p, r, f1) = (s.precision, s.recall, s.f1);
    let s =
        Counts { correct: tp2, predicted: npred2, gold: ngold }.prf_percent();
    let (p2, r2, f2) = (s.precision, s.recall, s.f1);
    let unmapped_total: usize = unmapped.values().sum();
    if args.common.json {
        println!(
            "{}",
            serde_json::json!({
                "stories": stories, "precision": round(p), "recall": round(r),
                "f1": round(f1), "gold": ngold, "predicted": npred, "correct": tp,
                "unmapped_labels": unmapped_total, "bytes": bytes,
                "seconds": timer.stop().cpu,
                "with_places": {"precision": round(p2), "recall": round(r2), "f1": round(f2), "predicted": npred2, "correct": tp2},
            })
        );
    } else {
        println!(
            "Reuters-21578 <PLACES>: {stories} stories, {ngold} gold countries \
             ({unmapped_total} labels not mapped to a country)"
        );
        println!(
            "actors:          precision {p:.1}  recall {r:.1}  F1 {f1:.1}"
        );
        println!(
            "actors + places: precision {p2:.1}  recall {r2:.1}  F1 {f2:.1}"
        );
        let top: Vec<_> = unmapped.iter().take(15).collect();
        println!("unmapped labels (first 15): {top:?}");
    }
    Ok(ExitCode::SUCCESS)
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
