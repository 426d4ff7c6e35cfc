"""The Python API: one article, tables, options, bad input, threads, and
the store; each compared with the CLI where the CLI has an answer."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import subprocess
import threading
import warnings
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import casus
from casus import cluster
from conftest import cli_events, read_jsonl

pytestmark = pytest.mark.filterwarnings("error::casus.RecordWarning")

ARTICLE = (
    "Israeli Prime Minister Benjamin Netanyahu met US Secretary of State "
    "Antony Blinken in Jerusalem on Monday. Russia attacked Ukraine's "
    "power grid overnight, officials said."
)


@pytest.fixture(scope="module")
def coder() -> casus.Coder:
    return casus.Coder()


def table_of(records: list) -> pa.Table:
    return pa.Table.from_pylist(records)


def test_code_is_the_cli_json(coder, casus_bin, tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "a1", "date": "2024-02-12", "text": ARTICLE}) + "\n")
    want = cli_events(casus_bin, path)
    assert want, "the CLI found no event in the test article"
    assert coder.code(ARTICLE, "2024-02-12", id="a1") == want
    assert coder.code(ARTICLE, dt.date(2024, 2, 12), id="a1") == want


def test_code_each_example_alone_is_the_cli(coder, casus_bin, examples_jsonl):
    # All examples fit one CLI batch, so no article sees another's names.
    want = cli_events(casus_bin, examples_jsonl)
    got = []
    for r in read_jsonl(examples_jsonl):
        got += coder.code(r["text"], r["date"], r["id"])
    assert got == want


def test_code_batch_columns_are_the_parquet_export(coder, casus_bin, examples_jsonl, tmp_path):
    db, out = tmp_path / "s.db", tmp_path / "e.parquet"
    subprocess.run([casus_bin, "ingest", "-q", "--db", str(db), str(examples_jsonl)], check=True)
    subprocess.run(
        [casus_bin, "export", "--db", str(db), "--all", "--format", "parquet", "-o", str(out)],
        check=True,
        capture_output=True,
    )
    export = pq.read_table(out)
    got = coder.code_batch(pa.Table.from_pylist(read_jsonl(examples_jsonl)))
    want_fields = [f for f in export.schema if f.name not in ("id", "cluster")]
    assert list(got.schema)[: len(want_fields)] == want_fields
    assert got.schema.names[len(want_fields):] == [
        "source_start", "source_end", "target_start", "target_end",
        "after_published"]
    cols = [f.name for f in want_fields]
    key = [("event_id", "ascending"), ("article_id", "ascending")]
    assert got.select(cols).sort_by(key).to_pylist() == export.select(cols).sort_by(key).to_pylist()
    # And the store read from Python is the export.
    assert casus.read_store(db, all=True).to_pylist() == export.to_pylist()


def test_read_store_clusters_and_filters(casus_bin, examples_jsonl, tmp_path):
    db = tmp_path / "s.db"
    subprocess.run([casus_bin, "ingest", "-q", "--db", str(db), str(examples_jsonl)], check=True)
    out = subprocess.run(
        [casus_bin, "export", "--db", str(db), "--clusters", "--format", "jsonl"],
        check=True, capture_output=True, text=True,
    ).stdout
    want = [json.loads(l) for l in out.splitlines()]
    got = casus.read_store(db, clusters=True).to_pylist()
    assert [c["id"] for c in got] == [c["id"] for c in want]
    for g, w in zip(got, want):
        assert {k: g[k] for k in w} == w
    some = casus.read_store(db, root="19")
    assert set(some.column("root").to_pylist()) <= {"19"}
    with pytest.raises(casus.StoreError, match="no such store"):
        casus.read_store(tmp_path / "missing.db")


def test_duckdb_and_pandas_recipes(casus_bin, examples_jsonl, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pandas")
    db = tmp_path / "s.db"
    subprocess.run([casus_bin, "ingest", "-q", "--db", str(db), str(examples_jsonl)], check=True)
    events = casus.read_store(db)
    df = events.to_pandas()
    per_root = duckdb.sql("SELECT root, count(*) AS n FROM events GROUP BY root").fetchall()
    assert sum(n for _, n in per_root) == len(df) == events.num_rows > 0


@pytest.mark.filterwarnings("default::casus.RecordWarning")
def test_bad_records_raise_or_skip_like_the_cli(coder, casus_bin, tmp_path):
    records = [
        {"id": "ok1", "date": "2024-02-12", "text": ARTICLE},
        {"id": "bad-date", "date": "yesterday", "text": ARTICLE},
        {"id": "no-text", "date": "2024-02-12", "text": "  "},
        {"id": None, "date": "2024-02-12", "text": ARTICLE},
        {"id": "ok2", "date": "2024-02-13", "text": ARTICLE},
    ]
    with pytest.raises(casus.RecordError) as e:
        coder.code_batch(table_of(records))
    assert str(e.value) == (
        'row 1 (id "bad-date"): invalid date "yesterday" (expected YYYY-MM-DD or RFC 3339)'
    )
    assert e.value.location == 'row 1 (id "bad-date")'
    with pytest.warns(casus.RecordWarning) as w:
        got = coder.code_batch(table_of(records), errors="skip")
    assert [str(x.message) for x in w] == [
        'casus: skipped row 1 (id "bad-date"): invalid date "yesterday" (expected YYYY-MM-DD or RFC 3339)',
        'casus: skipped row 2 (id "no-text"): missing "text"',
        'casus: skipped row 3: missing "id"',
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    assert casus.events_to_json(got) == cli_events(casus_bin, path)
    with pytest.raises(casus.RecordError, match="invalid date"):
        coder.code(ARTICLE, "13/02/2024")
    with pytest.raises(casus.RecordError, match="no column 'text'"):
        coder.code_batch(pa.table({"id": ["a"], "date": ["2024-02-12"], "body": ["x"]}))
    with pytest.raises(ValueError, match="errors="):
        coder.code_batch(table_of(records[:1]), errors="ignore")


def test_duplicate_ids_renamed_like_the_cli(coder, casus_bin, tmp_path):
    records = [{"id": "a", "date": "2024-02-12", "text": ARTICLE}] * 3
    path = tmp_path / "dup.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", casus.RecordWarning)
        got = casus.events_to_json(coder.code_batch(table_of(records)))
    assert [str(w.message) for w in caught] == [
        'casus: warning row 1 (id "a"): duplicate id "a", renamed to "a#2"',
        'casus: warning row 2 (id "a"): duplicate id "a", renamed to "a#3"',
    ]
    assert got == cli_events(casus_bin, path)
    assert {e["article_id"] for e in got} == {"a", "a#2", "a#3"}


def test_input_types_code_alike(coder):
    base = coder.code_batch(pa.table({
        "id": ["1", "2"], "date": ["2024-02-12", "2024-02-13"], "text": [ARTICLE, ARTICLE]}))
    variants = [
        pa.table({"id": pa.array([1, 2], pa.int64()),
                  "date": pa.array([dt.date(2024, 2, 12), dt.date(2024, 2, 13)], pa.date32()),
                  "text": pa.array([ARTICLE, ARTICLE], pa.large_string())}),
        pa.table({"id": ["1", "2"],
                  "date": pa.array([dt.datetime(2024, 2, 12, 8), dt.datetime(2024, 2, 13, 23)],
                                   pa.timestamp("us")),
                  "text": [ARTICLE, ARTICLE]}),
        pa.table({"id": ["1", "2"], "date": ["2024-02-12T08:30:00Z", "2024-02-13"],
                  "text": pa.array([ARTICLE, ARTICLE]).dictionary_encode()}),
        {"id": ["1", "2"], "date": ["2024-02-12", "2024-02-13"], "text": [ARTICLE, ARTICLE]},
    ]
    pd = pytest.importorskip("pandas")
    variants.append(pd.DataFrame({"id": [1, 2], "date": ["2024-02-12", "2024-02-13"],
                                  "text": [ARTICLE, ARTICLE]}))
    t = variants[0]
    variants.append(pa.RecordBatchReader.from_batches(t.schema, t.to_batches()))
    variants.append(t.to_batches()[0])
    for v in variants:
        assert coder.code_batch(v).equals(base), type(v)
    renamed = pa.table({"doc": ["1", "2"], "published": ["2024-02-12", "2024-02-13"],
                        "body": [ARTICLE, ARTICLE]})
    assert coder.code_batch(renamed, id_col="doc", date_col="published", text_col="body").equals(base)


def test_table_boundaries_do_not_matter(coder, examples_jsonl):
    records = read_jsonl(examples_jsonl) * 3  # duplicates renamed alike
    t = pa.Table.from_pylist(records)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", casus.RecordWarning)
        whole = coder.code_batch(t)
        small = coder.code_batch(pa.Table.from_batches(t.to_batches(max_chunksize=2)))
        run = coder.run()
        parts = [run.code(t.slice(i, 5)) for i in range(0, t.num_rows, 5)] + [run.finish()]
    assert small.equals(whole)
    assert pa.concat_tables(parts).drop_columns(["_row", "_seq"]).equals(whole)
    assert whole.num_rows > 0


def test_threads_share_one_coder(coder, examples_jsonl):
    t = pa.Table.from_pylist(read_jsonl(examples_jsonl))
    want = coder.code_batch(t, threads=1)
    results = [None] * 4

    def work(i):
        results[i] = coder.code_batch(t, threads=1)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert all(r.equals(want) for r in results)
    assert coder.code_batch(t, threads=2).equals(want)


def test_options(casus_bin, tmp_path):
    no_dates = casus.Coder(event_dates=False)
    events = no_dates.code(ARTICLE, "2024-02-12", "a1")
    assert events and {e["date_from"] for e in events} == {"published"}
    assert {e["date"] for e in events} == {"2024-02-12"}
    assert casus.Coder(tabari=True).options["tabari"] is True
    with pytest.raises(casus.DictionaryError, match="missing.verbs"):
        casus.Coder(verbs=[tmp_path / "missing.verbs"])
    c = pickle.loads(pickle.dumps(no_dates))
    assert c.code(ARTICLE, "2024-02-12", "a1") == events
    with pytest.raises(TypeError):
        casus.Coder(min_confidenc=0.5)  # keyword-only options, checked


def test_schema_and_stubs_agree():
    names = casus.event_schema().names
    assert names[-2:] == ["_row", "_seq"]
    stub = (Path(casus.__file__).parent / "_casus.pyi").read_text()
    for fn in ("event_schema", "evidence_tokens", "actors_compatible", "read_store", "version"):
        assert f"def {fn}(" in stub


@pytest.mark.parametrize(
    "mentions, want",
    [
        # same countries, root and day: one cluster, named by the first mention
        ([("190", "RUS", "a", "e1"), ("190", "RUS", "b", "e2")], ["e1", "e1"]),
        # another base code and another actor level of one country: joins
        ([("190", "RUSMIL", "a", "e1"), ("195", "RUS", "b", "e2")], ["e1", "e1"]),
        # one article telling two acts (two base codes): two events
        ([("190", "RUS", "a", "e1"), ("193", "RUS", "a", "e2")], ["e1", "e2"]),
        # an army and rebels of one country at home: two events
        ([("190", "SDNMIL", "a", "e1", "SDN"), ("190", "SDNREB", "b", "e2", "SDN")],
         ["e1", "e2"]),
        # armed roles of one country in an act across a border: outlets
        # name one force as its army or as rebels, so they join
        ([("190", "RUSMIL", "a", "e1"), ("190", "RUSREB", "b", "e2")], ["e1", "e1"]),
        # roles of one family (government, army) of one country join
        ([("190", "RUSMIL", "a", "e1"), ("190", "RUSGOV", "b", "e2"),
          ("190", "RUSGOV", "c", "e3")], ["e1", "e1", "e1"]),
    ],
)
def test_cluster_rule(mentions, want):
    """The store's rule (crates/casus-store/src/cluster.rs), row by row."""
    c = cluster.Clusters()

    def row(base, source, article, event_id, target="UKR"):
        r = {"date": "2024-02-12", "day": "2024-02-12", "date_from": "text",
             "source_code": source, "target_code": target, "root": "19", "base": base,
             "source_country": source[:3], "target_country": target,
             "evidence": "Russia attacked Ukraine", "event_id": event_id,
             "article_id": article}
        return r

    got = []
    for mention in mentions:
        r = row(*mention)
        got.append(c.assign(cluster.key_of(r), r))
    assert got == want


def test_symmetric_acts_share_a_cluster():
    """A meeting has no direction: coded Russia->China by one outlet and
    China->Russia by another (met, hosted), it is one cluster, keyed by
    the alphabetically first country; an expulsion keeps its direction."""
    c = cluster.Clusters()

    def row(source, target, base, event_id):
        return {"date": "2023-03-20", "day": "2023-03-20", "date_from": "text",
                "source_code": source, "target_code": target, "root": base[:2],
                "base": base, "source_country": source[:3], "target_country": target[:3],
                "evidence": "the two presidents met", "event_id": event_id,
                "article_id": event_id}

    assert "040" in cluster.SYMMETRIC_CODES and "161" not in cluster.SYMMETRIC_CODES
    met = [row("RUSGOV", "CHNGOV", "040", "a"), row("CHNGOV", "RUSGOV", "040", "b"),
           row("RUSGOV", "CHN", "043", "c")]
    assert {cluster.key_of(r) for r in met} == {("CHN", "04")}
    assert [c.assign(cluster.key_of(r), r) for r in met] == ["a", "a", "a"]
    expelled = [row("ESTGOV", "RUSGOV", "161", "d"), row("RUSGOV", "ESTGOV", "161", "e")]
    assert [cluster.key_of(r) for r in expelled] == [("EST", "16"), ("RUS", "16")]
    assert [c.assign(cluster.key_of(r), r) for r in expelled] == ["d", "e"]


def test_cluster_days():
    """Two days apart: another event; one day apart joins only when a
    date is soft (not stated in the report's own clause); ties go to the
    oldest cluster."""
    c = cluster.Clusters()

    def assign(event_id, date, date_from="text"):
        r = {"date": date, "day": date, "date_from": date_from, "source_code": "RUS",
             "target_code": "UKR", "root": "19", "base": "190", "source_country": "RUS",
             "target_country": "UKR", "evidence": "Russia attacked Ukraine",
             "event_id": event_id, "article_id": event_id}
        return c.assign(cluster.key_of(r), r)

    assert assign("a", "2024-02-12") == "a"
    assert assign("x", "2024-02-14") == "x"
    assert assign("t", "2024-02-13") == "t"  # one day apart, both stated
    assert assign("y", "2024-02-13", "published") == "t"  # same day wins
    assert assign("z", "2024-02-11", "anchor") == "a"
