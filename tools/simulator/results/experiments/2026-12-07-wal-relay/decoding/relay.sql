\set k random(1, 1000000000)
INSERT INTO grid_intake.outbox (event_id, topic, record_key, event_type, source, event_time, actor, actor_role, payload, created_at, traceparent) SELECT 'e-' || :k || '-' || g, 'gridloop.requests', 'r-' || :k, 'gridloop.request.claimed.v1', 'grid-intake', now(), 'worker-1', 'grid_worker', repeat('x', 420), now(), NULL FROM generate_series(1, 4) g;
BEGIN;
SELECT pg_try_advisory_xact_lock(hashtext('gridloop-outbox-relay:grid_intake'));
SELECT id, topic, record_key, event_id, event_type, source, event_time, actor, actor_role, payload, traceparent FROM grid_intake.outbox ORDER BY id LIMIT 100;
DELETE FROM grid_intake.outbox WHERE id = ANY (ARRAY(SELECT id FROM grid_intake.outbox ORDER BY id LIMIT 100));
COMMIT;
