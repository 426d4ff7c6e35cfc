"""Type stubs of the native module ``casus._casus`` (Rust, PyO3).

The public API is ``casus`` (``__init__.py``); these are its building
blocks.
"""

from os import PathLike
from typing import List, Optional, Sequence, Tuple, Union

import pyarrow as pa

_Path = Union[str, PathLike[str]]
#: ``(location, reason, skipped)``: ``skipped`` is False for warnings.
Problem = Tuple[str, str, bool]

MERGE_THRESHOLD: float

class CasusError(Exception):
    """Any casus error."""

class RecordError(CasusError):
    """A record that cannot be coded; the message names it."""

    location: str
    reason: str

class DictionaryError(CasusError):
    """A dictionary that cannot be read (file and lines named)."""

class StoreError(CasusError):
    """A store that cannot be read."""

class Coder:
    def __init__(
        self,
        *,
        builtin: bool = True,
        actors: Sequence[_Path] = ...,
        agents: Sequence[_Path] = ...,
        verbs: Sequence[_Path] = ...,
        discards: Sequence[_Path] = ...,
        tabari: bool = False,
        event_dates: bool = True,
    ) -> None: ...
    def code_json(
        self,
        id: str,
        date: str,
        text: str,
        title: Optional[str] = None,
        url: Optional[str] = None,
        outlet: Optional[str] = None,
    ) -> List[str]:
        """Events of one article as the CLI's JSON lines."""
    def run(
        self,
        *,
        run_memory: bool = True,
        errors: str = "raise",
        label: str = "row",
        threads: int = 0,
    ) -> Run: ...

class Run:
    def feed(self, batch: pa.RecordBatch) -> Tuple[pa.RecordBatch, List[Problem]]:
        """Codes the CLI batches ``batch`` completes."""
    def finish(self) -> Tuple[pa.RecordBatch, List[Problem]]:
        """Codes the last, unfinished batch."""

def event_schema() -> pa.Schema: ...
def evidence_tokens(text: str) -> List[str]: ...
def actors_compatible(a: str, b: str) -> bool: ...
def cluster_country(base: str, source_country: str, target_country: str) -> str: ...
def symmetric_codes() -> List[str]: ...

class Clusters:
    """The store's cluster rule over mentions held in memory."""

    def __init__(self) -> None: ...
    def assign(
        self,
        key: Sequence[str],
        *,
        date: str,
        day: Optional[str],
        date_from: str,
        source_code: str,
        target_code: str,
        root: str,
        base: str,
        evidence: str,
        article: str,
        name: str,
        target_name: str = "",
        target_country: str = "",
        source_country: str = "",
    ) -> str: ...
    def forget(self, key: Sequence[str]) -> None: ...
def version() -> str: ...
def read_store(
    path: _Path,
    *,
    clusters: bool = False,
    source: Optional[str] = None,
    target: Optional[str] = None,
    both: bool = False,
    from_: Optional[str] = None,
    to: Optional[str] = None,
    root: Optional[str] = None,
    cameo: Optional[str] = None,
    plover: Optional[str] = None,
    quad: Optional[int] = None,
    min_sources: Optional[int] = None,
    text: Optional[str] = None,
    all: bool = False,
    limit: Optional[int] = None,
) -> pa.RecordBatch: ...
