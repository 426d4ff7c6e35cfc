//! Places: cities, regions, sites, seas and countries named in the text,
//! for event locations.
//!
//! The gazetteer is a data file (`dicts/places.tsv`, format in
//! `dicts/places.md`) compiled into one aho-corasick automaton
//! (leftmost-longest) over the *normalised tokens* of the text, so matches
//! always start and end on token boundaries and "Khan Younis" wins over
//! "Khan". The automaton runs anchored, only at tokens that begin some
//! phrase (a hash lookup per token): an unanchored scan over every byte
//! of the text cost more than all the place lookups together. Capitalisation is checked in the original text: a lowercase
//! "nice" or "reading" is never a place, and entries flagged ambiguous
//! (`amb`) only count after a locative cue word ("in Nice").
//!
//! A name two countries share ("Rafah": Gaza's and North Sinai's) has
//! one line per place, the later ones flagged `alt`; the text's other
//! places pick the reading (the country they name most among the
//! readings' countries), the first line when they name none of them:
//!
//! ```text
//! "A bomb exploded in Rafah in North Sinai."  Rafah -> EGY (alt line)
//! "Strikes hit Rafah and Khan Younis."         Rafah -> PSE (first line)
//! ```

mod parse;

use std::collections::HashSet;

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input,
    MatchKind, StartKind,
};
use serde::{Deserialize, Serialize};

use crate::span::Span;
use crate::text::{tokenize_with, Analyzed, Lexicon, Token, TokenKind};
use crate::util::{FastBuild, WordShapes};

pub use self::parse::{parse_places, PlaceEntry, PlaceKind, Places};

/// The built-in gazetteer's file name, as used in `entry` strings.
pub const BUILTIN_PATH: &str = "dicts/places.tsv";

const BUILTIN: &str = include_str!("../../../../dicts/places.tsv");

/// One place mention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceMention {
    /// Where it is in the original text.
    pub span: Span,
    /// The sentence it is in.
    pub sentence: usize,
    /// Canonical place name.
    pub name: String,
    /// ISO alpha-3 country the place is in.
    pub country: Option<String>,
    /// Where the entry came from (`file:line`).
    pub entry: String,
    /// The kind of place (a town says more about where than its
    /// country).
    #[serde(default)]
    pub kind: PlaceKind,
}

/// Finds place names.
#[derive(Clone, Debug, Default)]
pub struct PlaceMatcher {
    /// The entries; pattern `i` of the automaton is a phrase of
    /// `entries[pattern_entry[i]]`.
    places: Places,
    /// Automaton over normalised phrase tokens, each followed by a space.
    automaton: Option<AhoCorasick>,
    /// Pattern id -> the entry index and the case the text must have.
    patterns: Vec<(usize, Vec<CaseRule>)>,
    /// The normalised first token of every phrase: where a match can start.
    first: HashSet<String, FastBuild>,
    /// The shapes of the words in `first`: a token failing it starts no
    /// phrase, without hashing it for `first`.
    first_shape: WordShapes,
}

impl PlaceMatcher {
    /// A matcher over the built-in place gazetteer.
    pub fn builtin() -> crate::error::Result<PlaceMatcher> {
        PlaceMatcher::from_tsv(BUILTIN_PATH, BUILTIN)
    }

    /// A matcher over a gazetteer in the `places.tsv` format; `path` names
    /// the file in errors and `entry` strings.
    pub fn from_tsv(
        path: &str,
        text: &str,
    ) -> crate::error::Result<PlaceMatcher> {
        PlaceMatcher::new(parse_places(path, text)?)
    }

    /// Compiles parsed entries.
    pub fn new(places: Places) -> crate::error::Result<PlaceMatcher> {
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut first = HashSet::default();
        let mut first_shape = WordShapes::default();
        let lex = Lexicon::builtin();
        for (i, e) in places.entries.iter().enumerate() {
            if e.alternate {
                continue;
            }
            for p in &e.phrases {
                let toks = tokenize_with(p, &lex);
                if let Some(t) = toks.first() {
                    first_shape.insert(t.norm.as_bytes());
                    first.insert(t.norm.to_string());
                }
                keys.push(key_of(&toks));
                patterns.push((i, case_rules(p, &toks)));
            }
        }
        if keys.is_empty() {
            return Ok(PlaceMatcher {
                places,
                automaton: None,
                patterns,
                first,
                first_shape,
            });
        }
        // A contiguous NFA, not a DFA: the DFA of ~7,700 phrases took
        // ~220 M instructions to build at every start (more than the
        // place stage spends on all of Reuters' first file), and the
        // anchored searches are a few bytes long each, where a DFA gains
        // little (BENCHMARKS.md).
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&keys)
            .map_err(|e| crate::error::Error::Parse(format!("places: {e}")))?;
        Ok(PlaceMatcher {
            places,
            automaton: Some(automaton),
            patterns,
            first,
            first_shape,
        })
    }

    /// The parsed entries (for inspection and tests).
    pub fn places(&self) -> &Places {
        &self.places
    }

    /// The gazetteer entry a mention came from (its kind, all its
    /// phrases), if the mention was found by this matcher. Later stages use
    /// the kind to tell a country named as a place ("in Kenya") from a city.
    pub fn entry_of(&self, m: &PlaceMention) -> Option<&PlaceEntry> {
        let (path, line) = m.entry.rsplit_once(':')?;
        if path != self.places.path {
            return None;
        }
        let line: usize = line.parse().ok()?;
        let es = &self.places.entries;
        let i = es.binary_search_by_key(&line, |e| e.line).ok()?;
        es.get(i)
    }

    /// All place mentions in `text`, in text order, non-overlapping
    /// (longest match wins).
    pub fn find(&self, text: &str, analyzed: &Analyzed) -> Vec<PlaceMention> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        let toks = &analyzed.tokens;
        // The haystack: a space, then every token's norm followed by one
        // space; keys are built the same way, so a match always starts and
        // ends on token boundaries. `starts[i]` is token i's offset.
        let mut hay = String::with_capacity(text.len() + toks.len() + 1);
        hay.push(' ');
        let mut starts = Vec::with_capacity(toks.len() + 1);
        for t in toks {
            starts.push(hay.len());
            hay.push_str(&t.norm);
            hay.push(' ');
        }
        starts.push(hay.len());
        let mut out = Vec::new();
        // Mentions of shared names: (index in `out`, their alt readings).
        let mut shared: Vec<(usize, &Vec<usize>)> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            // Keys are " w1 w2 ... ", so a match at token i needs token i
            // to be some phrase's first word.
            let norm = toks[i].norm.as_str();
            if !self.first_shape.may_contain(norm.as_bytes())
                || !self.first.contains(norm)
            {
                i += 1;
                continue;
            }
            let from = starts[i] - 1;
            let input =
                Input::new(&hay).span(from..hay.len()).anchored(Anchored::Yes);
            let Some(m) = ac.find(input) else {
                i += 1;
                continue;
            };
            let Ok(j) = starts.binary_search(&m.end()) else {
                i += 1;
                continue;
            };
            let (ei, rules) = &self.patterns[m.pattern().as_usize()];
            let entry = &self.places.entries[*ei];
            if i < j
                && self.accept(text, toks, i, j, rules, entry)
                && !after_given_name(text, toks, i)
            {
                let span = Span::new(
                    toks[i].span.start as usize,
                    toks[j - 1].span.end as usize,
                );
                if !self.places.alternates.is_empty() {
                    let key: Vec<&str> =
                        toks[i..j].iter().map(|t| t.norm.as_str()).collect();
                    if let Some(alts) =
                        self.places.alternates.get(&key.join(" "))
                    {
                        shared.push((out.len(), alts));
                    }
                }
                out.push(PlaceMention {
                    span,
                    sentence: analyzed.sentence_at(span.start).unwrap_or(0),
                    name: entry.name().to_string(),
                    country: entry.country.clone(),
                    entry: format!("{}:{}", self.places.path, entry.line),
                    kind: entry.kind,
                });
                i = j;
            } else {
                i += 1;
            }
        }
        if !shared.is_empty() {
            self.pick_readings(text, &mut out, &shared);
        }
        drop_named_facilities(text, &mut out);
        out
    }

    /// Gives each mention of a shared name in `shared` the reading of
    /// the country named right after it ("San Jose, Costa Rica"), else
    /// the reading whose country the text's other places (those of one
    /// reading) name most; the first line's when they name none of the
    /// readings' countries or tie.
    fn pick_readings(
        &self,
        text: &str,
        out: &mut [PlaceMention],
        shared: &[(usize, &Vec<usize>)],
    ) {
        let mut named: Vec<(&str, u32)> = Vec::new();
        let mut k = 0;
        for (i, m) in out.iter().enumerate() {
            if shared.get(k).is_some_and(|s| s.0 == i) {
                k += 1;
                continue;
            }
            let Some(c) = m.country.as_deref() else { continue };
            match named.iter_mut().find(|n| n.0 == c) {
                Some(n) => n.1 += 1,
                None => named.push((c, 1)),
            }
        }
        let count = |c: Option<&str>| {
            c.and_then(|c| named.iter().find(|n| n.0 == c)).map_or(0, |n| n.1)
        };
        let mut picks = Vec::new();
        for &(i, alts) in shared {
            // A country after a comma names the place's own: a dateline's
            // "SAN JOSE, Costa Rica" is no Californian city however often
            // the story names the United States.
            if let Some(q) = qualifier(text, out, i) {
                if out[i].country.as_deref() != Some(q) {
                    let es = &self.places.entries;
                    if let Some(e) = alts
                        .iter()
                        .map(|&a| &es[a])
                        .find(|e| e.country.as_deref() == Some(q))
                    {
                        picks.push((i, e));
                    }
                }
                continue;
            }
            let mut best = count(out[i].country.as_deref());
            let mut pick = None;
            for &a in alts {
                let e = &self.places.entries[a];
                let n = count(e.country.as_deref());
                if n > best {
                    best = n;
                    pick = Some(e);
                }
            }
            if let Some(e) = pick {
                picks.push((i, e));
            }
        }
        for (i, e) in picks {
            let m = &mut out[i];
            m.name = e.name().to_string();
            m.country = e.country.clone();
            m.entry = format!("{}:{}", self.places.path, e.line);
            m.kind = e.kind;
        }
    }

    fn accept(
        &self,
        text: &str,
        toks: &[Token],
        i: usize,
        j: usize,
        rules: &[CaseRule],
        entry: &PlaceEntry,
    ) -> bool {
        for rule in rules {
            let k = match *rule {
                CaseRule::Initial(k)
                | CaseRule::Inner(k)
                | CaseRule::AllCaps(k) => k,
            };
            let Some(s) =
                toks.get(i + k).and_then(|t| text.get(t.span.range()))
            else {
                return false;
            };
            let ok = match rule {
                CaseRule::Initial(_) => {
                    s.chars().next().is_some_and(char::is_uppercase)
                }
                CaseRule::Inner(_) => s.chars().any(char::is_uppercase),
                CaseRule::AllCaps(_) => !s.chars().any(char::is_lowercase),
            };
            if !ok {
                return false;
            }
        }
        if entry.ambiguous {
            // A name before a capitalised facility noun names the facility
            // ("Victoria Park" in Hong Kong, "Nelson Street"), usually
            // after a person; the town of that name is elsewhere.
            if is_facility_name(text, toks.get(j)) {
                return false;
            }
            // A place naming its people ("Lira residents", "Nice
            // students"): a people noun right after it licenses it too.
            if toks
                .get(j)
                .is_some_and(|t| PEOPLE_AFTER.contains(t.norm.as_str()))
            {
                return true;
            }
            // A cue word right before the place, or before "the".
            let mut p = i;
            for _ in 0..2 {
                let Some(prev) = p.checked_sub(1).and_then(|q| toks.get(q))
                else {
                    return false;
                };
                if self.places.cues.contains(prev.norm.as_str()) {
                    return true;
                }
                if prev.norm != "the" {
                    return false;
                }
                p -= 1;
            }
            return false;
        }
        true
    }
}

/// Given names (`dicts/ner/first_names.txt`, as written there,
/// capitalised).
static GIVEN_NAMES: crate::util::WordList =
    crate::util::word_list!("ner/first_names.txt");

/// Whether the token before `i` is a capitalised given name: a place
/// name right after one is a person's surname or middle name ("Albert
/// Ondo Ossa" names a Gabonese politician, not Nigeria's Ondo State;
/// "George Washington" a president, not the city).
/// The country of the country mention right after `out[i]` with only a
/// comma between them ("San Jose, Costa Rica"; "Georgetown, Guyana").
fn qualifier<'a>(
    text: &str,
    out: &'a [PlaceMention],
    i: usize,
) -> Option<&'a str> {
    let (here, next) = (out.get(i)?, out.get(i + 1)?);
    let gap = text.get(here.span.end as usize..next.span.start as usize)?;
    let comma_only = gap.trim() == ",";
    (comma_only && next.kind == PlaceKind::Country)
        .then_some(next.country.as_deref())
        .flatten()
}

fn after_given_name(text: &str, toks: &[Token], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|k| toks.get(k)) else {
        return false;
    };
    text.get(prev.span.range()).is_some_and(|w| GIVEN_NAMES.contains(w))
}

/// Drops a town or region that names a facility placed in another
/// country's place right after it ("the Yarmouk military industrial
/// complex in Khartoum", "the Kandahar air base in Helmand" would be the
/// same): the facility's own name says nothing of where it is. Only a
/// few words, the last a facility head noun, then "in" and the place;
/// a country ("the Iranian embassy in Damascus") keeps its reading.
fn drop_named_facilities(text: &str, out: &mut Vec<PlaceMention>) {
    let mut drop = Vec::new();
    for (i, pair) in out.windows(2).enumerate() {
        let (here, next) = (&pair[0], &pair[1]);
        let foreign = here.kind != PlaceKind::Country
            && here.country.is_some()
            && next.country.is_some()
            && here.country != next.country;
        let gap = text.get(here.span.end as usize..next.span.start as usize);
        if foreign && gap.is_some_and(facility_then_in) {
            drop.push(i);
        }
    }
    for i in drop.into_iter().rev() {
        out.remove(i);
    }
}

/// Whether `gap` is " <up to four words> <facility noun> in ": the words
/// between a name and the place a facility it names stands in.
fn facility_then_in(gap: &str) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    let Some((last, rest)) = words.split_last() else { return false };
    let Some((head, _)) = rest.split_last() else { return false };
    !last.is_empty()
        && last.eq_ignore_ascii_case("in")
        && (2..=6).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && FACILITY_HEADS.contains(head.to_lowercase().as_str())
}

/// Head nouns of a facility named after a place ("military industrial
/// complex", "air base", "refinery").
///
/// The list: `dicts/words/facility_heads.txt`.
static FACILITY_HEADS: crate::util::WordList =
    crate::util::word_list!("words/facility_heads.txt");

/// Whether `next` is a capitalised facility noun ("Park", "Street"):
/// after an ambiguous place name it makes the two one facility's name.
fn is_facility_name(text: &str, next: Option<&Token>) -> bool {
    let Some(t) = next else { return false };
    let capital = text
        .get(t.span.range())
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_uppercase);
    capital && FACILITY_AFTER.contains(t.norm.as_str())
}

/// Facility nouns that, capitalised after an ambiguous place name, make
/// it a facility's name rather than the town.
///
/// The list: `dicts/words/facility_after.txt`.
static FACILITY_AFTER: crate::util::WordList =
    crate::util::word_list!("words/facility_after.txt");

/// People nouns that license an ambiguous place right before them: a
/// town naming its people ("Lira residents", "Gulu traders").
///
/// The list: `dicts/words/people_after.txt`.
static PEOPLE_AFTER: crate::util::WordList =
    crate::util::word_list!("words/people_after.txt");

/// A case requirement on one token of a match (by offset from its start).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CaseRule {
    /// The token must start with an uppercase letter.
    Initial(usize),
    /// The token must contain an uppercase letter ("al-Shifa": "Al-Shifa"
    /// or "al-Shifa", not "al-shifa").
    Inner(usize),
    /// The token must have no lowercase letters (acronyms: "US", "DRC").
    AllCaps(usize),
}

/// The case rules of a phrase as written in the gazetteer: the first word
/// with a capital must have one in the text too (at the start if the file
/// has it there), and words written in capitals ("US", "UAE") must be in
/// capitals.
fn case_rules(phrase: &str, toks: &[Token]) -> Vec<CaseRule> {
    let mut rules = Vec::new();
    let mut initial = false;
    for (k, t) in toks.iter().enumerate() {
        if t.kind != TokenKind::Word {
            continue;
        }
        let s = phrase.get(t.span.range()).unwrap_or("");
        let letters = s.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 2 && !s.chars().any(char::is_lowercase) {
            rules.push(CaseRule::AllCaps(k));
        } else if !initial && s.chars().next().is_some_and(char::is_uppercase)
        {
            rules.push(CaseRule::Initial(k));
            initial = true;
        } else if !initial && s.chars().any(char::is_uppercase) {
            rules.push(CaseRule::Inner(k));
            initial = true;
        }
    }
    rules
}

/// The automaton key of a tokenised phrase: a space, then each token's
/// norm followed by a space.
fn key_of(toks: &[Token]) -> String {
    let mut k = String::from(" ");
    for t in toks {
        k.push_str(&t.norm);
        k.push(' ');
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::analyze;

    fn names(m: &PlaceMatcher, text: &str) -> Vec<(String, String, String)> {
        m.find(text, &analyze(text))
            .into_iter()
            .map(|p| {
                let s = text[p.span.range()].to_string();
                (s, p.name, p.country.unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn builtin_loads() {
        let m = match PlaceMatcher::builtin() {
            Ok(m) => m,
            Err(e) => panic!("builtin places: {e}"),
        };
        assert!(m.places().entries.len() > 100);
    }

    #[test]
    fn builtin_table() {
        let m = match PlaceMatcher::builtin() {
            Ok(m) => m,
            Err(e) => panic!("builtin places: {e}"),
        };
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Strikes hit Khan Younis and Rafah in the Gaza Strip.",
                &[
                    ("Khan Younis", "PSE"),
                    ("Rafah", "PSE"),
                    ("Gaza Strip", "PSE"),
                ],
            ),
            (
                "Fighting near Bakhmut in the Donbas.",
                &[("Bakhmut", "UKR"), ("Donbas", "UKR")],
            ),
            (
                "The RSF took El Fasher in Darfur.",
                &[("El Fasher", "SDN"), ("Darfur", "SDN")],
            ),
            ("a nice day, reading a mobile phone", &[]),
            ("Nice weather in Nice.", &[("Nice", "FRA")]),
            ("Houthis fired at ships in the Red Sea.", &[("Red Sea", "")]),
            ("KYIV, Ukraine", &[("KYIV", "UKR"), ("Ukraine", "UKR")]),
            ("He met officials in New Delhi.", &[("New Delhi", "IND")]),
            ("Let us go; the US said", &[("US", "USA")]),
            ("Us and them", &[]),
            (
                "in the Swat Valley and in Swat",
                &[("Swat Valley", "PAK"), ("Swat", "PAK")],
            ),
            ("a SWAT team", &[]),
            ("near the Old City", &[("Old City", "ISR")]),
            ("Santiago Pena said", &[]),
            ("the DRC and the UAE", &[("DRC", "COD"), ("UAE", "ARE")]),
            // a place name after a given name is part of a person's name
            ("The challenger Albert Ondo Ossa lost.", &[]),
            ("Voters in Ondo backed him.", &[("Ondo", "NGA")]),
            ("a statue of George Washington", &[]),
            ("He flew to Washington.", &[("Washington", "USA")]),
            // a facility named after a person is not the town
            ("crowds marched from Victoria Park", &[]),
            ("crowds marched in Victoria", &[("Victoria", "SYC")]),
            ("a rally at Victoria park", &[("Victoria", "SYC")]),
            // a facility named after a place of another country
            (
                "Jets struck the Yarmouk military industrial complex in Khartoum.",
                &[("Khartoum", "SDN")],
            ),
            ("Shelling hit Yarmouk in Damascus.", &[("Yarmouk", "SYR"), ("Damascus", "SYR")]),
        ];
        let mut bad = Vec::new();
        for (text, want) in cases {
            let got = names(&m, text);
            let got: Vec<(&str, &str)> =
                got.iter().map(|(s, _, c)| (s.as_str(), c.as_str())).collect();
            if got != *want {
                bad.push(format!("{text:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn small_table() {
        let tsv = "# test\n\
                   in|at\t-\tcue\n\
                   Springfield\tUSA\tcity\tamb\n\
                   New York|New York City|NYC\tUSA\tcity\n\
                   York\tGBR\tcity\n\
                   al-Shifa Hospital|Shifa Hospital\tPSE\tsite\n";
        let m = match PlaceMatcher::from_tsv("t.tsv", tsv) {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        };
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "New York and York",
                &[("New York", "New York"), ("York", "York")],
            ),
            ("NYC", &[("NYC", "New York")]),
            ("Springfield said", &[]),
            ("rallies in Springfield", &[("Springfield", "Springfield")]),
            (
                "Springfield residents marched",
                &[("Springfield", "Springfield")],
            ),
            ("Springfield officials said", &[]),
            (
                "at Al-Shifa hospital",
                &[("Al-Shifa hospital", "al-Shifa Hospital")],
            ),
            ("the new york", &[]),
            ("at al-shifa hospital", &[]),
            (
                "at al-Shifa Hospital",
                &[("al-Shifa Hospital", "al-Shifa Hospital")],
            ),
        ];
        for (text, want) in cases {
            let got = names(&m, text);
            let got: Vec<(&str, &str)> =
                got.iter().map(|(s, n, _)| (s.as_str(), n.as_str())).collect();
            assert_eq!(got, *want, "{text:?}");
        }
        let p = m.find("York", &analyze("York"));
        assert_eq!(p[0].entry, "t.tsv:5");
        let e = m.entry_of(&p[0]).map(|e| (e.kind, e.line));
        assert_eq!(e, Some((PlaceKind::City, 5)));
        let mut other = p[0].clone();
        other.entry = "fixture".to_string();
        assert_eq!(m.entry_of(&other), None);
    }

    #[test]
    fn bad_lines_all_reported() {
        let tsv = "Paris\tFR\tcity\n\
                   Lyon\tFRA\ttown\n\
                   \tFRA\tcity\n\
                   Paris\tFRA\tcity\n\
                   Nice\tFRA\tcity\tmaybe\n\
                   Toulouse\tFRA\n";
        let err = match parse_places("x.tsv", tsv) {
            Ok(_) => panic!("should fail"),
            Err(e) => e.to_string(),
        };
        for want in
            ["x.tsv:1:", "x.tsv:2:", "x.tsv:3:", "x.tsv:5:", "x.tsv:6:"]
        {
            assert!(err.contains(want), "{want} missing in {err}");
        }
        // line 4 is fine on its own (line 1 failed, so no duplicate).
        assert!(!err.contains("x.tsv:4:"), "{err}");
    }

    /// (text, [(mention, country)]): a shared name's reading is picked
    /// by the text's other places; the first line's without them.
    #[test]
    fn shared_names_by_other_places() {
        let tsv = "in|near\t-\tcue\n\
                   Rafah\tPSE\tcity\n\
                   Khan Younis\tPSE\tcity\n\
                   North Sinai\tEGY\tregion\n\
                   Arish|El Arish\tEGY\tcity\n\
                   Rafah\tEGY\tcity\talt\n\
                   Springfield\tUSA\tcity\tamb\n\
                   Springfield\tGBR\tcity\tamb,alt\n\
                   Essex\tGBR\tregion\n\
                   Egypt\tEGY\tcountry\n\
                   Gaza City|Gaza Strip\tPSE\tcity\n";
        let m = match PlaceMatcher::from_tsv("s.tsv", tsv) {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        };
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("Strikes hit Rafah.", &[("Rafah", "PSE")]),
            (
                "A bomb went off in Rafah in North Sinai.",
                &[("Rafah", "EGY"), ("North Sinai", "EGY")],
            ),
            (
                "Troops moved from El Arish to Rafah.",
                &[("El Arish", "EGY"), ("Rafah", "EGY")],
            ),
            (
                "Shelling in Rafah and Khan Younis; Arish was calm.",
                &[("Rafah", "PSE"), ("Khan Younis", "PSE"), ("Arish", "EGY")],
            ),
            (
                "a rally in Springfield, Essex",
                &[("Springfield", "GBR"), ("Essex", "GBR")],
            ),
            ("a rally in Springfield", &[("Springfield", "USA")]),
            // A country after a comma names the place's own, against
            // the count of the text's other places.
            (
                "RAFAH, Egypt - Trucks left Khan Younis and Gaza City.",
                &[
                    ("RAFAH", "EGY"),
                    ("Egypt", "EGY"),
                    ("Khan Younis", "PSE"),
                    ("Gaza City", "PSE"),
                ],
            ),
        ];
        for (text, want) in cases {
            let got = names(&m, text);
            let got: Vec<(&str, &str)> =
                got.iter().map(|(s, _, c)| (s.as_str(), c.as_str())).collect();
            assert_eq!(got, *want, "{text:?}");
        }
        let p =
            m.find("in Rafah, North Sinai", &analyze("in Rafah, North Sinai"));
        let e = m.entry_of(&p[0]).map(|e| (e.line, e.alternate));
        assert_eq!(e, Some((6, true)));
        // An alt line needs an earlier line of another country.
        for bad in [
            "Gotham\tUSA\tcity\talt\n",
            "Rafah\tPSE\tcity\nRafah\tPSE\tcity\talt\n",
        ] {
            assert!(parse_places("b.tsv", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn duplicate_phrase_is_an_error() {
        let tsv = "Paris\tFRA\tcity\nparis\tUSA\tcity\n";
        let err = match parse_places("d.tsv", tsv) {
            Ok(_) => panic!("should fail"),
            Err(e) => e.to_string(),
        };
        assert!(err.contains("d.tsv:2:"), "{err}");
        assert!(err.contains("line 1"), "{err}");
    }
}
