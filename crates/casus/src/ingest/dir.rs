//! Paths, directories and stdin -> one stream of records, in a
//! deterministic order (arguments in order, directory entries sorted by
//! name, recursively), with duplicate article ids made unique.

use std::collections::{HashMap, VecDeque};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::{Format, Options, Problem, ProblemKind, Record, Source};

/// One input: a file or stdin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

/// The format a path's extension names (a trailing `.gz` is ignored), or
/// `None` when the extension says nothing.
pub fn format_for(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    match ext {
        "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
        "csv" => Some(Format::Csv),
        "tsv" | "tab" => Some(Format::Tsv),
        "txt" | "text" => Some(Format::Seed),
        "sgm" | "sgml" => Some(Format::Reuters),
        _ => None,
    }
}

/// Expands paths into inputs: `-` is stdin, files are kept as given and
/// directories are walked recursively (sorted by name, hidden entries and
/// files without a known extension skipped).
///
/// # Errors
///
/// [`crate::Error::Io`] when a path does not exist or a directory cannot
/// be listed: a fatal error, reported before anything is read.
pub fn expand(paths: &[PathBuf]) -> crate::Result<Vec<Input>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|source| {
            crate::Error::Io { path: path.clone(), source }
        })?;
        if meta.is_dir() {
            walk(path, &mut out)?;
        } else {
            out.push(Input::File(path.clone()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<Input>) -> crate::Result<()> {
    let io = |source| crate::Error::Io { path: dir.to_path_buf(), source };
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        entries.push(entry);
    }
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            walk(&path, out)?;
        } else if format_for(&path).is_some() && path.is_file() {
            out.push(Input::File(path));
        }
    }
    Ok(())
}

/// The id of a single-article file: its name without `.gz` and extension.
fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => name.to_string(),
    }
}

struct Counting<R> {
    inner: R,
    n: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.inner.read(buf)?;
        self.n.fetch_add(k as u64, Ordering::Relaxed);
        Ok(k)
    }
}

/// Every record of every input, in order.
///
/// Duplicate ids are made unique by appending `#2`, `#3`, ... and a
/// [`ProblemKind::DuplicateId`] warning is yielded before the article.
pub struct Inputs {
    queue: VecDeque<Input>,
    current: Option<Source>,
    opts: Options,
    seen: HashMap<String, u32>,
    pending: VecDeque<Record>,
    read: Arc<AtomicU64>,
    total: Option<u64>,
}

impl Inputs {
    /// Reads `paths` (see [`expand`]).
    ///
    /// # Errors
    ///
    /// As [`expand`].
    pub fn new(paths: &[PathBuf], opts: Options) -> crate::Result<Inputs> {
        Ok(Inputs::from_inputs(expand(paths)?, opts))
    }

    /// Reads the given inputs.
    pub fn from_inputs(inputs: Vec<Input>, opts: Options) -> Inputs {
        let total = inputs
            .iter()
            .map(|i| match i {
                Input::Stdin => None,
                Input::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            })
            .sum();
        Inputs {
            queue: inputs.into(),
            current: None,
            opts,
            seen: HashMap::new(),
            pending: VecDeque::new(),
            read: Arc::new(AtomicU64::new(0)),
            total,
        }
    }

    /// A counter of the raw (possibly compressed) bytes read so far,
    /// readable from another thread.
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.read)
    }

    /// The total size of the input files, when known (not with stdin).
    pub fn total_bytes(&self) -> Option<u64> {
        self.total
    }

    fn open(&self, input: Input) -> Result<Source, Problem> {
        let n = Arc::clone(&self.read);
        match input {
            Input::Stdin => {
                let r = Counting { inner: std::io::stdin(), n };
                Ok(Source::new("<stdin>", "stdin", r, None, self.opts.clone()))
            }
            Input::File(path) => {
                let name = path.display().to_string();
                let file = std::fs::File::open(&path).map_err(|e| {
                    Problem::new(
                        name.clone(),
                        ProblemKind::Io,
                        format!("cannot open: {e}"),
                    )
                })?;
                let r = Counting { inner: file, n };
                Ok(Source::new(
                    name,
                    stem(&path),
                    r,
                    format_for(&path),
                    self.opts.clone(),
                ))
            }
        }
    }

    fn dedup(&mut self, article: &mut super::Article, location: &str) {
        let count = self.seen.entry(article.id.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            return;
        }
        let mut n = *count;
        let mut id = format!("{}#{n}", article.id);
        while self.seen.contains_key(&id) {
            n += 1;
            id = format!("{}#{n}", article.id);
        }
        self.seen.insert(id.clone(), 1);
        self.pending.push_back(Record::Warning(Problem::new(
            location,
            ProblemKind::DuplicateId,
            format!("duplicate id {:?}, renamed to {:?}", article.id, id),
        )));
        article.id = id;
    }
}

impl Iterator for Inputs {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(r) = self.pending.pop_front() {
                return Some(r);
            }
            if let Some(source) = &mut self.current {
                match source.next() {
                    Some(Record::Article { mut article, location }) => {
                        self.dedup(&mut article, &location);
                        self.pending
                            .push_back(Record::Article { article, location });
                    }
                    Some(other) => return Some(other),
                    None => self.current = None,
                }
                continue;
            }
            let input = self.queue.pop_front()?;
            match self.open(input) {
                Ok(source) => self.current = Some(source),
                Err(p) => return Some(Record::Skipped(p)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_stems() {
        for (path, format, id) in [
            ("a/b.jsonl.gz", Some(Format::Jsonl), "b"),
            ("x.TSV", Some(Format::Tsv), "x"),
            ("seed_1.txt", Some(Format::Seed), "seed_1"),
            ("seed_1.txt.gz", Some(Format::Seed), "seed_1"),
            ("README", None, "README"),
            ("r.sgm", Some(Format::Reuters), "r"),
        ] {
            assert_eq!(format_for(Path::new(path)), format, "{path}");
            assert_eq!(stem(Path::new(path)), id, "{path}");
        }
    }
}
