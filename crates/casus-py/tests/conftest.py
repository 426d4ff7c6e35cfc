"""Shared fixtures: the `casus` binary the Python package is compared
with, the example articles, and a Reuters slice (skipped without
../shared)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import corpus  # noqa: E402

#: Articles of the Reuters slice: more than two CLI batches (512), so the
#: run memory carries over batch boundaries.
REUTERS_SLICE = int(os.environ.get("CASUS_TEST_REUTERS", "1200"))


@pytest.fixture(scope="session")
def casus_bin() -> str:
    """target/release/casus (CASUS_BIN overrides); `.ci/run` builds it."""
    p = os.environ.get("CASUS_BIN") or str(corpus.REPO / "target" / "release" / "casus")
    if not Path(p).exists():
        found = shutil.which("casus")
        if not found:
            pytest.skip(f"no casus binary at {p} (cargo build --release -p casus-cli)")
        p = found
    return p


def cli_events(casus_bin: str, path: Path, *flags: str) -> list:
    """`casus code --format jsonl` on `path`, as dicts."""
    out = subprocess.run(
        [casus_bin, "code", "--format", "jsonl", "-q", *flags, str(path)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert out.returncode in (0, 2), out.stderr
    return [json.loads(l) for l in out.stdout.splitlines() if l.strip()]


@pytest.fixture(scope="session")
def examples_jsonl(tmp_path_factory) -> Path:
    recs = corpus.examples()
    assert recs, "examples/*.txt missing"
    return corpus.write_jsonl(tmp_path_factory.mktemp("ex") / "examples.jsonl", recs)


@pytest.fixture(scope="session")
def reuters_jsonl(tmp_path_factory) -> Path:
    if not corpus.REUTERS.exists():
        pytest.skip(f"{corpus.REUTERS} absent: the Reuters slice needs ../shared")
    recs = list(corpus.reuters(REUTERS_SLICE))
    return corpus.write_jsonl(tmp_path_factory.mktemp("reuters") / "reuters.jsonl", recs)


def read_jsonl(path: Path) -> list:
    return [json.loads(l) for l in Path(path).read_text(encoding="utf-8").splitlines() if l.strip()]
