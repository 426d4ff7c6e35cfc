//! `casus-eval`: development tools, not user commands: training the
//! syntax model, scoring it on Universal Dependencies, benchmarking it.
//!
//! ```text
//! casus-eval train-parser --shared ../shared --out dicts/model/parser.bin
//! casus-eval ud --shared ../shared
//! casus-eval bench-parse --shared ../shared
//! ```

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench_parse;
mod shared;
mod train_parser;
mod ud;

/// casus development tools.
#[derive(Parser, Debug)]
#[command(name = "casus-eval", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Train the tagger and dependency parser on UD English EWT.
    TrainParser(train_parser::Args),
    /// Score the parser on UD test sets (CoNLL 2018 metrics).
    Ud(ud::Args),
    /// Tagger + parser throughput per CPU-second, load time, peak RSS.
    BenchParse(bench_parse::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::TrainParser(a) => train_parser::run(a),
        Command::Ud(a) => ud::run(a),
        Command::BenchParse(a) => bench_parse::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("casus-eval: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
