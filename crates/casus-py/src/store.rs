//! `read_store`: a casus store's mentions (the Parquet export's typed
//! columns) or clusters as Arrow, read through the store's own queries
//! so filters mean what they mean on the command line.

use std::path::PathBuf;
use std::sync::Arc;

use arrow::array::{
    ArrayRef, Float64Builder, Int64Builder, ListBuilder, RecordBatch,
    StringBuilder,
};
use arrow::datatypes::{Field, Schema};
use arrow::pyarrow::ToPyArrow;
use casus_store::query::{self, Cluster, Filter};
use casus_store::Store;
use pyo3::prelude::*;

use crate::StoreError;

/// Reads mentions (or clusters) of the store at `path` matching the
/// filters of `casus events`/`casus export`; returns a pyarrow
/// RecordBatch.
#[pyfunction]
#[pyo3(signature = (path, *, clusters = false, source = None, target = None, both = false, from_ = None, to = None, root = None, cameo = None, plover = None, quad = None, min_sources = None, text = None, all = false, min_confidence = None, limit = None))]
#[allow(clippy::too_many_arguments)]
pub fn read_store(
    py: Python<'_>,
    path: PathBuf,
    clusters: bool,
    source: Option<String>,
    target: Option<String>,
    both: bool,
    from_: Option<String>,
    to: Option<String>,
    root: Option<String>,
    cameo: Option<String>,
    plover: Option<String>,
    quad: Option<u8>,
    min_sources: Option<u32>,
    text: Option<String>,
    all: bool,
    min_confidence: Option<f32>,
    limit: Option<usize>,
) -> PyResult<PyObject> {
    let filter = Filter {
        source,
        target,
        both,
        from: from_,
        to,
        root,
        cameo,
        plover,
        quad,
        min_sources,
        text,
        all,
        min_confidence,
        limit,
    };
    let batch =
        py.allow_threads(|| read(&path, &filter, clusters)).map_err(|e| {
            StoreError::new_err(format!("{}: {e}", path.display()))
        })?;
    batch.to_pyarrow(py)
}

fn read(
    path: &std::path::Path,
    filter: &Filter,
    clusters: bool,
) -> Result<RecordBatch, String> {
    let store = Store::open_read_only(path).map_err(|e| e.to_string())?;
    let conn = store.conn();
    if clusters {
        let mut all = Vec::new();
        query::for_each_cluster(conn, filter, |c| {
            all.push(c);
            Ok(())
        })
        .map_err(|e| e.to_string())?;
        return clusters_batch(&all);
    }
    let mut rows = Vec::new();
    query::for_each_event(conn, filter, |e| {
        rows.push(casus_store::export::flat(&e));
        Ok(())
    })
    .map_err(|e| e.to_string())?;
    crate::table::export_batch(&rows)
}

/// Clusters as columns named after [`Cluster`]'s fields.
fn clusters_batch(cs: &[Cluster]) -> Result<RecordBatch, String> {
    let int = |f: fn(&Cluster) -> i64| -> ArrayRef {
        let mut b = Int64Builder::new();
        cs.iter().for_each(|c| b.append_value(f(c)));
        Arc::new(b.finish())
    };
    let text = |f: fn(&Cluster) -> Option<&str>| -> ArrayRef {
        let mut b = StringBuilder::new();
        cs.iter().for_each(|c| b.append_option(f(c)));
        Arc::new(b.finish())
    };
    let mut gold = Float64Builder::new();
    let mut mentions = ListBuilder::new(StringBuilder::new());
    for c in cs {
        gold.append_value(c.goldstein);
        for m in &c.mentions {
            mentions.values().append_value(m);
        }
        mentions.append(true);
    }
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("id", int(|c| c.id)),
        ("date", text(|c| Some(&c.date))),
        ("day", text(|c| Some(&c.day))),
        ("source_code", text(|c| Some(&c.source_code))),
        ("target_code", text(|c| Some(&c.target_code))),
        ("source_country", text(|c| Some(&c.source_country))),
        ("target_country", text(|c| Some(&c.target_country))),
        ("root", text(|c| Some(&c.root))),
        ("base", text(|c| Some(&c.base))),
        ("cameo", text(|c| Some(&c.cameo))),
        ("quad_class", int(|c| i64::from(c.quad_class))),
        ("goldstein", Arc::new(gold.finish())),
        ("plover", text(|c| Some(&c.plover))),
        ("num_mentions", int(|c| c.num_mentions)),
        ("num_articles", int(|c| c.num_articles)),
        ("num_sources", int(|c| c.num_sources)),
        ("all_mentions", int(|c| c.all_mentions)),
        ("first_report", text(|c| c.first_report.as_deref())),
        ("last_report", text(|c| c.last_report.as_deref())),
        ("mentions", Arc::new(mentions.finish())),
    ];
    let schema = Schema::new(
        columns
            .iter()
            .map(|(n, a)| Field::new(*n, a.data_type().clone(), true))
            .collect::<Vec<_>>(),
    );
    RecordBatch::try_new(
        Arc::new(schema),
        columns.into_iter().map(|(_, a)| a).collect(),
    )
    .map_err(|e| e.to_string())
}
