//! `casus sentences`: the text layer as JSON Lines.

use std::process::ExitCode;

use crate::input::{each_article, InputArgs};

/// Flags of `casus sentences`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `casus sentences`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = casus::text::Lexicon::builtin();
    each_article(&args.input, |article| {
        let analyzed = casus::text::analyze_with(&article.text, &lexicon);
        analyzed
            .sentences
            .iter()
            .enumerate()
            .map(|(index, s)| {
                serde_json::json!({
                    "article_id": article.id,
                    "index": index,
                    "start": s.span.start,
                    "end": s.span.end,
                    "text": s.span.slice(&article.text),
                })
                .to_string()
            })
            .collect()
    })
}
