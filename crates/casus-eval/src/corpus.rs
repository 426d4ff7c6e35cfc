//! The one corpus reader of the benchmarks and evaluations: article files
//! in library-sized batches ([`Batches`]), all of a corpus's articles at
//! once ([`articles`]) for single-stage benchmarks, and Reuters-21578
//! records with their labels ([`reuters_docs`]).
//!
//! Everything goes through the ingest stage's own readers, so a
//! benchmark reads exactly what `casus code` reads.
//!
//! # Example
//!
//! ```no_run
//! use casus_eval::corpus;
//!
//! let files = corpus::files(&["../shared/data/corpora/reuters21578".into()])?;
//! let (articles, skipped) = corpus::articles(&files);
//! println!("{} articles, {skipped} records skipped", articles.len());
//! # Ok::<(), anyhow::Error>(())
//! ```

use std::io::BufReader;
use std::path::{Path, PathBuf};

use anyhow::Context;
use casus::ingest::reuters::{Doc, Reader};
use casus::ingest::{Input, Inputs, Options, Record};
use casus::Article;

/// The corpus inputs: for each directory its `.sgm` files when it has any
/// (the Reuters directory also holds category lists), else every article
/// file; files as given.
pub fn files(paths: &[PathBuf]) -> anyhow::Result<Vec<Input>> {
    let mut out = Vec::new();
    for path in paths {
        if !path.exists() {
            anyhow::bail!(
                "corpus {} not found (pass --corpus DIR)",
                path.display()
            );
        }
        let inputs = casus::ingest::expand(std::slice::from_ref(path))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let is_sgm = |i: &Input| match i {
            Input::File(p) => {
                casus::ingest::format_for(p)
                    == Some(casus::ingest::Format::Reuters)
            }
            Input::Stdin => false,
        };
        if path.is_dir() && inputs.iter().any(is_sgm) {
            out.extend(inputs.into_iter().filter(is_sgm));
        } else {
            out.extend(inputs);
        }
    }
    if out.is_empty() {
        anyhow::bail!("no article files in the corpus");
    }
    Ok(out)
}

/// The total size of the input files in bytes.
pub fn input_bytes(files: &[Input]) -> u64 {
    files
        .iter()
        .filter_map(|f| match f {
            Input::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            Input::Stdin => None,
        })
        .sum()
}

/// The articles of `files` in the ingest stage's batches
/// ([`Inputs::next_batch`]), counting skipped records.
pub struct Batches {
    inputs: Inputs,
    skipped: usize,
}

impl Batches {
    /// Batches over `files`.
    pub fn new(files: &[Input]) -> Batches {
        Batches {
            inputs: Inputs::from_inputs(files.to_vec(), Options::default()),
            skipped: 0,
        }
    }

    /// The next batch's articles; empty at the end.
    pub fn next_articles(&mut self) -> Vec<Article> {
        let mut out = Vec::new();
        for record in self.inputs.next_batch() {
            match record {
                Record::Article { article, .. } => out.push(article),
                Record::Skipped(_) => self.skipped += 1,
                Record::Warning(_) => {}
            }
        }
        out
    }

    /// Records skipped so far.
    pub fn skipped(&self) -> usize {
        self.skipped
    }
}

/// Every article of `files`, and the number of records skipped.
pub fn articles(files: &[Input]) -> (Vec<Article>, usize) {
    let mut batches = Batches::new(files);
    let mut out = Vec::new();
    loop {
        let batch = batches.next_articles();
        if batch.is_empty() {
            break;
        }
        out.extend(batch);
    }
    (out, batches.skipped())
}

/// The Reuters-21578 records (with their `<PLACES>` and `<TOPICS>`
/// labels) of the first `limit` (default: all) `reut2-*.sgm` files of
/// `dir`, in file order; unreadable records are left out.
pub fn reuters_docs(
    dir: &Path,
    limit: Option<usize>,
) -> anyhow::Result<Vec<Doc>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sgm"))
        .collect();
    files.sort();
    if let Some(n) = limit {
        files.truncate(n);
    }
    let mut out = Vec::new();
    for f in files {
        let file = std::fs::File::open(&f)
            .with_context(|| format!("reading {}", f.display()))?;
        let name = f.display().to_string();
        out.extend(Reader::new(&name, BufReader::new(file)).flatten());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A directory of seed files: every article, in batches, and a
    /// clear error for a missing corpus.
    #[test]
    fn reads_examples() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let files = files(&[dir]).expect("examples");
        assert_eq!(files.len(), 6);
        let (all, skipped) = articles(&files);
        assert_eq!((all.len(), skipped), (6, 0));
        assert!(input_bytes(&files) > 1000);
        let missing = files_err("no/such/dir");
        assert!(missing.contains("not found"), "{missing}");
    }

    fn files_err(p: &str) -> String {
        match files(&[PathBuf::from(p)]) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        }
    }
}
