//! Readers for the TABARI/PETRARCH dictionary formats (actors, agents,
//! verbs, discards), translated into casus's own [`super::Dictionaries`].
