-- Events a consumer could not apply after retrying (a bug, data it cannot take yet): parked with the reason, so the
-- partition goes on. Later events of the same request are parked behind them, keeping the request's order. A
-- re-driver retries the oldest of each request with a growing pause; after the last attempt it stays DEAD until an
-- operator replays it (POST /api/admin/parked-events/replay) or drops it.
CREATE TABLE parked_event (
    id               BIGSERIAL     PRIMARY KEY,
    consumer         VARCHAR(100)  NOT NULL,
    record_key       VARCHAR(200),
    event_id         VARCHAR(64)   NOT NULL,
    event_type       VARCHAR(200)  NOT NULL,
    source           VARCHAR(200)  NOT NULL,
    event_time       TIMESTAMPTZ,
    actor            VARCHAR(200),
    actor_role       VARCHAR(50),
    payload          TEXT          NOT NULL,
    topic            VARCHAR(200)  NOT NULL,
    kafka_partition  INT           NOT NULL,
    kafka_offset     BIGINT        NOT NULL,
    reason           TEXT          NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    status           VARCHAR(16)   NOT NULL,
    next_attempt_at  TIMESTAMPTZ   NOT NULL,
    parked_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    UNIQUE (consumer, event_id)
);
CREATE INDEX parked_event_key ON parked_event (consumer, record_key, id);
