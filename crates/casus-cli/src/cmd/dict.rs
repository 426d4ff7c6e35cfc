//! `casus dict check|convert`: validate and convert dictionary files.

use std::process::ExitCode;

/// Flags of `casus dict`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not yet implemented).
    rest: Vec<String>,
}

/// Runs `casus dict`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.rest;
    anyhow::bail!("casus dict: not implemented yet")
}
