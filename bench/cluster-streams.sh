#!/usr/bin/env bash
# Streams per restreamer (issue 4): one origin process looping the same clip as N streams, one
# restreamer process pulling them all over M4F; CPU (from /proc/PID/stat) and memory (RSS from
# /proc/PID/status, Java heap after a full GC from jcmd) of each process over a sampling window.
# Usage: bench/cluster-streams.sh [CLIP]   (default as in bench/cluster.sh)
# Env: COUNTS (default "10 50 100"), SAMPLE_SECONDS (default 20), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
source ./bench/lib.sh
COUNTS=${COUNTS:-10 50 100}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-20}
ORIGIN_PORT=${ORIGIN_PORT:-18090}
RESTREAMER_PORT=${RESTREAMER_PORT:-18091}
KEY=bench-cluster-key
bench_setup "${1:-}"
hz=$(getconf CLK_TCK)

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }   # utime + stime of the whole process
rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
heap_after_gc_mib() {
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); printf "%.0f", v / 1024; exit } }'
}
alive_count() { # port
  curl -fs "http://127.0.0.1:$1/streamer/api/v3/streams" 2>/dev/null \
    | jq '[.. | objects | select(has("stats")) | select(.stats.alive == true)] | length' 2>/dev/null || echo 0
}
await_alive() { # port count
  local i
  for i in $(seq 1 300); do
    [ "$(alive_count "$1")" -ge "$2" ] && return 0
    sleep 0.5
  done
  echo "only $(alive_count "$1") of $2 streams alive on port $1" >&2
  return 1
}

run_count() {
  local n=$1 i origin restreamer o0 r0 o1 r1
  {
    echo "http $ORIGIN_PORT;"; echo "cluster_key $KEY;"; echo "segments 5;"
    for i in $(seq 1 "$n"); do echo "stream s$i { input \"file://$clip\"; }"; done
  } > "$work/origin.conf"
  printf 'http %s;\ncluster_key %s;\nsegments 5;\nsource 127.0.0.1:%s;\n' \
    "$RESTREAMER_PORT" "$KEY" "$ORIGIN_PORT" > "$work/restreamer.conf"
  java -jar target/cascade.jar "$work/origin.conf" > "$work/origin-$n.log" 2>&1 &
  origin=$!; pids+=($origin)
  await_alive "$ORIGIN_PORT" "$n"
  java -jar target/cascade.jar "$work/restreamer.conf" > "$work/restreamer-$n.log" 2>&1 &
  restreamer=$!; pids+=($restreamer)
  await_alive "$RESTREAMER_PORT" "$n"
  sleep 5 # past start-up and the first JIT compilations
  o0=$(cpu_ticks "$origin"); r0=$(cpu_ticks "$restreamer")
  sleep "$SAMPLE_SECONDS"
  o1=$(cpu_ticks "$origin"); r1=$(cpu_ticks "$restreamer")
  local alive ocpu rcpu orss rrss rheap
  alive=$(alive_count "$RESTREAMER_PORT")
  ocpu=$(awk -v d=$((o1 - o0)) -v hz="$hz" -v s="$SAMPLE_SECONDS" 'BEGIN { printf "%.1f", 100 * d / hz / s }')
  rcpu=$(awk -v d=$((r1 - r0)) -v hz="$hz" -v s="$SAMPLE_SECONDS" 'BEGIN { printf "%.1f", 100 * d / hz / s }')
  orss=$(rss_mib "$origin"); rrss=$(rss_mib "$restreamer")
  rheap=$(heap_after_gc_mib "$restreamer")
  awk -v n="$n" -v alive="$alive" -v ocpu="$ocpu" -v rcpu="$rcpu" -v orss="$orss" -v rrss="$rrss" -v rheap="$rheap" 'BEGIN {
    printf "| %d | %d | %s | %.2f | %d | %.1f | %d | %.2f | %s | %d |\n",
      n, alive, rcpu, rcpu / n, rrss, rrss / n, rheap, rheap / n, ocpu, orss }'
  echo "$n $rcpu $rrss $rheap" >> "$work/summary"
  stop_started
}

echo "clip: $(basename "$clip") ($(clip_summary "$clip")), segments 5, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start, CPU over ${SAMPLE_SECONDS} s (100 % = one core)"
echo
echo "| streams | alive on restreamer | restreamer CPU % | CPU % per stream | restreamer RSS MiB | RSS MiB per stream | restreamer heap after GC MiB | heap MiB per stream | origin CPU % | origin RSS MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for n in $COUNTS; do
  run_count "$n"
done
# The per-stream columns above include the JVM's own footprint; the slope between the smallest and
# the largest count is the cost of one more stream.
if [ "$(wc -l < "$work/summary")" -ge 2 ]; then
  echo
  sort -n "$work/summary" | awk 'NR == 1 { n0 = $1; c0 = $2; r0 = $3; h0 = $4 } { n1 = $1; c1 = $2; r1 = $3; h1 = $4 }
    END { d = n1 - n0; printf "Marginal cost of one more stream on the restreamer (%d → %d streams): %.2f %% CPU, %.1f MiB RSS, %.1f MiB heap after GC.\n",
      n0, n1, (c1 - c0) / d, (r1 - r0) / d, (h1 - h0) / d }'
fi
echo
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
