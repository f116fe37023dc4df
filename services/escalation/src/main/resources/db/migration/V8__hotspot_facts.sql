-- 未诉先办 (proactive governance) and the figures of issue 14 item 6: a case's fact says what the problem is
-- (category: the report's, replaced by the one it was accepted as), how it was found (source: resident, patrol,
-- open311, proactive), where in a coarse place key (a cell of about 200 m, see domain/PlaceKey), whether no routing
-- rule matched so the district took it (兜底, fallback), and when a person first took it in hand (first contact).
-- Facts written before this migration have none of these until the read model is rebuilt from the topics
-- (POST /api/admin/read-model/rebuild), which derives them from the events.
ALTER TABLE case_fact ADD COLUMN category          VARCHAR(64);
ALTER TABLE case_fact ADD COLUMN category_accepted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE case_fact ADD COLUMN source            VARCHAR(16);
ALTER TABLE case_fact ADD COLUMN place_key         VARCHAR(32);
ALTER TABLE case_fact ADD COLUMN fallback          BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE case_fact ADD COLUMN first_contact_at  TIMESTAMPTZ;

-- repeated problems at one place: the cases of a place and category, closed ones included
CREATE INDEX case_fact_place ON case_fact (place_key, category, day) WHERE place_key IS NOT NULL;

-- Reports per grid, day, category and source (rejected reports left out; merged duplicates counted: a repeated
-- report is what a hotspot is made of), kept by the case_fact triggers like kpi_day (repository/Aggregates), so a
-- district's category counts for a month add up grid-days, not cases.
CREATE TABLE category_day (
    grid_code  VARCHAR(15) NOT NULL,
    day        DATE        NOT NULL,
    category   VARCHAR(64) NOT NULL,
    source     VARCHAR(16) NOT NULL,
    cases      BIGINT      NOT NULL,
    PRIMARY KEY (grid_code, day, category, source)
);
CREATE INDEX category_day_unit_day ON category_day (grid_code text_pattern_ops, day);
