//! `casus-eval ud`: the parser on Universal Dependencies test sets, with
//! the CoNLL 2018 shared task's metrics (punctuation included; LAS
//! compares universal relations, subtypes ignored; a "full labels"
//! column compares subtypes too).
//!
//! Two settings per treebank:
//! - gold tokens: the gold words go in, tags and trees come out;
//! - raw text: each document's `# text` lines (paragraphs separated by a
//!   blank line) go through casus's own sentence splitter, tokeniser and
//!   syntactic-word layer; system and gold words are aligned by their
//!   characters, whitespace ignored, as the CoNLL 2018 scorer aligns
//!   them, and scores are F1 over aligned words.
//!
//! `--system FILE` scores a CoNLL-U file some parser wrote (`casus parse
//! --conllu GOLD > FILE`, or any other UD parser's output) against the
//! gold of the one set named by `--sets`, words aligned by characters
//! as in the raw-text setting: the same scorer for casus and others.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use casus::syntax::conllu::ConlluSentence;
use casus::syntax::{Parser, Upos};

use crate::shared::{read_conllu, ud_file};

/// Flags of `casus-eval ud`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shared data directory (holds data/ud/).
    #[arg(long, default_value = "../shared")]
    shared: PathBuf,
    /// A model file instead of the built-in model.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Treebank:split pairs to score.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "en_ewt:test,en_pud:test"
    )]
    sets: Vec<String>,
    /// Print accuracy by gold UPOS and the commonest label confusions
    /// (gold tokens) after the table.
    #[arg(long)]
    errors: bool,
    /// Beam width of the parser's decoder (default: the model's own,
    /// 1 (greedy) for a greedily trained model).
    #[arg(long)]
    beam: Option<usize>,
    /// Drop beam states more than this far (weight units) below the
    /// best (default: the model's own setting, else no pruning).
    #[arg(long)]
    beam_margin: Option<f32>,
    /// Score this CoNLL-U file (a parser's output on the set's text or
    /// words) against the gold of the one set in `--sets`, instead of
    /// parsing.
    #[arg(long, value_name = "FILE")]
    system: Option<PathBuf>,
}

/// One word of either side, with document-wide indexes.
#[derive(Clone, Debug)]
struct W {
    /// Start and end in non-whitespace characters of the document.
    span: (u32, u32),
    upos: Option<Upos>,
    lemma: String,
    /// Head's document-wide word index; `None` for the root.
    head: Option<usize>,
    rel: Option<casus::syntax::Deprel>,
}

/// Counts for one setting.
#[derive(Clone, Debug, Default)]
struct Counts {
    gold_words: usize,
    sys_words: usize,
    words: usize,
    upos: usize,
    lemma: usize,
    uas: usize,
    las: usize,
    las_full: usize,
    gold_sents: usize,
    sys_sents: usize,
    sents: usize,
}

fn f1(correct: usize, sys: usize, gold: usize) -> f64 {
    if sys + gold == 0 {
        return 100.0;
    }
    200.0 * correct as f64 / (sys + gold) as f64
}

impl Counts {
    fn row(&self) -> String {
        let f = |c| f1(c, self.sys_words, self.gold_words);
        format!(
            "{:>9.2} {:>7.2} {:>7.2} {:>7.2} {:>7.2} {:>7.2} {:>9.2}",
            f1(self.sents, self.sys_sents, self.gold_sents),
            f(self.words),
            f(self.upos),
            f(self.lemma),
            f(self.uas),
            f(self.las),
            f(self.las_full)
        )
    }

    /// Adds aligned gold and system words (`align[g]` = system index).
    fn add(&mut self, gold: &[W], sys: &[W], align: &[Option<usize>]) {
        self.gold_words += gold.len();
        self.sys_words += sys.len();
        for (g, a) in gold.iter().zip(align) {
            let Some(s) = a.map(|s| &sys[s]) else { continue };
            self.words += 1;
            self.upos += usize::from(g.upos.is_some() && g.upos == s.upos);
            self.lemma += usize::from(g.lemma == s.lemma);
            let head_ok = match (g.head, s.head) {
                (None, None) => true,
                (Some(gh), Some(sh)) => align[gh] == Some(sh),
                _ => false,
            };
            if head_ok {
                self.uas += 1;
                let rel = |w: &W| w.rel.map(|r| r.rel);
                self.las += usize::from(rel(g).is_some() && rel(g) == rel(s));
                self.las_full +=
                    usize::from(g.rel.is_some() && g.rel == s.rel);
            }
        }
    }
}

/// Runs `casus-eval ud`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let parser = crate::shared::parser(args.model.as_deref())?;
    let parser = crate::shared::decoding(parser, args.beam, args.beam_margin);
    println!(
        "{:<16} {:<11} {:>9} {:>7} {:>7} {:>7} {:>7} {:>7} {:>9}",
        "treebank",
        "tokens",
        "Sentences",
        "Words",
        "UPOS",
        "Lemmas",
        "UAS",
        "LAS",
        "LAS:full"
    );
    let mut errors = Vec::new();
    for set in &args.sets {
        let Some((tb, split)) = set.split_once(':') else {
            bail!("--sets wants treebank:split, got {set:?}");
        };
        let path = ud_file(&args.shared, tb, split);
        if !path.exists() {
            bail!("{} is missing (is ../shared there?)", path.display());
        }
        let gold = read_conllu(&path)?;
        if let Some(file) = &args.system {
            if args.sets.len() != 1 {
                bail!("--system scores one set: name it with --sets");
            }
            let sys = read_conllu(file)?;
            let c = system_file(&gold, &sys);
            println!(
                "{:<16} {:<11} {}",
                format!("{tb} {split}"),
                "system",
                c.row()
            );
            return Ok(ExitCode::SUCCESS);
        }
        let (c, e) = gold_tokens(&parser, &gold);
        println!("{:<16} {:<11} {}", format!("{tb} {split}"), "gold", c.row());
        let c = raw_text(&parser, &gold);
        println!(
            "{:<16} {:<11} {}",
            format!("{tb} {split}"),
            "casus",
            c.row()
        );
        if args.errors {
            // The tagger's share of the parsing errors: the same parser
            // given the gold tags.
            let golds: Vec<_> = gold
                .iter()
                .filter_map(|s| {
                    casus::syntax::train::Gold::from_conllu(s).ok()
                })
                .collect();
            let g = casus::syntax::train::evaluate_gold_tags(&parser, &golds);
            println!(
                "{:<16} {:<11} {:>9} {:>7} {:>7} {:>7} {:>7.2} {:>7.2}",
                format!("{tb} {split}"),
                "gold+tags",
                "",
                "",
                "100.00",
                "",
                g.pct(g.uas),
                g.pct(g.las)
            );
        }
        errors.push((set.clone(), e));
    }
    if args.errors {
        for (set, e) in errors {
            e.print(&set);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Gold-token error breakdown.
#[derive(Default)]
struct Errors {
    /// Per gold UPOS: words, correct heads, correct heads + relation.
    by_upos: HashMap<String, (usize, usize, usize)>,
    /// (gold label, system label) -> count, heads right.
    confusions: HashMap<(String, String), usize>,
    /// Sentences by length bucket: words, correct heads.
    by_len: HashMap<usize, (usize, usize)>,
    /// (gold UPOS, system UPOS) -> count.
    tags: HashMap<(String, String), usize>,
}

impl Errors {
    fn print(&self, set: &str) {
        println!("\n{set}: gold tokens, by gold UPOS (words, UAS, LAS)");
        let mut v: Vec<_> = self.by_upos.iter().collect();
        v.sort_by_key(|b| std::cmp::Reverse(b.1 .0));
        for (u, (n, uas, las)) in v {
            let p = |x: &usize| 100.0 * *x as f64 / (*n).max(1) as f64;
            println!("  {u:<6} {n:>6} {:>6.2} {:>6.2}", p(uas), p(las));
        }
        println!(
            "{set}: label confusions with the right head (gold -> system)"
        );
        let mut v: Vec<_> = self.confusions.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for ((g, s), n) in v.into_iter().take(25) {
            println!("  {g:<14} -> {s:<14} {n}");
        }
        println!("{set}: UPOS confusions (gold -> system)");
        let mut v: Vec<_> = self.tags.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for ((g, s), n) in v.into_iter().take(20) {
            println!("  {g:<6} -> {s:<6} {n}");
        }
        println!("{set}: UAS by sentence length");
        let mut v: Vec<_> = self.by_len.iter().collect();
        v.sort();
        for (b, (n, uas)) in v {
            println!(
                "  {:>3}-{:<3} {n:>6} {:>6.2}",
                b * 10,
                b * 10 + 9,
                100.0 * *uas as f64 / (*n).max(1) as f64
            );
        }
    }
}

/// Scores with gold tokens: every word aligned.
fn gold_tokens(parser: &Parser, gold: &[ConlluSentence]) -> (Counts, Errors) {
    let mut c = Counts::default();
    let mut e = Errors::default();
    for s in gold {
        let forms: Vec<&str> =
            s.words.iter().map(|w| w.form.as_str()).collect();
        let tree = parser.parse_forms(&forms);
        let g = gold_words(s, 0, &mut |_| (0, 0));
        let sys: Vec<W> = tree
            .words
            .iter()
            .map(|w| W {
                span: (0, 0),
                upos: Some(w.upos),
                lemma: w.lemma.to_string(),
                head: (w.head as usize).checked_sub(1),
                rel: Some(w.deprel),
            })
            .collect();
        let align: Vec<Option<usize>> = (0..g.len()).map(Some).collect();
        c.add(&g, &sys, &align);
        c.gold_sents += 1;
        c.sys_sents += 1;
        c.sents += 1;
        for (gw, sw) in g.iter().zip(&sys) {
            let u = gw.upos.map_or("?".to_string(), |u| u.to_string());
            if gw.upos != sw.upos {
                let su = sw.upos.map_or("?".to_string(), |u| u.to_string());
                *e.tags.entry((u.clone(), su)).or_default() += 1;
            }
            let ent = e.by_upos.entry(u).or_default();
            ent.0 += 1;
            let len = e.by_len.entry(g.len() / 10).or_default();
            len.0 += 1;
            if gw.head == sw.head {
                ent.1 += 1;
                len.1 += 1;
                if gw.rel.map(|r| r.rel) == sw.rel.map(|r| r.rel) {
                    ent.2 += 1;
                } else {
                    let name = |r: Option<casus::syntax::Deprel>| {
                        r.map_or("?".into(), |r| r.to_string())
                    };
                    *e.confusions
                        .entry((name(gw.rel), name(sw.rel)))
                        .or_default() += 1;
                }
            }
        }
    }
    (c, e)
}

/// The gold words of `s`, heads offset by `base`; `span_of(token form,
/// word forms)` gives each word's span.
fn gold_words(
    s: &ConlluSentence,
    base: usize,
    span_of: &mut dyn FnMut(&str) -> (u32, u32),
) -> Vec<W> {
    let mut out = Vec::with_capacity(s.words.len());
    for (first, last, form, _) in s.surface() {
        let forms: Vec<&str> =
            s.words[first..=last].iter().map(|w| w.form.as_str()).collect();
        let token_span = span_of(form);
        let parts = split_span(token_span, form, &forms);
        for (k, w) in s.words[first..=last].iter().enumerate() {
            out.push(W {
                span: parts[k],
                upos: w.upos(),
                lemma: w.lemma.clone(),
                head: w
                    .head()
                    .and_then(|h| (h as usize).checked_sub(1))
                    .map(|h| h + base),
                rel: w.deprel(),
            });
        }
    }
    out
}

fn nonspace(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// The spans of a token's words: consecutive pieces when the words spell
/// the token, else the whole token for each.
fn split_span(
    span: (u32, u32),
    token: &str,
    forms: &[&str],
) -> Vec<(u32, u32)> {
    let squash =
        |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    if forms.len() > 1
        && forms.iter().map(|f| squash(f)).collect::<String>() == squash(token)
    {
        let mut at = span.0;
        return forms
            .iter()
            .map(|f| {
                let n = nonspace(f) as u32;
                at += n;
                (at - n, at)
            })
            .collect();
    }
    vec![span; forms.len()]
}

/// One document of the gold file: its text and sentences.
struct Doc<'a> {
    text: String,
    sents: Vec<&'a ConlluSentence>,
}

fn documents(gold: &[ConlluSentence]) -> Vec<Doc<'_>> {
    let mut docs: Vec<Doc> = Vec::new();
    for s in gold {
        let new_doc = s.comments.iter().any(|c| c.starts_with("# newdoc"));
        let new_par = s.comments.iter().any(|c| c.starts_with("# newpar"));
        if new_doc || docs.is_empty() {
            docs.push(Doc { text: String::new(), sents: Vec::new() });
        }
        let Some(d) = docs.last_mut() else { continue };
        if !d.text.is_empty() {
            d.text.push_str(if new_par { "\n\n" } else { " " });
        }
        let text =
            s.text().map(str::to_string).unwrap_or_else(|| {
                s.surface()
                    .iter()
                    .map(|t| {
                        if t.3 {
                            format!("{} ", t.2)
                        } else {
                            t.2.to_string()
                        }
                    })
                    .collect::<String>()
            });
        d.text.push_str(text.trim());
        d.sents.push(s);
    }
    docs
}

/// Scores from raw text with casus's sentences and tokens.
fn raw_text(parser: &Parser, gold: &[ConlluSentence]) -> Counts {
    let mut c = Counts::default();
    for doc in documents(gold) {
        // Gold side: words with non-space character spans.
        let mut gw = Vec::new();
        let mut gold_sents = Vec::new();
        let mut at = 0u32;
        for s in &doc.sents {
            let start = at;
            let base = gw.len();
            gw.extend(gold_words(s, base, &mut |token| {
                let n = nonspace(token) as u32;
                at += n;
                (at - n, at)
            }));
            gold_sents.push((start, at));
        }
        // System side.
        let nw = nonspace_index(&doc.text);
        let analyzed = casus::text::analyze(&doc.text);
        let mut sw = Vec::new();
        let mut sys_sents = Vec::new();
        for i in 0..analyzed.sentences.len() {
            let tree = parser.parse(&doc.text, &analyzed, i);
            let base = sw.len();
            for w in &tree.words {
                sw.push(W {
                    span: (nw[w.span.start as usize], nw[w.span.end as usize]),
                    upos: Some(w.upos),
                    lemma: w.lemma.to_string(),
                    head: (w.head as usize).checked_sub(1).map(|h| h + base),
                    rel: Some(w.deprel),
                });
            }
            let s = &analyzed.sentences[i];
            sys_sents
                .push((nw[s.span.start as usize], nw[s.span.end as usize]));
        }
        let align = align(&gw, &sw);
        c.add(&gw, &sw, &align);
        c.gold_sents += gold_sents.len();
        c.sys_sents += sys_sents.len();
        let set: std::collections::HashSet<_> = sys_sents.iter().collect();
        c.sents += gold_sents.iter().filter(|s| set.contains(s)).count();
    }
    c
}

/// Scores the system sentences `sys` against `gold`, both read as one
/// stream of words whose spans count non-whitespace characters from the
/// start of the file, aligned as in [`raw_text`]: with the gold's words
/// every word aligns; with other tokens, those of the same characters.
fn system_file(gold: &[ConlluSentence], sys: &[ConlluSentence]) -> Counts {
    let words = |sents: &[ConlluSentence]| {
        let (mut ws, mut bounds, mut at) = (Vec::new(), Vec::new(), 0u32);
        for s in sents {
            let (start, base) = (at, ws.len());
            ws.extend(gold_words(s, base, &mut |token| {
                let n = nonspace(token) as u32;
                at += n;
                (at - n, at)
            }));
            bounds.push((start, at));
        }
        (ws, bounds)
    };
    let (gw, gold_sents) = words(gold);
    let (sw, sys_sents) = words(sys);
    let mut c = Counts::default();
    c.add(&gw, &sw, &align(&gw, &sw));
    c.gold_sents = gold_sents.len();
    c.sys_sents = sys_sents.len();
    let set: std::collections::HashSet<_> = sys_sents.iter().collect();
    c.sents = gold_sents.iter().filter(|s| set.contains(s)).count();
    c
}

/// For each byte offset of `text` (and its end), the number of
/// non-whitespace characters before it.
fn nonspace_index(text: &str) -> Vec<u32> {
    let mut out = vec![0u32; text.len() + 1];
    let mut n = 0;
    for (i, ch) in text.char_indices() {
        for k in 0..ch.len_utf8() {
            out[i + k] = n;
        }
        if !ch.is_whitespace() {
            n += 1;
        }
    }
    out[text.len()] = n;
    out
}

/// Gold word -> system word with the same span (words sharing a span,
/// inside a multiword token, pair up in order).
fn align(gold: &[W], sys: &[W]) -> Vec<Option<usize>> {
    let mut by_span: HashMap<(u32, u32), Vec<usize>> = HashMap::new();
    for (i, w) in sys.iter().enumerate().rev() {
        by_span.entry(w.span).or_default().push(i);
    }
    gold.iter().map(|g| by_span.get_mut(&g.span).and_then(Vec::pop)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_alignment() {
        assert_eq!(
            split_span((4, 9), "don't", &["do", "n't"]),
            [(4, 6), (6, 9)]
        );
        assert_eq!(
            split_span((0, 5), "gonna", &["going", "to"]),
            [(0, 5), (0, 5)]
        );
        assert_eq!(nonspace_index("a b"), [0, 1, 1, 2]);
        let w = |a, b| W {
            span: (a, b),
            upos: None,
            lemma: String::new(),
            head: None,
            rel: None,
        };
        let gold = [w(0, 2), w(2, 3), w(2, 3), w(3, 4)];
        let sys = [w(0, 2), w(2, 3), w(2, 3), w(3, 5)];
        assert_eq!(align(&gold, &sys), [Some(0), Some(1), Some(2), None]);
    }

    /// A system file scored against itself is perfect; one wrong head
    /// and one wrong tag cost exactly their word.
    #[test]
    fn system_file_scores() {
        let conllu = |head_of_3: u32, tag_of_3: &str| {
            format!(
                "1\tTalks\ttalk\tNOUN\t_\t_\t2\tnsubj\t_\t_\n\
                 2\tended\tend\tVERB\t_\t_\t0\troot\t_\t_\n\
                 3\tlate\tlate\t{tag_of_3}\t_\t_\t{head_of_3}\tadvmod\t_\t_\n\n"
            )
        };
        let read = |t: &str| -> Vec<ConlluSentence> {
            casus::syntax::conllu::read(t).flatten().collect()
        };
        let gold = read(&conllu(2, "ADV"));
        let same = system_file(&gold, &gold);
        assert_eq!((same.words, same.uas, same.las, same.sents), (3, 3, 3, 1));
        let sys = read(&conllu(1, "ADJ"));
        let c = system_file(&gold, &sys);
        assert_eq!((c.words, c.upos, c.uas, c.las), (3, 2, 2, 2));
    }
}
