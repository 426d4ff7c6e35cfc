//! TempEval-3 platinum: strict, relaxed and value F1.

use std::process::ExitCode;

/// Flags of `casus eval times`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: super::Common,
}

/// Runs `casus eval times`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.common;
    anyhow::bail!("casus eval times: not implemented yet")
}
