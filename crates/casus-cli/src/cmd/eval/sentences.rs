//! Sentence boundary P/R/F1 on CoNLL-2003 eng.testb.

use std::process::ExitCode;

/// Flags of `casus eval sentences`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: super::Common,
}

/// Runs `casus eval sentences`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.common;
    anyhow::bail!("casus eval sentences: not implemented yet")
}
