-- Traces (platform tracing/Tracing): the outbox keeps the W3C trace context of the step that wrote an event, so the
-- relay can send it on in the event (ce_traceparent); case_traces keeps each case's trace, the one every later step
-- of the case joins (a timer, an async continuation, a person's next action), so one case's loop is one trace.
-- Written only while tracing is on; pruned with the inbox.
ALTER TABLE outbox ADD COLUMN traceparent varchar(55);
CREATE TABLE case_traces (
    request_id  varchar(200) PRIMARY KEY,
    traceparent varchar(55)  NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX case_traces_created_at ON case_traces USING brin (created_at);
-- a parked event keeps its trace context for when it is re-driven
ALTER TABLE parked_event ADD COLUMN traceparent varchar(55);
