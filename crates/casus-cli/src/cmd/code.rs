//! `casus code`: articles -> events.

use std::process::ExitCode;

use crate::input::{each_article, InputArgs};

/// Flags of `casus code`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `casus code`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let coder = casus::Coder::builtin()?;
    each_article(&args.input, |article| {
        coder
            .code(article)
            .iter()
            .filter_map(|e| serde_json::to_string(e).ok())
            .collect()
    })
}
