//! `casus export`: stored events as JSON Lines, CSV, Parquet or GDELT 2.0
//! event-table rows, with the filters of `casus events`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use casus_store::export::{self, Cell, EVENT_COLUMNS, GDELT_COLUMNS};
use casus_store::query;

use super::events::{open_ro, FilterArgs};
use crate::output::one_line;

/// Export format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON object per mention (or cluster with --clusters).
    Jsonl,
    /// Flat mention columns (or cluster columns with --clusters).
    Csv,
    /// Flat mention columns as Parquet (needs -o).
    Parquet,
    /// GDELT 2.0 event table: 61 tab-separated columns, one row per cluster.
    Gdelt,
}

/// Flags of `casus export`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: ExportFormat,
    /// Output file (default or `-`: stdout; required for parquet).
    #[arg(short = 'o', long)]
    output: Option<PathBuf>,
    /// Export clusters instead of mentions (jsonl, csv; gdelt always does).
    #[arg(long)]
    clusters: bool,
}

fn sink(path: &Option<PathBuf>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path.as_ref().filter(|p| p.as_os_str() != "-") {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p)
                .with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    })
}

/// A failed write, kept as an I/O error so that a closed pipe (`casus
/// export ... | head`) ends the run quietly (`main::is_broken_pipe`).
fn io(e: std::io::Error) -> casus_store::Error {
    casus_store::Error::Io(e)
}

/// A failed CSV write: its I/O error kept as such (see [`io`]).
fn csv_err(e: csv::Error) -> casus_store::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => io(e),
        other => casus_store::Error::Export(format!("csv: {other:?}")),
    }
}

fn json_err(e: serde_json::Error) -> casus_store::Error {
    casus_store::Error::Export(e.to_string())
}

/// Runs `casus export`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = open_ro(&args.filter.db)?;
    // Never write the export onto the store or any SQLite file.
    if let Some(out) = args.output.as_ref().filter(|p| p.as_os_str() != "-") {
        store.guard_output(out)?;
    }
    let filter = super::events::resolve(&store, args.filter.filter()?)?;
    let conn = store.conn();
    let mut n = 0usize;
    match args.format {
        ExportFormat::Parquet => {
            let Some(path) = &args.output else {
                anyhow::bail!("--format parquet needs -o FILE");
            };
            // Parquet needs rows in batches; collect flat rows first.
            let mut rows = Vec::new();
            query::for_each_event(conn, &filter, |e| {
                rows.push(export::flat(&e));
                Ok(())
            })?;
            n = export::write_parquet(
                path,
                EVENT_COLUMNS,
                rows.into_iter().map(Ok),
            )?;
        }
        ExportFormat::Gdelt => {
            let mut out = sink(&args.output)?;
            export::for_each_gdelt(conn, &filter, |row| {
                n += 1;
                let line: Vec<String> = row.iter().map(gdelt_cell).collect();
                writeln!(out, "{}", line.join("\t")).map_err(io)
            })?;
            out.flush()?;
        }
        ExportFormat::Jsonl => {
            let mut out = sink(&args.output)?;
            if args.clusters {
                query::for_each_cluster(conn, &filter, |c| {
                    n += 1;
                    let line = serde_json::to_string(&c).map_err(json_err)?;
                    writeln!(out, "{line}").map_err(io)
                })?;
            } else {
                query::for_each_event(conn, &filter, |e| {
                    n += 1;
                    let line = serde_json::to_string(&e).map_err(json_err)?;
                    writeln!(out, "{line}").map_err(io)
                })?;
            }
            out.flush()?;
        }
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(sink(&args.output)?);
            if args.clusters {
                w.write_record(super::events::CLUSTER_TABLE)?;
                query::for_each_cluster(conn, &filter, |c| {
                    n += 1;
                    let mut v = serde_json::to_value(&c).map_err(json_err)?;
                    v["action"] = super::events::action(&c.cameo).into();
                    let cells = super::events::CLUSTER_TABLE
                        .iter()
                        .map(|k| crate::output::cell(&v[*k]));
                    w.write_record(cells).map_err(csv_err)
                })?;
            } else {
                w.write_record(EVENT_COLUMNS.iter().map(|c| c.0))?;
                query::for_each_event(conn, &filter, |e| {
                    n += 1;
                    let cells = export::flat(&e);
                    let cells = cells.iter().map(|c| one_line(&c.text()));
                    w.write_record(cells).map_err(csv_err)
                })?;
            }
            w.flush()?;
        }
    }
    let _ = GDELT_COLUMNS;
    eprintln!("casus export: {n} rows");
    Ok(ExitCode::SUCCESS)
}

/// A GDELT cell: tabs and newlines inside strings become spaces so every
/// row keeps exactly 61 fields.
fn gdelt_cell(c: &Cell) -> String {
    c.text().replace(['\t', '\n', '\r'], " ")
}
