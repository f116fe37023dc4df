-- gridloop_open_cases{stage} (process/OpenCases) counts the open cases by status every few seconds: a partial index
-- on the open ones keeps that an index-only count however many cases are closed. The predicate lists
-- RequestStatus.open() (OpenCasesIT fails when the two differ).
CREATE INDEX service_request_open_status ON service_request (status)
    WHERE status IN ('SUBMITTED', 'ACCEPTED', 'GRID_HANDLING', 'WHISTLED', 'VERIFYING', 'AWAITING_FEEDBACK');
