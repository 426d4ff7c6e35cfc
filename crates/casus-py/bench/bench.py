"""Scale figures of docs/bench/python.md (run under `nice`, say the load).

    python bench.py corpus  OUT.jsonl [--mb 1024]   # Reuters replicated, unique ids
    python bench.py python  IN.jsonl --casus target/release/casus [--threads 1]
    python bench.py spark   IN.jsonl --cores 1 [--out /tmp/casus-spark-out]

`python` times `Coder.code_batch` against `casus code --format jsonl -j N`
on the same file (both read and code it; Python reads it with pyarrow);
`spark` times `casus.spark.code_events` + `write_parquet` in local mode.
Every run prints one JSON line with its figures and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import corpus  # noqa: E402


def load() -> list:
    return [round(x, 2) for x in os.getloadavg()]


def make_corpus(out: Path, mb: int) -> None:
    base = list(corpus.reuters())
    size = sum(len(r["text"].encode()) for r in base)
    copies = -(-mb * 1_000_000 // size)
    with open(out, "w", encoding="utf-8") as f:
        for k in range(copies):
            for r in base:
                f.write(json.dumps(dict(r, id=f"{r['id']}-r{k}"), ensure_ascii=False) + "\n")
    print(json.dumps({"file": str(out), "articles": len(base) * copies,
                      "text_mb": round(size * copies / 1e6, 1), "bytes": out.stat().st_size}))


def bench_python(path: Path, casus_bin: str, threads: int) -> None:
    import pyarrow.json as pj

    import casus

    text_mb = path.stat().st_size / 1e6
    t0 = time.perf_counter()
    cli = subprocess.run([casus_bin, "code", "--format", "jsonl", "-q", "-j", str(threads), str(path)],
                         stdout=subprocess.PIPE, check=True)
    t_cli = time.perf_counter() - t0
    n_cli = cli.stdout.count(b"\n")
    t0 = time.perf_counter()
    coder = casus.Coder()
    t_build = time.perf_counter() - t0
    t0 = time.perf_counter()
    table = pj.read_json(path)
    events = coder.code_batch(table, threads=threads)
    t_py = time.perf_counter() - t0
    print(json.dumps({
        "what": "python-vs-cli", "file": str(path), "file_mb": round(text_mb, 1),
        "threads": threads, "cli_s": round(t_cli, 2), "python_s": round(t_py, 2),
        "coder_build_s": round(t_build, 2),
        "overhead_pct": round(100 * (t_py + t_build - t_cli) / t_cli, 1),
        "events_cli": n_cli, "events_python": events.num_rows, "load": load(),
    }))


def bench_spark(path: Path, cores: int, out: str) -> None:
    from pyspark.sql import SparkSession

    import casus.spark

    spark = (SparkSession.builder.master(f"local[{cores}]").appName("casus-bench")
             .config("spark.ui.enabled", "false")
             .config("spark.driver.memory", "6g")
             .config("spark.sql.shuffle.partitions", str(4 * cores))
             .getOrCreate())
    df = spark.read.json(str(path))
    n_articles = df.count()
    t0 = time.perf_counter()
    n_events = casus.spark.code_events(df).count()
    t_code = time.perf_counter() - t0
    t0 = time.perf_counter()
    ev, cl = casus.spark.write_parquet(casus.spark.code_events(df), out, mode="overwrite")
    t_all = time.perf_counter() - t0
    n_clusters = spark.read.parquet(f"{out}/clusters").count()
    print(json.dumps({
        "what": "spark-local", "cores": cores, "file_mb": round(path.stat().st_size / 1e6, 1),
        "articles": n_articles, "events": n_events, "clusters": n_clusters,
        "partitions": df.rdd.getNumPartitions(),
        "code_count_s": round(t_code, 1), "code_cluster_write_s": round(t_all, 1),
        "mb_per_s_per_core": round(path.stat().st_size / 1e6 / t_code / cores, 2),
        "load": load(),
    }))
    spark.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("corpus"); c.add_argument("out", type=Path); c.add_argument("--mb", type=int, default=1024)
    p = sub.add_parser("python"); p.add_argument("path", type=Path); p.add_argument("--casus", required=True)
    p.add_argument("--threads", type=int, default=1)
    s = sub.add_parser("spark"); s.add_argument("path", type=Path); s.add_argument("--cores", type=int, default=1)
    s.add_argument("--out", default="/tmp/casus-spark-out")
    a = ap.parse_args()
    if a.cmd == "corpus":
        make_corpus(a.out, a.mb)
    elif a.cmd == "python":
        bench_python(a.path, a.casus, a.threads)
    else:
        bench_spark(a.path, a.cores, a.out)


if __name__ == "__main__":
    main()
