//! `casus actors`: actor mentions as JSON Lines (with inputs), or the most
//! active actors in the store (`--top N`).

use std::path::PathBuf;
use std::process::ExitCode;

use super::actors_top::TopArgs;
use crate::output::Format;

/// Flags of `casus actors`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to read; `-` for stdin.
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    top: TopArgs,
    /// Output format (default: table on a terminal, else jsonl).
    #[arg(long, value_enum)]
    format: Option<Format>,
}

/// Runs `casus actors`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.top.top.is_some() || args.inputs.is_empty() {
        return super::actors_top::run(&args.top, args.format);
    }
    anyhow::bail!("casus actors <inputs>: not implemented yet")
}
