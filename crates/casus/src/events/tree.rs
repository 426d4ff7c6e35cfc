//! The clause analysis on a dependency tree: for a trigger word, who did it
//! (source), to whom (target), and under which scope it stands
//! (negation, modality, attribution).
//!
//! Why a tree: word windows reverse passives, drop coordinated subjects
//! after the first conjunct and read "denied that its troops had crossed"
//! as a crossing. On a Universal Dependencies tree each of these is one
//! relation: `obl:agent`, `conj`, `ccomp` under a verb of denial. The
//! words that give a scope its meaning (verbs of saying, denying,
//! alleging, planning, requesting; conditional subordinators; modal
//! auxiliaries; negators) are data: `dicts/scope.tsv`.
//!
//! Everything here works on word ids of one sentence's tree; mapping
//! role words to actor mentions and assembling events is the caller's.
//!
//! ```text
//! "Iran denied that its drones had struck the tanker."
//!   struck: source = drones (nsubj), target = tanker (obj),
//!           scope: ccomp of "denied" (deny) -> negated, said by Iran
//! ```

use std::collections::HashMap;

use compact_str::CompactString;

use crate::error::DictError;
use crate::syntax::{Deprel, Rel, SentenceTree, Sub, Upos};

use super::Modality;

/// The built-in scope words.
/// Nouns of a conversation or meeting: the doer of the verb a phrase
/// headed by one hangs on ("said in a call with") takes part in it.
///
/// The list: `dicts/words/conversation_nouns.txt`.
static MEETING_NOUNS: crate::util::WordList =
    crate::util::word_list!("words/conversation_nouns.txt");

/// Nouns of a two-sided fight ("a clash with X"): the data file says
/// why.
pub(super) static FIGHT_NOUNS: crate::util::WordList =
    crate::util::word_list!("fight_nouns.txt");

/// Nouns with two ends or parties of their own ("the border between A
/// and B", "talks between A and B"): a "between" phrase on one of them
/// is theirs, never a fight's stray sides (`stray_between`); the data
/// file says which.
static ENDS_NOUNS: crate::util::WordList =
    crate::util::word_list!("ends_nouns.txt");

/// Participles whose agent did the act of the noun they modify ("an
/// attack claimed by X", "a bombing carried out by X").
///
/// The list: `dicts/words/claim_verbs.txt`.
static CLAIM_VERBS: crate::util::WordList =
    crate::util::word_list!("words/claim_verbs.txt");

/// Verbs whose subject receives the act the object noun names ("Japan
/// faces new sanctions from the United States", "the convoy suffered an
/// attack by rebels"): the subject is the act's target, the "from" or
/// "by" phrase its doer. Whether the act happened is the scope words'
/// business ("face" and "risk" are `possible` in `dicts/scope.tsv`).
///
/// The list: `dicts/words/receiver_verbs.txt`.
static RECEIVER_VERBS: crate::util::WordList =
    crate::util::word_list!("words/receiver_verbs.txt");

/// Verbs of using a means for an act ("used drones for strikes"): the
/// user does the act the "for" phrase names.
///
/// The list: `dicts/words/use_verbs.txt`.
static USE_VERBS: crate::util::WordList =
    crate::util::word_list!("words/use_verbs.txt");

pub const BUILTIN_SCOPE: &str = include_str!("../../../../dicts/scope.tsv");

/// What a scope word does to the acts it governs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A verb of saying: the act is asserted, said by its subject.
    Report,
    /// A denial: the act is negated.
    Deny,
    /// An accusation or claim: the act is alleged.
    Allege,
    /// A plan, promise, decision, threat or schedule: intended.
    Intend,
    /// A request or demand of another actor: requested.
    Request,
    /// A possibility, fear, risk or consideration: possible.
    Possible,
    /// A refusal or failure: the act did not happen.
    Refuse,
    /// A verb of prevention that negates only an act under its "from"
    /// ("stopped X from attacking"); its object alone ("stopped the
    /// march") was not prevented from happening.
    Prevent,
    /// An attempt: transparent (the act was tried).
    Attempt,
    /// A conditional subordinator ("if", "unless").
    Condition,
    /// A modal or future auxiliary with its own modality.
    Future(Modality),
    /// A negator ("not", "never").
    Negator,
    /// A time word of an earlier act ("ago", "previously"): a relative
    /// clause with one is background.
    Earlier,
}

/// Who does the act a control verb governs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// The governor's subject ("X pledged to ...").
    Subject,
    /// The governor's object ("X urged Y to ...").
    Object,
}

/// Scope words by lemma.
#[derive(Clone, Debug, Default)]
pub struct ScopeWords {
    map: HashMap<CompactString, (Class, Option<Control>)>,
}

impl ScopeWords {
    /// The built-in table.
    #[cfg(test)]
    pub fn builtin() -> crate::error::Result<ScopeWords> {
        ScopeWords::parse("dicts/scope.tsv", BUILTIN_SCOPE)
            .map_err(crate::error::Error::Dict)
    }

    /// Every lemma of the table (the lemmatiser must know them).
    pub fn lemmas(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(CompactString::as_str)
    }

    /// Parses `lemma<TAB>class<TAB>control` lines; every bad line is
    /// reported.
    pub fn parse(
        path: &str,
        text: &str,
    ) -> Result<ScopeWords, Vec<DictError>> {
        let mut out = ScopeWords::default();
        let mut errors = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            match parse_line(line) {
                Ok((lemma, v)) => {
                    out.map.insert(lemma.into(), v);
                }
                Err(reason) => errors.push(DictError {
                    path: path.to_string(),
                    line: i + 1,
                    reason,
                }),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// The class and control of `lemma`.
    pub fn get(&self, lemma: &str) -> Option<(Class, Option<Control>)> {
        self.map.get(lemma).copied()
    }

    fn class(&self, lemma: &str) -> Option<Class> {
        self.get(lemma).map(|(c, _)| c)
    }
}

fn parse_line(line: &str) -> Result<(&str, (Class, Option<Control>)), String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != 3 || f[0].is_empty() {
        return Err(format!(
            "expected lemma<TAB>class<TAB>control, found {} columns",
            f.len()
        ));
    }
    let modality = |s: &str| match s {
        "intended" => Ok(Modality::Intended),
        "possible" => Ok(Modality::Possible),
        "requested" => Ok(Modality::Requested),
        _ => Err(format!("unknown auxiliary modality {s:?}")),
    };
    let class = match f[1] {
        "report" => Class::Report,
        "deny" => Class::Deny,
        "allege" => Class::Allege,
        "intend" => Class::Intend,
        "request" => Class::Request,
        "possible" => Class::Possible,
        "refuse" => Class::Refuse,
        "prevent" => Class::Prevent,
        "attempt" => Class::Attempt,
        "condition" => Class::Condition,
        "negator" => Class::Negator,
        "earlier" => Class::Earlier,
        "future" => return Ok((f[0], (Class::Future(modality(f[2])?), None))),
        c => return Err(format!("unknown class {c:?}")),
    };
    let control = match f[2] {
        "subject" => Some(Control::Subject),
        "object" => Some(Control::Object),
        "-" => None,
        c => return Err(format!("unknown control {c:?}")),
    };
    Ok((f[0], (class, control)))
}

/// How a role word was found (kept for confidence and debugging).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// `nsubj` of the trigger.
    Subject,
    /// `obl:agent` or a "by" phrase of a passive.
    Agent,
    /// `nsubj:pass` of a passive.
    Patient,
    /// `obj` or `iobj`.
    Object,
    /// `obl`/`nmod` with a preposition.
    Oblique,
    /// Possessor or modifier of a nominal trigger ("Russia's", "Israeli").
    Modifier,
    /// Carried over from a coordinated verb.
    Conjunct,
    /// The subject of a controlling verb ("X agreed to meet").
    Controller,
    /// The object of an object-control verb ("urged X to").
    Addressee,
    /// The noun a participle or relative clause modifies.
    Head,
    /// The subject (or agent) of the verb carrying a nominal trigger
    /// ("X launched an attack").
    LightVerb,
}

/// Role words of one trigger.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Roles {
    /// Candidate source words, best first.
    pub source: Vec<(u32, How)>,
    /// Candidate target words, best first.
    pub target: Vec<(u32, How)>,
    /// The trigger is a passive verb.
    pub passive: bool,
    /// The trigger is a noun.
    pub nominal: bool,
}

/// The scope a trigger stands under.
#[derive(Clone, Debug, PartialEq)]
pub struct Scope {
    /// The act is said not to have happened.
    pub negated: bool,
    /// Asserted, intended, requested, possible, conditional, alleged.
    pub modality: Modality,
    /// The subject of the reporting verb ("X said ..."), a word id.
    pub speaker: Option<u32>,
    /// The reporting (or alleging) verb.
    pub reporter: Option<u32>,
    /// The word whose class decided the modality.
    pub governor: Option<u32>,
    /// The trigger is inside a relative clause (background).
    pub background: bool,
    /// The trigger is a participle describing a noun under an
    /// accusation ("calling the gunmen professionals backed by X"): the
    /// description is the accuser's claim.
    pub claimed: bool,
    /// The act is the purpose of another ("troops were sent to secure
    /// the border", "gathered to demand"): intended by the doer of the
    /// clause it hangs on, not an act of its own.
    pub purpose: bool,
    /// The act is the consequence of a condition on its own verb ("X
    /// would retaliate if ...", "will boycott the vote unless ..."),
    /// not the condition itself.
    pub consequent: bool,
}

impl Default for Scope {
    fn default() -> Scope {
        Scope {
            negated: false,
            modality: Modality::Asserted,
            speaker: None,
            reporter: None,
            governor: None,
            background: false,
            claimed: false,
            purpose: false,
            consequent: false,
        }
    }
}

/// Participles that, passive in form, state their subject's stance
/// ("X is opposed to Y": X opposes Y); see `TreeClause::roles`.
const STANCE_PARTICIPLES: &[&str] = &["oppose"];

/// Prepositions that attach an addressee or a target to an act.
const TARGET_CASES: &[&str] = &[
    "against", "on", "upon", "with", "to", "at", "into", "toward", "towards",
    "onto",
];

/// Personal pronouns that may stand for an actor.
const PERSONAL: &[&str] =
    &["it", "he", "she", "they", "we", "its", "his", "her", "their", "our"];

/// Relative pronouns standing for the noun a relative clause modifies.
const RELATIVE: &[&str] = &["who", "which", "that", "whom"];

/// The clause analysis of one tree.
pub struct TreeClause<'t> {
    text: &'t str,
    t: &'t SentenceTree,
    words: &'t ScopeWords,
    /// Lowercase lemma per word (index = id - 1).
    lemmas: Vec<CompactString>,
}

impl<'t> TreeClause<'t> {
    /// Analysis of `t` (a tree of a sentence of `text`) with the scope
    /// words `words`; `lemma(id)` names a word's lemma where a better
    /// lemmatiser than the tree's knows it (`None`: the tree's).
    pub fn new(
        text: &'t str,
        t: &'t SentenceTree,
        words: &'t ScopeWords,
        lemma: impl Fn(u32) -> Option<CompactString>,
    ) -> TreeClause<'t> {
        let lemmas = t
            .ids()
            .map(|id| {
                lemma(id).unwrap_or_else(|| {
                    t.word(id).map_or_else(CompactString::default, |w| {
                        w.lemma.to_lowercase()
                    })
                })
            })
            .collect();
        TreeClause { text, t, words, lemmas }
    }

    /// The word's text as written.
    fn form(&self, id: u32) -> &str {
        self.t.word(id).map_or("", |w| w.span.slice(self.text))
    }

    fn rel(&self, id: u32) -> Option<Deprel> {
        self.t.deprel(id)
    }

    fn lemma(&self, id: u32) -> &str {
        (id as usize)
            .checked_sub(1)
            .and_then(|i| self.lemmas.get(i))
            .map_or("", CompactString::as_str)
    }

    fn upos(&self, id: u32) -> Option<Upos> {
        self.t.word(id).map(|w| w.upos)
    }

    fn head(&self, id: u32) -> u32 {
        let h = self.t.head(id).unwrap_or(0);
        // A clause with a subject coordinated with a controlled
        // infinitive ("A urged B to leave, and C condemned it", "C
        // condemned" hung on "leave") is coordinated with the infinitive's
        // governor: an infinitive has no subject to share.
        if h != 0
            && self.rel(id).is_some_and(|d| d.rel == Rel::Conj)
            && self.upos(id) == Some(Upos::Verb)
            && self.rel(h).is_some_and(|d| d.rel == Rel::Xcomp)
            && self.mark(h).as_deref() == Some("to")
            && (self.own_subject(id).is_some()
                || self.stranded_subject(id).is_some())
        {
            if let Some(g) = self.t.head(h).filter(|&g| g != 0) {
                return g;
            }
        }
        // A verb coordinated with a noun is a parser slip ("signed the
        // accord and called for ..."): the verb's real partner is the
        // verb that noun depends on.
        if h != 0
            && self.rel(id).is_some_and(|d| d.rel == Rel::Conj)
            && self.upos(id) == Some(Upos::Verb)
            && self.is_noun(h)
        {
            let hh = self.t.head(h).unwrap_or(0);
            if hh != 0 && self.upos(hh) == Some(Upos::Verb) {
                return hh;
            }
        }
        h
    }

    /// The lowercase lemma of `id`'s preposition, multiword ones joined
    /// by spaces ("according to", "in front of").
    pub fn case(&self, id: u32) -> Option<String> {
        let c = self.t.children_by(id, Rel::Case).next()?;
        let mut s = self.lemma(c).to_string();
        for f in self.t.children_by(c, Rel::Fixed) {
            s.push(' ');
            s.push_str(self.lemma(f));
        }
        Some(s)
    }

    /// The lowercase subordinator of a clause ("if", "that", "to").
    fn mark(&self, id: u32) -> Option<String> {
        let c = self.t.children_by(id, Rel::Mark).next()?;
        Some(self.lemma(c).to_string())
    }

    fn class_of(&self, id: u32) -> Option<(Class, Option<Control>)> {
        self.words.get(self.lemma(id))
    }

    /// Whether noun `n` has a determiner before word `w` ("a visiting
    /// delegation", "the visiting minister").
    fn determiner_before(&self, n: u32, w: u32) -> bool {
        self.t
            .children(n)
            .iter()
            .any(|&c| c < w && self.rel(c).is_some_and(|d| d.rel == Rel::Det))
    }

    fn is_noun(&self, id: u32) -> bool {
        matches!(
            self.upos(id),
            Some(Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num)
        )
    }

    /// A participle modifying a noun in the passive sense ("a bomb
    /// planted by insurgents", "civilians killed in the raid"): an `acl`
    /// that is not an "-ing" form.
    fn passive_participle(&self, v: u32) -> bool {
        let Some(d) = self.rel(v) else { return false };
        d.rel == Rel::Acl
            && d.sub != Sub::Relcl
            && self.upos(v) == Some(Upos::Verb)
            && !self.form(v).to_lowercase().ends_with("ing")
            && !self
                .t
                .children(v)
                .iter()
                .any(|&c| self.rel(c).is_some_and(|r| r.rel == Rel::Nsubj))
            && self.temporal_acl_head(v).is_none()
    }

    /// `v` is a participle of stance used as an adjective ("X is opposed
    /// to Y"): a passive form without an agent, with a "to" phrase, or
    /// with no phrase at all after a named or pronoun subject ("Ireland
    /// and Luxembourg were also opposed": they oppose; "the plan was
    /// opposed", a thing as subject, stays a passive).
    fn stance_participle(&self, v: u32) -> bool {
        if !STANCE_PARTICIPLES.contains(&self.lemma(v))
            || self.agent(v).is_some()
        {
            return false;
        }
        let mut obls = self.t.children_by(v, Rel::Obl).peekable();
        if obls.peek().is_none() {
            return self.patient(v).is_some_and(|(p, _)| {
                matches!(self.upos(p), Some(Upos::Propn | Upos::Pron))
            });
        }
        obls.any(|k| self.case(k).as_deref() == Some("to"))
    }

    /// True when `v` is used in the passive voice.
    pub fn passive(&self, v: u32) -> bool {
        self.t.is_passive(v) || self.passive_participle(v)
    }

    /// A reduced passive the parser read as active: "Chile, backed by
    /// Bolivia, opposed ...", "the strip, occupied by Egypt in 1948, was
    /// ..." parse the participle with an active subject and an
    /// `obl:agent`. A "by" agent only goes with a passive, so the agent
    /// does the act and the subject receives it. Only for an "-ed" verb
    /// set off by a comma and followed at once by "by", without an object
    /// (not "shortened by one hour the curfew"). Returns (agent, subject).
    fn reduced_passive(&self, v: u32) -> Option<(u32, u32)> {
        if self.upos(v) != Some(Upos::Verb)
            || !self.form(v).to_lowercase().ends_with("ed")
            || self.t.children_by(v, Rel::Obj).next().is_some()
        {
            return None;
        }
        let comma = v >= 2
            && self.form(v - 1) == ","
            && self.form(v + 1).eq_ignore_ascii_case("by");
        let a = if comma {
            self.t.agent(v)?
        } else if self.headline_passive(v) {
            self.own_agent(v).filter(|&a| a > v)?
        } else {
            return None;
        };
        let s = self.own_subject(v)?;
        Some((a, s))
    }

    /// The subject of a reduced passive ("X, accused by Y of V-ing")
    /// when gerund `g` with "of" or "for" hangs on noun `n`, that
    /// passive's "by" agent: the accused, not the accuser, does `g`.
    fn accused_of(&self, g: u32, n: u32) -> Option<u32> {
        if !matches!(self.mark(g).as_deref(), Some("of" | "for")) {
            return None;
        }
        let (agent, subject) = self.reduced_passive(self.head(n))?;
        (agent == n).then_some(subject)
    }

    /// A headline's passive with its "be" left out ("Two women killed
    /// in X by suspected militia", "3 police shot dead by gunmen"): the
    /// main verb, with no auxiliary, copula or clausal complement, its
    /// counted subject right before it (a toll; "protesters marched by
    /// the thousands" is active). A "by" phrase then names the doer,
    /// and the subject is whom the act was done to.
    fn headline_passive(&self, v: u32) -> bool {
        let kids = self.t.children(v);
        let clausal = kids.iter().any(|&c| {
            self.rel(c).is_some_and(|d| {
                matches!(d.rel, Rel::Aux | Rel::Cop | Rel::Ccomp | Rel::Xcomp)
            })
        });
        let counted = |s: u32| self.t.children_by(s, Rel::Nummod).next();
        self.head(v) == 0
            && !clausal
            && self
                .own_subject(v)
                .is_some_and(|s| s + 1 == v && counted(s).is_some())
    }

    /// True when active verb `v`, coordinated right after a passive
    /// with an object or clausal complement of its own, shares the
    /// passive's subject as its doer ("were attacked by jets and vowed
    /// revenge"). Not when a subject stands between the two: the parser
    /// then hung a clause of its own on the passive ("was beaten when
    /// workers, aligned to a union, forced their way in").
    fn shares_passive_subject(&self, v: u32) -> bool {
        let h = self.head(v);
        let conj = self.rel(v).is_some_and(|d| d.rel == Rel::Conj);
        let complement = self.t.children(v).iter().any(|&c| {
            self.rel(c).is_some_and(|d| {
                matches!(d.rel, Rel::Obj | Rel::Ccomp | Rel::Xcomp)
            })
        });
        let subject_between = (h + 1..v).any(|k| {
            self.rel(k)
                .is_some_and(|d| matches!(d.rel, Rel::Nsubj | Rel::Csubj))
        });
        conj && h != 0
            && self.passive(h)
            && !self.passive(v)
            && complement
            && !subject_between
    }

    /// The passive agent of `v`: `obl:agent`, or an `obl` with "by";
    /// else, for a passive coordinated after another passive, that one's
    /// ("were killed by gunmen and five wounded": the gunmen wounded).
    fn agent(&self, v: u32) -> Option<u32> {
        self.own_agent(v).or_else(|| {
            let h = self.head(v);
            let conj = self.rel(v).is_some_and(|d| d.rel == Rel::Conj);
            (conj && h != 0 && self.t.is_passive(v) && self.t.is_passive(h))
                .then(|| self.own_agent(h))
                .flatten()
        })
    }

    /// The agent `v` names itself: `obl:agent`, or an `obl` with "by".
    fn own_agent(&self, v: u32) -> Option<u32> {
        self.t
            .agent(v)
            .or_else(|| {
                self.t
                    .children_by(v, Rel::Obl)
                    .find(|&k| self.case(k).as_deref() == Some("by"))
            })
            .or_else(|| self.stray_agent(v))
    }

    /// A "by" phrase the parser hung on a place or act phrase of `v`
    /// instead of on `v` ("was killed in X, near Y, by suspected
    /// rebels", "were wounded in an ambush by gunmen"): a place is no
    /// doer, so the phrase is the passive's agent, as the act's doer is.
    fn stray_agent(&self, v: u32) -> Option<u32> {
        self.t
            .children_by(v, Rel::Obl)
            .filter(|&k| {
                matches!(self.case(k).as_deref(), Some("in" | "near" | "at"))
            })
            .find_map(|k| {
                self.t
                    .children_by(k, Rel::Nmod)
                    .find(|&n| self.case(n).as_deref() == Some("by"))
            })
    }

    /// The active subject of `v`, with a relative pronoun replaced by the
    /// noun its clause modifies.
    fn own_subject(&self, v: u32) -> Option<u32> {
        let s = self.t.children(v).iter().copied().find(|&k| {
            self.rel(k)
                .is_some_and(|d| d.rel == Rel::Nsubj && d.sub != Sub::Pass)
        })?;
        Some(self.relative_antecedent(v, s))
    }

    /// The passive subject of `v` (relative pronoun resolved).
    fn own_patient(&self, v: u32) -> Option<u32> {
        let s = self.t.child_with(v, Deprel::new(Rel::Nsubj, Sub::Pass))?;
        Some(self.relative_antecedent(v, s))
    }

    /// `s` is a subject of `v`; when it is a relative pronoun of a
    /// relative clause, the noun the clause modifies.
    fn relative_antecedent(&self, v: u32, s: u32) -> u32 {
        let relcl = self
            .rel(v)
            .is_some_and(|d| d.rel == Rel::Acl && d.sub == Sub::Relcl);
        let pron = RELATIVE.contains(&self.lemma(s));
        if relcl && pron && self.head(v) != 0 {
            self.head(v)
        } else if pron {
            self.misattached_antecedent(s).unwrap_or(s)
        } else {
            s
        }
    }

    /// The noun right before relative pronoun `s` (a comma between)
    /// when the parser hung the relative clause on the main verb
    /// ("spoke with Marco Rubio, who pledged ...": `advcl` of "spoke"),
    /// or the head of its name ("Marco" -> "Rubio"). Only "who": "which"
    /// and "that" may stand for a whole clause.
    fn misattached_antecedent(&self, s: u32) -> Option<u32> {
        if self.lemma(s) != "who" {
            return None;
        }
        let mut k = s.checked_sub(1)?;
        if self.upos(k) == Some(Upos::Punct) {
            k = k.checked_sub(1)?;
        }
        if !matches!(self.upos(k), Some(Upos::Noun | Upos::Propn)) {
            return None;
        }
        let flat = |d: Deprel| matches!(d.rel, Rel::Compound | Rel::Flat);
        Some(match self.rel(k) {
            Some(d) if flat(d) && self.head(k) > k => self.head(k),
            _ => k,
        })
    }

    /// The doer of verb `v`: its own subject (or passive agent), else one
    /// carried over from the verb it is coordinated with, the verb that
    /// controls it, or the noun it modifies.
    pub fn doer(&self, v: u32) -> Option<(u32, How)> {
        // "a visiting Chilean delegation", "the visiting minister": an
        // "-ing" participle used as an adjective, after its noun's
        // determiner, names its noun as the doer. A gerund with its
        // object misread as the adjective ("accused X of brandishing
        // knives") has no determiner before it.
        if self.rel(v).is_some_and(|d| d.rel == Rel::Amod)
            && self.upos(v) == Some(Upos::Verb)
            && self.form(v).to_lowercase().ends_with("ing")
            && self.is_noun(self.head(v))
            && self.determiner_before(self.head(v), v)
        {
            return Some((self.head(v), How::Head));
        }
        let mut cur = v;
        let mut how: Option<How> = None;
        let mut via_advcl = false;
        for _ in 0..8 {
            // The trigger's own (or a coordinated verb's) voice: a
            // passive's doer is its agent.
            if cur == v || how == Some(How::Conjunct) {
                if self.passive(cur) {
                    // An active verb with a complement of its own after a
                    // passive shares its subject ("rebels were attacked by
                    // jets and vowed revenge": the rebels vowed).
                    if cur != v && self.shares_passive_subject(v) {
                        if let Some(p) = self.own_patient(cur) {
                            return Some((p, How::Conjunct));
                        }
                    }
                    // No agent: the other side of the fight it fell in
                    // ("shot and killed in a clash with X").
                    return self
                        .agent(cur)
                        .map(|a| self.launcher(a).unwrap_or(a))
                        .or_else(|| self.stray_launcher(cur))
                        .or_else(|| self.opponent(cur))
                        .map(|a| (a, how.unwrap_or(How::Agent)));
                }
            } else if let Some(p) = self.own_patient(cur) {
                // "X is expected to attend": raising over a passive
                // governor; its passive subject does the act. Not over
                // an adverbial: "civilians were killed in Israeli tank
                // shelling" with "shelling" parsed as an adverbial verb
                // is no shelling by the civilians, and the tree cannot
                // tell it from "were arrested trying to flee".
                if via_advcl {
                    return None;
                }
                return Some((p, how.unwrap_or(How::Controller)));
            }
            if let Some(s) = self.own_subject(cur) {
                let s = self.launcher(s).unwrap_or(s);
                return Some((s, how.unwrap_or(How::Subject)));
            }
            if let Some(s) = self.stranded_subject(cur) {
                return Some((s, how.unwrap_or(How::Subject)));
            }
            if let Some(s) = self.subordinated_subject(cur) {
                return Some((s, how.unwrap_or(How::Subject)));
            }
            if let Some(s) = self.reported_subject(cur) {
                return Some((s, how.unwrap_or(How::Subject)));
            }
            // "X is due to meet" with "due" parsed as the subordinator:
            // X hangs on "due".
            if let Some(s) = self
                .t
                .children_by(cur, Rel::Mark)
                .find_map(|m| self.own_subject(m))
            {
                return Some((s, how.unwrap_or(How::Subject)));
            }
            let d = self.rel(cur)?;
            let h = self.head(cur);
            if h == 0 {
                return None;
            }
            match d.rel {
                // A participle describing the noun before it: done by no
                // one named.
                Rel::Conj if self.reduced_relative(cur) => return None,
                Rel::Conj => {
                    how.get_or_insert(How::Conjunct);
                    via_advcl = false;
                    cur = h;
                }
                Rel::Xcomp if self.coordinated_clause(cur) => {
                    how.get_or_insert(How::Conjunct);
                    cur = h;
                }
                Rel::Xcomp => {
                    if let Some(o) = self.controller_object(h) {
                        return Some((o, how.unwrap_or(How::Addressee)));
                    }
                    how.get_or_insert(How::Controller);
                    cur = h;
                }
                Rel::Advcl => {
                    via_advcl = true;
                    if let Some(o) = self.noun_addressee(cur, h) {
                        return Some((o, how.unwrap_or(How::Addressee)));
                    }
                    // "criticized the plans of the army to attack" with
                    // the infinitive hung on the verb: the plan's owner
                    // does it, not the critic.
                    if let Some(n) = self.noun_owner(cur, h) {
                        return Some((n, how.unwrap_or(How::Head)));
                    }
                    // "accused X of arming ...", "praised X for helping",
                    // and "urged X to ..." parsed as a purpose clause:
                    // the governor's object does it.
                    let m = self.mark(cur);
                    let of = matches!(m.as_deref(), Some("of" | "for"));
                    let to_object = m.as_deref() == Some("to")
                        && matches!(
                            self.class_of(h),
                            Some((_, Some(Control::Object)))
                        );
                    if of || to_object {
                        if let Some(o) = self.addressee(h) {
                            return Some((o, how.unwrap_or(How::Addressee)));
                        }
                        // "the UAE, accused by Sudan of arming the RSF":
                        // the participle's noun is the one accused; its
                        // "by" agent only accuses.
                        if of
                            && self.passive_participle(h)
                            && self.is_noun(self.head(h))
                        {
                            let n = self.head(h);
                            return Some((n, how.unwrap_or(How::Addressee)));
                        }
                    }
                    how.get_or_insert(How::Controller);
                    cur = h;
                }
                // "the decision taken by X on Saturday to expel Y": the
                // infinitive climbed to a passive participle of its noun,
                // whose "by" agent decided, and so does the act.
                Rel::Acl
                    if how == Some(How::Controller)
                        && self.passive_participle(cur)
                        && self.own_agent(cur).is_some() =>
                {
                    return self.own_agent(cur).map(|a| (a, How::Agent));
                }
                Rel::Acl if self.is_noun(h) => {
                    // "The Kremlin, accused by Kyiv of deporting ...",
                    // the participle read as active with the gerund on
                    // its "by" agent: the accused does the act.
                    if let Some(s) = self.accused_of(cur, h) {
                        return Some((s, how.unwrap_or(How::Addressee)));
                    }
                    // "troops attacking the city"; a relative clause
                    // without a subject pronoun ("the forces that ...")
                    // has its pronoun as subject and never gets here.
                    return Some((h, how.unwrap_or(How::Head)));
                }
                _ => return None,
            }
        }
        None
    }

    /// The subject a misparse of clause coordination left as a conjunct
    /// of an earlier noun: in "A urged B to return, and C condemned the
    /// coup" the parser may hang C as `conj` of B, right before
    /// "condemned", which then has no subject of its own. A noun
    /// conjunct with its own coordinator whose phrase ends where `v`'s
    /// pre-modifiers begin, when `v` has neither a subject nor a
    /// coordinator of its own (a verb coordinated with its partner, "A
    /// arrested B and C and charged them", has its own "and").
    fn stranded_subject(&self, v: u32) -> Option<u32> {
        if self.upos(v) != Some(Upos::Verb)
            || self.t.children_by(v, Rel::Cc).next().is_some()
            || self.mark(v).is_some()
            || self.own_patient(v).is_some()
            || !self.rel(v).is_some_and(|d| {
                matches!(d.rel, Rel::Xcomp | Rel::Conj | Rel::Ccomp)
            })
        {
            return None;
        }
        // The words just before `v` that hang on it (aux, adverbs,
        // punctuation) are skipped; the word before them must end the
        // conjunct's phrase.
        // A comma between the conjunct and `v` closes the phrase the
        // noun is in ("Oman, which mediated between A and B, criticised
        // ..."): B is no stranded subject.
        let w = self.word_before_dependents(v)?;
        let top = std::iter::once(w)
            .chain(self.t.ancestors(w))
            .take_while(|&a| a != 0 && a < v)
            .find(|&a| self.rel(a).is_some_and(|d| d.rel == Rel::Conj))?;
        let noun = self.is_noun(top);
        let own_cc = self.t.children_by(top, Rel::Cc).next().is_some();
        // The conjunct's subtree must end at `w` (nothing of it after).
        let ends = self.subtree_end(top) == w;
        (noun && own_cc && ends).then_some(top)
    }

    /// The last word before `v` that does not hang on it: the words just
    /// before `v` that are its dependents (aux, adverbs) are skipped;
    /// `None` when one of them is punctuation (a comma closes the phrase
    /// before it) or nothing precedes.
    fn word_before_dependents(&self, v: u32) -> Option<u32> {
        let mut w = v.checked_sub(1)?;
        while w > 0 && self.t.head(w) == Some(v) {
            if self.upos(w) == Some(Upos::Punct) {
                return None;
            }
            w -= 1;
        }
        Some(w)
    }

    /// The subject a misparse of a temporal clause left as the object of
    /// its subordinator: in "a day after Iran launched an attack" the
    /// parser may read "after Iran" as a prepositional phrase, leaving
    /// "launched" without a subject. A noun with "after", "before",
    /// "since", "until" or "till" as its case whose phrase ends right
    /// before `v` (a verb with neither subject nor subordinator) is
    /// `v`'s subject.
    fn subordinated_subject(&self, v: u32) -> Option<u32> {
        if self.upos(v) != Some(Upos::Verb)
            || self.own_subject(v).is_some()
            || self.own_patient(v).is_some()
        {
            return None;
        }
        if self.mark(v).is_some() {
            return self.compound_subject(v);
        }
        self.temporal_object_before(v)
            .or_else(|| self.own_temporal_obl(v))
            .or_else(|| self.temporal_acl_head(v))
    }

    /// "after Turkey shot down a warplane" with "Turkey" hung as a
    /// compound of "shot": a verb takes no nominal compound (only a
    /// particle), so a proper noun right before it is its subject.
    fn compound_subject(&self, v: u32) -> Option<u32> {
        let n = self.t.children_by(v, Rel::Compound).find(|&c| {
            c < v
                && self.rel(c).is_some_and(|d| d.sub == Sub::None)
                && self.upos(c) == Some(Upos::Propn)
        })?;
        (self.subtree_end(n) + 1 == v).then_some(n)
    }

    /// "after Baghdad ordered him out" with "after Baghdad" hung as an
    /// oblique of "ordered" itself: a temporal preposition right before
    /// the verb opens the clause the noun is the subject of. The noun
    /// must end its phrase and touch the verb: "before the judge on its
    /// lawsuit charging ..." is a place, its phrase running on.
    fn own_temporal_obl(&self, v: u32) -> Option<u32> {
        let n = self.t.children_by(v, Rel::Obl).find(|&c| c < v)?;
        let temporal = matches!(
            self.case(n).as_deref(),
            Some("after" | "before" | "since" | "until" | "till")
        );
        let touches = self.subtree_end(n) == n && n + 1 == v;
        (temporal && touches && self.is_noun(n)).then_some(n)
    }

    /// "a day after Turkish jets shot down a warplane" with "shot" hung
    /// as a participle on "jets": a participle of a temporal noun that
    /// takes its own object is the noun's act, not a passive description
    /// of it ("jets shot down" by someone would take no object).
    fn temporal_acl_head(&self, v: u32) -> Option<u32> {
        let d = self.rel(v)?;
        if d.rel != Rel::Acl || d.sub != Sub::None {
            return None;
        }
        let n = self.head(v);
        let temporal = matches!(
            self.case(n).as_deref(),
            Some("after" | "before" | "since" | "until" | "till")
        );
        let has_object = self.t.children_by(v, Rel::Obj).next().is_some();
        (temporal && has_object && n != 0 && n + 1 == v && self.is_noun(n))
            .then_some(n)
    }

    /// The noun of a temporal prepositional phrase that ends right before
    /// `v` (the case [`Self::subordinated_subject`] was written for).
    fn temporal_object_before(&self, v: u32) -> Option<u32> {
        let w = self.word_before_dependents(v)?;
        let n = std::iter::once(w)
            .chain(self.t.ancestors(w))
            .take_while(|&a| a != 0 && a < v)
            .find(|&a| self.case(a).is_some())?;
        let temporal = matches!(
            self.case(n).as_deref(),
            Some("after" | "before" | "since" | "until" | "till")
        );
        (temporal && self.is_noun(n) && self.subtree_end(n) == w).then_some(n)
    }

    /// The subject a misparse of a reported clause left as the object of
    /// the verb of saying: in "the minister said Britain and Denmark were
    /// opposed to the measure" the parser may hang "Britain" as the
    /// object of "said", leaving the complement without a subject. The
    /// object of a reporting verb whose phrase ends right before `v` (a
    /// `ccomp` with neither subject nor subordinator) is `v`'s subject.
    fn reported_subject(&self, v: u32) -> Option<u32> {
        if !self.rel(v).is_some_and(|d| d.rel == Rel::Ccomp)
            || self.mark(v).is_some()
            || self.own_subject(v).is_some()
            || self.own_patient(v).is_some()
        {
            return None;
        }
        let h = self.head(v);
        if h == 0 || self.class_of(h).map(|(c, _)| c) != Some(Class::Report) {
            return None;
        }
        let w = self.word_before_dependents(v)?;
        let n = self.t.children_by(h, Rel::Obj).find(|&o| o < v)?;
        (self.is_noun(n) && self.subtree_end(n) == w).then_some(n)
    }

    /// The last word id in `w`'s subtree.
    fn subtree_end(&self, w: u32) -> u32 {
        let mut end = w;
        let mut stack = vec![w];
        while let Some(x) = stack.pop() {
            end = end.max(x);
            stack.extend_from_slice(self.t.children(x));
        }
        end
    }

    /// `v`, attached as `xcomp`, is a clause coordinated with its head's:
    /// a true `xcomp` is an infinitive with "to", a gerund or a predicate
    /// word; a verb without a subordinator that has a coordinator, a
    /// subject of its own, or a subject stranded as a conjunct before it
    /// ("A urged B to return, and C condemned the coup") is not.
    fn coordinated_clause(&self, v: u32) -> bool {
        self.rel(v).is_some_and(|d| d.rel == Rel::Xcomp)
            && self.upos(v) == Some(Upos::Verb)
            && self.mark(v).is_none()
            && !self.form(v).to_lowercase().ends_with("ing")
            && (self.t.children_by(v, Rel::Cc).next().is_some()
                || self.own_subject(v).is_some()
                || self.stranded_subject(v).is_some())
    }

    /// The object that controls an `xcomp` of `h`: "urged Y to",
    /// "wants Y to", "called on Y to"; `None` when the subject controls
    /// ("pledged to", "promised Y to").
    fn controller_object(&self, h: u32) -> Option<u32> {
        let class = self.class_of(h);
        if matches!(class, Some((_, Some(Control::Subject))))
            && self.lemma(h) == "promise"
        {
            return None;
        }
        let obj = self
            .t
            .children_by(h, Rel::Obj)
            .next()
            .or_else(|| self.t.children_by(h, Rel::Iobj).next());
        match class {
            Some((_, Some(Control::Object))) => {
                obj.or_else(|| self.addressee(h))
            }
            _ => obj,
        }
    }

    /// The person addressed by an object-control verb: its object, or
    /// "called on X", "appealed to X".
    fn addressee(&self, h: u32) -> Option<u32> {
        self.t
            .children_by(h, Rel::Obj)
            .next()
            .or_else(|| self.t.children_by(h, Rel::Iobj).next())
            .or_else(|| {
                self.t.children_by(h, Rel::Obl).find(|&k| {
                    matches!(
                        self.case(k).as_deref(),
                        Some("on" | "upon" | "to")
                    )
                })
            })
    }

    /// The subject of the clause governing pronoun `w`'s clause ("Iran
    /// said it would respond": "it" -> "Iran"), for a personal pronoun
    /// with no actor of its own.
    pub fn pronoun_antecedent(&self, w: u32) -> Option<u32> {
        if self.upos(w) != Some(Upos::Pron)
            || !PERSONAL.contains(&self.lemma(w))
        {
            return None;
        }
        // An object pronoun ("urged him to", "attacked them") names
        // someone other than the governing clause's subject.
        if self.rel(w).is_some_and(|d| {
            matches!(d.rel, Rel::Obj | Rel::Iobj | Rel::Obl)
                || (d.rel == Rel::Nmod && d.sub != Sub::Poss)
        }) {
            return None;
        }
        let mut cur = self.t.clause_head(w)?;
        for _ in 0..6 {
            let d = self.rel(cur)?;
            let h = self.head(cur);
            if h == 0
                || !matches!(
                    d.rel,
                    Rel::Ccomp
                        | Rel::Xcomp
                        | Rel::Advcl
                        | Rel::Conj
                        | Rel::Parataxis
                )
            {
                return None;
            }
            if let Some(s) = self.own_subject(h).filter(|&s| s != w) {
                let pron = self.upos(s) == Some(Upos::Pron);
                return if pron {
                    self.pronoun_antecedent(s)
                } else {
                    Some(s)
                };
            }
            cur = h;
        }
        None
    }

    /// Whether `w` is a weapon noun ("drones", "a missile"): its doer
    /// ("drones launched by the Houthis") is the act's actor, not the
    /// weapon's own role word.
    pub fn is_weapon(&self, w: u32) -> bool {
        matches!(
            self.lemma(w),
            "drone"
                | "missile"
                | "rocket"
                | "shell"
                | "bomb"
                | "mortar"
                | "projectile"
                | "warplane"
                | "jet"
                | "artillery"
        )
    }

    /// The doer of an instrument or act noun `w`: "a missile believed to
    /// be fired by rebels", "a bomb planted by insurgents", "shelling by
    /// the army": the first passive agent in its clauses, or a "by"
    /// phrase on it.
    pub fn instrument_doer(&self, w: u32) -> Option<u32> {
        if !self.is_noun(w) {
            return None;
        }
        if let Some(b) = self
            .t
            .children_by(w, Rel::Nmod)
            .find(|&k| self.case(k).as_deref() == Some("by"))
        {
            return Some(b);
        }
        let mut stack: Vec<(u32, u8)> =
            self.t.children_by(w, Rel::Acl).map(|c| (c, 0)).collect();
        while let Some((c, depth)) = stack.pop() {
            if let Some(a) = self.agent(c) {
                return Some(a);
            }
            if depth < 2 {
                stack.extend(
                    self.t.children_by(c, Rel::Xcomp).map(|x| (x, depth + 1)),
                );
            }
        }
        None
    }

    /// The means of a passive act without an agent: "killed in Israeli
    /// shelling", "wounded by army fire".
    fn means(&self, v: u32) -> Option<u32> {
        self.t.children_by(v, Rel::Obl).find(|&k| {
            matches!(
                self.case(k).as_deref(),
                Some("in" | "by" | "during" | "under")
            ) && self.t.children(k).iter().any(|&c| {
                self.rel(c).is_some_and(|d| {
                    matches!(d.rel, Rel::Amod | Rel::Compound)
                        || (d.rel == Rel::Nmod && d.sub == Sub::Poss)
                })
            })
        })
    }

    /// The other side of the fight a passive casualty fell in: "killed
    /// in a clash with X", "wounded during an exchange of fire with X"
    /// (the "with" phrase on the fight noun or on its "of" noun). The
    /// phrase may hang on `v`, on the passive it is coordinated with, or
    /// on its own passive conjunct ("shot and killed in a confrontation
    /// with X").
    fn opponent(&self, v: u32) -> Option<u32> {
        let h = self.head(v);
        let conj = self.rel(v).is_some_and(|d| d.rel == Rel::Conj);
        let mut hosts = vec![v];
        if conj && h != 0 && self.passive(h) {
            hosts.push(h);
        }
        // A conjunct without a subject of its own shares `v`'s passive
        // subject ("shot and killed").
        hosts.extend(
            self.t
                .children_by(v, Rel::Conj)
                .filter(|&c| self.own_subject(c).is_none()),
        );
        hosts.into_iter().find_map(|x| self.fight_with(x))
    }

    /// The "with" (or "against": "killed in clashes against X's forces")
    /// side of a fight noun in an "in"/"during" oblique of
    /// `v`, or the claimed doer of the act it names ("killed in an attack
    /// claimed by X").
    fn fight_with(&self, v: u32) -> Option<u32> {
        let during = |k: &u32| {
            matches!(self.case(*k).as_deref(), Some("in" | "during"))
        };
        if let Some(a) = self
            .t
            .children_by(v, Rel::Obl)
            .filter(during)
            .find_map(|k| self.claimed_doer(k))
        {
            return Some(a);
        }
        let fight = self
            .t
            .children_by(v, Rel::Obl)
            .find(|k| FIGHT_NOUNS.contains(self.lemma(*k)) && during(k))?;
        let with = |n: u32| {
            self.t.children_by(n, Rel::Nmod).find(|&k| {
                matches!(self.case(k).as_deref(), Some("with" | "against"))
            })
        };
        with(fight).or_else(|| {
            self.t
                .children_by(fight, Rel::Nmod)
                .filter(|&k| self.case(k).as_deref() == Some("of"))
                .find_map(with)
        })
    }

    /// The agent of a participle `k` that owns an act: "claimed by X",
    /// "carried out by X" (not "condemned by X", a reaction).
    fn claim_agent(&self, k: u32) -> Option<u32> {
        if !CLAIM_VERBS.contains(self.lemma(k)) {
            return None;
        }
        self.own_agent(k)
    }

    /// Who launched or fired weapon noun `w` ("drones launched by the
    /// Houthis attacked ...", "rockets fired by Hamas hit ..."): the
    /// weapon is the means, the launcher the doer. The participle is
    /// `w`'s `acl`, or, misparsed, the verb right after `w` that took it
    /// as its subject.
    fn launcher(&self, w: u32) -> Option<u32> {
        let acl =
            self.t.children_by(w, Rel::Acl).find_map(|k| self.launch_agent(k));
        acl.or_else(|| {
            let p = w + 1;
            (self.head(w) == p && self.own_subject(p) == Some(w))
                .then(|| self.launch_agent(p))
                .flatten()
        })
    }

    /// The "by" agent of participle `k` of launching or firing.
    fn launch_agent(&self, k: u32) -> Option<u32> {
        matches!(self.lemma(k), "launch" | "fire")
            .then(|| self.own_agent(k))
            .flatten()
    }

    /// A passive `v` with no agent of its own whose launching participle
    /// hangs on it ("were targeted by drones launched by X", with the
    /// participle read as `v`'s complement): the launcher.
    fn stray_launcher(&self, v: u32) -> Option<u32> {
        self.t.children(v).iter().copied().find_map(|k| {
            let d = self.rel(k)?;
            matches!(d.rel, Rel::Xcomp | Rel::Advcl)
                .then(|| self.launch_agent(k))
                .flatten()
        })
    }

    /// The claimed doer of noun `n`'s act: its "claimed by" participle.
    fn claimed_doer(&self, n: u32) -> Option<u32> {
        self.t.children_by(n, Rel::Acl).find_map(|k| self.claim_agent(k))
    }

    /// The patient of a passive `v`: its passive subject, the noun a
    /// passive participle modifies, or one carried over from the verb it
    /// is coordinated with ("were arrested and charged").
    fn patient(&self, v: u32) -> Option<(u32, How)> {
        if let Some(p) = self.own_patient(v) {
            return Some((p, How::Patient));
        }
        if self.passive_participle(v) {
            return Some((self.head(v), How::Head));
        }
        let d = self.rel(v)?;
        let h = self.head(v);
        if d.rel == Rel::Conj && h != 0 && self.passive(h) {
            return self.patient(h).map(|(p, _)| (p, How::Conjunct));
        }
        None
    }

    /// Objects and obliques of verb `v` that can be targets: `obj`,
    /// `iobj`, then obliques whose preposition is one of the pattern's
    /// literal words `literals` (word ids) or, without one, an
    /// addressee preposition.
    fn objects(&self, v: u32, literals: &[u32]) -> Vec<(u32, How)> {
        let mut out = Vec::new();
        let mut owners = Vec::new();
        for &k in self.t.children(v) {
            let Some(d) = self.rel(k) else { continue };
            if matches!(d.rel, Rel::Obj | Rel::Iobj) {
                // A word the pattern matched literally ("conducted
                // military exercises", "offered military support to") is
                // part of the predicate, not its target: only the
                // addressee hanging on it is.
                if !literals.contains(&k) {
                    out.push((k, How::Object));
                } else {
                    owners.extend(self.literal_owner(k, literals));
                }
                // "fired tear gas at the protesters": the addressee may
                // hang on the object.
                for n in self.t.children_by(k, Rel::Nmod) {
                    if self.target_case(n, literals) {
                        out.push((n, How::Oblique));
                    }
                }
            }
        }
        if out.is_empty() {
            out.extend(self.unmarked_name_object(v).map(|k| (k, How::Object)));
        }
        for &k in self.t.children(v) {
            let Some(d) = self.rel(k) else { continue };
            if d.rel != Rel::Obl || d.sub != Sub::None {
                continue;
            }
            if self.target_case(k, literals) {
                out.push((k, How::Oblique));
            }
        }
        // "rejected a U.S. request to question detainees", "turned down
        // Britain's offer": the owner of the literal object is the one
        // acted on, before any actor the words after it name (the
        // window would take the detainees). Last, so an addressee
        // ("imposed U.S. sanctions on Iran") stays first.
        if out.is_empty() {
            out.extend(owners.into_iter().map(|o| (o, How::Modifier)));
        }
        out
    }

    /// The possessor or the proper-name or adjective modifier of
    /// literal object `k` ("Britain's offer", "a U.S. request", "the
    /// Cuban request", "a fresh U.S. request"): who the object belongs
    /// to, every candidate in word order. A modifier the
    /// pattern matched itself ("conducted military exercises") is the
    /// predicate's; one that names no actor is skipped when groups are
    /// read.
    fn literal_owner<'a>(
        &'a self,
        k: u32,
        literals: &'a [u32],
    ) -> impl Iterator<Item = u32> + 'a {
        self.t.children(k).iter().copied().filter(move |&c| {
            c < k
                && !literals.contains(&c)
                && self.rel(c).is_some_and(|d| match d.rel {
                    // A possessive pronoun ("rejected its proposal") is
                    // left to the window: its antecedent is often the
                    // company or the speaker, no party to the act.
                    Rel::Nmod => {
                        d.sub == Sub::Poss && self.upos(c) != Some(Upos::Pron)
                    }
                    Rel::Compound => self.upos(c) == Some(Upos::Propn),
                    Rel::Amod => self.upos(c) == Some(Upos::Adj),
                    _ => false,
                })
        })
    }

    /// A name the parser hung on verb `v` as an oblique with no
    /// preposition, when `v` has no object: the object it misread
    /// ("detained Kremlin critic Alexei Navalny at an airport" with
    /// "critic" tagged an adjective). Only a name right after the verb's
    /// own words (at most four words between), never a day or month
    /// name, so "on Sunday" and "met Sunday" stay times.
    fn unmarked_name_object(&self, v: u32) -> Option<u32> {
        self.t.children_by(v, Rel::Obl).find(|&k| {
            k > v
                && k <= v + 5
                && self.rel(k).is_some_and(|d| d.sub == Sub::None)
                && self.upos(k) == Some(Upos::Propn)
                && self.t.children_by(k, Rel::Case).next().is_none()
                && !crate::text::calendar::is_date_word(
                    &self.lemma(k).to_lowercase(),
                )
        })
    }

    /// True when nominal `k`'s preposition is one of the pattern's
    /// literal words or, when the pattern names none, an addressee
    /// preposition.
    fn target_case(&self, k: u32, literals: &[u32]) -> bool {
        let Some(case) = self.t.children_by(k, Rel::Case).next() else {
            return false;
        };
        literals.contains(&case)
            || (literals.is_empty()
                && TARGET_CASES.contains(&self.lemma(case)))
    }

    /// Source and target words of trigger `v`. `literals` are the word
    /// ids the pattern matched literally after the trigger (its
    /// prepositions); `subject_target` marks patterns whose subject
    /// receives ("+ received aid from $").
    pub fn roles(
        &self,
        v: u32,
        literals: &[u32],
        subject_target: bool,
    ) -> Roles {
        if self.is_noun(v) {
            return self.noun_roles(v, literals);
        }
        let passive = self.passive(v);
        let mut r = Roles { passive, ..Roles::default() };
        if passive && self.stance_participle(v) {
            // "Denmark was opposed to the measure": an adjective of
            // stance, no passive; its subject holds the stance.
            r.passive = false;
            r.source.extend(self.patient(v).map(|(p, _)| (p, How::Subject)));
            r.target.extend(self.objects(v, literals));
        } else if let Some((a, p)) = self.reduced_passive(v) {
            r.passive = true;
            r.source.push((a, How::Agent));
            r.target.push((p, How::Patient));
            r.target.extend(self.objects(v, literals));
        } else if passive {
            r.source.extend(self.agent(v).map(|a| (a, How::Agent)));
            r.source.extend(self.opponent(v).map(|a| (a, How::Agent)));
            r.source.extend(self.means(v).map(|a| (a, How::Modifier)));
            r.target.extend(self.patient(v));
            r.target.extend(self.objects(v, literals));
        } else {
            r.source.extend(self.doer(v));
            r.target.extend(self.objects(v, literals));
            // "Clashes between police and protesters were reported",
            // "Fighting between A and B left ten dead" with the act noun
            // parsed as a verb: the sides after "between" (see
            // `noun_roles`).
            let between =
                self.between_phrase(v).or_else(|| self.gerund_between(v));
            if let Some(k) = between {
                self.between_source(k, literals, &mut r);
            }
        }
        if subject_target {
            let from = self
                .t
                .children_by(v, Rel::Obl)
                .find(|&k| matches!(self.case(k).as_deref(), Some("from")));
            let subj = r.source.first().copied();
            r.source = from.map(|f| (f, How::Oblique)).into_iter().collect();
            r.target = subj.into_iter().collect();
        }
        r
    }

    /// Roles of a nominal trigger ("Russia's attack on Ukraine", "the
    /// Israeli strike", "an attack by militants", "X launched an attack").
    fn noun_roles(&self, n: u32, literals: &[u32]) -> Roles {
        let mut r = Roles { nominal: true, ..Roles::default() };
        // A trigger modifying another noun ("arrest warrants", "peace
        // talks", "missile strikes") takes its roles from the phrase.
        let mut phrase = vec![n];
        let mut top = n;
        while self.rel(top).is_some_and(|d| d.rel == Rel::Compound)
            && self.head(top) != 0
            && self.is_noun(self.head(top))
        {
            top = self.head(top);
            phrase.push(top);
        }
        for &x in &phrase {
            self.noun_dependents(x, n, literals, &mut r);
        }
        if self.attacked_phrase(top) {
            // "a strike against a rebel target", "fire on army
            // positions": the phrase names what was attacked, so its
            // modifiers are the target's, never a doer.
            let mods: Vec<(u32, How)> = r
                .source
                .iter()
                .copied()
                .filter(|&(_, how)| how == How::Modifier)
                .collect();
            r.source.retain(|&(_, how)| how != How::Modifier);
            r.target.extend(mods);
        }
        self.light_verb(top, literals, &mut r);
        // "clashes between police and protesters", "fighting among clan
        // militias": the sides are named after "between" or "among"; the
        // first named side (with its conjuncts, one coordination) is the
        // source, and reciprocal acts pair the sides in `expand`. Only as
        // the last candidate: a doer named otherwise ("Egypt launched a
        // mediation effort between A and B") stays the source.
        let between = phrase
            .iter()
            .find_map(|&x| self.between_phrase(x))
            .or_else(|| self.stray_between(n, top));
        if let Some(k) = between {
            self.between_source(k, literals, &mut r);
        }
        r
    }

    /// A fight gerund the parser made a subjectless verb ("Fighting was
    /// reported in X on Monday between A and B"): its stray sides, as a
    /// fight noun's (`stray_between`).
    fn gerund_between(&self, v: u32) -> Option<u32> {
        if !self.form(v).to_lowercase().ends_with("ing")
            || self.own_subject(v).is_some()
        {
            return None;
        }
        self.stray_between(v, v)
    }

    /// The sides of fight noun `n` (phrase head `top`) hung by the
    /// parser on a place or date of its clause: "fighting broke out in
    /// the town of X on Monday between A and B", "clashes on 23 May
    /// between A and B". A fight has two sides whatever the phrase, so
    /// a "between" phrase reached from the noun or from the verb it is
    /// the subject of, through obliques and noun modifiers only, names
    /// them; never past a noun with two ends of its own ("the border
    /// between A and B", "talks between A and B").
    fn stray_between(&self, n: u32, top: u32) -> Option<u32> {
        if !FIGHT_NOUNS.contains(self.lemma(n)) {
            return None;
        }
        let mut stack = vec![(top, 0u8)];
        let h = self.head(top);
        if h != 0
            && self.upos(h) == Some(Upos::Verb)
            && self.rel(top).is_some_and(|d| d.rel == Rel::Nsubj)
        {
            stack.push((h, 0));
        }
        while let Some((x, depth)) = stack.pop() {
            for &k in self.t.children(x) {
                let Some(d) = self.rel(k) else { continue };
                if !matches!(d.rel, Rel::Obl | Rel::Nmod) || k == top {
                    continue;
                }
                if matches!(self.case(k).as_deref(), Some("between" | "among"))
                {
                    if x != top && !ENDS_NOUNS.contains(&self.lemma(x)) {
                        return Some(k);
                    }
                    continue;
                }
                if depth < 4 && !ENDS_NOUNS.contains(&self.lemma(k)) {
                    stack.push((k, depth + 1));
                }
            }
        }
        None
    }

    /// Side `k` named after "between" as the last source candidate, no
    /// longer a target candidate; not when the pattern names the side
    /// literally ("clashes between police and protesters" with both
    /// words in the pattern: the pattern decides the roles).
    fn between_source(&self, k: u32, literals: &[u32], r: &mut Roles) {
        if literals.contains(&k) {
            return;
        }
        if !r.source.iter().any(|&(w, _)| w == k) {
            r.source.push((k, How::Oblique));
        }
        r.target.retain(|&(w, _)| w != k);
    }

    /// The sides named after "between" or "among" on one of a pattern's
    /// literal act nouns ("announced a ceasefire between A and B": the
    /// truce is A's and B's, not the announcer's).
    pub fn literal_between(&self, v: u32, literals: &[u32]) -> Option<u32> {
        literals
            .iter()
            .filter(|&&l| l != v && self.is_noun(l))
            .find_map(|&l| self.between_phrase(l))
            .filter(|k| !literals.contains(k))
    }

    /// The nominal after "between" or "among" that depends on word `x`
    /// ("clashes between A and B"), if any.
    fn between_phrase(&self, x: u32) -> Option<u32> {
        self.t.children(x).iter().copied().find(|&k| {
            self.rel(k).is_some_and(|d| matches!(d.rel, Rel::Nmod | Rel::Obl))
                && matches!(self.case(k).as_deref(), Some("between" | "among"))
        })
    }

    /// Noun phrase `top` is the object of a preposition of attack
    /// ("against", "on", "upon", "at") on another word: it names the
    /// thing attacked.
    fn attacked_phrase(&self, top: u32) -> bool {
        self.rel(top).is_some_and(|d| matches!(d.rel, Rel::Obl | Rel::Nmod))
            && matches!(
                self.case(top).as_deref(),
                Some("against" | "on" | "upon" | "at")
            )
    }

    /// The nominal in apposition to subject `s` that may carry the
    /// country a bare name lacks ("the US commander in Iraq, General X,
    /// held talks"): an `appos` of `s`, or `s`'s head's caseless nominal
    /// dependent that ends with a comma right before `s` (the parser
    /// hangs the title phrase as an `advcl` or `dep` of the verb).
    pub fn appositive(&self, s: u32) -> Option<u32> {
        if let Some(a) = self.t.children_by(s, Rel::Appos).next() {
            return Some(a);
        }
        let h = self.t.head(s).filter(|&h| h != 0)?;
        let start = self.subtree_start(s);
        self.t.children(h).iter().copied().find(|&a| {
            a < s
                && self.is_noun(a)
                && self.case(a).is_none()
                && self.mark(a).is_none()
                && self.rel(a).is_some_and(|d| {
                    matches!(d.rel, Rel::Advcl | Rel::Dep | Rel::Appos)
                })
                && start > 1
                && self.form(start - 1) == ","
                && matches!(self.subtree_end(a), e if e + 1 == start
                    || e + 2 == start)
        })
    }

    /// The first word id in `w`'s subtree.
    fn subtree_start(&self, w: u32) -> u32 {
        let mut start = w;
        let mut stack = vec![w];
        while let Some(x) = stack.pop() {
            start = start.min(x);
            stack.extend_from_slice(self.t.children(x));
        }
        start
    }

    /// Possessors, modifiers and prepositional phrases of noun `x` as
    /// roles of the nominal trigger `n`.
    fn noun_dependents(
        &self,
        x: u32,
        n: u32,
        literals: &[u32],
        r: &mut Roles,
    ) {
        for &k in self.t.children(x) {
            if k == n {
                continue;
            }
            let Some(d) = self.rel(k) else { continue };
            match (d.rel, d.sub) {
                (Rel::Nmod, Sub::Poss) => r.source.push((k, How::Modifier)),
                (Rel::Amod | Rel::Compound, _) => {
                    r.source.push((k, How::Modifier))
                }
                // "an attack claimed by X", "a raid carried out by X".
                // Not a participle the pattern matched ("attack ...
                // claims" is a pattern of its own).
                (Rel::Acl, _)
                    if !literals.contains(&k)
                        && self.claim_agent(k).is_some() =>
                {
                    r.source
                        .extend(self.claim_agent(k).map(|a| (a, How::Agent)));
                }
                (Rel::Nmod, _) => {
                    let case = self.t.children_by(k, Rel::Case).next();
                    let c = case.map(|c| self.lemma(c).to_string());
                    match c.as_deref() {
                        Some("by" | "from") => {
                            r.source.insert(0, (k, How::Agent))
                        }
                        Some(p)
                            if case.is_some_and(|c| literals.contains(&c))
                                || (literals.is_empty()
                                    && TARGET_CASES.contains(&p)) =>
                        {
                            r.target.push((k, How::Oblique))
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }

    /// The head of the noun phrase that nominal `n` modifies as a
    /// compound ("arrest warrants", "telephone call"), or `n` itself.
    fn phrase_top(&self, n: u32) -> u32 {
        let mut top = n;
        while self.rel(top).is_some_and(|d| d.rel == Rel::Compound)
            && self.head(top) != 0
            && self.is_noun(self.head(top))
        {
            top = self.head(top);
        }
        top
    }

    /// The verb whose object or passive subject is nominal trigger `n`'s
    /// phrase ("launched an attack", "condemned the attack"), if any.
    pub fn carrying_verb(&self, n: u32) -> Option<u32> {
        let top = self.phrase_top(n);
        let d = self.rel(top)?;
        let h = self.head(top);
        (h != 0
            && self.upos(h) == Some(Upos::Verb)
            && matches!(d.rel, Rel::Obj | Rel::Nsubj))
        .then_some(h)
    }

    /// The verb that carries a nominal trigger's phrase `top`: "X
    /// launched an attack", "strikes were carried out by X", "X issued
    /// arrest warrants for Y".
    fn light_verb(&self, top: u32, literals: &[u32], r: &mut Roles) {
        let (Some(d), h) = (self.rel(top), self.head(top)) else { return };
        if h == 0 || self.upos(h) != Some(Upos::Verb) {
            return;
        }
        match d.rel {
            Rel::Obj if RECEIVER_VERBS.contains(self.lemma(h)) => {
                if let Some((s, _)) = self.doer(h) {
                    r.target.insert(0, (s, How::LightVerb));
                }
                let from = self.t.children(h).iter().copied().find(|&k| {
                    self.rel(k).is_some_and(|d| d.rel == Rel::Obl)
                        && matches!(
                            self.case(k).as_deref(),
                            Some("from" | "by")
                        )
                });
                if let Some(f) = from {
                    r.source.insert(0, (f, How::Oblique));
                }
            }
            Rel::Obj => {
                // A definite act noun ("repelled the attack", "chased
                // down the target") names an act already told: the verb
                // is a reaction to it, not its light verb ("launched an
                // attack", "carried out strikes").
                let definite = self.t.children_by(top, Rel::Det).any(|k| {
                    matches!(
                        self.lemma(k),
                        "the" | "this" | "that" | "these" | "those"
                    )
                });
                if definite {
                    return;
                }
                if let Some((s, _)) = self.doer(h) {
                    r.source.push((s, How::LightVerb));
                }
                for (o, how) in self.objects(h, literals) {
                    if o != top && how == How::Oblique {
                        r.target.push((o, How::Oblique));
                    }
                }
            }
            Rel::Nsubj if d.sub == Sub::Pass => {
                if let Some(a) = self.agent(h) {
                    r.source.push((a, How::LightVerb));
                }
            }
            // "allowed Kyiv to use missiles for strikes inside Russia":
            // the user strikes.
            Rel::Obl
                if USE_VERBS.contains(self.lemma(h))
                    && self.case(top).as_deref() == Some("for") =>
            {
                if let Some((s, _)) = self.doer(h) {
                    r.source.push((s, How::LightVerb));
                }
            }
            // "Ruto said in a phone call with Abiy that ...", "Erdogan
            // urged a ceasefire during talks with Putin": whoever speaks
            // or acts in a conversation takes part in it. Only meeting
            // nouns: "killed in an attack by X" names no attacker so.
            Rel::Obl
                if MEETING_NOUNS.contains(self.lemma(top))
                    && matches!(
                        self.case(top).as_deref(),
                        Some("in" | "during")
                    ) =>
            {
                // Not a light verb: the speaking verb is an act of its
                // own, and its doer still took part in the conversation.
                // "X urged Y to end the war in a call (with Y)": the
                // phrase hangs on the complement ("end") but tells where
                // the urging happened: the urging verb's doer called, and
                // with no "with" phrase its addressee is the other party.
                let host = self.conversation_host(top).unwrap_or(h);
                r.source.extend(self.doer(host));
                if r.target.is_empty() {
                    r.target.extend(
                        self.t
                            .children_by(host, Rel::Iobj)
                            .chain(self.t.children_by(host, Rel::Obj))
                            .filter(|&k| !literals.contains(&k))
                            .take(1)
                            .map(|k| (k, How::Object)),
                    );
                }
            }
            _ => {}
        }
    }

    /// "X recognized Guaido, followed by A, B and C": the agents (with
    /// their conjuncts) of a bare participle "followed" hung on verb `v`
    /// did the same act after X. Not "..., and A followed" (a clause of
    /// its own with a subject) nor "followed by talks" (no actor: the
    /// caller keeps only words that are actors).
    pub fn followers(&self, v: u32) -> Vec<u32> {
        let mut out = Vec::new();
        for &c in self.t.children(v) {
            let Some(d) = self.rel(c) else { continue };
            if !matches!(
                d.rel,
                Rel::Conj | Rel::Advcl | Rel::Acl | Rel::Parataxis
            ) || self.lemma(c) != "follow"
                || !self.form(c).eq_ignore_ascii_case("followed")
                || self.own_subject(c).is_some()
                || self.t.auxiliaries(c).next().is_some()
            {
                continue;
            }
            if let Some(a) = self.agent(c) {
                out.push(a);
                out.extend(self.t.children_by(a, Rel::Conj));
            }
        }
        out
    }

    /// The verb a conversation phrase really hangs on when the parser put
    /// it on the complement of a verb of speech or request: "X urged Y
    /// to end the war in a phone call with Y" (the call is where X urged,
    /// not part of what Y is asked to do). `n` is the trigger word or a
    /// compound modifier of the meeting noun ("telephone call").
    fn conversation_host(&self, n: u32) -> Option<u32> {
        let top = self.phrase_top(n);
        let d = self.rel(top)?;
        if d.rel != Rel::Obl
            || !MEETING_NOUNS.contains(self.lemma(top))
            || !matches!(self.case(top).as_deref(), Some("in" | "during"))
        {
            return None;
        }
        let h = self.head(top);
        let dh = self.rel(h)?;
        let g = self.head(h);
        (dh.rel == Rel::Xcomp
            && g != 0
            && !self.coordinated_clause(h)
            && self.upos(h) == Some(Upos::Verb)
            && self.upos(g) == Some(Upos::Verb)
            && self.controller_object(g).is_some())
        .then_some(g)
    }

    /// The scope trigger `v` stands under: negation, modality and who
    /// reports it.
    pub fn scope(&self, v: u32) -> Scope {
        let mut sc = Scope::default();
        let mut decided = false;
        self.own_level(v, &mut sc, &mut decided);
        // A call in which X urged Y: the urging verb's scope, not the
        // request's.
        let mut cur = self.conversation_host(v).unwrap_or(v);
        for _ in 0..32 {
            let Some(d) = self.rel(cur) else { break };
            let h = self.head(cur);
            if h == 0 {
                break;
            }
            if !self.step_up(cur, d, h, &mut sc, &mut decided) {
                break;
            }
            cur = h;
        }
        self.parenthetical_report(cur, &mut sc);
        sc
    }

    /// Markers on the trigger's own word: negation, modal auxiliary, a
    /// condition on it ("would retaliate if ...").
    fn own_level(&self, v: u32, sc: &mut Scope, decided: &mut bool) {
        if self.t.is_negated(v) || self.negated_object(v) {
            sc.negated = true;
        }
        self.modal(v, sc, decided);
        // "X is due to meet" parsed with "due (to)" as the verb's
        // subordinator: the schedule word still decides.
        for m in self.t.children_by(v, Rel::Mark) {
            if !*decided
                && self.words.class(self.lemma(m)) == Some(Class::Intend)
            {
                sc.modality = Modality::Intended;
                sc.governor = Some(m);
                *decided = true;
            }
        }
        // "is due to host" with "to" fixed on "due" and the verb hung
        // elsewhere (on the clause "due" is coordinated with).
        if !*decided {
            if let Some(x) = self.fixed_to_governor(v) {
                sc.modality = Modality::Intended;
                sc.governor = Some(x);
                *decided = true;
            }
        }
        // "possible sanctions", "a likely attack": an adjective of
        // possibility on an act noun.
        if !*decided && self.is_noun(v) {
            let possible = self.t.children_by(v, Rel::Amod).find(|&a| {
                self.words.class(self.lemma(a)) == Some(Class::Possible)
            });
            if let Some(a) = possible {
                sc.modality = Modality::Possible;
                sc.governor = Some(a);
                *decided = true;
            }
        }
        let conditional = self.t.children_by(v, Rel::Advcl).any(|a| {
            self.mark(a).is_some_and(|m| {
                self.words.class(&m) == Some(Class::Condition)
            })
        });
        if conditional {
            sc.modality = Modality::Conditional;
            sc.consequent = true;
            *decided = true;
        }
    }

    /// The schedule word ("due", "set") whose fixed "to" stands right
    /// before verb `v` when the parser did not hang `v` on it.
    fn fixed_to_governor(&self, v: u32) -> Option<u32> {
        let to = v.checked_sub(1).filter(|&w| w > 0)?;
        if self.lemma(to) != "to"
            || !self.rel(to).is_some_and(|d| d.rel == Rel::Fixed)
        {
            return None;
        }
        let x = self.t.head(to).filter(|&x| x != 0 && x != v)?;
        (self.words.class(self.lemma(x)) == Some(Class::Intend)
            && self.head(v) != x)
            .then_some(x)
    }

    /// "fired no shots": a negating determiner on the object.
    fn negated_object(&self, v: u32) -> bool {
        self.t.children_by(v, Rel::Obj).any(|o| {
            self.t
                .children_by(o, Rel::Det)
                .any(|d| self.lemma(d).eq_ignore_ascii_case("no"))
        })
    }

    /// A modal or future auxiliary of `v` decides the modality, unless a
    /// nearer word already did.
    fn modal(&self, v: u32, sc: &mut Scope, decided: &mut bool) {
        if *decided {
            return;
        }
        for a in self.t.auxiliaries(v) {
            if let Some((Class::Future(m), _)) = self.class_of(a) {
                sc.modality = m;
                sc.governor = Some(a);
                *decided = true;
                return;
            }
        }
    }

    /// `h` is the future "going" of "be going to" (an auxiliary "be"
    /// on the form "going"), which the scope words cannot list: the verb
    /// "go" alone is motion ("went to fight").
    fn going_to(&self, h: u32) -> bool {
        self.form(h).eq_ignore_ascii_case("going")
            && self.t.auxiliaries(h).any(|a| self.lemma(a) == "be")
    }

    /// `v`, a verb attached as a conjunct, is a reduced relative the
    /// parser coordinated ("released the mayor, a member of Hamas jailed
    /// last year"): a participle right after a noun, with no comma,
    /// coordinator, auxiliary or subject of its own. A true verb
    /// conjunct follows "and" or a comma ("attacked A, killed B").
    fn reduced_relative(&self, v: u32) -> bool {
        let before = v.saturating_sub(1);
        self.rel(v).is_some_and(|d| d.rel == Rel::Conj)
            && self.upos(v) == Some(Upos::Verb)
            && self.form(v).to_lowercase().ends_with("ed")
            && self.t.children_by(v, Rel::Cc).next().is_none()
            && self.t.auxiliaries(v).next().is_none()
            && self.own_subject(v).is_none()
            && before > 0
            && self.t.head(before) != Some(v)
            && self.is_noun(before)
    }

    /// `cur`, a conjunct of `h` without a coordinator, follows the comma
    /// that closes the relative clause `h` ("Qatar and Egypt, which have
    /// mediated talks, condemned the killing"): it is the main predicate
    /// the parser hung under the relative clause, not part of it.
    fn closes_relative(&self, cur: u32, h: u32) -> bool {
        let relcl = self
            .rel(h)
            .is_some_and(|d| d.rel == Rel::Acl && d.sub == Sub::Relcl);
        relcl && self.t.children_by(cur, Rel::Cc).next().is_none()
    }

    /// One step from `cur` to its head `h` over relation `d`; false
    /// stops the walk.
    fn step_up(
        &self,
        cur: u32,
        d: Deprel,
        h: u32,
        sc: &mut Scope,
        decided: &mut bool,
    ) -> bool {
        if self.subordinated_subject(cur).is_some() {
            // "after Iran launched ...": a temporal clause, told as
            // fact whatever the clause it hangs on plans or asks.
            return false;
        }
        match d.rel {
            Rel::Conj if self.closes_relative(cur, h) => false,
            Rel::Conj => {
                // A shared auxiliary ("will meet and sign"); negation is
                // not shared ("attacked A and did not kill B").
                if self.t.auxiliaries(cur).next().is_none() {
                    self.modal(h, sc, decided);
                }
                true
            }
            Rel::Xcomp if self.coordinated_clause(cur) => {
                // A coordinated clause parsed as a complement: the head's
                // class ("urged") is not the act's.
                if self.t.auxiliaries(cur).next().is_none() {
                    self.modal(h, sc, decided);
                }
                true
            }
            Rel::Xcomp => {
                // "wants Y to attack": asked of Y, not intended. A verb
                // of object control ("ordered Y to attack") keeps its
                // class: the order plans the act.
                if self.controller_object(h).is_some()
                    && matches!(
                        self.class_of(h),
                        Some((Class::Intend, c)) if c != Some(Control::Object)
                    )
                    && !*decided
                {
                    sc.modality = Modality::Requested;
                    sc.governor = Some(h);
                    *decided = true;
                }
                // "is (not) going to limit": the future "be going to".
                let going = self.going_to(h);
                if going && !*decided {
                    sc.modality = Modality::Intended;
                    sc.governor = Some(h);
                    *decided = true;
                }
                self.govern(h, sc, decided, false);
                if self.t.is_negated(h)
                    && (going || self.class_of(h).is_some())
                {
                    sc.negated = true;
                }
                self.modal(h, sc, decided);
                true
            }
            Rel::Ccomp | Rel::Csubj | Rel::Parataxis => {
                self.govern(h, sc, decided, true);
                self.modal(h, sc, decided);
                true
            }
            Rel::Advcl => {
                // "would not send troops to fight", "did not give X
                // permission to help": a purpose never carried out.
                let purpose = matches!(self.mark(cur).as_deref(), Some("to"));
                if purpose && self.t.is_negated(h) {
                    sc.negated = true;
                }
                self.adverbial(cur, sc, decided);
                true
            }
            // "told the mediator that Britain would not negotiate" with
            // the content clause parsed as a relative clause of the
            // addressee: a "that" subordinator and a subject of its own
            // make it the telling verb's complement, not a description.
            Rel::Acl
                if d.sub == Sub::Relcl && self.misread_content(cur, h) =>
            {
                self.govern(self.head(h), sc, decided, true);
                self.modal(self.head(h), sc, decided);
                false
            }
            Rel::Acl if d.sub == Sub::Relcl => {
                sc.background = self.told_before(cur);
                false
            }
            // "banned parties from holding rallies" with the gerund hung
            // on the object: the verb that takes the object prevents it.
            Rel::Acl if self.mark(cur).as_deref() == Some("from") => {
                let g = self.head(h);
                let object = self.rel(h).is_some_and(|x| x.rel == Rel::Obj);
                if g != 0 && object && !*decided {
                    self.prevented(g, sc, decided);
                }
                false
            }
            // "denied reports that its navy had fired", "claims that
            // troops killed": a noun's content clause takes the noun's
            // class, then the classes above the noun.
            Rel::Acl if self.mark(cur).as_deref() == Some("that") => {
                self.govern(h, sc, decided, true);
                true
            }
            // "plans to attack", "the threat to strike", "the decision to
            // withdraw"; a participle ("a bomb planted by ...") describes
            // what happened (the `_` arm). "had no intention of
            // violating": a gerund after "of" is such a plan when "no"
            // denies it (other "of" gerunds keep the `_` arm).
            Rel::Acl
                if self.mark(cur).as_deref() == Some("to")
                    || self.denied_gerund(cur, h) =>
            {
                self.govern(h, sc, decided, false);
                // "had no plans to occupy", "no intention to attack": a
                // plan the noun's determiner denies.
                if self
                    .t
                    .children_by(h, Rel::Det)
                    .any(|d| self.lemma(d).eq_ignore_ascii_case("no"))
                {
                    sc.negated = true;
                }
                // "did not give permission to help": the noun's verb's
                // negation covers the act the noun allows or plans.
                let carrier = self.head(h);
                if carrier != 0
                    && self.rel(h).is_some_and(|d| d.rel == Rel::Obj)
                    && self.t.is_negated(carrier)
                {
                    sc.negated = true;
                }
                true
            }
            Rel::Nmod | Rel::Obl | Rel::Obj | Rel::Nsubj => {
                self.nominal_governor(cur, d, h, sc, decided)
            }
            // A participle describing a noun ("soldiers captured by
            // X") is presupposed: the plans or requests over its noun do
            // not reach it ("urged Y to free soldiers captured by X"),
            // but an accusation or denial does ("calling the gunmen
            // professionals backed by the state").
            Rel::Acl if d.sub != Sub::Relcl && self.is_noun(h) => {
                if !*decided {
                    self.claimed_description(h, sc, decided);
                }
                false
            }
            _ => false,
        }
    }

    /// Whether `cur` is a gerund after "of" on a noun `h` that "no"
    /// determines ("no intention of attacking", "no plan of sending").
    fn denied_gerund(&self, cur: u32, h: u32) -> bool {
        self.mark(cur).as_deref() == Some("of")
            && self
                .t
                .children_by(h, Rel::Det)
                .any(|d| self.lemma(d).eq_ignore_ascii_case("no"))
    }

    /// The nearest accusation or denial governing `noun` (a participle's
    /// noun) decides the participle's act.
    fn claimed_description(
        &self,
        noun: u32,
        sc: &mut Scope,
        decided: &mut bool,
    ) {
        for a in self.t.ancestors(noun).take(12) {
            let class = self.class_of(a).map(|(c, _)| c);
            if matches!(class, Some(Class::Allege | Class::Deny)) {
                self.govern(a, sc, decided, true);
                sc.claimed = class == Some(Class::Allege);
                return;
            }
        }
    }

    /// A relative clause tells of an earlier act ("Hamas, which attacked
    /// Israel in 2023", "the group, which has mediated talks"): a
    /// perfect auxiliary, or a time modifier naming a year or an earlier
    /// time. Without one the clause may be the news itself ("gunmen who
    /// attacked the convoy on Monday"), so it is not background.
    fn told_before(&self, verb: u32) -> bool {
        if self.t.auxiliaries(verb).any(|a| self.lemma(a) == "have") {
            return true;
        }
        let mut stack: Vec<u32> = self
            .t
            .children(verb)
            .iter()
            .copied()
            .filter(|&c| {
                self.rel(c).is_some_and(|d| {
                    matches!(d.rel, Rel::Obl | Rel::Advmod | Rel::Nmod)
                })
            })
            .collect();
        while let Some(w) = stack.pop() {
            let f = self.form(w);
            let year = f.len() == 4
                && f.bytes().all(|b| b.is_ascii_digit())
                && (f.starts_with("19") || f.starts_with("20"));
            if year || self.words.class(self.lemma(w)) == Some(Class::Earlier)
            {
                return true;
            }
            stack.extend(self.t.children(w).iter().copied());
        }
        false
    }

    /// The speaker of reporting verb `h` that has no subject of its own
    /// because it is coordinated with an earlier verb ("X rejected the
    /// offer and said it would not negotiate"): the shared subject.
    fn conjunct_speaker(&self, h: u32) -> Option<u32> {
        if !self.rel(h).is_some_and(|d| d.rel == Rel::Conj) {
            return None;
        }
        self.doer(h).filter(|&(_, how)| how == How::Conjunct).map(|(w, _)| w)
    }

    /// `cur`, parsed as a relative clause of noun `h`, is the content
    /// clause of the reporting verb `h` is the addressee of ("told the
    /// envoy that ...", "assured the minister that ..."): it opens with
    /// the subordinator "that" (not a relative pronoun argument) and has
    /// a subject of its own, and `h` is the object of a reporting verb.
    fn misread_content(&self, cur: u32, h: u32) -> bool {
        let that_mark = self
            .t
            .children_by(cur, Rel::Mark)
            .any(|m| self.lemma(m).eq_ignore_ascii_case("that") && m < cur);
        let addressee =
            self.rel(h).is_some_and(|d| matches!(d.rel, Rel::Iobj | Rel::Obj));
        let v = self.head(h);
        that_mark
            && addressee
            && v != 0
            && self.own_subject(cur).is_some()
            && self.class_of(v).is_some_and(|(c, _)| c == Class::Report)
    }

    /// The class of governor `h` applied to the act below it. `clausal`:
    /// the act is a finite complement ("said that ...").
    fn govern(
        &self,
        h: u32,
        sc: &mut Scope,
        decided: &mut bool,
        clausal: bool,
    ) {
        let Some((class, _)) = self.class_of(h) else { return };
        match class {
            Class::Report if sc.speaker.is_none() && sc.reporter.is_none() => {
                sc.reporter = Some(h);
                sc.speaker = self
                    .own_subject(h)
                    .or_else(|| self.agent(h))
                    .or_else(|| self.conjunct_speaker(h));
            }
            // A denial of a report or claim ("denied claims that ...")
            // negates what was claimed.
            Class::Deny
                if !*decided
                    || clausal
                    || sc.modality == Modality::Alleged =>
            {
                sc.negated = true;
                sc.reporter.get_or_insert(h);
                if sc.speaker.is_none() {
                    sc.speaker = self.own_subject(h);
                }
                sc.governor.get_or_insert(h);
                *decided = true;
            }
            Class::Refuse if !*decided => {
                sc.negated = true;
                sc.governor = Some(h);
                *decided = true;
            }
            Class::Allege if !*decided => {
                sc.modality = Modality::Alleged;
                sc.reporter.get_or_insert(h);
                if sc.speaker.is_none() {
                    sc.speaker = self.own_subject(h);
                }
                sc.governor = Some(h);
                *decided = true;
            }
            Class::Intend | Class::Request | Class::Possible if !*decided => {
                sc.modality = match class {
                    Class::Intend => Modality::Intended,
                    Class::Request => Modality::Requested,
                    _ => Modality::Possible,
                };
                sc.governor = Some(h);
                *decided = true;
            }
            _ => {}
        }
    }

    /// An adverbial clause: a condition, a purpose ("to", "in order
    /// to"), or "without ...".
    fn adverbial(&self, cur: u32, sc: &mut Scope, decided: &mut bool) {
        let Some(m) = self.mark(cur) else { return };
        if *decided {
            return;
        }
        let h = self.head(cur);
        if m == "from" {
            // "prevented X from storming", "refrained from attacking":
            // the act did not happen.
            self.prevented(h, sc, decided);
            return;
        }
        if m == "of" || m == "for" {
            // "accused X of arming ...": the governor's class decides.
            self.govern(h, sc, decided, true);
            return;
        }
        if self.words.class(&m) == Some(Class::Condition) {
            sc.modality = Modality::Conditional;
            *decided = true;
        } else if m == "until" && self.t.modal(h).is_some() {
            // "will not ... until X begins to impose": a condition on a
            // future clause ("fought until dawn" is told as fact).
            sc.modality = Modality::Conditional;
            *decided = true;
        } else if let Some(n) = self.infinitive_noun(cur, h, &m) {
            // "faces pressure to help", "gave permission to X to help"
            // with the infinitive hung on the verb: the noun it belongs
            // to decides.
            self.govern(n, sc, decided, false);
        } else if m == "to" || m == "in" || m == "so" {
            // A purpose, or "urged X to ..." parsed as one.
            sc.modality = match self.class_of(h) {
                Some((Class::Request, _)) => Modality::Requested,
                _ => Modality::Intended,
            };
            sc.purpose = sc.modality == Modality::Intended;
            sc.governor = Some(h);
            *decided = true;
        } else if m == "without" {
            sc.negated = true;
            *decided = true;
        }
    }

    /// `h` is a verb of refusal or prevention, which negates an act
    /// hung on it (or on its object) by "from".
    fn prevented(&self, h: u32, sc: &mut Scope, decided: &mut bool) {
        if matches!(
            self.class_of(h),
            Some((Class::Refuse | Class::Prevent, _))
        ) {
            sc.negated = true;
            sc.governor = Some(h);
            *decided = true;
        }
    }

    /// The object noun of `h` that infinitive `cur` (an `advcl` with
    /// "to") belongs to: a noun with a scope class ("pressure",
    /// "plan", "threat") whose phrase ends right before the "to" (the
    /// parser attaches such infinitives to the verb).
    fn infinitive_noun(&self, cur: u32, h: u32, m: &str) -> Option<u32> {
        if m != "to" {
            return None;
        }
        let to = self.t.children_by(cur, Rel::Mark).next()?;
        // An object ("criticized the plans of X to attack") or an
        // oblique ("spoke about X's intention to impose").
        let objects = self.t.children_by(h, Rel::Obj);
        objects.chain(self.t.children_by(h, Rel::Obl)).find(|&n| {
            self.is_noun(n)
                && self.class_of(n).is_some_and(|(c, _)| {
                    !matches!(c, Class::Report | Class::Negator)
                })
                && self.subtree_end(n) + 1 == to
        })
    }

    /// The owner of the plan or threat noun that infinitive `cur` (an
    /// `advcl` of `h`) belongs to, when the noun names one ("the plans
    /// of the army", "the army's plans"); the noun is returned, and its
    /// owner is read from it as from a relative clause's noun. A noun of
    /// object control ("permission") is [`Self::noun_addressee`]'s.
    fn noun_owner(&self, cur: u32, h: u32) -> Option<u32> {
        let m = self.mark(cur)?;
        let n = self.infinitive_noun(cur, h, &m)?;
        if matches!(self.class_of(n), Some((_, Some(Control::Object)))) {
            return None;
        }
        let owned = self.t.children_by(n, Rel::Nmod).any(|k| {
            self.rel(k).is_some_and(|d| d.sub == Sub::Poss)
                || matches!(self.case(k).as_deref(), Some("of" | "by"))
        });
        owned.then_some(n)
    }

    /// The one allowed or asked to do infinitive `cur` (an `advcl` of
    /// `h` with "to") when it belongs to `h`'s object noun of object
    /// control: "gave permission to X to help", "gave X permission to
    /// help" (the noun's "to"/"for" phrase, or `h`'s indirect object).
    fn noun_addressee(&self, cur: u32, h: u32) -> Option<u32> {
        let m = self.mark(cur)?;
        let n = self.infinitive_noun(cur, h, &m)?;
        if !matches!(self.class_of(n), Some((_, Some(Control::Object)))) {
            return None;
        }
        self.t
            .children_by(n, Rel::Nmod)
            .find(|&k| {
                self.is_noun(k)
                    && matches!(self.case(k).as_deref(), Some("to" | "for"))
            })
            .or_else(|| self.t.children_by(h, Rel::Iobj).next())
    }

    /// A nominal trigger under a word: "the risk of an attack", "in the
    /// event of a strike", "demanded a ceasefire", "sanctions remain
    /// under discussion", "denied the attack".
    fn nominal_governor(
        &self,
        cur: u32,
        d: Deprel,
        h: u32,
        sc: &mut Scope,
        decided: &mut bool,
    ) -> bool {
        if !self.is_noun(cur) {
            return false;
        }
        if d.rel == Rel::Nmod
            && self.lemma(h).eq_ignore_ascii_case("event")
            && !*decided
        {
            sc.modality = Modality::Conditional;
            *decided = true;
            return true;
        }
        if self.case(cur).as_deref() == Some("without") {
            sc.negated = true;
            *decided = true;
            return false;
        }
        if d.rel == Rel::Nsubj {
            // The predicate says what became of the act.
            let pending = self.t.children_by(h, Rel::Obl).any(|o| {
                self.case(o).as_deref() == Some("under")
                    && self
                        .class_of(o)
                        .is_some_and(|(c, _)| c == Class::Possible)
            });
            if pending && !*decided {
                sc.modality = Modality::Possible;
                *decided = true;
            }
            self.govern(h, sc, decided, false);
            return false;
        }
        self.govern(h, sc, decided, false);
        true
    }

    /// "X attacked Y, the ministry said": a reporting verb attached as
    /// `parataxis` to the top of the trigger's clause; or "according to
    /// X".
    fn parenthetical_report(&self, top: u32, sc: &mut Scope) {
        if sc.speaker.is_some() {
            return;
        }
        for p in self.t.children_by(top, Rel::Parataxis) {
            if self.class_of(p).is_some_and(|(c, _)| c == Class::Report) {
                sc.reporter = Some(p);
                sc.speaker = self.own_subject(p);
                return;
            }
        }
        for o in self.t.children_by(top, Rel::Obl) {
            if self.case(o).as_deref() == Some("according to") {
                sc.speaker = Some(o);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Parser;

    /// Parses `text` (one sentence) and analyses the word `trigger`.
    /// Roles and scope of `trigger` in `input`: a sentence (parsed by
    /// the built-in model) or, where that model errs on it, a gold tree
    /// spec ("lemma/UPOS/head/deprel" items) whose lemmas are its words.
    fn analyse(input: &str, trigger: &str) -> (String, String, Scope, String) {
        let (text, t) = if input.contains("/PUNCT/") {
            let t = crate::syntax::testutil::tree(input);
            let text: Vec<&str> = input
                .split_whitespace()
                .map(|i| i.split('/').next().unwrap_or(""))
                .collect();
            (text.join(" "), t)
        } else {
            let analyzed = crate::text::analyze(input);
            (input.to_string(), Parser::builtin().parse(input, &analyzed, 0))
        };
        let text = text.as_str();
        let words = ScopeWords::builtin().expect("scope words");
        let c = TreeClause::new(text, &t, &words, |_| None);
        let v = t
            .ids()
            .find(|&i| {
                t.word(i).is_some_and(|w| w.span.slice(text) == trigger)
            })
            .unwrap_or_else(|| panic!("{trigger:?} in {text:?}"));
        let r = c.roles(v, &[], false);
        let name = |xs: &[(u32, How)]| {
            xs.first()
                .map(|&(i, _)| {
                    t.word(i).map_or("", |w| w.span.slice(text)).to_string()
                })
                .unwrap_or_default()
        };
        let sc = c.scope(v);
        let speaker = sc
            .speaker
            .and_then(|i| t.word(i))
            .map_or("", |w| w.span.slice(text));
        let speaker = speaker.to_string();
        (name(&r.source), name(&r.target), sc, speaker)
    }

    /// "The AU urged the soldiers to return, and Ghana condemned the
    /// coup." as the model parses such sentences: "condemned" an `xcomp`
    /// of "urged", "Ghana" a conjunct of "soldiers".
    const STRANDED: &str = "the/DET/2/det au/PROPN/3/nsubj urge/VERB/0/root the/DET/5/det soldiers/NOUN/3/obj to/PART/7/mark return/VERB/3/xcomp ,/PUNCT/11/punct and/CCONJ/10/cc ghana/PROPN/5/conj condemn/VERB/3/xcomp the/DET/13/det coup/NOUN/11/obj ./PUNCT/3/punct";

    /// The same sentence with "Ghana" and "condemned" both conjuncts of
    /// "return".
    const STRANDED_ON_VERB: &str = "the/DET/2/det au/PROPN/3/nsubj urge/VERB/0/root the/DET/5/det soldiers/NOUN/3/iobj to/PART/7/mark return/VERB/3/xcomp ,/PUNCT/10/punct and/CCONJ/10/cc ghana/PROPN/7/conj condemn/VERB/7/conj the/DET/13/det coup/NOUN/11/obj ./PUNCT/3/punct";

    /// A condition on the trigger's own verb makes it the consequence
    /// (stated as a threat or intent); the act inside the condition is
    /// conditional too, but no consequence.
    #[test]
    fn consequence_not_condition() {
        let text = "Turkey would retaliate if Syria attacked again.";
        let (_, _, sc, _) = analyse(text, "retaliate");
        assert!(sc.consequent && sc.modality == Modality::Conditional);
        let (_, _, sc, _) = analyse(text, "attacked");
        assert!(!sc.consequent);
    }

    #[test]
    fn roles_and_scope() {
        // (sentence, trigger, source, target, modality, negated, speaker)
        let table: &[(&str, &str, &str, &str, Modality, bool, &str)] = &[
            (
                "Rebels attacked the convoy.",
                "attacked",
                "Rebels",
                "convoy",
                Modality::Asserted,
                false,
                "",
            ),
            (
                "The convoy was attacked by rebels.",
                "attacked",
                "rebels",
                "convoy",
                Modality::Asserted,
                false,
                "",
            ),
            (
                "The ministry denied that its navy had fired on the vessel.",
                "fired",
                "navy",
                "vessel",
                Modality::Asserted,
                true,
                "ministry",
            ),
            (
                // "The council is due to convene next week."
                "the/DET/2/det council/NOUN/4/nsubj be/AUX/4/cop due/ADJ/0/root to/PART/6/mark convene/VERB/4/xcomp next/ADJ/8/amod week/NOUN/6/obl:tmod ./PUNCT/4/punct",
                "convene",
                "council",
                "",
                Modality::Intended,
                false,
                "",
            ),
            (
                "Chad and Niger signed the accord and called for talks.",
                "called",
                "Chad",
                "",
                Modality::Asserted,
                false,
                "",
            ),
            (
                "The minister urged Serbia to withdraw its troops.",
                "withdraw",
                "Serbia",
                "troops",
                Modality::Requested,
                false,
                "",
            ),
            (
                "Kenya accused Somalia of arming the militants.",
                "arming",
                "Somalia",
                "militants",
                Modality::Alleged,
                false,
                "Kenya",
            ),
            (
                "Turkey would retaliate if Syria attacked again.",
                "retaliate",
                "Turkey",
                "",
                Modality::Conditional,
                false,
                "",
            ),
            (
                // "Police fired tear gas at the protesters, the ministry said."
                "police/NOUN/2/nsubj fire/VERB/0/root tear/NOUN/4/compound gas/NOUN/2/obj at/ADP/7/case the/DET/7/det protesters/NOUN/2/obl ,/PUNCT/11/punct the/DET/10/det ministry/NOUN/11/nsubj say/VERB/2/parataxis ./PUNCT/2/punct",
                "fire",
                "police",
                "gas",
                Modality::Asserted,
                false,
                "ministry",
            ),
            (
                "Japan has not yet decided to impose sanctions.",
                "decided",
                "Japan",
                "",
                Modality::Asserted,
                true,
                "",
            ),
            (
                "Israeli troops raided the camp, killing three men.",
                "killing",
                "troops",
                "men",
                Modality::Asserted,
                false,
                "",
            ),
            (
                // "Ghana plans to expel the diplomats."
                "ghana/PROPN/2/nsubj plan/VERB/0/root to/PART/4/mark expel/VERB/2/xcomp the/DET/6/det diplomats/NOUN/4/obj ./PUNCT/2/punct",
                "expel",
                "ghana",
                "diplomats",
                Modality::Intended,
                false,
                "",
            ),
            (
                "Mali refused to release the hostages.",
                "release",
                "Mali",
                "hostages",
                Modality::Asserted,
                true,
                "",
            ),
            (
                // "The AU urged the soldiers to return, and Ghana
                // condemned the coup.", parsed as the model does: the
                // second clause an `xcomp` of "urged", its subject a
                // conjunct of "soldiers".
                STRANDED,
                "condemn",
                "ghana",
                "coup",
                Modality::Asserted,
                false,
                "",
            ),
            (STRANDED, "return", "soldiers", "", Modality::Requested, false, ""),
            (
                // "Oman, which mediated between Iran and Iraq, criticised
                // the raid.", the main verb hung as a conjunct of the
                // relative clause: "Iraq" before the comma is no subject.
                "oman/PROPN/0/root ,/PUNCT/4/punct which/PRON/4/nsubj mediate/VERB/1/acl:relcl between/ADP/6/case iran/PROPN/4/obl and/CCONJ/8/cc iraq/PROPN/6/conj ,/PUNCT/10/punct criticise/VERB/4/conj the/DET/12/det raid/NOUN/10/obj ./PUNCT/1/punct",
                "criticise",
                "oman",
                "raid",
                Modality::Asserted,
                false,
                "",
            ),
            (
                // The same with both conjuncts hung on the infinitive.
                STRANDED_ON_VERB,
                "condemn",
                "ghana",
                "coup",
                Modality::Asserted,
                false,
                "",
            ),
            (
                // "Mali is due to host the summit.", "due to" parsed as
                // the verb's subordinator.
                "mali/PROPN/3/nsubj be/AUX/3/cop due/ADJ/5/mark to/PART/3/fixed host/VERB/0/root the/DET/7/det summit/NOUN/5/obj ./PUNCT/5/punct",
                "host",
                "mali",
                "summit",
                Modality::Intended,
                false,
                "",
            ),
            (
                // The same two clauses parsed right.
                "the/DET/2/det au/PROPN/3/nsubj urge/VERB/0/root the/DET/5/det soldiers/NOUN/3/obj to/PART/7/mark return/VERB/3/xcomp ,/PUNCT/11/punct and/CCONJ/11/cc ghana/PROPN/11/nsubj condemn/VERB/3/conj the/DET/13/det coup/NOUN/11/obj ./PUNCT/3/punct",
                "condemn",
                "ghana",
                "coup",
                Modality::Asserted,
                false,
                "",
            ),
            (
                // "Police detained Ali and Omar and charged them.": a
                // verb with its own coordinator keeps the first subject.
                "police/NOUN/2/nsubj detain/VERB/0/root ali/PROPN/2/obj and/CCONJ/5/cc omar/PROPN/3/conj and/CCONJ/7/cc charge/VERB/2/conj them/PRON/7/obj ./PUNCT/2/punct",
                "charge",
                "police",
                "them",
                Modality::Asserted,
                false,
                "",
            ),
        ];
        let mut bad = Vec::new();
        for &(text, trig, src, tgt, m, neg, spk) in table {
            let (s, t, sc, speaker) = analyse(text, trig);
            let speaker = speaker.as_str();
            if (s.as_str(), t.as_str(), sc.modality, sc.negated, speaker)
                != (src, tgt, m, neg, spk)
            {
                bad.push(format!("{text} [{trig}]: got {s}/{t}/{:?}/{}/{speaker}, want {src}/{tgt}/{m:?}/{neg}/{spk}", sc.modality, sc.negated));
            }
        }
        assert!(bad.is_empty(), "\n{}", bad.join("\n"));
    }

    /// Rules over the tree for the constructions the default tree roles
    /// once got wrong, each on a gold tree spec of an own sentence.
    #[test]
    fn tree_role_constructions() {
        // "Chad conducted military exercises in Niger." with the pattern
        // matching "military exercises" literally (words 3 and 4): the
        // object is the predicate's, no target.
        const DRILLS: &str = "chad/PROPN/2/nsubj conduct/VERB/0/root military/ADJ/4/amod exercises/NOUN/2/obj in/ADP/6/case niger/PROPN/2/obl ./PUNCT/2/punct";
        let words = ScopeWords::builtin().expect("scope words");
        let t = crate::syntax::testutil::tree(DRILLS);
        let text = "chad conduct military exercises in niger .";
        let c = TreeClause::new(text, &t, &words, |_| None);
        let r = c.roles(2, &[3, 4], false);
        assert_eq!(r.target, vec![], "{DRILLS}");
        assert_eq!(r.source.first().map(|s| s.0), Some(1), "{DRILLS}");
        // Without the literal match the object is the target.
        assert_eq!(
            c.roles(2, &[], false).target.first().map(|s| s.0),
            Some(4)
        );

        // (tree, trigger, source, target, modality, negated)
        let table: &[(&str, &str, &str, &str, Modality, bool)] = &[
            (
                // "Clashes between police and protesters erupted.": the
                // first side named after "between" is the source.
                "clashes/NOUN/6/nsubj between/ADP/3/case police/NOUN/1/nmod and/CCONJ/5/cc protesters/NOUN/3/conj erupt/VERB/0/root ./PUNCT/6/punct",
                "clashes",
                "police",
                "",
                Modality::Asserted,
                false,
            ),
            (
                // "Fighting among clan militias killed four.": "among"
                // names the sides too.
                "fighting/NOUN/5/nsubj among/ADP/4/case clan/NOUN/4/compound militias/NOUN/1/nmod kill/VERB/0/root four/NUM/5/obj ./PUNCT/5/punct",
                "fighting",
                "militias",
                "",
                Modality::Asserted,
                false,
            ),
            (
                // The built-in parser: "between" names both sides.
                "Clashes between Murle and Lou Nuer militia in Pibor killed five.",
                "Clashes",
                "Murle",
                "",
                Modality::Asserted,
                false,
            ),
            (
                // "Fighting between police and rebels." with the act
                // noun parsed as a verb: the same sides.
                "fighting/VERB/0/root between/ADP/3/case police/NOUN/1/obl and/CCONJ/5/cc rebels/NOUN/3/conj ./PUNCT/1/punct",
                "fighting",
                "police",
                "",
                Modality::Asserted,
                false,
            ),
            (
                // "Police detained critic Ivan Petrov at an airport." with
                // "critic" tagged an adjective and the name an oblique
                // with no preposition: the name is the object.
                "police/NOUN/2/nsubj detain/VERB/0/root critic/ADJ/5/amod ivan/PROPN/5/compound petrov/PROPN/2/obl at/ADP/8/case an/DET/8/det airport/NOUN/2/obl ./PUNCT/2/punct",
                "detain",
                "police",
                "petrov",
                Modality::Asserted,
                false,
            ),
            (
                // "Drones launched by rebels attacked the depot." parsed
                // with the participle as the main verb: the launcher
                // attacked, the drones are its means.
                "drones/NOUN/2/nsubj launch/VERB/0/root by/ADP/4/case rebels/NOUN/2/obl:agent attack/VERB/2/conj the/DET/7/det depot/NOUN/5/obj ./PUNCT/2/punct",
                "attack",
                "rebels",
                "depot",
                Modality::Asserted,
                false,
            ),
            (
                // "the decision taken by the junta to expel the envoy":
                // the infinitive's doer is the participle's agent (the
                // scope words read the decided act as intended).
                "the/DET/2/det decision/NOUN/0/root take/VERB/2/acl by/ADP/6/case the/DET/6/det junta/NOUN/3/obl:agent to/PART/8/mark expel/VERB/3/advcl the/DET/10/det envoy/NOUN/8/obj ./PUNCT/2/punct",
                "expel",
                "junta",
                "envoy",
                Modality::Intended,
                false,
            ),
            (
                // "Egypt launched a mediation effort between Hamas and
                // Fatah.": a doer named otherwise stays the source.
                "egypt/PROPN/2/nsubj launch/VERB/0/root a/DET/5/det mediation/NOUN/5/compound effort/NOUN/2/obj between/ADP/7/case hamas/PROPN/5/nmod and/CCONJ/9/cc fatah/PROPN/7/conj ./PUNCT/2/punct",
                "mediation",
                "egypt",
                "",
                Modality::Asserted,
                false,
            ),
            (
                // "Jordan launched a raid against a rebel target.": the
                // modifier of the attacked thing is no doer.
                "jordan/PROPN/2/nsubj launch/VERB/0/root a/DET/4/det raid/NOUN/2/obj against/ADP/8/case a/DET/8/det rebel/NOUN/8/compound target/NOUN/4/nmod ./PUNCT/2/punct",
                "target",
                "",
                "rebel",
                Modality::Asserted,
                false,
            ),
            (
                // "Egypt would not send troops to fight.": a purpose of a
                // negated act is not carried out.
                "egypt/PROPN/4/nsubj would/AUX/4/aux not/PART/4/advmod send/VERB/0/root troops/NOUN/4/obj to/PART/7/mark fight/VERB/4/advcl ./PUNCT/4/punct",
                "fight",
                "egypt",
                "",
                Modality::Intended,
                true,
            ),
            (
                // "Chad faces pressure from Sudan to expel the envoy.",
                // the infinitive hung on the verb: the request noun
                // decides.
                "chad/PROPN/2/nsubj face/VERB/0/root pressure/NOUN/2/obj from/ADP/5/case sudan/PROPN/3/nmod to/PART/7/mark expel/VERB/2/advcl the/DET/9/det envoy/NOUN/7/obj ./PUNCT/2/punct",
                "expel",
                "chad",
                "envoy",
                Modality::Requested,
                false,
            ),
            (
                // "Kenya called for talks and is due to host a summit.",
                // "host" hung on "called", "to" fixed on "due".
                "kenya/PROPN/2/nsubj call/VERB/0/root for/ADP/4/case talks/NOUN/2/obl and/CCONJ/7/cc be/AUX/7/cop due/ADJ/2/conj to/PART/7/fixed host/VERB/2/advcl a/DET/11/det summit/NOUN/9/obj ./PUNCT/2/punct",
                "host",
                "kenya",
                "summit",
                Modality::Intended,
                false,
            ),
            (
                // "Chad agreed to withdraw a day after Sudan launched an
                // offensive to seize the town.", "after Sudan" read as a
                // prepositional phrase and "launched" as a conjunct of
                // "withdraw": Sudan still launches and seizes, as fact.
                "chad/PROPN/2/nsubj agree/VERB/0/root to/PART/4/mark withdraw/VERB/2/xcomp a/DET/6/det day/NOUN/4/obl:unmarked after/ADP/8/case sudan/PROPN/6/nmod launch/VERB/4/conj an/DET/11/det offensive/NOUN/9/obj to/PART/13/mark seize/VERB/9/advcl the/DET/15/det town/NOUN/13/obj ./PUNCT/2/punct",
                "launch",
                "sudan",
                "offensive",
                Modality::Asserted,
                false,
            ),
            (
                "chad/PROPN/2/nsubj agree/VERB/0/root to/PART/4/mark withdraw/VERB/2/xcomp a/DET/6/det day/NOUN/4/obl:unmarked after/ADP/8/case sudan/PROPN/6/nmod launch/VERB/4/conj an/DET/11/det offensive/NOUN/9/obj to/PART/13/mark seize/VERB/9/advcl the/DET/15/det town/NOUN/13/obj ./PUNCT/2/punct",
                "seize",
                "sudan",
                "town",
                Modality::Intended,
                false,
            ),
            (
                // "Chad allowed Niger to use drones for strikes on the
                // rebels.": the user of the means strikes.
                "chad/PROPN/2/nsubj allow/VERB/0/root niger/PROPN/2/obj to/PART/5/mark use/VERB/2/xcomp drones/NOUN/5/obj for/ADP/8/case strike/NOUN/5/obl on/ADP/11/case the/DET/11/det rebels/NOUN/8/nmod ./PUNCT/2/punct",
                "strike",
                "niger",
                "rebels",
                Modality::Intended,
                false,
            ),
            (
                // "Rebels launched an attack on the base.": a light verb.
                "rebels/NOUN/2/nsubj launch/VERB/0/root an/DET/4/det attack/NOUN/2/obj on/ADP/7/case the/DET/7/det base/NOUN/4/nmod ./PUNCT/2/punct",
                "attack",
                "rebels",
                "base",
                Modality::Asserted,
                false,
            ),
            (
                // "Troops repelled the attack on the base.": a reaction
                // to an act already told, no doer.
                "troops/NOUN/2/nsubj repel/VERB/0/root the/DET/4/det attack/NOUN/2/obj on/ADP/7/case the/DET/7/det base/NOUN/4/nmod ./PUNCT/2/punct",
                "attack",
                "",
                "base",
                Modality::Asserted,
                false,
            ),
            (
                // "Iran did not give permission to Iraq to help Syria.":
                // the noun's addressee does the act, not carried out.
                "iran/PROPN/4/nsubj do/AUX/4/aux not/PART/4/advmod give/VERB/0/root permission/NOUN/4/obj to/ADP/7/case iraq/PROPN/5/nmod to/PART/9/mark help/VERB/4/advcl syria/PROPN/9/obj ./PUNCT/4/punct",
                "help",
                "iraq",
                "syria",
                Modality::Intended,
                true,
            ),
            (
                // "Mali accused the army of shielding militants armed by
                // Niger.": a participle under an accusation is alleged.
                "mali/PROPN/2/nsubj accuse/VERB/0/root the/DET/4/det army/NOUN/2/obj of/SCONJ/6/mark shield/VERB/2/advcl militants/NOUN/6/obj arm/VERB/7/acl by/ADP/10/case niger/PROPN/8/obl:agent ./PUNCT/2/punct",
                "arm",
                "niger",
                "militants",
                Modality::Alleged,
                false,
            ),
            (
                // "Chad urged Mali to free soldiers captured by rebels.":
                // the capture is presupposed, not requested.
                "chad/PROPN/2/nsubj urge/VERB/0/root mali/PROPN/2/obj to/PART/5/mark free/VERB/2/xcomp soldiers/NOUN/5/obj capture/VERB/6/acl by/ADP/9/case rebels/NOUN/7/obl:agent ./PUNCT/2/punct",
                "capture",
                "rebels",
                "soldiers",
                Modality::Asserted,
                false,
            ),
            (
                // "Chad is not going to expel the envoy.": the future "be
                // going to" plans the act, and its "not" negates it.
                "chad/PROPN/4/nsubj be/AUX/4/aux not/PART/4/advmod going/VERB/0/root to/PART/6/mark expel/VERB/4/xcomp the/DET/8/det envoy/NOUN/6/obj ./PUNCT/4/punct",
                "expel",
                "chad",
                "envoy",
                Modality::Intended,
                true,
            ),
            (
                // "Chad ordered troops to attack the town.": an order
                // plans the act (object control keeps the class).
                "chad/PROPN/2/nsubj order/VERB/0/root troops/NOUN/2/obj to/PART/5/mark attack/VERB/2/xcomp the/DET/7/det town/NOUN/5/obj ./PUNCT/2/punct",
                "attack",
                "troops",
                "town",
                Modality::Intended,
                false,
            ),
            (
                // "Mali freed the mayor, a member of the rebels jailed in
                // May.": a reduced relative parsed as a conjunct of
                // "freed" has no doer (not Mali).
                "mali/PROPN/2/nsubj free/VERB/0/root the/DET/4/det mayor/NOUN/2/obj ,/PUNCT/7/punct a/DET/7/det member/NOUN/2/obl:unmarked of/ADP/10/case the/DET/10/det rebels/NOUN/7/nmod jailed/VERB/2/conj in/ADP/13/case may/PROPN/11/obl ./PUNCT/2/punct",
                "jailed",
                "",
                "",
                Modality::Asserted,
                false,
            ),
            (
                // "Niger criticized the plan of the Chadian army to attack
                // the rebels.", the infinitive hung on the verb: the
                // plan (its owner, the army) does it, not the critic.
                "niger/PROPN/2/nsubj criticize/VERB/0/root the/DET/4/det plan/NOUN/2/obj of/ADP/8/case the/DET/8/det chadian/ADJ/8/amod army/NOUN/4/nmod to/PART/10/mark attack/VERB/2/advcl the/DET/12/det rebels/NOUN/10/obj ./PUNCT/2/punct",
                "attack",
                "plan",
                "rebels",
                Modality::Intended,
                false,
            ),
            (
                // "Denmark was opposed to the plan.": a stance, not a
                // passive: Denmark opposes.
                "denmark/PROPN/3/nsubj:pass be/AUX/3/aux:pass oppose/VERB/0/root to/ADP/6/case the/DET/6/det plan/NOUN/3/obl ./PUNCT/3/punct",
                "oppose",
                "denmark",
                "plan",
                Modality::Asserted,
                false,
            ),
            (
                // "Norway and Iceland were also opposed.": a stance with
                // no phrase after it; the named subject opposes.
                "norway/PROPN/5/nsubj:pass and/CCONJ/3/cc iceland/PROPN/1/conj be/AUX/5/aux:pass oppose/VERB/0/root ./PUNCT/5/punct",
                "oppose",
                "norway",
                "",
                Modality::Asserted,
                false,
            ),
            (
                // "Chile said Peru was opposed to the plan." with "Peru"
                // hung as the object of "said": the complement's subject.
                "chile/PROPN/2/nsubj say/VERB/0/root peru/PROPN/2/obj be/AUX/5/cop opposed/ADJ/2/ccomp to/ADP/8/case the/DET/8/det plan/NOUN/5/obl ./PUNCT/2/punct",
                "opposed",
                "peru",
                "plan",
                Modality::Asserted,
                false,
            ),
            (
                // "Peru faces new sanctions from Chile.": the subject of
                // "face" receives the act, the "from" phrase does it, and
                // a faced act has not happened yet.
                "peru/PROPN/2/nsubj face/VERB/0/root new/ADJ/4/amod sanctions/NOUN/2/obj from/ADP/6/case chile/PROPN/2/obl ./PUNCT/2/punct",
                "sanctions",
                "chile",
                "peru",
                Modality::Possible,
                false,
            ),
            (
                // "The convoy suffered an attack by rebels.": suffered,
                // so asserted.
                "the/DET/2/det convoy/NOUN/3/nsubj suffer/VERB/0/root an/DET/5/det attack/NOUN/3/obj by/ADP/7/case rebels/NOUN/3/obl ./PUNCT/3/punct",
                "attack",
                "rebels",
                "convoy",
                Modality::Asserted,
                false,
            ),
            (
                // "Chile's possible sanctions worry Peru.": an adjective of
                // possibility on the act noun.
                "chile/PROPN/4/nmod:poss 's/PART/1/case possible/ADJ/4/amod sanctions/NOUN/5/nsubj worry/VERB/0/root peru/PROPN/5/obj ./PUNCT/5/punct",
                "sanctions",
                "chile",
                "",
                Modality::Possible,
                false,
            ),
            (
                // "Chad spoke about Mali's intention to close the border.":
                // the same with an oblique noun.
                "chad/PROPN/2/nsubj speak/VERB/0/root about/ADP/6/case mali/PROPN/6/nmod:poss 's/PART/4/case intention/NOUN/2/obl to/PART/8/mark close/VERB/2/advcl the/DET/10/det border/NOUN/8/obj ./PUNCT/2/punct",
                "close",
                "intention",
                "border",
                Modality::Intended,
                false,
            ),
            (
                // "Kenya will not talk until Chad begins to withdraw
                // troops.": "until" on a future clause is a condition.
                "kenya/PROPN/4/nsubj will/AUX/4/aux not/PART/4/advmod talk/VERB/0/root until/SCONJ/7/mark chad/PROPN/7/nsubj begin/VERB/4/advcl to/PART/9/mark withdraw/VERB/7/xcomp troops/NOUN/9/obj ./PUNCT/4/punct",
                "withdraw",
                "chad",
                "troops",
                Modality::Conditional,
                false,
            ),
            (
                // "Ali spoke with Marco Rubio, who pledged support.", the
                // relative clause hung on the main verb: "who" is still
                // the name before it.
                "ali/PROPN/2/nsubj speak/VERB/0/root with/ADP/5/case marco/PROPN/5/compound rubio/PROPN/2/obl ,/PUNCT/8/punct who/PRON/8/nsubj pledge/VERB/2/advcl support/NOUN/8/obj ./PUNCT/2/punct",
                "pledge",
                "rubio",
                "support",
                Modality::Asserted,
                false,
            ),
        ];
        let mut bad = Vec::new();
        for &(text, trig, src, tgt, m, neg) in table {
            let (s, t, sc, _) = analyse(text, trig);
            if (s.as_str(), t.as_str(), sc.modality, sc.negated)
                != (src, tgt, m, neg)
            {
                bad.push(format!("{text} [{trig}]: got {s}/{t}/{:?}/{}, want {src}/{tgt}/{m:?}/{neg}", sc.modality, sc.negated));
            }
        }
        assert!(bad.is_empty(), "\n{}", bad.join("\n"));

        // "The Chadian envoy in Sudan, Ali Musa, met the president.", the
        // title phrase hung as an `advcl` of the verb: it is the name's
        // apposition.
        const ENVOY: &str = "the/DET/3/det chadian/ADJ/3/amod envoy/NOUN/10/advcl in/ADP/5/case sudan/PROPN/3/nmod ,/PUNCT/3/punct ali/PROPN/10/nsubj musa/PROPN/7/flat ,/PUNCT/10/punct meet/VERB/0/root the/DET/12/det president/NOUN/10/obj ./PUNCT/10/punct";
        let t = crate::syntax::testutil::tree(ENVOY);
        let text =
            "the chadian envoy in sudan , ali musa , meet the president .";
        let c = TreeClause::new(text, &t, &words, |_| None);
        assert_eq!(c.appositive(7), Some(3), "{ENVOY}");
        assert_eq!(c.appositive(12), None, "{ENVOY}");
    }

    /// (sentence, trigger, background): a relative clause is background
    /// only when it tells of an earlier act.
    #[test]
    fn relative_clauses() {
        // "Oman and Jordan, which have hosted the talks, condemned the raid."
        const HOSTED: &str = "oman/PROPN/11/nsubj and/CCONJ/3/cc jordan/PROPN/1/conj ,/PUNCT/7/punct which/PRON/7/nsubj have/AUX/7/aux host/VERB/1/acl:relcl the/DET/9/det talks/NOUN/7/obj ,/PUNCT/7/punct condemn/VERB/0/root the/DET/13/det raid/NOUN/11/obj ./PUNCT/11/punct";
        // The same as the built-in model once parsed it: the main verb a
        // conjunct of the relative clause, without a coordinator.
        const HOSTED_SLIP: &str = "oman/PROPN/0/root and/CCONJ/3/cc jordan/PROPN/1/conj ,/PUNCT/7/punct which/PRON/7/nsubj have/AUX/7/aux host/VERB/1/acl:relcl the/DET/9/det talks/NOUN/7/obj ,/PUNCT/11/punct condemn/VERB/7/conj the/DET/13/det raid/NOUN/11/obj ./PUNCT/1/punct";
        // "The rebels, who seized the town in 2019, released the hostages."
        const SEIZED: &str = "the/DET/2/det rebels/NOUN/11/nsubj ,/PUNCT/5/punct who/PRON/5/nsubj seize/VERB/2/acl:relcl the/DET/7/det town/NOUN/5/obj in/ADP/9/case 2019/NUM/5/obl ,/PUNCT/5/punct release/VERB/0/root the/DET/13/det hostages/NOUN/11/obj ./PUNCT/11/punct";
        // "Gunmen who ambushed a patrol on Monday were arrested by police."
        const AMBUSHED: &str = "gunmen/NOUN/9/nsubj:pass who/PRON/3/nsubj ambush/VERB/1/acl:relcl a/DET/5/det patrol/NOUN/3/obj on/ADP/7/case monday/PROPN/3/obl be/AUX/9/aux:pass arrest/VERB/0/root by/ADP/11/case police/NOUN/9/obl:agent ./PUNCT/9/punct";
        // "The militia, which attacked the base two years ago, signed the deal."
        const AGO: &str = "the/DET/2/det militia/NOUN/12/nsubj ,/PUNCT/5/punct which/PRON/5/nsubj attack/VERB/2/acl:relcl the/DET/7/det base/NOUN/5/obj two/NUM/9/nummod years/NOUN/10/obl ago/ADV/5/advmod ,/PUNCT/5/punct sign/VERB/0/root the/DET/14/det deal/NOUN/12/obj ./PUNCT/12/punct";
        let table: &[(&str, &str, bool)] = &[
            (HOSTED, "host", true),
            (HOSTED, "condemn", false),
            (HOSTED_SLIP, "condemn", false),
            (SEIZED, "seize", true),
            (SEIZED, "release", false),
            (AMBUSHED, "ambush", false),
            (AGO, "attack", true),
            (AGO, "sign", false),
        ];
        let mut bad = Vec::new();
        for &(text, trig, want) in table {
            let (_, _, sc, _) = analyse(text, trig);
            if sc.background != want {
                bad.push(format!(
                    "{text} [{trig}]: background {}, want {want}",
                    sc.background
                ));
            }
        }
        assert!(bad.is_empty(), "\n{}", bad.join("\n"));
    }
}
