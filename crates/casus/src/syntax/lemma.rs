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
//! Suffix rules see at most five letters, so they cannot tell "focused"
//! (focus) from "accused" (accuse), and a rule learned from "done" ->
//! "do" would cut "convene" to "conve". So a rule's answer for a verb,
//! noun or adjective is checked against the words the model knows (its
//! tag dictionary and word classes, built from EWT train and Wikinews
//! text): when the answer is not a known word, the regular analyses of
//! the ending ("-ed" -> "-e" / "" / undoubled, "-ies" -> "-y", ...) are
//! tried in order and the first known one wins; a word with no
//! inflectional ending is its own lemma.
//!
//! Proper nouns keep their case ("Americans" -> "American"); everything
//! else is lowercased, as in UD English.

use compact_str::CompactString;

use crate::syntax::weights::{hash_str, key};
use crate::syntax::Upos;
use crate::text::lemma::{parse_irregular, Lemmatizer, BUILTIN_LEMMAS};
use crate::util::FastMap;

/// Modal auxiliaries that are their own lemma in UD English.
const PAST_MODALS: &[&str] = &["would", "could", "should", "might", "ought"];

/// True for an adjective written "Capitalised" (not all capitals): UD
/// English keeps the case of such lemmas ("Palestinian", "Iraqi"). The
/// caller lowercases sentence-initial words first.
fn capitalised_adj(form: &str, upos: Upos) -> bool {
    let mut cs = form.chars();
    upos == Upos::Adj
        && cs.next().is_some_and(char::is_uppercase)
        && cs.any(char::is_lowercase)
}

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
    /// `upos`; `known` says whether a lowercased word is in the model's
    /// vocabulary (it checks suffix rules' answers, see the module doc).
    pub fn lemma(
        &self,
        form: &str,
        norm: &str,
        upos: Upos,
        known: impl Fn(&str) -> bool,
    ) -> CompactString {
        let ruled = self.ruled(form, norm, upos);
        // Only verbs, nouns and adjectives are checked further: the
        // others need no lowercased copy (one per parsed word otherwise).
        if !matches!(upos, Upos::Verb | Upos::Noun | Upos::Adj) {
            return ruled;
        }
        // Proper nouns and capitalised adjectives keep their case: the
        // checks below compare lowercased.
        let lower = ruled.to_lowercase();
        if lower == norm || known_lemma(&lower, norm, &known) {
            return ruled;
        }
        let endings = regular_analyses(norm, upos);
        if endings.is_empty() {
            // No inflectional ending: the word is its own lemma
            // ("convene", not "conve").
            return CompactString::new(norm);
        }
        endings
            .into_iter()
            .find(|c| known_lemma(c, norm, &known))
            .map_or(ruled, CompactString::from)
    }

    /// The lemma by whole-word rules, the irregular table and suffix
    /// rules alone.
    fn ruled(&self, form: &str, norm: &str, upos: Upos) -> CompactString {
        if let Some((strip, app)) = self.rules.get(&rule_key(upos, true, norm))
        {
            return apply(norm, *strip, app);
        }
        if upos == Upos::Aux && PAST_MODALS.contains(&norm) {
            // UD English keeps "would", "could", ... as lemmas; the
            // irregular table would give "will", "can".
            return CompactString::new(norm);
        }
        if matches!(upos, Upos::Verb | Upos::Aux) {
            if let Some(id) = self.irregular.lemma_id(norm) {
                let l = self.irregular.lemma(id);
                if !l.is_empty() && l != norm && !is_regular(norm, l) {
                    return CompactString::new(l);
                }
            }
        }
        let base = if upos == Upos::Propn || capitalised_adj(form, upos) {
            form
        } else {
            norm
        };
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

/// True when `lemma` looks like a real lemma of `norm`: the word itself
/// or its "-s" form (other than `norm`) is known ("convene" may be rare,
/// "convenes" not; "clashes" does not make "clashe" a lemma).
fn known_lemma(
    lemma: &str,
    norm: &str,
    known: &impl Fn(&str) -> bool,
) -> bool {
    if lemma.chars().count() < 2 {
        return false;
    }
    if known(lemma) {
        return true;
    }
    let s = format!("{lemma}s");
    s != norm && known(&s)
}

/// The regular analyses of `norm`'s inflectional ending for its tag,
/// likeliest first; empty when it has none.
fn regular_analyses(norm: &str, upos: Upos) -> Vec<String> {
    let endings: &[&str] = match upos {
        Upos::Verb => &["ies", "ied", "ing", "es", "ed", "s"],
        Upos::Noun => &["ies", "ves", "es", "s"],
        Upos::Adj => &["iest", "ier", "est", "er"],
        _ => &[],
    };
    let Some(end) = endings.iter().find(|e| {
        norm.len() > e.len() + 1 && norm.ends_with(*e) && !norm.ends_with("ss")
    }) else {
        return Vec::new();
    };
    let stem = &norm[..norm.len() - end.len()];
    let mut out = Vec::new();
    match *end {
        "ies" | "ied" => {
            out.push(format!("{stem}y"));
            out.push(format!("{stem}ie"));
        }
        "iest" | "ier" => out.push(format!("{stem}y")),
        "ves" => {
            out.push(format!("{stem}f"));
            out.push(format!("{stem}fe"));
        }
        _ => {}
    }
    match *end {
        "ing" | "ed" | "est" | "er" => {
            out.push(format!("{stem}e"));
            out.push(stem.to_string());
            if let Some(single) = undoubled(stem) {
                out.push(single);
            }
        }
        "es" => {
            // "boxes", "wishes", "heroes", "buses" drop "es"; "cases",
            // "sizes" only "s".
            let sibilant = ["ss", "us", "x", "zz", "ch", "sh", "o"]
                .iter()
                .any(|e| stem.ends_with(e));
            let (a, b) = (stem.to_string(), format!("{stem}e"));
            out.extend(if sibilant { [a, b] } else { [b, a] });
        }
        "s" => out.push(stem.to_string()),
        _ => {}
    }
    out
}

/// "stopp" -> "stop": a stem ending in a doubled consonant, undoubled.
fn undoubled(stem: &str) -> Option<String> {
    let b = stem.as_bytes();
    let n = b.len();
    (n >= 3
        && b[n - 1] == b[n - 2]
        && b[n - 1].is_ascii_alphabetic()
        && !b"aeiou".contains(&b[n - 1]))
    .then(|| stem[..n - 1].to_string())
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
            ("would", "would", Upos::Aux, "would"),
            ("Palestinian", "palestinian", Upos::Adj, "Palestinian"),
            ("NEW", "new", Upos::Adj, "new"),
            ("Iraqi", "iraqi", Upos::Adj, "Iraqi"),
        ];
        for (form, norm, upos, want) in table {
            assert_eq!(lz.lemma(form, norm, upos, |_| true), want, "{form}");
        }
        for r in rules() {
            assert_eq!(Rule::from_line(&r.to_line()), Some(r));
        }
    }

    /// Rules as a small treebank would teach them: "-cused" from
    /// "focused", "-ne" from "done"/"gone", "-ed" from "walked".
    fn misleading_rules() -> Vec<Rule> {
        [
            "VERB\tcused\t2\t",
            "VERB\tne\t2\t",
            "VERB\ted\t2\t",
            "VERB\ting\t3\t",
            "NOUN\ts\t1\t",
            "ADJ\ter\t2\t",
        ]
        .iter()
        .map(|l| Rule::from_line(l).expect(l))
        .collect()
    }

    #[test]
    fn rule_answers_are_checked_against_known_words() {
        let lz = Lemmas::new(&misleading_rules());
        let vocab = [
            "focus", "accuse", "accuses", "convenes", "stop", "walk", "party",
            "wolf", "late", "case", "box", "clash", "clashes",
        ];
        let known = |w: &str| vocab.contains(&w);
        let table = [
            ("focused", Upos::Verb, "focus"),
            ("accused", Upos::Verb, "accuse"),
            ("accusing", Upos::Verb, "accuse"),
            ("convene", Upos::Verb, "convene"),
            ("convened", Upos::Verb, "convene"),
            ("stopped", Upos::Verb, "stop"),
            ("walked", Upos::Verb, "walk"),
            ("cases", Upos::Noun, "case"),
            ("boxes", Upos::Noun, "box"),
            ("clashes", Upos::Noun, "clash"),
            ("parties", Upos::Noun, "party"),
            ("wolves", Upos::Noun, "wolf"),
            ("later", Upos::Adj, "late"),
            // Unknown everywhere: the rule's answer stays.
            ("zorped", Upos::Verb, "zorp"),
            // Not a verb, noun or adjective: rules only.
            ("gone", Upos::Adv, "gone"),
        ];
        for (norm, upos, want) in table {
            assert_eq!(lz.lemma(norm, norm, upos, known), want, "{norm}");
        }
    }

    #[test]
    fn regular_analyses_by_tag() {
        let table: [(&str, Upos, &[&str]); 8] = [
            ("accused", Upos::Verb, &["accuse", "accus"]),
            ("planned", Upos::Verb, &["planne", "plann", "plan"]),
            ("carries", Upos::Verb, &["carry", "carrie"]),
            ("cases", Upos::Noun, &["case", "cas"]),
            ("boxes", Upos::Noun, &["box", "boxe"]),
            ("glass", Upos::Noun, &[]),
            ("convene", Upos::Verb, &[]),
            ("happiest", Upos::Adj, &["happy"]),
        ];
        for (w, upos, want) in table {
            assert_eq!(regular_analyses(w, upos), want, "{w}");
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
