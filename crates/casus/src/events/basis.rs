//! What an event's confidence is computed from: the features
//! [`super::confidence::FEATURES`] lists, read off one assembled event
//! (its trigger, roles, actors, sentence and stance).
//!
//! Why apart from the model: the engine holds the model
//! ([`super::confidence::ConfidenceModel`]), and the features read the
//! engine's own types (triggers, roles); kept here, above both, the
//! model's module imports nothing of the stage and no import runs in a
//! circle.

use crate::actors::{ActorMention, CountryFrom};
use crate::codes::CameoCode;

use super::confidence::Features;
use super::roles::{Found, Roles};
use super::sentence::Sent;
use super::trigger::Trigger;
use super::Modality;

/// What [`features`] reads of one event.
pub(crate) struct Inputs<'a> {
    /// The sentence.
    pub s: &'a Sent<'a>,
    /// The sentence's index in the article.
    pub si: usize,
    /// The article text.
    pub text: &'a str,
    /// The trigger.
    pub t: &'a Trigger,
    /// Who did it to whom, and how each was found.
    pub roles: &'a Roles,
    /// Roles and scope came from a dependency tree.
    pub tree: bool,
    /// The event's source and target.
    pub source: Option<&'a ActorMention>,
    /// See `source`.
    pub target: Option<&'a ActorMention>,
    /// The event's code.
    pub cameo: CameoCode,
    /// Negated.
    pub negated: bool,
    /// Modality.
    pub modality: Modality,
    /// Someone is cited for it.
    pub attributed: bool,
    /// Coded on a reporting verb or beside the act.
    pub derived: bool,
    /// A table row recoded it.
    pub recoded: bool,
}

/// Most tokens between trigger and actor that still count as closer.
const MAX_DIST: f32 = 20.0;
/// Sentence length that counts as long.
const LONG_SENTENCE: f32 = 60.0;

/// The token index (in `s`) where byte offset `at` falls.
fn token_at(s: &Sent<'_>, at: u32) -> usize {
    s.toks.partition_point(|t| t.span.end <= at)
}

/// The features of one event ([`FEATURES`] says what each measures).
pub(crate) fn features(i: &Inputs<'_>) -> Features {
    let mut f = Features::default();
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    f.set("phrase", b(i.t.m.literals.len() > 1));
    f.set("tree", b(i.tree));
    let v = i.t.v();
    let dist = |m: &ActorMention| {
        let a = token_at(i.s, m.span.start);
        (a.abs_diff(v) as f32).min(MAX_DIST) / MAX_DIST
    };
    // "the ministry", "he", "protesters": a referring expression whose
    // actor was inferred, not named.
    let common = |m: &ActorMention| {
        m.span.slice(i.text).chars().next().is_some_and(|c| c.is_lowercase())
            || i.text
                .get(m.span.start as usize..)
                .is_some_and(|t| t.starts_with("The ") && m.name.is_none())
    };
    for (side, m, found) in [
        ("src", i.source, i.roles.source_found),
        ("tgt", i.target, i.roles.target_found),
    ] {
        let name = |k: &str| format!("{side}_{k}");
        let Some(m) = m else {
            f.set(&name("absent"), 1.0);
            continue;
        };
        let weak = match side {
            "src" => !matches!(
                found,
                Found::Subject | Found::Agent | Found::Slot | Found::Absent
            ),
            _ => !matches!(found, Found::Object | Found::Slot | Found::Absent),
        };
        f.set(&name("weak"), b(weak));
        f.set(&name("story"), b(m.country_from == Some(CountryFrom::Story)));
        f.set(&name("place"), b(m.country_from == Some(CountryFrom::Place)));
        f.set(&name("learned"), b(m.entry.starts_with("learned:")));
        f.set(&name("common"), b(common(m)));
        f.set(&name("dist"), dist(m));
    }
    f.set(
        "sent_len",
        (i.s.toks.len() as f32).min(LONG_SENTENCE) / LONG_SENTENCE,
    );
    f.set("lede", b(i.si == 0));
    f.set("not_asserted", b(i.modality != Modality::Asserted));
    f.set("negated", b(i.negated));
    f.set("attributed", b(i.attributed));
    f.set("derived", b(i.derived));
    f.set("recoded", b(i.recoded));
    let country = |m: Option<&ActorMention>| m.and_then(|m| m.country.clone());
    let group = |m: Option<&ActorMention>| {
        m.and_then(|m| {
            i.s.group_of.get(token_at(i.s, m.span.start)).copied().flatten()
        })
    };
    f.set(
        "coordinated",
        b(group(i.source).is_some() && group(i.source) == group(i.target)),
    );
    f.set(
        "domestic",
        b(country(i.source).is_some()
            && country(i.source) == country(i.target)),
    );
    if let Some(r) = i.cameo.root().as_str().get(..2) {
        f.set(&format!("r{r}"), 1.0);
    }
    f
}

#[cfg(test)]
mod tests {
    use crate::events::testutil::Fixture;

    /// (sentence, [(feature, value)] of its first event).
    #[test]
    fn features_table() {
        let fx = Fixture::builtin();
        let cases: &[(&str, &[(&str, f32)])] = &[
            (
                "Russia attacked Ukraine.",
                &[
                    ("phrase", 0.0),
                    ("src_absent", 0.0),
                    ("tgt_absent", 0.0),
                    ("src_weak", 0.0),
                    ("src_dist", 0.05),
                    ("not_asserted", 0.0),
                    ("r19", 1.0),
                    ("r18", 0.0),
                    ("lede", 1.0),
                ],
            ),
            (
                "Russian forces opened fire on Ukrainian troops.",
                &[("phrase", 1.0), ("r19", 1.0)],
            ),
            (
                "Russia will attack Ukraine.",
                &[("not_asserted", 1.0), ("negated", 0.0)],
            ),
            ("Russia did not attack Ukraine.", &[("negated", 1.0)]),
            ("Russia attacked.", &[("tgt_absent", 1.0)]),
            ("Israel and Hamas clashed.", &[("coordinated", 1.0)]),
            ("Russia attacked Ukraine.", &[("coordinated", 0.0)]),
        ];
        for (text, want) in cases {
            let events = fx.raw_events(text);
            let e =
                events.first().unwrap_or_else(|| panic!("{text}: no event"));
            let f = e.basis.0.unwrap_or_else(|| panic!("{text}: no features"));
            for (name, v) in *want {
                assert!(
                    (f.get(name) - v).abs() < 1e-6,
                    "{text}: {name} = {}",
                    f.get(name)
                );
            }
            assert!((0.0..=1.0).contains(&e.confidence), "{text}");
        }
    }
}
