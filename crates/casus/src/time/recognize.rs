//! Recognition: the rules of `dicts/time/rules.tsv`, expanded against the
//! lexicon and compiled into one anchored regex per rule plus one
//! anchored set of all of them. A cheap trigger scan (aho-corasick over
//! the lexicon's month, weekday, unit, part-of-day, season and trigger
//! words, plus date-like digits) finds the few places worth a look, so
//! most text costs one automaton pass; around each trigger the set says
//! which rules match at each word start and only those compute groups.
//! The leftmost, then longest match wins, so "the past two years" beats
//! "the past" and "two years".

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind,
};
use std::sync::OnceLock;

use regex::bytes::{Captures, Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::lexicon::{fields, Lexicon, CASED, TRIGGERS};
use super::TimexType;
use crate::error::DictError;
use crate::util::data_lines;

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

/// One compiled rule. Its id (first column) names it in the file only:
/// no behaviour depends on it; rule-specific behaviour is in the data
/// (the kind, the value column, named groups).
#[derive(Clone, Debug)]
pub struct Rule {
    /// How to compute the value.
    pub kind: Kind,
    /// TIMEX3 type.
    pub ty: TimexType,
    /// The value column.
    pub value: String,
    /// The expanded pattern, anchored at the start of the haystack.
    pattern: String,
    /// Its regex, compiled on first use: most texts need a few of the
    /// rules, and compiling all of them was most of the start-up time.
    re: OnceLock<Option<Regex>>,
}

impl Rule {
    /// The rule's regex (anchored at the start of the haystack),
    /// compiled on first use. `None` only if it fails to compile, which
    /// [`Rules::parse`] has ruled out for every rule it returns.
    pub fn regex(&self) -> Option<&Regex> {
        self.re.get_or_init(|| build(&self.pattern).ok()).as_ref()
    }
}

/// All rules plus the combined start-finding regex.
#[derive(Clone, Debug)]
pub struct Rules {
    /// Rules in file order (earlier wins ties).
    pub rules: Vec<Rule>,
    triggers: AhoCorasick,
    /// Per trigger pattern: true when it must be capitalised in the text
    /// (months and weekdays: "may" the verb is no trigger).
    trigger_cased: Vec<bool>,
    /// The anchored rules as one set: which rules match at a position,
    /// in one pass, before any capture groups are computed.
    pub(crate) set: RegexSet,
}

/// Longest text an expression may span, in bytes (bounds the anchored
/// searches).
const WINDOW: usize = 256;

/// One rule match at a position.
pub struct Candidate {
    /// Index into [`Rules::rules`].
    pub rule: usize,
    /// Absolute byte offset of the match start.
    pub at: usize,
    /// Length of the whole match.
    pub len: usize,
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
            v.push(r"\d+(?:[.,]\d+)?".to_string());
            return Some(num_alternation(v, &tens, &ones));
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
    sort_alternatives(&mut ps);
    let alt = ps.join("|");
    Some(if CASED.contains(&class) { format!("(?-i:{alt})") } else { alt })
}

/// Longest first, so leftmost-first alternation prefers "Sept." to
/// "Sep" and "twenty-five" to "twenty"; no duplicates.
fn sort_alternatives(ps: &mut Vec<String>) {
    ps.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    ps.dedup();
}

/// `{num}`: number phrases and digits (`plain`) plus every tens-ones
/// compound ("twenty-five"), longest first. The compounds become one
/// factored group `(?:twenty|...)[- ](?:one|...)` where the first of them
/// sorts, when that cannot change which alternative wins: the words are
/// plain letters, no tens (ones) word is a prefix of another, so at most
/// one compound matches anywhere, and no other alternative sorted among
/// the compounds can start with a tens word's letter. Same matches, from
/// a far smaller regex (the compounds were most of the time grammar's
/// compile time).
fn num_alternation(
    plain: Vec<String>,
    tens: &[&str],
    ones: &[&str],
) -> String {
    let compounds: Vec<String> = tens
        .iter()
        .flat_map(|t| ones.iter().map(move |o| format!("{t}[- ]{o}")))
        .collect();
    let mut all: Vec<String> =
        plain.iter().chain(compounds.iter()).cloned().collect();
    sort_alternatives(&mut all);
    let is_compound = |a: &String| compounds.contains(a);
    let (Some(first), Some(last)) =
        (all.iter().position(is_compound), all.iter().rposition(is_compound))
    else {
        return all.join("|");
    };
    // Literal words only (the compounds use them unescaped).
    let literal = |w: &&str| !w.is_empty() && regex::escape(w) == *w;
    let prefix_free = |ws: &[&str]| {
        ws.iter().enumerate().all(|(i, a)| {
            ws.iter().enumerate().all(|(j, b)| {
                i == j
                    || !b
                        .to_ascii_lowercase()
                        .starts_with(&a.to_ascii_lowercase())
            })
        })
    };
    let initials: Vec<u8> = tens
        .iter()
        .filter_map(|t| t.bytes().next())
        .map(|b| b.to_ascii_lowercase())
        .collect();
    // What an alternative's first byte can be: `\d` a digit, a letter
    // that letter (either case); anything else might be anything.
    let disjoint = |a: &String| match a.as_bytes() {
        [b'\\', b'd', ..] => !initials.iter().any(u8::is_ascii_digit),
        [b, ..] if b.is_ascii_alphabetic() => {
            !initials.contains(&b.to_ascii_lowercase())
        }
        _ => false,
    };
    let between_ok =
        all[first..=last].iter().filter(|a| !is_compound(a)).all(disjoint);
    if !(tens.iter().all(literal)
        && ones.iter().all(literal)
        && prefix_free(tens)
        && prefix_free(ones)
        && between_ok)
    {
        return all.join("|");
    }
    let mut t: Vec<String> = tens.iter().map(|w| w.to_string()).collect();
    let mut o: Vec<String> = ones.iter().map(|w| w.to_string()).collect();
    sort_alternatives(&mut t);
    sort_alternatives(&mut o);
    let group = format!("(?:{})[- ](?:{})", t.join("|"), o.join("|"));
    let mut out: Vec<String> =
        all.into_iter().filter(|a| !is_compound(a)).collect();
    out.insert(first, group);
    out.join("|")
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

impl Rule {
    /// One rule from a line's fields: `id kind type value pattern`.
    fn parse(f: &[&str], lex: &Lexicon) -> Result<Rule, String> {
        if f.len() != 5 {
            return Err(format!(
                "expected `id<TAB>kind<TAB>type<TAB>value<TAB>pattern`, got {} field(s)",
                f.len()
            ));
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
            k => return Err(format!("unknown kind `{k}`")),
        };
        let ty = match f[2] {
            "DATE" => TimexType::Date,
            "TIME" => TimexType::Time,
            "DURATION" => TimexType::Duration,
            "SET" => TimexType::Set,
            t => return Err(format!("unknown type `{t}`")),
        };
        let expanded = expand(f[4], lex)?;
        Ok(Rule {
            kind,
            ty,
            value: f[3].to_string(),
            pattern: format!(r"\A(?:{expanded})"),
            re: OnceLock::new(),
        })
    }
}

/// The rules' patterns as one set. One compile of all the rules checks
/// every pattern; only when it fails are the rules compiled one by one
/// to name the bad lines (`lines`: each rule's), into `errors`.
fn compile_set(
    path: &str,
    rules: &[Rule],
    lines: &[usize],
    errors: &mut Vec<DictError>,
) -> Option<RegexSet> {
    let set = RegexSetBuilder::new(rules.iter().map(|r| &r.pattern))
        .unicode(false)
        .case_insensitive(true)
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build();
    match set {
        Ok(set) => Some(set),
        Err(e) => {
            let before = errors.len();
            for (r, &line) in rules.iter().zip(lines) {
                if let Err(e) = build(&r.pattern) {
                    errors.push(DictError {
                        path: path.to_string(),
                        line,
                        reason: format!("bad pattern: {e}"),
                    });
                }
            }
            if errors.len() == before {
                errors.push(DictError {
                    path: path.to_string(),
                    line: 0,
                    reason: format!("rule set: {e}"),
                });
            }
            None
        }
    }
}

/// The trigger words' automaton (the lexicon's trigger classes, periods
/// dropped, case-blind) and whether each word is matched with its case.
fn trigger_words(
    lex: &Lexicon,
) -> Result<(AhoCorasick, Vec<bool>), aho_corasick::BuildError> {
    let mut words: Vec<String> = Vec::new();
    let mut cased = Vec::new();
    for c in TRIGGERS {
        for p in lex.phrases(c) {
            words.push(p.trim_end_matches('.').to_ascii_lowercase());
            cased.push(CASED.contains(c));
        }
    }
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&words)?;
    Ok((ac, cased))
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
        let mut lines: Vec<usize> = Vec::new();
        for (n, line) in data_lines(text) {
            match Rule::parse(&fields(line), lex) {
                Ok(rule) => {
                    lines.push(n);
                    rules.push(rule);
                }
                Err(reason) => errors.push(DictError {
                    path: path.to_string(),
                    line: n,
                    reason,
                }),
            }
        }
        let set = compile_set(path, &rules, &lines, &mut errors);
        let Some(set) = set.filter(|_| errors.is_empty()) else {
            errors.sort_by_key(|e| e.line);
            return Err(errors);
        };
        let (triggers, trigger_cased) = trigger_words(lex).map_err(|e| {
            vec![DictError {
                path: path.to_string(),
                line: 0,
                reason: format!("triggers: {e}"),
            }]
        })?;
        Ok(Rules { rules, triggers, trigger_cased, set })
    }

    /// Byte offsets worth a look, ascending: trigger words (whole words)
    /// and date-like digits (four digits, `3:07`, `25/12`, `8th`, `3pm`,
    /// the `-58` of `1957-58`).
    pub fn triggers(&self, text: &[u8]) -> Vec<usize> {
        let alnum =
            |i: usize| text.get(i).is_some_and(u8::is_ascii_alphanumeric);
        let mut out: Vec<usize> = self
            .triggers
            .find_iter(text)
            .filter(|m| {
                let inside = m.start() > 0 && alnum(m.start() - 1);
                let lower = self.trigger_cased[m.pattern().as_usize()]
                    && !text[m.start()].is_ascii_uppercase();
                !(inside || alnum(m.end()) || lower)
            })
            .map(|m| m.start())
            .collect();
        let mut i = 0;
        while i < text.len() {
            if !text[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let s = i;
            while i < text.len() && text[i].is_ascii_digit() {
                i += 1;
            }
            let n = i - s;
            let next = text.get(i).copied().unwrap_or(b' ');
            let after = &text[i..(i + 3).min(text.len())];
            let mut buf = [0u8; 3];
            buf[..after.len()].copy_from_slice(after);
            buf.make_ascii_lowercase();
            let lower = &buf[..after.len()];
            let ampm = lower.first().is_some_and(|&c| c == b'a' || c == b'p')
                || (lower.first() == Some(&b' ')
                    && lower.get(1).is_some_and(|&c| c == b'a' || c == b'p'));
            let ordinal = ["st", "nd", "rd", "th"]
                .iter()
                .any(|o| lower.starts_with(o.as_bytes()));
            if n == 4
                || next == b':'
                || next == b'/'
                || ordinal
                || ampm
                || (n <= 2 && next == b'0')
                || (n <= 2 && next == b'.' && dotted_clock(&text[i..]))
            {
                out.push(s);
            } else if n == 2
                && s >= 2
                && matches!(text[s - 1], b'-' | b'/')
                && text[s - 2].is_ascii_digit()
            {
                out.push(s - 1);
            } else if n <= 2 && next == b's' {
                out.push(s);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every rule matching at `at`, longest first (ties in rule order),
    /// each ending on a word boundary.
    pub fn candidates(&self, text: &[u8], at: usize) -> Vec<Candidate> {
        let hay = &text[at..(at + WINDOW).min(text.len())];
        let mut out = Vec::new();
        // Most word starts begin no expression: a yes/no search first
        // (no match set to allocate and walk), then one search says which
        // rules match.
        if !self.set.is_match(hay) {
            return out;
        }
        let matches = self.set.matches(hay);
        for i in matches.iter() {
            let Some(m) = self.rules[i].regex().and_then(|re| re.find(hay))
            else {
                continue;
            };
            let end = at + m.end();
            let last = text.get(end.wrapping_sub(1)).copied().unwrap_or(b' ');
            let next = text.get(end).copied().unwrap_or(b' ');
            if m.is_empty()
                || (last.is_ascii_alphanumeric()
                    && next.is_ascii_alphanumeric())
            {
                continue;
            }
            out.push(Candidate { rule: i, len: m.end(), at });
        }
        out.sort_by(|a, b| b.len.cmp(&a.len).then(a.rule.cmp(&b.rule)));
        out
    }
}

impl Candidate {
    /// The candidate's groups (relative to its start) and the expression's
    /// span (absolute): group `x` when present, else the whole match.
    pub fn captures<'t>(
        &self,
        rules: &Rules,
        text: &'t [u8],
    ) -> Option<(Captures<'t>, (usize, usize))> {
        // The haystack is exactly the match: the same leftmost-first match,
        // and the backtracker's work is bounded by its length.
        let hay = text.get(self.at..self.at + self.len)?;
        let caps = rules.rules.get(self.rule)?.regex()?.captures(hay)?;
        let span = caps
            .name("x")
            .map(|x| (self.at + x.start(), self.at + x.end()))
            .unwrap_or((self.at, self.at + self.len));
        Some((caps, span))
    }
}

/// `.30am`, `.50 pm` after an hour: a British-style clock time ("5.30am",
/// "6.50 pm"), whose hour is followed by a dot, not a colon.
fn dotted_clock(rest: &[u8]) -> bool {
    let digits =
        rest.get(1..3).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let ap = |c: Option<&u8>| {
        c.is_some_and(|c| matches!(c.to_ascii_lowercase(), b'a' | b'p'))
    };
    digits
        && (ap(rest.get(3)) || (rest.get(3) == Some(&b' ') && ap(rest.get(4))))
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
    fn num_factoring_keeps_matches() {
        let lex = Lexicon::parse("l", BUILTIN_LEXICON).unwrap();
        let factored = alternation(&lex, "num").unwrap();
        assert!(factored.contains(")[- ](?:"), "{factored}");
        // The reference: every compound spelled out, longest first.
        let number = lex.phrases("number");
        let by_value = |lo: u32, hi: u32, tens: bool| -> Vec<&str> {
            number
                .iter()
                .copied()
                .filter(|p| {
                    lex.value("number", p)
                        .and_then(|x| x.parse::<u32>().ok())
                        .is_some_and(|n| {
                            (lo..hi).contains(&n) && (!tens || n % 10 == 0)
                        })
                        && (tens || p.len() > 2)
                })
                .collect()
        };
        let (tens, ones) = (by_value(20, 100, true), by_value(1, 10, false));
        let mut all: Vec<String> =
            number.iter().map(|p| escape_phrase(p)).collect();
        all.push(r"\d+(?:[.,]\d+)?".to_string());
        for t in &tens {
            for o in &ones {
                all.push(format!("{t}[- ]{o}"));
            }
        }
        sort_alternatives(&mut all);
        let spelled = all.join("|");
        let re = |alt: &str| build(&format!(r"\A(?:{alt})\s+days")).unwrap();
        let (a, b) = (re(&factored), re(&spelled));
        let cases = [
            "twenty-one days",
            "Twenty one days",
            "seventy a couple of days",
            "twenty days",
            "ninety-nine days",
            "a couple of days",
            "one hundred days",
            "3.5 days",
            "21 days",
            "twenty-onex days",
            "sixty-six  days",
            "a days",
        ];
        for text in cases {
            let m = |r: &Regex| r.find(text.as_bytes()).map(|m| m.end());
            assert_eq!(m(&a), m(&b), "{text}");
        }
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
