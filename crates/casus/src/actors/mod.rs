//! Actors: who is who, coded to country + role as of the article's date.
//!
//! Three steps: the `gazetteer` finds every dictionary phrase (one
//! aho-corasick automaton over a token-aligned normalised text), `learn`
//! assembles them into noun phrases ("Israeli Prime Minister Benjamin
//! Netanyahu" -> `ISRGOV`) and learns persons from title + name patterns,
//! and `coref` resolves titles alone, pronouns and bare role words.

use serde::{Deserialize, Serialize};

use crate::codes::ActorCode;
use crate::dict::Dictionaries;
use crate::ingest::Article;
use crate::span::Span;
use crate::text::Analyzed;

pub mod adjust;
mod coref;
mod gazetteer;
mod learn;
mod memory;
pub mod ner;

pub use self::memory::{LearnedPerson, RunMemory};

use self::gazetteer::Gazetteer;
use self::learn::{Ctx, Group, Item, Lexicon, Person};

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
}

/// Finds and codes actor mentions.
#[derive(Clone, Debug, Default)]
pub struct ActorMatcher {
    gaz: Gazetteer,
    lex: Lexicon,
}

impl ActorMatcher {
    /// A matcher over the built-in gazetteer.
    pub fn builtin() -> crate::error::Result<ActorMatcher> {
        ActorMatcher::new(&crate::dict::builtin_actors()?)
    }

    /// A matcher over the actors and agents in `dicts`.
    pub fn new(dicts: &Dictionaries) -> crate::error::Result<ActorMatcher> {
        Ok(ActorMatcher {
            gaz: Gazetteer::new(dicts)?,
            lex: Lexicon {
                stack_agents: dicts.stack_agents,
                ..Lexicon::builtin()
            },
        })
    }

    /// All actor mentions in `article`.
    pub fn find(
        &self,
        article: &Article,
        analyzed: &Analyzed,
    ) -> Vec<ActorMention> {
        self.mentions(article, analyzed, false, None).0
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
        memory: &RunMemory,
    ) -> (Vec<ActorMention>, Vec<LearnedPerson>) {
        self.mentions(article, analyzed, false, Some(memory))
    }

    /// All mentions including places ("in Moscow", "in the Gaza
    /// Strip"), which [`ActorMatcher::find`] leaves out: for country
    /// attribution.
    pub fn find_with_places(
        &self,
        article: &Article,
        analyzed: &Analyzed,
    ) -> Vec<ActorMention> {
        self.mentions(article, analyzed, true, None).0
    }

    fn mentions(
        &self,
        article: &Article,
        analyzed: &Analyzed,
        places: bool,
        memory: Option<&RunMemory>,
    ) -> (Vec<ActorMention>, Vec<LearnedPerson>) {
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
        let hits: Vec<Item> = self
            .gaz
            .scan(&norm, article.date)
            .into_iter()
            .map(Item::from)
            .collect();
        // Persons from earlier articles whose surname occurs here where
        // the gazetteer has nothing.
        let remembered = remembered(&cx, &hits, memory);
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
        coref::resolve(&cx, &mut groups, &named);
        let pro = coref::pronouns(&cx, &groups);
        groups.extend(pro);
        groups.sort_by_key(|g| (g.a, g.b));
        let mentions = groups
            .into_iter()
            .filter(|g| places || !g.locative)
            .filter(|g| g.b > g.a)
            .map(|g| self.mention(&cx, g))
            .collect();
        let learned = persons
            .into_iter()
            .filter(|p| p.origin.is_none() && p.rememberable(&self.lex))
            .map(|p| LearnedPerson {
                name: p.name,
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
            name: g.name,
            entry: g.entries.join("+"),
        }
    }
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
