//! The first step: prepare a sentence (lemmas, actor groups) and match
//! the verb patterns at their triggers.
//!
//! A sentence with no trigger word is not prepared at all. TABARI/PETRARCH
//! patterns (`verbal`) fire on verbs only: a trigger heading a noun
//! phrase ("a brief visit") is marked nominal before matching, and a
//! verb inside the verb phrase of an earlier coded one is not coded on
//! its own. A sentence holding a discard phrase codes nothing.

use crate::actors::ActorMention;
use crate::codes::PatternCode;
use crate::text::{Token, TokenKind};

use super::clause::class;
use super::engine::EventCoder;
use super::patterns::PatternMatch;
use super::sentence::{Sent, NO_LEMMA};

/// A pattern matched at a trigger: what the later steps read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Trigger {
    /// The match: trigger token, literal tokens, bound slots.
    pub m: PatternMatch,
    /// What the pattern codes (never a discard here).
    pub cameo: PatternCode,
    /// A TABARI/PETRARCH pattern: fires on verbs only.
    pub verbal: bool,
    /// The pattern's origin (`file:line`).
    pub origin: String,
    /// The pattern's stable id.
    pub pattern_id: String,
}

impl Trigger {
    /// The trigger's first token.
    pub fn v(&self) -> usize {
        self.m.trigger
    }
}

impl EventCoder {
    /// The sentence of tokens `toks` prepared for coding, with its
    /// triggers in order; `None` when no pattern can fire (no trigger
    /// word, a discard phrase, no match). `mentions` are the sentence's
    /// (index, mention) pairs; mentions from `first_place` on are places.
    pub(crate) fn triggers<'t>(
        &self,
        text: &str,
        toks: &'t [Token],
        mut mentions: Vec<(usize, &ActorMention)>,
        first_place: usize,
    ) -> Option<(Sent<'t>, Vec<Trigger>)> {
        if toks.is_empty() {
            return None;
        }
        // No word that triggers a pattern: no event (and no need to
        // prepare the sentence). The lemmas are looked up once, for this
        // test and the sentence.
        let lem = Sent::lemmas(toks, &self.lz);
        if !lem.iter().any(|&l| self.pats.triggers(l)) {
            return None;
        }
        mentions.sort_by_key(|(i, m)| (m.span.start, *i));
        let mut s = Sent::with_lemmas_capped(
            text,
            toks,
            lem,
            &mentions,
            first_place,
            self.max_coordinated,
        );
        if self.any_verbal {
            // Read by the pattern search at triggers only.
            s.nominal = (0..s.len())
                .map(|v| {
                    self.pats.triggers(s.lem[v])
                        && (self.noun_use(&s, v)
                            || self.pats.walk().adjectival(&s, v))
                })
                .collect();
        }
        if self.discarded(&s) {
            return None;
        }
        let triggers = self.matched(&s);
        (!triggers.is_empty()).then_some((s, triggers))
    }

    /// The pattern matches of `s` that code something, without those
    /// embedded in an earlier coded TABARI verb phrase.
    fn matched(&self, s: &Sent<'_>) -> Vec<Trigger> {
        let matches = self.pats.find(s);
        // TABARI/PETRARCH code a verb phrase once: not the verbs
        // embedded in a coded one.
        let embedded = self.pats.walk().embedded_matches(
            s,
            &matches
                .iter()
                .map(|m| {
                    let coded = !self.pats.cameo(m.pattern).is_discard();
                    (m.trigger, m.end, coded && self.pats.verbal(m.pattern))
                })
                .collect::<Vec<_>>(),
        );
        matches
            .into_iter()
            .zip(embedded)
            .filter(|(m, e)| !e && !self.pats.cameo(m.pattern).is_discard())
            .map(|(m, _)| Trigger {
                cameo: self.pats.cameo(m.pattern),
                verbal: self.pats.verbal(m.pattern),
                origin: self.pats.origin(m.pattern).to_string(),
                pattern_id: self.pats.id(m.pattern).to_string(),
                m,
            })
            .collect()
    }

    /// Whether the sentence holds a discard phrase.
    fn discarded(&self, s: &Sent<'_>) -> bool {
        if self.discards.is_empty() {
            return false;
        }
        (0..s.len()).any(|i| {
            self.discards.get(s.norm(i)).is_some_and(|ds| {
                ds.iter().any(|d| {
                    d.iter().enumerate().all(|(k, w)| s.norm(i + k) == w)
                })
            })
        })
    }

    /// Whether the trigger at `v` heads a noun phrase: a determiner or a
    /// possessive before it, over modifiers ("a brief private visit",
    /// "an anti- Gondor parade", "Russia's attack"). Past forms are verbs.
    pub(crate) fn noun_use(&self, s: &Sent<'_>, v: usize) -> bool {
        let w = s.norm(v);
        if s.lem[v] == NO_LEMMA {
            return false;
        }
        // An inflected form other than a plural or a gerund ("left",
        // "met", "condemned") is a verb.
        if w != self.lz.lemma(s.lem[v])
            && !w.ends_with('s')
            && !w.ends_with("ing")
        {
            return false;
        }
        let mut i = v;
        while i > 0 && v - i < 6 {
            i -= 1;
            if s.toks[i].kind == TokenKind::Possessive {
                return true;
            }
            if let Some(g) = s.group_of[i] {
                // "anti- Gondor": an actor inside a hyphenated modifier.
                let st = s.groups[g].start;
                if st > 0 && s.norm(st - 1) == "-" {
                    i = st;
                    continue;
                }
                // "an Islamic State target": after an indefinite article
                // a name is a modifier and the bare word its head noun.
                return st > 0
                    && w == self.lz.lemma(s.lem[v])
                    && matches!(s.norm(st - 1), "a" | "an");
            }
            let c = self.grammar.class(s, i);
            if c & class::DET != 0 {
                return true;
            }
            let word = s.norm(i);
            // "in favor of", "appealed for peace": a bare or plural form
            // after a preposition (not the infinitive "to") is a noun.
            if c & (class::PREP | class::ATTACH | class::AGENT) != 0 {
                return i + 1 == v && word != "to" && !w.ends_with("ing");
            }
            let modifier = word == "-"
                || (c == 0
                    && word.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit()
                    })
                    && !s.cap[i]
                    && !word.ends_with("ly")
                    && self.aux.binary_search(&s.lem[i]).is_err());
            if !modifier {
                return false;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use crate::events::testutil::Fixture;

    /// (sentence, [(trigger word, code)]): what fires, and where.
    #[test]
    fn triggers_table() {
        let f = Fixture::builtin();
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("Russia attacked Ukraine.", &[("attacked", "190")]),
            (
                "Egypt condemned the attack on Gaza.",
                &[("condemned", "111"), ("attack", "190")],
            ),
            ("The weather was fine.", &[]),
            // Particles and domestic signatures are no acts.
            ("The commission will report back to Kenya.", &[]),
            (
                "Somalia's president signed a law annulling the memorandum.",
                &[],
            ),
            ("Peru signed a memorandum with Chile.", &[("signed", "057")]),
            ("", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<(String, String)> = f
                .triggers(text)
                .iter()
                .map(|(w, t)| (w.clone(), t.cameo.to_string()))
                .collect();
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(w, c)| (w.to_string(), c.to_string()))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    /// (sentence, trigger token, noun use): a determiner or possessive
    /// before a bare or plural form makes it a noun; a past form is a
    /// verb.
    #[test]
    fn noun_uses() {
        let f = Fixture::builtin();
        let cases = [
            ("They condemned the attack.", "attack", true),
            ("Russia's attack failed.", "attack", true),
            ("They attacked the city.", "attacked", false),
            ("an anti-Gondor parade", "parade", false),
        ];
        for (text, word, want) in cases {
            assert_eq!(f.noun_use(text, word), want, "{text}");
        }
    }
}
