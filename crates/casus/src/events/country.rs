//! Countries for the role actors an event binds without one: "a police
//! vehicle was targeted with a bomb in Afgooye", "a civilian man was
//! shot near Baidoa", "a sit-in was held in Gafsa" (the implied
//! protesters). The actor stage leaves a role word that modifies a noun
//! ("police vehicle", "civilian man") without a country, since most such
//! words name no actor ("civilian rule", "police station"); once an
//! event binds one as its source or target it is an actor, and its
//! country is, in this order:
//!
//! 1. the event location's ("in Afgooye": the place of the event's own
//!    clause);
//! 2. the places of the actor's sentence, where they agree on one
//!    country;
//! 3. the story's ([`super::story::role_country`]: the country named
//!    on most sides of the article's events, else the one its places
//!    name most, else the one its actors' own words name most,
//!    unless the event's other side has it: "Sit-ins were held in
//!    several Tunisian towns", but not "pro-Western rebels downed a
//!    Syrian airliner").
//!
//! A place alone never makes an actor: only actors the event already
//! binds get a country, and none whose premodifier puts it abroad
//! ("thanked foreign governments", "world leaders"). Off in TABARI mode (no relevance, no context).
//!
//! ```text
//! "Gunmen shot a police officer in Baidoa."        police -> SOMCOP (location)
//! "Protests were held in Bule Hora and Shashamane." -> ETHCVL (location)
//! "A civilian man was shot. Police in Gao ..."     civilian -> MLICVL (story)
//! ```

use crate::actors::{is_country, ActorMention};
use crate::codes::ActorCode;
use crate::places::PlaceMention;

use super::{Event, EventActor};

/// For each place, whether an actor mention overlaps it ("Moscow
/// denied": a place that is an actor is no place here). Sorted spans
/// and a binary search: articles may hold tens of thousands of both.
pub(super) fn actor_places(
    places: &[PlaceMention],
    actors: &[ActorMention],
) -> Vec<bool> {
    let mut spans: Vec<(u32, u32)> =
        actors.iter().map(|a| (a.span.start, a.span.end)).collect();
    spans.sort_unstable();
    let longest = spans.iter().map(|s| s.1 - s.0).max().unwrap_or(0);
    places
        .iter()
        .map(|p| {
            let (a, b) = (p.span.start, p.span.end);
            let from =
                spans.partition_point(|s| s.0.saturating_add(longest) <= a);
            spans[from..]
                .iter()
                .take_while(|s| s.0 < b)
                .any(|s| s.0 < b && a < s.1)
        })
        .collect()
}

/// For each sentence, the one country its places name, if they agree
/// (places that are actors left out).
fn sentence_countries<'p>(
    places: &'p [PlaceMention],
    actors: &[ActorMention],
) -> std::collections::HashMap<usize, Option<&'p str>> {
    let is_actor = actor_places(places, actors);
    let mut out: std::collections::HashMap<usize, Option<&'p str>> =
        std::collections::HashMap::new();
    for (p, &actor) in places.iter().zip(&is_actor) {
        let Some(c) = p.country.as_deref().filter(|c| is_country(c)) else {
            continue;
        };
        if actor {
            continue;
        }
        out.entry(p.sentence)
            .and_modify(|x| {
                if *x != Some(c) {
                    *x = None;
                }
            })
            .or_insert(Some(c));
    }
    out
}

/// Gives every bound role actor without a country in `out` one (see the
/// module docs). Returns how many actors got one.
pub(super) fn fill(
    out: &mut [Event],
    text: &str,
    places: &[PlaceMention],
    actors: &[ActorMention],
    story: Option<&str>,
    by_actors: Option<&str>,
) -> usize {
    let by_sentence = sentence_countries(places, actors);
    let mut n = 0;
    for e in out.iter_mut() {
        let located = e
            .location
            .as_ref()
            .and_then(|l| l.country.as_deref())
            .filter(|c| is_country(c))
            .map(str::to_string);
        let country = located
            .or_else(|| {
                by_sentence
                    .get(&e.sentence)
                    .copied()
                    .flatten()
                    .map(str::to_string)
            })
            .or_else(|| story.map(str::to_string))
            .or_else(|| {
                // The actors' country, unless the other side has it.
                let c = by_actors?;
                let has = |a: &Option<EventActor>| {
                    a.as_ref().is_some_and(|a| a.country.as_deref() == Some(c))
                };
                (!has(&e.source) && !has(&e.target)).then(|| c.to_string())
            });
        let mut changed = own_possessed(e, text);
        n += usize::from(changed);
        let Some(c) = country else {
            if changed {
                super::assemble::rehash(e);
            }
            continue;
        };
        for a in [e.source.as_mut(), e.target.as_mut()].into_iter().flatten() {
            // "foreign governments", "world leaders": nobody of this
            // country (`actors::abroad_before`; officials only, as in
            // the actor stage: "foreign troops" are mostly the
            // story's intervener's).
            if a.role.as_deref() == Some("GOV")
                && crate::actors::abroad_before(text, a.span.start as usize)
            {
                continue;
            }
            if give(a, &c) {
                changed = true;
                n += 1;
            }
        }
        if changed {
            super::assemble::rehash(e);
        }
    }
    n
}

/// "Chinese citizens criticized their government": a target that is a
/// bare role word ("government", "army") right after "their" is the
/// source's own, so it takes the source's country, not the sentence's
/// or the story's (which the actor stage may already have given it:
/// Japan's, for an article on Japanese victims in China). Not "its":
/// in wire reports it is mostly a third party's ("Iran said its forces
/// had captured ...", with Iraq bound as the source). Returns whether
/// the target changed.
fn own_possessed(e: &mut Event, text: &str) -> bool {
    let Some(c) = e.source.as_ref().and_then(|s| s.country.clone()) else {
        return false;
    };
    let Some(t) = e.target.as_mut() else { return false };
    let (from, to) = (t.span.start as usize, t.span.end as usize);
    let words = text.get(from..to).unwrap_or("");
    // A name or a country word of its own ("their Japanese hosts") stays.
    let bare_role = t.name.is_none()
        && !words.is_empty()
        && !words.chars().any(char::is_uppercase);
    let before = text.get(..from).unwrap_or("");
    let word = before.trim_end().rsplit(char::is_whitespace).next();
    let possessive = word.is_some_and(|w| w.eq_ignore_ascii_case("their"));
    let Some(role) = t.code.role().map(str::to_string) else {
        return false;
    };
    if !(bare_role && possessive && is_country(&c))
        || t.country.as_deref() == Some(c.as_str())
    {
        return false;
    }
    t.code = ActorCode::from_parts(&c, &role);
    t.country = Some(c);
    true
}

/// Gives role actor `a` (`---COP`) country `c`, if it has none.
fn give(a: &mut EventActor, c: &str) -> bool {
    if a.country.is_some() || a.code.country_slot() != Some("---") {
        return false;
    }
    let Some(role) = a.role.clone().filter(|r| !r.is_empty()) else {
        return false;
    };
    a.code = ActorCode::from_parts(c, a.code.after_placeholder());
    a.country = Some(c.to_string());
    a.role = Some(role);
    true
}

#[cfg(test)]
mod tests {
    use crate::coder::Coder;
    use crate::Article;

    /// `(text, events as "SOURCE>CAMEO>TARGET")`: role actors bound
    /// without a country take the event location's, the sentence's
    /// places' or the story's; a one-sided act whose target alone is
    /// named gets its implied doers (`events::assemble`).
    #[test]
    fn bound_role_actors_take_a_country() {
        let coder = Coder::builtin().expect("coder");
        let mut bad = Vec::new();
        let cases: &[(&str, &[&str])] = &[
            // The location's country (a role word modifying a noun).
            (
                "Gunmen shot dead a police officer in Kismayo.",
                &["SOMREB>193>SOMCOP"],
            ),
            // Implied protesters: the event location is further on.
            (
                "People protested against the new tax in Gulu on Monday.",
                &["UGACVL>1412>UGA"],
            ),
            // Only the target named: the implied doers, of its place.
            (
                "Lawyers staged a protest at the court in Gulu.",
                &["UGACVL>141>UGAJUD"],
            ),
            ("A journalist was kidnapped in Juba.", &["SSDUAF>181>SSD"]),
            // The story's country: the place is in another sentence (then
            // the protest's open target is the story's, events/story.rs).
            (
                "Unrest spread across Kasai. A civilian man was shot dead by soldiers.",
                &["CODCVL>141>COD", "CODMIL>193>CODCVL"],
            ),
            // No place the gazetteer knows: the country the actors' own
            // words name (a demonym, a group of one country).
            (
                "Traders went on strike in several Senegalese towns.",
                &["SENBUS>143>SEN"],
            ),
            (
                "Soldiers drove Boko Haram out of a village and killed six.",
                &["NGAMIL>180>-"],
            ),
            // ... unless the event's other side has it.
            (
                "Pro-Russia rebels attacked Latvian troops.",
                &["---REB>190>LVAMIL"],
            ),
            // A located act whose place the gazetteer lacks: the implied
            // doer takes the sentence's country later.
            (
                "A municipal worker was killed in Kiboroni village, Kilifi county.",
                &["KENUAF>180>KENLAB"],
            ),
            // Officials abroad take no country from the story.
            (
                "The Kenyan president thanked foreign governments for their aid.",
                &["KENGOV>051>---GOV"],
            ),
            // "their government": the doers' own, not the location's.
            (
                "In London, Nigerian citizens criticized their government's slow response.",
                &["NGACVL>111>NGAGOV"],
            ),
        ];
        for (text, want) in cases {
            let article =
                Article::new("t", "2024-03-05".parse().expect("date"), text);
            let got: Vec<String> = coder
                .code(&article)
                .iter()
                .map(|e| {
                    let code = |a: &Option<super::EventActor>| {
                        a.as_ref()
                            .map_or("-".to_string(), |a| a.code.to_string())
                    };
                    format!(
                        "{}>{}>{}",
                        code(&e.source),
                        e.cameo,
                        code(&e.target)
                    )
                })
                .collect();
            if got != *want {
                bad.push(format!("{text}: got {got:?}, want {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}
