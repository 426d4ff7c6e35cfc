"""Code a file of articles on Spark; write events and clusters as Parquet
partitioned by day.

    spark-submit --master 'local[2]' examples/spark/code_articles.py \
        testdata/spark/articles.jsonl out/

INPUT is anything `spark.read` reads as a table with `id`, `date` and
`text` columns (JSON Lines here; `--format parquet` for Parquet). OUT gets
`events/day=YYYY-MM-DD/` and `clusters/day=YYYY-MM-DD/`. See README.md
beside this file for shipping casus to the executors of a real cluster.
"""

import argparse

from pyspark.sql import SparkSession

import casus.spark


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("out")
    ap.add_argument("--format", default="json", help="spark.read format (json, parquet, csv)")
    ap.add_argument("--no-run-memory", action="store_true")
    args = ap.parse_args()

    spark = SparkSession.builder.appName("casus").getOrCreate()
    articles = spark.read.format(args.format).load(args.input)
    # The three lines: articles -> events -> Parquet by day (+ clusters).
    events = casus.spark.code_events(articles, run_memory=not args.no_run_memory)
    events, clusters = casus.spark.write_parquet(events, args.out, mode="overwrite")
    print(f"casus: {spark.read.parquet(args.out + '/events').count()} events, "
          f"{spark.read.parquet(args.out + '/clusters').count()} clusters -> {args.out}")
    spark.stop()


if __name__ == "__main__":
    main()
