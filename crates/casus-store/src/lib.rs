//! casus-store: the embedded SQLite event store.
#![forbid(unsafe_code)]
