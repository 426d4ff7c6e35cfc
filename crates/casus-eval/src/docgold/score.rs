//! Matching system events against document gold, article by article.
//!
//! The rule is the shared scorer's (`../shared/data/gold-articles/
//! score.py`), so that one set of figures means the same on every gold
//! set: a system event matches a gold event when its source and target
//! *countries* (`IGO` for intergovernmental bodies; no country in the gold
//! = any) and its CAMEO *root* agree. Precision is over non-negated system
//! events, recall over required gold events. On top of that the scorer
//! reports how often a matched gold event also gets its full actor codes,
//! its exact CAMEO code and its modality from some matching system event.

use serde::Serialize;

use super::gold::{ArticleGold, Forbidden, GoldEvent, Timex};

/// One event as `casus code --format jsonl` prints it, reduced to what
/// scoring needs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SysEvent {
    /// Article id, normalised to the file stem.
    pub article: String,
    /// Source country (`IGO` for IGO codes).
    pub source: Option<String>,
    /// Target country.
    pub target: Option<String>,
    /// Full source actor code.
    pub source_code: Option<String>,
    /// Full target actor code.
    pub target_code: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// CAMEO root.
    pub root: String,
    /// Resolved date.
    pub date: Option<String>,
    /// `asserted`, `intended`, ...
    pub modality: String,
    /// Whether the event is negated.
    pub negated: bool,
    /// The evidence sentence.
    pub evidence: String,
}

/// One time expression as `casus times` prints it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SysTimex {
    /// Article id, normalised to the file stem.
    pub article: String,
    /// The expression as found.
    pub text: String,
    /// Its TIMEX3 value.
    pub value: String,
}

/// The file stem of an article id or path (`dir/g01.txt` -> `g01`).
pub fn article_key(id: &str) -> String {
    let last = id.rsplit('/').next().unwrap_or(id);
    last.split('.').next().unwrap_or(last).to_string()
}

/// The country the scorer compares: `IGO` for IGO codes (and the UN),
/// else the actor's country, else the first three letters of its code.
fn country(actor: &serde_json::Value) -> Option<String> {
    let code = actor.get("code").and_then(|c| c.as_str()).unwrap_or("");
    if code.starts_with("IGO") || matches!(code, "UNO" | "UN") {
        return Some("IGO".into());
    }
    let c = actor.get("country").and_then(|c| c.as_str());
    match c.filter(|c| !c.is_empty()) {
        Some(c) => Some(c.to_string()),
        None => code
            .get(..3)
            .or(Some(code))
            .filter(|c| !c.is_empty())
            .map(str::to_string),
    }
}

fn field(v: &serde_json::Value, key: &str) -> Option<String> {
    match v.get(key)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

impl SysEvent {
    /// Reads one JSON event; `None` when it has no article id or code.
    pub fn from_json(v: &serde_json::Value) -> Option<SysEvent> {
        let article = article_key(&field(v, "article_id")?);
        let cameo = field(v, "cameo")?;
        let side = |k: &str| v.get(k).filter(|a| !a.is_null());
        let code = |k: &str| side(k).and_then(|a| field(a, "code"));
        let root = field(v, "root")
            .unwrap_or_else(|| cameo.chars().take(2).collect());
        Some(SysEvent {
            article,
            source: side("source").and_then(country),
            target: side("target").and_then(country),
            source_code: code("source"),
            target_code: code("target"),
            root,
            cameo,
            date: field(v, "date"),
            modality: field(v, "modality")
                .unwrap_or_else(|| "asserted".into()),
            negated: v.get("negated").and_then(|n| n.as_bool()) == Some(true),
            evidence: field(v, "evidence").unwrap_or_default(),
        })
    }
}

impl SysTimex {
    /// Reads one JSON time expression.
    pub fn from_json(v: &serde_json::Value) -> Option<SysTimex> {
        Some(SysTimex {
            article: article_key(&field(v, "article_id")?),
            text: field(v, "text").unwrap_or_default(),
            value: field(v, "value").unwrap_or_default(),
        })
    }
}

/// Counts over one article or many; figures are derived from them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Non-negated system events.
    pub system: usize,
    /// ... of which match some gold event.
    pub system_matched: usize,
    /// Required gold events.
    pub required: usize,
    /// ... of which some system event matches.
    pub required_found: usize,
    /// Matched gold events with actor codes given / agreeing.
    pub code_n: usize,
    /// See `code_n`.
    pub code_ok: usize,
    /// Matched gold events with a CAMEO code given / agreeing exactly.
    pub cameo_n: usize,
    /// See `cameo_n`.
    pub cameo_ok: usize,
    /// Matched gold events with a stated date / carrying it.
    pub date_n: usize,
    /// See `date_n`.
    pub date_ok: usize,
    /// Matched gold events with a modality given / agreeing.
    pub modality_n: usize,
    /// See `modality_n`.
    pub modality_ok: usize,
    /// Forbidden acts in the gold.
    pub forbidden_n: usize,
    /// ... produced as asserted events.
    pub forbidden_hit: usize,
    /// Gold time expressions.
    pub timex_n: usize,
    /// ... found with the right value.
    pub timex_ok: usize,
}

impl Counts {
    /// Precision of events.
    pub fn precision(&self) -> f64 {
        ratio(self.system_matched, self.system)
    }

    /// Recall of required events.
    pub fn recall(&self) -> f64 {
        ratio(self.required_found, self.required)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    /// Adds another article's counts.
    pub fn add(&mut self, o: &Counts) {
        self.system += o.system;
        self.system_matched += o.system_matched;
        self.required += o.required;
        self.required_found += o.required_found;
        self.code_n += o.code_n;
        self.code_ok += o.code_ok;
        self.cameo_n += o.cameo_n;
        self.cameo_ok += o.cameo_ok;
        self.date_n += o.date_n;
        self.date_ok += o.date_ok;
        self.modality_n += o.modality_n;
        self.modality_ok += o.modality_ok;
        self.forbidden_n += o.forbidden_n;
        self.forbidden_hit += o.forbidden_hit;
        self.timex_n += o.timex_n;
        self.timex_ok += o.timex_ok;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// What kind of error a finding records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A required gold event no system event matches.
    Missed,
    /// A system event matching no gold event.
    False,
    /// A matched gold event whose stated date no match carries.
    Date,
    /// A forbidden act produced as asserted.
    Forbidden,
    /// A gold time expression not found with its value.
    Timex,
    /// A matched gold event whose actor codes no match carries.
    Code,
    /// A matched gold event whose exact CAMEO code no match carries.
    Cameo,
    /// A matched gold event whose modality no match carries.
    Modality,
}

/// One error, with what was wanted and the evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The kind.
    pub kind: Kind,
    /// `SRC->TGT code` wanted or produced, and what differs.
    pub what: String,
    /// The clause (gold evidence, or the system event's sentence).
    pub evidence: String,
}

/// The score of one article.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleScore {
    /// Article id.
    pub id: String,
    /// Region from the gold.
    pub region: String,
    /// Outlet style from the gold.
    pub style: String,
    /// Counts.
    pub counts: Counts,
    /// Every error.
    pub findings: Vec<Finding>,
}

fn side_ok(gold: &Option<String>, sys: &Option<String>) -> bool {
    gold.is_none() || gold == sys
}

fn matches(
    (src, tgt): (&Option<String>, &Option<String>),
    roots: &[String],
    e: &SysEvent,
) -> bool {
    roots.contains(&e.root)
        && side_ok(src, &e.source)
        && side_ok(tgt, &e.target)
}

fn gold_matches(g: &GoldEvent, e: &SysEvent) -> bool {
    matches((&g.source, &g.target), &g.roots, e)
}

/// Whether system event `e` is right by the scorer's rule: it matches
/// some gold event of its article (what precision counts) and, when
/// asserted, no forbidden act.
pub fn is_right(g: &ArticleGold, e: &SysEvent) -> bool {
    g.events.iter().any(|ge| gold_matches(ge, e))
        && !(e.modality == "asserted"
            && g.forbidden.iter().any(|f| forbidden_matches(f, e)))
}

fn forbidden_matches(f: &Forbidden, e: &SysEvent) -> bool {
    matches((&f.source, &f.target), &f.roots, e)
        && f.exact.as_ref().map_or(true, |x| *x == e.cameo)
}

fn dyad(src: &Option<String>, tgt: &Option<String>) -> String {
    let s = |x: &Option<String>| x.clone().unwrap_or_else(|| "*".into());
    format!("{}->{}", s(src), s(tgt))
}

fn gold_evidence(g: &GoldEvent) -> String {
    match (&g.evidence, g.note.is_empty()) {
        (Some(ev), true) => ev.clone(),
        (Some(ev), false) => format!("{ev} [{}]", g.note),
        (None, _) => g.note.clone(),
    }
}

/// Scores one article's system events and time expressions.
pub fn score_article(
    g: &ArticleGold,
    events: &[SysEvent],
    times: &[SysTimex],
) -> ArticleScore {
    let sys: Vec<&SysEvent> = events.iter().filter(|e| !e.negated).collect();
    let mut s = ArticleScore {
        id: g.id.clone(),
        region: g.region.clone(),
        style: g.style.clone(),
        counts: Counts { system: sys.len(), ..Counts::default() },
        findings: Vec::new(),
    };
    for e in &sys {
        if g.events.iter().any(|ge| gold_matches(ge, e)) {
            s.counts.system_matched += 1;
        } else {
            s.findings.push(Finding {
                kind: Kind::False,
                what: format!(
                    "{} {} {}",
                    dyad(&e.source, &e.target),
                    e.cameo,
                    e.modality
                ),
                evidence: e.evidence.clone(),
            });
        }
    }
    for ge in &g.events {
        let hits: Vec<&SysEvent> =
            sys.iter().copied().filter(|e| gold_matches(ge, e)).collect();
        score_gold_event(ge, &hits, &mut s);
    }
    score_forbidden(g, &sys, &mut s);
    score_timex(&g.timex, times, &mut s);
    s
}

fn score_gold_event(ge: &GoldEvent, hits: &[&SysEvent], s: &mut ArticleScore) {
    let c = &mut s.counts;
    let head = || format!("{} {:?}", dyad(&ge.source, &ge.target), ge.roots);
    if ge.required {
        c.required += 1;
        if hits.is_empty() {
            s.findings.push(Finding {
                kind: Kind::Missed,
                what: format!(
                    "{} {}",
                    head(),
                    ge.cameo.as_deref().unwrap_or("")
                ),
                evidence: gold_evidence(ge),
            });
            return;
        }
        c.required_found += 1;
    }
    if hits.is_empty() {
        return;
    }
    let mut check = |kind: Kind,
                     want: &Option<String>,
                     get: &dyn Fn(&SysEvent) -> String| {
        let Some(want) = want else { return };
        let (n, ok) = match kind {
            Kind::Date => (&mut c.date_n, &mut c.date_ok),
            Kind::Cameo => (&mut c.cameo_n, &mut c.cameo_ok),
            _ => (&mut c.modality_n, &mut c.modality_ok),
        };
        *n += 1;
        if hits.iter().any(|e| get(e) == *want) {
            *ok += 1;
        } else {
            let got: Vec<String> = hits.iter().map(|e| get(e)).collect();
            s.findings.push(Finding {
                kind,
                what: format!(
                    "{}: want {want}, got {}",
                    head(),
                    got.join(",")
                ),
                evidence: gold_evidence(ge),
            });
        }
    };
    check(Kind::Date, &ge.date, &|e| e.date.clone().unwrap_or_default());
    check(Kind::Cameo, &ge.cameo, &|e| e.cameo.clone());
    check(Kind::Modality, &ge.modality, &|e| e.modality.clone());
    score_codes(ge, hits, s);
}

fn score_codes(ge: &GoldEvent, hits: &[&SysEvent], s: &mut ArticleScore) {
    if ge.source_code.is_none() && ge.target_code.is_none() {
        return;
    }
    s.counts.code_n += 1;
    let ok = |e: &&SysEvent| {
        side_ok(&ge.source_code, &e.source_code)
            && side_ok(&ge.target_code, &e.target_code)
    };
    if hits.iter().any(ok) {
        s.counts.code_ok += 1;
        return;
    }
    let got: Vec<String> =
        hits.iter().map(|e| dyad(&e.source_code, &e.target_code)).collect();
    s.findings.push(Finding {
        kind: Kind::Code,
        what: format!(
            "want {}, got {}",
            dyad(&ge.source_code, &ge.target_code),
            got.join(",")
        ),
        evidence: gold_evidence(ge),
    });
}

fn score_forbidden(g: &ArticleGold, sys: &[&SysEvent], s: &mut ArticleScore) {
    for f in &g.forbidden {
        s.counts.forbidden_n += 1;
        let bad = sys
            .iter()
            .filter(|e| e.modality == "asserted" && forbidden_matches(f, e))
            .count();
        if bad > f.max {
            s.counts.forbidden_hit += 1;
            let ev = f.evidence.clone().unwrap_or_default();
            s.findings.push(Finding {
                kind: Kind::Forbidden,
                what: format!(
                    "{} {:?} x{bad}",
                    dyad(&f.source, &f.target),
                    f.roots
                ),
                evidence: if f.note.is_empty() {
                    ev
                } else {
                    format!("{ev} [{}]", f.note)
                },
            });
        }
    }
}

/// A gold expression is found when a system expression with its value
/// (or a time on that day: `2024-03-05T16:00` for `2024-03-05`) overlaps
/// it textually: one text contains the other, case-insensitively.
fn timex_found(t: &Timex, sys: &SysTimex) -> bool {
    let value_ok = sys.value == t.value
        || sys.value.starts_with(&format!("{}T", t.value));
    let (g, s) = (t.text.to_lowercase(), sys.text.to_lowercase());
    value_ok && (s.contains(&g) || (!s.is_empty() && g.contains(&s)))
}

fn score_timex(gold: &[Timex], times: &[SysTimex], s: &mut ArticleScore) {
    for t in gold {
        s.counts.timex_n += 1;
        if times.iter().any(|x| timex_found(t, x)) {
            s.counts.timex_ok += 1;
        } else {
            s.findings.push(Finding {
                kind: Kind::Timex,
                what: format!("{:?} = {}", t.text, t.value),
                evidence: String::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ev(src: &str, tgt: &str, cameo: &str) -> SysEvent {
        let code = |c: &str| (!c.is_empty()).then(|| c.to_string());
        SysEvent {
            article: "a".into(),
            source: code(src).map(|c| c[..3].to_string()),
            target: code(tgt).map(|c| c[..3].to_string()),
            source_code: code(src),
            target_code: code(tgt),
            root: cameo[..2].into(),
            cameo: cameo.into(),
            date: Some("2024-03-05".into()),
            modality: "asserted".into(),
            ..SysEvent::default()
        }
    }

    fn gold(src: &str, tgt: &str, roots: &[&str]) -> GoldEvent {
        let side = |c: &str| (!c.is_empty()).then(|| c.to_string());
        GoldEvent {
            source: side(src),
            target: side(tgt),
            roots: roots.iter().map(|r| r.to_string()).collect(),
            evidence: Some("e".into()),
            required: true,
            ..GoldEvent::default()
        }
    }

    #[test]
    fn match_table() {
        let cases = [
            (gold("USA", "IRN", &["19"]), ev("USAMIL", "IRNMIL", "190"), true),
            (gold("USA", "", &["19"]), ev("USA", "IRN", "195"), true),
            (gold("", "", &["19", "18"]), ev("", "", "183"), true),
            (gold("USA", "IRN", &["19"]), ev("IRN", "USA", "190"), false),
            (gold("USA", "IRN", &["19"]), ev("USA", "IRN", "173"), false),
            (gold("USA", "IRN", &["19"]), ev("USA", "", "190"), false),
        ];
        for (g, e, want) in cases {
            assert_eq!(gold_matches(&g, &e), want, "{g:?} {e:?}");
        }
    }

    #[test]
    fn country_from_json_table() {
        let cases = [
            (json!({"code": "USAGOV", "country": "USA"}), Some("USA")),
            (json!({"code": "IGOUNO", "country": null}), Some("IGO")),
            (json!({"code": "UNO"}), Some("IGO")),
            (json!({"code": "REB", "country": null}), Some("REB")),
            (json!({"code": "", "country": null}), None),
            (json!({"code": "RUSMIL", "country": ""}), Some("RUS")),
        ];
        for (a, want) in cases {
            assert_eq!(country(&a).as_deref(), want, "{a}");
        }
    }

    #[test]
    fn reads_casus_json() {
        let v = json!({"article_id": "dir/g01.txt", "cameo": "190",
            "root": "19", "date": "2024-03-05", "negated": false,
            "modality": "intended", "evidence": "x",
            "source": {"code": "USAMIL", "country": "USA"}, "target": null});
        let e = SysEvent::from_json(&v).expect("event");
        assert_eq!(e.article, "g01");
        assert_eq!((e.source.as_deref(), e.target), (Some("USA"), None));
        assert_eq!(e.modality, "intended");
        assert!(SysEvent::from_json(&json!({"cameo": "190"})).is_none());
    }

    #[test]
    fn scores_one_article() {
        let mut g1 = gold("USA", "IRN", &["19"]);
        g1.cameo = Some("195".into());
        g1.date = Some("2024-03-04".into());
        g1.source_code = Some("USAMIL".into());
        let mut g2 = gold("IRN", "USA", &["11"]);
        g2.required = false;
        let a = ArticleGold {
            id: "a".into(),
            events: vec![g1, g2, gold("CHN", "USA", &["04"])],
            forbidden: vec![Forbidden {
                roots: vec!["17".into()],
                ..Forbidden::default()
            }],
            timex: vec![
                Timex { text: "Monday".into(), value: "2024-03-04".into() },
                Timex {
                    text: "1600 GMT".into(),
                    value: "2024-03-05T16:00".into(),
                },
            ],
            ..ArticleGold::default()
        };
        let mut neg = ev("RUS", "UKR", "190");
        neg.negated = true;
        let events = [
            ev("USAMIL", "IRNMIL", "190"),
            ev("USA", "IRN", "173"),
            ev("GBR", "FRA", "042"),
            neg,
        ];
        let times = [
            SysTimex {
                article: "a".into(),
                text: "on Monday".into(),
                value: "2024-03-04".into(),
            },
            SysTimex {
                article: "a".into(),
                text: "1600".into(),
                value: "1600".into(),
            },
        ];
        let s = score_article(&a, &events, &times);
        let c = s.counts;
        assert_eq!((c.system, c.system_matched), (3, 1));
        assert_eq!((c.required, c.required_found), (2, 1));
        assert_eq!((c.date_n, c.date_ok, c.cameo_n, c.cameo_ok), (1, 0, 1, 0));
        assert_eq!((c.code_n, c.code_ok), (1, 1));
        assert_eq!((c.forbidden_n, c.forbidden_hit), (1, 1));
        assert_eq!((c.timex_n, c.timex_ok), (2, 1));
        let kinds: Vec<Kind> = s.findings.iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::False,
                Kind::False,
                Kind::Date,
                Kind::Cameo,
                Kind::Missed,
                Kind::Forbidden,
                Kind::Timex
            ]
        );
    }

    #[test]
    fn forbidden_tolerates_max_and_needs_asserted() {
        let f = Forbidden {
            roots: vec!["19".into()],
            max: 1,
            ..Forbidden::default()
        };
        let a = ArticleGold { forbidden: vec![f], ..ArticleGold::default() };
        let mut planned = ev("USA", "IRN", "190");
        planned.modality = "intended".into();
        let one = [ev("USA", "IRN", "190"), planned.clone()];
        assert_eq!(score_article(&a, &one, &[]).counts.forbidden_hit, 0);
        let two = [ev("USA", "IRN", "190"), ev("USA", "IRN", "195"), planned];
        assert_eq!(score_article(&a, &two, &[]).counts.forbidden_hit, 1);
    }

    #[test]
    fn f1_of_counts() {
        let c = Counts {
            system: 4,
            system_matched: 2,
            required: 2,
            required_found: 1,
            ..Counts::default()
        };
        assert!((c.f1() - 0.5).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
        assert_eq!(article_key("x/y/d01.txt"), "d01");
    }
}
