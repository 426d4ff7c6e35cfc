//! Time expressions on the dependency tree: which clause an expression
//! dates, and the tense of that clause.
//!
//! Why a tree: the nearest tense word or time expression is often in
//! another clause ("Rebels, who will vote on Friday, attacked the town";
//! "accused X on Tuesday of the attack it launched on Sunday"). The
//! expression's head word attaches to the predicate it modifies (`obl`,
//! `obl:tmod`, `nmod:tmod`, `advmod`); that predicate's clause is the
//! clause the expression dates.
//!
//! ```text
//! "He said on Monday that troops attacked on Sunday."
//!   Monday -> said (obl)      clause of "said"
//!   Sunday -> attacked (obl)  clause of "attacked"
//! ```

use super::lexicon::{Cue, TenseCues};
use super::tense::{classify, Tense};
use crate::span::Span;
use crate::syntax::{Rel, SentenceTree, Upos};

/// The word covering byte offset `at`, else the first word after it.
pub(crate) fn word_at(tree: &SentenceTree, at: u32) -> Option<u32> {
    tree.ids().find(|&id| tree.word(id).is_some_and(|w| w.span.end > at))
}

/// The head word of the words inside `span`: the first whose head lies
/// outside the span.
pub(crate) fn expr_head(tree: &SentenceTree, span: Span) -> Option<u32> {
    let inside = |id: u32| {
        tree.word(id).is_some_and(|w| {
            w.span.start >= span.start && w.span.end <= span.end
        })
    };
    tree.ids()
        .filter(|&id| inside(id))
        .find(|&id| tree.head(id).is_some_and(|h| h == 0 || !inside(h)))
}

/// The clause an expression at `span` dates: the clause of the word its
/// head word attaches to (the expression's own clause when it is the
/// root or heads a clause itself, as in "Monday was calm").
pub(crate) fn dated_clause(tree: &SentenceTree, span: Span) -> Option<u32> {
    let h = expr_head(tree, span)?;
    match tree.head(h)? {
        0 => tree.clause_head(h),
        _ if tree.is_clause_head(h) => Some(h),
        p => tree.clause_head(p),
    }
}

/// The clause the word at byte offset `at` belongs to.
pub(crate) fn clause_at(tree: &SentenceTree, at: u32) -> Option<u32> {
    tree.clause_head(word_at(tree, at)?)
}

/// Whether the clause at byte offset `at` is reported by a past-tense
/// verb: "Li said China is willing to work with X", "the ministry
/// confirmed the talks are under way". The present is the speaker's
/// then, told in the past; the act is the saying's, of the day the story
/// tells. Only a clausal complement (through open complements and
/// conjuncts) counts, not any past verb nearby.
pub(crate) fn reported_in_past(
    tree: &SentenceTree,
    cues: &TenseCues,
    text: &str,
    at: u32,
) -> bool {
    let Some(mut c) = clause_at(tree, at) else { return false };
    // A clause is reached within a few open complements or conjuncts.
    for _ in 0..4 {
        let Some(w) = tree.word(c) else { return false };
        match w.deprel.rel {
            // Indirect speech only: the reporting verb before its clause.
            // A direct quote told after ("'We are cooperating', Ford
            // told X") may be of any day before.
            Rel::Ccomp => {
                let Some(h) = tree.word(w.head) else { return false };
                let form = h.span.slice(text).to_ascii_lowercase();
                return w.head < c
                    && h.upos == Upos::Verb
                    && classify(cues, &form) == Some(Cue::Past);
            }
            Rel::Xcomp | Rel::Conj if w.head != 0 => c = w.head,
            _ => return false,
        }
    }
    false
}

/// Whether the clause at byte offset `at` is an adverbial clause opened
/// by "since": "the first speech since he was pardoned by Trump". What
/// it tells lies before the main clause's time, at a day of its own or
/// none, never at the day the story tells.
pub(crate) fn since_clause(tree: &SentenceTree, text: &str, at: u32) -> bool {
    let Some(c) = clause_at(tree, at) else { return false };
    // A clause of its own has its own subject: "since the departure of
    // the troops, X has not commented" hung on "commented" by a misparse
    // is no "since" clause.
    tree.word(c).is_some_and(|w| w.deprel.rel == Rel::Advcl)
        && tree.children_by(c, Rel::Nsubj).next().is_some()
        && tree.children_by(c, Rel::Mark).any(|m| {
            tree.word(m).is_some_and(|w| {
                w.span.slice(text).eq_ignore_ascii_case("since")
            })
        })
}

/// How an expression dating clause `expr` relates to an event in clause
/// `event`: 0 = the same clause, `n` = a clause `n` levels above (a
/// governing clause: "said on Monday that ..."), `None` = elsewhere
/// (a clause below or beside the event's).
pub(crate) fn governs(
    tree: &SentenceTree,
    expr: u32,
    event: u32,
) -> Option<usize> {
    if expr == event {
        return Some(0);
    }
    let up = tree.ancestors(event).filter(|&a| tree.is_clause_head(a));
    up.enumerate().find(|&(_, a)| a == expr).map(|(i, _)| i + 1)
}

/// The tense of the clause the expression at `span` dates, read from
/// that clause's auxiliaries and verb (then, for an open complement
/// such as "plans to meet", from the governing verb); `None` when they
/// carry no cue, so the caller can fall back on the words around.
pub(crate) fn tense_of(
    tree: &SentenceTree,
    cues: &TenseCues,
    text: &str,
    span: Span,
) -> Option<Tense> {
    let mut at = dated_clause(tree, span)?;
    // An infinitive modifying a noun ("the election to be held on
    // August 9", "talks to take place on Friday") tells of what is yet
    // to come, whatever its participle's ending.
    if infinitive_of_noun(tree, text, at) {
        return Some(Tense::Future);
    }
    // An open complement ("plans to meet") takes its governor's tense;
    // bounded: a tree has no cycles, the count guards a hand-made one.
    for _ in 0..4 {
        if let Some(t) = clause_tense(tree, cues, text, at) {
            return Some(t);
        }
        let rel = tree.deprel(at)?.rel;
        if !matches!(rel, Rel::Xcomp) {
            return None;
        }
        at = tree.head(at).filter(|&h| h != 0)?;
    }
    None
}

/// True when clause `head` is an infinitive ("to" marker) attached to
/// a noun (`acl`, not a relative clause).
fn infinitive_of_noun(tree: &SentenceTree, text: &str, head: u32) -> bool {
    let acl = tree.deprel(head).is_some_and(|d| d.rel == Rel::Acl);
    acl && tree.children(head).iter().any(|&c| {
        tree.deprel(c).is_some_and(|d| d.rel == Rel::Mark)
            && tree
                .word(c)
                .and_then(|w| text.get(w.span.range()))
                .is_some_and(|f| f.eq_ignore_ascii_case("to"))
    })
}

/// The tense cue of clause head `head`: its auxiliaries first (in text
/// order: "will have met" is future), then the head word itself.
fn clause_tense(
    tree: &SentenceTree,
    cues: &TenseCues,
    text: &str,
    head: u32,
) -> Option<Tense> {
    let form = |id: u32| {
        tree.word(id)
            .and_then(|w| text.get(w.span.range()))
            .map(str::to_ascii_lowercase)
    };
    let words = tree
        .children(head)
        .iter()
        .copied()
        .filter(|&c| {
            tree.deprel(c)
                .is_some_and(|d| matches!(d.rel, Rel::Aux | Rel::Cop))
        })
        .chain(std::iter::once(head));
    for id in words {
        let Some(f) = form(id) else { continue };
        match classify(cues, &f) {
            Some(Cue::Past) => return Some(Tense::Past),
            Some(Cue::Future) => return Some(Tense::Future),
            Some(Cue::Present) => return Some(Tense::Present),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::testutil::tree;

    /// "he said on Monday that troops attacked on Sunday"
    const SAID: &str = "he/PRON/2/nsubj said/VERB/0/root on/ADP/4/case \
        Monday/PROPN/2/obl that/SCONJ/7/mark troops/NOUN/7/nsubj \
        attacked/VERB/2/ccomp on/ADP/9/case Sunday/PROPN/7/obl";

    fn span_of(t: &SentenceTree, lemma: &str) -> Span {
        t.words.iter().find(|w| w.lemma == lemma).expect(lemma).span
    }

    /// (expression, event verb, relation: 0 same, n above, None).
    #[test]
    fn clause_relations() {
        let t = tree(SAID);
        let cases = [
            ("Monday", "said", Some(0)),
            ("Monday", "attacked", Some(1)),
            ("Sunday", "attacked", Some(0)),
            ("Sunday", "said", None),
        ];
        for (expr, verb, want) in cases {
            let e = dated_clause(&t, span_of(&t, expr)).expect(expr);
            let v = clause_at(&t, span_of(&t, verb).start).expect(verb);
            assert_eq!(governs(&t, e, v), want, "{expr} / {verb}");
        }
    }

    /// (tree, expression, tense).
    #[test]
    fn tense_by_tree() {
        let cues = TenseCues::parse("t", super::super::lexicon::BUILTIN_TENSE)
            .expect("built-in tense cues");
        let cases = [
            (SAID, "Sunday", Some(Tense::Past)),
            (
                "talks/NOUN/3/nsubj will/AUX/3/aux resume/VERB/0/root \
                 on/ADP/5/case Friday/PROPN/3/obl",
                "Friday",
                Some(Tense::Future),
            ),
            (
                "they/PRON/2/nsubj plan/VERB/0/root to/PART/4/mark \
                 meet/VERB/2/xcomp on/ADP/6/case Friday/PROPN/4/obl",
                "Friday",
                Some(Tense::Future),
            ),
            (
                "the/DET/2/det election/NOUN/0/root to/PART/5/mark \
                 be/AUX/5/aux:pass held/VERB/2/acl on/ADP/7/case \
                 August/PROPN/5/obl",
                "August",
                Some(Tense::Future),
            ),
        ];
        for (spec, expr, want) in cases {
            let t = tree(spec);
            let text: String = t
                .words
                .iter()
                .map(|w| w.lemma.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let got = tense_of(&t, &cues, &text, span_of(&t, expr));
            assert_eq!(got, want, "{spec}");
        }
    }
}
