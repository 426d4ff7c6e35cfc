//! `casus ingest`: code articles (read like `casus code` reads them)
//! and store them, one transaction per batch. Unchanged articles (same id
//! and content hash) are skipped before coding; changed ones replace their
//! old events.
//!
//! Resume equals clean: the run memory (persons an article defines,
//! resolving surnames in later ones) is rebuilt in fixed blocks of
//! `--memory-block` articles of the input, and unchanged articles still
//! teach it their persons (text and actor stages only). So an ingest
//! interrupted at any point and rerun to completion, or run with another
//! `--batch`, stores exactly the events a clean ingest stores.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use casus::actors::MemoryBlocks;
use casus::Article;
use casus_store::{BatchInfo, IngestOutcome, Store};
use rayon::prelude::*;

use crate::input::{build_coder, process, DictArgs, InputArgs, MemoryArgs};

/// Flags of `casus ingest`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    dicts: DictArgs,
    /// The store (default: $CASUS_DB or ./casus.db; created when missing).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Do not store article texts (only their hashes).
    #[arg(long)]
    no_text: bool,
    /// Articles per transaction.
    #[arg(long, default_value_t = 1000)]
    batch: usize,
    #[command(flatten)]
    memory: MemoryArgs,
    /// Refuse to replace a stored article whose content differs (it is
    /// skipped with a line naming it; exit code 2). Without it, each
    /// replacement is still reported by a line.
    #[arg(long)]
    no_replace: bool,
}

/// Hash of the dictionaries in use (built-ins when enabled, plus the
/// bytes of every dictionary file given), recorded with every batch so a
/// store says which dictionaries coded its events.
fn dict_hash(d: &DictArgs) -> anyhow::Result<String> {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    if d.builtin {
        let b = casus::dict::builtin()?;
        let mut synsets: Vec<_> = b.synsets.iter().collect();
        synsets.sort();
        parts.push(
            format!(
                "{:?}{:?}{:?}{:?}{synsets:?}",
                b.actors, b.agents, b.verbs, b.discards
            )
            .into_bytes(),
        );
    }
    for (kind, paths) in [
        ("actors", &d.actors),
        ("agents", &d.agents),
        ("verbs", &d.verbs),
        ("discards", &d.discards),
    ] {
        for p in paths {
            parts.push(kind.as_bytes().to_vec());
            parts.push(
                std::fs::read(p)
                    .with_context(|| format!("reading {}", p.display()))?,
            );
        }
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    Ok(format!("{:016x}", casus_store::fnv64(&refs)))
}

struct Ingest<'a> {
    store: Store,
    info: BatchInfo,
    coder: &'a casus::Coder,
    /// Persons learned by earlier memory blocks.
    memory: MemoryBlocks,
    pending: Vec<Article>,
    batch: usize,
    total: IngestOutcome,
    bytes: usize,
    no_replace: bool,
    /// Articles `--no-replace` refused.
    refused: usize,
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
        let mut articles = std::mem::take(&mut self.pending);
        let mut items = Vec::with_capacity(articles.len());
        let mut unchanged = 0;
        // One segment per memory block the batch touches: the articles of
        // a block are coded against the memory of the blocks before it,
        // so --batch only sets the transaction size.
        while !articles.is_empty() {
            let room = self.memory.room().min(articles.len());
            let rest = articles.split_off(room);
            let segment = std::mem::replace(&mut articles, rest);
            unchanged += self.code_segment(segment, &mut items)?;
        }
        let out = self.store.ingest(&self.info, &items)?;
        self.total.new += out.new;
        self.total.replaced += out.replaced;
        self.total.unchanged += out.unchanged + unchanged;
        self.total.events += out.events;
        Ok(())
    }

    /// Codes the articles of one memory block's segment into `items`
    /// (articles the store holds unchanged are only read for the persons
    /// they teach the memory); returns how many were unchanged.
    fn code_segment(
        &mut self,
        articles: Vec<Article>,
        items: &mut Vec<(Article, Vec<casus::events::Event>)>,
    ) -> anyhow::Result<usize> {
        // Skip coding articles the store already holds unchanged.
        let mut todo = Vec::with_capacity(articles.len());
        let mut unchanged = 0;
        for a in articles {
            let known = self.store.known_hash(&a.id)?;
            let hash = casus_store::content_hash(&a);
            match known {
                Some(k) if k == hash => {
                    unchanged += 1;
                    todo.push((a, false));
                }
                Some(_) if self.no_replace => {
                    self.refused += 1;
                    eprintln!(
                        "casus: skipped {}: the store holds a different \
                         article with this id (--no-replace)",
                        crate::output::escape(&a.id)
                    );
                    todo.push((a, false));
                }
                Some(_) => {
                    eprintln!(
                        "casus: replacing article {}: its content changed",
                        crate::output::escape(&a.id)
                    );
                    todo.push((a, true));
                }
                None => todo.push((a, true)),
            }
        }
        let coder = self.coder;
        let memory = self.memory.memory();
        let learning = self.memory.learns();
        // An article not coded still teaches the memory what a clean
        // ingest of the same input would have learned from it: a resumed
        // ingest then codes the rest exactly as a clean one does.
        let coded: Vec<_> = todo
            .into_par_iter()
            .map(|(a, code)| {
                if code {
                    let (events, learned, limits) =
                        coder.code_in_run_noted(&a, memory);
                    (a, Some((events, limits)), learned)
                } else {
                    let learned = if learning {
                        coder.learn_in_run(&a, memory)
                    } else {
                        Vec::new()
                    };
                    (a, None, learned)
                }
            })
            .collect();
        // Learned persons join the block's list in input order; the
        // memory takes them when the block ends (blocks depend on the
        // input only, not on `-j`, `--batch` or what the store holds).
        for (a, events, learned) in coded {
            self.memory.push(learned);
            if let Some((events, limits)) = events {
                crate::input::report_limits(coder, &a, &limits);
                items.push((a, events));
            }
        }
        Ok(unchanged)
    }
}

/// Runs `casus ingest`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let path = super::events::db_path(&args.db);
    let store = Store::open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    let coder = build_coder(&args.dicts)?;
    let info = BatchInfo {
        casus_version: env!("CARGO_PKG_VERSION").to_string(),
        dict_hash: dict_hash(&args.dicts)?,
        keep_text: !args.no_text,
    };
    let mut ing = Ingest {
        store,
        info,
        coder: &coder,
        memory: args.memory.blocks(),
        pending: Vec::new(),
        batch: args.batch.max(1),
        total: IngestOutcome::default(),
        bytes: 0,
        no_replace: args.no_replace,
        refused: 0,
    };
    // Reading is shared with `casus code`; coding happens per batch in
    // `flush`, after unchanged articles are dropped.
    let summary = process(&args.input, |_| (), |a, ()| ing.push(a.clone()))?;
    ing.flush()?;
    let t = ing.total;
    let secs = start.elapsed().as_secs_f64();
    let n = t.new + t.replaced + t.unchanged;
    eprintln!(
        "casus ingest: {n} articles ({} new, {} replaced, {} unchanged), \
         {} events, {:.1} s, {:.0} articles/s, {:.2} MB/s",
        t.new,
        t.replaced,
        t.unchanged,
        t.events,
        secs,
        n as f64 / secs.max(1e-9),
        ing.bytes as f64 / 1e6 / secs.max(1e-9),
    );
    if ing.refused > 0 {
        eprintln!(
            "casus ingest: {} article{} not replaced (--no-replace)",
            ing.refused,
            if ing.refused == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::from(2));
    }
    Ok(summary.exit_code())
}
