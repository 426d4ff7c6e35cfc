//! `casus actors`: actor mentions as JSON Lines (with inputs), or the most active actors in the store (`--top N`).

use std::process::ExitCode;

/// Flags of `casus actors`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not yet implemented).
    rest: Vec<String>,
}

/// Runs `casus actors`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.rest;
    anyhow::bail!("casus actors: not implemented yet")
}
