-- 照片: photos uploaded to the system (JPEG or PNG, re-encoded without metadata, scaled to a bounded size) and their
-- thumbnails. An upload is attached to one request at one stage by the step that uses it (REPORT, BEFORE, AFTER,
-- VERIFY); an upload never attached is deleted after a day (platform Background, PhotoCommands.prune).
CREATE TABLE photo (
    id           varchar(32) PRIMARY KEY,
    request_id   varchar(32),
    stage        text,
    content_type text NOT NULL,
    width        integer NOT NULL,
    height       integer NOT NULL,
    size_bytes   integer NOT NULL,
    data         bytea NOT NULL,
    thumbnail    bytea NOT NULL,
    uploader     text,
    uploaded_at  timestamptz NOT NULL,
    attached_at  timestamptz,
    CHECK ((request_id IS NULL) = (stage IS NULL))
);
CREATE INDEX photo_request ON photo (request_id, attached_at) WHERE request_id IS NOT NULL;
CREATE INDEX photo_unattached ON photo (uploaded_at) WHERE request_id IS NULL;
