//! Paths, directories and stdin -> one stream of records, in a
//! deterministic order (arguments in order, directory entries sorted by
//! name, recursively), with duplicate article ids made unique.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::{BufRead, Read};
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
/// [`crate::error::Error::Io`] when a path does not exist or a directory cannot
/// be listed: a fatal error, reported before anything is read.
pub fn expand(paths: &[PathBuf]) -> crate::error::Result<Vec<Input>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|source| {
            crate::error::Error::Io { path: path.clone(), source }
        })?;
        if meta.is_dir() {
            walk(path, &mut out)?;
        } else {
            out.push(Input::File(path.clone()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<Input>) -> crate::error::Result<()> {
    let io =
        |source| crate::error::Error::Io { path: dir.to_path_buf(), source };
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

/// Reads a gzip file to its end once before any of its articles is
/// read: a stream corrupt in the middle (CRC error, truncation) would
/// otherwise yield garbled articles that are stored before the error at
/// its end, and a gzip bomb is refused here, by its decompressed size.
/// Other files pass untouched. Decompression runs at ~300 MB/s, a few
/// percent of coding time.
fn verify_gzip(name: &str, path: &Path, max: u64) -> Result<(), Problem> {
    let problem = |kind, reason: String| Problem::new(name, kind, reason);
    let Ok(mut f) = std::fs::File::open(path) else { return Ok(()) };
    let mut magic = [0u8; 2];
    if f.read_exact(&mut magic).is_err() || magic != [0x1f, 0x8b] {
        return Ok(());
    }
    let Ok(f) = std::fs::File::open(path) else { return Ok(()) };
    let gz = flate2::read::MultiGzDecoder::new(std::io::BufReader::new(f));
    let mut limited = gz.take(max + 1);
    match std::io::copy(&mut limited, &mut std::io::sink()) {
        Ok(n) if n > max => Err(problem(
            ProblemKind::TooLarge,
            format!(
                "decompresses to more than {max} bytes \
                 (--max-decompressed-bytes)"
            ),
        )),
        Ok(_) => Ok(()),
        Err(e) => Err(problem(
            ProblemKind::Truncated,
            format!(
                "truncated or corrupt gzip stream ({e}); none of its \
                 articles were read"
            ),
        )),
    }
}

/// Gzip on stdin, checked as a gzip file is ([`verify_gzip`]): the
/// compressed stream is copied to a temporary file (unlinked once open,
/// so nothing is left behind), read to its end, and only then handed on,
/// so a stream corrupt in the middle yields no article.
fn spool_gzip(
    mut stdin: impl Read,
    max: u64,
) -> Result<std::fs::File, Problem> {
    let io = |what: &str, e: std::io::Error| {
        Problem::new("<stdin>", ProblemKind::Io, format!("{what}: {e}"))
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let path = std::env::temp_dir()
        .join(format!("casus-stdin-{}-{nanos}.gz", std::process::id()));
    let mut spool = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| io("cannot spool gzip input", e))?;
    let copied = std::io::copy(&mut stdin, &mut spool);
    let checked = copied
        .map_err(|e| io("cannot read", e))
        .and_then(|_| verify_gzip("<stdin>", &path, max));
    let file = checked.and_then(|()| {
        std::fs::File::open(&path).map_err(|e| io("cannot reopen", e))
    });
    // Unlinked whatever happened: an open file stays readable.
    let _ = std::fs::remove_file(&path);
    file
}

/// A deterministic 64-bit hash of an id.
fn hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
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

/// Most articles in one batch ([`Inputs::next_batch`]).
pub const BATCH_ARTICLES: usize = 512;
/// Most text bytes in one batch (a single larger article is its own).
pub const BATCH_BYTES: usize = 16 << 20;
/// Most records (articles, skipped records, warnings) in one batch.
pub const BATCH_RECORDS: usize = 4096;

/// Every record of every input, in order.
///
/// Duplicate ids are made unique by appending `#2`, `#3`, ... and a
/// [`ProblemKind::DuplicateId`] warning is yielded before the article.
pub struct Inputs {
    queue: VecDeque<Input>,
    current: Option<Source>,
    opts: Options,
    /// Ids seen so far, by 64-bit hash (a false duplicate needs a 64-bit
    /// collision).
    seen: Seen,
    /// How often each duplicated id hash was seen.
    dups: HashMap<u64, u32>,
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
    pub fn new(
        paths: &[PathBuf],
        opts: Options,
    ) -> crate::error::Result<Inputs> {
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
            seen: Seen::default(),
            dups: HashMap::new(),
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

    /// The next batch of records: up to [`BATCH_ARTICLES`] articles or
    /// [`BATCH_BYTES`] bytes of text (or one larger article), and at most
    /// [`BATCH_RECORDS`] records in all; empty at the end.
    ///
    /// Why batches: readers are sequential, so a program reads batch k+1
    /// while it codes batch k on all cores; batches depend on the input
    /// alone (never on the thread count), so anything carried from one
    /// batch to the next (the actors' run memory) gives the same output
    /// for any number of threads, and memory stays bounded by the
    /// largest article.
    pub fn next_batch(&mut self) -> Vec<Record> {
        let mut out = Vec::new();
        let (mut articles, mut bytes) = (0, 0);
        while articles < BATCH_ARTICLES
            && bytes < BATCH_BYTES
            && out.len() < BATCH_RECORDS
        {
            let Some(record) = self.next() else { break };
            if let Record::Article { article, .. } = &record {
                articles += 1;
                bytes += article.text.len();
            }
            out.push(record);
        }
        out
    }

    fn open(&self, input: Input) -> Result<Source, Problem> {
        let n = Arc::clone(&self.read);
        match input {
            Input::Stdin => {
                let mut stdin = std::io::BufReader::new(std::io::stdin());
                let gzip = stdin
                    .fill_buf()
                    .is_ok_and(|head| head.starts_with(&[0x1f, 0x8b]));
                // No name to take the id from: the content gives it
                // (`stdin-<hash>`), so two runs never share an id.
                if !gzip {
                    let r = Counting { inner: stdin, n };
                    return Ok(Source::new(
                        "<stdin>",
                        "",
                        r,
                        None,
                        self.opts.clone(),
                    ));
                }
                let file =
                    spool_gzip(stdin, self.opts.max_decompressed_bytes)?;
                let r = Counting { inner: file, n };
                Ok(Source::new("<stdin>", "", r, None, self.opts.clone()))
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
                verify_gzip(&name, &path, self.opts.max_decompressed_bytes)?;
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
        let h = hash(&article.id);
        if self.seen.insert(h) {
            return;
        }
        let count = self.dups.entry(h).or_insert(1);
        *count += 1;
        let mut n = *count;
        let mut id = format!("{}#{n}", article.id);
        while self.seen.contains(hash(&id)) {
            n += 1;
            id = format!("{}#{n}", article.id);
        }
        self.seen.insert(hash(&id));
        self.pending.push_back(Record::Warning(Problem::new(
            location,
            ProblemKind::DuplicateId,
            format!("duplicate id {:?}, renamed to {:?}", article.id, id),
        )));
        article.id = id;
    }
}

/// A set of 64-bit id hashes in 8 bytes per id: a sorted vector plus a
/// small hash set of recent ids, merged into the vector when it fills.
/// A hash table would take 17-34 bytes per id (load factor, doubling)
/// and hold two tables while growing: ~200 MB at 6 million articles, the
/// count of a 5 GB file of short articles.
#[derive(Default)]
struct Seen {
    sorted: Vec<u64>,
    recent: HashSet<u64>,
}

/// Ids kept in [`Seen::recent`] before a merge.
const RECENT: usize = 1 << 16;

impl Seen {
    fn contains(&self, h: u64) -> bool {
        self.recent.contains(&h) || self.sorted.binary_search(&h).is_ok()
    }

    /// Adds `h`; false when it was there already.
    fn insert(&mut self, h: u64) -> bool {
        if self.contains(h) {
            return false;
        }
        self.recent.insert(h);
        if self.recent.len() >= RECENT {
            self.merge();
        }
        true
    }

    /// Merges `recent` into `sorted` in place, from the back.
    fn merge(&mut self) {
        let mut new: Vec<u64> = self.recent.drain().collect();
        new.sort_unstable();
        let (n, k) = (self.sorted.len(), new.len());
        self.sorted.resize(n + k, 0);
        let (mut i, mut j) = (n, k);
        while j > 0 {
            let w = i + j - 1;
            if i > 0 && self.sorted[i - 1] > new[j - 1] {
                self.sorted[w] = self.sorted[i - 1];
                i -= 1;
            } else {
                self.sorted[w] = new[j - 1];
                j -= 1;
            }
        }
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
                        // Readers bound what they hold; this catches the
                        // formats that cannot (a Reuters record).
                        let max = self.opts.max_article_bytes;
                        if article.text.len() > max {
                            let p = super::too_large(&location, max);
                            return Some(Record::Skipped(p));
                        }
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
    fn seen_set() {
        let mut seen = Seen::default();
        // More than RECENT ids, so merges happen; every third repeats.
        let ids: Vec<u64> =
            (0..(RECENT as u64) * 3).map(|i| (i * 7919) % 150_001).collect();
        let mut plain = HashSet::new();
        for &h in &ids {
            assert_eq!(seen.insert(h), plain.insert(h), "{h}");
        }
        for h in 0..150_010 {
            assert_eq!(seen.contains(h), plain.contains(&h), "{h}");
        }
        assert!(seen.sorted.windows(2).all(|w| w[0] < w[1]));
    }

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
