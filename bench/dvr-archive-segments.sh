#!/usr/bin/env bash
# Archived segment throughput (issue 7): Cascade records a stream, and one archived segment, by
# the URL the archive playlist lists (MPEG-TS) and by its live name as fMP4 (.m4s), is loaded
# with wrk against nginx serving the same bytes from the same disk: the recorded .m4s file of the
# DVR folder (hard-linked under its URL), and the TS answer saved on the same disk. Both in the same run, segment out of
# the live window so Cascade serves it from its archive.
# Needs: wrk, nginx (Debian: apt-get install wrk nginx-light). Prints a Markdown table.
# Usage: bench/dvr-archive-segments.sh [CLIP]   Env: DURATION (10s), CONNECTIONS ("50 200"), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
source ./bench/lib.sh
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-50 200}
CASCADE_PORT=${CASCADE_PORT:-18082}
NGINX_PORT=${NGINX_PORT:-18083}
bench_setup "${1:-}"
mkdir -p "$work/dvr"
cat > "$work/cascade.conf" <<CONF
http $CASCADE_PORT;
max_connections 1000000;        # every load client is on 127.0.0.1
max_connections_per_ip 1000000;
segments 3;
stream bench { input "file://$clip"; dvr "$work/dvr" 1d; }
CONF
java -jar target/cascade.jar "$work/cascade.conf" > "$work/cascade.log" 2>&1 &
pids+=($!)
# six archived segments: the oldest is then well out of the three-segment live window
for _ in $(seq 1 300); do
  [ "$(find "$work/dvr" -name '*.m4s' | wc -l)" -ge 6 ] && break
  sleep 0.2
done
file=$(find "$work/dvr" -name '*.m4s' | sort | head -1)
start=$(basename "$file" | cut -d_ -f2)
from=$((start / 90000 + 1))
playlist=$(curl -fs "http://127.0.0.1:$CASCADE_PORT/bench/archive-$from-4.m3u8")
ts=$(grep '\.ts$' <<<"$playlist" | head -1)
m4s=${ts%.ts}.m4s
www="$work/www"
mkdir -p "$www/$(dirname "$ts")"
ln "$file" "$www/$m4s"  # the recorded file itself (a hard link) under its URL
curl -fs "http://127.0.0.1:$CASCADE_PORT/bench/$ts" -o "$www/$ts"
cmp <(curl -fs "http://127.0.0.1:$CASCADE_PORT/bench/$m4s") "$file"
chmod -R a+rX "$work"

start_nginx "$www" "$NGINX_PORT"

measure() { # url connections -> req/s
  local out
  out=$(wrk -t2 -c"$2" -d"$DURATION" "$1")
  if grep -q "Non-2xx" <<<"$out"; then echo "$1: non-2xx answers" >&2; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
# Warm up both (the JIT, the page cache) before anything is measured.
for name in "$ts" "$m4s"; do
  wrk -t2 -c50 -d"${WARMUP:-5s}" "http://127.0.0.1:$CASCADE_PORT/bench/$name" >/dev/null
  wrk -t2 -c50 -d3s "http://127.0.0.1:$NGINX_PORT/$name" >/dev/null
done
echo "segments: $ts ($(stat -c %s "$www/$ts") bytes), $m4s ($(stat -c %s "$file") bytes); wrk $DURATION; $(nproc) cores;" \
  "$(nginx -v 2>&1 | sed 's/.*: //'); load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo
echo "| segment | connections | Cascade req/s | nginx req/s | ratio |"
echo "|---|---|---|---|---|"
for name in "$ts" "$m4s"; do
  for c in $CONNECTIONS; do
    crps=$(measure "http://127.0.0.1:$CASCADE_PORT/bench/$name" "$c")
    nrps=$(measure "http://127.0.0.1:$NGINX_PORT/$name" "$c")
    echo "| ${name##*.} | $c | $crps | $nrps | $(awk -v a="$crps" -v b="$nrps" 'BEGIN { printf "%.2f", a/b }') |"
  done
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end" >&2
