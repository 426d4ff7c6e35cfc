//! PLOVER event type accuracy and actor agreement on the PLOVER gold
//! records (`<shared>/data/anchors/PLOVER/PLOVER_GSR_CAMEO.txt`).
//!
//! Gold labels use PLOVER 0.5 names; casus emits the 2021 CAMEO->PLOVER
//! table's names, so DEMAND -> REQUEST, DISAPPROVE -> ACCUSE and
//! FIGHT -> ASSAULT before comparing. A record's predicted type is that of
//! its first coded event (text order); "any" accuracy counts a record
//! when any of its events has the gold type. Actor agreement: among
//! records typed right, the share whose source (and target, when the gold
//! has one) country matches one of the gold actors'.

use std::process::ExitCode;

use anyhow::Context;
use casus::{Article, Coder};
use serde::Deserialize;

/// Flags of `casus eval plover`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: super::Common,
    /// Print every miss.
    #[arg(long)]
    verbose: bool,
}

#[derive(Deserialize)]
struct GoldActor {
    #[serde(default)]
    code: String,
}

#[derive(Deserialize)]
struct Gold {
    id: String,
    event: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    source: Vec<GoldActor>,
    #[serde(default)]
    target: Vec<GoldActor>,
}

/// PLOVER 0.5 name -> the name casus emits.
pub fn map_05(name: &str) -> &str {
    match name {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

/// Runs `casus eval plover`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let path =
        args.common.shared.join("data/anchors/PLOVER/PLOVER_GSR_CAMEO.txt");
    if !path.exists() {
        eprintln!("casus eval plover: skipped: {} not found", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("reading {}", path.display()))?;
    let gold: Vec<Gold> = serde_json::from_str(&text)
        .with_context(|| format!("parsing {}", path.display()))?;
    let coder = Coder::builtin().context("building the coder")?;
    let date = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let (mut n, mut first_ok, mut any_ok, mut actors_ok, mut coded) =
        (0, 0, 0, 0, 0);
    for g in
        gold.iter().filter(|g| g.event != "DOCUMENT" && !g.text.is_empty())
    {
        n += 1;
        let want = map_05(&g.event);
        let events = coder.code(&Article::new(&g.id, date, &g.text));
        if !events.is_empty() {
            coded += 1;
        }
        let first = events.first().map(|e| e.plover.as_str());
        if first == Some(want) {
            first_ok += 1;
        }
        let hits: Vec<_> =
            events.iter().filter(|e| e.plover == want).collect();
        if !hits.is_empty() {
            any_ok += 1;
            let ctry = |a: &Option<casus::events::EventActor>| {
                a.as_ref().map(|a| {
                    a.country.clone().unwrap_or_else(|| {
                        a.code.get(..3).unwrap_or("").to_string()
                    })
                })
            };
            let in_gold = |c: &Option<String>, gs: &[GoldActor]| {
                gs.is_empty()
                    || c.as_ref().is_some_and(|c| {
                        gs.iter().any(|x| x.code.get(..3) == Some(c))
                    })
            };
            if hits.iter().any(|e| {
                in_gold(&ctry(&e.source), &g.source)
                    && in_gold(&ctry(&e.target), &g.target)
            }) {
                actors_ok += 1;
            }
        } else if args.verbose {
            let got: Vec<String> = events
                .iter()
                .map(|e| format!("{}({})", e.plover, e.cameo))
                .collect();
            println!("{} want {want} got {:?}: {}", g.id, got, g.text);
        }
    }
    let pct =
        |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    if args.common.json {
        let v = serde_json::json!({
            "task": "plover", "records": n, "coded": coded,
            "type_accuracy_first": pct(first_ok, n), "type_accuracy_any": pct(any_ok, n),
            "actor_agreement": pct(actors_ok, any_ok),
        });
        println!("{v}");
    } else {
        println!("PLOVER GSR (CAMEO manual examples): {n} records, {coded} with any event");
        println!("type accuracy (first event) {:.3}", pct(first_ok, n));
        println!("type accuracy (any event)   {:.3}", pct(any_ok, n));
        println!(
            "actor agreement (typed right) {:.3}",
            pct(actors_ok, any_ok)
        );
        println!("target: type accuracy >= 0.85");
    }
    Ok(ExitCode::SUCCESS)
}
