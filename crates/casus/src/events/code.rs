//! Event assembly: patterns + clause roles + cues -> [`Event`]s.

use std::collections::HashMap;

use crate::actors::adjust::{self, EventActors};
use crate::actors::ActorMention;
use crate::dict::Dictionaries;
use crate::ingest::Article;
use crate::places::PlaceMention;
use crate::span::Span;
use crate::text::Analyzed;
use crate::time::{DateFrom, Precision};

use super::attribution::{FrameCtx, Sources};
use super::cameo::{
    CameoTable, DoerTable, IntentTable, BUILTIN_DOERS, BUILTIN_INTENT,
};
use super::lemma::{parse_irregular, Lemmatizer, BUILTIN_LEMMAS};
use super::lexicon::{
    parse_attribution, parse_modality, parse_negation, AttrKind, Control,
    BUILTIN_ATTRIBUTION, BUILTIN_MODALITY, BUILTIN_NEGATION,
};
use super::modality::Cues;
use super::patterns::{pattern_words, PatternSet};
use super::plover::PloverTable;
use super::sentence::{Sent, NO_LEMMA};
use super::syntax::{class, parse_syntax, Grammar, BUILTIN_SYNTAX};
use super::tabari_walk::{Walk, BUILTIN_WALK};
use super::{Attribution, Event, EventActor, Location, Modality};
use crate::codes::{CameoCode, PatternCode};

/// CAMEO roots whose events are mutual when coordinated actors act with
/// no object ("Israel and Hamas agreed", "met", "clashed").
const RECIPROCAL_ROOTS: &[&str] = &["03", "04", "05", "06", "19"];

/// CAMEO roots of acts addressed to an actor (appeals, demands,
/// disapproval, rejection, threats): they never take a place as their
/// target.
const VERBAL_ROOTS: &[&str] = &["02", "10", "11", "12", "13"];

/// CAMEO codes coded in both directions when both actors are named
/// ("X negotiated with Y": Y also negotiated with X). Meetings and visits
/// are coded in the direction the text reports them.
const MUTUAL_CODES: &[&str] = &["046"];

/// Codes events from the earlier stages' output. `Send + Sync`.
#[derive(Clone, Debug, Default)]
pub struct EventCoder {
    lz: Lemmatizer,
    pats: PatternSet,
    grammar: Grammar,
    cues: Cues,
    sources: Sources,
    cameo: CameoTable,
    plover: PloverTable,
    discards: crate::util::FastMap<String, Vec<Vec<String>>>,
    /// Lemma ids of auxiliaries and modality cue words: they end a noun
    /// phrase when looking for a determiner before a trigger.
    aux: Vec<u32>,
    any_verbal: bool,
    intent: IntentTable,
    /// Lemma ids of the intent table's declaring verbs, any act.
    declare: Vec<u32>,
    /// Lemma ids of declaring verbs for cooperative acts only.
    declare_coop: Vec<u32>,
    /// Lemma ids of speech verbs that only claim (`doubt` in
    /// dicts/intent.tsv).
    doubt: Vec<u32>,
    /// By pattern index: the pattern starts with its target slot
    /// ("+ receive aid from $"): the clause subject is the target.
    subject_target: Vec<bool>,
    /// Acts recoded by their doer (`dicts/doers.tsv`).
    doers: DoerTable,
}

fn dict_err<T>(
    r: Result<T, Vec<crate::error::DictError>>,
    errs: &mut Vec<crate::error::DictError>,
) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) => {
            errs.extend(e);
            None
        }
    }
}

impl EventCoder {
    /// A coder with the built-in patterns.
    pub fn builtin() -> crate::error::Result<EventCoder> {
        EventCoder::new(&crate::dict::builtin_verbs()?)
    }

    /// A coder over the verb patterns (and synsets, discards) in `dicts`.
    pub fn new(dicts: &Dictionaries) -> crate::error::Result<EventCoder> {
        let mut errs = Vec::new();
        let irregular = dict_err(
            parse_irregular("dicts/lemmas.tsv", BUILTIN_LEMMAS),
            &mut errs,
        );
        let modality = dict_err(
            parse_modality("dicts/modality.tsv", BUILTIN_MODALITY),
            &mut errs,
        );
        let negation = dict_err(
            parse_negation("dicts/negation.tsv", BUILTIN_NEGATION),
            &mut errs,
        );
        let attr = dict_err(
            parse_attribution("dicts/attribution.tsv", BUILTIN_ATTRIBUTION),
            &mut errs,
        );
        let classes = dict_err(
            parse_syntax("dicts/syntax.tsv", BUILTIN_SYNTAX),
            &mut errs,
        );
        let cameo = dict_err(
            CameoTable::parse("dicts/cameo.tsv", super::cameo::BUILTIN_CAMEO),
            &mut errs,
        );
        let plover = dict_err(
            PloverTable::parse(
                "dicts/plover.tsv",
                super::plover::BUILTIN_PLOVER,
            ),
            &mut errs,
        );
        let intent = dict_err(
            IntentTable::parse("dicts/intent.tsv", BUILTIN_INTENT),
            &mut errs,
        );
        let doers = dict_err(
            DoerTable::parse("dicts/doers.tsv", BUILTIN_DOERS),
            &mut errs,
        );
        let walk = dict_err(
            Walk::parse("dicts/tabari_walk.txt", BUILTIN_WALK),
            &mut errs,
        );
        let (
            Some(irregular),
            Some(modality),
            Some(negation),
            Some(attr),
            Some(classes),
            Some(cameo),
            Some(plover),
            Some(intent),
            Some(doers),
            Some(walk),
        ) = (
            irregular, modality, negation, attr, classes, cameo, plover,
            intent, doers, walk,
        )
        else {
            return Err(crate::error::Error::Dict(errs));
        };
        let mut words = pattern_words(dicts);
        for c in &modality {
            words.extend(c.words.iter().cloned());
        }
        for n in &negation {
            words.extend(n.iter().cloned());
        }
        for (w, _) in &attr {
            words.extend(w.iter().cloned());
        }
        words.extend(["be", "get", "have"].map(String::from));
        words.extend(intent.declare.iter().map(|(w, _)| w.clone()));
        words.extend(intent.doubt.iter().cloned());
        words.sort();
        words.dedup();
        let lz = Lemmatizer::new(words.iter().map(String::as_str), &irregular);
        let id = |w: &str| lz.canon(w).unwrap_or(NO_LEMMA);
        let pats = PatternSet::new(&dicts.verbs, &dicts.synsets, &lz, walk);
        let mut control = HashMap::new();
        for c in &modality {
            if c.control != Control::None && c.words.len() == 1 {
                control.insert(id(&c.words[0]), c.control);
            }
            // "call on X to": the first word governs.
            if c.control != Control::None && c.words.len() > 1 {
                control.entry(id(&c.words[0])).or_insert(c.control);
            }
        }
        control.remove(&NO_LEMMA);
        let speech = attr
            .iter()
            .filter(|(w, k)| *k == AttrKind::Speech && w.len() == 1)
            .map(|(w, _)| id(&w[0]))
            .filter(|&i| i != NO_LEMMA)
            .collect();
        let grammar =
            Grammar { classes, be: id("be"), get: id("get"), speech, control };
        let cues = Cues::new(&modality, &negation, id);
        let mut aux: Vec<u32> = modality
            .iter()
            .filter_map(|c| c.words.first())
            .chain(negation.iter().flatten())
            .map(|w| id(w))
            .collect();
        aux.extend([id("be"), id("get"), id("have"), id("do")]);
        aux.retain(|&i| i != NO_LEMMA);
        aux.sort_unstable();
        aux.dedup();
        let ids = |coop: bool| -> Vec<u32> {
            intent
                .declare
                .iter()
                .filter(|(_, c)| *c == coop)
                .map(|(w, _)| id(w))
                .filter(|&i| i != NO_LEMMA)
                .collect()
        };
        let declare = ids(false);
        let declare_coop = ids(true);
        let doubt = intent
            .doubt
            .iter()
            .map(|w| id(w))
            .filter(|&i| i != NO_LEMMA)
            .collect();
        let leading: std::collections::HashSet<String> = dicts
            .verbs
            .iter()
            .filter(|p| {
                matches!(p.before.first(), Some(crate::dict::Elem::Target))
            })
            .map(|p| p.origin.to_string())
            .collect();
        let subject_target = (0..pats.len())
            .map(|i| leading.contains(pats.origin(i)))
            .collect();
        let mut discards: crate::util::FastMap<String, Vec<Vec<String>>> =
            Default::default();
        for d in &dicts.discards {
            let ws: Vec<String> = crate::text::normalize(d)
                .split_whitespace()
                .map(String::from)
                .collect();
            if let Some(f) = ws.first() {
                discards.entry(f.clone()).or_default().push(ws);
            }
        }
        let any_verbal = pats.any_verbal();
        Ok(EventCoder {
            lz,
            pats,
            grammar,
            cues,
            sources: Sources::new(&attr),
            cameo,
            plover,
            discards,
            aux,
            any_verbal,
            intent,
            declare,
            declare_coop,
            doubt,
            subject_target,
            doers,
        })
    }

    /// Number of compiled verb patterns.
    pub fn pattern_count(&self) -> usize {
        self.pats.len()
    }

    fn discarded(&self, s: &Sent<'_>) -> bool {
        if self.discards.is_empty() {
            return false;
        }
        (0..s.len()).any(|i| {
            self.discards.get(s.norm(i)).is_some_and(|ds| {
                ds.iter().any(|d| {
                    d.iter().enumerate().all(|(k, w)| s.norm(i + k) == w)
                })
            })
        })
    }

    /// Whether the trigger at `v` heads a noun phrase: a determiner or a
    /// possessive before it, over modifiers ("a brief private visit",
    /// "an anti- Gondor parade", "Russia's attack"). Past forms are verbs.
    fn noun_use(&self, s: &Sent<'_>, v: usize) -> bool {
        let w = s.norm(v);
        if s.lem[v] == NO_LEMMA {
            return false;
        }
        // An inflected form other than a plural or a gerund ("left",
        // "met", "condemned") is a verb.
        if w != self.lz.lemma(s.lem[v])
            && !w.ends_with('s')
            && !w.ends_with("ing")
        {
            return false;
        }
        let mut i = v;
        while i > 0 && v - i < 6 {
            i -= 1;
            if s.toks[i].kind == crate::text::TokenKind::Possessive {
                return true;
            }
            if let Some(g) = s.group_of[i] {
                // "anti- Gondor": an actor inside a hyphenated modifier.
                let st = s.groups[g].start;
                if st > 0 && s.norm(st - 1) == "-" {
                    i = st;
                    continue;
                }
                // "an Islamic State target": after an indefinite article
                // a name is a modifier and the bare word its head noun.
                return st > 0
                    && w == self.lz.lemma(s.lem[v])
                    && matches!(s.norm(st - 1), "a" | "an");
            }
            let c = self.grammar.class(s, i);
            if c & class::DET != 0 {
                return true;
            }
            let word = s.norm(i);
            // "in favor of", "appealed for peace": a bare or plural form
            // after a preposition (not the infinitive "to") is a noun.
            if c & (class::PREP | class::ATTACH | class::AGENT) != 0 {
                return i + 1 == v && word != "to" && !w.ends_with("ing");
            }
            let modifier = word == "-"
                || (c == 0
                    && word.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit()
                    })
                    && !s.cap[i]
                    && !word.ends_with("ly")
                    && self.aux.binary_search(&s.lem[i]).is_err());
            if !modifier {
                return false;
            }
        }
        false
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

    /// All events in `article`.
    pub fn code(
        &self,
        article: &Article,
        analyzed: &Analyzed,
        actors: &EventActors,
        places: &[PlaceMention],
    ) -> Vec<Event> {
        let mut out = Vec::new();
        let text = article.text.as_str();
        let first_place = actors.first_place;
        let place_actor = &actors.place_actor;
        let actors = &actors.mentions[..];
        let outlets = self.outlets(text, analyzed);
        let mut last_outlet: Option<&str> = None;
        let first_outlet = outlets.iter().flatten().next().map(String::as_str);
        // Mentions grouped by sentence once, not filtered per sentence.
        let mut by_sentence: Vec<Vec<(usize, &ActorMention)>> =
            vec![Vec::new(); analyzed.sentences.len()];
        for (i, m) in actors.iter().enumerate() {
            if let Some(v) = by_sentence.get_mut(m.sentence) {
                v.push((i, m));
            }
        }
        for (si, named) in outlets.iter().enumerate() {
            if let Some(o) = named {
                last_outlet = Some(o);
            }
            let toks = analyzed.sentence_tokens(si);
            if toks.is_empty() {
                continue;
            }
            // No word that triggers a pattern: no event (and no need to
            // prepare the sentence).
            // The lemmas are looked up once, for this test and the
            // sentence.
            let lem = Sent::lemmas(toks, &self.lz);
            if !lem.iter().any(|&l| self.pats.triggers(l)) {
                continue;
            }
            let mut mentions = std::mem::take(&mut by_sentence[si]);
            mentions.sort_by_key(|(i, m)| (m.span.start, *i));
            let mut s =
                Sent::with_lemmas(text, toks, lem, &mentions, first_place);
            if self.any_verbal {
                // Read by the pattern search at triggers only.
                s.nominal = (0..s.len())
                    .map(|v| {
                        self.pats.triggers(s.lem[v])
                            && (self.noun_use(&s, v)
                                || self.pats.walk().adjectival(&s, v))
                    })
                    .collect();
            }
            if self.discarded(&s) {
                continue;
            }
            let matches = self.pats.find(&s);
            if matches.is_empty() {
                continue;
            }
            let paren = self.grammar.parentheticals(&s);
            let ctx = FrameCtx {
                text,
                grammar: &self.grammar,
                sources: &self.sources,
                outlet: last_outlet.or(first_outlet),
            };
            let frames = ctx.frames(&s, &paren);
            let recode = adjust::distributed_roles(
                text,
                s.groups
                    .iter()
                    .filter(|g| !g.place)
                    .map(|g| g.members.as_slice()),
                actors,
            );
            // TABARI/PETRARCH code a verb phrase once: not the verbs
            // embedded in a coded one.
            let embedded = self.pats.walk().embedded_matches(
                &s,
                &matches
                    .iter()
                    .map(|m| {
                        let coded = !self.pats.cameo(m.pattern).is_discard();
                        (
                            m.trigger,
                            m.end,
                            coded && self.pats.verbal(m.pattern),
                        )
                    })
                    .collect::<Vec<_>>(),
            );
            for (m, _) in matches.into_iter().zip(embedded).filter(|(_, e)| !e)
            {
                let cameo = self.pats.cameo(m.pattern);
                if cameo.is_discard() {
                    continue;
                }
                let v = m.trigger;
                // TABARI/PETRARCH patterns: verbs only, never nouns.
                let verbal = self.pats.verbal(m.pattern);
                let mut roles = self.grammar.roles(&s, &paren, v, m.end);
                // Frames reporting this trigger (not the trigger's own).
                let inside: Vec<_> = frames
                    .iter()
                    .filter(|f| f.verb != v && f.start <= v && v < f.end)
                    .collect();
                // Objects stay inside the reported clause ("..., killing
                // eight people, state media reported": not the media).
                roles.objects.retain(|&o| {
                    let st = s.groups[o].start;
                    inside.iter().all(|f| f.start <= st && st < f.end)
                });
                // Nor a generic actor inside the pattern's own words
                // ("conduct military exercises": "military" is no object;
                // "took Israeli hostages": Israel is).
                let last_lit = m.literals.last().copied().unwrap_or(v);
                roles.objects.retain(|&o| {
                    !(s.groups[o].generic && s.groups[o].start < last_lit)
                });
                roles.object = roles.objects.first().copied();
                let mut subject = roles.subject;
                // A pattern with words before the verb ("indicated it
                // would * now"): the subject precedes its first word.
                let first = m.literals.first().copied().unwrap_or(v);
                if verbal && first < v {
                    let cs = self.grammar.clause_start(&s, &paren, first);
                    subject = self
                        .grammar
                        .subject_in(&s, &paren, cs, first)
                        .or(subject);
                }
                // "..., a senior official said": the actor after the last
                // comma before the verb is its subject.
                if verbal {
                    if let Some(g) = after_comma(&s, &paren, first) {
                        subject = Some(g);
                    }
                }
                if subject.is_none() && roles.pronoun {
                    subject =
                        inside.iter().rev().find_map(|f| f.speaker_group);
                }
                // A nominal trigger ("the killing of ...") has no clause
                // subject: only a bound or "by" source.
                let nominal = self.nominal(&s, v, &m.literals);
                // "Russia's attack": the possessor is the doer.
                let possessor = (v >= 2
                    && s.toks[v - 1].kind
                        == crate::text::TokenKind::Possessive)
                    .then(|| s.group_of[v - 1].or(s.group_of[v - 2]))
                    .flatten()
                    .filter(|&g| !s.groups[g].place);
                // "Israeli tank shelling": an actor modifying a nominal
                // trigger is its doer.
                let possessor = possessor.or_else(|| {
                    let t = s.norm(v);
                    if !(t.ends_with("ing") || t.ends_with('s'))
                        || self.grammar.passive(&s, v)
                    {
                        return None;
                    }
                    let mut i = v;
                    while i > 0 && v - i < 3 {
                        i -= 1;
                        if let Some(g) = s.group_of[i] {
                            return (!s.groups[g].place).then_some(g);
                        }
                        let det = self.grammar.class(&s, i) & class::DET != 0;
                        if det
                            || s.norm(i).ends_with("ed")
                            || (!self.modifier_word(&s, i)
                                && !m.literals.contains(&i))
                        {
                            return None;
                        }
                    }
                    None
                });
                // "killed in an Israeli air strike": a demonym after "in"
                // (over modifier words) makes the trigger a noun and names
                // its doer; an adjective is never the trigger's subject.
                let means_doer = if possessor.is_none() {
                    let mut i = v;
                    let mut found = None;
                    while i > 0 && v - i < 3 {
                        i -= 1;
                        if let Some(g) = s.group_of[i] {
                            let gr = &s.groups[g];
                            found = (gr.members.len() == 1
                                && !gr.place
                                && means_modifier(&s, g)
                                && demonym(text, &actors[gr.members[0]]))
                            .then_some(g);
                            break;
                        }
                        if !self.modifier_word(&s, i)
                            && !m.literals.contains(&i)
                        {
                            break;
                        }
                    }
                    found
                } else {
                    None
                };
                let nominal = nominal || means_doer.is_some();
                let possessor = possessor.or(means_doer);
                // "jailed X for helping": the object does the gerund.
                let subject = if nominal || possessor.is_some() {
                    subject
                } else {
                    self.grammar
                        .gerund_doer(&s, &paren, subject, v)
                        .or(subject)
                };
                let subject = possessor.or(subject);
                // TABARI/PETRARCH read a passive only with its "by"
                // agent; without one the subject stays the source.
                let passive = roles.passive
                    && (!verbal
                        || roles.agent.is_some()
                        || m.source.is_some());
                // Nor is the actor modifying the means after "in" ("were
                // killed in Israeli shelling": the doer's adjective).
                let bound_tgt = m.target.filter(|&t| {
                    !passive
                        || (Some(t) != roles.agent
                            && !(means_modifier(&s, t)
                                && s.groups[t]
                                    .members
                                    .iter()
                                    .all(|&a| demonym(text, &actors[a]))))
                });
                let (src, tgt) = if passive {
                    // A reduced relative ("victims killed by ...") is done
                    // to the noun right before it, not the clause subject.
                    let aux = (v.saturating_sub(4)..v).any(|i| {
                        s.lem[i] != NO_LEMMA
                            && (s.lem[i] == self.grammar.be
                                || s.lem[i] == self.grammar.get)
                    });
                    let patient = if aux {
                        subject
                    } else {
                        v.checked_sub(1)
                            .and_then(|i| s.group_of[i])
                            .filter(|&g| !s.groups[g].place)
                    };
                    (m.source.or(roles.agent), bound_tgt.or(patient))
                } else if nominal {
                    // "by X", "by an ECOWAS delegation"; not the agent of
                    // a participle in between ("the release of hostages
                    // held by X").
                    let by = roles.objects.iter().copied().find(|&o| {
                        let st = s.groups[o].start;
                        let b = if st > 0 && s.norm(st - 1) == "by" {
                            st - 1
                        } else if st > 1
                            && s.norm(st - 2) == "by"
                            && self.grammar.class(&s, st - 1) & class::DET != 0
                        {
                            st - 2
                        } else {
                            return false;
                        };
                        b > v
                            && b - v <= 4
                            && (v + 1..b).all(|i| {
                                !(s.norm(i).ends_with("ed")
                                    || self.grammar.class(&s, i)
                                        & class::PARTICIPLE
                                        != 0)
                            })
                    });
                    (
                        m.source.or(possessor).or(roles.agent).or(by),
                        m.target.or(roles
                            .objects
                            .iter()
                            .copied()
                            .find(|&o| Some(o) != by)),
                    )
                } else {
                    // "help victims killed by X": a by-phrase is not the
                    // object of an active trigger.
                    let obj = roles.objects.iter().copied().find(|&o| {
                        let mut st = s.groups[o].start;
                        while st > v + 1
                            && self.grammar.class(&s, st - 1) & class::DET != 0
                        {
                            st -= 1;
                        }
                        !(st >= 2
                            && s.norm(st - 1) == "by"
                            && st - 2 > v
                            && s.norm(st - 2).ends_with("ed"))
                    });
                    // "+ receive aid from $": the subject receives.
                    if self.subject_target.get(m.pattern) == Some(&true)
                        && m.target.is_none()
                        && subject != m.source
                    {
                        (m.source, subject)
                    } else {
                        (m.source.or(subject), m.target.or(obj))
                    }
                };
                if nominal && src.is_none() {
                    continue;
                }
                // TABARI/PETRARCH take the target anywhere in the verb
                // phrase, subordinate clauses included ("allowed that
                // Mordor ...", "postponed ... after X"), but never the
                // speaker of a report.
                let is_speaker = |g: usize| {
                    frames.iter().any(|f| f.speaker_group == Some(g))
                };
                let tgt = if verbal {
                    tgt.filter(|&g| !is_speaker(g)).or_else(|| {
                        let from = m.end.max(v + 1);
                        (0..s.groups.len()).find(|&g| {
                            let gr = &s.groups[g];
                            gr.start >= from
                                && Some(g) != src
                                && !is_speaker(g)
                                && !(from..gr.start)
                                    .any(|i| matches!(s.norm(i), ";" | "."))
                        })
                    })
                } else {
                    tgt
                };
                let tgt = if tgt == src && !passive {
                    roles.objects.iter().copied().find(|&o| Some(o) != src)
                } else {
                    tgt
                };
                let tgt = if tgt == src { None } else { tgt };
                // An appeal, demand, accusation or threat is addressed to
                // an actor, not to the place named after "in" in its
                // object ("pushing for a truce in Sudan"; but "sought
                // refuge in Iran", "lashed out at Britain").
                let tgt = tgt.filter(|&g| {
                    let gr = &s.groups[g];
                    !(gr.place
                        && root_in(cameo, VERBAL_ROOTS)
                        && gr.start > 1
                        && self.grammar.class(&s, gr.start - 1)
                            & class::LOCPREP
                            != 0
                        && !m.literals.contains(&(gr.start - 2)))
                });
                let (negated, mut modality) = self.cues.analyse(
                    &s,
                    roles.clause_start.saturating_sub(1),
                    v,
                    &paren,
                );
                // "wants Putin to attack": asked of Putin, not intended.
                if matches!(modality, Modality::Intended | Modality::Asserted)
                    && self.grammar.object_controlled(&s, v)
                {
                    modality = Modality::Requested;
                }
                // A statement of one's own intent is the event CAMEO codes
                // ("X wants to attack Y": threaten; "X said it would not
                // free Y": refuse), from dicts/intent.tsv.
                let preposed = inside
                    .iter()
                    .rev()
                    .find(|f| f.start == f.verb + 1)
                    .copied();
                let speaker_is_source = src.is_some()
                    && preposed.and_then(|f| f.speaker_group) == src;
                let cooperative =
                    cameo.forward().is_some_and(|c| c.is_cooperative());
                let declared = modality == Modality::Intended
                    && src.is_some()
                    && (speaker_is_source
                        || self.grammar.declared_by(&s, v, &self.declare)
                        || (cooperative
                            && self.grammar.declared_by(
                                &s,
                                v,
                                &self.declare_coop,
                            )));
                let origin = self.pats.origin(m.pattern).to_string();
                // The statement itself is an asserted event next to the
                // (intended or negated) act.
                let statement = if declared {
                    self.intent
                        .declared(cameo, negated)
                        .map(|w| (w.code, format!("{origin}+{}", w.origin)))
                } else {
                    None
                };
                let speaker =
                    inside.iter().rev().find_map(|f| f.speaker.clone());
                let outlet =
                    inside.iter().rev().find_map(|f| f.outlet.clone());
                let attribution = (speaker.is_some() || outlet.is_some())
                    .then_some(Attribution { speaker, outlet });
                let lo = m.literals.first().copied().unwrap_or(v);
                let hi = m.literals.last().copied().unwrap_or(v);
                let span = Span::new(
                    toks[lo].span.start as usize,
                    toks[hi].span.end as usize,
                );
                let (location, place) =
                    match self.location(&s, si, places, &roles, v) {
                        Some((l, pi)) => (Some(l), place_actor[pi]),
                        None => (None, None),
                    };
                let members = |g: Option<usize>| -> Vec<Option<usize>> {
                    match g {
                        Some(g) => s.groups[g]
                            .members
                            .iter()
                            .map(|&i| Some(i))
                            .collect(),
                        None => vec![None],
                    }
                };
                let mut pairs = Vec::new();
                let srcs = members(src);
                // TABARI/PETRARCH code a coordinated subject against the
                // object when there is one.
                let coordinated_subject = m.target.is_none()
                    && subject.is_some()
                    && src == subject
                    && !(verbal && tgt.is_some());
                // Co-agents of a passive ("supported by A, B and C") are
                // not mutual.
                if (tgt.is_none() || coordinated_subject)
                    && !passive
                    && srcs.len() > 1
                    && root_in(cameo, RECIPROCAL_ROOTS)
                {
                    for a in &srcs {
                        for b in &srcs {
                            if a != b {
                                pairs.push((*a, *b));
                            }
                        }
                    }
                } else {
                    for a in &srcs {
                        for b in members(tgt) {
                            pairs.push((*a, b));
                        }
                    }
                }
                // TABARI/PETRARCH `A:B` codes: A from source to target,
                // B from target back to source (either may be empty).
                let (fwd, back) = (cameo.forward(), cameo.back());
                // Meetings and negotiations are mutual (TABARI/PETRARCH
                // dictionaries say so explicitly, with `A:B` codes).
                if MUTUAL_CODES.iter().any(|c| cameo.is(c)) && !verbal {
                    let rev: Vec<_> = pairs
                        .iter()
                        .filter(|(a, b)| {
                            a.is_some() && b.is_some_and(|b| b < first_place)
                        })
                        .map(|(a, b)| (*b, *a))
                        .collect();
                    for r in rev {
                        if !pairs.contains(&r) {
                            pairs.push(r);
                        }
                    }
                }
                let mut seen: Vec<(CameoCode, Option<usize>, Option<usize>)> =
                    Vec::new();
                // Only material acts are done to a place; an appeal,
                // demand or threat needs an addressee ("pushing for a
                // ceasefire in Gaza" is not addressed to Gaza).
                let material = !root_in(cameo, VERBAL_ROOTS);
                // The reporting verb's span, and the origin of an event
                // coded on it: under "claimed"/"alleged" the act is the
                // speaker's assertion, so the act's pattern is named too.
                let on_verb = |verb: usize, w_origin: &str| {
                    let vs = Span::new(
                        toks[verb].span.start as usize,
                        toks[verb].span.end as usize,
                    );
                    let o = if self.doubt.contains(&s.lem[verb]) {
                        format!("{origin}+{w_origin}")
                    } else {
                        w_origin.to_string()
                    };
                    (vs, o)
                };
                // "A claimed that B attacked C": A accuses B.
                if let (Some(f), Some(_), false, Modality::Asserted) =
                    (preposed, src, negated, modality)
                {
                    let speaker = f
                        .speaker_group
                        .filter(|&g| Some(g) != src)
                        .map(|g| s.groups[g].members[0]);
                    if let (Some(sp), Some(w)) =
                        (speaker, self.intent.alleged(cameo))
                    {
                        // The accusation stands for the act.
                        let (vs, w_origin) = on_verb(f.verb, &w.origin);
                        for a in srcs.iter().flatten() {
                            if actors[*a].country == actors[sp].country {
                                continue;
                            }
                            out.push(self.event(
                                article,
                                analyzed,
                                si,
                                vs,
                                w.code,
                                w_origin.clone(),
                                Some(&actors[sp]),
                                Some(&actors[*a]),
                                Cue { negated: false, modality },
                                attribution.clone(),
                                location.clone(),
                            ));
                        }
                    }
                }
                // "A said it had attacked B": A claims responsibility.
                if let (Some(f), true, false, Modality::Asserted) =
                    (preposed, speaker_is_source, negated, modality)
                {
                    if let Some(w) = self.intent.claimed(cameo) {
                        let (vs, w_origin) = on_verb(f.verb, &w.origin);
                        for (a, b) in &pairs {
                            let (Some(a), Some(b)) = (a, b) else { continue };
                            out.push(self.event(
                                article,
                                analyzed,
                                si,
                                vs,
                                w.code,
                                w_origin.clone(),
                                Some(&actors[*a]),
                                Some(&actors[*b]),
                                Cue { negated: false, modality },
                                attribution.clone(),
                                location.clone(),
                            ));
                        }
                    }
                }
                for (a, b) in pairs {
                    if a.is_none() && b.is_none() {
                        continue;
                    }
                    // No target: the place of the event, in another
                    // country, is what it is done to ("exercises in
                    // Alaska", "shelling in Gaza").
                    // A statement's topic phrase may name a place in the
                    // speaker's own country ("sorrow for the floods in
                    // Texas": USA -> USA).
                    let b = match (a, b, place) {
                        (Some(x), None, Some(p))
                            if material
                                && actors[p].span.start > toks[v].span.end
                                && actors[p].country.is_some()
                                && (actors[p].country
                                    != actors[x].country
                                    || (root_in(cameo, &["01"])
                                        && topic_place(
                                            &s,
                                            m.end,
                                            actors[p].span,
                                        ))) =>
                        {
                            Some(p)
                        }
                        _ => b,
                    };
                    // An actor acting on itself is almost always a
                    // mis-resolved slot ("France ... alleging Paris");
                    // the act stays, without the doubtful source
                    // ("Settlers in the West Bank set fire to
                    // Palestinian homes").
                    let a = match (a, b) {
                        (Some(x), Some(y))
                            if adjust::same_actor(&actors[x], &actors[y]) =>
                        {
                            None
                        }
                        _ => a,
                    };
                    for (code, x, y) in [(fwd, a, b), (back, b, a)] {
                        let Some(code) = code else { continue };
                        if seen.contains(&(code, x, y)) {
                            continue;
                        }
                        seen.push((code, x, y));
                        // "demolished by a protester": a riot.
                        let doer = x.and_then(|i| {
                            let head = actors[i]
                                .span
                                .slice(text)
                                .rsplit(|c: char| !c.is_alphanumeric())
                                .find(|w| !w.is_empty())?
                                .to_lowercase();
                            self.doers.recode(code, &head)
                        });
                        let (code, origin) = match doer {
                            Some(w) => {
                                (w.code, format!("{origin}+{}", w.origin))
                            }
                            None => (code, origin.clone()),
                        };
                        // TABARI compound codes `[A/B]`: one event per
                        // alternative of each actor.
                        let one = |i: Option<usize>| {
                            adjust::alternatives(
                                i.map(|i| &actors[i]),
                                i.and_then(|i| recode.get(&i)),
                            )
                        };
                        for xa in one(x) {
                            for ya in one(y) {
                                let ev = self.event(
                                    article,
                                    analyzed,
                                    si,
                                    span,
                                    code,
                                    origin.clone(),
                                    xa.as_deref(),
                                    ya.as_deref(),
                                    Cue { negated, modality },
                                    attribution.clone(),
                                    location.clone(),
                                );
                                out.push(ev);
                            }
                        }
                    }
                    if let Some((code, o)) = &statement {
                        out.push(self.event(
                            article,
                            analyzed,
                            si,
                            span,
                            *code,
                            o.clone(),
                            a.map(|i| &actors[i]),
                            b.map(|i| &actors[i]),
                            Cue {
                                negated: false,
                                modality: Modality::Asserted,
                            },
                            attribution.clone(),
                            location.clone(),
                        ));
                    }
                }
            }
        }
        // One event per sentence, trigger, code and dyad (the keys borrow
        // from the events: no copies).
        let keep: Vec<bool> = {
            let mut seen = crate::util::FastSet::default();
            out.iter()
                .map(|e| {
                    seen.insert((
                        e.sentence,
                        e.span,
                        e.cameo,
                        e.source.as_ref().map(|a| a.code.as_str()),
                        e.target.as_ref().map(|a| a.code.as_str()),
                    ))
                })
                .collect()
        };
        let mut keep = keep.into_iter();
        out.retain(|_| keep.next().unwrap_or(true));
        out
    }

    /// A nominal trigger: a determiner right before it, or before
    /// adjectives when the trigger is a gerund or takes "of"/"by" ("the
    /// brutal slaying of").
    fn nominal(&self, s: &Sent<'_>, v: usize, literals: &[usize]) -> bool {
        if v == 0 {
            return false;
        }
        if self.grammar.class(s, v - 1) & class::DET != 0 {
            return true;
        }
        let noun_like =
            s.norm(v).ends_with("ing") || matches!(s.norm(v + 1), "of" | "by");
        if !noun_like {
            return false;
        }
        let mut i = v;
        while i > 0 && v - i < 3 {
            i -= 1;
            if self.grammar.class(s, i) & class::DET != 0 {
                return i + 1 < v;
            }
            if !self.modifier_word(s, i) && !literals.contains(&i) {
                return false;
            }
        }
        false
    }

    /// A lowercase word that may modify a noun ("brutal", "tank", "air"):
    /// not punctuation, a name, an actor, an auxiliary or "to"/"not".
    fn modifier_word(&self, s: &Sent<'_>, i: usize) -> bool {
        let l = s.lem[i];
        s.toks[i].kind != crate::text::TokenKind::Punct
            && !s.cap[i]
            && s.group_of[i].is_none()
            && !(l != NO_LEMMA
                && (l == self.grammar.be || l == self.grammar.get))
            && self.grammar.class(s, i)
                & (class::PREP
                    | class::ATTACH
                    | class::BOUNDARY
                    | class::NONMOD)
                == 0
    }

    fn location(
        &self,
        s: &Sent<'_>,
        si: usize,
        places: &[PlaceMention],
        roles: &super::syntax::Roles,
        v: usize,
    ) -> Option<(Location, usize)> {
        let lo = s.toks[roles.clause_start.min(s.len() - 1)].span.start;
        let hi = s.toks[roles.clause_end.max(1).min(s.len()) - 1].span.end;
        let trig = s.toks[v].span.start;
        let mut best: Option<(u32, usize)> = None;
        // Places come in text order: this sentence's are one run.
        let first = places.partition_point(|p| p.sentence < si);
        let last =
            first + places[first..].partition_point(|p| p.sentence <= si);
        for (pi, p) in places.iter().enumerate().take(last).skip(first) {
            let ti = s.toks.partition_point(|t| t.span.end <= p.span.start);
            let prep = ti > 0 && {
                let mut j = ti - 1;
                while j > 0 && self.grammar.class(s, j) & class::DET != 0 {
                    j -= 1;
                }
                // "in the east of the Gaza Strip".
                if s.norm(j) == "of" && j >= 3 {
                    j -= 2;
                    while j > 0 && self.grammar.class(s, j) & class::DET != 0 {
                        j -= 1;
                    }
                }
                self.grammar.class(s, j) & class::LOCPREP != 0
            };
            if !prep {
                continue;
            }
            let in_clause = p.span.start >= lo && p.span.end <= hi;
            let dist = p.span.start.abs_diff(trig)
                + if in_clause { 0 } else { 100_000 };
            if best.map_or(true, |(d, _)| dist < d) {
                best = Some((dist, pi));
            }
        }
        best.map(|(_, pi)| {
            let p = &places[pi];
            (Location { name: p.name.clone(), country: p.country.clone() }, pi)
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        article: &Article,
        analyzed: &Analyzed,
        si: usize,
        span: Span,
        cameo: CameoCode,
        origin: String,
        source: Option<&ActorMention>,
        target: Option<&ActorMention>,
        cue: Cue,
        attribution: Option<Attribution>,
        location: Option<Location>,
    ) -> Event {
        let sentence = &analyzed.sentences[si];
        let info = self.cameo.get(cameo);
        let (plover, mode) = self.plover.get(cameo).unwrap_or(("", None));
        let actor = |m: &ActorMention| EventActor {
            code: m.code.clone(),
            country: m.country.clone(),
            role: m.role.clone(),
            name: m.name.clone(),
            span: m.span,
        };
        // The id hashes this key's bytes, formatted straight into the
        // hasher (no string per event).
        let mut key = crate::util::Fnv1a::new();
        let _ = std::fmt::Write::write_fmt(
            &mut key,
            format_args!(
                "{}\u{0}{}\u{0}{}-{}\u{0}{}\u{0}{}\u{0}{}",
                article.id,
                si,
                span.start,
                span.end,
                cameo,
                source.map_or("", |m| m.code.as_str()),
                target.map_or("", |m| m.code.as_str()),
            ),
        );
        Event {
            article_id: article.id.clone(),
            event_id: format!("{:016x}", std::hash::Hasher::finish(&key)),
            sentence: si,
            span,
            evidence: sentence.span.slice(&article.text).to_string(),
            // Dated by the coder, from the time stage.
            date: String::new(),
            date_from: DateFrom::Published,
            precision: Precision::Day,
            source: source.map(actor),
            target: target.map(actor),
            cameo,
            root: cameo.root(),
            quad_class: cameo.quad_class(),
            goldstein: info.map_or(0.0, |i| i.goldstein),
            plover: plover.to_string(),
            plover_mode: mode.map(str::to_string),
            negated: cue.negated,
            modality: cue.modality,
            attribution,
            location,
            pattern: origin,
        }
    }
}

/// Whether the pattern code's root is one of `roots`.
fn root_in(cameo: PatternCode, roots: &[&str]) -> bool {
    cameo.root().is_some_and(|r| roots.contains(&r.as_str()))
}

/// The first actor group after the last comma before `v`, when one
/// stands between that comma and `v` outside parentheticals.
fn after_comma(s: &Sent<'_>, paren: &[bool], v: usize) -> Option<usize> {
    let comma = (0..v)
        .rev()
        .find(|&i| s.norm(i) == "," && s.group_of[i].is_none() && !paren[i])?;
    s.group_of[comma + 1..v]
        .iter()
        .flatten()
        .copied()
        .find(|&g| s.groups[g].start > comma && !s.groups[g].place)
}

/// Whether the place at `place` ends the phrase right after a pattern
/// (which ends before token `end`): at most eight tokens on, with no
/// clause break between ("sorrow for the deadly floods in Texas"; not
/// "..., speaking in Texas").
fn topic_place(s: &Sent<'_>, end: usize, place: Span) -> bool {
    let Some(k) =
        (end..s.len()).find(|&i| s.toks[i].span.start >= place.start)
    else {
        return false;
    };
    k <= end + 8
        && (end..k).all(|i| !matches!(s.norm(i), "," | ";" | ":" | "." | "--"))
}

#[derive(Clone, Copy)]
struct Cue {
    negated: bool,
    modality: Modality,
}

/// Whether group `g` modifies the noun of an "in" phrase ("in Israeli
/// tank shelling", "in an Iraqi air raid"): "in", optional determiners,
/// the group, then a lower-case word.
fn means_modifier(s: &Sent<'_>, g: usize) -> bool {
    let gr = &s.groups[g];
    let mut p = gr.start;
    while p > 0 && matches!(s.norm(p - 1), "a" | "an" | "the") {
        p -= 1;
    }
    p > 0
        && s.norm(p - 1) == "in"
        && gr.end < s.len()
        && s.toks[gr.end].kind == crate::text::TokenKind::Word
        && s.toks[gr.end].norm.chars().all(|c| c.is_ascii_lowercase())
        && !s.cap[gr.end]
}

/// Whether a mention's text is its country's adjective ("Israeli",
/// "Iraqi", "Chinese"), not its name: one word other than the name, not
/// a plural, with an adjective ending.
fn demonym(text: &str, m: &ActorMention) -> bool {
    let t = m.span.slice(text);
    let name = m.name.as_deref().unwrap_or("");
    m.role.is_none()
        && !t.contains(' ')
        && crate::actors::adjective_form(t, name)
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
