"""casus on Spark in local mode (`local[2]`): events equal `casus code`
record for record, clusters equal a store's written by `casus ingest`,
Parquet by day. Skipped without pyspark or Java (`.ci/run` installs
both)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pytest

import casus
from conftest import cli_events, read_jsonl
import corpus

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed")
if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java: Spark needs a JVM", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

import casus.spark  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    # The workers run this interpreter (the one casus is installed in),
    # not whatever `python3` is first on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("casus-tests")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        # Small Arrow batches: the CLI's batches must not depend on Spark's.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "100")
        .getOrCreate()
    )
    yield s
    s.stop()


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """The examples, then the Reuters slice when ../shared is there."""
    recs = corpus.examples() + SYMMETRIC
    if corpus.REUTERS.exists():
        from conftest import REUTERS_SLICE

        recs += list(corpus.reuters(REUTERS_SLICE))
    return corpus.write_jsonl(tmp_path_factory.mktemp("spark") / "articles.jsonl", recs)


#: One meeting told by two outlets in opposite directions (our own
#: words): the store and the Spark step must both make it one cluster.
SYMMETRIC = [
    {"id": "sym-a", "date": "2023-03-20",
     "text": "Russia's president held talks with China's president in Moscow on Monday."},
    {"id": "sym-b", "date": "2023-03-20",
     "text": "China's president met Russia's president in Moscow on Monday."},
]


def two_partitions(spark, path: Path):
    """The articles in two contiguous partitions (input order kept)."""
    recs = read_jsonl(path)
    df = spark.createDataFrame(
        [(i, r["id"], r["date"], r["text"]) for i, r in enumerate(recs)],
        "n long, id string, date string, text string",
    )
    return df.repartitionByRange(2, "n").sortWithinPartitions("n")


def split_by_partition(spark_df, path: Path, tmp: Path) -> list:
    """One JSONL file per Spark partition, with that partition's rows."""
    parts = (
        spark_df.select("n", F.spark_partition_id().alias("p")).toPandas()
        .groupby("p")["n"].apply(list).sort_index()
    )
    recs = read_jsonl(path)
    files = []
    for p, ns in parts.items():
        files.append(corpus.write_jsonl(tmp / f"part-{p}.jsonl", [recs[n] for n in sorted(ns)]))
    assert len(files) == 2
    return files


def ordered_events(df) -> list:
    rows = df.orderBy("_row", "_seq").collect()
    table = pa.Table.from_pylist([r.asDict() for r in rows], schema=casus.event_schema())
    return casus.events_to_json(table)


def test_events_equal_cli_per_partition(spark, casus_bin, articles, tmp_path):
    df = two_partitions(spark, articles)
    events = casus.spark.code_events(df)
    want = []
    for f in split_by_partition(df, articles, tmp_path):
        want += cli_events(casus_bin, f)
    got = ordered_events(events)
    assert len(got) == len(want) > 0
    assert got == want


def test_events_without_run_memory_equal_cli(spark, casus_bin, articles):
    df = two_partitions(spark, articles)
    got = ordered_events(casus.spark.code_events(df, run_memory=False))
    want = cli_events(casus_bin, articles, "--no-run-memory")
    assert got == want


def mention_sets(pairs) -> set:
    by = defaultdict(set)
    for event_id, cluster in pairs:
        by[cluster].add(event_id)
    return {frozenset(s) for s in by.values()}


def test_clusters_equal_the_store(spark, casus_bin, articles, tmp_path):
    """The store's cluster rule (crates/casus-store) against casus.cluster
    as the Spark step applies it: the same partition of mentions into
    clusters, with the same cluster fields. Each Spark partition is one
    run, so the store ingests each partition's rows as one run, in order."""
    df = two_partitions(spark, articles)
    events, clusters = casus.spark.cluster_events(casus.spark.code_events(df))
    db = tmp_path / "store.db"
    for f in split_by_partition(df, articles, tmp_path):
        subprocess.run(
            [casus_bin, "ingest", "-q", "--batch", "512", "--db", str(db), str(f)], check=True
        )
    stored = casus.read_store(db, all=True)
    got_pairs = [(r["event_id"], r["cluster"]) for r in events.select("event_id", "cluster").collect()]
    assert len(got_pairs) == stored.num_rows
    want = mention_sets(zip(stored.column("event_id").to_pylist(), stored.column("cluster").to_pylist()))
    got = mention_sets(got_pairs)
    assert got == want, f"{len(got ^ want)} clusters differ"
    # The meeting coded both ways by both outlets is one cluster.
    met = [r["cluster"] for r in events.filter(F.col("article_id").startswith("sym-"))
           .filter(F.col("root") == "04").select("cluster").collect()]
    assert len(met) >= 2 and len(set(met)) == 1, met

    stored_clusters = {
        frozenset(c["mentions"]): c for c in casus.read_store(db, clusters=True, all=True).to_pylist()
    }
    fields = ["date", "source_code", "target_code", "source_country", "target_country",
              "root", "base", "cameo", "quad_class", "goldstein", "plover", "num_mentions",
              "num_articles", "num_sources", "all_mentions", "first_report", "last_report"]
    n = 0
    for c in clusters.collect():
        s = stored_clusters[frozenset(c["mentions"])]
        g = {k: c[k] for k in fields}
        g["first_report"] = str(g["first_report"]) if g["first_report"] else None
        g["last_report"] = str(g["last_report"]) if g["last_report"] else None
        assert g == {k: s[k] for k in fields}, c["cluster"]
        assert str(c["day"]) == s["day"]
        assert list(c["mentions"]) == s["mentions"]
        n += 1
    assert n == len(stored_clusters) > 0


def test_write_parquet_by_day(spark, tmp_path):
    recs = corpus.examples()
    df = spark.createDataFrame(recs)
    out = tmp_path / "out"
    events, clusters = casus.spark.write_parquet(casus.spark.code_events(df), str(out))
    days = sorted(p.name for p in (out / "events").glob("day=*"))
    assert days and all(p.startswith("day=") for p in days)
    assert sorted(p.name for p in (out / "clusters").glob("day=*")) <= days
    ev = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    cl = ds.dataset(out / "clusters", format="parquet", partitioning="hive").to_table()
    assert ev.num_rows == events.count() > 0
    assert cl.num_rows == clusters.count() > 0
    assert set(ev.column("cluster").to_pylist()) == set(cl.column("cluster").to_pylist())


def test_bad_records_are_skipped(spark):
    df = spark.createDataFrame(
        [("ok", "2024-02-12", "Russia attacked Ukraine."), ("bad", "yesterday", "Russia attacked Ukraine.")],
        "id string, date string, text string",
    ).coalesce(1)
    got = casus.spark.code_events(df).select("article_id").distinct().collect()
    assert [r.article_id for r in got] == ["ok"]
    with pytest.raises(Exception, match='id \\\\?"bad\\\\?"|invalid date'):
        casus.spark.code_events(df, errors="raise").count()


def test_example_driver_under_spark_submit(tmp_path):
    """examples/spark/code_articles.py as a user runs it (spark-submit,
    local mode): Parquet by day, and a bad record named on stderr (the
    executors' stderr is the job's in local mode)."""
    submit = Path(sys.executable).parent / "spark-submit"
    if not submit.exists():
        pytest.skip(f"no spark-submit beside {sys.executable}")
    example = corpus.REPO / "examples" / "spark"
    src = tmp_path / "in.jsonl"
    bad = {"id": "bad", "date": "yesterday", "text": "Russia attacked Ukraine."}
    articles = corpus.REPO / "testdata" / "spark" / "articles.jsonl"
    src.write_text(articles.read_text() + json.dumps(bad) + "\n")
    out = tmp_path / "out"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    run = subprocess.run(
        [str(submit), "--master", "local[1]", "--conf", "spark.ui.enabled=false",
         str(example / "code_articles.py"), str(src), str(out)],
        capture_output=True, text=True, env=env, check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert 'casus: skipped partition 0 row 3 (id "bad"): invalid date "yesterday"' in run.stderr
    assert "casus: " in run.stdout and " events, " in run.stdout
    assert sorted(p.name for p in (out / "events").glob("day=*")) == ["day=2024-02-12", "day=2024-02-13"]


def test_archived_venv_under_spark_submit(tmp_path):
    """The cluster recipe of examples/spark/README.md on this machine: a
    virtual environment holding the casus wheel and pyarrow (no pyspark),
    packed by venv-pack, shipped with `spark.archives=...#environment`;
    the workers run `./environment/bin/python`, the driver this
    interpreter. `local-cluster[1,2,1024]` (Spark's local mode with a
    master, a worker and an executor JVM of their own) because plain
    `local[N]` unpacks archives beside the driver, not in the workers'
    working directory, so `./environment` would not resolve there."""
    bindir = Path(sys.executable).parent
    submit, venv_pack = bindir / "spark-submit", bindir / "venv-pack"
    wheels = sorted((corpus.REPO / "target" / "wheels").glob("casus-*.whl"))
    if not (submit.exists() and venv_pack.exists() and wheels):
        pytest.skip("needs spark-submit, venv-pack and a wheel in target/wheels (tests/ci.sh)")
    env_dir = tmp_path / "casus-env"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    subprocess.run(
        [str(env_dir / "bin" / "pip"), "install", "-q", "--disable-pip-version-check",
         str(wheels[-1]), f"pyarrow=={pa.__version__}"],
        check=True,
    )
    archive = tmp_path / "casus-env.tar.gz"
    subprocess.run([str(venv_pack), "-q", "-p", str(env_dir), "-o", str(archive)], check=True)
    shutil.rmtree(env_dir)  # the workers can only use the shipped copy
    example = corpus.REPO / "examples" / "spark"
    out = tmp_path / "out"
    env = dict(os.environ, PYSPARK_PYTHON="./environment/bin/python",
               PYSPARK_DRIVER_PYTHON=sys.executable)
    run = subprocess.run(
        [str(submit), "--master", "local-cluster[1,2,1024]", "--conf", "spark.ui.enabled=false",
         "--conf", f"spark.archives={archive}#environment",
         str(example / "code_articles.py"), str(corpus.REPO / "testdata" / "spark" / "articles.jsonl"), str(out)],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert " events, " in run.stdout
    assert sorted(p.name for p in (out / "events").glob("day=*")) == ["day=2024-02-12", "day=2024-02-13"]
