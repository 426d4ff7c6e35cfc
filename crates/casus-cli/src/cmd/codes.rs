//! `casus codes [CODE|TEXT]`: what a code means. CAMEO event codes with
//! name, Goldstein score, QuadClass and PLOVER type and mode; country,
//! role and actor codes with their names; or every code whose name holds
//! some words. The tables are `casus::names`, the ones the HTTP API's
//! `/codes` serves.

use std::io::Write;
use std::process::ExitCode;

use casus::names::Found;
use serde_json::{json, Value};

use crate::output::{write_rows, Format};

/// Flags of `casus codes`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A CAMEO code or prefix (`19`, `0871`), an actor code (`USA`,
    /// `GOV`, `ISRMIL`, `IGOUNO`), or words to find in names
    /// (`sanction`, "united states"); none lists every code.
    query: Vec<String>,
    /// Output format (default: table on a terminal, else jsonl).
    #[arg(long, value_enum)]
    format: Option<Format>,
}

/// Table columns.
const COLUMNS: &[&str] = &[
    "kind",
    "code",
    "name",
    "goldstein",
    "quad_class",
    "plover",
    "plover_mode",
];

/// QuadClass names (casus and GDELT agree on the names, not on every
/// root: see `casus_store::export`).
fn quad_name(q: u8) -> &'static str {
    match q {
        1 => "verbal cooperation",
        2 => "material cooperation",
        3 => "verbal conflict",
        4 => "material conflict",
        _ => "",
    }
}

/// One row per code found, CAMEO codes first.
fn rows(found: &Found) -> Vec<Value> {
    let mut out = Vec::new();
    for c in &found.cameo {
        out.push(json!({
            "kind": "cameo", "code": c.code, "name": c.name,
            "goldstein": c.goldstein, "quad_class": c.quad_class,
            "quad_name": quad_name(c.quad_class), "root": c.root,
            "plover": c.plover, "plover_mode": c.plover_mode,
        }));
    }
    for r in &found.roles {
        out.push(json!({"kind": r.kind, "code": r.code, "name": r.name}));
    }
    for c in &found.countries {
        out.push(json!({"kind": "country", "code": c.code, "name": c.name}));
    }
    for a in &found.actors {
        out.push(json!({
            "kind": "actor", "code": a.code, "name": a.name,
            "country": a.country, "roles": a.roles,
        }));
    }
    out
}

/// Runs `casus codes`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let query = args.query.join(" ");
    let found = casus::names::search(&query);
    if found.is_empty() {
        eprintln!(
            "casus codes: nothing matches {query:?} (try a CAMEO code such \
             as 19, an actor code such as USA or ISRMIL, or a word such as \
             sanction)"
        );
        return Ok(ExitCode::from(1));
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let format = Format::or_default(args.format);
    write_rows(&mut out, format, Some(COLUMNS), &rows(&found))?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_by_kind() {
        let r = rows(&casus::names::search("190"));
        assert_eq!(r[0]["kind"], "cameo");
        assert_eq!(r[0]["quad_name"], "material conflict");
        assert_eq!(r[0]["plover"], "ASSAULT");
        let r = rows(&casus::names::search("ISRMIL"));
        assert_eq!(
            (r[0]["kind"].as_str(), r[0]["country"].as_str()),
            (Some("actor"), Some("ISR"))
        );
        let r = rows(&casus::names::search("GOV"));
        assert_eq!(r[0]["kind"], "role");
    }
}
