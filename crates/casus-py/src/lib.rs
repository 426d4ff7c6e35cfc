//! The native half of the `casus` Python package (`casus._casus`).
//!
//! The Python half (`python/casus/`) is the public API: `casus.Coder`,
//! `casus.read_store`, `casus.cluster`, `casus.spark`. This module gives
//! it a coder built once and shared by threads ([`PyCoder`]), coding runs
//! over Arrow record batches with the CLI's batching and run memory
//! ([`PyRun`], [`run`]), the store read into Arrow ([`store`]) and the
//! store's evidence tokens for the cluster rule.
//!
//! Why Arrow: tables cross the boundary through the Arrow C data
//! interface, so neither the articles nor the events become Python
//! objects one cell at a time; the GIL is released while coding.
//!
//! Example (Python):
//!
//! ```python
//! import casus, pyarrow as pa
//! coder = casus.Coder()
//! events = coder.code_batch(pa.table({
//!     "id": ["a1"], "date": ["2024-02-11"],
//!     "text": ["Russia attacked Ukraine."]}))
//! ```

#![forbid(unsafe_code)]

mod run;
mod store;
mod table;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use arrow::pyarrow::{FromPyArrow, ToPyArrow};
use arrow::record_batch::RecordBatch;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;

use crate::run::{OnError, Outcome, RunState};

create_exception!(_casus, CasusError, PyException, "Any casus error.");
create_exception!(
    _casus,
    RecordError,
    CasusError,
    "A record that cannot be coded; the message names it."
);
create_exception!(
    _casus,
    DictionaryError,
    CasusError,
    "A dictionary that cannot be read; the message names file and lines."
);
create_exception!(
    _casus,
    StoreError,
    CasusError,
    "A store that cannot be read."
);

/// A coder: every stage of casus, built once, shared by threads.
#[pyclass(name = "Coder", module = "casus._casus", frozen)]
struct PyCoder {
    inner: Arc<casus::Coder>,
}

/// Reads the TABARI/PETRARCH dictionaries named by the CLI's flags
/// (`--actors`, `--agents`, `--verbs`, `--discards`) into `builder`.
fn add_dictionaries(
    builder: &mut casus::CoderBuilder,
    kinds: [(&str, &[PathBuf]); 4],
) -> Result<(), String> {
    use casus::dict::tabari;
    for (kind, paths) in kinds {
        let read = match kind {
            "actor" => tabari::read_actors,
            "agent" => tabari::read_agents,
            "verb" => tabari::read_verbs,
            _ => tabari::read_discards,
        };
        for path in paths {
            let dicts = read(path).map_err(|e| {
                format!("reading {kind} dictionary {}: {e}", path.display())
            })?;
            builder.dictionaries(dicts);
        }
    }
    Ok(())
}

#[pymethods]
impl PyCoder {
    /// See `casus.Coder` (python/casus/__init__.py) for the options.
    #[new]
    #[pyo3(signature = (*, builtin = true, actors = Vec::new(), agents = Vec::new(), verbs = Vec::new(), discards = Vec::new(), tabari = false, event_dates = true))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        builtin: bool,
        actors: Vec<PathBuf>,
        agents: Vec<PathBuf>,
        verbs: Vec<PathBuf>,
        discards: Vec<PathBuf>,
        tabari: bool,
        event_dates: bool,
    ) -> PyResult<PyCoder> {
        let built = py.allow_threads(|| {
            let mut b = casus::CoderBuilder::new();
            b.builtin(builtin).tabari(tabari).event_dates(event_dates);
            add_dictionaries(
                &mut b,
                [
                    ("actor", &actors),
                    ("agent", &agents),
                    ("verb", &verbs),
                    ("discard", &discards),
                ],
            )?;
            b.build().map_err(|e| format!("building the coder: {e}"))
        });
        match built {
            Ok(c) => Ok(PyCoder { inner: Arc::new(c) }),
            Err(e) => Err(DictionaryError::new_err(e)),
        }
    }

    /// Codes one article; returns each event as its JSON line (the
    /// CLI's serialisation), in order.
    #[pyo3(signature = (id, date, text, title = None, url = None, outlet = None))]
    #[allow(clippy::too_many_arguments)]
    fn code_json(
        &self,
        py: Python<'_>,
        id: String,
        date: String,
        text: String,
        title: Option<String>,
        url: Option<String>,
        outlet: Option<String>,
    ) -> PyResult<Vec<String>> {
        let fields = casus::ingest::Fields {
            id: Some(id),
            date: Some(date),
            text: Some(text),
            title,
            url,
            outlet,
            language: None,
        };
        let article = fields
            .into_article("article")
            .map_err(|p| record_error(py, &p.location, &p.reason))?;
        let coder = Arc::clone(&self.inner);
        py.allow_threads(move || {
            coder
                .code(&article)
                .iter()
                .map(serde_json::to_string)
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|e| CasusError::new_err(e.to_string()))
    }

    /// A coding run (see `casus.Coder.run`).
    #[pyo3(signature = (*, run_memory = true, errors = "raise", label = "row".to_string(), threads = 0))]
    fn run(
        &self,
        run_memory: bool,
        errors: &str,
        label: String,
        threads: usize,
    ) -> PyResult<PyRun> {
        let on_error = match errors {
            "raise" => OnError::Raise,
            "skip" => OnError::Skip,
            other => {
                return Err(PyValueError::new_err(format!(
                    "errors={other:?}: expected \"raise\" or \"skip\""
                )))
            }
        };
        Ok(PyRun {
            coder: Arc::clone(&self.inner),
            on_error,
            state: Mutex::new(RunState::new(run_memory, label, threads)),
        })
    }
}

/// A [`RecordError`] with `location` and `reason` attributes.
fn record_error(py: Python<'_>, location: &str, reason: &str) -> PyErr {
    let err = RecordError::new_err(format!("{location}: {reason}"));
    let value = err.value(py);
    let _ = value.setattr("location", location);
    let _ = value.setattr("reason", reason);
    err
}

/// One coding run: rows in, events out, CLI batching and run memory.
#[pyclass(name = "Run", module = "casus._casus", frozen)]
struct PyRun {
    coder: Arc<casus::Coder>,
    on_error: OnError,
    state: Mutex<RunState>,
}

/// Problems as `(location, reason, skipped)` tuples.
type Problems = Vec<(String, String, bool)>;

impl PyRun {
    /// Runs `f` on the state without the GIL, then returns the events as
    /// a pyarrow RecordBatch with the problems.
    fn with_state(
        &self,
        py: Python<'_>,
        f: impl FnOnce(
                &mut RunState,
                &casus::Coder,
            ) -> Result<Outcome, run::Problem>
            + Send,
    ) -> PyResult<(PyObject, Problems)> {
        let coder = &self.coder;
        let state = &self.state;
        let done = py.allow_threads(|| {
            let mut st = state.lock().map_err(|_| None)?;
            let out = f(&mut st, coder).map_err(Some)?;
            let batch = table::events_batch(&out.rows).map_err(|e| {
                Some(run::Problem {
                    location: "events".into(),
                    reason: e,
                    skipped: false,
                })
            })?;
            Ok::<_, Option<run::Problem>>((batch, out.problems))
        });
        match done {
            Ok((batch, problems)) => Ok((
                batch.to_pyarrow(py)?,
                problems
                    .into_iter()
                    .map(|p| (p.location, p.reason, p.skipped))
                    .collect(),
            )),
            Err(Some(p)) => Err(record_error(py, &p.location, &p.reason)),
            Err(None) => Err(CasusError::new_err(
                "a coding run failed earlier in another thread",
            )),
        }
    }
}

#[pymethods]
impl PyRun {
    /// Codes the batches `batch` completes (a pyarrow RecordBatch of
    /// strings: id, date, text, optional title/url/outlet/language and an
    /// int64 `_row`); returns `(events, problems)`.
    fn feed(
        &self,
        py: Python<'_>,
        batch: &Bound<'_, PyAny>,
    ) -> PyResult<(PyObject, Problems)> {
        let batch = RecordBatch::from_pyarrow_bound(batch)?;
        let on_error = self.on_error;
        self.with_state(py, move |st, coder| {
            let input =
                table::Input::new(&batch).map_err(|e| run::Problem {
                    location: "input".into(),
                    reason: e,
                    skipped: false,
                })?;
            st.feed(coder, &input, on_error)
        })
    }

    /// Codes the last, unfinished batch; returns `(events, problems)`.
    fn finish(&self, py: Python<'_>) -> PyResult<(PyObject, Problems)> {
        self.with_state(py, |st, coder| Ok(st.finish(coder)))
    }
}

/// The schema of coded events.
#[pyfunction]
fn event_schema(py: Python<'_>) -> PyResult<PyObject> {
    table::event_schema().as_ref().to_pyarrow(py)
}

/// The store's evidence tokens of `text` (the cluster rule's token
/// sets), sorted.
#[pyfunction]
fn evidence_tokens(text: &str) -> Vec<String> {
    casus_store::tokens(text).into_iter().collect()
}

/// The store's cluster rule over mentions held in memory
/// (`casus_store::cluster::Clusters`), for `casus.cluster`.
#[pyclass(name = "Clusters", module = "casus._casus")]
#[derive(Default)]
struct PyClusters(casus_store::cluster::Clusters);

#[pymethods]
impl PyClusters {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    /// The cluster the next mention joins (its `name` when it starts
    /// one). `day` is `YYYY-MM-DD` or None.
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (key, *, date, day, date_from, source_code, target_code, root, base, evidence, article, name, target_name = "", target_country = "", source_country = ""))]
    fn assign(
        &mut self,
        key: Vec<String>,
        date: &str,
        day: Option<&str>,
        date_from: &str,
        source_code: &str,
        target_code: &str,
        root: &str,
        base: &str,
        evidence: &str,
        article: &str,
        name: &str,
        target_name: &str,
        target_country: &str,
        source_country: &str,
    ) -> String {
        let mention = casus_store::cluster::Report {
            date: date.to_string(),
            day: day.and_then(|d| {
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
            }),
            date_from: date_from.to_string(),
            source_code: source_code.to_string(),
            source_country: source_country.to_string(),
            target_code: target_code.to_string(),
            // As the store reads it: a name counts only where the
            // report's sentence writes it.
            target_name: casus_store::cluster::written_name(
                target_name,
                evidence,
            )
            .to_string(),
            target_country: target_country.to_string(),
            root: root.to_string(),
            base: base.to_string(),
            tokens: casus_store::tokens(evidence),
        };
        self.0.assign(&key, mention, article, name)
    }

    /// Drops a key's clusters.
    fn forget(&mut self, key: Vec<String>) {
        self.0.forget(&key);
    }
}

/// The source country of a mention's cluster key
/// (`casus_store::cluster::key_country`): the source's country, or for a
/// symmetric act naming both countries the alphabetically first.
#[pyfunction]
fn cluster_country(
    base: &str,
    source_country: &str,
    target_country: &str,
) -> String {
    casus_store::cluster::key_country(base, source_country, target_country)
        .to_string()
}

/// The CAMEO base codes of acts with no direction
/// (`casus_store::cluster::symmetric_codes`, `dicts/symmetric_codes.txt`).
#[pyfunction]
fn symmetric_codes() -> Vec<&'static str> {
    casus_store::cluster::symmetric_codes()
}

/// Whether two actor codes of one country can name one actor
/// (`casus_store::cluster::actors_compatible`).
#[pyfunction]
fn actors_compatible(a: &str, b: &str) -> bool {
    casus_store::cluster::actors_compatible(a, b)
}

/// The casus version.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[pymodule]
fn _casus(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyCoder>()?;
    m.add_class::<PyRun>()?;
    m.add_class::<PyClusters>()?;
    m.add_function(wrap_pyfunction!(actors_compatible, m)?)?;
    m.add_function(wrap_pyfunction!(cluster_country, m)?)?;
    m.add_function(wrap_pyfunction!(symmetric_codes, m)?)?;
    m.add_function(wrap_pyfunction!(event_schema, m)?)?;
    m.add_function(wrap_pyfunction!(evidence_tokens, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(store::read_store, m)?)?;
    m.add("MERGE_THRESHOLD", casus_store::MERGE_THRESHOLD)?;
    m.add("CasusError", py.get_type::<CasusError>())?;
    m.add("RecordError", py.get_type::<RecordError>())?;
    m.add("DictionaryError", py.get_type::<DictionaryError>())?;
    m.add("StoreError", py.get_type::<StoreError>())?;
    Ok(())
}
