//! `casus stats`: store summary.

use std::process::ExitCode;

/// Flags of `casus stats`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not yet implemented).
    rest: Vec<String>,
}

/// Runs `casus stats`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.rest;
    anyhow::bail!("casus stats: not implemented yet")
}
