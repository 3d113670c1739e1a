#!/usr/bin/env bash
# DVR recording cost (issue 7): two servers run side by side with the same N looped streams of
# CLIP, one recording every stream (`dvr DIR 3m`), one live only. After a warm-up, the CPU time
# of each process (/proc/PID/stat utime+stime) and the bytes it wrote (/proc/PID/io
# write_bytes) are read at the start and end of the same window, so load from other processes
# hits both alike; the difference per stream is the recording's cost.
# Usage: bench/dvr-recording.sh [CLIP]   Env: STREAMS (default "10 50 200"), WARMUP (s, 30),
# WINDOW (s, 60), DVR_DIR (folder for the archive, default a temporary folder on the disk
# under the build folder: not /dev/shm, the disk is what is measured), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
source ./bench/lib.sh
STREAMS=${STREAMS:-10 50 200}
WARMUP=${WARMUP:-30}
WINDOW=${WINDOW:-60}
LIVE_PORT=${LIVE_PORT:-18090}
DVR_PORT=${DVR_PORT:-18091}
bench_setup "${1:-}"
disk=${DVR_DIR:-target}
mkdir -p "$disk"
disk=$(mktemp -d "$(realpath "$disk")/dvr-recording.XXXXXX")
trap 'cleanup; rm -rf "$disk"' EXIT
hz=$(getconf CLK_TCK)

cpu_ticks() { # utime + stime of a process, all its threads
  sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}
written() { awk '/^write_bytes/ { print $2 }' "/proc/$1/io"; }
config() { # port n [dvr]
  echo "http $1;"
  echo "segments 4;"
  for i in $(seq 1 "$2"); do
    if [ -n "${3:-}" ]; then
      echo "stream s$i { input \"file://$clip\"; dvr \"$disk/archive\" 3m; }"
    else
      echo "stream s$i { input \"file://$clip\"; }"
    fi
  done
}
start() { # name conf: the server's pid in pids and $started
  java -Xms1g -Xmx4g -jar target/cascade.jar "$2" > "$work/$1.log" 2>&1 &
  started=$!
  pids+=("$started")
}
wait_live() { # port n
  local i s
  for s in 1 "$2"; do
    for i in $(seq 1 300); do
      curl -fs "http://127.0.0.1:$1/s$s/mono.m3u8" 2>/dev/null | grep -q 'EXTINF' && break
      sleep 0.2
    done
  done
}

echo "clip: $(clip_summary "$clip"); $(nproc) cores; $(java -version 2>&1 | head -1)"
echo "window ${WINDOW} s after a ${WARMUP} s warm-up; archive on $(df --output=source,fstype "$disk" | tail -1 | tr -s ' ')"
echo
echo "| streams | live only: cores | with DVR: cores | extra per recorded stream | written by the DVR server | clip rate × streams | segment files/s (expected) | load average |"
echo "|---|---|---|---|---|---|---|---|"
for n in $STREAMS; do
  rm -rf "$disk/archive"
  config "$LIVE_PORT" "$n" > "$work/live.conf"
  config "$DVR_PORT" "$n" dvr > "$work/dvr.conf"
  start live "$work/live.conf"; live=$started
  start dvr "$work/dvr.conf"; dvr=$started
  wait_live "$LIVE_PORT" "$n"
  wait_live "$DVR_PORT" "$n"
  sleep "$WARMUP"
  l0=$(cpu_ticks "$live"); d0=$(cpu_ticks "$dvr"); w0=$(written "$dvr"); lw0=$(written "$live")
  f0=$(find "$disk/archive" -name '*.m4s' | wc -l)
  sleep "$WINDOW"
  l1=$(cpu_ticks "$live"); d1=$(cpu_ticks "$dvr"); w1=$(written "$dvr"); lw1=$(written "$live")
  f1=$(find "$disk/archive" -name '*.m4s' | wc -l)
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  others=$(ps -eo pcpu=,comm= --sort=-pcpu | grep -v -e ' java$' -e ' ps$' | head -3 | awk '{ printf "%s%s %s%%", s, $2, $1; s=", " }')
  bits=$(ffprobe -v error -show_entries format=bit_rate -of default=nw=1:nk=1 "$clip")
  awk -v n="$n" -v hz="$hz" -v w="$WINDOW" -v l="$((l1 - l0))" -v d="$((d1 - d0))" \
      -v wb="$((w1 - w0))" -v lwb="$((lw1 - lw0))" -v f="$((f1 - f0))" -v bits="$bits" -v load="$load" 'BEGIN {
    lc = l / hz / w; dc = d / hz / w;
    printf "| %d | %.3f | %.3f | %.3f %% of a core | %.1f MB/s (live-only server: %.2f) | %.1f MB/s | %.1f (%.1f) | %s |\n",
      n, lc, dc, (dc - lc) / n * 100, wb / w / 1e6, lwb / w / 1e6, bits * n / 8 / 1e6, f / w, n / 2, load }'
  echo "  other processes at the end of the window (top CPU, ps lifetime average): $others" >&2
  stop_started
done
