//! Checks every office-holder file (`dicts/actors/officeholders/*.tsv`):
//! five or six columns, valid dates, `from <= to`, well-formed codes and
//! office values, no phrase that codes two different ways over
//! overlapping periods, and no two holders of one office of one country
//! or body whose periods overlap (a successor may start on the day the
//! predecessor leaves). Every bad line is reported as `file:line: reason`.

use std::collections::HashMap;
use std::path::Path;

use casus::dict::Office;
use chrono::NaiveDate;

/// One parsed row.
#[derive(Clone, Debug)]
struct Row {
    file: String,
    line: usize,
    code: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    name: String,
    office: Option<Office>,
}

impl Row {
    fn at(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }

    /// The country or body whose office this row holds: the whole code
    /// for international bodies, else the 3-letter country.
    fn holder_of(&self) -> &str {
        if self.code.starts_with("IGO") || self.code.starts_with("NGO") {
            &self.code
        } else {
            &self.code[..3]
        }
    }
}

fn valid_code(c: &str) -> bool {
    let upper = c.bytes().all(|b| b.is_ascii_uppercase());
    upper
        && (c.len() == 6
            || (c.len() > 6
                && c.len() <= 12
                && (c.starts_with("IGO") || c.starts_with("NGO"))))
}

fn date(s: &str) -> Result<Option<NaiveDate>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|e| format!("bad date {s:?}: {e}"))
}

/// Parses one file's rows; bad lines go to `bad`, one phrase list per row
/// to `phrases`.
fn parse(
    file: &str,
    text: &str,
    bad: &mut Vec<String>,
    phrases: &mut HashMap<String, Vec<Row>>,
    rows: &mut Vec<Row>,
) {
    for (n, l) in text.lines().enumerate() {
        let line = n + 1;
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let mut err =
            |reason: String| bad.push(format!("{file}:{line}: {reason}"));
        let cols: Vec<&str> = l.split('\t').collect();
        if cols.len() != 5 && cols.len() != 6 {
            err(format!("{} columns, want 5 or 6", cols.len()));
            continue;
        }
        let code = cols[1];
        if !valid_code(code) {
            err(format!("bad code {code:?}"));
            continue;
        }
        let name = cols[4];
        if name.trim().is_empty() {
            err("empty name".into());
        }
        let (from, to) = match (date(cols[2]), date(cols[3])) {
            (Ok(f), Ok(t)) => (f, t),
            (Err(e), _) | (_, Err(e)) => {
                err(e);
                continue;
            }
        };
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                err(format!("from {f} after to {t}"));
            }
        }
        let office = match cols.get(5).map(|s| s.trim()).unwrap_or("") {
            "" => None,
            o => match o.parse::<Office>() {
                Ok(o) => Some(o),
                Err(e) => {
                    err(e.to_string());
                    continue;
                }
            },
        };
        if office.is_some() && code.ends_with("ELI") {
            err(format!("office on an ELI row ({code})"));
        }
        let row = Row {
            file: file.to_string(),
            line,
            code: code.to_string(),
            from,
            to,
            name: name.trim().to_string(),
            office,
        };
        for p in cols[0].split('|') {
            let p = p.trim();
            if p.is_empty() {
                err("empty phrase".into());
                continue;
            }
            phrases.entry(p.to_lowercase()).or_default().push(row.clone());
        }
        rows.push(row);
    }
}

/// Checks `files` (name, text) together; returns every problem as
/// `file:line: reason`.
fn check(files: &[(String, String)]) -> Vec<String> {
    let mut bad = Vec::new();
    let mut phrases: HashMap<String, Vec<Row>> = HashMap::new();
    let mut rows = Vec::new();
    for (file, text) in files {
        parse(file, text, &mut bad, &mut phrases, &mut rows);
    }
    bad.extend(phrase_conflicts(phrases));
    bad.extend(office_overlaps(&rows));
    bad
}

/// A phrase that codes two different ways on one day.
fn phrase_conflicts(phrases: HashMap<String, Vec<Row>>) -> Vec<String> {
    let mut bad = Vec::new();
    let mut phrases: Vec<_> = phrases.into_iter().collect();
    phrases.sort_by(|a, b| a.0.cmp(&b.0));
    for (p, rows) in phrases {
        for (i, a) in rows.iter().enumerate() {
            for b in &rows[i + 1..] {
                if a.code != b.code && shared_days(a, b).is_some() {
                    bad.push(format!(
                        "{}: phrase {p:?} codes {} here but {} on {} over \
                         an overlapping period",
                        b.at(),
                        b.code,
                        a.code,
                        a.at()
                    ));
                }
            }
        }
    }
    bad
}

/// Two people holding one office of one country or body at once.
fn office_overlaps(rows: &[Row]) -> Vec<String> {
    let mut by_office: HashMap<(&str, Office), Vec<&Row>> = HashMap::new();
    for r in rows {
        if let Some(o) = r.office {
            by_office.entry((r.holder_of(), o)).or_default().push(r);
        }
    }
    let mut keys: Vec<_> = by_office.keys().copied().collect();
    keys.sort();
    let mut bad = Vec::new();
    for key in keys {
        let holders = &by_office[&key];
        for (i, a) in holders.iter().enumerate() {
            for b in &holders[i + 1..] {
                if a.name == b.name || handover(a, b) || handover(b, a) {
                    continue;
                }
                if let Some((s, e)) = shared_days(a, b) {
                    bad.push(format!(
                        "{}: {} {} {} overlaps {} on {} ({}..{})",
                        b.at(),
                        key.0,
                        key.1,
                        b.name,
                        a.name,
                        a.at(),
                        s.map_or("open".into(), |d| d.to_string()),
                        e.map_or("open".into(), |d| d.to_string()),
                    ));
                }
            }
        }
    }
    bad
}

/// Whether `b` takes over from `a` on `a`'s last day: rows are valid
/// (`from <= to`), so that day is then the only one they share.
fn handover(a: &Row, b: &Row) -> bool {
    a.to.is_some() && a.to == b.from
}

/// The days two rows share (`None` ends are open), if any.
fn shared_days(
    a: &Row,
    b: &Row,
) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
    let start = a.from.max(b.from);
    let end = match (a.to, b.to) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) | (None, x) => x,
    };
    match (start, end) {
        (Some(s), Some(e)) if s > e => None,
        _ => Some((start, end)),
    }
}

/// Every office-holder file, as (repository path, text).
fn office_holder_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = root.join("dicts/actors/officeholders");
    let mut region: Vec<String> = std::fs::read_dir(&dir)
        .expect("dicts/actors/officeholders/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tsv"))
        .map(|n| format!("dicts/actors/officeholders/{n}"))
        .collect();
    region.sort();
    assert!(!region.is_empty(), "no region files in {}", dir.display());
    region
        .into_iter()
        .filter_map(|n| {
            let text = std::fs::read_to_string(root.join(&n)).ok()?;
            Some((n, text))
        })
        .collect()
}

#[test]
fn officeholder_files_are_clean() {
    let bad = check(&office_holder_files());
    assert!(bad.is_empty(), "{} bad lines:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn checker_finds_each_problem() {
    let cases: &[(&str, &str)] = &[
        ("A|B\tUSAGOV\t2001-01-01\t2002-01-01\tA\n", ""),
        ("A|B\tUSAGOV\t2001-01-01\t2002-01-01\tA\tHOS\n", ""),
        ("A\tUSAGOV\t2001-01-01\tA\n", "t:1: 4 columns"),
        ("A\tUSAGOV\t\t\tA\tHOS\tx\n", "t:1: 7 columns"),
        ("A\tUSAGOVX\t\t\tA\n", "t:1: bad code"),
        ("A\tusagov\t\t\tA\n", "t:1: bad code"),
        ("A\tIGOUNO\t\t\tA\tSG\n", ""),
        ("A\tIGOEUREEC\t\t\tA\n", ""),
        ("A\tUSAGOV\t2001-13-01\t\tA\n", "t:1: bad date"),
        ("A\tUSAGOV\t\t\tA\tPM\n", "t:1: bad office \"PM\""),
        ("A\tUSAELI\t\t\tA\tHOS\n", "t:1: office on an ELI row"),
        (
            "A\tUSAGOV\t2003-01-01\t2002-01-01\tA\n",
            "t:1: from 2003-01-01 after",
        ),
        ("A\tUSAGOV\t\t\t \n", "t:1: empty name"),
        (
            "A\tUSAGOV\t2001-01-01\t2005-01-01\tA\n\
             A\tUSAELI\t2005-01-02\t\tA\n",
            "",
        ),
        (
            "A\tUSAGOV\t2001-01-01\t2005-01-01\tA\n\
             A\tUSAELI\t2005-01-01\t\tA\n",
            "t:2: phrase \"a\" codes USAELI",
        ),
        (
            "A\tUSAGOV\t2001-01-01\t\tA\n\
             A\tRUSGOV\t\t2001-01-01\tA\n",
            "t:2: phrase \"a\" codes RUSGOV",
        ),
        (
            "A\tUSAGOV\t2001-01-01\t\tA\n\
             A\tRUSGOV\t\t2000-12-31\tA\n",
            "",
        ),
        (
            "A\tUSAGOV\t2001-01-01\t2002-01-01\tA\n\
             A\tUSAGOV\t2001-06-01\t2003-01-01\tA\n",
            "",
        ),
        // One office: a handover day is shared, more is not.
        (
            "A\tUSAGOV\t2001-01-01\t2005-01-20\tA\tHOS\n\
             B\tUSAGOV\t2005-01-20\t\tB\tHOS\n",
            "",
        ),
        (
            "A\tUSAGOV\t2001-01-01\t2005-01-21\tA\tHOS\n\
             B\tUSAGOV\t2005-01-20\t\tB\tHOS\n",
            "t:2: USA HOS B overlaps A on t:1 (2005-01-20..2005-01-21)",
        ),
        (
            "A\tUSAGOV\t2001-01-01\t\tA\tFM\n\
             B\tUSAMIL\t2005-01-20\t2006-01-01\tB\tFM\n",
            "t:2: USA FM B overlaps A",
        ),
        // Different offices, countries or bodies, or the same person.
        (
            "A\tUSAGOV\t2001-01-01\t\tA\tFM\n\
             B\tUSAGOV\t2001-01-01\t\tB\tDEF\n\
             C\tRUSGOV\t2001-01-01\t\tC\tFM\n\
             D\tIGOUNO\t2001-01-01\t\tD\tSG\n\
             E\tIGOUNOREF\t2001-01-01\t\tE\tSG\n\
             A2\tUSAGOV\t2003-01-01\t2004-01-01\tA\tFM\n",
            "",
        ),
        (
            "A\tIGOUNO\t2001-01-01\t\tA\tSG\n\
             B\tIGOUNO\t\t2001-01-02\tB\tSG\n",
            "t:2: IGOUNO SG B overlaps A",
        ),
    ];
    for (text, want) in cases {
        let got = check(&[("t".to_string(), text.to_string())]).join("\n");
        if want.is_empty() {
            assert!(got.is_empty(), "{text:?}: unexpected {got}");
        } else {
            assert!(got.contains(want), "{text:?}: want {want:?} in {got:?}");
        }
    }
}

/// Problems are reported with the file they are in.
#[test]
fn reports_across_files() {
    let files = [
        ("a.tsv".to_string(), "X\tUSAGOV\t2001-01-01\t\tX\tFM\n".to_string()),
        (
            "b.tsv".to_string(),
            "#\nY\tUSAGOV\t2002-01-01\t\tY\tFM\n".to_string(),
        ),
    ];
    let got = check(&files).join("\n");
    assert!(
        got.starts_with("b.tsv:2: USA FM Y overlaps X on a.tsv:1"),
        "{got}"
    );
}

/// An expected mention: its text and code.
type Mention = (&'static str, &'static str);

/// The built-in gazetteer's mentions of `text` on `date`: (text, code).
fn mentions(
    m: &casus::actors::ActorMatcher,
    date: &str,
    text: &str,
) -> Vec<(String, String)> {
    let article = casus::Article::new("t", date.parse().expect("date"), text);
    let analyzed = casus::text::analyze(text);
    m.find(&article, &analyzed, &casus::actors::Context::default())
        .into_iter()
        .map(|x| (x.span.slice(text).to_string(), x.code.to_string()))
        .collect()
}

fn owned(want: &[Mention]) -> Vec<(String, String)> {
    want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

/// Names code to their office on the article's date, through the
/// built-in gazetteer (the 1987 Reuters case: Reagan is `USAGOV`).
#[test]
fn names_code_by_article_date() {
    let m = casus::actors::ActorMatcher::builtin().expect("gazetteer");
    let cases: &[(&str, &str, &[Mention])] = &[
        (
            "1987-06-01",
            "Ronald Reagan met George Shultz and Mikhail Gorbachev.",
            &[
                ("Ronald Reagan", "USAGOV"),
                ("George Shultz", "USAGOV"),
                ("Mikhail Gorbachev", "RUSGOV"),
            ],
        ),
        ("1995-03-01", "Reagan spoke.", &[("Reagan", "USAELI")]),
        ("1990-11-28", "John Major said.", &[("John Major", "GBRGOV")]),
        ("1987-06-01", "Volcker said.", &[("Volcker", "USAGOV")]),
        ("1993-05-01", "Boris Yeltsin said.", &[("Boris Yeltsin", "RUSGOV")]),
    ];
    for (date, text, want) in cases {
        assert_eq!(mentions(&m, date, text), owned(want), "{date}: {text}");
    }
}

/// Role nouns of `dicts/agents.tsv` are actors on their own, with the
/// country from the clause when it names one.
#[test]
fn role_nouns_are_actors() {
    let m = casus::actors::ActorMatcher::builtin().expect("gazetteer");
    let cases: &[(&str, &[Mention])] = &[
        ("Farmers protested.", &[("Farmers", "---AGR")]),
        ("Nigerian herders clashed.", &[("Nigerian herders", "NGAAGR")]),
        ("Teachers went on strike.", &[("Teachers", "---EDU")]),
        ("Doctors walked out.", &[("Doctors", "---HLH")]),
        ("Bandits kidnapped 20.", &[("Bandits", "---CRM")]),
        ("Unknown gunmen attacked.", &[("Unknown gunmen", "---REB")]),
        ("Taxi drivers blocked roads.", &[("Taxi drivers", "---LAB")]),
        ("Youths burned tyres.", &[("Youths", "---CVL")]),
    ];
    for (text, want) in cases {
        assert_eq!(mentions(&m, "2024-01-01", text), owned(want), "{text}");
    }
}
