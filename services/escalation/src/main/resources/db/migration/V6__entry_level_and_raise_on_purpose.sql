-- Where an escalation enters the ladder (escalation-entry.dmn) reads what opened it: the stalled department's unit
-- (dispatch.limit-missed's departmentUnit: a district's code, or the city's; null from older producers and for
-- the request's own stages), and, for a supervisor's raise on purpose (上提一级, trigger SUPERVISOR_RAISED), the
-- unit that raised it, who and why. Fixed once opened.
ALTER TABLE escalation ADD COLUMN department_unit VARCHAR(15);
ALTER TABLE escalation ADD COLUMN raised_from     VARCHAR(15);
ALTER TABLE escalation ADD COLUMN raised_by       VARCHAR(200);
ALTER TABLE escalation ADD COLUMN raise_note      VARCHAR(500);
