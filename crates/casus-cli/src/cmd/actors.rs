//! `casus actors`: actor mentions as JSON Lines (with inputs), or the most
//! active actors in the store (`--top N`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use std::io::Write;

use casus::actors::RunMemory;

use super::actors_top::TopArgs;
use crate::input::{process_with, InputArgs};
use crate::output::Format;

/// Flags of `casus actors`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to read; `-` for stdin.
    inputs: Vec<PathBuf>,
    /// Publication date for plain text files without a date prefix.
    #[arg(long)]
    date: Option<String>,
    /// Print no mentions; report the actor stage's throughput on stderr
    /// (use with `-j 1` for a per-core figure).
    #[arg(long)]
    bench: bool,
    /// With `--bench`: run the text layer only (the baseline to subtract
    /// from `--bench` CPU time).
    #[arg(long, requires = "bench")]
    text_only: bool,
    /// Code every article on its own: no run memory (by default persons
    /// learned in earlier batches of the run resolve later mentions).
    #[arg(long)]
    no_run_memory: bool,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    top: TopArgs,
    /// Output format (default: table on a terminal, else jsonl).
    #[arg(long, value_enum)]
    format: Option<Format>,
}

/// Runs `casus actors`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.top.top.is_some() || args.inputs.is_empty() {
        return super::actors_top::run(&args.top, args.format);
    }
    let matcher = casus::actors::ActorMatcher::builtin()?;
    let mut input = InputArgs::new(args.inputs);
    input.date = match args.date.as_deref() {
        Some(d) => Some(casus::ingest::parse_date(d).ok_or_else(|| {
            anyhow::anyhow!("invalid date {d:?} (expected YYYY-MM-DD)")
        })?),
        None => None,
    };
    input.threads = args.threads;
    let bytes = AtomicU64::new(0);
    let text_ns = AtomicU64::new(0);
    let actor_ns = AtomicU64::new(0);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut memory = RunMemory::new();
    let map = |memory: &RunMemory, article: &casus::Article| {
        let t0 = Instant::now();
        let analyzed = casus::text::analyze(&article.text);
        let t1 = Instant::now();
        let (mentions, learned) = if args.text_only {
            (Vec::new(), Vec::new())
        } else {
            matcher.find_in_run(article, &analyzed, memory)
        };
        if args.bench {
            let t2 = Instant::now();
            bytes.fetch_add(article.text.len() as u64, Ordering::Relaxed);
            text_ns.fetch_add((t1 - t0).as_nanos() as u64, Ordering::Relaxed);
            actor_ns.fetch_add((t2 - t1).as_nanos() as u64, Ordering::Relaxed);
            return (Vec::new(), learned);
        }
        let lines = mentions
            .iter()
            .map(|m| {
                serde_json::json!({
                    "article_id": article.id,
                    "start": m.span.start,
                    "end": m.span.end,
                    "text": m.span.slice(&article.text),
                    "code": m.code,
                    "country": m.country,
                    "role": m.role,
                    "name": m.name,
                    "entry": m.entry,
                })
                .to_string()
            })
            .collect::<Vec<String>>();
        (lines, learned)
    };
    let summary = process_with(&input, &mut memory, map, |memory, _, r| {
        let (lines, learned) = r;
        for line in lines {
            writeln!(out, "{line}")?;
        }
        if !args.no_run_memory {
            memory.merge(&learned);
        }
        Ok(())
    })?;
    out.flush()?;
    let code = summary.exit_code();
    if args.bench {
        let mb = bytes.load(Ordering::Relaxed) as f64 / 1e6;
        let secs = |n: &AtomicU64| n.load(Ordering::Relaxed) as f64 / 1e9;
        let (ts, as_) = (secs(&text_ns), secs(&actor_ns));
        eprintln!(
            "actors bench: {mb:.2} MB; actor stage {as_:.3} s = {:.1} MB/s; \
             text layer {ts:.3} s = {:.1} MB/s; both {:.1} MB/s (per-thread time)",
            mb / as_.max(1e-9),
            mb / ts.max(1e-9),
            mb / (ts + as_).max(1e-9)
        );
    }
    Ok(code)
}
