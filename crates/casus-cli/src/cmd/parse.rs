//! `casus parse`: the syntax stage's output, one sentence per record:
//! JSON Lines (default) or CoNLL-U; or, with `--conllu FILE`, tags and
//! trees filled into pre-tokenised CoNLL-U.
//!
//! CoNLL-U written from articles carries `# newdoc id`, `# sent_id`
//! (`<article id>-<n>`), `# text` (line breaks as spaces) and, in MISC,
//! `TokenRange=START:END`: **byte** offsets into the original article
//! text, end exclusive (as every casus span). Words that share one casus
//! token ("cannot" = can + not) get a multiword-token line.

use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use casus::syntax::conllu::{
    self, ConlluSentence, ConlluWord, MultiwordToken,
};
use casus::syntax::{Parser, SentenceTree};
use rayon::prelude::*;

use crate::input::{each_article, InputArgs};

/// Output formats.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per sentence.
    Jsonl,
    /// CoNLL-U.
    Conllu,
}

/// Flags of `casus parse`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to read (recursively); `-` for stdin. Every
    /// input format casus reads.
    #[arg(value_name = "INPUT", required_unless_present = "conllu")]
    inputs: Vec<PathBuf>,
    /// Output format (default: jsonl, or conllu with --conllu).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Read pre-tokenised CoNLL-U from FILE (`-` for stdin) and fill in
    /// lemmas, UPOS, heads and relations (writes CoNLL-U unless
    /// `--format jsonl`); XPOS, FEATS and DEPS are cleared, empty nodes
    /// dropped, comments and multiword tokens kept.
    #[arg(long, value_name = "FILE", conflicts_with = "inputs")]
    conllu: Option<PathBuf>,
    /// Publication date for plain text files without a date prefix.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<casus::Date>,
    /// Treat any skipped record as a fatal error (exit 1).
    #[arg(long)]
    strict: bool,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    threads: Option<usize>,
    /// No progress bar, and no summary when nothing went wrong.
    #[arg(short, long)]
    quiet: bool,
    /// Beam width of the parser's decoder (default: the model's own; 1
    /// is greedy); wider is slower (docs/eval/syntax.md says what it
    /// buys).
    #[arg(long, value_name = "K")]
    beam: Option<usize>,
}

fn parse_date(s: &str) -> Result<casus::Date, String> {
    casus::ingest::parse_date(s)
        .ok_or_else(|| format!("invalid date {s:?} (expected YYYY-MM-DD)"))
}

/// Runs `casus parse`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let beamed;
    let parser = match args.beam {
        Some(k) if k.max(1) != Parser::builtin().beam() => {
            beamed = Parser::builtin().clone().with_beam(k);
            &beamed
        }
        _ => Parser::builtin(),
    };
    if let Some(path) = &args.conllu {
        return run_conllu(&args, path, parser);
    }
    let input = InputArgs {
        inputs: args.inputs.clone(),
        date: args.date,
        strict: args.strict,
        threads: args.threads,
        quiet: args.quiet,
        ..InputArgs::default()
    };
    let format = args.format.unwrap_or(Format::Jsonl);
    each_article(&input, |article| {
        let text = &article.text;
        let analyzed = casus::text::analyze(text);
        (0..analyzed.sentences.len())
            .map(|i| {
                let tree = parser.parse(text, &analyzed, i);
                let span = analyzed.sentences[i].span;
                match format {
                    Format::Jsonl => json(&article.id, i, span, text, &tree),
                    Format::Conllu => {
                        let mut s = to_conllu(
                            &article.id,
                            i,
                            span,
                            text,
                            &tree,
                            &analyzed.tokens,
                        );
                        // each_article adds the line break after the blank line.
                        s.pop();
                        s
                    }
                }
            })
            .collect()
    })
}

/// One sentence as a JSON object.
fn json(
    id: &str,
    index: usize,
    span: casus::Span,
    text: &str,
    tree: &SentenceTree,
) -> String {
    let words: Vec<serde_json::Value> = tree
        .words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            serde_json::json!({
                "id": i + 1,
                "span": w.span,
                "form": w.span.slice(text),
                "lemma": w.lemma.as_str(),
                "upos": w.upos.as_str(),
                "head": w.head,
                "deprel": w.deprel.to_string(),
            })
        })
        .collect();
    serde_json::json!({
        "article_id": id,
        "sentence": index,
        "span": span,
        "text": span.slice(text),
        "words": words,
    })
    .to_string()
}

/// One sentence of an article as CoNLL-U (ending with its blank line).
fn to_conllu(
    id: &str,
    index: usize,
    span: casus::Span,
    text: &str,
    tree: &SentenceTree,
    tokens: &[casus::text::Token],
) -> String {
    let mut sent = ConlluSentence::default();
    if index == 0 {
        sent.comments.push(format!("# newdoc id = {}", one_line(id)));
    }
    sent.comments.push(format!("# sent_id = {}-{}", one_line(id), index + 1));
    sent.comments.push(format!("# text = {}", one_line(span.slice(text))));
    let words = &tree.words;
    let mut i = 0;
    while i < words.len() {
        // Words that came from one casus token form a multiword token.
        let tok = words[i].token;
        let j = (i..words.len())
            .take_while(|&k| words[k].token == tok)
            .last()
            .unwrap_or(i);
        // A split contraction ("cannot") is one multiword token; a split
        // hyphenated word is several tokens, as in UD treebanks.
        let contraction = tokens.get(tok as usize).is_some_and(|t| {
            t.span.start == words[i].span.start
                && t.span.end == words[j].span.end
                && !t.norm.contains('-')
        });
        if j > i && contraction {
            let end = words[j].span.end;
            let misc = misc(
                None,
                words.get(j + 1).is_some_and(|n| n.span.start == end),
            );
            sent.multiword.push(MultiwordToken {
                first: i + 1,
                last: j + 1,
                form: one_line(
                    &text[words[i].span.start as usize..end as usize],
                ),
                misc,
            });
        }
        i = j + 1;
    }
    for (k, w) in words.iter().enumerate() {
        let in_mwt =
            sent.multiword.iter().any(|t| t.first <= k + 1 && k < t.last);
        let glued =
            words.get(k + 1).is_some_and(|n| n.span.start == w.span.end);
        sent.words.push(ConlluWord {
            form: one_line(w.span.slice(text)),
            lemma: one_line(&w.lemma),
            upos: w.upos.to_string(),
            xpos: "_".into(),
            feats: "_".into(),
            head: w.head.to_string(),
            deprel: w.deprel.to_string(),
            deps: "_".into(),
            misc: misc(Some(w.span), glued && !in_mwt),
        });
    }
    let mut out = String::new();
    sent.write(&mut out);
    out
}

/// MISC: the byte range and `SpaceAfter=No`.
fn misc(span: Option<casus::Span>, glued: bool) -> String {
    let mut parts = Vec::new();
    if let Some(s) = span {
        parts.push(format!("TokenRange={}:{}", s.start, s.end));
    }
    if glued {
        parts.push("SpaceAfter=No".to_string());
    }
    if parts.is_empty() {
        "_".to_string()
    } else {
        parts.join("|")
    }
}

/// Text safe for one CoNLL-U field or comment: whitespace runs and
/// control characters to one space, never empty.
fn one_line(s: &str) -> String {
    let t = s
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if t.is_empty() {
        "_".to_string()
    } else {
        t
    }
}

/// `casus parse --conllu FILE`.
fn run_conllu(
    args: &Args,
    path: &std::path::Path,
    parser: &Parser,
) -> anyhow::Result<ExitCode> {
    let name = path.display().to_string();
    let text = if name == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).context("reading stdin")?;
        s
    } else {
        let bytes =
            std::fs::read(path).with_context(|| format!("reading {name}"))?;
        String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!(
                "{name}: not UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            )
        })?
    };
    let sents: Vec<_> = conllu::read(&text).collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(crate::input::threads(args.threads))
        .build()
        .context("starting worker threads")?;
    let format = args.format.unwrap_or(Format::Conllu);
    let out: Vec<Result<String, String>> = pool.install(|| {
        sents
            .par_iter()
            .map(|s| match s {
                Ok(s) => Ok(fill(s, parser, format, &name)),
                Err(e) => Err(format!("casus: {name}: {e}; sentence skipped")),
            })
            .collect()
    });
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    let (mut read, mut skipped) = (0, 0);
    for r in out {
        match r {
            Ok(s) => {
                read += 1;
                w.write_all(s.as_bytes())?;
            }
            Err(e) => {
                if args.strict {
                    anyhow::bail!(
                        "{} (--strict)",
                        e.trim_start_matches("casus: ")
                    );
                }
                skipped += 1;
                eprintln!("{e}");
            }
        }
    }
    w.flush()?;
    if !args.quiet || skipped > 0 {
        eprintln!(
            "casus: parsed {read} sentence{}, skipped {skipped}",
            if read == 1 { "" } else { "s" }
        );
    }
    Ok(if skipped > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// A CoNLL-U sentence with the parser's lemmas, tags and tree.
fn fill(
    s: &ConlluSentence,
    parser: &Parser,
    format: Format,
    file: &str,
) -> String {
    let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    let tree = parser.parse_forms(&forms);
    if format == Format::Jsonl {
        let text = forms.join(" ");
        let id = s
            .sent_id()
            .map_or_else(|| format!("{file}:{}", s.line), str::to_string);
        let span = casus::Span::new(0, text.len());
        let mut line = json(&id, 0, span, &text, &tree);
        line.push('\n');
        return line;
    }
    let mut out = s.clone();
    out.empty.clear();
    for (w, t) in out.words.iter_mut().zip(&tree.words) {
        w.lemma = one_line(&t.lemma);
        w.upos = t.upos.to_string();
        w.xpos = "_".into();
        w.feats = "_".into();
        w.head = t.head.to_string();
        w.deprel = t.deprel.to_string();
        w.deps = "_".into();
    }
    let mut text = String::new();
    out.write(&mut text);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conllu_of_an_article() {
        let text = "He cannot go.";
        let analyzed = casus::text::analyze(text);
        let tree = Parser::builtin().parse(text, &analyzed, 0);
        let out = to_conllu(
            "a1",
            0,
            analyzed.sentences[0].span,
            text,
            &tree,
            &analyzed.tokens,
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            &lines[..3],
            ["# newdoc id = a1", "# sent_id = a1-1", "# text = He cannot go."]
        );
        let cols =
            |l: &str| l.split('\t').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(
            cols(lines[4])[..2],
            ["2-3".to_string(), "cannot".to_string()]
        );
        assert_eq!(cols(lines[5])[9], "TokenRange=3:6");
        assert_eq!(cols(lines[6])[9], "TokenRange=6:9");
        assert!(cols(lines[7])[9].contains("SpaceAfter=No"));
        // It reads back as valid CoNLL-U.
        let back: Vec<_> = conllu::read(&out).collect();
        assert!(back[0].is_ok(), "{back:?}");
    }

    #[test]
    fn fields_stay_on_one_line() {
        assert_eq!(one_line("a\tb\n c"), "a b c");
        assert_eq!(one_line(" \n"), "_");
    }
}
