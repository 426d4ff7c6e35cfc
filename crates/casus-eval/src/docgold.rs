//! `casus-eval docgold`: casus's events scored against document gold, the
//! way its users will judge them: whole articles, every event a careful
//! CAMEO coder would code, the dates, the time expressions, and the acts
//! that must *not* come out as facts (negated, denied, alleged, planned).
//!
//! One scorer serves two gold sets: the project's own TOML gold
//! (`--gold testdata/docgold`, format in `testdata/docgold/README.md`) and
//! the shared JSON gold (`--shared ../shared`, read from
//! `data/gold-articles/gold.json`). The matching rule is the shared
//! scorer's, so the figures of both sets mean the same ([`score`]).
//!
//! ```no_run
//! use casus_eval::docgold::{self, Gold};
//! let gold = Gold::load_toml("testdata/docgold".as_ref())?;
//! let (events, times) = docgold::code_with_library(&gold)?;
//! let report = docgold::score_all(&gold, &events, &times);
//! println!("F1 {:.2}", report.total.f1());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod gold;
pub mod merge;
pub mod report;
pub mod score;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub use self::gold::Gold;
pub use self::merge::{MergeGold, MergeScore};
pub use self::report::Report;
use self::score::{score_article, SysEvent, SysTimex};

/// Errors running casus or reading its output.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading the gold failed.
    #[error(transparent)]
    Gold(#[from] gold::Error),
    /// casus could not be started or failed.
    #[error("running {program}: {reason}")]
    Casus {
        /// The program.
        program: String,
        /// What went wrong.
        reason: String,
    },
    /// An output file could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS reason.
        source: std::io::Error,
    },
    /// A line of casus output is not JSON.
    #[error("{what} line {line}: {reason}")]
    Json {
        /// Which output.
        what: String,
        /// 1-based line number.
        line: usize,
        /// The parser's message.
        reason: String,
    },
    /// The library failed to load its dictionaries or the articles.
    #[error("casus library: {0}")]
    Library(String),
}

/// Flags of `casus-eval docgold`.
#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// The project's TOML gold directory (with `gold/` and `articles/`).
    #[arg(long, conflicts_with = "shared")]
    pub gold: Option<PathBuf>,
    /// The shared data directory; scores `data/gold-articles/gold.json`.
    #[arg(long)]
    pub shared: Option<PathBuf>,
    /// Score the store's clusters against a merge gold directory (with
    /// `gold.toml` and `articles/`) instead of events against document gold;
    /// `--events` then names `casus events --all --format jsonl` output.
    #[arg(long, conflicts_with_all = ["gold", "shared"])]
    pub merge: Option<PathBuf>,
    /// The casus binary to run on the gold's articles.
    #[arg(long, default_value = "target/release/casus")]
    pub casus: PathBuf,
    /// Read events from this JSON Lines file instead of running casus.
    #[arg(long)]
    pub events: Option<PathBuf>,
    /// Read time expressions (`casus times` output) from this file.
    #[arg(long, requires = "events")]
    pub times: Option<PathBuf>,
    /// Print one line per error (miss, false event, wrong date, ...).
    #[arg(long)]
    pub errors: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// No effect (casus reads roles from the tree); accepted so older
    /// documented commands keep working.
    #[arg(long, hide = true)]
    pub tree_roles: bool,
}

/// Loads the gold the flags name (`--gold`, else `--shared`, else
/// `testdata/docgold`).
///
/// # Errors
///
/// As [`Gold::load_toml`] and [`Gold::load_shared`].
pub fn load_gold(args: &Args) -> Result<Gold, Error> {
    Ok(match (&args.gold, &args.shared) {
        (Some(dir), _) => Gold::load_toml(dir)?,
        (None, Some(shared)) => Gold::load_shared(shared)?,
        (None, None) => Gold::load_toml(Path::new("testdata/docgold"))?,
    })
}

/// Runs `casus-eval docgold` and returns the report.
///
/// # Errors
///
/// Bad gold, a casus run that fails, or unreadable output files.
pub fn run(args: &Args) -> Result<Report, Error> {
    let gold = load_gold(args)?;
    let (events, times) = match &args.events {
        Some(path) => {
            let events = parse_lines("events", &read(path)?)?;
            let times = match &args.times {
                Some(t) => parse_lines("times", &read(t)?)?,
                None => Vec::new(),
            };
            (events, times)
        }
        None => run_casus(&args.casus, &gold)?,
    };
    Ok(score_all(&gold, &events, &times))
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path)
        .map_err(|source| Error::Io { path: path.to_path_buf(), source })
}

/// Parses JSON Lines (blank lines skipped).
///
/// # Errors
///
/// [`Error::Json`] naming the first bad line.
pub fn parse_lines(
    what: &str,
    text: &str,
) -> Result<Vec<serde_json::Value>, Error> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| Error::Json {
                what: what.into(),
                line: i + 1,
                reason: e.to_string(),
            })
        })
        .collect()
}

/// Runs `casus-eval docgold --merge`: pairwise merge precision and recall.
///
/// # Errors
///
/// Bad merge gold, a casus run that fails, or an unreadable events file.
pub fn run_merge(args: &Args, dir: &Path) -> Result<MergeScore, Error> {
    let gold = MergeGold::load(dir)?;
    let events = match &args.events {
        Some(path) => parse_lines("events", &read(path)?)?,
        None => ingest_and_list(&args.casus, &gold.article_paths())?,
    };
    Ok(merge::score_merges(&gold, &events))
}

/// Ingests `paths` into a fresh temporary store with `casus ingest` and
/// lists every stored event with its cluster.
fn ingest_and_list(
    casus: &Path,
    paths: &[PathBuf],
) -> Result<Vec<serde_json::Value>, Error> {
    let dir = std::env::temp_dir()
        .join(format!("casus-eval-merge-{}", std::process::id()));
    let fail = |reason: String| Error::Casus {
        program: casus.display().to_string(),
        reason,
    };
    std::fs::create_dir_all(&dir).map_err(|e| fail(e.to_string()))?;
    let db = dir.join("merge.db");
    let run = |args: &[&std::ffi::OsStr]| -> Result<String, Error> {
        let out = Command::new(casus)
            .args(args)
            .output()
            .map_err(|e| fail(e.to_string()))?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            return Err(fail(format!("{}: {}", out.status, err.trim())));
        }
        String::from_utf8(out.stdout).map_err(|e| fail(e.to_string()))
    };
    let mut ingest: Vec<&std::ffi::OsStr> =
        vec!["ingest".as_ref(), "-q".as_ref(), "--db".as_ref(), db.as_ref()];
    ingest.extend(paths.iter().map(|p| p.as_os_str()));
    let listed = run(&ingest).and_then(|_| {
        run(&[
            "events".as_ref(),
            "--db".as_ref(),
            db.as_ref(),
            "--all".as_ref(),
            "--format".as_ref(),
            "jsonl".as_ref(),
        ])
    });
    let _ = std::fs::remove_dir_all(&dir);
    parse_lines("casus events", &listed?)
}

/// Runs `casus code` and `casus times` on the gold's articles.
///
/// # Errors
///
/// [`Error::Casus`] when the program cannot start or fails.
pub fn run_casus(
    casus: &Path,
    gold: &Gold,
) -> Result<(Vec<serde_json::Value>, Vec<serde_json::Value>), Error> {
    let paths = gold.article_paths();
    let run = |sub: &[&str]| -> Result<String, Error> {
        let fail = |reason: String| Error::Casus {
            program: casus.display().to_string(),
            reason,
        };
        let out = Command::new(casus)
            .args(sub)
            .args(&paths)
            .output()
            .map_err(|e| fail(e.to_string()))?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            return Err(fail(format!("{}: {}", out.status, err.trim())));
        }
        String::from_utf8(out.stdout).map_err(|e| fail(e.to_string()))
    };
    let code = ["code", "-q", "--format", "jsonl"];
    let events = parse_lines("casus code", &run(&code)?)?;
    let times = parse_lines("casus times", &run(&["times", "-q"])?)?;
    Ok((events, times))
}

/// Codes the gold's articles with the casus library in this process, as
/// `casus code` and `casus times` do for a run of fewer than 512 articles
/// (one batch: no person learned from one article resolves another).
///
/// # Errors
///
/// [`Error::Library`] when dictionaries or articles cannot be read.
pub fn code_with_library(
    gold: &Gold,
) -> Result<(Vec<serde_json::Value>, Vec<serde_json::Value>), Error> {
    use casus::ingest::{Inputs, Options, Record};
    let lib = |e: &dyn std::fmt::Display| Error::Library(e.to_string());
    let coder = casus::Coder::builtin().map_err(|e| lib(&e))?;
    // `casus times` uses a default tagger, not the coder's.
    let tagger = casus::time::TimeTagger::new();
    let memory = casus::actors::RunMemory::new();
    let inputs = Inputs::new(&gold.article_paths(), Options::default())
        .map_err(|e| lib(&e))?;
    let (mut events, mut times) = (Vec::new(), Vec::new());
    for record in inputs {
        let article = match record {
            Record::Article { article, .. } => article,
            Record::Warning(_) => continue,
            Record::Skipped(p) => return Err(lib(&p)),
        };
        for e in coder.code_in_run(&article, &memory).0 {
            events.push(serde_json::to_value(&e).map_err(|e| lib(&e))?);
        }
        let analyzed = casus::text::analyze(&article.text);
        for t in tagger.find(article.date, &article.text, &analyzed) {
            times.push(serde_json::json!({
                "article_id": article.id,
                "text": t.span.slice(&article.text),
                "value": t.value,
            }));
        }
    }
    Ok((events, times))
}

/// Scores every gold article against the events and time expressions
/// (casus JSON) of all articles.
pub fn score_all(
    gold: &Gold,
    events: &[serde_json::Value],
    times: &[serde_json::Value],
) -> Report {
    let mut by_article: BTreeMap<String, Vec<SysEvent>> = BTreeMap::new();
    for e in events.iter().filter_map(SysEvent::from_json) {
        by_article.entry(e.article.clone()).or_default().push(e);
    }
    let mut times_by: BTreeMap<String, Vec<SysTimex>> = BTreeMap::new();
    for t in times.iter().filter_map(SysTimex::from_json) {
        times_by.entry(t.article.clone()).or_default().push(t);
    }
    let articles = gold
        .articles
        .iter()
        .map(|a| {
            let ev = by_article.get(&a.id).map_or(&[][..], Vec::as_slice);
            let tx = times_by.get(&a.id).map_or(&[][..], Vec::as_slice);
            score_article(a, ev, tx)
        })
        .collect();
    Report::new(articles)
}
