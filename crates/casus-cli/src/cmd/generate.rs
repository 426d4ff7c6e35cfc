//! `casus generate`: a synthetic store for benchmarks.

use std::process::ExitCode;

/// Flags of `casus generate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not yet implemented).
    rest: Vec<String>,
}

/// Runs `casus generate`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.rest;
    anyhow::bail!("casus generate: not implemented yet")
}
