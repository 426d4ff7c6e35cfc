//! Paths into `../shared` and readers for its files.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use casus::syntax::conllu::{self, ConlluSentence};
use sha2::{Digest, Sha256};

/// A UD treebank file under `shared/data/ud/`.
pub fn ud_file(shared: &Path, treebank: &str, split: &str) -> PathBuf {
    shared
        .join("data/ud")
        .join(treebank)
        .join(format!("{treebank}-ud-{split}.conllu"))
}

/// Reads a CoNLL-U file; bad sentences are reported on stderr and
/// skipped, a missing file is an error naming it.
pub fn read_conllu(path: &Path) -> anyhow::Result<Vec<ConlluSentence>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for s in conllu::read(&text) {
        match s {
            Ok(s) => out.push(s),
            Err(e) => eprintln!("{}: {e}", path.display()),
        }
    }
    if out.is_empty() {
        bail!("{}: no sentences", path.display());
    }
    Ok(out)
}

/// The hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The parser to use: a model file, or the built-in one.
pub fn parser(model: Option<&Path>) -> anyhow::Result<casus::syntax::Parser> {
    match model {
        Some(p) => {
            let bytes = std::fs::read(p)
                .with_context(|| format!("reading {}", p.display()))?;
            casus::syntax::Parser::from_bytes(&bytes)
                .with_context(|| format!("loading {}", p.display()))
        }
        None => Ok(casus::syntax::Parser::builtin().clone()),
    }
}

/// The parser with the decoding flags applied (`None`: the model's own).
pub fn decoding(
    parser: casus::syntax::Parser,
    beam: Option<usize>,
    margin: Option<f32>,
) -> casus::syntax::Parser {
    let parser = match beam {
        Some(k) => parser.with_beam(k),
        None => parser,
    };
    match margin {
        Some(m) => parser.with_beam_margin(m),
        None => parser,
    }
}
