-- 街道对职能部门的评价: the grid or street that called a department rates its response, once per case, round and
-- department (attitude and result, 1 to 5; "reported in on time" is the facts'). The rating is this service's own
-- record of the step (not rebuilt from the topics); gridloop.escalation.department-rated.v1 announces it and feeds
-- the read model below.
CREATE TABLE department_rating (
    request_id  VARCHAR(64)  NOT NULL,
    round       INT          NOT NULL,
    department  VARCHAR(100) NOT NULL,
    grid_code   VARCHAR(15)  NOT NULL,
    rated_by    VARCHAR(200) NOT NULL,
    rater_role  VARCHAR(32)  NOT NULL,
    attitude    SMALLINT     NOT NULL CHECK (attitude BETWEEN 1 AND 5),
    result      SMALLINT     NOT NULL CHECK (result BETWEEN 1 AND 5),
    note        VARCHAR(500),
    rated_at    TIMESTAMPTZ  NOT NULL,
    event_id    VARCHAR(64)  NOT NULL,
    PRIMARY KEY (request_id, round, department)
);

-- The evaluation facts of a call (read model, rebuilt from the topics): the caller's rating, and what counts against
-- the departments of a round: its verification on site failed (request.verified, passed false), the resident sent
-- it back (request.reopened naming the round).
ALTER TABLE dispatch_fact ADD COLUMN attitude            SMALLINT;
ALTER TABLE dispatch_fact ADD COLUMN rated_result        SMALLINT;
ALTER TABLE dispatch_fact ADD COLUMN rated_at            TIMESTAMPTZ;
ALTER TABLE dispatch_fact ADD COLUMN verification_failed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE dispatch_fact ADD COLUMN reopened            BOOLEAN NOT NULL DEFAULT FALSE;

-- What happened to a round as a whole, whichever of its calls the read model has seen yet (the request and the
-- dispatch topics interleave): a call copies its round's marks when it is written, a mark is copied to the calls
-- already there.
CREATE TABLE round_fact (
    request_id          VARCHAR(64) NOT NULL,
    round               INT         NOT NULL,
    verification_failed BOOLEAN     NOT NULL DEFAULT FALSE,
    reopened            BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (request_id, round)
);
