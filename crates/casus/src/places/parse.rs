//! The `places.tsv` format: `phrases<TAB>country<TAB>kind[<TAB>flags]`.
//!
//! Lines starting with `#` and blank lines are ignored. `phrases` are
//! surface forms separated by `|` (the first is the canonical name);
//! `country` is an ISO 3166 alpha-3 code, or `-` for places that belong to
//! no single country (seas, some regions); `kind` is one of `city`,
//! `region`, `country`, `site`, `sea`, or `cue` (the phrases are then the
//! locative words, "in", "near", that license ambiguous entries); `flags`
//! is empty or `amb`.

use std::collections::{HashMap, HashSet};

use crate::text::{tokenize_with, Lexicon};
use crate::util::{data_lines, LineErrors};

/// What kind of place an entry is.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A city, town or village.
    #[default]
    City,
    /// A province, state, district or other area.
    Region,
    /// A country or territory.
    Country,
    /// A building, crossing, camp or other point.
    Site,
    /// A sea, gulf, strait or other water body.
    Sea,
}

/// One gazetteer line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceEntry {
    /// Surface forms as written in the file; the first is canonical.
    pub phrases: Vec<String>,
    /// ISO alpha-3 country, if the place lies in one.
    pub country: Option<String>,
    /// The kind of place.
    pub kind: PlaceKind,
    /// Only match after a locative cue word.
    pub ambiguous: bool,
    /// 1-based line number.
    pub line: usize,
}

impl PlaceEntry {
    /// The canonical name (first phrase).
    pub fn name(&self) -> &str {
        self.phrases.first().map(String::as_str).unwrap_or("")
    }
}

/// A parsed gazetteer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Places {
    /// The file name, for `entry` strings.
    pub path: String,
    /// Place entries in file order.
    pub entries: Vec<PlaceEntry>,
    /// Normalised locative cue words.
    pub cues: HashSet<String>,
}

/// Parses a gazetteer; every bad line is reported, as
/// [`crate::error::Error::Dict`].
pub fn parse_places(path: &str, text: &str) -> crate::error::Result<Places> {
    let mut places = Places { path: path.to_string(), ..Places::default() };
    let mut errors = LineErrors::new(path);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let lex = Lexicon::builtin();
    for (line, l) in data_lines(text) {
        let mut err = |reason: String| errors.push(line, reason);
        let cols: Vec<&str> = l.split('\t').collect();
        if cols.len() < 3 || cols.len() > 4 {
            err(format!(
                "expected 3 or 4 tab-separated columns, got {}",
                cols.len()
            ));
            continue;
        }
        let phrases: Vec<String> = cols[0]
            .split('|')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if phrases.is_empty() {
            err("no phrases".to_string());
            continue;
        }
        let kind = match cols[2] {
            "city" => Some(PlaceKind::City),
            "region" => Some(PlaceKind::Region),
            "country" => Some(PlaceKind::Country),
            "site" => Some(PlaceKind::Site),
            "sea" => Some(PlaceKind::Sea),
            "cue" => None,
            k => {
                err(format!(
                    "unknown kind {k:?} (city|region|country|site|sea|cue)"
                ));
                continue;
            }
        };
        let country = match cols[1] {
            "-" => None,
            c if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) => {
                Some(c.to_string())
            }
            c => {
                err(format!("bad country {c:?}: want ISO alpha-3 or -"));
                continue;
            }
        };
        let ambiguous = match cols.get(3).map(|s| s.trim()) {
            None | Some("") => false,
            Some("amb") => true,
            Some(f) => {
                err(format!("unknown flag {f:?} (amb)"));
                continue;
            }
        };
        let Some(kind) = kind else {
            for p in &phrases {
                places.cues.insert(crate::text::normalize(p));
            }
            continue;
        };
        let mut dup = false;
        for p in &phrases {
            let key: Vec<String> = tokenize_with(p, &lex)
                .into_iter()
                .map(|t| t.norm.into())
                .collect();
            let key = key.join(" ");
            if key.is_empty() {
                err(format!("phrase {p:?} has no tokens"));
                dup = true;
            } else if let Some(prev) = seen.get(&key) {
                if *prev != line {
                    err(format!("phrase {p:?} already on line {prev}"));
                    dup = true;
                }
            } else {
                seen.insert(key, line);
            }
        }
        if dup {
            continue;
        }
        places.entries.push(PlaceEntry {
            phrases,
            country,
            kind,
            ambiguous,
            line,
        });
    }
    errors.finish(places).map_err(crate::error::Error::Dict)
}
