//! The story's country: one computation, for the two fills that need
//! it.
//!
//! News names the country of a story once or twice and then reports its
//! local actors without it: "Gendarmes arrested five people", "Residents
//! blocked the main road", "Four soldiers were killed", "a police vehicle
//! was hit". The event stage fills such actors from the story's country
//! twice, and both ask this module ([`story_country`]):
//!
//! 1. role actors an event binds without a country ("a police vehicle",
//!    the implied protesters), when neither the event's location nor its
//!    sentence's places give one (`events::country`);
//! 2. the absent side of a one-sided event, last (here,
//!    [`fill_open_sides`]).
//!
//! **The story's country** of an article's events is the country named
//! on most sides of them (ties: the first named; intergovernmental
//! bodies never), counted only when named in events of at least
//! [`STORY_MIN_SENTENCES`] sentences; else the country the article's
//! places name most (places that are actors, "Moscow denied", left out;
//! ties: the one named first). Sides first: a story's actors say whose
//! story it is better than its places do (a Malaysian airliner downed
//! over Ukraine), and the places decide when its actors do not. Each fill
//! asks over the events it works on (the second after the first and the
//! relevance rule have run). Measured on every dev set against the two
//! computations this replaces (events' sides alone for 2, places alone
//! for 1; docs/eval/story.md): equal or better on each. For fill 1
//! only, when neither decides, the country named most by the article's
//! actors whose own words give one, bound or not ("Protests were held
//! in several Tunisian towns", "troops cleared the village of Boko
//! Haram"; [`role_country`]).
//!
//! **Open sides.** Measured on both document golds (docs/eval/precision.md),
//! three ways to treat them: keep them as they are (own F1 0.51, shared
//! 0.56), drop them (0.61 / 0.61: precision up, but the recall of acts
//! whose other side is genuinely open goes), or give the empty side the
//! story's country (0.65 / 0.67): unnamed local actors of a story are
//! the story country's, which is how a careful coder reads them. Only
//! an article whose events lie in at least [`STORY_MIN_SENTENCES`]
//! sentences has a story to fill from: a one-sentence record ("Israel
//! attacked.") keeps its open side open.
//! Only an *absent* side is filled, when the other side has a country
//! and is not the bare country code itself (no IRN -> IRN), and never
//! the doer of violence (roots 18-20: an agentless "were
//! killed" has an unknown or alleged doer; filling it cost forbidden
//! events on both golds for 0.01-0.02 of F1);
//! an event with neither side resolved, or with a role actor of no
//! country (`---GOV`), is left alone. The filled actor is the bare
//! country code with `from: "story"` and an empty span at the trigger
//! (it has no mention). The open target of a verbal act (roots 01,
//! 11-13) whose source is of the story's country takes the story's
//! *other party* instead, the country named on most sides after it,
//! when there is one: "Doha expressed its regret", "the spokesman
//! warned ..." address the other state of the story, not their own
//! ([`fill_open_sides`]); but when the act's sentence names one other
//! country in a mention's own words, that country is the target ("a
//! charge Minsk denies" after "the EU accuses": the EU, not Poland;
//! [`sentence_addressee`], any speaker). So does the open target of violence (roots
//! 18-20) by the story's own state organs: a state's troops that fire
//! at an unnamed target in a story of two states fire at the other, not
//! at their own country (session 31: such self pairs were 7 of the 55
//! false self pairs of the own document gold).
//!
//! **Home coercion, doerless initiatives** (session 37). The open target
//! of coercion (root 17) by police or a court is the source's own
//! country, not the story's: "police detained dozens" in Yerevan in a
//! story of Azerbaijan's offensive detained Armenians. An initiative
//! (roots 03, 05, 07, 10, 16) with no doer aimed at a country the fill
//! would not give is dropped, not filled ([`INITIATIVE_ROOTS`]).
//!
//! **Covered one-sided acts.** After the fill, an event still open on
//! one side is dropped when an event of its sentence codes the same
//! root with both sides and the same country on its known side
//! ([`drop_covered`]): "exchanged fire" coded both ways makes the
//! "fighting" of the same sentence, its doer open, a guess.
//!
//! ```text
//! Malian troops killed ten militants near Mopti. Gendarmes arrested
//! five men in Bamako. Residents marched in Bamako.
//!   "MLIMIL -> -" (ten militants) becomes MLIMIL -> MLI;
//!   "MLICOP -> -" (five men) becomes MLICOP -> MLI.
//! ```

use std::collections::BTreeMap;

use crate::actors::{is_country, ActorMention, CountryFrom};
use crate::codes::ActorCode;
use crate::places::PlaceMention;
use crate::span::Span;

use super::{ActorFrom, Event, EventActor};

/// CAMEO roots whose open *source* stays open: the unnamed doer of an
/// assault, a fight or mass violence ("four soldiers were killed", "an
/// attack which Ankara blamed on the PKK") is unknown or alleged, not the
/// story's country; naming one would assert who did it.
const OPEN_DOER_ROOTS: &[&str] = &["18", "19", "20"];

/// CAMEO roots of verbal acts (statements, disapproval, rejection,
/// threats) whose open target, when the story's country is the
/// speaker's own, is the story's other party: "Doha expressed its
/// regret", "the spokesman warned that ..." in a story of two states
/// address the other state, not their own.
const VERBAL_ROOTS: &[&str] = &["01", "11", "12", "13"];

/// CAMEO roots of acts between states (intent to cooperate, consult,
/// diplomatic cooperation) whose open target is never the source's own
/// country when the source is its state: a government does not visit,
/// meet or endorse its own country ("the prime minister, on a visit",
/// "he supported an early election", "attended celebrations"), so the
/// fill would only guess; the side stays open.
const STATE_COOPERATION_ROOTS: &[&str] = &["03", "04", "05"];

/// CAMEO roots of initiatives between parties (intent to cooperate,
/// diplomatic cooperation, aid, demands, cuts in relations) whose open
/// *source* is never filled with a country other than the target's:
/// such an act has one doer the sentence names ("the Houthis'
/// negotiator said his side demanded", "Gazprom stopped deliveries to
/// Moldova"), and when the parser binds none, the story's country (or
/// its other party) is as often a third state as the doer (session 37:
/// 14 such fills on the own gold, 11 of them false). The event is
/// dropped rather than left open: an offer, aid, a demand or a cut in
/// ties by no one counts nothing for a user, and an open source scores
/// as a false event all the same.
const INITIATIVE_ROOTS: &[&str] = &["03", "05", "07", "10", "16"];

/// Roles that coerce at home: police and courts arrest, charge and
/// sentence people within their own country's reach.
const HOME_COERCERS: &[&str] = &["COP", "JUD"];

/// Roles of a state's own organs (see `dicts/agents.tsv`).
const STATE_ROLES: &[&str] = &["GOV", "LEG", "MIL", "JUD", "SPY"];

/// Sentences whose events must name a country before it is the story's
/// by its sides, and that an article's events must lie in before its
/// open sides are filled.
pub(crate) const STORY_MIN_SENTENCES: usize = 2;

/// The story's country for `events` (one article's, in text order), its
/// `places` and its named `actors` (see the module docs).
pub(crate) fn story_country(
    events: &[Event],
    places: &[PlaceMention],
    actors: &[ActorMention],
) -> Option<String> {
    side_country(events).or_else(|| place_country(places, actors))
}

/// The story's country for role actors bound without one
/// (`events::country`): [`story_country`], else (second) the country the
/// article's actors name most ([`named_country`]), which
/// `events::country` gives no actor whose event's other side has it
/// ("pro-Western rebels downed a Syrian airliner": the rebels' country
/// is not said). Open sides do not take the second guess: a country named as a
/// side ("Russia criticized Ukraine. France condemned the decision.") is
/// no unnamed side's.
pub(crate) fn role_country(
    events: &[Event],
    places: &[PlaceMention],
    actors: &[ActorMention],
) -> (Option<String>, Option<String>) {
    match story_country(events, places, actors) {
        Some(c) => (Some(c), None),
        None => (None, named_country(actors)),
    }
}

/// The country named most by the article's actors whose own words give
/// one ("Tunisian towns", "clear the area of Boko Haram", "FARDC"),
/// bound to an event or not (ties: the first named): the last resort of
/// a short note that names no place the gazetteer knows. Bodies and
/// regions count for nothing.
pub(crate) fn named_country(actors: &[ActorMention]) -> Option<String> {
    most_named(
        actors
            .iter()
            .filter(|a| {
                a.country_from == Some(crate::actors::CountryFrom::Text)
            })
            .filter_map(|a| Some((a.country.as_deref()?, a.span.start))),
    )
}

/// The country of `named` (country, where it is named) named most; ties:
/// the one named first. Only real countries count.
fn most_named<'a>(
    named: impl Iterator<Item = (&'a str, u32)>,
) -> Option<String> {
    let mut ranked: Vec<(&str, u32, u32)> = Vec::new();
    for (c, at) in named.filter(|(c, _)| is_country(c)) {
        match ranked.iter_mut().find(|r| r.0 == c) {
            Some(r) => r.1 += 1,
            None => ranked.push((c, 1, at)),
        }
    }
    ranked
        .into_iter()
        .max_by(|x, y| x.1.cmp(&y.1).then(y.2.cmp(&x.2)))
        .map(|r| r.0.to_string())
}

/// The country named on most sides of `events`, in events of at least
/// [`STORY_MIN_SENTENCES`] sentences (ties: the first named).
fn side_country(events: &[Event]) -> Option<String> {
    side_country_but(events, None)
}

/// [`side_country`] with country `except` left out.
fn side_country_but(events: &[Event], except: Option<&str>) -> Option<String> {
    // country -> (sides named, first position, distinct sentences).
    let mut tally: BTreeMap<&str, (usize, usize, Vec<usize>)> =
        BTreeMap::new();
    let mut pos = 0;
    // A reaction aimed at each doer of one act (events/reaction.rs) is
    // one reaction: its copies share one side's weight, so a side counts
    // `WHOLE` and each of n copies `WHOLE / n`.
    const WHOLE: usize = 60;
    fn key(e: &Event) -> Option<(usize, Span, Option<&ActorCode>)> {
        let antecedent = e
            .target
            .as_ref()
            .is_some_and(|t| t.from == Some(ActorFrom::Antecedent));
        antecedent
            .then(|| (e.sentence, e.span, e.source.as_ref().map(|s| &s.code)))
    }
    let copies = |e: &Event| {
        key(e)
            .map_or(1, |k| events.iter().filter(|o| key(o) == Some(k)).count())
    };
    for e in events {
        let weight = WHOLE / copies(e).clamp(1, WHOLE);
        for a in [&e.source, &e.target].into_iter().flatten() {
            let Some(c) = a.country.as_deref() else { continue };
            if c == "IGO" || a.code.lacks_country() || Some(c) == except {
                continue;
            }
            pos += 1;
            let t = tally.entry(c).or_insert((0, pos, Vec::new()));
            t.0 += weight;
            if !t.2.contains(&e.sentence) {
                t.2.push(e.sentence);
            }
        }
    }
    tally
        .into_iter()
        .filter(|(_, t)| t.2.len() >= STORY_MIN_SENTENCES)
        // Most sides, then the earliest named.
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(c, _)| c.to_string())
}

/// The story's other party: the country named on most sides of
/// `events` after `first` (counted as [`side_country`] counts).
fn other_party(events: &[Event], first: &str) -> Option<String> {
    side_country_but(events, Some(first))
}

/// The country the article's places name most (ties: the one named
/// first), places that are actors left out.
fn place_country(
    places: &[PlaceMention],
    actors: &[ActorMention],
) -> Option<String> {
    let is_actor = super::country::actor_places(places, actors);
    most_named(
        places
            .iter()
            .zip(&is_actor)
            .filter(|(_, &actor)| !actor)
            .filter_map(|(p, _)| Some((p.country.as_deref()?, p.span.start))),
    )
}

/// Whether `events` lie in at least [`STORY_MIN_SENTENCES`] sentences.
fn tells_a_story(events: &[Event]) -> bool {
    let mut sentences: Vec<usize> =
        events.iter().map(|e| e.sentence).collect();
    sentences.sort_unstable();
    sentences.dedup();
    sentences.len() >= STORY_MIN_SENTENCES
}

/// Whether `a` names a country.
fn has_country(a: &Option<EventActor>) -> bool {
    a.as_ref().is_some_and(|a| a.country.is_some() && !a.code.lacks_country())
}

/// Whether `a` is the bare `country` code the fill would add: an event
/// never has one code on both sides ("Tehran rejected the accusation"
/// with no accuser found keeps its target open, not IRN -> IRN).
fn is_bare(a: &Option<EventActor>, country: &str) -> bool {
    a.as_ref().is_some_and(|a| a.code.as_str() == country)
}

/// Whether filling `e`'s open target with `country` would make a state
/// organ cooperate with its own country ([`STATE_COOPERATION_ROOTS`]).
fn state_to_itself(e: &Event, country: &str) -> bool {
    let Some(src) = e.source.as_ref() else { return false };
    STATE_COOPERATION_ROOTS.contains(&e.root.as_str())
        && src.country.as_deref() == Some(country)
        && role_in(src, STATE_ROLES)
}

/// Whether filling `e`'s open source with `country` would make that
/// country the doer of an initiative ([`INITIATIVE_ROOTS`]) aimed at
/// another country.
fn initiative_from_abroad(e: &Event, country: &str) -> bool {
    INITIATIVE_ROOTS.contains(&e.root.as_str())
        && e.target.as_ref().and_then(|t| t.country.as_deref())
            != Some(country)
}

/// The country of `e`'s source when `e` is coercion (root 17) by police
/// or a court ([`HOME_COERCERS`]) with an open target: "police detained
/// dozens" in Yerevan, in a story about Azerbaijan's offensive, detained
/// Armenians, not the story's Azerbaijanis.
fn home_coercion(e: &Event) -> Option<String> {
    let src = e.source.as_ref()?;
    if e.target.is_some()
        || e.root.as_str() != "17"
        || !role_in(src, HOME_COERCERS)
    {
        return None;
    }
    src.country.clone()
}

/// CAMEO roots of a state's dealings with its own people (yielding,
/// protest, coercion): an unnamed doer of these aimed at the story's
/// state is its own society or state ("the protesters demanded ...",
/// "the president resigned", "was arrested"), not a foreign one.
const HOME_ROOTS: &[&str] = &["08", "14", "17"];

/// Whether `e`'s open source, filled with `story_state`, would make a
/// self pair of an act aimed at that state that is no domestic one
/// ([`HOME_ROOTS`]): "accused Manila of ...", "denied that its personnel
/// targeted Philippine soldiers", "is due to fly to Beirut" in a story
/// of two states are the other state's acts (session 34: 29 of the own
/// gold's 54 false self pairs were story fills). The mirror of the
/// verbal act's target rule. Only an act aimed at the state itself
/// (the bare country, its government, army or police): an unnamed doer
/// facing its legislature, parties or elite is mostly domestic politics
/// ("aid voted by Congress", "the report blamed Regan": Reuters).
fn aimed_at_story_state(e: &Event, story_state: &str) -> bool {
    e.source.is_none()
        && !HOME_ROOTS.contains(&e.root.as_str())
        && e.target.as_ref().is_some_and(|t| {
            t.country.as_deref() == Some(story_state)
                && (t.code.as_str() == story_state || role_in(t, STATE_FACES))
        })
}

/// Roles of a state's organs that face other states: its government,
/// army and police.
const STATE_FACES: &[&str] = &["GOV", "MIL", "COP"];

/// Whether `e` is violence (roots 18-20) or a show of force (15) done by
/// a state organ of `story_state` (its army, its government): in a story
/// with another party, a state's forces that fire, shell or strike an
/// unnamed target fire at the other party, not at their own country
/// ("Cambodian troops fired at the border post" in a Thai-Cambodian
/// story), and the jets it scrambles or the troops it puts on alert face
/// that party too ("the air force scrambled fighter jets in response"),
/// wherever they are. Rebels and unidentified gunmen are left to the
/// story's country: their violence
/// is the story country's own conflict; so is violence located at home
/// ("Georgian troops launched an offensive to retake South Ossetia",
/// datelined Tbilisi, is Georgia's war on its own breakaway region).
fn own_forces_strike(e: &Event, story_state: &str) -> bool {
    let Some(src) = e.source.as_ref() else { return false };
    let at_home = e
        .location
        .as_ref()
        .is_some_and(|l| l.country.as_deref() == Some(story_state));
    // Jets are scrambled and troops put on alert from home: the place
    // says nothing of whom a show of force faces.
    let violence = OPEN_DOER_ROOTS.contains(&e.root.as_str());
    let posture = e.root.as_str() == "15";
    ((violence && !at_home) || posture)
        && src.country.as_deref() == Some(story_state)
        && role_in(src, STATE_ROLES)
}

/// Whether the article tells of armed strife (roots 18-20) with rebels
/// or gunmen of `story_state` on one side: a civil war, where a state's
/// strike with no target named falls on its own country's rebel areas
/// unless the other party fights too ([`fights_here`]). Outside one (a
/// trade dispute's "retaliate") the other party stays the target.
fn civil_strife(events: &[Event], story_state: &str) -> bool {
    events.iter().any(|e| {
        ["18", "19", "20"].contains(&e.root.as_str())
            && [&e.source, &e.target].into_iter().flatten().any(|a| {
                a.country.as_deref() == Some(story_state)
                    && role_in(a, &["REB", "UAF"])
            })
    })
}

/// Whether `country`, the story's other party, can be what a state's
/// strike `e` with no target is aimed at: a side of some act of strife
/// of the article, or named in the strike's own sentence ("Russian forces
/// launched drones at Ukrainian energy facilities, Ukraine's air force
/// said"). A party met only in diplomacy elsewhere ("the junta's leader
/// met a Chinese envoy" in a story of a junta's air strikes on its own
/// villages) is no one's target.
fn fights_here(
    strife: &[String],
    country: &str,
    e: &Event,
    actors: &[ActorMention],
) -> bool {
    // A show of force (15) faces the other party wherever it stands
    // ("scrambled fighter jets in response"): only violence needs a fight.
    e.root.as_str() == "15"
        || strife.iter().any(|c| c == country)
        || actors.iter().any(|a| {
            a.sentence == e.sentence && a.country.as_deref() == Some(country)
        })
}

/// Whether actor `a`'s role (its first three letters: `MIL` of `MILGOV`)
/// is one of `roles`.
fn role_in(a: &EventActor, roles: &[&str]) -> bool {
    a.code.role().and_then(|r| r.get(..3)).is_some_and(|r| roles.contains(&r))
}

/// CAMEO codes of a state's administrative measures on its own people
/// (restrictions on political freedoms, bans on parties, curfews,
/// states of emergency or martial law), imposed, threatened or eased,
/// and the intent to ease administrative sanctions (0351; the other
/// 035x intents, to release people or ease economic sanctions, act on
/// others): by definition done to the state's own country.
const DOMESTIC_MEASURES: &[&str] = &[
    "0351", "0811", "0812", "0813", "0814", "1321", "1322", "1323", "1324",
    "1721", "1722", "1723", "1724",
];

/// "The president lifted the state of emergency", "the government
/// imposed a curfew": a domestic measure with no target is done to the
/// source's own country (CAMEO's reading: the country acted on), in any
/// article, a one-sentence one too. Only a source with a role gets it
/// (no one code on both sides: a bare "Sudan lifted ..." stays open).
/// Domestic dissent ([`home_dissent`]) is filled the same way.
pub(crate) fn fill_domestic(events: &mut [Event], text: &str) {
    for e in events.iter_mut() {
        own_people(e);
        crowd_of_demonym(e, text);
        let measure = DOMESTIC_MEASURES.contains(&e.cameo.as_str());
        if e.target.is_some() || !(measure || home_dissent(e)) {
            continue;
        }
        let Some(src) = e.source.as_ref() else { continue };
        let Some(country) = src.country.clone() else { continue };
        if src.code.as_str() == country || !is_country(&country) {
            continue;
        }
        e.target = Some(EventActor {
            code: ActorCode::from_parts(&country, ""),
            country: Some(country),
            role: None,
            name: None,
            span: Span::new(e.span.start as usize, e.span.start as usize),
            from: Some(ActorFrom::Story),
        });
        super::assemble::rehash(e);
    }
}

/// "Thousands of Cubans took to the streets": protesters named by a
/// plural demonym are the country's people (`CVL`), not its state, so
/// their protest with no one named is domestic dissent
/// ([`home_dissent`]). The mention's own words must be one capitalised
/// word other than the country's name ("Cubans", not "Cuba" or "Cuban
/// officials"): "Pakistan protested" is the state's protest and stays
/// as it is.
fn crowd_of_demonym(e: &mut Event, text: &str) {
    if e.root.as_str() != "14" || e.target.is_some() {
        return;
    }
    let Some(src) = e.source.as_mut() else { return };
    if src.role.is_some() || src.from.is_some() {
        return;
    }
    let Some(country) = src.country.clone() else { return };
    let words = text.get(src.span.start as usize..src.span.end as usize);
    let Some(w) = words.map(str::trim) else { return };
    let plural_demonym = w.len() > 3
        && w.ends_with('s')
        && w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().all(char::is_alphabetic)
        && src.name.as_deref() != Some(w);
    if !plural_demonym || !is_country(&country) {
        return;
    }
    src.code = ActorCode::from_parts(&country, "CVL");
    src.role = Some("CVL".to_string());
    super::assemble::rehash(e);
}

/// Roles of a country's society that protest against, or end their
/// dissent with, their own state.
const DISSENT_ROLES: &[&str] = &["CVL", "LAB", "OPP", "EDU", "PTY", "REB"];

/// "Teachers went on strike", "students marched", "the union called off
/// its strike": a protest (root 14) or an easing of dissent (0820-0822:
/// a strike or boycott called off) by a society role of a country that
/// names no one it is aimed at is aimed at that country's own state
/// (CAMEO's reading of domestic dissent); a foreign target, when named,
/// is the target already.
fn home_dissent(e: &Event) -> bool {
    let dissent =
        e.root.as_str() == "14" || e.cameo.as_str().starts_with("082");
    dissent && e.source.as_ref().is_some_and(|s| role_in(s, DISSENT_ROLES))
}

/// CAMEO roots of a state's measures on people within its reach
/// (yielding, coercion): "the police arrested opposition members",
/// "the minister allowed opposition leaders to rally".
const DOMESTIC_ROOTS: &[&str] = &["08", "17"];

/// Roles of a country's own society and politics, which a state organ
/// acts on at home.
const HOME_ROLES: &[&str] = &["OPP", "CVL", "LAB", "EDU", "PTY", "JUD", "LEG"];

/// Roles of a state's organs that act at home (not its military, which
/// acts abroad too).
const HOME_ORGANS: &[&str] = &["GOV", "COP", "JUD", "LEG", "SPY"];

/// A domestic measure of a state organ on a role of no stated country
/// ("Egyptian police detained opposition activists": `---OPP`): the
/// people acted on are the organ's own country's.
fn own_people(e: &mut Event) {
    if !DOMESTIC_ROOTS.contains(&e.root.as_str()) {
        return;
    }
    let Some(src) = e.source.as_ref() else { return };
    let Some(country) = src.country.clone().filter(|c| is_country(c)) else {
        return;
    };
    let organ = role_in(src, HOME_ORGANS);
    let Some(t) = e.target.as_mut().filter(|t| t.country.is_none()) else {
        return;
    };
    let Some(role) = t.code.role().map(str::to_string) else { return };
    let home = role.get(..3).is_some_and(|r| HOME_ROLES.contains(&r));
    let code = ActorCode::from_parts(&country, &role);
    // One code is never on both sides ("the appeals court returned the
    // case to the district court" stays USAJUD -> ---JUD).
    if !organ || !home || code == src.code {
        return;
    }
    t.code = code;
    t.country = Some(country);
    super::assemble::rehash(e);
}

/// CAMEO codes of a call for, a demand for or a refusal of the release
/// of persons or property: aimed at whoever holds them.
const RELEASE_CODES: &[&str] = &["0253", "1053", "1243"];

/// "Kiev demanded the release of the sailors", "Paris called for the
/// release of its citizens": the release pattern binds the people held,
/// and when they are the asking state's own people the act is aimed at
/// their holder, not at their own country (a self pair). In a story of
/// two states that holder is the other one: the story's other party when
/// the asker is of the story's country, else the story's country. A
/// holder of a third country ("the release of Russian dissidents" asked
/// by Germany) is bound already and kept. With no other party on the
/// events' sides, the country the article's actors name most after the
/// asker's own is the holder ("the FSB of Russia", "the Russian Foreign
/// Ministry" when the events themselves are mostly one-sided).
fn release_of_own(
    events: &mut [Event],
    story_state: &str,
    other: Option<&str>,
    actors: &[ActorMention],
) {
    if !events.iter().any(|e| RELEASE_CODES.contains(&e.cameo.as_str())) {
        return;
    }
    let named_other = most_named(
        actors
            .iter()
            .filter(|a| a.country_from == Some(CountryFrom::Text))
            .filter_map(|a| Some((a.country.as_deref()?, a.span.start)))
            .filter(|(c, _)| *c != story_state),
    );
    let other = other.or(named_other.as_deref());
    for e in events.iter_mut() {
        if !RELEASE_CODES.contains(&e.cameo.as_str()) {
            continue;
        }
        let Some(own) = e.source.as_ref().and_then(|s| s.country.clone())
        else {
            continue;
        };
        let self_pair = e.target.as_ref().is_some_and(|t| {
            t.country.as_deref() == Some(own.as_str())
                && t.from != Some(ActorFrom::Story)
        });
        let holder =
            if own == story_state { other } else { Some(story_state) };
        let (true, Some(holder)) = (self_pair, holder) else { continue };
        if holder == own || !is_country(holder) {
            continue;
        }
        let at = Span::new(e.span.start as usize, e.span.start as usize);
        e.target = Some(EventActor {
            code: ActorCode::from_parts(holder, ""),
            country: Some(holder.to_string()),
            role: None,
            name: None,
            span: at,
            from: Some(ActorFrom::Story),
        });
        super::assemble::rehash(e);
    }
}

/// Gives the absent side of each one-sided event of `events` (one
/// article's, with its `places` and named `actors`) the story's country;
/// see the module docs.
pub(crate) fn fill_open_sides(
    events: &mut Vec<Event>,
    text: &str,
    places: &[PlaceMention],
    actors: &[ActorMention],
    dateline: usize,
) {
    if !tells_a_story(events) {
        return;
    }
    let Some(story_state) = story_country(events, places, actors) else {
        return;
    };
    let other = other_party(events, &story_state);
    release_of_own(events, &story_state, other.as_deref(), actors);
    let strife = strife_countries(events);
    let civil = civil_strife(events, &story_state);
    let mut doerless = vec![false; events.len()];
    for (i, e) in events.iter_mut().enumerate() {
        let at = Span::new(e.span.start as usize, e.span.start as usize);
        // A verbal act of the story's own state addresses the story's
        // other party, when it has one.
        let own_speaker = e.source.as_ref().and_then(|a| a.country.as_deref())
            == Some(story_state.as_str());
        let verbal = VERBAL_ROOTS.contains(&e.root.as_str());
        let addressed = if e.target.is_none() && verbal {
            sentence_addressee(e, actors, dateline)
        } else {
            None
        };
        // An addressed body keeps its own code ("if the EC proceeds":
        // IGOEUREEC, not a bare IGO).
        let (addressed, body) =
            addressed.map_or((None, None), |(c, b)| (Some(c), b));
        let country = match (&other, addressed) {
            (_, Some(a)) => a,
            (Some(o), None)
                if own_speaker
                    && e.target.is_none()
                    && (verbal
                        || (own_forces_strike(e, &story_state)
                            && (!civil
                                || fights_here(&strife, o, e, actors)))) =>
            {
                o.clone()
            }
            (Some(o), None) if aimed_at_story_state(e, &story_state) => {
                o.clone()
            }
            _ => home_coercion(e).unwrap_or_else(|| story_state.clone()),
        };
        let story = || EventActor {
            code: body
                .clone()
                .unwrap_or_else(|| ActorCode::from_parts(&country, "")),
            country: Some(country.clone()),
            role: None,
            name: None,
            span: at,
            from: Some(ActorFrom::Story),
        };
        let open_doer = OPEN_DOER_ROOTS.contains(&e.root.as_str());
        // A body acting at its own seat ("the EC Commission met in
        // Brussels"): the seat's country is where, not whom.
        let at_seat = e.location.as_ref().is_some_and(|l| {
            [&e.source, &e.target]
                .into_iter()
                .flatten()
                .any(|a| super::location::at_seat(a.code.as_str(), &l.name))
        });
        if at_seat {
            continue;
        }
        let fills_source = e.source.is_none()
            && !open_doer
            && has_country(&e.target)
            && !is_bare(&e.target, &country);
        let filled = if fills_source && initiative_from_abroad(e, &country) {
            doerless[i] = true;
            false
        } else if fills_source {
            e.source = Some(story());
            true
        } else if e.target.is_none()
            && has_country(&e.source)
            && !is_bare(&e.source, &country)
            && !state_to_itself(e, &country)
            && !quiet_self_statement(e, &country, &strife)
            && !UNADDRESSED_CODES.contains(&e.cameo.as_str())
            && !fellow_country(e, text, actors, &country)
            && !private_recipient(e, text)
        {
            e.target = Some(story());
            true
        } else {
            false
        };
        if filled {
            super::assemble::rehash(e);
        }
    }
    let mut i = 0;
    events.retain(|_| {
        i += 1;
        !doerless[i - 1]
    });
}

/// CAMEO roots of statements, disapproval and rejection: verbal acts
/// whose open target may be the speaker's own country only when that
/// country is in strife ([`quiet_self_statement`]).
const SELF_STATEMENT_ROOTS: &[&str] = &["01", "11", "12"];

/// CAMEO codes of acts addressed to no one: declining to comment (011)
/// is said to reporters, so its open target is never the story's
/// country or its other party (Reuters, session 40: "refused to say
/// which side was to blame" took Greece in a Greek-Turkish story, "a
/// spokeswoman declined to comment" the story's state).
const UNADDRESSED_CODES: &[&str] = &["011"];

/// CAMEO roots of strife: protest, coercion and violence.
const STRIFE_ROOTS: &[&str] = &["14", "15", "17", "18", "19", "20"];

/// The countries on either side of the article's acts of strife
/// ([`STRIFE_ROOTS`]), before any side is filled.
fn strife_countries(events: &[Event]) -> Vec<String> {
    let mut out: Vec<String> = events
        .iter()
        .filter(|e| STRIFE_ROOTS.contains(&e.root.as_str()))
        .flat_map(|e| [&e.source, &e.target])
        .flatten()
        .filter_map(|a| a.country.clone())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether filling `e`'s open target with `country` would make a
/// government's statement, criticism or rejection
/// ([`SELF_STATEMENT_ROOTS`]) address its own country in an article that
/// tells of no strife in that country. In a country's crisis (protests,
/// arrests, fighting) a minister's denial or condemnation with no named
/// recipient addresses the country's own opponents ("the Interior
/// Ministry denied it"); in a story of policy and markets it addresses
/// no one (Reuters, session 40: "Mulford criticized large-scale
/// solutions", "Lawson denounced the election fever", "the SEC chairman
/// voiced concern over price volatility" all took the speaker's own
/// country). Only the executive (`GOV`): an opposition leader's demand
/// or a court's annulment in an election dispute is aimed at the
/// country's state (tried on every statement root and speaker: the
/// shared gold lost Romania's annulled election and Merz's demand).
fn quiet_self_statement(e: &Event, country: &str, strife: &[String]) -> bool {
    let Some(src) = e.source.as_ref() else { return false };
    src.country.as_deref() == Some(country)
        && role_in(src, &["GOV"])
        && SELF_STATEMENT_ROOTS.contains(&e.root.as_str())
        && !strife.iter().any(|c| c == country)
}

/// Nouns of private parties: `dicts/words/private_parties.txt`.
static PRIVATE_PARTIES: crate::util::WordList =
    crate::util::word_list!("words/private_parties.txt");

/// Most words read after a trigger for its private recipient.
const RECIPIENT_WORDS: usize = 5;

/// Whether the words right after `e`'s trigger, up to a clause boundary,
/// name a private party ("have struck agreement with commercial banks",
/// "reached a settlement with its creditors"): the act has a recipient
/// the text names, one no state stands for (session 39, Reuters: banks
/// and creditors of debt accords and employers of strikes were coded as
/// the story's country).
fn private_recipient(e: &Event, text: &str) -> bool {
    let Some(rest) = text.get(e.span.end as usize..) else {
        return false;
    };
    let clause = rest.split(['.', ',', ';', ':', '"']).next().unwrap_or("");
    clause
        .split_whitespace()
        .take(RECIPIENT_WORDS)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .take_while(|w| !CLAUSE_OPENERS.contains(&w.as_str()))
        .any(|w| PRIVATE_PARTIES.contains(w.as_str()))
}

/// Words that open another clause or phrase after a trigger: what
/// follows them is no recipient of the act ("warned that companies
/// ...", "agreed to help firms").
const CLAUSE_OPENERS: &[&str] = &[
    "that", "which", "who", "to", "for", "after", "before", "because",
    "while", "if", "when", "in", "on", "at", "by", "over", "but",
];

/// The one country, other than the source's, that actors of `e`'s
/// sentence name (news outlets, troops and actors of no country left out;
/// an intergovernmental body counts as `IGO`): the open target of a
/// verbal act is the party its sentence names ("the Egyptian ministry
/// warned of the consequences of an Israeli offensive", "a claim the
/// Chinese side rejected" after "NATO claimed"), not the story's other
/// party, which may be a third country (session 33: 37 of the own
/// gold's false events were such fills). `None` when the sentence names
/// none or several: then the story decides. Only mentions whose own
/// words give the country count: a dateline (before byte `dateline`),
/// a country guessed from a place or the story, or a person learned
/// from an earlier title ("the president") is no party of the act.
/// With the country comes the body's own code when the one party is an
/// intergovernmental body named by one code (session 37: "warned ... if
/// the EC proceeds" gave a bare `IGO` target).
fn sentence_addressee(
    e: &Event,
    actors: &[ActorMention],
    dateline: usize,
) -> Option<(String, Option<ActorCode>)> {
    let own = e.source.as_ref()?.country.as_deref()?;
    let mut found: Option<&str> = None;
    let mut bodies: Vec<&ActorCode> = Vec::new();
    let named_here = |a: &&ActorMention| {
        a.sentence == e.sentence
            && a.span.start as usize >= dateline
            && a.country_from == Some(CountryFrom::Text)
            && !a.entry.contains("learned")
    };
    for a in actors.iter().filter(named_here) {
        let Some(c) = a.country.as_deref() else { continue };
        // Troops named beside a statement are mostly its subject matter
        // ("has not commented on ... the departure of French troops"),
        // not whom it addresses.
        let outlet_or_troops =
            matches!(a.role.as_deref(), Some("MED" | "MIL"));
        if c == own || outlet_or_troops || a.code.lacks_country() {
            continue;
        }
        match found {
            Some(f) if f != c => return None,
            _ => found = Some(c),
        }
        // A body's code holds its name where a country's role would be
        // (`IGO` + `EUREEC`).
        if c == "IGO" && !bodies.contains(&&a.code) {
            bodies.push(&a.code);
        }
    }
    let body = match bodies.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    };
    found.map(|c| (c.to_string(), body))
}

/// Roots of a stance on a third thing (praise and support, demands,
/// disapproval, rejection): those coordinated in one act of them stand
/// side by side.
const STANCE_ROOTS: &[&str] = &["05", "10", "11", "12"];

/// Whether `country`, not the source's own, is that of a mention
/// coordinated with `e`'s source in a stance act ("West Germany and
/// Ireland are opposed to the limits": Ireland's open target is not West
/// Germany, which stands beside it).
fn fellow_country(
    e: &Event,
    text: &str,
    actors: &[ActorMention],
    country: &str,
) -> bool {
    let Some(src) = e.source.as_ref() else { return false };
    if !STANCE_ROOTS.contains(&e.root.as_str())
        || src.country.as_deref() == Some(country)
    {
        return false;
    }
    let mut here: Vec<&ActorMention> =
        actors.iter().filter(|a| a.sentence == e.sentence).collect();
    here.sort_by_key(|a| a.span.start);
    co_members(text, &here, src.span)
        .into_iter()
        .any(|i| here[i].country.as_deref() == Some(country))
}

/// Indexes of the mentions of `here` (one sentence's, in text order)
/// coordinated with the mention at `src`: chained to it by gaps of
/// nothing but commas, "and", "or" and "the" ("Britain, Canada, the U.S.
/// and West Germany"), one of them with "and" or "or" (a comma alone
/// also ends a phrase: "In a statement on Japan, the EC ministers").
fn co_members(text: &str, here: &[&ActorMention], src: Span) -> Vec<usize> {
    let Some(at) = here
        .iter()
        .position(|a| a.span.start <= src.start && src.start < a.span.end)
    else {
        return Vec::new();
    };
    let joined = |a: &ActorMention, b: &ActorMention| {
        let gap = text
            .get(a.span.end as usize..b.span.start as usize)
            .unwrap_or("x");
        a.span.end <= b.span.start
            && gap.len() <= 12
            && gap.split(|c: char| c.is_whitespace() || c == ',').all(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "" | "and" | "or" | "the"
                )
            })
    };
    let conjunction = |a: &ActorMention, b: &ActorMention| {
        text.get(a.span.end as usize..b.span.start as usize)
            .unwrap_or("")
            .split(|c: char| c.is_whitespace() || c == ',')
            .any(|w| {
                w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or")
            })
    };
    let mut out = Vec::new();
    let mut i = at;
    while i > 0 && joined(here[i - 1], here[i]) {
        i -= 1;
        out.push(i);
    }
    let mut j = at;
    while j + 1 < here.len() && joined(here[j], here[j + 1]) {
        j += 1;
        out.push(j);
    }
    let coordinated = (i..j).any(|k| conjunction(here[k], here[k + 1]));
    if coordinated {
        out
    } else {
        Vec::new()
    }
}

/// Drops each one-sided event of `events` (one article's) whose act its
/// sentence also codes with both sides: "Congolese troops and the
/// insurgents exchanged fire" codes the fight both ways, and the
/// "fighting" of the same sentence, its doer open, adds nothing but a
/// guess. An event is covered when an event of the same sentence and
/// CAMEO root, neither negated, names both sides and the same country
/// on the side the one-sided event knows. Runs after the story fill, so
/// only sides the fill left open (the doer of violence) count.
pub(crate) fn drop_covered(events: &mut Vec<Event>) {
    fn country(a: &Option<EventActor>) -> Option<&str> {
        a.as_ref().and_then(|a| a.country.as_deref())
    }
    let covered: Vec<bool> = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (s, t) = (country(&e.source), country(&e.target));
            if e.negated || s.is_some() == t.is_some() {
                return false;
            }
            events.iter().enumerate().any(|(j, f)| {
                let (fs, ft) = (country(&f.source), country(&f.target));
                j != i
                    && !f.negated
                    && f.sentence == e.sentence
                    && f.root == e.root
                    && fs.is_some()
                    && ft.is_some()
                    && (if s.is_some() { fs == s } else { ft == t })
            })
        })
        .collect();
    let mut k = 0;
    events.retain(|_| {
        k += 1;
        !covered[k - 1]
    });
}

/// How many sentences back an unanswered return of fire looks for the
/// attack it answers.
const RETURN_FIRE_BACK: usize = 2;

/// Gives each return of fire without a target (`fight/return-fire`:
/// "the peacekeepers returned fire") the doer of the attack it answers:
/// the nearest asserted violent act (roots 18-20) of the same sentence or
/// of the [`RETURN_FIRE_BACK`] sentences before it whose target is the
/// returning side's country and whose doer is another's ("Rebels attacked
/// a UN base near Kidal. The peacekeepers returned fire." codes the
/// peacekeepers firing on the rebels). Runs before the story fill, which
/// would otherwise give the open side the story's country.
pub(crate) fn return_fire_targets(events: &mut [Event]) {
    fn country(a: &Option<EventActor>) -> Option<&str> {
        a.as_ref().and_then(|a| a.country.as_deref())
    }
    let mut fills = Vec::new();
    for (i, e) in events.iter().enumerate() {
        if e.target.is_some() || !e.pattern_id.ends_with("fight/return-fire") {
            continue;
        }
        let Some(own) = country(&e.source) else { continue };
        let attack = events
            .iter()
            .filter(|a| {
                a.sentence <= e.sentence
                    && a.sentence + RETURN_FIRE_BACK >= e.sentence
                    && (a.sentence < e.sentence || a.span.start < e.span.start)
                    && !a.negated
                    && a.modality == super::Modality::Asserted
                    && matches!(a.root.as_str(), "18" | "19" | "20")
                    && country(&a.target) == Some(own)
                    && a.source.as_ref().is_some_and(|s| {
                        e.source.as_ref().is_some_and(|o| o.code != s.code)
                    })
            })
            .max_by_key(|a| (a.sentence, a.span.start));
        if let Some(src) = attack.and_then(|a| a.source.clone()) {
            fills.push((i, src));
        }
    }
    for (i, src) in fills {
        if let Some(e) = events.get_mut(i) {
            e.target =
                Some(EventActor { from: Some(ActorFrom::Antecedent), ..src });
            super::assemble::rehash(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::events::testutil::Fixture;

    /// (article, events as "source>cameo>target" after the story fill).
    #[test]
    fn story_table() {
        let f = Fixture::builtin();
        let cases: &[(&str, &[&str])] = &[
            // Unnamed people acted on in a story about one country are
            // the story's.
            (
                "Kenyan troops shelled a camp near the border on Sunday. \
                 Kenyan police arrested six men in Mombasa on Monday.",
                &["KENCOP>173>KEN"],
            ),
            // The unnamed doer of violence stays open.
            (
                "Kenyan troops shelled a camp near the border on Sunday. \
                 Kenyan police arrested six men in Mombasa on Monday. \
                 Three soldiers were killed in an ambush.",
                &["KENCOP>173>KEN", "->180>KENMIL"],
            ),
            // A single sentence is no story: its open side stays open.
            ("Peruvian police arrested six men.", &["PERCOP>173>-"]),
            // One code is never on both sides: the story's state's
            // rejection with no accuser keeps the target open.
            (
                "Chilean police arrested four men in Valparaiso on Monday. \
                 Chilean police detained two more in Santiago on Tuesday. \
                 Chile rejected the accusation.",
                &["CHLCOP>173>CHL", "CHL>120>-"],
            ),
            // A warning of the story's own state addresses the story's
            // other party, not its own country.
            (
                "Ghanaian troops shelled Togolese positions on Sunday. \
                 Togolese troops fired at Ghanaian soldiers on Monday. \
                 Ghana's foreign minister warned of a strong response.",
                &["GHAGOV>130>TGO"],
            ),
            // The story state's forces striking an unnamed target
            // strike the story's other party, not their own country.
            (
                "Ghanaian troops shelled Togolese positions on Sunday. \
                 Ghanaian police arrested two men in Accra on Sunday. \
                 Togolese troops fired at Ghanaian soldiers on Monday. \
                 Ghanaian soldiers fired mortars across the river on Tuesday.",
                &["GHAMIL>194>TGO"],
            ),
            // ... but at home they fight the story's own conflict.
            (
                "Ghanaian troops shelled Togolese positions on Sunday. \
                 Ghanaian police arrested two men in Accra on Sunday. \
                 Togolese troops fired at Ghanaian soldiers on Monday. \
                 Ghanaian soldiers fired mortars in Tamale on Tuesday.",
                &["GHAMIL>194>GHA"],
            ),
            // A government's criticism in a story of no strife at home
            // addresses no one: its open target stays open ...
            (
                "Norway's finance minister met Danish bankers in Oslo on Monday. \
                 The Norwegian government signed a trade accord with Sweden on Tuesday. \
                 The Norwegian finance minister criticized proposals for a wealth tax.",
                &["NORGOV>111>-"],
            ),
            // ... while in a story of arrests at home it addresses the
            // country's own people.
            (
                "Norwegian police arrested four protesters in Oslo on Monday. \
                 Norwegian police detained two more in Bergen on Tuesday. \
                 The Norwegian finance minister denied the charges.",
                &["NORGOV>016>NOR"],
            ),
            // Declining comment addresses no one, not even the story's
            // other party.
            (
                "Ghanaian troops shelled Togolese positions on Sunday. \
                 Togolese troops fired at Ghanaian soldiers on Monday. \
                 Ghana's foreign minister declined to comment on the clashes.",
                &["GHAGOV>011>-"],
            ),
            // Makers and producers asked to act are the appeal's
            // recipient, a private one: no country is filled in
            // (session 41, Reuters).
            (
                "Japan's trade ministry urged chip makers on Tuesday to cut their output. \
                 Japan's trade minister criticised the United States on Wednesday for its tariffs. \
                 Tokyo rejected the U.S. demands on Thursday.",
                &["JPNGOV>020>-"],
            ),
            // A state organ does not visit, meet or endorse its own
            // country: its open target stays open.
            (
                "Portuguese police arrested four men in Lisbon on Monday. \
                 Portuguese police detained two more in Porto on Tuesday. \
                 The Portuguese government said it supported an early election.",
                &["PRTGOV>051>-"],
            ),
            // A domestic measure is done to the measure-taker's own
            // country, in a single sentence too.
            (
                "The Zambian president lifted the state of emergency.",
                &["ZMBGOV>0814>ZMB"],
            ),
            // Striking workers with no one named protest against their
            // own state; their union calling the strike off ends it.
            (
                "Zambian miners went on strike over unpaid wages.",
                &["ZMBLAB>143>ZMB"],
            ),
            (
                "The Zambian teachers' union called off its strike.",
                &["ZMBEDU>082>ZMB"],
            ),
            // The people a state organ coerces at home are its own.
            (
                "Peruvian police arrested two opposition leaders.",
                &["PERCOP>173>PEROPP"],
            ),
            // A verbal act's open target is the one other country its
            // sentence names, not the story's other party.
            (
                "Ghanaian troops shelled Togolese positions on Sunday. \
                 Togolese troops fired at Ghanaian soldiers on Monday. \
                 Ghana rejected a claim made in Burkina Faso, a claim that \
                 Ouagadougou repeated on Tuesday.",
                &["GHA>120>BFA"],
            ),
            // An unnamed doer's act aimed at the story's state, in a
            // story of two states, is the other state's ...
            (
                "Ghanaian troops shelled Togolese positions on Sunday. \
                 Ghanaian police arrested two men in Accra on Sunday. \
                 Togolese troops fired at Ghanaian soldiers on Monday. \
                 The Ghanaian army was accused of lying on Tuesday.",
                &["TGO>112>GHAMIL"],
            ),
            // ... not one aimed at its legislature (domestic politics) ...
            (
                "Ghanaian troops shelled Togolese positions on Sunday. \
                 Ghanaian police arrested two men in Accra on Sunday. \
                 Togolese troops fired at Ghanaian soldiers on Monday. \
                 The Ghanaian parliament was accused of lying on Tuesday.",
                &["GHA>112>GHALEG"],
            ),
            // ... and its people's protest stays at home.
            (
                "Ghanaian troops shelled Togolese positions on Sunday. \
                 Ghanaian police arrested two men in Accra on Sunday. \
                 Togolese troops fired at Ghanaian soldiers on Monday. \
                 Thousands marched against the Ghanaian government in Kumasi.",
                &["GHA>141>GHAGOV"],
            ),
            // A demand for the release of the asker's own people is
            // aimed at their holder, the story's other party.
            (
                "Ghanaian troops shelled Togolese positions on Sunday. \
                 Togolese police arrested six Ghanaian fishermen on Monday. \
                 Ghana demanded the release of the Ghanaian fishermen.",
                &["GHA>1053>TGO"],
            ),
        ];
        for (text, want) in cases {
            let got = f.events(text);
            for w in *want {
                assert!(
                    got.iter().any(|g| g == w),
                    "{text}: {w} not in {got:?}"
                );
            }
        }
    }

    /// (article, events that must be coded, events that must not) as
    /// "source>cameo>target": police coerce at home; an initiative
    /// whose doer the text does not give is not the story's.
    #[test]
    fn doers_and_home_table() {
        let f = Fixture::builtin();
        let cases: &[(&str, &[&str], &[&str])] = &[
            (
                "Azerbaijani troops shelled Armenian positions on Tuesday. \
                 Azerbaijani drones struck a village near the border on \
                 Wednesday. Armenian police detained dozens of people \
                 after scuffles in Yerevan.",
                &["ARMCOP>173>ARM"],
                &["ARMCOP>173>AZE"],
            ),
            (
                "Ghanaian troops shelled Togolese positions on Sunday. \
                 Ghanaian police arrested two men in Accra on Sunday. \
                 A state energy firm stopped gas deliveries to Togo on \
                 Monday. Earlier sanctions against Togo were lifted.",
                &["GHACOP>173>GHA"],
                &["GHA>162>TGO", "GHA>163>TGO"],
            ),
        ];
        for (text, want, never) in cases {
            let got = f.events(text);
            for w in *want {
                assert!(
                    got.iter().any(|g| g == w),
                    "{text}: {w} not in {got:?}"
                );
            }
            for n in *never {
                assert!(!got.iter().any(|g| g == n), "{text}: {n} in {got:?}");
            }
        }
    }

    /// (article, events as "source>cameo>target"): a return of fire
    /// answers the attack told before it.
    #[test]
    fn return_fire_table() {
        let f = Fixture::builtin();
        let cases: &[(&str, &str)] = &[
            (
                "Malian rebels attacked an army post near Gao on Sunday. \
                 The Malian soldiers returned fire.",
                "MLIMIL>190>MLIREB",
            ),
            (
                "Armed men from Sudan attacked a Chadian patrol near the \
                 border on Monday. The Chadian troops returned fire.",
                "TCDMIL>190>SDNREB",
            ),
        ];
        for (text, want) in cases {
            let got = f.events(text);
            assert!(
                got.iter().any(|g| g == want),
                "{text}: {want} not in {got:?}"
            );
        }
    }

    /// (article, an event it must not yield): one-sided events whose act
    /// the sentence codes with both sides.
    #[test]
    fn covered_table() {
        let f = Fixture::builtin();
        let cases: &[(&str, &str, &str)] = &[
            // The fighting of a clash coded both ways adds no doer.
            (
                "Kenyan troops clashed with Somali militants near the \
                 border, and heavy fighting continued on Tuesday.",
                "KENMIL>190>SOMREB",
                "KENMIL>190>-",
            ),
        ];
        for (text, want, not) in cases {
            let got = f.events(text);
            assert!(got.iter().any(|g| g == want), "{text}: {got:?}");
            assert!(!got.iter().any(|g| g == not), "{text}: {got:?}");
        }
    }
}
