#!/usr/bin/env python3
"""Draw and render the Wikinews judgement sample of docs/eval/wikinews.md.

60 events are drawn with a fixed seed (25) from `casus code` output on the
Wikinews corpus (../shared/data/corpora/wikinews, 309 articles 2004-2020).
Events are ordered by article id, sentence, trigger offset and event id
before the draw, so the sample does not depend on output order. The
sample is keyed by (article id, sentence, trigger span): after a change the
same keys are looked up in the new output and re-judged (an event that
disappears is right when it was spurious). Usage:

    casus code -q ../shared/data/corpora/wikinews > /tmp/wn.jsonl
    casus code -q --tree-roles ../shared/data/corpora/wikinews > /tmp/wn-tree.jsonl
    # what a judge reads: event, tree-roles counterpart, evidence, article
    python3 docs/eval/wikinews_sample.py draw /tmp/wn.jsonl --tree /tmp/wn-tree.jsonl \\
        --corpus ../shared/data/corpora/wikinews/wikinews-en.jsonl > /tmp/sample.txt
    # counts per cause from the judgements (docs/eval/wikinews-judgements.tsv)
    python3 docs/eval/wikinews_sample.py count

Nothing from the corpus is stored in the repository except the judged
event keys and the judge's short comments.
"""

import argparse
import collections
import csv
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
JUDGEMENTS = os.path.join(HERE, "wikinews-judgements.tsv")
SEED = 25
N = 60
RECALL_N = 10
RECALL_MAX_CHARS = 3000


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def key(ev):
    return (ev["article_id"], ev["sentence"], ev["span"][0], ev["span"][1])


def draw(events, seed=SEED):
    events = sorted(events, key=lambda e: key(e) + (e["event_id"],))
    pick = sorted(random.Random(seed).sample(range(len(events)), N))
    return [events[i] for i in pick]


def actor(a, text):
    if not a:
        return "-"
    s = a.get("span")
    # spans are UTF-8 byte offsets into the article text
    words = text.encode("utf-8")[s[0]:s[1]].decode("utf-8", "replace") if s and text else ""
    return "%s %r %s" % (a.get("code"), words, a.get("name") or "")


def show(ev, ev_text):
    # spans are offsets into the article text
    return "%s %s src=%s tgt=%s date=%s(%s) mod=%s neg=%s pat=%s conf=%s" % (
        ev["cameo"], ev_text.encode("utf-8")[ev["span"][0]:ev["span"][1]].decode("utf-8", "replace"),
        actor(ev.get("source"), ev_text), actor(ev.get("target"), ev_text),
        ev["date"], ev.get("date_from"), ev["modality"], ev["negated"],
        ev.get("pattern_id"), ev.get("confidence"))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd")
    d = sub.add_parser("draw")
    d.add_argument("events")
    d.add_argument("--tree")
    d.add_argument("--corpus")
    # session 25 judged seed 25; later sessions draw a fresh sample
    d.add_argument("--seed", type=int, default=SEED)
    # re-judging: look the drawn keys up in a later run's output
    d.add_argument("--after")
    r = sub.add_parser("recall")
    r.add_argument("events")
    r.add_argument("--corpus", required=True)
    c = sub.add_parser("count")
    c.add_argument("--judgements", default=JUDGEMENTS)
    args = ap.parse_args()
    if args.cmd == "draw":
        sample = draw(load(args.events), args.seed)
        after = collections.defaultdict(list)
        if args.after:
            for ev in load(args.after):
                after[key(ev)].append(ev)
        tree = collections.defaultdict(list)
        if args.tree:
            for ev in load(args.tree):
                tree[key(ev)].append(ev)
        arts = {}
        if args.corpus:
            arts = {a["id"]: a for a in load(args.corpus)}
        for i, ev in enumerate(sample, 1):
            a = arts.get(ev["article_id"], {})
            print("#%d %s|%d|%d|%d  (%s, %s)" % ((i,) + key(ev) + (a.get("title"), a.get("date"))))
            print("  EVID:", ev.get("evidence"))
            print("  WIN :", show(ev, a.get("text", "")))
            for t in tree.get(key(ev), []):
                print("  TREE:", show(t, a.get("text", "")))
            if args.after:
                got = after.get(key(ev), [])
                for t in got:
                    print("  AFTR:", show(t, a.get("text", "")))
                if not got:
                    print("  AFTR: (gone)")
            print()
    elif args.cmd == "recall":
        # 10 whole articles of at most 3,000 characters (a judge reads
        # them in full), seed 25, with every event casus codes in them.
        arts = [a for a in load(args.corpus) if len(a["text"]) <= RECALL_MAX_CHARS]
        arts.sort(key=lambda a: a["id"])
        pick = sorted(random.Random(SEED).sample(range(len(arts)), RECALL_N))
        evs = collections.defaultdict(list)
        for ev in load(args.events):
            evs[ev["article_id"]].append(ev)
        for i in pick:
            a = arts[i]
            print("=" * 70)
            print(a["id"], a["date"], a["title"])
            print(a["text"])
            print("-- casus events:")
            for ev in sorted(evs[a["id"]], key=lambda e: key(e)):
                print("  s%d" % ev["sentence"], show(ev, a["text"]))
    elif args.cmd == "count":
        with open(args.judgements, encoding="utf-8") as f:
            rows = [r for r in csv.DictReader((l for l in f if not l.startswith("#")), delimiter="\t")]
        for col in ("before", "after"):
            right = sum(1 for r in rows if r.get(col) == "y")
            print("%s: %d/%d fully right" % (col, right, len(rows)))
            c = collections.Counter(r.get(col + "_cause") for r in rows if r.get(col) == "n")
            for cause, n in c.most_common():
                print("  %-28s %d" % (cause, n))


if __name__ == "__main__":
    main()
