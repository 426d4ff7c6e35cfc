//! `casus events`: query stored events or clusters.

use std::process::ExitCode;

/// Flags of `casus events`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not yet implemented).
    rest: Vec<String>,
}

/// Runs `casus events`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.rest;
    anyhow::bail!("casus events: not implemented yet")
}
