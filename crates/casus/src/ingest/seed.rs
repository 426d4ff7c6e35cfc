//! The seed format: one article per file, ` date YYYY-MM-DD text...`
//! (leading whitespace optional); or plain text dated by
//! [`super::Options::date`].

use std::collections::VecDeque;

use super::{
    decode, parse_date, utf8_warning, Article, Options, Problem, ProblemKind,
    Record,
};

/// Parses one whole seed or text file into `out`.
pub(crate) fn parse(
    location: &str,
    id: &str,
    bytes: &[u8],
    opts: &Options,
    out: &mut VecDeque<Record>,
) {
    let hashed;
    let id = if id.is_empty() {
        hashed = content_id(bytes);
        hashed.as_str()
    } else {
        id
    };
    let (content, lossy) = decode(bytes);
    if lossy {
        out.push_back(Record::Warning(utf8_warning(location)));
    }
    match article(location, id, content.trim_start_matches('\u{feff}'), opts) {
        Ok(article) => out.push_back(Record::Article {
            article,
            location: location.to_string(),
        }),
        Err(p) => out.push_back(Record::Skipped(p)),
    }
}

/// The id of an article read from stdin: `stdin-` and 16 hex digits of
/// the FNV-1a hash of its bytes, so articles piped in by different runs
/// never replace each other, and the same text piped twice is the same
/// article.
pub(crate) fn content_id(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("stdin-{h:016x}")
}

fn article(
    location: &str,
    id: &str,
    content: &str,
    opts: &Options,
) -> Result<Article, Problem> {
    let s = content.trim_start();
    if s.is_empty() {
        return Err(Problem::new(
            location,
            ProblemKind::EmptyFile,
            "empty file",
        ));
    }
    let missing_text =
        || Problem::new(location, ProblemKind::MissingText, "missing text");
    if let Some(rest) =
        s.strip_prefix("date ").or_else(|| s.strip_prefix("date\t"))
    {
        let rest = rest.trim_start();
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (token, text) = rest.split_at(end);
        let Some(date) = parse_date(token) else {
            return Err(Problem::new(
                location,
                ProblemKind::InvalidDate,
                format!(
                    "invalid date {:?} after \"date \" (expected YYYY-MM-DD)",
                    shorten(token)
                ),
            ));
        };
        let text = text.trim_start();
        if text.trim_end().is_empty() {
            return Err(missing_text());
        }
        return Ok(Article::new(id, date, text));
    }
    match opts.date {
        Some(date) => Ok(Article::new(id, date, s)),
        None => Err(Problem::new(
            location,
            ProblemKind::MissingDate,
            "no date: plain text needs a \"date YYYY-MM-DD\" prefix \
             or --date YYYY-MM-DD",
        )),
    }
}

/// At most 40 characters of `s`, for messages.
pub(crate) fn shorten(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    #[test]
    fn seeds() {
        let d = Date::from_ymd_opt(2024, 2, 11);
        let opts = Options::default();
        let dated = Options {
            date: Date::from_ymd_opt(2020, 1, 1),
            ..Options::default()
        };
        type Want<'a> = Result<(Option<Date>, &'a str), &'a str>;
        let cases: &[(&str, &Options, Want)] = &[
            (" date 2024-02-11 Text here.", &opts, Ok((d, "Text here."))),
            ("date 2024-02-11\n\nText.\n", &opts, Ok((d, "Text.\n"))),
            ("date 2024-02-11   A", &dated, Ok((d, "A"))),
            ("Just text.", &dated, Ok((Date::from_ymd_opt(2020, 1, 1), "Just text."))),
            ("", &opts, Err("x.txt: empty file")),
            ("  \n ", &opts, Err("x.txt: empty file")),
            ("date 2024-02-11 ", &opts, Err("x.txt: missing text")),
            (
                "date 2024-02-30 T",
                &opts,
                Err("x.txt: invalid date \"2024-02-30\" after \"date \" (expected YYYY-MM-DD)"),
            ),
            (
                "Just text.",
                &opts,
                Err("x.txt: no date: plain text needs a \"date YYYY-MM-DD\" prefix or --date YYYY-MM-DD"),
            ),
        ];
        for (input, opts, want) in cases {
            let got = article("x.txt", "x", input, opts)
                .map(|a| (Some(a.date), a.text))
                .map_err(|p| p.to_string());
            match (want, got) {
                (Ok((d, t)), Ok((gd, gt))) => {
                    assert_eq!((*d, t.to_string()), (gd, gt), "{input:?}")
                }
                (Err(w), Err(g)) => assert_eq!(*w, g, "{input:?}"),
                (w, g) => panic!("{input:?}: want {w:?}, got {g:?}"),
            }
        }
    }
}
