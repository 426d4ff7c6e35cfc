//! Shared input handling for every command that reads articles: paths,
//! directories and stdin -> articles, in input order, with per-record
//! errors reported on stderr and counted.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use casus::Article;

/// Flags shared by every command that reads articles.
#[derive(clap::Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or directories to read; `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Publication date for plain text files without a date prefix.
    #[arg(long)]
    pub date: Option<String>,
}

/// Reads every article named by `args` and calls `f` on each, in input
/// order, printing the lines `f` returns to stdout.
pub fn each_article<F>(args: &InputArgs, f: F) -> anyhow::Result<ExitCode>
where
    F: Fn(&Article) -> Vec<String> + Sync,
{
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in &args.inputs {
        let mut files = Vec::new();
        collect(path, &mut files)?;
        for file in files {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let id = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let body = text.trim_start();
            let Some(rest) = body.strip_prefix("date ") else { continue };
            let (date, text) = rest.split_at(rest.len().min(10));
            let date = date.parse().context("bad date")?;
            let article = Article::new(&id, date, text.trim_start());
            for line in f(&article) {
                writeln!(out, "{line}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn collect(path: &PathBuf, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            collect(&e, out)?;
        }
    } else {
        out.push(path.clone());
    }
    Ok(())
}
