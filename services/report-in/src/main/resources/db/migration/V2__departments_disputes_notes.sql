-- The department directory: who can be called, and the unit (district code, or the city) each belongs to.
CREATE TABLE department (
    code     VARCHAR(64)   PRIMARY KEY,
    name_zh  VARCHAR(100)  NOT NULL,
    name_en  VARCHAR(200)  NOT NULL,
    unit     VARCHAR(12)   NOT NULL,   -- 6-digit district code, or the city's
    kind     VARCHAR(20)   NOT NULL    -- functional | district-office
);
INSERT INTO department (code, name_zh, name_en, unit, kind) VALUES
    ('water',            '水务局',           'Water Authority',                      '110100', 'functional'),
    ('urban-management', '城市管理委员会',   'Urban Management (城管)',              '110100', 'functional'),
    ('housing',          '住房和城乡建设委员会', 'Housing and Construction',          '110100', 'functional'),
    ('environment',      '生态环境局',       'Ecology and Environment',              '110100', 'functional'),
    ('transport',        '交通委员会',       'Transport Commission',                 '110100', 'functional'),
    ('gas',              '燃气集团',         'Gas Company',                          '110100', 'functional'),
    ('landscaping',      '园林绿化局',       'Landscaping and Forestry',             '110100', 'functional'),
    ('district-110105',  '朝阳区城市运行管理中心', 'Chaoyang District Operations Centre', '110105', 'district-office');

-- Disputes (jurisdiction) on an assignment; a re-routed assignment ends as REROUTED and a new one is called.
ALTER TABLE department_assignment ADD COLUMN disputed_at    TIMESTAMPTZ;
ALTER TABLE department_assignment ADD COLUMN dispute_reason VARCHAR(2000);

-- The resolution limit the round was called with (copied onto departments called later: re-routes, reassignments),
-- and why it was closed by order, if it was.
ALTER TABLE dispatch ADD COLUMN resolve_limit_ms BIGINT;
ALTER TABLE dispatch ADD COLUMN closed_by_order  BOOLEAN NOT NULL DEFAULT FALSE;

-- The round's journal: progress notes, disputes, decisions, coordination, closing. Append only.
CREATE TABLE dispatch_note (
    id          VARCHAR(36)    PRIMARY KEY,
    request_id  VARCHAR(64)    NOT NULL,
    round       INT            NOT NULL,
    department  VARCHAR(64),
    kind        VARCHAR(16)    NOT NULL,
    text        VARCHAR(2000),
    author      VARCHAR(100),
    created_at  TIMESTAMPTZ    NOT NULL
);
CREATE INDEX dispatch_note_round ON dispatch_note (request_id, round, created_at);
