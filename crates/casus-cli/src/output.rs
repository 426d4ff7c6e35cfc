//! Output writers shared by every command: JSON Lines, CSV and aligned
//! tables, over rows that are JSON objects (so every command's schema is
//! defined once, by its `Serialize` type).

use std::io::{IsTerminal, Write};

/// Output format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Aligned, human-readable columns.
    Table,
}

impl Format {
    /// The given format, or `table` when stdout is a terminal and `jsonl`
    /// otherwise.
    pub fn or_default(f: Option<Format>) -> Format {
        f.unwrap_or_else(|| {
            if std::io::stdout().is_terminal() {
                Format::Table
            } else {
                Format::Jsonl
            }
        })
    }
}

/// Escapes control characters (C0, DEL, C1) for a terminal: a file
/// name or article text could otherwise move the cursor, clear lines or
/// forge a message (`casus: read 999 articles`). Tab and newline become
/// `\t` and `\n`, others `\u{..}`.
pub fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Renders a JSON value as a flat cell: strings bare, null empty, nested
/// values as compact JSON.
pub fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Writes `rows` (JSON objects) in `format`. Column order is the first
/// row's key order, or `columns` when given.
pub fn write_rows<W: Write>(
    out: &mut W,
    format: Format,
    columns: Option<&[&str]>,
    rows: &[serde_json::Value],
) -> anyhow::Result<()> {
    let cols: Vec<String> = match columns {
        Some(c) => c.iter().map(|s| s.to_string()).collect(),
        None => match rows.first() {
            Some(serde_json::Value::Object(m)) => m.keys().cloned().collect(),
            _ => Vec::new(),
        },
    };
    match format {
        Format::Jsonl => {
            for r in rows {
                writeln!(out, "{r}")?;
            }
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(&cols)?;
            for r in rows {
                w.write_record(cols.iter().map(|c| cell(&r[c.as_str()])))?;
            }
            w.flush()?;
        }
        Format::Table => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    cols.iter()
                        .map(|c| escape(&cell(&r[c.as_str()])).into_owned())
                        .collect()
                })
                .collect();
            let mut widths: Vec<usize> =
                cols.iter().map(|c| c.chars().count()).collect();
            for row in &cells {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(c.chars().count().min(60));
                }
            }
            let line = |out: &mut W, row: &[String]| -> std::io::Result<()> {
                let mut s = String::new();
                for (i, (c, w)) in row.iter().zip(&widths).enumerate() {
                    let c: String = c.chars().take(60).collect();
                    if i > 0 {
                        s.push_str("  ");
                    }
                    s.push_str(&format!("{c:<w$}"));
                }
                writeln!(out, "{}", s.trim_end())
            };
            line(out, &cols)?;
            for row in &cells {
                line(out, row)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let rows = vec![
            serde_json::json!({"a": 1, "b": "x,y"}),
            serde_json::json!({"a": 22, "b": null}),
        ];
        let mut out = Vec::new();
        write_rows(&mut out, Format::Csv, None, &rows).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a,b\n1,\"x,y\"\n22,\n");
        let mut out = Vec::new();
        write_rows(&mut out, Format::Table, None, &rows).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a   b\n1   x,y\n22\n");
    }
}
