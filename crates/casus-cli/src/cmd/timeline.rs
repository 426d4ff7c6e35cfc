//! `casus timeline`: dyad timelines from the store.

use std::process::ExitCode;

/// Flags of `casus timeline`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not yet implemented).
    rest: Vec<String>,
}

/// Runs `casus timeline`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.rest;
    anyhow::bail!("casus timeline: not implemented yet")
}
