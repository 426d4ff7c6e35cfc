//! Single-holder offices: the vocabulary of the `office` column of the
//! office-holder files (`dicts/actors/officeholders/*.tsv`) and of the
//! title table (`dicts/actors/titles.tsv`), specified in
//! `dicts/officeholders.md`; and [`OfficeHolders`], who held an office
//! on a date.
//!
//! ```
//! use casus::dict::{Office, OfficeHolders};
//!
//! let fm: Office = "FM".parse()?;
//! assert_eq!(fm.to_string(), "FM");
//! assert!("Foreign".parse::<Office>().is_err());
//!
//! let holders = OfficeHolders::builtin()?;
//! let shultz = holders.holder("USA", fm, "1987-06-01".parse()?);
//! assert_eq!(shultz.map(|e| e.code.as_str()), Some("USAGOV"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use super::ActorEntry;
use crate::date::Date;

/// An office with one holder at a time per country or international body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Office {
    /// Head of state (president, monarch, supreme leader).
    Hos,
    /// Head of government (prime minister, premier, chancellor).
    Hog,
    /// Vice president or first deputy head.
    Vp,
    /// Foreign minister (secretary of state, foreign secretary).
    Fm,
    /// Defence minister (secretary of defense).
    Def,
    /// Interior minister (home secretary, homeland security).
    Int,
    /// Finance minister (treasury secretary, chancellor of the exchequer).
    Fin,
    /// Chief of the armed forces or general staff.
    Chief,
    /// Central bank governor.
    Cb,
    /// Speaker of the (lower) house.
    Spk,
    /// Head of an international body (UN Secretary-General, ...).
    Sg,
    /// Leader of an armed group or party.
    Lead,
}

impl Office {
    /// Every office, in the order of `dicts/officeholders.md`.
    pub const ALL: [Office; 12] = [
        Office::Hos,
        Office::Hog,
        Office::Vp,
        Office::Fm,
        Office::Def,
        Office::Int,
        Office::Fin,
        Office::Chief,
        Office::Cb,
        Office::Spk,
        Office::Sg,
        Office::Lead,
    ];

    /// The code used in the data files (`HOS`, `FM`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Office::Hos => "HOS",
            Office::Hog => "HOG",
            Office::Vp => "VP",
            Office::Fm => "FM",
            Office::Def => "DEF",
            Office::Int => "INT",
            Office::Fin => "FIN",
            Office::Chief => "CHIEF",
            Office::Cb => "CB",
            Office::Spk => "SPK",
            Office::Sg => "SG",
            Office::Lead => "LEAD",
        }
    }
}

impl fmt::Display for Office {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An office code that is not in the vocabulary.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "bad office {0:?} (want HOS, HOG, VP, FM, DEF, INT, FIN, CHIEF, CB, \
     SPK, SG or LEAD)"
)]
pub struct BadOffice(pub String);

impl FromStr for Office {
    type Err = BadOffice;

    fn from_str(s: &str) -> Result<Office, BadOffice> {
        Office::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| BadOffice(s.to_string()))
    }
}

/// Office-holder rows indexed by (country or body, office): who held an
/// office on a date.
#[derive(Clone, Debug, Default)]
pub struct OfficeHolders {
    /// One entry per file row (the row's first phrase), sorted by `from`.
    by_office: HashMap<(String, Office), Vec<ActorEntry>>,
}

impl OfficeHolders {
    /// The rows of the built-in actor files that carry an office.
    pub fn builtin() -> crate::error::Result<OfficeHolders> {
        Ok(OfficeHolders::new(&super::builtin_actors()?.actors))
    }

    /// Indexes the entries of `actors` that carry an office; the entries
    /// of one file row (one per phrase) count once.
    pub fn new(actors: &[ActorEntry]) -> OfficeHolders {
        let mut by_office: HashMap<(String, Office), Vec<ActorEntry>> =
            HashMap::new();
        let mut seen = std::collections::HashSet::new();
        for e in actors {
            let Some(office) = e.office else { continue };
            if !seen.insert(&e.origin) {
                continue;
            }
            let key = (holder_of(&e.code).to_string(), office);
            by_office.entry(key).or_default().push(e.clone());
        }
        for rows in by_office.values_mut() {
            rows.sort_by_key(|e| e.from);
        }
        OfficeHolders { by_office }
    }

    /// Every row of `office` in `country` (a 3-letter country, or the
    /// whole code of an international body such as `IGOUNO`), by start.
    pub fn holders(&self, country: &str, office: Office) -> &[ActorEntry] {
        self.by_office
            .get(&(country.to_string(), office))
            .map_or(&[], Vec::as_slice)
    }

    /// Who held `office` in `country` on `date`. On a handover day (the
    /// predecessor's last day is the successor's first) the successor.
    pub fn holder(
        &self,
        country: &str,
        office: Office,
        date: Date,
    ) -> Option<&ActorEntry> {
        self.holders(country, office)
            .iter()
            .filter(|e| e.from.map_or(true, |f| f <= date))
            .filter(|e| e.to.map_or(true, |t| date <= t))
            .max_by_key(|e| e.from)
    }
}

/// The country or body an office of `code` belongs to: the whole code for
/// international and non-governmental bodies, else the 3-letter country.
fn holder_of(code: &str) -> &str {
    if code.starts_with("IGO") || code.starts_with("NGO") {
        code
    } else {
        code.get(..3).unwrap_or(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Origin;

    fn row(
        line: u32,
        code: &str,
        from: &str,
        to: &str,
        name: &str,
    ) -> ActorEntry {
        let date = |s: &str| (!s.is_empty()).then(|| s.parse().expect("date"));
        ActorEntry {
            phrase: name.to_lowercase(),
            code: code.into(),
            from: date(from),
            to: date(to),
            name: Some(name.into()),
            office: Some(Office::Hog),
            origin: Origin { file: "t".into(), line },
        }
    }

    #[test]
    fn holder_on_a_date() {
        let mut rows = vec![
            row(1, "GBRGOV", "1979-05-04", "1990-11-28", "Thatcher"),
            row(2, "GBRGOV", "1990-11-28", "1997-05-02", "Major"),
            row(3, "GBRGOV", "1997-05-02", "", "Blair"),
            row(4, "IGOUNO", "", "1996-12-31", "Boutros-Ghali"),
        ];
        // A second phrase of line 2 counts once.
        let mut alias = rows[1].clone();
        alias.phrase = "john major".into();
        rows.push(alias);
        rows.push(ActorEntry {
            office: None,
            ..row(5, "GBRGOV", "", "", "X")
        });
        let h = OfficeHolders::new(&rows);
        assert_eq!(h.holders("GBR", Office::Hog).len(), 3);
        let cases = [
            ("GBR", "1979-05-03", None),
            ("GBR", "1985-01-01", Some("Thatcher")),
            ("GBR", "1990-11-28", Some("Major")),
            ("GBR", "1990-11-27", Some("Thatcher")),
            ("GBR", "2020-01-01", Some("Blair")),
            ("IGOUNO", "1990-01-01", Some("Boutros-Ghali")),
            ("IGOUNO", "1997-01-01", None),
            ("IGO", "1990-01-01", None),
            ("FRA", "1990-01-01", None),
        ];
        for (country, date, want) in cases {
            let date: Date = date.parse().expect("date");
            let got = h.holder(country, Office::Hog, date);
            assert_eq!(
                got.and_then(|e| e.name.as_deref()),
                want,
                "{country} {date}"
            );
        }
    }

    /// The built-in data answers the questions of issue 15.
    #[test]
    fn builtin_holders() {
        let h = OfficeHolders::builtin().expect("office holders parse");
        let cases = [
            ("USA", Office::Fm, "1987-06-01", "George Shultz", "USAGOV"),
            ("USA", Office::Hos, "1987-06-01", "Ronald Reagan", "USAGOV"),
            ("USA", Office::Def, "1988-01-01", "Frank Carlucci", "USAGOV"),
            ("USA", Office::Cb, "1987-06-01", "Paul Volcker", "USAGOV"),
            ("RUS", Office::Hos, "1992-01-01", "Boris Yeltsin", "RUSGOV"),
            ("RUS", Office::Fm, "1993-01-01", "Andrei Kozyrev", "RUSGOV"),
            ("GBR", Office::Hog, "1990-11-28", "John Major", "GBRGOV"),
            ("GBR", Office::Hog, "1990-11-27", "Margaret Thatcher", "GBRGOV"),
            (
                "IGOUNO",
                Office::Sg,
                "1987-06-01",
                "Javier Pérez de Cuéllar",
                "IGOUNO",
            ),
        ];
        for (country, office, date, name, code) in cases {
            let date: Date = date.parse().expect("date");
            let got = h.holder(country, office, date);
            let got = got
                .map(|e| (e.name.as_deref().unwrap_or(""), e.code.as_str()));
            assert_eq!(got, Some((name, code)), "{country} {office} {date}");
        }
    }

    #[test]
    fn round_trips() {
        for o in Office::ALL {
            assert_eq!(o.as_str().parse::<Office>(), Ok(o));
        }
    }

    #[test]
    fn rejects() {
        for bad in ["", "fm", "Hos", "PM", " FM", "CHIEFS"] {
            assert!(bad.parse::<Office>().is_err(), "{bad:?}");
        }
    }
}
