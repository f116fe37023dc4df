-- The limits the routing table (dispatch-routing.dmn) stated for the round's category, as written there (NWD, NWH or
-- ISO-8601): departments called later into the round (re-routed, convened) and a reopened round count with them.
-- NULL: the configured report-in limit and the limit class's resolution limit.
ALTER TABLE dispatch ADD COLUMN report_in_limit VARCHAR(32);
ALTER TABLE dispatch ADD COLUMN resolve_limit VARCHAR(32);
