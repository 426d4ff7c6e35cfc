//! One module per subcommand.

pub mod actors;
pub mod code;
pub mod codes;
pub mod dict;
pub mod events;
pub mod export;
pub mod ingest;
pub mod parse;
pub mod sentences;
pub mod serve;
pub mod sql;
pub mod stats;
pub mod timeline;
pub mod times;
pub mod top;
