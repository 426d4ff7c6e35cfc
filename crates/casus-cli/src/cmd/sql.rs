//! `casus sql`: read-only SQL over the store.

use std::process::ExitCode;

/// Flags of `casus sql`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not yet implemented).
    rest: Vec<String>,
}

/// Runs `casus sql`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.rest;
    anyhow::bail!("casus sql: not implemented yet")
}
