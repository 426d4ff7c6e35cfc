//! The title table (`dicts/actors/titles.tsv`): which single-holder
//! [`Office`] a title phrase names, per country where the word differs
//! ("secretary of state" is the US foreign minister, "chancellor" the
//! German head of government). Together with [`OfficeHolders`] it turns
//! "the Secretary of State" in a 1987 article into George Shultz.
//!
//! Format (`dicts/officeholders.md`): `phrases<TAB>office<TAB>countries`,
//! phrases separated by `|`, countries `*` (any) or codes separated by
//! `|` (`USA`, `DEU|AUT`, `IGOUNO`). A row for the country beats a `*`
//! row; every bad line is reported.
//!
//! ```
//! use casus::dict::{Office, OfficeHolders, Titles};
//!
//! let titles = Titles::builtin()?;
//! assert_eq!(titles.office("Secretary of State", "USA"), Some(Office::Fm));
//! assert_eq!(titles.office("chancellor", "DEU"), Some(Office::Hog));
//! let holders = OfficeHolders::builtin()?;
//! let who = titles.holder(&holders, "secretary of state", "USA",
//!     "1987-06-01".parse()?);
//! assert_eq!(who.and_then(|e| e.name.as_deref()), Some("George Shultz"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use super::builtin_actors::{lines, phrases, valid_code};
use super::{ActorEntry, Office, OfficeHolders, Origin};
use crate::date::Date;
use crate::error::DictError;

/// The built-in title table.
const TITLES: (&str, &str) = (
    "dicts/actors/titles.tsv",
    include_str!("../../../../dicts/actors/titles.tsv"),
);

/// One title phrase of one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleEntry {
    /// The phrase, lowercase, single-spaced (`"secretary of state"`).
    pub phrase: String,
    /// The office it names.
    pub office: Office,
    /// The countries or bodies it applies to; empty means any (`*`).
    pub countries: Vec<String>,
    /// Where it came from.
    pub origin: Origin,
}

/// Title phrases indexed for lookup.
#[derive(Clone, Debug, Default)]
pub struct Titles {
    entries: Vec<TitleEntry>,
    by_phrase: HashMap<String, Vec<usize>>,
}

impl Titles {
    /// The built-in table, `dicts/actors/titles.tsv`.
    pub fn builtin() -> crate::error::Result<Titles> {
        let mut errors = Vec::new();
        let entries = parse_titles(TITLES.0, TITLES.1, &mut errors);
        if errors.is_empty() {
            Ok(Titles::new(entries))
        } else {
            Err(crate::error::Error::Dict(errors))
        }
    }

    /// Indexes `entries`.
    pub fn new(entries: Vec<TitleEntry>) -> Titles {
        let mut by_phrase: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_phrase.entry(e.phrase.clone()).or_default().push(i);
        }
        Titles { entries, by_phrase }
    }

    /// Every entry, in file order.
    pub fn entries(&self) -> &[TitleEntry] {
        &self.entries
    }

    /// The office `phrase` names in `country` (a 3-letter country or an
    /// IGO code): the country's own row if any, else a `*` row.
    pub fn office(&self, phrase: &str, country: &str) -> Option<Office> {
        let rows = self.by_phrase.get(&norm(phrase))?;
        let rows = rows.iter().map(|&i| &self.entries[i]);
        let mut any = None;
        for e in rows {
            if e.countries.iter().any(|c| c == country) {
                return Some(e.office);
            }
            if e.countries.is_empty() {
                any = any.or(Some(e.office));
            }
        }
        any
    }

    /// Where `phrase` names an office: the countries of its own rows, in
    /// file order, and whether a `*` row makes it a title anywhere
    /// ("secretary of state": USA and VAT only; "president": anywhere).
    pub fn countries_of(&self, phrase: &str) -> (Vec<&str>, bool) {
        let mut own: Vec<&str> = Vec::new();
        let mut any = false;
        let rows = self.by_phrase.get(&norm(phrase)).map_or(&[][..], |v| v);
        for &i in rows {
            let e = &self.entries[i];
            any |= e.countries.is_empty();
            for c in &e.countries {
                if !own.contains(&c.as_str()) {
                    own.push(c);
                }
            }
        }
        (own, any)
    }

    /// Who held the office `phrase` names in `country` on `date`.
    ///
    /// A head-of-government title falls back to the head of state where
    /// no head of government is listed on that date: presidential systems
    /// carry only the president's `HOS` rows (`dicts/officeholders.md`).
    pub fn holder<'a>(
        &self,
        holders: &'a OfficeHolders,
        phrase: &str,
        country: &str,
        date: Date,
    ) -> Option<&'a ActorEntry> {
        let office = self.office(phrase, country)?;
        holders.holder(country, office, date).or_else(|| {
            (office == Office::Hog)
                .then(|| holders.holder(country, Office::Hos, date))
                .flatten()
        })
    }
}

/// Lowercase, single-spaced.
fn norm(phrase: &str) -> String {
    phrase.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Parses a title file; bad lines are pushed to `errors`.
pub fn parse_titles(
    file: &str,
    text: &str,
    errors: &mut Vec<DictError>,
) -> Vec<TitleEntry> {
    let file_arc: Arc<str> = Arc::from(file);
    let mut out: Vec<TitleEntry> = Vec::new();
    for (line, f) in lines(text) {
        let mut err = |reason: String| {
            errors.push(DictError { path: file.to_string(), line, reason })
        };
        if f.len() != 3 {
            err(format!(
                "expected 3 tab-separated columns \
                 (phrases, office, countries), found {}",
                f.len()
            ));
            continue;
        }
        let ps = phrases(f[0]);
        if ps.is_empty() {
            err("no phrase".into());
            continue;
        }
        let office = match f[1].trim().parse::<Office>() {
            Ok(o) => o,
            Err(e) => {
                err(e.to_string());
                continue;
            }
        };
        let countries = match countries(f[2]) {
            Ok(c) => c,
            Err(e) => {
                err(e);
                continue;
            }
        };
        for p in ps {
            let phrase = norm(p);
            if let Some(prev) = clash(&out, &phrase, &countries, office) {
                err(format!(
                    "title {phrase:?} already names {} on line {} for the \
                     same country",
                    prev.office, prev.origin.line
                ));
                continue;
            }
            out.push(TitleEntry {
                phrase,
                office,
                countries: countries.clone(),
                origin: Origin { file: file_arc.clone(), line: line as u32 },
            });
        }
    }
    out
}

/// `*` (any: empty) or codes separated by `|`.
fn countries(field: &str) -> Result<Vec<String>, String> {
    let f = field.trim();
    if f == "*" {
        return Ok(Vec::new());
    }
    let cs = phrases(f);
    if cs.is_empty() {
        return Err("no countries (want * or e.g. USA|GBR)".into());
    }
    match cs.iter().find(|c| !valid_code(c) || c.contains('-')) {
        Some(bad) => Err(format!(
            "bad country {bad:?} (want * or codes such as USA, IGOUNO)"
        )),
        None => Ok(cs.into_iter().map(str::to_string).collect()),
    }
}

/// An earlier entry of `phrase` for one of the same countries (or `*`
/// twice) naming a different office: the lookup would be ambiguous.
fn clash<'a>(
    out: &'a [TitleEntry],
    phrase: &str,
    countries: &[String],
    office: Office,
) -> Option<&'a TitleEntry> {
    out.iter().find(|e| {
        e.phrase == phrase
            && e.office != office
            && (e.countries.is_empty() && countries.is_empty()
                || e.countries.iter().any(|c| countries.contains(c)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> (Titles, Vec<DictError>) {
        let mut errors = Vec::new();
        let t = Titles::new(parse_titles("t.tsv", text, &mut errors));
        (t, errors)
    }

    #[test]
    fn country_rows_beat_any() {
        let (t, errors) = table(
            "president\tHOS\t*\n\
             chancellor\tHOG\tDEU|AUT\n\
             secretary of state\tFM\tUSA\n\
             premier|prime minister\tHOG\t*\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let cases = [
            ("president", "FRA", Some(Office::Hos)),
            ("President", "USA", Some(Office::Hos)),
            ("chancellor", "AUT", Some(Office::Hog)),
            ("chancellor", "GBR", None),
            ("Secretary  of State", "USA", Some(Office::Fm)),
            ("secretary of state", "GBR", None),
            ("premier", "CHN", Some(Office::Hog)),
            ("king", "GBR", None),
        ];
        for (phrase, country, want) in cases {
            assert_eq!(t.office(phrase, country), want, "{phrase} {country}");
        }
    }

    #[test]
    fn every_bad_line_reported() {
        let (t, errors) = table(
            "# comment\n\
             president\tHOS\t*\n\
             president\tHOG\t*\n\
             chancellor\tPM\tDEU\n\
             chancellor\tHOG\tdeu\n\
             chancellor\tHOG\n\
             \tHOG\t*\n\
             prime minister\tHOG\t\n\
             president\tHOS\tUSA\n",
        );
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6, 7, 8]);
        assert!(errors[0].to_string().starts_with(
            "t.tsv:3: title \"president\" already names HOS on line 2"
        ));
        assert!(errors[1].to_string().contains("bad office \"PM\""));
        assert!(errors[2].to_string().contains("bad country \"deu\""));
        assert_eq!(t.entries().len(), 2);
    }

    #[test]
    fn builtin_titles() {
        let t = Titles::builtin().expect("titles.tsv parses");
        let cases = [
            ("secretary of state", "USA", Some(Office::Fm)),
            ("prime minister", "ISR", Some(Office::Hog)),
            ("president", "FRA", Some(Office::Hos)),
            ("chancellor", "DEU", Some(Office::Hog)),
            ("chancellor of the exchequer", "GBR", Some(Office::Fin)),
            ("premier", "CHN", Some(Office::Hog)),
            ("supreme leader", "IRN", Some(Office::Hos)),
            ("home secretary", "GBR", Some(Office::Int)),
            ("chief of general staff", "RUS", Some(Office::Chief)),
            ("Fed chairman", "USA", Some(Office::Cb)),
            ("foreign minister", "RUS", Some(Office::Fm)),
            ("defense secretary", "USA", Some(Office::Def)),
            ("secretary-general", "IGOUNO", Some(Office::Sg)),
            ("secretary of state", "GBR", None),
        ];
        for (phrase, country, want) in cases {
            assert_eq!(t.office(phrase, country), want, "{phrase} {country}");
        }
    }

    #[test]
    fn countries_of_a_title() {
        let t = Titles::builtin().expect("titles.tsv parses");
        let (own, any) = t.countries_of("Secretary of State");
        assert_eq!((own.first().copied(), any), (Some("USA"), false));
        // "president" is a title anywhere (and of a few bodies' rows).
        let (_, any) = t.countries_of("president");
        assert!(any);
        assert_eq!(t.countries_of("plumber"), (Vec::new(), false));
    }

    /// Titles resolve to the holder on the article's date.
    #[test]
    fn title_holders() {
        let t = Titles::builtin().expect("titles.tsv parses");
        let h = OfficeHolders::builtin().expect("office holders parse");
        let cases = [
            ("secretary of state", "USA", "1987-06-01", "George Shultz"),
            ("president", "USA", "1987-06-01", "Ronald Reagan"),
            // No US head of government rows: the president.
            ("head of government", "USA", "1987-06-01", "Ronald Reagan"),
            ("prime minister", "GBR", "1990-11-28", "John Major"),
            ("prime minister", "GBR", "1990-11-27", "Margaret Thatcher"),
            ("foreign minister", "RUS", "1987-06-01", "Eduard Shevardnadze"),
            ("chancellor", "DEU", "1995-01-01", "Helmut Kohl"),
        ];
        for (phrase, country, date, want) in cases {
            let date: Date = date.parse().expect("date");
            let got = t.holder(&h, phrase, country, date);
            assert_eq!(
                got.and_then(|e| e.name.as_deref()),
                Some(want),
                "{phrase} {country} {date}"
            );
        }
    }
}
