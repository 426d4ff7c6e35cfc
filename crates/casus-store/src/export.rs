//! Exports: flat mention rows (CSV, Parquet) and GDELT 2.0 event-table
//! rows (one per cluster), so columnar engines and existing GDELT tooling
//! read casus output.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use parquet::data_type::{
    BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type,
};
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::record::Field;
use rusqlite::Connection;

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
    ("pattern", Kind::Str),
    ("pattern_id", Kind::Str),
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
        Cell::Float(f64::from(ev.goldstein)),
        s(&ev.plover),
        os(ev.plover_mode.as_ref()),
        Cell::Bool(ev.negated),
        s(&crate::ingest::enum_str(&ev.modality)),
        Cell::Bool(e.counted),
        os(attr.and_then(|a| a.speaker.as_ref())),
        os(attr.and_then(|a| a.outlet.as_ref())),
        os(loc.map(|l| &l.name)),
        os(loc.and_then(|l| l.country.as_ref())),
        s(&ev.pattern),
        s(&ev.pattern_id),
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

fn actor_cells(
    code: &str,
    a: Option<&casus::events::EventActor>,
) -> Vec<Cell> {
    let mut v = vec![Cell::Null; 10];
    if code.is_empty() {
        return v;
    }
    v[0] = s(code);
    let name = a
        .and_then(|a| a.name.clone().or_else(|| a.country.clone()))
        .map(|n| n.to_uppercase());
    v[1] = name.map_or(Cell::Null, Cell::Str);
    v[2] = os(a.and_then(|a| a.country.as_ref()));
    v[7] = os(a.and_then(|a| a.role.as_ref()));
    v
}

/// A cluster as a GDELT 2.0 event row (61 cells), with `first` its
/// first mention (for names, roles, location and url). Unknown fields
/// are empty; geo types are 0 without a location.
pub fn gdelt_row(c: &Cluster, first: &StoredEvent) -> Vec<Cell> {
    let day = ymd(&c.day);
    let mut row = Vec::with_capacity(61);
    row.push(Cell::Int(c.id));
    match day {
        Some(d) => {
            row.push(Cell::Int(
                i64::from(d.year()) * 10000
                    + i64::from(d.month()) * 100
                    + i64::from(d.day()),
            ));
            row.push(Cell::Int(
                i64::from(d.year()) * 100 + i64::from(d.month()),
            ));
            row.push(Cell::Int(i64::from(d.year())));
            let frac = f64::from(d.year()) + f64::from(d.ordinal0()) / 365.0;
            row.push(Cell::Float((frac * 10000.0).round() / 10000.0));
        }
        None => row.extend([Cell::Null, Cell::Null, Cell::Null, Cell::Null]),
    }
    row.extend(actor_cells(&c.source_code, first.event.source.as_ref()));
    row.extend(actor_cells(&c.target_code, first.event.target.as_ref()));
    row.push(Cell::Int(i64::from(first.event.sentence == 0)));
    row.push(s(&c.cameo));
    row.push(s(&c.base));
    row.push(s(&c.root));
    row.push(Cell::Int(i64::from(c.quad_class)));
    row.push(Cell::Float(c.goldstein));
    row.push(Cell::Int(c.num_mentions));
    row.push(Cell::Int(c.num_sources));
    row.push(Cell::Int(c.num_articles));
    row.push(Cell::Null); // AvgTone: casus scores no tone.
    for _ in 0..2 {
        row.push(Cell::Int(0));
        row.extend(vec![Cell::Null; 7]);
    }
    match &first.event.location {
        Some(l) => {
            row.push(Cell::Int(
                if l.country.as_deref() == Some(l.name.as_str()) {
                    1
                } else {
                    4
                },
            ));
            row.push(s(&l.name));
            row.extend(vec![Cell::Null; 6]);
        }
        None => {
            row.push(Cell::Int(0));
            row.extend(vec![Cell::Null; 7]);
        }
    }
    let added = c.first_report.as_deref().and_then(ymd).map(|d| {
        (i64::from(d.year()) * 10000
            + i64::from(d.month()) * 100
            + i64::from(d.day()))
            * 1_000_000
    });
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
