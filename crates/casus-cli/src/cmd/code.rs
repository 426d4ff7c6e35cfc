//! `casus code`: articles -> events, as JSON Lines, CSV or a table.
//!
//! JSON Lines is the stable schema (`casus::events::Event`); CSV and
//! tables flatten the nested fields (`source` -> `source_code`,
//! `source_country`, ...) into [`COLUMNS`].

use std::io::Write;
use std::process::ExitCode;

use crate::input::{
    build_coder, process_with, DictArgs, InputArgs, MemoryArgs,
};
use crate::output::{cell, write_rows, Format};

/// Flags of `casus code`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    dicts: DictArgs,
    /// Output format (default: table on a terminal, else jsonl).
    #[arg(long, value_enum)]
    format: Option<Format>,
    #[command(flatten)]
    memory: MemoryArgs,
    /// Only events with at least this confidence (0-1; every event by
    /// default). Confidence is the probability, calibrated on the
    /// project's document gold, that the event's actors and code are
    /// right (docs/eval/confidence.md).
    #[arg(long, value_parser = crate::input::confidence)]
    min_confidence: Option<f32>,
}

/// The flat columns of CSV and table output, in order.
pub const COLUMNS: &[&str] = &[
    "article_id",
    "event_id",
    "sentence",
    "start",
    "end",
    "date",
    "date_from",
    "precision",
    "source_code",
    "source_country",
    "source_role",
    "source_name",
    "target_code",
    "target_country",
    "target_role",
    "target_name",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "plover_mode",
    "negated",
    "modality",
    "attribution_speaker",
    "attribution_outlet",
    "location_name",
    "location_country",
    "location_from",
    "pattern",
    "pattern_id",
    "confidence",
    "evidence",
];

/// Flattens a JSON object: nested objects become `parent_child` keys and
/// a top-level `span` pair becomes `start` and `end`.
pub fn flatten(
    v: &serde_json::Value,
) -> serde_json::Map<String, serde_json::Value> {
    fn walk(
        prefix: &str,
        v: &serde_json::Value,
        out: &mut serde_json::Map<String, serde_json::Value>,
    ) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}_{k}")
                    };
                    match (key.as_str(), v) {
                        ("span", serde_json::Value::Array(a))
                            if a.len() == 2 =>
                        {
                            out.insert("start".into(), a[0].clone());
                            out.insert("end".into(), a[1].clone());
                        }
                        _ => walk(&key, v, out),
                    }
                }
            }
            other => {
                out.insert(prefix.to_string(), other.clone());
            }
        }
    }
    let mut out = serde_json::Map::new();
    walk("", v, &mut out);
    out
}

/// Runs `casus code`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let coder = build_coder(&args.dicts)?;
    let stdout = std::io::stdout();
    let mut sink = match Format::or_default(args.format) {
        Format::Jsonl => Sink::Jsonl(std::io::BufWriter::new(stdout.lock())),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(stdout.lock());
            w.write_record(COLUMNS)?;
            Sink::Csv(Box::new(w))
        }
        Format::Table => Sink::Table(Vec::new()),
    };
    // Persons learned by earlier memory blocks resolve later articles'
    // names (see `input::process_with` for why the output is the same for
    // any `-j`, and `casus ingest` stores the same events).
    let mut memory = args.memory.blocks();
    let summary = process_with(
        &args.input,
        &mut memory,
        |m, a| coder.code_in_run_noted(a, m.memory()),
        |m, a, (events, learned, limits)| {
            crate::input::report_limits(&coder, a, &limits);
            m.push(learned);
            match args.min_confidence {
                Some(min) => sink.write(
                    events
                        .into_iter()
                        .filter(|e| e.confidence >= min)
                        .collect(),
                ),
                None => sink.write(events),
            }
        },
    )?;
    sink.finish()?;
    // The process ends here: the OS takes the coder's memory back at
    // once, while dropping its ~100k allocations one by one cost ~45 M
    // instructions (2% of coding reut2-000.sgm; BENCHMARKS.md). It holds
    // no files or buffers to flush.
    std::mem::forget(coder);
    Ok(summary.exit_code())
}

/// Where coded events go, by output format.
enum Sink<'a> {
    Jsonl(std::io::BufWriter<std::io::StdoutLock<'a>>),
    /// Boxed: the CSV writer's buffer state is large.
    Csv(Box<csv::Writer<std::io::StdoutLock<'a>>>),
    /// Rows kept until the end: column widths need all of them.
    Table(Vec<serde_json::Value>),
}

impl Sink<'_> {
    fn write(
        &mut self,
        events: Vec<casus::events::Event>,
    ) -> anyhow::Result<()> {
        for e in events {
            match self {
                Sink::Jsonl(out) => {
                    serde_json::to_writer(&mut *out, &e)?;
                    out.write_all(b"\n")?;
                }
                Sink::Csv(w) => {
                    let flat = flatten(&serde_json::to_value(&e)?);
                    w.write_record(
                        COLUMNS.iter().map(|c| {
                            flat.get(*c).map(cell).unwrap_or_default()
                        }),
                    )?;
                }
                Sink::Table(rows) => {
                    let flat = flatten(&serde_json::to_value(&e)?);
                    rows.push(serde_json::Value::Object(flat));
                }
            }
        }
        Ok(())
    }

    fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Jsonl(mut out) => out.flush()?,
            Sink::Csv(mut w) => w.flush()?,
            Sink::Table(rows) => {
                let mut out =
                    std::io::BufWriter::new(std::io::stdout().lock());
                write_rows(&mut out, Format::Table, Some(TABLE), &rows)?;
                out.flush()?;
            }
        }
        Ok(())
    }
}

/// The columns a table shows (the rest is in jsonl/csv).
const TABLE: &[&str] = &[
    "article_id",
    "sentence",
    "date",
    "source_code",
    "cameo",
    "target_code",
    "plover",
    "negated",
    "modality",
    "evidence",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattening() {
        let v = serde_json::json!({
            "article_id": "a",
            "span": [3, 9],
            "source": {"code": "USAGOV", "country": "USA", "span": [0, 2]},
            "target": null,
            "attribution": {"speaker": "x", "outlet": null},
        });
        let flat = flatten(&v);
        let got: Vec<String> =
            flat.iter().map(|(k, v)| format!("{k}={}", cell(v))).collect();
        assert_eq!(
            got,
            [
                "article_id=a",
                "attribution_outlet=",
                "attribution_speaker=x",
                "end=9",
                "source_code=USAGOV",
                "source_country=USA",
                "source_span=[0,2]",
                "start=3",
                "target=",
            ]
        );
    }
}
