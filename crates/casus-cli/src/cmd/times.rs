//! `casus times`: time expressions as JSON Lines.

use std::process::ExitCode;

use crate::input::{each_article, InputArgs};

/// Flags of `casus times`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Cut sentences longer than this many tokens into pieces.
    #[arg(long, value_name = "N", default_value_t = casus::text::MAX_SENTENCE_TOKENS)]
    max_sentence_tokens: usize,
    /// Find at most this many time expressions per sentence.
    #[arg(long, value_name = "N", default_value_t = casus::time::MAX_SENTENCE_TIMES)]
    max_sentence_times: usize,
}

/// Runs `casus times`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut tagger = casus::time::TimeTagger::new();
    tagger.set_max_sentence_times(args.max_sentence_times);
    let mut lexicon = casus::text::Lexicon::builtin();
    lexicon.set_max_sentence_tokens(args.max_sentence_tokens);
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
                    // One line: hard-wrapped wire copy breaks
                    // "early\nSunday" across lines.
                    "text": t.span.slice(&article.text)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    "type": t.kind,
                    "value": t.value,
                    "anchor": anchor,
                })
                .to_string()
            })
            .collect()
    })
}
