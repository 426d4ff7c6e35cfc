//! `casus actors --top N`: the most active sources and targets in the
//! store (the store half of `casus actors`).

use std::path::PathBuf;
use std::process::ExitCode;

/// Store-query flags of `casus actors`.
#[derive(clap::Args, Debug, Clone)]
pub struct TopArgs {
    /// Show the N most active sources and targets in the store.
    #[arg(long)]
    pub top: Option<usize>,
    /// Only events on or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only events on or before this date (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// The store (default: $CASUS_DB or ./casus.db).
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// Runs the store query; `format` is the command's `--format`.
pub fn run(
    args: &TopArgs,
    format: Option<crate::output::Format>,
) -> anyhow::Result<ExitCode> {
    let _ = (args, format);
    anyhow::bail!("casus actors --top: not implemented yet")
}
