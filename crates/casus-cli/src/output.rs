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

/// Renders a JSON value as a flat cell for tables and CSV: strings bare
/// on one line (line breaks and tabs of wire copy become spaces), null
/// empty, numbers as written ([`tidy`]), nested values as compact JSON.
pub fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => one_line(s),
        serde_json::Value::Number(_) => tidy(v).to_string(),
        other => one_line(&tidy(other).to_string()),
    }
}

/// `s` with every run of line breaks, tabs and other control characters
/// replaced by one space ("Yasuhiro\nNakasone" -> "Yasuhiro Nakasone").
pub fn one_line(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_control() {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() && !out.ends_with(' ') && c != ' ' {
            out.push(' ');
        }
        gap = false;
        out.push(c);
    }
    out
}

/// `v` with every float that is exactly an `f32` rewritten as the
/// shortest decimal of that `f32`: scores stored as `f32` (Goldstein
/// 6.4) and widened to `f64` on the way into JSON values would otherwise
/// print as 6.400000095367432. A genuine `f64` such as 0.1 is not an
/// exact `f32` and is left alone.
pub fn tidy(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => {
            let x = n.as_f64().unwrap_or(0.0);
            let narrow = x as f32;
            if f64::from(narrow) == x {
                let short: f64 = narrow.to_string().parse().unwrap_or(x);
                serde_json::Number::from_f64(short)
                    .map_or_else(|| v.clone(), Value::Number)
            } else {
                v.clone()
            }
        }
        Value::Array(a) => Value::Array(a.iter().map(tidy).collect()),
        Value::Object(m) => Value::Object(
            m.iter().map(|(k, x)| (k.clone(), tidy(x))).collect(),
        ),
        other => other.clone(),
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
                writeln!(out, "{}", tidy(r))?;
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

    #[test]
    fn cells_are_one_line_and_as_written() {
        let cases = [
            (serde_json::json!(f64::from(6.4f32)), "6.4"),
            (serde_json::json!(f64::from(-10.0f32)), "-10.0"),
            (serde_json::json!(0.1f64), "0.1"),
            (serde_json::json!(2.799999952316284f64), "2.8"),
            (serde_json::json!(1.0f64 / 3.0), "0.3333333333333333"),
            (serde_json::json!(7), "7"),
            (serde_json::json!("Yasuhiro\nNakasone"), "Yasuhiro Nakasone"),
            (serde_json::json!("a \r\n\tb"), "a b"),
            (serde_json::json!("line\n"), "line"),
            (serde_json::json!(null), ""),
            (serde_json::json!([f64::from(0.2f32)]), "[0.2]"),
        ];
        for (v, want) in cases {
            assert_eq!(cell(&v), want, "{v}");
        }
        let mut out = Vec::new();
        let rows = [serde_json::json!({"g": f64::from(6.4f32)})];
        write_rows(&mut out, Format::Jsonl, None, &rows).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "{\"g\":6.4}\n");
    }
}
