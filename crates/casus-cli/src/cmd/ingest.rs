//! `casus ingest`: code articles and store them.

use std::process::ExitCode;

/// Flags of `casus ingest`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not yet implemented).
    rest: Vec<String>,
}

/// Runs `casus ingest`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.rest;
    anyhow::bail!("casus ingest: not implemented yet")
}
