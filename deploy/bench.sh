#!/usr/bin/env bash
# The benchmark: builds GridLoop, starts its own local stack, ramps simulated load through the public APIs, measures
# (closed loops/s, latencies, commits and Kafka messages per loop, RSS, pgbench on the same PostgreSQL) and writes
# tools/simulator/results/latest.{json,md,html}. Extra arguments go to the simulator, e.g. --scale 10000000.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${GRIDLOOP_SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -q -B -DskipTests install
fi
exec java -Dgridloop.root="$root" -jar tools/simulator/target/gridloop-simulator-0.1.0-SNAPSHOT.jar --bench "$@"
