//! The roles and stance steps read from the sentence's dependency tree:
//! the module swap the step split was made for. [`super::tree`] finds
//! the role words and the scope on the tree; this module maps words to
//! the sentence's actor groups and fills the same [`Roles`] and
//! [`Stance`] the word-window steps fill, so location, expansion and
//! assembly are shared. TABARI mode parses nothing and keeps the
//! word-window steps ([`super::roles`], [`super::stance`]), as TABARI
//! coded without a parse.

use compact_str::CompactString;

use crate::syntax::{Rel, SentenceTree, Sub, Upos};

use super::attribution::{text_of, Frame};

/// Relative pronouns: a doer the tree leaves as one names no speaker.
const RELATIVES: &[&str] = &["who", "which", "that", "whom"];

/// Whether word `w` is a relative pronoun.
fn relative_pronoun(p: &Parsed<'_>, w: u32) -> bool {
    p.tree()
        .word(w)
        .is_some_and(|x| RELATIVES.contains(&x.lemma.to_lowercase().as_str()))
}

/// Whether a word window's speaker phrase `[a, b)` reads as one: it
/// names an actor, has no verb, no dateline dash, and neither opens
/// with a preposition nor ends on a conjunction ("the escalation of
/// the conflict between Israel and Palestine and [noted]"). The tree's
/// doer is wrong more often than such a phrase ("the defence ministry
/// said" with the parse's subject in the quote).
fn clean_window(
    cx: &SentenceCtx<'_>,
    p: &Parsed<'_>,
    (a, b): (usize, usize),
) -> bool {
    let upos =
        |t: usize| p.word(t).and_then(|x| p.tree().word(x)).map(|x| x.upos);
    // A verb inside a name ("the Armed Forces") is the name's word.
    let verb = (a..b).any(|t| {
        matches!(upos(t), Some(Upos::Verb | Upos::Aux))
            && cx.s.group_of.get(t).copied().flatten().is_none()
    });
    let dash = (a..b).any(|t| matches!(cx.s.norm(t), "-" | "--" | "\u{2014}"));
    let actor =
        (a..b).any(|t| cx.s.group_of.get(t).copied().flatten().is_some());
    let open = upos(a) == Some(Upos::Adp);
    let dangling = b > a && matches!(cx.s.norm(b - 1), "and" | "or" | "but");
    actor && !verb && !dash && !open && !dangling
}

/// The words naming speaker `w` of the speech verb at token `verb`: the
/// noun phrase `w` heads ([`noun_phrase`]: its title, name, apposition,
/// "U.S. Secretary of State Antony Blinken", "the Al-Qassam Brigades,
/// the military wing of Hamas"), cut at the verb. When the word
/// window's phrase `window` holds `w`, the window's words from the
/// phrase's start (past a dateline or a clause before it) to the
/// window's end: the window reads a title the parse split ("Foreign
/// Affairs Minister X") whole; to the phrase's end only where the
/// window runs on into a verb ("X rejected the results and [said]").
fn speaker_text(
    cx: &SentenceCtx<'_>,
    p: &Parsed<'_>,
    w: u32,
    verb: usize,
    window: Option<(usize, usize)>,
) -> String {
    let Some(at) = p.token(w) else { return String::new() };
    let (mut lo, mut hi) = noun_phrase(p, w);
    if at < verb {
        hi = hi.min(verb);
    } else {
        lo = lo.max(verb + 1);
    }
    if let Some((a, b)) = window.filter(|&(a, b)| (a..b).contains(&at)) {
        let verb_after = (at + 1..b).any(|t| {
            p.word(t)
                .and_then(|x| p.tree().word(x))
                .is_some_and(|x| matches!(x.upos, Upos::Verb | Upos::Aux))
        });
        lo = lo.max(a);
        hi = if verb_after { hi.min(b) } else { b };
    }
    while lo < at && matches!(cx.s.norm(lo), "," | "and" | "\"" | "-") {
        lo += 1;
    }
    while hi > at + 1 && matches!(cx.s.norm(hi - 1), "," | "and" | "\"") {
        hi -= 1;
    }
    let mut hi = hi.min(lo + 12).max(at + 1);
    // "The US Africa Command (Africom": the bracket closes too.
    let open = (lo..hi).filter(|&t| cx.s.norm(t) == "(").count();
    let closed = (lo..hi).filter(|&t| cx.s.norm(t) == ")").count();
    if open > closed && cx.s.norm(hi) == ")" {
        hi += 1;
    }
    text_of(cx.text(), cx.s, lo, hi)
}

/// The tokens `[lo, hi)` of the noun phrase `w` heads: its subtree
/// without clauses (relative, adverbial, paratactic, complement), a
/// preposition of its own ("by the YPG" as a passive's agent), a
/// conjoined verb, or a prepositional modifier other than "of"/"for"
/// ("authorities on Thursday"); conjoined nouns stay ("border guards
/// and police"). Only the run of those words around `w` (commas and
/// conjunctions between them bridge): a misattached word far off
/// does not stretch the phrase over a clause.
fn noun_phrase(p: &Parsed<'_>, w: u32) -> (usize, usize) {
    let t = p.tree();
    let mut kept: Vec<usize> = Vec::new();
    let mut stack = vec![w];
    while let Some(x) = stack.pop() {
        kept.extend(p.token(x));
        stack.extend(t.children(x).iter().copied().filter(|&c| {
            t.deprel(c).is_some_and(|d| !np_skips(t, w, x, c, d.rel))
        }));
    }
    let Some(at) = p.token(w) else { return (0, 0) };
    kept.sort_unstable();
    let has = |tok: usize| kept.binary_search(&tok).is_ok();
    let (mut lo, mut hi) = (at, at + 1);
    while lo > 0 && (has(lo - 1) || (lo >= 2 && has(lo - 2))) {
        lo -= if has(lo - 1) { 1 } else { 2 };
    }
    while has(hi) || has(hi + 1) {
        hi += if has(hi) { 1 } else { 2 };
    }
    (lo, hi)
}

/// Whether child `c` (relation `rel`) of word `x` in the noun phrase
/// `w` heads stays out of it ([`noun_phrase`]).
fn np_skips(t: &SentenceTree, w: u32, x: u32, c: u32, rel: Rel) -> bool {
    // A preposition's lemma, none for the possessive "'s" (a particle).
    let preposition = |k: u32| {
        t.word(k)
            .filter(|k| k.upos == Upos::Adp)
            .map(|k| k.lemma.to_lowercase())
    };
    match rel {
        Rel::Acl
        | Rel::Advcl
        | Rel::Parataxis
        | Rel::Ccomp
        | Rel::Csubj
        | Rel::Punct => true,
        Rel::Case => x == w,
        Rel::Conj => !t.word(c).is_some_and(|k| {
            matches!(k.upos, Upos::Noun | Upos::Propn | Upos::Pron)
        }),
        Rel::Nmod => t
            .children_by(c, Rel::Case)
            .filter_map(preposition)
            .any(|k| !matches!(k.as_str(), "of" | "for")),
        _ => false,
    }
}
use super::engine::{EventCoder, SentenceCtx};
use super::roles::{reporting, Found, Roles};
use super::sentence::NO_LEMMA;
use super::stance::Stance;
use super::tree::{How, Scope, TreeClause};
use super::trigger::Trigger;
use super::{Attribution, Modality};

/// One sentence's tree with its word-token map.
pub(crate) struct Parsed<'a> {
    /// The clause analysis over the tree.
    pub clause: TreeClause<'a>,
    tree: &'a SentenceTree,
    /// Sentence-relative token of each word (index = id - 1).
    token_of: Vec<usize>,
    /// First word of each sentence-relative token, if any.
    word_of: Vec<Option<u32>>,
}

impl<'a> Parsed<'a> {
    /// The word heading token `tok`'s words (the first, for a token UD
    /// splits, such as "cannot").
    pub fn word(&self, tok: usize) -> Option<u32> {
        self.word_of.get(tok).copied().flatten()
    }

    /// The sentence's tree.
    pub fn tree(&self) -> &'a SentenceTree {
        self.tree
    }

    /// The sentence-relative token of word `id`.
    pub fn token(&self, id: u32) -> Option<usize> {
        self.token_of.get((id as usize).checked_sub(1)?).copied()
    }

    /// The tokens `[lo, hi)` covered by `id`'s subtree.
    fn extent(&self, id: u32) -> (usize, usize) {
        let mut lo = usize::MAX;
        let mut hi = 0;
        let mut stack = vec![id];
        while let Some(w) = stack.pop() {
            if let Some(t) = self.token(w) {
                lo = lo.min(t);
                hi = hi.max(t + 1);
            }
            stack.extend_from_slice(self.tree.children(w));
        }
        (lo.min(hi), hi)
    }
}

/// True when group `g` is the object (or passive subject) of the verb
/// that verb `v` is coordinated with: in "a blast killed six villagers
/// and wounded 20" the villagers are the first act's victims, never the
/// doer of the second, though they stand right before it for a
/// pattern's source slot or the word window's subject search.
pub(crate) fn partner_object(
    cx: &SentenceCtx<'_>,
    p: &Parsed<'_>,
    v: u32,
    g: usize,
) -> bool {
    let tree = p.tree();
    let Some(w) = tree.word(v) else { return false };
    if w.deprel.rel != Rel::Conj || w.head == 0 {
        return false;
    }
    let Some(group) = cx.s.groups.get(g) else { return false };
    // A passive subject only with a passive auxiliary: a misparse may
    // give "which have mediated" a passive subject (the doer of the
    // next verb, "Qatar and Egypt, which have mediated talks, condemned").
    let aux_pass = tree.children(w.head).iter().any(|&c| {
        tree.word(c).is_some_and(|x| {
            x.deprel.rel == Rel::Aux && x.deprel.sub == Sub::Pass
        })
    });
    // A verb with a complement of its own after a passive shares the
    // passive's subject as its doer ("five of their fighters were killed
    // and promised revenge"); one without is an elided passive of it.
    let complement = tree.children(v).iter().any(|&c| {
        tree.word(c).is_some_and(|x| {
            matches!(x.deprel.rel, Rel::Obj | Rel::Ccomp | Rel::Xcomp)
        })
    });
    let victim = |d: crate::syntax::Deprel| {
        matches!(d.rel, Rel::Obj | Rel::Iobj)
            || (aux_pass
                && !complement
                && d.rel == Rel::Nsubj
                && d.sub == Sub::Pass)
    };
    // Anywhere in the partner's object or passive subject ("32 people,
    // including seven civilians, were killed and 200 wounded"); a
    // passive partner's subject is its victim too.
    let in_victim = |k: u32| {
        let mut c = k;
        for _ in 0..MAX_DEPTH {
            let Some(x) = tree.word(c) else { return false };
            if x.head == w.head {
                return victim(x.deprel);
            }
            if x.head == 0 {
                return false;
            }
            c = x.head;
        }
        false
    };
    // The object itself may be what the parser hung the verb on ("six
    // villagers and wounded" read as one coordinated noun phrase).
    let hung_on =
        |k: u32| k == w.head && tree.word(k).is_some_and(|x| victim(x.deprel));
    (group.start..group.end)
        .filter_map(|tk| p.word(tk))
        .any(|k| in_victim(k) || hung_on(k))
}

/// How far up the tree [`partner_object`] looks for the partner verb.
const MAX_DEPTH: usize = 12;

/// The group before group `g` in one noun phrase that names a country
/// `g` lacks: "Syrian Kurds", "Chilean copper miners" (nothing between
/// the two but nouns compounded into `g`'s head). The nationality is
/// the actor's country, as the word-window step reads the phrase (and
/// the parse may even split "Syrian" off as a clause of its own).
fn country_before(
    cx: &SentenceCtx<'_>,
    p: &Parsed<'_>,
    g: usize,
) -> Option<usize> {
    let gr = cx.s.groups.get(g)?;
    let inside =
        |w: u32| p.token(w).is_some_and(|t| t >= gr.start && t < gr.end);
    let a = cx.s.groups.iter().position(|x| {
        x.end <= gr.start
            && (x.end..gr.start).all(|tk| {
                p.word(tk).is_some_and(|w| {
                    p.tree.deprel(w).is_some_and(|d| d.rel == Rel::Compound)
                        && p.tree.head(w).is_some_and(inside)
                })
            })
    })?;
    let x = cx.s.groups.get(a)?;
    let country = |g: &super::sentence::Group| {
        g.members
            .first()
            .and_then(|&m| cx.actors.get(m))
            .and_then(|m| m.country.as_deref())
    };
    let theirs = country(x)?;
    (!x.generic && !x.place && country(gr) != Some(theirs)).then_some(a)
}

/// Role words that name members of a body ("RENAMO gunmen", "members of
/// the MDC"), singular and plural. Not victims' words ("Hamas hostages"
/// are held by Hamas, not Hamas).
///
/// The list: `dicts/words/member_words.txt`.
static MEMBER_WORDS: crate::util::WordList =
    crate::util::word_list!("words/member_words.txt");

/// Whether word `w` is one of [`MEMBER_WORDS`].
fn member_word(cx: &SentenceCtx<'_>, p: &Parsed<'_>, w: u32) -> bool {
    p.tree.word(w).is_some_and(|x| {
        let f = x.span.slice(cx.text()).to_lowercase();
        MEMBER_WORDS.contains(f.as_str())
    })
}

/// How a tree role maps to the word-window steps' [`Found`].
fn found(how: How) -> Found {
    match how {
        How::Agent => Found::Agent,
        How::Patient => Found::Patient,
        How::Object | How::Oblique => Found::Object,
        How::Modifier => Found::Possessor,
        How::Subject
        | How::Conjunct
        | How::Controller
        | How::Addressee
        | How::Head
        | How::LightVerb => Found::Subject,
    }
}

impl EventCoder {
    /// The clause analysis of sentence `cx` over `tree`, with this
    /// coder's lemmas where it knows the word.
    pub(crate) fn parsed<'a>(
        &'a self,
        cx: &'a SentenceCtx<'a>,
        tree: &'a SentenceTree,
    ) -> Parsed<'a> {
        let first =
            cx.analyzed.sentences.get(cx.si).map_or(0, |s| s.tokens.start);
        let n = cx.s.toks.len();
        let token_of: Vec<usize> = tree
            .words
            .iter()
            .map(|w| {
                (w.token as usize)
                    .saturating_sub(first)
                    .min(n.saturating_sub(1))
            })
            .collect();
        let mut word_of = vec![None; n];
        for (i, &t) in token_of.iter().enumerate().rev() {
            if let Some(slot) = word_of.get_mut(t) {
                *slot = Some(i as u32 + 1);
            }
        }
        let lemma = |id: u32| -> Option<CompactString> {
            let t = *token_of.get((id as usize).checked_sub(1)?)?;
            let l = *cx.s.lem.get(t)?;
            // A token UD splits ("cannot") has one lemma for two words:
            // only its first word takes it.
            let first_word = word_of.get(t).copied().flatten() == Some(id);
            (l != NO_LEMMA && first_word).then(|| self.lz.lemma(l).into())
        };
        let clause = TreeClause::new(cx.text(), tree, &self.scope, lemma);
        Parsed { clause, tree, token_of, word_of }
    }

    /// The actor group a role word stands for: the group covering it,
    /// else one naming its owner or nationality ("the army of Sudan",
    /// "Sudan's army", "Sudanese troops" when the parse split them).
    pub(crate) fn group_at(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        w: u32,
    ) -> Option<usize> {
        // "drones launched by the Houthis attacked": a weapon's doer is
        // the actor, before the weapon's own role word (`---MIL`, which
        // would take the story's country).
        if p.clause.is_weapon(w) {
            let doer = p.clause.instrument_doer(w);
            if let Some(g) = doer.and_then(|a| self.group_in(cx, p, a, 2)) {
                return Some(g);
            }
        }
        // "X said it would ...": a pronoun subject stands for the subject
        // of the clause that governs it, the same mention as the
        // speaker's (so a statement of intent is recognised as the
        // speaker's own), even where coreference gave the pronoun a group.
        p.clause
            .pronoun_antecedent(w)
            .and_then(|a| self.group_in(cx, p, a, 2))
            .or_else(|| self.group_in(cx, p, w, 2))
            .or_else(|| {
                // "a missile believed to be fired by rebels": the doer
                // of an instrument.
                let a = p.clause.instrument_doer(w)?;
                self.group_in(cx, p, a, 2)
            })
    }

    fn group_in(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        w: u32,
        depth: u8,
    ) -> Option<usize> {
        let tok = p.token(w)?;
        if let Some(g) = cx.s.group_of.get(tok).copied().flatten() {
            // A place that owns something ("Tel Aviv's intention") is
            // its government; elsewhere a place is where, not who.
            let owner = p
                .tree
                .deprel(w)
                .is_some_and(|d| d.rel == Rel::Nmod && d.sub == Sub::Poss);
            if cx.s.groups[g].generic && depth > 0 && member_word(cx, p, w) {
                // "youth members of the MDC", "RENAMO gunmen", "Murle
                // raiders" parsed as two phrases: a role word without a
                // country stands for the named body it belongs to.
                if let Some(named) = self.owner_group(cx, p, w) {
                    return Some(named);
                }
            }
            return (!cx.s.groups[g].place || owner).then_some(g);
        }
        if depth == 0 {
            return None;
        }
        p.tree.children(w).iter().find_map(|&c| {
            let d = p.tree.deprel(c)?;
            let owner = match (d.rel, d.sub) {
                (Rel::Nmod, Sub::Poss)
                | (Rel::Compound, _)
                | (Rel::Flat, _)
                | (Rel::Appos, _) => true,
                // "Israeli positions" are Israel's; "military targets"
                // are a kind of target, and the lowercase role adjective
                // no actor that owns them.
                (Rel::Amod, _) => named_modifier(cx, p, c),
                (Rel::Nmod, _) => {
                    matches!(p.clause.case(c).as_deref(), Some("of" | "from"))
                }
                _ => false,
            };
            if owner {
                self.group_in(cx, p, c, depth - 1)
            } else {
                None
            }
        })
    }

    /// A named actor group (with a country, no place) that owns role
    /// word `w`: a possessor, compound, adjective or "of" phrase of `w`
    /// ("the MDC's youth", "RENAMO gunmen", "members of Hamas").
    fn owner_group(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        w: u32,
    ) -> Option<usize> {
        let own =
            p.token(w).and_then(|t| cx.s.group_of.get(t).copied().flatten());
        p.tree.children(w).iter().find_map(|&c| {
            let d = p.tree.deprel(c)?;
            let owner = match (d.rel, d.sub) {
                (Rel::Nmod, Sub::Poss)
                | (Rel::Compound, _)
                | (Rel::Amod, _) => true,
                (Rel::Nmod, _) => {
                    matches!(p.clause.case(c).as_deref(), Some("of"))
                }
                _ => false,
            };
            if !owner {
                return None;
            }
            let g = p
                .token(c)
                .and_then(|t| cx.s.group_of.get(t).copied().flatten())?;
            let x = cx.s.groups.get(g)?;
            (Some(g) != own && !x.generic && !x.place).then_some(g)
        })
    }

    /// The first candidate word of `cands` that is an actor group, with
    /// how it was found.
    fn first_group(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        cands: &[(u32, How)],
        not: Option<usize>,
    ) -> Option<(usize, How)> {
        cands.iter().find_map(|&(w, how)| {
            let g = self.group_at(cx, p, w)?;
            // A name without a country takes the one of its title in
            // apposition ("the US commander in Iraq, General X").
            let g = if cx.s.groups.get(g).is_some_and(|x| x.generic) {
                p.clause
                    .appositive(w)
                    .and_then(|a| self.group_at(cx, p, a))
                    .filter(|&a| {
                        cx.s.groups.get(a).is_some_and(|x| !x.generic)
                    })
                    .unwrap_or(g)
            } else {
                g
            };
            let g = country_before(cx, p, g).unwrap_or(g);
            (Some(g) != not).then_some((g, how))
        })
    }

    /// The roles of trigger `t` read from the tree; `None` when a
    /// nominal trigger has no source (it codes nothing, as in the
    /// word-window step).
    pub(crate) fn tree_roles(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        t: &Trigger,
    ) -> Option<Roles> {
        let v = p.word(t.v())?;
        let literals: Vec<u32> =
            t.m.literals
                .iter()
                .filter(|&&l| l > t.v())
                .filter_map(|&l| p.word(l))
                .collect();
        let subject_target =
            self.subject_target.get(t.m.pattern).copied().unwrap_or(false);
        let mut r = p.clause.roles(v, &literals, subject_target);
        // "traded artillery fire": an actor word the pattern itself
        // matched ("artillery" of "artillery fire") is the act, no side.
        let own_words = |w: u32| {
            self.group_at(cx, p, w)
                .and_then(|g| cx.s.groups.get(g))
                .is_some_and(|g| {
                    (g.start..g.end).all(|k| t.m.literals.contains(&k))
                })
        };
        if t.m.literals.len() > 1 {
            r.target.retain(|&(w, _)| !own_words(w));
            r.source.retain(|&(w, _)| !own_words(w));
        }
        // "X announced a ceasefire between A and B": a truce's sides are
        // those its act noun names, each the other's target; the
        // announcer is no party (a mediator's act, "brokered a truce
        // between A and B", is one-way and keeps its doer).
        let between = (!r.nominal && super::expand::sides_by_noun(t))
            .then(|| p.clause.literal_between(v, &literals))
            .flatten()
            .filter(|&k| self.group_at(cx, p, k).is_some());
        if let Some(k) = between {
            r.source = vec![(k, How::Oblique)];
            r.target.clear();
        }
        if r.nominal
            && self.verb_is_trigger(cx, p, v)
            && !self.passive_light_verb(cx, p, v)
        {
            // "X condemned the attack", "X denied the strike": a verb that
            // is an act of its own does not make its subject the doer of
            // the act it names (a light verb, "launched an attack", is
            // no trigger).
            r.source.retain(|&(_, how)| how != How::LightVerb);
        }
        if r.passive {
            // "killed in Israeli shelling": the means is an act coded
            // from its own trigger; the passive takes no doer from it.
            r.source.retain(|&(w, how)| {
                how != How::Modifier || !self.means_is_act(cx, p, w)
            });
        }
        let slot_source = t
            .m
            .source
            .filter(|&g| between.is_none() && !partner_object(cx, p, v, g));
        let src = self
            .first_group(cx, p, &r.source, None)
            .map(|(g, how)| (g, found(how)))
            .or(slot_source.map(|g| (g, Found::Slot)));
        if r.nominal && src.is_none() {
            return None;
        }
        let not = src.map(|(g, _)| g);
        let slot =
            t.m.target
                .filter(|&g| Some(g) != not && between.is_none())
                .map(|g| (g, Found::Slot));
        // A pattern that reaches past a second verb ("urge ^ to support
        // +") binds that verb's argument: the trigger's own object (the
        // one urged) is not the act's target.
        let past_verb = slot.is_some_and(|(g, _)| {
            let start = cx.s.groups.get(g).map_or(0, |g| g.start);
            literals.iter().any(|&l| {
                l != v
                    && p.tree.word(l).is_some_and(|w| w.upos == Upos::Verb)
                    && p.token(l).is_some_and(|tk| tk < start)
            })
        });
        let tgt = if past_verb {
            slot
        } else {
            let named = self
                .first_group(cx, p, &r.target, not)
                .map(|(g, how)| (g, found(how)))
                .or(slot);
            // Victims of no country ("killing nine people"): the target
            // of the act the result follows from, when it has one.
            let countryless = named.map_or(true, |(g, _)| {
                cx.s.groups.get(g).is_some_and(|x| x.generic)
            });
            countryless
                .then(|| self.result_target(cx, p, v, not))
                .flatten()
                .map(|(g, how)| (g, found(how)))
                .or(named)
        };
        let subject =
            p.clause.doer(v).and_then(|(w, _)| self.group_at(cx, p, w));
        let head = p.tree.clause_head(v).unwrap_or(v);
        Some(Roles {
            source: src.map(|(g, _)| g),
            source_found: src.map_or(Found::Absent, |(_, f)| f),
            target: tgt.map(|(g, _)| g),
            target_found: tgt.map_or(Found::Absent, |(_, f)| f),
            subject,
            passive: r.passive,
            clause: p.extent(head),
        })
    }

    /// The target of the act a result participle follows from: in
    /// "Russia fired missiles at cities across Ukraine, killing nine
    /// people" the people killed are named by no country, and they are
    /// the victims of the firing, whose target is Ukraine. A participle
    /// ending in "-ing" attached as an adverbial clause, without a
    /// subordinator ("after killing", "by killing" are other acts), to
    /// a verb before it takes that verb's target when it names none of
    /// its own.
    fn result_target(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        v: u32,
        not: Option<usize>,
    ) -> Option<(usize, How)> {
        let t = p.tree;
        let w = t.word(v)?;
        let h = t.head(v)?;
        let form = p.token(v).map(|k| cx.s.norm(k)).unwrap_or_default();
        let result = w.upos == Upos::Verb
            && w.deprel.rel == Rel::Advcl
            && form.ends_with("ing")
            && t.children_by(v, Rel::Mark).next().is_none()
            && h != 0
            && h < v
            && t.word(h).is_some_and(|x| x.upos == Upos::Verb);
        if !result {
            return None;
        }
        // The head's objects, and the places they are in ("at towns
        // across Ukraine").
        let r = p.clause.roles(h, &[], false);
        let cands: Vec<(u32, How)> = r
            .target
            .iter()
            .flat_map(|&(o, how)| {
                std::iter::once((o, how))
                    .chain(t.children_by(o, Rel::Nmod).map(move |c| (c, how)))
            })
            .collect();
        // A place stands for its country here, as a pattern's target
        // slot may bind one ("fired rockets at Ukraine").
        self.first_group(cx, p, &cands, not).or_else(|| {
            cands.iter().find_map(|&(w, how)| {
                let g = cx.s.group_of.get(p.token(w)?).copied().flatten()?;
                (Some(g) != not).then_some((g, how))
            })
        })
    }

    /// True when trigger `t`'s word is an adjective modifying a noun
    /// outside its pattern (`amod`): "armed troops", "an armed
    /// uprising" name a state of the noun, not an act done. Participles
    /// the parse keeps as verbs ("the detained leaders", "fired tear
    /// gas") and modifiers of the pattern's own words ("organized
    /// patrols") stay acts.
    pub(crate) fn adjectival_trigger(
        &self,
        p: &Parsed<'_>,
        t: &Trigger,
    ) -> bool {
        let in_pattern = |h: u32| {
            t.m.literals.iter().any(|&l| l != t.v() && p.word(l) == Some(h))
        };
        // The noun modified is an argument of some verb ("armed troops
        // entered"); in a verbless parse ("Iran armed Hezbollah" read as
        // one noun phrase) the word is the clause's verb.
        let argument = |h: u32| {
            p.tree.word(h).is_some_and(|n| {
                matches!(
                    n.deprel.rel,
                    Rel::Nsubj | Rel::Obj | Rel::Iobj | Rel::Obl | Rel::Nmod
                )
            })
        };
        p.word(t.v()).and_then(|v| p.tree.word(v)).is_some_and(|w| {
            w.deprel.rel == Rel::Amod
                && w.upos == Upos::Adj
                && !in_pattern(w.head)
                && argument(w.head)
        })
    }

    /// "close to the border", "open to trade": a base-form adjective
    /// right before "to" tells where something lies or how someone is
    /// disposed, not the act its verb names ("closed its border"). A
    /// pattern that spells the "to" itself keeps its reading; "-ed"
    /// forms are left to the participle rules.
    pub(crate) fn adjective_before_to(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        t: &Trigger,
    ) -> bool {
        let to = t.v() + 1;
        let form = cx.s.norm(t.v());
        let adjective = p
            .word(t.v())
            .and_then(|v| p.tree.word(v))
            .is_some_and(|w| w.upos == Upos::Adj);
        adjective
            && cx.s.norm(to) == "to"
            && !t.m.literals.contains(&to)
            && !form.ends_with("ed")
            && !form.ends_with("ing")
    }

    /// True when the means phrase headed by `w` holds a trigger word, or
    /// the word right after it is one ("in Israeli tank shelling" with
    /// "shelling" parsed as a verb of its own).
    fn means_is_act(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        w: u32,
    ) -> bool {
        let (lo, hi) = p.extent(w);
        (lo..=hi).any(|tk| {
            cx.s.lem
                .get(tk)
                .is_some_and(|&l| l != NO_LEMMA && self.pats.triggers(l))
        })
    }

    /// True when the verb carrying nominal trigger `n` triggers a
    /// pattern of its own.
    fn verb_is_trigger(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        n: u32,
    ) -> bool {
        p.clause
            .carrying_verb(n)
            .and_then(|h| p.token(h))
            .and_then(|tk| cx.s.lem.get(tk).copied())
            .is_some_and(|l| l != NO_LEMMA && self.pats.triggers(l))
    }

    /// True when nominal trigger `n` is the passive subject of a light
    /// verb, one whose patterns all need their act noun: "the strikes
    /// were carried out by militiamen" (the agent did the strikes; "$
    /// carry out ^ strikes" cannot match the passive's order). "The
    /// attack was condemned by the UN" keeps the UN out: "condemn" is an
    /// act of its own.
    fn passive_light_verb(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        n: u32,
    ) -> bool {
        let Some(h) = p.clause.carrying_verb(n) else { return false };
        let lemma = |w: u32| {
            p.token(w)
                .and_then(|tk| cx.s.lem.get(tk).copied().map(|l| (tk, l)))
        };
        let (Some((_, l)), Some((ntk, nl))) = (lemma(h), lemma(n)) else {
            return false;
        };
        // "The strike call was ignored by workers": "ignore" needs its
        // own noun ("$ ignore ^ calls"), not the strike's; only a verb
        // whose pattern names this noun is its light verb.
        p.clause.passive(h)
            && l != NO_LEMMA
            && !self.pats.stands_alone(l)
            && self.pats.names_noun(l, nl, cx.s.norm(ntk))
    }

    /// The stance of trigger `t` read from the tree's scope.
    pub(crate) fn tree_stance(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        t: &Trigger,
        roles: &Roles,
    ) -> Stance {
        let Some(v) = p.word(t.v()) else {
            return self.stance(cx, t, roles);
        };
        let sc = p.clause.scope(v);
        let src = roles.source;
        let preposed = self.tree_frame(cx, p, &sc);
        let speaker_is_source = src.is_some()
            && preposed.as_ref().and_then(|f| f.speaker_group) == src;
        let speaker_group = preposed.as_ref().and_then(|f| f.speaker_group);
        // An official reporting the state's own cooperative plan ("X will
        // give Y a loan, the finance minister said") states the state's
        // intent, as a refusal is stated (CAMEO 03x beside the act).
        let cooperative =
            t.cameo.forward().is_some_and(|c| c.is_cooperative());
        let states_own = speaker_is_source
            || ((sc.negated || cooperative)
                && speaks_for(cx, speaker_group, src));
        let statement = self.declared(cx, p, t, &sc, src, states_own);
        let inside = reporting(cx.frames, t.v());
        let outlet = inside.iter().rev().find_map(|f| f.outlet.clone());
        // The preposed frame's speaker is read as a word window's of the
        // same verb is ([`Self::window_speaker`]): a clean window phrase
        // outranks the parse's subject.
        let speaker = match &preposed {
            Some(pf) => match inside.iter().find(|f| f.verb == pf.verb) {
                Some(f) => self.window_speaker(cx, p, f),
                None => pf.speaker.clone(),
            },
            None => None,
        }
        .or_else(|| {
            inside.iter().rev().find_map(|f| self.window_speaker(cx, p, f))
        });
        let attribution = (speaker.is_some() || outlet.is_some())
            .then_some(Attribution { speaker, outlet });
        Stance {
            negated: sc.negated,
            modality: sc.modality,
            attribution,
            statement,
            preposed,
            speaker_is_source,
            background: sc.background,
        }
    }

    /// The reporting frame the scope found ("X said that ..."), as the
    /// assembly step reads frames.
    fn tree_frame(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        sc: &Scope,
    ) -> Option<Frame> {
        let r = sc.reporter?;
        let verb = p.token(r)?;
        let (start, end) = p.extent(r);
        let speaker_group = sc.speaker.and_then(|w| self.group_at(cx, p, w));
        let speaker = sc
            .speaker
            .filter(|&w| !relative_pronoun(p, w))
            .map(|w| speaker_text(cx, p, w, verb, None));
        Some(Frame {
            verb,
            start,
            end,
            speaker,
            speaker_group,
            outlet: None,
            speaker_span: None,
        })
    }

    /// The speaker of a reporting frame found by word windows, checked
    /// on the tree: the window takes the words before the speech verb
    /// back to a clause start, which after a coordinated or participial
    /// verb ("he acknowledged the mistakes of ... and noted that", ",
    /// stressing that") or a dateline is some other clause's words. The
    /// verb's doer on the tree names the speaker ([`speaker_text`]) when
    /// the window's phrase is not a clean one ([`clean_window`]). A
    /// speech verb under a modal or a negation ("nor can the siege
    /// continue", "did not say") reports nothing: no speaker. "According
    /// to X", and a verb the tree has no word for or no doer of, keep
    /// the window's phrase.
    fn window_speaker(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        f: &Frame,
    ) -> Option<String> {
        let window = f.speaker_span?;
        let verb = p.word(f.verb).filter(|_| cx.s.norm(f.verb) != "according");
        let Some(v) = verb else { return f.speaker.clone() };
        let t = p.tree();
        if t.modal(v).is_some() || t.is_negated(v) {
            return None;
        }
        if clean_window(cx, p, window) {
            return f.speaker.clone();
        }
        match p.clause.doer(v) {
            Some((w, _)) if !relative_pronoun(p, w) => {
                Some(speaker_text(cx, p, w, f.verb, Some(window)))
            }
            _ => f.speaker.clone(),
        }
    }

    /// A statement of the source's own intent the text makes about the
    /// act ("X vowed to retaliate", "X said it would retaliate"): its
    /// code from the intent table. `own` says the speaker of a preposed
    /// frame states the source's intent (is it, or speaks for it).
    fn declared(
        &self,
        cx: &SentenceCtx<'_>,
        p: &Parsed<'_>,
        t: &Trigger,
        sc: &Scope,
        src: Option<usize>,
        own: bool,
    ) -> Option<(crate::codes::CameoCode, String, String)> {
        if src.is_some() && conditional_own(sc) {
            // CAMEO: an act promised on a condition is the statement of
            // it ("X would retaliate if attacked": threaten; "would
            // observe a ceasefire if Y did": express intent), its own
            // act stays conditional beside it.
            return self.intent.declared(t.cameo, false).map(|w| {
                (
                    w.code,
                    format!("{}+{}", t.origin, w.origin),
                    format!("{}+{}", t.pattern_id, w.id),
                )
            });
        }
        if sc.modality != Modality::Intended || src.is_none() {
            return None;
        }
        let cooperative =
            t.cameo.forward().is_some_and(|c| c.is_cooperative());
        let by_governor = sc.governor.is_some_and(|g| {
            let lem = p
                .token(g)
                .and_then(|tk| cx.s.lem.get(tk).copied())
                .unwrap_or(NO_LEMMA);
            let declaring = self.declare.contains(&lem)
                || (cooperative && self.declare_coop.contains(&lem));
            let subj =
                p.clause.doer(g).and_then(|(w, _)| self.group_at(cx, p, w));
            declaring && subj == src
        });
        if !(own || by_governor) {
            return None;
        }
        self.intent.declared(t.cameo, sc.negated).map(|w| {
            (
                w.code,
                format!("{}+{}", t.origin, w.origin),
                format!("{}+{}", t.pattern_id, w.id),
            )
        })
    }
}
/// Whether the scope is the consequence of a condition on the act's
/// own verb, affirmed (a negated one, "would not talk unless ...", is
/// left as it is: the refusal rows do not read conditions).
fn conditional_own(sc: &Scope) -> bool {
    sc.modality == Modality::Conditional && sc.consequent && !sc.negated
}

/// Whether speaker group `speaker` speaks for source group `src`: an
/// official (government or military) of the source's country stating
/// what the state will not do ("the prime minister said the government
/// would not negotiate", "the general said the army would not withdraw"):
/// the refusal is the state's; so is a cooperative plan (session 32).
fn speaks_for(
    cx: &SentenceCtx<'_>,
    speaker: Option<usize>,
    src: Option<usize>,
) -> bool {
    let one = |g: Option<usize>| {
        let grp = cx.s.groups.get(g?)?;
        match grp.members.as_slice() {
            [m] => cx.actors.get(*m),
            _ => None,
        }
    };
    let (Some(a), Some(b)) = (one(speaker), one(src)) else {
        return false;
    };
    let state = |r: &Option<String>| {
        r.as_deref()
            .is_some_and(|r| r.starts_with("GOV") || r.starts_with("MIL"))
    };
    a.country.is_some()
        && a.country.as_deref() != Some("IGO")
        && a.country == b.country
        && state(&a.role)
        && (b.role.is_none() || state(&b.role))
}

/// Whether adjective `c` is capitalised (a nationality or a name, not a
/// kind: "Israeli", not "military"), or opens the sentence.
fn named_modifier(cx: &SentenceCtx<'_>, p: &Parsed<'_>, c: u32) -> bool {
    p.token(c)
        .is_some_and(|t| t == 0 || cx.s.cap.get(t).copied().unwrap_or(false))
}
