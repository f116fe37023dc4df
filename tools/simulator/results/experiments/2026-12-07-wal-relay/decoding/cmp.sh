#!/bin/bash
cd /tmp/cdc
PGB=$(ls -d /tmp/embedded-pg/PG-*/bin | head -1)
runuser -u postgres -- $PGB/postgres -D /tmp/cdc/pgdata -p 5499 -c wal_level=logical > pg.log 2>&1 &
sleep 4
PM=$(head -1 /tmp/cdc/pgdata/postmaster.pid)
ct() { awk '{print $16 + $17}' /proc/$PM/stat; }
run() { local name=$1; shift; psql -h 127.0.0.1 -p 5499 -U postgres -d gridloop -qc "vacuum grid_intake.outbox"; c0=$(ct)
  out=$(pgbench -h 127.0.0.1 -p 5499 -U postgres -n "$@" gridloop 2>&1 | grep -E "^tps")
  sleep 0.5; c1=$(ct); echo "$name: server cpu $(( (c1 - c0) * 10 )) ms; $out"; }
for i in 1 2 3; do
run "step insert tx + relay round" -t 3000 -c 1 -f relay.sql
run "step insert + delete in one tx" -t 3000 -c 1 -f cdcstep.sql
done
run "step insert tx alone" -t 3000 -c 1 -f ins.sql
kill -INT $PM
