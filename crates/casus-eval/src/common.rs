//! Flags every evaluation shares.

use std::path::PathBuf;

/// Flags every evaluation shares.
#[derive(clap::Args, Debug, Clone)]
pub struct Common {
    /// Where the shared evaluation data lives.
    #[arg(long, default_value = "../shared")]
    pub shared: PathBuf,
    /// Print the scores as one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}
