#!/usr/bin/env bash
# HTTP MPEG-TS viewers against RTMP viewers of the same live stream on one Cascade, same run: one
# clip published by ffmpeg (-re, looped, -c copy); for each viewer count, RTMP viewers
# (io.cascade.bench.RtmpViewerLoad) then HTTP MPEG-TS viewers of /s/mpegts
# (io.cascade.bench.TsViewerLoad), each held HOLD seconds while the server process is measured:
# CPU from /proc/PID/stat (% of one core), RSS (VmRSS). Both clients: one event loop, media
# counted and dropped unparsed. "max lag ms" is, for HTTP MPEG-TS, the longest a viewer went
# without a byte (the stream comes a segment at a time); "min receiving" counts viewers that got
# bytes in the last 3 s (RTMP: in the last second).
# Needs: ffmpeg. Usage: bench/mpegts-viewers.sh [CLIP]  (default: a 2 Mbit/s 720p clip, see lib.sh)
# Env:   VIEWERS="0 100 500 1000 2000"  HOLD=20  WARMUP=10  HTTP_PORT=19480  RTMP_PORT=19450
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
source ./bench/lib.sh
VIEWERS=${VIEWERS:-0 100 500 1000 2000}
HOLD=${HOLD:-20}
HTTP_PORT=${HTTP_PORT:-19480}
RTMP_PORT=${RTMP_PORT:-19450}
ulimit -n "$(ulimit -Hn)"
bench_setup "${1:-}"

cat > "$work/cascade.conf" <<CONF
http $HTTP_PORT;
rtmp $RTMP_PORT;
segment_duration 2;
max_connections 1000000;
max_connections_per_ip 1000000;
stream s { input publish://; }
CONF
java -jar target/cascade.jar "$work/cascade.conf" > "$work/cascade.log" 2>&1 &
cascade_pid=$!
pids+=("$cascade_pid")
sleep 3
rtmp_url="rtmp://127.0.0.1:$RTMP_PORT/static/s"
ts_url="http://127.0.0.1:$HTTP_PORT/s/mpegts"
ffmpeg -nostdin -loglevel error -re -stream_loop -1 -i "$clip" -c copy -f flv "$rtmp_url" > "$work/ffmpeg.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 30); do
  timeout 10 ffprobe -v error -show_entries stream=codec_name -of csv=p=0 "$ts_url" 2>/dev/null | grep -q h264 && break
  sleep 1
done

load() { # class label url viewers
  java -Xmx1g -XX:+UseSerialGC -cp target/cascade.jar:target/test-classes "io.cascade.bench.$1" \
    "$3" "$4" "$HOLD" --label "$2" --pids "$cascade_pid" --ticks "$(getconf CLK_TCK)" | tee /dev/stderr | grep '^RESULT'
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

java -cp target/cascade.jar:target/test-classes io.cascade.bench.RtmpViewerLoad "$rtmp_url" 200 "${WARMUP:-10}" > /dev/null
java -cp target/cascade.jar:target/test-classes io.cascade.bench.TsViewerLoad "$ts_url" 200 "${WARMUP:-10}" > /dev/null
echo "clip: $(clip_summary "$clip"), hold ${HOLD}s per step, $(nproc) cores, $(uname -r)"
echo "Cascade: $(java -version 2>&1 | head -1), default JVM options"
echo
echo "| viewers | protocol | playing | min receiving | drops | Mbit/s | per viewer | max lag ms | CPU % of a core | RSS MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for n in $VIEWERS; do
  for proto in rtmp tshttp; do
    if [ "$proto" = rtmp ]; then r=$(load RtmpViewerLoad rtmp "$rtmp_url" "$n"); else r=$(load TsViewerLoad tshttp "$ts_url" "$n"); fi
    echo "| $n | $proto | $(field playing "$r") | $(field min_receiving "$r") | $(field drops_total "$r") | $(field mbps "$r")" \
      "| $(field per_viewer_mbps "$r") | $(field max_lag_ms "$r") | $(field cpu_pct "$r") | $(field rss_mib "$r") |"
    sleep 3
  done
done
