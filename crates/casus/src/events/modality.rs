//! Negation and modality of an event from cues in its clause before the
//! trigger ("did not expel", "will impose", "could reach", "should have
//! condemned", "if ...", "urged X to ...").

use super::lexicon::ModalityCue;
use super::sentence::{Sent, NO_LEMMA};
use super::Modality;
use crate::util::FastMap;

/// Compiled cues.
#[derive(Clone, Debug, Default)]
pub struct Cues {
    /// (lemma ids, modality) per modality cue.
    pub modality: Vec<(Vec<u32>, Option<Modality>)>,
    /// Lemma ids per negation cue; `narrow` ones only act on a trigger
    /// within two words.
    pub negation: Vec<(Vec<u32>, bool)>,
    /// Indexes into `modality` by first lemma, in list order.
    modality_at: FastMap<u32, Vec<usize>>,
    /// Indexes into `negation` by first lemma, in list order.
    negation_at: FastMap<u32, Vec<usize>>,
}

/// Entries by first lemma; empty cues and cues with an unknown word
/// never match and are left out.
fn by_first<'a>(
    cues: impl Iterator<Item = &'a Vec<u32>>,
) -> FastMap<u32, Vec<usize>> {
    let mut m: FastMap<u32, Vec<usize>> = FastMap::default();
    for (i, ids) in cues.enumerate() {
        if let Some(&f) = ids.first() {
            if !ids.contains(&NO_LEMMA) {
                m.entry(f).or_default().push(i);
            }
        }
    }
    m
}

fn cue_at(ids: &[u32], s: &Sent<'_>, i: usize, end: usize) -> bool {
    !ids.is_empty()
        && i + ids.len() <= end
        && ids
            .iter()
            .enumerate()
            .all(|(k, &l)| l != NO_LEMMA && s.lem[i + k] == l)
}

/// A contraction split by the tokenizer: "didn ' t" -> negation.
fn split_nt(s: &Sent<'_>, i: usize) -> bool {
    s.norm(i) == "t"
        && i >= 2
        && s.norm(i - 1) == "'"
        && s.norm(i - 2).ends_with('n')
}

impl Cues {
    /// Builds the cue tables.
    pub fn new(
        modality: &[ModalityCue],
        negation: &[Vec<String>],
        id: impl Fn(&str) -> u32,
    ) -> Cues {
        let mut cues = Cues {
            modality: modality
                .iter()
                .map(|c| (c.words.iter().map(|w| id(w)).collect(), c.modality))
                .collect(),
            modality_at: FastMap::default(),
            negation_at: FastMap::default(),
            negation: negation
                .iter()
                .map(|ws| {
                    let narrow = ws.len() == 1
                        && matches!(ws[0].as_str(), "no" | "without");
                    (ws.iter().map(|w| id(w)).collect(), narrow)
                })
                .collect(),
        };
        cues.modality_at = by_first(cues.modality.iter().map(|(ids, _)| ids));
        cues.negation_at = by_first(cues.negation.iter().map(|(ids, _)| ids));
        cues
    }

    /// Negation and modality for a trigger at `v` whose clause starts at
    /// `start`; `skip` marks tokens to ignore (parentheticals).
    pub fn analyse(
        &self,
        s: &Sent<'_>,
        start: usize,
        v: usize,
        skip: &[bool],
    ) -> (bool, Modality) {
        // Where negation cues start; a modality cue that contains one
        // ("not rule out": possible) takes it as its own.
        let mut negations: Vec<usize> = Vec::new();
        let mut absorbed: Vec<std::ops::Range<usize>> = Vec::new();
        let mut nearest: Option<(usize, Modality)> = None;
        let mut strong: Option<Modality> = None;
        for i in start..v {
            if skip.get(i).copied().unwrap_or(false) {
                continue;
            }
            if split_nt(s, i) || s.norm(i).ends_with("n't") {
                negations.push(i);
            }
            // A word of an actor's name is no cue: "U.S. forces
            // launched", "Security forces fired" (the noun, not "to
            // force"), "the Order of Malta".
            if s.group_of.get(i).is_some_and(Option::is_some) {
                continue;
            }
            // Only cues starting with this token's lemma can match here.
            let l = s.lem[i];
            if l == NO_LEMMA {
                continue;
            }
            let none: &[usize] = &[];
            let negs = self.negation_at.get(&l).map_or(none, Vec::as_slice);
            for &c in negs {
                let (ids, narrow) = &self.negation[c];
                if cue_at(ids, s, i, v) && (!narrow || v - i <= 2) {
                    negations.push(i);
                }
            }
            let mods = self.modality_at.get(&l).map_or(none, Vec::as_slice);
            for &c in mods {
                let (ids, m) = &self.modality[c];
                let Some(m) = m else { continue };
                if !cue_at(ids, s, i, v) {
                    continue;
                }
                if ids
                    .first()
                    .is_some_and(|f| self.negation_at.contains_key(f))
                {
                    absorbed.push(i..i + ids.len());
                }
                match m {
                    Modality::Counterfactual => strong = Some(*m),
                    Modality::Conditional if strong.is_none() => {
                        strong = Some(*m)
                    }
                    _ => {
                        if nearest.map_or(true, |(j, _)| i >= j) {
                            nearest = Some((i, *m));
                        }
                    }
                }
            }
        }
        let negated =
            negations.iter().any(|i| !absorbed.iter().any(|r| r.contains(i)));
        let m =
            strong.or(nearest.map(|(_, m)| m)).unwrap_or(Modality::Asserted);
        (negated, m)
    }
}
