#!/usr/bin/env python3
"""Draw and render the Reuters-21578 judgement samples of docs/eval/.

Two samples, each of 100 events drawn with a fixed seed from a store of
all of Reuters-21578:

- `stored` (issue 15, `docs/eval/reuters-actors.md`): every stored event,
  seed 15; each actor is judged.
- `counted` (issue 16, `docs/eval/reuters-events.md`): the events the store
  counts by default (`counted = 1`: asserted and not negated, the same rows
  `casus events` lists without `--all`), seed 16; each event is judged
  fully right or not.

The events are ordered by article number, sentence, trigger offset and
event id before the draw (`random.Random(seed).sample`), so the sample does
not depend on the store's row ids. Usage:

    casus ingest -q -j 1 --db /tmp/reuters.db ../shared/data/corpora/reuters21578
    # what a judge reads: event, evidence, mentions, article
    python3 docs/eval/reuters_sample.py draw --casus target/release/casus \\
        --db /tmp/reuters.db --sample stored > /tmp/stored.txt
    # the tables, from the judgements in docs/eval/reuters-judgements.tsv
    python3 docs/eval/reuters_sample.py render --casus target/release/casus \\
        --db /tmp/reuters.db --sample stored > docs/eval/reuters-actors.md
    python3 docs/eval/reuters_sample.py render --casus target/release/casus \\
        --db /tmp/reuters.db --sample counted > docs/eval/reuters-events.md

Judgements (`reuters-judgements.tsv`, one row per judged event, keyed by
`event_id`; an event drawn into both samples is judged once) have the
columns `event_id src src_should src_cause tgt tgt_should tgt_cause code
code_should date mod relevant comment`: `src`, `tgt`, `code`, `date`,
`mod`, `relevant` are `y` or `n`; the `*_should` columns say what it
should be when wrong and `src_cause` / `tgt_cause` why the actor is wrong.
An event's first cause of error is derived from the fields (`CAUSES`
order). The criteria are written at the top of each rendered table.
"""

import argparse
import collections
import csv
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
JUDGEMENTS = os.path.join(HERE, "reuters-judgements.tsv")
# Seeds: the stored sample keeps seed 15; the counted sample was drawn with
# seed 16 until session 24 and with seed 2516 from session 25 on (a fresh
# sample judged on the session-25 build; its judgements are in
# reuters-judgements-counted.tsv); session 26 drew a fresh one, `counted26`
# (seed 2616, judged on main 1b183be; reuters-judgements-counted-s26.tsv);
# session 27 drew `counted27` (seed 2727, judged on main 5f31149;
# reuters-judgements-counted-s27.tsv); session 28 drew `counted28` (seed
# 2828, judged on main 09ced06; reuters-judgements-counted-s28.tsv); session
# 29 drew `counted29` (seed 2929, judged on main 3214989;
# reuters-judgements-counted-s29.tsv); session 30 drew `counted30` (seed
# 3030, judged on main 6a5ccea; reuters-judgements-counted-s30.tsv); session
# 31 drew `counted31` (seed 3131, judged on main 29e3e97;
# reuters-judgements-counted-s31.tsv); session 32 drew `counted32` (seed
# 3232, judged on main 1823570; reuters-judgements-counted-s32.tsv); session
# 33 drew `counted33` (seed 3333, judged on main 7e88ade;
# reuters-judgements-counted-s33.tsv); session 34 drew `counted34` (seed
# 3434, judged on main 574d8e3; reuters-judgements-counted-s34.tsv);
# session 35 drew `counted35` (seed 3535, judged on main e718fb6;
# reuters-judgements-counted-s35.tsv); session 36 drew `counted36` (seed
# 3636, judged on main 0553abc; reuters-judgements-counted-s36.tsv);
# session 37 drew `counted37` (seed 3737, judged on main 07d6e96;
# reuters-judgements-counted-s37.tsv); session 38 drew `counted38` (seed
# 3838, judged on main b31c41d; reuters-judgements-counted-s38.tsv) and,
# for actors, `counted38b` (seed 3839, reuters-judgements-counted-s38b.tsv);
# session 39 drew `counted39` (seed 3940, judged on main 87b1571;
# reuters-judgements-counted-s39.tsv) and, for actors, `counted39b` (seed
# 3941, reuters-judgements-counted-s39b.tsv); session 40 drew `counted40`
# (seed 4040, judged on main e1385f1; reuters-judgements-counted-s40.tsv)
# and, for actors, `counted40b` (seed 4041, judged on main e1385f1;
# reuters-judgements-counted-s40b.tsv); session 41 drew `counted41` (seed
# 4140, judged on main 9b0d4c8; reuters-judgements-counted-s41.tsv) and,
# for actors, `counted41b` (seed 4141, judged on main 9b0d4c8;
# reuters-judgements-counted-s41b.tsv).
SEEDS = {"stored": 15, "counted": 2516, "counted26": 2616, "counted27": 2727,
         "counted28": 2828, "counted29": 2929, "counted30": 3030,
         "counted31": 3131, "counted32": 3232, "counted33": 3333,
         "counted34": 3434, "counted35": 3535, "counted36": 3636,
         "counted37": 3737, "counted38": 3838, "counted38b": 3839,
         "counted39": 3940, "counted39b": 3941, "counted40": 4040,
         "counted40b": 4041, "counted41": 4140, "counted41b": 4141}
JUDGEMENT_FILES = {"stored": JUDGEMENTS,
                   "counted": os.path.join(HERE, "reuters-judgements-counted.tsv"),
                   "counted26": os.path.join(HERE, "reuters-judgements-counted-s26.tsv"),
                   "counted27": os.path.join(HERE, "reuters-judgements-counted-s27.tsv"),
                   "counted28": os.path.join(HERE, "reuters-judgements-counted-s28.tsv"),
                   "counted29": os.path.join(HERE, "reuters-judgements-counted-s29.tsv"),
                   "counted30": os.path.join(HERE, "reuters-judgements-counted-s30.tsv"),
                   "counted31": os.path.join(HERE, "reuters-judgements-counted-s31.tsv"),
                   "counted32": os.path.join(HERE, "reuters-judgements-counted-s32.tsv"),
                   "counted33": os.path.join(HERE, "reuters-judgements-counted-s33.tsv"),
                   "counted34": os.path.join(HERE, "reuters-judgements-counted-s34.tsv"),
                   "counted35": os.path.join(HERE, "reuters-judgements-counted-s35.tsv"),
                   "counted36": os.path.join(HERE, "reuters-judgements-counted-s36.tsv"),
                   "counted37": os.path.join(HERE, "reuters-judgements-counted-s37.tsv"),
                   "counted38": os.path.join(HERE, "reuters-judgements-counted-s38.tsv"),
                   "counted38b": os.path.join(HERE, "reuters-judgements-counted-s38b.tsv"),
                   "counted39": os.path.join(HERE, "reuters-judgements-counted-s39.tsv"),
                   "counted39b": os.path.join(HERE, "reuters-judgements-counted-s39b.tsv"),
                   "counted40": os.path.join(HERE, "reuters-judgements-counted-s40.tsv"),
                   "counted40b": os.path.join(HERE, "reuters-judgements-counted-s40b.tsv"),
                   "counted41": os.path.join(HERE, "reuters-judgements-counted-s41.tsv"),
                   "counted41b": os.path.join(HERE, "reuters-judgements-counted-s41b.tsv")}

QUERY = """
SELECT e.event_id, e.article_id, e.sentence, e.span_start, e.span_end,
       e.evidence, e.cameo, e.date, e.date_from, e.precision, e.modality,
       e.negated, e.counted, e.pattern_id, e.speaker,
       e.source_code, e.source_name, e.source_start, e.source_end,
       e.target_code, e.target_name, e.target_start, e.target_end,
       a.date AS published, a.title, a.text
FROM events e JOIN articles a ON a.id = e.article
{where}
ORDER BY CAST(e.article_id AS INTEGER), e.sentence, e.span_start, e.event_id
"""


def sql(casus, db, query):
    out = subprocess.run([casus, "sql", "--db", db, "--format", "jsonl", query],
                         check=True, stdout=subprocess.PIPE,
                         universal_newlines=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def draw(casus, db, sample, n):
    where = "WHERE e.counted = 1" if sample.startswith("counted") else ""
    rows = sql(casus, db, QUERY.format(where=where))
    pick = sorted(random.Random(SEEDS[sample]).sample(range(len(rows)), n))
    return len(rows), [rows[i] for i in pick]


def cameo_names(casus):
    out = subprocess.run([casus, "codes", "--format", "jsonl"], check=True,
                         stdout=subprocess.PIPE, universal_newlines=True).stdout
    names = {}
    for line in out.splitlines():
        c = json.loads(line)
        if c.get("kind") == "cameo":
            names[c["code"]] = c["name"]
    return names


def flat(s):
    return " ".join((s or "").split())


def mention(r, kind):
    code = r[kind + "_code"]
    if not code:
        return "-"
    s, e = r[kind + "_start"], r[kind + "_end"]
    words = flat(r["text"][s:e]) if s is not None else ""
    return f"{code} \"{words}\""


def modality(r):
    return r["modality"] + (" negated" if r["negated"] else "")


def show(rows, names, total, sample):
    print(f"# {sample}: {len(rows)} of {total} events, seed {SEEDS[sample]}\n")
    for n, r in enumerate(rows, 1):
        text = r["text"] or ""
        trig = flat(text[r["span_start"]:r["span_end"]])
        print(f"=== {n} {r['event_id']} article {r['article_id']} "
              f"({r['published']}) {flat(r['title'])}")
        print(f"code {r['cameo']} {names.get(r['cameo'], '?')}; trigger "
              f"\"{trig}\"; pattern {r['pattern_id']}")
        print(f"source {mention(r, 'source')} = {r['source_name']}; "
              f"target {mention(r, 'target')} = {r['target_name']}")
        print(f"date {r['date']} ({r['date_from']}, {r['precision']}); "
              f"{modality(r)}; speaker {r['speaker']}")
        print(f"evidence: {flat(r['evidence'])}")
        body = flat(text)
        if len(body) > 1400:
            at = body.find(flat(r["evidence"])[:60])
            head = body[:600]
            if at > 600:
                lo = max(600, at - 400)
                body = head + " [...] " + body[lo:at + 700] + " [...]"
            else:
                body = body[:1400] + " [...]"
        print(f"article: {body}\n")


# The first wrong field names an event's cause of error, in this order.
CAUSES = [("relevant", "irrelevant"), ("code", "wrong sense"),
          ("mod", "modality"), ("src", "source"), ("tgt", "target"),
          ("date", "date")]


def first_cause(j):
    return next((label for key, label in CAUSES if j[key] == "n"), "")


def load_judgements(path=JUDGEMENTS):
    with open(path, newline="") as f:
        rows = csv.DictReader((l for l in f if not l.startswith("#")),
                              delimiter="\t", quoting=csv.QUOTE_NONE)
        return {r["event_id"]: r for r in rows}


def pct(k, n):
    return f"{k}/{n} = **{100.0 * k / n:.0f}%**" if n else "-"


def cell(s):
    return flat(s).replace("|", "/")


def excerpt(r, limit=160):
    ev = flat(r["evidence"])
    return ev if len(ev) <= limit else ev[:limit - 3] + "..."


def verdict(j, key, should):
    if j[key] == "y":
        return "ok"
    return "**wrong**" + (f": {cell(j[should])}" if j.get(should) else "")


CRITERIA_ACTORS = """\
Criteria (the same judge and rules for both Reuters tables):

- **source right**: the coded source is the actor that performs the act
  the trigger describes in the evidence sentence (read with its article:
  pronouns and "the minister" are resolved by reading), with the right
  country, and the role, where one is coded, is not wrong (USAGOV for "the
  U.S. Treasury" is right, USA is right too; USAMIL for a trade official
  is wrong). A company, market, place or commodity coded as a country or
  government is wrong; a country coded for a company of that country is
  wrong (it is a business, not the state). An empty source is right only
  when the text names no doer.
- **target right**: the same for the recipient of the act; an empty target
  is right when the act has no recipient actor in the text, wrong when the
  text names one (the comment says which).
- The code is judged, not the words it was found through: PER for
  aid to Peru found through "Lima" is right; a wrong country or role found
  through the right words is wrong. For an act among a listed group ("the
  six states agreed"), any two members are right.
- The actors are judged on what the text says even when the event itself
  is not political (a trade figure between two countries can have the
  right two countries; for a misread trigger, the participants of what the
  words describe); relevance and code are judged separately
  (`reuters-events.md` has them for the counted sample).
- Judged by reading the evidence sentence and the article (id -> article
  text in the store), one judge, in one pass, 2026-12-05.
"""

CRITERIA_EVENTS = """\
Criteria (the same judge and rules for both Reuters tables):

- **relevant**: the sentence reports a political, diplomatic, military,
  legal or government-economic act with a political actor on at least one
  side (governments, officials, legislators, courts and police, parties,
  militaries, rebels, IGOs, named political persons; and, as CAMEO codes
  them, workers and unions in labour disputes and industry bodies appealing
  to a government). Company results, deals and lawsuits between firms,
  market moves, prices, crop reports, weather, accidents, opinion polls
  and analysts' opinions are not relevant: any event coded from them is
  wrong (cause `irrelevant`). A domestic budget or regulatory step with no
  second actor is not relevant either.
- **code right**: the CAMEO code (at the 3-digit base) is the one a careful
  CAMEO coder would give the act the trigger describes, or a less specific
  code of the same branch (030 for 036); a wrong sense of the trigger word
  ("said" as accuse, "strike" of workers as fighting) is wrong (cause
  `wrong sense`).
- **source / target right**: as in `reuters-actors.md` (the actor that does
  / receives the act, right country, role not wrong; empty only when the
  text names none).
- **date right**: the resolved date is the day (or month/year, at the
  coded precision) the text gives for the act, planned acts included ("talks
  on October 27"); with no time expression for the act (or only a vague
  one, "in the summer"), the article date is right. A date taken from
  another clause's time expression ("the week ended March 14", "last
  year's deficit") is wrong.
- **modality right**: asserted vs intended / requested / possible /
  conditional / counterfactual and negation as the text puts the act (a
  reported fact is asserted; a plan, offer, demand, forecast or condition
  is not).
- **fully right**: relevant and all five right. The first cause is listed
  in this order: irrelevant, wrong sense (code), modality, source, target,
  date (one event can have more errors: the counts below count every wrong
  field too).
- Judged by reading the evidence sentence and the article (id -> article
  text in the store), one judge, in one pass, 2026-12-05.
"""


def render(casus, db, sample, n):
    total, rows = draw(casus, db, sample, n)
    js = load_judgements(JUDGEMENT_FILES[sample])
    missing = [r["event_id"] for r in rows if r["event_id"] not in js]
    if missing:
        sys.exit(f"not judged yet: {' '.join(missing)}")
    judged = [(r, js[r["event_id"]]) for r in rows]
    cmd = (f"python3 docs/eval/reuters_sample.py render --casus "
           f"target/release/casus --db /tmp/reuters.db --sample {sample}")
    if sample == "stored":
        print("# Reuters-21578: actors of 100 random stored events (issue 15)\n")
        print(f"{n} of the {total} events stored by `casus ingest -q -j 1 --db "
              f"/tmp/reuters.db ../shared/data/corpora/reuters21578`, drawn "
              f"with seed {SEEDS[sample]} (`{cmd}`; the judgements are in "
              f"`docs/eval/reuters-judgements.tsv`).\n")
        print(CRITERIA_ACTORS)
        s = sum(j["src"] == "y" for _, j in judged)
        t = sum(j["tgt"] == "y" for _, j in judged)
        b = sum(j["src"] == "y" and j["tgt"] == "y" for _, j in judged)
        print("## Summary\n")
        print(f"- source right: {pct(s, n)}")
        print(f"- target right: {pct(t, n)}")
        print(f"- both right: {pct(b, n)} (target: >= 85%)")
        rel = [j for _, j in judged if j["relevant"] == "y"]
        print(f"- on the {len(rel)} events that report a political act "
              f"(relevance as in `reuters-events.md`): source right "
              f"{sum(j['src'] == 'y' for j in rel)}, target right "
              f"{sum(j['tgt'] == 'y' for j in rel)}, both right "
              f"{sum(j['src'] == 'y' and j['tgt'] == 'y' for j in rel)}")
        src_err = collections.Counter(j["src_cause"] for _, j in judged
                                      if j["src"] == "n")
        tgt_err = collections.Counter(j["tgt_cause"] for _, j in judged
                                      if j["tgt"] == "n")
        print("\nWrong sources by cause: " + "; ".join(
            f"{k} {v}" for k, v in src_err.most_common()))
        print("\nWrong targets by cause: " + "; ".join(
            f"{k} {v}" for k, v in tgt_err.most_common()) + "\n")
        print("## Events\n")
        print("| # | event (article) | evidence | source | target | "
              "source judged | target judged | comment |")
        print("|---|---|---|---|---|---|---|---|")
        for k, (r, j) in enumerate(judged, 1):
            print(f"| {k} | {r['event_id']} ({r['article_id']}) "
                  f"| {cell(excerpt(r))} | {cell(mention(r, 'source'))} "
                  f"| {cell(mention(r, 'target'))} "
                  f"| {verdict(j, 'src', 'src_should')} "
                  f"| {verdict(j, 'tgt', 'tgt_should')} | {cell(j['comment'])} |")
    else:
        print("# Reuters-21578: 100 random counted events, judged whole (issue 16)\n")
        print(f"{n} of the {total} counted events (asserted, not negated, confidence >= 0.3: what "
              f"`casus events` lists without `--all`) of the store built by "
              f"`casus ingest -q -j 1 --db /tmp/reuters.db "
              f"../shared/data/corpora/reuters21578`, drawn with seed "
              f"{SEEDS[sample]} (`{cmd}`; the judgements are in "
              f"`docs/eval/{os.path.basename(JUDGEMENT_FILES[sample])}`).\n")
        print(CRITERIA_EVENTS)
        keys = ["relevant", "code", "src", "tgt", "date", "mod"]
        ok = sum(all(j[k] == "y" for k in keys) for _, j in judged)
        print("## Summary\n")
        print(f"- fully right: {pct(ok, n)} (target: >= 80%)")
        for k, label in [("relevant", "relevant political event"),
                         ("code", "code right"), ("src", "source right"),
                         ("tgt", "target right"), ("date", "date right"),
                         ("mod", "modality right")]:
            print(f"- {label}: {sum(j[k] == 'y' for _, j in judged)}/{n}")
        first = collections.Counter(first_cause(j) for _, j in judged
                                    if first_cause(j))
        print("\nWrong events by first cause:\n")
        print("| cause | events |")
        print("|---|---|")
        for c, v in first.most_common():
            print(f"| {c} | {v} |")
        print("\nAmong the relevant events, every wrong field: " + "; ".join(
            f"{label} {sum(j[k] == 'n' for _, j in judged if j['relevant'] == 'y')}"
            for k, label in [("code", "code"), ("src", "source"),
                             ("tgt", "target"), ("date", "date"),
                             ("mod", "modality")]) + "\n")
        print("## Events\n")
        print("| # | event (article) | evidence | code | source | target | "
              "date | modality | judged | comment |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for k, (r, j) in enumerate(judged, 1):
            bad = [lab for key, lab in [("relevant", "irrelevant"),
                                        ("code", "code"), ("src", "source"),
                                        ("tgt", "target"), ("date", "date"),
                                        ("mod", "modality")] if j[key] == "n"]
            v = "**right**" if not bad else "wrong: " + ", ".join(bad)
            should = "; ".join(
                f"{lab} -> {cell(j[c])}" for c, lab in
                [("code_should", "code"), ("src_should", "source"),
                 ("tgt_should", "target")] if j.get(c))
            comment = cell(j["comment"]) + (f" ({should})" if should else "")
            print(f"| {k} | {r['event_id']} ({r['article_id']}) "
                  f"| {cell(excerpt(r))} | {r['cameo']} "
                  f"| {cell(mention(r, 'source'))} | {cell(mention(r, 'target'))} "
                  f"| {r['date']} ({r['date_from']}) | {modality(r)} | {v} "
                  f"| {comment} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=["draw", "render"])
    ap.add_argument("--casus", default="target/release/casus")
    ap.add_argument("--db", required=True)
    ap.add_argument("--sample", choices=sorted(SEEDS), required=True)
    ap.add_argument("--n", type=int, default=100)
    a = ap.parse_args()
    if a.action == "draw":
        total, rows = draw(a.casus, a.db, a.sample, a.n)
        show(rows, cameo_names(a.casus), total, a.sample)
    else:
        render(a.casus, a.db, a.sample, a.n)


if __name__ == "__main__":
    main()
