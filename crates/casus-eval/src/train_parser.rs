//! `casus-eval train-parser`: trains the tagger, parser and lemma rules
//! on UD English EWT train (dev for model selection) and writes the
//! model file plus its sha256 beside it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use casus::syntax::train::{self, Config};

use crate::shared::{read_conllu, sha256_hex, ud_file};

/// Flags of `casus-eval train-parser`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shared data directory (holds data/ud/en_ewt).
    #[arg(long, default_value = "../shared")]
    shared: PathBuf,
    /// Where to write the model; `<out minus extension>.sha256` records
    /// its hash.
    #[arg(long, default_value = "dicts/model/parser.bin")]
    out: PathBuf,
    /// Jackknife folds for the parser's training tags (0: gold tags).
    #[arg(long, default_value_t = Config::default().folds)]
    folds: usize,
    /// Most tagger epochs.
    #[arg(long, default_value_t = Config::default().tagger_epochs)]
    tagger_epochs: usize,
    /// Most parser epochs.
    #[arg(long, default_value_t = Config::default().parser_epochs)]
    parser_epochs: usize,
    /// Most relabeller epochs (0: no second labelling stage).
    #[arg(long, default_value_t = Config::default().relabel_epochs)]
    relabel_epochs: usize,
    /// First epoch (0-based) that explores the model's own mistakes.
    #[arg(long, default_value_t = Config::default().explore_from)]
    explore_from: usize,
    /// Probability of following a wrong move when exploring.
    #[arg(long, default_value_t = Config::default().explore_p)]
    explore_p: f64,
    /// Cache the jackknifed training tags in FILE (experiments that
    /// change only the parser).
    #[arg(long, value_name = "FILE")]
    tag_cache: Option<PathBuf>,
    /// Word classes to induce from EWT train and Wikinews text, coarse
    /// and fine (0,0: none).
    #[arg(long, value_delimiter = ',', default_value = "256,1024")]
    classes: Vec<usize>,
    /// Take the word classes of this trained model file instead of
    /// inducing them (default: the committed model, so that retraining
    /// writes the committed bytes whatever casus's text layer does to the
    /// Wikinews text since; `none` induces them afresh from Wikinews cut
    /// by today's text layer, for a new class table).
    #[arg(
        long,
        value_name = "FILE|none",
        default_value = "dicts/model/parser.bin"
    )]
    classes_from: String,
    /// Relabel table log2 rows: training,shipped.
    #[arg(long, value_delimiter = ',')]
    relabel_bits: Option<Vec<u32>>,
    /// Train the relabeller on the parser's own trees of the training
    /// sentences instead of the gold trees.
    #[arg(long)]
    relabel_on_parsed: bool,
    /// Retrain only the parser of the model in FILE (needs `--tag-cache`
    /// from the run that trained it; experiments only).
    #[arg(long, value_name = "FILE", conflicts_with = "relabel_only")]
    parser_only: Option<PathBuf>,
    /// Only add a second labelling stage to the model in FILE (needs
    /// `--tag-cache` from the run that trained it; experiments only).
    #[arg(long, value_name = "FILE")]
    relabel_only: Option<PathBuf>,
    /// Tag in one pass (left to right) instead of two.
    #[arg(long)]
    one_pass: bool,
    /// Shipped log2 row counts: tagger,moves,labels.
    #[arg(long, value_delimiter = ',')]
    bits: Option<Vec<u32>>,
    /// Training log2 row counts: tagger,moves,labels.
    #[arg(long, value_delimiter = ',')]
    train_bits: Option<Vec<u32>>,
    /// Beam width of the parser's training and dev decoding (1: greedy
    /// with the dynamic oracle; wider: global training, early update).
    #[arg(long, default_value_t = Config::default().beam)]
    beam: usize,
}

/// Runs `casus-eval train-parser`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let mut cfg = Config {
        folds: args.folds,
        tagger_epochs: args.tagger_epochs,
        parser_epochs: args.parser_epochs,
        relabel_epochs: args.relabel_epochs,
        relabel_on_parsed: args.relabel_on_parsed,
        explore_from: args.explore_from,
        explore_p: args.explore_p,
        two_pass: !args.one_pass,
        classes: (
            args.classes.first().copied().unwrap_or(0),
            args.classes.get(1).copied().unwrap_or(0),
        ),
        tag_cache: args.tag_cache.clone(),
        beam: args.beam.max(1),
        ..Config::default()
    };
    for b in [&args.bits, &args.train_bits].into_iter().flatten() {
        if b.len() != 3 {
            anyhow::bail!("--bits and --train-bits take three numbers: tagger,moves,labels");
        }
    }
    if let Some(b) = &args.bits {
        cfg.tagger_bits.1 = b[0];
        cfg.move_bits.1 = b[1];
        cfg.label_bits.1 = b[2];
    }
    if let Some(b) = &args.relabel_bits {
        match b.as_slice() {
            [t, s] => cfg.relabel_bits = (*t, *s),
            _ => anyhow::bail!(
                "--relabel-bits takes two numbers: training,shipped"
            ),
        }
    }
    if let Some(b) = &args.train_bits {
        cfg.tagger_bits.0 = b[0];
        cfg.move_bits.0 = b[1];
        cfg.label_bits.0 = b[2];
    }
    let mut provenance = vec![(
        "trained_on".to_string(),
        "UD English EWT train (dev for model selection)".to_string(),
    )];
    let mut data = Vec::new();
    for split in ["train", "dev"] {
        let path = ud_file(&args.shared, "en_ewt", split);
        let bytes = std::fs::read(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        provenance.push((format!("sha256:{name}"), sha256_hex(&bytes)));
        data.push(read_conllu(&path)?);
    }
    let class_model = match args.classes_from.as_str() {
        "none" | "" => None,
        p => Some(
            std::fs::read(p)
                .with_context(|| format!("reading --classes-from {p}"))?,
        ),
    };
    let raw = if cfg.classes.0 > 0 {
        // The Wikinews hash stays in the header with --classes-from: the
        // committed class table was induced from this file (and the header
        // must not change for the command to rewrite the committed bytes).
        let path = args.shared.join("data/corpora/wikinews/wikinews-en.jsonl");
        let bytes = std::fs::read(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        provenance
            .push(("sha256:wikinews-en.jsonl".into(), sha256_hex(&bytes)));
        text_sentences(&bytes, &path)?
    } else {
        Vec::new()
    };
    // Hashes of the class input (the text classes are induced from, as
    // today's text layer cuts it) and of the class table the model gets:
    // `dicts/model/classes.sha256`, checked by a cheap test.
    let class_input = sha256_hex(&train::class_input_bytes(&data[0], &raw));
    let classes = match &class_model {
        Some(m) if cfg.classes.0 > 0 => train::WordClasses::From(m),
        _ => train::WordClasses::Induce(&raw),
    };
    let log = &mut |line: String| {
        eprintln!("[{:6.1}s] {line}", start.elapsed().as_secs_f64())
    };
    let bytes = match (&args.relabel_only, &args.parser_only) {
        (_, Some(p)) => {
            let m = std::fs::read(p)
                .with_context(|| format!("reading {}", p.display()))?;
            train::parser_only(&data[0], &data[1], &m, &cfg, log)?
        }
        (Some(p), None) => {
            let m = std::fs::read(p)
                .with_context(|| format!("reading {}", p.display()))?;
            train::relabel_only(&data[0], &data[1], &m, &cfg, log)?
        }
        (None, None) => {
            train::train(&data[0], &data[1], classes, &cfg, &provenance, log)?
        }
    };
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("writing {}", args.out.display()))?;
    let hash = sha256_hex(&bytes);
    let sha_path = args.out.with_extension("sha256");
    let file = args
        .out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    std::fs::write(&sha_path, format!("{hash}  {file}\n"))
        .with_context(|| format!("writing {}", sha_path.display()))?;
    if cfg.classes.0 > 0 {
        let table = sha256_hex(&train::class_table_bytes(&bytes)?);
        let cl_path = args.out.with_file_name("classes.sha256");
        std::fs::write(
            &cl_path,
            format!("{table}  class-table\n{class_input}  class-input\n"),
        )
        .with_context(|| format!("writing {}", cl_path.display()))?;
    }
    eprintln!(
        "wrote {} ({:.1} MB, sha256 {hash}) in {:.0} s",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// [`train::text_sentences`] of a file, with its path in errors.
fn text_sentences(
    bytes: &[u8],
    path: &std::path::Path,
) -> anyhow::Result<Vec<Vec<String>>> {
    let text = std::str::from_utf8(bytes)
        .with_context(|| format!("{}: not UTF-8", path.display()))?;
    train::text_sentences(text).with_context(|| format!("{}", path.display()))
}
