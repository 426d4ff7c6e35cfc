//! `casus actors --top N`: the most active sources and targets in the
//! store (the store half of `casus actors`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::output::{write_rows, Format};

/// Store-query flags of `casus actors`.
#[derive(clap::Args, Debug, Clone)]
pub struct TopArgs {
    /// Show the N most active sources and targets in the store.
    #[arg(long)]
    pub top: Option<usize>,
    /// Only events on or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only events on or before this date (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// The store (default: $CASUS_DB or ./casus.db).
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// Runs the store query; `format` is the command's `--format`.
pub fn run(
    args: &TopArgs,
    format: Option<Format>,
) -> anyhow::Result<ExitCode> {
    let store = super::events::open_ro(&args.db)?;
    let rows = casus_store::query::top_actors(
        store.conn(),
        args.top.unwrap_or(20),
        args.from.as_deref(),
        args.to.as_deref(),
    )?;
    let json: Vec<serde_json::Value> =
        rows.iter().map(serde_json::to_value).collect::<Result<_, _>>()?;
    let cols: &[&str] = &[
        "actor",
        "clusters",
        "events",
        "source_clusters",
        "target_clusters",
        "source_events",
        "target_events",
    ];
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_rows(&mut out, Format::or_default(format), Some(cols), &json)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
