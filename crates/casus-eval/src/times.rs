//! TempEval-3 platinum: strict, relaxed and value F1.
//!
//! The same method as `shared/tools/te3_score.py`: each `.tml` document's
//! TEXT element is flattened to plain text, its TIMEX3 elements (the DCT
//! excluded) are the gold; spans are trimmed of whitespace; gold and
//! system expressions are matched one-to-one greedily (for each gold, the
//! unused system expression with the largest overlap); strict = identical
//! span, relaxed = any overlap; value accuracy = exact value over relaxed
//! matches; value F1 = relaxed F1 x value accuracy.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::score::Counts;

/// Flags of `casus-eval times`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: crate::common::Common,
    /// Print every gold expression whose value was missed.
    #[arg(long)]
    misses: bool,
    /// Print every system expression that matched no gold.
    #[arg(long)]
    extras: bool,
    /// Also write the system's expressions as JSON Lines (the `casus
    /// times` fields) to this file, for `te3_score.py score`.
    #[arg(long, value_name = "FILE")]
    dump: Option<PathBuf>,
    /// Print relaxed matches whose spans differ from the gold.
    #[arg(long)]
    spans: bool,
}

/// One gold document.
#[derive(Debug)]
pub struct Doc {
    /// File name.
    pub id: String,
    /// The DCT.
    pub date: String,
    /// The flattened TEXT element.
    pub text: String,
    /// Gold (start, end, value), byte offsets.
    pub timexes: Vec<(usize, usize, String)>,
}

/// Reads one `.tml` file.
pub fn read_tml(path: &Path) -> anyhow::Result<Doc> {
    let xml = std::fs::read_to_string(path)
        .with_context(|| format!("reading {}", path.display()))?;
    let mut reader = Reader::from_str(&xml);
    let mut in_text = false;
    let mut in_dct = false;
    let mut date = String::new();
    let mut text = String::new();
    let mut open: Option<(usize, String)> = None;
    let mut timexes = Vec::new();
    loop {
        let ev = reader.read_event().with_context(|| {
            format!("{}: byte {}", path.display(), reader.buffer_position())
        })?;
        match ev {
            Event::Start(e) => match e.name().as_ref() {
                b"TEXT" => in_text = true,
                b"DCT" => in_dct = true,
                b"TIMEX3" => {
                    let mut value = String::new();
                    for a in e.attributes().flatten() {
                        if a.key.as_ref() == b"value" {
                            value = a.unescape_value()?.into_owned();
                        }
                    }
                    if in_dct {
                        date = value.chars().take(10).collect();
                    } else if in_text {
                        open = Some((text.len(), value));
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                b"TEXT" => in_text = false,
                b"DCT" => in_dct = false,
                b"TIMEX3" if in_text => {
                    if let Some((s, v)) = open.take() {
                        timexes.push((s, text.len(), v));
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => text.push_str(&t.unescape()?),
            Event::CData(t) if in_text => {
                text.push_str(&String::from_utf8_lossy(&t.into_inner()))
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let id = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    anyhow::ensure!(!date.is_empty(), "{}: no DCT", path.display());
    Ok(Doc { id, date, text, timexes })
}

fn trim(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e {
        match text[s..].chars().next() {
            Some(c) if c.is_whitespace() => s += c.len_utf8(),
            _ => break,
        }
    }
    while e > s {
        match text[..e].chars().next_back() {
            Some(c) if c.is_whitespace() => e -= c.len_utf8(),
            _ => break,
        }
    }
    (s, e)
}

type Spans = [(usize, usize, String)];

fn matching(gold: &Spans, sys: &Spans, strict: bool) -> Vec<(usize, usize)> {
    let mut used = vec![false; sys.len()];
    let mut pairs = Vec::new();
    for (gi, (gs, ge, _)) in gold.iter().enumerate() {
        let mut best: Option<(usize, usize)> = None;
        for (si, (ss, se, _)) in sys.iter().enumerate() {
            if used[si] {
                continue;
            }
            let ok =
                if strict { (ss, se) == (gs, ge) } else { ss < ge && gs < se };
            if ok {
                let ov = (*ge).min(*se) - (*gs).max(*ss);
                if best.map_or(true, |b| ov > b.0) {
                    best = Some((ov, si));
                }
            }
        }
        if let Some((_, si)) = best {
            used[si] = true;
            pairs.push((gi, si));
        }
    }
    pairs
}

/// Scores: counts and derived figures.
#[derive(Debug, Default, serde::Serialize)]
pub struct Scores {
    docs: usize,
    gold: usize,
    system: usize,
    strict_p: f64,
    strict_r: f64,
    strict_f1: f64,
    relaxed_p: f64,
    relaxed_r: f64,
    relaxed_f1: f64,
    value_accuracy: f64,
    value_f1: f64,
}

fn prf(tp: usize, sys: usize, gold: usize) -> (f64, f64, f64) {
    let s = Counts { correct: tp, predicted: sys, gold }.prf();
    (s.precision, s.recall, s.f1)
}

/// The platinum directory under `shared`.
pub fn platinum_dir(shared: &Path) -> PathBuf {
    shared.join("data/timex/tempeval3-platinum/te3-platinum")
}

/// Runs `casus-eval times`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = platinum_dir(&args.common.shared);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    let tagger = casus::time::TimeTagger::new();
    let lexicon = casus::text::Lexicon::builtin();
    let mut sc = Scores::default();
    let mut dump = match &args.dump {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p)
                .with_context(|| format!("creating {}", p.display()))?,
        )),
        None => None,
    };
    let (mut tp_s, mut tp_r, mut val_ok) = (0, 0, 0);
    for f in &files {
        let doc = read_tml(f)?;
        let dct: casus::Date = doc
            .date
            .parse()
            .with_context(|| format!("{}: bad DCT {}", doc.id, doc.date))?;
        let analyzed = casus::text::analyze_with(&doc.text, &lexicon);
        let found = tagger.find(dct, &doc.text, &analyzed);
        if let Some(w) = dump.as_mut() {
            use std::io::Write;
            for t in &found {
                let j = serde_json::json!({
                    "article_id": doc.id, "start": t.span.start, "end": t.span.end,
                    "text": t.span.slice(&doc.text), "type": t.kind, "value": t.value,
                });
                writeln!(w, "{j}")?;
            }
        }
        let sys: Vec<(usize, usize, String)> = found
            .into_iter()
            .map(|t| {
                let (s, e) = trim(
                    &doc.text,
                    t.span.start as usize,
                    t.span.end as usize,
                );
                (s, e, t.value)
            })
            .collect();
        let gold: Vec<(usize, usize, String)> = doc
            .timexes
            .iter()
            .map(|(s, e, v)| {
                let (s, e) = trim(&doc.text, *s, *e);
                (s, e, v.clone())
            })
            .collect();
        sc.docs += 1;
        sc.gold += gold.len();
        sc.system += sys.len();
        tp_s += matching(&gold, &sys, true).len();
        let pairs = matching(&gold, &sys, false);
        tp_r += pairs.len();
        for (gi, (gs, ge, gv)) in gold.iter().enumerate() {
            let got = pairs.iter().find(|p| p.0 == gi).map(|p| &sys[p.1]);
            match got {
                Some((_, _, v)) if v == gv => val_ok += 1,
                _ if args.misses => {
                    let got = got
                        .map_or("nothing".to_string(), |(s, e, v)| {
                            format!("{v} on {:?}", &doc.text[*s..*e])
                        });
                    println!(
                        "miss {}: {:?} gold {gv} got {got}",
                        doc.id,
                        &doc.text[*gs..*ge]
                    );
                }
                _ => {}
            }
        }
        if args.spans {
            for &(gi, si) in &pairs {
                let (gs, ge, _) = &gold[gi];
                let (ss, se, _) = &sys[si];
                if (gs, ge) != (ss, se) {
                    println!(
                        "span {}: gold {:?} got {:?}",
                        doc.id,
                        &doc.text[*gs..*ge],
                        &doc.text[*ss..*se]
                    );
                }
            }
        }
        if args.extras {
            for (si, (s, e, v)) in sys.iter().enumerate() {
                if !pairs.iter().any(|p| p.1 == si) {
                    println!("extra {}: {:?} {v}", doc.id, &doc.text[*s..*e]);
                }
            }
        }
    }
    (sc.strict_p, sc.strict_r, sc.strict_f1) = prf(tp_s, sc.system, sc.gold);
    (sc.relaxed_p, sc.relaxed_r, sc.relaxed_f1) =
        prf(tp_r, sc.system, sc.gold);
    sc.value_accuracy =
        if tp_r > 0 { val_ok as f64 / tp_r as f64 } else { 0.0 };
    sc.value_f1 = sc.relaxed_f1 * sc.value_accuracy;
    let pct = |x: f64| (x * 1000.0).round() / 10.0;
    if args.common.json {
        let j = serde_json::json!({
            "docs": sc.docs, "gold": sc.gold, "system": sc.system,
            "strict_p": pct(sc.strict_p), "strict_r": pct(sc.strict_r), "strict_f1": pct(sc.strict_f1),
            "relaxed_p": pct(sc.relaxed_p), "relaxed_r": pct(sc.relaxed_r), "relaxed_f1": pct(sc.relaxed_f1),
            "value_accuracy": pct(sc.value_accuracy), "value_f1": pct(sc.value_f1),
        });
        println!("{j}");
    } else {
        println!("docs {} gold {} system {}", sc.docs, sc.gold, sc.system);
        println!(
            "strict P {:.1} R {:.1} F1 {:.1} | relaxed P {:.1} R {:.1} F1 {:.1} | value accuracy {:.1} | value F1 {:.1}",
            100.0 * sc.strict_p, 100.0 * sc.strict_r, 100.0 * sc.strict_f1,
            100.0 * sc.relaxed_p, 100.0 * sc.relaxed_r, 100.0 * sc.relaxed_f1,
            100.0 * sc.value_accuracy, 100.0 * sc.value_f1
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greedy_matching() {
        let s = |a: usize, b: usize| (a, b, String::new());
        let gold = vec![s(0, 10), s(20, 25)];
        let sys = vec![s(0, 4), s(2, 10), s(20, 25)];
        assert_eq!(matching(&gold, &sys, false), vec![(0, 1), (1, 2)]);
        assert_eq!(matching(&gold, &sys, true), vec![(1, 2)]);
        assert_eq!(trim(" ab ", 0, 4), (1, 3));
    }
}
