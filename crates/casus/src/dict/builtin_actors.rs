//! The built-in gazetteer (`dicts/actors/*.tsv`, `dicts/agents.tsv`),
//! compiled into the binary and parsed by the same reader as user files.
//!
//! Actor files: `phrases<TAB>code<TAB>from<TAB>to<TAB>name[<TAB>office]`
//! (the office column is used by the office-holder files,
//! `dicts/actors/officeholders/*.tsv`); agent files:
//! `phrases<TAB>role<TAB>placement`. The format is specified in
//! `dicts/README.md`; every bad line is reported, not just the first.

use std::path::Path;
use std::sync::Arc;

use super::{
    ActorEntry, AgentEntry, AgentPlacement, Dictionaries, Names, Office,
    Origin,
};
use crate::date::Date;
use crate::error::DictError;
use crate::util::data_lines;

/// The built-in actor files, in load order, with what their phrases name.
const ACTOR_FILES: &[(&str, &str, Names)] = &[
    (
        "dicts/actors/countries.tsv",
        include_str!("../../../../dicts/actors/countries.tsv"),
        Names::Countries,
    ),
    (
        "dicts/actors/capitals.tsv",
        include_str!("../../../../dicts/actors/capitals.tsv"),
        Names::Capitals,
    ),
    (
        "dicts/actors/igos.tsv",
        include_str!("../../../../dicts/actors/igos.tsv"),
        Names::Bodies,
    ),
    (
        "dicts/actors/groups.tsv",
        include_str!("../../../../dicts/actors/groups.tsv"),
        Names::Bodies,
    ),
    (
        "dicts/actors/organizations.tsv",
        include_str!("../../../../dicts/actors/organizations.tsv"),
        Names::Bodies,
    ),
    (
        "dicts/actors/officeholders/americas.tsv",
        include_str!("../../../../dicts/actors/officeholders/americas.tsv"),
        Names::Persons,
    ),
    (
        "dicts/actors/officeholders/europe.tsv",
        include_str!("../../../../dicts/actors/officeholders/europe.tsv"),
        Names::Persons,
    ),
    (
        "dicts/actors/officeholders/eastasia-pacific.tsv",
        include_str!(
            "../../../../dicts/actors/officeholders/eastasia-pacific.tsv"
        ),
        Names::Persons,
    ),
    (
        "dicts/actors/officeholders/igo.tsv",
        include_str!("../../../../dicts/actors/officeholders/igo.tsv"),
        Names::Persons,
    ),
    (
        "dicts/actors/officeholders/mideast.tsv",
        include_str!("../../../../dicts/actors/officeholders/mideast.tsv"),
        Names::Persons,
    ),
    (
        "dicts/actors/officeholders/africa.tsv",
        include_str!("../../../../dicts/actors/officeholders/africa.tsv"),
        Names::Persons,
    ),
    (
        "dicts/actors/officeholders/asia-south-central.tsv",
        include_str!(
            "../../../../dicts/actors/officeholders/asia-south-central.tsv"
        ),
        Names::Persons,
    ),
    (
        "dicts/actors/officeholders/asia-southeast.tsv",
        include_str!(
            "../../../../dicts/actors/officeholders/asia-southeast.tsv"
        ),
        Names::Persons,
    ),
];

/// The built-in agent file.
const AGENTS: (&str, &str) =
    ("dicts/agents.tsv", include_str!("../../../../dicts/agents.tsv"));

/// The built-in actor and agent dictionaries.
pub fn builtin_actors() -> crate::error::Result<Dictionaries> {
    let mut errors = Vec::new();
    let mut d = Dictionaries::default();
    for (name, text, names) in ACTOR_FILES {
        d.actors.extend(parse_actors(name, text, &mut errors));
        d.actor_files.insert(name.to_string(), *names);
    }
    d.agents.extend(parse_agents(AGENTS.0, AGENTS.1, &mut errors));
    finish(d, errors)
}

/// Reads a user actor file in casus's TSV format.
pub fn read_actor_tsv(path: &Path) -> crate::error::Result<Dictionaries> {
    let text = read(path)?;
    let mut errors = Vec::new();
    let actors = parse_actors(&path.display().to_string(), &text, &mut errors);
    finish(Dictionaries { actors, ..Dictionaries::default() }, errors)
}

/// Reads a user agent file in casus's TSV format.
pub fn read_agent_tsv(path: &Path) -> crate::error::Result<Dictionaries> {
    let text = read(path)?;
    let mut errors = Vec::new();
    let agents = parse_agents(&path.display().to_string(), &text, &mut errors);
    finish(Dictionaries { agents, ..Dictionaries::default() }, errors)
}

/// `d` when no line was bad, else every bad line at once.
fn finish(
    d: Dictionaries,
    errors: Vec<DictError>,
) -> crate::error::Result<Dictionaries> {
    if errors.is_empty() {
        Ok(d)
    } else {
        Err(crate::error::Error::Dict(errors))
    }
}

fn read(path: &Path) -> crate::error::Result<String> {
    std::fs::read_to_string(path).map_err(|source| crate::error::Error::Io {
        path: path.into(),
        source,
    })
}

/// Content lines of a TSV file: `(1-based line, fields)`, skipping
/// blank lines and `#` comments.
pub(super) fn lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    data_lines(text).map(|(n, l)| (n, l.split('\t').collect()))
}

/// Splits `a|b|c` into trimmed, non-empty phrases.
pub(super) fn phrases(field: &str) -> Vec<&str> {
    field.split('|').map(str::trim).filter(|p| !p.is_empty()).collect()
}

pub(super) fn valid_code(code: &str) -> bool {
    code.len() >= 3
        && code.len() % 3 == 0
        && code.bytes().all(|b| b.is_ascii_uppercase() || b == b'-')
}

fn date(field: &str) -> Result<Option<Date>, String> {
    let f = field.trim();
    if f.is_empty() {
        return Ok(None);
    }
    plain_date(f)
        .map_or_else(|| f.parse::<Date>(), Ok)
        .map(Some)
        .map_err(|_| format!("bad date {f:?} (want YYYY-MM-DD)"))
}

/// A date written exactly `YYYY-MM-DD`, read without chrono's general
/// format parser (the actor files hold tens of thousands of dates, read
/// at every start); `None` for anything else, which chrono then reads
/// (or rejects) as before.
fn plain_date(f: &str) -> Option<Date> {
    let b = f.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    Date::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

/// Parses an actor file; bad lines are pushed to `errors`.
pub fn parse_actors(
    file: &str,
    text: &str,
    errors: &mut Vec<DictError>,
) -> Vec<ActorEntry> {
    let file_arc: Arc<str> = Arc::from(file);
    let mut out = Vec::new();
    // One field buffer for the whole file, not a vector per line: the
    // actor files hold ~58,000 lines, read at every start.
    let mut f: Vec<&str> = Vec::new();
    for (line, l) in data_lines(text) {
        f.clear();
        f.extend(l.split('\t'));
        let mut err = |reason: String| {
            errors.push(DictError { path: file.to_string(), line, reason })
        };
        if f.len() < 2 || f.len() > 6 {
            err(format!(
                "expected 2 to 6 tab-separated columns \
                 (phrases, code, from, to, name, office), found {}",
                f.len()
            ));
            continue;
        }
        let ps = phrases(f[0]);
        if ps.is_empty() {
            err("no phrase".into());
            continue;
        }
        let code = f[1].trim();
        if !valid_code(code) {
            err(format!(
                "bad code {code:?} (want 3-letter groups of A-Z or ---)"
            ));
            continue;
        }
        let from = date(f.get(2).copied().unwrap_or(""));
        let to = date(f.get(3).copied().unwrap_or(""));
        let (from, to) = match (from, to) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => {
                err(e);
                continue;
            }
        };
        if let (Some(a), Some(b)) = (from, to) {
            if a > b {
                err(format!("from {a} is after to {b}"));
                continue;
            }
        }
        let office = match office(f.get(5).copied().unwrap_or("")) {
            Ok(o) => o,
            Err(e) => {
                err(e.to_string());
                continue;
            }
        };
        let name = f
            .get(4)
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        for p in ps {
            out.push(ActorEntry {
                phrase: p.to_string(),
                code: code.to_string(),
                from,
                to,
                name: name.clone(),
                office,
                origin: Origin { file: file_arc.clone(), line: line as u32 },
            });
        }
    }
    out
}

/// The optional `office` column: empty, or one of [`Office::ALL`].
fn office(field: &str) -> Result<Option<Office>, super::BadOffice> {
    let f = field.trim();
    if f.is_empty() {
        return Ok(None);
    }
    f.parse().map(Some)
}

/// Parses an agent file; bad lines are pushed to `errors`.
pub fn parse_agents(
    file: &str,
    text: &str,
    errors: &mut Vec<DictError>,
) -> Vec<AgentEntry> {
    let file_arc: Arc<str> = Arc::from(file);
    let mut out = Vec::new();
    for (line, f) in lines(text) {
        let mut err = |reason: String| {
            errors.push(DictError { path: file.to_string(), line, reason })
        };
        if f.len() != 3 {
            err(format!(
                "expected 3 tab-separated columns \
                 (phrases, role, placement), found {}",
                f.len()
            ));
            continue;
        }
        let ps = phrases(f[0]);
        if ps.is_empty() {
            err("no phrase".into());
            continue;
        }
        let placement = match f[2].trim() {
            "suffix" => AgentPlacement::Suffix,
            "prefix" => AgentPlacement::Prefix,
            "modifier" => AgentPlacement::Modifier,
            "bound" => AgentPlacement::Bound,
            p => {
                err(format!(
                    "bad placement {p:?} (want suffix, prefix, modifier \
                     or bound)"
                ));
                continue;
            }
        };
        let code = f[1].trim();
        let ok = (code == "-" && placement == AgentPlacement::Modifier)
            || (valid_code(code) && !code.contains('-'));
        if !ok {
            err(format!("bad role {code:?} (want e.g. GOV, MIL)"));
            continue;
        }
        let code = if code == "-" { "" } else { code };
        for p in ps {
            out.push(AgentEntry {
                phrase: p.to_string(),
                code: code.to_string(),
                placement,
                origin: Origin { file: file_arc.clone(), line: line as u32 },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let d = builtin_actors().expect("built-in dictionaries parse");
        assert!(d.actors.len() > 1000, "{}", d.actors.len());
        assert!(d.agents.len() > 100);
    }

    #[test]
    fn every_bad_line_reported() {
        let text = "# comment\n\
                    Israel|Israeli\tISR\t\t\tIsrael\n\
                    \n\
                    Bad\tisr\n\
                    Worse\tUSA\t2020-13-01\n\
                    Only one column\n\
                    X\tUSAGOV\t2021-01-02\t2021-01-01\n";
        let mut errors = Vec::new();
        let got = parse_actors("t.tsv", text, &mut errors);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].phrase, "Israeli");
        assert_eq!(got[1].origin.to_string(), "t.tsv:2");
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![4, 5, 6, 7]);
        assert!(errors[0].to_string().starts_with("t.tsv:4: bad code"));
    }

    #[test]
    fn office_column() {
        let text = "A|B\tUSAGOV\t1981-01-20\t1989-01-20\tA\tHOS\n\
                    C\tUSAGOV\t\t\tC\t\n\
                    D\tUSAGOV\t\t\tD\tPM\n\
                    E\tUSAGOV\t\t\tE\tFM\tx\n";
        let mut errors = Vec::new();
        let got = parse_actors("o.tsv", text, &mut errors);
        let offices: Vec<_> = got.iter().map(|e| e.office).collect();
        assert_eq!(offices, vec![Some(Office::Hos), Some(Office::Hos), None]);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4]);
        assert!(errors[0].to_string().starts_with("o.tsv:3: bad office"));
    }

    /// Every file under `dicts/actors/officeholders/` is compiled in, so
    /// a new region file cannot be silently left out.
    #[test]
    fn loads_every_officeholder_file() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../dicts/actors/officeholders"
        );
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("dicts/actors/officeholders/ exists")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tsv"))
            .map(|n| format!("dicts/actors/officeholders/{n}"))
            .collect();
        on_disk.sort();
        let mut loaded: Vec<String> = ACTOR_FILES
            .iter()
            .map(|(name, _, _)| name.to_string())
            .filter(|n| n.starts_with("dicts/actors/officeholders/"))
            .collect();
        loaded.sort();
        assert_eq!(loaded, on_disk);
    }

    #[test]
    fn agents() {
        let text = "president|prime minister\tGOV\tsuffix\n\
                    former\tELI\tmodifier\n\
                    the\t-\tmodifier\n\
                    troops\tMIL\tsideways\n\
                    x\t-\tsuffix\n";
        let mut errors = Vec::new();
        let got = parse_agents("a.tsv", text, &mut errors);
        assert_eq!(got.len(), 4);
        assert_eq!(got[3].code, "");
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![4, 5]);
    }

    /// The fast reading of `YYYY-MM-DD` agrees with chrono's, bad dates
    /// included.
    #[test]
    fn plain_dates_read_as_chrono_reads_them() {
        for f in [
            "2001-01-20",
            "1999-12-31",
            "2024-02-29",
            "2023-02-29",
            "2001-13-01",
            "2001-00-10",
            "0000-01-01",
            "2001-1-01",
            "20010-01-01",
            "2001/01/01",
            "x001-01-01",
            "2001-01-2x",
        ] {
            let chrono = f.parse::<Date>().ok();
            assert_eq!(date(f).ok().flatten(), chrono, "{f}");
            if let Some(d) = plain_date(f) {
                assert_eq!(Some(d), chrono, "{f}");
            }
        }
    }
}
