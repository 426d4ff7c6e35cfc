//! A general named-entity recogniser (PER/ORG/LOC, MISC for nationality
//! adjectives) built on the actor gazetteer: used to evaluate the
//! gazetteer and name learning on CoNLL-2003, and to find actor-like
//! names the dictionaries do not know.
//!
//! Method: capitalised runs of words (with name particles, "of" after an
//! organisation word, and abbreviation periods) are split at gazetteer
//! hits; titles and role words before a run make it a person; runs are
//! typed by, in order, the gazetteer (office holders -> PER, countries and
//! capitals -> LOC, bodies and groups -> ORG), the place gazetteer, a
//! given-name list, organisation and location head words, what the same
//! document already said about the name, and a default. All-caps
//! headlines only take gazetteer and document-known names. The word lists
//! are data files under `dicts/ner/`.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::gazetteer::{normalize_tokens, Hit, Kind, Norm};
use super::ActorMatcher;
use crate::dict::{AgentPlacement, Names};
use crate::ingest::Article;
use crate::span::Span;
use crate::text::Analyzed;
use crate::util::data_lines;

/// An entity type, CoNLL-style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A location.
    Loc,
    /// Anything else named (here: nationality adjectives).
    Misc,
}

impl EntityKind {
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Per => "PER",
            EntityKind::Org => "ORG",
            EntityKind::Loc => "LOC",
            EntityKind::Misc => "MISC",
        }
    }
}

/// One recognised entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Where it is in the original text.
    pub span: Span,
    /// Its type.
    pub kind: EntityKind,
}

fn word_list(text: &str) -> HashSet<String> {
    data_lines(text).map(|(_, l)| l.trim().to_lowercase()).collect()
}

/// Suffixes of nationality adjectives and demonyms ("Israeli",
/// "Americans", "Chinese") among a country's phrases.
const ADJECTIVE_ENDINGS: &[&str] = &[
    "an", "ans", "ese", "ish", "i", "is", "ch", "ic", "er", "ers", "ss", "ek",
    "eks", "ot", "ots", "es", "ns",
];

/// The type of a lone capitalised word nothing else types.
const SINGLE_DEFAULT: EntityKind = EntityKind::Loc;

/// The recogniser.
#[derive(Clone, Debug)]
pub struct EntityRecognizer {
    actors: ActorMatcher,
    first_names: HashSet<String>,
    org_words: HashSet<String>,
    loc_words: HashSet<String>,
    titles: HashSet<String>,
    misc: HashSet<String>,
    /// Gazetteer entry index -> its entity type (None: a role word).
    kinds: Vec<Option<EntityKind>>,
}

impl EntityRecognizer {
    /// The recogniser over the built-in gazetteers and word lists.
    pub fn builtin() -> crate::error::Result<EntityRecognizer> {
        let dicts = crate::dict::builtin_actors()?;
        let org_words =
            word_list(include_str!("../../../../dicts/ner/org_words.txt"));
        let loc_words =
            word_list(include_str!("../../../../dicts/ner/loc_words.txt"));
        let actors = ActorMatcher::new(&dicts)?;
        let kinds = actors
            .gaz
            .entries
            .iter()
            .map(|e| match e.kind {
                Kind::Agent(_) | Kind::Role => None,
                Kind::Actor if e.names == Names::Persons => {
                    Some(EntityKind::Per)
                }
                Kind::Actor if e.names == Names::Countries => {
                    let name = e
                        .name
                        .as_deref()
                        .map(crate::text::normalize)
                        .unwrap_or_default();
                    let head = e.norm.rsplit(' ').next().unwrap_or("");
                    let adj = e.norm != name
                        && !org_words.contains(head)
                        && !loc_words.contains(head)
                        && ADJECTIVE_ENDINGS
                            .iter()
                            .any(|s| e.norm.ends_with(s));
                    Some(if adj { EntityKind::Misc } else { EntityKind::Loc })
                }
                Kind::Actor if e.names == Names::Capitals => {
                    Some(EntityKind::Loc)
                }
                Kind::Actor => Some(EntityKind::Org),
            })
            .collect();
        Ok(EntityRecognizer {
            actors,
            first_names: word_list(include_str!(
                "../../../../dicts/ner/first_names.txt"
            )),
            org_words,
            loc_words,
            titles: word_list(include_str!(
                "../../../../dicts/ner/titles.txt"
            )),
            misc: word_list(include_str!(
                "../../../../dicts/ner/misc_words.txt"
            )),
            kinds,
        })
    }

    /// All entities in `article`; `places` are the spans of the place
    /// names the place stage found in it (`PlaceMatcher::find`),
    /// which type the runs they cover as locations.
    pub fn find(
        &self,
        article: &Article,
        analyzed: &Analyzed,
        places: &[Span],
    ) -> Vec<Entity> {
        let text = article.text.as_str();
        let norm = normalize_tokens(text, &analyzed.tokens);
        let hits = self.actors.gaz.scan(&norm, article.date);
        let n = norm.subs.len();
        // Hit starting at each sub-token.
        let mut hit_at: Vec<Option<Hit>> = vec![None; n];
        for h in &hits {
            hit_at[h.a as usize] = Some(*h);
        }
        // Places: sub-token ranges.
        let mut place_at: HashMap<usize, usize> = HashMap::new();
        for p in places {
            let a = norm.subs.partition_point(|s| s.span.start < p.start);
            let b = norm.subs.partition_point(|s| s.span.end <= p.end);
            if a < b {
                place_at.insert(a, b);
            }
        }
        let segments = segments(text, &norm, analyzed);
        let mut memory: HashMap<String, EntityKind> = HashMap::new();
        // Words of persons named with a title or a given name.
        let mut persons: HashMap<String, EntityKind> = HashMap::new();
        let mut out: Vec<(usize, usize, EntityKind)> = Vec::new();
        let mut pending: Vec<(usize, usize, bool)> = Vec::new();
        let cx = Cx {
            rec: self,
            norm: &norm,
            text,
            hit_at: &hit_at,
            place_at: &place_at,
        };
        let mut headlines = Vec::new();
        for seg in &segments {
            if cx.is_headline(seg.clone()) {
                headlines.push(seg.clone());
                continue;
            }
            let mut st = State {
                out: &mut out,
                pending: &mut pending,
                memory: &mut memory,
                persons: &mut persons,
            };
            cx.sentence(seg.clone(), &mut st);
        }
        // Unknown runs: what the document says elsewhere, else a default.
        cx.type_pending(&pending, &memory, &persons, &mut out);
        // A lone word that names a person the document introduced with a
        // title or given name ("Neil Jordan" ... "Jordan") is that person,
        // even where a place has the same name.
        for x in out.iter_mut() {
            if x.1 - x.0 == 1 && x.2 == EntityKind::Loc {
                if let Some(EntityKind::Per) = persons.get(&cx.key(x.0, x.1)) {
                    x.2 = EntityKind::Per;
                }
            }
        }
        for (a, b, k) in &out {
            memory.entry(cx.key(*a, *b)).or_insert(*k);
        }
        for seg in headlines {
            cx.headline(seg, &memory, &mut out);
        }
        out.sort_by_key(|x| (x.0, x.1));
        out.dedup();
        // "Ontario-based", "France-registered": not names.
        out.retain(|&(a, b, _)| !cx.hyphen_compound(a, b));
        out.into_iter()
            .map(|(a, b, kind)| Entity {
                span: Span::new(
                    norm.subs[a].span.start as usize,
                    norm.subs[b - 1].span.end as usize,
                ),
                kind,
            })
            .collect()
    }
}

/// Sentence segments as sub-token ranges: the text layer's sentences,
/// further split at line breaks.
fn segments(
    text: &str,
    norm: &Norm,
    analyzed: &Analyzed,
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let subs = &norm.subs;
    let sent_of = |i: usize| analyzed.sentence_at(subs[i].span.start);
    for i in 1..=subs.len() {
        let cut = i == subs.len()
            || sent_of(i) != sent_of(i - 1)
            || text
                .get(
                    subs[i - 1].span.end as usize..subs[i].span.start as usize,
                )
                .is_some_and(|gap| gap.contains('\n'));
        if cut {
            if start < i {
                out.push(start..i);
            }
            start = i;
        }
    }
    out
}

/// What a document's sentences produce.
struct State<'s> {
    out: &'s mut Vec<(usize, usize, EntityKind)>,
    pending: &'s mut Vec<(usize, usize, bool)>,
    memory: &'s mut HashMap<String, EntityKind>,
    persons: &'s mut HashMap<String, EntityKind>,
}

struct Cx<'a> {
    rec: &'a EntityRecognizer,
    norm: &'a Norm<'a>,
    text: &'a str,
    hit_at: &'a [Option<Hit>],
    place_at: &'a HashMap<usize, usize>,
}

impl Cx<'_> {
    /// Types the runs nothing typed yet (`pending`: start, end, at a
    /// sentence start) by what the document says elsewhere (`memory`,
    /// `persons`), else by shape, into `out`.
    fn type_pending(
        &self,
        pending: &[(usize, usize, bool)],
        memory: &HashMap<String, EntityKind>,
        persons: &HashMap<String, EntityKind>,
        out: &mut Vec<(usize, usize, EntityKind)>,
    ) {
        let (cx, norm) = (self, self.norm);
        for &(a, b, initial) in pending {
            let key = cx.key(a, b);
            let last = norm.word(b - 1).to_string();
            let known = memory
                .get(&key)
                .or_else(|| {
                    memory.get(&last).filter(|k| **k == EntityKind::Per)
                })
                .or_else(|| persons.get(&key).filter(|_| b - a == 1))
                .copied();
            let acronym = b - a == 1 && norm.subs[a].caps;
            let one_token =
                (a + 1..b).all(|i| norm.subs[i].token == norm.subs[a].token);
            let caps_word = (a..b).any(|i| cx.is_caps_word(i));
            let kind = match known {
                Some(k) => k,
                // "LM Ericsson AB", "UWP-Hachette": not a person.
                None if b - a > 1 && caps_word => EntityKind::Org,
                // "Urus-Martan": a hyphenated compound.
                None if b - a > 1 && one_token => EntityKind::Loc,
                None if b - a > 1 => EntityKind::Per,
                // "F-16", "M3", "N": codes and letters.
                None if cx.is_code(a) => continue,
                None if acronym => EntityKind::Org,
                // A lone capitalised word at a sentence start is usually
                // an ordinary word.
                None if initial => continue,
                None => SINGLE_DEFAULT,
            };
            out.push((a, b, kind));
        }
    }

    /// "Ontario-based", "France-registered": a run glued by a hyphen to
    /// a lowercase word (or after a hyphen) is no name.
    fn hyphen_compound(&self, a: usize, b: usize) -> bool {
        let bytes = self.text.as_bytes();
        let s = self.norm.subs[a].span.start as usize;
        let e = self.norm.subs[b - 1].span.end as usize;
        let before = s > 0 && bytes.get(s - 1) == Some(&b'-');
        let after = bytes.get(e) == Some(&b'-')
            && bytes.get(e + 1).is_some_and(|c| c.is_ascii_lowercase());
        before || after
    }

    fn key(&self, a: usize, b: usize) -> String {
        (a..b).map(|i| self.norm.word(i)).collect::<Vec<_>>().join(" ")
    }

    fn is_cap(&self, i: usize) -> bool {
        let s = self.norm.subs[i];
        s.word && (s.initial || s.caps)
    }

    fn is_headline(&self, seg: std::ops::Range<usize>) -> bool {
        let words: Vec<_> = seg.filter(|&i| self.norm.subs[i].word).collect();
        let caps = words.iter().filter(|&&i| self.norm.subs[i].caps).count();
        words.len() >= 2 && caps * 10 >= words.len() * 7
    }

    fn hit_kind(&self, h: &Hit) -> Option<EntityKind> {
        self.rec.kinds.get(h.entry as usize).copied().flatten()
    }

    fn is_title_word(&self, i: usize) -> bool {
        self.rec.titles.contains(self.norm.word(i))
    }

    fn is_title(&self, h: &Hit) -> bool {
        self.rec.actors.gaz.entries.get(h.entry as usize).is_some_and(
            |e| matches!(
                e.kind,
                Kind::Agent(p) if p == AgentPlacement::Suffix || p == AgentPlacement::Prefix
            ),
        )
    }

    /// An all-caps word of two or more letters ("AB", "LM").
    fn is_caps_word(&self, i: usize) -> bool {
        let s = self.norm.subs[i];
        s.word
            && s.caps
            && self.norm.word(i).chars().filter(|c| c.is_alphabetic()).count()
                >= 2
    }

    /// A code, not a name: digits, symbols or a single letter ("F-16",
    /// "M3", "C$", "N").
    fn is_code(&self, i: usize) -> bool {
        let orig = self.norm.subs[i].span.slice(self.text);
        orig.chars().count() == 1
            || orig
                .chars()
                .any(|c| !c.is_alphabetic() && c != '.' && c != '\'')
    }

    /// The last word of `a..b`, without abbreviation periods ("Corp.").
    fn last_word(&self, a: usize, b: usize) -> &str {
        let mut e = b;
        while e > a + 1 && self.norm.word(e - 1) == "." {
            e -= 1;
        }
        self.norm.word(e - 1).trim_end_matches('.')
    }

    /// An organisation word, with or without its period ("Corp.").
    fn is_org_word(&self, i: usize) -> bool {
        self.rec.org_words.contains(self.norm.word(i).trim_end_matches('.'))
    }

    /// Words that join an organisation name after an organisation word
    /// ("Bank of England", "Organisation for Security", "Commission on
    /// Human Rights").
    fn is_org_connector(&self, w: &str) -> bool {
        matches!(w, "of" | "for" | "on")
    }

    /// Capitalised runs of `seg`, typed; unknown runs go to `pending`.
    fn sentence(&self, seg: std::ops::Range<usize>, st: &mut State<'_>) {
        let subs = &self.norm.subs;
        let mut i = seg.start;
        let mut after_title = false;
        while i < seg.end {
            // A title or role word (any case) before a run: a person.
            if let Some(h) = self.hit_at[i] {
                if self.is_title(&h) {
                    after_title = true;
                    i = h.b as usize;
                    continue;
                }
            }
            if self.is_title_word(i) {
                after_title = true;
                i += 1;
                if self.norm.word(i) == "." {
                    i += 1;
                }
                continue;
            }
            if !self.is_cap(i) {
                after_title = false;
                i += 1;
                continue;
            }
            // The run.
            let a = i;
            let mut b = i + 1;
            let mut org_joined = false;
            while b < seg.end {
                let w = self.norm.word(b);
                let attached = subs[b].span.start == subs[b - 1].span.end;
                let abbrev = attached
                    && w == "."
                    && self.norm.word(b - 1).chars().count() <= 2;
                let prev = self.norm.word(b - 1);
                let next_cap = b + 1 < seg.end && self.is_cap(b + 1);
                let org_join = self.is_org_connector(w)
                    && next_cap
                    && (self.is_org_word(b - 1)
                        || (w == "of" && prev == "republic"));
                let and_join = w == "and" && next_cap && org_joined;
                let connector = ((w == "&" || w == "de" || w == "al")
                    && next_cap)
                    || org_join
                    || and_join;
                if org_join {
                    org_joined = true;
                }
                if self.is_cap(b) || abbrev || connector {
                    b += 1;
                } else {
                    break;
                }
            }
            // A phrase starting inside the run and ending after it
            // ("Secretary of State") belongs to it.
            let mut j = a;
            while j < b {
                if let Some(h) = self.hit_at[j] {
                    let hb = h.b as usize;
                    if hb > b && hb <= seg.end {
                        b = hb;
                        while b < seg.end && self.is_cap(b) {
                            b += 1;
                        }
                    }
                    j = hb.max(j + 1);
                } else {
                    j += 1;
                }
            }
            // Drop a trailing period that ends the sentence.
            while b > a + 1
                && self.norm.word(b - 1) == "."
                && self.norm.word(b - 2).chars().count() > 1
                && !self.is_org_word(b - 2)
            {
                b -= 1;
            }
            self.run(a, b, seg.start, after_title, st);
            after_title = false;
            i = b;
        }
    }

    fn run(
        &self,
        a: usize,
        b: usize,
        sent_start: usize,
        mut after_title: bool,
        st: &mut State<'_>,
    ) {
        let rec = self.rec;
        if rec.misc.contains(&self.key(a, b)) {
            return;
        }
        // The whole run is a gazetteer phrase or a place.
        if let Some(h) = self.hit_at[a].filter(|h| h.b as usize == b) {
            if let Some(k) = self.hit_kind(&h) {
                st.out.push((a, b, k));
                return;
            }
        }
        if self.place_at.get(&a) == Some(&b) && !after_title {
            st.out.push((a, b, EntityKind::Loc));
            return;
        }
        if self.by_head_word(a, b, st) {
            return;
        }
        let mut i = a;
        let mut start = a;
        while i < b {
            // "Cardinal" inside a run: what follows is a person.
            if self.is_title_word(i) && i + 1 < b && i >= start {
                self.flush(start, i, sent_start, after_title, st);
                after_title = true;
                i += 1;
                if self.norm.word(i) == "." {
                    i += 1;
                }
                start = i;
                continue;
            }
            if let Some(h) = self.hit_at[i].filter(|h| h.b as usize <= b) {
                let (ha, hb) = (h.a as usize, h.b as usize);
                if self.is_title(&h) {
                    // "President" inside a run: what follows is a person.
                    self.flush(start, ha, sent_start, after_title, st);
                    after_title = true;
                    i = hb;
                    start = hb;
                    continue;
                }
                // "Peter Jordan": a place name ending a person's name.
                let surname = hb == b
                    && ha > start
                    && (after_title
                        || self
                            .rec
                            .first_names
                            .contains(self.norm.word(start)));
                if surname && self.hit_kind(&h) == Some(EntityKind::Loc) {
                    i = hb;
                    continue;
                }
                if let Some(k) = self.hit_kind(&h) {
                    self.flush(start, ha, sent_start, after_title, st);
                    st.out.push((ha, hb, k));
                    i = hb;
                    start = hb;
                    continue;
                }
            }
            if let Some(&pb) = self.place_at.get(&i).filter(|pb| **pb <= b) {
                if i == start && !(after_title && i == a) {
                    st.out.push((i, pb, EntityKind::Loc));
                    i = pb;
                    start = pb;
                    continue;
                }
            }
            i += 1;
        }
        self.flush(start, b, sent_start, after_title, st);
    }

    /// Organisation and location head words type the whole run
    /// `a..b` ("Bank of Canada", "Harlow & Benz", "Red River"), without
    /// leading non-name words ("The", "August"); whether they did.
    fn by_head_word(&self, a: usize, b: usize, st: &mut State<'_>) -> bool {
        let (rec, last) = (self.rec, self.last_word(a, b));
        let mut a = a;
        while a + 1 < b
            && self
                .rec
                .actors
                .lex
                .non_names
                .contains(self.norm.subs[a].span.slice(self.text))
        {
            a += 1;
        }
        if b - a > 1 {
            let of_at = (a + 1..b - 1)
                .find(|&i| self.is_org_connector(self.norm.word(i)));
            let org_of = of_at.is_some_and(|i| self.is_org_word(i - 1));
            if of_at.is_some_and(|i| {
                self.norm.word(i - 1) == "republic"
                    && self.norm.word(i) == "of"
            }) {
                st.out.push((a, b, EntityKind::Loc));
                return true;
            }
            let amp = (a + 1..b - 1).any(|i| self.norm.word(i) == "&");
            if org_of || amp || rec.org_words.contains(last) {
                st.out.push((a, b, EntityKind::Org));
                // "Pirelli SpA" ... "Pirelli".
                let mut e = b;
                while e > a + 1
                    && (self.norm.word(e - 1) == "."
                        || self.is_org_word(e - 1))
                {
                    e -= 1;
                }
                if e < b && !org_of && self.hit_at[a].is_none() {
                    st.memory.entry(self.key(a, e)).or_insert(EntityKind::Org);
                }
                return true;
            }
            if rec.loc_words.contains(last) {
                st.out.push((a, b, EntityKind::Loc));
                return true;
            }
        }
        false
    }

    fn flush(
        &self,
        a: usize,
        b: usize,
        sent_start: usize,
        after_title: bool,
        st: &mut State<'_>,
    ) {
        let subs = &self.norm.subs;
        let mut a = a;
        let mut b = b;
        // The first word of a sentence, after quotes and brackets.
        let first_word = |a: usize| (sent_start..a).all(|i| !subs[i].word);
        // Skip non-name words ("The", weekdays) at the start.
        while a < b {
            let orig = subs[a].span.slice(self.text);
            let w = self.norm.word(a);
            let common = self.rec.actors.lex.non_names.contains(orig)
                || !subs[a].word
                || (first_word(a) && self.lowercase_elsewhere(w));
            if common {
                a += 1;
            } else {
                break;
            }
        }
        // ... and at the end ("Insulza Monday").
        while b > a + 1 {
            let orig = subs[b - 1].span.slice(self.text);
            if self.rec.actors.lex.non_names.contains(orig)
                || (!subs[b - 1].word && self.norm.word(b - 1) != ".")
            {
                b -= 1;
            } else {
                break;
            }
        }
        if a >= b {
            return;
        }
        if self.rec.misc.contains(&self.key(a, b)) {
            return;
        }
        if after_title || self.rec.first_names.contains(self.norm.word(a)) {
            st.out.push((a, b, EntityKind::Per));
            st.memory
                .insert(self.norm.word(b - 1).to_string(), EntityKind::Per);
            for (i, sub) in subs.iter().enumerate().take(b).skip(a) {
                if sub.word && sub.initial {
                    st.persons.insert(
                        self.norm.word(i).to_string(),
                        EntityKind::Per,
                    );
                }
            }
            return;
        }
        st.pending.push((a, b, first_word(a)));
    }

    fn lowercase_elsewhere(&self, w: &str) -> bool {
        self.norm.subs.iter().enumerate().any(|(i, s)| {
            s.word && !s.initial && !s.caps && self.norm.word(i) == w
        })
    }

    /// All-caps lines: gazetteer hits and names the document knows.
    fn headline(
        &self,
        seg: std::ops::Range<usize>,
        memory: &HashMap<String, EntityKind>,
        out: &mut Vec<(usize, usize, EntityKind)>,
    ) {
        let mut i = seg.start;
        while i < seg.end {
            let mut best: Option<(usize, EntityKind)> = None;
            for j in (i + 1..=seg.end.min(i + 4)).rev() {
                if let Some(k) = memory.get(&self.key(i, j)) {
                    best = Some((j, *k));
                    break;
                }
            }
            if best.is_none() {
                if let Some(h) = self.hit_at[i] {
                    if let Some(k) = self.hit_kind(&h) {
                        best = Some((h.b as usize, k));
                    }
                }
            }
            if best.is_none() {
                if let Some(&pb) = self.place_at.get(&i) {
                    best = Some((pb, EntityKind::Loc));
                }
            }
            match best {
                Some((j, k)) if self.norm.subs[i].word => {
                    out.push((i, j, k));
                    i = j;
                }
                _ => i += 1,
            }
        }
    }
}
