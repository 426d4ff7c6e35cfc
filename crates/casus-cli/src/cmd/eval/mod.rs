//! `casus eval`: every linguistic capability's evaluation against gold
//! data in `../shared`, printing precision/recall (or accuracy).

use std::path::PathBuf;
use std::process::ExitCode;

pub mod countries;
pub mod events;
pub mod gigaword;
pub mod ner;
pub mod petrarch;
pub mod plover;
pub mod sentences;
pub mod times;

/// Flags of `casus eval`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    task: Task,
}

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

#[derive(clap::Subcommand, Debug)]
enum Task {
    /// Sentence boundary P/R/F1 on CoNLL-2003 eng.testb.
    Sentences(sentences::Args),
    /// TempEval-3 platinum: strict, relaxed and value F1.
    Times(times::Args),
    /// Entity recognition P/R/F1 on CoNLL-2003 (all of testb and non-sports documents).
    Ner(ner::Args),
    /// Country attribution P/R on Reuters-21578 <PLACES>.
    Countries(countries::Args),
    /// Event coding P/R on UniversalPetrarch's hand-corrected gold.
    Events(events::Args),
    /// PLOVER event type accuracy and actor agreement on the PLOVER gold records.
    Plover(plover::Args),
    /// The PETRARCH-1 validation suite: pass rate by category.
    Petrarch(petrarch::Args),
    /// Agreement with PETRARCH-2's own output on the GigaWord sample.
    Gigaword(gigaword::Args),
}

/// Runs `casus eval`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.task {
        Task::Sentences(a) => sentences::run(a),
        Task::Times(a) => times::run(a),
        Task::Ner(a) => ner::run(a),
        Task::Countries(a) => countries::run(a),
        Task::Events(a) => events::run(a),
        Task::Plover(a) => plover::run(a),
        Task::Petrarch(a) => petrarch::run(a),
        Task::Gigaword(a) => gigaword::run(a),
    }
}
