#!/usr/bin/env bash
# HLS segment throughput with on_play (one session, its decision cached) against the same load on
# a stream without on_play, both on one Cascade server in the same run, loaded by wrk.
# Needs: wrk, python3 (the test backend). Prints a Markdown table.
# Usage: bench/auth-hls.sh [CLIP]   (default: the demo clip bundled in the jar)
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
source ./bench/lib.sh
DURATION=${DURATION:-15s}
CASCADE_PORT=${CASCADE_PORT:-18090}
BACKEND_PORT=${BACKEND_PORT:-18091}
bench_setup "${1:-}" demo
python3 - "$BACKEND_PORT" > "$work/backend.log" 2>&1 <<'PY' &
import http.server, sys
class Allow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("X-AuthDuration", "3600")
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        sys.stderr.write("request\n")
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Allow).serve_forever()
PY
pids+=($!)
cat > "$work/cascade.conf" <<CONF
http $CASCADE_PORT;
max_connections 1000000;        # every load client is on 127.0.0.1
max_connections_per_ip 1000000;
segments 100;
stream open { input "file://$clip"; }
stream guarded { input "file://$clip"; on_play http://127.0.0.1:$BACKEND_PORT/auth; }
CONF
java -jar target/cascade.jar "$work/cascade.conf" > "$work/cascade.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$CASCADE_PORT/guarded/mono.m3u8?token=bench" 2>/dev/null | grep -q '\.ts' && break
  sleep 0.2
done
segment() { curl -fs "http://127.0.0.1:$CASCADE_PORT/$1/mono.m3u8$2" | grep '\.ts' | tail -1; }
open_url="http://127.0.0.1:$CASCADE_PORT/open/$(segment open '')"
guarded_url="http://127.0.0.1:$CASCADE_PORT/guarded/$(segment guarded '?token=bench')"
measure() { # url connections
  local out
  out=$(wrk -t2 -c"$2" -d"$DURATION" "$1")
  if grep -q "Non-2xx" <<<"$out"; then echo "$1: non-2xx answers" >&2; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}
wrk -t2 -c50 -d"${WARMUP:-10s}" "$open_url" >/dev/null
wrk -t2 -c50 -d5s "$guarded_url" >/dev/null
echo "open: $open_url"
echo "guarded: $guarded_url"
echo "wrk $DURATION, $(nproc) cores, backend requests: $(grep -c request "$work/backend.log")"
echo
echo "| connections | without on_play req/s | with on_play req/s | ratio |"
echo "|---|---|---|---|"
for c in 50 200; do
  o=$(measure "$open_url" "$c")
  g=$(measure "$guarded_url" "$c")
  echo "| $c | $o | $g | $(awk -v a="$g" -v b="$o" 'BEGIN { printf "%.2f", a/b }') |"
done
echo
echo "backend requests in all: $(grep -c request "$work/backend.log")"
