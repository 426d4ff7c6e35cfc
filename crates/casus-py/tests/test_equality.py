"""Same answers: `Coder.code_batch` against `casus code --format jsonl` on
the same JSON Lines, record for record: the project's examples and a
Reuters-21578 slice from ../shared (more than two CLI batches, so names
learned in one batch resolve articles of the next)."""

from __future__ import annotations

import pyarrow as pa
import pytest

import casus
from conftest import cli_events, read_jsonl


@pytest.fixture(scope="module")
def coder() -> casus.Coder:
    return casus.Coder()


def diff(got: list, want: list) -> str:
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            return f"first difference at event {i}:\n python {g}\n cli    {w}"
    return f"{len(got)} events from Python, {len(want)} from the CLI"


def assert_equal_cli(coder, casus_bin, path, run_memory):
    """`code_batch` over the articles of `path` = `casus code --format jsonl`
    on the same file; returns the events."""
    flags = [] if run_memory else ["--no-run-memory"]
    want = cli_events(casus_bin, path, *flags)
    table = pa.Table.from_pylist(read_jsonl(path))
    got = casus.events_to_json(coder.code_batch(table, run_memory=run_memory))
    assert got == want, diff(got, want)
    return want


@pytest.mark.parametrize("run_memory", [True, False])
def test_examples_equal_cli(coder, casus_bin, examples_jsonl, run_memory):
    assert len(assert_equal_cli(coder, casus_bin, examples_jsonl, run_memory)) > 0


@pytest.mark.parametrize("run_memory", [True, False])
def test_reuters_equal_cli(coder, casus_bin, reuters_jsonl, run_memory):
    assert len(assert_equal_cli(coder, casus_bin, reuters_jsonl, run_memory)) > 100
