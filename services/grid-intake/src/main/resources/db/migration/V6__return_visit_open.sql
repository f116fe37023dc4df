-- 回访 (RETURN_VISIT) is an open status: the partial index behind gridloop_open_cases{stage} covers it too. The
-- predicate lists RequestStatus.open() (OpenCasesIT fails when the two differ).
DROP INDEX service_request_open_status;
CREATE INDEX service_request_open_status ON service_request (status)
    WHERE status IN ('SUBMITTED', 'ACCEPTED', 'GRID_HANDLING', 'WHISTLED', 'VERIFYING', 'AWAITING_FEEDBACK',
                     'RETURN_VISIT');
