-- 未诉先办: a proactive case (source 'proactive') names the earlier cases a supervisor opened it from (a hotspot's
-- cases, closed ones included), in the order given. Written in the opening step's transaction; the request view
-- shows them (linkedRequestIds) and, on each earlier case, the proactive cases that followed it (followedBy).
-- The new case's own row is written when the step commits (ServiceRequests writes its records then): the key to it is
-- checked at the commit.
CREATE TABLE request_link (
    request_id        varchar(32) NOT NULL REFERENCES service_request (id) DEFERRABLE INITIALLY DEFERRED,
    linked_request_id varchar(32) NOT NULL REFERENCES service_request (id),
    position          integer     NOT NULL,
    PRIMARY KEY (request_id, linked_request_id)
);
CREATE INDEX request_link_linked ON request_link (linked_request_id);
