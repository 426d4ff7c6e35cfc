"""Scale figures of docs/bench/python.md (run under `nice`; each run
prints one JSON line with its figures and the load average).

    python bench.py corpus  OUT.jsonl [--mb 1024]   # Reuters replicated, unique ids
    python bench.py python  IN.jsonl --casus target/release/casus [--threads 1] [--runs 3]
    python bench.py spark   IN.jsonl --cores 1 [--out /tmp/casus-spark-out] [--split-mb 64]

`python` compares the CPU seconds of `casus code --format jsonl -j N` with
those of `Coder.code_batch` (coder build and pyarrow's JSON reader
included) on the same file. `spark` runs `casus.spark` in local mode:
reading alone, coding alone (`count`), then coding + clusters + Parquet
by day, each with its wall and CPU seconds (the driver, the JVM and the
Python workers together: the machine is shared, so CPU is the figure).
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


_TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of process `root` and every live
    descendant, with their reaped children: the driver, Spark's JVM and
    its Python workers together."""
    parent, cpu = {}, {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields[0] is state (stat field 3): ppid is 4, utime..cstime 14-17.
        parent[int(d)] = int(fields[1])
        cpu[int(d)] = sum(int(x) for x in fields[11:15]) / _TICK
    total = 0.0
    for pid in cpu:
        p = pid
        while p not in (0, 1, root) and p in parent:
            p = parent[p]
        if p == root:
            total += cpu[pid]
    return total


def bench_python(path: Path, casus_bin: str, threads: int, runs: int) -> None:
    """CPU seconds: `casus code` (a child) against `code_batch` (this
    process), both reading the same JSON Lines; the best of `runs`."""
    import resource

    import pyarrow.json as pj

    import casus

    text_mb = sum(len(json.loads(l)["text"].encode()) for l in open(path, encoding="utf-8")) / 1e6
    best_cli, best_py = float("inf"), float("inf")
    coder_build = None
    for _ in range(runs):
        c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cli = subprocess.run([casus_bin, "code", "--format", "jsonl", "-q", "-j", str(threads), str(path)],
                             stdout=subprocess.PIPE, check=True)
        c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        best_cli = min(best_cli, (c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime))
        n_cli = cli.stdout.count(b"\n")
        t0 = time.process_time()
        coder = casus.Coder()
        t1 = time.process_time()
        table = pj.read_json(path)
        events = coder.code_batch(table, threads=threads)
        t2 = time.process_time()
        coder_build = t1 - t0
        best_py = min(best_py, t2 - t0)
    print(json.dumps({
        "what": "python-vs-cli", "file": str(path), "text_mb": round(text_mb, 1),
        "threads": threads, "runs": runs, "cli_cpu_s": round(best_cli, 2),
        "python_cpu_s": round(best_py, 2), "coder_build_cpu_s": round(coder_build, 2),
        "overhead_pct": round(100 * (best_py - best_cli) / best_cli, 1),
        "cli_text_mb_per_cpu_s": round(text_mb / best_cli, 2),
        "python_text_mb_per_cpu_s": round(text_mb / best_py, 2),
        "events_cli": n_cli, "events_python": events.num_rows, "load": load(),
    }), flush=True)


def bench_spark(path: Path, cores: int, out: str, partitions: int, no_write: bool,
                split_mb: int) -> None:
    """Spark local mode with `cores` cores: coding alone (`count`), then
    coding + clusters + Parquet by day; wall and whole-tree CPU seconds."""
    from pyspark.sql import SparkSession

    import casus.spark

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(f"local[{cores}]").appName("casus-bench")
             .config("spark.ui.enabled", "false")
             .config("spark.driver.memory", "4g")
             .config("spark.sql.shuffle.partitions", str(4 * cores))
             .config("spark.sql.files.maxPartitionBytes", str(split_mb << 20))
             # A shared machine under `nice` can starve the JVM for minutes:
             # the default 120 s heartbeat timeout then drops local mode's
             # only executor and the job dies.
             .config("spark.network.timeout", "1200s")
             .config("spark.executor.heartbeatInterval", "120s")
             .getOrCreate())
    me = os.getpid()
    df = spark.read.schema("id string, date string, title string, text string").json(str(path))
    if partitions:
        df = df.repartition(partitions)
    n_articles = df.count()
    text_mb = 0.0
    phases = {}
    steps = (
        ("read", lambda: df.selectExpr("sum(octet_length(text)) n").collect()[0]["n"]),
        ("code", lambda: casus.spark.code_events(df).count()),
        ("code_cluster_write", lambda: casus.spark.write_parquet(
            casus.spark.code_events(df), out, mode="overwrite")),
    )
    for name, action in steps[: 2 if no_write else 3]:
        c0, t0 = tree_cpu(me), time.perf_counter()
        result = action()
        phases[name] = {"wall_s": round(time.perf_counter() - t0, 1),
                        "cpu_s": round(tree_cpu(me) - c0, 1)}
        if name == "read":
            text_mb = result / 1e6
        if name == "code":
            n_events = result
    n_clusters = None if no_write else spark.read.parquet(f"{out}/clusters").count()
    code = phases["code"]
    print(json.dumps({
        "what": "spark-local", "cores": cores, "file_mb": round(path.stat().st_size / 1e6, 1),
        "text_mb": round(text_mb, 1), "articles": n_articles, "events": n_events,
        "clusters": n_clusters, "partitions": df.rdd.getNumPartitions(), "phases": phases,
        "code_text_mb_per_wall_s": round(text_mb / code["wall_s"], 2),
        "code_text_mb_per_cpu_s": round(text_mb / code["cpu_s"], 2),
        "code_cpu_us_per_article": round(1e6 * code["cpu_s"] / n_articles, 1),
        "load": load(),
    }), flush=True)
    spark.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("corpus"); c.add_argument("out", type=Path); c.add_argument("--mb", type=int, default=1024)
    p = sub.add_parser("python"); p.add_argument("path", type=Path); p.add_argument("--casus", required=True)
    p.add_argument("--threads", type=int, default=1); p.add_argument("--runs", type=int, default=3)
    s = sub.add_parser("spark"); s.add_argument("path", type=Path); s.add_argument("--cores", type=int, default=1)
    s.add_argument("--out", default="/tmp/casus-spark-out")
    s.add_argument("--partitions", type=int, default=0, help="repartition the input first (0: as read)")
    s.add_argument("--no-write", action="store_true", help="skip the clusters + Parquet phase")
    s.add_argument("--split-mb", type=int, default=64, help="spark.sql.files.maxPartitionBytes in MB")
    a = ap.parse_args()
    if a.cmd == "corpus":
        make_corpus(a.out, a.mb)
    elif a.cmd == "python":
        bench_python(a.path, a.casus, a.threads, a.runs)
    else:
        bench_spark(a.path, a.cores, a.out, a.partitions, a.no_write, a.split_mb)


if __name__ == "__main__":
    main()
