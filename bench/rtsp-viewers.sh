#!/usr/bin/env bash
# Concurrent RTSP viewers (RTP interleaved over TCP) beside RTMP viewers of the same live stream
# of one Cascade, in the same run: the clip is published once (ffmpeg -re, looped, -c copy) and
# for each viewer count our load clients (io.cascade.bench.RtspViewerLoad and RtmpViewerLoad, one
# event loop thread each, media counted, not decoded) open the viewers, hold them HOLD seconds and
# measure the server process meanwhile: CPU from /proc/PID/stat (% of one core) and RSS.
# Needs: ffmpeg.
# Usage: bench/rtsp-viewers.sh CLIP   (a ~2 Mbit/s H.264+AAC file; default: the demo clip in the jar)
# Env:   VIEWERS="0 100 500 1000 2000"  HOLD=20  WARMUP=10  RTSP_PORT=19554  RTMP_PORT=19350
# Prints a Markdown table; per-second lines go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
source ./bench/lib.sh
VIEWERS=${VIEWERS:-0 100 500 1000 2000}
HOLD=${HOLD:-20}
RTSP_PORT=${RTSP_PORT:-19554}
RTMP_PORT=${RTMP_PORT:-19350}
HTTP_PORT=${HTTP_PORT:-19380}
ulimit -n "$(ulimit -Hn)" # each viewer is a socket in the client and one in the server
bench_setup "${1:-}" demo

cat > "$work/cascade.conf" <<CONF
http $HTTP_PORT;
rtmp $RTMP_PORT;
rtsp $RTSP_PORT;
max_connections 1000000;        # every load client is on 127.0.0.1
max_connections_per_ip 1000000;
stream s { input publish://; }
CONF
java -jar target/cascade.jar "$work/cascade.conf" > "$work/cascade.log" 2>&1 &
cascade_pid=$!
pids+=("$cascade_pid")
sleep 3
ffmpeg -nostdin -loglevel error -re -stream_loop -1 -i "$clip" -c copy -f flv "rtmp://127.0.0.1:$RTMP_PORT/static/s" \
  > "$work/ffmpeg.log" 2>&1 &
pids+=($!)
rtsp_url="rtsp://127.0.0.1:$RTSP_PORT/s"
rtmp_url="rtmp://127.0.0.1:$RTMP_PORT/static/s"
for _ in $(seq 1 30); do
  timeout 10 ffprobe -v error -rtsp_transport tcp -show_entries stream=codec_name -of csv=p=0 "$rtsp_url" 2>/dev/null \
    | grep -q h264 && break
  sleep 1
done

client() { # protocol
  if [ "$1" = rtsp ]; then echo io.cascade.bench.RtspViewerLoad; else echo io.cascade.bench.RtmpViewerLoad; fi
}
url_of() { if [ "$1" = rtsp ]; then echo "$rtsp_url"; else echo "$rtmp_url"; fi; }
load() { # protocol viewers
  java -Xmx1g -XX:+UseSerialGC -cp target/cascade.jar:target/test-classes "$(client "$1")" \
    "$(url_of "$1")" "$2" "$HOLD" --label "$1" --pids "$cascade_pid" --ticks "$(getconf CLK_TCK)" \
    | tee /dev/stderr | grep '^RESULT'
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

for p in rtsp rtmp; do # warm up (the JIT above all) before anything is measured
  java -Xmx1g -XX:+UseSerialGC -cp target/cascade.jar:target/test-classes "$(client "$p")" \
    "$(url_of "$p")" 100 "${WARMUP:-10}" --label warmup > /dev/null
done
clip_mbps=$(ffprobe -v error -show_entries format=bit_rate -of csv=p=0 "$clip" | awk '{ printf "%.2f", $1 / 1e6 }')
echo "clip: $(basename "$clip") ($clip_mbps Mbit/s), hold ${HOLD}s per step, $(nproc) cores, $(uname -r)"
echo "Cascade: $(java -version 2>&1 | head -1), default JVM options"
echo
echo "| viewers | protocol | playing | min receiving/s | drops | Mbit/s | per viewer | max lag ms | CPU % of a core | RSS MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for n in $VIEWERS; do
  for p in rtsp rtmp; do
    r=$(load "$p" "$n")
    echo "| $n | $p | $(field playing "$r") | $(field min_receiving "$r") | $(field drops_total "$r") | $(field mbps "$r")" \
      "| $(field per_viewer_mbps "$r") | $(field max_lag_ms "$r") | $(field cpu_pct "$r") | $(field rss_mib "$r") |"
    sleep 3 # let the server settle after the viewers leave
  done
done
