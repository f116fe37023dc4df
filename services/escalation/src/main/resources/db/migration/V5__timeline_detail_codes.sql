-- A timeline entry's detail is a code and its parameters (TimelineDetail), worded by the pages in the reader's
-- language, no longer an English sentence. The entries recorded before keep their sentence as the parameter "text"
-- of the code "legacy"; POST /api/admin/rebuild derives them again from the topics, as codes.
ALTER TABLE timeline_entry ADD COLUMN detail_code VARCHAR(64);
ALTER TABLE timeline_entry ADD COLUMN detail_params JSONB;
UPDATE timeline_entry SET detail_code = 'legacy', detail_params = jsonb_build_object('text', detail);
ALTER TABLE timeline_entry ALTER COLUMN detail_code SET NOT NULL;
ALTER TABLE timeline_entry ALTER COLUMN detail_params SET NOT NULL;
ALTER TABLE timeline_entry DROP COLUMN detail;
