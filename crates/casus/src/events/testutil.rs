//! Test fixtures for the event stage's steps: the built-in coder and the
//! actor and place stages run over a sentence, so that each step's table
//! tests read what the pipeline would hand it.

use crate::actors::adjust::{self, EventActors, PlaceActor};
use crate::actors::ActorMatcher;
use crate::ingest::Article;
use crate::places::{PlaceMatcher, PlaceMention};
use crate::text::Analyzed;

use super::attribution::FrameCtx;
use super::engine::{EventCoder, SentenceCtx};
use super::roles::Found;
use super::sentence::Sent;
use super::stance::Stance;
use super::trigger::Trigger;
use super::Event;

/// The built-in stages, for running steps on one sentence.
pub(crate) struct Fixture {
    coder: EventCoder,
    actors: ActorMatcher,
    places: PlaceMatcher,
}

/// A sentence's text as the steps see it.
struct Prepared {
    article: Article,
    analyzed: Analyzed,
    actors: EventActors,
    places: Vec<PlaceMention>,
}

impl Fixture {
    /// The built-in stages.
    pub fn builtin() -> Fixture {
        Fixture {
            coder: EventCoder::builtin().expect("event coder"),
            actors: ActorMatcher::builtin().expect("actors"),
            places: PlaceMatcher::builtin().expect("places"),
        }
    }

    fn prepare(&self, text: &str) -> Prepared {
        let date = "2024-02-11".parse().expect("date");
        let article = Article::new("t", date, text);
        let analyzed = crate::text::analyze(text);
        let mentions = self.actors.find(&article, &analyzed);
        let places = self.places.find(text, &analyzed);
        let stand_ins: Vec<Option<PlaceActor<'_>>> = places
            .iter()
            .map(|p| {
                Some(PlaceActor {
                    span: p.span,
                    sentence: p.sentence,
                    country: p.country.as_deref()?,
                    name: &p.name,
                    entry: &p.entry,
                })
            })
            .collect();
        let actors = adjust::for_events(text, &mentions, &stand_ins);
        Prepared { article, analyzed, actors, places }
    }

    /// Runs `f` on the first sentence of `text`, prepared, with its
    /// triggers; `None` when no pattern fires there.
    fn with_first<R>(
        &self,
        text: &str,
        f: impl FnOnce(&SentenceCtx<'_>, &[Trigger], &Prepared) -> R,
    ) -> Option<R> {
        let p = self.prepare(text);
        let toks = p.analyzed.sentence_tokens(0);
        let mentions = p
            .actors
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.sentence == 0)
            .collect();
        let (s, triggers) =
            self.coder.triggers(text, toks, mentions, p.actors.first_place)?;
        let paren = self.coder.grammar.parentheticals(&s);
        let frames = FrameCtx {
            text,
            grammar: &self.coder.grammar,
            sources: &self.coder.sources,
            outlet: None,
        }
        .frames(&s, &paren);
        let cx = SentenceCtx {
            article: &p.article,
            analyzed: &p.analyzed,
            si: 0,
            s: &s,
            actors: &p.actors.mentions,
            paren: &paren,
            frames: &frames,
        };
        Some(f(&cx, &triggers, &p))
    }

    /// Each trigger of the first sentence, with its word.
    pub fn triggers(&self, text: &str) -> Vec<(String, Trigger)> {
        self.with_first(text, |cx, ts, _| {
            ts.iter()
                .map(|t| {
                    (cx.s.toks[t.v()].span.slice(text).to_string(), t.clone())
                })
                .collect()
        })
        .unwrap_or_default()
    }

    /// Whether `word` is used as a noun in `text`'s first sentence.
    pub fn noun_use(&self, text: &str, word: &str) -> bool {
        let analyzed = crate::text::analyze(text);
        let toks = analyzed.sentence_tokens(0);
        let lem = Sent::lemmas(toks, &self.coder.lz);
        let s = Sent::with_lemmas(text, toks, lem, &[], 0);
        let v = toks
            .iter()
            .position(|t| t.span.slice(text) == word)
            .expect("word in text");
        self.coder.noun_use(&s, v)
    }

    /// The text of actor group `g`.
    fn group_text(cx: &SentenceCtx<'_>, g: usize) -> String {
        let gr = &cx.s.groups[g];
        let a = cx.s.toks[gr.start].span.start as usize;
        let b = cx.s.toks[gr.end - 1].span.end as usize;
        cx.text()[a..b].to_string()
    }

    /// The first trigger's roles, as group texts.
    pub fn first_roles(
        &self,
        text: &str,
    ) -> Option<(Option<String>, Found, Option<String>, Found)> {
        self.with_first(text, |cx, ts, _| {
            let r = self.coder.roles(cx, ts.first()?)?;
            let g = |g: Option<usize>| g.map(|g| Fixture::group_text(cx, g));
            Some((g(r.source), r.source_found, g(r.target), r.target_found))
        })
        .flatten()
    }

    /// The first trigger's stance.
    pub fn first_stance(&self, text: &str) -> Option<Stance> {
        self.with_first(text, |cx, ts, _| {
            let t = ts.first()?;
            let r = self.coder.roles(cx, t)?;
            Some(self.coder.stance(cx, t, &r))
        })
        .flatten()
    }

    /// The first trigger's location name.
    pub fn first_location(&self, text: &str) -> Option<String> {
        self.with_first(text, |cx, ts, p| {
            let t = ts.first()?;
            let r = self.coder.roles(cx, t)?;
            let (l, _) =
                self.coder.location(cx.s, 0, &p.places, r.clause, t.v())?;
            Some(l.name)
        })
        .flatten()
    }

    /// The first trigger's dyads, as "source>target" mention texts.
    pub fn first_dyads(&self, text: &str) -> Vec<String> {
        self.with_first(text, |cx, ts, p| {
            let Some(t) = ts.first() else { return Vec::new() };
            let Some(r) = self.coder.roles(cx, t) else { return Vec::new() };
            let d = super::expand::dyads(cx.s, t, &r, p.actors.first_place);
            let name = |i: Option<usize>| {
                i.map_or("-".to_string(), |i| {
                    cx.actors[i].span.slice(text).to_string()
                })
            };
            d.pairs
                .iter()
                .map(|(a, b)| format!("{}>{}", name(*a), name(*b)))
                .collect()
        })
        .unwrap_or_default()
    }

    /// Every event of `text`, undated, before dedup's order matters.
    pub fn raw_events(&self, text: &str) -> Vec<Event> {
        let p = self.prepare(text);
        self.coder.code(
            &p.article,
            &p.analyzed,
            &crate::syntax::Parses::none(),
            &p.actors,
            &p.places,
        )
    }

    /// Every event of `text` as "source>cameo>target" codes.
    pub fn events(&self, text: &str) -> Vec<String> {
        let code = |a: &Option<super::EventActor>| {
            a.as_ref().map_or("-".to_string(), |a| a.code.to_string())
        };
        self.raw_events(text)
            .iter()
            .map(|e| {
                format!("{}>{}>{}", code(&e.source), e.cameo, code(&e.target))
            })
            .collect()
    }
}
