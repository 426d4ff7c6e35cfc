//! `casus bench`: throughput of ingestion, the text layer and the whole
//! coder over a corpus (Reuters-21578 SGML by default), single-threaded
//! and on `-j` threads, with peak RSS.
//!
//! The pipeline is the one `casus code` runs: one reader thread feeds
//! batches of articles to a rayon pool (reading the next batch overlaps
//! with working on the current one). Throughput is reported against both
//! the raw input bytes (SGML markup included) and the article text bytes,
//! per wall-clock second and per CPU second (user + system time of all
//! threads): the per-CPU figure is the per-core throughput, and it stays
//! meaningful on a loaded machine where wall-clock figures do not.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use casus::ingest::{Input, Inputs, Options, Record};
use casus::Article;
use rayon::prelude::*;

/// Flags of `casus bench`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The corpus: a directory (its `.sgm` files if any, else every
    /// article file) or files.
    #[arg(long, default_value = "../shared/data/corpora/reuters21578")]
    corpus: Vec<PathBuf>,
    /// What to measure: `ingest` (read only), `text` (ingest + text
    /// layer), `all` (both), `code` (ingest + the full coder).
    #[arg(long, value_enum, default_value = "all")]
    stage: Stage,
    /// Threads for the parallel figure (default: all cores).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    threads: Option<usize>,
    /// Runs per figure; each row reports the run with the least CPU time
    /// (on a shared machine the least-disturbed one).
    #[arg(long, value_name = "N", default_value_t = 1)]
    runs: usize,
}

/// A benchmark stage.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading and parsing only.
    Ingest,
    /// Ingestion + `casus::text::analyze`.
    Text,
    /// `ingest`, then `text`.
    All,
    /// Ingestion + `Coder::code` (all stages).
    Code,
}

#[derive(Default)]
struct Stats {
    secs: f64,
    cpu: f64,
    articles: usize,
    skipped: usize,
    text_bytes: usize,
    sentences: usize,
    events: usize,
}

/// Runs `casus bench`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let files = corpus_files(&args.corpus)?;
    let input_bytes: u64 = files
        .iter()
        .filter_map(|f| match f {
            Input::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            Input::Stdin => None,
        })
        .sum();
    let threads = match args.threads {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let coder = match args.stage {
        Stage::Code => Some(casus::Coder::builtin()?),
        _ => None,
    };
    // Warm-up: fills the page cache so every figure measures CPU work.
    let warm = measure(&files, Work::Ingest, 1, None)?;
    println!(
        "corpus: {} ({} files, {:.1} MB input, {} articles, {:.1} MB text, \
         {} records skipped)",
        args.corpus
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(" "),
        files.len(),
        input_bytes as f64 / 1e6,
        warm.articles,
        warm.text_bytes as f64 / 1e6,
        warm.skipped,
    );
    let mut runs: Vec<(&str, usize, Work)> = Vec::new();
    if matches!(args.stage, Stage::Ingest | Stage::All) {
        runs.push(("ingest", 1, Work::Ingest));
    }
    if matches!(args.stage, Stage::Text | Stage::All) {
        runs.push(("ingest+text", 1, Work::Text));
        if threads > 1 {
            runs.push(("ingest+text", threads, Work::Text));
        }
    }
    if args.stage == Stage::Code {
        runs.push(("ingest+code", 1, Work::Code));
        if threads > 1 {
            runs.push(("ingest+code", threads, Work::Code));
        }
    }
    println!(
        "{:<12} {:>7} {:>7} {:>7} {:>10} {:>9} {:>10} {:>11} {:>9} {:>13} {:>7}",
        "stage",
        "threads",
        "wall s",
        "cpu s",
        "MB/s in",
        "MB/s txt",
        "articles/s",
        "sentences/s",
        "MB/s/cpu",
        "sent/s/cpu",
        "events"
    );
    for (name, n, work) in runs {
        let mut s = measure(&files, work, n, coder.as_ref())?;
        for _ in 1..args.runs {
            let t = measure(&files, work, n, coder.as_ref())?;
            if t.cpu < s.cpu {
                s = t;
            }
        }
        let secs = s.secs.max(1e-9);
        let cpu = s.cpu.max(0.01);
        let mb = input_bytes as f64 / 1e6;
        println!(
            "{:<12} {:>7} {:>7.2} {:>7.2} {:>10.1} {:>9.1} {:>10.0} {:>11.0} {:>9.1} {:>13.0} {:>7}",
            name,
            n,
            s.secs,
            s.cpu,
            mb / secs,
            s.text_bytes as f64 / 1e6 / secs,
            s.articles as f64 / secs,
            s.sentences as f64 / secs,
            mb / cpu,
            s.sentences as f64 / cpu,
            s.events
        );
    }
    if let Some(kb) = peak_rss_kb() {
        println!("peak RSS: {:.1} MB (VmHWM)", kb as f64 / 1024.0);
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy)]
enum Work {
    Ingest,
    Text,
    Code,
}

/// The corpus inputs: for each directory its `.sgm` files when it has
/// any (the Reuters directory also holds category lists), else every
/// article file.
fn corpus_files(paths: &[PathBuf]) -> anyhow::Result<Vec<Input>> {
    let mut out = Vec::new();
    for path in paths {
        if !path.exists() {
            anyhow::bail!(
                "corpus {} not found (pass --corpus DIR)",
                path.display()
            );
        }
        let inputs = casus::ingest::expand(std::slice::from_ref(path))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let is_sgm = |i: &Input| match i {
            Input::File(p) => {
                casus::ingest::format_for(p)
                    == Some(casus::ingest::Format::Reuters)
            }
            Input::Stdin => false,
        };
        if path.is_dir() && inputs.iter().any(is_sgm) {
            out.extend(inputs.into_iter().filter(is_sgm));
        } else {
            out.extend(inputs);
        }
    }
    if out.is_empty() {
        anyhow::bail!("no article files in the corpus");
    }
    Ok(out)
}

fn next_batch(inputs: &mut Inputs, skipped: &mut usize) -> Vec<Article> {
    let mut out = Vec::new();
    let mut bytes = 0;
    while out.len() < crate::input::BATCH_ARTICLES
        && bytes < crate::input::BATCH_BYTES
    {
        match inputs.next() {
            Some(Record::Article { article, .. }) => {
                bytes += article.text.len();
                out.push(article);
            }
            Some(Record::Skipped(_)) => *skipped += 1,
            Some(Record::Warning(_)) => {}
            None => break,
        }
    }
    out
}

fn measure(
    files: &[Input],
    work: Work,
    threads: usize,
    coder: Option<&casus::Coder>,
) -> anyhow::Result<Stats> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("starting worker threads")?;
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let mut inputs = Inputs::from_inputs(files.to_vec(), Options::default());
    let mut stats = Stats::default();
    let mut skipped = 0;
    let mut batch = next_batch(&mut inputs, &mut skipped);
    let one = |a: &Article| -> (usize, usize) {
        match work {
            Work::Ingest => (0, 0),
            Work::Text => (casus::text::analyze(&a.text).sentences.len(), 0),
            Work::Code => (0, coder.map_or(0, |c| c.code(a).len())),
        }
    };
    while !batch.is_empty() {
        let (next, (sentences, events)) = pool.install(|| {
            rayon::join(
                || next_batch(&mut inputs, &mut skipped),
                || {
                    batch
                        .par_iter()
                        .map(one)
                        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
                },
            )
        });
        stats.articles += batch.len();
        stats.text_bytes += batch.iter().map(|a| a.text.len()).sum::<usize>();
        stats.sentences += sentences;
        stats.events += events;
        batch = next;
    }
    stats.skipped = skipped;
    stats.secs = start.elapsed().as_secs_f64();
    stats.cpu = cpu_seconds().zip(cpu_start).map_or(0.0, |(b, a)| b - a);
    Ok(stats)
}

/// User + system CPU time of this process (all threads), from
/// `/proc/self/stat` (Linux only; 100 ticks per second).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are
    // fields 14 and 15 of the whole line.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Peak resident set size of this process in kB (Linux only).
fn peak_rss_kb() -> Option<u64> {
    let status =
        std::fs::read_to_string(Path::new("/proc/self/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}
