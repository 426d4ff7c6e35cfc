//! The tagger and parser at inference time.

use std::sync::LazyLock;

use crate::error::Error;
use crate::span::Span;
use crate::syntax::features::{self, Finished, Lex, Words, NO_TAG};
use crate::syntax::lemma::Lemmas;
use crate::syntax::model::Model;
use crate::syntax::transition::{Move, State};
use crate::syntax::tree::{SentenceTree, Word};
use crate::syntax::weights::{hash_str, Table};
use crate::syntax::words::{words, SynWord};
use crate::syntax::{Deprel, Rel, Upos};
use crate::text::{normalize, Analyzed, Token};

/// The committed model (see `dicts/model/README.md`).
static BUILTIN_MODEL: &[u8] =
    include_bytes!("../../../../dicts/model/parser.bin");

/// Sentences are parsed in chunks of at most this many words, so a
/// "sentence" of thousands of words (a table, a list without periods)
/// costs linear time and bounded memory; each later chunk's root is
/// attached to the first chunk's root as `parataxis`.
pub const MAX_CHUNK: usize = 256;

/// A trained tagger, lemmatiser and dependency parser. Built once,
/// shared by reference: `Send + Sync`, every method takes `&self`.
///
/// ```
/// use casus::syntax::{Parser, Rel};
///
/// let text = "Egypt condemned the attack.";
/// let analyzed = casus::text::analyze(text);
/// let tree = Parser::builtin().parse(text, &analyzed, 0);
/// let root = tree.root().expect("a root");
/// assert_eq!(tree.word(root).map(|w| w.span.slice(text)), Some("condemned"));
/// ```
#[derive(Clone, Debug)]
pub struct Parser {
    model: Model,
    lemmas: Lemmas,
    /// Labels allowed on left / right arcs (never `root`).
    left: Vec<u8>,
    right: Vec<u8>,
    /// With a relabeller: add the first stage's label scores to its own
    /// (else its own decide alone).
    relabel_sum: bool,
    /// Beam width of the decoder: 1 is greedy (the default for a
    /// greedily trained model; a globally trained one records its width
    /// in the header, `train.beam`).
    beam: usize,
    /// Beam candidates more than this far (in weight units) below the
    /// best are dropped, so the beam narrows where the model is sure.
    beam_margin: f32,
}

/// The default [`Parser::with_beam_margin`]: no pruning.
pub const NO_BEAM_MARGIN: f32 = f32::INFINITY;

/// Buffers reused across the words of one sentence.
#[derive(Default)]
struct Scratch {
    state: State,
    words: Words,
    feats: Vec<u64>,
    lfeats: Vec<u64>,
    scores: Vec<i32>,
    /// The first labelling stage's scores of each word's arc (rows of
    /// label count), kept for the relabeller's `sum` mode.
    first: Vec<i32>,
    /// Heads of the finished chunk and what the relabeller sees of it.
    heads: Vec<usize>,
    fin: Finished,
    /// Beam decoding: the current and next beams (states reused across
    /// steps, so a step allocates nothing) and the step's candidates.
    beam: Vec<State>,
    next: Vec<State>,
    totals: Vec<i64>,
    next_totals: Vec<i64>,
    cands: Vec<Cand>,
}

/// A beam candidate: a parent state and the move that extends it
/// (`None`: the parent is finished and carries over).
#[derive(Clone, Copy, Debug)]
struct Cand {
    total: i64,
    parent: usize,
    mv: Option<Move>,
    margin: i32,
}

/// The attachment of one word.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Arc {
    pub head: u32,
    pub label: u8,
    pub margin: f32,
}

impl Parser {
    /// Loads a model file's bytes.
    pub fn from_bytes(bytes: &[u8]) -> crate::error::Result<Parser> {
        Parser::from_model(Model::from_bytes(bytes)?)
    }

    pub(crate) fn from_model(model: Model) -> crate::error::Result<Parser> {
        let root =
            model.labels.iter().position(|&l| l == Deprel::ROOT).ok_or_else(
                || Error::Model("the label set lacks root".into()),
            )? as u8;
        let allowed = |mask: u64| -> Vec<u8> {
            (0..model.labels.len() as u8)
                .filter(|&l| l != root && mask & (1 << l) != 0)
                .collect()
        };
        let (left, right) = (allowed(model.left), allowed(model.right));
        if left.is_empty() || right.is_empty() {
            return Err(Error::Model(
                "no labels for left or right arcs".into(),
            ));
        }
        let lemmas = Lemmas::new(&model.rules);
        let relabel_sum = model.get("relabel.mode") == Some("sum");
        let beam = model
            .get("train.beam")
            .and_then(|b| b.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1);
        let beam_margin = model
            .get("decode.beam_margin")
            .and_then(|b| b.parse::<f32>().ok())
            .unwrap_or(NO_BEAM_MARGIN);
        Ok(Parser {
            model,
            lemmas,
            left,
            right,
            relabel_sum,
            beam,
            beam_margin,
        })
    }

    /// The same parser decoding with a beam of `k` states (0 and 1 are
    /// greedy). The model's move scores are summed over each state's
    /// moves and the best finished state wins; labels are chosen as the
    /// greedy parser chooses them, when an arc is made.
    ///
    /// ```
    /// use casus::syntax::Parser;
    ///
    /// let p = Parser::builtin().clone().with_beam(4);
    /// assert_eq!(p.beam(), 4);
    /// let tree = p.parse_forms(&["Egypt", "condemned", "the", "attack", "."]);
    /// let root = tree.root().expect("a root");
    /// assert_eq!(tree.word(root).map(|w| w.span.slice("Egypt condemned the attack .")), Some("condemned"));
    /// ```
    pub fn with_beam(mut self, k: usize) -> Parser {
        self.beam = k.max(1);
        self
    }

    /// The decoder's beam width (1: greedy).
    pub fn beam(&self) -> usize {
        self.beam
    }

    /// The same parser keeping only beam states whose total score is
    /// within `margin` (weight units; infinite: no pruning) of the best:
    /// where the model is sure the beam holds one state and costs what
    /// greedy decoding costs.
    pub fn with_beam_margin(mut self, margin: f32) -> Parser {
        self.beam_margin =
            if margin.is_nan() { NO_BEAM_MARGIN } else { margin };
        self
    }

    /// The pruning margin of the beam (see [`Parser::with_beam_margin`]).
    pub fn beam_margin(&self) -> f32 {
        self.beam_margin
    }

    /// The model committed with casus (`dicts/model/parser.bin`), loaded
    /// on first use.
    ///
    /// # Panics
    ///
    /// If the committed model does not load: a broken build, which the
    /// test suite catches.
    pub fn builtin() -> &'static Parser {
        static PARSER: LazyLock<Parser> = LazyLock::new(|| {
            Parser::from_bytes(BUILTIN_MODEL)
                .unwrap_or_else(|e| panic!("built-in parser model: {e}"))
        });
        &PARSER
    }

    /// The bytes of the committed model.
    pub fn builtin_bytes() -> &'static [u8] {
        BUILTIN_MODEL
    }

    /// A value from the model's header (training settings and the
    /// `sha256:<file>` of its training data).
    pub fn info(&self, key: &str) -> Option<&str> {
        self.model.get(key)
    }

    /// Every header entry.
    pub fn info_all(&self) -> impl Iterator<Item = (&str, &str)> {
        self.model.header.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The labels the parser can produce.
    pub fn labels(&self) -> &[Deprel] {
        &self.model.labels
    }

    /// Parses sentence `sentence` of an analysed article `text`; an
    /// index out of range gives an empty tree.
    pub fn parse(
        &self,
        text: &str,
        analyzed: &Analyzed,
        sentence: usize,
    ) -> SentenceTree {
        let Some(s) = analyzed.sentences.get(sentence) else {
            return SentenceTree::default();
        };
        let tokens = &analyzed.tokens[s.tokens.clone()];
        self.parse_tokens(text, tokens, s.tokens.start as u32)
    }

    /// Parses every sentence of an analysed article.
    pub fn parse_all(
        &self,
        text: &str,
        analyzed: &Analyzed,
    ) -> Vec<SentenceTree> {
        (0..analyzed.sentences.len())
            .map(|i| self.parse(text, analyzed, i))
            .collect()
    }

    /// Parses one sentence's tokens; `first` is the index of `tokens[0]`
    /// among the article's tokens (for [`Word::token`]).
    pub fn parse_tokens(
        &self,
        text: &str,
        tokens: &[Token],
        first: u32,
    ) -> SentenceTree {
        let ws = words(text, tokens, first);
        match dateline_len(text, &ws) {
            0 => self.parse_words(text, &ws),
            k => self.parse_after_dateline(text, &ws, k),
        }
    }

    /// Parses a sentence whose first `k` words are a wire dateline
    /// ("TRIPOLI, April 15 -"): the story's clause alone, as the model
    /// learnt clauses (parsed with it, the city became the subject and
    /// the real subject its apposition), and the dateline as a phrase of
    /// its own hanging from the clause's root (`dep`).
    fn parse_after_dateline(
        &self,
        text: &str,
        ws: &[SynWord],
        k: usize,
    ) -> SentenceTree {
        let (head, rest) = ws.split_at(k);
        let mut words = self.parse_words(text, head).words;
        let rest = self.parse_words(text, rest).words;
        let shift = k as u32;
        let root = rest
            .iter()
            .position(|w| w.head == 0)
            .map_or(shift + 1, |i| i as u32 + 1 + shift);
        for w in &mut words {
            if w.head == 0 {
                w.head = root;
                w.deprel = Deprel::DEP;
            }
        }
        words.extend(rest.into_iter().map(|mut w| {
            if w.head != 0 {
                w.head += shift;
            }
            w
        }));
        SentenceTree::new_unchecked(words)
    }

    /// Parses pre-tokenised words, e.g. from CoNLL-U: spans point into
    /// the forms joined by single spaces, and [`Word::token`] is the
    /// word's index.
    pub fn parse_forms(&self, forms: &[&str]) -> SentenceTree {
        let (text, ws) = forms_words(forms);
        self.parse_words(&text, &ws)
    }

    /// Tags, lemmatises and parses syntactic words of `text`.
    pub fn parse_words(&self, text: &str, ws: &[SynWord]) -> SentenceTree {
        let mut lex: Vec<Lex> =
            ws.iter().map(|w| Lex::new(w.span.slice(text), &w.norm)).collect();
        self.fill_dict_all(&mut lex);
        let mut tags = self.tag(&lex);
        let elided = super::elided::elided_passives(ws, &mut tags);
        super::retag::participle_verbs(ws, &mut tags);
        super::retag::passive_participles(ws, &mut tags);
        super::retag::name_verbs(text, ws, &mut tags);
        let arcs = self.arcs(&lex, &tags);
        let mut words: Vec<Word> = ws
            .iter()
            .zip(&tags)
            .zip(&arcs)
            .enumerate()
            .map(|(i, ((w, &t), a))| {
                let upos = Upos::from_index(usize::from(t)).unwrap_or(Upos::X);
                // A sentence's first adjective is capitalised by position,
                // not as a name ("Palestinian"): its lemma is lowercased.
                let form = if i == 0 && upos == Upos::Adj {
                    w.norm.as_str()
                } else {
                    w.span.slice(text)
                };
                Word {
                    span: w.span,
                    token: w.token,
                    lemma: self
                        .lemmas
                        .lemma(form, &w.norm, upos, |x| self.knows(x)),
                    upos,
                    head: a.head,
                    deprel: self.deprel(a),
                    margin: a.margin,
                }
            })
            .collect();
        super::elided::repair_arcs(&mut words, &elided);
        super::reduced::repair_arcs(&mut words);
        super::as_clause::repair_arcs(ws, &mut words);
        super::conjunct::repair_arcs(ws, &mut words);
        SentenceTree::new_unchecked(words)
    }

    /// True when the model's vocabulary (tag dictionary or word classes)
    /// holds the lowercased word `w` (checks lemma rules' answers).
    fn knows(&self, w: &str) -> bool {
        let h = hash_str(w);
        self.model.classes.knows(h) || self.model.tagdict.knows(h)
    }

    fn deprel(&self, a: &Arc) -> Deprel {
        if a.head == 0 {
            return Deprel::ROOT;
        }
        self.model
            .labels
            .get(usize::from(a.label))
            .copied()
            .unwrap_or(Deprel::DEP)
    }

    #[cfg(feature = "train")]
    /// Sets the words' ambiguity classes from the model's dictionary.
    pub(crate) fn fill_dict(&self, lex: &mut [Lex]) {
        self.fill_dict_all(lex);
    }

    /// Sets the words' ambiguity and word classes from the model.
    fn fill_dict_all(&self, lex: &mut [Lex]) {
        self.model.tagdict.fill(lex);
        self.model.classes.fill(lex);
    }

    /// UPOS indexes of a sentence: the first pass left to right, then
    /// the second pass (if the model has one) seeing the first's tags.
    pub(crate) fn tag(&self, lex: &[Lex]) -> Vec<u8> {
        two_pass_tags(&self.model.tagger, self.model.tagger2.as_ref(), lex)
    }

    /// Heads (sentence-wide ids), labels and margins, chunk by chunk.
    pub(crate) fn arcs(&self, lex: &[Lex], tags: &[u8]) -> Vec<Arc> {
        let mut out = vec![Arc::default(); lex.len()];
        let mut sc = Scratch::default();
        let mut first_root = 0u32;
        for lo in (0..lex.len()).step_by(MAX_CHUNK) {
            let hi = (lo + MAX_CHUNK).min(lex.len());
            let root = self.parse_chunk(
                &lex[lo..hi],
                &tags[lo..hi],
                &mut sc,
                &mut out[lo..hi],
            );
            for a in &mut out[lo..hi] {
                if a.head != 0 {
                    a.head += lo as u32;
                }
            }
            let root = root + lo as u32;
            if first_root == 0 {
                first_root = root;
            } else {
                let parataxis = Deprel::bare(Rel::Parataxis);
                let label =
                    self.model.labels.iter().position(|&l| l == parataxis);
                let a = &mut out[root as usize - 1];
                *a = Arc {
                    head: first_root,
                    label: label.unwrap_or(0) as u8,
                    margin: 0.0,
                };
                if label.is_none() {
                    a.label = self.right[0];
                }
            }
        }
        out
    }

    /// Parses one chunk; returns its root's (chunk-local) id.
    fn parse_chunk(
        &self,
        lex: &[Lex],
        tags: &[u8],
        sc: &mut Scratch,
        out: &mut [Arc],
    ) -> u32 {
        let n = lex.len();
        sc.state.reset(n);
        sc.words.fill(lex, tags);
        sc.scores.resize(self.model.labels.len().max(4), 0);
        if self.model.relabeller.is_some() && self.relabel_sum {
            sc.first.clear();
            sc.first.resize((n + 1) * self.model.labels.len(), 0);
        }
        if self.beam > 1 {
            // The first stage's scores are per beam state; the
            // relabeller (optional, off in the shipped model) then
            // decides from its own scores alone.
            sc.first.clear();
            self.beam_search(sc);
        }
        while !sc.state.done() {
            features::transitions(&sc.state, &sc.words, &mut sc.feats);
            let mut s = [0i32; 4];
            self.model.moves.score_n(&sc.feats, &mut s);
            let (m, margin) = best_move(&sc.state, &s);
            let margin = margin as f32 / self.model.moves.scale;
            let label = match m {
                Move::Left => self.label(sc, sc.state.n(0), sc.state.s0()),
                Move::Right => self.label(sc, sc.state.s0(), sc.state.n(0)),
                _ => 0,
            };
            sc.state.apply(m, label, margin);
        }
        let root = self.repair_roots(sc);
        if let Some(t) = &self.model.relabeller {
            self.relabel(sc, t);
        }
        for (d, a) in out.iter_mut().enumerate() {
            let st = &sc.state;
            *a = Arc {
                head: u32::from(st.head[d + 1]),
                label: st.label[d + 1],
                margin: st.margin[d + 1],
            };
        }
        root
    }

    /// Beam search from `sc.state` (the initial configuration); leaves
    /// the best finished state in `sc.state`.
    ///
    /// Every step extends each unfinished state by each valid move,
    /// scored as its parent's total plus the move's score, and keeps the
    /// `beam` best; finished states carry over with their totals. Ties
    /// go to the earlier parent and the lower move, so the result is
    /// deterministic, and a beam of states that all follow the greedy
    /// choice reproduces the greedy parse.
    fn beam_search(&self, sc: &mut Scratch) {
        let k = self.beam;
        let scale = self.model.moves.scale;
        // The margin in the integer units of the scores (saturating:
        // infinite is "keep everything").
        let prune = (self.beam_margin * scale) as i64;
        let Scratch {
            state,
            words,
            feats,
            lfeats,
            scores,
            beam,
            next,
            totals,
            next_totals,
            cands,
            ..
        } = sc;
        if beam.is_empty() {
            beam.push(State::default());
        }
        beam[0].clone_from(state);
        let mut live = 1;
        totals.clear();
        totals.push(0);
        loop {
            cands.clear();
            let mut all_done = true;
            for (i, st) in beam[..live].iter().enumerate() {
                let total = totals[i];
                if st.done() {
                    cands.push(Cand { total, parent: i, mv: None, margin: 0 });
                    continue;
                }
                all_done = false;
                features::transitions(st, words, feats);
                let mut s = [0i32; 4];
                self.model.moves.score_n(feats, &mut s);
                for m in Move::ALL {
                    if !st.valid(m) {
                        continue;
                    }
                    // The move's lead over the best other valid move
                    // (0 when it is not the local best).
                    let other = Move::ALL
                        .iter()
                        .filter(|&&o| o != m && st.valid(o))
                        .map(|&o| s[o as usize])
                        .max();
                    let v = s[m as usize];
                    let margin = other.map_or(0, |o| (v - o).max(0));
                    cands.push(Cand {
                        total: total + i64::from(v),
                        parent: i,
                        mv: Some(m),
                        margin,
                    });
                }
            }
            if all_done {
                break;
            }
            // Stable: equal totals keep parent and move order.
            cands.sort_by_key(|c| std::cmp::Reverse(c.total));
            let floor = cands[0].total.saturating_sub(prune);
            let keep =
                cands.iter().take(k).take_while(|c| c.total >= floor).count();
            cands.truncate(keep);
            next_totals.clear();
            for (j, c) in cands.iter().enumerate() {
                if next.len() <= j {
                    next.push(State::default());
                }
                let st = &mut next[j];
                st.clone_from(&beam[c.parent]);
                if let Some(m) = c.mv {
                    let label = match m {
                        Move::Left => self.label_of(
                            st,
                            words,
                            st.n(0),
                            st.s0(),
                            lfeats,
                            scores,
                        ),
                        Move::Right => self.label_of(
                            st,
                            words,
                            st.s0(),
                            st.n(0),
                            lfeats,
                            scores,
                        ),
                        _ => 0,
                    };
                    st.apply(m, label, c.margin as f32 / scale);
                }
                next_totals.push(c.total);
            }
            live = cands.len();
            std::mem::swap(beam, next);
            std::mem::swap(totals, next_totals);
        }
        // Candidates were sorted: the first state is the best.
        state.clone_from(&beam[0]);
    }

    /// The best label for the arc `h -> d` in state `st` (no record of
    /// the scores).
    fn label_of(
        &self,
        st: &State,
        words: &Words,
        h: usize,
        d: usize,
        lfeats: &mut Vec<u64>,
        scores: &mut [i32],
    ) -> u8 {
        features::labels(st, words, h, d, lfeats);
        let scores = &mut scores[..self.model.labels.len()];
        scores.fill(0);
        self.model.labeller.score(lfeats, scores);
        self.best_allowed(scores, h, d)
    }

    /// The highest-scoring label an arc `h -> d` may take (leftward and
    /// rightward arcs allow different labels; ties keep the first).
    fn best_allowed(&self, scores: &[i32], h: usize, d: usize) -> u8 {
        let allowed = if d < h { &self.left } else { &self.right };
        let mut best = allowed[0];
        for &l in allowed {
            if scores[usize::from(l)] > scores[usize::from(best)] {
                best = l;
            }
        }
        best
    }

    /// Makes one root: the first headless verb (else the first headless
    /// word); other headless words attach to it.
    fn repair_roots(&self, sc: &mut Scratch) -> u32 {
        let n = sc.state.n;
        let headless: Vec<usize> =
            (1..=n).filter(|&i| sc.state.head[i] == 0).collect();
        let verb = Upos::Verb.index() as u8;
        let root = headless
            .iter()
            .copied()
            .find(|&i| sc.words.p[i] == verb)
            .or_else(|| headless.first().copied())
            .unwrap_or(1);
        for &d in headless.iter().filter(|&&d| d != root) {
            let label = self.label(sc, root, d);
            sc.state.attach(root, d, label, 0.0);
        }
        root as u32
    }

    /// The best label for the arc `h -> d`.
    fn label(&self, sc: &mut Scratch, h: usize, d: usize) -> u8 {
        features::labels(&sc.state, &sc.words, h, d, &mut sc.lfeats);
        let scores = &mut sc.scores[..self.model.labels.len()];
        scores.fill(0);
        self.model.labeller.score(&sc.lfeats, scores);
        let nl = scores.len();
        if let Some(row) = sc.first.get_mut(d * nl..(d + 1) * nl) {
            row.copy_from_slice(scores);
        }
        self.best_allowed(scores, h, d)
    }

    /// The second labelling stage: every arc of the finished chunk
    /// relabelled from features of the whole tree (alone, or with the
    /// first stage's scores added in `sum` mode).
    fn relabel(&self, sc: &mut Scratch, t: &Table) {
        let n = sc.state.n;
        let nl = self.model.labels.len();
        sc.heads.clear();
        sc.heads.extend(sc.state.head[..=n].iter().map(|&h| usize::from(h)));
        sc.fin.fill(&sc.heads, &sc.words);
        let (s1, s2) = (self.model.labeller.scale, t.scale);
        for d in 1..=n {
            let h = sc.heads[d];
            if h == 0 {
                continue;
            }
            features::relabel(&sc.fin, &sc.words, h, d, &mut sc.lfeats);
            let scores = &mut sc.scores[..nl];
            scores.fill(0);
            t.score(&sc.lfeats, scores);
            let first = sc.first.get(d * nl..(d + 1) * nl);
            let total = |l: u8| -> f32 {
                let l = usize::from(l);
                let own = scores[l] as f32 / s2;
                match first {
                    Some(f) if self.relabel_sum => own + f[l] as f32 / s1,
                    _ => own,
                }
            };
            let allowed = if d < h { &self.left } else { &self.right };
            let mut best = allowed[0];
            let mut top = total(best);
            for &l in allowed {
                let v = total(l);
                if v > top {
                    best = l;
                    top = v;
                }
            }
            sc.state.label[d] = best;
        }
    }
}

/// The best valid move and its margin over the next best valid one.
pub(crate) fn best_move(s: &State, scores: &[i32; 4]) -> (Move, i32) {
    let mut best: Option<(Move, i32)> = None;
    let mut second = i32::MIN;
    for m in Move::ALL {
        if !s.valid(m) {
            continue;
        }
        let v = scores[m as usize];
        match best {
            Some((_, b)) if v <= b => second = second.max(v),
            Some((_, b)) => {
                second = second.max(b);
                best = Some((m, v));
            }
            None => best = Some((m, v)),
        }
    }
    // The caller only asks while a move is valid (Shift always is).
    let (m, v) = best.unwrap_or((Move::Shift, 0));
    let margin = if second == i32::MIN { 0 } else { v - second };
    (m, margin)
}

#[cfg(feature = "train")]
/// Tags a sentence greedily, left to right, with one tagger pass.
///
/// The features that do not depend on the chosen tags are scored for
/// the whole sentence first (their rows fetched from memory together),
/// then the tag-dependent ones word by word.
pub(crate) fn greedy_tags(
    t: &Table,
    lex: &[Lex],
    right: Option<&[u8]>,
) -> Vec<u8> {
    greedy_tags_with(t, lex, right, None).0
}

/// A pass-1 margin (in weight units) above which the second pass keeps
/// the first pass's tag without looking: it would almost never change
/// it, and skipping it saves most of the second pass.
/// Measured on EWT dev: at 20 the second pass re-tags about a fifth of
/// the words, with the same accuracy as re-tagging all (and 25% faster
/// tagging + parsing).
pub(crate) const SECOND_PASS_MARGIN: f32 = 20.0;

/// Both tagger passes: the second re-tags only the words the first was
/// unsure of (margin below [`SECOND_PASS_MARGIN`]).
pub(crate) fn two_pass_tags(
    pass1: &Table,
    pass2: Option<&Table>,
    lex: &[Lex],
) -> Vec<u8> {
    let (first, margins) = greedy_tags_with(pass1, lex, None, None);
    let Some(t) = pass2 else { return first };
    let sure: Vec<bool> = margins
        .iter()
        .map(|&m| m as f32 / pass1.scale >= SECOND_PASS_MARGIN)
        .collect();
    greedy_tags_with(t, lex, Some(&first), Some(&sure)).0
}

/// One greedy pass; words marked in `keep` take their tag from `right`
/// unscored. Returns the tags and each word's score margin.
///
/// The features that do not depend on the chosen tags are scored for
/// the whole sentence first (their rows fetched from memory together),
/// then the tag-dependent ones word by word.
fn greedy_tags_with(
    t: &Table,
    lex: &[Lex],
    right: Option<&[u8]>,
    keep: Option<&[bool]>,
) -> (Vec<u8>, Vec<i32>) {
    let n = lex.len();
    let kept = |i: usize| keep.is_some_and(|k| k[i]);
    let mut keys = Vec::with_capacity(n * 56);
    let mut ends = Vec::with_capacity(n);
    for i in 0..n {
        if !kept(i) {
            features::tagger_static(lex, i, right, &mut keys);
        }
        ends.push(keys.len());
    }
    t.touch(&keys);
    let mut tags = Vec::with_capacity(n);
    let mut margins = Vec::with_capacity(n);
    let mut feats = Vec::with_capacity(16);
    let mut start = 0;
    for (i, &end) in ends.iter().enumerate() {
        if let (true, Some(r)) = (kept(i), right) {
            tags.push(r[i]);
            margins.push(i32::MAX);
            continue;
        }
        let mut scores = [0i32; 17];
        t.score_n(&keys[start..end], &mut scores);
        start = end;
        let t1 = if i >= 1 { tags[i - 1] } else { NO_TAG };
        let t2 = if i >= 2 { tags[i - 2] } else { NO_TAG };
        feats.clear();
        features::tagger_dynamic(lex, i, t1, t2, right, &mut feats);
        t.score_n(&feats, &mut scores);
        let best = argmax(&scores);
        let second = (0..17)
            .filter(|&k| k != best)
            .map(|k| scores[k])
            .max()
            .unwrap_or(0);
        tags.push(best as u8);
        margins.push(scores[best] - second);
    }
    (tags, margins)
}

/// Index of the largest score (the first on ties).
pub(crate) fn argmax(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// Whether `span` of `text` has white space on both sides.
fn spaced(text: &str, span: Span) -> bool {
    let before =
        text.get(..span.start as usize).and_then(|t| t.chars().last());
    let after = text.get(span.end as usize..).and_then(|t| t.chars().next());
    before.is_some_and(char::is_whitespace)
        && after.is_some_and(char::is_whitespace)
}

/// Pre-tokenised `forms` as syntactic words of their text joined by
/// single spaces.
fn forms_words(forms: &[&str]) -> (String, Vec<SynWord>) {
    let text = forms.join(" ");
    let mut at = 0;
    let ws = forms
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let span = Span::new(at, at + f.len());
            at += f.len() + 1;
            SynWord { span, token: i as u32, norm: normalize(f).into() }
        })
        .collect();
    (text, ws)
}

/// How many words at the start of `ws` form a wire dateline: a
/// capitalised place, then only capitalised words, numbers and
/// punctuation ("WASHINGTON, Dec. 21 (AP)", "BAKU/YEREVAN (Reuters)"),
/// ended by a dash, or by a colon after an all-capital place
/// ("ISLAMABAD:"), with a clause of at least four words after it; 0
/// when the sentence opens with none. A live blog's clock stamp ("05:00
/// GMT -", "12:15 p.m. ET --") is read the same way: parsed with the
/// clause, the time became its subject.
fn dateline_len(text: &str, ws: &[SynWord]) -> usize {
    let form = |i: usize| ws.get(i).map_or("", |w| w.span.slice(text));
    let first = form(0);
    let clock = crate::util::clock_time(first);
    if !clock
        && (!first.chars().next().is_some_and(char::is_uppercase)
            || matches!(first, "The" | "A" | "An"))
    {
        return 0;
    }
    let caps = first.len() >= 2
        && first.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let mut in_brackets = false;
    for i in 1..ws.len().min(12) {
        let f = form(i);
        // An agency or a note in brackets may hold any words: "(translated
        // from Serbian)".
        if in_brackets || f == "(" {
            in_brackets = f != ")";
            continue;
        }
        // A dash between spaces: "Qaeda-linked" is a compound.
        let dash = matches!(f, "-" | "--" | "\u{2014}" | "\u{2013}")
            && ws.get(i).is_some_and(|w| spaced(text, w.span));
        if dash || (f == ":" && caps) {
            return if ws.len() >= i + 5 { i + 1 } else { 0 };
        }
        let fits = f
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || matches!(f, "," | "(" | ")" | "." | "/")
            || clock && matches!(f, "a.m." | "p.m." | "am" | "pm" | "local");
        if !fits {
            return 0;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dateline's note in brackets may hold lowercase words; a
    /// clause's own brackets do not make a dateline.
    #[test]
    fn datelines_with_a_note_in_brackets() {
        let len = |text: &str| {
            let forms: Vec<&str> = text.split(' ').collect();
            let (text, ws) = forms_words(&forms);
            dateline_len(&text, &ws)
        };
        let lima = "Lima , 2 May ( translated from Spanish ) \u{2013} Peru broke off relations with Chile .";
        assert_eq!(len(lima), 10);
        assert_eq!(
            len("Peru ( a Pacific state ) broke off relations with Chile ."),
            0
        );
    }

    /// A live blog's clock stamp is parsed apart from its clause, as a
    /// dateline is: the clause keeps its own subject.
    #[test]
    fn clock_stamps_are_datelines() {
        use crate::util::clock_time;
        let p = Parser::builtin();
        for text in [
            "05:00 GMT - Peru broke off relations with Chile .",
            "9:30 a.m. ET -- Peru broke off relations with Chile .",
        ] {
            let forms: Vec<&str> = text.split(' ').collect();
            let t = p.parse_forms(&forms);
            let broke = forms.iter().position(|&f| f == "broke").expect("verb")
                as u32
                + 1;
            let peru = t
                .words
                .iter()
                .position(|w| w.head == broke && w.deprel.rel == Rel::Nsubj);
            assert_eq!(peru.map(|i| forms[i]), Some("Peru"), "{forms:?}");
        }
        assert!(clock_time("05:00") && clock_time("9:30"));
        assert!(
            !clock_time("1987")
                && !clock_time("a:bc")
                && !clock_time("123:00")
        );
    }

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn auto_traits() {
        assert_send_sync::<Parser>();
        assert_send_sync::<SentenceTree>();
    }

    /// A beam of one state is the greedy parser, move for move (the
    /// beam path with width 1, against the greedy loop).
    #[test]
    fn beam_of_one_is_greedy() {
        let p = Parser::builtin();
        let forms = [
            "The",
            "ministers",
            "who",
            "met",
            "in",
            "Cairo",
            "said",
            "that",
            "talks",
            "would",
            "resume",
            "on",
            "Monday",
            ".",
        ];
        let greedy = p.parse_forms(&forms);
        let mut one = p.clone();
        one.beam = 1;
        let mut lex: Vec<Lex> =
            forms.iter().map(|f| Lex::new(f, &normalize(f))).collect();
        p.fill_dict_all(&mut lex);
        let tags = p.tag(&lex);
        let mut sc = Scratch::default();
        sc.state.reset(lex.len());
        sc.words.fill(&lex, &tags);
        sc.scores.resize(p.model.labels.len().max(4), 0);
        one.beam_search(&mut sc);
        one.repair_roots(&mut sc);
        for (d, w) in greedy.words.iter().enumerate() {
            assert_eq!(u32::from(sc.state.head[d + 1]), w.head, "word {d}");
        }
        // Wider beams still give a tree over the same words.
        for k in [2, 4, 16] {
            let t = p.clone().with_beam(k).parse_forms(&forms);
            assert_eq!(t.len(), forms.len());
            assert!(SentenceTree::new(t.words.clone()).is_ok(), "beam {k}");
        }
    }

    #[test]
    fn tiny_model_parses_to_a_tree() {
        let p = Parser::from_model(crate::syntax::model::testutil::tiny())
            .expect("tiny");
        for n in [0usize, 1, 2, 7, MAX_CHUNK + 3] {
            let forms: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
            let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
            let t = p.parse_forms(&refs);
            assert_eq!(t.len(), n);
            assert!(SentenceTree::new(t.words.clone()).is_ok(), "{n} words");
        }
    }
}
