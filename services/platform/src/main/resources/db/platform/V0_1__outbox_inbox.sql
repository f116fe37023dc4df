-- Shared by every service, created in the service's own schema (Flyway's search path).

-- Transactional outbox: a state change and the events announcing it commit together; the relay publishes
-- rows in id order and deletes them once Kafka acknowledged them.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    event_id    VARCHAR(64)  NOT NULL UNIQUE,
    topic       VARCHAR(200) NOT NULL,
    record_key  VARCHAR(200),
    event_type  VARCHAR(200) NOT NULL,
    payload     TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Inbox (message log): the events each consumer has applied. A repeat delivery finds its row and is skipped.
CREATE TABLE inbox (
    consumer    VARCHAR(100) NOT NULL,
    event_id    VARCHAR(64)  NOT NULL,
    event_type  VARCHAR(200) NOT NULL,
    applied_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
