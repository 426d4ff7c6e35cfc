//! Places: cities, regions and countries named in the text, for event
//! locations.

use serde::{Deserialize, Serialize};

use crate::text::Analyzed;
use crate::Span;

/// One place mention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceMention {
    /// Where it is in the original text.
    pub span: Span,
    /// The sentence it is in.
    pub sentence: usize,
    /// Canonical place name.
    pub name: String,
    /// ISO alpha-3 country the place is in.
    pub country: Option<String>,
    /// Where the entry came from (`file:line`).
    pub entry: String,
}

/// Finds place names.
#[derive(Clone, Debug, Default)]
pub struct PlaceMatcher {}

impl PlaceMatcher {
    /// A matcher over the built-in place gazetteer.
    pub fn builtin() -> crate::Result<PlaceMatcher> {
        Ok(PlaceMatcher {})
    }

    /// All place mentions in `text`.
    pub fn find(&self, text: &str, analyzed: &Analyzed) -> Vec<PlaceMention> {
        let _ = (text, analyzed);
        Vec::new()
    }
}
