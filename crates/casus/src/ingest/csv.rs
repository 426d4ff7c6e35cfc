//! CSV and TSV with a header row naming the article columns (`id`, `date`,
//! `text`, optionally `title`, `url`, `outlet`, `language`; case and
//! order free, other columns ignored). Quoted fields may span lines.

use std::collections::VecDeque;
use std::io::BufRead;

use super::{decode, utf8_warning, Fields, Problem, ProblemKind, Record};

const COLUMNS: [&str; 7] =
    ["id", "date", "text", "title", "url", "outlet", "language"];

/// A record-by-record reader over one CSV/TSV stream.
pub(crate) struct Reader {
    rdr: ::csv::Reader<Box<dyn BufRead + Send>>,
    name: String,
    /// Column index of each of [`COLUMNS`].
    cols: [Option<usize>; 7],
    record: ::csv::ByteRecord,
    started: bool,
    any: bool,
    delimiter: u8,
    /// Columns in the header.
    width: usize,
    max_bytes: usize,
}

impl Reader {
    pub(crate) fn new(
        name: &str,
        r: Box<dyn BufRead + Send>,
        delimiter: u8,
        max_bytes: usize,
    ) -> Reader {
        let rdr = ::csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(r);
        Reader {
            rdr,
            name: name.to_string(),
            cols: [None; 7],
            record: ::csv::ByteRecord::new(),
            started: false,
            any: false,
            delimiter,
            width: 0,
            max_bytes,
        }
    }

    /// Reads the next record into `out`; false at the end.
    pub(crate) fn next(
        &mut self,
        gz: bool,
        out: &mut VecDeque<Record>,
    ) -> bool {
        if !self.started {
            self.started = true;
            let headers = match self.rdr.byte_headers() {
                Ok(h) => h.clone(),
                Err(e) => {
                    out.push_back(Record::Skipped(self.error(e, gz)));
                    return false;
                }
            };
            let names: Vec<String> = headers
                .iter()
                .map(|h| decode(h).0.trim().to_lowercase())
                .collect();
            self.width = names.len();
            for (slot, want) in self.cols.iter_mut().zip(COLUMNS) {
                *slot = names.iter().position(|n| n == want);
            }
            let missing: Vec<&str> = COLUMNS[..3]
                .iter()
                .zip(self.cols)
                .filter(|(_, c)| c.is_none())
                .map(|(n, _)| *n)
                .collect();
            if !missing.is_empty() {
                out.push_back(Record::Skipped(Problem::new(
                    format!("{}:1", self.name),
                    ProblemKind::MalformedCsv,
                    format!(
                        "header lacks column{} {} (has: {})",
                        if missing.len() > 1 { "s" } else { "" },
                        missing.join(", "),
                        names.join(", ")
                    ),
                )));
                return false;
            }
        }
        match self.rdr.read_byte_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => {
                if !self.any {
                    out.push_back(Record::Skipped(Problem::new(
                        self.name.clone(),
                        ProblemKind::EmptyFile,
                        "no records after the header",
                    )));
                }
                return false;
            }
            Err(e) => {
                out.push_back(Record::Skipped(self.error(e, gz)));
                return false;
            }
        }
        self.any = true;
        let line = self.record.position().map_or(0, |p| p.line());
        let location = format!("{}:{}", self.name, line);
        if self.record.as_slice().len() > self.max_bytes {
            out.push_back(Record::Skipped(super::too_large(
                &location,
                self.max_bytes,
            )));
            return true;
        }
        if let Some(k) = self.swallowed_line() {
            out.push_back(Record::Skipped(Problem::new(
                location,
                ProblemKind::Unterminated,
                format!(
                    "unbalanced quote: the record runs on over line {} \
                     of its field, which looks like a record of its own; \
                     skipped (close the quote)",
                    k + 1
                ),
            )));
            return true;
        }
        let mut lossy = false;
        let mut get = |i: usize| -> Option<String> {
            let field = self.cols[i].and_then(|c| self.record.get(c))?;
            let (s, bad) = decode(field);
            lossy |= bad;
            Some(s.into_owned())
        };
        let fields = Fields {
            id: get(0),
            date: get(1),
            text: get(2),
            title: get(3),
            url: get(4),
            outlet: get(5),
            language: get(6),
        };
        if lossy {
            out.push_back(Record::Warning(utf8_warning(&location)));
        }
        out.push_back(match fields.into_article(&location) {
            Ok(article) => Record::Article { article, location },
            Err(p) => Record::Skipped(p),
        });
        true
    }

    /// Whether a field spanning lines holds a line that looks like a
    /// record of this file (as many fields as the header, a date in the
    /// date column): the sign of a quote that was never closed, which
    /// makes the reader swallow the records after it. Returns that line's
    /// index within the field.
    fn swallowed_line(&self) -> Option<usize> {
        let date_col = self.cols[1]?;
        for field in self.record.iter() {
            for (k, line) in field.split(|&b| b == b'\n').enumerate().skip(1) {
                let parts: Vec<&[u8]> =
                    line.split(|&b| b == self.delimiter).collect();
                if parts.len() < self.width.max(2) {
                    continue;
                }
                let date = decode(parts[date_col]).0;
                let date = date.trim().trim_matches('"');
                if super::parse_date(date).is_some() {
                    return Some(k);
                }
            }
        }
        None
    }

    fn error(&self, e: ::csv::Error, gz: bool) -> Problem {
        let line = e.position().map_or(0, |p| p.line());
        let location = if line > 0 {
            format!("{}:{}", self.name, line)
        } else {
            self.name.clone()
        };
        match e.into_kind() {
            ::csv::ErrorKind::Io(e) => super::read_problem(location, gz, e),
            other => Problem::new(
                location,
                ProblemKind::MalformedCsv,
                format!("malformed CSV: {other:?}"),
            ),
        }
    }
}
