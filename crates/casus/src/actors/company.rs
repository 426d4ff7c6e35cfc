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
    hits.retain(|h| {
        let droppable = gaz.entries.get(h.entry as usize).is_some_and(|e| {
            matches!(e.kind, Kind::Agent(_))
                || (e.kind == Kind::Actor
                    && matches!(e.names, Names::Countries | Names::Capitals))
        });
        !(droppable && in_company_name(lex, norm, sent, &covered, h))
    });
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
            || (w == "of" && capital_word(j + 1) && j > b)
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
    let after = text.get(end..).unwrap_or("").to_ascii_lowercase();
    let market = ["stock exchange", "stock market"]
        .iter()
        .any(|m| after.trim_start().starts_with(m) && after.starts_with(' '));
    let before = text.get(..start).unwrap_or("");
    let seat =
        [" Corp of ", " Corp. of ", " Corporation of ", " Co of ", " Inc of "]
            .iter()
            .any(|p| before.ends_with(p));
    market || seat
}
