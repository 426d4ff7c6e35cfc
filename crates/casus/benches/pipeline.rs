//! The whole coder over the example articles (`examples/`, committed),
//! as `cargo bench -p casus --bench pipeline`: best of 20 runs, in MB of
//! text and articles per second on one thread. The events it codes are
//! counted and checked first, so an optimisation that changes the output
//! fails here instead of looking fast; when accuracy work changes the
//! examples' events on purpose, update [`EVENTS`] with them.
//!
//! Whole-corpus figures (Reuters-21578, per CPU second, several threads)
//! are `casus-eval bench` (BENCHMARKS.md).

use std::path::PathBuf;
use std::time::Instant;

use casus::ingest::{Inputs, Options, Record};
use casus::{Article, Coder};

/// Events the coder finds in `examples/` (each article coded alone).
/// 72 since tree roles became the default: the three juntas of the Sahel
/// example each accuse ECOWAS (one sourceless event before).
const EVENTS: usize = 75;

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let inputs = match Inputs::new(&[dir], Options::default()) {
        Ok(i) => i,
        Err(e) => panic!("examples/: {e}"),
    };
    let articles: Vec<Article> = inputs
        .filter_map(|r| match r {
            Record::Article { article, .. } => Some(article),
            _ => None,
        })
        .collect();
    let coder = match Coder::builtin() {
        Ok(c) => c,
        Err(e) => panic!("built-in coder: {e}"),
    };
    let code_all =
        || -> usize { articles.iter().map(|a| coder.code(a).len()).sum() };
    let events = code_all();
    assert_eq!(
        events, EVENTS,
        "the examples' events changed: {events}, expected {EVENTS}"
    );
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut best = f64::INFINITY;
    for _ in 0..20 {
        let t = Instant::now();
        std::hint::black_box(code_all());
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "pipeline: {} articles, {bytes} bytes, {events} events; best of 20: \
         {:.2} ms = {:.2} MB/s, {:.0} articles/s (one thread)",
        articles.len(),
        best * 1e3,
        bytes as f64 / best / 1e6,
        articles.len() as f64 / best
    );
}
