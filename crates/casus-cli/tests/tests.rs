//! CLI integration tests: one binary, one module per area.

mod util;

mod actors;
mod code;
mod dict;
mod events;
mod hostile;
mod ingest;
mod parse;
mod reproducible;
mod store;
mod text;
mod times;
