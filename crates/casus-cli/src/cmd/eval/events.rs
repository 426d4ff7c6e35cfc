//! Event coding P/R on UniversalPetrarch's hand-corrected gold.

use std::process::ExitCode;

/// Flags of `casus eval events`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: super::Common,
}

/// Runs `casus eval events`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.common;
    anyhow::bail!("casus eval events: not implemented yet")
}
