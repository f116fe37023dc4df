-- 未诉先办: a proactive case (source proactive, opened by a supervisor in grid-intake) names the cases that led to it
-- (request.submitted's linkedRequestIds); kept here so the hotspot view shows which repeated problems already have
-- a proactive case. Part of the read model: rebuilt from the topics with the facts.
CREATE TABLE case_link (
    request_id            VARCHAR(64) NOT NULL,
    proactive_request_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (request_id, proactive_request_id)
);
