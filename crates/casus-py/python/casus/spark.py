"""casus on Apache Spark: code a DataFrame of articles, merge the reports
of one event into clusters with the store's rule, write Parquet by day.

The three lines::

    import casus.spark
    events = casus.spark.code_events(spark.read.json("articles.jsonl"))
    casus.spark.write_parquet(events, "out/")   # out/events/, out/clusters/

How it runs: ``code_events`` uses ``mapInArrow``: every task receives its
partition as Arrow record batches, takes a coder built once per Python
worker (``Coder`` options travel, compiled matchers do not), and codes its
rows as one CLI run (``casus code`` batching and run memory, one thread:
Spark gives each task a core). ``cluster_events`` shuffles mentions by the
cluster key (``casus.cluster.key_of``), sorts each partition
by key and input order, and assigns clusters with ``casus.cluster``'s rule
in one pass; cluster statistics are DataFrame aggregations mirroring the
store's.

Run memory: names learned from one article resolve later articles of the
same partition only (partitions are coded apart). A partition's events
are those of ``casus code`` over that partition's rows in order; with
``run_memory=False`` events do not depend on the partitioning at all.
"""

from __future__ import annotations

import json
import sys
from typing import Iterator, Optional, Tuple

import pyarrow as pa

import casus
from casus import cluster as _cluster

__all__ = ["code_events", "cluster_events", "write_parquet", "event_schema"]

_CODERS: dict = {}


def _coder(options: dict) -> casus.Coder:
    """The coder for ``options``, built once per Python worker process
    (Spark reuses workers across tasks)."""
    key = json.dumps(options, sort_keys=True)
    c = _CODERS.get(key)
    if c is None:
        c = _CODERS[key] = casus.Coder(**options)
    return c


def _spark_type(t: pa.DataType):
    from pyspark.sql import types as T

    if pa.types.is_int64(t):
        return T.LongType()
    if pa.types.is_float64(t):
        return T.DoubleType()
    if pa.types.is_boolean(t):
        return T.BooleanType()
    if pa.types.is_date32(t):
        return T.DateType()
    if pa.types.is_string(t):
        return T.StringType()
    raise TypeError(f"no Spark type for {t}")


def event_schema():
    """The Spark schema of ``code_events``'s DataFrame."""
    from pyspark.sql import types as T

    return T.StructType(
        [T.StructField(f.name, _spark_type(f.type), True) for f in casus.event_schema()]
    )


def _code_partitions(options: dict, run_memory: bool, errors: str):
    """The ``mapInArrow`` function: one run per task."""

    def code(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        from pyspark import TaskContext

        ctx = TaskContext.get()
        pid = ctx.partitionId() if ctx is not None else 0
        run = _coder(options).run(
            run_memory=run_memory,
            errors=errors,
            threads=1,
            label=f"partition {pid} row",
        )
        run._warn = False
        seen = 0
        for b in batches:
            out = run.code(b)
            seen = _report(run, seen)
            yield from out.to_batches()
        out = run.finish()
        _report(run, seen)
        yield from out.to_batches()

    return code


def _report(run: casus.Run, seen: int) -> int:
    """One line on the executor's stderr per new problem (the CLI's
    ``casus: skipped FILE:LINE: reason``)."""
    for location, reason, skipped in run.problems[seen:]:
        what = "skipped" if skipped else "warning:"
        print(f"casus: {what} {location}: {reason}", file=sys.stderr, flush=True)
    return len(run.problems)


def code_events(
    df,
    text_col: str = "text",
    date_col: str = "date",
    id_col: str = "id",
    *,
    title_col: Optional[str] = None,
    url_col: Optional[str] = None,
    outlet_col: Optional[str] = None,
    run_memory: bool = True,
    errors: str = "skip",
    **options,
):
    """A DataFrame of the events of ``df``'s articles.

    ``df`` has an id (string or integer), a publication date (date,
    timestamp, or ``YYYY-MM-DD``/RFC 3339 string) and a text column;
    ``title_col``/``url_col``/``outlet_col`` name optional ones (``url``
    and ``outlet`` land in the events, ``outlet`` counts sources).
    ``options`` are ``casus.Coder``'s (``builtin``, ``actors``, ``agents``,
    ``verbs``, ``discards``, ``tabari``, ``event_dates``); dictionary
    paths must exist on every executor (ship them with ``--files`` and
    pass ``SparkFiles.get(name)`` paths, or use a shared file system).

    ``errors="skip"`` (default here: one bad record must not fail a job of
    millions) skips bad records with one line each on the executor's
    stderr naming partition, row, id and reason; ``"raise"`` fails the
    task with ``casus.RecordError``.

    Columns: ``casus.event_schema()`` (the Parquet export's, less the
    store's ``id`` and ``cluster``, plus actor spans) with ``_row`` (input
    order, from ``monotonically_increasing_id``) and ``_seq`` (position
    among the article's events): the order the store would ingest them in.
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    def as_string(name: str, date: bool = False):
        col = F.col(f"`{name}`")
        if date and isinstance(df.schema[name].dataType, (T.DateType, T.TimestampType)):
            return F.date_format(col, "yyyy-MM-dd")
        return col.cast("string")

    cols = [
        as_string(id_col).alias("id"),
        as_string(date_col, date=True).alias("date"),
        as_string(text_col).alias("text"),
    ]
    for name, dst in ((title_col, "title"), (url_col, "url"), (outlet_col, "outlet")):
        if name is not None:
            cols.append(as_string(name).alias(dst))
    articles = df.select(*cols).withColumn("_row", F.monotonically_increasing_id())
    return articles.mapInArrow(
        _code_partitions(_options(options), run_memory, errors), event_schema()
    )


def _options(options: dict) -> dict:
    """Coder options as plain data (validated by their names)."""
    allowed = {"builtin", "actors", "agents", "verbs", "discards", "tabari", "event_dates"}
    unknown = set(options) - allowed
    if unknown:
        raise TypeError(f"unknown coder option(s): {', '.join(sorted(unknown))}")
    out = dict(options)
    for k in ("actors", "agents", "verbs", "discards"):
        if k in out:
            out[k] = [str(p) for p in out[k]]
    return out


def _assign_partitions(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function of the cluster step: rows arrive sorted
    by cluster key, then input order; each gets its cluster's name."""
    clusters = _cluster.Clusters()
    last = None
    needed = _cluster.KEY_COLUMNS + (
        "date", "day", "date_from", "source_code", "target_code", "base",
        "evidence", "event_id", "article_id", "target_name", "target_country",
        "source_country",
    )
    for b in batches:
        cols = {c: b.column(c).to_pylist() for c in dict.fromkeys(needed)}
        names = []
        for i in range(b.num_rows):
            row = {c: v[i] for c, v in cols.items()}
            key = _cluster.key_of(row)
            if last is not None and key != last:
                clusters.forget(last)
            last = key
            names.append(clusters.assign(key, row))
        yield b.append_column("cluster", pa.array(names, pa.string()))


def _key_country(F):
    """The key country of ``casus.cluster.key_of`` as a column: the
    source's country, or for a symmetric act naming both countries the
    alphabetically first (rows of one key must sort together)."""
    src = F.coalesce(F.col("source_country"), F.lit(""))
    tgt = F.coalesce(F.col("target_country"), F.lit(""))
    base = F.coalesce(F.col("base"), F.lit(""))
    back = (
        base.isin(list(_cluster.SYMMETRIC_CODES))
        & (src != "")
        & (tgt != "")
        & (tgt < src)
    )
    return F.when(back, tgt).otherwise(src)


def cluster_events(events) -> Tuple[object, object]:
    """Merges the reports of one event: returns ``(events, clusters)``.

    ``events`` (from ``code_events``) gains a ``cluster`` column: the
    ``event_id`` of the cluster's first mention. ``clusters`` has one row
    per cluster with the store's fields (key, first mention's codes and
    Goldstein score, ``num_mentions``/``num_articles``/``num_sources``
    over counted mentions, ``all_mentions``, first and last report, and
    ``mentions`` in ingest order). Unlike the store's queries, clusters
    with no counted mention are kept (``num_mentions`` 0).
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    key = [_key_country(F), F.col("root")]
    schema = T.StructType(
        list(events.schema.fields) + [T.StructField("cluster", T.StringType(), True)]
    )
    clustered = (
        events.repartition(*key)
        .sortWithinPartitions(*key, "_row", "_seq")
        .mapInArrow(_assign_partitions, schema)
    )
    order = F.struct("_row", "_seq")
    counted = F.col("counted")

    def first(c: str, blank: bool = False):
        v = F.min_by(F.col(c), order)
        return (F.coalesce(v, F.lit("")) if blank else v).alias(c)

    clusters = clustered.groupBy("cluster").agg(
        first("date"),
        first("day"),
        first("source_code", True),
        first("target_code", True),
        first("source_country", True),
        first("target_country", True),
        first("root"),
        first("base"),
        first("cameo"),
        first("quad_class"),
        first("goldstein"),
        first("plover"),
        F.sum(counted.cast("long")).alias("num_mentions"),
        F.countDistinct(F.when(counted, F.col("article_id"))).alias("num_articles"),
        F.countDistinct(F.when(counted, F.coalesce(F.col("outlet"), F.lit("")))).alias(
            "num_sources"
        ),
        F.count(F.lit(1)).alias("all_mentions"),
        F.coalesce(
            F.min(F.when(counted, F.col("published"))), F.min("published")
        ).alias("first_report"),
        F.coalesce(
            F.max(F.when(counted, F.col("published"))), F.max("published")
        ).alias("last_report"),
        F.transform(
            F.array_sort(F.collect_list(F.struct("_row", "_seq", "event_id"))),
            lambda s: s["event_id"],
        ).alias("mentions"),
    )
    return clustered, clusters


def write_parquet(events, path: str, *, mode: str = "errorifexists"):
    """Clusters ``events`` (``cluster_events``) and writes both as Parquet
    partitioned by day: ``path/events/day=YYYY-MM-DD/`` and
    ``path/clusters/day=YYYY-MM-DD/``. Returns ``(events, clusters)``.
    The clustered events are cached meanwhile, so articles are coded once.
    """
    from pyspark import StorageLevel

    ev, cl = cluster_events(events)
    ev = ev.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        base = path.rstrip("/")
        ev.write.mode(mode).partitionBy("day").parquet(f"{base}/events")
        cl.write.mode(mode).partitionBy("day").parquet(f"{base}/clusters")
    finally:
        ev.unpersist()
    return ev, cl
