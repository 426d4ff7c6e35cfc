//! The event coder's state (its compiled patterns, word lists and
//! tables) and one sentence as every step reads it. Below every step: the
//! steps (`trigger`, `roles`, `stance`, `location`, `expand`,
//! `assemble`) and the driver (`code`) import this module, never the
//! other way round; `build` fills it.

use crate::actors::ActorMention;
use crate::ingest::Article;
use crate::text::Analyzed;

use super::attribution::{Frame, Sources};
use super::cameo::{CameoTable, DoerTable, IntentTable};
use super::clause::Grammar;
use super::lemma::Lemmatizer;
use super::modality::Cues;
use super::patterns::PatternSet;
use super::plover::PloverTable;
use super::sentence::Sent;

/// Codes events from the earlier stages' output. `Send + Sync`.
#[derive(Clone, Debug, Default)]
pub struct EventCoder {
    pub(super) lz: Lemmatizer,
    pub(super) pats: PatternSet,
    pub(super) grammar: Grammar,
    pub(super) cues: Cues,
    pub(super) sources: Sources,
    pub(super) cameo: CameoTable,
    pub(super) plover: PloverTable,
    pub(super) discards: crate::util::FastMap<String, Vec<Vec<String>>>,
    /// Lemma ids of auxiliaries and modality cue words: they end a noun
    /// phrase when looking for a determiner before a trigger.
    pub(super) aux: Vec<u32>,
    pub(super) any_verbal: bool,
    pub(super) intent: IntentTable,
    /// Lemma ids of the intent table's declaring verbs, any act.
    pub(super) declare: Vec<u32>,
    /// Lemma ids of declaring verbs for cooperative acts only.
    pub(super) declare_coop: Vec<u32>,
    /// Lemma ids of speech verbs that only claim (`doubt` in
    /// dicts/intent.tsv).
    pub(super) doubt: Vec<u32>,
    /// Lemma ids of speech verbs with which a speaker owns its act
    /// (`own` in dicts/intent.tsv): only they code a claim (015).
    pub(super) own: Vec<u32>,
    /// By pattern index: the pattern starts with its target slot
    /// ("+ receive aid from $"): the clause subject is the target.
    pub(super) subject_target: Vec<bool>,
    /// Acts recoded by their doer (`dicts/doers.tsv`).
    pub(super) doers: DoerTable,
    /// Scope words for the tree's clause analysis (`dicts/scope.tsv`).
    pub(super) scope: super::tree::ScopeWords,
    /// Weights of the event confidence (`dicts/confidence.tsv`).
    pub(super) confidence: super::confidence::ConfidenceModel,
    /// Drop events with no political actor on either side (relevance;
    /// off in TABARI mode, which codes as TABARI does).
    pub(super) relevance: bool,
    /// Most actors one coordination binds
    /// ([`EventCoder::set_max_coordinated_actors`]).
    pub(super) max_coordinated: usize,
}

/// One sentence as every step reads it.
pub(crate) struct SentenceCtx<'a> {
    /// The article.
    pub article: &'a Article,
    /// Its text layer.
    pub analyzed: &'a Analyzed,
    /// The sentence's index.
    pub si: usize,
    /// The prepared sentence: tokens, lemmas, actor groups.
    pub s: &'a Sent<'a>,
    /// The article's actors as events bind them (indexes of the groups'
    /// members).
    pub actors: &'a [ActorMention],
    /// Tokens inside parentheses or dashes.
    pub paren: &'a [bool],
    /// Reporting frames ("X said ...", "according to Y").
    pub frames: &'a [Frame],
}

impl SentenceCtx<'_> {
    /// The article text.
    pub fn text(&self) -> &str {
        &self.article.text
    }
}

impl EventCoder {
    /// Number of compiled verb patterns.
    pub fn pattern_count(&self) -> usize {
        self.pats.len()
    }

    /// Most actors one coordination ("A, B and C") binds (default
    /// [`super::MAX_COORDINATED_ACTORS`]): the list still counts as one
    /// group, but actors after the first `n` yield no events. Events per
    /// act grow with the square of a coordination (reciprocal acts pair
    /// every member with every other), so a list of 50,000 actors would
    /// otherwise take gigabytes.
    pub fn set_max_coordinated_actors(&mut self, n: usize) {
        self.max_coordinated = n.max(1);
    }

    /// The limit [`EventCoder::set_max_coordinated_actors`] sets.
    pub fn max_coordinated_actors(&self) -> usize {
        self.max_coordinated
    }
}
