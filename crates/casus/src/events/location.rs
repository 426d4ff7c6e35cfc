//! The fourth step: where. The place named after a locative preposition
//! ("in", "near") closest to the trigger, its own clause first; and
//! whether that place, in another country, is what a material act with
//! no target is done to ("shelling in Gaza").

use crate::actors::ActorMention;
use crate::codes::PatternCode;
use crate::places::PlaceMention;
use crate::span::Span;

use super::clause::class;
use super::engine::EventCoder;
use super::roles::VERBAL_ROOTS;
use super::sentence::Sent;
use super::trigger::Trigger;
use super::Location;

/// Candidate places weighed on each side of a trigger
/// ([`EventCoder::location_among`]); a news sentence names a few.
const NEAREST: usize = 64;

impl EventCoder {
    #[cfg(test)]
    /// The event's location among `places` (the article's, in text
    /// order) for the trigger at `v` of sentence `si`, whose clause spans
    /// tokens `clause`: the location and the place's index.
    pub(crate) fn location(
        &self,
        s: &Sent<'_>,
        si: usize,
        places: &[PlaceMention],
        clause: (usize, usize),
        v: usize,
    ) -> Option<(Location, usize)> {
        let cands = self.located_places(s, si, places);
        self.location_among(s, places, &cands, clause, v)
    }

    /// The places of sentence `si` after a locative preposition ("in
    /// Gaza"), as indexes into `places`, in text order: the candidates
    /// of [`EventCoder::location_among`], found once per sentence.
    pub(crate) fn located_places(
        &self,
        s: &Sent<'_>,
        si: usize,
        places: &[PlaceMention],
    ) -> Vec<usize> {
        // Places come in text order: this sentence's are one run.
        let first = places.partition_point(|p| p.sentence < si);
        let last =
            first + places[first..].partition_point(|p| p.sentence <= si);
        let mut out = Vec::new();
        for (pi, p) in places.iter().enumerate().take(last).skip(first) {
            let ti = s.toks.partition_point(|t| t.span.end <= p.span.start);
            let prep = ti > 0 && {
                let mut j = ti - 1;
                while j > 0 && self.grammar.class(s, j) & class::DET != 0 {
                    j -= 1;
                }
                // "in the east of the Gaza Strip".
                if s.norm(j) == "of" && j >= 3 {
                    j -= 2;
                    while j > 0 && self.grammar.class(s, j) & class::DET != 0 {
                        j -= 1;
                    }
                }
                self.grammar.class(s, j) & class::LOCPREP != 0
            };
            if prep {
                out.push(pi);
            }
        }
        out
    }

    /// [`EventCoder::location`] among the candidates `cands`
    /// ([`EventCoder::located_places`]): the nearest to the trigger, in
    /// its clause first. Only the [`NEAREST`] candidates on each side of
    /// the trigger are weighed, so a sentence of thousands of places
    /// costs each trigger constant work.
    pub(crate) fn location_among(
        &self,
        s: &Sent<'_>,
        places: &[PlaceMention],
        cands: &[usize],
        clause: (usize, usize),
        v: usize,
    ) -> Option<(Location, usize)> {
        if cands.is_empty() || s.toks.is_empty() {
            return None;
        }
        let lo = s.toks[clause.0.min(s.len() - 1)].span.start;
        let hi = s.toks[clause.1.max(1).min(s.len()) - 1].span.end;
        let trig = s.toks[v].span.start;
        let mut best: Option<(u32, usize)> = None;
        let at = cands.partition_point(|&pi| places[pi].span.start < trig);
        let from = at.saturating_sub(NEAREST);
        let to = (at + NEAREST).min(cands.len());
        for &pi in &cands[from..to] {
            let p = &places[pi];
            let in_clause = p.span.start >= lo && p.span.end <= hi;
            let dist = p.span.start.abs_diff(trig)
                + if in_clause { 0 } else { 100_000 };
            if best.map_or(true, |(d, _)| dist < d) {
                best = Some((dist, pi));
            }
        }
        best.map(|(_, pi)| {
            let p = &places[pi];
            (Location { name: p.name.clone(), country: p.country.clone() }, pi)
        })
    }
}

/// Whether the act of `cameo` is done to things: material acts are done
/// to a place; an appeal, demand or threat needs an addressee ("pushing
/// for a ceasefire in Gaza" is not addressed to Gaza).
pub(crate) fn material(cameo: PatternCode) -> bool {
    !cameo.root().is_some_and(|r| VERBAL_ROOTS.contains(&r.as_str()))
}

/// The place (actor index `place`) as the target of a dyad with source
/// `x` and no target: after the trigger, in another country ("exercises
/// in Alaska", "shelling in Gaza"), or a statement's topic phrase naming
/// a place in the speaker's own country ("sorrow for the floods in
/// Texas": USA -> USA).
pub(crate) fn place_target(
    s: &Sent<'_>,
    t: &Trigger,
    actors: &[ActorMention],
    x: usize,
    place: usize,
) -> bool {
    let p = &actors[place];
    material(t.cameo)
        && p.span.start > s.toks[t.v()].span.end
        && p.country.is_some()
        && (p.country != actors[x].country
            || (t.cameo.root().is_some_and(|r| r == "01")
                && topic_place(s, t.m.end, p.span)))
}

/// Whether the place at `place` ends the phrase right after a pattern
/// (which ends before token `end`): at most eight tokens on, with no
/// clause break between ("sorrow for the deadly floods in Texas"; not
/// "..., speaking in Texas").
fn topic_place(s: &Sent<'_>, end: usize, place: Span) -> bool {
    let Some(k) =
        (end..s.len()).find(|&i| s.toks[i].span.start >= place.start)
    else {
        return false;
    };
    k <= end + 8
        && (end..k).all(|i| !matches!(s.norm(i), "," | ";" | ":" | "." | "--"))
}

#[cfg(test)]
mod tests {
    use crate::events::testutil::Fixture;

    /// (sentence, location name): the place after a locative preposition,
    /// nearest the trigger, own clause first.
    #[test]
    fn location_table() {
        let f = Fixture::builtin();
        let cases = [
            ("Israel struck targets in Rafah.", Some("Rafah")),
            ("Talks in Cairo failed as Israel struck Rafah.", Some("Cairo")),
            ("Russia attacked Ukraine.", None),
            (
                "Fighting near Bakhmut in the Donbas killed ten.",
                Some("Bakhmut"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(f.first_location(text).as_deref(), want, "{text}");
        }
    }
}
