//! `casus-eval bench`: throughput over a corpus (Reuters-21578 SGML by
//! default), of the pipeline or of one stage alone.
//!
//! Pipeline stages (`ingest`, `text`, `all`, `code`) run as `casus code`
//! does: one reader thread feeds the ingest stage's batches to a rayon
//! pool (reading the next batch overlaps with working on the current
//! one), on 1 and on `-j` threads. Throughput is reported against the
//! raw input bytes (SGML markup included) and the article text bytes,
//! per wall-clock second and per CPU second (user + system time of all
//! threads): the per-CPU figure is the per-core throughput, and it stays
//! meaningful on a loaded machine where wall-clock figures do not.
//!
//! Single stages (`analyze`, `actors`, `times`, `places`) run one stage
//! alone on one thread over the corpus's article texts, everything the
//! stage needs (the articles, their text layer) prepared beforehand, and
//! report MB of text per CPU second of that thread. Every figure is the
//! run with the least CPU time of `--runs`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use casus::actors::{LearnedPerson, MemoryBlocks, RunMemory};
use casus::ingest::Input;
use casus::text::{Analyzed, Lexicon};
use casus::Article;
use rayon::prelude::*;

use crate::corpus::{self, Batches};
use crate::timer::{best_of, peak_rss_mb, Clock, Timing};

/// Flags of `casus-eval bench`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The corpus: a directory (its `.sgm` files if any, else every
    /// article file) or files.
    #[arg(long, default_value = "../shared/data/corpora/reuters21578")]
    corpus: Vec<PathBuf>,
    /// What to measure (see the module documentation).
    #[arg(long, value_enum, default_value = "all")]
    stage: Stage,
    /// Threads for the parallel pipeline figure (default: all cores).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    threads: Option<usize>,
    /// Runs per figure; each row reports the run with the least CPU time
    /// (on a shared machine the least-disturbed one).
    #[arg(long, value_name = "N", default_value_t = 1)]
    runs: usize,
}

/// What a benchmark measures.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Pipeline: reading and parsing only.
    Ingest,
    /// Pipeline: ingestion + the text layer.
    Text,
    /// Pipeline: `ingest`, then `text`.
    All,
    /// Pipeline: ingestion + `Coder::code_in_run` (all stages; run memory
    /// in blocks of the input, as `casus code` and `casus ingest`).
    Code,
    /// One stage: the text layer alone.
    Analyze,
    /// One stage: the actor stage alone (text layer beforehand).
    Actors,
    /// One stage: the time stage alone (text layer beforehand).
    Times,
    /// One stage: the place stage alone (text layer beforehand).
    Places,
}

/// What one pipeline run did.
#[derive(Default)]
struct Stats {
    took: Timing,
    articles: usize,
    skipped: usize,
    text_bytes: usize,
    sentences: usize,
    events: usize,
}

/// Runs `casus-eval bench`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let files = corpus::files(&args.corpus)?;
    match args.stage {
        Stage::Analyze | Stage::Actors | Stage::Times | Stage::Places => {
            alone(&args, &files)?
        }
        _ => pipeline(&args, &files)?,
    }
    if let Some(mb) = peak_rss_mb() {
        println!("peak RSS: {mb:.1} MB (VmHWM)");
    }
    Ok(ExitCode::SUCCESS)
}

/// The pipeline figures: one row per (work, thread count).
fn pipeline(args: &Args, files: &[Input]) -> anyhow::Result<()> {
    let input_bytes = corpus::input_bytes(files);
    let threads = match args.threads {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let coder = match args.stage {
        Stage::Code => Some(casus::Coder::builtin()?),
        _ => None,
    };
    // Warm-up: fills the page cache so every figure measures CPU work.
    let warm = measure(files, Work::Ingest, 1, None)?;
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
        let mut s = measure(files, work, n, coder.as_ref())?;
        for _ in 1..args.runs {
            let t = measure(files, work, n, coder.as_ref())?;
            if t.took.cpu < s.took.cpu {
                s = t;
            }
        }
        let secs = s.took.wall.max(1e-9);
        let cpu = s.took.cpu.max(0.01);
        let mb = input_bytes as f64 / 1e6;
        println!(
            "{:<12} {:>7} {:>7.2} {:>7.2} {:>10.1} {:>9.1} {:>10.0} {:>11.0} {:>9.1} {:>13.0} {:>7}",
            name,
            n,
            s.took.wall,
            s.took.cpu,
            mb / secs,
            s.text_bytes as f64 / 1e6 / secs,
            s.articles as f64 / secs,
            s.sentences as f64 / secs,
            mb / cpu,
            s.sentences as f64 / cpu,
            s.events
        );
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Work {
    Ingest,
    Text,
    Code,
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
    let lexicon = Lexicon::builtin();
    let timer = crate::timer::Timer::start(Clock::Process);
    let mut batches = Batches::new(files);
    let mut stats = Stats::default();
    let mut batch = batches.next_articles();
    // `--stage code` codes as `casus code` does (run memory in blocks of
    // the input), so its event count is the command's.
    let mut run = MemoryBlocks::new(MemoryBlocks::DEFAULT_BLOCK);
    let one = |a: &Article, memory: &RunMemory| -> Coded {
        match work {
            Work::Ingest => (0, 0, Vec::new()),
            Work::Text => (
                casus::text::analyze_with(&a.text, &lexicon).sentences.len(),
                0,
                Vec::new(),
            ),
            Work::Code => coder.map_or((0, 0, Vec::new()), |c| {
                let (events, learned) = c.code_in_run(a, memory);
                (0, events.len(), learned)
            }),
        }
    };
    while !batch.is_empty() {
        let (next, (sentences, events)) = pool.install(|| {
            rayon::join(
                || batches.next_articles(),
                || in_blocks(&batch, &mut run, one),
            )
        });
        stats.articles += batch.len();
        stats.text_bytes += batch.iter().map(|a| a.text.len()).sum::<usize>();
        stats.sentences += sentences;
        stats.events += events;
        batch = next;
    }
    stats.skipped = batches.skipped();
    stats.took = timer.stop();
    Ok(stats)
}

/// Sentences, events and persons learned by one article.
type Coded = (usize, usize, Vec<LearnedPerson>);

/// Maps `batch` in parallel one memory block's segment at a time, the
/// persons learned joining `run` in input order; sums sentences and
/// events.
fn in_blocks(
    batch: &[Article],
    run: &mut MemoryBlocks,
    one: impl Fn(&Article, &RunMemory) -> Coded + Sync,
) -> (usize, usize) {
    let (mut sentences, mut events, mut done) = (0, 0, 0);
    while done < batch.len() {
        let end = done + run.room().min(batch.len() - done);
        let memory = run.memory();
        let coded: Vec<Coded> =
            batch[done..end].par_iter().map(|a| one(a, memory)).collect();
        for (s, e, learned) in coded {
            sentences += s;
            events += e;
            run.push(learned);
        }
        done = end;
    }
    (sentences, events)
}

/// One stage alone on this thread: its figure, best of `--runs`.
fn alone(args: &Args, files: &[Input]) -> anyhow::Result<()> {
    let (articles, skipped) = corpus::articles(files);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let lexicon = Lexicon::builtin();
    let analyze = || -> Vec<Analyzed> {
        articles
            .iter()
            .map(|a| casus::text::analyze_with(&a.text, &lexicon))
            .collect()
    };
    let (what, found, took) = match args.stage {
        Stage::Analyze => {
            let (n, took) = best_of(args.runs, Clock::Thread, || {
                analyze().iter().map(|a| a.sentences.len()).sum::<usize>()
            });
            ("sentences", n, took)
        }
        Stage::Actors => {
            let analyzed = analyze();
            let m = casus::actors::ActorMatcher::builtin()?;
            // The places stage's output is the actor stage's input (the
            // story's country, attached places): found outside the clock.
            let pm = casus::places::PlaceMatcher::builtin()?;
            let places: Vec<_> = articles
                .iter()
                .zip(&analyzed)
                .map(|(a, t)| pm.find(&a.text, t))
                .collect();
            let (n, took) = best_of(args.runs, Clock::Thread, || {
                let found = articles.iter().zip(&analyzed).zip(&places);
                found
                    .map(|((a, t), p)| {
                        let cx =
                            casus::actors::Context { parses: None, places: p };
                        m.find(a, t, &cx).len()
                    })
                    .sum::<usize>()
            });
            ("actor mentions", n, took)
        }
        Stage::Times => {
            let analyzed = analyze();
            let tagger = casus::time::TimeTagger::new();
            let (n, took) = best_of(args.runs, Clock::Thread, || {
                let found = articles.iter().zip(&analyzed);
                found
                    .map(|(a, t)| tagger.find(a.date, &a.text, t).len())
                    .sum::<usize>()
            });
            ("time expressions", n, took)
        }
        _ => {
            let analyzed = analyze();
            let m = casus::places::PlaceMatcher::builtin()?;
            let (n, took) = best_of(args.runs, Clock::Thread, || {
                let found = articles.iter().zip(&analyzed);
                found.map(|(a, t)| m.find(&a.text, t).len()).sum::<usize>()
            });
            ("place mentions", n, took)
        }
    };
    let mb = bytes as f64 / 1e6;
    println!(
        "{:?} alone: {} articles ({skipped} records skipped), {mb:.1} MB \
         text, {found} {what}; best of {}: {:.3} s CPU = {:.1} MB/s per \
         CPU second of one thread ({:.3} s wall)",
        args.stage,
        articles.len(),
        args.runs.max(1),
        took.cpu,
        mb / took.cpu.max(1e-9),
        took.wall
    );
    Ok(())
}
