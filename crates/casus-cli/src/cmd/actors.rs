//! `casus actors`: actor mentions as JSON Lines (with inputs), or the most
//! active actors in the store (`--top N`).

use std::path::PathBuf;
use std::process::ExitCode;

use super::actors_top::TopArgs;
use crate::input::{each_article, InputArgs};
use crate::output::Format;

/// Flags of `casus actors`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to read; `-` for stdin.
    inputs: Vec<PathBuf>,
    /// Publication date for plain text files without a date prefix.
    #[arg(long)]
    date: Option<String>,
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
    let matcher = casus::actors::ActorMatcher::builtin()?;
    let mut input = InputArgs::new(args.inputs);
    input.date = match args.date.as_deref() {
        Some(d) => Some(casus::ingest::parse_date(d).ok_or_else(|| {
            anyhow::anyhow!("invalid date {d:?} (expected YYYY-MM-DD)")
        })?),
        None => None,
    };
    each_article(&input, |article| {
        let analyzed = casus::text::analyze(&article.text);
        matcher
            .find(article, &analyzed)
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
                })
                .to_string()
            })
            .collect()
    })
}
