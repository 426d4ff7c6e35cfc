//! TABARI/PETRARCH agent dictionaries.
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN     substitution set
//! PRESIDENT [~GOVPRS]                   suffix agent: USA + GOVPRS
//! HUMAN_RIGHTS_BODY [NGO~]              prefix agent: NGO + USA
//! POLICE {} [~COP]                      `{}`: no plural form
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   explicit plural
//! CONGRESS!PERSON! [~LEG]               congressman, congressmen, ...
//! ```
//!
//! Without braces the regular plural is added ([`super::plural`]);
//! phrases made from a `!NAME!` set get no plural (the set lists them).

use std::collections::HashMap;

use super::{normalize_phrase, plural, split_codes, Sink};
use crate::dict::{AgentEntry, AgentPlacement};

pub(super) fn parse(text: &str, sink: &mut Sink) {
    sink.dicts.stack_agents = true;
    let mut macros: HashMap<String, Vec<String>> = HashMap::new();
    for (n, line) in super::content_lines(text, false) {
        if line.is_empty() {
            continue;
        }
        if let Some(def) = macro_def(line) {
            match def {
                Ok((name, alts)) => {
                    macros.insert(name, alts);
                }
                Err(reason) => sink.error(n, reason),
            }
            continue;
        }
        let b = split_codes(line);
        if b.unclosed {
            sink.error(n, format!("unclosed '[' in {line:?}"));
            continue;
        }
        if b.repaired {
            sink.warn(n, "code block closed with '}' instead of ']'");
        }
        let Some(raw_code) = b.codes.first() else {
            sink.warn(n, "agent without a [~CODE]; skipped");
            continue;
        };
        if b.codes.len() > 1 {
            sink.warn(n, "more than one code block; using the first");
        }
        let (code, placement) = match agent_code(raw_code) {
            Ok(x) => x,
            Err(reason) => {
                sink.error(n, reason);
                continue;
            }
        };
        // `PHRASE {PLURALS}`: split the braces off the phrase.
        let (phrase, plurals) = match b.head.split_once('{') {
            Some((p, rest)) => match rest.split_once('}') {
                Some((inside, _)) => {
                    (p.trim(), Some(inside.split_whitespace().collect()))
                }
                None => {
                    sink.error(n, "unclosed '{' in agent plural");
                    continue;
                }
            },
            None => (b.head, None::<Vec<&str>>),
        };
        if phrase.is_empty() {
            sink.error(n, "agent code without a phrase");
            continue;
        }
        let expanded = match expand(phrase, &macros) {
            Ok(x) => x,
            Err(reason) => {
                sink.error(n, reason);
                continue;
            }
        };
        let from_macro = expanded.len() > 1 || expanded[0] != phrase;
        let mut phrases: Vec<String> = Vec::new();
        for raw in &expanded {
            let p = normalize_phrase(raw, &sink.lex);
            if p.is_empty() {
                continue;
            }
            match &plurals {
                None if !from_macro => phrases.push(plural(&p)),
                _ => {}
            }
            phrases.push(p);
        }
        if let Some(list) = &plurals {
            for raw in list {
                for e in expand(raw, &macros).unwrap_or_default() {
                    phrases.push(normalize_phrase(&e, &sink.lex));
                }
            }
        }
        if phrases.is_empty() {
            sink.error(n, format!("agent phrase {phrase:?} has no words"));
            continue;
        }
        // Singular first, then plurals, without duplicates.
        phrases.sort_by_key(|p| p.len());
        phrases.dedup();
        for p in phrases {
            sink.dicts.agents.push(AgentEntry {
                phrase: p,
                code: code.clone(),
                placement,
                origin: sink.origin(n),
            });
        }
    }
}

/// `!NAME! = A, B, C`.
fn macro_def(line: &str) -> Option<Result<(String, Vec<String>), String>> {
    let rest = line.strip_prefix('!')?;
    let (name, def) = rest.split_once('!')?;
    let def = def.trim().strip_prefix('=')?;
    let alts: Vec<String> = def
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if alts.is_empty() {
        return Some(Err(format!("substitution set !{name}! is empty")));
    }
    Some(Ok((name.to_string(), alts)))
}

/// Replaces every `!NAME!` in `phrase` by each of its alternatives.
fn expand(
    phrase: &str,
    macros: &HashMap<String, Vec<String>>,
) -> Result<Vec<String>, String> {
    let Some(start) = phrase.find('!') else {
        return Ok(vec![phrase.to_string()]);
    };
    let after = &phrase[start + 1..];
    let Some(len) = after.find('!') else {
        return Err(format!("unclosed '!' in {phrase:?}"));
    };
    let name = &after[..len];
    let Some(alts) = macros.get(name) else {
        return Err(format!("unknown substitution set !{name}!"));
    };
    let tail = expand(&after[len + 1..], macros)?;
    let mut out = Vec::new();
    for alt in alts {
        for t in &tail {
            out.push(format!("{}{alt}{t}", &phrase[..start]));
        }
    }
    Ok(out)
}

/// `~GOV` -> (`GOV`, suffix); `NGO~` -> (`NGO`, prefix).
fn agent_code(raw: &str) -> Result<(String, AgentPlacement), String> {
    let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let (code, placement) = if let Some(c) = s.strip_prefix('~') {
        (c, AgentPlacement::Suffix)
    } else if let Some(c) = s.strip_suffix('~') {
        (c, AgentPlacement::Prefix)
    } else {
        (s.as_str(), AgentPlacement::Suffix)
    };
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("bad agent code [{raw}]"));
    }
    Ok((code.to_ascii_uppercase(), placement))
}

#[cfg(test)]
mod tests {
    use crate::dict::tabari::{check, Kind};
    use crate::dict::AgentPlacement::{Prefix, Suffix};

    const AGENTS: &str =
        include_str!("../../../../../testdata/tabari/agents.txt");

    #[test]
    fn entries() {
        let c = check(Kind::Agents, "agents.txt", AGENTS);
        assert_eq!(c.errors, vec![], "errors");
        let got: Vec<_> = c
            .dicts
            .agents
            .iter()
            .map(|a| (a.phrase.as_str(), a.code.as_str(), a.placement))
            .collect();
        #[rustfmt::skip]
        let want = vec![
            ("steward", "GOV", Suffix),
            ("stewards", "GOV", Suffix),
            ("rangers", "MIL", Suffix),
            ("ent council", "GOV", Suffix),
            ("ent councils", "GOV", Suffix),
            ("herald", "GOVMED", Suffix),
            ("heralds", "GOVMED", Suffix),
            ("lord of the keys", "GOV", Suffix),
            ("lords of the keys", "GOV", Suffix),
            ("elf aid body", "NGO", Prefix),
            ("elf aid bodies", "NGO", Prefix),
            ("horseman", "MIL", Suffix),
            ("horsemen", "MIL", Suffix),
            ("horsewoman", "MIL", Suffix),
            ("horsewomen", "MIL", Suffix),
            ("minister of pipeweed", "GOV", Suffix),
            ("ministry of pipeweed", "GOV", Suffix),
            ("ministers of pipeweed", "GOV", Suffix),
            ("ministries of pipeweed", "GOV", Suffix),
            ("wizard", "WIZ", Suffix),
            ("wizards", "WIZ", Suffix),
            ("dept of weather", "ENV", Suffix),
            ("dept of weathers", "ENV", Suffix),
        ];
        assert_eq!(got, want);
        let w: Vec<_> = c.warnings.iter().map(|e| e.line).collect();
        assert_eq!(w, vec![14, 15]);
    }

    #[test]
    fn errors_all_reported() {
        let text = "A [~]\nB [~G.V]\nC!X! [~GOV]\n!E! =\nD {DS [~GOV]\n";
        let c = check(Kind::Agents, "bad.txt", text);
        let got: Vec<_> = c.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            got,
            vec![
                "bad.txt:1: bad agent code [~]",
                "bad.txt:2: bad agent code [~G.V]",
                "bad.txt:3: unknown substitution set !X!",
                "bad.txt:4: substitution set !E! is empty",
                "bad.txt:5: unclosed '{' in agent plural",
            ]
        );
    }
}
