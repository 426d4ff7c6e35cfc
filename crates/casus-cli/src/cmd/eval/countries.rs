//! Country attribution P/R on Reuters-21578 <PLACES>.

use std::process::ExitCode;

/// Flags of `casus eval countries`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: super::Common,
}

/// Runs `casus eval countries`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args.common;
    anyhow::bail!("casus eval countries: not implemented yet")
}
