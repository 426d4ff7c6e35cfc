//! Actor fix-ups for the event stage: the actor stage's answer to
//! "which actor is this, as an event's source or target", so that the
//! event stage reads actor codes and never rewrites them.
//!
//! [`for_events`] turns an article's mentions (and the places that may
//! stand in for their country) into the actors events bind: hyphenated
//! modifiers ("Russia-backed") name no actor, "the mayor of Nablus"
//! takes the country of the place after "of". One rule the actor stage
//! applies to every mention it returns lives here too,
//! `stance`: "pro-Russia rebels" are rebels of no stated country
//! (`---REB`). Within a sentence the event
//! stage asks [`distributed_roles`] for roles shared across a
//! coordination, [`alternatives`] for the actors a TABARI compound code
//! stands for, and [`same_actor`] whether a source and target are one.
//!
//! # Example
//!
//! ```
//! use casus::actors::adjust::for_events;
//! use casus::actors::ActorMatcher;
//! use casus::{Article, Date};
//!
//! let text = "Pro-Russia rebels shelled the town.";
//! let date: Date = "2024-02-11".parse()?;
//! let article = Article::new("demo", date, text);
//! let matcher = ActorMatcher::builtin()?;
//! let mentions = matcher.find(
//!     &article,
//!     &casus::text::analyze(text),
//!     &casus::actors::Context::default(),
//! );
//! let actors = for_events(text, &mentions, &[]);
//! let codes: Vec<&str> =
//!     actors.mentions.iter().map(|m| m.code.as_str()).collect();
//! assert_eq!(codes, ["---REB"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;

use super::ActorMention;
use crate::codes::ActorCode;
use crate::span::Span;

/// The actors an article's events may bind: its mentions as events read
/// them, then the places standing in for their country.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventActors {
    /// Adjusted mentions, then places (from index `first_place` on).
    pub mentions: Vec<ActorMention>,
    /// Index of the first place in `mentions`.
    pub first_place: usize,
    /// For each place candidate given to [`for_events`], its index in
    /// `mentions` when it stands in as an actor.
    pub place_actor: Vec<Option<usize>>,
}

/// A place that may stand in for its country as an actor ("arrived in
/// Germany"): what the place stage found, borrowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlaceActor<'a> {
    /// Where it is in the original text.
    pub span: Span,
    /// The sentence it is in.
    pub sentence: usize,
    /// Its country: the actor code it stands for.
    pub country: &'a str,
    /// Canonical place name.
    pub name: &'a str,
    /// Where the entry came from (`file:line`).
    pub entry: &'a str,
}

impl PlaceActor<'_> {
    fn mention(&self) -> ActorMention {
        ActorMention {
            span: self.span,
            sentence: self.sentence,
            code: ActorCode::from(self.country),
            country: Some(self.country.to_string()),
            role: None,
            name: Some(self.name.to_string()),
            entry: self.entry.to_string(),
            country_from: Some(super::CountryFrom::Text),
        }
    }
}

/// The actors events bind in an article: `mentions` without hyphenated
/// modifiers (their "pro-"/"anti-" stances are read by the actor stage,
/// [`stance`]), then the `places` (one
/// per place mention, `None` for a place of no country) that overlap no
/// mention; each mention without a country followed by "of"/"from" and
/// one with a country takes that country.
pub fn for_events(
    text: &str,
    mentions: &[ActorMention],
    places: &[Option<PlaceActor<'_>>],
) -> EventActors {
    let mut all: Vec<ActorMention> = mentions
        .iter()
        .filter(|m| !hyphen_modifier(text, m.span))
        .filter(|m| !inside_foreign_place(m, places))
        .filter(|m| !capital_of_an_attack(text, m))
        .filter(|m| !names_a_facility(text, m))
        .cloned()
        .collect();
    led_by(text, mentions, &mut all);
    let first_place = all.len();
    // Mention spans sorted by start, for an overlap test per place that
    // stays logarithmic on very long articles.
    let mut spans: Vec<Span> = mentions.iter().map(|a| a.span).collect();
    spans.sort_unstable();
    let longest = spans.iter().map(|s| s.len()).max().unwrap_or(0) as u32;
    let mut place_actor: Vec<Option<usize>> = vec![None; places.len()];
    for (pi, p) in places.iter().enumerate() {
        let Some(p) = p else { continue };
        let from = spans.partition_point(|s| {
            s.start.saturating_add(longest) <= p.span.start
        });
        if spans[from..]
            .iter()
            .take_while(|s| s.start < p.span.end)
            .any(|s| s.overlaps(p.span))
        {
            continue;
        }
        place_actor[pi] = Some(all.len());
        all.push(p.mention());
    }
    inherit_country(text, &mut all);
    ethnic_residence(text, &mut all);
    EventActors { mentions: all, first_place, place_actor }
}

/// Nouns of a violent act a city's name may label by where it happened.
///
/// The list: `dicts/words/attack_nouns.txt`.
static ATTACK_NOUNS: crate::util::WordList =
    crate::util::word_list!("words/attack_nouns.txt");

/// Whether mention `m` is a capital naming where an attack happened
/// ("denied any role in the Berlin bombing", "the Madrid attacks"): the
/// city labels the act, it does not stand for its government.
fn capital_of_an_attack(text: &str, m: &ActorMention) -> bool {
    m.entry.starts_with("dicts/actors/capitals.tsv:")
        && labels_an_attack(text, m.span)
}

/// Whether the words at `span` are followed by an attack noun ("the
/// Berlin bombing"): a place naming where an act happened.
fn labels_an_attack(text: &str, span: Span) -> bool {
    let rest = text.get(span.end as usize..).unwrap_or("");
    let next = rest.split_whitespace().next().unwrap_or("");
    let next = next.trim_end_matches(|c: char| !c.is_alphanumeric());
    ATTACK_NOUNS.contains(next)
}

/// Nouns that, capitalised after a country or capital, make it the
/// name of a square, street, hospital or the like (the data file).
static FACILITY_NOUNS: crate::util::WordList =
    crate::util::word_list!("ner/facility_nouns.txt");

/// Whether mention `m`, a country or a capital, is the first word of a
/// facility's name ("crowds gathered in Palestine Square", "the Kuwait
/// Hospital in Rafah", "the Indonesian Hospital"): the words name a
/// place of the city they are in, not that country's people or
/// government.
fn names_a_facility(text: &str, m: &ActorMention) -> bool {
    let state = ["dicts/actors/countries.tsv:", "dicts/actors/capitals.tsv:"]
        .iter()
        .any(|f| m.entry.starts_with(f));
    let rest = text.get(m.span.end as usize..).unwrap_or("");
    let next =
        rest.strip_prefix(' ').and_then(|r| r.split_whitespace().next());
    let next =
        next.unwrap_or("").trim_end_matches(|c: char| !c.is_alphanumeric());
    state
        && next.starts_with(char::is_uppercase)
        && FACILITY_NOUNS.contains(next.to_lowercase().as_str())
}

/// Whether mention `m` is a country's name inside a longer place of
/// another country ("landed in the Inner Mongolia region", "the Gulf of
/// Mexico"): the words name the place, not that country, so it is no
/// side of an event.
fn inside_foreign_place(
    m: &ActorMention,
    places: &[Option<PlaceActor<'_>>],
) -> bool {
    let Some(country) = m.country.as_deref() else { return false };
    places.iter().flatten().any(|p| {
        p.span.start <= m.span.start
            && m.span.end <= p.span.end
            && p.span.len() > m.span.len()
            && p.country != country
    })
}

/// Whether a source and a target mention are the same actor (the same
/// code): an actor acting on itself is almost always a mis-resolved slot.
/// Two named groups or organisations of one country with one code are
/// two actors ("clashes between Murle and Lou Nuer militias", "APC and
/// PDP supporters clashed"): their dictionary names differ.
pub fn same_actor(a: &ActorMention, b: &ActorMention) -> bool {
    a.code == b.code && !distinct_bodies(a, b)
}

/// Dictionary files of named bodies whose entries are distinct actors
/// even under one code (not countries, capitals or office holders, whose
/// different names may stand for one government: "France ... Paris").
const BODY_FILES: &[&str] =
    &["dicts/actors/groups.tsv:", "dicts/actors/organizations.tsv:"];

/// Whether `a` is a named rebel or militant group (`groups.tsv`, role
/// `REB`) and `b` an unnamed role word with its code: of two such sides
/// of one act, the role word's code is the guess. State bodies and
/// organisations are left out: an agency and its country's officials
/// are often one side.
pub fn group_over_generic(a: &ActorMention, b: &ActorMention) -> bool {
    a.entry.starts_with("dicts/actors/groups.tsv:")
        && a.role.as_deref() == Some("REB")
        && a.name.is_some()
        && b.name.is_none()
}

/// Whether `a` and `b` are two different named bodies, or a named office
/// holder and a named body: "Speaker Jim Wright announced his support for
/// a Senate plan" is one legislator acting on the other chamber, both
/// `USALEG`, and was read as an actor acting on itself (the source
/// dropped). A person is never the same actor as an institution.
fn distinct_bodies(a: &ActorMention, b: &ActorMention) -> bool {
    let body =
        |m: &ActorMention| BODY_FILES.iter().any(|f| m.entry.starts_with(f));
    let holder = |m: &ActorMention| m.entry.contains("/officeholders/");
    match (&a.name, &b.name) {
        (Some(x), Some(y)) => {
            x != y
                && ((body(a) && body(b))
                    || (holder(a) && body(b))
                    || (body(a) && holder(b)))
        }
        _ => false,
    }
}

/// Roles shared across a coordination: "the ambassadors of Arnor,
/// Osgiliath and Gondor" (the role of the member written before its
/// country, "X of/in/from Y", goes to the bare countries after it),
/// "Lawmakers and officials in France and Germany" (role words before
/// that member, of a guessed country or none, are of its places too:
/// they take its country, and each bare country after it takes every
/// one of the roles), "Danish media and government" (a member without a
/// country takes the previous one's). `coordinations` are the member
/// lists (indexes into `actors`) of the sentence's coordinated actor
/// groups, as the event stage groups them. Returns new codes by actor
/// index (more than one when a mention stands for several roles).
pub fn distributed_roles<'g>(
    text: &str,
    coordinations: impl IntoIterator<Item = &'g [usize]>,
    actors: &[ActorMention],
) -> HashMap<usize, Vec<ActorCode>> {
    let mut out = HashMap::new();
    for members in coordinations {
        if members.len() < 2 {
            continue;
        }
        let (roles, anchor) = shared_roles(text, members, actors);
        let mut prev_country =
            actors.get(members[0]).and_then(|m| m.country.clone());
        for (k, &i) in members.iter().enumerate() {
            let Some(m) = actors.get(i) else { continue };
            let code = &m.code;
            match anchor {
                // A role word before the member that names its place.
                Some((at, ref c)) if k < at => {
                    if let Some(r) = &m.role {
                        out.insert(i, vec![ActorCode::from_parts(c, r)]);
                    }
                }
                Some((at, _))
                    if k > at
                        && m.role.is_none()
                        && code.is_bare_country() =>
                {
                    let codes =
                        roles.iter().map(|r| code.appended(r)).collect();
                    out.insert(i, codes);
                }
                _ if k > 0 && code.lacks_country() => {
                    if let Some(c) = &prev_country {
                        let role = code.role_slot().unwrap_or("");
                        out.insert(i, vec![ActorCode::from_parts(c, role)]);
                    }
                }
                _ => {}
            }
            if m.country.is_some() {
                prev_country = m.country.clone();
            }
        }
    }
    out
}

/// The roles a coordination shares and the member that anchors them
/// (its index among `members` and its country): the first member that
/// writes a role before its own country ("officials in France"), when
/// every member before it is a role word whose country is the story's
/// guess or missing ("Lawmakers and ..."). The roles are those members' and the
/// anchor's, in order, each once.
fn shared_roles(
    text: &str,
    members: &[usize],
    actors: &[ActorMention],
) -> (Vec<String>, Option<(usize, String)>) {
    let mut roles: Vec<String> = Vec::new();
    for (k, &i) in members.iter().enumerate() {
        let Some(m) = actors.get(i) else { break };
        let Some(r) = m.role.clone() else { break };
        if !roles.contains(&r) {
            roles.push(r);
        }
        let placed = m
            .span
            .slice(text)
            .to_lowercase()
            .split_whitespace()
            .any(|w| matches!(w, "of" | "in" | "from"));
        let guessed = m.country_from == Some(super::CountryFrom::Story);
        match &m.country {
            Some(c) if placed => return (roles, Some((k, c.clone()))),
            Some(_) if !guessed => break,
            _ => {}
        }
    }
    (Vec::new(), None)
}

/// An actor with a TABARI compound code (`FRO/BIL/SAM`) as one actor
/// per code; any other actor as itself; `recode` (from
/// [`distributed_roles`]) replaces its code.
pub fn alternatives<'a>(
    m: Option<&'a ActorMention>,
    recode: Option<&[ActorCode]>,
) -> Vec<Option<std::borrow::Cow<'a, ActorMention>>> {
    use std::borrow::Cow;
    if let (Some(m), Some(codes)) = (m, recode.filter(|c| !c.is_empty())) {
        return codes
            .iter()
            .map(|code| {
                let mut one = m.clone();
                one.code = code.clone();
                one.role = code.role().map(str::to_string);
                one.country = code.country_slot().map(str::to_string);
                Some(Cow::Owned(one))
            })
            .collect();
    }
    match m {
        Some(m) if m.code.is_compound() => m
            .code
            .alternatives()
            .map(|c| {
                let mut one = m.clone();
                one.country = c.country_slot().map(str::to_string);
                // The member's own role, not the rest of the compound.
                one.role = c.role().map(str::to_string);
                one.code = c;
                Some(Cow::Owned(one))
            })
            .collect(),
        m => vec![m.map(Cow::Borrowed)],
    }
}

/// True when the mention at `span` is the first part of a hyphenated
/// modifier ("government-held", "Russia-backed").
fn hyphen_modifier(text: &str, span: Span) -> bool {
    let rest = text.get(span.end as usize..).unwrap_or("");
    let mut cs = rest.chars();
    cs.next() == Some('-') && cs.next().is_some_and(|c| c.is_lowercase())
}

/// "Vietnamese-led forces", "French-led troops": the forces are the
/// leading country's (CAMEO codes a led force by its leader), so a role
/// mention right after "X-led" whose country is missing or only guessed
/// (from a place or the story) takes X's country.
fn led_by(text: &str, mentions: &[ActorMention], all: &mut [ActorMention]) {
    for m in mentions {
        let Some(country) = m.country.as_deref() else { continue };
        let rest = text.get(m.span.end as usize..).unwrap_or("");
        let Some(after) = rest.strip_prefix("-led") else { continue };
        let gap = after.len() - after.trim_start().len();
        if gap == 0 || gap > 2 {
            continue;
        }
        let start = m.span.end + 4 + gap as u32;
        for f in all.iter_mut().filter(|f| {
            f.span.start == start
                && f.role.is_some()
                && f.country_from != Some(super::CountryFrom::Text)
        }) {
            let own = f.code.as_str();
            let role = match &f.country {
                Some(c) => own.strip_prefix(c.as_str()).unwrap_or(own),
                None => f.code.after_placeholder(),
            }
            .to_string();
            f.code = ActorCode::from_parts(country, &role);
            f.country = Some(country.to_string());
            f.country_from = Some(super::CountryFrom::Text);
        }
    }
}

/// Whether the mention at `span` follows "pro-"/"anti-" ("pro-Russian
/// separatists", "anti-government rebels"): it names whom a group
/// supports or opposes, not its country.
fn after_stance_prefix(text: &str, span: Span) -> bool {
    let before = text.get(..span.start as usize).unwrap_or("");
    let b = before.as_bytes();
    b.last() == Some(&b'-')
        && [&b"pro-"[..], b"anti-"].iter().any(|p| {
            b.len() >= p.len()
                && b[b.len() - p.len()..].eq_ignore_ascii_case(p)
                && !b[..b.len() - p.len()]
                    .last()
                    .is_some_and(u8::is_ascii_alphabetic)
        })
}

/// The stance rule, applied by the actor stage to every mention it
/// returns (so `casus actors`, TABARI mode and events see one code): a
/// mention after "pro-"/"anti-" keeps its role without a country
/// ("pro-Russia rebels" are `---REB`, "pro-government militia"
/// `---REB`); one with no role (a bare "pro-Western") names no actor.
pub(crate) fn stance(text: &str, m: ActorMention) -> Option<ActorMention> {
    if !after_stance_prefix(text, m.span) {
        return Some(m);
    }
    let role = m.role.clone()?;
    Some(ActorMention {
        code: ActorCode::without_country(&role),
        country: None,
        name: None,
        country_from: None,
        ..m
    })
}

/// Coordinated country adjectives share their head noun: in "American
/// and British warplanes" or "Russian, Syrian and Iranian forces" only
/// the last adjective stands next to the role word, yet each names that
/// country's forces. A bare country adjective followed by "and", "or" or
/// a comma and then a mention with a role of another country takes that
/// role. Applied right to left, so a chain passes the role back.
pub(crate) fn shared_head(text: &str, mentions: &mut [ActorMention]) {
    let n = mentions.len();
    each_next(mentions, (1..n).rev(), |a, b| {
        if let Some((code, entry)) = shared_role(text, a, b) {
            a.code = code;
            a.role = b.role.clone();
            a.entry = entry;
        }
    });
}

/// The code and entry bare adjective `a` takes from the role of `b`, the
/// next mention, when the two are coordinated before one head noun.
fn shared_role(
    text: &str,
    a: &ActorMention,
    b: &ActorMention,
) -> Option<(ActorCode, String)> {
    let role = b.role.as_deref()?;
    let country = a.country.as_deref()?;
    if a.role.is_some()
        || a.sentence != b.sentence
        || b.country.as_deref() == Some(country)
        || b.country_from != Some(super::CountryFrom::Text)
    {
        return None;
    }
    let word = a.span.slice(text);
    let name = a.name.as_deref()?;
    let between = text.get(a.span.end as usize..b.span.start as usize)?;
    let joined =
        matches!(between.trim(), "and" | "or" | "," | ", and" | ", or");
    // "Russian" before "and Syrian forces": a bare adjective, one word.
    if !joined || word.contains(' ') || !super::adjective_form(word, name) {
        return None;
    }
    // The role word is the last word of `b`, its own adjective first.
    let said = b.span.slice(text);
    if !said.contains(' ') {
        return None;
    }
    let role_entry = b.entry.split('+').nth(1)?;
    Some((
        ActorCode::from_parts(country, role),
        format!("{}+{role_entry}", a.entry),
    ))
}

/// Role words that are also adjectives of kind: "military targets",
/// "naval bases", "paramilitary operations".
const ROLE_ADJECTIVES: &[&str] = &["military", "paramilitary", "naval"];

/// Words before a role noun that make it a noun phrase ("the military
/// said", "its military").
const NOUN_OPENERS: &[&str] =
    &["the", "a", "its", "their", "his", "her", "our", "whose", "'s", "s"];

/// The kind rule: a role word of [`ROLE_ADJECTIVES`] standing alone,
/// with no article or possessive before it and a lowercase word after it,
/// is an adjective on that word ("bombed military targets", "seized
/// naval vessels"), no actor; "the military said" keeps it.
pub(crate) fn kind_adjective(
    text: &str,
    m: ActorMention,
) -> Option<ActorMention> {
    let said = m.span.slice(text);
    if m.country_from == Some(super::CountryFrom::Text)
        || !ROLE_ADJECTIVES.contains(&said)
    {
        return Some(m);
    }
    let before = text.get(..m.span.start as usize).unwrap_or("");
    let prev = before
        .split(|c: char| c.is_whitespace() || c == '\'')
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    let after = text.get(m.span.end as usize..).unwrap_or("");
    let next = after
        .strip_prefix(' ')
        .and_then(|a| a.split(|c: char| !c.is_alphabetic()).next())
        .unwrap_or("");
    // "military fired machine guns": a past verb follows its subject.
    let next_lower = next.chars().next().is_some_and(char::is_lowercase)
        && !next.ends_with("ed");
    if NOUN_OPENERS.contains(&prev.as_str()) || !next_lower {
        return Some(m);
    }
    None
}

/// Phrases that tie a role word to the actor it serves: "forces loyal to
/// General X", "militias allied with the government", "troops commanded
/// by the army chief". Not "backed by": a foreign backer's proxies are
/// not its forces.
///
/// The list: `dicts/words/allegiance.txt` (phrases without the blanks
/// around them).
static ALLEGIANCE: crate::util::WordList =
    crate::util::word_list!("words/allegiance.txt");

/// The allegiance rule: a role word without a country of its own text
/// ("forces", given the story's country or none) followed by one of
/// [`ALLEGIANCE`] and a mention with a country takes that country.
pub(crate) fn allegiance(text: &str, mentions: &mut [ActorMention]) {
    let n = mentions.len();
    each_next(mentions, 1..n, |a, b| {
        let (Some(role), Some(country)) = (a.role.clone(), b.country.clone())
        else {
            return;
        };
        let between =
            text.get(a.span.end as usize..b.span.start as usize).unwrap_or("");
        // "loyal to the ousted president": an article or a title may come
        // before the master's name.
        let tied = ALLEGIANCE.iter().any(|p| {
            between
                .strip_prefix(' ')
                .and_then(|b| b.strip_prefix(*p))
                .and_then(|b| b.strip_prefix(' '))
                .is_some_and(|rest| {
                    rest.len() <= 12 && !rest.contains([',', '.', ';'])
                })
        });
        if tied
            && a.country_from != Some(super::CountryFrom::Text)
            && a.sentence == b.sentence
        {
            a.code = ActorCode::from_parts(&country, &role);
            a.country = Some(country);
            a.country_from = Some(super::CountryFrom::Text);
            a.entry = format!("{}+allegiance", a.entry);
        }
    });
}

/// Calls `f` on each mention before index `i` of `order` and the mention
/// at `i` (the one after it), in that order of `i`: the rules that pass a
/// country or role between neighbouring mentions.
fn each_next(
    mentions: &mut [ActorMention],
    order: impl IntoIterator<Item = usize>,
    mut f: impl FnMut(&mut ActorMention, &ActorMention),
) {
    for i in order {
        let (head, rest) = mentions.split_at_mut(i);
        if let (Some(a), Some(b)) = (head.last_mut(), rest.first()) {
            f(a, b);
        }
    }
}

/// Weapons the agent dictionary lists as military role words: the data
/// file says why.
static WEAPONS: crate::util::WordList =
    crate::util::word_list!("ner/weapons.txt");

/// Verbs whose object is a weapon used, not an actor (the data file).
static LAUNCH_VERBS: crate::util::WordList =
    crate::util::word_list!("ner/launch_verbs.txt");

/// The instrument rule, applied by the actor stage to every mention it
/// returns: a weapon role word ([`WEAPONS`]) whose own words name no
/// country, right after a verb of launching or firing ([`LAUNCH_VERBS`],
/// with at most five words between it and the verb: "launched 40
/// attack drones", "fired at least 200 drones"), or right before one
/// with its "by" agent ("drones launched by X"), is no actor; the act's
/// source launched it.
pub(crate) fn instrument(text: &str, m: ActorMention) -> Option<ActorMention> {
    let own = m.country_from == Some(super::CountryFrom::Text);
    let said = m.span.slice(text).to_lowercase();
    let weapon = WEAPONS.iter().any(|w| {
        said.strip_suffix(w).is_some_and(|b| b.is_empty() || b.ends_with(' '))
    });
    if own || !weapon {
        return Some(m);
    }
    // "drones launched by the Houthis attacked ...": the launcher named
    // after the weapon is the actor, the weapon only its means.
    let after = text.get(m.span.end as usize..).unwrap_or("");
    let mut next = after.split_whitespace();
    if next.next().is_some_and(|w| LAUNCH_VERBS.contains(w))
        && next.next() == Some("by")
    {
        return None;
    }
    let before = text.get(..m.span.start as usize).unwrap_or("");
    // The words back to the verb, within the clause.
    // Five words reach over a count ("fired more than a hundred drones").
    let mut after = String::new();
    for (k, w) in before
        .rsplit(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        if k > 5 || w.ends_with([',', '.', ';', ':']) {
            break;
        }
        let w = w.to_lowercase();
        // "struck Kherson with artillery": the means of the act.
        if LAUNCH_VERBS.contains(w.as_str()) || w == "with" {
            return None;
        }
        // A preposition ("shot down drones over Kyiv" is another act)
        // or an article of another phrase ends the search; "at least"
        // is a count.
        let count = w == "at" && after == "least";
        if !count
            && matches!(w.as_str(), "at" | "on" | "by" | "against" | "down")
        {
            break;
        }
        after = w;
    }
    Some(m)
}

/// A mention with no country followed by "of"/"from" and a mention with
/// one ends its noun phrase takes that country ("the mayor of Nablus",
/// "dissidents from Myanmar"), keeping its role.
fn inherit_country(text: &str, all: &mut [ActorMention]) {
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&i| (all[i].sentence, all[i].span.start, i));
    for w in 0..order.len() {
        let i = order[w];
        // A country from the story is a guess the "of" phrase overrides.
        let guessed = all[i].country_from == Some(super::CountryFrom::Story);
        if all[i].country.is_some() && !guessed {
            continue;
        }
        // The first later mention with a country that ends the "of"
        // phrase: "the mayor of the West Bank city of Nablus".
        for &j in &order[w + 1..] {
            if all[j].sentence != all[i].sentence
                || all[j].span.start < all[i].span.end
            {
                break;
            }
            let between = text
                .get(all[i].span.end as usize..all[j].span.start as usize)
                .unwrap_or("");
            let words: Vec<&str> = between.split_whitespace().collect();
            let joins = matches!(words.first(), Some(&("of" | "from")))
                && words.len() <= 8
                && !between.contains([',', ';', '(', ')', '"']);
            if !joins {
                break;
            }
            let Some(country) = all[j].country.clone() else { continue };
            // "... of Nablus," ends the phrase; "of Israeli shelling" does
            // not.
            let after = text.get(all[j].span.end as usize..).unwrap_or("");
            let next = after.split_whitespace().next().unwrap_or("");
            let ends = !next.starts_with(|c: char| c.is_lowercase())
                || PHRASE_END.contains(&next);
            if ends {
                // A guessed country is replaced, not prefixed ("USAJUD"
                // from the story + "of the U.S." stays USAJUD).
                let own = all[i].code.as_str();
                let rest = match &all[i].country {
                    Some(c) if guessed => {
                        own.strip_prefix(c.as_str()).unwrap_or(own)
                    }
                    _ => all[i].code.after_placeholder(),
                }
                .to_string();
                let code = ActorCode::from_parts(&country, &rest);
                all[i].code = code;
                all[i].country = Some(country);
                all[i].country_from = Some(super::CountryFrom::Text);
                break;
            }
        }
    }
}

/// "ethnic Albanians in Serbia", "ethnic Turks ... Sweden's decision":
/// an ethnic group is its country of residence's people, not its kin
/// state's (CAMEO codes the Kurds of Iraq as Iraqi actors). A mention
/// after "ethnic" takes the country of the nearest other country or
/// place in its sentence (the following one first: the residence is
/// usually named after the group); with none it keeps the kin state.
/// A bare group ("ethnic Albanians", no role) becomes the residence's
/// civilians, so that it stays a distinct actor from the country.
fn ethnic_residence(text: &str, all: &mut [ActorMention]) {
    for i in 0..all.len() {
        let Some(kin) = all[i].country.clone() else { continue };
        if !after_ethnic(text, all[i].span) {
            continue;
        }
        let Some(home) = residence(all, i, &kin) else { continue };
        let role = all[i].role.clone().unwrap_or_else(|| "CVL".to_string());
        all[i].code = ActorCode::from_parts(&home, &role);
        all[i].role = Some(role);
        all[i].country = Some(home);
        all[i].country_from = Some(super::CountryFrom::Place);
    }
}

/// Whether the word before `span` is "ethnic".
fn after_ethnic(text: &str, span: Span) -> bool {
    let before = text.get(..span.start as usize).unwrap_or("").trim_end();
    let word = before.rsplit(|c: char| !c.is_alphabetic()).next();
    word.is_some_and(|w| w.eq_ignore_ascii_case("ethnic"))
}

/// The country of the nearest mention in `all[i]`'s sentence with a
/// country other than `kin` (and no IGO): the following one first.
fn residence(all: &[ActorMention], i: usize, kin: &str) -> Option<String> {
    let m = &all[i];
    let other = |a: &&ActorMention| {
        a.sentence == m.sentence
            && a.country.as_deref().is_some_and(|c| {
                c != kin && c.len() == 3 && !matches!(c, "IGO" | "NGO" | "IMG")
            })
    };
    let after = all
        .iter()
        .filter(other)
        .filter(|a| a.span.start >= m.span.end)
        .min_by_key(|a| a.span.start);
    let before = || {
        all.iter()
            .filter(other)
            .filter(|a| a.span.end <= m.span.start)
            .max_by_key(|a| a.span.end)
    };
    after.or_else(before).and_then(|a| a.country.clone())
}

/// Words after a name that end its noun phrase.
const PHRASE_END: &[&str] = &[
    "in", "on", "at", "and", "who", "which", "to", "for", "was", "were", "is",
    "are", "has", "have", "had", "said", "says",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, word: &str, code: &str) -> ActorMention {
        let s = text.find(word).expect("word in text");
        ActorMention {
            span: Span::new(s, s + word.len()),
            sentence: 0,
            code: code.parse().expect("actor code"),
            country: ActorCode::from(code).country().map(str::to_string),
            role: ActorCode::from(code).role().map(str::to_string),
            name: None,
            entry: "t".to_string(),
            country_from: None,
        }
    }

    /// (text, weapon mention, its country's source, whether it stays an
    /// actor): weapons launched or fired are instruments.
    #[test]
    fn instruments() {
        use crate::actors::CountryFrom::{self, Story, Text};
        let cases: &[(&str, &str, Option<CountryFrom>, bool)] = &[
            (
                "Russian forces launched drones at Kharkiv.",
                "drones",
                Some(Story),
                false,
            ),
            (
                "The rebels fired 40 rockets into the town.",
                "rockets",
                None,
                false,
            ),
            (
                "Troops launched attack drones at the city.",
                "drones",
                Some(Story),
                false,
            ),
            (
                "The invaders struck Kherson with artillery.",
                "artillery",
                Some(Story),
                false,
            ),
            // A count between the verb and the weapon.
            (
                "The militia fired more than a hundred drones at the port.",
                "drones",
                Some(Story),
                false,
            ),
            (
                "The army fired at least 300 rockets overnight.",
                "rockets",
                None,
                false,
            ),
            // Its own country: the forces that use them.
            (
                "Azerbaijani drones struck the post.",
                "Azerbaijani drones",
                Some(Text),
                true,
            ),
            // A subject is no instrument.
            ("Drones struck the post at night.", "Drones", Some(Story), true),
            // Unless its launcher follows: the launcher is the actor.
            (
                "Drones launched by the rebels struck the depot.",
                "Drones",
                Some(Story),
                false,
            ),
            (
                "The base was hit by rockets fired by a militia.",
                "rockets",
                None,
                false,
            ),
            // Another act on the weapon.
            (
                "Air defences shot down drones over Kyiv.",
                "drones",
                Some(Story),
                true,
            ),
        ];
        for (text, word, from, stays) in cases {
            let mut m = mention(text, word, "---MIL");
            m.country_from = *from;
            assert_eq!(instrument(text, m).is_some(), *stays, "{text}");
        }
    }

    /// (text, mentions, codes as events read them).
    #[test]
    fn fixups() {
        type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [&'a str]);
        let cases: &[Case<'_>] = &[
            ("Russia-backed rebels fought.", &[("Russia", "RUS")], &[]),
            (
                "The mayor of Nablus said so.",
                &[("mayor", "---GOV"), ("Nablus", "PSE")],
                &["PSEGOV", "PSE"],
            ),
            (
                "The mayor of Israeli towns spoke.",
                &[("mayor", "---GOV"), ("Israeli", "ISR")],
                &["---GOV", "ISR"],
            ),
            // A force led by a country is that country's.
            (
                "Kenyan-led troops entered the town.",
                &[("Kenyan", "KEN"), ("troops", "---MIL")],
                &["KENMIL"],
            ),
            (
                "French-led forces near Mali's border withdrew.",
                &[("French", "FRA"), ("forces", "MLIMIL")],
                &["FRAMIL"],
            ),
            // "-backed" names a sponsor, not the force's country.
            (
                "Iran-backed militias fired.",
                &[("Iran", "IRN"), ("militias", "---REB")],
                &["---REB"],
            ),
            // An ethnic group is its country of residence's.
            (
                "Ethnic Greeks living in Albania held a march.",
                &[("Greeks", "GRC"), ("Albania", "ALB")],
                &["ALBCVL", "ALB"],
            ),
            (
                "In Moldova, ethnic Russian militiamen seized a bridge.",
                &[("Moldova", "MDA"), ("Russian militiamen", "RUSREB")],
                &["MDA", "MDAREB"],
            ),
            // No residence named: the kin state stays; no "ethnic", no
            // change.
            ("Ethnic Serbs marched.", &[("Serbs", "SRB")], &["SRB"]),
            (
                "Russian troops crossed into Georgia.",
                &[("Russian troops", "RUSMIL"), ("Georgia", "GEO")],
                &["RUSMIL", "GEO"],
            ),
        ];
        for (text, ms, want) in cases {
            let ms: Vec<ActorMention> =
                ms.iter().map(|(w, c)| mention(text, w, c)).collect();
            let got = for_events(text, &ms, &[]);
            let codes: Vec<&str> =
                got.mentions.iter().map(|m| m.code.as_str()).collect();
            assert_eq!(codes, *want, "{text}");
        }
    }

    /// Places overlapping a mention do not stand in as actors.
    /// (first mention, second mention, same actor): two named groups of
    /// one country are two actors; one group, or a country and its
    /// capital, is one.
    #[test]
    fn same_actor_table() {
        let named = |name: &str, entry: &str, code: &str| ActorMention {
            name: Some(name.to_string()),
            entry: entry.to_string(),
            ..mention(name, name, code)
        };
        let murle =
            named("Murle militia", "dicts/actors/groups.tsv:1", "SSDREB");
        let nuer =
            named("Lou Nuer militia", "dicts/actors/groups.tsv:2", "SSDREB");
        let apc = named("APC", "dicts/actors/organizations.tsv:3", "NGAPTY");
        let pdp = named("PDP", "dicts/actors/groups.tsv:4", "NGAPTY");
        let france = named("France", "dicts/actors/countries.tsv:5", "FRA");
        let paris = named("Paris", "dicts/actors/capitals.tsv:6", "FRA");
        let gunmen = mention("gunmen", "gunmen", "SSDREB");
        // A legislator and the other chamber, both USALEG.
        let speaker = named(
            "Tom Foley",
            "dicts/agents.tsv:25+dicts/actors/officeholders/americas.tsv:7",
            "USALEG",
        );
        let senate =
            named("US Senate", "dicts/actors/organizations.tsv:8", "USALEG");
        let cases: &[(&ActorMention, &ActorMention, bool)] = &[
            (&speaker, &senate, false),
            (&senate, &speaker, false),
            (&speaker, &speaker, true),
            (&murle, &nuer, false),
            (&apc, &pdp, false),
            (&murle, &murle, true),
            (&france, &paris, true),
            (&murle, &gunmen, true),
        ];
        for (a, b, want) in cases {
            assert_eq!(same_actor(a, b), *want, "{:?} / {:?}", a.name, b.name);
        }
    }

    #[test]
    fn places_stand_in() {
        let text = "Egypt hosted talks in Cairo and Egypt.";
        let ms = vec![mention(text, "Egypt", "EGY")];
        let place = |m: &ActorMention| PlaceActor {
            span: m.span,
            sentence: 0,
            country: "EGY",
            name: "x",
            entry: "p",
        };
        let cairo = place(&mention(text, "Cairo", "EGY"));
        let egypt = place(&mention(text, "Egypt", "EGY"));
        let got = for_events(text, &ms, &[Some(cairo), None, Some(egypt)]);
        assert_eq!(got.first_place, 1);
        assert_eq!(got.place_actor, [Some(1), None, None]);
        assert_eq!(got.mentions[1].code, "EGY");
        assert_eq!(got.mentions[1].name.as_deref(), Some("x"));
    }

    /// A country's name inside a longer place of another country is no
    /// actor; inside a place of its own country, or beside one, it is.
    #[test]
    fn country_inside_a_foreign_place() {
        let text = "The capsule came down in the Upper Gondor region; Gondor sent aid.";
        let ms = vec![
            mention(text, "Gondor region", "GON"),
            mention(text, "Gondor sent", "GON"),
        ];
        let ms: Vec<ActorMention> = ms
            .into_iter()
            .map(|mut m| {
                m.span.end = m.span.start + 6;
                m
            })
            .collect();
        let region = |country| PlaceActor {
            span: mention(text, "Upper Gondor", "GON").span,
            sentence: 0,
            country,
            name: "Upper Gondor",
            entry: "p",
        };
        let foreign = for_events(text, &ms, &[Some(region("ARN"))]);
        assert_eq!(foreign.first_place, 1, "only the second Gondor stays");
        assert_eq!(foreign.mentions[0].span, ms[1].span);
        let own = for_events(text, &ms, &[Some(region("GON"))]);
        assert_eq!(own.first_place, 2, "a place of its own country keeps it");
    }

    /// A country or capital before a facility noun names the facility.
    #[test]
    fn country_naming_a_facility() {
        let country = |text: &str, word: &str| ActorMention {
            entry: "dicts/actors/countries.tsv:1".to_string(),
            ..mention(text, word, "GON")
        };
        let cases = [
            ("Crowds filled Gondor Square on Friday.", true),
            ("Wounded were taken to the Gondor Hospital, medics said.", true),
            ("Gondor sent doctors to the hospital.", false),
            ("Gondor square-dealing was praised.", false),
            ("Gondor Road Company won the bid.", true),
        ];
        for (text, want) in cases {
            let m = country(text, "Gondor");
            assert_eq!(names_a_facility(text, &m), want, "{text}");
        }
    }

    /// A capital right before an attack noun labels where it happened.
    #[test]
    fn capital_labelling_an_attack() {
        let capital = |text: &str, word: &str| ActorMention {
            entry: "dicts/actors/capitals.tsv:1".to_string(),
            ..mention(text, word, "GONGOV")
        };
        let cases = [
            ("Arnor denied any part in the Minas bombing.", true),
            ("Survivors of the Minas attacks, met on Monday.", true),
            ("Minas attacked the rebels.", false),
            ("Minas condemned the bombing.", false),
        ];
        for (text, want) in cases {
            let m = capital(text, "Minas");
            assert_eq!(capital_of_an_attack(text, &m), want, "{text}");
        }
    }

    /// (first member's text and code, later member codes, new codes).
    #[test]
    fn roles_shared() {
        let text = "the ambassadors of Arnor, Osgiliath and Gondor";
        let ms = vec![
            mention(text, "ambassadors of Arnor", "ARNGOV"),
            mention(text, "Osgiliath", "OSG"),
            mention(text, "Gondor", "GON"),
        ];
        let codes = |got: &HashMap<usize, Vec<ActorCode>>, i: usize| {
            got.get(&i)
                .map(|c| {
                    c.iter().map(ActorCode::to_string).collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
        let got = distributed_roles(text, [&[0, 1, 2][..]], &ms);
        assert_eq!(codes(&got, 1), ["OSGGOV"]);
        assert_eq!(codes(&got, 2), ["GONGOV"]);
        let text = "Danish media and government";
        let ms = vec![
            mention(text, "Danish media", "DNKMED"),
            mention(text, "government", "---GOV"),
        ];
        let got = distributed_roles(text, [&[0, 1][..]], &ms);
        assert_eq!(codes(&got, 1), ["DNKGOV"]);
        // Role words of the story's guessed country before the member
        // that names its place are of its places too, and each place
        // after it has every role.
        let text = "Lawmakers and officials in Spain and Portugal";
        let mut lawmakers = mention(text, "Lawmakers", "ESPLEG");
        lawmakers.country_from = Some(crate::actors::CountryFrom::Story);
        let ms = vec![
            lawmakers,
            mention(text, "officials in Spain", "ESPGOV"),
            mention(text, "Portugal", "PRT"),
        ];
        let got = distributed_roles(text, [&[0, 1, 2][..]], &ms);
        assert_eq!(codes(&got, 0), ["ESPLEG"]);
        assert!(codes(&got, 1).is_empty());
        assert_eq!(codes(&got, 2), ["PRTLEG", "PRTGOV"]);
        // A role word of its own stated country is no part of it.
        let text = "Iranian lawmakers and officials in Spain and Portugal";
        let ms = vec![
            mention(text, "Iranian lawmakers", "IRNLEG"),
            mention(text, "officials in Spain", "ESPGOV"),
            mention(text, "Portugal", "PRT"),
        ];
        let got = distributed_roles(text, [&[0, 1, 2][..]], &ms);
        assert!(codes(&got, 2).is_empty());
    }

    #[test]
    fn compound_codes() {
        let text = "FRO and BIL";
        let m = mention(text, "FRO", "FRO/BIL/");
        let got: Vec<String> = alternatives(Some(&m), None)
            .into_iter()
            .flatten()
            .map(|m| m.code.to_string())
            .collect();
        assert_eq!(got, ["FRO", "BIL"]);
        let recode = [ActorCode::from("BILGOV")];
        let one = alternatives(Some(&m), Some(&recode[..]));
        let one = one[0].as_deref().expect("one actor");
        assert_eq!(
            (one.country.as_deref(), one.role.as_deref()),
            (Some("BIL"), Some("GOV"))
        );
        assert!(alternatives(None, None)[0].is_none());
        assert!(same_actor(&m, &m.clone()));
    }
}
