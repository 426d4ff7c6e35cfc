//! Throughput of the time stage alone on Reuters-21578 (each story's
//! `<DATE>` as the DCT), single-threaded. Ignored by default; run with
//! `cargo test --release -p casus time::bench -- --ignored --nocapture`.
//! Skips when `../shared` is absent.

use std::path::Path;
use std::time::Instant;

use super::TimeTagger;
use crate::Date;

/// CPU time of this thread in seconds (from
/// `/proc/thread-self/schedstat`), so that a loaded machine does not
/// distort the figure; falls back to wall time elsewhere.
fn cpu_now() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Runs `f`, returning (wall seconds, CPU seconds).
fn timed(mut f: impl FnMut()) -> (f64, f64) {
    let (w0, c0) = (Instant::now(), cpu_now());
    f();
    let wall = w0.elapsed().as_secs_f64();
    let cpu = match (c0, cpu_now()) {
        (Some(a), Some(b)) => b - a,
        _ => wall,
    };
    (wall, cpu)
}

/// (DCT, body) of every story with a body, read with the ingest stage's
/// own Reuters reader.
fn load(dir: &Path) -> Vec<(Date, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| {
        p.extension().is_some_and(|x| x == "sgm")
    });
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let Ok(file) = std::fs::File::open(&f) else { continue };
        let name = f.display().to_string();
        let reader = crate::ingest::reuters::Reader::new(
            &name,
            std::io::BufReader::new(file),
        );
        for doc in reader.flatten() {
            out.push((doc.article.date, doc.article.text));
        }
    }
    out
}

#[test]
#[ignore]
fn bench_reuters() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/corpora/reuters21578");
    if !dir.is_dir() {
        eprintln!("skipping: {} is absent", dir.display());
        return;
    }
    let stories = load(&dir);
    let analyzed: Vec<_> =
        stories.iter().map(|(_, t)| crate::text::analyze(t)).collect();
    let bytes: usize = stories.iter().map(|(_, t)| t.len()).sum();
    let tagger = TimeTagger::new();
    let mut best = (f64::MAX, f64::MAX);
    let mut found = 0;
    for _ in 0..3 {
        let (wall, cpu) = timed(|| {
            found = 0;
            for ((dct, text), a) in stories.iter().zip(&analyzed) {
                found += tagger.find(*dct, text, a).len();
            }
        });
        best = (best.0.min(wall), best.1.min(cpu));
    }
    let sentences: usize = analyzed.iter().map(|a| a.sentences.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "reuters: {} stories, {:.1} MB, {} sentences, {} expressions; best of 3: \
         CPU {:.3} s = {:.1} MB/s, {:.0} sentences/s (one core); wall {:.3} s = {:.1} MB/s",
        stories.len(),
        mb,
        sentences,
        found,
        best.1,
        mb / best.1,
        sentences as f64 / best.1,
        best.0,
        mb / best.0
    );
    assert!(found > stories.len(), "too few expressions: {found}");
}

#[test]
#[ignore]
fn bench_triggers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/corpora/reuters21578");
    if !dir.is_dir() {
        return;
    }
    let stories = load(&dir);
    let bytes: usize = stories.iter().map(|(_, t)| t.len()).sum();
    let tagger = TimeTagger::new();
    let rules = &tagger.grammar.rules;
    let mut n = 0;
    let mut cands = 0;
    let (_, a) = timed(|| {
        for (_, text) in &stories {
            n += rules.triggers(text.as_bytes()).len();
        }
    });
    let (_, b) = timed(|| {
        for (_, text) in &stories {
            for t in rules.triggers(text.as_bytes()) {
                let (starts, k) =
                    super::word_starts_before(text.as_bytes(), t, 0);
                for &w in &starts[..k] {
                    cands += rules.candidates(text.as_bytes(), w).len();
                }
            }
        }
    });
    println!(
        "triggers {n} at {:.1} MB/s; with candidates ({cands}) {:.1} MB/s",
        bytes as f64 / 1e6 / a,
        bytes as f64 / 1e6 / b
    );
}
