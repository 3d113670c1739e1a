#!/usr/bin/env bash
# Runs every test: unit tests (surefire) and integration tests with ffmpeg/ffprobe (failsafe).
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
exec mvn -B -ntp verify "$@"
