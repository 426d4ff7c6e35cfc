//! Event coding P/R on UniversalPetrarch's hand-corrected gold
//! (`<shared>/data/anchors/UniversalPetrarch/PETR2_GSR_validation.xml`).
//!
//! Each record's text is coded with casus's own built-in dictionaries and
//! compared as sets of (source country, target country, CAMEO root)
//! triples per sentence. Only events with both a source and a target, not
//! negated, and asserted or intended (scheduled, planned) count as
//! predictions: the gold codes dyadic events that happened or are
//! scheduled, not acts merely requested, possible or conditional; an
//! intended act whose statement of intent casus also codes, or an act
//! only claimed ("X claimed that Y attacked Z") whose accusation or claim
//! of responsibility casus codes (`pattern` `<act pattern>+dicts/intent.tsv:N`),
//! counts once, as the statement.

use std::collections::BTreeSet;
use std::process::ExitCode;

use anyhow::Context;
use casus::events::Modality;
use casus::{ActorCode, Article, CameoCode, Coder};

use crate::score::Counts;

/// Flags of `casus-eval events`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    common: crate::common::Common,
    /// Print every sentence's gold and predicted triples.
    #[arg(long)]
    verbose: bool,
    /// Print one line per error: `FALSE` (a counted casus triple the gold
    /// lacks, with the events behind it: code, pattern, modality, actors
    /// and how each was found, evidence) and `MISSED` (a gold triple casus
    /// lacks, with the casus events of the sentence that were not counted
    /// and why), under the record's id and sentence.
    #[arg(long)]
    errors: bool,
    /// Also count events with one side open, as `---` on that side (the
    /// gold's mark for an actor its dictionaries did not know): by
    /// default only events naming both sides count, which no gold triple
    /// with `---` can match.
    #[arg(long)]
    open_sides: bool,
    /// No effect (roles always come from the tree); accepted so older
    /// documented commands keep working.
    #[arg(long, hide = true)]
    tree_roles: bool,
    /// Code on the gold UD trees that come with each record (`<Parse>`,
    /// aligned to casus's tokens by characters) instead of casus's own
    /// parse: how much of the role error is the parser's.
    #[arg(long)]
    gold_trees: bool,
}

/// One gold record.
#[derive(Debug, Default)]
pub struct Record {
    /// Record id.
    pub id: String,
    /// Date `YYYYMMDD`.
    pub date: String,
    /// The sentence.
    pub text: String,
    /// Gold (source, target, event code).
    pub events: Vec<(String, String, String)>,
    /// The record's gold CoNLL-U parse (`<Parse>`), empty when absent.
    pub conllu: String,
}

fn attr(line: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let i = line.find(&key)? + key.len();
    let j = line[i..].find('"')?;
    Some(line[i..i + j].to_string())
}

/// Parses the validation file's records (a flat, line-oriented XML with
/// comment lines, so read by lines rather than by an XML parser).
pub fn parse(text: &str) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    let mut in_text = false;
    let mut in_parse = false;
    for line in text.lines() {
        let t = line.trim();
        if in_parse {
            if t.starts_with("</Parse>") {
                in_parse = false;
            } else if let Some(r) = out.last_mut() {
                r.conllu.push_str(t);
                r.conllu.push('\n');
            }
            continue;
        }
        if t.starts_with("<Parse>") {
            in_parse = true;
            continue;
        }
        if t.starts_with("<Sentence ") {
            let evaluate = attr(t, "evaluate").map_or(true, |v| v == "true");
            if evaluate {
                out.push(Record {
                    id: attr(t, "id").unwrap_or_default(),
                    date: attr(t, "date").unwrap_or_default(),
                    ..Record::default()
                });
            } else {
                out.push(Record { id: String::new(), ..Record::default() });
            }
            continue;
        }
        let Some(r) = out.last_mut() else { continue };
        if t.starts_with("<EventCoding") {
            if let (Some(c), Some(s), Some(g)) = (
                attr(t, "eventcode"),
                attr(t, "sourcecode"),
                attr(t, "targetcode"),
            ) {
                r.events.push((s, g, c));
            }
        } else if t.starts_with("<Text>") {
            in_text = true;
            let rest = t.trim_start_matches("<Text>");
            if let Some(x) = rest.strip_suffix("</Text>") {
                r.text.push_str(x);
                in_text = false;
            } else {
                r.text.push_str(rest);
            }
        } else if in_text {
            if let Some(x) = t.strip_suffix("</Text>") {
                r.text.push(' ');
                r.text.push_str(x);
                in_text = false;
            } else {
                r.text.push(' ');
                r.text.push_str(t);
            }
        }
    }
    out.retain(|r| !r.id.is_empty() && !r.text.trim().is_empty());
    for r in &mut out {
        r.text = r.text.trim().to_string();
    }
    out
}

/// The country of an actor code (a code shorter than a country: itself).
fn country(code: &ActorCode) -> String {
    code.country_slot().unwrap_or(code.as_str()).to_string()
}

/// The root of a gold event code (a code that is no CAMEO code: itself).
fn root(code: &str) -> String {
    code.parse::<CameoCode>()
        .map_or_else(|_| code.to_string(), |c| c.root().to_string())
}

type Triple = (String, String, String);

/// The gold trees of `conllu` (one record's parse) over the sentences of
/// `analyzed`: each gold word is found in `text` by its form, in order,
/// and belongs to the casus token its first byte falls in. A sentence
/// casus cut differently from the gold gets the gold words inside it;
/// a word whose head lies outside hangs on the sentence's first such
/// word (its root). Words not found in the text are left out.
pub fn gold_parses(
    text: &str,
    analyzed: &casus::text::Analyzed,
    conllu: &str,
) -> casus::syntax::Parses {
    use casus::syntax::{conllu as cu, Deprel, SentenceTree, Upos, Word};
    let n = analyzed.sentences.len();
    let Some(Ok(gold)) = cu::read(conllu).next() else {
        return casus::syntax::Parses::from_trees(vec![None; n]);
    };
    // Byte span of each gold word in `text`.
    let mut at = 0usize;
    let spans: Vec<Option<(usize, usize)>> = gold
        .words
        .iter()
        .map(|w| {
            let rest = text.get(at..)?;
            let i = rest.find(w.form.as_str())?;
            // A form far ahead is another occurrence: not this word.
            if rest.get(..i).is_some_and(|gap| gap.trim().len() > 2) {
                return None;
            }
            let (s, e) = (at + i, at + i + w.form.len());
            at = e;
            Some((s, e))
        })
        .collect();
    let token_at = |b: usize| {
        analyzed.tokens.iter().position(|t| {
            (t.span.start as usize) <= b && b < (t.span.end as usize)
        })
    };
    let trees = (0..n)
        .map(|si| {
            let range = analyzed.sentences.get(si)?.tokens.clone();
            // (gold index, token) of the words in this sentence.
            let mine: Vec<(usize, usize)> = spans
                .iter()
                .enumerate()
                .filter_map(|(gi, sp)| {
                    let tok = token_at(sp.as_ref()?.0)?;
                    range.contains(&tok).then_some((gi, tok))
                })
                .collect();
            let id_of = |gi: usize| {
                mine.iter().position(|&(g, _)| g == gi).map(|p| p as u32 + 1)
            };
            let head_in = |gi: usize| {
                let h = gold.words.get(gi)?.head()?;
                (h != 0).then(|| id_of(h as usize - 1)).flatten()
            };
            let root = mine
                .iter()
                .position(|&(g, _)| head_in(g).is_none())
                .map(|p| p as u32 + 1)?;
            let words: Vec<Word> = mine
                .iter()
                .enumerate()
                .filter_map(|(k, &(gi, tok))| {
                    let g = gold.words.get(gi)?;
                    let (s, e) = (*spans.get(gi)?)?;
                    let id = k as u32 + 1;
                    let head = if id == root {
                        0
                    } else {
                        head_in(gi).unwrap_or(root)
                    };
                    Some(Word {
                        span: casus::Span::new(s, e),
                        token: tok as u32,
                        lemma: g.lemma.as_str().into(),
                        upos: g.upos().unwrap_or(match g.upos.as_str() {
                            "CONJ" => Upos::Cconj,
                            _ => Upos::X,
                        }),
                        head,
                        deprel: if head == 0 {
                            Deprel::ROOT
                        } else {
                            g.deprel()
                                .or_else(|| v1_deprel(&g.deprel))
                                .unwrap_or(Deprel::DEP)
                        },
                        margin: 1.0,
                    })
                })
                .collect();
            SentenceTree::new(words).ok()
        })
        .collect();
    casus::syntax::Parses::from_trees(trees)
}

/// The UD v2 relation for a UD v1 label the gold parses use (`dobj`,
/// `nsubjpass`, `neg`, ...); `None` for labels v2 kept.
fn v1_deprel(label: &str) -> Option<casus::syntax::Deprel> {
    let v2 = match label {
        "dobj" => "obj",
        "nsubjpass" => "nsubj:pass",
        "csubjpass" => "csubj:pass",
        "auxpass" => "aux:pass",
        "neg" => "advmod",
        "mwe" => "fixed",
        "name" => "flat",
        "foreign" => "flat:foreign",
        _ => return None,
    };
    v2.parse().ok()
}

/// What `score` prints besides the totals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Report {
    /// Nothing.
    #[default]
    Quiet,
    /// Each sentence with an error: gold and predicted triples.
    Verbose,
    /// One line per false and missed triple, with casus's events.
    Errors,
}

/// One side of an event for the error listing: `code` (its country),
/// the name and how the actor was found.
fn side(a: Option<&casus::events::EventActor>) -> String {
    let Some(a) = a else { return "-".to_string() };
    let mut s = a.code.as_str().to_string();
    if let Some(c) = &a.country {
        if !a.code.as_str().starts_with(c.as_str()) {
            s.push_str(&format!("[{c}]"));
        }
    }
    if let Some(n) = &a.name {
        s.push_str(&format!(" \"{n}\""));
    }
    if let Some(f) = &a.from {
        s.push_str(&format!(" ({f:?})"));
    }
    s
}

/// One event for the error listing.
fn describe(e: &casus::events::Event) -> String {
    format!(
        "{} {} -> {} {:?}{} [{}] \"{}\"",
        e.cameo,
        side(e.source.as_ref()),
        side(e.target.as_ref()),
        e.modality,
        if e.negated { " negated" } else { "" },
        e.pattern,
        e.evidence.replace('\n', " "),
    )
}

/// Scores: (true positives, predicted, gold).
pub fn score(
    coder: &Coder,
    records: &[Record],
    report: Report,
    gold_trees: bool,
    open_sides: bool,
) -> (usize, usize, usize) {
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    for r in records {
        let date = chrono::NaiveDate::parse_from_str(&r.date, "%Y%m%d")
            .unwrap_or_else(|_| {
                chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default()
            });
        let article = Article::new(&r.id, date, &r.text);
        let gold: BTreeSet<Triple> = r
            .events
            .iter()
            .map(|(s, t, c)| {
                let code = |s: &str| country(&ActorCode::from(s));
                (code(s), code(t), root(c))
            })
            .collect();
        let events = if gold_trees {
            coder.code_with_parses(&article, |a| {
                gold_parses(&r.text, a, &r.conllu)
            })
        } else {
            coder.code(&article)
        };
        // An intended act whose statement of intent is coded ("wants to
        // attack" -> threaten), or an act only claimed ("X claimed that Y
        // attacked Z" -> accusation), counts once, as the statement.
        let stated = |e: &casus::events::Event| {
            events.iter().any(|o| {
                o.sentence == e.sentence
                    && o.pattern.starts_with(&format!("{}+", e.pattern))
            })
        };
        let counts = |e: &casus::events::Event| {
            !e.negated
                && matches!(
                    e.modality,
                    Modality::Asserted | Modality::Intended
                )
                && !stated(e)
        };
        let triple = |e: &casus::events::Event| -> Option<Triple> {
            let c = |a: &casus::events::EventActor| {
                a.country.clone().unwrap_or_else(|| country(&a.code))
            };
            let open = |a: Option<&casus::events::EventActor>| match a {
                Some(a) => Some(c(a)),
                None if open_sides => Some("---".to_string()),
                None => None,
            };
            if e.source.is_none() && e.target.is_none() {
                return None;
            }
            Some((
                open(e.source.as_ref())?,
                open(e.target.as_ref())?,
                e.root.to_string(),
            ))
        };
        let pred: BTreeSet<Triple> =
            events.iter().filter(|e| counts(e)).filter_map(triple).collect();
        let hit = gold.intersection(&pred).count();
        tp += hit;
        np += pred.len();
        ng += gold.len();
        let wrong = hit != gold.len() || hit != pred.len();
        if report == Report::Verbose && wrong {
            println!(
                "{}: {}\n  gold {:?}\n  pred {:?}",
                r.id, r.text, gold, pred
            );
        }
        if report == Report::Errors && wrong {
            println!("{}: {}", r.id, r.text);
            for t in pred.difference(&gold) {
                println!("  FALSE  {} {} {}", t.0, t.1, t.2);
                for e in events
                    .iter()
                    .filter(|e| counts(e) && triple(e).as_ref() == Some(t))
                {
                    println!("         {}", describe(e));
                }
            }
            for t in gold.difference(&pred) {
                println!("  MISSED {} {} {}", t.0, t.1, t.2);
            }
            if gold.len() > hit {
                for e in
                    events.iter().filter(|e| !counts(e) || triple(e).is_none())
                {
                    let why = if triple(e).is_none() {
                        "one-sided"
                    } else if stated(e) {
                        "counted as its statement"
                    } else {
                        "negated or not asserted"
                    };
                    println!("         not counted ({why}): {}", describe(e));
                }
            }
        }
    }
    (tp, np, ng)
}

/// Runs `casus-eval events`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let path = args
        .common
        .shared
        .join("data/anchors/UniversalPetrarch/PETR2_GSR_validation.xml");
    if !path.exists() {
        eprintln!("casus-eval events: skipped: {} not found", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("reading {}", path.display()))?;
    let records = parse(&text);
    let coder =
        casus::CoderBuilder::new().build().context("building the coder")?;
    let report = if args.errors {
        Report::Errors
    } else if args.verbose {
        Report::Verbose
    } else {
        Report::Quiet
    };
    let (tp, np, ng) =
        score(&coder, &records, report, args.gold_trees, args.open_sides);
    let s = Counts { correct: tp, predicted: np, gold: ng }.prf();
    let (p, r, f) = (s.precision, s.recall, s.f1);
    if args.common.json {
        let v = serde_json::json!({
            "task": "events", "sentences": records.len(), "gold": ng,
            "predicted": np, "correct": tp, "precision": p, "recall": r, "f1": f,
        });
        println!("{v}");
    } else {
        println!(
            "UniversalPetrarch PETR2 gold: {} sentences, {ng} gold triples{}{}",
            records.len(),
            if args.gold_trees { " (on its gold UD trees)" } else { "" },
            if args.open_sides { " (open sides as ---)" } else { "" }
        );
        println!("(source country, target country, CAMEO root)");
        println!("predicted {np}  correct {tp}");
        println!("precision {p:.3}  recall {r:.3}  F1 {f:.3}");
        println!(
            "anchor: PETRARCH-2 P 0.84 / R 0.77; target P >= 0.90, R >= 0.85"
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_records() {
        let xml = "<Sentences>\n<Sentence category=\"X\" date=\"20080804\" id=\"A_1\" evaluate=\"true\"/>\n<EventCoding eventcode=\"042\" sourcecode=\"USA\" targetcode=\"CHN\" />\n<Text>\nOne two\nthree.\n</Text>\n<Sentence date=\"20080804\" id=\"B\" evaluate=\"false\"/>\n<Text>x</Text>\n";
        let r = parse(xml);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].text, "One two three.");
        assert_eq!(
            r[0].events,
            vec![("USA".into(), "CHN".into(), "042".into())]
        );
    }

    #[test]
    fn v1_labels_map_to_v2() {
        let obj: casus::syntax::Deprel = "obj".parse().expect("obj");
        assert_eq!(v1_deprel("dobj"), Some(obj));
        let pass: casus::syntax::Deprel =
            "nsubj:pass".parse().expect("nsubj:pass");
        assert_eq!(v1_deprel("nsubjpass"), Some(pass));
        assert_eq!(v1_deprel("obj"), None);
    }

    #[test]
    fn gold_trees_align_to_casus_tokens() {
        let text = "Chad attacked Niger. Mali protested.";
        let conllu = "1\tChad\tChad\tPROPN\t_\t_\t2\tnsubj\t_\t_\n\
                      2\tattacked\tattack\tVERB\t_\t_\t0\troot\t_\t_\n\
                      3\tNiger\tNiger\tPROPN\t_\t_\t2\tobj\t_\t_\n\
                      4\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\
                      5\tMali\tMali\tPROPN\t_\t_\t6\tnsubj\t_\t_\n\
                      6\tprotested\tprotest\tVERB\t_\t_\t2\tparataxis\t_\t_\n\
                      7\t.\t.\tPUNCT\t_\t_\t6\tpunct\t_\t_\n";
        let analyzed = casus::text::analyze(text);
        assert_eq!(analyzed.sentences.len(), 2);
        let p = gold_parses(text, &analyzed, conllu);
        let first = p.get(0).expect("first tree");
        assert_eq!(first.len(), 4);
        let root = first.root().expect("root");
        assert_eq!(
            first.word(root).map(|w| w.span.slice(text)),
            Some("attacked")
        );
        // The second sentence's words form their own tree, rooted at the
        // word whose gold head lies outside it.
        let second = p.get(1).expect("second tree");
        let root = second.root().expect("root");
        assert_eq!(
            second.word(root).map(|w| w.span.slice(text)),
            Some("protested")
        );
        assert_eq!(second.word(1).map(|w| w.token), Some(4));
    }
}
