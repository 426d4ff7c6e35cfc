//! TABARI/PETRARCH verb dictionaries: synsets, verb families, patterns.
//!
//! ```text
//! &TIES                       synset: `+` member lines follow
//! +DIPLOMATIC_RELATIONS
//! +&OTHERSET                  members of another synset
//! --- RESTORE [064] ---       family header with its default code
//! RESTORE                     verb (lemma); `{...}` lists irregular forms
//! WIRE_+TAP {WIRE_+TAPPED}    multi-word verb, `+` marks the head word
//! - $ * &TIES WITH + [064]    pattern: `*` verb, `$` source, `+` target
//! - * IN_^ + [:031]           `_` glues words, `^` skips, `%` compound
//! ```
//!
//! Each pattern becomes one [`VerbPattern`] per verb (and per irregular
//! form the engine's lemmas would not find) of its family; each verb also
//! gets a bare pattern with its (or its family's) default code unless that
//! code is `---`. Words separated by spaces may have other words between
//! them (TABARI matches within the clause), so a space becomes
//! [`Elem::Skip`], as `^` does; words joined by `_` must be adjacent, so a
//! glued run becomes one element matched contiguously: a multi-word
//! [`Elem::Word`], or, when it holds a synset (`NEW_&TIES_TALKS`), a
//! synset of its own whose members are the run's expansions.
//! `(...)`/`{...}` groupings of PETRARCH-2 dictionaries are flattened into
//! their words. Codes are kept verbatim:
//! `[---]` becomes the empty code (a pattern that blocks coding), and
//! `[A:B]` (A for source->target, B for the reverse) stays `A:B`.

use std::collections::HashMap;

use super::{normalize_phrase, plural, Sink};
use crate::codes::PatternCode;
use crate::dict::{Elem, VerbPattern};
use crate::text::Lexicon;

/// Synset name -> (defining line, raw members with their lines).
type RawSynsets = HashMap<String, (u32, Vec<(u32, String)>)>;

/// One verb line of a family.
struct Verb {
    /// Trigger variants: the lemma's words, then irregular forms.
    triggers: Vec<Vec<String>>,
    /// Own code (`None` = the family's; a discard = null).
    code: Option<PatternCode>,
    line: u32,
}

/// One `-` pattern line.
struct Pattern {
    before: Vec<Elem>,
    after: Vec<Elem>,
    code: Option<PatternCode>,
    /// Glued runs with synsets, to expand once all synsets are known.
    compounds: Vec<Compound>,
    line: u32,
}

#[derive(Default)]
struct Family {
    code: PatternCode,
    verbs: Vec<Verb>,
    patterns: Vec<Pattern>,
}

enum Mode {
    Start,
    Synset(String),
    Family,
}

pub(super) fn parse(text: &str, sink: &mut Sink) {
    let mut r = Reader {
        mode: Mode::Start,
        family: None,
        synsets: HashMap::new(),
        synset_order: Vec::new(),
        compounds: HashMap::new(),
        used: Vec::new(),
    };
    for (n, line) in super::content_lines(text, false) {
        if line.is_empty() {
            continue;
        }
        if line.starts_with("---") {
            r.header_line(n, line, sink);
        } else if let Some(name) = line.strip_prefix('&') {
            r.synset_line(n, line, name, sink);
        } else if line.starts_with('~') {
            sink.warn(
                n,
                "PETRARCH-2 transformation rule ('~') not supported; skipped",
            );
        } else if let Some(rest) = line.strip_prefix('-') {
            r.pattern_line(n, rest, sink);
        } else {
            r.member_or_verb(n, line, sink);
        }
    }
    r.finish(sink);
}

/// The state of a verb file being read.
struct Reader {
    mode: Mode,
    family: Option<Family>,
    synsets: RawSynsets,
    synset_order: Vec<String>,
    compounds: HashMap<String, (u32, Vec<Part>)>,
    /// Synsets the patterns name, with the line naming them.
    used: Vec<(u32, String)>,
}

impl Reader {
    /// `--- NAME [CODE] ---`: a new verb family.
    fn header_line(&mut self, n: u32, line: &str, sink: &mut Sink) {
        if let Some(f) = self.family.take() {
            emit(f, sink);
        }
        match header(line) {
            Ok((code, warn)) => {
                if let Some(w) = warn {
                    sink.warn(n, w);
                }
                self.family = Some(Family { code, ..Family::default() });
                self.mode = Mode::Family;
            }
            Err(reason) => {
                sink.error(n, reason);
                self.mode = Mode::Start;
            }
        }
    }

    /// `&NAME`: a synset's definition starts.
    fn synset_line(
        &mut self,
        n: u32,
        line: &str,
        name: &str,
        sink: &mut Sink,
    ) {
        let name = name.trim().to_string();
        if name.is_empty() || name.contains(char::is_whitespace) {
            sink.error(n, format!("bad synset name {line:?}"));
            self.mode = Mode::Start;
            return;
        }
        if self.synsets.contains_key(&name) {
            sink.warn(n, format!("synset &{name} defined again; merged"));
        } else {
            self.synset_order.push(name.clone());
        }
        self.synsets.entry(name.clone()).or_insert((n, Vec::new()));
        self.mode = Mode::Synset(name);
    }

    /// `- PATTERN [CODE]`: a pattern of the current family.
    fn pattern_line(&mut self, n: u32, rest: &str, sink: &mut Sink) {
        if let Mode::Synset(_) = self.mode {
            self.mode =
                if self.family.is_some() { Mode::Family } else { Mode::Start };
        }
        let Some(f) = self.family.as_mut() else {
            sink.error(n, "pattern line outside a verb family");
            return;
        };
        match pattern(rest, &sink.lex) {
            Ok(p) => {
                for e in p.before.iter().chain(&p.after) {
                    if let Elem::Synset(s) = e {
                        self.used.push((n, s.clone()));
                    }
                }
                for (name, parts) in &p.compounds {
                    self.compounds
                        .entry(name.clone())
                        .or_insert_with(|| (n, parts.clone()));
                }
                f.patterns.push(Pattern { line: n, ..p });
            }
            // A pattern without a usable verb position is skipped with a
            // warning (the real CAMEO files have a few); unreadable
            // brackets and codes are errors.
            Err(reason) if reason.starts_with("pattern") => {
                sink.warn(n, format!("{reason}; skipped"))
            }
            Err(reason) => sink.error(n, reason),
        }
    }

    /// A `+MEMBER` of the current synset, or a verb line of the current
    /// family.
    fn member_or_verb(&mut self, n: u32, line: &str, sink: &mut Sink) {
        if let Mode::Synset(name) = &self.mode {
            if let Some(member) = line.strip_prefix('+') {
                let member = member.trim();
                if member.is_empty() || member.contains('[') {
                    sink.error(n, format!("bad synset member {line:?}"));
                } else if let Some(s) = self.synsets.get_mut(name) {
                    s.1.push((n, member.to_string()));
                }
                return;
            }
            self.mode =
                if self.family.is_some() { Mode::Family } else { Mode::Start };
        }
        match (&self.mode, self.family.as_mut()) {
            (Mode::Family, Some(f)) => {
                match verb(dangling(line, n, sink), &sink.lex) {
                    Ok(v) => f.verbs.push(Verb { line: n, ..v }),
                    Err(reason) => sink.error(n, reason),
                }
            }
            _ => sink.error(
                n,
                format!("line {line:?} outside a verb family or synset"),
            ),
        }
    }

    /// The last family, then synsets and compounds resolved, glued synset
    /// names repaired and unknown synsets reported.
    fn finish(mut self, sink: &mut Sink) {
        if let Some(f) = self.family.take() {
            emit(f, sink);
        }
        let (synsets, compounds) = (&self.synsets, &self.compounds);
        resolve_synsets(synsets, &self.synset_order, sink);
        expand_compounds(compounds, sink);
        // `&NAME_` in a pattern reads as `&NAME` + `_` (glue); the set is
        // named `NAME_` (a trailing `_` marks verb and function-word sets).
        let glued = |name: &str| {
            let alt = format!("{name}_");
            (!synsets.contains_key(name) && synsets.contains_key(&alt))
                .then_some(alt)
        };
        for p in sink.dicts.verbs.iter_mut() {
            for e in p.before.iter_mut().chain(p.after.iter_mut()) {
                if let Elem::Synset(name) = e {
                    if let Some(alt) = glued(name) {
                        *name = alt;
                    }
                }
            }
        }
        for (n, name) in &self.used {
            if !synsets.contains_key(name)
                && glued(name).is_none()
                && !compounds.contains_key(name)
            {
                sink.warn(*n, format!("unknown synset &{name}"));
            }
        }
    }
}

/// `--- NAME [CODE] ---` -> the code (null for `---`) and a warning, if
/// any (several codes: the first is used; no `[code]`, as in the real
/// `--- DEFEND ###`: the family gets the null code).
fn header(line: &str) -> Result<(PatternCode, Option<String>), String> {
    let inner = line.trim_start_matches('-').trim_end_matches('-').trim();
    let b = super::split_codes(inner);
    if b.unclosed {
        return Err(format!("unclosed '[' in family header {line:?}"));
    }
    if b.head.is_empty() {
        return Err(format!("family header {line:?} has no name"));
    }
    let Some(first) = b.codes.first() else {
        let w = "family header has no [code]; using the null code";
        return Ok((PatternCode::default(), Some(w.to_string())));
    };
    let warn = (b.codes.len() > 1).then(|| {
        "family header has several codes; using the first".to_string()
    });
    Ok((code(first)?, warn))
}

/// A code as written (`---` is the null code that blocks coding).
fn code(raw: &str) -> Result<PatternCode, String> {
    let c = raw.trim();
    // Codes are kept verbatim, including the odd `025?` or `080!` of
    // the real files and the legacy `###`/`+++` markers.
    if c.is_empty() || c.contains(char::is_whitespace) {
        return Err(format!("bad event code [{raw}]"));
    }
    c.parse().map_err(|e| format!("bad event code [{raw}]: {e}"))
}

/// Words of a verb (`WIRE_+TAP` -> ["wire", "tap"]).
fn verb_words(raw: &str, lex: &Lexicon) -> Vec<String> {
    let cleaned = raw.replace('+', " ");
    let p = normalize_phrase(&cleaned, lex);
    p.split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Drops a dangling, empty `[` at the end of a verb line (a typo in
/// the real CAMEO file) with a warning.
fn dangling<'a>(line: &'a str, n: u32, sink: &mut Sink) -> &'a str {
    match line.rfind('[') {
        Some(i) if line[i + 1..].trim().is_empty() => {
            sink.warn(n, "empty unclosed '[' ignored");
            line[..i].trim_end()
        }
        _ => line,
    }
}

/// A verb line: `VERB {FORMS} [CODE]`.
fn verb(line: &str, lex: &Lexicon) -> Result<Verb, String> {
    let b = super::split_codes(line);
    if b.unclosed {
        return Err(format!("unclosed '[' in {line:?}"));
    }
    let own = match b.codes.first() {
        Some(c) => Some(code(c)?),
        None => None,
    };
    let (head, forms) = match b.head.split_once('{') {
        Some((h, rest)) => match rest.split_once('}') {
            // Forms are separated by spaces, sometimes by commas.
            Some((inside, _)) => (
                h,
                inside
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|f| !f.is_empty())
                    .collect(),
            ),
            None => return Err(format!("unclosed '{{' in {line:?}")),
        },
        None => (b.head, Vec::new()),
    };
    let lemma = verb_words(head, lex);
    if lemma.is_empty() {
        return Err(format!("verb line {line:?} has no verb"));
    }
    let mut triggers = vec![lemma.clone()];
    for f in forms {
        let words = verb_words(f, lex);
        let wordless =
            words.iter().any(|w| !w.chars().any(char::is_alphanumeric));
        if words.is_empty() || wordless || triggers.contains(&words) {
            continue;
        }
        // Regular inflections are the engine's job; only irregular
        // forms need triggers of their own.
        let regular = words.len() == lemma.len()
            && words
                .iter()
                .zip(&lemma)
                .all(|(w, l)| w == l || is_regular(l, w));
        if !regular {
            triggers.push(words);
        }
    }
    Ok(Verb { triggers, code: own, line: 0 })
}

/// True when `form` is a regular English inflection of `lemma`
/// (-s, -es, -ies, -ed, -d, -ied, -ing, e-dropping -ing, doubled final
/// consonant before -ed/-ing).
fn is_regular(lemma: &str, form: &str) -> bool {
    let Some(rest) = form.strip_prefix(lemma) else {
        // lemma ending in e or y changes before the suffix
        let stem = lemma.trim_end_matches(['e', 'y']);
        if stem.len() + 1 != lemma.len() {
            return false;
        }
        let Some(rest) = form.strip_prefix(stem) else {
            return false;
        };
        return matches!(rest, "ing" | "ies" | "ied");
    };
    if matches!(rest, "s" | "es" | "ed" | "d" | "ing") {
        return true;
    }
    // Doubled consonant: ban -> banned, banning.
    let last = lemma.chars().last();
    let mut r = rest.chars();
    r.next() == last && matches!(r.as_str(), "ed" | "ing")
}

/// One pattern atom.
#[derive(Debug, PartialEq)]
enum Atom {
    Verb,
    Elem(Elem),
    /// A space: other words may come between its neighbours.
    Gap,
}

/// Part of a `_`-glued run of words and synsets.
#[derive(Clone, Debug, PartialEq)]
enum Part {
    Word(String),
    Set(String),
}

/// A glued run that contains a synset (`NEW_&TIES_TALKS`): it becomes a
/// synset of its own, named after the run, whose members are the
/// expansions ("new diplomatic relation talks", ...), because synset
/// members are matched as contiguous words.
type Compound = (String, Vec<Part>);

/// Turns a glued run into one element: adjacent words become one
/// multi-word [`Elem::Word`] (matched contiguously), a run with synsets a
/// [`Compound`].
fn flush_run(
    run: &mut Vec<Part>,
    out: &mut Vec<Atom>,
    compounds: &mut Vec<Compound>,
) {
    if run.is_empty() {
        return;
    }
    let parts = std::mem::take(run);
    let elem = match parts.as_slice() {
        [Part::Set(name)] => Elem::Synset(name.clone()),
        _ if parts.iter().all(|p| matches!(p, Part::Word(_))) => {
            let words: Vec<&str> = parts
                .iter()
                .filter_map(|p| match p {
                    Part::Word(w) => Some(w.as_str()),
                    Part::Set(_) => None,
                })
                .collect();
            Elem::Word(words.join(" "))
        }
        _ => {
            let name: Vec<String> = parts
                .iter()
                .map(|p| match p {
                    Part::Word(w) => w.replace(' ', "_"),
                    Part::Set(n) => format!("&{n}"),
                })
                .collect();
            let name = name.join("_");
            compounds.push((name.clone(), parts));
            Elem::Synset(name)
        }
    };
    out.push(Atom::Elem(elem));
}

/// Whether a space in a pattern becomes an explicit [`Elem::Skip`].
const WIDE_GAPS: bool = true;

/// A `-` pattern line (without the `-`).
fn pattern(rest: &str, lex: &Lexicon) -> Result<Pattern, String> {
    let b = super::split_codes(rest);
    if b.unclosed {
        return Err(format!("unclosed '[' in pattern {rest:?}"));
    }
    let code = match b.codes.last() {
        Some(c) => Some(code(c)?),
        None => None,
    };
    let body: String = b
        .head
        .chars()
        .map(|c| if matches!(c, '(' | ')' | '{' | '}') { ' ' } else { c })
        .collect();
    let mut atoms: Vec<Atom> = Vec::new();
    let mut compounds = Vec::new();
    let mut run: Vec<Part> = Vec::new();
    let mut glued = false;
    for chunk in body.split_whitespace() {
        for (i, part) in chunk.split('_').enumerate() {
            // `RECENTLY_*`, `*_OUT`: a word glued to the verb is next to
            // it.
            let after_verb = i > 0 && atoms.last() == Some(&Atom::Verb);
            if (i > 0 || glued) && part == "*"
                || after_verb && !part.is_empty()
            {
                flush_run(&mut run, &mut atoms, &mut compounds);
                atoms.push(Atom::Elem(Elem::Adjacent));
            }
            let special = match part {
                "" => continue,
                "*" => Some(Atom::Verb),
                "$" => Some(Atom::Elem(Elem::Source)),
                "+" => Some(Atom::Elem(Elem::Target)),
                // `%`: a compound actor on its side of the verb.
                "%" => Some(Atom::Elem(Elem::Compound)),
                "^" => Some(Atom::Elem(Elem::SkipPhrase)),
                _ => None,
            };
            if let Some(atom) = special {
                flush_run(&mut run, &mut atoms, &mut compounds);
                atoms.push(atom);
            } else if let Some(name) =
                part.strip_prefix('&').filter(|n| !n.is_empty())
            {
                run.push(Part::Set(name.to_string()));
            } else {
                let w = normalize_phrase(part, lex);
                if w.is_empty() {
                    return Err(format!("bad pattern word {part:?}"));
                }
                run.push(Part::Word(w));
            }
        }
        // `IN_ *`: a trailing `_` glues the run to the next chunk.
        glued = chunk.ends_with('_');
        if !glued {
            flush_run(&mut run, &mut atoms, &mut compounds);
            atoms.push(Atom::Gap);
        }
    }
    flush_run(&mut run, &mut atoms, &mut compounds);
    let verbs = atoms.iter().filter(|a| **a == Atom::Verb).count();
    if verbs != 1 {
        return Err(format!(
            "pattern needs exactly one '*' (verb position), found {verbs}"
        ));
    }
    let at = atoms.iter().position(|a| *a == Atom::Verb).unwrap_or(0);
    // A space lets other words in between (TABARI matches within the
    // clause); the engine's own gap between elements is short, so a space
    // becomes an explicit skip, as `^` does.
    let elems = |xs: &[Atom]| -> Vec<Elem> {
        let mut out = Vec::new();
        for atom in xs {
            match atom {
                Atom::Elem(e) => push(&mut out, e.clone()),
                Atom::Gap if WIDE_GAPS => push(&mut out, Elem::Skip),
                _ => {}
            }
        }
        out
    };
    let mut before = elems(&atoms[..at]);
    let mut after = elems(&atoms[at + 1..]);
    if before.first() == Some(&Elem::Skip) {
        before.remove(0);
    }
    if after.last() == Some(&Elem::Skip) {
        after.pop();
    }
    if before.is_empty() && after.is_empty() {
        return Err("pattern has nothing besides the verb".into());
    }
    Ok(Pattern { before, after, code, compounds, line: 0 })
}

/// Pushes `e`, never two skips in a row (a `^` among them wins).
fn push(v: &mut Vec<Elem>, e: Elem) {
    let skip = |e: &Elem| matches!(e, Elem::Skip | Elem::SkipPhrase);
    if skip(&e) {
        if let Some(last) = v.last_mut().filter(|l| skip(l)) {
            if e == Elem::SkipPhrase {
                *last = e;
            }
            return;
        }
    }
    v.push(e);
}

fn emit(f: Family, sink: &mut Sink) {
    for v in &f.verbs {
        let default = v.code.unwrap_or(f.code);
        for t in &v.triggers {
            if !default.is_discard() {
                sink.dicts.verbs.push(VerbPattern {
                    id: format!("{}:{}", sink.file, v.line),
                    cameo: default,
                    verb: t.clone(),
                    before: Vec::new(),
                    after: Vec::new(),
                    verbal: true,
                    cond: Default::default(),
                    origin: sink.origin(v.line),
                });
            }
            for p in &f.patterns {
                sink.dicts.verbs.push(VerbPattern {
                    id: format!("{}:{}", sink.file, p.line),
                    cameo: p.code.unwrap_or(default),
                    verb: t.clone(),
                    before: p.before.clone(),
                    after: p.after.clone(),
                    verbal: true,
                    cond: Default::default(),
                    origin: sink.origin(p.line),
                });
            }
        }
    }
}

/// Adds a synset for every glued run with synsets: the cartesian
/// product of its parts (capped, with a warning).
fn expand_compounds(
    compounds: &HashMap<String, (u32, Vec<Part>)>,
    sink: &mut Sink,
) {
    const CAP: usize = 20_000;
    let mut names: Vec<&String> = compounds.keys().collect();
    names.sort();
    for name in names {
        let (line, parts) = &compounds[name];
        let mut out = vec![String::new()];
        for p in parts {
            let alts: Vec<String> = match p {
                Part::Word(w) => vec![w.clone()],
                Part::Set(n) => {
                    let alt = format!("{n}_");
                    match sink
                        .dicts
                        .synsets
                        .get(n)
                        .or_else(|| sink.dicts.synsets.get(&alt))
                    {
                        Some(ms) => ms.clone(),
                        None => {
                            sink.warn(*line, format!("unknown synset &{n}"));
                            Vec::new()
                        }
                    }
                }
            };
            let mut next = Vec::with_capacity(out.len() * alts.len());
            for prefix in &out {
                for a in &alts {
                    if prefix.is_empty() {
                        next.push(a.clone());
                    } else {
                        next.push(format!("{prefix} {a}"));
                    }
                }
            }
            out = next;
            if out.len() > CAP {
                sink.warn(
                    *line,
                    format!("&{name} expands to too many phrases; cut"),
                );
                out.truncate(CAP);
            }
        }
        out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        out.dedup();
        sink.dicts.synsets.insert(name.clone(), out);
    }
}

/// Fills [`crate::dict::Dictionaries::synsets`], inlining nested `&SET`
/// members. Sets named with a trailing `_` are verbs/function words and
/// are taken as written; members of other sets also match their regular
/// plural unless they end in `_`.
fn resolve_synsets(raw: &RawSynsets, order: &[String], sink: &mut Sink) {
    fn members(
        name: &str,
        raw: &RawSynsets,
        lex: &Lexicon,
        stack: &mut Vec<String>,
        out: &mut Vec<String>,
        bad: &mut Vec<(u32, String)>,
    ) {
        let Some((_, list)) = raw.get(name) else { return };
        stack.push(name.to_string());
        let plurals = !name.ends_with('_');
        for (n, m) in list {
            if let Some(inner) = m.strip_prefix('&') {
                if stack.iter().any(|s| s == inner) {
                    bad.push((*n, format!("synset &{inner} includes itself")));
                } else if !raw.contains_key(inner) {
                    bad.push((*n, format!("unknown synset &{inner}")));
                } else {
                    members(inner, raw, lex, stack, out, bad);
                }
                continue;
            }
            let p = normalize_phrase(m, lex);
            if p.is_empty() {
                continue;
            }
            if plurals && !m.ends_with('_') {
                let pl = plural(&p);
                if !out.contains(&pl) {
                    out.push(pl);
                }
            }
            if !out.contains(&p) {
                out.push(p);
            }
        }
        stack.pop();
    }
    for name in order {
        let mut out = Vec::new();
        let mut bad = Vec::new();
        members(name, raw, &sink.lex, &mut Vec::new(), &mut out, &mut bad);
        for (n, reason) in bad {
            // Reported once, from the set that contains the reference.
            if raw
                .get(name)
                .is_some_and(|(_, l)| l.iter().any(|(m, _)| *m == n))
            {
                sink.warn(n, reason);
            }
        }
        if out.is_empty() {
            let line = raw.get(name).map_or(0, |(n, _)| *n);
            sink.warn(line, format!("synset &{name} has no members"));
        }
        // Longest first, so that a matcher trying members in order
        // prefers "swiss francs" over "francs".
        out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        sink.dicts.synsets.insert(name.clone(), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::tabari::{check, Kind};

    const VERBS: &str =
        include_str!("../../../../../testdata/tabari/verbs.txt");

    fn w(s: &str) -> Elem {
        Elem::Word(s.into())
    }

    fn syn(s: &str) -> Elem {
        Elem::Synset(s.into())
    }

    #[test]
    fn patterns() {
        let lex = Lexicon::builtin();
        use Elem::{Adjacent, Skip, SkipPhrase, Source, Target};
        let cases: Vec<(&str, Vec<Elem>, Vec<Elem>)> = vec![
            ("* EFFORT", vec![], vec![Skip, w("effort")]),
            ("$ * +", vec![Source, Skip], vec![Skip, Target]),
            ("IN_*", vec![w("in"), Adjacent], vec![]),
            ("IN_ *", vec![w("in"), Adjacent], vec![]),
            ("*_OUT", vec![], vec![Adjacent, w("out")]),
            (
                "SO IN_AND_*_OUT_AGAIN NOW",
                vec![w("so"), Skip, w("in and"), Adjacent],
                vec![Adjacent, w("out again"), Skip, w("now")],
            ),
            ("* NEW_&TIES_TALKS", vec![], vec![Skip, syn("new_&TIES_talks")]),
            (
                "* &TIES TALKS",
                vec![],
                vec![Skip, syn("TIES"), Skip, w("talks")],
            ),
            ("SUGGESTED_+ *", vec![w("suggested"), Target, Skip], vec![]),
            (
                "* IFTAR AT ^ ^ +",
                vec![],
                vec![Skip, w("iftar"), Skip, w("at"), SkipPhrase, Target],
            ),
            ("$ ^ FOR *", vec![Source, SkipPhrase, w("for"), Skip], vec![]),
            ("% *", vec![Elem::Compound, Skip], vec![]),
            ("* WITH %", vec![], vec![Skip, w("with"), Skip, Elem::Compound]),
            (
                "* (TO BORDER) {ARMS SHIPMENT}",
                vec![],
                vec![
                    Skip,
                    w("to"),
                    Skip,
                    w("border"),
                    Skip,
                    w("arms"),
                    Skip,
                    w("shipment"),
                ],
            ),
        ];
        for (input, before, after) in cases {
            let p = pattern(&format!(" {input} [010]"), &lex).unwrap();
            assert_eq!((p.before, p.after), (before, after), "{input}");
            assert_eq!(p.code.map(|c| c.to_string()).as_deref(), Some("010"));
        }
    }

    #[test]
    fn bad_patterns() {
        let lex = Lexicon::builtin();
        let cases = [
            (
                "EFFORT [010]",
                "pattern needs exactly one '*' (verb position), found 0",
            ),
            (
                "* * [010]",
                "pattern needs exactly one '*' (verb position), found 2",
            ),
            ("* X [0 1]", "bad event code [0 1]"),
            ("* [010]", "pattern has nothing besides the verb"),
        ];
        for (input, want) in cases {
            assert_eq!(
                pattern(input, &lex).err().as_deref(),
                Some(want),
                "{input}"
            );
        }
    }

    #[test]
    fn regular_forms() {
        let cases = [
            ("ban", "bans", true),
            ("ban", "banned", true),
            ("ban", "banning", true),
            ("hurry", "hurried", true),
            ("hurry", "hurries", true),
            ("agree", "agreed", true),
            ("agree", "agreeing", true),
            ("raise", "raising", true),
            ("break", "broke", false),
            ("break", "broken", false),
            ("speed", "sped", false),
        ];
        for (lemma, form, want) in cases {
            assert_eq!(is_regular(lemma, form), want, "{lemma} {form}");
        }
    }

    #[test]
    fn forms_separated_by_commas() {
        let lex = Lexicon::builtin();
        let cases = [
            ("SAY {SAYS , SAID}", vec![vec!["say"], vec!["said"]]),
            ("SAY {SAID,TOLD}", vec![vec!["say"], vec!["said"], vec!["told"]]),
            ("SAY {,}", vec![vec!["say"]]),
        ];
        for (line, want) in cases {
            let got = verb(line, &lex).unwrap().triggers;
            assert_eq!(got, want, "{line}");
        }
    }

    #[test]
    fn dictionary() {
        let c = check(Kind::Verbs, "verbs.txt", VERBS);
        assert_eq!(c.errors, vec![]);
        let got: Vec<String> = c
            .dicts
            .verbs
            .iter()
            .map(|p| {
                format!(
                    "{} {} [{}] {:?} {:?}",
                    p.origin,
                    p.verb.join("_"),
                    p.cameo,
                    p.before,
                    p.after
                )
            })
            .collect();
        let want = vec![
            "verbs.txt:14 restore [064] [] []",
            "verbs.txt:15 restore [064] [] [Skip, Synset(\"TIES\")]",
            "verbs.txt:16 restore [---] [] [Skip, Word(\"nothing\")]",
            "verbs.txt:17 restore [065:066] [Source, Skip] [Skip, Target]",
            "verbs.txt:19 wire_tap [172] [] []",
            "verbs.txt:22 break [161] [] [Skip, Word(\"relations\")]",
            "verbs.txt:23 break [162] [] [Skip, Synset(\"NOSUCH\")]",
            "verbs.txt:25 break [163] [] [Skip, Synset(\"new_&TIES\")]",
            "verbs.txt:22 broke [161] [] [Skip, Word(\"relations\")]",
            "verbs.txt:23 broke [162] [] [Skip, Synset(\"NOSUCH\")]",
            "verbs.txt:25 broke [163] [] [Skip, Synset(\"new_&TIES\")]",
            "verbs.txt:22 broken [161] [] [Skip, Word(\"relations\")]",
            "verbs.txt:23 broken [162] [] [Skip, Synset(\"NOSUCH\")]",
            "verbs.txt:25 broken [163] [] [Skip, Synset(\"new_&TIES\")]",
        ];
        let want: Vec<String> = want.into_iter().map(String::from).collect();
        assert_eq!(got, want);
        let ties = &c.dicts.synsets["TIES"];
        assert_eq!(
            ties,
            &vec![
                "diplomatic relations",
                "diplomatic relation",
                "mithril coins",
                "mithril coin",
                "links",
                "link",
            ]
        );
        assert_eq!(c.dicts.synsets["AUX_"], vec!["had", "was"]);
        assert_eq!(
            c.dicts.synsets["new_&TIES"],
            vec![
                "new diplomatic relations",
                "new diplomatic relation",
                "new mithril coins",
                "new mithril coin",
                "new links",
                "new link",
            ]
        );
        let w: Vec<_> = c.warnings.iter().map(|e| e.line).collect();
        assert_eq!(w, vec![24, 23]);
    }
}
