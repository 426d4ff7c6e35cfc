//! Actors: who is who, coded to country + role as of the article's date.
//!
//! Four steps: the `gazetteer` finds every dictionary phrase (a trie
//! over the words of a token-aligned normalised text); the `story`'s
//! country is read from its dateline, the places it names and the
//! countries of its actors, and picks between readings of names that
//! recur across countries ("PDP", "Congo", "Georgia"); `learn`
//! assembles the phrases into noun phrases ("Israeli Prime Minister
//! Benjamin Netanyahu" -> `ISRGOV`) and learns persons from title + name
//! patterns; and `coref` resolves titles alone (by the article's date:
//! "the Secretary of State" in 1987 is George Shultz), role nouns without
//! a country ("gunmen", "protesters": from an attached place or the
//! story, recorded in [`ActorMention::country_from`]), pronouns and
//! definite descriptions ("the group", "its forces", "the two
//! countries").
//!
//! The stage reads the text layer, the places stage's mentions (a place
//! names where role actors are, never an actor itself) and, where the
//! coder parsed a sentence, its dependency tree (subjects are the most
//! salient antecedents): see [`Context`].
//!
//! ```
//! use casus::actors::{ActorMatcher, Context, CountryFrom};
//! use casus::places::PlaceMatcher;
//! use casus::Article;
//!
//! let text = "Gunmen killed three villagers near Maiduguri.";
//! let article = Article::new("a", "2024-02-11".parse()?, text);
//! let analyzed = casus::text::analyze(text);
//! let places = PlaceMatcher::builtin()?.find(text, &analyzed);
//! let cx = Context { places: &places, ..Context::default() };
//! let found = ActorMatcher::builtin()?.find(&article, &analyzed, &cx);
//! let gunmen = &found[0];
//! assert_eq!(gunmen.code, "NGAREB");
//! assert_eq!(gunmen.country_from, Some(CountryFrom::Place));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::codes::ActorCode;
use crate::dict::{Dictionaries, OfficeHolders, Titles};
use crate::ingest::Article;
use crate::places::PlaceMention;
use crate::span::Span;
use crate::syntax::Parses;
use crate::text::Analyzed;

mod acronym;
pub mod adjust;
mod company;
pub(crate) use company::place_in_name;
pub(crate) use coref::is_reporting_verb;
mod coref;
mod gazetteer;
mod learn;
mod lexicon;
mod memory;
mod metonym;
mod namesake;
pub mod ner;
mod seat;
mod sex;
mod story;

pub use self::memory::{LearnedPerson, MemoryBlocks, RunMemory};
pub(crate) use self::story::{dateline_end, is_country, shared_dateline};

/// Premodifiers that put a role word abroad ("foreign governments",
/// "Western diplomats", "European diplomats"): the data file says why.
static ABROAD: crate::util::WordList =
    crate::util::word_list!("ner/abroad_premodifiers.txt");

/// Whether the word right before byte `start` of `text` (one space
/// before it) is one of [`ABROAD`]. Titles that contain the word
/// ("Foreign Minister") are one mention, so the word is inside it, not
/// before it.
pub(crate) fn abroad_before(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start).and_then(|b| b.strip_suffix(' '))
    else {
        return false;
    };
    let word = before.rsplit([' ', '\n', '"', '(']).next().unwrap_or("");
    ABROAD.contains(word.to_ascii_lowercase().as_str())
}

use self::gazetteer::Gazetteer;
use self::learn::{Ctx, Group, Item, Lexicon, Person};
use self::story::Story;

/// Where an actor's country came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CountryFrom {
    /// The mention's own words or what they refer to ("Sudanese
    /// soldiers", "Israel", "he" for Netanyahu, "the Secretary of State").
    Text,
    /// A place attached to it or named in its sentence ("protesters in
    /// Tiaret").
    Place,
    /// The story's country: its dateline, the places it names, the
    /// country that dominates its actors.
    Story,
}

impl CountryFrom {
    /// `text`, `place` or `story`.
    pub fn as_str(self) -> &'static str {
        match self {
            CountryFrom::Text => "text",
            CountryFrom::Place => "place",
            CountryFrom::Story => "story",
        }
    }
}

/// What the actor stage reads besides the article and its text layer.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// The dependency trees of the sentences the coder parsed (subjects
    /// are the most salient antecedents); `None`: no trees.
    pub parses: Option<&'a Parses>,
    /// The article's places, in text order (the places stage's output):
    /// where role actors are, and the story's country.
    pub places: &'a [PlaceMention],
}

/// One actor mention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorMention {
    /// Where it is in the original text.
    pub span: Span,
    /// The sentence it is in.
    pub sentence: usize,
    /// CAMEO-style code, e.g. `USAGOV`, `IGOUNO`, `PSEREB`.
    pub code: ActorCode,
    /// ISO 3166 alpha-3 country (or `IGO` etc.), if known.
    pub country: Option<String>,
    /// Role/sector, e.g. `GOV`, `MIL`.
    pub role: Option<String>,
    /// Canonical name of the person or organisation, if any.
    pub name: Option<String>,
    /// Where the coding came from: `file:line`, `learned:<start>-<end>`
    /// (this article) or `learned:<article>:<start>-<end>` (an earlier
    /// article of the run); several joined by `+` when a country and a
    /// role word combine.
    pub entry: String,
    /// Where the country came from; `None` without a country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_from: Option<CountryFrom>,
}

/// Finds and codes actor mentions.
#[derive(Clone, Debug, Default)]
pub struct ActorMatcher {
    gaz: Gazetteer,
    lex: Lexicon,
    /// Title phrases -> offices (`dicts/actors/titles.tsv`).
    titles: Titles,
    /// Who held which office when.
    holders: OfficeHolders,
    /// The gazetteer's outlet metonyms ("the occupation army"): origin,
    /// whether an occupier (`metonym`).
    metonyms: Vec<(String, bool)>,
}

impl ActorMatcher {
    /// A matcher over the built-in gazetteer.
    pub fn builtin() -> crate::error::Result<ActorMatcher> {
        ActorMatcher::new(&crate::dict::builtin_actors()?)
    }

    /// A matcher over the actors and agents in `dicts`.
    pub fn new(dicts: &Dictionaries) -> crate::error::Result<ActorMatcher> {
        let gaz = Gazetteer::new(dicts)?;
        Ok(ActorMatcher {
            metonyms: metonym::entries(&gaz),
            gaz,
            lex: Lexicon {
                stack_agents: dicts.stack_agents,
                ..Lexicon::builtin()
            },
            titles: Titles::builtin()?,
            holders: OfficeHolders::new(&dicts.actors),
        })
    }

    /// All actor mentions in `article`, with the places and trees of
    /// `context`.
    pub fn find(
        &self,
        article: &Article,
        analyzed: &Analyzed,
        context: &Context<'_>,
    ) -> Vec<ActorMention> {
        let mode = Mode { places: false, context: true, memory: None };
        self.mentions(article, analyzed, context, mode).0
    }

    /// All actor mentions in `article`, with persons learned earlier in
    /// the run ([`RunMemory`]) resolving names this article does not
    /// define ("Netanyahu" alone), and the persons this article learned
    /// whose names look like persons' (two or more title-case words, no
    /// organisation word such as "Corp"), to [`RunMemory::merge`] once
    /// the article's batch is done.
    pub fn find_in_run(
        &self,
        article: &Article,
        analyzed: &Analyzed,
        context: &Context<'_>,
        memory: &RunMemory,
    ) -> (Vec<ActorMention>, Vec<LearnedPerson>) {
        let mode = Mode { places: false, context: true, memory: Some(memory) };
        self.mentions(article, analyzed, context, mode)
    }

    /// All mentions including places ("in Moscow", "in the Gaza
    /// Strip"), which [`ActorMatcher::find`] leaves out, coded as TABARI
    /// codes them: from their own words only (no country from places or
    /// the story, no definite descriptions), for TABARI mode and country
    /// attribution.
    pub fn find_with_places(
        &self,
        article: &Article,
        analyzed: &Analyzed,
    ) -> Vec<ActorMention> {
        let mode = Mode { places: true, context: false, memory: None };
        self.mentions(article, analyzed, &Context::default(), mode).0
    }

    /// [`ActorMatcher::find_in_run`] (or [`ActorMatcher::find`], without
    /// `memory`) over the first steps `prep` already took for this
    /// article, its text analysis and `context.places`
    /// ([`ActorMatcher::prepare`] with `context` on).
    pub(crate) fn find_prepared(
        &self,
        article: &Article,
        context: &Context<'_>,
        memory: Option<&RunMemory>,
        prep: &Prepared<'_>,
    ) -> (Vec<ActorMention>, Vec<LearnedPerson>) {
        let mode = Mode { places: false, context: true, memory };
        self.mentions_prepared(article, context, mode, prep)
    }

    /// The actor stage's first steps, which read neither the trees nor
    /// the run memory: the normalised sub-tokens and their sentences, the
    /// gazetteer's hits (read by the story when `context` is on, company
    /// names dropped) and the story. The coder's parse gate and its actor
    /// pass read the same article with the same places, so the second
    /// pass takes them from the first instead of repeating them.
    pub(crate) fn prepare<'t>(
        &self,
        article: &Article,
        analyzed: &'t Analyzed,
        places: &[PlaceMention],
        context: bool,
    ) -> Prepared<'t> {
        let text = article.text.as_str();
        let norm = gazetteer::normalize_tokens(text, &analyzed.tokens);
        let sent = sentence_of_subs(analyzed, &norm);
        let cx = Ctx {
            gaz: &self.gaz,
            lex: &self.lex,
            norm: &norm,
            text,
            sent: &sent,
            date: article.date,
        };
        let mut hits = self.gaz.scan(&norm, article.date);
        // "Latin American": no country, not even the story's.
        company::drop_continental(&norm, text, &mut hits);
        // The story's country, from the dateline, the places and the
        // unambiguous names; it picks the reading of ambiguous ones.
        let story = if context {
            let s = Story::new(&cx, &hits, places);
            self.gaz
                .disambiguate(&norm, &mut hits, article.date, |c| s.rank(c));
            s
        } else {
            Story::default()
        };
        // "the Interstate Commerce Commission (ICC)": the article's own
        // acronym, not the dictionary's International Criminal Court.
        acronym::apply_defined(&norm, &mut hits);
        // Country and role words inside company names ("American
        // Express", "General Dynamics Corp") are no actors.
        company::drop_in_names(&self.gaz, &self.lex, &norm, &sent, &mut hits);
        // "the U.S. dollar", "non-OPEC producers": no actor either.
        company::drop_non_actors(&self.gaz, &norm, text, &sent, &mut hits);
        // "Jill Biden": a family member, not the office holder.
        namesake::drop_namesakes(
            &self.gaz, &self.lex, &norm, text, &sent, &mut hits,
        );
        Prepared { norm, sent, hits, story }
    }

    fn mentions(
        &self,
        article: &Article,
        analyzed: &Analyzed,
        context: &Context<'_>,
        mode: Mode<'_>,
    ) -> (Vec<ActorMention>, Vec<LearnedPerson>) {
        let prep =
            self.prepare(article, analyzed, context.places, mode.context);
        self.mentions_prepared(article, context, mode, &prep)
    }

    fn mentions_prepared(
        &self,
        article: &Article,
        context: &Context<'_>,
        mode: Mode<'_>,
        prep: &Prepared<'_>,
    ) -> (Vec<ActorMention>, Vec<LearnedPerson>) {
        let (places, memory) = (mode.places, mode.memory);
        let text = article.text.as_str();
        let Prepared { norm, sent, story, .. } = prep;
        let cx = Ctx {
            gaz: &self.gaz,
            lex: &self.lex,
            norm,
            text,
            sent,
            date: article.date,
        };
        let hits: Vec<Item> =
            prep.hits.iter().copied().map(Item::from).collect();
        // Persons from earlier articles whose surname occurs here where
        // the gazetteer has nothing.
        // Office holders named in full come first: their family name
        // alone is theirs before anyone the run remembers.
        let mut remembered_here = learn::named_holders(&cx, &hits);
        remembered_here.extend(remembered(&cx, &hits, memory));
        let remembered = remembered_here;
        let (mut groups, persons) = fixed_point(&cx, &hits, &remembered);
        // Titles alone resolve to this article's persons and to
        // remembered ones it names, never to others of the run.
        let named: Vec<Person> = persons
            .iter()
            .filter(|p| {
                p.origin.is_none()
                    || groups.iter().any(|g| g.name.as_ref() == Some(&p.name))
            })
            .cloned()
            .collect();
        let env = coref::Env {
            cx: &cx,
            story,
            places: if mode.context { context.places } else { &[] },
            parses: context.parses.filter(|_| mode.context),
            titles: &self.titles,
            holders: &self.holders,
            context: mode.context,
        };
        coref::locative_lists(&env, &mut groups);
        coref::resolve(&env, &mut groups, &named);
        // "the occupation army", "the enemy": the story's adversary, not
        // the country coreference gave a role word; before possessives
        // ("the occupation's forces") read it.
        if mode.context {
            metonym::resolve(story, article.date, &self.metonyms, &mut groups);
            // "Brussels approved sanctions" in a story naming the EU.
            seat::resolve(&mut groups);
        }
        let pro = coref::pronouns(&env, &groups);
        coref::covered_roles(&mut groups, &pro);
        groups.extend(pro);
        groups.sort_by_key(|g| (g.a, g.b));
        coref::possessors(&env, &mut groups);
        let mut mentions: Vec<ActorMention> = groups
            .into_iter()
            .filter(|g| places || !g.locative)
            .filter(|g| g.b > g.a)
            .map(|g| self.mention(&cx, g))
            // One rule for every caller: "pro-Russian separatists" are
            // separatists of no stated country.
            .filter_map(|m| adjust::stance(text, m))
            // "launched drones at Kharkiv": the weapon is no actor.
            .filter_map(|m| adjust::instrument(text, m))
            // "bombed military targets": a kind, no actor.
            .filter_map(|m| adjust::kind_adjective(text, m))
            .collect();
        // "American and British warplanes": both countries' forces.
        adjust::shared_head(text, &mut mentions);
        // "forces loyal to General X": X's country.
        adjust::allegiance(text, &mut mentions);
        let learned = persons
            .into_iter()
            .filter(|p| p.origin.is_none() && p.rememberable(&self.lex))
            .map(|p| LearnedPerson {
                name: crate::util::one_line(&p.name).into_owned(),
                words: p.words,
                code: p.code,
                title: p.title,
                article: article.id.clone(),
                span: p.def,
                date: article.date,
            })
            .collect();
        (mentions, learned)
    }

    fn mention(&self, cx: &Ctx<'_>, g: Group) -> ActorMention {
        let subs = &cx.norm.subs;
        let span = Span::new(
            subs[g.a as usize].span.start as usize,
            subs[g.b as usize - 1].span.end as usize,
        );
        ActorMention {
            span,
            sentence: cx.sent.get(g.a as usize).copied().unwrap_or(0) as usize,
            country: g.code.country().map(str::to_string),
            role: g.code.role().map(str::to_string),
            code: g.code,
            // Wrapped wire copy: the name on one line (see util::one_line).
            name: g.name.map(|n| crate::util::one_line(&n).into_owned()),
            entry: g.entries.join("+"),
            country_from: g.country_from,
        }
    }
}

/// What [`ActorMatcher::prepare`] found: the first steps of the actor
/// stage over one article.
pub(crate) struct Prepared<'t> {
    norm: gazetteer::Norm<'t>,
    sent: Vec<u32>,
    hits: Vec<gazetteer::Hit>,
    story: Story,
}

/// How [`ActorMatcher::mentions`] runs.
#[derive(Clone, Copy)]
struct Mode<'m> {
    /// Keep places ("in Moscow") as mentions (TABARI).
    places: bool,
    /// Use the context: countries from places and the story, definite
    /// descriptions, trees (off in TABARI mode).
    context: bool,
    /// Persons of earlier articles.
    memory: Option<&'m RunMemory>,
}

/// The sentence of each sub-token of `norm`.
fn sentence_of_subs(
    analyzed: &Analyzed,
    norm: &gazetteer::Norm<'_>,
) -> Vec<u32> {
    let mut sent_of_token = vec![0u32; analyzed.tokens.len()];
    for (i, s) in analyzed.sentences.iter().enumerate() {
        for t in s.tokens.clone() {
            if let Some(x) = sent_of_token.get_mut(t) {
                *x = i as u32;
            }
        }
    }
    norm.subs
        .iter()
        .map(|s| sent_of_token.get(s.token as usize).copied().unwrap_or(0))
        .collect()
}

/// The persons of the run's memory whose surname occurs in the article
/// at a capitalised word the gazetteer did not cover (`hits`).
fn remembered(
    cx: &Ctx<'_>,
    hits: &[Item],
    memory: Option<&RunMemory>,
) -> Vec<Person> {
    let norm = cx.norm;
    match memory {
        Some(m) if !m.is_empty() => {
            let mut covered = vec![false; norm.subs.len()];
            for it in hits {
                for c in covered
                    .get_mut(it.a as usize..it.b as usize)
                    .into_iter()
                    .flatten()
                {
                    *c = true;
                }
            }
            let words = norm
                .subs
                .iter()
                .enumerate()
                .filter(|(i, s)| s.word && s.initial && !covered[*i])
                .map(|(i, _)| norm.word(i));
            m.candidates(words, cx.date)
                .into_iter()
                .map(|p| Person {
                    name: p.name.clone(),
                    words: p.words.clone(),
                    code: p.code.clone(),
                    title: p.title.clone(),
                    def: Span::new(0, 0),
                    origin: Some(p.entry()),
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Mentions and persons, grouped again while learned names make new hits
/// that may change codes ("Biden's adviser" once "Biden" is known): to a
/// fixed point, at most three more rounds.
fn fixed_point(
    cx: &Ctx<'_>,
    hits: &[Item],
    remembered: &[Person],
) -> (Vec<Group>, Vec<Person>) {
    let (mut groups, persons) = learn::group(cx, hits, &[]);
    let mut persons = merge_persons(remembered, persons);
    // Learned names make new hits, which may change codes ("Biden's
    // adviser" once "Biden" is known): iterate to a fixed point.
    for _ in 0..3 {
        if persons.is_empty() {
            break;
        }
        let items = learn::add_learned(cx, hits, &persons);
        let (g, p) = learn::group(cx, &items, &persons);
        let p = merge_persons(&persons, p);
        let stable = p == persons;
        groups = g;
        persons = p;
        if stable {
            break;
        }
    }
    (groups, persons)
}

/// Persons learned in a later pass replace earlier ones of the same name;
/// the order of first definition is kept so learned ids stay stable.
/// Whether `word`, one word of a country's entry, reads as the
/// country's adjective ("Israeli", "Chinese") rather than a name for it
/// (`name` itself, "Burma"): not a plural, with an adjective ending.
pub(crate) fn adjective_form(word: &str, name: &str) -> bool {
    word.len() > 2
        && !word.ends_with('s')
        && !word.eq_ignore_ascii_case(name)
        && ["i", "an", "ese", "ish", "ch", "ic"]
            .iter()
            .any(|x| word.ends_with(x))
}

fn merge_persons(old: &[Person], new: Vec<Person>) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::new();
    for p in new {
        match out.iter_mut().find(|q| q.name == p.name) {
            Some(q) => {
                if q.code.lacks_country() && !p.code.lacks_country() {
                    *q = p;
                }
            }
            None => out.push(p),
        }
    }
    for p in old {
        if !out.iter().any(|q| q.name == p.name) {
            out.push(p.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests;
