#!/usr/bin/env bash
# Builds Cascade and runs it: with no argument the built-in demo, else the given config file.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/jdk.sh
mvn -B -ntp -q package -DskipTests
exec java -jar target/cascade.jar "$@"
