-- The outbox keeps each event's CloudEvents attributes in columns and its payload (data) as JSON, the way the relay
-- sends them: binary content mode, attributes as ce_* headers. Rows written before (the whole event as structured
-- JSON in payload) are converted in place. Platform migrations run out of order beside each service's own.
ALTER TABLE outbox ADD COLUMN source     VARCHAR(200);
ALTER TABLE outbox ADD COLUMN event_time TIMESTAMPTZ;
ALTER TABLE outbox ADD COLUMN actor      VARCHAR(200);
ALTER TABLE outbox ADD COLUMN actor_role VARCHAR(50);
UPDATE outbox SET source = payload::jsonb ->> 'source',
                  event_time = (payload::jsonb ->> 'time')::timestamptz,
                  actor = payload::jsonb ->> 'actor',
                  actor_role = payload::jsonb ->> 'actorrole',
                  payload = (payload::jsonb -> 'data')::text;
ALTER TABLE outbox ALTER COLUMN source SET NOT NULL;
