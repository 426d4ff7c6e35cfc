//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong in the casus library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An I/O error while reading `path`.
    #[error("{path}: {source}")]
    Io {
        /// The file being read.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// One or more bad lines in dictionary files; every bad line is listed.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Dict(Vec<DictError>),
    /// A value that does not parse (a date, a code, ...).
    #[error("{0}")]
    Parse(String),
    /// A parser model file that cannot be read.
    #[error("parser model: {0}")]
    Model(String),
}

/// One bad dictionary line: where it is and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: {reason}")]
pub struct DictError {
    /// The dictionary file (as given, or `builtin:NAME`).
    pub path: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// `Result` with the library's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
