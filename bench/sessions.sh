#!/usr/bin/env bash
# Heap per viewer session and the play gate's cost for 10 000 and 50 000 concurrent HLS sessions
# (distinct addresses and tokens, a backend that allows at once), in one JVM. Prints a Markdown table.
# Usage: bench/sessions.sh [N ...]   (default: 10000 50000)
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
source ./bench/lib.sh
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -ntp -q package -DskipTests >&2
  mvn -B -ntp -q test-compile >&2
fi
echo "| sessions | heap bytes per session | new sessions/s | known sessions/s | sweep re-checking all (ms) | backend requests |"
echo "|---|---|---|---|---|---|"
[ $# -gt 0 ] || set -- 10000 50000
bench_java io.cascade.bench.SessionHeapBench "$@"
