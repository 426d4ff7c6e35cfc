//! casus-serve integration tests: a real server on an ephemeral
//! loopback port over a store ingested from `examples/` and
//! `tests/data/corpus.jsonl`, spoken to over plain TCP.

mod api;
mod browser;
mod fuzz;
mod util;
