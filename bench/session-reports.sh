#!/usr/bin/env bash
# Cluster session reports (issue 8): an edge with N synthetic viewers reports them to its origin
# through a counting TCP relay, both servers in one JVM. Prints the time until the origin lists
# them all, the bytes per second on the cluster link in steady state, and the CPU beyond idle.
# Usage: bench/session-reports.sh [CLIP]   Env: COUNTS (default "10000 50000"), SECONDS_STEADY (20), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
source ./bench/lib.sh
bench_setup "${1:-}"
# shellcheck disable=SC2086
bench_java io.cascade.bench.SessionReportBench "$clip" "${SECONDS_STEADY:-20}" ${COUNTS:-10000 50000}
