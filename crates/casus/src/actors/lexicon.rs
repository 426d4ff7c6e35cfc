//! The actor stage's word lists (data files under `dicts/ner/`): name
//! particles, pronouns, definite descriptions, titles and the other
//! closed lists the mention grammar reads. Kept apart from `learn` so
//! that modules `learn` calls (`namesake`) can read them without a
//! circle.
//!
//! ```ignore
//! let lex = Lexicon::builtin();
//! assert!(lex.titles.contains("Dr"));
//! ```

use crate::util::{data_lines, FastMap, FastSet};

/// Word lists used by the grammar (data files under `dicts/ner/`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    pub particles: FastSet<String>,
    pub non_names: FastSet<String>,
    pub locatives: FastSet<String>,
    pub pronouns: FastMap<String, PronounUse>,
    /// Definite descriptions by their first word ("the", "both"), then
    /// their second ("" for one-word phrases): the phrase's words and
    /// what it refers to, in file order. Two levels because most begin
    /// with "the": the second word rejects them without a comparison.
    pub definites: FastMap<String, Definites>,
    /// Words that may precede a state role word ("local officials");
    /// any other lowercase word makes it another body's ("company
    /// spokesman").
    pub role_premodifiers: FastSet<String>,
    /// Words after which a clause starts ("and", "when").
    pub clause_starts: FastSet<String>,
    /// Generic post words ("chief", "spokesman") that keep the role of a
    /// security or non-state role word before them ("army chief").
    pub role_heads: FastSet<String>,
    /// Organisation head words ("Corp", "Bank"), lowercase: a name with
    /// one is no person to remember across articles.
    pub org_words: FastSet<String>,
    /// Head words of company names ("Corp", "Express"), lowercase: a
    /// country or role word before one is part of the company's name
    /// (see `company`).
    pub company_words: FastSet<String>,
    /// Words that end a run of premodifiers before an agent ("of", "to",
    /// "said"): see [`Lexicon::stack_agents`].
    pub np_breaks: FastSet<String>,
    /// Titles before a name ("Dr", "Professor"), as written
    /// (`dicts/ner/titles.txt`): such a word before a family name is no
    /// given name (see `namesake`).
    pub titles: FastSet<String>,
    /// TABARI/PETRARCH agent composition
    /// ([`crate::dict::Dictionaries::stack_agents`]): agents inside
    /// longer agents count, prefix agents before an actor join it,
    /// premodifiers between a possessive and an agent are skipped ("X's
    /// awful and evil minister"), and codes stack in text order.
    pub stack_agents: bool,
}

/// What a pronoun refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pronoun {
    /// A person ("he", "his").
    Person,
    /// An organisation or a group of people ("they", "their").
    Group,
    /// One organisation or country ("it", "its").
    Org,
}

/// A pronoun's kind and whether it is possessive ("its", "his").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PronounUse {
    pub kind: Pronoun,
    pub possessive: bool,
}

/// What a definite description refers back to
/// (`dicts/ner/definites.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Definite {
    /// A named non-state organisation ("the group").
    Group,
    /// A named body or agency ("the agency").
    Org,
    /// An international body ("the bloc").
    Igo,
    /// A country ("the country").
    Country,
    /// Another country than the one its possessor names ("accusing its
    /// neighbour"): the most recent country actor but the possessor's.
    Other,
    /// Actors of `n` countries: two ("the two countries", "both sides").
    /// Sets of three were tried and left out: the story's ranking picks
    /// the wrong third country too often (docs/eval/missed.md).
    Set(u8),
    /// Two persons of two countries named before ("the two leaders",
    /// "both presidents"): the two most recent persons, when their
    /// countries differ.
    Leaders,
}

/// `word<TAB>kind<TAB>case` lines; unknown kinds or cases are skipped
/// (the built-in file is checked by a test).
fn pronoun_list(text: &str) -> FastMap<String, PronounUse> {
    data_lines(text)
        .filter_map(|(_, l)| {
            let mut f = l.split('\t').map(str::trim);
            let w = f.next()?;
            let kind = match f.next().unwrap_or("person") {
                "person" => Pronoun::Person,
                "group" => Pronoun::Group,
                "org" => Pronoun::Org,
                _ => return None,
            };
            let possessive = match f.next().unwrap_or("subject") {
                "subject" => false,
                "possessive" => true,
                _ => return None,
            };
            Some((w.to_lowercase(), PronounUse { kind, possessive }))
        })
        .collect()
}

/// Definite descriptions of one first word, by their second word ("" for
/// one-word phrases), in file order.
pub(crate) type Definites = FastMap<String, Vec<(Vec<String>, Definite)>>;

/// `phrases<TAB>kind` lines, by the phrase's first and second words.
fn definite_list(text: &str) -> FastMap<String, Definites> {
    let mut out: FastMap<String, Definites> = FastMap::default();
    for (_, l) in data_lines(text) {
        let Some((ps, k)) = l.split_once('\t') else { continue };
        let kind = match k.trim() {
            "group" => Definite::Group,
            "org" => Definite::Org,
            "igo" => Definite::Igo,
            "country" => Definite::Country,
            "pair" => Definite::Set(2),
            "leaders" => Definite::Leaders,
            "other" => Definite::Other,
            _ => continue,
        };
        for p in ps.split('|') {
            let words: Vec<String> =
                p.split_whitespace().map(str::to_lowercase).collect();
            if let Some(first) = words.first() {
                let second = words.get(1).cloned().unwrap_or_default();
                out.entry(first.clone())
                    .or_default()
                    .entry(second)
                    .or_default()
                    .push((words, kind));
            }
        }
    }
    out
}

fn word_list(text: &str) -> FastSet<String> {
    data_lines(text).map(|(_, l)| l.trim().to_string()).collect()
}

impl Lexicon {
    /// The built-in lists.
    pub fn builtin() -> Lexicon {
        Lexicon {
            particles: word_list(include_str!(
                "../../../../dicts/ner/name_particles.txt"
            )),
            non_names: word_list(include_str!(
                "../../../../dicts/ner/non_names.txt"
            )),
            locatives: word_list(include_str!(
                "../../../../dicts/ner/locatives.txt"
            )),
            pronouns: pronoun_list(include_str!(
                "../../../../dicts/ner/pronouns.txt"
            )),
            definites: definite_list(include_str!(
                "../../../../dicts/ner/definites.tsv"
            )),
            role_premodifiers: word_list(include_str!(
                "../../../../dicts/ner/role_premodifiers.txt"
            )),
            clause_starts: word_list(include_str!(
                "../../../../dicts/ner/clause_starts.txt"
            )),
            role_heads: word_list(include_str!(
                "../../../../dicts/ner/role_heads.txt"
            )),
            org_words: word_list(include_str!(
                "../../../../dicts/ner/org_words.txt"
            ))
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect(),
            company_words: word_list(include_str!(
                "../../../../dicts/ner/company_words.txt"
            ))
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect(),
            np_breaks: word_list(include_str!(
                "../../../../dicts/ner/np_breaks.txt"
            )),
            titles: word_list(include_str!(
                "../../../../dicts/ner/titles.txt"
            )),
            stack_agents: false,
        }
    }
}
