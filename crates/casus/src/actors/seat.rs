//! Seat metonyms: "Brussels approved the 12th package of sanctions" is
//! the European Union, not Belgium's government, when the article names
//! the EU. The capitals table reads a capital as its country's
//! government; a few capitals also seat a body that copy names by the
//! city (`dicts/actors/seat_metonyms.tsv`). Which reading holds is
//! decided by the article: the body's own mention elsewhere in it.
//!
//! ```text
//! "Brussels approved new sanctions; EU diplomats said ..." -> IGOEUREEC
//! "Brussels summoned the Congolese ambassador."            -> BELGOV
//! ```

use std::sync::OnceLock;

use super::learn::Group;
use crate::codes::ActorCode;

/// The table of seat metonyms: city, bodies in order of preference.
const TABLE: &str = include_str!("../../../../dicts/actors/seat_metonyms.tsv");

/// The capitals table's file name, as gazetteer entry origins carry it.
const CAPITALS: &str = "capitals.tsv";

/// (city, body codes) rows of [`TABLE`], read once.
fn rows() -> &'static [(&'static str, Vec<&'static str>)] {
    static ROWS: OnceLock<Vec<(&str, Vec<&str>)>> = OnceLock::new();
    ROWS.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(city, bodies)| {
                let bodies: Vec<&str> = bodies
                    .split('|')
                    .map(str::trim)
                    .filter(|b| !b.is_empty())
                    .collect();
                (city.trim(), bodies)
            })
            .filter(|(city, bodies)| !city.is_empty() && !bodies.is_empty())
            .collect()
    })
}

/// The body a capital's mention `g` stands for, given the codes the
/// article's other mentions name (`named`).
fn body_of<'a>(g: &Group, named: &[&'a str]) -> Option<&'a str> {
    if g.locative || !g.entries.iter().any(|e| e.contains(CAPITALS)) {
        return None;
    }
    let name = g.name.as_deref()?;
    let (_, bodies) =
        rows().iter().find(|(c, _)| c.eq_ignore_ascii_case(name))?;
    bodies
        .iter()
        .find_map(|b| named.iter().find(|n| n.starts_with(b)).copied())
}

/// Reads each capital that seats a body the article names as that body
/// ([`TABLE`]); other capitals keep their government.
pub(crate) fn resolve(groups: &mut [Group]) {
    let codes: Vec<String> = groups
        .iter()
        .filter(|g| g.code.as_str().starts_with("IGO"))
        .map(|g| g.code.as_str().to_string())
        .collect();
    if codes.is_empty() {
        return;
    }
    let named: Vec<&str> = codes.iter().map(String::as_str).collect();
    for g in groups.iter_mut() {
        if let Some(body) = body_of(g, &named) {
            // The body's own code, no role: "Brussels" is the EU as a
            // whole, not one of its institutions.
            g.code = ActorCode::from_parts(body, "");
            g.entries.push(format!("seat:{body}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::actors::{ActorMatcher, Context};
    use crate::places::PlaceMatcher;
    use crate::Article;

    /// (text, the code of "Brussels").
    #[test]
    fn seats_table() {
        let places = PlaceMatcher::builtin().expect("places");
        let actors = ActorMatcher::builtin().expect("actors");
        let cases: &[(&str, &str)] = &[
            (
                "Brussels approved new sanctions on Iran, and EU diplomats \
                 said more would follow.",
                "IGOEUREEC",
            ),
            ("Brussels summoned the Congolese ambassador.", "BELGOV"),
            ("Brussels warned Moscow as NATO allies met in Poland.", "IGONAT"),
        ];
        for (text, code) in cases {
            let article =
                Article::new("t", "2024-03-03".parse().expect("date"), text);
            let analyzed = crate::text::analyze(text);
            let found = places.find(text, &analyzed);
            let cx = Context { places: &found, parses: None };
            let got = actors.find(&article, &analyzed, &cx);
            let hit = got.iter().find(|m| m.span.slice(text) == "Brussels");
            assert_eq!(
                hit.map(|m| m.code.as_str()),
                Some(*code),
                "{text}: {got:?}"
            );
        }
    }
}
