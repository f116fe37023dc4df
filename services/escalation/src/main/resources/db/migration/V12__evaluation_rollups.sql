-- Roll-ups of the evaluation aggregates per unit and period (issue 14: a district's or the city's figures, rankings
-- and hotspots in < 200 ms at 2 000 grids and two years), kept without hot rows on the write path:
-- * the fact triggers (repository/Aggregates) keep the per grid and day tables as before and append the same net
--   change, insert-only, to a *_delta table (no key, nothing to wait for);
-- * a fold (one instance at a time, every second) moves the deltas into the *_rollup tables in one statement per
--   table, in key order: the rows of every community, street, district and city (unit = the code prefix a unit
--   covers, as in UnitScope.prefixOf) per day (grain D), month (M) and year (Y), and of every grid per month and year
--   (a grid's days are the *_day tables themselves);
-- * a read adds the roll-up rows covering its period (years, months, then days at the edges: repository/Spans) and
--   the deltas not folded yet, so it is exact whenever it runs.
CREATE TABLE kpi_delta (
    grid_code    VARCHAR(15) NOT NULL,
    day          DATE        NOT NULL,
    figure       VARCHAR(32) NOT NULL,
    numerator    BIGINT      NOT NULL,
    denominator  BIGINT      NOT NULL
);
CREATE TABLE cycle_delta (
    grid_code    VARCHAR(15)      NOT NULL,
    day          DATE             NOT NULL,
    stage        VARCHAR(32)      NOT NULL,
    bucket       INT              NOT NULL,
    cases        BIGINT           NOT NULL,
    seconds      DOUBLE PRECISION NOT NULL,
    max_seconds  DOUBLE PRECISION
);
CREATE TABLE category_delta (
    grid_code  VARCHAR(15) NOT NULL,
    day        DATE        NOT NULL,
    category   VARCHAR(64) NOT NULL,
    source     VARCHAR(16) NOT NULL,
    cases      BIGINT      NOT NULL
);

CREATE TABLE kpi_rollup (
    unit         VARCHAR(15) NOT NULL,
    grain        CHAR(1)     NOT NULL CHECK (grain IN ('D', 'M', 'Y')),
    start        DATE        NOT NULL,
    figure       VARCHAR(32) NOT NULL,
    numerator    BIGINT      NOT NULL,
    denominator  BIGINT      NOT NULL,
    PRIMARY KEY (unit, grain, start, figure)
);
-- rankings: the units of one level under a prefix, one period
CREATE INDEX kpi_rollup_period ON kpi_rollup (grain, start, unit text_pattern_ops);

CREATE TABLE cycle_rollup (
    unit         VARCHAR(15)      NOT NULL,
    grain        CHAR(1)          NOT NULL CHECK (grain IN ('D', 'M', 'Y')),
    start        DATE             NOT NULL,
    stage        VARCHAR(32)      NOT NULL,
    bucket       INT              NOT NULL,
    cases        BIGINT           NOT NULL,
    seconds      DOUBLE PRECISION NOT NULL,
    max_seconds  DOUBLE PRECISION,
    PRIMARY KEY (unit, grain, start, stage, bucket)
);

CREATE TABLE category_rollup (
    unit       VARCHAR(15) NOT NULL,
    grain      CHAR(1)     NOT NULL CHECK (grain IN ('D', 'M', 'Y')),
    start      DATE        NOT NULL,
    category   VARCHAR(64) NOT NULL,
    source     VARCHAR(16) NOT NULL,
    cases      BIGINT      NOT NULL,
    PRIMARY KEY (unit, grain, start, category, source)
);
-- hotspots: the grids' (category, source) counts under a prefix, one period
CREATE INDEX category_rollup_period ON category_rollup (grain, start, unit text_pattern_ops);
