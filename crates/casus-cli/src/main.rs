//! `casus`: the command-line program. Thin glue: flags -> built library
//! objects -> library calls -> writers.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod input;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => cmd::code::run(args),
        Command::Sentences(args) => cmd::sentences::run(args),
        Command::Times(args) => cmd::times::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("casus: error: {err:#}");
            ExitCode::from(1)
        }
    }
}
