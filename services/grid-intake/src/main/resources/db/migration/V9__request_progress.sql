-- 办理进展: what the resident reads about each step of their case, in plain language (the pages word each code). One
-- line per resident-facing step, written in the step's own transaction; codes and values only, never free text.
CREATE TABLE request_progress (
    seq        bigserial PRIMARY KEY,
    request_id varchar(32) NOT NULL,
    at         timestamptz NOT NULL,
    code       text NOT NULL,
    params     text NOT NULL DEFAULT '{}'
);
CREATE INDEX request_progress_request ON request_progress (request_id, seq);
