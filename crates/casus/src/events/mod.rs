//! Events: who did what to whom, with negation, modality, attribution,
//! location and date, each traced to the pattern that fired.

use serde::{Deserialize, Serialize};

use crate::actors::ActorMention;
use crate::dict::Dictionaries;
use crate::places::PlaceMention;
use crate::text::Analyzed;
use crate::time::{DateFrom, Precision, TimeMention};
use crate::Article;

/// An event's source or target actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    /// CAMEO-style actor code, e.g. `USAGOV`.
    pub code: String,
    /// Country or body, e.g. `USA`, `IGO`.
    pub country: Option<String>,
    /// Role/sector, e.g. `GOV`.
    pub role: Option<String>,
    /// Canonical name, if a person or organisation.
    pub name: Option<String>,
    /// Byte span of the mention.
    pub span: [u32; 2],
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
    pub span: [u32; 2],
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
    pub cameo: String,
    /// CAMEO root, e.g. `11`.
    pub root: String,
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

/// Codes events from the earlier stages' output.
#[derive(Clone, Debug, Default)]
pub struct EventCoder {}

impl EventCoder {
    /// A coder with the built-in patterns.
    pub fn builtin() -> crate::Result<EventCoder> {
        EventCoder::new(&crate::dict::builtin_verbs()?)
    }

    /// A coder over the verb patterns (and synsets, discards) in `dicts`.
    pub fn new(dicts: &Dictionaries) -> crate::Result<EventCoder> {
        let _ = dicts;
        Ok(EventCoder {})
    }

    /// All events in `article`.
    pub fn code(
        &self,
        article: &Article,
        analyzed: &Analyzed,
        actors: &[ActorMention],
        times: &[TimeMention],
        places: &[PlaceMention],
    ) -> Vec<Event> {
        let _ = (article, analyzed, actors, times, places);
        Vec::new()
    }
}
