//! The second step: who did it to whom. For one trigger, the source and
//! target actor groups, each with how it was found.
//!
//! Roles come from the pattern's own slots first, then from a shallow
//! clause analysis ([`super::clause`]): the clause subject (or the actor
//! after the last comma before the verb, a reporting speaker for a
//! pronoun), a possessor or a demonym modifying a nominal trigger
//! ("Russia's attack", "an Israeli air strike"), a passive's "by" agent
//! and patient, the first object; TABARI/PETRARCH patterns take their
//! target anywhere in the verb phrase.
//!
//! The interface is narrow on purpose ([`EventCoder::roles`]: a prepared
//! sentence and a trigger in, [`Roles`] out): roles read from a
//! dependency parse replace this module without touching the others.

use crate::actors::ActorMention;
use crate::text::TokenKind;

use super::attribution::Frame;
use super::clause::{class, Positions};
use super::engine::{EventCoder, SentenceCtx};
use super::sentence::{Sent, NO_LEMMA};
use super::trigger::Trigger;

use super::cameo::VERBAL_ROOTS;

/// Words that, after "the", rename the noun before them as one of a
/// series ("a visit, the first by X"); the data file says which.
static APPOSED_ORDINALS: crate::util::WordList =
    crate::util::word_list!("ordinals.txt");

/// How a role was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// Not found: no actor.
    Absent,
    /// Bound by the pattern's own slot (`$`, `+`).
    Slot,
    /// The clause subject (or the actor after the last comma, or the
    /// speaker a pronoun stands for).
    Subject,
    /// The first object of the trigger's clause.
    Object,
    /// A passive's "by" agent.
    Agent,
    /// The noun right before a reduced relative ("victims killed by").
    Patient,
    /// A possessor or demonym modifying a nominal trigger.
    Possessor,
    /// A "by" phrase after a nominal trigger.
    ByPhrase,
    /// The first actor later in a TABARI verb phrase.
    VerbPhrase,
}

/// Who did it to whom, for one trigger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Roles {
    /// The source group, and how it was found.
    pub source: Option<usize>,
    /// How the source was found.
    pub source_found: Found,
    /// The target group.
    pub target: Option<usize>,
    /// How the target was found.
    pub target_found: Found,
    /// The clause subject (the doer, unless passive).
    pub subject: Option<usize>,
    /// The trigger is read as a passive.
    pub passive: bool,
    /// The trigger's clause: first token, one past the last.
    pub clause: (usize, usize),
}

/// The frames reporting the trigger at `v` (not its own).
pub(crate) fn reporting(frames: &[Frame], v: usize) -> Vec<&Frame> {
    frames
        .iter()
        .filter(|f| f.verb != v && f.start <= v && v < f.end)
        .collect()
}

/// What the clause analysis and the doer tests found for a trigger.
struct Clause {
    pos: Positions,
    subject: Option<usize>,
    nominal: bool,
    possessor: Option<usize>,
    passive: bool,
}

impl EventCoder {
    /// The roles of trigger `t` in `cx`'s sentence; `None` when a nominal
    /// trigger ("the killing of ...") has no source, which codes nothing.
    pub(crate) fn roles(
        &self,
        cx: &SentenceCtx<'_>,
        t: &Trigger,
    ) -> Option<Roles> {
        let c = self.clause(cx, t);
        if self.meeting_of_a_thing(cx.s, t) {
            return None;
        }
        let (src, tgt, by) = self.dyad(cx, t, &c);
        // A protest or attack noun stands without its doer ("a sit-in
        // was held", "a grenade attack on a bar"): see `one_sided`.
        if c.nominal && src.is_none() && !super::onesided::one_sided(cx, t) {
            return None;
        }
        let tgt = self.final_target(cx, t, &c, src, tgt);
        let m = &t.m;
        let source_found = match src {
            None => Found::Absent,
            g if g == m.source => Found::Slot,
            g if g == c.pos.agent && (c.passive || c.nominal) => Found::Agent,
            g if g == c.possessor && c.possessor.is_some() => Found::Possessor,
            g if g == by => Found::ByPhrase,
            _ => Found::Subject,
        };
        let target_found = match tgt {
            None => Found::Absent,
            g if g == m.target => Found::Slot,
            g if c.passive => {
                if g == c.subject {
                    Found::Subject
                } else {
                    Found::Patient
                }
            }
            g if g == c.subject => Found::Subject,
            g if t.verbal
                && g.is_some_and(|g| !c.pos.objects.contains(&g)) =>
            {
                Found::VerbPhrase
            }
            _ => Found::Object,
        };
        Some(Roles {
            source: src,
            source_found,
            target: tgt,
            target_found,
            subject: c.subject,
            passive: c.passive,
            clause: (c.pos.clause_start, c.pos.clause_end),
        })
    }

    /// The clause positions around the trigger, its subject, and whether
    /// it is nominal, with a possessor, or passive.
    fn clause(&self, cx: &SentenceCtx<'_>, t: &Trigger) -> Clause {
        let (s, m, v) = (cx.s, &t.m, t.v());
        let verbal =
            t.cameo.root().is_some_and(|r| VERBAL_ROOTS.contains(&r.as_str()));
        let mut pos = self.grammar.positions(s, cx.paren, v, m.end, verbal);
        let inside = reporting(cx.frames, v);
        // Objects stay inside the reported clause ("..., killing eight
        // people, state media reported": not the media).
        pos.objects.retain(|&o| {
            let st = s.groups[o].start;
            inside.iter().all(|f| f.start <= st && st < f.end)
        });
        // Nor a generic actor inside the pattern's own words ("conduct
        // military exercises": "military" is no object; "took Israeli
        // hostages": Israel is).
        let last_lit = m.literals.last().copied().unwrap_or(v);
        pos.objects.retain(|&o| {
            !(s.groups[o].generic && s.groups[o].start < last_lit)
        });
        pos.object = pos.objects.first().copied();
        let subject = self.subject(cx, t, &pos, &inside);
        // A nominal trigger ("the killing of ...") has no clause subject:
        // only a bound or "by" source.
        let nominal = self.nominal(s, v, &m.literals);
        let possessor = self.possessor(s, t);
        let means_doer =
            if possessor.is_none() { self.means_doer(cx, t) } else { None };
        let nominal = nominal || means_doer.is_some();
        let possessor = possessor.or(means_doer);
        // "jailed X for helping": the object does the gerund.
        let subject = if nominal || possessor.is_some() {
            subject
        } else {
            self.grammar.gerund_doer(s, cx.paren, subject, v).or(subject)
        };
        let subject = possessor.or(subject);
        // TABARI/PETRARCH read a passive only with its "by" agent; without
        // one the subject stays the source.
        let passive = pos.passive
            && (!t.verbal || pos.agent.is_some() || m.source.is_some());
        Clause { pos, subject, nominal, possessor, passive }
    }

    /// The clause subject of the trigger: the positional one, the one
    /// before a pattern's leading words, the actor after the last comma
    /// (TABARI), or the speaker a pronoun subject stands for.
    fn subject(
        &self,
        cx: &SentenceCtx<'_>,
        t: &Trigger,
        pos: &Positions,
        inside: &[&Frame],
    ) -> Option<usize> {
        let (s, v) = (cx.s, t.v());
        let mut subject = pos.subject;
        // A pattern with words before the verb ("indicated it would *
        // now"): the subject precedes its first word.
        let first = t.m.literals.first().copied().unwrap_or(v);
        if t.verbal && first < v {
            let cs = self.grammar.clause_start(s, cx.paren, first);
            subject =
                self.grammar.subject_in(s, cx.paren, cs, first).or(subject);
        }
        // "..., a senior official said": the actor after the last comma
        // before the verb is its subject.
        if t.verbal {
            if let Some(g) = after_comma(s, cx.paren, first) {
                subject = Some(g);
            }
        }
        if subject.is_none() && pos.pronoun {
            subject = inside.iter().rev().find_map(|f| f.speaker_group);
        }
        subject
    }

    /// "Russia's attack": the possessor is the doer; "Israeli tank
    /// shelling": an actor modifying a nominal trigger is too.
    fn possessor(&self, s: &Sent<'_>, t: &Trigger) -> Option<usize> {
        let v = t.v();
        let possessor = (v >= 2
            && s.toks[v - 1].kind == TokenKind::Possessive)
            .then(|| s.group_of[v - 1].or(s.group_of[v - 2]))
            .flatten()
            .filter(|&g| !s.groups[g].place);
        possessor.or_else(|| {
            let w = s.norm(v);
            if !(w.ends_with("ing") || w.ends_with('s'))
                || self.grammar.passive(s, v)
            {
                return None;
            }
            let mut i = v;
            while i > 0 && v - i < 3 {
                i -= 1;
                if let Some(g) = s.group_of[i] {
                    return (!s.groups[g].place).then_some(g);
                }
                let det = self.grammar.class(s, i) & class::DET != 0;
                if det
                    || s.norm(i).ends_with("ed")
                    || (!self.modifier_word(s, i)
                        && !t.m.literals.contains(&i))
                {
                    return None;
                }
            }
            None
        })
    }

    /// "killed in an Israeli air strike": a demonym after "in" (over
    /// modifier words) makes the trigger a noun and names its doer; an
    /// adjective is never the trigger's subject.
    fn means_doer(&self, cx: &SentenceCtx<'_>, t: &Trigger) -> Option<usize> {
        let (s, v) = (cx.s, t.v());
        let mut i = v;
        while i > 0 && v - i < 3 {
            i -= 1;
            if let Some(g) = s.group_of[i] {
                let gr = &s.groups[g];
                return (gr.members.len() == 1
                    && !gr.place
                    && means_modifier(s, g)
                    && demonym(cx.text(), &cx.actors[gr.members[0]]))
                .then_some(g);
            }
            if !self.modifier_word(s, i) && !t.m.literals.contains(&i) {
                return None;
            }
        }
        None
    }

    /// Source and target before the verb-phrase and place checks, and
    /// the "by" group of a nominal trigger.
    fn dyad(
        &self,
        cx: &SentenceCtx<'_>,
        t: &Trigger,
        c: &Clause,
    ) -> (Option<usize>, Option<usize>, Option<usize>) {
        let (s, m) = (cx.s, &t.m);
        // "a four-day visit, the first by a Chinese premier": the "by"
        // phrase of an ordinal renaming the trigger noun is its doer,
        // wherever the parse or a pattern slot put that actor.
        if let Some(by) = self.apposed_by(s, t) {
            return (Some(by), m.target.filter(|&g| g != by), Some(by));
        }
        if c.passive {
            return (
                m.source.or(c.pos.agent),
                self.passive_target(cx, t, c),
                None,
            );
        }
        if c.nominal {
            let by = self.nominal_by(s, t, &c.pos);
            let src = m.source.or(c.possessor).or(c.pos.agent).or(by);
            let obj = c.pos.objects.iter().copied().find(|&o| Some(o) != by);
            return (src, m.target.or(obj), by);
        }
        // "help victims killed by X": a by-phrase is not the object of an
        // active trigger.
        let v = t.v();
        let obj = c.pos.objects.iter().copied().find(|&o| {
            let mut st = s.groups[o].start;
            while st > v + 1 && self.grammar.class(s, st - 1) & class::DET != 0
            {
                st -= 1;
            }
            !(st >= 2
                && s.norm(st - 1) == "by"
                && st - 2 > v
                && s.norm(st - 2).ends_with("ed"))
        });
        // "+ receive aid from $": the subject receives.
        let subject_target = self.subject_target.get(m.pattern) == Some(&true);
        if subject_target && m.target.is_none() && c.subject != m.source {
            (m.source, c.subject, None)
        } else if subject_target {
            // "The EC has come under prolonged attack from GEPLACEA": the
            // subject is the target even where the pattern bound it; with
            // no actor after "from" the source stays open, never the
            // subject itself (it made the EC the attacker).
            (m.source, m.target.or(c.subject), None)
        } else {
            (m.source.or(c.subject), m.target.or(obj), None)
        }
    }

    /// "at a ceremony attended by X", "a summit attended by X": a
    /// meeting (040) as a reduced passive relative on a thing, not an
    /// actor, names who attended it but nobody met; any partner (the
    /// main clause's subject, the story's country) would be a guess, so
    /// it codes nothing. A host or a mediator ("a meeting hosted by X",
    /// "talks mediated by X", 043 and 045) acts on the meeting's
    /// parties and keeps its event; so does violence on a thing ("a
    /// convoy hit by X").
    pub(crate) fn meeting_of_a_thing(
        &self,
        s: &Sent<'_>,
        t: &Trigger,
    ) -> bool {
        let v = t.v();
        let meeting = t.cameo.forward().is_some_and(|c| c.as_str() == "040");
        meeting
            && v > 0
            && s.norm(v).ends_with("ed")
            && s.norm(v + 1) == "by"
            && s.group_of[v - 1].is_none()
            && s.toks[v - 1].kind == TokenKind::Word
            && !s.cap[v - 1]
            && !(s.lem[v - 1] != NO_LEMMA
                && (s.lem[v - 1] == self.grammar.be
                    || s.lem[v - 1] == self.grammar.get))
    }

    /// A passive's target: the bound one (not the agent, nor a demonym
    /// modifying the means after "in": "were killed in Israeli
    /// shelling"), else its patient.
    fn passive_target(
        &self,
        cx: &SentenceCtx<'_>,
        t: &Trigger,
        c: &Clause,
    ) -> Option<usize> {
        let (s, v) = (cx.s, t.v());
        let bound = t.m.target.filter(|&g| {
            Some(g) != c.pos.agent
                && !(means_modifier(s, g)
                    && s.groups[g]
                        .members
                        .iter()
                        .all(|&a| demonym(cx.text(), &cx.actors[a])))
        });
        // A reduced relative ("victims killed by ...") is done to the noun
        // right before it, not the clause subject.
        let aux = (v.saturating_sub(4)..v).any(|i| {
            s.lem[i] != NO_LEMMA
                && (s.lem[i] == self.grammar.be
                    || s.lem[i] == self.grammar.get)
        });
        let patient = if aux {
            c.subject
        } else {
            v.checked_sub(1)
                .and_then(|i| s.group_of[i])
                .filter(|&g| !s.groups[g].place)
        };
        bound.or(patient)
    }

    /// "by X", "by an ECOWAS delegation" after a nominal trigger; not the
    /// agent of a participle in between ("the release of hostages held
    /// by X").
    fn nominal_by(
        &self,
        s: &Sent<'_>,
        t: &Trigger,
        pos: &Positions,
    ) -> Option<usize> {
        let v = t.v();
        pos.objects.iter().copied().find(|&o| {
            let st = s.groups[o].start;
            let b = if st > 0 && s.norm(st - 1) == "by" {
                st - 1
            } else if st > 1
                && s.norm(st - 2) == "by"
                && self.grammar.class(s, st - 1) & class::DET != 0
            {
                st - 2
            } else {
                return false;
            };
            b > v
                && b - v <= 4
                && (v + 1..b).all(|i| {
                    !(s.norm(i).ends_with("ed")
                        || self.grammar.class(s, i) & class::PARTICIPLE != 0)
                })
        })
    }

    /// The actor of a "by" phrase in an ordinal apposition right after
    /// a trigger noun: "a visit, the first by X", "the talks, the latest
    /// by the two sides". The ordinal renames the noun, so "by" names who
    /// made it (the traveller of a visit), never its host or object.
    fn apposed_by(&self, s: &Sent<'_>, t: &Trigger) -> Option<usize> {
        let mut i = t.v() + 1;
        if s.norm(i) != "," {
            return None;
        }
        i += 1;
        if s.norm(i) == "the" {
            i += 1;
        }
        if !APPOSED_ORDINALS.contains(s.norm(i)) || s.norm(i + 1) != "by" {
            return None;
        }
        i += 2;
        if self.grammar.class(s, i) & class::DET != 0 {
            i += 1;
        }
        s.group_of.get(i).copied().flatten()
    }

    /// The target after the verb-phrase search (TABARI), never the
    /// source, never a reporting speaker, and no place for a verbal act.
    fn final_target(
        &self,
        cx: &SentenceCtx<'_>,
        t: &Trigger,
        c: &Clause,
        src: Option<usize>,
        tgt: Option<usize>,
    ) -> Option<usize> {
        let (s, m, v) = (cx.s, &t.m, t.v());
        // TABARI/PETRARCH take the target anywhere in the verb phrase,
        // subordinate clauses included ("allowed that Mordor ...",
        // "postponed ... after X"), but never the speaker of a report.
        let is_speaker =
            |g: usize| cx.frames.iter().any(|f| f.speaker_group == Some(g));
        // A verbal act's target is not sought past a comma and a
        // coordinator (the next clause's actors).
        let verbal_act =
            t.cameo.root().is_some_and(|r| VERBAL_ROOTS.contains(&r.as_str()));
        let tgt = if t.verbal {
            tgt.filter(|&g| !is_speaker(g)).or_else(|| {
                let from = m.end.max(v + 1);
                (0..s.groups.len()).find(|&g| {
                    let gr = &s.groups[g];
                    gr.start >= from
                        && Some(g) != src
                        && !is_speaker(g)
                        && !(from..gr.start).any(|i| {
                            matches!(s.norm(i), ";" | ".")
                                || (verbal_act
                                    && super::clause::comma_coordinator(s, i))
                        })
                })
            })
        } else {
            tgt
        };
        let tgt = if tgt == src && !c.passive {
            c.pos.objects.iter().copied().find(|&o| Some(o) != src)
        } else {
            tgt
        };
        let tgt = if tgt == src { None } else { tgt };
        // An appeal, demand, accusation or threat is addressed to an
        // actor, not to the place named after "in" in its object
        // ("pushing for a truce in Sudan"; but "sought refuge in Iran",
        // "lashed out at Britain").
        tgt.filter(|&g| {
            let gr = &s.groups[g];
            !(gr.place
                && t.cameo
                    .root()
                    .is_some_and(|r| VERBAL_ROOTS.contains(&r.as_str()))
                && gr.start > 1
                && self.grammar.class(s, gr.start - 1) & class::LOCPREP != 0
                && !m.literals.contains(&(gr.start - 2)))
        })
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
        && s.toks[gr.end].kind == TokenKind::Word
        && s.toks[gr.end].norm.chars().all(|c| c.is_ascii_lowercase())
        && !s.cap[gr.end]
}

/// Whether a mention's text is its country's adjective ("Israeli",
/// "Iraqi", "Chinese"), not its name: one word other than the name, not
/// a plural, with an adjective ending.
pub(crate) fn demonym(text: &str, m: &ActorMention) -> bool {
    let t = m.span.slice(text);
    let name = m.name.as_deref().unwrap_or("");
    m.role.is_none()
        && !t.contains(' ')
        && crate::actors::adjective_form(t, name)
}

#[cfg(test)]
mod tests {
    use super::Found;
    use crate::events::testutil::Fixture;

    /// (sentence, source, how found, target, how found): the roles of the
    /// first trigger, as the text of the groups.
    #[test]
    fn roles_table() {
        use Found::*;
        let f = Fixture::builtin();
        type Case<'a> =
            (&'a str, Option<&'a str>, Found, Option<&'a str>, Found);
        let cases: &[Case<'_>] = &[
            // The clause subject; the pattern's `+` binds the object.
            (
                "Russia attacked Ukraine.",
                Some("Russia"),
                Subject,
                Some("Ukraine"),
                Slot,
            ),
            // A passive: the "by" agent acts on the subject.
            (
                "Ukraine was attacked by Russia.",
                Some("Russia"),
                Agent,
                Some("Ukraine"),
                Subject,
            ),
            // Without an agent the subject is what it is done to.
            ("Hamas was attacked.", None, Absent, Some("Hamas"), Subject),
            // A nominal trigger: the "by" phrase is the doer.
            (
                "The attack on Ukraine by Russia continued.",
                Some("Russia"),
                ByPhrase,
                Some("Ukraine"),
                Slot,
            ),
            // An actor modifying a nominal trigger is its doer.
            (
                "Israeli shelling of Gaza continued.",
                Some("Israeli"),
                Possessor,
                Some("Gaza"),
                Slot,
            ),
            // A nominal trigger with no doer codes nothing.
            ("The attack on Kyiv killed ten.", None, Absent, None, Absent),
        ];
        let mut bad = Vec::new();
        for (text, src, sf, tgt, tf) in cases {
            let want =
                (src.map(String::from), *sf, tgt.map(String::from), *tf);
            let got = f.first_roles(text);
            let nothing = src.is_none() && tgt.is_none();
            if got.as_ref() != Some(&want) && !(nothing && got.is_none()) {
                bad.push(format!("{text}: got {got:?}, want {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}
