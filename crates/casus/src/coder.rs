//! The façade: one [`Coder`] runs every stage over an article.
//!
//! It owns one object per stage (the text layer's word lists, the time
//! tagger, the actor and place matchers, the event coder), runs them in
//! the pipeline's order and dates the events the event stage assembles:
//! the time stage's answer, asked once per event.

use crate::actors::adjust::{self, PlaceActor};
use crate::actors::{
    ActorMatcher, ActorMention, LearnedPerson, Prepared, RunMemory,
};
use crate::dict::Dictionaries;
use crate::events::{Event, EventCoder};
use crate::ingest::Article;
use crate::places::{PlaceMatcher, PlaceMention};
use crate::span::Span;
use crate::syntax::{Parser, Parses};
use crate::text;
use crate::time::{DateFrom, Precision, TimeMention, TimeTagger};

/// The mention stages' output for one article: what the event stage
/// reads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mentions {
    /// Actor mentions, in text order.
    pub actors: Vec<ActorMention>,
    /// Time expressions, in text order (none when the coder does not
    /// date events from the text).
    pub times: Vec<TimeMention>,
    /// Place mentions, in text order.
    pub places: Vec<PlaceMention>,
}

/// Runs the whole pipeline. `Send + Sync`; share it across threads.
#[derive(Clone, Debug)]
pub struct Coder {
    /// The text layer's word lists.
    lexicon: text::Lexicon,
    times: TimeTagger,
    actors: ActorMatcher,
    places: PlaceMatcher,
    events: EventCoder,
    /// The dependency parser; `None` in TABARI mode, which codes by
    /// word patterns as TABARI did.
    parser: Option<&'static Parser>,
    tabari: bool,
    event_dates: bool,
}

impl Coder {
    /// A coder with the built-in dictionaries.
    pub fn builtin() -> crate::error::Result<Coder> {
        CoderBuilder::new().build()
    }

    /// The text layer over `text`, with this coder's word lists.
    pub fn analyze(&self, text: &str) -> text::Analyzed {
        text::analyze_with(text, &self.lexicon)
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

    /// The time expressions events are dated by; none when the coder
    /// was built without [`CoderBuilder::event_dates`].
    fn time_mentions(
        &self,
        article: &Article,
        analyzed: &text::Analyzed,
        parses: &Parses,
    ) -> Vec<crate::time::TimeMention> {
        if self.event_dates {
            self.times.find_parsed(
                article.date,
                &article.text,
                analyzed,
                parses,
            )
        } else {
            Vec::new()
        }
    }

    /// Trees for every sentence with a word that triggers a pattern,
    /// whoever its actors are: for callers whose mentions do not come
    /// from this coder's stages (test fixtures), which
    /// [`Coder::parse`]'s gate cannot see.
    pub fn parse_triggered(
        &self,
        text: &str,
        analyzed: &text::Analyzed,
    ) -> Parses {
        match self.parser {
            Some(p) => Parses::of(p, text, analyzed, |i| {
                self.events.may_trigger(analyzed.sentence_tokens(i))
            }),
            None => Parses::none(),
        }
    }

    /// The syntax stage: trees for the sentences that can yield an event,
    /// and no others (parsing them would be work no later stage needs
    /// for an event). A sentence can yield one when it names an actor or a
    /// place standing in for one and a verb pattern matches at one of its
    /// triggers ([`EventCoder::may_yield`]), both judged on the actor
    /// stage's mentions found without trees (the trees only refine
    /// them: coreference salience, nouns that modify nouns). `places`
    /// are the place stage's mentions; `memory` the run's persons when
    /// coding in a run. Sentences without a trigger word are ruled out
    /// first, without the actor stage; an article with none costs
    /// nothing more.
    pub fn parse(
        &self,
        article: &Article,
        analyzed: &text::Analyzed,
        places: &[PlaceMention],
        memory: Option<&RunMemory>,
    ) -> Parses {
        self.parse_prepared(article, analyzed, places, memory).0
    }

    /// [`Coder::parse`], also returning the first steps of the actor
    /// stage its gate took (none when no sentence has a trigger word), for
    /// the actor pass over the trees to start from.
    fn parse_prepared<'a>(
        &self,
        article: &Article,
        analyzed: &'a text::Analyzed,
        places: &[PlaceMention],
        memory: Option<&RunMemory>,
    ) -> (Parses, Option<Prepared<'a>>) {
        let Some(p) = self.parser else { return (Parses::none(), None) };
        let n = analyzed.sentences.len();
        let trigger: Vec<bool> = (0..n)
            .map(|i| self.events.may_trigger(analyzed.sentence_tokens(i)))
            .collect();
        if !trigger.contains(&true) {
            return (Parses::none(), None);
        }
        let cx = crate::actors::Context { parses: None, places };
        let prep = self.actors.prepare(article, analyzed, places, true);
        let (mentions, _) =
            self.actors.find_prepared(article, &cx, memory, &prep);
        let candidates: Vec<Option<PlaceActor<'_>>> = places
            .iter()
            .map(|p| place_actor(p).filter(|_| !in_name(&article.text, p)))
            .collect();
        let actors = adjust::for_events(&article.text, &mentions, &candidates);
        let wanted = self.events.may_yield(&article.text, analyzed, &actors);
        let parses = Parses::of(p, &article.text, analyzed, |i| {
            trigger[i] && wanted.get(i).copied().unwrap_or(false)
        });
        (parses, Some(prep))
    }

    /// Codes every event in `article`. An article over [`CHUNK_BYTES`]
    /// is coded in pieces ([`Coder::code_in_run`]).
    pub fn code(&self, article: &Article) -> Vec<Event> {
        if article.text.len() > CHUNK_BYTES {
            return chunked(article, |piece| {
                let (events, n) = self.code_whole(piece);
                (events, Vec::new(), n)
            })
            .0;
        }
        self.code_whole(article).0
    }

    /// [`Coder::code`] with the trees `parse` gives for the text layer's
    /// sentences instead of this coder's parser: for measuring the event
    /// stage on a treebank's gold trees (`casus-eval events
    /// --gold-trees`). The article is coded whole (no pieces).
    pub fn code_with_parses(
        &self,
        article: &Article,
        parse: impl FnOnce(&text::Analyzed) -> Parses,
    ) -> Vec<Event> {
        let analyzed = self.analyze(&article.text);
        let parses = parse(&analyzed);
        let places = self.places.find(&article.text, &analyzed);
        self.code_parsed(article, &analyzed, &parses, places)
    }

    /// [`Coder::code`] on the whole text at once, with its sentence count.
    fn code_whole(&self, article: &Article) -> (Vec<Event>, usize) {
        let analyzed = self.analyze(&article.text);
        let places = self.places.find(&article.text, &analyzed);
        let parses = self.parse(article, &analyzed, &places, None);
        let events = self.code_parsed(article, &analyzed, &parses, places);
        (events, analyzed.sentences.len())
    }

    /// The mention stages and the event stage over a parsed text.
    fn code_parsed(
        &self,
        article: &Article,
        analyzed: &text::Analyzed,
        parses: &Parses,
        places: Vec<crate::places::PlaceMention>,
    ) -> Vec<Event> {
        let actors = if self.tabari {
            self.actors.find_with_places(article, analyzed)
        } else {
            let cx = crate::actors::Context {
                parses: Some(parses),
                places: &places,
            };
            self.actors.find(article, analyzed, &cx)
        };
        let mentions = Mentions {
            times: self.time_mentions(article, analyzed, parses),
            places,
            actors,
        };
        self.code_mentions(article, analyzed, parses, &mentions)
    }

    /// The event stage over mentions found elsewhere (by this coder's
    /// stages, or a test's fixtures): events assembled from `mentions`
    /// and the sentences' trees, dated from `mentions.times`.
    pub fn code_mentions(
        &self,
        article: &Article,
        analyzed: &text::Analyzed,
        parses: &Parses,
        mentions: &Mentions,
    ) -> Vec<Event> {
        // Places may stand in for their country where a pattern slot
        // binds them ("arrived in Germany").
        let places: Vec<Option<PlaceActor<'_>>> = mentions
            .places
            .iter()
            .map(|p| place_actor(p).filter(|_| !in_name(&article.text, p)))
            .collect();
        let actors =
            adjust::for_events(&article.text, &mentions.actors, &places);
        let mut events = self.events.code(
            article,
            analyzed,
            parses,
            &actors,
            &mentions.places,
        );
        // A monthly round-up's title month dates what nothing else does.
        let period = article
            .title
            .as_deref()
            .and_then(|t| self.times.title_period(t, article.date));
        for e in &mut events {
            // The date in the event's own clause ("X did A on Monday; on
            // Tuesday Y did B").
            let mut d = self.times.event_date_in(
                article.date,
                &article.text,
                analyzed,
                &mentions.times,
                parses.get(e.sentence),
                e.sentence,
                e.span,
            );
            if d.date_from == DateFrom::Published
                && d.precision == Precision::Day
            {
                if let Some(p) = &period {
                    d = p.clone();
                }
            }
            e.date = d.date;
            e.date_from = d.date_from;
            e.precision = d.precision;
            e.date_end = d.date_end;
            e.flag_after_published(article.date);
            e.plan_if_after_published();
        }
        date_lead_from_detail(&mut events, article.date);
        events
    }

    /// [`Coder::code`] with persons learned earlier in the run resolving
    /// names this article does not define; also returns the persons this
    /// article learned, to [`RunMemory::merge`] in input order once the
    /// article's batch is coded.
    ///
    /// An article over [`CHUNK_BYTES`] is coded in pieces cut at line
    /// ends (else sentence ends): the text layer, parses and mentions of
    /// a 200 MB article would otherwise take ~30 times its size at once.
    /// Spans, sentence numbers and event ids are those of the whole
    /// article; a piece does not see the dates and names of the one
    /// before it.
    pub fn code_in_run(
        &self,
        article: &Article,
        memory: &RunMemory,
    ) -> (Vec<Event>, Vec<LearnedPerson>) {
        let (events, learned, _) = self.code_in_run_noted(article, memory);
        (events, learned)
    }

    /// [`Coder::code_in_run`], also saying which per-sentence limits the
    /// article reached ([`Limits`]), for the one line a run prints about
    /// it.
    pub fn code_in_run_noted(
        &self,
        article: &Article,
        memory: &RunMemory,
    ) -> (Vec<Event>, Vec<LearnedPerson>, Limits) {
        // TABARI mode has its own actor pass (locative actors) and, as
        // TABARI, no memory across articles.
        if self.tabari {
            return (self.code(article), Vec::new(), Limits::default());
        }
        let limits = std::cell::Cell::new(Limits::default());
        let whole = |a: &Article| {
            let (events, learned, n, l) = self.code_in_run_whole(a, memory);
            limits.set(limits.get().add(l));
            (events, learned, n)
        };
        let (events, learned) = if article.text.len() > CHUNK_BYTES {
            chunked(article, whole)
        } else {
            let (events, learned, _) = whole(article);
            (events, learned)
        };
        (events, learned, limits.get())
    }

    /// The persons `article` teaches the run memory, without coding its
    /// events: what [`Coder::code_in_run`] returns second, from the same
    /// text, syntax, place and actor stages (the actor stage reads the
    /// parse for coreference, so skipping it could teach other persons).
    /// `casus ingest` calls it for articles the store already holds
    /// unchanged, so a resumed ingest rebuilds the memory a clean one has.
    pub fn learn_in_run(
        &self,
        article: &Article,
        memory: &RunMemory,
    ) -> Vec<LearnedPerson> {
        if self.tabari {
            return Vec::new();
        }
        let learn = |a: &Article| self.actors_of(a, memory).1;
        if article.text.len() > CHUNK_BYTES {
            return chunked(article, |piece| (Vec::new(), learn(piece), 0)).1;
        }
        learn(article)
    }

    /// The actor mentions of `article` as [`Coder::code_in_run`] finds
    /// them (the same text, place and syntax stages, so the same
    /// countries: `casus actors` lists what `casus code` codes), and the
    /// persons it learned. An article over [`CHUNK_BYTES`], which the
    /// event path codes in pieces, is read whole without trees here (its
    /// spans stay those of the whole text); TABARI mode's actors are its
    /// own ([`ActorMatcher::find_with_places`]).
    pub fn actors_in_run(
        &self,
        article: &Article,
        memory: &RunMemory,
    ) -> (Vec<ActorMention>, Vec<LearnedPerson>) {
        if self.tabari {
            let analyzed = self.analyze(&article.text);
            return (
                self.actors.find_with_places(article, &analyzed),
                Vec::new(),
            );
        }
        if article.text.len() > CHUNK_BYTES {
            let analyzed = self.analyze(&article.text);
            let places = self.places.find(&article.text, &analyzed);
            let cx = crate::actors::Context { parses: None, places: &places };
            return self.actors.find_in_run(article, &analyzed, &cx, memory);
        }
        self.actors_of(article, memory)
    }

    /// The actor stage over `article` whole, with its places and trees.
    fn actors_of(
        &self,
        article: &Article,
        memory: &RunMemory,
    ) -> (Vec<ActorMention>, Vec<LearnedPerson>) {
        let analyzed = self.analyze(&article.text);
        let places = self.places.find(&article.text, &analyzed);
        let parses = self.parse(article, &analyzed, &places, Some(memory));
        let cx =
            crate::actors::Context { parses: Some(&parses), places: &places };
        self.actors.find_in_run(article, &analyzed, &cx, memory)
    }

    fn code_in_run_whole(
        &self,
        article: &Article,
        memory: &RunMemory,
    ) -> (Vec<Event>, Vec<LearnedPerson>, usize, Limits) {
        let analyzed = self.analyze(&article.text);
        let places = self.places.find(&article.text, &analyzed);
        let (parses, prep) =
            self.parse_prepared(article, &analyzed, &places, Some(memory));
        let cx =
            crate::actors::Context { parses: Some(&parses), places: &places };
        // The gate's first actor steps read neither trees nor memory: the
        // same here.
        let (actors, learned) = match &prep {
            Some(prep) => {
                self.actors.find_prepared(article, &cx, Some(memory), prep)
            }
            None => self.actors.find_in_run(article, &analyzed, &cx, memory),
        };
        let mentions = Mentions {
            times: self.time_mentions(article, &analyzed, &parses),
            places,
            actors,
        };
        let events =
            self.code_mentions(article, &analyzed, &parses, &mentions);
        let limits = self.limits(&analyzed, &mentions);
        (events, learned, analyzed.sentences.len(), limits)
    }

    /// The per-sentence limits `analyzed` and `mentions` reached.
    fn limits(
        &self,
        analyzed: &text::Analyzed,
        mentions: &Mentions,
    ) -> Limits {
        let cap = self.lexicon.max_sentence_tokens();
        let cut = analyzed
            .sentences
            .iter()
            .filter(|s| s.tokens.len() >= cap)
            .count();
        let max_times = self.times.max_sentence_times();
        let (mut times, mut run) = (0, (usize::MAX, 0));
        for t in &mentions.times {
            run = if run.0 == t.sentence {
                (run.0, run.1 + 1)
            } else {
                (t.sentence, 1)
            };
            if run.1 == max_times {
                times += 1;
            }
        }
        // A coordination over the cap: more country-bearing actors in a
        // row, joined by "and"/"or"/commas, than the event stage binds.
        let max_coord = self.events.max_coordinated_actors();
        let text_of = |a: &ActorMention, b: &ActorMention| {
            analyzed_gap(&analyzed.tokens, a.span, b.span)
        };
        let (mut coordinations, mut len) = (0, 1);
        for w in mentions.actors.windows(2) {
            if w[0].sentence == w[1].sentence && text_of(&w[0], &w[1]) {
                len += 1;
                if len == max_coord + 1 {
                    coordinations += 1;
                }
            } else {
                len = 1;
            }
        }
        Limits {
            cut_sentences: cut,
            full_sentences: times,
            long_coordinations: coordinations,
        }
    }
}

/// Whether only joining words ("and", "or", "&", commas) lie between
/// spans `a` and `b` (in text order), by the tokens between them.
fn analyzed_gap(tokens: &[text::Token], a: Span, b: Span) -> bool {
    let from = tokens.partition_point(|t| t.span.start < a.end);
    for (n, t) in tokens[from..].iter().enumerate() {
        if t.span.start >= b.start {
            return n > 0;
        }
        if !matches!(t.norm.as_str(), "," | "and" | "or" | "&") || n >= 3 {
            return false;
        }
    }
    false
}

/// Per-sentence limits an article reached (all zero: none): what the
/// coder truncated, for the line `casus code`/`ingest` print about it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Sentences cut at [`CoderBuilder::max_sentence_tokens`].
    pub cut_sentences: usize,
    /// Sentences whose search for time expressions stopped at
    /// [`CoderBuilder::max_sentence_times`].
    pub full_sentences: usize,
    /// Coordinations longer than [`CoderBuilder::max_coordinated_actors`]
    /// (only their first actors bound).
    pub long_coordinations: usize,
}

impl Limits {
    /// Both counts summed (pieces of one article).
    fn add(self, o: Limits) -> Limits {
        Limits {
            cut_sentences: self.cut_sentences + o.cut_sentences,
            full_sentences: self.full_sentences + o.full_sentences,
            long_coordinations: self.long_coordinations + o.long_coordinations,
        }
    }

    /// Whether no limit was reached.
    pub fn is_empty(&self) -> bool {
        *self == Limits::default()
    }

    /// The reasons, e.g. `2 sentences cut at 250 tokens`, given the
    /// coder's limits; empty when none was reached.
    pub fn describe(&self, coder: &Coder) -> Vec<String> {
        let mut out = Vec::new();
        let s = |n: usize| if n == 1 { "" } else { "s" };
        if self.cut_sentences > 0 {
            out.push(format!(
                "{} sentence{} cut at {} tokens (--max-sentence-tokens)",
                self.cut_sentences,
                s(self.cut_sentences),
                coder.lexicon.max_sentence_tokens()
            ));
        }
        if self.full_sentences > 0 {
            out.push(format!(
                "{} sentence{} searched for only {} time expressions \
                 (--max-sentence-times)",
                self.full_sentences,
                s(self.full_sentences),
                coder.times.max_sentence_times()
            ));
        }
        if self.long_coordinations > 0 {
            out.push(format!(
                "{} coordination{} bound to their first {} actors \
                 (--max-coordinated-actors)",
                self.long_coordinations,
                s(self.long_coordinations),
                coder.events.max_coordinated_actors()
            ));
        }
        out
    }
}

/// Articles longer than this many bytes are coded in pieces of at most
/// this size ([`Coder::code_in_run`]); far above any news article.
pub const CHUNK_BYTES: usize = 1 << 20;

/// Where the piece of `text` starting at `from` ends: after the last
/// newline within [`CHUNK_BYTES`], else after the last ". ", else at a
/// character boundary.
fn piece_end(text: &str, from: usize) -> usize {
    let limit = from + CHUNK_BYTES;
    if limit >= text.len() {
        return text.len();
    }
    let window = &text.as_bytes()[from..limit];
    let cut = memchr::memrchr(b'\n', window)
        .map(|i| i + 1)
        .or_else(|| memchr::memmem::rfind(window, b". ").map(|i| i + 2))
        .filter(|&i| i > CHUNK_BYTES / 2)
        .map_or(limit, |i| from + i);
    let mut cut = cut;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    cut.max(from + 1)
}

/// A piece's event id made unique in the article: FNV-1a over the id and
/// the piece's offset, as 16 hex digits like every event id.
fn rehash(id: &str, offset: usize) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes().chain(offset.to_le_bytes()) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Codes `article` piece by piece with `code` (events, learned persons,
/// sentence count of the piece), shifting each piece's spans, sentence
/// numbers and event ids to the whole article's.
fn chunked(
    article: &Article,
    mut code: impl FnMut(&Article) -> (Vec<Event>, Vec<LearnedPerson>, usize),
) -> (Vec<Event>, Vec<LearnedPerson>) {
    let text = &article.text;
    let (mut events, mut learned) = (Vec::new(), Vec::new());
    let (mut from, mut sentences) = (0, 0);
    while from < text.len() {
        let to = piece_end(text, from);
        let piece = Article {
            text: text[from..to].to_string(),
            id: article.id.clone(),
            date: article.date,
            title: article.title.clone(),
            url: article.url.clone(),
            outlet: article.outlet.clone(),
            language: article.language.clone(),
        };
        let (evs, persons, n) = code(&piece);
        let shift = |sp: Span| {
            Span::new(sp.start as usize + from, sp.end as usize + from)
        };
        for mut e in evs {
            e.span = shift(e.span);
            e.sentence += sentences;
            for a in
                [e.source.as_mut(), e.target.as_mut()].into_iter().flatten()
            {
                a.span = shift(a.span);
            }
            e.event_id = rehash(&e.event_id, from);
            events.push(e);
        }
        for mut p in persons {
            p.span = shift(p.span);
            learned.push(p);
        }
        sentences += n;
        from = to;
    }
    (events, learned)
}

/// A place as a candidate actor coded by its country ("in Germany" ->
/// `DEU`); a place of no country is none.
/// Whether place `p` is part of a company's or a market's name
/// ("Terumo Corp of Tokyo", "the Tokyo Stock Exchange").
fn in_name(text: &str, p: &PlaceMention) -> bool {
    crate::actors::place_in_name(
        text,
        p.span.start as usize,
        p.span.end as usize,
    )
}

fn place_actor(p: &PlaceMention) -> Option<PlaceActor<'_>> {
    Some(PlaceActor {
        span: p.span,
        sentence: p.sentence,
        country: p.country.as_deref()?,
        name: &p.name,
        entry: &p.entry,
    })
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
    tabari: bool,
    event_dates: bool,
    max_sentence_tokens: usize,
    max_coordinated_actors: usize,
    max_sentence_times: usize,
}

impl Default for CoderBuilder {
    fn default() -> CoderBuilder {
        CoderBuilder::new()
    }
}

impl CoderBuilder {
    /// A builder with the built-in dictionaries and nothing else.
    pub fn new() -> CoderBuilder {
        CoderBuilder {
            builtin: true,
            extra: Dictionaries::default(),
            tabari: false,
            event_dates: true,
            max_sentence_tokens: text::MAX_SENTENCE_TOKENS,
            max_coordinated_actors: crate::events::MAX_COORDINATED_ACTORS,
            max_sentence_times: crate::time::MAX_SENTENCE_TIMES,
        }
    }

    /// Most actors one coordination binds (default
    /// [`crate::events::MAX_COORDINATED_ACTORS`]); see
    /// [`EventCoder::set_max_coordinated_actors`].
    pub fn max_coordinated_actors(&mut self, n: usize) -> &mut CoderBuilder {
        self.max_coordinated_actors = n;
        self
    }

    /// Most time expressions found in one sentence (default
    /// [`crate::time::MAX_SENTENCE_TIMES`]); see
    /// [`TimeTagger::set_max_sentence_times`].
    pub fn max_sentence_times(&mut self, n: usize) -> &mut CoderBuilder {
        self.max_sentence_times = n;
        self
    }

    /// Most tokens in one sentence (default
    /// [`text::MAX_SENTENCE_TOKENS`]): longer runs are cut into pieces,
    /// which bounds the work of every later stage per sentence (actors
    /// in one coordination, time expressions in one sentence).
    pub fn max_sentence_tokens(&mut self, n: usize) -> &mut CoderBuilder {
        self.max_sentence_tokens = n;
        self
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

    /// TABARI mode (default: false): code as TABARI and PETRARCH do, for
    /// their dictionaries and test suites. Actors after a locative
    /// preposition ("in Seoul", "at Bree") stay actors that may be an
    /// event's target (otherwise they are places), and no article
    /// resolves names from persons earlier articles of the run defined.
    /// It is one explicit setting: never inferred from which
    /// dictionaries were given.
    ///
    /// # Example
    ///
    /// ```
    /// let coder = casus::CoderBuilder::new().tabari(true).build()?;
    /// # let _ = coder;
    /// # Ok::<(), casus::Error>(())
    /// ```
    pub fn tabari(&mut self, yes: bool) -> &mut CoderBuilder {
        self.tabari = yes;
        self
    }

    /// Whether events are dated from the time expressions of their text
    /// (default: true). Off, the time stage does not run and every event
    /// carries its article's date (`date_from: published`), as
    /// TABARI/PETRARCH date events by their story: for runs that need
    /// only who did what to whom, and say so (`casus-eval gigaword
    /// --no-dates`). Everything else is coded as with dates.
    pub fn event_dates(&mut self, yes: bool) -> &mut CoderBuilder {
        self.event_dates = yes;
        self
    }

    /// Builds the coder. The stages compile on separate threads (the
    /// time grammar's regexes, the actor automaton and the place matcher
    /// dominate start-up and do not depend on each other); the built-in
    /// actor and verb files are parsed on the threads that compile them.
    pub fn build(&self) -> crate::error::Result<Coder> {
        // A panic in a stage's build is re-raised here.
        fn join<T>(r: std::thread::Result<T>) -> T {
            r.unwrap_or_else(|p| std::panic::resume_unwind(p))
        }
        std::thread::scope(|scope| {
            let times = scope.spawn(TimeTagger::new);
            let places = scope.spawn(PlaceMatcher::builtin);
            // The model loads while the dictionaries compile.
            let parser = (!self.tabari).then(|| scope.spawn(Parser::builtin));
            let (actors, events) = if self.builtin {
                // Each stage gets its own built-in file (the actor matcher
                // reads only actors and agents, the event coder only
                // verbs, synsets and discards) plus all the user's
                // dictionaries, merged by `Dictionaries::extend` as
                // `dict::builtin()` + `extend` would (built-in entries
                // first, flags such as `stack_agents` carried over).
                let actors = scope.spawn(|| {
                    let mut d = crate::dict::builtin_actors()?;
                    d.extend(self.extra.clone());
                    ActorMatcher::new(&d)
                });
                let events = crate::dict::builtin_verbs().and_then(|mut d| {
                    d.extend(self.extra.clone());
                    EventCoder::new(&d)
                });
                (join(actors.join()), events)
            } else {
                // User dictionaries alone are used in place, not copied.
                let actors = scope.spawn(|| ActorMatcher::new(&self.extra));
                let events = EventCoder::new(&self.extra);
                (join(actors.join()), events)
            };
            let places = join(places.join());
            let mut lexicon = text::Lexicon::builtin();
            lexicon.set_max_sentence_tokens(self.max_sentence_tokens);
            let mut times = join(times.join());
            times.set_max_sentence_times(self.max_sentence_times);
            let mut events = events?;
            events.set_max_coordinated_actors(self.max_coordinated_actors);
            Ok(Coder {
                lexicon,
                times,
                actors: actors?,
                places: places?,
                events: events.with_relevance(!self.tabari),
                parser: parser.map(|p| join(p.join())),
                tabari: self.tabari,
                event_dates: self.event_dates,
            })
        })
    }
}

/// Days before publication a detail's date may lie and still date the
/// lead's act (an older date is background, not the news).
const LEAD_DETAIL_DAYS: u64 = 7;

/// Dates the lead's undated violence by the next sentences' dated report
/// of it. A wire lead sums the act up without its day ("a drone attack
/// that killed three American soldiers"); the sentences after it tell
/// the day ("The drone struck the soldiers' quarters before dawn on
/// Sunday"). Only a violent act of the next two sentences, dated in its
/// own words within a week before publication and done to the very actor
/// the lead's violence is done to (the same code: "Palestinian targets"
/// then "guerrillas loyal to Arafat" in "a similar raid ... on Friday"
/// are another act), by no other doer, dates the lead's violence.
fn date_lead_from_detail(events: &mut [Event], published: crate::date::Date) {
    let violent = |e: &Event| matches!(e.root.as_str(), "18" | "19" | "20");
    let lead: Vec<usize> = (0..events.len())
        .filter(|&i| {
            let e = &events[i];
            e.sentence == 0 && violent(e) && e.date_from == DateFrom::Published
        })
        .collect();
    let lead_dyads: Vec<(Option<&str>, &str)> = lead
        .iter()
        .filter_map(|&i| {
            let e = &events[i];
            Some((actor_code(&e.source), actor_code(&e.target)?))
        })
        .collect();
    let Some(earliest) =
        published.checked_sub_days(chrono::Days::new(LEAD_DETAIL_DAYS))
    else {
        return;
    };
    let detail = events.iter().find(|e| {
        let day = crate::date::Date::parse_from_str(&e.date, "%Y-%m-%d").ok();
        (1..=2).contains(&e.sentence)
            && violent(e)
            && !e.negated
            && e.date_from == DateFrom::Text
            && e.precision == Precision::Day
            && day.is_some_and(|d| earliest <= d && d < published)
            && actor_code(&e.target).is_some_and(|t| {
                let src = actor_code(&e.source);
                lead_dyads.iter().any(|&(s, lt)| {
                    lt == t && (s.is_none() || src.is_none() || s == src)
                })
            })
    });
    let Some(date) = detail.map(|e| e.date.clone()) else { return };
    for i in lead {
        events[i].date.clone_from(&date);
        events[i].date_from = DateFrom::Anchor;
    }
}

/// The actor code of an event's source or target, if it has one.
fn actor_code(a: &Option<crate::events::EventActor>) -> Option<&str> {
    a.as_ref().map(|a| a.code.as_str())
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

    /// The syntax stage parses a sentence only when it can yield an
    /// event: a trigger word, an actor and a matching pattern.
    #[test]
    fn parses_only_sentences_that_can_yield_events() {
        let coder = Coder::builtin().expect("coder");
        let date = chrono::NaiveDate::from_ymd_opt(2024, 2, 11).expect("date");
        let text = "The weather was fine on Sunday. Egypt condemned the \
                    attack. Prices condemned nobody. The attack shocked \
                    investors. France and Italy signed the accord.";
        let a = Article::new("t", date, text);
        let analyzed = coder.analyze(&a.text);
        let places = coder.places().find(&a.text, &analyzed);
        let parses = coder.parse(&a, &analyzed, &places, None);
        let got: Vec<bool> = (0..analyzed.sentences.len())
            .map(|i| parses.get(i).is_some())
            .collect();
        assert_eq!(got, [false, true, false, false, true]);
        // Every sentence that yields an event had a tree.
        for e in coder.code(&a) {
            assert!(parses.get(e.sentence).is_some(), "{}", e.sentence);
        }
        // TABARI mode parses nothing.
        let tabari = CoderBuilder::new().tabari(true).build().expect("coder");
        let none = tabari.parse(&a, &analyzed, &places, None);
        assert_eq!(none.parsed(), 0);
    }

    /// A lead's undated violence takes the day the next sentences give
    /// the same victims' attack; "a similar raid" on other targets, or a
    /// day long before publication, dates nothing of the lead.
    /// (text, [(sentence, cameo, date)] of the root 18-20 events).
    #[test]
    fn lead_dated_by_its_detail() {
        let date = chrono::NaiveDate::from_ymd_opt(2024, 2, 11).expect("date");
        let coder = Coder::builtin().expect("coder");
        type Case<'a> = (&'a str, &'a [(usize, &'a str, &'a str)]);
        let cases: &[Case<'_>] = &[
            (
                "A roadside bomb killed four Nigerian soldiers near Maiduguri. \
                 The bomb struck the soldiers' truck on Friday evening.",
                &[
                    (0, "183", "2024-02-09"),
                    (0, "180", "2024-02-09"),
                    (1, "190", "2024-02-09"),
                ],
            ),
            (
                "A roadside bomb killed four Nigerian soldiers near Maiduguri. \
                 The bomb struck the soldiers' truck on January 5.",
                &[
                    (0, "183", "2024-02-11"),
                    (0, "180", "2024-02-11"),
                    (1, "190", "2024-01-05"),
                ],
            ),
        ];
        for (text, want) in cases {
            let a = Article::new("t", date, text);
            let events = coder.code(&a);
            let got: Vec<(usize, &str, &str)> = events
                .iter()
                .filter(|e| matches!(e.root.as_str(), "18" | "19" | "20"))
                .map(|e| (e.sentence, e.cameo.as_str(), e.date.as_str()))
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    /// (text, [(cameo, date with dates, date without)]): without event
    /// dates the same events carry the article's date.
    #[test]
    fn event_dates_off() {
        use crate::time::DateFrom;
        let date = chrono::NaiveDate::from_ymd_opt(2024, 2, 11).expect("date");
        let with = Coder::builtin().expect("coder");
        let without =
            CoderBuilder::new().event_dates(false).build().expect("coder");
        type Case<'a> = (&'a str, &'a [(&'a str, &'a str, &'a str)]);
        let cases: &[Case<'_>] = &[
            (
                "Israel attacked Lebanon on Monday.",
                &[("190", "2024-02-05", "2024-02-11")],
            ),
            (
                "Russia attacked Ukraine.",
                &[("190", "2024-02-11", "2024-02-11")],
            ),
        ];
        for (text, want) in cases {
            let a = Article::new("t", date, text);
            let (x, y) = (with.code(&a), without.code(&a));
            assert_eq!(x.len(), y.len(), "{text}");
            for (e, f) in x.iter().zip(&y) {
                assert_eq!(
                    (&e.cameo, &e.source, &e.target, &e.pattern),
                    (&f.cameo, &f.source, &f.target, &f.pattern),
                    "{text}"
                );
                assert_eq!(f.date_from, DateFrom::Published, "{text}");
            }
            let got: Vec<(&str, &str, &str)> = x
                .iter()
                .zip(&y)
                .filter(|(e, _)| e.cameo == "190")
                .map(|(e, f)| {
                    (e.cameo.as_str(), e.date.as_str(), f.date.as_str())
                })
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }
}
