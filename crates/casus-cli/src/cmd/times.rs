//! `casus times`: time expressions as JSON Lines.

use std::process::ExitCode;

use crate::input::{each_article, InputArgs};

/// Flags of `casus times`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `casus times`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let tagger = casus::time::TimeTagger::new();
    let lexicon = casus::text::Lexicon::builtin();
    each_article(&args.input, |article| {
        let analyzed = casus::text::analyze_with(&article.text, &lexicon);
        tagger
            .find(article.date, &article.text, &analyzed)
            .iter()
            .map(|t| {
                let anchor = t.anchor.map_or_else(
                    || "dct".to_string(),
                    |a| format!("{}-{}", a.start, a.end),
                );
                serde_json::json!({
                    "article_id": article.id,
                    "start": t.span.start,
                    "end": t.span.end,
                    "text": t.span.slice(&article.text),
                    "type": t.kind,
                    "value": t.value,
                    "anchor": anchor,
                })
                .to_string()
            })
            .collect()
    })
}
