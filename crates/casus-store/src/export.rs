//! Exports: flat mention rows (CSV, Parquet) and GDELT 2.0 event-table
//! rows (one per cluster), so columnar engines and existing GDELT tooling
//! read casus output.

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use casus::places::PlaceKind;

use chrono::{Datelike, NaiveDate};
use parquet::data_type::{
    BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type,
};
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::record::Field;
use rusqlite::Connection;

use casus::events::Event;

use crate::query::{Cluster, StoredEvent};
use crate::{sql, Error};

/// A column's type in flat exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// 64-bit integer.
    Int,
    /// 64-bit float.
    Float,
    /// Boolean.
    Bool,
    /// UTF-8 string.
    Str,
    /// A calendar day: a `YYYY-MM-DD` string cell, written to Parquet as
    /// INT32 with the DATE logical type (days since 1970-01-01).
    Date,
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` cell (None for anything else).
fn epoch_days(c: Option<&Cell>) -> Option<i32> {
    let Some(Cell::Str(s)) = c else { return None };
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((d - epoch).num_days()).ok()
}

/// One cell of a flat row.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Missing.
    Null,
    /// Integer.
    Int(i64),
    /// Float.
    Float(f64),
    /// Boolean.
    Bool(bool),
    /// String.
    Str(String),
}

impl Cell {
    /// The cell as CSV/TSV text (empty for null).
    pub fn text(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Int(i) => i.to_string(),
            // 7.0, not 7: a float column reads as one (GDELT writes
            // GoldsteinScale -2.0).
            Cell::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                format!("{f:.1}")
            }
            Cell::Float(f) => f.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Str(s) => s.clone(),
        }
    }
}

/// Columns of a flat mention row (CSV and Parquet exports), in order.
pub const EVENT_COLUMNS: &[(&str, Kind)] = &[
    ("id", Kind::Int),
    ("cluster", Kind::Int),
    ("event_id", Kind::Str),
    ("article_id", Kind::Str),
    ("sentence", Kind::Int),
    ("span_start", Kind::Int),
    ("span_end", Kind::Int),
    ("evidence", Kind::Str),
    ("date", Kind::Str),
    ("day", Kind::Date),
    ("date_from", Kind::Str),
    ("precision", Kind::Str),
    ("date_end", Kind::Str),
    ("source_code", Kind::Str),
    ("source_country", Kind::Str),
    ("source_role", Kind::Str),
    ("source_name", Kind::Str),
    ("target_code", Kind::Str),
    ("target_country", Kind::Str),
    ("target_role", Kind::Str),
    ("target_name", Kind::Str),
    ("cameo", Kind::Str),
    ("base", Kind::Str),
    ("root", Kind::Str),
    ("quad_class", Kind::Int),
    ("goldstein", Kind::Float),
    ("plover", Kind::Str),
    ("plover_mode", Kind::Str),
    ("negated", Kind::Bool),
    ("modality", Kind::Str),
    ("counted", Kind::Bool),
    ("speaker", Kind::Str),
    ("attributed_outlet", Kind::Str),
    ("location_name", Kind::Str),
    ("location_country", Kind::Str),
    ("location_from", Kind::Str),
    ("target_from", Kind::Str),
    ("source_from", Kind::Str),
    ("pattern", Kind::Str),
    ("pattern_id", Kind::Str),
    ("confidence", Kind::Float),
    ("outlet", Kind::Str),
    ("url", Kind::Str),
    ("published", Kind::Date),
];

fn s(v: &str) -> Cell {
    Cell::Str(v.to_string())
}

fn os(v: Option<&String>) -> Cell {
    v.map_or(Cell::Null, |v| Cell::Str(v.clone()))
}

/// The mention row an event of `article` becomes when stored, before the
/// store gives it a row id and a cluster (both 0 here): its day, base
/// code, counted flag and article fields as [`crate::Store::ingest`]
/// records them. For front ends that code without a store (the Python
/// package) and must emit the same columns.
pub fn unstored(article: &casus::Article, event: Event) -> StoredEvent {
    StoredEvent {
        id: 0,
        cluster: 0,
        day: crate::cluster::day_of(&event.date, article.date).to_string(),
        base: event.cameo.base().to_string(),
        counted: crate::ingest::counted(&event),
        outlet: article.outlet.clone(),
        url: article.url.clone(),
        published: article.date.to_string(),
        event,
    }
}

/// A mention as a flat row in [`EVENT_COLUMNS`] order.
pub fn flat(e: &StoredEvent) -> Vec<Cell> {
    let ev = &e.event;
    let src = ev.source.as_ref();
    let tgt = ev.target.as_ref();
    let attr = ev.attribution.as_ref();
    let loc = ev.location.as_ref();
    vec![
        Cell::Int(e.id),
        Cell::Int(e.cluster),
        s(&ev.event_id),
        s(&ev.article_id),
        Cell::Int(ev.sentence as i64),
        Cell::Int(i64::from(ev.span.start)),
        Cell::Int(i64::from(ev.span.end)),
        s(&ev.evidence),
        s(&ev.date),
        s(&e.day),
        s(&crate::ingest::enum_str(&ev.date_from)),
        s(&crate::ingest::enum_str(&ev.precision)),
        os(ev.date_end.as_ref()),
        os(src.map(|a| a.code.to_string()).as_ref()),
        os(src.and_then(|a| a.country.as_ref())),
        os(src.and_then(|a| a.role.as_ref())),
        os(src.and_then(|a| a.name.as_ref())),
        os(tgt.map(|a| a.code.to_string()).as_ref()),
        os(tgt.and_then(|a| a.country.as_ref())),
        os(tgt.and_then(|a| a.role.as_ref())),
        os(tgt.and_then(|a| a.name.as_ref())),
        s(ev.cameo.as_str()),
        s(&e.base),
        s(ev.root.as_str()),
        Cell::Int(i64::from(ev.quad_class)),
        f32_cell(ev.goldstein),
        s(&ev.plover),
        os(ev.plover_mode.as_ref()),
        Cell::Bool(ev.negated),
        s(&crate::ingest::enum_str(&ev.modality)),
        Cell::Bool(e.counted),
        os(attr.and_then(|a| a.speaker.as_ref())),
        os(attr.and_then(|a| a.outlet.as_ref())),
        os(loc.map(|l| &l.name)),
        os(loc.and_then(|l| l.country.as_ref())),
        os(loc
            .and_then(|l| l.from)
            .map(|f| crate::ingest::enum_str(&f))
            .as_ref()),
        os(tgt
            .and_then(|t| t.from)
            .map(|f| crate::ingest::enum_str(&f))
            .as_ref()),
        os(src
            .and_then(|a| a.from)
            .map(|f| crate::ingest::enum_str(&f))
            .as_ref()),
        s(&ev.pattern),
        s(&ev.pattern_id),
        f32_cell(ev.confidence),
        os(e.outlet.as_ref()),
        os(e.url.as_ref()),
        s(&e.published),
    ]
}

/// The GDELT 2.0 event table's 61 columns, in codebook order.
pub const GDELT_COLUMNS: [(&str, Kind); 61] = {
    use Kind::*;
    [
        ("GlobalEventID", Int),
        ("Day", Int),
        ("MonthYear", Int),
        ("Year", Int),
        ("FractionDate", Float),
        ("Actor1Code", Str),
        ("Actor1Name", Str),
        ("Actor1CountryCode", Str),
        ("Actor1KnownGroupCode", Str),
        ("Actor1EthnicCode", Str),
        ("Actor1Religion1Code", Str),
        ("Actor1Religion2Code", Str),
        ("Actor1Type1Code", Str),
        ("Actor1Type2Code", Str),
        ("Actor1Type3Code", Str),
        ("Actor2Code", Str),
        ("Actor2Name", Str),
        ("Actor2CountryCode", Str),
        ("Actor2KnownGroupCode", Str),
        ("Actor2EthnicCode", Str),
        ("Actor2Religion1Code", Str),
        ("Actor2Religion2Code", Str),
        ("Actor2Type1Code", Str),
        ("Actor2Type2Code", Str),
        ("Actor2Type3Code", Str),
        ("IsRootEvent", Int),
        ("EventCode", Str),
        ("EventBaseCode", Str),
        ("EventRootCode", Str),
        ("QuadClass", Int),
        ("GoldsteinScale", Float),
        ("NumMentions", Int),
        ("NumSources", Int),
        ("NumArticles", Int),
        ("AvgTone", Float),
        ("Actor1Geo_Type", Int),
        ("Actor1Geo_FullName", Str),
        ("Actor1Geo_CountryCode", Str),
        ("Actor1Geo_ADM1Code", Str),
        ("Actor1Geo_ADM2Code", Str),
        ("Actor1Geo_Lat", Float),
        ("Actor1Geo_Long", Float),
        ("Actor1Geo_FeatureID", Str),
        ("Actor2Geo_Type", Int),
        ("Actor2Geo_FullName", Str),
        ("Actor2Geo_CountryCode", Str),
        ("Actor2Geo_ADM1Code", Str),
        ("Actor2Geo_ADM2Code", Str),
        ("Actor2Geo_Lat", Float),
        ("Actor2Geo_Long", Float),
        ("Actor2Geo_FeatureID", Str),
        ("ActionGeo_Type", Int),
        ("ActionGeo_FullName", Str),
        ("ActionGeo_CountryCode", Str),
        ("ActionGeo_ADM1Code", Str),
        ("ActionGeo_ADM2Code", Str),
        ("ActionGeo_Lat", Float),
        ("ActionGeo_Long", Float),
        ("ActionGeo_FeatureID", Str),
        ("DATEADDED", Int),
        ("SOURCEURL", Str),
    ]
};

fn ymd(d: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
}

/// GDELT's QuadClass of a CAMEO root, as real GDELT 2.0 rows carry it
/// (01-05 verbal cooperation, 06-09 material cooperation, 10-14 verbal
/// conflict, 15-20 material conflict). casus itself counts 01-05, 06-08,
/// 09-13 and 14-20 ([`casus::CameoCode::quad_class`]); the GDELT export
/// follows GDELT so that GDELT tooling reads it as it reads GDELT
/// (docs/eval/analyst.md has the check against real rows).
pub fn gdelt_quad_class(root: &str) -> Option<u8> {
    let r: u8 = root.get(..2)?.parse().ok()?;
    Some(match r {
        1..=5 => 1,
        6..=9 => 2,
        10..=14 => 3,
        15..=20 => 4,
        _ => return None,
    })
}

/// GDELT's FractionDate of a day: the year plus `((month - 1) * 30 +
/// day) / 365`, to four decimals, the formula real GDELT rows follow
/// (2018-02-21 is 2018.1397, 2017-03-23 is 2017.2274).
pub fn fraction_date(d: NaiveDate) -> f64 {
    let part = f64::from((d.month() - 1) * 30 + d.day()) / 365.0;
    ((f64::from(d.year()) + part) * 10000.0).round() / 10000.0
}

/// An `f32` score (Goldstein) as the float it was written as: 6.4, not
/// the 6.400000095367432 its widening to `f64` gives.
pub fn f32_cell(x: f32) -> Cell {
    Cell::Float(x.to_string().parse().unwrap_or(f64::from(x)))
}

/// A stored `f64` that holds an `f32` score, narrowed back ([`f32_cell`]).
fn score_cell(x: f64) -> Cell {
    f32_cell(x as f32)
}

/// `YYYYMMDD` of a day.
fn ymd_int(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 10000
        + i64::from(d.month()) * 100
        + i64::from(d.day())
}

/// The GDELT geography of a place: `(type, full name, FIPS country)`.
/// Types as in GDELT's codebook: 1 country, 2 US state, 3 US city, 4 world
/// city (any point feature: towns, sites and, as in real GDELT rows, seas
/// and straits), 5 world state (region, province). The kind comes from the
/// place gazetteer (`dicts/places.tsv`); names it does not know are point
/// features (4), or countries when they are a country's name.
fn geo_of(l: &casus::events::Location) -> (i64, String, Option<&'static str>) {
    let fips = l.country.as_deref().and_then(casus::names::fips);
    let country_name = l
        .country
        .as_deref()
        .and_then(casus::names::country)
        .map(str::to_string);
    let kind = place_kind(&l.name);
    let is_country = matches!(kind, Some(PlaceKind::Country))
        || country_name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(&l.name));
    let us = l.country.as_deref() == Some("USA");
    let ty = match kind {
        _ if is_country => 1,
        Some(PlaceKind::Region) if us => 2,
        Some(PlaceKind::Region) => 5,
        _ if us => 3,
        _ => 4,
    };
    let full = match (&country_name, ty) {
        (Some(c), 1) => c.clone(),
        (Some(c), _) => format!("{}, {c}", l.name),
        (None, _) => l.name.clone(),
    };
    (ty, full, fips)
}

/// The gazetteer kind of a place name (its canonical name or any of its
/// phrases), from the built-in `dicts/places.tsv`.
fn place_kind(name: &str) -> Option<PlaceKind> {
    static KINDS: OnceLock<HashMap<String, PlaceKind>> = OnceLock::new();
    let kinds = KINDS.get_or_init(|| {
        let mut m = HashMap::new();
        if let Ok(p) = casus::places::PlaceMatcher::builtin() {
            for e in &p.places().entries {
                for ph in &e.phrases {
                    m.entry(ph.to_lowercase()).or_insert(e.kind);
                }
            }
        }
        m
    });
    kinds.get(&name.to_lowercase()).copied()
}

/// The 10 actor cells (Code, Name, CountryCode, KnownGroupCode,
/// EthnicCode, Religion1Code, Religion2Code, Type1Code..Type3Code) of an
/// actor code, as GDELT fills them: the name in capitals (the name as
/// written, else the country's or the body's name: `ISRAEL`, not `ISR`),
/// the country, the body after `IGO`/`NGO` as known group, and the role
/// groups as types (`USAGOVMIL`: `GOV`, `MIL`).
fn actor_cells(
    code: &str,
    a: Option<&casus::events::EventActor>,
) -> Vec<Cell> {
    let mut v = vec![Cell::Null; 10];
    if code.is_empty() {
        return v;
    }
    v[0] = s(code);
    let known = casus::names::actor(code);
    let name = a
        .and_then(|a| a.name.clone())
        .or_else(|| known.as_ref().map(|k| k.name.clone()))
        .map(|n| one_line(&n).to_uppercase());
    v[1] = name.map_or(Cell::Null, Cell::Str);
    let country = a
        .and_then(|a| a.country.clone())
        .or_else(|| known.as_ref().and_then(|k| k.country.clone()));
    v[2] = country.map_or(Cell::Null, Cell::Str);
    let groups: Vec<&str> = (0..code.len() / 3)
        .filter_map(|i| code.get(i * 3..i * 3 + 3))
        .collect();
    let mut types = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        let body = i > 0 && matches!(groups[i - 1], "IGO" | "NGO");
        if body {
            v[3] = s(g);
        } else if casus::names::role(g).is_some()
            && casus::names::country(g).is_none()
        {
            types.push(*g);
        }
    }
    for (slot, t) in types.into_iter().take(3).enumerate() {
        v[7 + slot] = s(t);
    }
    v
}

/// `s` on one line (GDELT's files are one record a line).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The 8 geography cells (Type, FullName, CountryCode, ADM1Code,
/// ADM2Code, Lat, Long, FeatureID) of a location, or of none (type 0 and
/// empty cells, as GDELT writes an actor without a place). Country rows
/// carry the FIPS code as ADM1 code and feature id, as GDELT's do; the
/// gazetteer has no coordinates, so latitude and longitude stay empty.
fn geo_cells(l: Option<&casus::events::Location>) -> Vec<Cell> {
    let mut v = vec![Cell::Null; 8];
    v[0] = Cell::Int(0);
    let Some(l) = l else { return v };
    let (ty, full, fips) = geo_of(l);
    v[0] = Cell::Int(ty);
    v[1] = s(&one_line(&full));
    if let Some(f) = fips {
        v[2] = s(f);
        if ty == 1 {
            v[3] = s(f);
            v[7] = s(f);
        }
    }
    v
}

/// A cluster as a GDELT 2.0 event row (61 cells), with `first` its
/// first mention (for names, roles, location and url). `Day` and
/// `FractionDate` stand for the first day of the event date's period
/// (GDELT has no precision column: a week-precision date is its Monday,
/// a year its January 1). Unknown fields are empty: AvgTone (casus scores
/// no tone), the actors' own geography (type 0), and coordinates.
pub fn gdelt_row(c: &Cluster, first: &StoredEvent) -> Vec<Cell> {
    let day = ymd(&c.day);
    let mut row = Vec::with_capacity(61);
    row.push(Cell::Int(c.id));
    match day {
        Some(d) => {
            row.push(Cell::Int(ymd_int(d)));
            row.push(Cell::Int(
                i64::from(d.year()) * 100 + i64::from(d.month()),
            ));
            row.push(Cell::Int(i64::from(d.year())));
            row.push(Cell::Float(fraction_date(d)));
        }
        None => row.extend([Cell::Null, Cell::Null, Cell::Null, Cell::Null]),
    }
    row.extend(actor_cells(&c.source_code, first.event.source.as_ref()));
    row.extend(actor_cells(&c.target_code, first.event.target.as_ref()));
    row.push(Cell::Int(i64::from(first.event.sentence == 0)));
    row.push(s(&c.cameo));
    row.push(s(&c.base));
    row.push(s(&c.root));
    row.push(
        gdelt_quad_class(&c.root)
            .map_or(Cell::Null, |q| Cell::Int(i64::from(q))),
    );
    row.push(score_cell(c.goldstein));
    row.push(Cell::Int(c.num_mentions));
    row.push(Cell::Int(c.num_sources));
    row.push(Cell::Int(c.num_articles));
    row.push(Cell::Null); // AvgTone: casus scores no tone.
    row.extend(geo_cells(None));
    row.extend(geo_cells(None));
    row.extend(geo_cells(first.event.location.as_ref()));
    let added = c
        .first_report
        .as_deref()
        .and_then(ymd)
        .map(|d| ymd_int(d) * 1_000_000);
    row.push(added.map_or(Cell::Null, Cell::Int));
    row.push(match &first.url {
        Some(u) => s(u),
        None => s(&first.event.article_id),
    });
    row
}

/// Streams the GDELT rows of the clusters matching `filter` to `f`.
pub fn for_each_gdelt(
    conn: &Connection,
    filter: &crate::query::Filter,
    mut f: impl FnMut(Vec<Cell>) -> crate::Result<()>,
) -> crate::Result<()> {
    crate::query::for_each_cluster(conn, filter, |c| {
        let first = first_mention(conn, c.id)?;
        f(gdelt_row(&c, &first))
    })
}

fn first_mention(
    conn: &Connection,
    cluster: i64,
) -> crate::Result<StoredEvent> {
    let id: i64 = sql(
        "reading cluster mention",
        conn.prepare_cached(
            "SELECT id FROM events WHERE cluster = ?1 ORDER BY counted DESC, id LIMIT 1",
        )
        .and_then(|mut s| s.query_row([cluster], |r| r.get(0))),
    )?;
    crate::query::event_by_id(conn, id)
}

/// Writes flat rows with `columns` to a Parquet file (uncompressed, row
/// groups of 64k rows). Every column is OPTIONAL: nulls are allowed.
pub fn write_parquet(
    path: &Path,
    columns: &[(&str, Kind)],
    rows: impl Iterator<Item = crate::Result<Vec<Cell>>>,
) -> crate::Result<usize> {
    let fields: Vec<String> = columns
        .iter()
        .map(|(name, k)| match k {
            Kind::Int => format!("OPTIONAL INT64 {name};"),
            Kind::Float => format!("OPTIONAL DOUBLE {name};"),
            Kind::Bool => format!("OPTIONAL BOOLEAN {name};"),
            Kind::Str => format!("OPTIONAL BYTE_ARRAY {name} (UTF8);"),
            Kind::Date => format!("OPTIONAL INT32 {name} (DATE);"),
        })
        .collect();
    let message = format!("message casus_event {{ {} }}", fields.join(" "));
    let pq = |e: parquet::errors::ParquetError| {
        Error::Export(format!("{}: {e}", path.display()))
    };
    let schema = Arc::new(
        parquet::schema::parser::parse_message_type(&message).map_err(pq)?,
    );
    let props = Arc::new(
        WriterProperties::builder()
            .set_created_by(format!("casus {}", env!("CARGO_PKG_VERSION")))
            .build(),
    );
    let file = File::create(path)?;
    let mut w = SerializedFileWriter::new(file, schema, props).map_err(pq)?;
    let mut n = 0;
    let mut buf: Vec<Vec<Cell>> = Vec::new();
    let mut rows = rows.peekable();
    loop {
        buf.clear();
        while buf.len() < 65536 {
            match rows.next() {
                Some(r) => buf.push(r?),
                None => break,
            }
        }
        if buf.is_empty() && n > 0 {
            break;
        }
        n += buf.len();
        let mut rg = w.next_row_group().map_err(pq)?;
        for (i, (_, kind)) in columns.iter().enumerate() {
            let Some(mut col) = rg.next_column().map_err(pq)? else {
                return Err(Error::Export(
                    "parquet: fewer columns than schema".into(),
                ));
            };
            let defs: Vec<i16> = buf
                .iter()
                .map(|r| match kind {
                    Kind::Date => i16::from(epoch_days(r.get(i)).is_some()),
                    _ => {
                        i16::from(!matches!(r.get(i), Some(Cell::Null) | None))
                    }
                })
                .collect();
            match kind {
                Kind::Int => {
                    let v: Vec<i64> = buf
                        .iter()
                        .filter_map(|r| match r.get(i) {
                            Some(Cell::Int(x)) => Some(*x),
                            _ => None,
                        })
                        .collect();
                    col.typed::<Int64Type>()
                        .write_batch(&v, Some(&defs), None)
                        .map_err(pq)?;
                }
                Kind::Float => {
                    let v: Vec<f64> = buf
                        .iter()
                        .filter_map(|r| match r.get(i) {
                            Some(Cell::Float(x)) => Some(*x),
                            _ => None,
                        })
                        .collect();
                    col.typed::<DoubleType>()
                        .write_batch(&v, Some(&defs), None)
                        .map_err(pq)?;
                }
                Kind::Bool => {
                    let v: Vec<bool> = buf
                        .iter()
                        .filter_map(|r| match r.get(i) {
                            Some(Cell::Bool(x)) => Some(*x),
                            _ => None,
                        })
                        .collect();
                    col.typed::<BoolType>()
                        .write_batch(&v, Some(&defs), None)
                        .map_err(pq)?;
                }
                Kind::Date => {
                    let v: Vec<i32> = buf
                        .iter()
                        .filter_map(|r| epoch_days(r.get(i)))
                        .collect();
                    col.typed::<Int32Type>()
                        .write_batch(&v, Some(&defs), None)
                        .map_err(pq)?;
                }
                Kind::Str => {
                    let v: Vec<ByteArray> = buf
                        .iter()
                        .filter_map(|r| match r.get(i) {
                            Some(Cell::Str(x)) => {
                                Some(ByteArray::from(x.as_str()))
                            }
                            _ => None,
                        })
                        .collect();
                    col.typed::<ByteArrayType>()
                        .write_batch(&v, Some(&defs), None)
                        .map_err(pq)?;
                }
            }
            col.close().map_err(pq)?;
        }
        rg.close().map_err(pq)?;
        if rows.peek().is_none() {
            break;
        }
    }
    w.close().map_err(pq)?;
    Ok(n)
}

/// Reads a Parquet file written by [`write_parquet`] back into column
/// names and flat rows (for round-trip checks).
pub fn read_parquet(
    path: &Path,
) -> crate::Result<(Vec<String>, Vec<Vec<Cell>>)> {
    let pq = |e: parquet::errors::ParquetError| {
        Error::Export(format!("{}: {e}", path.display()))
    };
    let reader = SerializedFileReader::new(File::open(path)?).map_err(pq)?;
    let columns: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    let mut rows = Vec::new();
    for row in reader.get_row_iter(None).map_err(pq)? {
        let row = row.map_err(pq)?;
        let cells = row
            .get_column_iter()
            .map(|(_, f)| match f {
                Field::Null => Cell::Null,
                Field::Long(x) => Cell::Int(*x),
                Field::Double(x) => Cell::Float(*x),
                Field::Bool(x) => Cell::Bool(*x),
                Field::Str(x) => Cell::Str(x.clone()),
                Field::Date(d) => NaiveDate::from_ymd_opt(1970, 1, 1)
                    .and_then(|e| {
                        e.checked_add_signed(chrono::Duration::days(
                            i64::from(*d),
                        ))
                    })
                    .map_or(Cell::Null, |d| Cell::Str(d.to_string())),
                other => Cell::Str(other.to_string()),
            })
            .collect();
        rows.push(cells);
    }
    Ok((columns, rows))
}
