//! The compiled gazetteer: every actor and agent phrase in one
//! aho-corasick automaton (leftmost-longest, anchored at token starts)
//! over a normalised, token-aligned copy of the text.
//!
//! Text and phrases go through the same [`normalize_tokens`]: tokens from
//! [`crate::text::tokenize`], split at inner hyphens ("Israeli-Palestinian"
//! -> two sub-tokens), folded with [`crate::text::normalize`], joined by
//! single spaces with a trailing space. A phrase therefore always ends on
//! a token boundary, and the search starts only at token starts, so
//! "United States Senate" beats "United States" and "Iran" never matches
//! inside "Iranian". A capital letter in a dictionary phrase requires one
//! in the text ("Turkey", not "turkey"); an all-caps word ("US", "WHO")
//! requires all caps, so the pronoun "us" is not the United States.

use aho_corasick::{
    AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use crate::dict::{AgentPlacement, Dictionaries};
use crate::text::{Token, TokenKind};
use crate::{Date, Span};

/// Phrase count up to which the automaton is a full DFA; larger
/// dictionaries get a contiguous NFA (see [`Gazetteer::new`]).
const DFA_MAX_PATTERNS: usize = 20_000;

/// What a gazetteer entry does in a mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A named actor with a country (or IGO/NGO) code.
    Actor,
    /// A named body without a country (`---GOV` "Foreign Ministry"): it
    /// takes the country of the actor before it, like an agent.
    Role,
    /// A role word or title.
    Agent(AgentPlacement),
}

/// One compiled entry.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// Full code for actors and roles; the role code for agents.
    pub code: String,
    pub kind: Kind,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub name: Option<String>,
    /// `file:line`.
    pub origin: String,
    /// A person (office holder), for pronouns and titles.
    pub person: bool,
    /// The normalised phrase, e.g. `prime minister`.
    pub norm: String,
}

impl Entry {
    fn valid_on(&self, date: Date) -> bool {
        !matches!(self.from, Some(f) if f > date)
            && !matches!(self.to, Some(t) if date > t)
    }
}

/// What a dictionary phrase requires of the case of a text sub-token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CaseReq {
    Any,
    Initial,
    AllCaps,
}

#[derive(Clone, Debug)]
struct Cand {
    entry: u32,
    case: Box<[CaseReq]>,
}

/// One sub-token of the normalised text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sub {
    /// Original bytes.
    pub span: Span,
    /// Start and end in the normalised string.
    pub n0: u32,
    pub n1: u32,
    /// First letter is uppercase.
    pub initial: bool,
    /// Has letters, none lowercase.
    pub caps: bool,
    /// A word (letters) token.
    pub word: bool,
    /// Index of the token in [`crate::text::Analyzed::tokens`].
    pub token: u32,
}

/// A normalised, token-aligned copy of a text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Norm {
    pub s: String,
    pub subs: Vec<Sub>,
}

impl Norm {
    /// The normalised text of sub-token `i`.
    pub fn word(&self, i: usize) -> &str {
        match self.subs.get(i) {
            Some(x) => &self.s[x.n0 as usize..x.n1 as usize],
            None => "",
        }
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Builds the normalised copy of `text` from its tokens.
pub(crate) fn normalize_tokens(text: &str, tokens: &[Token]) -> Norm {
    let mut n = Norm {
        s: String::with_capacity(text.len() + 16),
        subs: Vec::with_capacity(tokens.len()),
    };
    let mut buf = [0u8; 4];
    for (ti, t) in tokens.iter().enumerate() {
        let Some(slice) = text.get(t.span.range()) else { continue };
        let word = t.kind == TokenKind::Word;
        // A `_` between words glues a name as a dash does ("Dol_Amroth",
        // the TABARI convention): both are skipped.
        if !word && (slice.chars().all(is_dash) || slice == "_") {
            continue;
        }
        // Word tokens split at inner hyphens; others whole.
        let mut rest = 0usize;
        let parts = std::iter::from_fn(|| {
            if rest > slice.len() {
                return None;
            }
            let from = rest;
            let cut = if word {
                slice[from..].char_indices().find(|&(_, c)| is_dash(c))
            } else {
                None
            };
            match cut {
                Some((i, c)) => {
                    rest = from + i + c.len_utf8();
                    Some((from, from + i))
                }
                None => {
                    rest = slice.len() + 1;
                    Some((from, slice.len()))
                }
            }
        });
        for (a, b) in parts {
            if a >= b {
                continue;
            }
            let part = &slice[a..b];
            let n0 = n.s.len();
            let (initial, caps, letters);
            if part.is_ascii() {
                n.s.push_str(part);
                n.s[n0..].make_ascii_lowercase();
                let bytes = part.as_bytes();
                initial = bytes
                    .iter()
                    .find(|c| c.is_ascii_alphabetic())
                    .is_some_and(u8::is_ascii_uppercase);
                caps = bytes.iter().any(u8::is_ascii_uppercase)
                    && !bytes.iter().any(u8::is_ascii_lowercase);
                letters = bytes.iter().any(u8::is_ascii_alphabetic);
            } else {
                for c in part.chars() {
                    if c.is_ascii() {
                        n.s.push(c.to_ascii_lowercase());
                    } else {
                        n.s.push_str(&crate::text::normalize(
                            c.encode_utf8(&mut buf),
                        ));
                    }
                }
                initial = part
                    .chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_uppercase);
                caps = part.chars().any(char::is_uppercase)
                    && !part.chars().any(char::is_lowercase);
                letters = part.chars().any(char::is_alphabetic);
            }
            let n1 = n.s.len();
            n.s.push(' ');
            let start = t.span.start as usize + a;
            n.subs.push(Sub {
                span: Span::new(start, start + part.len()),
                n0: n0 as u32,
                n1: n1 as u32,
                initial,
                caps,
                word: word && letters,
                token: ti as u32,
            });
        }
    }
    n
}

/// Normalises one dictionary phrase; returns the pattern (with its
/// trailing space) and the case requirement of each sub-token.
fn phrase_pattern(phrase: &str) -> (String, Vec<CaseReq>) {
    let tokens = crate::text::tokenize(phrase);
    let n = normalize_tokens(phrase, &tokens);
    let case = n
        .subs
        .iter()
        .map(|s| {
            let orig = s.span.slice(phrase);
            let letters = orig.chars().filter(|c| c.is_alphabetic()).count();
            if s.caps && letters >= 2 {
                CaseReq::AllCaps
            } else if s.initial {
                CaseReq::Initial
            } else {
                CaseReq::Any
            }
        })
        .collect();
    (n.s, case)
}

/// A matched phrase: sub-tokens `a..b` and the chosen entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub a: u32,
    pub b: u32,
    pub entry: u32,
}

/// The compiled gazetteer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Gazetteer {
    ac: Option<AhoCorasick>,
    /// Bytes that start some pattern: other sub-tokens are skipped.
    starts: Vec<bool>,
    cands: Vec<Vec<Cand>>,
    pub entries: Vec<Entry>,
}

impl Gazetteer {
    /// Compiles the actors and agents of `dicts`.
    pub fn new(dicts: &Dictionaries) -> crate::Result<Gazetteer> {
        let mut entries = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut cands: Vec<Vec<Cand>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut add = |phrase: &str, entry: Entry| {
            let (pat, case) = phrase_pattern(phrase);
            if pat.is_empty() {
                return;
            }
            let id = entries.len() as u32;
            entries.push(entry);
            let p = *index.entry(pat.clone()).or_insert_with(|| {
                patterns.push(pat);
                cands.push(Vec::new());
                patterns.len() - 1
            });
            cands[p].push(Cand { entry: id, case: case.into() });
        };
        for a in &dicts.actors {
            let code = a.code.trim().to_ascii_uppercase();
            let kind =
                if code.starts_with("---") { Kind::Role } else { Kind::Actor };
            let file = &*a.origin.file;
            add(
                &a.phrase,
                Entry {
                    code,
                    kind,
                    from: a.from,
                    to: a.to,
                    name: a.name.clone(),
                    origin: a.origin.to_string(),
                    person: file.contains("officeholders"),
                    norm: String::new(),
                },
            );
        }
        for g in &dicts.agents {
            add(
                &g.phrase,
                Entry {
                    code: g.code.trim().to_ascii_uppercase(),
                    kind: Kind::Agent(g.placement),
                    from: None,
                    to: None,
                    name: None,
                    origin: g.origin.to_string(),
                    person: false,
                    norm: String::new(),
                },
            );
        }
        for (p, cs) in patterns.iter().zip(&cands) {
            for c in cs {
                entries[c.entry as usize].norm = p.trim_end().to_string();
            }
        }
        let ac = if patterns.is_empty() {
            None
        } else {
            // A full DFA scans fastest but costs seconds and hundreds of
            // MB over tens of thousands of phrases (the Phoenix
            // dictionaries); above the threshold a contiguous NFA builds
            // in a fraction of that and scans nearly as fast.
            let kind = if patterns.len() <= DFA_MAX_PATTERNS {
                AhoCorasickKind::DFA
            } else {
                AhoCorasickKind::ContiguousNFA
            };
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .kind(Some(kind))
                .build(&patterns)
                .or_else(|_| {
                    AhoCorasick::builder()
                        .match_kind(MatchKind::LeftmostLongest)
                        .start_kind(StartKind::Anchored)
                        .build(&patterns)
                })
                .map_err(|e| {
                    crate::Error::Parse(format!("actor automaton: {e}"))
                })?;
            Some(ac)
        };
        let mut starts = vec![false; 256];
        for p in &patterns {
            if let Some(&b) = p.as_bytes().first() {
                starts[b as usize] = true;
            }
        }
        Ok(Gazetteer { ac, starts, cands, entries })
    }

    /// Every leftmost-longest phrase in `norm` valid on `date`.
    pub fn scan(&self, norm: &Norm, date: Date) -> Vec<Hit> {
        let mut out = Vec::new();
        let Some(ac) = &self.ac else { return out };
        let subs = &norm.subs;
        let mut i = 0;
        let bytes = norm.s.as_bytes();
        while i < subs.len() {
            let start = subs[i].n0 as usize;
            let first = bytes.get(start).copied().unwrap_or(0);
            if !self.starts[first as usize] {
                i += 1;
                continue;
            }
            let mut limit = norm.s.len();
            let mut found = None;
            while limit > start {
                let input = Input::new(&norm.s)
                    .range(start..limit)
                    .anchored(Anchored::Yes);
                let Some(m) = ac.find(input) else { break };
                let j = subs.partition_point(|x| (x.n1 as usize) < m.end());
                if let Some(e) =
                    self.pick(m.pattern().as_usize(), &subs[i..j], date)
                {
                    found = Some((j, e));
                    break;
                }
                limit = m.end() - 1;
            }
            match found {
                Some((j, e)) => {
                    out.push(Hit { a: i as u32, b: j as u32, entry: e });
                    i = j;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The longest phrase starting exactly at sub-token `i` (also inside
    /// another hit: TABARI agent stacking, see `learn`).
    pub fn longest_at(
        &self,
        norm: &Norm,
        i: usize,
        date: Date,
    ) -> Option<Hit> {
        let ac = self.ac.as_ref()?;
        let subs = &norm.subs;
        let start = subs.get(i)?.n0 as usize;
        let mut limit = norm.s.len();
        while limit > start {
            let input = Input::new(&norm.s)
                .range(start..limit)
                .anchored(Anchored::Yes);
            let m = ac.find(input)?;
            let j = subs.partition_point(|x| (x.n1 as usize) < m.end());
            if let Some(e) =
                self.pick(m.pattern().as_usize(), &subs[i..j], date)
            {
                return Some(Hit { a: i as u32, b: j as u32, entry: e });
            }
            limit = m.end() - 1;
        }
        None
    }

    fn pick(&self, pattern: usize, subs: &[Sub], date: Date) -> Option<u32> {
        let cands = self.cands.get(pattern)?;
        cands
            .iter()
            .find(|c| {
                c.case.len() == subs.len()
                    && c.case.iter().zip(subs).all(|(r, s)| match r {
                        CaseReq::Any => true,
                        CaseReq::Initial => s.initial || !s.word,
                        CaseReq::AllCaps => s.caps,
                    })
                    && self.entries[c.entry as usize].valid_on(date)
            })
            .map(|c| c.entry)
    }
}
