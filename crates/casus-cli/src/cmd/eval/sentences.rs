//! Sentence boundary P/R/F1 on CoNLL-2003 (eng.testb by default), and a
//! text-layer throughput bench over Reuters-21578 bodies (`--bench`).
//!
//! CoNLL-2003 has one token per line, blank lines between sentences and
//! `-DOCSTART-` lines between documents. Each document's tokens are joined
//! with single spaces into one text; a predicted sentence end is correct
//! when it equals a gold sentence end offset.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

/// Flags of `casus eval sentences`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: super::Common,
    /// Which CoNLL-2003 file to score (eng.testb = test, eng.testa = dev).
    #[arg(long, default_value = "eng.testb")]
    split: String,
    /// Instead of scoring, time the text layer on one core over the
    /// Reuters-21578 bodies and print MB/s.
    #[arg(long)]
    bench: bool,
    /// Also print every missed and every spurious boundary (with context)
    /// to stderr, for error analysis.
    #[arg(long)]
    errors: bool,
}

/// Boundary counts and scores.
#[derive(Debug, Default, Clone, Copy)]
struct Score {
    docs: usize,
    gold: usize,
    predicted: usize,
    correct: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Runs `casus eval sentences`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.bench {
        return bench(&args.common);
    }
    let path = args.common.shared.join("data/ner/conll2003").join(&args.split);
    if !path.is_file() {
        eprintln!("skipping: {} is absent", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let data = std::fs::read(&path)
        .with_context(|| format!("reading {}", path.display()))?;
    let data = String::from_utf8_lossy(&data);
    let mut score = Score::default();
    for (text, gold) in documents(&data) {
        let analyzed = casus::text::analyze(&text);
        let predicted: Vec<usize> =
            analyzed.sentences.iter().map(|s| s.span.end as usize).collect();
        score.docs += 1;
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
    if args.common.json {
        let v = serde_json::json!({
            "task": "sentences",
            "data": format!("conll2003/{}", args.split),
            "docs": score.docs,
            "gold": score.gold,
            "predicted": score.predicted,
            "correct": score.correct,
            "precision": round4(score.precision()),
            "recall": round4(score.recall()),
            "f1": round4(score.f1()),
        });
        println!("{v}");
    } else {
        println!(
            "sentence boundaries, conll2003/{} ({} docs)",
            args.split, score.docs
        );
        println!(
            "gold {}  predicted {}  correct {}",
            score.gold, score.predicted, score.correct
        );
        println!(
            "P {:.2}  R {:.2}  F1 {:.2}",
            100.0 * score.precision(),
            100.0 * score.recall(),
            100.0 * score.f1()
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

/// Times `casus::text::analyze` over every Reuters-21578 body.
fn bench(common: &super::Common) -> anyhow::Result<ExitCode> {
    let dir = common.shared.join("data/corpora/reuters21578");
    if !dir.is_dir() {
        eprintln!("skipping: {} is absent", dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    let bodies = reuters_bodies(&dir)?;
    let bytes: usize = bodies.iter().map(String::len).sum();
    // Best of 3 by CPU time of this thread (the machine may be shared,
    // so wall time would measure the neighbours); wall time if the OS does
    // not say.
    let mut best = f64::INFINITY;
    let mut wall = f64::INFINITY;
    let (mut sentences, mut tokens) = (0, 0);
    for _ in 0..3 {
        let t = Instant::now();
        let cpu = thread_cpu_ns();
        sentences = 0;
        tokens = 0;
        for b in &bodies {
            let a = casus::text::analyze(b);
            sentences += a.sentences.len();
            tokens += a.tokens.len();
        }
        let w = t.elapsed().as_secs_f64();
        wall = wall.min(w);
        best = best.min(match (cpu, thread_cpu_ns()) {
            (Some(a), Some(b)) if b > a => (b - a) as f64 / 1e9,
            _ => w,
        });
    }
    let mb = bytes as f64 / 1e6;
    if common.json {
        let v = serde_json::json!({
            "task": "text-bench",
            "articles": bodies.len(),
            "bytes": bytes,
            "sentences": sentences,
            "tokens": tokens,
            "cpu_seconds": best,
            "wall_seconds": wall,
            "mb_per_s": mb / best,
            "sentences_per_s": sentences as f64 / best,
        });
        println!("{v}");
    } else {
        println!(
            "{} articles, {:.1} MB, {} sentences, {} tokens in {:.3} s CPU \
             ({:.3} s wall; best of 3, one thread)",
            bodies.len(),
            mb,
            sentences,
            tokens,
            best,
            wall
        );
        println!(
            "{:.1} MB/s  {:.0} sentences/s  {:.0} tokens/s",
            mb / best,
            sentences as f64 / best,
            tokens as f64 / best
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Nanoseconds this thread has run on a CPU (Linux `schedstat`).
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// The article texts of every `reut2-*.sgm` in `dir`, read with the
/// ingest stage's own Reuters reader.
fn reuters_bodies(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let file = std::fs::File::open(&f)
            .with_context(|| format!("reading {}", f.display()))?;
        let name = f.display().to_string();
        let reader = casus::ingest::reuters::Reader::new(
            &name,
            std::io::BufReader::new(file),
        );
        out.extend(reader.filter_map(|d| d.ok()).map(|d| d.article.text));
    }
    Ok(out)
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
