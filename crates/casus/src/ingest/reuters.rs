//! Reuters-21578 SGML (`reut2-NNN.sgm`): a public reader of `<REUTERS>`
//! records, for benchmarks and evaluations over that corpus.
//!
//! Each record becomes a [`Doc`]: an [`Article`] (id = `NEWID`, date from
//! `<DATE>26-FEB-1987 15:01:01.79</DATE>`, title from `<TITLE>`, text from
//! `<BODY>`, SGML entities decoded) plus the `<PLACES>` and `<TOPICS>`
//! labels. Records are read one at a time, so memory stays small.
//!
//! ```
//! use casus::ingest::reuters;
//!
//! let sgml = "<REUTERS NEWID=\"7\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n\
//!     <PLACES><D>usa</D></PLACES>\n<TEXT><TITLE>T &amp; C</TITLE>\n\
//!     <BODY>Text.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n";
//! let docs: Vec<_> = reuters::Reader::new("r.sgm", sgml.as_bytes())
//!     .collect::<Result<_, _>>()?;
//! assert_eq!(docs[0].article.id, "7");
//! assert_eq!(docs[0].article.title.as_deref(), Some("T & C"));
//! assert_eq!(docs[0].places, ["usa"]);
//! # Ok::<(), casus::ingest::Problem>(())
//! ```

use std::io::BufRead;

use memchr::memmem;

use super::{Article, Problem, ProblemKind};
use crate::date::Date;

/// One Reuters-21578 record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doc {
    /// The article (text from `<BODY>`; empty for headline-only records).
    pub article: Article,
    /// `file:line` of the record's opening tag.
    pub location: String,
    /// `<PLACES>` labels (lowercase country names such as `usa`).
    pub places: Vec<String>,
    /// `<TOPICS>` labels.
    pub topics: Vec<String>,
    /// The `LEWISSPLIT` attribute (`TRAIN`, `TEST`, `NOT-USED`).
    pub split: Option<String>,
}

/// Reads `<REUTERS>` records from SGML.
///
/// A record runs from the start of the line holding `<REUTERS` to the end
/// of the line holding `</REUTERS>`; lines between records are ignored.
/// The reader keeps one buffer of unparsed bytes (reused from record to
/// record, so it holds at most one record plus one read) and finds the
/// markers with `memchr`-based searches instead of going line by line.
pub struct Reader<R> {
    r: R,
    name: String,
    /// Unparsed bytes; `buf[pos..]` is not yet consumed.
    buf: Vec<u8>,
    pos: usize,
    /// The 1-based line number of `buf[pos]`.
    line: usize,
    /// Where the search for the current marker resumes (a marker cannot
    /// start before it).
    scan: usize,
    /// The start of the current record's first line, once `<REUTERS` was
    /// seen.
    open: Option<usize>,
    eof: bool,
    done: bool,
}

impl<R: BufRead> Reader<R> {
    /// A reader over `r`; `name` is used in locations.
    pub fn new(name: &str, r: R) -> Reader<R> {
        Reader {
            r,
            name: name.to_string(),
            buf: Vec::new(),
            pos: 0,
            line: 1,
            scan: 0,
            open: None,
            eof: false,
            done: false,
        }
    }

    /// Appends the next chunk of input to `buf` (dropping the consumed
    /// prefix first); false at the end of the input.
    fn fill(&mut self) -> std::io::Result<bool> {
        if self.pos > 0 && self.pos * 2 >= self.buf.len() {
            self.buf.drain(..self.pos);
            self.scan -= self.pos;
            self.open = self.open.map(|o| o - self.pos);
            self.pos = 0;
        }
        let chunk = loop {
            match self.r.fill_buf() {
                Ok(c) => break c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        if chunk.is_empty() {
            return Ok(false);
        }
        let n = chunk.len();
        self.buf.extend_from_slice(chunk);
        self.r.consume(n);
        Ok(true)
    }

    /// Moves `pos` to `to`, counting the newlines passed.
    fn advance(&mut self, to: usize) {
        self.line += newlines(&self.buf[self.pos..to]);
        self.pos = to;
    }
}

/// The offset of the second `<REUTERS` marker in `record`, if any.
fn second_start(record: &[u8]) -> Option<usize> {
    let first = memmem::find(record, b"<REUTERS")?;
    memmem::find(&record[first + 1..], b"<REUTERS").map(|k| first + 1 + k)
}

/// The number of `\n` bytes in `b`.
fn newlines(b: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', b).count()
}

/// The start of the line holding `buf[i]`, not before `floor`.
fn line_start(buf: &[u8], floor: usize, i: usize) -> usize {
    memchr::memrchr(b'\n', &buf[floor..i]).map_or(floor, |j| floor + j + 1)
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Doc, Problem>;

    fn next(&mut self) -> Option<Result<Doc, Problem>> {
        while !self.done {
            // Look for the marker needed next in the unsearched bytes (a
            // marker may straddle two reads, so after a read the search
            // resumes a marker's length before the old end).
            let hit = match self.open {
                None => memmem::find(&self.buf[self.scan..], b"<REUTERS"),
                Some(_) => memmem::find(&self.buf[self.scan..], b"</REUTERS>"),
            }
            .map(|i| self.scan + i);
            match (self.open, hit) {
                (None, Some(i)) => {
                    let ls = line_start(&self.buf, self.pos, i);
                    self.advance(ls);
                    self.open = Some(ls);
                    self.scan = i + 1;
                    continue;
                }
                (Some(open), Some(i)) => {
                    // A record without `</REUTERS>` would swallow the
                    // next one: a second `<REUTERS` before the end marker
                    // ends it there, reported.
                    if let Some(k) = second_start(&self.buf[open..i]) {
                        let problem = Problem::new(
                            format!("{}:{}", self.name, self.line),
                            ProblemKind::Unterminated,
                            "unterminated <REUTERS> record (no </REUTERS> \
                             before the next <REUTERS>)",
                        );
                        let next = line_start(&self.buf, open, open + k);
                        self.advance(next);
                        self.open = Some(next);
                        self.scan = open + k + 1;
                        return Some(Err(problem));
                    }
                    // The record ends with the line of `</REUTERS>`.
                    let nl = memchr::memchr(b'\n', &self.buf[i..]);
                    let end = match nl {
                        Some(j) => i + j + 1,
                        None if self.eof => self.buf.len(),
                        None => {
                            self.scan = i;
                            match self.fill() {
                                Ok(more) => self.eof = !more,
                                Err(e) => {
                                    return Some(Err(self.read_error(e)))
                                }
                            }
                            continue;
                        }
                    };
                    let location = format!("{}:{}", self.name, self.line);
                    let doc = match std::str::from_utf8(&self.buf[open..end]) {
                        Ok(s) => parse(s, location),
                        Err(_) => parse(
                            &String::from_utf8_lossy(&self.buf[open..end]),
                            location,
                        ),
                    };
                    self.advance(end);
                    self.open = None;
                    self.scan = end;
                    return Some(doc);
                }
                (_, None) => {}
            }
            // No marker in the buffer: read more.
            let keep = match self.open {
                None => b"<REUTERS".len(),
                Some(_) => b"</REUTERS>".len(),
            };
            let floor = self.open.unwrap_or(self.pos);
            self.scan = self.buf.len().saturating_sub(keep - 1).max(floor);
            if self.open.is_none() {
                // Bytes before `scan` hold no record: let fill() drop them.
                self.advance(self.scan);
            }
            if self.eof {
                self.done = true;
                if self.open.is_some() {
                    return Some(Err(Problem::new(
                        format!("{}:{}", self.name, self.line),
                        ProblemKind::Truncated,
                        "unterminated <REUTERS> record",
                    )));
                }
                break;
            }
            match self.fill() {
                Ok(more) => self.eof = !more,
                Err(e) => return Some(Err(self.read_error(e))),
            }
        }
        None
    }
}

impl<R> Reader<R> {
    fn read_error(&mut self, e: std::io::Error) -> Problem {
        self.done = true;
        let line = self.line + newlines(&self.buf[self.pos..]);
        super::read_problem(format!("{}:{}", self.name, line), false, e)
    }
}

/// The tags [`parse`] reads, in the order of [`elements`]' result.
const TAGS: [&str; 6] = ["DATE", "TITLE", "BODY", "TEXT", "PLACES", "TOPICS"];

/// For each of [`TAGS`], the content between its first `<tag...>` (the
/// name followed by `>` or a space) and the next `</tag>`, if both are
/// there. One `memchr` pass over the record's `<`s finds them all.
fn elements(s: &str) -> [Option<&str>; TAGS.len()] {
    let b = s.as_bytes();
    let mut out = [None; TAGS.len()];
    // Per tag: where its content starts once the opening tag was seen;
    // `done` once found or given up.
    let mut start = [None; TAGS.len()];
    let mut done = [false; TAGS.len()];
    for p in memchr::memchr_iter(b'<', b) {
        let rest = &b[p + 1..];
        for (k, tag) in TAGS.iter().enumerate() {
            let t = tag.as_bytes();
            if done[k] {
                continue;
            }
            match start[k] {
                None => {
                    if rest.starts_with(t)
                        && matches!(rest.get(t.len()), Some(b'>' | b' '))
                    {
                        let after = p + 1 + t.len();
                        match memchr::memchr(b'>', &b[after..]) {
                            Some(j) => start[k] = Some(after + j + 1),
                            None => done[k] = true,
                        }
                    }
                }
                Some(from) => {
                    if p >= from
                        && rest.first() == Some(&b'/')
                        && rest[1..].starts_with(t)
                        && rest.get(t.len() + 1) == Some(&b'>')
                    {
                        out[k] = s.get(from..p);
                        done[k] = true;
                    }
                }
            }
        }
        if done.iter().all(|&d| d) {
            break;
        }
    }
    out
}

/// The value of attribute `name` in the opening tag `tag`.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    // An attribute starts right after a space: those are the candidates,
    // leftmost first (cheaper than a substring search, which sets up a
    // searcher on every call).
    let b = tag.as_bytes();
    let at = memchr::memchr_iter(b' ', b).map(|p| p + 1).find(|&i| {
        b[i..].starts_with(name.as_bytes())
            && b[i + name.len()..].starts_with(b"=\"")
    })?;
    let i = at + name.len() + 2;
    // The value may hold spaces: it ends at the next quote.
    let j = i + tag[i..].find('"')?;
    Some(&tag[i..j])
}

/// Decodes SGML entities; control characters (`&#3;`) are dropped.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let near = &rest.as_bytes()[..rest.len().min(9)];
        let Some(j) = near.iter().position(|&b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..j];
        let decoded = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix('#')
                .and_then(|n| n.parse::<u32>().ok())
                .map(|n| char::from_u32(n).unwrap_or('\u{fffd}')),
        };
        match decoded {
            Some(c) if c.is_control() && c != '\n' && c != '\t' => {}
            Some(c) => out.push(c),
            None => {
                out.push('&');
                rest = &rest[1..];
                continue;
            }
        }
        rest = &rest[j + 1..];
    }
    out.push_str(rest);
    out
}

/// `text` without surrounding whitespace and the closing "Reuter"
/// signature, trimmed in place (no copy).
fn trim_body(mut text: String) -> String {
    let end = text.trim_end().trim_end_matches("Reuter").trim_end().len();
    text.truncate(end);
    let start = text.len() - text.trim_start().len();
    text.drain(..start);
    text
}

/// Whether `body` (a slice of `record`) opens on a line that already
/// holds other text: the wire's dateline ("ABU DHABI, June 1 - ") precedes
/// `<BODY>` on the same source line, so the body's first line is the rest
/// of a full-width line, not a short line of its own.
fn starts_mid_line(record: &str, body: &str) -> bool {
    let off =
        (body.as_ptr() as usize).saturating_sub(record.as_ptr() as usize);
    let Some(before) = record.get(..off) else { return false };
    let line = before.rsplit('\n').next().unwrap_or("");
    !line.trim_end_matches("<BODY>").trim().is_empty()
}

/// `text` with its first line made full width again when the body began
/// after the dateline: a short first line would otherwise read as a
/// headline and cut the lead sentence in two ("Iranian foreign minister Ali
/// Akbar" / "Velayati warned ..."). The first newline becomes a space and,
/// when the joined line would be wider than the text's widest line, the
/// last space that keeps it within that width becomes the newline instead,
/// so the text keeps its length and its hard-wrapped layout. A first line
/// that ends a sentence, or a blank or indented second line (a new
/// paragraph), is left alone.
fn rewrap_first_line(mut text: String) -> String {
    let Some(i) = text.find('\n') else { return text };
    if text[..i].trim_end().ends_with(['.', '!', '?', ':', ';']) {
        return text;
    }
    let rest = &text[i + 1..];
    if rest.starts_with([' ', '\t', '\n', '\r']) {
        return text;
    }
    let width = text.split('\n').map(str::len).max().unwrap_or(0);
    let j = rest.find('\n').map_or(text.len(), |k| i + 1 + k);
    if j <= width {
        text.replace_range(i..=i, " ");
        return text;
    }
    let fits = text.get(i + 1..=width).and_then(|w| w.rfind(' '));
    if let Some(k) = fits {
        text.replace_range(i..=i, " ");
        text.replace_range(i + 1 + k..=i + 1 + k, "\n");
    }
    text
}

/// Parses `26-FEB-1987 15:01:01.79` (the date part).
pub fn parse_date(s: &str) -> Option<Date> {
    let token = s.split_whitespace().next()?;
    let mut parts = token.split('-');
    let day: u32 = parts.next()?.trim().parse().ok()?;
    let month = parts.next()?.to_ascii_uppercase();
    let year: i32 = parts.next()?.trim().parse().ok()?;
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC",
    ];
    let m = MONTHS.iter().position(|&x| x == month)? as u32 + 1;
    Date::from_ymd_opt(year, m, day)
}

/// The `<D>...</D>` labels in the content of a `<PLACES>` or `<TOPICS>`.
fn labels(inner: Option<&str>) -> Vec<String> {
    let Some(inner) = inner else { return Vec::new() };
    let mut out = Vec::new();
    let mut rest = inner;
    loop {
        // The text before the next `<D>` (or the end), up to a `</D>`.
        let (piece, more) = match find_tag(rest, "<D>") {
            Some(i) => (&rest[..i], Some(&rest[i + 3..])),
            None => (rest, None),
        };
        let d = match find_tag(piece, "</D>") {
            Some(i) => &piece[..i],
            None => piece,
        };
        let d = d.trim();
        if !d.is_empty() {
            out.push(unescape(d));
        }
        match more {
            Some(r) => rest = r,
            None => break,
        }
    }
    out
}

/// The first `tag` (which starts with `<`) in `s`: label lists are
/// short, so checking each `<` beats setting up a substring searcher.
fn find_tag(s: &str, tag: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memchr_iter(b'<', b).find(|&p| b[p..].starts_with(tag.as_bytes()))
}

fn parse(record: &str, location: String) -> Result<Doc, Problem> {
    let open = record
        .find("<REUTERS")
        .and_then(|i| record[i..].find('>').map(|j| &record[i..i + j]))
        .unwrap_or("");
    let Some(id) = attribute(open, "NEWID") else {
        return Err(Problem::new(
            location,
            ProblemKind::MissingId,
            "missing NEWID attribute",
        ));
    };
    let [date, title, body, text, places, topics] = elements(record);
    let raw_date = date.unwrap_or("").trim();
    let Some(date) = parse_date(raw_date) else {
        return Err(Problem::new(
            location,
            ProblemKind::InvalidDate,
            format!("invalid date {raw_date:?} (expected DD-MON-YYYY)"),
        ));
    };
    let text = match body {
        Some(body) => unescape(body),
        None if open.contains("TYPE=\"UNPROC\"")
            || record.contains("<TEXT TYPE=\"UNPROC\"") =>
        {
            unescape(text.unwrap_or(""))
        }
        None => String::new(),
    };
    let mut article = Article::new(id, date, "");
    article.text = trim_body(text);
    if body.is_some_and(|b| starts_mid_line(record, b)) {
        article.text = rewrap_first_line(article.text);
    }
    article.title = title
        .map(|t| unescape(t).trim().to_string())
        .filter(|t| !t.is_empty());
    article.outlet = Some("Reuters".to_string());
    article.language = Some("en".to_string());
    Ok(Doc {
        article,
        location,
        places: labels(places),
        topics: labels(topics),
        split: attribute(open, "LEWISSPLIT").map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = |y, m, d| Date::from_ymd_opt(y, m, d);
        for (input, want) in [
            ("26-FEB-1987 15:01:01.79", d(1987, 2, 26)),
            (" 5-MAR-1987 09:00:00.00", d(1987, 3, 5)),
            ("31-FEB-1987", None),
            ("garbage", None),
        ] {
            assert_eq!(parse_date(input), want, "{input}");
        }
    }

    #[test]
    fn entities() {
        for (input, want) in [
            ("a &lt;b&gt; &amp; c", "a <b> & c"),
            ("x&#3;y", "xy"),
            ("AT&T", "AT&T"),
            ("&#233;", "é"),
        ] {
            assert_eq!(unescape(input), want);
        }
    }

    #[test]
    fn records() {
        let sgml = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n\
            <REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" NEWID=\"1\">\n\
            <DATE>26-FEB-1987 15:01:01.79</DATE>\n\
            <TOPICS><D>cocoa</D></TOPICS>\n\
            <PLACES><D>el-salvador</D><D>usa</D></PLACES>\n\
            <TEXT>&#2;\n<TITLE>BAHIA COCOA</TITLE>\n\
            <BODY>Showers &amp; sun.\n Reuter\n&#3;</BODY></TEXT>\n\
            </REUTERS>\n\
            <REUTERS NEWID=\"2\">\n<DATE>bad</DATE>\n</REUTERS>\n\
            <REUTERS NEWID=\"3\">\n<DATE>1-MAR-1987</DATE>\n\
            <TEXT TYPE=\"BRIEF\"><TITLE>ONLY</TITLE></TEXT>\n</REUTERS>\n\
            <REUTERS NEWID=\"4\">\n";
        // Any read size gives the same records: markers and lines may
        // straddle two reads.
        for cap in [1, 2, 3, 5, 8, 13, 64, 4096] {
            let r = std::io::BufReader::with_capacity(cap, sgml.as_bytes());
            let got: Vec<String> = Reader::new("r", r).map(show).collect();
            assert_eq!(
                got,
                [
                    "r:2 1 1987-02-26 Some(\"BAHIA COCOA\") \"Showers & sun.\" \
                     [\"el-salvador\", \"usa\"] Some(\"TRAIN\")",
                    "r:12: invalid date \"bad\" (expected DD-MON-YYYY)",
                    "r:15 3 1987-03-01 Some(\"ONLY\") \"\" [] None",
                    "r:19: unterminated <REUTERS> record",
                ],
                "read size {cap}"
            );
            // Junk before the record, no newline after it.
            let last = "x\n<y>\n junk <REUTERS NEWID=\"9\">\n\
                <DATE>1-MAR-1987</DATE><BODY>Hi.</BODY></REUTERS>";
            let r = std::io::BufReader::with_capacity(cap, last.as_bytes());
            let got: Vec<String> = Reader::new("r", r).map(show).collect();
            assert_eq!(
                got,
                ["r:3 9 1987-03-01 None \"Hi.\" [] None"],
                "read size {cap}"
            );
        }
    }

    #[test]
    fn first_line_after_dateline_is_rewrapped() {
        let rec = |body: &str| {
            format!(
                "<REUTERS NEWID=\"5\">\n<DATE>3-MAR-1987</DATE>\n<TEXT>\n\
                 <DATELINE>    LIMA, March 3 - </DATELINE><BODY>{body}\n \
                 Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
            )
        };
        let table: &[(&str, &str)] = &[
            // Joined, then the newline moved back within the width.
            (
                "The foreign minister of Peru, Luis\nAlva, met envoys from Chile and Bolivia in the capital today\n\
                 to talk about the border they share in the south of the country.",
                "The foreign minister of Peru, Luis Alva, met envoys from Chile\nand Bolivia in the capital today\n\
                 to talk about the border they share in the south of the country.",
            ),
            // The joined line fits: one line.
            (
                "Peru's navy said it\nseized a boat.\nIt was towed away by a frigate of the navy to port.",
                "Peru's navy said it seized a boat.\nIt was towed away by a frigate of the navy to port.",
            ),
            // A finished first line, a new paragraph: unchanged.
            (
                "Chile protested.\nPeru said nothing more about the matter at all today.",
                "Chile protested.\nPeru said nothing more about the matter at all today.",
            ),
            (
                "Talks between the two\n    Bolivia said it would attend the meeting next week.",
                "Talks between the two\n    Bolivia said it would attend the meeting next week.",
            ),
        ];
        for (body, want) in table {
            let got = parse(&rec(body), "r:1".into()).map(|d| d.article.text);
            assert_eq!(got.as_deref().ok(), Some(*want), "{body:?}");
        }
        // Without a dateline on the line the body starts where it is.
        let plain = "<REUTERS NEWID=\"6\">\n<DATE>3-MAR-1987</DATE>\n\
            <BODY>The foreign minister of Peru, Luis\nAlva, met envoys from Chile and Bolivia today.</BODY>\n</REUTERS>\n";
        let got = parse(plain, "r:1".into()).map(|d| d.article.text);
        assert_eq!(
            got.as_deref().ok(),
            Some("The foreign minister of Peru, Luis\nAlva, met envoys from Chile and Bolivia today.")
        );
        // The rewrapped lead is one sentence.
        let text =
            parse(&rec(table[0].0), "r:1".into()).map(|d| d.article.text);
        let text = text.unwrap_or_default();
        let a = crate::text::analyze(&text);
        assert_eq!(a.sentences.len(), 1, "{text:?}");
    }

    fn show(d: Result<Doc, Problem>) -> String {
        match d {
            Ok(d) => format!(
                "{} {} {} {:?} {:?} {:?} {:?}",
                d.location,
                d.article.id,
                d.article.date,
                d.article.title,
                d.article.text,
                d.places,
                d.split
            ),
            Err(p) => p.to_string(),
        }
    }
}
