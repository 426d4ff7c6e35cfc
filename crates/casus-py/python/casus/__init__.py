"""casus: political event data from news text, for Python.

Who did what to whom, when, where and according to whom, coded as
CAMEO/PLOVER events by the casus engine (Rust), with results identical to
the command line's ``casus code``.

>>> import casus
>>> coder = casus.Coder()
>>> [e["cameo"] for e in coder.code("Russia attacked Ukraine.", "2024-02-11")]
['190']

Tables go through Arrow without copying cell by cell, and the GIL is
released while coding::

    import pyarrow as pa
    events = coder.code_batch(pa.table({
        "id": ["a1"], "date": ["2024-02-11"],
        "text": ["Russia attacked Ukraine."]}))

The events table has the typed columns of ``casus export --format
parquet`` (less the store's ``id`` and ``cluster``) plus the actors' spans.
``casus.read_store`` reads a store made by ``casus ingest``;
``casus.cluster`` holds the store's rule for merging reports of one event,
and ``casus.spark`` codes DataFrames on Apache Spark.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
import sys as _sys
import warnings as _warnings
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

import pyarrow as pa
import pyarrow.compute as pc

from . import _casus
from ._casus import (  # noqa: F401  (re-exported)
    CasusError,
    DictionaryError,
    RecordError,
    StoreError,
)

__version__ = _casus.version()

__all__ = [
    "Coder",
    "Run",
    "RecordWarning",
    "CasusError",
    "RecordError",
    "DictionaryError",
    "StoreError",
    "read_store",
    "event_schema",
    "events_to_json",
    "__version__",
]

#: Columns ``Run.code`` reads besides id, date and text.
OPTIONAL_COLUMNS = ("title", "url", "outlet", "language")

#: Ordering columns of coded events: the input row (``_row``) and the
#: position among the article's events (``_seq``).
ORDER_COLUMNS = ("_row", "_seq")


class RecordWarning(UserWarning):
    """A record was skipped (``errors="skip"``) or renamed (duplicate id)."""


def event_schema() -> pa.Schema:
    """The schema of coded events (``Run.code``, ``casus.spark``)."""
    return _casus.event_schema()


DateLike = Union[str, _dt.date, _dt.datetime]


def _date_str(date: DateLike) -> str:
    if isinstance(date, _dt.datetime):
        return date.date().isoformat()
    if isinstance(date, _dt.date):
        return date.isoformat()
    return str(date)


class Coder:
    """Every stage of casus, built once; share it across threads.

    The options are those of ``casus code``:

    - ``builtin``: use the built-in dictionaries (``--builtin``).
    - ``actors``, ``agents``, ``verbs``, ``discards``: TABARI/PETRARCH
      dictionary files to add (``--actors FILE`` ...).
    - ``tabari``: code as TABARI/PETRARCH do (``--tabari``).
    - ``event_dates``: date events from the time expressions of their text
      (default); ``False`` dates every event by its article.

    Every option is keyword-only, so options the CLI gains later (such as a
    minimum confidence) are added without breaking callers.

    Raises ``DictionaryError`` (naming the file and its bad lines) when a
    dictionary cannot be read.
    """

    def __init__(
        self,
        *,
        builtin: bool = True,
        actors: Sequence[Union[str, "_os.PathLike[str]"]] = (),
        agents: Sequence[Union[str, "_os.PathLike[str]"]] = (),
        verbs: Sequence[Union[str, "_os.PathLike[str]"]] = (),
        discards: Sequence[Union[str, "_os.PathLike[str]"]] = (),
        tabari: bool = False,
        event_dates: bool = True,
    ) -> None:
        paths = lambda ps: [_os.fspath(p) for p in ps]  # noqa: E731
        self._options = dict(
            builtin=bool(builtin),
            actors=paths(actors),
            agents=paths(agents),
            verbs=paths(verbs),
            discards=paths(discards),
            tabari=bool(tabari),
            event_dates=bool(event_dates),
        )
        self._native = _casus.Coder(**self._options)

    @property
    def options(self) -> dict:
        """The options the coder was built with (a copy)."""
        return _json.loads(_json.dumps(self._options))

    def __reduce__(self):
        # Pickled as its options: a coder is rebuilt where it is unpickled
        # (a Spark executor), never shipped as compiled matchers.
        return (_rebuild, (self._options,))

    def __repr__(self) -> str:
        return f"casus.Coder({self._options})"

    def code(
        self,
        text: str,
        date: DateLike,
        id: Optional[str] = None,
        *,
        title: Optional[str] = None,
        url: Optional[str] = None,
        outlet: Optional[str] = None,
    ) -> list:
        """Codes one article; returns its events as dicts with the JSON
        schema of ``casus code --format jsonl`` (one dict per line).

        ``date`` is the publication date (``YYYY-MM-DD``, RFC 3339, or a
        ``datetime.date``); ``id`` defaults to ``"article"``. The article
        is coded alone: no names carry over from other calls (use
        ``code_batch`` or ``run`` for that). Raises ``RecordError`` for a
        blank text or an invalid date.
        """
        lines = self._native.code_json(
            "article" if id is None else str(id),
            _date_str(date),
            text,
            title,
            url,
            outlet,
        )
        return [_json.loads(line) for line in lines]

    def run(
        self,
        *,
        run_memory: bool = True,
        errors: str = "raise",
        threads: Optional[int] = None,
        label: str = "row",
        id_col: str = "id",
        date_col: str = "date",
        text_col: str = "text",
    ) -> "Run":
        """A coding run for a stream of tables (see ``Run``)."""
        return Run(
            self,
            run_memory=run_memory,
            errors=errors,
            threads=threads,
            label=label,
            columns=(id_col, date_col, text_col),
        )

    def code_batch(
        self,
        table: Any,
        *,
        run_memory: bool = True,
        errors: str = "raise",
        threads: Optional[int] = None,
        id_col: str = "id",
        date_col: str = "date",
        text_col: str = "text",
    ) -> pa.Table:
        """Codes a table of articles as ``casus code`` codes a file.

        ``table``: a pyarrow Table, RecordBatch or RecordBatchReader (or a
        pandas/polars DataFrame, or anything with ``__arrow_c_stream__``)
        with columns ``id`` (string or integer), ``date`` (``YYYY-MM-DD``
        string, RFC 3339 string, date or timestamp) and ``text``, and
        optionally ``title``, ``url``, ``outlet``.

        Returns a pyarrow Table of events in input order, with the typed
        columns of ``casus export --format parquet`` (less the store's
        ``id`` and ``cluster``) plus ``source_start``, ``source_end``,
        ``target_start``, ``target_end``.

        The rows form one run, batched as the CLI batches a file (512
        articles or 16 MB of text): names learned from earlier batches
        resolve later ones (``run_memory=False``: no names carry over, as
        ``--no-run-memory``), and duplicate ids are renamed ``id#2``.
        ``threads``: worker threads (default: all cores; the GIL is
        released). ``errors="raise"`` raises ``RecordError`` naming the
        first bad record (row and id) and codes nothing;
        ``errors="skip"`` skips bad records with a ``RecordWarning`` each.
        """
        run = self.run(
            run_memory=run_memory,
            errors=errors,
            threads=threads,
            id_col=id_col,
            date_col=date_col,
            text_col=text_col,
        )
        parts = [run.code(b) for b in _batches(table)]
        parts.append(run.finish())
        return pa.concat_tables(parts).drop_columns(list(ORDER_COLUMNS))


def _rebuild(options: dict) -> Coder:
    return Coder(**options)


class Run:
    """One coding run over a stream of tables, as ``casus code`` runs over
    a stream of files: rows are cut into the CLI's batches whatever the
    tables' own boundaries, names learned in earlier batches resolve later
    ones, and duplicate ids are renamed.

    ``code(table)`` returns the events of the batches the table completes
    (possibly none); ``finish()`` codes the rest. ``problems`` lists every
    skipped record and warning so far as ``(location, reason, skipped)``.
    A run is used by one thread at a time; the coder behind it is shared.
    """

    def __init__(
        self,
        coder: Coder,
        *,
        run_memory: bool = True,
        errors: str = "raise",
        threads: Optional[int] = None,
        label: str = "row",
        columns: Sequence[str] = ("id", "date", "text"),
        warn: bool = True,
    ) -> None:
        if errors not in ("raise", "skip"):
            raise ValueError(f"errors={errors!r}: expected 'raise' or 'skip'")
        n = (_os.cpu_count() or 1) if threads is None else int(threads)
        self._native = coder._native.run(
            run_memory=run_memory,
            errors=errors,
            label=label,
            threads=max(1, n),
        )
        self._columns = tuple(columns)
        self._warn = warn
        self._schema = event_schema()
        self.problems: list = []

    def _take(self, out) -> pa.Table:
        batch, problems = out
        for p in problems:
            self.problems.append(p)
            if self._warn:
                what = "skipped" if p[2] else "warning"
                _warnings.warn(
                    f"casus: {what} {p[0]}: {p[1]}", RecordWarning, stacklevel=3
                )
        return pa.Table.from_batches([batch], schema=self._schema)

    def code(self, table: Any) -> pa.Table:
        """Codes the batches ``table``'s rows complete; see ``Run``."""
        parts = [
            self._take(self._native.feed(_normalize(b, self._columns)))
            for b in _batches(table)
        ]
        if not parts:
            return self._schema.empty_table()
        return pa.concat_tables(parts)

    def finish(self) -> pa.Table:
        """Codes the rows of the last, unfinished batch."""
        return self._take(self._native.finish())


def _batches(data: Any) -> Iterator[pa.RecordBatch]:
    """Record batches of any tabular input."""
    if isinstance(data, pa.RecordBatch):
        yield data
        return
    if isinstance(data, pa.Table):
        yield from data.to_batches()
        return
    if isinstance(data, pa.RecordBatchReader):
        yield from data
        return
    if type(data).__module__.startswith("pandas"):
        yield from pa.Table.from_pandas(data, preserve_index=False).to_batches()
        return
    if isinstance(data, dict):
        yield from pa.table(data).to_batches()
        return
    if hasattr(data, "__arrow_c_stream__"):
        yield from pa.table(data).to_batches()
        return
    raise TypeError(
        f"expected a pyarrow Table/RecordBatch/RecordBatchReader, a pandas "
        f"DataFrame or an Arrow stream, got {type(data).__name__}"
    )


def _as_string(col: pa.ChunkedArray | pa.Array, name: str) -> pa.Array:
    t = col.type
    if pa.types.is_dictionary(t):
        col = col.dictionary_decode()
        t = col.type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return col
    if getattr(pa.types, "is_string_view", lambda _: False)(t):
        return col.cast(pa.large_string())
    if pa.types.is_integer(t) or pa.types.is_null(t):
        return col.cast(pa.string())
    if pa.types.is_timestamp(t):
        return col.cast(pa.date32()).cast(pa.string())
    if pa.types.is_date(t):
        return col.cast(pa.string())
    raise TypeError(f"column {name!r} has type {t}; expected strings")


def _normalize(batch: pa.RecordBatch, columns: Sequence[str]) -> pa.RecordBatch:
    """The batch as the native coder reads it: string columns id, date,
    text (+ optional ones) and an int64 ``_row`` when present."""
    names = batch.schema.names
    wanted = list(zip(columns, ("id", "date", "text"))) + [
        (c, c) for c in OPTIONAL_COLUMNS
    ]
    arrays, fields = [], []
    for src, dst in wanted:
        if src not in names:
            if dst in ("id", "date", "text"):
                raise RecordError(
                    f"input has no column {src!r} (columns: {', '.join(names)})"
                )
            continue
        arr = _as_string(batch.column(src), src)
        arrays.append(arr)
        fields.append(pa.field(dst, arr.type))
    if "_row" in names:
        arrays.append(batch.column("_row").cast(pa.int64()))
        fields.append(pa.field("_row", pa.int64()))
    return pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields))


def read_store(
    path: Union[str, "_os.PathLike[str]"],
    *,
    clusters: bool = False,
    source: Optional[str] = None,
    target: Optional[str] = None,
    both: bool = False,
    from_: Optional[str] = None,
    to: Optional[str] = None,
    root: Optional[str] = None,
    cameo: Optional[str] = None,
    plover: Optional[str] = None,
    quad: Optional[int] = None,
    min_sources: Optional[int] = None,
    text: Optional[str] = None,
    all: bool = False,
    min_confidence: Optional[float] = None,
    limit: Optional[int] = None,
) -> pa.Table:
    """A store made by ``casus ingest`` as a pyarrow Table.

    Mentions by default, with exactly the columns of ``casus export
    --format parquet``; ``clusters=True`` gives one row per cluster (the
    fields of ``casus export --clusters``). The filters are those of
    ``casus events``/``casus export`` (``from_`` is ``--from``); as there,
    only counted mentions (asserted, not negated, confidence at least
    the store's default threshold or ``min_confidence``) unless
    ``all=True``. Raises ``StoreError`` for a missing or foreign file.

    For pandas: ``casus.read_store(p).to_pandas()``; for DuckDB:
    ``duckdb.sql("SELECT ... FROM t")`` with ``t = casus.read_store(p)``.
    """
    batch = _casus.read_store(
        _os.fspath(path),
        clusters=clusters,
        source=source,
        target=target,
        both=both,
        from_=from_,
        to=to,
        root=root,
        cameo=cameo,
        plover=plover,
        quad=quad,
        min_sources=min_sources,
        text=text,
        all=all,
        min_confidence=min_confidence,
        limit=limit,
    )
    return pa.Table.from_batches([batch])


def events_to_json(events: Union[pa.Table, pa.RecordBatch]) -> list:
    """Event rows (``code_batch``, ``casus.spark``) back as dicts with the
    JSON schema of ``casus code --format jsonl``. Every field of the JSON
    is a column, so nothing is lost, except that an attribution naming
    neither speaker nor outlet reads back as ``None``.
    """
    rows = events.to_pylist()
    out = []
    for r in rows:
        out.append(_row_json(r))
    return out


def _actor(r: dict, side: str) -> Optional[dict]:
    if r.get(f"{side}_code") is None:
        return None
    actor = {
        "code": r[f"{side}_code"],
        "country": r[f"{side}_country"],
        "role": r[f"{side}_role"],
        "name": r[f"{side}_name"],
        "span": [r[f"{side}_start"], r[f"{side}_end"]],
    }
    # How the actor was found (a reaction's target, the story's country
    # for an open side); only when known, as in the CLI.
    if r.get(f"{side}_from") is not None:
        actor["from"] = r[f"{side}_from"]
    return actor


def _row_json(r: dict) -> dict:
    speaker, outlet = r.get("speaker"), r.get("attributed_outlet")
    out = {
        "article_id": r["article_id"],
        "event_id": r["event_id"],
        "sentence": r["sentence"],
        "span": [r["span_start"], r["span_end"]],
        "evidence": r["evidence"],
        "date": r["date"],
        "date_from": r["date_from"],
        "precision": r["precision"],
        "source": _actor(r, "source"),
        "target": _actor(r, "target"),
        "cameo": r["cameo"],
        "root": r["root"],
        "quad_class": r["quad_class"],
        "goldstein": r["goldstein"],
        "plover": r["plover"],
        "plover_mode": r["plover_mode"],
        "negated": r["negated"],
        "modality": r["modality"],
        "attribution": (
            None
            if speaker is None and outlet is None
            else {"speaker": speaker, "outlet": outlet}
        ),
        "location": _location(r),
        "pattern": r["pattern"],
        "pattern_id": r["pattern_id"],
        "confidence": r["confidence"],
    }
    if r.get("date_end") is not None:
        out["date_end"] = r["date_end"]
    if r.get("after_published"):
        out["after_published"] = True
    return out


def _location(r):
    """The event's `location` from its columns; `from` only when known
    (as `casus events` leaves it out)."""
    if r.get("location_name") is None:
        return None
    loc = {"name": r["location_name"], "country": r["location_country"]}
    if r.get("location_from") is not None:
        loc["from"] = r["location_from"]
    return loc


def _stderr(line: str) -> None:
    print(line, file=_sys.stderr, flush=True)
