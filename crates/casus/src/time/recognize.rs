//! Recognition: the rules of `dicts/time/rules.tsv`, expanded against the
//! lexicon and compiled into one combined regex that finds where an
//! expression starts (one linear scan of the text), plus one anchored
//! regex per rule that, at that position only, says which rules match and
//! with which parts. The longest match wins, so "the past two years" beats
//! "the past" and "two years".

use regex::bytes::{Captures, Regex, RegexBuilder};

use super::lexicon::{fields, Lexicon, CASED};
use super::TimexType;
use crate::DictError;

/// The built-in rules file.
pub const BUILTIN_RULES: &str =
    include_str!("../../../../dicts/time/rules.tsv");

/// How a rule's value is computed (see the header of `rules.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Calendar date from month/day/year/weekday/season/... parts.
    Date,
    /// "this week", "last year".
    RelUnit,
    /// "two days ago", "three years from now".
    Ago,
    /// "three weeks", "several days".
    Dur,
    /// "every Friday".
    Set,
    /// A fixed value ("now" = PRESENT_REF).
    Fixed,
    /// "today", "yesterday", "tonight".
    Today,
    /// A clock time.
    Time,
    /// Relative to the narrative anchor ("the same day").
    Anchored,
    /// Day of month only ("on the 8th").
    Dom,
}

/// One compiled rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Rule id (first column).
    pub id: String,
    /// Where it was defined: `file:line`.
    pub origin: String,
    /// How to compute the value.
    pub kind: Kind,
    /// TIMEX3 type.
    pub ty: TimexType,
    /// The value column.
    pub value: String,
    /// The pattern, anchored at the start of the haystack.
    pub re: Regex,
}

/// All rules plus the combined start-finding regex.
#[derive(Clone, Debug)]
pub struct Rules {
    /// Rules in file order (earlier wins ties).
    pub rules: Vec<Rule>,
    combined: Regex,
}

/// One rule match at a position.
pub struct Candidate<'t> {
    /// Index into [`Rules::rules`].
    pub rule: usize,
    /// The rule's groups, relative to the match start.
    pub caps: Captures<'t>,
    /// Absolute byte offset of the match start.
    pub at: usize,
    /// Length of the whole match.
    pub len: usize,
    /// The expression's span (absolute), group `x` or the whole match.
    pub span: (usize, usize),
}

fn escape_phrase(p: &str) -> String {
    p.split_whitespace().map(regex::escape).collect::<Vec<_>>().join(r"\s+")
}

fn alternation(lex: &Lexicon, class: &str) -> Option<String> {
    let mut ps: Vec<String> = match class {
        "num" => {
            let mut v: Vec<String> = lex
                .phrases("number")
                .iter()
                .map(|p| escape_phrase(p))
                .collect();
            let tens: Vec<&str> = lex
                .phrases("number")
                .into_iter()
                .filter(|p| {
                    lex.value("number", p)
                        .and_then(|x| x.parse::<u32>().ok())
                        .is_some_and(|n| (20..100).contains(&n) && n % 10 == 0)
                })
                .collect();
            let ones: Vec<&str> = lex
                .phrases("number")
                .into_iter()
                .filter(|p| {
                    lex.value("number", p)
                        .and_then(|x| x.parse::<u32>().ok())
                        .is_some_and(|n| (1..10).contains(&n))
                        && p.len() > 2
                })
                .collect();
            for t in &tens {
                for o in &ones {
                    v.push(format!("{t}[- ]{o}"));
                }
            }
            v.push(r"\d+(?:[.,]\d+)?".to_string());
            v
        }
        "day" => return Some(r"[0-3]?\d(?:st|nd|rd|th)?".to_string()),
        "year" => return Some(r"(?:1[6-9]|20)\d\d".to_string()),
        "hour" => return Some(r"[01]?\d|2[0-3]".to_string()),
        "min" => return Some(r"[0-5]\d".to_string()),
        _ => {
            let ps = lex.phrases(class);
            if ps.is_empty() {
                return None;
            }
            ps.iter().map(|p| escape_phrase(p)).collect()
        }
    };
    // Longest first, so leftmost-first alternation prefers "Sept." to
    // "Sep" and "twenty-five" to "twenty".
    ps.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    ps.dedup();
    let alt = ps.join("|");
    Some(if CASED.contains(&class) { format!("(?-i:{alt})") } else { alt })
}

/// Expands `{class}`, `{class:name}` and `{~class}` placeholders and
/// turns single spaces (outside `[...]`) into `\s+`.
pub fn expand(pattern: &str, lex: &Lexicon) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            ' ' if !in_class => out.push_str(r"\s+"),
            '{' if !in_class
                && chars
                    .peek()
                    .is_some_and(|n| n.is_ascii_alphabetic() || *n == '~') =>
            {
                let mut token = String::new();
                for n in chars.by_ref() {
                    if n == '}' {
                        break;
                    }
                    token.push(n);
                }
                let (named, body) = match token.strip_prefix('~') {
                    Some(t) => (false, t),
                    None => (true, token.as_str()),
                };
                let (class, name) = match body.split_once(':') {
                    Some((c, n)) => (c, n),
                    None => (body, if body == "num" { "n" } else { body }),
                };
                let alt = alternation(lex, class)
                    .ok_or_else(|| format!("unknown class `{{{token}}}`"))?;
                if named {
                    out.push_str(&format!("(?P<{name}>{alt})"));
                } else {
                    out.push_str(&format!("(?:{alt})"));
                }
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

fn build(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .unicode(false)
        .case_insensitive(true)
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
}

impl Rules {
    /// Parses and compiles a rules file; every bad line is reported.
    pub fn parse(
        path: &str,
        text: &str,
        lex: &Lexicon,
    ) -> Result<Rules, Vec<DictError>> {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        let mut unnamed = Vec::new();
        let strip = Regex::new(r"\(\?P<[A-Za-z0-9_]+>").map_err(|e| {
            vec![DictError {
                path: path.into(),
                line: 0,
                reason: e.to_string(),
            }]
        })?;
        for (i, line) in text.lines().enumerate() {
            let Some(f) = fields(line) else { continue };
            let err = |reason: String| DictError {
                path: path.to_string(),
                line: i + 1,
                reason,
            };
            if f.len() != 5 {
                errors.push(err(format!(
                    "expected `id<TAB>kind<TAB>type<TAB>value<TAB>pattern`, got {} field(s)",
                    f.len()
                )));
                continue;
            }
            let kind = match f[1] {
                "date" => Kind::Date,
                "relunit" => Kind::RelUnit,
                "ago" => Kind::Ago,
                "dur" => Kind::Dur,
                "set" => Kind::Set,
                "fixed" => Kind::Fixed,
                "today" => Kind::Today,
                "time" => Kind::Time,
                "anchored" => Kind::Anchored,
                "dom" => Kind::Dom,
                k => {
                    errors.push(err(format!("unknown kind `{k}`")));
                    continue;
                }
            };
            let ty = match f[2] {
                "DATE" => TimexType::Date,
                "TIME" => TimexType::Time,
                "DURATION" => TimexType::Duration,
                "SET" => TimexType::Set,
                t => {
                    errors.push(err(format!("unknown type `{t}`")));
                    continue;
                }
            };
            let expanded = match expand(f[4], lex) {
                Ok(e) => e,
                Err(e) => {
                    errors.push(err(e));
                    continue;
                }
            };
            let re = match build(&format!(r"\A(?:{expanded})")) {
                Ok(r) => r,
                Err(e) => {
                    errors.push(err(format!("bad pattern: {e}")));
                    continue;
                }
            };
            unnamed.push(
                strip
                    .replace_all(expanded.as_bytes(), &b"(?:"[..])
                    .into_owned(),
            );
            rules.push(Rule {
                id: f[0].to_string(),
                origin: format!("{path}:{}", i + 1),
                kind,
                ty,
                value: f[3].to_string(),
                re,
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let alts: Vec<String> = unnamed
            .iter()
            .map(|u| format!("(?:{})", String::from_utf8_lossy(u)))
            .collect();
        let combined =
            build(&format!(r"\b(?:{})", alts.join("|"))).map_err(|e| {
                vec![DictError {
                    path: path.to_string(),
                    line: 0,
                    reason: format!("combined pattern: {e}"),
                }]
            })?;
        Ok(Rules { rules, combined })
    }

    /// The next position at or after `from` where some rule may match.
    pub fn next_start(&self, text: &[u8], from: usize) -> Option<usize> {
        self.combined.find_at(text, from).map(|m| m.start())
    }

    /// Every rule matching at `at`, longest first (ties in rule order),
    /// each ending on a word boundary.
    pub fn candidates<'t>(
        &self,
        text: &'t [u8],
        at: usize,
    ) -> Vec<Candidate<'t>> {
        let hay = &text[at..];
        let mut out = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let Some(caps) = rule.re.captures(hay) else { continue };
            let Some(m) = caps.get(0) else { continue };
            let end = at + m.end();
            let last = text.get(end.wrapping_sub(1)).copied().unwrap_or(b' ');
            let next = text.get(end).copied().unwrap_or(b' ');
            if m.is_empty()
                || (last.is_ascii_alphanumeric()
                    && next.is_ascii_alphanumeric())
            {
                continue;
            }
            let span = caps
                .name("x")
                .map(|x| (at + x.start(), at + x.end()))
                .unwrap_or((at, end));
            out.push(Candidate { rule: i, len: m.end(), caps, at, span });
        }
        out.sort_by(|a, b| b.len.cmp(&a.len).then(a.rule.cmp(&b.rule)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::BUILTIN_LEXICON;
    use super::*;

    #[test]
    fn builtin_compiles() {
        let lex = Lexicon::parse("lexicon.tsv", BUILTIN_LEXICON).unwrap();
        let rules = Rules::parse("rules.tsv", BUILTIN_RULES, &lex).unwrap();
        assert!(rules.rules.len() > 40);
    }

    #[test]
    fn expansion() {
        let lex =
            Lexicon::parse("l", "month\tMay\t5\nunit\tday\tD\n").unwrap();
        let cases = [
            (
                "{month} {day}",
                r"(?P<month>(?-i:May))\s+(?P<day>[0-3]?\d(?:st|nd|rd|th)?)",
            ),
            ("{~unit}[- ]x", r"(?:day)[- ]x"),
            (r"a\d{2}", r"a\d{2}"),
        ];
        for (p, want) in cases {
            assert_eq!(expand(p, &lex).unwrap(), want);
        }
        assert!(expand("{planet}", &lex).is_err());
    }

    #[test]
    fn bad_rules_all_reported() {
        let lex = Lexicon::parse("l", BUILTIN_LEXICON).unwrap();
        let text = "a\tdate\tDATE\t-\t{month}\nb\tzzz\tDATE\t-\tx\nc\tdate\tDAY\t-\tx\nd\tdate\tDATE\t-\t(\n";
        let errs = Rules::parse("r.tsv", text, &lex).unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 4]);
    }
}
