#!/usr/bin/env bash
# Ingest cost of UDP MPEG-TS inputs (issue 10): one Cascade process with N `input udp://` streams,
# one ffmpeg sending the same clip to all N ports (tee muxer, -re, 1316-byte datagrams); CPU of the
# server (utime+stime from /proc/PID/stat) over a sampling window, datagrams the kernel dropped on
# the inputs' sockets (/proc/net/udp) and continuity errors the inputs counted (API).
# Usage: bench/udp-ingest.sh [CLIP]   (default as in bench/lib.sh: 720p, 2.2 Mbit/s)
# Env: COUNTS (default "10 50"), SAMPLE_SECONDS (default 20), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
source ./bench/lib.sh
COUNTS=${COUNTS:-10 50}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-20}
HTTP_PORT=${HTTP_PORT:-18095}
BASE_PORT=${BASE_PORT:-21000}
bench_setup "${1:-}"
hz=$(getconf CLK_TCK)

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
kernel_drops() { # first-port count: drops summed over the inputs' sockets
  local lo=$1 n=$2 sum=0 port drops
  while read -r port drops; do
    port=$((16#$port))
    if [ "$port" -ge "$lo" ] && [ "$port" -lt $((lo + n)) ]; then sum=$((sum + drops)); fi
  done < <(awk 'NR > 1 { split($2, a, ":"); print a[2], $NF }' /proc/net/udp)
  echo "$sum"
}
api_sum() { # field of the inputs' stats, summed over all streams
  curl -fs "http://127.0.0.1:$HTTP_PORT/streamer/api/v3/streams" \
    | jq "[.. | objects | select(has(\"errors\") and has(\"bytes\")) | .$1] | add // 0"
}
alive_count() {
  curl -fs "http://127.0.0.1:$HTTP_PORT/streamer/api/v3/streams" 2>/dev/null \
    | jq '[.. | objects | select(has("alive")) | select(.alive == true)] | length' 2>/dev/null || echo 0
}

echo "| inputs | Mbit/s in | CPU % of a core | per input | datagrams dropped (kernel) | CC errors (inputs) |"
echo "|---|---|---|---|---|---|"
for n in $COUNTS; do
  {
    echo "http $HTTP_PORT;"; echo "segments 5;"
    for i in $(seq 0 $((n - 1))); do echo "stream u$i { input udp://127.0.0.1:$((BASE_PORT + i)); }"; done
  } > "$work/udp.conf"
  java -jar target/cascade.jar "$work/udp.conf" > "$work/server-$n.log" 2>&1 &
  server=$!; pids+=($server)
  sleep 3
  outs=$(for i in $(seq 0 $((n - 1))); do printf '[f=mpegts:onfail=ignore]udp://127.0.0.1:%d?pkt_size=1316|' $((BASE_PORT + i)); done)
  ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$clip" -map 0 -c copy -f tee "${outs%|}" \
    > "$work/ffmpeg-$n.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do [ "$(alive_count)" -ge "$n" ] && break; sleep 0.5; done
  sleep 5
  t0=$(cpu_ticks "$server"); d0=$(kernel_drops "$BASE_PORT" "$n"); e0=$(api_sum errors); b0=$(api_sum bytes); s0=$(date +%s.%N)
  sleep "$SAMPLE_SECONDS"
  t1=$(cpu_ticks "$server"); d1=$(kernel_drops "$BASE_PORT" "$n"); e1=$(api_sum errors); b1=$(api_sum bytes); s1=$(date +%s.%N)
  awk -v t=$((t1 - t0)) -v hz="$hz" -v s0="$s0" -v s1="$s1" -v n="$n" -v d=$((d1 - d0)) -v e=$((e1 - e0)) \
    -v alive="$(alive_count)" -v b=$((b1 - b0)) \
    'BEGIN { cpu = 100 * t / hz / (s1 - s0); printf "| %d (%d alive) | %.1f | %.1f | %.2f | %d | %d |\n", n, alive, b * 8 / (s1 - s0) / 1e6, cpu, cpu / n, d, e }'
  stop_started
done
