"""The store's cluster rule, for tables coded outside a store.

``casus ingest`` merges the reports of one event into a cluster as it
writes them; ``casus.spark`` (and anyone holding an events table) must
merge them the same way. This module is that rule, in one place:

>>> from casus.cluster import Clusters, key_of
>>> c = Clusters()
>>> row = {"date": "2024-02-11", "day": "2024-02-11", "date_from": "text",
...        "source_code": "RUSMIL", "target_code": "UKR", "root": "19",
...        "base": "190", "source_country": "RUS", "target_country": "UKR",
...        "evidence": "Russian forces attacked Ukraine.", "event_id": "e1",
...        "article_id": "a"}
>>> first = c.assign(key_of(row), row)
>>> second = dict(row, source_code="RUS", base="195", event_id="e2", article_id="b")
>>> first == c.assign(key_of(second), second) == "e1"
True

A cluster is named by the ``event_id`` of its first mention (the store
numbers them 1, 2, ... in the order it creates them, which is the order
of their first mentions).
"""

from __future__ import annotations

import datetime as _dt
from typing import Dict, List, Optional, Sequence, Tuple

from . import _casus

#: The columns that must be equal for two mentions to share a cluster
#: (actor countries and CAMEO root, missing values counting as ""): the
#: Spark step partitions by them. Within a key the rule below decides.
KEY_COLUMNS = ("source_country", "target_country", "root")

#: Kept for callers of the previous rule (the store's constant); evidence
#: overlap now only ranks clusters that fit equally well.
MERGE_THRESHOLD: float = _casus.MERGE_THRESHOLD

#: Role families within one country (``casus_store::cluster``): two roles
#: of one family may name one actor; roles of different families never do.
ROLE_FAMILIES = (
    frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "ELI"}),
    frozenset({"REB", "INS", "SEP", "UAF"}),
)

#: First groups that stand for a body rather than a country.
BODIES = frozenset({"IGO", "NGO", "NGM", "IMG", "MNC", "UIS"})


def tokens(text: str) -> frozenset:
    """The store's evidence tokens (``casus_store::tokens``, in Rust)."""
    return frozenset(_casus.evidence_tokens(text or ""))


def jaccard(a: frozenset, b: frozenset) -> float:
    """|a & b| / |a | b|, 0 when both are empty (``casus_store::jaccard``)."""
    inter = len(a & b)
    union = len(a) + len(b) - inter
    return 0.0 if union == 0 else inter / union


def actors_compatible(a: str, b: str) -> bool:
    """Whether two actor codes of one country can name one actor
    (``casus_store::cluster::actors_compatible``)."""
    if a == b:
        return True
    if not a or not b or a[:3] != b[:3]:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) % 3 == 0 and long.startswith(short):
        return True
    if a[:3] in BODIES:
        return False
    ra, rb = a[3:6], b[3:6]
    if len(ra) < 3 or len(rb) < 3:
        return False
    return any(ra in f and rb in f for f in ROLE_FAMILIES)


def _day(v) -> Optional[_dt.date]:
    if v is None or v == "":
        return None
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    try:
        return _dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def _day_precise(date: str, day: Optional[_dt.date]) -> bool:
    return (
        day is not None
        and len(date) >= 10
        and date[4] == "-"
        and date[7] == "-"
        and (len(date) == 10 or date[10] == "T")
    )


def days_compatible(a: tuple, b: tuple) -> Optional[bool]:
    """``(date, day, date_from)`` of two reports: True the same day, False
    one day apart with a soft date, None when they cannot be one event
    (``casus_store::cluster::days_compatible``)."""
    (da, ya, fa), (db, yb, fb) = a, b
    if not (_day_precise(da, ya) and _day_precise(db, yb)):
        return True if (da == db and ya == yb) else None
    gap = abs((ya - yb).days)
    if gap == 0:
        return True
    if gap == 1 and (fa != "text" or fb != "text"):
        return False
    return None


# ---------------------------------------------------------------------------
# THE CLUSTER RULE. Mirrors `find_cluster`/`candidates` in
# crates/casus-store/src/ingest.rs and `Report::fits` in
# crates/casus-store/src/cluster.rs (rule documented there and in
# ARCHITECTURE.md, "Event clusters"). Keep the two in step:
# tests/test_spark.py compares these clusters with the clusters of a store
# written by `casus ingest`, so a change to the Rust rule that is not made
# here fails that test.
#
# Mentions are taken in the order the store ingests them. A mention's
# candidates are the clusters created earlier with the same KEY_COLUMNS
# whose day is within one of its own and that hold no mention of the same
# article with another base code. A candidate fits when the actor codes
# are compatible on both sides and the days are (days_compatible); the
# best fit wins (same day, identical codes, same base, evidence overlap;
# ties: the oldest cluster); with none, the mention starts a cluster.
# ---------------------------------------------------------------------------
class _Cluster:
    __slots__ = ("name", "date", "day", "date_from", "source", "target", "base", "tokens", "bases")

    def __init__(self, name, date, day, date_from, source, target, base, toks):
        self.name, self.date, self.day, self.date_from = name, date, day, date_from
        self.source, self.target, self.base, self.tokens = source, target, base, toks
        # article -> base codes of its mentions here
        self.bases: Dict[str, set] = {}


class Clusters:
    """Assigns mentions to clusters in ingest order (the store's rule)."""

    def __init__(self) -> None:
        self._groups: Dict[Tuple, List[_Cluster]] = {}

    def assign(self, key: Sequence, row: dict) -> str:
        """The cluster the next mention (an events row: ``date``, ``day``,
        ``date_from``, ``source_code``, ``target_code``, ``base``,
        ``evidence``, ``event_id``, ``article_id``) joins, created when
        none fits."""
        key = tuple("" if k is None else str(k) for k in key)
        group = self._groups.setdefault(key, [])
        date = row.get("date") or ""
        day = _day(row.get("day"))
        date_from = row.get("date_from") or "text"
        src, tgt = row.get("source_code") or "", row.get("target_code") or ""
        base, article = row.get("base") or "", row.get("article_id") or ""
        toks = tokens(row.get("evidence") or "")
        best = None
        if day is not None:
            for c in group:
                if c.day is None or abs((c.day - day).days) > 1:
                    continue
                if any(b != base for b in c.bases.get(article, ())):
                    continue
                same_day = days_compatible((date, day, date_from), (c.date, c.day, c.date_from))
                if same_day is None:
                    continue
                if not (actors_compatible(src, c.source) and actors_compatible(tgt, c.target)):
                    continue
                fit = (same_day, src == c.source and tgt == c.target, base == c.base,
                       jaccard(toks, c.tokens))
                if best is None or fit > best[0]:
                    best = (fit, c)
        if best is None:
            c = _Cluster(row.get("event_id"), date, day, date_from, src, tgt, base, toks)
            group.append(c)
        else:
            c = best[1]
        c.bases.setdefault(article, set()).add(base)
        return c.name

    def forget(self, key: Sequence) -> None:
        """Drops a key's clusters (a caller walking mentions sorted by key
        calls this when the key changes, to keep memory flat)."""
        self._groups.pop(tuple("" if k is None else str(k) for k in key), None)


def key_of(row: dict) -> tuple:
    """A mention's cluster key from an events row (``KEY_COLUMNS``)."""
    return tuple("" if row.get(c) is None else str(row.get(c)) for c in KEY_COLUMNS)


def assign_table(events) -> list:
    """Cluster names for the rows of an events table (pyarrow Table or
    RecordBatch) whose rows are in ingest order; one name per row."""
    c = Clusters()
    return [c.assign(key_of(r), r) for r in events.to_pylist()]
