-- 每月一题: a unit's supervisor picks the month's high-frequency problem (a category in the unit's area), tracks its
-- cases and figures on one page, and closes it with a summary. One topic per unit and month.
CREATE TABLE monthly_topic (
    id          VARCHAR(40)   PRIMARY KEY,
    unit        VARCHAR(15)   NOT NULL,
    month       DATE          NOT NULL,
    category    VARCHAR(64)   NOT NULL,
    title       VARCHAR(200)  NOT NULL,
    goal        VARCHAR(1000),
    opened_by   VARCHAR(200)  NOT NULL,
    opened_at   TIMESTAMPTZ   NOT NULL,
    closed_by   VARCHAR(200),
    closed_at   TIMESTAMPTZ,
    summary     VARCHAR(4000),
    UNIQUE (unit, month)
);
CREATE INDEX monthly_topic_unit ON monthly_topic (unit text_pattern_ops, month);
