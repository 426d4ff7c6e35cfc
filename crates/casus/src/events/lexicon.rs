//! The small word lists the coder reads from data files: modality and
//! control cues (`dicts/modality.tsv`), negation cues
//! (`dicts/negation.tsv`) and attribution words (`dicts/attribution.tsv`).

use crate::error::DictError;
use crate::util::{data_lines, LineErrors};

/// Built-in modality cues.
pub const BUILTIN_MODALITY: &str =
    include_str!("../../../../dicts/modality.tsv");
/// Built-in negation cues.
pub const BUILTIN_NEGATION: &str =
    include_str!("../../../../dicts/negation.tsv");
/// Built-in attribution lexicon.
pub const BUILTIN_ATTRIBUTION: &str =
    include_str!("../../../../dicts/attribution.tsv");

/// Which actor of a control verb does the embedded to-infinitive act.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// Not a control verb.
    None,
    /// "X pledged to ...": X.
    Subject,
    /// "X urged Y to ...": Y.
    Object,
}

/// One modality cue.
#[derive(Clone, Debug, PartialEq)]
pub struct ModalityCue {
    /// Lemmas, in order.
    pub words: Vec<String>,
    /// The modality it signals, if any.
    pub modality: Option<super::Modality>,
    /// Its control type.
    pub control: Control,
}

/// What an attribution word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrKind {
    /// A verb of saying.
    Speech,
    /// A named outlet.
    Outlet,
    /// A generic medium noun.
    Media,
}

fn rows<'a>(
    text: &'a str,
    ncols: usize,
    errs: &mut LineErrors,
) -> Vec<(usize, Vec<&'a str>)> {
    let mut out = Vec::new();
    for (n, line) in data_lines(text) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != ncols || cols.iter().any(|c| c.trim().is_empty()) {
            errs.push(n, format!("expected {ncols} tab-separated columns"));
            continue;
        }
        out.push((n, cols));
    }
    out
}

/// Parses the modality table.
pub fn parse_modality(
    path: &str,
    text: &str,
) -> Result<Vec<ModalityCue>, Vec<DictError>> {
    use super::Modality as M;
    let mut errs = LineErrors::new(path);
    let mut out = Vec::new();
    for (line, cols) in rows(text, 3, &mut errs) {
        let modality = match cols[1] {
            "intended" => Some(M::Intended),
            "possible" => Some(M::Possible),
            "requested" => Some(M::Requested),
            "counterfactual" => Some(M::Counterfactual),
            "conditional" => Some(M::Conditional),
            "asserted" => Some(M::Asserted),
            "-" => None,
            other => {
                errs.push(line, format!("unknown modality {other:?}"));
                continue;
            }
        };
        let control = match cols[2] {
            "subject" => Control::Subject,
            "object" => Control::Object,
            "-" => Control::None,
            other => {
                errs.push(line, format!("unknown control {other:?}"));
                continue;
            }
        };
        let words =
            cols[0].split_whitespace().map(str::to_lowercase).collect();
        out.push(ModalityCue { words, modality, control });
    }
    errs.finish(out)
}

/// Parses the negation cue list.
pub fn parse_negation(
    path: &str,
    text: &str,
) -> Result<Vec<Vec<String>>, Vec<DictError>> {
    let mut errs = LineErrors::new(path);
    let out = rows(text, 1, &mut errs)
        .into_iter()
        .map(|(_, c)| c[0].split_whitespace().map(str::to_lowercase).collect())
        .collect();
    errs.finish(out)
}

/// Parses the attribution lexicon.
pub fn parse_attribution(
    path: &str,
    text: &str,
) -> Result<Vec<(Vec<String>, AttrKind)>, Vec<DictError>> {
    let mut errs = LineErrors::new(path);
    let mut out = Vec::new();
    for (line, cols) in rows(text, 2, &mut errs) {
        let kind = match cols[1] {
            "speech" => AttrKind::Speech,
            "outlet" => AttrKind::Outlet,
            "media" => AttrKind::Media,
            other => {
                errs.push(line, format!("unknown kind {other:?}"));
                continue;
            }
        };
        let words =
            cols[0].split_whitespace().map(str::to_lowercase).collect();
        out.push((words, kind));
    }
    errs.finish(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse() {
        assert!(parse_modality("m", BUILTIN_MODALITY).unwrap().len() > 40);
        assert!(parse_negation("n", BUILTIN_NEGATION).unwrap().len() > 5);
        assert!(
            parse_attribution("a", BUILTIN_ATTRIBUTION).unwrap().len() > 40
        );
        let mut errs = parse_modality("m", "will\tsoon\t-\nx\n").unwrap_err();
        errs.sort_by_key(|e| e.line);
        assert_eq!(errs.len(), 2);
        assert_eq!((errs[0].line, errs[1].line), (1, 2));
    }
}
