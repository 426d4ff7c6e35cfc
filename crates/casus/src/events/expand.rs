//! The fifth step: the dyads an act is coded for. Each member of a
//! coordinated source against each member of the target ("Israel and
//! Egypt condemned Iran": two events); coordinated actors acting with no
//! object act on each other for reciprocal acts ("Israel and Hamas
//! agreed"); negotiations are mutual when both sides are named.

use super::roles::Roles;
use super::sentence::Sent;
use super::trigger::Trigger;

/// CAMEO roots whose events are mutual when coordinated actors act with
/// no object ("Israel and Hamas agreed", "met", "clashed").
const RECIPROCAL_ROOTS: &[&str] = &["03", "04", "05", "06", "19"];

/// Codes outside those roots that are mutual all the same: a truce is
/// both sides' ("a ceasefire between Iran and Israel").
const RECIPROCAL_CODES: &[&str] = &["0871"];

/// Whether `t`'s code is mutual for coordinated actors with no object.
/// Force is mutual only as fighting ("Israel and Hamas clashed"): those
/// who strike, shell or bomb together ("American and British warplanes
/// struck") strike a third party, named or not.
fn reciprocal_code(s: &Sent<'_>, t: &Trigger) -> bool {
    let force = t.cameo.root().is_some_and(|r| r.as_str() == "19");
    mutual_kind(t) && (!force || fighting_word(s.norm(t.v())))
}

/// Whether `t`'s code is of a kind two parties may do to each other
/// (whatever the word that reports it).
fn mutual_kind(t: &Trigger) -> bool {
    let root = t.cameo.root();
    (root.is_some_and(|r| RECIPROCAL_ROOTS.contains(&r.as_str()))
        || RECIPROCAL_CODES.iter().any(|c| t.cameo.is(c)))
        && !ONE_WAY_CODES.iter().any(|c| t.cameo.is(c))
}

/// Forms of the verbs and nouns of fighting each other ("fought",
/// "clashes", "a gunbattle", "warring"): the acts of force that
/// coordinated actors do to each other.
///
/// The list: `dicts/words/fighting_parts.txt`.
static FIGHTING_PARTS: crate::util::WordList =
    crate::util::word_list!("words/fighting_parts.txt");

fn fighting_word(w: &str) -> bool {
    FIGHTING_PARTS.iter().any(|x| w.contains(x))
        || matches!(w, "war" | "wars" | "warred" | "warring")
}

/// Whether `t`'s act is the parties' own whoever reports it, so that
/// "between A and B" on its act noun names the sides: a truce ("announced
/// a ceasefire between A and B") or fighting. Agreements and talks are
/// left out: their verb's subject may be the mediator ("Qatar is working
/// to reach an agreement between A and B").
pub(super) fn sides_by_noun(t: &Trigger) -> bool {
    mutual_kind(t)
        && (RECIPROCAL_CODES.iter().any(|c| t.cameo.is(c))
            || t.cameo.root().is_some_and(|r| r.as_str() == "19"))
}

/// Codes of those roots that one side does to another and never
/// coordinated actors to each other: co-visitors and co-hosts ("Qatar and
/// Egypt hosted the talks"), co-mediators ("Qatar and Egypt, which
/// mediated the talks") and those who praise, defend, rally, apologise
/// or forgive together ("France and Germany welcomed the deal"), and
/// co-donors offering aid ("Norway and Denmark offered to help") act on a
/// third party, not on each other.
const ONE_WAY_CODES: &[&str] = &[
    "033", "0331", "0332", "0333", "0334", "042", "043", "045", "051", "052",
    "053", "055", "056",
];

/// CAMEO codes coded in both directions when both actors are named
/// ("X negotiated with Y": Y also negotiated with X). Meetings and visits
/// are coded in the direction the text reports them.
const MUTUAL_CODES: &[&str] = &["046"];

/// CAMEO codes of acts two parties do together, coded in both directions
/// when the pattern names the partner with "with" ("A met with B", "A
/// signed an agreement with B", "A met with B on the sidelines", "A clashed
/// with B"): the other party met, signed or fought too. Without "with" the act keeps the direction the
/// text reports ("A met B in C" has a place for a target; "A attacked B").
const MUTUAL_WITH_CODES: &[&str] =
    &["040", "041", "044", "046", "057", "062", "190"];

/// How far "with" may follow the pattern's previous literal word and still
/// name the partner ("held discussions here on Friday with B"); further
/// on it usually belongs to a noun ("discussed trade relations with B").
const WITH_REACH: usize = 5;

/// Trigger words of one party's act on a shared text ("ratified an
/// agreement with B": B did not ratify it).
///
/// The list: `dicts/words/one_sided.txt`.
static ONE_SIDED: crate::util::WordList =
    crate::util::word_list!("words/one_sided.txt");

/// Trigger words of a swap: what coordinated actors swap ("Russia and
/// Ukraine exchanged prisoners") each gives the other, whatever the
/// pattern bound as the object (the prisoners are no target).
///
/// The list: `dicts/words/swaps.txt`.
static SWAPS: crate::util::WordList =
    crate::util::word_list!("words/swaps.txt");

/// Verbs of a swap only in a fight ("traded artillery fire"): "Chile
/// traded with Peru" keeps the direction the text reports. The list:
/// `dicts/words/fight_swaps.txt`.
static TRADE: crate::util::WordList =
    crate::util::word_list!("words/fight_swaps.txt");

/// Whether trigger `t`'s verb is a swap ([`SWAPS`], [`TRADE`]).
fn swap_verb(s: &Sent<'_>, t: &Trigger) -> bool {
    let w = s.norm(t.v());
    SWAPS.contains(w)
        || (TRADE.contains(w)
            && t.cameo.forward().is_some_and(|c| c.root().as_str() == "19"))
}

/// Whether a reciprocal pronoun follows trigger `t` ("accused each
/// other", "blamed one another"): coordinated actors act on each other
/// whatever the act's root.
fn each_other(s: &Sent<'_>, t: &Trigger) -> bool {
    let v = t.v();
    (v + 1..s.len().min(v + 3)).any(|i| {
        i + 1 < s.len()
            && matches!(
                (s.norm(i), s.norm(i + 1)),
                ("each", "other") | ("one", "another")
            )
    })
}

/// Whether trigger `t` is a swap whose object, if bound, is no actor
/// with a country ("exchanged prisoners", "swapped detainees").
fn swap(s: &Sent<'_>, t: &Trigger, tgt: Option<usize>) -> bool {
    swap_verb(s, t)
        && tgt.map_or(true, |g| s.groups.get(g).is_some_and(|g| g.generic))
}

/// Whether trigger `t` bound its target through a literal "with" before
/// it ("held talks with B"), the sign of a two-actor act.
fn partner_with(s: &Sent<'_>, t: &Trigger) -> bool {
    let Some(g) = t.m.target else { return false };
    if ONE_SIDED.contains(s.norm(t.v())) {
        return false;
    }
    let start = s.groups.get(g).map_or(0, |g| g.start);
    t.m.literals.windows(2).any(|w| {
        w[1] < start && s.norm(w[1]) == "with" && w[1] - w[0] <= WITH_REACH
    })
}

/// Whether trigger `t`'s match took a literal "with" after its trigger
/// word followed by a word ("reached agreement with commercial banks").
fn with_literal(s: &Sent<'_>, t: &Trigger) -> bool {
    let v = t.v();
    t.m.literals
        .iter()
        .any(|&i| i > v && i + 1 < s.len() && s.norm(i) == "with")
}

/// Whether trigger `t` is an act the members of a set of actors do to
/// each other when it has no object: a reciprocal root ("the two
/// countries met", "both sides exchanged fire"), a reciprocal pronoun or
/// a swap. The same rule as for coordinated members in [`dyads`], for a
/// set that is one mention ("the two neighbours": `A/B/`).
pub(crate) fn reciprocal_act(s: &Sent<'_>, t: &Trigger) -> bool {
    reciprocal_code(s, t) || each_other(s, t) || swap_verb(s, t)
}

/// The dyads of one act, as actor indexes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Dyads {
    /// The source group's members (one `None` without a source).
    pub sources: Vec<Option<usize>>,
    /// (source, target) pairs, in order.
    pub pairs: Vec<(Option<usize>, Option<usize>)>,
}

/// The members of group `g` (one `None` for no group).
fn members(s: &Sent<'_>, g: Option<usize>) -> Vec<Option<usize>> {
    match g {
        Some(g) => s.groups[g].members.iter().map(|&i| Some(i)).collect(),
        None => vec![None],
    }
}

/// The dyads of trigger `t` with `roles`; actors from `first_place` on
/// are places, which are never mutual partners.
pub(crate) fn dyads(
    s: &Sent<'_>,
    t: &Trigger,
    roles: &Roles,
    first_place: usize,
) -> Dyads {
    let (src, tgt) = (roles.source, roles.target);
    let srcs = members(s, src);
    let mut pairs = Vec::new();
    // TABARI/PETRARCH code a coordinated subject against the object when
    // there is one.
    let coordinated_subject = t.m.target.is_none()
        && roles.subject.is_some()
        && src == roles.subject
        && !(t.verbal && tgt.is_some());
    let reciprocal = reciprocal_code(s, t);
    // "accused each other", "swapped prisoners": the members act on each
    // other, object or not.
    let mutual_members = each_other(s, t) || swap(s, t, tgt);
    // Co-agents of a passive ("supported by A, B and C") are not mutual.
    // "Venezuela, Chile and the Philippines reached agreement with
    // commercial banks": a partner after a literal "with" that is no
    // actor is still the other side; the members did not agree with
    // each other.
    let unnamed_partner = tgt.is_none() && with_literal(s, t);
    if ((tgt.is_none() || coordinated_subject) && reciprocal || mutual_members)
        && (!unnamed_partner || mutual_members)
        && !roles.passive
        && srcs.len() > 1
    {
        for a in &srcs {
            for b in &srcs {
                if a != b {
                    pairs.push((*a, *b));
                }
            }
        }
    } else {
        for a in &srcs {
            for b in members(s, tgt) {
                pairs.push((*a, b));
            }
        }
    }
    // Meetings and negotiations are mutual (TABARI/PETRARCH dictionaries
    // say so explicitly, with `A:B` codes).
    let mutual = MUTUAL_CODES.iter().any(|c| t.cameo.is(c))
        || ((MUTUAL_WITH_CODES.iter().any(|c| t.cameo.is(c))
            || swap_verb(s, t))
            && partner_with(s, t));
    if mutual && !t.verbal {
        let rev: Vec<_> = pairs
            .iter()
            .filter(|(a, b)| a.is_some() && b.is_some_and(|b| b < first_place))
            .map(|(a, b)| (*b, *a))
            .collect();
        // A set keeps this linear in the pairs (a coordination of n
        // actors has up to n² of them).
        let mut seen: std::collections::HashSet<_> =
            pairs.iter().copied().collect();
        for r in rev {
            if seen.insert(r) {
                pairs.push(r);
            }
        }
    }
    Dyads { sources: srcs, pairs }
}

#[cfg(test)]
mod tests {
    use crate::events::testutil::Fixture;

    /// (sentence, dyads as "source>target" texts).
    #[test]
    fn dyads_table() {
        let f = Fixture::builtin();
        let cases: &[(&str, &[&str])] = &[
            ("Russia attacked Ukraine.", &["Russia>Ukraine"]),
            (
                "Israel and Egypt condemned Iran.",
                &["Israel>Iran", "Egypt>Iran"],
            ),
            ("Israel and Hamas clashed.", &["Israel>Hamas", "Hamas>Israel"]),
            (
                "Israel negotiated with Egypt.",
                &["Israel>Egypt", "Egypt>Israel"],
            ),
            // One-way acts of a coordinated subject with no object act on
            // a third party: no dyad between the members.
            ("Qatar and Egypt mediated.", &["Qatar>-", "Egypt>-"]),
            (
                "France and Germany welcomed the deal.",
                &["France>-", "Germany>-"],
            ),
            ("Qatar and Egypt met.", &["Qatar>Egypt", "Egypt>Qatar"]),
            // A partner after "with" that is no actor is still the other
            // side: the members did not agree with each other.
            (
                "Kenya and Uganda reached agreement with their creditor banks.",
                &["Kenya>-", "Uganda>-"],
            ),
            (
                "Kenya and Uganda reached agreement.",
                &["Kenya>Uganda", "Uganda>Kenya"],
            ),
            // A truce is both sides'.
            (
                "Israel and Hamas declared a truce.",
                &["Israel>Hamas", "Hamas>Israel"],
            ),
            // Co-donors offer aid to a third party, not to each other.
            (
                "Norway and Denmark offered to help.",
                &["Norway>-", "Denmark>-"],
            ),
            // Two-actor acts with "with" are mutual; without it they keep
            // the reported direction.
            ("Kenya met with Uganda.", &["Kenya>Uganda", "Uganda>Kenya"]),
            ("Kenya met Uganda.", &["Kenya>Uganda"]),
            (
                "Kenya met with Uganda on the sidelines of the summit.",
                &["Kenya>Uganda", "Uganda>Kenya"],
            ),
            (
                "Peru signed a trade accord with Chile.",
                &["Peru>Chile", "Chile>Peru"],
            ),
            ("Peru ratified a trade accord with Chile.", &["Peru>Chile"]),
            (
                "Sudan's army clashed with Chad.",
                &["Sudan's army>Chad", "Chad>Sudan's army"],
            ),
            (
                "Ghana's president spoke by phone with Togo.",
                &["Ghana's president>Togo", "Togo>Ghana's president"],
            ),
            // A reciprocal pronoun: each accuses the other, whatever the
            // root.
            (
                "Sudan and Chad accused each other of arming rebels.",
                &["Sudan>Chad", "Chad>Sudan"],
            ),
            (
                "Peru and Ecuador blamed one another for the clash.",
                &["Peru>Ecuador", "Ecuador>Peru"],
            ),
            // A swap: each gives the other what is swapped.
            (
                "Armenia and Azerbaijan swapped detainees.",
                &["Armenia>Azerbaijan", "Azerbaijan>Armenia"],
            ),
            (
                "Israel and Hamas exchanged hostages and prisoners.",
                &["Israel>Hamas", "Hamas>Israel"],
            ),
            // A single swapper keeps the named partner.
            (
                "Russia exchanged prisoners with Ukraine.",
                &["Russia>Ukraine", "Ukraine>Russia"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(f.first_dyads(text), *want, "{text}");
        }
    }
}
