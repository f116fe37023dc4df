#!/bin/bash
cd /tmp/cdc
PGB=$(ls -d /tmp/embedded-pg/PG-*/bin | head -1)
Q() { psql -h 127.0.0.1 -p 5499 -U postgres -d gridloop -Atc "$1"; }
runuser -u postgres -- $PGB/postgres -D /tmp/cdc/pgdata -p 5499 -c wal_level=logical > pg.log 2>&1 &
sleep 4
PM=$(head -1 /tmp/cdc/pgdata/postmaster.pid); END=$(Q "select pg_current_wal_lsn()")
Q "select slot_name, confirmed_flush_lsn from pg_replication_slots"; echo "end $END"
ct() { awk '{print $16 + $17}' /proc/$PM/stat; }
for s in grid_intake report_in escalation; do
  c0=$(ct); t0=$(date +%s%N)
  pg_recvlogical -h 127.0.0.1 -p 5499 -U postgres -d gridloop --slot slot_$s --start --endpos $END -o proto_version=1 -o publication_names=pub_$s -f /tmp/cdc/out_$s.bin --no-loop
  sleep 0.5; c1=$(ct); t1=$(date +%s%N)
  echo "$s: walsender cpu $(( (c1 - c0) * 10 )) ms, wall $(( (t1 - t0) / 1000000 - 500 )) ms, out $(stat -c %s out_$s.bin) B"
done
kill -INT $PM
