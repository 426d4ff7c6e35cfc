//! Coreference: titles alone ("the prime minister": a learned person with
//! that title, else the office's holder on the article's date), role
//! nouns without a country ("gunmen", "protesters": an attached place,
//! the sentence's place or the story's country), subject pronouns ("He
//! emphasized", ", she said", "they", "it"), definite descriptions ("the
//! group", "the agency", "the two countries") and possessors ("its
//! forces", "the agency's chief").
//!
//! Antecedents are chosen by salience (the subject of the nearest
//! sentence that has a compatible actor: the parse's `nsubj` where the
//! sentence was parsed, else its first actor), number and type (a person,
//! a group of people, one organisation or country, an international
//! body). Where nothing compatible is near, the mention stays unresolved:
//! unresolved is better than wrong.

use std::collections::HashMap;

use super::learn::{Ctx, Definite, Group, Person, Pronoun};
use super::story::{is_country, Story};
use super::CountryFrom;
use crate::codes::ActorCode;
use crate::dict::{ActorEntry, OfficeHolders, Titles};
use crate::places::PlaceMention;
use crate::syntax::{Parses, Rel, Upos};

/// Roles that a bare role word may take the salient country for.
use crate::codes::STATE_ROLES;

/// Country codes that are not countries (international bodies).
const NOT_COUNTRIES: &[&str] = &["IGO", "NGO", "IMG", "MNC"];

/// Roles of non-state organisations ("the group", "the movement").
const NONSTATE_ROLES: &[&str] =
    &["REB", "INS", "SEP", "OPP", "PTY", "RAD", "UAF", "CRM"];

/// Words that attach a place to the role noun before them ("protesters
/// in Tiaret", "villagers near Maiduguri").
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "near",
    "at",
    "from",
    "of",
    "around",
    "outside",
    "across",
    "throughout",
    "inside",
];

/// Role words whose people are as often another country's as the
/// story's (a summoned envoy, hostages held by a group).
///
/// The list: `dicts/words/other_side.txt`.
static OTHER_SIDE: crate::util::WordList =
    crate::util::word_list!("words/other_side.txt");

/// Sentences back a pronoun or definite description looks for its
/// antecedent.
const WINDOW: u32 = 2;

/// What coreference reads besides the groups.
pub(crate) struct Env<'e> {
    pub cx: &'e Ctx<'e>,
    pub story: &'e Story,
    /// The article's places (empty without context).
    pub places: &'e [PlaceMention],
    pub parses: Option<&'e Parses>,
    pub titles: &'e Titles,
    pub holders: &'e OfficeHolders,
    /// Countries from places and the story, definite descriptions and
    /// possessors (off in TABARI mode).
    pub context: bool,
}

impl Env<'_> {
    fn sent_of(&self, g: &Group) -> u32 {
        self.cx.sent.get(g.a as usize).copied().unwrap_or(0)
    }

    fn start(&self, g: &Group) -> u32 {
        self.cx.norm.subs[g.a as usize].span.start
    }

    fn end(&self, g: &Group) -> u32 {
        self.cx.norm.subs[g.b as usize - 1].span.end
    }

    /// Whether the parse makes `g` (its last word, the head of an English
    /// noun phrase) a subject; `None` where the sentence was not parsed.
    fn is_subject(&self, g: &Group) -> Option<bool> {
        let tree = self.parses?.get(self.sent_of(g) as usize)?;
        let end = self.end(g);
        let w = tree.words.iter().find(|w| w.span.end == end)?;
        Some(w.deprel.rel == Rel::Nsubj)
    }

    /// Whether the parse makes `g` a modifier of another noun ("civilian
    /// rule", "military exercises"), not a mention of people.
    fn modifies_noun(&self, g: &Group) -> bool {
        let Some(tree) =
            self.parses.and_then(|p| p.get(self.sent_of(g) as usize))
        else {
            return false;
        };
        let end = self.end(g);
        tree.words
            .iter()
            .find(|w| w.span.end == end)
            .is_some_and(|w| matches!(w.deprel.rel, Rel::Compound | Rel::Amod))
    }

    /// The lowercase words of the parse that modify `g`'s head as a
    /// compound or adjective; `None` where the sentence was not parsed.
    fn premodifiers(&self, g: &Group) -> Option<Vec<String>> {
        let tree = self.parses?.get(self.sent_of(g) as usize)?;
        let end = self.end(g);
        let id = tree
            .ids()
            .find(|&i| tree.word(i).is_some_and(|w| w.span.end == end))?;
        let start = self.start(g);
        let mods = tree.children(id).iter().filter_map(|&c| {
            let w = tree.word(c)?;
            let m = matches!(w.deprel.rel, Rel::Compound | Rel::Amod)
                && w.span.end <= start;
            m.then(|| {
                self.cx.text[w.span.start as usize..w.span.end as usize]
                    .to_string()
            })
        });
        Some(mods.collect())
    }
}

/// The country whose state actors `groups` mention most (ties: first).
pub(crate) fn salient(groups: &[Group]) -> Option<String> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    // Count state actors ("Washington", "US officials"), not places.
    let state = groups.iter().filter(|g| {
        !g.locative && g.code.role().is_some_and(|r| STATE_ROLES.contains(&r))
    });
    for (i, g) in state.enumerate() {
        if let Some(c) = g.code.country() {
            if !NOT_COUNTRIES.contains(&c) {
                let e = counts.entry(c).or_insert((0, i));
                e.0 += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(c, _)| c.to_string())
}

/// Marks as places the countries and capitals that continue a list of
/// places after a locative word ("protests in Kasserine, Tunis and
/// Gafsa": Tunis is where, not the government). Only comma lists: "in
/// Mali and France said" keeps France.
pub(crate) fn locative_lists(env: &Env<'_>, groups: &mut [Group]) {
    if !env.context || env.places.is_empty() {
        return;
    }
    // Places by end and by span, once (long lists of places are hostile
    // input too).
    let by_end: HashMap<usize, usize> = env
        .places
        .iter()
        .map(|p| (p.span.end as usize, p.span.start as usize))
        .collect();
    for g in groups.iter_mut() {
        if g.locative || g.person || g.bare {
            continue;
        }
        let (a, b) = (env.start(g) as usize, env.end(g) as usize);
        if listed_place(env, &by_end, a, b) {
            g.locative = true;
        }
    }
}

/// Whether bytes `a..b` are a place that is a later member of a comma
/// list of places opened by a locative word.
fn listed_place(
    env: &Env<'_>,
    by_end: &HashMap<usize, usize>,
    a: usize,
    b: usize,
) -> bool {
    let text = env.cx.text;
    if by_end.get(&b) != Some(&a) {
        return false;
    }
    let (mut at, mut comma) = (a, false);
    for _ in 0..24 {
        let before = text.get(..at).unwrap_or("").trim_end();
        let (rest, sep) = match before.strip_suffix(',') {
            Some(r) => {
                comma = true;
                (r.trim_end(), true)
            }
            None => match before
                .strip_suffix(" and")
                .or_else(|| before.strip_suffix(" or"))
            {
                Some(r) => {
                    let r = r.trim_end();
                    match r.strip_suffix(',') {
                        Some(r2) => {
                            comma = true;
                            (r2.trim_end(), true)
                        }
                        None => (r, true),
                    }
                }
                None => (before, false),
            },
        };
        if !sep {
            let last = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            return comma
                && at < a
                && env.cx.lex.locatives.contains(&last.to_lowercase());
        }
        let Some(&start) = by_end.get(&rest.len()) else {
            return false;
        };
        at = start;
    }
    false
}

/// Resolves titles and bare role words in place.
pub(crate) fn resolve(
    env: &Env<'_>,
    groups: &mut [Group],
    persons: &[Person],
) {
    let salient = salient(groups);
    let home = writer_home(env, groups);
    let starts: Vec<(u32, u32)> = groups.iter().map(|g| (g.a, g.b)).collect();
    // The byte spans of the mentions that are actors of their own
    // country, not places: a place attached to one of them ("the Israeli
    // embassy in Ankara") is that actor's, not a role word's. Another
    // bare role word is no owner ("clashed with police in Goma": the
    // scene of both).
    let actors: Vec<(u32, u32)> = groups
        .iter()
        .filter(|g| !g.locative && !g.bare)
        .map(|g| (env.start(g), env.end(g)))
        .collect();
    let roles: Vec<(u32, u32)> = groups
        .iter()
        .filter(|g| !g.locative && g.bare)
        .map(|g| (env.start(g), env.end(g)))
        .collect();
    let actors = Owners { actors: &actors, roles: &roles };
    // The mentions whose own words give a country and a state role.
    let coded: Vec<(u32, u32, String)> = groups
        .iter()
        .filter(|g| !g.locative && !g.bare && !g.person)
        .filter(|g| g.code.role().is_some_and(|r| STATE_ROLES.contains(&r)))
        .filter_map(|g| {
            let c = g.code.country().filter(|c| is_country(c))?;
            Some((env.start(g), env.end(g), c.to_string()))
        })
        .collect();
    for i in 0..groups.len() {
        let (done, rest) = groups.split_at_mut(i);
        let Some(g) = rest.first_mut() else { break };
        // "Labour Minister Almir Pazzianotto": a named office holder whose
        // words give no country and whom no dictionary knows holds the
        // office in the story's country (a foreign one's words usually
        // say so: "his West German counterpart").
        if env.context && g.name.is_some() && !g.locative {
            titled_person_country(env, g, &starts);
            continue;
        }
        if g.name.is_some() || g.locative {
            continue;
        }
        // "president of the Japan Federation of Employers' Associations":
        // a title of a body the gazetteer does not know, not the state's.
        if env.context && g.bare && title_of_unknown_body(env, g, &starts) {
            continue;
        }
        // "its forces", "the agency's chief": the possessor decides
        // ([`possessors`]).
        if env.context && possessed(env, g) {
            continue;
        }
        if let Some(title) = g.title.clone() {
            if learned_person(env, g, &title, persons) {
                continue;
            }
        }
        // "the Secretary", "the delegation": the same office or body an
        // earlier mention named with its country, not a guess from the
        // story or the sentence's places.
        if env.context && g.bare {
            if let Some(ante) = antecedent(env, done, g) {
                take_antecedent(g, ante);
                continue;
            }
        }
        if let Some(title) = g.title.clone() {
            if env.context
                && !other_body(env, g)
                && (home_holder(env, g, &title, home.as_deref())
                    || holder(env, g, &title))
            {
                continue;
            }
        }
        if !g.bare {
            continue;
        }
        // "foreign governments", "world leaders", "Western diplomats":
        // someone else's, neither the story's country nor that of the
        // sentence's places.
        if env.context && abroad(env, g) {
            continue;
        }
        if !env.context {
            // TABARI mode: the country whose state actors dominate.
            if let (Some(c), Some(r)) = (&salient, g.code.role()) {
                if STATE_ROLES.contains(&r) {
                    g.code = ActorCode::from_parts(c, r);
                    g.entries.push(format!("salient:{c}"));
                    g.country_from = Some(CountryFrom::Story);
                }
            }
            continue;
        }
        if other_body(env, g) {
            // Another body's role word ("company spokesman", "school
            // teachers") is where a place attached to it or its
            // sentence's places say; the story's country is no guess
            // for a body that may be foreign.
            if let Some((c, from)) = place_context(env, g, actors) {
                set_country(g, &c, from);
            }
            continue;
        }
        if let Some((c, from)) = title_country(env, g) {
            set_country(g, &c, from);
            continue;
        }
        // An envoy or a hostage is as often the other side's; "civilian
        // rule", "military exercises" name no actor.
        let other_side =
            g.title.as_deref().is_some_and(|t| OTHER_SIDE.contains(t));
        if other_side {
            continue;
        }
        if env.modifies_noun(g) {
            // "a military operation": the dominant state's, if any; under
            // a dateline that decides the story's country, that
            // country's ("BAMAKO - ... an army convoy", in a story naming
            // France's diplomats more often than Mali).
            let home = env.story.dateline().map(str::to_string);
            if let (Some(c), Some(r)) =
                (home.as_ref().or(salient.as_ref()), g.code.role())
            {
                if STATE_ROLES.contains(&r) {
                    let r = r.to_string();
                    g.code = ActorCode::without_country(&r);
                    set_country(g, c, CountryFrom::Story);
                    continue;
                }
            }
            // No dominant state: a plural role noun the parse took for a
            // modifier ("gunmen shot and killed" read as a noun phrase)
            // is an actor all the same, of its clause's places' country
            // (not the story's); a singular modifier ("civilian rule",
            // "military exercises", "police station") names no actor.
            if plural_head(env, g) {
                if let Some((c, from)) = place_context(env, g, actors) {
                    set_country(g, &c, from);
                }
            }
            continue;
        }
        // "Azerbaijani artillery and drones": a conjunct shares the
        // country its coordination's first conjunct's own words give.
        if let Some(c) = conjunct_country(env, g, &coded) {
            set_country(g, &c, CountryFrom::Text);
            continue;
        }
        if let Some((c, from)) = context_country(env, g, actors) {
            set_country(g, &c, from);
        }
    }
}

/// The latest earlier mention of the office or body definite bare role
/// mention `g` names again ("the Secretary" after "the Secretary of
/// State", "the delegation" after "a U.S. delegation"): one of the same
/// role whose words hold all of `g`'s and whose country its own words
/// or a named holder give. Plurals are left alone ("the officials" may
/// be any country's) unless [`near_plural`] names them.
fn antecedent<'g>(
    env: &Env<'_>,
    done: &'g [Group],
    g: &Group,
) -> Option<&'g Group> {
    let cx = env.cx;
    let a = g.a as usize;
    let the = a
        .checked_sub(1)
        .is_some_and(|k| cx.same_sentence(k, a) && cx.word(k) == "the");
    // "the leadership of the movement": a role word with its own "of"
    // phrase names whose it is; no earlier mention's. Not a verb's "of"
    // with a gerund ("accused the army of shelling").
    let b = g.b as usize;
    let of = cx.same_sentence(a, b + 1)
        && cx.word(b) == "of"
        && !cx.word(b + 1).ends_with("ing");
    if !the || of || g.code.role().is_none() {
        return None;
    }
    if plural_head(env, g) {
        return near_plural(env, done, g);
    }
    let own = group_words(env, g);
    done.iter().rev().find(|e| {
        !e.locative
            && e.b <= g.a
            && same_role_of_a_country(e, g)
            && (e.country_from == Some(CountryFrom::Text)
                || e.person && e.name.is_some())
            && {
                let theirs = group_words(env, e);
                !own.is_empty() && own.iter().all(|w| theirs.contains(w))
            }
    })
}

/// The antecedent of definite plural role mention `g` ("the soldiers'
/// quarters" after "a drone killed three American soldiers"): the
/// latest earlier mention with the same head word, in the same sentence
/// or the one before, whose own words give its country. A wire story
/// names the group once with its country and then goes on with "the
/// soldiers"; further back, "the soldiers" may be another side's.
fn near_plural<'g>(
    env: &Env<'_>,
    done: &'g [Group],
    g: &Group,
) -> Option<&'g Group> {
    let cx = env.cx;
    let sent = |i: u32| cx.sent.get(i as usize).copied();
    let own = sent(g.a)?;
    let head = cx.word(g.b.checked_sub(1)? as usize);
    let same_head = |e: &Group| {
        e.b.checked_sub(1).is_some_and(|k| cx.word(k as usize) == head)
    };
    let e = done
        .iter()
        .rev()
        .find(|e| e.b <= g.a && !e.locative && same_head(e))?;
    let near = sent(e.a).is_some_and(|s| s + 1 >= own);
    (near
        && !e.person
        && same_role_of_a_country(e, g)
        && e.country_from == Some(CountryFrom::Text))
    .then_some(e)
}

/// Whether antecedent candidate `e` has `g`'s role and a country's code:
/// a definite role word names again only a mention of its own kind.
fn same_role_of_a_country(e: &Group, g: &Group) -> bool {
    e.code.role() == g.code.role() && e.code.country().is_some_and(is_country)
}

/// The lowercased words of `g`.
fn group_words<'a>(env: &Env<'a>, g: &Group) -> Vec<&'a str> {
    let subs = &env.cx.norm.subs;
    (g.a as usize..g.b as usize)
        .filter(|&i| subs.get(i).is_some_and(|s| s.word))
        .map(|i| env.cx.word(i))
        .collect()
}

/// Gives `g` the actor its antecedent `e` refers to.
fn take_antecedent(g: &mut Group, e: &Group) {
    g.code = e.code.clone();
    g.name.clone_from(&e.name);
    g.entries.push(format!("antecedent:{}-{}", e.a, e.b));
    g.person = e.person;
    g.bare = false;
    g.country_from = Some(CountryFrom::Text);
}

/// Gives a named person with a government title and no country the story's
/// country (see [`resolve`]); an officer of a body named by an
/// abbreviation ("VW spokesman Ortwin Witzel", "BPI president") or by a
/// lowercase noun ("company spokesman") is that body's, not the state's.
fn titled_person_country(env: &Env<'_>, g: &mut Group, known: &[(u32, u32)]) {
    // Only a plain "---GOV": ministers and officials: a general or a judge named without
    // a country is as often a visitor ("The US commander in Iraq,
    // General David Petraeus, held talks in Beirut").
    // A minister or the chief of a state's force ("Defense Minister Kim
    // Yong-hyun", "Army Chief of Staff Gen. Park", "police chief Yoon",
    // `---MIL`, `---COP`) holds a post of his own country like any
    // official; a bare rank ("General David Petraeus") may be a visitor's.
    let post = matches!(g.code.as_str(), "---MIL" | "---COP")
        && (g.a..g.b).any(|i| {
            let w = env.cx.word(i as usize);
            matches!(w, "minister" | "secretary")
                || env.cx.lex.role_heads.contains(w)
        });
    let plain = g.code.as_str() == "---GOV" || post;
    // A person's full name has two words or more ("General Partners"
    // read as a general named Partners does not).
    let full = g.name.as_deref().is_some_and(|n| n.contains(' '));
    if !g.person || !plain || !full || g.title.is_none() {
        return;
    }
    if other_body(env, g) || abbreviated_body(env, g, known) {
        return;
    }
    if let Some(c) = env.story.country() {
        let c = c.to_string();
        set_country(g, &c, CountryFrom::Story);
    }
}

/// Whether an all-capital abbreviation the gazetteer does not know
/// stands right before `g` ("VW spokesman", "BPI president"): the
/// title is that body's. `known` are the article's mentions (a known
/// abbreviation, "EC", is one).
fn abbreviated_body(env: &Env<'_>, g: &Group, known: &[(u32, u32)]) -> bool {
    let subs = &env.cx.norm.subs;
    let a = g.a as usize;
    let Some(k) = a.checked_sub(1) else { return false };
    if !subs[k].word || !env.cx.same_sentence(k, a) {
        return false;
    }
    let sp = subs[k].span;
    let w = env.cx.text.get(sp.start as usize..sp.end as usize).unwrap_or("");
    (2..=5).contains(&w.len())
        && w.chars().all(|c| c.is_ascii_uppercase())
        && !known.iter().any(|&(a, b)| (a as usize..b as usize).contains(&k))
}

/// Whether `g`'s last word is a plural noun ("gunmen", "militants"),
/// by its spelling.
fn plural_head(env: &Env<'_>, g: &Group) -> bool {
    let Some(last) = (g.b as usize).checked_sub(1) else { return false };
    let w = env.cx.norm.word(last);
    w.len() > 3
        && (w.ends_with("men") || (w.ends_with('s') && !w.ends_with("ss")))
}

/// Titles of one head of a body that may be a company, a federation or
/// a club as well as a state ("president of the Federation of ...").
///
/// The list: `dicts/words/body_titles.txt`.
static BODY_TITLES: crate::util::WordList =
    crate::util::word_list!("words/body_titles.txt");

/// Whether bare title `g` is followed by "of" and a capitalised name
/// that is no actor mention ("president of the influential Japan
/// Federation of Employers' Associations", "chairman of Acme Corp"): the
/// title is that body's. `starts` are the mentions' sub-token ranges:
/// "president of France" names a state, but a mention followed by more
/// capitalised words is part of the body's name ("Japan Federation").
fn title_of_unknown_body(
    env: &Env<'_>,
    g: &Group,
    starts: &[(u32, u32)],
) -> bool {
    let cx = env.cx;
    // Only a single head's titles: "residents of Ruhinda County" are
    // people of a place, "the Governor of Bari region" a state office.
    if !g.title.as_deref().is_some_and(|t| BODY_TITLES.contains(t)) {
        return false;
    }
    let subs = &cx.norm.subs;
    let b = g.b as usize;
    let next_word = |from: usize| (from..subs.len()).find(|&k| subs[k].word);
    let Some(of) = next_word(b) else { return false };
    if cx.word(of) != "of" || !cx.same_sentence(g.a as usize, of) {
        return false;
    }
    let mut k = of + 1;
    // Determiners and lowercase modifiers before the name ("the
    // influential", "the state-owned").
    for _ in 0..4 {
        let Some(w) = next_word(k) else { return false };
        if !cx.same_sentence(of, w) {
            return false;
        }
        let sp = subs[w].span;
        let text =
            cx.text.get(sp.start as usize..sp.end as usize).unwrap_or("");
        let lower = text.chars().next().is_some_and(char::is_lowercase);
        if !lower {
            let place = env.places.iter().any(|p| p.span.start == sp.start);
            if place || !text.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
            let Some(&(_, end)) = starts.iter().find(|m| m.0 as usize == w)
            else {
                return true;
            };
            // The mention continues into a longer capitalised name.
            return next_word(end as usize).is_some_and(|n| {
                let sp = subs[n].span;
                cx.same_sentence(w, n)
                    && cx
                        .text
                        .get(sp.start as usize..sp.end as usize)
                        .and_then(|t| t.chars().next())
                        .is_some_and(char::is_uppercase)
            });
        }
        k = w + 1;
    }
    false
}

/// Whether a possessive `'s` or pronoun ("its", "their") stands right
/// before `g`.
fn possessed(env: &Env<'_>, g: &Group) -> bool {
    let cx = env.cx;
    let a = g.a as usize;
    let Some(p) = owner_word(cx, a) else { return false };
    let w = cx.norm.word(p);
    cx.same_sentence(p, a)
        && (is_possessive_s(w)
            || w == "whose"
            || cx.lex.pronouns.get(w).is_some_and(|u| u.possessive))
}

/// Words that end a possessor's reach: a lowercase word between a
/// possessive and a role noun is a modifier of the noun ("Ethiopia's
/// federal government"), these are not (`dicts/ner/not_modifiers.txt`).
static NOT_MODIFIERS: crate::util::WordList =
    crate::util::word_list!("ner/not_modifiers.txt");

/// The sub-token of the possessive (`'s`, a possessive pronoun) that
/// may own the role noun starting at `a`: right before it, or before
/// at most two lowercase modifiers ("Ethiopia's federal government",
/// "its new ambassador").
fn owner_word(cx: &Ctx<'_>, a: usize) -> Option<usize> {
    let mut p = a.checked_sub(1)?;
    for _ in 0..2 {
        if !cx.same_sentence(p, a) {
            return None;
        }
        let sp = cx.norm.subs.get(p)?.span;
        let text = cx.text.get(sp.start as usize..sp.end as usize)?;
        let modifier = cx.norm.subs.get(p).is_some_and(|s| s.word)
            && text.len() > 2
            && text.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            && !NOT_MODIFIERS.contains(text)
            && !cx.lex.pronouns.contains_key(text);
        if !modifier {
            break;
        }
        p = p.checked_sub(1)?;
    }
    cx.same_sentence(p, a).then_some(p)
}

/// `'s` and its spellings.
fn is_possessive_s(w: &str) -> bool {
    matches!(w, "'s" | "\u{2019}s" | "'" | "s")
}

/// Gives a role mention without a country `country`.
fn set_country(g: &mut Group, country: &str, from: CountryFrom) {
    let role = g.code.after_placeholder().to_string();
    g.code = ActorCode::from_parts(country, &role);
    g.entries.push(format!("{}:{country}", from.as_str()));
    g.country_from = Some(from);
}

/// A person learned in this article with `title` and a compatible code:
/// the latest defined before the mention, else the first after it.
fn learned_person(
    env: &Env<'_>,
    g: &mut Group,
    title: &str,
    persons: &[Person],
) -> bool {
    let start = env.start(g);
    let compatible = |p: &&Person| {
        p.title == title
            && (g.bare
                || g.code.country() == p.code.country()
                    && g.code.role() == p.code.role())
    };
    let before =
        persons.iter().filter(compatible).rfind(|p| p.def.start < start);
    let Some(p) = before.or_else(|| persons.iter().find(compatible)) else {
        return false;
    };
    g.code = p.code.clone();
    g.name = Some(p.name.clone());
    g.entries.push(p.entry());
    g.person = true;
    g.bare = false;
    g.country_from = Some(CountryFrom::Text);
    true
}

/// The holder of the office `title` names on the article's date, in the
/// country of the mention's words ("the Israeli prime minister"), the
/// only country the title exists in ("the Secretary of State": USA) or
/// the story's country ("the president", head of government titles
/// without the head-of-state fallback: a story's country may have no
/// prime minister).
fn holder(env: &Env<'_>, g: &mut Group, title: &str) -> bool {
    let (country, from) = match g.code.country() {
        Some(c) if !g.bare => (c.to_string(), CountryFrom::Text),
        Some(_) => return false,
        None => {
            let (own, any) = env.titles.countries_of(title);
            let story = env.story.country();
            match (own.as_slice(), any, story) {
                // "the chancellor" in a German story.
                (own, _, Some(s)) if own.contains(&s) => {
                    (s.to_string(), CountryFrom::Story)
                }
                // "the Secretary of State": its country's office.
                ([c, ..], false, _) => (c.to_string(), CountryFrom::Text),
                (_, true, Some(s)) => (s.to_string(), CountryFrom::Story),
                _ => return false,
            }
        }
    };
    let date = env.cx.date;
    let entry = match from {
        CountryFrom::Text => {
            env.titles.holder(env.holders, title, &country, date)
        }
        _ => env
            .titles
            .office(title, &country)
            .and_then(|o| env.holders.holder(&country, o, date)),
    };
    let Some(e) = entry else { return false };
    take_holder(g, e, from);
    true
}

/// `g` names the office holder `e`, its country found as `from`.
fn take_holder(g: &mut Group, e: &ActorEntry, from: CountryFrom) {
    g.code = ActorCode::from(e.code.as_str());
    g.name.clone_from(&e.name);
    g.entries.push(e.origin.to_string());
    g.person = true;
    g.bare = false;
    g.country_from = Some(from);
}

/// The writer's home country: the one country whose offices the article
/// names by a bare title that exists only there ("the Secretary of
/// State": USA) while the story happens elsewhere. A writer abroad names
/// his own country's offices that way and a foreign one's with its
/// nationality ("the Panamanian leader"); `None` when no such title is
/// used or two countries' are.
fn writer_home(env: &Env<'_>, groups: &[Group]) -> Option<String> {
    let story = env.story.country()?;
    let mut home: Option<&str> = None;
    for g in groups {
        if !g.bare
            || g.locative
            || g.name.is_some()
            || g.code.country().is_some()
        {
            continue;
        }
        let Some(title) = g.title.as_deref() else { continue };
        let (own, any) = env.titles.countries_of(title);
        let Some(&c) = own.first() else { continue };
        if any || own.contains(&story) {
            continue;
        }
        match home {
            Some(h) if h != c => return None,
            _ => home = Some(c),
        }
    }
    home.map(str::to_string)
}

/// A bare, capitalised title of any country ("the President", "the Prime
/// Minister") names the holder in the writer's `home` country when the
/// story happens abroad: "PANAMA CITY - ... a day after the President sent
/// 20,000 soldiers", in a story that names "the Secretary of State", is
/// the American president, not Panama's. A lowercase title ("the
/// president") is the usual style for the story's own leader and is left
/// to [`holder`], as is a title with a row for the story's country.
fn home_holder(
    env: &Env<'_>,
    g: &mut Group,
    title: &str,
    home: Option<&str>,
) -> bool {
    let (Some(home), Some(story)) = (home, env.story.country()) else {
        return false;
    };
    if !g.bare || g.code.country().is_some() || home == story {
        return false;
    }
    let (own, any) = env.titles.countries_of(title);
    if !any || own.contains(&story) || !capitalised_head(env, g) {
        return false;
    }
    let Some(e) = env.titles.holder(env.holders, title, home, env.cx.date)
    else {
        return false;
    };
    g.entries.push(format!("home:{home}"));
    take_holder(g, e, CountryFrom::Text);
    true
}

/// Whether the last word of `g` (its title's head) is written with a
/// capital letter.
fn capitalised_head(env: &Env<'_>, g: &Group) -> bool {
    let Some(last) = (g.b as usize).checked_sub(1) else { return false };
    let Some(sub) = env.cx.norm.subs.get(last) else { return false };
    env.cx
        .text
        .get(sub.span.start as usize..sub.span.end as usize)
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase)
}

/// The country of a title that exists in a few countries only, where no
/// holder was found ("the Secretary of State": USA, unless the story's
/// country is another of them); `None` for titles of any country.
fn title_country(env: &Env<'_>, g: &Group) -> Option<(String, CountryFrom)> {
    let (own, any) = env.titles.countries_of(g.title.as_deref()?);
    if any {
        return None;
    }
    match env.story.country() {
        Some(s) if own.contains(&s) => {
            Some((s.to_string(), CountryFrom::Story))
        }
        _ => own.first().map(|c| (c.to_string(), CountryFrom::Text)),
    }
}

/// Whether a lowercase word before the role noun makes it another
/// body's ("company spokesman", "bank officials", "union leaders"): the
/// parse's compound or adjective modifiers where the sentence was
/// parsed, else the word right before it where a determiner or the
/// sentence start precedes that word.
fn other_body(env: &Env<'_>, g: &Group) -> bool {
    let lex = env.cx.lex;
    let foreign = |w: &str| {
        w.chars().all(|c| c.is_lowercase() || c == '-')
            && !lex.role_premodifiers.contains(&w.to_lowercase())
    };
    if let Some(mods) = env.premodifiers(g) {
        return mods.iter().any(|w| foreign(w));
    }
    let subs = &env.cx.norm.subs;
    let a = g.a as usize;
    // The body's word inside the mention ("company spokesman").
    let first = subs[a].span;
    if g.b as usize > a + 1
        && foreign(&env.cx.text[first.start as usize..first.end as usize])
    {
        return true;
    }
    let Some(k) = a.checked_sub(1) else { return false };
    if !subs[k].word || !env.cx.same_sentence(k, a) {
        return false;
    }
    let s = subs[k].span;
    if !foreign(&env.cx.text[s.start as usize..s.end as usize]) {
        return false;
    }
    match k.checked_sub(1) {
        Some(j) if env.cx.same_sentence(j, k) => {
            matches!(env.cx.word(j), "the" | "a" | "an")
        }
        _ => true,
    }
}

/// Whether bare government role mention `g` has a premodifier that puts
/// it abroad ([`super::abroad_before`]): the role is no actor of the
/// story's country nor of its sentence's places.
fn abroad(env: &Env<'_>, g: &Group) -> bool {
    // Officials only: "foreign troops" in a story are mostly its leading
    // country's, the intervener's.
    if g.code.role() != Some("GOV") {
        return false;
    }
    let Some(first) = env.cx.norm.subs.get(g.a as usize) else {
        return false;
    };
    super::abroad_before(env.cx.text, first.span.start as usize)
}

/// The country of a role mention from its context: a place attached to
/// it or its verb ("protesters in Tiaret", "clashed in Goma"), else the
/// story's.
fn context_country(
    env: &Env<'_>,
    g: &Group,
    actors: Owners<'_>,
) -> Option<(String, CountryFrom)> {
    if let Some(found) = place_context(env, g, actors) {
        return Some(found);
    }
    let c = env.story.country()?;
    Some((c.to_string(), CountryFrom::Story))
}

/// The country of the first conjunct of the coordination the state role
/// word `g` is a later conjunct of, where that conjunct is a mention of
/// `coded` (its own words give its country: "Azerbaijani artillery and
/// drones", "Sudanese soldiers and police"); `None` unparsed.
fn conjunct_country(
    env: &Env<'_>,
    g: &Group,
    coded: &[(u32, u32, String)],
) -> Option<String> {
    if !g.code.role().is_some_and(|r| STATE_ROLES.contains(&r)) {
        return None;
    }
    let tree = env.parses?.get(env.sent_of(g) as usize)?;
    let end = env.end(g);
    let id = tree
        .ids()
        .find(|&i| tree.word(i).is_some_and(|w| w.span.end == end))?;
    let w = tree.word(id)?;
    if w.deprel.rel != Rel::Conj {
        return None;
    }
    // A determiner of its own makes it another phrase ("the police").
    let own_det = tree.children(id).iter().any(|&c| {
        tree.word(c)
            .is_some_and(|c| matches!(c.deprel.rel, Rel::Det | Rel::Amod))
    });
    if own_det {
        return None;
    }
    let first = tree.word(tree.first_conjunct(id))?;
    coded
        .iter()
        .find(|(a, b, _)| *a <= first.span.start && first.span.end == *b)
        .map(|(_, _, c)| c.clone())
}

/// Prepositions by which a place attached to a role actor's verb says
/// where the actor is ("clashed in Goma", "abducted ... on the road
/// between Butembo and Kanyabayonga"); "flew to Honiara", "withdrew from
/// Kherson", "sent troops into Panama" say where it goes or came from.
const VERB_PLACE_CASES: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "around",
    "across",
    "throughout",
    "inside",
    "within",
    "on",
    "along",
    "between",
    "among",
    "off",
];

/// The country of a place attached to `g` ("protesters in Tiaret") or
/// to the verb `g` is an argument of ("gunmen attacked a bus near
/// Baidoa"), read from the parse where the sentence was parsed: a place
/// reached through an actor of its own country ("outside the Israeli
/// embassy in Ankara"), a place that is itself an actor ("Beijing, which
/// has ties with the generals") or a destination ("flew to Honiara") is
/// not `g`'s. Where the parse attaches none to `g`, a place right after
/// it, else its sentence's places where they agree on one country.
fn place_context(
    env: &Env<'_>,
    g: &Group,
    actors: Owners<'_>,
) -> Option<(String, CountryFrom)> {
    // Parsed and nothing attached: the sentence's places, as unparsed.
    if let Some(Some(c)) = tree_place(env, g, actors) {
        return Some((c.to_string(), CountryFrom::Place));
    }
    let end = env.end(g) as usize;
    let sent = env.sent_of(g) as usize;
    let text = env.cx.text;
    // The cheap tests first, and at most four words of the gap: the gap
    // to a place far on is most of the article, and an article names
    // hundreds of places.
    let attached = env.places.iter().find(|p| {
        if p.sentence != sent
            || (p.span.start as usize) < end
            || across_border(text, p)
        {
            return false;
        }
        let gap = text.get(end..p.span.start as usize).unwrap_or("");
        let mut words = gap.split_whitespace();
        let first = words.next();
        let n = usize::from(first.is_some()) + words.take(3).count();
        (1..=3).contains(&n)
            && first.is_some_and(|w| PLACE_PREPOSITIONS.contains(&w))
            && !gap.contains([',', ';', '.'])
    });
    if let Some(c) = attached.and_then(|p| place_country(p)) {
        return Some((c.to_string(), CountryFrom::Place));
    }
    // A place among the words of a longer actor mention ("US" of "US
    // Secretary of State Antony Blinken") names that actor's country,
    // not where the sentence happens: it may disagree with the others
    // but cannot alone give the country. A place that is the whole
    // mention ("France said") counts as any other.
    let own = (env.start(g), env.end(g));
    let mut agreed: Option<&str> = None;
    let mut free = false;
    let here = |p: &&PlaceMention| {
        p.sentence == sent
            && !across_border(text, p)
            && !trip_destination(text, p)
    };
    for p in env.places.iter().filter(here) {
        let Some(c) = place_country(p) else { continue };
        if agreed.is_some_and(|x| x != c) {
            return None;
        }
        agreed = Some(c);
        free |= !inside_actor(actors.actors, own, p.span.start, p.span.end);
    }
    agreed.filter(|_| free).map(|c| (c.to_string(), CountryFrom::Place))
}

/// [`place_context`] from the parse: `None` where `g`'s sentence was not
/// parsed, `Some(None)` where no place is attached to `g` or its verb.
/// A place attached to the role noun itself wins over one of its verb.
fn tree_place<'p>(
    env: &'p Env<'_>,
    g: &Group,
    actors: Owners<'_>,
) -> Option<Option<&'p str>> {
    let sent = env.sent_of(g) as usize;
    let tree = env.parses?.get(sent)?;
    let (start, end) = (env.start(g), env.end(g));
    let id = tree
        .ids()
        .find(|&i| tree.word(i).is_some_and(|w| w.span.end == end))?;
    let nouns = tree.conjuncts(id);
    let verb = predicate_of(tree, id);
    let mut on_verb = None;
    // Places where another clause of the sentence happens ("clashes
    // erupted in Khartoum after ..."): the fallback, where they agree.
    let mut free: Option<Option<&str>> = None;
    let text = env.cx.text;
    let here =
        |p: &&PlaceMention| p.sentence == sent && !across_border(text, p);
    for p in env.places.iter().filter(here) {
        let Some(c) = place_country(p) else { continue };
        // A place inside the mention ("Kidal residents") is its own.
        let (a, b) = (p.span.start, p.span.end);
        if a >= start && b <= end {
            return Some(Some(c));
        }
        if other_actor(actors.actors, (start, end), a, b) {
            continue;
        }
        // The place's head word: the one whose head is outside it.
        let inside = |i: u32| {
            tree.word(i).is_some_and(|w| w.span.start >= a && w.span.end <= b)
        };
        let Some(head) = tree
            .ids()
            .filter(|&i| inside(i))
            .find(|&i| tree.head(i).is_some_and(|h| h == 0 || !inside(h)))
        else {
            continue;
        };
        match host(tree, head, &nouns, verb, actors, (start, end)) {
            Some(Host::Noun) => return Some(Some(c)),
            Some(Host::Verb) => {
                on_verb.get_or_insert(c);
            }
            Some(Host::Clause) => {
                free = match free {
                    None => Some(Some(c)),
                    Some(Some(x)) if x == c => Some(Some(c)),
                    _ => Some(None),
                };
            }
            None => {}
        }
    }
    Some(on_verb.or(free.flatten()))
}

/// Whether bytes `a..b` overlap an actor mention of `actors` (byte
/// spans) other than the role mention `own`.
fn other_actor(
    actors: &[(u32, u32)],
    own: (u32, u32),
    a: u32,
    b: u32,
) -> bool {
    actors.iter().any(|&(x, y)| (x, y) != own && x < b && a < y)
}

/// Whether bytes `a..b` lie within a longer actor mention of `actors`
/// other than the role mention `own`.
fn inside_actor(
    actors: &[(u32, u32)],
    own: (u32, u32),
    a: u32,
    b: u32,
) -> bool {
    actors
        .iter()
        .any(|&(x, y)| (x, y) != own && x <= a && b <= y && y - x > b - a)
}

/// The byte spans of the mentions that may own a place: actors whose
/// own words give their country, and bare role words.
#[derive(Clone, Copy)]
struct Owners<'a> {
    actors: &'a [(u32, u32)],
    roles: &'a [(u32, u32)],
}

/// What a place is attached to, seen from a role noun.
enum Host {
    /// The role noun itself ("protesters in Tiaret", "residents of Beni").
    Noun,
    /// The role noun's verb, where it is ("clashed in Goma").
    Verb,
    /// Another clause's verb, where that happens ("after clashes
    /// erupted in Khartoum").
    Clause,
}

/// The predicate whose argument `id` is: its nearest ancestor that is a
/// verb or heads a clause.
fn predicate_of(tree: &crate::syntax::SentenceTree, id: u32) -> Option<u32> {
    tree.ancestors(id).find(|&a| {
        tree.is_clause_head(a)
            || tree.word(a).is_some_and(|w| w.upos == Upos::Verb)
    })
}

/// Walks up from place word `at` through nominal modifiers ("the road
/// between Butembo and ...", "Kidal town") to the first noun or verb it
/// hangs on: `Noun` when that is one of `nouns` (by a preposition of
/// place), `Verb` when it is `verb` or a conjunct of it (by a
/// preposition of where, or as its object: "attacked Boni"); `None`
/// when another actor or a destination comes first; `Clause` for a
/// place where another clause's verb happens.
fn host(
    tree: &crate::syntax::SentenceTree,
    mut at: u32,
    nouns: &[u32],
    verb: Option<u32>,
    actors: Owners<'_>,
    own: (u32, u32),
) -> Option<Host> {
    // Through another bare role word ("fired on protesters in Lagos",
    // "clashed with police in Goma"): the place is the scene of both.
    let mut through_role = false;
    let case = |i: u32| {
        tree.children(i)
            .iter()
            .filter_map(|&c| tree.word(c))
            .find(|w| w.deprel.rel == Rel::Case)
            .map(|w| w.lemma.to_lowercase())
    };
    let verbs: Vec<u32> = verb.map(|v| tree.conjuncts(v)).unwrap_or_default();
    for _ in 0..8 {
        let w = tree.word(at)?;
        let h = w.head;
        if h == 0 {
            return None;
        }
        let rel = w.deprel.rel;
        if nouns.contains(&h) {
            let ok = match case(at) {
                Some(c) => PLACE_PREPOSITIONS.contains(&c.as_str()),
                None => matches!(rel, Rel::Compound | Rel::Amod),
            };
            return ok.then_some(Host::Noun);
        }
        let hw = tree.word(h)?;
        if other_actor(actors.actors, own, hw.span.start, hw.span.end) {
            return None;
        }

        if other_actor(actors.roles, own, hw.span.start, hw.span.end) {
            through_role = true;
        }
        if tree.is_clause_head(h) || hw.upos == Upos::Verb {
            let case = case(at);
            let located =
                case.as_deref().is_some_and(|c| VERB_PLACE_CASES.contains(&c));
            if !verbs.contains(&h) {
                return located.then_some(Host::Clause);
            }
            let ok =
                located || through_role || case.is_none() && rel == Rel::Obj;
            return ok.then_some(Host::Verb);
        }
        if !matches!(
            rel,
            Rel::Nmod
                | Rel::Appos
                | Rel::Conj
                | Rel::Compound
                | Rel::Flat
                | Rel::List
                | Rel::Nummod
        ) {
            return None;
        }
        at = h;
    }
    None
}

/// Whether place `p` is the far side of a border ("near the border with
/// Mali", "its frontier with neighbouring Chad"): named to say where a
/// place is not, so it gives nobody a country.
fn across_border(text: &str, p: &PlaceMention) -> bool {
    let at = p.span.start as usize;
    let before = text.get(at.saturating_sub(40)..at).unwrap_or("");
    let before = before.trim_end().to_ascii_lowercase();
    let before = before
        .strip_suffix("neighbouring")
        .or_else(|| before.strip_suffix("neighboring"))
        .map_or(before.as_str(), str::trim_end);
    ["border with", "frontier with", "boundary with", "borders with"]
        .iter()
        .any(|x| before.ends_with(x))
}

/// Whether place `p` is where a trip goes ("before Thatcher's trip to
/// Moscow", "after the president's visit to Beijing"): the traveller
/// comes from elsewhere, so no role actor of the sentence is there for
/// it. A place an act is sent to ("troops deployed to Kidal", "services
/// restored to the Tigray region") is most often the actors' own
/// country, and counts.
fn trip_destination(text: &str, p: &PlaceMention) -> bool {
    let at = p.span.start as usize;
    let before = text.get(at.saturating_sub(32)..at).unwrap_or("");
    let mut words = before.split_whitespace().rev();
    let mut prev = words.next().unwrap_or("");
    if prev.eq_ignore_ascii_case("the") {
        prev = words.next().unwrap_or("");
    }
    let noun = words.next().unwrap_or("").to_ascii_lowercase();
    prev.eq_ignore_ascii_case("to") && TRIP_NOUNS.contains(noun.as_str())
}

/// Nouns of a journey before "to" and its destination.
///
/// The list: `dicts/words/trip_nouns.txt`.
static TRIP_NOUNS: crate::util::WordList =
    crate::util::word_list!("words/trip_nouns.txt");

fn place_country(p: &PlaceMention) -> Option<&str> {
    p.country.as_deref().filter(|c| is_country(c))
}

/// Pronouns and definite descriptions as mentions of their antecedents.
pub(crate) fn pronouns(env: &Env<'_>, groups: &[Group]) -> Vec<Group> {
    let cx = env.cx;
    let subs = &cx.norm.subs;
    let mut out = Vec::new();
    let longest = cx.lex.pronouns.keys().map(String::len).max().unwrap_or(0);
    let mut i = 0;
    while i < subs.len() {
        let len = cx.norm.word_len(i);
        if env.context && subs[i].word {
            if let Some((n, kind)) = definite_at(env, i) {
                // "out of the country", "across the nation": a place.
                let place =
                    matches!(kind, Definite::Country | Definite::Set(_))
                        && after_preposition(cx, i);
                if !place && !blocked(groups, i, i + n, kind) {
                    let head = cx.norm.word(i + n - 1);
                    let found = definite(env, groups, i, head, kind);
                    out.extend(found.map(|g| at(&g, i, i + n)));
                }
                i += n;
                continue;
            }
        }
        if len > longest || !subs[i].word {
            i += 1;
            continue;
        }
        let w = cx.norm.word(i);
        if let Some(p) = cx.lex.pronouns.get(w) {
            if !p.possessive {
                let found = subject_pronoun(env, groups, i, p.kind)
                    .or_else(|| asked_pronoun(env, groups, i, p.kind));
                out.extend(found.map(|g| at(&g, i, i + 1)));
            }
        }
        i += 1;
    }
    out
}

/// Whether the word before sub-token `i` (same sentence) is a
/// preposition of place.
fn after_preposition(cx: &Ctx<'_>, i: usize) -> bool {
    let Some(k) = i.checked_sub(1) else { return false };
    cx.same_sentence(k, i)
        && (PLACE_PREPOSITIONS.contains(&cx.norm.word(k))
            || matches!(
                cx.norm.word(k),
                "into" | "to" | "within" | "across" | "between"
            ))
}

/// `g` as a mention at sub-tokens `a..b`.
fn at(g: &Group, a: usize, b: usize) -> Group {
    Group {
        a: a as u32,
        b: b as u32,
        code: g.code.clone(),
        name: g.name.clone(),
        entries: g.entries.clone(),
        person: g.person,
        title: None,
        bare: false,
        locative: false,
        country_from: g.country_from.map(|_| CountryFrom::Text),
    }
}

/// Whether `a..b` overlaps a group.
/// Whether the groups overlapping sub-tokens `a..b` keep a definite
/// description of `kind` there from being a mention: any group does,
/// but for a set ("the two leaders", "both governments") a bare role
/// word inside it does not; the set replaces it ([`covered_roles`]).
fn blocked(groups: &[Group], a: usize, b: usize, kind: Definite) -> bool {
    let set = matches!(kind, Definite::Set(_) | Definite::Leaders);
    groups.iter().any(|g| {
        let overlaps = (g.a as usize) < b && a < g.b as usize;
        let within = a <= g.a as usize && g.b as usize <= b;
        overlaps && !(set && g.bare && within)
    })
}

/// Drops the bare role words that a set description found by
/// [`pronouns`] covers ("leaders" in "the two leaders").
pub(crate) fn covered_roles(groups: &mut Vec<Group>, found: &[Group]) {
    groups.retain(|g| {
        !(g.bare && found.iter().any(|p| p.a <= g.a && g.b <= p.b))
    });
}

/// The definite description starting at sub-token `i`: its length in
/// sub-tokens and kind.
fn definite_at(env: &Env<'_>, i: usize) -> Option<(usize, Definite)> {
    let cx = env.cx;
    let by_second = cx.lex.definites.get(cx.norm.word(i))?;
    // One-word phrases, then those of the next word: a longer phrase
    // always wins, so the two lists need no merging.
    let next = (i + 1 < cx.norm.subs.len() && cx.same_sentence(i, i + 1))
        .then(|| by_second.get(cx.norm.word(i + 1)))
        .flatten();
    let one = by_second.get("");
    one.into_iter()
        .chain(next)
        .flatten()
        .filter(|(words, _)| {
            words.iter().enumerate().all(|(k, w)| {
                i + k < cx.norm.subs.len()
                    && cx.same_sentence(i, i + k)
                    && cx.norm.word(i + k) == w
            })
        })
        .max_by_key(|(words, _)| words.len())
        .map(|(words, kind)| (words.len(), *kind))
}

/// Whether `g` can be what a definite description of `kind` refers to.
fn fits_definite(g: &Group, kind: Definite) -> bool {
    if g.person || g.locative || g.bare {
        return false;
    }
    let country = g.code.country();
    let role = g.code.role().unwrap_or("");
    match kind {
        Definite::Group => {
            g.name.is_some()
                && NONSTATE_ROLES.iter().any(|r| role.starts_with(r))
        }
        Definite::Org => {
            g.name.is_some()
                && (!role.is_empty()
                    || country.is_some_and(|c| NOT_COUNTRIES.contains(&c)))
        }
        Definite::Igo => country == Some("IGO"),
        Definite::Country | Definite::Set(_) => {
            g.code.is_bare_country() && country.is_some_and(is_country)
        }
        Definite::Other => any_country_actor(g),
        Definite::Leaders => g.person && country.is_some_and(is_country),
    }
}

/// Whether `g` is an actor of a country (a state, its capital or one of
/// its bodies; not a person or a place).
fn any_country_actor(g: &Group) -> bool {
    !g.person
        && !g.locative
        && !g.bare
        && g.code.country().is_some_and(is_country)
}

/// Whether `g` is an unnamed body of a country whose last word is
/// `head`: "the ministry" after "the Polish defence ministry", "the
/// agency" after "Iran's atomic energy agency". Unnamed bodies are only
/// taken by their own head noun, so "the ministry" never means "Russian
/// forces".
fn same_head(cx: &Ctx<'_>, g: &Group, head: &str) -> bool {
    !g.person
        && !g.locative
        && !g.bare
        && g.code.country().is_some()
        && g.b > g.a
        && cx.norm.word(g.b as usize - 1) == head
}

/// The antecedent of the definite description of `kind` at `i`, whose
/// last word is `head`.
fn definite(
    env: &Env<'_>,
    groups: &[Group],
    i: usize,
    head: &str,
    kind: Definite,
) -> Option<Group> {
    let cands = candidates(env, groups, i, |g| match kind {
        // "the two countries": any actor of a country.
        Definite::Set(_) => any_country_actor(g),
        Definite::Leaders => {
            g.person && g.code.country().is_some_and(is_country)
        }
        Definite::Org => fits_definite(g, kind) || same_head(env.cx, g, head),
        _ => fits_definite(g, kind),
    });
    if let Definite::Set(n) = kind {
        return set(env.story, &cands, n as usize);
    }
    if kind == Definite::Leaders {
        // "Trump praised both leaders": the subject of the description's
        // own sentence is not one of them.
        let sent = env.cx.sent.get(i).copied().unwrap_or(0);
        let others: Vec<&Group> = cands
            .iter()
            .copied()
            .filter(|g| {
                env.sent_of(g) != sent || env.is_subject(g) != Some(true)
            })
            .collect();
        return leaders(&others);
    }
    let near = cands.iter().map(|g| env.sent_of(g)).max()?;
    let in_near: Vec<&Group> =
        cands.iter().copied().filter(|g| env.sent_of(g) == near).collect();
    let subject = in_near.iter().find(|g| env.is_subject(g) == Some(true));
    let salient = subject.or(in_near.last()).copied()?;
    if kind == Definite::Other {
        // "Kinshasa cut ties with Kigali, accusing its neighbour": "its"
        // is the subject (without a parse, the sentence's first actor);
        // its neighbour the latest other country.
        let own = subject.or(in_near.first()).and_then(|g| g.code.country());
        return cands
            .iter()
            .rev()
            .find(|g| g.code.country() != own)
            .map(|g| (*g).clone());
    }
    Some(salient.clone())
}

/// The `n` countries of `cands` the story ranks highest (ties: the most
/// recent), as a compound `A/B/` ("the two countries") or `A/B/C/` ("the
/// three countries") in code order; `None` with fewer than `n`.
fn set(story: &Story, cands: &[&Group], n: usize) -> Option<Group> {
    let mut ranked: Vec<(usize, usize, &str)> = Vec::new();
    for (k, g) in cands.iter().enumerate().rev() {
        let Some(c) = g.code.country() else { continue };
        if !ranked.iter().any(|r| r.2 == c) {
            let rank = story.rank(c).unwrap_or(usize::MAX);
            ranked.push((rank, k, c));
        }
    }
    // The story's main countries count though not named nearby.
    for c in story.top(n) {
        if !ranked.iter().any(|r| r.2 == c) {
            ranked.push((story.rank(c).unwrap_or(usize::MAX), 0, c));
        }
    }
    ranked.sort_by_key(|&(rank, k, _)| (rank, std::cmp::Reverse(k)));
    if n < 2 || ranked.len() < n {
        return None;
    }
    let mut cs: Vec<&str> = ranked[..n].iter().map(|r| r.2).collect();
    cs.sort_unstable();
    let code: String = cs.iter().map(|c| format!("{c}/")).collect();
    Some(pair_group(cands.last()?, &code))
}

/// A set mention `code` (`A/B/`) placed like `base`, the candidate it
/// was read from.
fn pair_group(base: &Group, code: &str) -> Group {
    let mut g = base.clone();
    g.code = ActorCode::from(code);
    g.name = None;
    g.entries = vec![format!("pair:{}", code.trim_end_matches('/'))];
    g.person = false;
    g
}

/// The two most recent persons of `cands` (different names) as a pair
/// `A/B/` of their countries; `None` when fewer than two or both of one
/// country ("both leaders" of one government are no pair of states).
fn leaders(cands: &[&Group]) -> Option<Group> {
    let mut two: Vec<&Group> = Vec::new();
    for g in cands.iter().rev() {
        if two.iter().all(|p| p.name != g.name) {
            two.push(g);
        }
        if two.len() == 2 {
            break;
        }
    }
    let [a, b] = two.as_slice() else { return None };
    let (ca, cb) = (a.code.country()?, b.code.country()?);
    if ca == cb {
        return None;
    }
    let mut cs = [ca, cb];
    cs.sort_unstable();
    Some(pair_group(a, &format!("{}/{}/", cs[0], cs[1])))
}

/// Groups before sub-token `i`, up to [`WINDOW`] sentences back, that
/// `ok` accepts, in text order.
fn candidates<'g>(
    env: &Env<'_>,
    groups: &'g [Group],
    i: usize,
    ok: impl Fn(&Group) -> bool,
) -> Vec<&'g Group> {
    let subs = &env.cx.norm.subs;
    let start = subs[i].span.start;
    let sent = env.cx.sent.get(i).copied().unwrap_or(0);
    groups
        .iter()
        .filter(|g| env.start(g) < start && (g.b as usize) <= i)
        .filter(|g| env.sent_of(g) + WINDOW >= sent)
        .filter(|g| ok(g))
        .collect()
}

/// Subject pronouns at the start of a sentence or clause ("He said",
/// ", she added", `..." he said`) as mentions of the latest person
/// mentioned before them; a sentence-initial "they" or "it" of the
/// subject of the nearest sentence, up to two back, that has a group of
/// people ("they") or one organisation or country ("it").
fn subject_pronoun(
    env: &Env<'_>,
    groups: &[Group],
    i: usize,
    kind: Pronoun,
) -> Option<Group> {
    let cx = env.cx;
    // "they" and "it" only open a sentence: after "warned that" they are
    // as often a thing ("the strikes") as an actor.
    let ok = match kind {
        Pronoun::Person => clause_start(cx, i),
        Pronoun::Group | Pronoun::Org => sentence_start(cx, i),
    };
    if !ok {
        return None;
    }
    if kind == Pronoun::Person {
        return person_antecedent(env, groups, i);
    }
    if kind == Pronoun::Org && (!env.context || expletive(cx, i)) {
        return None;
    }
    let cands = candidates(env, groups, i, |g| {
        !g.person
            && !g.locative
            && g.code.country().is_some()
            && (kind == Pronoun::Group || singular(g))
    });
    let near = cands.iter().map(|g| env.sent_of(g)).max()?;
    let in_near: Vec<&Group> =
        cands.into_iter().filter(|g| env.sent_of(g) == near).collect();
    if kind == Pronoun::Org {
        // "it": only where one organisation or country is near (the
        // pronoun is as often a thing or the weather).
        let first = in_near.first()?;
        if in_near.iter().any(|g| g.code != first.code) {
            return None;
        }
    }
    let subject = in_near.iter().find(|g| env.is_subject(g) == Some(true));
    subject.or(in_near.first()).map(|g| (*g).clone())
}

/// Verb forms of asking after which "it" is the party asked ("urged it
/// to stop", "called on it to withdraw").
///
/// The list: `dicts/words/asking_verbs.txt`.
static ASKING: crate::util::WordList =
    crate::util::word_list!("words/asking_verbs.txt");

/// The party an "it" right after a verb of asking refers to: the latest
/// state or organisation of its own sentence before it whose country is
/// not the country of the sentence's first actor, the one asking ("China
/// lodged representations with the Japanese side and urged it to stop":
/// the Japanese side), where the verb is coordinated with the sentence's
/// first predicate. With no such actor the pronoun stays open.
fn asked_pronoun(
    env: &Env<'_>,
    groups: &[Group],
    i: usize,
    kind: Pronoun,
) -> Option<Group> {
    let cx = env.cx;
    let k = i.checked_sub(1)?;
    let sent = cx.sent.get(i).copied()?;
    if kind != Pronoun::Org || !env.context || cx.sent.get(k) != Some(&sent) {
        return None;
    }
    let verb = match cx.norm.word(k) {
        "on" => k.checked_sub(1).filter(|&j| {
            matches!(cx.norm.word(j), "called" | "calls" | "calling")
        }),
        w => ASKING.contains(w).then_some(k),
    };
    // Only a predicate coordinated with the sentence's first ("... and
    // urged it", ", urging it"): its asker is the first actor. "denied
    // that the World Bank asked it" has an asker of its own.
    let coordinated = verb
        .and_then(|v| v.checked_sub(1))
        .is_some_and(|j| matches!(cx.norm.word(j), "and" | ","));
    if !coordinated {
        return None;
    }
    let start = cx.norm.subs[i].span.start;
    let here: Vec<&Group> = groups
        .iter()
        .filter(|g| env.sent_of(g) == sent && env.start(g) < start)
        .filter(|g| !g.person && !g.locative && g.code.country().is_some())
        .collect();
    let asker = here.first()?.code.country();
    here.iter().rev().find(|g| g.code.country() != asker).map(|g| (*g).clone())
}

/// Words after a person that make the person the sentence's speaker
/// ("Conable said", "Kohl told reporters").
///
/// The list: `dicts/words/reporting_verbs.txt`.
static REPORTING: crate::util::WordList =
    crate::util::word_list!("words/reporting_verbs.txt");

/// Whether `word` (lowercase) is a reporting verb as written after its
/// speaker ("..., police said"): the same list, for the event stage.
pub(crate) fn is_reporting_verb(word: &str) -> bool {
    REPORTING.contains(word)
}

/// The person a subject "he"/"she" at sub-token `i` refers to. In its
/// own sentence: the latest person before it. Else, in the nearest
/// earlier sentence naming a person, the most salient one there: the
/// parse's subject, else a person followed by a reporting verb, else a
/// person opening the sentence ("Conable met Suharto. He voiced
/// support": Conable), else the latest. A person whose given name is of
/// the other sex than the pronoun's is no antecedent ("President Gloria
/// Arroyo ... He said"): the latest fitting person of that sentence is,
/// else none (an earlier sentence's is too far to trust).
fn person_antecedent(
    env: &Env<'_>,
    groups: &[Group],
    i: usize,
) -> Option<Group> {
    let cx = env.cx;
    let start = cx.norm.subs[i].span.start;
    let persons: Vec<&Group> = groups
        .iter()
        .filter(|g| env.start(g) < start && g.person && g.name.is_some())
        .collect();
    let last = *persons.last()?;
    let near = env.sent_of(last);
    let in_near: Vec<&Group> =
        persons.into_iter().filter(|g| env.sent_of(g) == near).collect();
    let chosen = salient_person(env, &in_near, last, i);
    let sex = super::sex::of_pronoun(cx.norm.word(i));
    let fits = |g: &Group| {
        let of = g.name.as_deref().and_then(super::sex::of_name);
        sex.is_none() || of.is_none() || of == sex
    };
    if fits(chosen) {
        return Some(chosen.clone());
    }
    in_near.iter().rev().find(|g| fits(g)).map(|g| (*g).clone())
}

/// The person of `in_near` (the persons of the nearest sentence naming
/// one, `last` the latest) a subject pronoun at sub-token `i` refers to.
fn salient_person<'g>(
    env: &Env<'_>,
    in_near: &[&'g Group],
    last: &'g Group,
    i: usize,
) -> &'g Group {
    let cx = env.cx;
    let near = env.sent_of(last);
    if cx.sent.get(i).copied() == Some(near)
        || in_near.iter().all(|g| g.name == last.name)
    {
        return last;
    }
    let reporting = |g: &Group| {
        let b = g.b as usize;
        b < cx.norm.subs.len()
            && cx.same_sentence(g.a as usize, b)
            && REPORTING.contains(cx.norm.word(b))
    };
    in_near
        .iter()
        .find(|g| env.is_subject(g) == Some(true))
        .or_else(|| in_near.iter().find(|g| reporting(g)))
        .or_else(|| in_near.iter().find(|g| sentence_start(cx, g.a as usize)))
        .copied()
        .unwrap_or(last)
}

/// Whether `g` can be "it": a country or a named organisation, not a
/// role noun ("troops", "officials").
fn singular(g: &Group) -> bool {
    !g.bare && (g.code.is_bare_country() || g.name.is_some())
}

/// Words after which "it" is no actor ("It rained", "It is unclear").
const EXPLETIVE_NEXT: &[&str] = &[
    "is", "was", "'s", "rained", "snowed", "seems", "seemed", "appears",
    "appeared", "remains", "remained", "took", "will", "would", "could",
    "may", "might", "has", "had",
];

/// Whether the word after sub-token `i` makes "it" an expletive.
fn expletive(cx: &Ctx<'_>, i: usize) -> bool {
    let next = (i + 1..cx.norm.subs.len()).find(|&k| cx.norm.subs[k].word);
    next.map_or(true, |k| EXPLETIVE_NEXT.contains(&cx.norm.word(k)))
}

/// Gives role mentions after a possessor their possessor's country or
/// organisation: "its forces", "their leaders", "his government", "the
/// agency's chief" (a title of an organisation belongs to it, not to the
/// country that is the sentence's subject), "the country's president"
/// (the holder of that country's office on the article's date).
pub(crate) fn possessors(env: &Env<'_>, groups: &mut [Group]) {
    if !env.context {
        return;
    }
    owned_institutions(env, groups);
    for k in 0..groups.len() {
        let g = &groups[k];
        if g.name.is_some() || g.locative || g.person || env.modifies_noun(g) {
            continue;
        }
        // "his Russian counterpart": its own words name its country.
        if !g.bare && g.code.country().is_some_and(is_country) {
            continue;
        }
        let Some(role) = g.code.role().map(str::to_string) else { continue };
        let Some(owner) = possessor(env, groups, k) else { continue };
        let title = g.title.clone();
        let g = &mut groups[k];
        let state = owner.code.is_bare_country()
            || owner.person
            || owner.code.role().is_some_and(|r| STATE_ROLES.contains(&r))
            || society_owns_state(&owner, title.as_deref());
        match owner.code.country() {
            Some(c) if state && is_country(c) => {
                g.code = if armed_wing(&role, &owner) {
                    owner.code.clone()
                } else {
                    ActorCode::from_parts(c, &role)
                };
                g.entries.push("possessor".to_string());
                g.country_from = Some(CountryFrom::Text);
                g.bare = false;
                if let Some(t) = title {
                    let mut probe = g.clone();
                    if holder(env, &mut probe, &t) {
                        *g = probe;
                    }
                }
            }
            Some(_) if !owner.person => {
                g.code = owner.code.clone();
                g.entries.extend(owner.entries.iter().cloned());
                g.entries.push("possessor".to_string());
                g.country_from = Some(CountryFrom::Text);
                g.bare = false;
            }
            _ => {}
        }
    }
}

/// Whether a group of role `role` owned by `owner` is the owner's own
/// armed wing: "the ruling party's militia", "the regime's militias" fight
/// for the state institution that owns them, so they take its code, not
/// the rebels' role (which made "Rebels fought the ruling party's militia"
/// a rebel-on-rebel self pair that coded nothing).
fn armed_wing(role: &str, owner: &Group) -> bool {
    role == "REB"
        && !owner.person
        && owner.code.role().is_some_and(|r| STATE_ROLES.contains(&r))
}

/// Roles of society groups: their possessive names their country's
/// institutions ("exporters urged their government").
const SOCIETY_ROLES: &[&str] =
    &["BUS", "LAB", "AGR", "CVL", "EDU", "HLH", "MED", "REL", "REF"];

/// State institutions a society group's possessive names as its
/// country's ("their government", "their police").
///
/// The list: `dicts/words/state_institutions.txt`.
static OWNED_STATE: crate::util::WordList =
    crate::util::word_list!("words/state_institutions.txt");

/// Whether `owner`, a society group ("Indonesian coffee exporters"),
/// owns a state institution `title` ("their government"): the country's
/// government, not a business one.
fn society_owns_state(owner: &Group, title: Option<&str>) -> bool {
    owner.code.role().is_some_and(|r| SOCIETY_ROLES.contains(&r))
        && title.is_some_and(|t| OWNED_STATE.contains(t))
}

/// "Rwanda's Senate", "the Ivory Coast's Supreme Court": a parliament or
/// court the dictionary gives a default country (the bare "Senate" is
/// the US Senate) belongs to the country that owns it, named right
/// before it; the default's name goes with its country.
fn owned_institutions(env: &Env<'_>, groups: &mut [Group]) {
    for k in 0..groups.len() {
        let g = &groups[k];
        let institution = g
            .entries
            .iter()
            .any(|e| e.starts_with("dicts/actors/organizations.tsv"))
            && g.code.role().is_some_and(|r| r == "LEG" || r == "JUD");
        if !institution || g.locative {
            continue;
        }
        let Some(role) = g.code.role().map(str::to_string) else { continue };
        let Some(owner) = possessor(env, groups, k) else { continue };
        let Some(c) = owner.code.country().map(str::to_string) else {
            continue;
        };
        if !owner.code.is_bare_country()
            || !is_country(&c)
            || groups[k].code.country() == Some(c.as_str())
        {
            continue;
        }
        let g = &mut groups[k];
        g.code = ActorCode::from_parts(&c, &role);
        // (`possessors` then marks the entry, as for any owned role.)
        g.name = None;
        g.country_from = Some(CountryFrom::Text);
    }
}

/// The actor that owns group `k`: the group right before a possessive
/// `'s`, or a possessive pronoun's antecedent.
fn possessor(env: &Env<'_>, groups: &[Group], k: usize) -> Option<Group> {
    let cx = env.cx;
    let a = groups[k].a as usize;
    let p = owner_word(cx, a)?;
    let w = cx.norm.word(p);
    if is_possessive_s(w) {
        return groups[..k]
            .iter()
            .rfind(|h| h.b as usize == p && !h.locative)
            .cloned();
    }
    // "Eritrea, whose forces fought ...": the mention the relative
    // clause opens on.
    if w == "whose" {
        let comma = p.checked_sub(1)?;
        if cx.norm.word(comma) != "," || !cx.same_sentence(comma, p) {
            return None;
        }
        return groups[..k]
            .iter()
            .rfind(|h| h.b as usize == comma)
            .filter(|h| !h.bare)
            .cloned();
    }
    let pro = cx.lex.pronouns.get(w).filter(|u| u.possessive)?;
    // "Russia withdrew its troops", "Jordan recalled its ambassador": the
    // clause's own actor owns them, and the event stage reads that
    // construction itself; only an antecedent in an earlier sentence
    // gives the country.
    let earlier = |h: &Group| {
        env.sent_of(h) < cx.sent[p] || clause_between(cx, h.b as usize, p)
    };
    match pro.kind {
        Pronoun::Person => groups[..k]
            .iter()
            .filter(|h| (h.b as usize) <= p && earlier(h))
            .filter(|h| env.sent_of(h) + WINDOW >= cx.sent[p])
            .rfind(|h| h.person && h.name.is_some())
            .cloned(),
        _ if own_clause_actor(env, &groups[..k], p) => None,
        kind => {
            let cands = candidates(env, &groups[..k], p, |h| {
                !h.person
                    && !h.locative
                    && earlier(h)
                    && h.code.country().is_some()
                    && (kind == Pronoun::Group || !h.bare)
            });
            let near = cands.iter().map(|h| env.sent_of(h)).max()?;
            let in_near: Vec<&Group> =
                cands.into_iter().filter(|h| env.sent_of(h) == near).collect();
            let subject =
                in_near.iter().find(|h| env.is_subject(h) == Some(true));
            subject.or(in_near.first()).map(|h| (*h).clone())
        }
    }
}

/// "China recalled its ambassador from Vilnius": a state (a country or
/// its organs) earlier in the possessive pronoun at `p`'s own clause owns
/// what follows (the event stage reads that construction itself), so no
/// antecedent of an earlier sentence may; it would give the ambassador
/// the previous sentence's country. A pronoun ("It said its forces")
/// stands for that earlier antecedent and does not count.
fn own_clause_actor(env: &Env<'_>, groups: &[Group], p: usize) -> bool {
    let cx = env.cx;
    groups.iter().any(|h| {
        let b = h.b as usize;
        b <= p
            && !h.locative
            && !h.person
            && h.code.country().is_some()
            && (h.code.is_bare_country()
                || h.code.role().is_some_and(|r| STATE_ROLES.contains(&r)))
            && !cx.lex.pronouns.contains_key(cx.norm.word(h.a as usize))
            && env.sent_of(h) == cx.sent[p]
            && !clause_between(cx, b, p)
    })
}

/// Whether a comma or a clause-starting word ("that", "and") stands in
/// the sub-tokens `a..b` ("The Houthis said that five of their fighters
/// ...": another clause than "Russia withdrew its troops").
fn clause_between(cx: &Ctx<'_>, a: usize, b: usize) -> bool {
    (a..b).any(|k| {
        let w = cx.norm.word(k);
        w == "," || w == ";" || cx.lex.clause_starts.contains(w)
    })
}

/// Whether only punctuation precedes sub-token `i` in its sentence.
fn sentence_start(cx: &Ctx<'_>, i: usize) -> bool {
    let sent = cx.sent.get(i);
    let mut j = i;
    while j > 0 && cx.sent.get(j - 1) == sent {
        j -= 1;
        if cx.norm.subs[j].word {
            return false;
        }
    }
    true
}

/// Whether sub-token `i` starts a sentence or a clause: only punctuation
/// before it in its sentence, or right after a comma, colon, semicolon,
/// bracket, quote or a clause-starting word ("and", "when").
fn clause_start(cx: &Ctx<'_>, i: usize) -> bool {
    let subs = &cx.norm.subs;
    let sent = cx.sent.get(i);
    let mut j = i;
    while j > 0 && cx.sent.get(j - 1) == sent {
        j -= 1;
        if subs[j].word {
            let w = cx.norm.word(j);
            return j + 1 == i && cx.lex.clause_starts.contains(w);
        }
        let w = cx.norm.word(j);
        if j + 1 == i
            && matches!(
                w,
                "," | ";"
                    | ":"
                    | "("
                    | "\""
                    | "'"
                    | "\u{201c}"
                    | "\u{201d}"
                    | "\u{2018}"
                    | "\u{2019}"
                    | "--"
            )
        {
            return true;
        }
        if j + 1 == i {
            return false;
        }
    }
    true
}
