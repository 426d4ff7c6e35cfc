//! `casus actors`: the actor mentions of the input articles as JSON
//! Lines, each with the dictionary entry that coded it (the store's most
//! active actors are `casus top`). The mentions are those `casus code`
//! codes, from the same coder and stages (places, the parse of the
//! sentences that may yield events, coreference): a listing that skipped
//! the parse would show other countries than the events do.

use std::io::Write;
use std::process::ExitCode;

use casus::actors::MemoryBlocks;

use crate::input::{
    build_coder, process_with, DictArgs, InputArgs, MemoryArgs,
};

/// Flags of `casus actors`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    memory: MemoryArgs,
    #[command(flatten)]
    dicts: DictArgs,
}

/// Runs `casus actors`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let coder = build_coder(&args.dicts)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut memory = args.memory.blocks();
    let map = |run: &MemoryBlocks, article: &casus::Article| {
        let (mentions, learned) = coder.actors_in_run(article, run.memory());
        let lines = mentions
            .iter()
            .map(|m| {
                serde_json::json!({
                    "article_id": article.id,
                    "start": m.span.start,
                    "end": m.span.end,
                    "text": m.span.slice(&article.text),
                    "code": m.code,
                    "country": m.country,
                    "role": m.role,
                    "name": m.name,
                    "entry": m.entry,
                    "country_from": m.country_from,
                })
                .to_string()
            })
            .collect::<Vec<String>>();
        (lines, learned)
    };
    let summary =
        process_with(&args.input, &mut memory, map, |memory, _, r| {
            let (lines, learned) = r;
            for line in lines {
                writeln!(out, "{line}")?;
            }
            memory.push(learned);
            Ok(())
        })?;
    out.flush()?;
    Ok(summary.exit_code())
}
