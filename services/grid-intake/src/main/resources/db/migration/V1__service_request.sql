CREATE TABLE service_request (
    id                  VARCHAR(32)   PRIMARY KEY,
    tracking_token_hash VARCHAR(64)   NOT NULL,
    source              VARCHAR(16)   NOT NULL,
    category            VARCHAR(64)   NOT NULL,
    description         VARCHAR(4000) NOT NULL,
    latitude            DOUBLE PRECISION NOT NULL,
    longitude           DOUBLE PRECISION NOT NULL,
    address             VARCHAR(500),
    grid_code           VARCHAR(15)   NOT NULL,
    photo_urls          TEXT[],
    anonymous           BOOLEAN       NOT NULL,
    contact_name        VARCHAR(100),
    contact_phone       VARCHAR(32),
    reporter            VARCHAR(200),
    status              VARCHAR(32)   NOT NULL,
    round               INT           NOT NULL DEFAULT 1,
    rework_count        INT           NOT NULL DEFAULT 0,
    rating              INT,
    rating_comment      VARCHAR(2000),
    outcome             VARCHAR(32),
    created_at          TIMESTAMPTZ   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL,
    version             BIGINT        NOT NULL DEFAULT 0
);

-- a grid worker's task list; duplicates nearby (same category, open, recent)
CREATE INDEX service_request_grid_status ON service_request (grid_code, status);
CREATE INDEX service_request_category_open ON service_request (category, status, created_at);
CREATE INDEX service_request_reporter ON service_request (reporter) WHERE reporter IS NOT NULL;
