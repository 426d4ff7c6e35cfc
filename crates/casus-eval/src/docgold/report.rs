//! The docgold report: totals, breakdowns by outlet style and region,
//! and per-article error lines; as text or JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::score::{ArticleScore, Counts};

/// Figures derived from [`Counts`], for JSON output.
#[derive(Clone, Debug, Serialize)]
pub struct Figures {
    /// Event precision.
    pub precision: f64,
    /// Event recall (required gold).
    pub recall: f64,
    /// F1 of the two.
    pub f1: f64,
    /// The raw counts.
    #[serde(flatten)]
    pub counts: Counts,
}

impl From<&Counts> for Figures {
    fn from(c: &Counts) -> Figures {
        Figures {
            precision: c.precision(),
            recall: c.recall(),
            f1: c.f1(),
            counts: *c,
        }
    }
}

/// The whole report.
#[derive(Clone, Debug)]
pub struct Report {
    /// Totals over all articles.
    pub total: Counts,
    /// Totals by outlet style.
    pub by_style: BTreeMap<String, Counts>,
    /// Totals by region.
    pub by_region: BTreeMap<String, Counts>,
    /// Per article, in gold order.
    pub articles: Vec<ArticleScore>,
}

#[derive(Serialize)]
struct Json<'a> {
    total: Figures,
    by_style: BTreeMap<&'a str, Figures>,
    by_region: BTreeMap<&'a str, Figures>,
    articles: Vec<JsonArticle<'a>>,
}

#[derive(Serialize)]
struct JsonArticle<'a> {
    #[serde(flatten)]
    score: &'a ArticleScore,
    figures: Figures,
}

impl Report {
    /// Sums per-article scores.
    pub fn new(articles: Vec<ArticleScore>) -> Report {
        let mut r = Report {
            total: Counts::default(),
            by_style: BTreeMap::new(),
            by_region: BTreeMap::new(),
            articles,
        };
        for a in &r.articles {
            r.total.add(&a.counts);
            r.by_style.entry(a.style.clone()).or_default().add(&a.counts);
            r.by_region.entry(a.region.clone()).or_default().add(&a.counts);
        }
        r
    }

    /// The one-line summary, in the shared scorer's format.
    pub fn summary(&self) -> String {
        summary_line(&self.total)
    }

    /// The full text report; `errors` adds one line per finding.
    pub fn text(&self, errors: bool) -> String {
        let mut out = String::new();
        if errors {
            for a in &self.articles {
                for f in &a.findings {
                    let kind = format!("{:?}", f.kind).to_uppercase();
                    let _ = writeln!(
                        out,
                        "{}: {kind} {} :: {}",
                        a.id,
                        f.what,
                        f.evidence
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    );
                }
            }
            out.push('\n');
        }
        for (title, map) in
            [("style", &self.by_style), ("region", &self.by_region)]
        {
            if map.len() > 1 {
                let _ = writeln!(out, "by {title}:");
                for (k, c) in map {
                    let _ = writeln!(out, "  {k:<24} {}", summary_line(c));
                }
            }
        }
        let t = &self.total;
        let _ = writeln!(
            out,
            "agreement on matches: codes={}/{} cameo={}/{} modality={}/{}",
            t.code_ok,
            t.code_n,
            t.cameo_ok,
            t.cameo_n,
            t.modality_ok,
            t.modality_n
        );
        let _ = writeln!(out, "{}", self.summary());
        out
    }

    /// The report as JSON.
    pub fn json(&self) -> serde_json::Value {
        let j = Json {
            total: Figures::from(&self.total),
            by_style: figures(&self.by_style),
            by_region: figures(&self.by_region),
            articles: self
                .articles
                .iter()
                .map(|a| JsonArticle {
                    score: a,
                    figures: Figures::from(&a.counts),
                })
                .collect(),
        };
        serde_json::to_value(j).unwrap_or_default()
    }
}

fn figures(m: &BTreeMap<String, Counts>) -> BTreeMap<&str, Figures> {
    m.iter().map(|(k, c)| (k.as_str(), Figures::from(c))).collect()
}

fn summary_line(c: &Counts) -> String {
    format!(
        "events P={:.2} R={:.2} F1={:.2} dates={}/{} forbidden={} timex={}/{}",
        c.precision(),
        c.recall(),
        c.f1(),
        c.date_ok,
        c.date_n,
        c.forbidden_hit,
        c.timex_ok,
        c.timex_n
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docgold::score::{Finding, Kind};

    fn article(style: &str, system: usize, matched: usize) -> ArticleScore {
        ArticleScore {
            id: format!("a-{style}"),
            region: "r".into(),
            style: style.into(),
            counts: Counts {
                system,
                system_matched: matched,
                required: 2,
                required_found: 1,
                ..Counts::default()
            },
            findings: vec![Finding {
                kind: Kind::Missed,
                what: "USA->IRN".into(),
                evidence: "a\nb".into(),
            }],
        }
    }

    #[test]
    fn sums_and_prints() {
        let r =
            Report::new(vec![article("wire", 2, 1), article("noise", 2, 1)]);
        assert_eq!(r.total.system, 4);
        assert_eq!(r.by_style.len(), 2);
        assert_eq!(
            r.summary(),
            "events P=0.50 R=0.50 F1=0.50 dates=0/0 forbidden=0 timex=0/0"
        );
        let text = r.text(true);
        assert!(text.contains("a-wire: MISSED USA->IRN :: a b\n"), "{text}");
        assert!(text.contains("by style:"));
        let j = r.json();
        assert_eq!(j["total"]["system"], 4);
        assert_eq!(j["articles"][0]["findings"][0]["kind"], "missed");
    }
}
