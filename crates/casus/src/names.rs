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

const COUNTRIES: &str = include_str!("../../../dicts/actors/countries.tsv");
const IGOS: &str = include_str!("../../../dicts/actors/igos.tsv");
const ROLES: &str = include_str!("../../../dicts/roles.tsv");

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
    /// GDELT QuadClass of the root (1-4).
    pub quad_class: u8,
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
    let mut cameo: Vec<CameoName> = table
        .iter()
        .map(|(code, info)| CameoName {
            code: code.to_string(),
            name: info.name.clone(),
            goldstein: info.goldstein,
            root: code.get(..2).unwrap_or(code).to_string(),
            quad_class: code
                .parse::<CameoCode>()
                .map_or(0, |c| c.quad_class()),
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
