//! `casus sql`: one read-only SQL statement over the store's documented
//! tables and views (the connection is opened read-only with `PRAGMA
//! query_only`, and statements that would write are refused).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::output::{write_rows, Format};

/// Flags of `casus sql`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The statement, e.g. "SELECT root, count(*) FROM events GROUP BY root".
    query: String,
    /// The store (default: $CASUS_DB or ./casus.db).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Output format (default: table on a terminal, else jsonl).
    #[arg(long, value_enum)]
    format: Option<Format>,
}

/// Runs `casus sql`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = super::events::open_ro(&args.db)?;
    let result = casus_store::query::sql_query(store.conn(), &args.query)?;
    // Duplicate column names (SELECT a.x, b.x) get a numeric suffix so
    // every JSON object keeps every value.
    let mut names: Vec<String> = Vec::new();
    for c in &result.columns {
        let mut name = c.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{c}_{n}");
            n += 1;
        }
        names.push(name);
    }
    let rows: Vec<serde_json::Value> = result
        .rows
        .into_iter()
        .map(|r| {
            let mut m = serde_json::Map::new();
            for (k, v) in names.iter().zip(r) {
                m.insert(k.clone(), v);
            }
            serde_json::Value::Object(m)
        })
        .collect();
    let cols: Vec<&str> = names.iter().map(String::as_str).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_rows(&mut out, Format::or_default(args.format), Some(&cols), &rows)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
