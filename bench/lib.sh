# Sourced by the benchmarks: build, clip, cleanup and a java launcher.
work=$(mktemp -d)
pids=()
stop_started() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
cleanup() { stop_started; rm -rf "$work"; }
trap cleanup EXIT

# bench_setup [CLIP [demo]]: builds the jar and the benchmark classes (unless SKIP_BUILD=1), sets
# $clip. Without CLIP: the demo clip bundled in the jar when "demo" is given, else the shared
# 720p test clip, else one made with ffmpeg.
bench_setup() {
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    mvn -B -ntp -q package -DskipTests >&2
  fi
  clip=${1:-}
  if [ -z "$clip" ] && [ "${2:-}" = demo ]; then
    clip="$work/demo.mp4"
    unzip -p target/cascade.jar demo/demo.mp4 > "$clip"
  fi
  if [ -z "$clip" ] && [ -f ../shared/media/clip.mp4 ]; then
    clip=../shared/media/clip.mp4
  fi
  if [ -z "$clip" ]; then
    clip="$work/clip.mp4"
    ffmpeg -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=25 \
      -f lavfi -i sine=frequency=440:sample_rate=48000 -t 20 -map 0:v -map 1:a \
      -c:v libx264 -preset veryfast -pix_fmt yuv420p -b:v 2M -maxrate 2M -bufsize 4M \
      -g 50 -keyint_min 50 -sc_threshold 0 -c:a aac -b:a 128k -movflags +faststart "$clip"
  fi
  clip=$(realpath "$clip")
}

clip_summary() {
  ffprobe -v error -select_streams v:0 -show_entries stream=width,height,avg_frame_rate:format=bit_rate,duration \
    -of default=nw=1:nk=1 "$1" | paste -sd' ' | awk '{ printf "%sx%s %s fps, %.1f Mbit/s, %.0f s", $1, $2, $3, $5/1e6, $4 }'
}

# bench_java CLASS ARGS…: runs a benchmark main; its Markdown rows go to stdout, the log to $work.
bench_java() {
  local log="$work/$1.log"
  java --enable-native-access=ALL-UNNAMED -cp target/cascade.jar:target/test-classes "$@" >"$log" 2>&1 || {
    echo "$1 failed:" >&2; tail -20 "$log" >&2; return 1; }
  grep '^|' "$log" || true
  grep 'had no matching\|relay minus' "$log" >&2 || true
}

# start_nginx ROOT PORT: nginx serving ROOT's files (.ts, .m4s) on 127.0.0.1:PORT the way a
# tuned static server does (sendfile, tcp_nopush, no access log), stopped with the others.
start_nginx() {
  mkdir -p "$work/nginx"
  cat > "$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on; tcp_nopush on; keepalive_requests 1000000;
  types { video/mp2t ts; video/iso.segment m4s; }
  server { listen 127.0.0.1:$2; root $1; }
}
CONF
  nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
  pids+=($!)
  sleep 1
}
