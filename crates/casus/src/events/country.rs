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
//! 3. the story's: the country the article's places name most (ties:
//!    the one named first).
//!
//! A place alone never makes an actor: only actors the event already
//! binds get a country. Off in TABARI mode (no relevance, no context).
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

/// The story's country for events: the country the article's places
/// name most (ties: the one named first). Actors' own countries do not
/// count: the actors of a story are as often foreign (a Malaysian
/// airliner downed over Ukraine) as its places.
pub(super) fn story(
    places: &[PlaceMention],
    actors: &[ActorMention],
) -> Option<String> {
    let mut ranked: Vec<(&str, u32, u32)> = Vec::new();
    for p in places {
        // A place that is an actor ("Moscow denied") is no place here.
        if actors.iter().any(|a| a.span.overlaps(p.span)) {
            continue;
        }
        let Some(c) = p.country.as_deref().filter(|c| is_country(c)) else {
            continue;
        };
        match ranked.iter_mut().find(|r| r.0 == c) {
            Some(r) => r.1 += 1,
            None => ranked.push((c, 1, p.span.start)),
        }
    }
    ranked
        .into_iter()
        .max_by(|x, y| x.1.cmp(&y.1).then(y.2.cmp(&x.2)))
        .map(|r| r.0.to_string())
}

/// The one country the places of sentence `si` name, if they agree; a
/// place that is also an actor ("Moscow denied") is no place here.
fn sentence_country<'p>(
    places: &'p [PlaceMention],
    actors: &[ActorMention],
    si: usize,
) -> Option<&'p str> {
    let mut cs = places
        .iter()
        .filter(|p| p.sentence == si)
        .filter(|p| !actors.iter().any(|a| a.span.overlaps(p.span)))
        .filter_map(|p| p.country.as_deref().filter(|c| is_country(c)));
    let first = cs.next()?;
    cs.all(|c| c == first).then_some(first)
}

/// Gives every bound role actor without a country in `out` one (see the
/// module docs). Returns how many actors got one.
pub(super) fn fill(
    out: &mut [Event],
    places: &[PlaceMention],
    actors: &[ActorMention],
    story: Option<&str>,
) -> usize {
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
                sentence_country(places, actors, e.sentence)
                    .map(str::to_string)
            })
            .or_else(|| story.map(str::to_string));
        let Some(c) = country else { continue };
        let mut changed = false;
        for a in [e.source.as_mut(), e.target.as_mut()].into_iter().flatten() {
            if give(a, &c) {
                changed = true;
                n += 1;
            }
        }
        if changed {
            e.event_id = super::assemble::event_id(
                &e.article_id,
                e.sentence,
                e.span,
                e.cameo,
                e.source.as_ref().map_or("", |a| a.code.as_str()),
                e.target.as_ref().map_or("", |a| a.code.as_str()),
            );
        }
    }
    n
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
        let cases: &[(&str, &[&str])] = &[
            // The location's country (a role word modifying a noun).
            (
                "Gunmen shot dead a police officer in Kismayo.",
                &["SOMREB>193>SOMCOP"],
            ),
            // Implied protesters: the event location is further on.
            (
                "People protested against the new tax in Gulu on Monday.",
                &["UGACVL>1412>-"],
            ),
            // Only the target named: the implied doers, of its place.
            (
                "Lawyers staged a protest at the court in Gulu.",
                &["UGACVL>141>UGAJUD"],
            ),
            ("A journalist was kidnapped in Juba.", &["SSDUAF>181>SSD"]),
            // The story's country: the place is in another sentence.
            (
                "Unrest spread across Kasai. A civilian man was shot dead by soldiers.",
                &["CODCVL>141>-", "CODMIL>193>CODCVL"],
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
            assert_eq!(got, *want, "{text}");
        }
    }
}
