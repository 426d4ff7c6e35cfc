//! Typed Universal Dependencies tags: the 17 UPOS tags ([`Upos`]) and
//! dependency relations with their English subtypes ([`Deprel`]).
//!
//! Typed, not strings, so the event stage matches on them with the
//! compiler checking every name, and a tag costs one byte.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// Declares a fieldless enum with its UD spelling, a dense index and the
/// list of all values.
macro_rules! ud_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal,)* }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u8)]
        pub enum $name {
            $($(#[$vm])* $v,)*
        }

        impl $name {
            /// Every value, in index order.
            pub const ALL: &'static [$name] = &[$($name::$v,)*];

            /// The UD spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s,)* }
            }

            /// A dense index (`0..ALL.len()`).
            pub fn index(self) -> usize {
                self as usize
            }

            /// The value with index `i`, if any.
            pub fn from_index(i: usize) -> Option<$name> {
                $name::ALL.get(i).copied()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = Error;

            fn from_str(s: &str) -> Result<$name, Error> {
                match s {
                    $($s => Ok($name::$v),)*
                    _ => Err(Error::Parse(format!(
                        "unknown {} {s:?}", stringify!($name)
                    ))),
                }
            }
        }
    };
}

ud_enum! {
    /// A universal part-of-speech tag.
    Upos {
        /// Adjective.
        Adj = "ADJ",
        /// Adposition.
        Adp = "ADP",
        /// Adverb.
        Adv = "ADV",
        /// Auxiliary.
        Aux = "AUX",
        /// Coordinating conjunction.
        Cconj = "CCONJ",
        /// Determiner.
        Det = "DET",
        /// Interjection.
        Intj = "INTJ",
        /// Noun.
        Noun = "NOUN",
        /// Numeral.
        Num = "NUM",
        /// Particle.
        Part = "PART",
        /// Pronoun.
        Pron = "PRON",
        /// Proper noun.
        Propn = "PROPN",
        /// Punctuation.
        Punct = "PUNCT",
        /// Subordinating conjunction.
        Sconj = "SCONJ",
        /// Symbol.
        Sym = "SYM",
        /// Verb.
        Verb = "VERB",
        /// Other.
        X = "X",
    }
}

ud_enum! {
    /// A universal dependency relation (without subtype).
    Rel {
        /// Adnominal clause.
        Acl = "acl",
        /// Adverbial clause modifier.
        Advcl = "advcl",
        /// Adverbial modifier.
        Advmod = "advmod",
        /// Adjectival modifier.
        Amod = "amod",
        /// Appositional modifier.
        Appos = "appos",
        /// Auxiliary.
        Aux = "aux",
        /// Case marking.
        Case = "case",
        /// Coordinating conjunction.
        Cc = "cc",
        /// Clausal complement.
        Ccomp = "ccomp",
        /// Classifier.
        Clf = "clf",
        /// Compound.
        Compound = "compound",
        /// Conjunct.
        Conj = "conj",
        /// Copula.
        Cop = "cop",
        /// Clausal subject.
        Csubj = "csubj",
        /// Unspecified dependency.
        Dep = "dep",
        /// Determiner.
        Det = "det",
        /// Discourse element.
        Discourse = "discourse",
        /// Dislocated element.
        Dislocated = "dislocated",
        /// Expletive.
        Expl = "expl",
        /// Fixed multiword expression.
        Fixed = "fixed",
        /// Flat expression (names).
        Flat = "flat",
        /// Goes with.
        Goeswith = "goeswith",
        /// Indirect object.
        Iobj = "iobj",
        /// List.
        List = "list",
        /// Marker.
        Mark = "mark",
        /// Nominal modifier.
        Nmod = "nmod",
        /// Nominal subject.
        Nsubj = "nsubj",
        /// Numeric modifier.
        Nummod = "nummod",
        /// Object.
        Obj = "obj",
        /// Oblique nominal.
        Obl = "obl",
        /// Orphan (ellipsis).
        Orphan = "orphan",
        /// Parataxis.
        Parataxis = "parataxis",
        /// Punctuation.
        Punct = "punct",
        /// Overridden disfluency.
        Reparandum = "reparandum",
        /// Root of the sentence.
        Root = "root",
        /// Vocative.
        Vocative = "vocative",
        /// Open clausal complement.
        Xcomp = "xcomp",
    }
}

ud_enum! {
    /// A relation subtype (the part after `:`), as English UD uses them.
    Sub {
        /// No subtype.
        None = "",
        /// Passive (`nsubj:pass`, `aux:pass`, `csubj:pass`).
        Pass = "pass",
        /// Passive agent (`obl:agent`).
        Agent = "agent",
        /// Relative clause (`acl:relcl`, `advcl:relcl`).
        Relcl = "relcl",
        /// Verb particle (`compound:prt`).
        Prt = "prt",
        /// Possessive (`nmod:poss`).
        Poss = "poss",
        /// Temporal modifier (`obl:tmod`, older UD).
        Tmod = "tmod",
        /// Bare noun phrase adverbial (`obl:npmod`, older UD).
        Npmod = "npmod",
        /// Unmarked nominal (`obl:unmarked`, `nmod:unmarked`).
        Unmarked = "unmarked",
        /// Descriptive nominal (`nmod:desc`).
        Desc = "desc",
        /// Outer subject (`nsubj:outer`).
        Outer = "outer",
        /// Predeterminer (`det:predet`).
        Predet = "predet",
        /// Preconjunct (`cc:preconj`).
        Preconj = "preconj",
    }
}

/// A dependency relation with its optional subtype, e.g. `nsubj:pass`.
///
/// ```
/// use casus::syntax::{Deprel, Rel, Sub};
///
/// let d: Deprel = "nsubj:pass".parse()?;
/// assert_eq!((d.rel, d.sub), (Rel::Nsubj, Sub::Pass));
/// assert!(d.is(Rel::Nsubj));
/// assert_eq!(d.to_string(), "nsubj:pass");
/// # Ok::<(), casus::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Deprel {
    /// The universal relation.
    pub rel: Rel,
    /// The subtype, [`Sub::None`] when there is none.
    pub sub: Sub,
}

impl Deprel {
    /// `root`.
    pub const ROOT: Deprel = Deprel::new(Rel::Root, Sub::None);
    /// `dep`, the fallback label.
    pub const DEP: Deprel = Deprel::new(Rel::Dep, Sub::None);
    /// `punct`.
    pub const PUNCT: Deprel = Deprel::new(Rel::Punct, Sub::None);

    /// A relation with a subtype.
    pub const fn new(rel: Rel, sub: Sub) -> Deprel {
        Deprel { rel, sub }
    }

    /// A relation without a subtype.
    pub const fn bare(rel: Rel) -> Deprel {
        Deprel { rel, sub: Sub::None }
    }

    /// True when the universal relation is `rel`, whatever the subtype.
    pub fn is(self, rel: Rel) -> bool {
        self.rel == rel
    }
}

impl fmt::Display for Deprel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sub {
            Sub::None => f.write_str(self.rel.as_str()),
            sub => write!(f, "{}:{}", self.rel, sub),
        }
    }
}

impl FromStr for Deprel {
    type Err = Error;

    fn from_str(s: &str) -> Result<Deprel, Error> {
        let (rel, sub) = match s.split_once(':') {
            Some((r, "")) => (r, Sub::None),
            Some((r, sub)) => (r, sub.parse()?),
            None => (s, Sub::None),
        };
        Ok(Deprel { rel: rel.parse()?, sub })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for u in Upos::ALL {
            assert_eq!(u.as_str().parse::<Upos>().ok(), Some(*u));
            assert_eq!(Upos::from_index(u.index()), Some(*u));
        }
        assert_eq!(Upos::ALL.len(), 17);
        assert_eq!(Rel::ALL.len(), 37);
        let table = [
            ("nsubj", Rel::Nsubj, Sub::None),
            ("nsubj:pass", Rel::Nsubj, Sub::Pass),
            ("obl:agent", Rel::Obl, Sub::Agent),
            ("acl:relcl", Rel::Acl, Sub::Relcl),
            ("compound:prt", Rel::Compound, Sub::Prt),
            ("nmod:poss", Rel::Nmod, Sub::Poss),
            ("obl:tmod", Rel::Obl, Sub::Tmod),
            ("obl:unmarked", Rel::Obl, Sub::Unmarked),
            ("aux:pass", Rel::Aux, Sub::Pass),
            ("csubj", Rel::Csubj, Sub::None),
            ("expl", Rel::Expl, Sub::None),
        ];
        for (s, rel, sub) in table {
            let d: Deprel = s.parse().expect(s);
            assert_eq!(d, Deprel::new(rel, sub), "{s}");
            assert_eq!(d.to_string(), s);
        }
    }

    #[test]
    fn bad_labels() {
        for s in ["", "nsubjx", "nsubj:what", "NSUBJ", "xx:pass"] {
            assert!(s.parse::<Deprel>().is_err(), "{s:?}");
        }
        assert!("NOUNS".parse::<Upos>().is_err());
    }
}
