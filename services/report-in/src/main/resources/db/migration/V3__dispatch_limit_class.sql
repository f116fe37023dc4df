-- The routing table's limit class a round was called with: re-routed departments get the same resolution limit,
-- and a reopened round calls the same departments with it (kept on the record, not in the engine's history).
ALTER TABLE dispatch ADD COLUMN limit_class VARCHAR(32);
