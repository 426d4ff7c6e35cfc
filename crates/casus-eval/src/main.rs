//! `casus-eval`: scorers and other development tools for casus.

use std::process::ExitCode;

use clap::Parser;

use casus_eval::docgold;

/// casus development tools.
#[derive(Parser, Debug)]
#[command(name = "casus-eval", version)]
enum Cli {
    /// Score casus events against document gold (TOML or shared JSON).
    Docgold(docgold::Args),
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("casus-eval: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli {
        Cli::Docgold(args) => {
            if let Some(dir) = &args.merge {
                let score = docgold::run_merge(&args, dir)?;
                if args.json {
                    println!("{}", serde_json::to_string_pretty(&score)?);
                } else {
                    if args.errors {
                        score.findings.iter().for_each(|f| println!("{f}"));
                    }
                    println!("{}", score.summary());
                }
                return Ok(ExitCode::SUCCESS);
            }
            let report = docgold::run(&args)?;
            if args.json {
                println!("{}", serde_json::to_string_pretty(&report.json())?);
            } else {
                print!("{}", report.text(args.errors));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
