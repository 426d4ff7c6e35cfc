//! The façade: one [`Coder`] runs every stage over an article.

use crate::actors::{ActorMatcher, LearnedPerson, RunMemory};
use crate::dict::Dictionaries;
use crate::events::{Event, EventCoder};
use crate::places::PlaceMatcher;
use crate::text;
use crate::time::TimeTagger;
use crate::Article;

/// Runs the whole pipeline. `Send + Sync`; share it across threads.
#[derive(Clone, Debug)]
pub struct Coder {
    times: TimeTagger,
    actors: ActorMatcher,
    places: PlaceMatcher,
    events: EventCoder,
}

impl Coder {
    /// A coder with the built-in dictionaries.
    pub fn builtin() -> crate::Result<Coder> {
        CoderBuilder::new().build()
    }

    /// The time tagger.
    pub fn times(&self) -> &TimeTagger {
        &self.times
    }

    /// The actor matcher.
    pub fn actors(&self) -> &ActorMatcher {
        &self.actors
    }

    /// The place matcher.
    pub fn places(&self) -> &PlaceMatcher {
        &self.places
    }

    /// The event coder.
    pub fn events(&self) -> &EventCoder {
        &self.events
    }

    /// Codes every event in `article`.
    pub fn code(&self, article: &Article) -> Vec<Event> {
        let analyzed = text::analyze(&article.text);
        let times = self.times.find(article.date, &article.text, &analyzed);
        let actors = self.actors.find(article, &analyzed);
        let places = self.places.find(&article.text, &analyzed);
        self.events.code(article, &analyzed, &actors, &times, &places)
    }

    /// [`Coder::code`] with persons learned earlier in the run resolving
    /// names this article does not define; also returns the persons this
    /// article learned, to [`RunMemory::merge`] in input order once the
    /// article's batch is coded.
    pub fn code_in_run(
        &self,
        article: &Article,
        memory: &RunMemory,
    ) -> (Vec<Event>, Vec<LearnedPerson>) {
        let analyzed = text::analyze(&article.text);
        let times = self.times.find(article.date, &article.text, &analyzed);
        let (actors, learned) =
            self.actors.find_in_run(article, &analyzed, memory);
        let places = self.places.find(&article.text, &analyzed);
        let events =
            self.events.code(article, &analyzed, &actors, &times, &places);
        (events, learned)
    }
}

/// Builds a [`Coder`].
///
/// # Example
///
/// ```
/// let coder = casus::CoderBuilder::new().builtin(true).build()?;
/// # let _ = coder;
/// # Ok::<(), casus::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct CoderBuilder {
    builtin: bool,
    extra: Dictionaries,
}

impl Default for CoderBuilder {
    fn default() -> CoderBuilder {
        CoderBuilder::new()
    }
}

impl CoderBuilder {
    /// A builder with the built-in dictionaries and nothing else.
    pub fn new() -> CoderBuilder {
        CoderBuilder { builtin: true, extra: Dictionaries::default() }
    }

    /// Whether to include the built-in dictionaries (default: true).
    pub fn builtin(&mut self, yes: bool) -> &mut CoderBuilder {
        self.builtin = yes;
        self
    }

    /// Adds user dictionaries (e.g. read from TABARI files).
    pub fn dictionaries(&mut self, dicts: Dictionaries) -> &mut CoderBuilder {
        self.extra.extend(dicts);
        self
    }

    /// Builds the coder.
    pub fn build(&self) -> crate::Result<Coder> {
        let mut dicts = if self.builtin {
            crate::dict::builtin()?
        } else {
            Dictionaries::default()
        };
        dicts.extend(self.extra.clone());
        Ok(Coder {
            times: TimeTagger::new(),
            actors: ActorMatcher::new(&dicts)?,
            places: PlaceMatcher::builtin()?,
            events: EventCoder::new(&dicts)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Coder>();
        assert_send_sync::<Event>();
        assert_send_sync::<Dictionaries>();
    }
}
