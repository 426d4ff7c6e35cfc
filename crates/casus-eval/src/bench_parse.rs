//! `casus-eval bench-parse`: the syntax stage's speed on one thread.
//!
//! Reports model load time, the text layer's and the syntax stage's CPU
//! time (getrusage: user + system) and throughput in syntactic words
//! per CPU-second, and peak RSS. The syntax stage here is everything
//! [`casus::syntax::Parser::parse`] does: syntactic words, tagging,
//! parsing, lemmas and the tree.
//!
//! For instruction counts, run it under callgrind with a small input:
//! `valgrind --tool=callgrind target/release/casus-eval bench-parse
//! --repeat 1 --limit 200`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};
use nix::sys::resource::{getrusage, UsageWho};

use crate::shared::{read_conllu, ud_file};

/// Flags of `casus-eval bench-parse`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shared data directory.
    #[arg(long, default_value = "../shared")]
    shared: PathBuf,
    /// A model file instead of the built-in model.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Corpus: wikinews (articles), ewt or pud (their `# text` lines).
    #[arg(long, default_value = "wikinews")]
    corpus: String,
    /// Passes over the corpus (the fastest pass is reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Use only the first N documents.
    #[arg(long)]
    limit: Option<usize>,
    /// Beam width of the parser's decoder (default: the model's own,
    /// 1 (greedy) for a greedily trained model).
    #[arg(long)]
    beam: Option<usize>,
    /// Drop beam states more than this far (weight units) below the
    /// best (default: the model's own setting, else no pruning).
    #[arg(long)]
    beam_margin: Option<f32>,
}

/// CPU seconds (user + system) this process has used.
fn cpu_seconds() -> anyhow::Result<f64> {
    let u = getrusage(UsageWho::RUSAGE_SELF).context("getrusage")?;
    let t = |tv: nix::sys::time::TimeVal| {
        tv.tv_sec() as f64 + tv.tv_usec() as f64 * 1e-6
    };
    Ok(t(u.user_time()) + t(u.system_time()))
}

/// Peak resident set size in MB.
fn peak_rss_mb() -> anyhow::Result<f64> {
    // Linux reports ru_maxrss in kilobytes.
    Ok(getrusage(UsageWho::RUSAGE_SELF).context("getrusage")?.max_rss() as f64
        / 1024.0)
}

fn corpus(args: &Args) -> anyhow::Result<Vec<String>> {
    let mut docs = match args.corpus.as_str() {
        "wikinews" => {
            let path =
                args.shared.join("data/corpora/wikinews/wikinews-en.jsonl");
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            let mut out = Vec::new();
            for (i, line) in text.lines().enumerate() {
                let v: serde_json::Value = serde_json::from_str(line)
                    .with_context(|| {
                        format!("{}:{}", path.display(), i + 1)
                    })?;
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    out.push(t.to_string());
                }
            }
            out
        }
        "ewt" | "pud" => {
            let (tb, split) = if args.corpus == "ewt" {
                ("en_ewt", "test")
            } else {
                ("en_pud", "test")
            };
            let sents = read_conllu(&ud_file(&args.shared, tb, split))?;
            let mut out: Vec<String> = Vec::new();
            for s in &sents {
                if s.comments.iter().any(|c| c.starts_with("# newdoc"))
                    || out.is_empty()
                {
                    out.push(String::new());
                }
                if let (Some(d), Some(t)) = (out.last_mut(), s.text()) {
                    d.push_str(t);
                    d.push(' ');
                }
            }
            out
        }
        other => bail!("unknown corpus {other:?} (wikinews, ewt, pud)"),
    };
    if let Some(n) = args.limit {
        docs.truncate(n);
    }
    Ok(docs)
}

/// Runs `casus-eval bench-parse`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bytes = match &args.model {
        Some(p) => std::fs::read(p)
            .with_context(|| format!("reading {}", p.display()))?,
        None => casus::syntax::Parser::builtin_bytes().to_vec(),
    };
    let mut load = f64::MAX;
    let mut parser = None;
    for _ in 0..5 {
        let t = Instant::now();
        let p = casus::syntax::Parser::from_bytes(&bytes)?;
        load = load.min(t.elapsed().as_secs_f64());
        parser = Some(p);
    }
    let Some(parser) = parser else { bail!("no parser") };
    let parser = crate::shared::decoding(parser, args.beam, args.beam_margin);
    println!(
        "model: {:.1} MB, load {:.1} ms (fastest of 5, wall)",
        bytes.len() as f64 / 1e6,
        load * 1e3
    );
    let docs = corpus(&args)?;
    let text_bytes: usize = docs.iter().map(String::len).sum();
    let t0 = cpu_seconds()?;
    let analyzed: Vec<_> =
        docs.iter().map(|d| casus::text::analyze(d)).collect();
    let text_cpu = cpu_seconds()? - t0;
    let sentences: usize = analyzed.iter().map(|a| a.sentences.len()).sum();
    let tokens: usize = analyzed.iter().map(|a| a.tokens.len()).sum();
    println!(
        "corpus {}: {} documents, {:.2} MB, {sentences} sentences, {tokens} casus tokens",
        args.corpus,
        docs.len(),
        text_bytes as f64 / 1e6
    );
    println!(
        "text layer: {:.3} CPU-s ({:.1} MB/CPU-s)",
        text_cpu,
        text_bytes as f64 / 1e6 / text_cpu.max(1e-9)
    );
    let mut best = f64::MAX;
    let mut words = 0;
    for _ in 0..args.repeat.max(1) {
        let t = cpu_seconds()?;
        words = 0;
        for (d, a) in docs.iter().zip(&analyzed) {
            for i in 0..a.sentences.len() {
                words += parser.parse(d, a, i).len();
            }
        }
        best = best.min(cpu_seconds()? - t);
    }
    println!(
        "syntax stage (words, tags, parse, lemmas): {words} words in {best:.3} CPU-s = {:.0} words/CPU-s, {:.0} sentences/CPU-s",
        words as f64 / best.max(1e-9),
        sentences as f64 / best.max(1e-9)
    );
    println!("peak RSS: {:.1} MB", peak_rss_mb()?);
    Ok(ExitCode::SUCCESS)
}
