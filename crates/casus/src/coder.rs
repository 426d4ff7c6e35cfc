//! The façade: one [`Coder`] runs every stage over an article.

use crate::actors::ActorMatcher;
use crate::events::{Event, EventCoder};
use crate::text;
use crate::time::TimeTagger;
use crate::Article;

/// Runs the whole pipeline. `Send + Sync`; share it across threads.
#[derive(Clone, Debug)]
pub struct Coder {
    times: TimeTagger,
    actors: ActorMatcher,
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

    /// The event coder.
    pub fn events(&self) -> &EventCoder {
        &self.events
    }

    /// Codes every event in `article`.
    pub fn code(&self, article: &Article) -> Vec<Event> {
        let analyzed = text::analyze(&article.text);
        let times = self.times.find(article.date, &article.text, &analyzed);
        let actors = self.actors.find(article, &analyzed);
        self.events.code(article, &analyzed, &actors, &times)
    }
}

/// Builds a [`Coder`].
#[derive(Clone, Debug, Default)]
pub struct CoderBuilder {}

impl CoderBuilder {
    /// A builder with the built-in dictionaries.
    pub fn new() -> CoderBuilder {
        CoderBuilder {}
    }

    /// Builds the coder.
    pub fn build(&self) -> crate::Result<Coder> {
        Ok(Coder {
            times: TimeTagger::new(),
            actors: ActorMatcher::builtin()?,
            events: EventCoder::builtin()?,
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
    }
}
