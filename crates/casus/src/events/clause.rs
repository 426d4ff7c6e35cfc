//! Shallow clause syntax over tokens (the event stage's own; the
//! dependency parse is the `syntax` stage): clause boundaries, parentheticals,
//! subject and object actor groups, passive voice and to-infinitive
//! control. No parser: word classes come from `dicts/syntax.tsv` and the
//! decisions are positional, which is fast and predictable. A sentence's
//! word classes and clause boundaries are computed once, on first use,
//! and cached in the [`Sent`].

use std::collections::HashMap;

use crate::error::DictError;

use super::lexicon::Control;
use super::sentence::{Sent, NO_LEMMA};
use crate::util::{data_lines, LineErrors, WordMap};

/// The built-in word classes.
pub const BUILTIN_SYNTAX: &str = include_str!("../../../../dicts/syntax.tsv");

/// Word class bits.
pub mod class {
    /// Clause boundary.
    pub const BOUNDARY: u16 = 1;
    /// Relative pronoun.
    pub const RELATIVE: u16 = 2;
    /// Non-attaching preposition.
    pub const PREP: u16 = 4;
    /// Attaching preposition.
    pub const ATTACH: u16 = 8;
    /// Passive agent marker.
    pub const AGENT: u16 = 16;
    /// Subject pronoun.
    pub const PRONOUN: u16 = 32;
    /// Adverb.
    pub const ADVERB: u16 = 64;
    /// Location preposition.
    pub const LOCPREP: u16 = 128;
    /// Determiner.
    pub const DET: u16 = 256;
    /// An irregular past participle ("held", "taken"; "-ed" forms need
    /// no entry).
    pub const PARTICIPLE: u16 = 512;
    /// An auxiliary or particle that never modifies a noun ("has",
    /// "will", "to", "not").
    pub const NONMOD: u16 = 1024;
}

/// Parses `word<TAB>class` lines into class bits per word.
pub fn parse_syntax(
    path: &str,
    text: &str,
) -> Result<WordMap<u16>, Vec<DictError>> {
    let mut out: WordMap<u16> = WordMap::default();
    let mut errs = LineErrors::new(path);
    for (n, line) in data_lines(text) {
        let bit = match line.split_once('\t') {
            Some((w, c)) if !w.is_empty() => match c {
                "boundary" => Some((w, class::BOUNDARY)),
                "relative" => Some((w, class::RELATIVE)),
                "prep" => Some((w, class::PREP)),
                "attach" => Some((w, class::ATTACH)),
                "agent" => Some((w, class::AGENT)),
                "pronoun" => Some((w, class::PRONOUN)),
                "adverb" => Some((w, class::ADVERB)),
                "locprep" => Some((w, class::LOCPREP)),
                "det" => Some((w, class::DET)),
                "participle" => Some((w, class::PARTICIPLE)),
                "nonmod" => Some((w, class::NONMOD)),
                _ => None,
            },
            _ => None,
        };
        match bit {
            Some((w, b)) => *out.or_insert(&w.to_lowercase(), 0) |= b,
            None => {
                errs.push(n, "expected `word<TAB>class` with a known class")
            }
        }
    }
    errs.finish(out)
}

/// What the clause analysis needs to know about words.
#[derive(Clone, Debug, Default)]
pub struct Grammar {
    /// Word classes by normalised form.
    pub classes: WordMap<u16>,
    /// Lemma id of "be".
    pub be: u32,
    /// Lemma id of "get".
    pub get: u32,
    /// Speech verb lemma ids.
    pub speech: Vec<u32>,
    /// Control verbs: lemma id -> control type (single-word cues only).
    pub control: HashMap<u32, Control>,
}

/// A clause position analysis for one trigger.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Positions {
    /// Subject group (the doer, unless passive).
    pub subject: Option<usize>,
    /// Object group (first actor after the trigger in its clause).
    pub object: Option<usize>,
    /// Every candidate object group, in order.
    pub objects: Vec<usize>,
    /// Passive agent ("by X").
    pub agent: Option<usize>,
    /// The trigger is a passive participle.
    pub passive: bool,
    /// First token of the trigger's clause.
    pub clause_start: usize,
    /// One past the last token of the clause.
    pub clause_end: usize,
    /// The subject was a pronoun with no actor.
    pub pronoun: bool,
}

impl Grammar {
    /// Class bits of token `i` (0 past the sentence's end).
    pub fn class(&self, s: &Sent<'_>, i: usize) -> u16 {
        let cs = s.word_class.get_or_init(|| {
            s.toks
                .iter()
                .map(|t| {
                    self.classes.get(t.norm.as_str()).copied().unwrap_or(0)
                })
                .collect()
        });
        cs.get(i).copied().unwrap_or(0)
    }

    fn is(&self, s: &Sent<'_>, i: usize, c: u16) -> bool {
        self.class(s, i) & c != 0
    }

    /// True for a speech verb token (inflected, or followed by "that",
    /// so that nouns like "state" and "report" do not count).
    pub fn is_speech(&self, s: &Sent<'_>, i: usize) -> bool {
        let l = s.lem[i];
        if l == NO_LEMMA || !self.speech.contains(&l) {
            return false;
        }
        let t = &s.toks[i];
        let next = s.norm(i + 1);
        // "The United States", "Hamas": names are not verbs.
        if s.cap[i] || s.group_of[i].is_some() {
            return false;
        }
        // A bare form after a determiner is a noun ("the report").
        if i > 0 && self.is(s, i - 1, class::DET) {
            return false;
        }
        t.norm.ends_with("ed")
            || t.norm.ends_with("ing")
            || t.norm.ends_with('s')
            || matches!(next, "that" | "," | "to" | "on" | "in")
            || t.norm == "said"
            || t.norm == "told"
            || t.norm == "wrote"
            || t.norm == "thought"
    }

    /// True when token `i` ends a clause for subject search.
    pub fn boundary(&self, s: &Sent<'_>, i: usize) -> bool {
        let uncached =
            |i: usize| self.is(s, i, class::BOUNDARY) || self.is_speech(s, i);
        // A sentence without lemmas (words only) is not cached.
        if s.lem.len() != s.len() {
            return uncached(i);
        }
        let bs = s.bound.get_or_init(|| (0..s.len()).map(uncached).collect());
        bs.get(i).copied().unwrap_or(false)
    }

    /// Token ranges to skip when looking for a subject: ", who ... ,"
    /// relative clauses and "( ... )".
    pub fn parentheticals(&self, s: &Sent<'_>) -> Vec<bool> {
        let mut out = vec![false; s.len()];
        let mut i = 0;
        while i < s.len() {
            let rel = s.norm(i) == ","
                && i + 1 < s.len()
                && self.is(s, i + 1, class::RELATIVE);
            // ", a UK-based group that tracks the war," after a name.
            let appos = s.norm(i) == ","
                && matches!(s.norm(i + 1), "a" | "an")
                && s.group_of[..i].iter().any(Option::is_some);
            if rel || appos || s.norm(i) == "(" {
                let close = if s.norm(i) == "(" { ")" } else { "," };
                let mut j = i + 1;
                while j < s.len()
                    && s.norm(j) != close
                    && !matches!(s.norm(j), "." | ";")
                {
                    j += 1;
                }
                // ", an AFP correspondent said," reports, not apposes.
                let reports =
                    appos && (i + 1..j).any(|k| self.is_speech(s, k));
                if j < s.len() && s.norm(j) == close && !reports {
                    for slot in &mut out[i..=j] {
                        *slot = true;
                    }
                    i = j + 1;
                    continue;
                }
            }
            i += 1;
        }
        out
    }

    /// The clause start for a trigger at `v`: just after the nearest
    /// boundary to its left, skipping parentheticals.
    pub fn clause_start(
        &self,
        s: &Sent<'_>,
        paren: &[bool],
        v: usize,
    ) -> usize {
        let mut i = v;
        while i > 0 {
            i -= 1;
            if paren[i] {
                continue;
            }
            if self.boundary(s, i) {
                return i + 1;
            }
        }
        0
    }

    /// The clause end for a trigger whose match ends at `from`.
    pub fn clause_end(&self, s: &Sent<'_>, from: usize) -> usize {
        (from..s.len()).find(|&i| self.boundary(s, i)).unwrap_or(s.len())
    }

    /// The preposition class before group `g` (skipping determiners).
    fn prep_before(&self, s: &Sent<'_>, g: usize) -> u16 {
        let mut i = s.groups[g].start;
        while i > 0 {
            i -= 1;
            let c = self.class(s, i);
            if c & class::DET != 0 && c & (class::PREP | class::ATTACH) == 0 {
                continue;
            }
            return c & (class::PREP | class::ATTACH | class::AGENT);
        }
        0
    }

    /// The subject group of a trigger at `v` in `[start, v)`: the first
    /// actor group not inside a prepositional phrase, else the first
    /// inside an attaching one ("officials in Washington").
    pub fn subject_in(
        &self,
        s: &Sent<'_>,
        paren: &[bool],
        start: usize,
        v: usize,
    ) -> Option<usize> {
        let mut fallback = None;
        let mut place = None;
        for (gi, g) in s.groups.iter().enumerate() {
            if g.start < start || g.start >= v || paren[g.start] {
                continue;
            }
            if g.place {
                // "a report released in the Rwandan capital alleged".
                if place.is_none() && self.prep_before(s, gi) == class::ATTACH
                {
                    place = Some(gi);
                }
                continue;
            }
            match self.prep_before(s, gi) {
                0 => return Some(gi),
                class::ATTACH
                    if fallback.is_none() && !self.in_pp(s, g.start) =>
                {
                    fallback = Some(gi)
                }
                _ => {}
            }
        }
        fallback.or(place)
    }

    /// True when the "in/of" phrase before token `start` modifies a noun
    /// that is itself inside a prepositional phrase ("sanctions against
    /// four officers in the Russian military"): that actor stands for no
    /// subject.
    fn in_pp(&self, s: &Sent<'_>, start: usize) -> bool {
        let mut i = start;
        while i > 0 && self.is(s, i - 1, class::DET) {
            i -= 1;
        }
        // `i - 1` is the attaching preposition; look at the words before.
        let lo = i.saturating_sub(6);
        for j in (lo..i.saturating_sub(1)).rev() {
            if s.group_of[j].is_some()
                || self.boundary(s, j)
                || s.toks[j].kind == crate::text::TokenKind::Punct
            {
                return false;
            }
            if self.is(s, j, class::PREP | class::AGENT) {
                return true;
            }
        }
        false
    }

    /// True when the trigger at `v` is a passive participle.
    pub fn passive(&self, s: &Sent<'_>, v: usize) -> bool {
        let t = s.norm(v);
        if t.ends_with("ing") || (t.ends_with('s') && !t.ends_with("ss")) {
            return false;
        }
        // Reduced relative: "civilians imprisoned by Moscow", "victims
        // killed by ...".
        if t.ends_with("ed") && v > 0 && s.norm(v + 1) == "by" {
            return true;
        }
        if t.ends_with("ed") && self.reduced_relative(s, v) {
            return true;
        }
        let mut i = v;
        let mut hops = 0;
        while i > 0 && hops < 4 {
            i -= 1;
            hops += 1;
            let l = s.lem[i];
            if l != NO_LEMMA && (l == self.be || l == self.get) {
                // "is going", "has been": only a past participle counts.
                return s.lem[v] != NO_LEMMA && t != "be";
            }
            let adv =
                self.is(s, i, class::ADVERB) || s.norm(i).ends_with("ly");
            if !adv {
                return false;
            }
        }
        false
    }

    /// A participle right after a noun phrase that cannot be its subject,
    /// with no direct object: "a member of Hamas jailed last year",
    /// "there were soldiers killed in ...", "the civilians imprisoned for
    /// ... were released".
    fn reduced_relative(&self, s: &Sent<'_>, v: usize) -> bool {
        let Some(g) = v.checked_sub(1).and_then(|i| s.group_of[i]) else {
            return false;
        };
        let next = v + 1;
        if next < s.len()
            && (self.is(s, next, class::DET) || s.group_of[next].is_some())
        {
            return false;
        }
        let start = s.groups[g].start;
        // "..., a member of Hamas jailed last year": inside an apposition
        // ("the leader of Hamas helped" is a clause).
        let in_pp = self.prep_before(s, g) == class::ATTACH
            && (0..start).rev().find(|&i| s.norm(i) == ",").is_some_and(|c| {
                self.is(s, c + 1, class::DET)
                    && (c + 1..start).all(|i| {
                        s.lem[i] == NO_LEMMA
                            || self.is(s, i, class::DET | class::ATTACH)
                    })
            });
        let existential = (start.saturating_sub(4)..start)
            .any(|i| s.norm(i) == "there" && s.lem[i + 1] == self.be);
        // "The civilians imprisoned for ... were released": the clause's
        // own verb follows, with no boundary in between.
        let main_later =
            start == 0 || (start == 1 && self.is(s, 0, class::DET));
        let main_later = main_later
            && (next..s.len().saturating_sub(1).min(v + 9))
                .take_while(|&j| s.norm(j) != "," && !self.boundary(s, j))
                .any(|j| {
                    s.lem[j] != NO_LEMMA
                        && s.lem[j] == self.be
                        && s.norm(j + 1).ends_with("ed")
                });
        in_pp || existential || main_later
    }

    /// "it" with no referent: "it would be a mistake to ...", "it is
    /// clear that ..." (a form of "be" not followed by a participle).
    fn expletive(&self, s: &Sent<'_>, i: usize) -> bool {
        if s.norm(i) != "it" {
            return false;
        }
        let mut j = i + 1;
        while j < s.len()
            && (matches!(
                s.norm(j),
                "will"
                    | "would"
                    | "could"
                    | "may"
                    | "might"
                    | "should"
                    | "can"
                    | "must"
                    | "not"
            ) || self.is(s, j, class::ADVERB))
        {
            j += 1;
        }
        let be = s.lem.get(j).is_some_and(|&l| l != NO_LEMMA && l == self.be);
        let next = s.norm(j + 1);
        matches!(s.norm(j), "seems" | "seemed" | "appears" | "appeared")
            || (be
                && !(next.ends_with("ing")
                    || next.ends_with("ed")
                    || next.ends_with("en")))
    }

    /// "to" right before `v` (over adverbs): its index.
    pub fn infinitive_to(&self, s: &Sent<'_>, v: usize) -> Option<usize> {
        let mut i = v;
        while i > 0 && v - i < 4 {
            i -= 1;
            if s.norm(i) == "to" {
                return Some(i);
            }
            if !(self.is(s, i, class::ADVERB) || s.norm(i).ends_with("ly")) {
                return None;
            }
        }
        None
    }

    /// The control verb governing a to-infinitive whose "to" is at `to`.
    pub fn controller(
        &self,
        s: &Sent<'_>,
        to: usize,
    ) -> Option<(usize, Control)> {
        let lo = to.saturating_sub(8);
        (lo..to).rev().find_map(|i| {
            let c = self.control.get(&s.lem[i])?;
            Some((i, *c))
        })
    }

    /// Who is where for a trigger spanning tokens up to `end`
    /// (exclusive), starting at `v`.
    /// `verbal`: the trigger is a verbal act (an appeal, demand,
    /// disapproval, rejection or threat), whose object search stops at a
    /// comma and a coordinator before any object.
    pub fn positions(
        &self,
        s: &Sent<'_>,
        paren: &[bool],
        v: usize,
        end: usize,
        verbal: bool,
    ) -> Positions {
        let mut r = Positions::default();
        r.clause_start = self.clause_start(s, paren, v);
        r.clause_end = self.clause_end(s, end.max(v + 1));
        // A to-infinitive's doer comes from its control verb ("X urged
        // Y to attack": Y), before any actor earlier in the clause.
        r.subject = self
            .infinitive_to(s, v)
            .and_then(|to| self.controller(s, to))
            .filter(|&(g, _)| g >= r.clause_start)
            .and_then(|_| self.controlled_subject(s, paren, v, 0))
            .or_else(|| self.subject_in(s, paren, r.clause_start, v));
        if r.subject.is_none() {
            r.pronoun = (r.clause_start..v).any(|i| {
                self.is(s, i, class::PRONOUN) && !self.expletive(s, i)
            });
            if !r.pronoun {
                r.subject = self.controlled_subject(s, paren, v, 0);
            }
        }
        r.passive = self.passive(s, v);
        // Object: first actor group after the match in the clause, not in
        // an agent phrase.
        // Groups are in text order: only those between the trigger and
        // the clause end are read (linear per sentence, not per trigger).
        let first = s.groups.partition_point(|g| g.start <= v);
        let mut last = end.max(v + 1);
        for (gi, g) in s.groups.iter().enumerate().skip(first) {
            if g.start >= r.clause_end {
                break;
            }
            // ", and Japan froze ...": before any object, an actor past
            // a comma and a coordinator is the next clause's subject. Only
            // for verbal acts: a strike's or a seizure's target may stand
            // there by chance right (measured on the merge set: two
            // reports lost when every act stopped).
            let next_clause =
                verbal && (last..g.start).any(|i| comma_coordinator(s, i));
            if r.objects.is_empty() && r.agent.is_none() && next_clause {
                break;
            }
            last = g.end.max(last);
            if g.place {
                continue;
            }
            if self.prep_before(s, gi) == class::AGENT && r.passive {
                if r.agent.is_none() && g.start <= end + 3 {
                    r.agent = Some(gi);
                }
                continue;
            }
            r.objects.push(gi);
        }
        // A passive's agent farther away, or through an instrument
        // ("killed by a rocket fired by X", "blown up ... by a missile
        // believed to be fired by rebels").
        if r.passive && r.agent.is_none() {
            if let Some(g) = self.far_agent(s, end) {
                r.agent = Some(g);
                r.objects.retain(|&o| o != g);
            }
        }
        r.object = r.objects.first().copied();
        r
    }

    /// The doer of a gerund introduced by "for"/"of" after the main verb's
    /// object: that object ("jailed X for helping", "accused X of
    /// attacking", "praised X for hosting"); a "by" gerund continuing such
    /// a complement ("accused X of lying by claiming") has the same doer.
    /// `None`: the clause subject does it.
    pub fn gerund_doer(
        &self,
        s: &Sent<'_>,
        paren: &[bool],
        subject: Option<usize>,
        v: usize,
    ) -> Option<usize> {
        if v < 2 || !s.norm(v).ends_with("ing") {
            return None;
        }
        let start = self.clause_start(s, paren, v);
        let mut p = v - 1;
        if s.norm(p) == "by" {
            // The "of/for V-ing" complement this "by" phrase continues.
            p = (start + 1..p).rev().find(|&i| {
                matches!(s.norm(i), "of" | "for")
                    && s.norm(i + 1).ends_with("ing")
            })?;
        } else if !matches!(s.norm(p), "for" | "of") {
            return None;
        }
        let lo = subject.map_or(start, |g| s.groups[g].end);
        // The last bare actor group (no preposition before it) between
        // the subject and the preposition: the main verb's object.
        (0..s.groups.len()).rev().find(|&g| {
            let gr = &s.groups[g];
            !gr.place
                && gr.start >= lo
                && gr.end <= p
                && !paren[gr.start]
                && Some(g) != subject
                && self.prep_before(s, g) == 0
                && (lo..gr.start).any(|i| {
                    s.group_of[i].is_none() && !self.is(s, i, class::DET)
                })
        })
    }

    /// An actor group right after the control verb at `g` (over a
    /// determiner) and before the infinitive's `to`.
    fn direct_object_before(
        &self,
        s: &Sent<'_>,
        g: usize,
        to: usize,
    ) -> Option<usize> {
        s.groups.iter().position(|gr| {
            !gr.place
                && gr.start > g
                && gr.end <= to
                && gr.start <= g + 2
                && (g + 1..gr.start).all(|i| self.is(s, i, class::DET))
        })
    }

    /// True when the to-infinitive at `v` is governed by a subject-control
    /// verb used with an object ("wants Putin to attack"): the act is
    /// requested of that object, not intended by the subject.
    pub fn object_controlled(&self, s: &Sent<'_>, v: usize) -> bool {
        let Some(to) = self.infinitive_to(s, v) else { return false };
        match self.controller(s, to) {
            Some((g, Control::Subject)) => {
                self.direct_object_before(s, g, to).is_some()
            }
            _ => false,
        }
    }

    /// True when the trigger at `v` is the to-infinitive of a control
    /// verb whose lemma is in `verbs` and whose subject does the act
    /// ("X wants to attack", "pledged to help").
    pub fn declared_by(&self, s: &Sent<'_>, v: usize, verbs: &[u32]) -> bool {
        let Some(to) = self.infinitive_to(s, v) else { return false };
        match self.controller(s, to) {
            Some((g, Control::Subject)) => {
                verbs.contains(&s.lem[g])
                    && self.direct_object_before(s, g, to).is_none()
            }
            _ => false,
        }
    }

    /// The subject of an infinitive at `v` from its control verb.
    fn controlled_subject(
        &self,
        s: &Sent<'_>,
        paren: &[bool],
        v: usize,
        depth: u32,
    ) -> Option<usize> {
        if depth > 3 {
            return None;
        }
        let to = self.infinitive_to(s, v)?;
        let (g, c) = self.controller(s, to)?;
        match c {
            Control::Object => {
                s.groups.iter().position(|gr| gr.start > g && gr.end <= to)
            }
            Control::Subject | Control::None => {
                // "the plans of the Israeli army to attack": a controller
                // used as a noun has its "of" phrase as the doer.
                if g > 0
                    && self.is(s, g - 1, class::DET)
                    && g + 1 < to
                    && s.norm(g + 1) == "of"
                {
                    if let Some(o) = s
                        .groups
                        .iter()
                        .position(|gr| gr.start > g + 1 && gr.end <= to)
                    {
                        return Some(o);
                    }
                }
                // "wants Putin to attack": an actor right after the verb
                // is the doer (object control).
                if let Some(o) = self.direct_object_before(s, g, to) {
                    return Some(o);
                }
                let start = self.clause_start(s, paren, g);
                self.subject_in(s, paren, start, g).or_else(|| {
                    self.controlled_subject(s, paren, g, depth + 1)
                })
            }
        }
    }

    /// The "by" agent of a passive trigger ending before `end` that
    /// stands farther away than the object scan of [`Grammar::roles`]
    /// takes an agent from:
    /// the first "by" within eight tokens (no clause break before it)
    /// either introduces the actor itself ("blown up over the border by
    /// Kurdish rebels") or an instrument without an actor followed by a
    /// participle and a second "by" ("by a missile believed to be fired
    /// by rebels", "by a rocket launched from the hills by X"): the
    /// actor right after it. Places are no agents.
    fn far_agent(&self, s: &Sent<'_>, end: usize) -> Option<usize> {
        // Clause breaks; a speech verb is none here ("a missile believed
        // to be fired by").
        let stop = |i: usize| {
            self.is(s, i, class::BOUNDARY)
                || matches!(s.norm(i), "," | ";" | ":" | ".")
        };
        let lim = (end + 8).min(s.len());
        let by1 = (end..lim)
            .take_while(|&i| !stop(i))
            .find(|&i| s.norm(i) == "by")?;
        let actor_after = |b: usize| {
            (b + 1..(b + 4).min(s.len()))
                .take_while(|&j| !stop(j))
                .find_map(|j| s.group_of[j])
                .filter(|&g| !s.groups[g].place)
        };
        if let Some(g) = actor_after(by1) {
            return Some(g);
        }
        let lim = (by1 + 14).min(s.len());
        for i in by1 + 2..lim {
            if s.group_of[i].is_some() || stop(i) {
                return None;
            }
            let linked = s.norm(i - 1).ends_with("ed")
                || self.is(s, i - 1, class::PARTICIPLE);
            if s.norm(i) == "by" && linked {
                return actor_after(i);
            }
        }
        None
    }
}

/// True when token `i` is a comma before a coordinator that opens a new
/// clause ("China said it was concerned, and Japan froze aid to India"):
/// an actor past it is the next clause's, not the act's target. A list
/// of actors after the act ("sanctioned Iran, Syria, and Cuba") has its
/// first member before the comma, which a target search reaches first.
pub(crate) fn comma_coordinator(s: &Sent<'_>, i: usize) -> bool {
    s.norm(i) == ","
        && matches!(s.norm(i + 1), "and" | "but" | "while" | "whereas")
}
