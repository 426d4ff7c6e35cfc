//! The compiled gazetteer: every actor and agent phrase in one trie over
//! words (leftmost-longest, anchored at token starts), matched against a
//! normalised, token-aligned copy of the text.
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
//!
//! Matching works on words, not bytes: each sub-token's normalised text
//! is looked up once in the phrases' vocabulary (a hash of a few bytes;
//! most words of a text are in no phrase and stop there), then phrases
//! are followed word by word through the trie. This is the same
//! leftmost-longest match a byte automaton over the joined text finds
//! (phrase words and text words never contain a space), but touches a
//! small table instead of a multi-megabyte DFA per byte.

use crate::codes::ActorCode;
use crate::date::Date;
use crate::dict::{AgentPlacement, Dictionaries, Names};
use crate::span::Span;
use crate::text::{Lexicon, Token, TokenKind};
use crate::util::FastMap;

/// Nouns of a holder's government: `dicts/words/government_nouns.txt`.
static GOVERNMENT_NOUNS: crate::util::WordList =
    crate::util::word_list!("words/government_nouns.txt");

/// "No word" / "no node" / "no phrase" in the [`Trie`].
const NONE: u32 = u32::MAX;

/// Words up to this many bytes are packed into a `u128` key.
const SHORT: usize = 15;

/// A key of a [`Table`]; 0 is never a key.
trait Key: Copy + Eq + Default {
    fn mix(self) -> u64;
}

const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

impl Key for u64 {
    #[inline]
    fn mix(self) -> u64 {
        (self ^ self >> 29).wrapping_mul(MIX)
    }
}

impl Key for u128 {
    #[inline]
    fn mix(self) -> u64 {
        let (lo, hi) = (self as u64, (self >> 64) as u64);
        (lo.wrapping_mul(MIX) ^ hi).wrapping_mul(MIX)
    }
}

/// A small open-addressing hash table (linear probing, at most half
/// full) from non-zero keys to ids, behind a bit filter. Keys are
/// compared inline, so a lookup calls nothing; most text words are in no
/// table and stop at the filter (a few KB that stay in the L1 cache)
/// without touching the table.
#[derive(Clone, Debug, Default)]
struct Table<K> {
    keys: Vec<K>,
    vals: Vec<u32>,
    /// Bits of the hash used: the table has `1 << bits` slots.
    bits: u32,
    /// One bit per filter slot; a key's bit is set if it is in the table.
    filter: Vec<u64>,
    /// The filter has `1 << fbits` bits.
    fbits: u32,
}

impl<K: Key> Table<K> {
    /// A table of `entries`.
    fn new(entries: &[(K, u32)]) -> Table<K> {
        let bits =
            (entries.len() * 2).max(16).next_power_of_two().trailing_zeros();
        let fbits =
            (entries.len() * 8).max(64).next_power_of_two().trailing_zeros();
        let size = 1usize << bits;
        let mut t = Table {
            keys: vec![K::default(); size],
            vals: vec![NONE; size],
            bits,
            filter: vec![0; (1usize << fbits) / 64],
            fbits,
        };
        for &(k, v) in entries {
            let h = k.mix();
            let f = t.filter_bit(h);
            t.filter[f / 64] |= 1 << (f % 64);
            let mut i = t.slot(h);
            while t.keys[i] != K::default() && t.keys[i] != k {
                i = (i + 1) & (size - 1);
            }
            t.keys[i] = k;
            t.vals[i] = v;
        }
        t
    }

    #[inline]
    fn slot(&self, h: u64) -> usize {
        (h >> (64 - self.bits)) as usize
    }

    #[inline]
    fn filter_bit(&self, h: u64) -> usize {
        (h.wrapping_mul(MIX) >> (64 - self.fbits)) as usize
    }

    /// The id of `k`, or [`NONE`].
    #[inline]
    fn get(&self, k: K) -> u32 {
        if self.keys.is_empty() {
            return NONE;
        }
        let h = k.mix();
        let f = self.filter_bit(h);
        let Some(&bits) = self.filter.get(f / 64) else { return NONE };
        if bits & 1 << (f % 64) == 0 {
            return NONE;
        }
        let mask = self.keys.len() - 1;
        let mut i = self.slot(h);
        loop {
            let x = self.keys[i];
            if x == k {
                return self.vals[i];
            }
            if x == K::default() {
                return NONE;
            }
            i = (i + 1) & mask;
        }
    }
}

/// A word of at most [`SHORT`] bytes as a table key: its bytes, then
/// its length in the top byte (so the key is never 0).
#[inline]
fn pack(w: &[u8]) -> Option<u128> {
    if w.is_empty() || w.len() > SHORT {
        return None;
    }
    // Shifted into a register rather than stored byte by byte and loaded
    // whole (a store-forwarding stall at every word).
    let (head, tail) = w.split_at(w.len().min(8));
    let mut lo = 0u64;
    for (i, &b) in head.iter().enumerate() {
        lo |= u64::from(b) << (8 * i);
    }
    let mut hi = (w.len() as u64) << 56;
    for (i, &b) in tail.iter().enumerate() {
        hi |= u64::from(b) << (8 * i);
    }
    Some(u128::from(lo) | u128::from(hi) << 64)
}

/// Words to ids: short ones packed in a [`Table`], longer ones hashed.
#[derive(Clone, Debug, Default)]
struct Words {
    short: Table<u128>,
    long: FastMap<Box<str>, u32>,
    /// The longest word, in bytes: longer text words are in no entry.
    longest: usize,
}

impl Words {
    fn new<'a>(entries: impl Iterator<Item = (&'a str, u32)>) -> Words {
        let mut short: Vec<(u128, u32)> = Vec::new();
        let mut long = FastMap::default();
        let mut longest = 0;
        for (w, id) in entries {
            longest = longest.max(w.len());
            match pack(w.as_bytes()) {
                Some(k) => short.push((k, id)),
                None => {
                    long.insert(w.into(), id);
                }
            }
        }
        // Sorted so the table does not depend on hash order.
        short.sort_unstable();
        Words { short: Table::new(&short), long, longest }
    }

    /// The id of `w`, or [`NONE`].
    #[inline(always)]
    fn get(&self, w: &str) -> u32 {
        if w.len() > self.longest {
            return NONE;
        }
        match pack(w.as_bytes()) {
            Some(k) => self.short.get(k),
            None => self.long.get(w).copied().unwrap_or(NONE),
        }
    }
}

/// The phrases as a trie over words: node 0 is the root.
#[derive(Clone, Debug, Default)]
struct Trie {
    /// The first word of each phrase -> the root's child by it.
    start: Words,
    /// Every word of some phrase -> its id.
    vocab: Words,
    /// Child of any node but the root: `node << 32 | word` -> node.
    next: Table<u64>,
    /// The phrase (pattern index) ending at each node, or [`NONE`].
    pattern: Vec<u32>,
}

impl Trie {
    /// The trie of `patterns` (normalised, words separated and ended by
    /// single spaces); pattern `i` ends at the node with pattern `i`.
    fn new(patterns: &[String]) -> Trie {
        let mut vocab: FastMap<&str, u32> = FastMap::default();
        let mut first: FastMap<&str, u32> = FastMap::default();
        let mut next: FastMap<u64, u32> = FastMap::default();
        let mut pattern = vec![NONE];
        for (pi, p) in patterns.iter().enumerate() {
            let mut node = 0u32;
            for w in p.split_terminator(' ') {
                let n = vocab.len() as u32;
                let id = *vocab.entry(w).or_insert(n);
                let fresh = pattern.len() as u32;
                let slot = if node == 0 {
                    first.entry(w).or_insert(NONE)
                } else {
                    next.entry(u64::from(node) << 32 | u64::from(id))
                        .or_insert(NONE)
                };
                if *slot == NONE {
                    *slot = fresh;
                    pattern.push(NONE);
                }
                node = *slot;
            }
            if node != 0 {
                pattern[node as usize] = pi as u32;
            }
        }
        let mut next: Vec<(u64, u32)> = next.into_iter().collect();
        next.sort_unstable();
        Trie {
            start: Words::new(first.into_iter()),
            vocab: Words::new(vocab.into_iter()),
            next: Table::new(&next),
            pattern,
        }
    }

    /// The root's child by word `w`, or [`NONE`].
    #[inline(always)]
    fn start(&self, w: &str) -> u32 {
        self.start.get(w)
    }

    /// The child of `node` (not the root) by word `w`, or [`NONE`].
    #[inline]
    fn step(&self, node: u32, w: &str) -> u32 {
        match self.vocab.get(w) {
            NONE => NONE,
            id => self.next.get(u64::from(node) << 32 | u64::from(id)),
        }
    }
}

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
    /// What the entry's file names (agents: bodies).
    pub names: Names,
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
    /// A mixed-case abbreviation ("JeM", "LeJ"): the text word must have
    /// an uppercase letter after its first too ("JeM" is no match for the
    /// town in "El Jem"; "JEM" is Sudan's Justice and Equality Movement).
    Mixed,
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
    /// Start and end in [`Norm::s`] (unless `whole`).
    pub n0: u32,
    pub n1: u32,
    /// First letter is uppercase.
    pub initial: bool,
    /// Has letters, none lowercase.
    pub caps: bool,
    /// Has an uppercase letter.
    pub upper: bool,
    /// Capitalised, with lowercase letters and an uppercase letter after
    /// the first ("JeM", "McCain"; not "Jem").
    pub inner: bool,
    /// A word (letters) token.
    pub word: bool,
    /// The whole token, whose [`Token::norm`] is its normalised text.
    pub whole: bool,
    /// Index of the token in [`crate::text::Analyzed::tokens`].
    pub token: u32,
}

/// A normalised, token-aligned view of a text: a sub-token's normalised
/// text is its token's [`Token::norm`] when it is the whole token (ASCII
/// without a hyphen: nearly all), else a piece of `s`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Norm<'t> {
    s: String,
    pub subs: Vec<Sub>,
    tokens: &'t [Token],
}

impl Norm<'_> {
    /// The normalised text of sub-token `i`.
    #[inline]
    pub fn word(&self, i: usize) -> &str {
        match self.subs.get(i) {
            Some(x) if x.whole => self
                .tokens
                .get(x.token as usize)
                .map_or("", |t| t.norm.as_str()),
            Some(x) => self.s.get(x.n0 as usize..x.n1 as usize).unwrap_or(""),
            None => "",
        }
    }

    /// The length in bytes of [`Norm::word`] `i`.
    #[inline]
    pub fn word_len(&self, i: usize) -> usize {
        match self.subs.get(i) {
            // A whole token's norm is as long as its text (see
            // `normalize_tokens`).
            Some(x) if x.whole => x.span.end as usize - x.span.start as usize,
            Some(x) => (x.n1 - x.n0) as usize,
            None => 0,
        }
    }

    /// All sub-tokens' normalised texts, each followed by a space.
    fn joined(&self) -> String {
        let mut out = String::new();
        for i in 0..self.subs.len() {
            out.push_str(self.word(i));
            out.push(' ');
        }
        out
    }
}

pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// [`CLASS`] bit of an uppercase ASCII letter.
const UPPER: u8 = 1;
/// [`CLASS`] bit of a lowercase ASCII letter.
const LOWER: u8 = 2;
/// [`CLASS`] bit of a hyphen.
const DASH: u8 = 4;
/// [`CLASS`] bit of a non-ASCII byte.
const NON_ASCII: u8 = 8;

/// Class of each byte: [`UPPER`], [`LOWER`], [`DASH`], [`NON_ASCII`] or
/// 0.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 26 {
        t[b'A' as usize + b] = UPPER;
        t[b'a' as usize + b] = LOWER;
        b += 1;
    }
    t[b'-' as usize] = DASH;
    let mut b = 0x80;
    while b < 256 {
        t[b] = NON_ASCII;
        b += 1;
    }
    t
};

/// Builds the normalised view of `text` from its tokens.
///
/// An ASCII token without a hyphen (nearly all) is one sub-token whose
/// normalised text is the token's own lowercased [`Token::norm`]: one
/// pass classifies its bytes and nothing is copied. Hyphenated ASCII
/// words go through [`split_ascii`], tokens with non-ASCII text through
/// [`normalize_token`]; their pieces are copied into [`Norm::s`].
pub(crate) fn normalize_tokens<'t>(
    text: &str,
    tokens: &'t [Token],
) -> Norm<'t> {
    let mut s: Vec<u8> = Vec::new();
    let mut subs = Vec::with_capacity(tokens.len() + tokens.len() / 8);
    let all = text.as_bytes();
    for (ti, t) in tokens.iter().enumerate() {
        let Some(bytes) = all.get(t.span.range()) else { continue };
        let word = t.kind == TokenKind::Word;
        // A `_` between words glues a name as a dash does ("Dol_Amroth",
        // the TABARI convention): it is skipped.
        if !word && bytes == b"_" {
            continue;
        }
        let letter = bytes.iter().position(|&b| CLASS[b as usize] & 3 != 0);
        let first = letter.map_or(0, |i| CLASS[bytes[i] as usize]);
        // The classes of all bytes, and whether the token's norm is its
        // lowercased text (checked, so a change in the text layer cannot
        // change matching silently).
        let norm = t.norm.as_bytes();
        let (mut flags, mut same) = (0u8, norm.len() == bytes.len());
        if same {
            for (&b, &n) in bytes.iter().zip(norm) {
                let c = CLASS[b as usize];
                flags |= c;
                same &= n == b | (c & UPPER) << 5;
            }
        } else {
            flags = bytes.iter().fold(0, |f, &b| f | CLASS[b as usize]);
        }
        if flags & NON_ASCII != 0 {
            if let Some(slice) = text.get(t.span.range()) {
                normalize_token(&mut s, &mut subs, slice, t, ti);
            }
            continue;
        }
        if flags & DASH != 0 {
            if word {
                split_ascii(&mut s, &mut subs, bytes, t, ti);
                continue;
            }
            if bytes.iter().all(|&b| b == b'-') {
                continue;
            }
        }
        if bytes.is_empty() {
            continue;
        }
        let base = t.span.start as usize;
        let span = (base, base + bytes.len());
        if same {
            subs.push(Sub {
                whole: true,
                ..ascii_sub(span, (0, 0), first, flags, ti, word)
            });
            continue;
        }
        let n0 = s.len();
        s.extend_from_slice(bytes);
        s[n0..].make_ascii_lowercase();
        push_sub(&mut s, &mut subs, span, n0, first, flags, ti, word);
    }
    // Inner capitals ("JeM"), only looked for in capitalised words with
    // lowercase letters.
    for sub in subs.iter_mut().filter(|x| x.initial && !x.caps && x.word) {
        sub.inner = all
            .get(sub.span.range())
            .is_some_and(|b| b.iter().skip(1).any(u8::is_ascii_uppercase));
    }
    // Only whole UTF-8 sequences are ever appended.
    let s = String::from_utf8(s).unwrap_or_else(|e| {
        String::from_utf8_lossy(e.as_bytes()).into_owned()
    });
    Norm { s, subs, tokens }
}

/// The sub-tokens of an ASCII word with hyphens: the parts between them.
fn split_ascii(
    s: &mut Vec<u8>,
    subs: &mut Vec<Sub>,
    bytes: &[u8],
    t: &Token,
    ti: usize,
) {
    let base = t.span.start as usize;
    let mut a = 0;
    for part in bytes.split(|&b| b == b'-') {
        if !part.is_empty() {
            let n0 = s.len();
            let (mut first, mut flags) = (0u8, 0u8);
            for &b in part {
                let c = CLASS[b as usize];
                if first == 0 {
                    first = c;
                }
                flags |= c;
                s.push(b | (c & UPPER) << 5);
            }
            let span = (base + a, base + a + part.len());
            push_sub(s, subs, span, n0, first, flags, ti, true);
        }
        a += part.len() + 1;
    }
}

/// Closes one ASCII sub-token: original bytes `span`, normalised bytes
/// from `n0` to the end of `s`, letter classes `first` and `flags`.
#[allow(clippy::too_many_arguments)]
#[inline]
fn push_sub(
    s: &mut Vec<u8>,
    subs: &mut Vec<Sub>,
    span: (usize, usize),
    n0: usize,
    first: u8,
    flags: u8,
    ti: usize,
    word: bool,
) {
    let n1 = s.len();
    s.push(b' ');
    subs.push(ascii_sub(span, (n0, n1), first, flags, ti, word));
}

/// An ASCII sub-token (not `whole`) from its letter classes: `first`
/// of its first letter, `flags` of all its letters.
#[inline]
fn ascii_sub(
    span: (usize, usize),
    (n0, n1): (usize, usize),
    first: u8,
    flags: u8,
    ti: usize,
    word: bool,
) -> Sub {
    Sub {
        span: Span::new(span.0, span.1),
        n0: n0 as u32,
        n1: n1 as u32,
        initial: first == UPPER,
        caps: flags == UPPER,
        upper: flags & UPPER != 0,
        inner: false,
        word: word && flags != 0,
        whole: false,
        token: ti as u32,
    }
}

/// The sub-tokens of one token with non-ASCII text.
fn normalize_token(
    s: &mut Vec<u8>,
    subs: &mut Vec<Sub>,
    slice: &str,
    t: &Token,
    ti: usize,
) {
    let word = t.kind == TokenKind::Word;
    if !word && slice.chars().all(is_dash) {
        return;
    }
    let mut buf = [0u8; 4];
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
        let n0 = s.len();
        for c in part.chars() {
            if c.is_ascii() {
                s.push(c.to_ascii_lowercase() as u8);
            } else {
                let f = crate::text::normalize(c.encode_utf8(&mut buf));
                s.extend_from_slice(f.as_bytes());
            }
        }
        let initial = part
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase);
        let caps = part.chars().any(char::is_uppercase)
            && !part.chars().any(char::is_lowercase);
        let letters = part.chars().any(char::is_alphabetic);
        let n1 = s.len();
        s.push(b' ');
        let start = t.span.start as usize + a;
        subs.push(Sub {
            span: Span::new(start, start + part.len()),
            n0: n0 as u32,
            n1: n1 as u32,
            initial,
            caps,
            upper: part.chars().any(char::is_uppercase),
            inner: false,
            word: word && letters,
            whole: false,
            token: ti as u32,
        });
    }
}

/// Normalises one dictionary phrase; returns the pattern (with its
/// trailing space) and the case requirement of each sub-token.
fn phrase_pattern(phrase: &str, lex: &Lexicon) -> (String, Vec<CaseReq>) {
    // Most phrases are plain words ("Foreign Ministry"): read without the
    // tokeniser (start-up ran it over ~23k phrases); the result is the
    // same (`plain_phrases_as_the_tokeniser_reads_them`).
    plain_pattern(phrase).unwrap_or_else(|| tokenized_pattern(phrase, lex))
}

/// [`phrase_pattern`] of a phrase of ASCII letters in words separated by
/// single spaces or hyphens ("al-Qaeda": the text layer's words split at
/// a hyphen too); `None` for any other phrase.
fn plain_pattern(phrase: &str) -> Option<(String, Vec<CaseReq>)> {
    let b = phrase.as_bytes();
    let sep = |c: u8| c == b' ' || c == b'-';
    let plain = !b.is_empty()
        && b.iter().all(|&c| c.is_ascii_alphabetic() || sep(c))
        && !sep(b[0])
        && !sep(b[b.len() - 1])
        && !b.windows(2).any(|w| sep(w[0]) && sep(w[1]));
    if !plain {
        return None;
    }
    let mut pat = String::with_capacity(phrase.len() + 1);
    let mut case = Vec::with_capacity(4);
    for w in phrase.split([' ', '-']) {
        let wb = w.as_bytes();
        let lower = wb.iter().any(u8::is_ascii_lowercase);
        let initial = wb[0].is_ascii_uppercase();
        let inner = wb[1..].iter().any(u8::is_ascii_uppercase);
        case.push(if !lower && wb.len() >= 2 {
            CaseReq::AllCaps
        } else if initial && lower && inner && wb.len() <= 5 {
            CaseReq::Mixed
        } else if initial {
            CaseReq::Initial
        } else {
            CaseReq::Any
        });
        pat.extend(wb.iter().map(|c| char::from(c.to_ascii_lowercase())));
        pat.push(' ');
    }
    Some((pat, case))
}

/// [`phrase_pattern`] through the tokeniser and the text's normalisation.
fn tokenized_pattern(phrase: &str, lex: &Lexicon) -> (String, Vec<CaseReq>) {
    let tokens = crate::text::tokenize_with(phrase, lex);
    let n = normalize_tokens(phrase, &tokens);
    let case = n
        .subs
        .iter()
        .map(|s| {
            let orig = s.span.slice(phrase);
            let letters = orig.chars().filter(|c| c.is_alphabetic()).count();
            let lower = orig.chars().any(char::is_lowercase);
            let inner = orig.chars().skip(1).any(char::is_uppercase);
            if s.caps && letters >= 2 {
                CaseReq::AllCaps
            } else if s.initial && lower && inner && letters <= 5 {
                CaseReq::Mixed
            } else if s.initial {
                CaseReq::Initial
            } else {
                CaseReq::Any
            }
        })
        .collect();
    (n.joined(), case)
}

/// A matched phrase: sub-tokens `a..b` and the chosen entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub a: u32,
    pub b: u32,
    pub entry: u32,
    /// The phrase (index into the candidates), for other readings.
    pub pattern: u32,
}

/// The compiled gazetteer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Gazetteer {
    trie: Trie,
    cands: Vec<Vec<Cand>>,
    pub entries: Vec<Entry>,
}

impl Gazetteer {
    /// Compiles the actors and agents of `dicts`.
    pub fn new(dicts: &Dictionaries) -> crate::error::Result<Gazetteer> {
        let mut entries = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut cands: Vec<Vec<Cand>> = Vec::new();
        let mut index: FastMap<String, usize> = FastMap::default();
        let lex = Lexicon::builtin();
        let mut add = |phrase: &str, entry: Entry| {
            let (pat, case) = phrase_pattern(phrase, &lex);
            if pat.is_empty() {
                return;
            }
            let id = entries.len() as u32;
            entries.push(entry);
            // Looked up before inserting: a pattern seen before (a name
            // in several files) costs no copy.
            let p = match index.get(pat.as_str()) {
                Some(&p) => p,
                None => {
                    index.insert(pat.clone(), patterns.len());
                    patterns.push(pat);
                    cands.push(Vec::new());
                    patterns.len() - 1
                }
            };
            cands[p].push(Cand { entry: id, case: case.into() });
        };
        // Entries come file by file: look each file's kind up once.
        let mut file_names: Option<(&std::sync::Arc<str>, Names)> = None;
        for a in &dicts.actors {
            let names = match file_names {
                Some((f, n)) if std::sync::Arc::ptr_eq(f, &a.origin.file) => n,
                _ => {
                    let n = dicts.names_of(&a.origin.file);
                    file_names = Some((&a.origin.file, n));
                    n
                }
            };
            let code = a.code.trim().to_ascii_uppercase();
            let kind = if ActorCode::from(code.as_str()).lacks_country() {
                Kind::Role
            } else {
                Kind::Actor
            };
            add(
                &a.phrase,
                Entry {
                    code,
                    kind,
                    from: a.from,
                    to: a.to,
                    name: a.name.clone(),
                    origin: a.origin.label(),
                    person: names == Names::Persons,
                    names,
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
                    origin: g.origin.label(),
                    person: false,
                    names: Names::Bodies,
                    norm: String::new(),
                },
            );
        }
        for (p, cs) in patterns.iter().zip(&cands) {
            for c in cs {
                entries[c.entry as usize].norm = p.trim_end().to_string();
            }
        }
        let trie = Trie::new(&patterns);
        Ok(Gazetteer { trie, cands, entries })
    }

    /// Every leftmost-longest phrase in `norm` valid on `date`: at each
    /// sub-token (left to right), the longest phrase starting there whose
    /// case and dates fit, else the next shorter one; after a hit the
    /// scan resumes at its end.
    pub fn scan(&self, norm: &Norm<'_>, date: Date) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut ends: Vec<(usize, u32)> = Vec::new();
        let mut i = 0;
        while i < norm.subs.len() {
            // Most words start no phrase: rejected here, without a call.
            let node = self.trie.start(norm.word(i));
            if node == NONE {
                i += 1;
                continue;
            }
            match self.longest_from_node(norm, i, node, date, &mut ends) {
                Some(hit) => {
                    i = hit.b as usize;
                    out.push(hit);
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
        self.longest_from(norm, i, date, &mut Vec::new())
    }

    /// The longest phrase from sub-token `i` whose case and date
    /// restrictions hold. `ends` is scratch space: the phrase ends
    /// reachable from `i`, (end, pattern), shortest first.
    #[inline]
    fn longest_from(
        &self,
        norm: &Norm,
        i: usize,
        date: Date,
        ends: &mut Vec<(usize, u32)>,
    ) -> Option<Hit> {
        if i >= norm.subs.len() {
            return None;
        }
        match self.trie.start(norm.word(i)) {
            NONE => None,
            node => self.longest_from_node(norm, i, node, date, ends),
        }
    }

    /// [`Gazetteer::longest_from`] given the root's child `node` by the
    /// word at `i`.
    fn longest_from_node(
        &self,
        norm: &Norm,
        i: usize,
        mut node: u32,
        date: Date,
        ends: &mut Vec<(usize, u32)>,
    ) -> Option<Hit> {
        let subs = &norm.subs;
        ends.clear();
        let mut j = i + 1;
        loop {
            let p = self.trie.pattern.get(node as usize).copied();
            if let Some(p) = p.filter(|&p| p != NONE) {
                ends.push((j, p));
            }
            if j >= subs.len() {
                break;
            }
            node = self.trie.step(node, norm.word(j));
            if node == NONE {
                break;
            }
            j += 1;
        }
        ends.iter().rev().find_map(|&(j, p)| {
            self.pick(p as usize, norm, i..j, date).map(|e| Hit {
                a: i as u32,
                b: j as u32,
                entry: e,
                pattern: p,
            })
        })
    }

    /// The first candidate of `pattern` whose case and dates fit the
    /// sub-tokens `at` of `all`. A capitalised dictionary word
    /// ([`CaseReq::Initial`]) also accepts, for a named actor, a word
    /// with odd inner casing ("iSrael": a typo of the capitalised name,
    /// not an acronym) and, for a person, a lower-case word right after
    /// a title ("President obama": the title is evidence enough).
    fn pick(
        &self,
        pattern: usize,
        norm: &Norm,
        at: std::ops::Range<usize>,
        date: Date,
    ) -> Option<u32> {
        self.fitting(pattern, norm, at.clone(), Some(date))
            .next()
            .or_else(|| self.out_of_date(pattern, norm, at, date))
    }

    /// For a name no entry covers on `date` because its time is over,
    /// the entry that ended last, when every entry of the name is a
    /// defunct IGO's full name of one code: "the European Community"
    /// after 1993 is still that IGO (a text looks back, or its date is
    /// missing or wrong). Not an abbreviation ("EC" is an electoral
    /// commission in later news) and not a person: a former leader's
    /// name out of its time is someone else or a namesake ("Carter
    /// Hawley", a hospital named after a late president), and a name
    /// before its time no office holder yet (Donald Trump in 1987).
    fn out_of_date(
        &self,
        pattern: usize,
        norm: &Norm,
        at: std::ops::Range<usize>,
        date: Date,
    ) -> Option<u32> {
        if let Some(e) =
            self.holder_government(pattern, norm, at.clone(), date)
        {
            return Some(e);
        }
        if at.len() < 2 {
            return None;
        }
        let all: Vec<u32> = self.fitting(pattern, norm, at, None).collect();
        let first = all.first().and_then(|&e| self.entries.get(e as usize))?;
        let defunct = |e: &Entry| {
            !e.person
                && e.code.starts_with("IGO")
                && e.code == first.code
                && e.to.is_some_and(|t| date > t)
        };
        if !all
            .iter()
            .all(|&e| self.entries.get(e as usize).is_some_and(defunct))
        {
            return None;
        }
        all.into_iter().min_by_key(|&e| self.days_from(e, date))
    }

    /// For an office holder's name no entry covers on `date`, right
    /// before a government noun ("the Bush administration declared" on a
    /// date between the two Bushes' terms): the holder's entry nearest in
    /// time, when every entry of the name is a person of one country and
    /// one of them began by `date` (not "the Trump administration" in
    /// 1987, a name before its time).
    fn holder_government(
        &self,
        pattern: usize,
        norm: &Norm,
        at: std::ops::Range<usize>,
        date: Date,
    ) -> Option<u32> {
        let next = norm.word(at.end).to_ascii_lowercase();
        if !GOVERNMENT_NOUNS.contains(next.as_str()) {
            return None;
        }
        let all: Vec<u32> = self.fitting(pattern, norm, at, None).collect();
        let country = |e: u32| {
            self.entries.get(e as usize).and_then(|e| {
                ActorCode::from(e.code.as_str())
                    .country_slot()
                    .map(str::to_string)
            })
        };
        let first = country(*all.first()?)?;
        let one_holder = all.iter().all(|&e| {
            self.entries.get(e as usize).is_some_and(|x| x.person)
                && country(e).as_deref() == Some(first.as_str())
        });
        let begun = all.iter().any(|&e| {
            self.entries
                .get(e as usize)
                .is_some_and(|x| !matches!(x.from, Some(f) if f > date))
        });
        if !one_holder || !begun {
            return None;
        }
        all.into_iter().min_by_key(|&e| self.days_from(e, date))
    }

    /// How many days `date` lies outside entry `e`'s dates.
    fn days_from(&self, e: u32, date: Date) -> i64 {
        let Some(e) = self.entries.get(e as usize) else { return i64::MAX };
        let before = e.from.map_or(0, |f| (f - date).num_days().max(0));
        let after = e.to.map_or(0, |t| (date - t).num_days().max(0));
        before.max(after)
    }

    /// Every candidate of `pattern` whose case and dates (`None`: any
    /// date) fit the sub-tokens `at` (see [`Gazetteer::pick`]), in file
    /// order.
    fn fitting<'s>(
        &'s self,
        pattern: usize,
        norm: &'s Norm,
        at: std::ops::Range<usize>,
        date: Option<Date>,
    ) -> impl Iterator<Item = u32> + 's {
        let cands = self.cands.get(pattern).map_or(&[][..], Vec::as_slice);
        let subs = norm.subs.get(at.clone()).unwrap_or(&[]);
        let (at_start, at_end) = (at.start, at.end);
        let titled = move || {
            let k = at_start.wrapping_sub(1);
            norm.subs.get(k).is_some_and(|t| t.word)
                && self.is_title(norm.word(k))
        };
        // "tunisian rioters": a role word right after.
        let role_after = move || {
            norm.subs.get(at_end).is_some_and(|t| t.word)
                && self.is_title(norm.word(at_end))
        };
        // A country's one-word adjective ("tunisian"), not its name.
        let demonym = |e: &Entry| {
            let n = e.norm.as_str();
            e.kind == Kind::Actor
                && subs.len() == 1
                && e.name
                    .as_deref()
                    .is_some_and(|m| super::adjective_form(n, m))
        };
        cands
            .iter()
            .filter(move |c| {
                let e = &self.entries[c.entry as usize];
                !subs.is_empty()
                    && c.case.len() == subs.len()
                    && c.case.iter().zip(subs).all(|(r, s)| match r {
                        CaseReq::Any => true,
                        CaseReq::Initial => {
                            s.initial
                                || !s.word
                                || (e.kind == Kind::Actor
                                    && s.upper
                                    && !s.caps)
                                || (e.person && !s.upper && titled())
                                || (!s.upper && role_after() && demonym(e))
                        }
                        CaseReq::AllCaps => s.caps,
                        CaseReq::Mixed => s.inner,
                    })
                    && date.map_or(true, |d| e.valid_on(d))
            })
            .map(|c| c.entry)
    }

    /// Whether `hit` has readings of more than one country (a name that
    /// recurs across countries: "PDP", "Georgia", "Congo").
    pub fn ambiguous(&self, norm: &Norm, hit: &Hit, date: Date) -> bool {
        let mut countries = self
            .fitting(
                hit.pattern as usize,
                norm,
                hit.a as usize..hit.b as usize,
                Some(date),
            )
            .map(|e| self.country_of(e));
        let first = countries.next();
        countries.any(|c| c != first.flatten())
    }

    /// The country of entry `e`, if it names one.
    pub fn country_of(&self, e: u32) -> Option<&str> {
        let e = self.entries.get(e as usize)?;
        if e.kind != Kind::Actor {
            return None;
        }
        e.code.get(..3).filter(|c| *c != "---")
    }

    /// Picks, for each ambiguous hit, the reading whose country `rank`
    /// puts first (the story's ranking, `Story::rank`: 0 = the story's own
    /// country); the first reading (the dictionary's default) where `rank`
    /// knows none of them. A function, not the story, so that the story
    /// (built from these hits) stays above the gazetteer.
    pub fn disambiguate(
        &self,
        norm: &Norm,
        hits: &mut [Hit],
        date: Date,
        rank: impl Fn(&str) -> Option<usize>,
    ) {
        for h in hits.iter_mut() {
            if !self.ambiguous(norm, h, date) {
                continue;
            }
            let at = h.a as usize..h.b as usize;
            let best = self
                .fitting(h.pattern as usize, norm, at, Some(date))
                .filter_map(|e| Some((rank(self.country_of(e)?)?, e)))
                .min_by_key(|&(r, _)| r);
            if let Some((_, e)) = best {
                h.entry = e;
            }
        }
    }

    /// Whether `word` (normalised) is a role word that names an office
    /// holder's title on its own ("president", "minister", "senator").
    fn is_title(&self, word: &str) -> bool {
        let node = self.trie.start(word);
        let Some(&p) = self.trie.pattern.get(node as usize) else {
            return false;
        };
        self.cands.get(p as usize).is_some_and(|cs| {
            cs.iter().any(|c| {
                self.entries[c.entry as usize].kind
                    == Kind::Agent(AgentPlacement::Suffix)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start-up shortcut for plain phrases gives what the tokeniser
    /// gives, for every built-in phrase it takes and for hand-made ones
    /// of every case class.
    #[test]
    fn plain_phrases_as_the_tokeniser_reads_them() {
        let lex = Lexicon::builtin();
        let dicts = crate::dict::builtin_actors().expect("built-in actors");
        let own = [
            "JeM",
            "USA",
            "A",
            "a",
            "Foreign Ministry",
            "de Gaulle",
            "al-Qaeda",
            "Al-Shabaab",
            "anti-balaka",
            "PDI-P",
        ];
        let phrases = dicts
            .actors
            .iter()
            .map(|a| a.phrase.as_str())
            .chain(dicts.agents.iter().map(|g| g.phrase.as_str()))
            .chain(own);
        let mut plain = 0;
        for p in phrases {
            if let Some(fast) = plain_pattern(p) {
                plain += 1;
                assert_eq!(fast, tokenized_pattern(p, &lex), "{p:?}");
            }
        }
        assert!(plain > 10_000, "{plain} plain phrases");
        // Entry labels as `Display` writes them.
        for a in &dicts.actors {
            assert_eq!(a.origin.label(), a.origin.to_string());
        }
        for line in [0, 7, 10, 99_999, u32::MAX] {
            let o = crate::dict::Origin { file: "f.tsv".into(), line };
            assert_eq!(o.label(), o.to_string());
        }
        for p in ["U.S.", "Côte d'Ivoire", " x", "a  b", "a -b", "x-", ""] {
            assert_eq!(plain_pattern(p), None, "{p:?}");
        }
    }
}
