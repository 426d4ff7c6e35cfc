//! `casus actors`: the actor mentions of the input articles as JSON
//! Lines, each with the dictionary entry that coded it (the store's most
//! active actors are `casus top`).

use std::io::Write;
use std::process::ExitCode;

use casus::actors::MemoryBlocks;

use crate::input::{process_with, InputArgs, MemoryArgs};

/// Flags of `casus actors`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    memory: MemoryArgs,
}

/// Runs `casus actors`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let matcher = casus::actors::ActorMatcher::builtin()?;
    let places = casus::places::PlaceMatcher::builtin()?;
    let lexicon = casus::text::Lexicon::builtin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut memory = args.memory.blocks();
    let map = |run: &MemoryBlocks, article: &casus::Article| {
        let analyzed = casus::text::analyze_with(&article.text, &lexicon);
        let found = places.find(&article.text, &analyzed);
        let cx = casus::actors::Context { parses: None, places: &found };
        let (mentions, learned) =
            matcher.find_in_run(article, &analyzed, &cx, run.memory());
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
