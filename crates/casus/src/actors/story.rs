//! The story's country: where an article happens, for actors whose own
//! words name no country ("gunmen", "the army", "protesters") and for
//! names that recur across countries ("PDP", "Congo", "Georgia").
//!
//! Three sources, strongest first: a wire dateline ("TIARET, Algeria -",
//! "KINSHASA, Oct 2 (Reuters) -") decides; otherwise each place the
//! article names ("in Maiduguri") and each actor whose name gives a
//! country ("Sudanese", "FARDC") counts once for that country, and the
//! country counted most is the story's (ties: the one named first, as
//! stories name their subject first). International bodies and regions
//! count for nothing.
//!
//! ```text
//! "Farmers protested in Tiaret, Algeria."     -> DZA (places)
//! "ABUJA, May 2 - Gunmen killed 3 villagers." -> NGA (dateline)
//! ```

use super::gazetteer::Hit;
use super::learn::Ctx;
use crate::places::PlaceMention;

/// Country slots that are not countries: bodies, sectors and regions.
/// Region codes that are also ISO 3166 codes are left out: `NAM` is
/// Namibia in every dictionary (North America is no actor code here).
pub(crate) const NOT_COUNTRIES: &[&str] = &[
    "IGO", "NGO", "IMG", "MNC", "WST", "EUR", "AFR", "ASA", "MEA", "LAM",
    "SAM", "CAU", "SEA", "SAS", "WAF", "EAF", "NAF", "CAS", "BLK", "UIS",
    "INT",
];

/// Whether a code's country slot names a country.
pub(crate) fn is_country(c: &str) -> bool {
    c.len() == 3
        && c.bytes().all(|b| b.is_ascii_uppercase())
        && !NOT_COUNTRIES.contains(&c)
}

/// Score of a dateline's country: more than any count of mentions.
const DATELINE: u32 = 1 << 20;

/// Bytes of the text's start searched for a dateline.
const DATELINE_BYTES: usize = 120;

/// The story's countries, scored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Story {
    /// (country, score, first byte it was named at), best first.
    ranked: Vec<(String, u32, u32)>,
    /// The dateline names two cities of two countries
    /// ([`shared_dateline`]).
    shared: bool,
}

impl Story {
    /// The story of an article: its dateline, the places it names and
    /// the countries of its gazetteer `hits` that have only one reading.
    pub fn new(cx: &Ctx<'_>, hits: &[Hit], places: &[PlaceMention]) -> Story {
        let subs = &cx.norm.subs;
        // (byte start, byte end, country) of every mention with one.
        let mut named: Vec<(u32, u32, &str)> = Vec::new();
        for h in hits {
            let Some(c) = cx.gaz.country_of(h.entry) else { continue };
            if !is_country(c) || cx.gaz.ambiguous(cx.norm, h, cx.date) {
                continue;
            }
            let (a, b) =
                (subs[h.a as usize].span, subs[h.b as usize - 1].span);
            named.push((a.start, b.end, c));
        }
        for p in places {
            let Some(c) = p.country.as_deref().filter(|c| is_country(c))
            else {
                continue;
            };
            let (a, b) = (p.span.start, p.span.end);
            // A place the actors already counted ("Israel") counts once.
            if !named.iter().any(|&(x, y, _)| x < b && a < y) {
                named.push((a, b, c));
            }
        }
        named.sort_unstable();
        // A dateline of two cities of two countries ("BAKU/YEREVAN
        // (Reuters) -") names both sides of the story, neither its own:
        // each counts as a place, and the story has no country of its own
        // unless its mentions give one ([`Story::country`]).
        let shared = shared_dateline(cx.text, &named);
        let dateline = if shared {
            None
        } else {
            dateline(cx.text, &named)
                .filter(|d| !bureau_abroad(cx.text, &named, d))
                .map(str::to_string)
        };
        let mut ranked: Vec<(String, u32, u32)> = Vec::new();
        for &(a, _, c) in &named {
            match ranked.iter_mut().find(|r| r.0 == c) {
                Some(r) => r.1 += 1,
                None => ranked.push((c.to_string(), 1, a)),
            }
        }
        if let Some(d) = &dateline {
            match ranked.iter_mut().find(|r| &r.0 == d) {
                Some(r) => r.1 += DATELINE,
                None => ranked.push((d.clone(), DATELINE, 0)),
            }
        }
        ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.2.cmp(&y.2)));
        Story { ranked, shared }
    }

    /// The story's country: the dateline's, else the country named most
    /// (ties: first named). Under a two-country dateline the first
    /// country must be named more often than the second, else the story
    /// has none: "Police said" in a Baku/Yerevan story is either side's,
    /// and an open country is better than a wrong one.
    pub fn country(&self) -> Option<&str> {
        let first = self.ranked.first()?;
        if self.shared
            && self.ranked.get(1).is_some_and(|second| second.1 >= first.1)
        {
            return None;
        }
        Some(first.0.as_str())
    }

    /// The country of the story's dateline, when one decides it (not a
    /// bureau abroad, not a two-country dateline).
    pub fn dateline(&self) -> Option<&str> {
        self.ranked.first().filter(|r| r.1 >= DATELINE).map(|r| r.0.as_str())
    }

    /// The story's first `n` countries that are countries, best first.
    pub fn top(&self, n: usize) -> impl Iterator<Item = &str> {
        self.ranked
            .iter()
            .map(|r| r.0.as_str())
            .filter(|c| is_country(c))
            .take(n)
    }

    /// Where `country` ranks among the story's countries (0 = the
    /// story's own); `None` if the story never names it.
    pub fn rank(&self, country: &str) -> Option<usize> {
        self.ranked.iter().position(|r| r.0 == country)
    }
}

/// The country of a wire dateline opening `text` ("TIARET, Algeria -",
/// "KINSHASA, Oct 2 (Reuters) -"): the last mention in `named` before
/// the dash, outside parentheses (the agency).
fn dateline<'n>(text: &str, named: &[(u32, u32, &'n str)]) -> Option<&'n str> {
    let end = dateline_end(text)?;
    let head = &text[..end];
    named
        .iter()
        .rev()
        .filter(|&&(a, b, _)| (b as usize) <= end && a < b)
        .find(|&&(a, _, _)| {
            // Not inside "( ... )".
            let before = &head[..a as usize];
            before.rfind('(').map_or(true, |o| before[o..].contains(')'))
        })
        .map(|&(_, _, c)| c)
}

/// Mentions of one other country that a story must make, with none of
/// its dateline's country after the dateline, before the dateline is
/// read as a bureau abroad ([`bureau_abroad`]).
const BUREAU_ABROAD: usize = 3;

/// Whether a dash dateline is a bureau abroad reporting another
/// country's news ("CHIANG MAI -- Myanmar's junta ...", "NAIROBI
/// (Reuters) - Somali troops ..."): some other country is named after
/// the dateline at least [`BUREAU_ABROAD`] times and more than
/// [`BUREAU_RATIO`] times as often as the dateline's own (most often
/// not at all). Its role actors ("the military", "police")
/// are then that country's, not the bureau's host's. A national
/// agency's dateline ("YEREVAN, MAY 4, ARMENPRESS.") reports from home
/// and always decides.
fn bureau_abroad(text: &str, named: &[(u32, u32, &str)], home: &str) -> bool {
    let Some(end) = dateline_end(text) else { return false };
    if text.as_bytes().get(end) == Some(&b'.') {
        return false;
    }
    let body = || named.iter().filter(|&&(a, _, _)| a as usize >= end);
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (_, _, c) in body() {
        match counts.iter_mut().find(|x| x.0 == *c) {
            Some(x) => x.1 += 1,
            None => counts.push((c, 1)),
        }
    }
    let at_home = counts.iter().find(|x| x.0 == home).map_or(0, |x| x.1);
    // The host named in passing ("fled to South Africa" under a
    // Johannesburg dateline on Zimbabwe's crisis) leaves the bureau
    // abroad when another country is named more than twice as often and
    // the dateline's city is no scene of the story: "PANAMA CITY - American
    // troops fought ... in Panama City" reports from where it happens.
    if at_home > 0 && city_named_again(text, named, home, end) {
        return false;
    }
    counts.iter().any(|&(c, n)| {
        c != home && n >= BUREAU_ABROAD && n > BUREAU_RATIO * at_home
    })
}

/// Whether the dateline's own place (its mention of `home` before byte
/// `end`) is named again after the dateline.
fn city_named_again(
    text: &str,
    named: &[(u32, u32, &str)],
    home: &str,
    end: usize,
) -> bool {
    let city = named
        .iter()
        .find(|&&(a, _, c)| (a as usize) < end && c == home)
        .and_then(|&(a, b, _)| text.get(a as usize..b as usize));
    let body = text.get(end..).unwrap_or("").to_lowercase();
    city.is_some_and(|c| body.contains(&c.to_lowercase()))
}

/// How many times more often than the dateline's own country another
/// country must be named for a dateline naming both to be a bureau
/// abroad ([`bureau_abroad`]).
const BUREAU_RATIO: usize = 2;

/// Month names (and their common abbreviations) of an agency dateline.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// The end (its full stop) of a national agency's dateline with no dash
/// at the start of `window`: "YEREVAN, SEPTEMBER 20, ARMENPRESS." — a
/// city in capitals, a month and day, the agency's name in capitals.
fn agency_dateline(window: &str) -> Option<usize> {
    // A byte loop: `str::find` builds a substring searcher per call.
    let end = window.as_bytes().windows(2).position(|w| w == b". ")?;
    let parts: Vec<&str> = window[..end].split(", ").collect();
    let [city, day, agency] = parts.as_slice() else { return None };
    let caps = |s: &str| {
        s.chars().any(char::is_alphabetic)
            && s.chars().all(|c| c.is_uppercase() || " -'".contains(c))
    };
    let mut date = day.split_whitespace();
    let month = date.next()?.trim_end_matches('.').to_lowercase();
    let dated = MONTHS.contains(&month.as_str())
        && date.next().is_some_and(|d| d.chars().all(|c| c.is_ascii_digit()))
        && date.next().is_none();
    (caps(city) && dated && caps(agency) && !agency.contains(' '))
        .then_some(end)
}

/// Whether the dateline opening `text` names cities of two countries
/// joined by a slash ("BAKU/YEREVAN (Reuters) -", "MOSCOW/KYIV, May 3
/// -"): by the mentions of `named` before its dash, outside
/// parentheses.
pub(crate) fn shared_dateline(text: &str, named: &[(u32, u32, &str)]) -> bool {
    let Some(end) = dateline_end(text) else { return false };
    let head = &text[..end];
    // The cities: the head up to its first comma or parenthesis.
    let cities = head.find([',', '(']).unwrap_or(head.len());
    if !head[..cities].contains('/') {
        return false;
    }
    let mut countries = named
        .iter()
        .filter(|&&(_, b, _)| (b as usize) <= cities)
        .map(|&(_, _, c)| c);
    let Some(first) = countries.next() else { return false };
    countries.any(|c| c != first)
}

/// The byte where a dateline opening `text` ends (its dash): a
/// capitalised run of at most ten words, no sentence end, then " - ",
/// " -- " or an em or en dash, within the first [`DATELINE_BYTES`]; or
/// the full stop of a national agency's dateline ([`agency_dateline`]).
pub(crate) fn dateline_end(text: &str) -> Option<usize> {
    let start = text.len() - text.trim_start().len();
    let mut cut = (start + DATELINE_BYTES).min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let window = &text[start..cut];
    if !window.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    if let Some(end) = agency_dateline(window) {
        return Some(start + end);
    }
    let dash = first_dash(window)?;
    let head = &window[..dash];
    let words = head.split_whitespace().count();
    let sentence_end = ends_sentence(head) && !head.contains('(');
    // "TIARET, Algeria", "MOSCOW", "Kinshasa, Oct 2": a city in capitals
    // or followed by a comma, not a clause ("Soldiers left Kinshasa").
    let first = head.split([' ', ',']).next().unwrap_or("");
    let city = head.contains(',')
        || first.len() > 1 && !first.chars().any(char::is_lowercase);
    (words <= 10 && city && !sentence_end && !head.contains('\n'))
        .then_some(start + dash)
}

/// Whether `head` has a full stop that ends a sentence: one after a
/// month's abbreviation does not ("TOKYO, Aug. 27 Kyodo -", an agency
/// named without parentheses, is a dateline, not a sentence that ends
/// at "Aug.").
fn ends_sentence(head: &str) -> bool {
    head.match_indices(". ").any(|(at, _)| {
        let word = head[..at].rsplit([' ', ',']).next().unwrap_or("");
        !MONTHS.contains(&word.to_lowercase().as_str())
    })
}

/// The byte of the first dash that can end a dateline in `window` (" - ",
/// " -- ", an em dash with or without a space before it, " – "): the
/// least start of any of them. One pass over the window: this runs for
/// every article, several times, and five substring searches (each
/// building its own searcher) cost more than the rest of the test.
fn first_dash(window: &str) -> Option<usize> {
    const DASHES: [&str; 5] =
        [" - ", " -- ", " \u{2014}", "\u{2014}", " \u{2013} "];
    let bytes = window.as_bytes();
    // Every dash starts with a space or with 0xE2, the lead byte of the
    // em dash; both are character boundaries. A plain loop: spaces are
    // too frequent for a vectorised search to pay for its calls.
    (0..bytes.len()).find(|&i| {
        matches!(bytes[i], b' ' | 0xE2)
            && DASHES.iter().any(|d| bytes[i..].starts_with(d.as_bytes()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::{ActorMatcher, Context, CountryFrom};
    use crate::places::PlaceMatcher;
    use crate::Article;

    /// `(text, [(role mention, code, country_from)])`: role actors take
    /// the country of the places an article names, first-level divisions
    /// and towns of every continent included (dicts/places.tsv).
    #[test]
    fn role_actors_from_places() {
        use CountryFrom::{Place, Story};
        type Row<'a> = (&'a str, &'a str, CountryFrom);
        let places = PlaceMatcher::builtin().expect("places");
        let actors = ActorMatcher::builtin().expect("actors");
        let cases: &[(&str, &[Row<'_>])] = &[
            (
                "Teachers marched in Kankan over unpaid wages.",
                &[("Teachers", "GINEDU", Place)],
            ),
            ("Farmers blocked a road near Kitale.", &[("Farmers", "KENAGR", Place)]),
            // Namibia's code is no region code.
            (
                "Police fired tear gas at students in Oshakati.",
                &[("Police", "NAMCOP", Place), ("students", "NAMEDU", Place)],
            ),
            (
                "Gunmen killed two herders in Tillaberi region. Soldiers came.",
                &[
                    ("Gunmen", "NERREB", Place),
                    ("herders", "NERAGR", Place),
                    ("Soldiers", "NERMIL", Story),
                ],
            ),
            (
                "Residents of Mzuzu protested against power cuts.",
                &[("Residents", "MWICVL", Place)],
            ),
            (
                "Workers at a mine in Antofagasta went on strike.",
                &[("Workers", "CHLLAB", Place)],
            ),
            ("Villagers fled fighting in Sagaing.", &[("Villagers", "MMRCVL", Place)]),
            ("Protesters gathered in Karaganda.", &[("Protesters", "KAZCVL", Place)]),
            // Another body's role word: an attached place, never the story.
            (
                "The company workers struck in Kano.",
                &[("company workers", "NGALAB", Place)],
            ),
        ];
        for (text, want) in cases {
            let article =
                Article::new("t", "2024-01-11".parse().expect("date"), text);
            let analyzed = crate::text::analyze(text);
            let found = places.find(text, &analyzed);
            let cx = Context { places: &found, parses: None };
            let got: Vec<(String, String, Option<CountryFrom>)> = actors
                .find(&article, &analyzed, &cx)
                .into_iter()
                .map(|m| {
                    (
                        m.span.slice(text).to_string(),
                        m.code.to_string(),
                        m.country_from,
                    )
                })
                .collect();
            let want: Vec<(String, String, Option<CountryFrom>)> = want
                .iter()
                .map(|(a, b, c)| (a.to_string(), b.to_string(), Some(*c)))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    /// (text, role mention, code, country_from): the story's country
    /// from a dateline, whichever form it takes; a dateline of two
    /// countries' cities leaves a role actor with no other cue open.
    #[test]
    fn role_actors_from_datelines() {
        let places = PlaceMatcher::builtin().expect("places");
        let actors = ActorMatcher::builtin().expect("actors");
        let cases: &[(&str, &str, &str, Option<CountryFrom>)] = &[
            (
                "YEREVAN, MAY 4, ARMENPRESS. Azerbaijan said its troops \
                 took positions near Lachin and Kalbajar in Azerbaijan. \
                 Police detained two men.",
                "Police",
                "ARMCOP",
                Some(CountryFrom::Story),
            ),
            (
                "BAKU/YEREVAN (Reuters) - Azerbaijan and Armenia traded \
                 accusations on Tuesday. Police said two men were hurt.",
                "Police",
                "---COP",
                None,
            ),
            (
                "MOSCOW/KYIV, May 3 (Reuters) - Russia and Ukraine traded \
                 accusations. Soldiers were seen near the plant.",
                "Soldiers",
                "---MIL",
                None,
            ),
            // A bureau abroad: the host is never named again, another
            // country three times.
            (
                "NAIROBI (Reuters) - Somalia's government said fighters \
                 attacked a base in Somalia's Lower Shabelle region. \
                 Somali officials said police had arrested two men.",
                "police",
                "SOMCOP",
                Some(CountryFrom::Story),
            ),
            // The host named again, not much less often than the other
            // country: its dateline decides.
            (
                "NAIROBI (Reuters) - Somalia's government said fighters \
                 attacked a base in Somalia's Lower Shabelle region. \
                 Somali officials said Kenyan police and Kenya's army had \
                 helped. Police arrested two men.",
                "Police",
                "KENCOP",
                Some(CountryFrom::Story),
            ),
            // The host named once in passing, the other country more than
            // twice as often: still a bureau abroad.
            (
                "JOHANNESBURG - Zimbabwe's ruling party met in Harare. \
                 A Zimbabwean minister who fled to South Africa returned \
                 to Zimbabwe on Monday. Soldiers guarded the parliament.",
                "Soldiers",
                "ZWEMIL",
                Some(CountryFrom::Story),
            ),
        ];
        for (text, mention, code, from) in cases {
            let article =
                Article::new("t", "2024-05-04".parse().expect("date"), text);
            let analyzed = crate::text::analyze(text);
            let found = places.find(text, &analyzed);
            let cx = Context { places: &found, parses: None };
            let got = actors.find(&article, &analyzed, &cx);
            let m = got
                .iter()
                .find(|m| m.span.slice(text) == *mention)
                .unwrap_or_else(|| panic!("{text}: {got:?}"));
            assert_eq!(
                (m.code.as_str(), m.country_from),
                (*code, *from),
                "{text}"
            );
        }
    }

    /// (text, country named in the dateline, as mention spans).
    #[test]
    fn datelines() {
        type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], Option<&'a str>);
        let cases: &[Case<'_>] = &[
            (
                "TIARET, Algeria - Farmers protested.",
                &[("Algeria", "DZA")],
                Some("DZA"),
            ),
            (
                "KINSHASA, Oct 2 (Reuters) - Soldiers left.",
                &[("KINSHASA", "COD"), ("Reuters", "GBR")],
                Some("COD"),
            ),
            (
                "Soldiers left Kinshasa - at last.",
                &[("Kinshasa", "COD")],
                None,
            ),
            (
                "Troops left. Then KINSHASA - nothing.",
                &[("KINSHASA", "COD")],
                None,
            ),
            (
                "MOSCOW \u{2014} Russia said so.",
                &[("MOSCOW", "RUS")],
                Some("RUS"),
            ),
            // A national agency's dateline without a dash.
            (
                "BAKU, MARCH 2, AZERTAC. Baku said Armenia fired.",
                &[("BAKU", "AZE"), ("Baku", "AZE"), ("Armenia", "ARM")],
                Some("AZE"),
            ),
            // An agency named without parentheses after an abbreviated
            // month: the month's full stop ends no sentence.
            (
                "TOKYO, Aug. 27 Kyodo - Japan protested.",
                &[("TOKYO", "JPN"), ("Kyodo", "JPN"), ("Japan", "JPN")],
                Some("JPN"),
            ),
            (
                "OSLO, Sept. 3 NTB - Troops left.",
                &[("OSLO", "NOR")],
                Some("NOR"),
            ),
            // A sentence's own full stop still ends it.
            (
                "Troops left Oslo. Then OSLO - nothing.",
                &[("Oslo", "NOR"), ("OSLO", "NOR")],
                None,
            ),
            // Two cities of two countries: neither.
            (
                "BAKU/YEREVAN (Reuters) - Both sides fired.",
                &[("BAKU", "AZE"), ("YEREVAN", "ARM"), ("Reuters", "GBR")],
                None,
            ),
        ];
        for (text, ms, want) in cases {
            let named: Vec<(u32, u32, &str)> = ms
                .iter()
                .map(|(w, c)| {
                    let a = text.find(w).expect("word") as u32;
                    (a, a + w.len() as u32, *c)
                })
                .collect();
            let shared = shared_dateline(text, &named);
            let got = if shared { None } else { dateline(text, &named) };
            assert_eq!(got, *want, "{text}");
        }
    }

    /// The one-pass dash search finds what the least of five substring
    /// searches found.
    #[test]
    fn first_dash_is_the_least_find() {
        let dashes = [" - ", " -- ", " \u{2014}", "\u{2014}", " \u{2013} "];
        for w in [
            "OSLO - The talks",
            "OSLO, March 4 -- The talks",
            "OSLO\u{2014}The talks - more",
            "Lima \u{2013} the talks \u{2014} resumed",
            "Quito, May 3 \u{2014} x - y",
            "no dash at all here",
            "a-b c- d -e",
            "\u{2013}\u{2014} - ",
        ] {
            let want = dashes.iter().filter_map(|d| w.find(d)).min();
            assert_eq!(first_dash(w), want, "{w}");
        }
    }
}
