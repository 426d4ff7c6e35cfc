//! CLI integration tests: one binary, one module per area.

mod util;

mod ingest;
mod code;
mod times;
mod actors;
mod events;
mod dict;
mod store;
mod eval_text;
