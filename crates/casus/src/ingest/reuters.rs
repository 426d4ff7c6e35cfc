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

use super::{Article, Problem, ProblemKind};
use crate::Date;

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
pub struct Reader<R> {
    r: R,
    name: String,
    line: usize,
    buf: Vec<u8>,
    record: String,
    start: usize,
    done: bool,
}

impl<R: BufRead> Reader<R> {
    /// A reader over `r`; `name` is used in locations.
    pub fn new(name: &str, r: R) -> Reader<R> {
        Reader {
            r,
            name: name.to_string(),
            line: 0,
            buf: Vec::new(),
            record: String::new(),
            start: 0,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Doc, Problem>;

    fn next(&mut self) -> Option<Result<Doc, Problem>> {
        while !self.done {
            self.buf.clear();
            match self.r.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    if !self.record.is_empty() {
                        return Some(Err(Problem::new(
                            format!("{}:{}", self.name, self.start),
                            ProblemKind::Truncated,
                            "unterminated <REUTERS> record",
                        )));
                    }
                }
                Ok(_) => {
                    self.line += 1;
                    let line = String::from_utf8_lossy(&self.buf);
                    if self.record.is_empty() {
                        if !line.contains("<REUTERS") {
                            continue;
                        }
                        self.start = self.line;
                    }
                    self.record.push_str(&line);
                    if line.contains("</REUTERS>") {
                        let location = format!("{}:{}", self.name, self.start);
                        let doc = parse(&self.record, location);
                        self.record.clear();
                        return Some(doc);
                    }
                }
                Err(e) => {
                    self.done = true;
                    let location = format!("{}:{}", self.name, self.line + 1);
                    return Some(Err(super::source::read_problem(
                        location, false, e,
                    )));
                }
            }
        }
        None
    }
}

/// The content between `<tag...>` and `</tag>`, if present.
fn element<'a>(s: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}");
    let mut from = 0;
    let start = loop {
        let i = from + s[from..].find(&open)?;
        let after = i + open.len();
        match s[after..].chars().next() {
            Some('>') | Some(' ') => break after + s[after..].find('>')? + 1,
            _ => from = after,
        }
    };
    let end = start + s[start..].find(&format!("</{tag}>"))?;
    Some(&s[start..end])
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
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
        let Some(j) = rest.find(';').filter(|&j| j <= 8) else {
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

fn labels(s: &str, tag: &str) -> Vec<String> {
    let Some(inner) = element(s, tag) else { return Vec::new() };
    inner
        .split("<D>")
        .filter_map(|d| d.split("</D>").next())
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(unescape)
        .collect()
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
    let raw_date = element(record, "DATE").unwrap_or("").trim();
    let Some(date) = parse_date(raw_date) else {
        return Err(Problem::new(
            location,
            ProblemKind::InvalidDate,
            format!("invalid date {raw_date:?} (expected DD-MON-YYYY)"),
        ));
    };
    let text = match element(record, "BODY") {
        Some(body) => unescape(body),
        None if open.contains("TYPE=\"UNPROC\"")
            || record.contains("<TEXT TYPE=\"UNPROC\"") =>
        {
            unescape(element(record, "TEXT").unwrap_or(""))
        }
        None => String::new(),
    };
    let text = text.trim_end().trim_end_matches("Reuter").trim_end();
    let mut article = Article::new(id, date, text.trim_start());
    article.title = element(record, "TITLE")
        .map(|t| unescape(t).trim().to_string())
        .filter(|t| !t.is_empty());
    article.outlet = Some("Reuters".to_string());
    article.language = Some("en".to_string());
    Ok(Doc {
        article,
        location,
        places: labels(record, "PLACES"),
        topics: labels(record, "TOPICS"),
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
        let got: Vec<String> = Reader::new("r", sgml.as_bytes())
            .map(|d| match d {
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
            })
            .collect();
        assert_eq!(
            got,
            [
                "r:2 1 1987-02-26 Some(\"BAHIA COCOA\") \"Showers & sun.\" \
                 [\"el-salvador\", \"usa\"] Some(\"TRAIN\")",
                "r:12: invalid date \"bad\" (expected DD-MON-YYYY)",
                "r:15 3 1987-03-01 Some(\"ONLY\") \"\" [] None",
                "r:19: unterminated <REUTERS> record",
            ]
        );
    }
}
