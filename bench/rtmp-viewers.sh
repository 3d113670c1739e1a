#!/usr/bin/env bash
# Concurrent RTMP viewers of one live stream: Cascade against nginx's RTMP module, in the same
# run, on the same clip published to each by its own ffmpeg (-re, looped, -c copy). For each
# viewer count our load client (io.cascade.bench.RtmpViewerLoad, one event loop thread, media
# skipped unparsed) opens the viewers, holds them HOLD seconds and measures the server process
# meanwhile: CPU from /proc/PID/stat (utime+stime, % of one core) and RSS (VmRSS). nginx runs one
# worker (nginx-rtmp's live streams are per worker) and is measured as worker + master.
# Needs: ffmpeg, nginx with the RTMP module (Debian: apt-get install nginx-light libnginx-mod-rtmp).
# Usage: bench/rtmp-viewers.sh CLIP   (a ~2 Mbit/s H.264+AAC file; default: the demo clip in the jar)
# Env:   VIEWERS="0 100 500 1000 2000"  HOLD=20  WARMUP=10  CASCADE_PORT=19350  NGINX_PORT=19360
# Prints a Markdown table; per-second lines go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
source ./bench/lib.sh
VIEWERS=${VIEWERS:-0 100 500 1000 2000}
HOLD=${HOLD:-20}
CASCADE_PORT=${CASCADE_PORT:-19350}
CASCADE_HTTP_PORT=${CASCADE_HTTP_PORT:-19380}
NGINX_PORT=${NGINX_PORT:-19360}
RTMP_MODULE=${RTMP_MODULE:-/usr/lib/nginx/modules/ngx_rtmp_module.so}
ulimit -n "$(ulimit -Hn)" # each viewer is a socket in the client and one in the server
bench_setup "${1:-}" demo

cat > "$work/cascade.conf" <<CONF
http $CASCADE_HTTP_PORT;
rtmp $CASCADE_PORT;
max_connections 1000000;        # every load client is on 127.0.0.1
max_connections_per_ip 1000000;
stream s { input publish://; }
CONF
java -jar target/cascade.jar "$work/cascade.conf" > "$work/cascade.log" 2>&1 &
cascade_pid=$!
pids+=("$cascade_pid")

mkdir -p "$work/nginx"
cat > "$work/nginx/nginx.conf" <<CONF
load_module $RTMP_MODULE;
worker_processes 1;
worker_rlimit_nofile $(ulimit -n);
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 16384; }
rtmp {
  server {
    listen 127.0.0.1:$NGINX_PORT;
    chunk_size 4096;
    application live { live on; }
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
pids+=("$nginx_pid")
sleep 2
nginx_pids="$nginx_pid,$(pgrep -P "$nginx_pid" | paste -sd,)"

cascade_url="rtmp://127.0.0.1:$CASCADE_PORT/static/s"
nginx_url="rtmp://127.0.0.1:$NGINX_PORT/live/s"
publish() { # url
  ffmpeg -nostdin -loglevel error -re -stream_loop -1 -i "$clip" -c copy -f flv "$1" > "$work/ffmpeg-$2.log" 2>&1 &
  pids+=($!)
}
publish "$cascade_url" cascade
publish "$nginx_url" nginx
for url in "$cascade_url" "$nginx_url"; do
  for _ in $(seq 1 30); do
    timeout 10 ffprobe -v error -show_entries stream=codec_name -of csv=p=0 "$url" 2>/dev/null | grep -q h264 && break
    sleep 1
  done
done

# Another benchmark on the machine would eat the CPU measured here: wait (up to 2 minutes) for it.
quiet() {
  local i
  for i in $(seq 1 120); do
    pgrep -f 'bench/cluster' > /dev/null || { echo yes; return; }
    sleep 1
  done
  echo no
}
load() { # label url pids viewers
  java -Xmx1g -XX:+UseSerialGC -cp target/cascade.jar:target/test-classes io.cascade.bench.RtmpViewerLoad \
    "$2" "$4" "$HOLD" --label "$1" --pids "$3" --ticks "$(getconf CLK_TCK)" | tee /dev/stderr | grep '^RESULT'
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

# Warm up both (Cascade's JIT above all) before anything is measured.
for url in "$cascade_url" "$nginx_url"; do
  java -Xmx1g -XX:+UseSerialGC -cp target/cascade.jar:target/test-classes io.cascade.bench.RtmpViewerLoad \
    "$url" 200 "${WARMUP:-10}" --label warmup > /dev/null
done
clip_mbps=$(ffprobe -v error -show_entries format=bit_rate -of csv=p=0 "$clip" | awk '{ printf "%.2f", $1 / 1e6 }')
echo "clip: $(basename "$clip") ($clip_mbps Mbit/s), hold ${HOLD}s per step, $(nproc) cores, $(uname -r)"
echo "Cascade: $(java -version 2>&1 | head -1), default JVM options; nginx: $(nginx -v 2>&1 | sed 's/.*\///'), 1 worker"
echo
echo "| viewers | server | playing | min receiving/s | drops | Mbit/s | per viewer | max lag ms | CPU % of a core | RSS MiB | machine quiet |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for n in $VIEWERS; do
  for server in cascade nginx; do
    if [ "$server" = cascade ]; then url=$cascade_url server_pids=$cascade_pid; else url=$nginx_url server_pids=$nginx_pids; fi
    q=$(quiet)
    r=$(load "$server" "$url" "$server_pids" "$n")
    echo "| $n | $server | $(field playing "$r") | $(field min_receiving "$r") | $(field drops_total "$r") | $(field mbps "$r")" \
      "| $(field per_viewer_mbps "$r") | $(field max_lag_ms "$r") | $(field cpu_pct "$r") | $(field rss_mib "$r") | $q |"
    sleep 3 # let the server settle after the viewers leave
  done
done
