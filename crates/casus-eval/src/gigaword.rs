//! Agreement with PETRARCH-2's own output on the GigaWord sample, with
//! the full Phoenix actor/agent dictionaries and the CAMEO.2.0 verbs read
//! by casus's TABARI readers; also dictionary load time, memory and
//! coding throughput with those dictionaries.
//!
//! PETRARCH-2's output is not gold: the table says where the two coders
//! agree, per CAMEO root, on (sentence, source, target, code).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use casus::dict::{tabari, Dictionaries};
use casus::{Article, CameoCode, Coder, CoderBuilder};

use crate::petrarch::{attrs, strip_comments, unescape};
use crate::timer::{peak_rss_mb, Clock, Timer};

/// Flags of `casus-eval gigaword`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: crate::common::Common,
    /// Code the sample this many times for the throughput figure.
    #[arg(long, default_value_t = 200)]
    repeat: usize,
    /// Print every disagreement.
    #[arg(long)]
    verbose: bool,
    /// Do not date events from the text: no time stage, every event
    /// carries its sentence's date, as PETRARCH-2 dates events by the
    /// story (`CoderBuilder::event_dates(false)`). The agreement table
    /// does not depend on dates; the throughput line names the mode.
    #[arg(long)]
    no_dates: bool,
}

/// One event: sentence id, source, target, code.
type Key = (String, String, String, String);

/// The Phoenix dictionaries and CAMEO.2.0 verbs in `dir`.
pub fn phoenix_dictionaries(dir: &Path) -> anyhow::Result<Dictionaries> {
    let mut d = Dictionaries::default();
    for f in [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ] {
        d.extend(tabari::read_actors(&dir.join(f))?);
    }
    d.extend(tabari::read_agents(&dir.join("Phoenix.agents.txt"))?);
    d.extend(tabari::read_verbs(&dir.join("CAMEO.2.0.txt"))?);
    d.extend(tabari::read_discards(&dir.join("Phoenix.discards.txt"))?);
    Ok(d)
}

fn sentences(xml: &str) -> anyhow::Result<Vec<Article>> {
    let xml = strip_comments(xml);
    let mut out = Vec::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<Sentence ") {
        rest = &rest[i..];
        let Some(end) = rest.find('>') else { break };
        let a = attrs(&rest[9..end]);
        let Some(close) = rest.find("</Sentence>") else { break };
        let body = &rest[end + 1..close];
        rest = &rest[close..];
        let id = a.get("id").cloned().unwrap_or_default();
        let date = a.get("date").map(|d| d.trim()).unwrap_or("");
        let date = chrono::NaiveDate::parse_from_str(date, "%Y%m%d")
            .with_context(|| format!("sentence {id}: bad date {date:?}"))?;
        let text = match (body.find("<Text>"), body.find("</Text>")) {
            (Some(s), Some(e)) if s < e => &body[s + 6..e],
            _ => continue,
        };
        let text =
            unescape(&text.split_whitespace().collect::<Vec<_>>().join(" "));
        out.push(Article::new(&id, date, &text));
    }
    Ok(out)
}

fn petrarch2_events(path: &Path) -> anyhow::Result<BTreeSet<Key>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading {}", path.display()))?;
    let mut out = BTreeSet::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 || f[4] == "NONE" {
            continue;
        }
        out.insert((f[0].into(), f[2].into(), f[3].into(), f[4].into()));
    }
    Ok(out)
}

/// casus's events on `arts`, and how many lacked a source or target
/// (left out: PETRARCH-2 runs with `require_dyad`, its default, and never
/// outputs them).
fn code_all(coder: &Coder, arts: &[Article]) -> (BTreeSet<Key>, usize) {
    let mut out = BTreeSet::new();
    let mut monadic = 0;
    for a in arts {
        for e in coder.code(a) {
            if e.source.is_none() || e.target.is_none() {
                monadic += 1;
                continue;
            }
            let code = |x: &Option<casus::events::EventActor>| {
                x.as_ref().map_or_else(String::new, |x| x.code.to_string())
            };
            out.insert((
                a.id.clone(),
                code(&e.source),
                code(&e.target),
                e.cameo.to_string(),
            ));
        }
    }
    (out, monadic)
}

/// The root of a code, ours or PETRARCH-2's (a code that is no CAMEO
/// code: its first two characters, as PETRARCH-2 reads it).
fn root(code: &str) -> String {
    match code.parse::<CameoCode>() {
        Ok(c) => c.root().to_string(),
        Err(_) => code.chars().take(2).collect(),
    }
}

/// Runs `casus-eval gigaword`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = args.common.shared.join("data/anchors/petrarch2");
    let sample = dir.join("GigaWord.sample.PETR.xml");
    let theirs = dir.join("derived/petrarch2_py27_GigaWord.sample.events.tsv");
    if !sample.is_file() || !theirs.is_file() {
        println!("gigaword: skipped: {} is absent", sample.display());
        return Ok(ExitCode::SUCCESS);
    }
    // Load times are wall-clock: what a user waits for.
    let t0 = Timer::start(Clock::Process);
    let dicts = phoenix_dictionaries(&dir)?;
    let read_s = t0.stop().wall;
    let counts = (dicts.actors.len(), dicts.agents.len(), dicts.verbs.len());
    let coder = CoderBuilder::new()
        .builtin(false)
        .dictionaries(dicts)
        .tabari(true)
        .event_dates(!args.no_dates)
        .build()?;
    let load_s = t0.stop().wall;
    let rss_load = peak_rss_mb();

    let xml = std::fs::read_to_string(&sample)
        .with_context(|| format!("reading {}", sample.display()))?;
    let arts = sentences(&xml)?;
    let (ours, monadic) = code_all(&coder, &arts);
    let theirs = petrarch2_events(&theirs)?;

    // Throughput: the sample coded `repeat` times on one thread, per
    // CPU second of that thread.
    let t1 = Timer::start(Clock::Thread);
    let mut n_events = 0usize;
    for _ in 0..args.repeat {
        for a in &arts {
            n_events += coder.code(a).len();
        }
    }
    let secs = t1.stop().cpu.max(1e-9);
    let n_sent = arts.len() * args.repeat;
    let bytes: usize =
        arts.iter().map(|a| a.text.len()).sum::<usize>() * args.repeat;
    let sps = n_sent as f64 / secs;
    let mbps = bytes as f64 / secs / 1e6;

    let mut table: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for k in ours.union(&theirs) {
        let row = table.entry(root(&k.3)).or_default();
        match (ours.contains(k), theirs.contains(k)) {
            (true, true) => row[0] += 1,
            (true, false) => row[1] += 1,
            _ => row[2] += 1,
        }
    }
    let total = table
        .values()
        .fold([0; 3], |a, r| [a[0] + r[0], a[1] + r[1], a[2] + r[2]]);
    // Looser agreement: same sentence and CAMEO root, actors aside.
    let loose = |s: &BTreeSet<Key>| -> BTreeSet<(String, String)> {
        s.iter().map(|k| (k.0.clone(), root(&k.3))).collect()
    };
    let (lo, lt) = (loose(&ours), loose(&theirs));
    let loose_both = lo.intersection(&lt).count();

    if args.common.json {
        let v = serde_json::json!({
            "sentences": arts.len(),
            "dictionary_entries": {"actors": counts.0, "agents": counts.1, "verb_patterns": counts.2},
            "read_seconds": read_s,
            "load_seconds": load_s,
            "peak_rss_mb_after_load": rss_load,
            "peak_rss_mb": peak_rss_mb(),
            "events": {"both": total[0], "only_casus": total[1], "only_petrarch2": total[2], "casus_without_dyad": monadic},
            "by_root": table,
            "sentence_root": {"both": loose_both, "casus": lo.len(), "petrarch2": lt.len()},
            "throughput": {"sentences": n_sent, "seconds": secs, "sentences_per_second": sps, "mb_per_second": mbps, "events": n_events, "event_dates": !args.no_dates},
        });
        println!("{v}");
        return Ok(ExitCode::SUCCESS);
    }
    if args.verbose {
        for k in ours.symmetric_difference(&theirs) {
            let who = if ours.contains(k) {
                "only casus"
            } else {
                "only PETRARCH-2"
            };
            println!("{who:<16} {} {} {} {}", k.0, k.1, k.2, k.3);
        }
    }
    println!(
        "{:<6} {:>6} {:>11} {:>16}",
        "root", "both", "only casus", "only PETRARCH-2"
    );
    for (r, c) in &table {
        println!("{r:<6} {:>6} {:>11} {:>16}", c[0], c[1], c[2]);
    }
    println!("{:<6} {:>6} {:>11} {:>16}", "all", total[0], total[1], total[2]);
    println!(
        "gigaword: {} sentences; events both {}, only casus {}, only PETRARCH-2 {}; \
         (sentence, root) pairs both {loose_both} of casus {} / PETRARCH-2 {}; \
         {monadic} casus events without both actors left out (require_dyad)",
        arts.len(),
        total[0],
        total[1],
        total[2],
        lo.len(),
        lt.len()
    );
    println!(
        "gigaword: dictionaries {} actor, {} agent entries, {} verb patterns; \
         read {read_s:.2} s, coder built {load_s:.2} s; peak RSS {} MB",
        counts.0,
        counts.1,
        counts.2,
        rss_load.map_or("?".into(), |m| format!("{m:.0}"))
    );
    let mode = if args.no_dates {
        "--no-dates: events dated by their sentence's date, no time stage"
    } else {
        "complete: events dated from the text"
    };
    println!(
        "gigaword: throughput {sps:.0} sentences/s ({mbps:.2} MB/s) per CPU \
         second of one thread, {n_sent} sentences in {secs:.2} s ({mode})"
    );
    Ok(ExitCode::SUCCESS)
}
