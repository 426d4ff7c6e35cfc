//! Table tests: one row per pattern of the issue.

use super::*;

fn matcher() -> ActorMatcher {
    ActorMatcher::builtin().expect("built-in gazetteer")
}

/// `(text, [(mention text, code, name)])` on 2023-11-16.
fn check(
    m: &ActorMatcher,
    date: &str,
    text: &str,
    want: &[(&str, &str, &str)],
) {
    let article = Article::new("t", date.parse().expect("date"), text);
    let analyzed = crate::text::analyze(text);
    let got: Vec<(String, String, String)> = m
        .find(&article, &analyzed)
        .into_iter()
        .map(|x| {
            (
                x.span.slice(text).to_string(),
                x.code.to_string(),
                x.name.unwrap_or_default(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want, "\ntext: {text}");
}

/// An expected mention: text, code, name.
type Row = (&'static str, &'static str, &'static str);

#[test]
fn gazetteer_patterns() {
    let m = matcher();
    let d = "2023-11-16";
    let table: &[(&str, &[Row])] = &[
        ("Israel attacked.", &[("Israel", "ISR", "Israel")]),
        (
            "The United States Senate voted.",
            &[("United States Senate", "USALEG", "US Senate")],
        ),
        (
            "The United States voted.",
            &[("United States", "USA", "United States")],
        ),
        ("Let us go to the US.", &[("US", "USA", "United States")]),
        ("They ate turkey.", &[]),
        ("Iranian media said.", &[("Iranian media", "IRNMED", "")]),
        (
            "Washington is concerned.",
            &[("Washington", "USAGOV", "Washington")],
        ),
        ("The Kremlin denied it.", &[("Kremlin", "RUSGOV", "Kremlin")]),
        ("He spoke at a press conference in Tel Aviv.", &[]),
        (
            "Israeli Prime Minister spoke.",
            &[("Israeli Prime Minister", "ISRGOV", "")],
        ),
        (
            "American officials told NBC.",
            &[
                ("American officials", "USAGOV", ""),
                ("NBC", "USAMED", "NBC News"),
            ],
        ),
        ("Israeli troops moved in.", &[("Israeli troops", "ISRMIL", "")]),
        ("Israeli forces moved in.", &[("Israeli forces", "ISRMIL", "")]),
        (
            "Palestinian civilians fled.",
            &[("Palestinian civilians", "PSECVL", "")],
        ),
        (
            "the Israeli leadership agreed",
            &[("Israeli leadership", "ISRGOV", "")],
        ),
        (
            "former Israeli officials said",
            &[("former Israeli officials", "ISRELI", "")],
        ),
        ("Hamas fighters attacked.", &[("Hamas fighters", "PSEREB", "Hamas")]),
        (
            "Hezbollah officials said.",
            &[("Hezbollah officials", "LBNREB", "")],
        ),
        (
            "The Israeli Foreign Ministry said.",
            &[("Israeli Foreign Ministry", "ISRGOV", "")],
        ),
        (
            "the Palestinian Hamas movement",
            &[("Palestinian Hamas movement", "PSEREB", "Hamas")],
        ),
        ("the Zionist entity", &[("Zionist entity", "ISR", "Israel")]),
        (
            "the Kiev regime",
            &[("Kiev regime", "UKRGOV", "Ukrainian government")],
        ),
        (
            "the Houthi militia fired",
            &[("Houthi militia", "YEMREB", "Houthis")],
        ),
        (
            "the UN Security Council met",
            &[("UN Security Council", "IGOUNO", "UN Security Council")],
        ),
        (
            "Israeli-Palestinian talks",
            &[
                ("Israeli", "ISR", "Israel"),
                ("Palestinian", "PSE", "Palestine"),
            ],
        ),
    ];
    for (text, want) in table {
        check(&m, d, text, want);
    }
}

#[test]
fn dates_choose_the_valid_entry() {
    let m = matcher();
    check(
        &m,
        "2020-01-01",
        "The Taliban attacked.",
        &[("Taliban", "AFGREB", "Taliban")],
    );
    check(
        &m,
        "2022-01-01",
        "The Taliban decided.",
        &[("Taliban", "AFGGOV", "Taliban")],
    );
    check(
        &m,
        "2020-01-01",
        "the Assad regime",
        &[("Assad regime", "SYRGOV", "Syrian government")],
    );
    // Bashar al-Assad is an office holder: out of office, ELI.
    check(
        &m,
        "2025-01-01",
        "the Assad regime",
        &[("Assad regime", "SYRELI", "")],
    );
}

#[test]
fn title_and_name() {
    let m = matcher();
    let d = "2024-02-11";
    check(
        &m,
        d,
        "US Secretary of State Antony Blinken said. Blinken left.",
        &[
            (
                "US Secretary of State Antony Blinken",
                "USAGOV",
                "Antony Blinken",
            ),
            ("Blinken", "USAGOV", "Antony Blinken"),
        ],
    );
    check(
        &m,
        d,
        "Israeli Prime Minister Benjamin Netanyahu spoke. Netanyahu's website said. \
         He emphasized that the prime minister would not resign.",
        &[
            ("Israeli Prime Minister Benjamin Netanyahu", "ISRGOV", "Benjamin Netanyahu"),
            ("Netanyahu", "ISRGOV", "Benjamin Netanyahu"),
            ("He", "ISRGOV", "Benjamin Netanyahu"),
            ("prime minister", "ISRGOV", "Benjamin Netanyahu"),
        ],
    );
    check(
        &m,
        d,
        "US President Joe Biden spoke. Biden's deputy national security adviser \
         John Feiner said. The US President agreed.",
        &[
            ("US President Joe Biden", "USAGOV", "Joe Biden"),
            ("Biden's deputy national security adviser John Feiner", "USAGOV", "John Feiner"),
            ("US President", "USAGOV", "Joe Biden"),
        ],
    );
    check(
        &m,
        d,
        "The head of the Hamas politburo, Ismail Haniyeh, said. Haniyeh left.",
        &[
            (
                "head of the Hamas politburo, Ismail Haniyeh",
                "PSEREB",
                "Ismail Haniyeh",
            ),
            ("Haniyeh", "PSEREB", "Ismail Haniyeh"),
        ],
    );
    check(
        &m,
        d,
        "former Israeli Prime Minister Naftali Bennett said",
        &[(
            "former Israeli Prime Minister Naftali Bennett",
            "ISRELI",
            "Naftali Bennett",
        )],
    );
    check(
        &m,
        d,
        "Biden administration officials met. US President Joe Biden spoke.",
        &[
            ("Biden administration officials", "USAGOV", ""),
            ("US President Joe Biden", "USAGOV", "Joe Biden"),
        ],
    );
}

#[test]
fn unknown_country_and_salience() {
    let m = matcher();
    let d = "2024-02-11";
    check(
        &m,
        d,
        "Minister Jan Kowalczyk resigned.",
        &[("Minister Jan Kowalczyk", "---GOV", "Jan Kowalczyk")],
    );
    check(
        &m,
        d,
        "Egypt and Egyptian officials spoke. Officials said more.",
        &[
            ("Egypt", "EGY", "Egypt"),
            ("Egyptian officials", "EGYGOV", ""),
            ("Officials", "EGYGOV", ""),
        ],
    );
    check(&m, d, "People fled.", &[]);
}

#[test]
fn tabari_style_dictionaries() {
    use crate::dict::{ActorEntry, AgentEntry, AgentPlacement, Origin};
    let o = Origin { file: "x".into(), line: 1 };
    let d = Dictionaries {
        actors: vec![
            ActorEntry {
                phrase: "united states".into(),
                code: "USA".into(),
                from: None,
                to: None,
                name: None,
                office: None,
                origin: o.clone(),
            },
            ActorEntry {
                phrase: "united nations".into(),
                code: "IGOUNO".into(),
                from: None,
                to: None,
                name: None,
                office: None,
                origin: o.clone(),
            },
        ],
        agents: vec![AgentEntry {
            phrase: "government".into(),
            code: "GOV".into(),
            placement: AgentPlacement::Suffix,
            origin: o,
        }],
        ..Dictionaries::default()
    };
    let m = ActorMatcher::new(&d).expect("compiles");
    check(
        &m,
        "2020-01-01",
        "The United States government and the United Nations",
        &[
            ("United States government", "USAGOV", ""),
            ("United Nations", "IGOUNO", ""),
        ],
    );
}

#[test]
fn pronouns_in_subject_position() {
    let m = matcher();
    let d = "2024-02-11";
    let def = "Minister Jan Kowalczyk spoke.";
    let jan = ("Minister Jan Kowalczyk", "---GOV", "Jan Kowalczyk");
    let he = |t: &'static str| (t, "---GOV", "Jan Kowalczyk");
    let table: &[(&str, &[Row])] = &[
        // Sentence start.
        (" He left.", &[he("He")]),
        // After an opening quote.
        (" \"He left.\"", &[he("He")]),
        // After a comma.
        (" The talks ended, he said.", &[he("he")]),
        // After a closing quote.
        (" \"We are done,\" she said.", &[he("she")]),
        // After a clause-starting word.
        (" The talks ended and he left.", &[he("he")]),
        (" The talks ended when she left.", &[he("she")]),
        // After a colon.
        (" The reason: he left.", &[he("he")]),
        // Not in subject position.
        (" They thanked him.", &[]),
        (" The talks ended before him.", &[]),
    ];
    for (rest, want) in table {
        let text = format!("{def}{rest}");
        let mut w: Vec<Row> = vec![jan];
        w.extend(want.iter().copied());
        check(&m, d, &text, &w);
    }
    // "they": the latest group of people or organisation, nearby.
    check(
        &m,
        d,
        "Israeli troops moved in. They said the operation was over.",
        &[("Israeli troops", "ISRMIL", ""), ("They", "ISRMIL", "")],
    );
    check(
        &m,
        d,
        "Hamas fired rockets. \"They hit Ashkelon.\"",
        &[("Hamas", "PSEREB", "Hamas"), ("They", "PSEREB", "Hamas")],
    );
    // Mid-sentence "they" is as often a thing: left alone.
    check(
        &m,
        d,
        "Oman criticised the strikes and warned that they could spread.",
        &[("Oman", "OMN", "Oman")],
    );
    // The likely subject, not the latest group.
    check(
        &m,
        d,
        "Israeli troops met Egyptian officials. They said more.",
        &[
            ("Israeli troops", "ISRMIL", ""),
            ("Egyptian officials", "EGYGOV", ""),
            ("They", "ISRMIL", ""),
        ],
    );
    check(
        &m,
        d,
        "Israeli troops moved in. It rained. It rained. It rained. They left.",
        &[("Israeli troops", "ISRMIL", "")],
    );
}

/// `(earlier articles, later article, expected mentions of the later that
/// a learned person coded)`: persons learned earlier in the run resolve
/// later mentions.
#[test]
fn run_memory_resolves_later_articles() {
    let m = matcher();
    type Art = (&'static str, &'static str, &'static str);
    type Want = (&'static str, &'static str, &'static str, &'static str);
    let table: &[(&[Art], Art, &[Want])] = &[
        // A surname alone in a later article.
        (
            &[("a1", "2024-02-10", "Polish Foreign Minister Jan Kowalczyk arrived.")],
            ("a2", "2024-02-11", "Kowalczyk met reporters."),
            &[("Kowalczyk", "POLGOV", "Jan Kowalczyk", "learned:a1:0-37")],
        ),
        // Possessives and pronouns follow.
        (
            &[("a1", "2024-02-10", "Polish Foreign Minister Jan Kowalczyk arrived.")],
            ("a2", "2024-02-11", "Kowalczyk's office spoke. He left."),
            &[
                ("Kowalczyk", "POLGOV", "Jan Kowalczyk", "learned:a1:0-37"),
                ("He", "POLGOV", "Jan Kowalczyk", "learned:a1:0-37"),
            ],
        ),
        // The article's date is respected: years later, not applied.
        (
            &[("a1", "2024-02-10", "Polish Foreign Minister Jan Kowalczyk arrived.")],
            ("a2", "2027-02-11", "Kowalczyk met reporters."),
            &[],
        ),
        // What the article itself says wins over the memory.
        (
            &[("a1", "2024-02-10", "Polish Foreign Minister Jan Kowalczyk arrived.")],
            ("a2", "2024-02-11", "Czech Interior Minister Jan Kowalczyk arrived. Kowalczyk left."),
            &[
                ("Kowalczyk", "CZEGOV", "Jan Kowalczyk", "learned:0-37"),
            ],
        ),
        // Conflicting learnings: the first in input order wins.
        (
            &[
                ("a1", "2024-02-10", "Polish Foreign Minister Jan Kowalczyk arrived."),
                ("a0", "2024-02-10", "Czech Interior Minister Jan Kowalczyk arrived."),
            ],
            ("a2", "2024-02-10", "Kowalczyk met reporters."),
            &[("Kowalczyk", "POLGOV", "Jan Kowalczyk", "learned:a1:0-37")],
        ),
        // A remembered surname inside a longer name is not the person.
        (
            &[("a1", "2024-02-10", "Polish Foreign Minister Jan Kowalczyk arrived.")],
            ("a2", "2024-02-11", "Shares of Kowalczyk Motors rose."),
            &[],
        ),
        // Company names are not remembered as persons.
        (
            &[("a1", "2024-02-10", "General Brandvik Corp. rose.")],
            ("a2", "2024-02-11", "Corp. rose."),
            &[],
        ),
        // Titles alone never reach persons of other articles.
        (
            &[("a1", "2024-02-10", "Polish Foreign Minister Jan Kowalczyk arrived.")],
            ("a2", "2024-02-11", "The foreign minister left."),
            &[],
        ),
    ];
    for (earlier, (id, date, text), want) in table {
        let mut memory = RunMemory::new();
        for (eid, edate, etext) in *earlier {
            let a = Article::new(eid, edate.parse().expect("date"), etext);
            let analyzed = crate::text::analyze(etext);
            let (_, learned) = m.find_in_run(&a, &analyzed, &memory);
            memory.merge(&learned);
        }
        let a = Article::new(id, date.parse().expect("date"), text);
        let analyzed = crate::text::analyze(text);
        let (got, _) = m.find_in_run(&a, &analyzed, &memory);
        let got: Vec<(String, String, String, String)> = got
            .into_iter()
            .filter(|x| x.entry.starts_with("learned"))
            .map(|x| {
                (
                    x.span.slice(text).to_string(),
                    x.code.to_string(),
                    x.name.unwrap_or_default(),
                    x.entry,
                )
            })
            .collect();
        let want: Vec<(String, String, String, String)> = want
            .iter()
            .map(|(a, b, c, d)| {
                (a.to_string(), b.to_string(), c.to_string(), d.to_string())
            })
            .collect();
        assert_eq!(got, want, "\nearlier: {earlier:?}\ntext: {text}");
    }
}

#[test]
fn learned_persons_are_returned() {
    let m = matcher();
    let text =
        "Polish Foreign Minister Jan Kowalczyk arrived. Kowalczyk left.";
    let a = Article::new("a1", "2024-02-10".parse().expect("date"), text);
    let analyzed = crate::text::analyze(text);
    let (_, learned) = m.find_in_run(&a, &analyzed, &RunMemory::new());
    let got: Vec<(String, String, String)> = learned
        .iter()
        .map(|p| (p.name.clone(), p.code.to_string(), p.entry()))
        .collect();
    assert_eq!(
        got,
        [(
            "Jan Kowalczyk".to_string(),
            "POLGOV".to_string(),
            "learned:a1:0-37".to_string()
        )]
    );
}
