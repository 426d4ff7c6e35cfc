//! Mention assembly and learning: gazetteer hits are grouped into noun
//! phrases ("former Israeli Prime Minister Naftali Bennett", "Biden's
//! deputy national security adviser John Feiner") whose code combines the
//! head actor's country with the last role word, and title + name
//! patterns define persons for the rest of the article.
//!
//! Grammar of a group, over adjacent hits and sub-tokens of one sentence:
//! `modifier* actor? ('s)? (modifier | agent)* (name | of the actor
//! (, name)?)?`.

use super::gazetteer::{Entry, Gazetteer, Hit, Kind, Norm};
use crate::codes::ActorCode;
use crate::dict::AgentPlacement;
use crate::span::Span;

pub(crate) use super::lexicon::{Definite, Lexicon, Pronoun};

/// What an item refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ref {
    /// A gazetteer entry.
    Gaz(u32),
    /// A person learned from this article.
    Learned(u32),
}

/// A hit or a learned-name occurrence: sub-tokens `a..b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Item {
    pub a: u32,
    pub b: u32,
    pub r: Ref,
}

impl From<Hit> for Item {
    fn from(h: Hit) -> Item {
        Item { a: h.a, b: h.b, r: Ref::Gaz(h.entry) }
    }
}

/// A person learned from a title + name pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Person {
    pub name: String,
    /// Normalised name words (particles excluded).
    pub words: Vec<String>,
    pub code: ActorCode,
    /// Normalised title, e.g. `prime minister`.
    pub title: String,
    /// Where the person was defined (empty for a person from the run
    /// memory).
    pub def: Span,
    /// Provenance of a person from the run memory
    /// (`learned:<article>:<start>-<end>`).
    pub origin: Option<String>,
}

impl Person {
    /// Whether the name looks like a person's, to remember it across
    /// articles: two or more title-case words of letters, none an
    /// organisation word ("General Automation Inc" is a company, not
    /// General Automation).
    pub fn rememberable(&self, lex: &Lexicon) -> bool {
        let parts: Vec<&str> = self
            .name
            .split_whitespace()
            .filter(|w| !lex.particles.contains(*w))
            .collect();
        (2..=4).contains(&parts.len())
            && parts.iter().filter(|w| !lex.particles.contains(**w)).all(|w| {
                let mut cs = w.chars();
                cs.next().is_some_and(char::is_uppercase)
                    && cs.clone().any(char::is_lowercase)
                    && w.chars().all(|c| {
                        c.is_alphabetic() || matches!(c, '-' | '\'' | '.')
                    })
                    && !lex.org_words.contains(
                        w.trim_end_matches('.').to_lowercase().as_str(),
                    )
                    && !lex.non_names.contains(*w)
            })
    }

    pub fn entry(&self) -> String {
        match &self.origin {
            Some(o) => o.clone(),
            None => format!("learned:{}-{}", self.def.start, self.def.end),
        }
    }
}

/// One assembled mention, before coreference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Group {
    pub a: u32,
    pub b: u32,
    pub code: ActorCode,
    pub name: Option<String>,
    pub entries: Vec<String>,
    /// The person this mention refers to (for pronouns): canonical name.
    pub person: bool,
    /// Normalised title of the last role word, if any.
    pub title: Option<String>,
    /// No head actor and no name: the country comes from context.
    pub bare: bool,
    /// A place ("in Moscow"), not an actor.
    pub locative: bool,
    /// Where the country came from (set when there is one).
    pub country_from: Option<super::CountryFrom>,
}

/// Plural nouns of places, which end in "-s" like action nouns but name
/// where, not who: "in Kuwaiti waters", "in Lebanese villages".
///
/// The list: `dicts/words/actor_place_nouns.txt`.
static PLACE_NOUNS: crate::util::WordList =
    crate::util::word_list!("words/actor_place_nouns.txt");

/// Roles a generic post word after them keeps (`dicts/ner/role_heads.txt`:
/// "army chief" is the army's, "rebel spokesman" the rebels').
const KEPT_BY_HEADS: &[&str] =
    &["MIL", "COP", "SPY", "JUD", "LEG", "REB", "OPP"];

/// Roles that refine a government head ("Biden administration forces").
const REFINES_GOV: &[&str] = &["MIL", "COP", "SPY", "JUD", "LEG"];

pub(crate) struct Ctx<'a> {
    pub gaz: &'a Gazetteer,
    pub lex: &'a Lexicon,
    pub norm: &'a Norm<'a>,
    pub text: &'a str,
    /// Sentence index of each sub-token.
    pub sent: &'a [u32],
    /// The article's date (for phrases found inside other phrases).
    pub date: crate::date::Date,
}

impl<'a> Ctx<'a> {
    fn entry(&self, r: Ref) -> Option<&'a Entry> {
        match r {
            Ref::Gaz(i) => self.gaz.entries.get(i as usize),
            Ref::Learned(_) => None,
        }
    }

    fn is_modifier(&self, it: &Item) -> bool {
        self.entry(it.r)
            .is_some_and(|e| e.kind == Kind::Agent(AgentPlacement::Modifier))
    }

    fn is_agent(&self, it: &Item) -> bool {
        self.entry(it.r).is_some_and(|e| {
            matches!(e.kind, Kind::Role)
                || matches!(e.kind, Kind::Agent(p) if p != AgentPlacement::Modifier)
        })
    }

    fn is_prefix_agent(&self, it: &Item) -> bool {
        self.entry(it.r)
            .is_some_and(|e| e.kind == Kind::Agent(AgentPlacement::Prefix))
    }

    /// An agent item's code and placement (a `---GOV` role actor is a
    /// suffix `GOV`).
    fn agent_code(&self, r: Ref) -> Option<(String, AgentPlacement)> {
        let e = self.entry(r)?;
        match e.kind {
            Kind::Role => Some((
                ActorCode::from(e.code.as_str()).role_slot()?.to_string(),
                AgentPlacement::Suffix,
            )),
            Kind::Agent(p) if p != AgentPlacement::Modifier => {
                Some((e.code.clone(), p))
            }
            _ => None,
        }
    }

    /// TABARI stacking: the agent item `it`'s code, then the code of the
    /// longest agent phrase starting at each later word inside it ("main
    /// opposition group": `MOP`, then "opposition group" `OPP`), with
    /// their origins.
    fn stack(
        &self,
        it: &Item,
        out: &mut Vec<(String, AgentPlacement)>,
        entries: &mut Vec<String>,
    ) {
        if let Some(c) = self.agent_code(it.r) {
            out.push(c);
        }
        for p in it.a as usize + 1..it.b as usize {
            let Some(h) = self.gaz.longest_at(self.norm, p, self.date) else {
                continue;
            };
            if h.b > it.b {
                continue;
            }
            let r = Ref::Gaz(h.entry);
            if let Some(c) = self.agent_code(r) {
                out.push(c);
                if let Some(e) = self.entry(r) {
                    entries.push(e.origin.clone());
                }
            }
        }
    }

    /// TABARI stacking: after a possessive at sub-token `p`, a short run
    /// of premodifiers ("awful and evil", "first Deputy") before the
    /// agent item `next`: the agent's position.
    fn skip_premodifiers(
        &self,
        p: usize,
        next: Option<&Item>,
    ) -> Option<usize> {
        let next = next?;
        let q = next.a as usize;
        if q <= p
            || q - p > 4
            || !self.is_agent(next)
            || !self.same_sentence(p, q)
        {
            return None;
        }
        let ok = (p..q).all(|i| {
            self.modifier_word(i)
                && self.word(i).chars().all(|c| c.is_alphabetic())
        });
        ok.then_some(q)
    }

    /// Whether sub-token `i` may stand between a possessor or country
    /// adjective and its agent: a word, no noun-phrase break, no
    /// participle ("-ed" ends the phrase).
    fn modifier_word(&self, i: usize) -> bool {
        let w = self.word(i);
        self.norm.subs[i].word
            && !self.lex.np_breaks.contains(w)
            && !w.ends_with("ed")
    }

    /// "Japanese steel firms", "Dutch sugar traders": one or two
    /// lowercase words of a trade between a country adjective (`p`) and
    /// a business agent `next`: the firms are that country's business,
    /// not the country. Business agents only, so "Iraqi oil minister"
    /// keeps its own reading.
    fn skip_trade_words(
        &self,
        p: usize,
        next: Option<&Item>,
    ) -> Option<usize> {
        let next = next?;
        let q = next.a as usize;
        let business = self.entry(next.r).is_some_and(|e| {
            matches!(e.kind, Kind::Agent(_)) && e.code == "BUS"
        });
        if q <= p || q - p > 2 || !business || !self.same_sentence(p, q) {
            return None;
        }
        let ok = (p..q).all(|i| {
            self.modifier_word(i)
                && !self.norm.subs[i].initial
                && self
                    .word(i)
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-')
        });
        ok.then_some(q)
    }

    fn is_head(&self, it: &Item) -> bool {
        match it.r {
            Ref::Learned(_) => true,
            Ref::Gaz(_) => {
                self.entry(it.r).is_some_and(|e| e.kind == Kind::Actor)
            }
        }
    }

    fn is_person(&self, it: &Item) -> bool {
        match it.r {
            Ref::Learned(_) => true,
            Ref::Gaz(_) => self.entry(it.r).is_some_and(|e| e.person),
        }
    }

    pub fn word(&self, i: usize) -> &'a str {
        self.norm.word(i)
    }

    pub fn same_sentence(&self, i: usize, j: usize) -> bool {
        match (self.sent.get(i), self.sent.get(j)) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        }
    }

    /// Whether a free-standing dash stands between sub-token `j` and
    /// the one before it ("ARGYLE, St Vincent and the Grenadines -
    /// President Irfaan Ali"): the normalised words leave dashes out, but
    /// a dash with a space beside it ends a dateline or opens an aside,
    /// so the words on its two sides are no one mention (the dateline's
    /// country is not the president's). A hyphen inside a word
    /// ("Saudi-led") has no space and still joins.
    fn dash_before(&self, j: usize) -> bool {
        let subs = &self.norm.subs;
        let (Some(prev), Some(cur)) =
            (j.checked_sub(1).and_then(|i| subs.get(i)), subs.get(j))
        else {
            return false;
        };
        let gap = self
            .text
            .get(prev.span.end as usize..cur.span.start as usize)
            .unwrap_or("");
        gap.contains(char::is_whitespace)
            && gap.contains(super::gazetteer::is_dash)
    }

    /// Sub-token position after a possessive at `p`, if there is one.
    fn possessive(&self, p: usize) -> Option<usize> {
        match self.word(p) {
            "'s" => Some(p + 1),
            "'" if self.word(p + 1) == "s" => Some(p + 2),
            "'" if p > 0 && self.word(p - 1).ends_with('s') => Some(p + 1),
            _ => None,
        }
    }

    pub fn span(&self, a: usize, b: usize) -> Span {
        let s = &self.norm.subs;
        Span::new(s[a].span.start as usize, s[b - 1].span.end as usize)
    }

    /// A capitalised person name starting at sub-token `p`: its end, its
    /// items consumed (learned or office-holder names) and its text.
    fn name_at(
        &self,
        p: usize,
        items: &[Item],
        k: usize,
        persons: &[Person],
    ) -> Option<(usize, usize, String)> {
        let subs = &self.norm.subs;
        let (mut q, mut kk, mut parts) = (p, k, 0);
        let mut only: Option<Ref> = None;
        while q < subs.len() && parts < 4 && self.same_sentence(p, q) {
            if let Some(it) = items.get(kk).filter(|it| it.a as usize == q) {
                if !self.is_person(it) {
                    break;
                }
                only = if parts == 0 { Some(it.r) } else { None };
                q = it.b as usize;
                kk += 1;
                parts += 1;
                continue;
            }
            let s = subs[q];
            let orig = s.span.slice(self.text);
            // "An" in "Park An-su" is a name's syllable, not the article.
            let joined_next = subs.get(q + 1).is_some_and(|n| {
                n.span.start == s.span.end + 1
                    && self.text.as_bytes().get(s.span.end as usize)
                        == Some(&b'-')
            });
            let name_word = !self.lex.non_names.contains(orig) || joined_next;
            if s.word && s.initial && name_word {
                only = None;
                q += 1;
                parts += 1;
                continue;
            }
            // "Park An-su", "Kim Yong-hyun": a lowercase syllable joined
            // by a hyphen (which the normalised words leave out), no space,
            // continues the part before it ("-led", "-backed" do not).
            let hyphen = s.span.start.checked_sub(1).filter(|&h| {
                subs[q - 1].span.end == h
                    && self.text.as_bytes().get(h as usize) == Some(&b'-')
            });
            if parts > 0
                && hyphen.is_some()
                && s.word
                && !s.upper
                && orig.len() <= 4
                && !orig.ends_with("ed")
            {
                q += 1;
                continue;
            }
            let next_cap =
                subs.get(q + 1).is_some_and(|n| n.word && n.initial);
            if parts > 0 && next_cap && self.lex.particles.contains(orig) {
                q += 1;
                continue;
            }
            break;
        }
        if parts == 0 {
            return None;
        }
        let name = match only.filter(|_| kk == k + 1 && parts == 1) {
            Some(Ref::Learned(i)) => persons.get(i as usize)?.name.clone(),
            Some(r @ Ref::Gaz(_)) => self
                .entry(r)
                .and_then(|e| e.name.clone())
                .unwrap_or_else(|| self.span(p, q).slice(self.text).into()),
            None => self.span(p, q).slice(self.text).to_string(),
        };
        Some((q, kk, name))
    }
}

/// The name of a named group or organisation at the head of a mention
/// with agent words that keep its code ("PDP supporters", "Al Shabaab
/// fighters" are the PDP's and al-Shabaab's): two such bodies of one
/// code stay two actors ("APC members attacked by PDP supporters").
/// Countries keep no name here: "Nigerian police" are not "Nigeria".
fn named_body(cx: &Ctx<'_>, h: Item) -> Option<String> {
    let e = cx.entry(h.r)?;
    let body = BODY_FILES.iter().any(|f| e.origin.starts_with(f));
    e.name.clone().filter(|_| body)
}

/// Dictionary files of named bodies (see [`named_body`]).
const BODY_FILES: &[&str] =
    &["dicts/actors/groups.tsv:", "dicts/actors/organizations.tsv:"];

/// Groups `items` (sorted, non-overlapping) into mentions and learns
/// persons from title + name patterns.
pub(crate) fn group(
    cx: &Ctx<'_>,
    items: &[Item],
    persons: &[Person],
) -> (Vec<Group>, Vec<Person>) {
    let mut out = Vec::new();
    let mut learned: Vec<Person> = Vec::new();
    let mut k = 0;
    while k < items.len() {
        let mut g = Scan::new(cx, items, persons, k);
        g.prefix_agents();
        g.modifiers();
        g.opposition();
        g.head();
        g.agents();
        if g.head.is_none() && g.n_agents == 0 {
            k = if g.mods == 0 { g.k + 1 } else { g.k };
            continue;
        }
        if g.head.is_none() && g.bound_only {
            k = g.k;
            continue;
        }
        g.head_after_of();
        g.name();
        let code = g.compose();
        k = g.k;
        out.push(g.finish(code, &mut learned));
    }
    (out, learned)
}

/// One mention being assembled by [`group`]: modifier* actor? ('s)?
/// (modifier | agent)* name?, with TABARI's prefix agents and agent
/// stacking.
struct Scan<'c, 'x> {
    cx: &'c Ctx<'x>,
    items: &'c [Item],
    persons: &'c [Person],
    /// The mention's first sub-token.
    a: usize,
    /// The next item.
    k: usize,
    /// The next sub-token.
    pos: usize,
    entries: Vec<String>,
    /// A former office holder ("former president").
    eli: bool,
    /// TABARI stacking: agent codes in text order.
    stacked: Vec<(String, AgentPlacement)>,
    n_pre: usize,
    pre_title: Option<String>,
    mods: usize,
    head: Option<Item>,
    head_code: ActorCode,
    role: String,
    placement: AgentPlacement,
    title: Option<String>,
    /// Every agent is bound ("people", "media"): no mention on its own.
    bound_only: bool,
    n_agents: usize,
    name: Option<String>,
    person: bool,
    /// The name's sub-tokens.
    name_span: Option<(usize, usize)>,
    /// The code of a known person named after the title.
    name_code: Option<ActorCode>,
    /// "opposition" before a party's name ("the main opposition
    /// Democratic Party"): the party, in opposition (`OPP`).
    opposition: bool,
}

impl<'c, 'x> Scan<'c, 'x> {
    fn new(
        cx: &'c Ctx<'x>,
        items: &'c [Item],
        persons: &'c [Person],
        k: usize,
    ) -> Scan<'c, 'x> {
        let a = items[k].a as usize;
        Scan {
            cx,
            items,
            persons,
            a,
            k,
            pos: a,
            entries: Vec::new(),
            eli: false,
            stacked: Vec::new(),
            n_pre: 0,
            pre_title: None,
            mods: 0,
            head: None,
            head_code: ActorCode::from(""),
            role: String::new(),
            placement: AgentPlacement::Suffix,
            title: None,
            bound_only: true,
            n_agents: 0,
            name: None,
            person: false,
            name_span: None,
            name_code: None,
            opposition: false,
        }
    }

    /// Whether item `k` starts at sub-token `pos`, in the mention's
    /// sentence.
    fn adjacent(&self, k: usize, pos: usize) -> bool {
        self.items.get(k).is_some_and(|it| {
            it.a as usize == pos
                && self.cx.same_sentence(self.a, pos)
                && (pos == self.a || !self.cx.dash_before(pos))
        })
    }

    fn push_entry(&self, entries: &mut Vec<String>, r: Ref) {
        match r {
            Ref::Gaz(_) => {
                if let Some(e) = self.cx.entry(r) {
                    entries.push(e.origin.clone());
                }
            }
            Ref::Learned(i) => {
                if let Some(p) = self.persons.get(i as usize) {
                    entries.push(p.entry());
                }
            }
        }
    }

    /// Whether item `it` is the `ELI` modifier ("former").
    fn is_eli(&self, it: &Item) -> bool {
        self.cx.entry(it.r).is_some_and(|e| e.code == "ELI")
    }

    /// TABARI: prefix agents right before an actor ("MSF Arnor").
    fn prefix_agents(&mut self) {
        if !self.cx.lex.stack_agents {
            return;
        }
        let (cx, items) = (self.cx, self.items);
        let (mut kk, mut pp) = (self.k, self.pos);
        while self.adjacent(kk, pp) && cx.is_prefix_agent(&items[kk]) {
            pp = items[kk].b as usize;
            kk += 1;
        }
        if kk > self.k && self.adjacent(kk, pp) && cx.is_head(&items[kk]) {
            let mut entries = std::mem::take(&mut self.entries);
            for it in &items[self.k..kk] {
                cx.stack(it, &mut self.stacked, &mut entries);
                self.push_entry(&mut entries, it.r);
                self.pre_title = cx.entry(it.r).map(|e| e.norm.clone());
            }
            self.entries = entries;
            self.n_pre = kk - self.k;
            self.k = kk;
            self.pos = pp;
        }
    }

    /// modifier*
    fn modifiers(&mut self) {
        while self.adjacent(self.k, self.pos)
            && self.cx.is_modifier(&self.items[self.k])
        {
            if self.is_eli(&self.items[self.k]) {
                self.eli = true;
            }
            self.pos = self.items[self.k].b as usize;
            self.k += 1;
            self.mods += 1;
        }
    }

    /// "the main opposition Democratic Party": the role word
    /// "opposition" right before a party or opposition group is part of
    /// its name's mention, one actor of the party's country in
    /// opposition, not a second actor of no country.
    fn opposition(&mut self) {
        let (cx, items) = (self.cx, self.items);
        let Some(it) = items.get(self.k) else { return };
        let opp = self.adjacent(self.k, self.pos)
            && cx.entry(it.r).is_some_and(|e| {
                e.code == "OPP" && matches!(e.kind, Kind::Agent(_))
            });
        let next = self.k + 1;
        let party = opp
            && self.adjacent(next, it.b as usize)
            && cx.is_head(&items[next])
            && matches!(
                code_of(cx, items[next].r, self.persons).role(),
                Some("OPP" | "PTY")
            );
        if !party {
            return;
        }
        let mut entries = std::mem::take(&mut self.entries);
        self.push_entry(&mut entries, it.r);
        self.entries = entries;
        self.opposition = true;
        self.pos = it.b as usize;
        self.k = next;
    }

    /// Takes item `k` as the head actor.
    fn take_head(&mut self) {
        let it = self.items[self.k];
        self.head_code = code_of(self.cx, it.r, self.persons);
        let mut entries = std::mem::take(&mut self.entries);
        self.push_entry(&mut entries, it.r);
        self.entries = entries;
        self.head = Some(it);
        self.pos = it.b as usize;
        self.k += 1;
    }

    /// actor? ("Palestinian Hamas": a bare country before an actor of
    /// the same country joins it.)
    fn head(&mut self) {
        let (cx, items) = (self.cx, self.items);
        if !(self.adjacent(self.k, self.pos) && cx.is_head(&items[self.k])) {
            return;
        }
        self.take_head();
        while self.adjacent(self.k, self.pos)
            && cx.is_head(&items[self.k])
            && self.head_code.is_bare_country()
            && code_of(cx, items[self.k].r, self.persons).country()
                == Some(self.head_code.as_str())
        {
            self.take_head();
        }
    }

    /// ('s)? (modifier | agent)*: the role words after the head (or
    /// after its possessive).
    fn agents(&mut self) {
        let (cx, items) = (self.cx, self.items);
        let head_end = self.pos;
        let after_poss = self
            .head
            .and(cx.possessive(self.pos))
            .filter(|p| cx.same_sentence(self.a, p.saturating_sub(1)));
        let mut p2 = after_poss.unwrap_or(self.pos);
        let mut k2 = self.k;
        let mut agent_entries = Vec::new();
        let mut skipped = false;
        let (mut eli_pending, mut eli_after) = (false, false);
        loop {
            if !self.adjacent(k2, p2) {
                if cx.lex.stack_agents
                    && self.n_agents == 0
                    && !skipped
                    && after_poss.is_some()
                {
                    if let Some(q) = cx.skip_premodifiers(p2, items.get(k2)) {
                        p2 = q;
                        skipped = true;
                        continue;
                    }
                }
                if self.n_agents == 0
                    && !skipped
                    && after_poss.is_none()
                    && self.head_code.is_bare_country()
                {
                    if let Some(q) = cx.skip_trade_words(p2, items.get(k2)) {
                        p2 = q;
                        skipped = true;
                        continue;
                    }
                }
                break;
            }
            let it = items[k2];
            if cx.is_modifier(&it) {
                // Kept only if an agent follows ("Iran's former
                // minister"); "Biden then announced" is no former one.
                eli_pending |= self.is_eli(&it);
            } else if cx.is_agent(&it) {
                let Some(e) = cx.entry(it.r) else { break };
                eli_after |= std::mem::take(&mut eli_pending);
                self.agent(e, &mut agent_entries);
                if cx.lex.stack_agents {
                    cx.stack(&it, &mut self.stacked, &mut agent_entries);
                }
            } else {
                break;
            }
            p2 = it.b as usize;
            k2 += 1;
        }
        if self.n_agents > 0 {
            self.pos = p2;
            self.k = k2;
            self.entries.extend(agent_entries);
            self.eli |= eli_after;
        } else {
            // Modifiers read past the head belong to the next group.
            self.pos = head_end;
        }
        if self.n_pre > 0 {
            self.n_agents += self.n_pre;
            self.bound_only = false;
            if self.title.is_none() {
                self.title = self.pre_title.clone();
            }
        }
    }

    /// One agent entry: its role, placement and title.
    fn agent(&mut self, e: &Entry, entries: &mut Vec<String>) {
        let code = ActorCode::from(e.code.as_str());
        let r = match e.kind {
            Kind::Role => code.role_slot().unwrap_or(""),
            _ => e.code.as_str(),
        };
        // "army chief", "police spokesman": a generic post word keeps the
        // role of the body word before it.
        // Not after a bare "general", as often a company's name
        // ("Supermarkets General officials") as a rank.
        let keeps = r == "GOV"
            && KEPT_BY_HEADS.contains(&self.role.as_str())
            && self.cx.lex.role_heads.contains(e.norm.as_str())
            && self.title.as_deref() != Some("general");
        if !r.is_empty() && !keeps {
            self.role = r.to_string();
        }
        if let Kind::Agent(p) = e.kind {
            self.placement = p;
            if p != AgentPlacement::Bound {
                self.bound_only = false;
            }
        } else {
            self.bound_only = false;
        }
        self.title = Some(e.norm.clone());
        entries.push(e.origin.clone());
        self.n_agents += 1;
    }

    /// "the head of the Hamas politburo": a role of the actor after
    /// "of", "in" or "from".
    fn head_after_of(&mut self) {
        let (cx, items) = (self.cx, self.items);
        if self.head.is_some() || self.n_agents == 0 {
            return;
        }
        let mut p = self.pos;
        if !matches!(cx.word(p), "of" | "in" | "from") {
            return;
        }
        p += 1;
        if cx.word(p) == "the" {
            p += 1;
        }
        if !(self.adjacent(self.k, p) && cx.is_head(&items[self.k])) {
            return;
        }
        self.take_head();
        while self.adjacent(self.k, self.pos) && cx.is_agent(&items[self.k]) {
            let it = items[self.k];
            if let Some(e) = cx.entry(it.r) {
                self.title = Some(e.norm.clone());
            }
            let mut entries = std::mem::take(&mut self.entries);
            if cx.lex.stack_agents {
                cx.stack(&it, &mut self.stacked, &mut entries);
            }
            self.push_entry(&mut entries, it.r);
            self.entries = entries;
            self.pos = it.b as usize;
            self.k += 1;
        }
    }

    /// name?: a person named after the role words ("Prime Minister
    /// Benjamin Netanyahu", "the minister, Jan Kowalczyk,").
    fn name(&mut self) {
        let cx = self.cx;
        if self.n_agents == 0 || self.bound_only {
            return;
        }
        let mut p = self.pos;
        let appos = cx.word(p) == "," && cx.same_sentence(self.a, p + 1);
        if appos {
            p += 1;
        }
        let Some((end, kk, n)) =
            cx.name_at(p, self.items, self.k, self.persons)
        else {
            return;
        };
        let closes = matches!(cx.word(end), "," | "." | "")
            || !cx.same_sentence(self.a, end);
        if appos && !closes {
            return;
        }
        self.name_span = Some((p, end));
        if kk > self.k {
            self.name_code =
                Some(code_of(cx, self.items[self.k].r, self.persons));
            let mut entries = std::mem::take(&mut self.entries);
            for it in &self.items[self.k..kk] {
                self.push_entry(&mut entries, it.r);
            }
            self.entries = entries;
        }
        self.name = Some(n);
        self.person = true;
        self.pos = end;
        self.k = kk;
    }

    /// Whether the head is a capital city (read as its government when it
    /// stands alone, "Moscow said").
    fn head_is_capital(&self) -> bool {
        self.head
            .and_then(|h| self.cx.entry(h.r))
            .is_some_and(|e| e.origin.contains("capitals.tsv"))
    }

    /// The mention's code: the head's, refined by the role words (TABARI
    /// stacking composes them in text order), or the named person's.
    fn compose(&self) -> ActorCode {
        let (head_code, role) = (&self.head_code, &self.role);
        let country =
            self.head.map(|_| head_code.country().map(str::to_string));
        let mut code = match (&self.head, country) {
            _ if self.cx.lex.stack_agents => {
                let base = match &self.head {
                    Some(_) if !head_code.is_empty() => head_code.clone(),
                    _ => ActorCode::without_country(""),
                };
                compose_stacked(base, &self.stacked)
            }
            (Some(_), Some(Some(c))) => {
                // A capital is a place before it is a government: "students
                // in Moscow" are Russian students, not Russia's government;
                // its GOV reading holds only when no role word says more.
                let hr = match self.head_is_capital() {
                    true => "",
                    false => head_code.role().unwrap_or(""),
                };
                if role.is_empty() || (!hr.is_empty() && !refines(hr, role)) {
                    head_code.clone()
                } else if self.placement == AgentPlacement::Prefix {
                    ActorCode::from_parts(role, &c)
                } else {
                    ActorCode::from_parts(&c, role)
                }
            }
            (Some(_), _) => {
                if head_code.role().is_some() || role.is_empty() {
                    head_code.clone()
                } else {
                    ActorCode::without_country(role)
                }
            }
            (None, _) => ActorCode::without_country(role),
        };
        if let (None, Some(c)) = (&self.head, &self.name_code) {
            // "Prime Minister Netanyahu": the known person's code.
            if c.country().is_some() {
                code = c.clone();
            }
        }
        if self.opposition && code.role() == Some("PTY") {
            if let Some(c) = code.country_slot() {
                code = ActorCode::from_parts(c, "OPP");
            }
        }
        if self.eli {
            // A former office holder: the country, as an elite (`ELI`).
            if let Some(c) = code.country_slot() {
                code = ActorCode::from_parts(c, "ELI");
            }
        }
        code
    }

    /// The group, with a person learned from a title + name pattern
    /// added to `learned`.
    fn finish(mut self, code: ActorCode, learned: &mut Vec<Person>) -> Group {
        let cx = self.cx;
        if let Some(h) = self.head {
            if self.n_agents == 0 && self.name.is_none() {
                self.person = cx.is_person(&h);
                self.name = match h.r {
                    Ref::Learned(i) => {
                        self.persons.get(i as usize).map(|p| p.name.clone())
                    }
                    Ref::Gaz(_) => cx.entry(h.r).and_then(|e| e.name.clone()),
                };
            } else if self.name.is_none() && code == self.head_code {
                self.name = named_body(cx, h);
            }
        }
        let locative = self.locative();
        if let (Some((p, end)), Some(n)) = (self.name_span, &self.name) {
            if code.role().is_some() {
                let words = (p..end)
                    .map(|i| cx.word(i))
                    .filter(|w| !cx.lex.particles.contains(*w) && *w != "'")
                    .map(str::to_string)
                    .collect();
                learned.push(Person {
                    name: n.clone(),
                    words,
                    code: code.clone(),
                    title: self.title.clone().unwrap_or_default(),
                    def: cx.span(self.a, end),
                    origin: None,
                });
            }
        }
        let bare = self.head.is_none() && self.name.is_none();
        let country_from = code.country().map(|_| super::CountryFrom::Text);
        Group {
            a: self.a as u32,
            b: self.pos as u32,
            code,
            name: self.name,
            entries: self.entries,
            person: self.person,
            title: if self.n_agents > 0 { self.title } else { None },
            bare,
            locative,
            country_from,
        }
    }

    /// A place ("in Moscow"): a bare actor after a locative word, unless
    /// it is a demonym naming the doer of an action noun ("killed in
    /// Israeli tank shelling").
    fn locative(&self) -> bool {
        let (cx, a, pos) = (self.cx, self.a, self.pos);
        let after_locative = self.head.is_some()
            && self.n_agents == 0
            && self.name_span.is_none()
            && a > 0
            && {
                let mut q = a - 1;
                if cx.word(q) == "the" && q > 0 {
                    q -= 1;
                }
                cx.lex.locatives.contains(cx.word(q))
            };
        after_locative
            && !self.aimed_at_places()
            // "killed in Israeli tank shelling": after "in", a demonym
            // adjective (a country's form other than its name, not a
            // plural) before a lower-case noun phrase ending in an action
            // noun ("-ing", plural: "shelling", "air raids") names the
            // doer, not a place ("in Brazilian trade" stays a place).
            && !((cx.word(a - 1) == "in"
                || (a > 1 && cx.word(a - 1) == "the" && cx.word(a - 2) == "in"))
                && self.head.and_then(|h| cx.entry(h.r)).is_some_and(|e| {
                    let name =
                        e.name.as_deref().unwrap_or("").to_lowercase();
                    let plain = |i: usize| {
                        cx.norm.subs.get(i).is_some_and(|n| n.word && !n.upper)
                            && cx.same_sentence(a, i)
                            && !cx.lex.np_breaks.contains(cx.word(i))
                    };
                    let action = |i: usize| {
                        let w = cx.word(i);
                        plain(i)
                            && !PLACE_NOUNS.contains(w)
                            && (w.ends_with("ing")
                                || (w.ends_with('s') && !w.ends_with("ss")))
                    };
                    !e.norm.contains(' ')
                        && super::adjective_form(&e.norm, &name)
                        && (action(pos) || (plain(pos) && action(pos + 1)))
                }))
    }
}

impl Scan<'_, '_> {
    /// "fired rockets at Ukrainian cities", "shells fell into Syrian
    /// villages": after a preposition of aim ("at", "into"), a demonym
    /// (a country's one-word adjective) before a plural place noun names
    /// the country aimed at, an actor, not where something happened ("in
    /// Omani waters" stays a place).
    fn aimed_at_places(&self) -> bool {
        let (cx, a, pos) = (self.cx, self.a, self.pos);
        let aim = a > 0 && matches!(cx.word(a - 1), "at" | "into");
        aim && cx.same_sentence(a, pos)
            && self.head.and_then(|h| cx.entry(h.r)).is_some_and(|e| {
                let name = e.name.as_deref().unwrap_or("").to_lowercase();
                !e.norm.contains(' ')
                    && super::adjective_form(&e.norm, &name)
                    && (place_plural(cx, pos)
                        || (plain_word(cx, pos) && place_plural(cx, pos + 1)))
            })
    }
}

/// A lower-case word at `i` ("border" in "at Ukrainian border towns").
fn plain_word(cx: &Ctx<'_>, i: usize) -> bool {
    cx.norm.subs.get(i).is_some_and(|n| n.word && !n.upper)
}

/// A plural place noun at `i` ("cities", "villages").
fn place_plural(cx: &Ctx<'_>, i: usize) -> bool {
    plain_word(cx, i) && PLACE_NOUNS.contains(cx.word(i))
}

/// TABARI/PETRARCH composition: each agent code in text order is
/// appended (suffix) or prepended (prefix) to `base`; the first code
/// already present (on a 3-character boundary) ends the composition.
/// Without a country, prefix codes are appended too, so the country slot
/// stays `---`.
fn compose_stacked(
    base: ActorCode,
    agents: &[(String, AgentPlacement)],
) -> ActorCode {
    let mut code = base;
    for (agc, placement) in agents {
        if agc.is_empty() {
            continue;
        }
        if code.has_group(agc) {
            break;
        }
        code = if *placement == AgentPlacement::Prefix
            && code.country().is_some()
        {
            code.prepended(agc)
        } else {
            code.appended(agc)
        };
    }
    code
}

fn refines(head_role: &str, role: &str) -> bool {
    head_role == "GOV" && REFINES_GOV.contains(&role)
}

/// The actor code an item refers to (empty when it refers to none).
fn code_of(cx: &Ctx<'_>, r: Ref, persons: &[Person]) -> ActorCode {
    match r {
        Ref::Gaz(_) => {
            ActorCode::from(cx.entry(r).map_or("", |e| e.code.as_str()))
        }
        Ref::Learned(i) => persons
            .get(i as usize)
            .map_or_else(|| ActorCode::from(""), |p| p.code.clone()),
    }
}

/// Occurrences of learned names (full name or surname) at capitalised
/// sub-tokens not covered by `items`, merged into `items`.
pub(crate) fn add_learned(
    cx: &Ctx<'_>,
    items: &[Item],
    persons: &[Person],
) -> Vec<Item> {
    let subs = &cx.norm.subs;
    let mut covered = vec![false; subs.len()];
    for it in items {
        for c in &mut covered[it.a as usize..it.b as usize] {
            *c = true;
        }
    }
    let mut extra = Vec::new();
    // Family names whose latest mention was another person's full name
    // ("Usman Khan" before "Khan stabbed", "Hunter Biden" before "Biden
    // was paid"): a bare mention is that person's, not the learned one's.
    let mut others: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < subs.len() {
        if covered[i] || !subs[i].initial || !subs[i].word {
            // A dictionary mention of the name ends the other person's turn.
            if covered[i] {
                others.retain(|w| *w != cx.word(i));
            }
            i += 1;
            continue;
        }
        let at = Learned { cx, covered: &covered, others: &others };
        let (best, other) = at.best_person(i, persons);
        match best {
            Some((end, pi)) => {
                extra.push(Item {
                    a: i as u32,
                    b: end as u32,
                    r: Ref::Learned(pi),
                });
                others.retain(|w| *w != cx.word(end - 1));
                i = end;
            }
            None => {
                if other {
                    others.push(cx.word(i));
                }
                i += 1;
            }
        }
    }
    let mut all: Vec<Item> = items.iter().copied().chain(extra).collect();
    all.sort_by_key(|it| it.a);
    all
}

/// The scan of `add_learned` at one sub-token.
struct Learned<'c, 'a> {
    cx: &'c Ctx<'a>,
    covered: &'c [bool],
    others: &'c [&'a str],
}

impl Learned<'_, '_> {
    /// The longest learned person's mention starting at sub-token `i`
    /// (end, person), and whether `i` is a family name of one of them
    /// after another given name (another person's full name).
    fn best_person(
        &self,
        i: usize,
        persons: &[Person],
    ) -> (Option<(usize, u32)>, bool) {
        let (cx, covered, subs) = (self.cx, self.covered, &self.cx.norm.subs);
        let mut best: Option<(usize, u32)> = None;
        let mut other = false;
        for (pi, p) in persons.iter().enumerate() {
            let n = p.words.len();
            let family =
                family_names(&p.words, &p.code).any(|w| w == cx.word(i));
            // A one-word name ("Mayor Adamowicz") has no given name to
            // differ from: "Pawel Adamowicz" may be the same person. Only
            // before the person's own full mention in the article: after
            // it, an unknown title ("Rep. Huckaby") or a particle ("De
            // Mel") reads as a given name, and the name is the person's.
            let given = family && other_given(cx, covered, i, &p.words);
            other |= given
                && n >= 2
                && p.origin.is_none()
                && subs[i].span.start < p.def.start;
            // full name (a one-word name is a family name: not right
            // after another person of that name)
            let full = n > 0
                && i + n <= subs.len()
                && (0..n)
                    .all(|j| !covered[i + j] && cx.word(i + j) == p.words[j])
                && !(n == 1 && self.after_other(i));
            // A remembered person's surname alone only where it stands
            // alone ("Ford", not "Ford Motor" or "Henry Ford").
            let alone = p.origin.is_none()
                || !(i > 0 && subs[i - 1].word && subs[i - 1].initial
                    || subs.get(i + 1).is_some_and(|s| s.word && s.initial));
            let end = if full {
                i + n
            } else if alone && family && !given && !self.after_other(i) {
                i + 1
            } else {
                continue;
            };
            if best.is_none_or_longer(end) {
                best = Some((end, pi as u32));
            }
        }
        (best, other)
    }

    /// True when the family name at `i` last named another person.
    fn after_other(&self, i: usize) -> bool {
        self.others.contains(&self.cx.word(i))
    }
}

/// "Jill Biden" after "Joe Biden" was named: a family name after
/// another given name is another person (see `namesake`).
fn other_given(
    cx: &Ctx<'_>,
    covered: &[bool],
    i: usize,
    words: &[String],
) -> bool {
    let doc = super::namesake::Doc {
        norm: cx.norm,
        text: cx.text,
        sent: cx.sent,
        covered,
    };
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    super::namesake::other_given_name(cx.lex, &doc, i, &lower)
}

trait Longer {
    fn is_none_or_longer(&self, end: usize) -> bool;
}

impl Longer for Option<(usize, u32)> {
    fn is_none_or_longer(&self, end: usize) -> bool {
        match self {
            None => true,
            Some((e, _)) => end > *e,
        }
    }
}

/// Countries whose persons are named family name first in English
/// ("Yoon Suk Yeol", "Xi Jinping", "Lai Ching-te"): a later mention by
/// the family name alone uses the first word as well as the last.
const FAMILY_NAME_FIRST: [&str; 4] = ["CHN", "KOR", "PRK", "TWN"];

/// The words of a person's name that a later mention may use alone: the
/// last, and for family-name-first countries the first too (the unused
/// one never stands alone in text: "Yeol", "Jinping").
pub(crate) fn family_names<'w>(
    words: &'w [String],
    code: &ActorCode,
) -> impl Iterator<Item = &'w String> {
    // "Romeo Brawner Jr.", "Juan Santos Reyes III": a generational suffix
    // is no family name; the word before it is ("Brawner said").
    let n = words
        .iter()
        .rposition(|w| !NAME_SUFFIXES.contains(&w.trim_end_matches('.')))
        .map_or(words.len(), |i| i + 1);
    let words = &words[..n];
    let first = (words.len() > 1
        && code.country().is_some_and(|c| FAMILY_NAME_FIRST.contains(&c)))
    .then(|| words.first())
    .flatten();
    words.last().into_iter().chain(first)
}

/// Generational suffixes after a family name (normalised, lowercase).
const NAME_SUFFIXES: [&str; 5] = ["jr", "sr", "ii", "iii", "iv"];

/// Office holders the article names in full (two words or more), as
/// persons whose family name alone then refers to them in the rest of
/// the article ("President Yoon Suk Yeol ... Yoon said"), as a careful
/// reader takes it. A family name shared by two of them is left out:
/// unresolved is better than wrong. The gazetteer still wins wherever it
/// matches (`add_learned` only looks at uncovered words).
pub(crate) fn named_holders(cx: &Ctx<'_>, hits: &[Item]) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::new();
    for it in hits {
        let Some(e) = cx.entry(it.r).filter(|e| e.person) else { continue };
        let Some(name) = e.name.as_ref() else { continue };
        let words: Vec<String> = (it.a as usize..it.b as usize)
            .filter(|&i| cx.norm.subs.get(i).is_some_and(|s| s.word))
            .map(|i| cx.word(i).to_string())
            .collect();
        if words.len() < 2 || out.iter().any(|p| &p.name == name) {
            continue;
        }
        out.push(Person {
            name: name.clone(),
            words,
            code: ActorCode::from(e.code.as_str()),
            title: String::new(),
            def: cx.span(it.a as usize, it.b as usize),
            origin: Some(e.origin.clone()),
        });
    }
    let shared: Vec<String> = out
        .iter()
        .flat_map(|p| {
            out.iter()
                .filter(|q| q.name != p.name)
                .flat_map(|q| family_names(&q.words, &q.code))
                .filter(|f| family_names(&p.words, &p.code).any(|g| g == *f))
                .cloned()
                .collect::<Vec<_>>()
        })
        .collect();
    out.retain(|p| {
        !family_names(&p.words, &p.code).any(|f| shared.contains(f))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::ActorMatcher;
    use crate::dict::tabari::{parse_actors, parse_agents};
    use crate::ingest::Article;

    const ACTORS: &str =
        "ROHAN [ROH]\nERED_LUIN [ELN]\nWHITE_RIDERS [ROHMIL]\n";
    const AGENTS: &str = "\
EAST_FARTHING_BAND [~EFB]
FARTHING_BAND [~FBD]
HEALERS_GUILD_ENVOY [HLG~]
GUILD_ENVOY [GLD~]
HEALER_AID {} [HLA~]
MARSHAL [~MIL]
STEWARD [~GOV]
";

    fn codes(text: &str) -> Vec<(String, String)> {
        let mut d = parse_actors("a.txt", ACTORS).expect("actors");
        d.extend(parse_agents("g.txt", AGENTS).expect("agents"));
        let m = ActorMatcher::new(&d).expect("matcher");
        let article =
            Article::new("t", "2020-01-01".parse().expect("date"), text);
        let analyzed = crate::text::analyze(text);
        m.find(&article, &analyzed, &crate::actors::Context::default())
            .into_iter()
            .map(|x| (x.span.slice(text).to_string(), x.code.to_string()))
            .collect()
    }

    #[test]
    fn tabari_stacking() {
        #[rustfmt::skip]
        let table: &[(&str, &[(&str, &str)])] = &[
            // an agent inside a longer one
            ("The Rohan east farthing band rode north.",
             &[("Rohan east farthing band", "ROHEFBFBD")]),
            // prefix agent before the actor, suffix agent after it
            ("Healer Aid Rohan rode north.", &[("Healer Aid Rohan", "HLAROH")]),
            ("A Healer Aid Rohan marshal rode north.",
             &[("Healer Aid Rohan marshal", "HLAROHMIL")]),
            // premodifiers after a possessive
            ("Rohan's tall and weary marshal Eomund rode north.",
             &[("Rohan's tall and weary marshal Eomund", "ROHMIL")]),
            // ... but not across a function word (the marshal's country is
            // the story's, `country_from: story`, not a stacked agent)
            ("Rohan's plan to send a marshal failed.",
             &[("Rohan", "ROH"), ("marshal", "ROHMIL")]),
            // prefix agents in text order, before an "of" actor
            ("The healers guild envoys of Ered Luin rode north.",
             &[("healers guild envoys of Ered Luin", "GLDHLGELN")]),
            // a code already present ends the composition
            ("The White Riders marshal steward rode north.",
             &[("White Riders marshal steward", "ROHMIL")]),
        ];
        for (text, want) in table {
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(codes(text), want, "{text}");
        }
    }

    /// `(base, agents, composed)`.
    type ComposeRow = (
        &'static str,
        &'static [(&'static str, AgentPlacement)],
        &'static str,
    );

    #[test]
    fn compose() {
        use AgentPlacement::{Prefix, Suffix};
        #[rustfmt::skip]
        let table: &[ComposeRow] = &[
            ("ARN", &[("GOV", Suffix)], "ARNGOV"),
            ("ARN", &[("NGO", Prefix), ("GOV", Suffix)], "NGOARNGOV"),
            ("GMWGOV", &[("WGO", Suffix), ("GOV", Suffix), ("MIL", Suffix)],
             "GMWGOVWGO"),
            ("---", &[("NGO", Prefix)], "---NGO"),
            ("ARN", &[("RNG", Suffix)], "ARNRNG"),
        ];
        for (base, agents, want) in table {
            let agents: Vec<(String, AgentPlacement)> =
                agents.iter().map(|(c, p)| (c.to_string(), *p)).collect();
            assert_eq!(
                compose_stacked(ActorCode::from(*base), &agents),
                *want,
                "{base}"
            );
        }
    }
}
