#!/usr/bin/env bash
# Assembles EVALUATION.md and BENCHMARKS.md from the per-area sections in
# docs/eval/ and docs/bench/ (each area keeps its own file, so parallel
# work never conflicts). Headings are demoted one level outside code fences.
set -eu
cd "$(dirname "$0")/.."
demote() {
  awk 'BEGIN { fence = 0 }
       /^```/ { fence = !fence }
       !fence && /^#+ / { if (NR == 1) { sub(/^#+ /, "## ") } else { sub(/^#/, "##") } }
       { print }' "$1"
}
{
  echo "# casus evaluation"
  echo
  echo "Every linguistic capability's score against gold data in \`../shared\`, with the"
  echo "command that produced it and the anchor's score on the same data where one exists."
  echo "Sections live in \`docs/eval/\`; this file is assembled by \`bash docs/assemble.sh\`."
  echo
  cat docs/eval/summary.md
  for f in text time actors events plover tabari serve; do
    [ -f "docs/eval/$f.md" ] || continue
    echo; demote "docs/eval/$f.md"
  done
} > EVALUATION.md
{
  echo "# casus benchmarks"
  echo
  echo "Throughput, memory and latency with the exact commands. Sections live in"
  echo "\`docs/bench/\`; this file is assembled by \`bash docs/assemble.sh\`."
  echo
  cat docs/bench/summary.md
  for f in ingest text time actors gaz events tabari store serve; do
    [ -f "docs/bench/$f.md" ] || continue
    echo; demote "docs/bench/$f.md"
  done
} > BENCHMARKS.md
