//! The CAMEO code table (`dicts/cameo.tsv`): names, Goldstein scores, and
//! GDELT's QuadClass by root.

use std::collections::HashMap;

use crate::codes::{CameoCode, PatternCode};
use crate::error::DictError;
use crate::util::{data_lines, LineErrors};

/// CAMEO roots of acts addressed to an actor (appeals, demands,
/// disapproval, rejection, threats): they never take a place as their
/// target, and are done to no place. Here, below the pattern matcher
/// and the role finder, so that both read it without a cycle.
pub(crate) const VERBAL_ROOTS: &[&str] = &["02", "10", "11", "12", "13"];

/// The built-in CAMEO table.
pub const BUILTIN_CAMEO: &str = include_str!("../../../../dicts/cameo.tsv");

/// One CAMEO code's facts.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoInfo {
    /// Goldstein conflict-cooperation score (-10 .. +10).
    pub goldstein: f32,
    /// The code's name.
    pub name: String,
}

/// CAMEO code -> facts.
#[derive(Clone, Debug, Default)]
pub struct CameoTable {
    codes: HashMap<String, CameoInfo>,
}

impl CameoTable {
    /// Parses `code<TAB>goldstein<TAB>name` lines.
    pub fn parse(
        path: &str,
        text: &str,
    ) -> Result<CameoTable, Vec<DictError>> {
        let mut codes = HashMap::new();
        let mut errs = LineErrors::new(path);
        for (n, line) in data_lines(text) {
            let cols: Vec<&str> = line.split('\t').collect();
            let parsed = match cols.as_slice() {
                [code, g, name] => g.parse::<f32>().ok().map(|g| {
                    (
                        code.to_string(),
                        CameoInfo { goldstein: g, name: name.to_string() },
                    )
                }),
                _ => None,
            };
            match parsed {
                Some((c, info)) => {
                    codes.insert(c, info);
                }
                None => errs.push(n, "expected `code<TAB>goldstein<TAB>name`"),
            }
        }
        errs.finish(CameoTable { codes })
    }

    /// The built-in table.
    pub fn builtin() -> crate::error::Result<CameoTable> {
        CameoTable::parse("dicts/cameo.tsv", BUILTIN_CAMEO)
            .map_err(crate::error::Error::Dict)
    }

    /// Every (code, facts) pair.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &CameoInfo)> {
        self.codes.iter().map(|(c, i)| (c.as_str(), i))
    }

    /// Facts of `code`, falling back to its parent codes.
    pub fn get(&self, code: CameoCode) -> Option<&CameoInfo> {
        let mut c = code.as_str();
        while c.len() >= 2 {
            if let Some(i) = self.codes.get(c) {
                return Some(i);
            }
            c = &c[..c.len() - 1];
        }
        None
    }
}

/// The built-in statement-of-intent and allegation table.
pub const BUILTIN_INTENT: &str = include_str!("../../../../dicts/intent.tsv");

/// A code rewrite with the `file:line` it came from and its stable id.
#[derive(Clone, Debug, PartialEq)]
pub struct Rewrite {
    /// The CAMEO code to emit.
    pub code: CameoCode,
    /// `file:line` of the table row.
    pub origin: String,
    /// The row's stable id, from its key columns (`intent/allege/19`,
    /// `doers/riot/145`): unchanged when lines move.
    pub id: String,
}

/// Records `id` as defined on line `n`; a second definition is an error.
fn unique(
    seen: &mut std::collections::HashMap<String, usize>,
    id: &str,
    n: usize,
    errs: &mut LineErrors,
) {
    if let Some(first) = seen.get(id) {
        errs.push(n, format!("duplicate id {id} (first on line {first})"));
    } else {
        seen.insert(id.to_string(), n);
    }
}

/// Statements of intent and allegations (`dicts/intent.tsv`): which
/// control verbs declare intent, what a declared act codes as, and what a
/// claim that another actor did an act codes as.
#[derive(Clone, Debug, Default)]
pub struct IntentTable {
    /// Lemmas of declaring control verbs ("want", "pledge"), and whether
    /// they declare only cooperative acts (scope `coop`).
    pub declare: Vec<(String, bool)>,
    /// (act code prefix, intent rewrite, refusal rewrite).
    intent: Vec<(String, Option<Rewrite>, Option<Rewrite>)>,
    /// (act root, allegation rewrite).
    allege: Vec<(String, Rewrite)>,
    /// (act root, claim-of-responsibility rewrite).
    claim: Vec<(String, Rewrite)>,
    /// Lemmas of speech verbs that only claim ("claim", "allege"): the
    /// act they report counts as the speaker's statement, not as a fact.
    pub doubt: Vec<String>,
    /// Lemmas of speech verbs with which a speaker owns its act ("X
    /// claimed/admitted it had attacked Y": 015); a plain "said" only
    /// reports it.
    pub own: Vec<String>,
}

impl IntentTable {
    /// Parses `kind<TAB>key<TAB>code<TAB>code2` lines.
    pub fn parse(
        path: &str,
        text: &str,
    ) -> Result<IntentTable, Vec<DictError>> {
        let mut t = IntentTable::default();
        let mut errs = LineErrors::new(path);
        let mut ids = std::collections::HashMap::new();
        for (n, line) in data_lines(text) {
            let origin = format!("{path}:{n}");
            let rw = |c: &str, id: String| {
                c.parse().ok().filter(|_| c != "-").map(|code| Rewrite {
                    code,
                    origin: origin.clone(),
                    id,
                })
            };
            let digits = |c: &str| {
                c == "-"
                    || (!c.is_empty()
                        && c.len() <= 8
                        && c.bytes().all(|b| b.is_ascii_digit()))
            };
            let cols: Vec<&str> = line.split('\t').collect();
            let ok = match cols.as_slice() {
                ["declare", w, sc @ ("all" | "coop"), "-"]
                    if !w.is_empty() =>
                {
                    t.declare.push((w.to_lowercase(), *sc == "coop"));
                    true
                }
                ["intent", act, a, b]
                    if digits(act)
                        && *act != "-"
                        && digits(a)
                        && digits(b) =>
                {
                    let (i, r) = (
                        format!("intent/intent/{act}"),
                        format!("intent/refuse/{act}"),
                    );
                    unique(&mut ids, &i, n, &mut errs);
                    t.intent.push((act.to_string(), rw(a, i), rw(b, r)));
                    true
                }
                [k @ ("allege" | "claim"), r, c, "-"]
                    if digits(r) && *r != "-" && digits(c) && *c != "-" =>
                {
                    let id = format!("intent/{k}/{r}");
                    unique(&mut ids, &id, n, &mut errs);
                    if let Some(w) = rw(c, id) {
                        if *k == "allege" {
                            t.allege.push((r.to_string(), w));
                        } else {
                            t.claim.push((r.to_string(), w));
                        }
                    }
                    true
                }
                ["doubt", w, "-", "-"] if !w.is_empty() => {
                    t.doubt.push(w.to_lowercase());
                    true
                }
                ["own", w, "-", "-"] if !w.is_empty() => {
                    t.own.push(w.to_lowercase());
                    true
                }
                _ => false,
            };
            if !ok {
                errs.push(n, "expected `declare<TAB>lemma<TAB>all|coop<TAB>-`, `intent<TAB>act<TAB>code<TAB>code`, `allege|claim<TAB>root<TAB>code<TAB>-` with numeric codes or `-`, or `doubt|own<TAB>lemma<TAB>-<TAB>-`");
            }
        }
        // Longest prefix first.
        t.intent.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        errs.finish(t)
    }

    /// What a declared act coded `cameo` (its forward code) codes as: the
    /// intent, or when `negated` the refusal; `None` keeps the act.
    pub fn declared(
        &self,
        cameo: PatternCode,
        negated: bool,
    ) -> Option<&Rewrite> {
        let act = cameo.forward()?;
        let (_, a, b) =
            self.intent.iter().find(|(p, _, _)| act.starts_with(p))?;
        if negated {
            b.as_ref()
        } else {
            a.as_ref()
        }
    }

    /// What a claim that another actor did an act coded `cameo` codes as.
    pub fn alleged(&self, cameo: PatternCode) -> Option<&Rewrite> {
        let root = cameo.root()?;
        self.allege.iter().find(|(r, _)| root == r.as_str()).map(|(_, w)| w)
    }

    /// What a speaker's report of its own act coded `cameo` codes as
    /// ("X said it had attacked Y": a claim of responsibility).
    pub fn claimed(&self, cameo: PatternCode) -> Option<&Rewrite> {
        let root = cameo.root()?;
        self.claim.iter().find(|(r, _)| root == r.as_str()).map(|(_, w)| w)
    }
}

/// The built-in table of acts recoded by their doer.
pub const BUILTIN_DOERS: &str = include_str!("../../../../dicts/doers.tsv");

/// Acts recoded or dropped by who does them (`dicts/doers.tsv`):
/// protesters who destroy property or attack people riot (CAMEO 145);
/// an act between private actors only (companies, media, sports) is no
/// political event.
#[derive(Clone, Debug, Default)]
pub struct DoerTable {
    /// (head words, act code prefixes, rewrite).
    rows: Vec<(Vec<String>, Vec<String>, Rewrite)>,
    /// `private` rows: (role codes, roots where they still count as
    /// political actors).
    private: Vec<(Vec<String>, Vec<String>)>,
    /// `victim` rows: (role codes, roots where they count only as the
    /// act's target).
    victim: Vec<(Vec<String>, Vec<String>)>,
}

impl DoerTable {
    /// Parses `riot<TAB>heads<TAB>prefixes<TAB>code` lines.
    pub fn parse(path: &str, text: &str) -> Result<DoerTable, Vec<DictError>> {
        let mut t = DoerTable::default();
        let mut errs = LineErrors::new(path);
        let mut ids = std::collections::HashMap::new();
        let digits =
            |c: &str| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit());
        for (n, line) in data_lines(text) {
            let cols: Vec<&str> = line.split('\t').collect();
            let row = match cols.as_slice() {
                ["riot", heads, prefixes, code]
                    if digits(code) && code.len() <= 8 =>
                {
                    let heads: Vec<String> = heads
                        .split('|')
                        .map(|w| w.trim().to_lowercase())
                        .filter(|w| !w.is_empty())
                        .collect();
                    let prefixes: Vec<String> = prefixes
                        .split(',')
                        .map(|p| p.trim().to_string())
                        .collect();
                    let code = code.parse::<CameoCode>().ok();
                    code.filter(|_| {
                        !heads.is_empty() && prefixes.iter().all(|p| digits(p))
                    })
                    .map(|code| (heads, prefixes, code))
                }
                [kind @ ("private" | "victim"), roles, roots, "-"]
                    if roots.split(',').all(|r| r == "-" || digits(r)) =>
                {
                    let roles: Vec<String> = roles
                        .split('|')
                        .map(|w| w.trim().to_string())
                        .filter(|w| w.len() == 3)
                        .collect();
                    let roots: Vec<String> = roots
                        .split(',')
                        .filter(|r| *r != "-")
                        .map(|r| r.trim().to_string())
                        .collect();
                    if roles.is_empty() {
                        errs.push(n, "expected `private<TAB>ROLE|ROLE<TAB>root,root<TAB>-` with 3-letter roles");
                    } else if *kind == "victim" {
                        t.victim.push((roles, roots));
                    } else {
                        t.private.push((roles, roots));
                    }
                    continue;
                }
                _ => None,
            };
            match row {
                Some((heads, prefixes, code)) => {
                    let id = format!("doers/riot/{code}");
                    unique(&mut ids, &id, n, &mut errs);
                    let origin = format!("{path}:{n}");
                    t.rows.push((heads, prefixes, Rewrite { code, origin, id }))
                }
                None => errs.push(n, "expected `riot<TAB>word|word<TAB>prefix,prefix<TAB>code` with numeric prefixes and code, or `private<TAB>ROLE|ROLE<TAB>root,root<TAB>-`"),
            }
        }
        errs.finish(t)
    }

    /// Whether an actor coded `code` is a political actor for an act of
    /// root `root`: any actor but one whose code has a private role
    /// (`private` rows: `USABUS`, `---MED`) and no political one
    /// (`USAGOVBUS` is political); a country alone, an IGO, a government,
    /// a rebel group, civilians are political. A private role counts as
    /// political for the roots its row lists (workers on strike, 14).
    pub fn political(&self, code: &str, root: &str) -> bool {
        let mut private = false;
        // The first group is a country or a body (`MNC`, `IGO`): only a
        // private body counts there.
        for (i, g) in code.as_bytes().chunks(3).enumerate() {
            let Ok(g) = std::str::from_utf8(g) else { return true };
            match self.private.iter().find(|(rs, _)| rs.iter().any(|r| r == g))
            {
                // A private body (`MNCUSA`: a multinational and its home
                // country) is private whatever follows.
                Some((_, roots)) if i == 0 => {
                    return roots.iter().any(|r| r == root);
                }
                Some((_, roots)) if !roots.iter().any(|r| r == root) => {
                    private = true;
                }
                None if i == 0 => {}
                // A role of no private row: a state or political role.
                _ => return true,
            }
        }
        !private
    }

    /// Whether an act of root `root` between `source` and `target`
    /// (actor codes; `None`: no actor) is a political event: at least one
    /// side is a political actor ([`DoerTable::political`]).
    pub fn relevant(
        &self,
        source: Option<&str>,
        target: Option<&str>,
        root: &str,
    ) -> bool {
        if self.private.is_empty() {
            return true;
        }
        // A doer that counts only as a victim makes no act of its own:
        // the act needs a political target that is not one too ("banks
        // battled foreign rivals" is none; "the kidnapped businessman"
        // with no doer named still counts).
        let side =
            |c: &str| self.political(c, root) && !self.victim_only(c, root);
        if source.is_some_and(|c| self.victim_only(c, root)) {
            return target.is_some_and(side);
        }
        [source, target].into_iter().flatten().any(|c| self.political(c, root))
    }

    /// Whether an actor coded `code` counts in acts of root `root` only as
    /// their target (`victim` rows): a firm is a side of an attack when
    /// it is attacked, but a firm that "fights", "battles" or "targets"
    /// (Reuters: banks fighting for market share, "the Fed is targeting
    /// M-1" read as a bank) does no act of force. Only a code whose roles
    /// after the country are all victim roles of the root counts.
    fn victim_only(&self, code: &str, root: &str) -> bool {
        let mut roles = code.as_bytes().chunks(3).skip(1).peekable();
        roles.peek().is_some()
            && roles.all(|g| {
                self.victim.iter().any(|(rs, roots)| {
                    roots.iter().any(|r| r == root)
                        && rs.iter().any(|r| r.as_bytes() == g)
                })
            })
    }

    /// What an act coded `cameo` codes as when done by an actor whose
    /// mention ends in the (lowercase) word `head`; `None` keeps it.
    pub fn recode(&self, cameo: CameoCode, head: &str) -> Option<&Rewrite> {
        self.rows
            .iter()
            .find(|(hs, ps, w)| {
                w.code != cameo
                    && hs.iter().any(|h| h == head)
                    && ps.iter().any(|p| cameo.starts_with(p))
            })
            .map(|(_, _, w)| w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cc(s: &str) -> CameoCode {
        s.parse().expect("CAMEO code")
    }

    fn pc(s: &str) -> PatternCode {
        s.parse().expect("pattern code")
    }

    #[test]
    fn doers() {
        let t = DoerTable::parse("doers.tsv", BUILTIN_DOERS).unwrap();
        let cases = [
            ("1712", "protesters", Some("145")),
            ("190", "demonstrator", Some("145")),
            ("180", "rioters", Some("145")),
            // Students storming a campus office riot.
            ("190", "students", Some("145")),
            ("111", "protesters", None),
            ("1712", "troops", None),
            ("145", "protesters", None),
            ("195", "protesters", None),
        ];
        for (code, head, want) in cases {
            let got = t.recode(cc(code), head).map(|w| w.code.as_str());
            assert_eq!(got, want, "{code} {head}");
        }
        let bad = DoerTable::parse("x.tsv", "riot\tmob\t1x\t145\nfoo\n")
            .unwrap_err();
        assert_eq!(bad.iter().map(|e| e.line).collect::<Vec<_>>(), [1, 2]);
    }

    /// Relevance: private roles (companies, media, sports; workers and
    /// farmers outside protest and violence) are no political actors.
    #[test]
    fn private_actors() {
        let t = DoerTable::parse("doers.tsv", BUILTIN_DOERS).unwrap();
        // (source, target, root, relevant)
        let cases: &[(Option<&str>, Option<&str>, &str, bool)] = &[
            (Some("USABUS"), Some("JPNBUS"), "03", false),
            (Some("---MED"), None, "08", false),
            (Some("MNCUSA"), None, "06", false),
            (None, Some("---LAB"), "17", true),
            (Some("BRALAB"), None, "14", true),
            (Some("PHLLAB"), None, "06", false),
            (Some("FRALAB"), None, "10", true),
            (Some("USABUS"), Some("USAGOV"), "11", true),
            (Some("USAGOVBUS"), None, "05", true),
            (Some("USA"), None, "05", true),
            (Some("IGOUNO"), None, "04", true),
            (Some("---CVL"), None, "14", true),
            (None, Some("GBRMED"), "19", true),
            // A firm is a victim of force, never its doer.
            (Some("JPNBUS"), Some("JPN"), "19", true),
            (Some("JPNBUS"), None, "19", false),
            (Some("USABUS"), Some("JPNBUS"), "19", false),
            (None, Some("JPNBUS"), "18", true),
            (Some("NGAREB"), Some("JPNBUS"), "18", true),
            (Some("USAGOVBUS"), None, "18", true),
            (Some("FRABUS"), None, "14", true),
        ];
        for &(s, g, root, want) in cases {
            assert_eq!(t.relevant(s, g, root), want, "{s:?} {g:?} {root}");
        }
        let bad = DoerTable::parse(
            "x.tsv",
            "private	B	14	-
",
        )
        .unwrap_err();
        assert_eq!(bad.len(), 1);
    }

    #[test]
    fn table() {
        let t = CameoTable::builtin().unwrap();
        let cases =
            [("112", -2.0), ("190", -10.0), ("057", 8.0), ("0871", 9.0)];
        for (c, g) in cases {
            assert_eq!(t.get(cc(c)).map(|i| i.goldstein), Some(g), "{c}");
        }
        assert!(t.iter().count() > 280);
    }

    #[test]
    fn intent_table() {
        let t = IntentTable::parse("intent.tsv", BUILTIN_INTENT).unwrap();
        // (act, negated, expected rewrite)
        let cases = [
            ("0841", false, Some("0353")),
            ("0841", true, Some("1243")),
            ("040", false, Some("036")),
            ("190", false, Some("138")),
            ("190", true, None),
            ("111", false, None),
        ];
        for (act, neg, want) in cases {
            let got = t.declared(pc(act), neg).map(|w| w.code.as_str());
            assert_eq!(got, want, "{act} {neg}");
        }
        assert_eq!(t.alleged(pc("193")).map(|w| w.code.as_str()), Some("112"));
        assert_eq!(t.alleged(pc("040")), None);
        assert_eq!(t.alleged(pc(":193")), None);
        assert_eq!(t.claimed(pc("190")).map(|w| w.code.as_str()), Some("015"));
        assert_eq!(t.claimed(pc("040")), None);
        assert!(t.doubt.contains(&"claim".to_string()));
        assert!(t.declare.contains(&("want".to_string(), false)));
        assert!(t.declare.contains(&("pledge".to_string(), true)));
        let bad = IntentTable::parse("x.tsv", "intent\t04\n").unwrap_err();
        assert_eq!((bad.len(), bad[0].line), (1, 1));
    }

    /// (rewrite, id): rows are named by their key columns, so an id
    /// survives lines moving; a repeated id is an error.
    #[test]
    fn row_ids() {
        let text =
            "intent\t04\t036\t124\nallege\t19\t112\t-\nclaim\t19\t015\t-\n";
        let t = IntentTable::parse("i.tsv", text).unwrap();
        let cases = [
            (t.declared(pc("042"), false), "intent/intent/04"),
            (t.declared(pc("042"), true), "intent/refuse/04"),
            (t.alleged(pc("190")), "intent/allege/19"),
            (t.claimed(pc("193")), "intent/claim/19"),
        ];
        for (w, want) in cases {
            assert_eq!(w.map(|w| w.id.as_str()), Some(want));
        }
        let dup = IntentTable::parse(
            "i.tsv",
            "allege\t19\t112\t-\nallege\t19\t111\t-\n",
        )
        .unwrap_err();
        assert_eq!(
            dup[0].to_string(),
            "i.tsv:2: duplicate id intent/allege/19 (first on line 1)"
        );
        let d = DoerTable::parse("d.tsv", BUILTIN_DOERS).unwrap();
        let w = d.recode(cc("190"), "protesters").expect("riot");
        assert_eq!(w.id, "doers/riot/145");
    }

    #[test]
    fn matches_phoenix_goldstein() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
            "../../../shared/data/anchors/phoenix_pipeline/cameo_goldstein_phoenix_quad.tsv",
        );
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!(
                "matches_phoenix_goldstein: skipped: {} absent",
                path.display()
            );
            return;
        };
        let t = CameoTable::builtin().unwrap();
        let mut bad = Vec::new();
        let mut n = 0;
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(code), Some(g)) = (cols.first(), cols.get(1)) else {
                continue;
            };
            let Ok(g) = g.parse::<f32>() else { continue };
            if let Some(info) = t.codes.get(*code) {
                n += 1;
                if (info.goldstein - g).abs() > 1e-6 {
                    bad.push(format!(
                        "{code}: ours {} phoenix {g}",
                        info.goldstein
                    ));
                }
            }
        }
        assert!(n > 250, "only {n} codes compared");
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}
