//! `casus stats`: store summary (articles, events, clusters, date range,
//! per-root counts).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::output::{write_rows, Format};

/// Flags of `casus stats`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    count: super::events::CountArgs,
    /// The store (default: $CASUS_DB or ./casus.db).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Output format (default: table on a terminal, else jsonl).
    #[arg(long, value_enum)]
    format: Option<Format>,
}

/// Runs `casus stats`. JSON Lines: one object with everything; table and
/// CSV: `key,value` rows, then one `root:NN` row per CAMEO root.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = super::events::open_ro(&args.db)?;
    let stats = casus_store::query::stats_counted(
        store.conn(),
        args.count.counting(),
    )?;
    let format = Format::or_default(args.format);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == Format::Jsonl {
        writeln!(out, "{}", serde_json::to_string(&stats)?)?;
    } else {
        let mut rows = Vec::new();
        let v = serde_json::to_value(&stats)?;
        if let serde_json::Value::Object(m) = &v {
            for key in [
                "schema_version",
                "articles",
                "events",
                "events_stored",
                "clusters",
                "batches",
                "first_day",
                "last_day",
                "first_published",
                "last_published",
            ] {
                let value =
                    m.get(key).map(crate::output::cell).unwrap_or_default();
                rows.push(serde_json::json!({"key": key, "value": value}));
            }
        }
        for r in &stats.roots {
            rows.push(serde_json::json!({
                "key": format!("root:{}", r.root),
                "value": format!("{} events, {} clusters", r.events, r.clusters),
            }));
        }
        write_rows(&mut out, format, Some(&["key", "value"]), &rows)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
