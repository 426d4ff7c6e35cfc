//! Events: who did what to whom, with negation, modality, attribution,
//! location and date, each traced to the pattern that fired.
//!
//! Flow per sentence: lemmatise tokens ([`lemma`]), group actor mentions
//! into coordinations and appositions, run the verb patterns
//! ([`patterns`]), find who did it to whom with a shallow clause analysis
//! ([`syntax`]: subject, object, passive, control), read negation and
//! modality cues, reporting frames (speaker, outlet) and the clause's
//! place, then assemble one [`Event`] per source x target pair with its
//! CAMEO facts ([`cameo`]) and PLOVER type ([`plover`]).

use serde::{Deserialize, Serialize};

use crate::codes::{ActorCode, CameoCode};
use crate::span::Span;
use crate::time::{DateFrom, Precision};

mod attribution;
pub(crate) mod cameo;
mod code;
pub(crate) mod lemma;
pub(crate) mod lexicon;
mod modality;
pub(crate) mod patterns;
pub(crate) mod plover;
mod sentence;
pub(crate) mod syntax;
mod tabari_walk;

pub use self::code::EventCoder;

/// An event's source or target actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    /// CAMEO-style actor code, e.g. `USAGOV`.
    pub code: ActorCode,
    /// Country or body, e.g. `USA`, `IGO`.
    pub country: Option<String>,
    /// Role/sector, e.g. `GOV`.
    pub role: Option<String>,
    /// Canonical name, if a person or organisation.
    pub name: Option<String>,
    /// Byte span of the mention.
    pub span: Span,
}

/// Whether an event is asserted as fact or only intended, possible, ...
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Reported as having happened / happening.
    Asserted,
    /// Announced or planned (will, plans to, pledged to, ordered).
    Intended,
    /// Possible (could, may, might).
    Possible,
    /// The act someone was urged or asked to do.
    Requested,
    /// Should have (but did not).
    Counterfactual,
    /// Under a condition (if ...).
    Conditional,
}

/// Who says an event happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// The person or body quoted.
    pub speaker: Option<String>,
    /// The outlet or source cited.
    pub outlet: Option<String>,
}

/// Where an event happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// Place name as written.
    pub name: String,
    /// ISO alpha-3 country, if known.
    pub country: Option<String>,
}

/// One coded event: the stable JSON Lines schema of `casus code`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The article's id.
    pub article_id: String,
    /// Stable hash of article, sentence, span and code.
    pub event_id: String,
    /// Sentence index within the article.
    pub sentence: usize,
    /// Byte span of the event's trigger.
    pub span: Span,
    /// The sentence's text.
    pub evidence: String,
    /// Event date (TIMEX3-style value).
    pub date: String,
    /// Where the date came from.
    pub date_from: DateFrom,
    /// How precise the date is.
    pub precision: Precision,
    /// Who did it.
    pub source: Option<EventActor>,
    /// To whom.
    pub target: Option<EventActor>,
    /// CAMEO event code, e.g. `112`.
    pub cameo: CameoCode,
    /// CAMEO root, e.g. `11`.
    pub root: CameoCode,
    /// GDELT QuadClass 1-4.
    pub quad_class: u8,
    /// Goldstein score.
    pub goldstein: f32,
    /// PLOVER event type.
    pub plover: String,
    /// PLOVER mode, if any.
    pub plover_mode: Option<String>,
    /// True when the text says it did not happen.
    pub negated: bool,
    /// Asserted, intended, possible, ...
    pub modality: Modality,
    /// Who says so.
    pub attribution: Option<Attribution>,
    /// Where.
    pub location: Option<Location>,
    /// The pattern that fired (`file:line` or pattern id).
    pub pattern: String,
}
