//! casus turns dated news articles into political event data: *who did
//! what to whom, when, where, and according to whom*.
//!
//! # Pipeline flow
//!
//! Data flows one way; every stage is a plain struct or function that can
//! be tested alone:
//!
//! 1. [`ingest`]: files, JSON Lines, CSV, stdin -> [`Article`].
//! 2. [`text`]: article text -> [`text::Analyzed`] (sentences, tokens and
//!    quotes, all with byte spans into the original text).
//! 3. [`syntax`]: sentence -> UPOS tags, lemmas and a Universal
//!    Dependencies tree ([`syntax::SentenceTree`]).
//! 4. [`time`]: time expressions normalised against the article's date.
//! 5. [`actors`]: actor mentions coded to country + role; [`places`]:
//!    place names for event locations.
//! 6. [`events`]: CAMEO/PLOVER events with source, target, date,
//!    negation, modality, attribution and location.
//!
//! [`Coder`] runs the whole pipeline with the built-in dictionaries.
//!
//! # Example
//!
//! ```
//! use casus::{Article, Coder};
//!
//! let coder = Coder::builtin()?;
//! let article = Article::new(
//!     "demo",
//!     "2024-02-11".parse()?,
//!     "Egypt condemned the attack on Tuesday.",
//! );
//! let events = coder.code(&article);
//! for event in &events {
//!     println!("{} {}", event.cameo, event.evidence);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod actors;
mod coder;
mod codes;
mod date;
pub mod dict;
mod error;
pub mod events;
pub mod ingest;
pub mod names;
pub mod places;
mod span;
pub mod syntax;
pub mod text;
pub mod time;
mod util;

pub use crate::coder::{Coder, CoderBuilder, Limits, Mentions};
pub use crate::codes::{ActorCode, CameoCode, PatternCode};
pub use crate::date::Date;
pub use crate::error::{DictError, Error, Result};
pub use crate::ingest::Article;
pub use crate::span::Span;
pub use crate::util::Fnv1a;
