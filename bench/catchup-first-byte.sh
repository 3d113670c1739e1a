#!/usr/bin/env bash
# First byte of a catch-up segment (issue 7): on the origin that records the stream, and on a
# restreamer without a DVR of its own, the first time (fetched from the origin over M4F) and again
# (its archive cache). Median and p95 over SEGMENTS archived fMP4 segments fetched by their live names.
# Usage: bench/catchup-first-byte.sh [CLIP]   Env: SEGMENTS (default 20), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
source ./bench/lib.sh
SEGMENTS=${SEGMENTS:-20}
bench_setup "${1:-}"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo
echo "| catch-up segment, first byte | segments | median | p95 |"
echo "|---|---|---|---|"
bench_java io.cascade.bench.CatchUpFirstByteBench "$clip" "$SEGMENTS"
