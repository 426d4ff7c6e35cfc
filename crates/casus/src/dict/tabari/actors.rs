//! TABARI/PETRARCH actor dictionaries.
//!
//! An actor *block* starts with a name line and may continue with `+`
//! synonym lines and indented code lines:
//!
//! ```text
//! GOLLUM  ; comment
//! +SMEAGOL
//!     [HOB <950601]
//!     [HOBGOV 19950601-19990815]
//!     [HOBREB >990816]
//! ARNOR_ [ARN]
//! ```
//!
//! Every phrase of the block gets every code of the block, each becoming
//! one [`ActorEntry`] with its own date range. `<D` means before `D`,
//! `>D` after `D` (both exclusive), `D1-D2` inclusive; an undated code is
//! the fallback outside every dated one.

use super::{normalize_phrase, parse_date, split_codes, Sink};
use crate::date::Date;
use crate::dict::ActorEntry;

struct Code {
    code: String,
    from: Option<Date>,
    to: Option<Date>,
    line: u32,
}

#[derive(Default)]
struct Block {
    /// Phrases with the line they are on, as written (for the name).
    phrases: Vec<(u32, String)>,
    codes: Vec<Code>,
}

pub(super) fn parse(text: &str, sink: &mut Sink) {
    let mut block: Option<Block> = None;
    for (n, line) in super::content_lines(text, true) {
        if line.is_empty() {
            continue;
        }
        let b = split_codes(line);
        if b.unclosed {
            sink.error(n, format!("unclosed '[' in {line:?}"));
            continue;
        }
        if b.repaired {
            sink.warn(n, "code block closed with '}' instead of ']'");
        }
        let head = b.head;
        if head.is_empty() {
            // A code line continuing the current block.
            match block.as_mut() {
                Some(blk) => push_codes(&b.codes, n, blk, sink),
                None => sink.error(n, "code line before any actor name"),
            }
            continue;
        }
        if let Some(syn) = head.strip_prefix('+') {
            let Some(blk) = block.as_mut() else {
                sink.error(n, "'+' synonym line before any actor name");
                continue;
            };
            let syn = syn.trim();
            if syn.is_empty() {
                sink.error(n, "empty '+' synonym");
                continue;
            }
            blk.phrases.push((n, syn.to_string()));
            push_codes(&b.codes, n, blk, sink);
            continue;
        }
        if let Some(prev) = block.take() {
            flush(prev, sink);
        }
        let mut blk = Block::default();
        blk.phrases.push((n, head.to_string()));
        push_codes(&b.codes, n, &mut blk, sink);
        block = Some(blk);
    }
    if let Some(prev) = block.take() {
        flush(prev, sink);
    }
}

fn push_codes(codes: &[&str], n: u32, blk: &mut Block, sink: &mut Sink) {
    for raw in codes {
        match parse_code(raw) {
            Ok(Some(c)) => blk.codes.push(Code { line: n, ..c }),
            Ok(None) => sink.warn(n, "empty code block '[]'"),
            // A code whose dates cannot be read is dropped with a
            // warning: the real files contain a few such typos, and
            // keeping the code undated would give it to every date.
            Err(reason) => sink.warn(n, format!("{reason}; code skipped")),
        }
    }
}

/// Parses the inside of one `[...]`: a code, then optionally `<D`, `>D`
/// or `D1-D2` (spaces anywhere).
fn parse_code(raw: &str) -> Result<Option<Code>, String> {
    let raw = raw.trim();
    let split = raw.find(|c: char| c.is_whitespace() || c == '<' || c == '>');
    let (code, rest) = match split {
        Some(i) => (&raw[..i], raw[i..].trim()),
        None => (raw, ""),
    };
    let first = code.chars().next();
    if code.is_empty() || first.is_some_and(|c| c.is_ascii_digit()) {
        if raw.is_empty() {
            return Ok(None);
        }
        return Err(format!("date restriction without a code in [{raw}]"));
    }
    let code = code.to_ascii_uppercase();
    let date = |s: &str| {
        parse_date(s.trim())
            .ok_or_else(|| format!("bad date {s:?} in [{raw}]"))
    };
    let (from, to) = if rest.is_empty() {
        (None, None)
    } else if let Some(d) = rest.strip_prefix('<') {
        (None, Some(date(d)?.pred_opt().unwrap_or(Date::MIN)))
    } else if let Some(d) = rest.strip_prefix('>') {
        (Some(date(d)?.succ_opt().unwrap_or(Date::MAX)), None)
    } else if let Some((a, b)) = rest.split_once('-') {
        let (a, b) = (date(a)?, date(b)?);
        if a > b {
            return Err(format!(
                "date range ends before it starts in [{raw}]"
            ));
        }
        (Some(a), Some(b))
    } else {
        return Err(format!("bad date restriction {rest:?} in [{raw}]"));
    };
    Ok(Some(Code { code, from, to, line: 0 }))
}

fn flush(blk: Block, sink: &mut Sink) {
    let Some((first_line, first)) = blk.phrases.first() else {
        return;
    };
    if blk.codes.is_empty() {
        sink.warn(
            *first_line,
            format!("actor {first:?} has no code; skipped"),
        );
        return;
    }
    let name = first.trim_end_matches('_').replace('_', " ");
    // TABARI: a dated code beats the undated default whatever the order
    // in the file; casus's matcher takes the first entry valid on the
    // date, so dated codes go first (keeping their file order, which
    // decides between overlapping ranges).
    let mut codes = blk.codes;
    codes.sort_by_key(|c| c.from.is_none() && c.to.is_none());
    for (n, raw) in &blk.phrases {
        let phrase = normalize_phrase(raw, &sink.lex);
        if phrase.is_empty() {
            sink.error(*n, format!("actor phrase {raw:?} has no words"));
            continue;
        }
        for c in &codes {
            // The origin is the phrase's own line: that is the line a
            // reader of the event wants to see. The code's line is the
            // same block, a few lines down.
            let _ = c.line;
            sink.dicts.actors.push(ActorEntry {
                phrase: phrase.clone(),
                code: c.code.clone(),
                from: c.from,
                to: c.to,
                name: Some(name.clone()),
                office: None,
                origin: sink.origin(*n),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::date::Date;
    use crate::dict::tabari::{check, Kind};

    const ACTORS: &str =
        include_str!("../../../../../testdata/tabari/actors.txt");

    fn d(s: &str) -> Option<Date> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn entries() {
        let c = check(Kind::Actors, "actors.txt", ACTORS);
        assert_eq!(c.errors, vec![], "errors");
        let got: Vec<_> = c
            .dicts
            .actors
            .iter()
            .map(|a| (a.phrase.as_str(), a.code.as_str(), a.from, a.to))
            .collect();
        #[rustfmt::skip]
        let want = vec![
            ("arnor", "ARN", None, None),
            ("gondor", "GON", None, None),
            ("minas tirith", "GON", None, None),
            ("osgiliath", "GON", None, None),
            ("smeagol", "HOB", None, d("1995-05-31")),
            ("smeagol", "HOBGOV", d("1995-06-01"), d("1999-08-15")),
            ("smeagol", "HOBREB", d("1999-08-17"), None),
            ("slinker", "HOB", None, d("1995-05-31")),
            ("slinker", "HOBGOV", d("1995-06-01"), d("1999-08-15")),
            ("slinker", "HOBREB", d("1999-08-17"), None),
            ("the white council", "WIZGOV", d("2014-06-09"), None),
            ("bree", "BRE", None, None),
            ("the prancing pony", "BREBUS", d("1990-01-01"), d("2000-12-31")),
            ("the prancing pony", "BRE", None, None),
            ("rhudaur", "RHU", None, d("1978-12-31")),
            ("rhudaur", "ANG", None, None),
            ("the shire", "SHR", d("1995-01-01"), None),
            ("the shire", "HOB", None, None),
            ("the lonely mountain", "DWF", None, None),
            ("erebor", "---", None, d("1990-12-31")),
            ("esgaroth", "ESG", None, None),
        ];
        assert_eq!(got, want);
        let w: Vec<_> = c.warnings.iter().map(|e| e.line).collect();
        assert_eq!(w, vec![24, 25, 26, 25], "{:?}", c.warnings);
    }

    #[test]
    fn origin_and_name() {
        let c = check(Kind::Actors, "actors.txt", ACTORS);
        let smeagol = &c.dicts.actors[4];
        assert_eq!(smeagol.origin.to_string(), "actors.txt:8");
        assert_eq!(smeagol.name.as_deref(), Some("SMEAGOL"));
    }

    #[test]
    fn errors_all_reported() {
        let text = "+ORPHAN\n[ABC]\nX [ABC\nY [>950101]\nZ [Q]\n+ [R]\n";
        let c = check(Kind::Actors, "bad.txt", text);
        let got: Vec<_> = c.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            got,
            vec![
                "bad.txt:1: '+' synonym line before any actor name",
                "bad.txt:2: code line before any actor name",
                "bad.txt:3: unclosed '[' in \"X [ABC\"",
                "bad.txt:6: empty '+' synonym",
            ]
        );
        let w: Vec<_> = c.warnings.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            w,
            vec![
                "bad.txt:4: date restriction without a code in [>950101]; \
                 code skipped",
                "bad.txt:4: actor \"Y\" has no code; skipped",
            ]
        );
    }
}
