-- grid workers' tasks, rejection, duplicates
ALTER TABLE service_request ADD COLUMN claimed_by VARCHAR(200);
ALTER TABLE service_request ADD COLUMN handled_at TIMESTAMPTZ;
ALTER TABLE service_request ADD COLUMN whistle_blown_at TIMESTAMPTZ;
ALTER TABLE service_request ADD COLUMN verified_round INT;
ALTER TABLE service_request ADD COLUMN merged_into VARCHAR(32) REFERENCES service_request (id);
ALTER TABLE service_request ADD COLUMN reject_reason VARCHAR(32);
ALTER TABLE service_request ADD COLUMN status_note VARCHAR(2000);
ALTER TABLE service_request ADD COLUMN closed_at TIMESTAMPTZ;
CREATE INDEX service_request_merged_into ON service_request (merged_into) WHERE merged_into IS NOT NULL;
