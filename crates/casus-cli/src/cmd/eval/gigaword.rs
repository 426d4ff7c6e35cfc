//! Agreement with PETRARCH-2's own output on the GigaWord sample.

use std::process::ExitCode;

/// Flags of `casus eval gigaword`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: super::Common,
}

/// Runs `casus eval gigaword`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.common;
    anyhow::bail!("casus eval gigaword: not implemented yet")
}
