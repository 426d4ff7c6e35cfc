//! The cluster rule: when two reports are one event. Everything the rule
//! decides lives here, as pure functions over [`Report`]s, so that the
//! store (`ingest::find_cluster`) and any other implementation (the
//! Python/Spark package) follow one specification, written out in
//! ARCHITECTURE.md ("Event clusters").
//!
//! A new mention joins an existing cluster when, compared with the
//! cluster's key (its first mention):
//!
//! 1. the CAMEO **root** is the same (sibling codes `190`/`194` and
//!    `111`/`112` merge);
//! 2. the source and target **countries** are the same and each side's
//!    actor codes are **compatible** ([`actors_compatible`]: equal, one a
//!    less specific form of the other (`USA` / `USAMIL`), or two roles of
//!    one family of the same country (`USAGOV` / `USAMIL`); in an act
//!    across a border, two armed roles of one country ([`sides_compatible`]));
//!    a report that leaves the target **open** (no target actor) may join
//!    one that names it, and the reverse, unless the cluster already holds
//!    a report naming another target country ([`targets_compatible`]: one
//!    missile launch told by one outlet with the sea it fell in, by another
//!    with none);
//! 3. the **days** agree ([`days_compatible`]): the same day, or one day
//!    apart when at least one of the two dates was not stated in the
//!    report's own clause (taken from the narrative anchor or the
//!    publication date; a publication date stands for the day before,
//!    not the day after); dates coarser than a day must be equal;
//!    and the targets' names, when both reports give full names, share
//!    a word ([`names_compatible`]: two named persons are two events);
//! 4. the cluster holds no mention of the same article with another
//!    base code (one report telling two acts of one dyad and root tells
//!    two events; checked by the store's candidate query).
//!
//! Acts with no direction ([`symmetric`] codes: meetings, calls, talks,
//! signed agreements; `dicts/symmetric_codes.txt`) are compared by their
//! unordered pair of countries: before the rule, such a report naming
//! both countries is turned to face one way ([`Report::facing`]: the
//! alphabetically first country as the source), so "Xi met Putin" and
//! "Putin hosted Xi" are one act; its cluster key's source country is
//! [`key_country`].
//!
//! Among several fitting clusters the best one wins ([`Fit`]): same day
//! before a day apart, then identical actor codes, then the same base
//! code, then the larger evidence overlap ([`jaccard`] of [`tokens`]),
//! then the oldest cluster.
//!
//! # Example
//!
//! ```
//! use casus_store::cluster::{actors_compatible, Report};
//! assert!(actors_compatible("USA", "USAMIL"));
//! assert!(actors_compatible("USAGOV", "USAMIL"));
//! assert!(!actors_compatible("SDNMIL", "SDNREB"));
//! assert!(!actors_compatible("IGOUNO", "IGONAT"));
//!
//! let a = Report::new("1987-10-19", "text", "USAMIL", "IRN", "19", "194");
//! let b = Report::new("1987-10-20", "published", "USA", "IRN", "19", "190");
//! assert!(a.fits(&b).is_some());
//! ```

use std::borrow::Borrow;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use casus::time::value::Val;
use chrono::NaiveDate;

/// Evidence overlap (Jaccard of [`tokens`]) used only to rank clusters
/// that fit equally well; kept for callers of the previous rule.
pub const MERGE_THRESHOLD: f64 = 0.5;

/// The CAMEO base codes of acts with no direction, read from
/// `dicts/symmetric_codes.txt` (first word of each line; `#` comments).
static SYMMETRIC: LazyLock<BTreeSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../../dicts/symmetric_codes.txt")
        .lines()
        .filter_map(|l| l.split('#').next()?.split_whitespace().next())
        .collect()
});

/// Whether acts of CAMEO base code `base` have no direction (a meeting,
/// a call, talks, a signed agreement: `dicts/symmetric_codes.txt`).
pub fn symmetric(base: &str) -> bool {
    SYMMETRIC.contains(base)
}

/// The [`symmetric`] codes, sorted.
pub fn symmetric_codes() -> Vec<&'static str> {
    SYMMETRIC.iter().copied().collect()
}

/// Whether a report of `base` from country `source` to `target` is
/// read the other way round: a symmetric act naming both countries faces
/// from the alphabetically first one, whichever an outlet named first.
fn faces_back(base: &str, source: &str, target: &str) -> bool {
    symmetric(base)
        && !source.is_empty()
        && !target.is_empty()
        && target < source
}

/// The source country a report's cluster key holds: its source's
/// country, or for a symmetric act naming both countries the
/// alphabetically first of the two (what [`Report::facing`] makes the
/// source). Both the store's candidate query and the Python/Spark
/// partition key select on it.
pub fn key_country<'a>(
    base: &str,
    source: &'a str,
    target: &'a str,
) -> &'a str {
    if faces_back(base, source, target) {
        target
    } else {
        source
    }
}

/// Role families within one country: two different roles of one family
/// may be one actor as different outlets name it (the Pentagon, the
/// Navy, Washington); roles of different families never are (the army
/// and the rebels of one country are opposite sides of a fight).
/// Elites (`ELI`) are with the state: outlets name one leader by office
/// (`GABGOV`) or by standing (`GABELI`).
const ROLE_FAMILIES: &[&[&str]] = &[
    &["GOV", "MIL", "COP", "SPY", "JUD", "LEG", "ELI"],
    &["REB", "INS", "SEP", "UAF"],
];

/// First 3-letter groups that stand for a body rather than a country
/// (`IGOUNO`): the group after them names the body, not a role.
const BODIES: &[&str] = &["IGO", "NGO", "NGM", "IMG", "MNC", "UIS"];

/// The 3-letter group `i` of an actor code.
fn group(code: &str, i: usize) -> Option<&str> {
    code.get(i * 3..i * 3 + 3)
}

/// Whether two actor codes (of actors already known to share a country)
/// can name the same actor: equal; one a prefix of the other at a group
/// boundary (`USA` and `USAMIL`, `IGOEUR` and `IGOEUREEC`); or the same
/// country with first roles of one family (`USAGOV` and `USAMIL`). An
/// empty code (no actor) is compatible only with another empty one.
pub fn actors_compatible(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.is_empty() || b.is_empty() || group(a, 0) != group(b, 0) {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() % 3 == 0 && long.starts_with(short) {
        return true;
    }
    if group(a, 0).is_some_and(|g| BODIES.contains(&g)) {
        return false;
    }
    match (group(a, 1), group(b, 1)) {
        (Some(ra), Some(rb)) => {
            ROLE_FAMILIES.iter().any(|f| f.contains(&ra) && f.contains(&rb))
        }
        _ => false,
    }
}

/// Roles of a country's armed actors, state or not: in an act across a
/// border, outlets of one side name the same force by either ("the
/// Houthis" abroad, "the Yemeni army" in the Houthis' own outlet).
const ARMED: &[&str] = &["MIL", "REB", "INS", "SEP", "UAF"];

/// Whether a report's two sides are of different countries (an act
/// across a border); a missing side or a body (`IGO...`) is none.
fn crosses_border(source: &str, target: &str) -> bool {
    match (group(source, 0), group(target, 0)) {
        (Some(s), Some(t)) => {
            s != t && !BODIES.contains(&s) && !BODIES.contains(&t)
        }
        _ => false,
    }
}

/// Whether two codes of one side of two reports can name one actor:
/// [`actors_compatible`], or, when the reports' act crosses a border
/// (`cross`), two armed roles ([`ARMED`]) of one country. At home the
/// army and the rebels are the two sides of a fight and stay apart;
/// against another country both names are one force's (`YEMREB` /
/// `YEMMIL` striking `SAU`).
pub fn sides_compatible(a: &str, b: &str, cross: bool) -> bool {
    if actors_compatible(a, b) {
        return true;
    }
    let country = group(a, 0);
    let armed = |c: &str| group(c, 1).is_some_and(|r| ARMED.contains(&r));
    cross
        && country.is_some_and(|c| !BODIES.contains(&c))
        && country == group(b, 0)
        && armed(a)
        && armed(b)
}

/// What the rule reads of one report (a mention, or a cluster's first
/// mention).
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The event date as coded (`2024-02-09`, `2024-W06`, `PAST_REF`).
    pub date: String,
    /// The day it stands for: the first day of the period the date names,
    /// else (in the store) the publication date; `None` when unknown.
    pub day: Option<NaiveDate>,
    /// Where the date came from: `text` (the report's own clause),
    /// `anchor` or `published` (the rest are "soft").
    pub date_from: String,
    /// Source actor code ('' for none).
    pub source_code: String,
    /// The source's country ('' for none): what [`Report::facing`]
    /// orders a symmetric act by.
    pub source_country: String,
    /// Target actor code ('' for none: the target is open).
    pub target_code: String,
    /// The target's country ('' for none): with an open side on one
    /// report, the only part of the target the rule does not compare.
    pub target_country: String,
    /// The target's name as the report gives it ('' for none): two
    /// different named persons are two events ([`names_compatible`]).
    pub target_name: String,
    /// CAMEO root (2 digits).
    pub root: String,
    /// CAMEO base code (3 digits).
    pub base: String,
    /// Evidence tokens ([`tokens`]).
    pub tokens: BTreeSet<String>,
}

/// How well a mention fits a cluster; greater is better (compared in
/// field order, then the older cluster wins).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Fit {
    /// The same day (else one day apart).
    pub same_day: bool,
    /// Identical source and target codes.
    pub same_codes: bool,
    /// The same base code.
    pub same_base: bool,
    /// Evidence overlap.
    pub overlap: f64,
}

impl Report {
    /// A report with no evidence tokens, its day read from `date`.
    pub fn new(
        date: &str,
        date_from: &str,
        source_code: &str,
        target_code: &str,
        root: &str,
        base: &str,
    ) -> Report {
        Report {
            date: date.to_string(),
            day: Val::parse(date).and_then(|v| v.first_day()),
            date_from: date_from.to_string(),
            source_code: source_code.to_string(),
            source_country: source_code.get(..3).unwrap_or("").to_string(),
            target_code: target_code.to_string(),
            target_country: target_code.get(..3).unwrap_or("").to_string(),
            target_name: String::new(),
            root: root.to_string(),
            base: base.to_string(),
            tokens: BTreeSet::new(),
        }
    }

    /// The same report with its target's name.
    pub fn with_target_name(mut self, name: &str) -> Report {
        self.target_name = name.to_string();
        self
    }

    /// The report as the rule reads it: a symmetric act naming both
    /// countries faces from the alphabetically first ([`key_country`]),
    /// its sides swapped when the outlet named the other first (the
    /// target's written name, known only for the target, is dropped
    /// then: an unknown name fits any). Every other report is unchanged.
    pub fn facing(mut self) -> Report {
        if faces_back(&self.base, &self.source_country, &self.target_country) {
            std::mem::swap(&mut self.source_code, &mut self.target_code);
            std::mem::swap(&mut self.source_country, &mut self.target_country);
            self.target_name.clear();
        }
        self
    }

    /// Whether the date is one day (`2024-02-09`, `2024-02-09T10:00`).
    fn day_precise(&self) -> bool {
        let b = self.date.as_bytes();
        self.day.is_some()
            && b.len() >= 10
            && b[4] == b'-'
            && b[7] == b'-'
            && (b.len() == 10 || b[10] == b'T')
    }

    /// Whether the date was not stated in the report's own clause.
    fn soft(&self) -> bool {
        self.date_from != "text"
    }

    /// Whether this report's soft date may stand for `other`'s day one
    /// day away: a date defaulted to the publication day stands for the
    /// day before (a next-day wire that names no day), never for the day
    /// after, which the report cannot have told.
    fn soft_for(&self, other: &Report) -> bool {
        self.soft()
            && !(self.date_from == "published"
                && self.day.zip(other.day).is_some_and(|(a, b)| a < b))
    }

    /// How `self` (a new mention) fits `key` (a cluster's first mention),
    /// or `None` when the rule keeps them apart. Source countries are
    /// compared by the caller (they select the candidates); target
    /// countries here ([`targets_compatible`]), where an open target fits
    /// a named one.
    pub fn fits(&self, key: &Report) -> Option<Fit> {
        let same_day = days_compatible(self, key)?;
        let cross = crosses_border(&key.source_code, &key.target_code);
        let fits = self.root == key.root
            && sides_compatible(&self.source_code, &key.source_code, cross)
            && targets_compatible(self, key, cross)
            && names_compatible(&self.target_name, &key.target_name);
        fits.then(|| Fit {
            same_day,
            same_codes: self.source_code == key.source_code
                && self.target_code == key.target_code,
            same_base: self.base == key.base,
            overlap: jaccard(&self.tokens, &key.tokens),
        })
    }
}

/// Whether the targets of two reports can be one: one report leaves the
/// target open (no target actor) and the other names one, or both name
/// one of the same country with compatible codes ([`sides_compatible`]).
/// A cluster's other reports are checked by the caller (an open key
/// with one named target takes no second country: [`Clusters`], the
/// store's candidate query).
pub fn targets_compatible(a: &Report, b: &Report, cross: bool) -> bool {
    if a.target_code.is_empty() != b.target_code.is_empty() {
        return true;
    }
    a.target_country == b.target_country
        && sides_compatible(&a.target_code, &b.target_code, cross)
}

/// The candidate (in cluster creation order) `mention` fits best: the
/// greatest [`Fit`], the oldest cluster on ties; `None` when none fits.
/// The store and [`Clusters`] both choose with it.
pub fn best_fit<T, R: Borrow<Report>>(
    mention: &Report,
    candidates: impl IntoIterator<Item = (T, R)>,
) -> Option<T> {
    let mut best: Option<(Fit, T)> = None;
    for (id, key) in candidates {
        let Some(fit) = mention.fits(key.borrow()) else { continue };
        if best.as_ref().map_or(true, |(b, _)| fit > *b) {
            best = Some((fit, id));
        }
    }
    best.map(|(_, id)| id)
}

/// One cluster held in memory: its name, its first mention, the base
/// codes each article has in it and the target countries its reports
/// name.
#[derive(Debug)]
struct Held {
    name: String,
    key: Report,
    bases: HashMap<String, BTreeSet<String>>,
    targets: BTreeSet<String>,
}

impl Held {
    /// Whether a report naming target `country` (or open: '') may join:
    /// a cluster whose open key took one named target takes no other
    /// (two named targets are two events, even behind an open report).
    fn takes_target(&self, code: &str, country: &str) -> bool {
        code.is_empty() || self.targets.iter().all(|t| t == country)
    }
}

/// The rule over mentions held in memory, for events coded outside a
/// store (the Python package and its Spark step call it through
/// `casus._casus.Clusters`): mentions are assigned in the order the store
/// would ingest them, grouped by a key that holds at least the
/// [`key_country`] and the root (what the store's candidate query selects
/// on; the target's country is compared by the rule, an open target
/// fitting a named one). Mentions are turned by [`Report::facing`] here.
///
/// ```
/// use casus_store::cluster::{Clusters, Report};
/// let key = ["RUS".to_string(), "19".to_string()];
/// let mut c = Clusters::default();
/// let a = Report::new("2024-02-11", "text", "RUSMIL", "UKR", "19", "190");
/// let b = Report::new("2024-02-11", "text", "RUS", "UKR", "19", "195");
/// assert_eq!(c.assign(&key, a, "article-a", "e1"), "e1");
/// assert_eq!(c.assign(&key, b, "article-b", "e2"), "e1");
/// ```
#[derive(Debug, Default)]
pub struct Clusters {
    groups: HashMap<Vec<String>, Vec<Held>>,
}

impl Clusters {
    /// The name of the cluster `mention` (of `article`) joins, or `name`
    /// when it starts one. Like the store's candidate query, a cluster is
    /// a candidate when its day is within one of the mention's and it
    /// holds no mention of the same article with another base code.
    pub fn assign(
        &mut self,
        key: &[String],
        mention: Report,
        article: &str,
        name: &str,
    ) -> String {
        let mention = mention.facing();
        let group = self.groups.entry(key.to_vec()).or_default();
        let near = |h: &Held| match (mention.day, h.key.day) {
            (Some(a), Some(b)) => (a - b).num_days().abs() <= 1,
            _ => false,
        };
        let other_base = |h: &Held| {
            h.bases
                .get(article)
                .is_some_and(|bs| bs.iter().any(|b| *b != mention.base))
        };
        let takes = |h: &Held| {
            h.takes_target(&mention.target_code, &mention.target_country)
        };
        let candidates = group
            .iter()
            .enumerate()
            .filter(|(_, h)| near(h) && !other_base(h) && takes(h))
            .map(|(i, h)| (i, &h.key));
        let at = match best_fit(&mention, candidates) {
            Some(i) => i,
            None => {
                group.push(Held {
                    name: name.to_string(),
                    key: mention.clone(),
                    bases: HashMap::new(),
                    targets: BTreeSet::new(),
                });
                group.len() - 1
            }
        };
        let held = &mut group[at];
        if !mention.target_code.is_empty() {
            held.targets.insert(mention.target_country.clone());
        }
        held.bases
            .entry(article.to_string())
            .or_default()
            .insert(mention.base);
        held.name.clone()
    }

    /// Drops a key's clusters (a caller walking mentions sorted by key
    /// calls this when the key changes, to keep memory flat).
    pub fn forget(&mut self, key: &[String]) {
        self.groups.remove(key);
    }
}

/// Whether the dates of two reports allow one event: `Some(true)` for
/// the same day, `Some(false)` for days one apart where at least one date
/// is soft (not stated in the report's own clause: a next-day report that
/// gives no day defaults to its publication date) and, if it is the
/// publication date, the later of the two (a report published on the
/// 24th tells no event of the 25th), `None` otherwise.
/// Dates coarser than a day (`2024-W06`, `2024-02`) or naming no period
/// must be equal strings with the same day (for a date that names no
/// period the store's day is the publication date).
pub fn days_compatible(a: &Report, b: &Report) -> Option<bool> {
    if !(a.day_precise() && b.day_precise()) {
        return (a.date == b.date && a.day == b.day).then_some(true);
    }
    let (da, db) = (a.day?, b.day?);
    match (da - db).num_days().abs() {
        0 => Some(true),
        1 if a.soft_for(b) || b.soft_for(a) => Some(false),
        _ => None,
    }
}

/// Whether two actor names can name one actor: unless both are full
/// names (two words or more) with no word in common, as two different
/// persons are ("Gotabaya Rajapaksa" / "Ranil Wickremesinghe": the
/// president's residence stormed and the prime minister's home burnt
/// the same evening, one dyad, root and day). A missing name, a surname
/// alone ("Castillo" / "Pedro Castillo") or a one-word metonym
/// ("Colombo") is compatible with any.
pub fn names_compatible(a: &str, b: &str) -> bool {
    let (ta, tb) = (tokens(a), tokens(b));
    ta.len() < 2 || tb.len() < 2 || !ta.is_disjoint(&tb)
}

/// The name of an actor as its report writes it: `name` when the
/// report's evidence holds its last word, else '' (a name inferred from
/// an office on the day, "the President" read as the office holder of
/// the dictionary, may be the wrong holder on the day power changed
/// hands, and tells no second person apart).
pub fn written_name<'a>(name: &'a str, evidence: &str) -> &'a str {
    let last = name.rsplit(' ').find(|w| !w.is_empty()).unwrap_or("");
    let written =
        !last.is_empty() && tokens(evidence).contains(&last.to_lowercase());
    if written {
        name
    } else {
        ""
    }
}

/// Lowercased alphanumeric tokens of `text`, without one-letter tokens
/// and a few function words, deduplicated and sorted.
pub fn tokens(text: &str) -> BTreeSet<String> {
    const STOP: &[&str] = &[
        "the", "of", "and", "to", "in", "on", "a", "an", "for", "with", "by",
        "at", "from", "as", "that", "is", "was", "its", "it", "said", "says",
        "has", "have", "had", "be", "been", "were", "are",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| t.chars().count() > 1)
        .map(str::to_lowercase)
        .filter(|t| !STOP.contains(&t.as_str()))
        .collect()
}

/// Jaccard similarity |a ∩ b| / |a ∪ b| of two token sets (0 when both
/// are empty).
pub fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// The first day of the period a TIMEX3-style date names (`2024-02-09`,
/// `2024-02`, `2024-W06`, `2024`), read by casus's own
/// [`casus::time::value::Val`], or `fallback` when it names none
/// (`PAST_REF`, seasons and quarters).
pub(crate) fn day_of(date: &str, fallback: NaiveDate) -> NaiveDate {
    Val::parse(date).and_then(|v| v.first_day()).unwrap_or(fallback)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days() {
        let f = NaiveDate::from_ymd_opt(2024, 2, 11).unwrap();
        let cases = [
            ("2024-02-09", "2024-02-09"),
            ("2024-02-09T10:00", "2024-02-09"),
            ("2024-02", "2024-02-01"),
            ("2024-W06", "2024-02-05"),
            ("2023", "2023-01-01"),
            ("PAST_REF", "2024-02-11"),
            ("", "2024-02-11"),
            ("2024-13", "2024-02-11"),
        ];
        for (input, want) in cases {
            assert_eq!(day_of(input, f).to_string(), want, "{input}");
        }
    }

    #[test]
    fn names() {
        let cases = [
            ("", "Ranil Wickremesinghe", true),
            ("Castillo", "Pedro Castillo", true),
            ("Colombo", "Ranil Wickremesinghe", true),
            ("Pedro Castillo", "Pedro Castillo Terrones", true),
            ("Gotabaya Rajapaksa", "Ranil Wickremesinghe", false),
        ];
        for (a, b, want) in cases {
            assert_eq!(names_compatible(a, b), want, "{a} | {b}");
        }
        let a =
            Report::new("2022-07-09", "text", "LKACVL", "LKAGOV", "14", "145");
        let b = a.clone().with_target_name("Ranil Wickremesinghe");
        let a = a.with_target_name("Gotabaya Rajapaksa");
        assert!(a.fits(&b).is_none());
        assert!(a.fits(&a).is_some());
        let said = "Troops took custody of the President.";
        assert_eq!(written_name("Myint Swe", said), "");
        let said = "Soldiers detained President Win Myint.";
        assert_eq!(written_name("Win Myint", said), "Win Myint");
    }

    #[test]
    fn overlap() {
        let cases = [
            ("Egypt condemned the attack", "Egypt condemned the attack", 1.0),
            ("Egypt condemned the attack", "Egypt denounced the attack", 0.5),
            ("a b", "", 0.0),
            ("Egypt condemned", "Israel praised", 0.0),
        ];
        for (a, b, want) in cases {
            assert_eq!(jaccard(&tokens(a), &tokens(b)), want, "{a} | {b}");
        }
    }

    #[test]
    fn actor_levels() {
        let cases = [
            ("USA", "USA", true),
            ("USA", "USAMIL", true),
            ("USAMIL", "USA", true),
            ("USAGOV", "USAMIL", true),
            ("USAGOV", "USAGOVMIL", true),
            ("RUSCOP", "RUSJUD", true),
            ("YEMREB", "YEMINS", true),
            ("SDNMIL", "SDNREB", false),
            ("USAGOV", "USACVL", false),
            ("KENCVL", "KENLAB", false),
            ("GABGOV", "GABELI", true),
            ("USA", "", false),
            ("", "", true),
            ("IGOEUR", "IGOEUREEC", true),
            ("IGOUNO", "IGONAT", false),
            ("IGOUNOHRI", "IGOUNO", true),
            ("NGOHRI", "NGOMED", false),
        ];
        for (a, b, want) in cases {
            assert_eq!(actors_compatible(a, b), want, "{a} {b}");
        }
        // (a, b, across a border, compatible)
        let sides = [
            ("YEMREB", "YEMMIL", true, true),
            ("YEMREB", "YEMMIL", false, false),
            ("SDNMIL", "SDNREB", false, false),
            ("YEMGOV", "YEMREB", true, false),
            ("YEMREB", "SAUMIL", true, false),
            ("IGOUNO", "IGONAT", true, false),
            ("YEMREB", "", true, false),
        ];
        for (a, b, cross, want) in sides {
            assert_eq!(sides_compatible(a, b, cross), want, "{a} {b} {cross}");
        }
        assert!(crosses_border("YEMREB", "SAU"));
        assert!(!crosses_border("SDNMIL", "SDNREB"));
        assert!(!crosses_border("IGOEUREEC", "RUS"));
        assert!(!crosses_border("RUS", ""));
    }

    fn rep(date: &str, from: &str, src: &str, cameo: &str) -> Report {
        let root = &cameo[..2];
        Report::new(date, from, src, "IRN", root, &cameo[..3])
    }

    #[test]
    fn fits_table() {
        let key = rep("1987-10-19", "text", "USAMIL", "194");
        // (mention, fits, same day)
        let cases = [
            (rep("1987-10-19", "text", "USAMIL", "194"), Some(true)),
            (rep("1987-10-19", "published", "USA", "190"), Some(true)),
            (rep("1987-10-20", "published", "USA", "190"), Some(false)),
            (rep("1987-10-18", "anchor", "USAGOV", "193"), Some(false)),
            // Published the day before the key's stated day: it cannot
            // tell it.
            (rep("1987-10-18", "published", "USAGOV", "193"), None),
            // Both days stated in their own clauses: two events.
            (rep("1987-10-20", "text", "USAMIL", "194"), None),
            (rep("1987-10-21", "published", "USAMIL", "194"), None),
            (rep("1987-10-19", "text", "USAMIL", "173"), None),
            // Abroad, the rebels and the army of one country may be one
            // force as two outlets name it; a civilian role never is.
            (rep("1987-10-19", "text", "USAREB", "194"), Some(true)),
            (rep("1987-10-19", "text", "USACVL", "194"), None),
            (rep("1987-10", "text", "USAMIL", "194"), None),
            (rep("PAST_REF", "text", "USAMIL", "194"), None),
        ];
        for (m, want) in cases {
            let got = m.fits(&key).map(|f| f.same_day);
            assert_eq!(got, want, "{m:?}");
        }
        let week = rep("1987-W43", "text", "USAMIL", "194");
        assert!(week.fits(&week).is_some());
        let a = rep("1987-10-19", "text", "USAMIL", "194");
        let b = rep("1987-10-19", "text", "USA", "190");
        let same = a.fits(&key).unwrap();
        let other = b.fits(&key).unwrap();
        assert!(same > other, "{same:?} {other:?}");
    }

    #[test]
    fn open_target() {
        let key = ["PRK".to_string(), "15".to_string()];
        let m = |target: &str, name: &str| {
            Report::new("2022-11-18", "text", "PRK", target, "15", "150")
                .with_target_name(name)
        };
        let mut c = Clusters::default();
        // Open, then named: one launch, the second outlet naming the
        // country whose waters it fell in.
        assert_eq!(c.assign(&key, m("", ""), "a", "e1"), "e1");
        assert_eq!(c.assign(&key, m("JPN", ""), "b", "e2"), "e1");
        assert_eq!(c.assign(&key, m("", ""), "c", "e3"), "e1");
        // The open key took Japan: a report naming another country is
        // another event.
        assert_eq!(c.assign(&key, m("KOR", ""), "d", "e4"), "e4");
        // Named first, then open: the open report joins.
        let mut c = Clusters::default();
        assert_eq!(c.assign(&key, m("JPN", ""), "a", "e1"), "e1");
        assert_eq!(c.assign(&key, m("", ""), "b", "e2"), "e1");
        // Two named targets of two countries never merge.
        assert_eq!(c.assign(&key, m("KOR", ""), "c", "e3"), "e3");
        let open = m("", "");
        let named = m("JPN", "");
        assert!(targets_compatible(&open, &named, false));
        assert!(!targets_compatible(&named, &m("KOR", ""), false));
    }

    /// Acts with no direction are compared by their unordered pair of
    /// countries; every other act by its direction.
    #[test]
    fn symmetric_acts() {
        assert!(symmetric("040") && symmetric("043") && symmetric("057"));
        assert!(!symmetric("045") && !symmetric("161") && !symmetric("04"));
        // (base, source, target, key country)
        let keys = [
            ("040", "RUS", "CHN", "CHN"),
            ("040", "CHN", "RUS", "CHN"),
            ("040", "RUS", "", "RUS"),
            ("161", "RUS", "EST", "RUS"),
        ];
        for (base, s, t, want) in keys {
            assert_eq!(key_country(base, s, t), want, "{base} {s} {t}");
        }
        let m = |src: &str, tgt: &str, base: &str| {
            Report::new("2023-03-20", "text", src, tgt, &base[..2], base)
        };
        let faced =
            m("RUSGOV", "CHNGOV", "043").with_target_name("Xi Jinping");
        let faced = faced.facing();
        assert_eq!(
            (faced.source_code.as_str(), faced.target_code.as_str()),
            ("CHNGOV", "RUSGOV")
        );
        assert_eq!(faced.target_name, "");
        let kept = m("RUSGOV", "ESTGOV", "161").facing();
        assert_eq!(kept.source_code, "RUSGOV");
        let mut c = Clusters::default();
        let key = |r: &Report| {
            let k = key_country(&r.base, &r.source_country, &r.target_country);
            [k.to_string(), r.root.clone()]
        };
        let mut put = |r: Report, a: &str| c.assign(&key(&r), r, a, a);
        assert_eq!(put(m("RUSGOV", "CHNGOV", "040"), "a"), "a");
        assert_eq!(put(m("CHNGOV", "RUSGOV", "040"), "b"), "a");
        assert_eq!(put(m("RUSGOV", "CHN", "043"), "c"), "a");
        assert_eq!(put(m("ESTGOV", "RUSGOV", "161"), "d"), "d");
        assert_eq!(put(m("RUSGOV", "ESTGOV", "161"), "e"), "e");
    }

    #[test]
    fn clusters_in_memory() {
        let key = ["RUS".to_string(), "19".to_string()];
        let m = |date: &str, src: &str, base: &str| {
            Report::new(date, "text", src, "UKR", "19", base)
        };
        // (date, source, base, article, name) per mention.
        type Mention = (
            &'static str,
            &'static str,
            &'static str,
            &'static str,
            &'static str,
        );
        let cases: &[(&[Mention], &[&str])] = &[
            (
                &[
                    ("2024-02-12", "RUS", "190", "a", "e1"),
                    ("2024-02-12", "RUS", "190", "b", "e2"),
                ],
                &["e1", "e1"],
            ),
            (
                &[
                    ("2024-02-12", "RUSMIL", "190", "a", "e1"),
                    ("2024-02-12", "RUS", "195", "b", "e2"),
                ],
                &["e1", "e1"],
            ),
            // One article telling two acts (two base codes): two events.
            (
                &[
                    ("2024-02-12", "RUS", "190", "a", "e1"),
                    ("2024-02-12", "RUS", "193", "a", "e2"),
                ],
                &["e1", "e2"],
            ),
            // Against another country, the army and the rebels of one
            // country may be one force as two outlets name it.
            (
                &[
                    ("2024-02-12", "RUSMIL", "190", "a", "e1"),
                    ("2024-02-12", "RUSREB", "190", "b", "e2"),
                ],
                &["e1", "e1"],
            ),
            (
                &[
                    ("2024-02-12", "RUSMIL", "190", "a", "e1"),
                    ("2024-02-12", "RUSCVL", "190", "b", "e2"),
                ],
                &["e1", "e2"],
            ),
            // Two days apart: two events; dates stated in both clauses one day apart: two.
            (
                &[
                    ("2024-02-12", "RUS", "190", "a", "e1"),
                    ("2024-02-14", "RUS", "190", "b", "e2"),
                ],
                &["e1", "e2"],
            ),
            (
                &[
                    ("2024-02-12", "RUS", "190", "a", "e1"),
                    ("2024-02-13", "RUS", "190", "b", "e2"),
                ],
                &["e1", "e2"],
            ),
        ];
        for (mentions, want) in cases {
            let mut c = Clusters::default();
            let got: Vec<String> = mentions
                .iter()
                .map(|&(d, s, b, a, n)| c.assign(&key, m(d, s, b), a, n))
                .collect();
            assert_eq!(got, *want, "{mentions:?}");
        }
        let mut c = Clusters::default();
        let soft =
            Report::new("2024-02-13", "published", "RUS", "UKR", "19", "190");
        assert_eq!(
            c.assign(&key, m("2024-02-12", "RUS", "190"), "a", "e1"),
            "e1"
        );
        assert_eq!(c.assign(&key, soft, "b", "e2"), "e1");
        c.forget(&key);
        assert_eq!(
            c.assign(&key, m("2024-02-12", "RUS", "190"), "c", "e3"),
            "e3"
        );
    }
}
