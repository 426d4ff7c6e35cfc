//! The event stage's driver: for each sentence, the steps in order.
//!
//! 1. [`super::trigger`]: prepare the sentence and match the verb
//!    patterns at their triggers;
//! 2. [`super::roles`]: who did it to whom, for each trigger;
//! 3. [`super::stance`]: negation, modality, attribution and a statement
//!    of intent;
//! 4. [`super::location`]: where, and a place that is the target;
//! 5. [`super::expand`]: the dyads of coordinated and reciprocal actors;
//! 6. [`super::assemble`]: one [`Event`] per code and dyad, then one per
//!    sentence, trigger, code and dyad (dedup).
//!
//! Each step reads the sentence ([`SentenceCtx`], defined with the
//! coder's state in [`super::engine`], below every step) and the earlier
//! steps' typed output, so a step can be replaced on its own (the roles
//! step by roles read from a dependency parse). Imports run one way:
//! this driver -> the steps -> `engine`.

use crate::actors::adjust::{self, EventActors};
use crate::actors::ActorMention;
use crate::ingest::Article;
use crate::places::PlaceMention;
use crate::syntax::Parses;
use crate::text::Analyzed;

use super::attribution::FrameCtx;
use super::engine::{EventCoder, SentenceCtx};
use super::sentence::Sent;
use super::Event;

impl EventCoder {
    /// True when a word of `toks` (a sentence's tokens) triggers a
    /// pattern: only such sentences can yield an event.
    pub fn may_trigger(&self, toks: &[crate::text::Token]) -> bool {
        toks.iter().any(|t| {
            self.lz.lemma_id(&t.norm).is_some_and(|l| self.pats.triggers(l))
        })
    }

    /// The first outlet named in each sentence, for medium nouns.
    fn outlets(&self, text: &str, analyzed: &Analyzed) -> Vec<Option<String>> {
        analyzed
            .sentences
            .iter()
            .enumerate()
            .map(|(i, _)| {
                // Outlet names need the words only: no lemmas or groups.
                let s = Sent::words(analyzed.sentence_tokens(i));
                self.sources
                    .outlet_in(&s, 0, s.len())
                    .map(|(a, b)| super::attribution::text_of(text, &s, a, b))
            })
            .collect()
    }

    /// All events in `article`, from its actors (as events bind them,
    /// [`adjust::for_events`]) and places. Events come undated (their
    /// `date` empty): [`crate::Coder`] dates them from the time stage.
    pub fn code(
        &self,
        article: &Article,
        analyzed: &Analyzed,
        parses: &Parses,
        actors: &EventActors,
        places: &[PlaceMention],
    ) -> Vec<Event> {
        let _ = parses;
        let mut out = Vec::new();
        let text = article.text.as_str();
        let outlets = self.outlets(text, analyzed);
        let mut last_outlet: Option<&str> = None;
        let first_outlet = outlets.iter().flatten().next().map(String::as_str);
        // Mentions grouped by sentence once, not filtered per sentence.
        let mut by_sentence: Vec<Vec<(usize, &ActorMention)>> =
            vec![Vec::new(); analyzed.sentences.len()];
        for (i, m) in actors.mentions.iter().enumerate() {
            if let Some(v) = by_sentence.get_mut(m.sentence) {
                v.push((i, m));
            }
        }
        for (si, named) in outlets.iter().enumerate() {
            if let Some(o) = named {
                last_outlet = Some(o);
            }
            let mentions = std::mem::take(&mut by_sentence[si]);
            let toks = analyzed.sentence_tokens(si);
            let Some((s, triggers)) =
                self.triggers(text, toks, mentions, actors.first_place)
            else {
                continue;
            };
            let paren = self.grammar.parentheticals(&s);
            let frames = FrameCtx {
                text,
                grammar: &self.grammar,
                sources: &self.sources,
                outlet: last_outlet.or(first_outlet),
            }
            .frames(&s, &paren);
            let cx = SentenceCtx {
                article,
                analyzed,
                si,
                s: &s,
                actors: &actors.mentions,
                paren: &paren,
                frames: &frames,
            };
            self.code_sentence(&cx, actors, places, &triggers, &mut out);
        }
        super::assemble::dedup(&mut out);
        out
    }

    /// The events of one prepared sentence's triggers, into `out`.
    fn code_sentence(
        &self,
        cx: &SentenceCtx<'_>,
        actors: &EventActors,
        places: &[PlaceMention],
        triggers: &[super::trigger::Trigger],
        out: &mut Vec<Event>,
    ) {
        let recode = adjust::distributed_roles(
            cx.text(),
            cx.s.groups
                .iter()
                .filter(|g| !g.place)
                .map(|g| g.members.as_slice()),
            cx.actors,
        );
        let located = self.located_places(cx.s, cx.si, places);
        for t in triggers {
            let Some(roles) = self.roles(cx, t) else { continue };
            let stance = self.stance(cx, t, &roles);
            let (location, place) = match self.location_among(
                cx.s,
                places,
                &located,
                roles.clause,
                t.v(),
            ) {
                Some((l, pi)) => (Some(l), actors.place_actor[pi]),
                None => (None, None),
            };
            let dyads =
                super::expand::dyads(cx.s, t, &roles, actors.first_place);
            let found = super::assemble::Found {
                roles: &roles,
                stance: &stance,
                location,
                place,
                dyads: &dyads,
            };
            self.assemble(cx, t, &found, &recode, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::Article;
    use crate::Coder;

    /// (text, [(cameo, date)]): each event is dated from its own clause.
    #[test]
    fn dates_each_clause() {
        let coder = Coder::builtin().expect("coder");
        let date = chrono::NaiveDate::from_ymd_opt(2024, 2, 11).expect("date");
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Israel attacked Lebanon on Monday; on Tuesday Egypt condemned Israel.",
                &[("190", "2024-02-05"), ("111", "2024-02-06")],
            ),
            (
                "Egypt condemned Israel on Tuesday after Israel attacked Lebanon on Monday.",
                &[("111", "2024-02-06"), ("190", "2024-02-05")],
            ),
            ("Russia attacked Ukraine.", &[("190", "2024-02-11")]),
        ];
        for (text, want) in cases {
            let a = Article::new("t", date, text);
            let got: Vec<(String, String)> = coder
                .code(&a)
                .into_iter()
                .filter(|e| e.cameo.as_str().len() == 3 && e.cameo != "112")
                .map(|e| (e.cameo.to_string(), e.date))
                .collect();
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(c, d)| (c.to_string(), d.to_string()))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
