//! Run memory: persons learned from title + name patterns in earlier
//! articles of the same run ("Israeli Prime Minister Benjamin Netanyahu"),
//! so that a later article's "Netanyahu" alone codes `ISRGOV`.
//!
//! Why explicit: the caller decides what a run is and when learnings
//! become visible. Coding a batch of articles against a fixed memory and
//! then merging the batch's learnings in input order
//! ([`RunMemory::merge`]) keeps the output the same for any thread count.
//! Titles change, so an entry only applies to articles dated within
//! [`RunMemory::window_days`] of the articles it was learned from; the
//! gazetteer's dated office holders always take precedence.

use super::learn::family_names;
use crate::codes::ActorCode;
use crate::date::Date;
use crate::span::Span;
use crate::util::FastMap;

/// A person an article defined with a title + name pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LearnedPerson {
    /// Canonical name as written ("Benjamin Netanyahu").
    pub name: String,
    /// Normalised name words, particles left out (`["benjamin",
    /// "netanyahu"]`); the last one is the surname later mentions use.
    pub words: Vec<String>,
    /// The code learned, e.g. `ISRGOV` (`---GOV` when the country is
    /// unknown).
    pub code: ActorCode,
    /// Normalised title, e.g. `prime minister`.
    pub title: String,
    /// The article that defined the person.
    pub article: String,
    /// Where in that article.
    pub span: Span,
    /// That article's date.
    pub date: Date,
}

impl LearnedPerson {
    /// Provenance for mentions in other articles:
    /// `learned:<article>:<start>-<end>`.
    pub fn entry(&self) -> String {
        format!(
            "learned:{}:{}-{}",
            self.article, self.span.start, self.span.end
        )
    }
}

#[derive(Clone, Debug)]
struct Remembered {
    person: LearnedPerson,
    first: Date,
    last: Date,
}

/// Persons learned earlier in a run, by surname, with the dates they were
/// seen under each code.
#[derive(Clone, Debug)]
pub struct RunMemory {
    entries: Vec<Remembered>,
    /// Every capitalised word of an article the gazetteer does not cover
    /// is looked up here: a short-key hash map.
    by_surname: FastMap<String, Vec<u32>>,
    window_days: i64,
}

impl Default for RunMemory {
    fn default() -> RunMemory {
        RunMemory::new()
    }
}

impl RunMemory {
    /// Days before the first and after the last article that learned an
    /// entry during which the entry applies, by default.
    pub const DEFAULT_WINDOW_DAYS: i64 = 365;

    /// An empty memory with the default window.
    pub fn new() -> RunMemory {
        RunMemory::with_window(RunMemory::DEFAULT_WINDOW_DAYS)
    }

    /// An empty memory whose entries apply `days` around their dates.
    pub fn with_window(days: i64) -> RunMemory {
        RunMemory {
            entries: Vec::new(),
            by_surname: FastMap::default(),
            window_days: days.max(0),
        }
    }

    /// The validity window in days.
    pub fn window_days(&self) -> i64 {
        self.window_days
    }

    /// Number of remembered (name, code) entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds what one article learned. Call in input order: a name seen
    /// again with the same code widens that entry's dates; with another
    /// code it becomes a second entry, and [`RunMemory::get`] picks by
    /// date (ties: the one learned first). An unknown-country code
    /// (`---GOV`) is replaced by a known one learned later.
    pub fn merge(&mut self, learned: &[LearnedPerson]) {
        for p in learned {
            let Some(surname) = p.words.last() else { continue };
            let ids = self.by_surname.entry(surname.clone()).or_default();
            let same_name = |e: &Remembered| e.person.words == p.words;
            let found = ids.iter().copied().find(|&i| {
                self.entries.get(i as usize).is_some_and(|e| {
                    same_name(e)
                        && (e.person.code == p.code
                            || e.person.code.lacks_country()
                                && !p.code.lacks_country()
                                && e.person.code.role() == p.code.role())
                })
            });
            match found.and_then(|i| self.entries.get_mut(i as usize)) {
                Some(e) => {
                    if e.person.code != p.code {
                        e.person.code = p.code.clone();
                    }
                    e.first = e.first.min(p.date);
                    e.last = e.last.max(p.date);
                }
                None => {
                    if p.code.lacks_country()
                        && ids.iter().any(|&i| {
                            self.entries.get(i as usize).is_some_and(same_name)
                        })
                    {
                        // Known already with a country: nothing to add.
                        continue;
                    }
                    let id = self.entries.len() as u32;
                    ids.push(id);
                    self.entries.push(Remembered {
                        person: p.clone(),
                        first: p.date,
                        last: p.date,
                    });
                    // "Yoon Suk Yeol" is also found by "Yoon", "Romeo
                    // Brawner Jr." by "Brawner".
                    for f in family_names(&p.words, &p.code)
                        .filter(|f| Some(*f) != p.words.last())
                    {
                        self.by_surname.entry(f.clone()).or_default().push(id);
                    }
                }
            }
        }
    }

    /// Days between `date` and an entry's dates (0 inside them), if
    /// within the window.
    fn distance(&self, e: &Remembered, date: Date) -> Option<i64> {
        let d = if date < e.first {
            (e.first - date).num_days()
        } else if date > e.last {
            (date - e.last).num_days()
        } else {
            0
        };
        (d <= self.window_days).then_some(d)
    }

    /// The entry for the person with these normalised name words on
    /// `date`: the nearest in time within the window (ties: learned
    /// first).
    pub fn get(&self, words: &[String], date: Date) -> Option<&LearnedPerson> {
        let ids = self.by_surname.get(words.last()?)?;
        self.best(ids, date, |e| e.person.words == words)
    }

    fn best(
        &self,
        ids: &[u32],
        date: Date,
        keep: impl Fn(&Remembered) -> bool,
    ) -> Option<&LearnedPerson> {
        let mut best: Option<(i64, &Remembered)> = None;
        for &i in ids {
            let Some(e) = self.entries.get(i as usize) else { continue };
            if !keep(e) {
                continue;
            }
            let Some(d) = self.distance(e, date) else { continue };
            if !matches!(best, Some((bd, _)) if bd <= d) {
                best = Some((d, e));
            }
        }
        best.map(|(_, e)| &e.person)
    }

    /// Every person (one entry per name) valid on `date` whose surname is
    /// among `words`, in the order they were first learned.
    pub(crate) fn candidates<'a>(
        &self,
        words: impl Iterator<Item = &'a str>,
        date: Date,
    ) -> Vec<&LearnedPerson> {
        let mut ids: Vec<u32> = Vec::new();
        for w in words {
            if let Some(v) = self.by_surname.get(w) {
                ids.extend(v.iter().copied());
            }
        }
        ids.sort_unstable();
        ids.dedup();
        let mut out: Vec<&LearnedPerson> = Vec::new();
        for &i in &ids {
            let Some(e) = self.entries.get(i as usize) else { continue };
            if out.iter().any(|p| p.words == e.person.words) {
                continue;
            }
            let same = |x: &Remembered| x.person.words == e.person.words;
            if let Some(p) = self.best(&ids, date, same) {
                out.push(p);
            }
        }
        out
    }
}

/// A run's memory learned in fixed blocks of articles, counted in input
/// order: the articles of block k resolve names against what the articles
/// of blocks 0..k defined.
///
/// Why blocks: the output then depends on the input alone. `casus code`,
/// `casus ingest` (any `--batch`, resumed or not), the bench and the
/// Python binding all code an article against the same memory, whatever
/// the thread count or how reading happens to batch the input; within a
/// block the articles are independent, so they code in parallel.
///
/// ```
/// use casus::actors::MemoryBlocks;
/// let mut run = MemoryBlocks::new(2);
/// assert_eq!(run.room(), 2);
/// run.push(Vec::new()); // what the first article learned
/// assert_eq!(run.room(), 1);
/// run.push(Vec::new()); // the block ends: its persons join the memory
/// assert_eq!(run.room(), 2);
/// assert!(run.memory().is_empty());
/// ```
#[derive(Clone, Debug)]
pub struct MemoryBlocks {
    memory: RunMemory,
    /// Articles per block; 0 turns learning off (`--no-run-memory`).
    block: usize,
    /// Articles pushed so far.
    seen: usize,
    /// What the current block's articles learned, in input order.
    learned: Vec<LearnedPerson>,
}

impl MemoryBlocks {
    /// Articles per block unless a command says otherwise.
    pub const DEFAULT_BLOCK: usize = 1000;

    /// Learns in blocks of `block` articles (at least 1).
    pub fn new(block: usize) -> MemoryBlocks {
        MemoryBlocks {
            memory: RunMemory::new(),
            block: block.max(1),
            seen: 0,
            learned: Vec::new(),
        }
    }

    /// Never learns: every article is coded alone.
    pub fn off() -> MemoryBlocks {
        MemoryBlocks { block: 0, ..MemoryBlocks::new(1) }
    }

    /// Whether articles' persons are learned at all (not [`MemoryBlocks::off`]).
    pub fn learns(&self) -> bool {
        self.block > 0
    }

    /// The memory the current block's articles are coded against.
    pub fn memory(&self) -> &RunMemory {
        &self.memory
    }

    /// Articles left in the current block (unbounded when off): a caller
    /// codes at most this many before the next [`MemoryBlocks::push`]es.
    pub fn room(&self) -> usize {
        match self.block {
            0 => usize::MAX,
            b => b - self.seen % b,
        }
    }

    /// Takes what the next article (in input order) learned; at the end
    /// of a block its persons join the memory.
    pub fn push(&mut self, learned: Vec<LearnedPerson>) {
        if self.block == 0 {
            return;
        }
        self.learned.extend(learned);
        self.seen += 1;
        if self.seen % self.block == 0 {
            self.memory.merge(&self.learned);
            self.learned.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(
        name: &str,
        code: &str,
        article: &str,
        date: &str,
    ) -> LearnedPerson {
        LearnedPerson {
            name: name.to_string(),
            words: name.split(' ').map(str::to_lowercase).collect(),
            code: code.parse().expect("actor code"),
            title: "minister".to_string(),
            article: article.to_string(),
            span: Span::new(0, name.len()),
            date: date.parse().expect("date"),
        }
    }

    /// `(merged in order, lookup name, lookup date, expected code)`.
    #[test]
    fn merge_and_get() {
        type Row<'a> = (
            &'a [(&'a str, &'a str, &'a str)],
            &'a str,
            &'a str,
            Option<&'a str>,
        );
        let table: &[Row] = &[
            // Learned once, valid around its date.
            (
                &[("Ana Lopez", "ESPGOV", "2000-01-10")],
                "Ana Lopez",
                "2000-03-01",
                Some("ESPGOV"),
            ),
            (
                &[("Ana Lopez", "ESPGOV", "2000-01-10")],
                "Ana Lopez",
                "1999-12-01",
                Some("ESPGOV"),
            ),
            // Outside the window: not applied.
            (
                &[("Ana Lopez", "ESPGOV", "2000-01-10")],
                "Ana Lopez",
                "2003-01-01",
                None,
            ),
            // Conflict at the same date: first wins.
            (
                &[
                    ("Ana Lopez", "ESPGOV", "2000-01-10"),
                    ("Ana Lopez", "ESPMIL", "2000-01-10"),
                ],
                "Ana Lopez",
                "2000-01-10",
                Some("ESPGOV"),
            ),
            // Different dates: the nearest wins.
            (
                &[
                    ("Ana Lopez", "ESPGOV", "2000-01-10"),
                    ("Ana Lopez", "ESPMIL", "2000-09-10"),
                ],
                "Ana Lopez",
                "2000-08-01",
                Some("ESPMIL"),
            ),
            // Seen again with the same code: its dates widen.
            (
                &[
                    ("Ana Lopez", "ESPGOV", "2000-01-10"),
                    ("Ana Lopez", "ESPGOV", "2001-06-01"),
                ],
                "Ana Lopez",
                "2002-03-01",
                Some("ESPGOV"),
            ),
            // An unknown country is filled in by a later learning.
            (
                &[
                    ("Ana Lopez", "---GOV", "2000-01-10"),
                    ("Ana Lopez", "ESPGOV", "2000-01-11"),
                ],
                "Ana Lopez",
                "2000-01-10",
                Some("ESPGOV"),
            ),
            // ... but does not override a known one.
            (
                &[
                    ("Ana Lopez", "ESPGOV", "2000-01-10"),
                    ("Ana Lopez", "---GOV", "2000-01-11"),
                ],
                "Ana Lopez",
                "2000-01-11",
                Some("ESPGOV"),
            ),
            // Another person with the same surname is another entry.
            (
                &[
                    ("Ana Lopez", "ESPGOV", "2000-01-10"),
                    ("Juan Lopez", "MEXGOV", "2000-01-10"),
                ],
                "Juan Lopez",
                "2000-01-10",
                Some("MEXGOV"),
            ),
        ];
        for (merged, name, date, want) in table {
            let mut m = RunMemory::new();
            for (i, (n, c, d)) in merged.iter().enumerate() {
                m.merge(&[person(n, c, &format!("a{i}"), d)]);
            }
            let words: Vec<String> =
                name.split(' ').map(str::to_lowercase).collect();
            let got = m
                .get(&words, date.parse().expect("date"))
                .map(|p| p.code.as_str());
            assert_eq!(got, *want, "{merged:?} {name} {date}");
        }
    }

    #[test]
    fn candidates_by_surname() {
        let mut m = RunMemory::new();
        m.merge(&[
            person("Ana Lopez", "ESPGOV", "a", "2000-01-10"),
            person("Juan Lopez", "MEXGOV", "b", "2000-01-10"),
            person("Li Wei", "CHNGOV", "c", "1990-01-10"),
        ]);
        let d: Date = "2000-02-01".parse().expect("date");
        let names = |ws: &[&str]| -> Vec<String> {
            m.candidates(ws.iter().copied(), d)
                .iter()
                .map(|p| p.name.clone())
                .collect()
        };
        assert_eq!(names(&["lopez"]), ["Ana Lopez", "Juan Lopez"]);
        assert_eq!(names(&["wei", "lopez"]), ["Ana Lopez", "Juan Lopez"]);
        assert_eq!(names(&["smith"]), Vec::<String>::new());
        assert_eq!(
            m.get(&["ana".into(), "lopez".into()], d).map(|p| p.entry()),
            Some("learned:a:0-9".into())
        );
    }
    /// A block's persons are visible from the next block on, never inside
    /// their own block; `off` never learns.
    #[test]
    fn blocks_publish_at_their_end() {
        let ana = || vec![person("Ana Lopez", "ESPGOV", "a1", "2000-01-10")];
        let words = ["ana".to_string(), "lopez".to_string()];
        let date: Date = "2000-01-11".parse().expect("date");
        let mut run = MemoryBlocks::new(3);
        run.push(ana());
        run.push(Vec::new());
        assert!(run.memory().get(&words, date).is_none());
        assert_eq!(run.room(), 1);
        run.push(Vec::new());
        assert_eq!(run.room(), 3);
        let got = run.memory().get(&words, date).map(|p| p.code.to_string());
        assert_eq!(got.as_deref(), Some("ESPGOV"));
        let mut off = MemoryBlocks::off();
        for _ in 0..5 {
            off.push(ana());
        }
        assert_eq!(off.room(), usize::MAX);
        assert!(off.memory().is_empty());
    }
}
