//! JSON Lines: one article object per line. `id`, `date` and `text` are
//! required; `title`, `url`, `outlet` and `language` are optional; other
//! fields are ignored.

use std::collections::VecDeque;

use serde::Deserialize;

use super::{decode, utf8_warning, Fields, Problem, ProblemKind, Record};

#[derive(Deserialize)]
struct Raw {
    id: Option<serde_json::Value>,
    date: Option<String>,
    text: Option<String>,
    title: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    language: Option<String>,
}

/// Parses one line (without its newline) into `out`. Blank lines yield
/// nothing; the return value says whether the line held anything.
pub(crate) fn parse_line(
    location: &str,
    line: &[u8],
    out: &mut VecDeque<Record>,
) -> bool {
    if line.iter().all(u8::is_ascii_whitespace) {
        return false;
    }
    let (line, lossy) = decode(line);
    if lossy {
        out.push_back(Record::Warning(utf8_warning(location)));
    }
    let raw: Raw = match serde_json::from_str(&line) {
        Ok(raw) => raw,
        Err(e) => {
            out.push_back(Record::Skipped(Problem::new(
                location,
                ProblemKind::MalformedJson,
                format!("malformed JSON: {e}"),
            )));
            return true;
        }
    };
    let id = match raw.id {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let fields = Fields {
        id,
        date: raw.date,
        text: raw.text,
        title: raw.title,
        url: raw.url,
        outlet: raw.outlet,
        language: raw.language,
    };
    out.push_back(match fields.into_article(location) {
        Ok(article) => {
            Record::Article { article, location: location.to_string() }
        }
        Err(p) => Record::Skipped(p),
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> String {
        let mut out = VecDeque::new();
        parse_line("f:1", line.as_bytes(), &mut out);
        out.iter()
            .map(|r| match r {
                Record::Article { article, .. } => format!(
                    "{} {} {} {:?}",
                    article.id, article.date, article.text, article.title
                ),
                Record::Warning(p) => format!("warning {p}"),
                Record::Skipped(p) => format!("skipped {p}"),
            })
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn lines() {
        let cases = [
            (
                r#"{"id":"a","date":"2024-02-11","text":"T","x":[1]}"#,
                "a 2024-02-11 T None",
            ),
            (
                r#"{"id":7,"date":"2024-02-11T10:00:00Z","text":"T","title":"H"}"#,
                "7 2024-02-11 T Some(\"H\")",
            ),
            (r#"{"id":"a","text":"T"}"#, "skipped f:1: missing \"date\""),
            (
                r#"{"id":"a","date":"yesterday","text":"T"}"#,
                "skipped f:1: invalid date \"yesterday\" (expected YYYY-MM-DD or RFC 3339)",
            ),
            (r#"{"id":"a","date":"2024-02-11","text":" "}"#, "skipped f:1: missing \"text\""),
            (r#"{"date":"2024-02-11","text":"T"}"#, "skipped f:1: missing \"id\""),
            (
                r#"{"id":"a","#,
                "skipped f:1: malformed JSON: EOF while parsing a value at line 1 column 10",
            ),
            ("   ", ""),
        ];
        for (input, want) in cases {
            assert_eq!(one(input), want, "{input}");
        }
    }
}
