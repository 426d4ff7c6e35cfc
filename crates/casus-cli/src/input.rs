//! Shared input handling for every command that reads articles: paths,
//! directories and stdin -> articles (via [`casus::ingest::Inputs`]),
//! mapped in parallel in bounded batches and handed to a sink in input
//! order, with per-record problems reported on stderr and counted.
//!
//! Why batches: the reader runs on one thread (formats are sequential),
//! `map` runs on all cores, and output order must not depend on thread
//! timing. Reading batch k+1 overlaps with mapping batch k; batches are
//! the library's ([`casus::ingest::Inputs::next_batch`]), so memory is
//! bounded by the largest article.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use casus::actors::MemoryBlocks;
use casus::ingest::{Inputs, Options, Problem, Record};
use casus::Article;
use rayon::prelude::*;

/// Flags shared by every command that reads articles.
#[derive(clap::Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or directories to read (recursively); `-` for stdin. Seed
    /// text (` date YYYY-MM-DD text`), JSON Lines, CSV/TSV, Reuters SGML,
    /// plain text with --date; any of them gzipped.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Publication date for plain text files without a date prefix.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<casus::Date>,
    /// Treat any skipped record as a fatal error (exit 1).
    #[arg(long)]
    pub strict: bool,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar, and no summary when nothing went wrong.
    #[arg(short, long)]
    pub quiet: bool,
    /// Skip (with one line naming it) any article, JSON line, CSV record
    /// or seed file larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = casus::ingest::Options::MAX_ARTICLE_BYTES)]
    pub max_article_bytes: usize,
    /// Skip any gzip file that decompresses to more than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = casus::ingest::Options::MAX_DECOMPRESSED_BYTES)]
    pub max_decompressed_bytes: u64,
    /// Print every skipped record and warning (by default one summary
    /// line counts them by reason).
    #[arg(short, long)]
    pub verbose: bool,
    /// Write every skipped record and warning to FILE, one per line.
    #[arg(long, value_name = "FILE")]
    pub skipped: Option<PathBuf>,
}

/// Most worker threads `-j` starts, as a multiple of the cores: more
/// only adds memory (a batch in flight per thread) and contention.
pub const MAX_THREADS_PER_CORE: usize = 4;

/// The thread count for `-j N`: 0 (all cores) when absent, else at most
/// [`MAX_THREADS_PER_CORE`] times the cores, with a line when capped.
pub fn threads(requested: Option<usize>) -> usize {
    let Some(n) = requested else { return 0 };
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let cap = cores * MAX_THREADS_PER_CORE;
    if n > cap {
        eprintln!(
            "casus: -j {n} capped at {cap} ({MAX_THREADS_PER_CORE} x {cores} cores)"
        );
        return cap;
    }
    n
}

impl InputArgs {
    /// Arguments reading `inputs` with every option at its default (for
    /// commands whose inputs are optional and so cannot flatten this).
    #[allow(dead_code)]
    pub fn new(inputs: Vec<PathBuf>) -> InputArgs {
        InputArgs { inputs, ..InputArgs::default() }
    }
}

impl Default for InputArgs {
    fn default() -> InputArgs {
        InputArgs {
            inputs: Vec::new(),
            date: None,
            strict: false,
            threads: None,
            quiet: false,
            max_article_bytes: casus::ingest::Options::MAX_ARTICLE_BYTES,
            max_decompressed_bytes:
                casus::ingest::Options::MAX_DECOMPRESSED_BYTES,
            verbose: false,
            skipped: None,
        }
    }
}

fn parse_date(s: &str) -> Result<casus::Date, String> {
    casus::ingest::parse_date(s)
        .ok_or_else(|| format!("invalid date {s:?} (expected YYYY-MM-DD)"))
}

/// What a run read: counts of articles, skipped records and warnings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles read and handed to the sink.
    pub read: usize,
    /// Records skipped.
    pub skipped: usize,
    /// Warnings (the articles were still read).
    pub warnings: usize,
    /// Skipped records by reason.
    pub skip_reasons: BTreeMap<&'static str, usize>,
    /// Warnings by reason.
    pub warn_reasons: BTreeMap<&'static str, usize>,
}

impl Summary {
    /// 0 when every record was read, 2 when some were skipped.
    pub fn exit_code(&self) -> ExitCode {
        if self.skipped > 0 {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        }
    }

    /// The one-line summary, e.g. `read 3 articles, skipped 1 (1 empty
    /// file)`.
    pub fn line(&self) -> String {
        let reasons = |m: &BTreeMap<&str, usize>| {
            m.iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut s = format!(
            "read {} article{}, skipped {}",
            self.read,
            if self.read == 1 { "" } else { "s" },
            self.skipped
        );
        if self.skipped > 0 {
            s.push_str(&format!(" ({})", reasons(&self.skip_reasons)));
        }
        if self.warnings > 0 {
            s.push_str(&format!(
                ", {} warning{} ({})",
                self.warnings,
                if self.warnings == 1 { "" } else { "s" },
                reasons(&self.warn_reasons)
            ));
        }
        s
    }
}

/// Problem lines printed before the rest are only counted.
const SHOWN_PROBLEMS: usize = 10;

/// Where per-record problems go: the first [`SHOWN_PROBLEMS`] to stderr
/// (all of them with `-v`), every one to `--skipped FILE`, and the rest
/// only into the summary's counts by reason (a corpus with thousands of
/// bad records should not bury the output).
struct Problems {
    verbose: bool,
    shown: usize,
    hidden: usize,
    file: Option<(PathBuf, std::io::BufWriter<std::fs::File>)>,
}

impl Problems {
    fn new(args: &InputArgs) -> anyhow::Result<Problems> {
        let file = match &args.skipped {
            Some(p) => {
                let f = std::fs::File::create(p)
                    .with_context(|| format!("creating {}", p.display()))?;
                Some((p.clone(), std::io::BufWriter::new(f)))
            }
            None => None,
        };
        Ok(Problems { verbose: args.verbose, shown: 0, hidden: 0, file })
    }

    /// Reports one problem line (`skipped PATH:LINE: reason`).
    fn report(
        &mut self,
        progress: &mut Progress,
        line: &str,
    ) -> anyhow::Result<()> {
        if self.verbose || self.shown < SHOWN_PROBLEMS {
            self.shown += 1;
            progress.message(&format!("casus: {line}"));
        } else {
            self.hidden += 1;
        }
        if let Some((path, f)) = &mut self.file {
            writeln!(f, "{line}")
                .with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(())
    }

    /// Flushes the file; the hint for the summary line when problems
    /// were only counted.
    fn finish(&mut self) -> anyhow::Result<String> {
        if let Some((path, f)) = &mut self.file {
            f.flush()
                .with_context(|| format!("writing {}", path.display()))?;
            if self.shown + self.hidden > 0 {
                return Ok(format!("; all listed in {}", path.display()));
            }
        }
        Ok(if self.hidden > 0 {
            format!(
                "; {} more not shown (-v or --skipped FILE lists them)",
                self.hidden
            )
        } else {
            String::new()
        })
    }
}

/// Reads every article named by `args`, runs `map` on them in parallel and
/// calls `sink` with each article and its result in input order (so the
/// output is the same whatever the thread count). Bad records are
/// reported on stderr and counted; a summary line ends the run.
///
/// # Errors
///
/// Fatal errors only: an unreadable path, a failing `sink`, or any
/// skipped record with `--strict`.
pub fn process<T: Send>(
    args: &InputArgs,
    map: impl Fn(&Article) -> T + Sync,
    mut sink: impl FnMut(&Article, T) -> anyhow::Result<()>,
) -> anyhow::Result<Summary> {
    process_with(args, &mut (), |_, a| map(a), |_, a, t| sink(a, t))
}

/// Run-memory flags of the commands that code articles (`code`, `ingest`,
/// `actors`): the same flags give the same events in each.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct MemoryArgs {
    /// Resolve names from each article alone, not from persons that
    /// earlier articles of the run defined.
    #[arg(long)]
    pub no_run_memory: bool,
    /// Articles per run-memory block: an article's names resolve against
    /// the persons the articles of earlier blocks defined (counted in
    /// input order), so the output is the same whatever the command,
    /// --batch, -j or an interrupted earlier run.
    #[arg(long, value_name = "N", default_value_t = MemoryBlocks::DEFAULT_BLOCK)]
    pub memory_block: usize,
}

impl MemoryArgs {
    /// The run memory these flags ask for.
    pub fn blocks(&self) -> MemoryBlocks {
        if self.no_run_memory {
            MemoryBlocks::off()
        } else {
            MemoryBlocks::new(self.memory_block)
        }
    }
}

/// State a run carries from article to article in input order.
pub trait RunState: Sync {
    /// How many more articles may be mapped against the state as it is
    /// now (the sink may change it after that many).
    fn room(&self) -> usize {
        usize::MAX
    }
}

impl RunState for () {}

impl RunState for MemoryBlocks {
    fn room(&self) -> usize {
        MemoryBlocks::room(self)
    }
}

/// [`process`] with a run state: `map` sees the state as it was after
/// the sink took every earlier article of the state's earlier segments
/// ([`RunState::room`]), and `sink` (in input order) updates it. Segments
/// depend on the input and the state only, never on the thread count or
/// the reader's batches, so the output is the same for any `-j`. Used for
/// the actors' run memory ([`casus::actors::MemoryBlocks`]).
///
/// # Errors
///
/// As [`process`].
pub fn process_with<S: RunState, T: Send>(
    args: &InputArgs,
    state: &mut S,
    map: impl Fn(&S, &Article) -> T + Sync,
    mut sink: impl FnMut(&mut S, &Article, T) -> anyhow::Result<()>,
) -> anyhow::Result<Summary> {
    let opts = Options {
        date: args.date,
        max_article_bytes: args.max_article_bytes,
        max_decompressed_bytes: args.max_decompressed_bytes,
    };
    // The library error already names the path and the OS reason; keep it
    // one line (anyhow's `{:#}` would repeat the source).
    let mut inputs =
        Inputs::new(&args.inputs, opts).map_err(|e| anyhow::anyhow!("{e}"))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads(args.threads))
        .build()
        .context("starting worker threads")?;
    let mut progress =
        Progress::new(args.quiet, inputs.total_bytes(), inputs.bytes_read());
    let mut summary = Summary::default();
    let mut problems = Problems::new(args)?;
    let mut batch = inputs.next_batch();
    while !batch.is_empty() {
        let mut articles = Vec::with_capacity(batch.len());
        for record in batch {
            match record {
                Record::Article { article, .. } => articles.push(article),
                Record::Warning(p) => {
                    summary.warnings += 1;
                    *summary
                        .warn_reasons
                        .entry(p.kind.label())
                        .or_default() += 1;
                    problems
                        .report(&mut progress, &format!("warning: {p}"))?;
                }
                Record::Skipped(p) => {
                    if args.strict {
                        progress.finish();
                        return Err(strict_error(&p));
                    }
                    summary.skipped += 1;
                    *summary
                        .skip_reasons
                        .entry(p.kind.label())
                        .or_default() += 1;
                    problems.report(&mut progress, &format!("skipped {p}"))?;
                }
            }
        }
        // Segments end where the state may change (a run-memory block):
        // an article is mapped against the state all earlier segments
        // left, whatever the reader's batches.
        let mut next = None;
        let mut done = 0;
        while done < articles.len() {
            let end = done + state.room().min(articles.len() - done);
            let segment = &articles[done..end];
            let frozen: &S = state;
            let mapped = |s: &[Article]| -> Vec<T> {
                s.par_iter().map(|a| map(frozen, a)).collect()
            };
            let results = pool.install(|| match next {
                Some(_) => mapped(segment),
                None => {
                    let (n, r) = rayon::join(
                        || inputs.next_batch(),
                        || mapped(segment),
                    );
                    next = Some(n);
                    r
                }
            });
            for (article, result) in segment.iter().zip(results) {
                summary.read += 1;
                sink(state, article, result)?;
            }
            done = end;
        }
        progress.tick(summary.read);
        batch = next.unwrap_or_else(|| inputs.next_batch());
    }
    progress.finish();
    let hint = problems.finish()?;
    if !args.quiet || summary.skipped > 0 || summary.warnings > 0 {
        eprintln!("casus: {}{hint}", summary.line());
    }
    Ok(summary)
}

fn strict_error(p: &Problem) -> anyhow::Error {
    anyhow::anyhow!("{p} (--strict)")
}

/// Reads every article named by `args` and calls `f` on each (in
/// parallel), printing the lines `f` returns to stdout in input order.
/// Returns the exit code of the run ([`Summary::exit_code`]).
pub fn each_article<F>(args: &InputArgs, f: F) -> anyhow::Result<ExitCode>
where
    F: Fn(&Article) -> Vec<String> + Sync,
{
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let summary = process(args, f, |_, lines| {
        for line in lines {
            writeln!(out, "{line}")?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(summary.exit_code())
}

/// Dictionary flags shared by `casus code` and `casus ingest`.
#[derive(clap::Args, Debug, Clone)]
pub struct DictArgs {
    /// A TABARI/PETRARCH actor dictionary to add (repeatable).
    #[arg(long = "actors", value_name = "FILE")]
    pub actors: Vec<PathBuf>,
    /// A TABARI/PETRARCH agent dictionary to add (repeatable).
    #[arg(long = "agents", value_name = "FILE")]
    pub agents: Vec<PathBuf>,
    /// A TABARI/PETRARCH verb dictionary to add (repeatable).
    #[arg(long = "verbs", value_name = "FILE")]
    pub verbs: Vec<PathBuf>,
    /// A TABARI/PETRARCH discard list to add (repeatable).
    #[arg(long = "discards", value_name = "FILE")]
    pub discards: Vec<PathBuf>,
    /// Whether to use the built-in dictionaries as well.
    #[arg(
        long,
        value_name = "BOOL",
        default_value_t = true,
        action = clap::ArgAction::Set
    )]
    pub builtin: bool,
    /// Cut sentences longer than this many tokens into pieces (bounds
    /// the work per sentence on lists and hostile input).
    #[arg(long, value_name = "N", default_value_t = casus::text::MAX_SENTENCE_TOKENS)]
    pub max_sentence_tokens: usize,
    /// Bind at most this many actors of one coordination ("A, B and C");
    /// later ones yield no events (bounds events per act on long lists).
    #[arg(long, value_name = "N", default_value_t = casus::events::MAX_COORDINATED_ACTORS)]
    pub max_coordinated_actors: usize,
    /// Find at most this many time expressions per sentence; the rest of
    /// the sentence is not searched (bounds work on date floods).
    #[arg(long, value_name = "N", default_value_t = casus::time::MAX_SENTENCE_TIMES)]
    pub max_sentence_times: usize,
    /// Code as TABARI/PETRARCH do (for their dictionaries): actors after
    /// "in"/"at" may be targets, and no names carry over between articles.
    #[arg(long)]
    pub tabari: bool,
    /// No effect: who did what to whom is always read from the
    /// dependency tree (the word-window rules answer only where the tree
    /// names no source or target, or a sentence has no parse). Accepted
    /// so the commands in docs/eval that pass it keep working; the old
    /// `--window-roles` path was removed in session 28
    /// (docs/eval/syntax.md).
    #[arg(long, hide = true)]
    pub tree_roles: bool,
}

impl Default for DictArgs {
    fn default() -> DictArgs {
        DictArgs {
            actors: Vec::new(),
            agents: Vec::new(),
            verbs: Vec::new(),
            discards: Vec::new(),
            builtin: true,
            max_sentence_tokens: casus::text::MAX_SENTENCE_TOKENS,
            max_coordinated_actors: casus::events::MAX_COORDINATED_ACTORS,
            max_sentence_times: casus::time::MAX_SENTENCE_TIMES,
            tabari: false,
            tree_roles: false,
        }
    }
}

/// One line on stderr for an article that reached a per-sentence limit
/// (its events are still coded, from the truncated sentences).
pub fn report_limits(
    coder: &casus::Coder,
    article: &Article,
    limits: &casus::Limits,
) {
    if !limits.is_empty() {
        eprintln!(
            "casus: warning: {}: {}",
            crate::output::escape(&article.id),
            limits.describe(coder).join("; ")
        );
    }
}

/// Builds the [`casus::Coder`] the dictionary flags describe.
///
/// # Errors
///
/// When a dictionary file cannot be read or has bad lines (all listed).
pub fn build_coder(d: &DictArgs) -> anyhow::Result<casus::Coder> {
    use casus::dict::tabari;
    type Reader =
        fn(&std::path::Path) -> casus::Result<casus::dict::Dictionaries>;
    let mut builder = casus::CoderBuilder::new();
    builder.builtin(d.builtin);
    builder.tabari(d.tabari);
    builder.max_sentence_tokens(d.max_sentence_tokens);
    builder.max_coordinated_actors(d.max_coordinated_actors);
    builder.max_sentence_times(d.max_sentence_times);
    let kinds: [(&str, &[PathBuf], Reader); 4] = [
        ("actor", &d.actors, tabari::read_actors),
        ("agent", &d.agents, tabari::read_agents),
        ("verb", &d.verbs, tabari::read_verbs),
        ("discard", &d.discards, tabari::read_discards),
    ];
    for (kind, paths, read) in kinds {
        for path in paths {
            let dicts = read(path).with_context(|| {
                format!("reading {kind} dictionary {}", path.display())
            })?;
            builder.dictionaries(dicts);
        }
    }
    builder.build().context("building the coder")
}

/// A progress line on stderr for long runs on a terminal.
struct Progress {
    enabled: bool,
    start: Instant,
    last: Instant,
    shown: bool,
    total: Option<u64>,
    bytes: Arc<AtomicU64>,
}

impl Progress {
    fn new(
        quiet: bool,
        total: Option<u64>,
        bytes: Arc<AtomicU64>,
    ) -> Progress {
        let now = Instant::now();
        Progress {
            enabled: !quiet && std::io::stderr().is_terminal(),
            start: now,
            last: now,
            shown: false,
            total,
            bytes,
        }
    }

    fn tick(&mut self, articles: usize) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        let elapsed = now - self.start;
        if elapsed < Duration::from_secs(2)
            || now - self.last < Duration::from_millis(250)
        {
            return;
        }
        self.last = now;
        let secs = elapsed.as_secs_f64();
        let bytes = self.bytes.load(Ordering::Relaxed);
        let mb = bytes as f64 / 1e6;
        let mut line = format!(
            "{articles} articles  {:.0} articles/s  {:.1} MB/s",
            articles as f64 / secs,
            mb / secs
        );
        if let Some(total) = self.total.filter(|&t| t > 0) {
            let done = (bytes as f64 / total as f64).min(1.0);
            let eta =
                if done > 0.0 { secs * (1.0 - done) / done } else { 0.0 };
            let width = 24;
            let filled = (done * width as f64) as usize;
            line.push_str(&format!(
                "  [{}{}] {:.0}%  ETA {:.0}s",
                "#".repeat(filled),
                " ".repeat(width - filled),
                done * 100.0,
                eta
            ));
        }
        eprint!("\r\x1b[2K{line}");
        self.shown = true;
    }

    fn message(&mut self, msg: &str) {
        if self.shown {
            eprint!("\r\x1b[2K");
        }
        // File names and ids come from the input: no raw control
        // characters reach the terminal.
        eprintln!("{}", crate::output::escape(msg));
    }

    fn finish(&mut self) {
        if self.shown {
            eprint!("\r\x1b[2K");
            self.shown = false;
        }
    }
}

/// Parses a confidence threshold: a number in [0, 1].
///
/// # Errors
///
/// A one-line reason for anything else.
pub fn confidence(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("{s:?} is not a confidence between 0 and 1")),
    }
}
