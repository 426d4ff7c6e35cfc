//! Training the tagger, the parser and the lemma rules (feature `train`).
//!
//! The recipe, each step measured on EWT dev by `casus-eval
//! train-parser` (see `docs/eval/syntax.md`):
//! 1. a greedy averaged-perceptron tagger, the epoch chosen on dev;
//! 2. ten-fold jackknifing: the parser trains on tags predicted by
//!    taggers that never saw the sentence, as it will meet them;
//! 3. training trees made projective by lifting crossing arcs (arc-eager
//!    builds projective trees only);
//! 4. the arc-eager parser's averaged perceptron trained with the dynamic
//!    oracle of Goldberg & Nivre (2012): every move is scored by how many
//!    gold arcs it makes unreachable, the model is updated whenever its
//!    choice costs arcs, and after the first epochs it follows its own
//!    (possibly wrong) choices, so it learns to recover from mistakes;
//! 5. a label classifier trained on the correct arcs;
//! 6. the epoch with the best dev LAS kept, tables folded and quantised;
//! 7. optionally (`relabel_epochs > 0`; off by default, measured flat in
//!    `docs/eval/syntax.md`) a second labelling stage trained on gold
//!    trees (with jackknifed tags) that relabels each arc of a finished
//!    tree from features of the whole tree; its epoch and whether its
//!    scores replace or add to the first stage's are chosen on dev, and
//!    it is left out when it does not beat the first stage there.
//!
//! Training is deterministic: one fixed seed drives every shuffle and
//! every exploration choice, and folds run in a fixed order.

use crate::error::Error;
use crate::syntax::clusters;
use crate::syntax::conllu::ConlluSentence;
use crate::syntax::features::{self, Classes, Lex, TagDict, Words, NO_TAG};
use crate::syntax::lemma;
use crate::syntax::model::Model;
use crate::syntax::parser::{greedy_tags, two_pass_tags, Parser};
use crate::syntax::transition::{Move, State};
use crate::syntax::weights::hash_str;
use crate::syntax::weights::{Perceptron, Table};
use crate::syntax::{Deprel, Upos};
use crate::text::normalize;

/// Training settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Seed of every random choice.
    pub seed: u64,
    /// Jackknife folds (0 or 1: train the parser on gold tags).
    pub folds: usize,
    /// Most tagger epochs (the best on dev is kept).
    pub tagger_epochs: usize,
    /// Most parser epochs (the best on dev is kept).
    pub parser_epochs: usize,
    /// Most relabeller epochs (0: no second labelling stage).
    pub relabel_epochs: usize,
    /// First epoch (0-based) that follows the model's own wrong moves.
    pub explore_from: usize,
    /// Probability of following a wrong move from then on.
    pub explore_p: f64,
    /// log2 rows of the tagger table while training / as shipped.
    pub tagger_bits: (u32, u32),
    /// log2 rows of the move table while training / as shipped.
    pub move_bits: (u32, u32),
    /// log2 rows of the label table while training / as shipped.
    pub label_bits: (u32, u32),
    /// log2 rows of the relabel table while training / as shipped.
    pub relabel_bits: (u32, u32),
    /// Train the relabeller on the parser's own trees of the training
    /// sentences (arcs whose head is right) instead of the gold trees.
    pub relabel_on_parsed: bool,
    /// Threads for the jackknife folds.
    pub threads: usize,
    /// Tag in two passes, the second seeing the first's tags to the
    /// right.
    pub two_pass: bool,
    /// Word classes to induce, coarse and fine (0: none).
    pub classes: (usize, usize),
    /// Passes of the class induction.
    pub class_passes: usize,
    /// A file caching the jackknifed training tags between runs that
    /// change only the parser (for experiments; never for a shipped
    /// model, whose command must train everything).
    pub tag_cache: Option<std::path::PathBuf>,
    /// Beam width of the parser's training and of its dev decoding: 1
    /// is the greedy parser with the dynamic oracle; wider trains
    /// globally (beam search with early update, Collins & Roark 2004;
    /// Zhang & Nivre 2011).
    pub beam: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            seed: 0x5eed_ca5e,
            folds: 10,
            tagger_epochs: 12,
            parser_epochs: 15,
            relabel_epochs: 0,
            explore_from: 1,
            explore_p: 0.9,
            tagger_bits: (21, 18),
            move_bits: (22, 21),
            label_bits: (20, 17),
            relabel_bits: (18, 15),
            relabel_on_parsed: false,
            threads: 2,
            two_pass: true,
            tag_cache: None,
            classes: (256, 1024),
            class_passes: 15,
            beam: 1,
        }
    }
}

impl Config {
    /// The settings as header lines.
    fn header(&self) -> Vec<(String, String)> {
        let b = |(t, e): (u32, u32)| format!("{t}/{e}");
        let mut h = vec![
            ("train.seed".into(), format!("{:#x}", self.seed)),
            ("train.two_pass".into(), self.two_pass.to_string()),
            (
                "train.classes".into(),
                format!(
                    "{} and {} ({} passes)",
                    self.classes.0, self.classes.1, self.class_passes
                ),
            ),
            ("train.folds".into(), self.folds.to_string()),
            ("train.tagger_epochs".into(), self.tagger_epochs.to_string()),
            ("train.parser_epochs".into(), self.parser_epochs.to_string()),
            (
                "train.explore".into(),
                format!("{}@{}", self.explore_p, self.explore_from),
            ),
            (
                "train.bits".into(),
                format!(
                    "tagger {} moves {} labels {}",
                    b(self.tagger_bits),
                    b(self.move_bits),
                    b(self.label_bits)
                ),
            ),
        ];
        // Only when global, so a greedy model is the same file as
        // before beam training existed.
        if self.beam > 1 {
            h.push(("train.beam".into(), self.beam.to_string()));
        }
        // Only with a relabeller, so a model without one is the same
        // file as before the relabeller existed.
        if self.relabel_epochs > 0 {
            h.push((
                "train.relabel".into(),
                format!(
                    "{} epochs, {} trees, rows {}",
                    self.relabel_epochs,
                    if self.relabel_on_parsed { "parsed" } else { "gold" },
                    b(self.relabel_bits)
                ),
            ));
        }
        h
    }
}

/// A deterministic random source (SplitMix64).
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// One gold training sentence.
#[derive(Clone, Debug)]
pub struct Gold {
    lex: Vec<Lex>,
    norms: Vec<String>,
    lemmas: Vec<String>,
    tags: Vec<u8>,
    /// Gold heads (1-based, 0 = root).
    heads: Vec<u32>,
    /// Projectivised heads.
    proj: Vec<u32>,
    labels: Vec<Deprel>,
}

impl Gold {
    /// A gold sentence from CoNLL-U, or why it cannot be used.
    pub fn from_conllu(s: &ConlluSentence) -> Result<Gold, String> {
        let mut g = Gold {
            lex: Vec::new(),
            norms: Vec::new(),
            lemmas: Vec::new(),
            tags: Vec::new(),
            heads: Vec::new(),
            proj: Vec::new(),
            labels: Vec::new(),
        };
        for (i, w) in s.words.iter().enumerate() {
            let norm = normalize(&w.form);
            g.lex.push(Lex::new(&w.form, &norm));
            g.norms.push(norm);
            g.lemmas.push(w.lemma.clone());
            let upos = w
                .upos()
                .ok_or_else(|| format!("word {}: UPOS {:?}", i + 1, w.upos))?;
            g.tags.push(upos.index() as u8);
            g.heads.push(u32::from(w.head().ok_or_else(|| {
                format!("word {}: HEAD {:?}", i + 1, w.head)
            })?));
            g.labels.push(w.deprel().ok_or_else(|| {
                format!("word {}: DEPREL {:?}", i + 1, w.deprel)
            })?);
        }
        g.proj = projectivize(&g.heads);
        Ok(g)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.tags.len()
    }

    /// True without words.
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }
}

/// Makes a tree projective by lifting crossing arcs to the head's head,
/// shortest arc first (Nivre & Nilsson 2005, without label encoding).
pub(crate) fn projectivize(heads: &[u32]) -> Vec<u32> {
    let mut h = heads.to_vec();
    let n = h.len();
    // Each lift moves a word closer to the root: at most n * depth.
    for _ in 0..n * n + 1 {
        let mut worst: Option<(usize, usize)> = None;
        for d in 1..=n {
            let hd = h[d - 1] as usize;
            if hd == 0 || !crosses(&h, hd, d) {
                continue;
            }
            let len = hd.abs_diff(d);
            if worst.map_or(true, |(_, l)| len < l) {
                worst = Some((d, len));
            }
        }
        let Some((d, _)) = worst else { break };
        let hd = h[d - 1] as usize;
        h[d - 1] = h[hd - 1];
    }
    h
}

/// True when the arc `h -> d` is non-projective: some word between them
/// is not dominated by `h`.
fn crosses(heads: &[u32], h: usize, d: usize) -> bool {
    let (a, b) = (h.min(d), h.max(d));
    (a + 1..b).any(|k| {
        let mut at = k;
        let mut steps = 0;
        while at != 0 && at != h && steps <= heads.len() {
            at = heads[at - 1] as usize;
            steps += 1;
        }
        at != h
    })
}

/// Accuracy counts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    /// Words.
    pub words: usize,
    /// Correct UPOS.
    pub upos: usize,
    /// Correct heads.
    pub uas: usize,
    /// Correct heads and universal relations (subtypes ignored, as in
    /// CoNLL 2018).
    pub las: usize,
    /// Correct heads and full labels.
    pub las_full: usize,
}

impl Scores {
    /// Percentage of words.
    pub fn pct(&self, n: usize) -> f64 {
        100.0 * n as f64 / self.words.max(1) as f64
    }
}

/// A trained tagger: the dictionary and one or two passes.
#[derive(Clone, Debug)]
struct Taggers {
    dict: TagDict,
    pass1: Table,
    pass2: Option<Table>,
}

impl Taggers {
    fn tag(&self, lex: &[Lex]) -> Vec<u8> {
        let mut lex = lex.to_vec();
        self.dict.fill(&mut lex);
        two_pass_tags(&self.pass1, self.pass2.as_ref(), &lex)
    }
}

/// The share of words of `golds` whose tag `tag` gets right.
fn tag_accuracy(golds: &[Gold], tag: impl Fn(usize, &Gold) -> Vec<u8>) -> f64 {
    let (mut ok, mut all) = (0, 0);
    for (i, g) in golds.iter().enumerate() {
        let tags = tag(i, g);
        ok += tags.iter().zip(&g.tags).filter(|(a, b)| a == b).count();
        all += g.len();
    }
    100.0 * ok as f64 / all.max(1) as f64
}

/// Dev sentences for choosing a tagger pass's epoch, with their
/// first-pass tags when choosing a second pass.
struct Dev<'a> {
    golds: &'a [Gold],
    right: Option<&'a [Vec<u8>]>,
}

/// Trains one tagger pass for `epochs` epochs (with `right`, the first
/// pass's tags of each sentence, a second pass). With `dev` (sentences
/// and their first-pass tags for a second pass), returns the table of
/// the best dev epoch and that epoch count, else the last.
#[allow(clippy::too_many_arguments)]
fn train_pass(
    golds: &[&Gold],
    right: Option<&[&[u8]]>,
    dict: &TagDict,
    cfg: &Config,
    epochs: usize,
    seed: u64,
    dev: Option<Dev>,
    log: &mut dyn FnMut(String),
) -> (Table, usize) {
    let mut p = Perceptron::new(cfg.tagger_bits.0, 17);
    let dicts: Vec<TagDict> = (0..DICT_FOLDS)
        .map(|f| {
            let rest: Vec<&Gold> = golds
                .iter()
                .enumerate()
                .filter(|(i, _)| i % DICT_FOLDS != f)
                .map(|(_, g)| *g)
                .collect();
            tag_dict(&rest)
        })
        .collect();
    let mut rng = Rng(seed);
    let mut order: Vec<usize> = (0..golds.len()).collect();
    let mut feats = Vec::new();
    let mut scores = [0f32; 17];
    let mut best: Option<(f64, Table, usize)> = None;
    let pass = if right.is_some() { 2 } else { 1 };
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let g = golds[i];
            // Each sentence sees the dictionary of the other folds, so
            // its words are "unseen" as often as dev words are.
            let mut lex = g.lex.clone();
            dicts[i % dicts.len()].fill(&mut lex);
            let r = right.map(|r| r[i]);
            let mut tags: Vec<u8> = Vec::with_capacity(g.len());
            for k in 0..g.len() {
                let t1 = if k >= 1 { tags[k - 1] } else { NO_TAG };
                let t2 = if k >= 2 { tags[k - 2] } else { NO_TAG };
                feats.clear();
                features::tagger_static(&lex, k, r, &mut feats);
                features::tagger_dynamic(&lex, k, t1, t2, r, &mut feats);
                p.score(&feats, &mut scores);
                let guess = argmax_f(&scores);
                p.update(&feats, usize::from(g.tags[k]), guess);
                p.tick();
                tags.push(guess as u8);
            }
        }
        if let Some(dev) = &dev {
            let t = p.export(cfg.tagger_bits.1);
            let acc = tag_accuracy(dev.golds, |k, g| {
                let mut lex = g.lex.clone();
                dict.fill(&mut lex);
                greedy_tags(&t, &lex, dev.right.map(|r| r[k].as_slice()))
            });
            log(format!(
                "tagger pass {pass} epoch {}: dev UPOS {acc:.2}",
                epoch + 1
            ));
            if best.as_ref().map_or(true, |b| acc > b.0) {
                best = Some((acc, t, epoch + 1));
            }
        }
    }
    match best {
        Some((_, t, e)) => (t, e),
        None => (p.export(cfg.tagger_bits.1), epochs),
    }
}

fn argmax_f(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best
}

/// Runs `job(f)` for every fold, `threads` at a time, and puts each
/// fold's `(sentence index, tags)` results in place.
fn per_fold(
    n: usize,
    folds: usize,
    cfg: &Config,
    job: &(dyn Fn(usize) -> Vec<(usize, Vec<u8>)> + Sync),
) -> Vec<Vec<u8>> {
    let mut out = vec![Vec::new(); n];
    let folds: Vec<usize> = (0..folds).collect();
    for chunk in folds.chunks(cfg.threads.max(1)) {
        let done: Vec<Vec<(usize, Vec<u8>)>> = std::thread::scope(|s| {
            let hs: Vec<_> =
                chunk.iter().map(|&f| s.spawn(move || job(f))).collect();
            hs.into_iter().map(|h| h.join().unwrap_or_default()).collect()
        });
        for (i, tags) in done.into_iter().flatten() {
            out[i] = tags;
        }
    }
    out
}

/// First-pass tags for every training sentence from first passes
/// trained on the other folds (ten, or `cfg.folds` when more).
fn jackknife_pass1(
    golds: &[Gold],
    cfg: &Config,
    epochs: usize,
) -> Vec<Vec<u8>> {
    let folds = cfg.folds.max(10);
    let job = |f: usize| -> Vec<(usize, Vec<u8>)> {
        let rest: Vec<&Gold> = golds
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != f)
            .map(|(_, g)| g)
            .collect();
        let dict = tag_dict(&rest);
        let seed = cfg.seed ^ (f as u64 + 1);
        let (t, _) = train_pass(
            &rest,
            None,
            &dict,
            cfg,
            epochs,
            seed,
            None,
            &mut |_| {},
        );
        let tg = Taggers { dict, pass1: t, pass2: None };
        golds
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds == f)
            .map(|(i, g)| (i, tg.tag(&g.lex)))
            .collect()
    };
    per_fold(golds.len(), folds, cfg, &job)
}

/// Full tags (both passes) for every training sentence from taggers
/// trained on the other folds; `right1` are the jackknifed first-pass
/// tags the second passes train on.
fn jackknife(
    golds: &[Gold],
    right1: Option<&[Vec<u8>]>,
    cfg: &Config,
    epochs: (usize, usize),
    log: &mut dyn FnMut(String),
) -> Vec<Vec<u8>> {
    if cfg.folds < 2 {
        return golds.iter().map(|g| g.tags.clone()).collect();
    }
    let job = |f: usize| -> Vec<(usize, Vec<u8>)> {
        let idx: Vec<usize> =
            (0..golds.len()).filter(|i| i % cfg.folds != f).collect();
        let rest: Vec<&Gold> = idx.iter().map(|&i| &golds[i]).collect();
        let dict = tag_dict(&rest);
        let seed = cfg.seed ^ (f as u64 + 1);
        let (pass1, _) = train_pass(
            &rest,
            None,
            &dict,
            cfg,
            epochs.0,
            seed,
            None,
            &mut |_| {},
        );
        let pass2 = right1.map(|r| {
            let right: Vec<&[u8]> =
                idx.iter().map(|&i| r[i].as_slice()).collect();
            train_pass(
                &rest,
                Some(&right),
                &dict,
                cfg,
                epochs.1,
                seed ^ 2,
                None,
                &mut |_| {},
            )
            .0
        });
        let tg = Taggers { dict, pass1, pass2 };
        golds
            .iter()
            .enumerate()
            .filter(|(i, _)| i % cfg.folds == f)
            .map(|(i, g)| (i, tg.tag(&g.lex)))
            .collect()
    };
    let out = per_fold(golds.len(), cfg.folds, cfg, &job);
    let (mut ok, mut all) = (0, 0);
    for (g, t) in golds.iter().zip(&out) {
        ok += g.tags.iter().zip(t).filter(|(a, b)| a == b).count();
        all += g.len();
    }
    log(format!(
        "jackknifed train UPOS {:.2} ({} folds)",
        100.0 * ok as f64 / all.max(1) as f64,
        cfg.folds
    ));
    out
}

/// Trains the tagger (dictionary, first pass, second pass if
/// configured) with dev selection; returns it, its epochs, and the
/// jackknifed first-pass tags of the training sentences (second pass
/// only).
fn train_taggers(
    golds: &[Gold],
    devs: &[Gold],
    cfg: &Config,
    log: &mut dyn FnMut(String),
) -> (Taggers, (usize, usize), Option<Vec<Vec<u8>>>) {
    let refs: Vec<&Gold> = golds.iter().collect();
    let dict = tag_dict(&refs);
    let (pass1, e1) = train_pass(
        &refs,
        None,
        &dict,
        cfg,
        cfg.tagger_epochs,
        cfg.seed,
        Some(Dev { golds: devs, right: None }),
        log,
    );
    log(format!("tagger pass 1: best dev epoch {e1}"));
    if !cfg.two_pass {
        return (Taggers { dict, pass1, pass2: None }, (e1, 0), None);
    }
    let right1 = jackknife_pass1(golds, cfg, e1);
    let first =
        Taggers { dict: dict.clone(), pass1: pass1.clone(), pass2: None };
    let dev_right: Vec<Vec<u8>> =
        devs.iter().map(|g| first.tag(&g.lex)).collect();
    let right: Vec<&[u8]> = right1.iter().map(Vec::as_slice).collect();
    let (pass2, e2) = train_pass(
        &refs,
        Some(&right),
        &dict,
        cfg,
        cfg.tagger_epochs,
        cfg.seed ^ 2,
        Some(Dev { golds: devs, right: Some(&dev_right) }),
        log,
    );
    log(format!("tagger pass 2: best dev epoch {e2}"));
    (Taggers { dict, pass1, pass2: Some(pass2) }, (e1, e2), Some(right1))
}

/// The dynamic oracle: for each move, how many gold arcs (of the
/// projectivised tree `g`) it makes unreachable; `u32::MAX` if invalid.
fn costs(
    s: &State,
    g: &[u32],
    deps: &[Vec<u32>],
    in_stack: &mut [bool],
) -> [u32; 4] {
    in_stack.iter_mut().for_each(|x| *x = false);
    for &k in &s.stack {
        in_stack[k as usize] = true;
    }
    let b = s.b;
    let s0 = s.s0();
    let gold = |i: usize| g[i - 1] as usize;
    let mut c = [u32::MAX; 4];
    let headless_deps_in_stack = |w: usize| {
        deps[w]
            .iter()
            .filter(|&&k| in_stack[k as usize] && s.head[k as usize] == 0)
            .count() as u32
    };
    let deps_in_buffer =
        |w: usize| deps[w].iter().filter(|&&k| k as usize >= b).count() as u32;
    if s.valid(Move::Shift) {
        let gb = gold(b);
        c[Move::Shift as usize] =
            u32::from(gb != 0 && in_stack[gb]) + headless_deps_in_stack(b);
    }
    if s.valid(Move::Reduce) {
        c[Move::Reduce as usize] = deps_in_buffer(s0);
    }
    if s.valid(Move::Left) {
        let gs = gold(s0);
        let lost_head = gs == 0 || gs > b;
        c[Move::Left as usize] = u32::from(lost_head) + deps_in_buffer(s0);
    }
    if s.valid(Move::Right) {
        let gb = gold(b);
        let lost_head = gb != s0 && (gb == 0 || gb > b || in_stack[gb]);
        c[Move::Right as usize] =
            u32::from(lost_head) + headless_deps_in_stack(b);
    }
    c
}

/// The highest-scoring label of `set` under `scores` (ties keep the
/// lowest label index; 0 for an empty set): the training-time label
/// guess of the greedy, global and relabelling trainers alike.
fn best_label(scores: &[f32], set: &[usize]) -> usize {
    set.iter()
        .copied()
        .max_by(|&a, &b| {
            scores[a]
                .partial_cmp(&scores[b])
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.cmp(&a))
        })
        .unwrap_or(0)
}

/// Everything the parser training loop needs per sentence.
struct Sample<'a> {
    gold: &'a Gold,
    tags: &'a [u8],
    /// Gold label indexes.
    labels: Vec<u8>,
    deps: Vec<Vec<u32>>,
}

/// Where [`train`] gets its word classes.
///
/// Classes induced from raw text depend on how that text is cut into
/// sentences and words, i.e. on casus's text layer, which keeps changing;
/// so the shipped command reuses the committed model's class table
/// ([`WordClasses::From`]) and a model retrains to the same bytes after
/// text-layer changes (issue 14; session 28 found the drift).
#[derive(Clone, Copy, Debug)]
pub enum WordClasses<'a> {
    /// Induce them from these sentences of normalised words (with the
    /// training sentences' words), `cfg.classes` classes.
    Induce(&'a [Vec<String>]),
    /// Take the class table of this trained model file unchanged.
    From(&'a [u8]),
}

/// The word class table of a trained model file as bytes: sorted
/// `(word hash u64, coarse u16, fine u16)` entries, little-endian (what
/// `dicts/model/classes.sha256` hashes, to compare class tables).
pub fn class_table_bytes(model: &[u8]) -> crate::error::Result<Vec<u8>> {
    let mut out = Vec::new();
    for (w, (c, f)) in Model::from_bytes(model)?.classes.entries() {
        out.extend_from_slice(&w.to_le_bytes());
        out.extend_from_slice(&c.to_le_bytes());
        out.extend_from_slice(&f.to_le_bytes());
    }
    Ok(out)
}

/// Coarse and fine classes (`cfg.classes`) induced from `text`.
fn induce_classes(text: &[Vec<String>], cfg: &Config) -> Classes {
    let coarse = clusters::induce(text, cfg.classes.0, 2, cfg.class_passes);
    let fine = clusters::induce(text, cfg.classes.1, 2, cfg.class_passes);
    Classes::from_entries(
        coarse
            .iter()
            .zip(&fine)
            .map(|((w, c), (_, f))| (hash_str(w), (*c, *f))),
    )
}

/// The class table [`train`] would induce today (`--classes-from none`)
/// from `train` and `raw`, as `(word hash, (coarse, fine))` entries, to
/// compare with a model's ([`class_table_bytes`]); minutes of work.
pub fn induced_class_table(
    train: &[ConlluSentence],
    raw: &[Vec<String>],
    cfg: &Config,
) -> Vec<(u64, (u16, u16))> {
    let golds = read_golds(train, "train", &mut |_| {});
    let text: Vec<Vec<String>> = golds
        .iter()
        .map(|g| g.norms.clone())
        .chain(raw.iter().cloned())
        .collect();
    induce_classes(&text, cfg).entries()
}

/// A trained model's class table as `(word hash, (coarse, fine))` entries.
pub fn class_table(
    model: &[u8],
) -> crate::error::Result<Vec<(u64, (u16, u16))>> {
    Ok(Model::from_bytes(model)?.classes.entries())
}

/// The sentences of a JSON Lines article file (the `text` field of each
/// line) as normalised syntactic words, cut by casus's own sentence
/// splitter, tokeniser and word layer: the raw text word classes are
/// induced from. It changes whenever the text layer does, which is why
/// the shipped command takes the committed classes instead.
pub fn text_sentences(jsonl: &str) -> crate::error::Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    for (i, line) in jsonl.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| Error::Parse(format!("line {}: {e}", i + 1)))?;
        let Some(t) = v.get("text").and_then(|t| t.as_str()) else { continue };
        let a = crate::text::analyze(t);
        for s in &a.sentences {
            let toks = &a.tokens[s.tokens.clone()];
            let words = crate::syntax::words(t, toks, 0);
            out.push(words.into_iter().map(|w| w.norm.to_string()).collect());
        }
    }
    Ok(out)
}

/// Exactly the text word classes are induced from (the training
/// sentences' normalised words, then `raw`), as bytes: each word followed
/// by 0x1f, each sentence by 0x1e (what `dicts/model/classes.sha256`
/// hashes as the class input, so a cheap test sees it drift).
pub fn class_input_bytes(
    train: &[ConlluSentence],
    raw: &[Vec<String>],
) -> Vec<u8> {
    let golds = read_golds(train, "train", &mut |_| {});
    let mut out = Vec::new();
    for s in golds.iter().map(|g| &g.norms).chain(raw) {
        for w in s {
            out.extend_from_slice(w.as_bytes());
            out.push(0x1f);
        }
        out.push(0x1e);
    }
    out
}

/// Trains the tagger, parser and lemma rules; returns the model file.
///
/// `classes` says where the word classes come from (see [`WordClasses`]).
pub fn train(
    train: &[ConlluSentence],
    dev: &[ConlluSentence],
    classes: WordClasses<'_>,
    cfg: &Config,
    provenance: &[(String, String)],
    log: &mut dyn FnMut(String),
) -> crate::error::Result<Vec<u8>> {
    let mut golds = read_golds(train, "train", log);
    let mut devs = read_golds(dev, "dev", log);
    let classes = if let WordClasses::From(model) = classes {
        let c = Model::from_bytes(model)?.classes;
        log(format!(
            "word classes: {} words from the given model",
            c.entries().len()
        ));
        c
    } else if let (WordClasses::Induce(raw), true) =
        (classes, cfg.classes.0 > 0)
    {
        let text: Vec<Vec<String>> = golds
            .iter()
            .map(|g| g.norms.clone())
            .chain(raw.iter().cloned())
            .collect();
        let classes = induce_classes(&text, cfg);
        log(format!(
            "word classes: {} words in {} and {} classes",
            classes.entries().len(),
            cfg.classes.0,
            cfg.classes.1
        ));
        classes
    } else {
        Classes::default()
    };
    for g in golds.iter_mut().chain(devs.iter_mut()) {
        classes.fill(&mut g.lex);
    }
    if golds.is_empty() || devs.is_empty() {
        return Err(Error::Parse(
            "no usable training or dev sentences".into(),
        ));
    }
    // Labels in a fixed order (the enum order).
    let mut labels: Vec<Deprel> =
        golds.iter().flat_map(|g| g.labels.iter().copied()).collect();
    labels.sort_unstable();
    labels.dedup();
    if !labels.contains(&Deprel::ROOT) || labels.len() > 63 {
        return Err(Error::Parse(format!(
            "{} labels (need root, at most 63)",
            labels.len()
        )));
    }
    let (mut left, mut right) = (0u64, 0u64);
    for g in &golds {
        for (i, (&h, l)) in g.heads.iter().zip(&g.labels).enumerate() {
            let bit = 1u64 << labels.binary_search(l).unwrap_or(0);
            if (h as usize) > i + 1 {
                left |= bit;
            } else if h != 0 {
                right |= bit;
            }
        }
    }
    let (taggers, epochs, right1) = train_taggers(&golds, &devs, cfg, log);
    let cached = cfg.tag_cache.as_ref().and_then(|p| read_cache(p, &golds));
    let jack = match cached {
        Some(tags) => {
            log("jackknifed tags from the cache".into());
            tags
        }
        None => {
            let tags = jackknife(&golds, right1.as_deref(), cfg, epochs, log);
            if let Some(p) = &cfg.tag_cache {
                let bytes: Vec<u8> = tags
                    .iter()
                    .flat_map(|t| t.iter().copied().chain([255]))
                    .collect();
                if let Err(e) = std::fs::write(p, bytes) {
                    log(format!("tag cache {}: {e}", p.display()));
                }
            }
            tags
        }
    };
    let rules = lemma::learn(
        golds.iter().flat_map(|g| {
            g.tags.iter().zip(&g.norms).zip(&g.lemmas).filter_map(
                |((&t, n), l)| {
                    Some((
                        Upos::from_index(usize::from(t))?,
                        n.as_str(),
                        l.as_str(),
                    ))
                },
            )
        }),
        2,
    );
    log(format!("lemma rules: {}", rules.len()));
    let mut header = provenance.to_vec();
    header.extend(cfg.header());
    let base = Model {
        header,
        labels: labels.clone(),
        left,
        right,
        tagger: taggers.pass1,
        tagger2: taggers.pass2,
        moves: Table::zeros(1, 4),
        labeller: Table::zeros(1, labels.len()),
        relabeller: None,
        rules,
        tagdict: taggers.dict,
        classes,
    };
    let samples = samples(&golds, &jack, &labels);
    let model = train_parser(&samples, &devs, base, cfg, log)?;
    let model = train_relabeller(&samples, &devs, model, cfg, log)?;
    Ok(model.to_bytes())
}

/// Retrains only the parser (moves and labels) of a trained model
/// (`model`, file bytes) with its tagger, dictionaries and word classes,
/// on the jackknifed tags of `cfg.tag_cache` (experiments on parser
/// features; a shipped model comes from [`train`]).
pub fn parser_only(
    train: &[ConlluSentence],
    dev: &[ConlluSentence],
    model: &[u8],
    cfg: &Config,
    log: &mut dyn FnMut(String),
) -> crate::error::Result<Vec<u8>> {
    retrain(train, dev, model, cfg, Part::Parser, log)
}

/// Adds a second labelling stage to a trained model (`model`, file
/// bytes), using the jackknifed tags of `cfg.tag_cache` (experiments on
/// the relabeller alone; a shipped model comes from [`train`]).
pub fn relabel_only(
    train: &[ConlluSentence],
    dev: &[ConlluSentence],
    model: &[u8],
    cfg: &Config,
    log: &mut dyn FnMut(String),
) -> crate::error::Result<Vec<u8>> {
    retrain(train, dev, model, cfg, Part::Relabeller, log)
}

/// What [`retrain`] trains again of a trained model.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The parser (moves and labels), then the relabeller if `cfg` asks.
    Parser,
    /// The relabeller only.
    Relabeller,
}

/// Retrains `part` of a trained model (`model`, file bytes) on the
/// jackknifed tags of `cfg.tag_cache`, keeping its tagger, dictionaries
/// and word classes: [`parser_only`] and [`relabel_only`] share this
/// set-up, so both start from the same model and samples.
fn retrain(
    train: &[ConlluSentence],
    dev: &[ConlluSentence],
    model: &[u8],
    cfg: &Config,
    part: Part,
    log: &mut dyn FnMut(String),
) -> crate::error::Result<Vec<u8>> {
    let mut base = Model::from_bytes(model)?;
    base.relabeller = None;
    let who = match part {
        Part::Parser => {
            // The training settings are this run's (as the full command
            // writes them, after the provenance lines), so the result is
            // the file the full command with these settings writes.
            base.header.retain(|(k, _)| {
                !k.starts_with("relabel.")
                    && !k.starts_with("dev.")
                    && !k.starts_with("train.")
            });
            base.header.extend(cfg.header());
            "parser-only"
        }
        Part::Relabeller => {
            base.header.retain(|(k, _)| !k.starts_with("relabel."));
            "relabel-only"
        }
    };
    let (golds, devs, jack) =
        cached_golds(train, dev, &base.classes, cfg, who, log)?;
    let samples = samples(&golds, &jack, &base.labels);
    let model = match part {
        Part::Parser => train_parser(&samples, &devs, base, cfg, log)?,
        Part::Relabeller => base,
    };
    let model = train_relabeller(&samples, &devs, model, cfg, log)?;
    Ok(model.to_bytes())
}

/// Train golds, dev golds and the train golds' jackknifed tags.
type CachedGolds = (Vec<Gold>, Vec<Gold>, Vec<Vec<u8>>);

/// Train and dev golds with a trained model's word classes filled in,
/// and the jackknifed train tags of `cfg.tag_cache` (which must match
/// the train golds): what retraining one part of a model starts from.
/// `who` names the mode in the error when the cache is missing.
fn cached_golds(
    train: &[ConlluSentence],
    dev: &[ConlluSentence],
    classes: &Classes,
    cfg: &Config,
    who: &str,
    log: &mut dyn FnMut(String),
) -> crate::error::Result<CachedGolds> {
    let mut golds = read_golds(train, "train", log);
    let mut devs = read_golds(dev, "dev", log);
    for g in golds.iter_mut().chain(devs.iter_mut()) {
        classes.fill(&mut g.lex);
    }
    let jack = cfg
        .tag_cache
        .as_ref()
        .and_then(|p| read_cache(p, &golds))
        .ok_or_else(|| {
            Error::Parse(format!("{who} needs a matching tag cache"))
        })?;
    Ok((golds, devs, jack))
}

/// Training samples: each gold sentence with its jackknifed tags, its
/// label indexes in `labels` and its projective dependents per head.
fn samples<'a>(
    golds: &'a [Gold],
    tags: &'a [Vec<u8>],
    labels: &[Deprel],
) -> Vec<Sample<'a>> {
    golds
        .iter()
        .zip(tags)
        .map(|(g, t)| {
            let mut deps = vec![Vec::new(); g.len() + 1];
            for (d, &h) in g.proj.iter().enumerate() {
                if h != 0 {
                    deps[h as usize].push(d as u32 + 1);
                }
            }
            let labels = g
                .labels
                .iter()
                .map(|l| labels.binary_search(l).unwrap_or(0) as u8)
                .collect();
            Sample { gold: g, tags: t, labels, deps }
        })
        .collect()
}

/// Jackknifed tags from a cache file, if it matches `golds`.
fn read_cache(path: &std::path::Path, golds: &[Gold]) -> Option<Vec<Vec<u8>>> {
    let bytes = std::fs::read(path).ok()?;
    let tags: Vec<Vec<u8>> =
        bytes.split(|&b| b == 255).map(<[u8]>::to_vec).collect();
    let fits = tags.len() == golds.len() + 1
        && tags.iter().zip(golds).all(|(t, g)| t.len() == g.len());
    fits.then(|| tags[..golds.len()].to_vec())
}

/// Folds for the tagger's own view of the tag dictionary.
const DICT_FOLDS: usize = 10;

/// The tag dictionary of training sentences.
fn tag_dict(golds: &[&Gold]) -> TagDict {
    TagDict::build(
        golds.iter().flat_map(|g| {
            g.lex.iter().map(|l| l.w).zip(g.tags.iter().copied())
        }),
        3,
    )
}

fn read_golds(
    sents: &[ConlluSentence],
    name: &str,
    log: &mut dyn FnMut(String),
) -> Vec<Gold> {
    let mut out = Vec::with_capacity(sents.len());
    for s in sents {
        match Gold::from_conllu(s) {
            Ok(g) if !g.is_empty() => out.push(g),
            Ok(_) => {}
            Err(e) => log(format!(
                "{name}: sentence at line {} skipped: {e}",
                s.line
            )),
        }
    }
    out
}

/// The parser's training loop; returns the model of the best dev epoch.
fn train_parser(
    samples: &[Sample],
    devs: &[Gold],
    base: Model,
    cfg: &Config,
    log: &mut dyn FnMut(String),
) -> crate::error::Result<Model> {
    let nl = base.labels.len();
    let mut moves = Perceptron::new(cfg.move_bits.0, 4);
    let mut labeller = Perceptron::new(cfg.label_bits.0, nl);
    let mut rng = Rng(cfg.seed ^ 0xdead_beef);
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let mut st = State::default();
    let mut words = Words::default();
    let (mut feats, mut lfeats) = (Vec::new(), Vec::new());
    let mut lscores = vec![0f32; nl];
    let mut in_stack = Vec::new();
    let mut best: Option<(f64, Model)> = None;
    let allowed = |mask: u64| -> Vec<usize> {
        (0..nl)
            .filter(|&l| {
                base.labels[l] != Deprel::ROOT && mask & (1 << l) != 0
            })
            .collect()
    };
    let (left, right) = (allowed(base.left), allowed(base.right));
    let mut bufs = BeamBufs::default();
    for epoch in 0..cfg.parser_epochs {
        rng.shuffle(&mut order);
        let explore = epoch >= cfg.explore_from;
        let (mut wrong, mut steps) = (0usize, 0usize);
        for &i in &order {
            let smp = &samples[i];
            let n = smp.gold.len();
            st.reset(n);
            words.fill(&smp.gold.lex, smp.tags);
            in_stack.resize(n + 2, false);
            if cfg.beam > 1 {
                let mut g = Global {
                    moves: &mut moves,
                    labeller: &mut labeller,
                    left: &left,
                    right: &right,
                    k: cfg.beam,
                };
                wrong += usize::from(g.sentence(
                    smp,
                    &words,
                    &mut bufs,
                    &mut in_stack,
                ));
                steps += 1;
                continue;
            }
            while !st.done() {
                features::transitions(&st, &words, &mut feats);
                let mut sc = [0f32; 4];
                moves.score(&feats, &mut sc);
                let cost =
                    costs(&st, &smp.gold.proj, &smp.deps, &mut in_stack);
                let pick = |ok: &dyn Fn(usize) -> bool| -> usize {
                    let mut b = usize::MAX;
                    for m in 0..4 {
                        if cost[m] != u32::MAX
                            && ok(m)
                            && (b == usize::MAX || sc[m] > sc[b])
                        {
                            b = m;
                        }
                    }
                    b
                };
                let pred = pick(&|_| true);
                let gold = pick(&|m| cost[m] == 0);
                // With a projective gold tree some move always costs
                // nothing; guard anyway.
                let gold = if gold == usize::MAX { pred } else { gold };
                if cost[pred] > 0 {
                    moves.update(&feats, gold, pred);
                    wrong += 1;
                }
                moves.tick();
                steps += 1;
                let next = if cost[pred] == 0
                    || (explore && rng.unit() < cfg.explore_p)
                {
                    pred
                } else {
                    gold
                };
                let m = Move::ALL[next];
                let label = match m {
                    Move::Left | Move::Right => {
                        let (h, d) = if m == Move::Left {
                            (st.n(0), st.s0())
                        } else {
                            (st.s0(), st.n(0))
                        };
                        features::labels(&st, &words, h, d, &mut lfeats);
                        labeller.score(&lfeats, &mut lscores);
                        let set = if d < h { &left } else { &right };
                        let guess = best_label(&lscores, set);
                        if smp.gold.proj[d - 1] as usize == h {
                            let gl = usize::from(smp.labels[d - 1]);
                            labeller.update(&lfeats, gl, guess);
                            labeller.tick();
                        }
                        guess as u8
                    }
                    _ => 0,
                };
                st.apply(m, label, 0.0);
            }
        }
        let mut model = base.clone();
        model.moves = moves.export(cfg.move_bits.1);
        model.labeller = labeller.export(cfg.label_bits.1);
        let parser = Parser::from_model(model.clone())?.with_beam(cfg.beam);
        let s = evaluate(&parser, devs);
        let sg = evaluate_gold_tags(&parser, devs);
        log(format!(
            "  with gold tags: UAS {:.2} LAS {:.2}",
            sg.pct(sg.uas),
            sg.pct(sg.las)
        ));
        let unit =
            if cfg.beam > 1 { "sentences updated" } else { "moves wrong" };
        log(format!(
            "parser epoch {}: {:.1}% {unit}; dev UPOS {:.2} UAS {:.2} LAS {:.2} (full labels {:.2})",
            epoch + 1,
            100.0 * wrong as f64 / steps.max(1) as f64,
            s.pct(s.upos),
            s.pct(s.uas),
            s.pct(s.las),
            s.pct(s.las_full)
        ));
        let las = s.pct(s.las_full);
        if best.as_ref().map_or(true, |b| las > b.0) {
            model.header.push(("dev.epoch".into(), (epoch + 1).to_string()));
            model.header.push((
                "dev.scores".into(),
                format!(
                    "UPOS {:.2} UAS {:.2} LAS {:.2}",
                    s.pct(s.upos),
                    s.pct(s.uas),
                    s.pct(s.las)
                ),
            ));
            best = Some((las, model));
        }
    }
    best.map(|b| b.1).ok_or_else(|| Error::Parse("no parser epochs".into()))
}

/// One state of the training beam: its configuration, total score,
/// moves so far (move, label) and whether every move so far was
/// correct (cost 0: the gold tree is still reachable).
#[derive(Clone, Debug, Default)]
struct Item {
    st: State,
    total: f32,
    hist: Vec<(u8, u8)>,
    correct: bool,
}

/// A candidate extension of a beam item (`mv` 4: a finished item
/// carried over).
#[derive(Clone, Copy, Debug)]
struct BeamCand {
    total: f32,
    parent: usize,
    mv: u8,
    correct: bool,
}

/// Buffers of global training, reused across sentences.
#[derive(Default)]
struct BeamBufs {
    beam: Vec<Item>,
    next: Vec<Item>,
    cands: Vec<BeamCand>,
    feats: Vec<u64>,
    lfeats: Vec<u64>,
    lscores: Vec<f32>,
    replay: State,
}

/// Global training of the move scores on one sentence at a time:
/// beam search under the current weights; as soon as no correct state
/// is left in the beam (or at the end, if the best state is not
/// correct), the moves of the best correct sequence are rewarded and
/// those of the beam's best penalised (early update). "Correct" is the
/// dynamic oracle's cost 0, so every sequence reaching the gold tree
/// counts as gold and the best-scoring one is chosen (latent gold).
/// Labels are learned as in greedy training, on the arcs the beam's
/// best new state makes.
struct Global<'a> {
    moves: &'a mut Perceptron,
    labeller: &'a mut Perceptron,
    left: &'a [usize],
    right: &'a [usize],
    k: usize,
}

impl Global<'_> {
    /// Trains on one sentence; true when the weights were updated.
    fn sentence(
        &mut self,
        smp: &Sample,
        words: &Words,
        b: &mut BeamBufs,
        in_stack: &mut [bool],
    ) -> bool {
        let n = smp.gold.len();
        b.lscores.resize(self.labeller.classes, 0.0);
        if b.beam.is_empty() {
            b.beam.push(Item::default());
        }
        b.beam.truncate(1);
        let first = &mut b.beam[0];
        first.st.reset(n);
        first.total = 0.0;
        first.hist.clear();
        first.correct = true;
        let mut update: Option<(usize, u8, usize, u8)> = None;
        loop {
            b.cands.clear();
            let mut all_done = true;
            for (i, it) in b.beam.iter().enumerate() {
                if it.st.done() {
                    b.cands.push(BeamCand {
                        total: it.total,
                        parent: i,
                        mv: 4,
                        correct: it.correct,
                    });
                    continue;
                }
                all_done = false;
                features::transitions(&it.st, words, &mut b.feats);
                let mut sc = [0f32; 4];
                self.moves.score(&b.feats, &mut sc);
                let cost = if it.correct {
                    costs(&it.st, &smp.gold.proj, &smp.deps, in_stack)
                } else {
                    [u32::MAX; 4]
                };
                for (m, mv) in Move::ALL.iter().enumerate() {
                    if it.st.valid(*mv) {
                        b.cands.push(BeamCand {
                            total: it.total + sc[m],
                            parent: i,
                            mv: m as u8,
                            correct: it.correct && cost[m] == 0,
                        });
                    }
                }
            }
            if all_done {
                break;
            }
            // Stable: ties keep parent and move order, as in decoding.
            b.cands.sort_by(|x, y| {
                y.total
                    .partial_cmp(&x.total)
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            let gold = b.cands.iter().position(|c| c.correct);
            if let Some(g) = gold.filter(|&g| g >= self.k) {
                // The gold sequence fell off the beam: early update.
                let (gc, pc) = (b.cands[g], b.cands[0]);
                update = Some((gc.parent, gc.mv, pc.parent, pc.mv));
                break;
            }
            b.cands.truncate(self.k);
            b.next.resize_with(b.cands.len(), Item::default);
            b.next.truncate(b.cands.len());
            for (j, c) in b.cands.iter().enumerate() {
                let parent = &b.beam[c.parent];
                let it = &mut b.next[j];
                it.st.clone_from(&parent.st);
                it.hist.clone_from(&parent.hist);
                it.total = c.total;
                it.correct = c.correct;
                if c.mv == 4 {
                    continue;
                }
                let m = Move::ALL[usize::from(c.mv)];
                let label = match m {
                    Move::Left | Move::Right => {
                        let (h, d) = if m == Move::Left {
                            (it.st.n(0), it.st.s0())
                        } else {
                            (it.st.s0(), it.st.n(0))
                        };
                        features::labels(&it.st, words, h, d, &mut b.lfeats);
                        self.labeller.score(&b.lfeats, &mut b.lscores);
                        let set = if d < h { self.left } else { self.right };
                        let guess = best_label(&b.lscores, set);
                        if j == 0 && smp.gold.proj[d - 1] as usize == h {
                            let gl = usize::from(smp.labels[d - 1]);
                            self.labeller.update(&b.lfeats, gl, guess);
                            self.labeller.tick();
                        }
                        guess as u8
                    }
                    _ => 0,
                };
                it.st.apply(m, label, 0.0);
                it.hist.push((c.mv, label));
            }
            std::mem::swap(&mut b.beam, &mut b.next);
        }
        if update.is_none() && !b.beam[0].correct {
            // Finished with a wrong best: update against the best
            // correct finished state (the gold one fell off otherwise).
            if let Some(g) = b.beam.iter().position(|it| it.correct) {
                update = Some((g, 4, 0, 4));
            }
        }
        let updated = update.is_some();
        if let Some((gp, gm, pp, pm)) = update {
            let mut gold = b.beam[gp].hist.clone();
            if gm != 4 {
                gold.push((gm, 0));
            }
            let mut pred = b.beam[pp].hist.clone();
            if pm != 4 {
                pred.push((pm, 0));
            }
            self.replay(&gold, &pred, n, words, b);
        }
        self.moves.tick();
        updated
    }

    /// Rewards the moves of `gold` and penalises those of `pred`, from
    /// the first move where they differ (the shared prefix cancels).
    fn replay(
        &mut self,
        gold: &[(u8, u8)],
        pred: &[(u8, u8)],
        n: usize,
        words: &Words,
        b: &mut BeamBufs,
    ) {
        let same = gold.iter().zip(pred).take_while(|(x, y)| x == y).count();
        for (seq, delta) in [(gold, 1.0f32), (pred, -1.0)] {
            let st = &mut b.replay;
            st.reset(n);
            for (t, &(m, l)) in seq.iter().enumerate() {
                if t >= same {
                    features::transitions(st, words, &mut b.feats);
                    self.moves.add(&b.feats, usize::from(m), delta);
                }
                st.apply(Move::ALL[usize::from(m)], l, 0.0);
            }
        }
    }
}

/// Trains the second labelling stage on the gold trees of `samples`
/// (their jackknifed tags) and adds it to `model` with the epoch and
/// mode best on dev, if it beats the first stage alone there.
fn train_relabeller(
    samples: &[Sample],
    devs: &[Gold],
    model: Model,
    cfg: &Config,
    log: &mut dyn FnMut(String),
) -> crate::error::Result<Model> {
    if cfg.relabel_epochs == 0 {
        return Ok(model);
    }
    let nl = model.labels.len();
    let allowed = |mask: u64| -> Vec<usize> {
        (0..nl)
            .filter(|&l| {
                model.labels[l] != Deprel::ROOT && mask & (1 << l) != 0
            })
            .collect()
    };
    let (left, right) = (allowed(model.left), allowed(model.right));
    let first = Parser::from_model(model.clone())?;
    let s0 = evaluate(&first, devs);
    // The trees the relabeller learns from: gold, or the parser's own.
    let trees: Vec<Vec<usize>> = samples
        .iter()
        .map(|smp| {
            let mut heads = vec![0usize];
            if cfg.relabel_on_parsed {
                let mut lex = smp.gold.lex.clone();
                first.fill_dict(&mut lex);
                let arcs = first.arcs(&lex, smp.tags);
                heads.extend(arcs.iter().map(|a| a.head as usize));
            } else {
                heads.extend(smp.gold.heads.iter().map(|&h| h as usize));
            }
            heads
        })
        .collect();
    log(format!(
        "relabeller: first stage alone dev LAS {:.2} (full labels {:.2})",
        s0.pct(s0.las),
        s0.pct(s0.las_full)
    ));
    let mut best: (f64, Option<Model>) = (s0.pct(s0.las_full), None);
    let mut p = Perceptron::new(cfg.relabel_bits.0, nl);
    let mut rng = Rng(cfg.seed ^ 0x1abe_11ed);
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let mut words = Words::default();
    let mut fin = features::Finished::default();
    let mut feats = Vec::new();
    let mut scores = vec![0f32; nl];
    for epoch in 0..cfg.relabel_epochs {
        rng.shuffle(&mut order);
        let (mut wrong, mut all) = (0usize, 0usize);
        for &i in &order {
            let smp = &samples[i];
            words.fill(&smp.gold.lex, smp.tags);
            let heads = &trees[i];
            fin.fill(heads, &words);
            for (d, &h) in heads.iter().enumerate().skip(1) {
                if h == 0 || h != smp.gold.heads[d - 1] as usize {
                    continue;
                }
                features::relabel(&fin, &words, h, d, &mut feats);
                p.score(&feats, &mut scores);
                let set = if d < h { &left } else { &right };
                let guess = best_label(&scores, set);
                let gl = usize::from(smp.labels[d - 1]);
                if guess != gl {
                    p.update(&feats, gl, guess);
                    wrong += 1;
                }
                p.tick();
                all += 1;
            }
        }
        let table = p.export(cfg.relabel_bits.1);
        for mode in ["replace", "sum"] {
            let mut m = model.clone();
            m.relabeller = Some(table.clone());
            m.header.push(("relabel.mode".into(), mode.into()));
            let s = evaluate(&Parser::from_model(m.clone())?, devs);
            log(format!(
                "relabel epoch {} ({mode}): {:.1}% wrong in training; dev LAS {:.2} (full labels {:.2})",
                epoch + 1,
                100.0 * wrong as f64 / all.max(1) as f64,
                s.pct(s.las),
                s.pct(s.las_full)
            ));
            if s.pct(s.las_full) > best.0 {
                m.header
                    .push(("relabel.epoch".into(), (epoch + 1).to_string()));
                m.header.push((
                    "relabel.dev".into(),
                    format!("UAS {:.2} LAS {:.2}", s.pct(s.uas), s.pct(s.las)),
                ));
                best = (s.pct(s.las_full), Some(m));
            }
        }
    }
    Ok(best.1.unwrap_or(model))
}

/// Gold-token accuracy of `parser` on `golds`.
pub fn evaluate(parser: &Parser, golds: &[Gold]) -> Scores {
    score(parser, golds, false)
}

/// Gold-token accuracy of the parser given gold tags (the tagger's
/// share of the errors is the difference to [`evaluate`]).
pub fn evaluate_gold_tags(parser: &Parser, golds: &[Gold]) -> Scores {
    score(parser, golds, true)
}

fn score(parser: &Parser, golds: &[Gold], gold_tags: bool) -> Scores {
    let mut s = Scores::default();
    for g in golds {
        let mut lex = g.lex.clone();
        parser.fill_dict(&mut lex);
        let tags = if gold_tags { g.tags.clone() } else { parser.tag(&lex) };
        let arcs = parser.arcs(&lex, &tags);
        for (i, a) in arcs.iter().enumerate() {
            s.words += 1;
            s.upos += usize::from(tags[i] == g.tags[i]);
            if a.head == g.heads[i] {
                s.uas += 1;
                let l = if a.head == 0 {
                    Deprel::ROOT
                } else {
                    parser.labels()[usize::from(a.label)]
                };
                s.las += usize::from(l.rel == g.labels[i].rel);
                s.las_full += usize::from(l == g.labels[i]);
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projectivize_lifts_crossing_arcs() {
        // 1 <- 3 and 2 <- 4 cross; lifting 2 to 4's head (3) fixes it.
        let table: &[(&[u32], &[u32])] = &[
            (&[3, 4, 0, 3], &[3, 3, 0, 3]),
            (&[2, 0, 2], &[2, 0, 2]),
            (&[0], &[0]),
        ];
        for (heads, want) in table {
            assert_eq!(&projectivize(heads), want, "{heads:?}");
        }
    }

    /// Following zero-cost moves from the start rebuilds a projective
    /// gold tree exactly.
    /// Global training on one sentence converges: after a few updates
    /// the beam's best state is the gold tree and no update is made.
    #[test]
    fn global_training_learns_a_sentence() {
        let rows = [
            ("They", "PRON", 2, "nsubj"),
            ("met", "VERB", 0, "root"),
            ("the", "DET", 4, "det"),
            ("envoys", "NOUN", 2, "obj"),
            ("in", "ADP", 6, "case"),
            ("Cairo", "PROPN", 2, "obl"),
            (".", "PUNCT", 2, "punct"),
        ];
        let text: String = rows
            .iter()
            .enumerate()
            .map(|(i, (f, t, h, l))| {
                format!("{}\t{f}\t{f}\t{t}\t_\t_\t{h}\t{l}\t_\t_\n", i + 1)
            })
            .collect::<String>()
            + "\n";
        let s = crate::syntax::conllu::read(&text)
            .next()
            .expect("a sentence")
            .expect("valid CoNLL-U");
        let gold = Gold::from_conllu(&s).expect("usable");
        let mut labels = gold.labels.clone();
        labels.sort();
        labels.dedup();
        let tags = [gold.tags.clone()];
        let smps = samples(std::slice::from_ref(&gold), &tags, &labels);
        let all: Vec<usize> =
            (0..labels.len()).filter(|&l| labels[l] != Deprel::ROOT).collect();
        let (mut moves, mut labeller) =
            (Perceptron::new(12, 4), Perceptron::new(12, labels.len()));
        let mut words = Words::default();
        words.fill(&gold.lex, &gold.tags);
        let mut bufs = BeamBufs::default();
        let mut in_stack = vec![false; gold.len() + 2];
        let mut updates = 0;
        for _ in 0..30 {
            let mut g = Global {
                moves: &mut moves,
                labeller: &mut labeller,
                left: &all,
                right: &all,
                k: 4,
            };
            if !g.sentence(&smps[0], &words, &mut bufs, &mut in_stack) {
                break;
            }
            updates += 1;
        }
        assert!(updates > 0 && updates < 30, "{updates} updates");
        let best = &bufs.beam[0];
        assert!(best.correct);
        let heads: Vec<u32> =
            (1..=gold.len()).map(|i| u32::from(best.st.head[i])).collect();
        assert_eq!(heads, [2, 0, 4, 2, 6, 2, 2]);
    }

    #[test]
    fn oracle_reaches_gold() {
        let trees: &[&[u32]] = &[
            &[2, 0, 2],
            &[0, 1, 2, 3],
            &[4, 4, 4, 0, 6, 4],
            &[2, 0, 4, 2, 2],
        ];
        for g in trees {
            let n = g.len();
            let mut deps = vec![Vec::new(); n + 1];
            for (d, &h) in g.iter().enumerate() {
                if h != 0 {
                    deps[h as usize].push(d as u32 + 1);
                }
            }
            let mut st = State::default();
            st.reset(n);
            let mut in_stack = vec![false; n + 2];
            while !st.done() {
                let c = costs(&st, g, &deps, &mut in_stack);
                let m = (0..4).find(|&m| c[m] == 0).expect("a zero-cost move");
                st.apply(Move::ALL[m], 0, 0.0);
            }
            let heads: Vec<u32> =
                (1..=n).map(|i| u32::from(st.head[i])).collect();
            assert_eq!(&heads, g);
        }
    }

    #[test]
    fn rng_is_deterministic() {
        let mut a = Rng(1);
        let mut b = Rng(1);
        assert_eq!(a.next(), b.next());
        let mut v: Vec<u32> = (0..10).collect();
        Rng(7).shuffle(&mut v);
        let mut w: Vec<u32> = (0..10).collect();
        Rng(7).shuffle(&mut w);
        assert_eq!(v, w);
    }
}
