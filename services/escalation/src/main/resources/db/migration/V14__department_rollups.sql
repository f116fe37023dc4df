-- A department's figures within an area (街道对职能部门的评价: a street, a district or the city reading how a
-- department served it), kept like the area units' (V12) but keyed by the department and, at the base, by street: the
-- CASES figures over the cases the department was called to, its calls' (RESPONSE, DEPT_) and escalations' figures,
-- and the cycle-time histograms of those cases (repository/Aggregates, Rollup.DEPT_KPI and DEPT_CYCLE).
-- The fact triggers only append to the *_delta tables (a street's day gathers fifty grids' calls: upserting it from
-- every batch would make hot rows); the fold moves the deltas into the day tables and the roll-ups (districts' and
-- the city's days, months and years; streets' months and years for the figures), and reads add the deltas not
-- folded yet for every day they cover. A community's or a grid's view of a department is read from the facts.
CREATE TABLE dept_kpi_day (
    street_code  VARCHAR(15)  NOT NULL,
    day          DATE         NOT NULL,
    department   VARCHAR(100) NOT NULL,
    figure       VARCHAR(32)  NOT NULL,
    numerator    BIGINT       NOT NULL,
    denominator  BIGINT       NOT NULL,
    PRIMARY KEY (street_code, day, department, figure)
);
CREATE INDEX dept_kpi_day_unit_day ON dept_kpi_day (street_code text_pattern_ops, day);

CREATE TABLE dept_kpi_delta (
    street_code  VARCHAR(15)  NOT NULL,
    day          DATE         NOT NULL,
    department   VARCHAR(100) NOT NULL,
    figure       VARCHAR(32)  NOT NULL,
    numerator    BIGINT       NOT NULL,
    denominator  BIGINT       NOT NULL
);

CREATE TABLE dept_kpi_rollup (
    unit         VARCHAR(15)  NOT NULL,
    grain        CHAR(1)      NOT NULL CHECK (grain IN ('D', 'M', 'Y')),
    start        DATE         NOT NULL,
    department   VARCHAR(100) NOT NULL,
    figure       VARCHAR(32)  NOT NULL,
    numerator    BIGINT       NOT NULL,
    denominator  BIGINT       NOT NULL,
    PRIMARY KEY (unit, grain, start, department, figure)
);

CREATE TABLE dept_cycle_day (
    street_code  VARCHAR(15)      NOT NULL,
    day          DATE             NOT NULL,
    department   VARCHAR(100)     NOT NULL,
    stage        VARCHAR(32)      NOT NULL,
    bucket       INT              NOT NULL,
    cases        BIGINT           NOT NULL,
    seconds      DOUBLE PRECISION NOT NULL,
    max_seconds  DOUBLE PRECISION,
    PRIMARY KEY (street_code, day, department, stage, bucket)
);
CREATE INDEX dept_cycle_day_unit_day ON dept_cycle_day (street_code text_pattern_ops, day);

CREATE TABLE dept_cycle_delta (
    street_code  VARCHAR(15)      NOT NULL,
    day          DATE             NOT NULL,
    department   VARCHAR(100)     NOT NULL,
    stage        VARCHAR(32)      NOT NULL,
    bucket       INT              NOT NULL,
    cases        BIGINT           NOT NULL,
    seconds      DOUBLE PRECISION NOT NULL,
    max_seconds  DOUBLE PRECISION
);

CREATE TABLE dept_cycle_rollup (
    unit         VARCHAR(15)      NOT NULL,
    grain        CHAR(1)          NOT NULL CHECK (grain IN ('D', 'M', 'Y')),
    start        DATE             NOT NULL,
    department   VARCHAR(100)     NOT NULL,
    stage        VARCHAR(32)      NOT NULL,
    bucket       INT              NOT NULL,
    cases        BIGINT           NOT NULL,
    seconds      DOUBLE PRECISION NOT NULL,
    max_seconds  DOUBLE PRECISION,
    PRIMARY KEY (unit, grain, start, department, stage, bucket)
);
