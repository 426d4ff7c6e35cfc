//! `casus-eval`: evaluations, benchmarks and generators for developers.
//! One subcommand per module of the `casus_eval` library.

use std::process::ExitCode;

use casus_eval::{
    bench, calibrate, countries, docgold, events, generate, gigaword, ner,
    petrarch, plover, sentences, times,
};
use clap::{Parser, Subcommand};

mod bench_parse;
mod shared;
mod train_parser;
mod ud;

/// The same allocator as `casus`, so benchmarks measure what users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// casus-eval: evaluations against the gold data in ../shared,
/// benchmarks and generators (development tools).
#[derive(Parser, Debug)]
#[command(name = "casus-eval", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
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
    /// Throughput of the pipeline or of one stage over a corpus.
    Bench(bench::Args),
    /// Generate a synthetic store for benchmarks.
    Generate(generate::Args),
    /// Score casus events against document gold (TOML or shared JSON).
    Docgold(docgold::Args),
    /// Fit the event confidence model on document gold, or show its
    /// reliability table (predicted confidence vs observed precision).
    Calibrate(calibrate::Args),
    /// Train the tagger and dependency parser on UD English EWT.
    TrainParser(train_parser::Args),
    /// Score the parser on UD test sets (CoNLL 2018 metrics).
    Ud(ud::Args),
    /// Tagger + parser throughput per CPU-second, load time, peak RSS.
    BenchParse(bench_parse::Args),
}

fn main() -> ExitCode {
    // Bad flags exit 1, as in `casus`.
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
        Command::Sentences(a) => sentences::run(a),
        Command::Times(a) => times::run(a),
        Command::Ner(a) => ner::run(a),
        Command::Countries(a) => countries::run(a),
        Command::Events(a) => events::run(a),
        Command::Plover(a) => plover::run(a),
        Command::Petrarch(a) => petrarch::run(a),
        Command::Gigaword(a) => gigaword::run(a),
        Command::Bench(a) => bench::run(a),
        Command::Generate(a) => generate::run(a),
        Command::Docgold(a) => run_docgold(a),
        Command::Calibrate(a) => calibrate::run(a),
        Command::TrainParser(a) => train_parser::run(a),
        Command::Ud(a) => ud::run(a),
        Command::BenchParse(a) => bench_parse::run(a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("casus-eval: error: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn run_docgold(args: docgold::Args) -> anyhow::Result<ExitCode> {
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
