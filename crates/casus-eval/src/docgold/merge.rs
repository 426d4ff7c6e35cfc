//! Merge gold: which reports, in which articles, are one real event
//! (`testdata/merge/gold.toml`, format in `testdata/merge/README.md`), and
//! pairwise precision and recall of the store's clusters against it.
//!
//! Every gold report is looked up among the stored events of its article
//! (same countries as its story, either direction for a symmetric story,
//! root among the story's roots; the event with the report's date first,
//! then the one whose sentence holds the report's evidence; never an event
//! that is another report of the same article, by that report's evidence
//! and date) and takes that event's `cluster`. Over all pairs of gold reports: a pair in one story
//! should share a cluster (recall), a pair sharing a cluster should be in
//! one story (precision). Distractor pairs (a story and the `distractor_of`
//! story it must stay apart from) that share a cluster are listed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::gold::{squash, Error};
use super::score::{article_key, SysEvent};

/// One report of a story: the event as one article tells it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Article id (file stem in `articles/`).
    pub article: String,
    /// The source as this article codes it (`USAMIL`, `USA`, ...).
    pub source_code: String,
    /// The target as this article codes it, if the event has one.
    #[serde(default)]
    pub target_code: Option<String>,
    /// The best CAMEO code for this wording.
    pub cameo: String,
    /// The event's date as this report gives it, resolved.
    pub date: String,
    /// The clause stating it, verbatim.
    pub evidence: String,
}

/// One real event and its reports.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// `s01`..., `d04` for distractors.
    pub id: String,
    /// What happened.
    pub title: String,
    /// The day it happened.
    pub date: String,
    /// Source country (or `IGO`).
    pub source: String,
    /// Target country; `None` = any (a missile test).
    #[serde(default)]
    pub target: Option<String>,
    /// Accepted CAMEO roots.
    pub roots: Vec<String>,
    /// Events in either direction belong to the story (a meeting).
    #[serde(default)]
    pub symmetric: bool,
    /// The story this one must not be merged with.
    #[serde(default)]
    pub distractor_of: Option<String>,
    /// Free text.
    #[serde(default)]
    pub note: String,
    /// The reports.
    #[serde(rename = "report")]
    pub reports: Vec<Report>,
}

/// The merge gold.
#[derive(Clone, Debug)]
pub struct MergeGold {
    /// The stories, in file order.
    pub stories: Vec<Story>,
    /// Where `<article>.txt` files are.
    pub articles_dir: PathBuf,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    story: Vec<Story>,
}

impl MergeGold {
    /// Reads and checks `dir/gold.toml` against `dir/articles/`.
    ///
    /// # Errors
    ///
    /// Unreadable files, bad TOML, or [`Error::Invalid`] listing every
    /// report whose article or evidence is missing, every unknown
    /// `distractor_of`, duplicate id, and article no story uses.
    pub fn load(dir: &Path) -> Result<MergeGold, Error> {
        let path = dir.join("gold.toml");
        let text = std::fs::read_to_string(&path)
            .map_err(|source| Error::Io { path: path.clone(), source })?;
        let file: File = toml::from_str(&text)
            .map_err(|e| Error::Parse { path, reason: e.to_string() })?;
        let gold = MergeGold {
            stories: file.story,
            articles_dir: dir.join("articles"),
        };
        let problems = gold.problems();
        if problems.is_empty() {
            Ok(gold)
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// The article files.
    pub fn article_paths(&self) -> Vec<PathBuf> {
        let ids: BTreeSet<&str> = self
            .stories
            .iter()
            .flat_map(|s| s.reports.iter().map(|r| r.article.as_str()))
            .collect();
        ids.iter()
            .map(|id| self.articles_dir.join(format!("{id}.txt")))
            .collect()
    }

    fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let ids: BTreeSet<&str> =
            self.stories.iter().map(|s| s.id.as_str()).collect();
        if ids.len() != self.stories.len() {
            out.push("duplicate story ids".to_string());
        }
        for s in &self.stories {
            if let Some(d) = &s.distractor_of {
                if !ids.contains(d.as_str()) {
                    out.push(format!("{}: unknown distractor_of {d}", s.id));
                }
            }
            for r in &s.reports {
                let path =
                    self.articles_dir.join(format!("{}.txt", r.article));
                match std::fs::read_to_string(&path) {
                    Ok(t) if squash(&t).contains(&squash(&r.evidence)) => {}
                    Ok(_) => out.push(format!(
                        "{}: {}: evidence not in the article: {:?}",
                        s.id, r.article, r.evidence
                    )),
                    Err(e) => {
                        out.push(format!("{}: {}: {e}", s.id, path.display()))
                    }
                }
            }
        }
        out.extend(self.unused_articles());
        out
    }

    fn unused_articles(&self) -> Vec<String> {
        let used: BTreeSet<PathBuf> =
            self.article_paths().into_iter().collect();
        let Ok(entries) = std::fs::read_dir(&self.articles_dir) else {
            return vec![format!(
                "{}: unreadable",
                self.articles_dir.display()
            )];
        };
        entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| !used.contains(p))
            .map(|p| format!("{}: no story uses it", p.display()))
            .collect()
    }
}

/// Pair counts and the errors behind them.
#[derive(Clone, Debug, Default, Serialize)]
pub struct MergeScore {
    /// Gold reports.
    pub reports: usize,
    /// ... found among the system's events.
    pub found: usize,
    /// Pairs of reports of one story.
    pub gold_pairs: usize,
    /// Pairs of reports of one story that were both found.
    pub found_pairs: usize,
    /// Pairs of found reports in one system cluster.
    pub system_pairs: usize,
    /// Pairs in one story and one cluster.
    pub both_pairs: usize,
    /// Pairs of a story and its distractor.
    pub distractor_pairs: usize,
    /// ... merged into one cluster.
    pub distractor_merged: usize,
    /// One line per unfound report, missed merge and false merge.
    pub findings: Vec<String>,
}

impl MergeScore {
    /// Pairwise merge precision.
    pub fn precision(&self) -> f64 {
        ratio(self.both_pairs, self.system_pairs)
    }

    /// Pairwise merge recall.
    pub fn recall(&self) -> f64 {
        ratio(self.both_pairs, self.gold_pairs)
    }

    /// Pairwise merge recall over pairs whose two reports casus coded with
    /// the story's countries and root (the cluster rule's own recall,
    /// apart from coding errors).
    pub fn recall_found(&self) -> f64 {
        ratio(self.both_pairs, self.found_pairs)
    }

    /// The summary line.
    pub fn summary(&self) -> String {
        format!(
            "merges P={:.2} R={:.2} pairs gold={} system={} both={} \
             reports found={}/{}; on found reports R={:.2} ({}/{}); \
             distractor pairs merged={}/{}",
            self.precision(),
            self.recall(),
            self.gold_pairs,
            self.system_pairs,
            self.both_pairs,
            self.found,
            self.reports,
            self.recall_found(),
            self.both_pairs,
            self.found_pairs,
            self.distractor_merged,
            self.distractor_pairs
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A stored event: the scorer's view plus its cluster.
struct Stored {
    event: SysEvent,
    cluster: String,
}

fn stored(v: &serde_json::Value) -> Option<Stored> {
    let cluster = match v.get("cluster")? {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => return None,
        other => other.to_string(),
    };
    Some(Stored { event: SysEvent::from_json(v)?, cluster })
}

fn fits(s: &Story, e: &SysEvent) -> bool {
    let side = |want: &Option<String>, got: &Option<String>| {
        want.is_none() || want == got
    };
    let src = Some(s.source.clone());
    let forward = side(&src, &e.source) && side(&s.target, &e.target);
    let backward =
        s.symmetric && side(&src, &e.target) && side(&s.target, &e.source);
    !e.negated && s.roots.contains(&e.root) && (forward || backward)
}

/// The cluster of the stored event that is this report, if any.
/// `others`: the other reports of the same article, as (squashed
/// evidence, date). An event whose sentence holds another report's
/// evidence and carries that report's date, not this one's, is that
/// report's event: an uncoded clause ("a day after it launched a
/// short-range missile", the previous day's launch in the sentence of
/// the next day's) must not be found through it.
fn find<'a>(
    s: &Story,
    r: &Report,
    others: &[(String, &str)],
    events: &'a [Stored],
) -> Option<&'a str> {
    let key = article_key(&r.article);
    let ev = squash(&r.evidence);
    let foreign = |x: &Stored| {
        let text = squash(&x.event.evidence);
        let date = x.event.date.as_deref();
        date != Some(r.date.as_str())
            && others
                .iter()
                .any(|(o, d)| date == Some(*d) && text.contains(o.as_str()))
    };
    let cands: Vec<&Stored> = events
        .iter()
        .filter(|x| x.event.article == key && fits(s, &x.event))
        .filter(|x| !foreign(x))
        .collect();
    let dated =
        |x: &&&Stored| x.event.date.as_deref() == Some(r.date.as_str());
    let quoted = |x: &&&Stored| squash(&x.event.evidence).contains(&ev);
    // Clusters are directed: a symmetric story (a meeting coded both
    // ways) is looked up in its own direction first, so that reports are
    // compared like with like.
    let forward: Vec<&Stored> = cands
        .iter()
        .copied()
        .filter(|x| x.event.source.as_deref() == Some(s.source.as_str()))
        .collect();
    let cands = if forward.is_empty() { cands } else { forward };
    cands
        .iter()
        .find(dated)
        .or_else(|| cands.iter().find(quoted))
        .or_else(|| cands.first())
        .map(|x| x.cluster.as_str())
}

/// Scores stored events (`casus events --all --format jsonl`, with
/// `cluster`) against the merge gold.
pub fn score_merges(
    gold: &MergeGold,
    events: &[serde_json::Value],
) -> MergeScore {
    let stored: Vec<Stored> = events.iter().filter_map(stored).collect();
    // (story index, report, cluster)
    let mut rows: Vec<(usize, &Report, Option<&str>)> = Vec::new();
    let mut score = MergeScore::default();
    for (i, s) in gold.stories.iter().enumerate() {
        for r in &s.reports {
            let others: Vec<(String, &str)> = gold
                .stories
                .iter()
                .flat_map(|t| &t.reports)
                .filter(|o| o.article == r.article && o.evidence != r.evidence)
                .map(|o| (squash(&o.evidence), o.date.as_str()))
                .collect();
            let c = find(s, r, &others, &stored);
            if c.is_none() {
                score
                    .findings
                    .push(format!("{}: {} not found", s.id, r.article));
            }
            rows.push((i, r, c));
        }
    }
    score.reports = rows.len();
    score.found = rows.iter().filter(|r| r.2.is_some()).count();
    for (a, x) in rows.iter().enumerate() {
        for y in &rows[a + 1..] {
            count_pair(gold, x, y, &mut score);
        }
    }
    score
}

fn count_pair(
    gold: &MergeGold,
    x: &(usize, &Report, Option<&str>),
    y: &(usize, &Report, Option<&str>),
    score: &mut MergeScore,
) {
    let (sx, sy) = (&gold.stories[x.0], &gold.stories[y.0]);
    let same_story = x.0 == y.0;
    let same_cluster = matches!((x.2, y.2), (Some(a), Some(b)) if a == b);
    let distractor = sx.distractor_of.as_deref() == Some(sy.id.as_str())
        || sy.distractor_of.as_deref() == Some(sx.id.as_str());
    let name = |s: &Story, r: &Report| format!("{}/{}", s.id, r.article);
    score.gold_pairs += usize::from(same_story);
    score.found_pairs +=
        usize::from(same_story && x.2.is_some() && y.2.is_some());
    score.system_pairs += usize::from(same_cluster);
    score.both_pairs += usize::from(same_story && same_cluster);
    score.distractor_pairs += usize::from(distractor);
    score.distractor_merged += usize::from(distractor && same_cluster);
    if same_story && !same_cluster && x.2.is_some() && y.2.is_some() {
        let (a, b) = (name(sx, x.1), name(sy, y.1));
        score.findings.push(format!("not merged: {a} and {b}"));
    }
    if same_cluster && !same_story {
        let (a, b) = (name(sx, x.1), name(sy, y.1));
        score.findings.push(format!("false merge: {a} and {b}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn story(id: &str, src: &str, tgt: &str, arts: &[&str]) -> Story {
        Story {
            id: id.into(),
            title: String::new(),
            date: "2024-03-05".into(),
            source: src.into(),
            target: Some(tgt.into()),
            roots: vec!["19".into()],
            symmetric: false,
            distractor_of: None,
            note: String::new(),
            reports: arts
                .iter()
                .map(|a| Report {
                    article: a.to_string(),
                    source_code: src.into(),
                    target_code: None,
                    cameo: "190".into(),
                    date: "2024-03-05".into(),
                    evidence: "x".into(),
                })
                .collect(),
        }
    }

    fn ev(
        article: &str,
        src: &str,
        tgt: &str,
        cluster: u64,
    ) -> serde_json::Value {
        json!({"article_id": article, "cameo": "190", "root": "19",
            "date": "2024-03-05", "negated": false, "evidence": "x",
            "source": {"code": src, "country": src},
            "target": {"code": tgt, "country": tgt}, "cluster": cluster})
    }

    #[test]
    fn pairwise_table() {
        let mut d = story("d1", "USA", "IRN", &["c"]);
        d.distractor_of = Some("s1".into());
        let gold = MergeGold {
            stories: vec![story("s1", "USA", "IRN", &["a", "b"]), d],
            articles_dir: PathBuf::new(),
        };
        // (events, gold pairs, system pairs, both, distractor merged)
        let cases = [
            (
                vec![
                    ev("a", "USA", "IRN", 1),
                    ev("b", "USA", "IRN", 1),
                    ev("c", "USA", "IRN", 2),
                ],
                1,
                1,
                1,
                0,
            ),
            (
                vec![
                    ev("a", "USA", "IRN", 1),
                    ev("b", "USA", "IRN", 1),
                    ev("c", "USA", "IRN", 1),
                ],
                1,
                3,
                1,
                2,
            ),
            (
                vec![
                    ev("a", "USA", "IRN", 1),
                    ev("b", "USA", "IRN", 2),
                    ev("c", "USA", "IRN", 3),
                ],
                1,
                0,
                0,
                0,
            ),
            (
                vec![ev("a", "USA", "IRN", 1), ev("b", "IRN", "USA", 1)],
                1,
                0,
                0,
                0,
            ),
        ];
        for (events, gp, sp, both, dm) in cases {
            let s = score_merges(&gold, &events);
            assert_eq!(
                (
                    s.gold_pairs,
                    s.system_pairs,
                    s.both_pairs,
                    s.distractor_merged
                ),
                (gp, sp, both, dm),
                "{:?}",
                s.findings
            );
            assert_eq!(s.distractor_pairs, 2);
        }
    }

    #[test]
    fn no_report_is_found_through_another_reports_event() {
        // One article tells today's strike and, in a clause casus left
        // uncoded, yesterday's: yesterday's report must not take today's
        // event (its sentence holds both evidences).
        let mut today = story("s1", "USA", "IRN", &["a", "b"]);
        today.reports[0].evidence = "struck today".into();
        let mut before = story("d1", "USA", "IRN", &["a"]);
        before.distractor_of = Some("s1".into());
        before.reports[0].date = "2024-03-04".into();
        before.reports[0].evidence = "a day after it struck".into();
        let gold = MergeGold {
            stories: vec![today, before],
            articles_dir: PathBuf::new(),
        };
        let mut a = ev("a", "USA", "IRN", 1);
        a["evidence"] = json!("It struck today, a day after it struck.");
        let events = [a, ev("b", "USA", "IRN", 1)];
        let score = score_merges(&gold, &events);
        assert_eq!((score.found, score.both_pairs), (2, 1));
        assert_eq!(score.distractor_merged, 0, "{:?}", score.findings);
    }

    #[test]
    fn symmetric_story_takes_either_direction() {
        let mut s = story("s1", "USA", "CHN", &["a", "b"]);
        s.symmetric = true;
        let gold =
            MergeGold { stories: vec![s], articles_dir: PathBuf::new() };
        let events = [ev("a", "USA", "CHN", 4), ev("b", "CHN", "USA", 4)];
        let score = score_merges(&gold, &events);
        assert_eq!((score.found, score.both_pairs), (2, 1));
        assert!((score.precision() - 1.0).abs() < 1e-9);
    }
}
