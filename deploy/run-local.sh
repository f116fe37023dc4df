#!/usr/bin/env bash
# Runs all of GridLoop on this machine: builds it (first time: downloads Maven and the dependencies), starts a real
# PostgreSQL and a real Kafka broker from Maven artifacts, the three services, and prints URLs and demo tokens.
# Ctrl-C stops everything. Use an existing database or broker with GRIDLOOP_EXTERNAL_PG=host:port
# (GRIDLOOP_PG_USER, GRIDLOOP_PG_PASSWORD) and GRIDLOOP_EXTERNAL_KAFKA=host:port.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${GRIDLOOP_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -B -DskipTests install
fi
exec java -Dgridloop.root="$root" -jar tools/local-stack/target/gridloop-local-stack-0.1.0-SNAPSHOT.jar "$@"
