-- 未诉先办 at a district's and the city's scale: their repeated places over the default window (the last 90 days,
-- 3 reports or more) take seconds to count from the facts at 2 000 grids, so a chore counts them every few minutes
-- (application/RepeatedPlaces) and the API serves the list from here, saying when it was counted; a street's or a
-- grid's list, or another window, is counted when asked. The proactive cases opened over a place are read fresh.
CREATE TABLE repeated_place_list (
    unit         VARCHAR(15) PRIMARY KEY,   -- the unit's code prefix (a city's first four digits)
    since        DATE        NOT NULL,
    until        DATE        NOT NULL,
    min_cases    INT         NOT NULL,
    counted_at   TIMESTAMPTZ NOT NULL,
    places       JSONB       NOT NULL       -- HotspotQueries.Place, most reported first
);
