-- The inbox is pruned by age (platform inbox/InboxPruning): a BRIN index on applied_at finds the old rows of an
-- append-ordered table at a fraction of a B-tree's size and insert cost.
CREATE INDEX inbox_applied_at ON inbox USING brin (applied_at);
