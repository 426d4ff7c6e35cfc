//! The built-in verb patterns (`dicts/verbs/*.toml`), compiled into the
//! binary and parsed by the same reader as user files.
//!
//! The TOML format and its compact pattern syntax are specified in
//! `dicts/verbs/README.md`. Each `[[pattern]]` becomes one or more
//! [`VerbPattern`]s (alternatives `a|b` and optional words `w?` expand),
//! all with the origin `file:line` of the pattern's `pattern =` line.

use std::sync::Arc;

use serde::Deserialize;

use super::{Dictionaries, Elem, Origin, TriggerCond, VerbPattern};
use crate::codes::PatternCode;
use crate::error::DictError;

/// The built-in verb files: (name, contents).
pub const BUILTIN_VERB_FILES: &[(&str, &str)] = &[
    (
        "dicts/verbs/statement.toml",
        include_str!("../../../../dicts/verbs/statement.toml"),
    ),
    (
        "dicts/verbs/appeal.toml",
        include_str!("../../../../dicts/verbs/appeal.toml"),
    ),
    (
        "dicts/verbs/intent.toml",
        include_str!("../../../../dicts/verbs/intent.toml"),
    ),
    (
        "dicts/verbs/consult.toml",
        include_str!("../../../../dicts/verbs/consult.toml"),
    ),
    (
        "dicts/verbs/diplomatic.toml",
        include_str!("../../../../dicts/verbs/diplomatic.toml"),
    ),
    (
        "dicts/verbs/material.toml",
        include_str!("../../../../dicts/verbs/material.toml"),
    ),
    ("dicts/verbs/aid.toml", include_str!("../../../../dicts/verbs/aid.toml")),
    (
        "dicts/verbs/yield.toml",
        include_str!("../../../../dicts/verbs/yield.toml"),
    ),
    (
        "dicts/verbs/investigate.toml",
        include_str!("../../../../dicts/verbs/investigate.toml"),
    ),
    (
        "dicts/verbs/demand.toml",
        include_str!("../../../../dicts/verbs/demand.toml"),
    ),
    (
        "dicts/verbs/disapprove.toml",
        include_str!("../../../../dicts/verbs/disapprove.toml"),
    ),
    (
        "dicts/verbs/reject.toml",
        include_str!("../../../../dicts/verbs/reject.toml"),
    ),
    (
        "dicts/verbs/threaten.toml",
        include_str!("../../../../dicts/verbs/threaten.toml"),
    ),
    (
        "dicts/verbs/protest.toml",
        include_str!("../../../../dicts/verbs/protest.toml"),
    ),
    (
        "dicts/verbs/posture.toml",
        include_str!("../../../../dicts/verbs/posture.toml"),
    ),
    (
        "dicts/verbs/reduce.toml",
        include_str!("../../../../dicts/verbs/reduce.toml"),
    ),
    (
        "dicts/verbs/coerce.toml",
        include_str!("../../../../dicts/verbs/coerce.toml"),
    ),
    (
        "dicts/verbs/assault.toml",
        include_str!("../../../../dicts/verbs/assault.toml"),
    ),
    (
        "dicts/verbs/fight.toml",
        include_str!("../../../../dicts/verbs/fight.toml"),
    ),
    (
        "dicts/verbs/mass.toml",
        include_str!("../../../../dicts/verbs/mass.toml"),
    ),
    (
        "dicts/verbs/discard.toml",
        include_str!("../../../../dicts/verbs/discard.toml"),
    ),
];

/// One example sentence of a pattern, with the actors it should code.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct VerbExample {
    /// The sentence.
    pub text: String,
    /// Expected source actor code (or its country), if any.
    #[serde(default)]
    pub source: Option<String>,
    /// Expected target actor code (or its country), if any.
    #[serde(default)]
    pub target: Option<String>,
    /// Expected CAMEO code when it differs from the pattern's own (an
    /// example showing that a more specific pattern wins).
    #[serde(default)]
    pub cameo: Option<String>,
}

/// A pattern's examples, for the test that runs them all.
#[derive(Clone, Debug)]
pub struct PatternExamples {
    /// The pattern's id.
    pub id: String,
    /// Its CAMEO code.
    pub cameo: String,
    /// Where it is (`file:line`).
    pub origin: String,
    /// Its examples.
    pub examples: Vec<VerbExample>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    version: Option<u32>,
    #[serde(default)]
    pattern: Vec<RawPattern>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPattern {
    id: String,
    cameo: String,
    pattern: toml::Spanned<String>,
    /// Conditions on the trigger token: `exact` (its form as written),
    /// `noun` or `verb` (its use), space separated.
    #[serde(default)]
    trigger: Option<String>,
    #[serde(default)]
    examples: Vec<VerbExample>,
}

/// The built-in verb pattern dictionaries; a pattern id is used once
/// across all of them.
pub fn builtin_verbs() -> crate::error::Result<Dictionaries> {
    let mut d = Dictionaries::default();
    let mut errs = Vec::new();
    let mut ids: std::collections::HashMap<String, String> =
        Default::default();
    for (name, text) in BUILTIN_VERB_FILES {
        match parse_verb_toml(name, text) {
            Ok(p) => {
                for ex in &p.examples {
                    if let Some(first) =
                        ids.insert(ex.id.clone(), ex.origin.clone())
                    {
                        errs.push(DictError {
                            path: name.to_string(),
                            line: ex
                                .origin
                                .rsplit(':')
                                .next()
                                .and_then(|l| l.parse().ok())
                                .unwrap_or(0),
                            reason: format!(
                                "duplicate id {:?} (first at {first})",
                                ex.id
                            ),
                        });
                    }
                }
                d.verbs.extend(p.patterns);
                d.synsets.extend(p.synsets);
            }
            Err(e) => errs.extend(e),
        }
    }
    if errs.is_empty() {
        Ok(d)
    } else {
        Err(crate::error::Error::Dict(errs))
    }
}

/// Every built-in pattern's examples.
pub fn builtin_verb_examples() -> crate::error::Result<Vec<PatternExamples>> {
    let mut out = Vec::new();
    let mut errs = Vec::new();
    for (name, text) in BUILTIN_VERB_FILES {
        match parse_verb_toml(name, text) {
            Ok(p) => out.extend(p.examples),
            Err(e) => errs.extend(e),
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(crate::error::Error::Dict(errs))
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// [`line_of`] for offsets that mostly come in increasing order (the
/// patterns of a file): counts only the newlines since the last offset
/// asked, where counting from the start each time was quadratic in the
/// file's length (~30 M instructions at every start over the built-in
/// verb files).
#[derive(Default)]
struct Lines {
    /// The last offset asked (clamped to the text) and its line.
    at: usize,
    line: usize,
}

impl Lines {
    fn line_of(&mut self, text: &str, byte: usize) -> usize {
        let byte = byte.min(text.len());
        if byte < self.at || self.line == 0 {
            self.at = 0;
            self.line = 1;
        }
        self.line +=
            memchr::memchr_iter(b'\n', &text.as_bytes()[self.at..byte])
                .count();
        self.at = byte;
        self.line
    }
}

/// Parses one verb TOML file into patterns (and their examples); every
/// bad pattern is reported with its line.
pub fn parse_verb_toml(
    path: &str,
    text: &str,
) -> Result<Parsed, Vec<DictError>> {
    let err = |line: usize, reason: String| DictError {
        path: path.to_string(),
        line,
        reason,
    };
    let file: File = match toml::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            let msg = e.message().to_string();
            return Err(vec![err(line, msg)]);
        }
    };
    let mut errs = Vec::new();
    if let Some(v) = file.version {
        if v != 1 {
            errs.push(err(1, format!("unsupported version {v} (expected 1)")));
        }
    }
    let file_name: Arc<str> = Arc::from(path);
    let mut pats = Vec::new();
    let mut examples = Vec::new();
    let mut synsets = Vec::new();
    let mut ids: std::collections::HashMap<String, usize> = Default::default();
    let mut lines = Lines::default();
    for raw in file.pattern {
        let line = lines.line_of(text, raw.pattern.span().start);
        let origin = Origin { file: file_name.clone(), line: line as u32 };
        // Ids name patterns in events (`pattern_id`): one pattern each.
        if let Some(first) = ids.insert(raw.id.clone(), line) {
            errs.push(err(
                line,
                format!("duplicate id {:?} (first on line {first})", raw.id),
            ));
            continue;
        }
        let cameo = match raw.cameo.parse::<PatternCode>() {
            Ok(c) if valid_cameo(&raw.cameo) => c,
            _ => {
                errs.push(err(
                    line,
                    format!("bad CAMEO code {:?}", raw.cameo),
                ));
                continue;
            }
        };
        let cond = match raw.trigger.as_deref().map(TriggerCond::parse) {
            None => TriggerCond::default(),
            Some(Some(c)) => c,
            Some(None) => {
                errs.push(err(
                    line,
                    format!(
                        "bad trigger condition {:?} (exact, noun, verb)",
                        raw.trigger
                    ),
                ));
                continue;
            }
        };
        let prefix = format!("{path}:{line}");
        match compile_pattern(raw.pattern.get_ref(), &prefix) {
            Ok((variants, sets)) => {
                synsets.extend(sets);
                for (verb, before, after) in variants {
                    pats.push(VerbPattern {
                        id: raw.id.clone(),
                        cameo,
                        verb,
                        before,
                        after,
                        verbal: false,
                        cond: cond.clone(),
                        origin: origin.clone(),
                    });
                }
            }
            Err(reason) => {
                errs.push(err(line, reason));
                continue;
            }
        }
        examples.push(PatternExamples {
            id: raw.id,
            cameo: raw.cameo,
            origin: origin.to_string(),
            examples: raw.examples,
        });
    }
    if errs.is_empty() {
        Ok(Parsed { patterns: pats, examples, synsets })
    } else {
        Err(errs)
    }
}

/// What a verb TOML file holds.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// The patterns.
    pub patterns: Vec<VerbPattern>,
    /// Their examples.
    pub examples: Vec<PatternExamples>,
    /// Anonymous synsets made from the patterns' alternatives.
    pub synsets: Vec<(String, Vec<String>)>,
}

fn valid_cameo(c: &str) -> bool {
    c.is_empty()
        || c == "---"
        || (matches!(c.len(), 2..=4) && c.bytes().all(|b| b.is_ascii_digit()))
}

type Variant = (Vec<String>, Vec<Elem>, Vec<Elem>);

/// A compiled pattern: its variants and the anonymous synsets its
/// alternatives became.
pub type Compiled = (Vec<Variant>, Vec<(String, Vec<String>)>);

/// Compiles the compact pattern syntax into (verb, before, after)
/// variants: `$` source, `+` target, `^` skip, `_` no word between the
/// elements around it, `&NAME` synset, `word`
/// any inflection, `=word` exact form, `*word` the trigger (default: the
/// first word), `a|b` alternatives, `a_b` a multi-word phrase, `word?`
/// optional. Alternatives of the trigger and optional words expand into
/// variants; other alternatives become anonymous synsets named
/// `{prefix}#{n}` (returned alongside).
pub fn compile_pattern(src: &str, prefix: &str) -> Result<Compiled, String> {
    let (mut slots, verb_pos) = slots(src)?;
    let synsets = alternatives_as_synsets(&mut slots, verb_pos, prefix)?;
    // Cartesian expansion of what is left (trigger alternatives, `?`).
    let mut variants: Vec<Slot> = vec![Vec::new()];
    for alts in &slots {
        let mut next = Vec::with_capacity(variants.len() * alts.len());
        for v in &variants {
            for a in alts {
                let mut v = v.clone();
                v.push(a.clone());
                next.push(v);
            }
        }
        variants = next;
        if variants.len() > 256 {
            return Err("pattern expands to more than 256 variants".into());
        }
    }
    let mut out = Vec::new();
    for v in variants {
        let verb = match &v[verb_pos] {
            Some(w) => vec![w.trim_start_matches('=').to_string()],
            None => continue,
        };
        let before = v[..verb_pos].iter().flatten().map(|s| elem(s)).collect();
        let after =
            v[verb_pos + 1..].iter().flatten().map(|s| elem(s)).collect();
        out.push((verb, before, after));
    }
    Ok((out, synsets))
}

/// Whether a pattern token is a word (not a slot, skip or synset).
fn is_word(s: &str) -> bool {
    !matches!(s, "$" | "+" | "^" | "_") && !s.starts_with('&')
}

/// One pattern element from its token.
fn elem(s: &str) -> Elem {
    match s {
        "$" => Elem::Source,
        "+" => Elem::Target,
        "^" => Elem::Skip,
        "_" => Elem::Adjacent,
        _ => {
            if let Some(n) = s.strip_prefix('&') {
                Elem::Synset(n.to_string())
            } else if let Some(w) = s.strip_prefix('=') {
                Elem::Word(w.to_string())
            } else {
                Elem::Lemma(s.to_string())
            }
        }
    }
}

/// A pattern position: its alternatives (`None`: optional, absent).
type Slot = Vec<Option<String>>;

/// Pattern positions and the trigger's position.
fn slots(src: &str) -> Result<(Vec<Slot>, usize), String> {
    let mut slots: Vec<Slot> = Vec::new();
    let mut verb_pos = None;
    for tok in src.split_whitespace() {
        let (tok, optional) = match tok.strip_suffix('?') {
            Some(t) => (t, true),
            None => (tok, false),
        };
        // `_` alone: the next element comes right after the previous
        // one, no word between ("consumer _ *demand").
        if tok == "_" {
            if optional {
                return Err("`_` cannot be optional".to_string());
            }
            slots.push(vec![Some("_".to_string())]);
            continue;
        }
        let tok = match tok.strip_prefix('*') {
            Some(t) => {
                if verb_pos.is_some() {
                    return Err("more than one `*` trigger".to_string());
                }
                verb_pos = Some(slots.len());
                t
            }
            None => tok,
        };
        let mut alts: Vec<Option<String>> = Vec::new();
        for a in tok.split('|') {
            if a.is_empty() {
                return Err(format!("empty alternative in {tok:?}"));
            }
            alts.push(Some(a.to_lowercase().replace('_', " ")));
        }
        if optional {
            alts.push(None);
        }
        slots.push(alts);
    }
    let verb_pos = match verb_pos {
        Some(p) => p,
        None => slots
            .iter()
            .position(|alts| {
                alts.iter().all(|a| a.as_deref().is_some_and(is_word))
            })
            .ok_or_else(|| "no trigger word".to_string())?,
    };
    if slots[verb_pos]
        .iter()
        .any(|a| a.as_deref().map_or(true, |s| !is_word(s) || s.contains(' ')))
    {
        return Err("the trigger must be a single (non-optional) word".into());
    }
    Ok((slots, verb_pos))
}

/// Whether alternatives hold an exact form (`was|=were`): synsets match
/// by lemma, which would drop the `=`, so such alternatives expand into
/// variants instead, each keeping its own exact or lemma element.
fn exact_alternatives(words: &[&String]) -> bool {
    words.iter().any(|w| w.starts_with('=') && !w.contains(' '))
}

/// Non-trigger alternatives of words become anonymous synsets named
/// `{prefix}#{n}`, returned; alternatives with an exact form expand
/// into variants (see [`exact_alternatives`]).
fn alternatives_as_synsets(
    slots: &mut [Slot],
    verb_pos: usize,
    prefix: &str,
) -> Result<Vec<(String, Vec<String>)>, String> {
    let mut synsets = Vec::new();
    for (i, alts) in slots.iter_mut().enumerate() {
        let words: Vec<&String> = alts.iter().flatten().collect();
        if i == verb_pos || words.len() < 2 || exact_alternatives(&words) {
            continue;
        }
        if words.iter().any(|w| !is_word(w)) {
            return Err("alternatives must all be words".to_string());
        }
        let name = format!("{prefix}#{}", synsets.len());
        let members: Vec<String> = words
            .iter()
            .map(|w| w.trim_start_matches('=').to_string())
            .collect();
        let optional = alts.contains(&None);
        synsets.push((name.clone(), members));
        *alts = vec![Some(format!("&{name}"))];
        if optional {
            alts.push(None);
        }
    }
    Ok(synsets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compile() {
        let (v, sets) =
            compile_pattern("$ express concern? about|over +", "t").unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(
            sets,
            vec![("t#0".to_string(), vec!["about".into(), "over".into()])]
        );
        assert_eq!(v[0].0, vec!["express".to_string()]);
        assert_eq!(v[0].1, vec![Elem::Source]);
        assert_eq!(
            v[0].2,
            vec![
                Elem::Lemma("concern".into()),
                Elem::Synset("t#0".into()),
                Elem::Target
            ]
        );
        assert!(compile_pattern("$ +", "t").is_err());
        let (v, sets) =
            compile_pattern("$ send military_aid|arms to +", "t").unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(sets[0].1, vec!["military aid".to_string(), "arms".into()]);
        // An exact form among alternatives stays exact: one variant each.
        let (v, sets) =
            compile_pattern("$ insist that ^ =was|=were|left", "t").unwrap();
        assert!(sets.is_empty());
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].2.last(), Some(&Elem::Word("was".into())));
        assert_eq!(v[2].2.last(), Some(&Elem::Lemma("left".into())));
    }

    /// (`trigger` key, conditions): `exact`, `noun`, `verb`; an unknown
    /// word or both uses is an error with the pattern's line.
    #[test]
    fn trigger_conditions() {
        use crate::dict::TriggerUse;
        let cases = [
            ("exact", Some((true, None))),
            ("verb", Some((false, Some(TriggerUse::Verb)))),
            ("exact noun", Some((true, Some(TriggerUse::Noun)))),
            ("noun verb", None),
            ("adverb", None),
        ];
        for (key, want) in cases {
            let text = format!("[[pattern]]\nid = \"a\"\ncameo = \"195\"\npattern = \"$ bomb +\"\ntrigger = \"{key}\"\n");
            let got = parse_verb_toml("t.toml", &text);
            match (got, want) {
                (Ok(p), Some((exact, used_as))) => {
                    assert_eq!(p.patterns[0].cond.exact, exact, "{key}");
                    assert_eq!(p.patterns[0].cond.used_as, used_as, "{key}");
                }
                (Err(e), None) => assert!(
                    e[0].to_string().starts_with("t.toml:4: bad trigger"),
                    "{key}: {e:?}"
                ),
                (got, _) => panic!("{key}: {got:?}"),
            }
        }
    }

    #[test]
    fn builtin_parses() {
        let d = builtin_verbs().unwrap();
        assert!(d.verbs.len() > 100, "{}", d.verbs.len());
    }

    /// A pattern id names one pattern: a second use is an error.
    #[test]
    fn duplicate_ids() {
        let text = "[[pattern]]\nid = \"a\"\ncameo = \"010\"\npattern = \"$ say +\"\n\n[[pattern]]\nid = \"a\"\ncameo = \"010\"\npattern = \"$ tell +\"\n";
        let errs = parse_verb_toml("t.toml", text).unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "t.toml:9: duplicate id \"a\" (first on line 4)"
        );
        assert!(builtin_verbs().is_ok());
    }

    #[test]
    fn errors_have_lines() {
        let text = "[[pattern]]\nid = \"a\"\ncameo = \"9x\"\npattern = \"x\"\n\n[[pattern]]\nid = \"b\"\ncameo = \"010\"\npattern = \"$ +\"\n";
        let errs = parse_verb_toml("t.toml", text).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, 4);
        assert_eq!(errs[1].line, 9);
    }

    /// The running line counter answers as counting from the start does,
    /// for offsets in any order, past the end included.
    #[test]
    fn lines_count_as_line_of() {
        let text = "a\nbb\n\nccc\nd";
        let mut lines = Lines::default();
        for byte in [0, 1, 2, 5, 6, 6, 9, 3, 0, 11, 40, 7] {
            assert_eq!(
                lines.line_of(text, byte),
                line_of(text, byte),
                "{byte}"
            );
        }
    }
}
