"""The store's cluster rule, for tables coded outside a store.

``casus ingest`` merges the reports of one event into a cluster as it
writes them; ``casus.spark`` (and anyone holding an events table) must
merge them the same way. This module is that rule, in one place:

>>> from casus.cluster import Clusters
>>> c = Clusters()
>>> key = ("2024-02-11", "RUS", "UKR", "19", "2024-02-11", "RUS", "UKR")
>>> a = c.assign(key, "190", "Russia attacked Ukraine.", "e1")
>>> b = c.assign(key, "190", "Russian forces attacked Ukraine.", "e2")
>>> a == b == "e1"
True

A cluster is named by the ``event_id`` of its first mention (the store
numbers them 1, 2, ... in the order it creates them, which is the order
of their first mentions).
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from . import _casus

#: The columns of an events table that must agree for two mentions to
#: share a cluster: event date as coded, source and target actor codes,
#: CAMEO root, the day the date stands for, and the actors' countries
#: (missing values count as "").
KEY_COLUMNS = (
    "date",
    "source_code",
    "target_code",
    "root",
    "day",
    "source_country",
    "target_country",
)

#: Minimum Jaccard overlap of evidence tokens for two mentions with the
#: same root but different base codes (the store's constant).
MERGE_THRESHOLD: float = _casus.MERGE_THRESHOLD


def tokens(text: str) -> frozenset:
    """The store's evidence tokens (``casus_store::tokens``, in Rust)."""
    return frozenset(_casus.evidence_tokens(text))


def jaccard(a: frozenset, b: frozenset) -> float:
    """|a & b| / |a | b|, 0 when both are empty (``casus_store::jaccard``)."""
    inter = len(a & b)
    union = len(a) + len(b) - inter
    return 0.0 if union == 0 else inter / union


# ---------------------------------------------------------------------------
# THE CLUSTER RULE. Mirrors `find_cluster` in
# crates/casus-store/src/ingest.rs, with the rule documented in
# crates/casus-store/src/cluster.rs and ARCHITECTURE.md. Keep the two in
# step: tests/test_spark.py compares these clusters with the clusters of a
# store written by `casus ingest`, so a change to the Rust rule that is not
# made here fails that test.
#
# Mentions are taken in the order the store ingests them (articles in
# input order, each article's events in order). A mention joins, among the
# clusters created earlier with the same KEY_COLUMNS:
#   1. the first one (in creation order) with the same 3-digit base code;
#   2. else the one whose first mention's evidence tokens overlap its own
#      the most, if that Jaccard overlap is >= MERGE_THRESHOLD (ties: the
#      earliest);
#   3. else it starts a new cluster, keeping its base and tokens.
# ---------------------------------------------------------------------------
class Clusters:
    """Assigns mentions to clusters in ingest order (the store's rule)."""

    def __init__(self) -> None:
        # key -> [(cluster name, base, tokens of its first mention)], in
        # creation order.
        self._groups: Dict[Tuple, List[Tuple[str, str, frozenset]]] = {}

    def assign(
        self, key: Sequence, base: str, evidence: str, event_id: str
    ) -> str:
        """The cluster the next mention joins (created when none fits)."""
        key = tuple("" if k is None else str(k) for k in key)
        group = self._groups.setdefault(key, [])
        for name, b, _ in group:
            if b == base:
                return name
        toks = tokens(evidence)
        best: Optional[Tuple[float, str]] = None
        for name, _, ctoks in group:
            j = jaccard(toks, ctoks)
            if j >= MERGE_THRESHOLD and (best is None or j > best[0]):
                best = (j, name)
        if best is not None:
            return best[1]
        group.append((event_id, base, toks))
        return event_id

    def forget(self, key: Sequence) -> None:
        """Drops a key's clusters (a caller walking mentions sorted by key
        calls this when the key changes, to keep memory flat)."""
        self._groups.pop(tuple("" if k is None else str(k) for k in key), None)


def key_of(row: dict) -> tuple:
    """A mention's cluster key from an events row (``KEY_COLUMNS``)."""
    out = []
    for c in KEY_COLUMNS:
        v = row.get(c)
        out.append("" if v is None else (v.isoformat() if hasattr(v, "isoformat") else str(v)))
    return tuple(out)


def assign_table(events) -> list:
    """Cluster names for the rows of an events table (pyarrow Table or
    RecordBatch) whose rows are in ingest order; one name per row."""
    c = Clusters()
    names = []
    for r in events.to_pylist():
        names.append(c.assign(key_of(r), r["base"], r["evidence"], r["event_id"]))
    return names
