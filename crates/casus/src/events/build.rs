//! Building the event coder: the built-in word lists and tables
//! (`dicts/*.tsv`), read with every bad line collected, then compiled
//! with the verb patterns into lemma ids, the pattern set and the clause
//! grammar.

use std::collections::HashMap;

use crate::dict::{Dictionaries, Elem};
use crate::error::DictError;

use super::attribution::Sources;
use super::cameo::{
    CameoTable, DoerTable, IntentTable, BUILTIN_CAMEO, BUILTIN_DOERS,
    BUILTIN_INTENT,
};
use super::clause::{parse_syntax, Grammar, BUILTIN_SYNTAX};
use super::engine::EventCoder;
use super::lemma::{parse_irregular, Lemmatizer, BUILTIN_LEMMAS};
use super::lexicon::{
    parse_attribution, parse_modality, parse_negation, AttrKind, Control,
    ModalityCue, BUILTIN_ATTRIBUTION, BUILTIN_MODALITY, BUILTIN_NEGATION,
};
use super::modality::Cues;
use super::patterns::{pattern_words, PatternSet};
use super::plover::{PloverTable, BUILTIN_PLOVER};
use super::sentence::NO_LEMMA;
use super::tabari_walk::{Walk, BUILTIN_WALK};
use crate::util::WordMap;

impl EventCoder {
    /// A coder with the built-in patterns.
    pub fn builtin() -> crate::error::Result<EventCoder> {
        EventCoder::new(&crate::dict::builtin_verbs()?)
    }

    /// A coder over the verb patterns (and synsets, discards) in `dicts`,
    /// with the built-in word lists and tables (`dicts/*.tsv`).
    pub fn new(dicts: &Dictionaries) -> crate::error::Result<EventCoder> {
        Ok(Tables::builtin()?.coder(dicts))
    }
}

/// The built-in tables the event coder reads besides the patterns.
pub(super) struct Tables {
    irregular: Vec<(String, String)>,
    modality: Vec<ModalityCue>,
    negation: Vec<Vec<String>>,
    attr: Vec<(Vec<String>, AttrKind)>,
    classes: WordMap<u16>,
    cameo: CameoTable,
    plover: PloverTable,
    intent: IntentTable,
    doers: DoerTable,
    walk: Walk,
    scope: super::tree::ScopeWords,
    confidence: super::confidence::ConfidenceModel,
}

/// `r`'s value, or `None` with its errors added to `errs`.
fn collect<T>(
    r: Result<T, Vec<DictError>>,
    errs: &mut Vec<DictError>,
) -> Option<T> {
    r.map_err(|e| errs.extend(e)).ok()
}

impl Tables {
    /// Parses every built-in table; every bad line of every file is
    /// reported.
    pub(super) fn builtin() -> crate::error::Result<Tables> {
        let mut errs = Vec::new();
        let e = &mut errs;
        let irregular =
            collect(parse_irregular("dicts/lemmas.tsv", BUILTIN_LEMMAS), e);
        let modality =
            collect(parse_modality("dicts/modality.tsv", BUILTIN_MODALITY), e);
        let negation =
            collect(parse_negation("dicts/negation.tsv", BUILTIN_NEGATION), e);
        let attr = collect(
            parse_attribution("dicts/attribution.tsv", BUILTIN_ATTRIBUTION),
            e,
        );
        let classes =
            collect(parse_syntax("dicts/syntax.tsv", BUILTIN_SYNTAX), e);
        let cameo =
            collect(CameoTable::parse("dicts/cameo.tsv", BUILTIN_CAMEO), e);
        let plover =
            collect(PloverTable::parse("dicts/plover.tsv", BUILTIN_PLOVER), e);
        let intent =
            collect(IntentTable::parse("dicts/intent.tsv", BUILTIN_INTENT), e);
        let doers =
            collect(DoerTable::parse("dicts/doers.tsv", BUILTIN_DOERS), e);
        let walk =
            collect(Walk::parse("dicts/tabari_walk.txt", BUILTIN_WALK), e);
        let scope = collect(
            super::tree::ScopeWords::parse(
                "dicts/scope.tsv",
                super::tree::BUILTIN_SCOPE,
            ),
            e,
        );
        let confidence = collect(
            super::confidence::ConfidenceModel::parse(
                "dicts/confidence.tsv",
                super::confidence::BUILTIN_CONFIDENCE,
            ),
            e,
        );
        match (
            irregular, modality, negation, attr, classes, cameo, plover,
            intent, doers, walk, scope, confidence,
        ) {
            (
                Some(irregular),
                Some(modality),
                Some(negation),
                Some(attr),
                Some(classes),
                Some(cameo),
                Some(plover),
                Some(intent),
                Some(doers),
                Some(walk),
                Some(scope),
                Some(confidence),
            ) => Ok(Tables {
                irregular,
                modality,
                negation,
                attr,
                classes,
                cameo,
                plover,
                intent,
                doers,
                walk,
                scope,
                confidence,
            }),
            _ => Err(crate::error::Error::Dict(errs)),
        }
    }

    /// Every word the lemmatizer must know: the patterns' and the cue
    /// lists'.
    fn words(&self, dicts: &Dictionaries) -> Vec<String> {
        let mut words = pattern_words(dicts);
        for c in &self.modality {
            words.extend(c.words.iter().cloned());
        }
        for n in &self.negation {
            words.extend(n.iter().cloned());
        }
        for (w, _) in &self.attr {
            words.extend(w.iter().cloned());
        }
        words.extend(["be", "get", "have"].map(String::from));
        words.extend(self.intent.declare.iter().map(|(w, _)| w.clone()));
        words.extend(self.intent.doubt.iter().cloned());
        words.extend(self.intent.own.iter().cloned());
        words.extend(self.scope.lemmas().map(String::from));
        // Equal strings are alike: an unstable sort gives the same list
        // (and cost ~3 M instructions less at every start).
        words.sort_unstable();
        words.dedup();
        words
    }

    /// The clause grammar: word classes, and the lemma ids of "be",
    /// "get", speech verbs and control verbs.
    fn grammar(&self, lz: &Lemmatizer) -> Grammar {
        let id = |w: &str| lz.canon(w).unwrap_or(NO_LEMMA);
        let mut control = HashMap::new();
        for c in &self.modality {
            if c.control != Control::None && c.words.len() == 1 {
                control.insert(id(&c.words[0]), c.control);
            }
            // "call on X to": the first word governs.
            if c.control != Control::None && c.words.len() > 1 {
                control.entry(id(&c.words[0])).or_insert(c.control);
            }
        }
        control.remove(&NO_LEMMA);
        let speech = self
            .attr
            .iter()
            .filter(|(w, k)| *k == AttrKind::Speech && w.len() == 1)
            .map(|(w, _)| id(&w[0]))
            .filter(|&i| i != NO_LEMMA)
            .collect();
        Grammar {
            classes: self.classes.clone(),
            be: id("be"),
            get: id("get"),
            speech,
            control,
        }
    }

    /// Lemma ids of auxiliaries and modality and negation cue words,
    /// sorted.
    fn aux(&self, lz: &Lemmatizer) -> Vec<u32> {
        let id = |w: &str| lz.canon(w).unwrap_or(NO_LEMMA);
        let mut aux: Vec<u32> = self
            .modality
            .iter()
            .filter_map(|c| c.words.first())
            .chain(self.negation.iter().flatten())
            .map(|w| id(w))
            .collect();
        aux.extend([id("be"), id("get"), id("have"), id("do")]);
        aux.retain(|&i| i != NO_LEMMA);
        aux.sort_unstable();
        aux.dedup();
        aux
    }

    /// The lemma ids of `words`, known ones only.
    fn ids<'w>(
        lz: &Lemmatizer,
        words: impl Iterator<Item = &'w String>,
    ) -> Vec<u32> {
        words
            .map(|w| lz.canon(w).unwrap_or(NO_LEMMA))
            .filter(|&i| i != NO_LEMMA)
            .collect()
    }

    /// The event coder over `dicts`' patterns, synsets and discards.
    pub(super) fn coder(self, dicts: &Dictionaries) -> EventCoder {
        let words = self.words(dicts);
        let lz =
            Lemmatizer::new(words.iter().map(String::as_str), &self.irregular);
        let grammar = self.grammar(&lz);
        let aux = self.aux(&lz);
        let declaring = |coop: bool| {
            let ws =
                self.intent.declare.iter().filter(move |(_, c)| *c == coop);
            Tables::ids(&lz, ws.map(|(w, _)| w))
        };
        let (declare, declare_coop) = (declaring(false), declaring(true));
        let doubt = Tables::ids(&lz, self.intent.doubt.iter());
        let own = Tables::ids(&lz, self.intent.own.iter());
        let cues = Cues::new(&self.modality, &self.negation, |w: &str| {
            lz.canon(w).unwrap_or(NO_LEMMA)
        });
        let pats =
            PatternSet::new(&dicts.verbs, &dicts.synsets, &lz, self.walk);
        let subject_target = subject_target(dicts, &pats);
        let any_verbal = pats.any_verbal();
        EventCoder {
            lz,
            pats,
            grammar,
            cues,
            sources: Sources::new(&self.attr),
            cameo: self.cameo,
            plover: self.plover,
            discards: discards(dicts),
            aux,
            any_verbal,
            intent: self.intent,
            declare,
            declare_coop,
            doubt,
            own,
            subject_target,
            doers: self.doers,
            scope: self.scope,
            confidence: self.confidence,
            relevance: true,
            max_coordinated: super::MAX_COORDINATED_ACTORS,
        }
    }
}

/// By pattern index: whether the pattern starts with its target slot
/// ("+ receive aid from $").
fn subject_target(dicts: &Dictionaries, pats: &PatternSet) -> Vec<bool> {
    let leading: std::collections::HashSet<String> = dicts
        .verbs
        .iter()
        .filter(|p| matches!(p.before.first(), Some(Elem::Target)))
        .map(|p| p.origin.to_string())
        .collect();
    (0..pats.len()).map(|i| leading.contains(pats.origin(i))).collect()
}

/// The discard phrases as normalised words, by first word.
fn discards(
    dicts: &Dictionaries,
) -> crate::util::FastMap<String, Vec<Vec<String>>> {
    let mut discards: crate::util::FastMap<String, Vec<Vec<String>>> =
        Default::default();
    for d in &dicts.discards {
        let ws: Vec<String> = crate::text::normalize(d)
            .split_whitespace()
            .map(String::from)
            .collect();
        if let Some(f) = ws.first() {
            discards.entry(f.clone()).or_default().push(ws);
        }
    }
    discards
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in tables parse, and the coder knows the lemmas its
    /// cue lists name.
    #[test]
    fn builtin_tables() {
        let t = Tables::builtin().expect("built-in tables");
        let coder = t.coder(&Dictionaries::default());
        let words = ["say", "want", "be", "not"];
        for w in words {
            assert!(coder.lz.canon(w).is_some(), "{w}");
        }
        assert!(coder.aux.windows(2).all(|w| w[0] < w[1]));
        assert!(!coder.declare.is_empty() && !coder.doubt.is_empty());
        assert_eq!(coder.pattern_count(), 0);
    }
}
