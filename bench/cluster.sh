#!/usr/bin/env bash
# Cluster benchmarks (issue 4): hop latency origin → restreamer over M4F, the same for nginx-rtmp's
# pull relay in the same run, and the failover gap when a mid-tier restreamer dies.
# Needs: ffmpeg; for the nginx part nginx with the RTMP module (Debian: apt-get install nginx
# libnginx-mod-rtmp), skipped when missing. Prints Markdown tables.
# Usage: bench/cluster.sh [CLIP]   (default: ../shared/media/clip.mp4 if present, else one made
# with ffmpeg: 1280x720 25 fps, 2 Mbit/s, 2 s GOP, AAC)
# Env: SECONDS_HOP (default 40), FAILOVER_RUNS (default 5), SKIP_BUILD=1, NGINX_RTMP_MODULE.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
source ./bench/lib.sh
SECONDS_HOP=${SECONDS_HOP:-40}
FAILOVER_RUNS=${FAILOVER_RUNS:-5}
NGINX_ORIGIN_PORT=${NGINX_ORIGIN_PORT:-19356}
NGINX_RELAY_PORT=${NGINX_RELAY_PORT:-19357}
NGINX_RTMP_MODULE=${NGINX_RTMP_MODULE:-/usr/lib/nginx/modules/ngx_rtmp_module.so}
bench_setup "${1:-}"

echo "clip: $(basename "$clip") ($(clip_summary "$clip")), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo
echo "### Hop latency"
echo
echo "| path | measured | samples | median ms | p95 ms | max ms |"
echo "|---|---|---|---|---|---|"
bench_java io.cascade.bench.HopLatencyBench "$clip" "$SECONDS_HOP"

nginx_relay() {
  if ! command -v nginx >/dev/null || [ ! -f "$NGINX_RTMP_MODULE" ]; then
    echo "| nginx-rtmp pull relay | skipped: nginx or its RTMP module ($NGINX_RTMP_MODULE) is not installed | | | | |"
    return
  fi
  local role port app
  for role in origin relay; do
    port=$NGINX_ORIGIN_PORT
    app="live on;"
    if [ "$role" = relay ]; then
      port=$NGINX_RELAY_PORT
      app="live on; pull rtmp://127.0.0.1:$NGINX_ORIGIN_PORT/live;"
    fi
    mkdir -p "$work/nginx-$role"
    cat > "$work/nginx-$role/nginx.conf" <<CONF
load_module $NGINX_RTMP_MODULE;
worker_processes 1;
pid $work/nginx-$role/nginx.pid;
error_log $work/nginx-$role/error.log;
events { worker_connections 1024; }
rtmp { server { listen 127.0.0.1:$port; application live { $app } } }
CONF
    nginx -p "$work/nginx-$role" -c "$work/nginx-$role/nginx.conf" -g 'daemon off;' &
    pids+=($!)
  done
  sleep 1
  ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$clip" -c copy -f flv \
    "rtmp://127.0.0.1:$NGINX_ORIGIN_PORT/live/s" 2>"$work/ffmpeg.log" &
  pids+=($!)
  sleep 3
  bench_java io.cascade.bench.RtmpRelayLatencyBench \
    "nginx-rtmp pull relay (frame read from origin → same frame read from relay, RTMP)" \
    "rtmp://127.0.0.1:$NGINX_ORIGIN_PORT/live/s" "rtmp://127.0.0.1:$NGINX_RELAY_PORT/live/s" "$SECONDS_HOP"
  stop_started
}
nginx_relay

# Cascade measured exactly like nginx: ffmpeg publishes to an origin over RTMP, a restreamer
# takes the stream over M4F, and our RTMP client plays both.
cascade_relay() {
  local o_http=19480 o_rtmp=19481 r_http=19482 r_rtmp=19483
  cat > "$work/rtmp-origin.conf" <<CONF
http $o_http;
rtmp $o_rtmp;
cluster_key bench-key;
stream s { input publish://; }
CONF
  cat > "$work/rtmp-relay.conf" <<CONF
http $r_http;
rtmp $r_rtmp;
cluster_key bench-key;
source 127.0.0.1:$o_http;
CONF
  java -jar target/cascade.jar "$work/rtmp-origin.conf" >"$work/rtmp-origin.log" 2>&1 &
  pids+=($!)
  java -jar target/cascade.jar "$work/rtmp-relay.conf" >"$work/rtmp-relay.log" 2>&1 &
  pids+=($!)
  sleep 3
  ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$clip" -c copy -f flv \
    "rtmp://127.0.0.1:$o_rtmp/static/s" 2>"$work/ffmpeg-cascade.log" &
  pids+=($!)
  sleep 6
  bench_java io.cascade.bench.RtmpRelayLatencyBench \
    "Cascade M4F relay, RTMP in and out (frame read from origin → same frame read from restreamer, RTMP)" \
    "rtmp://127.0.0.1:$o_rtmp/static/s" "rtmp://127.0.0.1:$r_rtmp/static/s" "$SECONDS_HOP"
  stop_started
}
cascade_relay
echo
echo "### Failover gap (origin → mid1, mid2 → edge; mid1 closed mid-stream)"
echo
echo "| run | longest gap on edge ms | kill → end of that gap ms | kill → edge switched input ms | usual chunk interval ms | mid1 close() ms | edge now on | segments consecutive, none repeated |"
echo "|---|---|---|---|---|---|---|---|"
bench_java io.cascade.bench.FailoverGapBench "$clip" "$FAILOVER_RUNS"
echo
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
