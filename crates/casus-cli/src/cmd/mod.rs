//! One module per subcommand.

pub mod code;
pub mod sentences;
pub mod times;
