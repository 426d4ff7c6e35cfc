//! One module per subcommand.

pub mod actors;
pub mod actors_top;
pub mod bench;
pub mod code;
pub mod dict;
pub mod eval;
pub mod events;
pub mod export;
pub mod generate;
pub mod ingest;
pub mod parse;
pub mod sentences;
pub mod sql;
pub mod stats;
pub mod timeline;
pub mod times;
