//! One input stream (a file or stdin) -> records: gzip detection, binary
//! detection, format sniffing, then the format's reader.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};

use super::{reuters, Format, Options, Problem, ProblemKind, Record};

const BUF: usize = 64 * 1024;

enum State {
    Start(Box<dyn BufRead + Send>),
    Jsonl { r: Box<dyn BufRead + Send>, line: usize, buf: Vec<u8>, any: bool },
    Csv(Box<super::csv::Reader>),
    Reuters(Box<reuters::Reader<Box<dyn BufRead + Send>>>),
    Done,
}

/// Reads one stream (file or stdin) as an iterator of [`Record`]s.
///
/// Gzip is detected by its magic bytes, binary data by NUL bytes near the
/// start, and the format comes from the caller's hint (usually the file
/// extension, see [`super::format_for`]) or is sniffed: `{` starts JSON
/// Lines, `date ` a seed, `<REUTERS` Reuters SGML, a header line naming
/// `date` and `text` CSV/TSV; anything else is plain text.
pub struct Source {
    name: String,
    id: String,
    hint: Option<Format>,
    opts: Options,
    gz: bool,
    state: State,
    pending: VecDeque<Record>,
}

impl Source {
    /// A source named `name` (used in messages) whose single-article
    /// formats get the id `id`.
    pub fn new(
        name: impl Into<String>,
        id: impl Into<String>,
        reader: impl Read + Send + 'static,
        hint: Option<Format>,
        opts: Options,
    ) -> Source {
        Source {
            name: name.into(),
            id: id.into(),
            hint,
            opts,
            gz: false,
            state: State::Start(Box::new(BufReader::with_capacity(
                BUF, reader,
            ))),
            pending: VecDeque::new(),
        }
    }

    fn skip(&mut self, kind: ProblemKind, reason: impl Into<String>) {
        self.pending.push_back(Record::Skipped(Problem::new(
            self.name.clone(),
            kind,
            reason,
        )));
        self.state = State::Done;
    }

    fn start(&mut self, mut r: Box<dyn BufRead + Send>) {
        let head = match r.fill_buf() {
            Ok(head) => head,
            Err(e) => {
                let p = super::read_problem(self.name.clone(), self.gz, e);
                self.pending.push_back(Record::Skipped(p));
                self.state = State::Done;
                return;
            }
        };
        if !self.gz && head.starts_with(&[0x1f, 0x8b]) {
            self.gz = true;
            let gz = flate2::read::MultiGzDecoder::new(r);
            return self.start(Box::new(BufReader::with_capacity(BUF, gz)));
        }
        if head.is_empty() {
            return self.skip(ProblemKind::EmptyFile, "empty file");
        }
        if let Some(i) = head.iter().position(|&b| b == 0) {
            return self.skip(
                ProblemKind::BinaryFile,
                format!("binary file (NUL byte at offset {i})"),
            );
        }
        let format = self.hint.unwrap_or_else(|| sniff(head));
        if head.starts_with(b"\xEF\xBB\xBF") {
            r.consume(3);
        }
        self.state = match format {
            Format::Seed => {
                // One more byte than the limit tells an oversized file
                // without holding it.
                let max = self.opts.max_article_bytes;
                let mut bytes = Vec::new();
                let read =
                    (&mut r).take(max as u64 + 1).read_to_end(&mut bytes);
                if let Err(e) = read {
                    let p = super::read_problem(self.name.clone(), self.gz, e);
                    self.pending.push_back(Record::Skipped(p));
                } else if bytes.len() > max {
                    let p = super::too_large(&self.name, max);
                    self.pending.push_back(Record::Skipped(p));
                } else {
                    super::seed::parse(
                        &self.name,
                        &self.id,
                        &bytes,
                        &self.opts,
                        &mut self.pending,
                    );
                }
                State::Done
            }
            Format::Jsonl => {
                State::Jsonl { r, line: 0, buf: Vec::new(), any: false }
            }
            Format::Csv => State::Csv(Box::new(super::csv::Reader::new(
                &self.name,
                r,
                b',',
                self.opts.max_article_bytes,
            ))),
            Format::Tsv => State::Csv(Box::new(super::csv::Reader::new(
                &self.name,
                r,
                b'\t',
                self.opts.max_article_bytes,
            ))),
            Format::Reuters => {
                State::Reuters(Box::new(reuters::Reader::new(&self.name, r)))
            }
        };
    }

    fn step(&mut self) {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Start(r) => self.start(r),
            State::Jsonl { mut r, mut line, mut buf, mut any } => {
                buf.clear();
                line += 1;
                let max = self.opts.max_article_bytes;
                match read_line_bounded(&mut r, &mut buf, max) {
                    Ok((_, true)) => {
                        let location = format!("{}:{}", self.name, line);
                        let p = super::too_large(&location, max);
                        self.pending.push_back(Record::Skipped(p));
                        any = true;
                        self.state = State::Jsonl { r, line, buf, any };
                    }
                    Ok((0, _)) => {
                        if !any {
                            self.skip(ProblemKind::EmptyFile, "empty file");
                        }
                    }
                    Ok(_) => {
                        let location = format!("{}:{}", self.name, line);
                        let text = buf.strip_suffix(b"\n").unwrap_or(&buf);
                        let text = text.strip_suffix(b"\r").unwrap_or(text);
                        any |= super::jsonl::parse_line(
                            &location,
                            text,
                            &mut self.pending,
                        );
                        self.state = State::Jsonl { r, line, buf, any };
                    }
                    Err(e) => {
                        let location = format!("{}:{}", self.name, line);
                        let p = super::read_problem(location, self.gz, e);
                        self.pending.push_back(Record::Skipped(p));
                    }
                }
            }
            State::Csv(mut c) => {
                if c.next(self.gz, &mut self.pending) {
                    self.state = State::Csv(c);
                }
            }
            State::Reuters(mut rd) => match rd.next() {
                Some(Ok(doc)) => {
                    if doc.article.text.trim().is_empty() {
                        // Reuters "BRIEF" records are a headline only.
                        self.pending.push_back(Record::Skipped(Problem::new(
                            doc.location,
                            ProblemKind::MissingText,
                            "missing text (no <BODY>)",
                        )));
                    } else {
                        self.pending.push_back(Record::Article {
                            article: doc.article,
                            location: doc.location,
                        });
                    }
                    self.state = State::Reuters(rd);
                }
                Some(Err(p)) => {
                    let fatal = matches!(
                        p.kind,
                        ProblemKind::Io | ProblemKind::Truncated
                    );
                    self.pending.push_back(Record::Skipped(p));
                    if !fatal {
                        self.state = State::Reuters(rd);
                    }
                }
                None => {}
            },
            State::Done => {}
        }
    }
}

impl Iterator for Source {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(r) = self.pending.pop_front() {
                return Some(r);
            }
            if matches!(self.state, State::Done) {
                return None;
            }
            self.step();
        }
    }
}

/// Reads one line (with its `\n`) into `buf`, holding at most `max + 1`
/// bytes of it: a longer line is consumed to its end without being kept,
/// and reported by the flag. Returns the bytes consumed.
fn read_line_bounded(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<(usize, bool)> {
    let (mut n, mut over) = (0, false);
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((n, over));
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !over {
            if buf.len() + take > max + 1 {
                over = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        r.consume(take);
        n += take;
        if done {
            return Ok((n, over));
        }
    }
}

/// Guesses the format of a stream from its first bytes.
pub(crate) fn sniff(head: &[u8]) -> Format {
    let t = head.trim_ascii_start();
    let t = t.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(t);
    if t.starts_with(b"{") {
        return Format::Jsonl;
    }
    if t.starts_with(b"date ") || t.starts_with(b"date\t") {
        return Format::Seed;
    }
    if t.starts_with(b"<!DOCTYPE lewis") || t.starts_with(b"<REUTERS") {
        return Format::Reuters;
    }
    let first = t.split(|&b| b == b'\n').next().unwrap_or(b"");
    for (sep, format) in [(b'\t', Format::Tsv), (b',', Format::Csv)] {
        let names: Vec<String> = first
            .split(|&b| b == sep)
            .map(|f| {
                String::from_utf8_lossy(f)
                    .trim()
                    .trim_matches('"')
                    .to_lowercase()
            })
            .collect();
        if names.iter().any(|n| n == "date")
            && names.iter().any(|n| n == "text")
        {
            return format;
        }
    }
    Format::Seed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        let cases: &[(&[u8], Format)] = &[
            (b"  {\"id\":1}", Format::Jsonl),
            (b" date 2024-01-01 x", Format::Seed),
            (b"Some text", Format::Seed),
            (b"id,date,text\n1,2,3", Format::Csv),
            (b"ID\tDate\tText\n", Format::Tsv),
            (b"<!DOCTYPE lewis SYSTEM", Format::Reuters),
            (b"\xEF\xBB\xBF{}", Format::Jsonl),
        ];
        for (input, want) in cases {
            assert_eq!(sniff(input), *want, "{:?}", input);
        }
    }

    fn read(bytes: &[u8], hint: Option<Format>) -> Vec<String> {
        Source::new(
            "f",
            "f",
            std::io::Cursor::new(bytes.to_vec()),
            hint,
            Options::default(),
        )
        .map(|r| match r {
            Record::Article { article, location } => {
                format!("{location} {} {}", article.id, article.text)
            }
            Record::Warning(p) => format!("warning {p}"),
            Record::Skipped(p) => format!("skipped {p}"),
        })
        .collect()
    }

    proptest::proptest! {
        /// Readers never panic and never yield an article over the size
        /// limit, whatever the bytes and the format they are read as.
        #[test]
        fn readers_take_any_bytes(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
            hint in 0usize..6,
        ) {
            let hints = [
                None,
                Some(Format::Seed),
                Some(Format::Jsonl),
                Some(Format::Csv),
                Some(Format::Tsv),
                Some(Format::Reuters),
            ];
            let opts = Options { max_article_bytes: 64, ..Options::default() };
            let src = Source::new(
                "f",
                "f",
                std::io::Cursor::new(bytes),
                hints[hint],
                opts,
            );
            for r in src {
                if let Record::Article { article, .. } = r {
                    proptest::prop_assert!(article.text.len() <= 64 + 4096);
                }
            }
        }
    }

    #[test]
    fn oversized_records_are_skipped() {
        let opts = Options { max_article_bytes: 60, ..Options::default() };
        let read = |bytes: &[u8], hint| {
            Source::new(
                "f",
                "f",
                std::io::Cursor::new(bytes.to_vec()),
                hint,
                opts.clone(),
            )
            .map(|r| match r {
                Record::Article { article, .. } => article.id,
                Record::Warning(p) | Record::Skipped(p) => p.to_string(),
            })
            .collect::<Vec<_>>()
        };
        let big = "x".repeat(100);
        let line = |id: &str, t: &str| {
            format!("{{\"id\":\"{id}\",\"date\":\"2024-01-01\",\"text\":\"{t}\"}}\n")
        };
        let jsonl = format!("{}{}", line("a", &big), line("b", "ok"));
        let too = "article larger than 60 bytes (--max-article-bytes)";
        let cases: Vec<(String, Option<Format>, Vec<String>)> = vec![
            (
                format!(" date 2024-01-01 {big}"),
                None,
                vec![format!("f: {too}")],
            ),
            (jsonl, None, vec![format!("f:1: {too}"), "b".into()]),
            (
                format!("id,date,text\na,2024-01-01,{big}\nb,2024-01-01,ok\n"),
                None,
                vec![format!("f:2: {too}"), "b".into()],
            ),
        ];
        for (input, hint, want) in cases {
            assert_eq!(read(input.as_bytes(), hint), want, "{input}");
        }
    }

    #[test]
    fn sources() {
        let gz = |b: &[u8]| {
            use std::io::Write;
            let mut e = flate2::write::GzEncoder::new(
                Vec::new(),
                flate2::Compression::default(),
            );
            e.write_all(b).unwrap();
            e.finish().unwrap()
        };
        let jsonl = b"{\"id\":\"a\",\"date\":\"2024-01-01\",\"text\":\"A\"}\n\n{\"id\":\"b\"\n{\"id\":\"c\",\"date\":\"2024-01-01\",\"text\":\"C\"}";
        let cases: Vec<(Vec<u8>, Option<Format>, Vec<&str>)> = vec![
            (b"".to_vec(), None, vec!["skipped f: empty file"]),
            (b"ab\0cd".to_vec(), None, vec!["skipped f: binary file (NUL byte at offset 2)"]),
            (b"date 2024-01-01 Hi".to_vec(), None, vec!["f f Hi"]),
            (gz(b"date 2024-01-01 Hi"), None, vec!["f f Hi"]),
            (b"date 2024-01-01 H\xffi".to_vec(), None, vec![
                "warning f: invalid UTF-8, decoded lossily (bad bytes became U+FFFD)",
                "f f H\u{fffd}i",
            ]),
            (jsonl.to_vec(), None, vec![
                "f:1 a A",
                "skipped f:3: malformed JSON: EOF while parsing an object at line 1 column 9",
                "f:4 c C",
            ]),
            (b"\n\n".to_vec(), Some(Format::Jsonl), vec!["skipped f: empty file"]),
            (b"id,date,text\n1,2024-01-01,\"x\ny\"\n2,2024-01-01,z\n".to_vec(), None, vec![
                "f:2 1 x\ny",
                "f:4 2 z",
            ]),
            (b"id,text\n1,x\n".to_vec(), Some(Format::Csv), vec![
                "skipped f:1: header lacks column date (has: id, text)",
            ]),
            (b"id\tdate\ttext\n".to_vec(), None, vec![
                "skipped f: no records after the header",
            ]),
        ];
        for (input, hint, want) in cases {
            assert_eq!(
                read(&input, hint),
                want,
                "{:?}",
                String::from_utf8_lossy(&input)
            );
        }
        let mut truncated = gz(&jsonl.repeat(200));
        truncated.truncate(truncated.len() / 2);
        let got = read(&truncated, None);
        assert!(
            got.last().unwrap().contains("truncated or corrupt gzip"),
            "{got:?}"
        );
    }
}
