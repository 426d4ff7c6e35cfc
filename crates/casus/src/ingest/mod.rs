//! Ingestion: every article format a user has -> [`Article`].
//!
//! Readers take `std::io::Read` and yield one [`Record`] per article or
//! per bad record, so a bad record is reported and counted, never fatal,
//! and memory stays bounded by the largest single article (JSON Lines and
//! CSV are read record by record; a seed or text file is one article).
//!
//! Formats (chosen by extension, else sniffed from the first bytes):
//!
//! | format | extension | content |
//! |---|---|---|
//! | [`Format::Seed`] | `.txt` | ` date YYYY-MM-DD text...`, or plain text with [`Options::date`] |
//! | [`Format::Jsonl`] | `.jsonl`, `.ndjson`, `.json` | `{"id", "date", "text"}` per line; `title`, `url`, `outlet`, `language` optional |
//! | [`Format::Csv`], [`Format::Tsv`] | `.csv`, `.tsv` | a header naming the same columns |
//! | [`Format::Reuters`] | `.sgm` | Reuters-21578 SGML ([`reuters`]) |
//!
//! Any of them may be gzip-compressed (detected by the magic bytes).
//! [`Inputs`] walks paths and directories in a deterministic order and
//! makes duplicate ids unique.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::Date;

mod csv;
mod dir;
mod jsonl;
pub mod reuters;
mod seed;
mod source;

pub use self::dir::{
    expand, format_for, Input, Inputs, BATCH_ARTICLES, BATCH_BYTES,
    BATCH_RECORDS,
};
pub use self::source::Source;

/// One dated news article: the unit every stage works on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Unique id (file stem, or the record's `id` field).
    pub id: String,
    /// Publication date: the document creation time (DCT) that relative
    /// time expressions are resolved against.
    pub date: Date,
    /// The article text, exactly as read (after lossy UTF-8 decoding).
    pub text: String,
    /// Headline, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Where the article was published, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The publisher, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Language tag, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Article {
    /// An article with only the required fields.
    pub fn new(id: &str, date: Date, text: &str) -> Article {
        Article {
            id: id.to_string(),
            date,
            text: text.to_string(),
            title: None,
            url: None,
            outlet: None,
            language: None,
        }
    }
}

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One article per file: ` date YYYY-MM-DD text`, or plain text when
    /// [`Options::date`] is set.
    Seed,
    /// JSON Lines, one article object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// Reuters-21578 SGML.
    Reuters,
}

/// Reading options.
#[derive(Clone, Debug)]
pub struct Options {
    /// The date of plain text articles without a `date YYYY-MM-DD` prefix.
    pub date: Option<Date>,
    /// Articles (and JSON lines, CSV records, seed files) larger than this
    /// are skipped with a [`ProblemKind::TooLarge`] line naming them,
    /// without being held in memory whole.
    pub max_article_bytes: usize,
    /// A gzip file that decompresses to more than this is skipped whole
    /// (a gzip bomb), before any of its articles is read.
    pub max_decompressed_bytes: u64,
}

impl Options {
    /// Default [`Options::max_article_bytes`]: 64 MiB, far above any news
    /// article (a long one is ~50 KB), low enough that coding one stays
    /// within a few GB.
    pub const MAX_ARTICLE_BYTES: usize = 64 << 20;
    /// Default [`Options::max_decompressed_bytes`]: 16 GiB.
    pub const MAX_DECOMPRESSED_BYTES: u64 = 16 << 30;
}

impl Default for Options {
    fn default() -> Options {
        Options {
            date: None,
            max_article_bytes: Options::MAX_ARTICLE_BYTES,
            max_decompressed_bytes: Options::MAX_DECOMPRESSED_BYTES,
        }
    }
}

/// The problem for an article over [`Options::max_article_bytes`].
pub(crate) fn too_large(location: &str, max: usize) -> Problem {
    Problem::new(
        location,
        ProblemKind::TooLarge,
        format!(
            "article larger than {max} bytes \
             (--max-article-bytes)"
        ),
    )
}

/// What went wrong with one record (or why a warning was raised).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file holds no article at all.
    EmptyFile,
    /// The file looks binary (NUL bytes).
    BinaryFile,
    /// No `id`.
    MissingId,
    /// No date (no prefix, no field, no `--date`).
    MissingDate,
    /// A date that does not parse.
    InvalidDate,
    /// No text, or empty text.
    MissingText,
    /// A line that is not a JSON object of the expected shape.
    MalformedJson,
    /// A CSV/TSV record or header that cannot be used.
    MalformedCsv,
    /// A gzip stream that ends early or is corrupt.
    Truncated,
    /// A record whose end is missing (an unbalanced CSV quote, a
    /// `<REUTERS>` without `</REUTERS>`): it would swallow the next one.
    Unterminated,
    /// An article, line or file over a size limit
    /// ([`Options::max_article_bytes`], [`Options::max_decompressed_bytes`]).
    TooLarge,
    /// Any other read error.
    Io,
    /// Warning: bytes that are not UTF-8, decoded lossily.
    InvalidUtf8,
    /// Warning: an id seen before; the article got a new id.
    DuplicateId,
}

impl ProblemKind {
    /// A short label, used in summaries ("3 invalid date").
    pub fn label(self) -> &'static str {
        match self {
            ProblemKind::EmptyFile => "empty file",
            ProblemKind::BinaryFile => "binary file",
            ProblemKind::MissingId => "missing id",
            ProblemKind::MissingDate => "missing date",
            ProblemKind::InvalidDate => "invalid date",
            ProblemKind::MissingText => "missing text",
            ProblemKind::MalformedJson => "malformed JSON",
            ProblemKind::MalformedCsv => "malformed CSV",
            ProblemKind::Truncated => "truncated input",
            ProblemKind::Unterminated => "unterminated record",
            ProblemKind::TooLarge => "over a size limit",
            ProblemKind::Io => "read error",
            ProblemKind::InvalidUtf8 => "invalid UTF-8",
            ProblemKind::DuplicateId => "duplicate id",
        }
    }
}

/// A bad record or a warning: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// `file`, `file:line` or `<stdin>:line`.
    pub location: String,
    /// The category, for summaries.
    pub kind: ProblemKind,
    /// The full reason, one line.
    pub reason: String,
}

impl Problem {
    pub(crate) fn new(
        location: impl Into<String>,
        kind: ProblemKind,
        reason: impl Into<String>,
    ) -> Problem {
        Problem { location: location.into(), kind, reason: reason.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.reason)
    }
}

/// One item from a reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    /// An article and where it was read from.
    Article {
        /// The article.
        article: Article,
        /// `file` or `file:line`.
        location: String,
    },
    /// Something worth telling the user; the affected article (if any) is
    /// still yielded.
    Warning(Problem),
    /// A record that could not be read and was skipped.
    Skipped(Problem),
}

/// Parses an article date: `YYYY-MM-DD`, or RFC 3339 (`2024-02-11T08:30:00Z`,
/// whose calendar date as written is used), or `YYYY-MM-DDTHH:MM:SS`.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Ok(d) = Date::parse_from_str(s, "%Y-%m-%d") {
        // chrono accepts "2024-2-1"; insist on the zero-padded form.
        return (s.len() == 10).then_some(d);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt.date());
        }
    }
    None
}

/// The fields of one tabular or JSON record, before validation. Public
/// so that other front ends (the Python package's Arrow tables) validate
/// records exactly as the readers do.
#[derive(Debug, Default)]
pub struct Fields {
    /// `id` (required, non-blank).
    pub id: Option<String>,
    /// `date` (required; see [`parse_date`]).
    pub date: Option<String>,
    /// `text` (required, non-blank).
    pub text: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `url`.
    pub url: Option<String>,
    /// `outlet`.
    pub outlet: Option<String>,
    /// `language`.
    pub language: Option<String>,
}

impl Fields {
    /// Validates the fields into an article.
    pub fn into_article(self, location: &str) -> Result<Article, Problem> {
        let non_empty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        let Some(id) = non_empty(self.id) else {
            return Err(Problem::new(
                location,
                ProblemKind::MissingId,
                "missing \"id\"",
            ));
        };
        let Some(date) = non_empty(self.date) else {
            return Err(Problem::new(
                location,
                ProblemKind::MissingDate,
                "missing \"date\"",
            ));
        };
        let Some(date) = parse_date(&date) else {
            return Err(Problem::new(
                location,
                ProblemKind::InvalidDate,
                format!(
                    "invalid date {:?} (expected YYYY-MM-DD or RFC 3339)",
                    date
                ),
            ));
        };
        let Some(text) = non_empty(self.text) else {
            return Err(Problem::new(
                location,
                ProblemKind::MissingText,
                "missing \"text\"",
            ));
        };
        Ok(Article {
            id: id.trim().to_string(),
            date,
            text,
            title: non_empty(self.title),
            url: non_empty(self.url),
            outlet: non_empty(self.outlet),
            language: non_empty(self.language),
        })
    }
}

/// Decodes `bytes` as UTF-8, lossily; the flag says whether anything was
/// replaced.
pub(crate) fn decode(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), false),
        Err(_) => (String::from_utf8_lossy(bytes), true),
    }
}

/// The warning for lossily decoded bytes at `location`.
pub(crate) fn utf8_warning(location: &str) -> Problem {
    Problem::new(
        location,
        ProblemKind::InvalidUtf8,
        "invalid UTF-8, decoded lossily (bad bytes became U+FFFD)",
    )
}

/// The problem for a read error at `location`.
pub(crate) fn read_problem(
    location: String,
    gz: bool,
    e: std::io::Error,
) -> Problem {
    if gz {
        Problem::new(
            location,
            ProblemKind::Truncated,
            format!("truncated or corrupt gzip stream ({e})"),
        )
    } else if e.kind() == std::io::ErrorKind::UnexpectedEof {
        Problem::new(location, ProblemKind::Truncated, format!("{e}"))
    } else {
        Problem::new(location, ProblemKind::Io, format!("read error: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = |y, m, d| Date::from_ymd_opt(y, m, d);
        let cases = [
            ("2024-02-11", d(2024, 2, 11)),
            (" 2024-02-11 ", d(2024, 2, 11)),
            ("2024-02-11T23:30:00Z", d(2024, 2, 11)),
            ("2024-02-11T23:30:00+05:00", d(2024, 2, 11)),
            ("2024-02-11T23:30:00", d(2024, 2, 11)),
            ("2024-2-1", None),
            ("2024-13-01", None),
            ("11/02/2024", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input), want, "{input:?}");
        }
    }
}
