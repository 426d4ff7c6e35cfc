#!/usr/bin/env bash
# schemathesis (PyPI, pinned) against the OpenAPI document of a running
# `casus serve`, over a store ingested from examples/ and the serve test
# corpus: every operation, examples, boundary values, random (fuzzed)
# valid and invalid requests, and stateful sequences. Run by .ci/run;
# the last result is in docs/eval/serve.md.
set -euo pipefail
cd "$(dirname "$0")/../../.."
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
casus=target/release/casus
cargo build -q --release -p casus-cli
"$casus" ingest -q --db "$work/casus.db" examples/ crates/casus-serve/tests/data/corpus.jsonl
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check schemathesis==4.32.5
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$casus" serve --db "$work/casus.db" --addr "127.0.0.1:$port" 2>"$work/serve.log" &
pid=$!
for _ in $(seq 100); do
  if python3 -c "import urllib.request; urllib.request.urlopen('$base/api/v1/stats')" 2>/dev/null; then break; fi
  sleep 0.1
done
# From the scratch directory, where schemathesis and hypothesis keep their
# caches.
cd "$work"
"$work/venv/bin/st" run "$base/api/v1/openapi.json" --url "$base" --checks all \
  --max-examples 200 --seed 1 --no-color
