//! The PETRARCH-1 validation suite: pass rate by category.

use std::process::ExitCode;

/// Flags of `casus eval petrarch`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: super::Common,
}

/// Runs `casus eval petrarch`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.common;
    anyhow::bail!("casus eval petrarch: not implemented yet")
}
