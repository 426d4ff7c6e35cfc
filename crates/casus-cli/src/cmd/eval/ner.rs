//! Entity recognition P/R/F1 on CoNLL-2003 (all of testb and non-sports documents).

use std::process::ExitCode;

/// Flags of `casus eval ner`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: super::Common,
}

/// Runs `casus eval ner`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.common;
    anyhow::bail!("casus eval ner: not implemented yet")
}
