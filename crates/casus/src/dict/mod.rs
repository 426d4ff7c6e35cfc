//! Dictionaries: casus's internal representation of actor, agent and verb
//! dictionaries, shared by the built-in data files (`dicts/`) and the
//! readers for user files (TABARI/PETRARCH formats).
//!
//! Every entry carries its [`Origin`] (file + line) so that each coded
//! event traces back to the dictionary line that produced it. All readers
//! collect *every* bad line ([`crate::error::DictError`]) before failing.

mod builtin_actors;
mod builtin_verbs;
mod office;
pub mod tabari;
mod titles;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use crate::codes::PatternCode;
use crate::date::Date;

pub use self::builtin_actors::{
    builtin_actors, parse_actors, parse_agents, read_actor_tsv, read_agent_tsv,
};
pub use self::builtin_verbs::{
    builtin_verb_examples, builtin_verbs, compile_pattern, parse_verb_toml,
    Parsed, PatternExamples, VerbExample, BUILTIN_VERB_FILES,
};
pub use self::office::{BadOffice, Office, OfficeHolders};
pub use self::titles::{parse_titles, TitleEntry, Titles};

/// Where a dictionary entry came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    /// File name (`dicts/actors/countries.tsv`, or a user path).
    pub file: Arc<str>,
    /// 1-based line number.
    pub line: u32,
}

impl Origin {
    /// `file:line`, as [`fmt::Display`] writes it, built without the
    /// formatting machinery (the gazetteer labels ~23k entries at every
    /// start).
    pub fn label(&self) -> String {
        let mut digits = [0u8; 10];
        let (mut n, mut i) = (self.line, digits.len());
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        let mut s = String::with_capacity(self.file.len() + 11);
        s.push_str(&self.file);
        s.push(':');
        s.extend(digits[i..].iter().map(|&d| char::from(d)));
        s
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A named actor: a phrase that codes to an actor code, optionally only
/// within a date range (office holders, renamed states).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorEntry {
    /// The phrase, as normalised lowercase tokens joined by single spaces
    /// (`"united states"`, `"u.s."`).
    pub phrase: String,
    /// The code, e.g. `USA`, `USAGOV`, `IGOUNO`.
    pub code: String,
    /// First day the code applies (inclusive), if restricted.
    pub from: Option<Date>,
    /// Last day the code applies (inclusive), if restricted.
    pub to: Option<Date>,
    /// Canonical name of the person or organisation, if any.
    pub name: Option<String>,
    /// The single-holder office this row is a period of, if any (the
    /// office-holder files' sixth column): the office of the country or
    /// body of `code`.
    pub office: Option<Office>,
    /// Where it came from.
    pub origin: Origin,
}

/// What the phrases of an actor file name: a flag of each built-in file
/// (`dicts/actors/*.tsv`), so that stages that treat people, countries
/// and places apart read it from the data, not from file names. Entries
/// of other files name [`Names::Bodies`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Names {
    /// Countries and their adjectives ("Israel", "Israeli").
    Countries,
    /// Capitals and other cities standing for a government ("Kyiv").
    Capitals,
    /// Persons: office holders and other named people.
    Persons,
    /// Bodies, groups, organisations (the default).
    #[default]
    Bodies,
}

/// Where an agent's code goes relative to a country code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgentPlacement {
    /// Appended: `USA` + `GOV` -> `USAGOV` (the usual case).
    Suffix,
    /// Prepended, as TABARI's `{CODE}` prefix agents.
    Prefix,
    /// A word absorbed into a following mention ("former", "deputy");
    /// a non-empty code overrides the role ("former" -> `ELI`).
    Modifier,
    /// Like [`AgentPlacement::Suffix`], but never a mention on its own
    /// ("people", "media" need a country or actor before them).
    Bound,
}

/// A role word or title ("president", "troops", "police") that gives an
/// actor its role/sector code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentEntry {
    /// Normalised phrase, as in [`ActorEntry::phrase`].
    pub phrase: String,
    /// Role code without the country, e.g. `GOV`, `MIL`, `REB`.
    pub code: String,
    /// How the role combines with a country code.
    pub placement: AgentPlacement,
    /// Where it came from.
    pub origin: Origin,
}

/// One element of a verb pattern, matched against the tokens before or
/// after the verb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Elem {
    /// A literal normalised word (or lemma, when [`Elem::Lemma`] is not
    /// needed, words match the token's normalised form).
    Word(String),
    /// Any inflection of this lemma.
    Lemma(String),
    /// The source actor's slot (`$` in TABARI).
    Source,
    /// The target actor's slot (`+` in TABARI).
    Target,
    /// Skip one or more words up to the next element.
    Skip,
    /// TABARI's `^`: right before an actor slot it skips one noun phrase,
    /// actor and all ("warned their Ent populations about +"); elsewhere
    /// it is [`Elem::Skip`].
    SkipPhrase,
    /// The next element comes right after the previous one (or the
    /// trigger), with no word between: TABARI's `_` between a word and
    /// the verb (`RECENTLY_*`).
    Adjacent,
    /// Any member of a synonym set (`&NAME` in TABARI).
    Synset(String),
    /// A compound actor (`%` in TABARI): the source slot before the verb,
    /// the target slot after it, bound only to a coordination of two or
    /// more actors ("Israel and Egypt agreed"). With no other actor the
    /// event is coded between the members.
    Compound,
}

/// A verb pattern: a trigger verb plus elements that must follow (and
/// optionally precede) it, coding a CAMEO event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbPattern {
    /// Stable id, e.g. `verbs/disapprove/12` or `file:line`.
    pub id: String,
    /// What it codes: a CAMEO code such as `112`, a TABARI `A:B` pair,
    /// or nothing for a discard (`---`) pattern.
    pub cameo: PatternCode,
    /// Lemmas of the trigger verb (any inflection matches), e.g.
    /// `["express"]`; a phrasal trigger lists all its words.
    pub verb: Vec<String>,
    /// Elements before the verb, in text order.
    pub before: Vec<Elem>,
    /// Elements after the verb, in text order.
    pub after: Vec<Elem>,
    /// The trigger counts only where it is used as a verb, not as the
    /// head of a noun phrase ("a brief visit", "an attack by"): set for
    /// TABARI/PETRARCH verb dictionaries, whose coders only see the
    /// parse's verbs; the built-in patterns may fire on nouns.
    pub verbal: bool,
    /// What the trigger's token must be besides an inflection of its
    /// lemma (built-in patterns only): its exact form, its use.
    pub cond: TriggerCond,
    /// Where it came from.
    pub origin: Origin,
}

/// A built-in pattern's conditions on its trigger token. The trigger is
/// found by lemma, so without them "bomb" and "bombing", "attack" and
/// "attacks", the noun and the verb, are one trigger.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TriggerCond {
    /// The token must be the trigger's first word as the pattern
    /// writes it (`trigger = "exact"`): `*attacks` then takes "attacks",
    /// not "attack". (A trigger written `=attacks` without it only wins
    /// ties between equally specific patterns.)
    pub exact: bool,
    /// How the token must be used (`trigger = "noun"` / `"verb"`).
    pub used_as: Option<TriggerUse>,
}

impl TriggerCond {
    /// The conditions a verb file's `trigger` key names, space
    /// separated: `exact`, and one of `noun` and `verb`; `None` for an
    /// unknown word or both uses.
    pub fn parse(s: &str) -> Option<TriggerCond> {
        let mut c = TriggerCond::default();
        for w in s.split_whitespace() {
            if w == "exact" {
                c.exact = true;
                continue;
            }
            let u = TriggerUse::parse(w)?;
            if c.used_as.is_some_and(|had| had != u) {
                return None;
            }
            c.used_as = Some(u);
        }
        Some(c)
    }
}

/// A trigger's use in its sentence: heading a noun phrase ("a bomb
/// exploded", "the attacks") or not (a verb: "bombed the bridge").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TriggerUse {
    /// Heading a noun phrase.
    Noun,
    /// Not heading one: a verb.
    Verb,
}

impl TriggerUse {
    /// The use named in a verb file's `trigger` key.
    pub fn parse(s: &str) -> Option<TriggerUse> {
        match s {
            "noun" => Some(TriggerUse::Noun),
            "verb" => Some(TriggerUse::Verb),
            _ => None,
        }
    }
}

/// A set of dictionaries: what the `Coder` is built from.
#[derive(Clone, Debug, Default)]
pub struct Dictionaries {
    /// Actor phrases.
    pub actors: Vec<ActorEntry>,
    /// Role words.
    pub agents: Vec<AgentEntry>,
    /// Verb patterns.
    pub verbs: Vec<VerbPattern>,
    /// Synonym sets by name (without the `&`).
    pub synsets: HashMap<String, Vec<String>>,
    /// Phrases whose presence blocks coding (TABARI discards).
    pub discards: Vec<String>,
    /// Compose agent codes the TABARI/PETRARCH way (set by the TABARI
    /// agent reader): every agent phrase in the noun phrase counts,
    /// including one inside a longer one ("main opposition group" ->
    /// `MOP` + `OPP`), prefix agents before an actor join it ("MSF
    /// Arnor" -> `NGOARN`), codes are appended or prepended in text order
    /// and composition stops at the first code already present.
    pub stack_agents: bool,
    /// What each actor file's phrases name ([`Names`]), by file name
    /// ([`Origin::file`]); files not listed name bodies.
    pub actor_files: HashMap<String, Names>,
}

impl Dictionaries {
    /// Adds everything in `other` to `self`.
    pub fn extend(&mut self, other: Dictionaries) {
        self.actors.extend(other.actors);
        self.agents.extend(other.agents);
        self.verbs.extend(other.verbs);
        self.synsets.extend(other.synsets);
        self.discards.extend(other.discards);
        self.stack_agents |= other.stack_agents;
        self.actor_files.extend(other.actor_files);
    }

    /// What the phrases of the actor file `file` name.
    pub fn names_of(&self, file: &str) -> Names {
        self.actor_files.get(file).copied().unwrap_or_default()
    }
}

/// The built-in dictionaries: actors, agents and verb patterns.
pub fn builtin() -> crate::error::Result<Dictionaries> {
    let mut d = builtin_actors()?;
    d.extend(builtin_verbs()?);
    Ok(d)
}
