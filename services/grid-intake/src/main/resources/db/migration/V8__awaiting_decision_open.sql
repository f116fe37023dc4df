-- AWAITING_DECISION (a department answered PARTLY or CANNOT_FIX, the grid decides) is an open status: the partial
-- index behind gridloop_open_cases{stage} covers it. The predicate lists RequestStatus.open() (OpenCasesIT fails when
-- the two differ).
DROP INDEX service_request_open_status;
CREATE INDEX service_request_open_status ON service_request (status)
    WHERE status IN ('SUBMITTED', 'ACCEPTED', 'GRID_HANDLING', 'WHISTLED', 'AWAITING_DECISION', 'VERIFYING',
                     'AWAITING_FEEDBACK', 'RETURN_VISIT');
