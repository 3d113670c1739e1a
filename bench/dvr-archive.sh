#!/usr/bin/env bash
# DVR archive lists (issue 7): a synthetic day of 2 s segments with 1 000 gaps is written and
# opened by a server; the 24-hour catch-up playlist, the same as a static DASH manifest and
# recording_status.json are fetched over HTTP (median and p95 of REQUESTS, after 5 warm-ups).
# Usage: bench/dvr-archive.sh [CLIP]   Env: REQUESTS (default 50), SKIP_BUILD=1,
# DAYS and SEGMENT_SECONDS (default 1 and 2; 30 and 10 for a 30-day archive's recording_status.json).
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
source ./bench/lib.sh
REQUESTS=${REQUESTS:-50}
bench_setup "${1:-}"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo
echo "| what | size | median | p95 |"
echo "|---|---|---|---|"
bench_java io.cascade.bench.ArchiveServingBench "$clip" "$REQUESTS" "${DAYS:-1}" "${SEGMENT_SECONDS:-2}"
