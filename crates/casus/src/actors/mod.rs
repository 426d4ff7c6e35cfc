//! Actors: who is who, coded to country + role as of the article's date.

use serde::{Deserialize, Serialize};

use crate::dict::Dictionaries;
use crate::text::Analyzed;
use crate::{Article, Span};

/// One actor mention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorMention {
    /// Where it is in the original text.
    pub span: Span,
    /// The sentence it is in.
    pub sentence: usize,
    /// CAMEO-style code, e.g. `USAGOV`, `IGOUNO`, `PSEREB`.
    pub code: String,
    /// ISO 3166 alpha-3 country (or `IGO` etc.), if known.
    pub country: Option<String>,
    /// Role/sector, e.g. `GOV`, `MIL`.
    pub role: Option<String>,
    /// Canonical name of the person or organisation, if any.
    pub name: Option<String>,
    /// Where the coding came from: `file:line` or `learned:<start>-<end>`.
    pub entry: String,
}

/// Finds and codes actor mentions.
#[derive(Clone, Debug, Default)]
pub struct ActorMatcher {}

impl ActorMatcher {
    /// A matcher over the built-in gazetteer.
    pub fn builtin() -> crate::Result<ActorMatcher> {
        ActorMatcher::new(&crate::dict::builtin_actors()?)
    }

    /// A matcher over the actors and agents in `dicts`.
    pub fn new(dicts: &Dictionaries) -> crate::Result<ActorMatcher> {
        let _ = dicts;
        Ok(ActorMatcher {})
    }

    /// All actor mentions in `article`.
    pub fn find(
        &self,
        article: &Article,
        analyzed: &Analyzed,
    ) -> Vec<ActorMention> {
        let _ = (article, analyzed);
        Vec::new()
    }
}
