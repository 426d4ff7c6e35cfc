//! PLOVER event type accuracy and actor agreement on the PLOVER gold records.

use std::process::ExitCode;

/// Flags of `casus eval plover`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: super::Common,
}

/// Runs `casus eval plover`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.common;
    anyhow::bail!("casus eval plover: not implemented yet")
}
