//! The `places.tsv` format: `phrases<TAB>country<TAB>kind[<TAB>flags]`.
//!
//! Lines starting with `#` and blank lines are ignored. `phrases` are
//! surface forms separated by `|` (the first is the canonical name);
//! `country` is an ISO 3166 alpha-3 code, or `-` for places that belong to
//! no single country (seas, some regions); `kind` is one of `city`,
//! `region`, `country`, `site`, `sea`, or `cue` (the phrases are then the
//! locative words, "in", "near", that license ambiguous entries); `flags`
//! is empty or a comma list of `amb` (only after a cue word) and `alt`
//! (another country's place of a name an earlier line has: "Rafah" in
//! Egypt beside Gaza's; the matcher picks between them by the other
//! places of the text, see [`super::PlaceMatcher::find`]).

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
    /// Another reading of phrases an earlier line has (flag `alt`): the
    /// automaton matches the earlier line, and the text's other places
    /// may pick this one.
    pub alternate: bool,
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
    /// Normalised phrase (tokens' norms joined by spaces) -> the indexes
    /// in `entries` of its `alt` readings, in file order.
    pub alternates: HashMap<String, Vec<usize>>,
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
        let (mut ambiguous, mut alternate, mut bad) = (false, false, None);
        for f in cols.get(3).map_or("", |s| s.trim()).split(',') {
            match f.trim() {
                "" => {}
                "amb" => ambiguous = true,
                "alt" => alternate = true,
                f => bad = Some(f.to_string()),
            }
        }
        if let Some(f) = bad {
            err(format!("unknown flag {f:?} (amb, alt)"));
            continue;
        }
        let Some(kind) = kind else {
            for p in &phrases {
                places.cues.insert(crate::text::normalize(p));
            }
            continue;
        };
        let entry =
            PlaceEntry { phrases, country, kind, ambiguous, alternate, line };
        if alternate {
            // Every phrase must be an earlier line's, of another country.
            let mut keys = Vec::new();
            for p in &entry.phrases {
                let key = phrase_key(p, &lex);
                let first = seen.get(&key).copied();
                let countries = first
                    .into_iter()
                    .chain(places.alternates.get(&key).into_iter().flat_map(
                        |alts| alts.iter().map(|&i| places.entries[i].line),
                    ))
                    .filter_map(|l| {
                        places.entries.iter().find(|e| e.line == l)
                    })
                    .map(|e| e.country.clone())
                    .collect::<Vec<_>>();
                if first.is_none() {
                    err(format!(
                        "alt phrase {p:?} is on no earlier line (alt adds a \
                         reading of a name another line has)"
                    ));
                } else if countries.contains(&entry.country) {
                    err(format!(
                        "alt phrase {p:?} already has a reading in {}",
                        entry.country.as_deref().unwrap_or("-")
                    ));
                } else {
                    keys.push(key);
                    continue;
                }
                keys.clear();
                break;
            }
            if keys.len() != entry.phrases.len() {
                continue;
            }
            let i = places.entries.len();
            for key in keys {
                places.alternates.entry(key).or_default().push(i);
            }
            places.entries.push(entry);
            continue;
        }
        let mut dup = false;
        for p in &entry.phrases {
            let key = phrase_key(p, &lex);
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
        places.entries.push(entry);
    }
    errors.finish(places).map_err(crate::error::Error::Dict)
}

/// A phrase's normalised key: its tokens' norms joined by spaces.
pub(super) fn phrase_key(p: &str, lex: &Lexicon) -> String {
    // Written into one string: a `String` per token, then a join, cost
    // ~10 M instructions at every start over ~9,800 phrases.
    let mut key = String::with_capacity(p.len());
    for (i, t) in tokenize_with(p, lex).iter().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.push_str(&t.norm);
    }
    key
}
