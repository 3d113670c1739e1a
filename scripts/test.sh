#!/usr/bin/env bash
# Runs every test: unit tests (surefire) and integration tests with ffmpeg/ffprobe, VLC and the
# browser players (failsafe). The web players (hls.js, dash.js, playwright-core, pinned in
# web/package-lock.json) are installed first when npm is there and they are not.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
if command -v npm >/dev/null && [ ! -d web/node_modules ]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error) \
    || echo "test.sh: npm ci in web/ failed; the browser test will be skipped" >&2
fi
exec mvn -B -ntp verify "$@"
