"""The store's cluster rule, for tables coded outside a store.

``casus ingest`` merges the reports of one event into a cluster as it
writes them; ``casus.spark`` (and anyone holding an events table) must
merge them the same way. This module calls that rule, written once in
Rust (``casus_store::cluster``), through the native module:

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
from typing import Optional, Sequence

from . import _casus

#: The columns a mention's cluster key is made of (the source's country
#: and the CAMEO root, missing values counting as ""), with
#: ``target_country`` and ``base`` read by ``key_of`` too: for an act with
#: no direction (``SYMMETRIC_CODES``: a meeting, a call, talks, a signed
#: agreement) naming both countries, the key's country is the
#: alphabetically first of the two, so "Xi met Putin" and "Putin hosted
#: Xi" share a key. Within a key the rule decides, the target's country
#: included (a report that leaves the target open may join one that
#: names it: ARCHITECTURE.md, "Event clusters").
KEY_COLUMNS = ("source_country", "root")

#: CAMEO base codes of acts with no direction (dicts/symmetric_codes.txt,
#: read by the Rust rule).
SYMMETRIC_CODES = tuple(_casus.symmetric_codes())

#: Kept for callers of the previous rule (the store's constant); evidence
#: overlap now only ranks clusters that fit equally well.
MERGE_THRESHOLD: float = _casus.MERGE_THRESHOLD


def tokens(text: str) -> frozenset:
    """The store's evidence tokens (``casus_store::tokens``, in Rust)."""
    return frozenset(_casus.evidence_tokens(text or ""))


def actors_compatible(a: str, b: str) -> bool:
    """Whether two actor codes of one country can name one actor
    (``casus_store::cluster::actors_compatible``, in Rust)."""
    return _casus.actors_compatible(a or "", b or "")


def _day(v) -> Optional[str]:
    """``YYYY-MM-DD`` of a day column value (string, date or datetime)."""
    if v is None or v == "":
        return None
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.strftime("%Y-%m-%d")
    return str(v)[:10]


def _key(key: Sequence) -> list:
    return ["" if k is None else str(k) for k in key]


class Clusters:
    """Assigns mentions to clusters in ingest order: the store's rule
    (``casus_store::cluster::Clusters``; ARCHITECTURE.md, "Event
    clusters")."""

    def __init__(self) -> None:
        self._rule = _casus.Clusters()

    def assign(self, key: Sequence, row: dict) -> str:
        """The cluster the next mention (an events row: ``date``, ``day``,
        ``date_from``, ``source_code``, ``target_code``, ``root``,
        ``base``, ``evidence``, ``event_id``, ``article_id``,
        ``target_country``, and ``target_name`` when known) joins,
        created when none fits."""

        def s(col: str, default: str = "") -> str:
            v = row.get(col)
            return default if v is None or v == "" else str(v)

        return self._rule.assign(
            _key(key),
            date=s("date"),
            day=_day(row.get("day")),
            date_from=s("date_from", "text"),
            source_code=s("source_code"),
            target_code=s("target_code"),
            root=s("root"),
            base=s("base"),
            evidence=s("evidence"),
            article=s("article_id"),
            name=s("event_id"),
            target_name=s("target_name"),
            target_country=s("target_country"),
            source_country=s("source_country"),
        )

    def forget(self, key: Sequence) -> None:
        """Drops a key's clusters (a caller walking mentions sorted by key
        calls this when the key changes, to keep memory flat)."""
        self._rule.forget(_key(key))


def _str(row: dict, col: str) -> str:
    v = row.get(col)
    return "" if v is None else str(v)


def key_of(row: dict) -> tuple:
    """A mention's cluster key from an events row: (key country, root),
    the key country being the source's, or for a symmetric act naming
    both countries the alphabetically first (``casus_store::cluster::
    key_country``, in Rust)."""
    country = _casus.cluster_country(
        _str(row, "base"), _str(row, "source_country"), _str(row, "target_country")
    )
    return (country, _str(row, "root"))


def assign_table(events) -> list:
    """Cluster names for the rows of an events table (pyarrow Table or
    RecordBatch) whose rows are in ingest order; one name per row."""
    c = Clusters()
    return [c.assign(key_of(r), r) for r in events.to_pylist()]
