//! The syntax stage: Universal Dependencies tags, lemmas and dependency
//! trees for casus's own sentences, from a model trained by the project.
//!
//! Who did what to whom is a question about syntax: subjects, objects,
//! passive agents, coordination, clausal complements and negation scope
//! come from a parse, not from word windows. This stage sits between the
//! text layer and the mention stages and reads only the text layer.
//!
//! Flow per sentence:
//! 1. [`words`]: casus tokens -> syntactic words (UD splits "cannot"
//!    and hyphenated words; URLs are one word), spans kept;
//! 2. tagging: a greedy averaged-perceptron tagger assigns [`Upos`];
//! 3. lemmas: learned suffix rules plus casus's irregular-verb table;
//! 4. parsing: a greedy arc-eager transition parser (averaged perceptron
//!    with rich non-local features, trained with a dynamic oracle) and a
//!    label classifier build a projective tree ([`SentenceTree`]).
//!
//! The weights live in `dicts/model/parser.bin`, a versioned file made by
//! `casus-eval train-parser` from UD English EWT (see
//! `dicts/model/README.md`); the library only loads it.
//!
//! # Example
//!
//! ```
//! use casus::syntax::{Parser, Rel};
//!
//! let text = "Police arrested two men and questioned them.";
//! let analyzed = casus::text::analyze(text);
//! let tree = Parser::builtin().parse(text, &analyzed, 0);
//! let root = tree.root().expect("one root");
//! for id in tree.ids() {
//!     let w = tree.word(id).expect("id in range");
//!     println!("{id} {} {} {} {}", w.span.slice(text), w.upos, w.head, w.deprel);
//! }
//! // "arrested" heads the sentence; its subject is "Police".
//! let subject: Vec<u32> = tree.children_by(root, Rel::Nsubj).collect();
//! assert_eq!(subject.len(), 1);
//! ```

mod arcs;
mod as_clause;
mod conjunct;
pub mod conllu;
mod elided;
mod features;
mod lemma;
mod model;
mod parser;
mod reduced;
mod retag;
mod tags;
mod transition;
mod tree;
mod weights;
mod words;

#[cfg(feature = "train")]
pub mod clusters;
#[cfg(feature = "train")]
pub mod train;

pub use self::model::FORMAT_VERSION;
pub use self::parser::{Parser, MAX_CHUNK};
pub use self::tags::{Deprel, Rel, Sub, Upos};
#[cfg(test)]
pub(crate) use self::tree::testutil;
pub use self::tree::{is_projective, SentenceTree, Word};
pub use self::words::{words, SynWord};

use crate::text::Analyzed;

/// The syntax stage's output for one article: a tree for each sentence
/// that was parsed (the coder parses only sentences that can yield an
/// event), `None` for the others.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parses {
    trees: Vec<Option<SentenceTree>>,
}

impl Parses {
    /// No trees (a coder that does not parse, e.g. in TABARI mode).
    pub fn none() -> Parses {
        Parses::default()
    }

    /// Parses the sentences of `analyzed` for which `wanted(i)` holds.
    pub fn of(
        parser: &Parser,
        text: &str,
        analyzed: &Analyzed,
        mut wanted: impl FnMut(usize) -> bool,
    ) -> Parses {
        let trees = (0..analyzed.sentences.len())
            .map(|i| wanted(i).then(|| parser.parse(text, analyzed, i)))
            .collect();
        Parses { trees }
    }

    /// Trees made elsewhere (a treebank's gold trees), one slot per
    /// sentence of the text layer.
    pub fn from_trees(trees: Vec<Option<SentenceTree>>) -> Parses {
        Parses { trees }
    }

    /// The tree of sentence `i`, if it was parsed.
    pub fn get(&self, i: usize) -> Option<&SentenceTree> {
        self.trees.get(i).and_then(Option::as_ref)
    }

    /// How many sentences were parsed.
    pub fn parsed(&self) -> usize {
        self.trees.iter().flatten().count()
    }
}
