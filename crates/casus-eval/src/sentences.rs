//! Sentence boundary P/R/F1 on CoNLL-2003 (eng.testb by default); the
//! text layer's throughput is `casus-eval bench --stage analyze`.
//!
//! CoNLL-2003 has one token per line, blank lines between sentences and
//! `-DOCSTART-` lines between documents. Each document's tokens are joined
//! with single spaces into one text; a predicted sentence end is correct
//! when it equals a gold sentence end offset.

use std::process::ExitCode;

use anyhow::Context;

use crate::score::Counts;

/// Flags of `casus-eval sentences`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: crate::common::Common,
    /// Which CoNLL-2003 file to score (eng.testb = test, eng.testa = dev).
    #[arg(long, default_value = "eng.testb")]
    split: String,
    /// Also print every missed and every spurious boundary (with context)
    /// to stderr, for error analysis.
    #[arg(long)]
    errors: bool,
}

/// Runs `casus-eval sentences`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let path = args.common.shared.join("data/ner/conll2003").join(&args.split);
    if !path.is_file() {
        eprintln!("skipping: {} is absent", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let data = std::fs::read(&path)
        .with_context(|| format!("reading {}", path.display()))?;
    let data = String::from_utf8_lossy(&data);
    let mut score = Counts::default();
    let mut docs = 0;
    let lexicon = casus::text::Lexicon::builtin();
    for (text, gold) in documents(&data) {
        let analyzed = casus::text::analyze_with(&text, &lexicon);
        let predicted: Vec<usize> =
            analyzed.sentences.iter().map(|s| s.span.end as usize).collect();
        docs += 1;
        score.gold += gold.len();
        score.predicted += predicted.len();
        // Both lists are sorted: merge.
        let (mut i, mut j) = (0, 0);
        let show = |tag: &str, at: usize| {
            if args.errors {
                let lo =
                    text.floor_char_boundary_compat(at.saturating_sub(50));
                let hi =
                    text.floor_char_boundary_compat((at + 40).min(text.len()));
                eprintln!("{tag} {} || {}", &text[lo..at], &text[at..hi]);
            }
        };
        while i < gold.len() || j < predicted.len() {
            let (g, p) = (gold.get(i), predicted.get(j));
            let ord = match (g, p) {
                (Some(g), Some(p)) => g.cmp(p),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            match ord {
                std::cmp::Ordering::Less => {
                    show("MISS", gold[i]);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    show("SPURIOUS", predicted[j]);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    score.correct += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
    }
    let prf = score.prf();
    if args.common.json {
        let v = serde_json::json!({
            "task": "sentences",
            "data": format!("conll2003/{}", args.split),
            "docs": docs,
            "gold": score.gold,
            "predicted": score.predicted,
            "correct": score.correct,
            "precision": round4(prf.precision),
            "recall": round4(prf.recall),
            "f1": round4(prf.f1),
        });
        println!("{v}");
    } else {
        println!(
            "sentence boundaries, conll2003/{} ({docs} docs)",
            args.split
        );
        println!(
            "gold {}  predicted {}  correct {}",
            score.gold, score.predicted, score.correct
        );
        println!(
            "P {:.2}  R {:.2}  F1 {:.2}",
            100.0 * prf.precision,
            100.0 * prf.recall,
            100.0 * prf.f1
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `floor_char_boundary` for stable Rust.
trait FloorBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorBoundary for String {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        while i > 0 && !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// Each document's space-joined text and its gold sentence end offsets.
fn documents(data: &str) -> Vec<(String, Vec<usize>)> {
    let mut docs = Vec::new();
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut in_sentence = false;
    let flush_sentence = |text: &String, gold: &mut Vec<usize>| {
        if gold.last() != Some(&text.len()) && !text.is_empty() {
            gold.push(text.len());
        }
    };
    for line in data.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            flush_sentence(&text, &mut gold);
            if !text.is_empty() {
                docs.push((
                    std::mem::take(&mut text),
                    std::mem::take(&mut gold),
                ));
            }
            in_sentence = false;
            continue;
        }
        if line.is_empty() {
            if in_sentence {
                flush_sentence(&text, &mut gold);
            }
            in_sentence = false;
            continue;
        }
        let word = line.split(' ').next().unwrap_or("");
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
        in_sentence = true;
    }
    flush_sentence(&text, &mut gold);
    if !text.is_empty() {
        docs.push((text, gold));
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_documents() {
        let data = "-DOCSTART- -X- O O\n\nA x O\nb x O\n. x O\n\nC x O\n\n\
                    -DOCSTART- -X- O O\n\nD x O\n";
        let docs = documents(data);
        assert_eq!(
            docs,
            [("A b . C".to_string(), vec![5, 7]), ("D".to_string(), vec![1])]
        );
    }
}
