//! `casus top`: the most active sources and targets in the store.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::output::{write_rows, Format};

/// Flags of `casus top`.
#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// Show the N most active sources and targets.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub top: usize,
    /// Only events on or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only events on or before this date (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    #[command(flatten)]
    pub count: super::events::CountArgs,
    /// The store (default: $CASUS_DB or ./casus.db).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Output format (default: table on a terminal, else jsonl).
    #[arg(long, value_enum)]
    format: Option<Format>,
}

/// Runs `casus top`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = super::events::open_ro(&args.db)?;
    let rows = casus_store::query::top_actors_counted(
        store.conn(),
        args.top,
        args.from.as_deref(),
        args.to.as_deref(),
        args.count.counting(),
    )?;
    let mut json: Vec<serde_json::Value> =
        rows.iter().map(serde_json::to_value).collect::<Result<_, _>>()?;
    for v in &mut json {
        // The actor's name beside its code (`casus codes CODE`).
        let name = v["actor"]
            .as_str()
            .and_then(casus::names::actor)
            .map(|a| a.name)
            .unwrap_or_default();
        v["name"] = name.into();
    }
    let cols: &[&str] = &[
        "actor",
        "name",
        "clusters",
        "events",
        "source_clusters",
        "target_clusters",
        "source_events",
        "target_events",
    ];
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_rows(&mut out, Format::or_default(args.format), Some(cols), &json)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
