-- Per grid and day pre-aggregates of the evaluation facts (全程评价), so that a district's or a year's figures add up
-- a few thousand rows instead of scanning millions of facts. They are kept by triggers on the fact tables, in the
-- transaction that changes a fact: a row's old contribution is taken away and its new one added. The trigger
-- functions are generated at startup from the figure and stage definitions in code (Kpi, CycleStage; see
-- Aggregates.java), and the tables are rebuilt from the facts whenever those definitions change.

-- A figure's numerator and denominator over the facts of one grid and day (the day as in the fact tables).
CREATE TABLE kpi_day (
    grid_code    VARCHAR(15) NOT NULL,
    day          DATE        NOT NULL,
    figure       VARCHAR(32) NOT NULL,
    numerator    BIGINT      NOT NULL,
    denominator  BIGINT      NOT NULL,
    PRIMARY KEY (grid_code, day, figure)
);
CREATE INDEX kpi_day_unit_day ON kpi_day (grid_code text_pattern_ops, day);

-- A histogram of a stage's cycle times over the cases of one grid and day: log buckets 5 % wide, each with the
-- count, the sum of the seconds (so a bucket's mean is known) and the largest value seen.
CREATE TABLE cycle_day (
    grid_code    VARCHAR(15)      NOT NULL,
    day          DATE             NOT NULL,
    stage        VARCHAR(32)      NOT NULL,
    bucket       INT              NOT NULL,
    cases        BIGINT           NOT NULL,
    seconds      DOUBLE PRECISION NOT NULL,
    max_seconds  DOUBLE PRECISION,
    PRIMARY KEY (grid_code, day, stage, bucket)
);
CREATE INDEX cycle_day_unit_day ON cycle_day (grid_code text_pattern_ops, day);

-- The definition (generated SQL) the aggregates were last built with.
CREATE TABLE aggregate_definition (
    name        VARCHAR(64) PRIMARY KEY,
    definition  TEXT        NOT NULL,
    built_at    TIMESTAMPTZ NOT NULL
);
