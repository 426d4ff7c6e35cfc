//! `casus events`: query stored events (mentions) or event clusters.
//! Also home of the store flags every query command shares.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use casus_store::query::{self, Filter};
use casus_store::Store;

use crate::output::{write_rows, Format};

/// The store location: `--db`, else `$CASUS_DB`, else `./casus.db`.
pub fn db_path(db: &Option<PathBuf>) -> PathBuf {
    db.clone()
        .or_else(|| std::env::var_os("CASUS_DB").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("casus.db"))
}

/// Opens the store read-only for a query command.
pub fn open_ro(db: &Option<PathBuf>) -> anyhow::Result<Store> {
    let path = db_path(db);
    Store::open_read_only(&path)
        .with_context(|| format!("opening {}", path.display()))
}

/// Filters shared by `casus events` and `casus export`.
#[derive(clap::Args, Debug, Clone)]
pub struct FilterArgs {
    /// The store (default: $CASUS_DB or ./casus.db).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Source actor: country (USA), actor-code prefix (USAGOV) or name.
    #[arg(long)]
    pub source: Option<String>,
    /// Target actor: country, actor-code prefix or name.
    #[arg(long)]
    pub target: Option<String>,
    /// Source and target as SRC:TGT, e.g. USA:ISR.
    #[arg(long)]
    pub dyad: Option<String>,
    /// Match the dyad (or --source/--target) in either direction.
    #[arg(long)]
    pub both: bool,
    /// Only events on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only events on or before this day (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// CAMEO root code, e.g. 11.
    #[arg(long)]
    pub root: Option<String>,
    /// CAMEO code prefix, e.g. 112.
    #[arg(long)]
    pub cameo: Option<String>,
    /// PLOVER event type, e.g. ACCUSE.
    #[arg(long)]
    pub plover: Option<String>,
    /// QuadClass 1-4.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Option<u8>,
    /// Only events whose cluster is reported by at least N outlets.
    #[arg(long)]
    pub min_sources: Option<u32>,
    /// Words that must all occur in the evidence sentence.
    #[arg(long)]
    pub text: Option<String>,
    /// At most N rows.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Include negated and non-asserted mentions and those below the
    /// default confidence (excluded by default).
    #[arg(long)]
    pub all: bool,
    /// Only mentions with at least this confidence (0-1), in place of
    /// the default threshold (casus_store::DEFAULT_MIN_CONFIDENCE, 0.3)
    /// that counted mentions need.
    #[arg(long, value_parser = crate::input::confidence)]
    pub min_confidence: Option<f32>,
}

impl FilterArgs {
    /// The library filter.
    pub fn filter(&self) -> anyhow::Result<Filter> {
        let (mut source, mut target) =
            (self.source.clone(), self.target.clone());
        if let Some(d) = &self.dyad {
            let Some((a, b)) = d.split_once(':') else {
                anyhow::bail!("--dyad {d:?}: expected SRC:TGT, e.g. USA:ISR");
            };
            source = Some(a.to_string());
            target = Some(b.to_string());
        }
        Ok(Filter {
            source,
            target,
            both: self.both,
            from: self.from.clone(),
            to: self.to.clone(),
            root: self.root.clone(),
            cameo: self.cameo.clone(),
            plover: self.plover.clone(),
            quad: self.quad,
            min_sources: self.min_sources,
            text: self.text.clone(),
            all: self.all,
            min_confidence: self.min_confidence,
            limit: self.limit,
        })
    }
}

/// `--all` and `--min-confidence` of the counting commands (`timeline`,
/// `top`, `stats`), meaning what they mean for `casus events`: without
/// them the rollups count asserted, non-negated mentions with confidence
/// >= 0.3; with them the counts come from the mentions themselves.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct CountArgs {
    /// Count every stored mention, whatever its modality, negation or
    /// confidence (with --min-confidence: every mention reaching it).
    #[arg(long)]
    pub all: bool,
    /// Count asserted, non-negated mentions with at least this
    /// confidence (0-1) in place of the default threshold
    /// (casus_store::DEFAULT_MIN_CONFIDENCE, 0.3).
    #[arg(long, value_parser = crate::input::confidence)]
    pub min_confidence: Option<f32>,
}

impl CountArgs {
    /// The library's counting choice.
    pub fn counting(&self) -> query::Counting {
        query::Counting { all: self.all, min_confidence: self.min_confidence }
    }
}

/// `filter` with its actor specs checked and normalised
/// ([`query::resolve_actor`]): a typo is an error, not an empty table.
pub fn resolve(store: &Store, mut filter: Filter) -> anyhow::Result<Filter> {
    for s in [&mut filter.source, &mut filter.target].into_iter().flatten() {
        *s = query::resolve_actor(store.conn(), s)?;
    }
    Ok(filter)
}

/// Flags of `casus events`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    filter: FilterArgs,
    /// List event clusters (de-duplicated events) instead of mentions.
    #[arg(long)]
    clusters: bool,
    /// Output format (default: table on a terminal, else jsonl).
    #[arg(long, value_enum)]
    format: Option<Format>,
}

/// Table/CSV columns of a mention.
pub const EVENT_TABLE: &[&str] = &[
    "id",
    "cluster",
    "day",
    "source",
    "target",
    "cameo",
    "action",
    "plover",
    "quad_class",
    "goldstein",
    "negated",
    "modality",
    "outlet",
    "article_id",
    "evidence",
];

/// Table/CSV columns of a cluster.
pub const CLUSTER_TABLE: &[&str] = &[
    "id",
    "day",
    "source_code",
    "target_code",
    "cameo",
    "action",
    "root",
    "quad_class",
    "goldstein",
    "num_mentions",
    "num_articles",
    "num_sources",
    "first_report",
    "last_report",
];

/// A mention as a JSON row: the full event for JSON Lines, flat columns
/// (actor codes as `source`/`target`) for tables and CSV.
pub fn event_row(
    e: &query::StoredEvent,
    format: Format,
) -> anyhow::Result<serde_json::Value> {
    let mut v = serde_json::to_value(e)?;
    if format != Format::Jsonl {
        let code = |a: &Option<casus::events::EventActor>| {
            a.as_ref().map(|a| a.code.to_string()).unwrap_or_default()
        };
        v["source"] = code(&e.event.source).into();
        v["target"] = code(&e.event.target).into();
        v["action"] = action(e.event.cameo.as_str()).into();
    }
    Ok(v)
}

/// The CAMEO name of `code` for table and CSV rows (`casus codes`).
pub fn action(code: &str) -> String {
    casus::names::cameo(code).map(|c| c.name.clone()).unwrap_or_default()
}

/// Runs `casus events`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = open_ro(&args.filter.db)?;
    let filter = resolve(&store, args.filter.filter()?)?;
    let format = Format::or_default(args.format);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == Format::Jsonl {
        // Streamed, in the types' field order (the `casus code` shape).
        let mut write =
            |line: serde_json::Result<String>| -> casus_store::Result<()> {
                let line = line
                    .map_err(|e| casus_store::Error::Invalid(e.to_string()))?;
                writeln!(out, "{line}")?;
                Ok(())
            };
        if args.clusters {
            query::for_each_cluster(store.conn(), &filter, |c| {
                write(serde_json::to_string(&c))
            })?;
        } else {
            query::for_each_event(store.conn(), &filter, |e| {
                write(serde_json::to_string(&e))
            })?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut rows = Vec::new();
    if args.clusters {
        for c in query::clusters(store.conn(), &filter)? {
            let mut v = serde_json::to_value(&c)?;
            v["action"] = action(&c.cameo).into();
            rows.push(v);
        }
    } else {
        for e in query::events(store.conn(), &filter)? {
            rows.push(event_row(&e, format)?);
        }
    }
    let columns = if args.clusters { CLUSTER_TABLE } else { EVENT_TABLE };
    write_rows(&mut out, format, Some(columns), &rows)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
