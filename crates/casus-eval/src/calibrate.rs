//! `casus-eval calibrate`: fits the event confidence model on document
//! gold and shows how well confidence predicts being right.
//!
//! Each event casus codes on a gold article is labelled right or wrong by
//! the document-gold scorer's rule ([`crate::docgold::score::is_right`]:
//! it matches a gold event's source and target countries and CAMEO root,
//! and is no forbidden act asserted). Negated events are left out, as
//! precision leaves them out.
//!
//! - `--gold testdata/docgold --out dicts/confidence.tsv` fits a
//!   logistic regression (L2 penalty [`L2`] on the weights, Newton's
//!   method from zero: deterministic) over the features
//!   `casus::events::confidence::FEATURES` and writes the weights file the
//!   coder compiles in; the table then shows the fit on its own data.
//! - Without `--out` (`--gold DIR` or `--shared DIR`) it scores the
//!   built-in model as is: on the shared gold articles this is the
//!   held-out check (never fit on them).
//!
//! The reliability table bins events by predicted confidence and shows
//! each bin's observed precision, and the expected calibration error
//! (ECE: the events-weighted mean of |precision - mean confidence|).
//!
//! ```
//! use casus_eval::calibrate::{fit, reliability};
//! let x = vec![[0.0; casus::events::confidence::N_FEATURES]; 4];
//! let y = [true, true, true, false];
//! let m = fit(&x, &y);
//! assert!((m.intercept - 3f64.ln()).abs() < 1e-6);
//! let t = reliability(&[(0.75, true), (0.75, false)], 10);
//! assert_eq!(t.bins[7].n, 2);
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use casus::events::confidence::{Features, FEATURES, N_FEATURES};
use serde::Serialize;

use crate::docgold::gold::ArticleGold;
use crate::docgold::score::{article_key, is_right, SysEvent};
use crate::docgold::{score_all, Gold};

/// The L2 penalty on the weights (not the intercept): a few hundred
/// events and 44 features, most of them rare one-hots (roots).
pub const L2: f64 = 2.0;

/// Flags of `casus-eval calibrate`.
#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// The project's TOML gold directory (fitting data).
    #[arg(long, conflicts_with = "shared")]
    pub gold: Option<PathBuf>,
    /// The shared data directory: scores `data/gold-articles` (held out;
    /// never with `--out`).
    #[arg(long, conflicts_with = "out")]
    pub shared: Option<PathBuf>,
    /// Fit the weights on `--gold` and write them to this file.
    #[arg(long, requires = "gold")]
    pub out: Option<PathBuf>,
    /// Number of equal-width confidence bins.
    #[arg(long, default_value_t = 10)]
    pub bins: usize,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// A fitted model (f64 while fitting; the file holds 4 decimals).
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    /// The bias.
    pub intercept: f64,
    /// Weights in `FEATURES` order.
    pub weights: [f64; N_FEATURES],
}

impl Fitted {
    /// The probability for features `x`.
    pub fn predict(&self, x: &[f64; N_FEATURES]) -> f64 {
        let z = self.intercept
            + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }

    /// The weights file (`dicts/confidence.tsv`).
    pub fn to_tsv(&self, header: &str) -> String {
        let mut s = String::new();
        for line in header.lines() {
            let _ = writeln!(s, "# {line}");
        }
        let _ = writeln!(s, "intercept\t{:.4}", self.intercept);
        for (name, w) in FEATURES.iter().zip(self.weights) {
            let _ = writeln!(s, "{name}\t{w:.4}");
        }
        s
    }
}

/// Fits an L2-penalised logistic regression by Newton's method from
/// zero weights (25 steps; converged long before on these sizes).
// Matrix code: indexes read as the formulas do.
#[allow(clippy::needless_range_loop)]
pub fn fit(x: &[[f64; N_FEATURES]], y: &[bool]) -> Fitted {
    const D: usize = N_FEATURES + 1;
    let mut w = [0.0f64; D];
    let row = |i: usize, j: usize| if j == 0 { 1.0 } else { x[i][j - 1] };
    for _ in 0..25 {
        let mut grad = [0.0f64; D];
        let mut hess = vec![[0.0f64; D]; D];
        for i in 0..x.len() {
            let z: f64 = (0..D).map(|j| w[j] * row(i, j)).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let r = p - f64::from(u8::from(y[i]));
            let s = p * (1.0 - p);
            for j in 0..D {
                grad[j] += r * row(i, j);
                for k in 0..D {
                    hess[j][k] += s * row(i, j) * row(i, k);
                }
            }
        }
        for j in 1..D {
            grad[j] += L2 * w[j];
            hess[j][j] += L2;
        }
        // A tiny ridge on the intercept keeps the system solvable.
        hess[0][0] += 1e-9;
        let step = solve(hess, grad);
        for j in 0..D {
            w[j] -= step[j];
        }
    }
    let mut weights = [0.0; N_FEATURES];
    weights.copy_from_slice(&w[1..]);
    Fitted { intercept: w[0], weights }
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting
/// (`a` is positive definite here).
#[allow(clippy::needless_range_loop)]
fn solve<const D: usize>(mut a: Vec<[f64; D]>, mut b: [f64; D]) -> [f64; D] {
    for c in 0..D {
        let p = (c..D)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        b.swap(c, p);
        let d = a[c][c];
        if d.abs() < 1e-300 {
            continue;
        }
        for r in c + 1..D {
            let f = a[r][c] / d;
            if f == 0.0 {
                continue;
            }
            for k in c..D {
                a[r][k] -= f * a[c][k];
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = [0.0; D];
    for c in (0..D).rev() {
        let s: f64 = (c + 1..D).map(|k| a[c][k] * x[k]).sum();
        x[c] = if a[c][c].abs() < 1e-300 { 0.0 } else { (b[c] - s) / a[c][c] };
    }
    x
}

/// One bin of the reliability table.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Bin {
    /// Lower edge (inclusive).
    pub lo: f64,
    /// Upper edge (exclusive; the last bin includes 1).
    pub hi: f64,
    /// Events in the bin.
    pub n: usize,
    /// Of which right.
    pub right: usize,
    /// Mean predicted confidence.
    pub mean: f64,
}

/// The reliability table.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Reliability {
    /// The bins, low to high.
    pub bins: Vec<Bin>,
    /// Events.
    pub n: usize,
    /// Right events.
    pub right: usize,
    /// Expected calibration error.
    pub ece: f64,
    /// Brier score (mean squared error of the confidence).
    pub brier: f64,
}

/// The reliability table of (confidence, right) pairs in `bins` bins.
pub fn reliability(pairs: &[(f64, bool)], bins: usize) -> Reliability {
    let k = bins.max(1);
    let mut t = Reliability {
        bins: (0..k)
            .map(|i| Bin {
                lo: i as f64 / k as f64,
                hi: (i + 1) as f64 / k as f64,
                ..Bin::default()
            })
            .collect(),
        ..Reliability::default()
    };
    for &(c, ok) in pairs {
        let i = ((c * k as f64).floor() as usize).min(k - 1);
        let b = &mut t.bins[i];
        b.n += 1;
        b.right += usize::from(ok);
        b.mean += c;
        t.n += 1;
        t.right += usize::from(ok);
        t.brier += (c - f64::from(u8::from(ok))).powi(2);
    }
    for b in &mut t.bins {
        if b.n > 0 {
            b.mean /= b.n as f64;
            let acc = b.right as f64 / b.n as f64;
            t.ece += b.n as f64 * (acc - b.mean).abs();
        }
    }
    if t.n > 0 {
        t.ece /= t.n as f64;
        t.brier /= t.n as f64;
    }
    t
}

/// Document-gold scores when only events at or above a threshold are
/// kept.
#[derive(Clone, Debug, Serialize)]
pub struct AtThreshold {
    /// The threshold.
    pub min: f64,
    /// Non-negated events kept.
    pub events: usize,
    /// Precision.
    pub precision: f64,
    /// Recall of required gold events.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

/// What `casus-eval calibrate` reports.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Which gold.
    pub gold: String,
    /// Articles.
    pub articles: usize,
    /// The table.
    pub reliability: Reliability,
    /// Scores at thresholds.
    pub thresholds: Vec<AtThreshold>,
}

impl Report {
    /// As Markdown tables.
    pub fn text(&self) -> String {
        let r = &self.reliability;
        let mut s = format!(
            "{} ({} articles): {} events, {} right ({:.1}%), ECE {:.3}, Brier {:.3}\n\n",
            self.gold,
            self.articles,
            r.n,
            r.right,
            pct(r.right, r.n),
            r.ece,
            r.brier
        );
        s.push_str(
            "| confidence | events | right | precision | mean confidence |\n",
        );
        s.push_str("|---|---|---|---|---|\n");
        for b in &r.bins {
            if b.n == 0 {
                continue;
            }
            let _ = writeln!(
                s,
                "| {:.1}-{:.1} | {} | {} | {:.2} | {:.2} |",
                b.lo,
                b.hi,
                b.n,
                b.right,
                b.right as f64 / b.n as f64,
                b.mean
            );
        }
        s.push_str("\n| min confidence | events | P | R | F1 |\n|---|---|---|---|---|\n");
        for t in &self.thresholds {
            let _ = writeln!(
                s,
                "| {:.1} | {} | {:.2} | {:.2} | {:.2} |",
                t.min, t.events, t.precision, t.recall, t.f1
            );
        }
        s
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// One coded event: its JSON, features and label.
struct Labelled {
    json: serde_json::Value,
    features: Features,
    confidence: f64,
    right: bool,
    negated: bool,
}

/// Codes the gold's articles in this process, as `casus code` does for a
/// run of fewer than 512 articles, and labels every event.
fn code_and_label(gold: &Gold) -> anyhow::Result<Vec<Labelled>> {
    use casus::ingest::{Inputs, Options, Record};
    let coder = casus::Coder::builtin()?;
    let memory = casus::actors::RunMemory::new();
    let inputs = Inputs::new(&gold.article_paths(), Options::default())?;
    let by_id: std::collections::HashMap<&str, &ArticleGold> =
        gold.articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut out = Vec::new();
    for record in inputs {
        let article = match record {
            Record::Article { article, .. } => article,
            Record::Warning(_) => continue,
            Record::Skipped(p) => anyhow::bail!("{p}"),
        };
        let key = article_key(&article.id);
        let Some(g) = by_id.get(key.as_str()) else { continue };
        for e in coder.code_in_run(&article, &memory).0 {
            let json = serde_json::to_value(&e)?;
            let Some(sys) = SysEvent::from_json(&json) else { continue };
            let Some(features) = e.basis.0 else {
                anyhow::bail!(
                    "event {} has no confidence features",
                    e.event_id
                )
            };
            out.push(Labelled {
                right: is_right(g, &sys),
                negated: e.negated,
                confidence: f64::from(e.confidence),
                features,
                json,
            });
        }
    }
    Ok(out)
}

fn as_f64(f: &Features) -> [f64; N_FEATURES] {
    let mut x = [0.0; N_FEATURES];
    for (a, b) in x.iter_mut().zip(f.0) {
        *a = f64::from(b);
    }
    x
}

/// Runs `casus-eval calibrate`.
///
/// # Errors
///
/// Bad gold, unreadable articles or dictionaries, an unwritable `--out`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (gold, name) = match (&args.gold, &args.shared) {
        (Some(dir), _) => (Gold::load_toml(dir)?, dir.display().to_string()),
        (None, Some(sh)) => {
            (Gold::load_shared(sh)?, "shared gold-articles".to_string())
        }
        (None, None) => {
            let dir = Path::new("testdata/docgold");
            (Gold::load_toml(dir)?, dir.display().to_string())
        }
    };
    let mut events = code_and_label(&gold)?;
    if let Some(out) = &args.out {
        let kept: Vec<&Labelled> =
            events.iter().filter(|e| !e.negated).collect();
        let x: Vec<[f64; N_FEATURES]> =
            kept.iter().map(|e| as_f64(&e.features)).collect();
        let y: Vec<bool> = kept.iter().map(|e| e.right).collect();
        let m = fit(&x, &y);
        let right = y.iter().filter(|r| **r).count();
        let header = format!(
            "Event confidence weights (crates/casus/src/events/confidence.rs):\n\
             logistic regression, `feature<TAB>weight`, `intercept` the bias.\n\
             Written by `casus-eval calibrate --gold {name} --out {}`\n\
             from {} non-negated events of {} articles ({right} right), L2 {L2}.\n\
             Do not edit by hand: re-run the command (docs/eval/confidence.md).",
            out.display(),
            y.len(),
            gold.articles.len(),
        );
        std::fs::write(out, m.to_tsv(&header))?;
        eprintln!("wrote {}", out.display());
        // Show the fit as the coder will score it: 4-decimal weights,
        // 3-decimal confidences.
        let model = casus::events::confidence::ConfidenceModel::parse(
            &out.display().to_string(),
            &m.to_tsv(""),
        )
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        for e in &mut events {
            let c = model.score(&e.features);
            e.confidence = f64::from(c);
            e.json["confidence"] = serde_json::json!(c);
        }
    }
    let pairs: Vec<(f64, bool)> = events
        .iter()
        .filter(|e| !e.negated)
        .map(|e| (e.confidence, e.right))
        .collect();
    let thresholds = [0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]
        .iter()
        .map(|&min| {
            let kept: Vec<serde_json::Value> = events
                .iter()
                .filter(|e| e.confidence >= min - 1e-9)
                .map(|e| e.json.clone())
                .collect();
            let r = score_all(&gold, &kept, &[]).total;
            AtThreshold {
                min,
                events: r.system,
                precision: r.precision(),
                recall: r.recall(),
                f1: r.f1(),
            }
        })
        .collect();
    let report = Report {
        gold: name,
        articles: gold.articles.len(),
        reliability: reliability(&pairs, args.bins),
        thresholds,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.text());
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A feature that separates the labels gets a large weight of the
    /// right sign; the fit is the same on every run.
    #[test]
    fn fit_separates_and_is_deterministic() {
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..200 {
            let mut r = [0.0; N_FEATURES];
            r[0] = f64::from(i % 2);
            x.push(r);
            // Feature 0 right 90% of the time, else 20%.
            y.push(if i % 2 == 1 { i % 20 != 1 } else { i % 10 < 2 });
        }
        let a = fit(&x, &y);
        assert!(a.weights[0] > 2.0, "{:?}", a.weights[0]);
        assert!(a.weights[1..].iter().all(|w| *w == 0.0));
        assert_eq!(a, fit(&x, &y));
        let on = {
            let mut r = [0.0; N_FEATURES];
            r[0] = 1.0;
            a.predict(&r)
        };
        // 0.9 observed; the L2 penalty pulls the weight (and the
        // prediction) a little towards the base rate.
        assert!(on < 0.9 && on > 0.8, "{on}");
    }

    #[test]
    fn reliability_bins_and_ece() {
        let pairs = [
            (0.95, true),
            (0.95, true),
            (0.15, false),
            (0.15, true),
            (1.0, true),
        ];
        let t = reliability(&pairs, 10);
        assert_eq!(t.n, 5);
        assert_eq!(t.bins[9].n, 3);
        assert_eq!(t.bins[1].n, 2);
        // Bin 9: precision 1 vs mean 0.9667; bin 1: 0.5 vs 0.15.
        let want = (3.0 * (1.0 - 2.9 / 3.0) + 2.0 * 0.35) / 5.0;
        assert!((t.ece - want).abs() < 1e-9, "{}", t.ece);
    }

    /// The weights file round-trips through the coder's parser.
    #[test]
    fn tsv_loads_in_the_coder() {
        let mut m = Fitted { intercept: -0.5, weights: [0.0; N_FEATURES] };
        m.weights[3] = 1.25;
        let text = m.to_tsv("a header\nof two lines");
        let parsed =
            casus::events::confidence::ConfidenceModel::parse("t", &text)
                .unwrap();
        assert_eq!(parsed.intercept, -0.5);
        assert_eq!(parsed.weights[3], 1.25);
    }
}
