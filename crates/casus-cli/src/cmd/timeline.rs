//! `casus timeline`: dyad timelines from the store, as rows or an SVG
//! chart.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use casus_store::query::{self, Bucket};

use crate::output::{write_rows, Format};

/// Bucket size flag.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// Calendar days.
    Day,
    /// ISO weeks (labelled by their Monday).
    Week,
    /// Calendar months.
    Month,
}

/// Flags of `casus timeline`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Source actor: country (USA), actor-code prefix or name.
    source: String,
    /// Target actor: country, actor-code prefix or name.
    target: String,
    /// Bucket size.
    #[arg(long, value_enum, default_value = "week")]
    by: By,
    /// Count both directions (source -> target and target -> source).
    #[arg(long)]
    both: bool,
    /// Only events on or after this day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Only events on or before this day (YYYY-MM-DD).
    #[arg(long)]
    to: Option<String>,
    /// Also render the series as an SVG chart to this file.
    #[arg(long)]
    plot: Option<PathBuf>,
    /// The store (default: $CASUS_DB or ./casus.db).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Output format (default: table on a terminal, else jsonl).
    #[arg(long, value_enum)]
    format: Option<Format>,
}

/// Runs `casus timeline`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = super::events::open_ro(&args.db)?;
    if let Some(path) = &args.plot {
        store.guard_output(path)?;
    }
    let by = match args.by {
        By::Day => Bucket::Day,
        By::Week => Bucket::Week,
        By::Month => Bucket::Month,
    };
    let rows = query::timeline(
        store.conn(),
        &args.source,
        &args.target,
        by,
        args.both,
        args.from.as_deref(),
        args.to.as_deref(),
    )?;
    if let Some(path) = &args.plot {
        let arrow = if args.both { "<->" } else { "->" };
        let by = format!("{:?}", args.by).to_lowercase();
        let title = format!(
            "{} {arrow} {}: events per {by} by QuadClass",
            args.source, args.target
        );
        let svg = casus_store::plot::svg(&rows, &title, "counted events");
        std::fs::write(path, svg)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let json: Vec<serde_json::Value> =
        rows.iter().map(serde_json::to_value).collect::<Result<_, _>>()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let cols: &[&str] = &[
        "bucket",
        "events",
        "clusters",
        "verbal_coop",
        "material_coop",
        "verbal_conflict",
        "material_conflict",
        "goldstein_sum",
        "goldstein_mean",
        "sources",
    ];
    write_rows(&mut out, Format::or_default(args.format), Some(cols), &json)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
