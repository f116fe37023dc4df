\set k random(1, 1000000000)
BEGIN;
INSERT INTO grid_intake.outbox (event_id, topic, record_key, event_type, source, event_time, actor, actor_role, payload, created_at, traceparent) SELECT 'e-' || :k || '-' || g, 'gridloop.requests', 'r-' || :k, 'gridloop.request.claimed.v1', 'grid-intake', now(), 'worker-1', 'grid_worker', repeat('x', 420), now(), NULL FROM generate_series(1, 4) g;
DELETE FROM grid_intake.outbox WHERE event_id = ANY (ARRAY['e-' || :k || '-1', 'e-' || :k || '-2', 'e-' || :k || '-3', 'e-' || :k || '-4']);
COMMIT;
