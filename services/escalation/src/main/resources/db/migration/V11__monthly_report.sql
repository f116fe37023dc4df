-- 通报: a unit's monthly report, issued at month end for every street, district and city with cases that month
-- ('scheduled', once per unit and month) and on demand by a supervisor ('on-demand', as often as asked). What it
-- says is kept as issued (content): a report read or printed later says what it said that day.
CREATE TABLE monthly_report (
    id            VARCHAR(40)   PRIMARY KEY,
    unit          VARCHAR(15)   NOT NULL,
    month         DATE          NOT NULL,
    issued        VARCHAR(16)   NOT NULL CHECK (issued IN ('scheduled', 'on-demand')),
    generated_by  VARCHAR(200),
    generated_at  TIMESTAMPTZ   NOT NULL,
    content       JSONB         NOT NULL
);
CREATE UNIQUE INDEX monthly_report_scheduled ON monthly_report (unit, month) WHERE issued = 'scheduled';
CREATE INDEX monthly_report_unit ON monthly_report (unit text_pattern_ops, month, generated_at);

-- The month-end runs: an instance leases a month's run (claimed_by, lease_until) before composing anything, so two
-- instances do not both compose every unit's report; a run cut short (a restart, a unit that failed) is taken up
-- again once its lease ran out, until it finishes (finished_at).
CREATE TABLE monthly_report_run (
    month        DATE          PRIMARY KEY,
    claimed_by   VARCHAR(100)  NOT NULL,
    lease_until  TIMESTAMPTZ   NOT NULL,
    units        INTEGER,
    failed       INTEGER,
    finished_at  TIMESTAMPTZ
);
