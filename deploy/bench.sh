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
# the load generator compiles with C1 only, like the services and the broker: its C2 compiler took 12 core-seconds
# in a 160 s run (as much as its own work), in bursts of up to half a core on the two cores it shares with the loop
exec java -XX:TieredStopAtLevel=1 -Dgridloop.root="$root" -jar tools/simulator/target/gridloop-simulator-0.1.0-SNAPSHOT.jar --bench "$@"
