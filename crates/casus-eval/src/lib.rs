//! casus-eval: casus's development tools, kept out of the user's binary
//! (as regex keeps `regex-cli` apart): every capability's evaluation
//! against the gold data in `../shared`, the throughput benchmarks, and
//! the synthetic-store generator.
//!
//! One module per subcommand of the `casus-eval` binary, plus what they
//! share: [`common`] (flags), [`score`] (the one P/R/F1 scorer),
//! [`timer`] (the one CPU/RSS timer) and [`corpus`] (the one batch
//! reader); [`docgold`] scores whole articles against document gold
//! (the project's own in `testdata/docgold/`, or the shared set). Every evaluation skips with a clear message when its data in
//! `../shared` is absent.
//!
//! # Example
//!
//! ```
//! use casus_eval::score::Counts;
//!
//! // Sentence boundaries: 3 predicted, 4 gold, 3 agreeing.
//! let p = Counts { correct: 3, predicted: 3, gold: 4 }.prf();
//! assert_eq!((p.precision, p.recall), (1.0, 0.75));
//! ```
#![forbid(unsafe_code)]

pub mod bench;
pub mod calibrate;
pub mod common;
pub mod corpus;
pub mod countries;
pub mod docgold;
pub mod events;
pub mod generate;
pub mod gigaword;
pub mod ner;
pub mod petrarch;
pub mod plover;
pub mod score;
pub mod sentences;
pub mod timer;
pub mod times;
