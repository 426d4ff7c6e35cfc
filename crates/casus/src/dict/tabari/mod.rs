//! Readers for the TABARI/PETRARCH dictionary formats (actors, agents,
//! verbs, discards), translated into casus's own [`super::Dictionaries`].
//!
//! There is no second engine: every construct of the old formats is
//! mapped onto the IR that the built-in dictionaries use, and what cannot
//! be expressed is approximated and documented in `dicts/tabari.md`.
//!
//! Each reader comes in three shapes: `read_*(&Path)` for files,
//! `parse_*(name, text)` for strings (tests, embedded data), and
//! [`check`], which returns the dictionaries together with every error
//! *and* every warning, for `casus dict check`. Errors are lines that
//! cannot be understood at all; warnings are lines the real Phoenix and
//! PETRARCH files contain that are odd but harmless (a malformed date on
//! one code, a bracket closed with `}`), so that loading those files
//! never fails.

mod actors;
mod agents;
mod discards;
mod verbs;

use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use super::{Dictionaries, Origin};
use crate::date::Date;
use crate::error::DictError;
use crate::text::Lexicon;

/// Which kind of TABARI/PETRARCH dictionary a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Actor dictionary: names with `[CODE]`s, `+` synonyms, date ranges.
    Actors,
    /// Agent dictionary: role words with `[~CODE]` / `[CODE~]`.
    Agents,
    /// Verb dictionary: synsets, verb families and patterns.
    Verbs,
    /// Discard list: phrases that block coding.
    Discards,
}

impl Kind {
    /// The kind's name as used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Actors => "actors",
            Kind::Agents => "agents",
            Kind::Verbs => "verbs",
            Kind::Discards => "discards",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Kind {
    type Err = crate::error::Error;

    fn from_str(s: &str) -> crate::error::Result<Kind> {
        match s {
            "actors" | "actor" => Ok(Kind::Actors),
            "agents" | "agent" => Ok(Kind::Agents),
            "verbs" | "verb" => Ok(Kind::Verbs),
            "discards" | "discard" => Ok(Kind::Discards),
            _ => Err(crate::error::Error::Parse(format!(
                "unknown dictionary kind {s:?} \
                 (expected actors, agents, verbs or discards)"
            ))),
        }
    }
}

/// Guesses a file's kind from its content: verb family headers
/// (`--- NAME [code] ---`) mean verbs, `~` inside code brackets means
/// agents, any other `[CODE]` means actors, and a file of bare phrases is
/// a discard list.
pub fn sniff(text: &str) -> Kind {
    let mut brackets = 0usize;
    let mut tilde = 0usize;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("---") && t.contains('[') {
            return Kind::Verbs;
        }
        if t.starts_with('#') || t.starts_with("<!") {
            continue;
        }
        if let Some(i) = t.find('[') {
            brackets += 1;
            if t[i..].contains('~') {
                tilde += 1;
            }
        }
    }
    if tilde > 0 && tilde * 2 >= brackets {
        Kind::Agents
    } else if brackets > 0 {
        Kind::Actors
    } else {
        Kind::Discards
    }
}

/// The result of checking one file: what was read, plus every problem.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    /// Everything that could be read.
    pub dicts: Dictionaries,
    /// Lines that could not be understood; loading fails on any.
    pub errors: Vec<DictError>,
    /// Odd but harmless lines (skipped or repaired); loading goes on.
    pub warnings: Vec<DictError>,
}

impl Checked {
    fn into_result(self) -> crate::error::Result<Dictionaries> {
        if self.errors.is_empty() {
            Ok(self.dicts)
        } else {
            Err(crate::error::Error::Dict(self.errors))
        }
    }
}

/// Reads `text` (named `name` in origins and errors) as a dictionary of
/// `kind`, returning everything read and every error and warning.
pub fn check(kind: Kind, name: &str, text: &str) -> Checked {
    let mut sink = Sink::new(name);
    match kind {
        Kind::Actors => actors::parse(text, &mut sink),
        Kind::Agents => agents::parse(text, &mut sink),
        Kind::Verbs => verbs::parse(text, &mut sink),
        Kind::Discards => discards::parse(text, &mut sink),
    }
    sink.finish()
}

/// Parses `text` as a dictionary of `kind`; fails listing every bad line.
pub fn parse(
    kind: Kind,
    name: &str,
    text: &str,
) -> crate::error::Result<Dictionaries> {
    check(kind, name, text).into_result()
}

/// Reads the file at `path` as a dictionary of `kind`.
pub fn read(kind: Kind, path: &Path) -> crate::error::Result<Dictionaries> {
    let text = read_text(path)?;
    parse(kind, &path.display().to_string(), &text)
}

/// Reads a file as UTF-8, replacing invalid bytes: the Phoenix files
/// contain a few Latin-1 names, which must not stop the load.
pub fn read_text(path: &Path) -> crate::error::Result<String> {
    let bytes = std::fs::read(path).map_err(|source| {
        crate::error::Error::Io { path: path.to_path_buf(), source }
    })?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Reads a TABARI/PETRARCH actor dictionary.
pub fn read_actors(path: &Path) -> crate::error::Result<Dictionaries> {
    read(Kind::Actors, path)
}

/// Reads a TABARI/PETRARCH agent dictionary.
pub fn read_agents(path: &Path) -> crate::error::Result<Dictionaries> {
    read(Kind::Agents, path)
}

/// Reads a TABARI/PETRARCH verb dictionary.
pub fn read_verbs(path: &Path) -> crate::error::Result<Dictionaries> {
    read(Kind::Verbs, path)
}

/// Reads a TABARI/PETRARCH discard list.
pub fn read_discards(path: &Path) -> crate::error::Result<Dictionaries> {
    read(Kind::Discards, path)
}

/// Parses an actor dictionary held in a string.
pub fn parse_actors(
    name: &str,
    text: &str,
) -> crate::error::Result<Dictionaries> {
    parse(Kind::Actors, name, text)
}

/// Parses an agent dictionary held in a string.
pub fn parse_agents(
    name: &str,
    text: &str,
) -> crate::error::Result<Dictionaries> {
    parse(Kind::Agents, name, text)
}

/// Parses a verb dictionary held in a string.
pub fn parse_verbs(
    name: &str,
    text: &str,
) -> crate::error::Result<Dictionaries> {
    parse(Kind::Verbs, name, text)
}

/// Parses a discard list held in a string.
pub fn parse_discards(
    name: &str,
    text: &str,
) -> crate::error::Result<Dictionaries> {
    parse(Kind::Discards, name, text)
}

/// Collects the output and the problems of one file.
struct Sink {
    file: Arc<str>,
    dicts: Dictionaries,
    errors: Vec<DictError>,
    warnings: Vec<DictError>,
    /// The text layer's word lists, for tokenising phrases as the
    /// matchers tokenise text.
    lex: Lexicon,
}

impl Sink {
    fn new(name: &str) -> Sink {
        Sink {
            file: Arc::from(name),
            dicts: Dictionaries::default(),
            errors: Vec::new(),
            warnings: Vec::new(),
            lex: Lexicon::builtin(),
        }
    }

    fn origin(&self, line: u32) -> Origin {
        Origin { file: self.file.clone(), line }
    }

    fn error(&mut self, line: u32, reason: impl Into<String>) {
        self.errors.push(DictError {
            path: self.file.to_string(),
            line: line as usize,
            reason: reason.into(),
        });
    }

    fn warn(&mut self, line: u32, reason: impl Into<String>) {
        self.warnings.push(DictError {
            path: self.file.to_string(),
            line: line as usize,
            reason: reason.into(),
        });
    }

    fn finish(self) -> Checked {
        Checked {
            dicts: self.dicts,
            errors: self.errors,
            warnings: self.warnings,
        }
    }
}

/// The content lines of a TABARI file: 1-based line number and the line
/// with comments removed (`<!-- ... -->` blocks, which may span lines,
/// `#` to the end of the line, and `;` too when `semicolon` is set, as in
/// actor files). Lines left empty are still yielded (as "") because
/// blank lines end some blocks.
fn content_lines(text: &str, semicolon: bool) -> Vec<(u32, &str)> {
    let mut out = Vec::new();
    let mut in_block = false;
    for (i, raw) in text.lines().enumerate() {
        let n = i as u32 + 1;
        let mut line = raw.trim_end_matches('\r');
        if in_block {
            match line.find("-->") {
                Some(j) => {
                    in_block = false;
                    line = &line[j + 3..];
                }
                None => {
                    out.push((n, ""));
                    continue;
                }
            }
        }
        // An XML-style comment opens with `<!` (one file writes `<! --`).
        if let Some(j) = line.find("<!") {
            match line[j..].find("-->") {
                Some(k) => {
                    // Whole comment on this line: keep what precedes it.
                    let _ = k;
                    line = &line[..j];
                }
                None => {
                    in_block = true;
                    line = &line[..j];
                }
            }
        }
        // `#` and `;` start a comment outside `[...]` only: `[###]` is a
        // (legacy) code.
        let mut depth = 0i32;
        let cut = line
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '[' => depth += 1,
                    ']' | '}' if depth > 0 => depth -= 1,
                    _ => {}
                }
                depth == 0 && (c == '#' || (semicolon && c == ';'))
            })
            .map_or(line.len(), |(i, _)| i);
        out.push((n, line[..cut].trim()));
    }
    out
}

/// Normalises a TABARI phrase into casus's phrase form: underscores
/// become spaces, a trailing `_` (TABARI's "whole word only" mark) is
/// dropped, and the rest is run through casus's own tokenizer so that the
/// phrase is the lowercase tokens joined by single spaces, exactly as the
/// matchers will see the text.
pub fn normalize_phrase(raw: &str, lex: &Lexicon) -> String {
    let spaced = raw.replace('_', " ");
    let tokens = crate::text::tokenize_with(spaced.trim(), lex);
    let mut out = String::with_capacity(spaced.len());
    for t in &tokens {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&t.norm);
    }
    out
}

/// Regular English plural of a noun phrase: the last word takes `-s`,
/// `-es` after a sibilant, `-ies` after consonant + `y`.
pub fn plural(phrase: &str) -> String {
    let (head, last) = match phrase.rfind(' ') {
        Some(i) => (&phrase[..=i], &phrase[i + 1..]),
        None => ("", phrase),
    };
    let vowel = |c: char| "aeiou".contains(c);
    let p = if ["s", "x", "z", "ch", "sh"].iter().any(|e| last.ends_with(e)) {
        format!("{last}es")
    } else if last.len() > 1
        && last.ends_with('y')
        && !last[..last.len() - 1].ends_with(vowel)
    {
        format!("{}ies", &last[..last.len() - 1])
    } else {
        format!("{last}s")
    };
    format!("{head}{p}")
}

/// Parses a TABARI date: `YYMMDD` (years below 30 are 20YY, else 19YY)
/// or `YYYYMMDD`.
fn parse_date(s: &str) -> Option<Date> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    let (y, m, d) = match s.len() {
        6 => {
            let yy = num(0..2)? as i32;
            let y = if yy < 30 { 2000 + yy } else { 1900 + yy };
            (y, num(2..4)?, num(4..6)?)
        }
        8 => (num(0..4)? as i32, num(4..6)?, num(6..8)?),
        _ => return None,
    };
    Date::from_ymd_opt(y, m, d)
}

/// Splits a trailing `[...]` code block off a line: returns the text
/// before the first `[` and the inside of every `[...]` block after it.
/// A block closed by `}` instead of `]` (a known typo in Phoenix files)
/// is accepted with `repaired` set.
struct Bracketed<'a> {
    head: &'a str,
    codes: Vec<&'a str>,
    repaired: bool,
    unclosed: bool,
}

fn split_codes(line: &str) -> Bracketed<'_> {
    let Some(start) = line.find('[') else {
        return Bracketed {
            head: line.trim(),
            codes: Vec::new(),
            repaired: false,
            unclosed: false,
        };
    };
    let head = line[..start].trim();
    let mut codes = Vec::new();
    let mut repaired = false;
    let mut unclosed = false;
    let mut rest = &line[start..];
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) if !after[..close].contains('[') => {
                codes.push(after[..close].trim());
                rest = &after[close + 1..];
            }
            _ => match after.find('}') {
                Some(close) => {
                    codes.push(after[..close].trim());
                    repaired = true;
                    rest = &after[close + 1..];
                }
                None => {
                    unclosed = true;
                    break;
                }
            },
        }
    }
    Bracketed { head, codes, repaired, unclosed }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases() {
        let cases = [
            ("UNITED_STATES", "united states"),
            ("THE_UNITED_NATIONS_", "the united nations"),
            ("ARNOR_", "arnor"),
            ("GROUP OF 77", "group of 77"),
            ("  NEW_ZEALAND ", "new zealand"),
        ];
        let lex = Lexicon::builtin();
        for (input, want) in cases {
            assert_eq!(normalize_phrase(input, &lex), want, "{input}");
        }
    }

    #[test]
    fn plurals() {
        let cases = [
            ("troop", "troops"),
            ("congress", "congresses"),
            ("authority", "authorities"),
            ("attorney", "attorneys"),
            ("church", "churches"),
            ("foreign minister", "foreign ministers"),
        ];
        for (input, want) in cases {
            assert_eq!(plural(input), want, "{input}");
        }
    }

    #[test]
    fn dates() {
        let d = |y, m, d| Date::from_ymd_opt(y, m, d);
        let cases = [
            ("950601", d(1995, 6, 1)),
            ("140608", d(2014, 6, 8)),
            ("000101", d(2000, 1, 1)),
            ("19990815", d(1999, 8, 15)),
            ("2004017", None),
            ("991332", None),
            ("abcdef", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input), want, "{input}");
        }
    }

    #[test]
    fn comments() {
        let text = "A [X] # c\n<!-- one\ntwo -->\nB ; x\n<!-- x -->C\n[###] #";
        let got: Vec<_> = content_lines(text, true);
        assert_eq!(
            got,
            vec![
                (1, "A [X]"),
                (2, ""),
                (3, ""),
                (4, "B"),
                (5, ""),
                (6, "[###]")
            ]
        );
        let got = content_lines("B ; x", false);
        assert_eq!(got, vec![(1, "B ; x")]);
    }

    #[test]
    fn sniffing() {
        let cases = [
            ("--- AGREE [081] ---\nAGREE\n", Kind::Verbs),
            ("POLICE {} [~COP]\nMINISTER [~GOV]\n", Kind::Agents),
            ("ARNOR [ARN]\n+ARNORIAN\n", Kind::Actors),
            ("MONTHS LATER\n+TYPHOON\n", Kind::Discards),
        ];
        for (input, want) in cases {
            assert_eq!(sniff(input), want, "{input}");
        }
    }

    #[test]
    fn code_blocks() {
        let b = split_codes("KOFI [IGOUNO 970101-061231] [ELI]");
        assert_eq!(b.head, "KOFI");
        assert_eq!(b.codes, vec!["IGOUNO 970101-061231", "ELI"]);
        let b = split_codes("DEPT [~ENV}");
        assert!(b.repaired);
        assert_eq!(b.codes, vec!["~ENV"]);
        let b = split_codes("DEPT [~ENV");
        assert!(b.unclosed);
    }
}
