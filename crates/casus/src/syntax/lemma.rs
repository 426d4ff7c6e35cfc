//! Lemmas of tagged words.
//!
//! Three sources, in order:
//! 1. whole short words the model learned with their tag ("was" AUX ->
//!    be, "n't" PART -> not, "men" NOUN -> man);
//! 2. for verbs and auxiliaries, casus's irregular-verb table
//!    (`dicts/lemmas.tsv` through [`crate::text::lemma::Lemmatizer`],
//!    the one lemmatiser casus has; this is the only call to it here);
//! 3. suffix rules learned from the treebank's (form, tag, lemma)
//!    triples: for the longest known ending of the word under its tag,
//!    strip some letters and append others ("-ies" NOUN -> "-y").
//!
//! Proper nouns keep their case ("Americans" -> "American"); everything
//! else is lowercased, as in UD English.

use compact_str::CompactString;

use crate::syntax::weights::{hash_str, key};
use crate::syntax::Upos;
use crate::text::lemma::{parse_irregular, Lemmatizer, BUILTIN_LEMMAS};
use crate::util::FastMap;

/// Longest ending a rule looks at, in characters.
pub(crate) const MAX_SUFFIX: usize = 5;

/// One rule: for words of tag `upos` ending in `suffix`, remove `strip`
/// characters and append `append`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Rule {
    pub upos: Upos,
    pub suffix: String,
    /// True when `suffix` is the whole word.
    pub whole: bool,
    pub strip: u8,
    pub append: String,
}

impl Rule {
    #[cfg(any(test, feature = "train"))]
    /// The rule as a model-file line.
    pub fn to_line(&self) -> String {
        let mark = if self.whole { "^" } else { "" };
        format!(
            "{}\t{mark}{}\t{}\t{}",
            self.upos, self.suffix, self.strip, self.append
        )
    }

    /// Parses a model-file line.
    pub fn from_line(line: &str) -> Option<Rule> {
        let mut c = line.split('\t');
        let upos = c.next()?.parse().ok()?;
        let suffix = c.next()?;
        let strip = c.next()?.parse().ok()?;
        let append = c.next()?.to_string();
        let (whole, suffix) = match suffix.strip_prefix('^') {
            Some(s) => (true, s.to_string()),
            None => (false, suffix.to_string()),
        };
        Some(Rule { upos, suffix, whole, strip, append })
    }
}

/// The lemmatiser of the syntax stage.
#[derive(Clone, Debug)]
pub(crate) struct Lemmas {
    rules: FastMap<u64, (u8, CompactString)>,
    irregular: Lemmatizer,
}

fn rule_key(upos: Upos, whole: bool, suffix: &str) -> u64 {
    key(900 + upos.index() as u32, hash_str(suffix), u64::from(whole))
}

impl Lemmas {
    /// A lemmatiser with the learned `rules`.
    pub fn new(rules: &[Rule]) -> Lemmas {
        // The built-in table is tested to parse; an error here would be
        // a broken build, so it degrades to "no irregular forms".
        let table = parse_irregular("builtin:lemmas.tsv", BUILTIN_LEMMAS)
            .unwrap_or_default();
        let irregular = Lemmatizer::new(std::iter::empty(), &table);
        let mut map = FastMap::default();
        for r in rules {
            map.insert(
                rule_key(r.upos, r.whole, &r.suffix),
                (r.strip, CompactString::new(&r.append)),
            );
        }
        Lemmas { rules: map, irregular }
    }

    /// The lemma of a word written `form` (normalised `norm`) tagged
    /// `upos`.
    pub fn lemma(&self, form: &str, norm: &str, upos: Upos) -> CompactString {
        if let Some((strip, app)) = self.rules.get(&rule_key(upos, true, norm))
        {
            return apply(norm, *strip, app);
        }
        if matches!(upos, Upos::Verb | Upos::Aux) {
            if let Some(id) = self.irregular.lemma_id(norm) {
                let l = self.irregular.lemma(id);
                if !l.is_empty() && l != norm && !is_regular(norm, l) {
                    return CompactString::new(l);
                }
            }
        }
        let base = if upos == Upos::Propn { form } else { norm };
        let starts: Vec<usize> = ending_starts(norm).collect();
        for from in starts.into_iter().rev() {
            let rule = self.rules.get(&rule_key(upos, false, &norm[from..]));
            if let Some((strip, app)) = rule {
                return apply(base, *strip, app);
            }
        }
        CompactString::new(base)
    }
}

/// True when `form` is a regular inflection of `lemma`: the suffix rules
/// know those better than the table's generated forms ("bed" is not
/// "be" + "d").
fn is_regular(form: &str, lemma: &str) -> bool {
    form.len() > lemma.len() + 1 && form.starts_with(lemma)
}

/// `base` minus its last `strip` characters, plus `app`.
fn apply(base: &str, strip: u8, app: &str) -> CompactString {
    let cut = base
        .char_indices()
        .rev()
        .nth(usize::from(strip).saturating_sub(1))
        .map_or(base.len(), |(i, _)| if strip == 0 { base.len() } else { i });
    let mut out = CompactString::new(&base[..cut]);
    out.push_str(app);
    if out.is_empty() {
        return CompactString::new(base);
    }
    out
}

/// The edit turning `form` into `lemma`: characters to strip, text to
/// append (both lowercased).
#[cfg(feature = "train")]
fn edit(form: &str, lemma: &str) -> (u8, String) {
    let f: Vec<char> = form.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    let strip = (f.len() - common).min(255) as u8;
    (strip, l[common..].iter().collect())
}

/// Edit -> count.
#[cfg(feature = "train")]
type Edits = std::collections::BTreeMap<(u8, String), u32>;
/// (tag, whole word?, ending) -> edits.
#[cfg(feature = "train")]
type Counts = std::collections::BTreeMap<(Upos, bool, String), Edits>;

/// The commonest edit (ties to the smaller) and the total count.
#[cfg(feature = "train")]
fn best(c: &Edits) -> Option<((u8, String), u32)> {
    let total: u32 = c.values().sum();
    c.iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(e, _)| (e.clone(), total))
}

/// The character offsets of the last `0..=MAX_SUFFIX` characters.
fn ending_starts(word: &str) -> impl Iterator<Item = usize> + '_ {
    let ends: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    let n = ends.len();
    (0..=MAX_SUFFIX.min(n))
        .map(move |k| if k == 0 { word.len() } else { ends[n - k] })
}

/// Learns rules from `(tag, normalised form, lemma)` triples: for each
/// ending (up to [`MAX_SUFFIX`] characters) and tag, the most frequent
/// edit, kept only where it differs from the next shorter ending's;
/// whole words up to [`MAX_SUFFIX`] characters seen `min_whole` times.
#[cfg(feature = "train")]
pub(crate) fn learn<'a>(
    triples: impl IntoIterator<Item = (Upos, &'a str, &'a str)>,
    min_whole: u32,
) -> Vec<Rule> {
    let mut counts = Counts::new();
    for (upos, norm, lemma) in triples {
        let lemma = if upos == Upos::Propn {
            lemma.to_lowercase()
        } else {
            lemma.to_string()
        };
        let e = edit(norm, &lemma);
        for from in ending_starts(norm) {
            let key = (upos, false, norm[from..].to_string());
            *counts.entry(key).or_default().entry(e.clone()).or_default() += 1;
        }
        if norm.chars().count() <= MAX_SUFFIX {
            let key = (upos, true, norm.to_string());
            *counts.entry(key).or_default().entry(e).or_default() += 1;
        }
    }
    let mut rules = Vec::new();
    for ((upos, whole, suffix), c) in &counts {
        let Some(((strip, append), total)) = best(c) else { continue };
        let keep = if *whole {
            total >= min_whole
                && rule_for(&counts, *upos, suffix)
                    != Some((strip, append.clone()))
        } else {
            let parent = if suffix.is_empty() {
                Some((0, String::new()))
            } else {
                let shorter: String = suffix.chars().skip(1).collect();
                counts
                    .get(&(*upos, false, shorter))
                    .and_then(best)
                    .map(|b| b.0)
            };
            total >= 2 && parent != Some((strip, append.clone()))
        };
        if keep {
            let (upos, whole, suffix) = (*upos, *whole, suffix.clone());
            rules.push(Rule { upos, suffix, whole, strip, append });
        }
    }
    rules
}

/// The edit the suffix rules give a word (whole-word rules that say the
/// same are not kept).
#[cfg(feature = "train")]
fn rule_for(counts: &Counts, upos: Upos, word: &str) -> Option<(u8, String)> {
    let starts: Vec<usize> = ending_starts(word).collect();
    starts.into_iter().rev().find_map(|from| {
        let c = counts.get(&(upos, false, word[from..].to_string()))?;
        (c.values().sum::<u32>() >= 2).then(|| best(c).map(|b| b.0)).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Vec<Rule> {
        [
            "NOUN\ts\t1\t",
            "NOUN\tss\t0\t",
            "NOUN\ties\t3\ty",
            "VERB\ted\t2\t",
            "VERB\tied\t3\ty",
            "AUX\t^was\t3\tbe",
            "PART\t^n't\t3\tnot",
            "PROPN\ts\t1\t",
        ]
        .iter()
        .map(|l| Rule::from_line(l).expect(l))
        .collect()
    }

    #[test]
    fn lemmas() {
        let lz = Lemmas::new(&rules());
        let table = [
            ("talks", "talks", Upos::Noun, "talk"),
            ("glass", "glass", Upos::Noun, "glass"),
            ("Parties", "parties", Upos::Noun, "party"),
            ("walked", "walked", Upos::Verb, "walk"),
            ("carried", "carried", Upos::Verb, "carry"),
            ("took", "took", Upos::Verb, "take"),
            ("was", "was", Upos::Aux, "be"),
            ("n't", "n't", Upos::Part, "not"),
            ("Americans", "americans", Upos::Propn, "American"),
            ("The", "the", Upos::Det, "the"),
            ("Überall", "überall", Upos::Adv, "überall"),
        ];
        for (form, norm, upos, want) in table {
            assert_eq!(lz.lemma(form, norm, upos), want, "{form}");
        }
        for r in rules() {
            assert_eq!(Rule::from_line(&r.to_line()), Some(r));
        }
    }

    #[test]
    fn apply_edits() {
        assert_eq!(apply("talks", 1, ""), "talks"[..4]);
        assert_eq!(apply("ab", 5, ""), "ab");
        assert_eq!(apply("cé", 1, "x"), "cx");
        assert_eq!(apply("go", 0, "ne"), "gone");
    }
}
