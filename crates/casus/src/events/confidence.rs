//! How far to trust an event: `Event::confidence` in [0, 1], the
//! probability that the event is right (its source and target countries
//! and its CAMEO root agree with what a careful coder codes), from
//! evidence the pipeline already has.
//!
//! The model is a logistic regression over the features [`FEATURES`]
//! lists (each in [0, 1]; `events::basis::features` computes them, in one
//! place, above the stage's engine: this module imports no part of it). Its
//! weights are data: `dicts/confidence.tsv`, compiled in, fitted by
//! `casus-eval calibrate --gold testdata/docgold --out
//! dicts/confidence.tsv` on the project's own document gold and checked
//! (a reliability table) on the shared gold articles, never fitted on
//! them (docs/eval/confidence.md).
//!
//! ```
//! use casus::events::confidence::{ConfidenceModel, Features};
//! let model = ConfidenceModel::parse("w.tsv", "intercept\t0\nphrase\t2\n")
//!     .unwrap();
//! let mut f = Features::default();
//! assert_eq!(model.score(&f), 0.5);
//! f.set("phrase", 1.0);
//! assert!(model.score(&f) > 0.85);
//! ```

use crate::error::DictError;
use crate::util::{data_lines, LineErrors};

/// The built-in weights (`dicts/confidence.tsv`).
pub const BUILTIN_CONFIDENCE: &str =
    include_str!("../../../../dicts/confidence.tsv");

/// Every feature: name (as in `dicts/confidence.tsv`) and what it
/// measures. All are 0 or 1 unless said otherwise.
///
/// | feature | evidence |
/// |---|---|
/// | `phrase` | pattern specificity: the pattern matched more words than its trigger (verb + particle or noun: "opened fire on", "held talks") |
/// | `tree` | the sentence was parsed: roles and scope read from the dependency tree |
/// | `src_absent`, `tgt_absent` | no source / no target actor |
/// | `src_weak` | the source was found other than as subject, passive agent or the pattern's own slot (an object, possessor, "by" phrase, a later actor in the verb phrase) |
/// | `tgt_weak` | the target was found other than as object or the pattern's slot (subject of a target-first pattern, possessor, ...) |
/// | `src_story`, `tgt_story` | the actor's country came from the story (dateline, dominant country), not its own words or a place |
/// | `src_place`, `tgt_place` | the actor's country came from a place named with it |
/// | `src_learned`, `tgt_learned` | the actor is a person learned in this run (a surname met earlier), not a dictionary entry |
/// | `src_common`, `tgt_common` | the mention is a common noun or pronoun ("the ministry", "he", "protesters"), not a name |
/// | `src_dist`, `tgt_dist` | tokens between trigger and actor, / 20, at most 1 |
/// | `sent_len` | tokens in the sentence, / 60, at most 1 |
/// | `lede` | the article's first sentence |
/// | `not_asserted` | modality other than asserted (intended, possible, alleged, ...) |
/// | `negated` | the text says it did not happen |
/// | `attributed` | a speaker or outlet is cited for it |
/// | `derived` | coded on a reporting verb or beside the act (an accusation, a claim, a statement of intent), not on the pattern's trigger |
/// | `recoded` | a table row recoded the act (by its doer, or as an allegation) |
/// | `domestic` | source and target have the same country |
/// | `coordinated` | source and target are members of one coordination ("Israel and Hamas clashed", "American and British warplanes struck ..."): the reciprocal reading |
/// | `r01` ... `r20` | the CAMEO root (dictionary coverage and ambiguity differ by root) |
pub const FEATURES: [&str; 45] = [
    "phrase",
    "tree",
    "src_absent",
    "tgt_absent",
    "src_weak",
    "tgt_weak",
    "src_story",
    "tgt_story",
    "src_place",
    "tgt_place",
    "src_learned",
    "tgt_learned",
    "src_common",
    "tgt_common",
    "src_dist",
    "tgt_dist",
    "sent_len",
    "lede",
    "not_asserted",
    "negated",
    "attributed",
    "derived",
    "recoded",
    "domestic",
    "coordinated",
    "r01",
    "r02",
    "r03",
    "r04",
    "r05",
    "r06",
    "r07",
    "r08",
    "r09",
    "r10",
    "r11",
    "r12",
    "r13",
    "r14",
    "r15",
    "r16",
    "r17",
    "r18",
    "r19",
    "r20",
];

/// Number of features.
pub const N_FEATURES: usize = FEATURES.len();

/// The position of a feature, by name.
fn index(name: &str) -> Option<usize> {
    FEATURES.iter().position(|f| *f == name)
}

/// One event's feature values, in [`FEATURES`] order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Features(pub [f32; N_FEATURES]);

impl Default for Features {
    fn default() -> Features {
        Features([0.0; N_FEATURES])
    }
}

impl Features {
    /// The value of feature `name` (0 for an unknown name).
    pub fn get(&self, name: &str) -> f32 {
        index(name).map_or(0.0, |i| self.0[i])
    }

    /// Sets feature `name` (ignored for an unknown name).
    pub fn set(&mut self, name: &str, value: f32) {
        if let Some(i) = index(name) {
            self.0[i] = value;
        }
    }

    /// (name, value) pairs in [`FEATURES`] order.
    pub fn named(&self) -> impl Iterator<Item = (&'static str, f32)> + '_ {
        FEATURES.iter().copied().zip(self.0.iter().copied())
    }
}

/// The features an event's confidence was computed from, kept beside
/// the event for calibration (`casus-eval calibrate`). Not serialized
/// and never part of an event's equality: an event read back from a
/// store or JSON has none.
#[derive(Clone, Copy, Debug, Default)]
pub struct Basis(pub Option<Features>);

impl PartialEq for Basis {
    fn eq(&self, _: &Basis) -> bool {
        true
    }
}

/// Logistic weights over [`FEATURES`].
#[derive(Clone, Debug, PartialEq)]
pub struct ConfidenceModel {
    /// The bias.
    pub intercept: f32,
    /// One weight per feature, in [`FEATURES`] order.
    pub weights: [f32; N_FEATURES],
}

impl Default for ConfidenceModel {
    /// All weights 0: every event 0.5.
    fn default() -> ConfidenceModel {
        ConfidenceModel { intercept: 0.0, weights: [0.0; N_FEATURES] }
    }
}

impl ConfidenceModel {
    /// Parses `name<TAB>weight` lines (`intercept` for the bias; a
    /// feature not listed weighs 0).
    ///
    /// # Errors
    ///
    /// Every bad line: an unknown feature, a weight that is not a
    /// finite number, a feature listed twice.
    pub fn parse(
        path: &str,
        text: &str,
    ) -> Result<ConfidenceModel, Vec<DictError>> {
        let mut m = ConfidenceModel::default();
        let mut seen = [false; N_FEATURES + 1];
        let mut errs = LineErrors::new(path);
        for (n, line) in data_lines(text) {
            let mut cols = line.split('\t');
            let (Some(name), Some(w), None) =
                (cols.next(), cols.next(), cols.next())
            else {
                errs.push(n, "expected `feature<TAB>weight`");
                continue;
            };
            let Some(w) =
                w.trim().parse::<f32>().ok().filter(|w| w.is_finite())
            else {
                errs.push(n, format!("weight {w:?} is not a number"));
                continue;
            };
            let name = name.trim();
            let slot = if name == "intercept" {
                N_FEATURES
            } else if let Some(i) = index(name) {
                i
            } else {
                errs.push(n, format!("unknown feature {name:?}"));
                continue;
            };
            if std::mem::replace(&mut seen[slot], true) {
                errs.push(n, format!("{name} listed twice"));
                continue;
            }
            match m.weights.get_mut(slot) {
                Some(x) => *x = w,
                None => m.intercept = w,
            }
        }
        errs.finish(m)
    }

    /// The built-in model.
    ///
    /// # Errors
    ///
    /// A bad line in `dicts/confidence.tsv`.
    pub fn builtin() -> crate::error::Result<ConfidenceModel> {
        ConfidenceModel::parse("dicts/confidence.tsv", BUILTIN_CONFIDENCE)
            .map_err(crate::error::Error::Dict)
    }

    /// The probability the event is right, rounded to 3 decimals (the
    /// weights are fitted on a few hundred events: more digits would be
    /// noise, and rounding keeps JSON output short and stable).
    pub fn score(&self, f: &Features) -> f32 {
        let z: f32 = self.intercept
            + self
                .weights
                .iter()
                .zip(f.0.iter())
                .map(|(w, x)| w * x)
                .sum::<f32>();
        let p = 1.0 / (1.0 + (-z).exp());
        (p * 1000.0).round() / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads() {
        let m = ConfidenceModel::builtin().unwrap();
        assert!(m.weights.iter().any(|w| *w != 0.0));
    }

    /// (file, error substring or "" when it parses).
    #[test]
    fn parse_table() {
        let cases: &[(&str, &str)] = &[
            ("intercept\t0.5\nphrase\t1\n", ""),
            ("# c\n\nr19\t-2.5\n", ""),
            ("nosuch\t1\n", "unknown feature"),
            ("phrase\tx\n", "not a number"),
            ("phrase\tNaN\n", "not a number"),
            ("phrase\n", "expected"),
            ("phrase\t1\tx\n", "expected"),
            ("phrase\t1\nphrase\t2\n", "twice"),
        ];
        for (text, want) in cases {
            match ConfidenceModel::parse("t.tsv", text) {
                Ok(_) => assert_eq!(*want, "", "{text:?}"),
                Err(e) => {
                    let msg = format!("{e:?}");
                    assert!(
                        !want.is_empty() && msg.contains(want),
                        "{text:?}: {msg}"
                    );
                }
            }
        }
    }

    #[test]
    fn score_is_logistic_and_rounded() {
        let m = ConfidenceModel::parse("t", "intercept\t1\nnegated\t-2\n")
            .unwrap();
        let mut f = Features::default();
        assert_eq!(m.score(&f), 0.731);
        f.set("negated", 1.0);
        assert_eq!(m.score(&f), 0.269);
        // Every feature counted once, in order.
        assert_eq!(f.named().count(), N_FEATURES);
        assert_eq!(f.get("negated"), 1.0);
        assert_eq!(f.get("nosuch"), 0.0);
    }
}
