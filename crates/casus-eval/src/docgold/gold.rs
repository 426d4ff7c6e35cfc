//! Document gold in one shape, from either source: the project's TOML
//! files (`testdata/docgold/gold/<id>.toml`, format in
//! `testdata/docgold/README.md`) or the shared `gold.json` of
//! `../shared/data/gold-articles/`.
//!
//! The TOML files are checked as they load (evidence and time expressions
//! must occur in the article, codes must be well formed) and every problem
//! of every file is reported at once, so whoever edits the gold sees all
//! mistakes in one run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The modality values `casus code` prints.
pub const MODALITIES: &[&str] = &[
    "asserted",
    "intended",
    "possible",
    "requested",
    "counterfactual",
    "conditional",
    "alleged",
];

/// Errors reading gold.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS reason.
        source: std::io::Error,
    },
    /// A gold file is not valid TOML or JSON of the expected shape.
    #[error("{path}: {reason}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        reason: String,
    },
    /// Gold that parsed but is inconsistent; one line per problem.
    #[error("{} problem(s) in the gold:\n{}", .0.len(), .0.join("\n"))]
    Invalid(Vec<String>),
}

/// One gold event: who did what to whom, as a careful CAMEO coder codes it.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldEvent {
    /// Source country (ISO alpha-3) or `IGO`; `None` = any.
    #[serde(default)]
    pub source: Option<String>,
    /// Target country or `IGO`; `None` = any.
    #[serde(default)]
    pub target: Option<String>,
    /// Full CAMEO actor code of the source (`USAGOV`).
    #[serde(default)]
    pub source_code: Option<String>,
    /// Full CAMEO actor code of the target.
    #[serde(default)]
    pub target_code: Option<String>,
    /// Accepted CAMEO roots (`"19"`).
    pub roots: Vec<String>,
    /// The best CAMEO code.
    #[serde(default)]
    pub cameo: Option<String>,
    /// The event's date when the text states or implies it.
    #[serde(default)]
    pub date: Option<String>,
    /// The modality `casus` should give it.
    #[serde(default)]
    pub modality: Option<String>,
    /// Whether recall counts it (false: a careful coder may or may not).
    #[serde(default = "yes")]
    pub required: bool,
    /// The clause stating the event, verbatim from the article.
    #[serde(default)]
    pub evidence: Option<String>,
    /// Free text for reports.
    #[serde(default)]
    pub note: String,
}

/// An act that must not come out as an asserted, non-negated event.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forbidden {
    /// Source country; `None` = any.
    #[serde(default)]
    pub source: Option<String>,
    /// Target country; `None` = any.
    #[serde(default)]
    pub target: Option<String>,
    /// The roots that must not appear asserted.
    pub roots: Vec<String>,
    /// Only this exact CAMEO code is forbidden.
    #[serde(default)]
    pub exact: Option<String>,
    /// How many matching asserted events are tolerated (an act that also
    /// happened once, asserted, elsewhere in the article).
    #[serde(default)]
    pub max: usize,
    /// The clause with the negated, denied or hypothetical act.
    #[serde(default)]
    pub evidence: Option<String>,
    /// Free text for reports.
    #[serde(default)]
    pub note: String,
}

/// A time expression and its TIMEX3 value as `casus times` prints it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timex {
    /// The expression as written.
    pub text: String,
    /// `2024-03-05`, `2024-W11`, `2024-03-05T16:00`, `P3D`.
    pub value: String,
}

/// The gold of one article.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleGold {
    /// The article id (file stem of the article).
    pub id: String,
    /// Publication date, as in the article's ` date` line.
    #[serde(default)]
    pub date: String,
    /// World region (`Africa/Sahel`, `Middle East`, ...).
    #[serde(default)]
    pub region: String,
    /// Outlet style (`wire`, `russian-state`, `acled-note`, `noise`, ...).
    #[serde(default)]
    pub style: String,
    /// A short title for reports.
    #[serde(default)]
    pub title: String,
    /// The events.
    #[serde(default, rename = "event")]
    pub events: Vec<GoldEvent>,
    /// Acts that must not be produced as asserted.
    #[serde(default)]
    pub forbidden: Vec<Forbidden>,
    /// Time expressions.
    #[serde(default)]
    pub timex: Vec<Timex>,
}

/// A gold set: articles, and where their texts are.
#[derive(Clone, Debug)]
pub struct Gold {
    /// Per-article gold, ordered by id.
    pub articles: Vec<ArticleGold>,
    /// The directory holding `<id>.txt` for every article.
    pub articles_dir: PathBuf,
}

fn yes() -> bool {
    true
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path)
        .map_err(|source| Error::Io { path: path.to_path_buf(), source })
}

impl Gold {
    /// The article files, in gold order.
    pub fn article_paths(&self) -> Vec<PathBuf> {
        self.articles
            .iter()
            .map(|a| self.articles_dir.join(format!("{}.txt", a.id)))
            .collect()
    }

    /// Reads the project's TOML gold: `dir/gold/*.toml` against the texts
    /// in `dir/articles/`, checking every file.
    ///
    /// # Errors
    ///
    /// Unreadable files, bad TOML, or [`Error::Invalid`] listing every
    /// inconsistency (see [`check_article`]).
    pub fn load_toml(dir: &Path) -> Result<Gold, Error> {
        let gold_dir = dir.join("gold");
        let articles_dir = dir.join("articles");
        let entries = std::fs::read_dir(&gold_dir)
            .map_err(|source| Error::Io { path: gold_dir.clone(), source })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        let mut articles = Vec::new();
        let mut problems = Vec::new();
        for path in paths {
            let a: ArticleGold =
                toml::from_str(&read(&path)?).map_err(|e| Error::Parse {
                    path: path.clone(),
                    reason: e.to_string(),
                })?;
            let stem = path.file_stem().and_then(|s| s.to_str());
            if stem != Some(a.id.as_str()) {
                problems.push(format!(
                    "{}: id {:?} is not the file name",
                    path.display(),
                    a.id
                ));
            }
            let text = read(&articles_dir.join(format!("{}.txt", a.id)))?;
            problems.extend(
                check_article(&a, &text)
                    .into_iter()
                    .map(|p| format!("{}: {p}", path.display())),
            );
            articles.push(a);
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        Ok(Gold { articles, articles_dir })
    }

    /// Reads the shared gold (`<shared>/data/gold-articles/gold.json`).
    ///
    /// # Errors
    ///
    /// Unreadable or malformed `gold.json`.
    pub fn load_shared(shared: &Path) -> Result<Gold, Error> {
        let dir = shared.join("data").join("gold-articles");
        let path = dir.join("gold.json");
        let parse =
            |reason: String| Error::Parse { path: path.clone(), reason };
        let raw: BTreeMap<String, serde_json::Value> =
            serde_json::from_str(&read(&path)?)
                .map_err(|e| parse(e.to_string()))?;
        let mut articles = Vec::new();
        for (id, v) in raw.iter().filter(|(k, _)| !k.starts_with('_')) {
            let a: SharedArticle = serde_json::from_value(v.clone())
                .map_err(|e| parse(format!("{id}: {e}")))?;
            articles.push(a.into_gold(id));
        }
        Ok(Gold { articles, articles_dir: dir.join("articles") })
    }
}

/// One article of the shared `gold.json`.
#[derive(Deserialize)]
struct SharedArticle {
    events: Vec<SharedEvent>,
    #[serde(default)]
    forbidden: Vec<SharedEvent>,
    #[serde(default)]
    timex: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct SharedEvent {
    src: Option<String>,
    tgt: Option<String>,
    roots: Vec<String>,
    #[serde(default = "yes")]
    required: bool,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    exact: Option<String>,
    #[serde(default)]
    note: String,
}

impl SharedArticle {
    fn into_gold(self, id: &str) -> ArticleGold {
        let forbidden = self
            .forbidden
            .into_iter()
            .map(|f| Forbidden {
                // The shared scorer tolerates one event where the note
                // says so; keep its figures reproducible.
                max: usize::from(f.note.contains("count of 16 events <= 1")),
                source: f.src,
                target: f.tgt,
                roots: f.roots,
                exact: f.exact,
                evidence: None,
                note: f.note,
            })
            .collect();
        let events = self
            .events
            .into_iter()
            .map(|e| GoldEvent {
                source: e.src,
                target: e.tgt,
                roots: e.roots,
                date: e.date,
                required: e.required,
                note: e.note,
                ..GoldEvent::default()
            })
            .collect();
        ArticleGold {
            id: id.to_string(),
            region: "shared".into(),
            style: "shared".into(),
            events,
            forbidden,
            timex: self
                .timex
                .into_iter()
                .map(|(text, value)| Timex { text, value })
                .collect(),
            ..ArticleGold::default()
        }
    }
}

/// Collapses whitespace runs to one space: hard-wrapped wire copy keeps
/// its newlines in the article while gold evidence is written on one line.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every inconsistency between one article's gold and its text.
///
/// Checked: the ` date` line equals the gold date; every evidence and
/// time expression occurs in the text (whitespace-insensitively); roots
/// are two digits 01-20; `cameo` and `exact` start with an accepted root;
/// actor codes start with their country; modality and dates are well
/// formed.
pub fn check_article(a: &ArticleGold, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let first = text.trim_start().lines().next().unwrap_or("");
    if !first.starts_with(&format!("date {}", a.date)) {
        out.push(format!("date line does not say {}", a.date));
    }
    let body = squash(text);
    let mut check_evidence = |what: &str, ev: &Option<String>| match ev {
        Some(ev) if !body.contains(&squash(ev)) => {
            out.push(format!("{what}: evidence not in the text: {ev:?}"))
        }
        None => out.push(format!("{what}: no evidence")),
        _ => {}
    };
    for (i, e) in a.events.iter().enumerate() {
        check_evidence(&format!("event {}", i + 1), &e.evidence);
    }
    for (i, f) in a.forbidden.iter().enumerate() {
        check_evidence(&format!("forbidden {}", i + 1), &f.evidence);
    }
    for (i, e) in a.events.iter().enumerate() {
        out.extend(
            check_event(e)
                .into_iter()
                .map(|p| format!("event {}: {p}", i + 1)),
        );
    }
    for (i, f) in a.forbidden.iter().enumerate() {
        let p = check_roots(&f.roots, f.exact.as_deref());
        out.extend(p.into_iter().map(|p| format!("forbidden {}: {p}", i + 1)));
    }
    for t in &a.timex {
        if !body.contains(&squash(&t.text)) {
            out.push(format!("timex not in the text: {:?}", t.text));
        }
    }
    out
}

fn check_roots(roots: &[String], cameo: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let root_ok = |r: &String| {
        r.len() == 2 && r.parse::<u8>().is_ok_and(|n| (1..=20).contains(&n))
    };
    if roots.is_empty() || !roots.iter().all(root_ok) {
        out.push(format!("bad roots {roots:?}"));
    }
    if let Some(c) = cameo {
        let digits = c.bytes().all(|b| b.is_ascii_digit());
        if !digits || !(3..=4).contains(&c.len()) {
            out.push(format!("bad CAMEO code {c:?}"));
        } else if !roots.iter().any(|r| c.starts_with(r.as_str())) {
            out.push(format!("CAMEO {c} is not under roots {roots:?}"));
        }
    }
    out
}

fn check_event(e: &GoldEvent) -> Vec<String> {
    let mut out = check_roots(&e.roots, e.cameo.as_deref());
    for (side, country, code) in [
        ("source", &e.source, &e.source_code),
        ("target", &e.target, &e.target_code),
    ] {
        if let (Some(c), Some(code)) = (country, code) {
            if !code.starts_with(c.as_str()) {
                out.push(format!("{side}_code {code} is not under {c}"));
            }
        }
        if let Some(c) = country {
            let ok = c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase());
            if !ok {
                out.push(format!("{side} {c:?} is not alpha-3 or IGO"));
            }
        }
    }
    if let Some(m) = &e.modality {
        if !MODALITIES.contains(&m.as_str()) {
            out.push(format!("unknown modality {m:?}"));
        }
    }
    if let Some(d) = &e.date {
        if !is_date(d) {
            out.push(format!("date {d:?} is not YYYY-MM-DD"));
        }
    }
    out
}

fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        " date 2024-03-05 Turkey condemned the\nattack on Tuesday.";

    fn article(evidence: &str, cameo: &str, timex: &str) -> ArticleGold {
        ArticleGold {
            id: "t".into(),
            date: "2024-03-05".into(),
            events: vec![GoldEvent {
                source: Some("TUR".into()),
                source_code: Some("TURGOV".into()),
                roots: vec!["11".into()],
                cameo: Some(cameo.into()),
                evidence: Some(evidence.into()),
                ..GoldEvent::default()
            }],
            timex: vec![Timex { text: timex.into(), value: "x".into() }],
            ..ArticleGold::default()
        }
    }

    #[test]
    fn checks_table() {
        let cases = [
            ("condemned the attack", "111", "Tuesday", 0),
            ("condemned the attack on Tuesday", "111", "Tuesday", 0),
            ("condemned the raid", "111", "Tuesday", 1),
            ("condemned the attack", "190", "Tuesday", 1),
            ("condemned the attack", "11x", "Monday", 2),
        ];
        for (ev, cameo, tx, n) in cases {
            let p = check_article(&article(ev, cameo, tx), TEXT);
            assert_eq!(p.len(), n, "{ev} {cameo} {tx}: {p:?}");
        }
    }

    #[test]
    fn code_must_sit_under_country() {
        let mut a = article("condemned the attack", "111", "Tuesday");
        a.events[0].source_code = Some("GRCGOV".into());
        a.events[0].modality = Some("reported".into());
        a.events[0].date = Some("2024-3-5".into());
        assert_eq!(check_article(&a, TEXT).len(), 3);
    }

    #[test]
    fn toml_shape() {
        let src = r#"
            id = "x"
            date = "2024-03-05"
            [[event]]
            source = "TUR"
            roots = ["11"]
            evidence = "condemned"
            [[forbidden]]
            roots = ["19"]
            max = 1
            [[timex]]
            text = "Tuesday"
            value = "2024-03-05"
        "#;
        let a: ArticleGold = toml::from_str(src).expect("parses");
        assert!(a.events[0].required, "required defaults to true");
        assert_eq!((a.forbidden[0].max, a.timex.len()), (1, 1));
        assert!(toml::from_str::<ArticleGold>("id='x'\nbogus=1").is_err());
    }
}
