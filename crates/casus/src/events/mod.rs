//! Events: who did what to whom, with negation, modality, attribution,
//! location and date, each traced to the pattern that fired.
//!
//! Flow per sentence, one module per step (the driver is `code.rs`):
//! prepare the sentence and match the verb patterns at their triggers
//! (`trigger`: lemmas, actor groups, `patterns`); find who did it to
//! whom (`roles`, with a shallow clause analysis, `clause`); read
//! negation, modality, reporting frames and statements of intent
//! (`stance`); find where (`location`); expand coordinated and
//! reciprocal actors into dyads (`expand`); assemble one [`Event`] per
//! code and dyad with its CAMEO facts (`cameo`) and PLOVER type
//! (`plover`), then keep one per sentence, trigger, code and dyad
//! (`assemble`).

use serde::{Deserialize, Serialize};

use crate::codes::{ActorCode, CameoCode};
use crate::span::Span;
use crate::time::{DateFrom, Precision};

mod assemble;
mod attribution;
mod basis;
mod build;
pub(crate) mod cameo;
pub(crate) mod clause;
mod code;
pub mod confidence;
mod country;
mod engine;
mod expand;
/// The lemmatiser lives in the text layer (the syntax stage uses it too).
pub(crate) use crate::text::lemma;
pub(crate) mod lexicon;
mod location;
mod modality;
mod onesided;
mod parsed;
pub(crate) mod patterns;
mod planned;
pub(crate) mod plover;
mod reaction;
mod roles;
mod sentence;
mod stance;
mod story;
mod tabari_walk;
#[cfg(test)]
mod testutil;
pub(crate) mod tree;
mod trigger;

pub use self::engine::EventCoder;

/// Default [`EventCoder::set_max_coordinated_actors`]: news coordinations
/// name a few actors, a summit's list a few dozen; a longer run of names
/// is a list or hostile input.
pub const MAX_COORDINATED_ACTORS: usize = 50;

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
    /// How an actor not named as the act's source or target was found: a
    /// reaction's target (`condemned the raid`: the raid's doer) or the
    /// story's country for an open side; `None` for every other actor and
    /// in events stored before the field existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<ActorFrom>,
}

/// How the target of a reaction ("condemned the attack", "rejected the
/// accusation", "welcomed the truce") was found: the doer of the act
/// reacted to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorFrom {
    /// Named with the act in the same sentence ("the Israeli raid",
    /// "the attack by X").
    Text,
    /// The source of the most recent earlier event whose act matches
    /// the noun ("the attack" two sentences after "X attacked Y").
    Antecedent,
    /// Not named in the sentence: the story's country, for a side the
    /// sentence leaves open ("Two soldiers were killed" in a story about
    /// Mali); the actor's span is empty, at the trigger.
    Story,
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
    /// Alleged or claimed by someone other than the text ("accused X
    /// of arming ...", "claimed that Y had fired").
    Alleged,
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
    /// Place name: the gazetteer's canonical name, or the words of a
    /// place the gazetteer does not know ("the village of Tel Hamis").
    pub name: String,
    /// ISO alpha-3 country, if known.
    pub country: Option<String>,
    /// How the place was found; `None` in events stored before the
    /// field existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<LocationFrom>,
}

/// How an event's location was found, most reliable first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LocationFrom {
    /// Attached to the trigger in the dependency tree: an oblique
    /// ("killed in X", "near X"), the object's or subject's modifier
    /// ("bombed a mosque in X"), or the place acted on ("captured X").
    Verb,
    /// The nearest place after a locative word in the trigger's clause.
    Clause,
    /// The nearest place after a locative word elsewhere in the sentence.
    Sentence,
    /// The article's dateline ("TIARET, Algeria -"): a last resort, the
    /// place the story was filed from.
    Dateline,
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
    /// When `date` is a range's start ("the night of Jan. 6-7",
    /// "between Mar. 21-22"): the range's end (omitted otherwise; not
    /// kept by the store).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_end: Option<String>,
    /// The text asserts the event (not negated, modality asserted) but
    /// its date lies wholly after the article's publication date: a
    /// misread date or a plan told as done, worth a look (omitted when
    /// false; the store recomputes it on reading).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub after_published: bool,
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
    /// Where the pattern that fired is (`file:line`; with a table row's
    /// when one recoded the act: `...+dicts/intent.tsv:53`).
    pub pattern: String,
    /// The pattern's stable id (`fight/attack`; `+` the table row's id
    /// when one recoded the act): unchanged when dictionary lines move.
    pub pattern_id: String,
    /// The probability that the event is right (its actors' countries
    /// and CAMEO root), in [0, 1] to 3 decimals: a logistic model over
    /// the evidence [`confidence::FEATURES`] lists, calibrated on the
    /// project's document gold (`dicts/confidence.tsv`). Events read from
    /// JSON without it (written before it existed) get 1.
    #[serde(default = "full_confidence")]
    pub confidence: f32,
    /// The features `confidence` was computed from (for calibration;
    /// not serialized, never part of equality).
    #[serde(skip)]
    pub basis: confidence::Basis,
}

fn full_confidence() -> f32 {
    1.0
}

impl Event {
    /// Sets [`Event::after_published`] for an article published on
    /// `published`: an asserted, non-negated event whose date lies
    /// wholly after it.
    pub fn flag_after_published(&mut self, published: crate::date::Date) {
        self.after_published = !self.negated
            && self.modality == Modality::Asserted
            && crate::time::date_after(&self.date, published);
    }

    /// An act its own clause dates wholly after publication ("officials
    /// open talks tomorrow", "before he attends next week's meeting", "the
    /// strike on March 9" in a March 4 story) has not happened yet: it is
    /// planned (`intended`), not asserted. Not the acts of speech of
    /// [`SPEECH_ROOTS`]: a threat or demand made today about a later day
    /// ("will strike on Monday", "his demand when he arrives on
    /// Wednesday") is made now, and a statement of intent is asserted
    /// whatever day it names. Call after [`Event::flag_after_published`].
    pub fn plan_if_after_published(&mut self) {
        if self.after_published
            && self.date_from == DateFrom::Text
            && !SPEECH_ROOTS.contains(&self.root.as_str())
        {
            self.modality = Modality::Intended;
            self.after_published = false;
        }
    }
}

/// CAMEO roots of acts of speech (statements, appeals, intents, demands,
/// disapproval, rejection, threats): see [`Event::plan_if_after_published`].
const SPEECH_ROOTS: &[&str] = &["01", "02", "03", "10", "11", "12", "13"];
