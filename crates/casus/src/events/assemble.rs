//! The last step: events. For each dyad, one event per code (TABARI's
//! `A:B` codes one each way) and per alternative of a TABARI compound
//! actor, recoded by its doer (protesters who attack riot); the
//! statement of intent beside the act; an accusation or a claim of
//! responsibility where a speaker reports another's or its own act. Then
//! one event per sentence, trigger, code and dyad ([`dedup`]).

use std::collections::HashMap;
use std::hash::Hasher;

use crate::actors::adjust;
use crate::actors::ActorMention;
use crate::codes::{ActorCode, CameoCode};
use crate::span::Span;
use crate::time::{DateFrom, Precision};
use crate::util::{one_line, one_line_opt};

use super::cameo::Rewrite;
use super::engine::{EventCoder, SentenceCtx};
use super::expand::Dyads;
use super::location::place_target;
use super::onesided::{
    definite, BLAST_WORDS, PROTEST_WORDS, PROTEST_WORDS_NOT_ALONE, WEAPONS,
};
use super::roles::Roles;
use super::stance::Stance;
use super::trigger::Trigger;
use super::{Event, EventActor, Location, Modality};

/// What the earlier steps found for one trigger.
pub(crate) struct Found<'a> {
    /// Who did it to whom.
    pub roles: &'a Roles,
    /// How the text presents it.
    pub stance: &'a Stance,
    /// Where.
    pub location: Option<Location>,
    /// The location as an actor index, when it may be a target.
    pub place: Option<usize>,
    /// The dyads.
    pub dyads: &'a Dyads,
    /// Roles and scope were read from a dependency tree.
    pub tree: bool,
}

/// Where an event's code comes from: the pattern (and table row) as
/// `file:line` and as stable ids.
#[derive(Clone)]
struct Trace {
    origin: String,
    id: String,
}

impl Trace {
    /// The trigger's pattern.
    fn of(t: &Trigger) -> Trace {
        Trace { origin: t.origin.clone(), id: t.pattern_id.clone() }
    }

    /// The trigger's pattern and table row `w` that recoded it.
    fn recoded(t: &Trigger, w: &Rewrite) -> Trace {
        Trace {
            origin: format!("{}+{}", t.origin, w.origin),
            id: format!("{}+{}", t.pattern_id, w.id),
        }
    }

    /// Table row `w` alone.
    fn row(w: &Rewrite) -> Trace {
        Trace { origin: w.origin.clone(), id: w.id.clone() }
    }
}

/// One event to emit: the parts that differ between a trigger's events.
struct Draft<'a> {
    span: Span,
    cameo: CameoCode,
    trace: Trace,
    source: Option<&'a ActorMention>,
    target: Option<&'a ActorMention>,
    negated: bool,
    modality: Modality,
    /// Coded on a reporting verb or beside the act, not on the trigger.
    derived: bool,
}

impl EventCoder {
    /// The events of trigger `t`, into `out`; `recode` holds the codes
    /// roles shared across a coordination give (by actor index).
    pub(crate) fn assemble(
        &self,
        cx: &SentenceCtx<'_>,
        t: &Trigger,
        found: &Found<'_>,
        recode: &HashMap<usize, Vec<ActorCode>>,
        out: &mut Vec<Event>,
    ) {
        let toks = cx.s.toks;
        let lo = t.m.literals.first().copied().unwrap_or(t.v());
        let hi = t.m.literals.last().copied().unwrap_or(t.v());
        let span = Span::new(
            toks[lo].span.start as usize,
            toks[hi].span.end as usize,
        );
        self.reported(cx, t, found, out);
        let mut seen: Vec<(CameoCode, Option<usize>, Option<usize>)> =
            Vec::new();
        for &(a, b) in &found.dyads.pairs {
            if a.is_none() && b.is_none() {
                // A protest nobody is named for ("People protested in
                // Ambo", "a sit-in was held at the ministry"): its
                // protesters are the place's civilians.
                if let Some(m) = implied_protesters(cx, t, found, span) {
                    let draft = Draft {
                        span,
                        cameo: t.cameo.forward().unwrap_or(m.1),
                        trace: Trace::of(t),
                        source: Some(&m.0),
                        target: None,
                        negated: found.stance.negated,
                        modality: found.stance.modality,
                        derived: false,
                    };
                    out.push(self.event(cx, t, found, draft));
                } else if let Some(code) = blast(cx, t, found) {
                    // A blast or ambush nobody is named for ("a grenade
                    // attack in Kamenge injured two"): done by unidentified
                    // armed men, to its place when it has one.
                    let m =
                        implied(cx, found, span, "UAF", "implied:attackers");
                    if foreign_attack_told(cx, out, &m) {
                        continue;
                    }
                    let place = found
                        .place
                        .and_then(|p| cx.actors.get(p))
                        .filter(|p| p.country.is_some());
                    let draft = Draft {
                        span,
                        cameo: code,
                        trace: Trace::of(t),
                        source: Some(&m),
                        target: place,
                        negated: found.stance.negated,
                        modality: found.stance.modality,
                        derived: false,
                    };
                    out.push(self.event(cx, t, found, draft));
                } else if let Some((place, code)) = open_fight(cx, t, found) {
                    let draft = Draft {
                        span,
                        cameo: code,
                        trace: Trace::of(t),
                        source: None,
                        target: Some(place),
                        negated: found.stance.negated,
                        modality: found.stance.modality,
                        derived: false,
                    };
                    out.push(self.event(cx, t, found, draft));
                }
                continue;
            }
            // No target: the place of the event may be what it is done
            // to.
            let b = match (a, b, found.place) {
                (Some(x), None, Some(p))
                    if place_target(cx.s, t, cx.actors, x, p) =>
                {
                    Some(p)
                }
                _ => b,
            };
            // An actor acting on itself is almost always a mis-resolved
            // slot ("France ... alleging Paris"); the act stays, without
            // the doubtful source ("Settlers in the West Bank set fire to
            // Palestinian homes").
            // A place of the doer's own country, though, is where it
            // acted, not what it acted on ("Ethiopia began operations in
            // Tigray"; `place_target` says the same of event places): the
            // doer stays, the place goes. So does a named armed group
            // before an unnamed role word coded like it ("X's attack left
            // three dead, including a member of a militia": the militia
            // took X's code, it did not do X's act).
            // The speaker's own side named inside what it said ("Moscow
            // denied that its forces were in Gori", "the Kremlin rejected
            // the suggestion that Moscow interfered") is the content, not
            // whom the act answers: the target goes, for the story's
            // other party to fill.
            let b = match (a, b) {
                (Some(x), Some(y)) if own_in_content_clause(cx, t, x, y) => {
                    None
                }
                _ => b,
            };
            let (a, b) = match (a, b) {
                (Some(x), Some(y))
                    if adjust::same_actor(&cx.actors[x], &cx.actors[y]) =>
                {
                    if is_place(cx, y)
                        || guessed_for_named(cx, x, y)
                        || demonym_for_named(cx, x, y)
                        || adjust::group_over_generic(
                            &cx.actors[x],
                            &cx.actors[y],
                        )
                    {
                        (a, None)
                    } else {
                        (None, b)
                    }
                }
                _ => (a, b),
            };
            let d = (span, a, b);
            let from = out.len();
            self.dyad_events(cx, t, found, d, recode, &mut seen, out);
            if a.is_none() && b.is_some() {
                // "Lawyers staged a protest at the court", "a journalist
                // was kidnapped in Juba": only the target is named; the
                // doers are the implied protesters or attackers, as when
                // nobody is named.
                let (told, evs) = out.split_at_mut(from);
                implied_source(cx, t, found, span, told, evs);
            }
            // The statement is the source's: not made by the other
            // side of a mutual act ("X said it would not negotiate with
            // Y" is X's refusal, not Y's).
            let stated = a.is_none() || found.dyads.sources.contains(&a);
            if let Some((code, origin, id)) =
                found.stance.statement.as_ref().filter(|_| stated)
            {
                let trace = Trace { origin: origin.clone(), id: id.clone() };
                let draft = Draft {
                    span,
                    cameo: *code,
                    trace,
                    source: a.map(|i| &cx.actors[i]),
                    target: b.map(|i| &cx.actors[i]),
                    negated: false,
                    modality: Modality::Asserted,
                    derived: true,
                };
                out.push(self.event(cx, t, found, draft));
            }
        }
    }

    /// The act's events for one dyad (`span`, source, target): each code
    /// way, once, recoded by its doer, one per alternative actor.
    #[allow(clippy::too_many_arguments)]
    fn dyad_events(
        &self,
        cx: &SentenceCtx<'_>,
        t: &Trigger,
        found: &Found<'_>,
        (span, a, b): (Span, Option<usize>, Option<usize>),
        recode: &HashMap<usize, Vec<ActorCode>>,
        seen: &mut Vec<(CameoCode, Option<usize>, Option<usize>)>,
        out: &mut Vec<Event>,
    ) {
        let actors = cx.actors;
        // TABARI/PETRARCH `A:B` codes: A from source to target, B from
        // target back to source (either may be empty).
        for (code, x, y) in [(t.cameo.forward(), a, b), (t.cameo.back(), b, a)]
        {
            let Some(code) = code else { continue };
            if seen.contains(&(code, x, y)) {
                continue;
            }
            seen.push((code, x, y));
            // "demolished by a protester": a riot.
            let doer = x.and_then(|i| {
                doer_heads(actors[i].span.slice(cx.text()))
                    .iter()
                    .flatten()
                    .find_map(|head| self.doers.recode(code, head))
            });
            let (code, trace) = match doer {
                Some(w) => (w.code, Trace::recoded(t, w)),
                None => (code, Trace::of(t)),
            };
            let (code, trace) = match seized_place(cx, t, code, y) {
                Some(taken) => (
                    taken,
                    Trace {
                        origin: trace.origin,
                        id: format!("{}+seize-place/192", trace.id),
                    },
                ),
                None => (code, trace),
            };
            // TABARI compound codes `[A/B]`: one event per alternative of
            // each actor.
            let one = |i: Option<usize>| {
                adjust::alternatives(
                    i.map(|i| &actors[i]),
                    i.and_then(|i| recode.get(&i)).map(Vec::as_slice),
                )
            };
            // A set as one mention ("the two neighbours exchanged
            // fire": `A/B/`) with no object: its members act on each
            // other, as coordinated members do (`expand::dyads`).
            let xs = one(x);
            let among = y.is_none()
                && xs.len() > 1
                && !found.roles.passive
                && super::expand::reciprocal_act(cx.s, t);
            let pairs: Vec<_> = if among {
                xs.iter()
                    .flat_map(|xa| {
                        xs.iter()
                            .filter(move |ya| {
                                ya.as_ref().map(|m| &m.code)
                                    != xa.as_ref().map(|m| &m.code)
                            })
                            .map(move |ya| (xa.clone(), ya.clone()))
                    })
                    .collect()
            } else {
                xs.iter()
                    .flat_map(|xa| {
                        one(y).into_iter().map(move |ya| (xa.clone(), ya))
                    })
                    .collect()
            };
            for (xa, ya) in pairs {
                let draft = Draft {
                    span,
                    cameo: code,
                    trace: trace.clone(),
                    source: xa.as_deref(),
                    target: ya.as_deref(),
                    negated: found.stance.negated,
                    modality: found.stance.modality,
                    derived: false,
                };
                out.push(self.event(cx, t, found, draft));
            }
        }
    }

    /// A speaker's report as an event of its own, on the reporting verb:
    /// "A claimed that B attacked C": A accuses B; "A said it had
    /// attacked B": A claims responsibility.
    fn reported(
        &self,
        cx: &SentenceCtx<'_>,
        t: &Trigger,
        found: &Found<'_>,
        out: &mut Vec<Event>,
    ) {
        let (s, actors, st) = (cx.s, cx.actors, found.stance);
        let src = found.roles.source;
        let Some(f) = &st.preposed else { return };
        // An allegation ("A claimed that B attacked C") is what the
        // accusation codes; other modalities report no act.
        if st.negated
            || !matches!(st.modality, Modality::Asserted | Modality::Alleged)
        {
            return;
        }
        // The reporting verb's span, and the origin of an event coded on
        // it: under "claimed"/"alleged" the act is the speaker's
        // assertion, so the act's pattern is named too.
        let vs = Span::new(
            s.toks[f.verb].span.start as usize,
            s.toks[f.verb].span.end as usize,
        );
        let on_verb = |w: &Rewrite| {
            if self.doubt.contains(&s.lem[f.verb]) {
                Trace::recoded(t, w)
            } else {
                Trace::row(w)
            }
        };
        let draft = |cameo, trace, x, y| Draft {
            span: vs,
            cameo,
            trace,
            source: Some(x),
            target: Some(y),
            negated: false,
            // The speaker's accusation or claim is said to have been
            // made; only the act claimed is alleged.
            modality: Modality::Asserted,
            derived: true,
        };
        // A claim ("alleged", "claimed") accuses; a speaker who only
        // *says* that B attacked C accuses B when the act was done to
        // the speaker's own side ("Ukraine said Russian troops shelled
        // its positions"). A third party's or the doer's own report ("Amnesty
        // said protesters were killed by soldiers", "the brigades said
        // their fighters hit a tank") reports the act and accuses nobody.
        // Every member of a coordinated speaker accuses ("Saudi Arabia
        // and the United States said both parties had violated ..."),
        // as every member of a coordinated subject acts.
        let speakers: &[usize] = f
            .speaker_group
            .filter(|&g| Some(g) != src)
            .map_or(&[], |g| s.groups[g].members.as_slice());
        // With no target named ("Israel said a mortar bomb was fired
        // from Gaza") the speaker tells of an act against itself.
        let victim_speaks = |sp: usize| {
            found.dyads.pairs.iter().all(|&(_, b)| b.is_none())
                || found.dyads.pairs.iter().any(|&(_, b)| {
                    b.is_some_and(|b| {
                        actors[b].country.is_some()
                            && actors[b].country == actors[sp].country
                    })
                })
        };
        let accuses =
            |sp: usize| st.modality == Modality::Alleged || victim_speaks(sp);
        if let (true, Some(w)) = (src.is_some(), self.intent.alleged(t.cameo))
        {
            for &sp in speakers.iter().filter(|&&sp| accuses(sp)) {
                // The accusation stands for the act.
                let trace = on_verb(w);
                for a in found.dyads.sources.iter().flatten() {
                    if actors[*a].country == actors[sp].country {
                        continue;
                    }
                    let d =
                        draft(w.code, trace.clone(), &actors[sp], &actors[*a]);
                    out.push(self.event(cx, t, found, d));
                }
            }
        }
        // "X claimed it had attacked Y" claims the act; "X said it
        // launched an offensive" reports it (the act alone).
        if st.speaker_is_source && self.own.contains(&s.lem[f.verb]) {
            if let Some(w) = self.intent.claimed(t.cameo) {
                let trace = on_verb(w);
                for (a, b) in &found.dyads.pairs {
                    let (Some(a), Some(b)) = (a, b) else { continue };
                    let d =
                        draft(w.code, trace.clone(), &actors[*a], &actors[*b]);
                    out.push(self.event(cx, t, found, d));
                }
            }
        }
    }

    /// One event: the draft's parts, the trigger's attribution and
    /// location, the code's CAMEO facts and PLOVER type, and a stable id.
    fn event(
        &self,
        cx: &SentenceCtx<'_>,
        t: &Trigger,
        found: &Found<'_>,
        d: Draft<'_>,
    ) -> Event {
        let features = super::basis::features(&super::basis::Inputs {
            s: cx.s,
            si: cx.si,
            text: cx.text(),
            t,
            roles: found.roles,
            tree: found.tree,
            source: d.source,
            target: d.target,
            cameo: d.cameo,
            negated: d.negated,
            modality: d.modality,
            attributed: found.stance.attribution.is_some(),
            derived: d.derived,
            recoded: d.trace.id.contains('+'),
        });
        let article = cx.article;
        let sentence = &cx.analyzed.sentences[cx.si];
        let info = self.cameo.get(d.cameo);
        let (plover, mode) = self.plover.get(d.cameo).unwrap_or(("", None));
        let actor = |m: &ActorMention| EventActor {
            code: m.code.clone(),
            country: m.country.clone(),
            role: m.role.clone(),
            name: m.name.clone(),
            span: m.span,
            from: None,
        };
        Event {
            article_id: article.id.clone(),
            event_id: event_id(
                &article.id,
                cx.si,
                d.span,
                d.cameo,
                d.source.map_or("", |m| m.code.as_str()),
                d.target.map_or("", |m| m.code.as_str()),
            ),
            sentence: cx.si,
            span: d.span,
            evidence: evidence(&article.text, sentence.span, d.span),
            // Dated by the coder, from the time stage.
            date: String::new(),
            date_from: DateFrom::Published,
            precision: Precision::Day,
            date_end: None,
            after_published: false,
            source: d.source.map(actor),
            target: d.target.map(actor),
            cameo: d.cameo,
            root: d.cameo.root(),
            quad_class: d.cameo.quad_class(),
            goldstein: info.map_or(0.0, |i| i.goldstein),
            plover: plover.to_string(),
            plover_mode: mode.map(str::to_string),
            negated: d.negated,
            modality: d.modality,
            attribution: found.stance.attribution.clone().map(|mut a| {
                one_line_opt(&mut a.speaker);
                one_line_opt(&mut a.outlet);
                a
            }),
            location: found.location.clone().map(|mut l| {
                l.name = one_line(&l.name).into_owned();
                l
            }),
            pattern: d.trace.origin,
            pattern_id: d.trace.id,
            confidence: self.confidence.score(&features),
            basis: super::confidence::Basis(Some(features)),
        }
    }
}

/// The civilians who did a protest no actor is named for: trigger `t`
/// codes root 14 with a protest word among its literals; the country is
/// the event location's, else none (`---CVL`). The mention spans the
/// trigger. With the code the pattern gives (for a back-only pattern).
fn implied_protesters(
    cx: &SentenceCtx<'_>,
    t: &Trigger,
    found: &Found<'_>,
    span: Span,
) -> Option<(ActorMention, CameoCode)> {
    let code = t.cameo.forward()?;
    if code.root() != "14" || definite(cx, t) {
        return None;
    }
    let lits = &t.m.literals;
    let named = lits.iter().any(|&i| {
        let w = cx.s.norm(i).to_lowercase();
        // "March" is the month.
        let at = cx.s.toks[i].span.start as usize;
        let month = w == "march"
            && cx.text().get(at..).is_some_and(|t| t.starts_with('M'));
        !month
            && PROTEST_WORDS.contains(w.as_str())
            && (lits.len() > 1
                || !PROTEST_WORDS_NOT_ALONE.contains(w.as_str()))
    });
    if !named {
        return None;
    }
    // Strikers are workers: "bankworkers were on strike" codes labour,
    // not civilians read from the protest word (a hunger strike stays
    // civilian: prisoners and activists go on one).
    let word = |i: usize| cx.s.norm(i).to_lowercase();
    let labour = lits.iter().any(|&i| LABOUR_WORDS.contains(word(i).as_str()))
        && !lits.iter().any(|&i| word(i) == "hunger");
    let role = if labour { "LAB" } else { "CVL" };
    Some((implied(cx, found, span, role, "implied:protesters"), code))
}

/// Protest words of a labour dispute: their implied doers are workers.
///
/// The list: `dicts/words/labour_words.txt`.
static LABOUR_WORDS: crate::util::WordList =
    crate::util::word_list!("words/labour_words.txt");

/// Gives the events `evs` of trigger `t` whose target alone is bound
/// the doer a one-sided act implies: the place's civilians for a
/// protest, unidentified armed men for a blast or harm told in the
/// passive.
fn implied_source(
    cx: &SentenceCtx<'_>,
    t: &Trigger,
    found: &Found<'_>,
    span: Span,
    told: &[Event],
    evs: &mut [Event],
) {
    // Reported speech ("Pakistan said 26 civilians were killed") tells
    // of acts whose doer the article names elsewhere; not an arrest,
    // which only the police make ("the ministry said 22 people had been
    // arrested").
    let m = if arrested(t, found) {
        police(cx, found, span)
    } else if found.stance.attribution.is_some() {
        return;
    } else if let Some((m, _)) = implied_protesters(cx, t, found, span) {
        home_protesters(cx, evs, m)
    } else if blast(cx, t, found).is_some() {
        implied(cx, found, span, "UAF", "implied:attackers")
    } else {
        return;
    };
    // An actor of another country in the sentence ("ten Russian soldiers
    // were killed in Ukraine") may be either side: no guess.
    // An implied doer of a place the gazetteer does not know (a located
    // act, the location's country unknown) takes one later
    // (`events::country`): only a country the sentence's own words name
    // ("Chinese workers") makes a side foreign then, not one an actor
    // took from the places or the story. Unlocated, the doer stays open.
    // What a located protest is aimed at, though, says nothing of who
    // protested ("people demonstrated outside the Italian embassy in
    // Cairo", "a sit-in against Chinese traders in Kinshasa"): the
    // place's people, as at home.
    let protest = matches!(m.role.as_deref(), Some("CVL" | "LAB"));
    let aimed_at = |a: &ActorMention| {
        protest
            && m.country.is_some()
            && evs.iter().any(|e| {
                e.source.is_none()
                    && e.target.as_ref().is_some_and(|t| t.span == a.span)
            })
    };
    if other_country_named(cx, found, &m, aimed_at)
        || foreign_attack_told(cx, told, &m)
    {
        return;
    }
    for e in evs.iter_mut().filter(|e| e.source.is_none()) {
        // "He was imprisoned" of a "he" the police stand for: no doer
        // the same as the one acted on.
        if m.role.as_deref() == Some("COP")
            && e.target.as_ref().is_some_and(|t| t.code == m.code)
        {
            continue;
        }
        let root = e.root.as_str();
        let fits = match m.role.as_deref() {
            Some("CVL" | "LAB") => root == "14",
            Some("COP") => root == "17",
            _ => matches!(root, "18" | "19" | "20"),
        };
        if !fits {
            continue;
        }
        e.source = Some(EventActor {
            code: m.code.clone(),
            country: m.country.clone(),
            role: m.role.clone(),
            name: None,
            span: m.span,
            from: None,
        });
        rehash(e);
    }
}

/// Whether the sentence already told an attack (roots 18-20) by a doer of
/// a country other than implied doer `m`'s: the harm told beside it
/// ("Ukrainian forces launched a drone attack on Belgorod, in which two
/// people were killed") is that attack's, not the place's unidentified
/// attackers' (no guess). An implied doer without a country yet (its
/// place unknown to the gazetteer) differs from any country's doer.
fn foreign_attack_told(
    cx: &SentenceCtx<'_>,
    told: &[Event],
    m: &ActorMention,
) -> bool {
    let home = m.country.as_deref();
    told.iter().any(|e| {
        e.sentence == cx.si
            && matches!(e.root.as_str(), "18" | "19" | "20")
            && e.source.as_ref().is_some_and(|s| {
                s.country.as_deref().is_some_and(|c| {
                    crate::actors::is_country(c) && Some(c) != home
                })
            })
    })
}

/// Whether the sentence names an actor of a country other than implied
/// doer `m`'s (not a place, not what `skip` excludes): then the act may
/// be either side's ("ten Russian soldiers were killed in Ukraine"), and
/// no doer is implied.
fn other_country_named(
    cx: &SentenceCtx<'_>,
    found: &Found<'_>,
    m: &ActorMention,
    skip: impl Fn(&ActorMention) -> bool,
) -> bool {
    cx.actors.iter().any(|a| {
        a.sentence == cx.si
            && !skip(a)
            && !a.entry.starts_with("dicts/places.tsv")
            && (m.country.is_some()
                || found.location.is_none()
                || a.country_from == Some(crate::actors::CountryFrom::Text))
            && a.country.as_deref().is_some_and(|c| {
                crate::actors::is_country(c) && Some(c) != m.country.as_deref()
            })
    })
}

/// State organs a country's own people protest against.
const HOME_ORGANS: &[&str] = &["GOV", "COP", "JUD", "LEG", "ELI"];

/// Implied protesters `m` of no place's country: when the protest is aimed
/// at a state organ of country C ("people protested against the
/// government's plan") and every country the sentence names is C, the
/// protesters are C's people. A foreign mission ("outside the Chinese
/// embassy") is no home organ.
fn home_protesters(
    cx: &SentenceCtx<'_>,
    evs: &[Event],
    mut m: ActorMention,
) -> ActorMention {
    if m.country.is_some() {
        return m;
    }
    let Some(t) = evs
        .iter()
        .find(|e| e.source.is_none())
        .and_then(|e| e.target.as_ref())
    else {
        return m;
    };
    let organ = t.role.as_deref().is_some_and(|r| HOME_ORGANS.contains(&r));
    let words = t.span.slice(cx.text()).to_lowercase();
    let mission =
        ["embassy", "consulate", "mission"].iter().any(|w| words.contains(w));
    let Some(c) = t.country.as_deref().filter(|_| organ && !mission) else {
        return m;
    };
    let others = cx.actors.iter().any(|a| {
        a.sentence == cx.si
            && a.country
                .as_deref()
                .is_some_and(|x| crate::actors::is_country(x) && x != c)
    });
    if others || !crate::actors::is_country(c) {
        return m;
    }
    let role = m.role.clone().unwrap_or_else(|| "CVL".to_string());
    m.code = ActorCode::from_parts(c, &role);
    m.country = Some(c.to_string());
    m.country_from = Some(crate::actors::CountryFrom::Story);
    m
}

/// Recomputes `e`'s id for its (new) dyad: a later step that names an
/// actor (reaction targets, countries, the story's side) changes the
/// event, so its id follows.
pub(crate) fn rehash(e: &mut Event) {
    e.event_id = event_id(
        &e.article_id,
        e.sentence,
        e.span,
        e.cameo,
        e.source.as_ref().map_or("", |a| a.code.as_str()),
        e.target.as_ref().map_or("", |a| a.code.as_str()),
    );
}

/// An actor the text implies but does not name: role `role` of the event
/// location's country (`---` when it has none), spanning the trigger.
fn implied(
    cx: &SentenceCtx<'_>,
    found: &Found<'_>,
    span: Span,
    role: &str,
    entry: &str,
) -> ActorMention {
    let country = found.location.as_ref().and_then(|l| l.country.clone());
    let code = match &country {
        Some(c) => ActorCode::from_parts(c, role),
        None => ActorCode::without_country(role),
    };
    let country_from =
        country.as_ref().map(|_| crate::actors::CountryFrom::Place);
    ActorMention {
        span,
        sentence: cx.si,
        code,
        country,
        role: Some(role.to_string()),
        name: None,
        entry: entry.to_string(),
        country_from,
    }
}

/// An arrest told in the passive with nobody named as its doer ("two
/// Americans were arrested in Moscow"). Only with its target named:
/// "the vessel had been detained" has no people to arrest.
fn arrested(t: &Trigger, found: &Found<'_>) -> bool {
    found.roles.passive
        && t.cameo.forward().is_some_and(|c| c.as_str() == "173")
}

/// The police who make an arrest nobody is named for: those of the
/// event's place, else of no country yet (`events::country` may give
/// one).
fn police(
    cx: &SentenceCtx<'_>,
    found: &Found<'_>,
    span: Span,
) -> ActorMention {
    implied(cx, found, span, "COP", "implied:police")
}

/// Passive participles of harm done to people ("were killed", "was
/// abducted"): done to the place when no doer is named.
///
/// The list: `dicts/words/harm_words.txt`.
static HARM_WORDS: crate::util::WordList =
    crate::util::word_list!("words/harm_words.txt");

/// The code of a violent act of roots 18-20 nobody is named for: a
/// weapon or attack word among the pattern's literals, or harm done in
/// the passive ("two villagers were killed").
fn blast(
    cx: &SentenceCtx<'_>,
    t: &Trigger,
    found: &Found<'_>,
) -> Option<CameoCode> {
    let code = t.cameo.forward()?;
    if !matches!(code.root().as_str(), "18" | "19" | "20") || definite(cx, t) {
        return None;
    }
    let named = blast_named(cx, t);
    // "Two people were killed in Kidal": harm done, its doer unsaid
    // (accidents are `---` patterns of discard.toml).
    let harmed = found.roles.passive
        && HARM_WORDS.contains(cx.s.norm(t.v()).to_lowercase().as_str());
    (named || harmed).then_some(code)
}

/// Whether trigger `t`'s pattern names a blast or attack word ("a car
/// bomb exploded", "an ambush on a convoy"; a weapon alone only with
/// another literal word): an act whose doer may go unsaid.
pub(super) fn blast_named(cx: &SentenceCtx<'_>, t: &Trigger) -> bool {
    let lits = &t.m.literals;
    lits.iter().any(|&i| {
        let w = cx.s.norm(i).to_lowercase();
        BLAST_WORDS.contains(w.as_str())
            && (lits.len() > 1 || !WEAPONS.contains(w.as_str()))
    })
}

/// The place of fighting nobody is named for, found in its clause or
/// sentence ("Fighting was reported near the town of X on Tuesday",
/// "clashes erupted in the city of X"): the fight is in the place's
/// country, as it is when the place stands right after the preposition
/// ("near X") and the roles bind it. Only for the nouns of a two-sided
/// fight (`dicts/fight_nouns.txt`); a fight told before ("the
/// fighting") is a reference back, not a new act.
fn open_fight<'a>(
    cx: &'a SentenceCtx<'_>,
    t: &Trigger,
    found: &Found<'_>,
) -> Option<(&'a ActorMention, CameoCode)> {
    let code = t.cameo.forward()?;
    // Not the dateline's city: the story's base, not the fight's place.
    let attached = found.location.as_ref().is_some_and(|l| {
        l.from.is_some() && l.from != Some(super::LocationFrom::Dateline)
    });
    // A fight noun ("fighting", "clashes"), not a strike or raid, which
    // has a doer left unsaid; a gerund or plural, not a verb's base form
    // ("action to fight inflation").
    let word = cx.s.norm(t.v()).to_lowercase();
    let fight = super::tree::FIGHT_NOUNS.contains(word.as_str())
        && (word.ends_with("ing") || word.ends_with('s'));
    if code.as_str() != "190" || !fight || !attached || definite(cx, t) {
        return None;
    }
    let place = found.place.and_then(|p| cx.actors.get(p))?;
    place.country.is_some().then_some((place, code))
}

/// An event's stable id: a hash of its article, sentence, trigger span,
/// code and dyad (the key's bytes are formatted straight into the
/// hasher, no string per event).
pub(crate) fn event_id(
    article: &str,
    sentence: usize,
    span: crate::span::Span,
    cameo: crate::codes::CameoCode,
    source: &str,
    target: &str,
) -> String {
    let mut key = crate::util::Fnv1a::new();
    let _ = std::fmt::Write::write_fmt(
        &mut key,
        format_args!(
            "{}\u{0}{}\u{0}{}-{}\u{0}{}\u{0}{}\u{0}{}",
            article, sentence, span.start, span.end, cameo, source, target,
        ),
    );
    format!("{:016x}", key.finish())
}

/// Keeps the first event per sentence, trigger, code and dyad (the keys
/// borrow from the events: no copies).
pub(crate) fn dedup(out: &mut Vec<Event>) {
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
}

/// Most bytes of evidence an event carries: its whole sentence up to
/// this, else this much of it around the event. Far above a news
/// sentence (the 250-token cap is ~1.5 KB); it keeps an event's size
/// bounded when the sentence cap is lifted, where a sentence of a
/// megabyte would otherwise be copied into each of its events.
pub const MAX_EVIDENCE_BYTES: usize = 4096;

/// The evidence of an event at `span` in the sentence at `sentence`.
fn evidence(
    text: &str,
    sentence: crate::span::Span,
    span: crate::span::Span,
) -> String {
    let (s, e) = (sentence.start as usize, sentence.end as usize);
    if e - s <= MAX_EVIDENCE_BYTES {
        return one_line(sentence.slice(text)).into_owned();
    }
    let half = MAX_EVIDENCE_BYTES / 2;
    let mut a = (span.start as usize).saturating_sub(half).max(s);
    let mut b = (a + MAX_EVIDENCE_BYTES).min(e);
    a = b.saturating_sub(MAX_EVIDENCE_BYTES).max(s).min(a);
    while a > s && !text.is_char_boundary(a) {
        a -= 1;
    }
    while b < e && !text.is_char_boundary(b) {
        b += 1;
    }
    one_line(text.get(a..b).unwrap_or_default()).into_owned()
}

/// Whether actor `i` is a place standing in for its country in this
/// sentence ("in Tigray"), not an actor named as one.
/// CAMEO roots of verbal acts whose "that" clause is what was said
/// (statements, disapproval, rejection, threats).
const CONTENT_CLAUSE_ROOTS: &[&str] = &["01", "11", "12", "13"];

/// Whether target `y` of trigger `t` (a verbal act, source `x`) lies
/// after a "that" following the trigger and is of the source's own
/// country: the content of the statement, not its addressee.
fn own_in_content_clause(
    cx: &SentenceCtx<'_>,
    t: &Trigger,
    x: usize,
    y: usize,
) -> bool {
    let verbal = t
        .cameo
        .forward()
        .is_some_and(|c| CONTENT_CLAUSE_ROOTS.contains(&c.root().as_str()));
    let (Some(sx), Some(sy)) = (cx.actors.get(x), cx.actors.get(y)) else {
        return false;
    };
    if !verbal || sx.country.is_none() || sx.country != sy.country {
        return false;
    }
    let Some(v) = cx.s.toks.get(t.v()) else {
        return false;
    };
    let (from, to) = (v.span.end, sy.span.start);
    from < to
        && cx.s.toks.iter().enumerate().any(|(i, k)| {
            k.span.start >= from
                && k.span.end <= to
                && cx.s.norm(i).eq_ignore_ascii_case("that")
        })
}

/// Whether target mention `y` took its country from a guess (its
/// sentence's places or the story) while source mention `x` names its
/// own: of one code on both sides, the guessed side is the mis-resolved
/// one ("the Air Self-Defense Force scrambled fighter jets", the jets
/// given the story's Japan; "Blinken urged the electoral authorities",
/// the authorities given the sentence's Washington), so the target goes
/// and the named doer stays.
fn guessed_for_named(cx: &SentenceCtx<'_>, x: usize, y: usize) -> bool {
    use crate::actors::CountryFrom;
    let from = |i: usize| cx.actors.get(i).and_then(|m| m.country_from);
    from(x) == Some(CountryFrom::Text)
        && matches!(from(y), Some(CountryFrom::Story | CountryFrom::Place))
}

/// Whether target mention `y` is only a country's adjective ("on
/// Australian wine") while source `x` names its country in its own words
/// ("Australia welcomes the lifting of restrictions on Australian
/// wine"): the adjective describes a thing of the doer's country, not
/// whom it acted on, so the target goes and the named doer stays. A
/// doer whose country was a guess ("settlers in the West Bank" burning
/// "Palestinian homes") is the doubtful side and goes, as before.
fn demonym_for_named(cx: &SentenceCtx<'_>, x: usize, y: usize) -> bool {
    use crate::actors::CountryFrom;
    let (Some(mx), Some(my)) = (cx.actors.get(x), cx.actors.get(y)) else {
        return false;
    };
    let text = cx.text();
    mx.country_from == Some(CountryFrom::Text)
        && !super::roles::demonym(text, mx)
        && super::roles::demonym(text, my)
}

/// "The MNDAA seized Lashio in August", "M23 rebels seized Goma": a
/// place seized is territory taken (192); the abduction pattern's 181
/// is for people ("gunmen seized two engineers"). Only "seize": a place
/// as the object of "kidnap" is where, its victims unnamed.
fn seized_place(
    cx: &SentenceCtx<'_>,
    t: &Trigger,
    code: CameoCode,
    y: Option<usize>,
) -> Option<CameoCode> {
    let seize = cx.s.toks.get(t.v()).is_some_and(|k| {
        k.span.slice(cx.text()).to_lowercase().starts_with("seiz")
    });
    let place = y.is_some_and(|i| is_place(cx, i));
    (code.as_str() == "181" && seize && place)
        .then(|| "192".parse().ok())
        .flatten()
}

fn is_place(cx: &SentenceCtx<'_>, i: usize) -> bool {
    cx.s.groups.iter().any(|g| g.place && g.members.contains(&i))
}

/// Post-modifier prepositions: the head noun of "protesters in the
/// capital" or "a crowd outside parliament" comes before them.
const POSTMODIFIERS: &[&str] =
    &["in", "from", "at", "near", "outside", "across", "around", "inside"];

/// The words a doer's mention may be headed by (lowercase): its last
/// word, and the last word before a post-modifier ("Protesters in the
/// Solomon Islands capital" is headed by "protesters", not "capital").
fn doer_heads(mention: &str) -> [Option<String>; 2] {
    let words: Vec<&str> = mention
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let before = words
        .iter()
        .position(|w| POSTMODIFIERS.contains(&w.to_lowercase().as_str()))
        .filter(|&at| at > 0)
        .map(|at| words[at - 1].to_lowercase());
    [words.last().map(|w| w.to_lowercase()), before]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::testutil::Fixture;

    /// (sentence, events as "source code>cameo>target code").
    #[test]
    fn events_table() {
        let f = Fixture::builtin();
        let cases: &[(&str, &[&str])] = &[
            ("Russia attacked Ukraine.", &["RUS>190>UKR"]),
            // The intended act and the statement of intent beside it.
            (
                "Russia said it will attack Ukraine.",
                &["RUS>190>UKR", "RUS>138>UKR"],
            ),
            // Protesters who attack riot.
            ("Protesters attacked the police.", &["---CVL>145>---COP"]),
            // ... also when their mention has a post-modifier.
            (
                "Protesters in the Chadian capital attacked the police.",
                &["TCDCVL>145>TCDCOP"],
            ),
            // Coordinated actors acting on each other.
            (
                "Israel and Hamas clashed.",
                &["ISR>190>PSEREB", "PSEREB>190>ISR"],
            ),
            // A refusal is the speaker's, not its partner's.
            (
                "Russia said it would not negotiate with Ukraine.",
                &["RUS>046>UKR", "RUS>125>UKR", "UKR>046>RUS"],
            ),
            // A set named as one mention acts on each other too.
            (
                "Peru met Ecuador. The two neighbours exchanged fire.",
                &["PER>040>ECU", "ECU>190>PER", "PER>190>ECU"],
            ),
            // A place of the doer's own country is where, not whom: the
            // doer stays.
            ("Myanmar launched an offensive in Rakhine.", &["MMR>190>-"]),
            // A thing of the doer's own country is no target: the
            // named doer stays, the adjective goes.
            (
                "Chile welcomed the lifting of the ban on Chilean salmon.",
                &["CHL>051>-"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(f.events(text), *want, "{text}");
        }
    }

    /// One-sided acts: a protest with no protester named codes the
    /// place's civilians (aimed at their own state: `story::fill_domestic`); a blast or ambush with no attacker named is
    /// done by unidentified armed men to its place; other acts with
    /// nobody named code nothing.
    #[test]
    fn one_sided_table() {
        let f = Fixture::builtin();
        let cases: &[(&str, &[&str])] = &[
            ("A protest took place in Nairobi.", &["KENCVL>141>KEN"]),
            (
                "People protested against the new tax in Kisumu.",
                &["KENCVL>1412>KEN"],
            ),
            ("Demonstrations continued in Bamako.", &["MLICVL>141>MLI"]),
            (
                "A grenade attack in Bujumbura injured two.",
                &["BDIUAF>183>BDI"],
            ),
            ("Two grenades exploded near the market.", &["---UAF>183>-"]),
            ("Two people were killed in Kidal.", &["MLIUAF>180>MLI"]),
            // An arrest nobody is named for: the place's police.
            ("Two protesters were arrested in Nairobi.", &["KENCOP>173>KEN"]),
            // No protest or weapon word: nothing.
            ("The dollar rallied.", &[]),
            ("The firm demonstrated strong sales.", &[]),
            ("The bonds will be held until March.", &[]),
            ("A bomb was found near the market in Gulu.", &[]),
            // A reference back to an act told before.
            ("The protest was peaceful.", &[]),
            ("Two people died in Nairobi.", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(f.events(text), *want, "{text}");
        }
    }

    /// A plain report ("said") reports the act and accuses nobody
    /// (codes 112 per sentence; claims, which do accuse, need the
    /// parse: `tests/clauses.rs`).
    #[test]
    fn report_is_no_accusation_table() {
        let f = Fixture::builtin();
        let accusations = |text: &str| -> Vec<String> {
            f.events(text)
                .into_iter()
                .filter(|e| e.contains(">112>"))
                .collect()
        };
        let cases: &[(&str, &[&str])] = &[
            // Reports by a rights group, an army, a ministry.
            (
                "Human Rights Watch said villagers were shot by soldiers in Kayes.",
                &[],
            ),
            ("The Indian army said its soldiers came under fire in Kupwara.", &[]),
            (
                "Colombia's defence ministry said rebels attacked a police post in Cauca.",
                &[],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(accusations(text), *want, "{text}");
        }
    }

    /// The speaker's own side inside what it said is no target ("Peru
    /// denied that its troops crossed the border" is not Peru to Peru).
    #[test]
    fn own_side_in_content_clause_table() {
        let f = Fixture::builtin();
        let cases = [
            "Peru denied that its troops had crossed the border.",
            "The Kremlin rejected the claim that Moscow had meddled in the vote.",
        ];
        for text in cases {
            let evs = f.events(text);
            assert!(!evs.is_empty(), "{text}");
            for e in &evs {
                let parts: Vec<&str> = e.split('>').collect();
                let (s, t) = (parts[0], parts[parts.len() - 1]);
                assert!(t == "-" || s.get(..3) != t.get(..3), "{text}: {e}");
            }
        }
    }

    /// The first of each (sentence, span, code, dyad) stays.
    #[test]
    fn dedup_keeps_first() {
        let f = Fixture::builtin();
        let mut events = f.raw_events("Russia attacked Ukraine.");
        let n = events.len();
        let mut twice = events.clone();
        twice[0].pattern = "second".to_string();
        events.extend(twice);
        dedup(&mut events);
        assert_eq!(events.len(), n);
        assert!(events.iter().all(|e| e.pattern != "second"));
    }
}
