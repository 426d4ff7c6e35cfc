#!/usr/bin/env bash
# The Python package in CI: build the abi3 wheel with maturin into a
# virtual environment (target/py-venv, pinned installs from PyPI), install
# it, and run its tests with pytest, the local-mode Spark test included
# (pyspark from PyPI, Java 17 from Debian when absent). Prints the time
# each step took.
set -euo pipefail
cd "$(dirname "$0")/../../.."
t0=$(date +%s)
step() { echo "casus-py: $1 ($(( $(date +%s) - t0 )) s)"; }
if ! command -v java >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
# Debian's python3 makes virtual environments only with python3-venv.
if ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
fi
venv=target/py-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check \
  -r crates/casus-py/tests/requirements.txt
step "installed test requirements"
rm -rf target/wheels/casus-*.whl
"$venv/bin/maturin" build --release --quiet -m crates/casus-py/Cargo.toml \
  -i "$venv/bin/python" -o target/wheels
"$venv/bin/pip" install -q --force-reinstall --no-deps target/wheels/casus-*.whl
step "built and installed the wheel"
# The CLI the package is compared with.
cargo build --release -q -p casus-cli
"$venv/bin/python" -m pytest crates/casus-py/tests -q -p no:cacheprovider
step "ran the Python tests"
