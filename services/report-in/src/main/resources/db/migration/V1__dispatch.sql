-- One whistle round of a request: what the departments must fix, and whether they are done.
CREATE TABLE dispatch (
    id           VARCHAR(80)   PRIMARY KEY,          -- request id '/' round
    request_id   VARCHAR(64)   NOT NULL,
    round        INT           NOT NULL,
    category     VARCHAR(64),
    description  VARCHAR(4000),
    grid_code    VARCHAR(15),
    district     VARCHAR(6),
    latitude     DOUBLE PRECISION,
    longitude    DOUBLE PRECISION,
    address      VARCHAR(500),
    status       VARCHAR(16)   NOT NULL,
    fallback     BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMPTZ   NOT NULL,
    resolved_at  TIMESTAMPTZ,
    version      BIGINT        NOT NULL DEFAULT 0,
    UNIQUE (request_id, round)
);
CREATE INDEX dispatch_grid ON dispatch (grid_code, created_at DESC);

-- A department called by a dispatch round: lead or co-handling, its limits and its answer.
CREATE TABLE department_assignment (
    id                 VARCHAR(160)  PRIMARY KEY,    -- request id '/' round '/' department
    request_id         VARCHAR(64)   NOT NULL,
    round              INT           NOT NULL,
    department         VARCHAR(64)   NOT NULL,
    role               VARCHAR(8)    NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    report_in_due      TIMESTAMPTZ   NOT NULL,
    resolve_due        TIMESTAMPTZ   NOT NULL,
    reported_in_at     TIMESTAMPTZ,
    answered_at        TIMESTAMPTZ,
    result             VARCHAR(16),
    note               VARCHAR(2000),
    report_in_missed   BOOLEAN       NOT NULL DEFAULT FALSE,
    resolution_missed  BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at         TIMESTAMPTZ   NOT NULL,
    version            BIGINT        NOT NULL DEFAULT 0,
    UNIQUE (request_id, round, department)
);
-- a department's list, newest first
CREATE INDEX department_assignment_department ON department_assignment (department, created_at DESC);
CREATE INDEX department_assignment_department_status ON department_assignment (department, status);
