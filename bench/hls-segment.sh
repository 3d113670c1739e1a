#!/usr/bin/env bash
# HLS segment throughput: Cascade serving the newest segment of a live stream, against nginx
# serving the same bytes as a static file, both loaded by wrk in the same run.
# Needs: wrk, nginx (Debian: apt-get install wrk nginx-light). Prints a Markdown table.
# Usage: bench/hls-segment.sh [CLIP]   (default: the demo clip bundled in the jar)
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
source ./bench/lib.sh
DURATION=${DURATION:-15s}
CASCADE_PORT=${CASCADE_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
bench_setup "${1:-}" demo
cat > "$work/cascade.conf" <<CONF
http $CASCADE_PORT;
max_connections 1000000;        # every load client is on 127.0.0.1
max_connections_per_ip 1000000;
segments 100;
stream bench { input "file://$clip"; }
CONF
java -jar target/cascade.jar "$work/cascade.conf" > "$work/cascade.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$CASCADE_PORT/bench/mono.m3u8" 2>/dev/null | grep -q '\.ts' && break
  sleep 0.2
done
segment=$(curl -fs "http://127.0.0.1:$CASCADE_PORT/bench/mono.m3u8" | grep '\.ts$' | tail -1)
mkdir -p "$work/www/$(dirname "$segment")"
curl -fs "http://127.0.0.1:$CASCADE_PORT/bench/$segment" -o "$work/www/$segment"
size=$(stat -c %s "$work/www/$segment")
chmod -R a+rX "$work"

start_nginx "$work/www" "$NGINX_PORT"

measure() { # name url connections
  local out rps tr
  out=$(wrk -t2 -c"$3" -d"$DURATION" "$2")
  if grep -q "Non-2xx" <<<"$out"; then echo "$1: non-2xx answers" >&2; fi
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  tr=$(awk '/Transfer\/sec/ {print $2}' <<<"$out")
  echo "$1 $3 $rps $tr"
}
gbit() { # wrk transfer like 1.23GB or 456.7MB -> Gbit/s
  awk -v t="$1" 'BEGIN { n=t+0; u=substr(t, length(t)-1); m=(u=="GB")?8:(u=="MB")?8/1024:(u=="KB")?8/1048576:8/1073741824; printf "%.2f", n*m }'
}
# Warm up both (the JIT, nginx's page cache) before anything is measured.
wrk -t2 -c50 -d"${WARMUP:-10s}" "http://127.0.0.1:$CASCADE_PORT/bench/$segment" >/dev/null
wrk -t2 -c50 -d5s "http://127.0.0.1:$NGINX_PORT/$segment" >/dev/null
echo "segment: $segment ($size bytes), wrk $DURATION, $(nproc) cores"
echo
echo "| connections | Cascade req/s | Cascade Gbit/s | nginx req/s | nginx Gbit/s | ratio |"
echo "|---|---|---|---|---|---|"
for c in 50 200; do
  read -r _ _ crps ctr < <(measure cascade "http://127.0.0.1:$CASCADE_PORT/bench/$segment" "$c")
  read -r _ _ nrps ntr < <(measure nginx "http://127.0.0.1:$NGINX_PORT/$segment" "$c")
  ratio=$(awk -v a="$crps" -v b="$nrps" 'BEGIN { printf "%.2f", a/b }')
  echo "| $c | $crps | $(gbit "$ctr") | $nrps | $(gbit "$ntr") | $ratio |"
done
