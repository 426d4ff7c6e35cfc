//! Outlet metonyms that name no country: "the occupation army", "the
//! occupation forces", "the invading forces", "the occupiers", "the
//! enemy", "the aggressor". Who they are depends on who speaks: in a
//! story from Gaza "the occupation army" is Israel's, in a story from
//! Kyiv "the invading forces" are Russia's, in one from Yerevan "the
//! enemy" is Azerbaijan.
//!
//! The gazetteer codes such a phrase with its usual reading (Israel for
//! "the occupation ...", no country for "the enemy"); its entry is named
//! `occupier (story)` or `enemy (story)` (`dicts/actors/groups.tsv`).
//! The country then comes from the story ([`Story`]) and a table of facts
//! about the world (`dicts/actors/adversaries.tsv`: which state occupies
//! territory of which, which states are at war, with dates): of the pairs
//! valid on the article's date whose *side* the story names, the one
//! whose side the story ranks highest (the speaker's: the dateline's
//! country, else the one named most) gives the adversary; ties go to the
//! adversary the story names, then to the table's order. "occupier"
//! metonyms read only occupation pairs; "enemy" ones read both. With no
//! pair the usual reading stays, and an "enemy" of no country is no
//! actor ("the enemy within"). The choice is recorded as
//! [`CountryFrom::Story`].
//!
//! Phrases that name their referent whatever the outlet ("the Zionist
//! entity", "the Kiev regime", "Russian occupiers") are ordinary
//! dictionary entries with their country.
//!
//! ```text
//! "GAZA (WAFA) - The occupation army shelled Khan Younis."   -> ISRMIL
//! "KYIV - The invading forces shelled Kharkiv."               -> RUSMIL
//! "YEREVAN - The enemy fired at positions near Tegh."         -> AZEMIL
//! ```

use std::sync::OnceLock;

use super::gazetteer::Gazetteer;
use super::learn::Group;
use super::story::Story;
use super::CountryFrom;
use crate::codes::ActorCode;
use crate::date::Date;

/// The table of sides and adversaries.
const ADVERSARIES: &str =
    include_str!("../../../../dicts/actors/adversaries.tsv");

/// The gazetteer name of a metonym for an occupier.
pub(crate) const OCCUPIER: &str = "occupier (story)";
/// The gazetteer name of a metonym for an enemy.
pub(crate) const ENEMY: &str = "enemy (story)";

/// One row of [`ADVERSARIES`].
#[derive(Clone, Debug, PartialEq, Eq)]
struct Pair {
    side: String,
    adversary: String,
    /// An occupation (read by both kinds of metonym), not only a war.
    occupier: bool,
    from: Option<Date>,
    to: Option<Date>,
}

/// The rows of [`ADVERSARIES`], parsed once; a malformed row is an
/// error (the test below reads every row).
fn pairs() -> &'static [Pair] {
    static PAIRS: OnceLock<Vec<Pair>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        ADVERSARIES.lines().filter_map(|l| parse(l).ok().flatten()).collect()
    })
}

/// One line of the table: `None` for comments and blank lines.
fn parse(line: &str) -> Result<Option<Pair>, String> {
    if line.starts_with('#') || line.trim().is_empty() {
        return Ok(None);
    }
    let f: Vec<&str> = line.split('\t').collect();
    let date = |i: usize| -> Result<Option<Date>, String> {
        match f.get(i).map(|s| s.trim()).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|e| format!("{s}: {e}")),
        }
    };
    let code = |i: usize| -> Result<String, String> {
        let c = f.get(i).map(|s| s.trim()).unwrap_or("");
        if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(c.to_string())
        } else {
            Err(format!("bad country {c:?}"))
        }
    };
    let occupier = match f.get(2).map(|s| s.trim()) {
        Some("occupier") => true,
        Some("enemy") => false,
        k => return Err(format!("bad kind {k:?}")),
    };
    Ok(Some(Pair {
        side: code(0)?,
        adversary: code(1)?,
        occupier,
        from: date(3)?,
        to: date(4)?,
    }))
}

/// The adversary of the story for a metonym of kind `occupier` (else
/// "enemy") on `date` (see the module docs).
fn adversary(
    story: &Story,
    occupier: bool,
    date: Date,
) -> Option<&'static str> {
    pairs()
        .iter()
        .filter(|p| p.occupier || !occupier)
        .filter(|p| {
            !p.from.is_some_and(|f| f > date)
                && !p.to.is_some_and(|t| date > t)
        })
        .filter_map(|p| {
            let side = story.rank(&p.side)?;
            // Not the story's own side as its adversary: a story ranked
            // on the adversary over the side is read from the other end
            // only where no pair of the speaker's fits.
            let named = story.rank(&p.adversary).unwrap_or(usize::MAX);
            Some(((side, named), p.adversary.as_str()))
        })
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, a)| a)
}

/// The metonym entries of gazetteer `gaz`: (origin `file:line`,
/// whether an occupier), by their names ([`OCCUPIER`], [`ENEMY`]).
pub(crate) fn entries(gaz: &Gazetteer) -> Vec<(String, bool)> {
    gaz.entries
        .iter()
        .filter_map(|e| match e.name.as_deref() {
            Some(OCCUPIER) => Some((e.origin.clone(), true)),
            Some(ENEMY) => Some((e.origin.clone(), false)),
            _ => None,
        })
        .collect()
}

/// Gives each metonym of `groups` (by its entries: `metonyms`, from
/// [`entries`]) the story's adversary, after coreference (whose reading
/// of its role word as a local role actor it replaces); drops a metonym
/// left without the dictionary's own country. Mentions whose own words name a country
/// ("Armenian occupation forces") keep it.
pub(crate) fn resolve(
    story: &Story,
    date: Date,
    metonyms: &[(String, bool)],
    groups: &mut Vec<Group>,
) {
    if metonyms.is_empty() {
        return;
    }
    groups.retain_mut(|g| {
        let Some(kind) = g.entries.iter().find_map(|e| {
            metonyms.iter().find(|(o, _)| o == e).map(|(_, k)| *k)
        }) else {
            return true;
        };
        // Another entry of the mention that gives a country is the
        // text's word for it.
        if g.entries.iter().any(|e| e.contains("countries.tsv")) {
            return true;
        }
        let role = g.code.role().unwrap_or("").to_string();
        // Coreference may have read the role word as any role actor
        // ("place:PSE"): that reading goes.
        let by_coref = |e: &String| {
            ["place:", "story:", "text:"].iter().any(|p| e.starts_with(p))
        };
        let read = g.entries.iter().any(by_coref);
        g.entries.retain(|e| !by_coref(e));
        match adversary(story, kind, date) {
            Some(c) => {
                g.code = ActorCode::from_parts(c, &role);
                g.entries.push(format!("story:{c}"));
                g.country_from = Some(CountryFrom::Story);
                true
            }
            // The dictionary's own reading ("the occupation army":
            // Israel's), where it has a country.
            None => {
                kind && !read
                    && g.country_from == Some(CountryFrom::Text)
                    && !g.code.lacks_country()
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::actors::{ActorMatcher, Context};
    use crate::places::PlaceMatcher;
    use crate::Article;

    /// Every row of the table parses.
    #[test]
    fn table_parses() {
        for line in super::ADVERSARIES.lines() {
            assert!(super::parse(line).is_ok(), "{line}");
        }
        assert!(super::pairs().len() > 20);
    }

    /// (text, date, mention, code): a metonym takes the adversary of the
    /// story's side; "" = no mention.
    #[test]
    fn metonyms_table() {
        let places = PlaceMatcher::builtin().expect("places");
        let actors = ActorMatcher::builtin().expect("actors");
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "GAZA, March 3 - The occupation army shelled homes in \
                 Khan Younis.",
                "2024-03-03",
                "The occupation army",
                "ISRMIL",
            ),
            (
                "KYIV, May 3 - The invading forces shelled Kharkiv \
                 overnight.",
                "2024-05-03",
                "The invading forces",
                "RUSMIL",
            ),
            (
                "Ukrainian officials said the occupiers shelled Kherson.",
                "2023-05-03",
                "the occupiers",
                "RUSMIL",
            ),
            (
                "KYIV, May 3 - The occupation forces shelled Kharkiv.",
                "2024-05-03",
                "The occupation forces",
                "RUSMIL",
            ),
            (
                "YEREVAN, June 4 - The enemy fired at Armenian positions.",
                "2024-06-04",
                "The enemy",
                "AZEMIL",
            ),
            (
                "DAMASCUS - Air defences confronted the aggressor over \
                 Homs.",
                "2024-04-02",
                "the aggressor",
                "ISRMIL",
            ),
            // No side the table knows: the usual reading.
            (
                "The occupation forces raided a village at dawn.",
                "2024-03-03",
                "The occupation forces",
                "ISRMIL",
            ),
            // An enemy of no country is no actor.
            ("The enemy within is complacency.", "2024-03-03", "", ""),
            // Before the 2014 war Ukraine's side has no occupier.
            (
                "KIEV, May 3 - The enemy shelled the town.",
                "2005-05-03",
                "",
                "",
            ),
            // The text's own country stays.
            (
                "Azerbaijani officials said Armenian occupation forces \
                 shelled Aghdam.",
                "1995-05-03",
                "occupation forces",
                "ARMMIL",
            ),
        ];
        for (text, date, mention, code) in cases {
            let article = Article::new("t", date.parse().expect("date"), text);
            let analyzed = crate::text::analyze(text);
            let found = places.find(text, &analyzed);
            let cx = Context { places: &found, parses: None };
            let got = actors.find(&article, &analyzed, &cx);
            let hit = got.iter().find(|m| {
                let t = m.span.slice(text).to_lowercase();
                t.contains("occup")
                    || t.contains("enemy")
                    || t.contains("invad")
                    || t.contains("aggressor")
            });
            // The article may stay outside the mention.
            let bare = |s: &str| {
                s.trim_start_matches("The ")
                    .trim_start_matches("the ")
                    .to_string()
            };
            match hit {
                Some(m) => assert_eq!(
                    (bare(m.span.slice(text)), m.code.as_str()),
                    (bare(mention), *code),
                    "{text}"
                ),
                None => assert_eq!(*mention, "", "{text}: {got:?}"),
            }
        }
    }
}
