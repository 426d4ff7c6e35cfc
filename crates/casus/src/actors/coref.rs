//! Coreference: titles alone ("the prime minister", "the US President"),
//! subject pronouns at sentence and clause starts ("He emphasized", ", she
//! said", "they" for a group) and bare role words ("officials") resolved
//! against the article's persons, groups and its most salient country.

use std::collections::HashMap;

use super::learn::{Ctx, Group, Person, Pronoun};
use crate::codes::ActorCode;

/// Roles that a bare role word may take the salient country for.
const STATE_ROLES: &[&str] = &["GOV", "MIL", "COP", "SPY", "JUD", "LEG"];

/// Country codes that are not countries (international bodies).
const NOT_COUNTRIES: &[&str] = &["IGO", "NGO", "IMG", "MNC"];

/// The country whose state actors `groups` mention most (ties: first).
pub(crate) fn salient(groups: &[Group]) -> Option<String> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    // Count state actors ("Washington", "US officials"), not places.
    let state = groups.iter().filter(|g| {
        !g.locative && g.code.role().is_some_and(|r| STATE_ROLES.contains(&r))
    });
    for (i, g) in state.enumerate() {
        if let Some(c) = g.code.country() {
            if !NOT_COUNTRIES.contains(&c) {
                let e = counts.entry(c).or_insert((0, i));
                e.0 += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(c, _)| c.to_string())
}

/// Resolves titles and bare role words in place.
pub(crate) fn resolve(cx: &Ctx<'_>, groups: &mut [Group], persons: &[Person]) {
    let salient = salient(groups);
    let subs = &cx.norm.subs;
    for g in groups.iter_mut() {
        if g.name.is_some() {
            continue;
        }
        let Some(title) = g.title.clone() else { continue };
        let start = subs[g.a as usize].span.start;
        // A person with this title and a compatible code; the latest
        // defined before the mention, else the first after it.
        let compatible = |p: &&Person| {
            p.title == title
                && (g.bare
                    || g.code.country() == p.code.country()
                        && g.code.role() == p.code.role())
        };
        let before =
            persons.iter().filter(compatible).rfind(|p| p.def.start < start);
        let hit = before.or_else(|| persons.iter().find(compatible));
        if let Some(p) = hit {
            g.code = p.code.clone();
            g.name = Some(p.name.clone());
            g.entries.push(p.entry());
            g.person = true;
            g.bare = false;
            continue;
        }
        if g.bare {
            if let (Some(c), Some(r)) = (&salient, g.code.role()) {
                if STATE_ROLES.contains(&r) {
                    g.code = ActorCode::from_parts(c, r);
                    g.entries.push(format!("salient:{c}"));
                }
            }
        }
    }
}

/// Subject pronouns at the start of a sentence or clause ("He said",
/// ", she added", "and he met", `..." he said`) as mentions of the latest
/// person mentioned before them; a sentence-initial "they" of the first
/// organisation or group of people (the likely subject) of the nearest
/// sentence, up to two back, that has one.
pub(crate) fn pronouns(cx: &Ctx<'_>, groups: &[Group]) -> Vec<Group> {
    let subs = &cx.norm.subs;
    let mut out = Vec::new();
    // A handful of pronouns: a linear search beats hashing every word.
    let pros: Vec<(&str, Pronoun)> =
        cx.lex.pronouns.iter().map(|(w, k)| (w.as_str(), *k)).collect();
    let longest = pros.iter().map(|(w, _)| w.len()).max().unwrap_or(0);
    let shortest = pros.iter().map(|(w, _)| w.len()).min().unwrap_or(0);
    for (i, s) in subs.iter().enumerate() {
        if !(shortest..=longest).contains(&cx.norm.word_len(i)) {
            continue;
        }
        let w = cx.norm.word(i);
        let first = w.as_bytes().first();
        let Some(&(_, kind)) = pros
            .iter()
            .find(|(p, _)| p.as_bytes().first() == first && *p == w)
        else {
            continue;
        };
        // "they" only opens a sentence: after "warned that" it is as
        // often a thing ("the strikes") as a group.
        let ok = match kind {
            Pronoun::Person => clause_start(cx, i),
            Pronoun::Group => sentence_start(cx, i),
        };
        if !ok {
            continue;
        }
        let sent = cx.sent.get(i).copied().unwrap_or(0);
        let before = |g: &&Group| subs[g.a as usize].span.start < s.span.start;
        let latest = match kind {
            Pronoun::Person => groups
                .iter()
                .filter(before)
                .rfind(|g| g.person && g.name.is_some()),
            Pronoun::Group => {
                // The first group (the likely subject) of the nearest
                // sentence that has one.
                let sent_of = |g: &Group| {
                    cx.sent.get(g.a as usize).copied().unwrap_or(0)
                };
                let cands: Vec<&Group> = groups
                    .iter()
                    .filter(before)
                    .filter(|g| {
                        !g.person
                            && !g.locative
                            && g.code.country().is_some()
                            && sent_of(g) + 2 >= sent
                    })
                    .collect();
                let near = cands.iter().map(|g| sent_of(g)).max();
                cands.into_iter().find(|g| Some(sent_of(g)) == near)
            }
        };
        if let Some(g) = latest {
            out.push(Group {
                a: i as u32,
                b: i as u32 + 1,
                code: g.code.clone(),
                name: g.name.clone(),
                entries: g.entries.clone(),
                person: g.person,
                title: None,
                bare: false,
                locative: false,
            });
        }
    }
    out
}

/// Whether only punctuation precedes sub-token `i` in its sentence.
fn sentence_start(cx: &Ctx<'_>, i: usize) -> bool {
    let sent = cx.sent.get(i);
    let mut j = i;
    while j > 0 && cx.sent.get(j - 1) == sent {
        j -= 1;
        if cx.norm.subs[j].word {
            return false;
        }
    }
    true
}

/// Whether sub-token `i` starts a sentence or a clause: only punctuation
/// before it in its sentence, or right after a comma, colon, semicolon,
/// bracket, quote or a clause-starting word ("and", "when").
fn clause_start(cx: &Ctx<'_>, i: usize) -> bool {
    let subs = &cx.norm.subs;
    let sent = cx.sent.get(i);
    let mut j = i;
    while j > 0 && cx.sent.get(j - 1) == sent {
        j -= 1;
        if subs[j].word {
            let w = cx.norm.word(j);
            return j + 1 == i && cx.lex.clause_starts.contains(w);
        }
        let w = cx.norm.word(j);
        if j + 1 == i
            && matches!(
                w,
                "," | ";"
                    | ":"
                    | "("
                    | "\""
                    | "'"
                    | "\u{201c}"
                    | "\u{201d}"
                    | "\u{2018}"
                    | "\u{2019}"
                    | "--"
            )
        {
            return true;
        }
        if j + 1 == i {
            return false;
        }
    }
    true
}
