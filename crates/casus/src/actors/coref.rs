//! Coreference: titles alone ("the prime minister", "the US President"),
//! sentence-initial subject pronouns ("He emphasized") and bare role
//! words ("officials") resolved against the article's persons and its
//! most salient country.

use std::collections::HashMap;

use super::learn::{country_of, role_of, Ctx, Group, Person};

/// Roles that a bare role word may take the salient country for.
const STATE_ROLES: &[&str] = &["GOV", "MIL", "COP", "SPY", "JUD", "LEG"];

/// Country codes that are not countries (international bodies).
const NOT_COUNTRIES: &[&str] = &["IGO", "NGO", "IMG", "MNC"];

/// The country whose state actors `groups` mention most (ties: first).
pub(crate) fn salient(groups: &[Group]) -> Option<String> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    // Count state actors ("Washington", "US officials"), not places.
    let state = groups.iter().filter(|g| {
        !g.locative
            && role_of(&g.code).is_some_and(|r| STATE_ROLES.contains(&r))
    });
    for (i, g) in state.enumerate() {
        if let Some(c) = country_of(&g.code) {
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
                    || country_of(&g.code) == country_of(&p.code)
                        && role_of(&g.code) == role_of(&p.code))
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
            if let (Some(c), Some(r)) = (&salient, role_of(&g.code)) {
                if STATE_ROLES.contains(&r) {
                    g.code = format!("{c}{r}");
                    g.entries.push(format!("salient:{c}"));
                }
            }
        }
    }
}

/// Sentence-initial subject pronouns as mentions of the latest person
/// mentioned before them.
pub(crate) fn pronouns(cx: &Ctx<'_>, groups: &[Group]) -> Vec<Group> {
    let subs = &cx.norm.subs;
    let mut out = Vec::new();
    let mut first_of_sentence = None;
    for (i, s) in subs.iter().enumerate() {
        let sent = cx.sent.get(i).copied();
        if first_of_sentence == sent {
            continue;
        }
        first_of_sentence = sent;
        if !cx.lex.pronouns.contains(cx.norm.word(i)) {
            continue;
        }
        let latest = groups.iter().rfind(|g| {
            g.person
                && g.name.is_some()
                && subs[g.a as usize].span.start < s.span.start
        });
        if let Some(g) = latest {
            out.push(Group {
                a: i as u32,
                b: i as u32 + 1,
                code: g.code.clone(),
                name: g.name.clone(),
                entries: g.entries.clone(),
                person: true,
                title: None,
                bare: false,
                locative: false,
            });
        }
    }
    out
}
