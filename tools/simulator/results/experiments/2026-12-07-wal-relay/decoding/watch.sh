#!/bin/bash
# waits for the bench's PostgreSQL and the three outboxes, then creates a publication and a pgoutput slot per outbox
D=/work/main/tools/simulator/target/bench-home/postgres
until [ "$(sed -n 8p $D/postmaster.pid 2>/dev/null)" = "ready   " ]; do sleep 1; done
PORT=$(sed -n 4p $D/postmaster.pid)
echo "port $PORT"
Q() { psql -h 127.0.0.1 -p $PORT -U postgres -d gridloop -Atc "$1"; }
until [ "$(Q "select count(*) from information_schema.tables where table_name='outbox' and table_schema in ('grid_intake','report_in','escalation')" 2>/dev/null)" = "3" ]; do sleep 1; done
Q "show wal_level"
for s in grid_intake report_in escalation; do
  Q "create publication pub_$s for table $s.outbox with (publish = 'insert')"
  Q "select pg_create_logical_replication_slot('slot_$s', 'pgoutput')"
done
echo "created $(date +%T) lsn $(Q 'select pg_current_wal_lsn()') closed $(Q "select count(*) from grid_intake.service_request where status='CLOSED'")"
# then every 10 s: lsn and closed, so the end of the run is known
while Q "select 1" >/dev/null 2>&1; do
  echo "$(date +%T) lsn $(Q 'select pg_current_wal_lsn()') closed $(Q "select count(*) from grid_intake.service_request where status='CLOSED'")"
  sleep 10
done
