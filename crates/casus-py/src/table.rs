//! Arrow in and out: record batches of articles -> [`Fields`] per row,
//! and coded events -> one record batch with the typed columns of the
//! Parquet export (`casus_store::export::EVENT_COLUMNS`).
//!
//! Why the export's columns: a table from `code_batch` and a table read
//! back from `casus export --format parquet` (or [`crate::store`]) then
//! concatenate, join and compare without renaming or casting.

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, BooleanBuilder, Date32Builder, Float64Builder,
    GenericStringArray, Int64Array, Int64Builder, OffsetSizeTrait,
    RecordBatch, StringBuilder,
};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use casus::ingest::Fields;
use casus_store::export::{Cell, Kind, EVENT_COLUMNS};
use casus_store::query::StoredEvent;
use chrono::NaiveDate;

/// Export columns a coder cannot fill: the store's row id and cluster.
const STORE_ONLY: &[&str] = &["id", "cluster"];

/// Columns past the export's: the actor spans (the JSON has them, the
/// export does not), then the input row each event came from (`_row`)
/// and its position among its article's events (`_seq`), which give the
/// order the store ingests mentions in.
const EXTRA: &[(&str, DataType)] = &[
    ("source_start", DataType::Int64),
    ("source_end", DataType::Int64),
    ("target_start", DataType::Int64),
    ("target_end", DataType::Int64),
    // The JSON field the store does not keep as a column (it recomputes
    // it when reading): here so that a table's events equal `casus
    // code`'s.
    ("after_published", DataType::Boolean),
    ("_row", DataType::Int64),
    ("_seq", DataType::Int64),
];

fn arrow_type(k: Kind) -> DataType {
    match k {
        Kind::Int => DataType::Int64,
        Kind::Float => DataType::Float64,
        Kind::Bool => DataType::Boolean,
        Kind::Str => DataType::Utf8,
        Kind::Date => DataType::Date32,
    }
}

/// The export's columns a coder fills, with their kinds.
fn export_columns() -> impl Iterator<Item = (usize, &'static str, Kind)> {
    EVENT_COLUMNS
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| !STORE_ONLY.contains(n))
        .map(|(i, (n, k))| (i, *n, *k))
}

/// The schema of coded events.
pub fn event_schema() -> SchemaRef {
    let mut fields: Vec<Field> = export_columns()
        .map(|(_, n, k)| Field::new(n, arrow_type(k), true))
        .collect();
    fields.extend(EXTRA.iter().map(|(n, t)| Field::new(*n, t.clone(), true)));
    Arc::new(Schema::new(fields))
}

/// Schema of [`casus_store::export::EVENT_COLUMNS`] (for `read_store`).
pub fn export_schema() -> SchemaRef {
    Arc::new(Schema::new(
        EVENT_COLUMNS
            .iter()
            .map(|(n, k)| Field::new(*n, arrow_type(*k), true))
            .collect::<Vec<_>>(),
    ))
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` string.
fn epoch_days(s: &str) -> Option<i32> {
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((d - epoch).num_days()).ok()
}

/// A builder for one column of a given kind.
enum Builder {
    Int(Int64Builder),
    Float(Float64Builder),
    Bool(BooleanBuilder),
    Str(StringBuilder),
    Date(Date32Builder),
}

impl Builder {
    fn new(k: Kind) -> Builder {
        match k {
            Kind::Int => Builder::Int(Int64Builder::new()),
            Kind::Float => Builder::Float(Float64Builder::new()),
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
            Kind::Str => Builder::Str(StringBuilder::new()),
            Kind::Date => Builder::Date(Date32Builder::new()),
        }
    }

    /// Appends a cell; a cell of the wrong kind becomes null.
    fn push(&mut self, c: Option<&Cell>) {
        match (self, c) {
            (Builder::Int(b), Some(Cell::Int(x))) => b.append_value(*x),
            (Builder::Float(b), Some(Cell::Float(x))) => b.append_value(*x),
            (Builder::Bool(b), Some(Cell::Bool(x))) => b.append_value(*x),
            (Builder::Str(b), Some(Cell::Str(x))) => b.append_value(x),
            (Builder::Date(b), Some(Cell::Str(x))) => {
                b.append_option(epoch_days(x))
            }
            (Builder::Int(b), _) => b.append_null(),
            (Builder::Float(b), _) => b.append_null(),
            (Builder::Bool(b), _) => b.append_null(),
            (Builder::Str(b), _) => b.append_null(),
            (Builder::Date(b), _) => b.append_null(),
        }
    }

    fn finish(self) -> ArrayRef {
        match self {
            Builder::Int(mut b) => Arc::new(b.finish()),
            Builder::Float(mut b) => Arc::new(b.finish()),
            Builder::Bool(mut b) => Arc::new(b.finish()),
            Builder::Str(mut b) => Arc::new(b.finish()),
            Builder::Date(mut b) => Arc::new(b.finish()),
        }
    }
}

/// One coded event ready for a row: the store's view of it and where
/// it came from.
pub struct Row {
    /// The mention as the store would hold it.
    pub event: StoredEvent,
    /// The input row's tag (`_row`).
    pub row: i64,
    /// Position among its article's events.
    pub seq: i64,
}

/// The record batch of `rows` (with [`event_schema`]).
pub fn events_batch(rows: &[Row]) -> Result<RecordBatch, String> {
    let export: Vec<(usize, &str, Kind)> = export_columns().collect();
    let mut builders: Vec<Builder> =
        export.iter().map(|(_, _, k)| Builder::new(*k)).collect();
    let mut spans: [Int64Builder; 6] = Default::default();
    let mut after = BooleanBuilder::new();
    for r in rows {
        let cells = casus_store::export::flat(&r.event);
        for ((i, _, _), b) in export.iter().zip(builders.iter_mut()) {
            b.push(cells.get(*i));
        }
        let ev = &r.event.event;
        let span = |a: Option<&casus::events::EventActor>| {
            a.map(|a| (i64::from(a.span.start), i64::from(a.span.end)))
        };
        let (s, t) = (span(ev.source.as_ref()), span(ev.target.as_ref()));
        spans[0].append_option(s.map(|s| s.0));
        spans[1].append_option(s.map(|s| s.1));
        spans[2].append_option(t.map(|t| t.0));
        spans[3].append_option(t.map(|t| t.1));
        spans[4].append_value(r.row);
        spans[5].append_value(r.seq);
        after.append_value(ev.after_published);
    }
    let mut columns: Vec<ArrayRef> =
        builders.into_iter().map(Builder::finish).collect();
    let (actor_spans, order) = spans.split_at_mut(4);
    columns.extend(
        actor_spans.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef),
    );
    columns.push(Arc::new(after.finish()));
    columns.extend(order.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
    RecordBatch::try_new(event_schema(), columns).map_err(|e| e.to_string())
}

/// Flat rows with [`EVENT_COLUMNS`] as one record batch.
pub fn export_batch(rows: &[Vec<Cell>]) -> Result<RecordBatch, String> {
    let mut builders: Vec<Builder> =
        EVENT_COLUMNS.iter().map(|(_, k)| Builder::new(*k)).collect();
    for r in rows {
        for (i, b) in builders.iter_mut().enumerate() {
            b.push(r.get(i));
        }
    }
    let columns: Vec<ArrayRef> =
        builders.into_iter().map(Builder::finish).collect();
    RecordBatch::try_new(export_schema(), columns).map_err(|e| e.to_string())
}

/// A string column of either offset width.
enum Strings<'a> {
    Small(&'a GenericStringArray<i32>),
    Large(&'a GenericStringArray<i64>),
}

impl Strings<'_> {
    fn get(&self, i: usize) -> Option<String> {
        fn at<O: OffsetSizeTrait>(
            a: &GenericStringArray<O>,
            i: usize,
        ) -> Option<String> {
            (i < a.len() && a.is_valid(i)).then(|| a.value(i).to_string())
        }
        match self {
            Strings::Small(a) => at(a, i),
            Strings::Large(a) => at(a, i),
        }
    }
}

/// The string column `name` of `batch`: `Ok(None)` when absent.
///
/// # Errors
///
/// When the column exists but holds something other than strings (the
/// Python side casts ids, dates and timestamps to strings first).
fn strings<'a>(
    batch: &'a RecordBatch,
    name: &str,
) -> Result<Option<Strings<'a>>, String> {
    let Some(col) = batch.column_by_name(name) else { return Ok(None) };
    match col.data_type() {
        DataType::Utf8 => Ok(Some(Strings::Small(col.as_string::<i32>()))),
        DataType::LargeUtf8 => {
            Ok(Some(Strings::Large(col.as_string::<i64>())))
        }
        other => {
            Err(format!("column {name:?} has type {other}, expected strings"))
        }
    }
}

/// The article columns of one input batch.
pub struct Input<'a> {
    id: Strings<'a>,
    date: Strings<'a>,
    text: Strings<'a>,
    title: Option<Strings<'a>>,
    url: Option<Strings<'a>>,
    outlet: Option<Strings<'a>>,
    language: Option<Strings<'a>>,
    tags: Option<&'a Int64Array>,
    len: usize,
}

impl<'a> Input<'a> {
    /// Reads the columns `id`, `date`, `text` (required) and `title`,
    /// `url`, `outlet`, `language`, `_row` (optional) of `batch`.
    ///
    /// # Errors
    ///
    /// A missing required column, or one of the wrong type.
    pub fn new(batch: &'a RecordBatch) -> Result<Input<'a>, String> {
        let need = |name: &str| {
            strings(batch, name)?.ok_or_else(|| {
                format!("no column {name:?} (need id, date and text)")
            })
        };
        let tags = match batch.column_by_name("_row") {
            None => None,
            Some(c) => Some(
                c.as_primitive_opt::<arrow::datatypes::Int64Type>()
                    .ok_or("column \"_row\" must be int64")?,
            ),
        };
        Ok(Input {
            id: need("id")?,
            date: need("date")?,
            text: need("text")?,
            title: strings(batch, "title")?,
            url: strings(batch, "url")?,
            outlet: strings(batch, "outlet")?,
            language: strings(batch, "language")?,
            tags,
            len: batch.num_rows(),
        })
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The fields of row `i`, before validation.
    pub fn fields(&self, i: usize) -> Fields {
        let opt = |s: &Option<Strings<'_>>| s.as_ref().and_then(|s| s.get(i));
        Fields {
            id: self.id.get(i),
            date: self.date.get(i),
            text: self.text.get(i),
            title: opt(&self.title),
            url: opt(&self.url),
            outlet: opt(&self.outlet),
            language: opt(&self.language),
        }
    }

    /// The `_row` tag of row `i`, if the batch has one.
    pub fn tag(&self, i: usize) -> Option<i64> {
        self.tags.filter(|t| t.is_valid(i)).map(|t| t.value(i))
    }
}
