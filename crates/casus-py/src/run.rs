//! A coding run over a stream of article rows, with the CLI's semantics:
//! the rows are cut into batches exactly as
//! [`casus::ingest::Inputs::next_batch`] cuts a file (at most
//! [`BATCH_ARTICLES`] articles, [`BATCH_BYTES`] bytes of text and
//! [`BATCH_RECORDS`] records), each batch is coded one run-memory block
//! at a time ([`MemoryBlocks`], the CLI's blocks of input articles); duplicate ids are renamed `id#2`,
//! `id#3`, ... as the readers rename them. So a run over the rows of a
//! file gives what `casus code` gives on that file, record for record.
//!
//! Why a stream: a Spark task receives its partition as a sequence of
//! Arrow batches whose boundaries are Spark's, not the CLI's; the run
//! keeps the rows of an unfinished batch until it fills (or the run
//! finishes), so the output does not depend on them.

use std::collections::{HashMap, HashSet};

use casus::actors::MemoryBlocks;
use casus::ingest::{Article, BATCH_ARTICLES, BATCH_BYTES, BATCH_RECORDS};
use casus::Coder;
use rayon::prelude::*;

use crate::table::{Input, Row};

/// What to do with a record that cannot be coded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnError {
    /// Fail the call, naming the record; nothing of the call is coded.
    Raise,
    /// Skip the record and report it in [`Outcome::problems`].
    Skip,
}

/// A problem with one record.
#[derive(Clone, Debug)]
pub struct Problem {
    /// `row 3 (id "a7")`.
    pub location: String,
    /// Why, one line.
    pub reason: String,
    /// True when the record was skipped (false: a warning, the article
    /// was still coded).
    pub skipped: bool,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.reason)
    }
}

/// What one call coded, and what went wrong.
#[derive(Default)]
pub struct Outcome {
    /// Events of the batches completed by the call, in input order.
    pub rows: Vec<Row>,
    /// Skipped records and warnings, in input order.
    pub problems: Vec<Problem>,
}

/// A record of the current batch, as the readers yield them.
enum Pending {
    Article(i64, Article),
    /// A skipped record or a warning: counts toward
    /// [`BATCH_RECORDS`].
    Other,
}

/// The state of one run.
pub struct RunState {
    /// Persons learned by earlier blocks ([`MemoryBlocks::off`]: no names
    /// carry over between articles, `--no-run-memory`).
    memory: MemoryBlocks,
    pending: Vec<Pending>,
    articles: usize,
    bytes: usize,
    /// Ids seen so far and how often each original id occurred.
    seen: HashSet<String>,
    dups: HashMap<String, u32>,
    /// Rows read so far (the next row's index).
    next_row: i64,
    /// Prefix of record locations (`row`, `partition 3 row`).
    label: String,
    /// Worker threads for coding a batch (1: the calling thread).
    threads: usize,
}

impl RunState {
    /// A new run.
    pub fn new(run_memory: bool, label: String, threads: usize) -> RunState {
        RunState {
            memory: if run_memory {
                MemoryBlocks::new(MemoryBlocks::DEFAULT_BLOCK)
            } else {
                MemoryBlocks::off()
            },
            pending: Vec::new(),
            articles: 0,
            bytes: 0,
            seen: HashSet::new(),
            dups: HashMap::new(),
            next_row: 0,
            label,
            threads,
        }
    }

    /// Reads the rows of `input`, coding every batch they complete.
    ///
    /// # Errors
    ///
    /// With [`OnError::Raise`], the first bad record (then nothing of
    /// `input` was taken into the run).
    pub fn feed(
        &mut self,
        coder: &Coder,
        input: &Input<'_>,
        on_error: OnError,
    ) -> Result<Outcome, Problem> {
        let mut records = Vec::with_capacity(input.len());
        for i in 0..input.len() {
            let row = self.next_row + i as i64;
            let fields = input.fields(i);
            let location = match fields.id.as_deref().map(str::trim) {
                Some(id) if !id.is_empty() => {
                    format!("{} {row} (id {id:?})", self.label)
                }
                _ => format!("{} {row}", self.label),
            };
            let tag = input.tag(i).unwrap_or(row);
            match fields.into_article(&location) {
                Ok(a) => records.push(Ok((tag, location, a))),
                Err(p) if on_error == OnError::Raise => {
                    return Err(Problem {
                        location: p.location,
                        reason: p.reason,
                        skipped: true,
                    });
                }
                Err(p) => records.push(Err(Problem {
                    location: p.location,
                    reason: p.reason,
                    skipped: true,
                })),
            }
        }
        self.next_row += input.len() as i64;
        let mut out = Outcome::default();
        for r in records {
            match r {
                Ok((tag, location, mut a)) => {
                    if let Some(p) = self.dedup(&mut a, location) {
                        out.problems.push(p);
                        self.push(coder, Pending::Other, &mut out);
                    }
                    self.push(coder, Pending::Article(tag, a), &mut out);
                }
                Err(p) => {
                    out.problems.push(p);
                    self.push(coder, Pending::Other, &mut out);
                }
            }
        }
        Ok(out)
    }

    /// Codes the last, unfinished batch.
    pub fn finish(&mut self, coder: &Coder) -> Outcome {
        let mut out = Outcome::default();
        self.flush(coder, &mut out);
        out
    }

    /// Renames a duplicate id as [`casus::ingest::Inputs`] does.
    fn dedup(&mut self, a: &mut Article, location: String) -> Option<Problem> {
        if self.seen.insert(a.id.clone()) {
            return None;
        }
        let count = self.dups.entry(a.id.clone()).or_insert(1);
        *count += 1;
        let mut n = *count;
        let mut id = format!("{}#{n}", a.id);
        while self.seen.contains(&id) {
            n += 1;
            id = format!("{}#{n}", a.id);
        }
        self.seen.insert(id.clone());
        let reason = format!("duplicate id {:?}, renamed to {:?}", a.id, id);
        a.id = id;
        Some(Problem { location, reason, skipped: false })
    }

    /// Adds one record to the current batch, coding the batch when it
    /// is full (the limits of `Inputs::next_batch`).
    fn push(&mut self, coder: &Coder, r: Pending, out: &mut Outcome) {
        if let Pending::Article(_, a) = &r {
            self.articles += 1;
            self.bytes += a.text.len();
        }
        self.pending.push(r);
        if self.articles >= BATCH_ARTICLES
            || self.bytes >= BATCH_BYTES
            || self.pending.len() >= BATCH_RECORDS
        {
            self.flush(coder, out);
        }
    }

    /// Codes the current batch, one memory block's segment at a time.
    fn flush(&mut self, coder: &Coder, out: &mut Outcome) {
        let pending = std::mem::take(&mut self.pending);
        self.articles = 0;
        self.bytes = 0;
        let articles: Vec<(i64, Article)> = pending
            .into_iter()
            .filter_map(|p| match p {
                Pending::Article(tag, a) => Some((tag, a)),
                Pending::Other => None,
            })
            .collect();
        if articles.is_empty() {
            return;
        }
        let mut done = 0;
        while done < articles.len() {
            let end = done + self.memory.room().min(articles.len() - done);
            self.code_segment(coder, &articles[done..end], out);
            done = end;
        }
    }

    /// Codes articles of one memory block against the memory of the
    /// blocks before; what they learned joins it in input order.
    fn code_segment(
        &mut self,
        coder: &Coder,
        articles: &[(i64, Article)],
        out: &mut Outcome,
    ) {
        let memory = self.memory.memory();
        let code = |(_, a): &(i64, Article)| coder.code_in_run(a, memory);
        let coded: Vec<_> = if self.threads == 1 {
            articles.iter().map(code).collect()
        } else {
            match rayon::ThreadPoolBuilder::new()
                .num_threads(self.threads)
                .build()
            {
                Ok(pool) => {
                    pool.install(|| articles.par_iter().map(code).collect())
                }
                // No threads to be had: code on this one.
                Err(_) => articles.iter().map(code).collect(),
            }
        };
        for ((tag, a), (events, learned)) in articles.iter().zip(coded) {
            self.memory.push(learned);
            for (seq, e) in events.into_iter().enumerate() {
                out.rows.push(Row {
                    event: casus_store::export::unstored(a, e),
                    row: *tag,
                    seq: seq as i64,
                });
            }
        }
    }
}
