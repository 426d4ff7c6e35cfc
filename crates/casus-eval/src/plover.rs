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
use casus::{ActorCode, Article, Coder};
use serde::Deserialize;

/// Flags of `casus-eval plover`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: crate::common::Common,
    /// Print every miss.
    #[arg(long)]
    verbose: bool,
    /// Print every record typed right whose actors disagree with the
    /// gold's: the gold codes and each casus event of the gold type.
    #[arg(long)]
    errors: bool,
    /// Read the verb pattern files (`statement.toml`, ...) from this
    /// directory instead of the built-in copies (for editing patterns
    /// without rebuilding).
    #[arg(long, value_name = "DIR")]
    verbs_dir: Option<std::path::PathBuf>,
    /// Instead of the evaluation, run every pattern's own examples (from
    /// `--verbs-dir` or the built-in files) and print the failures.
    #[arg(long)]
    examples: bool,
    /// No effect (roles always come from the tree); accepted so older
    /// documented commands keep working.
    #[arg(long, hide = true)]
    tree_roles: bool,
}

/// Whether an example's expected actor (`None`: unchecked, `-`: none)
/// matches the event's: the same rule as the pattern-example test.
fn actor_ok(
    want: Option<&str>,
    got: Option<&casus::events::EventActor>,
) -> bool {
    match (want, got) {
        (None, _) => true,
        (Some("-"), g) => g.is_none(),
        (Some(_), None) => false,
        (Some(w), Some(g)) => {
            // The code, a prefix of it, or its country.
            g.code.as_str().starts_with(w)
                || ActorCode::from(w)
                    .country_slot()
                    .is_some_and(|c| g.country.as_deref() == Some(c))
        }
    }
}

/// Runs every pattern example; returns the number of failures.
fn check_examples(
    coder: &Coder,
    dir: Option<&std::path::Path>,
) -> anyhow::Result<usize> {
    let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let (mut n, mut bad) = (0, 0);
    for (name, builtin) in casus::dict::BUILTIN_VERB_FILES {
        let text = match dir {
            Some(d) => {
                let file = name.rsplit('/').next().unwrap_or(name);
                std::fs::read_to_string(d.join(file))?
            }
            None => builtin.to_string(),
        };
        let parsed = casus::dict::parse_verb_toml(name, &text)
            .map_err(|e| anyhow::anyhow!("{name}: {} errors", e.len()))?;
        for pat in &parsed.examples {
            for ex in &pat.examples {
                n += 1;
                let want = ex.cameo.as_deref().unwrap_or(&pat.cameo);
                let events = coder.code(&Article::new("ex", date, &ex.text));
                let ok = events.iter().any(|e| {
                    e.cameo == want
                        && actor_ok(ex.source.as_deref(), e.source.as_ref())
                        && actor_ok(ex.target.as_deref(), e.target.as_ref())
                });
                if !ok {
                    bad += 1;
                    let got: Vec<String> = events
                        .iter()
                        .map(|e| {
                            let code =
                                |a: &Option<casus::events::EventActor>| {
                                    a.as_ref().map_or("-".to_string(), |a| {
                                        a.code.to_string()
                                    })
                                };
                            format!(
                                "{} {}->{}",
                                e.cameo,
                                code(&e.source),
                                code(&e.target)
                            )
                        })
                        .collect();
                    println!(
                        "{} ({}): {:?} want {want} {:?}->{:?} got {:?}",
                        pat.id, pat.origin, ex.text, ex.source, ex.target, got
                    );
                }
            }
        }
    }
    println!("{bad} of {n} pattern examples failed");
    Ok(bad)
}

/// The coder: built-in dictionaries, or built-in actors with the verb
/// files read from `dir`.
fn coder(dir: Option<&std::path::Path>) -> anyhow::Result<Coder> {
    let Some(dir) = dir else {
        return casus::CoderBuilder::new()
            .build()
            .context("building the coder");
    };
    let mut dicts = casus::dict::builtin_actors()?;
    for (name, _) in casus::dict::BUILTIN_VERB_FILES {
        let file = name.rsplit('/').next().unwrap_or(name);
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let parsed =
            casus::dict::parse_verb_toml(name, &text).map_err(|e| {
                let lines: Vec<String> =
                    e.iter().map(|e| e.to_string()).collect();
                anyhow::anyhow!("{}", lines.join("\n"))
            })?;
        dicts.verbs.extend(parsed.patterns);
        dicts.synsets.extend(parsed.synsets);
    }
    casus::CoderBuilder::new()
        .builtin(false)
        .dictionaries(dicts)
        .build()
        .context("building the coder")
}

/// A gold actor's code; the file also has `""` where no actor is coded.
struct GoldActor {
    code: ActorCode,
}

fn actors<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<GoldActor>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.get("code")?.as_str())
                .map(|c| GoldActor {
                    code: ActorCode::from(legacy(c).as_str()),
                })
                .collect()
        })
        .unwrap_or_default())
}

#[derive(Deserialize)]
struct Gold {
    id: String,
    event: String,
    #[serde(default)]
    text: String,
    #[serde(default, deserialize_with = "actors")]
    source: Vec<GoldActor>,
    #[serde(default, deserialize_with = "actors")]
    target: Vec<GoldActor>,
}

/// The gold's few KEDS-era country codes -> ISO 3166 (the codes casus
/// and the rest of the gold use): Japan `JAP`, Italy `ITL`, Vietnam
/// `VTN`. A scorer alignment, like [`map_05`]; no actor is re-coded.
fn legacy(code: &str) -> String {
    let iso = match code.get(..3) {
        Some("JAP") => "JPN",
        Some("ITL") => "ITA",
        Some("VTN") => "VNM",
        _ => return code.to_string(),
    };
    format!("{iso}{}", code.get(3..).unwrap_or(""))
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

/// One `ACTORS` line for a record typed right with the wrong actors:
/// the gold's codes, then each casus event of that type as
/// source -> target (code/country), with its evidence.
fn print_actor_error(g: &Gold, hits: &[&casus::events::Event]) {
    let gold = |xs: &[GoldActor]| {
        let v: Vec<&str> = xs.iter().map(|x| x.code.as_str()).collect();
        if v.is_empty() {
            "-".to_string()
        } else {
            v.join("|")
        }
    };
    let side = |a: &Option<casus::events::EventActor>| {
        a.as_ref().map_or("-".to_string(), |a| {
            format!(
                "{}/{} \"{}\"",
                a.code.as_str(),
                a.country.as_deref().unwrap_or("?"),
                a.name.as_deref().unwrap_or("")
            )
        })
    };
    println!(
        "ACTORS {} {}: gold {} -> {}: {}",
        g.id,
        g.event,
        gold(&g.source),
        gold(&g.target),
        g.text
    );
    for e in hits {
        println!(
            "    casus {} -> {} ({} {})",
            side(&e.source),
            side(&e.target),
            e.cameo,
            e.pattern_id
        );
    }
}

/// Runs `casus-eval plover`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.examples {
        let coder = coder(args.verbs_dir.as_deref())?;
        let bad = check_examples(&coder, args.verbs_dir.as_deref())?;
        return Ok(if bad == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    let path =
        args.common.shared.join("data/anchors/PLOVER/PLOVER_GSR_CAMEO.txt");
    if !path.exists() {
        eprintln!("casus-eval plover: skipped: {} not found", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("reading {}", path.display()))?;
    let gold: Vec<Gold> = serde_json::from_str(&text)
        .with_context(|| format!("parsing {}", path.display()))?;
    let coder = coder(args.verbs_dir.as_deref())?;
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
                        a.code.country_slot().unwrap_or("").to_string()
                    })
                })
            };
            let in_gold = |c: &Option<String>, gs: &[GoldActor]| {
                gs.is_empty()
                    || c.as_ref().is_some_and(|c| {
                        gs.iter().any(|x| x.code.country_slot() == Some(c))
                    })
            };
            if hits.iter().any(|e| {
                in_gold(&ctry(&e.source), &g.source)
                    && in_gold(&ctry(&e.target), &g.target)
            }) {
                actors_ok += 1;
            } else if args.errors {
                print_actor_error(g, &hits);
            }
        } else if args.verbose {
            let got: Vec<String> = events
                .iter()
                .map(|e| format!("{}({})", e.plover, e.cameo))
                .collect();
            println!("{} want {want} got {:?}: {}", g.id, got, g.text);
        }
    }
    let pct = |a: usize, b: usize| crate::score::ratio(a, b, 1.0);
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
