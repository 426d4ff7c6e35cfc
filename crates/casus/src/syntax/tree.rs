//! A parsed sentence: words with tags, lemmas and a dependency tree, and
//! the lookups the event stage asks of it.
//!
//! Word ids are 1-based, as in CoNLL-U: `head == 0` marks the root, and
//! every method takes and returns ids (`tree.word(id)`), never vector
//! positions.

use compact_str::CompactString;

use crate::error::Error;
use crate::span::Span;
use crate::syntax::{Deprel, Rel, Sub, Upos};

/// One syntactic word of a parsed sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    /// Where the word is in the original text.
    pub span: Span,
    /// Index of the casus token it came from (into `Analyzed::tokens`).
    pub token: u32,
    /// Lemma (lowercase except for proper nouns).
    pub lemma: CompactString,
    /// Universal part-of-speech tag.
    pub upos: Upos,
    /// The head's id (1-based), 0 for the root.
    pub head: u32,
    /// The relation to the head.
    pub deprel: Deprel,
    /// How sure the parser was of the attachment: the score margin
    /// between the move that attached the word and the best other valid
    /// move (0 when attached by a repair step). Larger is surer.
    pub margin: f32,
}

/// A sentence's words and dependency tree.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SentenceTree {
    /// The words in text order; word id `i` is `words[i - 1]`.
    pub words: Vec<Word>,
    /// Children ids grouped by head id, each group in text order.
    kids: Vec<u32>,
    /// `kids[start[h]..start[h + 1]]` are the children of `h` (0 = root).
    start: Vec<u32>,
}

/// Closed classes of English grammar the helpers look for (lemmas).
const NEGATORS: &[&str] = &["not", "never", "no", "neither", "nor", "nt"];
pub(crate) const MODALS: &[&str] = &[
    "can", "could", "may", "might", "must", "shall", "should", "will",
    "would", "ought",
];

impl SentenceTree {
    /// A tree over `words`, checked: heads in range, exactly one root,
    /// no cycles.
    pub fn new(words: Vec<Word>) -> crate::error::Result<SentenceTree> {
        check(&words).map_err(Error::Parse)?;
        Ok(SentenceTree::new_unchecked(words))
    }

    /// A tree the parser built (it upholds [`SentenceTree::new`]'s
    /// checks by construction; tests check that it does).
    pub(crate) fn new_unchecked(words: Vec<Word>) -> SentenceTree {
        let n = words.len();
        let mut start = vec![0u32; n + 2];
        for w in &words {
            start[w.head as usize + 1] += 1;
        }
        for h in 1..start.len() {
            start[h] += start[h - 1];
        }
        let mut fill = start.clone();
        let mut kids = vec![0u32; n];
        for (i, w) in words.iter().enumerate() {
            let at = &mut fill[w.head as usize];
            kids[*at as usize] = i as u32 + 1;
            *at += 1;
        }
        SentenceTree { words, kids, start }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True for a tree without words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The word with id `id` (1-based).
    pub fn word(&self, id: u32) -> Option<&Word> {
        self.words.get((id as usize).checked_sub(1)?)
    }

    /// All word ids, in text order.
    pub fn ids(&self) -> impl Iterator<Item = u32> {
        1..=self.words.len() as u32
    }

    /// The root word's id.
    pub fn root(&self) -> Option<u32> {
        self.children(0).first().copied()
    }

    /// The children of `id` in text order (`children(0)` is the root).
    pub fn children(&self, id: u32) -> &[u32] {
        let h = id as usize;
        match (self.start.get(h), self.start.get(h + 1)) {
            (Some(&a), Some(&b)) => &self.kids[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The children of `id` whose relation is `rel` (any subtype).
    pub fn children_by(
        &self,
        id: u32,
        rel: Rel,
    ) -> impl Iterator<Item = u32> + '_ {
        self.children(id)
            .iter()
            .copied()
            .filter(move |&c| self.deprel(c).is_some_and(|d| d.rel == rel))
    }

    /// The first child of `id` with exactly the label `deprel`.
    pub fn child_with(&self, id: u32, deprel: Deprel) -> Option<u32> {
        self.children(id)
            .iter()
            .copied()
            .find(|&c| self.deprel(c) == Some(deprel))
    }

    /// The relation of `id` to its head.
    pub fn deprel(&self, id: u32) -> Option<Deprel> {
        self.word(id).map(|w| w.deprel)
    }

    /// The head of `id` (0 for the root, `None` for a bad id).
    pub fn head(&self, id: u32) -> Option<u32> {
        self.word(id).map(|w| w.head)
    }

    /// `id`'s ancestors from its head up to the root.
    pub fn ancestors(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        let mut at = id;
        // A tree has no cycles; the bound guards against a hand-made one.
        let mut left = self.words.len();
        std::iter::from_fn(move || {
            let h = self.head(at).filter(|&h| h != 0)?;
            left = left.checked_sub(1)?;
            at = h;
            Some(h)
        })
    }

    /// True when `id` heads a clause: the root, a clausal dependent, or
    /// a conjunct, parataxis or relative clause with a verb, subject,
    /// copula or auxiliary of its own.
    pub fn is_clause_head(&self, id: u32) -> bool {
        let Some(w) = self.word(id) else { return false };
        match w.deprel.rel {
            Rel::Root | Rel::Ccomp | Rel::Xcomp | Rel::Advcl | Rel::Csubj => {
                true
            }
            Rel::Acl | Rel::Conj | Rel::Parataxis | Rel::List => {
                self.is_predicate(id)
            }
            _ => false,
        }
    }

    /// True when `id` is a predicate: a verb, or a word with a subject,
    /// copula or auxiliary.
    pub fn is_predicate(&self, id: u32) -> bool {
        self.word(id).is_some_and(|w| w.upos == Upos::Verb)
            || self.children(id).iter().any(|&c| {
                self.deprel(c).is_some_and(|d| {
                    matches!(
                        d.rel,
                        Rel::Nsubj | Rel::Csubj | Rel::Cop | Rel::Aux
                    )
                })
            })
    }

    /// The head of the clause `id` belongs to: `id` itself or its
    /// nearest ancestor that [`is_clause_head`](Self::is_clause_head);
    /// the root when none is.
    pub fn clause_head(&self, id: u32) -> Option<u32> {
        self.word(id)?;
        std::iter::once(id)
            .chain(self.ancestors(id))
            .find(|&a| self.is_clause_head(a))
            .or_else(|| self.root())
    }

    /// The first conjunct of the coordination `id` is in (`id` itself
    /// when it is not a conjunct).
    pub fn first_conjunct(&self, id: u32) -> u32 {
        let mut at = id;
        for a in self.ancestors(id) {
            if self.deprel(at).is_some_and(|d| d.rel == Rel::Conj) {
                at = a;
            } else {
                break;
            }
        }
        at
    }

    /// Every conjunct of the coordination `id` is in, in text order
    /// (`[id]` when it is in none). UD attaches all conjuncts to the
    /// first; nested coordinations are followed too.
    pub fn conjuncts(&self, id: u32) -> Vec<u32> {
        if self.word(id).is_none() {
            return Vec::new();
        }
        let first = self.first_conjunct(id);
        let mut out = vec![first];
        let mut i = 0;
        while i < out.len() {
            let c = out[i];
            out.extend(self.children_by(c, Rel::Conj));
            i += 1;
        }
        out.sort_unstable();
        out
    }

    /// The coordinating conjunction before conjunct `id` ("and", "or"),
    /// attached to it in UD.
    pub fn coordinator(&self, id: u32) -> Option<u32> {
        self.children_by(id, Rel::Cc).next()
    }

    /// True when `id` is negated by a dependent: "not", "n't", "never"
    /// (advmod), "no" (det), "neither"/"nor" (cc:preconj, cc), directly
    /// or on its copula's or auxiliary's word.
    pub fn is_negated(&self, id: u32) -> bool {
        self.negation(id).is_some()
    }

    /// The negating dependent of `id`, if any (see
    /// [`is_negated`](Self::is_negated)).
    pub fn negation(&self, id: u32) -> Option<u32> {
        self.children(id).iter().copied().find(|&c| {
            self.word(c).is_some_and(|w| {
                matches!(
                    w.deprel.rel,
                    Rel::Advmod | Rel::Det | Rel::Cc | Rel::Discourse
                ) && NEGATORS.iter().any(|n| w.lemma.eq_ignore_ascii_case(n))
            })
        })
    }

    /// The auxiliaries of `id` (`aux` and `aux:pass`), in text order.
    pub fn auxiliaries(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        self.children_by(id, Rel::Aux)
    }

    /// The modal auxiliary of `id` ("would", "could", "must", ...).
    pub fn modal(&self, id: u32) -> Option<u32> {
        self.auxiliaries(id).find(|&a| {
            self.word(a).is_some_and(|w| {
                MODALS.iter().any(|m| w.lemma.eq_ignore_ascii_case(m))
            })
        })
    }

    /// True when `id` is a passive predicate (it has a passive subject
    /// or auxiliary).
    pub fn is_passive(&self, id: u32) -> bool {
        self.children(id)
            .iter()
            .any(|&c| self.deprel(c).is_some_and(|d| d.sub == Sub::Pass))
    }

    /// The subjects of `id` (`nsubj`, `nsubj:pass`, `csubj`, ...).
    pub fn subjects(&self, id: u32) -> impl Iterator<Item = u32> + '_ {
        self.children(id).iter().copied().filter(move |&c| {
            self.deprel(c)
                .is_some_and(|d| matches!(d.rel, Rel::Nsubj | Rel::Csubj))
        })
    }

    /// The passive agent of `id` ("by X": `obl:agent`).
    pub fn agent(&self, id: u32) -> Option<u32> {
        self.child_with(id, Deprel::new(Rel::Obl, Sub::Agent))
    }
}

/// Checks heads, the single root and acyclicity.
fn check(words: &[Word]) -> Result<(), String> {
    let n = words.len();
    let mut roots = 0;
    for (i, w) in words.iter().enumerate() {
        if w.head as usize > n {
            return Err(format!(
                "word {}: head {} out of range",
                i + 1,
                w.head
            ));
        }
        if w.head as usize == i + 1 {
            return Err(format!("word {} heads itself", i + 1));
        }
        roots += usize::from(w.head == 0);
    }
    if n > 0 && roots != 1 {
        return Err(format!("{roots} roots"));
    }
    // Every word reaches the root within n steps.
    for i in 0..n {
        let mut at = i + 1;
        let mut steps = 0;
        while at != 0 {
            at = words[at - 1].head as usize;
            steps += 1;
            if steps > n {
                return Err(format!("word {} is on a cycle", i + 1));
            }
        }
    }
    Ok(())
}

/// True when the tree has no crossing arcs.
pub fn is_projective(tree: &SentenceTree) -> bool {
    let arcs: Vec<(u32, u32)> = tree
        .ids()
        .filter_map(|d| {
            let h = tree.head(d)?;
            (h != 0).then(|| (h.min(d), h.max(d)))
        })
        .collect();
    arcs.iter()
        .all(|&(a, b)| arcs.iter().all(|&(c, d)| !(a < c && c < b && b < d)))
}

#[cfg(test)]
pub(crate) mod testutil {
    use super::*;

    /// A tree from "lemma/UPOS/head/deprel" items.
    pub fn tree(spec: &str) -> SentenceTree {
        let mut at = 0;
        let words = spec
            .split_whitespace()
            .map(|item| {
                let f: Vec<&str> = item.split('/').collect();
                let span = Span::new(at, at + f[0].len());
                at += f[0].len() + 1;
                Word {
                    span,
                    token: 0,
                    lemma: f[0].into(),
                    upos: f[1].parse().expect(item),
                    head: f[2].parse().expect(item),
                    deprel: f[3].parse().expect(item),
                    margin: 1.0,
                }
            })
            .collect();
        SentenceTree::new(words).expect(spec)
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::tree;
    use super::*;

    /// "Israel and Egypt did not sign the deal but said they would."
    const COORD: &str = "israel/PROPN/6/nsubj and/CCONJ/3/cc \
        egypt/PROPN/1/conj do/AUX/6/aux not/PART/6/advmod \
        sign/VERB/0/root the/DET/8/det deal/NOUN/6/obj \
        but/CCONJ/10/cc say/VERB/6/conj they/PRON/12/nsubj \
        would/AUX/10/ccomp ./PUNCT/6/punct";

    #[test]
    fn children_and_relations() {
        let t = tree(COORD);
        assert_eq!(t.root(), Some(6));
        assert_eq!(t.children(6), [1, 4, 5, 8, 10, 13]);
        assert_eq!(t.children(0), [6]);
        assert_eq!(t.children(99), [] as [u32; 0]);
        let table: &[(u32, Rel, &[u32])] = &[
            (6, Rel::Nsubj, &[1]),
            (6, Rel::Obj, &[8]),
            (6, Rel::Conj, &[10]),
            (1, Rel::Conj, &[3]),
            (10, Rel::Ccomp, &[12]),
            (8, Rel::Det, &[7]),
            (7, Rel::Det, &[]),
        ];
        for (id, rel, want) in table {
            let got: Vec<u32> = t.children_by(*id, *rel).collect();
            assert_eq!(&got, want, "{id} {rel}");
        }
        assert_eq!(t.ancestors(7).collect::<Vec<_>>(), [8, 6]);
        assert_eq!(t.subjects(6).collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn clauses_and_coordination() {
        let t = tree(COORD);
        let table: &[(u32, Option<u32>)] = &[
            (1, Some(6)),
            (3, Some(6)),
            (8, Some(6)),
            (6, Some(6)),
            (10, Some(10)),
            (11, Some(12)),
            (12, Some(12)),
            (99, None),
        ];
        for (id, want) in table {
            assert_eq!(t.clause_head(*id), *want, "{id}");
        }
        assert_eq!(t.conjuncts(3), [1, 3]);
        assert_eq!(t.conjuncts(1), [1, 3]);
        assert_eq!(t.conjuncts(6), [6, 10]);
        assert_eq!(t.conjuncts(8), [8]);
        assert_eq!(t.first_conjunct(10), 6);
        assert_eq!(t.coordinator(3), Some(2));
        assert_eq!(t.coordinator(10), Some(9));
        assert_eq!(t.coordinator(1), None);
    }

    #[test]
    fn negation_modality_voice() {
        let table: &[(&str, u32, bool, Option<u32>, bool)] = &[
            (COORD, 6, true, None, false),
            (COORD, 10, false, None, false),
            // "Troops would never have been sent by Rome."
            (
                "troop/NOUN/6/nsubj:pass would/AUX/6/aux never/ADV/6/advmod \
                 have/AUX/6/aux be/AUX/6/aux:pass send/VERB/0/root \
                 by/ADP/8/case rome/PROPN/6/obl:agent",
                6,
                true,
                Some(2),
                true,
            ),
            // "No troops crossed."
            (
                "no/DET/2/det troop/NOUN/3/nsubj cross/VERB/0/root",
                2,
                true,
                None,
                false,
            ),
            (
                "no/DET/2/det troop/NOUN/3/nsubj cross/VERB/0/root",
                3,
                false,
                None,
                false,
            ),
        ];
        for (spec, id, neg, modal, pass) in table {
            let t = tree(spec);
            assert_eq!(t.is_negated(*id), *neg, "{spec} {id}");
            assert_eq!(t.modal(*id), *modal, "{spec} {id}");
            assert_eq!(t.is_passive(*id), *pass, "{spec} {id}");
        }
        let t = tree(table[2].0);
        let kids: Vec<_> =
            t.children(6).iter().map(|&c| (c, t.deprel(c))).collect();
        assert_eq!(t.agent(6), Some(8), "{kids:?}");
        assert_eq!(t.auxiliaries(6).collect::<Vec<_>>(), [2, 4, 5]);
    }

    #[test]
    fn bad_trees_are_refused() {
        let w = |head: u32| Word {
            span: Span::new(0, 1),
            token: 0,
            lemma: "x".into(),
            upos: Upos::X,
            head,
            deprel: Deprel::DEP,
            margin: 0.0,
        };
        let table: &[(&[u32], bool)] = &[
            (&[0], true),
            (&[2, 0], true),
            (&[0, 0], false),
            (&[2, 1], false),
            (&[0, 3, 2], false),
            (&[1], false),
            (&[5, 0], false),
        ];
        for (heads, ok) in table {
            let words = heads.iter().map(|&h| w(h)).collect();
            assert_eq!(SentenceTree::new(words).is_ok(), *ok, "{heads:?}");
        }
        assert!(SentenceTree::new(Vec::new()).is_ok());
    }

    #[test]
    fn projectivity() {
        assert!(is_projective(&tree(COORD)));
        // 1 <- 3, 2 <- 4 cross.
        let t = tree("a/X/3/dep b/X/4/dep c/X/0/root d/X/3/dep");
        assert!(!is_projective(&t));
    }
}
