#!/usr/bin/env python3
"""Draw the Reuters actor sample of docs/eval/actors-reuters.md.

    casus ingest -q --db /tmp/reuters.db ../shared/data/corpora/reuters21578
    python3 docs/eval/actors-reuters-sample.py --casus target/release/casus \
        --db /tmp/reuters.db --out /tmp/sample

Draws 100 stored events with a fixed seed (random.Random(15), over the
events ordered by article, sentence and span), and writes
`sample.md` (the table skeleton: id, evidence excerpt, source/target as
coded, with empty judgement columns) and `context.txt` (for each event
the evidence sentence, the mentions' texts and the article's first 1,500
characters), for a person to judge each actor by reading the article.
"""

import argparse
import json
import os
import random
import subprocess

QUERY = """
SELECT e.event_id, e.article_id, e.sentence, e.span_start, e.span_end,
       e.evidence, e.cameo, e.source_code, e.source_name, e.source_start,
       e.source_end, e.target_code, e.target_name, e.target_start,
       e.target_end, a.text
FROM events e JOIN articles a ON a.id = e.article
ORDER BY CAST(e.article_id AS INTEGER), e.sentence, e.span_start, e.id
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--casus", default="target/release/casus")
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=15)
    a = ap.parse_args()
    out = subprocess.run([a.casus, "sql", "--db", a.db, "--format", "jsonl",
                          QUERY], check=True, stdout=subprocess.PIPE,
                         universal_newlines=True).stdout
    rows = [json.loads(l) for l in out.splitlines() if l.strip()]
    pick = sorted(random.Random(a.seed).sample(range(len(rows)), a.n))
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "sample.md"), "w") as md, \
            open(os.path.join(a.out, "context.txt"), "w") as cx:
        md.write("| # | event | evidence | source | target | src | tgt | why |\n")
        md.write("|---|---|---|---|---|---|---|---|\n")
        for n, i in enumerate(pick, 1):
            r = rows[i]
            text = r["text"] or ""

            def mention(kind):
                code = r[kind + "_code"]
                if not code:
                    return "-"
                s, e = r[kind + "_start"], r[kind + "_end"]
                words = text[s:e] if s is not None else ""
                return f"{code} \"{words}\""
            ev = " ".join(r["evidence"].split())
            trig = text[r["span_start"]:r["span_end"]]
            excerpt = ev if len(ev) <= 100 else ev[:97] + "..."
            md.write(f"| {n} | {r['event_id'][:8]} | {excerpt.replace('|', '/')} "
                     f"| {mention('source')} | {mention('target')} |  |  |  |\n")
            cx.write(f"=== {n} {r['event_id']} article {r['article_id']} "
                     f"cameo {r['cameo']} trigger \"{trig}\"\n")
            cx.write(f"source: {mention('source')} {r['source_name'] or ''}\n")
            cx.write(f"target: {mention('target')} {r['target_name'] or ''}\n")
            cx.write(f"evidence: {ev}\n")
            cx.write("article: " + " ".join(text[:1500].split()) + "\n\n")
    print(f"{len(rows)} events, {a.n} drawn into {a.out}")


if __name__ == "__main__":
    main()
