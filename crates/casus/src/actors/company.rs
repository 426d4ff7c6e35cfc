//! Company names that contain a country or role word: "American Express",
//! "Canadian Imperial Bank of Commerce", "TEC America Inc", "General
//! Dynamics Corp". The gazetteer finds "American", "Canadian", "America"
//! and "General" in them; read as actors they make a company's statement
//! a country's (USA, CAN) or an army's (`---MIL`). A company is no
//! political actor, so such hits are dropped before mentions are built.
//!
//! The rule, on the normalised sub-tokens: a hit for a country or capital
//! (not a named body or person: "World Bank", "Federal Reserve" stay) or
//! for a role word, whose first word is capitalised, is followed in the
//! same sentence by a run of capitalised words (joined by "&", "-", "of"
//! before a capitalised word, abbreviation periods) that ends in a company
//! head word of `dicts/ner/company_words.txt` ("Corp", "Inc", "Bank",
//! "Express", "Airlines"), or has one right before "of" ("Bank of
//! Commerce"). A gazetteer hit inside the run stops it (the run is then
//! a title or a named body: "U.S. Energy Secretary", "Export-Import
//! Bank"), except a one-word hit on the head word itself ("Bank" is a
//! business agent). "Bank of Canada" is not touched: the country follows the head
//! word.
//!
//! ```text
//! American Express Co said ...      -> "American" dropped
//! Bank of America Corp said ...     -> "America" dropped
//! Terumo Corp of Tokyo said ...     -> "Tokyo" dropped (the seat)
//! the Tokyo stock exchange          -> "Tokyo" dropped (a market)
//! the American Enterprise Institute -> kept (no company head word)
//! ```

use super::gazetteer::{Gazetteer, Hit, Kind, Norm};
use super::learn::Lexicon;
use crate::dict::Names;
use crate::text::calendar;

/// Most words between a hit and the company's head word.
const MAX_RUN: usize = 6;

/// Removes from `hits` (sorted, non-overlapping) the country, capital and
/// role hits that are part of a company name; `sent` is each sub-token's
/// sentence.
pub(crate) fn drop_in_names(
    gaz: &Gazetteer,
    lex: &Lexicon,
    norm: &Norm<'_>,
    sent: &[u32],
    hits: &mut Vec<Hit>,
) {
    if lex.company_words.is_empty() || hits.is_empty() {
        return;
    }
    // Which sub-tokens some hit covers (a hit stops a run); a one-word
    // hit on a company head word ("Bank", a business agent) does not.
    let mut covered = vec![false; norm.subs.len()];
    let head = |h: &Hit| {
        h.b == h.a + 1
            && lex
                .company_words
                .contains(norm.word(h.a as usize).trim_end_matches('.'))
    };
    for h in hits.iter().filter(|h| !head(h)) {
        for c in
            covered.get_mut(h.a as usize..h.b as usize).into_iter().flatten()
        {
            *c = true;
        }
    }
    // Title words a company's officer had earlier in the article ("a
    // company spokesman said ... spokesman John Cote told Reuters"):
    // wire copy names the same officer by the bare title next.
    // Compared without lowercasing a copy: this runs over every word of
    // every article, twice (the parse gate's actor pass and the coder's).
    let firm_titles: Vec<(usize, String)> = (1..norm.subs.len())
        .filter(|&i| {
            let before = norm.word(i - 1);
            sent.get(i) == sent.get(i - 1)
                && ["company", "firm", "company's", "firm's"]
                    .iter()
                    .any(|w| before.eq_ignore_ascii_case(w))
        })
        .map(|i| (i, norm.word(i).to_ascii_lowercase()))
        .collect();
    let firms = firm_names(norm, sent, &covered);
    hits.retain(|h| {
        let droppable = gaz.entries.get(h.entry as usize).is_some_and(|e| {
            matches!(e.kind, Kind::Agent(_))
                || (e.kind == Kind::Actor
                    && matches!(e.names, Names::Countries | Names::Capitals))
        });
        // Titles (government, military, judicial roles) only: "company
        // workers" are workers all the same.
        let agent = gaz.entries.get(h.entry as usize).is_some_and(|e| {
            matches!(e.kind, Kind::Agent(_))
                && matches!(e.code.as_str(), "GOV" | "MIL" | "JUD" | "REB")
        });
        let in_name =
            droppable && in_company_name(lex, norm, sent, &covered, h);
        let no_official = agent
            && (business_title(lex, norm, sent, &covered, &firm_titles, h)
                || firm_officer(norm, sent, &covered, &firms, h)
                || opens_firm_name(norm, sent, &covered, &firms, h)
                || official_adjective(norm, sent, h)
                || military_adjective(norm, sent, h));
        !(in_name || no_official)
    });
}

/// Capitalised words the article gives a legal-form suffix ("GenCorp"
/// of "GenCorp Inc", "Contel" of "Contel Corp's"): company names, which
/// wire copy then uses bare ("GenCorp officials declined to comment").
fn firm_names(norm: &Norm<'_>, sent: &[u32], covered: &[bool]) -> Vec<String> {
    let initial =
        |i: usize| norm.subs.get(i).is_some_and(|s| s.word && s.initial);
    let legal = |i: usize| initial(i) && firm_suffix(norm.word(i));
    let mut names: Vec<String> = (1..norm.subs.len())
        .filter(|&i| {
            let w = i - 1;
            sent.get(i) == sent.get(w)
                && legal(i)
                && initial(w)
                && !legal(w)
                && !covered.get(w).copied().unwrap_or(true)
        })
        .map(|i| norm.word(i - 1).to_ascii_lowercase())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Whether the title hit `h` is a company's officer by its context:
/// after a name the article gives a legal form ("GenCorp officials"),
/// or after "its" / "said" in a sentence whose subject is a company
/// ("Acme Inc said its president resigned", "Acme Corp said president
/// John Doe resigned"). "Iran said its president" has no legal form.
fn firm_officer(
    norm: &Norm<'_>,
    sent: &[u32],
    covered: &[bool],
    firms: &[String],
    h: &Hit,
) -> bool {
    let a = h.a as usize;
    let Some(p) = a.checked_sub(1) else { return false };
    let free = |i: usize| free_capital(norm, sent, covered, a, i);
    let low = norm.word(p).to_ascii_lowercase();
    if free(p) && firms.binary_search(&low).is_ok() {
        return true;
    }
    let same = sent.get(p).is_some() && sent.get(p) == sent.get(a);
    if !(same && matches!(low.as_str(), "its" | "said")) {
        return false;
    }
    // A legal-form word earlier in the sentence, not inside another hit.
    (p.saturating_sub(FIRM_SUBJECT_WINDOW)..p)
        .any(|i| free(i) && firm_suffix(norm.word(i)))
}

/// Whether sub-token `i` is a capitalised word of hit start `a`'s
/// sentence that no other hit covers (a firm's name may stand there).
fn free_capital(
    norm: &Norm<'_>,
    sent: &[u32],
    covered: &[bool],
    a: usize,
    i: usize,
) -> bool {
    sent.get(i).is_some()
        && sent.get(i) == sent.get(a)
        && !covered.get(i).copied().unwrap_or(true)
        && norm.subs.get(i).is_some_and(|s| s.word && s.initial)
}

/// Whether the title hit `h` is the first word of a company's name: the
/// next word, capitalised, is one the article gives a legal form
/// ("General Automation Inc said ..." and later "General Automation
/// said"). Read as a title it makes a general named "Automation", an
/// army officer, of the company in every sentence that names it.
fn opens_firm_name(
    norm: &Norm<'_>,
    sent: &[u32],
    covered: &[bool],
    firms: &[String],
    h: &Hit,
) -> bool {
    let (a, b) = (h.a as usize, h.b as usize);
    free_capital(norm, sent, covered, a, b)
        && firms.binary_search(&norm.word(b).to_ascii_lowercase()).is_ok()
}

/// A legal-form suffix that marks a company, not "Group" (the Cairns
/// Group, the Contadora Group are groups of states).
fn firm_suffix(w: &str) -> bool {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    w != "group" && LEGAL_FORMS.contains(w.as_str())
}

/// How far back (sub-tokens) a company subject's legal form may stand
/// before "its" / "said" ("American City Business Journals Inc <AMBJ>
/// said its president").
const FIRM_SUBJECT_WINDOW: usize = 12;

/// Nouns that "official" qualifies as an adjective ("official prices",
/// "the official figure"): no official is named. Official media ("the
/// official news agency") are a government's organs and stay.
///
/// The list: `dicts/words/official_of.txt`.
static OFFICIAL_OF: crate::util::WordList =
    crate::util::word_list!("words/official_of.txt");

/// Whether the role-word hit `h` is "official" used as an adjective:
/// before a noun it qualifies ("official oil prices", "the official
/// figure") or a capitalised name ("the official Ruritanian news
/// agency", "the official Daily Review"), the thing named is no official.
fn official_adjective(norm: &Norm<'_>, sent: &[u32], h: &Hit) -> bool {
    let (a, b) = (h.a as usize, h.b as usize);
    if b != a + 1 || !norm.word(a).eq_ignore_ascii_case("official") {
        return false;
    }
    if sent.get(b).is_none() || sent.get(b) != sent.get(a) {
        return false;
    }
    let next = norm.word(b).to_ascii_lowercase();
    // "official oil prices": one modifier may come between.
    let after = norm.word(b + 1).to_ascii_lowercase();
    let capital = norm.subs.get(b).is_some_and(|s| s.word && s.initial);
    OFFICIAL_OF.contains(next.as_str())
        || (sent.get(b + 1) == sent.get(a)
            && OFFICIAL_OF.contains(after.as_str())
            && !matches!(
                next.as_str(),
                "said" | "says" | "told" | "who" | "of"
            ))
        || (capital && !day_or_month(&next))
}

/// Things "military" qualifies as an adjective ("2 billion euros in
/// military aid", "military equipment"): no armed force is named, and
/// the act's giver or receiver is elsewhere in the clause.
///
/// The list: `dicts/words/military_of.txt`.
static MILITARY_OF: crate::util::WordList =
    crate::util::word_list!("words/military_of.txt");

/// Whether the role-word hit `h` is a bare "military" qualifying a
/// thing ("military aid", "military and economic aid"): no actor.
fn military_adjective(norm: &Norm<'_>, sent: &[u32], h: &Hit) -> bool {
    let (a, b) = (h.a as usize, h.b as usize);
    if b != a + 1 || !norm.word(a).eq_ignore_ascii_case("military") {
        return false;
    }
    let thing = |i: usize| {
        sent.get(i).is_some()
            && sent.get(i) == sent.get(a)
            && MILITARY_OF.contains(norm.word(i).to_ascii_lowercase().as_str())
    };
    let next = norm.word(b).to_ascii_lowercase();
    // "military and humanitarian aid": the thing after one more word.
    thing(b) || (matches!(next.as_str(), "and" | "or") && thing(b + 2))
}

/// Whether capitalised `w` (lowercased) after "official" is no name
/// ("an official Monday said").
fn day_or_month(w: &str) -> bool {
    calendar::is_weekday(w) || calendar::is_month_name(w) || w == "today"
}

/// Legal-form suffixes of company names (lowercase).
///
/// The list: `dicts/words/legal_forms.txt`.
static LEGAL_FORMS: crate::util::WordList =
    crate::util::word_list!("words/legal_forms.txt");

/// Nouns after "of" that name a company ("president of the company").
///
/// The list: `dicts/words/firm_nouns.txt`.
static FIRM_NOUNS: crate::util::WordList =
    crate::util::word_list!("words/firm_nouns.txt");

/// Nouns that make "general" an adjective of a civil title or a thing,
/// not an army general ("general director", "general manager").
///
/// The list: `dicts/words/general_nouns.txt`.
static GENERAL_NOUNS: crate::util::WordList =
    crate::util::word_list!("words/general_nouns.txt");

/// Whether role-word hit `h` is an officer of a company or a civil use
/// of "general": "president of the company", "president of Acme Corp",
/// "Acme Corp chairman", "the company spokesman", "general director in
/// charge of sales". A company's officer is no government (`---GOV`),
/// and a general manager no army. A named body before the role ("World
/// Bank president", a gazetteer hit) keeps it.
fn business_title(
    lex: &Lexicon,
    norm: &Norm<'_>,
    sent: &[u32],
    covered: &[bool],
    firm_titles: &[(usize, String)],
    h: &Hit,
) -> bool {
    let (a, b) = (h.a as usize, h.b as usize);
    let same = |i: usize| sent.get(i).is_some() && sent.get(i) == sent.get(a);
    let low =
        |i: usize| norm.word(i).trim_end_matches('.').to_ascii_lowercase();
    let company = |i: usize| {
        lex.company_words.contains(norm.word(i).trim_end_matches('.'))
            && norm.subs.get(i).is_some_and(|s| s.initial)
    };
    // Before a title only a legal-form suffix marks a company ("Acme
    // Corp chairman"): "Mining Minister" is a minister.
    let legal_form = |i: usize| {
        norm.subs.get(i).is_some_and(|s| s.initial)
            && LEGAL_FORMS.contains(low(i).as_str())
    };
    if b == a + 1
        && low(a) == "general"
        && same(b)
        && GENERAL_NOUNS.contains(low(b).as_str())
    {
        return true;
    }
    // Before the role: "company", "firm", or a company name's head word.
    if let Some(p) = a.checked_sub(1) {
        if same(p)
            && !covered.get(p).copied().unwrap_or(false)
            && (matches!(
                low(p).as_str(),
                "company" | "firm" | "company's" | "corporate"
            ) || legal_form(p))
        {
            return true;
        }
    }
    // The same title word a company's officer had earlier in the
    // article, with no premodifier of its own ("spokesman John Cote"
    // after "a company spokesman").
    let bare_before = match a.checked_sub(1) {
        None => true,
        Some(p) => {
            !same(p)
                || (!covered.get(p).copied().unwrap_or(false)
                    && (matches!(low(p).as_str(), "the" | "a" | "an")
                        || !norm.subs.get(p).is_some_and(|s| s.word)))
        }
    };
    if b == a + 1
        && bare_before
        && firm_titles.iter().any(|(i, w)| *i < a && *w == low(a))
    {
        return true;
    }
    // "a vice president at the NYSE", "an economist at Acme": a title
    // at a body the gazetteer does not know is that body's ("an official
    // at the Foreign Ministry" is a gazetteer hit and stays).
    if same(b) && norm.word(b) == "at" {
        let mut j = b + 1;
        if low(j) == "the" {
            j += 1;
        }
        if same(j)
            && norm.subs.get(j).is_some_and(|s| s.word && s.initial)
            && !covered.get(j).copied().unwrap_or(true)
        {
            return true;
        }
    }
    // After it: "of the company", "of its unit", "of Acme Corp".
    if !(same(b) && norm.word(b) == "of") {
        return false;
    }
    let mut j = b + 1;
    if matches!(low(j).as_str(), "the" | "its" | "their" | "his" | "her") {
        j += 1;
    }
    if same(j) && FIRM_NOUNS.contains(low(j).as_str()) {
        return true;
    }
    // A capitalised run ending in a company head word, no gazetteer hit
    // inside ("president of the World Bank" stays).
    let mut words = 0;
    while same(j) && words <= MAX_RUN {
        let cap = norm.subs.get(j).is_some_and(|s| s.word && s.initial);
        if covered.get(j).copied().unwrap_or(true) {
            return false;
        }
        if cap {
            if company(j) {
                return true;
            }
            words += 1;
        } else if !matches!(norm.word(j), "&" | "-" | ".") {
            return false;
        }
        j += 1;
    }
    false
}

/// Whether hit `h` is followed by the rest of a company name.
fn in_company_name(
    lex: &Lexicon,
    norm: &Norm<'_>,
    sent: &[u32],
    covered: &[bool],
    h: &Hit,
) -> bool {
    let subs = &norm.subs;
    let (a, b) = (h.a as usize, h.b as usize);
    if !subs.get(a).is_some_and(|s| s.initial) {
        return false;
    }
    let same = |i: usize| sent.get(i) == sent.get(a);
    let capital_word =
        |i: usize| subs.get(i).is_some_and(|s| s.word && s.initial) && same(i);
    let company = |i: usize| {
        lex.company_words.contains(norm.word(i).trim_end_matches('.'))
    };
    // The company's seat after its head word ("Terumo Corp of Tokyo",
    // "Financial Corporation of America"); "Bank of Canada" and "Bank of
    // England" are central banks, which the gazetteer names whole.
    if let (Some(of), Some(head)) = (a.checked_sub(1), a.checked_sub(2)) {
        let w = norm.word(head).trim_end_matches('.');
        if norm.word(of) == "of"
            && same(of)
            && capital_word(head)
            && company(head)
            && !w.eq_ignore_ascii_case("bank")
        {
            return true;
        }
    }
    // A market named by its place ("the Tokyo stock exchange", "New York
    // and Tokyo stock exchanges", "the London Stock Exchange").
    let next = |i: usize| norm.word(i).to_ascii_lowercase();
    if same(b)
        && next(b) == "stock"
        && matches!(
            next(b + 1).as_str(),
            "exchange" | "exchanges" | "market" | "markets"
        )
    {
        return true;
    }
    let mut j = b;
    let mut words = 0;
    while j < subs.len() && same(j) && words <= MAX_RUN {
        let w = norm.word(j);
        if covered[j] {
            return false;
        }
        if capital_word(j) {
            words += 1;
            // The run's end: the next word (past a period) is no
            // capitalised word of the name.
            let mut k = j + 1;
            if norm.word(k) == "." {
                k += 1;
            }
            let of_next = norm.word(k) == "of" && capital_word(k + 1);
            let ends = !capital_word(k) && !matches!(norm.word(k), "&" | "-");
            if company(j) && (ends || of_next) {
                return true;
            }
            j += 1;
        } else if matches!(w, "&" | "-" | ".")
            || (matches!(w, "of" | "and") && capital_word(j + 1) && j > b)
        {
            j += 1;
        } else {
            return false;
        }
    }
    false
}

/// Whether the place at `span` of `text` names a company's seat or a
/// market ("Terumo Corp of Tokyo", "the Tokyo Stock Exchange"): such a
/// place stands in for no actor either ([`drop_in_names`] drops the
/// gazetteer's hit on the same words).
pub(crate) fn place_in_name(text: &str, start: usize, end: usize) -> bool {
    // Compared in place, without lowercasing a copy of the rest of the
    // article for every place mention (quadratic in the article).
    let after = text.get(end..).unwrap_or("");
    let next = after.trim_start().as_bytes();
    let market = after.starts_with(' ')
        && ["stock exchange", "stock market"].iter().any(|m| {
            next.get(..m.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(m.as_bytes()))
        });
    let before = text.get(..start).unwrap_or("");
    let seat =
        [" Corp of ", " Corp. of ", " Corporation of ", " Co of ", " Inc of "]
            .iter()
            .any(|p| before.ends_with(p));
    market || seat || place_opens_company(text.get(end..).unwrap_or(""))
}

/// Whether the words right after a place (`after`) finish a company's
/// name: a run of at most [`MAX_RUN`] capitalised words ("&", "-" and
/// "of" between them) that ends in a company head word of
/// `dicts/ner/company_words.txt` ("Bank of New York Co", "Toronto
/// Dominion Bank", "Michigan General Corp", "Arizona Appetito's Stores
/// Inc"). The gazetteer's countries and role words in such names are
/// dropped by [`drop_in_names`]; this is the same rule for the places
/// that stand in for a country ("New York", "Toronto", "Arizona"). A comma,
/// a period or a lower-case word ends the run: "in Toronto, Dominion
/// Textile said" keeps its place.
fn place_opens_company(after: &str) -> bool {
    static HEADS: std::sync::OnceLock<Vec<String>> =
        std::sync::OnceLock::new();
    let heads = HEADS.get_or_init(|| {
        include_str!("../../../../dicts/ner/company_words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            // Groups and lines of places are political ("the Cairns
            // Group" of farm exporters, "the Green Line").
            .filter(|l| !matches!(l.as_str(), "group" | "line" | "lines"))
            .collect()
    });
    // The run starts right after the place, one space (or a wire
    // copy's line break) on.
    let Some(rest) = after.strip_prefix([' ', '\n']) else { return false };
    let is_head = |w: &str| heads.iter().any(|h| h.eq_ignore_ascii_case(w));
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let toks: Vec<&str> =
        rest.split_whitespace().take(2 * MAX_RUN + 2).collect();
    let mut words = 0;
    let mut seen_head = false;
    for (i, w) in toks.iter().enumerate() {
        let bare = w.trim_end_matches('.');
        if matches!(bare, "&" | "-" | "of") {
            continue;
        }
        if !capital(bare) || words == MAX_RUN {
            return false;
        }
        words += 1;
        // Punctuation after the word ends the run there.
        // ("Co.," ends the run too: the abbreviation's period goes
        // with the punctuation.)
        let word = bare
            .trim_end_matches([',', ';', ':', ')', '>', '\'', '"'])
            .trim_end_matches('.');
        let cut = word.len() != w.trim_end_matches('.').len();
        // The head word ends the name: what follows is no capitalised
        // word of it ("Michigan General Corp said"), or "of" and one
        // ("Bank of Commerce"). A head word with its abbreviation's
        // period ends it too: "merger with Piedmont Aviation Inc." ends
        // the sentence, and the next one's first word is no part of it.
        let next = toks.get(i + 1).copied().unwrap_or("");
        let after_of = toks.get(i + 2).copied().unwrap_or("");
        let ends = cut
            || w.ends_with('.')
            || !capital(next)
            || (next == "of" && capital(after_of));
        // "Group" ends a company's name after a head word ("Providence
        // Washington Insurance Group"); alone it is a group of states.
        let group = seen_head && word.eq_ignore_ascii_case("group");
        if (is_head(word) || group) && ends {
            return true;
        }
        seen_head |= is_head(word);
        if cut {
            return false;
        }
    }
    false
}

/// Nouns of money: a country's adjective before one names the money, not
/// an actor ("the U.S. dollar", "the Canadian currency"). Bonds are left
/// out: "Venezuelan bonds" are the state's debt.
///
/// The list: `dicts/words/money_nouns.txt`.
static MONEY_NOUNS: crate::util::WordList =
    crate::util::word_list!("words/money_nouns.txt");

/// Money nouns that are verbs too ("Russia pounds the city", "Israel
/// marks the day"): only after a country's adjective ("Lebanese pounds",
/// "German marks").
///
/// The list: `dicts/words/money_verbs.txt`.
static MONEY_VERBS: crate::util::WordList =
    crate::util::word_list!("words/money_verbs.txt");

/// Endings of a country's adjective ("German", "Lebanese", "Irish",
/// "Israeli", "Czech").
const ADJECTIVE_ENDS: &[&str] = &["an", "ese", "ish", "i", "ch", "ic"];

/// Words that make a country's adjective after them a continent's or
/// region's: "Latin American governments", "North American markets",
/// "Central American states" are not the United States'.
///
/// The list: `dicts/words/continent_prefixes.txt`.
static CONTINENT_PREFIXES: crate::util::WordList =
    crate::util::word_list!("words/continent_prefixes.txt");

/// Whether `before`, the text up to a hit, ends in one of
/// [`CONTINENT_PREFIXES`] and one space, capitalised.
fn continental(before: &str) -> bool {
    let Some(rest) = before.strip_suffix(' ') else { return false };
    let word = rest.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    word.chars().next().is_some_and(char::is_uppercase)
        && CONTINENT_PREFIXES.contains(word.to_ascii_lowercase().as_str())
}

/// Removes from `hits` a country's adjective after a region word
/// ([`CONTINENT_PREFIXES`]): "Latin American governments" name no
/// country, and must not make the United States the story's country.
pub(crate) fn drop_continental(
    norm: &Norm<'_>,
    text: &str,
    hits: &mut Vec<Hit>,
) {
    hits.retain(|h| {
        let Some(first) = norm.subs.get(h.a as usize) else { return true };
        !continental(text.get(..first.span.start as usize).unwrap_or(""))
    });
}

/// Removes from `hits` the actor hits that name no actor where they
/// stand: a country's adjective or name right before a money noun
/// ([`MONEY_NOUNS`]: "the value of the U.S. dollar" is no act of the
/// United States), and a name after "non-" ("non-OPEC producers",
/// "non-EU states": everyone but the body).
pub(crate) fn drop_non_actors(
    gaz: &Gazetteer,
    norm: &Norm<'_>,
    text: &str,
    sent: &[u32],
    hits: &mut Vec<Hit>,
) {
    hits.retain(|h| {
        let Some(first) = norm.subs.get(h.a as usize) else { return true };
        let before = text.get(..first.span.start as usize).unwrap_or("");
        let non = before
            .get(before.len().saturating_sub(4)..)
            .is_some_and(|p| p.eq_ignore_ascii_case("non-"))
            && !before
                .len()
                .checked_sub(5)
                .and_then(|i| before.as_bytes().get(i))
                .is_some_and(u8::is_ascii_alphanumeric);
        if non {
            return false;
        }
        let country = gaz.entries.get(h.entry as usize).is_some_and(|e| {
            e.kind == Kind::Actor && matches!(e.names, Names::Countries)
        });
        let b = h.b as usize;
        let next = norm.word(b).trim_end_matches('.').to_ascii_lowercase();
        let adjective = h.b > h.a && {
            let last = norm.word(b - 1).to_ascii_lowercase();
            ADJECTIVE_ENDS.iter().any(|e| last.ends_with(e))
        };
        let money = country
            && sent.get(b).is_some()
            && sent.get(b) == sent.get(h.a as usize)
            && (MONEY_NOUNS.contains(next.as_str())
                || (adjective && MONEY_VERBS.contains(next.as_str())));
        !money
    });
}
