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
    let got: Vec<(String, String, String)> = found(m, date, text)
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

/// The mentions of `text` dated `date`, with the places stage's places
/// as context (no parse).
fn found(m: &ActorMatcher, date: &str, text: &str) -> Vec<ActorMention> {
    let article = Article::new("t", date.parse().expect("date"), text);
    let analyzed = crate::text::analyze(text);
    let places = crate::places::PlaceMatcher::builtin()
        .expect("built-in places")
        .find(text, &analyzed);
    let cx = Context { places: &places, parses: None };
    m.find(&article, &analyzed, &cx)
}

/// `(text, [(mention text, code, country_from)])`: role actors' countries
/// from the text, an attached place or the story.
#[test]
fn countries_from_context() {
    use CountryFrom::{Place, Story, Text};
    let m = matcher();
    let d = "2024-02-11";
    type From = (&'static str, &'static str, Option<CountryFrom>);
    let table: &[(&str, &[From])] = &[
        // Clause, attached place, sentence place, story, in that order.
        (
            "Sudanese soldiers fired.",
            &[("Sudanese soldiers", "SDNMIL", Some(Text))],
        ),
        ("Farmers protested in Oran.", &[("Farmers", "DZAAGR", Some(Place))]),
        (
            "In Maiduguri, gunmen killed three villagers.",
            &[
                ("gunmen", "NGAREB", Some(Place)),
                ("villagers", "NGACVL", Some(Place)),
            ],
        ),
        (
            "ABUJA, Feb 11 - It rained. Police fired tear gas.",
            &[
                ("ABUJA", "NGAGOV", Some(Text)),
                ("Police", "NGACOP", Some(Story)),
            ],
        ),
        (
            "Kenya's cabinet met. Later, students marched.",
            &[
                ("Kenya's cabinet", "KENGOV", Some(Text)),
                ("students", "KENEDU", Some(Story)),
            ],
        ),
        // A place alone never makes an actor.
        ("Heavy rain fell in Lusaka.", &[]),
        // Nor a capital or country later in a list of places.
        ("Strikes spread in Sfax, Tunis and Gabes.", &[]),
        ("Rallies were held in Kano, Abuja, and Jos.", &[]),
        // Without a comma list the country stays an actor.
        (
            "Troops stayed in Mali and France said so.",
            &[
                ("Troops", "MLIMIL", Some(Story)),
                ("France", "FRA", Some(Text)),
            ],
        ),
        // No story country: no guess.
        ("Gunmen attacked a bus.", &[("Gunmen", "---REB", None)]),
        // A company's officer is no government (actors::company).
        (
            "Kenya's cabinet met. The company spokesman declined comment.",
            &[("Kenya's cabinet", "KENGOV", Some(Text))],
        ),
        ("Lena Berg resigned as president of the company.", &[]),
        ("Lena Berg, president of Nordvik Paper Corp, resigned.", &[]),
        ("Nordvik Paper Corp president Lena Berg resigned.", &[]),
        ("Otto Lind, general director of the group, said sales rose.", &[]),
        ("Corporate raiders bought the shares.", &[]),
        // "official" as an adjective names no official.
        ("The official figure rose.", &[]),
        ("Official oil prices held.", &[]),
        (
            "The official Ruritanian news agency said Chile agreed.",
            &[("Chile", "CHL", Some(Text))],
        ),
        (
            "A Chilean official said so.",
            &[("Chilean official", "CHLGOV", Some(Text))],
        ),
        (
            "The president of the World Bank met Chinese officials.",
            &[
                ("president of the World Bank", "IGOWBK", Some(Text)),
                ("Chinese officials", "CHNGOV", Some(Text)),
            ],
        ),
        // Country and role words inside company names are no actors
        // (actors::company); a country after "Bank of" is.
        ("American Express Co said it rose.", &[]),
        ("Bank of America Corp said it rose.", &[]),
        ("General Dynamics Corp said it rose.", &[]),
        ("Canadian Imperial Bank of Commerce said it rose.", &[]),
        ("Japan Airlines said it rose.", &[]),
        // "and" inside a company's name (session 32).
        ("Danish Rope and Cable Co said it rose.", &[]),
        // "general" qualifying an act is no army general (session 32).
        (
            "Peru's foreign minister made a general appeal for help.",
            &[("Peru's foreign minister", "PERGOV", Some(Text))],
        ),
        // A central bank named by its own name is the bank (business, as
        // "central bank" in dicts/agents.tsv), not its country.
        (
            "The Bank of Canada said it rose.",
            &[("Bank of Canada", "CANBUS", Some(Text))],
        ),
        // A company's seat after its head word, and a market named by
        // its place, are no actors.
        ("Halvorsen Corp of Oslo said it rose.", &[]),
        ("The Madrid stock exchange closed higher.", &[]),
        // A demonym before a plural place noun after "in" is a place.
        ("A mine damaged a tanker in Omani waters.", &[]),
        // A named office holder no dictionary knows holds the office in
        // the story's country; an abbreviated body's officer does not.
        (
            "Chile's copper output rose. Mining Minister Rolando Ibarra resigned.",
            &[
                ("Chile", "CHL", Some(Text)),
                ("Minister Rolando Ibarra", "CHLGOV", Some(Story)),
            ],
        ),
        (
            "The American ambassador met Chinese officials.",
            &[
                ("American ambassador", "USAGOV", Some(Text)),
                ("Chinese officials", "CHNGOV", Some(Text)),
            ],
        ),
    ];
    for (text, want) in table {
        let got: Vec<(String, String, Option<CountryFrom>)> =
            found(&m, d, text)
                .into_iter()
                .map(|x| {
                    (
                        x.span.slice(text).to_string(),
                        x.code.to_string(),
                        x.country_from,
                    )
                })
                .collect();
        let want: Vec<(String, String, Option<CountryFrom>)> = want
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
            .collect();
        assert_eq!(got, want, "\ntext: {text}");
    }
}

/// Coreference across sentences: pronouns, definite descriptions and
/// possessors by type, number and salience; titles by the article's date;
/// names that recur across countries by the story's country.
#[test]
fn coreference_and_ambiguity() {
    let m = matcher();
    let table: &[(&str, &str, &[Row])] = &[
        (
            "2024-02-11",
            "Hamas fired rockets. The group said its fighters would go on.",
            &[
                ("Hamas", "PSEREB", "Hamas"),
                ("The group", "PSEREB", "Hamas"),
                ("fighters", "PSEREB", ""),
            ],
        ),
        // "the group" needs a named non-state organisation near.
        (
            "2024-02-11",
            "Kenya's cabinet met. The group said so.",
            &[("Kenya's cabinet", "KENGOV", "")],
        ),
        (
            "2024-02-11",
            "The IAEA sent inspectors. The agency's chief warned Iran.",
            &[
                ("IAEA", "IGOIAE", "IAEA"),
                ("The agency", "IGOIAE", "IAEA"),
                ("chief", "IGOIAE", ""),
                ("Iran", "IRN", "Iran"),
            ],
        ),
        // An unnamed body by its own head noun only.
        (
            "2024-02-11",
            "Poland's defence ministry spoke. The ministry accused Belarus.",
            &[
                ("Poland's defence ministry", "POLMIL", ""),
                ("The ministry", "POLMIL", ""),
                ("Belarus", "BLR", "Belarus"),
            ],
        ),
        (
            "2024-02-11",
            "Russian forces shelled Kharkiv. The ministry said so.",
            &[("Russian forces", "RUSMIL", "")],
        ),
        (
            "2024-02-11",
            "Russia met Ukraine. The two countries agreed to talk.",
            &[
                ("Russia", "RUS", "Russia"),
                ("Ukraine", "UKR", "Ukraine"),
                ("The two countries", "RUS/UKR/", ""),
            ],
        ),
        // Two office holders of two countries are a pair too.
        (
            "2024-02-11",
            "Ruto met Museveni in Entebbe. The two leaders signed a deal.",
            &[
                ("Ruto", "KENGOV", "William Ruto"),
                ("Museveni", "UGAGOV", "Yoweri Museveni"),
                ("The two leaders", "KEN/UGA/", ""),
            ],
        ),
        // "its neighbour": the latest other country, not the possessor.
        (
            "2024-02-11",
            "Sudan closed the border with Chad, accusing its neighbour of arming rebels.",
            &[
                ("Sudan", "SDN", "Sudan"),
                ("Chad", "TCD", "Chad"),
                ("its neighbour", "TCD", "Chad"),
                ("rebels", "SDNREB", ""),
            ],
        ),
        (
            "2024-02-11",
            "Peru said its rival had lied.",
            &[("Peru", "PER", "Peru")],
        ),
        // "its" after the clause's own actor: no earlier sentence's
        // country owns the envoy ("from Quito" names where he served).
        (
            "2024-02-11",
            "Chile criticized Bolivia. Peru recalled its ambassador from Quito.",
            &[
                ("Chile", "CHL", "Chile"),
                ("Bolivia", "BOL", "Bolivia"),
                ("Peru", "PER", "Peru"),
                ("ambassador from Quito", "ECUGOV", ""),
            ],
        ),
        // "the regional body": the international body named before.
        (
            "2024-02-11",
            "ECOWAS met in Abuja. The regional body suspended Guinea.",
            &[
                ("ECOWAS", "IGOWAFWAS", "ECOWAS"),
                ("The regional body", "IGOWAFWAS", "ECOWAS"),
                ("Guinea", "GIN", "Guinea"),
            ],
        ),
        // India's foreign ministry by its own name.
        (
            "2024-02-11",
            "The Ministry of External Affairs summoned the envoy.",
            &[
                (
                    "Ministry of External Affairs",
                    "INDGOV",
                    "Ministry of External Affairs (India)",
                ),
                ("envoy", "---GOV", ""),
            ],
        ),
        (
            "2024-02-11",
            "Israel's army spoke. It said its forces hit back.",
            &[("Israel's army", "ISRMIL", ""), ("forces", "ISRMIL", "")],
        ),
        // A counterpart is an office holder; the country its own words
        // name is its country, not its possessor's.
        (
            "2024-02-11",
            "The Kenyan president called his Ugandan counterpart.",
            &[
                ("Kenyan president", "KENGOV", "William Ruto"),
                ("Ugandan counterpart", "UGAGOV", ""),
            ],
        ),
        (
            "1987-03-02",
            "The Secretary of State said the talks would go on.",
            &[("Secretary of State", "USAGOV", "George Shultz")],
        ),
        // "it" only where one organisation or country is near.
        (
            "2024-02-11",
            "Japan protested. It summoned the envoy.",
            &[
                ("Japan", "JPN", "Japan"),
                ("It", "JPN", "Japan"),
                ("envoy", "---GOV", ""),
            ],
        ),
        (
            "2024-02-11",
            "Japan met China. It rained.",
            &[("Japan", "JPN", "Japan"), ("China", "CHN", "China")],
        ),
        // Two Congos by the places of the story.
        (
            "2024-02-11",
            "Protests spread in Brazzaville. Congo closed its border.",
            &[("Congo", "COG", "Republic of the Congo")],
        ),
        (
            "2024-02-11",
            "Fighting spread near Goma. Congo closed its border.",
            &[("Congo", "COD", "Democratic Republic of the Congo")],
        ),
        // Parties that share a name, by the story's country.
        (
            "2024-02-11",
            "The PDP rejected the results in Lagos.",
            &[("PDP", "NGAPTY", "Peoples Democratic Party")],
        ),
        (
            "2024-02-11",
            "In Srinagar, the PDP rejected the results.",
            &[("PDP", "INDPTY", "Jammu and Kashmir Peoples Democratic Party")],
        ),
        // Outlet metonyms and their possessives.
        (
            "2024-02-11",
            "The Kiev regime shelled Donetsk.",
            &[("Kiev regime", "UKRGOV", "Ukrainian government")],
        ),
        (
            "2024-02-11",
            "The Zionist entity's army raided Jenin.",
            &[("Zionist entity's army", "ISRMIL", "")],
        ),
    ];
    for (date, text, want) in table {
        check(&m, date, text, want);
    }
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
            &[("Israeli Prime Minister", "ISRGOV", "Benjamin Netanyahu")],
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
            // A named group's agents keep its name (`learn::named_body`).
            "Hezbollah officials said.",
            &[("Hezbollah officials", "LBNREB", "Hezbollah")],
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

/// A defunct IGO's full name still names it after its end date; its
/// abbreviation and a former leader's surname do not.
#[test]
fn defunct_igo_outlives_its_dates() {
    let m = matcher();
    check(
        &m,
        "2001-05-01",
        "A European Community official spoke.",
        &[("European Community official", "IGOEUREEC", "")],
    );
    check(&m, "2016-05-01", "The EC announced the results.", &[]);
    check(&m, "1987-03-02", "Carter Hawley rejected the bid.", &[]);
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
            let (_, learned) =
                m.find_in_run(&a, &analyzed, &Context::default(), &memory);
            memory.merge(&learned);
        }
        let a = Article::new(id, date.parse().expect("date"), text);
        let analyzed = crate::text::analyze(text);
        let (got, _) =
            m.find_in_run(&a, &analyzed, &Context::default(), &memory);
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
    let (_, learned) =
        m.find_in_run(&a, &analyzed, &Context::default(), &RunMemory::new());
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

/// A subject "he" in a later sentence refers to the most salient person
/// of the nearest sentence naming one: its speaker or the person opening
/// it, not whoever was named last (issue 15 item 4).
#[test]
fn person_pronouns_by_salience() {
    let m = matcher();
    let d = "1987-03-20";
    check(
        &m,
        d,
        "World Bank President Barber Conable met President Suharto in \
         Jakarta. He praised the reforms.",
        &[
            (
                "World Bank President Barber Conable",
                "IGOWBK",
                "Barber Conable",
            ),
            ("President Suharto", "IDNGOV", "Suharto"),
            ("He", "IGOWBK", "Barber Conable"),
        ],
    );
    check(
        &m,
        d,
        "A reporter asked about Kohl, and Gerhard Stoltenberg said no. He left.",
        &[
            ("Kohl", "DEUGOV", "Helmut Kohl"),
            ("Gerhard Stoltenberg", "DEUGOV", "Gerhard Stoltenberg"),
            ("He", "DEUGOV", "Gerhard Stoltenberg"),
        ],
    );
    // Within the sentence: the latest person.
    check(
        &m,
        d,
        "Kohl met Mitterrand, and he said the talks went well.",
        &[
            ("Kohl", "DEUGOV", "Helmut Kohl"),
            ("Mitterrand", "FRAGOV", "Francois Mitterrand"),
            ("he", "FRAGOV", "Francois Mitterrand"),
        ],
    );
}

/// A bare title followed by "of" and the name of a body the gazetteer
/// does not know is that body's title, not the state's office holder
/// (issue 15 item 4).
#[test]
fn titles_of_unknown_bodies() {
    let m = matcher();
    let d = "1987-03-20";
    check(
        &m,
        d,
        "Taro Sato, president of the influential Osaka Federation of \
         Textile Makers, said prices would rise.",
        // Not the state's office holder (the head of state of the
        // story's country); the body is unknown, so no country.
        &[("president", "---GOV", "")],
    );
}

/// `(text, [(mention text, code, name)])`: the case rule for mixed-case
/// abbreviations ("JeM", "LeJ"): the text word needs an inner capital
/// too; a capitalised word ("the town of El Jem") or all caps ("JEM",
/// Sudan's movement) is no match.
#[test]
fn mixed_case_abbreviations() {
    let m = matcher();
    let d = "2019-02-20";
    let jem = ("JeM", "PAKREB", "Jaish-e-Mohammed");
    let table: &[(&str, &[Row])] = &[
        ("JeM claimed the bombing.", &[jem]),
        (
            "JEM said so.",
            &[("JEM", "SDNREB", "Justice and Equality Movement")],
        ),
        ("Police fired tear gas in El Jem.", &[("Police", "TUNCOP", "")]),
        ("Jem is a small town.", &[]),
        ("Lej is a name.", &[]),
    ];
    for (text, want) in table {
        check(&m, d, text, want);
    }
}

/// `(date, text, [(mention, code, name)])`: an office holder named in full
/// is meant by the family name alone later in the article (family name
/// first for Chinese, Korean and Taiwanese names); two named holders who
/// share it leave it unresolved; "then" after a name is no "then-" (ELI);
/// a party name shared across countries follows the story's country.
#[test]
fn family_names_after_full_names() {
    let m = matcher();
    type Want = (&'static str, &'static str, &'static str);
    let table: &[(&str, &str, &[Want])] = &[
        (
            "2024-12-04",
            "President Yoon Suk Yeol spoke in Seoul. Later, Yoon left.",
            &[
                ("President Yoon Suk Yeol", "KORGOV", "Yoon Suk Yeol"),
                ("Yoon", "KORGOV", "Yoon Suk Yeol"),
            ],
        ),
        (
            "2025-07-01",
            "Lee Jae-myung met reporters. On Monday, Lee said nothing.",
            &[
                ("Lee Jae-myung", "KORGOV", "Lee Jae-myung"),
                ("Lee", "KORGOV", "Lee Jae-myung"),
            ],
        ),
        // A generational suffix is no family name: the word before it.
        (
            "2024-05-01",
            "General Romeo Brawner Jr. visited Cebu. Brawner spoke.",
            &[
                ("General Romeo Brawner Jr.", "PHLMIL", "Romeo Brawner Jr."),
                ("Brawner", "PHLMIL", "Romeo Brawner Jr."),
            ],
        ),
        // Western order: the last word.
        (
            "2023-10-01",
            "Jalil Abbas Jilani arrived. Jilani spoke.",
            &[
                ("Jalil Abbas Jilani", "PAKGOV", "Jalil Abbas Jilani"),
                ("Jilani", "PAKGOV", "Jalil Abbas Jilani"),
            ],
        ),
        // Two named holders share the family name: "Kim" alone is left.
        (
            "2023-03-01",
            "Kim Jong Un watched with Kim Yo Jong. Kim left.",
            &[
                ("Kim Jong Un", "PRKGOV", "Kim Jong Un"),
                ("Kim Yo Jong", "PRKGOV", "Kim Yo Jong"),
            ],
        ),
        // "then" after a name: no former office holder.
        (
            "2024-03-01",
            "Joe Biden then announced a deal.",
            &[("Joe Biden", "USAGOV", "Joe Biden")],
        ),
        (
            "2024-12-04",
            "In Seoul, the main opposition Democratic Party criticised the president.",
            &[
                (
                    "opposition Democratic Party",
                    "KOROPP",
                    "Democratic Party of Korea",
                ),
                ("president", "KORGOV", "Yoon Suk Yeol"),
            ],
        ),
        (
            "2024-03-01",
            "The Democratic Party criticised the White House.",
            &[
                ("Democratic Party", "USAPTY", "Democratic Party"),
                ("White House", "USAGOV", "White House"),
            ],
        ),
    ];
    for (date, text, want) in table {
        check(&m, date, text, want);
    }
}

/// `(text, place, whether it is part of a company's or a market's name)`:
/// a place that opens a company's name stands in for no country.
#[test]
fn places_in_company_names() {
    let table: &[(&str, &str, bool)] = &[
        ("Bank of Lisbon Co said it agreed.", "Lisbon", true),
        ("Porto Atlantic Bank said profits rose.", "Porto", true),
        ("The Ohio Grain Stores Inc. unit was sold.", "Ohio", true),
        ("Kenya Tea Corp of Nairobi said.", "Nairobi", true),
        // An abbreviated head word with a comma after it ends the name.
        ("Talks with Savers Ohio Trust Co., Which lends.", "Ohio", true),
        // Wire copy wraps lines inside a name.
        ("Talks with Savers Ohio\nTrust Co. went on.", "Ohio", true),
        ("Shares fell on the Madrid stock exchange.", "Madrid", true),
        // A head word's abbreviation period may end the sentence too.
        (
            "It will merge with Ohio Aviation Inc. Talks begin soon.",
            "Ohio",
            true,
        ),
        // "Group" after a head word ends a company's name.
        (
            "It agreed with Lisbon Harbour Insurance Group to insure it.",
            "Lisbon",
            true,
        ),
        // A comma, a lower-case word or no head word: the place stays.
        ("In Lisbon, Atlantic Bank said.", "Lisbon", false),
        ("Lisbon said the bank would close.", "Lisbon", false),
        ("The Lisbon Treaty Commission met.", "Lisbon", false),
        ("Farmers protested in Ohio. Grain Corp said.", "Ohio", false),
        ("The Cairns Group of exporters met.", "Cairns", false),
        ("The Bank of Kenya raised rates.", "Kenya", false),
    ];
    for &(text, place, want) in table {
        let start = text.find(place).expect("place in text");
        let end = start + place.len();
        assert_eq!(place_in_name(text, start, end), want, "\ntext: {text}");
    }
}

/// `(date, text, [(mention, code, name)])` (own sentences, invented
/// names): a military rank or a post of a force before a name makes an
/// officer (`MIL`), and a post of the state's own force or a minister
/// named in full whom no office-holder file knows takes the story's
/// country; "opposition" before a party's name is one mention, the party
/// in opposition; "pro-"/"anti-" names whom a group supports, not its
/// country, wherever the actor stage resolves actors.
#[test]
fn ranks_opposition_stances_and_ministers() {
    let m = matcher();
    type Want = (&'static str, &'static str, &'static str);
    let table: &[(&str, &str, &[Want])] = &[
        (
            "2024-03-05",
            "South Korea held drills on Monday. Army Chief of Staff Gen. \
             Ryu Hae-jin inspected the troops.",
            &[
                ("South Korea", "KOR", "South Korea"),
                (
                    "Army Chief of Staff Gen. Ryu Hae-jin",
                    "KORMIL",
                    "Ryu Hae-jin",
                ),
                ("troops", "KORMIL", ""),
            ],
        ),
        (
            "2024-03-05",
            "Lt. Gen. Omar Haddad visited the base.",
            &[("Lt. Gen. Omar Haddad", "---MIL", "Omar Haddad")],
        ),
        (
            "2024-03-05",
            "The army chief said the drills would go on.",
            &[("army chief", "---MIL", "")],
        ),
        (
            "2024-03-05",
            "The main opposition Labour Party walked out of parliament.",
            &[
                ("opposition Labour Party", "GBROPP", "Labour Party"),
                ("parliament", "GBRLEG", ""),
            ],
        ),
        (
            "2024-03-05",
            "Pro-Russian separatists shelled the town.",
            &[("Russian separatists", "---REB", "")],
        ),
        (
            "2024-03-05",
            "A pro-government militia attacked the village.",
            &[("government militia", "---REB", "")],
        ),
        (
            "2024-03-05",
            "Pro-North Korean forces attacked the post.",
            &[("North Korean forces", "---MIL", "")],
        ),
        ("2024-03-05", "Pro-Western voters met.", &[("voters", "---CVL", "")]),
        (
            "2024-03-05",
            "Japan's cabinet met on Monday. Defense Minister Sato Kenji \
             announced the budget.",
            &[
                ("Japan's cabinet", "JPNGOV", ""),
                ("Defense Minister Sato Kenji", "JPNMIL", "Sato Kenji"),
            ],
        ),
    ];
    for (date, text, want) in table {
        check(&m, date, text, want);
    }
}

/// `(text, [(mention, code, name)])` (own sentences): money named by a
/// country's adjective ("the Kenyan shilling"), a body after "non-",
/// role words abroad ("foreign governments", "world leaders") and the
/// officers of companies ("a vice president at Acme", the bare title a
/// company's officer had before) are no state actors; a union's leaders
/// are the union's (`LAB`); "General" before "Capital" is no officer.
#[test]
fn money_non_members_abroad_and_officers() {
    let m = matcher();
    let d = "1995-06-01";
    type Want = (&'static str, &'static str, &'static str);
    let table: &[(&str, &[Want])] = &[
        (
            "The fall of the Kenyan shilling worried Tanzania.",
            &[("Tanzania", "TZA", "Tanzania")],
        ),
        ("Lebanese pounds were exchanged for U.S. dollars.", &[]),
        (
            "Nigeria urged non-OPEC producers to cut output.",
            &[("Nigeria", "NGA", "Nigeria")],
        ),
        (
            "The Botswana minister thanked foreign governments.",
            &[
                ("Botswana minister", "BWAGOV", ""),
                ("governments", "---GOV", ""),
            ],
        ),
        (
            "Kenya welcomed the calls of world leaders.",
            &[("Kenya", "KEN", "Kenya"), ("leaders", "---GOV", "")],
        ),
        (
            "Tanzanian union leaders said the strike would go on.",
            &[("Tanzanian union leaders", "TZALAB", "")],
        ),
        // Leaders of a faith or a community hold no state office.
        (
            "Zambian church leaders appealed for calm.",
            &[("Zambian church leaders", "ZMBREL", "")],
        ),
        (
            "Malawian community leaders called for calm.",
            &[("Malawian community leaders", "MWICVL", "")],
        ),
        (
            "\"We are ready,\" said Amos Otieno, a vice president at \
             Zebra Lines.",
            &[],
        ),
        (
            "Acme Ltd is in talks, a company spokesman said. Spokesman \
             Amos Otieno told reporters the talks went well.",
            &[],
        ),
        (
            "Ghana supported a General Capital Increase for the bank.",
            &[("Ghana", "GHA", "Ghana")],
        ),
        // A title word opening a name the article gives a legal form is
        // the company's name, with or without the suffix (session 41).
        (
            "General Robotics Inc said it paid its taxes. General \
             Robotics said Ghana would buy its machines.",
            &[("Ghana", "GHA", "Ghana")],
        ),
    ];
    for (text, want) in table {
        check(&m, d, text, want);
    }
}

/// `(text, [(mention text, code, country_from)])` with the coder's
/// parse: a role word takes its country from its own words, a
/// coordination's first conjunct, a "whose" antecedent, a place attached
/// to it or its verb, else the story; never from a place of another
/// actor, another clause's noun ("talks in Nairobi") or a destination.
#[test]
fn role_countries_from_the_parse() {
    use CountryFrom::{Place, Story, Text};
    let coder = crate::coder::Coder::builtin().expect("coder");
    type Row = (&'static str, &'static str, CountryFrom);
    let table: &[(&str, &[Row])] = &[
        // A place attached to the verb or the noun.
        (
            "Protesters clashed with police in Goma.",
            &[("Protesters", "CODCVL", Place), ("police", "CODCOP", Place)],
        ),
        (
            "Gunmen killed five villagers near Maiduguri.",
            &[("Gunmen", "NGAREB", Place), ("villagers", "NGACVL", Place)],
        ),
        // Talks elsewhere, in another clause: the story's country.
        (
            "KAMPALA, June 3 - Police detained dozens of students after talks in Nairobi collapsed.",
            &[
                ("KAMPALA", "UGAGOV", Text),
                ("Police", "UGACOP", Story),
                ("students", "UGAEDU", Story),
            ],
        ),
        // A destination is not where the troops are from (the capital,
        // a government metonym like any capital, names no troops).
        (
            "CANBERRA, Nov 25 - Troops were sent to Honiara and attacked looters.",
            &[
                ("CANBERRA", "AUSGOV", Text),
                ("Troops", "AUSMIL", Story),
                ("Honiara", "SLBGOV", Text),
                ("looters", "AUSCVL", Story),
            ],
        ),
        // Nor is where a trip goes, named anywhere in the sentence
        // (session 41): the officials are the story's, not Moscow's.
        (
            "LONDON, April 7 - Cabinet ministers dismissed talk of an early \
             election. Government officials denied it before the trip to Moscow.",
            &[
                ("LONDON", "GBRGOV", Text),
                ("Cabinet ministers", "GBRGOV", Place),
                ("Government officials", "GBRGOV", Story),
                ("Moscow", "RUSGOV", Text),
            ],
        ),
        // The first conjunct's own country.
        (
            "Sudanese soldiers and police attacked protesters in Omdurman.",
            &[
                ("Sudanese soldiers", "SDNMIL", Text),
                ("police", "SDNCOP", Text),
                ("protesters", "SDNCVL", Place),
            ],
        ),
        // A bare court is the story's, not the US's.
        (
            "CARACAS, July 31 - The Supreme Court rejected the appeal of the candidate.",
            &[("CARACAS", "VENGOV", Text), ("Supreme Court", "VENJUD", Place)],
        ),
        // "whose": the relative clause's antecedent.
        (
            "Chad, whose troops fought alongside Nigerian soldiers, condemned the attack.",
            &[
                ("Chad", "TCD", Text),
                ("troops", "TCDMIL", Text),
                ("Nigerian soldiers", "NGAMIL", Text),
            ],
        ),
    ];
    let mut bad = Vec::new();
    for (text, want) in table {
        let article =
            Article::new("t", "2024-03-05".parse().expect("date"), text);
        let analyzed = coder.analyze(text);
        let places = coder.places().find(text, &analyzed);
        let parses = coder.parse(&article, &analyzed, &places, None);
        let cx = Context { places: &places, parses: Some(&parses) };
        let got: Vec<(String, String, Option<CountryFrom>)> = coder
            .actors()
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
        if got != want {
            bad.push(format!("{text}\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// A parliament or court with a default country belongs to the country
/// named as its owner; one whose own name gives its country stays.
#[test]
fn owned_institution_takes_its_owner() {
    let m = matcher();
    let d = "2010-03-02";
    check(
        &m,
        d,
        // Chile's own Senate line (organizations.tsv) now names it.
        "Chile's Senate voted.",
        &[("Chile", "CHL", "Chile"), ("Senate", "CHLLEG", "Senate of Chile")],
    );
    check(
        &m,
        d,
        "Israel's Supreme Court ruled.",
        &[("Israel's Supreme Court", "ISRJUD", "Supreme Court of Israel")],
    );
}

/// `(text, [(mention text, code, name)])`: a definite bare role word
/// names again the office or body an earlier mention gave a country
/// ("the Secretary" after "the Secretary of State", "the delegation"
/// after "a Dutch delegation"), not the sentence's country names nor
/// the story's.
#[test]
fn definite_roles_name_earlier_mentions() {
    let m = matcher();
    let d = "2022-05-10";
    check(
        &m,
        d,
        "A Dutch delegation reached Lima on Monday. Peru said the \
         delegation met Chile's trade minister.",
        &[
            ("Dutch delegation", "NLDGOV", ""),
            ("Lima", "PERGOV", "Lima"),
            ("Peru", "PER", "Peru"),
            ("delegation", "NLDGOV", ""),
            ("Chile's trade minister", "CHLGOV", ""),
        ],
    );
    check(
        &m,
        d,
        "The Secretary of State spoke on Monday. On Tuesday the \
         Secretary criticised Iran.",
        &[
            ("Secretary of State", "USAGOV", "Antony Blinken"),
            ("Secretary", "USAGOV", "Antony Blinken"),
            ("Iran", "IRN", "Iran"),
        ],
    );
}

/// A definite plural role word names the group the sentence before
/// named with its country ("three Kenyan soldiers" ... "the soldiers'
/// camp"), not the story's or the place's; another head word ("the
/// troops") is no mention of it.
#[test]
fn definite_plurals_name_the_group_just_named() {
    let m = matcher();
    check(
        &m,
        "2022-05-10",
        "MOGADISHU, May 10 - A roadside bomb killed three Kenyan soldiers \
         on Monday. Gunmen fired on the soldiers' camp near Dhobley.",
        &[
            ("MOGADISHU", "SOMGOV", "Mogadishu"),
            ("Kenyan soldiers", "KENMIL", ""),
            ("Gunmen", "SOMREB", ""),
            ("soldiers", "KENMIL", ""),
        ],
    );
}

/// A role word with an "of" phrase of its own ("the delegation of the
/// rebels", "the leadership of the movement") is whose that phrase
/// says, not an earlier mention of the same office or body again.
#[test]
fn definite_roles_with_their_own_of_phrase() {
    let m = matcher();
    check(
        &m,
        "2022-05-10",
        "LIMA, May 10 - A Kenyan delegation arrived on Monday. The \
         delegation of the rebels met officials.",
        &[
            ("LIMA", "PERGOV", "Lima"),
            ("Kenyan delegation", "KENGOV", ""),
            ("delegation", "PERGOV", ""),
            ("rebels", "PERREB", ""),
            ("officials", "PERGOV", ""),
        ],
    );
    // A verb's "of" with a gerund is no "of" phrase of the role word.
    check(
        &m,
        "2022-05-10",
        "LIMA, May 10 - A Kenyan delegation arrived on Monday. Rebels \
         accused the delegation of lying.",
        &[
            ("LIMA", "PERGOV", "Lima"),
            ("Kenyan delegation", "KENGOV", ""),
            ("Rebels", "PERREB", ""),
            ("delegation", "KENGOV", ""),
        ],
    );
}

/// `(text, [(mention text, code, name)])`: a possessor reaches over one
/// or two lowercase modifiers of the role noun it owns ("Kenya's federal
/// government" is Kenya's, not the dateline's).
#[test]
fn possessors_over_modifiers() {
    let m = matcher();
    let d = "2022-05-10";
    check(
        &m,
        d,
        "LIMA, May 10 - Kenya's federal government met on Monday.",
        &[
            ("LIMA", "PERGOV", "Lima"),
            ("Kenya", "KEN", "Kenya"),
            ("government", "KENGOV", ""),
        ],
    );
}

/// Every member state's capital stands for its government ("Suva
/// protested", "Apia and Nuku'alofa signed").
#[test]
fn small_states_capitals() {
    let m = matcher();
    let d = "2022-05-10";
    check(
        &m,
        d,
        "Suva and Port Vila signed a fisheries pact with Apia.",
        &[
            ("Suva", "FJIGOV", "Suva"),
            ("Port Vila", "VUTGOV", "Port Vila"),
            ("Apia", "WSMGOV", "Apia"),
        ],
    );
}

/// A capital with a role word lends its country, not its government:
/// "nurses in Accra" are Ghanaian nurses; a capital alone, or with a
/// government word, is still the government.
#[test]
fn role_words_at_a_capital_keep_their_role() {
    let m = matcher();
    let d = "2023-02-14";
    check(
        &m,
        d,
        "Police in Accra detained nurses in Accra, and Lima students met Lima officials.",
        &[
            ("Police in Accra", "GHACOP", ""),
            ("nurses in Accra", "GHAHLH", ""),
            ("Lima students", "PEREDU", ""),
            ("Lima officials", "PERGOV", ""),
        ],
    );
}

/// Session 37: a full name that differs from an office holder's is
/// another person ("Melania Trump" is not the president), while a title,
/// a weekday or an honorific before the family name keeps the holder.
#[test]
fn namesakes_of_office_holders() {
    let m = matcher();
    let d = "2018-06-01";
    check(
        &m,
        d,
        "Reporters asked Melania Trump about Kenya.",
        &[("Kenya", "KEN", "Kenya")],
    );
    check(
        &m,
        d,
        "On Monday Trump criticized Kenya.",
        &[("Trump", "USAGOV", "Donald Trump"), ("Kenya", "KEN", "Kenya")],
    );
    check(
        &m,
        d,
        "President Trump criticized Kenya.",
        &[
            ("President Trump", "USAGOV", "Donald Trump"),
            ("Kenya", "KEN", "Kenya"),
        ],
    );
}

/// Session 39: a given name of the lists opening a sentence before an
/// office holder's family name is another person's ("Hunter Biden
/// denied ..." is not Joe Biden); a word that is no given name keeps
/// the holder ("Thereafter Biden said").
#[test]
fn namesake_opening_a_sentence() {
    let m = matcher();
    let d = "2020-10-20";
    check(
        &m,
        d,
        "Hunter Biden criticized Kenya.",
        &[("Kenya", "KEN", "Kenya")],
    );
    check(
        &m,
        d,
        "Thereafter Biden criticized Kenya.",
        &[("Biden", "USAELI", "Joe Biden"), ("Kenya", "KEN", "Kenya")],
    );
    // A title's abbreviation with its period is a title all the same,
    // no given name.
    check(
        &m,
        d,
        "Kenya thanked Mr. Biden and Gen. Biden.",
        &[
            ("Kenya", "KEN", "Kenya"),
            ("Biden", "USAELI", "Joe Biden"),
            ("Gen. Biden", "USAELI", "Joe Biden"),
        ],
    );
}

/// Session 39: "he" is not a person whose given name is a woman's, nor
/// "she" a man's; the pronoun then stays open rather than jump back.
#[test]
fn pronouns_of_the_other_sex() {
    let m = matcher();
    let d = "2024-02-11";
    let maria = ("Minister Maria Kowalska", "---GOV", "Maria Kowalska");
    check(&m, d, "Minister Maria Kowalska spoke. He left.", &[maria]);
    check(
        &m,
        d,
        "Minister Maria Kowalska spoke. She left.",
        &[maria, ("She", "---GOV", "Maria Kowalska")],
    );
    let piotr = ("Minister Piotr Nowak", "---GOV", "Piotr Nowak");
    check(
        &m,
        d,
        "Minister Maria Kowalska met Minister Piotr Nowak. He left.",
        &[maria, piotr, ("He", "---GOV", "Piotr Nowak")],
    );
}

/// Session 38: an article about a private person who shares an office
/// holder's family name ("Usman Khan" and the London mayor "Sadiq Khan",
/// named later) reads the bare family name after the private person's
/// full name as his, not as the learned holder's.
#[test]
fn family_name_after_a_namesake_is_the_namesake() {
    let m = matcher();
    let text = "On Friday a man named Ravi Khan attacked shoppers in \
                Leeds. Khan was arrested at the scene. Mayor of London \
                Sadiq Khan said the city stood with Leeds.";
    let got = found(&m, "2019-12-02", text);
    let khans: Vec<(&str, Option<String>)> = got
        .iter()
        .filter(|x| x.span.slice(text).contains("Khan"))
        .map(|x| (x.span.slice(text), x.name.clone()))
        .collect();
    assert_eq!(
        khans,
        vec![("Mayor of London Sadiq Khan", Some("Sadiq Khan".to_string()))],
        "\ntext: {text}"
    );
}

/// A bare, capitalised head-of-state title in a story abroad is the
/// writer's own country's office holder when the article names that
/// country's offices by bare titles only it has ("the Secretary of
/// State"); lowercase, or without such a title, it stays the story
/// country's (issue 15 item 3).
#[test]
fn bare_title_of_the_writers_home() {
    let m = matcher();
    let d = "1987-03-04";
    let reagan = ("President", "USAGOV", "Ronald Reagan");
    let shultz = ("Secretary of State", "USAGOV", "George Shultz");
    let manila_caps = ("MANILA", "PHLGOV", "Manila");
    let manila = ("Manila", "PHLGOV", "Manila");
    check(
        &m,
        d,
        "MANILA, March 4 - The President ordered two aircraft carriers to \
         the region on Wednesday. The Secretary of State flew to Manila.",
        &[manila_caps, reagan, shultz, manila],
    );
    check(
        &m,
        d,
        "MANILA, March 4 - The president ordered troops to the southern \
         islands on Wednesday.",
        &[
            manila_caps,
            ("president", "PHLGOV", "Corazon Aquino"),
            ("troops", "PHLMIL", ""),
        ],
    );
}
