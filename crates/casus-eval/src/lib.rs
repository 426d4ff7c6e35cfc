//! Development tools for casus: scorers over gold data. Not a user
//! command (`publish = false`); the binary `casus-eval` is thin glue.
//!
//! - [`docgold`]: events, dates, forbidden acts and time expressions of
//!   whole articles against document gold (the project's TOML gold in
//!   `testdata/docgold/`, or the shared `gold.json`).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod docgold;
