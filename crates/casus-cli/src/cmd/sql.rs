//! `casus sql`: one read-only SQL statement over the store's documented
//! tables and views (the connection is opened read-only with `PRAGMA
//! query_only`, and statements that would write are refused).
//!
//! Bounded: rows stream to stdout as SQLite steps them (JSON Lines and
//! CSV hold nothing; a table is aligned over at most `--max-rows` rows),
//! the statement is interrupted after `--timeout` seconds, and output
//! stops after `--max-rows` rows with a line on stderr (exit code 2).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use casus_store::query::{sql_each, SqlLimits};

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
    /// Interrupt the statement after this many seconds (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    timeout: f64,
    /// Stop after this many rows (0: no limit).
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    max_rows: usize,
}

/// Column names made unique: duplicates (SELECT a.x, b.x) get a numeric
/// suffix so every JSON object keeps every value.
fn unique_names(columns: &[String]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for c in columns {
        let mut name = c.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{c}_{n}");
            n += 1;
        }
        names.push(name);
    }
    names
}

/// Where rows go: streamed as JSON Lines or CSV, or kept for a table.
enum Sink<W: Write> {
    Jsonl(W),
    /// Boxed: the CSV writer's buffer state is large.
    Csv(Box<csv::Writer<W>>),
    Table(W, Vec<serde_json::Value>),
}

impl<W: Write> Sink<W> {
    fn header(&mut self, names: &[String]) -> anyhow::Result<()> {
        if let Sink::Csv(w) = self {
            w.write_record(names)?;
        }
        Ok(())
    }

    fn row(
        &mut self,
        names: &[String],
        r: Vec<serde_json::Value>,
    ) -> anyhow::Result<()> {
        if let Sink::Csv(w) = self {
            w.write_record(r.iter().map(crate::output::cell))?;
            return Ok(());
        }
        let mut m = serde_json::Map::new();
        for (k, v) in names.iter().zip(r) {
            m.insert(k.clone(), v);
        }
        let v = serde_json::Value::Object(m);
        match self {
            Sink::Jsonl(w) => writeln!(w, "{v}")?,
            Sink::Table(_, rows) => rows.push(v),
            Sink::Csv(_) => {}
        }
        Ok(())
    }

    fn finish(self, names: &[String]) -> anyhow::Result<()> {
        match self {
            Sink::Jsonl(mut w) => w.flush()?,
            Sink::Csv(mut w) => w.flush()?,
            Sink::Table(mut w, rows) => {
                let cols: Vec<&str> =
                    names.iter().map(String::as_str).collect();
                write_rows(&mut w, Format::Table, Some(&cols), &rows)?;
                w.flush()?;
            }
        }
        Ok(())
    }
}

/// Runs `casus sql`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = super::events::open_ro(&args.db)?;
    let limits = SqlLimits {
        timeout: (args.timeout > 0.0)
            .then(|| std::time::Duration::from_secs_f64(args.timeout)),
        max_rows: (args.max_rows > 0).then_some(args.max_rows),
    };
    let stdout = std::io::stdout();
    let out = std::io::BufWriter::new(stdout.lock());
    let sink = match Format::or_default(args.format) {
        Format::Jsonl => Sink::Jsonl(out),
        Format::Csv => Sink::Csv(Box::new(csv::Writer::from_writer(out))),
        Format::Table => Sink::Table(out, Vec::new()),
    };
    // Both callbacks write to the sink; an output error (a closed pipe)
    // stops the statement and is returned as itself.
    let state = std::cell::RefCell::new((sink, Vec::<String>::new(), None));
    let fail = |e: anyhow::Error| {
        state.borrow_mut().2 = Some(e);
        casus_store::Error::Invalid("output failed".into())
    };
    let result = sql_each(
        store.conn(),
        &args.query,
        &limits,
        |c| {
            let names = unique_names(c);
            let r = state.borrow_mut().0.header(&names);
            state.borrow_mut().1 = names;
            r.map_err(fail)
        },
        |row| {
            let r = {
                let (sink, names, _) = &mut *state.borrow_mut();
                sink.row(names, row)
            };
            r.map_err(fail)
        },
    );
    let (sink, names, io_error) = state.into_inner();
    if let Some(e) = io_error {
        return Err(e);
    }
    let outcome = result?;
    sink.finish(&names)?;
    if outcome.truncated {
        eprintln!(
            "casus sql: stopped after {} rows (--max-rows; 0 for no limit)",
            outcome.rows
        );
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}
