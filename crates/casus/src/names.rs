//! Names of codes: CAMEO event codes (name, Goldstein score, QuadClass)
//! and actor codes (country, roles and a readable name), from the
//! built-in tables `dicts/cameo.tsv`, `dicts/roles.tsv`,
//! `dicts/actors/countries.tsv` and `dicts/actors/igos.tsv`.
//!
//! The tables are parsed once, on first use, and shared; lookups are
//! plain functions so that any front end (the HTTP API, a `codes`
//! command) gives the same answer.
//!
//! # Example
//!
//! ```
//! let c = casus::names::cameo("112").unwrap();
//! assert_eq!((c.goldstein, c.quad_class), (-2.0, 3));
//! assert_eq!(c.name, "Accuse, not specified below");
//!
//! let a = casus::names::actor("ISRMIL").unwrap();
//! assert_eq!(a.country.as_deref(), Some("ISR"));
//! assert_eq!(a.name, "Israel (military)");
//! assert_eq!(casus::names::actor("IGOUNO").unwrap().name, "United Nations");
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::codes::CameoCode;
use crate::events::cameo::CameoTable;
use crate::events::plover::{PloverTable, BUILTIN_PLOVER};

const COUNTRIES: &str = include_str!("../../../dicts/actors/countries.tsv");
const IGOS: &str = include_str!("../../../dicts/actors/igos.tsv");
const ROLES: &str = include_str!("../../../dicts/roles.tsv");
const FIPS: &str = include_str!("../../../dicts/fips.tsv");

/// One CAMEO event code with its facts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CameoName {
    /// The code, e.g. `112`.
    pub code: String,
    /// Its name in the CAMEO codebook.
    pub name: String,
    /// Goldstein conflict-cooperation score (-10 .. +10).
    pub goldstein: f32,
    /// Its root (first two digits).
    pub root: String,
    /// QuadClass of the root (1-4), as casus counts it
    /// ([`CameoCode::quad_class`]).
    pub quad_class: u8,
    /// PLOVER event type (`dicts/plover.tsv`).
    pub plover: Option<String>,
    /// PLOVER mode, where the code has one.
    pub plover_mode: Option<String>,
}

/// A role or body code (`GOV`, `MIL`, `IGO`) with its name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoleName {
    /// The 3-letter code.
    pub code: String,
    /// `role` (follows a country) or `body` (stands for one).
    pub kind: String,
    /// Its name.
    pub name: String,
}

/// A country code with its current name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountryName {
    /// ISO 3166 alpha-3 code.
    pub code: String,
    /// Its name (the entry valid today when the code had several).
    pub name: String,
}

/// What an actor code stands for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorName {
    /// The code, e.g. `ISRMIL`.
    pub code: String,
    /// The country, when the code starts with one.
    pub country: Option<String>,
    /// The country's name.
    pub country_name: Option<String>,
    /// Role codes after the country or body (`MIL`).
    pub roles: Vec<String>,
    /// A readable name: `Israel (military)`, `United Nations`.
    pub name: String,
}

struct Tables {
    cameo: Vec<CameoName>,
    cameo_index: HashMap<String, usize>,
    countries: Vec<CountryName>,
    country_index: HashMap<String, usize>,
    roles: Vec<RoleName>,
    role_index: HashMap<String, usize>,
    igos: HashMap<String, String>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(build)
}

/// Content lines of a built-in TSV file, split at tabs.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// `code -> name` of an actor file: the first entry with no end date
/// wins (Germany over West Germany), else the first one.
fn actor_names(text: &'static str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String, bool)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for r in rows(text) {
        let (Some(code), Some(name)) = (r.get(1), r.get(4)) else {
            continue;
        };
        let current = r.get(3).map_or(true, |to| to.is_empty());
        match at.get(code) {
            Some(&i) if out[i].2 || !current => {}
            Some(&i) => out[i] = (code.to_string(), name.to_string(), true),
            None => {
                at.insert(code, out.len());
                out.push((code.to_string(), name.to_string(), current));
            }
        }
    }
    out.into_iter().map(|(c, n, _)| (c, n)).collect()
}

fn build() -> Tables {
    // The built-in CAMEO table is checked by its own tests; an error here
    // would be a broken build, so an empty table is the honest fallback.
    let table = CameoTable::builtin().unwrap_or_default();
    let plover = PloverTable::parse("dicts/plover.tsv", BUILTIN_PLOVER)
        .unwrap_or_default();
    let mut cameo: Vec<CameoName> = table
        .iter()
        .map(|(code, info)| {
            let parsed = code.parse::<CameoCode>().ok();
            let pl = parsed.and_then(|c| plover.get(c));
            CameoName {
                code: code.to_string(),
                name: info.name.clone(),
                goldstein: info.goldstein,
                root: code.get(..2).unwrap_or(code).to_string(),
                quad_class: parsed.map_or(0, |c| c.quad_class()),
                plover: pl.map(|p| p.0.to_string()),
                plover_mode: pl.and_then(|p| p.1).map(str::to_string),
            }
        })
        .collect();
    cameo.sort_by(|a, b| a.code.cmp(&b.code));
    let mut countries: Vec<CountryName> = actor_names(COUNTRIES)
        .into_iter()
        .filter(|(c, _)| c.len() == 3)
        .map(|(code, name)| CountryName { code, name })
        .collect();
    countries.sort_by(|a, b| a.code.cmp(&b.code));
    let roles: Vec<RoleName> = rows(ROLES)
        .filter_map(|r| match r.as_slice() {
            [code, kind, name] => Some(RoleName {
                code: code.to_string(),
                kind: kind.to_string(),
                name: name.to_string(),
            }),
            _ => None,
        })
        .collect();
    let index = |codes: Vec<&String>| {
        codes.into_iter().enumerate().map(|(i, c)| (c.clone(), i)).collect()
    };
    Tables {
        cameo_index: index(cameo.iter().map(|c| &c.code).collect()),
        country_index: index(countries.iter().map(|c| &c.code).collect()),
        role_index: index(roles.iter().map(|r| &r.code).collect()),
        // Only IGO codes name one body; NGO codes in igos.tsv are sectors
        // (`NGOHRI` is Amnesty and Human Rights Watch alike).
        igos: actor_names(IGOS)
            .into_iter()
            .filter(|(c, _)| c.starts_with("IGO"))
            .collect(),
        cameo,
        countries,
        roles,
    }
}

/// Every CAMEO code, sorted by code.
pub fn cameo_codes() -> &'static [CameoName] {
    &tables().cameo
}

/// The CAMEO code `code` (exactly as in the codebook: `112`, `0871`).
pub fn cameo(code: &str) -> Option<&'static CameoName> {
    let t = tables();
    t.cameo_index.get(code).map(|&i| &t.cameo[i])
}

/// Every country code with its name, sorted by code.
pub fn countries() -> &'static [CountryName] {
    &tables().countries
}

/// Every role and body code with its name.
pub fn roles() -> &'static [RoleName] {
    &tables().roles
}

/// The name of a country code (`ISR` -> `Israel`).
pub fn country(code: &str) -> Option<&'static str> {
    let t = tables();
    t.country_index.get(code).map(|&i| t.countries[i].name.as_str())
}

/// The FIPS 10-4 code of a country code (`IRQ` -> `IZ`, `DEU` -> `GM`),
/// the country code GDELT writes in its geography columns
/// (`dicts/fips.tsv`).
///
/// ```
/// assert_eq!(casus::names::fips("IRQ"), Some("IZ"));
/// assert_eq!(casus::names::fips("XYZ"), None);
/// ```
pub fn fips(code: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> =
        OnceLock::new();
    let map = MAP.get_or_init(|| {
        rows(FIPS).filter_map(|r| Some((*r.first()?, *r.get(1)?))).collect()
    });
    map.get(code).copied()
}

/// The name of a role or body code (`MIL` -> `Military`).
pub fn role(code: &str) -> Option<&'static str> {
    let t = tables();
    t.role_index.get(code).map(|&i| t.roles[i].name.as_str())
}

/// What actor code `code` stands for: its country and roles and a
/// readable name. International bodies are named from `igos.tsv` by
/// their longest known prefix (`IGOUNOHRI` -> `UN Human Rights
/// Council`); other codes are a country or body plus roles (`SDNREB` ->
/// `Sudan (rebels)`). `None` when `code` is not groups of three capitals
/// (or `---`).
pub fn actor(code: &str) -> Option<ActorName> {
    let well_formed = !code.is_empty()
        && code.len() % 3 == 0
        && code.bytes().all(|b| b.is_ascii_uppercase() || b == b'-');
    if !well_formed {
        return None;
    }
    let t = tables();
    let chunks: Vec<&str> = (0..code.len() / 3)
        .filter_map(|i| code.get(i * 3..i * 3 + 3))
        .collect();
    let (base, used) = (1..=chunks.len())
        .rev()
        .find_map(|n| {
            t.igos.get(&code[..n * 3]).map(|name| (name.to_string(), n))
        })
        .unwrap_or_else(|| {
            let first = chunks[0];
            let name = country(first)
                .or_else(|| role(first))
                .unwrap_or(if first == "---" { "No country" } else { first })
                .to_string();
            (name, 1)
        });
    let rest: Vec<&str> = chunks[used..].to_vec();
    let name = if rest.is_empty() {
        base
    } else {
        let roles: Vec<String> = rest
            .iter()
            .map(|r| role(r).map_or_else(|| r.to_string(), str::to_lowercase))
            .collect();
        format!("{base} ({})", roles.join(", "))
    };
    let country_code = country(chunks[0]).map(|_| chunks[0].to_string());
    Some(ActorName {
        code: code.to_string(),
        country_name: country_code
            .as_deref()
            .and_then(country)
            .map(str::to_string),
        country: country_code,
        roles: chunks[1..].iter().map(|c| c.to_string()).collect(),
        name,
    })
}

/// What [`search`] found, by kind.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Found {
    /// CAMEO event codes.
    pub cameo: Vec<&'static CameoName>,
    /// Countries.
    pub countries: Vec<&'static CountryName>,
    /// Role and body codes.
    pub roles: Vec<&'static RoleName>,
    /// Composite actor codes (`ISRMIL`, `IGOUNO`).
    pub actors: Vec<ActorName>,
}

impl Found {
    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.cameo.is_empty()
            && self.countries.is_empty()
            && self.roles.is_empty()
            && self.actors.is_empty()
    }
}

/// Looks `query` up in the code tables:
/// - digits: the CAMEO code and every code under it (`19`, `112`);
/// - capitals in groups of three: the actor code (`USA`, `GOV`,
///   `ISRMIL`, `IGOUNO`);
/// - anything else: every code whose name holds all the words
///   at a word start (case-insensitive: `sanction`, `united states`),
///   and codes equal to
///   a word but for case (`irn` finds `IRN`);
/// - nothing: every CAMEO, role and country code.
///
/// ```
/// let f = casus::names::search("19");
/// assert_eq!(f.cameo[0].code, "19");
/// assert!(f.cameo.iter().all(|c| c.code.starts_with("19")));
/// assert_eq!(casus::names::search("irn").countries[0].code, "IRN");
/// assert!(casus::names::search("sanctions").cameo.iter().any(|c| c.code == "163"));
/// ```
pub fn search(query: &str) -> Found {
    let q = query.trim();
    let t = tables();
    let mut found = Found::default();
    if q.is_empty() {
        found.cameo = t.cameo.iter().collect();
        found.roles = t.roles.iter().collect();
        found.countries = t.countries.iter().collect();
        return found;
    }
    if q.bytes().all(|b| b.is_ascii_digit()) {
        found.cameo =
            t.cameo.iter().filter(|c| c.code.starts_with(q)).collect();
        return found;
    }
    if let Some(a) = actor(q).filter(known_actor) {
        if q.len() == 3 {
            found.countries =
                t.countries.iter().filter(|c| c.code == q).collect();
            found.roles = t.roles.iter().filter(|r| r.code == q).collect();
        }
        if found.countries.is_empty() && found.roles.is_empty() {
            found.actors.push(a);
        }
        return found;
    }
    let words: Vec<String> =
        q.split_whitespace().map(str::to_lowercase).collect();
    // Every query word starts a word of the name ("sanction" finds
    // "sanctions", "usa" does not find "refusal").
    let hit = |code: &str, name: &str| {
        let name = name.to_lowercase();
        let name_words: Vec<&str> =
            name.split(|c: char| !c.is_alphanumeric()).collect();
        code.eq_ignore_ascii_case(q)
            || words
                .iter()
                .all(|w| name_words.iter().any(|n| n.starts_with(w.as_str())))
    };
    found.cameo = t.cameo.iter().filter(|c| hit(&c.code, &c.name)).collect();
    found.countries =
        t.countries.iter().filter(|c| hit(&c.code, &c.name)).collect();
    found.roles = t.roles.iter().filter(|r| hit(&r.code, &r.name)).collect();
    let mut igos: Vec<(&String, &String)> =
        t.igos.iter().filter(|(c, n)| hit(c, n)).collect();
    igos.sort();
    found.actors = igos.into_iter().filter_map(|(c, _)| actor(c)).collect();
    found
}

/// Whether an actor code names something the tables know: its first
/// group is a country, role or body (`XYZ` and `USAXYZ`'s roles aside).
fn known_actor(a: &ActorName) -> bool {
    let first = a.code.get(..3).unwrap_or("");
    let known_role = |r: &String| role(r).is_some();
    (country(first).is_some() || role(first).is_some())
        && (first == "IGO" || first == "NGO" || a.roles.iter().all(known_role))
}

/// The country code whose name is `name` (case-insensitive: `united
/// states` -> `USA`), or the international body so named (`United
/// Nations` -> `IGOUNO`).
pub fn code_of_name(name: &str) -> Option<String> {
    let t = tables();
    let n = name.trim();
    if let Some(c) =
        t.countries.iter().find(|c| c.name.eq_ignore_ascii_case(n))
    {
        return Some(c.code.clone());
    }
    let mut igos: Vec<(&String, &String)> =
        t.igos.iter().filter(|(_, v)| v.eq_ignore_ascii_case(n)).collect();
    igos.sort();
    igos.first().map(|(c, _)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_lookup() {
        let cases = [
            ("112", Some((-2.0, 3, "11"))),
            ("0871", Some((9.0, 2, "08"))),
            ("190", Some((-10.0, 4, "19"))),
            ("01", Some((0.0, 1, "01"))),
            ("999", None),
            ("", None),
        ];
        for (code, want) in cases {
            let got =
                cameo(code).map(|c| (c.goldstein, c.quad_class, &*c.root));
            assert_eq!(got, want, "{code}");
        }
        let all = cameo_codes();
        assert!(all.len() > 280);
        assert!(all.windows(2).all(|w| w[0].code < w[1].code));
    }

    #[test]
    fn actor_names() {
        let cases = [
            ("USA", Some("USA"), "United States"),
            ("USAGOV", Some("USA"), "United States (government)"),
            ("DEU", Some("DEU"), "Germany"),
            ("RUS", Some("RUS"), "Russia"),
            ("SDNREB", Some("SDN"), "Sudan (rebels)"),
            ("IGOUNO", None, "United Nations"),
            ("IGOUNOHRI", None, "UN Human Rights Council"),
            ("IGOUNOXYZ", None, "United Nations (XYZ)"),
            ("NGOHRI", None, "Non-governmental organization (human rights)"),
            ("ISRMILGOV", Some("ISR"), "Israel (military, government)"),
            ("XYZ", None, "XYZ"),
            ("---GOV", None, "No country (government)"),
        ];
        for (code, country, name) in cases {
            let a = actor(code).unwrap();
            assert_eq!(
                (a.country.as_deref(), a.name.as_str()),
                (country, name)
            );
        }
        for bad in ["", "US", "usa", "USAG", "US1", "ÜSA"] {
            assert_eq!(actor(bad), None, "{bad}");
        }
        assert_eq!(actor("ISRMIL").unwrap().roles, ["MIL"]);
        assert_eq!(country("ISR"), Some("Israel"));
        assert_eq!(role("MIL"), Some("Military"));
        assert!(countries().len() > 190);
        assert!(roles().iter().any(|r| r.code == "IGO" && r.kind == "body"));
    }
}

#[cfg(test)]
mod search_tests {
    use super::*;

    /// (query, cameo codes, countries, roles, actors): first few.
    type Case<'a> =
        (&'a str, &'a [&'a str], &'a [&'a str], &'a [&'a str], &'a [&'a str]);

    #[test]
    fn search_table() {
        let cases: &[Case<'_>] = &[
            ("190", &["190"], &[], &[], &[]),
            ("0871", &["0871"], &[], &[], &[]),
            ("USA", &[], &["USA"], &[], &[]),
            ("GOV", &[], &[], &["GOV"], &[]),
            ("ISRMIL", &[], &[], &[], &["ISRMIL"]),
            ("IGOUNO", &[], &[], &[], &["IGOUNO"]),
            ("usa", &[], &["USA"], &[], &[]),
            ("Irn", &[], &["IRN"], &[], &[]),
            ("israel", &[], &["ISR"], &[], &[]),
            ("XYZ", &[], &[], &[], &[]),
            ("USAXYZ", &[], &[], &[], &[]),
            ("999", &[], &[], &[], &[]),
            ("zzzz qqq", &[], &[], &[], &[]),
        ];
        for (q, cameo, countries, roles, actors) in cases {
            let f = search(q);
            let take = |v: Vec<String>, n: usize| -> Vec<String> {
                v.into_iter().take(n).collect()
            };
            assert_eq!(
                take(
                    f.cameo.iter().map(|c| c.code.clone()).collect(),
                    cameo.len().max(1)
                ),
                cameo.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                "{q} cameo"
            );
            assert_eq!(
                f.countries
                    .iter()
                    .map(|c| c.code.as_str())
                    .collect::<Vec<_>>(),
                *countries,
                "{q} countries"
            );
            assert_eq!(
                f.roles.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(),
                *roles,
                "{q} roles"
            );
            assert_eq!(
                f.actors.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(),
                *actors,
                "{q} actors"
            );
        }
        let root = search("19");
        assert_eq!(root.cameo[0].code, "19");
        assert!(root.cameo.len() > 5);
        let sanction = search("sanctions");
        assert!(sanction.cameo.iter().any(|c| c.code == "163"));
        assert!(search("").cameo.len() > 280);
        let c = cameo("190").unwrap();
        assert_eq!(c.plover.as_deref(), Some("ASSAULT"));
        assert_eq!(code_of_name("united states").as_deref(), Some("USA"));
        assert_eq!(code_of_name("United Nations").as_deref(), Some("IGOUNO"));
        assert_eq!(code_of_name("Atlantis"), None);
    }

    #[test]
    fn every_country_has_one_fips_code() {
        // Kurdistan and the historical states have no FIPS 10-4 code.
        let none = ["KUR", "CSK", "DDR"];
        let mut seen = std::collections::HashMap::new();
        for c in countries() {
            if none.contains(&c.code.as_str()) {
                continue;
            }
            let f = fips(&c.code).unwrap_or_else(|| panic!("{}", c.code));
            assert_eq!(f.len(), 2, "{}", c.code);
            let prev = seen.insert(f, c.code.clone());
            assert!(prev.is_none() || prev.as_ref() == Some(&c.code), "{f}");
        }
        let cases =
            [("USA", "US"), ("IRQ", "IZ"), ("DEU", "GM"), ("GBR", "UK")];
        for (iso, want) in cases {
            assert_eq!(fips(iso), Some(want), "{iso}");
        }
    }
}
