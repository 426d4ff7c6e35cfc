//! `casus ingest`: code articles and store them, one transaction per
//! batch. Unchanged articles (same id and content hash) are skipped
//! before coding; changed ones replace their old events.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use casus::Article;
use casus_store::{BatchInfo, IngestOutcome, Store};
use rayon::prelude::*;

/// Flags of `casus ingest`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to read (`.jsonl` = one article per line;
    /// other files: `date YYYY-MM-DD` then the text); `-` for stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The store (default: $CASUS_DB or ./casus.db; created when missing).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Do not store article texts (only their hashes).
    #[arg(long)]
    no_text: bool,
    /// Articles per transaction.
    #[arg(long, default_value_t = 1000)]
    batch: usize,
}

/// Hash of the built-in dictionaries, recorded with every batch so a
/// store says which dictionaries coded its events.
fn dict_hash() -> anyhow::Result<String> {
    let d = casus::dict::builtin()?;
    let mut synsets: Vec<_> = d.synsets.iter().collect();
    synsets.sort();
    let parts = [
        format!("{:?}", d.actors),
        format!("{:?}", d.agents),
        format!("{:?}", d.verbs),
        format!("{:?}", d.discards),
        format!("{synsets:?}"),
    ];
    let bytes: Vec<&[u8]> = parts.iter().map(|p| p.as_bytes()).collect();
    Ok(format!("{:016x}", casus_store::fnv64(&bytes)))
}

struct Ingest<'a> {
    store: Store,
    info: BatchInfo,
    coder: &'a casus::Coder,
    pending: Vec<Article>,
    batch: usize,
    total: IngestOutcome,
    bytes: usize,
}

impl Ingest<'_> {
    fn push(&mut self, a: Article) -> anyhow::Result<()> {
        self.bytes += a.text.len();
        self.pending.push(a);
        if self.pending.len() >= self.batch {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let articles = std::mem::take(&mut self.pending);
        // Skip coding articles the store already holds unchanged.
        let mut todo = Vec::with_capacity(articles.len());
        let mut unchanged = 0;
        for a in articles {
            let known = self.store.known_hash(&a.id)?;
            if known.as_deref() == Some(casus_store::content_hash(&a).as_str())
            {
                unchanged += 1;
            } else {
                todo.push(a);
            }
        }
        let coder = self.coder;
        let items: Vec<(Article, Vec<casus::events::Event>)> = todo
            .into_par_iter()
            .map(|a| {
                let events = coder.code(&a);
                (a, events)
            })
            .collect();
        let out = self.store.ingest(&self.info, &items)?;
        self.total.new += out.new;
        self.total.replaced += out.replaced;
        self.total.unchanged += out.unchanged + unchanged;
        self.total.events += out.events;
        Ok(())
    }
}

fn collect(path: &PathBuf, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .with_context(|| format!("reading {}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            collect(&e, out)?;
        }
    } else {
        out.push(path.clone());
    }
    Ok(())
}

/// Reads one input file (temporary reader until the shared input layer
/// lands): JSON Lines of articles, or a `date YYYY-MM-DD` text file.
fn read_file(
    path: &PathBuf,
    bad: &mut usize,
    mut f: impl FnMut(Article) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use std::io::BufRead;
    let name = path.display().to_string();
    let jsonl = path.extension().is_some_and(|e| e == "jsonl") || name == "-";
    if jsonl {
        let reader: Box<dyn BufRead> = if name == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            Box::new(std::io::BufReader::new(
                std::fs::File::open(path)
                    .with_context(|| format!("opening {name}"))?,
            ))
        };
        for (i, line) in reader.lines().enumerate() {
            let line = line.with_context(|| format!("reading {name}"))?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Article>(&line) {
                Ok(a) => f(a)?,
                Err(e) => {
                    eprintln!("casus: {name}:{}: bad article: {e}", i + 1);
                    *bad += 1;
                }
            }
        }
        return Ok(());
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading {name}"))?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let body = text.trim_start();
    let parsed = body.strip_prefix("date ").and_then(|rest| {
        let d = rest.get(..10)?.parse().ok()?;
        Some(Article::new(&id, d, rest[10..].trim_start()))
    });
    match parsed {
        Some(a) => f(a),
        None => {
            eprintln!("casus: {name}:1: bad article: expected `date YYYY-MM-DD` then the text");
            *bad += 1;
            Ok(())
        }
    }
}

/// Runs `casus ingest`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let path = super::events::db_path(&args.db);
    let store = Store::open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    let coder = casus::Coder::builtin()?;
    let info = BatchInfo {
        casus_version: env!("CARGO_PKG_VERSION").to_string(),
        dict_hash: dict_hash()?,
        keep_text: !args.no_text,
    };
    let mut ing = Ingest {
        store,
        info,
        coder: &coder,
        pending: Vec::new(),
        batch: args.batch.max(1),
        total: IngestOutcome::default(),
        bytes: 0,
    };
    let mut bad = 0usize;
    for input in &args.inputs {
        let mut files = Vec::new();
        if input.as_os_str() == "-" {
            files.push(input.clone());
        } else {
            collect(input, &mut files)?;
        }
        for file in &files {
            read_file(file, &mut bad, |a| ing.push(a))?;
        }
    }
    ing.flush()?;
    let t = ing.total;
    let secs = start.elapsed().as_secs_f64();
    let n = t.new + t.replaced + t.unchanged;
    eprintln!(
        "casus ingest: {n} articles ({} new, {} replaced, {} unchanged, {bad} bad), \
         {} events, {:.1} s, {:.0} articles/s, {:.2} MB/s",
        t.new,
        t.replaced,
        t.unchanged,
        t.events,
        secs,
        n as f64 / secs.max(1e-9),
        ing.bytes as f64 / 1e6 / secs.max(1e-9),
    );
    Ok(if bad > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
