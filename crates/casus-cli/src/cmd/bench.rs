//! `casus bench`: throughput benchmarks over a corpus.

use std::process::ExitCode;

/// Flags of `casus bench`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not yet implemented).
    rest: Vec<String>,
}

/// Runs `casus bench`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.rest;
    anyhow::bail!("casus bench: not implemented yet")
}
