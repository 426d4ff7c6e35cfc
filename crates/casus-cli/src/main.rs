//! `casus`: the command-line program. Thin glue: flags -> built library
//! objects -> library calls -> writers. The user's commands only:
//! evaluation, benchmarks and generators are the `casus-eval`
//! development tool (`crates/casus-eval`).

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod input;
mod output;

/// mimalloc instead of the system allocator: the coder makes millions of
/// small short-lived allocations (tokens, spans, candidate lists), and
/// glibc's malloc/free were a sixth of all instructions on Reuters.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// casus: political event data from dated news text.
#[derive(Parser, Debug)]
#[command(name = "casus", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Code events from articles and print them (JSON Lines by default).
    Code(cmd::code::Args),
    /// Print the text layer (sentences) as JSON Lines, for debugging.
    Sentences(cmd::sentences::Args),
    /// Print time expressions as JSON Lines.
    Times(cmd::times::Args),
    /// Print UD tags, lemmas and dependency trees (JSON Lines or CoNLL-U).
    Parse(cmd::parse::Args),
    /// Print actor mentions as JSON Lines.
    Actors(cmd::actors::Args),
    /// Code articles and store them in the event database.
    Ingest(cmd::ingest::Args),
    /// Query stored events or event clusters.
    Events(cmd::events::Args),
    /// Timeline of relations between two actors, bucketed by day, week or month.
    Timeline(cmd::timeline::Args),
    /// The most active actors in the store (sources and targets).
    Top(cmd::top::Args),
    /// Summary of the store.
    Stats(cmd::stats::Args),
    /// Run a read-only SQL query over the store.
    Sql(cmd::sql::Args),
    /// Serve the HTTP API and dashboard over the store (read-only).
    Serve(cmd::serve::Args),
    /// What a code means: CAMEO and actor codes, or codes by name.
    Codes(cmd::codes::Args),
    /// Export stored events (jsonl, csv, parquet, gdelt).
    Export(cmd::export::Args),
    /// Validate or convert dictionary files.
    Dict(cmd::dict::Args),
}

fn main() -> ExitCode {
    // Bad flags are a fatal error (exit 1), like an unreadable path;
    // clap's own default would be 2, which casus reserves for "some
    // records were skipped".
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Code(args) => cmd::code::run(args),
        Command::Sentences(args) => cmd::sentences::run(args),
        Command::Times(args) => cmd::times::run(args),
        Command::Parse(args) => cmd::parse::run(args),
        Command::Actors(args) => cmd::actors::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Events(args) => cmd::events::run(args),
        Command::Timeline(args) => cmd::timeline::run(args),
        Command::Top(args) => cmd::top::run(args),
        Command::Stats(args) => cmd::stats::run(args),
        Command::Sql(args) => cmd::sql::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Codes(args) => cmd::codes::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Dict(args) => cmd::dict::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let msg = format!("{err:#}");
            eprintln!("casus: error: {}", output::escape(&msg));
            ExitCode::from(1)
        }
    }
}

/// True when stdout was closed early (`casus code x | head`): not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    // serde_json and csv wrap the io::Error without exposing it as the
    // error's `source`, so they are asked directly.
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(BrokenPipe))
            || e.downcast_ref::<csv::Error>().is_some_and(|e| {
                matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe)
            })
    })
}
