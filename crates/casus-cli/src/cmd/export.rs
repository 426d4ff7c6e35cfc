//! `casus export`: export stored events.

use std::process::ExitCode;

/// Flags of `casus export`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments (not yet implemented).
    rest: Vec<String>,
}

/// Runs `casus export`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.rest;
    anyhow::bail!("casus export: not implemented yet")
}
