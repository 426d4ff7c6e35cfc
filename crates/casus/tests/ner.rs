//! The general entity recogniser (`casus::actors::ner`), one row per
//! typing rule, with the place stage's spans as the pipeline gives them.

use casus::actors::ner::{EntityKind, EntityRecognizer};
use casus::places::PlaceMatcher;
use casus::{Article, Span};

/// `(text, [(entity, type)])`: one row per typing rule.
#[test]
fn typing_rules() {
    let rec = EntityRecognizer::builtin().expect("built-in lists");
    let place_stage = PlaceMatcher::builtin().expect("built-in places");
    let table: &[(&str, &[(&str, &str)])] = &[
        // Organisation suffix after an abbreviation period; the name
        // without it is the same organisation later.
        (
            "Shares of Brandvik Corp. rose. Brandvik said more.",
            &[("Brandvik Corp.", "ORG"), ("Brandvik", "ORG")],
        ),
        // "&" joins an organisation name.
        ("He joined Harlow & Benz in June.", &[("Harlow & Benz", "ORG")]),
        // An all-caps word: not a person.
        ("He joined Tovik AB in June.", &[("Tovik AB", "ORG")]),
        // Connectors after an organisation word.
        (
            "The Committee for Safety and Order in the city met.",
            &[("Committee for Safety and Order", "ORG")],
        ),
        // A title inside a run makes the rest a person.
        (
            "Boston Cardinal Tomas Orvik spoke.",
            &[("Boston", "LOC"), ("Tomas Orvik", "PER")],
        ),
        // A person's words: a lone later mention is the person, even
        // where a place has the same name.
        (
            "Mr Peter Jordan spoke. Jordan left.",
            &[("Peter Jordan", "PER"), ("Jordan", "PER")],
        ),
        // A weekday after a name is not part of it.
        ("He met Dr Ewa Marek Monday.", &[("Ewa Marek", "PER")]),
        // Codes and demonyms are not entities.
        ("An F-16 flew. Serbs and Tajiks met.", &[]),
        // A hyphenated compound of capitalised words: a place.
        ("They went to Urvo-Dalsk later.", &[("Urvo-Dalsk", "LOC")]),
    ];
    for (text, want) in table {
        let article =
            Article::new("t", "1996-12-06".parse().expect("date"), text);
        let analyzed = casus::text::analyze(text);
        let places: Vec<Span> = place_stage
            .find(text, &analyzed)
            .into_iter()
            .map(|p| p.span)
            .collect();
        let got: Vec<(String, &str)> = rec
            .find(&article, &analyzed, &places)
            .into_iter()
            .filter(|e| e.kind != EntityKind::Misc)
            .map(|e| (e.span.slice(text).to_string(), e.kind.as_str()))
            .collect();
        let want: Vec<(String, &str)> =
            want.iter().map(|(a, b)| (a.to_string(), *b)).collect();
        assert_eq!(got, want, "\ntext: {text}");
    }
}
